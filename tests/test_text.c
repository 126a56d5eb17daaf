/* Text that reaches a terminal, JSON, CSV or Markdown comes from hostile
 * files: escape sequences, C1 controls, bidi overrides and broken UTF-8
 * must come out inert and visible. */
#include "tests/testutil.h"

#include <locale.h>

#include "graph/text.h"

static struct strbuf sb = STRBUF_INIT;

static const char *esc(const char *s, int ascii_only)
{
	strbuf_reset(&sb);
	text_escape_into(&sb, s, ascii_only);
	return strbuf_str(&sb);
}

static const char *json(const char *s)
{
	strbuf_reset(&sb);
	text_json_into(&sb, s);
	return strbuf_str(&sb);
}

static const char *csv(const char *s)
{
	strbuf_reset(&sb);
	text_csv_into(&sb, s);
	return strbuf_str(&sb);
}

static const char *md(const char *s)
{
	strbuf_reset(&sb);
	text_markdown_into(&sb, s);
	return strbuf_str(&sb);
}

static int teardown(void **state)
{
	(void)state;
	strbuf_free(&sb);
	return 0;
}

static void test_utf8_decode(void **state)
{
	(void)state;
	unsigned cp;
	assert_int_equal(text_utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(text_utf8_decode("\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(text_utf8_decode("\xe2\x80\x94", 3, &cp), 3);
	assert_int_equal(cp, 0x2014);
	assert_int_equal(text_utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(text_utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	assert_int_equal(cp, 0x10ffff);
	assert_int_equal(text_utf8_decode("\xc2\x80", 2, &cp), 2); /* smallest 2-byte */
	assert_int_equal(cp, 0x80);

	/* invalid: *cp is the first byte */
	assert_int_equal(text_utf8_decode("\xc0\xaf", 2, &cp), 0); /* overlong '/' */
	assert_int_equal(cp, 0xc0);
	assert_int_equal(text_utf8_decode("\xc1\xbf", 2, &cp), 0);
	assert_int_equal(text_utf8_decode("\xe0\x80\xaf", 3, &cp), 0);	   /* overlong */
	assert_int_equal(text_utf8_decode("\xe0\x9f\xbf", 3, &cp), 0);	   /* overlong U+07FF */
	assert_int_equal(text_utf8_decode("\xf0\x80\x80\xaf", 4, &cp), 0); /* overlong */
	assert_int_equal(text_utf8_decode("\xf0\x8f\xbf\xbf", 4, &cp), 0); /* overlong U+FFFF */
	assert_int_equal(text_utf8_decode("\xed\xa0\x80", 3, &cp), 0);	   /* U+D800 */
	assert_int_equal(cp, 0xed);
	assert_int_equal(text_utf8_decode("\xed\xbf\xbf", 3, &cp), 0);	   /* U+DFFF */
	assert_int_equal(text_utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0); /* > U+10FFFF */
	assert_int_equal(text_utf8_decode("\xf5\x80\x80\x80", 4, &cp), 0);
	assert_int_equal(text_utf8_decode("\x80", 1, &cp), 0); /* lone continuation */
	assert_int_equal(cp, 0x80);
	assert_int_equal(text_utf8_decode("\xff", 1, &cp), 0);
	assert_int_equal(text_utf8_decode("\xc3", 1, &cp), 0);	       /* truncated */
	assert_int_equal(text_utf8_decode("\xe2\x80\x94", 2, &cp), 0); /* n too small */
	assert_int_equal(text_utf8_decode("\xc3(", 2, &cp), 0);	       /* bad continuation */
	assert_int_equal(text_utf8_decode("", 0, &cp), 0);
	/* U+FFFE/U+FFFF are noncharacters but valid UTF-8 */
	assert_int_equal(text_utf8_decode("\xef\xbf\xbf", 3, &cp), 3);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	assert_true(text_utf8_valid("", 0));
	assert_true(text_utf8_valid("plain ascii", 11));
	assert_true(text_utf8_valid("M\xc3\xbcnchen \xe2\x80\x94 \xf0\x9f\x98\x80", 17));
	assert_false(text_utf8_valid("M\xc3\xbcnchen \xe2\x80\x94 \xf0\x9f\x98\x80", 16));
	assert_false(text_utf8_valid("abc\xff", 4));
	assert_false(text_utf8_valid("abc\xc3", 4));
	assert_false(text_utf8_valid("\xed\xa0\x80\xed\xb0\x80", 6)); /* CESU-8 pair */
	assert_false(text_utf8_valid("\xc0\x80", 2));		      /* modified-UTF-8 NUL */
	/* n bounds the check */
	assert_true(text_utf8_valid("ok\xff", 2));
}

static void test_escape_terminal(void **state)
{
	(void)state;
	assert_string_equal(esc("APT28", 0), "APT28");
	/* an ANSI sequence that would clear the screen and recolour it */
	assert_string_equal(esc("evil\x1b[2J\x1b[31mred", 0), "evil\\x1b[2J\\x1b[31mred");
	/* OSC 52 clipboard write, terminated by BEL */
	assert_string_equal(esc("\x1b]52;c;ZWNobw==\x07", 0), "\\x1b]52;c;ZWNobw==\\x07");
	assert_string_equal(esc("a\tb\nc\rd\x7f", 0), "a\\x09b\\x0ac\\x0dd\\x7f");
	assert_string_equal(esc("\x01\x1f", 0), "\\x01\\x1f");
	/* C1 controls encoded in UTF-8 (U+009B is a one-byte CSI) */
	assert_string_equal(esc("x\xc2\x9b"
				"31m",
				0),
			    "x\\u{009b}31m");
	assert_string_equal(esc("\xc2\x85", 0), "\\u{0085}");
	/* bidi override (Trojan Source) and line separator */
	assert_string_equal(esc("abc\xe2\x80\xaetxt.exe", 0), "abc\\u{202e}txt.exe");
	assert_string_equal(esc("a\xe2\x80\xa8"
				"b",
				0),
			    "a\\u{2028}b");
	/* noncharacters XML forbids (U+FFFE, U+FFFF) and their kin */
	assert_string_equal(esc("a\xef\xbf\xbe\xef\xbf\xbf"
				"b",
				0), "a\\u{fffe}\\u{ffff}b");
	assert_string_equal(esc("\xef\xb7\x90\xf0\x9f\xbf\xbe", 0), "\\u{fdd0}\\u{1fffe}");
	assert_string_equal(esc("\xef\xbf\xbd", 0), "\xef\xbf\xbd"); /* U+FFFD is text */
	/* invalid UTF-8 bytes one by one */
	assert_string_equal(esc("bad\xff\xfe!", 0), "bad\\xff\\xfe!");
	assert_string_equal(esc("\xc0\xaf", 0), "\\xc0\\xaf");
	assert_string_equal(esc("\xe2\x80", 0), "\\xe2\\x80");
	assert_string_equal(esc("\xed\xa0\x80", 0), "\\xed\\xa0\\x80");
	/* valid non-ASCII kept unless ascii_only */
	assert_string_equal(esc("M\xc3\xbcnchen \xe2\x80\x94 \xf0\x9f\x98\x80", 0),
			    "M\xc3\xbcnchen \xe2\x80\x94 \xf0\x9f\x98\x80");
	assert_string_equal(esc("M\xc3\xbcnchen \xe2\x80\x94 \xf0\x9f\x98\x80", 1),
			    "M\\u{00fc}nchen \\u{2014} \\u{1f600}");
	assert_string_equal(esc("", 1), "");
	/* appends, does not reset */
	strbuf_reset(&sb);
	strbuf_adds(&sb, "pre:");
	text_escape_into(&sb, "\x1b", 0);
	assert_string_equal(sb.buf, "pre:\\x1b");
}

static void test_json(void **state)
{
	(void)state;
	assert_string_equal(json("plain"), "plain");
	assert_string_equal(json("say \"hi\" \\o/"), "say \\\"hi\\\" \\\\o/");
	assert_string_equal(json("a\nb\rc\td\be\ff"), "a\\nb\\rc\\td\\be\\ff");
	assert_string_equal(json("\x01\x1b[0m\x7f"), "\\u0001\\u001b[0m\\u007f");
	assert_string_equal(json("\xc2\x85"), "\\u0085");
	assert_string_equal(json("x\xe2\x80\xa8y\xe2\x80\xa9"), "x\\u2028y\\u2029");
	assert_string_equal(json("M\xc3\xbcnchen \xf0\x9f\x98\x80"),
			    "M\xc3\xbcnchen \xf0\x9f\x98\x80");
	/* output is always valid UTF-8 */
	assert_string_equal(json("bad\xff\xc0\xaf"), "bad\\ufffd\\ufffd\\ufffd");
	assert_true(text_utf8_valid(sb.buf, sb.len));
	assert_string_equal(json("/"), "/");
	assert_string_equal(json("a\xef\xbf\xbe"), "a\\ufffe");
}

static void test_csv(void **state)
{
	(void)state;
	assert_string_equal(csv("evil.com"), "evil.com");
	assert_string_equal(csv(""), "");
	assert_string_equal(csv("a,b"), "\"a,b\"");
	assert_string_equal(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(csv("\""), "\"\"\"\"");
	/* one record, one line: CR and LF as in the JSON output */
	assert_string_equal(csv("line1\nline2"), "line1\\nline2");
	assert_string_equal(csv("line1\r\nline2"), "line1\\r\\nline2");
	/* formulas never reach a spreadsheet as formulas */
	assert_string_equal(csv("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
	assert_string_equal(csv("+1"), "'+1");
	assert_string_equal(csv("-2+3"), "'-2+3");
	assert_string_equal(csv("@SUM(A1)"), "'@SUM(A1)");
	assert_string_equal(csv("\t=1"), "'\\x09=1");
	assert_string_equal(csv("a=1"), "a=1");
	assert_string_equal(csv("tab\there"), "tab\\x09here"); /* no quoting needed */
	assert_string_equal(csv("x,\x1b[31m"), "\"x,\\x1b[31m\"");
	assert_string_equal(csv("caf\xc3\xa9;ok"), "caf\xc3\xa9;ok");
	assert_string_equal(csv("bad\xff"), "bad\\xff");
}

static void test_markdown(void **state)
{
	(void)state;
	assert_string_equal(md("APT28"), "APT28");
	assert_string_equal(md("a|b"), "a\\|b");
	assert_string_equal(md("`code` *bold* _em_"), "\\`code\\` \\*bold\\* \\_em\\_");
	assert_string_equal(md("<script>"), "\\<script\\>");
	assert_string_equal(md("[link](http://x)"), "\\[link\\](http://x)");
	assert_string_equal(md("C:\\temp|x"), "C:\\\\temp\\|x");
	assert_string_equal(md("one\ntwo\r\nthree\rfour"), "one<br>two<br>three<br>four");
	assert_string_equal(md("e\x1b[1m"), "e\\x1b\\[1m");
	assert_string_equal(md("M\xc3\xbcnchen"), "M\xc3\xbcnchen");
}

static const char *shown(const char *s, int ascii_only)
{
	strbuf_reset(&sb);
	text_display_into(&sb, s, ascii_only);
	return strbuf_str(&sb);
}

/* One display width for the grid, the wrapped detail text and the batch
 * tables: what is drawn as itself takes one or two columns, the rest is
 * shown (and counted) as its escape. */
static void test_display_width(void **state)
{
	(void)state;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	assert_int_equal(text_cp_width('a', 0), 1);
	assert_int_equal(text_cp_width(0x6f22, 0), 2);	/* CJK */
	assert_int_equal(text_cp_width(0x1f600, 0), 2); /* emoji */
	assert_int_equal(text_cp_width(0xe9, 0), 1);
	assert_int_equal(text_cp_width(0xe9, 1), -1);	/* ASCII mode */
	assert_int_equal(text_cp_width(0x301, 0), -1);	/* combining acute */
	assert_int_equal(text_cp_width(0x202e, 0), -1); /* bidi override */
	assert_int_equal(text_cp_width(0x85, 0), -1);	/* C1 */
	assert_int_equal(text_cp_width(0x1b, 0), -1);
	/* what is shown, and its width */
	assert_string_equal(shown("a\xe6\xbc\xa2"
				  "b",
				  0),
			    "a\xe6\xbc\xa2"
			    "b");
	assert_int_equal(text_width("a\xe6\xbc\xa2"
				    "b",
				    0),
			 4);
	assert_string_equal(shown("e\xcc\x81", 0), "e\\u{0301}");
	assert_int_equal(text_width("e\xcc\x81", 0), 9);
	assert_string_equal(shown("\x1b[1m", 0), "\\x1b[1m");
	assert_int_equal(text_width("\x1b[1m", 0), 7);
	assert_string_equal(shown("\xff", 0), "\\xff");
	assert_int_equal(text_width("\xff", 0), 4);
	assert_string_equal(shown("caf\xc3\xa9", 1), "caf\\u{00e9}");
	assert_int_equal(text_width("caf\xc3\xa9", 1), 11);
	assert_int_equal(text_width("caf\xc3\xa9", 0), 4);
	/* a prefix of n bytes */
	assert_int_equal(text_width_n("\xe6\xbc\xa2\xe6\xbc\xa2", 3, 0), 2);
	/* the width is the length of what is shown, in columns */
	const char *samples[] = {"plain", "e\xcc\x81", "\x1b]0;x\x07", "\xe2\x80\xae", "\xc2\x85"};
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
		assert_int_equal(text_width(samples[i], 1), (int)strlen(shown(samples[i], 1)));
	setlocale(LC_CTYPE, "C");
}

static void test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(text_edit_distance("kitten", "sitting", 5), 3);
	assert_int_equal(text_edit_distance("kitten", "sitting", 2), 3); /* max + 1 */
	assert_int_equal(text_edit_distance("apt15", "apt15", 2), 0);
	assert_int_equal(text_edit_distance("", "abc", 3), 3);
	assert_int_equal(text_edit_distance("examp1e.com", "example.com", 2), 1);
	/* lengths further apart than max: too far without comparing */
	assert_int_equal(text_edit_distance("a", "abcdef", 2), 3);
	char longer[300];
	memset(longer, 'x', 299);
	longer[299] = '\0';
	assert_int_equal(text_edit_distance(longer, longer, 2), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8_decode),
	    cmocka_unit_test(test_utf8_valid),
	    cmocka_unit_test(test_escape_terminal),
	    cmocka_unit_test(test_json),
	    cmocka_unit_test(test_csv),
	    cmocka_unit_test(test_markdown),
	    cmocka_unit_test(test_display_width),
	    cmocka_unit_test(test_edit_distance),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
