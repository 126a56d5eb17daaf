/* The snapshot file (snapshot.h says what it holds and why it is safe).
 *
 * Layout: a header (magic, version, file length, the section table), then
 * the sections, each at an offset that is a multiple of 8. The records are
 * the graph's own (struct node, struct edge...), written from its arrays
 * without a copy; the key section starts with a line naming agx's version
 * and the size of each record, so another build's snapshot is stale, not
 * misread. The strings are kept mapped (the pool adopts them); everything
 * else is checked, copied and its pages given back. */
#include "graph/snapshot.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "graph/alias.h"
#include "graph/atomic.h"
#include "graph/diag.h"
#include "graph/graph.h"
#include "graph/intern.h"
#include "graph/strbuf.h"
#include "graph/u64map.h"
#include "graph/xalloc.h"

#ifndef AGX_VERSION
#define AGX_VERSION "dev"
#endif

#define SNAP_MAGIC "AGXSNAP\0"
#define SNAP_VERSION 1

/* X(ENUM): the sections, in file order */
#define SNAP_SECTIONS(X) \
	X(S_KEY)         \
	X(S_COUNTS)      \
	X(S_STR_LENS)    \
	X(S_STR_SLOTS)   \
	X(S_NODES)       \
	X(S_EDGES)       \
	X(S_FILES)       \
	X(S_ATTRS)       \
	X(S_RELS)        \
	X(S_BYKEY_K)     \
	X(S_BYKEY_V)     \
	X(S_BYSRC_K)     \
	X(S_BYSRC_V)     \
	X(S_DEDUP_K)     \
	X(S_DEDUP_V)     \
	X(S_ADJ_OFF)     \
	X(S_ADJ)         \
	X(S_ATTR_OFF)    \
	X(S_ATTR_IDX)    \
	X(S_ALIAS)       \
	X(S_DIAGS)       \
	X(S_STR_DATA)

enum section {
#define X(e) e,
	SNAP_SECTIONS(X)
#undef X
	    S_COUNT
};

struct head {
	char magic[8];
	uint32_t version, nsect;
	uint64_t file_len;
	struct {
		uint64_t off, len;
	} sect[S_COUNT];
};

/* S_COUNTS: the sizes every other section is checked against */
enum {
	C_STRINGS,
	C_NODES,
	C_EDGES,
	C_FILES,
	C_ATTRS,
	C_RELS,
	C_BYKEY,
	C_BYSRC,
	C_DEDUP,
	C_ADJ,
	C_ATTR_IDX,
	C_RESULT,
	C_COUNT
};

/* The stored key: the layout of this build, then the caller's key. */
static char *full_key(const char *key)
{
	return xasprintf("agx %s snapshot %d: node %zu edge %zu file %zu attr %zu diag %zu\n%s",
			 AGX_VERSION, SNAP_VERSION, sizeof(struct node), sizeof(struct edge),
			 sizeof(struct src_file), sizeof(struct attr), sizeof(struct diag), key);
}

/* ---- writing ---- */

static void save_diags(const struct diag_list *d, struct strbuf *sb)
{
	uint64_t head[5] = {d->count, d->counts[0], d->counts[1], d->counts[2], d->dropped};
	strbuf_add(sb, (const char *)head, sizeof(head));
	for (size_t i = 0; i < d->count; i++) {
		const struct diag *di = &d->items[i];
		uint32_t wl = di->where ? (uint32_t)strlen(di->where) : UINT32_MAX;
		uint32_t ml = di->msg ? (uint32_t)strlen(di->msg) : 0;
		uint32_t rec[7] = {di->file, di->level, di->code, di->line, di->col, wl, ml};
		strbuf_add(sb, (const char *)rec, sizeof(rec));
		if (di->where)
			strbuf_add(sb, di->where, wl);
		if (ml)
			strbuf_add(sb, di->msg, ml);
	}
}

