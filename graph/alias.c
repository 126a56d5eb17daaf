/* The alias table (see alias.h for the rules). */
#include "graph/alias.h"

#include <stdlib.h>
#include <string.h>

#include "graph/intern.h"
#include "graph/normalize.h"
#include "graph/strbuf.h"
#include "graph/u64map.h"
#include "graph/xalloc.h"

/* claimers named in one ambiguous-alias diagnostic */
enum { AMBIGUOUS_LIST_MAX = 10, RESOLVE_PASSES_MAX = 16 };

struct claim {
	uint32_t actor;
	uint32_t key;  /* interned name key */
	uint32_t name; /* interned name as written */
	uint32_t file;
	uint32_t next; /* next claim with the same key, or UINT32_MAX */
	uint32_t files;	    /* files making this claim (a file loads at once) */
	uint32_t last_file; /* the last of them */
	uint8_t strength;
	uint8_t decided; /* an analyst's decision of the workspace (alias_decide) */
};

struct split {
	uint32_t a, b; /* interned name keys */
	uint32_t file;
	uint8_t decided; /* alias_decide's, not a loaded file's */
};

/* A workspace decision that two names are one actor. */
struct join {
	uint32_t a, b;	     /* interned name keys */
	uint32_t name_b;     /* b as the analyst wrote it */
	uint32_t file;
};

/* The catalogs (files defining many actors) defining a unit's members. */
struct catalogs {
	uint32_t *v;
	size_t n, cap;
};

struct alias_table {
	struct claim *claims;
	size_t nclaims, cap;
	struct u64map by_key;  /* key sid -> first claim */
	struct u64map claimed; /* (actor, key sid) pairs already claimed */
	uint32_t *parent;      /* union-find over node ids */
	size_t nparent;
	struct alias_merge *merges;
	size_t nmerges, merges_cap;
	struct alias_refusal *refusals;
	size_t nrefusals, refusals_cap;
	struct split *splits;
	size_t nsplits, splits_cap;
	struct join *joins;
	size_t njoins, joins_cap;
	uint64_t *undone; /* (alias key, claimer node) pairs the analyst undid */
	size_t nundone, undone_cap;
	size_t ambiguous;
	struct catalogs *cat;	  /* per node: the catalogs defining it */
	struct catalogs *ucat;	  /* per unit root: its members' catalogs */
	uint32_t *next_member;	  /* circular list of each unit's members */
	uint8_t *strong;      /* per node: an identity of its own (roots: any member's) */
};

struct alias_table *alias_table_new(void)
{
	struct alias_table *t = xcalloc(1, sizeof(*t));
	u64map_init(&t->by_key);
	u64map_init(&t->claimed);
	return t;
}

static void free_catalogs(struct alias_table *t)
{
	if (!t->cat)
		return;
	for (size_t i = 0; i < t->nparent; i++) {
		free(t->cat[i].v);
		free(t->ucat[i].v);
	}
	free(t->cat);
	free(t->ucat);
	free(t->next_member);
	t->cat = t->ucat = NULL;
	t->next_member = NULL;
}

void alias_table_free(struct alias_table *t)
{
	if (!t)
		return;
	free(t->claims);
	u64map_free(&t->by_key);
	u64map_free(&t->claimed);
	free_catalogs(t);
	free(t->strong);
	free(t->parent);
	free(t->merges);
	free(t->refusals);
	free(t->splits);
	free(t->joins);
	free(t->undone);
	free(t);
}

static const char *const strength_names[] = {"", "weak", "strong", "analyst"};
static const char *const how_names[] = {"claim", "shared alias", "attributed-to"};
static const char *const refusal_names[] = {
    "a weak claim between two actors with identities of their own",
    "a catalog lists them as different actors", "the analyst said they are different"};

const char *alias_strength_name(int s)
{
	return s >= ALIAS_WEAK && s <= ALIAS_ANALYST ? strength_names[s] : "?";
}

const char *alias_how_name(int how)
{
	return how >= 0 && how <= ALIAS_BY_ATTRIBUTED ? how_names[how] : "?";
}

const char *alias_refusal_name(int why)
{
	return why >= 0 && why <= ALIAS_REFUSED_SPLIT ? refusal_names[why] : "?";
}

static uint32_t name_key(struct graph *g, const char *name)
{
	struct strbuf key = STRBUF_INIT;
	norm_name_key(name, strlen(name), &key);
	uint32_t k = key.len ? graph_intern(g, strbuf_str(&key)) : 0;
	strbuf_free(&key);
	return k;
}

