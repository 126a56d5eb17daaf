/* The overlap engine: units, value weights, and all pairs through an
 * inverted index (SPEC.md "Overlap engine"; reachability in infra_set.c,
 * evidence and near misses in overlap_why.c, clusters in overlap_cluster.c).
 *
 * The weight of a value v shared by units A and B:
 *
 *   w(v) = idf(v) * type(kind) * list(v) * conf(A,B,v) * time(A,B,v)
 *   idf  = ln((N + 1) / (df + 1)) + 1
 *          N: units that reach at least one value (empty units, such as the
 *          thousand galaxy actors with no indicators, would otherwise make
 *          every value look rarer), df: units that reach v
 *   type = opts.type_w[kind], defaults: x509 1.0, domain 0.9, url 0.8,
 *          email 0.7, ipv4/ipv6 0.6, file hash 0.5, asn 0.2. A shared hash
 *          names the same sample, which China-nexus groups pass around
 *          (shared tooling), so it weighs below network infrastructure.
 *   list = warnlist_factor() (0.1) on a warninglist hit, else 1
 *   conf = min(conf_A, conf_B) / 100, conf_X the path's weakest stated
 *          confidence, 50 when the path states none
 *   time = 1 when either window is unknown (EV_UNDATED), or when the two
 *          windows lie within slack days of each other; else
 *          max(0.1, exp(-(gap - slack) / 365)), gap the days between them
 *          (one year past the slack: 0.37; two: 0.14; three or more: 0.1)
 *   w = 0 when df > df_cap (EV_OVER_CAP) or when either path is partial.
 *
 * A unit's own weight of its value v is the same without time, with its own
 * confidence: o_A(v) = idf * type * list * conf_A / 100.
 *
 * The pair score weighs the evidence against chance:
 *
 *   S     = sum over shared values of w(v)           (the pair's weight)
 *   E     = wbar * n_A * n_B / V                    (chance)
 *   K     = wbar                                    (one value's worth)
 *   score = S / (S + E + K)
 *
 * n_X is the number of values X counts (own weight > 0), V the number of
 * distinct values any top-level unit counts and wbar the mean own weight of
 * a counted value: E is the weight two sets of these sizes, drawn at random
 * from the V values, would share. score is the odds S / (E + K) turned into
 * 0..1: 0.5 when the evidence equals chance plus one typical value. So one
 * rare domain shared by two small clusters scores about 0.5 and four score
 * 0.8, whatever their sizes, while two lists of thousands of values need
 * hundreds in common before chance stops explaining them. (A weighted
 * Jaccard index, used before, crushed one rare value shared by a large
 * actor and a small cluster to 0.0004 and gave near-copies of one report
 * 1.0.) The same score ranks all three relations.
 *
 * Pairs are listed only when they share a counted value on no warninglist. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/attribution.h"
#include "graph/copies.h"
#include "graph/date.h"
#include "graph/normalize.h"
#include "graph/overlap_int.h"
#include "graph/strbuf.h"
#include "graph/text.h"
#include "graph/warnlist.h"
#include "graph/xalloc.h"

static const double default_type_w[NODE_KIND_COUNT] = {
    [NODE_X509] = 1.0, [NODE_DOMAIN] = 0.9, [NODE_URL] = 0.8,  [NODE_EMAIL] = 0.7,
    [NODE_IPV4] = 0.6, [NODE_IPV6] = 0.6,   [NODE_FILE] = 0.5, [NODE_ASN] = 0.2,
};

void overlap_opts_default(struct overlap_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->df_cap = 20;
	o->slack_days = 30;
	o->asof = DATE_UNKNOWN;
	o->threshold = 0.5;
	o->max_depth = 5;
}

double overlap_type_default(int kind)
{
	return kind >= 0 && kind < NODE_KIND_COUNT ? default_type_w[kind] : 0;
}

static const char *const relation_names[] = {
#define X(e, name) name,
    PAIR_RELATIONS(X)
#undef X
};

const char *overlap_relation_name(int relation)
{
	return relation >= 0 && relation < PAIR_RELATION_COUNT ? relation_names[relation] : "?";
}

int overlap_relation_parse(const char *name)
{
	for (int r = 0; r < PAIR_RELATION_COUNT; r++)
		if (name && !strcmp(name, relation_names[r]))
			return r;
	return -1;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Sorts v and drops repeats; returns the new count. */
static size_t sort_unique_u32(uint32_t *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_u32);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!m || v[m - 1] != v[i])
			v[m++] = v[i];
	return m;
}

static int eff_conf(uint8_t c)
{
	return overlap_eff_conf(c);
}

double overlap_time_factor(int32_t a1, int32_t a2, int32_t b1, int32_t b2, int slack, int *undated)
{
	if (a1 == DATE_UNKNOWN)
		a1 = a2;
	if (a2 == DATE_UNKNOWN)
		a2 = a1;
	if (b1 == DATE_UNKNOWN)
		b1 = b2;
	if (b2 == DATE_UNKNOWN)
		b2 = b1;
	if (a1 == DATE_UNKNOWN || b1 == DATE_UNKNOWN) {
		*undated = 1;
		return 1.0;
	}
	*undated = 0;
	int32_t lo = a1 > b1 ? a1 : b1;	      /* later start */
	int32_t hi = a2 < b2 ? a2 : b2;	      /* earlier end */
	double gap = (double)lo - (double)hi; /* <= 0 when the windows overlap */
	if (gap <= slack)
		return 1.0;
	double t = exp(-(gap - slack) / 365.0);
	return t < 0.1 ? 0.1 : t;
}

void overlap_evidence_fill(const struct overlap *ov, const struct membership *ma,
			   const struct membership *mb, struct evidence *ev)
{
	const struct vinfo *vi = &ov->vals[ov->val_idx[ma->value]];
	memset(ev, 0, sizeof(*ev));
	ev->value = ma->value;
	ev->df = vi->df;
	ev->idf = vi->idf;
	ev->type = vi->type;
	ev->list = vi->list;
	ev->warninglist = vi->list_name;
	ev->in_a = ma;
	ev->in_b = mb;
	ev->weight =
	    overlap_shared_weight(ov, vi, ma, mb, &ev->conf, &ev->time, &ev->src, &ev->flags);
	ev->publisher = (ev->flags & EV_ONE_PUBLISHER) ? ma->pub : 0;
}

double overlap_own_weight(const struct overlap *ov, const struct membership *m)
{
	const struct vinfo *vi = &ov->vals[ov->val_idx[m->value]];
	if ((vi->flags & EV_OVER_CAP) || (m->flags & EV_PARTIAL))
		return 0;
	return vi->idf * vi->type * vi->list * eff_conf(m->conf) / 100.0;
}

/* ---- units ---- */

/* Whether label names the file at path: the whole path, or its end after
 * a '/' ("apt_ta416.txt", "mustang_panda/README.adoc"). */
