/* Values written imperfectly that still name one indicator, read the same
 * way by every loader:
 *   - stray words around a value ("domain autuo.xicp.net", "IP 1.2.3.4" as
 *     a STIX pattern or CybOX value): the value is taken and the loader
 *     records a quirk, rather than dropping the whole statement;
 *   - a "contains" match (OpenIOC, CybOX) whose text is a complete value
 *     (a hostname, an IP address, a full-length hash) is what its author
 *     meant to match, so it is exact; real substrings ("103.41.124.",
 *     "csmcpr", "/check.action?") and URLs (a prefix of longer URLs) stay
 *     partial.
 * Stateless; nothing is allocated for the caller. */
#ifndef SALVAGE_H
#define SALVAGE_H
#include <stddef.h>

/* s[0..n) failed as a value of kind (an enum node_kind; -1: any). When it
 * holds blanks and exactly one of its words is a valid value of kind (a
 * hostname needs a plausible top-level label, a URL a scheme), the others
 * being short plain words (letters and digits, at least one letter, '-',
 * '_', ':'), sets *off and *len to that word and returns 1; otherwise 0. A
 * URL must be the last word, so a URL with a blank in its path is not cut
 * short. */
int salvage_stray_words(int kind, const char *s, size_t n, size_t *off, size_t *len);

/* True when a "contains" condition on s[0..n) of kind (-1: guessed among
 * addresses) names a complete value: a hostname (a valid domain with a
 * plausible top-level label), an IPv4/IPv6 address, a full-length file or
 * certificate hash. */
int salvage_contains_is_exact(int kind, const char *s, size_t n);
#endif
