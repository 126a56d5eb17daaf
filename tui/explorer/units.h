/* Actor units for the explorer: members, names and the numbers lists sort
 * by. The index lives in struct app (unit_off/unit_nodes, name_off/names)
 * and is rebuilt by units_build() when the graph grew. */
#ifndef UNITS_H
#define UNITS_H
#include <stdint.h>

struct app;

void units_build(struct app *a);
/* Every name (own and alias, one per key) of the actor unit root. */
const uint32_t *units_names(const struct app *a, uint32_t root, uint32_t *n);
/* The actor nodes merged into unit root (including itself). */
const uint32_t *units_nodes(const struct app *a, uint32_t root, uint32_t *n);
/* Degree of a node (of all nodes of an actor unit). */
uint32_t units_degree(const struct app *a, uint32_t node);
/* Best pair score of a unit node; -1 when unknown. */
double units_score(const struct app *a, uint32_t node);
/* df of an infrastructure value (units reaching it), or -1 when unknown. */
int units_df(const struct app *a, uint32_t node);
#endif
