/* All pairs of units, row by row (what a pair's score is: overlap.c).
 *
 * The overlap relation is the sparse product of the unit x value matrix with
 * its transpose. Row a of it is formed alone: for each value a reaches, the
 * units after a that reach it too (an inverted index, value -> units) add the
 * value's weight into a dense accumulator over the units; a's pairs are then
 * read off the units it touched, scored at once (E and K are known before
 * any pair is formed) and handed to a sink. Nothing the size of the pairs
 * exists but what the sink keeps: every pair (the explorer, clusters, why),
 * or, when the caller asks for the best N (overlap_opts.keep_top), a bounded
 * heap of N per relation, so memory is linear in the pairs kept.
 *
 * Rows are shared by the cores in blocks handed out in turn; each block's
 * pairs stay in the block's own array and the arrays are laid end to end in
 * block order, so the result never depends on which thread ran what (and a
 * pair's weight is summed in one order: its values by node id). Sorting the
 * ranked pairs is split across two threads as well.
 *
 * The pairs array holds, per relation, the pairs sharing infrastructure
 * ranked by score (score, weight, then a, b), then those sharing only tools
 * or techniques by (a, b). overlap_pair_find() looks a pair up by binary
 * search: the second part directly, the first through ab_rank, the ranked
 * positions in (a, b) order (4 bytes a pair, where a hash map took 24). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "graph/overlap_int.h"
#include "graph/xalloc.h"

/* ---- arrays of pairs in whole pages ----
 * Grown with mremap and given back with munmap, so that laying the blocks'
 * arrays end to end never holds the pairs twice (freed malloc memory is not
 * always returned to the system). */

struct pvec {
	struct overlap_pair *v;
	size_t n, cap; /* cap in pairs; bytes a multiple of the page */
};

static size_t page_round(size_t bytes)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	return (bytes + pg - 1) / pg * pg;
}

