#include "tui/explorer/detail.h"
#include "tui/explorer/detail_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/annot.h"
#include "graph/attribution.h"
#include "graph/date.h"
#include "graph/strbuf.h"
#include "graph/text.h"
#include "graph/xalloc.h"
#include "graph/neighbours.h"
#include "tui/explorer/model.h"
#include "tui/explorer/grid.h"
#include "graph/overlap.h"
#include "graph/warnlist.h"

void detail_init(struct detail *d)
{
	memset(d, 0, sizeof(*d));
}

static void free_why(struct detail *d)
{
	free(d->ev);
	free(d->near);
	free(d->expanded);
	d->ev = NULL;
	d->near = NULL;
	d->expanded = NULL;
	d->nev = d->nnear = 0;
}

void detail_free(struct detail *d)
{
	free(d->rows);
	strbuf_free(&d->text);
	free_why(d);
	memset(d, 0, sizeof(*d));
}

void detail_reset(struct detail *d)
{
	d->n = 0;
	strbuf_reset(&d->text);
	strbuf_addc(&d->text, '\0'); /* offset 0 is never a string */
	d->kind = DK_EMPTY;
	d->item = d->item2 = UINT32_MAX;
	d->title[0] = '\0';
	d->truncated = 0;
}

const char *detail_str(const struct detail *d, uint32_t off)
{
	return off ? d->text.buf + off : "";
}

uint32_t detail_add_str(struct detail *d, const char *s)
{
	if (!s || !*s)
		return 0;
	uint32_t off = (uint32_t)d->text.len;
	strbuf_add(&d->text, s, strlen(s) + 1);
	return off;
}

struct drow *detail_add_row(struct detail *d, const char *col1, int col1_w, const char *text,
			    const char *right, enum style st)
{
	XGROW(d->rows, d->cap, d->n + 1);
	struct drow *r = &d->rows[d->n++];
	memset(r, 0, sizeof(*r));
	r->col1 = detail_add_str(d, col1);
	r->text = detail_add_str(d, text);
	r->right = detail_add_str(d, right);
	r->col1_w = (uint8_t)col1_w;
	r->style = (uint8_t)st;
	r->col1_style = (uint8_t)ST_DIM;
	r->right_style = (uint8_t)ST_DIM;
	return r;
}

void detail_add_blank(struct detail *d)
{
	detail_add_row(d, NULL, 0, NULL, NULL, ST_NORMAL);
}

struct drow *detail_add_fact(struct detail *d, const char *label, const char *value)
{
	return detail_add_row(d, label, 10, value, NULL, ST_NORMAL);
}

const char *detail_copy_text(const struct detail *d, size_t i)
{
	if (i >= d->n)
		return "";
	const struct drow *r = &d->rows[i];
	if (r->copy)
		return detail_str(d, r->copy);
	if (r->text && r->link_type != DL_EVIDENCE)
		return detail_str(d, r->text);
	return detail_str(d, r->col1 ? r->col1 : r->text);
}

const char *detail_unit_kind(int unit_kind)
{
	static const char *const kinds[] = {"actor", "campaign", "report", "file", "source"};
	return unit_kind >= 0 && unit_kind < 5 ? kinds[unit_kind] : "unit";
}

int detail_step(struct detail *d, int dir)
{
	size_t i = d->cur;
	while (dir > 0 ? i + 1 < d->n : i > 0) {
		i = dir > 0 ? i + 1 : i - 1;
		if (d->rows[i].link_type != DL_NONE) {
			d->cur = i;
			return 1;
		}
	}
	return 0;
}

/* Wraps text into rows of at most width columns, breaking at spaces. */
void detail_add_wrapped(struct detail *d, const char *text, int width, int indent, enum style st)
{
	if (width < 10)
		width = 10;
	const char *p = text;
	char line[1024];
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *brk = NULL, *q = p;
		int cols = indent;
		while (*q && *q != '\n') {
			unsigned cp;
			size_t k = text_utf8_decode(q, strlen(q), &cp);
			if (k == 0)
				k = 1;
			int cw = text_width_n(q, k, d->ascii);
			if (cols + cw > width || (size_t)(q - p) + k >= sizeof(line) - 1)
				break;
			cols += cw;
			q += k;
			if (*q == ' ')
				brk = q;
		}
		const char *end = q;
		if (*q && *q != '\n' && brk && brk > p)
			end = brk;
		size_t len = (size_t)(end - p);
		memcpy(line, p, len);
		line[len] = '\0';
		struct drow *r = detail_add_row(d, NULL, 0, line, NULL, st);
		r->indent = (uint8_t)indent;
		p = end;
		if (*p == '\n')
			p++;
	}
}

void detail_add_wrapped_under(struct detail *d, const char *text, int room, int indent, int col1_w,
			      enum style st)
{
	size_t first = d->n;
	detail_add_wrapped(d, text, room + indent, indent, st);
	for (size_t k = first; k < d->n; k++)
		d->rows[k].col1_w = (uint8_t)col1_w;
}

/* --- pieces shared by the builders ------------------------------------------------------ */

static const char *arrow(const struct detail *d)
{
	return d->ascii ? "->" : "\xe2\x86\x92";
}

static const char *both(const struct detail *d)
{
	return d->ascii ? "<->" : "\xe2\x86\x94";
}

