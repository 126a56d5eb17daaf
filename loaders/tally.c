#include "loaders/tally.h"

#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"

void tally_init(struct tally *t)
{
	memset(t, 0, sizeof(*t));
	u64map_init(&t->map);
}

void tally_free(struct tally *t)
{
	u64map_free(&t->map);
	free(t->e);
	memset(t, 0, sizeof(*t));
}

void tally_add(struct tally *t, uint32_t key, uint32_t line, uint32_t col, uint32_t item,
	       uint8_t container)
{
	uint32_t i = u64map_get(&t->map, key);
	if (i == U64MAP_NONE) {
		XGROW(t->e, t->cap, t->n + 1);
		i = (uint32_t)t->n++;
		t->e[i] = (struct tally_entry){key, 0, line, col, item, container};
		u64map_set(&t->map, key, i);
	}
	t->e[i].count++;
}
