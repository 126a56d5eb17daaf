/* Warninglists: plain lists (exact, cidr, suffix) and MISP JSON (string,
 * cidr, hostname, substring, regex), matching by kind, and hostile input. */
#include "tests/testutil.h"

#include "graph/diag.h"
#include "graph/kind.h"
#include "graph/warnlist.h"
#include "loaders/warnlist_load.h"

#define FIX "tests/fixtures/warnlists/"

static void test_plain_cidr_and_suffix(void **state)
{
	(void)state;
	struct warnlist_set *s = warnlist_new();
	struct diag_list d;
	diag_init(&d);
	assert_int_equal(warnlist_load(s, FIX "cdn.txt", &d), 0);
	assert_int_equal(warnlist_load(s, FIX "shorteners.txt", &d), 0);
	assert_int_equal(warnlist_count(s), 2);
	assert_string_equal(warnlist_name(s, 0), "Test CDN ranges");
	assert_string_equal(warnlist_source(s, 0), "tests (Cloudflare 104.16.0.0/13 as published)");
	/* 104.16.0.0/13 covers 104.16.0.0 .. 104.23.255.255 */
	assert_string_equal(warnlist_match(s, NODE_IPV4, "104.16.0.0"), "Test CDN ranges");
	assert_string_equal(warnlist_match(s, NODE_IPV4, "104.16.1.1"), "Test CDN ranges");
	assert_string_equal(warnlist_match(s, NODE_IPV4, "104.23.255.255"), "Test CDN ranges");
	assert_null(warnlist_match(s, NODE_IPV4, "104.24.0.0"));
	assert_null(warnlist_match(s, NODE_IPV4, "104.15.255.255"));
	assert_string_equal(warnlist_match(s, NODE_IPV6, "2606:4700:10::6816:1"),
			    "Test CDN ranges");
	assert_null(warnlist_match(s, NODE_IPV6, "2606:4701::1"));
	/* suffix: the name itself and its subdomains, not look-alikes */
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "bit.ly"), "Test URL shorteners");
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "x.bit.ly"), "Test URL shorteners");
	assert_null(warnlist_match(s, NODE_DOMAIN, "notbit.ly"));
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "tinyurl.com"), "Test URL shorteners");
	/* a URL matches by its host */
	assert_string_equal(warnlist_match(s, NODE_URL, "http://bit.ly/3abc"),
			    "Test URL shorteners");
	assert_string_equal(warnlist_match(s, NODE_URL, "https://104.18.2.3/x"), "Test CDN ranges");
	assert_null(warnlist_match(s, NODE_URL, "http://evil.example/bit.ly"));
	/* an e-mail address is not matched by its domain */
	assert_null(warnlist_match(s, NODE_EMAIL, "someone@bit.ly"));
	assert_int_equal(d.counts[DIAG_ERROR], 0);
	assert_true(warnlist_factor(s) > 0.09 && warnlist_factor(s) < 0.11);
	diag_free(&d);
	warnlist_free(s);
}

static void test_misp_types(void **state)
{
	(void)state;
	struct warnlist_set *s = warnlist_new();
	struct diag_list d;
	diag_init(&d);
	assert_int_equal(warnlist_load(s, FIX "misp-hosts.json", &d), 0);
	assert_int_equal(warnlist_load(s, FIX "misp-regex.json", &d), 0);
	assert_int_equal(warnlist_load(s, FIX "misp-string.json", &d), 0);
	assert_int_equal(warnlist_load(s, FIX "misp-substring.json", &d), 0);
	const char *hosts = "List of known hosting providers' parent domains";
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "foo.azurewebsites.net"), hosts);
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "herokuapp.com"), hosts);
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "a.b.herokuapp.com"), hosts);
	/* "caf\u00e9.example" decoded and listed as the A-label domains are keyed by */
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "www.xn--caf-dma.example"), hosts);
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "sinkhole.example.org"),
			    "Sinkhole names");
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "x.sinkhole.org"), "Sinkhole names");
	assert_null(warnlist_match(s, NODE_DOMAIN, "nosinkhole.example.org"));
	/* the invalid "[" was refused with a warning, the rest loaded */
	assert_int_equal(d.counts[DIAG_WARNING], 1);
	/* string list: exact only; a CIDR entry in it still contains */
	assert_string_equal(warnlist_match(s, NODE_IPV4, "8.8.8.8"), "Public resolvers");
	assert_null(warnlist_match(s, NODE_IPV4, "8.8.8.9"));
	assert_string_equal(warnlist_match(s, NODE_IPV4, "1.1.1.77"), "Public resolvers");
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "dns.google"), "Public resolvers");
	assert_null(warnlist_match(s, NODE_DOMAIN, "x.dns.google"));
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "abc.ngrok.io"), "Substrings");
	assert_int_equal(d.counts[DIAG_ERROR], 0);
	diag_free(&d);
	warnlist_free(s);
}

