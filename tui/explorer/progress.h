/* The explorer's progress line while large inputs load: files read,
 * objects, megabytes and megabytes a second, and the file being read, on
 * the terminal (standard error, when it is one) before the screen is taken,
 * then on to "computing overlaps". Small loads say nothing: the line shows
 * once PROGRESS_AFTER_MS have passed, and is redrawn at most every
 * PROGRESS_EVERY_MS. It uses the loaders' progress hook (loaders/load.h:
 * struct load_opts' progress callback), which the batch commands share. */
#ifndef PROGRESS_H
#define PROGRESS_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PROGRESS_AFTER_MS 300
#define PROGRESS_EVERY_MS 100

struct load_opts;
struct load_step;

struct progress {
	FILE *out; /* NULL: silent (not a terminal, or a headless run) */
	double t0, last;
	uint64_t bytes, objects;
	size_t files;
	int shown; /* a line is on the terminal */
};

/* Starts counting; hooks into o when out is a terminal (NULL: silent). */
void progress_start(struct progress *p, struct load_opts *o, FILE *out);
/* One step of the load (the hook itself, for tests). */
void progress_step(void *ctx, const struct load_step *s);
/* A phase after loading ("computing overlaps"), shown when a line is. */
void progress_phase(struct progress *p, const char *what);
/* Clears the line and unhooks. */
void progress_end(struct progress *p, struct load_opts *o);
/* The line as it would be shown, into buf (for tests). */
const char *progress_line(const struct progress *p, const char *path, double now_ms, char *buf,
			  size_t n);
#endif
