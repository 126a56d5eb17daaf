/* The rows of the tabs' lists (struct list in app.h), rebuilt when filters,
 * the as-of date, the order or the data change. */
#ifndef LISTS_H
#define LISTS_H
#include <stdint.h>

struct app;

/* Bit per node kind that tab lists (0 for pair, cluster and graph tabs). */
uint32_t lists_tab_kinds(int tab);
/* The node tab that lists kind, or -1 (victims, locations, reports). */
int lists_tab_of_kind(int kind);
void lists_rebuild_tab(struct app *a, int tab);
/* Every tab, and the counts of the status line. */
void lists_rebuild(struct app *a);
#endif
