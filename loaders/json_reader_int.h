/* Private to the JSON reader (loaders/json_reader.h), which is four files:
 *   json_reader.c       the reader's life, its items and their release, and
 *                       jansson's parse of one item (into an arena) with
 *                       the reporting of what jansson refused;
 *   json_reader_scan.c  the byte scanner: finds where each item ends and
 *                       walks arrays and a bundle's members (one thread);
 *   json_reader_pipe.c  the two-thread pipeline around the scanner;
 *   json_reader_get.c   accessors for loaders walking parsed values.
 * The reader struct is shared; only the scanner touches the read buffer and
 * the container state, only the pipeline the struct jr_pipe. */
#ifndef JSON_READER_INT_H
#define JSON_READER_INT_H
#include "loaders/jalloc.h"
#include "loaders/json_reader.h"

/* buf[mark..pos) is the value being scanned; NO_MARK when none */
#define NO_MARK ((size_t)-1)
/* The longest string read (descriptions, MISP attachments in base64): a
 * longer one ends the file with an error at its start. */
#define JR_MAX_STRING (64u << 20)
/* Every item is parsed with duplicate keys refused (they are ambiguities
 * to flag, and cost nothing) and scalars allowed at the top level. */
enum { JR_FLAGS = JSON_REJECT_DUPLICATES | JSON_DECODE_ANY };
/* Results of reading one value besides JR_ITEM / JR_ERROR: the value was
 * refused (warning added) but reading can go on. */
enum { JR_SKIP = 2 };
/* Where the scanner is: between top-level values, in the streamed array,
 * among the streamed object's members, in its "objects" array. */
enum jr_state { ST_TOP, ST_ARRAY, ST_MEMBERS, ST_OBJECTS };

struct jr_pipe;

struct jr {
	struct load_ctx *c;
	enum jr_mode mode;
	unsigned max_depth;
	/* read buffer: buf[pos..len) is unread; buf[mark..pos) the value being
	 * scanned, kept across refills; base is the file offset of buf[0] */
	char *buf;
	size_t cap, len, pos, mark;
	uint64_t base;
	uint32_t line;	     /* line of buf[pos], 1-based */
	uint64_t line_start; /* file offset where that line starts */
	int eof, io_errno, bom_checked;
	int state;
	int first;	/* no element/member read yet in the open container */
	uint32_t index; /* next element index in the open array */
	uint32_t values, skipped;
	json_t *envelope;
	struct jr_item cur; /* the item being read, for messages */
	int saw_objects;
	uint32_t obj_line, obj_col;
	struct jr_pipe *pipe; /* non-NULL while a reading thread may run */
	int pipe_checked;
	char *raw; /* the reading thread's last raw item */
	size_t raw_len;
	struct jalloc *raw_arena; /* raw's memory (NULL: malloc), its value's to be */
	/* one thread: the last item handed out and its arena, until released */
	json_t *item_value;
	struct jalloc *item_arena;
};

/* json_reader.c */
/* A diagnostic of the reader: added to the list at once, or, on the
 * reading thread, sent to the caller through the pipeline. */
void jr_diag(struct jr *r, enum diag_level level, enum diag_code code, uint32_t line, uint32_t col,
	     const char *where, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Reports an item at line:col that jansson refused (e): a warning for an
 * item it skips (counted in *skipped), otherwise an error. direct: add to
 * the list now (the caller's thread), else through jr_diag. Returns JR_SKIP
 * (reading goes on) or JR_ERROR. */
int jr_refused(struct jr *r, int direct, const struct jr_item *it, uint32_t line, uint32_t col,
	       int fatal_if_refused, const json_error_t *e, uint32_t *skipped);
/* json_loadb of text[0..len) into a fresh arena when arena is non-NULL
 * (*arena: the value's arena, NULL when none or when the parse failed). */
json_t *jr_load_bytes(const char *text, size_t len, json_error_t *e, struct jalloc **arena);
/* Frees a parsed value: its arena, or (without one, or when the arena holds
 * malloc'd parts) json_decref. */
void jr_tree_free(json_t *v, struct jalloc *a);

/* json_reader_scan.c */
/* Once per process, before the first scan (byte classes). */
void jr_scan_init(void);
/* The next item, read on one thread (the caller's, or the pipeline's
 * reading thread, where a sound item is left raw in r->raw). */
int jr_scan_next(struct jr *r, struct jr_item *it);

/* json_reader_pipe.c */
/* Whether to read c's file on a second thread (regular files of 1 MiB and
 * more; AGX_THREADS=1 never, AGX_THREADS=force always). */
int jr_pipe_wanted(const struct load_ctx *c);
/* Starts the reading thread; r->pipe stays NULL when it cannot. */
void jr_pipe_start(struct jr *r);
/* jr_next and jr_release while the pipeline runs. */
int jr_pipe_next(struct jr *r, struct jr_item *it);
void jr_pipe_release(struct jr *r, json_t *v);
/* Sends a diagnostic from the reading thread; takes msg (malloc'd). */
void jr_pipe_diag(struct jr_pipe *p, enum diag_level level, enum diag_code code, uint32_t line,
		  uint32_t col, const char *where, char *msg);
/* Items the caller found refused so far. */
uint32_t jr_pipe_skipped(const struct jr_pipe *p);
/* Joins the thread (when still running), drops undelivered events and
 * frees the pipe; r->pipe is NULL afterwards. */
void jr_pipe_stop(struct jr *r);
#endif