static int is_basename_of(const char *label, const char *path)
{
	size_t nl = strlen(label), np = strlen(path);
	if (!nl || nl > np)
		return 0;
	return strcmp(label, path) == 0 ||
	       (np > nl && path[np - nl - 1] == '/' && strcmp(label, path + np - nl) == 0);
}

static int cb_node_ok(const void *ctx, uint32_t n)
{
	return infra_node_ok(ctx, n);
}

static int cb_edge_ok(const void *ctx, uint32_t e)
{
	return infra_edge_ok(ctx, e);
}

static const struct overlap *sort_ov;

static int cmp_unit(const void *pa, const void *pb)
{
	const struct unit *a = pa, *b = pb;
	const struct graph *g = sort_ov->g;
	if (a->parent != b->parent)
		return a->parent < b->parent ? -1 : 1;
	if (a->kind != b->kind && (a->kind == UNIT_SOURCE || b->kind == UNIT_SOURCE))
		return a->kind == UNIT_SOURCE ? 1 : -1;
	int c = strcasecmp(graph_str(g, a->name), graph_str(g, b->name));
	if (c)
		return c;
	if ((c = strcmp(graph_str(g, a->name), graph_str(g, b->name))))
		return c;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->group != b->group)
		return strcmp(graph_file_path(g, a->group), graph_file_path(g, b->group));
	return strcmp(graph_node_key(g, a->node), graph_node_key(g, b->node));
}

static void add_unit(struct overlap *ov, size_t *cap, uint32_t node, uint32_t name, int kind)
{
	XGROW(ov->units, *cap, ov->nunits + 1);
	struct unit *u = &ov->units[ov->nunits++];
	memset(u, 0, sizeof(*u));
	u->node = node;
	u->name = name;
	u->kind = (uint8_t)kind;
	u->file = ov->g->nodes[node].file;
	u->dup_of = UINT32_MAX;
	u->parent = UINT32_MAX;
	u->group = UINT32_MAX;
}

/* Seeds as (unit, node) pairs, gathered then laid out as a CSR. */
struct seed_list {
	uint64_t *v;
	size_t n, cap;
};

static void seed_add(struct seed_list *l, uint32_t unit, uint32_t node)
{
	XGROW(l->v, l->cap, l->n + 1);
	l->v[l->n++] = u64_pair(unit, node);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Lays the seeds of units [from, to) out after those already there. */
static void seeds_layout(struct overlap *ov, struct seed_list *l, size_t from, size_t to)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_u64);
	size_t base = from ? ov->seed_off[from] : 0;
	ov->seed_off = xrealloc(ov->seed_off, (to + 1) * sizeof(*ov->seed_off));
	ov->seeds = xrealloc(ov->seeds, (base + l->n + 1) * sizeof(*ov->seeds));
	size_t k = 0, m = base;
	for (size_t u = from; u < to; u++) {
		ov->seed_off[u] = (uint32_t)m;
		for (; k < l->n && (l->v[k] >> 32) == u; k++)
			if (m == ov->seed_off[u] || ov->seeds[m - 1] != (uint32_t)l->v[k])
				ov->seeds[m++] = (uint32_t)l->v[k];
	}
	ov->seed_off[to] = (uint32_t)m;
	l->n = 0;
}

static void build_units(struct overlap *ov)
{
	const struct graph *g = ov->g;
	size_t nn = g->node_count, cap = 0;
	ov->unit_of = xmalloc((nn + 1) * sizeof(*ov->unit_of));
	for (size_t n = 0; n < nn; n++)
		ov->unit_of[n] = UINT32_MAX;
	ov->copies = copies_build(g, cb_edge_ok, ov);
	struct attribution_opts ao = {cb_node_ok, cb_edge_ok, ov, ov->copies, ov->o.decisions,
				      ov->o.ndecisions};
	ov->attr = attribution_build(g, &ao);
	/* actor alias units: one per root, named as alias_better_name() says */
	struct u64map root_unit;
	u64map_init(&root_unit);
	uint32_t *best = NULL;
	size_t capbest = 0;
	for (size_t n = 0; n < nn; n++) {
		if (g->nodes[n].kind != NODE_ACTOR || !infra_node_ok(ov, (uint32_t)n))
			continue;
		uint32_t root = alias_unit(g, (uint32_t)n);
		uint32_t u = u64map_get_or_set(&root_unit, root, (uint32_t)ov->nunits);
		if (u == U64MAP_NONE) {
			u = (uint32_t)ov->nunits;
			add_unit(ov, &cap, root, g->nodes[n].label, UNIT_ACTOR);
			XGROW(best, capbest, u + 1);
			best[u] = (uint32_t)n;
		} else {
			if (alias_better_name(g, (uint32_t)n, best[u]))
				best[u] = (uint32_t)n;
		}
	}
	for (size_t u = 0; u < ov->nunits; u++) {
		ov->units[u].name = g->nodes[best[u]].label;
		ov->units[u].file = g->nodes[best[u]].file;
	}
	free(best);
	u64map_free(&root_unit);
	/* campaigns and reports no actor claims */
	size_t nsubj;
	const struct attribution *subj = attribution_all(ov->attr, &nsubj);
	uint32_t roots[16];
	for (size_t i = 0; i < nsubj; i++) {
		uint32_t n = subj[i].subject;
		int k = g->nodes[n].kind;
		if (attribution_roots(ov->attr, n, roots, 16))
			continue;
		if (k == NODE_REPORT && attribution_campaign(ov->attr, n) != NODE_NONE)
			continue;
		int kind = k == NODE_CAMPAIGN ? UNIT_CAMPAIGN : UNIT_REPORT;
		if (k == NODE_REPORT && is_basename_of(graph_node_label(g, n),
						       graph_file_path(g, g->nodes[n].file)))
			kind = UNIT_FILE;
		add_unit(ov, &cap, n, g->nodes[n].label, kind);
	}
	sort_ov = ov;
	if (ov->nunits > 1)
		qsort(ov->units, ov->nunits, sizeof(*ov->units), cmp_unit);
	sort_ov = NULL;
	ov->ntop = ov->nunits;
	for (size_t u = 0; u < ov->nunits; u++)
		ov->unit_of[ov->units[u].node] = (uint32_t)u;
	for (size_t n = 0; n < nn; n++)
		if (g->nodes[n].kind == NODE_ACTOR && infra_node_ok(ov, (uint32_t)n))
			ov->unit_of[n] = ov->unit_of[alias_unit(g, (uint32_t)n)];
	/* seeds: an actor unit's actors and what is attributed to it; a
	 * campaign's reports */
	struct seed_list sl = {0};
	for (size_t u = 0; u < ov->ntop; u++)
		seed_add(&sl, (uint32_t)u, ov->units[u].node);
	for (size_t n = 0; n < nn; n++)
		if (g->nodes[n].kind == NODE_ACTOR && ov->unit_of[n] != UINT32_MAX)
			seed_add(&sl, ov->unit_of[n], (uint32_t)n);
	for (size_t i = 0; i < nsubj; i++) {
		uint32_t n = subj[i].subject;
		size_t nr = attribution_roots(ov->attr, n, roots, 16);
		for (size_t r = 0; r < nr; r++) {
			uint32_t u = ov->unit_of[roots[r]];
			if (u == UINT32_MAX)
				continue;
			seed_add(&sl, u, n);
			if (ov->unit_of[n] == UINT32_MAX)
				ov->unit_of[n] = u;
		}
		uint32_t c = nr ? NODE_NONE : attribution_campaign(ov->attr, n);
		if (c != NODE_NONE && ov->unit_of[c] != UINT32_MAX) {
			seed_add(&sl, ov->unit_of[c], n);
			ov->unit_of[n] = ov->unit_of[c];
		}
	}
	seeds_layout(ov, &sl, 0, ov->ntop);
	free(sl.v);
}