static void pvec_reserve(struct pvec *pv, size_t need)
{
	if (need <= pv->cap)
		return;
	size_t cap = pv->cap ? pv->cap : 1024;
	while (cap < need)
		cap *= 2;
	size_t old = page_round(pv->cap * sizeof(*pv->v)), nb = page_round(cap * sizeof(*pv->v));
	void *p = pv->v
		      ? mremap(pv->v, old, nb, MREMAP_MAYMOVE)
		      : mmap(NULL, nb, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		xmalloc(SIZE_MAX); /* xalloc's out-of-memory report */
	pv->v = p;
	pv->cap = nb / sizeof(*pv->v);
}

static void pvec_push(struct pvec *pv, const struct overlap_pair *p)
{
	if (pv->n == pv->cap)
		pvec_reserve(pv, pv->n + 1);
	pv->v[pv->n++] = *p;
}

static void pvec_free(struct pvec *pv)
{
	if (pv->v)
		munmap(pv->v, page_round(pv->cap * sizeof(*pv->v)));
	memset(pv, 0, sizeof(*pv));
}

void overlap_pairs_release(struct overlap *ov)
{
	struct pvec pv = {ov->pairs, ov->npairs, ov->pairs_cap};
	pvec_free(&pv);
	ov->pairs = NULL;
	ov->npairs = ov->pairs_cap = 0;
	free(ov->ab_rank);
	ov->ab_rank = NULL;
}

/* ---- orders ---- */

/* The ranking of one relation's pairs sharing infrastructure. */
static int cmp_ranked(const struct overlap_pair *a, const struct overlap_pair *b)
{
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

int overlap_pair_cmp(const struct overlap_pair *a, const struct overlap_pair *b)
{
	if (a->relation != b->relation)
		return a->relation < b->relation ? -1 : 1;
	if (a->infra != b->infra)
		return a->infra ? -1 : 1;
	return cmp_ranked(a, b);
}

/* <0 when a ranks before b in the ranking by (enum overlap_by) */
int overlap_pair_cmp_by(int by, const struct overlap_pair *a, const struct overlap_pair *b)
{
	if (by != OVERLAP_BY_INFRA) {
		double x = by == OVERLAP_BY_TOOLS ? a->tools : a->techniques;
		double y = by == OVERLAP_BY_TOOLS ? b->tools : b->techniques;
		if (x != y)
			return x > y ? -1 : 1;
		uint32_t cx = by == OVERLAP_BY_TOOLS ? a->ntools : a->ntechniques;
		uint32_t cy = by == OVERLAP_BY_TOOLS ? b->ntools : b->ntechniques;
		if (cx != cy)
			return cx > cy ? -1 : 1;
	}
	return overlap_pair_cmp(a, b);
}

/* Whether p takes part in the ranking by */
static int ranked_by(int by, const struct overlap_pair *p)
{
	return by == OVERLAP_BY_INFRA	? p->infra
	       : by == OVERLAP_BY_TOOLS ? p->ntools > 0
					: p->ntechniques > 0;
}

/* ---- sinks: where formed pairs go ---- */

/* A bounded heap of the best cap pairs of one ranking; the root is the
 * worst kept. */
struct pheap {
	struct overlap_pair *v;
	size_t n, cap;
	int by;
};

static int heap_worse(const struct pheap *h, size_t i, size_t j)
{
	return overlap_pair_cmp_by(h->by, &h->v[i], &h->v[j]) > 0;
}

static void heap_swap(struct pheap *h, size_t i, size_t j)
{
	struct overlap_pair t = h->v[i];
	h->v[i] = h->v[j];
	h->v[j] = t;
}

static void heap_down(struct pheap *h, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		if (l < h->n && heap_worse(h, l, w))
			w = l;
		if (r < h->n && heap_worse(h, r, w))
			w = r;
		if (w == i)
			return;
		heap_swap(h, i, w);
		i = w;
	}
}

static void heap_offer(struct pheap *h, const struct overlap_pair *p)
{
	if (h->n < h->cap) {
		size_t i = h->n++;
		h->v[i] = *p;
		while (i && heap_worse(h, i, (i - 1) / 2)) {
			heap_swap(h, i, (i - 1) / 2);
			i = (i - 1) / 2;
		}
		return;
	}
	if (!h->cap || overlap_pair_cmp_by(h->by, p, &h->v[0]) >= 0)
		return;
	h->v[0] = *p;
	heap_down(h, 0);
}

/* Formed pairs of one relation: every pair, infrastructure and the rest
 * apart (each in (a, b) order), or the best keep_top of a ranking. */
struct sink {
	struct pvec infra, other;
	struct pheap heap;
	int bounded;
	size_t count[3]; /* pairs formed, per enum overlap_by */
};

static void sink_init(struct sink *s, const struct overlap_opts *o)
{
	memset(s, 0, sizeof(*s));
	if (o->keep_top > 0) {
		s->bounded = 1;
		s->heap.cap = o->keep_top;
		s->heap.by = o->keep_by;
		s->heap.v = xmalloc((s->heap.cap + 1) * sizeof(*s->heap.v));
	}
}

static void sink_put(struct sink *s, const struct overlap_pair *p)
{
	for (int by = 0; by < 3; by++)
		s->count[by] += ranked_by(by, p) != 0;
	if (s->bounded) {
		if (ranked_by(s->heap.by, p))
			heap_offer(&s->heap, p);
	} else {
		pvec_push(p->infra ? &s->infra : &s->other, p);
	}
}

/* ---- the inverted indexes ---- */

struct index {
	/* value (index in ov->vals) -> top-level memberships reaching it, by
	 * unit; values over the cap are left out */
	uint32_t *off, *mem;
	struct side *side; /* beside mem: the membership's side of a weight */
	uint32_t *unit;	   /* beside mem: the membership's unit */
	uint32_t *pos;	   /* per top-level membership: its place in mem */
	uint32_t *m_val;   /* per top-level membership: its value's index */
	/* tool (technique) -> units using it, when at most df_cap do */
	uint32_t *items[2], *item_off[2], *item_unit[2];
	size_t nitems[2];
	/* per unit: its over-cap values (sorted), counted in shared_all only */
	uint32_t *oc, *oc_off;
	uint32_t *m_unit; /* per top-level membership: its unit */
};

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void index_items(struct overlap *ov, struct index *ix, int k, const uint32_t *items,
			const uint32_t *off)
{
	uint64_t *by_item = NULL;
	size_t n = 0, cap = 0;
	for (size_t u = 0; u < ov->ntop; u++)
		for (uint32_t i = off[u]; i < off[u + 1]; i++) {
			XGROW(by_item, cap, n + 1);
			by_item[n++] = u64_pair(items[i], (uint32_t)u);
		}
	if (n > 1)
		qsort(by_item, n, sizeof(*by_item), cmp_u64);
	size_t capn = ov->o.df_cap > 0 ? (size_t)ov->o.df_cap : SIZE_MAX;
	ix->items[k] = xmalloc((n + 1) * sizeof(uint32_t));
	ix->item_off[k] = xmalloc((n + 2) * sizeof(uint32_t));
	ix->item_unit[k] = xmalloc((n + 1) * sizeof(uint32_t));
	size_t ni = 0, nu = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && (by_item[j] >> 32) == (by_item[i] >> 32))
			j++;
		/* an item used by more than df_cap units pairs nobody */
		if (j - i <= capn) {
			ix->items[k][ni] = (uint32_t)(by_item[i] >> 32);
			ix->item_off[k][ni++] = (uint32_t)nu;
			for (size_t x = i; x < j; x++)
				ix->item_unit[k][nu++] = (uint32_t)by_item[x];
		}
		i = j;
	}
	ix->item_off[k][ni] = (uint32_t)nu;
	ix->nitems[k] = ni;
	free(by_item);
}

