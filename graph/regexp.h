/* Regular expressions in PCRE syntax (what MISP warninglists are written
 * for), through PCRE2: the one file that includes pcre2.h.
 *
 * Hostile patterns are bounded, never timed: compiling is linear in the
 * pattern (PCRE2 never copies a pattern tree the way glibc's regcomp did:
 * "a????++++++++++" took it minutes, PCRE2 refuses it at once), patterns are
 * at most REGEXP_MAX_PATTERN bytes and REGEXP_MAX_NEST parentheses deep, and
 * each match gives up after REGEXP_MATCH_LIMIT backtracking steps,
 * REGEXP_DEPTH_LIMIT nested backtracking points or REGEXP_HEAP_LIMIT_KIB of
 * memory ("(a+)+$" on "aaaa…!" stops there instead of running for hours).
 *
 * Matching is caseless and on UTF-8 (invalid sequences never match a
 * character and are no error). Compiled with the JIT when PCRE2 has it.
 *
 * Ownership: regexp_new() returns an object freed by regexp_free(). One
 * object is used by one thread at a time (it holds its match data). */
#ifndef REGEXP_H
#define REGEXP_H
#include <stddef.h>

#include "graph/strbuf.h"

enum {
	REGEXP_MAX_PATTERN = 1024,
	REGEXP_MAX_NEST = 64,
	REGEXP_MATCH_LIMIT = 1000000,
	REGEXP_DEPTH_LIMIT = 10000,
	REGEXP_HEAP_LIMIT_KIB = 4096,
};

/* regexp_match() results */
enum { REGEXP_OVER_LIMIT = -1, REGEXP_NO_MATCH = 0, REGEXP_MATCH = 1 };

struct regexp;

/* Compiles pattern[0..n). NULL when it does not compile or is over a limit;
 * then why (reset first) says why and where ("quantifier does not follow a
 * repeatable item at offset 3"). */
struct regexp *regexp_new(const char *pattern, size_t n, struct strbuf *why);
/* Searches s[0..n) anywhere for a match: REGEXP_MATCH, REGEXP_NO_MATCH, or
 * REGEXP_OVER_LIMIT when a limit above stopped the search (an answer of
 * neither: the caller decides what that means). */
int regexp_match(struct regexp *re, const char *s, size_t n);
void regexp_free(struct regexp *re);
#endif
