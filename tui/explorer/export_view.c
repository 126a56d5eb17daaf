#include "tui/explorer/export_view.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "graph/atomic.h"
#include "graph/export_gv.h"
#include "tui/session/export_run.h"

/* A file name from the subject: letters, digits, '-' and '_' only. */
static void slug(const char *s, char *out, size_t n)
{
	size_t o = 0;
	for (; *s && o + 1 < n && o < 40; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) || c == '-' || c == '_')
			out[o++] = (char)c;
		else if (o && out[o - 1] != '-')
			out[o++] = '-';
	}
	while (o && out[o - 1] == '-')
		o--;
	out[o] = '\0';
	if (!o)
		snprintf(out, n, "view");
}

int export_view_run(const struct graph *g, struct overlap *ov, const struct export_view *v,
		    const char *arg, char *msg, size_t msglen)
{
	char fmt_name[16] = "", path[1024] = "";
	/* [FORMAT] [FILE], either order; the format may come from FILE */
	char buf[1100];
	snprintf(buf, sizeof(buf), "%s", arg);
	for (char *save = NULL, *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		if (!fmt_name[0] && export_gv_format_from_name(t) >= 0) {
			snprintf(fmt_name, sizeof(fmt_name), "%s", t);
		} else if (!path[0]) {
			/* "-" is a file here: standard output is the screen */
			snprintf(path, sizeof(path), "%s%s", strcmp(t, "-") == 0 ? "./" : "", t);
		} else {
			snprintf(msg, msglen, ":export [svg|png|pdf|dot] [FILE]");
			return -1;
		}
	}
	int format = fmt_name[0] ? export_gv_format_from_name(fmt_name)
		     : path[0]	 ? export_gv_format_from_path(path)
				 : EXPORT_SVG;
	if (format < 0)
		format = EXPORT_SVG;
	if (!path[0]) {
		char sl[64];
		slug(v->name, sl, sizeof(sl));
		snprintf(path, sizeof(path), "agx-%s.%s", sl, export_gv_format_name(format));
	}
	/* an unknown --tlp-max level sets no ceiling, as when it was checked
	 * here before the runner was shared */
	int tlp_max = export_run_tlp_max(v->tlp_max);
	struct export_req r = {.spec = v->spec,
			       .format = format,
			       .out = path,
			       .tlp_max = tlp_max < 0 ? -1 : tlp_max,
			       .annot = v->annot,
			       /* a FIFO nobody reads is an error: waiting would
				* freeze the screen */
			       .write_flags = ATOMIC_NOWAIT};
	struct export_outcome o;
	if (export_run(g, ov, &r, &o) == EXIT_OK) {
		snprintf(msg, msglen, "wrote %s (%s, %zu nodes%s)", path,
			 export_gv_format_name(format), o.nodes, o.truncated ? ", capped" : "");
		return 0;
	}
	if (o.refused_tlp)
		snprintf(msg, msglen, "export refused: the data is marked %s, above --tlp-max %s",
			 tlp_name(o.tlp), tlp_name(tlp_max));
	else
		snprintf(msg, msglen, "export: %s", o.msg);
	return -1;
}
