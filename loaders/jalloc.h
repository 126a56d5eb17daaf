/* Arena memory for jansson trees, part of the jansson wrapper (json_reader.c).
 *
 * Building a jansson tree costs one malloc per value, key and hash table,
 * and json_decref walks the whole tree again to free them one by one. An
 * arena gives a parsed item all its memory from a few chunks instead: the
 * parse bumps a pointer, and the release hands the chunks back without
 * walking the tree.
 *
 * jansson has one allocator for the whole process (json_set_alloc_funcs),
 * not one per call, so it cannot be given to the JSON reader alone. It is
 * scoped in time instead: jalloc_attach() (jr_open) routes every jansson
 * allocation of every thread through this module until the matching
 * jalloc_detach() (jr_close) gives jansson back the functions it had.
 * Attachments nest. While attached, a thread's jansson allocations come
 * from an arena only between jalloc_begin() and jalloc_end(); everywhere else
 * (other threads, other calls, trees built with json_object() and the like)
 * they are plain malloc/free. jansson's frees of arena memory do nothing:
 * arena memory lives in one reserved address range, so the free function
 * tells it from malloc's by its address and never passes it to free(). So
 * jansson outside a JSON reader's life (the workspace file, --json output,
 * warninglists) runs on jansson's own malloc and free, and a tree made
 * while attached may be freed after, or the other way round.
 *
 * Ownership: jalloc_get() returns an arena that jalloc_put() takes back; the
 * tree parsed into it is gone with it (no json_decref needed, and none
 * allowed after). An arena whose allocations did not all fit in the reserved
 * range (jalloc_needs_walk) holds malloc'd parts too: json_decref its tree
 * before jalloc_put. Chunks of put arenas are kept for reuse (most recent
 * first, still in cache) and given back to the system by jalloc_trim().
 *
 * Threads: get/put may be called from any thread (a mutex guards the free
 * chunks); one arena is used by one thread at a time. Under AddressSanitizer
 * free arena memory is poisoned and each allocation unpoisoned, with a red
 * zone after it. */
#ifndef JALLOC_H
#define JALLOC_H
#include <stddef.h>

struct jalloc;

/* Routes jansson's allocations here (first attachment: saves jansson's
 * functions and installs ours). Returns 0, or -1 when no range could be
 * reserved (jansson keeps its own; jalloc_get returns NULL). Call on the
 * thread that starts any thread using arenas, before starting it. */
int jalloc_attach(void);
/* Ends an attachment; the last one gives jansson its saved functions back,
 * unless arenas are still out (then ours stay, which is always safe). */
void jalloc_detach(void);
/* A fresh arena, or NULL when arenas are unavailable (not attached, or no
 * range). */
struct jalloc *jalloc_get(void);
/* size bytes from a (aligned for any type), gone with a; NULL when the
 * reserved range is full. */
void *jalloc_alloc(struct jalloc *a, size_t size);
/* Makes a (may be NULL) the arena of this thread's jansson allocations,
 * until jalloc_end(). */
void jalloc_begin(struct jalloc *a);
void jalloc_end(void);
/* Whether some of a's allocations fell back to malloc (see above). */
int jalloc_needs_walk(const struct jalloc *a);
/* Takes a back (NULL is ignored). */
void jalloc_put(struct jalloc *a);
/* Gives the memory of free chunks back to the system when no arena is in
 * use. */
void jalloc_trim(void);
#endif
