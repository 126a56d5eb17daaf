#include "tui/app.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/xalloc.h"
#include "tui/history.h"
#include "tui/keymap.h"
#include "tui/lists.h"
#include "tui/overlap_cli.h"
#include "tui/keys.h"
#include "tui/search.h"
#include "tui/units.h"
#include "graph/overlap.h"
#include "graph/warnlist.h"
#include "tui/workspace.h"

static const char *const tab_titles[] = {
#define X(e, title, key) title,
    TABS(X)
#undef X
};

const char *tab_title(int tab)
{
	return tab >= 0 && tab < TAB_COUNT ? tab_titles[tab] : "?";
}

struct list *app_list(struct app *a, int tab)
{
	return &a->lists_[tab];
}

void app_message(struct app *a, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof(a->msg), fmt, ap);
	va_end(ap);
	a->msg_error = error;
}

/* --- overlaps ------------------------------------------------------------------------ */

/* The warninglists, once: the same ones as the batch commands use
 * (tui/overlap_cli.h); problems are printed before the screen opens. */
static void load_lists(struct app *a)
{
	if (!a->lists)
		overlap_cli_lists(a->cli, &a->lists);
}

void app_recompute(struct app *a)
{
	if (a->ov)
		overlap_free(a->ov);
	a->ov = NULL;
	free(a->unit_best);
	a->unit_best = NULL;
	if (a->units_for != a->g->node_count)
		units_build(a); /* :load added nodes */
	load_lists(a);
	struct overlap_opts o;
	overlap_cli_opts(a->cli, &o);
	o.df_cap = a->df_cap;
	o.slack_days = a->slack_days;
	o.asof = a->asof;
	o.threshold = a->threshold;
	o.include_revoked = a->cli->include_revoked;
	o.lists = a->lists;
	a->ov = overlap_compute(a->g, &o);
	a->have_overlaps = a->ov != NULL;
	if (!a->ov)
		return;
	size_t nu = overlap_unit_count(a->ov), np;
	a->unit_best = xcalloc(nu ? nu : 1, sizeof(double));
	const struct overlap_pair *p = overlap_pairs(a->ov, &np);
	for (size_t i = 0; i < np; i++) {
		if (p[i].score > a->unit_best[p[i].a])
			a->unit_best[p[i].a] = p[i].score;
		if (p[i].score > a->unit_best[p[i].b])
			a->unit_best[p[i].b] = p[i].score;
	}
}

/* --- focus and the detail document ---------------------------------------------------- */

uint32_t app_focus_node(const struct app *a)
{
	if (a->tab <= TAB_TOOLS || a->tab == TAB_GRAPH)
		return a->focus[a->tab].item;
	return NODE_NONE;
}

/* The row under the detail cursor, when the detail pane has the keys. */
static const struct drow *detail_cursor_row(const struct app *a)
{
	if ((a->pane != PANE_DETAIL && a->screen != SCR_WHY) || a->detail.cur >= a->detail.n)
		return NULL;
	return &a->detail.rows[a->detail.cur];
}

uint32_t app_focus_pair(const struct app *a)
{
	if (!a->ov)
		return UINT32_MAX;
	if (a->screen == SCR_WHY)
		return a->detail.item;
	const struct drow *r = detail_cursor_row(a);
	if (r && r->link_type == DL_PAIR)
		return r->link;
	if (a->tab == TAB_OVERLAPS) {
		const struct list *l = &a->lists_[TAB_OVERLAPS];
		return l->n ? l->rows[l->cur] : UINT32_MAX;
	}
	return UINT32_MAX;
}

/* The node the analyst is pointing at: a neighbour under the detail cursor,
 * or the focused item. */
static uint32_t selected_node(const struct app *a)
{
	const struct drow *r = detail_cursor_row(a);
	if (r && r->link_type == DL_NODE)
		return r->link;
	if (a->tab == TAB_GRAPH && a->screen == SCR_TAB) {
		const struct list *l = &a->lists_[TAB_GRAPH];
		if (l->n)
			return l->rows[l->cur];
	}
	return app_focus_node(a);
}

