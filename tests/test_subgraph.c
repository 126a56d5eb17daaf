/* Subgraph selection: what each view holds, on the hand-drawn fixture
 * (tests/fixture_graph.h), the cap and what it keeps, canonical order
 * whatever the load order, and the errors a mistyped name gets. */
#include "tests/testutil.h"

#include "graph/attribution.h"
#include "graph/export_gv.h"
#include "graph/observable.h"
#include "graph/overlap.h"
#include "graph/subgraph.h"
#include "tests/fixture_graph.h"

struct env {
	struct graph *g;
	struct overlap *ov;
};

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	e->g = fixture_small(0);
	struct overlap_opts o;
	overlap_opts_default(&o);
	e->ov = overlap_compute(e->g, &o);
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;
	overlap_free(e->ov);
	graph_free(e->g);
	free(e);
	return 0;
}

static char err[512];

static struct subgraph build(struct env *e, struct sg_spec s)
{
	struct subgraph sg;
	if (subgraph_build(e->g, e->ov, &s, &sg, err, sizeof(err)) != 0)
		fail_msg("subgraph_build: %s", err);
	return sg;
}

static int find(const struct subgraph *sg, const char *label)
{
	for (size_t i = 0; i < sg->nnodes; i++)
		if (strcmp(sg->nodes[i].label, label) == 0)
			return (int)i;
	return -1;
}

static void test_all_view(void **state)
{
	struct env *e = *state;
	struct subgraph sg = build(e, (struct sg_spec){.view = SG_VIEW_ALL});
	assert_int_equal(sg.nnodes, 11); /* 12 nodes, Ke3chang inside APT15 */
	assert_int_equal(sg.nedges, 11);
	assert_false(sg.truncated);
	/* canonical order: kind first (actor < campaign < malware < tool <
	 * ipv4 < domain), then key; the hostile name's key starts with ESC */
	assert_string_equal(sg.nodes[0].label, FIXTURE_HOSTILE);
	assert_string_equal(sg.nodes[1].label, "APT15");
	assert_string_equal(sg.nodes[2].label, "BackdoorDiplomacy");
	assert_int_equal(sg.nodes[3].kind, NODE_CAMPAIGN);
	assert_string_equal(sg.nodes[4].label, "Turian");
	assert_string_equal(sg.nodes[5].label, "Mimikatz");
	assert_string_equal(sg.nodes[6].label, "198.51.100.9");
	assert_string_equal(sg.nodes[10].label, "shared.example.com");
	/* the marking is the most restricted input's; the date the newest */
	assert_int_equal(sg.tlp, TLP_AMBER);
	assert_int_equal(sg.date, date_from_ymd(2023, 6, 1));
	assert_int_equal(sg.nfiles, 2);
	assert_string_equal(graph_file_path(e->g, sg.files[0]), "a.json");
	/* df from the overlap engine: APT15 and BackdoorDiplomacy reach it */
	assert_int_equal(sg.nodes[10].df, 2);
	/* edges sorted by ends; every edge's ends are in range */
	for (size_t i = 0; i < sg.nedges; i++) {
		assert_true(sg.edges[i].from < sg.nnodes && sg.edges[i].to < sg.nnodes);
		if (i)
			assert_true(sg.edges[i - 1].from <= sg.edges[i].from);
	}
	subgraph_free(&sg);
}

static void test_cap_keeps_most_connected(void **state)
{
	struct env *e = *state;
	struct subgraph sg = build(e, (struct sg_spec){.view = SG_VIEW_ALL, .max_nodes = 3});
	assert_true(sg.truncated);
	assert_int_equal(sg.total, 11);
	assert_int_equal(sg.nnodes, 3);
	/* APT15 (5 edges with Ke3chang's), BackdoorDiplomacy (3), then the
	 * first of the 2-edge nodes in canonical order: the campaign */
	assert_string_equal(sg.nodes[0].label, "APT15");
	assert_string_equal(sg.nodes[1].label, "BackdoorDiplomacy");
	assert_string_equal(sg.nodes[2].label, "Operation Tainted Love");
	assert_int_equal(sg.nedges, 1); /* attributed-to */
	assert_string_equal(graph_relation_name(e->g, sg.edges[0].rel), "attributed-to");
	subgraph_free(&sg);
}

