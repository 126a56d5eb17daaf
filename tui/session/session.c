#include "tui/session/session.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
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
#include "graph/warnlist.h"
#include "graph/xalloc.h"
#include "loaders/aliasfile.h"
#include "loaders/warnlist_load.h"

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

int session_load(struct session *s, int print_warnings)
{
	s->g = graph_new();
	if (s->ninputs == 0)
		default_inputs(s);
	double t0 = now_ms();
	int rc = 0;
	for (size_t i = 0; i < s->ninputs; i++) {
		struct stat st;
		if (strcmp(s->inputs[i], "-") != 0 && stat(s->inputs[i], &st) != 0) {
			uint32_t f = graph_add_file(s->g, s->inputs[i], "unknown");
			diag_add(&s->diags, f, DIAG_ERROR, D_IO, 0, 0, NULL, "cannot open: %s",
				 strerror(errno));
			graph_file(s->g, f)->errors = 1;
			rc = -1;
			continue;
		}
		if (load_path(s->g, s->inputs[i], &s->load, &s->diags))
			rc = -1;
	}
	for (size_t i = 0; i < s->nalias_files; i++)
		if (aliasfile_load(s->g, s->alias_files[i], s->load.max_file_bytes, &s->diags))
			rc = -1;
	graph_finish(s->g); /* resolves the aliases too */
	alias_report_ambiguous(s->g, &s->diags);
	s->load_ms = now_ms() - t0;
	print_diags(s, print_warnings);
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
