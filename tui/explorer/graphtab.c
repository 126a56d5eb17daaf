#include "tui/explorer/graphtab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"
#include "tui/explorer/app.h"

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

static const struct graphtab *sort_tab;

static int cmp_pos(const void *pa, const void *pb)
{
	const struct layout_node *x = &sort_tab->lay.nodes[*(const uint32_t *)pa];
	const struct layout_node *y = &sort_tab->lay.nodes[*(const uint32_t *)pb];
	if (x->y != y->y)
		return x->y < y->y ? -1 : 1;
	if (x->x != y->x)
		return x->x < y->x ? -1 : 1;
	return 0;
}

void graphtab_update(struct graphtab *t, struct app *a)
{
	uint32_t center = a->focus[TAB_GRAPH].item;
	struct list *l = app_list(a, TAB_GRAPH);
	if (center == t->center && a->graph_depth == t->depth)
		goto select;
	graphtab_invalidate(t);
	t->center = center;
	t->depth = a->graph_depth;
	l->n = 0;
	if (center == NODE_NONE || center >= a->m.g->node_count) {
		snprintf(t->err, sizeof(t->err),
			 "nothing selected: pick a node in tabs 1-3, then 6");
		return;
	}
	char name[1024];
	snprintf(name, sizeof(name), "%s:%s", kind_name(a->m.g->nodes[center].kind),
		 graph_node_key(a->m.g, center));
	struct sg_spec s = {.view = SG_VIEW_EGO,
			    .node = name,
			    .depth = t->depth,
			    .max_nodes = GRAPHTAB_MAX_NODES,
			    .threshold = a->m.threshold};
	if (subgraph_build(a->m.g, a->m.ov, &s, &t->sg, t->err, sizeof(t->err))) {
		subgraph_free(&t->sg);
		return;
	}
	if (layout_compute(a->m.g, &t->sg, "dot", &t->lay, t->err, sizeof(t->err))) {
		subgraph_free(&t->sg);
		return;
	}
	t->ok = 1;
	uint32_t *idx = xmalloc((t->sg.nnodes ? t->sg.nnodes : 1) * sizeof(uint32_t));
	for (size_t i = 0; i < t->sg.nnodes; i++)
		idx[i] = (uint32_t)i;
	sort_tab = t;
	qsort(idx, t->sg.nnodes, sizeof(uint32_t), cmp_pos);
	XGROW(l->rows, l->cap, t->sg.nnodes + 1);
	for (size_t i = 0; i < t->sg.nnodes; i++)
		l->rows[i] = t->sg.nodes[idx[i]].node;
	l->n = t->sg.nnodes;
	free(idx);
	l->cur = 0;
select:
	for (size_t i = 0; i < l->n; i++)
		if (l->rows[i] == center && a->focus[TAB_GRAPH].off_list) {
			l->cur = i;
			a->focus[TAB_GRAPH].off_list = 0;
		}
}
