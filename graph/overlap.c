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
 * confidence: o_A(v) = idf * type * list * conf_A / 100. The pair score is
 * the weighted Jaccard
 *
 *   score = sum_shared w(v) / (sum_A o_A + sum_B o_B - sum_shared c(v))
 *   c(v)  = o_A(v) + o_B(v) - w(v) without its time factor
 *
 * so the denominator counts each shared value once at its pair weight
 * before time: identical sets seen at the same time score 1, and time only
 * lowers the numerator. The raw sum_shared w is kept as the pair's weight.
 * Pairs are listed only when they share a counted value on no warninglist. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
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
	o->threshold = 0.15;
	o->max_depth = 5;
}

double overlap_type_default(int kind)
{
	return kind >= 0 && kind < NODE_KIND_COUNT ? default_type_w[kind] : 0;
}

static int eff_conf(uint8_t c)
{
	return c == CONF_UNKNOWN ? 50 : c;
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
	int ca = eff_conf(ma->conf), cb = eff_conf(mb->conf);
	ev->conf = (ca < cb ? ca : cb) / 100.0;
	int undated;
	ev->time = overlap_time_factor(ma->first, ma->last, mb->first, mb->last, ov->o.slack_days,
				       &undated);
	ev->flags = vi->flags | ((ma->flags | mb->flags) & EV_PARTIAL) | (undated ? EV_UNDATED : 0);
	ev->in_a = ma;
	ev->in_b = mb;
	if (ev->flags & (EV_OVER_CAP | EV_PARTIAL))
		ev->weight = 0;
	else
		ev->weight = ev->idf * ev->type * ev->list * ev->conf * ev->time;
}

double overlap_own_weight(const struct overlap *ov, const struct membership *m)
{
	const struct vinfo *vi = &ov->vals[ov->val_idx[m->value]];
	if ((vi->flags & EV_OVER_CAP) || (m->flags & EV_PARTIAL))
		return 0;
	return vi->idf * vi->type * vi->list * eff_conf(m->conf) / 100.0;
}

/* ---- units ---- */

static int is_basename_of(const char *label, const char *path)
{
	const char *b = strrchr(path, '/');
	return strcmp(label, path) == 0 || (b && strcmp(label, b + 1) == 0);
}

static const struct overlap *sort_ov;

static int cmp_unit(const void *pa, const void *pb)
{
	const struct unit *a = pa, *b = pb;
	const struct graph *g = sort_ov->g;
	int c = strcasecmp(graph_str(g, a->name), graph_str(g, b->name));
	if (c)
		return c;
	if ((c = strcmp(graph_str(g, a->name), graph_str(g, b->name))))
		return c;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
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
}

static void build_units(struct overlap *ov)
{
	const struct graph *g = ov->g;
	size_t nn = g->node_count, cap = 0;
	ov->unit_of = xmalloc((nn + 1) * sizeof(*ov->unit_of));
	for (size_t n = 0; n < nn; n++)
		ov->unit_of[n] = UINT32_MAX;
	/* actor alias units: one per root; named by the member with most edges
	 * (then the smallest key), which does not depend on loading order */
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
			uint32_t b = best[u];
			uint32_t db = graph_adj(g, b).count, dn = graph_adj(g, (uint32_t)n).count;
			if (dn > db || (dn == db && strcmp(graph_node_key(g, (uint32_t)n),
							   graph_node_key(g, b)) < 0))
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
	ov->owner = xmalloc((nn + 1) * sizeof(*ov->owner));
	infra_classify(ov, ov->owner);
	for (size_t n = 0; n < nn; n++) {
		int k = g->nodes[n].kind;
		if ((k != NODE_CAMPAIGN && k != NODE_REPORT) || ov->owner[n] != OWNER_NONE ||
		    !infra_node_ok(ov, (uint32_t)n))
			continue;
		int kind = k == NODE_CAMPAIGN ? UNIT_CAMPAIGN : UNIT_REPORT;
		if (k == NODE_REPORT && is_basename_of(graph_node_label(g, (uint32_t)n),
						       graph_file_path(g, g->nodes[n].file)))
			kind = UNIT_FILE;
		add_unit(ov, &cap, (uint32_t)n, g->nodes[n].label, kind);
	}
	sort_ov = ov;
	if (ov->nunits > 1)
		qsort(ov->units, ov->nunits, sizeof(*ov->units), cmp_unit);
	sort_ov = NULL;
	for (size_t u = 0; u < ov->nunits; u++)
		ov->unit_of[ov->units[u].node] = (uint32_t)u;
	for (size_t n = 0; n < nn; n++)
		if (g->nodes[n].kind == NODE_ACTOR && infra_node_ok(ov, (uint32_t)n))
			ov->unit_of[n] = ov->unit_of[alias_unit(g, (uint32_t)n)];
	/* display names; a campaign or report named like another unit says
	 * what it is */
	ov->names = xcalloc(ov->nunits + 1, sizeof(*ov->names));
	for (size_t u = 0; u < ov->nunits; u++) {
		const char *nm = graph_str(g, ov->units[u].name);
		int clash =
		    (u > 0 && !strcasecmp(nm, graph_str(g, ov->units[u - 1].name))) ||
		    (u + 1 < ov->nunits && !strcasecmp(nm, graph_str(g, ov->units[u + 1].name)));
		static const char *const kname[] = {"actor", "campaign", "report", "file"};
		if (clash && ov->units[u].kind != UNIT_ACTOR)
			ov->names[u] = xasprintf("%s (%s)", nm, kname[ov->units[u].kind]);
		else
			ov->names[u] = xstrdup(nm);
	}
}

