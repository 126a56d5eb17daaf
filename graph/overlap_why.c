/* The evidence of one pair: every shared value with every factor of its
 * weight (overlap.c defines them), and near misses listed apart, never
 * counted: a domain of one unit under a domain of the other, IPv4 addresses
 * in the same /24, and host names whose registrable parts (the Public
 * Suffix List's, graph/pubsuffix.h) differ by one or two edits
 * (credits.offices-analytics.com vs credits.officesanalytics.com),
 * the typo-squat-like look-alikes an analyst wants to see but that are not
 * the same infrastructure. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/attribution.h"
#include "graph/overlap_int.h"
#include "graph/pubsuffix.h"
#include "graph/strbuf.h"
#include "graph/text.h"
#include "graph/xalloc.h"

#define NEAR_MAX 500	      /* near misses listed per pair */
#define NEAR_BUDGET 4000000ul /* look-alike comparisons per pair */
#define NEAR_SAME24_GROUP 32  /* pairs listed per /24 */

static const char NEAR_SUBDOMAIN[] = "subdomain of the other's domain";
static const char NEAR_PARENT[] = "parent domain of the other's host";
static const char NEAR_SAME24[] = "same /24";
static const char NEAR_LOOKALIKE1[] = "look-alike domain (1 edit)";
static const char NEAR_LOOKALIKE2[] = "look-alike domain (2 edits)";

static const struct membership *find_member(const struct overlap *ov, uint32_t u, uint32_t v)
{
	size_t n;
	const struct membership *m = overlap_members(ov, u, &n);
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m[mid].value == v)
			return &m[mid];
		if (m[mid].value < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const struct overlap *sort_ov;

static int cmp_ev(const void *pa, const void *pb)
{
	const struct evidence *a = pa, *b = pb;
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	/* zero-weight rows: partial, then warninglisted... over-cap last */
	if ((a->flags & EV_OVER_CAP) != (b->flags & EV_OVER_CAP))
		return (a->flags & EV_OVER_CAP) ? 1 : -1;
	const struct graph *g = sort_ov->g;
	int ka = g->nodes[a->value].kind, kb = g->nodes[b->value].kind;
	if (ka != kb)
		return ka < kb ? -1 : 1;
	return strcmp(graph_node_key(g, a->value), graph_node_key(g, b->value));
}

struct nm_list {
	struct near_miss *v;
	size_t n, cap;
};

static void near_add(struct nm_list *l, uint32_t a, uint32_t b, const char *why)
{
	if (l->n >= NEAR_MAX)
		return;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].value_a == a && l->v[i].value_b == b)
			return;
	XGROW(l->v, l->cap, l->n + 1);
	l->v[l->n].value_a = a;
	l->v[l->n].value_b = b;
	l->v[l->n].why = why;
	l->n++;
}

/* Values of u worth comparing: not shared with the other, not on a list,
 * not over the cap. */
static size_t candidates(const struct overlap *ov, uint32_t u, uint32_t other, int kind,
			 uint32_t **out)
{
	size_t n, k = 0;
	const struct membership *m = overlap_members(ov, u, &n);
	*out = xmalloc((n + 1) * sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		uint32_t v = m[i].value;
		const struct vinfo *vi = &ov->vals[ov->val_idx[v]];
		if (ov->g->nodes[v].kind != kind || (vi->flags & (EV_WARNLISTED | EV_OVER_CAP)))
			continue;
		if (find_member(ov, other, v))
			continue;
		(*out)[k++] = v;
	}
	return k;
}

