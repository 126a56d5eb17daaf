/* OpenIOC 1.0/1.1 loader and the safe XML reader under it: Mandiant's APT
 * IOCs, Citizen Lab's exports, FireEye's 1.1 rules, and hostile fixtures. */
#include "tests/testutil.h"
#include "tests/loadhelp.h"

#include "graph/date.h"

#define FX "tests/fixtures/xml/"

/* APT12 "DARWIN (BLOGPOST)": by hand, 25 IndicatorItems: 11 FileItem/Md5sum,
 * 2 DnsEntryItem/Host (condition contains), 1 PortItem/remoteIP, 1
 * Email/From, 10 host-side items (sizes, PE timestamps, ...). */
static void mandiant_apt12(void **state)
{
	(void)state;
	const char *p = corpus_or_skip(
	    "mandiant-iocs-openioc10/APT12/2384c8ce-6eca-4d06-8aa4-151b53d9a6bc.ioc");
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	assert_int_equal(l.rc, 0);
	uint32_t rep = graph_find_named(l.g, NODE_REPORT, "DARWIN (BLOGPOST)");
	uint32_t apt12 = graph_find_named(l.g, NODE_ACTOR, "APT12");
	assert_int_not_equal(rep, NODE_NONE);
	assert_int_not_equal(apt12, NODE_NONE);
	assert_true(lh_edge(&l, rep, apt12, REL_ATTRIBUTED_TO));
	assert_int_equal(lh_count_kind(&l, NODE_FILE), 11);
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 2);
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 1);
	assert_int_equal(lh_count_kind(&l, NODE_EMAIL), 1);
	assert_int_equal(graph_file(l.g, 0)->objects, 25);
	assert_int_equal(graph_file(l.g, 0)->skipped, 10);
	/* "DnsEntryItem/Host contains icc.ignorelist.com": a complete hostname,
	 * so that host exactly; both such items are counted in one note */
	const struct edge *e =
	    lh_edge_at(&l, rep, lh_find(&l, NODE_DOMAIN, "icc.ignorelist.com"), REL_MENTIONS);
	assert_non_null(e);
	assert_false(e->flags & EDGE_F_PARTIAL);
	assert_int_equal(lh_diags(&l, DIAG_QUIRK, D_PARTIAL), 0);
	assert_int_equal(lh_diags(&l, DIAG_QUIRK, D_NOTE), 1);
	e = lh_edge_at(&l, rep, lh_find(&l, NODE_IPV4, "141.108.2.157"), REL_MENTIONS);
	assert_non_null(e);
	assert_false(e->flags & EDGE_F_PARTIAL);
	assert_int_equal(e->first, date_from_ymd(2014, 8, 28)); /* authored_date */
	assert_int_equal(e->last, date_from_ymd(2014, 9, 3));	/* last-modified */
	lh_free(&l);
}

/* The whole Mandiant folder: 23 files, 774 IndicatorItems; threatgroups
 * APT12, APT18, APT28, APT3, APT30, FIN4. */
static void mandiant_folder(void **state)
{
	(void)state;
	const char *p = corpus_or_skip("mandiant-iocs-openioc10");
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_equal(l.g->file_count, 23);
	size_t objects = 0;
	for (size_t f = 0; f < l.g->file_count; f++)
		objects += l.g->files[f].objects;
	assert_int_equal(objects, 774);
	assert_int_equal(lh_count_kind(&l, NODE_ACTOR), 6);
	static const char *const groups[] = {"APT12", "APT18", "APT28", "APT3", "APT30", "FIN4"};
	for (int i = 0; i < 6; i++)
		assert_int_not_equal(graph_find_named(l.g, NODE_ACTOR, groups[i]), NODE_NONE);
	assert_int_equal(lh_count_kind(&l, NODE_REPORT), 23);
	/* APT18's C2 from the SOURCE.md ground truth */
	assert_int_not_equal(lh_find(&l, NODE_IPV4, "137.175.4.132"), NODE_NONE);
	lh_free(&l);
}

