/* Warninglists: the set and its matching (graph/warnlist.h).
 *
 * Each list keeps its entries by how they match:
 *   exact     sorted lower-case strings
 *   suffix    sorted lower-case host names; a value matches when it is one of
 *             them or a subdomain (each parent of the value is looked up)
 *   substring scanned with strstr (MISP "substring" lists are short)
 *   regex     PCRE, compiled once (graph/regexp.h)
 *   cidr      IPv4 and IPv6 ranges, sorted and merged, binary search
 *
 * The exact and suffix entries of every list are also indexed together by
 * their text, each with the lists holding it: a value costs one hash lookup
 * (and one per parent of a host name), not a binary search in each list; a
 * bundle of 466,000 values spent a third of its overlap time in them with
 * thirteen lists. Substring, regex and range entries are tried list by list,
 * only on the lists before the first one the index found. */
#include "graph/warnlist.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/intern.h"
#include "graph/kind.h"
#include "graph/normalize.h"
#include "graph/regexp.h"
#include "graph/xalloc.h"

#define WL_MAX_VALUE 2048   /* longer values are never on a list */
#define WL_MAX_REGEXES 4096 /* per list */
#define WL_DEFAULT_FACTOR 0.1

struct wl_range4 {
	uint32_t lo, hi;
};

struct wl_range6 {
	uint8_t lo[16], hi[16];
};

struct wl_regex {
	struct regexp *re; /* NULL once dropped for going over a limit */
	char *pattern;
	char *dropped_on; /* the value it went over a limit on, until reported */
};

struct wl_list {
	char *name, *source;
	int match;	/* enum warnlist_match */
	double factor;	/* a hit's weight, -1: the set's */
	int hosts_only; /* a URL is not matched by its host */
	char **strs; /* exact / suffix entries, sorted, lower-case */
	size_t nstrs, capstrs;
	char **sub;
	size_t nsub, capsub;
	struct wl_regex *rx;
	size_t nrx, caprx;
	struct wl_range4 *r4;
	size_t n4, cap4;
	struct wl_range6 *r6;
	size_t n6, cap6;
	int indexed; /* its strs are in the set's index */
};

/* One list holding an indexed text; next: the text's next holder. */
struct wl_holder {
	uint32_t list, next;
};

struct warnlist_set {
	struct wl_list *lists;
	size_t n, cap;
	double factor;
	/* the index: entry texts (intern ids), each id's first holder */
	struct intern *text;
	uint32_t *head;
	size_t caphead;
	struct wl_holder *hold;
	size_t nhold, caphold;
};

struct warnlist_set *warnlist_new(void)
{
	struct warnlist_set *s = xcalloc(1, sizeof(*s));
	s->factor = WL_DEFAULT_FACTOR;
	return s;
}

static void list_free(struct wl_list *l)
{
	free(l->name);
	free(l->source);
	for (size_t i = 0; i < l->nstrs; i++)
		free(l->strs[i]);
	free(l->strs);
	for (size_t i = 0; i < l->nsub; i++)
		free(l->sub[i]);
	free(l->sub);
	for (size_t i = 0; i < l->nrx; i++) {
		regexp_free(l->rx[i].re);
		free(l->rx[i].pattern);
		free(l->rx[i].dropped_on);
	}
	free(l->rx);
	free(l->r4);
	free(l->r6);
}

void warnlist_free(struct warnlist_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		list_free(&s->lists[i]);
	free(s->lists);
	intern_free(s->text);
	free(s->head);
	free(s->hold);
	free(s);
}

double warnlist_factor(const struct warnlist_set *s)
{
	return s ? s->factor : WL_DEFAULT_FACTOR;
}

void warnlist_set_factor(struct warnlist_set *s, double f)
{
	if (s && f >= 0 && f <= 1)
		s->factor = f;
}

size_t warnlist_count(const struct warnlist_set *s)
{
	return s ? s->n : 0;
}

const char *warnlist_name(const struct warnlist_set *s, size_t i)
{
	return s && i < s->n ? s->lists[i].name : NULL;
}

const char *warnlist_source(const struct warnlist_set *s, size_t i)
{
	return s && i < s->n ? s->lists[i].source : NULL;
}

