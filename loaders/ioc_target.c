#include "loaders/ioc_target.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/observable.h"
#include "graph/xalloc.h"

/* Words that make a file name say nothing about its content. */
static int generic_word(const char *w, size_t n)
{
	static const char *const words[] = {
	    "ioc",    "iocs",	 "indicator", "indicators", "network", "networks",     "c2",
	    "cc",     "ip",	 "ips",	      "ipv4",	    "domain",  "domains",      "hash",
	    "hashes", "malware", "email",     "emails",	    "url",     "urls",	       "list",
	    "lists",  "readme",	 "stix",      "misp",	    "event",   "openioc",      "index",
	    "data",   "all",	 "and",	      "of",	    "md5",     "sha1",	       "sha256",
	    "sample", "samples", "file",      "files",	    "host",    "hosts",	       "hostnames",
	    "txt",    "csv",	 "json",      "xml",	    "export",  "network-iocs",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && !strncasecmp(words[i], w, n))
			return 1;
	return 0;
}

static int generic_name(const char *s, size_t n)
{
	size_t i = 0, words = 0;
	while (i < n) {
		while (i < n && strchr("_-. ", s[i]))
			i++;
		size_t start = i;
		while (i < n && !strchr("_-. ", s[i]))
			i++;
		if (i > start) {
			if (!generic_word(s + start, i - start))
				return 0;
			words++;
		}
	}
	return 1;
}

/* Known data-file extensions, dropped from unit names. */
static size_t strip_ext(const char *s, size_t n)
{
	static const char *const exts[] = {"txt", "csv",  "tsv",   "ioc", "xml",  "adoc",
					   "md",  "json", "jsonl", "lst", "list", "stix"};
	const char *dot = NULL;
	for (size_t i = n; i > 0; i--)
		if (s[i - 1] == '.') {
			dot = s + i - 1;
			break;
		}
	if (!dot || dot == s)
		return n;
	size_t el = n - (size_t)(dot - s) - 1;
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strlen(exts[i]) == el && !strncasecmp(exts[i], dot + 1, el))
			return (size_t)(dot - s);
	return n;
}

void ioc_target_name_from_path(const char *path, struct strbuf *out)
{
	strbuf_reset(out);
	if (!strcmp(path, "-")) {
		strbuf_adds(out, "stdin");
		return;
	}
	size_t end = strlen(path);
	while (end > 1 && path[end - 1] == '/')
		end--;
	const char *pick = path;
	size_t pick_n = end;
	for (int level = 0; level < 4; level++) {
		size_t start = end;
		while (start > 0 && path[start - 1] != '/')
			start--;
		size_t n = level == 0 ? strip_ext(path + start, end - start) : end - start;
		pick = path + start;
		pick_n = n;
		if (n && !generic_name(path + start, n))
			break;
		if (start == 0)
			break;
		end = start - 1;
		while (end > 0 && path[end - 1] == '/')
			end--;
		if (end == 0 || (end == 1 && path[0] == '.') ||
		    (end >= 2 && !strncmp(path + end - 2, "..", 2) &&
		     (end == 2 || path[end - 3] == '/')))
			break;
	}
	for (size_t i = 0; i < pick_n; i++)
		strbuf_addc(out, pick[i] == '_' ? ' ' : pick[i]);
	if (!out->len)
		strbuf_adds(out, path);
}

/* The number of the k digits at s[i..i+k), or -1. */
static int digits_at(const char *s, size_t i, size_t k, size_t n)
{
	int v = 0;
	for (size_t j = i; j < i + k; j++) {
		if (j >= n || !isdigit((unsigned char)s[j]))
			return -1;
		v = v * 10 + (s[j] - '0');
	}
	return v;
}

/* A date written at s[i..n) as YYYY-MM-DD, YYYY_MM_DD or YYYYMMDD and not
 * followed by a letter or digit; DATE_UNKNOWN else. */
static int32_t date_at(const char *s, size_t i, size_t n)
{
	int y = digits_at(s, i, 4, n), m, d;
	size_t end;
	if (y < 0)
		return DATE_UNKNOWN;
	if (i + 4 < n && (s[i + 4] == '-' || s[i + 4] == '_')) {
		m = digits_at(s, i + 5, 2, n);
		d = i + 7 < n && s[i + 7] == s[i + 4] ? digits_at(s, i + 8, 2, n) : -1;
		end = i + 10;
	} else {
		m = digits_at(s, i + 4, 2, n);
		d = digits_at(s, i + 6, 2, n);
		end = i + 8;
	}
	if (m < 0 || d < 0 || y < 1990 || y > 2099 || (end < n && isalnum((unsigned char)s[end])))
		return DATE_UNKNOWN;
	return date_from_ymd(y, m, d);
}

