/* The bottom line where the analyst types: `:` commands, `/` search, `f`
 * filters and `a` notes. The line editor is plain data edited through the
 * KM_PROMPT actions; accepting a `:` line runs one of the commands below
 * (each also listed by the help screen):
 *     :export [svg|png|pdf|dot] [FILE]   :threshold T   :dfcap N
 *     :load FILE   :asof DATE|none   :filter TERMS   :sort name|degree|score
 *     :verdict confirmed|dismissed|unreviewed   :note TEXT   :q
 * and every action by its name (:why, :help, :quit ...). */
#ifndef PROMPT_H
#define PROMPT_H
#include <stddef.h>

struct app;

enum prompt_mode { PR_NONE, PR_COMMAND, PR_SEARCH, PR_FILTER, PR_NOTE };

struct prompt {
	int mode; /* enum prompt_mode */
	char buf[1024];
	size_t len, pos; /* bytes; pos is always on a code point boundary */
};

void prompt_open(struct prompt *p, int mode, const char *initial);
void prompt_close(struct prompt *p);
/* The label shown before the text (":", "/", "filter: ", "note: "). */
const char *prompt_label(const struct prompt *p);
/* Applies one editing action (ACT_PROMPT_*); returns 1 when the text changed. */
int prompt_edit(struct prompt *p, int action);
/* Inserts a typed code point; returns 1 when inserted. */
int prompt_insert(struct prompt *p, int cp);
/* Runs one command line (without the ':'); returns reaction flags. */
unsigned prompt_run_command(struct app *a, const char *line);

/* X("name", "arguments", "help") — the commands with arguments. */
#define PROMPT_COMMANDS(X)                                                                \
	X("export", "[svg|png|pdf|dot] [FILE]", "export the current view (default SVG)")  \
	X("threshold", "T", "cluster threshold (0..1), recomputes clusters")              \
	X("dfcap", "N", "values reached by more than N actors weigh 0")                   \
	X("load", "FILE|DIR", "add data and recompute")                                   \
	X("asof", "DATE|none", "only what was known on DATE")                             \
	X("filter", "TERMS", "kind=K,K conf>=N since=D until=D score>=S verdict=V")       \
	X("sort", "name|degree|score", "order of the list")                               \
	X("verdict", "confirmed|dismissed|unreviewed", "set the selected pair's verdict") \
	X("note", "TEXT", "add a note to the selected node or pair")                      \
	X("q", "", "quit")
#endif
