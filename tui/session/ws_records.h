/* The records of the workspace file, and the operations that change them.
 *
 * Each kind of thing an analyst decides lives in one array of the file and
 * is named by one field of its records; WS_RECORDS says which, and how a
 * record becomes part of the model (struct annot). A session never writes
 * its memory over the file: it keeps its changes as operations (put a record,
 * with these fields; delete a record) and replays them on what is on disk at
 * each save, so two sessions on one workspace both keep their work. A put
 * changes only the fields it names; fields and whole arrays this agx does not
 * know (a newer agx's) stay as they were.
 *
 * Adding a kind: a row in WS_RECORDS, a function reading its records into
 * the model, and functions in workspace.h that make its operations.
 *
 *   "aliases":      {"id": "alias:apt3|gothic panda", "a": "APT3",
 *                    "b": "Gothic Panda", "decision": "same"|"different",
 *                    "undo": true (a merge undone), "when": N, "author": "..."}
 *   "attributions": {"subject": "PATH#ID", "actor": "APT3" ("" none),
 *                    "reason": "...", "when": N, "author": "..."}
 * and "author" on verdicts and notes.
 *
 * Ownership: a struct ws_op owns its id and fields (ws_op_free). Documents
 * are jansson trees owned by the caller (json_decref). */
#ifndef WS_RECORDS_H
#define WS_RECORDS_H
#include <jansson.h>
#include <stddef.h>

#include "graph/annot.h"

/* X(ENUM, "array", "identity field", reader into the model) */
#define WS_RECORDS(X)                                        \
	X(WS_VERDICTS, "verdicts", "pair", ws_read_verdict)     \
	X(WS_NOTES, "notes", "id", ws_read_note)                \
	X(WS_ALIASES, "aliases", "id", ws_read_alias)           \
	X(WS_ATTRIBS, "attributions", "subject", ws_read_attrib)

/* The longest name (an actor, a subject, an author) and text (a note, a
 * reason) a record may hold: a workspace is the analyst's, but it may come
 * from anywhere (a shared folder), and what it holds is drawn on screens. */
#define WS_NAME_MAX 1024
#define WS_TEXT_MAX 16384

enum ws_record {
#define X(e, array, idfield, reader) e,
	WS_RECORDS(X)
#undef X
	    WS_RECORD_COUNT
};

struct ws_op {
	unsigned char record; /* enum ws_record */
	unsigned char del;    /* delete the record, else put the fields */
	char *id;	      /* the value of the record's identity field */
	json_t *fields;	      /* put: the fields to set (an object) */
};

void ws_op_free(struct ws_op *op);
/* Applies op to doc: a put changes the named fields of the record of that
 * id, or appends a new record; a delete removes it. */
void ws_doc_apply(json_t *doc, const struct ws_op *op);

/* An empty document of this version. */
json_t *ws_doc_new(void);
/* Parses a workspace file's text. Checks the version and every known
 * record; gives notes without an id (written by an older agx) one derived
 * from their content, the same in every session. Returns the document, or
 * NULL with "path:line:col: error: ..." in err. */
json_t *ws_doc_parse(const char *text, size_t len, const char *path, char *err, size_t errlen);
/* Replaces a's contents with doc's records. */
void ws_doc_to_model(const json_t *doc, struct annot *a);
/* The file's text (a fresh string the caller frees). */
char *ws_doc_text(const json_t *doc);
#endif
