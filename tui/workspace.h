/* The analyst's workspace file: verdicts and notes as JSON, written through
 * graph/atomic.h (temporary file, fsync, rename) at every change, so a
 * dropped session or a crash loses nothing that was saved. It sits beside
 * the data (DIR/.agx-workspace.json), or in ~/.local/share/agx/ when the
 * data directory is not writable, or where --workspace says.
 *
 *   {"agx_workspace": 1,
 *    "verdicts": [{"pair": "pair:actor:apt15|actor:...", "verdict": "confirmed",
 *                  "when": 1700000000}],
 *    "notes": [{"key": "actor:apt15", "text": "...", "when": 1700000000}]}
 *
 * A file that exists but cannot be read as a workspace is an error, and is
 * never overwritten: the analyst decides what to do with it. */
#ifndef WORKSPACE_H
#define WORKSPACE_H
#include <stddef.h>

#include "graph/annot.h"

struct cli;

/* The workspace path for this run; the caller frees it. */
char *workspace_path(const struct cli *c);
/* Loads path into a (which should be empty). A missing file is an empty
 * workspace. Returns 0, or -1 with "path:line:col: error: ..." in err. */
int workspace_load(const char *path, struct annot *a, char *err, size_t errlen);
/* Writes a to path atomically. Returns 0 or -1 with a message in err. */
int workspace_save(const char *path, const struct annot *a, char *err, size_t errlen);
#endif
