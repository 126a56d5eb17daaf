#include "graph/subgraph.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/normalize.h"
#include "graph/strbuf.h"
#include "graph/u64map.h"
#include "graph/xalloc.h"

static const char *const view_names[] = {
#define X(e, name, help) name,
	SG_VIEWS(X)
#undef X
};

const char *subgraph_view_name(int view)
{
	return view >= 0 && view < SG_VIEW_COUNT ? view_names[view] : "?";
}

int subgraph_view_from_name(const char *name)
{
	for (int v = 0; v < SG_VIEW_COUNT; v++)
		if (strcmp(name, view_names[v]) == 0)
			return v;
	return -1;
}

int subgraph_conf_band(uint8_t conf)
{
	unsigned c = conf == CONF_UNKNOWN ? 50 : conf;
	return c >= 70 ? 2 : c >= 30 ? 1 : 0;
}

/* The kinds a bare name can denote, most likely first. */
static const int named_kinds[] = {NODE_ACTOR,	  NODE_CAMPAIGN, NODE_MALWARE,	NODE_TOOL,
				  NODE_INFRASTRUCTURE, NODE_TECHNIQUE, NODE_VICTIM, NODE_LOCATION,
				  NODE_REPORT};

static uint32_t find_value(const struct graph *g, int kind, const char *s)
{
	struct strbuf key = STRBUF_INIT;
	struct norm_result r;
	uint32_t n = NODE_NONE;
	if (kind < 0 ? norm_guess(s, strlen(s), &key, &r) == 0
		     : norm_value(kind, s, strlen(s), &key, &r) == 0)
		n = graph_find(g, r.kind, strbuf_str(&key));
	strbuf_free(&key);
	return n;
}

uint32_t subgraph_find_node(const struct graph *g, const char *text)
{
	const char *colon = strchr(text, ':');
	if (colon && colon > text && colon - text < 20) {
		char kname[20];
		memcpy(kname, text, (size_t)(colon - text));
		kname[colon - text] = '\0';
		int kind = kind_from_name(kname);
		if (kind >= 0) {
			const char *v = colon + 1;
			if (kind == NODE_ACTOR) {
				uint32_t n = alias_lookup(g, v);
				if (n != NODE_NONE)
					return n;
			}
			uint32_t n = kind_is_infra(kind) ? find_value(g, kind, v)
							 : graph_find_named(g, kind, v);
			if (n != NODE_NONE)
				return n;
		}
	}
	uint32_t n = alias_lookup(g, text);
	if (n != NODE_NONE)
		return n;
	for (size_t i = 0; i < sizeof(named_kinds) / sizeof(named_kinds[0]); i++) {
		n = graph_find_named(g, named_kinds[i], text);
		if (n != NODE_NONE)
			return n;
	}
	n = find_value(g, -1, text);
	if (n != NODE_NONE)
		return n;
	return graph_by_source(g, text);
}

/* ---- the builder: a set of graph nodes growing into a subgraph ---- */

struct builder {
	const struct graph *g;
	const struct overlap *ov;
	struct subgraph *sg;
	struct u64map index; /* representative graph node -> index in sg->nodes */
	size_t cap_nodes, cap_edges;
	/* actors merged by aliases: (alias root, member) pairs, sorted */
	uint64_t *members;
	size_t nmembers;
	struct u64map canon; /* alias root -> the member that represents the unit */
};

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The node that stands for n: for an actor, its unit's canonical member. */
static uint32_t rep_of(const struct builder *b, uint32_t n)
{
	if (b->g->nodes[n].kind != NODE_ACTOR)
		return n;
	uint32_t root = alias_unit(b->g, n);
	uint32_t c = u64map_get(&b->canon, root);
	return c == U64MAP_NONE ? root : c;
}

/* Which member names a merged unit must not depend on load order (the
 * alias table's root does): the name that claimed the others as aliases,
 * then the smallest key. */
static int better_name(const struct graph *g, uint32_t cand, int cand_claims, uint32_t cur,
		       int cur_claims)
{
	if (cand_claims != cur_claims)
		return cand_claims > cur_claims;
	return strcmp(graph_node_key(g, cand), graph_node_key(g, cur)) < 0;
}

