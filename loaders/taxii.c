#include "loaders/taxii.h"

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

/* Restarts from the checkpoint after refused `next` tokens, and empty pages
 * that still say "more", before the fetch gives up on the server. */
enum { MAX_RESTARTS = 5, MAX_EMPTY_MORE = 10, MAX_MESSAGE = 200 };

static int starts_with_ci(const char *s, const char *prefix)
{
	return s && !strncasecmp(s, prefix, strlen(prefix));
}

/* Appends text (at most MAX_MESSAGE bytes, whitespace folded, controls
 * escaped) for an error message. */
static void add_excerpt(struct strbuf *sb, const char *s, size_t n)
{
	struct strbuf raw = STRBUF_INIT;
	int space = 0;
	for (size_t i = 0; i < n && raw.len < MAX_MESSAGE; i++) {
		if (isspace((unsigned char)s[i])) {
			space = raw.len > 0;
			continue;
		}
		if (space)
			strbuf_addc(&raw, ' ');
		space = 0;
		strbuf_addc(&raw, s[i]);
	}
	text_escape_into(sb, strbuf_str(&raw), 0);
	strbuf_free(&raw);
}

/* The <title> of an HTML page, else its first words. */
static void html_gist(struct strbuf *sb, const char *body, size_t len)
{
	const char *t = len ? strcasestr(body, "<title>") : NULL;
	if (t) {
		t += 7;
		const char *e = strcasestr(t, "</title>");
		if (e) {
			add_excerpt(sb, t, (size_t)(e - t));
			return;
		}
	}
	add_excerpt(sb, body, len);
}

static const char *auth_hint(const struct taxii *t)
{
	return t->auth_used ? t->auth_used : NULL;
}

/* The message for a reply that is not the TAXII JSON asked for. */
static void reply_error(const struct taxii *t, const struct http_reply *r, const char *url,
			char *err, size_t errlen)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s: ", url);
	const char *ct = r->content_type;
	if (r->status == 206 || starts_with_ci(ct, "application/vnd.oasis")) {
		strbuf_adds(&sb, "this is a TAXII 2.0 server (");
		strbuf_adds(&sb, r->status == 206 ? "HTTP 206 Partial Content"
						  : "media type application/vnd.oasis.*");
		strbuf_adds(&sb, "); agx speaks TAXII 2.1 only");
	} else if (r->status == 401 || r->status == 403) {
		strbuf_addf(&sb, "HTTP %ld %s: ", r->status,
			    r->status == 401 ? "Unauthorized" : "Forbidden");
		if (auth_hint(t))
			strbuf_addf(&sb, "the server refused the credentials from %s",
				    auth_hint(t));
		else
			strbuf_adds(&sb, "the server needs credentials");
		if (r->www_authenticate) {
			strbuf_adds(&sb, " (it asks for ");
			add_excerpt(&sb, r->www_authenticate, strlen(r->www_authenticate));
			strbuf_adds(&sb, ")");
		}
		strbuf_adds(&sb, "; set AGX_TAXII_USER and AGX_TAXII_PASSWORD (Basic) or "
				 "AGX_TAXII_TOKEN (Bearer), or give --auth-file FILE");
	} else if (r->status == 406) {
		strbuf_adds(&sb, "HTTP 406 Not Acceptable: the server refused "
				 "'" TAXII_MEDIA_TYPE "' (a TAXII 2.0 server, or not TAXII)");
	} else if (starts_with_ci(ct, "application/taxii+json")) {
		json_t *j = json_loadb(r->body, r->len, 0, NULL);
		strbuf_addf(&sb, "HTTP %ld", r->status);
		const char *title = json_string_value(json_object_get(j, "title"));
		const char *desc = json_string_value(json_object_get(j, "description"));
		if (title) {
			strbuf_adds(&sb, ": ");
			add_excerpt(&sb, title, strlen(title));
		}
		if (desc) {
			strbuf_adds(&sb, ": ");
			add_excerpt(&sb, desc, strlen(desc));
		}
		if (!title && !desc && r->status / 100 == 2)
			strbuf_adds(&sb, ": the reply is not the JSON object TAXII promises");
		json_decref(j);
	} else if (starts_with_ci(ct, "text/html") ||
		   (r->len && strcasestr(r->body, "<html") != NULL)) {
		strbuf_addf(&sb,
			    "HTTP %ld, an HTML page, not TAXII (a wrong URL, a login page or "
			    "a proxy?): ",
			    r->status);
		html_gist(&sb, r->body, r->len);
	} else {
		strbuf_addf(&sb, "HTTP %ld, content type '", r->status);
		add_excerpt(&sb, ct ? ct : "none", ct ? strlen(ct) : 4);
		strbuf_adds(&sb, "', not TAXII 2.1");
		if (r->len) {
			strbuf_adds(&sb, ": ");
			add_excerpt(&sb, r->body, r->len);
		}
	}
	snprintf(err, errlen, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
}

