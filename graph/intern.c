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
	const char **strs;	/* id -> string */
	uint32_t *lens;		/* id -> length */
	size_t count, cap, lens_cap;
	uint32_t *slots;	/* open addressing: id + 1, 0 = empty */
	size_t nslots;
	size_t bytes;
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

static void rehash(struct intern *in, size_t nslots)
{
	free(in->slots);
	in->slots = xcalloc(nslots, sizeof(*in->slots));
	in->nslots = nslots;
	for (size_t id = 0; id < in->count; id++) {
		size_t i = hash_bytes(in->strs[id], in->lens[id]) & (nslots - 1);
		while (in->slots[i])
			i = (i + 1) & (nslots - 1);
		in->slots[i] = (uint32_t)id + 1;
	}
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
	free(in);
}

static size_t lookup(const struct intern *in, const char *s, size_t n, uint64_t h)
{
	size_t i = h & (in->nslots - 1);
	while (in->slots[i]) {
		uint32_t id = in->slots[i] - 1;
		if (in->lens[id] == n && memcmp(in->strs[id], s, n) == 0)
			return i;
		i = (i + 1) & (in->nslots - 1);
	}
	return i;
}

uint32_t intern_put(struct intern *in, const char *s, size_t n)
{
	uint64_t h = hash_bytes(s, n);
	size_t i = lookup(in, s, n, h);
	if (in->slots[i])
		return in->slots[i] - 1;
	if (n > UINT32_MAX - 1)
		n = UINT32_MAX - 1;
	XGROW(in->strs, in->cap, in->count + 1);
	XGROW(in->lens, in->lens_cap, in->count + 1);
	uint32_t id = (uint32_t)in->count++;
	in->strs[id] = store(in, s, n);
	in->lens[id] = (uint32_t)n;
	if (in->count * 2 > in->nslots) {
		rehash(in, in->nslots * 2);
	} else {
		in->slots[i] = id + 1;
	}
	return id;
}

uint32_t intern_puts(struct intern *in, const char *s)
{
	return intern_put(in, s, strlen(s));
}

uint32_t intern_find(const struct intern *in, const char *s, size_t n)
{
	size_t i = lookup(in, s, n, hash_bytes(s, n));
	return in->slots[i] ? in->slots[i] - 1 : UINT32_MAX;
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
