#include "tui/session/session.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/infile.h"
#include "graph/overlap.h"
#include "graph/snapshot.h"
#include "graph/warnlist.h"
#include "graph/xalloc.h"
#include "loaders/aliasfile.h"
#include "loaders/pull_cache.h"
#include "loaders/warnlist_load.h"
#include "tui/session/cache.h"

void session_init(struct session *s)
{
	memset(s, 0, sizeof(*s));
	s->threshold = 0.5;
	s->df_cap = 20;
	s->slack_days = 30;
	s->asof = DATE_UNKNOWN;
	diag_init(&s->diags);
	annot_init(&s->judgements);
	s->load.judgements = &s->judgements;
}

const char *session_data_dir(void)
{
	static char buf[PATH_MAX];
	const char *env = getenv("AGX_DATA");
	if (env && *env)
		return env;
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 16);
	if (n > 0) {
		buf[n] = '\0';
		/* the binary sits at the top of a checkout (./agx), in build/<variant>/,
		 * or installed as PREFIX/bin/agx beside PREFIX/share/agx */
		static const char *const tries[] = {"/data", "/../share/agx"};
		for (int up = 0; up < 3; up++) {
			char *slash = strrchr(buf, '/');
			if (!slash)
				break;
			*slash = '\0';
			size_t len = strlen(buf);
			for (size_t t = 0; t < 2; t++) {
				snprintf(buf + len, sizeof(buf) - len, "%s/africa-report.json",
					 tries[t]);
				struct stat st;
				if (stat(buf, &st) == 0) {
					buf[len + strlen(tries[t])] = '\0';
					return buf;
				}
			}
			buf[len] = '\0';
		}
	}
	return AGX_DATADIR;
}

static void print_diags(struct session *s, int print_warnings)
{
	for (size_t i = 0; i < s->diags.count; i++) {
		const struct diag *di = &s->diags.items[i];
		if (di->level == DIAG_QUIRK || (di->level == DIAG_WARNING && !print_warnings))
			continue;
		char *line = diag_format(di, graph_file_path(s->g, di->file));
		fprintf(stderr, "%s\n", line);
		free(line);
	}
	size_t w = s->diags.counts[DIAG_WARNING], q = s->diags.counts[DIAG_QUIRK];
	/* the same count `agx check` gives per file (some warnings skip
	 * nothing, some skips are counted under one quirk) */
	size_t skipped = 0;
	for (size_t f = 0; s->g && f < s->g->file_count; f++)
		skipped += s->g->files[f].skipped;
	/* quirks alone are the normal state of real feeds: only skipped objects
	 * and warnings are worth a line here */
	if (!print_warnings && !s->quiet && (skipped || w))
		fprintf(stderr,
			"agx: %zu object%s skipped (%zu warning%s, %zu quirk%s noted); 'agx check' "
			"lists them\n",
			skipped, skipped == 1 ? "" : "s", w, w == 1 ? "" : "s", q, q == 1 ? "" : "s");
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The bundled data: the *.json bundles at the top of the data directory.
 * Not recursive, because data/warninglists/ holds lists of harmless values
 * that must never load as indicators. */
static void default_inputs(struct session *s)
{
	const char *dir = session_data_dir();
	/* shown in every source column: keep it short and the same on every
	 * machine when agx runs from its checkout */
	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof(cwd))) {
		size_t n = strlen(cwd);
		if (strncmp(dir, cwd, n) == 0 && dir[n] == '/')
			dir += n + 1;
	}
	struct dirent **list = NULL;
	int n = scandir(dir, &list, NULL, alphasort);
	s->default_paths = xcalloc(n > 0 ? (size_t)n + 1 : 2, sizeof(char *));
	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		size_t len = strlen(name);
		if (name[0] != '.' && len > 5 && strcmp(name + len - 5, ".json") == 0)
			s->default_paths[s->ninputs++] = xasprintf("%s/%s", dir, name);
		free(list[i]);
	}
	free(list);
	if (s->ninputs == 0) /* let the loader say what is missing */
		s->default_paths[s->ninputs++] = xstrdup(dir);
	s->inputs = (const char **)s->default_paths;
	s->used_default_data = 1;
}

/* The snapshot of this load, when there is one that fits: s->g and
 * s->diags from it. */
static int load_snapshot(struct session *s, const char *key, const char *path, int *rc)
{
	struct graph *g;
	int st = snapshot_open(path, key, &g, &s->diags, rc);
	if (st != SNAP_OK)
		return -1;
	s->g = g;
	s->cache = CACHE_USED;
	return 0;
}

