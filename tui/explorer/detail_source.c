/* The documents about sources: one input file as the Reports tab shows it
 * (what it is, who published it, which actor each of its reports speaks for
 * and why, its copies, what loading it found wrong), and the problems of
 * the whole load, one key away (!) instead of only on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/attribution.h"
#include "graph/copies.h"
#include "graph/date.h"
#include "graph/diag.h"
#include "graph/overlap.h"
#include "graph/strbuf.h"
#include "tui/explorer/detail.h"
#include "tui/explorer/detail_int.h"
#include "tui/explorer/model.h"

const char *detail_base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s && s[1] ? s + 1 : path;
}

/* The problems of one file, by level: errors first. */
static void add_file_problems(struct detail *d, const struct model *m, uint32_t file)
{
	if (!m->diags)
		return;
	size_t counts[3] = {0};
	for (size_t i = 0; i < m->diags->count; i++)
		if (m->diags->items[i].file == file && m->diags->items[i].level <= DIAG_QUIRK)
			counts[m->diags->items[i].level]++;
	if (!counts[0] && !counts[1] && !counts[2])
		return;
	char head[128];
	snprintf(head, sizeof(head), "problems: %zu error%s, %zu warning%s, %zu quirk%s", counts[0],
		 counts[0] == 1 ? "" : "s", counts[1], counts[1] == 1 ? "" : "s", counts[2],
		 counts[2] == 1 ? "" : "s");
	detail_add_blank(d);
	detail_add_row(d, NULL, 0, head, NULL, ST_HEADER);
	size_t shown = 0;
	for (int level = DIAG_ERROR; level <= DIAG_QUIRK; level++)
		for (size_t i = 0; i < m->diags->count && shown < 200; i++) {
			const struct diag *di = &m->diags->items[i];
			if (di->file != file || di->level != level)
				continue;
			char at[64] = "";
			if (di->line)
				snprintf(at, sizeof(at), "%u:%u", di->line, di->col);
			char text[1024];
			snprintf(text, sizeof(text), "%s%s%s%s", di->where ? di->where : "",
				 di->where ? ": " : "", di->msg, "");
			struct drow *r = detail_add_row(d, at[0] ? at : diag_level_name(level), 9,
							text, diag_code_key(di->code),
							level == DIAG_ERROR ? ST_ERROR : ST_NORMAL);
			r->indent = 2;
			shown++;
		}
	if (shown < counts[0] + counts[1] + counts[2]) {
		snprintf(head, sizeof(head), "... %zu more (agx check lists them all)",
			 counts[0] + counts[1] + counts[2] - shown);
		detail_add_row(d, NULL, 0, head, NULL, ST_DIM)->indent = 2;
	}
}

/* A file whose values name their actor directly, re-filed by the analyst
 * to another actor: to whom, and the decision. */
static void add_file_refiled(struct detail *d, const struct model *m, uint32_t file)
{
	size_t nr;
	const struct attrib_refile *r = attribution_refiled(overlap_attribution(m->ov), &nr);
	struct strbuf why = STRBUF_INIT;
	for (size_t i = 0; i < nr; i++) {
		if (r[i].file != file)
			continue;
		detail_add_blank(d);
		detail_add_row(d, NULL, 0, "its values, and whom they speak for", NULL, ST_HEADER);
		char to[512];
		snprintf(to, sizeof(to), "-> %s", detail_owner_name(m, r[i].actor));
		struct drow *row = detail_add_row(d, NULL, 9, to,
						  attribution_reason_name(ATTRIB_ANALYST), ST_ACTOR);
		row->indent = 2;
		row->link_type = DL_NODE;
		row->link = r[i].actor;
		strbuf_reset(&why);
		attribution_describe_refile(&r[i], &why);
		detail_add_wrapped_under(d, strbuf_str(&why), d->width - 12, 2, 9, ST_DIM);
	}
	strbuf_free(&why);
}