/* Citizen Lab TaintedLeaks: values in id attributes, Content empty; the
 * same 6 domains, 3 IPs and 3 e-mails as the event's CSV and STIX 1. */
static void citizenlab_values_in_ids(void **state)
{
	(void)state;
	const char *p =
	    corpus_or_skip("citizenlab-malware-indicators/201705_TaintedLeaks/openioc.ioc");
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 6);
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 3);
	assert_int_equal(lh_count_kind(&l, NODE_EMAIL), 3);
	/* "Event #100" says nothing: the description names the report */
	assert_int_not_equal(
	    graph_find_named(l.g, NODE_REPORT,
			     "TAINTED LEAKS: Disinformation and Phishing With a Russian Nexus"),
	    NODE_NONE);
	lh_free(&l);
}

/* FireEye's OpenIOC 1.1 rules: 88 files load without an error; they hold
 * host-side detections only, so no infrastructure comes out of them. */
static void fireeye_openioc11(void **state)
{
	(void)state;
	const char *p = corpus_or_skip("fireeye-red-team-countermeasures-openioc11");
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	assert_int_equal(lh_diags(&l, DIAG_ERROR, -1), 0);
	assert_true(l.g->file_count >= 88);
	lh_free(&l);
}

static void conditions_fixture(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l, FX "conditions.ioc", NULL);
	assert_int_equal(l.rc, 0);
	uint32_t rep = graph_find_named(l.g, NODE_REPORT, "Conditions test");
	uint32_t grp = graph_find_named(l.g, NODE_ACTOR, "Group Eleven");
	assert_true(lh_edge(&l, rep, grp, REL_ATTRIBUTED_TO));
	assert_true(
	    lh_edge(&l, rep, graph_find_named(l.g, NODE_MALWARE, "BADTHING"), REL_MENTIONS));
	assert_true(lh_edge(&l, rep, lh_find(&l, NODE_DOMAIN, "exact.example.com"), REL_MENTIONS));
	/* contains on a complete hostname: exact; on a URL (a prefix of longer
	 * URLs): partial; on "198.51.100." (no address): partial, then refused */
	const struct edge *e =
	    lh_edge_at(&l, rep, lh_find(&l, NODE_DOMAIN, "part.example.net"), REL_MENTIONS);
	assert_non_null(e);
	assert_false(e->flags & EDGE_F_PARTIAL);
	e = lh_edge_at(&l, rep, lh_find(&l, NODE_URL, "http://part.example.org/gate"),
		       REL_MENTIONS);
	assert_non_null(e);
	assert_true(e->flags & EDGE_F_PARTIAL);
	assert_int_equal(lh_diags(&l, DIAG_QUIRK, D_PARTIAL), 2);
	/* negate="true": skipped with a quirk */
	assert_int_equal(lh_find(&l, NODE_IPV4, "192.0.2.1"), NODE_NONE);
	assert_true(lh_diags(&l, DIAG_QUIRK, D_UNSUPPORTED) >= 1);
	assert_true(lh_edge(&l, rep, lh_find(&l, NODE_URL, "http://c2.example.org/gate.php"),
			    REL_MENTIONS));
	assert_true(
	    lh_edge(&l, rep,
		    lh_find(&l, NODE_FILE,
			    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
		    REL_MENTIONS));
	assert_true(lh_edge(&l, rep, lh_find(&l, NODE_EMAIL, "sender@example.org"), REL_MENTIONS));
	assert_int_equal(graph_file(l.g, 0)->objects, 9);
	assert_int_equal(graph_file(l.g, 0)->skipped, 3); /* negated, registry, "198.51.100." */
	lh_free(&l);
}

