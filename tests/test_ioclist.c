/* IOC-list loader: maltrail trails, sectioned vendor lists, and the nasty
 * cases (defanged, ip:port, BOM/CRLF/NBSP, duplicates, comments, empty). */
#include "tests/testutil.h"
#include "tests/loadhelp.h"

#define TRAILS "maltrail-apt-trails/trails/static/malware/"

/* apt_quarian.txt: 67 non-comment lines, all distinct hostnames (counted with
 * grep -v '^#' | grep . | sort -u | wc -l); "# Aliases: BackdoorDiplomacy,
 * Quarian, Turian"; 7 "# Reference:" lines. */
static void quarian_trail(void **state)
{
	(void)state;
	const char *path = corpus_or_skip(TRAILS "apt_quarian.txt");
	struct loaded l = {0};
	lh_load(&l, path, NULL);
	assert_int_equal(l.rc, 0);
	uint32_t q = graph_find_named(l.g, NODE_ACTOR, "Quarian");
	assert_int_not_equal(q, NODE_NONE);
	assert_string_equal(graph_node_label(l.g, q), "Quarian");
	assert_int_equal(lh_count_kind(&l, NODE_ACTOR), 1);
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 67);
	assert_int_equal(lh_count_rel(&l, REL_INDICATES), 67);
	/* the alias names the same unit */
	assert_int_equal(alias_unit(l.g, alias_lookup(l.g, "BackdoorDiplomacy")),
			 alias_unit(l.g, q));
	assert_int_equal(alias_unit(l.g, alias_lookup(l.g, "turian")), alias_unit(l.g, q));
	uint32_t web = lh_find(&l, NODE_DOMAIN, "web.vpnkerio.com");
	assert_true(lh_edge(&l, web, q, REL_INDICATES));
	assert_true(lh_edge(&l, lh_find(&l, NODE_DOMAIN, "szsz.pmdskm.top"), q, REL_INDICATES));
	uint32_t refs[16];
	assert_int_equal(graph_attrs(l.g, q, ATTR_REFERENCE, refs, 16), 7);
	assert_int_equal(graph_file(l.g, 0)->objects, 67);
	assert_int_equal(lh_diags(&l, DIAG_ERROR, -1), 0);
	lh_free(&l);
}

/* apt_ke3chang.txt: aliases give the spelling "Ke3chang"; apt_27.txt -> APT27. */
static void trail_names(void **state)
{
	(void)state;
	const char *ke = corpus_or_skip(TRAILS "apt_ke3chang.txt");
	const char *a27 = corpus_or_skip(TRAILS "apt_27.txt");
	struct loaded l = {0};
	lh_load(&l, ke, NULL);
	lh_load(&l, a27, NULL);
	uint32_t k = graph_find_named(l.g, NODE_ACTOR, "ke3chang");
	assert_int_not_equal(k, NODE_NONE);
	assert_string_equal(graph_node_label(l.g, k), "Ke3chang");
	assert_int_equal(alias_unit(l.g, alias_lookup(l.g, "APT15")), alias_unit(l.g, k));
	uint32_t a = graph_find_named(l.g, NODE_ACTOR, "APT 27");
	assert_int_not_equal(a, NODE_NONE);
	assert_string_equal(graph_node_label(l.g, a), "APT27");
	lh_free(&l);
}

/* Insikt TA428 "Indicators" (no extension): sections "C2 IPs", "Poison Ivy",
 * ..., "TA428-linked Domains"; hashes with "(C2: host[.]com)" notes. By hand:
 * IPv4 3 + 95.179.131.29 from a note = 4; SHA-256 8; domains 16 distinct
 * (the notes' hosts are all in the domain section too). */
static void insikt_sections(void **state)
{
	(void)state;
	const char *path = corpus_or_skip(
	    "insikt-group-research/"
	    "China-linked_TA428_Continues_to_Target_Russia_and_Mongolia_IT_Companies/Indicators");
	struct loaded l = {0};
	lh_load(&l, path, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 4);
	assert_int_equal(lh_count_kind(&l, NODE_FILE), 8);
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 16);
	assert_int_equal(lh_count_kind(&l, NODE_ACTOR), 0);
	/* no actor: the file is a report unit named after its folder */
	assert_int_equal(lh_count_kind(&l, NODE_REPORT), 1);
	uint32_t rep = graph_find_named(
	    l.g, NODE_REPORT,
	    "China-linked TA428 Continues to Target Russia and Mongolia IT Companies");
	assert_int_not_equal(rep, NODE_NONE);
	assert_true(lh_edge(&l, rep, lh_find(&l, NODE_IPV4, "103.249.87.72"), REL_MENTIONS));
	assert_true(
	    lh_edge(&l, rep, lh_find(&l, NODE_DOMAIN, "nubia.tsagagaar.com"), REL_MENTIONS));
	/* no section header became a value or a warning */
	assert_int_equal(lh_diags(&l, DIAG_WARNING, -1), 0);
	assert_true(lh_diags(&l, DIAG_QUIRK, D_REFANGED) >= 20);
	lh_free(&l);
}

