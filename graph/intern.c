#include "graph/intern.h"

#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"

enum { CHUNK_SIZE = 1 << 20 };

struct chunk {
	struct chunk *next;
	size_t used, size;
	char data[];
};

struct intern {
	struct chunk *chunks;
	const char **strs; /* id -> string */
	uint32_t *lens;	   /* id -> length */
	size_t count, cap, lens_cap;
	/* open addressing: (hash32 << 32) | (id + 1), 0 = empty; the stored
	 * hash skips most string compares and makes growth rehash nothing */
	uint64_t *slots;
	size_t nslots;
	size_t bytes;
	/* strings adopted from a snapshot live in its mapping, released with
	 * the pool */
	void (*release)(void *ctx);
	void *release_ctx;
};

uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

static char *store(struct intern *in, const char *s, size_t n)
{
	struct chunk *c = in->chunks;
	if (!c || c->size - c->used < n + 1) {
		size_t size = n + 1 > CHUNK_SIZE ? n + 1 : CHUNK_SIZE;
		c = xmalloc(sizeof(*c) + size);
		c->next = in->chunks;
		c->used = 0;
		c->size = size;
		in->chunks = c;
		in->bytes += size;
	}
	char *p = c->data + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

/* The table's own hash (not hash_bytes, whose values others may keep):
 * 8 bytes per step, then a final mix. Only its low 32 bits are used. */
static uint32_t str_hash(const char *s, size_t n)
{
	const uint64_t m = 0x9e3779b97f4a7c15ULL;
	uint64_t h = n * m;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * m;
		h ^= h >> 29;
	}
	if (i < n) {
		uint64_t w = 0;
		memcpy(&w, s + i, n - i);
		h = (h ^ w) * m;
	}
	h ^= h >> 32;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 29;
	return (uint32_t)h;
}

static void rehash(struct intern *in, size_t nslots)
{
	uint64_t *old = in->slots;
	size_t nold = in->nslots;
	in->slots = xcalloc(nslots, sizeof(*in->slots));
	in->nslots = nslots;
	for (size_t k = 0; k < nold; k++) {
		if (!old[k])
			continue;
		size_t i = (uint32_t)(old[k] >> 32) & (nslots - 1);
		while (in->slots[i])
			i = (i + 1) & (nslots - 1);
		in->slots[i] = old[k];
	}
	free(old);
}

struct intern *intern_new(void)
{
	struct intern *in = xcalloc(1, sizeof(*in));
	rehash(in, 1024);
	intern_put(in, "", 0);
	return in;
}

void intern_free(struct intern *in)
{
	if (!in)
		return;
	for (struct chunk *c = in->chunks, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(in->strs);
	free(in->lens);
	free(in->slots);
	if (in->release)
		in->release(in->release_ctx);
	free(in);
}

const uint32_t *intern_lens(const struct intern *in)
{
	return in->lens;
}

const uint64_t *intern_slots(const struct intern *in, size_t *nslots)
{
	*nslots = in->nslots;
	return in->slots;
}

struct intern *intern_adopt(const char *data, size_t len, const uint32_t *lens, uint32_t count,
			    const uint64_t *slots, size_t nslots)
{
	/* the strings: laid end to end, each followed by its NUL, the first
	 * the empty string */
	if (!count || lens[0] != 0 || !nslots || (nslots & (nslots - 1)) ||
	    (size_t)count * 2 > nslots)
		return NULL;
	const char **strs = malloc((size_t)count * sizeof(*strs));
	if (!strs)
		return NULL;
	size_t at = 0;
	for (uint32_t i = 0; i < count; i++) {
		if (lens[i] > len || len - lens[i] < at + 1 || data[at + lens[i]] != '\0') {
			free(strs);
			return NULL;
		}
		strs[i] = data + at;
		at += (size_t)lens[i] + 1;
	}
	/* the hash slots: each names a string, and one at least is empty so
	 * a lookup ends */
	size_t used = 0;
	for (size_t k = 0; k < nslots; k++)
		if (slots[k] && (uint32_t)slots[k] - 1 >= count) {
			free(strs);
			return NULL;
		} else {
			used += slots[k] != 0;
		}
	if (at != len || used != count) {
		free(strs);
		return NULL;
	}
	struct intern *in = xcalloc(1, sizeof(*in));
	in->strs = strs;
	in->cap = count;
	in->lens = xmalloc((size_t)count * sizeof(*in->lens));
	memcpy(in->lens, lens, (size_t)count * sizeof(*in->lens));
	in->lens_cap = count;
	in->count = count;
	in->slots = xmalloc(nslots * sizeof(*in->slots));
	memcpy(in->slots, slots, nslots * sizeof(*in->slots));
	in->nslots = nslots;
	in->bytes = len;
	return in;
}

size_t intern_spans(const struct intern *in, const char **ptr, size_t *len, size_t max)
{
	size_t n = 0;
	for (const struct chunk *c = in->chunks; c; c = c->next)
		n++;
	if (n > max)
		return n;
	size_t i = n;
	for (const struct chunk *c = in->chunks; c; c = c->next) {
		i--;
		ptr[i] = c->data;
		len[i] = c->used;
	}
	return n;
}

void intern_on_free(struct intern *in, void (*release)(void *ctx), void *ctx)
{
	in->release = release;
	in->release_ctx = ctx;
}

static size_t lookup(const struct intern *in, const char *s, size_t n, uint32_t h)
{
	size_t mask = in->nslots - 1, i = h & mask;
	uint64_t v;
	while ((v = in->slots[i])) {
		if ((uint32_t)(v >> 32) == h) {
			uint32_t id = (uint32_t)v - 1;
			if (in->lens[id] == n && memcmp(in->strs[id], s, n) == 0)
				return i;
		}
		i = (i + 1) & mask;
	}
	return i;
}

uint32_t intern_put(struct intern *in, const char *s, size_t n)
{
	if (n > UINT32_MAX - 1)
		n = UINT32_MAX - 1;
	uint32_t h = str_hash(s, n);
	size_t i = lookup(in, s, n, h);
	if (in->slots[i])
		return (uint32_t)in->slots[i] - 1;
	XGROW(in->strs, in->cap, in->count + 1);
	XGROW(in->lens, in->lens_cap, in->count + 1);
	uint32_t id = (uint32_t)in->count++;
	in->strs[id] = store(in, s, n);
	in->lens[id] = (uint32_t)n;
	in->slots[i] = (uint64_t)h << 32 | (id + 1);
	if (in->count * 2 > in->nslots)
		rehash(in, in->nslots * 2);
	return id;
}

uint32_t intern_puts(struct intern *in, const char *s)
{
	return intern_put(in, s, strlen(s));
}

uint32_t intern_find(const struct intern *in, const char *s, size_t n)
{
	size_t i = lookup(in, s, n, str_hash(s, n));
	return in->slots[i] ? (uint32_t)in->slots[i] - 1 : UINT32_MAX;
}

const char *intern_str(const struct intern *in, uint32_t id)
{
	return id < in->count ? in->strs[id] : "";
}

size_t intern_len(const struct intern *in, uint32_t id)
{
	return id < in->count ? in->lens[id] : 0;
}

uint32_t intern_count(const struct intern *in)
{
	return (uint32_t)in->count;
}

size_t intern_bytes(const struct intern *in)
{
	return in->bytes + in->cap * sizeof(*in->strs) + in->lens_cap * sizeof(*in->lens) +
	       in->nslots * sizeof(*in->slots);
}
