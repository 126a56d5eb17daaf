/* One-value-per-line IOC lists: maltrail trail files, vendor "network.txt"
 * dumps, sectioned lists ("C2 Domains:" then values). The actor is --as
 * NAME, else the file name of a maltrail trail (apt_quarian.txt -> Quarian,
 * with "# Aliases:" claimed as aliases), else the file is a unit of its own.
 * Words after a value ("hash (C2: host[.]com)") are searched for more. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/normalize.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"
#include "loaders/ioc_target.h"
#include "loaders/load.h"
#include "loaders/textfile.h"
#include "loaders/textscan.h"

struct list_state {
	struct load_ctx *c;
	struct ioc_target t;
	struct prov p;
	uint32_t line;
	size_t line_off;      /* column base for textscan hits */
	int section;	      /* what the last header announced (textscan_section_kind) */
	int serial;	      /* the line labels a certificate serial number */
	int values_since_ref; /* a value line came after the last "# Reference:" */
};

/* maltrail blocks: "# Reference:" lines, then the values they report. The
 * references' publication dates (a post id, a blog path) date the block. */
static void reference_date(struct list_state *st, const char *url, size_t n)
{
	if (st->values_since_ref) {
		st->p.first = st->p.last = DATE_UNKNOWN;
		st->values_since_ref = 0;
	}
	int32_t d = ioc_target_date_from_url(url, n);
	if (d == DATE_UNKNOWN)
		return;
	if (st->p.first == DATE_UNKNOWN || d < st->p.first)
		st->p.first = d;
	if (st->p.last == DATE_UNKNOWN || d > st->p.last)
		st->p.last = d;
}

/* Under a certificate header, a hash is a certificate fingerprint; a serial
 * number there is neither (-2: skip). */
static int section_kind(const struct list_state *st, int kind)
{
	if (st->section != NODE_X509 || kind != NODE_FILE)
		return kind;
	return st->serial ? -2 : NODE_X509;
}

/* "# Aliases: a, b" / "# Reference: url": the header key, or NULL. */
static const char *header_value(const char *s, size_t n, const char *key, size_t *vn)
{
	while (n && (*s == '#' || *s == ' ' || *s == '\t'))
		s++, n--;
	size_t kl = strlen(key);
	if (n <= kl || strncasecmp(s, key, kl) || s[kl] != ':')
		return NULL;
	s += kl + 1, n -= kl + 1;
	textfile_trim(&s, &n);
	*vn = n;
	return s;
}

/* The publisher's spelling of the name whose key is key, from the words of
 * the "# Reference:" URLs (refs, one per line): "CopyKittens" in
 * ".../CopyKittens/CopyKittens.pdf", "MUDCARP" in "...-Security-MUDCARP-
 * Full-Report.pdf". A word with an upper-case letter only; mixed case wins
 * over all capitals. NULL when none; the caller frees. */
static char *spelling_in_refs(const char *refs, const char *key)
{
	struct strbuf wk = STRBUF_INIT;
	char *best = NULL;
	int best_mixed = 0;
	for (const char *p = refs; p && *p;) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		const char *w = p;
		int upper = 0, lower = 0;
		while (*p && isalnum((unsigned char)*p)) {
			upper |= isupper((unsigned char)*p) != 0;
			lower |= islower((unsigned char)*p) != 0;
			p++;
		}
		if (!upper || p == w)
			continue;
		norm_name_key(w, (size_t)(p - w), &wk);
		if (strcmp(strbuf_str(&wk), key) == 0 && (!best || (lower && !best_mixed))) {
			free(best);
			best = xstrndup(w, (size_t)(p - w));
			best_mixed = lower;
		}
	}
	strbuf_free(&wk);
	return best;
}

/* maltrail file name -> readable actor name: "apt_quarian.txt" -> "Quarian",
 * "apt_27.txt" -> "APT27", "apt_unc6691.txt" -> "UNC6691". An alias that is
 * the same name gives the spelling ("Ke3chang"), else a reference URL does
 * ("CopyKittens"). */