static void index_build(struct overlap *ov, struct index *ix)
{
	memset(ix, 0, sizeof(*ix));
	size_t nm = ov->ntop_members;
	ix->m_val = xmalloc((nm + 1) * sizeof(*ix->m_val));
	ix->m_unit = xmalloc((nm + 1) * sizeof(*ix->m_unit));
	ix->pos = xmalloc((nm + 1) * sizeof(*ix->pos));
	ix->off = xcalloc(ov->nvals + 2, sizeof(*ix->off));
	for (size_t u = 0; u < ov->ntop; u++)
		for (uint32_t i = 0; i < ov->units[u].member_count; i++)
			ix->m_unit[ov->units[u].first_member + i] = (uint32_t)u;
	for (size_t i = 0; i < nm; i++) {
		uint32_t v = ov->val_idx[ov->members[i].value];
		ix->m_val[i] = v;
		if (!(ov->vals[v].flags & EV_OVER_CAP))
			ix->off[v + 1]++;
	}
	for (size_t v = 0; v < ov->nvals; v++)
		ix->off[v + 1] += ix->off[v];
	ix->mem = xmalloc((ix->off[ov->nvals] + 1) * sizeof(*ix->mem));
	ix->side = xmalloc((ix->off[ov->nvals] + 1) * sizeof(*ix->side));
	ix->unit = xmalloc((ix->off[ov->nvals] + 1) * sizeof(*ix->unit));
	uint32_t *fill = xmalloc((ov->nvals + 1) * sizeof(*fill));
	memcpy(fill, ix->off, (ov->nvals + 1) * sizeof(*fill));
	/* memberships are laid out by unit, so each value's list is by unit */
	for (size_t i = 0; i < nm; i++) {
		uint32_t v = ix->m_val[i];
		if (ov->vals[v].flags & EV_OVER_CAP) {
			ix->pos[i] = UINT32_MAX;
			continue;
		}
		ix->pos[i] = fill[v];
		ix->side[fill[v]] = overlap_side(&ov->members[i]);
		ix->unit[fill[v]] = ix->m_unit[i];
		ix->mem[fill[v]++] = (uint32_t)i;
	}
	free(fill);
	index_items(ov, ix, 0, ov->tools, ov->tool_off);
	index_items(ov, ix, 1, ov->techs, ov->tech_off);
	ix->oc_off = xcalloc(ov->nunits + 1, sizeof(*ix->oc_off));
	ix->oc = xmalloc((ov->nmembers + 1) * sizeof(*ix->oc));
	size_t noc = 0;
	for (size_t u = 0; u < ov->nunits; u++) {
		const struct unit *un = &ov->units[u];
		for (uint32_t i = un->first_member; i < un->first_member + un->member_count; i++)
			if (ov->vals[ov->val_idx[ov->members[i].value]].flags & EV_OVER_CAP)
				ix->oc[noc++] = ov->members[i].value;
		ix->oc_off[u + 1] = (uint32_t)noc;
	}
}

