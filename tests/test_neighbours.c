/* A node's neighbours grouped for the detail pane (graph/neighbours.h): one
 * entry per relation, direction and neighbour with its edge count, the
 * edges of every actor of a unit together, none inside the unit, in the
 * order relation, direction, kind, label; capped with a flag. */
#include "tests/testutil.h"

#include "graph/alias.h"
#include "graph/alias_index.h"
#include "graph/graph.h"
#include "graph/neighbours.h"

struct fixture {
	struct graph *g;
	struct alias_index ix;
	uint32_t quarian, bd, apt15, domain, ip, hammer;
};

/* Quarian and BackdoorDiplomacy are one unit (a claimed alias). The domain
 * indicates both, the address Quarian; both use Hammer (two edges); APT15
 * uses the unit and the unit is related to APT15; BackdoorDiplomacy is
 * related to Quarian (inside the unit). */
static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct graph *g = graph_new();
	uint32_t f1 = graph_add_file(g, "a.json", "stix2"), f2 = graph_add_file(g, "b.txt", "ioc");
	fx->g = g;
	fx->quarian = graph_named_node(g, NODE_ACTOR, "Quarian", f2);
	fx->bd = graph_named_node(g, NODE_ACTOR, "BackdoorDiplomacy", f1);
	fx->apt15 = graph_named_node(g, NODE_ACTOR, "APT15", f1);
	fx->domain = graph_node(g, NODE_DOMAIN, "shared.example", "shared.example", f1);
	fx->ip = graph_node(g, NODE_IPV4, "198.51.100.7", "198.51.100.7", f2);
	fx->hammer = graph_named_node(g, NODE_MALWARE, "Hammer", f1);
	alias_claim(g, fx->bd, "Quarian", f1);
	struct prov p1 = prov_empty(f1), p2 = prov_empty(f2);
	graph_add_edge(g, fx->domain, fx->quarian, REL_INDICATES, &p1, 0);
	graph_add_edge(g, fx->domain, fx->bd, REL_INDICATES, &p1, 0);
	graph_add_edge(g, fx->ip, fx->quarian, REL_INDICATES, &p2, 0);
	graph_add_edge(g, fx->quarian, fx->hammer, REL_USES, &p2, 0);
	graph_add_edge(g, fx->bd, fx->hammer, REL_USES, &p1, 0);
	graph_add_edge(g, fx->apt15, fx->bd, REL_USES, &p1, 0);
	graph_add_edge(g, fx->quarian, fx->apt15, REL_RELATED_TO, &p2, 0);
	graph_add_edge(g, fx->bd, fx->quarian, REL_RELATED_TO, &p1, 0);
	graph_finish(g);
	alias_index_build(&fx->ix, g);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	alias_index_free(&fx->ix);
	graph_free(fx->g);
	free(fx);
	return 0;
}

static void test_unit_grouped_and_ordered(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(alias_unit(fx->g, fx->bd), fx->quarian);
	struct neighbour *v;
	int truncated;
	size_t n = neighbours_of(fx->g, &fx->ix, fx->quarian, 1000, &v, &truncated);
	assert_false(truncated);
	const struct {
		uint8_t rel, in;
		uint32_t other, count;
	} want[] = {
	    {REL_RELATED_TO, 0, fx->apt15, 1}, /* the edge inside the unit is left out */
	    {REL_USES, 0, fx->hammer, 2},      /* from both actors of the unit */
	    {REL_USES, 1, fx->apt15, 1},       /* in after out */
	    {REL_INDICATES, 1, fx->ip, 1},     /* ipv4 sorts before domain */
	    {REL_INDICATES, 1, fx->domain, 2},
	};
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].rel, want[i].rel);
		assert_int_equal(v[i].in, want[i].in);
		assert_int_equal(v[i].other, want[i].other);
		assert_int_equal(v[i].count, want[i].count);
		/* the edge is one of those behind the entry */
		uint32_t other = graph_edge_other(fx->g, v[i].edge, fx->quarian);
		if (other == fx->quarian || alias_unit(fx->g, other) == fx->quarian)
			other = graph_edge_other(fx->g, v[i].edge, fx->bd);
		assert_int_equal(other, want[i].other);
	}
	free(v);
}

/* An actor neighbour is shown as its unit. */
static void test_actor_neighbour_is_its_unit(void **state)
{
	struct fixture *fx = *state;
	struct neighbour *v;
	int truncated;
	size_t n = neighbours_of(fx->g, &fx->ix, fx->domain, 1000, &v, &truncated);
	/* the domain indicates Quarian and BackdoorDiplomacy: one unit, two edges */
	assert_int_equal(n, 1);
	assert_int_equal(v[0].other, fx->quarian);
	assert_int_equal(v[0].count, 2);
	assert_int_equal(v[0].in, 0);
	free(v);
}

static void test_capped(void **state)
{
	struct fixture *fx = *state;
	struct neighbour *v;
	int truncated;
	size_t n = neighbours_of(fx->g, &fx->ix, fx->quarian, 3, &v, &truncated);
	assert_true(truncated);
	size_t edges = 0;
	for (size_t i = 0; i < n; i++)
		edges += v[i].count;
	assert_true(edges <= 3);
	free(v);
	/* a node with no edges has no neighbours */
	uint32_t lone = graph_named_node(fx->g, NODE_TOOL, "Lonely", 0);
	graph_finish(fx->g);
	assert_int_equal(neighbours_of(fx->g, &fx->ix, lone, 10, &v, &truncated), 0);
	assert_false(truncated);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_unit_grouped_and_ordered, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_actor_neighbour_is_its_unit, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_capped, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
