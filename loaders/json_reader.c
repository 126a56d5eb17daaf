#include "loaders/json_reader.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"
#include "loaders/jalloc.h"

enum { JR_BUF_INIT = 1 << 20, NEAR_BYTES = 16 };
/* The longest string read (descriptions, MISP attachments in base64). */
#define JR_MAX_STRING (64u << 20)
/* The pipelined reader: files from this size on (regular files only), a
 * ring of this many events between the reading thread and the caller. */
enum { JR_THREAD_MIN_BYTES = 1 << 20, JR_RING = 256 };
/* A waiting side is woken only in batches: the caller once JR_BATCH events
 * are ready, the thread once half the ring is free, so that two busy cores
 * do not switch tasks once per object. */
enum { JR_BATCH = 64 };
#define NO_MARK ((size_t)-1)

enum jr_state { ST_TOP, ST_ARRAY, ST_MEMBERS, ST_OBJECTS };
/* scan_value() results */
enum { SCAN_OK, SCAN_EOF, SCAN_FAIL };
/* read_item() result besides JR_ITEM / JR_ERROR: the item was refused but
 * reading can go on */
enum { JR_SKIP = 2 };

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

/* One event from the reading thread to the caller, in file order: an item,
 * a diagnostic, or the end (JR_END / JR_ERROR). An item may still be raw
 * (its bytes, to be parsed by whichever thread gets to it first). */
enum { EV_ITEM, EV_DIAG, EV_DONE };
enum { SL_READY, SL_RAW, SL_BUSY };
struct jr_ev {
	uint8_t kind, state;
	uint8_t remote;	     /* parsed on the reading thread */
	uint8_t level, code; /* EV_DIAG */
	uint8_t text_arena;  /* text lives in arena (never freed alone) */
	int rc;		     /* EV_DONE */
	struct jr_item it;   /* EV_ITEM: it.value NULL while raw or refused */
	uint32_t line, col;  /* EV_DIAG */
	char *where, *msg;   /* EV_DIAG */
	char *text;	     /* raw item: its bytes */
	size_t len;
	json_error_t *err;    /* an item jansson refused */
	struct jalloc *arena; /* it.value's memory, or NULL (malloc) */
};

/* The pipelined reader. A thread runs the scanner (next_sync), which finds
 * where each item ends and copies its bytes into a bounded ring; items are
 * parsed by jansson on either thread: the reading thread parses the oldest
 * raw items when it is ahead, the caller parses the item it needs next when
 * it is still raw. Both cores parse, the caller alone builds the graph.
 * Diagnostics travel in the ring, so the caller adds them to the list in
 * file order, between the items they came between; an item whose parse
 * failed is reported when the caller reaches it, and a fatal one drops
 * everything after it, as reading on one thread would never have got there.
 * All ring fields are guarded by mu. */
enum {
	JR_LOCAL = 64,
	JR_SCAN_BATCH = 16,
	JR_LOW = 96,
	JR_LEAD = 32,
	JR_CLAIM = 8,
	JR_RET = 256,
	JR_CRET = 32
};
struct jr_pipe {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
	struct jr_ev ring[JR_RING];
	size_t head, tail; /* taken at head, put at tail (counters, not indexes) */
	size_t nraw;	   /* raw slots in the ring */
	int stop;	   /* the caller closed the reader or met a fatal error */
	int prod_waiting, cons_waiting;
	/* the reading thread's events not yet in the ring */
	struct jr_ev local[JR_LOCAL];
	size_t nlocal;
	/* the caller's: events taken from the ring, not yet handled */
	struct jr_ev taken[JR_RING];
	size_t ntaken, next_taken;
	/* values the caller is done with, freed on the reading thread that
	 * allocated them (jr_release): glibc then reuses its own chunks instead
	 * of taking them back from another thread's arena under its lock */
	json_t *ret[JR_RET];
	size_t nret;
	char *rtext[JR_RET]; /* and raw bytes the caller parsed */
	size_t nrtext;
	json_t *cret[JR_CRET]; /* the caller's, not yet in ret */
	/* the reading thread's, taken from ret: one is freed before each parse,
	 * so that malloc gets back the chunks just freed (its per-thread cache
	 * is small) */
	json_t *pend[JR_RET];
	size_t npend, next_pend;
	size_t ncret;
	json_t *last; /* the last item handed out, and whether it is remote */
	int last_remote;
	struct jalloc *last_arena; /* and its arena, until released */
	uint32_t skipped;	   /* items refused, counted by the caller */
	int done, done_rc;	   /* the end was handled; the thread was joined */
};

/* Byte classes for the scanner's hot loop. */
enum { CL_OTHER, CL_QUOTE, CL_OPEN, CL_CLOSE, CL_NL, CL_DELIM };
static unsigned char byte_class[256];

