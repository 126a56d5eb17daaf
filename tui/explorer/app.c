#include "tui/explorer/app.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/overlap.h"
#include "graph/strbuf.h"
#include "graph/text.h"
#include "graph/xalloc.h"
#include "loaders/judgement_read.h"
#include "tui/explorer/complete.h"
#include "tui/explorer/export_view.h"
#include "tui/explorer/keymap.h"
#include "tui/explorer/keys.h"
#include "tui/explorer/open_url.h"
#include "tui/session/decisions.h"
#include "tui/session/session.h"
#include "tui/session/workspace.h"
#include "tui/session/ws_records.h"

const struct list *app_list(const struct app *a, int tab)
{
	return &a->lists_[tab];
}

static void message(struct app *a, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void message(struct app *a, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof(a->msg), fmt, ap);
	va_end(ap);
	a->msg_error = error;
}

static unsigned open_reference(struct app *a, const char *url);

/* --- the model ---------------------------------------------------------------------------- */

/* The overlaps again, with the options as they are now. The warninglists
 * are loaded once, the same ones as the batch commands use
 * (tui/session/session.h); problems are printed before the screen opens. */
static void recompute(struct app *a)
{
	if (!a->m.lists)
		session_warninglists(a->session, &a->m.lists);
	/* the analyst's alias decisions, on the graph as it was loaded: applied
	 * again when they changed (here, or in another session) */
	uint64_t sig = decisions_signature(&a->m.annot);
	if (!a->m.decided_set || sig != a->m.decided) {
		model_drop_overlaps(&a->m);
		if (decisions_apply_aliases(a->m.g, &a->m.annot, NULL))
			alias_index_build(&a->m.units, a->m.g);
		a->m.decided = sig;
		a->m.decided_set = 1;
	}
	decisions_free(&a->m.decisions);
	decisions_attribs(&a->m.annot, &a->m.decisions);
	struct overlap_opts o;
	session_overlap_opts(a->session, &o);
	o.df_cap = a->df_cap;
	o.slack_days = a->slack_days;
	o.asof = a->asof;
	o.threshold = a->m.threshold;
	o.decisions = a->m.decisions.v;
	o.ndecisions = a->m.decisions.n;
	model_recompute(&a->m, &o);
}

static void rebuild_tab(struct app *a, int tab)
{
	struct list_rules r = {&a->filter, a->asof, a->session->include_revoked, a->pair_unit};
	lists_rebuild_tab(&a->m, &r, tab, &a->lists_[tab], &a->focus[tab]);
}

/* Every list, and the counts of the status line. */
static void rebuild_lists(struct app *a)
{
	a->generation++;
	for (int t = 0; t < TAB_COUNT; t++)
		rebuild_tab(a, t);
	lists_count(&a->m, filter_relation(&a->filter), &a->counts);
}

/* The Graph tab's rows are the nodes of the tree around its focus; the
 * tree scrolls to keep the selected one on screen. */
static void update_graph_tab(struct app *a)
{
	struct focus *f = &a->focus[TAB_GRAPH];
	struct list *l = &a->lists_[TAB_GRAPH];
	if (graphtab_update(&a->graph, &a->m, f->item, a->graph_depth, a->ascii)) {
		XGROW(l->rows, l->cap, graphtab_count(&a->graph) + 1);
		l->n = graphtab_rows(&a->graph, l->rows);
		if (l->n)
			l->cur = 0;
	}
	for (size_t i = 0; i < l->n && f->off_list; i++)
		if (l->rows[i] == f->item) {
			l->cur = i;
			f->off_list = 0;
		}
	const struct gt_entry *e = graphtab_row_entry(&a->graph, l->cur);
	struct geom geo;
	app_geometry(a, &geo);
	size_t h = geo.body_h > 2 ? (size_t)geo.body_h - 1 : 1;
	if (e && e->line < a->graph.top)
		a->graph.top = e->line;
	if (e && e->line >= a->graph.top + h)
		a->graph.top = e->line - h + 1;
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
	if ((a->pane != PANE_DETAIL && a->screen == SCR_TAB) || a->detail.cur >= a->detail.n)
		return NULL;
	return &a->detail.rows[a->detail.cur];
}

