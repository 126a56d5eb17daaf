#include "graph/graph.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/respell.h"
#include "graph/date.h"
#include "graph/intern.h"
#include "graph/normalize.h"
#include "graph/strbuf.h"
#include "graph/u64map.h"
#include "graph/xalloc.h"

struct graph *graph_new(void)
{
	struct graph *g = xcalloc(1, sizeof(*g));
	g->strings = intern_new();
	g->by_key = xcalloc(1, sizeof(*g->by_key));
	g->by_source = xcalloc(1, sizeof(*g->by_source));
	g->edge_dedup = xcalloc(1, sizeof(*g->edge_dedup));
	u64map_init(g->by_key);
	u64map_init(g->by_source);
	u64map_init(g->edge_dedup);
	for (int r = 0; r < REL_BUILTIN_COUNT; r++)
		g->rel_names[r] = intern_puts(g->strings, relation_builtin_name(r));
	g->rel_count = REL_BUILTIN_COUNT;
	g->aliases = alias_table_new();
	return g;
}

void graph_free(struct graph *g)
{
	if (!g)
		return;
	if (g->deferred_free)
		g->deferred_free(g->deferred);
	alias_table_free(g->aliases);
	u64map_free(g->by_key);
	u64map_free(g->by_source);
	u64map_free(g->edge_dedup);
	free(g->by_key);
	free(g->by_source);
	free(g->edge_dedup);
	free(g->nodes);
	free(g->edges);
	free(g->files);
	free(g->attrs);
	free(g->adj_off);
	free(g->adj);
	free(g->attr_off);
	free(g->attr_idx);
	intern_free(g->strings);
	free(g);
}

uint32_t graph_intern(struct graph *g, const char *s)
{
	return intern_puts(g->strings, s ? s : "");
}

uint32_t graph_intern_n(struct graph *g, const char *s, size_t n)
{
	return intern_put(g->strings, s, n);
}

const char *graph_str(const struct graph *g, uint32_t sid)
{
	return intern_str(g->strings, sid);
}

uint32_t graph_add_file(struct graph *g, const char *path, const char *format)
{
	XGROW(g->files, g->file_cap, g->file_count + 1);
	struct src_file *f = &g->files[g->file_count];
	memset(f, 0, sizeof(*f));
	f->path = graph_intern(g, path);
	f->format = graph_intern(g, format ? format : "");
	f->date = DATE_UNKNOWN;
	return (uint32_t)g->file_count++;
}

struct src_file *graph_file(struct graph *g, uint32_t file)
{
	return file < g->file_count ? &g->files[file] : NULL;
}

const char *graph_file_path(const struct graph *g, uint32_t file)
{
	return file < g->file_count ? graph_str(g, g->files[file].path) : "-";
}

uint32_t graph_node(struct graph *g, int kind, const char *key, const char *label, uint32_t file)
{
	uint32_t k = graph_intern(g, key);
	uint64_t mk = u64_pair((uint32_t)kind, k);
	/* one probe: the new node's id is stored when the key is new */
	uint32_t id = u64map_get_or_set(g->by_key, mk, (uint32_t)g->node_count);
	if (id != U64MAP_NONE)
		return id;
	XGROW(g->nodes, g->node_cap, g->node_count + 1);
	id = (uint32_t)g->node_count++;
	struct node *n = &g->nodes[id];
	memset(n, 0, sizeof(*n));
	n->key = k;
	n->label = label && *label ? graph_intern(g, label) : k;
	n->file = file;
	n->first_seen = n->last_seen = DATE_UNKNOWN;
	n->kind = (uint8_t)kind;
	n->conf = CONF_UNKNOWN;
	g->adj_fresh = 0;
	return id;
}

uint32_t graph_named_node(struct graph *g, int kind, const char *name, uint32_t file)
{
	struct strbuf key = STRBUF_INIT;
	norm_name_key(name, strlen(name), &key);
	uint32_t id = graph_node(g, kind, key.len ? strbuf_str(&key) : name, name, file);
	strbuf_free(&key);
	return id;
}

uint32_t graph_report_node(struct graph *g, const char *title, const char *id, uint32_t file)
{
	struct strbuf key = STRBUF_INIT;
	strbuf_adds(&key, graph_file_path(g, file));
	strbuf_addc(&key, '#');
	strbuf_adds(&key, id && *id ? id : title);
	uint32_t n = graph_node(g, NODE_REPORT, strbuf_str(&key), title, file);
	strbuf_free(&key);
	return n;
}

