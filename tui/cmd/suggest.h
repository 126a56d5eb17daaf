/* "Did you mean": the one name a mistyped word most likely stands for, for
 * usage errors (commands, options, option values). Names and the result are
 * borrowed from the caller's table. */
#ifndef SUGGEST_H
#define SUGGEST_H
#include <stddef.h>

/* The name of names closest to word: the only one it is a prefix of (three
 * characters at least), else the nearest within one edit for words up to
 * four characters and two edits beyond (a swapped pair counts one). NULL
 * when none is close, or two are equally close. */
const char *suggest_closest(const char *word, const char *const *names, size_t n);
#endif
