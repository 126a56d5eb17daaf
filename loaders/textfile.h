/* Text inputs read whole: the CSV, IOC-list and free-text loaders work on
 * one NUL-terminated buffer (bounded by --max-size), with the UTF-8 BOM
 * skipped and lines handed out with their numbers, CRLF or LF alike.
 *
 * Ownership: struct textfile owns its buffer; textfile_free() releases it.
 * Lines returned point into that buffer (not NUL-terminated). */
#ifndef TEXTFILE_H
#define TEXTFILE_H
#include <stddef.h>
#include <stdint.h>

#include "loaders/load.h"

struct textfile {
	char *buf;   /* whole file after the BOM, NUL-terminated */
	char *alloc; /* what to free */
	size_t len;
	size_t pos;    /* line iterator */
	uint32_t line; /* number of the line last returned (1-based) */
	int had_bom, had_crlf;
	const volatile sig_atomic_t *cancel; /* load_opts.cancel: ends the lines early */
};

/* Reads c->fp to the end. Returns 0, or -1 with an error added: D_IO,
 * D_LIMIT, or D_FORMAT for a NUL byte (a binary file). */
int textfile_read(struct load_ctx *c, struct textfile *t);
/* Next line without its terminator; returns 0 at the end (or once loading
 * was cancelled). */
int textfile_next(struct textfile *t, const char **line, size_t *n);
void textfile_free(struct textfile *t);

/* Trims ASCII whitespace and U+00A0 / U+200B / U+FEFF at both ends. */
void textfile_trim(const char **s, size_t *n);
#endif
