#include "graph/subgraph.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/attribution.h"
#include "graph/date.h"
#include "graph/normalize.h"
#include "graph/overlap.h"
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
static const int named_kinds[] = {NODE_ACTOR,  NODE_CAMPAIGN,	    NODE_MALWARE,
				  NODE_TOOL,   NODE_INFRASTRUCTURE, NODE_TECHNIQUE,
				  NODE_VICTIM, NODE_LOCATION,	    NODE_REPORT};

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
	struct overlap *ov;
	struct subgraph *sg;
	struct u64map index; /* representative graph node -> index in sg->nodes */
	size_t cap_nodes, cap_edges;
	/* actors merged by aliases: (alias root, member) pairs, sorted */
	uint64_t *members;
	size_t nmembers;
	struct u64map canon; /* alias root -> the member that represents the unit */
	char *file_used;     /* per input file: it states something the view shows */
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

static void builder_init(struct builder *b, const struct graph *g, struct overlap *ov,
			 struct subgraph *sg)
{
	memset(b, 0, sizeof(*b));
	b->g = g;
	b->ov = ov;
	b->sg = sg;
	b->file_used = xcalloc(g->file_count + 1, 1);
	u64map_init(&b->index);
	u64map_init(&b->canon);
	size_t nm;
	alias_merges(g, &nm);
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
	if (b->nmembers > 1)
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
			for (size_t x = i + 1; x < j; x++)
				if (alias_better_name(g, (uint32_t)b->members[x], best))
					best = (uint32_t)b->members[x];
			u64map_set(&b->canon, r, best);
			for (size_t x = i; x < j; x++)
				b->members[k++] = b->members[x];
		}
		i = j;
	}
	b->nmembers = k;
}

static void builder_free(struct builder *b)
{
	u64map_free(&b->index);
	u64map_free(&b->canon);
	free(b->members);
	free(b->file_used);
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
			sg->nodes[idx].depth = sg->nodes[idx].layer = depth;
		return idx;
	}
	XGROW(sg->nodes, b->cap_nodes, sg->nnodes + 1);
	struct sg_node *s = &sg->nodes[sg->nnodes];
	memset(s, 0, sizeof(*s));
	const struct node *gn = &g->nodes[r];
	s->node = r;
	s->unit = UINT32_MAX;
	s->rank = UINT32_MAX;
	s->label = graph_node_label(g, r);
	s->kind = gn->kind;
	s->conf = gn->conf;
	s->tlp = gn->tlp;
	s->depth = depth;
	s->layer = depth;
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
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
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
	if (sg->nnodes > 1)
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
				if (ge->file < g->file_count)
					b->file_used[ge->file] = 1; /* drawn, merged or not */
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

/* Whether an edge joins sg nodes i and j, either way. */
static int joined(const struct subgraph *sg, uint32_t i, uint32_t j)
{
	for (size_t e = 0; e < sg->nedges; e++)
		if ((sg->edges[e].from == i && sg->edges[e].to == j) ||
		    (sg->edges[e].from == j && sg->edges[e].to == i))
			return 1;
	return 0;
}

static void add_joined(struct builder *b, uint32_t from, uint32_t to, uint8_t reason,
		       uint8_t conf, uint8_t flags)
{
	if (to == U64MAP_NONE || to == from || joined(b->sg, from, to))
		return;
	struct sg_edge *se = new_edge(b);
	se->from = from;
	se->to = to;
	se->rel = REL_ATTRIBUTED_TO;
	se->conf = conf;
	se->flags = SGE_JOINED | flags;
	se->reason = reason;
}

/* Reports and campaigns a unit takes by a reason rather than a stated edge
 * (a name, a listing report, a copy, the analyst), and the actor of a list
 * the analyst re-filed: one drawn edge each to what they speak for, labelled
 * with the reason, so a diagram shows why they belong and none floats
 * alone. */
