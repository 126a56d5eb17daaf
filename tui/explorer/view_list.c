/* The list pane: one row per actor, value, tool, pair or cluster, with the
 * columns that tab sorts by, annotations marked, the cursor row shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph/alias.h"
#include "graph/annot.h"
#include "graph/attribution.h"
#include "graph/date.h"
#include "graph/kind.h"
#include "graph/overlap.h"
#include "tui/explorer/detail.h"
#include "tui/explorer/model.h"
#include "tui/explorer/view.h"

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
	grid_text_skip(g, y, cx, nw, model_label(&a->m, node), a->hscroll_list,
		       kind_style(n->kind));
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

/* One pair: [note] value names .... shared verdict. The value is the
 * ranked dimension's (score, or the tools or techniques overlap); pairs
 * within an actor (corroboration, internal) are named after it. */
static void pair_row(const struct app *a, struct grid *g, int y, int x, int w, uint32_t pair)
{
	const struct overlap_pair *p = model_pair(&a->m, pair);
	if (!p)
		return;
	int by = a->lists_[TAB_OVERLAPS].sort;
	const struct unit *ua = overlap_unit(a->m.ov, p->a), *ub = overlap_unit(a->m.ov, p->b);
	enum verdict v = VERDICT_UNREVIEWED;
	int notes = 0;
	if (p->relation == PAIR_OVERLAP && ua->node != NODE_NONE && ub->node != NODE_NONE) {
		char *k = annot_pair_key(a->m.g, ua->node, ub->node);
		v = annot_verdict_of(&a->m.annot, k);
		notes = has_notes(a, k);
		free(k);
	}
	if (notes)
		grid_text(g, y, x + 1, 1, "*", ST_NOTE);
	char value[16];
	double val = by == OVERLAP_BY_TOOLS	   ? p->tools
		     : by == OVERLAP_BY_TECHNIQUES ? p->techniques
						   : p->score;
	snprintf(value, sizeof(value), "%.3f", val);
	int strong = by == OVERLAP_BY_INFRA ? p->score >= a->m.threshold : val >= 0.5;
	int cx = x + 2;
	cx += grid_text(g, y, cx, 5, value, strong ? ST_TITLE : ST_DIM) + 1;
	char right[16];
	const char *mark = v == VERDICT_CONFIRMED   ? (g->ascii ? "+" : "\xe2\x9c\x93")
			   : v == VERDICT_DISMISSED ? (g->ascii ? "x" : "\xe2\x9c\x97")
						    : " ";
	uint32_t count = by == OVERLAP_BY_TOOLS	       ? p->ntools
			 : by == OVERLAP_BY_TECHNIQUES ? p->ntechniques
						       : p->shared;
	snprintf(right, sizeof(right), "%3u %s", count, mark);
	int rw = grid_width(g, right);
	int room = x + w - rw - 1 - cx;
	char names[1024];
	uint32_t parent = overlap_unit_parent(a->m.ov, p->a);
	const char *link = g->ascii ? "<->" : "\xe2\x86\x94";
	if (p->relation != PAIR_OVERLAP && parent != UINT32_MAX)
		snprintf(names, sizeof(names), "%s: %s %s %s", overlap_unit_name(a->m.ov, parent),
			 overlap_unit_name(a->m.ov, p->a), link, overlap_unit_name(a->m.ov, p->b));
	else
		snprintf(names, sizeof(names), "%s %s %s", overlap_unit_name(a->m.ov, p->a), link,
			 overlap_unit_name(a->m.ov, p->b));
	grid_text_skip(g, y, cx, room, names, a->hscroll_list, ST_ACTOR);
	grid_text(g, y, x + w - rw, rw, right, ST_DIM);
	grid_restyle(g, y, x + w - 1, 1,
		     v == VERDICT_CONFIRMED   ? ST_CONFIRMED
		     : v == VERDICT_DISMISSED ? ST_DISMISSED
					      : ST_DIM);
}

/* One input file: name (its report's title, else its file name) ....
 * format, the actor it speaks for, problems. */
