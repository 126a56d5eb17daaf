/* agx why A B: the evidence behind one pair's score. Each shared value with
 * its kind, df, weight and every factor of it, its warninglist hit, the
 * dates on each side, its sources (file and object id of every statement on
 * both paths) and the path by which each unit reaches it; near misses
 * apart, never counted. Text or --json (SPEC.md shape, more keys). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/date.h"
#include "graph/jw.h"
#include "graph/text.h"
#include "tui/cmd/commands.h"
#include "tui/cmd/overlap_cli.h"

#define MAX_SOURCES 64

struct source {
	uint32_t file, obj;
};

/* The distinct (file, object id) statements on both paths. */
static size_t sources_of(const struct graph *g, const struct evidence *e, struct source *out)
{
	size_t n = 0;
	const struct membership *m[2] = {e->in_a, e->in_b};
	for (int s = 0; s < 2; s++) {
		for (int i = 0; i < m[s]->path_len; i++) {
			const struct edge *ed = graph_edge_at(g, m[s]->path[i]);
			if (ed->flags & EDGE_F_DERIVED)
				continue;
			int dup = 0;
			for (size_t j = 0; j < n; j++)
				dup |= out[j].file == ed->file && out[j].obj == ed->obj;
			if (!dup && n < MAX_SOURCES)
				out[n++] = (struct source){ed->file, ed->obj};
		}
	}
	return n;
}

/* Files stating something of the value that the two paths do not go
 * through (another source of one side, or of a third unit): why a value
 * both paths have from one publisher may still count whole. One entry per
 * file; returns the count. */
static size_t also_in(const struct graph *g, const struct evidence *e, const struct source *seen,
		      size_t nseen, uint32_t *out)
{
	size_t n = 0;
	struct adj a = graph_adj(g, e->value);
	for (uint32_t k = 0; k < a.count; k++) {
		const struct edge *ed = graph_edge_at(g, a.edges[k]);
		if (ed->flags & EDGE_F_DERIVED)
			continue;
		int dup = 0;
		for (size_t j = 0; j < nseen && !dup; j++)
			dup = seen[j].file == ed->file;
		for (size_t j = 0; j < n && !dup; j++)
			dup = out[j] == ed->file;
		if (!dup && n < MAX_SOURCES)
			out[n++] = ed->file;
	}
	return n;
}

static const char *window(const struct membership *m, char *buf, size_t n)
{
	char a[16], b[16];
	if (m->first == DATE_UNKNOWN && m->last == DATE_UNKNOWN)
		snprintf(buf, n, "undated");
	else if (m->first == m->last || m->last == DATE_UNKNOWN)
		snprintf(buf, n, "%s", date_format(m->first, a, sizeof(a)));
	else
		snprintf(buf, n, "%s..%s", date_format(m->first, a, sizeof(a)),
			 date_format(m->last, b, sizeof(b)));
	return buf;
}

static void flags_text(uint8_t f, struct strbuf *sb)
{
	if (f & EV_OVER_CAP)
		strbuf_adds(sb, " [over the df cap: weight 0]");
	if (f & EV_PARTIAL)
		strbuf_adds(sb, " [partial match: weight 0]");
	if (f & EV_WARNLISTED)
		strbuf_adds(sb, " [warninglisted]");
	if (f & EV_UNDATED)
		strbuf_adds(sb, " [undated]");
	if (f & EV_ONE_SOURCE)
		strbuf_adds(sb, " [one report names both: weight 0]");
}

static void esc(struct strbuf *sb, const char *s)
{
	text_escape_into(sb, s, 0);
}

/* "overlap: two different units", "corroboration: two sources of X". */
static void relation_line(const struct overlap *ov, uint32_t a, uint32_t b, struct strbuf *sb)
{
	int rel = overlap_relation_of(ov, a, b);
	strbuf_addf(sb, "  relation: %s", overlap_relation_name(rel));
	uint32_t parent = overlap_unit_parent(ov, a);
	if (rel == PAIR_OVERLAP) {
		strbuf_adds(sb, " (two different actors or unattributed clusters)\n");
	} else if (parent != UINT32_MAX) {
		strbuf_addf(sb, " (two %s of ", rel == PAIR_CORROBORATION ? "sources" : "campaigns");
		esc(sb, overlap_unit_name(ov, parent));
		strbuf_adds(sb, ")\n");
	} else {
		strbuf_addc(sb, '\n');
	}
}

