#include "graph/neighbours.h"

#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/normalize.h"
#include "graph/xalloc.h"

static int cmp_neighbour(const void *pa, const void *pb, void *arg)
{
	const struct graph *g = arg;
	const struct neighbour *x = pa, *y = pb;
	if (x->rel != y->rel)
		return x->rel < y->rel ? -1 : 1;
	if (x->in != y->in)
		return x->in < y->in ? -1 : 1;
	int kx = g->nodes[x->other].kind, ky = g->nodes[y->other].kind;
	if (kx != ky)
		return kx < ky ? -1 : 1;
	int c = norm_address_cmp(kx, graph_node_key(g, x->other), graph_node_key(g, y->other));
	if (!c)
		c = strcmp(graph_node_label(g, x->other), graph_node_label(g, y->other));
	if (c)
		return c;
	return (x->other > y->other) - (x->other < y->other);
}

size_t neighbours_of(const struct graph *g, const struct alias_index *ix, uint32_t node,
		     size_t max_edges, struct neighbour **out, int *truncated)
{
	uint32_t nm = 1;
	const uint32_t *members = &node;
	if (g->nodes[node].kind == NODE_ACTOR) {
		const uint32_t *unit = alias_index_nodes(ix, node, &nm);
		if (nm)
			members = unit;
		else
			nm = 1;
	}
	struct neighbour *v = NULL;
	size_t n = 0, cap = 0;
	*truncated = 0;
	for (uint32_t mi = 0; mi < nm && !*truncated; mi++) {
		struct adj adj = graph_adj(g, members[mi]);
		for (uint32_t i = 0; i < adj.count; i++) {
			if (n >= max_edges) {
				*truncated = 1;
				break;
			}
			uint32_t e = adj.edges[i];
			const struct edge *ed = graph_edge_at(g, e);
			uint32_t other = graph_edge_other(g, e, members[mi]);
			if (g->nodes[other].kind == NODE_ACTOR)
				other = alias_unit(g, other);
			if (other == node)
				continue; /* inside the unit */
			XGROW(v, cap, n + 1);
			v[n++] = (struct neighbour){other, e, 1, ed->rel, ed->src != members[mi]};
		}
	}
	if (n > 1)
		qsort_r(v, n, sizeof(*v), cmp_neighbour, (void *)g);
	/* one entry per (relation, direction, neighbour) */
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m && v[m - 1].rel == v[i].rel && v[m - 1].in == v[i].in &&
		    v[m - 1].other == v[i].other) {
			v[m - 1].count++;
			continue;
		}
		v[m++] = v[i];
	}
	*out = v;
	return m;
}
