/* What the explorer shows, as its helpers read it: the graph, its actor
 * units (graph/alias_index.h), the overlap result with each unit's best
 * score, the warninglists it was computed with, the analyst's verdicts and
 * notes, and the cluster threshold. struct app holds one; the helpers
 * (lists, search, detail, the Graph tab) read it and never change it.
 *
 * Ownership: the graph is borrowed from the session; the model owns the
 * rest, released by model_free(). */
#ifndef MODEL_H
#define MODEL_H
#include <stdint.h>

#include "graph/alias_index.h"
#include "graph/annot.h"
#include "graph/graph.h"

struct overlap;
struct overlap_opts;
struct warnlist_set;

struct model {
	struct graph *g;
	struct alias_index units;
	struct overlap *ov;	    /* NULL when the engine failed */
	double *unit_best;	    /* best pair score of each overlap unit */
	struct warnlist_set *lists; /* loaded once, at the first computation */
	struct annot annot;
	double threshold; /* clusters, the overlap and Graph views */
};

void model_init(struct model *m, struct graph *g, double threshold);
void model_free(struct model *m);
/* Lets go of the overlaps, which borrow the graph (before :load adds to it). */
void model_drop_overlaps(struct model *m);
/* Computes the overlaps with o (its lists set to m->lists), and the units
 * again when the graph grew. */
void model_recompute(struct model *m, struct overlap_opts *o);
/* Edges of a node (of every actor node of a unit). */
uint32_t model_degree(const struct model *m, uint32_t node);
/* Best pair score of a unit node; -1 when unknown. */
double model_score(const struct model *m, uint32_t node);
/* df of an infrastructure value (units reaching it), or -1 when unknown. */
int model_df(const struct model *m, uint32_t node);
#endif
