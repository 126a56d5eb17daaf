/* Every action a key can trigger: one X-macro table gives the enum, the name
 * (also a `:command`, so `:why` does what `w` does) and the help line, so
 * the help screen, the :command names and the bindings never drift apart. */
#ifndef ACTIONS_H
#define ACTIONS_H

/* X(ENUM, "name", "help") */
#define ACTIONS(X)                                                                              \
	X(ACT_NONE, "none", "do nothing")                                                       \
	X(ACT_DOWN, "down", "next row")                                                         \
	X(ACT_UP, "up", "previous row")                                                         \
	X(ACT_TOP, "top", "first row")                                                          \
	X(ACT_BOTTOM, "bottom", "last row")                                                     \
	X(ACT_PAGE_DOWN, "page-down", "next page")                                              \
	X(ACT_PAGE_UP, "page-up", "previous page")                                              \
	X(ACT_OPEN, "open", "open the row: pivot to a neighbour, expand evidence")              \
	X(ACT_BACK, "back", "back in the pivot history")                                        \
	X(ACT_FORWARD, "forward", "forward in the pivot history")                               \
	X(ACT_SEARCH, "search", "incremental search over names, aliases, values")               \
	X(ACT_SEARCH_NEXT, "search-next", "next search match")                                  \
	X(ACT_SEARCH_PREV, "search-prev", "previous search match")                              \
	X(ACT_PANE, "switch-pane", "switch between the list and the detail pane")               \
	X(ACT_TAB_ACTORS, "actors", "Actors tab")                                               \
	X(ACT_TAB_INFRA, "infrastructure", "Infrastructure tab")                                \
	X(ACT_TAB_TOOLS, "tools", "Tools tab")                                                  \
	X(ACT_TAB_OVERLAPS, "overlaps-tab", "Overlaps tab (all pairs)")                         \
	X(ACT_TAB_CLUSTERS, "clusters", "Clusters tab")                                         \
	X(ACT_TAB_GRAPH, "graph", "Graph tab: the selected node's neighbourhood")               \
	X(ACT_NEXT_TAB, "next-tab", "next tab")                                                 \
	X(ACT_PREV_TAB, "prev-tab", "previous tab")                                             \
	X(ACT_OVERLAPS, "overlaps", "overlaps of the selected actor")                           \
	X(ACT_WHY, "why", "why: the evidence of the selected pair")                             \
	X(ACT_SORT, "sort", "cycle the list order: name, degree, score")                        \
	X(ACT_FILTER, "filter", "filter by kind, confidence, date")                             \
	X(ACT_DEPTH, "depth", "Graph tab: neighbourhood depth 1 or 2")                          \
	X(ACT_EXPORT, "export", "export the current view as SVG")                               \
	X(ACT_COMMAND, "command", "command line (:export, :threshold, :load ...)")              \
	X(ACT_VERDICT, "verdict", "cycle the pair's verdict: unreviewed, confirmed, dismissed") \
	X(ACT_NOTE, "note", "add a note to the selected node or pair")                          \
	X(ACT_HELP, "help", "this help")                                                        \
	X(ACT_REDRAW, "redraw", "redraw the screen")                                            \
	X(ACT_CANCEL, "cancel", "close help or the prompt, clear the message")                  \
	X(ACT_QUIT, "quit", "quit agx")                                                         \
	/* the prompt line's own actions */                                                     \
	X(ACT_PROMPT_ACCEPT, "prompt-accept", "accept the line")                                \
	X(ACT_PROMPT_CANCEL, "prompt-cancel", "cancel the line")                                \
	X(ACT_PROMPT_BACKSPACE, "prompt-backspace", "delete the character before the cursor")   \
	X(ACT_PROMPT_DELETE, "prompt-delete", "delete the character under the cursor")          \
	X(ACT_PROMPT_LEFT, "prompt-left", "cursor left")                                        \
	X(ACT_PROMPT_RIGHT, "prompt-right", "cursor right")                                     \
	X(ACT_PROMPT_HOME, "prompt-home", "cursor to the start")                                \
	X(ACT_PROMPT_END, "prompt-end", "cursor to the end")                                    \
	X(ACT_PROMPT_KILL, "prompt-kill", "delete the whole line")                              \
	X(ACT_PROMPT_WORD, "prompt-word", "delete the word before the cursor")

enum action {
#define X(e, name, help) e,
	ACTIONS(X)
#undef X
	    ACT_COUNT
};

const char *action_name(int act);
const char *action_help(int act);
/* The action called name, or -1. */
int action_from_name(const char *name);
#endif
