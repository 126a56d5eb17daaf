/* Reachability: which infrastructure values each unit reaches, by which
 * path, with what confidence and when (SPEC.md "Overlap engine").
 *
 * A unit's walk starts at its seeds: every actor node of an alias unit and
 * every report and campaign attributed to it (attribution.c says which and
 * why), or an unattributed campaign or report itself, and follows only
 * these steps, at most opts.max_depth edges:
 *
 *   actor/campaign/report -uses-> malware/tool/technique (report: -mentions->)
 *   actor/campaign/report/malware/tool/infrastructure  <-any-> infrastructure
 *            SDO and observable values (uses, indicates, consists-of,
 *            communicates-with, beacons-to, mentions, related-to, ...), except
 *            relations that say the value is someone else's (targets,
 *            impersonates, located-at, ...)
 *   observable -has-host-> / -resolves-to-> / -belongs-to-> observable
 *            (forwards only: a URL's host, a domain's address, an address's AS)
 *
 * Walks never step into an actor, campaign or report: those join a unit
 * only as seeds, through attribution, so a report naming two actors never
 * glues them together.
 *
 * STIX infrastructure SDOs are pass-through containers, not values: what
 * they consist of is compared. Actors never lead to other actors, and
 * malware never leads to other malware (variant-of), so one hub cannot glue
 * the graph together. A value behind a malware or tool node counts for a
 * unit only when the statement out of the malware comes from the same file
 * as the statement that the unit uses it: ATT&CK says a dozen groups use
 * PoisonIvy, a Unit 42 playbook lists PoisonIvy samples seen with Stately
 * Taurus; those hashes are Stately Taurus's evidence, not the other
 * groups' (their common tool shows in the tools dimension instead). df and
 * --df-cap deal with the hubs that remain.
 *
 * Among several paths to a value the walk keeps the best: exact before
 * partial (OpenIOC "contains"), then the highest weakest confidence, then
 * the shortest, then a content order (relation, file, object id, node keys)
 * so the choice does not depend on the order files were loaded in.
 * Confidence on a path is the lowest one stated by its edges; edges that
 * state none (derived URL hosts, most feeds) do not lower it, and a path on
 * which nothing is stated counts as 50 (SPEC: absent = 50). */
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/attribution.h"
#include "graph/copies.h"
#include "graph/date.h"
#include "graph/overlap_int.h"
#include "graph/xalloc.h"

struct lab {
	uint32_t start;
	/* a seed re-filed by the analyst walks only through its file's copy
	 * group; UINT32_MAX: any */
	uint32_t group;
	uint32_t path[OVERLAP_MAX_PATH];
	/* the publishers of every statement that reached the node, merged
	 * (overlap_pub_merge), not only of the best path's */
	uint32_t pub;
	uint8_t len, conf, partial;
};

struct walk {
	const struct overlap *ov;
	const struct graph *g;
	uint32_t *stamp, *li; /* node -> (unit + 1), index in labs */
	struct lab *labs;
	size_t nlabs, caplabs;
	uint32_t *visited;
	size_t nvisited, capvisited;
	uint32_t *queued; /* node -> round stamp */
	uint32_t round_stamp;
	/* restricted walks (a source of a unit): only edges of files in this
	 * copy group; UINT32_MAX: all */
	uint32_t only_group;
	/* the unit's re-filed files (overlap->refile, [refile, refile +
	 * nrefile)): copy groups skipped, nodes walked through one group */
	const struct refile_walk *refile;
	size_t nrefile;
	/* the copy groups of the edges a walk went through (deduplicated by
	 * group_stamp), for the sources of a unit */
	uint32_t *group_stamp;
	uint32_t *groups;
	size_t ngroups, capgroups;
};

int infra_node_ok(const struct overlap *ov, uint32_t n)
{
	const struct node *nd = &ov->g->nodes[n];
	if (!ov->o.include_revoked && (nd->flags & (NODE_F_REVOKED | NODE_F_DEPRECATED)))
		return 0;
	if (ov->o.asof != DATE_UNKNOWN && nd->first_seen != DATE_UNKNOWN &&
	    nd->first_seen > ov->o.asof)
		return 0;
	return 1;
}

int infra_edge_ok(const struct overlap *ov, uint32_t e)
{
	const struct edge *ed = &ov->g->edges[e];
	if (!ov->o.include_revoked && (ed->flags & EDGE_F_REVOKED))
		return 0;
	if (ov->o.asof != DATE_UNKNOWN && ed->first != DATE_UNKNOWN && ed->first > ov->o.asof)
		return 0;
	return 1;
}

