/* One export from the command line's point of view, shared by `agx export`,
 * `agx brief` and the TUI's `e` key: build the view, refuse what is above
 * the TLP ceiling, render, write atomically (or to standard output for
 * "-"), and print any error the way agx prints errors. Owns nothing. */
#ifndef EXPORT_RUN_H
#define EXPORT_RUN_H
#include "graph/subgraph.h"
#include "tui/cmd/cli.h"

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
};

/* Returns EXIT_OK, EXIT_INPUT (cannot write, refused by --tlp-max, render
 * failure) or EXIT_USAGE (unknown engine, unknown name in the view). */
int export_run(const struct graph *g, struct overlap *ov, const struct export_req *r);
/* Parses --tlp-max: returns the level, -1 when s is NULL, or -2 (after
 * printing a usage error) when s names no TLP level. */
int export_run_tlp_max(const char *s);
#endif
