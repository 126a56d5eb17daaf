/* agx overlaps: ranked pairs of units sharing infrastructure, with the
 * score, the raw weight, the shared count and the tool and technique
 * overlap beside them (never mixed into the score). Text, --json or --csv. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/jw.h"
#include "graph/text.h"
#include "tui/cmd/commands.h"
#include "tui/cmd/overlap_cli.h"

#define NAME_COLS 36

static void write_text(const struct overlap *ov, const uint32_t *sel, size_t n, struct strbuf *sb)
{
	size_t np;
	const struct overlap_pair *p = overlap_pairs(ov, &np);
	if (n == 0) {
		strbuf_adds(sb, "no units share infrastructure\n");
		return;
	}
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
	overlap_cli_cell(sb, "A", wa, 1);
	strbuf_adds(sb, "  ");
	overlap_cli_cell(sb, "B", wb, 1);
	strbuf_addf(sb, "  %6s  %8s  %6s  %5s  %10s\n", "score", "weight", "shared", "tools",
		    "techniques");
	for (size_t i = 0; i < n; i++) {
		const struct overlap_pair *q = &p[sel[i]];
		strbuf_addf(sb, "%4zu  ", i + 1);
		overlap_cli_cell(sb, overlap_unit_name(ov, q->a), wa, 1);
		strbuf_adds(sb, "  ");
		overlap_cli_cell(sb, overlap_unit_name(ov, q->b), wb, 1);
		strbuf_addf(sb, "  %6.3f  %8.3f  %6u  %5.2f  %10.2f\n", q->score, q->weight,
			    q->shared, q->tools, q->techniques);
	}
}

static void write_json(const struct overlap *ov, const uint32_t *sel, size_t n, struct strbuf *sb,
		       const struct cli *c, const struct overlap_session *s)
{
	size_t np;
	const struct overlap_pair *p = overlap_pairs(ov, &np);
	const struct overlap_opts *o = overlap_options(ov);
	struct jw w;
	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_kint(&w, "units", (long long)overlap_unit_count(ov));
	jw_kint(&w, "active_units", overlap_active_units(ov));
	jw_kint(&w, "df_cap", o->df_cap);
	jw_kint(&w, "slack_days", o->slack_days);
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
		jw_knum(&w, "score", q->score, 4);
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
	size_t np;
	const struct overlap_pair *p = overlap_pairs(ov, &np);
	strbuf_adds(sb, "rank,a,b,score,weight,shared,shared_all,tools,techniques\n");
	for (size_t i = 0; i < n; i++) {
		const struct overlap_pair *q = &p[sel[i]];
		strbuf_addf(sb, "%zu,", i + 1);
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
	int rc = overlap_cli_open(c, &s);
	uint32_t only = UINT32_MAX;
	if (c->unit) {
		only = overlap_cli_unit(s.ov, c->unit);
		if (only == UINT32_MAX) {
			overlap_cli_close(&s);
			return EXIT_USAGE;
		}
	}
	size_t np;
	const struct overlap_pair *p = overlap_pairs(s.ov, &np);
	uint32_t *sel = malloc((np + 1) * sizeof(*sel));
	size_t n = 0;
	for (size_t i = 0; i < np; i++) {
		if (only != UINT32_MAX && p[i].a != only && p[i].b != only)
			continue;
		if (c->top > 0 && n >= (size_t)c->top)
			break;
		sel[n++] = (uint32_t)i;
	}
	struct strbuf sb = STRBUF_INIT;
	if (c->json)
		write_json(s.ov, sel, n, &sb, c, &s);
	else if (c->csv)
		write_csv(s.ov, sel, n, &sb);
	else
		write_text(s.ov, sel, n, &sb);
	if (cli_write_output(c->out, strbuf_str(&sb), sb.len))
		rc = EXIT_INPUT;
	strbuf_free(&sb);
	free(sel);
	overlap_cli_close(&s);
	return rc;
}