static int is_container(int k)
{
	return k == NODE_ACTOR || k == NODE_CAMPAIGN || k == NODE_REPORT || k == NODE_MALWARE ||
	       k == NODE_TOOL || k == NODE_INFRASTRUCTURE;
}

/* Relations that never make a value the actor's own. */
static int rel_excluded(int rel)
{
	switch (rel) {
	case REL_TARGETS:
	case REL_IMPERSONATES:
	case REL_LOCATED_AT:
	case REL_REVOKED_BY:
	case REL_DUPLICATE_OF:
	case REL_DERIVED_FROM:
	case REL_MITIGATES:
	case REL_SUBTECHNIQUE_OF:
	case REL_VARIANT_OF:
	case REL_SIGHTED:
		return 1;
	default:
		return 0;
	}
}

static int step_allowed(const struct walk *w, uint32_t x, uint32_t y, uint32_t eid)
{
	const struct graph *g = w->g;
	const struct edge *e = &g->edges[eid];
	int kx = g->nodes[x].kind, ky = g->nodes[y].kind;
	int out = e->src == x, rel = e->rel;
	if (rel_excluded(rel))
		return 0;
	if (kind_is_infra(kx))
		return kind_is_infra(ky) && out &&
		       (rel == REL_HAS_HOST || rel == REL_RESOLVES_TO || rel == REL_BELONGS_TO);
	if (!is_container(kx))
		return 0;
	if (kind_is_infra(ky))
		return 1;
	int owner_kind = kx == NODE_ACTOR || kx == NODE_CAMPAIGN || kx == NODE_REPORT;
	switch (ky) {
	case NODE_MALWARE:
	case NODE_TOOL:
	case NODE_TECHNIQUE:
		return owner_kind && out &&
		       (rel == REL_USES || (kx == NODE_REPORT && rel == REL_MENTIONS));
	case NODE_INFRASTRUCTURE:
		if (out)
			return 1;
		if (kx == NODE_ACTOR || kx == NODE_CAMPAIGN)
			return rel == REL_ATTRIBUTED_TO || rel == REL_OWNS || rel == REL_CONTROLS;
		return (kx == NODE_MALWARE || kx == NODE_TOOL) &&
		       (rel == REL_CONTROLS || rel == REL_HOSTS || rel == REL_DELIVERS);
	default:
		/* actors, campaigns and reports join units as seeds only */
		return 0;
	}
}

static int eff_conf(uint8_t c)
{
	return c == CONF_UNKNOWN ? 50 : c;
}

static int cmp_edge_content(const struct graph *g, uint32_t a, uint32_t b)
{
	if (a == b)
		return 0;
	const struct edge *x = &g->edges[a], *y = &g->edges[b];
	if (x->rel != y->rel)
		return x->rel < y->rel ? -1 : 1;
	int c;
	if ((c = strcmp(graph_node_key(g, x->src), graph_node_key(g, y->src))))
		return c;
	if ((c = strcmp(graph_node_key(g, x->dst), graph_node_key(g, y->dst))))
		return c;
	if ((c = strcmp(graph_file_path(g, x->file), graph_file_path(g, y->file))))
		return c;
	if ((c = strcmp(graph_str(g, x->obj), graph_str(g, y->obj))))
		return c;
	return a < b ? -1 : 1;
}

/* <0 when label a is better than b. */
static int cmp_lab(const struct graph *g, const struct lab *a, const struct lab *b)
{
	if (a->partial != b->partial)
		return a->partial ? 1 : -1;
	int ca = eff_conf(a->conf), cb = eff_conf(b->conf);
	if (ca != cb)
		return ca > cb ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	if (a->start != b->start) {
		int c = strcmp(graph_node_key(g, a->start), graph_node_key(g, b->start));
		if (c)
			return c;
	}
	for (int i = 0; i < a->len; i++) {
		int c = cmp_edge_content(g, a->path[i], b->path[i]);
		if (c)
			return c;
	}
	return 0;
}

static int on_path(const struct graph *g, const struct lab *l, uint32_t y)
{
	if (l->start == y)
		return 1;
	uint32_t cur = l->start;
	for (int i = 0; i < l->len; i++) {
		cur = graph_edge_other(g, l->path[i], cur);
		if (cur == y)
			return 1;
	}
	return 0;
}

