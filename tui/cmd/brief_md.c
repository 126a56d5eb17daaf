#include "tui/cmd/brief_md.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph/annot.h"
#include "graph/date.h"
#include "graph/overlap.h"
#include "graph/strbuf.h"
#include "graph/text.h"
#include "graph/xalloc.h"

int brief_tlp(const struct graph *g)
{
	int t = TLP_NONE;
	for (size_t i = 0; i < g->file_count; i++)
		if (g->files[i].tlp > t)
			t = g->files[i].tlp;
	for (size_t i = 0; i < g->node_count; i++)
		if (g->nodes[i].tlp > t)
			t = g->nodes[i].tlp;
	for (size_t i = 0; i < g->edge_count; i++)
		if (g->edges[i].tlp > t)
			t = g->edges[i].tlp;
	return t;
}

static void md(struct strbuf *sb, const char *s)
{
	text_markdown_into(sb, s ? s : "");
}

static const char *day(int32_t d, char *buf)
{
	return d == DATE_UNKNOWN ? "undated" : date_format(d, buf, 16);
}

static int32_t newest_file_date(const struct graph *g)
{
	int32_t d = DATE_UNKNOWN;
	for (size_t i = 0; i < g->file_count; i++)
		if (g->files[i].date != DATE_UNKNOWN && (d == DATE_UNKNOWN || g->files[i].date > d))
			d = g->files[i].date;
	return d;
}

static void header(struct strbuf *sb, const struct graph *g, const char *title_fmt, const char *a,
		   const char *b)
{
	strbuf_adds(sb, "# ");
	/* title_fmt holds %A and %B where the escaped names go */
	for (const char *p = title_fmt; *p; p++) {
		if (p[0] == '%' && (p[1] == 'A' || p[1] == 'B')) {
			md(sb, p[1] == 'A' ? a : b);
			p++;
		} else {
			strbuf_addc(sb, *p);
		}
	}
	int t = brief_tlp(g);
	char buf[16];
	strbuf_addf(sb, "\n\n**%s**%s\n\n", t == TLP_NONE ? "TLP: not marked" : tlp_name(t),
		    t == TLP_NONE ? " (no input carries a TLP marking)"
				  : " (the most restricted marking among the inputs)");
	strbuf_addf(sb,
		    "Data up to %s, from %zu input file%s. Prepared with agx %s. Scores are "
		    "proposals for an analyst to weigh; agx never merges actors on its own.\n\n",
		    day(newest_file_date(g), buf), g->file_count, g->file_count == 1 ? "" : "s",
		    AGX_VERSION);
}

/* The base names of the files behind a membership's path, deduplicated. */
static void path_sources(const struct graph *g, const struct membership *m, uint32_t *files,
			 size_t *n, size_t max)
{
	for (uint8_t k = 0; m && k < m->path_len; k++) {
		uint32_t f = g->edges[m->path[k]].file;
		size_t i;
		for (i = 0; i < *n && files[i] != f; i++)
			;
		if (i == *n && *n < max)
			files[(*n)++] = f;
	}
}

static int cmp_path_sort_g(const struct graph *g, uint32_t a, uint32_t b)
{
	return strcmp(graph_file_path(g, a), graph_file_path(g, b));
}

static void sources_cell(struct strbuf *sb, const struct graph *g, const struct membership *a,
			 const struct membership *b)
{
	uint32_t files[32];
	size_t n = 0;
	path_sources(g, a, files, &n, 32);
	path_sources(g, b, files, &n, 32);
	/* sorted by path: insertion sort, n is small */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && cmp_path_sort_g(g, files[j - 1], files[j]) > 0; j--) {
			uint32_t t = files[j];
			files[j] = files[j - 1];
			files[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		const char *p = graph_file_path(g, files[i]);
		const char *slash = strrchr(p, '/');
		if (i)
			strbuf_adds(sb, ", ");
		md(sb, slash ? slash + 1 : p);
	}
	if (!n)
		strbuf_adds(sb, "-");
}

