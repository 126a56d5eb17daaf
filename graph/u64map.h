/* A hash map from uint64_t keys to uint32_t values (open addressing, linear
 * probing). The map owns its slot array; keys and values are plain numbers.
 * UINT64_MAX is reserved (it marks an empty slot). */
#ifndef U64MAP_H
#define U64MAP_H
#include <stddef.h>
#include <stdint.h>

struct u64map {
	uint64_t *keys;
	uint32_t *vals;
	size_t count, nslots;
};

#define U64MAP_NONE UINT32_MAX

void u64map_init(struct u64map *m);
void u64map_free(struct u64map *m);
/* Returns the value for key, or U64MAP_NONE. */
uint32_t u64map_get(const struct u64map *m, uint64_t key);
/* Sets key to val, replacing any previous value. */
void u64map_set(struct u64map *m, uint64_t key, uint32_t val);
/* Returns the existing value, or stores val and returns U64MAP_NONE. */
uint32_t u64map_get_or_set(struct u64map *m, uint64_t key, uint32_t val);
size_t u64map_bytes(const struct u64map *m);

static inline uint64_t u64_pair(uint32_t hi, uint32_t lo)
{
	return ((uint64_t)hi << 32) | lo;
}
#endif
