/* Free-text loader: ESET's AsciiDoc IOC pages (the key real case), and a
 * Markdown report full of things that look like indicators and are not. */
#include "tests/testutil.h"
#include "tests/loadhelp.h"

#define FX "tests/fixtures/text/"
#define ESET "eset-malware-ioc/"
#define TRAILS "maltrail-apt-trails/trails/static/malware/"

/* backdoordiplomacy/README.adoc, by hand: "C&C servers" lists 23 IPv4 lines
 * (17 distinct) and 20 hostname lines (18 distinct, one "Infoafrica.top");
 * "Samples" 22 SHA-1 in literal blocks; the WeLiveSecurity link and the
 * ESET detection names ("Win32/Agent.QAY") are not indicators. */
static void eset_backdoordiplomacy(void **state)
{
	(void)state;
	const char *p = corpus_or_skip(ESET "backdoordiplomacy/README.adoc");
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	assert_int_equal(l.rc, 0);
	assert_string_equal(graph_str(l.g, graph_file(l.g, 0)->format), "text");
	uint32_t rep =
	    graph_find_named(l.g, NODE_REPORT, "BackdoorDiplomacy Indicators of Compromise");
	assert_int_not_equal(rep, NODE_NONE);
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 17);
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 18);
	assert_int_equal(lh_count_kind(&l, NODE_FILE), 22);
	assert_int_equal(lh_count_kind(&l, NODE_URL), 0);
	assert_int_equal(lh_find(&l, NODE_DOMAIN, "www.welivesecurity.com"), NODE_NONE);
	assert_true(lh_edge(&l, rep, lh_find(&l, NODE_DOMAIN, "infoafrica.top"), REL_MENTIONS));
	assert_true(lh_edge(&l, rep,
			    lh_find(&l, NODE_FILE, "2183ae45adef97500a26dbbf69d910b82bfe721a"),
			    REL_MENTIONS));
	lh_free(&l);
}

/* The README and maltrail's apt_quarian.txt share 15 hostnames exactly (the
 * corpus README says 16; by hand, 15 are equal strings and two more differ
 * only by "www."), and with --as the README's values indicate the actor. */
static void eset_meets_maltrail(void **state)
{
	(void)state;
	const char *e = corpus_or_skip(ESET "backdoordiplomacy/README.adoc");
	const char *q = corpus_or_skip(TRAILS "apt_quarian.txt");
	struct loaded l = {0};
	lh_load(&l, e, NULL);
	lh_load(&l, q, NULL);
	uint32_t rep =
	    graph_find_named(l.g, NODE_REPORT, "BackdoorDiplomacy Indicators of Compromise");
	uint32_t quarian = graph_find_named(l.g, NODE_ACTOR, "Quarian");
	size_t shared = 0;
	for (size_t v = 0; v < l.g->node_count; v++)
		if (l.g->nodes[v].kind == NODE_DOMAIN &&
		    lh_edge(&l, rep, (uint32_t)v, REL_MENTIONS) &&
		    lh_edge(&l, (uint32_t)v, quarian, REL_INDICATES))
			shared++;
	assert_int_equal(shared, 15);
	uint32_t web = lh_find(&l, NODE_DOMAIN, "web.vpnkerio.com");
	assert_true(lh_edge(&l, rep, web, REL_MENTIONS));
	assert_true(lh_edge(&l, web, quarian, REL_INDICATES));
	lh_free(&l);

	lh_load(&l, e, "BackdoorDiplomacy");
	uint32_t bd = graph_find_named(l.g, NODE_ACTOR, "BackdoorDiplomacy");
	assert_true(lh_edge(&l, lh_find(&l, NODE_DOMAIN, "szsz.pmdskm.top"), bd, REL_INDICATES));
	assert_int_equal(lh_count_kind(&l, NODE_REPORT), 0);
	lh_free(&l);
}

/* FamousSparrow: hashes in a table, AsciiDoc passthrough `++x[.]y++`,
 * ATT&CK table ignored: 10 SHA-1, 1 domain, 1 IPv4. */
static void eset_famoussparrow(void **state)
{
	(void)state;
	const char *p = corpus_or_skip(ESET "famoussparrow/README.adoc");
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	assert_int_equal(lh_count_kind(&l, NODE_FILE), 10);
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 1);
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 1);
	assert_int_not_equal(lh_find(&l, NODE_DOMAIN, "credits.offices-analytics.com"), NODE_NONE);
	assert_int_not_equal(lh_find(&l, NODE_IPV4, "27.102.113.240"), NODE_NONE);
	lh_free(&l);
}

/* Okrum/Ke3chang: its 32 hostnames and IPs are all in apt_ke3chang.txt. */
static void eset_okrum(void **state)
{
	(void)state;
	const char *p = corpus_or_skip(ESET "okrum_ke3chang/README.adoc");
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	assert_string_equal(graph_str(l.g, graph_file(l.g, 0)->format), "text");
	assert_int_not_equal(lh_find(&l, NODE_DOMAIN, "compatsec.com"), NODE_NONE);
	assert_int_not_equal(lh_find(&l, NODE_DOMAIN, "inicializacion.com"), NODE_NONE);
	assert_int_equal(lh_find(&l, NODE_DOMAIN, "www.welivesecurity.com"), NODE_NONE);
	lh_free(&l);
}

