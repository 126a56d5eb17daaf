/* A client of MISP's REST search (POST <base>/events/restSearch), paging
 * through events with "page" and "limit" and asking only for events
 * changed since a timestamp. The key goes as MISP wants it: a bare
 * "Authorization: <key>" header (the session's headers carry it). Answers
 * are {"response": [{"Event": ...}, ...]} or a bare list; items that are
 * not events (older versions add {"xml_version": ...}) are skipped.
 *
 * Ownership: borrows the HTTP session; the events handed to the callback
 * are borrowed for the call. */
#ifndef MISP_REST_H
#define MISP_REST_H
#include <stddef.h>

struct http;

struct misp_event {
	const char *uuid;      /* the event's uuid ("" when it has none) */
	const char *timestamp; /* its last change, unix seconds as text ("" when none) */
	const char *json;      /* {"Event": {...}}, as a file agx loads */
};

/* Called once per page with its events (n of them). Returns 0 to go on. */
typedef int (*misp_page_fn)(void *ud, long page, const struct misp_event *ev, size_t n, char *err,
			    size_t errlen);

/* Fetches from page `page` (1-based) in pages of limit, events changed at
 * or after `from` (unix seconds as text; NULL: all), until a page holds
 * fewer than limit events. auth_used names where the key came from, for
 * 401/403 messages. Returns 0, or -1 with "URL: what is wrong" in err. */
int misp_rest_fetch(struct http *h, const char *base, const char *auth_used, int limit, long page,
		    const char *from, misp_page_fn fn, void *ud, char *err, size_t errlen);
#endif
