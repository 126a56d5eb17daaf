/* A small streaming JSON writer for agx's --json outputs. It appends to a
 * strbuf the caller owns, manages commas and indentation, and escapes every
 * string (graph/text.h), so output is valid and deterministic. Keys appear in
 * the order written. */
#ifndef JW_H
#define JW_H
#include <stdint.h>

#include "graph/strbuf.h"

/* Nesting the writer follows; agx's outputs use a handful of levels, so
 * deeper is a bug: agx stops with a message rather than write bad JSON. */
enum { JW_MAX_DEPTH = 1024 };

struct jw {
	struct strbuf *out;
	int depth;
	int pretty;
	unsigned char filled[JW_MAX_DEPTH / 8]; /* a bit per level: has an item */
	int after_key;
};

void jw_init(struct jw *w, struct strbuf *out, int pretty);
void jw_obj_begin(struct jw *w);
void jw_obj_end(struct jw *w);
void jw_arr_begin(struct jw *w);
void jw_arr_end(struct jw *w);
void jw_key(struct jw *w, const char *key);
void jw_str(struct jw *w, const char *s); /* NULL writes null */
void jw_int(struct jw *w, long long v);
/* Numbers with `decimals` places, trailing zeros kept and no "-0.000" for
 * stable diffs; NaN and infinities (no JSON numbers) as null. */
void jw_num(struct jw *w, double v, int decimals);
void jw_bool(struct jw *w, int v);
void jw_null(struct jw *w);
/* Shorthands for "key": value. */
void jw_kstr(struct jw *w, const char *key, const char *s);
void jw_kint(struct jw *w, const char *key, long long v);
void jw_knum(struct jw *w, const char *key, double v, int decimals);
#endif
