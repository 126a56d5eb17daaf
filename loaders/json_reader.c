#include "loaders/json_reader.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"

enum { JR_BUF_INIT = 1 << 20, NEAR_BYTES = 16 };
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

struct jr *jr_open(struct load_ctx *c, enum jr_mode mode)
{
	init_classes();
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

void jr_close(struct jr *r)
{
	if (!r)
		return;
	json_decref(r->envelope);
	free(r->buf);
	free(r);
}

json_t *jr_envelope(const struct jr *r)
{
	return r->envelope;
}

uint32_t jr_skipped(const struct jr *r)
{
	return r->skipped;
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
			diag_add(r->c->d, r->c->file, DIAG_ERROR, D_IO, r->line, col_at(r, r->pos), NULL,
				 "read error: %s", strerror(r->io_errno));
		else
			diag_add(r->c->d, r->c->file, DIAG_ERROR, D_SYNTAX, r->line, col_at(r, r->pos),
				 NULL, "%s near end of file (truncated?)", what);
		return JR_ERROR;
	}
	for (size_t i = r->pos; i < r->len && n < NEAR_BYTES && r->buf[i] != '\n'; i++)
		near[n++] = r->buf[i];
	near[n] = '\0';
	diag_add(r->c->d, r->c->file, DIAG_ERROR, D_SYNTAX, r->line, col_at(r, r->pos), NULL,
		 "%s near '%s'", what, near);
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
				break;
			case CL_OPEN:
				if (++depth + base_depth > r->max_depth) {
					r->pos = i;
					diag_add(r->c->d, r->c->file, DIAG_ERROR, D_LIMIT, r->line, col_at(r, i),
						 NULL, "nesting deeper than %u levels", r->max_depth);
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

/* Parses buf[mark..pos) with jansson. Returns JR_ITEM (value in *out),
 * JR_SKIP (refused; warning added) or JR_ERROR. */
static int parse_marked(struct jr *r, uint32_t line, uint32_t col, int fatal_if_refused,
			json_t **out)
{
	json_error_t e;
	*out = json_loadb(r->buf + r->mark, r->pos - r->mark, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
			  &e);
	r->mark = NO_MARK;
	if (*out)
		return JR_ITEM;
	uint32_t el = line, ec = col;
	if (e.line > 1) {
		el = line + (uint32_t)e.line - 1;
		ec = e.column > 0 ? (uint32_t)e.column : 1;
	} else if (e.line == 1 && e.column > 0) {
		ec = col + (uint32_t)e.column - 1;
	}
	enum json_error_code code = json_error_code(&e);
	int refused = code == json_error_duplicate_key || code == json_error_invalid_utf8 ||
		      code == json_error_null_character || code == json_error_numeric_overflow;
	if (refused && !fatal_if_refused) {
		struct strbuf where = STRBUF_INIT;
		jr_pointer(&r->cur, &where);
		diag_add(r->c->d, r->c->file, DIAG_WARNING,
			 code == json_error_duplicate_key ? D_DUPLICATE : D_INVALID, el, ec,
			 where.len ? strbuf_str(&where) : NULL, "object skipped: %s", e.text);
		strbuf_free(&where);
		r->skipped++;
		return JR_SKIP;
	}
	diag_add(r->c->d, r->c->file, DIAG_ERROR, D_SYNTAX, el, ec, NULL, "%s", e.text);
	return refused ? JR_SKIP : JR_ERROR;
}

static int read_value(struct jr *r, unsigned base_depth, int fatal_if_refused, json_t **out)
{
	uint32_t line = r->line, col = col_at(r, r->pos);
	int s = scan_value(r, base_depth);
	if (s == SCAN_FAIL)
		return JR_ERROR;
	if (s == SCAN_EOF && r->io_errno) {
		r->mark = NO_MARK;
		return syntax_error(r, "");
	}
	/* a truncated value goes to jansson too: it says what was expected */
	int rc = parse_marked(r, line, col, fatal_if_refused, out);
	if (rc == JR_ITEM && s == SCAN_EOF) {
		json_decref(*out);
		diag_add(r->c->d, r->c->file, DIAG_ERROR, D_SYNTAX, r->line, col_at(r, r->pos), NULL,
			 "premature end of input");
		return JR_ERROR;
	}
	return rc;
}

static int read_item(struct jr *r, unsigned base_depth, int container, struct jr_item *it)
{
	it->line = r->line;
	it->col = col_at(r, r->pos);
	it->container = (uint8_t)container;
	r->cur = *it;
	return read_value(r, base_depth, container == JR_TOP, &it->value);
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
		return syntax_error(r, ch == '}' ? "an object key expected after ','" :
					      "an object key (string) expected");
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
		diag_add(r->c->d, r->c->file, DIAG_WARNING, D_DUPLICATE, line, col, NULL,
			 "duplicate key \"%s\": the first value is kept", k);
	else
		json_object_set_new(r->envelope, k, v), v = NULL;
	json_decref(v);
	free(k);
	return 1;
}

int jr_next(struct jr *r, struct jr_item *it)
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
