/* The analyst's workspace file: verdicts, notes, alias and attribution
 * decisions as JSON (the records: tui/session/ws_records.h). It sits beside
 * the data (DIR/.agx-workspace.json), or in ~/.local/share/agx/ when the data
 * directory is not writable, or where --workspace says.
 *
 *   {"agx_workspace": 1,
 *    "verdicts": [{"pair": "pair:actor:apt15|actor:...", "verdict": "confirmed",
 *                  "when": 1700000000}],
 *    "notes": [{"id": "note--5f0c...", "key": "actor:apt15", "text": "...",
 *               "when": 1700000000}]}
 *
 * Several sessions may have it open (two SSH logins of one analyst, two
 * analysts on a shared folder). A session's changes are operations
 * (tui/session/ws_records.h) applied to its screen at once and saved at once: under
 * an exclusive lock (flock on PATH.lock) the file is read again, the
 * session's operations are replayed on what is there, and the result is
 * written through graph/atomic.h (temporary file, fsync, rename). So both
 * sessions keep their work, and each sees the other's once it saves or the
 * file changes (workspace_refresh). Records and fields a newer agx wrote are
 * kept as they are.
 *
 * A file that exists but cannot be read as a workspace is an error, and is
 * never overwritten: the analyst decides what to do with it. A read-only
 * file (0444, or a folder we cannot write) is read, never written: the
 * session works on, its changes kept in memory only.
 *
 * Ownership: struct workspace owns its path and pending operations;
 * workspace_close() releases them. The annot passed in is the caller's. */
#ifndef WORKSPACE_H
#define WORKSPACE_H
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "graph/annot.h"

struct session;
struct ws_op;

/* The bound on a workspace file (also bounded by --max-size). */
#define WORKSPACE_MAX_BYTES (64u << 20)

struct workspace {
	char *path;
	size_t max_bytes;	/* min(WORKSPACE_MAX_BYTES, --max-size) */
	int read_only;		/* the file or its folder cannot be written */
	struct ws_op *ops;	/* this session's changes, replayed at each save */
	size_t nops, ops_cap;
	dev_t dev;		/* the file as last read or written: a change */
	ino_t ino;		/* of any of these is another session's save */
	off_t size;
	struct timespec mtime;
	unsigned others;	/* times another session's changes were merged */
	int stale_removed;	/* temporary files of killed sessions removed at open */
	/* judgements met in the inputs (the session's): merged into the model
	 * where the workspace has no word, never written; NULL: none */
	const struct annot *found;
	/* who this session's changes are by (borrowed: the session's
	 * --analyst, AGX_ANALYST or login name); NULL: not recorded */
	const char *author;
};

/* The workspace path for this run (the session's --workspace, else beside
 * its first input); the caller frees it, NULL when there is none. */
char *workspace_path(const struct session *s);

/* Opens the workspace at path (NULL: none, nothing is saved) into a (which
 * should be empty): reads it (a missing file is an empty workspace), notes
 * whether it is read-only, and removes temporary files left by sessions
 * killed during a save. max: --max-size (0: none). Returns 0, or -1 with
 * "path:line:col: error: ..." in err (the file is left untouched). */
int workspace_open(struct workspace *w, const char *path, size_t max, struct annot *a, char *err,
		   size_t errlen);
void workspace_close(struct workspace *w);

/* This session's changes: each is applied to a at once and saved by the
 * next workspace_save. */
void workspace_set_verdict(struct workspace *w, struct annot *a, const char *pair_key,
			   enum verdict v);
/* Adds a note; returns its id (owned by a). */
const char *workspace_add_note(struct workspace *w, struct annot *a, const char *key,
			       const char *text);
/* Changes or removes the note of that id; -1 when a has none. */
int workspace_edit_note(struct workspace *w, struct annot *a, const char *id, const char *text);
int workspace_delete_note(struct workspace *w, struct annot *a, const char *id);
/* The analyst's alias decision on names na and nb (join: one actor, else
 * two; undo: the split undoes a merge). Returns its id (owned by a), NULL
 * when the names do not make a pair. */
const char *workspace_decide_alias(struct workspace *w, struct annot *a, const char *na,
				   const char *nb, int join, int undo);
/* Removes the alias decision of that id; -1 when a has none. */
int workspace_forget_alias(struct workspace *w, struct annot *a, const char *id);
/* Attributes subject to actor ("" or NULL: to none) with the analyst's
 * reason (may be NULL). */
void workspace_attribute(struct workspace *w, struct annot *a, const char *subject,
			 const char *actor, const char *note);
/* Removes the attribution decision on subject; -1 when a has none. */
int workspace_forget_attrib(struct workspace *w, struct annot *a, const char *subject);

/* Saves: locks, reads the file again, replays this session's changes on it,
 * writes it, and puts the result in a. Returns 0, 1 when another session's
 * changes were merged in, or -1 with a message in err (a read-only
 * workspace: nothing written, the changes stay pending and shown). */
int workspace_save(struct workspace *w, struct annot *a, char *err, size_t errlen);
/* When another session saved since we last looked, reads the file again
 * (this session's unsaved changes on top) into a. Returns 1 then, else 0. */
int workspace_refresh(struct workspace *w, struct annot *a);

/* Reads path into a, once (tests, tools). A missing file is an empty
 * workspace. Returns 0, or -1 with "path:line:col: error: ..." in err. */
int workspace_load(const char *path, struct annot *a, char *err, size_t errlen);
/* For the batch commands (export, brief): the analyst's verdicts and notes
 * for this run's data into a, or nothing when there is no workspace; a
 * workspace that cannot be read is reported on stderr and left alone. */
void workspace_load_quiet(const struct session *s, struct annot *a);
#endif