/* Writes the snapshot of a load worth one. */
static void save_snapshot(struct session *s, const char *key, const char *path, int rc)
{
	/* a load stopped halfway (a signal) is no load of these inputs */
	int stopped = s->load.cancel && *s->load.cancel;
	if (stopped || s->load_ms < cache_min_ms() || s->judgements.nnotes ||
	    s->judgements.nverdicts || s->judgements.naliases || s->judgements.nattribs) {
		s->cache = CACHE_SKIPPED;
		return;
	}
	char err[256];
	s->cache = snapshot_write(path, key, s->g, &s->diags, rc, err, sizeof(err)) ? CACHE_FAILED
										 : CACHE_WRITTEN;
}

/* Whether file f gave agx something to work with: objects, or a structured
 * format that may hold none (an empty bundle, a collection not yet filled)
 * rather than text that merely had no indicator in it. */
static int file_readable(const struct graph *g, uint32_t f)
{
	const struct src_file *sf = &g->files[f];
	if (sf->objects)
		return 1;
	static const char *const unreadable[] = {"unknown", "warninglist", "directory",
						 "text",    "ioc-list",	   "csv"};
	const char *fmt = graph_str(g, sf->format);
	for (size_t i = 0; i < sizeof(unreadable) / sizeof(unreadable[0]); i++)
		if (strcmp(fmt, unreadable[i]) == 0)
			return 0;
	return 1;
}

/* An input that gave nothing agx can read (an empty folder, a folder of
 * notes, only warninglists) is an input error, said once for the input:
 * files [first, g->file_count) are what it gave. */
static int check_readable(struct session *s, const char *path, uint32_t first)
{
	const struct graph *g = s->g;
	size_t files = g->file_count - first, text = 0, lists = 0;
	for (uint32_t f = first; f < g->file_count; f++) {
		if (file_readable(g, f))
			return 0;
		const char *fmt = graph_str(g, g->files[f].format);
		text += strcmp(fmt, "warninglist") != 0;
		lists += strcmp(fmt, "warninglist") == 0;
	}
	struct stat st;
	if (files == 1 && strcmp(graph_file_path(g, first), path) == 0) {
		/* a file named on its own */
		const char *fmt = graph_str(g, g->files[first].format);
		if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && st.st_size == 0)
			diag_add(&s->diags, first, DIAG_ERROR, D_FORMAT, 0, 0, NULL,
				 "nothing agx can read: the file is empty");
		else if (lists)
			diag_add(&s->diags, first, DIAG_ERROR, D_FORMAT, 0, 0, NULL,
				 "nothing agx can read: a warninglist, which is never data "
				 "(--warninglist applies it)");
		else
			diag_add(&s->diags, first, DIAG_ERROR, D_FORMAT, 0, 0, NULL,
				 "nothing agx can read: read as %s, with no indicator, actor or "
				 "report in it",
				 strcmp(fmt, "text") == 0 ? "free text" : fmt);
		graph_file(s->g, first)->errors++;
		return -1;
	}
	uint32_t at = graph_add_file(s->g, path, "directory");
	if (!files)
		diag_add(&s->diags, at, DIAG_ERROR, D_FORMAT, 0, 0, NULL,
			 "nothing agx can read here: no data file in it (README, LICENSE, "
			 "pictures and the like are passed by)");
	else if (!text)
		diag_add(&s->diags, at, DIAG_ERROR, D_FORMAT, 0, 0, NULL,
			 "nothing agx can read here: only warninglists, which are never data");
	else
		diag_add(&s->diags, at, DIAG_ERROR, D_FORMAT, 0, 0, NULL,
			 "nothing agx can read here: %zu file%s read as text, with no "
			 "indicator, actor or report in %s%s",
			 text, text == 1 ? "" : "s", text == 1 ? "it" : "any",
			 lists ? " (and warninglists, never data)" : "");
	graph_file(s->g, at)->errors++;
	return -1;
}

/* One input into s->g; -1 when it (or a file in it) had an error, or it
 * held nothing agx can read. */
static int load_input(struct session *s, const char *path)
{
	struct stat st;
	if (strcmp(path, "-") != 0 && stat(path, &st) != 0) {
		uint32_t f = graph_add_file(s->g, path, "unknown");
		diag_add(&s->diags, f, DIAG_ERROR, D_IO, 0, 0, NULL, "cannot open: %s",
			 strerror(errno));
		graph_file(s->g, f)->errors = 1;
		return -1;
	}
	uint32_t first = (uint32_t)s->g->file_count;
	size_t errors = s->diags.counts[DIAG_ERROR];
	if (load_path(s->g, path, &s->load, &s->diags))
		return -1;
	/* an input whose files failed has said why already; a pulled cache
	 * may be empty until the server has something */
	if (s->diags.counts[DIAG_ERROR] != errors)
		return -1;
	return strcmp(path, "-") != 0 && pull_cache_is(path) ? 0 : check_readable(s, path, first);
}

