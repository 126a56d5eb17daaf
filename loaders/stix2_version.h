/* Which of two versions of one STIX object is newer: their `modified`
 * timestamps compared as instants (RFC 3339, any number of fractional
 * digits, Z or an offset), not as text: "…:00.5Z" is after "…:00Z". */
#ifndef STIX2_VERSION_H
#define STIX2_VERSION_H

/* <0 when a is before b, >0 when after, 0 when equal or either is not a
 * timestamp (then neither can be said to win). */
int stix2_version_cmp(const char *a, const char *b);
/* The instant of a `modified` timestamp in nanoseconds since the epoch
 * (digits past the ninth dropped), for keeping one number per object
 * instead of its text; beyond what 64 bits hold (after 2262, before 1677)
 * LLONG_MAX or LLONG_MIN, so the order still holds. Returns 0, or -1 when
 * s is not a timestamp. */
int stix2_version_instant(const char *s, long long *ns);
#endif
