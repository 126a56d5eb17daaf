#include "tui/cmd/suggest.h"

#include <string.h>

#include "graph/text.h"

/* Levenshtein counts "ovelraps" as two edits; a typist makes one mistake
 * there. Returns the distance with one adjacent transposition undone when
 * that brings a and b closer. */
static int distance(const char *a, const char *b, int max)
{
	int d = text_edit_distance(a, b, max);
	size_t n = strlen(a);
	if (n < 2 || n > 255 || n != strlen(b))
		return d;
	char swapped[256];
	for (size_t i = 0; i + 1 < n; i++) {
		if (a[i] == a[i + 1] || a[i] != b[i + 1] || a[i + 1] != b[i])
			continue;
		memcpy(swapped, a, n + 1);
		swapped[i] = a[i + 1];
		swapped[i + 1] = a[i];
		int t = 1 + text_edit_distance(swapped, b, max);
		if (t < d)
			d = t;
	}
	return d;
}

const char *suggest_closest(const char *word, const char *const *names, size_t n)
{
	size_t len = strlen(word);
	if (!len)
		return NULL;
	const char *prefix_of = NULL;
	size_t prefixes = 0;
	for (size_t i = 0; i < n; i++)
		if (len >= 3 && strncmp(names[i], word, len) == 0 && names[i][len])
			prefix_of = names[i], prefixes++;
	if (prefixes == 1)
		return prefix_of;
	int max = len <= 4 ? 1 : 2, best = max + 1;
	const char *pick = NULL;
	int ties = 0;
	for (size_t i = 0; i < n; i++) {
		int d = distance(word, names[i], max);
		if (d < best)
			best = d, pick = names[i], ties = 0;
		else if (d == best && d <= max)
			ties++;
	}
	return best <= max && !ties ? pick : NULL;
}
