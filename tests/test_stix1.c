/* STIX 1.x loader: Citizen Lab packages (and their 5 broken siblings), the
 * STIXProject idioms, MISP's STIX 1.1.1/1.2 exports, and a fixture of
 * prefixes and out-of-order idrefs. */
#include "tests/testutil.h"
#include "tests/loadhelp.h"

#define FX "tests/fixtures/xml/"
#define CL "citizenlab-malware-indicators/"

/* The same event in three formats gives the same values: 6 domains, 3 IPv4,
 * 3 e-mail senders (counted in each file by hand). */
static void citizenlab_cross_format(void **state)
{
	(void)state;
	const char *fmt[] = {CL "201705_TaintedLeaks/stix.xml",
			     CL "201705_TaintedLeaks/openioc.ioc",
			     CL "201705_TaintedLeaks/iocs.csv"};
	static const char *const values[] = {
	    "mail-google-login.blogspot.com", "id9954.gq", "id834.ga", "id4242.ga", "id833.ga",
	    "com-securitysettingpage.tk"};
	for (int i = 0; i < 3; i++) {
		const char *p = corpus_or_skip(fmt[i]);
		struct loaded l = {0};
		lh_load(&l, p, NULL);
		assert_int_equal(l.rc, 0);
		assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 6);
		assert_int_equal(lh_count_kind(&l, NODE_IPV4), 3);
		assert_int_equal(lh_count_kind(&l, NODE_EMAIL), 3);
		for (int k = 0; k < 6; k++)
			assert_int_not_equal(lh_find(&l, NODE_DOMAIN, values[k]), NODE_NONE);
		assert_int_not_equal(lh_find(&l, NODE_IPV4, "89.40.181.119"), NODE_NONE);
		assert_int_not_equal(lh_find(&l, NODE_EMAIL, "annaablony@mail.com"), NODE_NONE);
		lh_free(&l);
	}
}

/* STIX: the report is named by the inner package's title; the values are
 * mentioned by it (no actor in the file), with the indicator's id and its
 * "High" confidence as provenance. */
static void citizenlab_stix_report(void **state)
{
	(void)state;
	const char *p = corpus_or_skip(CL "201705_TaintedLeaks/stix.xml");
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	uint32_t rep = graph_find_named(
	    l.g, NODE_REPORT,
	    "TAINTED LEAKS: Disinformation and Phishing With a Russian Nexus (MISP Event #100)");
	assert_int_not_equal(rep, NODE_NONE);
	const struct edge *e =
	    lh_edge_at(&l, rep, lh_find(&l, NODE_DOMAIN, "id833.ga"), REL_MENTIONS);
	assert_non_null(e);
	assert_int_equal(e->conf, 85);
	assert_string_equal(graph_str(l.g, e->obj),
			    ":indicator-5926f463-dc78-4a45-ba38-53928e96ca05");
	lh_free(&l);
}

/* FamiliarFeeling: 40 indicators: 16 domains, 6 IPv4, 14 MD5 (by hand). */
static void citizenlab_familiar_feeling(void **state)
{
	(void)state;
	const char *p = corpus_or_skip(CL "201808_FamiliarFeeling/stix.xml");
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 16);
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 6);
	assert_int_equal(lh_count_kind(&l, NODE_FILE), 14);
	assert_int_not_equal(lh_find(&l, NODE_DOMAIN, "tibetnews.info"), NODE_NONE);
	lh_free(&l);
}

/* The five packages that declare xmlns:="..." break the namespace rules,
 * not XML's: libxml2 reads past the declaration, so each loads whole with
 * one quirk at path:29:8 that says what was ignored (until the namespace
 * error was a quirk, each file's objects loaded and the file still said
 * "error", exit 1). Loaded with the folder, they give no error at all. */
static void citizenlab_broken(void **state)
{
	(void)state;
	static const char *const broken[] = {"201510_NGO_Burma", "201603_Shifting_Tactics",
					     "201604_UP007_SLServer", "201611_KeyBoy",
					     "201801_SpyingOnABudget"};
	for (int i = 0; i < 5; i++) {
		char rel[256];
		snprintf(rel, sizeof(rel), CL "%s/stix.xml", broken[i]);
		const char *p = corpus_or_skip(rel);
		struct loaded l = {0};
		lh_load(&l, p, NULL);
		assert_int_equal(l.rc, 0);
		assert_int_equal(lh_diags(&l, DIAG_ERROR, D_SYNTAX), 0);
		assert_int_equal(lh_diags(&l, DIAG_QUIRK, D_UNSUPPORTED), 1);
		char want[300];
		snprintf(want, sizeof(want), "%s/stix.xml:29:8: note: ", broken[i]);
		assert_non_null(strstr(lh_first_diag(&l, DIAG_QUIRK), want));
		assert_non_null(strstr(lh_first_diag(&l, DIAG_QUIRK), "'xmlns:'; the declaration is ignored"));
		/* the report's values are there */
		assert_true(l.g->node_count > 10);
		lh_free(&l);
	}
	const char *dir = corpus_or_skip(CL);
	struct loaded l = {0};
	lh_load(&l, dir, NULL);
	assert_int_equal(l.rc, 0);
	/* (the MISP JSON files beside them belong to another loader) */
	assert_int_equal(lh_diags(&l, DIAG_ERROR, D_SYNTAX), 0);
	size_t ns_quirks = 0;
	for (size_t i = 0; i < l.d.count; i++)
		ns_quirks += l.d.items[i].level == DIAG_QUIRK && strstr(l.d.items[i].msg, "'xmlns:'");
	assert_int_equal(ns_quirks, 5);
	/* the good packages still loaded */
	assert_int_not_equal(lh_find(&l, NODE_DOMAIN, "tibetnews.info"), NODE_NONE);
	lh_free(&l);
}

