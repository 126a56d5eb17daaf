/* The overlap engine on the whole real corpus: every row of the verified
 * cross-source table of ../shared/corpus/README.md is answered, as
 * `agx why A B` answers it (the same name resolution), in its relation -
 * overlap between two actors or clusters, corroboration between two sources
 * of one actor, internal between two campaigns of one actor - with its
 * values; and the near-miss trap (credits.offices-analytics.com against
 * credits.officesanalytics.com) is never counted. The corpus is loaded once
 * for the suite; it skips when the corpus is absent. */
#include "tests/testutil.h"

#include "graph/alias.h"
#include "graph/graph.h"
#include "graph/overlap.h"
#include "graph/strbuf.h"
#include "loaders/load.h"
#include "tui/cmd/overlap_cli.h"

static struct graph *g;
static struct overlap *ov;

static int setup(void **state)
{
	(void)state;
	const char *root = corpus_path("");
	if (!root)
		return 0;
	g = graph_new();
	struct load_opts o;
	memset(&o, 0, sizeof(o));
	struct diag_list d;
	diag_init(&d);
	load_path(g, root, &o, &d);
	diag_free(&d);
	graph_finish(g);
	struct overlap_opts oo;
	overlap_opts_default(&oo);
	ov = overlap_compute(g, &oo);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	overlap_free(ov);
	graph_free(g);
	return 0;
}

struct row {
	const char *a, *b;   /* names as an analyst types them: files, titles */
	int relation;	     /* enum pair_relation */
	const char *actor;   /* corroboration/internal: the actor, else NULL */
	const char *values;  /* space-separated, each shared with weight > 0 */
};

