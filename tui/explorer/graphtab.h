/* The Graph tab's model: the focused node's neighbourhood as a tree read
 * left to right, its neighbours grouped by relation, direction and kind
 * ("uses -> malware (3)", "<- indicates domain (12)"), so no two lines
 * cross and no line runs through a label; at depth 2 each neighbour's own
 * neighbours hang beside it, grouped the same way. Groups too long for the
 * screen are capped, and a "... N more" line under each says what was left
 * out. A node reached twice (two actors sharing a domain) is marked where
 * it appears again. Recomputed only when the centre or the depth changes;
 * view_graph.c draws it on the character grid.
 *
 * (Graphviz, which lays out the exported diagrams, drew this tab before;
 * on a character grid its edges crossed labels and each other. The tree
 * keeps the shape and the counts, and `e` still exports the Graphviz
 * picture of the same neighbourhood.)
 *
 * Ownership: struct graphtab owns its entries and their text. */
#ifndef GRAPHTAB_H
#define GRAPHTAB_H
#include <stddef.h>
#include <stdint.h>

#include "graph/strbuf.h"

struct model;

#define GRAPHTAB_MAX_LINES 400	/* lines of the tree at most */
#define GRAPHTAB_GROUP_CAP_1 60 /* members shown per group at depth 1 */
#define GRAPHTAB_GROUP_CAP_2 8	/* per group around the centre at depth 2 */
#define GRAPHTAB_GROUP_CAP_3 4	/* per group one step further out */

enum gt_kind { GT_NODE, GT_GROUP, GT_MORE };

/* One label of the tree. */
struct gt_entry {
	uint32_t node;	    /* GT_NODE: the graph node */
	uint32_t parent;    /* entry index, UINT32_MAX for the centre */
	uint32_t text;	    /* offset into the text arena: the label */
	uint32_t line;	    /* the line it is drawn on */
	uint32_t last_line; /* the last line of its subtree */
	uint8_t level;	    /* column: 0 the centre, 1 its groups, 2 their members ... */
	uint8_t kind;	    /* enum gt_kind */
	uint8_t last;	    /* the last child of its parent */
	uint8_t again;	    /* GT_NODE: the node appears earlier in the tree too */
	uint8_t style;	    /* enum style */
};

struct graphtab {
	uint32_t center; /* graph node, NODE_NONE when nothing is laid out */
	int depth;
	int ok; /* entries are valid */
	struct gt_entry *e;
	size_t n, cap;
	struct strbuf text;
	size_t lines;	   /* lines of the tree */
	size_t neighbours; /* distinct neighbours of the centre */
	size_t shown;	   /* node entries shown, the centre included */
	size_t left_out;   /* neighbours (at any level) in "... more" lines */
	int truncated;	   /* edges or lines beyond the bounds */
	size_t top;	   /* first line on screen (kept by the explorer) */
	char err[256];
};

void graphtab_init(struct graphtab *t);
void graphtab_free(struct graphtab *t);
/* Forgets the tree (the graph or the overlaps changed). */
void graphtab_invalidate(struct graphtab *t);
/* Builds center's tree at depth (1 or 2) when either changed since the last
 * call. Returns 1 when it did (the rows changed: on failure there are none
 * and t->err says why), 0 when the tree is the same. ascii: arrows drawn
 * as -> and <-. */
int graphtab_update(struct graphtab *t, const struct model *m, uint32_t center, int depth,
		    int ascii);
/* The node entries, in the order they are drawn: the tab's rows. Fills rows
 * (room for graphtab_count()) and returns how many. */
size_t graphtab_count(const struct graphtab *t);
size_t graphtab_rows(const struct graphtab *t, uint32_t *rows);
/* The entry of row i (graphtab_rows' order), or NULL. */
const struct gt_entry *graphtab_row_entry(const struct graphtab *t, size_t i);
const char *graphtab_text(const struct graphtab *t, const struct gt_entry *e);
#endif