static void test_ego_view(void **state)
{
	struct env *e = *state;
	struct subgraph sg =
		build(e, (struct sg_spec){.view = SG_VIEW_EGO, .node = "APT15", .depth = 1});
	assert_int_equal(sg.nnodes, 6);
	assert_int_equal(sg.nedges, 5);
	assert_int_equal(sg.focus[0], (uint32_t)find(&sg, "APT15"));
	assert_true(sg.nodes[sg.focus[0]].flags & SGN_FOCUS);
	assert_true(find(&sg, "ke3.example.net") >= 0); /* through the alias */
	assert_true(find(&sg, "BackdoorDiplomacy") < 0);
	assert_string_equal(sg.subject, "APT15");
	subgraph_free(&sg);

	sg = build(e, (struct sg_spec){.view = SG_VIEW_EGO, .node = "APT15", .depth = 2});
	assert_int_equal(sg.nnodes, 9);
	assert_true(find(&sg, "BackdoorDiplomacy") >= 0);
	assert_true(find(&sg, "198.51.100.9") >= 0);
	assert_true(find(&sg, "Turian") < 0);
	int bd = find(&sg, "BackdoorDiplomacy");
	assert_int_equal(sg.nodes[bd].depth, 2);
	subgraph_free(&sg);

	/* the centre by alias, by value (normalised), by kind:value */
	const char *names[] = {"ke3chang", "APT 15", "SHARED.example.com.", "domain:shared.example.com",
			       "tool:mimikatz"};
	const char *want[] = {"APT15", "APT15", "shared.example.com", "shared.example.com",
			      "Mimikatz"};
	for (size_t i = 0; i < 5; i++) {
		sg = build(e, (struct sg_spec){.view = SG_VIEW_EGO, .node = names[i], .depth = 1});
		assert_string_equal(sg.nodes[sg.focus[0]].label, want[i]);
		subgraph_free(&sg);
	}
	struct sg_spec bad = {.view = SG_VIEW_EGO, .node = "APT99", .depth = 1};
	assert_int_equal(subgraph_build(e->g, e->ov, &bad, &sg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no node named 'APT99'"));
	assert_int_equal(sg.nnodes, 0);
	subgraph_free(&sg);
}

static void test_unit_view(void **state)
{
	struct env *e = *state;
	struct subgraph sg = build(e, (struct sg_spec){.view = SG_VIEW_UNIT, .unit_a = "APT15"});
	/* APT15, its campaign, Mimikatz, and the four values it reaches */
	assert_int_equal(sg.nnodes, 7);
	assert_true(find(&sg, "Operation Tainted Love") >= 0);
	assert_true(find(&sg, "198.51.100.9") >= 0); /* through the campaign */
	assert_true(find(&sg, "ke3.example.net") >= 0);
	assert_true(find(&sg, "BackdoorDiplomacy") < 0);
	assert_int_equal(sg.nodes[find(&sg, "203.0.113.7")].df, 2);
	assert_int_equal(sg.nodes[find(&sg, "198.51.100.9")].df, 1);
	/* drawn flowing out from APT15: the campaign's value is 2 layers out */
	assert_int_equal(sg.nodes[find(&sg, "APT15")].layer, 0);
	assert_int_equal(sg.nodes[find(&sg, "198.51.100.9")].layer, 2);
	subgraph_free(&sg);
	struct sg_spec bad = {.view = SG_VIEW_UNIT, .unit_a = "APT16"};
	assert_int_equal(subgraph_build(e->g, e->ov, &bad, &sg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "did you mean 'APT15'"));
}

/* A view is marked by the inputs that state what it shows: the hostile
 * actor's unit rests on a.json (TLP:GREEN) alone, although b.json
 * (TLP:AMBER) is loaded; that maximum is kept for a note. The pair view of
 * APT15 and BackdoorDiplomacy rests on both. */
static void test_marking_is_of_what_is_shown(void **state)
{
	struct env *e = *state;
	struct subgraph sg =
	    build(e, (struct sg_spec){.view = SG_VIEW_UNIT, .unit_a = FIXTURE_HOSTILE});
	assert_int_equal(sg.tlp, TLP_GREEN);
	assert_int_equal(sg.tlp_all, TLP_AMBER);
	assert_int_equal(sg.nfiles, 1);
	assert_string_equal(graph_file_path(e->g, sg.files[0]), "a.json");
	subgraph_free(&sg);
	sg = build(e, (struct sg_spec){.view = SG_VIEW_PAIR, .unit_a = "APT15",
				       .unit_b = "BackdoorDiplomacy"});
	assert_int_equal(sg.tlp, TLP_AMBER);
	assert_int_equal(sg.nfiles, 2);
	subgraph_free(&sg);
}

static void test_pair_view(void **state)
{
	struct env *e = *state;
	struct subgraph sg = build(
		e, (struct sg_spec){.view = SG_VIEW_PAIR, .unit_a = "APT15", .unit_b = "BackdoorDiplomacy"});
	assert_int_equal(sg.nnodes, 3);
	assert_int_equal(sg.nedges, 3);
	assert_string_equal(sg.subject, "APT15 linked to BackdoorDiplomacy");
	int a = find(&sg, "APT15"), b = find(&sg, "BackdoorDiplomacy"),
	    v = find(&sg, "shared.example.com");
	assert_true(sg.nodes[a].flags & SGN_FOCUS);
	assert_true(sg.nodes[b].flags & SGN_FOCUS);
	assert_true(sg.nodes[v].flags & SGN_SHARED);
	/* A's side, the shared values, B's side */
	assert_true(sg.nodes[a].layer < sg.nodes[v].layer);
	assert_true(sg.nodes[v].layer < sg.nodes[b].layer);
	/* the score edge carries the engine's numbers */
	size_t np;
	const struct overlap_pair *p = overlap_pairs(e->ov, &np);
	uint32_t k = overlap_pair_find(e->ov, overlap_unit_find(e->ov, "APT15"),
				       overlap_unit_find(e->ov, "BackdoorDiplomacy"));
	int pairs = 0;
	for (size_t i = 0; i < sg.nedges; i++) {
		if (!(sg.edges[i].flags & SGE_PAIR))
			continue;
		pairs++;
		assert_int_equal(sg.edges[i].pair, k);
		assert_true(sg.edges[i].score == p[k].score);
		assert_int_equal(sg.edges[i].shared, 1);
	}
	assert_int_equal(pairs, 1);
	subgraph_free(&sg);

	struct sg_spec same = {.view = SG_VIEW_PAIR, .unit_a = "APT15", .unit_b = "Ke3chang"};
	assert_int_equal(subgraph_build(e->g, e->ov, &same, &sg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "same unit"));
}

static void test_cluster_and_overlap_views(void **state)
{
	struct env *e = *state;
	/* APT15-BackdoorDiplomacy scores about 0.13, APT15-hostile about 0.03 */
	struct subgraph sg =
		build(e, (struct sg_spec){.view = SG_VIEW_CLUSTER, .cluster = 1, .threshold = 0.1});
	assert_int_equal(sg.nnodes, 2);
	assert_int_equal(sg.nedges, 1);
	assert_true(sg.edges[0].flags & SGE_PAIR);
	assert_string_equal(sg.subject, "APT15, BackdoorDiplomacy");
	subgraph_free(&sg);
	sg = build(e, (struct sg_spec){.view = SG_VIEW_CLUSTER, .unit_a = "BackdoorDiplomacy",
				       .threshold = 0.1});
	assert_int_equal(sg.nnodes, 2);
	subgraph_free(&sg);
	struct sg_spec none = {.view = SG_VIEW_CLUSTER, .cluster = 2, .threshold = 0.1};
	assert_int_equal(subgraph_build(e->g, e->ov, &none, &sg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no cluster 2"));

	/* by default every pair sharing counted infrastructure is drawn, the
	 * threshold only decides which are drawn strong ... */
	sg = build(e, (struct sg_spec){.view = SG_VIEW_OVERLAP, .threshold = 0.1});
	assert_int_equal(sg.nnodes, 3);
	assert_int_equal(sg.nedges, 2);
	assert_non_null(strstr(sg.subject, "under 0.10"));
	subgraph_free(&sg);
	/* ... and a floor (--threshold given on the command line) filters */
	sg = build(e, (struct sg_spec){.view = SG_VIEW_OVERLAP, .threshold = 0.01, .min_score = 0.01});
	assert_int_equal(sg.nnodes, 3);
	assert_int_equal(sg.nedges, 2);
	subgraph_free(&sg);
	sg = build(e, (struct sg_spec){.view = SG_VIEW_OVERLAP, .threshold = 0.1, .min_score = 0.1});
	assert_int_equal(sg.nnodes, 2);
	assert_string_equal(sg.subject, "pairs scoring 0.10 or more");
	subgraph_free(&sg);
	/* under a cap the strongest pair stays */
	sg = build(e, (struct sg_spec){.view = SG_VIEW_OVERLAP, .threshold = 0.01, .max_nodes = 2});
	assert_true(sg.truncated);
	assert_int_equal(sg.nnodes, 2);
	assert_true(find(&sg, "BackdoorDiplomacy") >= 0);
	assert_int_equal(sg.nedges, 1);
	subgraph_free(&sg);
}

static void test_same_whatever_the_load_order(void **state)
{
	(void)state;
	struct graph *g[2] = {fixture_small(0), fixture_small(1)};
	struct overlap *ov[2];
	struct subgraph sg[2];
	struct sg_spec specs[] = {
		{.view = SG_VIEW_ALL},
		{.view = SG_VIEW_EGO, .node = "Ke3chang", .depth = 2},
		{.view = SG_VIEW_PAIR, .unit_a = "APT15", .unit_b = "BackdoorDiplomacy"},
		{.view = SG_VIEW_OVERLAP, .threshold = 0.01},
	};
	for (int i = 0; i < 2; i++) {
		struct overlap_opts o;
		overlap_opts_default(&o);
		ov[i] = overlap_compute(g[i], &o);
	}
	for (size_t s = 0; s < sizeof(specs) / sizeof(specs[0]); s++) {
		for (int i = 0; i < 2; i++)
			assert_int_equal(subgraph_build(g[i], ov[i], &specs[s], &sg[i], err, sizeof(err)), 0);
		assert_int_equal(sg[0].nnodes, sg[1].nnodes);
		assert_int_equal(sg[0].nedges, sg[1].nedges);
		for (size_t n = 0; n < sg[0].nnodes; n++) {
			assert_string_equal(sg[0].nodes[n].label, sg[1].nodes[n].label);
			assert_int_equal(sg[0].nodes[n].layer, sg[1].nodes[n].layer);
			assert_int_equal(sg[0].nodes[n].df, sg[1].nodes[n].df);
		}
		for (size_t x = 0; x < sg[0].nedges; x++) {
			assert_int_equal(sg[0].edges[x].from, sg[1].edges[x].from);
			assert_int_equal(sg[0].edges[x].to, sg[1].edges[x].to);
			assert_int_equal(sg[0].edges[x].conf, sg[1].edges[x].conf);
		}
		subgraph_free(&sg[0]);
		subgraph_free(&sg[1]);
	}
	for (int i = 0; i < 2; i++) {
		overlap_free(ov[i]);
		graph_free(g[i]);
	}
}

static void test_views_without_the_engine(void **state)
{
	struct env *e = *state;
	struct subgraph sg;
	struct sg_spec s = {.view = SG_VIEW_EGO, .node = "Ke3chang", .depth = 1};
	assert_int_equal(subgraph_build(e->g, NULL, &s, &sg, err, sizeof(err)), 0);
	/* named by the member with the most edges, as the engine names units */
	assert_string_equal(sg.nodes[sg.focus[0]].label, "APT15");
	assert_int_equal(sg.nodes[find(&sg, "shared.example.com")].df, 0); /* unknown */
	subgraph_free(&sg);
	s = (struct sg_spec){.view = SG_VIEW_PAIR, .unit_a = "APT15", .unit_b = "BackdoorDiplomacy"};
	assert_int_equal(subgraph_build(e->g, NULL, &s, &sg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "overlap engine"));
	assert_int_equal(subgraph_view_from_name("cluster"), SG_VIEW_CLUSTER);
	assert_int_equal(subgraph_view_from_name("graph"), -1);
	assert_int_equal(subgraph_conf_band(70), 2);
	assert_int_equal(subgraph_conf_band(69), 1);
	assert_int_equal(subgraph_conf_band(CONF_UNKNOWN), 1);
	assert_int_equal(subgraph_conf_band(29), 0);
}

/* A report the unit takes by a reason (here the analyst's decision) and a
 * list the analyst re-filed are drawn joined to the unit, labelled with
 * the reason, not left floating:
 *   feed.json: actor Alpha; report "Field notes" mentions n.example.com
 *   trails/apt_b.txt: Bravo <-indicates- b.example.com
 *   decisions: "Field notes" -> Alpha; apt_b.txt -> Alpha */
static void test_joined_by_a_reason(void **state)
{
	(void)state;
	struct graph *g = graph_new();
	uint32_t f = graph_add_file(g, "feed.json", "stix2");
	uint32_t fl = graph_add_file(g, "trails/apt_b.txt", "ioc-list");
	uint32_t alpha = graph_named_node(g, NODE_ACTOR, "Alpha", f);
	uint32_t bravo = graph_named_node(g, NODE_ACTOR, "Bravo", fl);
	uint32_t rep = graph_report_node(g, "Field notes", NULL, f);
	struct prov p = prov_empty(f), pl = prov_empty(fl);
	uint32_t n = obs_add(g, -1, "n.example.com", 13, &p, NULL, NULL);
	graph_add_edge(g, rep, n, REL_MENTIONS, &p, 0);
	uint32_t v = obs_add(g, -1, "b.example.com", 13, &pl, NULL, NULL);
	graph_add_edge(g, v, bravo, REL_INDICATES, &pl, 0);
	graph_finish(g);
	struct attrib_decision d[] = {{"Field notes", "Alpha", "same panel", "lead", NULL},
				      {"apt_b.txt", "Alpha", NULL, "lead", NULL}};
	struct overlap_opts o;
	overlap_opts_default(&o);
	o.decisions = d;
	o.ndecisions = 2;
	struct overlap *ov = overlap_compute(g, &o);
	struct sg_spec s = {.view = SG_VIEW_UNIT, .unit_a = "Alpha"};
	struct subgraph sg;
	assert_int_equal(subgraph_build(g, ov, &s, &sg, err, sizeof(err)), 0);
	int ia = find(&sg, "Alpha"), ir = find(&sg, "Field notes"), ib = find(&sg, "Bravo");
	assert_true(ia >= 0 && ir >= 0 && ib >= 0);
	int report_joined = 0, list_joined = 0;
	for (size_t i = 0; i < sg.nedges; i++) {
		const struct sg_edge *se = &sg.edges[i];
		if (!(se->flags & SGE_JOINED))
			continue;
		assert_int_equal(se->to, ia);
		assert_int_equal(se->reason, ATTRIB_ANALYST);
		if ((int)se->from == ir && !(se->flags & SGE_REFILED))
			report_joined++;
		if ((int)se->from == ib && (se->flags & SGE_REFILED))
			list_joined++;
	}
	assert_int_equal(report_joined, 1);
	assert_int_equal(list_joined, 1);
	/* the diagram says why, and its legend says what the line is */
	struct export_opts eo = {.format = EXPORT_DOT};
	char *dot = NULL;
	size_t len = 0;
	assert_int_equal(export_gv_render(g, &sg, &eo, &dot, &len, err, sizeof(err)), EXPORT_OK);
	assert_non_null(strstr(dot, "attributed\\n(analyst)"));
	assert_non_null(strstr(dot, "re-filed (analyst)"));
	assert_non_null(strstr(dot, "attributed by a reason"));
	free(dot);
	subgraph_free(&sg);
	overlap_free(ov);
	(void)alpha;
	graph_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_all_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cap_keeps_most_connected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ego_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unit_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_marking_is_of_what_is_shown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pair_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cluster_and_overlap_views, setup, teardown),
		cmocka_unit_test(test_same_whatever_the_load_order),
		cmocka_unit_test_setup_teardown(test_views_without_the_engine, setup, teardown),
		cmocka_unit_test(test_joined_by_a_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
