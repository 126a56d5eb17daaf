/* The actor-unit index (graph/alias_index.h): members and names of each
 * unit in one pass, the same names alias_names() gives unit by unit, and
 * degrees summed over a unit. */
#include "tests/testutil.h"

#include "graph/alias.h"
#include "graph/alias_index.h"
#include "graph/graph.h"

struct fixture {
	struct graph *g;
	uint32_t quarian, bd, apt15, domain, hammer;
};

/* Quarian (maltrail) and BackdoorDiplomacy (galaxy, claiming "Quarian" and
 * "Turian") are one unit; APT15 is alone with one alias. The domain
 * indicates both halves of the unit and APT15; BackdoorDiplomacy uses
 * Hammer. */
static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct graph *g = graph_new();
	uint32_t galaxy = graph_add_file(g, "clusters/threat-actor.json", "misp-galaxy");
	uint32_t maltrail = graph_add_file(g, "apt_quarian.txt", "ioc-list");
	fx->g = g;
	fx->quarian = graph_named_node(g, NODE_ACTOR, "Quarian", maltrail);
	fx->bd = graph_named_node(g, NODE_ACTOR, "BackdoorDiplomacy", galaxy);
	fx->apt15 = graph_named_node(g, NODE_ACTOR, "APT15", galaxy);
	fx->domain = graph_node(g, NODE_DOMAIN, "shared.example", "shared.example", maltrail);
	fx->hammer = graph_named_node(g, NODE_MALWARE, "Hammer", galaxy);
	alias_claim(g, fx->bd, "Quarian", galaxy);
	alias_claim(g, fx->bd, "Turian", galaxy);
	alias_claim(g, fx->apt15, "Vixen Panda", galaxy);
	struct prov p = prov_empty(maltrail);
	graph_add_edge(g, fx->domain, fx->quarian, REL_INDICATES, &p, 0);
	graph_add_edge(g, fx->domain, fx->bd, REL_INDICATES, &p, 0);
	graph_add_edge(g, fx->domain, fx->apt15, REL_INDICATES, &p, 0);
	graph_add_edge(g, fx->bd, fx->hammer, REL_USES, &p, 0);
	graph_finish(g);
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

static void test_members_of_a_unit(void **state)
{
	struct fixture *fx = *state;
	struct alias_index ix = {0};
	alias_index_build(&ix, fx->g);
	uint32_t root = alias_unit(fx->g, fx->bd);
	assert_int_equal(root, fx->quarian); /* the smaller id represents the unit */
	uint32_t n;
	const uint32_t *m = alias_index_nodes(&ix, root, &n);
	assert_int_equal(n, 2);
	assert_int_equal(m[0], fx->quarian);
	assert_int_equal(m[1], fx->bd);
	/* a member that is not the root has no members of its own */
	assert_null(alias_index_nodes(&ix, fx->bd, &n));
	assert_int_equal(n, 0);
	m = alias_index_nodes(&ix, fx->apt15, &n);
	assert_int_equal(n, 1);
	assert_int_equal(m[0], fx->apt15);
	assert_int_equal(ix.nmembers, 3);
	alias_index_free(&ix);
}

static void test_names_own_first_then_aliases(void **state)
{
	struct fixture *fx = *state;
	const struct graph *g = fx->g;
	struct alias_index ix = {0};
	alias_index_build(&ix, g);
	uint32_t n;
	const uint32_t *names = alias_index_names(&ix, fx->quarian, &n);
	/* "Quarian" is both an own name and a claim: listed once */
	assert_int_equal(n, 3);
	assert_string_equal(graph_str(g, names[0]), "Quarian");
	assert_string_equal(graph_str(g, names[1]), "BackdoorDiplomacy");
	assert_string_equal(graph_str(g, names[2]), "Turian");
	names = alias_index_names(&ix, fx->apt15, &n);
	assert_int_equal(n, 2);
	assert_string_equal(graph_str(g, names[0]), "APT15");
	assert_string_equal(graph_str(g, names[1]), "Vixen Panda");
	/* not an actor: no names */
	assert_null(alias_index_names(&ix, fx->domain, &n));
	alias_index_free(&ix);
}

/* The index and alias_names() name the same set for every unit. */
static void test_same_names_as_alias_names(void **state)
{
	struct fixture *fx = *state;
	const struct graph *g = fx->g;
	struct alias_index ix = {0};
	alias_index_build(&ix, g);
	for (uint32_t i = 0; i < g->node_count; i++) {
		if (g->nodes[i].kind != NODE_ACTOR || alias_unit(g, i) != i)
			continue;
		uint32_t want[16], n;
		size_t k = alias_names(g, i, want, 16);
		const uint32_t *got = alias_index_names(&ix, i, &n);
		assert_int_equal(n, k);
		for (size_t a = 0; a < k; a++) {
			int found = 0;
			for (uint32_t b = 0; b < n; b++)
				found |= strcmp(graph_str(g, got[b]), graph_str(g, want[a])) == 0;
			assert_true(found);
		}
	}
	alias_index_free(&ix);
}

static void test_degree_of_a_unit(void **state)
{
	struct fixture *fx = *state;
	struct alias_index ix = {0};
	alias_index_build(&ix, fx->g);
	/* Quarian 1 edge, BackdoorDiplomacy 2: the unit has 3 */
	assert_int_equal(alias_index_degree(&ix, fx->g, fx->quarian), 3);
	assert_int_equal(alias_index_degree(&ix, fx->g, fx->apt15), 1);
	assert_int_equal(alias_index_degree(&ix, fx->g, fx->domain), 3);
	assert_int_equal(alias_index_degree(&ix, fx->g, fx->hammer), 1);
	alias_index_free(&ix);
}

/* Nodes added after the build are unknown until it is built again. */
static void test_stale_after_growth(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	struct alias_index ix = {0};
	alias_index_build(&ix, g);
	assert_false(alias_index_stale(&ix, g));
	uint32_t late = graph_named_node(g, NODE_ACTOR, "Late Arrival", 0);
	graph_finish(g);
	assert_true(alias_index_stale(&ix, g));
	uint32_t n;
	assert_null(alias_index_nodes(&ix, late, &n));
	assert_int_equal(n, 0);
	assert_null(alias_index_names(&ix, late, &n));
	alias_index_build(&ix, g);
	assert_false(alias_index_stale(&ix, g));
	const uint32_t *names = alias_index_names(&ix, late, &n);
	assert_int_equal(n, 1);
	assert_string_equal(graph_str(g, names[0]), "Late Arrival");
	alias_index_free(&ix);
	alias_index_free(&ix); /* freeing twice is harmless */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_members_of_a_unit, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_names_own_first_then_aliases, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_same_names_as_alias_names, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_degree_of_a_unit, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stale_after_growth, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