static void file_row(const struct app *a, struct grid *g, int y, int x, int w, uint32_t file)
{
	const struct graph *gr = a->m.g;
	if (file >= gr->file_count)
		return;
	const struct src_file *f = &gr->files[file];
	const struct file_info *fi = model_file(&a->m, file);
	char right[96], date[16] = "";
	if (f->date != DATE_UNKNOWN && w >= 70)
		date_format(f->date, date, sizeof(date));
	/* errors and warnings lost data; quirks (refanged values, ...) did not */
	uint32_t lost = fi->errors + fi->warnings;
	char count[16] = "  -";
	if (lost)
		snprintf(count, sizeof(count), "%3u", lost);
	snprintf(right, sizeof(right), "%s%s%-8.8s %s", date, date[0] ? " " : "",
		 graph_str(gr, f->format), count);
	int rw = grid_width(g, right);
	enum style pst = fi->errors ? ST_ERROR : ST_WEAK;
	if (lost)
		grid_text(g, y, x + 1, 1, "!", pst);
	int cx = x + 2;
	/* whom it speaks for, beside the name when there is room */
	const char *owner = fi->owner != NODE_NONE ? detail_owner_name(&a->m, fi->owner)
			    : fi->several	   ? "several"
						   : NULL;
	int room = x + w - rw - 1 - cx;
	int ow = owner && room >= 24 ? grid_width(g, owner) + 3 : 0;
	if (ow > room / 2)
		ow = room / 2;
	grid_text_skip(g, y, cx, room - ow, lists_file_name(gr, file), a->hscroll_list, ST_NORMAL);
	if (ow > 3) {
		grid_text(g, y, cx + room - ow, 2, g->ascii ? "->" : "\xe2\x86\x92", ST_DIM);
		grid_text(g, y, cx + room - ow + 2, ow - 2, owner, ST_ACTOR);
	}
	grid_text(g, y, x + w - rw, rw, right, ST_DIM);
	if (lost)
		grid_restyle(g, y, x + w - 3, 3, pst);
}

/* A row of the Aliases tab: the two names, what joins or parts them, and
 * its strength (a merge, a refusal) or author (a decision). */
static void alias_row(const struct app *a, struct grid *g, int y, int x, int w, uint32_t row)
{
	const struct graph *gr = a->m.g;
	size_t i = ROW_INDEX(row), n;
	char names[2200], right[160];
	const char *mark = "";
	enum style st = ST_ACTOR;
	const char *ne = g->ascii ? "!=" : "\xe2\x89\xa0";
	switch (ROW_KIND(row)) {
	case AR_DECISION: {
		if (i >= a->m.annot.naliases)
			return;
		const struct annot_alias *d = &a->m.annot.aliases[i];
		mark = "D";
		snprintf(names, sizeof(names), "%s %s %s", d->a, d->join ? "=" : ne, d->b);
		snprintf(right, sizeof(right), "%.40s", d->author ? d->author : "analyst");
		st = ST_NOTE;
		break;
	}
	case AR_MERGE: {
		const struct alias_merge *mg = alias_merges(gr, &n);
		if (i >= n)
			return;
		mg += i;
		snprintf(names, sizeof(names), "%s = %s", graph_node_label(gr, mg->a),
			 graph_node_label(gr, mg->b));
		snprintf(right, sizeof(right), "%s", mg->undone ? "undone" : alias_strength_name(mg->strength));
		break;
	}
	default: {
		const struct alias_refusal *rf = alias_refusals(gr, &n);
		if (i >= n)
			return;
		rf += i;
		mark = "?";
		snprintf(names, sizeof(names), "%s ? %s", graph_node_label(gr, rf->claimer),
			 graph_node_label(gr, rf->named));
		snprintf(right, sizeof(right), "%s", alias_strength_name(rf->strength));
		st = ST_DIM;
		break;
	}
	}
	grid_text(g, y, x + 1, 1, mark, ROW_KIND(row) == AR_DECISION ? ST_NOTE : ST_DIM);
	int rw = grid_width(g, right);
	if (rw > w / 3)
		rw = w / 3;
	int cx = x + 3;
	grid_text_skip(g, y, cx, x + w - rw - 1 - cx, names, a->hscroll_list, st);
	grid_text_right(g, y, x + w, rw, right, ST_DIM);
}