static void index_free(struct index *ix)
{
	free(ix->off);
	free(ix->mem);
	free(ix->side);
	free(ix->unit);
	free(ix->pos);
	free(ix->m_val);
	free(ix->m_unit);
	for (int k = 0; k < 2; k++) {
		free(ix->items[k]);
		free(ix->item_off[k]);
		free(ix->item_unit[k]);
	}
	free(ix->oc);
	free(ix->oc_off);
}

/* ---- one pair ---- */

/* Where a unit's tools or techniques begin; units with none may share an
 * array that was never allocated, and NULL + 0 is undefined. */
static const uint32_t *slice(const uint32_t *base, uint32_t off)
{
	return base ? base + off : NULL;
}

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

/* What two units share through their values, summed. */
struct acc {
	double w;
	uint32_t shared, shared_all, strong;
	uint32_t stamp; /* the row that last touched this entry */
};

static void acc_add(const struct overlap *ov, struct acc *ac, const struct vinfo *vi,
		    const struct side *a, const struct side *b)
{
	uint8_t flags;
	double w = overlap_side_weight(ov, vi, a, b, NULL, NULL, NULL, &flags);
	ac->w += w;
	ac->shared_all++;
	if (w > 0) {
		ac->shared++;
		ac->strong += !(flags & EV_WARNLISTED);
	}
}

/* The pair (a, b) from what they share; 0 when it is no pair (shares no
 * counted value on no warninglist, no tool and no technique). A pair is
 * listed by infrastructure when it shares a counted value that is on no
 * warninglist: a Cloudflare address or a bit.ly link alone links nobody
 * (its rows still show, flagged, in `why`). */
static int pair_make(const struct overlap *ov, const struct index *ix, uint32_t a, uint32_t b,
		     int relation, const struct acc *ac, struct overlap_pair *p)
{
	memset(p, 0, sizeof(*p));
	p->a = a;
	p->b = b;
	p->relation = (uint8_t)relation;
	p->infra = ac->w > 0 && ac->strong > 0;
	double prior;
	overlap_score_terms(ov, a, b, &p->chance, &prior);
	p->weight = p->infra ? ac->w : 0;
	p->score = p->infra ? overlap_score(p->weight, p->chance, prior) : 0;
	p->shared = ac->shared;
	p->shared_all = ac->shared_all + (uint32_t)intersect(ix->oc + ix->oc_off[a],
							     ix->oc_off[a + 1] - ix->oc_off[a],
							     ix->oc + ix->oc_off[b],
							     ix->oc_off[b + 1] - ix->oc_off[b]);
	size_t ta = ov->units[a].ntools, tb = ov->units[b].ntools;
	p->ntools = (uint32_t)intersect(slice(ov->tools, ov->tool_off[a]), ta,
					slice(ov->tools, ov->tool_off[b]), tb);
	p->tools = ta + tb - p->ntools ? (double)p->ntools / (double)(ta + tb - p->ntools) : 0;
	size_t qa = ov->units[a].ntechniques, qb = ov->units[b].ntechniques;
	p->ntechniques = (uint32_t)intersect(slice(ov->techs, ov->tech_off[a]), qa,
					     slice(ov->techs, ov->tech_off[b]), qb);
	p->techniques = qa + qb - p->ntechniques
			    ? (double)p->ntechniques / (double)(qa + qb - p->ntechniques)
			    : 0;
	return p->infra || p->ntools || p->ntechniques;
}

/* ---- rows of the overlap relation ---- */

struct rows {
	const struct overlap *ov;
	const struct index *ix;
	size_t nblocks, rows_per_block;
	struct sink *blocks; /* per block when every pair is kept */
	_Atomic size_t next;
};

struct worker {
	struct rows *r;
	struct acc *acc;
	uint32_t *touched;
	struct sink own; /* the bounded sink of this thread */
	int bounded;
};

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static void touch(struct worker *w, uint32_t b, uint32_t stamp, size_t *nt)
{
	struct acc *ac = &w->acc[b];
	if (ac->stamp == stamp)
		return;
	memset(ac, 0, sizeof(*ac));
	ac->stamp = stamp;
	w->touched[(*nt)++] = b;
}

