#include "graph/normalize.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/idn.h"
#include "graph/kind.h"
#include "graph/text.h"
#include "graph/xalloc.h"

/* Longer values are not indicators but pasted documents. */
#define NORM_MAX_LEN 8192

/* ---- trimming and refanging ------------------------------------------ */

/* Byte length of an invisible character at s that is removed anywhere:
 * BOM, zero-width space/non-joiner/joiner, word joiner. 0 when none. */
static size_t zero_width_at(const unsigned char *s, size_t n)
{
	if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		return 3; /* U+FEFF */
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0x8b && s[2] <= 0x8d)
		return 3; /* U+200B..U+200D */
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0xa0)
		return 3; /* U+2060 */
	return 0;
}

/* Byte length of a blank trimmed at either end: ASCII whitespace, NBSP,
 * the Unicode spaces, ideographic space, and the zero-width ones. */
static size_t blank_at(const unsigned char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r')))
		return 1;
	if (n >= 2 && s[0] == 0xc2 && s[1] == 0xa0)
		return 2; /* U+00A0 */
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 &&
	    ((s[2] >= 0x80 && s[2] <= 0x8a) || s[2] == 0xaf))
		return 3; /* U+2000..U+200A, U+202F; invalid "\xe2\x80}" is no blank */
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x9f)
		return 3; /* U+205F */
	if (n >= 3 && s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80)
		return 3; /* U+3000 */
	return zero_width_at(s, n);
}

/* Copies s without zero-width characters anywhere and without surrounding
 * blanks; returns nonzero when anything was dropped. Zero-width characters
 * go first, and one whose removal joins bytes into another is removed too
 * ("\xe2\x80" ZWSP "\x8b"), so the result holds none and normalising it
 * again changes nothing. */
static int trim_into(const char *s, size_t n, struct strbuf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	struct strbuf t = STRBUF_INIT;
	int changed = 0;
	strbuf_add(&t, "", 0);
	for (size_t i = 0; i < n;) {
		size_t k = zero_width_at(u + i, n - i);
		if (k) {
			i += k, changed = 1;
			continue;
		}
		strbuf_addc(&t, s[i++]);
		/* every zero-width character is 3 bytes */
		if (t.len >= 3 && zero_width_at((const unsigned char *)t.buf + t.len - 3, 3))
			strbuf_truncate(&t, t.len - 3);
	}
	const unsigned char *v = (const unsigned char *)t.buf;
	size_t a = 0, b = t.len, k;
	while ((k = blank_at(v + a, b - a)))
		a += k, changed = 1;
	/* Trailing blanks: scan forward so multibyte blanks are seen whole. */
	size_t end = a, i = a;
	while (i < b) {
		k = blank_at(v + i, b - i);
		if (k) {
			i += k;
		} else {
			i++;
			end = i;
		}
	}
	if (end != b)
		changed = 1;
	strbuf_add(out, t.buf + a, end - a);
	strbuf_free(&t);
	return changed;
}

struct fang {
	const char *from, *to;
};

/* Longest first where one is a prefix of another ("[://]" before "[:]"). */
static const struct fang fangs[] = {
    {"[://]", "://"}, {"[:]", ":"},   {"[.]", "."},   {"(.)", "."}, {"{.}", "."},
    {"[dot]", "."},   {"(dot)", "."}, {"{dot}", "."}, {"[@]", "@"}, {"[at]", "@"},
};

/* hxxp, hxxps, fxp at the start of a word and followed by ':/' or '[' (the
 * latter for "hxxp[:]//"): the scheme in clear. Not where a host or user
 * name stands ("http://hxxp:47/", "a@hxxp:80"): a name refanged there
 * would change again on the value's next normalisation. */
static size_t scheme_fang_at(const char *s, size_t n, size_t i, const char **to)
{
	if (i > 0 && (isalnum((unsigned char)s[i - 1]) || strchr("/@.-_", s[i - 1])))
		return 0;
	size_t k;
	if (n - i >= 4 && !strncasecmp(s + i, "hxxp", 4))
		*to = "http", k = 4;
	else if (n - i >= 3 && !strncasecmp(s + i, "fxp", 3))
		*to = "ftp", k = 3;
	else
		return 0;
	size_t j = i + k;
	if (j < n && (s[j] == 's' || s[j] == 'S'))
		j++;
	if (j < n && s[j] == '[')
		return k;
	if (j + 1 < n && s[j] == ':' && (s[j + 1] == '/' || s[j + 1] == '\\'))
		return k;
	return 0;
}