static void header(const struct overlap *ov, uint32_t a, uint32_t b, struct strbuf *sb)
{
	uint32_t k = overlap_pair_find(ov, a, b);
	esc(sb, overlap_unit_name(ov, a));
	strbuf_adds(sb, " ~ ");
	esc(sb, overlap_unit_name(ov, b));
	if (k == UINT32_MAX) {
		strbuf_adds(sb, ": score 0, weight 0, shared 0 (not linked: nothing shared beyond "
				"warninglisted, over-cap or partial values)\n");
		return;
	}
	const struct overlap_pair *q = overlap_pair_at(ov, k);
	strbuf_addf(sb, ": score %.4f, weight %.4f, shared %u", q->score, q->weight, q->shared);
	if (q->shared_all != q->shared)
		strbuf_addf(sb, " (%u with zero-weight rows)", q->shared_all);
	strbuf_addf(sb,
		    "\n  tools %.2f (%u shared), techniques %.2f (%u shared): separate "
		    "dimensions, not in the score\n",
		    q->tools, q->ntools, q->techniques, q->ntechniques);
}

static void write_text(const struct overlap *ov, uint32_t a, uint32_t b, const struct evidence *ev,
		       size_t n, const struct near_miss *near, size_t nn, const char *notes,
		       struct strbuf *sb)
{
	const struct graph *g = overlap_graph(ov);
	for (const char *l = notes; l && *l;) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		strbuf_adds(sb, "note: ");
		strbuf_add(sb, l, len);
		strbuf_addc(sb, '\n');
		l += len + (e != NULL);
	}
	header(ov, a, b, sb);
	relation_line(ov, a, b, sb);
	uint32_t k = overlap_pair_find(ov, a, b);
	if (k != UINT32_MAX) {
		const struct overlap_pair *q = overlap_pair_at(ov, k);
		double chance, prior;
		overlap_score_terms(ov, a, b, &chance, &prior);
		strbuf_addf(sb,
			    "  score = S / (S + E + K) = %.4f / (%.4f + %.4f + %.4f): S the "
			    "shared weight, E what chance gives sets of %zu and %zu values, K one "
			    "value's worth\n",
			    q->weight, q->weight, chance, prior, (size_t)overlap_unit_counted(ov, a),
			    (size_t)overlap_unit_counted(ov, b));
	}
	strbuf_addf(sb,
		    "  weight = idf x type x list x conf x time (x 0.5 when both sides hold the "
		    "value from one publisher only); N = %u units, df cap %d, slack %d days\n",
		    overlap_active_units(ov), overlap_options(ov)->df_cap,
		    overlap_options(ov)->slack_days);
	struct strbuf path = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const struct evidence *e = &ev[i];
		char wa[32], wb[32];
		strbuf_addf(sb, "\n%3zu. ", i + 1);
		esc(sb, graph_node_key(g, e->value));
		strbuf_addf(sb, "  %s  df %u  weight %.4f = %.4f x %.2f x %.2f x %.2f x %.2f",
			    kind_name(graph_node_at(g, e->value)->kind), e->df, e->weight, e->idf,
			    e->type, e->list, e->conf, e->time);
		if (e->flags & EV_ONE_PUBLISHER) {
			strbuf_addf(sb, " x %.2f [both sides from one publisher, ", e->src);
			esc(sb, graph_str(g, e->publisher));
			strbuf_addc(sb, ']');
		}
		flags_text(e->flags, sb);
		strbuf_addc(sb, '\n');
		if (e->warninglist) {
			strbuf_adds(sb, "     warninglist  ");
			esc(sb, e->warninglist);
			strbuf_addc(sb, '\n');
		}
		strbuf_addf(sb, "     dates        A %s, B %s\n", window(e->in_a, wa, sizeof(wa)),
			    window(e->in_b, wb, sizeof(wb)));
		strbuf_adds(sb, "     confidence   ");
		if (e->in_a->conf == CONF_UNKNOWN)
			strbuf_adds(sb, "A not stated (50)");
		else
			strbuf_addf(sb, "A %u", e->in_a->conf);
		if (e->in_b->conf == CONF_UNKNOWN)
			strbuf_adds(sb, ", B not stated (50)\n");
		else
			strbuf_addf(sb, ", B %u\n", e->in_b->conf);
		struct source src[MAX_SOURCES];
		size_t ns = sources_of(g, e, src);
		for (size_t j = 0; j < ns; j++) {
			strbuf_adds(sb, j ? "                  " : "     sources      ");
			esc(sb, graph_file_path(g, src[j].file));
			if (src[j].obj) {
				strbuf_adds(sb, " (");
				esc(sb, graph_str(g, src[j].obj));
				strbuf_addc(sb, ')');
			}
			strbuf_addc(sb, '\n');
		}
		uint32_t more[MAX_SOURCES];
		size_t nm = also_in(g, e, src, ns, more);
		for (size_t j = 0; j < nm; j++) {
			strbuf_adds(sb, j ? "                  " : "     also in      ");
			esc(sb, graph_file_path(g, more[j]));
			strbuf_addc(sb, '\n');
		}
		const struct membership *m[2] = {e->in_a, e->in_b};
		for (int s = 0; s < 2; s++) {
			strbuf_reset(&path);
			overlap_path_text(ov, m[s], &path);
			strbuf_addf(sb, "     path %c       ", s ? 'B' : 'A');
			esc(sb, strbuf_str(&path));
			strbuf_addc(sb, '\n');
		}
	}
	strbuf_free(&path);
	if (nn) {
		strbuf_adds(sb, "\nnear misses (listed apart, never counted):\n");
		for (size_t i = 0; i < nn; i++) {
			strbuf_adds(sb, "  ");
			esc(sb, graph_node_key(g, near[i].value_a));
			strbuf_adds(sb, " (A) ~ ");
			esc(sb, graph_node_key(g, near[i].value_b));
			strbuf_addf(sb, " (B): %s\n", near[i].why);
		}
	}
}