void alias_claim_as(struct graph *g, uint32_t actor, const char *name, uint32_t file,
		    int strength)
{
	struct alias_table *t = g->aliases;
	uint32_t k = name_key(g, name);
	if (!k || k == g->nodes[actor].key)
		return; /* an actor is always known by its own name */
	/* a hash lookup, not a walk of the key's claims: a file where 100,000
	 * actors claim one alias must not take quadratic time */
	uint32_t prev = u64map_get_or_set(&t->claimed, u64_pair(actor, k), (uint32_t)t->nclaims);
	if (prev != U64MAP_NONE) {
		/* the same claim again: keep its strongest source, count files */
		struct claim *c = &t->claims[prev];
		if (c->last_file != file) {
			c->files++;
			c->last_file = file;
		}
		if (c->strength < strength) {
			c->strength = (uint8_t)strength;
			c->file = file;
			g->adj_fresh = 0;
		}
		return;
	}
	uint32_t first = u64map_get(&t->by_key, k);
	XGROW(t->claims, t->cap, t->nclaims + 1);
	struct claim *c = &t->claims[t->nclaims];
	c->actor = actor;
	c->key = k;
	c->name = graph_intern(g, name);
	c->file = file;
	c->strength = (uint8_t)strength;
	c->decided = 0; /* a loaded claim; join_decided makes the workspace's */
	c->files = 1;
	c->last_file = file;
	c->next = first == U64MAP_NONE ? UINT32_MAX : first;
	u64map_set(&t->by_key, k, (uint32_t)t->nclaims++);
	g->adj_fresh = 0;
}

void alias_claim(struct graph *g, uint32_t actor, const char *name, uint32_t file)
{
	alias_claim_as(g, actor, name, file, ALIAS_STRONG);
}

void alias_split(struct graph *g, const char *a, const char *b, uint32_t file)
{
	struct alias_table *t = g->aliases;
	uint32_t ka = name_key(g, a), kb = name_key(g, b);
	if (!ka || !kb || ka == kb)
		return;
	XGROW(t->splits, t->splits_cap, t->nsplits + 1);
	t->splits[t->nsplits++] = (struct split){ka, kb, file};
	g->adj_fresh = 0;
}

void alias_decide(struct graph *g, const char *a, const char *b, int join, uint32_t file)
{
	struct alias_table *t = g->aliases;
	uint32_t ka = name_key(g, a), kb = name_key(g, b);
	if (!ka || !kb || ka == kb)
		return;
	if (join) {
		XGROW(t->joins, t->joins_cap, t->njoins + 1);
		t->joins[t->njoins++] = (struct join){ka, kb, graph_intern(g, b), file};
	} else {
		XGROW(t->splits, t->splits_cap, t->nsplits + 1);
		t->splits[t->nsplits++] = (struct split){ka, kb, file, 1};
	}
	g->adj_fresh = 0;
}

void alias_forget_file(struct graph *g, uint32_t file)
{
	struct alias_table *t = g->aliases;
	size_t n = 0;
	for (size_t i = 0; i < t->nsplits; i++)
		if (t->splits[i].file != file)
			t->splits[n++] = t->splits[i];
	if (n != t->nsplits)
		g->adj_fresh = 0;
	t->nsplits = n;
	n = 0;
	for (size_t i = 0; i < t->njoins; i++)
		if (t->joins[i].file != file)
			t->joins[n++] = t->joins[i];
	if (n != t->njoins)
		g->adj_fresh = 0;
	t->njoins = n;
}

void alias_strong_identity(struct graph *g, uint32_t actor, const char *name)
{
	struct node *n = &g->nodes[actor];
	if (!(n->flags & NODE_F_STRONG_ID) && name && *name)
		n->label = graph_intern(g, name);
	n->flags |= NODE_F_STRONG_ID;
}

/* ---- union-find with the unit's catalogs ---- */

static uint32_t find_root(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static void cat_add(struct catalogs *c, uint32_t file)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i] == file)
			return;
	XGROW(c->v, c->cap, c->n + 1);
	c->v[c->n++] = file;
}

/* Joins the units of a and b; the smaller node id becomes the root, so the
 * representative does not depend on claim order. */
static void unite(struct alias_table *t, uint32_t a, uint32_t b)
{
	a = find_root(t->parent, a);
	b = find_root(t->parent, b);
	if (a == b)
		return;
	uint32_t root = a < b ? a : b, other = a < b ? b : a;
	t->parent[other] = root;
	t->strong[root] |= t->strong[other];
	for (size_t i = 0; i < t->ucat[other].n; i++)
		cat_add(&t->ucat[root], t->ucat[other].v[i]);
	/* splice the two circular member lists */
	uint32_t tmp = t->next_member[root];
	t->next_member[root] = t->next_member[other];
	t->next_member[other] = tmp;
}

