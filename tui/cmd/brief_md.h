/* The Markdown of a briefing pack (SPEC.md "Briefing prep"): the question,
 * the score and raw weight, the evidence table (value, kind, df, weight,
 * dates, sources, confidence, verdict), the paths, near misses, the TLP of
 * the most restricted input, the data sources with their dates, and how to
 * reproduce it. Every piece of input text is Markdown-escaped
 * (text_markdown_into); nothing depends on the clock, so the same data
 * gives the same file.
 *
 * Ownership: functions return a malloc'd string the caller frees; the
 * graph, the overlap and the options are borrowed. */
#ifndef BRIEF_MD_H
#define BRIEF_MD_H
#include <stdint.h>

#include "graph/graph.h"

struct overlap;
struct annot;

struct brief_opts {
	double threshold;	     /* clusters */
	const char *diagram;	     /* file name of the pair/unit diagram (SVG), or NULL */
	const char *cluster_diagram; /* file name of the cluster diagram, or NULL */
	const char *cluster_note;    /* said instead when there is no cluster diagram */
	const char *command;	     /* the command line that reproduces the pack */
	const struct annot *annot;   /* verdicts and notes, may be NULL */
};

char *brief_pair_md(const struct graph *g, struct overlap *ov, uint32_t ua, uint32_t ub,
		    const struct brief_opts *o);
char *brief_unit_md(const struct graph *g, struct overlap *ov, uint32_t u,
		    const struct brief_opts *o);
/* The most restricted TLP marking of every input (files, nodes, edges). */
int brief_tlp(const struct graph *g);
#endif