enum style detail_kind_style(int kind)
{
	if (kind == NODE_ACTOR || kind == NODE_CAMPAIGN)
		return ST_ACTOR;
	if (kind_is_infra(kind) || kind == NODE_INFRASTRUCTURE)
		return ST_INFRA;
	if (kind == NODE_MALWARE || kind == NODE_TOOL || kind == NODE_TECHNIQUE)
		return ST_TOOL;
	return ST_OTHER;
}

/* The df band of SPEC.md: < 5 strong, 5-20 weak, > 20 over-correlating. */
static const char *df_band(int df, enum style *st)
{
	if (df < 5) {
		*st = ST_STRONG;
		return "strong";
	}
	if (df <= 20) {
		*st = ST_WEAK;
		return "weak";
	}
	*st = ST_OVER;
	return "over-correlating";
}

static void add_notes(struct detail *d, const struct model *m, const char *key)
{
	const struct annot_note *notes[32];
	size_t n = annot_notes_for(&m->annot, key, notes, 32);
	for (size_t i = 0; i < n && i < 32; i++) {
		char when[16];
		struct tm tm;
		time_t t = notes[i]->when;
		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d", &tm);
		char right[160];
		if (notes[i]->author)
			snprintf(right, sizeof(right), "%.120s %s", notes[i]->author, when);
		else
			snprintf(right, sizeof(right), "%s", when);
		struct drow *r = detail_add_row(d, "note", 10, notes[i]->text, right, ST_NOTE);
		r->col1_style = ST_NOTE;
		r->link_type = DL_NOTE;
		r->link = (uint32_t)(notes[i] - m->annot.notes);
	}
	if (n > 32) {
		char more[64];
		snprintf(more, sizeof(more), "... %zu more notes", n - 32);
		detail_add_row(d, NULL, 10, more, NULL, ST_DIM);
	}
}

void detail_window_text(int32_t first, int32_t last, char *buf, size_t n)
{
	char f[16], l[16];
	date_format(first, f, sizeof(f));
	date_format(last, l, sizeof(l));
	if (first == DATE_UNKNOWN && last == DATE_UNKNOWN)
		snprintf(buf, n, "undated");
	else if (first == last)
		snprintf(buf, n, "%s", f);
	else
		snprintf(buf, n, "%s .. %s", f, l);
}

/* --- a node ----------------------------------------------------------------------------- */

#define DETAIL_MAX_EDGES 50000

static void add_neighbours(struct detail *d, const struct model *m, uint32_t node)
{
	const struct graph *g = m->g;
	struct neighbour *v;
	int truncated;
	size_t nv = neighbours_of(g, &m->units, node, DETAIL_MAX_EDGES, &v, &truncated);
	d->truncated |= truncated;
	for (size_t i = 0; i < nv;) {
		size_t j = i;
		while (j < nv && v[j].rel == v[i].rel && v[j].in == v[i].in)
			j++;
		char head[128];
		const char *rel = graph_relation_name(g, v[i].rel);
		if (v[i].in)
			snprintf(head, sizeof(head), "%s %s (%zu)",
				 d->ascii ? "<-" : "\xe2\x86\x90", rel, j - i);
		else
			snprintf(head, sizeof(head), "%s %s (%zu)", rel, arrow(d), j - i);
		detail_add_blank(d);
		detail_add_row(d, NULL, 0, head, NULL, ST_HEADER);
		for (size_t k = i; k < j; k++) {
			if (k - i >= DETAIL_MAX_NEIGHBOURS) {
				char more[64];
				snprintf(more, sizeof(more), "... %zu more", j - k);
				detail_add_row(d, NULL, 0, more, NULL, ST_DIM)->indent = 2;
				break;
			}
			uint32_t o = v[k].other;
			int kind = g->nodes[o].kind;
			char right[64] = "";
			enum style rst = ST_DIM;
			int df = kind_is_infra(kind) ? model_df(m, o) : -1;
			if (df >= 0)
				snprintf(right, sizeof(right), "df %d %s", df, df_band(df, &rst));
			if (v[k].count > 1) {
				size_t l = strlen(right);
				snprintf(right + l, sizeof(right) - l, "%sx%u", l ? " " : "",
					 v[k].count);
			}
			struct drow *r =
			    detail_add_row(d, kind_name(kind), 9, model_label(m, o),
					   right[0] ? right : NULL, detail_kind_style(kind));
			r->indent = 2;
			r->right_style = (uint8_t)rst;
			r->link_type = DL_NODE;
			r->link = o;
		}
		i = j;
	}
	if (d->truncated)
		detail_add_row(d, NULL, 0, "(neighbours truncated: too many edges)", NULL, ST_DIM);
	free(v);
}

/* A reference ("source: https://..."): o opens the URL in it, y copies it. */
static void add_reference(struct detail *d, const char *label, const char *ref)
{
	struct drow *r = detail_add_row(d, label, 10, ref, NULL, ST_DIM);
	const char *url = strstr(ref, "https://");
	if (!url)
		url = strstr(ref, "http://");
	if (url) {
		size_t n = strcspn(url, " \t\n");
		char *u = xstrndup(url, n);
		r->link_type = DL_REF;
		r->copy = detail_add_str(d, u);
		free(u);
	}
}