static void add_joined_edges(struct builder *b)
{
	const struct graph *g = b->g;
	struct subgraph *sg = b->sg;
	const struct attribution_table *t = overlap_attribution(b->ov);
	size_t nn = sg->nnodes;
	for (size_t i = 0; i < nn; i++) {
		uint32_t n = sg->nodes[i].node;
		int k = g->nodes[n].kind;
		if (k != NODE_REPORT && k != NODE_CAMPAIGN)
			continue;
		const struct attribution *a = attribution_of(t, n);
		if (!a || a->owner == NODE_NONE ||
		    (a->reason == ATTRIB_EXPLICIT && a->copy_of == UINT32_MAX))
			continue; /* alone, or joined by an edge drawn already */
		add_joined(b, (uint32_t)i, u64map_get(&b->index, rep_of(b, a->owner)), a->reason,
			   a->conf, 0);
	}
	size_t nr;
	const struct attrib_refile *r = attribution_refiled(t, &nr);
	uint32_t mem[256];
	for (size_t x = 0; x < nr; x++) {
		uint32_t to = u64map_get(&b->index, rep_of(b, r[x].actor));
		if (to == U64MAP_NONE)
			continue;
		for (size_t i = 0; i < nn; i++) {
			if (g->nodes[sg->nodes[i].node].kind != NODE_ACTOR || i == to)
				continue;
			/* an actor the list's own statements name */
			size_t nm = unit_members(b, sg->nodes[i].node, mem, 256);
			int names = 0;
			for (size_t m = 0; m < nm && m < 256 && !names; m++) {
				struct adj a = graph_adj(g, mem[m]);
				for (uint32_t e = 0; e < a.count && !names; e++)
					names = g->edges[a.edges[e]].file == r[x].file;
			}
			if (names)
				add_joined(b, (uint32_t)i, to, ATTRIB_ANALYST, CONF_UNKNOWN,
					   SGE_REFILED);
		}
	}
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

/* The files behind unit u's score: every edge on every path by which it
 * reaches a value. */
static void mark_unit_files(struct builder *b, uint32_t u)
{
	size_t n;
	const struct membership *m = overlap_members(b->ov, u, &n);
	for (size_t i = 0; i < n; i++)
		for (uint8_t k = 0; k < m[i].path_len; k++) {
			uint32_t f = b->g->edges[m[i].path[k]].file;
			if (f < b->g->file_count)
				b->file_used[f] = 1;
		}
}

/* Marking, date and sources of what is shown. The marking is the most
 * restricted among the inputs that state what the view shows (its edges,
 * the values behind its scores, the files its units come from), not of
 * every input loaded: an unrelated TLP:RED file does not mark a pair
 * GREEN-sourced RED. That maximum is kept apart (tlp_all) for a note. */
static void finish(struct builder *b)
{
	const struct graph *g = b->g;
	struct subgraph *sg = b->sg;
	sort_graph = g;
	if (sg->nedges > 1)
		qsort(sg->edges, sg->nedges, sizeof(*sg->edges), cmp_edge);
	uint8_t tlp = TLP_NONE, tlp_all = TLP_NONE;
	int32_t date = DATE_UNKNOWN;
	for (size_t f = 0; f < g->file_count; f++) {
		if (g->files[f].tlp > tlp_all)
			tlp_all = g->files[f].tlp;
		if (g->files[f].date != DATE_UNKNOWN &&
		    (date == DATE_UNKNOWN || g->files[f].date > date))
			date = g->files[f].date;
	}
	char *used = b->file_used;
	for (size_t i = 0; i < sg->nnodes; i++) {
		const struct sg_node *sn = &sg->nodes[i];
		const struct node *n = &g->nodes[sn->node];
		if (n->tlp > tlp_all)
			tlp_all = n->tlp;
		/* a unit's name, and the subject, come from the file that made it */
		if ((sn->flags & (SGN_UNIT | SGN_FOCUS)) && n->file < g->file_count)
			used[n->file] = 1;
		if (date == DATE_UNKNOWN || (n->last_seen != DATE_UNKNOWN && n->last_seen > date))
			date = n->last_seen;
	}
	size_t np = 0;
	const struct overlap_pair *pairs = b->ov ? overlap_pairs(b->ov, &np) : NULL;
	for (size_t i = 0; i < sg->nedges; i++) {
		const struct sg_edge *se = &sg->edges[i];
		if (se->tlp > tlp)
			tlp = se->tlp;
		if (se->edge != UINT32_MAX && g->edges[se->edge].file < g->file_count)
			used[g->edges[se->edge].file] = 1;
		if ((se->flags & SGE_PAIR) && pairs && se->pair < np) {
			/* a score rests on every value of both units */
			mark_unit_files(b, pairs[se->pair].a);
			mark_unit_files(b, pairs[se->pair].b);
		}
	}
	for (size_t f = 0; f < g->file_count; f++)
		if (used[f] && g->files[f].tlp > tlp)
			tlp = g->files[f].tlp;
	for (size_t e = 0; e < g->edge_count; e++)
		if (g->edges[e].tlp > tlp_all)
			tlp_all = g->edges[e].tlp;
	if (tlp > tlp_all)
		tlp_all = tlp;
	sg->tlp_all = tlp_all;
	sg->tlp = tlp;
	sg->date = date;
	for (size_t f = 0; f < g->file_count; f++)
		if (used[f])
			sg->nfiles++;
	sg->files = xcalloc(sg->nfiles + 1, sizeof(*sg->files));
	for (size_t f = 0, k = 0; f < g->file_count; f++)
		if (used[f])
			sg->files[k++] = (uint32_t)f;
	if (sg->nfiles > 1)
		qsort(sg->files, sg->nfiles, sizeof(*sg->files), cmp_file);
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
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
		return fail(err, errlen,
			    "no node named '%s' (try an actor name, an alias, an "
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
					add_node(b, graph_edge_other(g, a.edges[k], mem[m]),
						 (uint8_t)d);
			}
		}
		lo = hi;
		if (sg->nnodes > 4 * (s->max_nodes ? s->max_nodes : 500) + 1000)
			break; /* far past the cap already: the next hop would only be cut */
	}
	sg->subject = xstrdup(sg->nodes[ci].label);
	return 0;
}

