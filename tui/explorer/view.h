/* The views: each draws one part of the screen from the model into the
 * cell grid, reading the app and never changing it. view_draw() lays out
 * the whole screen (tab bar, panes, status line, bottom line, help). */
#ifndef VIEW_H
#define VIEW_H
#include <stddef.h>

#include "tui/explorer/app.h"
#include "tui/explorer/grid.h"

void view_draw(const struct app *a, struct grid *g);
/* The list pane of a node, pair or cluster tab. */
void view_list_draw(const struct app *a, struct grid *g, const struct geom *geo);
/* A detail document in a rectangle; focused: the cursor row is shown. */
void view_detail_draw(const struct app *a, struct grid *g, int x, int y, int w, int h, int focused);
/* The full-width "why" screen. */
void view_why_draw(const struct app *a, struct grid *g, const struct geom *geo);
/* The Graph tab. */
void view_graph_draw(const struct app *a, struct grid *g, const struct geom *geo);
/* The help screen over the body. */
void view_help_draw(const struct app *a, struct grid *g, const struct geom *geo);
/* The help text, one line per entry, for tests: every bound action appears. */
size_t view_help_lines(const char ***lines);
#endif