static int is_taxii(const struct http_reply *r)
{
	return r->status / 100 == 2 && r->status != 206 &&
	       starts_with_ci(r->content_type, "application/taxii+json");
}

/* GETs url as TAXII JSON. Returns the object, or NULL with a message; the
 * reply is left in r for the caller to inspect (and free). */
static json_t *get_json(struct taxii *t, const char *url, struct http_reply *r, char *err,
			size_t errlen)
{
	if (http_request(t->http, "GET", url, TAXII_MEDIA_TYPE, NULL, NULL, 0, r, err, errlen))
		return NULL;
	if (!is_taxii(r)) {
		reply_error(t, r, url, err, errlen);
		return NULL;
	}
	json_error_t je;
	json_t *j = r->len ? json_loadb(r->body, r->len, JSON_REJECT_DUPLICATES, &je) : NULL;
	if (!json_is_object(j)) {
		if (j || !r->len)
			snprintf(err, errlen, "%s: the reply is not a JSON object", url);
		else
			snprintf(err, errlen, "%s: the reply is not JSON: line %d: %s", url,
				 je.line, je.text);
		json_decref(j);
		return NULL;
	}
	return j;
}

char *taxii_slash(const char *url)
{
	size_t end = strcspn(url, "?#");
	if (end && url[end - 1] == '/')
		return xstrndup(url, end);
	return xasprintf("%.*s/", (int)end, url);
}

static char *dup_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? xstrdup(s) : NULL;
}

static void add_collection(struct taxii_server *s, const char *root, const json_t *c)
{
	const char *id = json_string_value(json_object_get(c, "id"));
	if (!id || !*id)
		return;
	s->c = xrealloc(s->c, (s->n + 1) * sizeof(*s->c));
	struct taxii_collection *tc = &s->c[s->n++];
	memset(tc, 0, sizeof(*tc));
	tc->id = xstrdup(id);
	tc->title = dup_str(c, "title");
	tc->description = dup_str(c, "description");
	char *esc = http_escape(id);
	tc->url = xasprintf("%scollections/%s/", root, esc);
	free(esc);
	tc->api_root = xstrdup(root);
	tc->can_read = json_is_true(json_object_get(c, "can_read"));
	tc->can_write = json_is_true(json_object_get(c, "can_write"));
}

/* Every collection of the API root at root (with its trailing slash). */
static int root_collections(struct taxii *t, const char *root, struct taxii_server *s, char *err,
			    size_t errlen)
{
	char *url = xasprintf("%scollections/", root);
	struct http_reply r;
	json_t *j = get_json(t, url, &r, err, errlen);
	free(url);
	http_reply_free(&r);
	if (!j)
		return -1;
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(j, "collections"), i, c) add_collection(s, root, c);
	json_decref(j);
	return 0;
}

/* ".../collections/<id>/" -> its API root; NULL when url is not of that form. */
static char *root_of_collection(const char *url)
{
	const char *p = strstr(url, "/collections/");
	if (!p)
		return NULL;
	const char *id = p + 13, *slash = strchr(id, '/');
	if (!slash || slash == id || (slash[1] && strcmp(slash + 1, "objects/") != 0))
		return NULL;
	return xstrndup(url, (size_t)(p - url) + 1);
}

