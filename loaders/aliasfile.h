/* The analyst's own alias table (--aliases FILE): lines of
 *     Name = Alias, Alias, ...      these names are one actor
 *     Name != Other, Other, ...     these are different actors
 * with '#' comments. Each "=" name becomes an alias claim of the analyst's
 * strength (alias.h: it wins over every loaded claim), so the merge it
 * causes is explained ("alias 'Ke3chang', my-aliases.txt") and can be undone
 * like any other; each "!=" pair a split that no claim can join. Only names
 * already in the data are joined: a line none of whose names was loaded is
 * reported, never turned into an empty actor. Call after the data is
 * loaded, before graph_finish(). */
#ifndef ALIASFILE_H
#define ALIASFILE_H
#include "graph/diag.h"
#include "graph/graph.h"

/* Reads path through graph/infile.h (at most max bytes, --max-size; a pipe
 * spooled, a FIFO or device refused); a line has at most 4096 bytes and as
 * many names as fit. Returns 0, or -1 when the file could not be read or has
 * a malformed line (reported as path:line:col errors in d; the good lines
 * still count). */
int aliasfile_load(struct graph *g, const char *path, size_t max, struct diag_list *d);
#endif
