/* Warninglist files into a warninglist set (graph/warnlist.h), told apart by
 * content:
 *   plain   one entry per line; "# name:", "# source:" (indented "#   ..."
 *           lines continue it) and "# match: exact|cidr|suffix" headers
 *           before the first entry; other "#" lines are comments;
 *   MISP    warninglist JSON {"name", "type", "description", "list": [...]}
 *           (types string, cidr, hostname, substring, regex), read with
 *           jansson.
 * A file is at most WARNLIST_LOAD_MAX bytes. Diagnostics carry the file's
 * path in diag.where (file index UINT32_MAX) and, for plain lists, the line:
 * errors for a file that cannot be read or parsed (its list is not added),
 * warnings for single entries dropped (a regex that does not compile).
 * Nothing is kept after a call returns but what the set owns. */
#ifndef WARNLIST_LOAD_H
#define WARNLIST_LOAD_H
#include "graph/diag.h"
#include "graph/warnlist.h"

#define WARNLIST_LOAD_MAX ((size_t)64 << 20)
/* and a line of a plain list (longer ones are skipped with a warning) */
#define WARNLIST_LINE_MAX 65536

/* Loads one list file. Returns 0, or -1 with an error in d. */
int warnlist_load(struct warnlist_set *s, const char *path, struct diag_list *d);
/* Loads every *.txt and *.json in dir, in file-name order. */
int warnlist_load_dir(struct warnlist_set *s, const char *dir, struct diag_list *d);
#endif
