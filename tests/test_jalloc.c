/* Arena memory for jansson trees (loaders/jalloc.h): a tree parsed into an
 * arena reads back whole, big values fit, the chunks of a put arena are the
 * next ones handed out, and jansson keeps working on malloc outside an
 * arena (trees built and freed with json_decref, also while an arena is
 * current on another thread), and only while attached. ASan and valgrind
 * check the rest. */
#include "tests/testutil.h"

#include <jansson.h>
#include <pthread.h>

#include "loaders/jalloc.h"

static json_t *parse_in(struct jalloc *a, const char *text)
{
	json_error_t e;
	jalloc_begin(a);
	json_t *v = json_loads(text, JSON_REJECT_DUPLICATES, &e);
	jalloc_end();
	return v;
}

static void test_tree_in_arena(void **state)
{
	(void)state;
	assert_int_equal(jalloc_attach(), 0);
	struct jalloc *a = jalloc_get();
	assert_non_null(a);
	json_t *v =
	    parse_in(a, "{\"type\": \"indicator\", \"id\": \"indicator--1\", "
			"\"labels\": [\"a\", \"b\", \"c\"], \"n\": 42, \"x\": {\"y\": null}}");
	assert_non_null(v);
	assert_false(jalloc_needs_walk(a));
	assert_string_equal(json_string_value(json_object_get(v, "type")), "indicator");
	assert_string_equal(json_string_value(json_object_get(v, "id")), "indicator--1");
	assert_int_equal(json_array_size(json_object_get(v, "labels")), 3);
	assert_string_equal(json_string_value(json_array_get(json_object_get(v, "labels"), 2)),
			    "c");
	assert_int_equal(json_integer_value(json_object_get(v, "n")), 42);
	assert_true(json_is_null(json_object_get(json_object_get(v, "x"), "y")));
	jalloc_put(a);
	/* the chunk just put is the next one handed out */
	struct jalloc *b = jalloc_get();
	assert_ptr_equal(a, b);
	jalloc_put(b);
	jalloc_detach();
}

/* A value bigger than a chunk, and an object with enough keys to grow its
 * hash table several times. */
static void test_big_values(void **state)
{
	(void)state;
	assert_int_equal(jalloc_attach(), 0);
	size_t n = 100000;
	char *text = malloc(n + 64);
	int len = sprintf(text, "{\"big\": \"");
	memset(text + len, 'q', n);
	strcpy(text + len + n, "\", \"k\": 1}");
	struct jalloc *a = jalloc_get();
	json_t *v = parse_in(a, text);
	assert_non_null(v);
	assert_false(jalloc_needs_walk(a));
	assert_int_equal(json_string_length(json_object_get(v, "big")), n);
	assert_int_equal(json_string_value(json_object_get(v, "big"))[n - 1], 'q');
	jalloc_put(a);
	free(text);

	char *obj = malloc(200000);
	size_t olen = 0;
	obj[olen++] = '{';
	for (int i = 0; i < 5000; i++)
		olen += (size_t)sprintf(obj + olen, "%s\"key%d\": %d", i ? "," : "", i, i);
	obj[olen++] = '}';
	obj[olen] = '\0';
	a = jalloc_get();
	v = parse_in(a, obj);
	assert_non_null(v);
	assert_int_equal(json_object_size(v), 5000);
	assert_int_equal(json_integer_value(json_object_get(v, "key4999")), 4999);
	jalloc_put(a);
	free(obj);
	jalloc_detach();
}

/* A refused parse frees what it built into the arena; the arena still goes
 * back whole. */
static void test_refused_parse(void **state)
{
	(void)state;
	assert_int_equal(jalloc_attach(), 0);
	struct jalloc *a = jalloc_get();
	assert_null(parse_in(a, "{\"a\": [1, 2, {\"b\": 3}], \"a\": 4}"));
	jalloc_put(a);
	jalloc_detach();
}

static void *build_outside(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++) {
		json_t *o = json_pack("{s:s, s:[i,i]}", "k", "value", "l", i, i + 1);
		json_t *copy = json_deep_copy(o);
		json_decref(o);
		json_decref(copy);
	}
	return NULL;
}

/* Outside jalloc_begin..end jansson allocates with malloc, also on a thread
 * running beside one that parses into an arena, and such trees are freed
 * with json_decref as always (ASan/valgrind would see a leak or a bad
 * free). */
static void test_outside_arena(void **state)
{
	(void)state;
	assert_int_equal(jalloc_attach(), 0);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, build_outside, NULL), 0);
	for (int i = 0; i < 1000; i++) {
		struct jalloc *a = jalloc_get();
		json_t *v = parse_in(a, "{\"id\": \"x--1\", \"refs\": [\"a\", \"b\"]}");
		assert_non_null(v);
		jalloc_put(a);
	}
	assert_int_equal(pthread_join(t, NULL), 0);
	json_t *o = json_object();
	json_object_set_new(o, "s", json_string("kept"));
	assert_string_equal(json_string_value(json_object_get(o, "s")), "kept");
	json_decref(o);
	jalloc_trim();
	jalloc_detach();
}

/* jansson has one allocator for the process: ours only while attached
 * (attachments nest), jansson's own before and after, and no arenas then.
 * A tree built while attached is freed after with jansson's free, one built
 * before is freed while attached with ours. */
static void test_attach_scope(void **state)
{
	(void)state;
	json_malloc_t m0, m;
	json_free_t f0, f;
	json_get_alloc_funcs(&m0, &f0);
	assert_null(jalloc_get());
	json_t *before = json_pack("{s:s}", "made", "before");
	assert_int_equal(jalloc_attach(), 0);
	json_get_alloc_funcs(&m, &f);
	assert_ptr_not_equal(m, m0);
	assert_ptr_not_equal(f, f0);
	json_t *during = json_pack("{s:[i,i]}", "made", 1, 2);
	json_decref(before);
	assert_int_equal(jalloc_attach(), 0); /* nested */
	jalloc_detach();
	json_get_alloc_funcs(&m, &f);
	assert_ptr_not_equal(m, m0);
	/* an arena still out keeps ours installed past the last detach */
	struct jalloc *a = jalloc_get();
	assert_non_null(a);
	jalloc_detach();
	json_get_alloc_funcs(&m, &f);
	assert_ptr_not_equal(m, m0);
	jalloc_put(a);
	assert_int_equal(jalloc_attach(), 0);
	jalloc_detach();
	json_get_alloc_funcs(&m, &f);
	assert_ptr_equal(m, m0);
	assert_ptr_equal(f, f0);
	assert_null(jalloc_get());
	json_decref(during);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tree_in_arena), cmocka_unit_test(test_big_values),
	    cmocka_unit_test(test_refused_parse), cmocka_unit_test(test_outside_arena),
	    cmocka_unit_test(test_attach_scope),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