void app_build_detail(struct app *a)
{
	struct detail *d = &a->detail;
	uint8_t old_kind = d->kind;
	uint32_t old_item = d->item;
	size_t cur = d->cur, top = d->top;
	if (a->screen == SCR_WHY) {
		detail_build_why(d, a, a->detail.item); /* keeps expanded rows */
	} else if (a->tab == TAB_OVERLAPS) {
		uint32_t p = app_focus_pair(a);
		if (p == UINT32_MAX)
			detail_reset(d);
		else
			detail_build_pair(d, a, p);
	} else if (a->tab == TAB_CLUSTERS) {
		const struct list *l = &a->lists_[TAB_CLUSTERS];
		if (!l->n)
			detail_reset(d);
		else
			detail_build_cluster(d, a, l->rows[l->cur]);
	} else {
		uint32_t n = a->focus[a->tab].item;
		if (n == NODE_NONE || n >= a->g->node_count)
			detail_reset(d);
		else
			detail_build_node(d, a, n);
	}
	if (d->kind == old_kind && d->item == old_item) {
		d->cur = cur < d->n ? cur : (d->n ? d->n - 1 : 0);
		d->top = top <= d->cur ? top : d->cur;
	} else {
		d->cur = d->top = 0;
		/* the cursor starts on the first link; on why, on the evidence */
		for (size_t i = 0; i < d->n; i++)
			if (d->kind == DK_WHY ? d->rows[i].link_type == DL_EVIDENCE
					      : d->rows[i].link_type != DL_NONE) {
				d->cur = i;
				break;
			}
	}
}

/* --- navigation ------------------------------------------------------------------------- */

static void set_tab(struct app *a, int tab)
{
	uint32_t from = app_focus_node(a);
	if (tab == TAB_GRAPH && from != NODE_NONE)
		a->focus[TAB_GRAPH] = (struct focus){from, 0, 1};
	a->tab = (uint8_t)tab;
	a->screen = SCR_TAB;
	if (tab == TAB_GRAPH)
		a->pane = PANE_LIST;
}

void app_goto_node(struct app *a, uint32_t node, int push)
{
	if (push)
		history_leave(a);
	int tab = a->tab == TAB_GRAPH ? TAB_GRAPH : lists_tab_of_kind(a->g->nodes[node].kind);
	if (a->g->nodes[node].kind == NODE_ACTOR)
		node = alias_unit(a->g, node);
	if (tab < 0)
		tab = a->tab <= TAB_TOOLS ? a->tab : TAB_ACTORS;
	a->tab = (uint8_t)tab;
	a->screen = SCR_TAB;
	struct focus *f = &a->focus[tab];
	f->item = node;
	f->off_list = 1;
	struct list *l = &a->lists_[tab];
	for (size_t i = 0; i < l->n; i++)
		if (l->rows[i] == node) {
			l->cur = i;
			f->off_list = 0;
			break;
		}
	if (tab != TAB_GRAPH)
		a->pane = PANE_DETAIL;
	app_build_detail(a);
	if (push)
		history_push(a);
}

void app_select_row(struct app *a, size_t i)
{
	struct list *l = &a->lists_[a->tab];
	if (!l->n)
		return;
	if (i >= l->n)
		i = l->n - 1;
	l->cur = i;
	if (a->tab != TAB_GRAPH) {
		a->focus[a->tab].item = l->rows[i];
		a->focus[a->tab].off_list = 0;
	}
}

