/* Headless runs (--script FILE): a file of keys and commands played into
 * the explorer with no terminal, the final screen written as text with
 * --dump-screen. One line is one of:
 *     # a comment (also blank lines)
 *     :command args      a command line, as if typed after ':' and Enter
 *     @size 100x30       resize the screen (as a terminal resize would)
 *     keys               literal characters and <Names>; blanks only
 *                        separate them: "jj k<Enter>" is j, j, k, Enter;
 *                        <Space> types a space, <lt> a '<'; <C-c>, <Up>,
 *                        <PgDn>, <BS>, <Tab>, <Esc> ...
 * Ownership: struct script owns its steps. */
#ifndef SCRIPT_H
#define SCRIPT_H
#include <stddef.h>

enum step_kind { STEP_KEY, STEP_COMMAND, STEP_SIZE };

struct step {
	int kind;  /* enum step_kind */
	int key;   /* STEP_KEY */
	int w, h;  /* STEP_SIZE */
	char *cmd; /* STEP_COMMAND, owned */
	int line;
};

struct script {
	struct step *steps;
	size_t n, cap;
};

/* Bounds: the file (and --max-size), a line, the keys and commands. */
#define SCRIPT_MAX_BYTES (16u << 20)
#define SCRIPT_MAX_LINE 4096
#define SCRIPT_MAX_STEPS 1000000

/* Parses the file, opened through graph/infile.h (a pipe spooled, a FIFO or
 * device refused), at most max bytes (0: 16 MiB); returns 0, or -1 with
 * "path:line:col: error: ..." in err. */
int script_load(const char *path, size_t max, struct script *s, char *err, size_t errlen);
/* Parses text (for tests); path only names it in errors. */
int script_parse(const char *text, const char *path, struct script *s, char *err, size_t errlen);
void script_free(struct script *s);
#endif
