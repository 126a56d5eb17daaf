/* Opening a file agx reads: the data, and the files options name (--aliases,
 * --warninglist, --script, the workspace). Input is hostile and so is a
 * careless path, so every reader opens through here:
 *   - a regular file is opened as it is, if it is at most max bytes;
 *   - "-", and a pipe or terminal reached through /dev/stdin, /dev/fd/N or
 *     /proc/.../fd/N (what `<(cmd)` and `cmd | agx ... /dev/stdin` give), is
 *     read to its end into an unnamed temporary file ("spooled"), at most max
 *     bytes, so readers can look ahead and rewind without losing a byte;
 *   - a regular file whose size says 0 (files in /proc) is spooled too, so
 *     the bound holds whatever the size claimed, and /dev/null is empty;
 *   - a named FIFO, a device, a socket or a directory is refused without
 *     being opened for reading (a FIFO with no writer would block forever,
 *     /dev/zero never ends).
 * Spooling stops early when *cancel becomes non-zero (Ctrl-C in the
 * explorer's :load).
 *
 * Ownership: struct infile owns its FILE; infile_close() releases it. */
#ifndef INFILE_H
#define INFILE_H
#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#include "graph/diag.h"
#include "graph/strbuf.h"

/* The bound when none is given (--max-size's default). */
#define INFILE_MAX_DEFAULT ((size_t)1 << 30)

struct infile {
	FILE *fp;
	size_t size;	     /* bytes (as read, when spooled) */
	int spooled;	     /* read from a pipe or terminal into a temporary file */
	enum diag_code code; /* on failure: D_IO, D_LIMIT or D_UNSAFE */
};

/* Opens path ("-": standard input) for reading, at most max bytes (0: the
 * default). Returns 0, or -1 with f->code set and a message without the path
 * in err ("is a FIFO (named pipe): ..."). */
int infile_open(struct infile *f, const char *path, size_t max, const volatile sig_atomic_t *cancel,
		char *err, size_t errlen);
void infile_close(struct infile *f);

/* Whether path is standard input under another name: "-", /dev/stdin,
 * /dev/fd/N, /proc/self/fd/N, /proc/PID/fd/N, or a link to one of them. */
int infile_is_stdin_like(const char *path);

/* Reads the next line of fp into line (without its '\n'; a '\r' before it
 * is dropped). A line longer than max bytes is read to its end but not
 * kept: *too_long is set and line holds its first max bytes. Returns 1, or
 * 0 at the end of the file. */
int infile_line(FILE *fp, struct strbuf *line, size_t max, int *too_long);
#endif
