/* The detail pane and the why screen: rows of a detail document (detail.h)
 * in a rectangle, scrolled, with the cursor row shown when it has the keys. */
#include <stdio.h>

#include "tui/explorer/view.h"

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
		const char *right = detail_str(d, row->right);
		int rw = row->right ? grid_width(g, right) : 0;
		if (rw && rw + 12 < end - cx) {
			grid_text(g, yy, end - rw - 1, rw, right, (enum style)row->right_style);
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
	if (d->kind != DK_WHY) {
		grid_text(g, geo->body_y + 1, 2, g->w - 2,
			  a->m.ov ? "(no such pair)" : "(overlaps not available)", ST_DIM);
		return;
	}
	view_detail_draw(a, g, 0, geo->body_y + 1, g->w, geo->detail_rows, 1);
}
