/* Keystroke-to-screen times: from a key's dispatch to the grid fully drawn
 * (and, in a terminal, put on the screen), collected per key, reported as
 * median and maximum (AGX_KEYTIMES=1, or with --dump-screen). Owns its array. */
#ifndef KEYTIMES_H
#define KEYTIMES_H
#include <stddef.h>
#include <stdio.h>

struct keytimes {
	double *ms;
	size_t n, cap;
};

double keytimes_now_ms(void);
void keytimes_add(struct keytimes *k, double ms);
/* Median and maximum (0 when empty). */
void keytimes_summary(const struct keytimes *k, double *median, double *max);
/* "keys 1000, median 0.12 ms, max 3.40 ms" */
void keytimes_print(const struct keytimes *k, FILE *f);
void keytimes_free(struct keytimes *k);
#endif
