/* A node's neighbours grouped for display: one entry per (relation,
 * direction, neighbour) with the number of edges behind it, in a stable
 * order (relation, direction, the neighbour's kind, label, id). For an
 * actor, the edges of every actor merged into its unit count (the alias
 * index says which), actor neighbours are shown as their unit, and edges
 * inside the unit are left out.
 *
 * Ownership: neighbours_of() returns an array the caller frees. */
#ifndef NEIGHBOURS_H
#define NEIGHBOURS_H
#include <stddef.h>
#include <stdint.h>

#include "graph/alias_index.h"
#include "graph/graph.h"

struct neighbour {
	uint32_t other; /* the neighbour (a unit root for actors) */
	uint32_t edge;	/* one of the edges to it */
	uint32_t count; /* edges behind this entry */
	uint8_t rel;	/* the relation */
	uint8_t in;	/* 1 when the neighbour points at the node */
};

/* The grouped neighbours of node; returns how many, *out holds them (NULL
 * when none). Reads at most max_edges edges: *truncated says when there
 * were more. */
size_t neighbours_of(const struct graph *g, const struct alias_index *ix, uint32_t node,
		     size_t max_edges, struct neighbour **out, int *truncated);
#endif
