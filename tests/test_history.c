/* The explorer's pivot history (tui/explorer/history.h): back and forward
 * like a browser, no duplicate of the place already current, the forward
 * entries dropped by a new place, the oldest dropped when full, and
 * locations compared by their fields, never their padding. */
#include "tests/testutil.h"

#include "tui/explorer/history.h"

/* A location on tab t focused on item. */
static struct location at(int tab, uint32_t item)
{
	struct location l;
	memset(&l, 0, sizeof(l));
	l.tab = (uint8_t)tab;
	l.focus.item = item;
	return l;
}

static void test_back_and_forward(void **state)
{
	(void)state;
	static struct history h;
	struct location a = at(0, 1), b = at(2, 7), c = at(1, 3);
	history_init(&h, &a);
	/* pivot a -> b -> c */
	history_leave(&h, &a);
	history_push(&h, &b);
	history_leave(&h, &b);
	history_push(&h, &c);
	assert_int_equal(h.len, 3);
	assert_int_equal(h.pos, 2);
	const struct location *to = history_move(&h, -1, &c);
	assert_non_null(to);
	assert_true(location_equal(to, &b));
	to = history_move(&h, -1, to);
	assert_true(location_equal(to, &a));
	/* at the start: nothing moves */
	assert_null(history_move(&h, -1, &a));
	assert_int_equal(h.pos, 0);
	to = history_move(&h, +1, &a);
	assert_true(location_equal(to, &b));
	to = history_move(&h, +1, to);
	assert_true(location_equal(to, &c));
	assert_null(history_move(&h, +1, &c));
	assert_int_equal(h.pos, 2);
}

/* Moving away remembers where the cursor was when we left. */
static void test_leave_remembers_here(void **state)
{
	(void)state;
	static struct history h;
	struct location a = at(0, 1), b = at(2, 7);
	history_init(&h, &a);
	struct location a2 = a;
	a2.detail_cur = 12; /* the analyst moved down the detail pane */
	history_leave(&h, &a2);
	history_push(&h, &b);
	const struct location *to = history_move(&h, -1, &b);
	assert_int_equal(to->detail_cur, 12);
}

static void test_same_place_not_pushed_twice(void **state)
{
	(void)state;
	static struct history h;
	struct location a = at(0, 1), b = at(2, 7);
	history_init(&h, &a);
	history_push(&h, &a);
	assert_int_equal(h.len, 1);
	history_push(&h, &b);
	history_push(&h, &b);
	assert_int_equal(h.len, 2);
}

/* A new place after going back replaces the forward entries. */
static void test_new_place_drops_forward(void **state)
{
	(void)state;
	static struct history h;
	struct location a = at(0, 1), b = at(0, 2), c = at(0, 3), d = at(3, 4);
	history_init(&h, &a);
	history_push(&h, &b);
	history_push(&h, &c);
	history_move(&h, -1, &c);
	history_move(&h, -1, &b); /* on a */
	history_push(&h, &d);
	assert_int_equal(h.len, 2);
	assert_int_equal(h.pos, 1);
	assert_null(history_move(&h, +1, &d));
	assert_true(location_equal(history_move(&h, -1, &d), &a));
}

/* Full: the oldest entry goes, the newest stays current. */
static void test_oldest_dropped_when_full(void **state)
{
	(void)state;
	static struct history h;
	struct location first = at(0, 0);
	history_init(&h, &first);
	for (uint32_t i = 1; i < HISTORY_MAX + 10; i++) {
		struct location l = at(0, i);
		history_push(&h, &l);
	}
	assert_int_equal(h.len, HISTORY_MAX);
	assert_int_equal(h.pos, HISTORY_MAX - 1);
	assert_int_equal(h.e[h.pos].focus.item, HISTORY_MAX + 9);
	assert_int_equal(h.e[0].focus.item, 10);
}

/* Two locations equal field by field are equal whatever their padding
 * holds (memcmp compared the padding too). */
static void test_equal_ignores_padding(void **state)
{
	(void)state;
	struct location x, y;
	memset(&x, 0x00, sizeof(x));
	memset(&y, 0xa5, sizeof(y));
	x.tab = y.tab = 1;
	x.screen = y.screen = 0;
	x.pane = y.pane = 1;
	x.focus.item = y.focus.item = 42;
	x.focus.item2 = y.focus.item2 = 7;
	x.focus.off_list = y.focus.off_list = 0;
	x.detail_cur = y.detail_cur = 3;
	assert_true(location_equal(&x, &y));
	y.focus.off_list = 1;
	assert_false(location_equal(&x, &y));
	y.focus.off_list = 0;
	y.detail_cur = 4;
	assert_false(location_equal(&x, &y));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_back_and_forward),
	    cmocka_unit_test(test_leave_remembers_here),
	    cmocka_unit_test(test_same_place_not_pushed_twice),
	    cmocka_unit_test(test_new_place_drops_forward),
	    cmocka_unit_test(test_oldest_dropped_when_full),
	    cmocka_unit_test(test_equal_ignores_padding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