static void row(struct worker *w, uint32_t a, struct sink *out)
{
	const struct overlap *ov = w->r->ov;
	const struct index *ix = w->r->ix;
	const struct unit *un = &ov->units[a];
	uint32_t stamp = a + 1;
	size_t nt = 0;
	for (uint32_t i = un->first_member; i < un->first_member + un->member_count; i++) {
		if (ix->pos[i] == UINT32_MAX)
			continue;
		uint32_t end = ix->off[ix->m_val[i] + 1];
		const struct vinfo *vi = &ov->vals[ix->m_val[i]];
		const struct side *sa = &ix->side[ix->pos[i]];
		for (uint32_t j = ix->pos[i] + 1; j < end; j++) {
			uint32_t b = ix->unit[j];
			touch(w, b, stamp, &nt);
			acc_add(ov, &w->acc[b], vi, sa, &ix->side[j]);
		}
	}
	/* a tool or technique at most df_cap units use pairs them too */
	for (int k = 0; k < 2; k++) {
		size_t nits = k ? un->ntechniques : un->ntools;
		if (!nits)
			continue;
		const uint32_t *its = k ? ov->techs + ov->tech_off[a] : ov->tools + ov->tool_off[a];
		for (size_t t = 0; t < nits; t++) {
			const uint32_t *f = bsearch(&its[t], ix->items[k], ix->nitems[k],
						    sizeof(uint32_t), cmp_u32);
			if (!f)
				continue;
			size_t fi = (size_t)(f - ix->items[k]);
			for (uint32_t j = ix->item_off[k][fi]; j < ix->item_off[k][fi + 1]; j++)
				if (ix->item_unit[k][j] > a)
					touch(w, ix->item_unit[k][j], stamp, &nt);
		}
	}
	/* the pairs in (a, b) order: a scan of the accumulator when the row
	 * touched much of what follows a, else a sort of what it touched */
	size_t rest = ov->ntop - a - 1;
	if (nt * 8 >= rest) {
		nt = 0;
		for (uint32_t b = a + 1; b < ov->ntop; b++)
			if (w->acc[b].stamp == stamp)
				w->touched[nt++] = b;
	} else if (nt > 1) {
		qsort(w->touched, nt, sizeof(*w->touched), cmp_u32);
	}
	for (size_t t = 0; t < nt; t++) {
		struct overlap_pair p;
		uint32_t b = w->touched[t];
		if (pair_make(ov, ix, a, b, PAIR_OVERLAP, &w->acc[b], &p))
			sink_put(out, &p);
	}
}

static void *rows_worker(void *arg)
{
	struct worker *w = arg;
	struct rows *r = w->r;
	size_t ntop = r->ov->ntop;
	for (;;) {
		size_t blk = atomic_fetch_add(&r->next, 1);
		if (blk >= r->nblocks)
			break;
		size_t from = blk * r->rows_per_block, to = from + r->rows_per_block;
		if (to > ntop)
			to = ntop;
		struct sink *out = w->bounded ? &w->own : &r->blocks[blk];
		for (size_t a = from; a < to; a++)
			row(w, (uint32_t)a, out);
	}
	return NULL;
}

/* How many threads: the cores, at most 8, one for small inputs. */
static int thread_count(size_t work)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	const char *env = getenv("AGX_THREADS");
	if (env && atoi(env) > 0)
		n = atoi(env);
	if (n < 1 || work < 512)
		n = 1;
	return n > 8 ? 8 : (int)n;
}

static void sink_merge_count(struct sink *into, const struct sink *from)
{
	for (int by = 0; by < 3; by++)
		into->count[by] += from->count[by];
}

/* Offers every pair of a bounded sink to another. */
static void sink_merge_heap(struct sink *into, struct sink *from)
{
	for (size_t i = 0; i < from->heap.n; i++)
		heap_offer(&into->heap, &from->heap.v[i]);
	sink_merge_count(into, from);
	free(from->heap.v);
	from->heap.v = NULL;
}

/* Appends from's arrays to into's, freeing from's. */
static void pvec_append(struct pvec *into, struct pvec *from)
{
	if (!from->n) {
		pvec_free(from);
		return;
	}
	if (!into->v) {
		*into = *from;
		memset(from, 0, sizeof(*from));
		return;
	}
	pvec_reserve(into, into->n + from->n);
	memcpy(into->v + into->n, from->v, from->n * sizeof(*from->v));
	into->n += from->n;
	pvec_free(from);
}

