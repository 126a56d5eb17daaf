/* The node lists' sort orders, kept: every node in each order the Actors,
 * Infrastructure and Tools tabs sort by (name, degree, df, best score),
 * computed when the overlaps are (model_recompute), so that changing a
 * list's sort or filter is a scan of a kept order, not a sort of a million
 * rows on the keystroke. Owned by the model; stale (NULL from orders_for)
 * once the graph has more nodes than when they were made. */
#ifndef ORDERS_H
#define ORDERS_H
#include <stddef.h>
#include <stdint.h>

struct model;
struct node_orders;

/* The orders of m's nodes (m->ov may be NULL: df and score then unknown). */
struct node_orders *orders_build(const struct model *m);
void orders_free(struct node_orders *o);
/* Node ids in the order tab's list sorts by key (enum sort_key), as
 * lists.c's comparison would put them; NULL when o is stale. */
const uint32_t *orders_for(const struct node_orders *o, const struct model *m, int tab, int key);
/* The rows a node tab lists under the default rules (no filter, no as-of,
 * revoked objects hidden) in that order, *n of them: a list whose rules are
 * the default is a copy of these. NULL when o is stale. */
const uint32_t *orders_listed(const struct node_orders *o, const struct model *m, int tab, int key,
			      size_t *n);
#endif