/* An external entity must never be read: the DOCTYPE stops the file. */
static void xxe_refused(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l, FX "xxe.ioc", NULL);
	assert_int_equal(l.rc, -1);
	assert_int_equal(lh_diags(&l, DIAG_ERROR, D_UNSAFE), 1);
	assert_non_null(strstr(lh_first_diag(&l, DIAG_ERROR), "xxe.ioc:2:"));
	assert_non_null(
	    strstr(lh_first_diag(&l, DIAG_ERROR), "error: DTD/entity references are not accepted"));
	assert_int_equal(lh_find(&l, NODE_DOMAIN, "agx-secret-should-never-load.example.com"),
			 NODE_NONE);
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 0);
	lh_free(&l);
	lh_load(&l, FX "doctype-public.ioc", NULL);
	assert_int_equal(l.rc, -1);
	assert_int_equal(lh_diags(&l, DIAG_ERROR, D_UNSAFE), 1);
	lh_free(&l);
}

static void billion_laughs_refused(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l, FX "billion-laughs.xml", NULL);
	assert_int_equal(l.rc, -1);
	assert_int_equal(lh_diags(&l, DIAG_ERROR, D_UNSAFE), 1);
	assert_int_equal(l.g->node_count, 0);
	lh_free(&l);
}

/* Truncated: error with a position; the items before the cut still load. */
static void truncated_ioc(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l, FX "truncated.ioc", NULL);
	assert_int_equal(l.rc, -1);
	assert_int_equal(lh_diags(&l, DIAG_ERROR, D_SYNTAX), 1);
	assert_non_null(strstr(lh_first_diag(&l, DIAG_ERROR), "truncated.ioc:"));
	assert_non_null(strstr(lh_first_diag(&l, DIAG_ERROR), ": error: "));
	uint32_t rep = graph_find_named(l.g, NODE_REPORT, "Truncated IOC");
	assert_true(
	    lh_edge(&l, rep, lh_find(&l, NODE_DOMAIN, "before-the-cut.example.com"), REL_MENTIONS));
	lh_free(&l);
}

/* 300 nested <Indicator>s: over the 256 bound, refused as a limit. */
static void deep_nesting(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "<ioc xmlns=\"http://schemas.mandiant.com/2010/ioc\"><definition>");
	for (int i = 0; i < 300; i++)
		strbuf_adds(&sb, "<Indicator operator=\"OR\">");
	for (int i = 0; i < 300; i++)
		strbuf_adds(&sb, "</Indicator>");
	strbuf_adds(&sb, "</definition></ioc>");
	struct loaded l = {0};
	lh_load(&l, lh_fixture("deep.ioc", strbuf_str(&sb)), NULL);
	strbuf_free(&sb);
	assert_int_equal(l.rc, -1);
	assert_int_equal(lh_diags(&l, DIAG_ERROR, D_LIMIT), 1);
	lh_free(&l);
}

static void empty_and_not_xml(void **state)
{
	(void)state;
	struct loaded l = {0};
	struct load_opts o = {.format = "openioc"};
	lh_load_opts(&l, lh_fixture("empty.ioc", ""), &o);
	assert_int_equal(l.rc, -1);
	assert_int_equal(lh_diags(&l, DIAG_ERROR, -1), 1);
	lh_free(&l);
	lh_load_opts(&l, lh_fixture("junk.ioc", "<ioc><a></b></ioc>"), &o);
	assert_int_equal(l.rc, -1);
	assert_non_null(strstr(lh_first_diag(&l, DIAG_ERROR), "junk.ioc:1:"));
	lh_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(mandiant_apt12),
	    cmocka_unit_test(mandiant_folder),
	    cmocka_unit_test(citizenlab_values_in_ids),
	    cmocka_unit_test(fireeye_openioc11),
	    cmocka_unit_test(conditions_fixture),
	    cmocka_unit_test(xxe_refused),
	    cmocka_unit_test(billion_laughs_refused),
	    cmocka_unit_test(truncated_ioc),
	    cmocka_unit_test(deep_nesting),
	    cmocka_unit_test(empty_and_not_xml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
