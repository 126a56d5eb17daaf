#include "tui/explorer/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/overlap.h"
#include "graph/xalloc.h"
#include "tui/explorer/lists.h"
#include "tui/explorer/model.h"

/* ASCII case folding is enough for indicator values and most actor names;
 * non-ASCII bytes must match exactly. */
static int contains(const char *hay, const char *needle)
{
	return hay && strcasestr(hay, needle) != NULL;
}

int search_node_matches(const struct model *m, uint32_t node, const char *needle)
{
	const struct graph *g = m->g;
	const struct node *n = &g->nodes[node];
	if (contains(graph_str(g, n->label), needle))
		return 1;
	if (n->key != n->label && contains(graph_str(g, n->key), needle))
		return 1;
	/* indicator values have no aliases or external ids: stop here, the
	 * bulk of a large graph is them */
	if (kind_is_infra(n->kind))
		return 0;
	if (n->kind == NODE_ACTOR) {
		uint32_t k;
		const uint32_t *names = alias_index_names(&m->units, alias_unit(g, node), &k);
		for (uint32_t i = 0; i < k; i++)
			if (contains(graph_str(g, names[i]), needle))
				return 1;
	}
	static const enum node_attr types[] = {ATTR_ALIAS, ATTR_EXTERNAL_ID};
	for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
		uint32_t v[16];
		size_t k = graph_attrs(g, node, types[t], v, 16);
		for (size_t i = 0; i < k && i < 16; i++)
			if (contains(graph_str(g, v[i]), needle))
				return 1;
	}
	return 0;
}

static int row_matches(const struct model *m, int tab, uint32_t row, const char *needle)
{
	if (tab <= TAB_TOOLS || tab == TAB_GRAPH)
		return search_node_matches(m, row, needle);
	if (tab == TAB_REPORTS) {
		const struct src_file *f = &m->g->files[row];
		return contains(graph_file_path(m->g, row), needle) ||
		       (f->title && contains(graph_str(m->g, f->title), needle));
	}
	if (!m->ov)
		return 0;
	if (tab == TAB_OVERLAPS) {
		const struct overlap_pair *p = model_pair(m, row);
		if (!p)
			return 0;
		for (int side = 0; side < 2; side++) {
			uint32_t u = side ? p->b : p->a;
			const struct unit *un = overlap_unit(m->ov, u);
			if (contains(overlap_unit_name(m->ov, u), needle) ||
			    (un->node != NODE_NONE && search_node_matches(m, un->node, needle)))
				return 1;
		}
		return 0;
	}
	if (tab == TAB_CLUSTERS) {
		size_t nc;
		const struct cluster *c = overlap_clusters(m->ov, m->threshold, &nc);
		if (row >= nc)
			return 0;
		for (size_t i = 0; i < c[row].nmembers; i++)
			if (contains(overlap_unit_name(m->ov, c[row].members[i]), needle))
				return 1;
	}
	return 0;
}

static void blob_add_lower(struct search_blob *b, const char *s)
{
	size_t n = strlen(s);
	XGROW(b->text, b->cap, b->len + n + 2);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		b->text[b->len++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a')
				    : c == '\n'		 ? ' '
							 : c;
	}
	b->text[b->len++] = '\t';
}