static void window_of(const struct graph *g, const struct lab *l, uint32_t value, int32_t *first,
		      int32_t *last)
{
	*first = *last = DATE_UNKNOWN;
	/* the statement nearest the value is the most specific about it */
	for (int i = l->len - 1; i >= 0; i--) {
		const struct edge *e = &g->edges[l->path[i]];
		if (e->first != DATE_UNKNOWN || e->last != DATE_UNKNOWN) {
			*first = e->first != DATE_UNKNOWN ? e->first : e->last;
			*last = e->last != DATE_UNKNOWN ? e->last : e->first;
			return;
		}
	}
	/* else the dates of a campaign, report or infrastructure on the way */
	uint32_t nodes[OVERLAP_MAX_PATH + 1];
	uint32_t cur = l->start;
	for (int i = 0; i < l->len; i++)
		nodes[i] = cur = graph_edge_other(g, l->path[i], cur);
	for (int i = l->len - 1; i >= 0; i--) {
		const struct node *n = &g->nodes[nodes[i]];
		if (nodes[i] == value || (n->kind != NODE_CAMPAIGN && n->kind != NODE_REPORT &&
					  n->kind != NODE_INFRASTRUCTURE))
			continue;
		if (n->first_seen != DATE_UNKNOWN || n->last_seen != DATE_UNKNOWN) {
			*first = n->first_seen != DATE_UNKNOWN ? n->first_seen : n->last_seen;
			*last = n->last_seen != DATE_UNKNOWN ? n->last_seen : n->first_seen;
			return;
		}
	}
}

static void visit(struct walk *w, uint32_t unit, uint32_t y, const struct lab *l)
{
	XGROW(w->labs, w->caplabs, w->nlabs + 1);
	w->stamp[y] = unit + 1;
	w->li[y] = (uint32_t)w->nlabs;
	w->labs[w->nlabs++] = *l;
	XGROW(w->visited, w->capvisited, w->nvisited + 1);
	w->visited[w->nvisited++] = y;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_member(const void *a, const void *b)
{
	const struct membership *x = a, *y = b;
	return x->value < y->value ? -1 : x->value > y->value;
}

struct growing {
	uint32_t *v;
	size_t n, cap;
};

/* The run [out[0], out[1]) of a's edges with relation rel (graph_adj sorts
 * a node's edges by relation first). */
static void adj_rel_range(const struct graph *g, struct adj a, int rel, uint32_t out[2])
{
	uint32_t lo = 0, hi = a.count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (g->edges[a.edges[mid]].rel < rel)
			lo = mid + 1;
		else
			hi = mid;
	}
	out[0] = lo;
	hi = a.count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (g->edges[a.edges[mid]].rel <= rel)
			lo = mid + 1;
		else
			hi = mid;
	}
	out[1] = lo;
}

/* Whether the analyst re-filed the statements of copy group grp away from
 * the unit walked. */
static int skipped(const struct walk *w, uint32_t grp)
{
	for (size_t i = 0; i < w->nrefile; i++)
		if (w->refile[i].skip && w->refile[i].group == grp)
			return 1;
	return 0;
}

