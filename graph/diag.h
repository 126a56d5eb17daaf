/* Diagnostics: what loading found wrong or odd in each input file, kept for
 * `agx check` and printed in the form editors understand:
 *     path:line:col: error: message
 *     path: /objects/12 (indicator--...): warning: message   (no position)
 * The list owns its messages. Codes and their one-line meanings live in one
 * X-macro table, so `check --json` and the man page use the same words. */
#ifndef DIAG_H
#define DIAG_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_QUIRK };

/* X(ENUM, "key", "meaning") */
#define DIAG_CODES(X)                                                            \
	X(D_IO, "io", "the file could not be read")                              \
	X(D_SYNTAX, "syntax", "the file is not well-formed")                     \
	X(D_UNSAFE, "unsafe", "the input uses a feature refused for safety")     \
	X(D_LIMIT, "limit", "a size or nesting limit was exceeded")              \
	X(D_FORMAT, "format", "the format could not be recognised")              \
	X(D_INVALID, "invalid", "an object lacks what its type requires")        \
	X(D_VALUE, "value", "a value is not what its kind claims")               \
	X(D_DANGLING, "dangling-ref", "a reference names no loaded object")      \
	X(D_UNKNOWN_TYPE, "unknown-type", "an object type agx does not use")     \
	X(D_REFANGED, "refanged", "a defanged value was refanged")               \
	X(D_PARTIAL, "partial", "a value matches partially (contains)")          \
	X(D_DUPLICATE, "duplicate", "a value or key appears more than once")     \
	X(D_AMBIGUOUS, "ambiguous-alias", "a name is claimed by several actors") \
	X(D_REVOKED, "revoked", "an object is revoked or deprecated")            \
	X(D_UNSUPPORTED, "unsupported", "a construct agx does not interpret")    \
	X(D_NOTE, "note", "information")

enum diag_code {
#define X(e, key, meaning) e,
	DIAG_CODES(X)
#undef X
	    D_CODE_COUNT
};

struct diag {
	uint32_t file;	    /* index in the graph's file table, or UINT32_MAX */
	uint8_t level;	    /* enum diag_level */
	uint8_t code;	    /* enum diag_code */
	uint32_t line, col; /* 0 when unknown */
	char *where;	    /* JSON pointer / object id, or NULL; owned */
	char *msg;	    /* owned */
};

struct diag_list {
	struct diag *items;
	size_t count, cap;
	size_t counts[3]; /* per level */
	size_t max_items; /* beyond this only counts grow (0 = 100000) */
	size_t dropped;
};

void diag_init(struct diag_list *d);
void diag_free(struct diag_list *d);
void diag_add(struct diag_list *d, uint32_t file, enum diag_level level, enum diag_code code,
	      uint32_t line, uint32_t col, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
void diag_vadd(struct diag_list *d, uint32_t file, enum diag_level level, enum diag_code code,
	       uint32_t line, uint32_t col, const char *where, const char *fmt, va_list ap);
const char *diag_code_key(int code);
const char *diag_code_meaning(int code);
const char *diag_level_name(int level);
/* Formats one diagnostic as "path:line:col: level: msg" (control characters
 * escaped) into a fresh string the caller frees. */
char *diag_format(const struct diag *di, const char *path);
#endif
