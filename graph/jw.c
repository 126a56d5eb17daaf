#include "graph/jw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/text.h"

void jw_init(struct jw *w, struct strbuf *out, int pretty)
{
	w->out = out;
	w->depth = 0;
	w->pretty = pretty;
	w->filled[0] = 0;
	w->after_key = 0;
}

static int filled(const struct jw *w)
{
	return w->filled[w->depth / 8] >> (w->depth % 8) & 1;
}

static void set_filled(struct jw *w, int on)
{
	unsigned char bit = (unsigned char)(1u << (w->depth % 8));
	if (on)
		w->filled[w->depth / 8] |= bit;
	else
		w->filled[w->depth / 8] &= (unsigned char)~bit;
}

static void newline(struct jw *w)
{
	if (!w->pretty)
		return;
	strbuf_addc(w->out, '\n');
	for (int i = 0; i < w->depth; i++)
		strbuf_add(w->out, "  ", 2);
}

/* Called before every value or key: writes the separator it needs. */
static void before_item(struct jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0) {
		if (filled(w))
			strbuf_addc(w->out, ',');
		set_filled(w, 1);
		newline(w);
	}
}

static void open_level(struct jw *w, char c)
{
	before_item(w);
	strbuf_addc(w->out, c);
	if (w->depth + 1 >= JW_MAX_DEPTH) {
		fprintf(stderr, "agx: JSON output nested deeper than %d levels\n", JW_MAX_DEPTH);
		abort();
	}
	w->depth++;
	set_filled(w, 0);
}

static void close_level(struct jw *w, char c)
{
	int had = filled(w);
	if (w->depth > 0)
		w->depth--;
	if (had)
		newline(w);
	strbuf_addc(w->out, c);
	if (w->depth == 0 && w->pretty)
		strbuf_addc(w->out, '\n');
}

void jw_obj_begin(struct jw *w)
{
	open_level(w, '{');
}
void jw_obj_end(struct jw *w)
{
	close_level(w, '}');
}
void jw_arr_begin(struct jw *w)
{
	open_level(w, '[');
}
void jw_arr_end(struct jw *w)
{
	close_level(w, ']');
}

void jw_key(struct jw *w, const char *key)
{
	before_item(w);
	strbuf_addc(w->out, '"');
	text_json_into(w->out, key);
	strbuf_add(w->out, w->pretty ? "\": " : "\":", w->pretty ? 3 : 2);
	w->after_key = 1;
}

void jw_str(struct jw *w, const char *s)
{
	if (!s) {
		jw_null(w);
		return;
	}
	before_item(w);
	strbuf_addc(w->out, '"');
	text_json_into(w->out, s);
	strbuf_addc(w->out, '"');
}

void jw_int(struct jw *w, long long v)
{
	before_item(w);
	strbuf_addf(w->out, "%lld", v);
}

void jw_num(struct jw *w, double v, int decimals)
{
	before_item(w);
	if (!isfinite(v)) {
		strbuf_adds(w->out, "null");
		return;
	}
	char buf[400];
	snprintf(buf, sizeof(buf), "%.*f", decimals < 0 ? 0 : decimals > 17 ? 17 : decimals, v);
	/* a negative number that rounds to zero is zero */
	const char *p = buf;
	if (*p == '-' && !p[strspn(p + 1, "0.") + 1])
		p++;
	strbuf_adds(w->out, p);
}

void jw_bool(struct jw *w, int v)
{
	before_item(w);
	strbuf_adds(w->out, v ? "true" : "false");
}

void jw_null(struct jw *w)
{
	before_item(w);
	strbuf_adds(w->out, "null");
}

void jw_kstr(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

void jw_kint(struct jw *w, const char *key, long long v)
{
	jw_key(w, key);
	jw_int(w, v);
}

void jw_knum(struct jw *w, const char *key, double v, int decimals)
{
	jw_key(w, key);
	jw_num(w, v, decimals);
}
