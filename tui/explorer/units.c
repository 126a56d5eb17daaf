/* Actor units as the explorer shows them (graph/alias.h): which actor nodes
 * were merged into each unit, every name of each unit (indexed once, so a
 * search does not walk the graph per unit), and the numbers the lists sort
 * by: degree, best pair score, df. */
#include "tui/explorer/units.h"

#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/overlap.h"
#include "graph/xalloc.h"
#include "tui/explorer/app.h"

static void units_build_names(struct app *a);

void units_build(struct app *a)
{
	const struct graph *g = a->g;
	size_t n = g->node_count;
	free(a->unit_off);
	free(a->unit_nodes);
	a->unit_off = xcalloc(n + 1, sizeof(uint32_t));
	uint32_t total = 0;
	for (size_t i = 0; i < n; i++)
		if (g->nodes[i].kind == NODE_ACTOR) {
			a->unit_off[alias_unit(g, (uint32_t)i) + 1]++;
			total++;
		}
	for (size_t i = 0; i < n; i++)
		a->unit_off[i + 1] += a->unit_off[i];
	a->unit_nodes = xmalloc((total ? total : 1) * sizeof(uint32_t));
	uint32_t *fill = xcalloc(n + 1, sizeof(uint32_t));
	for (size_t i = 0; i < n; i++)
		if (g->nodes[i].kind == NODE_ACTOR) {
			uint32_t r = alias_unit(g, (uint32_t)i);
			a->unit_nodes[a->unit_off[r] + fill[r]++] = (uint32_t)i;
		}
	free(fill);
	a->unit_members_n = total;
	a->units_for = n;
	units_build_names(a);
}

struct name_ref {
	uint32_t unit, key, name, seq;
};

static int cmp_name_key(const void *pa, const void *pb)
{
	const struct name_ref *x = pa, *y = pb;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static int cmp_name_seq(const void *pa, const void *pb)
{
	const struct name_ref *x = pa, *y = pb;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Every name of every actor unit in one pass (alias_names() walks the whole
 * graph for one unit, too slow to call for each unit while searching): own
 * names of the merged actors first, then claimed aliases, one per key. */
static void units_build_names(struct app *a)
{
	const struct graph *g = a->g;
	size_t nc = alias_claim_count(g), n = 0, cap = a->unit_members_n + nc + 1;
	struct name_ref *v = xmalloc(cap * sizeof(*v));
	for (uint32_t i = 0; i < a->unit_members_n; i++) {
		uint32_t node = a->unit_nodes[i];
		v[n] = (struct name_ref){alias_unit(g, node), g->nodes[node].key,
					 g->nodes[node].label, (uint32_t)n};
		n++;
	}
	for (size_t i = 0; i < nc; i++) {
		uint32_t actor, key, name;
		alias_claim_get(g, i, &actor, &key, &name);
		v[n] = (struct name_ref){alias_unit(g, actor), key, name, (uint32_t)n};
		n++;
	}
	qsort(v, n, sizeof(*v), cmp_name_key);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!m || v[m - 1].unit != v[i].unit || v[m - 1].key != v[i].key)
			v[m++] = v[i];
	qsort(v, m, sizeof(*v), cmp_name_seq);
	free(a->name_off);
	free(a->names);
	a->name_off = xcalloc(g->node_count + 1, sizeof(uint32_t));
	a->names = xmalloc((m ? m : 1) * sizeof(uint32_t));
	for (size_t i = 0; i < m; i++) {
		a->name_off[v[i].unit + 1]++;
		a->names[i] = v[i].name;
	}
	for (size_t i = 0; i < g->node_count; i++)
		a->name_off[i + 1] += a->name_off[i];
	free(v);
}

const uint32_t *units_names(const struct app *a, uint32_t root, uint32_t *n)
{
	if (!a->name_off || root >= a->units_for) {
		*n = 0;
		return NULL;
	}
	*n = a->name_off[root + 1] - a->name_off[root];
	return a->names + a->name_off[root];
}

const uint32_t *units_nodes(const struct app *a, uint32_t root, uint32_t *n)
{
	if (root >= a->g->node_count || !a->unit_off) {
		*n = 0;
		return NULL;
	}
	*n = a->unit_off[root + 1] - a->unit_off[root];
	return a->unit_nodes + a->unit_off[root];
}

uint32_t units_degree(const struct app *a, uint32_t node)
{
	const struct graph *g = a->g;
	if (g->nodes[node].kind == NODE_ACTOR) {
		uint32_t n, d = 0;
		const uint32_t *m = units_nodes(a, node, &n);
		for (uint32_t i = 0; i < n; i++)
			d += graph_adj(g, m[i]).count;
		if (n)
			return d;
	}
	return graph_adj(g, node).count;
}

double units_score(const struct app *a, uint32_t node)
{
	if (!a->ov || !a->unit_best)
		return -1;
	uint32_t u = overlap_unit_of_node(a->ov, node);
	return u == UINT32_MAX ? -1 : a->unit_best[u];
}

int units_df(const struct app *a, uint32_t node)
{
	if (!a->ov)
		return -1;
	return (int)overlap_df(a->ov, node);
}
