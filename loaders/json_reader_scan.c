/* The JSON reader's byte scanner (loaders/json_reader_int.h): finds where
 * each value ends (strings, brackets, line numbers) so that jansson parses
 * one item at a time, walks the streamed array or bundle, and reports
 * syntax errors with a line and column of the file. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"
#include "loaders/json_reader_int.h"

/* Bytes quoted after "near" in a syntax error (up to 4 per character). */
enum { NEAR_BYTES = 16 };
/* scan_value() results */
enum { SCAN_OK, SCAN_EOF, SCAN_FAIL };

/* Byte classes for the scanner's hot loop. */
enum { CL_OTHER, CL_QUOTE, CL_OPEN, CL_CLOSE, CL_NL, CL_DELIM };
static unsigned char byte_class[256];

void jr_scan_init(void)
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
			jr_diag(r, DIAG_ERROR, D_IO, r->line, col_at(r, r->pos), NULL,
				"read error: %s", strerror(r->io_errno));
		else
			jr_diag(r, DIAG_ERROR, D_SYNTAX, r->line, col_at(r, r->pos), NULL,
				"%s near end of file (truncated?)", what);
		return JR_ERROR;
	}
	for (size_t i = r->pos; i < r->len && n < NEAR_BYTES && r->buf[i] != '\n'; i++)
		near[n++] = r->buf[i];
	near[n] = '\0';
	jr_diag(r, DIAG_ERROR, D_SYNTAX, r->line, col_at(r, r->pos), NULL, "%s near '%s'", what,
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
					jr_diag(r, DIAG_ERROR, D_LIMIT, str_line, str_col, NULL,
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
					jr_diag(r, DIAG_ERROR, D_LIMIT, r->line, col_at(r, i), NULL,
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

/* Parses buf[mark..pos) with jansson. Returns JR_ITEM (value in *out),
 * JR_SKIP (refused; warning added) or JR_ERROR. arena: as for jr_load_bytes. */
static int parse_marked(struct jr *r, uint32_t line, uint32_t col, int fatal_if_refused,
			json_t **out, struct jalloc **arena)
{
	json_error_t e;
	*out = jr_load_bytes(r->buf + r->mark, r->pos - r->mark, &e, arena);
	r->mark = NO_MARK;
	if (*out)
		return JR_ITEM;
	return jr_refused(r, 0, &r->cur, line, col, fatal_if_refused, &e, &r->skipped);
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
		jr_tree_free(*out, arena ? *arena : NULL);
		if (arena)
			*arena = NULL;
		jr_diag(r, DIAG_ERROR, D_SYNTAX, r->line, col_at(r, r->pos), NULL,
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
		jr_diag(r, DIAG_WARNING, D_DUPLICATE, line, col, NULL,
			"duplicate key \"%s\": the first value is kept", k);
	else
		json_object_set_new(r->envelope, k, v), v = NULL;
	json_decref(v);
	free(k);
	return 1;
}

int jr_scan_next(struct jr *r, struct jr_item *it)
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