static void add_sources(struct detail *d, const struct model *m, uint32_t node)
{
	const struct graph *g = m->g;
	/* distinct files: the node's own, its attributes', its edges' (bounded) */
	uint32_t files[16];
	size_t nf = 0, extra = 0;
	struct adj adj = graph_adj(g, node);
	uint32_t cand_max = adj.count < 2000 ? adj.count : 2000;
	for (uint32_t i = 0; i <= cand_max; i++) {
		uint32_t f =
		    i == 0 ? g->nodes[node].file : graph_edge_at(g, adj.edges[i - 1])->file;
		if (f >= g->file_count)
			continue;
		size_t k;
		for (k = 0; k < nf; k++)
			if (files[k] == f)
				break;
		if (k < nf)
			continue;
		if (nf < 16)
			files[nf++] = f;
		else
			extra++;
	}
	for (size_t i = 0; i < nf; i++) {
		const struct src_file *f = &g->files[files[i]];
		char fmt[64];
		snprintf(fmt, sizeof(fmt), "%s", graph_str(g, f->format));
		const char *title = f->title ? graph_str(g, f->title) : NULL;
		struct drow *r =
		    detail_add_row(d, i == 0 ? "sources" : NULL, 10,
				   detail_base_name(graph_str(g, f->path)), fmt, ST_NORMAL);
		r->link_type = DL_FILE;
		r->link = files[i];
		r->copy = detail_add_str(d, graph_str(g, f->path));
		if (title && *title)
			detail_add_row(d, NULL, 12, title, NULL, ST_DIM);
	}
	if (extra) {
		char more[64];
		snprintf(more, sizeof(more), "... and more files");
		detail_add_row(d, NULL, 10, more, NULL, ST_DIM);
	}
	uint32_t refs[8];
	size_t nr = graph_attrs(g, node, ATTR_REFERENCE, refs, 8);
	for (size_t i = 0; i < nr && i < 8; i++)
		add_reference(d, i == 0 ? "refs" : NULL, graph_str(g, refs[i]));
}

static void add_aliases(struct detail *d, const struct model *m, uint32_t node)
{
	const struct graph *g = m->g;
	uint32_t n;
	const uint32_t *names = alias_index_names(&m->units, node, &n);
	const char *own = graph_node_label(g, node);
	int first = 1;
	for (uint32_t i = 0; i < n && i < 64; i++) {
		const char *s = graph_str(g, names[i]);
		if (strcmp(s, own) == 0)
			continue;
		detail_add_row(d, first ? "aliases" : NULL, 10, s, NULL, ST_NORMAL);
		first = 0;
	}
	if (n > 64)
		detail_add_row(d, NULL, 10, "...", NULL, ST_DIM);
	size_t nm;
	const struct alias_merge *mg = alias_merges(g, &nm);
	first = 1;
	for (size_t i = 0; i < nm; i++) {
		if (mg[i].undone || alias_unit(g, mg[i].a) != node)
			continue;
		char buf[512];
		snprintf(buf, sizeof(buf), "%s + %s: \"%s\" claimed by %s in %s",
			 graph_node_label(g, mg[i].a), graph_node_label(g, mg[i].b),
			 graph_str(g, mg[i].alias), graph_node_label(g, mg[i].claimer),
			 mg[i].file < g->file_count
			     ? detail_base_name(graph_file_path(g, mg[i].file))
			     : "?");
		detail_add_row(d, first ? "merged" : NULL, 10, buf, NULL, ST_DIM);
		first = 0;
	}
}

const char *detail_owner_name(const struct model *m, uint32_t owner)
{
	if (owner == NODE_NONE)
		return "none";
	uint32_t u = m->ov && m->g->nodes[owner].kind == NODE_ACTOR
			 ? overlap_unit_of_node(m->ov, owner)
			 : UINT32_MAX;
	return u != UINT32_MAX ? overlap_unit_name(m->ov, u) : graph_node_label(m->g, owner);
}

/* A report or campaign: whom it speaks for and why (attribution.h). */
static void add_attribution(struct detail *d, const struct model *m, uint32_t node)
{
	const struct attribution *at = attribution_of(overlap_attribution(m->ov), node);
	if (!at)
		return;
	char buf[512];
	if (at->owner == NODE_NONE) {
		snprintf(buf, sizeof(buf), "none: it stands alone%s",
			 at->reason == ATTRIB_ANALYST ? " (the analyst's decision)" : "");
		detail_add_fact(d, "attributed", buf)->style = ST_DIM;
	} else {
		struct drow *r = detail_add_fact(d, "attributed", detail_owner_name(m, at->owner));
		r->style = ST_ACTOR;
		r->right = detail_add_str(d, attribution_reason_name(at->reason));
		r->link_type = DL_NODE;
		r->link = at->owner;
	}
	struct strbuf why = STRBUF_INIT;
	if (at->reason != ATTRIB_NONE)
		attribution_describe(m->g, at, &why);
	if (why.len) {
		/* the reason in full, under the fact, wrapped to the pane */
		detail_add_wrapped_under(d, strbuf_str(&why), d->width - 12, 0, 10, ST_DIM);
	}
	strbuf_free(&why);
}

/* An actor: its sources and whether they agree (corroboration), its
 * campaigns, and the reports and campaigns attributed to it and why. */
