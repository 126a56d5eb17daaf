/* Counting things by name while loading, remembering where the first one
 * was, so a file with 10,000 objects of an unused type gives one quirk
 * ("10000 objects of type 'x-foo' ignored", at the first one), not 10,000.
 * The tally owns its arrays; keys are interned strings of the graph. */
#ifndef TALLY_H
#define TALLY_H
#include <stddef.h>
#include <stdint.h>

#include "graph/u64map.h"

struct tally_entry {
	uint32_t key, count;
	uint32_t line, col, item; /* where the first one was */
	uint8_t container;	  /* enum jr_container of that item */
};

struct tally {
	struct u64map map; /* key -> entry index */
	struct tally_entry *e;
	size_t n, cap;
};

void tally_init(struct tally *t);
void tally_free(struct tally *t);
/* Counts key once more; the position is kept for its first time. */
void tally_add(struct tally *t, uint32_t key, uint32_t line, uint32_t col, uint32_t item,
	       uint8_t container);
#endif
