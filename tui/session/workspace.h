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

struct session;

/* The workspace path for this run (the session's --workspace, else beside
 * its first input); the caller frees it, NULL when there is none. */
char *workspace_path(const struct session *s);
/* Loads path into a (which should be empty). A missing file is an empty
 * workspace. Returns 0, or -1 with "path:line:col: error: ..." in err. */
int workspace_load(const char *path, struct annot *a, char *err, size_t errlen);
/* For the batch commands (export, brief): the analyst's verdicts and notes
 * for this run's data into a, or nothing when there is no workspace; a
 * workspace that cannot be read is reported on stderr and left alone. */
void workspace_load_quiet(const struct session *s, struct annot *a);
/* Writes a to path atomically. Returns 0 or -1 with a message in err. */
int workspace_save(const char *path, const struct annot *a, char *err, size_t errlen);
#endif
