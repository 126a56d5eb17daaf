/* What the explorer shows, as its helpers read it: the graph, its actor
 * units (graph/alias_index.h), the overlap result with each unit's best
 * score, the warninglists it was computed with, the analyst's verdicts and
 * notes, and the cluster threshold. struct app holds one; the helpers
 * (lists, search, detail, the Graph tab) read it and never change it.
 *
 * Ownership: the graph, the diagnostics and the input names are borrowed
 * from the session; the model owns the rest, released by model_free(). */
#ifndef MODEL_H
#define MODEL_H
#include <stdint.h>

#include "graph/alias_index.h"
#include "graph/annot.h"
#include "graph/graph.h"
#include "tui/session/decisions.h"

struct diag_list;
struct overlap;
struct overlap_opts;
struct warnlist_set;

/* What the Reports tab lists for one input file, worked out once per
 * computation. */
struct file_info {
	char *publisher; /* owned, NULL when not known */
	/* whom its reports speak for (its campaigns', when it has no report),
	 * NODE_NONE when they stand alone or disagree (then several is set) */
	uint32_t owner;
	uint8_t reason; /* enum attrib_reason of that attribution */
	uint8_t several;
	uint32_t subjects; /* reports and campaigns defined in it */
	uint32_t subjects_seen;
	uint32_t errors, warnings, quirks; /* what loading it found */
};

struct model {
	struct graph *g;
	struct alias_index units;
	struct overlap *ov;	    /* NULL when the engine failed */
	double *unit_best;	    /* best pair score of each overlap unit */
	struct warnlist_set *lists; /* loaded once, at the first computation */
	struct annot annot;
	double threshold; /* clusters, the overlap and Graph views */
	/* borrowed from the session: the load's problems, the inputs named */
	const struct diag_list *diags;
	const char *const *inputs;
	size_t ninputs;
	struct file_info *files; /* per input file, after model_recompute() */
	size_t nfiles;
	/* the node lists' sort orders (orders.h), made with the overlaps */
	struct node_orders *orders;
	/* the annot's attribution decisions as the engine took them, and the
	 * signature of the decisions the graph and overlaps reflect */
	struct decision_list decisions;
	uint64_t decided;
	int decided_set;
};

/* A pair as a snapshot holds it: to say how many changed after a decision. */
struct pair_snap {
	char *key; /* relation and the two unit names */
	double score;
};

void model_init(struct model *m, struct graph *g, double threshold);
void model_free(struct model *m);
/* Lets go of the overlaps, which borrow the graph (before :load adds to it). */
void model_drop_overlaps(struct model *m);
/* Computes the overlaps with o (its lists set to m->lists), and the units
 * again when the graph grew. */
void model_recompute(struct model *m, struct overlap_opts *o);
/* The pairs as they are now (every relation), sorted by key; the caller
 * frees them with model_snapshot_free. */
size_t model_pair_snapshot(const struct model *m, struct pair_snap **out);
void model_snapshot_free(struct pair_snap *s, size_t n);
/* Pairs new, gone, or with another score between two snapshots. */
size_t model_pairs_changed(const struct pair_snap *before, size_t nb, const struct pair_snap *after,
			   size_t na);
/* Pair k of every relation (the index the lists and the engine share:
 * overlap_pair_at), or NULL when there is none. */
const struct overlap_pair *model_pair(const struct model *m, uint32_t k);
/* The name a node goes by: an actor's unit name as the overlap engine
 * gives it (the publisher's spelling, not the first alias loaded), else
 * its label. Borrowed. */
const char *model_label(const struct model *m, uint32_t node);
/* Edges of a node (of every actor node of a unit). */
uint32_t model_degree(const struct model *m, uint32_t node);
/* Best pair score of a unit node; -1 when unknown. */
double model_score(const struct model *m, uint32_t node);
/* The Reports tab's facts of a file (zeroes when not computed). */
const struct file_info *model_file(const struct model *m, uint32_t file);
/* df of an infrastructure value (units reaching it), or -1 when unknown. */
int model_df(const struct model *m, uint32_t node);
#endif
