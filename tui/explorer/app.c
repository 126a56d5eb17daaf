#include "tui/explorer/app.h"
#include "tui/explorer/app_int.h"

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

void app_say(struct app *a, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof(a->msg), fmt, ap);
	va_end(ap);
	a->msg_error = error;
}

const char *app_plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static unsigned open_reference(struct app *a, const char *url);

/* --- the model ---------------------------------------------------------------------------- */

/* The overlaps again, with the options as they are now. The warninglists
 * are loaded once, the same ones as the batch commands use
 * (tui/session/session.h); problems are printed before the screen opens. */
void app_recompute(struct app *a)
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
const struct drow *app_detail_row(const struct app *a)
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
	const struct drow *r = app_detail_row(a);
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
uint32_t app_selected_node(const struct app *a)
{
	const struct drow *r = app_detail_row(a);
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
void app_build_detail(struct app *a)
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
void app_restore(struct app *a, const struct location *l)
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
	app_build_detail(a);
	if (l->detail_cur < a->detail.n)
		a->detail.cur = l->detail_cur;
}

/* Navigating is app_leave(), the move, app_push(). */
void app_leave(struct app *a)
{
	struct location h = here(a);
	history_leave(&a->hist, &h);
}

void app_push(struct app *a)
{
	struct location h = here(a);
	history_push(&a->hist, &h);
}

static unsigned go_history(struct app *a, int dir)
{
	struct location h = here(a);
	const struct location *to = history_move(&a->hist, dir, &h);
	if (!to) {
		app_say(a, 0,
			dir < 0 ? "at the start of the history" : "at the end of the history");
		return RX_REDRAW;
	}
	app_restore(a, to);
	return RX_REDRAW;
}

/* --- navigation ------------------------------------------------------------------------- */

void app_set_tab(struct app *a, int tab)
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
void app_goto_node(struct app *a, uint32_t node, int remember)
{
	if (remember)
		app_leave(a);
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
	app_build_detail(a);
	if (remember)
		app_push(a);
}

/* Shows an input file in the Reports tab (on its row when the filter keeps
 * it). */
void app_goto_file(struct app *a, uint32_t file)
{
	app_leave(a);
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
	app_build_detail(a);
	app_push(a);
}

/* Selects row i of the current tab's list. */
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
	if (a->screen != SCR_TAB || a->pane == PANE_DETAIL)
		return move_detail(a, delta, absolute);
	return move_list(a, delta, absolute);
}

unsigned app_open_why(struct app *a, uint32_t pair)
{
	if (!a->m.ov) {
		app_say(a, 1, "overlaps not available");
		return RX_REDRAW;
	}
	if (pair == UINT32_MAX) {
		app_say(a, 1, "no pair selected: pick one in Overlaps (4) or with o");
		return RX_REDRAW;
	}
	app_leave(a);
	a->screen = SCR_WHY;
	a->detail.kind = DK_EMPTY;
	a->detail.item = pair;
	app_build_detail(a);
	app_push(a);
	return RX_REDRAW;
}

static unsigned switch_tab(struct app *a, int tab)
{
	app_leave(a);
	a->hscroll_list = a->hscroll_detail = 0; /* another tab starts at its left */
	if (tab == TAB_OVERLAPS && a->pair_unit != NODE_NONE) {
		a->pair_unit = NODE_NONE;
		rebuild_tab(a, TAB_OVERLAPS);
	}
	app_set_tab(a, tab);
	if (a->pane == PANE_DETAIL && tab == TAB_GRAPH)
		a->pane = PANE_LIST;
	app_build_detail(a);
	app_push(a);
	return RX_REDRAW;
}

/* The pair's two unit nodes, for annotation keys; 0 when it has none. */
int app_pair_nodes(const struct app *a, uint32_t pair, uint32_t *na, uint32_t *nb)
{
	const struct overlap_pair *p = model_pair(&a->m, pair);
	if (!p || p->relation != PAIR_OVERLAP)
		return 0; /* the sources or campaigns of one actor are not judged */
	*na = overlap_unit(a->m.ov, p->a)->node;
	*nb = overlap_unit(a->m.ov, p->b)->node;
	return *na != NODE_NONE && *nb != NODE_NONE;
}