struct writer {
	struct atomic_part *parts;
	size_t nparts, cap;
	struct head h;
	uint64_t at;
	int cur; /* the section being written, -1 for the header */
};

static void part(struct writer *w, const void *p, size_t n)
{
	if (!n)
		return;
	XGROW(w->parts, w->cap, w->nparts + 1);
	w->parts[w->nparts++] = (struct atomic_part){p, n};
	w->at += n;
	if (w->cur >= 0)
		w->h.sect[w->cur].len += n;
}

static void begin(struct writer *w, int s)
{
	static const char zero[8];
	if (w->at % 8) {
		size_t pad = 8 - w->at % 8;
		XGROW(w->parts, w->cap, w->nparts + 1);
		w->parts[w->nparts++] = (struct atomic_part){zero, pad};
		w->at += pad;
	}
	w->cur = s;
	w->h.sect[s].off = w->at;
}

int snapshot_write(const char *path, const char *key, const struct graph *g,
		   const struct diag_list *d, int result, char *err, size_t errlen)
{
	uint32_t nstr = intern_count(g->strings);
	size_t nspans = intern_spans(g->strings, NULL, NULL, 0);
	const char **sp = xmalloc((nspans + 1) * sizeof(*sp));
	size_t *sl = xmalloc((nspans + 1) * sizeof(*sl));
	intern_spans(g->strings, sp, sl, nspans);
	const uint32_t *lens = intern_lens(g->strings);
	uint64_t want = nstr, have = 0;
	for (uint32_t i = 0; i < nstr; i++)
		want += lens[i];
	for (size_t i = 0; i < nspans; i++)
		have += sl[i];
	if (!g->adj_fresh || !g->adj_off || want != have) {
		/* an unfinished graph, or a pool that is not one run of spans */
		snprintf(err, errlen, "the graph is not in a state to snapshot");
		free(sp);
		free(sl);
		return -1;
	}
	struct writer w;
	memset(&w, 0, sizeof(w));
	w.cur = -1;
	part(&w, &w.h, sizeof(w.h)); /* filled in below, before writing */
	char *fk = full_key(key);
	begin(&w, S_KEY);
	part(&w, fk, strlen(fk));
	uint64_t counts[C_COUNT] = {nstr,
				    g->node_count,
				    g->edge_count,
				    g->file_count,
				    g->attr_count,
				    g->rel_count,
				    g->by_key->nslots,
				    g->by_source->nslots,
				    g->edge_dedup->nslots,
				    g->adj_off[g->node_count],
				    g->attr_off ? g->attr_off[g->node_count] : 0,
				    (uint64_t)(uint32_t)result};
	begin(&w, S_COUNTS);
	part(&w, counts, sizeof(counts));
	begin(&w, S_STR_LENS);
	part(&w, lens, nstr * sizeof(*lens));
	size_t nslots;
	const uint64_t *slots = intern_slots(g->strings, &nslots);
	begin(&w, S_STR_SLOTS);
	part(&w, &nslots, sizeof(uint64_t));
	part(&w, slots, nslots * sizeof(*slots));
	begin(&w, S_NODES);
	part(&w, g->nodes, g->node_count * sizeof(*g->nodes));
	begin(&w, S_EDGES);
	part(&w, g->edges, g->edge_count * sizeof(*g->edges));
	/* files and attributes have padding: copies with it zeroed, field by
	 * field (a field added to struct src_file or struct attr must be added
	 * here, and checked below; tests/test_snapshot.c compares them) */
	struct src_file *files = xcalloc(g->file_count + 1, sizeof(*files));
	for (size_t i = 0; i < g->file_count; i++) {
		const struct src_file *f = &g->files[i];
		files[i].path = f->path;
		files[i].title = f->title;
		files[i].format = f->format;
		files[i].date = f->date;
		files[i].objects = f->objects;
		files[i].skipped = f->skipped;
		files[i].errors = f->errors;
		files[i].tlp = f->tlp;
		files[i].load_ms = f->load_ms;
		files[i].publisher = f->publisher;
	}
	begin(&w, S_FILES);
	part(&w, files, g->file_count * sizeof(*files));
	struct attr *attrs = xcalloc(g->attr_count + 1, sizeof(*attrs));
	for (size_t i = 0; i < g->attr_count; i++) {
		attrs[i].node = g->attrs[i].node;
		attrs[i].value = g->attrs[i].value;
		attrs[i].file = g->attrs[i].file;
		attrs[i].type = g->attrs[i].type;
	}
	begin(&w, S_ATTRS);
	part(&w, attrs, g->attr_count * sizeof(*attrs));
	begin(&w, S_RELS);
	part(&w, g->rel_names, g->rel_count * sizeof(*g->rel_names));
	const struct u64map *maps[3] = {g->by_key, g->by_source, g->edge_dedup};
	for (int m = 0; m < 3; m++) {
		begin(&w, S_BYKEY_K + 2 * m);
		part(&w, maps[m]->keys, maps[m]->nslots * sizeof(uint64_t));
		begin(&w, S_BYKEY_V + 2 * m);
		part(&w, maps[m]->vals, maps[m]->nslots * sizeof(uint32_t));
	}
	begin(&w, S_ADJ_OFF);
	part(&w, g->adj_off, (g->node_count + 1) * sizeof(*g->adj_off));
	begin(&w, S_ADJ);
	part(&w, g->adj, counts[C_ADJ] * sizeof(*g->adj));
	begin(&w, S_ATTR_OFF);
	if (g->attr_off)
		part(&w, g->attr_off, (g->node_count + 1) * sizeof(*g->attr_off));
	begin(&w, S_ATTR_IDX);
	part(&w, g->attr_idx, counts[C_ATTR_IDX] * sizeof(*g->attr_idx));
	struct strbuf alias = STRBUF_INIT, diags = STRBUF_INIT;
	alias_save(g, &alias);
	begin(&w, S_ALIAS);
	part(&w, alias.buf, alias.len);
	save_diags(d, &diags);
	begin(&w, S_DIAGS);
	part(&w, diags.buf, diags.len);
	begin(&w, S_STR_DATA);
	for (size_t i = 0; i < nspans; i++)
		part(&w, sp[i], sl[i]);
	memcpy(w.h.magic, SNAP_MAGIC, 8);
	w.h.version = SNAP_VERSION;
	w.h.nsect = S_COUNT;
	w.h.file_len = w.at;
	int rc = atomic_writev(path, w.parts, w.nparts, ATOMIC_REGULAR_ONLY, err, errlen);
	free(w.parts);
	free(fk);
	free(files);
	free(attrs);
	free(sp);
	free(sl);
	strbuf_free(&alias);
	strbuf_free(&diags);
	return rc;
}

