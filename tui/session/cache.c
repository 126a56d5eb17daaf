/* The snapshot cache's key and folder (cache.h). */
#include "tui/session/cache.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "graph/intern.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"
#include "tui/session/session.h"

/* a folder walk past this many entries, or this deep, has no key */
enum { WALK_MAX_ENTRIES = 1000000, WALK_MAX_DEPTH = 64 };

static const char *const state_text[] = {
#define X(e, text) text,
    CACHE_STATES(X)
#undef X
};

const char *cache_state_text(int state)
{
	return state >= 0 && state <= CACHE_FAILED ? state_text[state] : "?";
}

static void stat_line(struct strbuf *sb, const char *path, const struct stat *st)
{
	strbuf_addf(sb, "%s\t%c %lld %lld.%09ld %llu %llu\n", path,
		    S_ISDIR(st->st_mode) ? 'd' : 'f', (long long)st->st_size,
		    (long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
		    (unsigned long long)st->st_ino, (unsigned long long)st->st_dev);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends path and everything under it; -1 when the walk is refused. */
static int walk(struct strbuf *sb, const char *path, int depth, size_t *entries)
{
	struct stat st;
	if (stat(path, &st) != 0 || depth > WALK_MAX_DEPTH || ++*entries > WALK_MAX_ENTRIES)
		return -1;
	/* a FIFO or a device (/dev/stdin, <(cmd)) says nothing of what it
	 * will give: no key */
	if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return -1;
	stat_line(sb, path, &st);
	if (!S_ISDIR(st.st_mode))
		return 0;
	DIR *dir = opendir(path);
	if (!dir)
		return -1;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		XGROW(names, cap, n + 1);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dir);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		char *sub = xasprintf("%s/%s", path, names[i]);
		if (rc == 0)
			rc = walk(sb, sub, depth + 1, entries);
		free(sub);
		free(names[i]);
	}
	free(names);
	return rc;
}

char *cache_key(const struct session *s)
{
	/* what the load is (names the snapshot file, so a changed input
	 * replaces its snapshot), then the state of every file it reads */
	struct strbuf sb = STRBUF_INIT, st = STRBUF_INIT;
	strbuf_addf(&sb, "as=%s\nformat=%s\nmax_size=%zu\nmax_depth=%u\nlists_dir=%s\n",
		    s->load.as_name ? s->load.as_name : "", s->load.format ? s->load.format : "",
		    s->load.max_file_bytes, s->load.max_depth,
		    s->load.lists_dir ? s->load.lists_dir : "");
	size_t entries = 0;
	int rc = 0;
	for (size_t i = 0; i < s->nalias_files && rc == 0; i++) {
		strbuf_addf(&sb, "aliases %s\n", s->alias_files[i]);
		rc = walk(&st, s->alias_files[i], 0, &entries);
	}
	for (size_t i = 0; i < s->ninputs && rc == 0; i++) {
		char *abs = strcmp(s->inputs[i], "-") ? realpath(s->inputs[i], NULL) : NULL;
		if (!abs) {
			rc = -1;
			break;
		}
		/* the path as given (diagnostics print it) and where it is */
		strbuf_addf(&sb, "input %s = %s\n", s->inputs[i], abs);
		free(abs);
		rc = walk(&st, s->inputs[i], 0, &entries);
	}
	strbuf_adds(&sb, "--\n");
	strbuf_add(&sb, st.buf ? st.buf : "", st.len);
	strbuf_free(&st);
	if (rc) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

static int mkdir_p(char *dir)
{
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(dir, 0700);
		*p = '/';
		if (rc != 0 && errno != EEXIST)
			return -1;
	}
	return mkdir(dir, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

char *cache_path(const char *key)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *dir;
	if (xdg && xdg[0] == '/')
		dir = xasprintf("%s/agx", xdg);
	else if (home && home[0] == '/')
		dir = xasprintf("%s/.cache/agx", home);
	else
		return NULL;
	if (mkdir_p(dir) != 0) {
		free(dir);
		return NULL;
	}
	/* named by what the load is, not by the files' state: a changed
	 * input replaces its snapshot rather than adding one */
	const char *cut = strstr(key, "\n--\n");
	size_t n = cut ? (size_t)(cut - key) : strlen(key);
	char *path = xasprintf("%s/load-%016llx.snap", dir, (unsigned long long)hash_bytes(key, n));
	free(dir);
	return path;
}

double cache_min_ms(void)
{
	const char *env = getenv("AGX_SNAPSHOT_MIN_MS");
	if (env && *env) {
		char *end;
		double v = strtod(env, &end);
		if (*end == '\0' && v >= 0)
			return v;
	}
	return 200;
}