/* The actors each catalog file defines (ATTR_SOURCE_ID attributes). */
static void load_catalogs(const struct graph *g, struct alias_table *t)
{
	uint32_t *per_file = xcalloc(g->file_count + 1, sizeof(*per_file));
	for (size_t i = 0; i < g->attr_count; i++) {
		const struct attr *a = &g->attrs[i];
		if (a->type == ATTR_SOURCE_ID && a->file < g->file_count &&
		    g->nodes[a->node].kind == NODE_ACTOR)
			per_file[a->file]++;
	}
	for (size_t i = 0; i < g->attr_count; i++) {
		const struct attr *a = &g->attrs[i];
		if (a->type == ATTR_SOURCE_ID && a->file < g->file_count &&
		    g->nodes[a->node].kind == NODE_ACTOR && per_file[a->file] >= ALIAS_CATALOG_MIN) {
			cat_add(&t->cat[a->node], a->file);
			cat_add(&t->ucat[a->node], a->file);
		}
	}
	free(per_file);
}

/* A unit has an identity of its own when any member has one. */
static int is_strong(const struct graph *g, uint32_t root)
{
	return g->aliases->strong[root];
}

/* The actor a name key stands for: the actor of that own name, else the
 * strongest claimer of it (the first in claim order); NODE_NONE when none. */
static uint32_t actor_of_key(const struct graph *g, uint32_t k)
{
	const struct alias_table *t = g->aliases;
	uint32_t n = graph_find(g, NODE_ACTOR, graph_str(g, k));
	if (n != NODE_NONE)
		return n;
	int best = 0;
	for (uint32_t c = u64map_get(&t->by_key, k); c != U64MAP_NONE && c != UINT32_MAX;
	     c = t->claims[c].next)
		if (t->claims[c].strength > best) {
			best = t->claims[c].strength;
			n = t->claims[c].actor;
		}
	return n;
}

/* Whether the unit (root) holds an actor whose own key is k (or, for a
 * name no actor owns, the actor claiming it most strongly). */
static int unit_has_key(const struct graph *g, uint32_t root, uint32_t k)
{
	uint32_t n = actor_of_key(g, k);
	return n != NODE_NONE && find_root(g->aliases->parent, n) == root;
}

static int has_cat(const struct catalogs *c, uint32_t file)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i] == file)
			return 1;
	return 0;
}

/* Whether actor x claims the own name of actor y (from any source). */
static int claims_name_of(const struct graph *g, uint32_t x, uint32_t y)
{
	return u64map_get(&g->aliases->claimed, u64_pair(x, g->nodes[y].key)) != U64MAP_NONE;
}

/* A catalog keeps two units apart when it has an entry in each and none of
 * its entries in one claims the name of one of its entries in the other:
 * the galaxy lists GREF beside APT15 and says nothing of one being the
 * other. When it links them itself (Microsoft's "Brass Typhoon" entry
 * claims its older "BARIUM" entry), it does not. */
static int catalog_keeps_apart(const struct graph *g, uint32_t ra, uint32_t rb, uint32_t file)
{
	const struct alias_table *t = g->aliases;
	uint32_t x = ra;
	do {
		if (has_cat(&t->cat[x], file)) {
			uint32_t y = rb;
			do {
				if (has_cat(&t->cat[y], file) &&
				    (claims_name_of(g, x, y) || claims_name_of(g, y, x)))
					return 0;
				y = t->next_member[y];
			} while (y != rb);
		}
		x = t->next_member[x];
	} while (x != ra);
	return 1;
}

/* 0 when units ra and rb may join on a claim of this strength, else
 * 1 + enum alias_refusal_why; *catalog gets the disputing file. */
static int refusal(const struct graph *g, uint32_t ra, uint32_t rb, int strength, int decided,
		   uint32_t *catalog, int *strong_a, int *strong_b)
{
	struct alias_table *t = g->aliases;
	*catalog = UINT32_MAX;
	for (size_t i = 0; i < t->nsplits; i++) {
		const struct split *s = &t->splits[i];
		/* the workspace's "same actor" wins over a loaded "different" */
		if (decided && !s->decided)
			continue;
		if ((unit_has_key(g, ra, s->a) && unit_has_key(g, rb, s->b)) ||
		    (unit_has_key(g, ra, s->b) && unit_has_key(g, rb, s->a)))
			return 1 + ALIAS_REFUSED_SPLIT;
	}
	if (strength < ALIAS_ANALYST) {
		const struct catalogs *ca = &t->ucat[ra], *cb = &t->ucat[rb];
		for (size_t i = 0; i < ca->n; i++)
			for (size_t j = 0; j < cb->n; j++)
				if (ca->v[i] == cb->v[j] && catalog_keeps_apart(g, ra, rb, ca->v[i])) {
					*catalog = ca->v[i];
					return 1 + ALIAS_REFUSED_DISPUTED;
				}
	}
	if (strength == ALIAS_WEAK) {
		if (*strong_a < 0)
			*strong_a = is_strong(g, ra);
		if (*strong_b < 0)
			*strong_b = is_strong(g, rb);
		if (*strong_a && *strong_b)
			return 1 + ALIAS_REFUSED_WEAK;
	}
	return 0;
}