static void add_actor_parts(struct detail *d, const struct model *m, uint32_t node)
{
	const struct overlap *ov = m->ov;
	uint32_t u = overlap_unit_of_node(ov, node);
	if (u == UINT32_MAX)
		return;
	char buf[256];
	uint32_t nsrc, agreed;
	overlap_corroboration(ov, u, &nsrc, &agreed);
	if (nsrc >= 2) {
		snprintf(buf, sizeof(buf), "%u sources agree on %u value%s (corroboration)", nsrc,
			 agreed, agreed == 1 ? "" : "s");
		struct drow *r = detail_add_fact(d, "sources", buf);
		r->style = agreed ? ST_STRONG : ST_WEAK;
	}
	/* campaigns and sources of the actor: units one level down */
	const char *label[2] = {"sources", "campaigns"};
	for (int pass = 0; pass < 2; pass++) {
		int first = 1;
		for (size_t k = overlap_unit_count(ov); k < overlap_unit_count_all(ov); k++) {
			const struct unit *un = overlap_unit(ov, (uint32_t)k);
			if (un->parent != u || (un->kind == UNIT_SOURCE) != (pass == 0))
				continue;
			snprintf(buf, sizeof(buf), "%u value%s", un->member_count,
				 un->member_count == 1 ? "" : "s");
			struct drow *r = detail_add_row(
			    d, first && (pass || nsrc < 2) ? label[pass] : NULL, 10,
			    overlap_unit_name(ov, (uint32_t)k), buf, pass ? ST_ACTOR : ST_NORMAL);
			if (pass == 0 && un->group < m->g->file_count) {
				r->link_type = DL_FILE;
				r->link = un->group;
			} else if (pass == 1 && un->node != NODE_NONE) {
				r->link_type = DL_NODE;
				r->link = un->node;
			}
			first = 0;
		}
	}
	/* what speaks for it, and why */
	size_t na, shown = 0, more = 0;
	const struct attribution_table *t = overlap_attribution(ov);
	const struct attribution *all = attribution_all(t, &na);
	for (size_t i = 0; i < na; i++) {
		uint32_t roots[8];
		size_t nr = attribution_roots(t, all[i].subject, roots, 8);
		int mine = 0;
		for (size_t j = 0; j < nr && j < 8; j++)
			mine |= roots[j] == node;
		if (!mine)
			continue;
		if (shown >= 40) {
			more++;
			continue;
		}
		uint32_t s = all[i].subject;
		snprintf(buf, sizeof(buf), "%s %s", kind_name(m->g->nodes[s].kind),
			 graph_node_label(m->g, s));
		struct drow *r = detail_add_row(d, shown ? NULL : "attributed", 10, buf,
						attribution_reason_name(all[i].reason), ST_NORMAL);
		r->link_type = DL_NODE;
		r->link = s;
		r->copy = detail_add_str(d, graph_node_label(m->g, s));
		shown++;
	}
	if (more) {
		snprintf(buf, sizeof(buf), "... %zu more", more);
		detail_add_row(d, NULL, 10, buf, NULL, ST_DIM);
	}
}

void detail_build_node(struct detail *d, const struct model *m, uint32_t node)
{
	const struct graph *g = m->g;
	const struct node *n = &g->nodes[node];
	detail_reset(d);
	d->kind = DK_NODE;
	d->item = node;
	snprintf(d->title, sizeof(d->title), "%s", kind_name(n->kind));
	detail_add_row(d, NULL, 0, model_label(m, node), kind_name(n->kind),
		       detail_kind_style(n->kind))
	    ->right_style = ST_DIM;
	const char *key = graph_node_key(g, node);
	if (kind_is_infra(n->kind) && strcmp(key, graph_node_label(g, node)) != 0)
		detail_add_fact(d, "value", key);
	if (n->kind == NODE_ACTOR)
		add_aliases(d, m, node);
	else {
		uint32_t al[8];
		size_t k = graph_attrs(g, node, ATTR_ALIAS, al, 8);
		for (size_t i = 0; i < k && i < 8; i++)
			detail_add_fact(d, i == 0 ? "aliases" : NULL, graph_str(g, al[i]));
	}
	uint32_t ext[4];
	size_t k = graph_attrs(g, node, ATTR_EXTERNAL_ID, ext, 4);
	for (size_t i = 0; i < k && i < 4; i++)
		detail_add_fact(d, i == 0 ? "id" : NULL, graph_str(g, ext[i]));
	char buf[128];
	detail_window_text(n->first_seen, n->last_seen, buf, sizeof(buf));
	detail_add_fact(d, "seen", buf);
	if (n->conf == CONF_UNKNOWN)
		snprintf(buf, sizeof(buf), "not stated (counts as 50)");
	else
		snprintf(buf, sizeof(buf), "%u", n->conf);
	detail_add_fact(d, "confidence", buf);
	if (n->tlp)
		detail_add_fact(d, "marking", tlp_name(n->tlp));
	if (kind_is_infra(n->kind)) {
		int df = model_df(m, node);
		if (df >= 0) {
			enum style st;
			const char *band = df_band(df, &st);
			snprintf(buf, sizeof(buf), "%d actor%s: %s", df, df == 1 ? "" : "s", band);
			detail_add_fact(d, "df", buf)->style = (uint8_t)st;
		}
		const char *list = m->ov ? overlap_value_list(m->ov, node) : NULL;
		if (list) {
			snprintf(buf, sizeof(buf), "%s (weighs little)", list);
			detail_add_fact(d, "listed", buf)->style = ST_WEAK;
		}
	}
	double score =
	    n->kind == NODE_ACTOR || n->kind == NODE_CAMPAIGN ? model_score(m, node) : -1;
	if (score >= 0) {
		snprintf(buf, sizeof(buf), "%.3f (o lists the pairs)", score);
		detail_add_fact(d, "best pair", buf);
	}
	uint32_t sec[4];
	k = graph_attrs(g, node, ATTR_SECTOR, sec, 4);
	for (size_t i = 0; i < k && i < 4; i++)
		detail_add_fact(d, i == 0 ? "sector" : NULL, graph_str(g, sec[i]));
	k = graph_attrs(g, node, ATTR_COUNTRY, sec, 4);
	for (size_t i = 0; i < k && i < 4; i++)
		detail_add_fact(d, i == 0 ? "country" : NULL, graph_str(g, sec[i]));
	if (n->flags & NODE_F_REVOKED)
		detail_add_fact(d, "revoked", "yes (kept out of overlaps)")->style = ST_WEAK;
	if (m->ov && (n->kind == NODE_REPORT || n->kind == NODE_CAMPAIGN))
		add_attribution(d, m, node);
	if (m->ov && n->kind == NODE_ACTOR)
		add_actor_parts(d, m, node);
	add_sources(d, m, node);
	char *nk = annot_node_key(g, node);
	add_notes(d, m, nk);
	free(nk);
	add_neighbours(d, m, node);
	uint32_t desc;
	if (graph_attrs(g, node, ATTR_DESCRIPTION, &desc, 1)) {
		detail_add_blank(d);
		detail_add_row(d, NULL, 0, "description", NULL, ST_HEADER);
		detail_add_wrapped(d, graph_str(g, desc), d->width, 0, ST_NORMAL);
	}
}