static void overlap_rows(struct overlap *ov, const struct index *ix, struct sink *out)
{
	int nth = thread_count(ov->ntop_members);
	struct rows r;
	memset(&r, 0, sizeof(r));
	r.ov = ov;
	r.ix = ix;
	/* blocks small enough to share uneven rows (early rows meet more
	 * units after them), large enough to keep the arrays few */
	size_t want = (size_t)nth * 64;
	r.rows_per_block = ov->ntop / want + 1;
	r.nblocks = ov->ntop ? (ov->ntop + r.rows_per_block - 1) / r.rows_per_block : 0;
	atomic_init(&r.next, 0);
	if (!out->bounded)
		r.blocks = xcalloc(r.nblocks + 1, sizeof(*r.blocks));
	struct worker *ws = xcalloc((size_t)nth, sizeof(*ws));
	pthread_t *tids = xcalloc((size_t)nth, sizeof(*tids));
	for (int t = 0; t < nth; t++) {
		ws[t].r = &r;
		ws[t].acc = xcalloc(ov->ntop + 1, sizeof(*ws[t].acc));
		ws[t].touched = xmalloc((ov->ntop + 1) * sizeof(*ws[t].touched));
		ws[t].bounded = out->bounded;
		if (out->bounded)
			sink_init(&ws[t].own, &ov->o);
	}
	int started = 0;
	for (int t = 1; t < nth; t++)
		if (pthread_create(&tids[t], NULL, rows_worker, &ws[t]) == 0)
			started = t;
		else
			break; /* the threads that did start share the blocks */
	rows_worker(&ws[0]);
	for (int t = 1; t <= started; t++)
		pthread_join(tids[t], NULL);
	for (int t = 0; t < nth; t++) {
		if (out->bounded)
			sink_merge_heap(out, &ws[t].own);
		free(ws[t].acc);
		free(ws[t].touched);
	}
	/* blocks end to end, in order */
	for (size_t b = 0; b < r.nblocks && !out->bounded; b++) {
		sink_merge_count(out, &r.blocks[b]);
		pvec_append(&out->infra, &r.blocks[b].infra);
		pvec_append(&out->other, &r.blocks[b].other);
	}
	free(r.blocks);
	free(ws);
	free(tids);
}

/* Corroboration and internal pairs: the sources (campaigns) of one actor
 * against each other, by merging their sorted value lists. */
static void within_actor_pairs(struct overlap *ov, const struct index *ix, struct sink *sinks)
{
	for (size_t i = ov->ntop; i < ov->nunits; i++) {
		const struct unit *a = &ov->units[i];
		for (size_t j = i + 1; j < ov->nunits; j++) {
			const struct unit *b = &ov->units[j];
			if (b->parent != a->parent)
				break;
			if ((a->kind == UNIT_SOURCE) != (b->kind == UNIT_SOURCE))
				continue;
			int rel = a->kind == UNIT_SOURCE ? PAIR_CORROBORATION : PAIR_INTERNAL;
			struct acc ac;
			memset(&ac, 0, sizeof(ac));
			int met = 0;
			uint32_t x = a->first_member, xe = x + a->member_count;
			uint32_t y = b->first_member, ye = y + b->member_count;
			while (x < xe && y < ye) {
				uint32_t vx = ov->members[x].value, vy = ov->members[y].value;
				if (vx < vy) {
					x++;
				} else if (vx > vy) {
					y++;
				} else {
					const struct vinfo *vi = &ov->vals[ov->val_idx[vx]];
					if (!(vi->flags & EV_OVER_CAP)) {
						struct side sx = overlap_side(&ov->members[x]);
						struct side sy = overlap_side(&ov->members[y]);
						acc_add(ov, &ac, vi, &sx, &sy);
						met = 1;
					}
					x++;
					y++;
				}
			}
			struct overlap_pair p;
			if (met && pair_make(ov, ix, (uint32_t)i, (uint32_t)j, rel, &ac, &p))
				sink_put(&sinks[rel], &p);
		}
	}
}

/* ---- ranking ---- */

/* What sorts a ranked pair: its place in (a, b) order breaks ties. */
struct rkey {
	double score, weight;
	uint32_t ab;
};

static int rkey_before(const struct rkey *x, const struct rkey *y)
{
	if (x->score != y->score)
		return x->score > y->score;
	if (x->weight != y->weight)
		return x->weight > y->weight;
	return x->ab < y->ab;
}

static void rkey_swap(struct rkey *a, struct rkey *b)
{
	struct rkey t = *a;
	*a = *b;
	*b = t;
}