static void test_bad_files(void **state)
{
	(void)state;
	struct warnlist_set *s = warnlist_new();
	struct diag_list d;
	diag_init(&d);
	assert_int_equal(warnlist_load(s, FIX "broken.json.bad", &d), -1);
	assert_int_equal(d.counts[DIAG_ERROR], 1);
	assert_string_equal(d.items[0].where, FIX "broken.json.bad");
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(warnlist_load(s, FIX "odd-type.json.bad", &d), -1);
	assert_int_equal(warnlist_load(s, FIX "absent.txt", &d), -1);
	assert_int_equal(d.counts[DIAG_ERROR], 3);
	assert_int_equal(warnlist_count(s), 0);
	assert_null(warnlist_match(s, NODE_IPV4, "8.8.8.8"));
	assert_null(warnlist_match(NULL, NODE_IPV4, "8.8.8.8"));
	/* deep nesting is refused, not recursed into */
	char path[] = "/tmp/agx-warnlist-deep.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("{\"name\":\"x\",\"junk\":", f);
	for (int i = 0; i < 100000; i++)
		fputc('[', f);
	fclose(f);
	assert_int_equal(warnlist_load(s, path, &d), -1);
	unlink(path);
	diag_free(&d);
	warnlist_free(s);
}

static void test_load_dir_sorted(void **state)
{
	(void)state;
	struct warnlist_set *s = warnlist_new();
	struct diag_list d;
	diag_init(&d);
	assert_int_equal(warnlist_load_dir(s, FIX, &d), 0);
	/* *.bad files are not lists; names load in file-name order */
	assert_int_equal(warnlist_count(s), 6);
	assert_string_equal(warnlist_name(s, 0), "Test CDN ranges");
	assert_string_equal(warnlist_name(s, 5), "Test URL shorteners");
	diag_free(&d);
	warnlist_free(s);
}

