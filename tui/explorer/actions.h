/* Every action a key can trigger: one X-macro table gives the enum, the name
 * (also a `:command`, so `:why` does what `w` does), the help line and the
 * handler, so the help screen, the :command names, the bindings and what
 * the keys do never drift apart. Handlers are the explorer's
 * (tui/explorer/app.c: unsigned fn(struct app *, int action), returning
 * reaction flags); the prompt line's actions have none, the line editor
 * (prompt.h) applies them. */
#ifndef ACTIONS_H
#define ACTIONS_H

/* X(ENUM, "name", "help", handler) */
#define ACTIONS(X)                                                                                 \
	X(ACT_NONE, "none", "do nothing", NULL)                                                    \
	X(ACT_DOWN, "down", "next row", act_move)                                                  \
	X(ACT_UP, "up", "previous row", act_move)                                                  \
	X(ACT_TOP, "top", "first row", act_move)                                                   \
	X(ACT_BOTTOM, "bottom", "last row", act_move)                                              \
	X(ACT_PAGE_DOWN, "page-down", "next page", act_move)                                       \
	X(ACT_PAGE_UP, "page-up", "previous page", act_move)                                       \
	X(ACT_OPEN, "open", "open the row: pivot to a neighbour, expand evidence", act_open)       \
	X(ACT_BACK, "back", "back in the pivot history", act_history)                              \
	X(ACT_FORWARD, "forward", "forward in the pivot history", act_history)                     \
	X(ACT_SEARCH, "search", "incremental search over names, aliases, values", act_search)      \
	X(ACT_SEARCH_NEXT, "search-next", "next search match", act_search_next)                    \
	X(ACT_SEARCH_PREV, "search-prev", "previous search match", act_search_next)                \
	X(ACT_PANE, "switch-pane", "switch between the list and the detail pane", act_pane)        \
	X(ACT_TAB_ACTORS, "actors", "Actors tab", act_tab)                                         \
	X(ACT_TAB_INFRA, "infrastructure", "Infrastructure tab", act_tab)                          \
	X(ACT_TAB_TOOLS, "tools", "Tools tab", act_tab)                                            \
	X(ACT_TAB_OVERLAPS, "overlaps-tab", "Overlaps tab (all pairs)", act_tab)                   \
	X(ACT_TAB_CLUSTERS, "clusters", "Clusters tab", act_tab)                                   \
	X(ACT_TAB_GRAPH, "graph", "Graph tab: the selected node's neighbourhood", act_tab)         \
	X(ACT_TAB_REPORTS, "reports",                                                              \
	  "Reports tab: every input file, whom it speaks for and why, its problems", act_tab)      \
	X(ACT_TAB_ALIASES, "aliases",                                                              \
	  "Aliases tab: merges with their claims, possible aliases, the analyst's decisions",      \
	  act_tab)                                                                                 \
	X(ACT_TAB_REVIEW, "review",                                                                \
	  "Review tab: every verdict, note and decision, by whom and when", act_tab)               \
	X(ACT_NEXT_TAB, "next-tab", "next tab", act_next_tab)                                      \
	X(ACT_PREV_TAB, "prev-tab", "previous tab", act_next_tab)                                  \
	X(ACT_OVERLAPS, "overlaps",                                                                \
	  "overlaps of the selected actor; on a reference, open its URL", act_overlaps)            \
	X(ACT_WHY, "why", "why: the evidence of the selected pair", act_why)                       \
	X(ACT_SORT, "sort",                                                                        \
	  "cycle the order: name, degree, score; pairs by infra, tools, techniques", act_sort)     \
	X(ACT_RELATION, "relation",                                                                \
	  "Overlaps: pairs of overlap, corroboration (sources of one actor), internal",            \
	  act_relation)                                                                            \
	X(ACT_FILTER, "filter", "filter by kind, confidence, date, relation, source, score",       \
	  act_filter)                                                                              \
	X(ACT_SCROLL_LEFT, "scroll-left", "show the text to the left in the pane", act_scroll)     \
	X(ACT_SCROLL_RIGHT, "scroll-right", "show the text cut at the right of the pane",          \
	  act_scroll)                                                                              \
	X(ACT_COPY, "copy", "copy the selected value, name or pair to the clipboard (OSC 52)",     \
	  act_copy)                                                                                \
	X(ACT_PROBLEMS, "problems", "the load's errors, warnings and quirks", act_problems)        \
	X(ACT_DEPTH, "depth", "Graph tab: neighbourhood depth 1 or 2", act_depth)                  \
	X(ACT_EXPORT, "export", "export the current view as SVG", act_export)                      \
	X(ACT_COMMAND, "command", "command line (:export, :threshold, :load ...)", act_command)    \
	X(ACT_VERDICT, "verdict", "cycle the pair's verdict: unreviewed, confirmed, dismissed",    \
	  act_verdict)                                                                             \
	X(ACT_NOTE, "note", "add a note to the selected node or pair", act_note)                   \
	X(ACT_EDIT_NOTE, "edit-note", "edit the selected note (a note row, Review)", act_edit_note) \
	X(ACT_FORGET, "forget",                                                                    \
	  "delete the selected decision or note (Aliases, Review, a note row)", act_forget)        \
	X(ACT_JOIN, "join-names", "two names are one actor (:join A = B), kept in the workspace",  \
	  act_join)                                                                                \
	X(ACT_SPLIT, "split-names", "two names are different actors (:split A != B)", act_split)   \
	X(ACT_UNDO_MERGE, "undo-merge", "Aliases: undo the selected merge (splits its two names)", \
	  act_undo_merge)                                                                          \
	X(ACT_ATTRIBUTE, "attribute-to",                                                           \
	  "attribute the selected report, campaign or cluster (:attribute ACTOR [reason])",        \
	  act_attribute)                                                                           \
	X(ACT_HELP, "help", "this help", act_help)                                                 \
	X(ACT_REDRAW, "redraw", "redraw the screen", act_redraw)                                   \
	X(ACT_CANCEL, "cancel", "close help or the prompt, clear the message", act_cancel)         \
	X(ACT_CLOSE, "close",                                                                      \
	  "close the view (why, help, problems, an actor's overlaps); on a tab, quit", act_close)  \
	X(ACT_QUIT, "quit", "quit agx", act_quit)                                                  \
	/* the prompt line's own actions */                                                        \
	X(ACT_PROMPT_ACCEPT, "prompt-accept", "accept the line", NULL)                             \
	X(ACT_PROMPT_CANCEL, "prompt-cancel", "cancel the line", NULL)                             \
	X(ACT_PROMPT_BACKSPACE, "prompt-backspace", "delete the character before the cursor",      \
	  NULL)                                                                                    \
	X(ACT_PROMPT_DELETE, "prompt-delete", "delete the character under the cursor", NULL)       \
	X(ACT_PROMPT_LEFT, "prompt-left", "cursor left", NULL)                                     \
	X(ACT_PROMPT_RIGHT, "prompt-right", "cursor right", NULL)                                  \
	X(ACT_PROMPT_HOME, "prompt-home", "cursor to the start", NULL)                             \
	X(ACT_PROMPT_END, "prompt-end", "cursor to the end", NULL)                                 \
	X(ACT_PROMPT_KILL, "prompt-kill", "delete the whole line", NULL)                           \
	X(ACT_PROMPT_WORD, "prompt-word", "delete the word before the cursor", NULL)               \
	X(ACT_PROMPT_OLDER, "prompt-older", "the line typed before (history)", NULL)               \
	X(ACT_PROMPT_NEWER, "prompt-newer", "the line typed after (history)", NULL)                \
	X(ACT_PROMPT_COMPLETE, "prompt-complete", "complete the command, actor name or file path", \
	  NULL)

enum action {
#define X(e, name, help, fn) e,
	ACTIONS(X)
#undef X
	    ACT_COUNT
};

const char *action_name(int act);
const char *action_help(int act);
/* The action called name, or -1. */
int action_from_name(const char *name);
#endif