/* A file named for people: its base name, with its folder when the base
 * name says nothing ("backdoordiplomacy/README.adoc", "apt_ta416.txt"). */
static const char *short_path(const char *p)
{
	const char *base = strrchr(p, '/');
	if (!base)
		return p;
	static const char *const generic[] = {"readme", "iocs", "ioc", "indicators", "misp",
					      "stix", "openioc", "index", "network", NULL};
	const char *dot = strchr(base + 1, '.');
	size_t stem = dot ? (size_t)(dot - base - 1) : strlen(base + 1);
	int is_generic = 0;
	for (int i = 0; generic[i]; i++)
		is_generic |= strlen(generic[i]) == stem && !strncasecmp(base + 1, generic[i], stem);
	if (!is_generic)
		return base + 1;
	const char *from = base;
	while (from > p && from[-1] != '/')
		from--;
	return from;
}

static void set_names(struct overlap *ov)
{
	const struct graph *g = ov->g;
	ov->names = xcalloc(ov->nunits + 1, sizeof(*ov->names));
	static const char *const kname[] = {"actor", "campaign", "report", "file", "source"};
	for (size_t u = 0; u < ov->nunits; u++) {
		const struct unit *un = &ov->units[u];
		const char *nm = graph_str(g, un->name);
		if (un->parent != UINT32_MAX) {
			int untitled = un->kind == UNIT_SOURCE && !g->files[un->group].title;
			ov->names[u] = xstrdup(untitled ? short_path(nm) : nm);
			continue;
		}
		/* a campaign or report named like another unit says what it is */
		int clash = (u > 0 && !strcasecmp(nm, graph_str(g, ov->units[u - 1].name))) ||
			    (u + 1 < ov->ntop && !strcasecmp(nm, graph_str(g, ov->units[u + 1].name)));
		if (clash && un->kind != UNIT_ACTOR)
			ov->names[u] = xasprintf("%s (%s)", nm, kname[un->kind]);
		else
			ov->names[u] = xstrdup(nm);
	}
}

/* ---- copies of one report ---- */

static uint64_t member_hash(const struct overlap *ov, const struct unit *un)
{
	uint64_t h = 1469598103934665603ULL;
	for (uint32_t i = 0; i < un->member_count; i++) {
		h ^= ov->members[un->first_member + i].value;
		h *= 1099511628211ULL;
	}
	h ^= un->member_count;
	return h == UINT64_MAX ? h - 1 : h;
}

static int same_values(const struct overlap *ov, const struct unit *a, const struct unit *b)
{
	if (a->member_count != b->member_count)
		return 0;
	for (uint32_t i = 0; i < a->member_count; i++)
		if (ov->members[a->first_member + i].value !=
		    ov->members[b->first_member + i].value)
			return 0;
	return 1;
}

/* Which of two renderings names the report: a titled report over a file
 * name, then the shorter title ("(MISP Event #2)" suffixes are noise), then
 * the earlier unit, so the choice does not depend on loading order. */
static int better_name(const struct overlap *ov, uint32_t a, uint32_t b)
{
	const struct unit *x = &ov->units[a], *y = &ov->units[b];
	if ((x->kind == UNIT_FILE) != (y->kind == UNIT_FILE))
		return y->kind == UNIT_FILE;
	const char *nx = graph_str(ov->g, x->name), *ny = graph_str(ov->g, y->name);
	size_t lx = strlen(nx), ly = strlen(ny);
	if (lx != ly)
		return lx < ly;
	return a < b;
}