uint32_t graph_find(const struct graph *g, int kind, const char *key)
{
	uint32_t k = intern_find(g->strings, key, strlen(key));
	if (k == UINT32_MAX)
		return NODE_NONE;
	uint32_t id = u64map_get(g->by_key, u64_pair((uint32_t)kind, k));
	return id == U64MAP_NONE ? NODE_NONE : id;
}

uint32_t graph_find_named(const struct graph *g, int kind, const char *name)
{
	struct strbuf key = STRBUF_INIT, k2 = STRBUF_INIT;
	norm_name_key(name, strlen(name), &key);
	uint32_t id = graph_find(g, kind, key.len ? strbuf_str(&key) : name);
	/* reports are keyed by file and id (graph_report_node): by title, the
	 * first one so named */
	for (size_t n = 0; id == NODE_NONE && kind == NODE_REPORT && n < g->node_count; n++) {
		if (g->nodes[n].kind != NODE_REPORT)
			continue;
		const char *label = graph_node_label(g, (uint32_t)n);
		norm_name_key(label, strlen(label), &k2);
		if (key.len ? !strcmp(strbuf_str(&key), strbuf_str(&k2)) : !strcmp(label, name))
			id = (uint32_t)n;
	}
	strbuf_free(&key);
	strbuf_free(&k2);
	return id;
}

const char *graph_node_label(const struct graph *g, uint32_t id)
{
	return id < g->node_count ? graph_str(g, g->nodes[id].label) : "?";
}

const char *graph_node_key(const struct graph *g, uint32_t id)
{
	return id < g->node_count ? graph_str(g, g->nodes[id].key) : "?";
}

static void widen(int32_t *first, int32_t *last, int32_t f, int32_t l)
{
	if (f != DATE_UNKNOWN && (*first == DATE_UNKNOWN || f < *first))
		*first = f;
	if (l != DATE_UNKNOWN && (*last == DATE_UNKNOWN || l > *last))
		*last = l;
}

void graph_node_observe(struct graph *g, uint32_t id, const struct prov *p)
{
	struct node *n = &g->nodes[id];
	widen(&n->first_seen, &n->last_seen, p->first,
	      p->last != DATE_UNKNOWN ? p->last : p->first);
	if (p->tlp > n->tlp)
		n->tlp = p->tlp;
	if (p->conf != CONF_UNKNOWN && (n->conf == CONF_UNKNOWN || p->conf > n->conf))
		n->conf = p->conf;
}

void graph_bind_source(struct graph *g, const char *object_id, uint32_t node)
{
	u64map_set(g->by_source, graph_intern(g, object_id), node);
}

void graph_bind_source_key(struct graph *g, uint32_t object_id, uint32_t node)
{
	u64map_set(g->by_source, object_id, node);
}

uint32_t graph_by_source(const struct graph *g, const char *object_id)
{
	uint32_t k = intern_find(g->strings, object_id, strlen(object_id));
	if (k == UINT32_MAX)
		return NODE_NONE;
	uint32_t id = u64map_get(g->by_source, k);
	return id == U64MAP_NONE ? NODE_NONE : id;
}

int graph_relation(struct graph *g, const char *name)
{
	/* relation names are matched case-insensitively and without surrounding
	 * blanks ("is-deployed-by " occurs in the wild) */
	char low[128];
	size_t n = 0;
	while (isspace((unsigned char)*name))
		name++;
	for (; name[n] && n + 1 < sizeof(low); n++)
		low[n] = (char)tolower((unsigned char)name[n]);
	while (n && isspace((unsigned char)low[n - 1]))
		n--;
	low[n] = '\0';
	if (!n)
		return REL_RELATED_TO;
	int r = relation_builtin_from_name(low);
	if (r >= 0)
		return r;
	uint32_t sid = graph_intern(g, low);
	for (unsigned i = REL_BUILTIN_COUNT; i < g->rel_count; i++)
		if (g->rel_names[i] == sid)
			return (int)i;
	if (g->rel_count >= 255)
		return REL_RELATED_TO; /* a feed with hundreds of verbs: fold the rest */
	g->rel_names[g->rel_count] = sid;
	return (int)g->rel_count++;
}

const char *graph_relation_name(const struct graph *g, int rel)
{
	return rel >= 0 && (unsigned)rel < g->rel_count ? graph_str(g, g->rel_names[rel]) : "?";
}

