/* The list pane: one row per actor, value, tool, pair or cluster, with the
 * columns that tab sorts by, annotations marked, the cursor row shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/annot.h"
#include "graph/overlap.h"
#include "tui/explorer/view.h"
#include "tui/explorer/model.h"

static const char *const sort_names[] = {"name", "degree", "score"};

static int has_notes(const struct app *a, const char *key)
{
	const struct annot_note *n;
	return annot_notes_for(&a->m.annot, key, &n, 1) > 0;
}

static int node_has_notes(const struct app *a, uint32_t node)
{
	if (!a->m.annot.nnotes)
		return 0;
	char *k = annot_node_key(a->m.g, node);
	int r = has_notes(a, k);
	free(k);
	return r;
}

static enum style band_style(int df)
{
	return df < 5 ? ST_STRONG : df <= 20 ? ST_WEAK : ST_OVER;
}

static enum style kind_style(int kind)
{
	if (kind == NODE_ACTOR || kind == NODE_CAMPAIGN)
		return ST_ACTOR;
	if (kind_is_infra(kind) || kind == NODE_INFRASTRUCTURE)
		return ST_INFRA;
	return ST_TOOL;
}

/* Kind names that fit the list's narrow kind column. */
static const char *short_kind(int kind)
{
	switch (kind) {
	case NODE_CAMPAIGN:
		return "camp";
	case NODE_MALWARE:
		return "mal";
	case NODE_TECHNIQUE:
		return "ttp";
	case NODE_INFRASTRUCTURE:
		return "infra";
	default:
		return kind_name(kind);
	}
}

/* One node row: [marker][note] [kind] name .... right */
static void node_row(const struct app *a, struct grid *g, int tab, int y, int x, int w,
		     uint32_t node)
{
	const struct graph *gr = a->m.g;
	const struct node *n = &gr->nodes[node];
	char right[32] = "";
	enum style rst = ST_DIM;
	if (tab == TAB_ACTORS) {
		double s = model_score(&a->m, node);
		if (s >= 0)
			snprintf(right, sizeof(right), "%3u %4.2f", model_degree(&a->m, node), s);
		else
			snprintf(right, sizeof(right), "%3u    -", model_degree(&a->m, node));
	} else if (tab == TAB_INFRA) {
		int df = model_df(&a->m, node);
		if (df >= 0) {
			snprintf(right, sizeof(right), "%3u %3d", model_degree(&a->m, node), df);
			rst = band_style(df);
		} else {
			snprintf(right, sizeof(right), "%3u   -", model_degree(&a->m, node));
		}
	} else {
		snprintf(right, sizeof(right), "%3u", model_degree(&a->m, node));
	}
	if (node_has_notes(a, node))
		grid_text(g, y, x + 1, 1, "*", ST_NOTE);
	int rw = grid_width(g, right);
	int cx = x + 2;
	if (tab != TAB_ACTORS || n->kind != NODE_ACTOR) {
		int kw = tab == TAB_INFRA ? 6 : 4;
		grid_text(g, y, cx, kw, short_kind(n->kind), ST_DIM);
		cx += kw + 1;
	}
	int nw = x + w - rw - 1 - cx;
	grid_text(g, y, cx, nw, graph_node_label(gr, node), kind_style(n->kind));
	if (rw < w - 6) {
		/* degree in dim, the score or df in its band colour */
		grid_text(g, y, x + w - rw, rw, right, ST_DIM);
		if (rst != ST_DIM) {
			const char *sp = strrchr(right, ' ');
			int off = sp ? (int)(sp - right) + 1 : 0;
			grid_restyle(g, y, x + w - rw + off, rw - off, rst);
		}
	}
}

static void pair_row(const struct app *a, struct grid *g, int y, int x, int w, uint32_t pair)
{
	size_t np;
	const struct overlap_pair *p = overlap_pairs(a->m.ov, &np);
	if (pair >= np)
		return;
	p += pair;
	const struct unit *ua = overlap_unit(a->m.ov, p->a), *ub = overlap_unit(a->m.ov, p->b);
	enum verdict v = VERDICT_UNREVIEWED;
	int notes = 0;
	if (ua->node != NODE_NONE && ub->node != NODE_NONE) {
		char *k = annot_pair_key(a->m.g, ua->node, ub->node);
		v = annot_verdict_of(&a->m.annot, k);
		notes = has_notes(a, k);
		free(k);
	}
	if (notes)
		grid_text(g, y, x + 1, 1, "*", ST_NOTE);
	char score[16];
	snprintf(score, sizeof(score), "%.3f", p->score);
	int cx = x + 2;
	cx += grid_text(g, y, cx, 5, score, p->score >= a->m.threshold ? ST_TITLE : ST_DIM) + 1;
	char right[16];
	const char *mark = v == VERDICT_CONFIRMED   ? (g->ascii ? "+" : "\xe2\x9c\x93")
			   : v == VERDICT_DISMISSED ? (g->ascii ? "x" : "\xe2\x9c\x97")
						    : " ";
	snprintf(right, sizeof(right), "%3u %s", p->shared, mark);
	int rw = grid_width(g, right);
	int room = x + w - rw - 1 - cx;
	char names[512];
	snprintf(names, sizeof(names), "%s %s %s", overlap_unit_name(a->m.ov, p->a),
		 g->ascii ? "<->" : "\xe2\x86\x94", overlap_unit_name(a->m.ov, p->b));
	grid_text(g, y, cx, room, names, ST_ACTOR);
	grid_text(g, y, x + w - rw, rw, right, ST_DIM);
	grid_restyle(g, y, x + w - 1, 1,
		     v == VERDICT_CONFIRMED   ? ST_CONFIRMED
		     : v == VERDICT_DISMISSED ? ST_DISMISSED
					      : ST_DIM);
}