/* Sets the verdict of the pair in focus (-1: cycle, as the c key does). */
unsigned app_set_verdict(struct app *a, int verdict)
{
	uint32_t pair = app_focus_pair(a), na, nb;
	if (pair == UINT32_MAX || !app_pair_nodes(a, pair, &na, &nb)) {
		app_say(a, 1,
			"no pair selected: verdicts are on overlap pairs (Overlaps tab, why)");
		return RX_REDRAW;
	}
	char *k = annot_pair_key(a->m.g, na, nb);
	enum verdict v = verdict >= 0 ? (enum verdict)verdict
				      : (enum verdict)((annot_verdict_of(&a->m.annot, k) + 1) % 3);
	workspace_set_verdict(&a->ws, &a->m.annot, k, v);
	free(k);
	app_say(a, 0, "%s - %s: %s", model_label(&a->m, na), model_label(&a->m, nb),
		verdict_name(v));
	return RX_SAVE | RX_DETAIL | RX_REDRAW;
}

/* The key a note typed now attaches to: the pair in view, else the node. */
static char *note_target(const struct app *a, char *what, size_t n)
{
	uint32_t pair = app_focus_pair(a), na, nb;
	const struct drow *r = app_detail_row(a);
	int prefer_node = r && r->link_type == DL_NODE && a->screen != SCR_WHY;
	if (!prefer_node && pair != UINT32_MAX && app_pair_nodes(a, pair, &na, &nb)) {
		snprintf(what, n, "%s - %s", model_label(&a->m, na), model_label(&a->m, nb));
		return annot_pair_key(a->m.g, na, nb);
	}
	uint32_t node = app_selected_node(a);
	if (node == NODE_NONE)
		return NULL;
	snprintf(what, n, "%s", model_label(&a->m, node));
	return annot_node_key(a->m.g, node);
}

/* A filter line ("kind=domain conf>=50"), from f or :filter. */
unsigned app_set_filter(struct app *a, const char *line)
{
	char err[256];
	if (filter_parse(&a->filter, line, err, sizeof(err))) {
		app_say(a, 1, "filter: %s", err);
		return RX_REDRAW;
	}
	unsigned rx = RX_REBUILD | RX_DETAIL | RX_REDRAW;
	if (!a->msg_error)
		app_say(a, 0, a->filter.text[0] ? "filter: %s" : "filter cleared%s",
			a->filter.text);
	return rx;
}

/* --- search ----------------------------------------------------------------------------- */

/* Goes to the next match of the search (from the cursor, or the cursor's
 * row included when inclusive); 0 when nothing matches. */
