/* Plain node positions and edge polylines for a subgraph, laid out by
 * Graphviz, for front-ends that draw on their own surface. (The TUI's Graph
 * tab drew Graphviz's layout on the character grid until its edges were
 * found crossing labels; it now draws a grouped tree of its own,
 * tui/explorer/graphtab.h, and exports still use Graphviz.) No Graphviz
 * type appears here; the implementation lives in graph/export_gv.c, the one
 * file that talks to Graphviz.
 *
 * Coordinates are in points (1/72 inch) with the origin at the top left and
 * y growing downwards, as a screen has it. Node i and edge j are the
 * subgraph's node i and edge j.
 *
 * Ownership: layout_compute() fills a struct layout that owns its arrays;
 * layout_free() releases them. */
#ifndef LAYOUT_H
#define LAYOUT_H
#include <stddef.h>

#include "graph/graph.h"
#include "graph/subgraph.h"

struct layout_node {
	double x, y; /* centre */
	double w, h; /* size */
};

struct layout_point {
	double x, y;
};

struct layout_edge {
	size_t first, count; /* range in layout.points: the polyline, tail to head */
};

struct layout {
	double width, height;
	struct layout_node *nodes; /* nnodes = the subgraph's */
	size_t nnodes;
	struct layout_edge *edges; /* nedges = the subgraph's */
	size_t nedges;
	struct layout_point *points;
	size_t npoints;
};

/* Lays out sg with engine (NULL: by size, as exports do). Labels are the
 * export's first lines, so node sizes match what a diagram would show.
 * Returns 0, or -1 with a message in err (unknown engine, layout failure). */
int layout_compute(const struct graph *g, const struct subgraph *sg, const char *engine,
		   struct layout *out, char *err, size_t errlen);
void layout_free(struct layout *l);
#endif
