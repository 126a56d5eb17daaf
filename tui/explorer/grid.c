#include "tui/explorer/grid.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/text.h"
#include "graph/xalloc.h"

static const char *const style_names[] = {
#define X(e, name) name,
    STYLES(X)
#undef X
};

const char *style_name(int st)
{
	return st >= 0 && st < ST_COUNT ? style_names[st] : "?";
}

/* Unicode box drawing and its ASCII stand-ins, by enum line_piece. */
static const uint32_t piece_utf8[LP_COUNT] = {0x2500, 0x2502, 0x250c, 0x2510, 0x2514,
					      0x2518, 0x253c, 0x251c, 0x2524, 0x252c,
					      0x2534, 0x2192, 0x2190, 0x2026};
static const uint32_t piece_ascii[LP_COUNT] = {'-', '|', '+', '+', '+', '+', '+',
					       '+', '+', '+', '+', '>', '<', '~'};

uint32_t grid_piece_char(const struct grid *g, enum line_piece p)
{
	return g->ascii ? piece_ascii[p] : piece_utf8[p];
}

struct grid *grid_new(int w, int h, int ascii)
{
	struct grid *g = xcalloc(1, sizeof(*g));
	g->ascii = ascii;
	grid_resize(g, w, h);
	return g;
}

void grid_free(struct grid *g)
{
	if (!g)
		return;
	free(g->cells);
	strbuf_free(&g->scratch);
	free(g);
}

void grid_resize(struct grid *g, int w, int h)
{
	if (w < 1)
		w = 1;
	if (h < 1)
		h = 1;
	free(g->cells);
	g->w = w;
	g->h = h;
	g->cells = xmalloc((size_t)w * (size_t)h * sizeof(*g->cells));
	grid_clear(g);
}

void grid_fill(struct grid *g, int y, int x, int w, int h, enum style st)
{
	for (int r = y; r < y + h; r++) {
		if (r < 0 || r >= g->h)
			continue;
		for (int c = x; c < x + w; c++) {
			if (c < 0 || c >= g->w)
				continue;
			struct cell *cl = grid_at(g, r, c);
			cl->ch = ' ';
			cl->style = (uint8_t)st;
			cl->width = CW_ONE;
		}
	}
}

void grid_clear(struct grid *g)
{
	grid_fill(g, 0, 0, g->w, g->h, ST_NORMAL);
}

/* Writing over half of a wide character blanks its other half, so the
 * grid never holds an orphaned half that a terminal would misdraw. */
static void put_cell(struct grid *g, int y, int x, uint32_t ch, int width, enum style st)
{
	struct cell *c = grid_at(g, y, x);
	if (c->width == CW_CONT && x > 0) {
		struct cell *l = grid_at(g, y, x - 1);
		l->ch = ' ';
		l->width = CW_ONE;
	}
	if (c->width == CW_WIDE && x + 1 < g->w) {
		struct cell *r = grid_at(g, y, x + 1);
		r->ch = ' ';
		r->width = CW_ONE;
	}
	c->ch = ch;
	c->style = (uint8_t)st;
	c->width = width == 2 ? CW_WIDE : CW_ONE;
	if (width == 2) {
		struct cell *r = grid_at(g, y, x + 1);
		if (r->width == CW_WIDE && x + 2 < g->w) {
			struct cell *rr = grid_at(g, y, x + 2);
			rr->ch = ' ';
			rr->width = CW_ONE;
		}
		r->ch = ' ';
		r->style = (uint8_t)st;
		r->width = CW_CONT;
	}
}

/* Calls fn for each display cell of s (escaped text), stopping when fn
 * returns nonzero. Code points the locale cannot draw become \u{XXXX}. */
struct walk {
	struct grid *g;
	int y, x, limit, col;
	enum style st;
	int draw;
};

static int walk_cp(struct walk *w, uint32_t cp, int cw)
{
	if (w->col + cw > w->limit)
		return 1;
	if (w->draw) {
		int gx = w->x + w->col;
		if (gx >= 0 && gx + cw <= w->g->w && w->y >= 0 && w->y < w->g->h)
			put_cell(w->g, w->y, gx, cp, cw, w->st);
	}
	w->col += cw;
	return 0;
}

static void walk_text(struct walk *w, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			k = 1, cp = '?'; /* cannot happen after text_escape_into */
		i += k;
		int cw = text_cp_width(cp, w->g->ascii);
		if (cw > 0) {
			if (walk_cp(w, cp, cw))
				return;
			continue;
		}
		char esc[16];
		int len = snprintf(esc, sizeof(esc), "\\u{%04x}", cp);
		for (int j = 0; j < len; j++)
			if (walk_cp(w, (unsigned char)esc[j], 1))
				return;
	}
}

int grid_width(struct grid *g, const char *s)
{
	return text_width(s ? s : "", g->ascii);
}

