#include "tui/workspace.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "graph/atomic.h"
#include "graph/jw.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"
#include "tui/cli.h"

#define WORKSPACE_NAME ".agx-workspace.json"
#define WORKSPACE_MAX_BYTES (64u << 20)

static int dir_writable(const char *dir)
{
	struct stat st;
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && access(dir, W_OK | X_OK) == 0;
}

/* ~/.local/share/agx (or $XDG_DATA_HOME/agx), created when missing. */
static char *user_dir(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *base;
	if (xdg && *xdg == '/')
		base = xstrdup(xdg);
	else if (home && *home)
		base = xasprintf("%s/.local/share", home);
	else
		return NULL;
	char *dir = xasprintf("%s/agx", base);
	/* mkdir -p of the two levels we may have to make */
	char *share = xstrdup(base);
	char *slash = strrchr(share, '/');
	if (slash && slash != share) {
		*slash = '\0';
		mkdir(share, 0700);
	}
	mkdir(base, 0700);
	mkdir(dir, 0700);
	free(share);
	free(base);
	return dir;
}

char *workspace_path(const struct cli *c)
{
	if (c->workspace)
		return xstrdup(c->workspace);
	/* beside the first input: the directory itself, or the file's */
	const char *in = c->ninputs ? c->inputs[0] : NULL;
	char *dir = NULL;
	if (in && strcmp(in, "-") != 0) {
		struct stat st;
		if (stat(in, &st) == 0 && S_ISDIR(st.st_mode)) {
			dir = xstrdup(in);
		} else {
			const char *slash = strrchr(in, '/');
			dir = slash ? xstrndup(in, (size_t)(slash - in + (slash == in)))
				    : xstrdup(".");
		}
	}
	if (dir && dir_writable(dir)) {
		size_t n = strlen(dir);
		char *p =
		    xasprintf("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", WORKSPACE_NAME);
		free(dir);
		return p;
	}
	free(dir);
	char *ud = user_dir();
	if (!ud)
		return NULL;
	char *p = xasprintf("%s/workspace.json", ud);
	free(ud);
	return p;
}

static int fail(char *err, size_t errlen, const char *path, int line, int col, const char *msg)
{
	if (line > 0)
		snprintf(err, errlen, "%s:%d:%d: error: %s", path, line, col, msg);
	else
		snprintf(err, errlen, "%s: error: %s", path, msg);
	return -1;
}

static int load_entries(json_t *arr, const char *what, const char *path, struct annot *a, char *err,
			size_t errlen)
{
	if (!arr)
		return 0;
	if (!json_is_array(arr)) {
		char m[128];
		snprintf(m, sizeof(m), "/%s is not an array", what);
		return fail(err, errlen, path, 0, 0, m);
	}
	size_t i;
	json_t *e;
	json_array_foreach(arr, i, e)
	{
		int notes = strcmp(what, "notes") == 0;
		const char *key = json_string_value(json_object_get(e, notes ? "key" : "pair"));
		const char *val = json_string_value(json_object_get(e, notes ? "text" : "verdict"));
		json_t *when = json_object_get(e, "when");
		char m[160];
		if (!json_is_object(e) || !key || !val || (when && !json_is_integer(when))) {
			snprintf(m, sizeof(m), "/%s/%zu: needs \"%s\" and \"%s\" strings", what, i,
				 notes ? "key" : "pair", notes ? "text" : "verdict");
			return fail(err, errlen, path, 0, 0, m);
		}
		if (notes) {
			annot_add_note(a, key, val);
			if (when)
				a->notes[a->nnotes - 1].when = (time_t)json_integer_value(when);
			continue;
		}
		int v = -1;
		for (int k = VERDICT_UNREVIEWED; k <= VERDICT_DISMISSED; k++)
			if (strcmp(val, verdict_name(k)) == 0)
				v = k;
		if (v < 0) {
			snprintf(m, sizeof(m),
				 "/%s/%zu: unknown verdict (unreviewed, confirmed, "
				 "dismissed)",
				 what, i);
			return fail(err, errlen, path, 0, 0, m);
		}
		annot_set_verdict(a, key, (enum verdict)v);
		for (size_t k = 0; k < a->nverdicts; k++)
			if (when && strcmp(a->verdicts[k].key, key) == 0)
				a->verdicts[k].when = (time_t)json_integer_value(when);
	}
	return 0;
}

int workspace_load(const char *path, struct annot *a, char *err, size_t errlen)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		return fail(err, errlen, path, 0, 0, strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return fail(err, errlen, path, 0, 0, "not a regular file");
	if ((size_t)st.st_size > WORKSPACE_MAX_BYTES)
		return fail(err, errlen, path, 0, 0, "larger than 64 MiB: not a workspace");
	json_error_t je;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		char m[300];
		snprintf(m, sizeof(m),
			 "%s (not a workspace file; agx leaves it as it is: move it "
			 "away or give --workspace FILE)",
			 je.text);
		return fail(err, errlen, path, je.line, je.column, m);
	}
	int rc = 0;
	if (!json_is_object(root) || !json_is_integer(json_object_get(root, "agx_workspace"))) {
		rc = fail(err, errlen, path, 0, 0,
			  "no \"agx_workspace\" version: not a workspace file (agx leaves it as it "
			  "is: move it away or give --workspace FILE)");
	} else if (json_integer_value(json_object_get(root, "agx_workspace")) != 1) {
		rc = fail(err, errlen, path, 0, 0, "workspace version not supported (want 1)");
	} else if (load_entries(json_object_get(root, "verdicts"), "verdicts", path, a, err,
				errlen) ||
		   load_entries(json_object_get(root, "notes"), "notes", path, a, err, errlen)) {
		rc = -1;
	}
	json_decref(root);
	if (rc)
		annot_free(a), annot_init(a);
	return rc;
}

int workspace_save(const char *path, const struct annot *a, char *err, size_t errlen)
{
	struct strbuf sb = STRBUF_INIT;
	struct jw w;
	jw_init(&w, &sb, 1);
	jw_obj_begin(&w);
	jw_kint(&w, "agx_workspace", 1);
	jw_key(&w, "verdicts");
	jw_arr_begin(&w);
	for (size_t i = 0; i < a->nverdicts; i++) {
		jw_obj_begin(&w);
		jw_kstr(&w, "pair", a->verdicts[i].key);
		jw_kstr(&w, "verdict", verdict_name(a->verdicts[i].verdict));
		jw_kint(&w, "when", (long long)a->verdicts[i].when);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "notes");
	jw_arr_begin(&w);
	for (size_t i = 0; i < a->nnotes; i++) {
		jw_obj_begin(&w);
		jw_kstr(&w, "key", a->notes[i].key);
		jw_kstr(&w, "text", a->notes[i].text);
		jw_kint(&w, "when", (long long)a->notes[i].when);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	strbuf_addc(&sb, '\n');
	char aerr[512];
	int rc = atomic_write(path, sb.buf, sb.len, ATOMIC_REGULAR_ONLY, aerr, sizeof(aerr));
	if (rc)
		snprintf(err, errlen, "workspace not saved: %s", aerr);
	strbuf_free(&sb);
	return rc;
}

void workspace_load_quiet(const struct cli *c, struct annot *a)
{
	char *path = workspace_path(c);
	char err[1024];
	if (path && workspace_load(path, a, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\nagx: going on without the workspace's verdicts and notes\n",
			err);
		annot_free(a);
		annot_init(a);
	}
	free(path);
}