static char *maltrail_actor(const char *path, const char *aliases, size_t an, const char *refs)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (strncasecmp(base, "apt_", 4))
		return NULL;
	base += 4;
	size_t n = strlen(base);
	const char *dot = strrchr(base, '.');
	if (dot)
		n = (size_t)(dot - base);
	if (!n)
		return NULL;
	struct strbuf key = STRBUF_INIT, ak = STRBUF_INIT;
	norm_name_key(base, n, &key);
	/* the aliases' own spelling of the same name */
	const char *a = aliases;
	while (a && a < aliases + an) {
		const char *e = memchr(a, ',', (size_t)(aliases + an - a));
		size_t len = e ? (size_t)(e - a) : (size_t)(aliases + an - a);
		const char *w = a;
		size_t wn = len;
		textfile_trim(&w, &wn);
		norm_name_key(w, wn, &ak);
		int mixed = 0;
		for (size_t i = 0; i < wn; i++)
			mixed |= isupper((unsigned char)w[i]);
		if (wn && mixed && !strcmp(strbuf_str(&ak), strbuf_str(&key))) {
			strbuf_free(&key);
			strbuf_free(&ak);
			return xstrndup(w, wn);
		}
		a = e ? e + 1 : NULL;
	}
	strbuf_free(&ak);
	char *spelt = spelling_in_refs(refs, strbuf_str(&key));
	strbuf_free(&key);
	if (spelt)
		return spelt;
	size_t digits = strspn(base, "0123456789");
	if (digits == n)
		return xasprintf("APT%.*s", (int)n, base);
	static const char *const codes[] = {"unc", "ta",  "tag",  "fin", "apt", "uat",
					    "uta", "dev", "temp", "tg",	 "sig", NULL};
	for (const char *const *k = codes; *k; k++) {
		size_t kl = strlen(*k);
		if (n > kl && !strncasecmp(base, *k, kl) && isdigit((unsigned char)base[kl])) {
			char *r = xstrndup(base, n);
			for (char *p = r; *p; p++)
				*p = (char)toupper((unsigned char)*p);
			return r;
		}
	}
	char *r = xstrndup(base, n);
	r[0] = (char)toupper((unsigned char)r[0]);
	return r;
}

/* "# Copyright (c) 2014-2026 Maltrail developers (https://...)": the
 * holder publishes the list. */
static void copyright_holder(struct load_ctx *c, const char *v, size_t n)
{
	const char *end = v + n;
	for (;;) { /* ":", "(c)", "©", years and ranges before the name */
		while (v < end && (*v == ' ' || *v == ',' || *v == '-' || *v == ':' ||
				   isdigit((unsigned char)*v)))
			v++;
		if (end - v >= 3 && !strncasecmp(v, "(c)", 3))
			v += 3;
		else if (end - v >= 2 && !memcmp(v, "\xc2\xa9", 2))
			v += 2;
		else
			break;
	}
	const char *stop = memchr(v, '(', (size_t)(end - v));
	size_t len = (size_t)((stop ? stop : end) - v);
	while (len && (v[len - 1] == ' ' || v[len - 1] == '.'))
		len--;
	if (len && len < 80)
		graph_file(c->g, c->file)->publisher = graph_intern_n(c->g, v, len);
}

static void on_hit(void *arg, const struct textscan_hit *h)
{
	struct list_state *st = arg;
	int kind = section_kind(st, h->kind);
	if (kind == -2)
		return;
	ioc_target_add(&st->t, kind, h->s, h->n, &st->p, NODE_NONE, 0, st->line,
		       (uint32_t)(st->line_off + h->col + 1), 1);
}

/* A token that is only a path ("/wp-content/x.php") names no host. */
static int path_only(const char *s, size_t n)
{
	return n && s[0] == '/';
}

