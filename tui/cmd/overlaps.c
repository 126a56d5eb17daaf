/* agx overlaps: ranked pairs of units sharing infrastructure, with the
 * score, the raw weight, the shared count and the tool and technique
 * overlap beside them (never mixed into the score). --relation picks the
 * relation: overlap (two different actors or clusters, the default),
 * corroboration (two sources of one actor), internal (two campaigns of one
 * actor) or all, each ranked on its own. Text, --json or --csv. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/jw.h"
#include "graph/text.h"
#include "graph/xalloc.h"
#include "tui/cmd/commands.h"
#include "tui/cmd/overlap_cli.h"

#define NAME_COLS 36

/* The actor a corroboration or internal pair belongs to, else NULL. */
static const char *pair_actor(const struct overlap *ov, const struct overlap_pair *q)
{
	uint32_t parent = overlap_unit_parent(ov, q->a);
	return q->relation != PAIR_OVERLAP && parent != UINT32_MAX ? overlap_unit_name(ov, parent)
								     : NULL;
}

static void write_text(const struct overlap *ov, const uint32_t *sel, size_t n, int relation,
		       struct strbuf *sb)
{
	const struct overlap_pair *p = overlap_pair_at(ov, 0);
	if (n == 0) {
		strbuf_adds(sb, relation == PAIR_CORROBORATION ? "no two sources of one actor share "
								 "infrastructure\n"
				: relation == PAIR_INTERNAL
				    ? "no two campaigns of one actor share infrastructure\n"
				    : "no units share infrastructure\n");
		size_t nt = overlap_pairs_total(ov, PAIR_OVERLAP, OVERLAP_BY_TOOLS);
		size_t nq = overlap_pairs_total(ov, PAIR_OVERLAP, OVERLAP_BY_TECHNIQUES);
		if (relation == PAIR_OVERLAP && (nt || nq))
			strbuf_addf(sb,
				    "(%zu pairs share tools or malware and %zu share ATT&CK "
				    "techniques: --sort tools, --sort techniques)\n",
				    nt, nq);
		return;
	}
	int with_actor = relation != PAIR_OVERLAP, with_rel = relation < 0;
	int wr = 1;
	for (size_t i = 0; i < n && with_actor; i++) {
		const char *act = pair_actor(ov, &p[sel[i]]);
		int x = act ? overlap_cli_width(act) : 1;
		wr = x > wr ? x : wr;
	}
	wr = wr > 24 ? 24 : wr;
	int wa = 1, wb = 1;
	for (size_t i = 0; i < n; i++) {
		int x = overlap_cli_width(overlap_unit_name(ov, p[sel[i]].a));
		int y = overlap_cli_width(overlap_unit_name(ov, p[sel[i]].b));
		wa = x > wa ? x : wa;
		wb = y > wb ? y : wb;
	}
	wa = wa > NAME_COLS ? NAME_COLS : wa;
	wb = wb > NAME_COLS ? NAME_COLS : wb;
	strbuf_addf(sb, "%4s  ", "rank");
	if (with_rel)
		strbuf_addf(sb, "%-13s  ", "relation");
	if (with_actor) {
		overlap_cli_cell(sb, "actor", wr, 1);
		strbuf_adds(sb, "  ");
	}
	overlap_cli_cell(sb, "A", wa, 1);
	strbuf_adds(sb, "  ");
	overlap_cli_cell(sb, "B", wb, 1);
	strbuf_addf(sb, "  %6s  %8s  %6s  %5s  %10s\n", "score", "weight", "shared", "tools",
		    "techniques");
	for (size_t i = 0; i < n; i++) {
		const struct overlap_pair *q = &p[sel[i]];
		strbuf_addf(sb, "%4zu  ", i + 1);
		if (with_rel)
			strbuf_addf(sb, "%-13s  ", overlap_relation_name(q->relation));
		if (with_actor) {
			const char *act = pair_actor(ov, q);
			overlap_cli_cell(sb, act ? act : "-", wr, 1);
			strbuf_adds(sb, "  ");
		}
		overlap_cli_cell(sb, overlap_unit_name(ov, q->a), wa, 1);
		strbuf_adds(sb, "  ");
		overlap_cli_cell(sb, overlap_unit_name(ov, q->b), wb, 1);
		strbuf_addf(sb, "  %6.3f  %8.3f  %6u  %5.2f  %10.2f\n", q->score, q->weight,
			    q->shared, q->tools, q->techniques);
	}
}

