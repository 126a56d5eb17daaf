/* Private to the overlap engine (overlap.c, infra_set.c, overlap_why.c,
 * overlap_cluster.c): the layout of struct overlap. */
#ifndef OVERLAP_INT_H
#define OVERLAP_INT_H
#include <stddef.h>
#include <stdint.h>

#include "graph/overlap.h"
#include "graph/u64map.h"

/* One value some unit reaches: its df and the unit-independent factors. */
struct vinfo {
	uint32_t node;
	uint32_t df;
	double idf, type, list;
	const char *list_name; /* owned by the warninglist set, or NULL */
	uint8_t flags;	       /* EV_WARNLISTED, EV_OVER_CAP */
};

struct overlap {
	const struct graph *g;
	struct overlap_opts o;
	struct unit *units;
	char **names; /* display names, owned */
	size_t nunits;
	uint32_t *unit_of; /* node -> unit, UINT32_MAX (node_count entries) */
	struct membership *members;
	double *own_w; /* per membership: its weight within its own unit */
	size_t nmembers;
	uint32_t *tools, *tool_off; /* per unit, sorted node ids (CSR) */
	uint32_t *techs, *tech_off;
	uint32_t *val_idx; /* node -> index in vals, UINT32_MAX */
	struct vinfo *vals;
	size_t nvals;
	double *total;	   /* per unit: sum of own_w */
	uint32_t nonempty; /* N: units reaching at least one value */
	struct overlap_pair *pairs;
	size_t npairs;
	struct u64map pair_idx;
	struct cluster *clusters;
	size_t nclusters;
	double cl_threshold;
	int cl_valid;
	uint32_t *owner; /* during overlap_compute only: see infra_classify() */
};

/* Reachability (infra_set.c): fills ov->members, own tools and techniques
 * for every unit. Units and unit_of must be set. */
void infra_set_build(struct overlap *ov);
/* Attribution of campaigns and reports (owner[] has node_count entries):
 * OWNER_NONE (a unit of its own), OWNER_EXPLICIT, or the alias root of the
 * one actor a report mentions (else the one unattributed campaign it
 * mentions). */
#define OWNER_NONE UINT32_MAX
#define OWNER_EXPLICIT (UINT32_MAX - 1)
void infra_classify(const struct overlap *ov, uint32_t *owner);
/* Whether node/edge take part under the options (revoked, as-of). */
int infra_node_ok(const struct overlap *ov, uint32_t n);
int infra_edge_ok(const struct overlap *ov, uint32_t e);
/* The evidence of one shared value from the two memberships. */
void overlap_evidence_fill(const struct overlap *ov, const struct membership *ma,
			   const struct membership *mb, struct evidence *ev);
/* Weight of a value inside one unit (no time factor). */
double overlap_own_weight(const struct overlap *ov, const struct membership *m);
#endif
