/* A set of (device, inode) pairs: which directories a walk has entered, so
 * that symbolic links looping back ("a -> .") or fanning out ("a -> b",
 * "c -> b" on every level) do not walk a directory twice. Open addressing
 * with linear probing: adding and finding cost a few probes however many
 * directories there are (a linear scan made a walk of 100,000 directories
 * quadratic). The set owns its slots. */
#ifndef INOSET_H
#define INOSET_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct inoset {
	struct inoset_slot {
		uint64_t dev, ino;
		int used;
	} * slots;
	size_t count, nslots;
	size_t probes; /* slots looked at so far: what the tests bound */
};

/* Adds (dev, ino); returns 1 when it was there already, else 0. */
int inoset_add(struct inoset *s, dev_t dev, ino_t ino);
void inoset_free(struct inoset *s);
#endif