/* ---- views from the overlap engine ---- */

/* A unit by name, or an error that suggests near names. */
static uint32_t find_unit(struct builder *b, const char *name, char *err, size_t errlen)
{
	uint32_t u = overlap_unit_find(b->ov, name);
	if (u != UINT32_MAX)
		return u;
	uint32_t sugg[3];
	size_t n = overlap_unit_suggest(b->ov, name, sugg, 3);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n && i < 3; i++)
		strbuf_addf(&sb, "%s'%s'", i ? ", " : " (did you mean ",
			    overlap_unit_name(b->ov, sugg[i]));
	if (n)
		strbuf_adds(&sb, "?)");
	fail(err, errlen, "no actor or unit named '%s'%s; 'agx overlaps' lists them", name,
	     strbuf_str(&sb));
	strbuf_free(&sb);
	return UINT32_MAX;
}

static uint32_t add_unit_node(struct builder *b, uint32_t u, uint32_t rank)
{
	uint32_t i = add_node(b, overlap_unit(b->ov, u)->node, 0);
	struct sg_node *sn = &b->sg->nodes[i];
	sn->flags |= SGN_UNIT;
	sn->unit = u;
	if (rank < sn->rank)
		sn->rank = rank;
	return i;
}

/* Every node on a membership's path, the value last. */
/* The whole path of m: the edges that attribute its start to the unit,
 * then its own. */
static size_t full_path(const struct builder *b, const struct membership *m, uint32_t *out)
{
	size_t n = overlap_seed_path(b->ov, m, out, 4);
	for (uint8_t k = 0; k < m->path_len; k++)
		out[n++] = m->path[k];
	return n;
}

static void add_path(struct builder *b, const struct membership *m, uint32_t rank)
{
	const struct graph *g = b->g;
	uint32_t path[OVERLAP_MAX_PATH + 4];
	size_t len = full_path(b, m, path);
	for (size_t k = 0; k < len; k++) {
		const struct edge *e = &g->edges[path[k]];
		uint8_t d = (uint8_t)(k + 1);
		uint32_t i = add_node(b, e->src, d), j = add_node(b, e->dst, d);
		if (b->sg->nodes[i].rank > rank)
			b->sg->nodes[i].rank = rank;
		if (b->sg->nodes[j].rank > rank)
			b->sg->nodes[j].rank = rank;
	}
	uint32_t v = add_node(b, m->value, len ? (uint8_t)len : 1);
	if (b->sg->nodes[v].rank > rank)
		b->sg->nodes[v].rank = rank;
}

/* Hops from the unit along m's path, into side[] (indexed by node index,
 * 255 = not on this side). */
