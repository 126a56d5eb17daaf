/* Files that look like inputs but are never data: warninglists (agx's plain
 * lists with their "# name:" and "# match:" headers, MISP warninglist JSON).
 * Their values are the harmless ones (resolvers, CDN ranges, top sites);
 * loaded as indicators they would become a unit of their own and change N
 * and every idf. The file is recorded with a quirk that says how to use it
 * instead (--warninglist), and adds nothing to the graph. */
#include <string.h>

#include "graph/strbuf.h"
#include "loaders/load.h"
#include "loaders/textfile.h"

/* The list's own name: "# name: X" of a plain list, "name": "X" of a MISP
 * list, else empty. */
static void list_name(FILE *fp, struct strbuf *out)
{
	char line[512];
	for (int i = 0; i < 40 && fgets(line, sizeof(line), fp); i++) {
		char *p = strstr(line, "# name:");
		if (p) {
			p += 7;
		} else if ((p = strstr(line, "\"name\""))) {
			p = strchr(p + 6, '"');
			if (!p)
				continue;
			p++;
			char *q = strchr(p, '"');
			if (q)
				*q = '\0';
		} else {
			continue;
		}
		const char *s = p;
		size_t n = strcspn(s, "\r\n");
		textfile_trim(&s, &n);
		if (n > 120)
			n = 120;
		strbuf_add(out, s, n);
		return;
	}
}

int not_data_load(struct load_ctx *c)
{
	struct strbuf name = STRBUF_INIT;
	list_name(c->fp, &name);
	diag_add(c->d, c->file, DIAG_QUIRK, D_NOTE, 0, 0, NULL,
		 "a warninglist%s%s%s, not data: its values are never loaded as indicators "
		 "(to apply it: --warninglist %s)",
		 name.len ? " ('" : "", name.len ? strbuf_str(&name) : "", name.len ? "')" : "",
		 c->path);
	strbuf_free(&name);
	return 0;
}