static void jdate(struct jw *w, const char *key, int32_t d)
{
	char buf[16];
	if (d == DATE_UNKNOWN)
		jw_key(w, key), jw_null(w);
	else
		jw_kstr(w, key, date_format(d, buf, sizeof(buf)));
}

static void write_json(const struct overlap *ov, uint32_t a, uint32_t b, const struct evidence *ev,
		       size_t n, const struct near_miss *near, size_t nn, const char *notes,
		       struct strbuf *sb)
{
	const struct graph *g = overlap_graph(ov);
	uint32_t k = overlap_pair_find(ov, a, b);
	const struct overlap_pair *q = k == UINT32_MAX ? NULL : overlap_pair_at(ov, k);
	struct jw w;
	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_kstr(&w, "a", overlap_unit_name(ov, a));
	jw_kstr(&w, "b", overlap_unit_name(ov, b));
	jw_kstr(&w, "relation", overlap_relation_name(overlap_relation_of(ov, a, b)));
	uint32_t parent = overlap_unit_parent(ov, a);
	jw_kstr(&w, "actor", parent != UINT32_MAX ? overlap_unit_name(ov, parent) : NULL);
	double chance, prior;
	overlap_score_terms(ov, a, b, &chance, &prior);
	jw_knum(&w, "chance", chance, 6);
	jw_knum(&w, "prior", prior, 6);
	jw_key(&w, "notes");
	jw_arr_begin(&w);
	for (const char *l = notes; l && *l;) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		char *line = strndup(l, len);
		jw_str(&w, line);
		free(line);
		l += len + (e != NULL);
	}
	jw_arr_end(&w);
	jw_knum(&w, "score", q ? q->score : 0, 4);
	jw_knum(&w, "weight", q ? q->weight : 0, 4);
	jw_kint(&w, "shared", q ? q->shared : 0);
	jw_kint(&w, "shared_all", (long long)n);
	jw_knum(&w, "tools", q ? q->tools : 0, 4);
	jw_knum(&w, "techniques", q ? q->techniques : 0, 4);
	jw_kint(&w, "units", overlap_active_units(ov));
	jw_key(&w, "evidence");
	jw_arr_begin(&w);
	struct strbuf path = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const struct evidence *e = &ev[i];
		jw_obj_begin(&w);
		jw_kstr(&w, "value", graph_node_key(g, e->value));
		jw_kstr(&w, "kind", kind_name(graph_node_at(g, e->value)->kind));
		jw_kint(&w, "df", e->df);
		jw_knum(&w, "weight", e->weight, 6);
		jw_key(&w, "factors");
		jw_obj_begin(&w);
		jw_knum(&w, "idf", e->idf, 6);
		jw_knum(&w, "type", e->type, 6);
		jw_knum(&w, "list", e->list, 6);
		jw_knum(&w, "conf", e->conf, 6);
		jw_knum(&w, "time", e->time, 6);
		jw_knum(&w, "source", e->src, 6);
		jw_obj_end(&w);
		jw_kstr(&w, "warninglist", e->warninglist);
		jw_key(&w, "flags");
		jw_arr_begin(&w);
		if (e->flags & EV_WARNLISTED)
			jw_str(&w, "warninglisted");
		if (e->flags & EV_OVER_CAP)
			jw_str(&w, "over-cap");
		if (e->flags & EV_UNDATED)
			jw_str(&w, "undated");
		if (e->flags & EV_PARTIAL)
			jw_str(&w, "partial");
		if (e->flags & EV_ONE_SOURCE)
			jw_str(&w, "one-source");
		if (e->flags & EV_ONE_PUBLISHER)
			jw_str(&w, "one-publisher");
		jw_arr_end(&w);
		jw_kstr(&w, "publisher",
			(e->flags & EV_ONE_PUBLISHER) ? graph_str(g, e->publisher) : NULL);
		jw_key(&w, "sources");
		jw_arr_begin(&w);
		struct source src[MAX_SOURCES];
		size_t ns = sources_of(g, e, src);
		for (size_t j = 0; j < ns; j++) {
			jw_obj_begin(&w);
			jw_kstr(&w, "file", graph_file_path(g, src[j].file));
			jw_kstr(&w, "object", src[j].obj ? graph_str(g, src[j].obj) : NULL);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		uint32_t more[MAX_SOURCES];
		size_t nm = also_in(g, e, src, ns, more);
		jw_key(&w, "also_in");
		jw_arr_begin(&w);
		for (size_t j = 0; j < nm; j++)
			jw_str(&w, graph_file_path(g, more[j]));
		jw_arr_end(&w);
		const struct membership *m[2] = {e->in_a, e->in_b};
		for (int s = 0; s < 2; s++) {
			jw_key(&w, s ? "b_side" : "a_side");
			jw_obj_begin(&w);
			strbuf_reset(&path);
			overlap_path_text(ov, m[s], &path);
			jw_kstr(&w, "path", strbuf_str(&path));
			if (m[s]->conf == CONF_UNKNOWN)
				jw_key(&w, "confidence"), jw_null(&w);
			else
				jw_kint(&w, "confidence", m[s]->conf);
			jdate(&w, "first", m[s]->first);
			jdate(&w, "last", m[s]->last);
			jw_obj_end(&w);
		}
		jw_obj_end(&w);
	}
	strbuf_free(&path);
	jw_arr_end(&w);
	jw_key(&w, "near_misses");
	jw_arr_begin(&w);
	for (size_t i = 0; i < nn; i++) {
		jw_obj_begin(&w);
		jw_kstr(&w, "a", graph_node_key(g, near[i].value_a));
		jw_kstr(&w, "b", graph_node_key(g, near[i].value_b));
		jw_kstr(&w, "why", near[i].why);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	strbuf_addc(sb, '\n');
}

int cmd_why(struct cli *c)
{
	if (cli_take_args(c, 2, "agx why A B [FILE...]"))
		return EXIT_USAGE;
	struct overlap_session s;
	int rc = overlap_cli_open(c, &s);
	uint32_t a, b;
	struct strbuf notes = STRBUF_INIT;
	if (overlap_cli_pair(s.ov, c->args[0], c->args[1], &a, &b, &notes)) {
		strbuf_free(&notes);
		overlap_cli_close(&s);
		return EXIT_USAGE;
	}
	struct evidence *ev;
	struct near_miss *near;
	size_t nn;
	size_t n = overlap_why(s.ov, a, b, &ev, &near, &nn);
	struct strbuf sb = STRBUF_INIT;
	if (c->json)
		write_json(s.ov, a, b, ev, n, near, nn, strbuf_str(&notes), &sb);
	else
		write_text(s.ov, a, b, ev, n, near, nn, strbuf_str(&notes), &sb);
	strbuf_free(&notes);
	if (cli_write_output(c->out, strbuf_str(&sb), sb.len))
		rc = EXIT_INPUT;
	strbuf_free(&sb);
	free(ev);
	free(near);
	overlap_cli_close(&s);
	return rc;
}
