/* String interning: each distinct byte string is stored once and named by a
 * uint32_t id. The pool owns every string; pointers returned by intern_str()
 * stay valid until intern_free() (strings live in chunks that never move).
 * Id 0 is the empty string, so a zeroed field means "no string". */
#ifndef INTERN_H
#define INTERN_H
#include <stddef.h>
#include <stdint.h>

struct intern;

struct intern *intern_new(void);
void intern_free(struct intern *in);
/* Returns the id of s[0..n), adding it when new. */
uint32_t intern_put(struct intern *in, const char *s, size_t n);
uint32_t intern_puts(struct intern *in, const char *s);
/* Returns the id of s, or UINT32_MAX when s was never interned. */
uint32_t intern_find(const struct intern *in, const char *s, size_t n);
const char *intern_str(const struct intern *in, uint32_t id);
size_t intern_len(const struct intern *in, uint32_t id);
uint32_t intern_count(const struct intern *in);
/* Bytes held (strings, ids and hash slots), for `agx stats`. */
size_t intern_bytes(const struct intern *in);
/* FNV-1a, shared by the hash indexes. */
uint64_t hash_bytes(const void *p, size_t n);
#endif