uint32_t app_focus_pair(const struct app *a)
{
	if (!a->m.ov)
		return UINT32_MAX;
	if (a->screen == SCR_WHY)
		return a->detail.item;
	if (a->screen == SCR_DOC)
		return UINT32_MAX;
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

/* The cursor on the first row to pivot from (a neighbour; on why, the
 * evidence), else on the first row that leads anywhere. */
static void first_pivot(struct detail *d)
{
	int want = d->kind == DK_WHY ? DL_EVIDENCE : DL_NODE;
	for (size_t i = 0; i < d->n; i++)
		if (d->rows[i].link_type == want) {
			d->cur = i;
			return;
		}
	d->cur = 0;
	if (d->n && d->rows[0].link_type == DL_NONE)
		detail_step(d, +1);
}

/* The detail document for what is focused now. */
static void build_detail(struct app *a)
{
	struct detail *d = &a->detail;
	uint8_t old_kind = d->kind;
	uint32_t old_item = d->item;
	size_t cur = d->cur, top = d->top;
	struct geom geo;
	app_geometry(a, &geo);
	d->ascii = a->ascii;
	/* the columns a row's text gets once drawn (view_detail.c: a cursor
	 * column and a blank before it): wrapped text must fit them whole */
	d->width = geo.detail_w - 2;
	if (a->screen == SCR_WHY) {
		detail_build_why(d, &a->m, a->detail.item); /* keeps expanded rows */
	} else if (a->screen == SCR_DOC) {
		if (a->doc == DK_PROBLEMS)
			detail_build_problems(d, &a->m);
		else
			detail_build_text(d, a->doc_title, a->doc_text ? a->doc_text : "");
	} else if (a->tab == TAB_REPORTS) {
		const struct list *l = &a->lists_[TAB_REPORTS];
		if (!l->n)
			detail_reset(d);
		else
			detail_build_file(d, &a->m, l->rows[l->cur]);
	} else if (a->tab == TAB_ALIASES || a->tab == TAB_REVIEW) {
		const struct list *l = &a->lists_[a->tab];
		if (!l->n)
			detail_reset(d);
		else if (a->tab == TAB_ALIASES)
			detail_build_alias(d, &a->m, l->rows[l->cur]);
		else
			detail_build_review(d, &a->m, l->rows[l->cur]);
	} else if (a->tab == TAB_OVERLAPS) {
		uint32_t p = app_focus_pair(a);
		if (p == UINT32_MAX)
			detail_reset(d);
		else
			detail_build_pair(d, &a->m, p);
	} else if (a->tab == TAB_CLUSTERS) {
		const struct list *l = &a->lists_[TAB_CLUSTERS];
		if (!l->n)
			detail_reset(d);
		else
			detail_build_cluster(d, &a->m, l->rows[l->cur]);
	} else {
		uint32_t n = a->focus[a->tab].item;
		if (n == NODE_NONE || n >= a->m.g->node_count)
			detail_reset(d);
		else
			detail_build_node(d, &a->m, n);
	}
	if (d->kind == old_kind && d->item == old_item) {
		d->cur = cur < d->n ? cur : (d->n ? d->n - 1 : 0);
		d->top = top <= d->cur ? top : d->cur;
	} else {
		d->cur = d->top = 0;
		first_pivot(d);
	}
}

/* --- the pivot history -------------------------------------------------------------------- */

static struct location here(const struct app *a)
{
	struct location l = {a->tab, a->screen, a->pane, a->focus[a->tab], (uint32_t)a->detail.cur};
	if (a->screen == SCR_WHY)
		l.focus.item = a->detail.item;
	if (a->screen == SCR_DOC)
		l.focus.item = a->doc;
	if (a->tab == TAB_OVERLAPS)
		l.focus.item2 = a->pair_unit;
	return l;
}

/* Shows a remembered place again. */
static void restore(struct app *a, const struct location *l)
{
	a->tab = l->tab;
	a->screen = l->screen;
	a->pane = l->pane;
	if (l->tab == TAB_OVERLAPS && a->pair_unit != l->focus.item2) {
		a->pair_unit = l->focus.item2;
		rebuild_tab(a, TAB_OVERLAPS);
	}
	if (l->screen == SCR_WHY) {
		a->detail.item = l->focus.item;
		a->detail.kind = DK_EMPTY; /* rebuild */
	} else if (l->screen == SCR_DOC) {
		a->doc = (uint8_t)l->focus.item;
		a->detail.kind = DK_EMPTY;
	} else if (l->tab != TAB_OVERLAPS) {
		a->focus[l->tab] = l->focus;
		struct list *li = &a->lists_[l->tab];
		if (l->tab == TAB_CLUSTERS) {
			if (l->focus.item < li->n)
				li->cur = l->focus.item;
		} else if (!l->focus.off_list) {
			for (size_t i = 0; i < li->n; i++)
				if (li->rows[i] == l->focus.item) {
					li->cur = i;
					break;
				}
		}
	} else {
		struct list *li = &a->lists_[TAB_OVERLAPS];
		for (size_t i = 0; i < li->n; i++)
			if (li->rows[i] == l->focus.item) {
				li->cur = i;
				break;
			}
	}
	build_detail(a);
	if (l->detail_cur < a->detail.n)
		a->detail.cur = l->detail_cur;
}

/* Navigating is leave(), the move, push(). */
static void leave(struct app *a)
{
	struct location h = here(a);
	history_leave(&a->hist, &h);
}

static void push(struct app *a)
{
	struct location h = here(a);
	history_push(&a->hist, &h);
}

static unsigned go_history(struct app *a, int dir)
{
	struct location h = here(a);
	const struct location *to = history_move(&a->hist, dir, &h);
	if (!to) {
		message(a, 0,
			dir < 0 ? "at the start of the history" : "at the end of the history");
		return RX_REDRAW;
	}
	restore(a, to);
	return RX_REDRAW;
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

/* Shows node in its tab (the Graph tab stays the Graph tab). */
static void goto_node(struct app *a, uint32_t node, int remember)
{
	if (remember)
		leave(a);
	int tab = a->tab == TAB_GRAPH ? TAB_GRAPH : lists_tab_of_kind(a->m.g->nodes[node].kind);
	if (a->m.g->nodes[node].kind == NODE_ACTOR)
		node = alias_unit(a->m.g, node);
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
	build_detail(a);
	if (remember)
		push(a);
}

/* Shows an input file in the Reports tab (on its row when the filter keeps
 * it). */
static void goto_file(struct app *a, uint32_t file)
{
	leave(a);
	a->tab = TAB_REPORTS;
	a->screen = SCR_TAB;
	a->pane = PANE_LIST;
	struct list *l = &a->lists_[TAB_REPORTS];
	for (size_t i = 0; i < l->n; i++)
		if (l->rows[i] == file) {
			l->cur = i;
			a->focus[TAB_REPORTS].item = file;
			a->focus[TAB_REPORTS].off_list = 0;
			break;
		}
	build_detail(a);
	push(a);
}

/* Selects row i of the current tab's list. */
static void select_row(struct app *a, size_t i)
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
	select_row(a, (size_t)i);
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
	if (a->screen != SCR_TAB || a->pane == PANE_DETAIL)
		return move_detail(a, delta, absolute);
	return move_list(a, delta, absolute);
}

static unsigned open_why(struct app *a, uint32_t pair)
{
	if (!a->m.ov) {
		message(a, 1, "overlaps not available");
		return RX_REDRAW;
	}
	if (pair == UINT32_MAX) {
		message(a, 1, "no pair selected: pick one in Overlaps (4) or with o");
		return RX_REDRAW;
	}
	leave(a);
	a->screen = SCR_WHY;
	a->detail.kind = DK_EMPTY;
	a->detail.item = pair;
	build_detail(a);
	push(a);
	return RX_REDRAW;
}

static unsigned switch_tab(struct app *a, int tab)
{
	leave(a);
	a->hscroll_list = a->hscroll_detail = 0; /* another tab starts at its left */
	if (tab == TAB_OVERLAPS && a->pair_unit != NODE_NONE) {
		a->pair_unit = NODE_NONE;
		rebuild_tab(a, TAB_OVERLAPS);
	}
	set_tab(a, tab);
	if (a->pane == PANE_DETAIL && tab == TAB_GRAPH)
		a->pane = PANE_LIST;
	build_detail(a);
	push(a);
	return RX_REDRAW;
}

/* The pair's two unit nodes, for annotation keys; 0 when it has none. */
static int pair_nodes(const struct app *a, uint32_t pair, uint32_t *na, uint32_t *nb)
{
	const struct overlap_pair *p = model_pair(&a->m, pair);
	if (!p || p->relation != PAIR_OVERLAP)
		return 0; /* the sources or campaigns of one actor are not judged */
	*na = overlap_unit(a->m.ov, p->a)->node;
	*nb = overlap_unit(a->m.ov, p->b)->node;
	return *na != NODE_NONE && *nb != NODE_NONE;
}

/* Sets the verdict of the pair in focus (-1: cycle, as the c key does). */
static unsigned set_verdict(struct app *a, int verdict)
{
	uint32_t pair = app_focus_pair(a), na, nb;
	if (pair == UINT32_MAX || !pair_nodes(a, pair, &na, &nb)) {
		message(a, 1,
			"no pair selected: verdicts are on overlap pairs (Overlaps tab, why)");
		return RX_REDRAW;
	}
	char *k = annot_pair_key(a->m.g, na, nb);
	enum verdict v = verdict >= 0 ? (enum verdict)verdict
				      : (enum verdict)((annot_verdict_of(&a->m.annot, k) + 1) % 3);
	workspace_set_verdict(&a->ws, &a->m.annot, k, v);
	free(k);
	message(a, 0, "%s - %s: %s", model_label(&a->m, na), model_label(&a->m, nb),
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
		snprintf(what, n, "%s - %s", model_label(&a->m, na), model_label(&a->m, nb));
		return annot_pair_key(a->m.g, na, nb);
	}
	uint32_t node = selected_node(a);
	if (node == NODE_NONE)
		return NULL;
	snprintf(what, n, "%s", model_label(&a->m, node));
	return annot_node_key(a->m.g, node);
}

/* A filter line ("kind=domain conf>=50"), from f or :filter. */
static unsigned set_filter(struct app *a, const char *line)
{
	char err[256];
	if (filter_parse(&a->filter, line, err, sizeof(err))) {
		message(a, 1, "filter: %s", err);
		return RX_REDRAW;
	}
	unsigned rx = RX_REBUILD | RX_DETAIL | RX_REDRAW;
	if (!a->msg_error)
		message(a, 0, a->filter.text[0] ? "filter: %s" : "filter cleared%s",
			a->filter.text);
	return rx;
}

/* --- search ----------------------------------------------------------------------------- */

/* Goes to the next match of the search (from the cursor, or the cursor's
 * row included when inclusive); 0 when nothing matches. */
static int search_go(struct app *a, int dir, int inclusive)
{
	int on_tab = a->screen == SCR_TAB;
	struct search_scope sc = {&a->m,
				  a->lists_,
				  on_tab ? a->tab : -1,
				  on_tab && a->focus[a->tab].off_list,
				  filter_narrows(&a->filter) || a->asof != DATE_UNKNOWN,
				  a->generation};
	struct search_hit h;
	if (!search_find(&a->search, &sc, dir, inclusive, &h))
		return 0;
	if (h.tab < 0) {
		goto_node(a, h.node, 0);
		return 1;
	}
	a->tab = (uint8_t)h.tab;
	a->screen = SCR_TAB;
	a->pane = PANE_LIST;
	select_row(a, h.row);
	app_react(a, RX_DETAIL);
	return 1;
}

/* --- export ----------------------------------------------------------------------------- */
/* What `e` and :export draw: the view on screen. Fills v (pointing into the
 * buffers) or returns -1 with a message set. */
static int export_subject(struct app *a, struct export_view *v, char *node_buf, size_t nb,
			  char *name, size_t nn)
{
	memset(v, 0, sizeof(*v));
	struct sg_spec *s = &v->spec;
	s->max_nodes = (size_t)a->opts.max_nodes;
	s->threshold = a->m.threshold;
	s->depth = a->tab == TAB_GRAPH ? a->graph_depth : 1;
	v->name = name;
	v->tlp_max = a->opts.tlp_max;
	v->annot = &a->m.annot;
	uint32_t pair = app_focus_pair(a);
	const struct overlap_pair *p = model_pair(&a->m, pair);
	if ((a->screen == SCR_WHY || a->tab == TAB_OVERLAPS) && p) {
		s->view = SG_VIEW_PAIR;
		s->unit_a = overlap_unit_name(a->m.ov, p->a);
		s->unit_b = overlap_unit_name(a->m.ov, p->b);
		snprintf(name, nn, "pair-%s-%s", s->unit_a, s->unit_b);
		return 0;
	}
	if (a->tab == TAB_CLUSTERS && a->m.ov) {
		const struct list *l = &a->lists_[TAB_CLUSTERS];
		if (!l->n) {
			message(a, 1, "no cluster to export");
			return -1;
		}
		s->view = SG_VIEW_CLUSTER;
		s->cluster = (int)l->rows[l->cur] + 1;
		snprintf(name, nn, "cluster-%d", s->cluster);
		return 0;
	}
	uint32_t n = app_focus_node(a);
	if (n == NODE_NONE) {
		message(a, 1, "nothing selected to export");
		return -1;
	}
	/* "kind:value" names the node exactly, whatever its label */
	snprintf(node_buf, nb, "%s:%s", kind_name(a->m.g->nodes[n].kind),
		 graph_node_key(a->m.g, n));
	s->view = SG_VIEW_EGO;
	s->node = node_buf;
	snprintf(name, nn, "ego-%s", model_label(&a->m, n));
	return 0;
}

/* The words of arg with a leading ~ of each made the home directory. */
static void expand_words(const char *arg, char *out, size_t n)
{
	size_t o = 0;
	out[0] = '\0';
	char buf[1024];
	snprintf(buf, sizeof(buf), "%s", arg);
	for (char *save = NULL, *w = strtok_r(buf, " ", &save); w && o + 1 < n;
	     w = strtok_r(NULL, " ", &save)) {
		char x[1024];
		o += (size_t)snprintf(out + o, n - o, "%s%s", o ? " " : "",
				      complete_expand_home(w, x, sizeof(x)));
	}
}

static unsigned export_on_screen(struct app *a, const char *arg)
{
	struct export_view v;
	char node_buf[1024], name[256], words[2048];
	if (export_subject(a, &v, node_buf, sizeof(node_buf), name, sizeof(name)))
		return RX_REDRAW;
	expand_words(arg, words, sizeof(words));
	char msg[sizeof(a->msg)];
	int rc = export_view_run(a->m.g, a->m.ov, &v, words, msg, sizeof(msg));
	message(a, rc != 0, "%s", msg);
	return RX_REDRAW;
}

/* --- the analyst's decisions: aliases, attributions, notes ---------------------------------- */

/* The overlaps again after a decision; returns how many overlap pairs it
 * changed (new, gone, or scored otherwise). */
static size_t redo_overlaps(struct app *a)
{
	struct pair_snap *before, *after;
	size_t nb = model_pair_snapshot(&a->m, &before);
	graphtab_invalidate(&a->graph);
	recompute(a);
	size_t na = model_pair_snapshot(&a->m, &after);
	size_t changed = model_pairs_changed(before, nb, after, na);
	model_snapshot_free(before, nb);
	model_snapshot_free(after, na);
	return changed;
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* Two names from "A = B", "A != B" or "A, B" (blanks trimmed). */
static int two_names(const char *arg, char *na, char *nb, size_t n)
{
	const char *sep = strstr(arg, "!=");
	size_t skip = 2;
	if (!sep)
		sep = strchr(arg, '='), skip = 1;
	if (!sep)
		sep = strchr(arg, ','), skip = 1;
	if (!sep)
		return -1;
	const char *p = arg;
	while (*p == ' ')
		p++;
	size_t la = (size_t)(sep - p);
	while (la && p[la - 1] == ' ')
		la--;
	const char *q = sep + skip;
	while (*q == ' ')
		q++;
	size_t lb = strlen(q);
	while (lb && q[lb - 1] == ' ')
		lb--;
	if (!la || !lb || la >= n || lb >= n)
		return -1;
	snprintf(na, n, "%.*s", (int)la, p);
	snprintf(nb, n, "%.*s", (int)lb, q);
	return 0;
}

/* Records an alias decision and shows what it changed. */
static unsigned decide_alias(struct app *a, const char *na, const char *nb, int join, int undo)
{
	if (!workspace_decide_alias(&a->ws, &a->m.annot, na, nb, join, undo)) {
		message(a, 1, "'%s' and '%s' are not two names", na, nb);
		return RX_REDRAW;
	}
	size_t changed = redo_overlaps(a);
	uint32_t ua = alias_lookup(a->m.g, na), ub = alias_lookup(a->m.g, nb);
	if (ua == NODE_NONE || ub == NODE_NONE)
		message(a, 0, "%s %s %s kept: '%s' is no loaded actor yet; %zu pair%s changed", na,
			join ? "=" : "!=", nb, ua == NODE_NONE ? na : nb, changed, plural(changed));
	else if ((ua == ub) != join)
		message(a, 1, "%s %s %s kept, but not in effect; %zu pair%s changed", na,
			join ? "=" : "!=", nb, changed, plural(changed));
	else
		message(a, 0, "%s and %s are now %s; %zu pair%s changed", na, nb,
			join ? "one actor" : "two actors", changed, plural(changed));
	return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
}

static const struct list *tab_list(const struct app *a, int tab)
{
	return &a->lists_[tab];
}

/* The row of the Aliases or Review tab under the cursor, or UINT32_MAX. */
static uint32_t decision_row(const struct app *a, int tab)
{
	const struct list *l = tab_list(a, tab);
	if (a->screen != SCR_TAB || a->tab != tab || !l->n)
		return UINT32_MAX;
	return l->rows[l->cur];
}

/* The subject (attribution.h) a unit of the overlaps stands for, or NULL
 * for an actor. The caller frees it. */
static char *unit_subject(const struct model *m, uint32_t u)
{
	const struct graph *g = m->g;
	const struct unit *un = overlap_unit(m->ov, u);
	if (!un)
		return NULL;
	if ((un->kind == UNIT_REPORT || un->kind == UNIT_CAMPAIGN) && un->node < g->node_count)
		return xstrdup(un->kind == UNIT_REPORT ? graph_node_key(g, un->node)
						       : graph_node_label(g, un->node));
	if ((un->kind == UNIT_FILE || un->kind == UNIT_SOURCE) && un->file < g->file_count)
		return xstrdup(graph_file_path(g, un->file));
	return NULL;
}

/* The subjects the analyst points at: a report or campaign (a detail row,
 * the Actors tab), a file (Reports tab), the report, file or campaign side
 * of a pair, the members of a cluster. Fills out (up to max, each freed by
 * the caller) and what (for the message); returns the count. */
static size_t selected_subjects(const struct app *a, char **out, size_t max, char *what, size_t wn)
{
	const struct graph *g = a->m.g;
	size_t n = 0;
	uint32_t node = selected_node(a);
	what[0] = '\0';
	if (node != NODE_NONE && node < g->node_count &&
	    (g->nodes[node].kind == NODE_REPORT || g->nodes[node].kind == NODE_CAMPAIGN)) {
		out[n++] = xstrdup(g->nodes[node].kind == NODE_REPORT ? graph_node_key(g, node)
								      : graph_node_label(g, node));
		snprintf(what, wn, "%s", graph_node_label(g, node));
		return n;
	}
	const struct drow *r = detail_cursor_row(a);
	if (r && r->link_type == DL_FILE && r->link < g->file_count) {
		out[n++] = xstrdup(graph_file_path(g, r->link));
		snprintf(what, wn, "%s", lists_file_name(g, r->link));
		return n;
	}
	if (a->screen != SCR_TAB || !a->m.ov)
		goto why;
	const struct list *l = tab_list(a, a->tab);
	if (a->tab == TAB_REPORTS && l->n) {
		out[n++] = xstrdup(graph_file_path(g, l->rows[l->cur]));
		snprintf(what, wn, "%s", lists_file_name(g, l->rows[l->cur]));
		return n;
	}
	if (a->tab == TAB_OVERLAPS || a->screen == SCR_WHY) {
		const struct overlap_pair *p = model_pair(&a->m, app_focus_pair(a));
		if (!p)
			return 0;
		char *sa = unit_subject(&a->m, p->a), *sb = unit_subject(&a->m, p->b);
		if (sa && sb) {
			free(sa);
			free(sb);
			snprintf(what, wn, "both sides of the pair are reports: pick one in the detail "
					   "pane");
			return 0;
		}
		if (sa || sb) {
			out[n++] = sa ? sa : sb;
			snprintf(what, wn, "%s", overlap_unit_name(a->m.ov, sa ? p->a : p->b));
		}
		return n;
	}
	if (a->tab == TAB_CLUSTERS && l->n) {
		size_t nc;
		const struct cluster *c = overlap_clusters(a->m.ov, a->m.threshold, &nc);
		if (l->rows[l->cur] >= nc)
			return 0;
		c += l->rows[l->cur];
		for (size_t i = 0; i < c->nmembers && n < max; i++) {
			char *s = unit_subject(&a->m, c->members[i]);
			if (s)
				out[n++] = s;
		}
		snprintf(what, wn, "%zu report%s of cluster #%u", n, plural(n), l->rows[l->cur] + 1);
		return n;
	}
why:
	return 0;
}

/* :attribute / :unattribute on what is selected; actor "" for none. */
static unsigned attribute(struct app *a, const char *actor, const char *reason)
{
	char *subj[256], what[512];
	size_t n = selected_subjects(a, subj, 256, what, sizeof(what));
	if (!n) {
		message(a, 1, "%s", what[0] ? what
					    : "select a report, campaign, file (Reports), a pair with "
					      "a report, or a cluster first");
		return RX_REDRAW;
	}
	for (size_t i = 0; i < n; i++) {
		workspace_attribute(&a->ws, &a->m.annot, subj[i], actor, reason);
		free(subj[i]);
	}
	size_t changed = redo_overlaps(a);
	message(a, 0, "%s %s %s (the analyst's decision); %zu pair%s changed", what,
		*actor ? "attributed to" : "stands alone:", *actor ? actor : "attributed to none",
		changed, plural(changed));
	return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
}

/* Opens the note line on note i, to change its text. */
static unsigned edit_note(struct app *a, uint32_t i)
{
	if (i >= a->m.annot.nnotes) {
		message(a, 1, "no note selected");
		return RX_REDRAW;
	}
	const struct annot_note *n = &a->m.annot.notes[i];
	snprintf(a->note_edit, sizeof(a->note_edit), "%s", n->id);
	snprintf(a->note_key, sizeof(a->note_key), "%s", n->key);
	prompt_open(&a->prompt, PR_NOTE, n->text);
	message(a, 0, "editing the note on %s (Enter saves, Esc cancels)", n->key);
	return RX_REDRAW;
}

/* The overlap pair whose verdict key is key, or UINT32_MAX. */
static uint32_t pair_of_key(const struct app *a, const char *key)
{
	if (!a->m.ov)
		return UINT32_MAX;
	uint32_t *idx, found = UINT32_MAX;
	size_t n = overlap_pairs_by(a->m.ov, PAIR_OVERLAP, OVERLAP_BY_INFRA, &idx);
	for (size_t i = 0; i < n && found == UINT32_MAX; i++) {
		uint32_t na, nb;
		if (!pair_nodes(a, idx[i], &na, &nb))
			continue;
		char *k = annot_pair_key(a->m.g, na, nb);
		if (strcmp(k, key) == 0)
			found = idx[i];
		free(k);
	}
	free(idx);
	return found;
}

/* The node a workspace key ("actor:apt15") names, or NODE_NONE. */
static uint32_t node_of_key(const struct app *a, const char *key)
{
	const char *colon = strchr(key, ':');
	if (!colon || colon - key >= 32)
		return NODE_NONE;
	char kind[32];
	snprintf(kind, sizeof(kind), "%.*s", (int)(colon - key), key);
	int k = kind_from_name(kind);
	return k < 0 ? NODE_NONE : graph_find(a->m.g, k, colon + 1);
}

/* Enter on a Review row: to the pair, node, file or decision it is about. */
static unsigned review_jump(struct app *a, uint32_t row)
{
	const struct annot *an = &a->m.annot;
	const struct graph *g = a->m.g;
	size_t i = ROW_INDEX(row);
	const char *key = NULL;
	switch (ROW_KIND(row)) {
	case RV_VERDICT:
		key = i < an->nverdicts ? an->verdicts[i].key : NULL;
		break;
	case RV_NOTE:
		key = i < an->nnotes ? an->notes[i].key : NULL;
		break;
	case RV_ALIAS: {
		leave(a);
		set_tab(a, TAB_ALIASES);
		const struct list *l = tab_list(a, TAB_ALIASES);
		for (size_t k = 0; k < l->n; k++)
			if (l->rows[k] == ROW_MAKE(AR_DECISION, i))
				select_row(a, k);
		a->pane = PANE_LIST;
		build_detail(a);
		push(a);
		return RX_REDRAW;
	}
	case RV_ATTRIB: {
		if (i >= an->nattribs)
			return RX_NONE;
		const char *s = an->attribs[i].subject;
		for (size_t n = 0; n < g->node_count; n++) {
			const struct node *nd = &g->nodes[n];
			if (nd->kind == NODE_REPORT && strcmp(graph_node_key(g, (uint32_t)n), s) == 0) {
				goto_file(a, nd->file);
				return RX_REDRAW;
			}
			if (nd->kind == NODE_CAMPAIGN &&
			    strcasecmp(graph_node_label(g, (uint32_t)n), s) == 0) {
				goto_node(a, (uint32_t)n, 1);
				return RX_REDRAW;
			}
		}
		for (size_t f = 0; f < g->file_count; f++)
			if (strcmp(graph_file_path(g, (uint32_t)f), s) == 0) {
				goto_file(a, (uint32_t)f);
				return RX_REDRAW;
			}
		message(a, 1, "'%s' is not loaded", s);
		return RX_REDRAW;
	}
	}
	if (!key)
		return RX_NONE;
	if (strncmp(key, "pair:", 5) == 0) {
		uint32_t p = pair_of_key(a, key);
		if (p == UINT32_MAX) {
			message(a, 1, "that pair shares nothing now (another relation, or not loaded)");
			return RX_REDRAW;
		}
		return open_why(a, p);
	}
	uint32_t n = node_of_key(a, key);
	if (n == NODE_NONE) {
		message(a, 1, "'%s' is not loaded", key);
		return RX_REDRAW;
	}
	goto_node(a, n, 1);
	return RX_REDRAW;
}

void app_geometry(const struct app *a, struct geom *g)
{
	int cols = a->cols > 0 ? a->cols : 80, rows = a->rows > 0 ? a->rows : 24;
	g->tabs_y = 0;
	g->body_y = 1;
	g->body_h = rows - 3 > 1 ? rows - 3 : 1;
	g->status_y = rows - 2;
	g->bottom_y = rows - 1;
	int full = a->screen != SCR_TAB || a->tab == TAB_GRAPH;
	if (full) {
		g->list_x = g->list_w = 0;
		g->detail_x = 0;
		g->detail_w = cols;
	} else {
		/* the list grows with the terminal: names long enough to tell
		 * two apart need the room on a wide one */
		int lw = a->tab == TAB_OVERLAPS ? cols / 2 : cols * 9 / 20;
		if (lw < 24)
			lw = 24;
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

/* --- what the keys do: the ACTIONS table's handlers (actions.h) --------------------------- */

static unsigned act_move(struct app *a, int act)
{
	int detail = a->screen != SCR_TAB || a->pane == PANE_DETAIL;
	struct geom geo;
	app_geometry(a, &geo);
	int page = detail ? geo.detail_rows : geo.list_rows;
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
		return move(a, detail ? -1 : LONG_MAX / 2, 1);
	case ACT_PAGE_DOWN:
		return move(a, page, 0);
	default: /* ACT_PAGE_UP */
		return move(a, -page, 0);
	}
}

/* Enter: pivot to the row's node, open its pair or cluster, expand its
 * evidence; on a list row, give the detail pane the keys. */
static unsigned act_open(struct app *a, int act)
{
	(void)act;
	const struct drow *r = detail_cursor_row(a);
	if (r) {
		switch (r->link_type) {
		case DL_NODE:
			goto_node(a, r->link, 1);
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
			leave(a);
			set_tab(a, TAB_CLUSTERS);
			select_row(a, r->link);
			a->pane = PANE_LIST;
			build_detail(a);
			push(a);
			return RX_REDRAW;
		case DL_FILE:
			goto_file(a, r->link);
			return RX_REDRAW;
		case DL_REF:
			return open_reference(a, detail_copy_text(&a->detail, a->detail.cur));
		case DL_NOTE:
			return edit_note(a, r->link);
		default:
			return RX_NONE;
		}
	}
	if (a->screen != SCR_TAB)
		return RX_NONE;
	if (a->tab == TAB_OVERLAPS)
		return open_why(a, app_focus_pair(a));
	if (a->tab == TAB_REVIEW && a->lists_[TAB_REVIEW].n)
		return review_jump(a, a->lists_[TAB_REVIEW].rows[a->lists_[TAB_REVIEW].cur]);
	if (a->tab == TAB_GRAPH) {
		uint32_t n = app_focus_node(a);
		struct list *l = &a->lists_[TAB_GRAPH];
		if (l->n && l->rows[l->cur] != n) {
			leave(a);
			a->focus[TAB_GRAPH] = (struct focus){l->rows[l->cur], 0, 1};
			push(a);
		}
		return RX_REDRAW;
	}
	/* a list row: its detail takes the keys */
	if (a->detail.n) {
		a->pane = PANE_DETAIL;
		if (a->detail.cur >= a->detail.n ||
		    a->detail.rows[a->detail.cur].link_type == DL_NONE)
			first_pivot(&a->detail);
	}
	return RX_REDRAW;
}

static unsigned act_history(struct app *a, int act)
{
	return go_history(a, act == ACT_BACK ? -1 : +1);
}

static unsigned act_search(struct app *a, int act)
{
	(void)act;
	leave(a);
	a->search_origin = here(a);
	prompt_open(&a->prompt, PR_SEARCH, "");
	return RX_REDRAW;
}

static unsigned act_search_next(struct app *a, int act)
{
	if (!a->search.needle[0]) {
		message(a, 1, "no search yet: / to search");
		return RX_REDRAW;
	}
	leave(a);
	if (!search_go(a, act == ACT_SEARCH_NEXT ? 1 : -1, 0))
		message(a, 1, "no match for '%s'", a->search.needle);
	else
		push(a);
	return RX_REDRAW;
}

static unsigned act_pane(struct app *a, int act)
{
	(void)act;
	if (a->screen != SCR_TAB || a->tab == TAB_GRAPH)
		return RX_NONE;
	a->pane = a->pane == PANE_LIST ? PANE_DETAIL : PANE_LIST;
	if (a->pane == PANE_DETAIL && a->detail.n &&
	    (a->detail.cur >= a->detail.n || a->detail.rows[a->detail.cur].link_type == DL_NONE))
		first_pivot(&a->detail);
	return RX_REDRAW;
}

static unsigned act_tab(struct app *a, int act)
{
	return switch_tab(a, act - ACT_TAB_ACTORS);
}

static unsigned act_next_tab(struct app *a, int act)
{
	int step = act == ACT_NEXT_TAB ? 1 : TAB_COUNT - 1;
	return switch_tab(a, (a->tab + step) % TAB_COUNT);
}

/* o: the Overlaps tab narrowed to the selected unit's pairs. */
static unsigned act_overlaps(struct app *a, int act)
{
	(void)act;
	const struct drow *r = detail_cursor_row(a);
	if (r && r->link_type == DL_REF)
		return open_reference(a, detail_copy_text(&a->detail, a->detail.cur));
	uint32_t n = selected_node(a);
	if (!a->m.ov) {
		message(a, 1, "overlaps not available in this build");
		return RX_REDRAW;
	}
	if (n == NODE_NONE || overlap_unit_of_node(a->m.ov, n) == UINT32_MAX) {
		message(a, 1, "select an actor (or campaign, report) first");
		return RX_REDRAW;
	}
	leave(a);
	a->pair_unit = n;
	rebuild_tab(a, TAB_OVERLAPS);
	set_tab(a, TAB_OVERLAPS);
	a->pane = PANE_LIST;
	select_row(a, 0);
	build_detail(a);
	push(a);
	if (!a->lists_[TAB_OVERLAPS].n)
		message(a, 0, "%s shares no infrastructure with any other unit",
			model_label(&a->m, n));
	return RX_REDRAW;
}

static unsigned act_why(struct app *a, int act)
{
	(void)act;
	return open_why(a, app_focus_pair(a));
}

static unsigned act_sort(struct app *a, int act)
{
	(void)act;
	if (a->tab == TAB_GRAPH || a->tab == TAB_CLUSTERS || a->tab >= TAB_ALIASES) {
		message(a, 0, "this list has one order");
		return RX_REDRAW;
	}
	struct list *l = &a->lists_[a->tab];
	l->sort = (uint8_t)((l->sort + 1) % SORT_COUNT);
	rebuild_tab(a, a->tab);
	a->generation++;
	if (a->tab == TAB_OVERLAPS)
		message(a, 0, "pairs ranked by %s: %zu", lists_sort_name(a->tab, l->sort),
			a->counts.pairs_by[l->sort]);
	else
		message(a, 0, "sorted by %s", lists_sort_name(a->tab, l->sort));
	return RX_DETAIL | RX_REDRAW;
}

/* r: the Overlaps tab's pairs of the next relation (a filter term, so the
 * status line and f show it). */
static unsigned act_relation(struct app *a, int act)
{
	(void)act;
	int rel = (filter_relation(&a->filter) + 1) % PAIR_RELATION_COUNT;
	char err[256];
	if (filter_set_term(&a->filter, "relation",
			    rel == PAIR_OVERLAP ? NULL : overlap_relation_name(rel), err,
			    sizeof(err))) {
		message(a, 1, "filter: %s", err);
		return RX_REDRAW;
	}
	static const char *const what[] = {
	    "two different actors or unattributed clusters",
	    "two sources of one actor agreeing",
	    "two campaigns of one actor",
	};
	if (a->tab != TAB_OVERLAPS) {
		leave(a);
		set_tab(a, TAB_OVERLAPS);
		push(a);
	}
	message(a, 0, "%s: %s (r: next)", overlap_relation_name(rel), what[rel]);
	return RX_REBUILD | RX_DETAIL | RX_REDRAW;
}

/* !: the problems of the load, over the tabs. */
static unsigned act_problems(struct app *a, int act)
{
	(void)act;
	leave(a);
	a->screen = SCR_DOC;
	a->doc = DK_PROBLEMS;
	a->detail.kind = DK_EMPTY;
	build_detail(a);
	a->detail.cur = 0;
	detail_step(&a->detail, +1);
	push(a);
	return RX_REDRAW;
}

/* A text shown whole over the tabs (a URL with no browser to open it). */
static unsigned show_text(struct app *a, const char *title, const char *text)
{
	leave(a);
	free(a->doc_text);
	a->doc_text = xstrdup(text);
	snprintf(a->doc_title, sizeof(a->doc_title), "%s", title);
	a->screen = SCR_DOC;
	a->doc = DK_TEXT;
	a->detail.kind = DK_EMPTY;
	build_detail(a);
	a->detail.cur = a->detail.n ? a->detail.n - 1 : 0;
	push(a);
	return RX_REDRAW;
}

/* o or Enter on a reference: its URL in a browser when there is a display,
 * else shown whole (to copy, or to read over SSH). */
static unsigned open_reference(struct app *a, const char *url)
{
	char err[256];
	if (!a->opts.script && open_url_possible() && open_url_acceptable(url)) {
		if (open_url(url, err, sizeof(err)) == 0)
			message(a, 0, "opened with xdg-open: %s", url);
		else
			message(a, 1, "%s", err);
		return RX_REDRAW;
	}
	return show_text(a, "reference (no display to open it on: y copies it)", url);
}

/* < and >: the pane with the keys shows text further left or right. */
static unsigned act_scroll(struct app *a, int act)
{
	struct geom geo;
	app_geometry(a, &geo);
	int detail = a->screen != SCR_TAB || a->pane == PANE_DETAIL || a->tab == TAB_GRAPH;
	int *h = detail ? &a->hscroll_detail : &a->hscroll_list;
	int step = (detail ? geo.detail_w : geo.list_w) / 4;
	if (step < 8)
		step = 8;
	if (act == ACT_SCROLL_LEFT)
		*h = *h > step ? *h - step : 0;
	else if (*h < 4000)
		*h += step;
	if (*h)
		message(a, 0, "scrolled %d columns right (< back, > on)", *h);
	return RX_REDRAW;
}

/* What y copies: the row under the detail cursor, else the list's row. */
static char *copy_text(const struct app *a)
{
	const struct drow *r = detail_cursor_row(a);
	if (r)
		return xstrdup(detail_copy_text(&a->detail, a->detail.cur));
	const struct list *l = &a->lists_[a->tab];
	if (a->screen != SCR_TAB || !l->n)
		return NULL;
	uint32_t row = l->rows[l->cur];
	const struct graph *g = a->m.g;
	switch (a->tab) {
	case TAB_OVERLAPS: {
		const struct overlap_pair *p = model_pair(&a->m, row);
		return p ? xasprintf("%s - %s", overlap_unit_name(a->m.ov, p->a),
				     overlap_unit_name(a->m.ov, p->b))
			 : NULL;
	}
	case TAB_CLUSTERS: {
		size_t nc;
		const struct cluster *c = overlap_clusters(a->m.ov, a->m.threshold, &nc);
		if (row >= nc)
			return NULL;
		struct strbuf sb = STRBUF_INIT;
		for (size_t i = 0; i < c[row].nmembers; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "",
				    overlap_unit_name(a->m.ov, c[row].members[i]));
		return strbuf_detach(&sb);
	}
	case TAB_REPORTS:
		return xstrdup(graph_file_path(g, row));
	default:
		/* a value as it is keyed (the canonical text), a name as shown */
		return xstrdup(kind_is_infra(g->nodes[row].kind) ? graph_node_key(g, row)
								 : model_label(&a->m, row));
	}
}

static unsigned act_copy(struct app *a, int act)
{
	(void)act;
	char *t = copy_text(a);
	if (!t || !*t) {
		free(t);
		message(a, 1, "nothing selected to copy");
		return RX_REDRAW;
	}
	free(a->clipboard);
	a->clipboard = t;
	message(a, 0, "copied: %s", t); /* the status line escapes and clips it */
	return RX_COPY | RX_REDRAW;
}

static unsigned act_filter(struct app *a, int act)
{
	(void)act;
	prompt_open(&a->prompt, PR_FILTER, a->filter.text);
	return RX_REDRAW;
}

static unsigned act_depth(struct app *a, int act)
{
	(void)act;
	a->graph_depth = a->graph_depth == 1 ? 2 : 1;
	message(a, 0, "graph depth %d", a->graph_depth);
	return RX_REDRAW;
}

static unsigned act_export(struct app *a, int act)
{
	(void)act;
	return export_on_screen(a, "");
}

static unsigned act_command(struct app *a, int act)
{
	(void)act;
	prompt_open(&a->prompt, PR_COMMAND, "");
	return RX_REDRAW;
}

static unsigned act_verdict(struct app *a, int act)
{
	(void)act;
	return set_verdict(a, -1);
}

static unsigned act_note(struct app *a, int act)
{
	(void)act;
	char what[256];
	char *k = note_target(a, what, sizeof(what));
	if (!k) {
		message(a, 1, "select a node or a pair to annotate");
		return RX_REDRAW;
	}
	snprintf(a->note_key, sizeof(a->note_key), "%s", k);
	free(k);
	prompt_open(&a->prompt, PR_NOTE, "");
	message(a, 0, "note on %s (Enter saves, Esc cancels)", what);
	return RX_REDRAW;
}

static unsigned act_edit_note(struct app *a, int act)
{
	(void)act;
	const struct drow *r = detail_cursor_row(a);
	if (r && r->link_type == DL_NOTE)
		return edit_note(a, r->link);
	uint32_t row = decision_row(a, TAB_REVIEW);
	if (row != UINT32_MAX && ROW_KIND(row) == RV_NOTE)
		return edit_note(a, ROW_INDEX(row));
	message(a, 1, "select a note first (a note row in the detail pane, or in Review, 9)");
	return RX_REDRAW;
}

/* D: the selected decision or note is deleted; the model's own view (the
 * data's claims, its attribution) comes back. */
static unsigned act_forget(struct app *a, int act)
{
	(void)act;
	struct annot *an = &a->m.annot;
	const struct drow *r = detail_cursor_row(a);
	uint32_t row;
	if (r && r->link_type == DL_NOTE && r->link < an->nnotes) {
		workspace_delete_note(&a->ws, an, an->notes[r->link].id);
		message(a, 0, "note deleted");
		return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
	}
	if ((row = decision_row(a, TAB_ALIASES)) != UINT32_MAX) {
		if (ROW_KIND(row) != AR_DECISION || ROW_INDEX(row) >= an->naliases) {
			message(a, 1, "not a decision: u undoes a merge, = joins a possible alias");
			return RX_REDRAW;
		}
		char what[2200];
		const struct annot_alias *d = &an->aliases[ROW_INDEX(row)];
		snprintf(what, sizeof(what), "%s %s %s", d->a, d->join ? "=" : "!=", d->b);
		workspace_forget_alias(&a->ws, an, d->id);
		size_t changed = redo_overlaps(a);
		message(a, 0, "decision %s deleted: the data's claims decide; %zu pair%s changed",
			what, changed, plural(changed));
		return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
	}
	if ((row = decision_row(a, TAB_REVIEW)) != UINT32_MAX) {
		size_t i = ROW_INDEX(row);
		switch (ROW_KIND(row)) {
		case RV_VERDICT: {
			char *k = xstrdup(an->verdicts[i].key);
			workspace_set_verdict(&a->ws, an, k, VERDICT_UNREVIEWED);
			free(k);
			message(a, 0, "verdict removed: the pair is unreviewed");
			return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
		}
		case RV_NOTE:
			workspace_delete_note(&a->ws, an, an->notes[i].id);
			message(a, 0, "note deleted");
			return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
		case RV_ALIAS:
			workspace_forget_alias(&a->ws, an, an->aliases[i].id);
			break;
		default:
			workspace_forget_attrib(&a->ws, an, an->attribs[i].subject);
			break;
		}
		size_t changed = redo_overlaps(a);
		message(a, 0, "decision deleted: the model decides again; %zu pair%s changed",
			changed, plural(changed));
		return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
	}
	/* an attribution decision on what is selected */
	char *subj[256], what[512];
	size_t n = selected_subjects(a, subj, 256, what, sizeof(what)), gone = 0;
	for (size_t i = 0; i < n; i++) {
		gone += workspace_forget_attrib(&a->ws, an, subj[i]) == 0;
		free(subj[i]);
	}
	if (!gone) {
		message(a, 1, "nothing of the analyst's selected (a decision, a note, an "
			      "attribution)");
		return RX_REDRAW;
	}
	size_t changed = redo_overlaps(a);
	message(a, 0, "attribution decision on %s deleted: the model's own attribution; %zu pair%s "
		      "changed",
		what, changed, plural(changed));
	return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
}

/* The actor name the selection offers to a join or split. */
static const char *selected_actor(const struct app *a)
{
	uint32_t n = selected_node(a);
	if (n != NODE_NONE && n < a->m.g->node_count && a->m.g->nodes[n].kind == NODE_ACTOR)
		return model_label(&a->m, n);
	return NULL;
}

static void open_command(struct app *a, const char *fmt, const char *x, const char *y)
{
	char line[sizeof(a->prompt.buf)];
	snprintf(line, sizeof(line), fmt, x ? x : "", y ? y : "");
	prompt_open(&a->prompt, PR_COMMAND, line);
}

/* =: ":join A = B" to complete (a possible alias offers both names). */
static unsigned act_join(struct app *a, int act)
{
	(void)act;
	uint32_t row = decision_row(a, TAB_ALIASES);
	size_t n;
	if (row != UINT32_MAX && ROW_KIND(row) == AR_REFUSAL) {
		const struct alias_refusal *rf = alias_refusals(a->m.g, &n);
		if (ROW_INDEX(row) < n) {
			rf += ROW_INDEX(row);
			open_command(a, "join %s = %s", graph_node_label(a->m.g, rf->claimer),
				     graph_node_label(a->m.g, rf->named));
			return RX_REDRAW;
		}
	}
	const char *actor = selected_actor(a);
	open_command(a, actor ? "join %s = " : "join ", actor, NULL);
	return RX_REDRAW;
}

/* x: ":split A != B" to complete (a merge offers its two names). */
static unsigned act_split(struct app *a, int act)
{
	(void)act;
	uint32_t row = decision_row(a, TAB_ALIASES);
	size_t n;
	if (row != UINT32_MAX && ROW_KIND(row) == AR_MERGE) {
		const struct alias_merge *mg = alias_merges(a->m.g, &n);
		if (ROW_INDEX(row) < n) {
			mg += ROW_INDEX(row);
			open_command(a, "split %s != %s", graph_node_label(a->m.g, mg->a),
				     graph_node_label(a->m.g, mg->b));
			return RX_REDRAW;
		}
	}
	const char *actor = selected_actor(a);
	open_command(a, actor ? "split %s != " : "split ", actor, NULL);
	return RX_REDRAW;
}

/* u on a merge of the Aliases tab: the two names it joined are split. */
static unsigned act_undo_merge(struct app *a, int act)
{
	(void)act;
	uint32_t row = decision_row(a, TAB_ALIASES);
	size_t n;
	const struct alias_merge *mg = alias_merges(a->m.g, &n);
	if (row == UINT32_MAX || ROW_KIND(row) != AR_MERGE || ROW_INDEX(row) >= n) {
		message(a, 1, "select a merge in the Aliases tab (8) first");
		return RX_REDRAW;
	}
	mg += ROW_INDEX(row);
	char na[1024], nb[1024];
	snprintf(na, sizeof(na), "%s", graph_node_label(a->m.g, mg->a));
	snprintf(nb, sizeof(nb), "%s", graph_node_label(a->m.g, mg->b));
	return decide_alias(a, na, nb, 0, 1);
}

static unsigned act_attribute(struct app *a, int act)
{
	(void)act;
	prompt_open(&a->prompt, PR_COMMAND, "attribute ");
	return RX_REDRAW;
}

static unsigned act_help(struct app *a, int act)
{
	(void)act;
	a->help_open = 1;
	a->help_top = 0;
	return RX_REDRAW;
}

static unsigned act_redraw(struct app *a, int act)
{
	(void)a, (void)act;
	return RX_FULL_REDRAW | RX_REDRAW;
}

static unsigned act_cancel(struct app *a, int act)
{
	(void)act;
	a->msg[0] = '\0';
	if (a->screen != SCR_TAB)
		return go_history(a, -1);
	return RX_REDRAW;
}

/* q: a view over the tabs (why, problems, a text, an actor's list of
 * overlaps) closes and shows what was there before; on a tab, agx quits. */
static unsigned act_close(struct app *a, int act)
{
	(void)act;
	if (a->screen != SCR_TAB)
		return go_history(a, -1);
	if (a->tab == TAB_OVERLAPS && a->pair_unit != NODE_NONE) {
		unsigned rx = go_history(a, -1);
		if (a->tab == TAB_OVERLAPS && a->pair_unit != NODE_NONE) {
			/* nothing to go back to: widen to every pair */
			a->pair_unit = NODE_NONE;
			return RX_REBUILD | RX_DETAIL | RX_REDRAW;
		}
		return rx;
	}
	return RX_QUIT;
}

static unsigned act_quit(struct app *a, int act)
{
	(void)a, (void)act;
	return RX_QUIT;
}

typedef unsigned action_fn(struct app *a, int act);

static action_fn *const action_handlers[ACT_COUNT] = {
#define X(e, name, help, fn) [e] = fn,
    ACTIONS(X)
#undef X
};

unsigned app_action(struct app *a, int act)
{
	if (act < 0 || act >= ACT_COUNT || !action_handlers[act])
		return RX_NONE;
	return action_handlers[act](a, act);
}

/* --- the `:` commands: the PROMPT_COMMANDS table's handlers (prompt.h) --------------------- */

static unsigned pc_export(struct app *a, const char *arg)
{
	return export_on_screen(a, arg);
}

static unsigned pc_threshold(struct app *a, const char *arg)
{
	char *end;
	errno = 0;
	double t = strtod(arg, &end);
	if (!*arg || errno || *end || t < 0 || t > 1) {
		message(a, 1, ":threshold needs a number from 0 to 1, not '%s'", arg);
		return RX_REDRAW;
	}
	a->m.threshold = t;
	message(a, 0, "threshold %.2f", t);
	/* clusters are cut from the scores at any threshold: no recompute */
	return RX_REBUILD | RX_DETAIL | RX_REDRAW;
}

static unsigned pc_dfcap(struct app *a, const char *arg)
{
	char *end;
	errno = 0;
	long n = strtol(arg, &end, 10);
	if (!*arg || errno || *end || n < 1 || n > 1000000) {
		message(a, 1, ":dfcap needs a whole number from 1, not '%s'", arg);
		return RX_REDRAW;
	}
	a->df_cap = (int)n;
	message(a, 0, "df cap %ld: recomputed", n);
	return RX_RECOMPUTE | RX_REDRAW;
}

static unsigned pc_load(struct app *a, const char *text)
{
	if (!*text) {
		message(a, 1, ":load needs a file or directory");
		return RX_REDRAW;
	}
	/* ~ expanded, and copied: text may live in the prompt, which a restart
	 * below clears */
	char arg[1024];
	complete_expand_home(text, arg, sizeof(arg));
	struct session *s = a->session;
	size_t nodes = a->m.g->node_count, errs = s->diags.counts[DIAG_ERROR];
	/* the overlap result borrows the graph: let it go before the graph grows */
	model_drop_overlaps(&a->m);
	/* the session loads it as naming it at start-up would (session.h);
	 * a long load can be stopped with Ctrl-C (what was read stays) */
	int fresh = 0;
	s->load.cancel = a->busy_begin ? a->busy_begin(a, "loading") : NULL;
	int rc = session_load_more(s, arg, &fresh);
	s->load.cancel = NULL;
	int stopped = a->busy_end && a->busy_end(a);
	if (fresh) {
		/* the bundled data was set aside: a new graph, so every node id
		 * held here is stale; start again on it, keeping the screen and
		 * the main loop's hooks */
		struct explorer_opts o = a->opts;
		int cols = a->cols, rows = a->rows, tab = a->tab;
		const volatile sig_atomic_t *(*bb)(struct app *, const char *) = a->busy_begin;
		int (*be)(struct app *) = a->busy_end;
		char err[512];
		app_free(a);
		int bad = app_init(a, s, &o, err, sizeof(err));
		a->cols = cols, a->rows = rows, a->tab = (uint8_t)tab;
		a->busy_begin = bb;
		a->busy_end = be;
		if (bad) {
			message(a, 1, "%s", err);
			return RX_RECOMPUTE | RX_REBUILD | RX_REDRAW;
		}
		/* app_init computed the overlaps and lists on the new graph */
		nodes = errs = 0;
	}
	size_t added = a->m.g->node_count - nodes;
	size_t nerr = s->diags.counts[DIAG_ERROR] - errs;
	const char *aside = fresh ? " (the bundled data set aside)" : "";
	if (rc || nerr) {
		const char *first = "";
		for (size_t i = s->diags.count; i-- > 0;)
			if (s->diags.items[i].level == DIAG_ERROR) {
				first = s->diags.items[i].msg;
				break;
			}
		if (stopped)
			message(a, 1, "%s: loading stopped (Ctrl-C); %zu nodes added%s", arg, added,
				aside);
		else
			message(a, 1, "%s: %zu error%s (%s); %zu nodes added%s", arg, nerr,
				nerr == 1 ? "" : "s", first, added, aside);
	} else {
		message(a, 0, "loaded %s: %zu nodes added%s", arg, added, aside);
	}
	return fresh ? RX_REDRAW : RX_RECOMPUTE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
}

static unsigned pc_asof(struct app *a, const char *arg)
{
	if (strcmp(arg, "none") == 0 || strcmp(arg, "off") == 0 || !*arg) {
		a->asof = DATE_UNKNOWN;
		message(a, 0, "as-of cleared: everything counts");
		return RX_RECOMPUTE | RX_REDRAW;
	}
	int32_t d = date_parse(arg);
	if (d == DATE_UNKNOWN) {
		message(a, 1, ":asof needs a date like 2023-06-01 (or none), not '%s'", arg);
		return RX_REDRAW;
	}
	a->asof = d;
	char buf[16];
	message(a, 0, "as of %s: recomputed", date_format(d, buf, sizeof(buf)));
	return RX_RECOMPUTE | RX_REDRAW;
}

static unsigned pc_filter(struct app *a, const char *arg)
{
	return set_filter(a, arg);
}

static unsigned pc_sort(struct app *a, const char *arg)
{
	if (a->tab == TAB_GRAPH || a->tab == TAB_CLUSTERS || a->tab >= TAB_ALIASES) {
		message(a, 0, "this list has one order");
		return RX_REDRAW;
	}
	for (int i = 0; i < SORT_COUNT; i++)
		if (strcmp(arg, lists_sort_name(a->tab, i)) == 0) {
			a->lists_[a->tab].sort = (uint8_t)i;
			return RX_REBUILD | RX_DETAIL | RX_REDRAW;
		}
	message(a, 1, ":sort %s, %s or %s", lists_sort_name(a->tab, 0), lists_sort_name(a->tab, 1),
		lists_sort_name(a->tab, 2));
	return RX_REDRAW;
}

static unsigned pc_verdict(struct app *a, const char *arg)
{
	for (int v = VERDICT_UNREVIEWED; v <= VERDICT_DISMISSED; v++)
		if (strcmp(arg, verdict_name(v)) == 0)
			return set_verdict(a, v);
	message(a, 1, ":verdict confirmed, dismissed or unreviewed");
	return RX_REDRAW;
}

/* :note TEXT saves at once; :note alone opens the note line. */
static unsigned pc_note(struct app *a, const char *arg)
{
	unsigned rx = app_action(a, ACT_NOTE);
	if (a->prompt.mode != PR_NOTE || !*arg)
		return rx;
	for (const char *p = arg; *p;) {
		unsigned cp;
		size_t k = text_utf8_decode(p, strlen(p), &cp);
		if (!k)
			k = 1, cp = '?';
		prompt_insert(&a->prompt, (int)cp);
		p += k;
	}
	return app_key(a, TK_ENTER);
}

static unsigned pc_join(struct app *a, const char *arg)
{
	char na[WS_NAME_MAX], nb[WS_NAME_MAX];
	if (!*arg)
		return app_action(a, ACT_JOIN);
	if (two_names(arg, na, nb, sizeof(na))) {
		message(a, 1, ":join needs two names: A = B");
		return RX_REDRAW;
	}
	return decide_alias(a, na, nb, 1, 0);
}

static unsigned pc_split(struct app *a, const char *arg)
{
	char na[WS_NAME_MAX], nb[WS_NAME_MAX];
	if (!*arg)
		return app_action(a, ACT_SPLIT);
	if (two_names(arg, na, nb, sizeof(na))) {
		message(a, 1, ":split needs two names: A != B");
		return RX_REDRAW;
	}
	return decide_alias(a, na, nb, 0, 0);
}

/* :attribute ACTOR [REASON]: the actor is the longest run of first words
 * that names a loaded actor (names have blanks: "Gothic Panda"). */
static unsigned pc_attribute(struct app *a, const char *arg)
{
	char buf[1024];
	snprintf(buf, sizeof(buf), "%s", arg);
	size_t len = strlen(buf);
	for (size_t cut = len; cut > 0; cut--) {
		if (cut < len && buf[cut] != ' ')
			continue;
		char name[1024];
		snprintf(name, sizeof(name), "%.*s", (int)cut, buf);
		if (alias_lookup(a->m.g, name) == NODE_NONE)
			continue;
		const char *reason = buf + cut;
		while (*reason == ' ')
			reason++;
		return attribute(a, name, reason);
	}
	message(a, 1, *arg ? ":attribute: no loaded actor is named '%s'"
			   : ":attribute needs an actor: :attribute ACTOR [reason]",
		arg);
	return RX_REDRAW;
}

static unsigned pc_unattribute(struct app *a, const char *arg)
{
	return attribute(a, "", arg);
}

static unsigned pc_quit(struct app *a, const char *arg)
{
	(void)a, (void)arg;
	return RX_QUIT;
}

typedef unsigned command_fn(struct app *a, const char *arg);

static command_fn *const command_handlers[PC_COUNT] = {
#define X(e, name, args, help, fn) [e] = fn,
    PROMPT_COMMANDS(X)
#undef X
};

unsigned app_command(struct app *a, const char *line)
{
	char name[64], arg[1024];
	int pc = prompt_command(line, name, sizeof(name), arg, sizeof(arg));
	if (pc >= 0)
		return command_handlers[pc](a, arg);
	if (pc == PC_EMPTY)
		return RX_REDRAW;
	if (pc == PC_TOO_LONG) {
		message(a, 1, "unknown command");
		return RX_REDRAW;
	}
	int act = action_from_name(name);
	if (act > ACT_NONE && act < ACT_PROMPT_ACCEPT && act != ACT_COMMAND)
		return app_action(a, act);
	message(a, 1, "unknown command ':%s' (? lists them)", name);
	return RX_REDRAW;
}

/* --- keys --------------------------------------------------------------------------------- */

/* Enter on the prompt line: the line is acted on by its mode. */
static unsigned accept_line(struct app *a)
{
	char line[sizeof(a->prompt.buf)];
	switch (prompt_take(&a->prompt, line, sizeof(line))) {
	case PR_COMMAND:
		return app_command(a, line);
	case PR_SEARCH:
		if (line[0])
			push(a);
		return RX_REDRAW;
	case PR_FILTER:
		return set_filter(a, line);
	case PR_NOTE:
		if (!line[0]) {
			message(a, 0, a->note_edit[0] ? "empty note not saved: D deletes a note"
						      : "empty note not saved");
			a->note_edit[0] = '\0';
			return RX_REDRAW;
		}
		if (a->note_edit[0]) {
			int rc = workspace_edit_note(&a->ws, &a->m.annot, a->note_edit, line);
			a->note_edit[0] = '\0';
			message(a, rc != 0, rc ? "the note is gone (another session deleted it?)"
					       : "note changed");
			return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
		}
		workspace_add_note(&a->ws, &a->m.annot, a->note_key, line);
		message(a, 0, "note saved");
		return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
	}
	return RX_REDRAW;
}

/* Tab on the prompt line: the word completed as far as its candidates
 * agree; Tab again shows each candidate in turn. The candidates are listed
 * on the message line. */
static unsigned complete_line(struct app *a)
{
	struct prompt *p = &a->prompt;
	if (p->mode == PR_NOTE)
		return RX_NONE;
	if (!p->comp_active) {
		/* the word as typed, before any completion */
		size_t ws;
		char **v;
		size_t n = complete_candidates(p->mode, p->buf, p->pos, &a->m, &ws, &v);
		complete_free(v, n);
		p->comp_start = ws;
		snprintf(p->comp_word, sizeof(p->comp_word), "%.*s", (int)(p->pos - ws),
			 p->buf + ws);
		p->comp_next = 0;
	}
	/* the candidates of the word as typed */
	char line[sizeof(p->buf) + sizeof(p->comp_word)];
	snprintf(line, sizeof(line), "%.*s%s", (int)p->comp_start, p->buf, p->comp_word);
	size_t ws;
	char **v;
	size_t n = complete_candidates(p->mode, line, strlen(line), &a->m, &ws, &v);
	if (!n) {
		message(a, 1, "no completion for '%s'", p->comp_word);
		complete_free(v, n);
		return RX_REDRAW;
	}
	char common[sizeof(p->buf)];
	complete_common(v, n, common, sizeof(common));
	int dir_or_word = n == 1 && v[0][strlen(v[0]) - 1] != '/' && v[0][strlen(v[0]) - 1] != '=';
	if (n == 1 || (!p->comp_active && strlen(common) > strlen(p->comp_word))) {
		prompt_replace(p, p->comp_start, n == 1 ? v[0] : common);
		/* a whole command or value is followed by a blank, as in a shell */
		if (dir_or_word && p->mode != PR_SEARCH && p->pos == p->len)
			prompt_insert(p, ' ');
		if (n == 1) {
			p->comp_active = 0;
			a->msg[0] = '\0';
		} else {
			snprintf(p->comp_word, sizeof(p->comp_word), "%s", common);
			p->comp_active = 1;
		}
	} else {
		/* cycle */
		prompt_replace(p, p->comp_start, v[p->comp_next % n]);
		p->comp_next++;
		p->comp_active = 1;
	}
	if (n > 1) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%zu: ", n);
		for (size_t i = 0; i < n && sb.len < 400; i++)
			strbuf_addf(&sb, "%s%s", i ? "  " : "", v[i]);
		message(a, 0, "%s", strbuf_str(&sb));
		strbuf_free(&sb);
	}
	complete_free(v, n);
	if (p->mode == PR_SEARCH) {
		snprintf(a->search.needle, sizeof(a->search.needle), "%s", p->buf);
		restore(a, &a->search_origin);
		char keep[sizeof(a->msg)];
		snprintf(keep, sizeof(keep), "%s", a->msg);
		if (a->search.needle[0] && !search_go(a, +1, 1))
			message(a, 1, "no match for '%s'", a->search.needle);
		else
			snprintf(a->msg, sizeof(a->msg), "%s", keep);
	}
	return RX_REDRAW;
}

static unsigned prompt_line_key(struct app *a, int key)
{
	switch (prompt_key(&a->prompt, key)) {
	case PE_ACCEPT:
		return accept_line(a);
	case PE_COMPLETE:
		return complete_line(a);
	case PE_CANCEL: {
		int mode = a->prompt.mode;
		prompt_close(&a->prompt);
		if (mode == PR_SEARCH) {
			restore(a, &a->search_origin);
			return RX_REDRAW;
		}
		message(a, 0, mode == PR_NOTE ? "note not saved" : "");
		a->note_edit[0] = '\0';
		return RX_REDRAW;
	}
	case PE_EDITED:
		if (a->prompt.mode == PR_SEARCH) {
			/* search as you type, from where the search started */
			snprintf(a->search.needle, sizeof(a->search.needle), "%s", a->prompt.buf);
			restore(a, &a->search_origin);
			if (a->search.needle[0] && !search_go(a, +1, 1))
				message(a, 1, "no match for '%s'", a->search.needle);
			else
				a->msg[0] = '\0';
		}
		return RX_REDRAW;
	default:
		return RX_REDRAW;
	}
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
		return prompt_line_key(a, key);
	a->msg[0] = '\0';
	a->msg_error = 0;
	if (a->help_open)
		return help_key(a, key);
	int act = keymap_lookup(KM_MAIN, key);
	if (act == ACT_NONE) {
		char name[32];
		message(a, 1, "%s is not bound; ? shows the keys",
			keys_name(key, name, sizeof(name)));
		return RX_REDRAW;
	}
	return app_action(a, act);
}

static int geo_cols(const struct app *a)
{
	return a->cols > 0 ? a->cols : 80;
}

unsigned app_click(struct app *a, int y, int x)
{
	struct geom geo;
	app_geometry(a, &geo);
	if (y == geo.tabs_y) {
		/* the tab titles are drawn in order; find which one is under x */
		int pos = 0;
		for (int t = 0; t < TAB_COUNT; t++) {
			int w = (int)strlen(tab_bar_title(t, geo_cols(a), a->screen == SCR_TAB ? a->tab : -1)) + 4;
			if (x < pos + w)
				return app_action(a, ACT_TAB_ACTORS + t);
			pos += w;
		}
		return RX_NONE;
	}
	int row = y - geo.body_y - 1;
	if (row < 0 || row >= geo.list_rows || a->screen != SCR_TAB || a->tab == TAB_GRAPH)
		return RX_NONE;
	if (x < geo.list_w) {
		const struct list *l = &a->lists_[a->tab];
		a->pane = PANE_LIST;
		if (l->top + (size_t)row < l->n)
			select_row(a, l->top + (size_t)row);
		return RX_DETAIL | RX_REDRAW;
	}
	if (x > geo.list_w && a->detail.top + (size_t)row < a->detail.n) {
		a->pane = PANE_DETAIL;
		a->detail.cur = a->detail.top + (size_t)row;
		return RX_REDRAW;
	}
	return RX_NONE;
}

void app_save_pending(struct app *a)
{
	if (a->prompt.mode == PR_NOTE && a->prompt.len > 0) {
		if (a->note_edit[0])
			workspace_edit_note(&a->ws, &a->m.annot, a->note_edit, a->prompt.buf);
		else
			workspace_add_note(&a->ws, &a->m.annot, a->note_key, a->prompt.buf);
		prompt_close(&a->prompt);
		char err[1200];
		workspace_save(&a->ws, &a->m.annot, err, sizeof(err));
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
	int keys = a->screen != SCR_TAB || a->pane == PANE_DETAIL;
	if (keys && d->cur < d->top)
		d->top = d->cur;
	if (keys && d->cur >= d->top + rows)
		d->top = d->cur - rows + 1;
	if (d->top + rows > d->n)
		d->top = d->n > rows ? d->n - rows : 0;
}

unsigned app_react(struct app *a, unsigned rx)
{
	/* the workspace first: what another session decided may ask for the
	 * overlaps again */
	if (rx & RX_SAVE) {
		char err[1200];
		int st = workspace_save(&a->ws, &a->m.annot, err, sizeof(err));
		if (st < 0) {
			message(a, 1, "%s", err);
		} else if (st > 0) {
			char said[sizeof(a->msg)];
			snprintf(said, sizeof(said), "%s", a->msg);
			message(a, 0, "%s%sanother session's changes to the workspace merged", said,
				said[0] ? "; " : "");
			rx |= RX_REBUILD;
		}
	} else if (workspace_refresh(&a->ws, &a->m.annot)) {
		/* another session saved: its verdicts and notes are shown now */
		message(a, 0, "another session changed the workspace: its verdicts, notes and "
			      "decisions are shown");
		rx |= RX_REBUILD | RX_DETAIL;
	}
	if (a->m.decided_set && decisions_signature(&a->m.annot) != a->m.decided)
		rx |= RX_RECOMPUTE;
	if (rx & RX_RECOMPUTE) {
		graphtab_invalidate(&a->graph);
		recompute(a);
		rx |= RX_REBUILD | RX_DETAIL;
	}
	if (rx & RX_REBUILD)
		rebuild_lists(a);
	if (rx & (RX_DETAIL | RX_REBUILD))
		build_detail(a);
	if (rx & (RX_RECOMPUTE | RX_REBUILD | RX_DETAIL | RX_SAVE))
		rx |= RX_REDRAW;
	if (a->tab == TAB_GRAPH && a->screen == SCR_TAB)
		update_graph_tab(a);
	scroll_into_view(a);
	return rx & (RX_REDRAW | RX_QUIT | RX_FULL_REDRAW | RX_COPY);
}

/* --- life cycle ---------------------------------------------------------------------------- */

int app_init(struct app *a, struct session *s, const struct explorer_opts *o, char *err,
	     size_t errlen)
{
	memset(a, 0, sizeof(*a));
	a->session = s;
	a->opts = *o;
	model_init(&a->m, s->g, s->threshold);
	a->m.diags = &s->diags;
	a->m.inputs = s->inputs;
	a->m.ninputs = s->ninputs;
	a->df_cap = s->df_cap;
	a->slack_days = s->slack_days;
	a->asof = s->asof;
	a->pair_unit = NODE_NONE;
	a->graph_depth = o->depth == 2 ? 2 : 1;
	a->ascii = o->ascii;
	filter_clear(&a->filter);
	detail_init(&a->detail);
	graphtab_init(&a->graph);
	for (int t = 0; t < TAB_COUNT; t++) {
		a->focus[t].item = NODE_NONE;
		a->lists_[t].sort = SORT_NAME; /* Overlaps: OVERLAP_BY_INFRA */
	}
	char *ws = workspace_path(s);
	a->ws.found = NULL;
	int wrc = workspace_open(&a->ws, ws, s->load.max_file_bytes, &a->m.annot, err, errlen);
	free(ws);
	if (wrc)
		return -1;
	a->ws.author = session_analyst(s);
	/* judgements met in the inputs show where the workspace has no word */
	a->ws.found = &s->judgements;
	judgement_merge(&a->m.annot, &s->judgements);
	recompute(a);
	rebuild_lists(a);
	struct search_scope sc = {&a->m, a->lists_, a->tab, 0, 0, a->generation};
	search_prepare(&a->search, &sc);
	build_detail(a);
	struct location h = here(a);
	history_init(&a->hist, &h);
	if (!a->m.ov)
		message(a, 0, "(overlaps not available)");
	if (a->ws.read_only)
		message(a, 1, "workspace %s is read-only: verdicts and notes are shown, not saved",
			a->ws.path);
	else if (a->ws.stale_removed)
		message(a, 0,
			"removed %d temporary file%s a killed session left beside the workspace",
			a->ws.stale_removed, a->ws.stale_removed == 1 ? "" : "s");
	return 0;
}

void app_free(struct app *a)
{
	model_free(&a->m);
	for (int t = 0; t < TAB_COUNT; t++)
		free(a->lists_[t].rows);
	detail_free(&a->detail);
	search_free(&a->search);
	graphtab_free(&a->graph);
	workspace_close(&a->ws);
	prompt_free(&a->prompt);
	free(a->doc_text);
	free(a->clipboard);
	memset(a, 0, sizeof(*a));
}
