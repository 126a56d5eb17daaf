/* Normalisation of indicator values and names, so the same IP, domain or
 * hash from three files is one node (SPEC.md "The graph").
 *
 *   domain  lower-case, trailing dot removed, labels checked (letters,
 *           digits, '-', '_'; at least one dot); an internationalised name
 *           in A-labels, however it was written (graph/idn.h: UTS #46
 *           mapping), so "bücher.example" and "xn--bcher-kva.example" are
 *           one node, shown as the U-labels (norm_display); a name libidn2
 *           refuses is rejected with its reason
 *   ipv4    dotted quad without leading zeros ("010.1.1.1" is rejected as
 *           ambiguous octal); ipv6 in RFC 5952 text (inet_ntop)
 *   url     scheme and host lower-cased, host in A-labels, default port
 *           dropped, path kept
 *   email   lower-cased, domain in A-labels
 *   file    lower-case hex of 32/40/64/128 digits (MD5/SHA-1/SHA-256/512)
 *   x509    lower-case hex fingerprint, ':' separators removed
 *   asn     "AS" + decimal number
 * Before any kind: surrounding whitespace, U+00A0, BOM and zero-width spaces
 * trimmed; defanging undone: hxxp(s), [.] (.) {.} [dot] (dot), [:], [://],
 * [@] [at]. A normalised value normalises to itself (the fuzz harness
 * fuzz_norm checks it), as the kind it was given or guessed as. */
#ifndef NORMALIZE_H
#define NORMALIZE_H
#include <stddef.h>
#include <stdint.h>

#include "graph/strbuf.h"

enum norm_flags {
	NORM_REFANGED = 1 << 0, /* defanging was undone */
	NORM_TRIMMED = 1 << 1,	/* whitespace/BOM/NBSP removed */
	NORM_HAD_PORT = 1 << 2, /* "ip:port" or "host:port": port split off */
	NORM_CHANGED = 1 << 3,	/* output differs from input in any way */
};

struct norm_result {
	int kind;	    /* enum node_kind of the output */
	unsigned flags;	    /* enum norm_flags */
	unsigned port;	    /* when NORM_HAD_PORT */
	const char *reason; /* why the value was rejected (static string) */
};

/* Normalises s[0..n) as kind into out (reset first). Returns 0, or -1 when
 * the value is not a valid kind (r->reason says why, out is undefined).
 * For NODE_IPV4/NODE_IPV6/NODE_DOMAIN an ":port" suffix is split off. */
int norm_value(int kind, const char *s, size_t n, struct strbuf *out, struct norm_result *r);
/* Guesses the kind of a bare indicator (IP, IPv6, URL, e-mail, hash, ASN,
 * domain, in that order) and normalises it. Returns 0 or -1 (not an
 * indicator). host:port and ip:port become the host/ip with NORM_HAD_PORT. */
int norm_guess(const char *s, size_t n, struct strbuf *out, struct norm_result *r);
/* Undoes defanging only (used before guessing inside free text). Returns
 * nonzero when something changed. */
int norm_refang(const char *s, size_t n, struct strbuf *out);
/* The host part of a normalised URL into out; returns its kind (NODE_DOMAIN,
 * NODE_IPV4, NODE_IPV6) or -1 when the URL has no usable host. */
int norm_url_host(const char *url, struct strbuf *out);
/* The form of a normalised key of kind to show: the A-labels of a domain,
 * URL host or e-mail domain as U-labels ("xn--bcher-kva.example" ->
 * "bücher.example"), into out (reset first). Returns 1 when it differs from
 * key, else 0 (out holds key). */
int norm_display(int kind, const char *key, struct strbuf *out);
/* The key names are matched by: lower-case, whitespace, '-', '_' and '.'
 * removed ("APT 15" = "apt15" = "APT-15"; "APT 28" != "APT 29"). */
void norm_name_key(const char *s, size_t n, struct strbuf *out);
/* Hash kind by length: "md5", "sha1", "sha256", "sha512", or NULL. */
const char *norm_hash_algo(const char *hex);
/* Orders two normalised keys of kind the way people read them: addresses
 * (ipv4, ipv6) by number, 10.0.0.9 before 10.0.0.10, and before any key of
 * their kind that is not a plain address (a range), so an order built on it
 * stays total. Returns <0, 0 or >0; 0 also when kind is no address kind or
 * neither key parses, for the caller to order by text. */
int norm_address_cmp(int kind, const char *x, const char *y);
#endif
