/* Finding indicators inside prose (loaders/textscan.h): what a line of a
 * report yields in each mode, where each hit starts, which hits count as
 * marked, and the prose that looks like indicators and is not (versions,
 * file names, code, citations). Columns are byte offsets counted by hand. */
#include "tests/testutil.h"

#include "graph/kind.h"
#include "loaders/textscan.h"

#define MAXHITS 16

struct hits {
	size_t n;
	struct {
		char text[128];
		size_t col;
		int kind, marked;
	} h[MAXHITS];
};

static void collect(void *arg, const struct textscan_hit *hit)
{
	struct hits *hs = arg;
	assert_true(hs->n < MAXHITS);
	assert_true(hit->n < sizeof(hs->h[0].text));
	memcpy(hs->h[hs->n].text, hit->s, hit->n);
	hs->h[hs->n].text[hit->n] = '\0';
	hs->h[hs->n].col = hit->col;
	hs->h[hs->n].kind = hit->kind;
	hs->h[hs->n].marked = hit->marked;
	hs->n++;
}

static struct hits scan(const char *line, int mode)
{
	struct hits hs;
	memset(&hs, 0, sizeof(hs));
	size_t n = textscan_line(line, strlen(line), mode, collect, &hs);
	assert_int_equal(n, hs.n);
	return hs;
}

#define HIT(hs, i, txt, c, k, m)                          \
	do {                                              \
		assert_string_equal((hs).h[i].text, txt); \
		assert_int_equal((hs).h[i].col, c);       \
		assert_int_equal((hs).h[i].kind, k);      \
		assert_int_equal((hs).h[i].marked, m);    \
	} while (0)

static const char LINE[] = "C2 at evil-site[.]com and 45.77.1.10, see https://example.org/report.";

/* The three modes on one line: a defanged domain (marked), a bare address,
 * a bare URL (a citation in a sentence). Sentence punctuation is trimmed. */
static void test_modes(void **state)
{
	(void)state;
	struct hits hs = scan(LINE, TEXTSCAN_PROSE);
	assert_int_equal(hs.n, 3);
	HIT(hs, 0, "evil-site[.]com", 6, NODE_DOMAIN, 1);
	HIT(hs, 1, "45.77.1.10", 26, NODE_IPV4, 0);
	HIT(hs, 2, "https://example.org/report", 42, NODE_URL, 0);
	hs = scan(LINE, TEXTSCAN_NO_BARE_URLS);
	assert_int_equal(hs.n, 2);
	HIT(hs, 1, "45.77.1.10", 26, NODE_IPV4, 0);
	hs = scan(LINE, TEXTSCAN_MARKED_ONLY);
	assert_int_equal(hs.n, 1);
	HIT(hs, 0, "evil-site[.]com", 6, NODE_DOMAIN, 1);
	/* a defanged URL is marked, so a sentence keeps it */
	hs = scan("beacons to hxxps://c2[.]example[.]net/gate", TEXTSCAN_NO_BARE_URLS);
	assert_int_equal(hs.n, 1);
	HIT(hs, 0, "hxxps://c2[.]example[.]net/gate", 11, NODE_URL, 1);
}

/* Prose that looks like indicators and is not. */
static void test_not_indicators(void **state)
{
	(void)state;
	const char *lines[] = {
	    "Update to version 10.2.3.4 or v 1.2.3.4 via setup.exe and README.md",
	    "It loads System.Net.WebClient; then calls foo.bar() and build.sh or lib.so",
	    "see https://x.example/y[the report] and AS13335 and 13335",
	    "hash 0123456789 and script.py",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		struct hits hs = scan(lines[i], TEXTSCAN_PROSE);
		if (hs.n)
			fail_msg("'%s' gave '%s'", lines[i], hs.h[0].text);
	}
	/* the same address after another word is one */
	struct hits hs = scan("Update to 10.2.3.4 now", TEXTSCAN_PROSE);
	assert_int_equal(hs.n, 1);
	HIT(hs, 0, "10.2.3.4", 10, NODE_IPV4, 0);
	/* a file-type TLD counts when the author defanged it */
	hs = scan("payload at build[.]sh", TEXTSCAN_PROSE);
	assert_int_equal(hs.n, 1);
	HIT(hs, 0, "build[.]sh", 11, NODE_DOMAIN, 1);
}

