/* The explorer app's own parts, shared by app.c (state, moves, keys,
 * commands) and app_decide.c (the analyst's decisions); nothing else
 * includes this.
 *
 * Every function here acts on the app as app.c keeps it: a handler returns
 * RX_* flags (app.h) for app_react() to act on; none draws. */
#ifndef APP_INT_H
#define APP_INT_H

#include <stddef.h>
#include <stdint.h>

#include "tui/explorer/app.h"
#include "tui/explorer/detail.h"

/* The status line's message (error: shown as one). */
void app_say(struct app *a, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *app_plural(size_t n); /* "" for 1, else "s" */

/* The model's overlaps, lists and detail made again. */
void app_recompute(struct app *a);
/* app_recompute() after a decision; returns how many overlap pairs it
 * changed (new, gone, or scored otherwise). */
size_t app_redo_overlaps(struct app *a);
void app_build_detail(struct app *a);

/* What the cursor is on: a node (NODE_NONE), the detail row (NULL). */
uint32_t app_selected_node(const struct app *a);
const struct drow *app_detail_row(const struct app *a);
/* The two nodes of overlap pair `pair`; 0 when it has none. */
int app_pair_nodes(const struct app *a, uint32_t pair, uint32_t *na, uint32_t *nb);

/* Moves: app_leave() before one, app_push() after it keeps the history. */
void app_leave(struct app *a);
void app_push(struct app *a);
void app_set_tab(struct app *a, int tab);
void app_select_row(struct app *a, size_t i);
void app_goto_node(struct app *a, uint32_t node, int remember);
void app_goto_file(struct app *a, uint32_t file);
unsigned app_open_why(struct app *a, uint32_t pair);
void app_restore(struct app *a, const struct location *l); /* a remembered place again */

/* Acts used by keys and commands alike */
unsigned app_set_verdict(struct app *a, int verdict);	  /* -1: cycle, as c does */
unsigned app_set_filter(struct app *a, const char *line); /* "kind=domain conf>=50" */
/* The next match of the search (from the cursor, or with the cursor's row
 * when inclusive); 0 when nothing matches. */
int app_search_go(struct app *a, int dir, int inclusive);
unsigned app_export_on_screen(struct app *a, const char *arg); /* e and :export */

/* app_command.c: a key while the prompt line is open */
unsigned app_prompt_key(struct app *a, int key);

/* app_decide.c: Enter on a Review row, on a note row */
unsigned app_review_jump(struct app *a, uint32_t row);
unsigned app_edit_note(struct app *a, uint32_t i);

/* app_decide.c: the handlers of the actions and `:` commands it owns */
unsigned act_edit_note(struct app *a, int act);
unsigned act_forget(struct app *a, int act);
unsigned act_join(struct app *a, int act);
unsigned act_split(struct app *a, int act);
unsigned act_undo_merge(struct app *a, int act);
unsigned act_attribute(struct app *a, int act);
unsigned pc_join(struct app *a, const char *arg);
unsigned pc_split(struct app *a, const char *arg);
unsigned pc_attribute(struct app *a, const char *arg);
unsigned pc_unattribute(struct app *a, const char *arg);

#endif
