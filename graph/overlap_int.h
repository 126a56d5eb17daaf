/* Private to the overlap engine (overlap.c, infra_set.c, overlap_why.c,
 * overlap_cluster.c): the layout of struct overlap. */
#ifndef OVERLAP_INT_H
#define OVERLAP_INT_H
#include <stddef.h>
#include <stdint.h>

#include "graph/date.h"
#include "graph/overlap.h"
#include "graph/u64map.h"

struct attribution_table;
struct copies;

/* One value some unit reaches: its df and the unit-independent factors. */
struct vinfo {
	uint32_t node;
	uint32_t df;
	double idf, type, list;
	double base; /* idf * type * list */
	const char *list_name; /* owned by the warninglist set, or NULL */
	uint8_t flags;	       /* EV_WARNLISTED, EV_OVER_CAP */
};

/* The analyst's re-filed files (attribution_refiled) as the walks take
 * them: the unit whose walk skips the copy group's statements (skip), or
 * the unit that walks from node through that group's statements only. */
struct refile_walk {
	uint32_t unit, node, group;
	uint8_t skip;
	uint32_t refile; /* index in attribution_refiled() */
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
	struct refile_walk *refile; /* by top-level unit */
	size_t nrefile;
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
	/* by relation: those sharing infrastructure ranked, then the rest
	 * by (a, b); in whole pages (overlap_pairs.c) */
	struct overlap_pair *pairs;
	size_t npairs, pairs_cap;
	size_t rel_off[PAIR_RELATION_COUNT + 1];
	size_t rel_infra[PAIR_RELATION_COUNT]; /* of which share infrastructure (first) */
	/* per relation, [ab_off[r], ab_off[r + 1]): the ranked places of its
	 * infrastructure pairs in (a, b) order, for overlap_pair_find() */
	uint32_t *ab_rank;
	size_t ab_off[PAIR_RELATION_COUNT + 1];
	/* pairs formed, per relation and enum overlap_by (more than are kept
	 * under keep_top) */
	size_t rel_total[PAIR_RELATION_COUNT][3];
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
/* The publishers of two statements of one value as one: the same, or
 * OVERLAP_PUB_MIXED (0, a file naming none, stays 0 only with another 0). */
static inline uint32_t overlap_pub_merge(uint32_t a, uint32_t b)
{
	return a == b ? a : OVERLAP_PUB_MIXED;
}

/* A path's confidence, 50 when it states none. */
static inline int overlap_eff_conf(uint8_t c)
{
	return c == CONF_UNKNOWN ? 50 : c;
}

/* One side of a shared value: what the weight reads of a membership. */
struct side {
	uint32_t start;
	int32_t first, last;
	uint32_t pub;
	uint8_t conf, flags;
};

/* Weight of value vi shared through sides a and b, the formula of
 * overlap.c; *flags gets its evidence flags, *conf and *time (each may be
 * NULL) its factors. Inline: it runs once per value per pair formed. */
static inline double overlap_side_weight(const struct overlap *ov, const struct vinfo *vi,
					 const struct side *a, const struct side *b, double *conf,
					 double *time, double *src, uint8_t *flags)
{
	int ca = overlap_eff_conf(a->conf), cb = overlap_eff_conf(b->conf);
	double c = (ca < cb ? ca : cb) / 100.0;
	int undated = 1;
	double t = 1.0;
	if (a->first != DATE_UNKNOWN || a->last != DATE_UNKNOWN || b->first != DATE_UNKNOWN ||
	    b->last != DATE_UNKNOWN)
		t = overlap_time_factor(a->first, a->last, b->first, b->last, ov->o.slack_days,
					&undated);
	uint8_t f = vi->flags | ((a->flags | b->flags) & EV_PARTIAL) | (undated ? EV_UNDATED : 0);
	/* the same report or campaign seeds both sides: one source naming
	 * two actors, not two sources meeting */
	if (a->start == b->start) {
		int sk = ov->g->nodes[a->start].kind;
		if (sk == NODE_REPORT || sk == NODE_CAMPAIGN)
			f |= EV_ONE_SOURCE;
	}
	/* one publisher on both sides: its own cross-listing */
	double s = 1.0;
	if (a->pub == b->pub && a->pub && a->pub != OVERLAP_PUB_MIXED) {
		f |= EV_ONE_PUBLISHER;
		s = OVERLAP_ONE_PUBLISHER;
	}
	if (conf)
		*conf = c;
	if (time)
		*time = t;
	if (src)
		*src = s;
	*flags = f;
	if (f & (EV_OVER_CAP | EV_PARTIAL | EV_ONE_SOURCE))
		return 0;
	/* vi->base is idf * type * list, the product's first two steps */
	return vi->base * c * t * s;
}

static inline struct side overlap_side(const struct membership *m)
{
	return (struct side){m->start, m->first, m->last, m->pub, m->conf, m->flags};
}

/* The same from two memberships. */
static inline double overlap_shared_weight(const struct overlap *ov, const struct vinfo *vi,
					   const struct membership *ma,
					   const struct membership *mb, double *conf,
					   double *time, double *src, uint8_t *flags)
{
	struct side a = overlap_side(ma), b = overlap_side(mb);
	return overlap_side_weight(ov, vi, &a, &b, conf, time, src, flags);
}

/* S / (S + E + K) */
double overlap_score(double shared_w, double chance, double prior);
/* Pairs (overlap_pairs.c): forms every pair of every relation into ov,
 * ranked; overlap_pairs_release() frees them. */
void overlap_pairs_build(struct overlap *ov);
void overlap_pairs_release(struct overlap *ov);
/* The order of the pairs array (relation, infrastructure first, score,
 * weight, a, b), and of the ranking by an enum overlap_by. */
int overlap_pair_cmp(const struct overlap_pair *a, const struct overlap_pair *b);
int overlap_pair_cmp_by(int by, const struct overlap_pair *a, const struct overlap_pair *b);
#endif