/* --- a pair -------------------------------------------------------------------------------- */

static enum verdict verdict_of_pair(const struct model *m, const struct overlap_pair *p, char **key)
{
	uint32_t na = overlap_unit(m->ov, p->a)->node, nb = overlap_unit(m->ov, p->b)->node;
	*key = NULL;
	if (p->relation != PAIR_OVERLAP || na == NODE_NONE || nb == NODE_NONE)
		return VERDICT_UNREVIEWED; /* verdicts judge two different units */
	*key = annot_pair_key(m->g, na, nb);
	return annot_verdict_of(&m->annot, *key);
}

static void add_unit_row(struct detail *d, const struct model *m, const char *label, uint32_t u)
{
	const struct unit *un = overlap_unit(m->ov, u);
	struct drow *r = detail_add_row(d, label, 4, overlap_unit_name(m->ov, u),
					detail_unit_kind(un->kind), ST_ACTOR);
	if (un->kind == UNIT_SOURCE && un->group < m->g->file_count) {
		r->link_type = DL_FILE; /* a source is a file: the Reports tab */
		r->link = un->group;
	} else if (un->node != NODE_NONE) {
		r->link_type = DL_NODE;
		r->link = un->node;
	}
}

/* Both units of a pair, and for the pairs within an actor, the actor and
 * what the relation means. */
static void add_pair_units(struct detail *d, const struct model *m, const struct overlap_pair *p)
{
	uint32_t parent = overlap_unit_parent(m->ov, p->a);
	if (p->relation != PAIR_OVERLAP && parent != UINT32_MAX) {
		char buf[256];
		snprintf(buf, sizeof(buf), "%s: two %s of one actor",
			 overlap_relation_name(p->relation),
			 p->relation == PAIR_CORROBORATION ? "sources" : "campaigns");
		detail_add_row(d, NULL, 0, buf, NULL, ST_DIM);
		add_unit_row(d, m, "of", parent);
	}
	add_unit_row(d, m, "A", p->a);
	add_unit_row(d, m, "B", p->b);
}

/* The tools (or techniques) both units use, as links. */
static void add_shared_nodes(struct detail *d, const struct model *m, const struct overlap_pair *p,
			     int techniques)
{
	size_t na, nb;
	const uint32_t *a =
	    techniques ? overlap_techniques(m->ov, p->a, &na) : overlap_tools(m->ov, p->a, &na);
	const uint32_t *b =
	    techniques ? overlap_techniques(m->ov, p->b, &nb) : overlap_tools(m->ov, p->b, &nb);
	size_t shared = techniques ? p->ntechniques : p->ntools;
	if (!shared)
		return;
	char head[128];
	snprintf(head, sizeof(head), "shared %s (%zu)", techniques ? "techniques" : "tools",
		 shared);
	detail_add_blank(d);
	detail_add_row(d, NULL, 0, head, NULL, ST_HEADER);
	size_t i = 0, j = 0, shown = 0;
	while (i < na && j < nb) {
		if (a[i] < b[j]) {
			i++;
		} else if (b[j] < a[i]) {
			j++;
		} else {
			if (shown++ < 50) {
				int kind = m->g->nodes[a[i]].kind;
				struct drow *r = detail_add_row(d, kind_name(kind), 9,
								graph_node_label(m->g, a[i]), NULL,
								detail_kind_style(kind));
				r->indent = 2;
				r->link_type = DL_NODE;
				r->link = a[i];
			}
			i++, j++;
		}
	}
	if (shown > 50) {
		snprintf(head, sizeof(head), "... %zu more", shown - 50);
		detail_add_row(d, NULL, 0, head, NULL, ST_DIM)->indent = 2;
	}
}

