/* MISP warninglist JSON ({"name", "type", "description", "list": [...]}),
 * read with a small bounded JSON scanner of its own: graph/ uses no JSON
 * library (only loaders touch jansson), and this shape needs only strings,
 * one array and the skipping of everything else. Nesting is bounded and
 * every string is length-checked, since a warninglist is input too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/strbuf.h"
#include "graph/text.h"
#include "graph/warnlist_int.h"
#include "graph/xalloc.h"

#define MJ_MAX_DEPTH 32
#define MJ_MAX_ITEMS 2000000

struct mj {
	const char *p, *end, *start;
	const char *err;
};

static void ws(struct mj *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}


static int hex4(const char *p, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/* Reads a string at j->p (which is '"') into out (when not NULL). */
static int str(struct mj *j, struct strbuf *out)
{
	if (out)
		strbuf_reset(out);
	j->p++;
	while (j->p < j->end && *j->p != '"') {
		char c = *j->p++;
		if ((unsigned char)c < 0x20) {
			j->err = "control character in a string";
			return -1;
		}
		if (c != '\\') {
			if (out)
				strbuf_addc(out, c);
			continue;
		}
		if (j->p >= j->end)
			break;
		c = *j->p++;
		unsigned cp;
		switch (c) {
		case 'n':
			c = '\n';
			break;
		case 't':
			c = '\t';
			break;
		case 'r':
			c = '\r';
			break;
		case 'b':
			c = '\b';
			break;
		case 'f':
			c = '\f';
			break;
		case '"':
		case '\\':
		case '/':
			break;
		case 'u':
			if (j->end - j->p < 4 || hex4(j->p, &cp)) {
				j->err = "bad \\u escape";
				return -1;
			}
			j->p += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && j->end - j->p >= 6 && j->p[0] == '\\' &&
			    j->p[1] == 'u') {
				unsigned lo;
				if (hex4(j->p + 2, &lo) == 0 && lo >= 0xdc00 && lo < 0xe000) {
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
					j->p += 6;
				}
			}
			if (out)
				text_utf8_add(out, cp);
			continue;
		default:
			j->err = "bad escape";
			return -1;
		}
		if (out)
			strbuf_addc(out, c);
	}
	if (j->p >= j->end) {
		j->err = "unterminated string";
		return -1;
	}
	j->p++;
	return 0;
}

static int skip(struct mj *j, int depth);

static int skip_container(struct mj *j, int depth, char close)
{
	if (depth > MJ_MAX_DEPTH) {
		j->err = "nested too deeply";
		return -1;
	}
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return 0;
	}
	for (;;) {
		ws(j);
		if (close == '}') {
			if (j->p >= j->end || *j->p != '"' || str(j, NULL))
				return j->err ? -1 : (j->err = "expected a key", -1);
			ws(j);
			if (j->p >= j->end || *j->p++ != ':')
				return j->err = "expected ':'", -1;
		}
		if (skip(j, depth + 1))
			return -1;
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return 0;
		}
		j->err = "expected ',' or a closing bracket";
		return -1;
	}
}

static int skip(struct mj *j, int depth)
{
	ws(j);
	if (j->p >= j->end) {
		j->err = "unexpected end";
		return -1;
	}
	switch (*j->p) {
	case '"':
		return str(j, NULL);
	case '{':
		return skip_container(j, depth, '}');
	case '[':
		return skip_container(j, depth, ']');
	default: {
		const char *s = j->p;
		while (j->p < j->end && (strchr("+-.eE", *j->p) || (*j->p >= '0' && *j->p <= '9') ||
					 (*j->p >= 'a' && *j->p <= 'z')))
			j->p++;
		if (j->p == s) {
			j->err = "unexpected character";
			return -1;
		}
		return 0;
	}
	}
}

