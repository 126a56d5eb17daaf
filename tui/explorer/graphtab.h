/* The Graph tab's model: the focused node's neighbourhood (depth 1 or 2,
 * capped) as an ego subgraph (graph/subgraph.h) laid out by Graphviz
 * (graph/layout.h), recomputed only when the centre or the depth changes.
 * view_graph.c draws it on the character grid.
 *
 * Ownership: struct graphtab owns the subgraph and the layout. */
#ifndef GRAPHTAB_H
#define GRAPHTAB_H
#include <stdint.h>

#include "graph/layout.h"
#include "graph/subgraph.h"

struct app;

#define GRAPHTAB_MAX_NODES 48

struct graphtab {
	uint32_t center; /* graph node, NODE_NONE when nothing is laid out */
	int depth;
	int ok; /* sg and lay are valid */
	struct subgraph sg;
	struct layout lay;
	char err[256];
};

void graphtab_init(struct graphtab *t);
void graphtab_free(struct graphtab *t);
/* Forgets the layout (the graph or the overlaps changed). */
void graphtab_invalidate(struct graphtab *t);
/* Lays out the Graph tab's focus when it changed, and lists its nodes (top
 * to bottom, left to right) as the tab's rows with the cursor on the focus. */
void graphtab_update(struct graphtab *t, struct app *a);
/* The subgraph index of graph node n, or -1. */
int graphtab_index(const struct graphtab *t, uint32_t n);
#endif
