/* What the overlap commands (overlaps, why, clusters, export, brief) share:
 * the inputs loaded and their overlaps computed with the session's options
 * and warninglists (tui/session/session.h), a unit named on the command line, and
 * terminal-safe table cells. struct overlap_session owns the warninglists
 * and the overlap; the cli's session keeps owning the graph. */
#ifndef OVERLAP_CLI_H
#define OVERLAP_CLI_H
#include <stdint.h>

#include "graph/overlap.h"
#include "graph/strbuf.h"
#include "graph/warnlist.h"
#include "tui/cmd/cli.h"
#include "tui/session/decisions.h"

struct overlap_session {
	struct warnlist_set *lists;
	struct overlap *ov;
	struct overlap_opts opts;
	/* the workspace's verdicts, notes and decisions (with the judgements
	 * met in the inputs), and its attribution decisions as the engine
	 * takes them */
	struct annot annot;
	struct decision_list decisions;
	double compute_ms; /* overlap_compute() wall time */
};

/* Loads the inputs (session_load), the workspace (its alias decisions
 * applied to the graph, its attribution decisions given to the engine), the
 * warninglists, and computes the overlaps.
 * Returns EXIT_OK or EXIT_INPUT; s is usable either way. */
int overlap_cli_open(struct cli *c, struct overlap_session *s);
/* The same, forming only the relations (overlap_opts.relations, 0: all)
 * and keeping only the best keep_top pairs of each in the ranking keep_by
 * (enum overlap_by; overlap_opts.keep_top), 0: all. */
int overlap_cli_open_kept(struct cli *c, struct overlap_session *s, unsigned relations,
			  size_t keep_top, int keep_by);
void overlap_cli_close(struct overlap_session *s);
/* The unit for a name typed by the user, or UINT32_MAX after printing a
 * usage error that names close matches. */
uint32_t overlap_cli_unit(const struct overlap *ov, const char *name);
/* Resolves the two names of a pair (why A B, --pair A,B): a unit's
 * displayed name before an alias; when both name one actor, the sources or
 * campaigns within it they designate (corroboration, internal); a source of
 * one actor against another actor compares the two actors. How each name
 * was read, when not as a displayed name, is appended to notes (one line
 * each, for people). Returns 0, or EXIT_USAGE after printing why. */
int overlap_cli_pair(const struct overlap *ov, const char *na, const char *nb, uint32_t *a,
		     uint32_t *b, struct strbuf *notes);
/* Appends s as the terminal is shown it (text_display_into), cut to at
 * most width columns (0: no limit) and padded to width when pad is set. */
void overlap_cli_cell(struct strbuf *sb, const char *s, int width, int pad);
/* Display columns of s as overlap_cli_cell() shows it (text_width). */
int overlap_cli_width(const char *s);
#endif
