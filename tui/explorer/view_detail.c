/* The detail pane and the why screen: rows of a detail document (detail.h)
 * in a rectangle, scrolled, with the cursor row shown when it has the keys.
 * Scrolled sideways (< >), a row is one line of text moved left: its first
 * column no longer clips what it holds, so a long value is seen whole. */
#include <stdio.h>

#include "tui/explorer/view.h"

/* Draws s, which starts at virtual column vx of a row shifted skip columns
 * to the left, in the screen columns [x0, xend); returns its width. */
static int draw_shifted(struct grid *g, int y, int x0, int xend, int vx, int skip, const char *s,
			enum style st)
{
	int w = grid_width(g, s);
	if (vx + w <= skip)
		return w;
	int sx = x0 + (vx > skip ? vx - skip : 0);
	if (sx < xend)
		grid_text_skip(g, y, sx, xend - sx, s, vx < skip ? skip - vx : 0, st);
	return w;
}

static void draw_row_shifted(const struct detail *d, const struct drow *row, struct grid *g, int y,
			     int x, int end, int skip)
{
	int vx = row->indent;
	if (row->col1_w) {
		int w = row->col1 ? draw_shifted(g, y, x, end, vx, skip, detail_str(d, row->col1),
						 (enum style)row->col1_style)
				  : 0;
		vx += (w > row->col1_w ? w : row->col1_w) + 1;
	}
	if (row->text)
		vx += draw_shifted(g, y, x, end, vx, skip, detail_str(d, row->text),
				   (enum style)row->style) +
		      2;
	if (row->right)
		draw_shifted(g, y, x, end, vx, skip, detail_str(d, row->right),
			     (enum style)row->right_style);
}

void view_detail_draw(const struct app *a, struct grid *g, int x, int y, int w, int h, int focused)
{
	const struct detail *d = &a->detail;
	if (!d->n) {
		grid_text(g, y, x + 2, w - 2, "(nothing selected)", ST_DIM);
		return;
	}
	for (int r = 0; r < h; r++) {
		size_t i = d->top + (size_t)r;
		if (i >= d->n)
			break;
		const struct drow *row = &d->rows[i];
		int yy = y + r;
		int cx = x + 2 + row->indent;
		int end = x + w;
		if (a->hscroll_detail > 0) {
			draw_row_shifted(d, row, g, yy, x + 2, end, a->hscroll_detail);
		} else {
			const char *right = detail_str(d, row->right);
			int rw = row->right ? grid_width(g, right) : 0;
			/* the note at the right gives way when the text would then
			 * fit whole, or when beside it less than half the text would
			 * show: a value is worth more than its df */
			int c1 = row->col1_w ? row->col1_w + 1 : 0;
			int txt = row->text ? grid_width(g, detail_str(d, row->text)) : 0;
			int beside = end - cx - rw - 2 - c1;
			if (rw && c1 + txt + rw + 2 > end - cx &&
			    (c1 + txt <= end - cx || beside < txt / 2))
				rw = 0;
			if (rw && rw + 12 < end - cx) {
				grid_text(g, yy, end - rw - 1, rw, right,
					  (enum style)row->right_style);
				end -= rw + 2;
			}
			if (row->col1_w) {
				if (row->col1)
					grid_text(g, yy, cx, row->col1_w, detail_str(d, row->col1),
						  (enum style)row->col1_style);
				cx += row->col1_w + 1;
			}
			if (row->text && end > cx)
				grid_text(g, yy, cx, end - cx, detail_str(d, row->text),
					  (enum style)row->style);
		}
		if (focused && i == d->cur) {
			grid_restyle(g, yy, x, w, ST_SELECTED);
			grid_text(g, yy, x, 1, ">", ST_SELECTED);
		}
	}
	if (d->n > (size_t)h) {
		char pos[32];
		snprintf(pos, sizeof(pos), " %zu-%zu/%zu ", d->top + 1,
			 d->top + (size_t)h < d->n ? d->top + (size_t)h : d->n, d->n);
		int pw = grid_width(g, pos);
		if (y > 0 && pw < w - 10)
			grid_text(g, y - 1, x + w - pw, pw, pos, ST_HEADER);
	}
}

void view_why_draw(const struct app *a, struct grid *g, const struct geom *geo)
{
	const struct detail *d = &a->detail;
	grid_fill(g, geo->body_y, 0, g->w, 1, ST_TITLE);
	grid_text(g, geo->body_y, 1, g->w - 1, d->title[0] ? d->title : "why", ST_TITLE);
	if (a->screen == SCR_DOC) {
		view_detail_draw(a, g, 0, geo->body_y + 1, g->w, geo->detail_rows, 1);
		return;
	}
	if (d->kind != DK_WHY) {
		grid_text(g, geo->body_y + 1, 2, g->w - 2,
			  a->m.ov ? "(no such pair)" : "(overlaps not available)", ST_DIM);
		return;
	}
	view_detail_draw(a, g, 0, geo->body_y + 1, g->w, geo->detail_rows, 1);
}