int taxii_collections(struct taxii *t, const char *given, struct taxii_server *out, char *err,
		      size_t errlen)
{
	memset(out, 0, sizeof(*out));
	char *url = taxii_slash(given);
	size_t ul = strlen(url);
	/* a collection URL, or its objects/ URL */
	char *coll_root = root_of_collection(url);
	if (coll_root) {
		char *curl = xstrdup(url);
		size_t cl = strlen(curl);
		if (cl > 8 && !strcmp(curl + cl - 8, "objects/"))
			curl[cl - 8] = '\0';
		struct http_reply r;
		json_t *j = get_json(t, curl, &r, err, errlen);
		http_reply_free(&r);
		if (!j) {
			free(curl);
			free(coll_root);
			free(url);
			return -1;
		}
		add_collection(out, coll_root, j);
		if (out->n) { /* the resource's own id, but the URL the analyst gave */
			free(out->c[0].url);
			out->c[0].url = curl;
		} else {
			free(curl);
		}
		json_decref(j);
		/* the API root's title names the server; not fatal when refused */
		char e2[256];
		json_t *root = get_json(t, coll_root, &r, e2, sizeof(e2));
		http_reply_free(&r);
		out->title = dup_str(root, "title");
		json_decref(root);
		free(coll_root);
		free(url);
		if (!out->n) {
			snprintf(err, errlen, "%s: the reply is not a TAXII collection (no \"id\")",
				 given);
			return -1;
		}
		return 0;
	}
	/* a collections/ list URL stands for its API root */
	if (ul > 12 && !strcmp(url + ul - 12, "collections/"))
		url[ul - 12] = '\0';
	struct http_reply r;
	json_t *j = get_json(t, url, &r, err, errlen);
	http_reply_free(&r);
	if (!j) {
		free(url);
		return -1;
	}
	int rc = 0;
	json_t *roots = json_object_get(j, "api_roots");
	if (json_is_array(roots)) { /* discovery */
		out->title = dup_str(j, "title");
		size_t i;
		json_t *v;
		json_array_foreach(roots, i, v)
		{
			const char *ref = json_string_value(v);
			char *abs = ref ? http_resolve(url, ref) : NULL;
			if (!abs) {
				snprintf(err, errlen, "%s: api_roots[%zu] is not a URL", url, i);
				rc = -1;
				break;
			}
			char *root = taxii_slash(abs);
			free(abs);
			rc = root_collections(t, root, out, err, errlen);
			free(root);
			if (rc)
				break;
		}
		if (!rc && json_array_size(roots) == 0) {
			snprintf(err, errlen, "%s: the discovery resource lists no API roots", url);
			rc = -1;
		}
	} else if (json_object_get(j, "versions") || json_object_get(j, "max_content_length")) {
		out->title = dup_str(j, "title");
		rc = root_collections(t, url, out, err, errlen);
	} else {
		snprintf(err, errlen,
			 "%s: neither a TAXII discovery resource, an API root nor a collection",
			 url);
		rc = -1;
	}
	json_decref(j);
	free(url);
	return rc;
}

void taxii_server_free(struct taxii_server *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->c[i].id);
		free(s->c[i].title);
		free(s->c[i].description);
		free(s->c[i].url);
		free(s->c[i].api_root);
	}
	free(s->c);
	free(s->title);
	memset(s, 0, sizeof(*s));
}

int taxii_timestamp_ok(const char *s)
{
	/* YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM) */
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	size_t i = 0;
	for (; shape[i]; i++) {
		if (shape[i] == 'd'
			? !isdigit((unsigned char)s[i])
			: (shape[i] == 'T' ? (s[i] != 'T' && s[i] != 't') : s[i] != shape[i]))
			return 0;
	}
	s += i;
	if (*s == '.') {
		s++;
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
	}
	if ((*s == 'Z' || *s == 'z') && !s[1])
		return 1;
	return (*s == '+' || *s == '-') && isdigit((unsigned char)s[1]) &&
	       isdigit((unsigned char)s[2]) && s[3] == ':' && isdigit((unsigned char)s[4]) &&
	       isdigit((unsigned char)s[5]) && !s[6];
}

static char *objects_url(const char *coll, int limit, const char *added_after, const char *next)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%sobjects/?limit=%d", coll, limit);
	if (added_after) {
		char *e = http_escape(added_after);
		strbuf_addf(&sb, "&added_after=%s", e);
		free(e);
	}
	if (next) {
		char *e = http_escape(next);
		strbuf_addf(&sb, "&next=%s", e);
		free(e);
	}
	return strbuf_detach(&sb);
}

static void set_str(char **dst, const char *s)
{
	char *copy = s ? xstrdup(s) : NULL;
	free(*dst);
	*dst = copy;
}

void taxii_cursor_free(struct taxii_cursor *cur)
{
	free(cur->added_after);
	free(cur->next);
	free(cur->next_after);
	memset(cur, 0, sizeof(*cur));
}