static int is_candidate(const uint32_t *c, size_t n, uint32_t v)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c[mid] == v)
			return 1;
		if (c[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static void near_domains(const struct overlap *ov, uint32_t a, uint32_t b, struct nm_list *l)
{
	const struct graph *g = ov->g;
	uint32_t *da, *db;
	size_t na = candidates(ov, a, b, NODE_DOMAIN, &da);
	size_t nb = candidates(ov, b, a, NODE_DOMAIN, &db);
	/* subdomains, both ways: walk each name's parents */
	for (int side = 0; side < 2; side++) {
		const uint32_t *x = side ? db : da, *y = side ? da : db;
		size_t nx = side ? nb : na, ny = side ? na : nb;
		for (size_t i = 0; i < nx; i++) {
			const char *k = graph_node_key(g, x[i]);
			for (const char *p = strchr(k, '.'); p; p = strchr(p + 1, '.')) {
				/* above the registrable part names belong to no one */
				if (pubsuffix_is_suffix(p + 1))
					break;
				uint32_t par = graph_find(g, NODE_DOMAIN, p + 1);
				if (par == NODE_NONE || !is_candidate(y, ny, par))
					continue;
				if (side == 0)
					near_add(l, x[i], par, NEAR_SUBDOMAIN);
				else
					near_add(l, par, x[i], NEAR_PARENT);
			}
		}
	}
	/* look-alikes on the registrable part (looked up once per name) */
	const char **regb = xmalloc((nb + 1) * sizeof(*regb));
	for (size_t j = 0; j < nb; j++)
		regb[j] = pubsuffix_registrable(graph_node_key(g, db[j]));
	unsigned long budget = NEAR_BUDGET;
	for (size_t i = 0; i < na && budget; i++) {
		const char *ka = graph_node_key(g, da[i]);
		const char *ra = pubsuffix_registrable(ka);
		size_t la = strlen(ra);
		if (la < 8)
			continue;
		for (size_t j = 0; j < nb && budget; j++, budget--) {
			const char *rb = regb[j];
			size_t lb = strlen(rb);
			if (lb < 8 || (la > lb ? la - lb : lb - la) > 2 || !strcmp(ra, rb))
				continue;
			int max = la < 12 && lb < 12 ? 1 : 2;
			int d = text_edit_distance(ra, rb, max);
			if (d >= 1 && d <= max)
				near_add(l, da[i], db[j],
					 d == 1 ? NEAR_LOOKALIKE1 : NEAR_LOOKALIKE2);
		}
	}
	free(regb);
	free(da);
	free(db);
}

struct ip24 {
	uint32_t prefix, node;
	int side;
};

static int cmp_ip24(const void *pa, const void *pb)
{
	const struct ip24 *a = pa, *b = pb;
	if (a->prefix != b->prefix)
		return a->prefix < b->prefix ? -1 : 1;
	if (a->side != b->side)
		return a->side - b->side;
	return a->node < b->node ? -1 : a->node > b->node;
}

static void near_same24(const struct overlap *ov, uint32_t a, uint32_t b, struct nm_list *l)
{
	uint32_t *ia, *ib;
	size_t na = candidates(ov, a, b, NODE_IPV4, &ia);
	size_t nb = candidates(ov, b, a, NODE_IPV4, &ib);
	struct ip24 *v = xmalloc((na + nb + 1) * sizeof(*v));
	size_t n = 0;
	for (int side = 0; side < 2; side++) {
		const uint32_t *x = side ? ib : ia;
		size_t nx = side ? nb : na;
		for (size_t i = 0; i < nx; i++) {
			struct in_addr ad;
			if (inet_pton(AF_INET, graph_node_key(ov->g, x[i]), &ad) != 1)
				continue;
			v[n].prefix = ntohl(ad.s_addr) >> 8;
			v[n].node = x[i];
			v[n].side = side;
			n++;
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_ip24);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && v[j].prefix == v[i].prefix)
			j++;
		int listed = 0;
		for (size_t p = i; p < j; p++)
			for (size_t q = i; q < j; q++)
				if (v[p].side == 0 && v[q].side == 1 &&
				    listed++ < NEAR_SAME24_GROUP)
					near_add(l, v[p].node, v[q].node, NEAR_SAME24);
		i = j;
	}
	free(v);
	free(ia);
	free(ib);
}

static int cmp_near(const void *pa, const void *pb)
{
	const struct near_miss *a = pa, *b = pb;
	const struct graph *g = sort_ov->g;
	int c = strcmp(a->why, b->why);
	if (c)
		return c;
	if ((c = strcmp(graph_node_key(g, a->value_a), graph_node_key(g, b->value_a))))
		return c;
	return strcmp(graph_node_key(g, a->value_b), graph_node_key(g, b->value_b));
}

size_t overlap_why(const struct overlap *ov, uint32_t a, uint32_t b, struct evidence **ev,
		   struct near_miss **near, size_t *nnear)
{
	*ev = NULL;
	if (near)
		*near = NULL;
	if (nnear)
		*nnear = 0;
	if (a >= ov->nunits || b >= ov->nunits || a == b)
		return 0;
	size_t na, nb;
	const struct membership *ma = overlap_members(ov, a, &na);
	const struct membership *mb = overlap_members(ov, b, &nb);
	struct evidence *out = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0, j = 0; i < na && j < nb;) {
		if (ma[i].value < mb[j].value) {
			i++;
		} else if (ma[i].value > mb[j].value) {
			j++;
		} else {
			XGROW(out, cap, n + 1);
			overlap_evidence_fill(ov, &ma[i], &mb[j], &out[n++]);
			i++;
			j++;
		}
	}
	sort_ov = ov;
	if (n > 1)
		qsort(out, n, sizeof(*out), cmp_ev);
	*ev = out;
	if (near && nnear) {
		struct nm_list l = {NULL, 0, 0};
		near_domains(ov, a, b, &l);
		near_same24(ov, a, b, &l);
		if (l.n > 1)
			qsort(l.v, l.n, sizeof(*l.v), cmp_near);
		*near = l.v;
		*nnear = l.n;
	}
	sort_ov = NULL;
	return n;
}

