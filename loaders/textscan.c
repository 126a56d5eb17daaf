#include "loaders/textscan.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "graph/kind.h"
#include "graph/normalize.h"
#include "graph/pubsuffix.h"
#include "graph/strbuf.h"

/* Top-level labels that in prose are far more often file types than the
 * countries they name (README.md, build.sh, setup.py, libfoo.so). File
 * types that are delegated gTLDs (.zip, .mov) normalize.c refuses already
 * whenever it guesses. */
static const char *const prose_tlds[] = {"md", "sh", "py", "so"};

int textscan_tld_ok(const char *tld, size_t n)
{
	char lc[64];
	if (n == 0 || n >= sizeof(lc))
		return 0;
	for (size_t i = 0; i < n; i++)
		lc[i] = (char)tolower((unsigned char)tld[i]);
	lc[n] = '\0';
	for (size_t i = 0; i < sizeof(prose_tlds) / sizeof(prose_tlds[0]); i++)
		if (!strcmp(lc, prose_tlds[i]))
			return 0;
	return pubsuffix_is_tld(lc);
}

int textscan_section_kind(const char *s, size_t n)
{
	static const char *const cert_words[] = {"certificate", "certificates", "cert", "certs",
						 "ssl",		"tls",		"x509", "x.509",
						 "thumbprint",	"thumbprints"};
	enum { HEADING_MAX = 80 };
	if (n > HEADING_MAX || memmem(s, n, "://", 3))
		return -1;
	int cert = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && !isalnum((unsigned char)s[i]))
			i++;
		size_t start = i;
		while (i < n && (isalnum((unsigned char)s[i]) ||
				 (s[i] == '.' && i + 1 < n && isalnum((unsigned char)s[i + 1]))))
			i++;
		size_t wn = i - start;
		if ((wn == 3 && !strncasecmp(s + start, "ja3", 3)) ||
		    (wn == 4 && !strncasecmp(s + start, "jarm", 4)))
			return -1;
		for (size_t k = 0; k < sizeof(cert_words) / sizeof(cert_words[0]); k++)
			if (wn == strlen(cert_words[k]) &&
			    !strncasecmp(s + start, cert_words[k], wn))
				cert = 1;
	}
	return cert ? NODE_X509 : -1;
}

static int is_sep(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	unsigned char ch = s[i];
	*len = 1;
	if (isspace(ch) || ch == ',' || ch == ';' || ch == '|' || ch == '"' || ch == '<' ||
	    ch == '>' || ch == '`' || ch == '*' || ch == '\'' || ch == '\\')
		return 1;
	if (ch == 0xC2 && i + 1 < n && s[i + 1] == 0xA0) {
		*len = 2;
		return 1;
	}
	if (ch == 0xE2 && i + 2 < n && s[i + 1] == 0x80 &&
	    (s[i + 2] == 0x8B || s[i + 2] == 0x9C || s[i + 2] == 0x9D || s[i + 2] == 0x98 ||
	     s[i + 2] == 0x99 || s[i + 2] == 0x94 || s[i + 2] == 0x93)) {
		*len = 3; /* zero width space, curly quotes, dashes */
		return 1;
	}
	return 0;
}

static int count_ch(const char *s, size_t n, char c)
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

/* Whether the bracket at p[0] closes only at p[n - 1] ("(a.b)", not
 * "(a)(b)" or "(.)b(.)"). */
static int encloses(const char *p, size_t n)
{
	int depth = 0;
	for (size_t i = 0; i < n; i++) {
		depth += p[i] == p[0];
		depth -= p[i] == p[n - 1];
		if (depth == 0 && i < n - 1)
			return 0;
	}
	return depth == 0;
}

/* Trims brackets that do not belong to the token and sentence punctuation. */
static void trim_token(const char **s, size_t *n)
{
	const char *p = *s;
	size_t len = *n;
	for (int changed = 1; changed && len;) {
		changed = 0;
		char last = p[len - 1];
		if (strchr(".,:;!?+", last)) {
			len--, changed = 1;
			continue;
		}
		static const char open[] = "([{", close[] = ")]}";
		const char *cl = strchr(close, last);
		if (cl && count_ch(p, len, open[cl - close]) < count_ch(p, len, *cl)) {
			len--, changed = 1;
			continue;
		}
		if (p[0] == '+') {
			p++, len--, changed = 1; /* AsciiDoc passthrough "++x++" */
			continue;
		}
		const char *op = strchr(open, p[0]);
		if (op && count_ch(p, len, *op) > count_ch(p, len, close[op - open])) {
			p++, len--, changed = 1;
			continue;
		}
		/* "(45.77.1.10)": a bracket pair around the whole token */
		if (op && len > 2 && last == close[op - open] && encloses(p, len)) {
			p++, len -= 2, changed = 1;
			continue;
		}
	}
	*s = p;
	*n = len;
}

static int word_is(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && !strncasecmp(*list, w, n))
			return 1;
	return 0;
}

