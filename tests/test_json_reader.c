/* The jansson wrapper: items of bundles, arrays, lone objects and JSON Lines
 * with their lines and JSON pointers; errors with positions in the file;
 * the nesting bound; values refused one by one. */
#include "tests/testutil.h"

#include "graph/strbuf.h"
#include "loaders/json_reader.h"

struct fixture {
	struct graph *g;
	struct diag_list d;
	struct load_ctx c;
	struct load_opts o;
	struct jr *r;
};

static void open_text(struct fixture *f, const char *text, enum jr_mode mode)
{
	memset(f, 0, sizeof(*f));
	f->g = graph_new();
	diag_init(&f->d);
	f->c.g = f->g;
	f->c.file = graph_add_file(f->g, "mem.json", "stix2");
	f->c.path = "mem.json";
	f->c.fp = fmemopen((void *)text, strlen(text), "rb");
	if (!*text) /* fmemopen refuses size 0 */
		f->c.fp = fopen("/dev/null", "rb");
	assert_non_null(f->c.fp);
	f->c.opts = &f->o;
	f->c.d = &f->d;
	f->r = jr_open(&f->c, mode);
}

static void close_fixture(struct fixture *f)
{
	jr_close(f->r);
	fclose(f->c.fp);
	diag_free(&f->d);
	graph_free(f->g);
}

/* Reads every item; returns the final status. ids[] gets each item's "id"
 * (or "-"), lines[] its line. */
static int read_all(struct fixture *f, char ids[][64], uint32_t *lines, char ptrs[][32], int max,
		    int *n)
{
	struct jr_item it;
	int rc;
	*n = 0;
	while ((rc = jr_next(f->r, &it)) == JR_ITEM) {
		if (*n < max) {
			const char *id = jr_str(it.value, "id");
			snprintf(ids[*n], 64, "%s", id ? id : "-");
			lines[*n] = it.line;
			struct strbuf sb = STRBUF_INIT;
			jr_pointer(&it, &sb);
			snprintf(ptrs[*n], 32, "%s", strbuf_str(&sb));
			strbuf_free(&sb);
		}
		(*n)++;
		json_decref(it.value);
	}
	return rc;
}

static const struct diag *first_diag(const struct diag_list *d, int level)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].level == level)
			return &d->items[i];
	return NULL;
}

static void test_bundle_streamed(void **state)
{
	(void)state;
	struct fixture f;
	open_text(&f,
		  "{\"type\": \"bundle\", \"id\": \"bundle--1\",\n"
		  " \"objects\": [\n"
		  "  {\"type\": \"campaign\", \"id\": \"campaign--a\"},\n"
		  "  {\"type\": \"campaign\", \"id\": \"campaign--b\",\n"
		  "   \"name\": \"x\"}, {\"id\": \"c\"}\n"
		  " ],\n"
		  " \"spec_version\": \"2.0\"}\n",
		  JR_STREAM);
	char ids[4][64], ptrs[4][32];
	uint32_t lines[4];
	int n;
	assert_int_equal(read_all(&f, ids, lines, ptrs, 4, &n), JR_END);
	assert_int_equal(n, 3);
	assert_string_equal(ids[0], "campaign--a");
	assert_string_equal(ids[2], "c");
	assert_int_equal(lines[0], 3);
	assert_int_equal(lines[1], 4);
	assert_int_equal(lines[2], 5);
	assert_string_equal(ptrs[1], "/objects/1");
	/* members after "objects" still reach the envelope */
	assert_string_equal(jr_str(jr_envelope(f.r), "spec_version"), "2.0");
	assert_string_equal(jr_str(jr_envelope(f.r), "type"), "bundle");
	assert_int_equal(f.d.count, 0);
	close_fixture(&f);
}

static void test_array_and_lone_object(void **state)
{
	(void)state;
	struct fixture f;
	char ids[4][64], ptrs[4][32];
	uint32_t lines[4];
	int n;
	open_text(&f, "[{\"id\": \"a\"}, {\"id\": \"b\"}]", JR_STREAM);
	assert_int_equal(read_all(&f, ids, lines, ptrs, 4, &n), JR_END);
	assert_int_equal(n, 2);
	assert_string_equal(ptrs[1], "/1");
	assert_null(jr_envelope(f.r));
	close_fixture(&f);

	/* an object without "objects" comes out whole, members in order */
	open_text(&f, "\xEF\xBB\xBF\n  {\"type\": \"campaign\", \"id\": \"campaign--z\", \"n\": [1, {\"k\": 2}]}",
		  JR_STREAM);
	struct jr_item it;
	assert_int_equal(jr_next(f.r, &it), JR_ITEM);
	assert_int_equal(it.line, 2);
	assert_int_equal(it.col, 3);
	assert_string_equal(jr_str(it.value, "id"), "campaign--z");
	assert_int_equal(json_object_size(it.value), 3);
	assert_string_equal(json_object_iter_key(json_object_iter(it.value)), "type");
	json_decref(it.value);
	assert_int_equal(jr_next(f.r, &it), JR_END);
	close_fixture(&f);
}