static void path_hops(struct builder *b, const struct membership *m, uint8_t *side, size_t n)
{
	const struct graph *g = b->g;
	uint32_t path[OVERLAP_MAX_PATH + 4];
	size_t len = full_path(b, m, path);
	uint32_t prev = rep_of(b, len > (size_t)m->path_len ? g->edges[path[0]].dst : m->start);
	for (size_t k = 0; k < len; k++) {
		const struct edge *e = &g->edges[path[k]];
		uint32_t s = rep_of(b, e->src), d = rep_of(b, e->dst);
		uint32_t next = s == prev ? d : s;
		uint32_t ip = u64map_get(&b->index, prev), in = u64map_get(&b->index, next);
		if (ip < n && side[ip] > k)
			side[ip] = k;
		if (in < n && side[in] > k + 1)
			side[in] = (uint8_t)(k + 1);
		prev = next;
	}
}

/* Pair edges wait until the nodes are sorted and capped. */
struct pending_pair {
	uint32_t pair;
	uint32_t node_a, node_b; /* representative graph nodes */
};

static void want_pair(struct pending_pair **pp, size_t *n, size_t *cap, struct builder *b,
		      uint32_t k)
{
	size_t np;
	const struct overlap_pair *p = &overlap_pairs(b->ov, &np)[k];
	XGROW(*pp, *cap, *n + 1);
	(*pp)[*n].pair = k;
	(*pp)[*n].node_a = rep_of(b, overlap_unit(b->ov, p->a)->node);
	(*pp)[*n].node_b = rep_of(b, overlap_unit(b->ov, p->b)->node);
	(*n)++;
}

static void add_pair_edges(struct builder *b, const struct pending_pair *pp, size_t n)
{
	if (n == 0)
		return;
	size_t np;
	const struct overlap_pair *pairs = overlap_pairs(b->ov, &np);
	for (size_t i = 0; i < n; i++) {
		uint32_t x = u64map_get(&b->index, pp[i].node_a);
		uint32_t y = u64map_get(&b->index, pp[i].node_b);
		if (x == U64MAP_NONE || y == U64MAP_NONE)
			continue; /* cut by the cap */
		const struct overlap_pair *p = &pairs[pp[i].pair];
		struct sg_edge *e = new_edge(b);
		/* the canonically first node on the left, whatever the unit order */
		e->from = x < y ? x : y;
		e->to = x < y ? y : x;
		e->pair = pp[i].pair;
		e->score = p->score;
		e->weight = p->weight;
		e->shared = p->shared;
		e->conf = CONF_UNKNOWN;
		e->flags = SGE_PAIR;
	}
}

static int view_unit(struct builder *b, const struct sg_spec *s, char *err, size_t errlen)
{
	uint32_t u = find_unit(b, s->unit_a, err, errlen);
	if (u == UINT32_MAX)
		return -1;
	const struct graph *g = b->g;
	uint32_t f = add_unit_node(b, u, 0);
	b->sg->nodes[f].flags |= SGN_FOCUS;
	size_t n;
	const struct membership *m = overlap_members(b->ov, u, &n);
	for (size_t i = 0; i < n; i++)
		add_path(b, &m[i], (uint32_t)i + 1);
	const uint32_t *tools = overlap_tools(b->ov, u, &n);
	for (size_t i = 0; i < n; i++)
		add_node(b, tools[i], 1);
	/* campaigns and what the unit uses, even where they lead to no value */
	uint32_t mem[256];
	size_t nm = unit_members(b, b->sg->nodes[f].node, mem, 256);
	for (size_t k = 0; k < nm && k < 256; k++) {
		struct adj a = graph_adj(g, mem[k]);
		for (uint32_t j = 0; j < a.count; j++) {
			uint32_t o = graph_edge_other(g, a.edges[j], mem[k]);
			int kind = g->nodes[o].kind;
			if (kind == NODE_CAMPAIGN || kind == NODE_MALWARE || kind == NODE_TOOL ||
			    kind == NODE_INFRASTRUCTURE)
				add_node(b, o, 1);
		}
	}
	b->sg->subject = xstrdup(overlap_unit_name(b->ov, u));
	return 0;
}