/* A row of the Review tab: kind, what it says, who and when. */
static void review_row(const struct app *a, struct grid *g, int y, int x, int w, uint32_t row)
{
	const struct annot *an = &a->m.annot;
	size_t i = ROW_INDEX(row);
	char text[2400];
	const char *ne = g->ascii ? "!=" : "\xe2\x89\xa0";
	const char *pair_sep = g->ascii ? "<->" : "\xe2\x86\x94";
	char about[2300];
	switch (ROW_KIND(row)) {
	case RV_VERDICT:
		if (i >= an->nverdicts)
			return;
		lists_key_label(&a->m, an->verdicts[i].key, pair_sep, about, sizeof(about));
		snprintf(text, sizeof(text), "%s %s", verdict_name(an->verdicts[i].verdict), about);
		break;
	case RV_NOTE:
		if (i >= an->nnotes)
			return;
		lists_key_label(&a->m, an->notes[i].key, pair_sep, about, sizeof(about));
		snprintf(text, sizeof(text), "%s: %s", about, an->notes[i].text);
		break;
	case RV_ALIAS:
		if (i >= an->naliases)
			return;
		snprintf(text, sizeof(text), "%s %s %s", an->aliases[i].a,
			 an->aliases[i].join ? "=" : ne, an->aliases[i].b);
		break;
	default: {
		if (i >= an->nattribs)
			return;
		const char *sub = an->attribs[i].subject, *slash = strrchr(sub, '/');
		snprintf(text, sizeof(text), "%s -> %s", slash && slash[1] ? slash + 1 : sub,
			 *an->attribs[i].actor ? an->attribs[i].actor : "none");
		break;
	}
	}
	const char *author;
	long long when;
	lists_review_who(an, row, &author, &when);
	char date[16] = "", right[96];
	if (when && w >= 60) {
		time_t t = (time_t)when;
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	}
	snprintf(right, sizeof(right), "%.24s%s%s", author ? author : "-", date[0] ? " " : "", date);
	static const char *const kinds[] = {"verd", "note", "alias", "attr"};
	int cx = x + 2;
	cx += grid_text(g, y, cx, 5, kinds[ROW_KIND(row) % RV_COUNT], ST_DIM) + 1;
	if (cx < x + 8)
		cx = x + 8;
	int rw = grid_width(g, right);
	if (rw > w / 2)
		rw = w / 2;
	grid_text_skip(g, y, cx, x + w - rw - 1 - cx, text, a->hscroll_list,
		       ROW_KIND(row) == RV_NOTE ? ST_NOTE : ST_NORMAL);
	grid_text_right(g, y, x + w, rw, right, ST_DIM);
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
	char left[160], by[64] = "";
	if (a->tab <= TAB_OVERLAPS || a->tab == TAB_REPORTS)
		snprintf(by, sizeof(by), " by %s", lists_sort_name(a->tab, l->sort));
	if (a->tab == TAB_OVERLAPS && filter_relation(&a->filter) != PAIR_OVERLAP) {
		size_t o = strlen(by);
		snprintf(by + o, sizeof(by) - o, ", %s",
			 overlap_relation_name(filter_relation(&a->filter)));
	}
	if (l->n > (size_t)geo->list_rows)
		snprintf(left, sizeof(left), " %s %zu/%zu%s", tab_title(a->tab), l->cur + 1, l->n,
			 by);
	else
		snprintf(left, sizeof(left), " %s %zu%s", tab_title(a->tab), l->n, by);
	/* the names of the right-hand columns, over them */
	static const char *const labels[TAB_COUNT] = {
	    "deg best", "deg  df", "deg", "shr v", "", "", "format   !", "", "by"};
	static const char *const by_labels[] = {"shr v", "tls v", "ttp v"};
	const char *right = a->tab == TAB_OVERLAPS ? by_labels[l->sort % 3] : labels[a->tab];
	int rw = grid_width(g, right);
	grid_text(g, geo->body_y, geo->list_x, geo->list_w - rw - 1, left, st);
	grid_text_right(g, geo->body_y, geo->list_x + geo->list_w, rw, right, st);
}

/* Words of text on rows of width w from y, cut at blanks; returns the rows
 * used (at most rows). */
static int draw_para(struct grid *g, int y, int x, int w, int rows, const char *text, enum style st)
{
	int used = 0;
	const char *p = text;
	while (*p && used < rows) {
		while (*p == ' ')
			p++;
		size_t len = strlen(p), cut = len;
		if (grid_width(g, p) > w) {
			/* the last blank that keeps the row within w */
			cut = 0;
			for (size_t i = 1; i <= len; i++) {
				if (p[i] != ' ' && p[i] != '\0')
					continue;
				char part[512];
				snprintf(part, sizeof(part), "%.*s", (int)i, p);
				if (grid_width(g, part) > w)
					break;
				cut = i;
			}
			if (!cut)
				cut = (size_t)w; /* one word wider than the row */
		}
		char row[512];
		snprintf(row, sizeof(row), "%.*s", (int)cut, p);
		grid_text(g, y + used++, x, w, row, st);
		p += cut;
	}
	return used;
}

