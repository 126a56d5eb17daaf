/* Incremental search over names, aliases and values of every kind
 * (case-insensitive substring): the current list first, from the cursor
 * on, then the other lists, then any node of the graph. The search says
 * where the next match is (struct search_hit); the explorer goes there. */
#ifndef SEARCH_H
#define SEARCH_H
#include <stddef.h>
#include <stdint.h>

struct model;
struct list;

/* The searchable text of a long list, lower-cased, one row per line, so a
 * search over a million rows is one memmem() instead of a million
 * case-folding compares. Built on the first search after the list changed. */
struct search_blob {
	char *text;
	size_t len, cap;
	uint32_t *off; /* n + 1 row starts */
	size_t n, off_cap;
	uint32_t *rows; /* the node of each row, as the list held them */
	size_t rows_cap;
	unsigned gen; /* generation and list order it was built for */
	int sort, valid;
	/* the data its texts come from: the graph (and how much of it) and
	 * the alias index build; while they stand, a new list order or a
	 * narrower filter reorders the texts instead of making them again */
	const void *graph;
	size_t nodes, files;
	unsigned units;
};

/* The search state. Owns the blobs; search_free() releases them. */
struct search {
	char needle[1024];	     /* what is searched for ("" before the first /) */
	char miss[1024];	     /* the last needle that matched nothing */
	unsigned miss_gen;	     /* the generation it matched nothing in */
	struct search_blob blobs[3]; /* Actors, Infrastructure, Tools */
};

/* Where to search: the model, the tabs' lists as shown, and where the
 * cursor is. */
struct search_scope {
	const struct model *m;
	const struct list *lists; /* TAB_COUNT of them */
	int tab;		  /* the tab shown, or -1 on a screen of its own (why) */
	int off_list;		  /* the tab's focus is off its list */
	int filtered;		  /* the lists hide nodes (a filter, an as-of date) */
	unsigned generation;	  /* bumped whenever lists or data change */
};

/* A match: row `row` of tab `tab`'s list, or (tab -1) a node no list shows. */
struct search_hit {
	int tab;
	size_t row;
	uint32_t node;
};

/* Whether node matches needle (its label, key, aliases, external ids). */
int search_node_matches(const struct model *m, uint32_t node, const char *needle);
/* The next match of s->needle in direction dir (+1/-1) from the cursor,
 * the cursor's row included when inclusive (incremental typing). Returns 1
 * with *hit filled, or 0 when nothing matches. */
int search_find(struct search *s, const struct search_scope *sc, int dir, int inclusive,
		struct search_hit *hit);
/* Builds the search texts now (at start, so the first / is as quick as the
 * rest); they are rebuilt on demand after the lists change. */
void search_prepare(struct search *s, const struct search_scope *sc);
void search_free(struct search *s);
#endif