static uint64_t edge_key(uint32_t src, uint32_t dst, int rel, uint32_t file)
{
	uint32_t v[4] = {src, dst, (uint32_t)rel, file};
	return hash_bytes(v, sizeof(v));
}

uint32_t graph_add_edge(struct graph *g, uint32_t src, uint32_t dst, int rel, const struct prov *p,
			uint8_t flags)
{
	if (!g->edge_dedup->nslots && g->edge_count) {
		/* dropped by graph_finish: edges come again (:load), index them */
		u64map_init(g->edge_dedup);
		for (size_t i = 0; i < g->edge_count; i++) {
			const struct edge *o = &g->edges[i];
			u64map_set(g->edge_dedup, edge_key(o->src, o->dst, o->rel, o->file),
				   (uint32_t)i);
		}
	}
	uint64_t k = edge_key(src, dst, rel, p->file);
	uint32_t id = u64map_get_or_set(g->edge_dedup, k, (uint32_t)g->edge_count);
	if (id != U64MAP_NONE) {
		struct edge *e = &g->edges[id];
		/* a 64-bit hash collision is possible in principle; check the fields */
		if (e->src == src && e->dst == dst && e->rel == rel && e->file == p->file) {
			widen(&e->first, &e->last, p->first, p->last);
			if (p->conf != CONF_UNKNOWN &&
			    (e->conf == CONF_UNKNOWN || p->conf > e->conf))
				e->conf = p->conf;
			if (p->tlp > e->tlp)
				e->tlp = p->tlp;
			/* an exact statement outweighs a partial one of the same fact */
			if (!(flags & EDGE_F_PARTIAL))
				e->flags &= (uint8_t)~EDGE_F_PARTIAL;
			return id;
		}
		u64map_set(g->edge_dedup, k, (uint32_t)g->edge_count);
	}
	XGROW(g->edges, g->edge_cap, g->edge_count + 1);
	id = (uint32_t)g->edge_count++;
	struct edge *e = &g->edges[id];
	e->src = src;
	e->dst = dst;
	e->file = p->file;
	e->obj = p->obj;
	e->report = p->report;
	e->first = p->first;
	e->last = p->last;
	e->rel = (uint8_t)rel;
	e->conf = p->conf;
	e->tlp = p->tlp;
	e->flags = flags;
	g->adj_fresh = 0;
	return id;
}

void graph_add_attr(struct graph *g, uint32_t node, enum node_attr type, const char *value,
		    uint32_t file)
{
	if (!value || !*value)
		return;
	uint32_t v = graph_intern(g, value);
	XGROW(g->attrs, g->attr_cap, g->attr_count + 1);
	struct attr *a = &g->attrs[g->attr_count++];
	a->node = node;
	a->value = v;
	a->file = file;
	a->type = (uint8_t)type;
	g->adj_fresh = 0;
}

/* Sorting context for qsort_r-free sorting: edges of one node by relation,
 * then by the other end, then by edge id, so listings are deterministic. */
static const struct graph *sort_graph;
static uint32_t sort_node;

static int cmp_adj(const void *a, const void *b)
{
	uint32_t ea = *(const uint32_t *)a, eb = *(const uint32_t *)b;
	const struct edge *x = &sort_graph->edges[ea], *y = &sort_graph->edges[eb];
	if (x->rel != y->rel)
		return x->rel < y->rel ? -1 : 1;
	uint32_t ox = x->src == sort_node ? x->dst : x->src;
	uint32_t oy = y->src == sort_node ? y->dst : y->src;
	if (ox != oy)
		return ox < oy ? -1 : 1;
	return ea < eb ? -1 : ea > eb;
}