static void add_pair_summary(struct detail *d, const struct model *m, const struct overlap_pair *p)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%.3f  (weight %.3f against chance %.3f)", p->score, p->weight,
		 p->chance);
	detail_add_fact(d, "score", buf)->style = ST_TITLE;
	snprintf(buf, sizeof(buf), "%u counted, %u in all (over-cap and listed included)",
		 p->shared, p->shared_all);
	detail_add_fact(d, "shared", buf);
	snprintf(buf, sizeof(buf), "%.2f (%u shared)", p->tools, p->ntools);
	detail_add_fact(d, "tools", buf);
	snprintf(buf, sizeof(buf), "%.2f (%u shared)", p->techniques, p->ntechniques);
	detail_add_fact(d, "techniques", buf);
	if (p->relation != PAIR_OVERLAP)
		return;
	char *key;
	enum verdict v = verdict_of_pair(m, p, &key);
	struct drow *r = detail_add_fact(d, "verdict", verdict_name(v));
	r->style = v == VERDICT_CONFIRMED   ? ST_CONFIRMED
		   : v == VERDICT_DISMISSED ? ST_DISMISSED
					    : ST_DIM;
	const struct annot_verdict *rec = key ? annot_verdict_find(&m->annot, key) : NULL;
	if (rec && v != VERDICT_UNREVIEWED) {
		char who[200], when[16] = "";
		struct tm tm;
		time_t t = rec->when;
		if (t) {
			gmtime_r(&t, &tm);
			strftime(when, sizeof(when), "%Y-%m-%d", &tm);
		}
		snprintf(who, sizeof(who), "%.120s%s%s", rec->author ? rec->author : "",
			 rec->author && *when ? " " : "", when);
		r->right = detail_add_str(d, who);
		r->right_style = ST_DIM;
	}
	if (key)
		add_notes(d, m, key);
	free(key);
}

static const char *flags_text(const struct evidence *e, char *buf, size_t n)
{
	buf[0] = '\0';
	size_t l = 0;
	if (e->flags & EV_WARNLISTED)
		l += (size_t)snprintf(buf + l, n - l, "listed:%s ",
				      e->warninglist ? e->warninglist : "?");
	if (l < n && (e->flags & EV_OVER_CAP))
		l += (size_t)snprintf(buf + l, n - l, "over-cap ");
	if (l < n && (e->flags & EV_UNDATED))
		l += (size_t)snprintf(buf + l, n - l, "undated ");
	if (l < n && (e->flags & EV_PARTIAL))
		l += (size_t)snprintf(buf + l, n - l, "partial ");
	if (l < n && (e->flags & EV_ONE_SOURCE))
		l += (size_t)snprintf(buf + l, n - l, "one-report ");
	if (l < n && (e->flags & EV_ONE_PUBLISHER))
		l += (size_t)snprintf(buf + l, n - l, "one-publisher ");
	if (l && l < n)
		buf[l - 1] = '\0';
	return buf;
}

static enum style evidence_style(const struct evidence *e)
{
	if (e->flags & (EV_OVER_CAP | EV_WARNLISTED))
		return ST_OVER;
	if (e->df >= 5)
		return ST_WEAK;
	return ST_STRONG;
}

void detail_build_pair(struct detail *d, const struct model *m, uint32_t pair)
{
	detail_reset(d);
	const struct overlap_pair *p = model_pair(m, pair);
	if (!p)
		return;
	d->kind = DK_PAIR;
	d->item = pair;
	snprintf(d->title, sizeof(d->title), "pair");
	add_pair_units(d, m, p);
	add_pair_summary(d, m, p);
	struct evidence *ev = NULL;
	struct near_miss *near = NULL;
	size_t nnear = 0;
	size_t nev = overlap_why(m->ov, p->a, p->b, &ev, &near, &nnear);
	detail_add_blank(d);
	char head[128];
	snprintf(head, sizeof(head), "shared infrastructure (%zu): w for the evidence", nev);
	detail_add_row(d, NULL, 0, head, NULL, ST_HEADER);
	for (size_t i = 0; i < nev && i < 50; i++) {
		char right[64];
		snprintf(right, sizeof(right), "df %u w %.2f", ev[i].df, ev[i].weight);
		struct drow *r =
		    detail_add_row(d, kind_name(m->g->nodes[ev[i].value].kind), 9,
				   graph_node_label(m->g, ev[i].value), right, ST_INFRA);
		r->right_style = (uint8_t)evidence_style(&ev[i]);
		r->indent = 2;
		r->link_type = DL_NODE;
		r->link = ev[i].value;
	}
	if (nev > 50) {
		snprintf(head, sizeof(head), "... %zu more (w)", nev - 50);
		detail_add_row(d, NULL, 0, head, NULL, ST_DIM)->indent = 2;
	}
	free(ev);
	free(near);
	add_shared_nodes(d, m, p, 0);
	add_shared_nodes(d, m, p, 1);
}

/* --- a cluster ----------------------------------------------------------------------------- */