int norm_refang(const char *s, size_t n, struct strbuf *out)
{
	strbuf_reset(out);
	strbuf_add(out, "", 0);
	int changed = 0;
	size_t i = 0;
	while (i < n) {
		const char *to = NULL;
		size_t k = 0;
		if (s[i] == '[' || s[i] == '(' || s[i] == '{') {
			for (size_t f = 0; f < sizeof(fangs) / sizeof(fangs[0]); f++) {
				size_t fl = strlen(fangs[f].from);
				if (n - i >= fl && !strncasecmp(s + i, fangs[f].from, fl)) {
					to = fangs[f].to, k = fl;
					break;
				}
			}
		} else if (s[i] == 'h' || s[i] == 'H' || s[i] == 'f' || s[i] == 'F') {
			k = scheme_fang_at(s, n, i, &to);
		}
		if (k) {
			strbuf_adds(out, to);
			i += k;
			changed = 1;
			continue;
		}
		char c = s[i++];
		strbuf_addc(out, c);
		if (c != ']' && c != ')' && c != '}')
			continue;
		/* a closing bracket may complete a fang around a refanged one
		 * ("[[.]]" -> "[.]"): undo it too, so the output holds none */
		for (size_t f = 0; f < sizeof(fangs) / sizeof(fangs[0]); f++) {
			size_t fl = strlen(fangs[f].from);
			if (out->len >= fl &&
			    !strncasecmp(out->buf + out->len - fl, fangs[f].from, fl)) {
				strbuf_truncate(out, out->len - fl);
				strbuf_adds(out, fangs[f].to);
				break;
			}
		}
	}
	return changed;
}

/* Trimmed and refanged copy of s in t; flags record what happened. */
static void prepare(const char *s, size_t n, struct strbuf *t, unsigned *flags)
{
	struct strbuf trimmed = STRBUF_INIT;
	if (trim_into(s, n, &trimmed))
		*flags |= NORM_TRIMMED;
	if (norm_refang(trimmed.buf ? trimmed.buf : "", trimmed.len, t))
		*flags |= NORM_REFANGED;
	strbuf_free(&trimmed);
}

/* ---- lower-casing ------------------------------------------------------ */

/* Simple case folding for the scripts IDNs are mostly written in (Latin-1,
 * Latin Extended-A, Greek, Cyrillic); other code points are kept. */
static unsigned fold_cp(unsigned c)
{
	if ((c >= 0xc0 && c <= 0xde && c != 0xd7) || (c >= 0x391 && c <= 0x3ab && c != 0x3a2) ||
	    (c >= 0x410 && c <= 0x42f))
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40f)
		return c + 0x50;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177))
		return c | 1;
	if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e)) && (c & 1))
		return c + 1;
	return c;
}

/* Appends s lower-cased; invalid UTF-8 is copied for the validators to see. */
static void add_lower(struct strbuf *sb, const char *s, size_t n)
{
	size_t i = 0;
	strbuf_add(sb, "", 0);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			strbuf_addc(sb, (char)tolower(c));
			i++;
			continue;
		}
		unsigned cp;
		size_t k = text_utf8_decode(s + i, n - i, &cp);
		if (!k) {
			strbuf_addc(sb, (char)c);
			i++;
			continue;
		}
		text_utf8_add(sb, fold_cp(cp));
		i += k;
	}
}

/* ---- ports, IPv4, IPv6 ------------------------------------------------- */

static int all_digits(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return n > 0;
}

/* Parses a port (1..65535) from s[0..n); -1 when it is none. */
static long parse_port(const char *s, size_t n)
{
	if (!all_digits(s, n) || n > 5)
		return -1;
	long v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v >= 1 && v <= 65535 ? v : -1;
}

/* For "host:port" with exactly one ':' shortens *n to the host and sets
 * *port. Returns 1 when split, 0 when there is no ':', -1 on a bad port. */
static int split_port(const char *s, size_t *n, unsigned *port)
{
	const char *c = memchr(s, ':', *n);
	if (!c)
		return 0;
	size_t h = (size_t)(c - s);
	if (memchr(c + 1, ':', *n - h - 1))
		return 0; /* more colons: IPv6 or garbage, not ours to split */
	long p = parse_port(c + 1, *n - h - 1);
	if (p < 0)
		return -1;
	*n = h;
	*port = (unsigned)p;
	return 1;
}