size_t warnlist_add(struct warnlist_set *s, const char *name, const char *source,
		    enum warnlist_match match)
{
	XGROW(s->lists, s->cap, s->n + 1);
	struct wl_list *l = &s->lists[s->n];
	memset(l, 0, sizeof(*l));
	l->name = xstrdup(name && *name ? name : "unnamed list");
	l->source = xstrdup(source ? source : "");
	l->match = match;
	l->factor = -1;
	return s->n++;
}

/* Parses "a.b.c.d", "a.b.c.d/n", IPv6 and IPv6/n. Returns 4 or 6, or 0. */
static int parse_cidr(const char *s, uint8_t lo[16], uint8_t hi[16])
{
	char buf[64];
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n + 1);
	long bits = -1;
	char *slash = strchr(buf, '/');
	if (slash) {
		*slash = '\0';
		char *end;
		errno = 0;
		bits = strtol(slash + 1, &end, 10);
		if (*end || end == slash + 1 || errno)
			return 0;
	}
	int fam;
	size_t len;
	if (inet_pton(AF_INET, buf, lo) == 1) {
		fam = 4;
		len = 4;
	} else if (inet_pton(AF_INET6, buf, lo) == 1) {
		fam = 6;
		len = 16;
	} else {
		return 0;
	}
	long maxbits = (long)len * 8;
	if (bits < 0)
		bits = maxbits;
	if (bits > maxbits)
		return 0;
	for (size_t i = 0; i < len; i++) {
		long keep = bits - (long)i * 8; /* bits of this byte inside the prefix */
		uint8_t mask = keep >= 8 ? 0xff : keep <= 0 ? 0 : (uint8_t)(0xff << (8 - keep));
		lo[i] &= mask;
		hi[i] = lo[i] | (uint8_t)~mask;
	}
	return fam;
}

static void lower_copy(char *dst, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = (char)tolower((unsigned char)src[i]);
	dst[n] = '\0';
}

/* An entry of an exact or suffix list as values are keyed: lower-case, and
 * a name written in Unicode (a MISP list's "caf\u00e9.example") as the
 * A-label normalize.h turns every domain, URL host and e-mail domain into. */
static char *entry_key(const char *p, size_t m)
{
	int ascii = 1;
	for (size_t i = 0; i < m; i++)
		ascii &= (unsigned char)p[i] < 0x80;
	if (!ascii) {
		struct strbuf out = STRBUF_INIT;
		struct norm_result r;
		if (norm_value(NODE_DOMAIN, p, m, &out, &r) == 0 ||
		    (norm_guess(p, m, &out, &r) == 0 &&
		     (r.kind == NODE_URL || r.kind == NODE_EMAIL)))
			return strbuf_detach(&out);
		strbuf_free(&out);
	}
	char *e = xmalloc(m + 1);
	lower_copy(e, p, m);
	return e;
}

