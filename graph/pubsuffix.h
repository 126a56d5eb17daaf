/* The Public Suffix List through libpsl: the one file that includes
 * libpsl.h. The list is Debian's publicsuffix package
 * (/usr/share/publicsuffix, what psl_latest() reads) when it is newer than
 * the copy built into libpsl, else that copy.
 *
 * Names are lower-case ASCII, internationalised ones in A-labels (as
 * normalize.h keys them); the list's ICANN section (the suffixes registries
 * serve: "com", "co.uk", "xn--p1ai") and its private one (suffixes under
 * which anyone registers a name: "github.io", "duckdns.org") both count,
 * except where a function says otherwise.
 *
 * Ownership: returned pointers point into the caller's string. The list is
 * loaded once, on first use, and freed at exit. Thread-safe. */
#ifndef PUBSUFFIX_H
#define PUBSUFFIX_H

/* The registrable part of domain d, its public suffix and one label more
 * ("example.co.uk" for "a.b.example.co.uk", "evil.duckdns.org" for
 * "x.evil.duckdns.org"): a pointer into d; d itself when d is a public
 * suffix or holds no dot. */
const char *pubsuffix_registrable(const char *d);
/* Whether d is itself a public suffix (explicitly listed, or under a
 * wildcard rule; "example", which only the implicit "*" rule covers, is
 * not). */
int pubsuffix_is_suffix(const char *d);
/* Whether the one label tld is a top-level domain that a registry serves
 * (listed in the ICANN section: "com", "uk", "xn--p1ai", "zip"; not
 * "example", "local" or "exe"). */
int pubsuffix_is_tld(const char *tld);
#endif
