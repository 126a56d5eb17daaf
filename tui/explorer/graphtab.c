#include "tui/explorer/graphtab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/neighbours.h"
#include "graph/xalloc.h"
#include "tui/explorer/detail.h"
#include "tui/explorer/grid.h"
#include "tui/explorer/model.h"

#define GRAPHTAB_MAX_EDGES 20000 /* edges read around one node */

void graphtab_init(struct graphtab *t)
{
	memset(t, 0, sizeof(*t));
	t->center = NODE_NONE;
}

void graphtab_invalidate(struct graphtab *t)
{
	t->n = 0;
	strbuf_reset(&t->text);
	t->ok = 0;
	t->center = NODE_NONE;
	t->err[0] = '\0';
	t->lines = t->neighbours = t->shown = t->left_out = 0;
	t->truncated = 0;
	t->top = 0;
}

void graphtab_free(struct graphtab *t)
{
	free(t->e);
	strbuf_free(&t->text);
	memset(t, 0, sizeof(*t));
	t->center = NODE_NONE;
}

const char *graphtab_text(const struct graphtab *t, const struct gt_entry *e)
{
	return t->text.buf + e->text;
}

static uint32_t add(struct graphtab *t, uint32_t parent, int level, int kind, uint32_t node,
		    const char *text, int style)
{
	XGROW(t->e, t->cap, t->n + 1);
	struct gt_entry *e = &t->e[t->n];
	memset(e, 0, sizeof(*e));
	e->parent = parent;
	e->level = (uint8_t)level;
	e->kind = (uint8_t)kind;
	e->node = node;
	e->style = (uint8_t)style;
	e->text = (uint32_t)t->text.len;
	strbuf_add(&t->text, text, strlen(text) + 1);
	return (uint32_t)t->n++;
}

/* Whether node already has an entry (drawn earlier, or elsewhere). */
static int seen(const struct graphtab *t, uint32_t node)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->e[i].kind == GT_NODE && t->e[i].node == node)
			return 1;
	return 0;
}

/* The neighbours of entry p's node hung beside it: groups of (relation,
 * direction, kind), each with up to cap members and a "... N more" line.
 * *leaves counts the tree's lines; nothing is added past the bound.
 * Returns the distinct neighbours found. */
static size_t expand(struct graphtab *t, const struct model *m, uint32_t p, int cap,
		     uint32_t exclude, size_t *leaves, int ascii)
{
	const struct graph *g = m->g;
	uint32_t node = t->e[p].node;
	int level = t->e[p].level;
	struct neighbour *v;
	int trunc;
	size_t nv = neighbours_of(g, &m->units, node, GRAPHTAB_MAX_EDGES, &v, &trunc);
	t->truncated |= trunc;
	size_t found = 0, groups = 0;
	for (size_t i = 0; i < nv;) {
		size_t j = i;
		int kind = g->nodes[v[i].other].kind;
		while (j < nv && v[j].rel == v[i].rel && v[j].in == v[i].in &&
		       g->nodes[v[j].other].kind == kind)
			j++;
		size_t count = 0;
		for (size_t k = i; k < j; k++)
			count += v[k].other != exclude;
		if (!count) {
			i = j;
			continue;
		}
		found += count;
		/* one line at least per group; the parent's line is reused by its
		 * first group, so a leaf turns into the group's lines */
		if (*leaves + (groups ? 1 : 0) > GRAPHTAB_MAX_LINES) {
			t->truncated = 1;
			t->left_out += count;
			i = j;
			continue;
		}
		const char *rel = graph_relation_name(g, v[i].rel);
		char head[256];
		if (v[i].in)
			snprintf(head, sizeof(head), "%s %s %s (%zu)",
				 ascii ? "<-" : "\xe2\x86\x90", rel, kind_name(kind), count);
		else
			snprintf(head, sizeof(head), "%s %s %s (%zu)", rel,
				 ascii ? "->" : "\xe2\x86\x92", kind_name(kind), count);
		uint32_t gi = add(t, p, level + 1, GT_GROUP, NODE_NONE, head, ST_DIM);
		if (groups++)
			(*leaves)++;
		size_t shown = 0;
		for (size_t k = i; k < j; k++) {
			if (v[k].other == exclude)
				continue;
			if (shown >= (size_t)cap || *leaves + 1 > GRAPHTAB_MAX_LINES) {
				char more[128];
				snprintf(more, sizeof(more), "... %zu more %s", count - shown,
					 kind_name(kind));
				add(t, gi, level + 2, GT_MORE, NODE_NONE, more, ST_DIM);
				t->left_out += count - shown;
				if (shown)
					(*leaves)++;
				break;
			}
			uint32_t o = v[k].other;
			int again = seen(t, o);
			uint32_t ei = add(t, gi, level + 2, GT_NODE, o, model_label(m, o),
					  detail_kind_style(g->nodes[o].kind));
			t->e[ei].again = (uint8_t)again;
			if (shown++)
				(*leaves)++;
		}
		i = j;
	}
	free(v);
	return found;
}

