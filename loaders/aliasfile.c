#include "loaders/aliasfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/infile.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"

enum { MAX_LINE = 4096 };

/* Splits s at commas into trimmed names (pointers into s, which is cut),
 * appended to *out (grown as needed; a line of MAX_LINE bytes holds at
 * most MAX_LINE / 2 names, and every one is kept). */
static void split_names(char *s, char ***out, size_t *n, size_t *cap)
{
	char *save = NULL;
	for (char *tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ' || *tok == '\t')
			tok++;
		size_t len = strlen(tok);
		while (len && (tok[len - 1] == ' ' || tok[len - 1] == '\t' || tok[len - 1] == '\r'))
			tok[--len] = '\0';
		if (len) {
			XGROW(*out, *cap, *n + 1);
			(*out)[(*n)++] = tok;
		}
	}
}

int aliasfile_load(struct graph *g, const char *path, size_t max, struct diag_list *d)
{
	uint32_t file = graph_add_file(g, path, "aliases");
	struct infile in;
	char err[256];
	if (infile_open(&in, path, max, NULL, err, sizeof(err)) != 0) {
		diag_add(d, file, DIAG_ERROR, in.code, 0, 0, NULL, "%s", err);
		graph_file(g, file)->errors = 1;
		return -1;
	}
	struct strbuf lb = STRBUF_INIT;
	char **names = NULL;
	size_t names_cap = 0;
	int too_long;
	uint32_t lineno = 0, errors = 0, lines = 0;
	while (infile_line(in.fp, &lb, MAX_LINE, &too_long)) {
		lineno++;
		if (too_long) {
			diag_add(d, file, DIAG_ERROR, D_LIMIT, lineno, 1, NULL,
				 "line longer than %d bytes", MAX_LINE);
			errors++;
			continue;
		}
		char *line = lb.buf ? lb.buf : (char *)"";
		if (memchr(line, '\0', lb.len)) {
			diag_add(d, file, DIAG_ERROR, D_FORMAT, lineno, 1, NULL,
				 "NUL byte: not an alias file");
			errors++;
			break;
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
		size_t n = 0;
		split_names(p, &names, &n, &names_cap);
		if (n != 1) {
			diag_add(d, file, DIAG_ERROR, D_SYNTAX, lineno, 1, NULL,
				 "one name before '=' expected");
			errors++;
			continue;
		}
		split_names(eq + 1, &names, &n, &names_cap);
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
	free(names);
	strbuf_free(&lb);
	infile_close(&in);
	struct src_file *f = graph_file(g, file);
	f->objects = lines;
	f->errors = errors;
	return errors ? -1 : 0;
}
