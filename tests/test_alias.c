/* The alias table: merges by claimed names, explanations, ambiguity, undo. */
#include "tests/testutil.h"

#include "graph/alias.h"
#include "graph/graph.h"

struct fixture {
	struct graph *g;
	uint32_t galaxy, maltrail, attack;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	fx->g = graph_new();
	fx->galaxy = graph_add_file(fx->g, "clusters/threat-actor.json", "misp-galaxy");
	fx->maltrail = graph_add_file(fx->g, "apt_quarian.txt", "ioc-list");
	fx->attack = graph_add_file(fx->g, "enterprise-attack.json", "stix2");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	graph_free(fx->g);
	free(fx);
	return 0;
}

static void test_claimed_alias_merges_with_explanation(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	uint32_t quarian = graph_named_node(g, NODE_ACTOR, "Quarian", fx->maltrail);
	uint32_t bd = graph_named_node(g, NODE_ACTOR, "BackdoorDiplomacy", fx->galaxy);
	alias_claim(g, bd, "Quarian", fx->galaxy);
	alias_claim(g, bd, "Turian", fx->galaxy);
	graph_finish(g);
	assert_int_equal(alias_unit(g, quarian), alias_unit(g, bd));
	/* the smaller node id represents the unit, whatever the claim order */
	assert_int_equal(alias_unit(g, bd), quarian < bd ? quarian : bd);
	size_t n;
	const struct alias_merge *m = alias_merges(g, &n);
	assert_int_equal(n, 1);
	assert_string_equal(graph_str(g, m[0].alias), "Quarian");
	assert_int_equal(m[0].claimer, bd);
	assert_int_equal(m[0].file, fx->galaxy);
	/* any name finds the unit, case- and space-insensitively */
	assert_int_equal(alias_lookup(g, "backdoor diplomacy"), alias_unit(g, bd));
	assert_int_equal(alias_lookup(g, "TURIAN"), alias_unit(g, bd));
	assert_int_equal(alias_lookup(g, "Nobody"), NODE_NONE);
	uint32_t names[8];
	assert_int_equal(alias_names(g, quarian, names, 8), 3);
}

static void test_synonym_of_two_actors_is_ambiguous_not_merged(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	/* ATT&CK lists GREF as an alias of Ke3chang, while ESET's GREF is a
	 * separate cluster; a third source claims GREF for APT 99 */
	uint32_t ke3 = graph_named_node(g, NODE_ACTOR, "Ke3chang", fx->attack);
	uint32_t apt99 = graph_named_node(g, NODE_ACTOR, "APT 99", fx->galaxy);
	uint32_t gref = graph_named_node(g, NODE_ACTOR, "GREF", fx->maltrail);
	alias_claim(g, ke3, "GREF", fx->attack);
	alias_claim(g, apt99, "GREF", fx->galaxy);
	alias_claim(g, ke3, "Shared Name", fx->attack);
	alias_claim(g, apt99, "shared name", fx->galaxy);
	struct diag_list d;
	diag_init(&d);
	graph_finish(g);
	alias_resolve(g, &d);
	assert_int_not_equal(alias_unit(g, ke3), alias_unit(g, gref));
	assert_int_not_equal(alias_unit(g, apt99), alias_unit(g, gref));
	assert_int_not_equal(alias_unit(g, ke3), alias_unit(g, apt99));
	assert_int_equal(alias_ambiguous_count(g), 2);
	assert_int_equal(d.counts[DIAG_QUIRK], 2);
	assert_int_equal(d.items[0].code, D_AMBIGUOUS);
	/* the actor named GREF is still found by its own name; the name only
	 * claimed twice is ambiguous and finds nothing */
	assert_int_equal(alias_lookup(g, "gref"), gref);
	assert_int_equal(alias_lookup(g, "Shared Name"), NODE_NONE);
	diag_free(&d);
}

static void test_shared_claim_merges_once_sources_agree(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	/* galaxy APT15 claims Ke3chang (unambiguous: merges), and both claim
	 * Playful Taurus, which is the name of a third node: since the two
	 * claimers are already one unit, Playful Taurus joins them */
	uint32_t apt15 = graph_named_node(g, NODE_ACTOR, "APT15", fx->galaxy);
	uint32_t ke3 = graph_named_node(g, NODE_ACTOR, "Ke3chang", fx->attack);
	uint32_t pt = graph_named_node(g, NODE_ACTOR, "Playful Taurus", fx->maltrail);
	alias_claim(g, apt15, "Ke3chang", fx->galaxy);
	alias_claim(g, apt15, "Playful Taurus", fx->galaxy);
	alias_claim(g, ke3, "Playful Taurus", fx->attack);
	graph_finish(g);
	assert_int_equal(alias_unit(g, ke3), alias_unit(g, apt15));
	assert_int_equal(alias_unit(g, pt), alias_unit(g, apt15));
	assert_int_equal(alias_ambiguous_count(g), 0);
}

static void test_undo_and_redo_a_merge(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	uint32_t quarian = graph_named_node(g, NODE_ACTOR, "Quarian", fx->maltrail);
	uint32_t bd = graph_named_node(g, NODE_ACTOR, "BackdoorDiplomacy", fx->galaxy);
	alias_claim(g, bd, "Quarian", fx->galaxy);
	graph_finish(g);
	assert_int_equal(alias_unit(g, quarian), alias_unit(g, bd));
	assert_int_equal(alias_undo(g, 0, 1), 0);
	graph_finish(g);
	assert_int_not_equal(alias_unit(g, quarian), alias_unit(g, bd));
	size_t n;
	const struct alias_merge *m = alias_merges(g, &n);
	assert_int_equal(n, 1); /* still listed, marked undone, so it can be redone */
	assert_int_equal(m[0].undone, 1);
	/* more data arriving does not bring an undone merge back */
	graph_named_node(g, NODE_ACTOR, "Someone Else", fx->attack);
	graph_finish(g);
	assert_int_not_equal(alias_unit(g, quarian), alias_unit(g, bd));
	assert_int_equal(alias_undo(g, 0, 0), 0);
	graph_finish(g);
	assert_int_equal(alias_unit(g, quarian), alias_unit(g, bd));
	assert_int_equal(alias_undo(g, 5, 1), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_claimed_alias_merges_with_explanation, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_synonym_of_two_actors_is_ambiguous_not_merged,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_shared_claim_merges_once_sources_agree, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_undo_and_redo_a_merge, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
