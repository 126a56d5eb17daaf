/* STIX 2 patterning, read only as far as agx needs: every comparison
 * `object-path OP value` of a pattern, whatever the AND/OR/FOLLOWEDBY,
 * brackets and qualifiers around it, with string literals decoded (\' and
 * \\ escapes). Which comparisons become observables is the loader's call;
 * stix2_pattern_kind() says which object paths name one.
 *
 * Nothing is allocated that outlives stix2_pattern_parse(); the strings
 * handed to the callback are valid during the call only. */
#ifndef STIX2_PATTERN_H
#define STIX2_PATTERN_H
#include <stddef.h>

struct pattern_cmp {
	const char *path;  /* canonical: "file:hashes.SHA256", "domain-name:value" */
	const char *op;	   /* "=", "!=", "LIKE", "MATCHES", "IN", "ISSUBSET", ... */
	int negated;	   /* NOT before the operator */
	const char *value; /* decoded literal (strings without quotes) */
	size_t len;
	int is_string; /* a quoted literal (not a number, boolean, t'' b'' h'') */
	size_t offset; /* byte offset of the comparison in the pattern */
};

typedef void (*pattern_fn)(void *ctx, const struct pattern_cmp *cmp);

/* Calls fn once per comparison (once per element of an IN list). Returns
 * 0, or -1 when the pattern is malformed (unterminated string, unbalanced
 * brackets, a comparison without a value): err then says why and where.
 * Comparisons before the fault have been reported. */
int stix2_pattern_parse(const char *pattern, pattern_fn fn, void *ctx, char *err, size_t errlen);

enum { PATTERN_GUESS = -1, PATTERN_UNSUPPORTED = -2 };
/* The node kind a canonical path names (NODE_DOMAIN for
 * "domain-name:value", NODE_FILE for file hashes, NODE_X509 for certificate
 * hashes, ...), PATTERN_GUESS when the value may be an IP or a domain
 * ("network-traffic:dst_ref.value"), PATTERN_UNSUPPORTED otherwise. */
int stix2_pattern_kind(const char *path);
#endif