static const char nasty[] = "\xEF\xBB\xBF# a list with every trap\r\n"
			    "evil[.]example.com\r\n"
			    "hxxp://bad.example.org/path/x.php\r\n"
			    "192.0.2.10:8080\r\n"
			    "192.0.2.10\r\n"
			    "EVIL.example.com\r\n"
			    "evil.example.com # seen twice, comment after the value\r\n"
			    "\r\n"
			    "C2 Domains:\r\n"
			    "c2.example.net\xC2\xA0\r\n"
			    "/only/a/path.php\r\n"
			    "not-a-value.example.\r\n"
			    "2001:db8::1\r\n"
			    "bad@example.org\r\n"
			    "d41d8cd98f00b204e9800998ecf8427e\r\n"
			    "999.1.1.1";

static void nasty_list(void **state)
{
	(void)state;
	struct loaded l = {0};
	const char *path = lh_fixture("nasty.txt", nasty);
	lh_load(&l, path, "Test Actor");
	uint32_t a = graph_find_named(l.g, NODE_ACTOR, "test actor");
	assert_int_not_equal(a, NODE_NONE);
	/* evil.example.com three times (defanged, upper case, with comment) */
	uint32_t evil = lh_find(&l, NODE_DOMAIN, "evil.example.com");
	assert_true(lh_edge(&l, evil, a, REL_INDICATES));
	assert_true(lh_edge(&l, lh_find(&l, NODE_URL, "http://bad.example.org/path/x.php"), a,
			    REL_INDICATES));
	assert_int_not_equal(lh_find(&l, NODE_DOMAIN, "bad.example.org"), NODE_NONE);
	assert_true(lh_edge(&l, lh_find(&l, NODE_IPV4, "192.0.2.10"), a, REL_INDICATES));
	assert_true(lh_edge(&l, lh_find(&l, NODE_DOMAIN, "c2.example.net"), a, REL_INDICATES));
	assert_true(lh_edge(&l, lh_find(&l, NODE_IPV6, "2001:db8::1"), a, REL_INDICATES));
	assert_true(lh_edge(&l, lh_find(&l, NODE_EMAIL, "bad@example.org"), a, REL_INDICATES));
	assert_true(lh_edge(&l, lh_find(&l, NODE_FILE, "d41d8cd98f00b204e9800998ecf8427e"), a,
			    REL_INDICATES));
	/* "C2 Domains:" is a header; the path has no host; 999.1.1.1 is no IP
	 * and not a domain: one warning, with its line */
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 4); /* evil, bad, c2, not-a-value */
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 1);
	assert_int_equal(lh_diags(&l, DIAG_WARNING, D_VALUE), 1);
	assert_non_null(strstr(lh_first_diag(&l, DIAG_WARNING), "nasty.txt:16:1: warning:"));
	assert_true(lh_diags(&l, DIAG_QUIRK, D_REFANGED) >= 2);
	/* duplicates merge: one edge per (value, actor) */
	assert_int_equal(lh_count_rel(&l, REL_INDICATES), 8);
	assert_int_equal(l.rc, 0);
	lh_free(&l);
}

static void empty_and_comment_only(void **state)
{
	(void)state;
	struct loaded l = {0};
	struct load_opts o = {.format = "ioc-list"};
	lh_load_opts(&l, lh_fixture("empty.txt", ""), &o);
	assert_int_equal(l.rc, 0);
	lh_load_opts(&l, lh_fixture("comments.txt", "# only\n# comments\n\n"), &o);
	assert_int_equal(l.rc, 0);
	assert_int_equal(l.g->node_count, 0);
	lh_free(&l);
}

/* A trail whose name has no spelling but the file's takes the one its
 * "# Reference:" URLs give: "CopyKittens" from ".../CopyKittens/
 * CopyKittens.pdf", "MUDCARP" from "Accenture-Security-MUDCARP-Full-
 * Report.pdf" (its aliases are all lower case); mixed case wins over all
 * capitals, and a word that is only part of the name does not count. */