static void window_cell(struct strbuf *sb, const char *who, const struct membership *m)
{
	char b1[16], b2[16];
	strbuf_adds(sb, who);
	if (!m || (m->first == DATE_UNKNOWN && m->last == DATE_UNKNOWN))
		strbuf_adds(sb, ": undated");
	else
		strbuf_addf(sb, ": %s to %s", day(m->first, b1), day(m->last, b2));
}

static void conf_cell(struct strbuf *sb, const struct membership *a, const struct membership *b)
{
	int c = -1;
	if (a && a->conf != CONF_UNKNOWN)
		c = a->conf;
	if (b && b->conf != CONF_UNKNOWN && (c < 0 || b->conf < c))
		c = b->conf;
	if (c < 0)
		strbuf_adds(sb, "not stated (50)");
	else
		strbuf_addf(sb, "%d", c);
}

static void notes_of(struct strbuf *sb, const struct graph *g, const struct annot *annot,
		     uint32_t node)
{
	if (!annot)
		return;
	char *key = annot_node_key(g, node);
	const struct annot_note *notes[4];
	size_t n = annot_notes_for(annot, key, notes, 4);
	for (size_t i = 0; i < n && i < 4; i++) {
		strbuf_adds(sb, "; note: ");
		md(sb, notes[i]->text);
	}
	free(key);
}

/* The analyst's notes on the pair and on each side, as a list under the
 * numbers: a briefing carries what the analyst wrote, not only what agx
 * computed. */
static void analyst_notes(struct strbuf *sb, const struct graph *g, const struct annot *annot,
			  uint32_t a, uint32_t b)
{
	if (!annot)
		return;
	char *keys[3] = {annot_pair_key(g, a, b), annot_node_key(g, a), annot_node_key(g, b)};
	const char *what[3] = {"the pair", graph_node_label(g, a), graph_node_label(g, b)};
	int any = 0;
	for (int k = 0; k < 3; k++) {
		const struct annot_note *notes[16];
		size_t n = annot_notes_for(annot, keys[k], notes, 16);
		for (size_t i = 0; i < n && i < 16; i++) {
			if (!any)
				strbuf_adds(sb, "## Analyst notes\n\n");
			any = 1;
			char day[16];
			struct tm tm;
			time_t t = notes[i]->when;
			gmtime_r(&t, &tm);
			strftime(day, sizeof(day), "%Y-%m-%d", &tm);
			strbuf_adds(sb, "- On ");
			md(sb, what[k]);
			strbuf_addf(sb, " (%s): ", day);
			md(sb, notes[i]->text);
			strbuf_addc(sb, '\n');
		}
		free(keys[k]);
	}
	if (any)
		strbuf_addc(sb, '\n');
}

static void status_cell(struct strbuf *sb, const struct evidence *e)
{
	if (e->flags & EV_OVER_CAP)
		strbuf_addf(sb, "not counted: reached by %u units, over the df cap", e->df);
	else if (e->flags & EV_WARNLISTED) {
		strbuf_adds(sb, "weak: warninglisted");
		if (e->warninglist) {
			strbuf_adds(sb, " (");
			md(sb, e->warninglist);
			strbuf_adds(sb, ")");
		}
	} else if (e->weight <= 0)
		strbuf_adds(sb, "not counted (weight 0)");
	else
		strbuf_adds(sb, "counted");
	if (e->flags & EV_PARTIAL)
		strbuf_adds(sb, "; partial match only");
	if (e->flags & EV_UNDATED)
		strbuf_adds(sb, "; undated");
}

