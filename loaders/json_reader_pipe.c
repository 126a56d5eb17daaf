/* The JSON reader's pipeline (loaders/json_reader_int.h): for a regular
 * file of JR_THREAD_MIN_BYTES or more, a second thread runs the scanner
 * (jr_scan_next), which finds where each item ends and copies its bytes
 * into a bounded ring; items are parsed by jansson on either thread: the
 * reading thread parses the newest raw items when it is ahead, the caller
 * parses the item it needs next when it is still raw. Both cores parse, the
 * caller alone builds the graph. Diagnostics travel in the ring, so the
 * caller adds them to the list in file order, between the items they came
 * between; an item whose parse failed is reported when the caller reaches
 * it, and a fatal one drops everything after it, as reading on one thread
 * would never have got there. All ring fields are guarded by mu.
 *
 * The constants below trade lock traffic and thread wake-ups against how
 * far the two threads may drift apart. They were chosen while tuning the
 * pipeline on a 351 MB STIX bundle (read in 3.0 s, against 5.2 s on one
 * thread); none of them changes what is read, only when and where. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"
#include "loaders/json_reader_int.h"

enum {
	/* Files smaller than this are read on the caller's thread: starting a
	 * thread and passing items through the ring costs more than it saves. */
	JR_THREAD_MIN_BYTES = 1 << 20,
	/* Events (items, diagnostics, the end) in flight between the threads;
	 * with JR_LOCAL and the caller's batch, this bounds the reader's memory
	 * to a few hundred raw items beyond what one thread would hold. */
	JR_RING = 256,
	/* The reading thread keeps this many events of its own before it takes
	 * the lock to move them into the ring: one lock per batch, not per item. */
	JR_LOCAL = 64,
	/* Items the reading thread scans in one turn, without the lock, before it
	 * looks again at whether scanning or parsing is more useful. */
	JR_SCAN_BATCH = 16,
	/* The reading thread scans while the caller has fewer than JR_LOW events
	 * ahead of it (so the caller never starves) or fewer than JR_LEAD raw
	 * items wait to be parsed (so there is parsing to share); otherwise it
	 * parses raw items itself. */
	JR_LOW = 96,
	JR_LEAD = 32,
	/* Raw items the reading thread claims for parsing at once, newest first
	 * (the ones just copied: still in its cache, and far from the caller,
	 * which claims the oldest, so the two rarely want the same item). */
	JR_CLAIM = 8,
	/* Released values waiting to be freed on the reading thread that
	 * allocated them (glibc reuses that thread's own chunks then), and the
	 * caller's batch of them before it takes the lock to hand them over. */
	JR_RET = 256,
	JR_CRET = 32,
};

/* One event from the reading thread to the caller, in file order: an item,
 * a diagnostic, or the end (JR_END / JR_ERROR). An item may still be raw
 * (its bytes, to be parsed by whichever thread gets to it first). */
enum { EV_ITEM, EV_DIAG, EV_DONE };
enum { SL_READY, SL_RAW, SL_BUSY };
struct jr_ev {
	uint8_t kind, state;
	uint8_t remote;	     /* parsed on the reading thread */
	uint8_t level, code; /* EV_DIAG */
	uint8_t text_arena;  /* text lives in arena (never freed alone) */
	int rc;		     /* EV_DONE */
	struct jr_item it;   /* EV_ITEM: it.value NULL while raw or refused */
	uint32_t line, col;  /* EV_DIAG */
	char *where, *msg;   /* EV_DIAG */
	char *text;	     /* raw item: its bytes */
	size_t len;
	json_error_t *err;    /* an item jansson refused */
	struct jalloc *arena; /* it.value's memory, or NULL (malloc) */
};

struct jr_pipe {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
	struct jr_ev ring[JR_RING];
	size_t head, tail; /* taken at head, put at tail (counters, not indexes) */
	size_t nraw;	   /* raw slots in the ring */
	int stop;	   /* the caller closed the reader or met a fatal error */
	int prod_waiting, cons_waiting;
	/* the reading thread's events not yet in the ring */
	struct jr_ev local[JR_LOCAL];
	size_t nlocal;
	/* the caller's: events taken from the ring, not yet handled */
	struct jr_ev taken[JR_RING];
	size_t ntaken, next_taken;
	/* values the caller is done with, freed on the reading thread that
	 * allocated them (jr_release): glibc then reuses its own chunks instead
	 * of taking them back from another thread's arena under its lock */
	json_t *ret[JR_RET];
	size_t nret;
	char *rtext[JR_RET]; /* and raw bytes the caller parsed */
	size_t nrtext;
	json_t *cret[JR_CRET]; /* the caller's, not yet in ret */
	/* the reading thread's, taken from ret: one is freed before each parse,
	 * so that malloc gets back the chunks just freed (its per-thread cache
	 * is small) */
	json_t *pend[JR_RET];
	size_t npend, next_pend;
	size_t ncret;
	json_t *last; /* the last item handed out, and whether it is remote */
	int last_remote;
	struct jalloc *last_arena; /* and its arena, until released */
	uint32_t skipped;	   /* items refused, counted by the caller */
	int done, done_rc;	   /* the end was handled; the thread was joined */
};