/* Draws escaped text t (len bytes) clipped to maxw columns. */
static int draw_escaped(struct grid *g, int y, int x, int maxw, const char *t, size_t len,
			enum style st)
{
	struct walk w = {g, y, x, 1 << 30, 0, st, 0};
	walk_text(&w, t, len);
	if (w.col <= maxw) {
		w.col = 0;
		w.limit = maxw;
		w.draw = 1;
		walk_text(&w, t, len);
		return w.col;
	}
	/* cut: leave the last column for the ellipsis */
	w.col = 0;
	w.limit = maxw - 1;
	w.draw = 1;
	walk_text(&w, t, len);
	while (w.col < maxw - 1) /* a wide char did not fit: pad */
		walk_cp(&w, ' ', 1);
	put_cell(g, y, x + w.col, grid_piece_char(g, LP_ELLIPSIS), 1, st);
	return maxw;
}

int grid_text(struct grid *g, int y, int x, int maxw, const char *s, enum style st)
{
	return grid_text_skip(g, y, x, maxw, s, 0, st);
}

/* The byte offset in escaped text t where display column col starts (or
 * the first code point after it, when a wide one straddles it). */
static size_t column_offset(const struct grid *g, const char *t, size_t n, int col)
{
	size_t i = 0;
	int c = 0;
	while (i < n && c < col) {
		unsigned cp;
		size_t k = text_utf8_decode(t + i, n - i, &cp);
		if (k == 0)
			k = 1, cp = '?';
		int cw = text_cp_width(cp, g->ascii);
		c += cw > 0 ? cw : 8; /* drawn as \u{XXXX} */
		i += k;
	}
	return i;
}

int grid_text_skip(struct grid *g, int y, int x, int maxw, const char *s, int skip, enum style st)
{
	if (y < 0 || y >= g->h || x >= g->w || maxw <= 0 || !s)
		return 0;
	if (maxw > g->w - x)
		maxw = g->w - x;
	strbuf_reset(&g->scratch);
	text_escape_into(&g->scratch, s, g->ascii);
	const char *t = strbuf_str(&g->scratch);
	size_t n = g->scratch.len;
	if (skip <= 0)
		return draw_escaped(g, y, x, maxw, t, n, st);
	/* the first column says that text was skipped on the left */
	if (text_width(t, g->ascii) <= skip)
		return 0; /* all of it is to the left */
	size_t from = column_offset(g, t, n, skip + 1);
	put_cell(g, y, x, grid_piece_char(g, LP_ELLIPSIS), 1, st);
	if (maxw == 1)
		return 1;
	return 1 + draw_escaped(g, y, x + 1, maxw - 1, t + from, n - from, st);
}

int grid_textf(struct grid *g, int y, int x, int maxw, enum style st, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return grid_text(g, y, x, maxw, buf, st);
}

int grid_text_right(struct grid *g, int y, int xend, int maxw, const char *s, enum style st)
{
	int w = grid_width(g, s);
	if (w > maxw)
		w = maxw;
	return grid_text(g, y, xend - w, w, s, st);
}

void grid_piece(struct grid *g, int y, int x, enum line_piece p, enum style st)
{
	if (y < 0 || y >= g->h || x < 0 || x >= g->w)
		return;
	put_cell(g, y, x, grid_piece_char(g, p), 1, st);
}

void grid_hline(struct grid *g, int y, int x, int len, enum style st)
{
	for (int i = 0; i < len; i++)
		grid_piece(g, y, x + i, LP_H, st);
}

void grid_vline(struct grid *g, int y, int x, int len, enum style st)
{
	for (int i = 0; i < len; i++)
		grid_piece(g, y + i, x, LP_V, st);
}

void grid_box(struct grid *g, int y, int x, int w, int h, enum style st)
{
	if (w < 2 || h < 2)
		return;
	grid_hline(g, y, x + 1, w - 2, st);
	grid_hline(g, y + h - 1, x + 1, w - 2, st);
	grid_vline(g, y + 1, x, h - 2, st);
	grid_vline(g, y + 1, x + w - 1, h - 2, st);
	grid_piece(g, y, x, LP_TL, st);
	grid_piece(g, y, x + w - 1, LP_TR, st);
	grid_piece(g, y + h - 1, x, LP_BL, st);
	grid_piece(g, y + h - 1, x + w - 1, LP_BR, st);
}

void grid_restyle(struct grid *g, int y, int x, int w, enum style st)
{
	if (y < 0 || y >= g->h)
		return;
	for (int c = x; c < x + w && c < g->w; c++)
		if (c >= 0)
			grid_at(g, y, c)->style = (uint8_t)st;
}

void grid_dump_row(const struct grid *g, int y, struct strbuf *sb)
{
	size_t start = sb->len;
	size_t keep = start; /* length up to the last non-blank */
	for (int x = 0; x < g->w; x++) {
		const struct cell *c = &g->cells[(size_t)y * (size_t)g->w + (size_t)x];
		if (c->width == CW_CONT)
			continue;
		text_utf8_add(sb, c->ch);
		if (c->ch != ' ')
			keep = sb->len;
	}
	strbuf_truncate(sb, keep);
}

char *grid_dump(const struct grid *g)
{
	struct strbuf sb = STRBUF_INIT;
	for (int y = 0; y < g->h; y++) {
		grid_dump_row(g, y, &sb);
		strbuf_addc(&sb, '\n');
	}
	return strbuf_detach(&sb);
}