static void test_shipped_lists(void **state)
{
	(void)state;
	struct warnlist_set *s = warnlist_new();
	struct diag_list d;
	diag_init(&d);
	if (access("data/warninglists", R_OK) != 0)
		skip();
	assert_int_equal(warnlist_load_dir(s, "data/warninglists", &d), 0);
	assert_true(warnlist_count(s) >= 5);
	assert_non_null(warnlist_match(s, NODE_IPV4, "104.16.1.1"));
	assert_non_null(warnlist_match(s, NODE_IPV4, "8.8.8.8"));
	assert_non_null(warnlist_match(s, NODE_IPV4, "192.168.1.1"));
	/* shared services' hosts never link anyone (weight 0); a full URL on
	 * them is one link of its own and is not flagged, even when another
	 * list (top sites) also names the host */
	double f;
	assert_non_null(warnlist_match_w(s, NODE_DOMAIN, "bit.ly", &f));
	assert_true(f == 0);
	assert_null(warnlist_match(s, NODE_URL, "http://bit.ly/x"));
	assert_non_null(warnlist_match_w(s, NODE_DOMAIN, "dropbox.com", &f));
	assert_true(f == 0);
	assert_null(warnlist_match(s, NODE_URL, "https://www.dropbox.com/s/abc/payload.zip"));
	assert_non_null(warnlist_match_w(s, NODE_DOMAIN, "webhook.site", &f));
	assert_non_null(warnlist_match_w(s, NODE_DOMAIN, "2no.co", &f));
	assert_non_null(warnlist_match_w(s, NODE_DOMAIN, "pastebin.com", &f));
	/* a CDN's URL is still as common as its host, at the set's factor */
	assert_non_null(warnlist_match_w(s, NODE_URL, "https://104.16.1.1/x", &f));
	assert_true(f > 0.09 && f < 0.11);
	/* the empty file's hashes and a side-loading host binary: weight 0 */
	assert_non_null(
	    warnlist_match_w(s, NODE_FILE,
			     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", &f));
	assert_true(f == 0);
	assert_non_null(warnlist_match(s, NODE_FILE, "884d46c01c762ad6ddd2759fd921bf71"));
	assert_null(warnlist_match(s, NODE_FILE, "884d46c01c762ad6ddd2759fd921bf72"));
	assert_null(warnlist_match(s, NODE_DOMAIN, "web.vpnkerio.com"));
	assert_null(warnlist_match(s, NODE_IPV4, "27.102.113.240"));
	diag_free(&d);
	warnlist_free(s);
}

/* The set's own API, no file: entries by match, blanks skipped, a bad regex
 * refused with PCRE2's reason; a plain list declares regex matching too,
 * and a dropped entry's warning carries its line. */
/* A plain list's terms: "# weight:" and "# applies-to: hosts"; a bad
 * weight is an error with its line. */
static void test_list_terms(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("warnlist_terms");
	char p[1100];
	snprintf(p, sizeof(p), "%s/shared.txt", dir);
	write_file(p, "# name: Shared\n# weight: 0.25\n# applies-to: hosts\n# match: suffix\n"
		      "files.example\n");
	struct warnlist_set *s = warnlist_new();
	struct diag_list d;
	diag_init(&d);
	assert_int_equal(warnlist_load(s, p, &d), 0);
	double f;
	assert_string_equal(warnlist_match_w(s, NODE_DOMAIN, "dl.files.example", &f), "Shared");
	assert_true(f == 0.25);
	assert_null(warnlist_match_w(s, NODE_URL, "https://dl.files.example/a", &f));
	assert_true(f == 1);
	snprintf(p, sizeof(p), "%s/bad.txt", dir);
	write_file(p, "# name: Bad\n# weight: lots\nx.example\n");
	assert_int_equal(warnlist_load(s, p, &d), -1);
	assert_int_equal(d.counts[DIAG_ERROR], 1);
	assert_int_equal(d.items[0].line, 2);
	diag_free(&d);
	warnlist_free(s);
}

/* The first list in load order wins, whichever way each list matches: the
 * index over every list's exact and suffix entries must answer as trying
 * the lists one by one would. */
static void test_first_list_wins(void **state)
{
	(void)state;
	struct warnlist_set *s = warnlist_new();
	struct strbuf why = STRBUF_INIT;
	size_t sub = warnlist_add(s, "substring first", "", WARNLIST_SUBSTRING);
	assert_int_equal(warnlist_add_entry(s, sub, "tracker", &why), 0);
	warnlist_seal(s, sub);
	size_t exact = warnlist_add(s, "exact second", "", WARNLIST_EXACT);
	assert_int_equal(warnlist_add_entry(s, exact, "cdn.example.net", &why), 0);
	assert_int_equal(warnlist_add_entry(s, exact, "tracker.example.org", &why), 0);
	warnlist_seal(s, exact);
	size_t suffix = warnlist_add(s, "suffix third", "", WARNLIST_SUFFIX);
	assert_int_equal(warnlist_add_entry(s, suffix, "example.net", &why), 0);
	assert_int_equal(warnlist_add_entry(s, suffix, "198.51.100.0/24", &why), 0);
	warnlist_seal(s, suffix);
	size_t cidr = warnlist_add(s, "cidr fourth", "", WARNLIST_CIDR);
	assert_int_equal(warnlist_add_entry(s, cidr, "198.51.100.7", &why), 0);
	warnlist_seal(s, cidr);
	/* in the second (exact) and the third (by suffix): the second */
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "cdn.example.net"), "exact second");
	/* a parent on the third only */
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "www.cdn.example.net"),
			    "suffix third");
	/* the first by substring, though the second holds it exactly */
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "tracker.example.org"),
			    "substring first");
	/* an exact list holds the whole value of any kind; a suffix list only
	 * host names */
	assert_string_equal(warnlist_match(s, NODE_URL, "cdn.example.net"), "exact second");
	assert_null(warnlist_match(s, NODE_FILE, "example.net"));
	/* a range on the third before the same address on the fourth */
	assert_string_equal(warnlist_match(s, NODE_IPV4, "198.51.100.7"), "suffix third");
	/* entries added after a seal count once sealed again, and no others
	 * change */
	assert_int_equal(warnlist_add_entry(s, exact, "late.example.com", &why), 0);
	warnlist_seal(s, exact);
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "late.example.com"), "exact second");
	assert_null(warnlist_match(s, NODE_DOMAIN, "www.late.example.com"));
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "cdn.example.net"), "exact second");
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "a.example.net"), "suffix third");
	strbuf_free(&why);
	warnlist_free(s);
}

