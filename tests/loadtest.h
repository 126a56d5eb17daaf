/* Shared by the loader suites: load one path into a fresh graph, and count
 * what came out (nodes by kind and flag, edges by relation, diagnostics by
 * level and code, the edge between two nodes). */
#ifndef LOADTEST_H
#define LOADTEST_H
#include "graph/alias.h"
#include "graph/date.h"
#include "graph/graph.h"
#include "loaders/load.h"

struct loaded {
	struct graph *g;
	struct diag_list d;
	int rc;
};

static inline void load_with(struct loaded *l, const char *path, const char *format)
{
	struct load_opts o = {0};
	o.format = format;
	l->g = graph_new();
	diag_init(&l->d);
	l->rc = load_path(l->g, path, &o, &l->d);
	graph_finish(l->g);
	alias_resolve(l->g, &l->d); /* as cli_load does: ambiguous names reported */
}

/* Loads more paths into the same graph (in order); returns the worst rc. */
static inline void load_more(struct loaded *l, const char *path)
{
	if (load_path(l->g, path, NULL, &l->d))
		l->rc = -1;
	graph_finish(l->g);
}

static inline void unload(struct loaded *l)
{
	graph_free(l->g);
	diag_free(&l->d);
}

static inline size_t nodes_of(const struct graph *g, int kind)
{
	size_t n = 0;
	for (size_t i = 0; i < g->node_count; i++)
		n += g->nodes[i].kind == kind;
	return n;
}

static inline size_t nodes_flagged(const struct graph *g, int kind, int flag)
{
	size_t n = 0;
	for (size_t i = 0; i < g->node_count; i++)
		n += g->nodes[i].kind == kind && (g->nodes[i].flags & flag);
	return n;
}

static inline size_t edges_of(const struct graph *g, int rel)
{
	size_t n = 0;
	for (size_t i = 0; i < g->edge_count; i++)
		n += g->edges[i].rel == rel;
	return n;
}

static inline size_t diags_of(const struct diag_list *d, int level, int code)
{
	size_t n = 0;
	for (size_t i = 0; i < d->count; i++)
		n += d->items[i].level == level && d->items[i].code == code;
	return n;
}

/* The edge src -rel-> dst, or UINT32_MAX. */
static inline uint32_t edge_between(const struct graph *g, uint32_t src, uint32_t dst, int rel)
{
	struct adj a = graph_adj(g, src);
	for (uint32_t i = 0; i < a.count; i++) {
		const struct edge *e = graph_edge_at(g, a.edges[i]);
		if (e->src == src && e->dst == dst && e->rel == rel)
			return a.edges[i];
	}
	return UINT32_MAX;
}
#endif