static uint32_t uf_find(uint32_t *p, uint32_t x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

/* <0 when membership a is better evidence than b (the walk's order: exact
 * before partial, higher confidence, shorter path). */
static int better_member(const struct membership *a, const struct membership *b)
{
	if ((a->flags & EV_PARTIAL) != (b->flags & EV_PARTIAL))
		return (a->flags & EV_PARTIAL) ? 1 : -1;
	int ca = a->conf == CONF_UNKNOWN ? 50 : a->conf, cb = b->conf == CONF_UNKNOWN ? 50 : b->conf;
	if (ca != cb)
		return ca > cb ? -1 : 1;
	return a->path_len < b->path_len ? -1 : a->path_len > b->path_len;
}

static int cmp_member_value(const void *a, const void *b)
{
	const struct membership *x = a, *y = b;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	return better_member(x, y);
}

/* Unattributed reports held in several files (copies.h) are one report,
 * and so are reports whose value sets are identical: the unit with the
 * better name keeps the union of their values (each once, by its best
 * path), the others point to it (dup_of). Otherwise each value would count
 * several times in df and the ranking would fill with a report paired
 * with itself. */
static void fold_copies(struct overlap *ov)
{
	size_t nt = ov->ntop;
	uint32_t *p = xmalloc((nt + 1) * sizeof(*p));
	for (size_t u = 0; u < nt; u++)
		p[u] = (uint32_t)u;
	struct u64map by_group, by_hash;
	u64map_init(&by_group);
	u64map_init(&by_hash);
	for (size_t u = 0; u < nt; u++) {
		const struct unit *un = &ov->units[u];
		if (un->kind != UNIT_REPORT && un->kind != UNIT_FILE)
			continue;
		uint32_t grp = copies_group(ov->copies, un->file);
		uint32_t other = u64map_get_or_set(&by_group, grp, (uint32_t)u);
		if (other != U64MAP_NONE && ov->units[other].file != un->file)
			p[uf_find(p, (uint32_t)u)] = uf_find(p, other);
		if (!un->member_count)
			continue;
		uint64_t h = member_hash(ov, un);
		other = u64map_get_or_set(&by_hash, h, (uint32_t)u);
		if (other != U64MAP_NONE && same_values(ov, &ov->units[other], un))
			p[uf_find(p, (uint32_t)u)] = uf_find(p, other);
	}
	u64map_free(&by_group);
	u64map_free(&by_hash);
	/* the representative: the best name of each group */
	uint32_t *rep = xmalloc((nt + 1) * sizeof(*rep));
	for (size_t u = 0; u < nt; u++)
		rep[u] = UINT32_MAX;
	for (size_t u = 0; u < nt; u++) {
		uint32_t r = uf_find(p, (uint32_t)u);
		if (rep[r] == UINT32_MAX || better_name(ov, (uint32_t)u, rep[r]))
			rep[r] = (uint32_t)u;
	}
	int folded = 0;
	for (size_t u = 0; u < nt; u++) {
		uint32_t keep = rep[uf_find(p, (uint32_t)u)];
		if (keep != u) {
			ov->units[u].dup_of = keep;
			folded = 1;
		}
	}
	if (!folded) {
		free(p);
		free(rep);
		return;
	}
	/* rebuild memberships, tools and techniques: a representative takes
	 * its copies' */
	uint32_t *head = xmalloc((nt + 1) * sizeof(*head)), *next = xmalloc((nt + 1) * sizeof(*next));
	for (size_t u = 0; u < nt; u++)
		head[u] = next[u] = UINT32_MAX;
	for (size_t u = nt; u-- > 0;) {
		uint32_t k = ov->units[u].dup_of == UINT32_MAX ? (uint32_t)u : ov->units[u].dup_of;
		next[u] = head[k];
		head[k] = (uint32_t)u;
	}
	struct membership *nm = xmalloc((ov->nmembers + 1) * sizeof(*nm));
	uint32_t *nt_tools = xmalloc((ov->ntools_all + 1) * sizeof(*nt_tools));
	uint32_t *nt_techs = xmalloc((ov->ntechs_all + 1) * sizeof(*nt_techs));
	size_t m = 0, ti = 0, qi = 0;
	uint32_t *tool_off = xmalloc((nt + 1) * sizeof(*tool_off));
	uint32_t *tech_off = xmalloc((nt + 1) * sizeof(*tech_off));
	for (size_t u = 0; u < nt; u++) {
		struct unit *un = &ov->units[u];
		size_t m0 = m, t0 = ti, q0 = qi;
		if (un->dup_of == UINT32_MAX)
			for (uint32_t c = head[u]; c != UINT32_MAX; c = next[c]) {
				const struct unit *cu = &ov->units[c];
				/* (counts of 0 may come with NULL arrays) */
				if (cu->member_count)
					memcpy(nm + m, ov->members + cu->first_member,
					       cu->member_count * sizeof(*nm));
				m += cu->member_count;
				if (cu->ntools)
					memcpy(nt_tools + ti, ov->tools + ov->tool_off[c],
					       cu->ntools * sizeof(uint32_t));
				ti += cu->ntools;
				if (cu->ntechniques)
					memcpy(nt_techs + qi, ov->techs + ov->tech_off[c],
					       cu->ntechniques * sizeof(uint32_t));
				qi += cu->ntechniques;
			}
		/* one membership per value, the best; tools and techniques once */
		if (m - m0 > 1)
			qsort(nm + m0, m - m0, sizeof(*nm), cmp_member_value);
		size_t w = m0;
		for (size_t i = m0; i < m; i++) {
			if (w == m0 || nm[w - 1].value != nm[i].value)
				nm[w++] = nm[i];
			else if (nm[w - 1].pub != nm[i].pub)
				/* the copies' statements together: one publisher or several */
				nm[w - 1].pub = overlap_pub_merge(nm[w - 1].pub, nm[i].pub);
		}
		m = w;
		ti = t0 + sort_unique_u32(nt_tools + t0, ti - t0);
		qi = q0 + sort_unique_u32(nt_techs + q0, qi - q0);
		un->first_member = (uint32_t)m0;
		un->member_count = (uint32_t)(m - m0);
		tool_off[u] = (uint32_t)t0;
		tech_off[u] = (uint32_t)q0;
		un->ntools = (uint32_t)(ti - t0);
		un->ntechniques = (uint32_t)(qi - q0);
	}
	free(ov->members);
	ov->members = nm;
	ov->nmembers = m;
	free(ov->tools);
	free(ov->techs);
	ov->tools = nt_tools;
	ov->techs = nt_techs;
	ov->ntools_all = ti;
	ov->ntechs_all = qi;
	memcpy(ov->tool_off, tool_off, nt * sizeof(*tool_off));
	memcpy(ov->tech_off, tech_off, nt * sizeof(*tech_off));
	ov->tool_off[nt] = (uint32_t)ti;
	ov->tech_off[nt] = (uint32_t)qi;
	free(tool_off);
	free(tech_off);
	free(head);
	free(next);
	for (size_t n = 0; n < ov->g->node_count; n++) {
		uint32_t u = ov->unit_of[n];
		if (u != UINT32_MAX && ov->units[u].dup_of != UINT32_MAX)
			ov->unit_of[n] = ov->units[u].dup_of;
	}
	free(p);
	free(rep);
}

/* ---- files the analyst re-filed ---- */

static int cmp_refile(const void *pa, const void *pb)
{
	const struct refile_walk *a = pa, *b = pb;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->skip != b->skip)
		return a->skip ? -1 : 1;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	return a->node < b->node ? -1 : a->node > b->node;
}

/* A re-filed file's statements name actors directly (its values indicate
 * them): the units of those actors skip the file's copy group, and the
 * decided actor's unit walks from each of them through that group only. */
static void build_refiles(struct overlap *ov)
{
	const struct graph *g = ov->g;
	size_t nr;
	const struct attrib_refile *r = attribution_refiled(ov->attr, &nr);
	size_t cap = 0;
	for (size_t i = 0; i < nr; i++) {
		uint32_t to = ov->unit_of[r[i].actor];
		if (to == UINT32_MAX)
			continue;
		uint32_t grp = copies_group(ov->copies, r[i].file);
		for (size_t e = 0; e < g->edge_count; e++) {
			const struct edge *ed = &g->edges[e];
			if (ed->file != r[i].file || !infra_edge_ok(ov, (uint32_t)e))
				continue;
			uint32_t ends[2] = {ed->src, ed->dst};
			for (int k = 0; k < 2; k++) {
				uint32_t a = ends[k];
				if (g->nodes[a].kind != NODE_ACTOR)
					continue;
				uint32_t from = ov->unit_of[a];
				if (from == UINT32_MAX || from == to)
					continue;
				XGROW(ov->refile, cap, ov->nrefile + 2);
				ov->refile[ov->nrefile++] = (struct refile_walk){from, a, grp, 1, (uint32_t)i};
				ov->refile[ov->nrefile++] = (struct refile_walk){to, a, grp, 0, (uint32_t)i};
			}
		}
	}
	if (ov->nrefile > 1)
		qsort(ov->refile, ov->nrefile, sizeof(*ov->refile), cmp_refile);
	/* the same (unit, node, group) once */
	size_t w = 0;
	for (size_t i = 0; i < ov->nrefile; i++)
		if (!w || cmp_refile(&ov->refile[w - 1], &ov->refile[i]))
			ov->refile[w++] = ov->refile[i];
	ov->nrefile = w;
}

