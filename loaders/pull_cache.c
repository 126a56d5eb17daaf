#include "loaders/pull_cache.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "graph/atomic.h"
#include "graph/jw.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"

enum { MAX_PART = 100 };

static const char *const kind_names[] = {"taxii2.1", "misp"};

void pull_state_free(struct pull_state *st)
{
	free(st->url);
	free(st->id);
	free(st->title);
	free(st->server_title);
	free(st->checkpoint);
	free(st->next);
	free(st->next_after);
	free(st->updated);
	free(st->misp_from);
	free(st->misp_max);
	memset(st, 0, sizeof(*st));
}

static void safe_part(struct strbuf *sb, const char *s)
{
	size_t start = sb->len;
	for (; s && *s && sb->len - start < MAX_PART; s++) {
		unsigned char ch = (unsigned char)*s;
		int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			 (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
			 (ch == '.' && sb->len > start);
		strbuf_addc(sb, ok ? (char)ch : '_');
	}
	if (sb->len == start)
		strbuf_addc(sb, '_');
}

char *pull_cache_dir(const char *dir, const char *host, const char *a, const char *b)
{
	struct strbuf sb = STRBUF_INIT;
	size_t dl = strlen(dir);
	strbuf_adds(&sb, dir);
	if (!dl || dir[dl - 1] != '/')
		strbuf_addc(&sb, '/');
	safe_part(&sb, host);
	strbuf_addc(&sb, '/');
	safe_part(&sb, a);
	if (b) {
		strbuf_addc(&sb, '/');
		safe_part(&sb, b);
	}
	return strbuf_detach(&sb);
}

char *pull_cache_event_path(const char *dir, const char *uuid)
{
	struct strbuf sb = STRBUF_INIT;
	size_t dl = strlen(dir);
	strbuf_adds(&sb, dir);
	if (!dl || dir[dl - 1] != '/')
		strbuf_addc(&sb, '/');
	strbuf_adds(&sb, "event-");
	safe_part(&sb, uuid);
	strbuf_adds(&sb, ".json");
	return strbuf_detach(&sb);
}

int pull_cache_mkdirs(const char *dir, char *err, size_t errlen)
{
	char *p = xstrdup(dir);
	for (char *s = p + 1;; s++) {
		if (*s == '/' || !*s) {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST) {
				snprintf(err, errlen, "cannot make the directory %s: %s", p,
					 strerror(errno));
				free(p);
				return -1;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	struct stat st;
	int ok = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
	if (!ok)
		snprintf(err, errlen, "%s is not a directory", dir);
	free(p);
	return ok ? 0 : -1;
}

static char *state_path(const char *dir)
{
	size_t dl = strlen(dir);
	return xasprintf("%s%s" PULL_STATE_FILE, dir, dl && dir[dl - 1] == '/' ? "" : "/");
}

static char *get_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? xstrdup(s) : NULL;
}

int pull_state_load(const char *dir, int kind, struct pull_state *st, char *err, size_t errlen)
{
	memset(st, 0, sizeof(*st));
	st->kind = kind;
	char *path = state_path(dir);
	json_error_t je;
	json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		struct stat sb;
		int missing = stat(path, &sb) != 0 && errno == ENOENT;
		if (!missing)
			snprintf(err, errlen, "%s:%d:%d: error: %s", path, je.line, je.column,
				 je.text);
		free(path);
		return missing ? 0 : -1;
	}
	const char *k = json_string_value(json_object_get(j, "kind"));
	if (!json_is_integer(json_object_get(j, "agx_pull")) || !k ||
	    strcmp(k, kind_names[kind]) != 0) {
		snprintf(err, errlen,
			 "%s: error: not the state of an agx %s pull; agx leaves the folder alone",
			 path, kind_names[kind]);
		json_decref(j);
		free(path);
		return -1;
	}
	st->url = get_str(j, "url");
	st->id = get_str(j, "id");
	st->title = get_str(j, "title");
	st->server_title = get_str(j, "server_title");
	st->checkpoint = get_str(j, "checkpoint");
	st->next = get_str(j, "next");
	st->next_after = get_str(j, "next_after");
	st->updated = get_str(j, "updated");
	st->misp_from = get_str(j, "misp_run_from");
	st->misp_max = get_str(j, "misp_run_max");
	st->pages = (long)json_integer_value(json_object_get(j, "pages"));
	st->objects = json_integer_value(json_object_get(j, "objects"));
	st->misp_page = (long)json_integer_value(json_object_get(j, "misp_run_page"));
	json_decref(j);
	free(path);
	return 0;
}

static void kstr_opt(struct jw *w, const char *key, const char *v)
{
	if (v)
		jw_kstr(w, key, v);
}

int pull_state_save(const char *dir, const struct pull_state *st, char *err, size_t errlen)
{
	struct strbuf sb = STRBUF_INIT;
	struct jw w;
	jw_init(&w, &sb, 1);
	jw_obj_begin(&w);
	jw_kint(&w, "agx_pull", 1);
	jw_kstr(&w, "kind", kind_names[st->kind]);
	kstr_opt(&w, "url", st->url);
	kstr_opt(&w, "id", st->id);
	kstr_opt(&w, "title", st->title);
	kstr_opt(&w, "server_title", st->server_title);
	/* the checkpoint exactly as the server wrote it: sent back verbatim */
	jw_key(&w, "checkpoint");
	jw_str(&w, st->checkpoint);
	kstr_opt(&w, "next", st->next);
	kstr_opt(&w, "next_after", st->next_after);
	if (st->kind == PULL_TAXII)
		jw_kint(&w, "pages", st->pages);
	jw_kint(&w, "objects", st->objects);
	if (st->misp_page) {
		jw_kint(&w, "misp_run_page", st->misp_page);
		kstr_opt(&w, "misp_run_from", st->misp_from);
		kstr_opt(&w, "misp_run_max", st->misp_max);
	}
	kstr_opt(&w, "updated", st->updated);
	jw_obj_end(&w);
	strbuf_addc(&sb, '\n');
	char *path = state_path(dir);
	int rc = atomic_write(path, sb.buf, sb.len, ATOMIC_REGULAR_ONLY, err, errlen);
	free(path);
	strbuf_free(&sb);
	return rc;
}

const char *pull_cache_page_name(long number, char *buf, size_t n)
{
	snprintf(buf, n, "page-%06ld.json", number);
	return buf;
}

int pull_cache_write_page(const char *dir, long number, const char *body, size_t len,
			  size_t nobjects, const char *added_after, const char *next,
			  const char *next_after, char *err, size_t errlen)
{
	size_t at = 0;
	while (at < len &&
	       (body[at] == ' ' || body[at] == '\t' || body[at] == '\r' || body[at] == '\n'))
		at++;
	if (at >= len || body[at] != '{') {
		snprintf(err, errlen, "page %ld is not a JSON object", number);
		return -1;
	}
	struct strbuf sb = STRBUF_INIT;
	struct jw w;
	strbuf_add(&sb, body, at + 1);
	strbuf_adds(&sb, "\"x_agx_page\":");
	jw_init(&w, &sb, 0);
	jw_obj_begin(&w);
	jw_kint(&w, "objects", (long long)nobjects);
	jw_key(&w, "added_after");
	jw_str(&w, added_after);
	kstr_opt(&w, "next", next);
	kstr_opt(&w, "next_after", next_after);
	jw_obj_end(&w);
	strbuf_addc(&sb, ',');
	strbuf_add(&sb, body + at + 1, len - at - 1);
	if (sb.len && sb.buf[sb.len - 1] != '\n')
		strbuf_addc(&sb, '\n');
	char name[32];
	size_t dl = strlen(dir);
	char *path = xasprintf("%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/",
			       pull_cache_page_name(number, name, sizeof(name)));
	int rc = atomic_write(path, sb.buf, sb.len, ATOMIC_REGULAR_ONLY, err, errlen);
	free(path);
	strbuf_free(&sb);
	return rc;
}

/* The x_agx_page member of a page file, or NULL. The caller decrefs it. */
static json_t *page_meta(const char *path)
{
	json_t *j = json_load_file(path, 0, NULL);
	json_t *m = json_incref(json_object_get(j, "x_agx_page"));
	json_decref(j);
	return m;
}

long pull_cache_recover(const char *dir, struct pull_state *st)
{
	long adopted = 0;
	size_t dl = strlen(dir);
	const char *sep = dl && dir[dl - 1] == '/' ? "" : "/";
	for (;;) {
		char name[32];
		char *path = xasprintf("%s%s%s", dir, sep,
				       pull_cache_page_name(st->pages + 1, name, sizeof(name)));
		json_t *m = page_meta(path);
		free(path);
		if (!json_is_object(m)) {
			json_decref(m);
			break;
		}
		free(st->checkpoint);
		st->checkpoint = get_str(m, "added_after");
		free(st->next);
		st->next = get_str(m, "next");
		free(st->next_after);
		st->next_after = get_str(m, "next_after");
		st->objects += json_integer_value(json_object_get(m, "objects"));
		st->pages++;
		adopted++;
		json_decref(m);
	}
	/* temporary files of a write that never finished */
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (strstr(e->d_name, ".tmp.")) {
			char *p = xasprintf("%s%s%s", dir, sep, e->d_name);
			unlink(p);
			free(p);
		}
	}
	if (d)
		closedir(d);
	return adopted;
}

int pull_cache_is(const char *dir)
{
	char *path = state_path(dir);
	FILE *fp = fopen(path, "rb");
	free(path);
	if (!fp)
		return 0;
	char head[256];
	size_t n = fread(head, 1, sizeof(head) - 1, fp);
	fclose(fp);
	head[n] = '\0';
	return strstr(head, "\"agx_pull\"") != NULL;
}
