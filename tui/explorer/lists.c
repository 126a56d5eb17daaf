/* The rows of each tab's list: which nodes, pairs or clusters pass the
 * filters and the as-of date, in which order, and where the cursor lands
 * after a rebuild (on the focused item when it is still listed). */
#include "tui/explorer/lists.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/overlap.h"
#include "graph/xalloc.h"
#include "tui/explorer/app.h"
#include "tui/session/session.h"
#include "tui/explorer/model.h"

uint32_t lists_tab_kinds(int tab)
{
	uint32_t m = 0;
	switch (tab) {
	case TAB_ACTORS:
		return 1u << NODE_ACTOR | 1u << NODE_CAMPAIGN;
	case TAB_INFRA:
		for (int k = 0; k < NODE_KIND_COUNT; k++)
			if (kind_is_infra(k))
				m |= 1u << k;
		return m | 1u << NODE_INFRASTRUCTURE;
	case TAB_TOOLS:
		return 1u << NODE_MALWARE | 1u << NODE_TOOL | 1u << NODE_TECHNIQUE;
	default:
		return 0;
	}
}

int lists_tab_of_kind(int kind)
{
	for (int t = TAB_ACTORS; t <= TAB_TOOLS; t++)
		if (lists_tab_kinds(t) & (1u << kind))
			return t;
	return -1;
}

static void list_push(struct list *l, uint32_t v)
{
	XGROW(l->rows, l->cap, l->n + 1);
	l->rows[l->n++] = v;
}

struct sort_ctx {
	const struct app *a;
	int tab, key;
};

static int cmp_name(const struct graph *g, uint32_t x, uint32_t y)
{
	int c = strcasecmp(graph_node_label(g, x), graph_node_label(g, y));
	if (!c)
		c = strcmp(graph_node_label(g, x), graph_node_label(g, y));
	return c ? c : (x > y) - (x < y);
}

static int cmp_nodes(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *s = arg;
	uint32_t x = *(const uint32_t *)pa, y = *(const uint32_t *)pb;
	const struct graph *g = s->a->m.g;
	if (s->key == SORT_DEGREE) {
		uint32_t dx = model_degree(&s->a->m, x), dy = model_degree(&s->a->m, y);
		if (dx != dy)
			return dx < dy ? 1 : -1;
	} else if (s->key == SORT_SCORE) {
		double vx, vy;
		if (s->tab == TAB_INFRA) {
			vx = model_df(&s->a->m, x), vy = model_df(&s->a->m, y);
		} else if (s->tab == TAB_ACTORS) {
			vx = model_score(&s->a->m, x), vy = model_score(&s->a->m, y);
		} else {
			vx = model_degree(&s->a->m, x), vy = model_degree(&s->a->m, y);
		}
		if (vx != vy)
			return vx < vy ? 1 : -1;
	}
	return cmp_name(g, x, y);
}

static int cmp_pairs(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *s = arg;
	uint32_t x = *(const uint32_t *)pa, y = *(const uint32_t *)pb;
	size_t np;
	const struct overlap_pair *p = overlap_pairs(s->a->m.ov, &np);
	if (s->key == SORT_NAME) {
		int c = strcasecmp(overlap_unit_name(s->a->m.ov, p[x].a),
				   overlap_unit_name(s->a->m.ov, p[y].a));
		if (!c)
			c = strcasecmp(overlap_unit_name(s->a->m.ov, p[x].b),
				       overlap_unit_name(s->a->m.ov, p[y].b));
		if (c)
			return c;
	} else if (s->key == SORT_DEGREE && p[x].shared != p[y].shared) {
		return p[x].shared < p[y].shared ? 1 : -1;
	}
	return (x > y) - (x < y); /* the engine's order: score, weight, names */
}

static enum verdict pair_verdict(const struct app *a, uint32_t pair)
{
	size_t np;
	const struct overlap_pair *p = overlap_pairs(a->m.ov, &np);
	const struct unit *ua = overlap_unit(a->m.ov, p[pair].a),
			  *ub = overlap_unit(a->m.ov, p[pair].b);
	if (ua->node == NODE_NONE || ub->node == NODE_NONE)
		return VERDICT_UNREVIEWED;
	char *k = annot_pair_key(a->m.g, ua->node, ub->node);
	enum verdict v = annot_verdict_of(&a->m.annot, k);
	free(k);
	return v;
}

