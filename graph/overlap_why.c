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

#include "graph/overlap_int.h"
#include "graph/pubsuffix.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"

#define NEAR_MAX 500	      /* near misses listed per pair */
#define NEAR_BUDGET 4000000ul /* look-alike comparisons per pair */
#define NEAR_SAME24_GROUP 32  /* pairs listed per /24 */

static const char NEAR_SUBDOMAIN[] = "subdomain of the other's domain";
static const char NEAR_PARENT[] = "parent domain of the other's host";
static const char NEAR_SAME24[] = "same /24";
static const char NEAR_LOOKALIKE1[] = "look-alike domain (1 edit)";
static const char NEAR_LOOKALIKE2[] = "look-alike domain (2 edits)";

int overlap_edit_distance(const char *a, const char *b, int max)
{
	size_t na = strlen(a), nb = strlen(b);
	if ((na > nb ? na - nb : nb - na) > (size_t)max)
		return max + 1;
	if (nb > 255 || na > 255)
		return max + 1;
	int prev[256], cur[256];
	for (size_t j = 0; j <= nb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		cur[0] = (int)i;
		int rowmin = cur[0];
		for (size_t j = 1; j <= nb; j++) {
			int c = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < c)
				c = prev[j] + 1;
			if (cur[j - 1] + 1 < c)
				c = cur[j - 1] + 1;
			cur[j] = c;
			if (c < rowmin)
				rowmin = c;
		}
		if (rowmin > max)
			return max + 1;
		memcpy(prev, cur, (nb + 1) * sizeof(int));
	}
	return prev[nb] > max ? max + 1 : prev[nb];
}

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
			int d = overlap_edit_distance(ra, rb, max);
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

void overlap_path_text(const struct overlap *ov, const struct membership *m, struct strbuf *sb)
{
	const struct graph *g = ov->g;
	uint32_t cur = m->start;
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
