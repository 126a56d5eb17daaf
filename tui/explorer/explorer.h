/* The interactive explorer: its options and its entry point, the main loop
 * (the one place that turns reactions into drawing). The command line fills
 * struct explorer_opts; the data comes from a session (tui/session/session.h). */
#ifndef EXPLORER_H
#define EXPLORER_H

struct session;

struct explorer_opts {
	const char *script;	 /* keys and :commands to play headless, or NULL */
	const char *dump_screen; /* where a headless run writes its last screen */
	int width, height;	 /* screen size of a headless run */
	int mouse;		 /* report clicks */
	int ascii;		 /* ASCII drawing whatever the locale */
	int depth;		 /* the Graph tab's first depth (1 or 2) */
	int max_nodes;		 /* cap of exported views */
	const char *tlp_max;	 /* exports above this marking are refused; NULL: none */
};

/* Loads the session's inputs and runs the explorer on them (in the terminal,
 * or headless with a script). Returns an exit status: EXIT_INPUT when the
 * inputs had errors, EXIT_USAGE when there is no usable terminal, 128 + the
 * signal that ended it. */
int explorer_run(struct session *s, const struct explorer_opts *o);
#endif