/* The unit whose memberships hold m (units' ranges increase with their
 * index), or UINT32_MAX. */
static uint32_t unit_of_member(const struct overlap *ov, const struct membership *m)
{
	if (m < ov->members || m >= ov->members + ov->nmembers)
		return UINT32_MAX;
	uint32_t i = (uint32_t)(m - ov->members);
	size_t lo = 0, hi = ov->nunits;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct unit *u = &ov->units[mid];
		if (u->first_member + u->member_count <= i || (u->member_count == 0 && u->first_member <= i))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ov->nunits && ov->units[lo].first_member <= i ? (uint32_t)lo : UINT32_MAX;
}

/* The actor node of unit root an explicit attributed-to edge of n names. */
static uint32_t named_actor(const struct graph *g, uint32_t n, uint32_t root)
{
	struct adj a = graph_adj(g, n);
	for (uint32_t i = 0; i < a.count; i++) {
		const struct edge *e = &g->edges[a.edges[i]];
		if (e->src == n && e->rel == REL_ATTRIBUTED_TO && g->nodes[e->dst].kind == NODE_ACTOR &&
		    (root == NODE_NONE || alias_unit(g, e->dst) == root))
			return e->dst;
	}
	return NODE_NONE;
}

/* The attributed-to edge from n to a node of the unit root (an actor) or to
 * campaign c; UINT32_MAX when none. */
static uint32_t attributed_edge(const struct graph *g, uint32_t n, uint32_t root, uint32_t c)
{
	struct adj a = graph_adj(g, n);
	for (uint32_t i = 0; i < a.count; i++) {
		const struct edge *e = &g->edges[a.edges[i]];
		if (e->src != n || e->rel != REL_ATTRIBUTED_TO)
			continue;
		if (c != NODE_NONE ? e->dst == c
				   : g->nodes[e->dst].kind == NODE_ACTOR &&
					 (root == NODE_NONE || alias_unit(g, e->dst) == root))
			return a.edges[i];
	}
	return UINT32_MAX;
}

size_t overlap_seed_path(const struct overlap *ov, const struct membership *m, uint32_t *edges,
			 size_t max)
{
	const struct graph *g = ov->g;
	uint32_t u = unit_of_member(ov, m);
	uint32_t top = u != UINT32_MAX && ov->units[u].parent != UINT32_MAX ? ov->units[u].parent : u;
	if (top == UINT32_MAX || ov->units[top].kind != UNIT_ACTOR)
		return 0;
	uint32_t root = alias_unit(g, ov->units[top].node);
	uint32_t chain[4];
	size_t n = 0;
	for (uint32_t x = m->start; n < 4;) {
		int k = g->nodes[x].kind;
		if (k != NODE_REPORT && k != NODE_CAMPAIGN)
			break;
		const struct attribution *a = attribution_of(ov->attr, x);
		if (!a || a->reason != ATTRIB_EXPLICIT || a->copy_of != UINT32_MAX)
			return 0; /* joined by a reason, not by an edge */
		int to_campaign = g->nodes[a->owner].kind == NODE_CAMPAIGN;
		uint32_t e = attributed_edge(g, x, root, to_campaign ? a->owner : NODE_NONE);
		if (e == UINT32_MAX)
			return 0;
		chain[n++] = e;
		if (!to_campaign)
			break;
		x = a->owner;
	}
	size_t k = 0;
	for (size_t i = n; i-- > 0 && k < max;)
		edges[k++] = chain[i];
	return k;
}

/* "A <-attributed-to- campaign C <-(inferred from name 'A')- report R": how
 * a seed report or campaign joins the unit, the unit's side first. */