static void init_classes(void)
{
	if (byte_class['"'])
		return;
	byte_class['{'] = byte_class['['] = CL_OPEN;
	byte_class['}'] = byte_class[']'] = CL_CLOSE;
	byte_class['\n'] = CL_NL;
	byte_class[' '] = byte_class['\t'] = byte_class['\r'] = CL_DELIM;
	byte_class[','] = byte_class[':'] = CL_DELIM;
	byte_class['"'] = CL_QUOTE;
}

static void pipe_local(struct jr_pipe *p, const struct jr_ev *ev);

/* A diagnostic of the reader: added at once, or, from the reading thread,
 * sent to the caller through the ring. */
static void rd_diag(struct jr *r, enum diag_level level, enum diag_code code, uint32_t line,
		    uint32_t col, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
static void rd_diag(struct jr *r, enum diag_level level, enum diag_code code, uint32_t line,
		    uint32_t col, const char *where, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (!r->pipe) {
		diag_vadd(r->c->d, r->c->file, level, code, line, col, where, fmt, ap);
		va_end(ap);
		return;
	}
	struct strbuf msg = STRBUF_INIT;
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	struct jr_ev ev = {.kind = EV_DIAG, .level = (uint8_t)level, .code = (uint8_t)code};
	ev.line = line;
	ev.col = col;
	ev.where = where ? xstrdup(where) : NULL;
	ev.msg = strbuf_detach(&msg);
	if (!ev.msg)
		ev.msg = xstrdup("");
	pipe_local(r->pipe, &ev);
}

struct jr *jr_open(struct load_ctx *c, enum jr_mode mode)
{
	init_classes();
	jalloc_install();
	struct jr *r = xcalloc(1, sizeof(*r));
	r->c = c;
	r->mode = mode;
	r->max_depth = c->opts && c->opts->max_depth ? c->opts->max_depth : JR_DEFAULT_MAX_DEPTH;
	r->cap = JR_BUF_INIT;
	r->buf = xmalloc(r->cap + 1);
	r->mark = NO_MARK;
	r->line = 1;
	r->first = 1;
	return r;
}

static void pipe_stop(struct jr *r);

void jr_close(struct jr *r)
{
	if (!r)
		return;
	pipe_stop(r);
	jalloc_put(r->item_arena);
	json_decref(r->envelope);
	free(r->buf);
	free(r);
	jalloc_trim();
}

json_t *jr_envelope(const struct jr *r)
{
	return r->envelope;
}

uint32_t jr_skipped(const struct jr *r)
{
	return r->skipped + (r->pipe ? r->pipe->skipped : 0);
}

uint32_t jr_values(const struct jr *r)
{
	return r->values;
}

void jr_pointer(const struct jr_item *it, struct strbuf *sb)
{
	if (it->container == JR_BUNDLE)
		strbuf_addf(sb, "/objects/%u", it->index);
	else if (it->container == JR_ARRAY)
		strbuf_addf(sb, "/%u", it->index);
}

/* Reads more input, keeping buf[mark..) (or buf[pos..)) in the buffer.
 * Returns 0 at end of input or on a read error. */
static int refill(struct jr *r)
{
	if (r->eof)
		return 0;
	size_t keep = r->mark != NO_MARK ? r->mark : r->pos;
	if (keep > 0) {
		memmove(r->buf, r->buf + keep, r->len - keep);
		r->base += keep;
		r->len -= keep;
		r->pos -= keep;
		if (r->mark != NO_MARK)
			r->mark -= keep;
	}
	if (r->len == r->cap) {
		r->cap *= 2;
		r->buf = xrealloc(r->buf, r->cap + 1);
	}
	size_t n = fread(r->buf + r->len, 1, r->cap - r->len, r->c->fp);
	if (n == 0) {
		if (ferror(r->c->fp))
			r->io_errno = errno ? errno : EIO;
		r->eof = 1;
		return 0;
	}
	r->len += n;
	if (!r->bom_checked) {
		r->bom_checked = 1;
		if (r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
			r->pos = 3, r->line_start = 3;
	}
	return 1;
}

static int peek(struct jr *r)
{
	if (r->pos >= r->len && !refill(r))
		return -1;
	return (unsigned char)r->buf[r->pos];
}

static void advance(struct jr *r)
{
	if (r->buf[r->pos] == '\n') {
		r->line++;
		r->line_start = r->base + r->pos + 1;
	}
	r->pos++;
}

static int skip_ws(struct jr *r)
{
	int ch;
	while ((ch = peek(r)) == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
		advance(r);
	return ch;
}

static uint32_t col_at(const struct jr *r, size_t i)
{
	return (uint32_t)(r->base + i - r->line_start + 1);
}

/* A fatal syntax error at the read position, quoting what follows. */
static int syntax_error(struct jr *r, const char *what)
{
	char near[NEAR_BYTES * 4 + 1];
	size_t n = 0;
	int ch = peek(r);
	if (ch < 0) {
		if (r->io_errno)
			rd_diag(r, DIAG_ERROR, D_IO, r->line, col_at(r, r->pos), NULL,
				"read error: %s", strerror(r->io_errno));
		else
			rd_diag(r, DIAG_ERROR, D_SYNTAX, r->line, col_at(r, r->pos), NULL,
				"%s near end of file (truncated?)", what);
		return JR_ERROR;
	}
	for (size_t i = r->pos; i < r->len && n < NEAR_BYTES && r->buf[i] != '\n'; i++)
		near[n++] = r->buf[i];
	near[n] = '\0';
	rd_diag(r, DIAG_ERROR, D_SYNTAX, r->line, col_at(r, r->pos), NULL, "%s near '%s'", what,
		near);
	return JR_ERROR;
}

static void newline_at(struct jr *r, size_t i)
{
	r->line++;
	r->line_start = r->base + i + 1;
}

/* Finds the end of the value starting at pos (whitespace already skipped):
 * buf[mark..pos) is the value afterwards. base_depth is the nesting of the
 * value's container. */
static int scan_value(struct jr *r, unsigned base_depth)
{
	unsigned depth = 0;
	int in_str = 0, esc = 0, scalar = 0, started = 0;
	/* where the open string started (file offset, line, column): a string
	 * has a bound of its own, or one 1 GB string took 4 GB to read */
	uint64_t str_at = 0;
	uint32_t str_line = 0, str_col = 0;
	r->mark = r->pos;
	for (;;) {
		if (r->pos >= r->len && !refill(r))
			return scalar ? SCAN_OK : SCAN_EOF;
		const unsigned char *b = (const unsigned char *)r->buf;
		size_t i = r->pos, n = r->len;
		while (i < n) {
			unsigned char ch = b[i];
			if (in_str) {
				while (!esc && i < n && b[i] != '"' && b[i] != '\\' && b[i] != '\n')
					i++;
				if (r->base + i - str_at > JR_MAX_STRING) {
					r->pos = i;
					rd_diag(r, DIAG_ERROR, D_LIMIT, str_line, str_col, NULL,
						"a string longer than %u MiB: not read further",
						JR_MAX_STRING >> 20);
					r->mark = NO_MARK;
					return SCAN_FAIL;
				}
				if (i == n)
					break;
				ch = b[i];
				if (esc)
					esc = 0;
				else if (ch == '\\')
					esc = 1;
				else if (ch == '"') {
					in_str = 0;
					if (depth == 0) {
						r->pos = i + 1;
						return SCAN_OK;
					}
				}
				if (ch == '\n')
					newline_at(r, i);
				i++;
				continue;
			}
			int cl = byte_class[ch];
			if (scalar) {
				if (cl != CL_OTHER) {
					r->pos = i;
					return SCAN_OK;
				}
				i++;
				continue;
			}
			switch (cl) {
			case CL_QUOTE:
				in_str = 1;
				str_at = r->base + i;
				str_line = r->line;
				str_col = col_at(r, i);
				break;
			case CL_OPEN:
				if (++depth + base_depth > r->max_depth) {
					r->pos = i;
					rd_diag(r, DIAG_ERROR, D_LIMIT, r->line, col_at(r, i), NULL,
						"nesting deeper than %u levels", r->max_depth);
					r->mark = NO_MARK;
					return SCAN_FAIL;
				}
				break;
			case CL_CLOSE:
				if (depth <= 1) { /* the end, or a stray closer as a value */
					r->pos = i + 1;
					return SCAN_OK;
				}
				depth--;
				break;
			case CL_NL:
				newline_at(r, i);
				break;
			case CL_DELIM:
				if (!started) { /* ',' or ':' where a value belongs */
					r->pos = i + 1;
					return SCAN_OK;
				}
				break;
			default:
				if (depth == 0)
					scalar = 1;
				break;
			}
			started = 1;
			i++;
		}
		r->pos = i;
	}
}

enum { JR_FLAGS = JSON_REJECT_DUPLICATES | JSON_DECODE_ANY };

/* Reports a value at line:col that jansson refused (e): a warning for an
 * item it skips (counted in *skipped), otherwise an error. direct: add to
 * the list now (the caller's thread), else through rd_diag. Returns JR_SKIP
 * (reading goes on) or JR_ERROR. */
static int refused(struct jr *r, int direct, const struct jr_item *it, uint32_t line, uint32_t col,
		   int fatal_if_refused, const json_error_t *e, uint32_t *skipped)
{
	uint32_t el = line, ec = col;
	if (e->line > 1) {
		el = line + (uint32_t)e->line - 1;
		ec = e->column > 0 ? (uint32_t)e->column : 1;
	} else if (e->line == 1 && e->column > 0) {
		ec = col + (uint32_t)e->column - 1;
	}
	enum json_error_code code = json_error_code(e);
	/* a lone surrogate ("\ud800") spoils one string, as a NUL does: the
	 * item is skipped, not the rest of the file */
	int surrogate = !strncmp(e->text, "invalid Unicode '", 17);
	int ref = code == json_error_duplicate_key || code == json_error_invalid_utf8 ||
		  code == json_error_null_character || code == json_error_numeric_overflow ||
		  surrogate;
	/* jansson's wording names its own flags: say it as a user reads it */
	char said[JSON_ERROR_TEXT_LENGTH + 64];
	const char *near = strstr(e->text, " near ");
	if (code == json_error_null_character)
		snprintf(said, sizeof(said), "a NUL character (\\u0000) in a string%s",
			 near ? near : "");
	else if (surrogate)
		snprintf(said, sizeof(said), "a lone surrogate %.*s: not a Unicode character%s",
			 (int)((near ? (size_t)(near - e->text) : strlen(e->text)) - 16), e->text + 16,
			 near ? near : "");
	else
		snprintf(said, sizeof(said), "%s", e->text);
	struct load_ctx *c = r->c;
	if (ref && !fatal_if_refused) {
		struct strbuf where = STRBUF_INIT;
		jr_pointer(it, &where);
		const char *w = where.len ? strbuf_str(&where) : NULL;
		enum diag_code dc = code == json_error_duplicate_key ? D_DUPLICATE : D_INVALID;
		if (direct)
			diag_add(c->d, c->file, DIAG_WARNING, dc, el, ec, w, "object skipped: %s",
				 said);
		else
			rd_diag(r, DIAG_WARNING, dc, el, ec, w, "object skipped: %s", said);
		strbuf_free(&where);
		(*skipped)++;
		return JR_SKIP;
	}
	if (direct)
		diag_add(c->d, c->file, DIAG_ERROR, D_SYNTAX, el, ec, NULL, "%s", said);
	else
		rd_diag(r, DIAG_ERROR, D_SYNTAX, el, ec, NULL, "%s", said);
	return ref ? JR_SKIP : JR_ERROR;
}

/* Frees a parsed value: its arena, or (without one, or when the arena holds
 * malloc'd parts) json_decref. */
static void tree_free(json_t *v, struct jalloc *a)
{
	if (!a || jalloc_needs_walk(a))
		json_decref(v);
	jalloc_put(a);
}

/* json_loadb into a fresh arena when arena is non-NULL (*arena: the value's
 * arena, NULL when none or when the parse failed). */
static json_t *load_bytes(const char *text, size_t len, json_error_t *e, struct jalloc **arena)
{
	if (!arena)
		return json_loadb(text, len, JR_FLAGS, e);
	struct jalloc *a = jalloc_get();
	jalloc_begin(a);
	json_t *v = json_loadb(text, len, JR_FLAGS, e);
	jalloc_end();
	if (!v) {
		jalloc_put(a);
		a = NULL;
	}
	*arena = a;
	return v;
}

/* Parses buf[mark..pos) with jansson. Returns JR_ITEM (value in *out),
 * JR_SKIP (refused; warning added) or JR_ERROR. arena: as for load_bytes. */
static int parse_marked(struct jr *r, uint32_t line, uint32_t col, int fatal_if_refused,
			json_t **out, struct jalloc **arena)
{
	json_error_t e;
	*out = load_bytes(r->buf + r->mark, r->pos - r->mark, &e, arena);
	r->mark = NO_MARK;
	if (*out)
		return JR_ITEM;
	return refused(r, 0, &r->cur, line, col, fatal_if_refused, &e, &r->skipped);
}

/* After scan_value() gave s for the value at line:col: parses it. */
static int finish_value(struct jr *r, int s, uint32_t line, uint32_t col, int fatal_if_refused,
			json_t **out, struct jalloc **arena)
{
	if (s == SCAN_FAIL)
		return JR_ERROR;
	if (s == SCAN_EOF && r->io_errno) {
		r->mark = NO_MARK;
		return syntax_error(r, "");
	}
	/* a truncated value goes to jansson too: it says what was expected */
	int rc = parse_marked(r, line, col, fatal_if_refused, out, arena);
	if (rc == JR_ITEM && s == SCAN_EOF) {
		tree_free(*out, arena ? *arena : NULL);
		if (arena)
			*arena = NULL;
		rd_diag(r, DIAG_ERROR, D_SYNTAX, r->line, col_at(r, r->pos), NULL,
			"premature end of input");
		return JR_ERROR;
	}
	return rc;
}

static int read_value(struct jr *r, unsigned base_depth, int fatal_if_refused, json_t **out)
{
	uint32_t line = r->line, col = col_at(r, r->pos);
	int s = scan_value(r, base_depth);
	return finish_value(r, s, line, col, fatal_if_refused, out, NULL);
}

static int read_item(struct jr *r, unsigned base_depth, int container, struct jr_item *it)
{
	it->line = r->line;
	it->col = col_at(r, r->pos);
	it->container = (uint8_t)container;
	r->cur = *it;
	if (r->pipe) {
		/* on the reading thread: a sound item leaves raw, to be parsed
		 * on either thread */
		int s = scan_value(r, base_depth);
		if (s == SCAN_OK) {
			/* the bytes go into the arena their value will use */
			r->raw_len = r->pos - r->mark;
			r->raw_arena = jalloc_get();
			r->raw = r->raw_arena ? jalloc_alloc(r->raw_arena, r->raw_len + 1) : NULL;
			if (!r->raw) {
				jalloc_put(r->raw_arena);
				r->raw_arena = NULL;
				r->raw = xmalloc(r->raw_len + 1);
			}
			memcpy(r->raw, r->buf + r->mark, r->raw_len);
			r->mark = NO_MARK;
			it->value = NULL;
			return JR_ITEM;
		}
		return finish_value(r, s, it->line, it->col, container == JR_TOP, &it->value, NULL);
	}
	/* one thread: the item goes into an arena */
	int s = scan_value(r, base_depth);
	int rc =
	    finish_value(r, s, it->line, it->col, container == JR_TOP, &it->value, &r->item_arena);
	r->item_value = rc == JR_ITEM ? it->value : NULL;
	return rc;
}

/* Moves to the next element of an open array: 1 when one starts, 0 at its
 * closing ']', JR_ERROR otherwise. */
static int next_element(struct jr *r)
{
	int ch = skip_ws(r);
	if (ch == ']') {
		advance(r);
		return 0;
	}
	if (!r->first) {
		if (ch != ',')
			return syntax_error(r, "',' or ']' expected");
		advance(r);
		ch = skip_ws(r);
		if (ch == ']')
			return syntax_error(r, "a value expected after ','");
	}
	if (ch < 0)
		return syntax_error(r, "']' expected");
	r->first = 0;
	return 1;
}

/* One member of the streamed top-level object. Returns 1 to go on, 0 when
 * the object ended, JR_ERROR. */
static int next_member(struct jr *r)
{
	int ch = skip_ws(r);
	if (ch == '}') {
		advance(r);
		return 0;
	}
	if (!r->first) {
		if (ch != ',')
			return syntax_error(r, "',' or '}' expected");
		advance(r);
		ch = skip_ws(r);
	}
	if (ch != '"')
		return syntax_error(r, ch == '}' ? "an object key expected after ','"
						 : "an object key (string) expected");
	r->first = 0;
	json_t *key;
	if (read_value(r, 1, 1, &key) != JR_ITEM)
		return JR_ERROR;
	char *k = xstrdup(json_string_value(key) ? json_string_value(key) : "");
	json_decref(key);
	ch = skip_ws(r);
	if (ch != ':') {
		free(k);
		return syntax_error(r, "':' expected");
	}
	advance(r);
	ch = skip_ws(r);
	if (strcmp(k, "objects") == 0 && ch == '[' && !r->saw_objects) {
		advance(r);
		free(k);
		r->saw_objects = 1;
		r->state = ST_OBJECTS;
		r->first = 1;
		r->index = 0;
		return 1;
	}
	if (ch < 0) {
		free(k);
		return syntax_error(r, "a value expected");
	}
	uint32_t line = r->line, col = col_at(r, r->pos);
	json_t *v;
	int rc = read_value(r, 1, 1, &v);
	if (rc != JR_ITEM) {
		free(k);
		return rc == JR_SKIP ? 1 : JR_ERROR;
	}
	if (json_object_get(r->envelope, k))
		rd_diag(r, DIAG_WARNING, D_DUPLICATE, line, col, NULL,
			"duplicate key \"%s\": the first value is kept", k);
	else
		json_object_set_new(r->envelope, k, v), v = NULL;
	json_decref(v);
	free(k);
	return 1;
}

static int next_sync(struct jr *r, struct jr_item *it)
{
	memset(it, 0, sizeof(*it));
	for (;;) {
		int rc;
		switch (r->state) {
		case ST_TOP: {
			int ch = skip_ws(r);
			if (ch < 0) {
				if (r->io_errno)
					return syntax_error(r, "");
				return JR_END;
			}
			if (r->mode == JR_STREAM && r->values == 0 && (ch == '[' || ch == '{')) {
				r->values++;
				r->obj_line = r->line;
				r->obj_col = col_at(r, r->pos);
				advance(r);
				r->first = 1;
				r->index = 0;
				r->state = ch == '[' ? ST_ARRAY : ST_MEMBERS;
				if (ch == '{')
					r->envelope = json_object();
				continue;
			}
			it->index = r->values++;
			rc = read_item(r, 0, JR_TOP, it);
			if (rc == JR_SKIP)
				continue;
			return rc;
		}
		case ST_ARRAY:
		case ST_OBJECTS: {
			int in_bundle = r->state == ST_OBJECTS;
			rc = next_element(r);
			if (rc < 0)
				return JR_ERROR;
			if (rc == 0) {
				r->state = in_bundle ? ST_MEMBERS : ST_TOP;
				r->first = 0;
				continue;
			}
			it->index = r->index++;
			rc = read_item(r, in_bundle ? 2 : 1, in_bundle ? JR_BUNDLE : JR_ARRAY, it);
			if (rc == JR_SKIP)
				continue;
			return rc;
		}
		case ST_MEMBERS:
			rc = next_member(r);
			if (rc < 0)
				return JR_ERROR;
			if (rc == 0) {
				r->state = ST_TOP;
				if (!r->saw_objects) {
					/* a lone object, read member by member */
					it->value = r->envelope;
					it->line = r->obj_line;
					it->col = r->obj_col;
					it->container = JR_TOP;
					r->envelope = NULL;
					return JR_ITEM;
				}
			}
			continue;
		}
	}
}

/* ---- the pipelined reader ---- */

static void ev_free(struct jr_ev *ev)
{
	if (ev->kind == EV_ITEM)
		tree_free(ev->it.value, ev->arena);
	if (!ev->text_arena)
		free(ev->text);
	free(ev->err);
	free(ev->where);
	free(ev->msg);
}

/* Parses a raw item (its slot is claimed: only this thread touches it). */
static void ev_parse(struct jr_ev *ev)
{
	json_error_t e;
	if (ev->text_arena) {
		/* the arena holding the bytes takes the value too; it stays
		 * with the event, value or not */
		jalloc_begin(ev->arena);
		ev->it.value = json_loadb(ev->text, ev->len, JR_FLAGS, &e);
		jalloc_end();
		ev->text = NULL;
		ev->text_arena = 0;
	} else {
		ev->it.value = load_bytes(ev->text, ev->len, &e, &ev->arena);
	}
	if (!ev->it.value) {
		ev->err = xmalloc(sizeof(*ev->err));
		*ev->err = e;
	}
}

/* Claims raw slots into idx[]; mu held. The caller takes the oldest (the
 * one it needs next), the reading thread up to max of the newest (the ones
 * it has just copied, still in its cache, and far from the caller), so the
 * two rarely wait for each other. */
static size_t claim(struct jr_pipe *p, size_t *idx, size_t max, int newest)
{
	size_t n = 0;
	if (newest) {
		for (size_t i = p->tail; i != p->head && n < max && p->nraw; i--) {
			struct jr_ev *ev = &p->ring[(i - 1) % JR_RING];
			if (ev->state != SL_RAW)
				continue;
			ev->state = SL_BUSY;
			p->nraw--;
			idx[n++] = i - 1;
		}
		return n;
	}
	for (size_t i = p->head; i != p->tail && n < max && p->nraw; i++) {
		struct jr_ev *ev = &p->ring[i % JR_RING];
		if (ev->state != SL_RAW)
			continue;
		ev->state = SL_BUSY;
		p->nraw--;
		idx[n++] = i;
	}
	return n;
}

/* Parses the claimed slots idx[0..n): mu held on entry and exit. */
static void parse_claimed(struct jr_pipe *p, const size_t *idx, size_t n, int remote)
{
	pthread_mutex_unlock(&p->mu);
	for (size_t k = 0; k < n; k++) {
		struct jr_ev *ev = &p->ring[idx[k] % JR_RING];
		if (remote && p->next_pend < p->npend)
			json_decref(p->pend[p->next_pend++]);
		ev_parse(ev);
		ev->remote = (uint8_t)remote;
		if (remote) {
			free(ev->text);
			ev->text = NULL;
		}
	}
	pthread_mutex_lock(&p->mu);
	for (size_t k = 0; k < n; k++) {
		struct jr_ev *ev = &p->ring[idx[k] % JR_RING];
		ev->state = SL_READY;
		if (ev->text) { /* the reading thread allocated it: it frees it */
			if (p->nrtext < JR_RET)
				p->rtext[p->nrtext++] = ev->text;
			else
				free(ev->text);
			ev->text = NULL;
		}
	}
	if (remote && p->cons_waiting)
		pthread_cond_signal(&p->not_empty);
}

/* Moves the reading thread's local events into the ring, waiting for room;
 * mu held. Once the caller has stopped the pipe they are dropped. */
static void flush_locked(struct jr_pipe *p)
{
	for (size_t k = 0; k < p->nlocal; k++) {
		while (p->tail - p->head == JR_RING && !p->stop) {
			if (p->cons_waiting)
				pthread_cond_signal(&p->not_empty);
			p->prod_waiting = 1;
			pthread_cond_wait(&p->not_full, &p->mu);
			p->prod_waiting = 0;
		}
		if (p->stop) {
			ev_free(&p->local[k]);
			continue;
		}
		if (p->local[k].state == SL_RAW)
			p->nraw++;
		p->ring[p->tail++ % JR_RING] = p->local[k];
	}
	p->nlocal = 0;
	if (p->cons_waiting)
		pthread_cond_signal(&p->not_empty);
}

/* Keeps an event of the reading thread (rd_diag, pipe_main). */
static void pipe_local(struct jr_pipe *p, const struct jr_ev *ev)
{
	if (p->nlocal == JR_LOCAL) {
		pthread_mutex_lock(&p->mu);
		flush_locked(p);
		pthread_mutex_unlock(&p->mu);
	}
	p->local[p->nlocal++] = *ev;
}

static void *pipe_main(void *arg)
{
	struct jr *r = arg;
	struct jr_pipe *p = r->pipe;
	int scanning = 1;
	size_t idx[JR_CLAIM];
	pthread_mutex_lock(&p->mu);
	while (!p->stop) {
		if (p->next_pend == p->npend && (p->nret || p->nrtext)) {
			char *rtext[JR_RET];
			size_t nt = p->nrtext;
			memcpy(p->pend, p->ret, p->nret * sizeof(*p->ret));
			p->npend = p->nret;
			p->next_pend = 0;
			memcpy(rtext, p->rtext, nt * sizeof(*rtext));
			p->nret = p->nrtext = 0;
			pthread_mutex_unlock(&p->mu);
			for (size_t k = 0; k < nt; k++)
				free(rtext[k]);
			pthread_mutex_lock(&p->mu);
			continue;
		}
		/* scan while the caller has few items ahead or few are raw;
		 * otherwise parse */
		size_t ahead = p->tail - p->head;
		if (scanning && ahead + JR_SCAN_BATCH <= JR_RING &&
		    (ahead < JR_LOW || p->nraw < JR_LEAD)) {
			pthread_mutex_unlock(&p->mu);
			for (int k = 0; k < JR_SCAN_BATCH && scanning; k++) {
				struct jr_ev ev = {.kind = EV_ITEM, .state = SL_READY, .remote = 1};
				int rc = next_sync(r, &ev.it);
				if (rc != JR_ITEM) {
					ev.kind = EV_DONE;
					ev.rc = rc;
					scanning = 0;
				} else if (!ev.it.value) {
					ev.state = SL_RAW;
					ev.text = r->raw;
					ev.len = r->raw_len;
					ev.arena = r->raw_arena;
					ev.text_arena = r->raw_arena != NULL;
					r->raw = NULL;
					r->raw_arena = NULL;
				}
				pipe_local(p, &ev);
			}
			pthread_mutex_lock(&p->mu);
			flush_locked(p);
			continue;
		}
		size_t n = claim(p, idx, JR_CLAIM, 1);
		if (n) {
			parse_claimed(p, idx, n, 1);
			continue;
		}
		if (p->next_pend < p->npend) { /* idle: free the rest */
			pthread_mutex_unlock(&p->mu);
			while (p->next_pend < p->npend)
				json_decref(p->pend[p->next_pend++]);
			pthread_mutex_lock(&p->mu);
			continue;
		}
		if (!scanning)
			break;
		p->prod_waiting = 1;
		pthread_cond_wait(&p->not_full, &p->mu);
		p->prod_waiting = 0;
	}
	pthread_mutex_unlock(&p->mu);
	while (p->next_pend < p->npend)
		json_decref(p->pend[p->next_pend++]);
	return NULL;
}

/* Whether to read c's file on a thread: regular files from
 * JR_THREAD_MIN_BYTES on. AGX_THREADS=1 never, AGX_THREADS=force always. */
static int want_pipe(const struct load_ctx *c)
{
	const char *env = getenv("AGX_THREADS");
	if (env && !strcmp(env, "1"))
		return 0;
	if (env && !strcmp(env, "force"))
		return 1;
	return c->size >= JR_THREAD_MIN_BYTES;
}

static void pipe_start(struct jr *r)
{
	struct jr_pipe *p = xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->not_empty, NULL);
	pthread_cond_init(&p->not_full, NULL);
	/* jansson's only global: its hash seed, set before a second thread
	 * creates objects */
	json_object_seed(0);
	r->pipe = p;
	if (pthread_create(&p->thread, NULL, pipe_main, r) != 0) {
		r->pipe = NULL; /* read on the caller's thread instead */
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->not_empty);
		pthread_cond_destroy(&p->not_full);
		free(p);
	}
}

/* Stops and joins the thread; the caller's view of the reader is then
 * complete (counters, envelope). */
static void pipe_join(struct jr_pipe *p, int rc)
{
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_signal(&p->not_full);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	p->done = 1;
	p->done_rc = rc;
}

/* Joins the thread (when still running), drops undelivered events and
 * frees the pipe. */
static void pipe_stop(struct jr *r)
{
	struct jr_pipe *p = r->pipe;
	if (!p)
		return;
	if (!p->done)
		pipe_join(p, JR_END);
	for (; p->head != p->tail; p->head++)
		ev_free(&p->ring[p->head % JR_RING]);
	for (; p->next_taken < p->ntaken; p->next_taken++)
		ev_free(&p->taken[p->next_taken]);
	for (size_t k = 0; k < p->nret; k++)
		json_decref(p->ret[k]);
	for (size_t k = 0; k < p->nrtext; k++)
		free(p->rtext[k]);
	for (size_t k = 0; k < p->ncret; k++)
		json_decref(p->cret[k]);
	jalloc_put(p->last_arena);
	if (r->raw_arena)
		jalloc_put(r->raw_arena);
	else
		free(r->raw);
	r->raw = NULL;
	r->raw_arena = NULL;
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->not_empty);
	pthread_cond_destroy(&p->not_full);
	r->skipped += p->skipped;
	free(p);
	r->pipe = NULL;
}

