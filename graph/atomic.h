/* Files appear whole or not at all: write to a temporary file in the same
 * directory, fsync, rename over the target, fsync the directory. Used by
 * exports, briefings and the analyst's workspace. */
#ifndef ATOMIC_H
#define ATOMIC_H
#include <stddef.h>

/* Returns 0, or -1 with errno set and a message in err (errlen bytes). The
 * target is untouched on failure and no temporary file is left behind. */
int atomic_write(const char *path, const void *data, size_t len, char *err, size_t errlen);
#endif