/* The reports of the file and whom each speaks for, and why. */
static void add_file_reports(struct detail *d, const struct model *m, uint32_t file)
{
	const struct graph *g = m->g;
	if (!m->ov)
		return;
	const struct attribution_table *t = overlap_attribution(m->ov);
	size_t n, shown = 0, more = 0;
	const struct attribution *all = attribution_all(t, &n);
	struct strbuf why = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const struct attribution *at = &all[i];
		if (g->nodes[at->subject].file != file)
			continue;
		if (shown >= 60) {
			more++;
			continue;
		}
		if (!shown) {
			detail_add_blank(d);
			detail_add_row(d, NULL, 0, "reports and campaigns, and whom they speak for",
				       NULL, ST_HEADER);
		}
		shown++;
		struct drow *r = detail_add_row(d, kind_name(g->nodes[at->subject].kind), 9,
						graph_node_label(g, at->subject), NULL, ST_NORMAL);
		r->indent = 2;
		r->link_type = DL_NODE;
		r->link = at->subject;
		char to[512];
		snprintf(to, sizeof(to), "%s %s", at->owner == NODE_NONE ? "stands alone" : "->",
			 at->owner == NODE_NONE ? "" : detail_owner_name(m, at->owner));
		r = detail_add_row(d, NULL, 9, to, attribution_reason_name(at->reason),
				   at->owner == NODE_NONE ? ST_DIM : ST_ACTOR);
		r->indent = 2;
		if (at->owner != NODE_NONE) {
			r->link_type = DL_NODE;
			r->link = at->owner;
		}
		strbuf_reset(&why);
		if (at->reason != ATTRIB_NONE)
			attribution_describe(g, at, &why);
		if (why.len)
			detail_add_wrapped_under(d, strbuf_str(&why), d->width - 12, 2, 9, ST_DIM);
	}
	strbuf_free(&why);
	if (more) {
		char buf[64];
		snprintf(buf, sizeof(buf), "... %zu more", more);
		detail_add_row(d, NULL, 0, buf, NULL, ST_DIM)->indent = 2;
	}
	add_file_refiled(d, m, file);
}

/* Its copies (one report in several files) and why they are copies. */
static void add_file_copies(struct detail *d, const struct model *m, uint32_t file)
{
	const struct graph *g = m->g;
	const struct copies *c = m->ov ? overlap_copies(m->ov) : NULL;
	if (!c)
		return;
	uint32_t grp = copies_group(c, file);
	int first = 1;
	for (size_t f = 0; f < g->file_count; f++) {
		if (f == file || copies_group(c, (uint32_t)f) != grp)
			continue;
		const char *why = copies_why(c, (uint32_t)f == grp ? file : (uint32_t)f);
		struct drow *r = detail_add_row(d, first ? "copies" : NULL, 10,
						graph_file_path(g, (uint32_t)f), why, ST_NORMAL);
		r->link_type = DL_FILE;
		r->link = (uint32_t)f;
		first = 0;
	}
	if (!first)
		detail_add_fact(d, NULL, "(one report: it counts once)")->style = ST_DIM;
	/* the actors its statements name */
	size_t nu;
	const uint32_t *units = copies_units(c, file, &nu);
	for (size_t i = 0; i < nu && i < 20; i++) {
		struct drow *r = detail_add_row(d, i ? NULL : "names", 10,
						detail_owner_name(m, units[i]), NULL, ST_ACTOR);
		r->link_type = DL_NODE;
		r->link = units[i];
	}
}

void detail_build_file(struct detail *d, const struct model *m, uint32_t file)
{
	const struct graph *g = m->g;
	detail_reset(d);
	if (file >= g->file_count)
		return;
	const struct src_file *f = &g->files[file];
	d->kind = DK_FILE;
	d->item = file;
	snprintf(d->title, sizeof(d->title), "source");
	const char *path = graph_file_path(g, file);
	const char *title = f->title ? graph_str(g, f->title) : NULL;
	struct drow *r =
	    detail_add_row(d, NULL, 0, title && *title ? title : detail_base_name(path),
			   graph_str(g, f->format), ST_TITLE);
	r->right_style = ST_DIM;
	r = detail_add_fact(d, "path", path);
	r->copy = detail_add_str(d, path);
	char buf[512];
	const char *pub = model_file(m, file)->publisher;
	detail_add_fact(d, "publisher", pub ? pub : "not stated");
	char date[16];
	detail_add_fact(d, "date",
			f->date == DATE_UNKNOWN ? "undated"
						: date_format(f->date, date, sizeof(date)));
	detail_add_fact(d, "marking", f->tlp ? tlp_name(f->tlp) : "none marked");
	/* (no load time: a screen shows the same data the same way every time) */
	snprintf(buf, sizeof(buf), "%u loaded, %u skipped, %u error%s", f->objects, f->skipped,
		 f->errors, f->errors == 1 ? "" : "s");
	detail_add_fact(d, "objects", buf)->style = f->errors ? ST_ERROR : ST_NORMAL;
	if (m->ov && overlap_copies(m->ov)) {
		size_t nv;
		copies_values(overlap_copies(m->ov), file, &nv);
		snprintf(buf, sizeof(buf), "%zu infrastructure value%s stated", nv,
			 nv == 1 ? "" : "s");
		detail_add_fact(d, "values", buf);
	}
	add_file_copies(d, m, file);
	add_file_reports(d, m, file);
	add_file_problems(d, m, file);
}