static void spelling_from_references(void **state)
{
	(void)state;
	struct loaded l = {0};
	const char *p = lh_fixture("apt_copykittens.txt",
				   "# Reference: https://example.org/COPYKITTENS-report.pdf\n"
				   "# Reference: https://example.org/CopyKittens/CopyKittens.pdf\n"
				   "# Reference: https://example.org/Copy/Kittens\n"
				   "evil-kitten.example\n");
	lh_load(&l, p, NULL);
	uint32_t a = graph_find_named(l.g, NODE_ACTOR, "copykittens");
	assert_int_not_equal(a, NODE_NONE);
	assert_string_equal(graph_node_label(l.g, a), "CopyKittens");
	lh_free(&l);
	p = lh_fixture("apt_mudcarp.txt", "# Aliases: apt40, leviathan, mudcarp\n"
					  "# Reference: https://example.org/x/Accenture-Security-"
					  "MUDCARP-Full-Report.pdf\nmud.example\n");
	lh_load(&l, p, NULL);
	a = graph_find_named(l.g, NODE_ACTOR, "mudcarp");
	assert_string_equal(graph_node_label(l.g, a), "MUDCARP");
	lh_free(&l);
	/* nothing to go by: the file's name, capitalised */
	p = lh_fixture("apt_tibet.txt", "# Reference: https://example.org/tibet-attacks\n"
					"tibet.example\n");
	lh_load(&l, p, NULL);
	a = graph_find_named(l.g, NODE_ACTOR, "tibet");
	assert_string_equal(graph_node_label(l.g, a), "Tibet");
	lh_free(&l);
}

/* A trail whose file name starts apt_ but lives in a temp dir: the actor is
 * still named by it. "--as" wins over the file name. */
static void as_overrides_filename(void **state)
{
	(void)state;
	struct loaded l = {0};
	const char *p = lh_fixture("apt_unc1234.txt", "# Aliases: Foo Group\nexample.org\n");
	lh_load(&l, p, NULL);
	uint32_t u = graph_find_named(l.g, NODE_ACTOR, "UNC1234");
	assert_int_not_equal(u, NODE_NONE);
	assert_string_equal(graph_node_label(l.g, u), "UNC1234");
	assert_int_equal(alias_unit(l.g, alias_lookup(l.g, "foo group")), alias_unit(l.g, u));
	lh_free(&l);
	p = lh_fixture("apt_unc1234.txt", "example.org\n");
	lh_load(&l, p, "Someone Else");
	assert_int_equal(graph_find_named(l.g, NODE_ACTOR, "UNC1234"), NODE_NONE);
	assert_int_not_equal(graph_find_named(l.g, NODE_ACTOR, "someone else"), NODE_NONE);
	lh_free(&l);
}

/* The whole maltrail folder loads without errors (340 files, 327,933
 * non-comment entries of which 3,666 are bare paths). */
static void maltrail_folder(void **state)
{
	(void)state;
	const char *dir = corpus_or_skip(TRAILS);
	struct loaded l = {0};
	lh_load(&l, dir, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_equal(l.g->file_count, 340);
	assert_int_equal(lh_count_kind(&l, NODE_ACTOR), 340);
	size_t objects = 0, skipped = 0;
	for (size_t f = 0; f < l.g->file_count; f++) {
		objects += l.g->files[f].objects;
		skipped += l.g->files[f].skipped;
	}
	assert_int_equal(objects, 327933);
	assert_true(skipped >= 3666 && skipped < 3666 + 20);
	/* cross-file ground truth: 92.118.188.78:443 in mustangpanda and ta416 */
	uint32_t ip = lh_find(&l, NODE_IPV4, "92.118.188.78");
	assert_true(
	    lh_edge(&l, ip, graph_find_named(l.g, NODE_ACTOR, "mustangpanda"), REL_INDICATES));
	assert_true(lh_edge(&l, ip, graph_find_named(l.g, NODE_ACTOR, "TA416"), REL_INDICATES));
	lh_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(quarian_trail),	      cmocka_unit_test(trail_names),
	    cmocka_unit_test(insikt_sections),	      cmocka_unit_test(nasty_list),
	    cmocka_unit_test(empty_and_comment_only), cmocka_unit_test(as_overrides_filename),
	    cmocka_unit_test(maltrail_folder),
	    cmocka_unit_test(spelling_from_references),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
