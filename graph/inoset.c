#include "graph/inoset.h"

#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"

static size_t slot_of(uint64_t dev, uint64_t ino, size_t nslots)
{
	uint64_t h = ino * 0x9e3779b97f4a7c15ULL ^ dev;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h & (nslots - 1);
}

static void place(struct inoset *s, uint64_t dev, uint64_t ino)
{
	size_t i = slot_of(dev, ino, s->nslots);
	while (s->slots[i].used)
		i = (i + 1) & (s->nslots - 1);
	s->slots[i].dev = dev;
	s->slots[i].ino = ino;
	s->slots[i].used = 1;
}

static void grow(struct inoset *s)
{
	struct inoset_slot *old = s->slots;
	size_t n = s->nslots;
	s->nslots = n ? n * 2 : 64;
	s->slots = xcalloc(s->nslots, sizeof(*s->slots));
	for (size_t i = 0; i < n; i++)
		if (old[i].used)
			place(s, old[i].dev, old[i].ino);
	free(old);
}

int inoset_add(struct inoset *s, dev_t dev, ino_t ino)
{
	if ((s->count + 1) * 2 > s->nslots)
		grow(s);
	size_t i = slot_of((uint64_t)dev, (uint64_t)ino, s->nslots);
	for (;;) {
		s->probes++;
		struct inoset_slot *sl = &s->slots[i];
		if (!sl->used)
			break;
		if (sl->dev == (uint64_t)dev && sl->ino == (uint64_t)ino)
			return 1;
		i = (i + 1) & (s->nslots - 1);
	}
	s->slots[i].dev = (uint64_t)dev;
	s->slots[i].ino = (uint64_t)ino;
	s->slots[i].used = 1;
	s->count++;
	return 0;
}

void inoset_free(struct inoset *s)
{
	free(s->slots);
	memset(s, 0, sizeof(*s));
}
