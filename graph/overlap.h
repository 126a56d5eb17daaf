/* The overlap engine (SPEC.md "Overlap engine"): units, their infrastructure
 * sets with evidence paths, weighted all-pairs scores through an inverted
 * index, the evidence of one pair, and clusters.
 *
 * Units are actor alias-units (alias_unit) plus what no actor claims: a
 * campaign, report/MISP event or IOC file with no attribution, named by its
 * title or file name. A unit later attributed joins its actor.
 *
 * Ownership: struct overlap is created by overlap_compute() and owns every
 * array it returns (units, pairs, memberships, clusters); pointers into it
 * are valid until overlap_free(). It borrows the graph (and the warninglist
 * set), which must outlive it and not change while it is used. */
#ifndef OVERLAP_H
#define OVERLAP_H
#include <stddef.h>
#include <stdint.h>

#include "graph/graph.h"

struct warnlist_set;

#define OVERLAP_MAX_PATH 6 /* edges on one evidence path */

struct overlap_opts {
	int df_cap;	  /* default 20 */
	int slack_days;	  /* default 30 */
	int32_t asof;	  /* DATE_UNKNOWN: everything */
	double threshold; /* clusters / overlap-view edges, default 0.15 */
	int include_revoked;
	int max_depth; /* path length bound, default 5 (at most OVERLAP_MAX_PATH) */
	double type_w[NODE_KIND_COUNT];	  /* 0 entries take the defaults */
	const struct warnlist_set *lists; /* may be NULL */
};

void overlap_opts_default(struct overlap_opts *o);

enum unit_kind { UNIT_ACTOR, UNIT_CAMPAIGN, UNIT_REPORT, UNIT_FILE };

struct unit {
	uint32_t node; /* representative node (actor unit root, campaign, report) */
	uint32_t name; /* interned display name */
	uint8_t kind;  /* enum unit_kind */
	uint32_t file; /* for UNIT_FILE: the file */
	uint32_t first_member, member_count; /* range in overlap->members */
	uint32_t ntools, ntechniques;
	/* The same report held in another format (identical values, no actor):
	 * the unit that stands for both, else UINT32_MAX. A duplicate reaches
	 * nothing itself, so its values are not counted twice. */
	uint32_t dup_of;
};

/* One infrastructure value reached by a unit, with the path that reaches it
 * (edge ids from the unit's side outwards), the weakest confidence on that
 * path and the time window of the facts on it. */
struct membership {
	uint32_t value; /* infrastructure node */
	uint32_t start; /* the node the path starts from (an actor of the unit,
			 * or the campaign/report unit itself) */
	uint32_t path[OVERLAP_MAX_PATH];
	uint8_t path_len;
	uint8_t conf; /* 0..100, CONF_UNKNOWN when no edge stated one */
	int32_t first, last;
	uint8_t flags; /* EV_PARTIAL when only a partial (OpenIOC contains) path */
};

enum evidence_flags {
	EV_WARNLISTED = 1 << 0,
	EV_OVER_CAP = 1 << 1, /* df above --df-cap: shown, weight 0 */
	EV_UNDATED = 1 << 2,  /* a window unknown: time factor 1 */
	EV_PARTIAL = 1 << 3,
};

/* One shared value of a pair, with every factor of its weight. */
struct evidence {
	uint32_t value;
	uint32_t df;
	double weight, idf, type, list, conf, time;
	uint8_t flags;
	uint32_t list_name;	 /* unused (0): the graph is borrowed const; see warninglist */
	const char *warninglist; /* name of the list hit (owned by the set), NULL when none */
	const struct membership *in_a, *in_b; /* borrowed from the overlap */
};

/* Values that are not shared but worth a look: a subdomain of the other's
 * domain, an address in the same /24. Listed apart, never counted. */
struct near_miss {
	uint32_t value_a, value_b;
	const char *why; /* static text */
};