const struct attrib_refile *overlap_refile_of(const struct overlap *ov, const struct membership *m)
{
	if (!ov->nrefile || !m->path_len)
		return NULL;
	const struct graph *g = ov->g;
	uint32_t grp = copies_group(ov->copies, g->edges[m->path[0]].file);
	for (size_t i = 0; i < ov->nrefile; i++) {
		const struct refile_walk *r = &ov->refile[i];
		if (!r->skip && r->node == m->start && r->group == grp) {
			size_t nr;
			return attribution_refiled(ov->attr, &nr) + r->refile;
		}
	}
	return NULL;
}

/* ---- campaigns and sources of actors ---- */

/* For each actor unit with two or more campaigns, a unit per campaign
 * (its reports with it); with statements from two or more copy groups, a
 * unit per group (the part of the actor those files state). */
static void build_subunits(struct overlap *ov, const struct infra_sources *src)
{
	const struct graph *g = ov->g;
	size_t cap = ov->nunits;
	size_t nsubj;
	const struct attribution *subj = attribution_all(ov->attr, &nsubj);
	/* campaigns of each actor unit, and reports speaking for a campaign */
	uint64_t *camp = NULL;
	size_t ncamp = 0, capcamp = 0;
	uint32_t roots[16];
	for (size_t i = 0; i < nsubj; i++) {
		uint32_t n = subj[i].subject;
		if (g->nodes[n].kind != NODE_CAMPAIGN)
			continue;
		size_t nr = attribution_roots(ov->attr, n, roots, 16);
		for (size_t r = 0; r < nr; r++) {
			uint32_t u = ov->unit_of[roots[r]];
			if (u == UINT32_MAX || ov->units[u].kind != UNIT_ACTOR)
				continue;
			XGROW(camp, capcamp, ncamp + 1);
			camp[ncamp++] = u64_pair(u, n);
		}
	}
	if (ncamp > 1)
		qsort(camp, ncamp, sizeof(*camp), cmp_u64);
	size_t first = ov->nunits;
	for (size_t i = 0; i < ncamp;) {
		size_t j = i;
		while (j < ncamp && (camp[j] >> 32) == (camp[i] >> 32))
			j++;
		if (j - i >= 2)
			for (size_t k = i; k < j; k++) {
				uint32_t c = (uint32_t)camp[k];
				add_unit(ov, &cap, c, g->nodes[c].label, UNIT_CAMPAIGN);
				ov->units[ov->nunits - 1].parent = (uint32_t)(camp[i] >> 32);
			}
		i = j;
	}
	free(camp);
	for (size_t u = 0; u < ov->ntop; u++) {
		/* add_unit() moves the array: copy what is needed */
		uint32_t node = ov->units[u].node;
		size_t ng = src->off[u + 1] - src->off[u];
		if (ov->units[u].kind != UNIT_ACTOR || ov->units[u].dup_of != UINT32_MAX || ng < 2)
			continue;
		for (size_t k = 0; k < ng; k++) {
			uint32_t grp = src->groups[src->off[u] + k];
			const struct src_file *f = &g->files[grp];
			uint32_t name = f->title ? f->title : f->path;
			add_unit(ov, &cap, node, name, UNIT_SOURCE);
			struct unit *s = &ov->units[ov->nunits - 1];
			s->parent = (uint32_t)u;
			s->group = grp;
			s->file = grp;
		}
	}
	sort_ov = ov;
	if (ov->nunits - first > 1)
		qsort(ov->units + first, ov->nunits - first, sizeof(*ov->units), cmp_unit);
	sort_ov = NULL;
	/* the reports speaking for each campaign, as (campaign, index in the
	 * table): looked up per campaign unit, not by a scan of the table
	 * per campaign (quadratic on a large bundle) */
	uint64_t *rep = NULL;
	size_t nrep = 0, caprep = 0;
	for (size_t i = 0; i < nsubj; i++)
		if (subj[i].owner != NODE_NONE && g->nodes[subj[i].subject].kind == NODE_REPORT) {
			XGROW(rep, caprep, nrep + 1);
			rep[nrep++] = u64_pair(subj[i].owner, (uint32_t)i);
		}
	if (nrep > 1)
		qsort(rep, nrep, sizeof(*rep), cmp_u64);
	/* seeds: a source walks from its actor's seeds (only its files'
	 * statements count); a campaign from itself and its reports, in table
	 * order */
	struct seed_list sl = {0};
	for (size_t u = first; u < ov->nunits; u++) {
		const struct unit *un = &ov->units[u];
		if (un->kind == UNIT_SOURCE) {
			for (uint32_t k = ov->seed_off[un->parent]; k < ov->seed_off[un->parent + 1]; k++)
				seed_add(&sl, (uint32_t)u, ov->seeds[k]);
			continue;
		}
		seed_add(&sl, (uint32_t)u, un->node);
		size_t lo = 0, hi = nrep;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if ((uint32_t)(rep[mid] >> 32) < un->node)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < nrep && (uint32_t)(rep[lo] >> 32) == un->node; lo++)
			seed_add(&sl, (uint32_t)u, subj[(uint32_t)rep[lo]].subject);
	}
	free(rep);
	seeds_layout(ov, &sl, first, ov->nunits);
	free(sl.v);
}

/* ---- values ---- */

static void build_values(struct overlap *ov)
{
	const struct graph *g = ov->g;
	ov->val_idx = xmalloc((g->node_count + 1) * sizeof(*ov->val_idx));
	for (size_t n = 0; n < g->node_count; n++)
		ov->val_idx[n] = UINT32_MAX;
	size_t cap = 0;
	/* df counts top-level units only: an actor's sources are the actor */
	for (size_t i = 0; i < ov->nmembers; i++) {
		uint32_t v = ov->members[i].value;
		if (ov->val_idx[v] == UINT32_MAX) {
			XGROW(ov->vals, cap, ov->nvals + 1);
			ov->val_idx[v] = (uint32_t)ov->nvals;
			struct vinfo *vi = &ov->vals[ov->nvals++];
			memset(vi, 0, sizeof(*vi));
			vi->node = v;
		}
		if (i < ov->ntop_members)
			ov->vals[ov->val_idx[v]].df++;
	}
	ov->nonempty = 0;
	for (size_t u = 0; u < ov->ntop; u++)
		if (ov->units[u].member_count)
			ov->nonempty++;
	for (size_t i = 0; i < ov->nvals; i++) {
		struct vinfo *vi = &ov->vals[i];
		int k = g->nodes[vi->node].kind;
		vi->idf = log((ov->nonempty + 1.0) / (vi->df + 1.0)) + 1.0;
		vi->type = ov->o.type_w[k];
		vi->list_name =
		    warnlist_match_w(ov->o.lists, k, graph_node_key(g, vi->node), &vi->list);
		if (vi->list_name)
			vi->flags |= EV_WARNLISTED;
		if (ov->o.df_cap > 0 && vi->df > (uint32_t)ov->o.df_cap)
			vi->flags |= EV_OVER_CAP;
		vi->base = vi->idf * vi->type * vi->list;
	}
	ov->own_w = xmalloc((ov->nmembers + 1) * sizeof(*ov->own_w));
	ov->total = xcalloc(ov->nunits + 1, sizeof(*ov->total));
	ov->counted = xcalloc(ov->nunits + 1, sizeof(*ov->counted));
	double wsum = 0;
	size_t wn = 0;
	uint8_t *seen = xcalloc(ov->nvals + 1, 1);
	ov->ncounted = 0;
	for (size_t u = 0; u < ov->nunits; u++) {
		const struct unit *un = &ov->units[u];
		for (uint32_t i = un->first_member; i < un->first_member + un->member_count; i++) {
			double w = overlap_own_weight(ov, &ov->members[i]);
			ov->own_w[i] = w;
			ov->total[u] += w;
			if (w <= 0)
				continue;
			ov->counted[u]++;
			if (u < ov->ntop) {
				wsum += w;
				wn++;
				uint32_t vi = ov->val_idx[ov->members[i].value];
				if (!seen[vi]) {
					seen[vi] = 1;
					ov->ncounted++;
				}
			}
		}
	}
	free(seen);
	ov->wbar = wn ? wsum / (double)wn : 1.0;
}

