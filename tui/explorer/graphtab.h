/* The Graph tab's model: the focused node's neighbourhood (depth 1 or 2,
 * capped) as an ego subgraph (graph/subgraph.h) laid out by Graphviz
 * (graph/layout.h), recomputed only when the centre or the depth changes.
 * view_graph.c draws it on the character grid.
 *
 * Ownership: struct graphtab owns the subgraph and the layout. */
#ifndef GRAPHTAB_H
#define GRAPHTAB_H
#include <stddef.h>
#include <stdint.h>

#include "graph/layout.h"
#include "graph/subgraph.h"

struct model;

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
/* Lays out center's neighbourhood at depth when either changed since the
 * last call. Returns 1 when it did (the rows changed: on failure there are
 * none and t->err says why), 0 when the layout is the same. */
int graphtab_update(struct graphtab *t, const struct model *m, uint32_t center, int depth);
/* The laid-out nodes, top to bottom and left to right: the tab's rows. Fills
 * rows (room for graphtab_count()) and returns how many. */
size_t graphtab_count(const struct graphtab *t);
size_t graphtab_rows(const struct graphtab *t, uint32_t *rows);
/* The subgraph index of graph node n, or -1. */
int graphtab_index(const struct graphtab *t, uint32_t n);
#endif
