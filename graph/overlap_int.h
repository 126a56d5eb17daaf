/* Private to the overlap engine (overlap.c, infra_set.c, overlap_why.c,
 * overlap_cluster.c): the layout of struct overlap. */
#ifndef OVERLAP_INT_H
#define OVERLAP_INT_H
#include <stddef.h>
#include <stdint.h>

#include "graph/overlap.h"
#include "graph/u64map.h"

struct attribution_table;
struct copies;

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
	struct attribution_table *attr;
	struct copies *copies;
	/* units [0, ntop) are actors and unattributed clusters, sorted by
	 * name; [ntop, nunits) the campaigns and sources of actors, by parent
	 * then name */
	struct unit *units;
	char **names; /* display names, owned */
	size_t nunits, ntop;
	uint32_t *seed_off, *seeds; /* per unit: the nodes its walk starts from */
	uint32_t *unit_of;	    /* node -> top-level unit, UINT32_MAX */
	struct membership *members;
	double *own_w; /* per membership: its weight within its own unit */
	size_t nmembers;
	size_t ntop_members; /* members [0, ntop_members) are top-level units' */
	uint32_t *tools, *tool_off; /* per unit, sorted node ids (CSR) */
	uint32_t *techs, *tech_off;
	size_t ntools_all, ntechs_all, cap_tool_off, cap_tech_off;
	uint32_t *val_idx; /* node -> index in vals, UINT32_MAX */
	struct vinfo *vals;
	size_t nvals;
	double *total;	   /* per unit: sum of own_w */
	uint32_t *counted; /* per unit: values with own_w > 0 */
	uint32_t nonempty; /* N: top-level units reaching at least one value */
	uint32_t ncounted; /* V: distinct values some top-level unit counts */
	double wbar;	   /* mean own weight of a counted top-level membership */
	struct overlap_pair *pairs; /* by relation, then rank */
	size_t npairs;
	size_t rel_off[PAIR_RELATION_COUNT + 1];
	size_t rel_infra[PAIR_RELATION_COUNT]; /* of which share infrastructure (first) */
	struct u64map pair_idx;
	struct cluster *clusters;
	size_t nclusters;
	double cl_threshold;
	int cl_valid;
};

/* The copy groups each walked unit reached statements from (CSR over the
 * units walked), filled by infra_set_build() when asked for. */
struct infra_sources {
	uint32_t *off, *groups;
};

/* Reachability (infra_set.c): appends the memberships, tools and techniques
 * of units [from, to) (seeds, groups and names set) to ov. */
void infra_set_build(struct overlap *ov, size_t from, size_t to, struct infra_sources *src);
/* Whether node/edge take part under the options (revoked, as-of). */
int infra_node_ok(const struct overlap *ov, uint32_t n);
int infra_edge_ok(const struct overlap *ov, uint32_t e);
/* The evidence of one shared value from the two memberships. */
void overlap_evidence_fill(const struct overlap *ov, const struct membership *ma,
			   const struct membership *mb, struct evidence *ev);
/* Weight of a value inside one unit (no time factor). */
double overlap_own_weight(const struct overlap *ov, const struct membership *m);
#endif
