/* The bottom line where the analyst types: `:` commands, `/` search, `f`
 * filters and `a` notes. The line editor is plain data edited through the
 * KM_PROMPT actions; prompt_key() says what a key did (edited the line,
 * accepted it, cancelled it) and the explorer acts on that. A `:` line
 * names one of the commands below (each also listed by the help screen):
 *     :export [svg|png|pdf|dot] [FILE]   :threshold T   :dfcap N
 *     :load FILE   :asof DATE|none   :filter TERMS   :sort ORDER
 *     :verdict confirmed|dismissed|unreviewed   :note TEXT   :q
 *     :join A = B   :split A != B   :attribute ACTOR [REASON]   :unattribute [REASON]
 * or any action by its name (:why, :help, :quit ...). */
#ifndef PROMPT_H
#define PROMPT_H
#include <stddef.h>

enum prompt_mode { PR_NONE, PR_COMMAND, PR_SEARCH, PR_FILTER, PR_NOTE, PR_MODE_COUNT };

#define PROMPT_HISTORY 100 /* lines remembered per mode */

/* The line, the lines typed before in each mode (Up/Down bring them back,
 * as a shell does) and the state of Tab completion. Owns the history;
 * prompt_free() releases it. */
struct prompt {
	int mode; /* enum prompt_mode */
	char buf[1024];
	size_t len, pos; /* bytes; pos is always on a code point boundary */
	char *hist[PR_MODE_COUNT][PROMPT_HISTORY]; /* oldest first */
	size_t nhist[PR_MODE_COUNT];
	size_t hpos;	  /* the history line shown; nhist[mode]: the line being typed */
	char draft[1024]; /* the line being typed, kept while browsing the history */
	/* Tab: what the word was before the first Tab, and which of its
	 * completions the next Tab shows; comp_active is cleared by any edit */
	int comp_active;
	size_t comp_start, comp_next;
	char comp_word[1024];
};

/* What a key did to the line. */
enum prompt_event {
	PE_NONE,     /* nothing changed (a cursor move, a key that types nothing) */
	PE_EDITED,   /* the text changed */
	PE_ACCEPT,   /* Enter: the line is ready (prompt_take) */
	PE_CANCEL,   /* Esc, C-c, or backspace on an empty line (as in vim) */
	PE_COMPLETE, /* Tab: the explorer completes the word (complete.h) */
};

void prompt_open(struct prompt *p, int mode, const char *initial);
void prompt_close(struct prompt *p);
/* Frees the history. */
void prompt_free(struct prompt *p);
/* Replaces the bytes [from, pos) with text and puts the cursor after it
 * (completion); returns 0 when it does not fit. */
int prompt_replace(struct prompt *p, size_t from, const char *text);
/* The label shown before the text (":", "/", "filter: ", "note: "). */
const char *prompt_label(const struct prompt *p);
/* Applies one editing action (ACT_PROMPT_*); returns 1 when the text changed. */
int prompt_edit(struct prompt *p, int action);
/* Inserts a typed code point; returns 1 when inserted. */
int prompt_insert(struct prompt *p, int cp);
/* One key on the open line, through the KM_PROMPT bindings. */
int prompt_key(struct prompt *p, int key);
/* Closes the line, copying its text into line (n bytes) and, when it is not
 * empty, into the mode's history; returns the mode it was in. */
int prompt_take(struct prompt *p, char *line, size_t n);

/* X(ENUM, "name", "arguments", "help", handler) — the `:` commands with
 * arguments; the handler column names the explorer's function for each
 * (tui/explorer/app.c), unused elsewhere. */
#define PROMPT_COMMANDS(X)                                                                   \
	X(PC_EXPORT, "export", "[svg|png|pdf|dot] [FILE]",                                   \
	  "export the current view (default SVG)", pc_export)                                \
	X(PC_THRESHOLD, "threshold", "T", "cluster threshold (0..1), recomputes clusters",   \
	  pc_threshold)                                                                      \
	X(PC_DFCAP, "dfcap", "N", "values reached by more than N actors weigh 0", pc_dfcap)  \
	X(PC_LOAD, "load", "FILE|DIR", "add data and recompute", pc_load)                    \
	X(PC_ASOF, "asof", "DATE|none", "only what was known on DATE", pc_asof)              \
	X(PC_FILTER, "filter", "TERMS", "filter the lists (the terms are below)", pc_filter) \
	X(PC_SORT, "sort", "ORDER",                                                          \
	  "name|degree|score; Overlaps: infra|tools|techniques; Reports: name|objects|date", \
	  pc_sort)                                                                           \
	X(PC_VERDICT, "verdict", "confirmed|dismissed|unreviewed",                           \
	  "set the selected pair's verdict", pc_verdict)                                     \
	X(PC_NOTE, "note", "TEXT", "add a note to the selected node or pair", pc_note)       \
	X(PC_JOIN, "join", "A = B", "the two names are one actor (kept in the workspace)",   \
	  pc_join)                                                                           \
	X(PC_SPLIT, "split", "A != B", "the two names are different actors", pc_split)       \
	X(PC_ATTRIBUTE, "attribute", "ACTOR [REASON]",                                       \
	  "attribute the selected report, campaign or cluster to ACTOR", pc_attribute)       \
	X(PC_UNATTRIBUTE, "unattribute", "[REASON]",                                         \
	  "the selected report, campaign or cluster stands alone", pc_unattribute)           \
	X(PC_QUIT, "q", "", "quit", pc_quit)

enum prompt_command {
#define X(e, name, args, help, fn) e,
	PROMPT_COMMANDS(X)
#undef X
	    PC_COUNT
};

/* What prompt_command() found in a `:` line besides a command. */
enum { PC_EMPTY = -3, PC_TOO_LONG = -2, PC_OTHER = -1 };

/* Splits a `:` line ("name args", leading ':' and blanks skipped, trailing
 * blanks dropped) into name and arg. Returns the command (PC_*, aliases
 * such as "quit" and "df-cap" included), or PC_OTHER when name is no
 * command (an action's name, perhaps), PC_EMPTY for a blank line,
 * PC_TOO_LONG when the name does not fit. */
int prompt_command(const char *line, char *name, size_t nn, char *arg, size_t na);
#endif
