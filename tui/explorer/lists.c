#include "tui/explorer/lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/kind.h"
#include "graph/normalize.h"
#include "graph/overlap.h"
#include "graph/xalloc.h"
#include "graph/annot.h"
#include "tui/explorer/filter.h"
#include "tui/explorer/orders.h"
#include "tui/explorer/model.h"

static const char *const tab_titles[] = {
#define X(e, title, key, short_title) title,
    TABS(X)
#undef X
};

static const char *const tab_short[] = {
#define X(e, title, key, short_title) short_title,
    TABS(X)
#undef X
};

const char *tab_title(int tab)
{
	return tab >= 0 && tab < TAB_COUNT ? tab_titles[tab] : "?";
}

const char *tab_bar_title(int tab, int cols, int active)
{
	int full = 0, mid = 0;
	for (int t = 0; t < TAB_COUNT; t++) {
		full += (int)strlen(tab_titles[t]) + 4;
		mid += (int)strlen(t == TAB_INFRA ? "Infra" : tab_titles[t]) + 4;
	}
	if (full + 6 <= cols)
		return tab_title(tab);
	if (mid + 6 <= cols || tab == active)
		return tab == TAB_INFRA ? "Infra" : tab_title(tab);
	return tab >= 0 && tab < TAB_COUNT ? tab_short[tab] : "?"; /* nine tabs in 80 columns */
}

