/* Text inputs: the CSV, IOC-list and free-text loaders see lines with their
 * numbers, CRLF or LF alike, the UTF-8 BOM skipped. Read whole
 * (textfile_read: one NUL-terminated buffer, bounded by --max-size, for
 * readers that look across lines) or streamed (textfile_stream: one line at
 * a time, for IOC lists, so memory does not grow with the file). Either
 * way a line has a bound of its own (TEXTFILE_MAX_LINE): a longer one is
 * skipped with a warning (an object skipped), and a NUL byte means a binary
 * file, refused at its position.
 *
 * Ownership: struct textfile owns its buffers; textfile_free() releases
 * them. Lines returned point into them (not NUL-terminated) and stay valid
 * until the next textfile_next (streamed) or textfile_free (whole). */
#ifndef TEXTFILE_H
#define TEXTFILE_H
#include <stddef.h>
#include <stdint.h>

#include "loaders/load.h"

#include "graph/strbuf.h"

#define TEXTFILE_MAX_LINE (1u << 20)

struct textfile {
	char *buf;   /* whole file after the BOM, NUL-terminated (read whole) */
	char *alloc; /* what to free */
	size_t len;
	size_t pos;    /* line iterator */
	uint32_t line; /* number of the line last returned (1-based) */
	int had_bom, had_crlf;
	const volatile sig_atomic_t *cancel; /* load_opts.cancel: ends the lines early */
	struct load_ctx *c;		     /* where long lines are reported */
	uint32_t warned;		     /* lines up to this one were reported */
	/* streamed: the file, a chunk of it, the line being assembled */
	FILE *fp;
	char *chunk;
	size_t clen, cpos;
	struct strbuf lb;
	int error; /* a NUL byte was met (reported): the file is refused */
};

/* Reads c->fp to the end. Returns 0, or -1 with an error added: D_IO,
 * D_LIMIT, or D_FORMAT for a NUL byte (a binary file). */
int textfile_read(struct load_ctx *c, struct textfile *t);
/* Prepares to read c->fp a line at a time. Returns 0. */
int textfile_stream(struct load_ctx *c, struct textfile *t);
/* Next line without its terminator; returns 0 at the end (or once loading
 * was cancelled, or at a NUL byte in a streamed file: t->error is then set
 * and the error reported). */
int textfile_next(struct textfile *t, const char **line, size_t *n);
/* Back to the first line (a second pass). */
void textfile_rewind(struct textfile *t);
void textfile_free(struct textfile *t);

/* Trims ASCII whitespace and U+00A0 / U+200B / U+FEFF at both ends. */
void textfile_trim(const char **s, size_t *n);
#endif
