/* The Graph tab: the neighbourhood tree (graphtab.h) on the character grid,
 * read left to right: the centre, its groups, their members (and at depth
 * 2 the members' own groups and members). Each level is a column as wide
 * as its labels (within the screen); a child's line leaves its parent's
 * junction with ┬ ├ └ and a │ joins the siblings, so nothing crosses and no
 * line runs through a label. The path from the centre to the selected node
 * is drawn highlighted, and the selection is marked '>' for a dump. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"
#include "tui/explorer/model.h"
#include "tui/explorer/view.h"

#define GT_LEVELS 8

/* Column widths per level, shrunk (widest first) until the tree fits w. */
static int fit_columns(const struct graphtab *t, struct grid *g, int w, int *x, int *cw)
{
	int levels = 0;
	for (int l = 0; l < GT_LEVELS; l++)
		cw[l] = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct gt_entry *e = &t->e[i];
		if (e->level >= GT_LEVELS)
			continue;
		int lw = grid_width(g, graphtab_text(t, e)) + (e->again ? 2 : 0);
		if (lw > 48)
			lw = 48;
		if (lw > cw[e->level])
			cw[e->level] = lw;
		if (e->level + 1 > levels)
			levels = e->level + 1;
	}
	for (;;) {
		int total = 1;
		for (int l = 0; l < levels; l++)
			total += cw[l] + (l ? 3 : 0);
		if (total <= w)
			break;
		int widest = 0;
		for (int l = 1; l < levels; l++)
			if (cw[l] > cw[widest])
				widest = l;
		if (cw[widest] <= 4)
			break;
		cw[widest]--;
	}
	x[0] = 1;
	for (int l = 1; l < levels; l++)
		x[l] = x[l - 1] + cw[l - 1] + 3;
	return levels;
}