static void test_json_lines(void **state)
{
	(void)state;
	struct fixture f;
	char ids[4][64], ptrs[4][32];
	uint32_t lines[4];
	int n;
	open_text(&f, "{\"id\": \"1\"}\n{\"id\": \"2\"}\n\n{\"id\": \"3\"}\n", JR_STREAM);
	assert_int_equal(read_all(&f, ids, lines, ptrs, 4, &n), JR_END);
	assert_int_equal(n, 3);
	assert_int_equal(lines[2], 4);
	assert_string_equal(ids[2], "3");
	assert_int_equal(jr_values(f.r), 3);
	close_fixture(&f);

	/* a syntax error on line 3 is reported at line 3, not line 1 */
	open_text(&f, "{\"id\": \"1\"}\n{\"id\": \"2\"}\n{\"id\": \"3\",}\n", JR_WHOLE);
	assert_int_equal(read_all(&f, ids, lines, ptrs, 4, &n), JR_ERROR);
	assert_int_equal(n, 2);
	const struct diag *e = first_diag(&f.d, DIAG_ERROR);
	assert_non_null(e);
	assert_int_equal(e->code, D_SYNTAX);
	assert_int_equal(e->line, 3);
	assert_int_equal(e->col, 12); /* jansson points at the '}' */
	close_fixture(&f);
}

static void test_trailing_comma_and_truncation(void **state)
{
	(void)state;
	struct fixture f;
	char ids[4][64], ptrs[4][32];
	uint32_t lines[4];
	int n;
	/* a trailing comma in the streamed objects array */
	open_text(&f, "{\"type\": \"bundle\", \"objects\": [\n{\"id\": \"a\"},\n]}", JR_STREAM);
	assert_int_equal(read_all(&f, ids, lines, ptrs, 4, &n), JR_ERROR);
	assert_int_equal(n, 1);
	const struct diag *e = first_diag(&f.d, DIAG_ERROR);
	assert_non_null(e);
	assert_int_equal(e->line, 3);
	assert_int_equal(e->col, 1);
	close_fixture(&f);

	/* inside a whole value jansson finds it; the position is the file's */
	open_text(&f, "{\"Event\": {\n  \"a\": [\n    1,\n  ]}}", JR_WHOLE);
	assert_int_equal(read_all(&f, ids, lines, ptrs, 4, &n), JR_ERROR);
	e = first_diag(&f.d, DIAG_ERROR);
	assert_non_null(e);
	assert_int_equal(e->line, 4);
	close_fixture(&f);

	/* truncated in the middle of an object of a bundle */
	open_text(&f, "{\"type\": \"bundle\", \"objects\": [\n{\"id\": \"a\"},\n{\"id\": \"b", JR_STREAM);
	assert_int_equal(read_all(&f, ids, lines, ptrs, 4, &n), JR_ERROR);
	assert_int_equal(n, 1);
	e = first_diag(&f.d, DIAG_ERROR);
	assert_non_null(e);
	assert_int_equal(e->code, D_SYNTAX);
	assert_int_equal(e->line, 3);
	close_fixture(&f);

	/* truncated between objects */
	open_text(&f, "{\"type\": \"bundle\", \"objects\": [\n{\"id\": \"a\"},\n", JR_STREAM);
	assert_int_equal(read_all(&f, ids, lines, ptrs, 4, &n), JR_ERROR);
	e = first_diag(&f.d, DIAG_ERROR);
	assert_non_null(strstr(e->msg, "end of file"));
	close_fixture(&f);
}