static unsigned move_list(struct app *a, long delta, int absolute)
{
	struct list *l = &a->lists_[a->tab];
	if (!l->n)
		return RX_REDRAW;
	long i = absolute ? delta : (long)l->cur + delta;
	if (a->focus[a->tab].off_list && !absolute)
		i = (long)l->cur; /* back onto the list where it was */
	if (i < 0)
		i = 0;
	if (i >= (long)l->n)
		i = (long)l->n - 1;
	app_select_row(a, (size_t)i);
	if (a->tab == TAB_GRAPH)
		return RX_REDRAW;
	return RX_DETAIL | RX_REDRAW;
}

static unsigned move_detail(struct app *a, long delta, int absolute)
{
	struct detail *d = &a->detail;
	if (!d->n)
		return RX_REDRAW;
	struct geom geo;
	app_geometry(a, &geo);
	int rows = geo.detail_rows;
	if (absolute) {
		d->cur = delta < 0 ? d->n - 1 : 0;
		return RX_REDRAW;
	}
	int dir = delta < 0 ? -1 : 1;
	long steps = delta < 0 ? -delta : delta;
	for (long s = 0; s < steps; s++) {
		/* to the next row that links somewhere when it is near, else
		 * one row (text is read by moving through it) */
		size_t from = d->cur;
		if (detail_step(d, dir) &&
		    (d->cur > from ? d->cur - from : from - d->cur) <= (size_t)rows)
			continue;
		d->cur = from;
		if (dir > 0 && d->cur + 1 < d->n)
			d->cur++;
		else if (dir < 0 && d->cur > 0)
			d->cur--;
		else
			break;
	}
	return RX_REDRAW;
}

static unsigned move(struct app *a, long delta, int absolute)
{
	if (a->screen == SCR_WHY || a->pane == PANE_DETAIL)
		return move_detail(a, delta, absolute);
	return move_list(a, delta, absolute);
}

static unsigned open_why(struct app *a, uint32_t pair)
{
	if (!a->ov) {
		app_message(a, 1, "overlaps not available");
		return RX_REDRAW;
	}
	if (pair == UINT32_MAX) {
		app_message(a, 1, "no pair selected: pick one in Overlaps (4) or with o");
		return RX_REDRAW;
	}
	history_leave(a);
	a->screen = SCR_WHY;
	a->detail.kind = DK_EMPTY;
	a->detail.item = pair;
	app_build_detail(a);
	history_push(a);
	return RX_REDRAW;
}

static unsigned open_row(struct app *a)
{
	const struct drow *r = detail_cursor_row(a);
	if (r) {
		switch (r->link_type) {
		case DL_NODE:
			app_goto_node(a, r->link, 1);
			return RX_REDRAW;
		case DL_PAIR:
			return open_why(a, r->link);
		case DL_EVIDENCE:
			if (a->detail.expanded && r->link < a->detail.nev) {
				a->detail.expanded[r->link] ^= 1;
				return RX_DETAIL | RX_REDRAW;
			}
			return RX_NONE;
		case DL_CLUSTER:
			history_leave(a);
			set_tab(a, TAB_CLUSTERS);
			app_select_row(a, r->link);
			a->pane = PANE_LIST;
			app_build_detail(a);
			history_push(a);
			return RX_REDRAW;
		default:
			return RX_NONE;
		}
	}
	if (a->screen == SCR_WHY)
		return RX_NONE;
	if (a->tab == TAB_OVERLAPS)
		return open_why(a, app_focus_pair(a));
	if (a->tab == TAB_GRAPH) {
		uint32_t n = app_focus_node(a);
		struct list *l = &a->lists_[TAB_GRAPH];
		if (l->n && l->rows[l->cur] != n) {
			history_leave(a);
			a->focus[TAB_GRAPH] = (struct focus){l->rows[l->cur], 0, 1};
			history_push(a);
		}
		return RX_REDRAW;
	}
	/* a list row: its detail takes the keys */
	if (a->detail.n) {
		a->pane = PANE_DETAIL;
		if (a->detail.cur >= a->detail.n ||
		    a->detail.rows[a->detail.cur].link_type == DL_NONE) {
			a->detail.cur = 0;
			detail_step(&a->detail, +1);
		}
	}
	return RX_REDRAW;
}