struct overlap_pair {
	uint32_t a, b;		      /* unit indexes, a < b */
	double score;		      /* weighted Jaccard */
	double weight;		      /* sum of shared weights */
	uint32_t shared;	      /* shared values counted (weight > 0) */
	uint32_t shared_all;	      /* including over-cap and warninglisted */
	double tools, techniques;     /* Jaccard of tool/malware and technique sets */
	uint32_t ntools, ntechniques; /* shared counts */
};

struct cluster {
	uint32_t *members; /* unit indexes, sorted by name */
	size_t nmembers;
	uint32_t *links; /* pair indexes above the threshold, strongest first */
	size_t nlinks;
};

struct overlap;

struct overlap *overlap_compute(const struct graph *g, const struct overlap_opts *o);
void overlap_free(struct overlap *ov);

size_t overlap_unit_count(const struct overlap *ov);
const struct unit *overlap_unit(const struct overlap *ov, uint32_t u);
const char *overlap_unit_name(const struct overlap *ov, uint32_t u);
/* Any name or alias of a unit (case/space-insensitive); UINT32_MAX if none. */
uint32_t overlap_unit_find(const struct overlap *ov, const char *name);
/* The unit a graph node belongs to as a unit (actor, campaign...), or UINT32_MAX. */
uint32_t overlap_unit_of_node(const struct overlap *ov, uint32_t node);
const struct membership *overlap_members(const struct overlap *ov, uint32_t u, size_t *n);

/* Pairs with at least one shared value, sorted by score, then weight, then
 * names (deterministic). */
const struct overlap_pair *overlap_pairs(const struct overlap *ov, size_t *n);
/* Index of the pair (a, b) in overlap_pairs, or UINT32_MAX. */
uint32_t overlap_pair_find(const struct overlap *ov, uint32_t a, uint32_t b);
/* Number of units that reach value v (its document frequency). */
uint32_t overlap_df(const struct overlap *ov, uint32_t value);

/* The evidence of pair (a, b): shared values sorted by weight (descending)
 * then value. The caller frees *ev and *near with free(). Returns the count
 * of evidence rows. */
size_t overlap_why(const struct overlap *ov, uint32_t a, uint32_t b, struct evidence **ev,
		   struct near_miss **near, size_t *nnear);

/* Clusters: connected groups of units over pairs scoring >= threshold.
 * Returned sorted by size then strongest link; owned by ov. */
const struct cluster *overlap_clusters(struct overlap *ov, double threshold, size_t *n);
const struct overlap_opts *overlap_options(const struct overlap *ov);

/* Additions beyond the first contract. */
struct strbuf;
/* Tool/malware and technique nodes of unit u (sorted node ids; borrowed). */
const uint32_t *overlap_tools(const struct overlap *ov, uint32_t u, size_t *n);
const uint32_t *overlap_techniques(const struct overlap *ov, uint32_t u, size_t *n);
/* The warninglist that flags value (owned by the list set), or NULL. */
const char *overlap_value_list(const struct overlap *ov, uint32_t value);
/* Sum of a unit's own value weights (the Jaccard denominator's part). */
double overlap_unit_weight(const struct overlap *ov, uint32_t u);
/* N of the idf: units that reach at least one value. */
uint32_t overlap_active_units(const struct overlap *ov);
const struct graph *overlap_graph(const struct overlap *ov);
/* Up to max units whose names are close to name (substring or a few
 * edits), closest first, for "did you mean" messages. */
size_t overlap_unit_suggest(const struct overlap *ov, const char *name, uint32_t *out, size_t max);
/* Appends the evidence path of m as text: "BackdoorDiplomacy <-attributed-to-
 * campaign X <-indicates- web.vpnkerio.com". Raw labels: escape before
 * printing. */
void overlap_path_text(const struct overlap *ov, const struct membership *m, struct strbuf *sb);
/* The time factor of two windows (days or DATE_UNKNOWN) under a slack;
 * *undated is set when either window is unknown. */
double overlap_time_factor(int32_t a1, int32_t a2, int32_t b1, int32_t b2, int slack, int *undated);
/* The default type prior of a node kind. */
double overlap_type_default(int kind);
#endif
