/* MISP galaxy cluster files: our fixtures (ambiguous synonym, a synonym that
 * names another cluster, a cluster without value, related links resolved
 * across files, dangling dest-uuid, used-by reversed, estimative-language
 * confidence) and misp-galaxy's real clusters. Runs from the repository root. */
#include "tests/testutil.h"

#include "tests/loadtest.h"

#define FIX "tests/fixtures/galaxy/"

static void test_fixture_clusters(void **state)
{
	(void)state;
	struct loaded l;
	load_with(&l, FIX "clusters-a.json", NULL);
	struct graph *g = l.g;
	assert_int_equal(l.rc, 0);
	assert_string_equal(graph_str(g, g->files[0].format), "misp-galaxy");
	assert_int_equal(g->files[0].objects, 4);
	assert_int_equal(g->files[0].skipped, 1);
	uint32_t amber = graph_find_named(g, NODE_ACTOR, "Amber Heron");
	uint32_t birch = graph_find_named(g, NODE_ACTOR, "Birch Heron");
	uint32_t cedar = graph_find_named(g, NODE_ACTOR, "Cedar Heron");
	assert_int_not_equal(amber, NODE_NONE);
	assert_int_equal(graph_by_source(g, "aaaaaaaa-0000-4000-8000-000000000001"), amber);
	/* a synonym claimed by two clusters: ambiguous, reported, not merged */
	assert_int_equal(alias_lookup(g, "Shared Name"), NODE_NONE);
	assert_int_not_equal(alias_unit(g, amber), alias_unit(g, birch));
	assert_int_equal(alias_lookup(g, "HERON-1"), alias_unit(g, amber));
	/* Cedar lists Birch's name: one unit, explainable by its merge */
	assert_int_equal(alias_unit(g, cedar), alias_unit(g, birch));
	size_t nm;
	const struct alias_merge *m = alias_merges(g, &nm);
	assert_int_equal(nm, 1);
	assert_string_equal(graph_str(g, m[0].alias), "Birch Heron");
	uint32_t c[4];
	assert_int_equal(graph_attrs(g, amber, ATTR_COUNTRY, c, 4), 1);
	assert_string_equal(graph_str(g, c[0]), "XX");
	/* related within the file, with its estimative confidence */
	uint32_t e = edge_between(g, amber, birch, graph_relation(g, "similar"));
	assert_int_not_equal(e, UINT32_MAX);
	assert_int_equal(graph_edge_at(g, e)->conf, 70);
	/* two links wait for clusters not loaded yet */
	assert_int_equal(diags_of(&l.d, DIAG_QUIRK, D_DANGLING), 1);
	assert_int_equal(diags_of(&l.d, DIAG_WARNING, D_INVALID), 1);

	/* the tool file comes later: Amber's "uses" link resolves then, and
	 * Quill's "used-by" Cedar becomes Cedar uses Quill */
	load_more(&l, FIX "clusters-b.json");
	g = l.g;
	uint32_t quill = graph_find_named(g, NODE_TOOL, "Quill");
	assert_int_not_equal(quill, NODE_NONE);
	assert_string_equal(graph_node_label(g, quill), "Quill"); /* " - S9999" dropped */
	assert_int_not_equal(edge_between(g, amber, quill, REL_USES), UINT32_MAX);
	assert_int_not_equal(edge_between(g, cedar, quill, REL_USES), UINT32_MAX);
	assert_int_equal(edges_of(g, REL_USES), 2);
	/* the tool's synonyms are aliases for display, not actor claims */
	assert_int_equal(alias_lookup(g, "QuillTool"), NODE_NONE);
	unload(&l);
}

static void test_threat_actor_galaxy(void **state)
{
	(void)state;
	const char *p = corpus_or_skip("misp-galaxy/clusters/threat-actor.json");
	struct loaded l;
	load_with(&l, p, NULL);
	struct graph *g = l.g;
	assert_int_equal(l.rc, 0);
	/* 1041 values, all with distinct name keys */
	assert_int_equal(g->files[0].objects, 1041);
	assert_int_equal(nodes_of(g, NODE_ACTOR), 1041);
	uint32_t bd = graph_find_named(g, NODE_ACTOR, "BackdoorDiplomacy");
	assert_int_not_equal(bd, NODE_NONE);
	assert_int_equal(alias_lookup(g, "Quarian"), alias_unit(g, bd));
	assert_int_equal(alias_lookup(g, "backdip"), alias_unit(g, bd));
	uint32_t ge = graph_find_named(g, NODE_ACTOR, "GhostEmperor");
	assert_int_equal(alias_lookup(g, "FamousSparrow"), alias_unit(g, ge));
	/* synonyms claimed by two values are reported, never merged */
	assert_true(diags_of(&l.d, DIAG_QUIRK, D_AMBIGUOUS) > 0);
	assert_true(alias_ambiguous_count(g) > 0);
	assert_int_equal(alias_lookup(g, "Cobalt Gypsy"), NODE_NONE);
	assert_int_not_equal(alias_unit(g, graph_find_named(g, NODE_ACTOR, "OilRig")),
			     alias_unit(g, graph_find_named(g, NODE_ACTOR, "Cleaver")));
	unload(&l);
}

static void test_attack_galaxies_linked(void **state)
{
	(void)state;
	/* loaded in directory order: intrusion sets before the malware and
	 * tools they use */
	const char *is = corpus_or_skip("misp-galaxy/clusters/mitre-intrusion-set.json");
	const char *mw = corpus_or_skip("misp-galaxy/clusters/mitre-malware.json");
	const char *tl = corpus_or_skip("misp-galaxy/clusters/mitre-tool.json");
	struct loaded l;
	load_with(&l, is, NULL);
	load_more(&l, mw);
	load_more(&l, tl);
	struct graph *g = l.g;
	assert_int_equal(l.rc, 0);
	uint32_t apt28 = graph_find_named(g, NODE_ACTOR, "APT28");
	uint32_t downdelph = graph_find_named(g, NODE_MALWARE, "Downdelph");
	assert_int_not_equal(apt28, NODE_NONE);
	assert_int_not_equal(downdelph, NODE_NONE);
	assert_int_not_equal(edge_between(g, apt28, downdelph, REL_USES), UINT32_MAX);
	/* python over the files: 685 intrusion-set -> malware and 472
	 * intrusion-set -> tool "uses" links */
	size_t to_malware = 0, to_tool = 0;
	for (size_t i = 0; i < g->edge_count; i++) {
		const struct edge *e = &g->edges[i];
		if (e->rel != REL_USES || graph_node_at(g, e->src)->kind != NODE_ACTOR)
			continue;
		to_malware += graph_node_at(g, e->dst)->kind == NODE_MALWARE;
		to_tool += graph_node_at(g, e->dst)->kind == NODE_TOOL;
	}
	assert_int_equal(to_malware, 685);
	assert_int_equal(to_tool, 472);
	uint32_t ids[2];
	assert_int_equal(graph_attrs(g, apt28, ATTR_EXTERNAL_ID, ids, 2), 1);
	assert_string_equal(graph_str(g, ids[0]), "G0007");
	unload(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_clusters),
		cmocka_unit_test(test_threat_actor_galaxy),
		cmocka_unit_test(test_attack_galaxies_linked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
