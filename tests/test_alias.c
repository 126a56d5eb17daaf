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

/* A name nobody owns, claimed strongly by two known actors: ambiguous, no
 * merge, reported; the actor named GREF is still found by its own name. */
static void test_unowned_name_of_two_actors_is_ambiguous(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	uint32_t ke3 = graph_named_node(g, NODE_ACTOR, "Ke3chang", fx->attack);
	uint32_t apt99 = graph_named_node(g, NODE_ACTOR, "APT 99", fx->galaxy);
	uint32_t gref = graph_named_node(g, NODE_ACTOR, "GREF", fx->maltrail);
	alias_strong_identity(g, ke3, "Ke3chang");
	alias_strong_identity(g, apt99, "APT 99");
	alias_claim(g, ke3, "Shared Name", fx->attack);
	alias_claim(g, apt99, "shared name", fx->galaxy);
	struct diag_list d;
	diag_init(&d);
	graph_finish(g);
	alias_resolve(g, &d);
	assert_int_not_equal(alias_unit(g, ke3), alias_unit(g, apt99));
	assert_int_equal(alias_ambiguous_count(g), 1);
	assert_int_equal(d.counts[DIAG_QUIRK], 1);
	assert_int_equal(d.items[0].code, D_AMBIGUOUS);
	assert_int_equal(alias_lookup(g, "gref"), gref);
	assert_int_equal(alias_lookup(g, "Shared Name"), NODE_NONE);
	diag_free(&d);
}

/* Several actors claiming an existing actor's own name agree: each is that
 * actor. ESET's event calls its galaxy cluster "Turla Group" and lists
 * "Turla"; Microsoft's "Secret Blizzard" lists "Turla" too. */
static void test_claims_of_an_owned_name_agree(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	uint32_t turla = graph_named_node(g, NODE_ACTOR, "Turla", fx->attack);
	uint32_t group = graph_named_node(g, NODE_ACTOR, "Turla Group", fx->galaxy);
	uint32_t blizzard = graph_named_node(g, NODE_ACTOR, "Secret Blizzard", fx->galaxy);
	alias_claim(g, group, "Turla", fx->galaxy);
	alias_claim(g, blizzard, "Turla", fx->galaxy);
	graph_finish(g);
	assert_int_equal(alias_unit(g, group), alias_unit(g, turla));
	assert_int_equal(alias_unit(g, blizzard), alias_unit(g, turla));
	assert_int_equal(alias_ambiguous_count(g), 0);
	size_t n;
	const struct alias_merge *m = alias_merges(g, &n);
	assert_int_equal(n, 2);
	assert_int_equal(m[0].how, ALIAS_BY_CLAIM);
	assert_int_equal(m[0].strength, ALIAS_STRONG);
}

/* A weak claim (a comment line in an IOC list) never merges two actors
 * that each have an identity of their own; it joins one known only from
 * a file name. maltrail's KeyBoy list says "Aliases: famoussparrow". */
static void test_weak_claim_between_known_actors_is_refused(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	uint32_t keyboy = graph_named_node(g, NODE_ACTOR, "Keyboy", fx->maltrail);
	uint32_t apt23 = graph_named_node(g, NODE_ACTOR, "APT23", fx->galaxy);
	uint32_t sparrow = graph_named_node(g, NODE_ACTOR, "FamousSparrow", fx->attack);
	uint32_t tiny = graph_named_node(g, NODE_ACTOR, "Tinycluster", fx->maltrail);
	alias_strong_identity(g, apt23, "APT23");
	alias_strong_identity(g, sparrow, "FamousSparrow");
	alias_claim(g, apt23, "KeyBoy", fx->galaxy);
	alias_claim_as(g, keyboy, "famoussparrow", fx->maltrail, ALIAS_WEAK);
	alias_claim_as(g, tiny, "keyboy", fx->maltrail, ALIAS_WEAK);
	graph_finish(g);
	/* the galaxy's strong claim joins Keyboy (a file name) to APT23 */
	assert_int_equal(alias_unit(g, keyboy), alias_unit(g, apt23));
	/* the weak claim would join APT23 and FamousSparrow: refused */
	assert_int_not_equal(alias_unit(g, keyboy), alias_unit(g, sparrow));
	/* a weak claim from a unit known only by a file name: joins */
	assert_int_equal(alias_unit(g, tiny), alias_unit(g, apt23));
	size_t nr;
	const struct alias_refusal *r = alias_refusals(g, &nr);
	assert_int_equal(nr, 1);
	assert_int_equal(r[0].claimer, keyboy);
	assert_int_equal(r[0].named, sparrow);
	assert_int_equal(r[0].why, ALIAS_REFUSED_WEAK);
	assert_int_equal(r[0].strength, ALIAS_WEAK);
}

