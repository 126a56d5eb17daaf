#include "loaders/http.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/strbuf.h"
#include "graph/xalloc.h"

enum { MAX_REDIRECTS = 5, DEFAULT_TIMEOUT_S = 60 };
#define DEFAULT_MAX_BODY ((size_t)512 << 20)

struct http {
	CURL *curl;
	const struct http_opts *o;
};

/* curl_global_init once per process; curl_global_cleanup is left to exit. */
static int global_ready;

struct http *http_new(const struct http_opts *o, char *err, size_t errlen)
{
	if (!global_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			snprintf(err, errlen, "libcurl could not start");
			return NULL;
		}
		global_ready = 1;
	}
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(err, errlen, "libcurl could not start");
		return NULL;
	}
	struct http *h = xcalloc(1, sizeof(*h));
	h->curl = c;
	h->o = o;
	return h;
}

void http_free(struct http *h)
{
	if (!h)
		return;
	curl_easy_cleanup(h->curl);
	free(h);
}

struct sink {
	struct strbuf body;
	size_t max;
	int too_big;
};

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	struct sink *s = ud;
	size_t len = size * n;
	if (s->body.len + len > s->max) {
		s->too_big = 1;
		return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
	}
	strbuf_add(&s->body, p, len);
	return len;
}

/* A copy of the last response's header name, or NULL: curl_easy_header()
 * reuses its result on the next call. */
static char *header_copy(CURL *c, const char *name)
{
	struct curl_header *hd;
	if (curl_easy_header(c, name, 0, CURLH_HEADER, -1, &hd) != CURLHE_OK)
		return NULL;
	return xstrdup(hd->value);
}

static void set_common(struct http *h, struct curl_slist **hdrs)
{
	CURL *c = h->curl;
	const struct http_opts *o = h->o;
	long timeout = o->timeout_s > 0 ? o->timeout_s : DEFAULT_TIMEOUT_S;
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
	/* 301-303 would turn a POST into a GET and lose the pushed objects */
	curl_easy_setopt(c, CURLOPT_POSTREDIR, (long)CURL_REDIR_POST_ALL);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout);
	/* a reply that stalls (under 1 byte/s) for the timeout fails; a large
	 * page that keeps arriving does not */
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, timeout);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_USERAGENT, "agx/" AGX_VERSION);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (o->cacert)
		curl_easy_setopt(c, CURLOPT_CAINFO, o->cacert);
	if (o->cert)
		curl_easy_setopt(c, CURLOPT_SSLCERT, o->cert);
	if (o->key)
		curl_easy_setopt(c, CURLOPT_SSLKEY, o->key);
	if (o->bearer) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
		curl_easy_setopt(c, CURLOPT_XOAUTH2_BEARER, o->bearer);
	} else if (o->user) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERNAME, o->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, o->password ? o->password : "");
	}
	for (size_t i = 0; i < o->nheaders; i++)
		*hdrs = curl_slist_append(*hdrs, o->headers[i]);
}

int http_request(struct http *h, const char *method, const char *url, const char *accept,
		 const char *content_type, const char *body, size_t body_len, struct http_reply *r,
		 char *err, size_t errlen)
{
	memset(r, 0, sizeof(*r));
	CURL *c = h->curl;
	curl_easy_reset(c);
	struct curl_slist *hdrs = NULL;
	set_common(h, &hdrs);
	char *line;
	if (accept) {
		line = xasprintf("Accept: %s", accept);
		hdrs = curl_slist_append(hdrs, line);
		free(line);
	}
	if (content_type) {
		line = xasprintf("Content-Type: %s", content_type);
		hdrs = curl_slist_append(hdrs, line);
		free(line);
	}
	/* no "Expect: 100-continue" round trip before a POST body */
	if (!strcmp(method, "POST"))
		hdrs = curl_slist_append(hdrs, "Expect:");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(c, CURLOPT_URL, url);
	if (!strcmp(method, "POST")) {
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body ? body : "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
	} else {
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	}
	struct sink s = {STRBUF_INIT, h->o->max_body ? h->o->max_body : DEFAULT_MAX_BODY, 0};
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
	char cerr[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
	CURLcode rc = curl_easy_perform(c);
	curl_slist_free_all(hdrs);
	if (rc != CURLE_OK) {
		if (s.too_big)
			snprintf(err, errlen, "%s: the reply is larger than %zu MiB", url,
				 s.max >> 20);
		else
			snprintf(err, errlen, "%s: %s", url, *cerr ? cerr : curl_easy_strerror(rc));
		strbuf_free(&s.body);
		return -1;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	char *eff = NULL;
	curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
	r->url = xstrdup(eff ? eff : url);
	r->len = s.body.len;
	strbuf_addc(&s.body, '\0'); /* a NUL-terminated body even when empty */
	r->body = strbuf_detach(&s.body);
	r->content_type = header_copy(c, "Content-Type");
	r->www_authenticate = header_copy(c, "WWW-Authenticate");
	r->date_added_last = header_copy(c, "X-TAXII-Date-Added-Last");
	return 0;
}

void http_reply_free(struct http_reply *r)
{
	free(r->body);
	free(r->content_type);
	free(r->www_authenticate);
	free(r->date_added_last);
	free(r->url);
	memset(r, 0, sizeof(*r));
}

static CURLU *url_parse(const char *url)
{
	CURLU *u = curl_url();
	if (!u)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return NULL;
	}
	char *scheme = NULL;
	int web = curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
		  (!strcmp(scheme, "http") || !strcmp(scheme, "https"));
	curl_free(scheme);
	if (!web) {
		curl_url_cleanup(u);
		return NULL;
	}
	return u;
}

/* A libcurl string as one of ours (freed with free()). */
static char *own(char *s)
{
	char *r = s ? xstrdup(s) : NULL;
	curl_free(s);
	return r;
}

char *http_resolve(const char *base, const char *ref)
{
	CURLU *u = url_parse(base);
	if (!u)
		return NULL;
	char *out = NULL;
	if (curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK)
		curl_url_get(u, CURLUPART_URL, &out, 0);
	curl_url_cleanup(u);
	char *r = own(out);
	if (r) { /* resolved to something else than http(s)? */
		CURLU *check = url_parse(r);
		if (!check) {
			free(r);
			return NULL;
		}
		curl_url_cleanup(check);
	}
	return r;
}

char *http_escape(const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0);
	return own(e);
}

char *http_host(const char *url)
{
	CURLU *u = url_parse(url);
	if (!u)
		return NULL;
	char *host = NULL, *port = NULL;
	curl_url_get(u, CURLUPART_HOST, &host, 0);
	curl_url_get(u, CURLUPART_PORT, &port, 0); /* only when the URL names one */
	char *r = NULL;
	if (host)
		r = port ? xasprintf("%s:%s", host, port) : xstrdup(host);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return r;
}

char *http_path(const char *url)
{
	CURLU *u = url_parse(url);
	if (!u)
		return NULL;
	char *path = NULL;
	curl_url_get(u, CURLUPART_PATH, &path, 0);
	curl_url_cleanup(u);
	return own(path);
}