/* ---- reading ---- */

struct reader {
	const unsigned char *base;
	size_t len;
	const struct head *h;
	uint64_t c[C_COUNT];
};

static const void *sect(const struct reader *r, int s, size_t *len)
{
	*len = r->h->sect[s].len;
	return r->base + r->h->sect[s].off;
}

/* Whether section s holds exactly n records of size sz. */
static int sized(const struct reader *r, int s, uint64_t n, size_t sz)
{
	return n <= SIZE_MAX / (sz ? sz : 1) && r->h->sect[s].len == n * sz;
}

static void *copy_of(const struct reader *r, int s)
{
	size_t n;
	const void *p = sect(r, s, &n);
	void *q = xmalloc(n + 1);
	memcpy(q, p, n);
	return q;
}

static int file_ok(const struct graph *g, uint32_t f)
{
	return f < g->file_count || f == UINT32_MAX;
}

/* A hash index: a power of two of slots with one at least empty, its
 * values below bound; or none (no slots). */
static int map_load(const struct reader *r, int sk, int sv, uint64_t nslots, uint64_t bound,
		    struct u64map *m)
{
	if ((nslots & (nslots - 1)) || !sized(r, sk, nslots, 8) || !sized(r, sv, nslots, 4))
		return -1;
	if (!nslots) {
		/* a map the graph let go of (the edge index, once loaded): it
		 * makes it again when it needs it */
		u64map_free(m);
		return 0;
	}
	uint64_t *keys = copy_of(r, sk);
	uint32_t *vals = copy_of(r, sv);
	size_t used = 0;
	for (size_t i = 0; i < nslots; i++)
		if (keys[i] != UINT64_MAX) {
			used++;
			if (vals[i] >= bound)
				used = nslots; /* refused below */
		}
	if (used >= nslots) {
		free(keys);
		free(vals);
		return -1;
	}
	u64map_free(m);
	m->keys = keys;
	m->vals = vals;
	m->nslots = nslots;
	m->count = used;
	return 0;
}