/* Only digits and dots: an IPv4 address or nothing. */
static int dotted_numeric(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && s[i] != '.')
			return 0;
	return n > 0;
}

/* Dotted quad in s[0..n): NULL when valid (then s is already canonical),
 * else the reason. */
static const char *check_ipv4(const char *s, size_t n)
{
	int parts = 0;
	size_t i = 0;
	for (size_t k = 0; k < n; k++)
		if (!isdigit((unsigned char)s[k]) && s[k] != '.')
			return "not an IPv4 address";
	while (i <= n) {
		size_t j = i;
		while (j < n && s[j] != '.')
			j++;
		size_t len = j - i;
		if (len == 0)
			return "empty IPv4 octet";
		if (len > 3)
			return "IPv4 octet above 255";
		if (len > 1 && s[i] == '0')
			return "leading zero in IPv4 octet (ambiguous octal)";
		int v = 0;
		for (size_t k = i; k < j; k++)
			v = v * 10 + (s[k] - '0');
		if (v > 255)
			return "IPv4 octet above 255";
		if (++parts > 4)
			break;
		i = j + 1;
	}
	return parts == 4 ? NULL : "IPv4 address needs four octets";
}

/* s[0..n) as IPv6, optionally "[addr]" or "[addr]:port". Appends the RFC
 * 5952 text to out; NULL when valid, else the reason. */
static const char *ipv6_into(const char *s, size_t n, struct strbuf *out, struct norm_result *r)
{
	if (n && s[0] == '[') {
		const char *e = memchr(s, ']', n);
		if (!e)
			return "unbalanced '[' in IPv6 address";
		size_t rest = n - (size_t)(e - s) - 1;
		if (rest) {
			long p = e[1] == ':' ? parse_port(e + 2, rest - 1) : -1;
			if (p < 0)
				return "bad port after IPv6 address";
			r->flags |= NORM_HAD_PORT;
			r->port = (unsigned)p;
		}
		s++;
		n = (size_t)(e - s);
	}
	char buf[INET6_ADDRSTRLEN];
	unsigned char bin[16];
	if (n == 0 || n >= sizeof(buf))
		return "not an IPv6 address";
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET6, buf, bin) != 1 || !inet_ntop(AF_INET6, bin, buf, sizeof(buf)))
		return "not an IPv6 address";
	strbuf_adds(out, buf);
	return NULL;
}

/* ---- domains ----------------------------------------------------------- */

/* Appends the host name s[0..n) as it is keyed: lower-case ASCII, a name
 * with other characters as its A-labels (graph/idn.h), a dot it mapped to
 * at the end ("bücher.example。") dropped as the root. NULL or the reason. */
static const char *host_into(const char *s, size_t n, struct strbuf *out)
{
	size_t i = 0;
	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	if (i == n) {
		add_lower(out, s, n);
		return NULL;
	}
	size_t start = out->len;
	const char *why = idn_ascii(s, n, out);
	if (!why && out->len > start && out->buf[out->len - 1] == '.')
		strbuf_truncate(out, out->len - 1);
	return why;
}

/* File extensions refused as top-level labels when guessing, so
 * "invoice.pdf" is not a domain. .zip and .mov are delegated TLDs, but in
 * indicator lists they are archives and videos. */
static const char *const file_exts[] = {
    "exe",  "dll",  "sys",  "drv",  "ocx", "cpl",  "scr",   "pif",  "bat",  "cmd",  "vbs",
    "vbe",  "jse",  "wsf",  "wsh",  "hta", "msi",  "msp",   "msc",  "lnk",  "iso",  "img",
    "vhd",  "vhdx", "jar",  "apk",  "ipa", "dmg",  "deb",   "rpm",  "php",  "asp",  "aspx",
    "asmx", "ashx", "jsp",  "cgi",  "htm", "html", "shtml", "xml",  "json", "yaml", "txt",
    "log",  "csv",  "tsv",  "ini",  "cfg", "conf", "dat",   "bin",  "tmp",  "bak",  "doc",
    "docx", "docm", "dotx", "dotm", "xls", "xlsx", "xlsm",  "xlsb", "xlam", "xll",  "ppt",
    "pptx", "pptm", "rtf",  "pdf",  "odt", "ods",  "odp",   "zip",  "rar",  "tgz",  "tar",
    "jpg",  "jpeg", "png",  "gif",  "bmp", "ico",  "svg",   "tif",  "tiff", "webp", "wav",
    "avi",  "mkv",  "mov",  "wmv",  "flv", "swf",  "chm",   "hlp",  "inf",  "reg",  "dylib",
    "elf",  "eml",  "msg",  "pst",  "ost", "dex",  "class", "iqy",  "slk",  "appx", "msix",
};