static int view_pair(struct builder *b, const struct sg_spec *s, struct pending_pair **pp,
		     size_t *npp, size_t *cap, char *err, size_t errlen)
{
	if (!s->unit_a || !s->unit_b)
		return fail(err, errlen, "the pair view needs two units: --pair A,B");
	uint32_t ua = find_unit(b, s->unit_a, err, errlen);
	if (ua == UINT32_MAX)
		return -1;
	uint32_t ub = find_unit(b, s->unit_b, err, errlen);
	if (ub == UINT32_MAX)
		return -1;
	if (ua == ub)
		return fail(err, errlen, "'%s' and '%s' are the same unit (%s)", s->unit_a,
			    s->unit_b, overlap_unit_name(b->ov, ua));
	uint32_t fa = add_unit_node(b, ua, 0), fb = add_unit_node(b, ub, 0);
	b->sg->nodes[fa].flags |= SGN_FOCUS;
	b->sg->nodes[fb].flags |= SGN_FOCUS;
	struct evidence *ev = NULL;
	struct near_miss *near = NULL;
	size_t nnear = 0;
	size_t n = overlap_why(b->ov, ua, ub, &ev, &near, &nnear);
	for (size_t i = 0; i < n; i++) {
		if (ev[i].in_a)
			add_path(b, ev[i].in_a, (uint32_t)i + 1);
		if (ev[i].in_b)
			add_path(b, ev[i].in_b, (uint32_t)i + 1);
		uint32_t v = add_node(b, ev[i].value, 1);
		struct sg_node *sn = &b->sg->nodes[v];
		sn->flags |= SGN_SHARED;
		sn->rank = (uint32_t)i + 1;
		sn->depth = 1;
	}
	/* layers: A's side left to right, the shared values in the middle, B's
	 * side right to left, so the evidence reads A -> value <- B */
	size_t nn = b->sg->nnodes;
	uint8_t *da = xmalloc(nn + 1), *db = xmalloc(nn + 1);
	memset(da, 255, nn + 1);
	memset(db, 255, nn + 1);
	da[fa] = 0;
	db[fb] = 0;
	for (size_t i = 0; i < n; i++) {
		if (ev[i].in_a)
			path_hops(b, ev[i].in_a, da, nn);
		if (ev[i].in_b)
			path_hops(b, ev[i].in_b, db, nn);
	}
	const int mid = OVERLAP_MAX_PATH + 1;
	for (size_t i = 0; i < nn; i++) {
		struct sg_node *sn = &b->sg->nodes[i];
		if (sn->flags & SGN_SHARED)
			sn->layer = (uint8_t)mid;
		else if (da[i] != 255)
			sn->layer = da[i];
		else if (db[i] != 255)
			sn->layer = (uint8_t)(2 * mid - db[i]);
		else
			sn->layer = (uint8_t)mid;
	}
	free(da);
	free(db);
	free(ev);
	free(near);
	uint32_t k = overlap_pair_find(b->ov, ua, ub);
	if (k != UINT32_MAX)
		want_pair(pp, npp, cap, b, k);
	const char *na = overlap_unit_name(b->ov, ua), *nb = overlap_unit_name(b->ov, ub);
	/* as asked: A on the left, B on the right */
	b->sg->subject = xasprintf("%s linked to %s", na, nb);
	return 0;
}

