/* The snapshot cache of loads (graph/snapshot.h says what a snapshot holds
 * and why opening one is safe): which snapshot a session's load has, and
 * whether to write one.
 *
 * The key of a load names agx's version (graph/snapshot.c adds it with the
 * record layout), the options that change loading (--as, --input-format,
 * --max-size, the nesting bound, each --aliases file) and every input: its
 * absolute path and, for each file, its size, mtime (ns) and inode; a
 * directory is walked (sorted, recursively) and each entry named the same
 * way, so a file added, removed, touched or replaced anywhere under it
 * makes another key. Standard input, a FIFO or a device (anywhere among
 * the inputs) has no key: such a load is never cached.
 *
 * Snapshots live in $XDG_CACHE_HOME/agx (else ~/.cache/agx), made 0700,
 * each file named by a hash of the key (the key itself is inside and
 * compared whole). A load is snapshotted when it took at least
 * $AGX_SNAPSHOT_MIN_MS (default 200) milliseconds and met no analyst
 * judgement in its inputs (its input errors are kept, with its result); `--no-cache` neither reads
 * nor writes one. */
#ifndef CACHE_H
#define CACHE_H

struct session;

/* X(ENUM, "what agx stats says") */
#define CACHE_STATES(X)                                                             \
	X(CACHE_OFF, "not used (--no-cache)")                                       \
	X(CACHE_NONE, "not used (standard input, or no cache folder)")              \
	X(CACHE_USED, "used")                                                       \
	X(CACHE_WRITTEN, "written")                                                 \
	X(CACHE_SKIPPED, "not written (a quick load, or judgements in the inputs)") \
	X(CACHE_FAILED, "could not be written")

enum cache_state {
#define X(e, text) e,
	CACHE_STATES(X)
#undef X
};

const char *cache_state_text(int state);
/* The key of s's load, or NULL when it has none (standard input, an input
 * that cannot be read, a folder too large to walk). The caller frees it. */
char *cache_key(const struct session *s);
/* The snapshot file of key (its folder made when missing), or NULL when
 * there is no cache folder. The caller frees it. */
char *cache_path(const char *key);
/* Milliseconds a load must take before it is worth a snapshot. */
double cache_min_ms(void);
#endif
