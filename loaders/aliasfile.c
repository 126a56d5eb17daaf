#include "loaders/aliasfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"

enum { MAX_LINE = 4096, MAX_NAMES = 256 };

/* Splits s at commas into trimmed names (pointers into s, which is cut). */
static size_t split_names(char *s, char **out, size_t max)
{
	size_t n = 0;
	for (char *tok = strtok(s, ","); tok && n < max; tok = strtok(NULL, ",")) {
		while (*tok == ' ' || *tok == '\t')
			tok++;
		size_t len = strlen(tok);
		while (len && (tok[len - 1] == ' ' || tok[len - 1] == '\t' || tok[len - 1] == '\r'))
			tok[--len] = '\0';
		if (len)
			out[n++] = tok;
	}
	return n;
}

int aliasfile_load(struct graph *g, const char *path, struct diag_list *d)
{
	uint32_t file = graph_add_file(g, path, "aliases");
	FILE *fp = fopen(path, "r");
	if (!fp) {
		diag_add(d, file, DIAG_ERROR, D_IO, 0, 0, NULL, "cannot open: %s", strerror(errno));
		graph_file(g, file)->errors = 1;
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	uint32_t lineno = 0, errors = 0, lines = 0;
	while ((len = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		if (len > MAX_LINE) {
			diag_add(d, file, DIAG_ERROR, D_LIMIT, lineno, 1, NULL,
				 "line longer than %d bytes", MAX_LINE);
			errors++;
			continue;
		}
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *p = line;
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!*p)
			continue;
		char *eq = strchr(p, '=');
		int split = eq && eq > p && eq[-1] == '!';
		if (split)
			eq[-1] = ' ';
		if (!eq) {
			diag_add(d, file, DIAG_ERROR, D_SYNTAX, lineno, 1, NULL,
				 "expected 'Name = Alias, Alias, ...'");
			errors++;
			continue;
		}
		*eq = '\0';
		char *names[MAX_NAMES + 1];
		size_t n = split_names(p, names, 1);
		if (n != 1) {
			diag_add(d, file, DIAG_ERROR, D_SYNTAX, lineno, 1, NULL,
				 "one name before '=' expected");
			errors++;
			continue;
		}
		n += split_names(eq + 1, names + 1, MAX_NAMES);
		lines++;
		if (split) {
			/* the analyst's "these are different actors" */
			for (size_t i = 1; i < n; i++)
				alias_split(g, names[0], names[i], file);
			continue;
		}
		/* the first name already in the data claims the others */
		uint32_t claimer = NODE_NONE;
		for (size_t i = 0; i < n && claimer == NODE_NONE; i++)
			claimer = graph_find_named(g, NODE_ACTOR, names[i]);
		if (claimer == NODE_NONE) {
			diag_add(d, file, DIAG_QUIRK, D_NOTE, lineno, 1, NULL,
				 "no actor of this line is in the data: nothing merged");
			continue;
		}
		for (size_t i = 0; i < n; i++)
			alias_claim_as(g, claimer, names[i], file, ALIAS_ANALYST);
	}
	free(line);
	fclose(fp);
	struct src_file *f = graph_file(g, file);
	f->objects = lines;
	f->errors = errors;
	return errors ? -1 : 0;
}
