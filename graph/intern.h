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
/* For the snapshot (graph/snapshot.c): every string's length (by id) and
 * the hash slots, borrowed. */
const uint32_t *intern_lens(const struct intern *in);
const uint64_t *intern_slots(const struct intern *in, size_t *nslots);
/* A pool over count strings laid end to end in data[0..len) (each followed
 * by a NUL, id 0 the empty string), with the hash slots saved from one; the
 * strings are borrowed (data must outlive the pool: see intern_on_free),
 * lens and slots copied. NULL when they do not fit together: a lookup in
 * the pool can neither leave data nor run forever. */
struct intern *intern_adopt(const char *data, size_t len, const uint32_t *lens, uint32_t count,
			    const uint64_t *slots, size_t nslots);
/* The pool's strings laid end to end in id order (each with its NUL) as
 * spans of memory: fills up to max and returns how many there are (a pool
 * adopted from a snapshot has none of its own: use intern_str()). */
size_t intern_spans(const struct intern *in, const char **ptr, size_t *len, size_t max);
/* Calls release(ctx) when the pool is freed (unmaps adopted strings). */
void intern_on_free(struct intern *in, void (*release)(void *ctx), void *ctx);
/* FNV-1a, shared by the hash indexes. */
uint64_t hash_bytes(const void *p, size_t n);
#endif
