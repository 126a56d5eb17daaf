/* The command line shared by every agx command: one option table, parsed
 * once into struct cli. What shapes the data (inputs, loading, the overlap
 * model, warninglists, the workspace) goes into the session both programs
 * use (tui/session/session.h); the rest are the commands' own options. Commands read
 * what they need and ignore the rest. cli_free() releases what the cli and
 * its session own. */
#ifndef CLI_H
#define CLI_H
#include <stddef.h>
#include <stdint.h>

#include "tui/session/export_run.h"
#include "tui/session/session.h"

struct overlap;

struct cli {
	const char *prog;
	const char *command; /* NULL for the TUI */
	char **args;	     /* positional arguments after the command */
	size_t nargs;
	struct session session; /* inputs, loading, overlap model, workspace */
	/* output */
	int json, csv;
	const char *out;  /* -o */
	int top;	  /* --top N (0: all) */
	const char *unit; /* --unit NAME (overlaps, brief, export) */
	const char *pair; /* --pair A,B */
	/* --relation overlap|corroboration|internal|all (overlaps); NULL: overlap */
	const char *relation;
	const char *sort; /* --sort infra|tools|techniques (overlaps); NULL: infra */
	/* export */
	const char *view;    /* --view */
	const char *format;  /* --format (export) */
	const char *layout;  /* --layout */
	const char *node;    /* --node (ego view) */
	int depth;	     /* --depth (default 1) */
	int max_nodes;	     /* --max-nodes (default 500) */
	const char *tlp_max; /* --tlp-max */
	const char *title;   /* --title */
	/* TUI */
	const char *script;	 /* --script FILE: keys and :commands, headless */
	const char *dump_screen; /* --dump-screen FILE */
	int width, height;	 /* --size WxH for headless runs */
	int mouse, ascii;
	/* pull, push, diff */
	int misp;		  /* pull --misp */
	const char **collections; /* --collection ID (repeatable) */
	size_t ncollections;
	const char **headers; /* --header 'Name: value' (repeatable) */
	size_t nheaders;
	const char *auth_file;	/* --auth-file FILE */
	const char *cacert;	/* --cacert FILE */
	const char *cert, *key; /* --cert FILE --key FILE */
	int timeout_s;		/* --timeout SECONDS (default 60) */
	int limit;		/* --limit N: objects per page (default 500) */
	double min_change;	/* diff --min-change (default 0.01) */
};

/* Parses argv. On a usage error prints "agx: ..." with a hint and returns
 * EXIT_USAGE; prints help/version and returns -1 when the caller should exit
 * 0; returns 0 to go on. */
int cli_parse(struct cli *c, int argc, char **argv);
/* Splits positional arguments: the first n are the command's own, the rest
 * are inputs. Returns -1 (and prints usage) when fewer than n were given. */
int cli_take_args(struct cli *c, size_t n, const char *usage);
void cli_free(struct cli *c);
/* Usage error helper: prints "agx: msg" and "Try 'agx --help'." */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The long options' names, i from 0 until NULL (for the completion
 * scripts' test). */
const char *cli_long_option(size_t i);
/* Usage error for an option value not among names: lists them and suggests
 * the closest. Returns EXIT_USAGE. */
int cli_bad_value(const char *opt, const char *value, const char *const *names, size_t n);
/* Writes data to path atomically (temporary name, fsync, rename), or to
 * stdout when path is "-". Returns 0, or -1 with a message on stderr. */
int cli_write_output(const char *path, const char *data, size_t len);
/* Runs one export (tui/session/export_run.h) and reports it the command
 * line's way: a capped view and any problem on stderr, usage problems with
 * the --help hint. Returns export_run()'s status. */
int cli_export(const struct graph *g, struct overlap *ov, const struct export_req *r);
/* Parses --tlp-max for a command: the level, -1 when not given, or -2
 * after printing a usage error. */
int cli_tlp_max(const char *s);
/* Peak resident set size of this process, in KiB. */
long cli_peak_rss_kb(void);
#endif
