/* Helpers for the loader suites: load one path into a fresh graph, find
 * nodes and edges, count diagnostics. Include after tests/testutil.h. */
#ifndef LOADHELP_H
#define LOADHELP_H
#include "graph/alias.h"
#include "graph/diag.h"
#include "graph/graph.h"
#include "graph/normalize.h"
#include "loaders/load.h"

struct loaded {
	struct graph *g;
	struct diag_list d;
	int rc;
};

static inline void lh_load_opts(struct loaded *l, const char *path, const struct load_opts *o)
{
	if (!l->g) {
		l->g = graph_new();
		diag_init(&l->d);
	}
	l->rc = load_path(l->g, path, o, &l->d);
	graph_finish(l->g);
}

static inline void lh_load(struct loaded *l, const char *path, const char *as)
{
	struct load_opts o = {0};
	o.as_name = as;
	lh_load_opts(l, path, &o);
}

static inline void lh_free(struct loaded *l)
{
	graph_free(l->g);
	diag_free(&l->d);
	memset(l, 0, sizeof(*l));
}

static inline size_t lh_count_kind(const struct loaded *l, int kind)
{
	size_t n = 0;
	for (size_t i = 0; i < l->g->node_count; i++)
		n += l->g->nodes[i].kind == kind;
	return n;
}

static inline size_t lh_count_rel(const struct loaded *l, int rel)
{
	size_t n = 0;
	for (size_t i = 0; i < l->g->edge_count; i++)
		n += l->g->edges[i].rel == rel;
	return n;
}

/* The node of kind for a raw value, normalised as the loaders do. */
static inline uint32_t lh_find(const struct loaded *l, int kind, const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	struct norm_result r;
	uint32_t id = NODE_NONE;
	if (norm_value(kind, value, strlen(value), &sb, &r) == 0)
		id = graph_find(l->g, kind, strbuf_str(&sb));
	strbuf_free(&sb);
	return id;
}

/* Whether an edge rel joins a and b (in that direction). */
static inline int lh_edge(const struct loaded *l, uint32_t a, uint32_t b, int rel)
{
	if (a == NODE_NONE || b == NODE_NONE)
		return 0;
	struct adj adj = graph_adj(l->g, a);
	for (uint32_t i = 0; i < adj.count; i++) {
		const struct edge *e = graph_edge_at(l->g, adj.edges[i]);
		if (e->src == a && e->dst == b && e->rel == rel)
			return 1;
	}
	return 0;
}

static inline const struct edge *lh_edge_at(const struct loaded *l, uint32_t a, uint32_t b, int rel)
{
	struct adj adj = graph_adj(l->g, a);
	for (uint32_t i = 0; i < adj.count; i++) {
		const struct edge *e = graph_edge_at(l->g, adj.edges[i]);
		if (e->src == a && e->dst == b && e->rel == rel)
			return e;
	}
	return NULL;
}

static inline size_t lh_diags(const struct loaded *l, int level, int code)
{
	size_t n = 0;
	for (size_t i = 0; i < l->d.count; i++)
		n += l->d.items[i].level == level && (code < 0 || l->d.items[i].code == code);
	return n;
}

/* The first diagnostic of level, formatted (static buffer), or "". */
static inline const char *lh_first_diag(const struct loaded *l, int level)
{
	static char buf[1024];
	buf[0] = '\0';
	for (size_t i = 0; i < l->d.count; i++)
		if (l->d.items[i].level == level) {
			char *s =
			    diag_format(&l->d.items[i], graph_file_path(l->g, l->d.items[i].file));
			snprintf(buf, sizeof(buf), "%s", s);
			free(s);
			break;
		}
	return buf;
}

/* Writes a fixture into a fresh temp dir; returns its path (static). */
static inline const char *lh_fixture(const char *name, const char *text)
{
	static char path[2048];
	char dir[256];
	snprintf(dir, sizeof(dir), "tests/tmp/fx.%d", (int)getpid());
	mkdir("tests", 0777);
	mkdir("tests/tmp", 0777);
	mkdir(dir, 0777);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	write_file(path, text);
	return path;
}
#endif
