/* Warninglists: the set, its matching, and the plain-text list format.
 * MISP warninglist JSON is read by warnlist_misp.c into the same lists.
 *
 * Each list keeps its entries by how they match:
 *   exact     sorted lower-case strings, binary search
 *   suffix    sorted lower-case host names; a value matches when it is one of
 *             them or a subdomain (each parent of the value is looked up)
 *   substring scanned with strstr (MISP "substring" lists are short)
 *   regex     POSIX extended, compiled once (MISP "regex" lists)
 *   cidr      IPv4 and IPv6 ranges, sorted and merged, binary search
 * Entries that parse as an address or CIDR go to the ranges whatever the
 * list's declared match, so a MISP "string" list of resolver addresses or a
 * plain "exact" list holding a /24 still matches by containment. */
#include "graph/warnlist.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/infile.h"
#include "graph/kind.h"
#include "graph/normalize.h"
#include "graph/strbuf.h"
#include "graph/warnlist_int.h"
#include "graph/xalloc.h"

#define WL_MAX_VALUE 2048 /* longer values are never on a list */
#define WL_MAX_REGEX_LEN 1024
#define WL_MAX_REGEXES 4096	/* per list */
#define WL_MAX_REGEX_COST 20000 /* pattern atoms after glibc's copying */
#define WL_MAX_FILE (64u << 20)
#define WL_MAX_LINE 65536
#define WL_DEFAULT_FACTOR 0.1

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
	for (size_t i = 0; i < l->nrx; i++)
		regfree(&l->rx[i]);
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