/* "March_2021", "June-2018", "Jun 2022" at s[i..n): the month's first day. */
static int32_t month_year_at(const char *s, size_t i, size_t n)
{
	static const char *const months[] = {"january",	  "february", "march",	  "april",
					     "may",	  "june",     "july",	  "august",
					     "september", "october",  "november", "december"};
	size_t k = i;
	while (k < n && isalpha((unsigned char)s[k]))
		k++;
	size_t wn = k - i;
	if (wn < 3 || k + 5 > n || (s[k] != '_' && s[k] != '-' && s[k] != ' '))
		return DATE_UNKNOWN;
	for (int m = 0; m < 12; m++) {
		size_t ml = strlen(months[m]);
		if ((wn == ml || wn == 3) && !strncasecmp(s + i, months[m], wn)) {
			int y = digits_at(s, k + 1, 4, n);
			if (y < 1990 || y > 2099 || (k + 5 < n && isalnum((unsigned char)s[k + 5])))
				return DATE_UNKNOWN;
			return date_from_ymd(y, m + 1, 1);
		}
	}
	return DATE_UNKNOWN;
}

int32_t ioc_target_date_from_path(const char *path)
{
	size_t end = strlen(path);
	for (int level = 0; level < 3 && end > 0; level++) {
		size_t start = end;
		while (start > 0 && path[start - 1] != '/')
			start--;
		for (size_t i = start; i < end; i++)
			if (i == start || !isalnum((unsigned char)path[i - 1])) {
				int32_t d = isdigit((unsigned char)path[i])
						? date_at(path, i, end)
						: month_year_at(path, i, end);
				if (d != DATE_UNKNOWN)
					return d;
			}
		if (start == 0)
			break;
		end = start - 1;
	}
	return DATE_UNKNOWN;
}

/* True when the URL s[0..n) (up to its path) is on twitter.com or x.com. */
static int twitter_host(const char *s, size_t n)
{
	const char *h = memmem(s, n, "://", 3);
	h = h ? h + 3 : s;
	const char *end = memchr(h, '/', (size_t)(s + n - h));
	size_t hn = end ? (size_t)(end - h) : (size_t)(s + n - h);
	static const char *const hosts[] = {"twitter.com", "x.com"};
	for (size_t i = 0; i < 2; i++) {
		size_t k = strlen(hosts[i]);
		if (hn >= k && !strncasecmp(h + hn - k, hosts[i], k) &&
		    (hn == k || h[hn - k - 1] == '.'))
			return 1;
	}
	return 0;
}

int32_t ioc_target_date_from_url(const char *s, size_t n)
{
	/* a post's id on Twitter/X is a snowflake: milliseconds since
	 * 2010-11-04T01:42:54.657Z in its upper bits */
	static const char status[] = "/status/";
	const char *st = memmem(s, n, status, sizeof(status) - 1);
	if (st && twitter_host(s, (size_t)(st - s))) {
		size_t i = (size_t)(st - s) + sizeof(status) - 1, k = 0;
		unsigned long long id = 0;
		while (i + k < n && isdigit((unsigned char)s[i + k]) && k < 20)
			id = id * 10 + (unsigned long long)(s[i + k++] - '0');
		if (k >= 17 && k <= 19 && (i + k == n || !isdigit((unsigned char)s[i + k]))) {
			unsigned long long ms = (id >> 22) + 1288834974657ULL;
			return (int32_t)(ms / 86400000ULL);
		}
	}
	/* a blog path: /2021/09/23/slug or /2021/09/slug (the month's first) */
	for (size_t i = 0; i + 8 <= n; i++) {
		if (s[i] != '/' || s[i + 5] != '/')
			continue;
		int y = digits_at(s, i + 1, 4, n), m = digits_at(s, i + 6, 2, n);
		if (y < 1990 || y > 2099 || m < 1 || (i + 8 < n && s[i + 8] != '/'))
			continue;
		int d = i + 11 <= n && s[i + 8] == '/' ? digits_at(s, i + 9, 2, n) : -1;
		if (d > 0 && (i + 11 == n || s[i + 11] == '/'))
			return date_from_ymd(y, m, d);
		return date_from_ymd(y, m, 1);
	}
	/* a date in the name: .../2021-09-23-report.pdf */
	for (size_t i = 0; i < n; i++)
		if (isdigit((unsigned char)s[i]) && (i == 0 || !isalnum((unsigned char)s[i - 1]))) {
			int32_t d = date_at(s, i, n);
			if (d != DATE_UNKNOWN)
				return d;
		}
	return DATE_UNKNOWN;
}

void ioc_target_init(struct ioc_target *t, struct load_ctx *c, const char *actor_name,
		     const char *title)
{
	memset(t, 0, sizeof(*t));
	t->c = c;
	t->actor = NODE_NONE;
	t->report = NODE_NONE;
	t->newest = DATE_UNKNOWN;
	t->path_date = ioc_target_date_from_path(c->path);
	if (actor_name && *actor_name) {
		t->actor = graph_named_node(c->g, NODE_ACTOR, actor_name, c->file);
		graph_node_at(c->g, t->actor)->flags |= NODE_F_DEFINED;
		/* the analyst's --as names an actor; a name guessed from a file
		 * name (maltrail's apt_x.txt) does not make an identity */
		const char *as = c->opts ? c->opts->as_name : NULL;
		if (as && !strcmp(as, actor_name))
			alias_strong_identity(c->g, t->actor, actor_name);
	}
	if (title && *title) {
		t->title = xstrdup(title);
	} else {
		struct strbuf sb = STRBUF_INIT;
		ioc_target_name_from_path(c->path, &sb);
		t->title = strbuf_detach(&sb);
	}
}