void detail_build_cluster(struct detail *d, const struct model *m, uint32_t ci)
{
	detail_reset(d);
	if (!m->ov)
		return;
	size_t nc;
	const struct cluster *c = overlap_clusters(m->ov, m->threshold, &nc);
	if (ci >= nc)
		return;
	c += ci;
	d->kind = DK_CLUSTER;
	d->item = ci;
	snprintf(d->title, sizeof(d->title), "cluster %u", ci + 1);
	char buf[256];
	snprintf(buf, sizeof(buf), "%zu members linked at score >= %.2f (a proposal, never merged)",
		 c->nmembers, m->threshold);
	detail_add_row(d, NULL, 0, buf, NULL, ST_TITLE);
	detail_add_blank(d);
	detail_add_row(d, NULL, 0, "members", NULL, ST_HEADER);
	for (size_t i = 0; i < c->nmembers; i++) {
		const struct unit *u = overlap_unit(m->ov, c->members[i]);
		snprintf(buf, sizeof(buf), "best %.3f",
			 m->unit_best ? m->unit_best[c->members[i]] : 0.0);
		struct drow *r = detail_add_row(d, NULL, 0, overlap_unit_name(m->ov, c->members[i]),
						buf, ST_ACTOR);
		r->indent = 2;
		if (u->node != NODE_NONE) {
			r->link_type = DL_NODE;
			r->link = u->node;
		}
	}
	detail_add_blank(d);
	detail_add_row(d, NULL, 0, "links (Enter: why)", NULL, ST_HEADER);
	for (size_t i = 0; i < c->nlinks; i++) {
		const struct overlap_pair *q = model_pair(m, c->links[i]);
		if (!q)
			continue;
		snprintf(buf, sizeof(buf), "%s %s %s", overlap_unit_name(m->ov, q->a), both(d),
			 overlap_unit_name(m->ov, q->b));
		char right[32];
		snprintf(right, sizeof(right), "%.3f", q->score);
		struct drow *r = detail_add_row(d, NULL, 0, buf, right, ST_NORMAL);
		r->indent = 2;
		r->link_type = DL_PAIR;
		r->link = c->links[i];
	}
}

/* --- why: the evidence of a pair, rows expandable to paths and sources ---------------------- */

/* How a path's start joins the unit when it is not the unit's own node: a
 * report or campaign and its attribution ("via report R: inferred from
 * name ..."), a re-filed list's actor and the analyst's decision. */
static void add_path_join(struct detail *d, const struct model *mo, const struct unit *u,
			  const struct membership *m)
{
	const struct graph *g = mo->g;
	const struct attrib_refile *rf = overlap_refile_of(mo->ov, m);
	const struct attribution *at = attribution_of(overlap_attribution(mo->ov), m->start);
	if (!rf && (!at || at->owner == NODE_NONE || m->start == u->node))
		return;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "via %s %s: ", kind_name(g->nodes[m->start].kind),
		    graph_node_label(g, m->start));
	if (rf) {
		strbuf_addf(&sb, "'%s' ", detail_base_name(graph_file_path(g, rf->file)));
		attribution_describe_refile(rf, &sb);
	} else {
		attribution_describe(g, at, &sb);
	}
	detail_add_wrapped_under(d, strbuf_str(&sb), d->width - 8, 6, 0, ST_DIM);
	strbuf_free(&sb);
}

static void add_path(struct detail *d, const struct model *mo, const char *side, uint32_t unit,
		     const struct membership *m)
{
	const struct graph *g = mo->g;
	char buf[512];
	if (!m) {
		snprintf(buf, sizeof(buf), "%s: (no path recorded)", side);
		detail_add_row(d, NULL, 0, buf, NULL, ST_DIM)->indent = 4;
		return;
	}
	const struct unit *u = overlap_unit(mo->ov, unit);
	char win[64];
	detail_window_text(m->first, m->last, win, sizeof(win));
	snprintf(buf, sizeof(buf), "%s: %s", side, overlap_unit_name(mo->ov, unit));
	char right[96];
	if (m->conf == CONF_UNKNOWN)
		snprintf(right, sizeof(right), "conf -  %s", win);
	else
		snprintf(right, sizeof(right), "conf %u  %s", m->conf, win);
	struct drow *r = detail_add_row(d, NULL, 0, buf, right, ST_ACTOR);
	r->indent = 4;
	if (u->node != NODE_NONE) {
		r->link_type = DL_NODE;
		r->link = u->node;
	}
	add_path_join(d, mo, u, m);
	uint32_t cur = m->start;
	for (int i = 0; i < m->path_len && i < OVERLAP_MAX_PATH; i++) {
		uint32_t e = m->path[i];
		if (e >= g->edge_count)
			break;
		const struct edge *ed = graph_edge_at(g, e);
		/* which end continues the path: the one that is not the current
		 * node (or a node merged into it) */
		uint32_t next;
		if (cur != NODE_NONE && (ed->src == cur || (g->nodes[ed->src].kind == NODE_ACTOR &&
							    alias_unit(g, ed->src) == cur)))
			next = ed->dst;
		else if (cur != NODE_NONE &&
			 (ed->dst == cur ||
			  (g->nodes[ed->dst].kind == NODE_ACTOR && alias_unit(g, ed->dst) == cur)))
			next = ed->src;
		else
			next = i + 1 == m->path_len ? m->value : ed->dst;
		const char *rel = graph_relation_name(g, ed->rel);
		if (next == ed->dst)
			snprintf(buf, sizeof(buf), "-%s-> %s %s", rel,
				 kind_name(g->nodes[next].kind), graph_node_label(g, next));
		else
			snprintf(buf, sizeof(buf), "<-%s- %s %s", rel,
				 kind_name(g->nodes[next].kind), graph_node_label(g, next));
		r = detail_add_row(d, NULL, 0, buf, NULL, detail_kind_style(g->nodes[next].kind));
		r->indent = 6;
		r->link_type = DL_NODE;
		r->link = next;
		char src[512], ew[64];
		detail_window_text(ed->first, ed->last, ew, sizeof(ew));
		const char *obj = ed->obj ? graph_str(g, ed->obj) : "";
		char conf[16];
		if (ed->conf == CONF_UNKNOWN)
			snprintf(conf, sizeof(conf), "-");
		else
			snprintf(conf, sizeof(conf), "%u", ed->conf);
		snprintf(src, sizeof(src), "source %s%s%s%s  conf %s  %s%s%s",
			 ed->file < g->file_count ? detail_base_name(graph_file_path(g, ed->file))
						  : "?",
			 *obj ? " (" : "", obj, *obj ? ")" : "", conf, ew, ed->tlp ? "  " : "",
			 ed->tlp ? tlp_name(ed->tlp) : "");
		if (ed->flags & EDGE_F_DERIVED)
			strncat(src, "  derived", sizeof(src) - strlen(src) - 1);
		detail_add_row(d, NULL, 0, src, NULL, ST_DIM)->indent = 8;
		cur = next;
	}
}