static const struct row rows[] = {
    {"backdoordiplomacy/README.adoc", "apt_quarian.txt", PAIR_CORROBORATION, "BackdoorDiplomacy",
     "web.vpnkerio.com pmdskm.top szsz.pmdskm.top bill.microsoftbuys.com officeupdate.ns01.us"},
    {"2024-03-25-Playful-Taurus-Mistake-in-2022.json", "apt_quarian.txt", PAIR_OVERLAP, NULL,
     "update.adboeonline.net"},
    {"2024-03-25-Playful-Taurus-Mistake-in-2022.json", "apt_ke3chang.txt", PAIR_OVERLAP, NULL,
     "update.adobeonline.net"},
    {"okrum_ke3chang/README.adoc", "apt_ke3chang.txt", PAIR_CORROBORATION, "Ke3chang",
     "compatsec.com inicializacion.com"},
    {"famoussparrow/README.adoc", "apt_ghostemperor.txt", PAIR_CORROBORATION, "GhostEmperor",
     "27.102.113.240"},
    {"famoussparrow/README.adoc", "apt_keyboy.txt", PAIR_OVERLAP, NULL,
     "credits.offices-analytics.com"},
    {"apt_earthestries.txt", "apt_ghostemperor.txt", PAIR_OVERLAP, NULL, "imap.dateupdata.com"},
    {"apt_earthestries.txt", "apt_keyboy.txt", PAIR_OVERLAP, NULL, "oxcdntech.com"},
    {"statelytaurus.json", "apt_pkplug.txt", PAIR_OVERLAP, NULL,
     "admin.nslookupdns.com cdncool.com queryurl.com"},
    {"statelytaurus.json", "apt_mustangpanda.txt", PAIR_CORROBORATION, "Mustang Panda",
     "45.142.166.112"},
    {"statelytaurus.json", "apt_ta416.txt", PAIR_CORROBORATION, "Mustang Panda", "45.248.87.162"},
    {"mustang_panda/README.adoc", "apt_ta416.txt", PAIR_CORROBORATION, "Mustang Panda",
     "92.118.188.78"},
    {"mustang_panda/README.adoc", "apt_mustangpanda.txt", PAIR_CORROBORATION, "Mustang Panda",
     "92.118.188.78"},
    {"apt_mustangpanda.txt", "apt_ta416.txt", PAIR_CORROBORATION, "Mustang Panda",
     "92.118.188.78"},
    {"ceranakeeper/README.adoc", "apt_mustangpanda.txt", PAIR_OVERLAP, NULL,
     "dljmp2p.com inly5sf.com"},
    {"RedDelta_Targets_European_Government_Organizations_and_Continues_to_Iterate_Custom_PlugX_"
     "Variant_-_Indicators.csv",
     "apt_mustangpanda.txt", PAIR_CORROBORATION, "Mustang Panda",
     "103.192.226.46 103.79.120.70 155.94.200.206"},
    {"RedDelta_Targets_European_Government_Organizations_and_Continues_to_Iterate_Custom_PlugX_"
     "Variant_-_Indicators.csv",
     "apt_ta416.txt", PAIR_CORROBORATION, "Mustang Panda", "107.167.64.4"},
    {"Campaign 6 - Stately Taurus (HenBox other)", "Campaign 7 - Stately Taurus (Farseer)",
     PAIR_INTERNAL, "Mustang Panda", "adminsysteminfo.com cdncool.com md5c.net tcpdo.net"},
    {"2024-08-02_StormBamboo/iocs.csv", "apt_barium.txt", PAIR_OVERLAP, NULL, "103.96.130.107"},
    {"2024-11-15_BrazenBamboo/iocs.csv", "apt_barium.txt", PAIR_OVERLAP, NULL,
     "103.27.108.207 119.147.213.48 121.201.109.98 202.43.239.13"},
    {"2023-09-22_EvilBamboo/indicators/iocs.csv", "gref/README.adoc", PAIR_OVERLAP, NULL,
     "flygram.org signalplus.org 148.251.87.245 45.154.12.132"},
    {"2023-09-22_EvilBamboo/indicators/iocs.csv", "apt_gref.txt", PAIR_OVERLAP, NULL,
     "flygram.org signalplus.org 148.251.87.245 45.154.12.132"},
    {"Calypso_APT_-_March_2021", "exchange_exploitation/README.adoc", PAIR_OVERLAP, NULL,
     "rawfuns.com yolkish.com"},
    {"Calypso_APT_-_March_2021", "apt_calypso.txt", PAIR_CORROBORATION, "Calypso",
     "rawfuns.com yolkish.com"},
    {"exchange_exploitation/README.adoc", "apt_barium.txt", PAIR_OVERLAP, NULL,
     "back.rooter.tk mm.portomnail.com"},
    {"signsight-misp-event.json", "apt_ta428.txt", PAIR_OVERLAP, NULL,
     "office365.blogdns.com vgca.homeunix.org"},
    {"apt_27.txt", "apt_icefog.txt", PAIR_OVERLAP, NULL,
     "tele.zyns.com skylineqaz.crabdance.com tajikstantravel.dynamic-dns.net"},
    {"apt_27.txt", "apt_redfoxtrot.txt", PAIR_OVERLAP, NULL,
     "tele.zyns.com skylineqaz.crabdance.com tajikstantravel.dynamic-dns.net"},
    {"zero-day-microsoft-exchange-vulnerabilities.json",
     "2021-03-02_-_Operation_Exchange_Marauder/indicators/indicators.csv", PAIR_OVERLAP, NULL,
     "103.77.192.219 104.140.114.110 149.28.14.163"},
};

static int shared(struct evidence *ev, size_t n, const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(graph_node_key(g, ev[i].value), value) && ev[i].weight > 0)
			return 1;
	return 0;
}

