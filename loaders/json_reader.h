/* The one wrapper around jansson: reads a JSON file value by value, so a
 * 300 MB STIX bundle never becomes one 1.7 GB tree (a jansson tree takes 5
 * to 6 times the bytes of its text). Four files: json_reader_int.h says
 * which does what.
 *
 * A small scanner of our own walks the bytes (strings, brackets, line
 * numbers) and finds where each value ends; jansson (json_loadb with
 * JSON_REJECT_DUPLICATES) then parses only that value. This gives what
 * json_loadf alone cannot: the line and column of every item and of every
 * error, also for the 2nd..Nth value of JSON Lines; a nesting bound checked
 * before jansson recurses; and the elements of a bundle's "objects" array
 * one at a time. Memory stays at one item plus a read buffer.
 *
 * Modes:
 *   JR_WHOLE   each top-level value is one item (plain JSON, concatenated
 *              values, JSON Lines).
 *   JR_STREAM  as JR_WHOLE, except that the first top-level value, when it
 *              is an array, yields its elements; when it is an object, its
 *              "objects" array (a STIX bundle) yields its elements and its
 *              other members form the envelope (jr_envelope). An object
 *              without "objects" is yielded whole, as in JR_WHOLE.
 *
 * Errors: syntax, truncation, I/O and the nesting bound are fatal: the
 * reader adds a DIAG_ERROR ("path:line:col: error: ...") and jr_next()
 * returns JR_ERROR. An item whose extent is sound but whose content jansson
 * refuses (duplicate key, invalid UTF-8, \u0000, huge integer) is skipped
 * with a DIAG_WARNING and reading goes on (jr_skipped counts them).
 *
 * Ownership: jr_open() returns a reader freed by jr_close(); it borrows the
 * load context (FILE, diagnostics). Each item's value is the caller's until
 * it calls jr_release() or the next jr_next(), whichever comes first: items
 * are parsed into arenas (loaders/jalloc.h) that go back to the reader then,
 * so never keep an item's value, or anything in it, beyond that (copy it
 * out; json_incref does not keep it). jr_envelope() is borrowed from the
 * reader and lives until jr_close().
 *
 * Allocator: jansson has one allocator for the whole process. From jr_open()
 * to jr_close() it is loaders/jalloc.c's, for every thread and every jansson
 * call (plain malloc outside the reader's arenas); before and after, and
 * with no reader open, jansson's own.
 *
 * Threads: a regular file of 1 MiB or more is read on a second thread
 * (pipelined: scanning and jansson there and on the caller's thread, the
 * caller's loop on its own), with the same items, diagnostics and their order
 * as on one thread. AGX_THREADS=1 forces one thread, AGX_THREADS=force the
 * pipeline even for small files (tests). While the reading thread runs,
 * jr_envelope(), jr_skipped() and jr_values() are only meaningful once
 * jr_next() has returned JR_END or JR_ERROR. */
#ifndef JSON_READER_H
#define JSON_READER_H
#include <jansson.h>
#include <stdint.h>

#include "graph/strbuf.h"
#include "loaders/load.h"

enum jr_mode { JR_WHOLE, JR_STREAM };
enum jr_status { JR_ERROR = -1, JR_END = 0, JR_ITEM = 1 };
enum jr_container { JR_TOP, JR_ARRAY, JR_BUNDLE };

enum { JR_DEFAULT_MAX_DEPTH = 64 };

struct jr_item {
	json_t *value;	    /* owned by the caller */
	uint32_t line, col; /* where the item starts, 1-based */
	uint32_t index;	    /* position in its container (top level: value number) */
	uint8_t container;  /* enum jr_container */
};

struct jr;

struct jr *jr_open(struct load_ctx *c, enum jr_mode mode);
void jr_close(struct jr *r);
/* Next item into *it. Returns JR_ITEM, JR_END (clean end of input) or
 * JR_ERROR (a fatal error was reported; stop reading). */
int jr_next(struct jr *r, struct jr_item *it);
/* Frees an item's value (its arena; else json_decref, on the reading thread
 * when that thread parsed it); call it before the next jr_next(). */
void jr_release(struct jr *r, json_t *v);
/* The members of the streamed top-level object other than "objects" seen
 * so far (the bundle's "type", "id", "spec_version"), or NULL. */
json_t *jr_envelope(const struct jr *r);
/* Items skipped with a warning so far. */
uint32_t jr_skipped(const struct jr *r);
/* Top-level values read so far (JSON Lines: more than one). */
uint32_t jr_values(const struct jr *r);
/* Appends the JSON pointer of an item ("/objects/12", "/12", or nothing for
 * a top-level value) to sb. */
void jr_pointer(const struct jr_item *it, struct strbuf *sb);

/* Small accessors for loaders walking parsed values. */
/* The string member key of obj, or NULL when absent or not a string. */
const char *jr_str(const json_t *obj, const char *key);
/* The integer member key (an integer, or a string of digits, as MISP writes
 * them) into *out; returns 0, or -1 when absent or not a number. */
int jr_int(const json_t *obj, const char *key, long long *out);
/* True when the member key is JSON true (or the string "true"/"1", or 1). */
int jr_true(const json_t *obj, const char *key);
#endif
