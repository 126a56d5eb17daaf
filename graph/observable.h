/* Adding an indicator value to the graph the same way from every loader:
 * normalise it, record a quirk when it was defanged or rejected, create its
 * node, and for a URL also its host (url --has-host--> domain/ip), since
 * overlaps are counted on hosts as well as on whole URLs. */
#ifndef OBSERVABLE_H
#define OBSERVABLE_H
#include <stdint.h>

#include "graph/diag.h"
#include "graph/graph.h"

/* Where the value was found, for diagnostics. */
struct obs_site {
	uint32_t line, col;
	const char *where; /* JSON pointer or object id, may be NULL */
	/* when where is NULL and where_fn is not: gives it, called only when a
	 * diagnostic needs it (building it for every value costs) */
	const char *(*where_fn)(void *ctx);
	void *ctx;
};

/* kind is an enum node_kind, or -1 to guess it from the value. Returns the
 * node id, or NODE_NONE when the value was rejected (a D_VALUE warning is
 * added to d, which may be NULL). */
uint32_t obs_add(struct graph *g, int kind, const char *value, size_t n, const struct prov *p,
		 struct diag_list *d, const struct obs_site *site);
#endif