static int is_file_ext(const char *t, size_t n)
{
	for (size_t i = 0; i < sizeof(file_exts) / sizeof(file_exts[0]); i++)
		if (strlen(file_exts[i]) == n && !memcmp(file_exts[i], t, n))
			return 1;
	return 0;
}

/* Validates a lower-cased domain d[0..n). With guessing, the top-level
 * label must also look like a real TLD (letters, >= 2, not a file type).
 * NULL when valid, else the reason. */
static const char *check_domain(const char *d, size_t n, int guessing)
{
	if (n == 0)
		return "empty domain name";
	for (size_t i = 0; i < n; i++)
		if (isspace((unsigned char)d[i]))
			return "whitespace in domain name";
	if (n > 253)
		return "domain name longer than 253 bytes";
	size_t start = 0, labels = 0, tld = 0;
	for (size_t i = 0; i <= n;) {
		if (i == n || d[i] == '.') {
			if (i == start)
				return "empty label in domain name";
			if (i - start > 63)
				return "domain label longer than 63 bytes";
			labels++;
			tld = start;
			start = ++i;
			continue;
		}
		unsigned char c = (unsigned char)d[i];
		/* a name with other characters is in A-labels by now */
		if (!islower(c) && !isdigit(c) && c != '-' && c != '_')
			return "invalid character in domain name";
		i++;
	}
	if (labels < 2)
		return "no dot: not a domain name";
	const char *t = d + tld;
	size_t tn = n - tld;
	if (all_digits(t, tn))
		return "numeric top-level label";
	if (memchr(t, '_', tn))
		return "'_' in top-level label";
	if (!guessing)
		return NULL;
	if (tn >= 4 && !memcmp(t, "xn--", 4))
		return NULL;
	for (size_t i = 0; i < tn; i++)
		if (!islower((unsigned char)t[i]))
			return "top-level label is not a TLD";
	if (tn < 2)
		return "top-level label is not a TLD";
	if (is_file_ext(t, tn))
		return "file name, not a domain";
	return NULL;
}

/* s[0..n) (prepared) as a domain, or an IPv4 address given as one, with
 * an optional ":port". */
static int domain_into(const char *s, size_t n, struct strbuf *out, struct norm_result *r,
		       int guessing)
{
	unsigned port = 0;
	int sp = split_port(s, &n, &port);
	if (sp < 0) {
		r->reason = "bad port";
		return -1;
	}
	if (n && s[n - 1] == '.')
		n--;
	if ((r->reason = host_into(s, n, out)))
		return -1;
	/* full-width digits map to an address too */
	if (dotted_numeric(out->buf, out->len)) {
		if ((r->reason = check_ipv4(out->buf, out->len)))
			return -1;
		r->kind = NODE_IPV4;
	} else {
		if ((r->reason = check_domain(out->buf, out->len, guessing)))
			return -1;
		r->kind = NODE_DOMAIN;
	}
	if (sp > 0) {
		r->flags |= NORM_HAD_PORT;
		r->port = port;
	}
	return 0;
}

static int ipv4_into(const char *s, size_t n, struct strbuf *out, struct norm_result *r)
{
	unsigned port = 0;
	int sp = split_port(s, &n, &port);
	if (sp < 0) {
		r->reason = "bad port";
		return -1;
	}
	if ((r->reason = check_ipv4(s, n)))
		return -1;
	strbuf_add(out, s, n);
	if (sp > 0) {
		r->flags |= NORM_HAD_PORT;
		r->port = port;
	}
	r->kind = NODE_IPV4;
	return 0;
}

/* ---- URLs ---------------------------------------------------------------- */

struct url_parts {
	const char *scheme, *user, *host, *rest;
	size_t scheme_n, user_n, host_n, rest_n;
	long port; /* -1 when absent */
	int bracketed;
};