static void ev_free(struct jr_ev *ev)
{
	if (ev->kind == EV_ITEM)
		jr_tree_free(ev->it.value, ev->arena);
	if (!ev->text_arena)
		free(ev->text);
	free(ev->err);
	free(ev->where);
	free(ev->msg);
}

/* Parses a raw item (its slot is claimed: only this thread touches it). */
static void ev_parse(struct jr_ev *ev)
{
	json_error_t e;
	if (ev->text_arena) {
		/* the arena holding the bytes takes the value too; it stays
		 * with the event, value or not */
		jalloc_begin(ev->arena);
		ev->it.value = json_loadb(ev->text, ev->len, JR_FLAGS, &e);
		jalloc_end();
		ev->text = NULL;
		ev->text_arena = 0;
	} else {
		ev->it.value = jr_load_bytes(ev->text, ev->len, &e, &ev->arena);
	}
	if (!ev->it.value) {
		ev->err = xmalloc(sizeof(*ev->err));
		*ev->err = e;
	}
}

/* Claims raw slots into idx[]; mu held. The caller takes the oldest (the
 * one it needs next), the reading thread up to max of the newest (the ones
 * it has just copied, still in its cache, and far from the caller), so the
 * two rarely wait for each other. */
static size_t claim(struct jr_pipe *p, size_t *idx, size_t max, int newest)
{
	size_t n = 0;
	if (newest) {
		for (size_t i = p->tail; i != p->head && n < max && p->nraw; i--) {
			struct jr_ev *ev = &p->ring[(i - 1) % JR_RING];
			if (ev->state != SL_RAW)
				continue;
			ev->state = SL_BUSY;
			p->nraw--;
			idx[n++] = i - 1;
		}
		return n;
	}
	for (size_t i = p->head; i != p->tail && n < max && p->nraw; i++) {
		struct jr_ev *ev = &p->ring[i % JR_RING];
		if (ev->state != SL_RAW)
			continue;
		ev->state = SL_BUSY;
		p->nraw--;
		idx[n++] = i;
	}
	return n;
}

/* Parses the claimed slots idx[0..n): mu held on entry and exit. */
static void parse_claimed(struct jr_pipe *p, const size_t *idx, size_t n, int remote)
{
	pthread_mutex_unlock(&p->mu);
	for (size_t k = 0; k < n; k++) {
		struct jr_ev *ev = &p->ring[idx[k] % JR_RING];
		if (remote && p->next_pend < p->npend)
			json_decref(p->pend[p->next_pend++]);
		ev_parse(ev);
		ev->remote = (uint8_t)remote;
		if (remote) {
			free(ev->text);
			ev->text = NULL;
		}
	}
	pthread_mutex_lock(&p->mu);
	for (size_t k = 0; k < n; k++) {
		struct jr_ev *ev = &p->ring[idx[k] % JR_RING];
		ev->state = SL_READY;
		if (ev->text) { /* the reading thread allocated it: it frees it */
			if (p->nrtext < JR_RET)
				p->rtext[p->nrtext++] = ev->text;
			else
				free(ev->text);
			ev->text = NULL;
		}
	}
	if (remote && p->cons_waiting)
		pthread_cond_signal(&p->not_empty);
}

/* Moves the reading thread's local events into the ring, waiting for room;
 * mu held. Once the caller has stopped the pipe they are dropped. */
static void flush_locked(struct jr_pipe *p)
{
	for (size_t k = 0; k < p->nlocal; k++) {
		while (p->tail - p->head == JR_RING && !p->stop) {
			if (p->cons_waiting)
				pthread_cond_signal(&p->not_empty);
			p->prod_waiting = 1;
			pthread_cond_wait(&p->not_full, &p->mu);
			p->prod_waiting = 0;
		}
		if (p->stop) {
			ev_free(&p->local[k]);
			continue;
		}
		if (p->local[k].state == SL_RAW)
			p->nraw++;
		p->ring[p->tail++ % JR_RING] = p->local[k];
	}
	p->nlocal = 0;
	if (p->cons_waiting)
		pthread_cond_signal(&p->not_empty);
}