/* ---- one report in several formats ---- */

static uint64_t member_hash(const struct overlap *ov, const struct unit *un)
{
	uint64_t h = 1469598103934665603ULL;
	for (uint32_t i = 0; i < un->member_count; i++) {
		h ^= ov->members[un->first_member + i].value;
		h *= 1099511628211ULL;
	}
	return h ^ un->member_count;
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
	size_t lx = strlen(ov->names[a]), ly = strlen(ov->names[b]);
	if (lx != ly)
		return lx < ly;
	return a < b;
}

/* The same document is often held in several formats (Citizen Lab publishes
 * each report as MISP JSON, STIX 1, OpenIOC and CSV). Reports and IOC files
 * with no actor whose value sets are identical are one report: one unit
 * keeps the values, the others point to it (dup_of). Otherwise each value
 * would count four times in df and the ranking would fill with a report
 * paired with itself. Only identical sets fold; a partial copy stays a pair. */
static void fold_duplicates(struct overlap *ov)
{
	struct u64map first;
	u64map_init(&first);
	uint32_t *next = xmalloc((ov->nunits + 1) * sizeof(*next));
	for (size_t u = 0; u < ov->nunits; u++) {
		struct unit *un = &ov->units[u];
		next[u] = UINT32_MAX;
		if ((un->kind != UNIT_REPORT && un->kind != UNIT_FILE) || un->member_count == 0)
			continue;
		uint64_t h = member_hash(ov, un);
		uint32_t head = u64map_get(&first, h);
		if (head == U64MAP_NONE) {
			u64map_set(&first, h, (uint32_t)u);
			continue;
		}
		/* chain of units with this hash: join the first with equal values */
		uint32_t rep = UINT32_MAX;
		for (uint32_t c = head; c != UINT32_MAX && rep == UINT32_MAX; c = next[c])
			if (same_values(ov, &ov->units[c], un))
				rep = c;
		if (rep == UINT32_MAX) {
			next[u] = head;
			u64map_set(&first, h, (uint32_t)u);
			continue;
		}
		/* keep the better name as the representative */
		uint32_t keep = better_name(ov, rep, (uint32_t)u) ? rep : (uint32_t)u;
		uint32_t drop = keep == rep ? (uint32_t)u : rep;
		if (keep == (uint32_t)u) {
			/* u replaces rep in the chain; rep's earlier duplicates follow */
			next[u] = next[rep];
			for (uint32_t c = head, *link = NULL; c != UINT32_MAX; c = next[c]) {
				if (c == rep) {
					if (link)
						*link = (uint32_t)u;
					else
						u64map_set(&first, h, (uint32_t)u);
					break;
				}
				link = &next[c];
			}
			for (size_t d = 0; d < ov->nunits; d++)
				if (ov->units[d].dup_of == rep)
					ov->units[d].dup_of = (uint32_t)u;
		}
		ov->units[drop].dup_of = keep;
	}
	/* drop the duplicates' memberships, keeping every range contiguous */
	size_t out = 0;
	for (size_t u = 0; u < ov->nunits; u++) {
		struct unit *un = &ov->units[u];
		uint32_t first = (uint32_t)out;
		if (un->dup_of == UINT32_MAX)
			for (uint32_t i = 0; i < un->member_count; i++)
				ov->members[out++] = ov->members[un->first_member + i];
		un->first_member = first;
		un->member_count = (uint32_t)out - first;
	}
	ov->nmembers = out;
	for (size_t n = 0; n < ov->g->node_count; n++) {
		uint32_t u = ov->unit_of[n];
		if (u != UINT32_MAX && ov->units[u].dup_of != UINT32_MAX)
			ov->unit_of[n] = ov->units[u].dup_of;
	}
	free(next);
	u64map_free(&first);
}

