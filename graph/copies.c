/* Copies of one report in several files (see copies.h). */
#include "graph/copies.h"

#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/normalize.h"
#include "graph/strbuf.h"
#include "graph/u64map.h"
#include "graph/xalloc.h"

struct copies {
	size_t nfiles;
	uint32_t *parent; /* union-find over files */
	char **why;	  /* per file, owned */
	uint32_t *val_off, *vals; /* per file, sorted values (CSR) */
	uint32_t *unit_off, *units; /* per file, sorted actor units it names */
};

static uint32_t find(uint32_t *p, uint32_t x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Sorts and deduplicates pairs in place (returns the new count). */
static size_t sort_unique(uint64_t *pairs, size_t n)
{
	if (n > 1)
		qsort(pairs, n, sizeof(*pairs), cmp_u64);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!m || pairs[i] != pairs[m - 1])
			pairs[m++] = pairs[i];
	return m;
}

/* Sorted unique (hi, lo) pairs as a CSR over hi. */
static void csr_from_pairs(uint64_t *pairs, size_t n, size_t nrows, uint32_t **off, uint32_t **col)
{
	*off = xcalloc(nrows + 1, sizeof(**off));
	*col = xmalloc((n + 1) * sizeof(**col));
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		(*col)[m++] = (uint32_t)pairs[i];
		(*off)[(pairs[i] >> 32) + 1]++;
	}
	for (size_t r = 0; r < nrows; r++)
		(*off)[r + 1] += (*off)[r];
}

/* Whether the sorted sets a and b share an element. */
static int meet(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0, j = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j])
			return 1;
		if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return 0;
}

struct ctx {
	const struct graph *g;
	struct copies *c;
	uint32_t *folder;		 /* per file: interned directory */
	uint32_t *unit_off, *units;	 /* per file: actor units it names */
};

static int compatible(const struct ctx *x, uint32_t a, uint32_t b)
{
	size_t na = x->unit_off[a + 1] - x->unit_off[a], nb = x->unit_off[b + 1] - x->unit_off[b];
	if (!na || !nb)
		return 1;
	return meet(x->units + x->unit_off[a], na, x->units + x->unit_off[b], nb);
}

