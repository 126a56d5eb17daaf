/* Selecting what one diagram (or the TUI's graph tab) shows: the nodes and
 * edges of a view, in a canonical order so that the same data gives the
 * same picture whatever order the input files were loaded in.
 *
 * Views (SPEC.md "Export"):
 *   all      the whole graph, capped at max_nodes (the most connected kept)
 *   ego      a node and everything within depth hops of it
 *   unit     a unit, its campaigns, tools and malware, and the infrastructure
 *            it reaches with the paths that reach it (needs the overlap engine)
 *   pair     two units, their shared values and the paths that reach them,
 *            joined by a score edge (needs the overlap engine)
 *   cluster  the units of one cluster and the pair scores linking them
 *   overlap  units as nodes, an edge for each pair scoring >= threshold
 *
 * Actors merged by aliases are drawn as one node: the representative of the
 * alias unit (alias_unit), named by the overlap engine's unit name when one
 * is given. Parallel graph edges with the same ends and relation (the same
 * fact from several files) become one edge with the strongest confidence.
 *
 * Ownership: struct subgraph owns its arrays; subgraph_free() releases them.
 * Labels and names are borrowed from the graph and the overlap, which must
 * outlive the subgraph. Neither curses nor Graphviz is involved here. */
#ifndef SUBGRAPH_H
#define SUBGRAPH_H
#include <stddef.h>
#include <stdint.h>

#include "graph/graph.h"

struct overlap;

#define SG_VIEWS(X)                                                            \
	X(SG_VIEW_ALL, "all", "the whole graph (capped by --max-nodes)")       \
	X(SG_VIEW_EGO, "ego", "a node and its neighbours (--node, --depth)")   \
	X(SG_VIEW_UNIT, "unit", "a unit's campaigns, tools, infrastructure")   \
	X(SG_VIEW_PAIR, "pair", "the evidence linking two units (--pair A,B)") \
	X(SG_VIEW_CLUSTER, "cluster", "one cluster of linked units")           \
	X(SG_VIEW_OVERLAP, "overlap", "units linked by pair scores")

enum sg_view {
#define X(e, name, help) e,
	SG_VIEWS(X)
#undef X
	    SG_VIEW_COUNT
};

struct sg_spec {
	int view;	    /* enum sg_view */
	const char *node;   /* ego: centre, by name, alias, value or "kind:value" */
	int depth;	    /* ego: hops (>= 1) */
	const char *unit_a; /* unit, pair; cluster: the cluster holding this unit */
	const char *unit_b; /* pair */
	int cluster;	    /* cluster: 1-based number when unit_a is NULL */
	size_t max_nodes;   /* cap; 0 means 500 */
	double threshold;   /* overlap and cluster views */
	double min_score;   /* overlap view: weakest pair drawn; 0 draws every pair
			     * sharing counted infrastructure, the threshold
			     * then only decides which are drawn strong */
};

enum sg_node_flags {
	SGN_FOCUS = 1 << 0,	 /* the subject: ego centre, the unit, the pair */
	SGN_WARNLISTED = 1 << 1, /* on a warninglist: drawn greyed */
	SGN_OVER_CAP = 1 << 2,	 /* reached by more than --df-cap units */
	SGN_SHARED = 1 << 3,	 /* a shared value of the pair */
	SGN_UNIT = 1 << 4,	 /* stands for an overlap unit */
};

struct sg_node {
	uint32_t node;	   /* graph node id (the alias unit's representative) */
	uint32_t unit;	   /* overlap unit index, or UINT32_MAX */
	const char *label; /* display text, borrowed */
	const char *list;  /* warninglist name, borrowed, or NULL */
	uint32_t df;	   /* units reaching the value; 0 when not known */
	uint32_t degree;   /* edges in the whole graph (all view: what the cap ranks by) */
	uint32_t rank;	   /* the view's own priority under the cap (lower kept first) */
	uint16_t flags;	   /* enum sg_node_flags */
	uint8_t kind, conf, tlp;
	uint8_t depth; /* hops from the subject (ego, unit, pair) */
	uint8_t layer; /* left-to-right position a drawing should keep: hops from
			* the subject; in the pair view A's side, then the shared
			* values, then B's side */
};

enum sg_edge_flags {
	SGE_PAIR = 1 << 0,    /* a pair score, not a graph edge */
	SGE_PARTIAL = 1 << 1, /* an OpenIOC "contains" match */
	SGE_DERIVED = 1 << 2, /* made by agx, not stated by a source */
	/* a report or campaign joined to its unit by a reason, not an edge
	 * (sg_edge.reason says which), or a re-filed list's actor */
	SGE_JOINED = 1 << 3,
	SGE_REFILED = 1 << 4, /* with SGE_JOINED: the analyst re-filed a list */
};

struct sg_edge {
	uint32_t from, to; /* indexes into nodes */
	uint32_t edge;	   /* the first merged graph edge, UINT32_MAX for pairs */
	uint32_t sources;  /* graph edges (files) merged into this one */
	uint32_t pair;	   /* overlap pair index, or UINT32_MAX */
	double score;	   /* pair edges: score */
	double weight;	   /* pair edges: raw shared weight */
	uint32_t shared;   /* pair edges: shared values counted */
	uint8_t rel, conf, tlp, flags;
	uint8_t reason; /* SGE_JOINED: enum attrib_reason */
};

struct subgraph {
	int view;
	struct sg_node *nodes;
	size_t nnodes;
	struct sg_edge *edges;
	size_t nedges;
	size_t total;	   /* nodes the view had before the cap */
	int truncated;	   /* total > nnodes */
	uint32_t focus[2]; /* node indexes of the subject(s), UINT32_MAX when none */
	/* most restricted marking among the inputs that state what is shown
	 * (the files in files, the edges drawn); tlp_all: of every input loaded,
	 * for a note when it is higher */
	uint8_t tlp, tlp_all;
	int32_t date;	   /* newest date of the data, DATE_UNKNOWN when none */
	uint32_t *files;   /* input files behind the view (its edges, the values
			    * behind its scores, its units' files), sorted by path */
	size_t nfiles;
	char *subject; /* "APT15 linked to BackdoorDiplomacy", owned */
};

/* Builds the view. ov may be NULL for all and ego (then df counts are
 * unknown and actors are named by their own labels); the cluster view asks
 * ov for its clusters, which it caches, hence not const. Returns 0, or -1 with
 * a message in err (unknown name or cluster, a view that needs the overlap
 * engine without one). On failure out is left empty (safe to free). */
int subgraph_build(const struct graph *g, struct overlap *ov, const struct sg_spec *s,
		   struct subgraph *out, char *err, size_t errlen);
void subgraph_free(struct subgraph *sg);

/* Finds a node by what an analyst types: an actor name or alias, the name of
 * any named kind, an indicator value (normalised first), a source object id,
 * or "kind:value". Returns NODE_NONE when nothing matches. */
uint32_t subgraph_find_node(const struct graph *g, const char *text);

const char *subgraph_view_name(int view);
/* Returns the view for a name, or -1. */
int subgraph_view_from_name(const char *name);
/* The confidence band an edge is drawn in: 2 solid (>= 70), 1 dashed
 * (30..69, and not stated, which counts as 50), 0 dotted (< 30). */
int subgraph_conf_band(uint8_t conf);
#endif
