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

enum detail_link { DL_NONE, DL_NODE, DL_PAIR, DL_EVIDENCE, DL_CLUSTER };
enum detail_kind { DK_EMPTY, DK_NODE, DK_PAIR, DK_CLUSTER, DK_WHY };

struct drow {
	uint32_t col1, text, right; /* offsets+1 into the text arena; 0: none */
	uint32_t link;
	uint8_t link_type;			/* enum detail_link */
	uint8_t style, col1_style, right_style; /* enum style */
	uint8_t indent;
	uint8_t col1_w; /* columns given to col1 */
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
/* Text of a row cell ("" when absent). */
const char *detail_str(const struct detail *d, uint32_t off);
/* Moves the cursor to the next/previous row that links somewhere (dir
 * +1/-1), from the current one; returns 0 when there is none. */
int detail_step(struct detail *d, int dir);
/* Most neighbours listed for one node before "... N more". */
#define DETAIL_MAX_NEIGHBOURS 400
/* The style a node of this kind is drawn in (detail rows, Graph tab). */
enum style detail_kind_style(int kind);
#endif