/* A catalog (a file defining ALIAS_CATALOG_MIN or more actors) that lists
 * GREF beside APT15 keeps them apart against ATT&CK's claim that GREF is
 * Ke3chang (whom the catalog's APT15 claims); the analyst's own file can
 * still join them, and the analyst's split wins over any claim. */
static void test_catalog_keeps_its_entries_apart(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	char name[32];
	uint32_t apt15 = NODE_NONE, gref = NODE_NONE;
	for (int i = 0; i < ALIAS_CATALOG_MIN; i++) {
		snprintf(name, sizeof(name), i == 0 ? "APT15" : i == 1 ? "GREF" : "Filler %d", i);
		uint32_t n = graph_named_node(g, NODE_ACTOR, name, fx->galaxy);
		alias_strong_identity(g, n, name);
		graph_add_attr(g, n, ATTR_SOURCE_ID, name, fx->galaxy);
		if (i == 0)
			apt15 = n;
		else if (i == 1)
			gref = n;
	}
	uint32_t ke3 = graph_named_node(g, NODE_ACTOR, "Ke3chang", fx->attack);
	alias_strong_identity(g, ke3, "Ke3chang");
	/* the galaxy's APT15 and ATT&CK's Ke3chang claim each other (two
	 * files state that link), ATT&CK alone claims GREF (one): the
	 * better supported link is settled first */
	alias_claim(g, apt15, "Ke3chang", fx->galaxy);
	alias_claim(g, ke3, "APT15", fx->attack);
	alias_claim(g, ke3, "GREF", fx->attack);
	graph_finish(g);
	assert_int_equal(alias_unit(g, ke3), alias_unit(g, apt15));
	assert_int_not_equal(alias_unit(g, ke3), alias_unit(g, gref));
	size_t nr;
	const struct alias_refusal *r = alias_refusals(g, &nr);
	assert_int_equal(nr, 1);
	assert_int_equal(r[0].why, ALIAS_REFUSED_DISPUTED);
	assert_int_equal(r[0].other_file, fx->galaxy);
	/* the analyst says GREF is Ke3chang: joined first, before any other
	 * claim; the catalog then keeps its APT15 apart from that unit, a
	 * possible alias the analyst can join as well */
	uint32_t mine = graph_add_file(g, "my-aliases.txt", "aliases");
	alias_claim_as(g, ke3, "GREF", mine, ALIAS_ANALYST);
	graph_finish(g);
	assert_int_equal(alias_unit(g, ke3), alias_unit(g, gref));
	assert_int_not_equal(alias_unit(g, ke3), alias_unit(g, apt15));
	alias_claim_as(g, ke3, "APT15", mine, ALIAS_ANALYST);
	graph_finish(g);
	assert_int_equal(alias_unit(g, ke3), alias_unit(g, apt15));
	assert_int_equal(alias_unit(g, ke3), alias_unit(g, gref));
	/* and then that APT15 is not Ke3chang: the split wins */
	alias_split(g, "APT 15", "ke3chang", mine);
	graph_finish(g);
	assert_int_not_equal(alias_unit(g, ke3), alias_unit(g, apt15));
}

/* An intrusion set attributed to the threat actor behind it is one unit
 * with it (the OASIS APT1 example: APT1 -attributed-to-> Ugly Gorilla). */
