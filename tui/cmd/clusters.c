/* agx clusters: groups of units linked by pair scores at or above the
 * threshold (--threshold, default 0.5), each with its strongest links.
 * Proposals for an analyst: agx merges nothing on its own. */
#include <stdio.h>
#include <stdlib.h>

#include "graph/jw.h"
#include "graph/text.h"
#include "tui/cmd/commands.h"
#include "tui/cmd/overlap_cli.h"

#define LINKS_SHOWN 10

int cmd_clusters(struct cli *c)
{
	struct overlap_session s;
	/* clusters link overlaps only */
	int rc = overlap_cli_open_kept(c, &s, 1u << PAIR_OVERLAP, 0, 0);
	double t = s.opts.threshold;
	size_t n, np;
	const struct cluster *cl = overlap_clusters(s.ov, t, &n);
	const struct overlap_pair *p = overlap_pairs(s.ov, &np);
	struct strbuf sb = STRBUF_INIT;
	if (c->json) {
		struct jw w;
		jw_init(&w, &sb, 1);
		jw_obj_begin(&w);
		jw_knum(&w, "threshold", t, 4);
		jw_key(&w, "clusters");
		jw_arr_begin(&w);
		for (size_t i = 0; i < n; i++) {
			jw_obj_begin(&w);
			jw_key(&w, "members");
			jw_arr_begin(&w);
			for (size_t j = 0; j < cl[i].nmembers; j++)
				jw_str(&w, overlap_unit_name(s.ov, cl[i].members[j]));
			jw_arr_end(&w);
			jw_key(&w, "links");
			jw_arr_begin(&w);
			for (size_t j = 0; j < cl[i].nlinks; j++) {
				const struct overlap_pair *q = &p[cl[i].links[j]];
				jw_obj_begin(&w);
				jw_kstr(&w, "a", overlap_unit_name(s.ov, q->a));
				jw_kstr(&w, "b", overlap_unit_name(s.ov, q->b));
				jw_knum(&w, "score", q->score, 4);
				jw_knum(&w, "weight", q->weight, 4);
				jw_kint(&w, "shared", q->shared);
				jw_obj_end(&w);
			}
			jw_arr_end(&w);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_obj_end(&w);
		strbuf_addc(&sb, '\n');
	} else {
		if (n == 0) {
			strbuf_addf(&sb, "no clusters at threshold %.2f", t);
			/* say how far the strongest link is, and how to see it */
			if (np) {
				strbuf_addf(&sb, ": the strongest pair scores %.3f (", p[0].score);
				text_escape_into(&sb, overlap_unit_name(s.ov, p[0].a), 0);
				strbuf_adds(&sb, " ~ ");
				text_escape_into(&sb, overlap_unit_name(s.ov, p[0].b), 0);
				strbuf_addf(&sb, "); --threshold %.2f would show it",
					    p[0].score > 0.01 ? p[0].score - 0.005 : 0.0);
			}
			strbuf_addc(&sb, '\n');
		}
		for (size_t i = 0; i < n; i++) {
			strbuf_addf(&sb,
				    "%scluster %zu: %zu units linked at score >= %.2f "
				    "(a proposal, not a merge)\n  members: ",
				    i ? "\n" : "", i + 1, cl[i].nmembers, t);
			for (size_t j = 0; j < cl[i].nmembers; j++) {
				if (j)
					strbuf_adds(&sb, ", ");
				text_escape_into(&sb, overlap_unit_name(s.ov, cl[i].members[j]), 0);
			}
			strbuf_adds(&sb, "\n  strongest links:\n");
			for (size_t j = 0; j < cl[i].nlinks && j < LINKS_SHOWN; j++) {
				const struct overlap_pair *q = &p[cl[i].links[j]];
				strbuf_adds(&sb, "    ");
				text_escape_into(&sb, overlap_unit_name(s.ov, q->a), 0);
				strbuf_adds(&sb, " ~ ");
				text_escape_into(&sb, overlap_unit_name(s.ov, q->b), 0);
				strbuf_addf(&sb, "  score %.3f, weight %.3f, %u shared\n", q->score,
					    q->weight, q->shared);
			}
			if (cl[i].nlinks > LINKS_SHOWN)
				strbuf_addf(&sb, "    ... and %zu more (agx clusters --json)\n",
					    cl[i].nlinks - LINKS_SHOWN);
		}
	}
	if (cli_write_output(c->out, strbuf_str(&sb), sb.len))
		rc = EXIT_INPUT;
	strbuf_free(&sb);
	overlap_cli_close(&s);
	return rc;
}
