/* The local cache that `agx pull` fills and every agx command loads like a
 * folder:
 *
 *   DIR/<host>/<api-root>/<collection>/page-000001.json ...  TAXII pages
 *   DIR/<host>/misp/event-<uuid>.json ...                    MISP events
 *   ... and beside them state.json: what was pulled from where, up to which
 *   checkpoint (kept verbatim, as the server wrote it), and when.
 *
 * Every file is written to a temporary name and renamed (graph/atomic.h),
 * so a pull killed at any point leaves whole files. A TAXII page carries
 * its own cursor ("x_agx_page" beside the envelope's members): a page
 * written just before a kill that state.json does not count yet is found
 * again and its checkpoint adopted, so nothing is fetched twice or lost.
 * Directories are made 0700: pulled intelligence is often TLP:AMBER or
 * RED, and the files inside are then out of other users' reach.
 *
 * Ownership: struct pull_state owns its strings (pull_state_free). */
#ifndef PULL_CACHE_H
#define PULL_CACHE_H
#include <stddef.h>

#include "graph/diag.h"
#include "graph/graph.h"
#include "loaders/load.h"

#define PULL_STATE_FILE "state.json"

enum pull_kind { PULL_TAXII, PULL_MISP };

struct pull_state {
	int kind;		 /* enum pull_kind */
	char *url;		 /* the collection URL, or the MISP base URL */
	char *id, *title;	 /* collection id and title (MISP: NULL) */
	char *server_title;	 /* discovery or API root title */
	char *checkpoint;	 /* verbatim; NULL before the first page */
	char *next, *next_after; /* TAXII: an unfinished `next` sequence */
	long pages;		 /* TAXII page files written */
	long long objects;	 /* objects (MISP: events) held */
	char *updated;		 /* when the last pull ended, RFC 3339 UTC */
	long misp_page;		 /* MISP: next page of an unfinished run (0: none) */
	char *misp_from;	 /* MISP: the timestamp that run started from */
	char *misp_max;		 /* MISP: the newest event timestamp of that run */
};

void pull_state_free(struct pull_state *st);

/* The cache directory for one collection: DIR/<host>/<a>/<b> with each
 * part made safe as a file name (letters, digits, '.', '_', '-'; no leading
 * dot). The caller frees it. */
char *pull_cache_dir(const char *dir, const char *host, const char *a, const char *b);
/* Makes dir and its parents (mode 0700). Returns 0 or -1 with a message. */
int pull_cache_mkdirs(const char *dir, char *err, size_t errlen);

/* Reads dir/state.json. A missing file is a fresh state (returns 0 with
 * *st zeroed, kind as given); a file that is not an agx pull state is an
 * error (-1, message in err). */
int pull_state_load(const char *dir, int kind, struct pull_state *st, char *err, size_t errlen);
int pull_state_save(const char *dir, const struct pull_state *st, char *err, size_t errlen);

/* Writes TAXII page number (1-based) of dir: the envelope body as received
 * with "x_agx_page" (the cursor after it and its object count) added. */
int pull_cache_write_page(const char *dir, long number, const char *body, size_t len,
			  size_t nobjects, const char *added_after, const char *next,
			  const char *next_after, char *err, size_t errlen);
/* dir/event-<uuid>.json (the uuid made safe as a file name). The caller
 * frees it. */
char *pull_cache_event_path(const char *dir, const char *uuid);
/* Adopts pages past st->pages that a killed pull wrote (their cursor and
 * counts) and removes temporary files it left. Returns how many pages were
 * adopted. */
long pull_cache_recover(const char *dir, struct pull_state *st);
/* "page-000017.json" for number 17 (buf at least 32 bytes). */
const char *pull_cache_page_name(long number, char *buf, size_t n);

/* True when dir holds an agx pull state.json. */
int pull_cache_is(const char *dir);
/* Loads a pulled collection: a TAXII collection's pages as one STIX source
 * (objects refer to each other across pages; the newest version of an
 * object wins), MISP events file by file. The analyst's judgements found
 * among the objects go to o->judgements. Same return as load_path(). */
int pull_cache_load(struct graph *g, const char *dir, const struct load_opts *o,
		    struct diag_list *d);
#endif
