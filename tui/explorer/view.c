/* The frame: tab bar, the body for the current tab or screen, the status
 * line (counts, filters, as-of, TLP in force) and the bottom line (the
 * prompt, a message, or the key hints). */
#include "tui/explorer/view.h"

#include <stdio.h>
#include <string.h>

#include "graph/date.h"
#include "graph/strbuf.h"
#include "tui/explorer/model.h"
#include "tui/session/session.h"

static void draw_tabs(const struct app *a, struct grid *g)
{
	int x = 0;
	grid_fill(g, 0, 0, g->w, 1, ST_TAB);
	for (int t = 0; t < TAB_COUNT && x < g->w; t++) {
		char buf[64];
		int active = t == a->tab && a->screen == SCR_TAB;
		snprintf(buf, sizeof(buf), active ? "[%d %s]" : " %d %s ", t + 1,
			 tab_bar_title(t, g->w, a->screen == SCR_TAB ? a->tab : -1));
		x += grid_text(g, 0, x, g->w - x, buf, active ? ST_TAB_ACTIVE : ST_TAB);
	}
	if (a->screen != SCR_TAB && x < g->w) {
		const char *what = a->screen == SCR_WHY	   ? "[why]"
				   : a->doc == DK_PROBLEMS ? "[problems]"
							   : "[text]";
		if (grid_width(g, what) > g->w - x)
			what = a->screen == SCR_WHY ? "[w]" : a->doc == DK_PROBLEMS ? "[!]" : "[o]";
		x += grid_text(g, 0, x, g->w - x, what, ST_TAB_ACTIVE);
	}
	const char *name = "agx";
	if (g->w - x > 6)
		grid_text_right(g, 0, g->w - 1, 4, name, ST_TAB);
}

static void draw_status(const struct app *a, struct grid *g, const struct geom *geo)
{
	/* what narrows the view first: the counts give way when both do not
	 * fit (a filter at 80 columns) */
	struct strbuf sb = STRBUF_INIT, ex = STRBUF_INIT;
	const char *sep = g->ascii ? " | " : " \xe2\x94\x82 ";
	/* the workspace first: not saved, or shared with another session */
	if (a->ws.read_only)
		strbuf_addf(&ex, "%sworkspace read-only", sep);
	else if (a->ws.others)
		strbuf_addf(&ex, "%sworkspace shared", sep);
	if (a->filter.text[0])
		strbuf_addf(&ex, "%sfilter: %s", sep, a->filter.text);
	if (a->tab == TAB_OVERLAPS && a->pair_unit != NODE_NONE)
		strbuf_addf(&ex, "%spairs of %s", sep, model_label(&a->m, a->pair_unit));
	if (a->asof != DATE_UNKNOWN) {
		char d[16];
		strbuf_addf(&ex, "%sas-of %s", sep, date_format(a->asof, d, sizeof(d)));
	}
	if (a->df_cap != a->session->df_cap)
		strbuf_addf(&ex, "%sdf-cap %d", sep, a->df_cap);
	if (a->m.threshold != a->session->threshold)
		strbuf_addf(&ex, "%sthreshold %.2f", sep, a->m.threshold);
	strbuf_addf(&sb, " %zu actors, %zu infra, %zu tools", a->counts.actors, a->counts.infra,
		    a->counts.tools);
	if (a->m.ov)
		strbuf_addf(&sb, ", %zu pairs, %zu clusters", a->counts.pairs, a->counts.clusters);
	else
		strbuf_adds(&sb, ", (overlaps not available)");
	if (ex.len && grid_width(g, strbuf_str(&sb)) + grid_width(g, strbuf_str(&ex)) + 18 > g->w) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, " %zu actors, %zu pairs", a->counts.actors, a->counts.pairs);
	}
	strbuf_adds(&sb, strbuf_str(&ex));
	strbuf_free(&ex);
	grid_fill(g, geo->status_y, 0, g->w, 1, ST_STATUS);
	if (a->prompt.mode != PR_NONE && a->msg[0]) {
		/* the prompt has the bottom line: its message (completions, what a
		 * note attaches to) goes here */
		grid_text(g, geo->status_y, 1, g->w - 1, a->msg,
			  a->msg_error ? ST_ERROR : ST_STATUS);
		strbuf_free(&sb);
		return;
	}
	char tlp[40];
	snprintf(tlp, sizeof(tlp), " %s ",
		 a->counts.tlp ? tlp_name(a->counts.tlp) : "TLP: none marked");
	int tw = grid_width(g, tlp);
	grid_text(g, geo->status_y, 0, g->w - tw, strbuf_str(&sb), ST_STATUS);
	grid_text_right(g, geo->status_y, g->w, tw, tlp, ST_STATUS);
	strbuf_free(&sb);
}

