/* The batch commands' progress line: while inputs load, one line on
 * standard error, redrawn in place, when standard error is a terminal and
 * the load has taken more than half a second ("loading: 212 files, 48,310
 * objects, 21.4 MB, 9.8 MB/s  apt_x.txt"); cleared when the load is over,
 * before the command prints anything. It is the load_opts progress
 * callback (loaders/load.h).
 *
 * Ownership: one reporter per process, kept here; it borrows nothing. */
#ifndef PROGRESS_H
#define PROGRESS_H
#include <stddef.h>
#include <stdint.h>

struct load_opts;
struct strbuf;

struct progress {
	double t0, drawn_at; /* ms, CLOCK_MONOTONIC; t0 < 0 until the first step */
	size_t files;
	uint64_t bytes, objects;
	int shown;	   /* the line is on the terminal */
	int fd;		   /* where it is drawn */
	char current[256]; /* the file being read (its last part) */
};

/* Sets o's progress callback to the reporter when standard error is a
 * terminal and AGX_NO_PROGRESS is unset or empty; otherwise leaves o
 * alone. */
void progress_attach(struct load_opts *o);
/* The line's text for p at time now_ms, at most width columns, file names
 * escaped as a terminal must show them (exposed for tests). */
void progress_format(const struct progress *p, double now_ms, const char *path, int width,
		     struct strbuf *out);
#endif