/* Hands the caller's released values to the reading thread; mu held.
 * What does not fit is freed here. */
static void give_back(struct jr_pipe *p)
{
	size_t n = p->ncret;
	if (n > JR_RET - p->nret)
		n = JR_RET - p->nret;
	memcpy(p->ret + p->nret, p->cret, n * sizeof(*p->cret));
	p->nret += n;
	for (size_t k = n; k < p->ncret; k++)
		json_decref(p->cret[k]);
	p->ncret = 0;
	if (n && p->prod_waiting)
		pthread_cond_signal(&p->not_full);
}

void jr_release(struct jr *r, json_t *v)
{
	struct jr_pipe *p = r->pipe;
	if (!v)
		return;
	if (!p && v == r->item_value) {
		tree_free(v, r->item_arena);
		r->item_value = NULL;
		r->item_arena = NULL;
		return;
	}
	if (p && v == p->last && p->last_arena) {
		tree_free(v, p->last_arena);
		p->last = NULL;
		p->last_arena = NULL;
		return;
	}
	if (!p || p->done || v != p->last || !p->last_remote) {
		json_decref(v);
		return;
	}
	p->last = NULL;
	p->cret[p->ncret++] = v;
	if (p->ncret == JR_CRET) {
		pthread_mutex_lock(&p->mu);
		give_back(p);
		pthread_mutex_unlock(&p->mu);
	}
}