/* A CSR offset array over n + 1 entries, rising, ending at total; its
 * entries (idx) below bound. */
static int csr_load(const struct reader *r, int so, int si, uint64_t n, uint64_t total,
		    uint64_t bound, uint32_t **off, uint32_t **idx)
{
	if (!sized(r, so, n + 1, 4) || !sized(r, si, total, 4))
		return -1;
	uint32_t *o = copy_of(r, so), *x = copy_of(r, si);
	int ok = o[0] == 0 && o[n] == total;
	for (size_t i = 0; ok && i < n; i++)
		ok = o[i] <= o[i + 1];
	for (size_t i = 0; ok && i < total; i++)
		ok = x[i] < bound;
	if (!ok) {
		free(o);
		free(x);
		return -1;
	}
	*off = o;
	*idx = x;
	return 0;
}

static int diags_load(const struct reader *r, const struct graph *g, struct diag_list *d)
{
	size_t n;
	const unsigned char *p = sect(r, S_DIAGS, &n), *end = p + n;
	uint64_t head[5];
	if (n < sizeof(head))
		return -1;
	memcpy(head, p, sizeof(head));
	p += sizeof(head);
	if (head[0] > n / 28)
		return -1;
	for (uint64_t i = 0; i < head[0]; i++) {
		uint32_t rec[7];
		if ((size_t)(end - p) < sizeof(rec))
			return -1;
		memcpy(rec, p, sizeof(rec));
		p += sizeof(rec);
		uint64_t wl = rec[5] == UINT32_MAX ? 0 : rec[5];
		if (!file_ok(g, rec[0]) || rec[1] > DIAG_QUIRK || rec[2] >= D_CODE_COUNT ||
		    (uint64_t)(end - p) < wl + rec[6])
			return -1;
		XGROW(d->items, d->cap, d->count + 1);
		struct diag *di = &d->items[d->count++];
		memset(di, 0, sizeof(*di));
		di->file = rec[0];
		di->level = (uint8_t)rec[1];
		di->code = (uint8_t)rec[2];
		di->line = rec[3];
		di->col = rec[4];
		di->where = rec[5] == UINT32_MAX ? NULL : xstrndup((const char *)p, wl);
		p += wl;
		di->msg = xstrndup((const char *)p, rec[6]);
		p += rec[6];
	}
	if (p != end)
		return -1;
	d->counts[0] = head[1];
	d->counts[1] = head[2];
	d->counts[2] = head[3];
	d->dropped = head[4];
	return 0;
}

struct mapping {
	void *base;
	size_t len;
};

static void unmap(void *ctx)
{
	struct mapping *m = ctx;
	if (m->base)
		munmap(m->base, m->len);
	free(m);
}

/* Builds the graph from r; ownership of map (may be NULL) goes to the
 * graph's string pool on success. */