/* Keeps an event of the reading thread (jr_pipe_diag, pipe_main). */
static void pipe_local(struct jr_pipe *p, const struct jr_ev *ev)
{
	if (p->nlocal == JR_LOCAL) {
		pthread_mutex_lock(&p->mu);
		flush_locked(p);
		pthread_mutex_unlock(&p->mu);
	}
	p->local[p->nlocal++] = *ev;
}

static void *pipe_main(void *arg)
{
	struct jr *r = arg;
	struct jr_pipe *p = r->pipe;
	int scanning = 1;
	size_t idx[JR_CLAIM];
	pthread_mutex_lock(&p->mu);
	while (!p->stop) {
		if (p->next_pend == p->npend && (p->nret || p->nrtext)) {
			char *rtext[JR_RET];
			size_t nt = p->nrtext;
			memcpy(p->pend, p->ret, p->nret * sizeof(*p->ret));
			p->npend = p->nret;
			p->next_pend = 0;
			memcpy(rtext, p->rtext, nt * sizeof(*rtext));
			p->nret = p->nrtext = 0;
			pthread_mutex_unlock(&p->mu);
			for (size_t k = 0; k < nt; k++)
				free(rtext[k]);
			pthread_mutex_lock(&p->mu);
			continue;
		}
		/* scan while the caller has few items ahead or few are raw;
		 * otherwise parse */
		size_t ahead = p->tail - p->head;
		if (scanning && ahead + JR_SCAN_BATCH <= JR_RING &&
		    (ahead < JR_LOW || p->nraw < JR_LEAD)) {
			pthread_mutex_unlock(&p->mu);
			for (int k = 0; k < JR_SCAN_BATCH && scanning; k++) {
				struct jr_ev ev = {.kind = EV_ITEM, .state = SL_READY, .remote = 1};
				int rc = jr_scan_next(r, &ev.it);
				if (rc != JR_ITEM) {
					ev.kind = EV_DONE;
					ev.rc = rc;
					scanning = 0;
				} else if (!ev.it.value) {
					ev.state = SL_RAW;
					ev.text = r->raw;
					ev.len = r->raw_len;
					ev.arena = r->raw_arena;
					ev.text_arena = r->raw_arena != NULL;
					r->raw = NULL;
					r->raw_arena = NULL;
				}
				pipe_local(p, &ev);
			}
			pthread_mutex_lock(&p->mu);
			flush_locked(p);
			continue;
		}
		size_t n = claim(p, idx, JR_CLAIM, 1);
		if (n) {
			parse_claimed(p, idx, n, 1);
			continue;
		}
		if (p->next_pend < p->npend) { /* idle: free the rest */
			pthread_mutex_unlock(&p->mu);
			while (p->next_pend < p->npend)
				json_decref(p->pend[p->next_pend++]);
			pthread_mutex_lock(&p->mu);
			continue;
		}
		if (!scanning)
			break;
		p->prod_waiting = 1;
		pthread_cond_wait(&p->not_full, &p->mu);
		p->prod_waiting = 0;
	}
	pthread_mutex_unlock(&p->mu);
	while (p->next_pend < p->npend)
		json_decref(p->pend[p->next_pend++]);
	return NULL;
}

int jr_pipe_wanted(const struct load_ctx *c)
{
	const char *env = getenv("AGX_THREADS");
	if (env && !strcmp(env, "1"))
		return 0;
	if (env && !strcmp(env, "force"))
		return 1;
	return c->size >= JR_THREAD_MIN_BYTES;
}

void jr_pipe_start(struct jr *r)
{
	struct jr_pipe *p = xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->not_empty, NULL);
	pthread_cond_init(&p->not_full, NULL);
	/* jansson's only global: its hash seed, set before a second thread
	 * creates objects */
	json_object_seed(0);
	r->pipe = p;
	if (pthread_create(&p->thread, NULL, pipe_main, r) != 0) {
		r->pipe = NULL; /* read on the caller's thread instead */
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->not_empty);
		pthread_cond_destroy(&p->not_full);
		free(p);
	}
}

/* Stops and joins the thread; the caller's view of the reader is then
 * complete (counters, envelope). */
static void pipe_join(struct jr_pipe *p, int rc)
{
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_signal(&p->not_full);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	p->done = 1;
	p->done_rc = rc;
}

void jr_pipe_stop(struct jr *r)
{
	struct jr_pipe *p = r->pipe;
	if (!p)
		return;
	if (!p->done)
		pipe_join(p, JR_END);
	for (; p->head != p->tail; p->head++)
		ev_free(&p->ring[p->head % JR_RING]);
	for (; p->next_taken < p->ntaken; p->next_taken++)
		ev_free(&p->taken[p->next_taken]);
	for (size_t k = 0; k < p->nret; k++)
		json_decref(p->ret[k]);
	for (size_t k = 0; k < p->nrtext; k++)
		free(p->rtext[k]);
	for (size_t k = 0; k < p->ncret; k++)
		json_decref(p->cret[k]);
	jalloc_put(p->last_arena);
	if (r->raw_arena)
		jalloc_put(r->raw_arena);
	else
		free(r->raw);
	r->raw = NULL;
	r->raw_arena = NULL;
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->not_empty);
	pthread_cond_destroy(&p->not_full);
	r->skipped += p->skipped;
	free(p);
	r->pipe = NULL;
}

