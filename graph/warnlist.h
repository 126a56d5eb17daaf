/* Warninglists: values that link unrelated actors by nature (CDN and cloud
 * ranges, public resolvers, sinkholes, dynamic-DNS parents, shorteners, top
 * sites, special-purpose ranges). A hit makes a shared value weigh little
 * (list_w) and shows it flagged. Lists come from the .txt files of data/warninglists
 * (plain: "# name:", "# source:", "# match: exact|cidr|suffix" headers) and
 * from MISP warninglist JSON files (types string, cidr, hostname, substring,
 * regex). The set owns its lists and strings.
 *
 * Matching: an IPv4/IPv6 value by CIDR containment (and exact text); a
 * domain by exact name, or on a suffix/hostname list also as a subdomain of
 * a listed name; a URL by its whole text and by its host; anything by a
 * MISP substring or regex list. Diagnostics from loading carry the list's
 * path in diag.where (file index UINT32_MAX). */
#ifndef WARNLIST_H
#define WARNLIST_H
#include <stddef.h>
#include <stdint.h>

#include "graph/diag.h"

struct warnlist_set;

struct warnlist_set *warnlist_new(void);
void warnlist_free(struct warnlist_set *s);
/* Loads one list file (plain or MISP JSON, by content). Returns 0 or -1 with
 * an error in d. */
int warnlist_load(struct warnlist_set *s, const char *path, struct diag_list *d);
/* Loads every *.txt and *.json in dir. */
int warnlist_load_dir(struct warnlist_set *s, const char *dir, struct diag_list *d);
/* Checks a normalised value of the given node kind; returns the name of the
 * first matching list (owned by the set) or NULL. */
const char *warnlist_match(const struct warnlist_set *s, int kind, const char *value);
/* The weight factor for a hit (default 0.1). */
double warnlist_factor(const struct warnlist_set *s);
size_t warnlist_count(const struct warnlist_set *s);
/* Changes the hit factor (0..1; other values ignored). */
void warnlist_set_factor(struct warnlist_set *s, double f);
/* Name and source of list i (owned by the set), NULL when out of range. */
const char *warnlist_name(const struct warnlist_set *s, size_t i);
const char *warnlist_source(const struct warnlist_set *s, size_t i);
#endif