static void rkey_sift(struct rkey *k, size_t i, size_t n)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		if (l < n && rkey_before(&k[m], &k[l]))
			m = l;
		if (l + 1 < n && rkey_before(&k[m], &k[l + 1]))
			m = l + 1;
		if (m == i)
			return;
		rkey_swap(&k[i], &k[m]);
		i = m;
	}
}

/* Heap sort: the fallback of a quicksort gone deep. */
static void rkey_heapsort(struct rkey *k, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		rkey_sift(k, i, n);
	for (size_t e = n; e-- > 1;) {
		rkey_swap(&k[0], &k[e]);
		rkey_sift(k, 0, e);
	}
}

/* Partitions k around a median of three; returns the pivot's place. */
static size_t rkey_partition(struct rkey *k, size_t n)
{
	size_t m = n / 2;
	if (rkey_before(&k[m], &k[0]))
		rkey_swap(&k[m], &k[0]);
	if (rkey_before(&k[n - 1], &k[0]))
		rkey_swap(&k[n - 1], &k[0]);
	if (rkey_before(&k[n - 1], &k[m]))
		rkey_swap(&k[n - 1], &k[m]);
	rkey_swap(&k[m], &k[n - 2]);
	struct rkey pivot = k[n - 2];
	size_t i = 0, j = n - 2;
	for (;;) {
		while (rkey_before(&k[++i], &pivot))
			;
		while (rkey_before(&pivot, &k[--j]))
			;
		if (i >= j)
			break;
		rkey_swap(&k[i], &k[j]);
	}
	rkey_swap(&k[i], &k[n - 2]);
	return i;
}

/* Introsort (keys are distinct: ab breaks every tie). */
static void rkey_sort(struct rkey *k, size_t n, int depth)
{
	while (n > 16) {
		if (depth-- == 0) {
			rkey_heapsort(k, n);
			return;
		}
		size_t p = rkey_partition(k, n);
		if (p < n - p - 1) {
			rkey_sort(k, p, depth);
			k += p + 1;
			n -= p + 1;
		} else {
			rkey_sort(k + p + 1, n - p - 1, depth);
			n = p;
		}
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && rkey_before(&k[j], &k[j - 1]); j--)
			rkey_swap(&k[j], &k[j - 1]);
}

struct sort_job {
	struct rkey *k;
	size_t n;
};

static void *sort_thread(void *arg)
{
	struct sort_job *j = arg;
	rkey_sort(j->k, j->n, 2 * 64);
	return NULL;
}

/* Sorts keys on two threads: one partition, then a side each. */
static void rkey_sort_par(struct rkey *k, size_t n)
{
	if (n < 100000 || thread_count(n) < 2) {
		rkey_sort(k, n, 2 * 64);
		return;
	}
	size_t p = rkey_partition(k, n);
	struct sort_job left = {k, p};
	pthread_t t;
	int threaded = pthread_create(&t, NULL, sort_thread, &left) == 0;
	if (!threaded)
		sort_thread(&left);
	rkey_sort(k + p + 1, n - p - 1, 2 * 64);
	if (threaded)
		pthread_join(t, NULL);
}

/* Ranks v[0..n) (in (a, b) order) in place; rank[i] gets the ranked place
 * (plus base) of the pair that was i-th in (a, b) order. */
static void rank_in_place(struct overlap_pair *v, size_t n, uint32_t *rank, size_t base)
{
	if (!n)
		return;
	struct rkey *k = xmalloc(n * sizeof(*k));
	for (size_t i = 0; i < n; i++)
		k[i] = (struct rkey){v[i].score, v[i].weight, (uint32_t)i};
	rkey_sort_par(k, n);
	uint32_t *from = xmalloc(n * sizeof(*from));
	for (size_t i = 0; i < n; i++) {
		from[i] = k[i].ab;
		rank[k[i].ab] = (uint32_t)(base + i);
	}
	free(k);
	/* v[i] takes the pair at from[i]: follow each cycle once */
	for (size_t i = 0; i < n; i++) {
		if (from[i] == i || from[i] == UINT32_MAX)
			continue;
		struct overlap_pair t = v[i];
		size_t j = i;
		while (from[j] != i) {
			size_t s = from[j];
			v[j] = v[s];
			from[j] = UINT32_MAX;
			j = s;
		}
		v[j] = t;
		from[j] = UINT32_MAX;
	}
	free(from);
}

