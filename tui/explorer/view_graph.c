/* The Graph tab: the laid-out neighbourhood (graphtab.h) scaled onto the
 * character grid. Edges are orthogonal runs of box-drawing characters (or
 * - | + in ASCII), joined where they cross; nodes are clipped labels placed
 * at their Graphviz positions, nudged sideways when two would overlap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"
#include "tui/explorer/detail.h"
#include "tui/explorer/view.h"

enum { M_U = 1, M_D = 2, M_L = 4, M_R = 8 };

/* mask of directions -> line piece */
static int piece_of(unsigned m)
{
	switch (m) {
	case M_U:
	case M_D:
	case M_U | M_D:
		return LP_V;
	case M_L:
	case M_R:
	case M_L | M_R:
		return LP_H;
	case M_D | M_R:
		return LP_TL;
	case M_D | M_L:
		return LP_TR;
	case M_U | M_R:
		return LP_BL;
	case M_U | M_L:
		return LP_BR;
	case M_U | M_D | M_R:
		return LP_TEE_L;
	case M_U | M_D | M_L:
		return LP_TEE_R;
	case M_D | M_L | M_R:
		return LP_TEE_T;
	case M_U | M_L | M_R:
		return LP_TEE_B;
	default:
		return LP_CROSS;
	}
}

struct canvas {
	int x, y, w, h;
	unsigned char *mask; /* directions per cell */
	unsigned char *hot;  /* cell on an edge of the selected node */
	unsigned char *used; /* taken by a label */
};

static void mark(struct canvas *c, int y, int x, unsigned m, int hot)
{
	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return;
	c->mask[y * c->w + x] |= (unsigned char)m;
	if (hot)
		c->hot[y * c->w + x] = 1;
}

static void vrun(struct canvas *c, int x, int y1, int y2, int hot)
{
	if (y1 == y2)
		return;
	int s = y1 < y2 ? 1 : -1;
	for (int y = y1; y != y2; y += s) {
		mark(c, y, x, s > 0 ? M_D : M_U, hot);
		mark(c, y + s, x, s > 0 ? M_U : M_D, hot);
	}
}

static void hrun(struct canvas *c, int y, int x1, int x2, int hot)
{
	if (x1 == x2)
		return;
	int s = x1 < x2 ? 1 : -1;
	for (int x = x1; x != x2; x += s) {
		mark(c, y, x, s > 0 ? M_R : M_L, hot);
		mark(c, y, x + s, s > 0 ? M_L : M_R, hot);
	}
}

static int fits(const struct canvas *c, int y, int x, int w)
{
	if (y < 0 || y >= c->h || x < 0 || x + w > c->w)
		return 0;
	for (int i = -1; i <= w; i++) /* one blank column between labels */
		if (x + i >= 0 && x + i < c->w && c->used[y * c->w + x + i])
			return 0;
	return 1;
}

