/* What the detail builders share (detail.c, detail_source.c): adding rows
 * to a document and the small pieces of text they all write. Not for the
 * rest of the explorer, which reads documents through detail.h. */
#ifndef DETAIL_INT_H
#define DETAIL_INT_H
#include <stddef.h>
#include <stdint.h>

#include "tui/explorer/detail.h"

struct model;

/* Copies s into the document's text; returns its offset + 1 (0 for none). */
uint32_t detail_add_str(struct detail *d, const char *s);
/* A row: a first column of col1_w columns, the text, a right-aligned note. */
struct drow *detail_add_row(struct detail *d, const char *col1, int col1_w, const char *text,
			    const char *right, enum style st);
void detail_add_blank(struct detail *d);
/* "label      value" */
struct drow *detail_add_fact(struct detail *d, const char *label, const char *value);
/* text cut into rows at spaces so that each fits width columns once
 * indented; no character is dropped. */
void detail_add_wrapped(struct detail *d, const char *text, int width, int indent, enum style st);
/* The same, room columns to a row after the indent, and each row set under
 * a first column of col1_w (so it lines up with the rows above). */
void detail_add_wrapped_under(struct detail *d, const char *text, int room, int indent, int col1_w,
			      enum style st);
/* "2021-03-01 .. 2022-05-09", one date, or "undated". */
void detail_window_text(int32_t first, int32_t last, char *buf, size_t n);
/* The part of a path after its last '/'. */
const char *detail_base_name(const char *path);
#endif
