#include "tui/explorer/graphtab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"
#include "tui/explorer/model.h"

void graphtab_init(struct graphtab *t)
{
	memset(t, 0, sizeof(*t));
	t->center = NODE_NONE;
}

void graphtab_invalidate(struct graphtab *t)
{
	if (t->ok) {
		subgraph_free(&t->sg);
		layout_free(&t->lay);
	}
	t->ok = 0;
	t->center = NODE_NONE;
	t->err[0] = '\0';
}

void graphtab_free(struct graphtab *t)
{
	graphtab_invalidate(t);
}

int graphtab_index(const struct graphtab *t, uint32_t n)
{
	if (!t->ok)
		return -1;
	for (size_t i = 0; i < t->sg.nnodes; i++)
		if (t->sg.nodes[i].node == n)
			return (int)i;
	return -1;
}

static int cmp_pos(const void *pa, const void *pb, void *arg)
{
	const struct graphtab *t = arg;
	const struct layout_node *x = &t->lay.nodes[*(const uint32_t *)pa];
	const struct layout_node *y = &t->lay.nodes[*(const uint32_t *)pb];
	if (x->y != y->y)
		return x->y < y->y ? -1 : 1;
	if (x->x != y->x)
		return x->x < y->x ? -1 : 1;
	return 0;
}

int graphtab_update(struct graphtab *t, const struct model *m, uint32_t center, int depth)
{
	if (center == t->center && depth == t->depth)
		return 0;
	graphtab_invalidate(t);
	t->center = center;
	t->depth = depth;
	if (center == NODE_NONE || center >= m->g->node_count) {
		snprintf(t->err, sizeof(t->err),
			 "nothing selected: pick a node in tabs 1-3, then 6");
		return 1;
	}
	char name[1024];
	snprintf(name, sizeof(name), "%s:%s", kind_name(m->g->nodes[center].kind),
		 graph_node_key(m->g, center));
	struct sg_spec s = {.view = SG_VIEW_EGO,
			    .node = name,
			    .depth = t->depth,
			    .max_nodes = GRAPHTAB_MAX_NODES,
			    .threshold = m->threshold};
	if (subgraph_build(m->g, m->ov, &s, &t->sg, t->err, sizeof(t->err))) {
		subgraph_free(&t->sg);
		return 1;
	}
	if (layout_compute(m->g, &t->sg, "dot", &t->lay, t->err, sizeof(t->err))) {
		subgraph_free(&t->sg);
		return 1;
	}
	t->ok = 1;
	return 1;
}

size_t graphtab_count(const struct graphtab *t)
{
	return t->ok ? t->sg.nnodes : 0;
}

size_t graphtab_rows(const struct graphtab *t, uint32_t *rows)
{
	size_t n = graphtab_count(t);
	if (!n)
		return 0;
	uint32_t *idx = xmalloc(n * sizeof(uint32_t));
	for (size_t i = 0; i < n; i++)
		idx[i] = (uint32_t)i;
	qsort_r(idx, n, sizeof(uint32_t), cmp_pos, (void *)t);
	for (size_t i = 0; i < n; i++)
		rows[i] = t->sg.nodes[idx[i]].node;
	free(idx);
	return n;
}