/* Places a label of width lw near (cy, cx); returns its x or -1. */
static int place(struct canvas *c, int *cy, int cx, int lw)
{
	static const int dy[] = {0, -1, 1};
	for (size_t k = 0; k < 3; k++)
		for (int d = 0; d <= 10; d++)
			for (int s = -1; s <= 1; s += 2) {
				int y = *cy + dy[k], x = cx - lw / 2 + d * s;
				if (fits(c, y, x, lw)) {
					*cy = y;
					return x;
				}
				if (d == 0)
					break;
			}
	return -1;
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
	uint32_t sel = l->n ? l->rows[l->cur] : NODE_NONE;
	int si = graphtab_index(t, sel);
	char head[512];
	snprintf(head, sizeof(head), " %s, depth %d: %zu nodes%s",
		 graph_node_label(a->m.g, t->center), t->depth, t->sg.nnodes,
		 t->sg.truncated ? " (capped)" : "");
	int hw = grid_text(g, y0, 0, g->w, head, ST_TITLE);
	if (si >= 0 && hw + 12 < g->w) {
		const struct sg_node *sn = &t->sg.nodes[si];
		char s[512];
		if (sn->df)
			snprintf(s, sizeof(s), "> %s %s (df %u) ", kind_name(sn->kind), sn->label,
				 sn->df);
		else
			snprintf(s, sizeof(s), "> %s %s ", kind_name(sn->kind), sn->label);
		int room = g->w - hw - 2;
		int sw = grid_width(g, s);
		grid_text(g, y0, g->w - (sw < room ? sw : room), room, s, ST_TITLE);
	}
	struct canvas c = {0, y0 + 1, g->w, geo->body_h - 1, NULL, NULL, NULL};
	if (c.h < 3 || c.w < 10)
		return;
	size_t cells = (size_t)c.w * (size_t)c.h;
	c.mask = xcalloc(cells, 1);
	c.hot = xcalloc(cells, 1);
	c.used = xcalloc(cells, 1);
	size_t n = t->sg.nnodes;
	int *px = xcalloc(n + 1, sizeof(int)), *py = xcalloc(n + 1, sizeof(int));
	/* leave room at the sides for half a label */
	int margin = c.w / 12;
	double W = t->lay.width > 1 ? t->lay.width : 1, H = t->lay.height > 1 ? t->lay.height : 1;
	for (size_t i = 0; i < n; i++) {
		const struct layout_node *ln = &t->lay.nodes[i];
		px[i] = margin + (int)(ln->x / W * (c.w - 1 - 2 * margin) + 0.5);
		py[i] = (int)(ln->y / H * (c.h - 1) + 0.5);
	}
	for (size_t e = 0; e < t->sg.nedges; e++) {
		const struct sg_edge *se = &t->sg.edges[e];
		int hot = si >= 0 && ((int)se->from == si || (int)se->to == si);
		int x1 = px[se->from], y1 = py[se->from], x2 = px[se->to], y2 = py[se->to];
		/* orthogonal: along the longer axis to the middle, across, on */
		int dx = x2 - x1, dy = y2 - y1;
		if ((dx < 0 ? -dx : dx) >= 2 * (dy < 0 ? -dy : dy)) {
			int mid = (x1 + x2) / 2;
			hrun(&c, y1, x1, mid, hot);
			vrun(&c, mid, y1, y2, hot);
			hrun(&c, y2, mid, x2, hot);
		} else {
			int mid = (y1 + y2) / 2;
			vrun(&c, x1, y1, mid, hot);
			hrun(&c, mid, x1, x2, hot);
			vrun(&c, x2, mid, y2, hot);
		}
	}
	for (int y = 0; y < c.h; y++)
		for (int x = 0; x < c.w; x++) {
			unsigned m = c.mask[y * c.w + x];
			if (m)
				grid_piece(g, c.y + y, c.x + x, (enum line_piece)piece_of(m),
					   c.hot[y * c.w + x] ? ST_KEY : ST_LINE);
		}
	/* labels: the centre and the selection first, so they always show */
	int maxlw = c.w / 5;
	if (maxlw < 8)
		maxlw = 8;
	if (maxlw > 24)
		maxlw = 24;
	int ci = graphtab_index(t, t->center);
	size_t *order = xmalloc((n + 1) * sizeof(size_t));
	size_t k = 0;
	if (ci >= 0)
		order[k++] = (size_t)ci;
	if (si >= 0 && si != ci)
		order[k++] = (size_t)si;
	for (size_t i = 0; i < n; i++)
		if ((int)i != ci && (int)i != si)
			order[k++] = i;
	for (size_t j = 0; j < k; j++) {
		size_t i = order[j];
		const struct sg_node *sn = &t->sg.nodes[i];
		int lw = grid_width(g, sn->label);
		if (lw > maxlw)
			lw = maxlw;
		int cy = py[i];
		int x = place(&c, &cy, px[i], lw + 2);
		enum style st = (int)i == si   ? ST_SELECTED
				: (int)i == ci ? ST_TITLE
					       : detail_kind_style(sn->kind);
		if (x < 0) {
			/* no room for the label: a dot marks the node */
			if (py[i] >= 0 && py[i] < c.h && px[i] >= 0 && px[i] < c.w)
				grid_text(g, c.y + py[i], c.x + px[i], 1,
					  g->ascii ? "o" : "\xe2\x80\xa2", st);
			continue;
		}
		for (int q = x - 1; q <= x + lw + 2; q++)
			if (q >= 0 && q < c.w)
				c.used[cy * c.w + q] = 1;
		grid_text(g, c.y + cy, c.x + x, 1, (int)i == si ? ">" : "[", st);
		grid_text(g, c.y + cy, c.x + x + 1, lw, sn->label, st);
		grid_text(g, c.y + cy, c.x + x + 1 + lw, 1, (int)i == si ? "<" : "]", st);
	}
	free(order);
	free(px);
	free(py);
	free(c.mask);
	free(c.hot);
	free(c.used);
}