/* Hands the caller's released values to the reading thread; mu held.
 * What does not fit is freed here. */
static void give_back(struct jr_pipe *p)
{
	size_t n = p->ncret;
	if (n > JR_RET - p->nret)
		n = JR_RET - p->nret;
	memcpy(p->ret + p->nret, p->cret, n * sizeof(*p->cret));
	p->nret += n;
	for (size_t k = n; k < p->ncret; k++)
		json_decref(p->cret[k]);
	p->ncret = 0;
	if (n && p->prod_waiting)
		pthread_cond_signal(&p->not_full);
}

void jr_pipe_release(struct jr *r, json_t *v)
{
	struct jr_pipe *p = r->pipe;
	if (v == p->last && p->last_arena) {
		jr_tree_free(v, p->last_arena);
		p->last = NULL;
		p->last_arena = NULL;
		return;
	}
	if (p->done || v != p->last || !p->last_remote) {
		json_decref(v);
		return;
	}
	p->last = NULL;
	p->cret[p->ncret++] = v;
	if (p->ncret == JR_CRET) {
		pthread_mutex_lock(&p->mu);
		give_back(p);
		pthread_mutex_unlock(&p->mu);
	}
}

/* Takes the next ready events from the ring into p->taken, parsing the
 * next raw item on this thread when the reading thread has not yet. */
static void take(struct jr_pipe *p)
{
	size_t idx[1];
	pthread_mutex_lock(&p->mu);
	if (p->ncret)
		give_back(p);
	for (;;) {
		size_t n = 0;
		while (p->head != p->tail && p->ring[p->head % JR_RING].state == SL_READY)
			p->taken[n++] = p->ring[p->head++ % JR_RING];
		if (n) {
			p->ntaken = n;
			p->next_taken = 0;
			if (p->prod_waiting && p->tail - p->head <= JR_RING / 2)
				pthread_cond_signal(&p->not_full);
			break;
		}
		if (p->head != p->tail && claim(p, idx, 1, 0)) {
			parse_claimed(p, idx, 1, 0);
			continue;
		}
		/* empty, or the next item is being parsed on the other thread */
		p->cons_waiting = 1;
		pthread_cond_wait(&p->not_empty, &p->mu);
		p->cons_waiting = 0;
	}
	pthread_mutex_unlock(&p->mu);
}

int jr_pipe_next(struct jr *r, struct jr_item *it)
{
	struct jr_pipe *p = r->pipe;
	jalloc_put(p->last_arena);
	p->last_arena = NULL;
	memset(it, 0, sizeof(*it));
	if (p->done)
		return p->done_rc;
	for (;;) {
		if (p->next_taken == p->ntaken)
			take(p);
		struct jr_ev *ev = &p->taken[p->next_taken++];
		switch (ev->kind) {
		case EV_ITEM:
			if (ev->it.value) {
				*it = ev->it;
				p->last = it->value;
				p->last_remote = ev->remote;
				p->last_arena = ev->arena;
				return JR_ITEM;
			}
			int rc = jr_refused(r, 1, &ev->it, ev->it.line, ev->it.col,
					    ev->it.container == JR_TOP, ev->err, &p->skipped);
			free(ev->err);
			jalloc_put(ev->arena); /* the refused item's bytes */
			if (rc == JR_SKIP)
				continue;
			pipe_join(p, JR_ERROR);
			return JR_ERROR;
		case EV_DIAG:
			diag_add(r->c->d, r->c->file, ev->level, ev->code, ev->line, ev->col,
				 ev->where, "%s", ev->msg);
			free(ev->where);
			free(ev->msg);
			continue;
		default:
			/* the thread has ended: its counters and envelope are ours now */
			pipe_join(p, ev->rc);
			return ev->rc;
		}
	}
}

void jr_pipe_diag(struct jr_pipe *p, enum diag_level level, enum diag_code code, uint32_t line,
		  uint32_t col, const char *where, char *msg)
{
	struct jr_ev ev = {.kind = EV_DIAG, .level = (uint8_t)level, .code = (uint8_t)code};
	ev.line = line;
	ev.col = col;
	ev.where = where ? xstrdup(where) : NULL;
	ev.msg = msg;
	pipe_local(p, &ev);
}

uint32_t jr_pipe_skipped(const struct jr_pipe *p)
{
	return p->skipped;
}