static void test_add_api(void **state)
{
	(void)state;
	struct warnlist_set *s = warnlist_new();
	struct strbuf why = STRBUF_INIT;
	assert_int_equal(warnlist_match_mode("HOSTNAME"), WARNLIST_SUFFIX);
	assert_int_equal(warnlist_match_mode("string"), WARNLIST_EXACT);
	assert_int_equal(warnlist_match_mode("bitmap"), -1);
	size_t l = warnlist_add(s, NULL, "hand", WARNLIST_SUFFIX);
	assert_int_equal(warnlist_add_entry(s, l, "  *.Example.COM.  ", &why), 0);
	assert_int_equal(warnlist_add_entry(s, l, "   ", &why), 0);
	assert_int_equal(warnlist_add_entry(s, l, "b\xc3\xbc" "cher.example", &why), 0);
	assert_int_equal(warnlist_add_entry(s, l, "10.0.0.0/8", &why), 0);
	warnlist_seal(s, l);
	size_t r = warnlist_add(s, "rx", "", WARNLIST_REGEX);
	assert_int_equal(warnlist_add_entry(s, r, "^c2-[0-9]+\\.", &why), 0);
	assert_int_equal(warnlist_add_entry(s, r, "(unclosed", &why), -1);
	assert_string_equal(why.buf, "missing closing parenthesis at offset 9");
	warnlist_seal(s, r);
	assert_int_equal(warnlist_count(s), 2);
	assert_string_equal(warnlist_name(s, 0), "unnamed list");
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "a.example.com"), "unnamed list");
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "xn--bcher-kva.example"),
			    "unnamed list");
	assert_string_equal(warnlist_match(s, NODE_IPV4, "10.200.0.1"), "unnamed list");
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "C2-17.evil.org"), "rx");
	assert_null(warnlist_match(s, NODE_DOMAIN, "c2-x.evil.org"));
	strbuf_free(&why);
	warnlist_free(s);

	const char *p = "tests/tmp/warnlist-regex.txt";
	mkdir("tests/tmp", 0777);
	write_file(p, "# name: Plain regexes\n# match: regex\n[\n^ok\\.\n");
	s = warnlist_new();
	struct diag_list d;
	diag_init(&d);
	assert_int_equal(warnlist_load(s, p, &d), 0);
	assert_int_equal(d.count, 1);
	/* printed as overlap_cli prints list diagnostics: where is the path */
	struct diag di = d.items[0];
	di.where = NULL;
	char *f = diag_format(&di, d.items[0].where);
	assert_string_equal(f, "tests/tmp/warnlist-regex.txt:3: warning: entry '[' dropped: "
			       "missing terminating ] for character class at offset 1");
	free(f);
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "ok.example"), "Plain regexes");
	diag_free(&d);
	warnlist_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_cidr_and_suffix),
	    cmocka_unit_test(test_misp_types),
	    cmocka_unit_test(test_bad_files),
	    cmocka_unit_test(test_load_dir_sorted),
	    cmocka_unit_test(test_shipped_lists),
	    cmocka_unit_test(test_list_terms),
	    cmocka_unit_test(test_first_list_wins),
	    cmocka_unit_test(test_add_api),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