static void builder_init(struct builder *b, const struct graph *g, const struct overlap *ov,
			 struct subgraph *sg)
{
	memset(b, 0, sizeof(*b));
	b->g = g;
	b->ov = ov;
	b->sg = sg;
	u64map_init(&b->index);
	u64map_init(&b->canon);
	size_t nm;
	const struct alias_merge *m = alias_merges(g, &nm);
	struct u64map claims; /* actor -> merges it claimed */
	u64map_init(&claims);
	for (size_t i = 0; i < nm; i++) {
		if (m[i].undone)
			continue;
		uint32_t c = u64map_get(&claims, m[i].claimer);
		u64map_set(&claims, m[i].claimer, c == U64MAP_NONE ? 1 : c + 1);
	}
	size_t cap = 0;
	for (uint32_t n = 0; n < g->node_count; n++) {
		if (g->nodes[n].kind != NODE_ACTOR)
			continue;
		uint32_t r = alias_unit(g, n);
		if (r == n && nm == 0)
			continue;
		XGROW(b->members, cap, b->nmembers + 1);
		b->members[b->nmembers++] = u64_pair(r, n);
	}
	qsort(b->members, b->nmembers, sizeof(*b->members), cmp_u64);
	/* keep only units of two or more, choosing each one's name */
	size_t k = 0;
	for (size_t i = 0; i < b->nmembers;) {
		uint32_t r = (uint32_t)(b->members[i] >> 32);
		size_t j = i;
		while (j < b->nmembers && (uint32_t)(b->members[j] >> 32) == r)
			j++;
		if (j - i > 1) {
			uint32_t best = (uint32_t)b->members[i];
			uint32_t bc = u64map_get(&claims, best);
			for (size_t x = i + 1; x < j; x++) {
				uint32_t cand = (uint32_t)b->members[x];
				uint32_t cc = u64map_get(&claims, cand);
				if (better_name(g, cand, cc == U64MAP_NONE ? 0 : (int)cc, best,
						bc == U64MAP_NONE ? 0 : (int)bc)) {
					best = cand;
					bc = cc;
				}
			}
			u64map_set(&b->canon, r, best);
			for (size_t x = i; x < j; x++)
				b->members[k++] = b->members[x];
		}
		i = j;
	}
	b->nmembers = k;
	u64map_free(&claims);
}

static void builder_free(struct builder *b)
{
	u64map_free(&b->index);
	u64map_free(&b->canon);
	free(b->members);
}

/* Fills out with rep and every actor merged with it (up to max); returns
 * how many there are. */
