/* The analyst's alias and attribution decisions (workspace records,
 * tui/session/ws_records.h) put to work on a loaded graph, the same way in
 * the explorer and in the batch commands.
 *
 * Alias decisions are applied after loading, as a step of their own, not
 * by the loaders: whatever built the graph (the loaders, :load, a cache of
 * a finished graph), the decisions are claims and splits of one pseudo-file
 * (format "workspace"), dropped and made again from the workspace each time
 * (alias_forget_file, alias_decide), and the aliases resolved again. A
 * decision removed from the workspace is gone from the graph at the next
 * apply.
 *
 * Attribution decisions go to the overlap engine as struct attrib_decision
 * (graph/attribution.h), with the author and date of each.
 *
 * Ownership: struct decision_list owns its array and the strings made for
 * it (dates); the names it points to are the annot's, which must outlive
 * it. */
#ifndef DECISIONS_H
#define DECISIONS_H
#include <stddef.h>
#include <stdint.h>

#include "graph/annot.h"
#include "graph/attribution.h"
#include "graph/graph.h"

/* The pseudo-file's format name. */
#define DECISIONS_FORMAT "workspace"

/* Applies a's alias decisions to g (finished; anything borrowing its
 * adjacency, such as an overlap result, must be let go first): the
 * decisions of the pseudo-file (named path, else "workspace": the same
 * name on every machine, so screens and outputs compare) are replaced by
 * a's, and the graph finished again. Returns 1 when the
 * aliases were resolved again, 0 when there was nothing to change. */
int decisions_apply_aliases(struct graph *g, const struct annot *a, const char *path);

/* a's alias decisions, by the names they join or split. */
struct decision_list {
	struct attrib_decision *v;
	size_t n;
	char **dates; /* owned, one per decision */
};
/* The attribution decisions of a, for overlap_opts.decisions. */
void decisions_attribs(const struct annot *a, struct decision_list *out);
void decisions_free(struct decision_list *l);
/* A number that changes when a's alias or attribution decisions change
 * (to know whether the overlaps must be computed again). */
uint64_t decisions_signature(const struct annot *a);
/* "2024-05-01" for a time (UTC), "" for 0. */
void decisions_date(time_t when, char *buf, size_t n);
#endif