struct wl_list *wl_list_add(struct warnlist_set *s, const char *name, const char *source, int match)
{
	XGROW(s->lists, s->cap, s->n + 1);
	struct wl_list *l = &s->lists[s->n++];
	memset(l, 0, sizeof(*l));
	l->name = xstrdup(name && *name ? name : "unnamed list");
	l->source = xstrdup(source ? source : "");
	l->match = match;
	return l;
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

/* Whether glibc's regcomp/regexec can be trusted with re. They cannot with
 * a back-reference (\1..\9: regexec backtracks, "^((a+)\2)+$" takes
 * seconds per value), nor when repetition makes regcomp copy the pattern
 * tree over and over ("a++++..." doubles it per '+', "(a{99}){99}" is 9801
 * copies: gigabytes). The copies are estimated as glibc makes them; over
 * WL_MAX_REGEX_COST atoms the entry is dropped. MISP's regex lists are
 * plain anchored patterns, far below. */
static int regex_tame(const char *re)
{
	enum { MAXD = 64 };
	double stack[MAXD], cur = 0, last = 0;
	int depth = 0;
	for (const char *p = re; *p; p++) {
		if (*p == '\\' && p[1]) {
			if (p[1] >= '1' && p[1] <= '9')
				return 0;
			p++;
			cur += 1, last = 1;
		} else if (*p == '[') {
			/* a bracket expression is one atom: "[]a]", "[^]a]", "[[:alpha:]]" */
			const char *q = p + 1;
			if (*q == '^')
				q++;
			if (*q == ']')
				q++;
			while (*q && *q != ']') {
				if (*q == '[' && (q[1] == ':' || q[1] == '.' || q[1] == '=')) {
					const char *e = strchr(q + 2, q[1]);
					q = e && e[1] == ']' ? e + 2 : q + 1;
				} else {
					q++;
				}
			}
			if (!*q)
				return 0; /* unterminated: regcomp refuses it anyway */
			p = q;
			cur += 1, last = 1;
		} else if (*p == '(') {
			if (depth == MAXD)
				return 0;
			stack[depth++] = cur;
			cur = 0;
		} else if (*p == ')' && depth) {
			last = cur;
			cur = stack[--depth] + last;
		} else if (*p == '+') {
			cur += last, last *= 2;
		} else if (*p == '*' || *p == '?') {
			/* no copy */
		} else if (*p == '{') {
			char *e;
			if (!isdigit((unsigned char)p[1]))
				return 0;
			long lo = strtol(p + 1, &e, 10), hi = lo;
			if (*e == ',') {
				e++;
				/* {n,}: n copies and a star */
				hi = isdigit((unsigned char)*e) ? strtol(e, &e, 10) : lo + 1;
			}
			if (*e != '}' || hi < lo || hi > 1000)
				return 0;
			p = e;
			cur += last * (double)(hi > 1 ? hi - 1 : 0);
			last *= hi > 1 ? (double)hi : 1;
		} else {
			cur += 1, last = 1;
		}
		if (cur > WL_MAX_REGEX_COST || last > WL_MAX_REGEX_COST)
			return 0;
	}
	return 1;
}

static void lower_copy(char *dst, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = (char)tolower((unsigned char)src[i]);
	dst[n] = '\0';
}

void wl_list_entry(struct wl_list *l, const char *value)
{
	while (isspace((unsigned char)*value))
		value++;
	size_t n = strlen(value);
	while (n && isspace((unsigned char)value[n - 1]))
		n--;
	if (n == 0 || n > WL_MAX_VALUE)
		return;
	char *v = xstrndup(value, n);
	uint8_t lo[16], hi[16];
	int fam = l->match == WL_REGEX || l->match == WL_SUBSTRING ? 0 : parse_cidr(v, lo, hi);
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
	} else if (l->match == WL_REGEX) {
		if (l->nrx >= WL_MAX_REGEXES || n > WL_MAX_REGEX_LEN || !regex_tame(v)) {
			l->dropped++;
		} else {
			XGROW(l->rx, l->caprx, l->nrx + 1);
			if (regcomp(&l->rx[l->nrx], v, REG_EXTENDED | REG_NOSUB | REG_ICASE) == 0)
				l->nrx++;
			else
				l->dropped++;
		}
	} else if (l->match == WL_SUBSTRING) {
		XGROW(l->sub, l->capsub, l->nsub + 1);
		lower_copy(v, v, n);
		l->sub[l->nsub++] = xstrdup(v);
	} else {
		const char *p = v;
		/* "*.example.com" and ".example.com" mean the domain and below */
		if (l->match == WL_SUFFIX) {
			if (p[0] == '*' && p[1] == '.')
				p += 2;
			while (*p == '.')
				p++;
		}
		size_t m = strlen(p);
		while (m && p[m - 1] == '.')
			m--;
		if (m) {
			char *e = xmalloc(m + 1);
			lower_copy(e, p, m);
			XGROW(l->strs, l->capstrs, l->nstrs + 1);
			l->strs[l->nstrs++] = e;
		}
	}
	free(v);
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

/* Sorts and merges what was added, so lookups can binary-search. */
void wl_list_seal(struct wl_list *l)
{
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
}

static int has_str(const struct wl_list *l, const char *v)
{
	size_t lo = 0, hi = l->nstrs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(l->strs[mid], v);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
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

/* Exact, substring and regex matching shared by every kind. */
static int match_text(const struct wl_list *l, const char *v)
{
	if (l->match != WL_SUFFIX && has_str(l, v))
		return 1;
	for (size_t i = 0; i < l->nsub; i++)
		if (strstr(v, l->sub[i]))
			return 1;
	for (size_t i = 0; i < l->nrx; i++)
		if (regexec(&l->rx[i], v, 0, NULL, 0) == 0)
			return 1;
	return 0;
}

/* A host name matches a suffix list when it or any parent domain is listed;
 * an exact list only by the whole name. */
static int match_host(const struct wl_list *l, const char *v)
{
	if (match_text(l, v))
		return 1;
	if (l->match != WL_SUFFIX)
		return 0;
	for (const char *p = v; p; p = strchr(p, '.')) {
		if (*p == '.')
			p++;
		if (*p && has_str(l, p))
			return 1;
	}
	return 0;
}

static const char *match_one(const struct wl_list *l, int kind, const char *v)
{
	switch (kind) {
	case NODE_IPV4: {
		struct in_addr a;
		if (l->n4 && inet_pton(AF_INET, v, &a) == 1 && in_r4(l, ntohl(a.s_addr)))
			return l->name;
		return match_text(l, v) ? l->name : NULL;
	}
	case NODE_IPV6: {
		uint8_t a[16];
		if (l->n6 && inet_pton(AF_INET6, v, a) == 1 && in_r6(l, a))
			return l->name;
		return match_text(l, v) ? l->name : NULL;
	}
	case NODE_DOMAIN:
		return match_host(l, v) ? l->name : NULL;
	default:
		return match_text(l, v) ? l->name : NULL;
	}
}

const char *warnlist_match(const struct warnlist_set *s, int kind, const char *value)
{
	if (!s || !value || !s->n)
		return NULL;
	size_t n = strlen(value);
	if (n == 0 || n > WL_MAX_VALUE)
		return NULL;
	char v[WL_MAX_VALUE + 1];
	lower_copy(v, value, n);
	for (size_t i = 0; i < s->n; i++) {
		const char *hit = match_one(&s->lists[i], kind, v);
		if (hit)
			return hit;
	}
	/* a URL is as common as its host: bit.ly/x is on the shortener list */
	if (kind == NODE_URL) {
		struct strbuf host = STRBUF_INIT;
		int hk = norm_url_host(value, &host);
		const char *hit = NULL;
		if (hk == NODE_DOMAIN || hk == NODE_IPV4 || hk == NODE_IPV6)
			hit = warnlist_match(s, hk, strbuf_str(&host));
		strbuf_free(&host);
		return hit;
	}
	return NULL;
}

static int match_mode(const char *s)
{
	if (!strcasecmp(s, "exact") || !strcasecmp(s, "string"))
		return WL_EXACT;
	if (!strcasecmp(s, "cidr"))
		return WL_CIDR;
	if (!strcasecmp(s, "suffix") || !strcasecmp(s, "hostname"))
		return WL_SUFFIX;
	if (!strcasecmp(s, "substring"))
		return WL_SUBSTRING;
	if (!strcasecmp(s, "regex"))
		return WL_REGEX;
	return -1;
}

int wl_match_mode(const char *s)
{
	return match_mode(s);
}

/* "# key: value" header lines; returns the value or NULL. */
static const char *header(const char *line, const char *key)
{
	const char *p = line + 1;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t k = strlen(key);
	if (strncasecmp(p, key, k) != 0 || p[k] != ':')
		return NULL;
	p += k + 1;
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static void chomp(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

static int load_plain(struct warnlist_set *s, const char *path, FILE *fp, struct diag_list *d)
{
	/* a line has a bound of its own (no entry is longer than WL_MAX_VALUE) */
	struct strbuf lb = STRBUF_INIT;
	int too_long;
	char *line = NULL;
	char *name = NULL;
	struct strbuf source = STRBUF_INIT;
	int match = WL_EXACT, in_header = 1, in_source = 0;
	unsigned long lineno = 0;
	struct wl_list *l = NULL;
	while (infile_line(fp, &lb, WL_MAX_LINE, &too_long)) {
		lineno++;
		if (too_long) {
			diag_add(d, UINT32_MAX, DIAG_WARNING, D_LIMIT, (uint32_t)lineno, 1, path,
				 "line longer than %d bytes: skipped", WL_MAX_LINE);
			continue;
		}
		line = lb.buf ? lb.buf : (char *)"";
		chomp(line);
		const char *p = line;
		if (lineno == 1 && (unsigned char)p[0] == 0xef && (unsigned char)p[1] == 0xbb &&
		    (unsigned char)p[2] == 0xbf)
			p += 3;
		if (*p == '#') {
			const char *v;
			if (!in_header)
				continue;
			if ((v = header(p, "name"))) {
				free(name);
				name = xstrdup(v);
				in_source = 0;
			} else if ((v = header(p, "source"))) {
				strbuf_reset(&source);
				strbuf_adds(&source, v);
				in_source = 1;
			} else if ((v = header(p, "match"))) {
				int m = match_mode(v);
				if (m < 0) {
					diag_add(d, UINT32_MAX, DIAG_ERROR, D_INVALID,
						 (uint32_t)lineno, 1, path,
						 "unknown match '%s' (exact, cidr, suffix)", v);
					free(name);
					strbuf_free(&lb);
					strbuf_free(&source);
					return -1;
				}
				match = m;
				in_source = 0;
			} else if (in_source && (p[1] == ' ' || p[1] == '\t') &&
				   (p[2] == ' ' || p[2] == '\t')) {
				/* an indented "#   ..." line continues the source */
				const char *q = p + 1;
				while (*q == ' ' || *q == '\t')
					q++;
				strbuf_addc(&source, ' ');
				strbuf_adds(&source, q);
			} else {
				in_source = 0;
			}
			continue;
		}
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			continue;
		if (!l) {
			const char *base = strrchr(path, '/');
			l = wl_list_add(s,
					name   ? name
					: base ? base + 1
					       : path,
					strbuf_str(&source), match);
		}
		in_header = 0;
		wl_list_entry(l, p);
	}
	if (!l) {
		const char *base = strrchr(path, '/');
		l = wl_list_add(s,
				name   ? name
				: base ? base + 1
				       : path,
				strbuf_str(&source), match);
	}
	wl_list_seal(l);
	free(name);
	strbuf_free(&lb);
	strbuf_free(&source);
	return 0;
}

int warnlist_load(struct warnlist_set *s, const char *path, struct diag_list *d)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		diag_add(d, UINT32_MAX, DIAG_ERROR, D_IO, 0, 0, path, "%s", strerror(errno));
		return -1;
	}
	int c;
	do
		c = fgetc(fp);
	while (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xef || c == 0xbb ||
	       c == 0xbf);
	rewind(fp);
	int rc;
	if (c == '{') {
		struct strbuf buf = STRBUF_INIT;
		char chunk[65536];
		size_t n;
		rc = 0;
		while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
			if (buf.len + n > WL_MAX_FILE) {
				diag_add(d, UINT32_MAX, DIAG_ERROR, D_LIMIT, 0, 0, path,
					 "larger than %u MiB", WL_MAX_FILE >> 20);
				rc = -1;
				break;
			}
			strbuf_add(&buf, chunk, n);
		}
		if (rc == 0)
			rc = wl_load_misp(s, path, buf.buf ? buf.buf : "", buf.len, d);
		strbuf_free(&buf);
	} else {
		rc = load_plain(s, path, fp, d);
	}
	fclose(fp);
	return rc;
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n > m && strcmp(s + n - m, suf) == 0;
}

int warnlist_load_dir(struct warnlist_set *s, const char *dir, struct diag_list *d)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0) {
		diag_add(d, UINT32_MAX, DIAG_ERROR, D_IO, 0, 0, dir, "%s", strerror(errno));
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;
		if (nm[0] != '.' && (has_suffix(nm, ".txt") || has_suffix(nm, ".json"))) {
			char *p = xasprintf("%s/%s", dir, nm);
			if (warnlist_load(s, p, d))
				rc = -1;
			free(p);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}