/* Length of "scheme" when s starts with "scheme://", else 0. */
static size_t scheme_len(const char *s, size_t n)
{
	if (n == 0 || !isalpha((unsigned char)s[0]))
		return 0;
	size_t i = 1;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
		i++;
	return n - i >= 3 && !memcmp(s + i, "://", 3) ? i : 0;
}

/* Splits a URL; with no "scheme://" the whole is taken as host[/path].
 * Returns NULL or the reason it is no URL. */
static const char *url_split(const char *s, size_t n, struct url_parts *u)
{
	memset(u, 0, sizeof(*u));
	u->port = -1;
	size_t sl = scheme_len(s, n), i = 0;
	if (sl) {
		u->scheme = s, u->scheme_n = sl;
		i = sl + 3;
	}
	size_t a = i;
	while (i < n && s[i] != '/' && s[i] != '?' && s[i] != '#')
		i++;
	u->rest = s + i, u->rest_n = n - i;
	const char *auth = s + a;
	size_t an = i - a;
	const char *at = NULL;
	for (size_t k = 0; k < an; k++)
		if (auth[k] == '@')
			at = auth + k;
	if (at) {
		u->user = auth, u->user_n = (size_t)(at - auth);
		an -= u->user_n + 1;
		auth = at + 1;
	}
	if (an && auth[0] == '[') {
		const char *e = memchr(auth, ']', an);
		if (!e)
			return "unbalanced '[' in URL host";
		u->host = auth + 1, u->host_n = (size_t)(e - auth) - 1;
		u->bracketed = 1;
		size_t after = an - (size_t)(e - auth) - 1;
		if (after) {
			if (e[1] != ':' || (u->port = parse_port(e + 2, after - 1)) < 0)
				return "bad port in URL";
		}
		return NULL;
	}
	u->host = auth, u->host_n = an;
	const char *c = memchr(auth, ':', an);
	if (c) {
		u->host_n = (size_t)(c - auth);
		size_t pn = an - u->host_n - 1;
		if (pn && (u->port = parse_port(c + 1, pn)) < 0)
			return "bad port in URL";
	}
	return NULL;
}

static long default_port(const char *scheme)
{
	static const struct {
		const char *s;
		long port;
	} d[] = {{"http", 80},	{"https", 443}, {"ftp", 21},
		 {"ftps", 990}, {"ws", 80},	{"wss", 443}};
	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++)
		if (!strcmp(d[i].s, scheme))
			return d[i].port;
	return -1;
}

/* A URL host (lower-case, in A-labels) is looser than a domain (single
 * labels like "localhost" are fine), but only name characters may be in
 * it. */
static const char *check_url_host(const char *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)h[i];
		if (!isalnum(c) && c != '-' && c != '_' && c != '.')
			return "invalid character in URL host";
		if (c == '.' && (i == 0 || h[i - 1] == '.'))
			return "empty label in URL host";
	}
	/* one trailing dot (the root) was removed already: "a.." has an empty label */
	if (n && h[n - 1] == '.')
		return "empty label in URL host";
	return NULL;
}

/* s[0..n) (prepared) as a URL into out. Without a scheme "http://" is
 * assumed (callers only allow that for host/path forms). */
static int url_into(const char *s, size_t n, struct strbuf *out, struct norm_result *r)
{
	struct url_parts u;
	r->kind = NODE_URL;
	if ((r->reason = url_split(s, n, &u)))
		return -1;
	if (u.scheme)
		add_lower(out, u.scheme, u.scheme_n);
	else
		strbuf_adds(out, "http");
	long defport = default_port(out->buf);
	strbuf_adds(out, "://");
	if (u.user) {
		strbuf_add(out, u.user, u.user_n);
		strbuf_addc(out, '@');
	}
	if (u.bracketed) {
		strbuf_addc(out, '[');
		if ((r->reason = ipv6_into(u.host, u.host_n, out, r)))
			return -1;
		strbuf_addc(out, ']');
	} else {
		if (u.host_n && u.host[u.host_n - 1] == '.')
			u.host_n--;
		int file = !strcmp(out->buf, "file://");
		size_t h = out->len;
		if ((r->reason = host_into(u.host, u.host_n, out)))
			return -1;
		/* after mapping: "\u3002" is the root alone */
		if (out->len == h && !file) {
			r->reason = "URL without host";
			return -1;
		}
		if ((r->reason = check_url_host(out->buf + h, out->len - h)))
			return -1;
		if (dotted_numeric(out->buf + h, out->len - h) &&
		    (r->reason = check_ipv4(out->buf + h, out->len - h)))
			return -1;
	}
	if (u.port >= 0 && u.port != defport)
		strbuf_addf(out, ":%ld", u.port);
	for (size_t i = 0; i < u.rest_n; i++) {
		unsigned char c = (unsigned char)u.rest[i];
		if (c == ' ') {
			strbuf_adds(out, "%20"); /* what a browser sends */
		} else if (c < 0x20 || c == 0x7f) {
			r->reason = "control character in URL";
			return -1;
		} else {
			strbuf_addc(out, (char)c);
		}
	}
	return 0;
}

