/* Clusters: units joined by pair scores at or above a threshold (single
 * linkage over the pair graph). They are proposals for an analyst, never
 * merges: agx changes no unit on its own. */
#include <stdlib.h>
#include <string.h>

#include "graph/overlap_int.h"
#include "graph/xalloc.h"

static uint32_t find(uint32_t *p, uint32_t x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

static const struct overlap *sort_ov;

static int cmp_cluster(const void *pa, const void *pb)
{
	const struct cluster *a = pa, *b = pb;
	if (a->nmembers != b->nmembers)
		return a->nmembers > b->nmembers ? -1 : 1;
	double sa = sort_ov->pairs[a->links[0]].score, sb = sort_ov->pairs[b->links[0]].score;
	if (sa != sb)
		return sa > sb ? -1 : 1;
	return a->members[0] < b->members[0] ? -1 : a->members[0] > b->members[0];
}

static void clear(struct overlap *ov)
{
	for (size_t i = 0; i < ov->nclusters; i++) {
		free(ov->clusters[i].members);
		free(ov->clusters[i].links);
	}
	free(ov->clusters);
	ov->clusters = NULL;
	ov->nclusters = 0;
	ov->cl_valid = 0;
}

const struct cluster *overlap_clusters(struct overlap *ov, double threshold, size_t *n)
{
	if (ov->cl_valid && ov->cl_threshold == threshold) {
		*n = ov->nclusters;
		return ov->clusters;
	}
	clear(ov);
	uint32_t *parent = xmalloc((ov->ntop + 1) * sizeof(*parent));
	for (size_t u = 0; u < ov->ntop; u++)
		parent[u] = (uint32_t)u;
	for (size_t k = 0; k < ov->rel_infra[PAIR_OVERLAP]; k++) {
		const struct overlap_pair *p = &ov->pairs[k];
		if (p->score < threshold)
			continue;
		uint32_t ra = find(parent, p->a), rb = find(parent, p->b);
		if (ra != rb)
			parent[ra > rb ? ra : rb] = ra < rb ? ra : rb;
	}
	/* root -> cluster index */
	uint32_t *ci = xmalloc((ov->ntop + 1) * sizeof(*ci));
	for (size_t u = 0; u < ov->ntop; u++)
		ci[u] = UINT32_MAX;
	size_t cap = 0;
	/* pairs are sorted strongest first, so links come out in that order */
	for (size_t k = 0; k < ov->rel_infra[PAIR_OVERLAP]; k++) {
		const struct overlap_pair *p = &ov->pairs[k];
		if (p->score < threshold)
			continue;
		uint32_t r = find(parent, p->a);
		if (ci[r] == UINT32_MAX) {
			XGROW(ov->clusters, cap, ov->nclusters + 1);
			ci[r] = (uint32_t)ov->nclusters;
			memset(&ov->clusters[ov->nclusters++], 0, sizeof(struct cluster));
		}
		struct cluster *c = &ov->clusters[ci[r]];
		c->links = xrealloc(c->links, (c->nlinks + 1) * sizeof(*c->links));
		c->links[c->nlinks++] = (uint32_t)k;
	}
	/* members in unit order, which is name order */
	for (size_t u = 0; u < ov->ntop; u++) {
		uint32_t r = find(parent, (uint32_t)u);
		if (ci[r] == UINT32_MAX)
			continue;
		struct cluster *c = &ov->clusters[ci[r]];
		c->members = xrealloc(c->members, (c->nmembers + 1) * sizeof(*c->members));
		c->members[c->nmembers++] = (uint32_t)u;
	}
	free(ci);
	free(parent);
	sort_ov = ov;
	if (ov->nclusters > 1)
		qsort(ov->clusters, ov->nclusters, sizeof(*ov->clusters), cmp_cluster);
	sort_ov = NULL;
	ov->cl_threshold = threshold;
	ov->cl_valid = 1;
	*n = ov->nclusters;
	return ov->clusters;
}
