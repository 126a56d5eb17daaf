/* Names guessed from a file name take the publisher's spelling when the
 * data holds one (graph/respell.h), whatever the order files load in, and
 * names with an identity of their own are never respelt. */
#include "tests/testutil.h"

#include "graph/alias.h"
#include "graph/graph.h"

/* maltrail's apt_stonedrill.txt names an actor "Stonedrill"; the galaxy's
 * malware "StoneDrill" is the same name key and spells it. */
static void takes_another_nodes_spelling(void **state)
{
	(void)state;
	for (int order = 0; order < 2; order++) {
		struct graph *g = graph_new();
		uint32_t trail = graph_add_file(g, "apt_stonedrill.txt", "ioc-list");
		uint32_t galaxy = graph_add_file(g, "malpedia.json", "misp-galaxy");
		uint32_t actor = NODE_NONE;
		if (order == 0) {
			actor = graph_named_node(g, NODE_ACTOR, "Stonedrill", trail);
			graph_named_node(g, NODE_MALWARE, "StoneDrill", galaxy);
		} else {
			graph_named_node(g, NODE_MALWARE, "StoneDrill", galaxy);
			actor = graph_named_node(g, NODE_ACTOR, "Stonedrill", trail);
		}
		graph_finish(g);
		assert_string_equal(graph_node_label(g, actor), "StoneDrill");
		graph_free(g);
	}
}

/* Two spellings of one key: the same pick in either order (capitals
 * inside or words apart first, then the smaller text); an all-capitals
 * spelling is better than a guess but not than a mixed one. */
static void picks_the_same_whatever_the_order(void **state)
{
	(void)state;
	const char *const spell[2] = {"GoldDragon", "Gold Dragon"};
	for (int order = 0; order < 2; order++) {
		struct graph *g = graph_new();
		uint32_t f = graph_add_file(g, "apt_golddragon.txt", "ioc-list");
		uint32_t a = graph_named_node(g, NODE_ACTOR, "Golddragon", f);
		graph_named_node(g, NODE_MALWARE, "GOLDDRAGON", f);
		graph_named_node(g, NODE_TOOL, spell[order], f);
		graph_named_node(g, NODE_CAMPAIGN, spell[!order], f);
		graph_finish(g);
		assert_string_equal(graph_node_label(g, a), "Gold Dragon");
		graph_free(g);
	}
	struct graph *g = graph_new();
	uint32_t f = graph_add_file(g, "apt_pkplug.txt", "ioc-list");
	uint32_t a = graph_named_node(g, NODE_ACTOR, "Pkplug", f);
	graph_named_node(g, NODE_MALWARE, "PKPLUG", f);
	graph_finish(g);
	assert_string_equal(graph_node_label(g, a), "PKPLUG");
	graph_free(g);
}

/* A synonym another actor claims spells the name too: the galaxy's
 * "PittyTiger" for maltrail's apt_pittytiger.txt. */
static void takes_a_claims_spelling(void **state)
{
	(void)state;
	struct graph *g = graph_new();
	uint32_t trail = graph_add_file(g, "apt_pittytiger.txt", "ioc-list");
	uint32_t galaxy = graph_add_file(g, "threat-actor.json", "misp-galaxy");
	uint32_t a = graph_named_node(g, NODE_ACTOR, "Pittytiger", trail);
	uint32_t other = graph_named_node(g, NODE_ACTOR, "Pitty Panda", galaxy);
	alias_strong_identity(g, other, "Pitty Panda");
	alias_claim_as(g, other, "PittyTiger", galaxy, ALIAS_STRONG);
	graph_finish(g);
	assert_string_equal(graph_node_label(g, a), "PittyTiger");
	graph_free(g);
}

/* An actor with an identity of its own keeps its publisher's name, and a
 * guess with nothing better stays as it is. */
static void identity_and_lone_guess_kept(void **state)
{
	(void)state;
	struct graph *g = graph_new();
	uint32_t f = graph_add_file(g, "bundle.json", "stix2.1");
	uint32_t a = graph_named_node(g, NODE_ACTOR, "Sofacy", f);
	alias_strong_identity(g, a, "Sofacy");
	graph_named_node(g, NODE_MALWARE, "SOFACY", f);
	uint32_t t = graph_add_file(g, "apt_tibet.txt", "ioc-list");
	uint32_t tibet = graph_named_node(g, NODE_ACTOR, "Tibet", t);
	graph_finish(g);
	assert_string_equal(graph_node_label(g, a), "Sofacy");
	assert_string_equal(graph_node_label(g, tibet), "Tibet");
	graph_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(takes_another_nodes_spelling),
	    cmocka_unit_test(picks_the_same_whatever_the_order),
	    cmocka_unit_test(takes_a_claims_spelling),
	    cmocka_unit_test(identity_and_lone_guess_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
