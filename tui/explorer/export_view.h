/* `e` and `:export [FORMAT] [FILE]`: the view on screen as a Graphviz
 * diagram, through the same runner as `agx export` (tui/session/
 * export_run.h): the same subgraph selection, renderer, TLP ceiling and
 * atomic write. The explorer says what is on screen (struct export_view);
 * this reads the arguments, names the file when none is given, runs the
 * export and says how it went in one line for the message line. Owns
 * nothing. */
#ifndef EXPORT_VIEW_H
#define EXPORT_VIEW_H
#include <stddef.h>

#include "graph/subgraph.h"

struct overlap;
struct annot;

struct export_view {
	struct sg_spec spec;	   /* the view on screen */
	const char *name;	   /* a short name of it, for the default file name */
	const char *tlp_max;	   /* --tlp-max, or NULL */
	const struct annot *annot; /* verdicts and notes drawn on the diagram */
};

/* Parses arg ("[svg|png|pdf|dot] [FILE]", either order; the format may come
 * from FILE's extension, the file from the view's name) and exports. Writes
 * the outcome into msg ("wrote FILE (...)" or what went wrong); returns 0,
 * or -1 when msg is an error. */
int export_view_run(const struct graph *g, struct overlap *ov, const struct export_view *v,
		    const char *arg, char *msg, size_t msglen);
#endif
