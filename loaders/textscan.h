/* Finding indicators inside prose: a line of a report, a note after a value
 * in an IOC list, a table cell. Tokens are cut at blanks and punctuation that
 * never occurs inside an indicator, trimmed of brackets and sentence
 * punctuation, and kept when normalize.h accepts them. Prose is full of
 * things that look like indicators and are not, so what is kept is
 * conservative unless the author marked it (defanged, or in `code`):
 *   - domains need a top-level label that is a TLD (the Public Suffix
 *     List's ICANN section, graph/pubsuffix.h), less the few that prose
 *     uses as file types (md, sh, py, so), and no code-like casing
 *     ("System.Net"), unless defanged (`backticks` are used for file names
 *     too, so they do not count);
 *   - an AsciiDoc link ("https://x/y[text]") is a citation, not an indicator;
 *   - no file names (setup.exe, README.md), no function calls (foo.bar());
 *   - an IPv4 after "version"/"v"/"build" is a version number;
 *   - ASNs and bare numbers are never taken from prose.
 * Stateless; the callback gets pointers into the caller's line. */
#ifndef TEXTSCAN_H
#define TEXTSCAN_H
#include <stddef.h>

struct textscan_hit {
	const char *s; /* the token as written (trimmed), not NUL-terminated */
	size_t n;
	size_t col; /* 0-based byte offset in the line */
	int kind;   /* enum node_kind the value normalises to */
	int marked; /* defanged or in `backticks` */
};

enum textscan_mode {
	TEXTSCAN_PROSE = 0,	   /* conservative, as above */
	TEXTSCAN_MARKED_ONLY = 1,  /* only defanged or `quoted` values */
	TEXTSCAN_NO_BARE_URLS = 2, /* a sentence: its plain URLs are citations */
};

typedef void (*textscan_fn)(void *arg, const struct textscan_hit *h);

/* Calls fn for every indicator in s[0..n); returns how many. */
size_t textscan_line(const char *s, size_t n, int mode, textscan_fn fn, void *arg);
/* What a section heading or header line announces about the hashes listed
 * under it: NODE_X509 when it names certificates ("SSL Certificates",
 * "=== Code Signing Certificates", "TLS certificate SHA-1:"), so their
 * fingerprints are certificates, not files; -1 otherwise (also for JA3/JARM,
 * which fingerprint TLS clients and servers, not certificates, and for
 * long lines and URLs, which are prose or references, not headings). */
int textscan_section_kind(const char *s, size_t n);
/* True when the top-level label tld[0..n) (any case) is plausible in
 * prose: a TLD, and not one of the file types above. */
int textscan_tld_ok(const char *tld, size_t n);
#endif