static unsigned switch_tab(struct app *a, int tab)
{
	history_leave(a);
	if (tab == TAB_OVERLAPS && a->pair_unit != NODE_NONE) {
		a->pair_unit = NODE_NONE;
		lists_rebuild_tab(a, TAB_OVERLAPS);
	}
	set_tab(a, tab);
	if (a->pane == PANE_DETAIL && tab == TAB_GRAPH)
		a->pane = PANE_LIST;
	app_build_detail(a);
	history_push(a);
	return RX_REDRAW;
}

static unsigned overlaps_of(struct app *a)
{
	uint32_t n = selected_node(a);
	if (!a->ov) {
		app_message(a, 1, "overlaps not available in this build");
		return RX_REDRAW;
	}
	if (n == NODE_NONE || overlap_unit_of_node(a->ov, n) == UINT32_MAX) {
		app_message(a, 1, "select an actor (or campaign, report) first");
		return RX_REDRAW;
	}
	history_leave(a);
	a->pair_unit = n;
	lists_rebuild_tab(a, TAB_OVERLAPS);
	set_tab(a, TAB_OVERLAPS);
	a->pane = PANE_LIST;
	app_select_row(a, 0);
	app_build_detail(a);
	history_push(a);
	if (!a->lists_[TAB_OVERLAPS].n)
		app_message(a, 0, "%s shares no infrastructure with any other unit",
			    graph_node_label(a->g, n));
	return RX_REDRAW;
}

/* The pair's two unit nodes, for annotation keys; 0 when it has none. */
static int pair_nodes(const struct app *a, uint32_t pair, uint32_t *na, uint32_t *nb)
{
	size_t np;
	const struct overlap_pair *p = overlap_pairs(a->ov, &np);
	if (pair >= np)
		return 0;
	*na = overlap_unit(a->ov, p[pair].a)->node;
	*nb = overlap_unit(a->ov, p[pair].b)->node;
	return *na != NODE_NONE && *nb != NODE_NONE;
}

unsigned app_set_verdict(struct app *a, int verdict)
{
	uint32_t pair = app_focus_pair(a), na, nb;
	if (pair == UINT32_MAX || !pair_nodes(a, pair, &na, &nb)) {
		app_message(a, 1, "no pair selected: verdicts are on pairs (Overlaps tab, why)");
		return RX_REDRAW;
	}
	char *k = annot_pair_key(a->g, na, nb);
	enum verdict v = verdict >= 0 ? (enum verdict)verdict
				      : (enum verdict)((annot_verdict_of(&a->annot, k) + 1) % 3);
	workspace_set_verdict(&a->ws, &a->annot, k, v);
	free(k);
	app_message(a, 0, "%s - %s: %s", graph_node_label(a->g, na), graph_node_label(a->g, nb),
		    verdict_name(v));
	return RX_SAVE | RX_DETAIL | RX_REDRAW;
}

/* The key a note typed now attaches to: the pair in view, else the node. */
static char *note_target(const struct app *a, char *what, size_t n)
{
	uint32_t pair = app_focus_pair(a), na, nb;
	const struct drow *r = detail_cursor_row(a);
	int prefer_node = r && r->link_type == DL_NODE && a->screen != SCR_WHY;
	if (!prefer_node && pair != UINT32_MAX && pair_nodes(a, pair, &na, &nb)) {
		snprintf(what, n, "%s - %s", graph_node_label(a->g, na),
			 graph_node_label(a->g, nb));
		return annot_pair_key(a->g, na, nb);
	}
	uint32_t node = selected_node(a);
	if (node == NODE_NONE)
		return NULL;
	snprintf(what, n, "%s", graph_node_label(a->g, node));
	return annot_node_key(a->g, node);
}