/* Takes the next ready events from the ring into p->taken, parsing the
 * next raw item on this thread when the reading thread has not yet. */
static void take(struct jr_pipe *p)
{
	size_t idx[1];
	pthread_mutex_lock(&p->mu);
	if (p->ncret)
		give_back(p);
	for (;;) {
		size_t n = 0;
		while (p->head != p->tail && p->ring[p->head % JR_RING].state == SL_READY)
			p->taken[n++] = p->ring[p->head++ % JR_RING];
		if (n) {
			p->ntaken = n;
			p->next_taken = 0;
			if (p->prod_waiting && p->tail - p->head <= JR_RING / 2)
				pthread_cond_signal(&p->not_full);
			break;
		}
		if (p->head != p->tail && claim(p, idx, 1, 0)) {
			parse_claimed(p, idx, 1, 0);
			continue;
		}
		/* empty, or the next item is being parsed on the other thread */
		p->cons_waiting = 1;
		pthread_cond_wait(&p->not_empty, &p->mu);
		p->cons_waiting = 0;
	}
	pthread_mutex_unlock(&p->mu);
}

int jr_next(struct jr *r, struct jr_item *it)
{
	struct jr_pipe *p = r->pipe;
	if (!p && !r->pipe_checked) {
		r->pipe_checked = 1;
		if (want_pipe(r->c)) {
			pipe_start(r);
			p = r->pipe;
		}
	}
	if (!p) {
		/* an item not given back with jr_release: its arena is done */
		jalloc_put(r->item_arena);
		r->item_arena = NULL;
		r->item_value = NULL;
		return next_sync(r, it);
	}
	jalloc_put(p->last_arena);
	p->last_arena = NULL;
	memset(it, 0, sizeof(*it));
	if (p->done)
		return p->done_rc;
	for (;;) {
		if (p->next_taken == p->ntaken)
			take(p);
		struct jr_ev *ev = &p->taken[p->next_taken++];
		switch (ev->kind) {
		case EV_ITEM:
			if (ev->it.value) {
				*it = ev->it;
				p->last = it->value;
				p->last_remote = ev->remote;
				p->last_arena = ev->arena;
				return JR_ITEM;
			}
			int rc = refused(r, 1, &ev->it, ev->it.line, ev->it.col,
					 ev->it.container == JR_TOP, ev->err, &p->skipped);
			free(ev->err);
			jalloc_put(ev->arena); /* the refused item's bytes */
			if (rc == JR_SKIP)
				continue;
			pipe_join(p, JR_ERROR);
			return JR_ERROR;
		case EV_DIAG:
			diag_add(r->c->d, r->c->file, ev->level, ev->code, ev->line, ev->col,
				 ev->where, "%s", ev->msg);
			free(ev->where);
			free(ev->msg);
			continue;
		default:
			/* the thread has ended: its counters and envelope are ours now */
			pipe_join(p, ev->rc);
			return ev->rc;
		}
	}
}

const char *jr_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

int jr_int(const json_t *obj, const char *key, long long *out)
{
	json_t *v = json_object_get(obj, key);
	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return 0;
	}
	if (json_is_real(v)) {
		*out = (long long)json_real_value(v);
		return 0;
	}
	const char *s = json_string_value(v);
	if (s && *s) {
		char *end;
		errno = 0;
		long long n = strtoll(s, &end, 10);
		if (!errno && end != s && *end == '\0') {
			*out = n;
			return 0;
		}
	}
	return -1;
}

int jr_true(const json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (json_is_boolean(v))
		return json_is_true(v);
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	const char *s = json_string_value(v);
	return s && (!strcmp(s, "1") || !strcasecmp(s, "true"));
}