/* Top-level labels come from the Public Suffix List: any delegated TLD, in
 * any case, an internationalised one too; not labels no registry serves,
 * nor the few file types of prose. .beauty was not in the hand-made list
 * this replaced, so "payload-host.beauty" was lost before. */
static void test_tlds(void **state)
{
	(void)state;
	assert_true(textscan_tld_ok("com", 3));
	assert_true(textscan_tld_ok("COM", 3));
	assert_true(textscan_tld_ok("beauty", 6));
	assert_true(textscan_tld_ok("uk", 2));
	assert_true(textscan_tld_ok("xn--p1ai", 8));
	assert_true(textscan_tld_ok("comx", 3)); /* only the first n bytes */
	assert_false(textscan_tld_ok("md", 2));
	assert_false(textscan_tld_ok("PY", 2));
	assert_false(textscan_tld_ok("sh", 2));
	assert_false(textscan_tld_ok("so", 2));
	assert_false(textscan_tld_ok("xn--zz", 6));
	assert_false(textscan_tld_ok("exe", 3));
	assert_false(textscan_tld_ok("local", 5));
	assert_false(textscan_tld_ok("", 0));
	struct hits hs = scan("files from payload-host.beauty and \xd0\xbf\xd1\x80\xd0\xb8\xd0\xbc"
			      "\xd0\xb5\xd1\x80.\xd1\x80\xd1\x84",
			      TEXTSCAN_PROSE);
	assert_int_equal(hs.n, 2);
	HIT(hs, 0, "payload-host.beauty", 11, NODE_DOMAIN, 0);
	HIT(hs, 1, "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x80.\xd1\x80\xd1\x84", 35,
	    NODE_DOMAIN, 0); /* пример.рф */
	/* .zip is a TLD, but guessing takes it for an archive */
	hs = scan("dropped invoice.zip", TEXTSCAN_PROSE);
	assert_int_equal(hs.n, 0);
}

/* Separators a word processor puts around values: curly quotes, NBSP,
 * em dashes; brackets that do not belong to the value, a pair around the
 * whole token too ("(45.77.1.10)" was kept with its brackets, so lost, until
 * this suite). */
static void test_separators(void **state)
{
	(void)state;
	struct hits hs = scan("\xe2\x80\x9c"
			      "evil.com\xe2\x80\x9d\xc2\xa0(45.77.1.10)"
			      "\xe2\x80\x94"
			      "bad.example.org",
			      TEXTSCAN_PROSE);
	assert_int_equal(hs.n, 3);
	HIT(hs, 0, "evil.com", 3, NODE_DOMAIN, 0);
	HIT(hs, 1, "45.77.1.10", 17, NODE_IPV4, 0);
	HIT(hs, 2, "bad.example.org", 31, NODE_DOMAIN, 0);
	hs = scan("at [c2.example.net] and (a.example.com)(b.example.com)", TEXTSCAN_PROSE);
	assert_int_equal(hs.n, 1);
	HIT(hs, 0, "c2.example.net", 4, NODE_DOMAIN, 0);
	/* `code` marks a value */
	hs = scan("run `evil.example.com` now", TEXTSCAN_MARKED_ONLY);
	assert_int_equal(hs.n, 1);
	HIT(hs, 0, "evil.example.com", 5, NODE_DOMAIN, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_modes),
	    cmocka_unit_test(test_not_indicators),
	    cmocka_unit_test(test_tlds),
	    cmocka_unit_test(test_separators),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