static unsigned start_note(struct app *a)
{
	char what[256];
	char *k = note_target(a, what, sizeof(what));
	if (!k) {
		app_message(a, 1, "select a node or a pair to annotate");
		return RX_REDRAW;
	}
	snprintf(a->note_key, sizeof(a->note_key), "%s", k);
	free(k);
	prompt_open(&a->prompt, PR_NOTE, "");
	app_message(a, 0, "note on %s (Enter saves, Esc cancels)", what);
	return RX_REDRAW;
}

static unsigned cycle_sort(struct app *a)
{
	if (a->tab == TAB_GRAPH || a->tab == TAB_CLUSTERS) {
		app_message(a, 0, "this list has one order");
		return RX_REDRAW;
	}
	struct list *l = &a->lists_[a->tab];
	l->sort = (uint8_t)((l->sort + 1) % SORT_COUNT);
	lists_rebuild_tab(a, a->tab);
	a->generation++;
	return RX_REDRAW;
}

unsigned app_set_filter(struct app *a, const char *line)
{
	char err[256];
	if (filter_parse(&a->filter, line, err, sizeof(err))) {
		app_message(a, 1, "filter: %s", err);
		return RX_REDRAW;
	}
	return RX_REBUILD | RX_DETAIL | RX_REDRAW;
}

void app_geometry(const struct app *a, struct geom *g)
{
	int cols = a->cols > 0 ? a->cols : 80, rows = a->rows > 0 ? a->rows : 24;
	g->tabs_y = 0;
	g->body_y = 1;
	g->body_h = rows - 3 > 1 ? rows - 3 : 1;
	g->status_y = rows - 2;
	g->bottom_y = rows - 1;
	int full = a->screen == SCR_WHY || a->tab == TAB_GRAPH;
	if (full) {
		g->list_x = g->list_w = 0;
		g->detail_x = 0;
		g->detail_w = cols;
	} else {
		int lw = cols * 9 / 20;
		if (lw < 24)
			lw = 24;
		if (lw > 60)
			lw = 60;
		if (lw > cols - 10)
			lw = cols / 2;
		g->list_x = 0;
		g->list_w = lw;
		g->detail_x = lw + 1;
		g->detail_w = cols - lw - 1;
	}
	g->list_rows = g->body_h - 1 > 1 ? g->body_h - 1 : 1;
	g->detail_rows = g->list_rows;
}