static int build(struct reader *r, const char *key, struct mapping *map, struct graph **out,
		 struct diag_list *d, int *result)
{
	const struct head *h = r->h;
	if (r->len < sizeof(*h) || memcmp(h->magic, SNAP_MAGIC, 8) != 0 ||
	    h->version != SNAP_VERSION || h->nsect != S_COUNT || h->file_len != r->len)
		return SNAP_INVALID;
	for (int s = 0; s < S_COUNT; s++)
		if (h->sect[s].off % 8 || h->sect[s].off > r->len ||
		    h->sect[s].len > r->len - h->sect[s].off || h->sect[s].off < sizeof(*h))
			return SNAP_INVALID;
	char *fk = full_key(key);
	size_t kl;
	const void *kp = sect(r, S_KEY, &kl);
	int same = kl == strlen(fk) && memcmp(kp, fk, kl) == 0;
	free(fk);
	if (!same)
		return SNAP_STALE;
	if (!sized(r, S_COUNTS, C_COUNT, 8))
		return SNAP_INVALID;
	memcpy(r->c, sect(r, S_COUNTS, &kl), sizeof(r->c));
	const uint64_t *c = r->c;
	/* ids are 32 bits: counts past that are damage */
	for (int i = 0; i < C_RESULT; i++)
		if (c[i] >= UINT32_MAX)
			return SNAP_INVALID;
	size_t nslots_len;
	const uint64_t *slots = sect(r, S_STR_SLOTS, &nslots_len);
	uint64_t nslots = nslots_len >= 8 ? slots[0] : 0;
	size_t datalen;
	const char *data = sect(r, S_STR_DATA, &datalen);
	if (!sized(r, S_STR_LENS, c[C_STRINGS], 4) || nslots_len < 8 ||
	    nslots > (nslots_len - 8) / 8 || nslots_len != 8 + nslots * 8)
		return SNAP_INVALID;
	size_t dummy;
	struct intern *in = intern_adopt(data, datalen, sect(r, S_STR_LENS, &dummy),
					 (uint32_t)c[C_STRINGS], slots + 1, nslots);
	if (!in)
		return SNAP_INVALID;
	struct graph *g = graph_new();
	intern_free(g->strings);
	g->strings = in;
	uint32_t nstr = (uint32_t)c[C_STRINGS];
	int bad = 0;
	/* records */
	bad |= !sized(r, S_NODES, c[C_NODES], sizeof(struct node)) ||
	       !sized(r, S_EDGES, c[C_EDGES], sizeof(struct edge)) ||
	       !sized(r, S_FILES, c[C_FILES], sizeof(struct src_file)) ||
	       !sized(r, S_ATTRS, c[C_ATTRS], sizeof(struct attr)) ||
	       !sized(r, S_RELS, c[C_RELS], 4) || c[C_RELS] > 256 || c[C_RELS] < 1;
	if (bad)
		goto fail;
	g->files = copy_of(r, S_FILES);
	g->file_count = g->file_cap = c[C_FILES];
	for (size_t i = 0; i < g->file_count && !bad; i++) {
		const struct src_file *f = &g->files[i];
		bad = f->path >= nstr || f->title >= nstr || f->format >= nstr ||
		      f->publisher >= nstr;
	}
	g->nodes = copy_of(r, S_NODES);
	g->node_count = g->node_cap = c[C_NODES];
	for (size_t i = 0; i < g->node_count && !bad; i++) {
		const struct node *n = &g->nodes[i];
		bad = n->key >= nstr || n->label >= nstr || !file_ok(g, n->file) ||
		      n->kind >= NODE_KIND_COUNT;
	}
	size_t rl;
	memcpy(g->rel_names, sect(r, S_RELS, &rl), c[C_RELS] * 4);
	g->rel_count = (unsigned)c[C_RELS];
	for (unsigned i = 0; i < g->rel_count && !bad; i++)
		bad = g->rel_names[i] >= nstr;
	g->edges = copy_of(r, S_EDGES);
	g->edge_count = g->edge_cap = c[C_EDGES];
	for (size_t i = 0; i < g->edge_count && !bad; i++) {
		const struct edge *e = &g->edges[i];
		bad = e->src >= g->node_count || e->dst >= g->node_count || !file_ok(g, e->file) ||
		      e->obj >= nstr || (e->report != NODE_NONE && e->report >= g->node_count) ||
		      e->rel >= g->rel_count;
	}
	g->attrs = copy_of(r, S_ATTRS);
	g->attr_count = g->attr_cap = c[C_ATTRS];
	for (size_t i = 0; i < g->attr_count && !bad; i++) {
		const struct attr *a = &g->attrs[i];
		bad = a->node >= g->node_count || a->value >= nstr || !file_ok(g, a->file) ||
		      a->type >= ATTR_COUNT;
	}
	if (bad)
		goto fail;
	/* indexes */
	if (map_load(r, S_BYKEY_K, S_BYKEY_V, c[C_BYKEY], g->node_count, g->by_key) ||
	    map_load(r, S_BYSRC_K, S_BYSRC_V, c[C_BYSRC], g->node_count, g->by_source) ||
	    map_load(r, S_DEDUP_K, S_DEDUP_V, c[C_DEDUP], g->edge_count, g->edge_dedup) ||
	    csr_load(r, S_ADJ_OFF, S_ADJ, g->node_count, c[C_ADJ], g->edge_count, &g->adj_off,
		     &g->adj) ||
	    csr_load(r, S_ATTR_OFF, S_ATTR_IDX, g->node_count, c[C_ATTR_IDX], g->attr_count,
		     &g->attr_off, &g->attr_idx))
		goto fail;
	size_t al;
	const void *ap = sect(r, S_ALIAS, &al);
	if (alias_restore(g, ap, al) || diags_load(r, g, d))
		goto fail;
	/* what graph_finish() and the session did after loading */
	alias_resolve(g, NULL);
	alias_report_ambiguous(g, NULL);
	g->adj_fresh = 1;
	if (map) {
		/* the strings stay mapped; the rest was copied */
		intern_on_free(g->strings, unmap, map);
		size_t pg = (size_t)sysconf(_SC_PAGESIZE);
		size_t upto = h->sect[S_STR_DATA].off / pg * pg;
		if (upto)
			madvise(map->base, upto, MADV_DONTNEED);
	}
	*out = g;
	if (result)
		*result = (int)(uint32_t)c[C_RESULT];
	return SNAP_OK;
fail:
	graph_free(g);
	diag_free(d);
	diag_init(d);
	return SNAP_INVALID;
}