static int is_undone(const struct alias_table *t, uint32_t key, uint32_t claimer)
{
	uint64_t v = u64_pair(key, claimer);
	for (size_t i = 0; i < t->nundone; i++)
		if (t->undone[i] == v)
			return 1;
	return 0;
}

static void record(struct alias_table *t, uint32_t a, uint32_t b, const struct claim *c, int how,
		   int undone)
{
	XGROW(t->merges, t->merges_cap, t->nmerges + 1);
	struct alias_merge *m = &t->merges[t->nmerges++];
	m->a = a;
	m->b = b;
	m->alias = c->name;
	m->claimer = c->actor;
	m->file = c->file;
	m->undone = (uint8_t)undone;
	m->strength = c->strength;
	m->how = (uint8_t)how;
}

static void refuse(struct alias_table *t, const struct claim *c, uint32_t named, int why,
		   uint32_t catalog)
{
	for (size_t i = 0; i < t->nrefusals; i++)
		if (t->refusals[i].claimer == c->actor && t->refusals[i].alias == c->name &&
		    t->refusals[i].named == named)
			return;
	XGROW(t->refusals, t->refusals_cap, t->nrefusals + 1);
	struct alias_refusal *r = &t->refusals[t->nrefusals++];
	r->claimer = c->actor;
	r->named = named;
	r->alias = c->name;
	r->file = c->file;
	r->other_file = catalog;
	r->strength = c->strength;
	r->why = (uint8_t)why;
}

/* Tries to join the claimer of c with node named; returns 1 when joined. */
static int try_join(struct graph *g, const struct claim *c, uint32_t named, int how)
{
	struct alias_table *t = g->aliases;
	uint32_t ra = find_root(t->parent, c->actor), rb = find_root(t->parent, named);
	if (ra == rb)
		return 0;
	uint32_t catalog;
	int sa = -1, sb = -1;
	int why = refusal(g, ra, rb, c->strength, c->decided, &catalog, &sa, &sb);
	if (why) {
		refuse(t, c, named, why - 1, catalog);
		return 0;
	}
	unite(t, ra, rb);
	record(t, c->actor, named, c, how, 0);
	/* refused in an earlier pass, joined now: no longer a refusal */
	for (size_t i = 0; i < t->nrefusals; i++)
		if (t->refusals[i].claimer == c->actor && t->refusals[i].alias == c->name &&
		    t->refusals[i].named == named)
			t->refusals[i--] = t->refusals[--t->nrefusals];
	return 1;
}

static const struct graph *sort_g;

static int cmp_claim_idx(const void *pa, const void *pb)
{
	const struct claim *cl = sort_g->aliases->claims;
	const struct claim *a = &cl[*(const uint32_t *)pa], *b = &cl[*(const uint32_t *)pb];
	int c = strcmp(graph_str(sort_g, a->key), graph_str(sort_g, b->key));
	if (c)
		return c;
	if (a->strength != b->strength)
		return a->strength > b->strength ? -1 : 1;
	c = strcmp(graph_str(sort_g, sort_g->nodes[a->actor].key),
		   graph_str(sort_g, sort_g->nodes[b->actor].key));
	if (c)
		return c;
	return a->file < b->file ? -1 : a->file > b->file;
}

static const uint32_t *sort_named;

/* Files stating the link of claim i (its own, and the reverse claim's). */
static uint32_t support(const struct graph *g, uint32_t i, uint32_t named)
{
	const struct alias_table *t = g->aliases;
	const struct claim *c = &t->claims[i];
	uint32_t s = c->files;
	uint32_t r = u64map_get(&t->claimed, u64_pair(named, g->nodes[c->actor].key));
	if (r != U64MAP_NONE)
		s += t->claims[r].files;
	return s;
}

static int cmp_support(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	uint32_t sa = support(sort_g, a, sort_named[a]), sb = support(sort_g, b, sort_named[b]);
	if (sa != sb)
		return sa > sb ? -1 : 1;
	return cmp_claim_idx(pa, pb);
}

/* Claims run[0..n) of one name no actor owns: a unit known only from a file
 * name joins the one unit with an identity of its own that claims the name
 * strongly ("The Dukes"). Returns 1 when something joined. */
