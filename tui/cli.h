/* The command line shared by every agx command: one option table, parsed
 * once into struct cli, and the loading of inputs (or the bundled data/) with
 * diagnostics printed the way editors read them. Commands read what they
 * need from struct cli and ignore the rest. cli_free() releases the graph
 * and diagnostics the cli owns. */
#ifndef CLI_H
#define CLI_H
#include <stddef.h>
#include <stdint.h>

#include "graph/annot.h"
#include "graph/diag.h"
#include "graph/graph.h"
#include "loaders/load.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

struct cli {
	const char *prog;
	const char *command; /* NULL for the TUI */
	char **args;	     /* positional arguments after the command */
	size_t nargs;
	struct load_opts load;
	/* output */
	int json, csv, quiet;
	const char *out; /* -o */
	/* overlap model */
	int top;		   /* --top N (0: all) */
	double threshold;	   /* --threshold (default 0.15) */
	int threshold_set;	   /* --threshold was given */
	int df_cap;		   /* --df-cap (default 20) */
	int slack_days;		   /* --slack (default 30) */
	int32_t asof;		   /* --asof, DATE_UNKNOWN when not given */
	const char **warninglists; /* --warninglist FILE (repeatable) */
	size_t nwarninglists;
	int no_builtin_lists;	  /* --no-default-warninglists */
	const char **alias_files; /* --aliases FILE (repeatable) */
	size_t nalias_files;
	int include_revoked; /* --include-revoked */
	const char *unit;    /* --unit NAME (overlaps, brief, export) */
	const char *pair;    /* --pair A,B */
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
	const char *workspace;	 /* --workspace FILE */
	const char *script;	 /* --script FILE: keys and :commands, headless */
	const char *dump_screen; /* --dump-screen FILE */
	int width, height;	 /* --size WxH for headless runs */
	int mouse, ascii;
	/* pull, push, diff (tui/cmd/) */
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
	/* judgements met in the inputs (agx's own STIX export, a pulled
	 * collection), merged into the workspace's where it has no word */
	struct annot judgements;
	/* inputs */
	const char **inputs;
	size_t ninputs;
	int used_default_data;
	char **default_paths; /* owned, NULL-terminated, when data/ was used */
	/* results of cli_load */
	struct graph *g;
	struct diag_list diags;
	double load_ms;
};

/* Parses argv. On a usage error prints "agx: ..." with a hint and returns
 * EXIT_USAGE; prints help/version and returns -1 when the caller should exit
 * 0; returns 0 to go on. nonfile_args: how many leading positional arguments
 * of this command are not inputs (why A B: 2). */
int cli_parse(struct cli *c, int argc, char **argv);
/* Splits positional arguments: the first n are the command's own, the rest
 * are inputs. Returns -1 (and prints usage) when fewer than n were given. */
int cli_take_args(struct cli *c, size_t n, const char *usage);
/* Loads inputs (or data/ when none) into c->g, finishes the graph, and prints
 * errors to stderr (warnings only as a count unless verbose). Returns
 * EXIT_OK or EXIT_INPUT. */
int cli_load(struct cli *c, int print_warnings);
/* The directory of the bundled data: $AGX_DATA, ./data beside the binary,
 * or the installed share/agx. */
const char *cli_data_dir(void);
void cli_free(struct cli *c);
/* Usage error helper: prints "agx: msg" and "Try 'agx --help'." */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes data to path atomically (temporary name, fsync, rename), or to
 * stdout when path is "-". Returns 0, or -1 with a message on stderr. */
int cli_write_output(const char *path, const char *data, size_t len);
/* Peak resident set size of this process, in KiB. */
long cli_peak_rss_kb(void);
#endif
