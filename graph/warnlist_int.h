/* Private to warnlist.c and warnlist_misp.c: the lists inside a set. */
#ifndef WARNLIST_INT_H
#define WARNLIST_INT_H
#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "graph/diag.h"
#include "graph/warnlist.h"

enum wl_match { WL_EXACT, WL_CIDR, WL_SUFFIX, WL_SUBSTRING, WL_REGEX };

struct wl_range4 {
	uint32_t lo, hi;
};

struct wl_range6 {
	uint8_t lo[16], hi[16];
};

struct wl_list {
	char *name, *source;
	int match;   /* enum wl_match */
	char **strs; /* exact / suffix entries, sorted, lower-case */
	size_t nstrs, capstrs;
	char **sub;
	size_t nsub, capsub;
	regex_t *rx;
	size_t nrx, caprx;
	struct wl_range4 *r4;
	size_t n4, cap4;
	struct wl_range6 *r6;
	size_t n6, cap6;
	size_t dropped; /* regexes refused (too long, too many, invalid) */
};

struct warnlist_set {
	struct wl_list *lists;
	size_t n, cap;
	double factor;
};

struct wl_list *wl_list_add(struct warnlist_set *s, const char *name, const char *source,
			    int match);
void wl_list_entry(struct wl_list *l, const char *value);
void wl_list_seal(struct wl_list *l);
int wl_match_mode(const char *s);
/* Parses a MISP warninglist JSON document held in buf. */
int wl_load_misp(struct warnlist_set *s, const char *path, const char *buf, size_t n,
		 struct diag_list *d);
#endif
