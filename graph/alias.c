#include "graph/alias.h"

#include <stdlib.h>
#include <string.h>

#include "graph/intern.h"
#include "graph/normalize.h"
#include "graph/strbuf.h"
#include "graph/u64map.h"
#include "graph/xalloc.h"

/* claimers named in one ambiguous-alias diagnostic */
enum { AMBIGUOUS_LIST_MAX = 10 };

struct claim {
	uint32_t actor;
	uint32_t key;  /* interned name key */
	uint32_t name; /* interned name as written */
	uint32_t file;
	uint32_t next; /* next claim with the same key, or UINT32_MAX */
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
	uint64_t *undone; /* (alias key, claimer node) pairs the analyst undid */
	size_t nundone, undone_cap;
	size_t ambiguous;
};

struct alias_table *alias_table_new(void)
{
	struct alias_table *t = xcalloc(1, sizeof(*t));
	u64map_init(&t->by_key);
	u64map_init(&t->claimed);
	return t;
}

void alias_table_free(struct alias_table *t)
{
	if (!t)
		return;
	free(t->claims);
	u64map_free(&t->by_key);
	u64map_free(&t->claimed);
	free(t->parent);
	free(t->merges);
	free(t->undone);
	free(t);
}

void alias_claim(struct graph *g, uint32_t actor, const char *name, uint32_t file)
{
	struct alias_table *t = g->aliases;
	struct strbuf key = STRBUF_INIT;
	norm_name_key(name, strlen(name), &key);
	if (!key.len) {
		strbuf_free(&key);
		return;
	}
	uint32_t k = graph_intern(g, strbuf_str(&key));
	strbuf_free(&key);
	if (k == g->nodes[actor].key)
		return; /* an actor is always known by its own name */
	/* a hash lookup, not a walk of the key's claims: a file where 100,000
	 * actors claim one alias must not take quadratic time */
	if (u64map_get_or_set(&t->claimed, u64_pair(actor, k), (uint32_t)t->nclaims) != U64MAP_NONE)
		return;
	uint32_t first = u64map_get(&t->by_key, k);
	XGROW(t->claims, t->cap, t->nclaims + 1);
	struct claim *c = &t->claims[t->nclaims];
	c->actor = actor;
	c->key = k;
	c->name = graph_intern(g, name);
	c->file = file;
	c->next = first == U64MAP_NONE ? UINT32_MAX : first;
	u64map_set(&t->by_key, k, (uint32_t)t->nclaims++);
	g->adj_fresh = 0;
}

