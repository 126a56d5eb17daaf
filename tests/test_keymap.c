/* The binding table: every action is bound and appears in the help screen,
 * no key means two things in one keymap, and key names round-trip. */
#include "tests/testutil.h"
#include "tui/explorer/actions.h"
#include "tui/explorer/keymap.h"
#include "tui/explorer/keys.h"
#include "tui/explorer/view.h"

static void test_every_action_bound_once_per_keymap(void **state)
{
	(void)state;
	size_t n;
	const struct binding *b = keymap_table(&n);
	assert_true(n > 40);
	for (int act = ACT_NONE + 1; act < ACT_COUNT; act++) {
		int km = act >= ACT_PROMPT_ACCEPT ? KM_PROMPT : KM_MAIN;
		int bound = 0;
		for (size_t i = 0; i < n; i++)
			if (b[i].action == act && b[i].keymap == km)
				bound = 1;
		if (!bound)
			fail_msg("action %s has no key in keymap %s", action_name(act), keymap_name(km));
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (b[i].keymap == b[j].keymap && b[i].key == b[j].key)
				fail_msg("key %d bound twice in %s", b[i].key, keymap_name(b[i].keymap));
}

static void test_help_lists_every_binding(void **state)
{
	(void)state;
	const char **lines;
	size_t nl = view_help_lines(&lines);
	for (int act = ACT_NONE + 1; act < ACT_COUNT; act++) {
		const char *help = action_help(act);
		int found = 0;
		for (size_t i = 0; i < nl && !found; i++)
			found = strstr(lines[i], help) != NULL;
		if (!found)
			fail_msg("help does not mention %s (%s)", action_name(act), help);
	}
	/* and the keys themselves, e.g. both j and <Down> on the "next row" line */
	int ok = 0;
	for (size_t i = 0; i < nl; i++)
		if (strstr(lines[i], "j <Down>") && strstr(lines[i], "next row"))
			ok = 1;
	assert_true(ok);
	/* commands with arguments are in help too */
	ok = 0;
	for (size_t i = 0; i < nl; i++)
		if (strstr(lines[i], ":threshold T"))
			ok = 1;
	assert_true(ok);
}

static void test_lookup(void **state)
{
	(void)state;
	assert_int_equal(keymap_lookup(KM_MAIN, 'j'), ACT_DOWN);
	assert_int_equal(keymap_lookup(KM_MAIN, TK_DOWN), ACT_DOWN);
	assert_int_equal(keymap_lookup(KM_MAIN, 'q'), ACT_CLOSE); /* a view, or agx */
	assert_int_equal(keymap_lookup(KM_MAIN, KEY_CTRL('c')), ACT_QUIT);
	assert_int_equal(keymap_lookup(KM_PROMPT, TK_UP), ACT_PROMPT_OLDER);
	assert_int_equal(keymap_lookup(KM_PROMPT, TK_TAB), ACT_PROMPT_COMPLETE);
	assert_int_equal(keymap_lookup(KM_MAIN, TK_BS), ACT_BACK);
	assert_int_equal(keymap_lookup(KM_PROMPT, TK_ENTER), ACT_PROMPT_ACCEPT);
	assert_int_equal(keymap_lookup(KM_PROMPT, 'j'), ACT_NONE); /* typed text */
	assert_int_equal(keymap_lookup(KM_MAIN, 'Z'), ACT_NONE);
	assert_int_equal(action_from_name("why"), ACT_WHY);
	assert_int_equal(action_from_name("nope"), -1);
}

static void test_key_names_round_trip(void **state)
{
	(void)state;
	size_t n;
	const struct binding *b = keymap_table(&n);
	for (size_t i = 0; i < n; i++) {
		char name[32];
		keys_name(b[i].key, name, sizeof(name));
		const char *p = name;
		assert_int_equal(keys_parse(&p), b[i].key);
		assert_int_equal(*p, '\0');
	}
	const char *s = "<C-c><space><PageDown>x<lt>";
	assert_int_equal(keys_parse(&s), 3);
	assert_int_equal(keys_parse(&s), ' ');
	assert_int_equal(keys_parse(&s), TK_PGDN);
	assert_int_equal(keys_parse(&s), 'x');
	assert_int_equal(keys_parse(&s), '<');
	const char *bad = "<Bogus>";
	assert_int_equal(keys_parse(&bad), -1);
	const char *lone = "<";
	assert_int_equal(keys_parse(&lone), '<');
	const char *utf = "\xc3\xb6";
	assert_int_equal(keys_parse(&utf), 0xf6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_action_bound_once_per_keymap),
		cmocka_unit_test(test_help_lists_every_binding),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_key_names_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