static void write_json(const struct overlap *ov, const uint32_t *sel, size_t n, size_t total,
		       int relation, struct strbuf *sb, const struct cli *c,
		       const struct overlap_session *s)
{
	size_t np = total;
	const struct overlap_pair *p = overlap_pair_at(ov, 0);
	const struct overlap_opts *o = overlap_options(ov);
	struct jw w;
	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_kint(&w, "units", (long long)overlap_unit_count(ov));
	jw_kint(&w, "active_units", overlap_active_units(ov));
	jw_kint(&w, "df_cap", o->df_cap);
	jw_kint(&w, "slack_days", o->slack_days);
	jw_kstr(&w, "relation", relation < 0 ? "all" : overlap_relation_name(relation));
	jw_kint(&w, "pairs_total", (long long)np);
	jw_knum(&w, "load_ms", c->session.load_ms, 1);
	jw_knum(&w, "overlap_ms", s->compute_ms, 1);
	jw_kint(&w, "peak_rss_kb", cli_peak_rss_kb());
	jw_key(&w, "pairs");
	jw_arr_begin(&w);
	for (size_t i = 0; i < n; i++) {
		const struct overlap_pair *q = &p[sel[i]];
		jw_obj_begin(&w);
		jw_kstr(&w, "a", overlap_unit_name(ov, q->a));
		jw_kstr(&w, "b", overlap_unit_name(ov, q->b));
		jw_kstr(&w, "relation", overlap_relation_name(q->relation));
		if (pair_actor(ov, q))
			jw_kstr(&w, "actor", pair_actor(ov, q));
		jw_knum(&w, "score", q->score, 4);
		jw_knum(&w, "chance", q->chance, 4);
		jw_knum(&w, "weight", q->weight, 4);
		jw_kint(&w, "shared", q->shared);
		jw_knum(&w, "tools", q->tools, 4);
		jw_knum(&w, "techniques", q->techniques, 4);
		jw_kint(&w, "shared_all", q->shared_all);
		jw_kint(&w, "tools_shared", q->ntools);
		jw_kint(&w, "techniques_shared", q->ntechniques);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	strbuf_addc(sb, '\n');
}

static void write_csv(const struct overlap *ov, const uint32_t *sel, size_t n, struct strbuf *sb)
{
	const struct overlap_pair *p = overlap_pair_at(ov, 0);
	strbuf_adds(sb, "rank,relation,actor,a,b,score,weight,shared,shared_all,tools,techniques\n");
	for (size_t i = 0; i < n; i++) {
		const struct overlap_pair *q = &p[sel[i]];
		strbuf_addf(sb, "%zu,%s,", i + 1, overlap_relation_name(q->relation));
		if (pair_actor(ov, q))
			text_csv_into(sb, pair_actor(ov, q));
		strbuf_addc(sb, ',');
		text_csv_into(sb, overlap_unit_name(ov, q->a));
		strbuf_addc(sb, ',');
		text_csv_into(sb, overlap_unit_name(ov, q->b));
		strbuf_addf(sb, ",%.4f,%.4f,%u,%u,%.4f,%.4f\n", q->score, q->weight, q->shared,
			    q->shared_all, q->tools, q->techniques);
	}
}

int cmd_overlaps(struct cli *c)
{
	struct overlap_session s;
	int by = !c->sort || !strcmp(c->sort, "infra")	? OVERLAP_BY_INFRA
		 : !strcmp(c->sort, "tools")		? OVERLAP_BY_TOOLS
							: OVERLAP_BY_TECHNIQUES;
	/* --top N keeps the best N of each relation and no more (memory
	 * bounded by N, not by the pairs formed); --unit needs them all */
	size_t keep = c->top > 0 && !c->unit ? (size_t)c->top : 0;
	int relation = !c->relation ? PAIR_OVERLAP : overlap_relation_parse(c->relation);
	/* only the relation asked for; --unit may name a campaign or source
	 * of an actor, so it has them all */
	unsigned rels = relation >= 0 && !c->unit ? 1u << relation : 0;
	int rc = overlap_cli_open_kept(c, &s, rels, keep, by);
	uint32_t only = UINT32_MAX;
	if (c->unit) {
		only = overlap_cli_unit(s.ov, c->unit);
		if (only == UINT32_MAX) {
			overlap_cli_close(&s);
			return EXIT_USAGE;
		}
	}
	/* every relation, or one, each in its ranking, as indexes into the
	 * array of all pairs */
	uint32_t *sel = NULL;
	size_t n = 0, listed = 0, cap = 0;
	for (int r = 0; r < PAIR_RELATION_COUNT; r++) {
		if (relation >= 0 && r != relation)
			continue;
		uint32_t *idx;
		size_t np = overlap_pairs_by(s.ov, r, by, &idx);
		listed += overlap_pairs_total(s.ov, r, by);
		size_t in_rel = 0;
		for (size_t i = 0; i < np; i++) {
			const struct overlap_pair *q = overlap_pair_at(s.ov, idx[i]);
			uint32_t pa = overlap_unit_parent(s.ov, q->a);
			if (only != UINT32_MAX && q->a != only && q->b != only && pa != only)
				continue;
			if (c->top > 0 && in_rel >= (size_t)c->top)
				break;
			XGROW(sel, cap, n + 1);
			sel[n++] = idx[i];
			in_rel++;
		}
		free(idx);
	}
	struct strbuf sb = STRBUF_INIT;
	if (c->json)
		write_json(s.ov, sel, n, listed, relation, &sb, c, &s);
	else if (c->csv)
		write_csv(s.ov, sel, n, &sb);
	else
		write_text(s.ov, sel, n, relation, &sb);
	if (cli_write_output(c->out, strbuf_str(&sb), sb.len))
		rc = EXIT_INPUT;
	strbuf_free(&sb);
	free(sel);
	overlap_cli_close(&s);
	return rc;
}