/* ---- pairs (formed in overlap_pairs.c) ---- */

/* Where a unit's tools or techniques begin; units with none may share an
 * array that was never allocated, and NULL + 0 is undefined. */
static const uint32_t *slice(const uint32_t *base, uint32_t off)
{
	return base ? base + off : NULL;
}

void overlap_score_terms(const struct overlap *ov, uint32_t a, uint32_t b, double *chance,
			 double *prior)
{
	double na = a < ov->nunits ? ov->counted[a] : 0, nb = b < ov->nunits ? ov->counted[b] : 0;
	*prior = ov->wbar;
	*chance = ov->ncounted ? ov->wbar * na * nb / (double)ov->ncounted : 0;
}

double overlap_score(double shared_w, double chance, double prior)
{
	double den = shared_w + chance + prior;
	return den > 0 ? shared_w / den : 0;
}

struct overlap *overlap_compute(const struct graph *g, const struct overlap_opts *o)
{
	struct overlap *ov = xcalloc(1, sizeof(*ov));
	ov->g = g;
	if (o)
		ov->o = *o;
	else
		overlap_opts_default(&ov->o);
	for (int k = 0; k < NODE_KIND_COUNT; k++)
		if (ov->o.type_w[k] <= 0)
			ov->o.type_w[k] = default_type_w[k];
	if (ov->o.max_depth <= 0)
		ov->o.max_depth = 5;
	if (ov->o.slack_days < 0)
		ov->o.slack_days = 0;
	build_units(ov);
	build_refiles(ov);
	struct infra_sources src;
	infra_set_build(ov, 0, ov->ntop, &src);
	fold_copies(ov);
	ov->ntop_members = ov->nmembers;
	unsigned within = 1u << PAIR_CORROBORATION | 1u << PAIR_INTERNAL;
	if (!ov->o.relations || (ov->o.relations & within))
		build_subunits(ov, &src);
	free(src.off);
	free(src.groups);
	if (ov->nunits > ov->ntop)
		infra_set_build(ov, ov->ntop, ov->nunits, NULL);
	set_names(ov);
	build_values(ov);
	overlap_pairs_build(ov);
	return ov;
}

void overlap_free(struct overlap *ov)
{
	if (!ov)
		return;
	for (size_t u = 0; u < ov->nunits; u++)
		free(ov->names[u]);
	free(ov->names);
	free(ov->units);
	free(ov->seed_off);
	free(ov->seeds);
	free(ov->refile);
	free(ov->unit_of);
	free(ov->members);
	free(ov->own_w);
	free(ov->tools);
	free(ov->tool_off);
	free(ov->techs);
	free(ov->tech_off);
	free(ov->val_idx);
	free(ov->vals);
	free(ov->total);
	free(ov->counted);
	overlap_pairs_release(ov);
	for (size_t i = 0; i < ov->nclusters; i++) {
		free(ov->clusters[i].members);
		free(ov->clusters[i].links);
	}
	free(ov->clusters);
	attribution_free(ov->attr);
	copies_free(ov->copies);
	free(ov);
}

/* ---- accessors ---- */

size_t overlap_unit_count(const struct overlap *ov)
{
	return ov->ntop;
}

size_t overlap_unit_count_all(const struct overlap *ov)
{
	return ov->nunits;
}

uint32_t overlap_unit_parent(const struct overlap *ov, uint32_t u)
{
	return u < ov->nunits ? ov->units[u].parent : UINT32_MAX;
}

const struct attribution_table *overlap_attribution(const struct overlap *ov)
{
	return ov->attr;
}

const struct copies *overlap_copies(const struct overlap *ov)
{
	return ov->copies;
}

const struct unit *overlap_unit(const struct overlap *ov, uint32_t u)
{
	return u < ov->nunits ? &ov->units[u] : NULL;
}

const char *overlap_unit_name(const struct overlap *ov, uint32_t u)
{
	return u < ov->nunits ? ov->names[u] : "?";
}

uint32_t overlap_unit_of_node(const struct overlap *ov, uint32_t node)
{
	return node < ov->g->node_count ? ov->unit_of[node] : UINT32_MAX;
}

const struct membership *overlap_members(const struct overlap *ov, uint32_t u, size_t *n)
{
	if (u >= ov->nunits) {
		*n = 0;
		return NULL;
	}
	*n = ov->units[u].member_count;
	return ov->members + ov->units[u].first_member;
}

const uint32_t *overlap_tools(const struct overlap *ov, uint32_t u, size_t *n)
{
	*n = u < ov->nunits ? ov->units[u].ntools : 0;
	return u < ov->nunits ? slice(ov->tools, ov->tool_off[u]) : NULL;
}

const uint32_t *overlap_techniques(const struct overlap *ov, uint32_t u, size_t *n)
{
	*n = u < ov->nunits ? ov->units[u].ntechniques : 0;
	return u < ov->nunits ? slice(ov->techs, ov->tech_off[u]) : NULL;
}

double overlap_unit_weight(const struct overlap *ov, uint32_t u)
{
	return u < ov->nunits ? ov->total[u] : 0;
}

uint32_t overlap_unit_counted(const struct overlap *ov, uint32_t u)
{
	return u < ov->nunits ? ov->counted[u] : 0;
}

uint32_t overlap_active_units(const struct overlap *ov)
{
	return ov->nonempty;
}

const struct overlap_pair *overlap_pairs(const struct overlap *ov, size_t *n)
{
	return overlap_pairs_rel(ov, PAIR_OVERLAP, n);
}