void detail_build_problems(struct detail *d, const struct model *m)
{
	const struct graph *g = m->g;
	detail_reset(d);
	d->kind = DK_PROBLEMS;
	d->item = 0;
	snprintf(d->title, sizeof(d->title), "problems of the load");
	if (!m->diags || !m->diags->count) {
		detail_add_row(d, NULL, 0, "Nothing: every input loaded without an error or quirk.",
			       NULL, ST_DIM);
		return;
	}
	char buf[256];
	snprintf(buf, sizeof(buf),
		 "%zu error%s, %zu warning%s, %zu quirk%s (Enter on a file: its report in the "
		 "Reports tab; q closes)",
		 m->diags->counts[DIAG_ERROR], m->diags->counts[DIAG_ERROR] == 1 ? "" : "s",
		 m->diags->counts[DIAG_WARNING], m->diags->counts[DIAG_WARNING] == 1 ? "" : "s",
		 m->diags->counts[DIAG_QUIRK], m->diags->counts[DIAG_QUIRK] == 1 ? "" : "s");
	detail_add_row(d, NULL, 0, buf, NULL, ST_TITLE);
	if (m->diags->dropped) {
		snprintf(buf, sizeof(buf), "(%zu more were counted but not kept)",
			 m->diags->dropped);
		detail_add_row(d, NULL, 0, buf, NULL, ST_DIM);
	}
	/* errors first, then warnings, then quirks; each under its file */
	for (int level = DIAG_ERROR; level <= DIAG_QUIRK; level++) {
		if (!m->diags->counts[level])
			continue;
		detail_add_blank(d);
		snprintf(buf, sizeof(buf), "%ss (%zu)", diag_level_name(level),
			 m->diags->counts[level]);
		detail_add_row(d, NULL, 0, buf, NULL, ST_HEADER);
		uint32_t last_file = UINT32_MAX - 1;
		size_t shown = 0;
		for (size_t i = 0; i < m->diags->count; i++) {
			const struct diag *di = &m->diags->items[i];
			if (di->level != level)
				continue;
			if (shown++ >= 2000)
				continue;
			if (di->file != last_file) {
				last_file = di->file;
				struct drow *r = detail_add_row(d, NULL, 0,
								di->file < g->file_count
								    ? graph_file_path(g, di->file)
								    : "(no file)",
								NULL, ST_NORMAL);
				r->indent = 2;
				if (di->file < g->file_count) {
					r->link_type = DL_FILE;
					r->link = di->file;
				}
			}
			char at[64] = "";
			if (di->line)
				snprintf(at, sizeof(at), "%u:%u", di->line, di->col);
			char text[1024];
			snprintf(text, sizeof(text), "%s%s%s", di->where ? di->where : "",
				 di->where ? ": " : "", di->msg);
			struct drow *r = detail_add_row(d, at, 9, text, diag_code_key(di->code),
							level == DIAG_ERROR ? ST_ERROR : ST_NORMAL);
			r->indent = 4;
		}
		if (shown > 2000) {
			snprintf(buf, sizeof(buf), "... %zu more (agx check lists them all)",
				 shown - 2000);
			detail_add_row(d, NULL, 0, buf, NULL, ST_DIM)->indent = 4;
		}
	}
}

void detail_build_text(struct detail *d, const char *title, const char *text)
{
	detail_reset(d);
	d->kind = DK_TEXT;
	d->item = 0;
	snprintf(d->title, sizeof(d->title), "%s", title);
	detail_add_row(d, NULL, 0, "(y copies it; q closes)", NULL, ST_DIM);
	detail_add_blank(d);
	uint32_t whole = detail_add_str(d, text);
	size_t first = d->n;
	detail_add_wrapped(d, text, d->width, 0, ST_NORMAL);
	for (size_t i = first; i < d->n; i++)
		d->rows[i].copy = whole;
}