static void cluster_row(const struct app *a, struct grid *g, int y, int x, int w, uint32_t ci)
{
	size_t nc;
	const struct cluster *c = overlap_clusters((struct overlap *)a->m.ov, a->m.threshold, &nc);
	if (ci >= nc)
		return;
	c += ci;
	char head[32];
	snprintf(head, sizeof(head), "#%-3u %3zu ", ci + 1, c->nmembers);
	int cx = x + 2 + grid_text(g, y, x + 2, w - 2, head, ST_DIM);
	char names[512];
	size_t o = 0;
	names[0] = '\0';
	for (size_t i = 0; i < c->nmembers && o + 2 < sizeof(names); i++)
		o += (size_t)snprintf(names + o, sizeof(names) - o, "%s%s", i ? ", " : "",
				      overlap_unit_name(a->m.ov, c->members[i]));
	grid_text(g, y, cx, x + w - cx, names, ST_ACTOR);
}

static void header(const struct app *a, struct grid *g, const struct geom *geo,
		   const struct list *l)
{
	int focused = a->pane == PANE_LIST;
	enum style st = focused ? ST_TITLE : ST_HEADER;
	grid_fill(g, geo->body_y, geo->list_x, geo->list_w, 1, st);
	char left[128], by[32] = "";
	if (a->tab <= TAB_OVERLAPS)
		snprintf(by, sizeof(by), " by %s", sort_names[l->sort]);
	if (l->n > (size_t)geo->list_rows)
		snprintf(left, sizeof(left), " %s %zu/%zu%s", tab_title(a->tab), l->cur + 1, l->n,
			 by);
	else
		snprintf(left, sizeof(left), " %s %zu%s", tab_title(a->tab), l->n, by);
	/* the names of the right-hand columns, over them */
	static const char *const labels[TAB_COUNT] = {"deg best", "deg  df", "deg",
						      "shr v",	  "",	     ""};
	const char *right = labels[a->tab];
	int rw = grid_width(g, right);
	grid_text(g, geo->body_y, geo->list_x, geo->list_w - rw - 1, left, st);
	grid_text_right(g, geo->body_y, geo->list_x + geo->list_w, rw, right, st);
}

void view_list_draw(const struct app *a, struct grid *g, const struct geom *geo)
{
	const struct list *l = &a->lists_[a->tab];
	header(a, g, geo, l);
	int y0 = geo->body_y + 1, x = geo->list_x, w = geo->list_w;
	if (!l->n) {
		const char *why = a->tab >= TAB_OVERLAPS && !a->m.ov ? "(overlaps not available)"
				  : filter_active(&a->filter)	     ? "(nothing passes the filter)"
								     : "(empty)";
		grid_text(g, y0, x + 2, w - 2, why, ST_DIM);
		if (a->tab == TAB_CLUSTERS && a->m.ov && !filter_active(&a->filter)) {
			/* say why, and how to see the weaker groups */
			size_t np;
			const struct overlap_pair *p = overlap_pairs(a->m.ov, &np);
			char line[96];
			snprintf(line, sizeof(line), "no pair scores %.2f or more", a->m.threshold);
			grid_text(g, y0 + 1, x + 2, w - 2, line, ST_DIM);
			if (np) {
				snprintf(line, sizeof(line), "(the strongest: %.3f);", p[0].score);
				grid_text(g, y0 + 2, x + 2, w - 2, line, ST_DIM);
				snprintf(line, sizeof(line), ":threshold %.2f shows it",
					 p[0].score > 0.01 ? p[0].score - 0.005 : 0.0);
				grid_text(g, y0 + 3, x + 2, w - 2, line, ST_DIM);
			}
		}
		return;
	}
	int focused = a->pane == PANE_LIST;
	int off = a->focus[a->tab].off_list;
	for (int r = 0; r < geo->list_rows; r++) {
		size_t i = l->top + (size_t)r;
		if (i >= l->n)
			break;
		int y = y0 + r;
		uint32_t row = l->rows[i];
		if (a->tab <= TAB_TOOLS)
			node_row(a, g, a->tab, y, x, w, row);
		else if (a->tab == TAB_OVERLAPS)
			pair_row(a, g, y, x, w, row);
		else
			cluster_row(a, g, y, x, w, row);
		if (i == l->cur && !off) {
			/* the cursor row: reverse video, and a '>' that survives a
			 * monochrome terminal and a text dump */
			enum style st = focused ? ST_SELECTED : ST_SELECTED_DIM;
			grid_restyle(g, y, x, w, st);
			grid_text(g, y, x, 1, ">", st);
		}
	}
}