static size_t unit_members(const struct builder *b, uint32_t rep, uint32_t *out, size_t max)
{
	if (b->g->nodes[rep].kind != NODE_ACTOR || b->nmembers == 0) {
		out[0] = rep;
		return 1;
	}
	uint32_t root = alias_unit(b->g, rep);
	size_t lo = 0, hi = b->nmembers;
	uint64_t key = u64_pair(root, 0);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (b->members[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t n = 0;
	for (size_t i = lo; i < b->nmembers && (uint32_t)(b->members[i] >> 32) == root; i++) {
		if (n < max)
			out[n] = (uint32_t)b->members[i];
		n++;
	}
	if (n == 0) {
		out[0] = rep;
		return 1;
	}
	return n;
}

static uint32_t degree_of(const struct builder *b, uint32_t rep)
{
	uint32_t buf[64];
	size_t total = unit_members(b, rep, buf, 64);
	uint32_t d = 0;
	for (size_t i = 0; i < total && i < 64; i++)
		d += graph_adj(b->g, buf[i]).count;
	return d;
}

/* Adds the representative of graph node n (if new); returns its index. */
static uint32_t add_node(struct builder *b, uint32_t n, uint8_t depth)
{
	const struct graph *g = b->g;
	uint32_t r = rep_of(b, n);
	struct subgraph *sg = b->sg;
	uint32_t idx = u64map_get_or_set(&b->index, r, (uint32_t)sg->nnodes);
	if (idx != U64MAP_NONE) {
		if (depth < sg->nodes[idx].depth)
			sg->nodes[idx].depth = depth;
		return idx;
	}
	XGROW(sg->nodes, b->cap_nodes, sg->nnodes + 1);
	struct sg_node *s = &sg->nodes[sg->nnodes];
	memset(s, 0, sizeof(*s));
	const struct node *gn = &g->nodes[r];
	s->node = r;
	s->unit = UINT32_MAX;
	s->label = graph_node_label(g, r);
	s->kind = gn->kind;
	s->conf = gn->conf;
	s->tlp = gn->tlp;
	s->depth = depth;
	if (gn->flags & NODE_F_WARNLISTED)
		s->flags |= SGN_WARNLISTED;
	s->degree = degree_of(b, r);
	return (uint32_t)sg->nnodes++;
}

static int cmp_str(const char *a, const char *b)
{
	int c = strcmp(a, b);
	return c < 0 ? -1 : c > 0;
}

static const struct graph *sort_graph; /* qsort has no context argument in C11 */

/* Canonical node order: kind, then normalised key, then label. Independent
 * of node ids, which depend on the order files were loaded in. */
static int cmp_node(const void *pa, const void *pb)
{
	const struct sg_node *a = pa, *b = pb;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	int c = cmp_str(graph_node_key(sort_graph, a->node), graph_node_key(sort_graph, b->node));
	if (c)
		return c;
	return cmp_str(a->label, b->label);
}

/* The cap keeps the nodes nearest the centre, then the most connected, then
 * canonical order, so what is cut is cut the same way every time. */
static int cmp_keep(const void *pa, const void *pb)
{
	const struct sg_node *a = pa, *b = pb;
	int fa = (a->flags & SGN_FOCUS) != 0, fb = (b->flags & SGN_FOCUS) != 0;
	if (fa != fb)
		return fa ? -1 : 1;
	if (a->depth != b->depth)
		return a->depth < b->depth ? -1 : 1;
	if (a->degree != b->degree)
		return a->degree > b->degree ? -1 : 1;
	return cmp_node(pa, pb);
}

static void sort_and_cap(struct builder *b, size_t max_nodes)
{
	struct subgraph *sg = b->sg;
	sort_graph = b->g;
	sg->total = sg->nnodes;
	if (sg->nnodes > max_nodes) {
		qsort(sg->nodes, sg->nnodes, sizeof(*sg->nodes), cmp_keep);
		sg->nnodes = max_nodes;
		sg->truncated = 1;
	}
	qsort(sg->nodes, sg->nnodes, sizeof(*sg->nodes), cmp_node);
	u64map_free(&b->index);
	u64map_init(&b->index);
	for (size_t i = 0; i < sg->nnodes; i++)
		u64map_set(&b->index, sg->nodes[i].node, (uint32_t)i);
	sg->focus[0] = sg->focus[1] = UINT32_MAX;
	for (size_t i = 0, k = 0; i < sg->nnodes && k < 2; i++)
		if (sg->nodes[i].flags & SGN_FOCUS)
			sg->focus[k++] = (uint32_t)i;
}

static struct sg_edge *new_edge(struct builder *b)
{
	struct subgraph *sg = b->sg;
	XGROW(sg->edges, b->cap_edges, sg->nedges + 1);
	struct sg_edge *e = &sg->edges[sg->nedges++];
	memset(e, 0, sizeof(*e));
	e->edge = UINT32_MAX;
	e->pair = UINT32_MAX;
	return e;
}

/* Every graph edge between two selected nodes, parallel ones merged. */
static void add_induced_edges(struct builder *b)
{
	const struct graph *g = b->g;
	struct subgraph *sg = b->sg;
	struct u64map seen; /* (from, to) * 256 + rel -> edge index; hashed into 64 bits */
	u64map_init(&seen);
	uint32_t mem[256];
	for (size_t i = 0; i < sg->nnodes; i++) {
		size_t nm = unit_members(b, sg->nodes[i].node, mem, 256);
		if (nm > 256)
			nm = 256;
		for (size_t m = 0; m < nm; m++) {
			struct adj a = graph_adj(g, mem[m]);
			for (uint32_t k = 0; k < a.count; k++) {
				const struct edge *ge = &g->edges[a.edges[k]];
				if (ge->src != mem[m])
					continue; /* each edge once, from its source */
				uint32_t to = u64map_get(&b->index, rep_of(b, ge->dst));
				if (to == U64MAP_NONE || to == i)
					continue;
				/* from and to are < 2^24 in any view we draw (capped) */
				uint64_t key = ((uint64_t)i << 40) | ((uint64_t)to << 8) | ge->rel;
				uint32_t e = u64map_get(&seen, key);
				if (e == U64MAP_NONE) {
					u64map_set(&seen, key, (uint32_t)sg->nedges);
					struct sg_edge *se = new_edge(b);
					se->from = (uint32_t)i;
					se->to = to;
					se->edge = a.edges[k];
					se->sources = 1;
					se->rel = ge->rel;
					se->conf = ge->conf;
					se->tlp = ge->tlp;
					se->flags = (ge->flags & EDGE_F_PARTIAL ? SGE_PARTIAL : 0) |
						    (ge->flags & EDGE_F_DERIVED ? SGE_DERIVED : 0);
					continue;
				}
				struct sg_edge *se = &sg->edges[e];
				se->sources++;
				if (ge->conf != CONF_UNKNOWN &&
				    (se->conf == CONF_UNKNOWN || ge->conf > se->conf))
					se->conf = ge->conf;
				if (ge->tlp > se->tlp)
					se->tlp = ge->tlp;
				/* a fact stated by any source is not "derived" or "partial" */
				if (!(ge->flags & EDGE_F_DERIVED))
					se->flags &= (uint8_t)~SGE_DERIVED;
				if (!(ge->flags & EDGE_F_PARTIAL))
					se->flags &= (uint8_t)~SGE_PARTIAL;
				/* keep the canonical representative: the smallest file path */
				if (strcmp(graph_file_path(g, ge->file),
					   graph_file_path(g, g->edges[se->edge].file)) < 0)
					se->edge = a.edges[k];
			}
		}
	}
	u64map_free(&seen);
}

static int cmp_edge(const void *pa, const void *pb)
{
	const struct sg_edge *a = pa, *b = pb;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	if ((a->flags & SGE_PAIR) != (b->flags & SGE_PAIR))
		return (a->flags & SGE_PAIR) ? -1 : 1;
	return cmp_str(graph_relation_name(sort_graph, a->rel),
		       graph_relation_name(sort_graph, b->rel));
}

static int cmp_file(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	int c = cmp_str(graph_file_path(sort_graph, a), graph_file_path(sort_graph, b));
	return c ? c : (a < b ? -1 : a > b);
}

/* Marking, date and sources of what is shown. The marking is the most
 * restricted of every input, not only of the files drawn: scores and df
 * counts are computed from all of them. */
static void finish(struct builder *b)
{
	const struct graph *g = b->g;
	struct subgraph *sg = b->sg;
	sort_graph = g;
	qsort(sg->edges, sg->nedges, sizeof(*sg->edges), cmp_edge);
	uint8_t tlp = TLP_NONE;
	int32_t date = DATE_UNKNOWN;
	for (size_t f = 0; f < g->file_count; f++) {
		if (g->files[f].tlp > tlp)
			tlp = g->files[f].tlp;
		if (g->files[f].date != DATE_UNKNOWN && (date == DATE_UNKNOWN || g->files[f].date > date))
			date = g->files[f].date;
	}
	char *used = xcalloc(g->file_count + 1, 1);
	for (size_t i = 0; i < sg->nnodes; i++) {
		const struct node *n = &g->nodes[sg->nodes[i].node];
		if (n->tlp > tlp)
			tlp = n->tlp;
		if (n->file < g->file_count)
			used[n->file] = 1;
		if (date == DATE_UNKNOWN || (n->last_seen != DATE_UNKNOWN && n->last_seen > date))
			date = n->last_seen;
	}
	for (size_t i = 0; i < sg->nedges; i++) {
		if (sg->edges[i].tlp > tlp)
			tlp = sg->edges[i].tlp;
		if (sg->edges[i].edge != UINT32_MAX && g->edges[sg->edges[i].edge].file < g->file_count)
			used[g->edges[sg->edges[i].edge].file] = 1;
	}
	sg->tlp = tlp;
	sg->date = date;
	for (size_t f = 0; f < g->file_count; f++)
		if (used[f])
			sg->nfiles++;
	sg->files = xcalloc(sg->nfiles + 1, sizeof(*sg->files));
	for (size_t f = 0, k = 0; f < g->file_count; f++)
		if (used[f])
			sg->files[k++] = (uint32_t)f;
	qsort(sg->files, sg->nfiles, sizeof(*sg->files), cmp_file);
	free(used);
}

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (err && errlen)
		vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- the views ---- */

static void view_all(struct builder *b)
{
	const struct graph *g = b->g;
	for (uint32_t n = 0; n < g->node_count; n++)
		if (rep_of(b, n) == n)
			add_node(b, n, 0);
	b->sg->subject = xstrdup("the whole graph");
}

static int view_ego(struct builder *b, const struct sg_spec *s, char *err, size_t errlen)
{
	const struct graph *g = b->g;
	if (!s->node || !*s->node)
		return fail(err, errlen, "the ego view needs a centre: --node NAME");
	uint32_t c = subgraph_find_node(g, s->node);
	if (c == NODE_NONE)
		return fail(err, errlen, "no node named '%s' (try an actor name, an alias, an "
				    "indicator value or kind:value such as domain:example.com)",
			    s->node);
	c = rep_of(b, c);
	struct subgraph *sg = b->sg;
	uint32_t ci = add_node(b, c, 0);
	sg->nodes[ci].flags |= SGN_FOCUS;
	int depth = s->depth < 1 ? 1 : s->depth;
	/* breadth first over units: one frontier per hop; the cap is applied
	 * afterwards, keeping the nearest hops whole where it can */
	size_t lo = 0;
	uint32_t mem[256];
	for (int d = 1; d <= depth; d++) {
		size_t hi = sg->nnodes;
		for (size_t i = lo; i < hi; i++) {
			size_t nm = unit_members(b, sg->nodes[i].node, mem, 256);
			for (size_t m = 0; m < nm && m < 256; m++) {
				struct adj a = graph_adj(g, mem[m]);
				for (uint32_t k = 0; k < a.count; k++)
					add_node(b, graph_edge_other(g, a.edges[k], mem[m]), (uint8_t)d);
			}
		}
		lo = hi;
		if (sg->nnodes > 4 * (s->max_nodes ? s->max_nodes : 500) + 1000)
			break; /* far past the cap already: the next hop would only be cut */
	}
	sg->subject = xstrdup(sg->nodes[ci].label);
	return 0;
}

int subgraph_build(const struct graph *g, const struct overlap *ov, const struct sg_spec *s,
		   struct subgraph *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	out->view = s->view;
	out->focus[0] = out->focus[1] = UINT32_MAX;
	out->date = DATE_UNKNOWN;
	struct builder b;
	builder_init(&b, g, ov, out);
	int rc = 0;
	switch (s->view) {
	case SG_VIEW_ALL:
		view_all(&b);
		break;
	case SG_VIEW_EGO:
		rc = view_ego(&b, s, err, errlen);
		break;
	default:
		rc = fail(err, errlen, "the %s view needs the overlap engine, which is not in this "
				    "build yet", subgraph_view_name(s->view));
		break;
	}
	if (rc == 0) {
		sort_and_cap(&b, s->max_nodes ? s->max_nodes : 500);
		add_induced_edges(&b);
		finish(&b);
	}
	builder_free(&b);
	if (rc != 0)
		subgraph_free(out);
	return rc;
}

void subgraph_free(struct subgraph *sg)
{
	if (!sg)
		return;
	free(sg->nodes);
	free(sg->edges);
	free(sg->files);
	free(sg->subject);
	memset(sg, 0, sizeof(*sg));
	sg->focus[0] = sg->focus[1] = UINT32_MAX;
}