static int join_shared(struct graph *g, const uint32_t *run, size_t n)
{
	struct alias_table *t = g->aliases;
	uint32_t strong_root = NODE_NONE;
	const struct claim *strong_claim = NULL;
	for (size_t x = 0; x < n; x++) {
		const struct claim *c = &t->claims[run[x]];
		if (c->strength < ALIAS_STRONG || is_undone(t, c->key, c->actor))
			continue;
		uint32_t r = find_root(t->parent, c->actor);
		if (!is_strong(g, r))
			continue;
		if (strong_root != NODE_NONE && strong_root != r)
			return 0; /* two known units: ambiguous */
		strong_root = r;
		strong_claim = c;
	}
	if (strong_root == NODE_NONE)
		return 0;
	int changed = 0;
	for (size_t x = 0; x < n; x++) {
		const struct claim *c = &t->claims[run[x]];
		if (is_undone(t, c->key, c->actor))
			continue;
		uint32_t r = find_root(t->parent, c->actor);
		if (r == strong_root || is_strong(g, r))
			continue;
		changed |= try_join(g, c, strong_claim->actor, ALIAS_BY_SHARED);
	}
	return changed;
}

/* The workspace's "A = B" decisions, before any loaded claim. */
static void join_decided(struct graph *g)
{
	struct alias_table *t = g->aliases;
	for (size_t i = 0; i < t->njoins; i++) {
		const struct join *j = &t->joins[i];
		uint32_t a = actor_of_key(g, j->a), b = actor_of_key(g, j->b);
		if (a == NODE_NONE || b == NODE_NONE)
			continue; /* a name not loaded: nothing to join */
		struct claim c = {.actor = a,
				  .key = j->b,
				  .name = j->name_b,
				  .file = j->file,
				  .next = UINT32_MAX,
				  .strength = ALIAS_ANALYST,
				  .decided = 1};
		try_join(g, &c, b, ALIAS_BY_CLAIM);
	}
}

/* actor -attributed-to-> actor: the intrusion set and who is behind it. */
static void join_attributed(struct graph *g)
{
	struct alias_table *t = g->aliases;
	for (size_t e = 0; e < g->edge_count; e++) {
		const struct edge *ed = &g->edges[e];
		if (ed->rel != REL_ATTRIBUTED_TO || ed->src == ed->dst ||
		    g->nodes[ed->src].kind != NODE_ACTOR || g->nodes[ed->dst].kind != NODE_ACTOR ||
		    (ed->flags & EDGE_F_REVOKED))
			continue;
		struct claim c = {.actor = ed->src,
				  .key = g->nodes[ed->dst].key,
				  .name = g->nodes[ed->dst].label,
				  .file = ed->file,
				  .next = UINT32_MAX,
				  .strength = ALIAS_STRONG};
		if (is_undone(t, c.key, c.actor))
			continue;
		try_join(g, &c, ed->dst, ALIAS_BY_ATTRIBUTED);
	}
}

void alias_resolve(struct graph *g, struct diag_list *d)
{
	struct alias_table *t = g->aliases;
	free_catalogs(t);
	free(t->parent);
	t->nparent = g->node_count;
	t->parent = xmalloc((t->nparent + 1) * sizeof(*t->parent));
	t->cat = xcalloc(t->nparent + 1, sizeof(*t->cat));
	t->ucat = xcalloc(t->nparent + 1, sizeof(*t->ucat));
	t->next_member = xmalloc((t->nparent + 1) * sizeof(*t->next_member));
	free(t->strong);
	t->strong = xcalloc(t->nparent + 1, 1);
	for (size_t i = 0; i < t->nparent; i++) {
		t->parent[i] = (uint32_t)i;
		t->next_member[i] = (uint32_t)i;
		t->strong[i] = g->nodes[i].kind == NODE_ACTOR && (g->nodes[i].flags & NODE_F_STRONG_ID);
	}
	t->nmerges = 0;
	t->nrefusals = 0;
	t->ambiguous = 0;
	load_catalogs(g, t);
	/* claims in a fixed order (by name, strongest first, then claimer), so
	 * the result does not depend on the order files were loaded in */
	uint32_t *order = xmalloc((t->nclaims + 1) * sizeof(*order));
	for (size_t i = 0; i < t->nclaims; i++)
		order[i] = (uint32_t)i;
	sort_g = g;
	if (t->nclaims > 1)
		qsort(order, t->nclaims, sizeof(*order), cmp_claim_idx);
	sort_g = NULL;
	/* the claims of a name another actor owns, most supported first: a
	 * link stated by many sources (both directions counted) is settled
	 * before one stated by few, so a disputed one meets the settled units */
	uint32_t *named_of = xmalloc((t->nclaims + 1) * sizeof(*named_of));
	uint32_t *by_support = xmalloc((t->nclaims + 1) * sizeof(*by_support));
	size_t nsup = 0;
	for (size_t i = 0; i < t->nclaims; i++) {
		const struct claim *c = &t->claims[order[i]];
		named_of[order[i]] = graph_find(g, NODE_ACTOR, graph_str(g, c->key));
		if (named_of[order[i]] != NODE_NONE)
			by_support[nsup++] = order[i];
	}
	sort_g = g;
	sort_named = named_of;
	if (nsup > 1)
		qsort(by_support, nsup, sizeof(*by_support), cmp_support);
	sort_g = NULL;
	join_decided(g);
	for (int level = ALIAS_ANALYST; level >= ALIAS_WEAK; level--) {
		if (level == ALIAS_STRONG)
			join_attributed(g);
		for (int pass = 0, changed = 1; changed && pass < RESOLVE_PASSES_MAX; pass++) {
			changed = 0;
			/* agreement: every claimer of an owned name is that actor */
			for (size_t x = 0; x < nsup; x++) {
				const struct claim *c = &t->claims[by_support[x]];
				if (c->strength == level && !is_undone(t, c->key, c->actor))
					changed |= try_join(g, c, named_of[by_support[x]], ALIAS_BY_CLAIM);
			}
			if (level != ALIAS_WEAK)
				continue;
			/* a name nobody owns: a unit known only from a file name joins
			 * the one known unit that claims it strongly */
			for (size_t i = 0; i < t->nclaims;) {
				size_t j = i;
				uint32_t k = t->claims[order[i]].key;
				while (j < t->nclaims && t->claims[order[j]].key == k)
					j++;
				if (named_of[order[i]] == NODE_NONE)
					changed |= join_shared(g, order + i, j - i);
				i = j;
			}
		}
	}
	free(named_of);
	free(by_support);
	free(order);
	/* Keep undone merges listed, so the analyst can redo them. */
	for (size_t c = 0; c < t->nclaims; c++) {
		const struct claim *cl = &t->claims[c];
		if (!is_undone(t, cl->key, cl->actor))
			continue;
		uint32_t named = graph_find(g, NODE_ACTOR, graph_str(g, cl->key));
		if (named != NODE_NONE)
			record(t, cl->actor, named, cl, ALIAS_BY_CLAIM, 1);
	}
	alias_report_ambiguous(g, d);
}

