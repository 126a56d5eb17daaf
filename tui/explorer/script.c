#include "tui/explorer/script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/infile.h"
#include "graph/xalloc.h"
#include "tui/explorer/keys.h"

static struct step *add(struct script *s, int kind, int line)
{
	XGROW(s->steps, s->cap, s->n + 1);
	struct step *st = &s->steps[s->n++];
	memset(st, 0, sizeof(*st));
	st->kind = kind;
	st->line = line;
	return st;
}

int script_parse(const char *text, const char *path, struct script *s, char *err, size_t errlen)
{
	memset(s, 0, sizeof(*s));
	int line = 0;
	const char *p = text;
	while (*p) {
		line++;
		size_t len = strcspn(p, "\n");
		if (len > SCRIPT_MAX_LINE) {
			snprintf(err, errlen, "%s:%d:1: error: line longer than %d bytes", path, line,
				 SCRIPT_MAX_LINE);
			script_free(s);
			return -1;
		}
		char *l = xstrndup(p, len);
		p += len + (p[len] == '\n');
		if (len && l[len - 1] == '\r')
			l[--len] = '\0';
		if (l[0] == '\0' || l[0] == '#') {
			free(l);
			continue;
		}
		if (s->n >= SCRIPT_MAX_STEPS) {
			snprintf(err, errlen, "%s:%d:1: error: more than %d keys and commands", path,
				 line, SCRIPT_MAX_STEPS);
			free(l);
			script_free(s);
			return -1;
		}
		if (l[0] == ':') {
			add(s, STEP_COMMAND, line)->cmd = xstrdup(l + 1);
			free(l);
			continue;
		}
		if (l[0] == '@') {
			int w, h;
			char extra;
			if (sscanf(l, "@size %dx%d%c", &w, &h, &extra) != 2 || w < 20 || h < 5 ||
			    w > 1000 || h > 1000) {
				snprintf(err, errlen,
					 "%s:%d:1: error: '@size WxH' (20x5 to 1000x1000)", path,
					 line);
				free(l);
				script_free(s);
				return -1;
			}
			struct step *st = add(s, STEP_SIZE, line);
			st->w = w;
			st->h = h;
			free(l);
			continue;
		}
		const char *q = l;
		while (*q) {
			if (*q == ' ' || *q == '\t') { /* blanks separate keys; <Space> is one */
				q++;
				continue;
			}
			const char *at = q;
			int k = keys_parse(&q);
			if (k < 0) {
				size_t n = strcspn(at, ">");
				snprintf(
				    err, errlen,
				    "%s:%d:%d: error: unknown key name %.*s> (Enter, Tab, Esc, "
				    "BS, Up, Down, PgUp, PgDn, Space, lt, C-x ...)",
				    path, line, (int)(at - l) + 1, (int)n, at);
				free(l);
				script_free(s);
				return -1;
			}
			if (s->n >= SCRIPT_MAX_STEPS) {
				snprintf(err, errlen, "%s:%d:%d: error: more than %d keys and commands",
					 path, line, (int)(at - l) + 1, SCRIPT_MAX_STEPS);
				free(l);
				script_free(s);
				return -1;
			}
			add(s, STEP_KEY, line)->key = k;
		}
		free(l);
	}
	return 0;
}

int script_load(const char *path, size_t max, struct script *s, char *err, size_t errlen)
{
	if (!max || max > SCRIPT_MAX_BYTES)
		max = SCRIPT_MAX_BYTES;
	struct infile in;
	char why[256];
	if (infile_open(&in, path, max, NULL, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "%s: error: %s", path,
			 in.code == D_LIMIT ? "script larger than 16 MiB (or --max-size)" : why);
		return -1;
	}
	char *buf = xmalloc(in.size + 1);
	size_t n = fread(buf, 1, in.size, in.fp);
	infile_close(&in);
	buf[n] = '\0';
	if (memchr(buf, '\0', n)) {
		free(buf);
		snprintf(err, errlen, "%s: error: NUL byte: not a script", path);
		return -1;
	}
	int rc = script_parse(buf, path, s, err, errlen);
	free(buf);
	return rc;
}

void script_free(struct script *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->steps[i].cmd);
	free(s->steps);
	memset(s, 0, sizeof(*s));
}