static void build_adjacency(struct graph *g)
{
	size_t n = g->node_count;
	free(g->adj_off);
	free(g->adj);
	g->adj_off = xcalloc(n + 1, sizeof(*g->adj_off));
	for (size_t e = 0; e < g->edge_count; e++) {
		g->adj_off[g->edges[e].src + 1]++;
		if (g->edges[e].dst != g->edges[e].src)
			g->adj_off[g->edges[e].dst + 1]++;
	}
	for (size_t i = 0; i < n; i++)
		g->adj_off[i + 1] += g->adj_off[i];
	g->adj = xmalloc((g->adj_off[n] + 1) * sizeof(*g->adj));
	uint32_t *fill = xmalloc((n + 1) * sizeof(*fill));
	memcpy(fill, g->adj_off, (n + 1) * sizeof(*fill));
	for (size_t e = 0; e < g->edge_count; e++) {
		g->adj[fill[g->edges[e].src]++] = (uint32_t)e;
		if (g->edges[e].dst != g->edges[e].src)
			g->adj[fill[g->edges[e].dst]++] = (uint32_t)e;
	}
	free(fill);
	sort_graph = g;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = g->adj_off[i + 1] - g->adj_off[i];
		if (c > 1) {
			sort_node = (uint32_t)i;
			qsort(g->adj + g->adj_off[i], c, sizeof(*g->adj), cmp_adj);
		}
	}
	sort_graph = NULL;
}

static void build_attr_index(struct graph *g)
{
	size_t n = g->node_count;
	free(g->attr_off);
	free(g->attr_idx);
	g->attr_off = xcalloc(n + 1, sizeof(*g->attr_off));
	for (size_t i = 0; i < g->attr_count; i++)
		g->attr_off[g->attrs[i].node + 1]++;
	for (size_t i = 0; i < n; i++)
		g->attr_off[i + 1] += g->attr_off[i];
	g->attr_idx = xmalloc((g->attr_count + 1) * sizeof(*g->attr_idx));
	uint32_t *fill = xmalloc((n + 1) * sizeof(*fill));
	memcpy(fill, g->attr_off, (n + 1) * sizeof(*fill));
	for (size_t i = 0; i < g->attr_count; i++)
		g->attr_idx[fill[g->attrs[i].node]++] = (uint32_t)i;
	free(fill);
}

void graph_finish(struct graph *g)
{
	if (g->adj_fresh)
		return;
	/* the edge index only serves loading: its memory (12 bytes a slot, a
	 * slot or two an edge) goes back before the adjacency is built */
	u64map_free(g->edge_dedup);
	build_adjacency(g);
	build_attr_index(g);
	alias_resolve(g, NULL);
	respell_guessed_names(g); /* needs the claims, as resolved */
	g->adj_fresh = 1;
}

struct adj graph_adj(const struct graph *g, uint32_t n)
{
	struct adj a = {NULL, 0};
	if (!g->adj_off || n >= g->node_count)
		return a;
	a.edges = g->adj + g->adj_off[n];
	a.count = g->adj_off[n + 1] - g->adj_off[n];
	return a;
}

size_t graph_attrs(const struct graph *g, uint32_t node, enum node_attr type, uint32_t *out,
		   size_t max)
{
	if (!g->attr_off || node >= g->node_count)
		return 0;
	size_t found = 0;
	for (uint32_t i = g->attr_off[node]; i < g->attr_off[node + 1]; i++) {
		const struct attr *a = &g->attrs[g->attr_idx[i]];
		if (a->type != type)
			continue;
		int dup = 0;
		for (size_t j = 0; j < found && j < max; j++)
			dup |= out[j] == a->value;
		if (dup)
			continue;
		if (found < max)
			out[found] = a->value;
		found++;
	}
	return found;
}

void graph_memory(const struct graph *g, struct graph_mem *m)
{
	m->nodes = g->node_cap * sizeof(*g->nodes);
	m->edges = g->edge_cap * sizeof(*g->edges);
	m->strings = intern_bytes(g->strings);
	m->indexes =
	    u64map_bytes(g->by_key) + u64map_bytes(g->by_source) + u64map_bytes(g->edge_dedup);
	if (g->adj_off)
		m->indexes += (g->node_count + 1) * sizeof(*g->adj_off) +
			      (g->adj_off[g->node_count] + 1) * sizeof(*g->adj);
	m->attrs = g->attr_cap * sizeof(*g->attrs);
	if (g->attr_off)
		m->attrs += (g->node_count + 1 + g->attr_count + 1) * sizeof(uint32_t);
	m->total = m->nodes + m->edges + m->strings + m->indexes + m->attrs +
		   g->file_cap * sizeof(*g->files);
}

struct prov prov_empty(uint32_t file)
{
	struct prov p;
	memset(&p, 0, sizeof(p));
	p.file = file;
	p.report = NODE_NONE;
	p.first = p.last = DATE_UNKNOWN;
	p.conf = CONF_UNKNOWN;
	p.tlp = TLP_NONE;
	return p;
}