static int node_visible(const struct app *a, uint32_t id, uint32_t kinds)
{
	const struct node *n = &a->m.g->nodes[id];
	if (!(kinds & (1u << n->kind)))
		return 0;
	if (n->kind == NODE_ACTOR && alias_unit(a->m.g, id) != id)
		return 0;
	if ((n->flags & NODE_F_REVOKED) && !a->session->include_revoked)
		return 0;
	if (a->asof != DATE_UNKNOWN && n->first_seen != DATE_UNKNOWN && n->first_seen > a->asof)
		return 0;
	return filter_node(&a->filter, a->m.g, id, kinds);
}

void lists_rebuild_tab(struct app *a, int tab)
{
	struct list *l = &a->lists_[tab];
	if (tab == TAB_GRAPH)
		return; /* graphtab_update() lists the laid-out nodes */
	l->n = 0;
	struct sort_ctx sc = {a, tab, l->sort};
	if (tab <= TAB_TOOLS) {
		uint32_t kinds = lists_tab_kinds(tab);
		for (size_t i = 0; i < a->m.g->node_count; i++)
			if (node_visible(a, (uint32_t)i, kinds))
				list_push(l, (uint32_t)i);
		if (l->n > 1)
			qsort_r(l->rows, l->n, sizeof(uint32_t), cmp_nodes, &sc);
	} else if (tab == TAB_OVERLAPS && a->m.ov) {
		size_t np;
		const struct overlap_pair *p = overlap_pairs(a->m.ov, &np);
		uint32_t unit = a->pair_unit == NODE_NONE
				    ? UINT32_MAX
				    : overlap_unit_of_node(a->m.ov, a->pair_unit);
		for (size_t i = 0; i < np; i++) {
			if (a->pair_unit != NODE_NONE && p[i].a != unit && p[i].b != unit)
				continue;
			if (p[i].score < a->filter.score_min)
				continue;
			if (a->filter.verdict >= 0 &&
			    (int)pair_verdict(a, (uint32_t)i) != a->filter.verdict)
				continue;
			list_push(l, (uint32_t)i);
		}
		if (l->n > 1)
			qsort_r(l->rows, l->n, sizeof(uint32_t), cmp_pairs, &sc);
	} else if (tab == TAB_CLUSTERS && a->m.ov) {
		size_t nc;
		overlap_clusters(a->m.ov, a->m.threshold, &nc);
		for (size_t i = 0; i < nc; i++)
			list_push(l, (uint32_t)i);
	}
	/* keep the focused item under the cursor when it is still listed */
	struct focus *f = &a->focus[tab];
	if (f->off_list && f->item != NODE_NONE)
		return;
	if (tab != TAB_GRAPH) {
		size_t i;
		for (i = 0; i < l->n; i++)
			if (l->rows[i] == f->item)
				break;
		if (i < l->n) {
			l->cur = i;
		} else {
			if (l->cur >= l->n)
				l->cur = l->n ? l->n - 1 : 0;
			f->item = l->n ? l->rows[l->cur] : NODE_NONE;
		}
	}
	if (l->top > l->cur)
		l->top = l->cur;
}

void lists_rebuild(struct app *a)
{
	a->generation++;
	for (int t = 0; t < TAB_COUNT; t++)
		lists_rebuild_tab(a, t);
	a->count_actors = a->count_infra = a->count_tools = 0;
	uint32_t ka = lists_tab_kinds(TAB_ACTORS), ki = lists_tab_kinds(TAB_INFRA),
		 kt = lists_tab_kinds(TAB_TOOLS);
	for (size_t i = 0; i < a->m.g->node_count; i++) {
		const struct node *n = &a->m.g->nodes[i];
		uint32_t bit = 1u << n->kind;
		if ((bit & ka) && (n->kind != NODE_ACTOR || alias_unit(a->m.g, (uint32_t)i) == i))
			a->count_actors++;
		else if (bit & ki)
			a->count_infra++;
		else if (bit & kt)
			a->count_tools++;
	}
	a->count_pairs = a->count_clusters = 0;
	if (a->m.ov) {
		overlap_pairs(a->m.ov, &a->count_pairs);
		overlap_clusters(a->m.ov, a->m.threshold, &a->count_clusters);
	}
	a->tlp = 0;
	for (size_t i = 0; i < a->m.g->file_count; i++)
		if (a->m.g->files[i].tlp > a->tlp)
			a->tlp = a->m.g->files[i].tlp;
}