/* ---- values ---- */

static void build_values(struct overlap *ov)
{
	const struct graph *g = ov->g;
	ov->val_idx = xmalloc((g->node_count + 1) * sizeof(*ov->val_idx));
	for (size_t n = 0; n < g->node_count; n++)
		ov->val_idx[n] = UINT32_MAX;
	size_t cap = 0;
	for (size_t i = 0; i < ov->nmembers; i++) {
		uint32_t v = ov->members[i].value;
		if (ov->val_idx[v] == UINT32_MAX) {
			XGROW(ov->vals, cap, ov->nvals + 1);
			ov->val_idx[v] = (uint32_t)ov->nvals;
			struct vinfo *vi = &ov->vals[ov->nvals++];
			memset(vi, 0, sizeof(*vi));
			vi->node = v;
		}
		ov->vals[ov->val_idx[v]].df++;
	}
	ov->nonempty = 0;
	for (size_t u = 0; u < ov->nunits; u++)
		if (ov->units[u].member_count)
			ov->nonempty++;
	double lf = warnlist_factor(ov->o.lists);
	for (size_t i = 0; i < ov->nvals; i++) {
		struct vinfo *vi = &ov->vals[i];
		int k = g->nodes[vi->node].kind;
		vi->idf = log((ov->nonempty + 1.0) / (vi->df + 1.0)) + 1.0;
		vi->type = ov->o.type_w[k];
		vi->list = 1.0;
		vi->list_name = warnlist_match(ov->o.lists, k, graph_node_key(g, vi->node));
		if (vi->list_name) {
			vi->list = lf;
			vi->flags |= EV_WARNLISTED;
		}
		if (ov->o.df_cap > 0 && vi->df > (uint32_t)ov->o.df_cap)
			vi->flags |= EV_OVER_CAP;
	}
	ov->own_w = xmalloc((ov->nmembers + 1) * sizeof(*ov->own_w));
	ov->total = xcalloc(ov->nunits + 1, sizeof(*ov->total));
	for (size_t u = 0; u < ov->nunits; u++) {
		const struct unit *un = &ov->units[u];
		for (uint32_t i = un->first_member; i < un->first_member + un->member_count; i++) {
			ov->own_w[i] = overlap_own_weight(ov, &ov->members[i]);
			ov->total[u] += ov->own_w[i];
		}
	}
}

/* ---- pairs ---- */

struct acc {
	double w, c;
	uint32_t shared, shared_all, strong;
};

static size_t intersect(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0, j = 0, n = 0;
	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else
			n++, i++, j++;
	}
	return n;
}