/* Every ESET page: no citation host, no file name taken for a domain. */
static void eset_all_pages(void **state)
{
	(void)state;
	const char *p = corpus_or_skip(ESET);
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	assert_int_equal(lh_find(&l, NODE_DOMAIN, "www.welivesecurity.com"), NODE_NONE);
	assert_int_equal(lh_find(&l, NODE_DOMAIN, "attack.mitre.org"), NODE_NONE);
	for (size_t v = 0; v < l.g->node_count; v++) {
		if (l.g->nodes[v].kind != NODE_DOMAIN)
			continue;
		const char *k = graph_node_key(l.g, (uint32_t)v);
		const char *dot = strrchr(k, '.');
		assert_non_null(dot);
		/* file types that reports mention: never a TLD here */
		static const char *const bad[] = {".exe",     ".dll",  ".js",	  ".db",
						  ".tlb",     ".nls",  ".pkg",	  ".orp",
						  ".targets", ".hsnx", ".flygram"};
		for (size_t b = 0; b < sizeof(bad) / sizeof(bad[0]); b++)
			assert_string_not_equal(dot, bad[b]);
	}
	lh_free(&l);
}

static void tricky_markdown(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l, FX "report.md", NULL);
	assert_int_equal(l.rc, 0);
	uint32_t rep = graph_find_named(l.g, NODE_REPORT, "Operation Paper Lantern");
	assert_int_not_equal(rep, NODE_NONE);
	assert_string_equal(graph_str(l.g, graph_file(l.g, 0)->title), "Operation Paper Lantern");
	/* c2[.], update., files. (URL host), mail. */
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 4);
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 2);
	assert_int_equal(lh_count_kind(&l, NODE_IPV6), 1);
	assert_int_equal(lh_count_kind(&l, NODE_URL), 1);
	assert_int_equal(lh_count_kind(&l, NODE_EMAIL), 1);
	assert_int_equal(lh_count_kind(&l, NODE_FILE), 2);
	assert_true(
	    lh_edge(&l, rep, lh_find(&l, NODE_DOMAIN, "c2.paper-lantern.net"), REL_MENTIONS));
	assert_true(lh_edge(&l, rep, lh_find(&l, NODE_IPV4, "203.0.113.77"), REL_MENTIONS));
	assert_true(lh_edge(&l, rep,
			    lh_find(&l, NODE_URL, "https://files.paper-lantern.net/dl/x.php"),
			    REL_MENTIONS));
	/* not indicators: versions, code, file names, citations */
	assert_int_equal(lh_find(&l, NODE_IPV4, "2.10.4.1"), NODE_NONE);
	assert_int_equal(lh_find(&l, NODE_DOMAIN, "system.net.webclient"), NODE_NONE);
	assert_int_equal(lh_find(&l, NODE_DOMAIN, "os.path.join"), NODE_NONE);
	assert_int_equal(lh_find(&l, NODE_DOMAIN, "libcrypt.so"), NODE_NONE);
	assert_int_equal(lh_find(&l, NODE_DOMAIN, "readme.md"), NODE_NONE);
	assert_int_equal(lh_find(&l, NODE_DOMAIN, "blog.example-vendor.com"), NODE_NONE);
	assert_int_equal(lh_find(&l, NODE_DOMAIN, "attack.mitre.org"), NODE_NONE);
	assert_int_equal(lh_find(&l, NODE_DOMAIN, "www.virustotal.com"), NODE_NONE);
	assert_int_equal(lh_diags(&l, DIAG_WARNING, -1), 0);
	assert_true(lh_diags(&l, DIAG_QUIRK, D_REFANGED) >= 3);
	lh_free(&l);
}

/* No heading: the whole text is prose; the unit is named by the file. */
static void plain_text(void **state)
{
	(void)state;
	struct loaded l = {0};
	struct load_opts o = {.format = "text"};
	lh_load_opts(&l, FX "notitle.txt", &o);
	assert_int_equal(l.rc, 0);
	uint32_t rep = graph_find_named(l.g, NODE_REPORT, "notitle");
	assert_true(
	    lh_edge(&l, rep, lh_find(&l, NODE_DOMAIN, "evil-cdn.example.com"), REL_MENTIONS));
	assert_true(lh_edge(&l, rep, lh_find(&l, NODE_IPV4, "192.0.2.55"), REL_MENTIONS));
	assert_true(lh_edge(&l, rep, lh_find(&l, NODE_IPV4, "192.0.2.56"), REL_MENTIONS));
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 2);
	lh_free(&l);
	/* empty text */
	lh_load_opts(&l, lh_fixture("empty.md", ""), &o);
	assert_int_equal(l.rc, 0);
	assert_int_equal(l.g->node_count, 0);
	lh_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(eset_backdoordiplomacy),
	    cmocka_unit_test(eset_meets_maltrail),
	    cmocka_unit_test(eset_famoussparrow),
	    cmocka_unit_test(eset_okrum),
	    cmocka_unit_test(eset_all_pages),
	    cmocka_unit_test(tricky_markdown),
	    cmocka_unit_test(plain_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
