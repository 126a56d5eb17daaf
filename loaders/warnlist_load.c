#include "loaders/warnlist_load.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/strbuf.h"
#include "graph/xalloc.h"

/* The whole file into buf, refusing more than WARNLIST_LOAD_MAX bytes (a
 * list named /dev/zero ends there). Returns 0 or -1 (error added). */
static int read_bounded(const char *path, struct strbuf *buf, struct diag_list *d)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		diag_add(d, UINT32_MAX, DIAG_ERROR, D_IO, 0, 0, path, "%s", strerror(errno));
		return -1;
	}
	char chunk[65536];
	size_t n;
	int rc = 0;
	strbuf_add(buf, "", 0);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (buf->len + n > WARNLIST_LOAD_MAX) {
			diag_add(d, UINT32_MAX, DIAG_ERROR, D_LIMIT, 0, 0, path,
				 "larger than %zu MiB", WARNLIST_LOAD_MAX >> 20);
			rc = -1;
			break;
		}
		strbuf_add(buf, chunk, n);
	}
	if (rc == 0 && ferror(fp)) {
		diag_add(d, UINT32_MAX, DIAG_ERROR, D_IO, 0, 0, path, "%s",
			 strerror(errno ? errno : EIO));
		rc = -1;
	}
	fclose(fp);
	return rc;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

/* Adds one entry; a dropped one is a warning at line (0: none) or, in a
 * MISP list, at its JSON pointer. */
static void entry(struct warnlist_set *s, size_t list, const char *path, uint32_t line,
		  size_t index, const char *value, struct strbuf *why, struct diag_list *d)
{
	if (warnlist_add_entry(s, list, value, why) == 0)
		return;
	if (line)
		diag_add(d, UINT32_MAX, DIAG_WARNING, D_LIMIT, line, 0, path,
			 "entry '%s' dropped: %s", value, strbuf_str(why));
	else
		diag_add(d, UINT32_MAX, DIAG_WARNING, D_LIMIT, 0, 0, path,
			 "/list/%zu: entry '%s' dropped: %s", index, value, strbuf_str(why));
}

/* ---- plain lists ------------------------------------------------------- */

