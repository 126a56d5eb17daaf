/* A TAXII 2.1 client (OASIS TAXII 2.1; ../shared/TAXII.md has the traps
 * real servers set): from whatever URL the analyst holds (a discovery URL,
 * an API root or a collection) to the readable collections, then a
 * collection's objects page by page.
 *
 * Every request sends Accept: application/taxii+json;version=2.1 and every
 * URL ends in '/'. A reply is read only when it is TAXII JSON: HTML error
 * pages, TAXII 2.0 servers (HTTP 206, vnd.oasis media types), refused
 * credentials and refused media types become one clear message naming the
 * URL. Paging follows `next` with all the original parameters, else the
 * page's X-TAXII-Date-Added-Last; an expired `next` (400) restarts from the
 * last checkpoint.
 *
 * Ownership: the client borrows the HTTP session. Collections returned by
 * taxii_collections() are the caller's (taxii_collections_free). The page
 * handed to the callback is borrowed for the call. */
#ifndef TAXII_H
#define TAXII_H
#include <stddef.h>

struct http;

#define TAXII_MEDIA_TYPE "application/taxii+json;version=2.1"

struct taxii {
	struct http *http;
	/* How the requests authenticate, for 401/403 messages: "AGX_TAXII_TOKEN",
	 * "AGX_TAXII_USER and AGX_TAXII_PASSWORD", ... or NULL for none. */
	const char *auth_used;
};

struct taxii_collection {
	char *id, *title, *description;
	char *url;	/* <api-root>/collections/<id>/ */
	char *api_root; /* the API root URL, with its trailing '/' */
	int can_read, can_write;
};

struct taxii_server {
	char *title; /* the discovery (or API root) title, NULL when none */
	struct taxii_collection *c;
	size_t n;
};

/* The collections url leads to: every collection of every API root of a
 * discovery URL, every collection of an API root, or the one collection a
 * collection URL names. Returns 0, or -1 with "URL: what is wrong" in err. */
int taxii_collections(struct taxii *t, const char *url, struct taxii_server *out, char *err,
		      size_t errlen);
void taxii_server_free(struct taxii_server *s);

/* One page of a collection's objects, borrowed by the callback. */
struct taxii_page {
	const char *body; /* the envelope as received */
	size_t len;
	size_t nobjects;
	int more;
	const char *next;	     /* the page's next token, NULL when none */
	const char *date_added_last; /* verbatim, NULL when missing or malformed */
	const char *url;	     /* the request that returned it */
};

/* Where a fetch starts and how it continues after a page. */
struct taxii_cursor {
	char *added_after; /* the checkpoint, verbatim (NULL: from the start) */
	char *next;	   /* a `next` token to resume with, or NULL */
	char *next_after;  /* the added_after of the request that began that token */
};

/* Returns 0 to go on, -1 to stop (the fetch then fails with the callback's
 * message). cur is the cursor after this page: what to store so that a pull
 * interrupted here resumes at the next page. */
typedef int (*taxii_page_fn)(void *ud, const struct taxii_page *p, const struct taxii_cursor *cur,
			     char *err, size_t errlen);

/* Fetches the objects of collection_url from cur (which it updates) in
 * pages of limit, calling fn for each non-empty page. Returns 0 when the
 * server said there is no more, -1 with a message in err. */
int taxii_fetch(struct taxii *t, const char *collection_url, int limit, struct taxii_cursor *cur,
		taxii_page_fn fn, void *ud, char *err, size_t errlen);
void taxii_cursor_free(struct taxii_cursor *cur);

/* POSTs an envelope {"objects": [...]} (body, len) to collection_url's
 * objects/. On success the status resource is returned in *status (the
 * caller frees it): {"status", "success_count", "failure_count", ...}. */
int taxii_post(struct taxii *t, const char *collection_url, const char *body, size_t len,
	       char **status, char *err, size_t errlen);

/* True when s looks like an RFC 3339 timestamp (Z or an offset, any number
 * of fractional digits): what a checkpoint may be. */
int taxii_timestamp_ok(const char *s);
/* url with a '/' after its path when it has none (query and fragment kept
 * out). The caller frees it. */
char *taxii_slash(const char *url);
#endif
