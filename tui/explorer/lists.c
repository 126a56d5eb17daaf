#include "tui/explorer/lists.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/overlap.h"
#include "graph/xalloc.h"
#include "tui/explorer/filter.h"
#include "tui/explorer/model.h"

static const char *const tab_titles[] = {
#define X(e, title, key) title,
    TABS(X)
#undef X
};

const char *tab_title(int tab)
{
	return tab >= 0 && tab < TAB_COUNT ? tab_titles[tab] : "?";
}

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
	const struct model *m;
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
	const struct graph *g = s->m->g;
	if (s->key == SORT_DEGREE) {
		uint32_t dx = model_degree(s->m, x), dy = model_degree(s->m, y);
		if (dx != dy)
			return dx < dy ? 1 : -1;
	} else if (s->key == SORT_SCORE) {
		double vx, vy;
		if (s->tab == TAB_INFRA) {
			vx = model_df(s->m, x), vy = model_df(s->m, y);
		} else if (s->tab == TAB_ACTORS) {
			vx = model_score(s->m, x), vy = model_score(s->m, y);
		} else {
			vx = model_degree(s->m, x), vy = model_degree(s->m, y);
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
	const struct overlap_pair *p = overlap_pairs(s->m->ov, &np);
	if (s->key == SORT_NAME) {
		int c = strcasecmp(overlap_unit_name(s->m->ov, p[x].a),
				   overlap_unit_name(s->m->ov, p[y].a));
		if (!c)
			c = strcasecmp(overlap_unit_name(s->m->ov, p[x].b),
				       overlap_unit_name(s->m->ov, p[y].b));
		if (c)
			return c;
	} else if (s->key == SORT_DEGREE && p[x].shared != p[y].shared) {
		return p[x].shared < p[y].shared ? 1 : -1;
	}
	return (x > y) - (x < y); /* the engine's order: score, weight, names */
}

static enum verdict pair_verdict(const struct model *m, uint32_t pair)
{
	size_t np;
	const struct overlap_pair *p = overlap_pairs(m->ov, &np);
	const struct unit *ua = overlap_unit(m->ov, p[pair].a),
			  *ub = overlap_unit(m->ov, p[pair].b);
	if (ua->node == NODE_NONE || ub->node == NODE_NONE)
		return VERDICT_UNREVIEWED;
	char *k = annot_pair_key(m->g, ua->node, ub->node);
	enum verdict v = annot_verdict_of(&m->annot, k);
	free(k);
	return v;
}

static int node_visible(const struct model *m, const struct list_rules *r, uint32_t id,
			uint32_t kinds)
{
	const struct node *n = &m->g->nodes[id];
	if (!(kinds & (1u << n->kind)))
		return 0;
	if (n->kind == NODE_ACTOR && alias_unit(m->g, id) != id)
		return 0;
	if ((n->flags & NODE_F_REVOKED) && !r->include_revoked)
		return 0;
	if (r->asof != DATE_UNKNOWN && n->first_seen != DATE_UNKNOWN && n->first_seen > r->asof)
		return 0;
	return filter_node(r->filter, m->g, id, kinds);
}

void lists_rebuild_tab(const struct model *m, const struct list_rules *r, int tab, struct list *l,
		       struct focus *f)
{
	if (tab == TAB_GRAPH)
		return; /* graphtab_update() lays out the nodes that are its rows */
	l->n = 0;
	struct sort_ctx sc = {m, tab, l->sort};
	if (tab <= TAB_TOOLS) {
		uint32_t kinds = lists_tab_kinds(tab);
		for (size_t i = 0; i < m->g->node_count; i++)
			if (node_visible(m, r, (uint32_t)i, kinds))
				list_push(l, (uint32_t)i);
		if (l->n > 1)
			qsort_r(l->rows, l->n, sizeof(uint32_t), cmp_nodes, &sc);
	} else if (tab == TAB_OVERLAPS && m->ov) {
		size_t np;
		const struct overlap_pair *p = overlap_pairs(m->ov, &np);
		uint32_t unit = r->pair_unit == NODE_NONE
				    ? UINT32_MAX
				    : overlap_unit_of_node(m->ov, r->pair_unit);
		for (size_t i = 0; i < np; i++) {
			if (r->pair_unit != NODE_NONE && p[i].a != unit && p[i].b != unit)
				continue;
			if (p[i].score < r->filter->score_min)
				continue;
			if (r->filter->verdict >= 0 &&
			    (int)pair_verdict(m, (uint32_t)i) != r->filter->verdict)
				continue;
			list_push(l, (uint32_t)i);
		}
		if (l->n > 1)
			qsort_r(l->rows, l->n, sizeof(uint32_t), cmp_pairs, &sc);
	} else if (tab == TAB_CLUSTERS && m->ov) {
		size_t nc;
		overlap_clusters(m->ov, m->threshold, &nc);
		for (size_t i = 0; i < nc; i++)
			list_push(l, (uint32_t)i);
	}
	/* keep the focused item under the cursor when it is still listed */
	if (f->off_list && f->item != NODE_NONE)
		return;
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
	if (l->top > l->cur)
		l->top = l->cur;
}

void lists_count(const struct model *m, struct list_counts *c)
{
	memset(c, 0, sizeof(*c));
	uint32_t ka = lists_tab_kinds(TAB_ACTORS), ki = lists_tab_kinds(TAB_INFRA),
		 kt = lists_tab_kinds(TAB_TOOLS);
	for (size_t i = 0; i < m->g->node_count; i++) {
		const struct node *n = &m->g->nodes[i];
		uint32_t bit = 1u << n->kind;
		if ((bit & ka) && (n->kind != NODE_ACTOR || alias_unit(m->g, (uint32_t)i) == i))
			c->actors++;
		else if (bit & ki)
			c->infra++;
		else if (bit & kt)
			c->tools++;
	}
	if (m->ov) {
		overlap_pairs(m->ov, &c->pairs);
		overlap_clusters(m->ov, m->threshold, &c->clusters);
	}
	for (size_t i = 0; i < m->g->file_count; i++)
		if (m->g->files[i].tlp > c->tlp)
			c->tlp = m->g->files[i].tlp;
}
