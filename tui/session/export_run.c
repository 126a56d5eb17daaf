#include "tui/session/export_run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "graph/atomic.h"
#include "graph/export_gv.h"

int export_run_tlp_max(const char *s)
{
	if (!s)
		return -1;
	int t = tlp_parse(s);
	return t == TLP_NONE ? -2 : t;
}

static int write_out(const char *out, const char *data, size_t len, unsigned flags, char *err,
		     size_t errlen)
{
	if (strcmp(out, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			snprintf(err, errlen, "cannot write to standard output: %s",
				 strerror(errno));
			return -1;
		}
		return 0;
	}
	return atomic_write(out, data, len, flags, err, errlen);
}

int export_run(const struct graph *g, struct overlap *ov, const struct export_req *r,
	       struct export_outcome *out)
{
	memset(out, 0, sizeof(*out));
	const char *path = r->out ? r->out : "-";
	if (strcmp(path, "-") == 0 && (r->format == EXPORT_PNG || r->format == EXPORT_PDF) &&
	    isatty(STDOUT_FILENO)) {
		snprintf(out->msg, sizeof(out->msg),
			 "refusing to write %s to a terminal; use -o FILE",
			 export_gv_format_name(r->format));
		return EXIT_USAGE;
	}
	struct subgraph sg;
	if (subgraph_build(g, ov, &r->spec, &sg, out->msg, sizeof(out->msg)) != 0)
		return EXIT_USAGE;
	out->tlp = sg.tlp;
	if (r->tlp_max >= 0 && sg.tlp > r->tlp_max) {
		out->refused_tlp = 1;
		snprintf(out->msg, sizeof(out->msg),
			 "refusing to export: the data is marked %s, more restricted than "
			 "--tlp-max %s",
			 tlp_name(sg.tlp), tlp_name(r->tlp_max));
		subgraph_free(&sg);
		return EXIT_INPUT;
	}
	out->truncated = sg.truncated;
	out->nodes = sg.nnodes;
	out->total = sg.total;
	struct export_opts o = {
	    .format = r->format,
	    .layout = r->layout,
	    .title = r->title,
	    .annot = r->annot,
	    .threshold = r->spec.threshold,
	};
	char *data;
	size_t len;
	int st = export_gv_render(g, &sg, &o, &data, &len, out->msg, sizeof(out->msg));
	subgraph_free(&sg);
	if (st == EXPORT_E_ENGINE)
		return EXIT_USAGE;
	if (st != EXPORT_OK)
		return EXIT_INPUT;
	int rc = write_out(path, data, len, r->write_flags, out->msg, sizeof(out->msg));
	free(data);
	return rc ? EXIT_INPUT : EXIT_OK;
}