/* What follows the inputs, at start-up and after :load alike: the alias
 * files (once per graph), then the graph finished, which resolves aliases. */
static int finish_load(struct session *s, int with_alias_files)
{
	int rc = 0;
	for (size_t i = 0; with_alias_files && i < s->nalias_files; i++)
		if (aliasfile_load(s->g, s->alias_files[i], s->load.max_file_bytes, &s->diags))
			rc = -1;
	graph_finish(s->g);
	alias_report_ambiguous(s->g, &s->diags);
	return rc;
}

int session_load(struct session *s, int print_warnings)
{
	if (s->ninputs == 0)
		default_inputs(s);
	if (!s->lists_dir) {
		s->lists_dir = xasprintf("%s/warninglists", session_data_dir());
		s->load.lists_dir = s->lists_dir;
	}
	double t0 = now_ms();
	char *key = NULL, *path = NULL;
	int rc = 0;
	s->cache = s->no_cache ? CACHE_OFF : CACHE_NONE;
	if (!s->no_cache && (key = cache_key(s)) && (path = cache_path(key)) &&
	    load_snapshot(s, key, path, &rc) == 0) {
		s->load_ms = now_ms() - t0;
		if (s->load.progress)
			s->load.progress(s->load.progress_ctx, NULL);
		print_diags(s, print_warnings);
		free(key);
		free(path);
		return rc ? EXIT_INPUT : EXIT_OK;
	}
	s->g = graph_new();
	for (size_t i = 0; i < s->ninputs; i++)
		if (load_input(s, s->inputs[i]))
			rc = -1;
	if (finish_load(s, 1))
		rc = -1;
	s->load_ms = now_ms() - t0;
	if (key && path)
		save_snapshot(s, key, path, rc);
	free(key);
	free(path);
	if (s->load.progress)
		s->load.progress(s->load.progress_ctx, NULL);
	print_diags(s, print_warnings);
	return rc ? EXIT_INPUT : EXIT_OK;
}

/* Adds path to the inputs (keeping the first keep of them). */
static void add_input(struct session *s, const char *path, size_t keep)
{
	const char **list = xcalloc(keep + 2, sizeof(*list));
	memcpy(list, s->inputs, keep * sizeof(*list));
	s->added = xrealloc(s->added, (s->nadded + 1) * sizeof(*s->added));
	s->added[s->nadded] = xstrdup(path);
	list[keep] = s->added[s->nadded++];
	free(s->input_array);
	s->input_array = list;
	s->inputs = list;
	s->ninputs = keep + 1;
}

int session_load_more(struct session *s, const char *path, int *fresh)
{
	*fresh = 0;
	double t0 = now_ms();
	if (!s->used_default_data) {
		add_input(s, path, s->ninputs);
		int rc = load_input(s, path);
		if (finish_load(s, 0))
			rc = -1;
		s->load_ms += now_ms() - t0;
		if (s->load.progress)
			s->load.progress(s->load.progress_ctx, NULL);
		return rc ? EXIT_INPUT : EXIT_OK;
	}
	/* The bundled data stood in for inputs that were not named; now one
	 * is: the graph becomes the one `agx PATH` builds, not the data plus
	 * PATH (whose extra units moved every idf). Built aside, so that a
	 * path with nothing agx can read leaves the data on screen. */
	struct session next = *s;
	next.g = graph_new();
	diag_init(&next.diags);
	annot_init(&next.judgements);
	next.load.judgements = &next.judgements;
	int rc = load_input(&next, path);
	if (finish_load(&next, 1))
		rc = -1;
	if (s->load.progress)
		s->load.progress(s->load.progress_ctx, NULL);
	if (next.g->node_count == 0) {
		/* keep what is shown; say what went wrong against it */
		for (size_t i = 0; i < next.diags.count; i++) {
			const struct diag *di = &next.diags.items[i];
			uint32_t f =
			    graph_add_file(s->g, graph_file_path(next.g, di->file), "unknown");
			diag_add(&s->diags, f, di->level, di->code, di->line, di->col, di->where,
				 "%s", di->msg);
		}
		graph_free(next.g);
		diag_free(&next.diags);
		annot_free(&next.judgements);
		return EXIT_INPUT;
	}
	graph_free(s->g);
	diag_free(&s->diags);
	annot_free(&s->judgements);
	s->g = next.g;
	s->diags = next.diags;
	s->judgements = next.judgements;
	s->load.judgements = &s->judgements;
	s->used_default_data = 0;
	add_input(s, path, 0);
	s->load_ms = now_ms() - t0;
	*fresh = 1;
	return rc ? EXIT_INPUT : EXIT_OK;
}