static void sources_section(struct strbuf *sb, const struct graph *g)
{
	strbuf_adds(sb, "## Data sources\n\n| File | Format | Data up to | TLP | Objects | "
			"Skipped |\n| --- | --- | --- | --- | ---: | ---: |\n");
	uint32_t *order = xmalloc((g->file_count + 1) * sizeof(*order));
	for (size_t i = 0; i < g->file_count; i++)
		order[i] = (uint32_t)i;
	for (size_t i = 1; i < g->file_count; i++)
		for (size_t j = i; j > 0 && cmp_path_sort_g(g, order[j - 1], order[j]) > 0; j--) {
			uint32_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	char buf[16];
	for (size_t i = 0; i < g->file_count; i++) {
		const struct src_file *f = &g->files[order[i]];
		strbuf_adds(sb, "| ");
		md(sb, graph_str(g, f->path));
		if (f->title) {
			strbuf_adds(sb, " (");
			md(sb, graph_str(g, f->title));
			strbuf_adds(sb, ")");
		}
		strbuf_adds(sb, " | ");
		md(sb, graph_str(g, f->format));
		strbuf_addf(sb, " | %s | %s | %u | %u |\n", day(f->date, buf),
			    f->tlp == TLP_NONE ? "not marked" : tlp_name(f->tlp), f->objects,
			    f->skipped);
	}
	free(order);
	strbuf_adds(sb, "\n");
}

static void tail(struct strbuf *sb, const struct graph *g, const struct brief_opts *o)
{
	if (o->cluster_diagram) {
		strbuf_addf(sb, "## The cluster\n\n![The cluster](%s)\n\n", o->cluster_diagram);
	} else if (o->cluster_note) {
		strbuf_adds(sb, "## The cluster\n\n");
		md(sb, o->cluster_note);
		strbuf_adds(sb, "\n\n");
	}
	sources_section(sb, g);
	if (o->command) {
		/* a fenced block shows the command as typed; a fence inside it is
		 * broken so the block cannot be closed early */
		strbuf_adds(sb, "## How to reproduce\n\n```sh\n");
		for (const char *p = o->command; *p; p++) {
			if (p[0] == '`' && p[1] == '`' && p[2] == '`') {
				strbuf_adds(sb, "`\\``");
				p += 2;
			} else if (*p == '\n' || *p == '\r') {
				strbuf_addc(sb, ' ');
			} else {
				strbuf_addc(sb, *p);
			}
		}
		strbuf_adds(sb, "\n```\n");
	}
}

char *brief_pair_md(const struct graph *g, struct overlap *ov, uint32_t ua, uint32_t ub,
		    const struct brief_opts *o)
{
	struct strbuf sb = STRBUF_INIT;
	const char *na = overlap_unit_name(ov, ua), *nb = overlap_unit_name(ov, ub);
	header(&sb, g, "Is %A linked to %B?", na, nb);

	uint32_t k = overlap_pair_find(ov, ua, ub);
	const struct overlap_pair *p = k == UINT32_MAX ? NULL : overlap_pair_at(ov, k);
	const char *verdict = "unreviewed";
	if (o->annot) {
		char *key =
		    annot_pair_key(g, overlap_unit(ov, ua)->node, overlap_unit(ov, ub)->node);
		verdict = verdict_name(annot_verdict_of(o->annot, key));
		free(key);
	}
	strbuf_adds(&sb, "## The answer in numbers\n\n| Measure | Value |\n| --- | --- |\n");
	if (p) {
		strbuf_addf(&sb,
			    "| Relation | %s |\n"
			    "| Score (shared evidence against chance, 0..1) | %.3f |\n"
			    "| Shared weight expected by chance for sets of these sizes | %.3f |\n",
			    overlap_relation_name(p->relation), p->score, p->chance);
		strbuf_addf(&sb, "| Raw shared weight | %.3f |\n", p->weight);
		strbuf_addf(&sb, "| Shared values counted | %u (of %u shared) |\n", p->shared,
			    p->shared_all);
		strbuf_addf(&sb,
			    "| Tool and malware overlap (separate, not in the score) | %.3f (%u "
			    "shared) |\n",
			    p->tools, p->ntools);
		strbuf_addf(&sb, "| ATT&CK technique overlap (separate) | %.3f (%u shared) |\n",
			    p->techniques, p->ntechniques);
		strbuf_addf(&sb, "| Above the cluster threshold %.2f | %s |\n", o->threshold,
			    p->score >= o->threshold ? "yes" : "no");
	} else {
		strbuf_adds(&sb, "| Score | 0 (no shared infrastructure) |\n");
	}
	strbuf_addf(&sb, "| Analyst verdict | %s |\n\n", verdict);
	analyst_notes(&sb, g, o->annot, overlap_unit(ov, ua)->node, overlap_unit(ov, ub)->node);
	if (o->diagram)
		strbuf_addf(&sb, "![The evidence: A on the left, B on the right](%s)\n\n",
			    o->diagram);

	struct evidence *ev = NULL;
	struct near_miss *near = NULL;
	size_t nnear = 0;
	size_t n = overlap_why(ov, ua, ub, &ev, &near, &nnear);
	strbuf_adds(&sb, "## The evidence\n\n");
	if (!n)
		strbuf_adds(&sb, "No infrastructure value is reached by both.\n\n");
	else
		strbuf_adds(&sb,
			    "| Value | Kind | df | Weight | Dates | Sources | Confidence | "
			    "Verdict |\n| --- | --- | ---: | ---: | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < n; i++) {
		const struct evidence *e = &ev[i];
		strbuf_adds(&sb, "| ");
		md(&sb, graph_node_label(g, e->value));
		strbuf_addf(&sb, " | %s | %u | %.3f | ", kind_name(g->nodes[e->value].kind), e->df,
			    e->weight);
		window_cell(&sb, "A", e->in_a);
		strbuf_adds(&sb, "; ");
		window_cell(&sb, "B", e->in_b);
		strbuf_adds(&sb, " | ");
		sources_cell(&sb, g, e->in_a, e->in_b);
		strbuf_adds(&sb, " | ");
		conf_cell(&sb, e->in_a, e->in_b);
		strbuf_adds(&sb, " | ");
		status_cell(&sb, e);
		notes_of(&sb, g, o->annot, e->value);
		strbuf_adds(&sb, " |\n");
	}
	if (n) {
		strbuf_adds(&sb, "\nA is ");
		md(&sb, na);
		strbuf_adds(&sb, ", B is ");
		md(&sb, nb);
		strbuf_adds(&sb,
			    ". df: how many units reach the value. Weight = idf x type x list x "
			    "confidence x time.\n\n### How each value is reached\n\n");
	}
	struct strbuf path = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const struct evidence *e = &ev[i];
		strbuf_adds(&sb, "- **");
		md(&sb, graph_node_label(g, e->value));
		strbuf_addf(&sb,
			    "** (idf %.2f, type %.2f, list %.2f, confidence %.2f, time %.2f)\n",
			    e->idf, e->type, e->list, e->conf, e->time);
		const struct membership *ms[2] = {e->in_a, e->in_b};
		for (int s = 0; s < 2; s++) {
			if (!ms[s])
				continue;
			strbuf_reset(&path);
			overlap_path_text(ov, ms[s], &path);
			strbuf_addf(&sb, "  - %s: ", s ? "B" : "A");
			md(&sb, strbuf_str(&path));
			strbuf_adds(&sb, "\n");
		}
	}
	strbuf_free(&path);
	if (n)
		strbuf_adds(&sb, "\n");
	strbuf_adds(&sb, "## Near misses\n\n");
	if (!nnear)
		strbuf_adds(&sb, "None: no value of one is a subdomain or a /24 neighbour of the "
				 "other's.\n\n");
	else
		strbuf_adds(&sb,
			    "Not shared, not counted, worth a look.\n\n| A's value | B's value | "
			    "Why |\n| --- | --- | --- |\n");
	for (size_t i = 0; i < nnear; i++) {
		strbuf_adds(&sb, "| ");
		md(&sb, graph_node_label(g, near[i].value_a));
		strbuf_adds(&sb, " | ");
		md(&sb, graph_node_label(g, near[i].value_b));
		strbuf_adds(&sb, " | ");
		md(&sb, near[i].why);
		strbuf_adds(&sb, " |\n");
	}
	if (nnear)
		strbuf_adds(&sb, "\n");
	free(ev);
	free(near);
	tail(&sb, g, o);
	return strbuf_detach(&sb);
}

