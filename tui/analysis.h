/* The overlap model a command asks for on its command line: the
 * warninglists (data/warninglists/ unless --no-default-warninglists, plus
 * every --warninglist) and the overlap engine run with --df-cap, --slack,
 * --asof, --threshold and --include-revoked. Shared by export, brief and
 * anything else that draws or reports scores.
 *
 * Ownership: struct analysis owns the list set and the overlap; both borrow
 * the cli's graph, which must outlive them. analysis_close() frees them. */
#ifndef ANALYSIS_H
#define ANALYSIS_H
#include "tui/cli.h"

struct overlap;
struct warnlist_set;

struct analysis {
	struct warnlist_set *lists;
	struct overlap *ov;
};

/* Runs the model on c->g (loaded already). Warninglist files that fail to
 * load are reported on stderr; returns EXIT_OK, or EXIT_INPUT when one did
 * (the model still runs with what loaded). */
int analysis_open(struct cli *c, struct analysis *a);
void analysis_close(struct analysis *a);
#endif