int app_search_go(struct app *a, int dir, int inclusive)
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
		app_goto_node(a, h.node, 0);
		return 1;
	}
	a->tab = (uint8_t)h.tab;
	a->screen = SCR_TAB;
	a->pane = PANE_LIST;
	app_select_row(a, h.row);
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
			app_say(a, 1, "no cluster to export");
			return -1;
		}
		s->view = SG_VIEW_CLUSTER;
		s->cluster = (int)l->rows[l->cur] + 1;
		snprintf(name, nn, "cluster-%d", s->cluster);
		return 0;
	}
	uint32_t n = app_focus_node(a);
	if (n == NODE_NONE) {
		app_say(a, 1, "nothing selected to export");
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

unsigned app_export_on_screen(struct app *a, const char *arg)
{
	struct export_view v;
	char node_buf[1024], name[256], words[2048];
	if (export_subject(a, &v, node_buf, sizeof(node_buf), name, sizeof(name)))
		return RX_REDRAW;
	expand_words(arg, words, sizeof(words));
	char msg[sizeof(a->msg)];
	int rc = export_view_run(a->m.g, a->m.ov, &v, words, msg, sizeof(msg));
	app_say(a, rc != 0, "%s", msg);
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
	const struct drow *r = app_detail_row(a);
	if (r) {
		switch (r->link_type) {
		case DL_NODE:
			app_goto_node(a, r->link, 1);
			return RX_REDRAW;
		case DL_PAIR:
			return app_open_why(a, r->link);
		case DL_EVIDENCE:
			if (a->detail.expanded && r->link < a->detail.nev) {
				a->detail.expanded[r->link] ^= 1;
				return RX_DETAIL | RX_REDRAW;
			}
			return RX_NONE;
		case DL_CLUSTER:
			app_leave(a);
			app_set_tab(a, TAB_CLUSTERS);
			app_select_row(a, r->link);
			a->pane = PANE_LIST;
			app_build_detail(a);
			app_push(a);
			return RX_REDRAW;
		case DL_FILE:
			app_goto_file(a, r->link);
			return RX_REDRAW;
		case DL_REF:
			return open_reference(a, detail_copy_text(&a->detail, a->detail.cur));
		case DL_NOTE:
			return app_edit_note(a, r->link);
		default:
			return RX_NONE;
		}
	}
	if (a->screen != SCR_TAB)
		return RX_NONE;
	if (a->tab == TAB_OVERLAPS)
		return app_open_why(a, app_focus_pair(a));
	if (a->tab == TAB_REVIEW && a->lists_[TAB_REVIEW].n)
		return app_review_jump(a, a->lists_[TAB_REVIEW].rows[a->lists_[TAB_REVIEW].cur]);
	if (a->tab == TAB_GRAPH) {
		uint32_t n = app_focus_node(a);
		struct list *l = &a->lists_[TAB_GRAPH];
		if (l->n && l->rows[l->cur] != n) {
			app_leave(a);
			a->focus[TAB_GRAPH] = (struct focus){l->rows[l->cur], 0, 1};
			app_push(a);
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
	app_leave(a);
	a->search_origin = here(a);
	prompt_open(&a->prompt, PR_SEARCH, "");
	return RX_REDRAW;
}

static unsigned act_search_next(struct app *a, int act)
{
	if (!a->search.needle[0]) {
		app_say(a, 1, "no search yet: / to search");
		return RX_REDRAW;
	}
	app_leave(a);
	if (!app_search_go(a, act == ACT_SEARCH_NEXT ? 1 : -1, 0))
		app_say(a, 1, "no match for '%s'", a->search.needle);
	else
		app_push(a);
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
	const struct drow *r = app_detail_row(a);
	if (r && r->link_type == DL_REF)
		return open_reference(a, detail_copy_text(&a->detail, a->detail.cur));
	uint32_t n = app_selected_node(a);
	if (!a->m.ov) {
		app_say(a, 1, "overlaps not available in this build");
		return RX_REDRAW;
	}
	if (n == NODE_NONE || overlap_unit_of_node(a->m.ov, n) == UINT32_MAX) {
		app_say(a, 1, "select an actor (or campaign, report) first");
		return RX_REDRAW;
	}
	app_leave(a);
	a->pair_unit = n;
	rebuild_tab(a, TAB_OVERLAPS);
	app_set_tab(a, TAB_OVERLAPS);
	a->pane = PANE_LIST;
	app_select_row(a, 0);
	app_build_detail(a);
	app_push(a);
	if (!a->lists_[TAB_OVERLAPS].n)
		app_say(a, 0, "%s shares no infrastructure with any other unit",
			model_label(&a->m, n));
	return RX_REDRAW;
}

static unsigned act_why(struct app *a, int act)
{
	(void)act;
	return app_open_why(a, app_focus_pair(a));
}

static unsigned act_sort(struct app *a, int act)
{
	(void)act;
	if (a->tab == TAB_GRAPH || a->tab == TAB_CLUSTERS || a->tab >= TAB_ALIASES) {
		app_say(a, 0, "this list has one order");
		return RX_REDRAW;
	}
	struct list *l = &a->lists_[a->tab];
	l->sort = (uint8_t)((l->sort + 1) % SORT_COUNT);
	rebuild_tab(a, a->tab);
	a->generation++;
	if (a->tab == TAB_OVERLAPS)
		app_say(a, 0, "pairs ranked by %s: %zu", lists_sort_name(a->tab, l->sort),
			a->counts.pairs_by[l->sort]);
	else
		app_say(a, 0, "sorted by %s", lists_sort_name(a->tab, l->sort));
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
		app_say(a, 1, "filter: %s", err);
		return RX_REDRAW;
	}
	static const char *const what[] = {
	    "two different actors or unattributed clusters",
	    "two sources of one actor agreeing",
	    "two campaigns of one actor",
	};
	if (a->tab != TAB_OVERLAPS) {
		app_leave(a);
		app_set_tab(a, TAB_OVERLAPS);
		app_push(a);
	}
	app_say(a, 0, "%s: %s (r: next)", overlap_relation_name(rel), what[rel]);
	return RX_REBUILD | RX_DETAIL | RX_REDRAW;
}

/* !: the problems of the load, over the tabs. */
static unsigned act_problems(struct app *a, int act)
{
	(void)act;
	app_leave(a);
	a->screen = SCR_DOC;
	a->doc = DK_PROBLEMS;
	a->detail.kind = DK_EMPTY;
	app_build_detail(a);
	a->detail.cur = 0;
	detail_step(&a->detail, +1);
	app_push(a);
	return RX_REDRAW;
}

/* A text shown whole over the tabs (a URL with no browser to open it). */
static unsigned show_text(struct app *a, const char *title, const char *text)
{
	app_leave(a);
	free(a->doc_text);
	a->doc_text = xstrdup(text);
	snprintf(a->doc_title, sizeof(a->doc_title), "%s", title);
	a->screen = SCR_DOC;
	a->doc = DK_TEXT;
	a->detail.kind = DK_EMPTY;
	app_build_detail(a);
	a->detail.cur = a->detail.n ? a->detail.n - 1 : 0;
	app_push(a);
	return RX_REDRAW;
}

/* o or Enter on a reference: its URL in a browser when there is a display,
 * else shown whole (to copy, or to read over SSH). */
static unsigned open_reference(struct app *a, const char *url)
{
	char err[256];
	if (!a->opts.script && open_url_possible() && open_url_acceptable(url)) {
		if (open_url(url, err, sizeof(err)) == 0)
			app_say(a, 0, "opened with xdg-open: %s", url);
		else
			app_say(a, 1, "%s", err);
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
		app_say(a, 0, "scrolled %d columns right (< back, > on)", *h);
	return RX_REDRAW;
}

/* What y copies: the row under the detail cursor, else the list's row. */
static char *copy_text(const struct app *a)
{
	const struct drow *r = app_detail_row(a);
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
		app_say(a, 1, "nothing selected to copy");
		return RX_REDRAW;
	}
	free(a->clipboard);
	a->clipboard = t;
	app_say(a, 0, "copied: %s", t); /* the status line escapes and clips it */
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
	app_say(a, 0, "graph depth %d", a->graph_depth);
	return RX_REDRAW;
}

static unsigned act_export(struct app *a, int act)
{
	(void)act;
	return app_export_on_screen(a, "");
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
	return app_set_verdict(a, -1);
}

static unsigned act_note(struct app *a, int act)
{
	(void)act;
	char what[256];
	char *k = note_target(a, what, sizeof(what));
	if (!k) {
		app_say(a, 1, "select a node or a pair to annotate");
		return RX_REDRAW;
	}
	snprintf(a->note_key, sizeof(a->note_key), "%s", k);
	free(k);
	prompt_open(&a->prompt, PR_NOTE, "");
	app_say(a, 0, "note on %s (Enter saves, Esc cancels)", what);
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
		return app_prompt_key(a, key);
	a->msg[0] = '\0';
	a->msg_error = 0;
	if (a->help_open)
		return help_key(a, key);
	int act = keymap_lookup(KM_MAIN, key);
	if (act == ACT_NONE) {
		char name[32];
		app_say(a, 1, "%s is not bound; ? shows the keys",
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
			app_select_row(a, l->top + (size_t)row);
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
			app_say(a, 1, "%s", err);
		} else if (st > 0) {
			char said[sizeof(a->msg)];
			snprintf(said, sizeof(said), "%s", a->msg);
			app_say(a, 0, "%s%sanother session's changes to the workspace merged", said,
				said[0] ? "; " : "");
			rx |= RX_REBUILD;
		}
	} else if (workspace_refresh(&a->ws, &a->m.annot)) {
		/* another session saved: its verdicts and notes are shown now */
		app_say(a, 0, "another session changed the workspace: its verdicts, notes and "
			      "decisions are shown");
		rx |= RX_REBUILD | RX_DETAIL;
	}
	if (a->m.decided_set && decisions_signature(&a->m.annot) != a->m.decided)
		rx |= RX_RECOMPUTE;
	if (rx & RX_RECOMPUTE) {
		graphtab_invalidate(&a->graph);
		app_recompute(a);
		rx |= RX_REBUILD | RX_DETAIL;
	}
	if (rx & RX_REBUILD)
		rebuild_lists(a);
	if (rx & (RX_DETAIL | RX_REBUILD))
		app_build_detail(a);
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
	app_recompute(a);
	rebuild_lists(a);
	struct search_scope sc = {&a->m, a->lists_, a->tab, 0, 0, a->generation};
	search_prepare(&a->search, &sc);
	app_build_detail(a);
	struct location h = here(a);
	history_init(&a->hist, &h);
	if (!a->m.ov)
		app_say(a, 0, "(overlaps not available)");
	if (a->ws.read_only)
		app_say(a, 1, "workspace %s is read-only: verdicts and notes are shown, not saved",
			a->ws.path);
	else if (a->ws.stale_removed)
		app_say(a, 0,
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
