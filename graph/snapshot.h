/* A snapshot of a loaded graph: what a load produced (strings, nodes,
 * edges, files, attributes, relations, the lookup indexes and adjacency,
 * the alias claims and splits, the diagnostics) in one file that a second
 * open maps and checks instead of parsing the inputs again.
 *
 * The file is untrusted input like any other: every section is bounds
 * checked against the file, every id against what it names, every hash
 * table for an empty slot (so a lookup ends); a snapshot that does not fit
 * is refused (SNAP_INVALID) and the inputs are loaded instead. It is never
 * the only copy of anything: it only repeats what the inputs say. It is
 * written atomically (graph/atomic.c).
 *
 * Not kept: work a loader left for files not read yet (g->deferred: no
 * file is read into the graph after its load), and a load that met the
 * analyst's judgements in its inputs is not snapshotted at all (the caller
 * checks). Merges, refusals and catalogs of the alias table are resolved
 * again from the claims on open (alias_resolve()).
 *
 * The key (the caller's text, tui/session/cache.c) is stored whole and
 * compared byte for byte, with the layout of the records, so a snapshot of
 * other inputs, options or another build is SNAP_STALE. */
#ifndef SNAPSHOT_H
#define SNAPSHOT_H
#include <stddef.h>

struct graph;
struct diag_list;

enum snapshot_status { SNAP_OK, SNAP_ABSENT, SNAP_STALE, SNAP_INVALID };

/* Writes the finished graph g, its load's diagnostics d and the load's
 * result (the caller's code, given back by the open) to path under key.
 * Returns 0, or -1 with a message in err. */
int snapshot_write(const char *path, const char *key, const struct graph *g,
		   const struct diag_list *d, int result, char *err, size_t errlen);
/* Opens the snapshot at path when it holds key: *g gets a finished graph
 * (the caller frees it with graph_free()), d (initialised, empty) the
 * diagnostics, *result (may be NULL) the load's result. Anything but
 * SNAP_OK leaves *g NULL and d empty. */
int snapshot_open(const char *path, const char *key, struct graph **g, struct diag_list *d,
		  int *result);
/* The same from bytes in memory (the fuzz harness): a copy is made. */
int snapshot_open_bytes(const void *data, size_t len, const char *key, struct graph **g,
			struct diag_list *d, int *result);
#endif
