/* Files appear whole or not at all: write to a temporary file in the same
 * directory, fsync, rename over the target, fsync the directory. Used by
 * exports, briefings and the analyst's workspace. */
#ifndef ATOMIC_H
#define ATOMIC_H
#include <stddef.h>

/* Returns 0, or -1 with errno set and a message in err (errlen bytes). The
 * target is untouched on failure and no temporary file is left behind. */
int atomic_write(const char *path, const void *data, size_t len, char *err, size_t errlen);
/* The same with the content in several parts, written in order (a snapshot
 * of a graph from the graph's own arrays, with no copy of it). */
struct atomic_part {
	const void *data;
	size_t len;
};
int atomic_writev(const char *path, const struct atomic_part *parts, size_t nparts, char *err,
		  size_t errlen);
#endif