static void test_nesting_bound(void **state)
{
	(void)state;
	char *deep = malloc(10002);
	memset(deep, '[', 10000);
	deep[10000] = '\0';
	struct fixture f;
	struct jr_item it;
	open_text(&f, deep, JR_WHOLE);
	assert_int_equal(jr_next(f.r, &it), JR_ERROR);
	const struct diag *e = first_diag(&f.d, DIAG_ERROR);
	assert_non_null(e);
	assert_int_equal(e->code, D_LIMIT);
	assert_int_equal(e->line, 1);
	assert_int_equal(e->col, 65); /* the 65th '[' is one too many */
	close_fixture(&f);

	/* the bound counts the bundle's own levels */
	open_text(&f, "{\"objects\": [[[[[[1]]]]]]}", JR_STREAM);
	f.c.opts = &f.o;
	jr_close(f.r);
	f.o.max_depth = 6;
	f.r = jr_open(&f.c, JR_STREAM);
	assert_int_equal(jr_next(f.r, &it), JR_ERROR);
	close_fixture(&f);
	open_text(&f, "{\"objects\": [[[[1]]]]}", JR_STREAM);
	jr_close(f.r);
	f.o.max_depth = 6;
	f.r = jr_open(&f.c, JR_STREAM);
	assert_int_equal(jr_next(f.r, &it), JR_ITEM);
	json_decref(it.value);
	close_fixture(&f);
	free(deep);
}

static void test_refused_items_skipped(void **state)
{
	(void)state;
	struct fixture f;
	char ids[4][64], ptrs[4][32];
	uint32_t lines[4];
	int n;
	/* a duplicate key spoils one object, not the bundle */
	open_text(&f,
		  "{\"objects\": [\n{\"id\": \"a\"},\n{\"id\": \"b\", \"id\": \"c\"},\n{\"id\": \"d\"}]}",
		  JR_STREAM);
	assert_int_equal(read_all(&f, ids, lines, ptrs, 4, &n), JR_END);
	assert_int_equal(n, 2);
	assert_string_equal(ids[1], "d");
	assert_int_equal(jr_skipped(f.r), 1);
	const struct diag *w = first_diag(&f.d, DIAG_WARNING);
	assert_non_null(w);
	assert_int_equal(w->code, D_DUPLICATE);
	assert_int_equal(w->line, 3);
	assert_null(first_diag(&f.d, DIAG_ERROR));
	close_fixture(&f);

	/* an empty input is a clean end; so is whitespace */
	open_text(&f, "", JR_STREAM);
	assert_int_equal(read_all(&f, ids, lines, ptrs, 4, &n), JR_END);
	assert_int_equal(n, 0);
	close_fixture(&f);
	open_text(&f, " \n\t\n", JR_WHOLE);
	assert_int_equal(read_all(&f, ids, lines, ptrs, 4, &n), JR_END);
	assert_int_equal(n, 0);
	close_fixture(&f);
}

static void test_big_values_cross_buffers(void **state)
{
	(void)state;
	/* objects larger than the 1 MiB read buffer, with escapes and newlines
	 * in strings: boundaries must not confuse the scanner */
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "{\"type\":\"bundle\",\"objects\":[\n");
	for (int i = 0; i < 3; i++) {
		strbuf_addf(&sb, "%s{\"id\":\"o%d\",\"d\":\"", i ? ",\n" : "", i);
		for (int k = 0; k < 400000; k++)
			strbuf_adds(&sb, "a\\\"]}");
		strbuf_adds(&sb, "\"}");
	}
	strbuf_adds(&sb, "\n]}\n");
	struct fixture f;
	char ids[4][64], ptrs[4][32];
	uint32_t lines[4];
	int n;
	open_text(&f, strbuf_str(&sb), JR_STREAM);
	assert_int_equal(read_all(&f, ids, lines, ptrs, 4, &n), JR_END);
	assert_int_equal(n, 3);
	assert_string_equal(ids[2], "o2");
	assert_int_equal(lines[2], 4);
	close_fixture(&f);
	strbuf_free(&sb);
}

static void test_accessors(void **state)
{
	(void)state;
	json_t *o = json_pack("{s:s, s:i, s:s, s:b, s:s}", "a", "x", "n", 42, "s", "17", "t", 1,
			      "u", "true");
	long long v;
	assert_string_equal(jr_str(o, "a"), "x");
	assert_null(jr_str(o, "n"));
	assert_int_equal(jr_int(o, "n", &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(jr_int(o, "s", &v), 0);
	assert_int_equal(v, 17);
	assert_int_equal(jr_int(o, "a", &v), -1);
	assert_true(jr_true(o, "t"));
	assert_true(jr_true(o, "u"));
	assert_false(jr_true(o, "a"));
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundle_streamed),
		cmocka_unit_test(test_array_and_lone_object),
		cmocka_unit_test(test_json_lines),
		cmocka_unit_test(test_trailing_comma_and_truncation),
		cmocka_unit_test(test_nesting_bound),
		cmocka_unit_test(test_refused_items_skipped),
		cmocka_unit_test(test_big_values_cross_buffers),
		cmocka_unit_test(test_accessors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
