#include "tui/cmd/brief_sources.h"

#include <stdlib.h>
#include <string.h>

#include "graph/date.h"
#include "graph/overlap.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"

void brief_sources_init(struct brief_sources *bs, const struct graph *g)
{
	memset(bs, 0, sizeof(*bs));
	bs->g = g;
	bs->used = xcalloc(g->file_count + 1, 1);
	bs->nodes = xcalloc(g->node_count + 1, 1);
	bs->tlp = bs->tlp_all = TLP_NONE;
	bs->tlp_file = UINT32_MAX;
	bs->date = DATE_UNKNOWN;
}

static void use_file(struct brief_sources *bs, uint32_t f)
{
	if (f < bs->g->file_count)
		bs->used[f] = 1;
}

void brief_sources_add_unit(struct brief_sources *bs, const struct overlap *ov, uint32_t u)
{
	const struct graph *g = bs->g;
	const struct unit *un = overlap_unit(ov, u);
	use_file(bs, g->nodes[un->node].file);
	bs->nodes[un->node] = 1;
	size_t n;
	const struct membership *m = overlap_members(ov, u, &n);
	for (size_t i = 0; i < n; i++) {
		if (m[i].start < g->node_count)
			bs->nodes[m[i].start] = 1;
		for (uint8_t k = 0; k < m[i].path_len; k++) {
			const struct edge *e = &g->edges[m[i].path[k]];
			use_file(bs, e->file);
			if (e->tlp > bs->tlp)
				bs->tlp = e->tlp;
		}
	}
}

void brief_sources_add_files(struct brief_sources *bs, const uint32_t *files, size_t n, int tlp)
{
	for (size_t i = 0; i < n; i++)
		use_file(bs, files[i]);
	if (tlp > bs->tlp)
		bs->tlp = tlp;
}

static const struct graph *sort_g;

static int cmp_path(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	return strcmp(graph_file_path(sort_g, a), graph_file_path(sort_g, b));
}

/* The last k components of path ("famoussparrow/README.adoc" for k 2). */
static const char *tail_of(const char *path, int k)
{
	const char *p = path + strlen(path);
	while (p > path) {
		if (p[-1] == '/' && --k == 0)
			return p;
		p--;
	}
	return path;
}

/* The shortest tail of f's path that no other input loaded shares: a
 * reader must find the file among all of them ("famoussparrow/README.adoc"
 * where sixteen folders hold a README.adoc). */
static const char *unique_tail(const struct brief_sources *bs, uint32_t f)
{
	const struct graph *g = bs->g;
	const char *path = graph_file_path(g, f);
	for (int k = 1; k < 16; k++) {
		const char *t = tail_of(path, k);
		size_t lt = strlen(t);
		int clash = 0;
		for (size_t i = 0; i < g->file_count && !clash; i++) {
			if (i == f)
				continue;
			const char *o = graph_file_path(g, (uint32_t)i);
			size_t lo = strlen(o);
			clash = lo >= lt && strcmp(o + lo - lt, t) == 0 &&
				(lo == lt || o[lo - lt - 1] == '/');
		}
		if (!clash || t == path)
			return t;
	}
	return path;
}

void brief_sources_finish(struct brief_sources *bs)
{
	const struct graph *g = bs->g;
	bs->files = xcalloc(g->file_count + 1, sizeof(*bs->files));
	for (size_t f = 0; f < g->file_count; f++) {
		if (g->files[f].tlp > bs->tlp_all) {
			bs->tlp_all = g->files[f].tlp;
			bs->tlp_file = (uint32_t)f;
		}
		if (!bs->used[f])
			continue;
		bs->files[bs->nfiles++] = (uint32_t)f;
		if (g->files[f].tlp > bs->tlp)
			bs->tlp = g->files[f].tlp;
		if (g->files[f].date != DATE_UNKNOWN &&
		    (bs->date == DATE_UNKNOWN || g->files[f].date > bs->date))
			bs->date = g->files[f].date;
	}
	for (size_t e = 0; e < g->edge_count; e++)
		if (g->edges[e].tlp > bs->tlp_all)
			bs->tlp_all = g->edges[e].tlp;
	if (bs->tlp > bs->tlp_all)
		bs->tlp_all = bs->tlp;
	sort_g = g;
	if (bs->nfiles > 1)
		qsort(bs->files, bs->nfiles, sizeof(*bs->files), cmp_path);
	bs->names = xcalloc(g->file_count + 1, sizeof(*bs->names));
	bs->tails = xcalloc(g->file_count + 1, sizeof(*bs->tails));
	for (size_t i = 0; i < bs->nfiles; i++) {
		uint32_t f = bs->files[i];
		const struct src_file *sf = &g->files[f];
		const char *tail = unique_tail(bs, f);
		const char *base = tail_of(graph_file_path(g, f), 1);
		const char *title = sf->title ? graph_str(g, sf->title) : NULL;
		struct strbuf sb = STRBUF_INIT;
		if (sf->publisher) {
			strbuf_adds(&sb, graph_str(g, sf->publisher));
			strbuf_adds(&sb, ": ");
		}
		/* a title that is only the file's name says nothing more */
		if (title && *title && strcmp(title, base) != 0)
			strbuf_addf(&sb, "%s (%s)", title, tail);
		else
			strbuf_adds(&sb, tail);
		bs->names[f] = strbuf_detach(&sb);
		bs->tails[f] = tail;
	}
}

const char *brief_sources_name(const struct brief_sources *bs, uint32_t f)
{
	if (bs->names && f < bs->g->file_count && bs->names[f])
		return bs->names[f];
	return graph_file_path(bs->g, f);
}

const char *brief_sources_tail(const struct brief_sources *bs, uint32_t f)
{
	if (bs->tails && f < bs->g->file_count && bs->tails[f])
		return bs->tails[f];
	return graph_file_path(bs->g, f);
}

size_t brief_sources_refs(const struct brief_sources *bs, uint32_t f, uint32_t *out, size_t max)
{
	const struct graph *g = bs->g;
	uint32_t *seen = NULL;
	size_t n = 0, cap = 0;
	/* URLs first, then the rest ("MISP organisation: ESET") */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < g->attr_count; i++) {
			const struct attr *a = &g->attrs[i];
			if (a->type != ATTR_REFERENCE || a->file != f || a->node >= g->node_count)
				continue;
			if (g->nodes[a->node].kind != NODE_REPORT && !bs->nodes[a->node])
				continue;
			int url = strstr(graph_str(g, a->value), "://") != NULL;
			if (url != (pass == 0))
				continue;
			int dup = 0;
			for (size_t j = 0; j < n && !dup; j++)
				dup = seen[j] == a->value;
			if (dup)
				continue;
			XGROW(seen, cap, n + 1);
			seen[n++] = a->value;
		}
	for (size_t j = 0; j < n && j < max; j++)
		out[j] = seen[j];
	free(seen);
	return n;
}

void brief_sources_free(struct brief_sources *bs)
{
	if (bs->names)
		for (size_t f = 0; f < bs->g->file_count; f++)
			free(bs->names[f]);
	free(bs->names);
	free(bs->tails);
	free(bs->files);
	free(bs->used);
	free(bs->nodes);
	memset(bs, 0, sizeof(*bs));
}