static void name_list(struct strbuf *sb, struct overlap *ov, const uint32_t *units, size_t n)
{
	for (size_t i = 0; i < n && i < 4; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", overlap_unit_name(ov, units[i]));
	if (n > 4)
		strbuf_addf(sb, " and %zu more", n - 4);
}

static int view_cluster(struct builder *b, const struct sg_spec *s, struct pending_pair **pp,
			size_t *npp, size_t *cap, char *err, size_t errlen)
{
	size_t nc;
	const struct cluster *cl = overlap_clusters(b->ov, s->threshold, &nc);
	const struct cluster *c = NULL;
	if (s->unit_a) {
		uint32_t u = find_unit(b, s->unit_a, err, errlen);
		if (u == UINT32_MAX)
			return -1;
		for (size_t i = 0; i < nc && !c; i++)
			for (size_t j = 0; j < cl[i].nmembers; j++)
				if (cl[i].members[j] == u)
					c = &cl[i];
		if (!c)
			return fail(err, errlen,
				    "%s is in no cluster: no pair with it scores %.2f or "
				    "more (--threshold)",
				    overlap_unit_name(b->ov, u), s->threshold);
	} else {
		if (s->cluster < 1 || (size_t)s->cluster > nc)
			return fail(err, errlen,
				    "there is no cluster %d: %zu cluster%s at threshold "
				    "%.2f ('agx clusters' lists them)",
				    s->cluster, nc, nc == 1 ? "" : "s", s->threshold);
		c = &cl[s->cluster - 1];
	}
	for (size_t j = 0; j < c->nmembers; j++)
		add_unit_node(b, c->members[j], (uint32_t)j);
	for (size_t j = 0; j < c->nlinks; j++)
		want_pair(pp, npp, cap, b, c->links[j]);
	struct strbuf sb = STRBUF_INIT;
	name_list(&sb, b->ov, c->members, c->nmembers);
	b->sg->subject = strbuf_detach(&sb);
	return 0;
}

static void view_overlap(struct builder *b, const struct sg_spec *s, struct pending_pair **pp,
			 size_t *npp, size_t *cap)
{
	size_t np;
	const struct overlap_pair *p = overlap_pairs(b->ov, &np);
	/* strongest first: under the cap the strongest links stay */
	for (size_t k = 0; k < np; k++) {
		if (p[k].score < s->min_score || p[k].score <= 0)
			continue;
		add_unit_node(b, p[k].a, (uint32_t)k);
		add_unit_node(b, p[k].b, (uint32_t)k);
		want_pair(pp, npp, cap, b, (uint32_t)k);
	}
	if (s->min_score > 0)
		b->sg->subject = xasprintf("pairs scoring %.2f or more", s->min_score);
	else
		b->sg->subject =
		    xasprintf("grey: pair score under %.2f, the cluster threshold", s->threshold);
}

/* What the overlap engine knows about each node: its unit and name, and
 * for values their df and warninglist. */
static void annotate(struct builder *b)
{
	struct overlap *ov = b->ov;
	const struct overlap_opts *o = overlap_options(ov);
	for (size_t i = 0; i < b->sg->nnodes; i++) {
		struct sg_node *sn = &b->sg->nodes[i];
		uint32_t u = overlap_unit_of_node(ov, sn->node);
		/* a report or campaign attributed to an actor is in the actor's
		 * unit, but is not the unit */
		if (u != UINT32_MAX && overlap_unit(ov, u)->kind == UNIT_ACTOR &&
		    b->g->nodes[sn->node].kind != NODE_ACTOR)
			u = UINT32_MAX;
		if (u != UINT32_MAX) {
			sn->unit = u;
			sn->label = overlap_unit_name(ov, u);
		}
		if (!kind_is_infra(sn->kind))
			continue;
		sn->df = overlap_df(ov, sn->node);
		sn->list = overlap_value_list(ov, sn->node);
		if (sn->list)
			sn->flags |= SGN_WARNLISTED;
		if (o->df_cap > 0 && sn->df > (uint32_t)o->df_cap)
			sn->flags |= SGN_OVER_CAP;
	}
}

int subgraph_build(const struct graph *g, struct overlap *ov, const struct sg_spec *s,
		   struct subgraph *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	out->view = s->view;
	out->focus[0] = out->focus[1] = UINT32_MAX;
	out->date = DATE_UNKNOWN;
	if (!ov && s->view != SG_VIEW_ALL && s->view != SG_VIEW_EGO)
		return fail(err, errlen, "the %s view needs the overlap engine",
			    subgraph_view_name(s->view));
	struct builder b;
	builder_init(&b, g, ov, out);
	struct pending_pair *pp = NULL;
	size_t npp = 0, cap = 0;
	int rc = 0;
	switch (s->view) {
	case SG_VIEW_ALL:
		view_all(&b);
		break;
	case SG_VIEW_EGO:
		rc = view_ego(&b, s, err, errlen);
		break;
	case SG_VIEW_UNIT:
		rc = view_unit(&b, s, err, errlen);
		break;
	case SG_VIEW_PAIR:
		rc = view_pair(&b, s, &pp, &npp, &cap, err, errlen);
		break;
	case SG_VIEW_CLUSTER:
		rc = view_cluster(&b, s, &pp, &npp, &cap, err, errlen);
		break;
	case SG_VIEW_OVERLAP:
		view_overlap(&b, s, &pp, &npp, &cap);
		break;
	default:
		rc = fail(err, errlen, "unknown view %d", s->view);
		break;
	}
	if (rc == 0) {
		sort_and_cap(&b, s->max_nodes ? s->max_nodes : 500);
		if (ov)
			annotate(&b);
		/* units-only views draw scores, not the graph's own edges */
		if (s->view != SG_VIEW_CLUSTER && s->view != SG_VIEW_OVERLAP)
			add_induced_edges(&b);
		if (ov && (s->view == SG_VIEW_UNIT || s->view == SG_VIEW_PAIR))
			add_joined_edges(&b);
		add_pair_edges(&b, pp, npp);
		finish(&b);
	}
	free(pp);
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