const struct overlap_pair *overlap_pairs_rel(const struct overlap *ov, int relation, size_t *n)
{
	if (relation < 0 || relation >= PAIR_RELATION_COUNT) {
		*n = 0;
		return ov->pairs;
	}
	*n = ov->rel_infra[relation];
	/* no pairs at all may come with no array: NULL + 0 is undefined */
	return ov->pairs ? ov->pairs + ov->rel_off[relation] : NULL;
}

static const struct overlap *sort_dim_ov;
static int sort_dim;

static int cmp_by_dim(const void *pa, const void *pb)
{
	return overlap_pair_cmp_by(sort_dim, &sort_dim_ov->pairs[*(const uint32_t *)pa],
				   &sort_dim_ov->pairs[*(const uint32_t *)pb]);
}

size_t overlap_pairs_by(const struct overlap *ov, int relation, int by, uint32_t **out)
{
	*out = NULL;
	if (relation < 0 || relation >= PAIR_RELATION_COUNT)
		return 0;
	size_t n = 0;
	uint32_t *v = xmalloc((ov->rel_off[relation + 1] - ov->rel_off[relation] + 1) * sizeof(*v));
	for (size_t k = ov->rel_off[relation]; k < ov->rel_off[relation + 1]; k++) {
		const struct overlap_pair *p = &ov->pairs[k];
		if (by == OVERLAP_BY_INFRA ? p->infra
		    : by == OVERLAP_BY_TOOLS ? p->ntools > 0
					     : p->ntechniques > 0)
			v[n++] = (uint32_t)k;
	}
	if (by != OVERLAP_BY_INFRA && n > 1) {
		/* qsort has no context in C11; the engine is not used from two
		 * threads at once */
		sort_dim_ov = ov;
		sort_dim = by;
		qsort(v, n, sizeof(*v), cmp_by_dim);
		sort_dim_ov = NULL;
	}
	*out = v;
	return n;
}

int overlap_relation_of(const struct overlap *ov, uint32_t a, uint32_t b)
{
	if (a >= ov->nunits || b >= ov->nunits || a == b)
		return -1;
	const struct unit *x = &ov->units[a], *y = &ov->units[b];
	if (x->parent == UINT32_MAX && y->parent == UINT32_MAX)
		return PAIR_OVERLAP;
	if (x->parent != y->parent || x->parent == UINT32_MAX || y->parent == UINT32_MAX)
		return -1;
	if (x->kind == UNIT_SOURCE && y->kind == UNIT_SOURCE)
		return PAIR_CORROBORATION;
	if (x->kind == UNIT_CAMPAIGN && y->kind == UNIT_CAMPAIGN)
		return PAIR_INTERNAL;
	return -1;
}

const struct overlap_pair *overlap_pair_at(const struct overlap *ov, uint32_t k)
{
	return k < ov->npairs ? &ov->pairs[k] : NULL;
}

void overlap_corroboration(const struct overlap *ov, uint32_t unit, uint32_t *sources,
			   uint32_t *agreed)
{
	*sources = *agreed = 0;
	/* the values of the unit's sources, merged: a value in two runs is
	 * agreed */
	uint32_t *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t u = ov->ntop; u < ov->nunits; u++) {
		const struct unit *un = &ov->units[u];
		if (un->parent != unit || un->kind != UNIT_SOURCE || !un->member_count)
			continue;
		(*sources)++;
		for (uint32_t i = 0; i < un->member_count; i++) {
			XGROW(v, cap, n + 1);
			v[n++] = ov->members[un->first_member + i].value;
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_u32);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && v[j] == v[i])
			j++;
		*agreed += j - i > 1;
		i = j;
	}
	free(v);
}

uint32_t overlap_df(const struct overlap *ov, uint32_t value)
{
	if (value >= ov->g->node_count || ov->val_idx[value] == UINT32_MAX)
		return 0;
	return ov->vals[ov->val_idx[value]].df;
}

const char *overlap_value_list(const struct overlap *ov, uint32_t value)
{
	if (value >= ov->g->node_count || ov->val_idx[value] == UINT32_MAX)
		return NULL;
	return ov->vals[ov->val_idx[value]].list_name;
}

const struct overlap_opts *overlap_options(const struct overlap *ov)
{
	return &ov->o;
}

const struct graph *overlap_graph(const struct overlap *ov)
{
	return ov->g;
}

static void name_key(const char *s, struct strbuf *out)
{
	strbuf_reset(out);
	norm_name_key(s, strlen(s), out);
}

static uint32_t follow_dup(const struct overlap *ov, uint32_t u)
{
	return u != UINT32_MAX && ov->units[u].dup_of != UINT32_MAX ? ov->units[u].dup_of : u;
}

/* Whether a file of unit u (its own, or one of its copy group) is named
 * by path or base name. */
static int unit_file_named(const struct overlap *ov, const struct unit *un, const char *name)
{
	const struct graph *g = ov->g;
	if (un->kind == UNIT_SOURCE) {
		for (size_t f = 0; f < g->file_count; f++)
			if (copies_group(ov->copies, (uint32_t)f) == un->group &&
			    is_basename_of(name, graph_file_path(g, (uint32_t)f)))
				return 1;
		return 0;
	}
	if (un->kind != UNIT_FILE && un->kind != UNIT_REPORT)
		return 0;
	return is_basename_of(name, graph_file_path(g, un->file));
}