static void test_verified_rows(void **state)
{
	(void)state;
	if (!ov)
		skip();
	size_t nrows = sizeof(rows) / sizeof(rows[0]);
	for (size_t r = 0; r < nrows; r++) {
		const struct row *w = &rows[r];
		uint32_t a, b;
		struct strbuf notes = STRBUF_INIT;
		if (overlap_cli_pair(ov, w->a, w->b, &a, &b, &notes))
			fail_msg("row %zu: '%s' ~ '%s' not resolved", r + 1, w->a, w->b);
		strbuf_free(&notes);
		int rel = overlap_relation_of(ov, a, b);
		if (rel != w->relation)
			fail_msg("row %zu: %s ~ %s is %s, not %s", r + 1, overlap_unit_name(ov, a),
				 overlap_unit_name(ov, b), overlap_relation_name(rel),
				 overlap_relation_name(w->relation));
		if (w->actor)
			assert_string_equal(overlap_unit_name(ov, overlap_unit_parent(ov, a)), w->actor);
		struct evidence *ev;
		size_t n = overlap_why(ov, a, b, &ev, NULL, NULL);
		char vals[512];
		snprintf(vals, sizeof(vals), "%s", w->values);
		for (char *v = strtok(vals, " "); v; v = strtok(NULL, " "))
			if (!shared(ev, n, v))
				fail_msg("row %zu: %s ~ %s do not share %s", r + 1,
					 overlap_unit_name(ov, a), overlap_unit_name(ov, b), v);
		free(ev);
		/* and the pair is listed in its relation */
		assert_int_not_equal(overlap_pair_find(ov, a, b), UINT32_MAX);
	}
}

/* FamousSparrow (ESET) and KeyBoy (maltrail) share
 * credits.offices-analytics.com; Earth Estries lists the look-alike
 * credits.officesanalytics.com: a near miss, listed apart, never counted. */
static void test_lookalike_trap(void **state)
{
	(void)state;
	if (!ov)
		skip();
	uint32_t a, e;
	struct strbuf notes = STRBUF_INIT;
	assert_int_equal(overlap_cli_pair(ov, "famoussparrow/README.adoc", "apt_earthestries.txt",
					  &a, &e, &notes),
			 0);
	strbuf_free(&notes);
	struct evidence *ev;
	struct near_miss *near;
	size_t nn;
	size_t n = overlap_why(ov, a, e, &ev, &near, &nn);
	for (size_t i = 0; i < n; i++)
		assert_null(strstr(graph_node_key(g, ev[i].value), "analytics"));
	int listed = 0;
	for (size_t i = 0; i < nn; i++)
		listed |=
		    !strcmp(graph_node_key(g, near[i].value_a), "credits.offices-analytics.com") &&
		    !strcmp(graph_node_key(g, near[i].value_b), "credits.officesanalytics.com");
	assert_true(listed);
	free(ev);
	free(near);
}

/* What the attribution model is for: no report paired with the actor it
 * is about, no two copies of one report, in the top 30 of the ranking. */
static void test_top_of_ranking(void **state)
{
	(void)state;
	if (!ov)
		skip();
	size_t np;
	const struct overlap_pair *p = overlap_pairs(ov, &np);
	assert_true(np >= 30);
	for (size_t i = 0; i < 30; i++) {
		const char *a = overlap_unit_name(ov, p[i].a), *b = overlap_unit_name(ov, p[i].b);
		/* a report named after an actor would have been attributed to
		 * it: its title names no unit it is paired with */
		assert_null(strstr(a, b));
		assert_null(strstr(b, a));
		assert_true(p[i].relation == PAIR_OVERLAP);
	}
	/* the three copies of Citizen Lab's KeyBoy report are one unit */
	uint32_t u1 = overlap_unit_find(ov, "201611_KeyBoy/iocs.csv");
	uint32_t u2 = overlap_unit_find(ov, "201611_KeyBoy/misp.json");
	assert_int_not_equal(u1, UINT32_MAX);
	assert_int_equal(u1, u2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_verified_rows),
	    cmocka_unit_test(test_lookalike_trap),
	    cmocka_unit_test(test_top_of_ranking),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
