/* The tabs and the rows of their lists: which nodes, pairs or clusters pass
 * the filters and the as-of date, in which order, and where the cursor
 * lands after a rebuild (on the focused item when it is still listed).
 * Lists read the model (tui/explorer/model.h) and the rules the analyst
 * set; they change nothing but the list and its focus. */
#ifndef LISTS_H
#define LISTS_H
#include <stddef.h>
#include <stdint.h>

struct model;
struct filter;

/* X(ENUM, "title", key, "short title"). New tabs go at the end, so the
 * keys analysts know keep their meaning. The short title names a tab that
 * is not shown on a screen too narrow for every title. */
#define TABS(X)                                    \
	X(TAB_ACTORS, "Actors", '1', "Act")        \
	X(TAB_INFRA, "Infrastructure", '2', "Inf") \
	X(TAB_TOOLS, "Tools", '3', "Too")          \
	X(TAB_OVERLAPS, "Overlaps", '4', "Ovl")    \
	X(TAB_CLUSTERS, "Clusters", '5', "Clu")    \
	X(TAB_GRAPH, "Graph", '6', "Gra")          \
	X(TAB_REPORTS, "Reports", '7', "Rep")      \
	X(TAB_ALIASES, "Aliases", '8', "Ali")      \
	X(TAB_REVIEW, "Review", '9', "Rev")

enum tab {
#define X(e, title, key, short_title) e,
	TABS(X)
#undef X
	    TAB_COUNT
};

/* Rows of the Aliases and Review tabs: what a row is (its kind, in the top
 * bits) and its index among those (a decision of the annot, a merge or
 * refusal of graph/alias.h, a verdict or note). */
#define ROW_MAKE(kind, i) ((uint32_t)(kind) << 28 | (uint32_t)(i))
#define ROW_KIND(r) ((r) >> 28)
#define ROW_INDEX(r) ((r) & 0x0fffffffu)
/* The Aliases tab: the analyst's decisions, then merges, then refusals. */
enum alias_row { AR_DECISION, AR_MERGE, AR_REFUSAL };
/* The Review tab: every judgement and decision of the workspace. */
#define REVIEW_KINDS(X)                \
	X(RV_VERDICT, "verdict")       \
	X(RV_NOTE, "note")             \
	X(RV_ALIAS, "alias")           \
	X(RV_ATTRIB, "attribution")
enum review_kind {
#define X(e, name) e,
	REVIEW_KINDS(X)
#undef X
	    RV_COUNT
};
const char *review_kind_name(int kind);
/* The kind called name, or -1. */
int review_kind_from_name(const char *name);
/* Author and time of review row r (NULL and 0 when not recorded). */
struct annot;
void lists_review_who(const struct annot *an, uint32_t r, const char **author, long long *when);
/* A workspace key as the analyst reads it: "actor:apt15" -> its unit's name,
 * "pair:K1|K2" -> "A <sep> B"; a key naming nothing loaded stays as written. */
void lists_key_label(const struct model *m, const char *key, const char *sep, char *out,
		     size_t size);

/* The orders of a node list (the Reports tab reads them as name, objects,
 * date; the Overlaps tab as what the engine ranks by, enum overlap_by:
 * infrastructure, tools, techniques). */
enum sort_key { SORT_NAME, SORT_DEGREE, SORT_SCORE, SORT_COUNT };
/* The name of a list's order as its header shows it. */
const char *lists_sort_name(int tab, int sort);

/* One list: row ids (nodes, pair indexes of every relation, cluster indexes,
 * file indexes), the cursor, the first visible row. Owns its rows. */
struct list {
	uint32_t *rows;
	size_t n, cap;
	size_t cur, top;
	uint8_t sort; /* enum sort_key */
};

/* What a tab shows: the focused item (a node; a pair as its two unit nodes;
 * a cluster index) and whether that item is off the list (a pivot to a
 * node the list does not hold, such as a victim). */
struct focus {
	uint32_t item, item2;
	uint8_t off_list;
};

/* What the analyst narrowed the lists to. */
struct list_rules {
	const struct filter *filter;
	int32_t asof;	     /* DATE_UNKNOWN: everything */
	int include_revoked; /* revoked and deprecated objects listed */
	uint32_t pair_unit;  /* Overlaps tab: only this unit node's pairs, or NODE_NONE */
};

/* The numbers of the status line. */
struct list_counts {
	size_t actors, infra, tools, pairs, clusters, files;
	/* pairs of the relation shown, by what they share (enum overlap_by) */
	size_t pairs_by[3];
	uint8_t tlp; /* most restricted marking of the loaded files */
};

const char *tab_title(int tab);
/* The title in the tab bar of a screen cols wide with tab active shown
 * (shortened when narrow). */
const char *tab_bar_title(int tab, int cols, int active);
/* Bit per node kind that tab lists (0 for pair, cluster and graph tabs). */
uint32_t lists_tab_kinds(int tab);
/* The node tab that lists kind, or -1 (victims, locations, reports). */
int lists_tab_of_kind(int kind);
/* Rebuilds the rows of tab (not the Graph tab: its rows are the laid-out
 * nodes) and keeps the cursor on f's item, or moves f to the cursor. */
void lists_rebuild_tab(const struct model *m, const struct list_rules *r, int tab, struct list *l,
		       struct focus *f);
/* The counts; relation is the one the Overlaps tab shows. */
/* The name the Reports tab shows for a file: its report's title, else its
 * file name. Borrowed. */
struct graph;
const char *lists_file_name(const struct graph *g, uint32_t file);
void lists_count(const struct model *m, int relation, struct list_counts *c);
/* The order of two nodes by name in the node tabs (addresses by number,
 * then the label, caseless), for the kept orders (orders.h). */
int lists_cmp_name(const struct model *m, uint32_t x, uint32_t y);
#endif