/* Fixture: the TTP and campaign are defined after the indicator naming them;
 * "other:" and "ex:" are one namespace; xsi:type prefixes differ. */
static void prefixes_and_idrefs(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l, FX "prefixes.xml", NULL);
	assert_int_equal(l.rc, 0);
	uint32_t actor = graph_find_named(l.g, NODE_ACTOR, "Fixture Panda");
	uint32_t camp = graph_find_named(l.g, NODE_CAMPAIGN, "Operation Fixture");
	uint32_t mal = graph_find_named(l.g, NODE_MALWARE, "WINNTI");
	uint32_t ip = lh_find(&l, NODE_IPV4, "198.51.100.23");
	assert_int_not_equal(actor, NODE_NONE);
	assert_true(lh_edge(&l, camp, actor, REL_ATTRIBUTED_TO));
	assert_true(lh_edge(&l, actor, mal, REL_USES));
	assert_true(lh_edge(&l, ip, camp, REL_INDICATES));
	assert_true(lh_edge(&l, ip, mal, REL_INDICATES));
	assert_int_equal(lh_edge_at(&l, ip, camp, REL_INDICATES)->conf, 85);
	assert_int_equal(alias_unit(l.g, alias_lookup(l.g, "APT Fixture")), alias_unit(l.g, actor));
	/* the composite's observable (by idref, at package level): partial and
	 * unattributed (its campaign is dangling), so the report mentions it */
	uint32_t rep = graph_find_named(l.g, NODE_REPORT, "Prefix Torture Report");
	const struct edge *e =
	    lh_edge_at(&l, rep, lh_find(&l, NODE_DOMAIN, "partial.example.net"), REL_MENTIONS);
	assert_non_null(e);
	assert_true(e->flags & EDGE_F_PARTIAL);
	assert_int_equal(lh_diags(&l, DIAG_QUIRK, D_DANGLING), 1);
	/* a package-level observable no indicator uses */
	assert_true(lh_edge(&l, rep, lh_find(&l, NODE_FILE, "d41d8cd98f00b204e9800998ecf8427e"),
			    REL_MENTIONS));
	assert_false(lh_edge(&l, rep, ip, REL_MENTIONS));
	lh_free(&l);
}

/* STIXProject idioms: campaign <- actor; indicator -> campaign by idref. */
static void idioms(void **state)
{
	(void)state;
	const char *p = corpus_or_skip("stixproject-idioms-stix1/documentation/idioms/"
				       "campaign-v-actors/campaign-v-actors.xml");
	const char *q = corpus_or_skip(
	    "stixproject-idioms-stix1/documentation/idioms/indicators-to-campaigns/new-style.xml");
	const char *r = corpus_or_skip("stixproject-idioms-stix1/documentation/idioms/"
				       "identity-group/identifying-a-threat-actor-group.xml");
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	lh_load(&l, q, NULL);
	lh_load(&l, r, NULL);
	uint32_t camp = graph_find_named(l.g, NODE_CAMPAIGN, "Compromise of ATM Machines");
	uint32_t actor = graph_find_named(l.g, NODE_ACTOR, "People behind the intrusion");
	assert_true(lh_edge(&l, camp, actor, REL_ATTRIBUTED_TO));
	assert_true(lh_edge(&l, lh_find(&l, NODE_IPV4, "10.0.0.0"),
			    graph_find_named(l.g, NODE_CAMPAIGN, "Operation Omega"),
			    REL_INDICATES));
	uint32_t disco = graph_find_named(l.g, NODE_ACTOR, "Disco Tean");
	assert_int_not_equal(disco, NODE_NONE);
	assert_int_equal(alias_unit(l.g, alias_lookup(l.g, "Equipo del Discoteca")),
			 alias_unit(l.g, disco));
	lh_free(&l);
	/* the whole idiom folder loads without an error */
	const char *dir = corpus_or_skip("stixproject-idioms-stix1");
	lh_load(&l, dir, NULL);
	assert_int_equal(lh_diags(&l, DIAG_ERROR, -1), 0);
	lh_free(&l);
}

/* MISP's STIX 1.1.1 and 1.2 exports of one event give the same values. */
static void misp_stix_versions(void **state)
{
	(void)state;
	const char *a = corpus_or_skip("misp-stix-testfiles/tests/test_event2_stix11.xml");
	const char *b = corpus_or_skip("misp-stix-testfiles/tests/test_event2_stix12.xml");
	struct loaded la = {0}, lb = {0};
	lh_load(&la, a, NULL);
	lh_load(&lb, b, NULL);
	assert_int_equal(la.rc, 0);
	assert_int_equal(lb.rc, 0);
	for (int k = 0; k < NODE_KIND_COUNT; k++)
		assert_int_equal(lh_count_kind(&la, k), lh_count_kind(&lb, k));
	assert_true(lh_count_kind(&la, NODE_DOMAIN) + lh_count_kind(&la, NODE_IPV4) >= 2);
	lh_free(&la);
	lh_free(&lb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(citizenlab_cross_format),	   cmocka_unit_test(citizenlab_stix_report),
	    cmocka_unit_test(citizenlab_familiar_feeling), cmocka_unit_test(citizenlab_broken),
	    cmocka_unit_test(prefixes_and_idrefs),	   cmocka_unit_test(idioms),
	    cmocka_unit_test(misp_stix_versions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