/* An empty list says why, and what would show something. */
static void draw_empty(const struct app *a, struct grid *g, int y, int x, int w, int rows)
{
	char buf[512];
	if (a->tab == TAB_ALIASES && !filter_narrows(&a->filter)) {
		draw_para(g, y, x, w, rows,
			  "(no merge, possible alias or decision: = says two names are one "
			  "actor, x that they are two)",
			  ST_DIM);
		return;
	}
	if (a->tab == TAB_REVIEW && !filter_narrows(&a->filter)) {
		draw_para(g, y, x, w, rows,
			  "(nothing decided yet: c gives a pair a verdict, a adds a note, = x u "
			  "decide aliases, :attribute attributes a report)",
			  ST_DIM);
		return;
	}
	if (a->tab < TAB_ALIASES && a->tab != TAB_REPORTS && a->tab >= TAB_OVERLAPS && !a->m.ov) {
		draw_para(g, y, x, w, rows, "(overlaps not available)", ST_DIM);
		return;
	}
	if (filter_narrows(&a->filter)) {
		snprintf(buf, sizeof(buf),
			 "(nothing passes the filter: %s; f and an empty line clear it)",
			 a->filter.text);
		draw_para(g, y, x, w, rows, buf, ST_DIM);
		return;
	}
	if (a->tab == TAB_OVERLAPS && a->pair_unit == NODE_NONE) {
		const struct list_counts *c = &a->counts;
		int by = a->lists_[TAB_OVERLAPS].sort, rel = filter_relation(&a->filter);
		static const char *const dims[] = {"infrastructure", "a tool", "a technique"};
		static const char *const rels[] = {"two actors or unattributed clusters",
						   "two sources of one actor",
						   "two campaigns of one actor"};
		int n = snprintf(buf, sizeof(buf), "No %s share %s.", rels[rel], dims[by]);
		if (by == OVERLAP_BY_INFRA && !c->infra)
			n += snprintf(buf + n, sizeof(buf) - (size_t)n,
				      " These inputs hold no infrastructure (addresses, domains, "
				      "URLs, hashes, certificates): ATT&CK, for one, lists actors, "
				      "tools and techniques only.");
		if (by != OVERLAP_BY_TOOLS && c->pairs_by[OVERLAP_BY_TOOLS])
			n += snprintf(buf + n, sizeof(buf) - (size_t)n, " %zu pairs share tools,",
				      c->pairs_by[OVERLAP_BY_TOOLS]);
		if (by != OVERLAP_BY_TECHNIQUES && c->pairs_by[OVERLAP_BY_TECHNIQUES])
			n += snprintf(buf + n, sizeof(buf) - (size_t)n, " %zu share techniques,",
				      c->pairs_by[OVERLAP_BY_TECHNIQUES]);
		if (n > 0 && buf[n - 1] == ',')
			snprintf(buf + n - 1, sizeof(buf) - (size_t)n + 1,
				 ": s ranks them (infra, tools, techniques).");
		if (rel == PAIR_OVERLAP)
			strncat(buf, " r shows the other relations.",
				sizeof(buf) - strlen(buf) - 1);
		draw_para(g, y, x, w, rows, buf, ST_DIM);
		return;
	}
	if (a->tab == TAB_CLUSTERS) {
		/* say why, and how to see the weaker groups */
		size_t np;
		const struct overlap_pair *p = overlap_pairs(a->m.ov, &np);
		int n = snprintf(buf, sizeof(buf), "(empty) No pair scores %.2f or more",
				 a->m.threshold);
		if (np)
			snprintf(buf + n, sizeof(buf) - (size_t)n,
				 " (the strongest: %.3f); :threshold %.2f shows it.", p[0].score,
				 p[0].score > 0.01 ? p[0].score - 0.005 : 0.0);
		draw_para(g, y, x, w, rows, buf, ST_DIM);
		return;
	}
	draw_para(g, y, x, w, rows, "(empty)", ST_DIM);
}

void view_list_draw(const struct app *a, struct grid *g, const struct geom *geo)
{
	const struct list *l = &a->lists_[a->tab];
	header(a, g, geo, l);
	int y0 = geo->body_y + 1, x = geo->list_x, w = geo->list_w;
	if (!l->n) {
		draw_empty(a, g, y0, x + 2, w - 3, geo->list_rows);
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
		else if (a->tab == TAB_REPORTS)
			file_row(a, g, y, x, w, row);
		else if (a->tab == TAB_ALIASES)
			alias_row(a, g, y, x, w, row);
		else if (a->tab == TAB_REVIEW)
			review_row(a, g, y, x, w, row);
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