void session_free(struct session *s)
{
	graph_free(s->g);
	diag_free(&s->diags);
	annot_free(&s->judgements);
	free(s->warninglists);
	free(s->alias_files);
	if (s->default_paths)
		for (size_t i = 0; s->default_paths[i]; i++)
			free(s->default_paths[i]);
	free(s->default_paths);
	free(s->lists_dir);
	s->lists_dir = NULL;
	free(s->input_array);
	for (size_t i = 0; i < s->nadded; i++)
		free(s->added[i]);
	free(s->added);
	s->input_array = NULL;
	s->added = NULL;
	s->nadded = 0;
	s->load.lists_dir = NULL;
	s->g = NULL;
	s->warninglists = s->alias_files = NULL;
	s->default_paths = NULL;
}

void session_overlap_opts(const struct session *s, struct overlap_opts *o)
{
	overlap_opts_default(o);
	if (s->df_cap > 0)
		o->df_cap = s->df_cap;
	if (s->slack_days >= 0)
		o->slack_days = s->slack_days;
	o->asof = s->asof;
	if (s->threshold >= 0)
		o->threshold = s->threshold;
	o->include_revoked = s->include_revoked;
}

static void print_list_diags(const struct diag_list *d)
{
	for (size_t i = 0; i < d->count; i++) {
		struct diag tmp = d->items[i];
		const char *path = tmp.where;
		tmp.where = NULL;
		char *line = diag_format(&tmp, path);
		fprintf(stderr, "%s\n", line);
		free(line);
	}
}

/* One --warninglist FILE, opened through graph/infile.h like every input: at
 * most --max-size bytes, a FIFO or device refused, a pipe (<(cmd)) read to
 * its end first into a temporary file the list reader can open by name. */
static int load_list(struct warnlist_set *set, const char *path, size_t max,
		     struct diag_list *d)
{
	struct infile in;
	char err[256];
	if (infile_open(&in, path, max, NULL, err, sizeof(err)) != 0) {
		diag_add(d, UINT32_MAX, DIAG_ERROR, in.code, 0, 0, path, "%s", err);
		return -1;
	}
	if (!in.spooled) {
		infile_close(&in);
		return warnlist_load(set, path, d);
	}
	const char *tmpdir = getenv("TMPDIR");
	char *tmp = xasprintf("%s/agx-list.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemp(tmp);
	int rc = fd < 0 ? -1 : 0;
	char buf[65536];
	size_t n;
	while (rc == 0 && (n = fread(buf, 1, sizeof(buf), in.fp)) > 0)
		if (write(fd, buf, n) != (ssize_t)n)
			rc = -1;
	infile_close(&in);
	if (fd >= 0)
		close(fd);
	if (rc != 0) {
		diag_add(d, UINT32_MAX, DIAG_ERROR, D_IO, 0, 0, path,
			 "cannot copy the pipe to a temporary file: %s", strerror(errno));
	} else {
		size_t before = d->count;
		rc = warnlist_load(set, tmp, d);
		/* its diagnostics name the pipe, not our copy */
		for (size_t i = before; i < d->count; i++)
			if (d->items[i].where && !strcmp(d->items[i].where, tmp)) {
				free(d->items[i].where);
				d->items[i].where = xstrdup(path);
			}
	}
	if (fd >= 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int session_warninglists(const struct session *s, struct warnlist_set **out)
{
	struct warnlist_set *set = warnlist_new();
	struct diag_list d;
	diag_init(&d);
	int rc = EXIT_OK;
	if (!s->no_builtin_lists) {
		char *dir = xasprintf("%s/warninglists", session_data_dir());
		/* a missing bundled directory is not the user's error */
		if (access(dir, R_OK) == 0 && warnlist_load_dir(set, dir, &d))
			rc = EXIT_INPUT;
		free(dir);
	}
	for (size_t i = 0; i < s->nwarninglists; i++)
		if (load_list(set, s->warninglists[i], s->load.max_file_bytes, &d))
			rc = EXIT_INPUT;
	print_list_diags(&d);
	diag_free(&d);
	*out = set;
	return rc;
}

void session_warninglists_dropped(struct warnlist_set *set)
{
	struct diag_list d;
	diag_init(&d);
	warnlist_report_dropped(set, &d);
	print_list_diags(&d);
	diag_free(&d);
}

const char *session_analyst(const struct session *s)
{
	if (s && s->analyst && *s->analyst)
		return s->analyst;
	const char *env = getenv("AGX_ANALYST");
	if (env && *env)
		return env;
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name && *pw->pw_name ? pw->pw_name : "analyst";
}
