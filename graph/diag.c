#include "graph/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/strbuf.h"
#include "graph/text.h"
#include "graph/xalloc.h"

static const char *const code_keys[] = {
#define X(e, key, meaning) key,
    DIAG_CODES(X)
#undef X
};
static const char *const code_meanings[] = {
#define X(e, key, meaning) meaning,
    DIAG_CODES(X)
#undef X
};

void diag_init(struct diag_list *d)
{
	memset(d, 0, sizeof(*d));
}

void diag_free(struct diag_list *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].where);
		free(d->items[i].msg);
	}
	free(d->items);
	memset(d, 0, sizeof(*d));
}

void diag_vadd(struct diag_list *d, uint32_t file, enum diag_level level, enum diag_code code,
	       uint32_t line, uint32_t col, const char *where, const char *fmt, va_list ap)
{
	d->counts[level]++;
	size_t max = d->max_items ? d->max_items : 100000;
	if (d->count >= max) {
		d->dropped++;
		return;
	}
	XGROW(d->items, d->cap, d->count + 1);
	struct diag *di = &d->items[d->count++];
	di->file = file;
	di->level = (uint8_t)level;
	di->code = (uint8_t)code;
	di->line = line;
	di->col = col;
	di->where = where ? xstrdup(where) : NULL;
	struct strbuf sb = STRBUF_INIT;
	strbuf_vaddf(&sb, fmt, ap);
	di->msg = strbuf_detach(&sb);
}

void diag_add(struct diag_list *d, uint32_t file, enum diag_level level, enum diag_code code,
	      uint32_t line, uint32_t col, const char *where, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, file, level, code, line, col, where, fmt, ap);
	va_end(ap);
}

const char *diag_code_key(int code)
{
	return code >= 0 && code < D_CODE_COUNT ? code_keys[code] : "?";
}

const char *diag_code_meaning(int code)
{
	return code >= 0 && code < D_CODE_COUNT ? code_meanings[code] : "?";
}

const char *diag_level_name(int level)
{
	static const char *const names[] = {"error", "warning", "note"};
	return level >= 0 && level <= DIAG_QUIRK ? names[level] : "?";
}

char *diag_format(const struct diag *di, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	text_escape_into(&sb, path ? path : "-", 0);
	if (di->line) {
		strbuf_addf(&sb, ":%u", di->line);
		if (di->col)
			strbuf_addf(&sb, ":%u", di->col);
	}
	if (di->where) {
		strbuf_adds(&sb, ": ");
		text_escape_into(&sb, di->where, 0);
	}
	strbuf_addf(&sb, ": %s: ", diag_level_name(di->level));
	text_escape_into(&sb, di->msg, 0);
	return strbuf_detach(&sb);
}
