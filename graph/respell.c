#include "graph/respell.h"

#include <ctype.h>
#include <string.h>

#include "graph/alias.h"

/* How much of the publisher's hand a spelling shows: 2 for capitals inside
 * the name or words apart ("StoneDrill", "Gold Dragon"), 1 for all capitals
 * ("PKPLUG"), 0 for what a file name gives ("stonedrill", "Stonedrill"). */
static int rank(const char *s)
{
	int inner_upper = 0, lower = 0, space = 0, upper = 0;
	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		upper |= isupper(c) != 0;
		lower |= islower(c) != 0;
		space |= c == ' ';
		inner_upper |= i > 0 && isupper(c) && s[i - 1] != ' ';
	}
	if ((inner_upper && lower) || (space && upper))
		return 2;
	return upper && !lower ? 1 : 0;
}

/* Whether cand is a better spelling than cur: a higher rank, then the
 * smaller text, so the pick is the same whatever the load order. */
static int better(const char *cand, const char *cur)
{
	int rc = rank(cand), ru = rank(cur);
	return rc != ru ? rc > ru : strcmp(cand, cur) < 0;
}

size_t respell_guessed_names(struct graph *g)
{
	static const int kinds[] = {NODE_ACTOR, NODE_CAMPAIGN, NODE_MALWARE, NODE_TOOL};
	size_t nclaims = alias_claim_count(g), count = 0;
	for (size_t i = 0; i < g->node_count; i++) {
		struct node *n = &g->nodes[i];
		if (n->kind != NODE_ACTOR || (n->flags & NODE_F_STRONG_ID))
			continue;
		const char *key = graph_str(g, n->key);
		uint32_t best = n->label;
		for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
			uint32_t o = graph_find(g, kinds[k], key);
			if (o != NODE_NONE && o != i && rank(graph_node_label(g, o)) > 0 &&
			    better(graph_node_label(g, o), graph_str(g, best)))
				best = g->nodes[o].label;
		}
		for (size_t c = 0; c < nclaims; c++) {
			uint32_t actor, ckey, name;
			alias_claim_get(g, c, &actor, &ckey, &name);
			if (ckey == n->key && rank(graph_str(g, name)) > 0 &&
			    better(graph_str(g, name), graph_str(g, best)))
				best = name;
		}
		if (best != n->label && rank(graph_str(g, best)) > rank(graph_str(g, n->label))) {
			n->label = best;
			count++;
		}
	}
	return count;
}