int taxii_fetch(struct taxii *t, const char *coll, int limit, struct taxii_cursor *cur,
		taxii_page_fn fn, void *ud, char *err, size_t errlen)
{
	int restarts = 0, empty_more = 0;
	for (;;) {
		/* with `next`, every original parameter goes again, added_after
		 * included: servers fail or drop it otherwise */
		const char *a = cur->next ? cur->next_after : cur->added_after;
		char *after = a ? xstrdup(a) : NULL; /* the cursor changes below */
		char *url = objects_url(coll, limit, after, cur->next);
		struct http_reply r;
		if (http_request(t->http, "GET", url, TAXII_MEDIA_TYPE, NULL, NULL, 0, &r, err,
				 errlen)) {
			free(url);
			free(after);
			return -1;
		}
		if (cur->next && r.status == 400 && restarts < MAX_RESTARTS) {
			/* an expired or refused `next`: start again from the checkpoint */
			restarts++;
			set_str(&cur->next, NULL);
			set_str(&cur->next_after, NULL);
			http_reply_free(&r);
			free(url);
			free(after);
			continue;
		}
		if (!is_taxii(&r)) {
			reply_error(t, &r, url, err, errlen);
			http_reply_free(&r);
			free(url);
			free(after);
			return -1;
		}
		json_error_t je;
		json_t *j = r.len ? json_loadb(r.body, r.len, 0, &je) : json_object();
		if (!json_is_object(j)) {
			snprintf(err, errlen, "%s: the page is not a JSON object%s%s", url,
				 j ? "" : ": ", j ? "" : je.text);
			json_decref(j);
			http_reply_free(&r);
			free(url);
			free(after);
			return -1;
		}
		json_t *objs = json_object_get(j, "objects");
		size_t n = json_array_size(objs);
		int more = json_is_true(json_object_get(j, "more"));
		const char *next = json_string_value(json_object_get(j, "next"));
		if (next && !*next)
			next = NULL;
		const char *last = r.date_added_last && taxii_timestamp_ok(r.date_added_last)
				       ? r.date_added_last
				       : NULL;
		/* the cursor after this page */
		/* judged now: last lives in the reply, freed below */
		int no_date = more && !(next) && !last;
		int stalled = more && !next && last && after && !strcmp(after, last);
		if (n && last)
			set_str(&cur->added_after, last);
		if (more && next) {
			set_str(&cur->next, next);
			set_str(&cur->next_after, after);
		} else {
			set_str(&cur->next, NULL);
			set_str(&cur->next_after, NULL);
		}
		int rc = 0;
		if (n) {
			struct taxii_page p = {r.body, r.len, n, more, next, last, url};
			restarts = 0;
			rc = fn(ud, &p, cur, err, errlen);
		}
		json_decref(j);
		http_reply_free(&r);
		if (rc) {
			free(url);
			free(after);
			return -1;
		}
		if (!more) {
			free(url);
			free(after);
			return 0;
		}
		if (!n && ++empty_more > MAX_EMPTY_MORE) {
			snprintf(err, errlen,
				 "%s: %d empty pages in a row that say \"more\"; stopped", url,
				 MAX_EMPTY_MORE);
			free(url);
			free(after);
			return -1;
		}
		if (n)
			empty_more = 0;
		if (!cur->next) {
			/* more without next: on from the page's date, which must move */
			if (no_date) {
				snprintf(err, errlen,
					 "%s: the server says \"more\" but gives neither \"next\" "
					 "nor X-TAXII-Date-Added-Last; stopped (what came is kept)",
					 url);
				free(url);
				free(after);
				return -1;
			}
			if (stalled) {
				snprintf(err, errlen,
					 "%s: paging stalled at %s (more than %d objects share one "
					 "date_added?); try a larger --limit",
					 url, after, limit);
				free(url);
				free(after);
				return -1;
			}
		}
		free(url);
		free(after);
	}
}

int taxii_post(struct taxii *t, const char *coll, const char *body, size_t len, char **status,
	       char *err, size_t errlen)
{
	char *url = xasprintf("%sobjects/", coll);
	struct http_reply r;
	*status = NULL;
	if (http_request(t->http, "POST", url, TAXII_MEDIA_TYPE, TAXII_MEDIA_TYPE, body, len, &r,
			 err, errlen)) {
		free(url);
		return -1;
	}
	int rc = 0;
	if (!is_taxii(&r)) {
		reply_error(t, &r, url, err, errlen);
		rc = -1;
	} else {
		*status = xstrndup(r.body, r.len);
	}
	http_reply_free(&r);
	free(url);
	return rc;
}