void detail_build_why(struct detail *d, const struct model *m, uint32_t pair)
{
	uint8_t *keep = NULL;
	size_t nkeep = 0;
	if (d->kind == DK_WHY && d->item == pair && d->expanded) {
		keep = d->expanded;
		nkeep = d->nev;
		d->expanded = NULL;
	}
	free_why(d);
	detail_reset(d);
	d->item = pair;
	if (!m->ov) {
		free(keep);
		return;
	}
	const struct overlap_pair *p = model_pair(m, pair);
	if (!p) {
		free(keep);
		return;
	}
	d->kind = DK_WHY;
	snprintf(d->title, sizeof(d->title), "why %s %s %s", overlap_unit_name(m->ov, p->a),
		 both(d), overlap_unit_name(m->ov, p->b));
	add_pair_units(d, m, p);
	add_pair_summary(d, m, p);
	d->nev = overlap_why(m->ov, p->a, p->b, &d->ev, &d->near, &d->nnear);
	d->expanded = xcalloc(d->nev ? d->nev : 1, 1);
	if (keep && nkeep == d->nev)
		memcpy(d->expanded, keep, nkeep);
	free(keep);
	detail_add_blank(d);
	char head[160];
	snprintf(head, sizeof(head), "evidence (%zu): Enter expands a row to its paths and sources",
		 d->nev);
	detail_add_row(d, NULL, 0, head, NULL, ST_HEADER);
	const struct graph *g = m->g;
	/* the values' column is as wide as the longest value, as far as the
	 * screen allows: two values that differ at their end must look
	 * different (firewallupdate.firewall-gateway.com and .net) */
	int vw = 16;
	for (size_t i = 0; i < d->nev; i++) {
		int w = text_width(graph_node_label(g, d->ev[i].value), d->ascii);
		if (w > vw)
			vw = w;
	}
	int room = d->width - 36; /* kind, df, weight and the flags beside it */
	if (vw > room)
		vw = room > 16 ? room : 16;
	if (vw > 250)
		vw = 250;
	for (size_t i = 0; i < d->nev; i++) {
		const struct evidence *e = &d->ev[i];
		char mid[300], fl[128];
		snprintf(mid, sizeof(mid), "%-6s df %-3u w %.3f  %s",
			 kind_name(g->nodes[e->value].kind), e->df, e->weight,
			 flags_text(e, fl, sizeof(fl)));
		struct drow *r = detail_add_row(d, graph_node_label(g, e->value), vw, mid, NULL,
						evidence_style(e));
		r->col1_style = ST_INFRA;
		r->indent = 0;
		r->link_type = DL_EVIDENCE;
		r->link = (uint32_t)i;
		if (!d->expanded[i])
			continue;
		char f[512];
		int fn = snprintf(f, sizeof(f),
				  "w = idf %.3f x type %.2f x list %.2f x conf %.2f x time %.2f",
				  e->idf, e->type, e->list, e->conf, e->time);
		if ((e->flags & EV_ONE_PUBLISHER) && fn > 0 && (size_t)fn < sizeof(f))
			snprintf(f + fn, sizeof(f) - (size_t)fn, " x source %.2f (one publisher: %s)",
				 e->src, graph_str(g, e->publisher));
		detail_add_row(d, NULL, 0, f, NULL, ST_DIM)->indent = 4;
		add_path(d, m, "A", p->a, e->in_a);
		add_path(d, m, "B", p->b, e->in_b);
	}
	if (d->nnear) {
		detail_add_blank(d);
		snprintf(head, sizeof(head), "near misses (%zu): not counted", d->nnear);
		detail_add_row(d, NULL, 0, head, NULL, ST_HEADER);
		for (size_t i = 0; i < d->nnear; i++) {
			char buf[512];
			snprintf(buf, sizeof(buf), "%s ~ %s",
				 graph_node_label(g, d->near[i].value_a),
				 graph_node_label(g, d->near[i].value_b));
			detail_add_row(d, NULL, 0, buf, d->near[i].why, ST_DIM)->indent = 2;
		}
	}
	add_shared_nodes(d, m, p, 0);
	add_shared_nodes(d, m, p, 1);
}