/* Whether the live claims of a name (run from first) all come from one
 * unit; *unit gets it. */
static int claimers_agree(const struct alias_table *t, uint32_t first, uint32_t *unit)
{
	*unit = NODE_NONE;
	for (uint32_t c = first; c != UINT32_MAX; c = t->claims[c].next) {
		if (is_undone(t, t->claims[c].key, t->claims[c].actor))
			continue;
		uint32_t r = find_root(t->parent, t->claims[c].actor);
		if (*unit == NODE_NONE)
			*unit = r;
		else if (*unit != r)
			return 0;
	}
	return 1;
}

void alias_report_ambiguous(struct graph *g, struct diag_list *d)
{
	struct alias_table *t = g->aliases;
	/* names nobody owns, still claimed by more than one unit */
	t->ambiguous = 0;
	for (size_t i = 0; i < t->by_key.nslots; i++) {
		if (t->by_key.keys[i] == UINT64_MAX)
			continue;
		uint32_t first = t->by_key.vals[i];
		uint32_t unit;
		if (t->claims[first].next == UINT32_MAX || claimers_agree(t, first, &unit) ||
		    graph_find(g, NODE_ACTOR, graph_str(g, t->claims[first].key)) != NODE_NONE)
			continue;
		t->ambiguous++;
		if (!d)
			continue;
		struct strbuf who = STRBUF_INIT;
		size_t listed = 0, more = 0;
		for (uint32_t c = first; c != UINT32_MAX; c = t->claims[c].next)
			if (listed++ < AMBIGUOUS_LIST_MAX)
				strbuf_addf(&who, "%s%s", who.len ? ", " : "",
					    graph_node_label(g, t->claims[c].actor));
			else
				more++;
		if (more)
			strbuf_addf(&who, " and %zu more", more);
		diag_add(d, t->claims[first].file, DIAG_QUIRK, D_AMBIGUOUS, 0, 0, NULL,
			 "alias '%s' is claimed by %s; not merged",
			 graph_str(g, t->claims[first].name), strbuf_str(&who));
		strbuf_free(&who);
	}
	for (size_t i = 0; d && i < t->nrefusals; i++) {
		const struct alias_refusal *r = &t->refusals[i];
		diag_add(d, r->file, DIAG_QUIRK, D_AMBIGUOUS, 0, 0, NULL,
			 "%s claims '%s' (the actor %s) but they stay apart: %s%s%s; a possible "
			 "alias",
			 graph_node_label(g, r->claimer), graph_str(g, r->alias),
			 graph_node_label(g, r->named), alias_refusal_name(r->why),
			 r->other_file != UINT32_MAX ? ", in " : "",
			 r->other_file != UINT32_MAX ? graph_file_path(g, r->other_file) : "");
	}
}