void ioc_target_set_title(struct ioc_target *t, const char *title)
{
	if (!title || !*title || t->report != NODE_NONE)
		return;
	free(t->title);
	t->title = xstrdup(title);
}

void ioc_target_free(struct ioc_target *t)
{
	free(t->title);
	t->title = NULL;
	for (size_t i = 0; i < t->nnotes; i++)
		free(t->notes[i]);
	free(t->notes);
	t->notes = NULL;
	t->nnotes = 0;
}

void ioc_target_note(struct ioc_target *t, const char *s, size_t n)
{
	if (t->nnotes >= IOC_NOTES_MAX || !n)
		return;
	if (n > IOC_NOTE_MAX)
		n = IOC_NOTE_MAX;
	for (size_t i = 0; i < t->nnotes; i++)
		if (strlen(t->notes[i]) == n && !memcmp(t->notes[i], s, n))
			return;
	if (!t->notes)
		t->notes = xcalloc(IOC_NOTES_MAX, sizeof(*t->notes));
	t->notes[t->nnotes++] = xstrndup(s, n);
}

int ioc_norm(int kind, const char *s, size_t n, struct strbuf *out, struct norm_result *r)
{
	if (kind >= 0 && norm_value(kind, s, n, out, r) == 0)
		return r->kind;
	struct norm_result g;
	if (norm_guess(s, n, out, &g) == 0) {
		*r = g;
		return g.kind;
	}
	if (kind == IOC_KIND_LIST && g.kind != NODE_URL && !memchr(s, '/', n) &&
	    norm_value(NODE_DOMAIN, s, n, out, r) == 0)
		return r->kind;
	/* in a list of values, 32, 40 or 64 digits are an MD5, SHA-1 or SHA-256
	 * whose hex happens to hold no letter (the guess takes them for a
	 * number: they vanished, neither loaded nor skipped) */
	size_t digits = 0;
	while (digits < n && s[digits] >= '0' && s[digits] <= '9')
		digits++;
	if (kind == IOC_KIND_LIST && digits == n && (n == 32 || n == 40 || n == 64) &&
	    norm_value(NODE_FILE, s, n, out, r) == 0)
		return r->kind;
	if (kind < 0)
		*r = g;
	return -1;
}

uint32_t ioc_target_report(struct ioc_target *t)
{
	if (t->report == NODE_NONE) {
		struct load_ctx *c = t->c;
		t->report = graph_report_node(c->g, t->title, NULL, c->file);
		graph_node_at(c->g, t->report)->flags |= NODE_F_DEFINED;
	}
	return t->report;
}

uint32_t ioc_target_add(struct ioc_target *t, int kind, const char *s, size_t n,
			const struct prov *p, uint32_t actor, uint8_t flags, uint32_t line,
			uint32_t col, int quiet)
{
	struct load_ctx *c = t->c;
	struct strbuf out = STRBUF_INIT;
	struct norm_result r;
	int k = ioc_norm(kind, s, n, &out, &r);
	strbuf_free(&out);
	if (k < 0 && quiet)
		return NODE_NONE;
	struct prov dated;
	if (p->first == DATE_UNKNOWN && p->last == DATE_UNKNOWN && t->path_date != DATE_UNKNOWN) {
		dated = *p;
		dated.first = dated.last = t->path_date;
		p = &dated;
	}
	struct obs_site site = {line, col, NULL};
	uint32_t v = obs_add(c->g, k >= 0 ? k : kind < 0 ? -1 : kind, s, n, p, c->d, &site);
	if (v == NODE_NONE)
		return NODE_NONE;
	if (actor == NODE_NONE)
		actor = t->actor;
	if (actor != NODE_NONE) {
		graph_add_edge(c->g, v, actor, REL_INDICATES, p, flags);
	} else {
		struct prov q = *p;
		q.report = ioc_target_report(t);
		graph_add_edge(c->g, q.report, v, REL_MENTIONS, &q, flags);
	}
	int32_t d = p->last != DATE_UNKNOWN ? p->last : p->first;
	if (d != DATE_UNKNOWN && (t->newest == DATE_UNKNOWN || d > t->newest))
		t->newest = d;
	t->added++;
	return v;
}

void ioc_target_finish(struct ioc_target *t)
{
	struct src_file *f = graph_file(t->c->g, t->c->file);
	for (size_t i = 0; t->report != NODE_NONE && i < t->nnotes; i++)
		graph_add_attr(t->c->g, t->report, ATTR_NOTE, t->notes[i], t->c->file);
	if (t->report != NODE_NONE && !f->title)
		f->title = graph_intern(t->c->g, t->title);
	if (t->newest != DATE_UNKNOWN && (f->date == DATE_UNKNOWN || t->newest > f->date))
		f->date = t->newest;
}