static void walk_unit(struct walk *w, uint32_t u, const uint32_t *seeds, size_t nseeds,
		      struct growing *tools, struct growing *techs, struct overlap *ov,
		      size_t *capmembers)
{
	const struct graph *g = w->g;
	int maxd = ov->o.max_depth;
	if (maxd < 1)
		maxd = 1;
	if (maxd > OVERLAP_MAX_PATH)
		maxd = OVERLAP_MAX_PATH;
	w->nlabs = w->nvisited = 0;
	uint32_t *frontier = NULL, *next = NULL;
	size_t nf = 0, capf = 0, nn = 0, capn = 0;
	struct lab *snap = NULL;
	size_t capsnap = 0;
	for (size_t i = 0; i < nseeds; i++) {
		if (w->stamp[seeds[i]] == u + 1)
			continue;
		struct lab l;
		memset(&l, 0, sizeof(l));
		l.start = seeds[i];
		l.group = UINT32_MAX;
		/* a name-inferred attribution lends its evidence less confidence */
		const struct attribution *at = attribution_of(ov->attr, seeds[i]);
		l.conf = at && at->owner != NODE_NONE ? at->conf : CONF_UNKNOWN;
		visit(w, u, seeds[i], &l);
		XGROW(frontier, capf, nf + 1);
		frontier[nf++] = seeds[i];
	}
	for (size_t i = 0; i < w->nrefile; i++) {
		const struct refile_walk *r = &w->refile[i];
		if (r->skip || w->stamp[r->node] == u + 1)
			continue;
		struct lab l;
		memset(&l, 0, sizeof(l));
		l.start = r->node;
		l.group = r->group;
		l.conf = CONF_UNKNOWN;
		visit(w, u, r->node, &l);
		XGROW(frontier, capf, nf + 1);
		frontier[nf++] = r->node;
	}
	for (int d = 1; d <= maxd && nf; d++) {
		XGROW(snap, capsnap, nf);
		for (size_t i = 0; i < nf; i++)
			snap[i] = w->labs[w->li[frontier[i]]];
		w->round_stamp++;
		nn = 0;
		for (size_t i = 0; i < nf; i++) {
			uint32_t x = frontier[i];
			const struct lab *lx = &snap[i];
			if (lx->len >= maxd)
				continue;
			int kx = g->nodes[x].kind;
			if (!is_container(kx) && !kind_is_infra(kx))
				continue;
			struct adj a = graph_adj(g, x);
			/* From a value only has-host, resolves-to and belongs-to lead
			 * on: look at those relations' runs of the (relation-sorted)
			 * adjacency, not at every edge of a value a thousand units
			 * reach, which made the walk quadratic in df. */
			uint32_t spans[3][2], nspans = 0;
			if (kind_is_infra(kx)) {
				static const int onward[3] = {REL_RESOLVES_TO, REL_BELONGS_TO,
							      REL_HAS_HOST};
				for (int r = 0; r < 3; r++) {
					adj_rel_range(g, a, onward[r], spans[nspans]);
					if (spans[nspans][0] < spans[nspans][1])
						nspans++;
				}
			} else {
				spans[0][0] = 0;
				spans[0][1] = a.count;
				nspans = 1;
			}
			for (uint32_t sp = 0; sp < nspans; sp++)
				for (uint32_t k = spans[sp][0]; k < spans[sp][1]; k++) {
					uint32_t eid = a.edges[k];
					uint32_t y = graph_edge_other(g, eid, x);
					if (y == x || !infra_edge_ok(ov, eid) ||
					    !infra_node_ok(ov, y))
						continue;
					if (!step_allowed(w, x, y, eid) || on_path(g, lx, y))
						continue;
					uint32_t grp = copies_group(ov->copies, g->edges[eid].file);
					if ((w->only_group != UINT32_MAX && grp != w->only_group) ||
					    (lx->group != UINT32_MAX && grp != lx->group) ||
					    skipped(w, grp))
						continue;
					/* through malware or a tool only within one source */
					if ((kx == NODE_MALWARE || kx == NODE_TOOL) && lx->len &&
					    g->edges[eid].file !=
						g->edges[lx->path[lx->len - 1]].file)
						continue;
					/* a file states something of the unit's when one of
					 * its statements leads to a value */
					if (w->group_stamp && kind_is_infra(g->nodes[y].kind) &&
					    w->group_stamp[grp] != u + 1) {
						w->group_stamp[grp] = u + 1;
						XGROW(w->groups, w->capgroups, w->ngroups + 1);
						w->groups[w->ngroups++] = grp;
					}
					struct lab c = *lx;
					c.path[c.len++] = eid;
					const struct edge *e = &g->edges[eid];
					c.pub = g->files[e->file].publisher;
					if (e->conf != CONF_UNKNOWN &&
					    (c.conf == CONF_UNKNOWN || e->conf < c.conf))
						c.conf = e->conf;
					if (e->flags & EDGE_F_PARTIAL)
						c.partial = 1;
					if (w->stamp[y] != u + 1) {
						visit(w, u, y, &c);
					} else {
						struct lab *cur = &w->labs[w->li[y]];
						uint32_t pub = overlap_pub_merge(cur->pub, c.pub);
						cur->pub = pub;
						if (cur->len == 0 || cmp_lab(g, &c, cur) >= 0)
							continue;
						*cur = c;
						cur->pub = pub;
					}
					if (w->queued[y] != w->round_stamp) {
						w->queued[y] = w->round_stamp;
						XGROW(next, capn, nn + 1);
						next[nn++] = y;
					}
				}
		}
		uint32_t *t = frontier;
		frontier = next;
		next = t;
		size_t tc = capf;
		capf = capn;
		capn = tc;
		nf = nn;
	}
	free(frontier);
	free(next);
	free(snap);
	/* collect */
	size_t first_member = ov->nmembers;
	for (size_t i = 0; i < w->nvisited; i++) {
		uint32_t y = w->visited[i];
		const struct lab *l = &w->labs[w->li[y]];
		if (l->len == 0)
			continue;
		int k = g->nodes[y].kind;
		if (kind_is_infra(k)) {
			XGROW(ov->members, *capmembers, ov->nmembers + 1);
			struct membership *m = &ov->members[ov->nmembers++];
			memset(m, 0, sizeof(*m));
			m->value = y;
			m->start = l->start;
			memcpy(m->path, l->path, sizeof(m->path));
			m->path_len = l->len;
			m->conf = l->conf;
			m->flags = l->partial ? EV_PARTIAL : 0;
			m->pub = l->pub;
			window_of(g, l, y, &m->first, &m->last);
		} else if (k == NODE_MALWARE || k == NODE_TOOL) {
			XGROW(tools->v, tools->cap, tools->n + 1);
			tools->v[tools->n++] = y;
		} else if (k == NODE_TECHNIQUE) {
			XGROW(techs->v, techs->cap, techs->n + 1);
			techs->v[techs->n++] = y;
		}
	}
	struct unit *un = &ov->units[u];
	un->first_member = (uint32_t)first_member;
	un->member_count = (uint32_t)(ov->nmembers - first_member);
	if (un->member_count > 1)
		qsort(ov->members + first_member, un->member_count, sizeof(*ov->members),
		      cmp_member);
}

