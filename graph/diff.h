/* What changed in the attribution picture between two loads (two pull
 * caches, two snapshots): pairs that appeared or vanished, pairs whose score
 * moved by at least min_change (with the shared values that came and went),
 * pairs already linked that now share new values, attributions made or
 * withdrawn, and alias merges made or undone. Everything is keyed by names,
 * never by ids, since the two graphs number things differently; the order
 * is deterministic.
 *
 * The overlap engine is gaining a relation per pair (overlap,
 * corroboration, internal) and attributions of sources to actors: a pair's
 * key (pair_key() in diff.c) and the attribution list
 * (attributions() in diff.c) are the two places that take them.
 *
 * Ownership: struct diff owns copies of every string; it borrows nothing
 * once diff_compute() returns. */
#ifndef DIFF_H
#define DIFF_H
#include <stddef.h>

#include "graph/overlap.h"
#include "graph/strbuf.h"

enum diff_kind { DIFF_NEW, DIFF_GONE, DIFF_CHANGED, DIFF_NEW_VALUES };

struct diff_pair {
	int kind; /* enum diff_kind */
	char *a, *b;
	double old_score, new_score;
	unsigned old_shared, new_shared;
	char **added, **removed; /* "kind value" of shared values, sorted */
	size_t nadded, nremoved;
};

/* An attribution ("campaign X -> APT15") or alias merge ("Vixen Panda =
 * APT15") present on one side only. */
struct diff_fact {
	char *text;
	int added; /* 1: only in NEW, 0: only in OLD */
};

struct diff {
	struct diff_pair *pairs;
	size_t npairs;
	struct diff_fact *attributions, *aliases;
	size_t nattributions, naliases;
	double min_change;
};

struct diff *diff_compute(const struct overlap *old_ov, const struct overlap *new_ov,
			  double min_change);
void diff_free(struct diff *d);
/* Text for a person (escaped for the terminal) and JSON for a script. */
void diff_write_text(const struct diff *d, struct strbuf *sb);
void diff_write_json(const struct diff *d, struct strbuf *sb);
#endif
