/* The explorer's state: which tab and screen are shown, the rows of each
 * list (filtered and sorted), the focused item of each tab, the pivot
 * history, search, filters, the prompt line, and the model they show
 * (tui/explorer/model.h: the graph, overlaps, annotations).
 *
 * Key handling follows htop: app_key() turns a key into an action through
 * the binding table, the action's handler (the ACTIONS table's handler
 * column, actions.h; `:` commands through PROMPT_COMMANDS, prompt.h)
 * changes the state and returns reaction flags, and only the main loop
 * (explorer.c) acts on them: app_react() does the model work a reaction
 * asks for (recompute, rebuild, save), then the views draw. Nothing here
 * draws. The helpers (lists, search, history, detail, the Graph tab,
 * export, the prompt) are given what they read and return what they found;
 * this file is the one that acts on it. It is included by the main loop,
 * the views that draw the state, and nothing else of the explorer.
 *
 * Ownership: struct app borrows the session and its graph (it may add to
 * the graph with :load) and owns everything else: lists, history, the
 * model, detail rows. app_free() releases them. */
#ifndef APP_H
#define APP_H
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "tui/explorer/actions.h"
#include "tui/explorer/detail.h"
#include "tui/explorer/explorer.h"
#include "tui/explorer/filter.h"
#include "tui/explorer/graphtab.h"
#include "tui/explorer/history.h"
#include "tui/explorer/lists.h"
#include "tui/explorer/model.h"
#include "tui/explorer/prompt.h"
#include "tui/explorer/search.h"
#include "tui/session/workspace.h"

/* What the body shows: a tab, or a full-width document over it (the
 * evidence of a pair; the load's problems or a text shown whole), which q
 * and Esc close. */
enum screen { SCR_TAB, SCR_WHY, SCR_DOC };
enum pane { PANE_LIST, PANE_DETAIL };

/* Reaction flags returned by handlers (htop's model). */
enum reaction {
	RX_NONE = 0,
	RX_REDRAW = 1 << 0, /* draw the screen again */
	RX_QUIT = 1 << 1,
	RX_RECOMPUTE = 1 << 2,	 /* overlaps (options or data changed) */
	RX_REBUILD = 1 << 3,	 /* lists (filters or data changed) */
	RX_DETAIL = 1 << 4,	 /* detail rows of the focused item */
	RX_SAVE = 1 << 5,	 /* annotations changed: write the workspace */
	RX_FULL_REDRAW = 1 << 6, /* clear the terminal first (C-l) */
	RX_COPY = 1 << 7,	 /* put a->clipboard on the terminal's clipboard */
};

struct app {
	struct session *session;   /* the data and the options it was loaded with */
	struct explorer_opts opts; /* as the command line gave them */
	struct model m;		   /* the graph, units, overlaps, annotations, threshold */
	int df_cap, slack_days;
	int32_t asof;
	struct workspace ws; /* where the annotations are saved, shared with other sessions */
	/* set by the main loop for a real terminal (NULL headless): a long
	 * task (:load) begins, with what to show meanwhile, and ends; begin
	 * returns the flag Ctrl-C sets, end whether it was set */
	const volatile sig_atomic_t *(*busy_begin)(struct app *a, const char *what);
	int (*busy_end)(struct app *a);
	/* what is shown */
	uint8_t tab, screen, pane;
	struct list lists_[TAB_COUNT];
	struct focus focus[TAB_COUNT];
	uint32_t pair_unit; /* Overlaps tab: only pairs of this unit node, or NODE_NONE */
	int graph_depth;
	struct graphtab graph; /* the Graph tab's laid-out neighbourhood */
	struct detail detail;  /* rows of the detail pane / why screen */
	int help_open;
	size_t help_top;
	uint8_t doc;			/* SCR_DOC: DK_PROBLEMS or DK_TEXT */
	char doc_title[256], *doc_text; /* DK_TEXT: a text shown whole (owned) */
	/* columns scrolled off the left of the list and of the detail (< >) */
	int hscroll_list, hscroll_detail;
	char *clipboard; /* what y copied, for the main loop to send (owned) */
	struct history hist;
	/* search, filters, the prompt */
	struct search search;
	struct location search_origin; /* where a search started (Esc goes back) */
	unsigned generation;	       /* bumped when lists or data change */
	struct filter filter;
	struct prompt prompt;
	char note_key[1024]; /* what the note being typed attaches to */
	char note_edit[64];  /* the id of the note being edited, "" for a new one */
	/* one-line message at the bottom */
	char msg[512];
	int msg_error;
	/* screen size (set by the main loop) and the panes cut from it */
	int cols, rows;
	int ascii;
	struct list_counts counts; /* for the status line */
};

/* Where things go on a cols x rows screen: one function, used by the views
 * to draw and by the model to page and wrap. */
struct geom {
	int tabs_y, body_y, body_h;		/* body: rows between tab bar and status */
	int list_x, list_w, detail_x, detail_w; /* panes; list_w 0 when full width */
	int status_y, bottom_y;
	int list_rows, detail_rows; /* rows of content below each pane's header */
};
void app_geometry(const struct app *a, struct geom *g);

/* Sets up the state on a loaded session (s->g) and loads the workspace.
 * Returns 0, or -1 with a message in err (a corrupt workspace: the file is
 * left untouched). */
int app_init(struct app *a, struct session *s, const struct explorer_opts *o, char *err,
	     size_t errlen);
void app_free(struct app *a);

/* One key: through the prompt when it is open, else through the bindings. */
unsigned app_key(struct app *a, int key);
/* One action (also reachable as :name). */
unsigned app_action(struct app *a, int act);
/* One `:` command line (without the ':'), as typed after ':' and Enter. */
unsigned app_command(struct app *a, const char *line);
/* A click at a cell of the screen (tabs, list rows, detail rows). */
unsigned app_click(struct app *a, int y, int x);
/* Does the model work the flags ask for; returns the flags still to act on
 * (RX_REDRAW, RX_QUIT, RX_FULL_REDRAW, RX_COPY). */
unsigned app_react(struct app *a, unsigned rx);
/* On SIGHUP/SIGTERM: keep a note being typed (nothing typed is lost). */
void app_save_pending(struct app *a);

/* What the views and tests read. */
const struct list *app_list(const struct app *a, int tab);
/* The node focused in the current tab (for node tabs and the graph), or
 * NODE_NONE. */
uint32_t app_focus_node(const struct app *a);
/* The pair focused (Overlaps tab, why screen, a cluster link or detail row),
 * as an overlap pair index, or UINT32_MAX. */
uint32_t app_focus_pair(const struct app *a);
#endif