static int cmp_pair(const void *pa, const void *pb)
{
	const struct overlap_pair *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

static void build_pairs(struct overlap *ov)
{
	/* inverted index: value -> memberships (in unit order) */
	uint32_t *off = xcalloc(ov->nvals + 2, sizeof(*off));
	uint32_t *m_unit = xmalloc((ov->nmembers + 1) * sizeof(*m_unit));
	for (size_t u = 0; u < ov->nunits; u++)
		for (uint32_t i = 0; i < ov->units[u].member_count; i++)
			m_unit[ov->units[u].first_member + i] = (uint32_t)u;
	for (size_t i = 0; i < ov->nmembers; i++)
		off[ov->val_idx[ov->members[i].value] + 1]++;
	for (size_t v = 0; v < ov->nvals; v++)
		off[v + 1] += off[v];
	uint32_t *post = xmalloc((ov->nmembers + 1) * sizeof(*post));
	uint32_t *fill = xmalloc((ov->nvals + 1) * sizeof(*fill));
	memcpy(fill, off, (ov->nvals + 1) * sizeof(*fill));
	for (size_t i = 0; i < ov->nmembers; i++)
		post[fill[ov->val_idx[ov->members[i].value]]++] = (uint32_t)i;
	free(fill);
	u64map_init(&ov->pair_idx);
	struct acc *acc = NULL;
	struct overlap_pair *pairs = NULL;
	size_t np = 0, capacc = 0, cappairs = 0;
	/* cost: sum over values under the cap of df^2 */
	for (size_t v = 0; v < ov->nvals; v++) {
		if ((ov->vals[v].flags & EV_OVER_CAP) || off[v + 1] - off[v] < 2)
			continue;
		for (uint32_t i = off[v]; i < off[v + 1]; i++) {
			for (uint32_t j = i + 1; j < off[v + 1]; j++) {
				uint32_t mi = post[i], mj = post[j];
				uint32_t ua = m_unit[mi], ub = m_unit[mj];
				uint32_t k = u64map_get_or_set(&ov->pair_idx, u64_pair(ua, ub),
							       (uint32_t)np);
				if (k == U64MAP_NONE) {
					k = (uint32_t)np++;
					XGROW(acc, capacc, np);
					XGROW(pairs, cappairs, np);
					memset(&acc[k], 0, sizeof(acc[k]));
					memset(&pairs[k], 0, sizeof(pairs[k]));
					pairs[k].a = ua;
					pairs[k].b = ub;
				}
				struct evidence ev;
				overlap_evidence_fill(ov, &ov->members[mi], &ov->members[mj], &ev);
				acc[k].w += ev.weight;
				double notime = ev.time > 0 ? ev.weight / ev.time : 0;
				acc[k].c += ov->own_w[mi] + ov->own_w[mj] - notime;
				acc[k].shared_all++;
				if (ev.weight > 0)
					acc[k].shared++;
				if (ev.weight > 0 && !(ev.flags & EV_WARNLISTED))
					acc[k].strong++;
			}
		}
	}
	free(post);
	free(off);
	/* over-cap values: not in the index, but counted in shared_all */
	uint32_t *oc_off = xcalloc(ov->nunits + 1, sizeof(*oc_off));
	uint32_t *oc = xmalloc((ov->nmembers + 1) * sizeof(*oc));
	size_t noc = 0;
	for (size_t u = 0; u < ov->nunits; u++) {
		const struct unit *un = &ov->units[u];
		for (uint32_t i = un->first_member; i < un->first_member + un->member_count; i++)
			if (ov->vals[ov->val_idx[ov->members[i].value]].flags & EV_OVER_CAP)
				oc[noc++] = ov->members[i].value;
		oc_off[u + 1] = (uint32_t)noc;
	}
	/* A pair is listed when it shares at least one counted value that is on
	 * no warninglist: a Cloudflare address or a bit.ly link alone links
	 * nobody (its rows still show, flagged, in `why`). */
	size_t w = 0;
	for (size_t k = 0; k < np; k++) {
		if (acc[k].w <= 0 || acc[k].strong == 0)
			continue;
		struct overlap_pair *p = &pairs[k];
		double den = ov->total[p->a] + ov->total[p->b] - acc[k].c;
		p->weight = acc[k].w;
		p->score = den > 0 ? acc[k].w / den : 0;
		if (p->score > 1)
			p->score = 1; /* rounding only */
		p->shared = acc[k].shared;
		p->shared_all =
		    acc[k].shared_all +
		    (uint32_t)intersect(oc + oc_off[p->a], oc_off[p->a + 1] - oc_off[p->a],
					oc + oc_off[p->b], oc_off[p->b + 1] - oc_off[p->b]);
		size_t ta = ov->units[p->a].ntools, tb = ov->units[p->b].ntools;
		p->ntools = (uint32_t)intersect(ov->tools + ov->tool_off[p->a], ta,
						ov->tools + ov->tool_off[p->b], tb);
		p->tools =
		    ta + tb - p->ntools ? (double)p->ntools / (double)(ta + tb - p->ntools) : 0;
		size_t qa = ov->units[p->a].ntechniques, qb = ov->units[p->b].ntechniques;
		p->ntechniques = (uint32_t)intersect(ov->techs + ov->tech_off[p->a], qa,
						     ov->techs + ov->tech_off[p->b], qb);
		p->techniques = qa + qb - p->ntechniques
				    ? (double)p->ntechniques / (double)(qa + qb - p->ntechniques)
				    : 0;
		pairs[w++] = *p;
	}
	free(oc);
	free(oc_off);
	free(acc);
	free(m_unit);
	if (w > 1)
		qsort(pairs, w, sizeof(*pairs), cmp_pair);
	ov->pairs = pairs;
	ov->npairs = w;
	u64map_free(&ov->pair_idx);
	u64map_init(&ov->pair_idx);
	for (size_t k = 0; k < w; k++)
		u64map_set(&ov->pair_idx, u64_pair(pairs[k].a, pairs[k].b), (uint32_t)k);
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
	infra_set_build(ov);
	fold_duplicates(ov);
	free(ov->owner);
	ov->owner = NULL;
	build_values(ov);
	build_pairs(ov);
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
	free(ov->pairs);
	u64map_free(&ov->pair_idx);
	for (size_t i = 0; i < ov->nclusters; i++) {
		free(ov->clusters[i].members);
		free(ov->clusters[i].links);
	}
	free(ov->clusters);
	free(ov->owner);
	free(ov);
}

/* ---- accessors ---- */

size_t overlap_unit_count(const struct overlap *ov)
{
	return ov->nunits;
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
	return u < ov->nunits ? ov->tools + ov->tool_off[u] : NULL;
}

const uint32_t *overlap_techniques(const struct overlap *ov, uint32_t u, size_t *n)
{
	*n = u < ov->nunits ? ov->units[u].ntechniques : 0;
	return u < ov->nunits ? ov->techs + ov->tech_off[u] : NULL;
}

double overlap_unit_weight(const struct overlap *ov, uint32_t u)
{
	return u < ov->nunits ? ov->total[u] : 0;
}

uint32_t overlap_active_units(const struct overlap *ov)
{
	return ov->nonempty;
}

const struct overlap_pair *overlap_pairs(const struct overlap *ov, size_t *n)
{
	*n = ov->npairs;
	return ov->pairs;
}

uint32_t overlap_pair_find(const struct overlap *ov, uint32_t a, uint32_t b)
{
	if (a > b) {
		uint32_t t = a;
		a = b;
		b = t;
	}
	uint32_t k = u64map_get(&ov->pair_idx, u64_pair(a, b));
	return k == U64MAP_NONE ? UINT32_MAX : k;
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

uint32_t overlap_unit_find(const struct overlap *ov, const char *name)
{
	if (!name || !*name)
		return UINT32_MAX;
	uint32_t a = alias_lookup(ov->g, name);
	if (a != NODE_NONE && a < ov->g->node_count && ov->unit_of[a] != UINT32_MAX)
		return ov->unit_of[a];
	for (size_t u = 0; u < ov->nunits; u++)
		if (!strcasecmp(ov->names[u], name))
			return ov->units[u].dup_of != UINT32_MAX ? ov->units[u].dup_of
								 : (uint32_t)u;
	struct strbuf k = STRBUF_INIT, k2 = STRBUF_INIT;
	name_key(name, &k);
	uint32_t found = UINT32_MAX;
	for (size_t u = 0; u < ov->nunits && found == UINT32_MAX; u++) {
		const struct unit *un = &ov->units[u];
		name_key(graph_str(ov->g, un->name), &k2);
		if (k.len && !strcmp(strbuf_str(&k), strbuf_str(&k2)))
			found = (uint32_t)u;
		else if (un->kind == UNIT_FILE &&
			 is_basename_of(name, graph_file_path(ov->g, un->file)))
			found = (uint32_t)u;
	}
	strbuf_free(&k);
	strbuf_free(&k2);
	if (found != UINT32_MAX && ov->units[found].dup_of != UINT32_MAX)
		found = ov->units[found].dup_of;
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