static void blob_build(const struct search_scope *sc, int tab, struct search_blob *b)
{
	const struct model *m = sc->m;
	const struct graph *g = m->g;
	const struct list *l = &sc->lists[tab];
	b->len = 0;
	b->n = l->n;
	XGROW(b->off, b->off_cap, l->n + 1);
	for (size_t i = 0; i < l->n; i++) {
		uint32_t node = l->rows[i];
		const struct node *n = &g->nodes[node];
		b->off[i] = (uint32_t)b->len;
		blob_add_lower(b, graph_str(g, n->label));
		if (n->key != n->label)
			blob_add_lower(b, graph_str(g, n->key));
		if (n->kind == NODE_ACTOR) {
			uint32_t k;
			const uint32_t *names =
			    alias_index_names(&m->units, alias_unit(g, node), &k);
			for (uint32_t j = 0; j < k; j++)
				blob_add_lower(b, graph_str(g, names[j]));
		}
		if (!kind_is_infra(n->kind)) {
			static const enum node_attr types[] = {ATTR_ALIAS, ATTR_EXTERNAL_ID};
			for (size_t t = 0; t < 2; t++) {
				uint32_t v[16];
				size_t k = graph_attrs(g, node, types[t], v, 16);
				for (size_t j = 0; j < k && j < 16; j++)
					blob_add_lower(b, graph_str(g, v[j]));
			}
		}
		XGROW(b->text, b->cap, b->len + 1);
		b->text[b->len++] = '\n';
	}
	b->off[l->n] = (uint32_t)b->len;
	XGROW(b->rows, b->rows_cap, l->n + 1);
	if (l->n)
		memcpy(b->rows, l->rows, l->n * sizeof(*b->rows));
	b->gen = sc->generation;
	b->sort = l->sort;
	b->valid = 1;
	b->graph = g;
	b->nodes = g->node_count;
	b->files = g->file_count;
	b->units = m->units.serial;
}

/* The same texts in the list's new order (a sort, a narrower filter): each
 * row's text copied from where it was, not made again from the graph
 * (making 472,590 rows' texts was 290 ms of the first search key after a
 * sort on a 1M-object bundle). 0 when the data changed or a row has no
 * text yet: build it then. */
static int blob_reorder(const struct search_scope *sc, int tab, struct search_blob *b)
{
	const struct model *m = sc->m;
	const struct graph *g = m->g;
	const struct list *l = &sc->lists[tab];
	if (!b->valid || b->graph != (const void *)g || b->nodes != g->node_count ||
	    b->files != g->file_count || b->units != m->units.serial || l->n > b->n)
		return 0;
	uint32_t *entry = xmalloc((g->node_count + 1) * sizeof(*entry));
	memset(entry, 0xff, (g->node_count + 1) * sizeof(*entry));
	for (size_t e = 0; e < b->n; e++)
		if (b->rows[e] < g->node_count)
			entry[b->rows[e]] = (uint32_t)e;
	size_t len = 0;
	for (size_t i = 0; i < l->n; i++) {
		uint32_t e = l->rows[i] < g->node_count ? entry[l->rows[i]] : UINT32_MAX;
		if (e == UINT32_MAX) {
			free(entry);
			return 0;
		}
		len += b->off[e + 1] - b->off[e];
	}
	char *text = xmalloc(len + 1);
	uint32_t *off = xmalloc((l->n + 1) * sizeof(*off));
	size_t at = 0;
	for (size_t i = 0; i < l->n; i++) {
		uint32_t e = entry[l->rows[i]];
		size_t k = b->off[e + 1] - b->off[e];
		off[i] = (uint32_t)at;
		memcpy(text + at, b->text + b->off[e], k);
		at += k;
	}
	off[l->n] = (uint32_t)at;
	free(entry);
	free(b->text);
	free(b->off);
	b->text = text;
	b->len = at;
	b->cap = len + 1;
	b->off = off;
	b->off_cap = l->n + 1;
	b->n = l->n;
	if (l->n)
		memcpy(b->rows, l->rows, l->n * sizeof(*b->rows));
	b->gen = sc->generation;
	b->sort = l->sort;
	return 1;
}

