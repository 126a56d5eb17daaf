#include "loaders/misp_rest.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/strbuf.h"
#include "graph/text.h"
#include "graph/xalloc.h"
#include "loaders/http.h"

enum { MAX_PAGES = 1000000, MAX_MESSAGE = 200 };

static void excerpt(struct strbuf *sb, const char *s, size_t n)
{
	struct strbuf raw = STRBUF_INIT;
	for (size_t i = 0; i < n && raw.len < MAX_MESSAGE; i++)
		strbuf_addc(&raw, isspace((unsigned char)s[i]) ? ' ' : s[i]);
	text_escape_into(sb, strbuf_str(&raw), 0);
	strbuf_free(&raw);
}

static void reply_error(const struct http_reply *r, const char *url, const char *auth_used,
			char *err, size_t errlen)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s: HTTP %ld", url, r->status);
	if (r->status == 401 || r->status == 403) {
		if (auth_used)
			strbuf_addf(&sb, ": MISP refused the key from %s", auth_used);
		else
			strbuf_adds(&sb, ": MISP needs an API key");
		strbuf_adds(&sb, "; set AGX_MISP_KEY (or give --auth-file FILE)");
	} else {
		json_t *j = json_loadb(r->body, r->len, 0, NULL);
		const char *msg = json_string_value(json_object_get(j, "message"));
		if (msg) {
			strbuf_adds(&sb, ": ");
			excerpt(&sb, msg, strlen(msg));
		} else if (r->content_type && !strncasecmp(r->content_type, "text/html", 9)) {
			strbuf_adds(&sb,
				    ", an HTML page, not MISP's JSON (a wrong URL or a proxy?)");
		} else if (r->status / 100 == 2) {
			strbuf_adds(&sb, ": the reply is not MISP's JSON");
		} else if (r->len) {
			strbuf_adds(&sb, ": ");
			excerpt(&sb, r->body, r->len);
		}
		json_decref(j);
	}
	snprintf(err, errlen, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
}

int misp_rest_fetch(struct http *h, const char *base, const char *auth_used, int limit, long page,
		    const char *from, misp_page_fn fn, void *ud, char *err, size_t errlen)
{
	size_t bl = strlen(base);
	char *url = xasprintf("%.*s/events/restSearch",
			      (int)(bl && base[bl - 1] == '/' ? bl - 1 : bl), base);
	int rc = 0;
	for (long pages = 0; pages < MAX_PAGES; pages++, page++) {
		json_t *q = json_pack("{s:s, s:I, s:i}", "returnFormat", "json", "page",
				      (json_int_t)page, "limit", limit);
		if (from)
			json_object_set_new(q, "timestamp", json_string(from));
		char *body = json_dumps(q, JSON_COMPACT);
		json_decref(q);
		struct http_reply r;
		int hr = http_request(h, "POST", url, "application/json", "application/json", body,
				      strlen(body), &r, err, errlen);
		free(body);
		if (hr) {
			rc = -1;
			break;
		}
		json_t *j = r.status == 200 ? json_loadb(r.body, r.len, 0, NULL) : NULL;
		json_t *list = json_is_array(j) ? j : json_object_get(j, "response");
		if (!json_is_array(list)) {
			reply_error(&r, url, auth_used, err, errlen);
			json_decref(j);
			http_reply_free(&r);
			rc = -1;
			break;
		}
		size_t n = 0, i;
		json_t *item;
		struct misp_event *ev = xcalloc(json_array_size(list) + 1, sizeof(*ev));
		char(*tsbuf)[24] = xcalloc(json_array_size(list) + 1, sizeof(*tsbuf));
		json_array_foreach(list, i, item)
		{
			json_t *e = json_object_get(item, "Event");
			if (!json_is_object(e))
				continue; /* {"xml_version": ...} and the like */
			const char *uuid = json_string_value(json_object_get(e, "uuid"));
			json_t *ts = json_object_get(e, "timestamp");
			ev[n].uuid = uuid ? uuid : "";
			if (json_is_integer(ts)) /* newer MISP writes numbers */
				snprintf(tsbuf[n], sizeof(tsbuf[n]), "%lld",
					 (long long)json_integer_value(ts));
			ev[n].timestamp = json_is_string(ts) ? json_string_value(ts) : tsbuf[n];
			json_t *wrap = json_pack("{s:O}", "Event", e);
			ev[n].json = json_dumps(wrap, JSON_INDENT(1));
			json_decref(wrap);
			n++;
		}
		rc = fn(ud, page, ev, n, err, errlen);
		for (size_t k = 0; k < n; k++)
			free((char *)ev[k].json);
		free(ev);
		free(tsbuf);
		json_decref(j);
		http_reply_free(&r);
		if (rc || n < (size_t)limit)
			break;
	}
	free(url);
	return rc;
}
