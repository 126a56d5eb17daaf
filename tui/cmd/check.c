/* agx check: the quirks report. Per input file: its format, objects loaded
 * and skipped, every error, the warnings (why objects were skipped) and
 * quirks (what loaded but is odd) grouped by code with their count and the
 * first few examples, which actor each of its reports and campaigns is
 * attributed to and why, and which file it is a copy of. Exit status 1 when
 * any file had an error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/attribution.h"
#include "graph/copies.h"
#include "graph/jw.h"
#include "graph/strbuf.h"
#include "graph/text.h"
#include "tui/cmd/commands.h"
#include "tui/cmd/overlap_cli.h"

enum { EXAMPLES_PER_CODE = 3, ERRORS_SHOWN = 50 };

/* The diagnostics of one file, indexes into the cli's list, by level and code. */
struct file_diags {
	size_t *idx[3][D_CODE_COUNT];
	size_t n[3][D_CODE_COUNT];
};

static void collect(const struct diag_list *d, uint32_t file, struct file_diags *fd)
{
	memset(fd, 0, sizeof(*fd));
	for (size_t i = 0; i < d->count; i++) {
		const struct diag *di = &d->items[i];
		if (di->file != file || di->level > DIAG_QUIRK || di->code >= D_CODE_COUNT)
			continue;
		size_t *n = &fd->n[di->level][di->code];
		fd->idx[di->level][di->code] =
		    realloc(fd->idx[di->level][di->code], (*n + 1) * sizeof(size_t));
		if (!fd->idx[di->level][di->code])
			abort();
		fd->idx[di->level][di->code][(*n)++] = i;
	}
}

static void release(struct file_diags *fd)
{
	for (int l = 0; l < 3; l++)
		for (int k = 0; k < D_CODE_COUNT; k++)
			free(fd->idx[l][k]);
}

static size_t level_total(const struct file_diags *fd, int level)
{
	size_t t = 0;
	for (int k = 0; k < D_CODE_COUNT; k++)
		t += fd->n[level][k];
	return t;
}

static void write_diag_json(struct jw *w, const struct diag *di)
{
	jw_obj_begin(w);
	jw_kstr(w, "code", diag_code_key(di->code));
	jw_kstr(w, "level", diag_level_name(di->level));
	if (di->line)
		jw_kint(w, "line", di->line);
	if (di->col)
		jw_kint(w, "col", di->col);
	if (di->where)
		jw_kstr(w, "where", di->where);
	jw_kstr(w, "message", di->msg);
	jw_obj_end(w);
}

static void write_groups_json(struct jw *w, const struct cli *c, const struct file_diags *fd,
			      int level)
{
	for (int k = 0; k < D_CODE_COUNT; k++) {
		size_t n = fd->n[level][k];
		if (!n)
			continue;
		jw_obj_begin(w);
		jw_kstr(w, "code", diag_code_key(k));
		jw_kstr(w, "meaning", diag_code_meaning(k));
		jw_kint(w, "count", (long long)n);
		jw_key(w, "examples");
		jw_arr_begin(w);
		for (size_t i = 0; i < n && i < EXAMPLES_PER_CODE; i++)
			write_diag_json(w, &c->session.diags.items[fd->idx[level][k][i]]);
		jw_arr_end(w);
		jw_obj_end(w);
	}
}

/* The name an attribution's actor goes by: its unit's displayed name. */
static const char *owner_name(const struct overlap *ov, uint32_t root)
{
	uint32_t u = overlap_unit_of_node(ov, root);
	return u != UINT32_MAX ? overlap_unit_name(ov, u) : graph_node_label(overlap_graph(ov), root);
}

