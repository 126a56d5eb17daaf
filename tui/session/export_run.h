/* One export of one view, shared by `agx export`, `agx brief` and the
 * explorer's `e` key and :export: build the view (graph/subgraph.h), refuse
 * what is above the TLP ceiling, render (graph/export_gv.h), write
 * atomically (or to standard output for "-"). It prints nothing: the outcome
 * says what was drawn or what went wrong, and each front-end reports it its
 * own way (the command line on stderr, the explorer on its message line).
 * Owns nothing. */
#ifndef EXPORT_RUN_H
#define EXPORT_RUN_H
#include <stddef.h>

#include "graph/subgraph.h"
#include "tui/session/session.h" /* EXIT_OK, EXIT_INPUT, EXIT_USAGE */

struct overlap;
struct annot;

struct export_req {
	struct sg_spec spec;
	int format;		   /* enum export_format */
	const char *layout;	   /* NULL: by size */
	const char *title;	   /* NULL: from the view */
	const char *out;	   /* path or "-" */
	int tlp_max;		   /* enum tlp, or -1 for no ceiling */
	const struct annot *annot; /* may be NULL */
	unsigned write_flags;	   /* enum atomic_flags (the explorer: ATOMIC_NOWAIT) */
};

struct export_outcome {
	int refused_tlp; /* the view is marked above req->tlp_max: nothing written */
	int tlp;	 /* the view's most restricted marking */
	int truncated;	 /* more nodes than spec.max_nodes: the most connected drawn */
	size_t nodes;	 /* nodes drawn */
	size_t total;	 /* nodes of the whole view */
	char msg[1024];	 /* what went wrong, when the result is not EXIT_OK */
};

/* Returns EXIT_OK, EXIT_INPUT (cannot write, refused by the TLP ceiling,
 * render failure) or EXIT_USAGE (unknown engine, unknown name in the view,
 * PNG or PDF to a terminal), with out filled either way. */
int export_run(const struct graph *g, struct overlap *ov, const struct export_req *r,
	       struct export_outcome *out);
/* Parses a --tlp-max value: the level, -1 when s is NULL, -2 when s names
 * no TLP level. */
int export_run_tlp_max(const char *s);
#endif
