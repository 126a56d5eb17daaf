#include "graph/u64map.h"

#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"

static inline size_t slot_of(uint64_t key, size_t nslots)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	return (size_t)key & (nslots - 1);
}

static void resize(struct u64map *m, size_t nslots)
{
	uint64_t *keys = m->keys;
	uint32_t *vals = m->vals;
	size_t old = m->nslots;
	m->keys = xmalloc(nslots * sizeof(*m->keys));
	memset(m->keys, 0xff, nslots * sizeof(*m->keys));
	/* empty slots' values too are defined: the map is written out whole
	 * in a snapshot */
	m->vals = xmalloc(nslots * sizeof(*m->vals));
	memset(m->vals, 0xff, nslots * sizeof(*m->vals));
	m->nslots = nslots;
	for (size_t i = 0; i < old; i++) {
		if (keys[i] == UINT64_MAX)
			continue;
		size_t j = slot_of(keys[i], nslots);
		while (m->keys[j] != UINT64_MAX)
			j = (j + 1) & (nslots - 1);
		m->keys[j] = keys[i];
		m->vals[j] = vals[i];
	}
	free(keys);
	free(vals);
}

void u64map_init(struct u64map *m)
{
	memset(m, 0, sizeof(*m));
	resize(m, 64);
}

void u64map_free(struct u64map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

static size_t find(const struct u64map *m, uint64_t key)
{
	size_t i = slot_of(key, m->nslots);
	while (m->keys[i] != UINT64_MAX && m->keys[i] != key)
		i = (i + 1) & (m->nslots - 1);
	return i;
}

uint32_t u64map_get(const struct u64map *m, uint64_t key)
{
	if (!m->nslots)
		return U64MAP_NONE;
	size_t i = find(m, key);
	return m->keys[i] == key ? m->vals[i] : U64MAP_NONE;
}

uint32_t u64map_get_or_set(struct u64map *m, uint64_t key, uint32_t val)
{
	if (!m->nslots)
		u64map_init(m);
	size_t i = find(m, key);
	if (m->keys[i] == key)
		return m->vals[i];
	m->keys[i] = key;
	m->vals[i] = val;
	if (++m->count * 10 > m->nslots * 7)
		resize(m, m->nslots * 2);
	return U64MAP_NONE;
}

void u64map_set(struct u64map *m, uint64_t key, uint32_t val)
{
	if (!m->nslots)
		u64map_init(m);
	size_t i = find(m, key);
	if (m->keys[i] == key) {
		m->vals[i] = val;
		return;
	}
	m->keys[i] = key;
	m->vals[i] = val;
	if (++m->count * 10 > m->nslots * 7)
		resize(m, m->nslots * 2);
}

size_t u64map_bytes(const struct u64map *m)
{
	return m->nslots * (sizeof(*m->keys) + sizeof(*m->vals));
}
