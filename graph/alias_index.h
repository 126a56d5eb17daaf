/* Every actor unit's members and names, indexed in one pass over the graph
 * (graph/alias.h answers one unit at a time, walking every claim: too slow
 * to call for each row while searching a million nodes). The index is a
 * snapshot: build it again when the graph grew or the aliases were
 * resolved again (alias_index_stale tells the first).
 *
 * Ownership: struct alias_index owns its arrays; alias_index_free()
 * releases them. The graph is borrowed while building only. */
#ifndef ALIAS_INDEX_H
#define ALIAS_INDEX_H
#include <stddef.h>
#include <stdint.h>

#include "graph/graph.h"

struct alias_index {
	size_t node_count;		 /* nodes of the graph it was built for */
	uint32_t nmembers;		 /* actor nodes, all units together */
	uint32_t *unit_off, *unit_nodes; /* actor nodes of each unit root, CSR by node id */
	uint32_t *name_off, *names;	 /* names of each unit root, CSR by node id */
	/* which build this is, unique in the process: what was derived from
	 * the index (a search text) is stale once it differs */
	unsigned serial;
};

/* Builds (or rebuilds) the index for g; ix must be zeroed or built before. */
void alias_index_build(struct alias_index *ix, const struct graph *g);
void alias_index_free(struct alias_index *ix);
/* True when g has nodes the index does not know. */
int alias_index_stale(const struct alias_index *ix, const struct graph *g);
/* Every name of unit root (the members' own names first, then the claimed
 * aliases, one per key: alias_names()'s set); NULL and *n = 0 when root is
 * not a unit root the index knows. */
const uint32_t *alias_index_names(const struct alias_index *ix, uint32_t root, uint32_t *n);
/* The actor nodes merged into unit root, root included, in node order;
 * NULL and *n = 0 when root is not a unit root the index knows. */
const uint32_t *alias_index_nodes(const struct alias_index *ix, uint32_t root, uint32_t *n);
/* Edges of a node: of all the nodes of its unit when it is a unit root. */
uint32_t alias_index_degree(const struct alias_index *ix, const struct graph *g, uint32_t node);
#endif