int norm_url_host(const char *url, struct strbuf *out)
{
	struct url_parts u;
	strbuf_reset(out);
	if (!url || url_split(url, strlen(url), &u) || u.host_n == 0)
		return -1;
	struct norm_result r;
	int kind = u.bracketed ? NODE_IPV6 : NODE_DOMAIN;
	if (norm_value(kind, u.host, u.host_n, out, &r) < 0)
		return -1;
	return r.kind;
}

int norm_display(int kind, const char *key, struct strbuf *out)
{
	strbuf_reset(out);
	strbuf_add(out, "", 0);
	if (!strstr(key, "xn--")) {
		strbuf_adds(out, key);
		return 0;
	}
	size_t start = 0, end = strlen(key);
	if (kind == NODE_URL) {
		struct url_parts u;
		if (url_split(key, end, &u) || u.bracketed || !u.host_n) {
			strbuf_adds(out, key);
			return 0;
		}
		start = (size_t)(u.host - key);
		end = start + u.host_n;
	} else if (kind == NODE_EMAIL) {
		const char *at = strrchr(key, '@');
		start = at ? (size_t)(at - key) + 1 : end;
	} else if (kind != NODE_DOMAIN) {
		strbuf_adds(out, key);
		return 0;
	}
	strbuf_add(out, key, start);
	char *host = xstrndup(key + start, end - start);
	int changed = idn_unicode(host, out);
	free(host);
	strbuf_adds(out, key + end);
	return changed;
}

/* ---- e-mail, hashes, certificates, ASNs -------------------------------- */

static int email_into(const char *s, size_t n, struct strbuf *out, struct norm_result *r,
		      int guessing)
{
	r->kind = NODE_EMAIL;
	if (n >= 7 && !strncasecmp(s, "mailto:", 7))
		s += 7, n -= 7;
	const char *at = memchr(s, '@', n);
	if (!at || memchr(at + 1, '@', n - (size_t)(at - s) - 1)) {
		r->reason = "e-mail address needs exactly one '@'";
		return -1;
	}
	size_t ln = (size_t)(at - s);
	if (ln == 0 || ln > 64) {
		r->reason = "e-mail local part empty or longer than 64 bytes";
		return -1;
	}
	for (size_t i = 0; i < ln; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7f || strchr("()<>[]\\,;:\"", c)) {
			r->reason = "invalid character in e-mail local part";
			return -1;
		}
		if (c == '.' && (i == 0 || i == ln - 1 || s[i - 1] == '.')) {
			r->reason = "misplaced '.' in e-mail local part";
			return -1;
		}
	}
	if (!text_utf8_valid(s, ln)) {
		r->reason = "invalid UTF-8 in e-mail address";
		return -1;
	}
	add_lower(out, s, ln + 1);
	size_t dom = out->len;
	const char *d = at + 1;
	size_t dn = n - ln - 1;
	if (dn && d[dn - 1] == '.')
		dn--;
	if ((r->reason = host_into(d, dn, out)) ||
	    (r->reason = check_domain(out->buf + dom, out->len - dom, guessing)))
		return -1;
	return 0;
}

static int is_hash_len(size_t n)
{
	return n == 32 || n == 40 || n == 64 || n == 128;
}

const char *norm_hash_algo(const char *hex)
{
	size_t n = hex ? strlen(hex) : 0;
	if (!all_hex(hex, n))
		return NULL;
	switch (n) {
	case 32:
		return "md5";
	case 40:
		return "sha1";
	case 64:
		return "sha256";
	case 128:
		return "sha512";
	}
	return NULL;
}