static void seed_text(const struct overlap *ov, uint32_t n, uint32_t root, const char *unit_name,
		      struct strbuf *sb, int depth)
{
	const struct graph *g = ov->g;
	const struct attribution *a = attribution_of(ov->attr, n);
	if (!a || a->owner == NODE_NONE || depth > 4) {
		strbuf_adds(sb, depth ? "" : "");
		strbuf_adds(sb, graph_node_label(g, n));
		return;
	}
	uint32_t actor = NODE_NONE;
	if (g->nodes[a->owner].kind == NODE_CAMPAIGN) {
		seed_text(ov, a->owner, root, unit_name, sb, depth + 1);
	} else if (a->reason == ATTRIB_EXPLICIT && a->copy_of == UINT32_MAX &&
		   (actor = named_actor(g, n, root)) != NODE_NONE) {
		strbuf_adds(sb, graph_node_label(g, actor));
	} else {
		strbuf_adds(sb, unit_name);
	}
	if (a->reason == ATTRIB_EXPLICIT && a->copy_of == UINT32_MAX) {
		strbuf_adds(sb, " <-attributed-to- ");
	} else if (a->reason == ATTRIB_STRUCTURAL && a->via != NODE_NONE &&
		   g->nodes[a->via].kind == NODE_REPORT && a->via != n) {
		strbuf_addf(sb, " <-(structural: listed by report %s)- ", graph_node_label(g, a->via));
	} else {
		strbuf_adds(sb, " <-(");
		attribution_describe(g, a, sb);
		strbuf_adds(sb, ")- ");
	}
	strbuf_addf(sb, "%s %s", kind_name(g->nodes[n].kind), graph_node_label(g, n));
}

/* "AridViper <-(analyst: 'apt_23.txt' re-filed by bob on 2026-12-06: its
 * header says APT-C-23)- APT23": a re-filed file's actor joins the unit
 * for that file's statements only. */
static void refile_text(const struct overlap *ov, const struct attrib_refile *r, uint32_t start,
			const char *unit_name, struct strbuf *sb)
{
	const struct graph *g = ov->g;
	const char *path = graph_file_path(g, r->file), *base = strrchr(path, '/');
	strbuf_addf(sb, "%s <-(analyst: '%s' re-filed", unit_name, base ? base + 1 : path);
	attribution_decision_tail(sb, r->author, r->when, r->text);
	strbuf_addf(sb, ")- %s", graph_node_label(g, start));
}

void overlap_path_text(const struct overlap *ov, const struct membership *m, struct strbuf *sb)
{
	const struct graph *g = ov->g;
	uint32_t cur = m->start;
	uint32_t u = unit_of_member(ov, m);
	uint32_t top = u != UINT32_MAX && ov->units[u].parent != UINT32_MAX ? ov->units[u].parent : u;
	int k0 = g->nodes[cur].kind;
	const struct attrib_refile *refile = overlap_refile_of(ov, m);
	if ((k0 == NODE_REPORT || k0 == NODE_CAMPAIGN) && top != UINT32_MAX &&
	    ov->units[top].kind == UNIT_ACTOR)
		seed_text(ov, cur, alias_unit(g, ov->units[top].node), ov->names[top], sb, 0);
	else if (k0 == NODE_REPORT && top != UINT32_MAX && ov->units[top].kind == UNIT_CAMPAIGN &&
		 cur != ov->units[top].node)
		seed_text(ov, cur, NODE_NONE, ov->names[top], sb, 0);
	else if (top != UINT32_MAX && refile)
		refile_text(ov, refile, cur, ov->names[top], sb);
	else
		strbuf_adds(sb, graph_node_label(g, cur));
	for (int i = 0; i < m->path_len; i++) {
		const struct edge *e = &g->edges[m->path[i]];
		const char *rel = graph_relation_name(g, e->rel);
		uint32_t next = graph_edge_other(g, m->path[i], cur);
		if (e->src == cur)
			strbuf_addf(sb, " -%s%s-> ", rel,
				    (e->flags & EDGE_F_PARTIAL) ? " (partial)" : "");
		else
			strbuf_addf(sb, " <-%s%s- ", rel,
				    (e->flags & EDGE_F_PARTIAL) ? " (partial)" : "");
		int k = g->nodes[next].kind;
		if (!kind_is_infra(k))
			strbuf_addf(sb, "%s ", kind_name(k));
		strbuf_adds(sb, graph_node_label(g, next));
		cur = next;
	}
}