uint32_t alias_unit(const struct graph *g, uint32_t actor)
{
	const struct alias_table *t = g->aliases;
	if (!t->parent || actor >= t->nparent)
		return actor;
	uint32_t x = actor;
	while (t->parent[x] != x)
		x = t->parent[x];
	return x;
}

int alias_better_name(const struct graph *g, uint32_t cand, uint32_t cur)
{
	int sc = (g->nodes[cand].flags & NODE_F_STRONG_ID) != 0;
	int su = (g->nodes[cur].flags & NODE_F_STRONG_ID) != 0;
	if (sc != su)
		return sc > su;
	uint32_t dc = graph_adj(g, cand).count, du = graph_adj(g, cur).count;
	if (dc != du)
		return dc > du;
	return strcmp(graph_node_key(g, cand), graph_node_key(g, cur)) < 0;
}

int alias_key_unit(const struct graph *g, uint32_t key, uint32_t *unit)
{
	const struct alias_table *t = g->aliases;
	*unit = NODE_NONE;
	uint32_t n = graph_find(g, NODE_ACTOR, graph_str(g, key));
	if (n != NODE_NONE) {
		*unit = alias_unit(g, n);
		return 1;
	}
	/* the strongest claims decide: a comment line in an IOC list that
	 * disagrees with the galaxies does not make a name ambiguous */
	uint32_t first = u64map_get(&t->by_key, key);
	int best = 0;
	for (uint32_t c = first; c != U64MAP_NONE && c != UINT32_MAX; c = t->claims[c].next)
		if (t->claims[c].strength > best)
			best = t->claims[c].strength;
	for (uint32_t c = first; c != U64MAP_NONE && c != UINT32_MAX; c = t->claims[c].next) {
		if (t->claims[c].strength != best)
			continue;
		uint32_t u = alias_unit(g, t->claims[c].actor);
		if (*unit == NODE_NONE) {
			*unit = u;
		} else if (*unit != u) {
			*unit = NODE_NONE;
			return -1;
		}
	}
	return *unit != NODE_NONE;
}

uint32_t alias_lookup(const struct graph *g, const char *name)
{
	struct strbuf key = STRBUF_INIT;
	norm_name_key(name, strlen(name), &key);
	uint32_t k = intern_find(g->strings, key.buf ? key.buf : "", key.len);
	strbuf_free(&key);
	uint32_t unit = NODE_NONE;
	if (k != UINT32_MAX)
		alias_key_unit(g, k, &unit);
	return unit;
}

const struct alias_merge *alias_merges(const struct graph *g, size_t *count)
{
	*count = g->aliases->nmerges;
	return g->aliases->merges;
}

const struct alias_refusal *alias_refusals(const struct graph *g, size_t *count)
{
	*count = g->aliases->nrefusals;
	return g->aliases->refusals;
}

int alias_undo(struct graph *g, size_t i, int undone)
{
	struct alias_table *t = g->aliases;
	if (i >= t->nmerges)
		return -1;
	struct alias_merge *m = &t->merges[i];
	uint64_t v = u64_pair(name_key(g, graph_str(g, m->alias)), m->claimer);
	size_t j = 0;
	while (j < t->nundone && t->undone[j] != v)
		j++;
	if (undone && j == t->nundone) {
		XGROW(t->undone, t->undone_cap, t->nundone + 1);
		t->undone[t->nundone++] = v;
	} else if (!undone && j < t->nundone) {
		t->undone[j] = t->undone[--t->nundone];
	}
	m->undone = (uint8_t)(undone != 0);
	g->adj_fresh = 0;
	return 0;
}

size_t alias_claim_count(const struct graph *g)
{
	return g->aliases ? g->aliases->nclaims : 0;
}

void alias_claim_get(const struct graph *g, size_t i, uint32_t *actor, uint32_t *key,
		     uint32_t *name)
{
	const struct claim *c = &g->aliases->claims[i];
	*actor = c->actor;
	*key = c->key;
	*name = c->name;
}

void alias_claim_source(const struct graph *g, size_t i, int *strength, uint32_t *file)
{
	const struct claim *c = &g->aliases->claims[i];
	*strength = c->strength;
	*file = c->file;
}