int warnlist_add_entry(struct warnlist_set *s, size_t list, const char *value, struct strbuf *why)
{
	struct wl_list *l = &s->lists[list];
	strbuf_reset(why);
	while (isspace((unsigned char)*value))
		value++;
	size_t n = strlen(value);
	while (n && isspace((unsigned char)value[n - 1]))
		n--;
	if (n == 0)
		return 0;
	if (l->match == WARNLIST_REGEX) {
		if (l->nrx >= WL_MAX_REGEXES) {
			strbuf_addf(why, "more than %d regular expressions in one list",
				    WL_MAX_REGEXES);
			return -1;
		}
		struct regexp *re = regexp_new(value, n, why);
		if (!re)
			return -1;
		XGROW(l->rx, l->caprx, l->nrx + 1);
		l->rx[l->nrx].re = re;
		l->rx[l->nrx].pattern = xstrndup(value, n);
		l->rx[l->nrx].dropped_on = NULL;
		l->nrx++;
		return 0;
	}
	if (n > WL_MAX_VALUE)
		return 0;
	char *v = xstrndup(value, n);
	uint8_t lo[16], hi[16];
	int fam = l->match == WARNLIST_SUBSTRING ? 0 : parse_cidr(v, lo, hi);
	if (fam == 4) {
		XGROW(l->r4, l->cap4, l->n4 + 1);
		l->r4[l->n4].lo =
		    (uint32_t)lo[0] << 24 | (uint32_t)lo[1] << 16 | (uint32_t)lo[2] << 8 | lo[3];
		l->r4[l->n4].hi =
		    (uint32_t)hi[0] << 24 | (uint32_t)hi[1] << 16 | (uint32_t)hi[2] << 8 | hi[3];
		l->n4++;
	} else if (fam == 6) {
		XGROW(l->r6, l->cap6, l->n6 + 1);
		memcpy(l->r6[l->n6].lo, lo, 16);
		memcpy(l->r6[l->n6].hi, hi, 16);
		l->n6++;
	} else if (l->match == WARNLIST_SUBSTRING) {
		XGROW(l->sub, l->capsub, l->nsub + 1);
		lower_copy(v, v, n);
		l->sub[l->nsub++] = xstrdup(v);
	} else {
		const char *p = v;
		/* "*.example.com" and ".example.com" mean the domain and below */
		if (l->match == WARNLIST_SUFFIX) {
			if (p[0] == '*' && p[1] == '.')
				p += 2;
			while (*p == '.')
				p++;
		}
		size_t m = strlen(p);
		while (m && p[m - 1] == '.')
			m--;
		if (m) {
			XGROW(l->strs, l->capstrs, l->nstrs + 1);
			l->strs[l->nstrs++] = entry_key(p, m);
		}
	}
	free(v);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_r4(const void *a, const void *b)
{
	const struct wl_range4 *x = a, *y = b;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static int cmp_r6(const void *a, const void *b)
{
	return memcmp(((const struct wl_range6 *)a)->lo, ((const struct wl_range6 *)b)->lo, 16);
}

static void index_list(struct warnlist_set *s, size_t list)
{
	struct wl_list *l = &s->lists[list];
	if (!s->text)
		s->text = intern_new();
	for (size_t i = 0; i < l->nstrs; i++) {
		uint32_t id = intern_puts(s->text, l->strs[i]);
		if (id >= s->caphead) {
			size_t old = s->caphead;
			XGROW(s->head, s->caphead, (size_t)id + 1);
			for (size_t k = old; k < s->caphead; k++)
				s->head[k] = UINT32_MAX;
		}
		XGROW(s->hold, s->caphold, s->nhold + 1);
		s->hold[s->nhold].list = (uint32_t)list;
		s->hold[s->nhold].next = s->head[id];
		s->head[id] = (uint32_t)s->nhold++;
	}
	l->indexed = 1;
}

/* Indexes a newly sealed list; a list sealed again (entries added after
 * its seal) rebuilds the index, so no entry is held twice or missed. */
static void index_sealed(struct warnlist_set *s, size_t list)
{
	if (!s->lists[list].indexed) {
		index_list(s, list);
		return;
	}
	intern_free(s->text);
	s->text = NULL;
	s->nhold = 0;
	for (size_t k = 0; k < s->caphead; k++)
		s->head[k] = UINT32_MAX;
	for (size_t i = 0; i < s->n; i++)
		if (s->lists[i].indexed || i == list)
			index_list(s, i);
}

/* Sorts and merges what was added, so lookups can binary-search. */
void warnlist_seal(struct warnlist_set *s, size_t list)
{
	struct wl_list *l = &s->lists[list];
	if (l->nstrs > 1) {
		qsort(l->strs, l->nstrs, sizeof(*l->strs), cmp_str);
		size_t w = 1;
		for (size_t i = 1; i < l->nstrs; i++) {
			if (strcmp(l->strs[i], l->strs[w - 1]) == 0)
				free(l->strs[i]);
			else
				l->strs[w++] = l->strs[i];
		}
		l->nstrs = w;
	}
	if (l->n4 > 1) {
		qsort(l->r4, l->n4, sizeof(*l->r4), cmp_r4);
		size_t w = 1;
		for (size_t i = 1; i < l->n4; i++) {
			struct wl_range4 *last = &l->r4[w - 1];
			if (l->r4[i].lo <= last->hi ||
			    (last->hi != UINT32_MAX && l->r4[i].lo == last->hi + 1)) {
				if (l->r4[i].hi > last->hi)
					last->hi = l->r4[i].hi;
			} else {
				l->r4[w++] = l->r4[i];
			}
		}
		l->n4 = w;
	}
	if (l->n6 > 1) {
		qsort(l->r6, l->n6, sizeof(*l->r6), cmp_r6);
		size_t w = 1;
		for (size_t i = 1; i < l->n6; i++) {
			struct wl_range6 *last = &l->r6[w - 1];
			if (memcmp(l->r6[i].lo, last->hi, 16) <= 0) {
				if (memcmp(l->r6[i].hi, last->hi, 16) > 0)
					memcpy(last->hi, l->r6[i].hi, 16);
			} else {
				l->r6[w++] = l->r6[i];
			}
		}
		l->n6 = w;
	}
	index_sealed(s, list);
}

static int in_r4(const struct wl_list *l, uint32_t ip)
{
	/* last range with lo <= ip */
	size_t lo = 0, hi = l->n4;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->r4[mid].lo <= ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && ip <= l->r4[lo - 1].hi;
}

static int in_r6(const struct wl_list *l, const uint8_t ip[16])
{
	size_t lo = 0, hi = l->n6;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (memcmp(l->r6[mid].lo, ip, 16) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && memcmp(ip, l->r6[lo - 1].hi, 16) <= 0;
}

/* Substring and regex matching, the entries the index does not hold. */
static int match_loose(const struct wl_list *l, const char *v)
{
	for (size_t i = 0; i < l->nsub; i++)
		if (strstr(v, l->sub[i]))
			return 1;
	for (size_t i = 0; i < l->nrx; i++) {
		struct wl_regex *x = &l->rx[i];
		if (!x->re)
			continue;
		int m = regexp_match(x->re, v, strlen(v));
		if (m == REGEXP_MATCH)
			return 1;
		if (m == REGEXP_OVER_LIMIT) {
			/* dropped for good: the next value would likely cost as much */
			regexp_free(x->re);
			x->re = NULL;
			x->dropped_on = xstrdup(v);
		}
	}
	return 0;
}

void warnlist_list_terms(struct warnlist_set *s, size_t list, double factor, int hosts_only)
{
	if (!s || list >= s->n)
		return;
	s->lists[list].factor = factor >= 0 && factor <= 1 ? factor : -1;
	s->lists[list].hosts_only = hosts_only != 0;
}

/* Which lists a lookup may hit: all; all but lists of shared services'
 * hosts (a URL's host: those never flag the URL); only those. */
enum wl_filter { WL_ALL, WL_NOT_HOSTS, WL_ONLY_HOSTS };

static int list_ok(const struct wl_list *l, int filter)
{
	return filter == WL_ALL || (filter == WL_ONLY_HOSTS) == (l->hosts_only != 0);
}

/* The first list (by index) holding text as an entry that applies: on a
 * list that is not a suffix list for the whole value (whole), on a suffix
 * list for a host name or one of its parents (host). UINT32_MAX when none. */
static uint32_t first_holder(const struct warnlist_set *s, const char *text, int whole, int host,
			     int filter)
{
	uint32_t id = s->text ? intern_find(s->text, text, strlen(text)) : UINT32_MAX;
	if (id == UINT32_MAX || id >= s->caphead)
		return UINT32_MAX;
	uint32_t best = UINT32_MAX;
	for (uint32_t h = s->head[id]; h != UINT32_MAX; h = s->hold[h].next) {
		uint32_t i = s->hold[h].list;
		const struct wl_list *l = &s->lists[i];
		int suffix = l->match == WARNLIST_SUFFIX;
		if (i < best && ((whole && !suffix) || (host && suffix)) && list_ok(l, filter))
			best = i;
	}
	return best;
}

/* The index of the first list matching v (lower-case) of the kind, or
 * UINT32_MAX: as trying each list in turn with all its entries would. */
static uint32_t first_match(const struct warnlist_set *s, int kind, const char *v, int filter)
{
	int domain = kind == NODE_DOMAIN;
	uint32_t best = first_holder(s, v, 1, domain, filter);
	for (const char *p = domain ? strchr(v, '.') : NULL; p; p = strchr(p, '.')) {
		p++;
		uint32_t i = *p ? first_holder(s, p, 0, 1, filter) : UINT32_MAX;
		best = i < best ? i : best;
	}
	struct in_addr a4;
	uint8_t a6[16];
	int is4 = kind == NODE_IPV4 && inet_pton(AF_INET, v, &a4) == 1;
	int is6 = kind == NODE_IPV6 && inet_pton(AF_INET6, v, a6) == 1;
	uint32_t ip4 = is4 ? ntohl(a4.s_addr) : 0;
	for (uint32_t i = 0; i < best && i < s->n; i++) {
		const struct wl_list *l = &s->lists[i];
		if (!list_ok(l, filter))
			continue;
		if ((is4 && l->n4 && in_r4(l, ip4)) || (is6 && l->n6 && in_r6(l, a6)) ||
		    match_loose(l, v))
			return i;
	}
	return best;
}

/* Whether a host is on a list of shared services' hosts. */
static int shared_service(const struct warnlist_set *s, int kind, const char *host)
{
	size_t n = strlen(host);
	if (n == 0 || n > WL_MAX_VALUE)
		return 0;
	char v[WL_MAX_VALUE + 1];
	lower_copy(v, host, n);
	return first_match(s, kind, v, WL_ONLY_HOSTS) != UINT32_MAX;
}

/* The first list matching value, or NULL; by_host: the value is a URL's
 * host (lists of shared services' hosts do not flag the URL). */
static const struct wl_list *match_list(const struct warnlist_set *s, int kind, const char *value,
					int by_host)
{
	size_t n = strlen(value);
	if (n == 0 || n > WL_MAX_VALUE)
		return NULL;
	char v[WL_MAX_VALUE + 1];
	lower_copy(v, value, n);
	uint32_t i = first_match(s, kind, v, by_host ? WL_NOT_HOSTS : WL_ALL);
	if (i != UINT32_MAX)
		return &s->lists[i];
	/* a URL is as common as its host: a CDN's address serves everyone;
	 * but a URL on a shared service's host (a file on a sharing site, a
	 * paste) is the user's own, whatever else lists the host */
	if (kind == NODE_URL && !by_host) {
		struct strbuf host = STRBUF_INIT;
		int hk = norm_url_host(value, &host);
		const struct wl_list *hit = NULL;
		if ((hk == NODE_DOMAIN || hk == NODE_IPV4 || hk == NODE_IPV6) &&
		    !shared_service(s, hk, strbuf_str(&host)))
			hit = match_list(s, hk, strbuf_str(&host), 1);
		strbuf_free(&host);
		return hit;
	}
	return NULL;
}

const char *warnlist_match_w(const struct warnlist_set *s, int kind, const char *value,
			     double *factor)
{
	*factor = 1;
	if (!s || !value || !s->n)
		return NULL;
	const struct wl_list *l = match_list(s, kind, value, 0);
	if (!l)
		return NULL;
	*factor = l->factor >= 0 ? l->factor : s->factor;
	return l->name;
}

const char *warnlist_match(const struct warnlist_set *s, int kind, const char *value)
{
	double f;
	return warnlist_match_w(s, kind, value, &f);
}

int warnlist_match_mode(const char *s)
{
	static const struct {
		const char *name;
		enum warnlist_match match;
	} modes[] = {
	    {"exact", WARNLIST_EXACT},	   {"string", WARNLIST_EXACT},
	    {"cidr", WARNLIST_CIDR},	   {"suffix", WARNLIST_SUFFIX},
	    {"hostname", WARNLIST_SUFFIX}, {"substring", WARNLIST_SUBSTRING},
	    {"regex", WARNLIST_REGEX},
	};
	for (size_t i = 0; s && i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcasecmp(s, modes[i].name))
			return (int)modes[i].match;
	return -1;
}

void warnlist_report_dropped(struct warnlist_set *s, struct diag_list *d)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		struct wl_list *l = &s->lists[i];
		for (size_t k = 0; k < l->nrx; k++) {
			struct wl_regex *x = &l->rx[k];
			if (!x->dropped_on)
				continue;
			diag_add(d, UINT32_MAX, DIAG_WARNING, D_LIMIT, 0, 0, l->name,
				 "regular expression '%s' dropped: over the match limits on '%s'",
				 x->pattern, x->dropped_on);
			free(x->dropped_on);
			x->dropped_on = NULL;
		}
	}
}