int snapshot_open(const char *path, const char *key, struct graph **g, struct diag_list *d,
		  int *result)
{
	*g = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return SNAP_ABSENT;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < (off_t)sizeof(struct head)) {
		close(fd);
		return SNAP_INVALID;
	}
	size_t len = (size_t)st.st_size;
	void *base = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (base == MAP_FAILED)
		return SNAP_INVALID;
	struct mapping *map = xmalloc(sizeof(*map));
	map->base = base;
	map->len = len;
	struct reader r = {base, len, base, {0}};
	int rc = build(&r, key, map, g, d, result);
	if (rc != SNAP_OK)
		unmap(map);
	return rc;
}

int snapshot_open_bytes(const void *data, size_t len, const char *key, struct graph **g,
			struct diag_list *d, int *result)
{
	*g = NULL;
	if (len < sizeof(struct head))
		return SNAP_INVALID;
	/* aligned, and owned by the graph's pool like a mapping */
	void *copy = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (copy == MAP_FAILED)
		return SNAP_INVALID;
	memcpy(copy, data, len);
	struct mapping *map = xmalloc(sizeof(*map));
	map->base = copy;
	map->len = len;
	struct reader r = {copy, len, copy, {0}};
	int rc = build(&r, key, map, g, d, result);
	if (rc != SNAP_OK)
		unmap(map);
	return rc;
}
