/* The overlap engine (SPEC.md "Overlap engine"): units, their infrastructure
 * sets with evidence paths, weighted all-pairs scores through an inverted
 * index, the evidence of one pair, and clusters.
 *
 * Units are actor alias-units (alias_unit) with every report and campaign
 * attributed to them (attribution.h says which and why), plus what no actor
 * claims: a campaign, report/MISP event or IOC file with no attribution,
 * named by its title or file name, its copies in other files folded in
 * (copies.h). Within an actor unit, its campaigns and its sources (the
 * files, copies folded, it is known from) are units too, one level down.
 *
 * Pairs come in three relations, never ranked together (enum
 * pair_relation): overlap between two top-level units (two actors, or an
 * actor and an unattributed cluster), corroboration between two sources of
 * one actor, internal between two campaigns of one actor.
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
struct attrib_decision;
struct attribution_table;
struct copies;

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
	/* the analyst's attribution decisions, applied over the data's */
	const struct attrib_decision *decisions;
	size_t ndecisions;
	/* 0: keep every pair (the explorer: it pivots to any unit, re-sorts
	 * and re-clusters). N: keep only the best N of each relation in the
	 * ranking keep_by (enum overlap_by), for a batch `--top N`: memory is
	 * then bounded by N, whatever the pairs formed. */
	size_t keep_top;
	int keep_by;
	/* The relations to form: bits 1 << enum pair_relation, 0 for all.
	 * Without corroboration and internal the campaigns and sources of
	 * actors are not built at all (overlap_unit_count_all() is then
	 * overlap_unit_count()): a batch ranking of overlaps saves their
	 * walks and memberships, the overlap pairs being the same. */
	unsigned relations;
};

/* X(ENUM, "name") */
#define PAIR_RELATIONS(X)                       \
	X(PAIR_OVERLAP, "overlap")              \
	X(PAIR_CORROBORATION, "corroboration")  \
	X(PAIR_INTERNAL, "internal")

enum pair_relation {
#define X(e, name) e,
	PAIR_RELATIONS(X)
#undef X
	    PAIR_RELATION_COUNT
};

const char *overlap_relation_name(int relation);
/* -1 when name is no relation */
int overlap_relation_parse(const char *name);

void overlap_opts_default(struct overlap_opts *o);

/* UNIT_SOURCE: the part of an actor one file (with its copies) states */
enum unit_kind { UNIT_ACTOR, UNIT_CAMPAIGN, UNIT_REPORT, UNIT_FILE, UNIT_SOURCE };

struct unit {
	uint32_t node; /* representative node (actor unit root, campaign, report) */
	uint32_t name; /* interned display name */
	uint8_t kind;  /* enum unit_kind */
	uint32_t file; /* for UNIT_FILE: the file */
	uint32_t first_member, member_count; /* range in overlap->members */
	uint32_t ntools, ntechniques;
	/* The same report held in another file (copies.h, or identical
	 * values): the unit that stands for both, else UINT32_MAX. A duplicate
	 * reaches nothing itself; its values are the other's. */
	uint32_t dup_of;
	/* campaigns and sources of an actor: the actor's unit; UINT32_MAX for
	 * top-level units */
	uint32_t parent;
	/* UNIT_SOURCE: the copy group (its lead file) whose statements it
	 * holds; UINT32_MAX otherwise */
	uint32_t group;
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
	/* who states the value for the unit: the publisher (src_file.publisher)
	 * of every file whose statement reaches it, when they are one; 0 when
	 * some file names none, OVERLAP_PUB_MIXED when they differ */
	uint32_t pub;
};

#define OVERLAP_PUB_MIXED UINT32_MAX
/* The source factor of a value both sides hold only from one publisher
 * (maltrail listing one domain in two of its actor files): one curator's
 * say-so, not two publishers meeting; counted at half its weight. */
#define OVERLAP_ONE_PUBLISHER 0.5

enum evidence_flags {
	EV_WARNLISTED = 1 << 0,
	EV_OVER_CAP = 1 << 1, /* df above --df-cap: shown, weight 0 */
	EV_UNDATED = 1 << 2,  /* a window unknown: time factor 1 */
	EV_PARTIAL = 1 << 3,
	/* both sides reach the value from one report that names both actors:
	 * one source's say-so, not two sources meeting; shown, weight 0 */
	EV_ONE_SOURCE = 1 << 4,
	/* both sides hold the value only from one publisher: weight x
	 * OVERLAP_ONE_PUBLISHER */
	EV_ONE_PUBLISHER = 1 << 5,
};

