/* Incremental search over names, aliases and values of every kind
 * (case-insensitive substring): the current list first, from the cursor
 * on, then the other lists, then any node of the graph. */
#ifndef SEARCH_H
#define SEARCH_H
#include <stdint.h>

#include <stddef.h>

struct app;

/* The searchable text of a long list, lower-cased, one row per line, so a
 * search over a million rows is one memmem() instead of a million
 * case-folding compares. Built on the first search after the list changed;
 * owned by the app, freed by search_free(). */
struct search_blob {
	char *text;
	size_t len, cap;
	uint32_t *off; /* n + 1 row starts */
	size_t n, off_cap;
	unsigned gen; /* app generation and list order it was built for */
	int sort, valid;
};

/* Whether node matches needle (its label, key, aliases, external ids). */
int search_node_matches(const struct app *a, uint32_t node, const char *needle);
/* Moves to the next match of a->search in direction dir (+1/-1); include
 * the current row when inclusive (incremental typing). Returns 1 when
 * found, 0 when nothing matches (nothing moved). */
int search_find(struct app *a, int dir, int inclusive);
/* Builds the search texts now (at start, so the first / is as quick as the
 * rest); they are rebuilt on demand after the lists change. */
void search_prepare(struct app *a);
void search_free(struct app *a);
#endif