unsigned app_action(struct app *a, int act)
{
	struct geom geo;
	app_geometry(a, &geo);
	int page = a->screen == SCR_WHY || a->pane == PANE_DETAIL ? geo.detail_rows : geo.list_rows;
	if (page < 1)
		page = 10;
	switch (act) {
	case ACT_DOWN:
		return move(a, 1, 0);
	case ACT_UP:
		return move(a, -1, 0);
	case ACT_TOP:
		return move(a, 0, 1);
	case ACT_BOTTOM:
		return move(a, a->screen == SCR_WHY || a->pane == PANE_DETAIL ? -1 : LONG_MAX / 2,
			    1);
	case ACT_PAGE_DOWN:
		return move(a, page, 0);
	case ACT_PAGE_UP:
		return move(a, -page, 0);
	case ACT_OPEN:
		return open_row(a);
	case ACT_BACK:
		return history_move(a, -1);
	case ACT_FORWARD:
		return history_move(a, +1);
	case ACT_SEARCH:
		history_leave(a);
		a->search_origin = history_here(a);
		prompt_open(&a->prompt, PR_SEARCH, "");
		return RX_REDRAW;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (!a->search[0]) {
			app_message(a, 1, "no search yet: / to search");
			return RX_REDRAW;
		}
		history_leave(a);
		if (!search_find(a, act == ACT_SEARCH_NEXT ? 1 : -1, 0))
			app_message(a, 1, "no match for '%s'", a->search);
		else
			history_push(a);
		return RX_REDRAW;
	case ACT_PANE:
		if (a->screen == SCR_WHY || a->tab == TAB_GRAPH)
			return RX_NONE;
		a->pane = a->pane == PANE_LIST ? PANE_DETAIL : PANE_LIST;
		if (a->pane == PANE_DETAIL && a->detail.n &&
		    (a->detail.cur >= a->detail.n ||
		     a->detail.rows[a->detail.cur].link_type == DL_NONE)) {
			a->detail.cur = 0;
			detail_step(&a->detail, +1);
		}
		return RX_REDRAW;
	case ACT_TAB_ACTORS:
	case ACT_TAB_INFRA:
	case ACT_TAB_TOOLS:
	case ACT_TAB_OVERLAPS:
	case ACT_TAB_CLUSTERS:
	case ACT_TAB_GRAPH:
		return switch_tab(a, act - ACT_TAB_ACTORS);
	case ACT_NEXT_TAB:
		return switch_tab(a, (a->tab + 1) % TAB_COUNT);
	case ACT_PREV_TAB:
		return switch_tab(a, (a->tab + TAB_COUNT - 1) % TAB_COUNT);
	case ACT_OVERLAPS:
		return overlaps_of(a);
	case ACT_WHY:
		return open_why(a, app_focus_pair(a));
	case ACT_SORT:
		return cycle_sort(a);
	case ACT_FILTER:
		prompt_open(&a->prompt, PR_FILTER, a->filter.text);
		return RX_REDRAW;
	case ACT_DEPTH:
		a->graph_depth = a->graph_depth == 1 ? 2 : 1;
		app_message(a, 0, "graph depth %d", a->graph_depth);
		return RX_REDRAW;
	case ACT_EXPORT:
		return prompt_run_command(a, "export");
	case ACT_COMMAND:
		prompt_open(&a->prompt, PR_COMMAND, "");
		return RX_REDRAW;
	case ACT_VERDICT:
		return app_set_verdict(a, -1);
	case ACT_NOTE:
		return start_note(a);
	case ACT_HELP:
		a->help_open = 1;
		a->help_top = 0;
		return RX_REDRAW;
	case ACT_REDRAW:
		return RX_FULL_REDRAW | RX_REDRAW;
	case ACT_CANCEL:
		a->msg[0] = '\0';
		if (a->screen == SCR_WHY)
			return history_move(a, -1);
		return RX_REDRAW;
	case ACT_QUIT:
		return RX_QUIT;
	default:
		return RX_NONE;
	}
}

/* --- the prompt line ---------------------------------------------------------------------- */

static unsigned prompt_accept(struct app *a)
{
	char line[sizeof(a->prompt.buf)];
	int mode = a->prompt.mode;
	memcpy(line, a->prompt.buf, a->prompt.len + 1);
	prompt_close(&a->prompt);
	switch (mode) {
	case PR_COMMAND:
		return prompt_run_command(a, line);
	case PR_SEARCH:
		if (line[0])
			history_push(a);
		return RX_REDRAW;
	case PR_FILTER: {
		unsigned rx = app_set_filter(a, line);
		if (!a->msg_error)
			app_message(a, 0, a->filter.text[0] ? "filter: %s" : "filter cleared%s",
				    a->filter.text);
		return rx;
	}
	case PR_NOTE:
		if (!line[0]) {
			app_message(a, 0, "empty note not saved");
			return RX_REDRAW;
		}
		workspace_add_note(&a->ws, &a->annot, a->note_key, line);
		app_message(a, 0, "note saved");
		return RX_SAVE | RX_DETAIL | RX_REDRAW;
	}
	return RX_REDRAW;
}