static void json_attributions(struct jw *w, const struct overlap *ov, uint32_t file)
{
	const struct graph *g = overlap_graph(ov);
	size_t n;
	const struct attribution *all = attribution_all(overlap_attribution(ov), &n);
	struct strbuf d = STRBUF_INIT;
	jw_key(w, "attributions");
	jw_arr_begin(w);
	for (size_t i = 0; i < n; i++) {
		const struct attribution *a = &all[i];
		if (g->nodes[a->subject].file != file)
			continue;
		jw_obj_begin(w);
		jw_kstr(w, "subject", graph_node_label(g, a->subject));
		jw_kstr(w, "kind", kind_name(g->nodes[a->subject].kind));
		jw_kstr(w, "key", graph_node_key(g, a->subject));
		if (a->owner != NODE_NONE)
			jw_kstr(w, "actor", g->nodes[a->owner].kind == NODE_ACTOR
						  ? owner_name(ov, a->owner)
						  : graph_node_label(g, a->owner));
		else
			jw_kstr(w, "actor", NULL);
		jw_kstr(w, "reason", attribution_reason_name(a->reason));
		strbuf_reset(&d);
		attribution_describe(g, a, &d);
		jw_kstr(w, "detail", strbuf_str(&d));
		if (a->copy_of != UINT32_MAX)
			jw_kstr(w, "copy_of", graph_file_path(g, a->copy_of));
		if (a->author)
			jw_kstr(w, "author", a->author);
		if (a->when)
			jw_kstr(w, "when", a->when);
		jw_obj_end(w);
	}
	size_t nr;
	const struct attrib_refile *r = attribution_refiled(overlap_attribution(ov), &nr);
	for (size_t i = 0; i < nr; i++) {
		if (r[i].file != file)
			continue;
		jw_obj_begin(w);
		jw_kstr(w, "subject", graph_file_path(g, file));
		jw_kstr(w, "kind", "file");
		jw_kstr(w, "actor", owner_name(ov, r[i].actor));
		jw_kstr(w, "reason", attribution_reason_name(ATTRIB_ANALYST));
		strbuf_reset(&d);
		attribution_describe_refile(&r[i], &d);
		jw_kstr(w, "detail", strbuf_str(&d));
		if (r[i].author)
			jw_kstr(w, "author", r[i].author);
		if (r[i].when)
			jw_kstr(w, "when", r[i].when);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	strbuf_free(&d);
	const char *why = copies_why(overlap_copies(ov), file);
	if (why) {
		jw_kstr(w, "copy_of", graph_file_path(g, copies_group(overlap_copies(ov), file)));
		jw_kstr(w, "copy_why", why);
	}
}

static void text_attributions(struct strbuf *sb, const struct overlap *ov, uint32_t file)
{
	const struct graph *g = overlap_graph(ov);
	size_t n;
	const struct attribution *all = attribution_all(overlap_attribution(ov), &n);
	for (size_t i = 0; i < n; i++) {
		const struct attribution *a = &all[i];
		if (g->nodes[a->subject].file != file)
			continue;
		strbuf_addf(sb, "  %s '", kind_name(g->nodes[a->subject].kind));
		text_escape_into(sb, graph_node_label(g, a->subject), 0);
		if (a->owner == NODE_NONE) {
			strbuf_adds(sb, "': attributed to none");
			if (a->reason == ATTRIB_ANALYST) {
				strbuf_adds(sb, " (");
				struct strbuf d = STRBUF_INIT;
				attribution_describe(g, a, &d);
				text_escape_into(sb, strbuf_str(&d), 0);
				strbuf_free(&d);
				strbuf_addc(sb, ')');
			}
			strbuf_addc(sb, '\n');
			continue;
		}
		strbuf_adds(sb, "': attributed to ");
		text_escape_into(sb, g->nodes[a->owner].kind == NODE_ACTOR ? owner_name(ov, a->owner)
									   : graph_node_label(g, a->owner),
				 0);
		struct strbuf d = STRBUF_INIT;
		attribution_describe(g, a, &d);
		strbuf_adds(sb, " (");
		text_escape_into(sb, strbuf_str(&d), 0);
		strbuf_adds(sb, ")\n");
		strbuf_free(&d);
	}
	size_t nr;
	const struct attrib_refile *r = attribution_refiled(overlap_attribution(ov), &nr);
	for (size_t i = 0; i < nr; i++) {
		if (r[i].file != file)
			continue;
		strbuf_adds(sb, "  file: its values attributed to ");
		text_escape_into(sb, owner_name(ov, r[i].actor), 0);
		struct strbuf d = STRBUF_INIT;
		attribution_describe_refile(&r[i], &d);
		strbuf_adds(sb, " (");
		text_escape_into(sb, strbuf_str(&d), 0);
		strbuf_adds(sb, ")\n");
		strbuf_free(&d);
	}
	const char *why = copies_why(overlap_copies(ov), file);
	if (why) {
		strbuf_adds(sb, "  copy of ");
		text_escape_into(sb, graph_file_path(g, copies_group(overlap_copies(ov), file)), 0);
		strbuf_adds(sb, " (");
		text_escape_into(sb, why, 0);
		strbuf_adds(sb, ")\n");
	}
}

static void write_json(const struct cli *c, const struct overlap *ov, struct strbuf *sb)
{
	const struct graph *g = c->session.g;
	struct jw w;
	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_key(&w, "files");
	jw_arr_begin(&w);
	for (size_t f = 0; f < g->file_count; f++) {
		const struct src_file *sf = &g->files[f];
		struct file_diags fd;
		collect(&c->session.diags, (uint32_t)f, &fd);
		jw_obj_begin(&w);
		jw_kstr(&w, "path", graph_str(g, sf->path));
		jw_kstr(&w, "format", graph_str(g, sf->format));
		jw_kint(&w, "objects", sf->objects);
		jw_kint(&w, "loaded", sf->objects >= sf->skipped ? sf->objects - sf->skipped : 0);
		jw_kint(&w, "skipped", sf->skipped);
		if (sf->title)
			jw_kstr(&w, "title", graph_str(g, sf->title));
		if (sf->tlp)
			jw_kstr(&w, "tlp", tlp_name(sf->tlp));
		jw_key(&w, "errors");
		jw_arr_begin(&w);
		for (int k = 0; k < D_CODE_COUNT; k++)
			for (size_t i = 0; i < fd.n[DIAG_ERROR][k]; i++)
				write_diag_json(&w,
						&c->session.diags.items[fd.idx[DIAG_ERROR][k][i]]);
		jw_arr_end(&w);
		jw_key(&w, "warnings");
		jw_arr_begin(&w);
		write_groups_json(&w, c, &fd, DIAG_WARNING);
		jw_arr_end(&w);
		jw_key(&w, "quirks");
		jw_arr_begin(&w);
		write_groups_json(&w, c, &fd, DIAG_QUIRK);
		jw_arr_end(&w);
		json_attributions(&w, ov, (uint32_t)f);
		jw_obj_end(&w);
		release(&fd);
	}
	jw_arr_end(&w);
	size_t np;
	const struct attrib_problem *pr = attribution_problems(overlap_attribution(ov), &np);
	jw_key(&w, "attribution_problems");
	jw_arr_begin(&w);
	for (size_t i = 0; i < np; i++)
		jw_str(&w, pr[i].text);
	jw_arr_end(&w);
	jw_kint(&w, "dropped", (long long)c->session.diags.dropped);
	jw_obj_end(&w);
	strbuf_addc(sb, '\n');
}

static void text_line(struct strbuf *sb, const struct cli *c, size_t i, const char *indent)
{
	const struct diag *di = &c->session.diags.items[i];
	char *s = diag_format(di, graph_file_path(c->session.g, di->file));
	strbuf_addf(sb, "%s%s\n", indent, s);
	free(s);
}

static void text_groups(struct strbuf *sb, const struct cli *c, const struct file_diags *fd,
			int level, const char *title)
{
	size_t total = level_total(fd, level);
	if (!total)
		return;
	strbuf_addf(sb, "  %s: %zu\n", title, total);
	for (int k = 0; k < D_CODE_COUNT; k++) {
		size_t n = fd->n[level][k];
		if (!n)
			continue;
		strbuf_addf(sb, "    %-16s %6zu  %s\n", diag_code_key(k), n, diag_code_meaning(k));
		for (size_t i = 0; i < n && i < EXAMPLES_PER_CODE; i++)
			text_line(sb, c, fd->idx[level][k][i], "      ");
		if (n > EXAMPLES_PER_CODE)
			strbuf_addf(sb, "      ... %zu more\n", n - EXAMPLES_PER_CODE);
	}
}

static void write_text(const struct cli *c, const struct overlap *ov, struct strbuf *sb)
{
	const struct graph *g = c->session.g;
	size_t with_errors = 0;
	for (size_t f = 0; f < g->file_count; f++) {
		const struct src_file *sf = &g->files[f];
		struct file_diags fd;
		collect(&c->session.diags, (uint32_t)f, &fd);
		size_t errors = level_total(&fd, DIAG_ERROR);
		with_errors += errors > 0;
		text_escape_into(sb, graph_str(g, sf->path), 0);
		strbuf_addf(sb, ": %s, %u object%s: %u loaded, %u skipped; %zu error%s\n",
			    graph_str(g, sf->format), sf->objects, sf->objects == 1 ? "" : "s",
			    sf->objects >= sf->skipped ? sf->objects - sf->skipped : 0, sf->skipped,
			    errors, errors == 1 ? "" : "s");
		if (sf->title) {
			strbuf_adds(sb, "  title: ");
			text_escape_into(sb, graph_str(g, sf->title), 0);
			strbuf_addc(sb, '\n');
		}
		size_t shown = 0;
		for (int k = 0; k < D_CODE_COUNT; k++)
			for (size_t i = 0; i < fd.n[DIAG_ERROR][k] && shown < ERRORS_SHOWN;
			     i++, shown++)
				text_line(sb, c, fd.idx[DIAG_ERROR][k][i], "  ");
		if (errors > shown)
			strbuf_addf(sb, "  ... %zu more errors\n", errors - shown);
		text_groups(sb, c, &fd, DIAG_WARNING, "skipped or refused (warnings)");
		text_groups(sb, c, &fd, DIAG_QUIRK, "quirks (loaded)");
		text_attributions(sb, ov, (uint32_t)f);
		release(&fd);
	}
	size_t np;
	const struct attrib_problem *pr = attribution_problems(overlap_attribution(ov), &np);
	for (size_t i = 0; i < np; i++) {
		strbuf_adds(sb, "attribution: ");
		text_escape_into(sb, pr[i].text, 0);
		strbuf_addc(sb, '\n');
	}
	size_t skipped = 0;
	for (size_t f = 0; f < g->file_count; f++)
		skipped += g->files[f].skipped;
	strbuf_addf(sb, "%zu file%s checked, %zu with errors, %zu object%s skipped", g->file_count,
		    g->file_count == 1 ? "" : "s", with_errors, skipped, skipped == 1 ? "" : "s");
	if (c->session.diags.dropped)
		strbuf_addf(sb, " (%zu diagnostics beyond the first %zu not kept)",
			    c->session.diags.dropped, c->session.diags.count);
	strbuf_addc(sb, '\n');
}

int cmd_check(struct cli *c)
{
	/* errors go to stderr as usual; the full report (warnings and quirks
	 * too) is the command's output */
	c->session.quiet = 1;
	struct overlap_session s;
	int rc = overlap_cli_open(c, &s);
	struct strbuf sb = STRBUF_INIT;
	if (c->json)
		write_json(c, s.ov, &sb);
	else
		write_text(c, s.ov, &sb);
	overlap_cli_close(&s);
	if (cli_write_output(c->out, strbuf_str(&sb), sb.len))
		rc = EXIT_INPUT;
	strbuf_free(&sb);
	return rc;
}
