/* Writing an output file (exports, briefings, --dump-screen, the reports
 * of -o, the analyst's workspace). What the path names decides how:
 *   - a regular file, or nothing yet: the data goes to a temporary file in
 *     the same directory (NAME.tmp.HOST.PID.XXXXXX), is flushed to disk and
 *     renamed over the target, then the directory is flushed: the file
 *     appears whole or not at all. A file that was there keeps its
 *     permission bits; one without any write permission (0444) is refused,
 *     even for root: read-only is the owner's decision;
 *   - a symbolic link: followed to the end of its chain, and the real file
 *     is replaced as above (beside itself, so the link keeps pointing at
 *     it); a dangling link gets its target created;
 *   - a character device (/dev/null, /dev/stdout, a terminal) or a FIFO:
 *     written through in place, never replaced;
 *   - anything else (a directory, a block device, a socket): refused.
 * "-" is standard output only where the caller says so (cli_write_output);
 * here it is a file name like any other. */
#ifndef ATOMIC_H
#define ATOMIC_H
#include <stddef.h>

enum atomic_flags {
	ATOMIC_NOWAIT = 1 << 0,	      /* a FIFO nobody reads is an error, not a wait */
	ATOMIC_REGULAR_ONLY = 1 << 1, /* devices and FIFOs refused too (the workspace) */
};

/* Returns 0, or -1 with errno set and a message in err (errlen bytes). On
 * failure the target is untouched and no temporary file is left behind. */
int atomic_write(const char *path, const void *data, size_t len, unsigned flags, char *err,
		 size_t errlen);
/* The same with the content in several parts, written in order (a snapshot
 * of a graph from the graph's own arrays, with no copy of it). */
struct atomic_part {
	const void *data;
	size_t len;
};
int atomic_writev(const char *path, const struct atomic_part *parts, size_t nparts,
		  unsigned flags, char *err, size_t errlen);

/* Where a write to path lands: the link chain followed (a fresh string the
 * caller frees), or NULL with a message in err when it is too long or
 * loops. */
char *atomic_target(const char *path, char *err, size_t errlen);

/* Whether path exists and is refused as read-only by atomic_write. */
int atomic_read_only(const char *path);

/* Removes temporary files left beside path by a writer that died (kill -9
 * during a save): PATH.tmp.HOST.PID.* of this host whose process is gone,
 * and any PATH.tmp.* older than an hour. Returns how many were removed. */
int atomic_clean_stale(const char *path);
#endif