void view_graph_draw(const struct app *a, struct grid *g, const struct geom *geo)
{
	const struct graphtab *t = &a->graph;
	const struct list *l = &a->lists_[TAB_GRAPH];
	int y0 = geo->body_y;
	grid_fill(g, y0, 0, g->w, 1, ST_TITLE);
	if (!t->ok) {
		grid_text(g, y0, 1, g->w - 1, "Graph", ST_TITLE);
		grid_text(g, y0 + 2, 2, g->w - 2, t->err[0] ? t->err : "(nothing to draw)", ST_DIM);
		return;
	}
	size_t sel = l->n ? l->cur : (size_t)-1;
	const struct gt_entry *se = graphtab_row_entry(t, sel);
	/* the header: what is shown, and what was left out */
	char head[512];
	int n = snprintf(head, sizeof(head), " %s, depth %d: %zu neighbour%s",
			 model_label(&a->m, t->center), t->depth, t->neighbours,
			 t->neighbours == 1 ? "" : "s");
	if (t->left_out)
		snprintf(head + n, sizeof(head) - (size_t)n, "; capped: %zu left out (... more)",
			 t->left_out);
	else if (t->truncated)
		snprintf(head + n, sizeof(head) - (size_t)n, "; capped");
	int h = geo->body_h - 1;
	if (t->lines > (size_t)h && h > 0) {
		/* which lines of the tree are on screen */
		size_t len = strlen(head), top = t->top;
		snprintf(head + len, sizeof(head) - len, "  [lines %zu-%zu of %zu]", top + 1,
			 top + (size_t)h < t->lines ? top + (size_t)h : t->lines, t->lines);
	}
	int hw = grid_text(g, y0, 0, g->w, head, ST_TITLE);
	if (se && hw + 12 < g->w) {
		char s[512];
		int df = model_df(&a->m, se->node);
		int kind = a->m.g->nodes[se->node].kind;
		if (df > 0 && kind_is_infra(kind))
			snprintf(s, sizeof(s), "> %s %s (df %d) ", kind_name(kind),
				 model_label(&a->m, se->node), df);
		else
			snprintf(s, sizeof(s), "> %s %s ", kind_name(kind),
				 model_label(&a->m, se->node));
		int room = g->w - hw - 2;
		int sw = grid_width(g, s);
		grid_text(g, y0, g->w - (sw < room ? sw : room), room, s, ST_TITLE);
	}
	if (h < 1)
		return;
	int x[GT_LEVELS], cw[GT_LEVELS];
	fit_columns(t, g, g->w, x, cw);
	int skip = a->hscroll_detail;
	/* children per entry, and the path to the selection (drawn hot) */
	uint32_t *kids = xcalloc(t->n + 1, sizeof(uint32_t));
	uint8_t *hot = xcalloc(t->n + 1, 1);
	for (size_t i = 0; i < t->n; i++)
		if (t->e[i].parent != UINT32_MAX)
			kids[t->e[i].parent]++;
	for (size_t i = se ? sel : t->n; i < t->n; i = t->e[i].parent) {
		hot[i] = 1;
		if (t->e[i].parent == UINT32_MAX)
			break;
	}
	int top = (int)t->top;
	for (size_t i = 0; i < t->n; i++) {
		const struct gt_entry *e = &t->e[i];
		if (e->level >= GT_LEVELS)
			continue;
		int y = (int)e->line - top;
		int xl = x[e->level] - skip;
		enum style lst = hot[i] ? ST_KEY : ST_LINE;
		if (e->parent != UINT32_MAX) {
			const struct gt_entry *p = &t->e[e->parent];
			int j = xl - 2;
			/* the junction on this line, and the bar down to the next
			 * sibling */
			enum line_piece jp = e->line == p->line
						 ? (kids[e->parent] > 1 ? LP_TEE_T : LP_H)
					     : e->last ? LP_BL
						       : LP_TEE_L;
			if (y >= 0 && y < h) {
				grid_piece(g, y0 + 1 + y, j, jp, lst);
				if (se == e)
					grid_text(g, y0 + 1 + y, j + 1, 1, ">", ST_SELECTED);
				else
					grid_piece(g, y0 + 1 + y, j + 1, LP_H, lst);
			}
			if (!e->last) {
				/* down to the next sibling's line: hot only when the
				 * selection hangs below it */
				enum style bst = ST_LINE;
				for (size_t k = 0; k < t->n; k++)
					if (hot[k] && k != e->parent &&
					    t->e[k].parent == e->parent && t->e[k].line > e->line)
						bst = ST_KEY;
				for (uint32_t ln = e->line + 1; ln <= e->last_line; ln++) {
					int yy = (int)ln - top;
					if (yy >= 0 && yy < h)
						grid_piece(g, y0 + 1 + yy, j, LP_V, bst);
				}
			}
		}
		if (y < 0 || y >= h)
			continue;
		/* the label, then a line to the junction of its children */
		const char *text = graphtab_text(t, e);
		char buf[512];
		if (e->again)
			snprintf(buf, sizeof(buf), "%s *", text);
		enum style st = se == e ? ST_SELECTED : (enum style)e->style;
		if (se == e && e->parent == UINT32_MAX && xl > 0)
			grid_text(g, y0 + 1 + y, xl - 1, 1, ">", ST_SELECTED);
		int lw = 0;
		if (xl + cw[e->level] > 0) {
			int from = xl < 0 ? -xl : 0;
			lw = grid_text_skip(g, y0 + 1 + y, xl + from, cw[e->level] - from,
					    e->again ? buf : text, from, st);
			lw += from;
		}
		if (kids[i] && e->level + 1 < GT_LEVELS) {
			int j = x[e->level + 1] - skip - 2;
			for (int c = xl + lw + 1; c < j; c++)
				if (c >= 0)
					grid_piece(g, y0 + 1 + y, c, LP_H,
						   hot[i] ? ST_KEY : ST_LINE);
		}
	}
	if (t->n == 1 && h > 2)
		grid_text(g, y0 + 3, 2, g->w - 2,
			  "(no edges: nothing stated links it to anything else)", ST_DIM);
	free(kids);
	free(hot);
}