/* One shared value of a pair, with every factor of its weight. */
struct evidence {
	uint32_t value;
	uint32_t df;
	double weight, idf, type, list, conf, time;
	double src; /* 1, or OVERLAP_ONE_PUBLISHER (EV_ONE_PUBLISHER) */
	uint32_t publisher; /* with EV_ONE_PUBLISHER: who (interned) */
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
	double score;		      /* S / (S + E + K), see overlap.c */
	double weight;		      /* S: sum of shared weights */
	double chance;		      /* E: shared weight two random sets of these sizes get */
	uint8_t relation;	      /* enum pair_relation */
	/* shares a counted value on no warninglist: ranked by score; else
	 * the pair shares only tools or techniques (score 0) */
	uint8_t infra;
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

/* Top-level units (actors and unattributed clusters); their indexes are
 * [0, overlap_unit_count()). Campaigns and sources of actors follow, up to
 * overlap_unit_count_all(). */
size_t overlap_unit_count(const struct overlap *ov);
size_t overlap_unit_count_all(const struct overlap *ov);
const struct unit *overlap_unit(const struct overlap *ov, uint32_t u);
const char *overlap_unit_name(const struct overlap *ov, uint32_t u);
/* Any name or alias of a unit (case/space-insensitive); UINT32_MAX if none. */
uint32_t overlap_unit_find(const struct overlap *ov, const char *name);
/* How overlap_unit_find_how() found a name. */
enum unit_match {
	MATCH_NONE,
	MATCH_NAME,   /* a unit's displayed name */
	MATCH_ALIAS,  /* an alias or member name of an actor unit */
	MATCH_SOURCE, /* a campaign or source within an actor (by name or file) */
	MATCH_FILE,   /* a file or report of a unit */
};
/* The same, preferring displayed names over aliases, and saying how. */
uint32_t overlap_unit_find_how(const struct overlap *ov, const char *name, int *how);
/* A campaign or source of the top-level unit parent that name designates:
 * its displayed name, a file of it, or the own name of an actor node whose
 * statements it holds ("TA416" -> the source apt_ta416.txt of Mustang
 * Panda); UINT32_MAX when none. */
uint32_t overlap_unit_find_within(const struct overlap *ov, uint32_t parent, const char *name);
/* The unit a graph node belongs to as a unit (actor, campaign...), or UINT32_MAX. */
uint32_t overlap_unit_of_node(const struct overlap *ov, uint32_t node);
const struct membership *overlap_members(const struct overlap *ov, uint32_t u, size_t *n);

/* Overlap pairs (relation PAIR_OVERLAP) with at least one shared value,
 * sorted by score, then weight, then names (deterministic). */
const struct overlap_pair *overlap_pairs(const struct overlap *ov, size_t *n);
/* The pairs of one relation that share infrastructure, sorted the same
 * way. (Pairs sharing only tools or techniques follow them in the array:
 * see overlap_pairs_by.) */
const struct overlap_pair *overlap_pairs_rel(const struct overlap *ov, int relation, size_t *n);
/* What a ranking ranks by. */
enum overlap_by { OVERLAP_BY_INFRA, OVERLAP_BY_TOOLS, OVERLAP_BY_TECHNIQUES };
/* The pairs of a relation ranked by one dimension: by infrastructure the
 * score order of overlap_pairs_rel; by tools (or techniques) every pair
 * sharing one, by that Jaccard, then the count shared, then the score. Two
 * units sharing a tool or technique that more than --df-cap units use are
 * not paired for it. *out (malloc'd, the caller frees) gets indexes for
 * overlap_pair_at; returns the count. */
size_t overlap_pairs_by(const struct overlap *ov, int relation, int by, uint32_t **out);
/* Pairs of a relation formed in the ranking by (enum overlap_by): what
 * overlap_pairs_by() returns when every pair is kept, and the count of all
 * of them when only the best keep_top are. */
size_t overlap_pairs_total(const struct overlap *ov, int relation, int by);
/* The relation two units would stand in: overlap for two top-level units,
 * corroboration for two sources of one actor, internal for two campaigns of
 * one actor, -1 for anything else. */
int overlap_relation_of(const struct overlap *ov, uint32_t a, uint32_t b);
/* Pair k of the array of all relations (overlap_pair_find's index). */
const struct overlap_pair *overlap_pair_at(const struct overlap *ov, uint32_t k);
/* Corroboration counted on an actor unit: how many of its sources hold
 * values (*sources) and how many values two or more of them state
 * (*agreed). 0 and 0 for a unit with one source. */
void overlap_corroboration(const struct overlap *ov, uint32_t unit, uint32_t *sources,
			   uint32_t *agreed);
/* Index of the pair (a, b) in the array of all relations (overlap_pairs'
 * array extended by the other relations), or UINT32_MAX. */
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
/* Values a unit counts (own weight > 0): the n of the chance term. */
uint32_t overlap_unit_counted(const struct overlap *ov, uint32_t u);
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
/* The graph edges that join a membership's start (a report or campaign
 * seed) to its actor unit, from the unit outwards (campaign -attributed-to->
 * actor, then report -attributed-to-> campaign), into edges (up to max);
 * returns the count, 0 when the start is the unit's own node or joined it
 * by a reason rather than an edge (structural, name, analyst). */
size_t overlap_seed_path(const struct overlap *ov, const struct membership *m, uint32_t *edges,
			 size_t max);
struct attrib_refile;
/* The analyst's re-filing a membership comes through (its start is an
 * actor of another unit, walked through the re-filed file's statements),
 * else NULL; owned by the overlap. */
const struct attrib_refile *overlap_refile_of(const struct overlap *ov, const struct membership *m);
/* The time factor of two windows (days or DATE_UNKNOWN) under a slack;
 * *undated is set when either window is unknown. */
double overlap_time_factor(int32_t a1, int32_t a2, int32_t b1, int32_t b2, int slack, int *undated);
/* The default type prior of a node kind. */
double overlap_type_default(int kind);
/* The chance term E and the prior K of the score of units a and b (see
 * overlap.c), for explaining a score. */
void overlap_score_terms(const struct overlap *ov, uint32_t a, uint32_t b, double *chance,
			 double *prior);
/* The parent of a campaign or source, UINT32_MAX for top-level units. */
uint32_t overlap_unit_parent(const struct overlap *ov, uint32_t u);
/* Which actor each report and campaign speaks for, and why (borrowed). */
const struct attribution_table *overlap_attribution(const struct overlap *ov);
/* Which files are copies of one report (borrowed). */
const struct copies *overlap_copies(const struct overlap *ov);
#endif