/* Casing that marks a code identifier: a label that changes from lower to
 * upper case inside ("WebClient"), or a mixed-case top-level label ("Net"). */
static int code_casing(const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '.')
			continue;
		int lower = 0, upper = 0, camel = 0;
		for (size_t j = start; j < i; j++) {
			if (islower((unsigned char)s[j]))
				lower = 1;
			else if (isupper((unsigned char)s[j])) {
				if (lower)
					camel = 1;
				upper = 1;
			}
		}
		if (camel)
			return 1;
		if (i == n && lower && upper)
			return 1;
		start = i + 1;
	}
	return 0;
}

static int link_macro(const char *s, size_t n)
{
	const char *b = memchr(s, '[', n);
	if (!b || !memmem(s, n, "://", 3))
		return 0;
	size_t rest = n - (size_t)(b - s);
	/* "[.]", "[dot]", "[:]", "[://]", "[@]", "[at]" are fangs */
	if (rest >= 3 && (b[1] == '.' || b[1] == ':' || b[1] == '@' || b[1] == '/'))
		return 0;
	if (rest >= 4 && (!strncasecmp(b, "[dot]", 5) || !strncasecmp(b, "[at]", 4)))
		return 0;
	return 1;
}

static int defanged(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	int r = norm_refang(s, n, &sb);
	strbuf_free(&sb);
	return r;
}

size_t textscan_line(const char *s, size_t n, int mode, textscan_fn fn, void *arg)
{
	static const char *const version_words[] = {"version",	"v",   "ver",  "build", "release",
						    "firmware", "rev", "vers", NULL};
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, hits = 0, seplen;
	const char *prev = NULL;
	size_t prev_n = 0;
	struct strbuf out = STRBUF_INIT;
	while (i < n) {
		if (is_sep(u, n, i, &seplen)) {
			i += seplen;
			continue;
		}
		size_t start = i;
		while (i < n && !is_sep(u, n, i, &seplen))
			i++;
		const char *t = s + start;
		size_t tn = i - start;
		int backticked = start > 0 && s[start - 1] == '`';
		const char *raw = t;
		size_t raw_n = tn;
		trim_token(&t, &tn);
		/* "foo.bar()" or "foo.bar(x)": a call, not a host */
		const char *paren = memchr(raw, '(', raw_n);
		int call = paren && paren > raw && paren[-1] != ' ' &&
			   !(paren + 2 < raw + raw_n && paren[1] == '.' && paren[2] == ')') &&
			   !(raw + raw_n - paren >= 5 && !strncasecmp(paren, "(dot)", 5));
		int ok = 0, kind = -1, marked = 0;
		if (tn >= 4 && tn <= 2048 && !call) {
			struct norm_result r;
			if (norm_guess(t, tn, &out, &r) == 0) {
				kind = r.kind;
				marked = backticked || (r.flags & NORM_REFANGED) || defanged(t, tn);
				ok = 1;
				if (kind == NODE_ASN)
					ok = 0;
				if (kind == NODE_FILE && strspn(t, "0123456789") >= tn)
					ok = 0;
				if (ok && kind == NODE_IPV4 && prev &&
				    word_is(prev, prev_n, version_words))
					ok = 0;
				if (ok && (kind == NODE_IPV4 || kind == NODE_IPV6) && prev_n &&
				    (prev[prev_n - 1] == 'v' || prev[prev_n - 1] == 'V') &&
				    prev_n == 1)
					ok = 0;
				int fanged = (r.flags & NORM_REFANGED) || defanged(t, tn);
				if (ok && kind == NODE_DOMAIN && !fanged) {
					const char *dot = strrchr(strbuf_str(&out), '.');
					const char *tld = dot ? dot + 1 : "";
					if (!textscan_tld_ok(tld, strlen(tld)) ||
					    code_casing(t, tn))
						ok = 0;
				}
				if (ok && kind == NODE_EMAIL && !fanged) {
					const char *dot = strrchr(strbuf_str(&out), '.');
					const char *tld = dot ? dot + 1 : "";
					if (!textscan_tld_ok(tld, strlen(tld)))
						ok = 0;
				}
				/* AsciiDoc link macro "https://host/path[text]": a citation */
				if (ok && kind == NODE_URL && !fanged && link_macro(raw, raw_n))
					ok = 0;
				if (ok && kind == NODE_URL && !marked &&
				    (mode & TEXTSCAN_NO_BARE_URLS))
					ok = 0;
				if (ok && (mode & TEXTSCAN_MARKED_ONLY) && !marked)
					ok = 0;
			}
		}
		if (ok) {
			struct textscan_hit h = {t, tn, (size_t)(t - s), kind, marked};
			fn(arg, &h);
			hits++;
		}
		prev = raw;
		prev_n = raw_n;
		while (prev_n && strchr(".,:;", prev[prev_n - 1]))
			prev_n--;
	}
	strbuf_free(&out);
	return hits;
}