static int cmp_u32_asc(const void *a, const void *b)
{
	return cmp_u32(a, b);
}

void infra_set_build(struct overlap *ov, size_t from, size_t to, struct infra_sources *src)
{
	const struct graph *g = ov->g;
	size_t nn = g->node_count;
	struct walk w;
	memset(&w, 0, sizeof(w));
	w.ov = ov;
	w.g = g;
	w.stamp = xcalloc(nn + 1, sizeof(*w.stamp));
	w.li = xcalloc(nn + 1, sizeof(*w.li));
	w.queued = xcalloc(nn + 1, sizeof(*w.queued));
	w.only_group = UINT32_MAX;
	if (src) {
		w.group_stamp = xcalloc(g->file_count + 1, sizeof(*w.group_stamp));
		src->off = xcalloc(to - from + 1, sizeof(*src->off));
		src->groups = NULL;
	}
	size_t capmembers = ov->nmembers, capsrc = 0;
	struct growing tools = {ov->tools, ov->ntools_all, ov->ntools_all};
	struct growing techs = {ov->techs, ov->ntechs_all, ov->ntechs_all};
	XGROW(ov->tool_off, ov->cap_tool_off, to + 1);
	XGROW(ov->tech_off, ov->cap_tech_off, to + 1);
	for (size_t u = from; u < to; u++) {
		size_t t0 = tools.n, q0 = techs.n;
		ov->tool_off[u] = (uint32_t)t0;
		ov->tech_off[u] = (uint32_t)q0;
		w.only_group = ov->units[u].group;
		w.ngroups = 0;
		/* a source walks as its actor does, within its group */
		uint32_t owner = ov->units[u].kind == UNIT_SOURCE ? ov->units[u].parent : (uint32_t)u;
		size_t r0 = 0;
		while (r0 < ov->nrefile && ov->refile[r0].unit < owner)
			r0++;
		size_t r1 = r0;
		while (r1 < ov->nrefile && ov->refile[r1].unit == owner)
			r1++;
		w.refile = ov->refile ? ov->refile + r0 : NULL;
		w.nrefile = r1 - r0;
		walk_unit(&w, (uint32_t)u, ov->seeds + ov->seed_off[u],
			  ov->seed_off[u + 1] - ov->seed_off[u], &tools, &techs, ov, &capmembers);
		if (tools.n - t0 > 1)
			qsort(tools.v + t0, tools.n - t0, sizeof(uint32_t), cmp_u32);
		if (techs.n - q0 > 1)
			qsort(techs.v + q0, techs.n - q0, sizeof(uint32_t), cmp_u32);
		ov->tool_off[u + 1] = (uint32_t)tools.n;
		ov->tech_off[u + 1] = (uint32_t)techs.n;
		ov->units[u].ntools = (uint32_t)(tools.n - t0);
		ov->units[u].ntechniques = (uint32_t)(techs.n - q0);
		if (src) {
			if (w.ngroups > 1)
				qsort(w.groups, w.ngroups, sizeof(uint32_t), cmp_u32_asc);
			size_t base = src->off[u - from];
			XGROW(src->groups, capsrc, base + w.ngroups + 1);
			if (w.ngroups)
				memcpy(src->groups + base, w.groups, w.ngroups * sizeof(uint32_t));
			src->off[u - from + 1] = (uint32_t)(base + w.ngroups);
		}
	}
	ov->tools = tools.v;
	ov->ntools_all = tools.n;
	ov->techs = techs.v;
	ov->ntechs_all = techs.n;
	free(w.stamp);
	free(w.li);
	free(w.queued);
	free(w.labs);
	free(w.visited);
	free(w.group_stamp);
	free(w.groups);
}
