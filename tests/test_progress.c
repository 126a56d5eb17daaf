/* The batch commands' progress line (tui/cmd/progress.h): what it says,
 * cut to the terminal's width without breaking a character, file names
 * escaped; and in a real terminal, the line is gone before the command's
 * own output and never reaches a file. */
#include "tests/testutil.h"

#include <locale.h>

#include "graph/strbuf.h"
#include "tui/cmd/progress.h"

static void says_files_objects_and_rate(void **state)
{
	(void)state;
	struct progress p = {.t0 = 1000, .files = 212, .bytes = 21400000, .objects = 48310};
	struct strbuf sb = STRBUF_INIT;
	/* 21.4 MB in 2 s */
	progress_format(&p, 3000, "trails/apt_x.txt", 200, &sb);
	assert_string_equal(
	    strbuf_str(&sb),
	    "agx: loading 212 files, 48,310 objects, 21.4 MB, 10.7 MB/s  apt_x.txt");
	p.files = 1;
	p.objects = 7;
	p.bytes = 0;
	progress_format(&p, 1000, NULL, 200, &sb);
	assert_string_equal(strbuf_str(&sb), "agx: loading 1 file, 7 objects, 0.0 MB");
	strbuf_free(&sb);
}

static void cut_to_width_and_escaped(void **state)
{
	(void)state;
	struct progress p = {.t0 = 0, .files = 3, .bytes = 1000000, .objects = 1234567};
	struct strbuf sb = STRBUF_INIT;
	progress_format(&p, 1000, "d/\x1b[2Jevil\xc3\xa9.txt", 200, &sb);
	assert_null(strchr(strbuf_str(&sb), '\x1b')); /* no escape reaches the terminal */
	assert_non_null(strstr(strbuf_str(&sb), "1,234,567 objects"));
	assert_non_null(strstr(strbuf_str(&sb), "evil\xc3\xa9.txt"));
	/* 40 columns: "agx: loading 3 files, 1,234,567 objects," is 40 */
	progress_format(&p, 1000, "x.txt", 40, &sb);
	assert_string_equal(strbuf_str(&sb), "agx: loading 3 files, 1,234,567 objects,");
	/* a cut that would split é leaves it out whole */
	progress_format(&p, 1000, "\xc3\xa9\xc3\xa9\xc3\xa9", 70, &sb);
	assert_int_equal(strlen(strbuf_str(&sb)) > 0, 1);
	const char *s = strbuf_str(&sb);
	size_t n = strlen(s);
	assert_true(((unsigned char)s[n - 1] & 0xC0) != 0xC0); /* no lead byte at the end */
	strbuf_free(&sb);
}

/* In a terminal (script(1) gives one), whatever progress was drawn is
 * cleared ("\r\033[K") before the first line that follows; with standard
 * error in a file there is none. */
static void terminal_only_and_cleared(void **state)
{
	(void)state;
	const char *trails = corpus_or_skip("maltrail-apt-trails");
	char cmd[8192], *out = NULL;
	snprintf(cmd, sizeof(cmd), "%s stats '%s' 2>&1 >/dev/null", agx_bin(), trails);
	assert_int_equal(run_capture(cmd, &out), 0);
	assert_null(strstr(out, "loading"));
	free(out);
	if (system("command -v script >/dev/null 2>&1") != 0)
		skip();
	snprintf(cmd, sizeof(cmd), "script -qec \"%s stats '%s' >/dev/null\" /dev/null", agx_bin(),
		 trails);
	assert_int_equal(run_capture(cmd, &out), 0);
	/* each drawing is "\r" TEXT "\033[K"; after the last one, the clear
	 * "\r\033[K" comes before any other line */
	const char *last = NULL;
	for (const char *p = out; (p = strstr(p, "agx: loading")); p++)
		last = p;
	if (last) {
		const char *clear = strstr(last, "\033[K\r\033[K");
		const char *nl = strchr(last, '\n');
		assert_non_null(clear);
		assert_true(!nl || clear < nl);
	}
	free(out);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8"); /* as agx runs in a UTF-8 terminal */
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(says_files_objects_and_rate),
	    cmocka_unit_test(cut_to_width_and_escaped),
	    cmocka_unit_test(terminal_only_and_cleared),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
