/* Warninglists: values that link unrelated actors by nature (CDN and cloud
 * ranges, public resolvers, sinkholes, dynamic-DNS parents, shorteners, top
 * sites, special-purpose ranges). A hit makes a shared value weigh little
 * (list_w) and shows it flagged.
 *
 * This is the set and its matching. Lists are added entry by entry through
 * warnlist_add(); reading them from files (plain .txt lists, MISP warninglist
 * JSON) is loaders/warnlist_file.h's.
 *
 * Matching: an IPv4/IPv6 value by CIDR containment (and exact text); a
 * domain by exact name, or on a suffix/hostname list also as a subdomain of
 * a listed name; a URL by its whole text and by its host; anything by a
 * substring or regex list. Regexes are PCRE (graph/regexp.h), caseless and
 * searched anywhere in the value, as MISP's lists are written.
 *
 * Ownership: the set owns its lists, their names and entries (copied in).
 * Lists are named by their index (warnlist_count order).
 *
 * Threads: one at a time. warnlist_match() takes a const set but drops, for
 * good, a regex entry that goes over PCRE2's limits on some value (so a
 * hostile list costs one bounded search per entry, not one per value); those
 * drops are told by warnlist_report_dropped(). */
#ifndef WARNLIST_H
#define WARNLIST_H
#include <stddef.h>
#include <stdint.h>

#include "graph/diag.h"
#include "graph/strbuf.h"

/* How a list's entries match. Entries that parse as an address or CIDR go
 * to the ranges whatever the list's match, so a MISP "string" list of
 * resolver addresses or a plain "exact" list holding a /24 still matches by
 * containment. */
enum warnlist_match {
	WARNLIST_EXACT,	    /* the whole value */
	WARNLIST_CIDR,	    /* addresses in ranges */
	WARNLIST_SUFFIX,    /* the host name or one of its parents */
	WARNLIST_SUBSTRING, /* anywhere in the value */
	WARNLIST_REGEX,	    /* a PCRE search */
};

struct warnlist_set;

struct warnlist_set *warnlist_new(void);
void warnlist_free(struct warnlist_set *s);

/* The match of a list type name: "exact"/"string", "cidr", "suffix"/
 * "hostname", "substring", "regex" (any case); -1 when unknown. */
int warnlist_match_mode(const char *name);
/* Adds an empty list; returns its index. name NULL or "" becomes
 * "unnamed list". */
size_t warnlist_add(struct warnlist_set *s, const char *name, const char *source,
		    enum warnlist_match match);
/* Adds one entry to list (surrounding blanks ignored; blank entries and
 * entries longer than any value are skipped). Returns 0, or -1 when the
 * entry is dropped: a regex that does not compile or is over a limit, or one
 * more than a list may hold; why (reset first) then says why. */
int warnlist_add_entry(struct warnlist_set *s, size_t list, const char *value, struct strbuf *why);
/* Makes a list's entries searchable; call after its last entry. */
void warnlist_seal(struct warnlist_set *s, size_t list);

/* Checks a normalised value of the given node kind; returns the name of the
 * first matching list (owned by the set) or NULL. */
const char *warnlist_match(const struct warnlist_set *s, int kind, const char *value);
/* Adds to d one warning (D_LIMIT, file UINT32_MAX, where: the list's name)
 * for each regex entry warnlist_match() has dropped since the last call. */
void warnlist_report_dropped(struct warnlist_set *s, struct diag_list *d);

/* A list's own terms: factor is the weight of a hit on it, 0..1 (a value
 * that must never link actors, such as the empty file's hash, weighs 0),
 * or -1 for the set's factor; hosts_only: the list names hosts of shared
 * services (URL shorteners, paste sites, webhooks), so it flags the host and
 * never a full URL on it: bit.ly links nobody, bit.ly/3xYz is one link. */
void warnlist_list_terms(struct warnlist_set *s, size_t list, double factor, int hosts_only);
/* warnlist_match() with the hit's weight factor in *factor (1 when no
 * list matches). */
const char *warnlist_match_w(const struct warnlist_set *s, int kind, const char *value,
			     double *factor);

/* The weight factor for a hit (default 0.1). */
double warnlist_factor(const struct warnlist_set *s);
size_t warnlist_count(const struct warnlist_set *s);
/* Changes the hit factor (0..1; other values ignored). */
void warnlist_set_factor(struct warnlist_set *s, double f);
/* Name and source of list i (owned by the set), NULL when out of range. */
const char *warnlist_name(const struct warnlist_set *s, size_t i);
const char *warnlist_source(const struct warnlist_set *s, size_t i);
#endif
