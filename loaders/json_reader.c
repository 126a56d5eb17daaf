/* The reader's life and its items (loaders/json_reader.h); the scanner and
 * the pipeline are json_reader_scan.c and json_reader_pipe.c. */
#include "loaders/json_reader.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"
#include "loaders/json_reader_int.h"

/* The read buffer's first size; it doubles for a value that does not fit
 * (a value is scanned whole before jansson sees it). */
enum { JR_BUF_INIT = 1 << 20 };

void jr_diag(struct jr *r, enum diag_level level, enum diag_code code, uint32_t line, uint32_t col,
	     const char *where, const char *fmt, ...)
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
	char *m = strbuf_detach(&msg);
	jr_pipe_diag(r->pipe, level, code, line, col, where, m ? m : xstrdup(""));
}

struct jr *jr_open(struct load_ctx *c, enum jr_mode mode)
{
	jr_scan_init();
	/* jansson's allocations go through loaders/jalloc.c from here to
	 * jr_close (see jalloc_attach) */
	jalloc_attach();
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
	jr_pipe_stop(r);
	jalloc_put(r->item_arena);
	json_decref(r->envelope);
	free(r->buf);
	free(r);
	jalloc_trim();
	jalloc_detach();
}

json_t *jr_envelope(const struct jr *r)
{
	return r->envelope;
}

uint32_t jr_skipped(const struct jr *r)
{
	return r->skipped + (r->pipe ? jr_pipe_skipped(r->pipe) : 0);
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

int jr_refused(struct jr *r, int direct, const struct jr_item *it, uint32_t line, uint32_t col,
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
			jr_diag(r, DIAG_WARNING, dc, el, ec, w, "object skipped: %s", said);
		strbuf_free(&where);
		(*skipped)++;
		return JR_SKIP;
	}
	if (direct)
		diag_add(c->d, c->file, DIAG_ERROR, D_SYNTAX, el, ec, NULL, "%s", said);
	else
		jr_diag(r, DIAG_ERROR, D_SYNTAX, el, ec, NULL, "%s", said);
	return ref ? JR_SKIP : JR_ERROR;
}

void jr_tree_free(json_t *v, struct jalloc *a)
{
	if (!a || jalloc_needs_walk(a))
		json_decref(v);
	jalloc_put(a);
}

json_t *jr_load_bytes(const char *text, size_t len, json_error_t *e, struct jalloc **arena)
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

int jr_next(struct jr *r, struct jr_item *it)
{
	if (!r->pipe && !r->pipe_checked) {
		r->pipe_checked = 1;
		if (jr_pipe_wanted(r->c))
			jr_pipe_start(r);
	}
	if (r->pipe)
		return jr_pipe_next(r, it);
	/* an item not given back with jr_release: its arena is done */
	jalloc_put(r->item_arena);
	r->item_arena = NULL;
	r->item_value = NULL;
	return jr_scan_next(r, it);
}

void jr_release(struct jr *r, json_t *v)
{
	if (!v)
		return;
	if (r->pipe) {
		jr_pipe_release(r, v);
	} else if (v == r->item_value) {
		jr_tree_free(v, r->item_arena);
		r->item_value = NULL;
		r->item_arena = NULL;
	} else {
		json_decref(v);
	}
}
