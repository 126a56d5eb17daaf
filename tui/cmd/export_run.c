#include "tui/cmd/export_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "graph/export_gv.h"

int export_run_tlp_max(const char *s)
{
	if (!s)
		return -1;
	int t = tlp_parse(s);
	if (t == TLP_NONE) {
		cli_usage_error("--tlp-max needs a TLP level (clear, green, amber, amber+strict, "
				"red), not '%s'",
				s);
		return -2;
	}
	return t;
}

int export_run(const struct graph *g, struct overlap *ov, const struct export_req *r)
{
	char err[1024];
	const char *out = r->out ? r->out : "-";
	if (strcmp(out, "-") == 0 && (r->format == EXPORT_PNG || r->format == EXPORT_PDF) &&
	    isatty(STDOUT_FILENO))
		return cli_usage_error("refusing to write %s to a terminal; use -o FILE",
				       export_gv_format_name(r->format));
	struct subgraph sg;
	if (subgraph_build(g, ov, &r->spec, &sg, err, sizeof(err)) != 0)
		return cli_usage_error("%s", err);
	if (r->tlp_max >= 0 && sg.tlp > r->tlp_max) {
		fprintf(stderr,
			"agx: refusing to export: the data is marked %s, more restricted than "
			"--tlp-max %s\n",
			tlp_name(sg.tlp), tlp_name(r->tlp_max));
		subgraph_free(&sg);
		return EXIT_INPUT;
	}
	if (sg.truncated)
		fprintf(
		    stderr,
		    "agx: the %s view has %zu nodes, more than --max-nodes %zu: drawing the %zu "
		    "most connected (raise --max-nodes, or pick a smaller view: ego, unit, "
		    "pair)\n",
		    subgraph_view_name(sg.view), sg.total, sg.nnodes, sg.nnodes);
	struct export_opts o = {
	    .format = r->format,
	    .layout = r->layout,
	    .title = r->title,
	    .annot = r->annot,
	    .threshold = r->spec.threshold,
	};
	char *data;
	size_t len;
	int st = export_gv_render(g, &sg, &o, &data, &len, err, sizeof(err));
	subgraph_free(&sg);
	if (st == EXPORT_E_ENGINE)
		return cli_usage_error("%s", err);
	if (st != EXPORT_OK) {
		fprintf(stderr, "agx: %s\n", err);
		return EXIT_INPUT;
	}
	int rc = cli_write_output(out, data, len);
	free(data);
	return rc ? EXIT_INPUT : EXIT_OK;
}