int ioclist_load(struct load_ctx *c)
{
	/* streamed, line by line: memory does not grow with the list */
	struct textfile tf;
	textfile_stream(c, &tf);
	/* First pass: maltrail headers name the actor; a NUL byte anywhere
	 * refuses the file before anything is loaded. */
	const char *line;
	char *aliases = NULL;
	size_t n, an = 0;
	struct strbuf refs = STRBUF_INIT;
	while (textfile_next(&tf, &line, &n)) {
		const char *v;
		size_t vn;
		if (n && line[0] == '#' && (v = header_value(line, n, "Aliases", &vn)) &&
		    !aliases) {
			aliases = xstrndup(v, vn);
			an = vn;
		}
		if (n > 11 && !strncasecmp(line, "# Copyright", 11) &&
		    !graph_file(c->g, c->file)->publisher)
			copyright_holder(c, line + 11, n - 11);
		if (n && line[0] == '#' && (v = header_value(line, n, "Reference", &vn)) &&
		    refs.len < 65536) {
			strbuf_add(&refs, v, vn);
			strbuf_addc(&refs, '\n');
		}
	}
	if (tf.error) {
		free(aliases);
		strbuf_free(&refs);
		textfile_free(&tf);
		return -1;
	}
	textfile_rewind(&tf);
	const char *as = c->opts ? c->opts->as_name : NULL;
	char *actor_name =
	    as && *as ? xstrdup(as) : maltrail_actor(c->path, aliases, an, strbuf_str(&refs));
	strbuf_free(&refs);
	struct list_state st = {.c = c, .section = -1};
	ioc_target_init(&st.t, c, actor_name, NULL);
	st.p = prov_empty(c->file);
	if (st.t.actor != NODE_NONE && aliases) {
		const char *a = aliases;
		while (a && a < aliases + an) {
			const char *e = memchr(a, ',', (size_t)(aliases + an - a));
			const char *w = a;
			size_t wn = e ? (size_t)(e - a) : (size_t)(aliases + an - a);
			textfile_trim(&w, &wn);
			if (wn) {
				char *name = xstrndup(w, wn);
				/* a comment line: the weakest kind of claim */
				alias_claim_as(c->g, st.t.actor, name, c->file, ALIAS_WEAK);
				free(name);
			}
			a = e ? e + 1 : NULL;
		}
	}
	uint32_t paths = 0;
	struct strbuf obj = STRBUF_INIT;
	while (textfile_next(&tf, &line, &n)) {
		const char *s = line;
		size_t sn = n;
		textfile_trim(&s, &sn);
		if (!sn)
			continue;
		st.line = tf.line;
		if (s[0] == '#') {
			const char *v;
			size_t vn, hn = sn;
			const char *h = s;
			while (hn && (*h == '#' || *h == ' '))
				h++, hn--;
			st.section = textscan_section_kind(h, hn); /* "# SSL certificates" */
			if ((v = header_value(s, sn, "Reference", &vn)) && vn) {
				reference_date(&st, v, vn);
				if (st.t.actor != NODE_NONE) {
					char *ref = xstrndup(v, vn);
					graph_add_attr(c->g, st.t.actor, ATTR_REFERENCE, ref,
						       c->file);
					free(ref);
				}
			}
			continue;
		}
		/* an inline comment: "value # note" */
		for (size_t i = 1; i < sn; i++)
			if (s[i] == '#' && isspace((unsigned char)s[i - 1])) {
				sn = i;
				textfile_trim(&s, &sn);
				break;
			}
		size_t tok = 0;
		while (tok < sn && !isspace((unsigned char)s[tok]) && s[tok] != ',' &&
		       s[tok] != ';' &&
		       !((unsigned char)s[tok] == 0xC2 && tok + 1 < sn &&
			 (unsigned char)s[tok + 1] == 0xA0))
			tok++;
		strbuf_reset(&obj);
		strbuf_addf(&obj, "line %u", (unsigned)tf.line);
		st.p.obj = graph_intern(c->g, strbuf_str(&obj));
		st.values_since_ref = 1;
		c->objects++;
		if (path_only(s, tok)) {
			paths++;
			c->skipped++;
			continue;
		}
		struct strbuf out = STRBUF_INIT;
		struct norm_result r;
		int kind = tok == sn ? IOC_KIND_LIST : -1;
		int k = ioc_norm(kind, s, tok, &out, &r);
		strbuf_free(&out);
		size_t rest = tok;
		st.serial =
		    st.section == NODE_X509 && memmem(s, sn, "erial", 5); /* Serial, serial */
		if (k >= 0 && section_kind(&st, k) == -2) {
			c->skipped++;
		} else if (k >= 0) {
			ioc_target_add(&st.t, section_kind(&st, k) == NODE_X509 ? NODE_X509 : kind,
				       s, tok, &st.p, NODE_NONE, 0, tf.line,
				       (uint32_t)(s - line + 1), 0);
		} else {
			rest = 0; /* the first word is no value: search the whole line */
		}
		st.line_off = (size_t)(s - line) + rest;
		size_t more = textscan_line(s + rest, sn - rest, TEXTSCAN_PROSE, on_hit, &st);
		if (k < 0 && !more) {
			/* A section header ("C2 Domains:", "SHA256") or a note. A lone
			 * token that looks like a value attempt gets a warning. */
			c->objects--;
			st.section = textscan_section_kind(s, sn);
			if (tok == sn && memchr(s, '.', sn) && s[sn - 1] != ':') {
				c->objects++;
				c->skipped++;
				ioc_target_add(&st.t, -1, s, tok, &st.p, NODE_NONE, 0, tf.line,
					       (uint32_t)(s - line + 1), 0);
			}
		}
	}
	if (paths)
		diag_add(c->d, c->file, DIAG_QUIRK, D_UNSUPPORTED, 0, 0, NULL,
			 "%u URL paths without a host skipped", paths);
	ioc_target_finish(&st.t);
	ioc_target_free(&st.t);
	strbuf_free(&obj);
	free(actor_name);
	free(aliases);
	textfile_free(&tf);
	return 0;
}
