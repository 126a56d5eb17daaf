/* The cell grid: display widths (CJK takes two columns), clipping with an
 * ellipsis, escaping of hostile text, ASCII mode, the text dump. */
#include <locale.h>

#include "tests/testutil.h"
#include "tui/explorer/grid.h"

static int utf8_locale(void)
{
	return setlocale(LC_CTYPE, "C.UTF-8") != NULL;
}

static char *row(struct grid *g, int y)
{
	struct strbuf sb = STRBUF_INIT;
	grid_dump_row(g, y, &sb);
	return strbuf_detach(&sb);
}

#define ASSERT_ROW(g, y, want)                  \
	do {                                    \
		char *r_ = row(g, y);           \
		assert_string_equal(r_ ? r_ : "", want); \
		free(r_);                       \
	} while (0)

static void test_plain_text_and_clip(void **state)
{
	(void)state;
	struct grid *g = grid_new(20, 3, 0);
	assert_int_equal(grid_text(g, 0, 0, 20, "hello", ST_NORMAL), 5);
	ASSERT_ROW(g, 0, "hello");
	/* 11 characters in 8 columns: 7 shown and the ellipsis */
	assert_int_equal(grid_text(g, 1, 2, 8, "abcdefghijk", ST_NORMAL), 8);
	ASSERT_ROW(g, 1, "  abcdefg\xe2\x80\xa6");
	/* exactly fitting text is not cut */
	assert_int_equal(grid_text(g, 2, 0, 5, "abcde", ST_NORMAL), 5);
	ASSERT_ROW(g, 2, "abcde");
	/* the grid edge clips like maxw does */
	grid_clear(g);
	assert_int_equal(grid_text(g, 0, 17, 100, "abcdef", ST_NORMAL), 3);
	ASSERT_ROW(g, 0, "                 ab\xe2\x80\xa6");
	grid_free(g);
}

static void test_wide_characters(void **state)
{
	(void)state;
	if (!utf8_locale())
		skip();
	struct grid *g = grid_new(10, 2, 0);
	/* 攻撃者 is three double-width characters: six columns */
	assert_int_equal(grid_width(g, "\xe6\x94\xbb\xe6\x92\x83\xe8\x80\x85"), 6);
	assert_int_equal(grid_text(g, 0, 0, 10, "a\xe6\x94\xbb\xe6\x92\x83", ST_NORMAL), 5);
	assert_int_equal(grid_at(g, 0, 1)->width, CW_WIDE);
	assert_int_equal(grid_at(g, 0, 2)->width, CW_CONT);
	ASSERT_ROW(g, 0, "a\xe6\x94\xbb\xe6\x92\x83");
	/* cut inside a wide character: it is not split, a blank pads, then … */
	assert_int_equal(grid_text(g, 1, 0, 4, "\xe6\x94\xbb\xe6\x92\x83\xe8\x80\x85", ST_NORMAL), 4);
	ASSERT_ROW(g, 1, "\xe6\x94\xbb \xe2\x80\xa6");
	/* writing over half of a wide char blanks the other half */
	grid_text(g, 0, 2, 1, "x", ST_NORMAL);
	assert_int_equal(grid_at(g, 0, 1)->ch, ' ');
	ASSERT_ROW(g, 0, "a x\xe6\x92\x83");
	grid_free(g);
}

static void test_hostile_text_escaped(void **state)
{
	(void)state;
	struct grid *g = grid_new(60, 2, 0);
	/* an escape sequence that would clear the screen, and a bidi override */
	grid_text(g, 0, 0, 60, "evil\x1b[2Jname\xe2\x80\xaex", ST_NORMAL);
	char *r = row(g, 0);
	assert_null(strchr(r, 0x1b));
	assert_non_null(strstr(r, "evil\\x1b[2Jname"));
	assert_null(strstr(r, "\xe2\x80\xae"));
	free(r);
	/* invalid UTF-8 */
	grid_text(g, 1, 0, 60, "a\xff\xfe" "b", ST_NORMAL);
	ASSERT_ROW(g, 1, "a\\xff\\xfeb");
	for (int x = 0; x < g->w; x++)
		assert_true(grid_at(g, 0, x)->ch >= 0x20);
	grid_free(g);
}

static void test_ascii_mode(void **state)
{
	(void)state;
	struct grid *g = grid_new(40, 3, 1);
	grid_text(g, 0, 0, 40, "caf\xc3\xa9", ST_NORMAL);
	char *r = row(g, 0);
	for (const char *p = r; *p; p++)
		assert_true((unsigned char)*p < 0x80);
	assert_non_null(strstr(r, "caf"));
	free(r);
	grid_box(g, 1, 0, 4, 2, ST_LINE);
	ASSERT_ROW(g, 1, "+--+");
	grid_text(g, 0, 0, 3, "abcdef", ST_NORMAL);
	assert_int_equal(grid_at(g, 0, 2)->ch, '~');
	grid_free(g);
}

static void test_box_and_dump(void **state)
{
	(void)state;
	if (!utf8_locale())
		skip();
	struct grid *g = grid_new(6, 3, 0);
	grid_box(g, 0, 0, 6, 3, ST_LINE);
	char *d = grid_dump(g);
	assert_string_equal(d, "\xe2\x94\x8c\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x90\n"
			       "\xe2\x94\x82    \xe2\x94\x82\n"
			       "\xe2\x94\x94\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x98\n");
	free(d);
	/* trailing blanks are not dumped; resize clears */
	grid_resize(g, 8, 2);
	grid_text(g, 0, 0, 8, "ab  ", ST_NORMAL);
	d = grid_dump(g);
	assert_string_equal(d, "ab\n\n");
	free(d);
	grid_free(g);
}

static void test_out_of_range_is_safe(void **state)
{
	(void)state;
	struct grid *g = grid_new(5, 2, 0);
	assert_int_equal(grid_text(g, -1, 0, 5, "x", ST_NORMAL), 0);
	assert_int_equal(grid_text(g, 2, 0, 5, "x", ST_NORMAL), 0);
	assert_int_equal(grid_text(g, 0, 5, 5, "x", ST_NORMAL), 0);
	assert_int_equal(grid_text(g, 0, 0, 0, "x", ST_NORMAL), 0);
	grid_fill(g, -3, -3, 100, 100, ST_DIM);
	grid_hline(g, 1, 3, 10, ST_LINE);
	grid_vline(g, -1, 4, 10, ST_LINE);
	grid_restyle(g, 0, -2, 50, ST_TITLE);
	assert_int_equal(grid_at(g, 0, 0)->style, ST_TITLE);
	grid_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text_and_clip),
		cmocka_unit_test(test_wide_characters),
		cmocka_unit_test(test_hostile_text_escaped),
		cmocka_unit_test(test_ascii_mode),
		cmocka_unit_test(test_box_and_dump),
		cmocka_unit_test(test_out_of_range_is_safe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