static uint32_t find_root(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

/* Joins the units of a and b; the smaller node id becomes the root, so the
 * representative does not depend on claim order. */
static int unite(uint32_t *parent, uint32_t a, uint32_t b)
{
	a = find_root(parent, a);
	b = find_root(parent, b);
	if (a == b)
		return 0;
	if (a < b)
		parent[b] = a;
	else
		parent[a] = b;
	return 1;
}

static int is_undone(const struct alias_table *t, uint32_t key, uint32_t claimer)
{
	uint64_t v = u64_pair(key, claimer);
	for (size_t i = 0; i < t->nundone; i++)
		if (t->undone[i] == v)
			return 1;
	return 0;
}

static void record(struct alias_table *t, uint32_t a, uint32_t b, const struct claim *c)
{
	XGROW(t->merges, t->merges_cap, t->nmerges + 1);
	struct alias_merge *m = &t->merges[t->nmerges++];
	m->a = a;
	m->b = b;
	m->alias = c->name;
	m->claimer = c->actor;
	m->file = c->file;
	m->undone = 0;
}

static void record_undone(struct alias_table *t, uint32_t a, uint32_t b, const struct claim *c)
{
	record(t, a, b, c);
	t->merges[t->nmerges - 1].undone = 1;
}

/* Claims of key k that are live (not undone), counted by distinct unit. */
static int claimers_agree(struct alias_table *t, uint32_t first, uint32_t *unit)
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

void alias_resolve(struct graph *g, struct diag_list *d)
{
	struct alias_table *t = g->aliases;
	free(t->parent);
	t->nparent = g->node_count;
	t->parent = xmalloc((t->nparent + 1) * sizeof(*t->parent));
	for (size_t i = 0; i < t->nparent; i++)
		t->parent[i] = (uint32_t)i;
	t->nmerges = 0;
	t->ambiguous = 0;

	/* Pass 1: a name claimed by exactly one actor joins it to the actor of
	 * that name. Pass 2 (repeated until stable): a name claimed by several
	 * actors joins only when they are already one unit. */
	for (int pass = 1, changed = 1; changed && pass < 64; pass++) {
		changed = 0;
		for (size_t i = 0; i < t->by_key.nslots; i++) {
			if (t->by_key.keys[i] == UINT64_MAX)
				continue;
			uint32_t k = (uint32_t)t->by_key.keys[i];
			uint32_t first = t->by_key.vals[i];
			int multi = t->claims[first].next != UINT32_MAX;
			if ((pass == 1) == multi)
				continue;
			uint32_t named = graph_find(g, NODE_ACTOR, graph_str(g, k));
			if (named == NODE_NONE)
				continue;
			uint32_t unit;
			if (!claimers_agree(t, first, &unit) || unit == NODE_NONE)
				continue;
			for (uint32_t c = first; c != UINT32_MAX; c = t->claims[c].next) {
				const struct claim *cl = &t->claims[c];
				if (is_undone(t, cl->key, cl->actor))
					continue;
				if (unite(t->parent, cl->actor, named)) {
					record(t, cl->actor, named, cl);
					changed = 1;
				}
			}
		}
		if (pass == 1)
			changed = 1;
	}

	/* Keep undone merges listed, so the analyst can redo them. */
	for (size_t c = 0; c < t->nclaims; c++) {
		const struct claim *cl = &t->claims[c];
		if (!is_undone(t, cl->key, cl->actor))
			continue;
		uint32_t named = graph_find(g, NODE_ACTOR, graph_str(g, cl->key));
		if (named != NODE_NONE)
			record_undone(t, cl->actor, named, cl);
	}

	alias_report_ambiguous(g, d);
}

void alias_report_ambiguous(struct graph *g, struct diag_list *d)
{
	struct alias_table *t = g->aliases;
	/* names still claimed by more than one unit */
	t->ambiguous = 0;
	for (size_t i = 0; i < t->by_key.nslots; i++) {
		if (t->by_key.keys[i] == UINT64_MAX)
			continue;
		uint32_t first = t->by_key.vals[i];
		uint32_t unit;
		if (t->claims[first].next == UINT32_MAX || claimers_agree(t, first, &unit))
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

uint32_t alias_lookup(const struct graph *g, const char *name)
{
	struct alias_table *t = g->aliases;
	struct strbuf key = STRBUF_INIT;
	norm_name_key(name, strlen(name), &key);
	uint32_t found = NODE_NONE;
	uint32_t n = graph_find(g, NODE_ACTOR, strbuf_str(&key));
	if (n != NODE_NONE) {
		found = alias_unit(g, n);
	} else {
		uint32_t k = intern_find(g->strings, key.buf ? key.buf : "", key.len);
		uint32_t first = k == UINT32_MAX ? U64MAP_NONE : u64map_get(&t->by_key, k);
		for (uint32_t c = first; c != U64MAP_NONE && c != UINT32_MAX;
		     c = t->claims[c].next) {
			uint32_t u = alias_unit(g, t->claims[c].actor);
			if (found == NODE_NONE) {
				found = u;
			} else if (found != u) {
				found = NODE_NONE; /* ambiguous: let the caller say so */
				break;
			}
		}
	}
	strbuf_free(&key);
	return found;
}

const struct alias_merge *alias_merges(const struct graph *g, size_t *count)
{
	*count = g->aliases->nmerges;
	return g->aliases->merges;
}

int alias_undo(struct graph *g, size_t i, int undone)
{
	struct alias_table *t = g->aliases;
	if (i >= t->nmerges)
		return -1;
	struct alias_merge *m = &t->merges[i];
	struct strbuf key = STRBUF_INIT;
	const char *name = graph_str(g, m->alias);
	norm_name_key(name, strlen(name), &key);
	uint64_t v = u64_pair(graph_intern(g, strbuf_str(&key)), m->claimer);
	strbuf_free(&key);
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