/* The row holding text offset p. */
static size_t blob_row(const struct search_blob *b, size_t p)
{
	size_t lo = 0, hi = b->n; /* off[lo] <= p < off[hi] */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (b->off[mid] <= p)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Last match starting in [from, to), or NULL. */
static const char *last_match(const char *text, size_t from, size_t to, const char *nl, size_t nn)
{
	const char *last = NULL, *p = text + from;
	while (p < text + to) {
		const char *q = memmem(p, (size_t)(text + to - p) + nn - 1, nl, nn);
		if (!q || q >= text + to)
			break;
		last = q;
		p = q + 1;
	}
	return last;
}

static long scan_blob(struct search *s, const struct search_scope *sc, int tab, size_t start,
		      int dir)
{
	struct search_blob *b = &s->blobs[tab];
	const struct list *l = &sc->lists[tab];
	if ((!b->valid || b->gen != sc->generation || b->sort != l->sort || b->n != l->n) &&
	    !blob_reorder(sc, tab, b))
		blob_build(sc, tab, b);
	char nl[sizeof(s->needle)];
	size_t nn = 0;
	for (const char *p = s->needle; *p && nn + 1 < sizeof(nl); p++)
		nl[nn++] = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
	nl[nn] = '\0';
	if (!nn || start >= b->n)
		return -1;
	const char *hit;
	if (dir > 0) {
		size_t from = b->off[start];
		hit = memmem(b->text + from, b->len - from, nl, nn);
		if (!hit)
			hit = memmem(b->text, from + nn - 1 < b->len ? from + nn - 1 : b->len, nl,
				     nn);
	} else {
		/* the last match in rows up to start, else (wrapping) after it */
		hit = last_match(b->text, 0, b->off[start + 1], nl, nn);
		if (!hit)
			hit = last_match(b->text, b->off[start + 1], b->len, nl, nn);
	}
	return hit ? (long)blob_row(b, (size_t)(hit - b->text)) : -1;
}

/* Searches list tab from start (wrapping) in direction dir; -1 if none. */
static long scan_list(struct search *s, const struct search_scope *sc, int tab, size_t start,
		      int dir, size_t count)
{
	const struct list *l = &sc->lists[tab];
	if (!l->n)
		return -1;
	if (tab <= TAB_TOOLS && count >= l->n)
		return scan_blob(s, sc, tab, start, dir);
	for (size_t k = 0; k < count && k < l->n; k++) {
		size_t i = (start + l->n + (dir > 0 ? k : l->n - k)) % l->n;
		if (row_matches(sc->m, tab, l->rows[i], s->needle))
			return (long)i;
	}
	return -1;
}

/* Kinds every match of which is on some list (unless a filter hides it). */
static int listed_kind(int kind)
{
	return lists_tab_of_kind(kind) >= 0;
}

void search_prepare(struct search *s, const struct search_scope *sc)
{
	for (int t = TAB_ACTORS; t <= TAB_TOOLS; t++)
		blob_build(sc, t, &s->blobs[t]);
}

void search_free(struct search *s)
{
	for (int t = 0; t < 3; t++) {
		free(s->blobs[t].text);
		free(s->blobs[t].off);
		free(s->blobs[t].rows);
		memset(&s->blobs[t], 0, sizeof(s->blobs[t]));
	}
}

int search_find(struct search *s, const struct search_scope *sc, int dir, int inclusive,
		struct search_hit *hit)
{
	/* a needle that contains one that matched nothing matches nothing:
	 * typing on after a miss costs nothing */
	if (s->miss[0] && s->miss_gen == sc->generation && strstr(s->needle, s->miss))
		return 0;
	const struct list *l = sc->tab >= 0 ? &sc->lists[sc->tab] : NULL;
	if (l && l->n) {
		size_t start = l->cur;
		if (sc->off_list)
			start = dir > 0 ? 0 : l->n - 1, inclusive = 1;
		if (!inclusive)
			start = (start + l->n + (size_t)dir) % l->n;
		long i = scan_list(s, sc, sc->tab, start, dir, l->n);
		if (i >= 0) {
			*hit = (struct search_hit){sc->tab, (size_t)i, NODE_NONE};
			return 1;
		}
	}
	/* the other lists, in tab order */
	for (int t = 0; t < TAB_COUNT; t++) {
		if (t == sc->tab || t == TAB_GRAPH)
			continue;
		long i = scan_list(s, sc, t, 0, 1, sc->lists[t].n);
		if (i >= 0) {
			*hit = (struct search_hit){t, (size_t)i, NODE_NONE};
			return 1;
		}
	}
	/* what no list holds (victims, reports; with a filter, anything) */
	const struct graph *g = sc->m->g;
	for (size_t n = 0; n < g->node_count; n++) {
		if (!sc->filtered && listed_kind(g->nodes[n].kind))
			continue;
		if (search_node_matches(sc->m, (uint32_t)n, s->needle)) {
			*hit = (struct search_hit){-1, 0, (uint32_t)n};
			return 1;
		}
	}
	snprintf(s->miss, sizeof(s->miss), "%s", s->needle);
	s->miss_gen = sc->generation;
	return 0;
}
