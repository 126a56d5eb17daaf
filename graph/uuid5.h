/* Name-based UUIDs (RFC 4122 version 5: SHA-1 of a namespace and a name),
 * for identifiers that must be the same every time the same thing is named:
 * the STIX ids of the analyst's judgements, so that pushing twice does not
 * duplicate them on the server. */
#ifndef UUID5_H
#define UUID5_H
#include <stddef.h>
#include <stdint.h>

/* STIX 2.1's namespace for deterministic identifiers (STIX 2.1 §2.9). */
#define UUID5_STIX_NAMESPACE "00abedb4-aa42-466c-9c01-fed23315a9b7"

/* Writes the UUID of name in namespace ns (text form, 36 characters and a
 * NUL) into out. Returns 0, or -1 when ns is not a UUID. */
int uuid5(const char *ns, const char *name, size_t len, char out[37]);
/* SHA-1 of data into digest (20 bytes). */
void uuid5_sha1(const void *data, size_t len, uint8_t digest[20]);
#endif