/* "# key: value" header lines; returns the value or NULL. */
static const char *header(const char *line, const char *key)
{
	const char *p = line + 1;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t k = strlen(key);
	if (strncasecmp(p, key, k) != 0 || p[k] != ':')
		return NULL;
	p += k + 1;
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static void chomp(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

/* buf is the file, NUL-terminated; its lines are cut in place. */
static int load_plain(struct warnlist_set *s, const char *path, char *buf, struct diag_list *d)
{
	char *name = NULL;
	struct strbuf source = STRBUF_INIT, why = STRBUF_INIT;
	int match = WARNLIST_EXACT, in_header = 1, in_source = 0, have_list = 0, hosts_only = 0;
	double weight = -1;
	uint32_t lineno = 0;
	size_t l = 0;
	for (char *line = buf, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		/* a line has a bound of its own (no entry is that long) */
		if (strlen(line) > WARNLIST_LINE_MAX) {
			diag_add(d, UINT32_MAX, DIAG_WARNING, D_LIMIT, lineno, 1, path,
				 "line longer than %d bytes: skipped", WARNLIST_LINE_MAX);
			continue;
		}
		chomp(line);
		const char *p = line;
		if (lineno == 1 && !memcmp(p, "\xef\xbb\xbf", 3))
			p += 3;
		if (*p == '#') {
			const char *v;
			if (!in_header)
				continue;
			if ((v = header(p, "name"))) {
				free(name);
				name = xstrdup(v);
				in_source = 0;
			} else if ((v = header(p, "source"))) {
				strbuf_reset(&source);
				strbuf_adds(&source, v);
				in_source = 1;
			} else if ((v = header(p, "weight"))) {
				char *end;
				double w = strtod(v, &end);
				if (end == v || *end || w < 0 || w > 1) {
					diag_add(d, UINT32_MAX, DIAG_ERROR, D_INVALID, lineno, 1,
						 path, "weight '%s' is not a number from 0 to 1", v);
					free(name);
					strbuf_free(&source);
					strbuf_free(&why);
					return -1;
				}
				weight = w;
				in_source = 0;
			} else if ((v = header(p, "applies-to"))) {
				/* "hosts": flag the shared service's host, never a full
				 * URL on it */
				hosts_only = !strcasecmp(v, "hosts");
				in_source = 0;
			} else if ((v = header(p, "match"))) {
				int m = warnlist_match_mode(v);
				if (m < 0) {
					diag_add(d, UINT32_MAX, DIAG_ERROR, D_INVALID, lineno, 1,
						 path, "unknown match '%s' (exact, cidr, suffix)",
						 v);
					free(name);
					strbuf_free(&source);
					strbuf_free(&why);
					return -1;
				}
				match = m;
				in_source = 0;
			} else if (in_source && (p[1] == ' ' || p[1] == '\t') &&
				   (p[2] == ' ' || p[2] == '\t')) {
				/* an indented "#   ..." line continues the source */
				const char *q = p + 1;
				while (*q == ' ' || *q == '\t')
					q++;
				strbuf_addc(&source, ' ');
				strbuf_adds(&source, q);
			} else {
				in_source = 0;
			}
			continue;
		}
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			continue;
		if (!have_list) {
			l = warnlist_add(s, name ? name : base_name(path), strbuf_str(&source),
					 match);
			warnlist_list_terms(s, l, weight, hosts_only);
			have_list = 1;
		}
		in_header = 0;
		entry(s, l, path, lineno, 0, p, &why, d);
	}
	if (!have_list) {
		l = warnlist_add(s, name ? name : base_name(path), strbuf_str(&source), match);
		warnlist_list_terms(s, l, weight, hosts_only);
	}
	warnlist_seal(s, l);
	free(name);
	strbuf_free(&source);
	strbuf_free(&why);
	return 0;
}

/* ---- MISP warninglist JSON --------------------------------------------- */

static int load_misp(struct warnlist_set *s, const char *path, const struct strbuf *buf,
		     struct diag_list *d)
{
	json_error_t e;
	json_t *root = json_loadb(buf->buf, buf->len, JSON_REJECT_DUPLICATES, &e);
	if (!root) {
		/* jansson's wording names its own flag there */
		const char *text = json_error_code(&e) == json_error_null_character
				       ? "a string holds \\u0000"
				       : e.text;
		diag_add(d, UINT32_MAX, DIAG_ERROR, D_SYNTAX, e.line > 0 ? (uint32_t)e.line : 0,
			 e.column > 0 ? (uint32_t)e.column : 0, path, "%s", text);
		return -1;
	}
	json_t *list = json_object_get(root, "list");
	if (!json_is_object(root) || !json_is_array(list)) {
		diag_add(d, UINT32_MAX, DIAG_ERROR, D_FORMAT, 0, 0, path,
			 "no \"list\" array: not a MISP warninglist");
		json_decref(root);
		return -1;
	}
	const char *type = json_string_value(json_object_get(root, "type"));
	int match = type ? warnlist_match_mode(type) : WARNLIST_EXACT;
	if (match < 0) {
		diag_add(d, UINT32_MAX, DIAG_ERROR, D_UNSUPPORTED, 0, 0, path,
			 "warninglist type '%s' is not one of string, cidr, hostname, "
			 "substring, regex",
			 type);
		json_decref(root);
		return -1;
	}
	const char *name = json_string_value(json_object_get(root, "name"));
	const char *desc = json_string_value(json_object_get(root, "description"));
	char *source = xasprintf("%s%s%s", path, desc && *desc ? ": " : "", desc ? desc : "");
	size_t l = warnlist_add(s, name && *name ? name : base_name(path), source, match);
	free(source);
	struct strbuf why = STRBUF_INIT;
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v)
	{
		/* entries other than strings are not values: skipped */
		if (json_is_string(v))
			entry(s, l, path, 0, i, json_string_value(v), &why, d);
	}
	warnlist_seal(s, l);
	strbuf_free(&why);
	json_decref(root);
	return 0;
}

int warnlist_load(struct warnlist_set *s, const char *path, struct diag_list *d)
{
	struct strbuf buf = STRBUF_INIT;
	int rc = read_bounded(path, &buf, d);
	if (rc == 0) {
		/* JSON starts with '{' after blanks and a BOM */
		size_t i = 0;
		if (buf.len >= 3 && !memcmp(buf.buf, "\xef\xbb\xbf", 3))
			i = 3;
		while (i < buf.len && strchr(" \t\r\n", buf.buf[i]))
			i++;
		if (i < buf.len && buf.buf[i] == '{')
			rc = load_misp(s, path, &buf, d);
		else
			rc = load_plain(s, path, buf.buf, d);
	}
	strbuf_free(&buf);
	return rc;
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n > m && strcmp(s + n - m, suf) == 0;
}

int warnlist_load_dir(struct warnlist_set *s, const char *dir, struct diag_list *d)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0) {
		diag_add(d, UINT32_MAX, DIAG_ERROR, D_IO, 0, 0, dir, "%s", strerror(errno));
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;
		if (nm[0] != '.' && (has_suffix(nm, ".txt") || has_suffix(nm, ".json"))) {
			char *p = xasprintf("%s/%s", dir, nm);
			if (warnlist_load(s, p, d))
				rc = -1;
			free(p);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}