char *brief_unit_md(const struct graph *g, struct overlap *ov, uint32_t u,
		    const struct brief_opts *o)
{
	struct strbuf sb = STRBUF_INIT;
	const char *name = overlap_unit_name(ov, u);
	header(&sb, g, "What links %A to others?", name, NULL);
	size_t nm, nt;
	const struct membership *m = overlap_members(ov, u, &nm);
	overlap_tools(ov, u, &nt);
	strbuf_addf(&sb, "## The unit\n\n%zu infrastructure value%s, %zu tool%s and malware.\n\n",
		    nm, nm == 1 ? "" : "s", nt, nt == 1 ? "" : "s");
	if (o->diagram)
		strbuf_addf(&sb, "![The unit](%s)\n\n", o->diagram);
	/* strongest pairs with this unit */
	size_t np;
	const struct overlap_pair *p = overlap_pairs(ov, &np);
	strbuf_adds(&sb, "## Strongest links\n\n");
	size_t shown = 0;
	for (size_t k = 0; k < np && shown < 10; k++) {
		if (p[k].a != u && p[k].b != u)
			continue;
		if (!shown)
			strbuf_adds(&sb,
				    "| Other unit | Score | Raw weight | Shared | Tools | "
				    "Techniques |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
		strbuf_adds(&sb, "| ");
		md(&sb, overlap_unit_name(ov, p[k].a == u ? p[k].b : p[k].a));
		strbuf_addf(&sb, " | %.3f | %.3f | %u | %.3f | %.3f |\n", p[k].score, p[k].weight,
			    p[k].shared, p[k].tools, p[k].techniques);
		shown++;
	}
	strbuf_adds(&sb, shown ? "\n" : "No other unit shares infrastructure with it.\n\n");
	strbuf_adds(&sb, "## Infrastructure\n\n");
	if (nm)
		strbuf_adds(&sb, "| Value | Kind | df | Dates | Sources | Confidence | Status |\n"
				 "| --- | --- | ---: | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < nm; i++) {
		uint32_t v = m[i].value;
		strbuf_adds(&sb, "| ");
		md(&sb, graph_node_label(g, v));
		strbuf_addf(&sb, " | %s | %u | ", kind_name(g->nodes[v].kind), overlap_df(ov, v));
		char b1[16], b2[16];
		if (m[i].first == DATE_UNKNOWN && m[i].last == DATE_UNKNOWN)
			strbuf_adds(&sb, "undated");
		else
			strbuf_addf(&sb, "%s to %s", day(m[i].first, b1), day(m[i].last, b2));
		strbuf_adds(&sb, " | ");
		sources_cell(&sb, g, &m[i], NULL);
		strbuf_adds(&sb, " | ");
		conf_cell(&sb, &m[i], NULL);
		strbuf_adds(&sb, " | ");
		const char *list = overlap_value_list(ov, v);
		if (list) {
			strbuf_adds(&sb, "warninglisted (");
			md(&sb, list);
			strbuf_adds(&sb, ")");
		} else {
			strbuf_adds(&sb, overlap_df(ov, v) > 1 ? "shared" : "own");
		}
		notes_of(&sb, g, o->annot, v);
		strbuf_adds(&sb, " |\n");
	}
	if (nm)
		strbuf_adds(&sb, "\n");
	tail(&sb, g, o);
	return strbuf_detach(&sb);
}
