/* The detail document: the rows the detail pane (and the full-width "why"
 * screen) shows for the focused item, built once when the focus changes,
 * not at every draw. A row has up to three cells (a narrow first column,
 * the text, a right-aligned note), a style and, when it leads somewhere, a
 * link (a node to pivot to, a pair, an evidence row to expand).
 *
 * Builders read the explorer's model (the graph, the units, the overlap
 * result, the annotations); they own nothing but the document. Ownership: struct detail
 * owns its rows, text and evidence arrays; detail_free() releases them. */
#ifndef DETAIL_H
#define DETAIL_H
#include <stddef.h>
#include <stdint.h>

#include "graph/strbuf.h"
#include "tui/explorer/grid.h"

struct model;
struct evidence;
struct near_miss;

/* Where a row leads: a node to pivot to, a pair (its why), an evidence row
 * to expand, a cluster, an input file (the Reports tab), a reference whose
 * text is a URL (o opens it). */
enum detail_link { DL_NONE, DL_NODE, DL_PAIR, DL_EVIDENCE, DL_CLUSTER, DL_FILE, DL_REF, DL_NOTE };
enum detail_kind {
	DK_EMPTY,
	DK_NODE,
	DK_PAIR,
	DK_CLUSTER,
	DK_WHY,
	DK_FILE,
	DK_PROBLEMS,
	DK_TEXT,
	DK_ALIAS,
	DK_REVIEW
};

struct drow {
	uint32_t col1, text, right; /* offsets+1 into the text arena; 0: none */
	uint32_t link;
	uint8_t link_type;			/* enum detail_link */
	uint8_t style, col1_style, right_style; /* enum style */
	uint8_t indent;
	uint8_t col1_w; /* columns given to col1 */
	/* what y copies from this row, offset+1 into the text arena; 0: the
	 * row's text */
	uint32_t copy;
};

struct detail {
	struct drow *rows;
	size_t n, cap;
	struct strbuf text;
	size_t cur, top; /* cursor (row index) and first visible row */
	/* what it shows */
	uint8_t kind; /* enum detail_kind */
	uint32_t item, item2;
	char title[256];
	/* the why screen: evidence rows and which are expanded */
	struct evidence *ev;
	size_t nev;
	struct near_miss *near;
	size_t nnear;
	uint8_t *expanded;
	int truncated; /* neighbours capped */
	/* set by the owner before building */
	int ascii; /* ASCII arrows */
	int width; /* columns text is wrapped to */
};

void detail_init(struct detail *d);
void detail_free(struct detail *d);
void detail_reset(struct detail *d);
/* Builders: replace the document with the item's rows. */
void detail_build_node(struct detail *d, const struct model *m, uint32_t node);
void detail_build_pair(struct detail *d, const struct model *m, uint32_t pair);
void detail_build_cluster(struct detail *d, const struct model *m, uint32_t cluster);
void detail_build_why(struct detail *d, const struct model *m, uint32_t pair);
/* An input file (the Reports tab): format, publisher, date, the reports in
 * it and whom they are attributed to and why, marking, counts, its copies,
 * its problems. */
void detail_build_file(struct detail *d, const struct model *m, uint32_t file);
/* A row of the Aliases tab (lists.h: a decision, a merge with the claims
 * of its two sides, a refused claim) and of the Review tab (a verdict,
 * note or decision with its author and time). A note row links to the note
 * (DL_NOTE: its index in the annot). */
void detail_build_alias(struct detail *d, const struct model *m, uint32_t row);
void detail_build_review(struct detail *d, const struct model *m, uint32_t row);
/* Every error, warning and quirk of the load, by file. */
void detail_build_problems(struct detail *d, const struct model *m);
/* A text shown whole: wrapped to the width, cut mid-word when a word (a
 * URL) is wider than a row. */
void detail_build_text(struct detail *d, const char *title, const char *text);
/* What y copies from row i: a value, a name, a pair, a path, a URL. */
const char *detail_copy_text(const struct detail *d, size_t i);
/* Text of a row cell ("" when absent). */
const char *detail_str(const struct detail *d, uint32_t off);
/* Moves the cursor to the next/previous row that links somewhere (dir
 * +1/-1), from the current one; returns 0 when there is none. */
int detail_step(struct detail *d, int dir);
/* The lines a unit counts as for people: "actor", "campaign", "report",
 * "file", "source". */
const char *detail_unit_kind(int unit_kind);
/* The name an attribution's owner (an actor or a campaign node) goes by:
 * its unit's displayed name. */
const char *detail_owner_name(const struct model *m, uint32_t owner);
/* Most neighbours listed for one node before "... N more". */
#define DETAIL_MAX_NEIGHBOURS 400
/* The style a node of this kind is drawn in (detail rows, Graph tab). */
enum style detail_kind_style(int kind);
#endif