size_t alias_names(const struct graph *g, uint32_t actor, uint32_t *out, size_t max)
{
	const struct alias_table *t = g->aliases;
	uint32_t unit = alias_unit(g, actor);
	size_t found = 0;
	uint32_t keys[512];
	size_t nkeys = 0;
#define ADD_NAME(key_, name_)                                       \
	do {                                                        \
		int dup_ = 0;                                       \
		for (size_t j_ = 0; j_ < nkeys; j_++)               \
			dup_ |= keys[j_] == (key_);                 \
		if (!dup_) {                                        \
			if (nkeys < sizeof(keys) / sizeof(keys[0])) \
				keys[nkeys++] = (key_);             \
			if (found < max)                            \
				out[found] = (name_);               \
			found++;                                    \
		}                                                   \
	} while (0)
	/* own names of every actor in the unit first, then claimed names */
	for (size_t n = 0; n < g->node_count; n++)
		if (g->nodes[n].kind == NODE_ACTOR && alias_unit(g, (uint32_t)n) == unit)
			ADD_NAME(g->nodes[n].key, g->nodes[n].label);
	for (size_t c = 0; c < t->nclaims; c++)
		if (alias_unit(g, t->claims[c].actor) == unit)
			ADD_NAME(t->claims[c].key, t->claims[c].name);
#undef ADD_NAME
	return found;
}

size_t alias_ambiguous_count(const struct graph *g)
{
	return g->aliases->ambiguous;
}

/* ---- the snapshot's part (graph/snapshot.c) ----
 * The claims, splits and undone merges as loaded, in fixed-width records;
 * merges, refusals and catalogs are resolved again by alias_resolve(). */

static void put_u32(struct strbuf *out, uint32_t v)
{
	strbuf_add(out, (const char *)&v, sizeof(v));
}

void alias_save(const struct graph *g, struct strbuf *out)
{
	const struct alias_table *t = g->aliases;
	put_u32(out, (uint32_t)t->nclaims);
	put_u32(out, (uint32_t)t->nsplits);
	put_u32(out, (uint32_t)t->nundone);
	for (size_t i = 0; i < t->nclaims; i++) {
		const struct claim *c = &t->claims[i];
		uint32_t rec[8] = {c->actor, c->key,	 c->name,      c->file,
				   c->next,  c->files, c->last_file, c->strength};
		strbuf_add(out, (const char *)rec, sizeof(rec));
	}
	for (size_t i = 0; i < t->nsplits; i++) {
		uint32_t rec[3] = {t->splits[i].a, t->splits[i].b, t->splits[i].file};
		strbuf_add(out, (const char *)rec, sizeof(rec));
	}
	if (t->nundone)
		strbuf_add(out, (const char *)t->undone, t->nundone * sizeof(*t->undone));
}

/* Whether a file index is one of g's (or none). */
static int file_ok(const struct graph *g, uint32_t f)
{
	return f < g->file_count || f == UINT32_MAX;
}

int alias_restore(struct graph *g, const void *p, size_t n)
{
	struct alias_table *t = g->aliases;
	uint32_t head[3];
	if (n < sizeof(head) || t->nclaims || t->nsplits)
		return -1;
	memcpy(head, p, sizeof(head));
	uint64_t want = sizeof(head) + (uint64_t)head[0] * 32 + (uint64_t)head[1] * 12 +
			(uint64_t)head[2] * sizeof(uint64_t);
	if (want != n)
		return -1;
	const char *at = (const char *)p + sizeof(head);
	uint32_t nstr = intern_count(g->strings);
	t->claims = xmalloc(((size_t)head[0] + 1) * sizeof(*t->claims));
	t->cap = (size_t)head[0] + 1;
	for (uint32_t i = 0; i < head[0]; i++, at += 32) {
		uint32_t r[8];
		memcpy(r, at, sizeof(r));
		/* next names an earlier claim, so the lists cannot loop */
		if (r[0] >= g->node_count || r[1] >= nstr || r[2] >= nstr || !file_ok(g, r[3]) ||
		    (r[4] != UINT32_MAX && r[4] >= i) || !file_ok(g, r[6]) || r[7] < ALIAS_WEAK ||
		    r[7] > ALIAS_ANALYST)
			return -1;
		t->claims[i] = (struct claim){r[0], r[1], r[2], r[3], r[4], r[5], r[6], (uint8_t)r[7]};
		t->nclaims = i + 1;
		u64map_set(&t->by_key, r[1], i);
		if (u64map_get_or_set(&t->claimed, u64_pair(r[0], r[1]), i) != U64MAP_NONE)
			return -1; /* one claim per actor and name */
	}
	for (uint32_t i = 0; i < head[1]; i++, at += 12) {
		uint32_t r[3];
		memcpy(r, at, sizeof(r));
		if (r[0] >= nstr || r[1] >= nstr || !file_ok(g, r[2]))
			return -1;
		XGROW(t->splits, t->splits_cap, t->nsplits + 1);
		t->splits[t->nsplits++] = (struct split){r[0], r[1], r[2]};
	}
	if (head[2]) {
		t->undone = xmalloc(head[2] * sizeof(*t->undone));
		memcpy(t->undone, at, head[2] * sizeof(*t->undone));
		t->nundone = t->undone_cap = head[2];
	}
	g->adj_fresh = 0;
	return 0;
}