uint32_t overlap_unit_find_how(const struct overlap *ov, const char *name, int *how)
{
	int dummy;
	if (!how)
		how = &dummy;
	*how = MATCH_NONE;
	if (!name || !*name)
		return UINT32_MAX;
	/* a displayed name first: "Earth Lusca" is the unit shown so, even
	 * when another unit claims it as an alias */
	for (size_t u = 0; u < ov->ntop; u++)
		if (!strcasecmp(ov->names[u], name)) {
			*how = MATCH_NAME;
			return follow_dup(ov, (uint32_t)u);
		}
	struct strbuf k = STRBUF_INIT, k2 = STRBUF_INIT;
	name_key(name, &k);
	uint32_t found = UINT32_MAX;
	for (size_t u = 0; u < ov->ntop && found == UINT32_MAX && k.len; u++) {
		name_key(ov->names[u], &k2);
		if (!strcmp(strbuf_str(&k), strbuf_str(&k2)))
			found = (uint32_t)u;
	}
	if (found != UINT32_MAX) {
		*how = MATCH_NAME;
	} else {
		uint32_t a = alias_lookup(ov->g, name);
		if (a != NODE_NONE && a < ov->g->node_count && ov->unit_of[a] != UINT32_MAX) {
			found = ov->unit_of[a];
			*how = MATCH_ALIAS;
		}
	}
	/* a campaign or a source of an actor, by name or file */
	for (size_t u = ov->ntop; u < ov->nunits && found == UINT32_MAX; u++) {
		if (ov->units[u].kind == UNIT_SOURCE && !ov->units[u].member_count)
			continue;
		name_key(ov->names[u], &k2);
		if (!strcasecmp(ov->names[u], name) || (k.len && !strcmp(strbuf_str(&k), strbuf_str(&k2))) ||
		    unit_file_named(ov, &ov->units[u], name)) {
			found = (uint32_t)u;
			*how = MATCH_SOURCE;
		}
	}
	for (size_t u = 0; u < ov->ntop && found == UINT32_MAX; u++)
		if (unit_file_named(ov, &ov->units[u], name)) {
			found = (uint32_t)u;
			*how = MATCH_FILE;
		}
	/* the title of a report attributed to an actor: that actor */
	for (size_t n = 0; n < ov->g->node_count && found == UINT32_MAX; n++) {
		if (ov->g->nodes[n].kind != NODE_REPORT || ov->unit_of[n] == UINT32_MAX ||
		    strcasecmp(graph_node_label(ov->g, (uint32_t)n), name))
			continue;
		found = ov->unit_of[n];
		*how = MATCH_FILE;
	}
	/* a file of an actor known from one source (maltrail's apt_x.txt):
	 * the one unit its statements name */
	for (size_t f = 0; f < ov->g->file_count && found == UINT32_MAX; f++) {
		if (!is_basename_of(name, graph_file_path(ov->g, (uint32_t)f)))
			continue;
		size_t nu;
		const uint32_t *roots = copies_units(ov->copies, (uint32_t)f, &nu);
		uint32_t one = UINT32_MAX;
		int several = 0;
		for (size_t i = 0; i < nu; i++) {
			uint32_t u = ov->unit_of[roots[i]];
			if (u == UINT32_MAX)
				continue;
			several |= one != UINT32_MAX && one != u;
			one = u;
		}
		/* and the units its reports are in (attributed by name...) */
		size_t nsubj;
		const struct attribution *subj = attribution_all(ov->attr, &nsubj);
		for (size_t i = 0; i < nsubj; i++) {
			uint32_t n = subj[i].subject;
			if (ov->g->nodes[n].file != f || ov->unit_of[n] == UINT32_MAX)
				continue;
			uint32_t u = follow_dup(ov, ov->unit_of[n]);
			several |= one != UINT32_MAX && one != u;
			one = u;
		}
		if (one != UINT32_MAX && !several) {
			found = one;
			*how = MATCH_FILE;
		}
	}
	strbuf_free(&k);
	strbuf_free(&k2);
	return follow_dup(ov, found);
}

uint32_t overlap_unit_find(const struct overlap *ov, const char *name)
{
	return overlap_unit_find_how(ov, name, NULL);
}

/* Whether a source unit holds statements from a file with an edge at
 * node n. */
static int source_states(const struct overlap *ov, const struct unit *un, uint32_t n)
{
	const struct graph *g = ov->g;
	struct adj a = graph_adj(g, n);
	for (uint32_t i = 0; i < a.count; i++)
		if (copies_group(ov->copies, g->edges[a.edges[i]].file) == un->group)
			return 1;
	return 0;
}

uint32_t overlap_unit_find_within(const struct overlap *ov, uint32_t parent, const char *name)
{
	const struct graph *g = ov->g;
	if (!name || parent >= ov->ntop)
		return UINT32_MAX;
	struct strbuf k = STRBUF_INIT, k2 = STRBUF_INIT;
	name_key(name, &k);
	uint32_t found = UINT32_MAX;
	/* a displayed name or a file of one of them */
	for (size_t u = ov->ntop; u < ov->nunits && found == UINT32_MAX; u++) {
		const struct unit *un = &ov->units[u];
		if (un->parent != parent || (un->kind == UNIT_SOURCE && !un->member_count))
			continue;
		name_key(ov->names[u], &k2);
		if (!strcasecmp(ov->names[u], name) || (k.len && !strcmp(strbuf_str(&k), strbuf_str(&k2))) ||
		    unit_file_named(ov, un, name))
			found = (uint32_t)u;
	}
	/* the own name of an actor node: the source stating it, preferring
	 * one whose name holds that name ("TA416": apt_ta416.txt) */
	uint32_t n = k.len ? graph_find(g, NODE_ACTOR, strbuf_str(&k)) : NODE_NONE;
	uint32_t first = UINT32_MAX, named = UINT32_MAX, titled = UINT32_MAX;
	size_t ntitled = 0;
	for (size_t u = ov->ntop; u < ov->nunits && found == UINT32_MAX; u++) {
		const struct unit *un = &ov->units[u];
		if (un->parent != parent || un->kind != UNIT_SOURCE || !un->member_count)
			continue;
		name_key(ov->names[u], &k2);
		int holds = k.len >= 3 && strstr(strbuf_str(&k2), strbuf_str(&k)) != NULL;
		if (!holds && k.len >= 3) {
			name_key(graph_file_path(g, un->group), &k2);
			holds = strstr(strbuf_str(&k2), strbuf_str(&k)) != NULL;
		}
		if (holds) {
			titled = (uint32_t)u;
			ntitled++;
		}
		if (n != NODE_NONE && ov->unit_of[n] == parent && source_states(ov, un, n)) {
			if (first == UINT32_MAX)
				first = (uint32_t)u;
			if (holds && named == UINT32_MAX)
				named = (uint32_t)u;
		}
	}
	if (found == UINT32_MAX)
		found = named != UINT32_MAX ? named : first;
	/* else the one source whose title or file holds the name */
	if (found == UINT32_MAX && ntitled == 1)
		found = titled;
	strbuf_free(&k);
	strbuf_free(&k2);
	return found;
}

struct sugg {
	uint32_t u;
	int d;
};

static int cmp_sugg(const void *a, const void *b)
{
	const struct sugg *x = a, *y = b;
	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return x->u < y->u ? -1 : x->u > y->u;
}

size_t overlap_unit_suggest(const struct overlap *ov, const char *name, uint32_t *out, size_t max)
{
	struct strbuf k = STRBUF_INIT, k2 = STRBUF_INIT;
	name_key(name ? name : "", &k);
	struct sugg *s = xmalloc((ov->nunits + 1) * sizeof(*s));
	size_t n = 0;
	int lim = k.len < 6 ? 2 : (int)k.len / 3;
	for (size_t u = 0; u < ov->nunits; u++) {
		name_key(ov->names[u], &k2);
		int d;
		if (k.len >= 3 && strstr(strbuf_str(&k2), strbuf_str(&k)))
			d = 0;
		else
			d = text_edit_distance(strbuf_str(&k), strbuf_str(&k2), lim);
		if (d <= lim)
			s[n++] = (struct sugg){(uint32_t)u, d};
	}
	qsort(s, n, sizeof(*s), cmp_sugg);
	for (size_t i = 0; i < n && i < max; i++)
		out[i] = s[i].u;
	free(s);
	strbuf_free(&k);
	strbuf_free(&k2);
	return n < max ? n : max;
}