/* Lines in depth-first order: a leaf takes a line of its own, a parent
 * sits on its first child's line. order collects node entries as drawn. */
static void assign(struct graphtab *t, const uint32_t *koff, const uint32_t *kids, uint32_t e,
		   uint32_t *line, uint32_t *order, size_t *norder)
{
	if (t->e[e].kind == GT_NODE)
		order[(*norder)++] = e;
	uint32_t first = koff[e], end = koff[e + 1];
	if (first == end) {
		t->e[e].line = t->e[e].last_line = (*line)++;
		return;
	}
	for (uint32_t k = first; k < end; k++) {
		assign(t, koff, kids, kids[k], line, order, norder);
		t->e[kids[k]].last = k + 1 == end;
	}
	t->e[e].line = t->e[kids[first]].line;
	t->e[e].last_line = t->e[kids[end - 1]].last_line;
}

/* The drawing order: children lists (CSR) and the lines. */
static void lay_out(struct graphtab *t)
{
	size_t n = t->n;
	uint32_t *koff = xcalloc(n + 2, sizeof(uint32_t));
	uint32_t *kids = xmalloc((n + 1) * sizeof(uint32_t));
	for (size_t i = 1; i < n; i++)
		koff[t->e[i].parent + 1]++;
	for (size_t i = 0; i < n; i++)
		koff[i + 1] += koff[i];
	uint32_t *fill = xmalloc((n + 1) * sizeof(uint32_t));
	memcpy(fill, koff, (n + 1) * sizeof(uint32_t));
	for (size_t i = 1; i < n; i++) /* entries were added in order: kids stay in order */
		kids[fill[t->e[i].parent]++] = (uint32_t)i;
	uint32_t *order = xmalloc((n + 1) * sizeof(uint32_t));
	size_t norder = 0;
	uint32_t line = 0;
	assign(t, koff, kids, 0, &line, order, &norder);
	t->lines = line;
	/* entries in drawing order, so rows, lines and indexes agree */
	struct gt_entry *sorted = xmalloc((n + 1) * sizeof(*sorted));
	uint32_t *newidx = xmalloc((n + 1) * sizeof(uint32_t));
	size_t k = 0;
	/* node entries first in drawing order, then the rest by line */
	for (size_t i = 0; i < norder; i++)
		newidx[order[i]] = (uint32_t)k, sorted[k++] = t->e[order[i]];
	for (size_t i = 0; i < n; i++)
		if (t->e[i].kind != GT_NODE)
			newidx[i] = (uint32_t)k, sorted[k++] = t->e[i];
	for (size_t i = 0; i < n; i++)
		if (sorted[i].parent != UINT32_MAX)
			sorted[i].parent = newidx[sorted[i].parent];
	memcpy(t->e, sorted, n * sizeof(*sorted));
	t->shown = norder;
	free(sorted);
	free(newidx);
	free(order);
	free(fill);
	free(kids);
	free(koff);
}

int graphtab_update(struct graphtab *t, const struct model *m, uint32_t center, int depth,
		    int ascii)
{
	if (center == t->center && depth == t->depth && (t->ok || t->err[0]))
		return 0;
	graphtab_invalidate(t);
	t->center = center;
	t->depth = depth;
	if (center == NODE_NONE || center >= m->g->node_count) {
		snprintf(t->err, sizeof(t->err),
			 "nothing selected: pick a node in tabs 1-3, then 6");
		return 1;
	}
	add(t, UINT32_MAX, 0, GT_NODE, center, model_label(m, center), ST_TITLE);
	size_t leaves = 1;
	t->neighbours = expand(t, m, 0, depth == 2 ? GRAPHTAB_GROUP_CAP_2 : GRAPHTAB_GROUP_CAP_1,
			       NODE_NONE, &leaves, ascii);
	if (depth == 2) {
		/* each neighbour's own neighbours (the way back to the centre
		 * left out), while the tree has lines to give */
		size_t n1 = t->n;
		for (size_t i = 1; i < n1; i++)
			if (t->e[i].kind == GT_NODE && t->e[i].level == 2 && !t->e[i].again)
				expand(t, m, (uint32_t)i, GRAPHTAB_GROUP_CAP_3, center, &leaves,
				       ascii);
	}
	lay_out(t);
	t->ok = 1;
	return 1;
}

size_t graphtab_count(const struct graphtab *t)
{
	return t->ok ? t->shown : 0;
}

size_t graphtab_rows(const struct graphtab *t, uint32_t *rows)
{
	size_t n = graphtab_count(t);
	for (size_t i = 0; i < n; i++)
		rows[i] = t->e[i].node;
	return n;
}

const struct gt_entry *graphtab_row_entry(const struct graphtab *t, size_t i)
{
	return t->ok && i < t->shown ? &t->e[i] : NULL;
}
