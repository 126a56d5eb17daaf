/* HTTP for the pull and push clients: the one file that includes libcurl.
 *
 * A session holds what every request of one pull or push shares: the
 * credentials, extra headers, TLS files and timeouts. TLS is always
 * verified (a private CA through cacert, client certificates through
 * cert/key); proxies come from libcurl's usual environment variables
 * (https_proxy, no_proxy). Only http and https are spoken, redirects
 * included, and at most a few redirects are followed.
 *
 * A reply is returned whatever its status: the caller decides what a 401 or
 * a 406 means, and the error body (often an HTML page) is kept for the
 * message. Only transport failures (DNS, connection, TLS, timeout, a body
 * over the size limit) make http_request() fail.
 *
 * Ownership: http_new() copies nothing it is given; the options must live
 * as long as the session. A struct http_reply is filled by http_request()
 * and owns its strings until http_reply_free(). */
#ifndef HTTP_H
#define HTTP_H
#include <stddef.h>

struct http_opts {
	const char *user, *password; /* HTTP Basic, when user is set */
	const char *bearer;	     /* Authorization: Bearer, when set */
	const char *const *headers;  /* "Name: value" lines added to every request */
	size_t nheaders;
	const char *cacert;	/* PEM bundle of the CAs to trust (NULL: the system's) */
	const char *cert, *key; /* client certificate and key (PEM) */
	long timeout_s;		/* connect timeout, and the longest a reply may stall */
	size_t max_body;	/* replies larger than this fail (0: 512 MiB) */
};

struct http_reply {
	long status; /* HTTP status of the last response (after redirects) */
	char *body;  /* NUL-terminated; len bytes */
	size_t len;
	char *content_type;	/* NULL when absent */
	char *www_authenticate; /* NULL when absent */
	char *date_added_last;	/* X-TAXII-Date-Added-Last, verbatim, NULL when absent */
	char *url;		/* the URL that answered (after redirects) */
};

struct http;

/* NULL (with a message in err) when libcurl cannot start. */
struct http *http_new(const struct http_opts *o, char *err, size_t errlen);
void http_free(struct http *h);

/* One request. method is "GET" or "POST"; body may be NULL for GET.
 * accept and content_type become those headers (NULL: none). Returns 0 with
 * r filled (any HTTP status), or -1 with "URL: what failed" in err. */
int http_request(struct http *h, const char *method, const char *url, const char *accept,
		 const char *content_type, const char *body, size_t body_len, struct http_reply *r,
		 char *err, size_t errlen);
void http_reply_free(struct http_reply *r);

/* ref resolved against base (RFC 3986), e.g. a relative API root against
 * the discovery URL. NULL when either is not a URL. The caller frees it. */
char *http_resolve(const char *base, const char *ref);
/* s percent-encoded for a query string ('+' and ':' included). The caller
 * frees it. */
char *http_escape(const char *s);
/* The host of url, with ":port" when the URL names one; NULL when url is not
 * an http(s) URL. The caller frees it. */
char *http_host(const char *url);
/* The path of url ("/taxii2/root/"), without query; NULL when not a URL. The
 * caller frees it. */
char *http_path(const char *url);
#endif
