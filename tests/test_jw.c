/* The JSON writer of every --json output (graph/jw.h): exact bytes in the
 * compact and the pretty form, commas and empty containers, escaping of
 * hostile strings, numbers that diff stably, and valid JSON (checked by
 * parsing it back with jansson) however deep the nesting. */
#include "tests/testutil.h"

#include <jansson.h>
#include <math.h>

#include "graph/jw.h"

static void sample(struct jw *w)
{
	jw_obj_begin(w);
	jw_kstr(w, "name", "APT15");
	jw_kint(w, "count", -3);
	jw_knum(w, "score", 0.1049999, 3);
	jw_key(w, "tags");
	jw_arr_begin(w);
	jw_str(w, "a");
	jw_bool(w, 1);
	jw_null(w);
	jw_arr_end(w);
	jw_key(w, "empty");
	jw_obj_begin(w);
	jw_obj_end(w);
	jw_key(w, "none");
	jw_arr_begin(w);
	jw_arr_end(w);
	jw_kstr(w, "absent", NULL);
	jw_obj_end(w);
}

static void test_compact_and_pretty(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	struct jw w;
	jw_init(&w, &sb, 0);
	sample(&w);
	assert_string_equal(sb.buf, "{\"name\":\"APT15\",\"count\":-3,\"score\":0.105,"
				    "\"tags\":[\"a\",true,null],\"empty\":{},\"none\":[],"
				    "\"absent\":null}");
	strbuf_reset(&sb);
	jw_init(&w, &sb, 1);
	sample(&w);
	assert_string_equal(sb.buf, "{\n"
				    "  \"name\": \"APT15\",\n"
				    "  \"count\": -3,\n"
				    "  \"score\": 0.105,\n"
				    "  \"tags\": [\n"
				    "    \"a\",\n"
				    "    true,\n"
				    "    null\n"
				    "  ],\n"
				    "  \"empty\": {},\n"
				    "  \"none\": [],\n"
				    "  \"absent\": null\n"
				    "}\n");
	strbuf_free(&sb);
}

/* Quotes, backslashes and controls escaped; DEL, C1 and U+2028 as \u;
 * invalid UTF-8 as U+FFFD; other UTF-8 kept. The result parses back to
 * the same text where the input was valid. */
static void test_escaping(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	struct jw w;
	jw_init(&w, &sb, 0);
	jw_arr_begin(&w);
	jw_str(&w, "q\"b\\n\nt\tc\x01\x1b[31m");
	jw_str(&w, "del\x7f c1\xc2\x85 ls\xe2\x80\xa8 ok\xc3\xbc");
	jw_str(&w, "bad\xff\xc3");
	jw_arr_end(&w);
	assert_string_equal(sb.buf, "[\"q\\\"b\\\\n\\nt\\tc\\u0001\\u001b[31m\","
				    "\"del\\u007f c1\\u0085 ls\\u2028 ok\xc3\xbc\","
				    "\"bad\\ufffd\\ufffd\"]");
	json_error_t e;
	json_t *v = json_loads(sb.buf, 0, &e);
	assert_non_null(v);
	assert_string_equal(json_string_value(json_array_get(v, 0)), "q\"b\\n\nt\tc\x01\x1b[31m");
	assert_string_equal(json_string_value(json_array_get(v, 2)), "bad\xef\xbf\xbd\xef\xbf\xbd");
	json_decref(v);
	/* keys are escaped as strings are */
	strbuf_reset(&sb);
	jw_init(&w, &sb, 0);
	jw_obj_begin(&w);
	jw_kint(&w, "k\"\n", 1);
	jw_obj_end(&w);
	assert_string_equal(sb.buf, "{\"k\\\"\\n\":1}");
	strbuf_free(&sb);
}

/* Numbers: fixed decimals (trailing zeros kept), no "-0" in any form, and
 * what JSON cannot hold (NaN, infinities) as null. */
static void test_numbers(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	struct jw w;
	jw_init(&w, &sb, 0);
	jw_arr_begin(&w);
	jw_num(&w, 2.5, 3);
	jw_num(&w, -0.0, 2);
	jw_num(&w, -0.0004, 3);
	jw_num(&w, -0.0006, 3);
	jw_num(&w, NAN, 2);
	jw_num(&w, INFINITY, 2);
	jw_num(&w, 1.0, 0);
	jw_int(&w, -9223372036854775807LL - 1);
	jw_arr_end(&w);
	assert_string_equal(sb.buf, "[2.500,0.00,0.000,-0.001,null,null,1,-9223372036854775808]");
	strbuf_free(&sb);
}

/* Nesting down to the deepest level the writer tracks gives valid JSON with
 * every comma; two items per level, so a lost level would lose a comma or
 * add one. (It tracked 64 levels and wrote "[..., [63 -63]" beyond.) */
static void test_deep(void **state)
{
	(void)state;
	enum { DEPTH = JW_MAX_DEPTH - 1 };
	for (int pretty = 0; pretty < 2; pretty++) {
		struct strbuf sb = STRBUF_INIT;
		struct jw w;
		jw_init(&w, &sb, pretty);
		for (int i = 0; i < DEPTH; i++) {
			jw_arr_begin(&w);
			jw_int(&w, i);
		}
		for (int i = 0; i < DEPTH; i++) {
			jw_int(&w, -i);
			jw_arr_end(&w);
		}
		json_error_t e;
		json_t *v = json_loads(sb.buf, 0, &e);
		if (!v)
			fail_msg("pretty=%d: %s at %d:%d", pretty, e.text, e.line, e.column);
		json_t *x = v;
		for (int i = 0; i < DEPTH - 1; i++) {
			assert_int_equal(json_array_size(x), 3);
			assert_int_equal(json_integer_value(json_array_get(x, 0)), i);
			assert_int_equal(json_integer_value(json_array_get(x, 2)),
					 -(DEPTH - 1 - i));
			x = json_array_get(x, 1);
		}
		assert_int_equal(json_array_size(x), 2);
		json_decref(v);
		strbuf_free(&sb);
	}
}

/* More than 255 items at one level (the per-level count is capped) keep
 * their commas. */
static void test_many_items(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	struct jw w;
	jw_init(&w, &sb, 1);
	jw_obj_begin(&w);
	for (int i = 0; i < 600; i++) {
		char k[16];
		snprintf(k, sizeof(k), "k%d", i);
		jw_kint(&w, k, i);
	}
	jw_obj_end(&w);
	json_error_t e;
	json_t *v = json_loads(sb.buf, 0, &e);
	assert_non_null(v);
	assert_int_equal(json_object_size(v), 600);
	assert_int_equal(json_integer_value(json_object_get(v, "k599")), 599);
	json_decref(v);
	strbuf_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_compact_and_pretty),
	    cmocka_unit_test(test_escaping),
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_deep),
	    cmocka_unit_test(test_many_items),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