static unsigned prompt_key(struct app *a, int key)
{
	int act = keymap_lookup(KM_PROMPT, key);
	int changed = 0;
	if (act == ACT_PROMPT_ACCEPT)
		return prompt_accept(a);
	if (act == ACT_PROMPT_CANCEL) {
		int mode = a->prompt.mode;
		prompt_close(&a->prompt);
		if (mode == PR_SEARCH) {
			history_restore(a, &a->search_origin);
			return RX_REDRAW;
		}
		app_message(a, 0, mode == PR_NOTE ? "note not saved" : "");
		return RX_REDRAW;
	}
	if (act == ACT_PROMPT_BACKSPACE && a->prompt.len == 0) {
		/* backspace on an empty line closes it, as in vim */
		return prompt_key(a, TK_ESC);
	}
	if (act != ACT_NONE)
		changed = prompt_edit(&a->prompt, act);
	else if (key >= 0x20 && key != 0x7f && key < TK_BASE)
		changed = prompt_insert(&a->prompt, key);
	if (changed && a->prompt.mode == PR_SEARCH) {
		snprintf(a->search, sizeof(a->search), "%s", a->prompt.buf);
		history_restore(a, &a->search_origin);
		if (a->search[0] && !search_find(a, +1, 1))
			app_message(a, 1, "no match for '%s'", a->search);
		else
			a->msg[0] = '\0';
	}
	return RX_REDRAW;
}

static unsigned help_key(struct app *a, int key)
{
	int act = keymap_lookup(KM_MAIN, key);
	struct geom geo;
	app_geometry(a, &geo);
	int page = geo.body_h > 2 ? geo.body_h - 2 : 1;
	switch (act) {
	case ACT_DOWN:
		a->help_top++;
		break;
	case ACT_UP:
		if (a->help_top)
			a->help_top--;
		break;
	case ACT_PAGE_DOWN:
		a->help_top += (size_t)page;
		break;
	case ACT_PAGE_UP:
		a->help_top -= a->help_top < (size_t)page ? a->help_top : (size_t)page;
		break;
	case ACT_TOP:
		a->help_top = 0;
		break;
	default:
		a->help_open = 0;
		break;
	}
	return RX_REDRAW;
}

unsigned app_key(struct app *a, int key)
{
	if (key == TK_RESIZE)
		return RX_DETAIL | RX_FULL_REDRAW | RX_REDRAW; /* text wraps to the new width */
	if (a->prompt.mode != PR_NONE)
		return prompt_key(a, key);
	a->msg[0] = '\0';
	a->msg_error = 0;
	if (a->help_open)
		return help_key(a, key);
	int act = keymap_lookup(KM_MAIN, key);
	if (act == ACT_NONE) {
		char name[32];
		app_message(a, 1, "%s is not bound; ? shows the keys",
			    keys_name(key, name, sizeof(name)));
		return RX_REDRAW;
	}
	return app_action(a, act);
}

void app_save_pending(struct app *a)
{
	if (a->prompt.mode == PR_NOTE && a->prompt.len > 0) {
		workspace_add_note(&a->ws, &a->annot, a->note_key, a->prompt.buf);
		prompt_close(&a->prompt);
		char err[512];
		workspace_save(&a->ws, &a->annot, err, sizeof(err));
	}
}

/* Keeps the cursors of the visible list and detail on screen. */
static void scroll_into_view(struct app *a)
{
	struct geom geo;
	app_geometry(a, &geo);
	struct list *l = &a->lists_[a->tab];
	size_t rows = (size_t)geo.list_rows;
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + rows)
		l->top = l->cur - rows + 1;
	if (l->top + rows > l->n)
		l->top = l->n > rows ? l->n - rows : 0;
	struct detail *d = &a->detail;
	rows = (size_t)geo.detail_rows;
	int keys = a->screen == SCR_WHY || a->pane == PANE_DETAIL;
	if (keys && d->cur < d->top)
		d->top = d->cur;
	if (keys && d->cur >= d->top + rows)
		d->top = d->cur - rows + 1;
	if (d->top + rows > d->n)
		d->top = d->n > rows ? d->n - rows : 0;
}

