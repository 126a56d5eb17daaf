#include "graph/alias_index.h"

#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/xalloc.h"

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

/* Every name of every actor unit in one pass: own names of the merged
 * actors first, then claimed aliases, one per key. */
static void build_names(struct alias_index *ix, const struct graph *g)
{
	size_t nc = alias_claim_count(g), n = 0, cap = ix->nmembers + nc + 1;
	struct name_ref *v = xmalloc(cap * sizeof(*v));
	for (uint32_t i = 0; i < ix->nmembers; i++) {
		uint32_t node = ix->unit_nodes[i];
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
	ix->name_off = xcalloc(g->node_count + 1, sizeof(uint32_t));
	ix->names = xmalloc((m ? m : 1) * sizeof(uint32_t));
	for (size_t i = 0; i < m; i++) {
		ix->name_off[v[i].unit + 1]++;
		ix->names[i] = v[i].name;
	}
	for (size_t i = 0; i < g->node_count; i++)
		ix->name_off[i + 1] += ix->name_off[i];
	free(v);
}

void alias_index_build(struct alias_index *ix, const struct graph *g)
{
	static unsigned serial; /* one thread builds indexes (the explorer's) */
	alias_index_free(ix);
	ix->serial = ++serial;
	size_t n = g->node_count;
	ix->unit_off = xcalloc(n + 1, sizeof(uint32_t));
	uint32_t total = 0;
	for (size_t i = 0; i < n; i++)
		if (g->nodes[i].kind == NODE_ACTOR) {
			ix->unit_off[alias_unit(g, (uint32_t)i) + 1]++;
			total++;
		}
	for (size_t i = 0; i < n; i++)
		ix->unit_off[i + 1] += ix->unit_off[i];
	ix->unit_nodes = xmalloc((total ? total : 1) * sizeof(uint32_t));
	uint32_t *fill = xcalloc(n + 1, sizeof(uint32_t));
	for (size_t i = 0; i < n; i++)
		if (g->nodes[i].kind == NODE_ACTOR) {
			uint32_t r = alias_unit(g, (uint32_t)i);
			ix->unit_nodes[ix->unit_off[r] + fill[r]++] = (uint32_t)i;
		}
	free(fill);
	ix->nmembers = total;
	ix->node_count = n;
	build_names(ix, g);
}

void alias_index_free(struct alias_index *ix)
{
	free(ix->unit_off);
	free(ix->unit_nodes);
	free(ix->name_off);
	free(ix->names);
	memset(ix, 0, sizeof(*ix));
}

int alias_index_stale(const struct alias_index *ix, const struct graph *g)
{
	return ix->node_count != g->node_count;
}

const uint32_t *alias_index_names(const struct alias_index *ix, uint32_t root, uint32_t *n)
{
	if (!ix->name_off || root >= ix->node_count) {
		*n = 0;
		return NULL;
	}
	*n = ix->name_off[root + 1] - ix->name_off[root];
	return *n ? ix->names + ix->name_off[root] : NULL;
}

const uint32_t *alias_index_nodes(const struct alias_index *ix, uint32_t root, uint32_t *n)
{
	if (!ix->unit_off || root >= ix->node_count) {
		*n = 0;
		return NULL;
	}
	*n = ix->unit_off[root + 1] - ix->unit_off[root];
	return *n ? ix->unit_nodes + ix->unit_off[root] : NULL;
}

uint32_t alias_index_degree(const struct alias_index *ix, const struct graph *g, uint32_t node)
{
	if (g->nodes[node].kind == NODE_ACTOR) {
		uint32_t n, d = 0;
		const uint32_t *m = alias_index_nodes(ix, node, &n);
		for (uint32_t i = 0; i < n; i++)
			d += graph_adj(g, m[i]).count;
		if (n)
			return d;
	}
	return graph_adj(g, node).count;
}
