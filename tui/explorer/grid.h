/* The cell grid every view draws into: a rectangle of character cells, each
 * one code point with a style, knowing that CJK and emoji take two columns.
 * It includes no curses: the terminal layer (term.c) puts it on the screen,
 * and headless runs (--script, the tests) read it back as text.
 *
 * Text is hostile: grid_text() escapes control characters, bidi overrides
 * and invalid UTF-8 (graph/text.h) and clips to a width in display columns,
 * marking a cut with an ellipsis. In ASCII mode (non-UTF-8 locale, --ascii)
 * every non-ASCII code point is escaped and line drawing uses - | +.
 *
 * Ownership: struct grid owns its cells; grid_free() releases them. */
#ifndef GRID_H
#define GRID_H
#include <stddef.h>
#include <stdint.h>

#include "graph/strbuf.h"

/* Styles are roles, not colours: the terminal layer picks colours (or bold
 * and reverse on a monochrome terminal, or nothing under NO_COLOR). */
#define STYLES(X)                          \
	X(ST_NORMAL, "normal")             \
	X(ST_DIM, "dim")                   \
	X(ST_TITLE, "title")               \
	X(ST_HEADER, "header")             \
	X(ST_TAB, "tab")                   \
	X(ST_TAB_ACTIVE, "tab-active")     \
	X(ST_SELECTED, "selected")         \
	X(ST_SELECTED_DIM, "selected-dim") \
	X(ST_CURSOR, "cursor")             \
	X(ST_STATUS, "status")             \
	X(ST_MESSAGE, "message")           \
	X(ST_ERROR, "error")               \
	X(ST_ACTOR, "actor")               \
	X(ST_INFRA, "infra")               \
	X(ST_TOOL, "tool")                 \
	X(ST_OTHER, "other")               \
	X(ST_STRONG, "strong")             \
	X(ST_WEAK, "weak")                 \
	X(ST_OVER, "over")                 \
	X(ST_CONFIRMED, "confirmed")       \
	X(ST_DISMISSED, "dismissed")       \
	X(ST_NOTE, "note")                 \
	X(ST_LINE, "line")                 \
	X(ST_KEY, "key")

enum style {
#define X(e, name) e,
	STYLES(X)
#undef X
	    ST_COUNT
};

/* Line-drawing pieces; drawn as Unicode box characters, or ASCII. */
enum line_piece {
	LP_H,
	LP_V,
	LP_TL,
	LP_TR,
	LP_BL,
	LP_BR,
	LP_CROSS,
	LP_TEE_L,
	LP_TEE_R,
	LP_TEE_T,
	LP_TEE_B,
	LP_ARROW_R,
	LP_ARROW_L,
	LP_ELLIPSIS,
	LP_COUNT
};

enum cell_width { CW_ONE, CW_WIDE, CW_CONT }; /* CW_CONT: right half of a wide char */

struct cell {
	uint32_t ch;   /* code point; ' ' when empty */
	uint8_t style; /* enum style */
	uint8_t width; /* enum cell_width */
};

struct grid {
	int w, h;
	int ascii; /* ASCII mode: escape non-ASCII, ASCII lines */
	struct cell *cells;
	struct strbuf scratch; /* escaping buffer, reused */
};

struct grid *grid_new(int w, int h, int ascii);
void grid_free(struct grid *g);
void grid_resize(struct grid *g, int w, int h);
void grid_clear(struct grid *g);
static inline struct cell *grid_at(struct grid *g, int y, int x)
{
	return &g->cells[(size_t)y * (size_t)g->w + (size_t)x];
}
/* Fills a rectangle with blanks of a style (clipped to the grid). */
void grid_fill(struct grid *g, int y, int x, int w, int h, enum style st);
/* Draws s at (y, x) escaped and clipped to maxw columns (and the grid edge);
 * when cut, the last column shows an ellipsis. Returns the columns used. */
int grid_text(struct grid *g, int y, int x, int maxw, const char *s, enum style st);
/* The same, leaving out the first skip display columns of s (horizontal
 * scroll); when some were left out the first column shows an ellipsis.
 * Draws nothing when all of s is left of skip. */
int grid_text_skip(struct grid *g, int y, int x, int maxw, const char *s, int skip, enum style st);
/* printf form of grid_text. */
int grid_textf(struct grid *g, int y, int x, int maxw, enum style st, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Right-aligns s so that it ends at column xend (exclusive). */
int grid_text_right(struct grid *g, int y, int xend, int maxw, const char *s, enum style st);
/* Display width of s as grid_text would draw it (escapes included). */
int grid_width(struct grid *g, const char *s);
/* Line drawing. */
void grid_piece(struct grid *g, int y, int x, enum line_piece p, enum style st);
void grid_hline(struct grid *g, int y, int x, int len, enum style st);
void grid_vline(struct grid *g, int y, int x, int len, enum style st);
void grid_box(struct grid *g, int y, int x, int w, int h, enum style st);
/* Sets the style of cells without changing their text. */
void grid_restyle(struct grid *g, int y, int x, int w, enum style st);
/* The grid as UTF-8 text, one line per row, trailing blanks removed. The
 * caller frees the result. */
char *grid_dump(const struct grid *g);
/* Appends row y as UTF-8 (trailing blanks removed) to sb. */
void grid_dump_row(const struct grid *g, int y, struct strbuf *sb);
/* The code point a piece is drawn with in this grid's mode. */
uint32_t grid_piece_char(const struct grid *g, enum line_piece p);
const char *style_name(int st);
#endif