static void test_attributed_actors_are_one_unit(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	uint32_t apt1 = graph_named_node(g, NODE_ACTOR, "APT1", fx->attack);
	uint32_t ug = graph_named_node(g, NODE_ACTOR, "Ugly Gorilla", fx->attack);
	struct prov p = prov_empty(fx->attack);
	graph_add_edge(g, apt1, ug, REL_ATTRIBUTED_TO, &p, 0);
	graph_finish(g);
	assert_int_equal(alias_unit(g, apt1), alias_unit(g, ug));
	size_t n;
	const struct alias_merge *m = alias_merges(g, &n);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].how, ALIAS_BY_ATTRIBUTED);
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

/* The workspace's decisions (alias_decide): a join beats a loaded split, a
 * split parts two actors every source joins, and a decision forgotten
 * (alias_forget_file) leaves the graph as the data alone makes it. */
static void test_decisions_win_and_go_away(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	uint32_t apt3 = graph_named_node(g, NODE_ACTOR, "APT3", fx->galaxy);
	uint32_t gothic = graph_named_node(g, NODE_ACTOR, "Gothic Panda", fx->attack);
	uint32_t bd = graph_named_node(g, NODE_ACTOR, "BackdoorDiplomacy", fx->galaxy);
	uint32_t quarian = graph_named_node(g, NODE_ACTOR, "Quarian", fx->maltrail);
	alias_strong_identity(g, apt3, "APT3");
	alias_strong_identity(g, gothic, "Gothic Panda");
	/* the data: BackdoorDiplomacy is Quarian (strong); an analyst's alias
	 * file says APT3 is not Gothic Panda */
	alias_claim(g, bd, "Quarian", fx->galaxy);
	uint32_t mine = graph_add_file(g, "my-aliases.txt", "aliases");
	alias_split(g, "APT3", "Gothic Panda", mine);
	graph_finish(g);
	assert_int_not_equal(alias_unit(g, apt3), alias_unit(g, gothic));
	assert_int_equal(alias_unit(g, bd), alias_unit(g, quarian));
	/* the workspace: APT3 = Gothic Panda (over the loaded split), and
	 * BackdoorDiplomacy != Quarian (over the galaxy's claim) */
	uint32_t ws = graph_add_file(g, "ws.json", "workspace");
	alias_decide(g, "apt 3", "GOTHIC PANDA", 1, ws);
	alias_decide(g, "Quarian", "BackdoorDiplomacy", 0, ws);
	graph_finish(g);
	assert_int_equal(alias_unit(g, apt3), alias_unit(g, gothic));
	assert_int_not_equal(alias_unit(g, bd), alias_unit(g, quarian));
	size_t nm, nr;
	const struct alias_merge *m = alias_merges(g, &nm);
	assert_int_equal(nm, 1);
	assert_int_equal(m[0].strength, ALIAS_ANALYST);
	assert_int_equal(m[0].file, ws);
	const struct alias_refusal *r = alias_refusals(g, &nr);
	assert_int_equal(nr, 1);
	assert_int_equal(r[0].why, ALIAS_REFUSED_SPLIT);
	assert_int_equal(r[0].claimer, bd);
	/* forgotten: the data decides again, the loaded split included */
	alias_forget_file(g, ws);
	graph_finish(g);
	assert_int_not_equal(alias_unit(g, apt3), alias_unit(g, gothic));
	assert_int_equal(alias_unit(g, bd), alias_unit(g, quarian));
	alias_merges(g, &nm);
	assert_int_equal(nm, 1);
	alias_refusals(g, &nr);
	assert_int_equal(nr, 0); /* the loaded split: no claim joins the two, none refused */
	/* a decision on a name no actor has is kept and joins nothing */
	alias_decide(g, "APT3", "Nobody Here", 1, ws);
	graph_finish(g);
	assert_int_not_equal(alias_unit(g, apt3), alias_unit(g, gothic));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_claimed_alias_merges_with_explanation, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unowned_name_of_two_actors_is_ambiguous, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_claims_of_an_owned_name_agree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_weak_claim_between_known_actors_is_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_catalog_keeps_its_entries_apart, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_attributed_actors_are_one_unit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_shared_claim_merges_once_sources_agree, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_undo_and_redo_a_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decisions_win_and_go_away, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
