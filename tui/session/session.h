/* One run's data and the options that shape it, shared by the batch
 * commands and the explorer: which inputs to load (or the bundled data/),
 * how (struct load_opts, alias files), the overlap model's options and its
 * warninglists, and where the analyst's workspace is. The command line fills
 * it (tui/cmd/cli.h); session_load() reads the inputs into a graph, printing
 * problems the way editors read them.
 *
 * Ownership: the session owns the graph, the diagnostics, the arrays of
 * warninglist and alias file names (the names themselves are borrowed, as
 * are the inputs) and the default input paths it made; session_free()
 * releases them. */
#ifndef SESSION_H
#define SESSION_H
#include <stddef.h>
#include <stdint.h>

#include "graph/annot.h"
#include "graph/diag.h"
#include "graph/graph.h"
#include "loaders/load.h"

struct overlap_opts;
struct warnlist_set;

/* agx's exit statuses. */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

struct session {
	/* inputs */
	const char **inputs; /* borrowed; default_paths when none were given */
	size_t ninputs;
	int used_default_data;
	char **default_paths; /* owned, NULL-terminated, when data/ was used */
	/* owned once session_load_more() added an input: the array behind
	 * inputs, and the added paths */
	const char **input_array;
	char **added;
	size_t nadded;
	struct load_opts load;	  /* --as, --input-format, --max-size */
	const char **alias_files; /* --aliases FILE (repeatable) */
	size_t nalias_files;
	int quiet;	 /* no "N objects skipped" line after loading */
	char *lists_dir; /* owned: the bundled warninglists, never loaded as data */
	/* the overlap model */
	double threshold;	   /* --threshold (default 0.5) */
	int threshold_set;	   /* --threshold was given */
	int df_cap;		   /* --df-cap (default 20) */
	int slack_days;		   /* --slack (default 30) */
	int32_t asof;		   /* --asof, DATE_UNKNOWN when not given */
	const char **warninglists; /* --warninglist FILE (repeatable) */
	size_t nwarninglists;
	int no_builtin_lists; /* --no-default-warninglists */
	int include_revoked;  /* --include-revoked */
	/* the analyst's verdicts and notes */
	const char *workspace; /* --workspace FILE, or NULL: beside the data */
	const char *analyst;   /* --analyst NAME, or NULL (session_analyst) */
	/* results of session_load */
	struct graph *g;
	/* judgements met in the inputs (agx's own STIX export, a pulled
	 * collection), merged into the workspace's where it has no word */
	struct annot judgements;
	struct diag_list diags;
	double load_ms;
	/* the snapshot cache (cache.h): --no-cache, and what the load did
	 * with it (enum cache_state) */
	int no_cache;
	int cache;
};

/* The defaults: no inputs (the bundled data), the overlap model's
 * documented defaults, no graph yet. */
void session_init(struct session *s);
/* Loads the inputs (or data/ when none) into s->g, then the alias files,
 * finishes the graph, and prints errors to stderr (warnings only as a count
 * unless print_warnings). Returns EXIT_OK or EXIT_INPUT. */
int session_load(struct session *s, int print_warnings);
/* Loads one more input (the explorer's :load) so that the graph is the one
 * naming every input at start-up gives: path is added to the inputs and the
 * graph finished once more. When the session stood on the bundled data
 * alone (no input named), that stand-in is set aside and the graph is built
 * afresh from path and the alias files, as `agx PATH` would; *fresh is then
 * 1: s->g is a new graph, s->diags and s->judgements hold only what this
 * load met, and anything holding node ids or the old graph must start
 * again. When path gives nothing agx can read, the bundled data stays
 * (*fresh 0) and the errors are added against it. Prints nothing. Returns
 * EXIT_OK or EXIT_INPUT. */
int session_load_more(struct session *s, const char *path, int *fresh);
void session_free(struct session *s);
/* The directory of the bundled data: $AGX_DATA, ./data beside the binary,
 * or the installed share/agx. */
const char *session_data_dir(void);
/* Who this run's verdicts, notes and decisions are by: --analyst, else
 * $AGX_ANALYST, else the login name, else "analyst". Borrowed. */
const char *session_analyst(const struct session *s);
/* Fills o from the overlap options (df cap, slack, as-of, threshold,
 * revoked objects); o->lists is left NULL. */
void session_overlap_opts(const struct session *s, struct overlap_opts *o);
/* Loads the warninglists: the bundled data/warninglists unless
 * no_builtin_lists, plus each of warninglists; problems are printed.
 * Returns EXIT_OK or EXIT_INPUT (what could be loaded was). *out is always
 * a set, possibly empty; the caller frees it with warnlist_free(). */
int session_warninglists(const struct session *s, struct warnlist_set **out);
/* Prints the regex entries of set that matching dropped (over PCRE2's
 * limits on some value) since the last call; after an overlap computation. */
void session_warninglists_dropped(struct warnlist_set *set);
#endif