static void draw_bottom(const struct app *a, struct grid *g, const struct geom *geo)
{
	int y = geo->bottom_y;
	grid_fill(g, y, 0, g->w, 1, ST_NORMAL);
	if (a->prompt.mode != PR_NONE) {
		const char *label = prompt_label(&a->prompt);
		int x = grid_text(g, y, 0, g->w, label, ST_KEY);
		/* the text before the cursor, the cursor cell, the rest */
		char before[sizeof(a->prompt.buf)];
		memcpy(before, a->prompt.buf, a->prompt.pos);
		before[a->prompt.pos] = '\0';
		int bw = grid_width(g, before);
		int room = g->w - x - 1;
		int shift = bw > room ? bw - room : 0; /* keep the cursor visible */
		if (shift) {
			/* show the tail: drop whole code points from the front */
			const char *p = before;
			while (*p && grid_width(g, p) > room)
				p++;
			x += grid_text(g, y, x, room, p, ST_NORMAL);
		} else {
			x += grid_text(g, y, x, room, before, ST_NORMAL);
		}
		const char *rest = a->prompt.buf + a->prompt.pos;
		if (*rest) {
			int w = grid_text(g, y, x, g->w - x, rest, ST_NORMAL);
			grid_restyle(g, y, x, 1, ST_CURSOR);
			(void)w;
		} else if (x < g->w) {
			grid_fill(g, y, x, 1, 1, ST_CURSOR);
		}
		return;
	}
	if (a->msg[0]) {
		grid_text(g, y, 0, g->w, a->msg, a->msg_error ? ST_ERROR : ST_MESSAGE);
		return;
	}
	static const char *const hints[][2] = {
	    {"?", "help"},     {"/", "search"}, {"Tab", "pane"}, {"Enter", "open"}, {"h", "back"},
	    {"o", "overlaps"}, {"w", "why"},	{"a", "note"},	 {":", "cmd"},	    {"q", "quit"},
	};
	int x = 0;
	for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]); i++) {
		int need = grid_width(g, hints[i][0]) + grid_width(g, hints[i][1]) + 2;
		if (x + need > g->w)
			break;
		x += grid_text(g, y, x, g->w - x, hints[i][0], ST_KEY);
		x += grid_text(g, y, x + 1, g->w - x - 1, hints[i][1], ST_DIM) + 2;
	}
}

void view_draw(const struct app *a, struct grid *g)
{
	struct geom geo;
	grid_clear(g);
	app_geometry(a, &geo);
	draw_tabs(a, g);
	if (a->help_open) {
		view_help_draw(a, g, &geo);
	} else if (a->screen != SCR_TAB) {
		view_why_draw(a, g, &geo);
	} else if (a->tab == TAB_GRAPH) {
		view_graph_draw(a, g, &geo);
	} else {
		view_list_draw(a, g, &geo);
		grid_vline(g, geo.body_y, geo.list_w, geo.body_h, ST_LINE);
		/* the detail pane's header: what it shows, and where the keys go */
		const char *title = a->detail.title[0] ? a->detail.title : "";
		int focused = a->pane == PANE_DETAIL;
		grid_fill(g, geo.body_y, geo.detail_x, geo.detail_w, 1,
			  focused ? ST_TITLE : ST_HEADER);
		grid_textf(g, geo.body_y, geo.detail_x + 1, geo.detail_w - 1,
			   focused ? ST_TITLE : ST_HEADER, "%s%s", title,
			   focused ? "" : "  (Tab: pane)");
		view_detail_draw(a, g, geo.detail_x, geo.body_y + 1, geo.detail_w, geo.detail_rows,
				 focused);
	}
	draw_status(a, g, &geo);
	draw_bottom(a, g, &geo);
}
