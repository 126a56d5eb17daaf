/* The Markdown of a briefing pack (SPEC.md "Briefing prep"): the question,
 * the relation, the score and raw weight, how each side is attributed, the
 * evidence table (value, kind, df, weight, dates, sources by publisher and
 * report, confidence, verdict), the paths, near misses, the TLP of the most
 * restricted input the brief rests on (brief_sources.h; the loaded maximum
 * as a note when higher), the data sources that contribute with their
 * references, and how to reproduce it. Verdicts and notes carry their
 * author when the workspace records one. Every piece of input text is
 * Markdown-escaped (text_markdown_into); nothing depends on the clock, so
 * the same data gives the same file.
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
	/* what the diagrams drew (struct subgraph's files and marking): the
	 * brief rests on them too */
	const uint32_t *diagram_files;
	size_t ndiagram_files;
	int diagram_tlp;
};

char *brief_pair_md(const struct graph *g, struct overlap *ov, uint32_t ua, uint32_t ub,
		    const struct brief_opts *o);
char *brief_unit_md(const struct graph *g, struct overlap *ov, uint32_t u,
		    const struct brief_opts *o);
struct brief_sources;
/* The inputs a pair brief (ub a unit) or a unit brief (ub UINT32_MAX) rests
 * on: its units, the units its tables name, the diagrams' files. The caller
 * frees *out with brief_sources_free(). */
void brief_sources_of(const struct graph *g, struct overlap *ov, uint32_t ua, uint32_t ub,
		      const struct brief_opts *o, struct brief_sources *out);
#endif
