/* The node lists' kept sort orders (orders.h). The name order is one sort
 * by lists.c's own comparison; the others sort numbers with the name's rank
 * breaking ties, which is the order lists.c's comparison gives. */
#include "tui/explorer/orders.h"

#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/graph.h"
#include "graph/xalloc.h"
#include "tui/explorer/lists.h"
#include "tui/explorer/model.h"

enum { ORDER_NAME, ORDER_DEGREE, ORDER_DF, ORDER_SCORE, ORDER_COUNT };

struct node_orders {
	uint32_t *by[ORDER_COUNT];
	size_t n;
	/* per node tab and order: the rows the tab lists under the default
	 * rules (no filter, no as-of, revoked objects hidden) */
	uint32_t *rows[TAB_TOOLS + 1][ORDER_COUNT];
	size_t nrows[TAB_TOOLS + 1];
};

/* Whether node id is listed in a tab of kinds under the default rules
 * (lists.c's node_visible with no filter and no as-of). */
static int listed_by_default(const struct graph *g, uint32_t id, uint32_t kinds)
{
	const struct node *n = &g->nodes[id];
	if (!(kinds & (1u << n->kind)))
		return 0;
	if (n->kind == NODE_ACTOR && alias_unit(g, id) != id)
		return 0;
	return !(n->flags & NODE_F_REVOKED);
}

/* The name order is lists.c's own comparison, so the two cannot drift. */
static int cmp_name(const void *pa, const void *pb, void *arg)
{
	return lists_cmp_name(arg, *(const uint32_t *)pa, *(const uint32_t *)pb);
}

struct num_ctx {
	const double *v;      /* larger first */
	const uint32_t *rank; /* then by name */
};

static int cmp_num(const void *pa, const void *pb, void *arg)
{
	const struct num_ctx *c = arg;
	uint32_t x = *(const uint32_t *)pa, y = *(const uint32_t *)pb;
	if (c->v[x] != c->v[y])
		return c->v[x] < c->v[y] ? 1 : -1;
	return c->rank[x] < c->rank[y] ? -1 : c->rank[x] > c->rank[y];
}

static uint32_t *identity(size_t n)
{
	uint32_t *v = xmalloc((n + 1) * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = (uint32_t)i;
	return v;
}

struct node_orders *orders_build(const struct model *m)
{
	const struct graph *g = m->g;
	size_t n = g->node_count;
	struct node_orders *o = xcalloc(1, sizeof(*o));
	o->n = n;
	o->by[ORDER_NAME] = identity(n);
	if (n > 1)
		qsort_r(o->by[ORDER_NAME], n, sizeof(uint32_t), cmp_name, (void *)m);
	uint32_t *rank = xmalloc((n + 1) * sizeof(*rank));
	for (size_t i = 0; i < n; i++)
		rank[o->by[ORDER_NAME][i]] = (uint32_t)i;
	double *v = xmalloc((n + 1) * sizeof(*v));
	struct num_ctx cc = {v, rank};
	for (int k = ORDER_DEGREE; k < ORDER_COUNT; k++) {
		for (size_t i = 0; i < n; i++)
			v[i] = k == ORDER_DEGREE ? model_degree(m, (uint32_t)i)
			       : k == ORDER_DF	 ? model_df(m, (uint32_t)i)
						 : model_score(m, (uint32_t)i);
		o->by[k] = identity(n);
		if (n > 1)
			qsort_r(o->by[k], n, sizeof(uint32_t), cmp_num, &cc);
	}
	free(v);
	free(rank);
	for (int t = 0; t <= TAB_TOOLS; t++) {
		uint32_t kinds = lists_tab_kinds(t);
		for (int k = 0; k < ORDER_COUNT; k++) {
			uint32_t *r = xmalloc((n + 1) * sizeof(*r));
			size_t nr = 0;
			for (size_t i = 0; i < n; i++)
				if (listed_by_default(g, o->by[k][i], kinds))
					r[nr++] = o->by[k][i];
			o->rows[t][k] = xrealloc(r, (nr + 1) * sizeof(*r));
			o->nrows[t] = nr;
		}
	}
	return o;
}

void orders_free(struct node_orders *o)
{
	if (!o)
		return;
	for (int k = 0; k < ORDER_COUNT; k++) {
		free(o->by[k]);
		for (int t = 0; t <= TAB_TOOLS; t++)
			free(o->rows[t][k]);
	}
	free(o);
}

static int order_of(int tab, int key)
{
	if (key == SORT_NAME)
		return ORDER_NAME;
	if (key == SORT_DEGREE)
		return ORDER_DEGREE;
	/* by score: the Infrastructure tab sorts by df, the Actors tab by
	 * best pair score, the others by degree */
	return tab == TAB_INFRA ? ORDER_DF : tab == TAB_ACTORS ? ORDER_SCORE : ORDER_DEGREE;
}

const uint32_t *orders_for(const struct node_orders *o, const struct model *m, int tab, int key)
{
	if (!o || o->n != m->g->node_count)
		return NULL;
	return o->by[order_of(tab, key)];
}

const uint32_t *orders_listed(const struct node_orders *o, const struct model *m, int tab, int key,
			      size_t *n)
{
	if (!o || o->n != m->g->node_count || tab < 0 || tab > TAB_TOOLS)
		return NULL;
	*n = o->nrows[tab];
	return o->rows[tab][order_of(tab, key)];
}