static void join(struct ctx *x, uint32_t a, uint32_t b, char *why)
{
	uint32_t ra = find(x->c->parent, a), rb = find(x->c->parent, b);
	if (ra == rb || !compatible(x, a, b)) {
		free(why);
		return;
	}
	/* the smaller index leads, so the result does not depend on the order
	 * pairs are found in */
	uint32_t lead = ra < rb ? ra : rb, other = ra < rb ? rb : ra;
	x->c->parent[other] = lead;
	uint32_t who = other == rb ? b : a;
	if (!x->c->why[who])
		x->c->why[who] = why;
	else
		free(why);
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

struct copies *copies_build(const struct graph *g, int (*edge_ok)(const void *ctx, uint32_t e),
			    const void *ectx)
{
	struct copies *c = xcalloc(1, sizeof(*c));
	size_t nf = g->file_count;
	c->nfiles = nf;
	c->parent = xmalloc((nf + 1) * sizeof(*c->parent));
	c->why = xcalloc(nf + 1, sizeof(*c->why));
	for (size_t f = 0; f < nf; f++)
		c->parent[f] = (uint32_t)f;
	/* per file: its values and the actor units its statements name */
	uint64_t *fv = NULL, *fu = NULL;
	size_t nfv = 0, capfv = 0, nfu = 0, capfu = 0;
	for (size_t e = 0; e < g->edge_count; e++) {
		if (edge_ok && !edge_ok(ectx, (uint32_t)e))
			continue;
		const struct edge *ed = &g->edges[e];
		uint32_t ends[2] = {ed->src, ed->dst};
		for (int k = 0; k < 2; k++) {
			int kind = g->nodes[ends[k]].kind;
			if (kind_is_infra(kind)) {
				XGROW(fv, capfv, nfv + 1);
				fv[nfv++] = u64_pair(ed->file, ends[k]);
			} else if (kind == NODE_ACTOR) {
				XGROW(fu, capfu, nfu + 1);
				fu[nfu++] = u64_pair(ed->file, alias_unit(g, ends[k]));
			}
		}
	}
	struct ctx x = {g, c, NULL, NULL, NULL};
	nfv = sort_unique(fv, nfv);
	nfu = sort_unique(fu, nfu);
	csr_from_pairs(fv, nfv, nf, &c->val_off, &c->vals);
	csr_from_pairs(fu, nfu, nf, &x.unit_off, &x.units);
	free(fu);
	/* folders compared by a hash of their text */
	x.folder = xmalloc((nf + 1) * sizeof(*x.folder));
	for (size_t f = 0; f < nf; f++) {
		const char *p = graph_file_path(g, (uint32_t)f);
		const char *slash = strrchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : 0;
		uint64_t h = 1469598103934665603ULL;
		for (size_t i = 0; i < len; i++) {
			h ^= (unsigned char)p[i];
			h *= 1099511628211ULL;
		}
		x.folder[f] = (uint32_t)(h ^ (h >> 32));
	}
	struct strbuf sb = STRBUF_INIT;
	/* same source id, anywhere */
	struct u64map by_id;
	u64map_init(&by_id);
	for (size_t n = 0; n < g->node_count; n++) {
		if (g->nodes[n].kind != NODE_REPORT)
			continue;
		uint32_t ids[4];
		size_t k = graph_attrs(g, (uint32_t)n, ATTR_SOURCE_ID, ids, 4);
		for (size_t i = 0; i < k && i < 4; i++) {
			uint32_t other = u64map_get_or_set(&by_id, ids[i], g->nodes[n].file);
			if (other != U64MAP_NONE && other != g->nodes[n].file)
				join(&x, other, g->nodes[n].file,
				     xasprintf("same source id '%s' as %s", graph_str(g, ids[i]),
					       base_name(graph_file_path(g, other))));
		}
	}
	u64map_free(&by_id);
	/* same folder, same title */
	struct u64map by_title;
	u64map_init(&by_title);
	for (size_t f = 0; f < nf; f++) {
		if (!g->files[f].title || c->val_off[f + 1] == c->val_off[f])
			continue;
		const char *t = graph_str(g, g->files[f].title);
		strbuf_reset(&sb);
		norm_name_key(t, strlen(t), &sb);
		if (sb.len < 8)
			continue; /* "Event #17", "iocs": too little to say */
		uint64_t h = x.folder[f];
		for (size_t i = 0; i < sb.len; i++) {
			h ^= (unsigned char)sb.buf[i];
			h *= 1099511628211ULL;
		}
		if (h == UINT64_MAX)
			h--;
		uint32_t other = u64map_get_or_set(&by_title, h, (uint32_t)f);
		if (other != U64MAP_NONE && x.folder[other] == x.folder[f])
			join(&x, other, (uint32_t)f,
			     xasprintf("same title as %s", base_name(graph_file_path(g, other))));
	}
	u64map_free(&by_title);
	strbuf_free(&sb);
	/* same folder, one's values nearly all in the other's: count shared
	 * values per pair of files through the value -> files index */
	for (size_t i = 0; i < nfv; i++)
		fv[i] = (fv[i] << 32) | (fv[i] >> 32); /* (value, file) */
	if (nfv > 1)
		qsort(fv, nfv, sizeof(*fv), cmp_u64);
	struct u64map shared;
	u64map_init(&shared);
	uint32_t *cnt = NULL;
	size_t ncnt = 0, capcnt = 0;
	for (size_t i = 0; i < nfv;) {
		size_t j = i;
		while (j < nfv && (fv[j] >> 32) == (fv[i] >> 32))
			j++;
		/* a value in very many files is common infrastructure, not a
		 * sign of a copy; it would also make this quadratic */
		if (j - i <= 64)
			for (size_t a = i; a < j; a++)
				for (size_t b = a + 1; b < j; b++) {
					uint32_t fa = (uint32_t)fv[a], fb = (uint32_t)fv[b];
					if (fa == fb || x.folder[fa] != x.folder[fb])
						continue;
					uint32_t k = u64map_get_or_set(&shared, u64_pair(fa, fb),
								       (uint32_t)ncnt);
					if (k == U64MAP_NONE) {
						XGROW(cnt, capcnt, ncnt + 1);
						cnt[ncnt] = 0;
						k = (uint32_t)ncnt++;
					}
					cnt[k]++;
				}
		i = j;
	}
	/* in a fixed order: by file pair */
	uint64_t *keys = xmalloc((shared.count + 1) * sizeof(*keys));
	size_t nk = 0;
	for (size_t s = 0; s < shared.nslots; s++)
		if (shared.keys[s] != UINT64_MAX)
			keys[nk++] = shared.keys[s];
	if (nk > 1)
		qsort(keys, nk, sizeof(*keys), cmp_u64);
	for (size_t i = 0; i < nk; i++) {
		uint32_t fa = (uint32_t)(keys[i] >> 32), fb = (uint32_t)keys[i];
		uint32_t both = cnt[u64map_get(&shared, keys[i])];
		uint32_t na = c->val_off[fa + 1] - c->val_off[fa];
		uint32_t nb = c->val_off[fb + 1] - c->val_off[fb];
		uint32_t small = na < nb ? na : nb;
		if (small < COPIES_MIN_VALUES || (uint64_t)both * 100 < (uint64_t)small * COPIES_CONTAINED_PCT)
			continue;
		uint32_t s_file = na < nb ? fa : fb, l_file = na < nb ? fb : fa;
		join(&x, l_file, s_file,
		     xasprintf("%u of its %u values in %s", both, small,
			       base_name(graph_file_path(g, l_file))));
	}
	free(keys);
	free(cnt);
	u64map_free(&shared);
	free(fv);
	free(x.folder);
	c->unit_off = x.unit_off;
	c->units = x.units;
	/* flatten */
	for (size_t f = 0; f < nf; f++)
		c->parent[f] = find(c->parent, (uint32_t)f);
	return c;
}

void copies_free(struct copies *c)
{
	if (!c)
		return;
	for (size_t f = 0; f < c->nfiles; f++)
		free(c->why[f]);
	free(c->why);
	free(c->parent);
	free(c->val_off);
	free(c->vals);
	free(c->unit_off);
	free(c->units);
	free(c);
}

uint32_t copies_group(const struct copies *c, uint32_t file)
{
	return file < c->nfiles ? c->parent[file] : file;
}

const char *copies_why(const struct copies *c, uint32_t file)
{
	return file < c->nfiles && c->parent[file] != file ? c->why[file] : NULL;
}

const uint32_t *copies_values(const struct copies *c, uint32_t file, size_t *n)
{
	if (file >= c->nfiles) {
		*n = 0;
		return NULL;
	}
	*n = c->val_off[file + 1] - c->val_off[file];
	return c->vals + c->val_off[file];
}

const uint32_t *copies_units(const struct copies *c, uint32_t file, size_t *n)
{
	if (file >= c->nfiles) {
		*n = 0;
		return NULL;
	}
	*n = c->unit_off[file + 1] - c->unit_off[file];
	return c->units + c->unit_off[file];
}