const char *lists_sort_name(int tab, int sort)
{
	static const char *const nodes[] = {"name", "degree", "score"};
	static const char *const files[] = {"name", "objects", "date"};
	static const char *const pairs[] = {"infra", "tools", "techniques"};
	if (sort < 0 || sort >= SORT_COUNT)
		return "?";
	return tab == TAB_REPORTS ? files[sort] : tab == TAB_OVERLAPS ? pairs[sort] : nodes[sort];
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

static const char *const review_names[] = {
#define X(e, name) name,
    REVIEW_KINDS(X)
#undef X
};

const char *review_kind_name(int kind)
{
	return kind >= 0 && kind < RV_COUNT ? review_names[kind] : "?";
}

int review_kind_from_name(const char *name)
{
	for (int k = 0; k < RV_COUNT; k++)
		if (strcmp(name, review_names[k]) == 0)
			return k;
	return -1;
}

void lists_review_who(const struct annot *an, uint32_t r, const char **author, long long *when)
{
	size_t i = ROW_INDEX(r);
	*author = NULL;
	*when = 0;
	switch (ROW_KIND(r)) {
	case RV_VERDICT:
		if (i < an->nverdicts)
			*author = an->verdicts[i].author, *when = an->verdicts[i].when;
		break;
	case RV_NOTE:
		if (i < an->nnotes)
			*author = an->notes[i].author, *when = an->notes[i].when;
		break;
	case RV_ALIAS:
		if (i < an->naliases)
			*author = an->aliases[i].author, *when = an->aliases[i].when;
		break;
	case RV_ATTRIB:
		if (i < an->nattribs)
			*author = an->attribs[i].author, *when = an->attribs[i].when;
		break;
	}
}

/* The text of a review row that source= looks in: what it is about and
 * what it says. */
static void review_text(const struct annot *an, uint32_t r, const char **x, const char **y)
{
	size_t i = ROW_INDEX(r);
	*x = *y = "";
	switch (ROW_KIND(r)) {
	case RV_VERDICT:
		*x = an->verdicts[i].key;
		break;
	case RV_NOTE:
		*x = an->notes[i].key, *y = an->notes[i].text;
		break;
	case RV_ALIAS:
		*x = an->aliases[i].a, *y = an->aliases[i].b;
		break;
	case RV_ATTRIB:
		*x = an->attribs[i].subject, *y = an->attribs[i].actor;
		break;
	}
}

static int author_ok(const struct filter *f, const char *author)
{
	return !f->author[0] || (author && strcasecmp(author, f->author) == 0);
}

/* The Review tab: every verdict (other than unreviewed), note and decision,
 * newest day first. */
static void rebuild_review(const struct model *m, const struct filter *f, struct list *l)
{
	const struct annot *an = &m->annot;
	size_t counts[RV_COUNT] = {an->nverdicts, an->nnotes, an->naliases, an->nattribs};
	for (int k = 0; k < RV_COUNT; k++) {
		if (f->review_kinds && !(f->review_kinds & (1u << k)))
			continue;
		for (size_t i = 0; i < counts[k] && i < 0x0fffffff; i++) {
			uint32_t r = ROW_MAKE(k, i);
			if (k == RV_VERDICT && an->verdicts[i].verdict == VERDICT_UNREVIEWED)
				continue;
			if (k == RV_VERDICT && f->verdict >= 0 && (int)an->verdicts[i].verdict != f->verdict)
				continue;
			const char *author, *x, *y;
			long long when;
			lists_review_who(an, r, &author, &when);
			if (!author_ok(f, author))
				continue;
			review_text(an, r, &x, &y);
			if (f->source[0] && !strcasestr(x, f->source) && !strcasestr(y, f->source))
				continue;
			if ((f->since != DATE_UNKNOWN || f->until != DATE_UNKNOWN) && when) {
				time_t t = (time_t)when;
				struct tm tm;
				gmtime_r(&t, &tm);
				int32_t d = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
				if ((f->since != DATE_UNKNOWN && d < f->since) ||
				    (f->until != DATE_UNKNOWN && d > f->until))
					continue;
			}
			list_push(l, r);
		}
	}
}

static int cmp_review(const void *pa, const void *pb, void *arg)
{
	const struct annot *an = arg;
	uint32_t x = *(const uint32_t *)pa, y = *(const uint32_t *)pb;
	const char *ax, *ay;
	long long wx, wy;
	lists_review_who(an, x, &ax, &wx);
	lists_review_who(an, y, &ay, &wy);
	/* newest day first; within a day by kind and order made, so that a
	 * screen does not depend on the second a decision fell in */
	wx /= 86400, wy /= 86400;
	if (wx != wy)
		return wx < wy ? 1 : -1;
	return (x > y) - (x < y);
}

/* The Aliases tab: the analyst's decisions, the merges made, the claims
 * refused (possible aliases). author= keeps decisions by that analyst;
 * source= what a file whose path holds the text claims. */
static void rebuild_aliases(const struct model *m, const struct filter *f, struct list *l)
{
	const struct graph *g = m->g;
	const struct annot *an = &m->annot;
	for (size_t i = 0; i < an->naliases && !f->source[0]; i++)
		if (author_ok(f, an->aliases[i].author))
			list_push(l, ROW_MAKE(AR_DECISION, i));
	if (f->author[0])
		return;
	size_t nm, nr;
	const struct alias_merge *mg = alias_merges(g, &nm);
	const struct alias_refusal *rf = alias_refusals(g, &nr);
	for (size_t i = 0; i < nm && i < 0x0fffffff; i++)
		if (!f->source[0] || strstr(graph_file_path(g, mg[i].file), f->source))
			list_push(l, ROW_MAKE(AR_MERGE, i));
	for (size_t i = 0; i < nr && i < 0x0fffffff; i++)
		if (!f->source[0] || strstr(graph_file_path(g, rf[i].file), f->source))
			list_push(l, ROW_MAKE(AR_REFUSAL, i));
}


struct sort_ctx {
	const struct model *m;
	int tab, key;
};

/* Addresses by number (graph/normalize.h); 0 for the rest. */
static int cmp_address(const struct graph *g, uint32_t x, uint32_t y)
{
	int kind = g->nodes[x].kind;
	if (kind != g->nodes[y].kind)
		return 0;
	return norm_address_cmp(kind, graph_node_key(g, x), graph_node_key(g, y));
}

static int cmp_name(const struct model *m, uint32_t x, uint32_t y)
{
	int c = cmp_address(m->g, x, y);
	if (c)
		return c;
	const char *lx = model_label(m, x), *ly = model_label(m, y);
	c = strcasecmp(lx, ly);
	if (!c)
		c = strcmp(lx, ly);
	return c ? c : (x > y) - (x < y);
}

int lists_cmp_name(const struct model *m, uint32_t x, uint32_t y)
{
	return cmp_name(m, x, y);
}

static int cmp_nodes(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *s = arg;
	uint32_t x = *(const uint32_t *)pa, y = *(const uint32_t *)pb;
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
	return cmp_name(s->m, x, y);
}

static enum verdict pair_verdict(const struct model *m, const struct overlap_pair *p)
{
	const struct unit *ua = overlap_unit(m->ov, p->a), *ub = overlap_unit(m->ov, p->b);
	if (p->relation != PAIR_OVERLAP || ua->node == NODE_NONE || ub->node == NODE_NONE)
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

/* The Overlaps tab: the pairs of one relation, in the engine's order for
 * the dimension ranked by, that pass the filter. */
static void rebuild_pairs(const struct model *m, const struct list_rules *r, struct list *l)
{
	const struct filter *f = r->filter;
	uint32_t *idx;
	size_t n = overlap_pairs_by(m->ov, filter_relation(f), l->sort, &idx);
	uint32_t unit =
	    r->pair_unit == NODE_NONE ? UINT32_MAX : overlap_unit_of_node(m->ov, r->pair_unit);
	uint8_t *in_source = filter_units_in_source(f, m->ov);
	for (size_t i = 0; i < n; i++) {
		const struct overlap_pair *p = overlap_pair_at(m->ov, idx[i]);
		if (unit != UINT32_MAX && p->a != unit && p->b != unit &&
		    overlap_unit_parent(m->ov, p->a) != unit)
			continue;
		if (!filter_pair(f, m->ov, p, in_source))
			continue;
		if (f->verdict >= 0 && (int)pair_verdict(m, p) != f->verdict)
			continue;
		list_push(l, idx[i]);
	}
	free(in_source);
	free(idx);
}

/* The Reports tab: files, by the path terms and the date window. */
static int file_visible(const struct model *m, const struct list_rules *r, uint32_t file)
{
	const struct filter *f = r->filter;
	const struct src_file *sf = &m->g->files[file];
	if (f->source[0] && !strstr(graph_file_path(m->g, file), f->source))
		return 0;
	if (sf->date != DATE_UNKNOWN && ((f->since != DATE_UNKNOWN && sf->date < f->since) ||
					 (f->until != DATE_UNKNOWN && sf->date > f->until)))
		return 0;
	return 1;
}

const char *lists_file_name(const struct graph *g, uint32_t file)
{
	const struct src_file *f = &g->files[file];
	if (f->title && *graph_str(g, f->title))
		return graph_str(g, f->title);
	const char *path = graph_file_path(g, file);
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

static int cmp_files(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *s = arg;
	uint32_t x = *(const uint32_t *)pa, y = *(const uint32_t *)pb;
	const struct graph *g = s->m->g;
	const struct src_file *fx = &g->files[x], *fy = &g->files[y];
	if (s->key == SORT_DEGREE && fx->objects != fy->objects)
		return fx->objects < fy->objects ? 1 : -1;
	if (s->key == SORT_SCORE && fx->date != fy->date) {
		/* newest first, undated last */
		if (fx->date == DATE_UNKNOWN)
			return 1;
		if (fy->date == DATE_UNKNOWN)
			return -1;
		return fx->date < fy->date ? 1 : -1;
	}
	int c = strcasecmp(lists_file_name(g, x), lists_file_name(g, y));
	if (!c)
		c = strcmp(graph_file_path(g, x), graph_file_path(g, y));
	return c ? c : (x > y) - (x < y);
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
		/* the default rules: a copy of the kept rows (orders.h); else a
		 * kept order is scanned; no sort on the keystroke either way */
		size_t nd;
		const uint32_t *def = orders_listed(m->orders, m, tab, l->sort, &nd);
		int copied = def && !filter_active(r->filter) && r->asof == DATE_UNKNOWN &&
			     !r->include_revoked;
		if (copied) {
			XGROW(l->rows, l->cap, nd + 1);
			if (nd)
				memcpy(l->rows, def, nd * sizeof(*def));
			l->n = nd;
		}
		const uint32_t *ord = orders_for(m->orders, m, tab, l->sort);
		for (size_t i = 0; i < m->g->node_count && !copied; i++) {
			uint32_t id = ord ? ord[i] : (uint32_t)i;
			if (node_visible(m, r, id, kinds))
				list_push(l, id);
		}
		if (!ord && !copied && l->n > 1)
			qsort_r(l->rows, l->n, sizeof(uint32_t), cmp_nodes, &sc);
	} else if (tab == TAB_OVERLAPS && m->ov) {
		rebuild_pairs(m, r, l);
	} else if (tab == TAB_CLUSTERS && m->ov) {
		size_t nc;
		overlap_clusters(m->ov, m->threshold, &nc);
		for (size_t i = 0; i < nc; i++)
			list_push(l, (uint32_t)i);
	} else if (tab == TAB_ALIASES) {
		rebuild_aliases(m, r->filter, l);
	} else if (tab == TAB_REVIEW) {
		rebuild_review(m, r->filter, l);
		if (l->n > 1)
			qsort_r(l->rows, l->n, sizeof(uint32_t), cmp_review, (void *)&m->annot);
	} else if (tab == TAB_REPORTS) {
		for (size_t i = 0; i < m->g->file_count; i++)
			if (file_visible(m, r, (uint32_t)i))
				list_push(l, (uint32_t)i);
		if (l->n > 1)
			qsort_r(l->rows, l->n, sizeof(uint32_t), cmp_files, &sc);
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

void lists_count(const struct model *m, int relation, struct list_counts *c)
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
		for (int by = OVERLAP_BY_INFRA; by <= OVERLAP_BY_TECHNIQUES; by++) {
			uint32_t *idx;
			c->pairs_by[by] = overlap_pairs_by(m->ov, relation, by, &idx);
			free(idx);
		}
	}
	c->files = m->g->file_count;
	for (size_t i = 0; i < m->g->file_count; i++)
		if (m->g->files[i].tlp > c->tlp)
			c->tlp = m->g->files[i].tlp;
}

/* A workspace key as the analyst knows it: "actor:apt15" -> its name,
 * "pair:actor:a|actor:b" -> "A <-> B"; a key naming nothing loaded stays
 * as written (the node may come back with its file). */
void lists_key_label(const struct model *m, const char *key, const char *sep, char *out,
		     size_t size)
{
	char *a, *b;
	if (annot_split_pair(key, &a, &b) == 0) {
		char left[1100], right[1100];
		lists_key_label(m, a, sep, left, sizeof(left));
		lists_key_label(m, b, sep, right, sizeof(right));
		snprintf(out, size, "%s %s %s", left, sep, right);
		free(a);
		free(b);
		return;
	}
	uint32_t n = annot_key_node(m->g, key);
	/* an actor by its unit's name, as the lists show it */
	snprintf(out, size, "%s", n != NODE_NONE ? model_label(m, n) : key);
}
