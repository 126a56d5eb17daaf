/* Tab completion on the prompt line: what the word at the cursor could be.
 * On a `:` line the first word is a command (or an action's name); the
 * arguments of :load and :export are file paths, of :sort, :verdict and
 * :filter their words, of :join, :split and :attribute actor names (a name
 * runs from the last '=' or ',' to the cursor, blanks and all). On a `/` line the whole line is an actor's name or
 * alias. On an `f` line each term is a filter name, then its values
 * (relation=, kind=, verdict=, source= a path). Paths take ~ for the home
 * directory and keep it as typed.
 *
 * Ownership: complete_candidates() returns an array of strings the caller
 * frees with complete_free(). */
#ifndef COMPLETE_H
#define COMPLETE_H
#include <stddef.h>

struct model;

/* The completions of the word that ends at pos in line (a prompt of mode,
 * enum prompt_mode), sorted, each a whole replacement of the word; the word
 * starts at *word_start. Returns the count. */
size_t complete_candidates(int mode, const char *line, size_t pos, const struct model *m,
			   size_t *word_start, char ***out);
void complete_free(char **v, size_t n);
/* The longest start the candidates share, compared without case (the first
 * candidate's spelling), into buf. */
void complete_common(char *const *v, size_t n, char *buf, size_t len);
/* path with a leading ~ or ~/ replaced by $HOME, into buf. */
const char *complete_expand_home(const char *path, char *buf, size_t n);
#endif
