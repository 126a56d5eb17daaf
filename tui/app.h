/* The explorer's model: which tab and screen are shown, the rows of each
 * list (filtered and sorted), the focused item of each tab, the pivot
 * history, search, filters, the prompt line, the annotations and the
 * overlap results they are computed from.
 *
 * Key handling follows htop: app_key() turns a key into an action through
 * the binding table, the action's handler changes the model and returns
 * reaction flags, and only the main loop (tui.c) acts on them: app_react()
 * does the model work a reaction asks for (recompute, rebuild, save), then
 * the views draw. Nothing here draws.
 *
 * Ownership: struct app borrows the graph from struct cli (it may add to it
 * with :load) and owns everything else: lists, history, the overlap result,
 * the annotation set, detail rows. app_free() releases them. */
#ifndef APP_H
#define APP_H
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "graph/annot.h"
#include "graph/graph.h"
#include "graph/strbuf.h"
#include "tui/actions.h"
#include "tui/cli.h"
#include "tui/detail.h"
#include "tui/filter.h"
#include "tui/graphtab.h"
#include "tui/prompt.h"
#include "tui/search.h"
#include "tui/workspace.h"

struct overlap;
struct warnlist_set;

/* X(ENUM, "title", key) */
#define TABS(X)                             \
	X(TAB_ACTORS, "Actors", '1')        \
	X(TAB_INFRA, "Infrastructure", '2') \
	X(TAB_TOOLS, "Tools", '3')          \
	X(TAB_OVERLAPS, "Overlaps", '4')    \
	X(TAB_CLUSTERS, "Clusters", '5')    \
	X(TAB_GRAPH, "Graph", '6')

enum tab {
#define X(e, title, key) e,
	TABS(X)
#undef X
	    TAB_COUNT
};

enum screen { SCR_TAB, SCR_WHY };
enum pane { PANE_LIST, PANE_DETAIL };
enum sort_key { SORT_NAME, SORT_DEGREE, SORT_SCORE, SORT_COUNT };

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
};

/* One list: row ids (nodes, pair indexes or cluster indexes), the cursor,
 * the first visible row. */
struct list {
	uint32_t *rows;
	size_t n, cap;
	size_t cur, top;
	uint8_t sort; /* enum sort_key */
};

/* What a tab shows: the focused item (a node; a pair as its two unit nodes;
 * a cluster index) and whether that item is off the list (a pivot to a
 * node the list does not hold, such as a victim). */
struct focus {
	uint32_t item, item2;
	uint8_t off_list;
};

/* A pivot-history entry. */
struct location {
	uint8_t tab, screen, pane;
	struct focus focus;
	uint32_t detail_cur;
};

#define APP_HISTORY_MAX 256

struct app {
	struct cli *cli;
	struct graph *g;
	/* overlaps (NULL when the engine is not in this build or failed) */
	struct overlap *ov;
	struct warnlist_set *lists;
	double *unit_best; /* best pair score per unit */
	int have_overlaps;
	int df_cap, slack_days;
	double threshold;
	int32_t asof;
	/* set by the main loop for a real terminal (NULL headless): a long
	 * task (:load) begins, with what to show meanwhile, and ends; begin
	 * returns the flag Ctrl-C sets, end whether it was set */
	const volatile sig_atomic_t *(*busy_begin)(struct app *a, const char *what);
	int (*busy_end)(struct app *a);
	/* annotations and their file */
	struct annot annot;
	struct workspace ws;
	/* what is shown */
	uint8_t tab, screen, pane;
	struct list lists_[TAB_COUNT];
	struct focus focus[TAB_COUNT];
	uint32_t pair_unit; /* Overlaps tab: only pairs of this unit node, or NODE_NONE */
	int graph_depth;
	struct graphtab graph; /* the Graph tab's laid-out neighbourhood */
	struct detail detail;  /* rows of the detail pane / why screen */
	int detail_stale;
	int help_open;
	size_t help_top;
	/* history */
	struct location hist[APP_HISTORY_MAX];
	size_t hist_len, hist_pos;
	/* search, filters, the prompt */
	char search[sizeof(((struct prompt *)0)->buf)];
	struct location search_origin;
	char search_miss[sizeof(((struct prompt *)0)->buf)]; /* last needle with no match */
	unsigned search_miss_gen;
	unsigned generation;	     /* bumped when lists or data change */
	struct search_blob blobs[3]; /* Actors, Infrastructure, Tools */
	struct filter filter;
	struct prompt prompt;
	/* one-line message at the bottom */
	char msg[512];
	int msg_error;
	/* screen size (set by the main loop) and the panes cut from it */
	int cols, rows;
	int ascii;
	/* counts for the status line */
	size_t count_actors, count_infra, count_tools, count_pairs, count_clusters;
	uint8_t tlp;	     /* most restricted marking of the loaded files */
	char note_key[1024]; /* what the note being typed attaches to */
	uint32_t unit_members_n;
	size_t units_for;		 /* node count the unit index was built for */
	uint32_t *name_off, *names;	 /* every name of each unit root, CSR by node id */
	uint32_t *unit_off, *unit_nodes; /* actor nodes of each unit root, CSR by node id */
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

/* Sets up the model on a loaded graph (c->g) and loads the workspace.
 * Returns 0, or -1 with a message in err (a corrupt workspace: the file is
 * left untouched). */
int app_init(struct app *a, struct cli *c, char *err, size_t errlen);
void app_free(struct app *a);

/* One key: through the prompt when it is open, else through the bindings. */
unsigned app_key(struct app *a, int key);
/* One action (also reachable as :name). */
unsigned app_action(struct app *a, int act);
/* Does the model work the flags ask for; returns the flags still to act on
 * (RX_REDRAW, RX_QUIT, RX_FULL_REDRAW). */
unsigned app_react(struct app *a, unsigned rx);
/* A message for the bottom line. */
void app_message(struct app *a, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* On SIGHUP/SIGTERM: keep a note being typed (nothing typed is lost). */
void app_save_pending(struct app *a);

/* Helpers the views and commands use. */
struct list *app_list(struct app *a, int tab);
const char *tab_title(int tab);
/* The node focused in the current tab (for node tabs and the graph), or
 * NODE_NONE. */
uint32_t app_focus_node(const struct app *a);
/* The pair focused (Overlaps tab, why screen, a cluster link or detail row),
 * as an overlap pair index, or UINT32_MAX. */
uint32_t app_focus_pair(const struct app *a);
/* Navigation used by commands and search: shows node in its tab. */
void app_goto_node(struct app *a, uint32_t node, int push);
/* Rebuilds the detail document for what is focused now. */
void app_build_detail(struct app *a);
/* Applies a filter line ("kind=domain conf>=50"); returns flags. */
unsigned app_set_filter(struct app *a, const char *line);
/* Sets the verdict of the pair in focus (-1: cycle, as the c key does). */
unsigned app_set_verdict(struct app *a, int verdict);
/* Recomputes overlaps now (also used at start). */
void app_recompute(struct app *a);
/* Selects row i of the current tab's list. */
void app_select_row(struct app *a, size_t i);
#endif
