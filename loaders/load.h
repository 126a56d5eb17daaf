/* Loading inputs into the graph: format detection by content, directories
 * walked recursively, "-" for standard input, one loader per format.
 *
 * A loader reads one file and adds what it understands to the graph. It
 * separates fatal problems (I/O, syntax, unsafe input: DIAG_ERROR, the file
 * stops there but what was already added stays) from diagnostics about
 * single objects (DIAG_WARNING: skipped; DIAG_QUIRK: loaded, but noteworthy).
 * It never aborts on bad input. The loader owns nothing after it returns. */
#ifndef LOAD_H
#define LOAD_H
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "graph/diag.h"
#include "graph/graph.h"

struct annot;

/* One step of a load, for a progress line: a file about to be read (done 0:
 * bytes is its size, objects 0) or just read (done 1: objects it held). Paths
 * are borrowed for the call. The session (tui/session) calls the callback
 * once more with step NULL when its last input is in: the line can go. */
struct load_step {
	const char *path;
	uint64_t bytes; /* the file's size; 0 for standard input until it is read */
	uint32_t objects;
	int done;
};
typedef void (*load_progress_fn)(void *ctx, const struct load_step *step);

struct load_opts {
	const char *as_name;   /* --as NAME: the actor of bare IOC lists */
	const char *format;    /* --format: skip detection ("stix2", "misp", ...) */
	size_t max_file_bytes; /* refuse bigger files (0: 1 GiB) */
	unsigned max_depth;    /* JSON/XML nesting bound (0: 64 for JSON, 256 XML) */
	/* set (by a signal handler) to stop loading: the walk stops before the
	 * next file, text loaders before the next line, with an error saying so */
	const volatile sig_atomic_t *cancel;
	/* where the analyst's judgements met in the inputs go (agx's own STIX
	 * export, a pulled collection after a push); NULL: they are skipped */
	struct annot *judgements;
	/* optional: told of every file as it starts and ends (the batch
	 * commands' and the explorer's progress lines); NULL: silent. The
	 * caller sums the steps: the loader keeps no totals. */
	load_progress_fn progress;
	void *progress_ctx;
	/* the bundled warninglists directory (data/warninglists): a walk that
	 * meets it passes it by with a quirk, never loading it as data; NULL:
	 * none */
	const char *lists_dir;
};

static inline int load_cancelled(const struct load_opts *o)
{
	return o && o->cancel && *o->cancel;
}

/* What one loader call gets. fp is open at the start of the file; path is
 * what diagnostics print; file is the graph's file table index. */
struct load_ctx {
	struct graph *g;
	uint32_t file;
	const char *path;
	FILE *fp;
	size_t size; /* bytes, when known (0 for pipes) */
	const struct load_opts *opts;
	struct diag_list *d;
	/* filled by the loader: objects seen and skipped */
	uint32_t objects, skipped;
};

typedef int (*loader_fn)(struct load_ctx *c);

/* X(ENUM, "name", loader function, "what it reads") */
#define FORMATS(X)                                                                                \
	X(FMT_STIX2, "stix2", stix2_load, "STIX 2.0/2.1 JSON: bundle, object, array, JSON Lines") \
	X(FMT_MISP, "misp", misp_load, "MISP event JSON (Event, response, lists)")                \
	X(FMT_MISP_GALAXY, "misp-galaxy", misp_galaxy_load, "MISP galaxy cluster file")           \
	X(FMT_OPENIOC, "openioc", openioc_load, "OpenIOC 1.0 / 1.1 XML")                          \
	X(FMT_STIX1, "stix1", stix1_load, "STIX 1.x XML package")                                 \
	X(FMT_CSV, "csv", csv_load, "CSV / TSV indicator table with a header")                    \
	X(FMT_IOCLIST, "ioc-list", ioclist_load, "one indicator per line, # headers, sections")   \
	X(FMT_TEXT, "text", freetext_load, "free-text report: indicators extracted")              \
	X(FMT_JUDGEMENTS, "agx-judgements", judgement_load,                                       \
	  "agx's notes and verdicts (export -f stix)")                                             \
	X(FMT_WARNINGLIST, "warninglist", not_data_load,                                          \
	  "a warninglist (agx list or MISP JSON): never data, noted (see --warninglist)")

enum format {
	FMT_UNKNOWN = -1,
#define X(e, name, fn, help) e,
	FORMATS(X)
#undef X
	    FMT_COUNT
};

/* Every loader is linked in: a missing one is a link error, not a run-time
 * message. */
#define X(e, name, fn, help) int fn(struct load_ctx *c);
FORMATS(X)
#undef X

const char *format_name(int fmt);
int format_from_name(const char *name);
/* Guesses the format from the first bytes of a file (head, n) and its name.
 * Content wins over the extension: a JSON file named .csv is JSON. */
int format_detect(const char *head, size_t n, const char *path);

/* Loads path (a file, a directory walked recursively in sorted order, or "-"
 * for standard input). Files are opened through graph/infile.h: pipes given
 * as /dev/stdin or /dev/fd/N are read like "-", named FIFOs and devices are
 * refused (in a walk: skipped with a warning), and so are dangling links and
 * link loops. Returns 0 when every file loaded cleanly, -1 when any had an
 * error (what could be loaded was). */
int load_path(struct graph *g, const char *path, const struct load_opts *o, struct diag_list *d);
#endif
