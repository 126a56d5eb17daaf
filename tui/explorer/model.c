#include "tui/explorer/model.h"

#include <stdlib.h>
#include <string.h>

#include "graph/overlap.h"
#include "graph/warnlist.h"
#include "graph/xalloc.h"

void model_init(struct model *m, struct graph *g, double threshold)
{
	memset(m, 0, sizeof(*m));
	m->g = g;
	m->threshold = threshold;
	annot_init(&m->annot);
}

void model_drop_overlaps(struct model *m)
{
	if (m->ov)
		overlap_free(m->ov);
	m->ov = NULL;
	free(m->unit_best);
	m->unit_best = NULL;
}

void model_free(struct model *m)
{
	model_drop_overlaps(m);
	if (m->lists)
		warnlist_free(m->lists);
	alias_index_free(&m->units);
	annot_free(&m->annot);
	memset(m, 0, sizeof(*m));
}

void model_recompute(struct model *m, struct overlap_opts *o)
{
	model_drop_overlaps(m);
	if (alias_index_stale(&m->units, m->g))
		alias_index_build(&m->units, m->g); /* :load added nodes */
	o->lists = m->lists;
	m->ov = overlap_compute(m->g, o);
	if (!m->ov)
		return;
	size_t nu = overlap_unit_count(m->ov), np;
	m->unit_best = xcalloc(nu ? nu : 1, sizeof(double));
	const struct overlap_pair *p = overlap_pairs(m->ov, &np);
	for (size_t i = 0; i < np; i++) {
		if (p[i].score > m->unit_best[p[i].a])
			m->unit_best[p[i].a] = p[i].score;
		if (p[i].score > m->unit_best[p[i].b])
			m->unit_best[p[i].b] = p[i].score;
	}
}

uint32_t model_degree(const struct model *m, uint32_t node)
{
	return alias_index_degree(&m->units, m->g, node);
}

double model_score(const struct model *m, uint32_t node)
{
	if (!m->ov || !m->unit_best)
		return -1;
	uint32_t u = overlap_unit_of_node(m->ov, node);
	return u == UINT32_MAX ? -1 : m->unit_best[u];
}

int model_df(const struct model *m, uint32_t node)
{
	if (!m->ov)
		return -1;
	return (int)overlap_df(m->ov, node);
}