static void where(const struct mj *j, uint32_t *line, uint32_t *col)
{
	*line = 1;
	*col = 1;
	for (const char *q = j->start; q < j->p && q < j->end; q++) {
		if (*q == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

int wl_load_misp(struct warnlist_set *s, const char *path, const char *buf, size_t n,
		 struct diag_list *d)
{
	struct mj j = {buf, buf + n, buf, NULL};
	struct strbuf key = STRBUF_INIT, name = STRBUF_INIT, type = STRBUF_INIT, desc = STRBUF_INIT,
		      item = STRBUF_INIT;
	char **items = NULL;
	size_t nitems = 0, cap = 0;
	int have_list = 0;
	ws(&j);
	if (j.p >= j.end || *j.p != '{') {
		j.err = "expected a JSON object";
		goto fail;
	}
	j.p++;
	ws(&j);
	if (j.p < j.end && *j.p == '}') {
		j.p++;
	} else {
		for (;;) {
			ws(&j);
			if (j.p >= j.end || *j.p != '"') {
				j.err = "expected a key";
				goto fail;
			}
			if (str(&j, &key))
				goto fail;
			ws(&j);
			if (j.p >= j.end || *j.p++ != ':') {
				j.err = "expected ':'";
				goto fail;
			}
			ws(&j);
			const char *k = strbuf_str(&key);
			struct strbuf *target = !strcmp(k, "name")	    ? &name
						: !strcmp(k, "type")	    ? &type
						: !strcmp(k, "description") ? &desc
									    : NULL;
			if (target && j.p < j.end && *j.p == '"') {
				if (str(&j, target))
					goto fail;
			} else if (!strcmp(k, "list") && j.p < j.end && *j.p == '[') {
				have_list = 1;
				j.p++;
				ws(&j);
				if (j.p < j.end && *j.p == ']') {
					j.p++;
				} else {
					for (;;) {
						ws(&j);
						if (j.p < j.end && *j.p == '"') {
							if (str(&j, &item))
								goto fail;
							if (nitems < MJ_MAX_ITEMS) {
								XGROW(items, cap, nitems + 1);
								items[nitems++] =
								    xstrdup(strbuf_str(&item));
							}
						} else if (skip(&j, 2)) {
							goto fail;
						}
						ws(&j);
						if (j.p < j.end && *j.p == ',') {
							j.p++;
							continue;
						}
						if (j.p < j.end && *j.p == ']') {
							j.p++;
							break;
						}
						j.err = "expected ',' or ']'";
						goto fail;
					}
				}
			} else if (skip(&j, 1)) {
				goto fail;
			}
			ws(&j);
			if (j.p < j.end && *j.p == ',') {
				j.p++;
				continue;
			}
			if (j.p < j.end && *j.p == '}') {
				j.p++;
				break;
			}
			j.err = "expected ',' or '}'";
			goto fail;
		}
	}
	if (!have_list) {
		j.err = "no \"list\" array: not a MISP warninglist";
		goto fail;
	}
	int match = type.len ? wl_match_mode(strbuf_str(&type)) : WL_EXACT;
	if (match < 0) {
		diag_add(d, UINT32_MAX, DIAG_ERROR, D_UNSUPPORTED, 0, 0, path,
			 "warninglist type '%s' is not one of string, cidr, hostname, "
			 "substring, regex",
			 strbuf_str(&type));
		goto out_err;
	}
	struct strbuf src = STRBUF_INIT;
	strbuf_addf(&src, "%s%s%s", path, desc.len ? ": " : "", strbuf_str(&desc));
	const char *base = strrchr(path, '/');
	struct wl_list *l = wl_list_add(s,
					name.len ? strbuf_str(&name)
					: base	 ? base + 1
						 : path,
					strbuf_str(&src), match);
	strbuf_free(&src);
	for (size_t i = 0; i < nitems; i++)
		wl_list_entry(l, items[i]);
	wl_list_seal(l);
	if (l->dropped)
		diag_add(d, UINT32_MAX, DIAG_WARNING, D_LIMIT, 0, 0, path,
			 "%zu regular expressions refused (invalid, too long or too many)",
			 l->dropped);
	for (size_t i = 0; i < nitems; i++)
		free(items[i]);
	free(items);
	strbuf_free(&key);
	strbuf_free(&name);
	strbuf_free(&type);
	strbuf_free(&desc);
	strbuf_free(&item);
	return 0;
fail : {
	uint32_t line, col;
	where(&j, &line, &col);
	diag_add(d, UINT32_MAX, DIAG_ERROR, D_SYNTAX, line, col, path, "%s",
		 j.err ? j.err : "syntax error");
}
out_err:
	for (size_t i = 0; i < nitems; i++)
		free(items[i]);
	free(items);
	strbuf_free(&key);
	strbuf_free(&name);
	strbuf_free(&type);
	strbuf_free(&desc);
	strbuf_free(&item);
	return -1;
}
