#include "loaders/jalloc.h"

#include <jansson.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__)
#define JA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JA_ASAN 1
#endif
#endif
#ifdef JA_ASAN
#include <sanitizer/asan_interface.h>
#define JA_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define JA_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
enum { JA_REDZONE = 16 };
#else
#define JA_POISON(p, n) ((void)(p), (void)(n))
#define JA_UNPOISON(p, n) ((void)(p), (void)(n))
enum { JA_REDZONE = 0 };
#endif

/* Chunks of JA_CHUNK bytes carved from one reserved range; an allocation
 * larger than a chunk takes several adjacent fresh ones (a span). */
enum { JA_CHUNK = 8192, JA_ALIGN = 16 };
#define JA_RESERVE ((size_t)1 << 30)

struct ja_chunk {
	struct ja_chunk *next;
	size_t n; /* chunks in this span */
};

struct jalloc {
	struct ja_chunk *chunks; /* the spans of this arena, this struct in one */
	char *cur, *end;	 /* free room in the newest span */
	int walk;
};

#define JA_HDR ((sizeof(struct ja_chunk) + JA_ALIGN - 1) & ~(size_t)(JA_ALIGN - 1))
#define JA_HEAD ((sizeof(struct jalloc) + JA_ALIGN - 1) & ~(size_t)(JA_ALIGN - 1))

/* the reserved range, set once (reserve) before any thread uses it */
static char *ja_lo, *ja_hi;
static pthread_once_t ja_once = PTHREAD_ONCE_INIT;
static int ja_ok;
/* guarded by ja_mu */
static pthread_mutex_t ja_mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned ja_attached;	      /* attachments not yet detached */
static json_malloc_t ja_saved_malloc; /* jansson's, while ours are installed */
static json_free_t ja_saved_free;
static int ja_installed;
static char *ja_bump; /* the first chunk never handed out */
static struct ja_chunk *ja_free;
static size_t ja_live; /* arenas handed out */

static _Thread_local struct jalloc *ja_cur;

/* n adjacent chunks (a free one when n is 1), or NULL; ja_mu held. */
static struct ja_chunk *take(size_t n)
{
	struct ja_chunk *c;
	if (n == 1 && ja_free) {
		c = ja_free;
		ja_free = c->next;
	} else if ((size_t)(ja_hi - ja_bump) / JA_CHUNK >= n) {
		c = (struct ja_chunk *)ja_bump;
		ja_bump += n * JA_CHUNK;
		JA_POISON(c, n * JA_CHUNK);
		JA_UNPOISON(c, JA_HDR);
	} else {
		return NULL;
	}
	c->next = NULL;
	c->n = n;
	return c;
}

static int grow(struct jalloc *a, size_t need)
{
	size_t n = (need + JA_HDR + JA_CHUNK - 1) / JA_CHUNK;
	pthread_mutex_lock(&ja_mu);
	struct ja_chunk *c = take(n);
	pthread_mutex_unlock(&ja_mu);
	if (!c)
		return -1;
	c->next = a->chunks;
	a->chunks = c;
	a->cur = (char *)c + JA_HDR;
	a->end = (char *)c + n * JA_CHUNK;
	return 0;
}

void *jalloc_alloc(struct jalloc *a, size_t size)
{
	size_t need = (size + JA_REDZONE + JA_ALIGN - 1) & ~(size_t)(JA_ALIGN - 1);
	if (need < size || need > JA_RESERVE)
		return NULL;
	if ((size_t)(a->end - a->cur) < need && grow(a, need) < 0)
		return NULL;
	char *p = a->cur;
	a->cur += need;
	JA_UNPOISON(p, size);
	return p;
}

static void *ja_malloc(size_t size)
{
	struct jalloc *a = ja_cur;
	if (!a)
		return malloc(size);
	void *p = jalloc_alloc(a, size);
	if (!p) {
		a->walk = 1;
		return malloc(size);
	}
	return p;
}

static void ja_free_fn(void *p)
{
	uintptr_t a = (uintptr_t)p;
	if (a >= (uintptr_t)ja_lo && a < (uintptr_t)ja_hi)
		return; /* arena memory goes with its arena */
	free(p);
}

static void reserve(void)
{
	void *m = mmap(NULL, JA_RESERVE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED)
		return;
	ja_lo = ja_bump = m;
	ja_hi = ja_lo + JA_RESERVE;
	ja_ok = 1;
}

int jalloc_attach(void)
{
	pthread_once(&ja_once, reserve);
	if (!ja_ok)
		return -1;
	pthread_mutex_lock(&ja_mu);
	if (ja_attached++ == 0 && !ja_installed) {
		json_get_alloc_funcs(&ja_saved_malloc, &ja_saved_free);
		json_set_alloc_funcs(ja_malloc, ja_free_fn);
		ja_installed = 1;
	}
	pthread_mutex_unlock(&ja_mu);
	return 0;
}

void jalloc_detach(void)
{
	if (!ja_ok)
		return;
	pthread_mutex_lock(&ja_mu);
	if (ja_attached && --ja_attached == 0 && ja_live == 0 && ja_installed) {
		json_set_alloc_funcs(ja_saved_malloc, ja_saved_free);
		ja_installed = 0;
	}
	pthread_mutex_unlock(&ja_mu);
}

struct jalloc *jalloc_get(void)
{
	if (!ja_ok)
		return NULL;
	pthread_mutex_lock(&ja_mu);
	struct ja_chunk *c = ja_attached ? take(1) : NULL;
	if (c)
		ja_live++;
	pthread_mutex_unlock(&ja_mu);
	if (!c)
		return NULL;
	struct jalloc *a = (struct jalloc *)((char *)c + JA_HDR);
	JA_UNPOISON(a, sizeof(*a));
	a->chunks = c;
	a->cur = (char *)a + JA_HEAD;
	a->end = (char *)c + JA_CHUNK;
	a->walk = 0;
	return a;
}

void jalloc_begin(struct jalloc *a)
{
	ja_cur = a;
}

void jalloc_end(void)
{
	ja_cur = NULL;
}

int jalloc_needs_walk(const struct jalloc *a)
{
	return a && a->walk;
}

void jalloc_put(struct jalloc *a)
{
	if (!a)
		return;
	struct ja_chunk *c = a->chunks;
	pthread_mutex_lock(&ja_mu);
	while (c) {
		struct ja_chunk *next = c->next;
		/* a span goes back as single chunks, its first one last so that
		 * it is the next taken */
		for (size_t i = c->n; i-- > 0;) {
			struct ja_chunk *s = (struct ja_chunk *)((char *)c + i * JA_CHUNK);
			JA_UNPOISON(s, JA_HDR);
			s->next = ja_free;
			s->n = 1;
			ja_free = s;
			JA_POISON((char *)s + JA_HDR, JA_CHUNK - JA_HDR);
		}
		c = next;
	}
	ja_live--;
	pthread_mutex_unlock(&ja_mu);
}

void jalloc_trim(void)
{
	if (!ja_ok)
		return;
	pthread_mutex_lock(&ja_mu);
	if (ja_live == 0 && ja_bump > ja_lo) {
		madvise(ja_lo, (size_t)(ja_bump - ja_lo), MADV_DONTNEED);
		ja_bump = ja_lo;
		ja_free = NULL;
	}
	pthread_mutex_unlock(&ja_mu);
}
