/* Incremental search over names, aliases and values of every kind
 * (case-insensitive substring): the current list first, from the cursor
 * on, then the other lists, then any node of the graph. */
#ifndef SEARCH_H
#define SEARCH_H
#include <stdint.h>

struct app;

/* Whether node matches needle (its label, key, aliases, external ids). */
int search_node_matches(const struct app *a, uint32_t node, const char *needle);
/* Moves to the next match of a->search in direction dir (+1/-1); include
 * the current row when inclusive (incremental typing). Returns 1 when
 * found, 0 when nothing matches (nothing moved). */
int search_find(struct app *a, int dir, int inclusive);
#endif
