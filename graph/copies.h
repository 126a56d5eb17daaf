/* Copies: input files that hold one report in several renderings, so that
 * the report counts once (SPEC.md "Overlap engine": copies of one report in
 * several formats fold into one unit). Citizen Lab publishes each report as
 * MISP JSON, STIX 1, OpenIOC and CSV, each a few values more or less; a
 * publisher folder often holds a README and a MISP event of one report.
 *
 * Two files are copies when
 *   - a report of each carries the same source id (MISP event uuid, STIX
 *     report id), wherever they are; or, within one folder,
 *   - their titles are the same once normalised; or
 *   - at least COPIES_CONTAINED_PCT % of the smaller file's values (at least
 *     COPIES_MIN_VALUES of them: MISP's converter renders a two-value
 *     collection in five formats) are in the larger;
 * and never when each file names actors and the two name none in common
 * (maltrail keeps one actor per file, all in one folder).
 * Copies are transitive: the groups are the connected sets.
 *
 * Ownership: copies_build() makes the table, copies_free() frees it; it
 * borrows the graph (after graph_finish()). */
#ifndef COPIES_H
#define COPIES_H
#include <stddef.h>
#include <stdint.h>

#include "graph/graph.h"

#define COPIES_CONTAINED_PCT 90
#define COPIES_MIN_VALUES 2

struct copies;

/* edge_ok (may be NULL) says which edges take part (revoked, as-of). */
struct copies *copies_build(const struct graph *g, int (*edge_ok)(const void *ctx, uint32_t e),
			    const void *ctx);
void copies_free(struct copies *c);

/* The group of a file: the smallest file index among its copies. */
uint32_t copies_group(const struct copies *c, uint32_t file);
/* Why file joined its group ("same title", "same source id 'x'", "92% of
 * its 25 values in b.json"), NULL when it stands alone or leads. Owned by
 * the table. */
const char *copies_why(const struct copies *c, uint32_t file);
/* Sorted infrastructure values stated in a file (borrowed). */
const uint32_t *copies_values(const struct copies *c, uint32_t file, size_t *n);
/* The actor units (alias roots) a file's statements name, sorted. */
const uint32_t *copies_units(const struct copies *c, uint32_t file, size_t *n);
#endif