static int cmp_ab(const void *pa, const void *pb)
{
	const struct overlap_pair *a = pa, *b = pb;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* A bounded sink's heap split as an unbounded one's arrays. */
static void sink_unheap(struct sink *s)
{
	for (size_t i = 0; i < s->heap.n; i++)
		pvec_push(s->heap.v[i].infra ? &s->infra : &s->other, &s->heap.v[i]);
	free(s->heap.v);
	s->heap.v = NULL;
	if (s->infra.n > 1)
		qsort(s->infra.v, s->infra.n, sizeof(*s->infra.v), cmp_ab);
	if (s->other.n > 1)
		qsort(s->other.v, s->other.n, sizeof(*s->other.v), cmp_ab);
}

/* Lays the relations' pairs end to end, ranked. */
static void lay_out(struct overlap *ov, struct sink *sinks)
{
	struct pvec all = {0};
	size_t ninfra = 0;
	for (int r = 0; r < PAIR_RELATION_COUNT; r++) {
		if (sinks[r].bounded)
			sink_unheap(&sinks[r]);
		ninfra += sinks[r].infra.n;
	}
	ov->ab_rank = xmalloc((ninfra + 1) * sizeof(*ov->ab_rank));
	size_t ab = 0;
	for (int r = 0; r < PAIR_RELATION_COUNT; r++) {
		struct sink *s = &sinks[r];
		ov->rel_off[r] = all.n;
		ov->rel_infra[r] = s->infra.n;
		ov->ab_off[r] = ab;
		rank_in_place(s->infra.v, s->infra.n, ov->ab_rank + ab, all.n);
		ab += s->infra.n;
		pvec_append(&all, &s->infra);
		pvec_append(&all, &s->other);
		for (int by = 0; by < 3; by++)
			ov->rel_total[r][by] = s->count[by];
	}
	ov->rel_off[PAIR_RELATION_COUNT] = all.n;
	ov->ab_off[PAIR_RELATION_COUNT] = ab;
	ov->pairs = all.v;
	ov->npairs = all.n;
	ov->pairs_cap = all.cap;
}

void overlap_pairs_build(struct overlap *ov)
{
	struct index ix;
	index_build(ov, &ix);
	struct sink sinks[PAIR_RELATION_COUNT];
	for (int r = 0; r < PAIR_RELATION_COUNT; r++)
		sink_init(&sinks[r], &ov->o);
	if (!ov->o.relations || (ov->o.relations & 1u << PAIR_OVERLAP))
		overlap_rows(ov, &ix, &sinks[PAIR_OVERLAP]);
	within_actor_pairs(ov, &ix, sinks);
	index_free(&ix);
	lay_out(ov, sinks);
}

/* Binary search of (a, b) among n pairs in (a, b) order, seen through idx
 * when not NULL. */
static uint32_t find_ab(const struct overlap *ov, size_t lo, size_t hi, const uint32_t *idx,
			uint32_t a, uint32_t b)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t k = idx ? idx[mid] : (uint32_t)mid;
		const struct overlap_pair *p = &ov->pairs[k];
		if (p->a == a && p->b == b)
			return k;
		if (p->a < a || (p->a == a && p->b < b))
			lo = mid + 1;
		else
			hi = mid;
	}
	return UINT32_MAX;
}

uint32_t overlap_pair_find(const struct overlap *ov, uint32_t a, uint32_t b)
{
	if (a > b) {
		uint32_t t = a;
		a = b;
		b = t;
	}
	for (int r = 0; r < PAIR_RELATION_COUNT; r++) {
		uint32_t k = find_ab(ov, ov->ab_off[r], ov->ab_off[r + 1], ov->ab_rank, a, b);
		if (k == UINT32_MAX)
			k = find_ab(ov, ov->rel_off[r] + ov->rel_infra[r], ov->rel_off[r + 1], NULL,
				    a, b);
		if (k != UINT32_MAX)
			return k;
	}
	return UINT32_MAX;
}

size_t overlap_pairs_total(const struct overlap *ov, int relation, int by)
{
	if (relation < 0 || relation >= PAIR_RELATION_COUNT || by < 0 || by > 2)
		return 0;
	return ov->rel_total[relation][by];
}