unsigned app_react(struct app *a, unsigned rx)
{
	if (rx & RX_RECOMPUTE) {
		graphtab_invalidate(&a->graph);
		app_recompute(a);
		rx |= RX_REBUILD | RX_DETAIL;
	}
	if (rx & RX_REBUILD)
		lists_rebuild(a);
	if (rx & RX_SAVE) {
		char err[1200];
		int st = workspace_save(&a->ws, &a->annot, err, sizeof(err));
		if (st < 0)
			app_message(a, 1, "%s", err);
		else if (st > 0) {
			char said[sizeof(a->msg)];
			snprintf(said, sizeof(said), "%s", a->msg);
			app_message(a, 0, "%s%sanother session's changes to the workspace merged",
				    said, said[0] ? "; " : "");
		}
		if (st > 0)
			rx |= RX_REBUILD;
	} else if (workspace_refresh(&a->ws, &a->annot)) {
		/* another session saved: its verdicts and notes are shown now */
		app_message(a, 0, "another session changed the workspace: its verdicts and notes "
				  "are shown");
		rx |= RX_REBUILD | RX_DETAIL;
	}
	if (rx & (RX_DETAIL | RX_REBUILD))
		app_build_detail(a);
	if (rx & (RX_RECOMPUTE | RX_REBUILD | RX_DETAIL | RX_SAVE))
		rx |= RX_REDRAW;
	if (a->tab == TAB_GRAPH && a->screen == SCR_TAB)
		graphtab_update(&a->graph, a);
	scroll_into_view(a);
	return rx & (RX_REDRAW | RX_QUIT | RX_FULL_REDRAW);
}

/* --- life cycle ---------------------------------------------------------------------------- */

int app_init(struct app *a, struct cli *c, char *err, size_t errlen)
{
	memset(a, 0, sizeof(*a));
	a->cli = c;
	a->g = c->g;
	a->df_cap = c->df_cap;
	a->slack_days = c->slack_days;
	a->threshold = c->threshold;
	a->asof = c->asof;
	a->pair_unit = NODE_NONE;
	a->graph_depth = c->depth == 2 ? 2 : 1;
	a->ascii = c->ascii;
	filter_clear(&a->filter);
	detail_init(&a->detail);
	graphtab_init(&a->graph);
	annot_init(&a->annot);
	for (int t = 0; t < TAB_COUNT; t++) {
		a->focus[t].item = NODE_NONE;
		a->lists_[t].sort = t == TAB_OVERLAPS ? SORT_SCORE : SORT_NAME;
	}
	char *ws = workspace_path(c);
	int wrc = workspace_open(&a->ws, ws, c->load.max_file_bytes, &a->annot, err, errlen);
	free(ws);
	if (wrc)
		return -1;
	app_recompute(a);
	lists_rebuild(a);
	search_prepare(a);
	app_build_detail(a);
	a->hist_len = 1;
	a->hist[0] = history_here(a);
	if (!a->ov)
		app_message(a, 0, "(overlaps not available)");
	if (a->ws.read_only)
		app_message(a, 1, "workspace %s is read-only: verdicts and notes are shown, not saved",
			    a->ws.path);
	else if (a->ws.stale_removed)
		app_message(a, 0, "removed %d temporary file%s a killed session left beside the "
			    "workspace", a->ws.stale_removed, a->ws.stale_removed == 1 ? "" : "s");
	return 0;
}

void app_free(struct app *a)
{
	if (a->ov)
		overlap_free(a->ov);
	if (a->lists)
		warnlist_free(a->lists);
	free(a->unit_best);
	for (int t = 0; t < TAB_COUNT; t++)
		free(a->lists_[t].rows);
	detail_free(&a->detail);
	search_free(a);
	graphtab_free(&a->graph);
	annot_free(&a->annot);
	workspace_close(&a->ws);
	free(a->unit_off);
	free(a->unit_nodes);
	free(a->name_off);
	free(a->names);
	memset(a, 0, sizeof(*a));
}