/* "sha256:..." style prefixes some feeds put in front of a hash. */
static void skip_algo_prefix(const char **s, size_t *n)
{
	static const char *const pre[] = {"md5:", "sha1:", "sha256:", "sha512:"};
	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		size_t k = strlen(pre[i]);
		if (*n > k && !strncasecmp(*s, pre[i], k)) {
			*s += k, *n -= k;
			return;
		}
	}
}

static int hash_into(int kind, const char *s, size_t n, struct strbuf *out, struct norm_result *r)
{
	r->kind = kind;
	skip_algo_prefix(&s, &n);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (kind == NODE_X509 && (c == ':' || c == ' '))
			continue;
		if (!isxdigit((unsigned char)c)) {
			r->reason = "not hexadecimal";
			return -1;
		}
		strbuf_addc(out, (char)tolower((unsigned char)c));
	}
	if (!is_hash_len(out->len)) {
		r->reason = "not 32, 40, 64 or 128 hex digits";
		return -1;
	}
	return 0;
}

/* "AS13335", "as13335", "ASN 13335" or a bare number. */
static int asn_into(const char *s, size_t n, struct strbuf *out, struct norm_result *r,
		    int need_prefix)
{
	r->kind = NODE_ASN;
	size_t i = 0;
	if (n >= 2 && !strncasecmp(s, "as", 2)) {
		i = 2;
		if (i < n && (s[i] == 'n' || s[i] == 'N'))
			i++;
		if (i < n && s[i] == ' ')
			i++;
	} else if (need_prefix) {
		r->reason = "not an AS number";
		return -1;
	}
	if (!all_digits(s + i, n - i) || n - i > 10) {
		r->reason = "not an AS number";
		return -1;
	}
	unsigned long long v = 0;
	for (; i < n; i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	if (v > 4294967295ULL) {
		r->reason = "AS number above 4294967295";
		return -1;
	}
	strbuf_addf(out, "AS%llu", v);
	return 0;
}

/* ---- entry points ------------------------------------------------------ */

static void finish(const char *s, size_t n, struct strbuf *out, struct norm_result *r)
{
	strbuf_add(out, "", 0);
	if (out->len != n || memcmp(out->buf, s, n))
		r->flags |= NORM_CHANGED;
}

static int dispatch(int kind, const char *t, size_t tn, struct strbuf *out, struct norm_result *r)
{
	switch (kind) {
	case NODE_IPV4:
		return ipv4_into(t, tn, out, r);
	case NODE_IPV6:
		r->kind = NODE_IPV6;
		return (r->reason = ipv6_into(t, tn, out, r)) ? -1 : 0;
	case NODE_DOMAIN:
		return domain_into(t, tn, out, r, 0);
	case NODE_URL:
		return url_into(t, tn, out, r);
	case NODE_EMAIL:
		return email_into(t, tn, out, r, 0);
	case NODE_FILE:
	case NODE_X509:
		return hash_into(kind, t, tn, out, r);
	case NODE_ASN:
		return asn_into(t, tn, out, r, 0);
	default:
		/* Names and other non-indicator kinds: trimmed only. */
		strbuf_add(out, t, tn);
		return 0;
	}
}

/* The guessing proper on a prepared value t. */
static int guess(const char *t, size_t n, struct strbuf *out, struct norm_result *r)
{
	size_t numeric = strspn(t, "0123456789.:"), colons = 0;
	for (size_t i = 0; i < n; i++)
		colons += t[i] == ':';
	if (numeric == n) {
		if (!memchr(t, '.', n) && !memchr(t, ':', n)) {
			r->reason = "a number, not an indicator";
			return -1;
		}
		if (colons < 2)
			return ipv4_into(t, n, out, r);
		goto v6; /* "1::2" */
	}
	if (t[0] == '[' || colons >= 2) {
	v6:
		strbuf_reset(out);
		r->flags &= ~(unsigned)NORM_HAD_PORT;
		r->kind = NODE_IPV6;
		if (!(r->reason = ipv6_into(t, n, out, r)))
			return 0;
		if (!scheme_len(t, n))
			return -1;
		strbuf_reset(out);
	}
	if (scheme_len(t, n))
		return url_into(t, n, out, r);
	if (memchr(t, '@', n))
		return email_into(t, n, out, r, 1);
	if (is_hash_len(n) && all_hex(t, n))
		return hash_into(NODE_FILE, t, n, out, r);
	if (n > 2 && !strncasecmp(t, "as", 2) && asn_into(t, n, out, r, 1) == 0)
		return 0;
	strbuf_reset(out);
	const char *slash = memchr(t, '/', n);
	if (!slash)
		return domain_into(t, n, out, r, 1);
	/* "host/path" with no scheme, common in IOC lists: a URL if the part
	 * before the slash stands on its own as a host. */
	size_t hn = (size_t)(slash - t);
	struct norm_result hr;
	memset(&hr, 0, sizeof(hr));
	if (hn == 0 || domain_into(t, hn, out, &hr, 1) < 0) {
		r->kind = NODE_URL;
		r->reason = hn ? hr.reason : "path without host";
		return -1;
	}
	if (hr.kind == NODE_IPV4 && !(hr.flags & NORM_HAD_PORT) &&
	    all_digits(slash + 1, n - hn - 1)) {
		r->kind = NODE_IPV4;
		r->reason = "CIDR range, not an address";
		return -1;
	}
	strbuf_reset(out);
	return url_into(t, n, out, r);
}

/* What norm_value and norm_guess share: the checks on the raw bytes, the
 * trimming and refanging, and the bookkeeping of the result. kind < 0
 * guesses the kind, else the value is read as that kind. */
static int normalise(int kind, const char *s, size_t n, struct strbuf *out, struct norm_result *r)
{
	struct norm_result local;
	if (!r)
		r = &local;
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	strbuf_reset(out);
	if (n > NORM_MAX_LEN) {
		r->reason = "value too long";
		return -1;
	}
	if (memchr(s, '\0', n)) {
		/* keys are C strings: "a\0b" would silently become "a" */
		r->reason = "contains a NUL byte";
		return -1;
	}
	struct strbuf t = STRBUF_INIT;
	prepare(s, n, &t, &r->flags);
	int rc;
	if (t.len == 0) {
		r->reason = "empty value";
		rc = -1;
	} else {
		rc = kind < 0 ? guess(t.buf, t.len, out, r) : dispatch(kind, t.buf, t.len, out, r);
	}
	strbuf_free(&t);
	if (rc == 0) {
		r->reason = NULL;
		finish(s, n, out, r);
	}
	return rc;
}

int norm_value(int kind, const char *s, size_t n, struct strbuf *out, struct norm_result *r)
{
	return normalise(kind < 0 ? NODE_KIND_COUNT : kind, s, n, out, r);
}

int norm_guess(const char *s, size_t n, struct strbuf *out, struct norm_result *r)
{
	return normalise(-1, s, n, out, r);
}

void norm_name_key(const char *s, size_t n, struct strbuf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	strbuf_reset(out);
	strbuf_add(out, "", 0);
	for (size_t i = 0; i < n;) {
		size_t k = blank_at(u + i, n - i);
		if (k) {
			i += k;
			continue;
		}
		unsigned char c = u[i++];
		if (c == '-' || c == '_' || c == '.')
			continue;
		strbuf_addc(out, c < 0x80 ? (char)tolower(c) : (char)c);
	}
}

/* A dotted quad as a number, by hand: sorting a million addresses asks
 * twice per comparison. -1 when s is not one. */
static int64_t ipv4_value(const char *s)
{
	uint32_t v = 0;
	for (int part = 0; part < 4; part++) {
		unsigned n = 0, digits = 0;
		while (*s >= '0' && *s <= '9' && digits < 4)
			n = n * 10 + (unsigned)(*s++ - '0'), digits++;
		if (!digits || n > 255 || *s != (part < 3 ? '.' : '\0'))
			return -1;
		v = v << 8 | n;
		s += part < 3;
	}
	return v;
}

int norm_address_cmp(int kind, const char *x, const char *y)
{
	if (kind != NODE_IPV4 && kind != NODE_IPV6)
		return 0;
	unsigned char ax[16], ay[16];
	int ox, oy, c = 0;
	if (kind == NODE_IPV4) {
		int64_t vx = ipv4_value(x), vy = ipv4_value(y);
		ox = vx >= 0, oy = vy >= 0;
		c = (vx > vy) - (vx < vy);
	} else {
		ox = inet_pton(AF_INET6, x, ax) == 1;
		oy = inet_pton(AF_INET6, y, ay) == 1;
		if (ox && oy)
			c = memcmp(ax, ay, 16);
	}
	if (ox != oy)
		return ox ? -1 : 1;
	return ox ? c : 0;
}
