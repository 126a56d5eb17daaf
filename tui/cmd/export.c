/* agx export --view VIEW [-f FORMAT] [-o OUT] [FILE...]: one Graphviz
 * diagram of one view, in batch. Usage problems (unknown view, format or
 * engine, a name that matches nothing) are caught before anything heavy
 * runs and exit 2; input and output problems exit 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/export_gv.h"
#include "graph/subgraph.h"
#include "graph/xalloc.h"
#include "tui/cmd/commands.h"
#include "tui/cmd/overlap_cli.h"
#include "tui/cmd/suggest.h"
#include "tui/session/workspace.h"
#include "tui/cmd/judgements.h"

static const char view_list[] = "overlap, pair, unit, ego, cluster, cluster:N, all";

/* Splits "A,B" at its first comma into two fresh strings. */
static int split_pair(const char *s, char **a, char **b)
{
	const char *comma = strchr(s, ',');
	if (!comma || comma == s || !comma[1])
		return -1;
	*a = xstrndup(s, (size_t)(comma - s));
	*b = xstrdup(comma + 1);
	return 0;
}

/* Fills spec from --view and the options that go with it. */
static int parse_view(struct cli *c, struct sg_spec *spec, char **pa, char **pb)
{
	memset(spec, 0, sizeof(*spec));
	spec->depth = c->depth;
	spec->max_nodes = (size_t)c->max_nodes;
	spec->threshold = c->session.threshold;
	spec->min_score = c->session.threshold_set ? c->session.threshold : 0;
	if (!c->view)
		return cli_usage_error("export needs --view (%s)", view_list);
	char name[16];
	const char *colon = strchr(c->view, ':');
	size_t n = colon ? (size_t)(colon - c->view) : strlen(c->view);
	if (n >= sizeof(name))
		n = sizeof(name) - 1;
	memcpy(name, c->view, n);
	name[n] = '\0';
	spec->view = subgraph_view_from_name(name);
	if (spec->view < 0) {
		const char *views[SG_VIEW_COUNT];
		for (int v = 0; v < SG_VIEW_COUNT; v++)
			views[v] = subgraph_view_name(v);
		const char *close = suggest_closest(name, views, SG_VIEW_COUNT);
		if (close)
			return cli_usage_error("unknown view '%s' (have: %s); did you mean '%s'?",
					       c->view, view_list, close);
		return cli_usage_error("unknown view '%s' (have: %s)", c->view, view_list);
	}
	if (colon && spec->view != SG_VIEW_CLUSTER)
		return cli_usage_error("only the cluster view takes a number: --view cluster:N");
	switch (spec->view) {
	case SG_VIEW_EGO:
		spec->node = c->node ? c->node : c->unit;
		if (!spec->node)
			return cli_usage_error("the ego view needs --node NAME (and --depth K)");
		break;
	case SG_VIEW_UNIT:
		spec->unit_a = c->unit ? c->unit : c->node;
		if (!spec->unit_a)
			return cli_usage_error("the unit view needs --unit NAME");
		break;
	case SG_VIEW_PAIR:
		if (!c->pair || split_pair(c->pair, pa, pb) != 0)
			return cli_usage_error("the pair view needs --pair A,B");
		spec->unit_a = *pa;
		spec->unit_b = *pb;
		break;
	case SG_VIEW_CLUSTER:
		if (colon) {
			char *end;
			long k = strtol(colon + 1, &end, 10);
			if (end == colon + 1 || *end || k < 1 || k > 1000000)
				return cli_usage_error(
				    "--view cluster:N needs a cluster number from "
				    "'agx clusters' (1, 2, ...), not '%s'",
				    colon + 1);
			spec->cluster = (int)k;
		} else {
			spec->unit_a = c->unit ? c->unit : c->node;
			if (!spec->unit_a)
				return cli_usage_error(
				    "the cluster view needs a number "
				    "(--view cluster:N) or a member (--unit NAME)");
		}
		break;
	default:
		break;
	}
	return 0;
}

/* The format: -f, else the extension of -o, else SVG on standard output. */
static int pick_format(const struct cli *c)
{
	if (c->format) {
		int f = export_gv_format_from_name(c->format);
		if (f < 0) {
			static const char *const formats[] = {"svg", "png", "pdf", "dot", "stix"};
			cli_bad_value("-f", c->format, formats, 5);
			return -1;
		}
		return f;
	}
	if (!c->out || strcmp(c->out, "-") == 0)
		return EXPORT_SVG;
	int f = export_gv_format_from_path(c->out);
	if (f < 0)
		return cli_usage_error("cannot tell the format from '%s': name it .svg, .png, .pdf "
				       "or .dot, or give -f svg|png|pdf|dot",
				       c->out),
		       -1;
	return f;
}

int cmd_export(struct cli *c)
{
	if (c->format && !strcmp(c->format, "stix")) /* judgements, not a diagram */
		return judgements_export(c);
	struct export_req r;
	memset(&r, 0, sizeof(r));
	char *pa = NULL, *pb = NULL;
	int rc = parse_view(c, &r.spec, &pa, &pb);
	if (rc != 0)
		goto out;
	r.format = pick_format(c);
	if (r.format < 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (c->layout && !export_gv_engine_known(c->layout)) {
		rc = cli_usage_error("unknown layout engine '%s' (have: " EXPORT_ENGINES ")",
				     c->layout);
		goto out;
	}
	r.tlp_max = cli_tlp_max(c->tlp_max);
	if (r.tlp_max == -2) {
		rc = EXIT_USAGE;
		goto out;
	}
	r.layout = c->layout;
	r.title = c->title;
	r.out = c->out ? c->out : "-";
	struct overlap_session an;
	int load_rc = overlap_cli_open(c, &an);
	r.annot = &an.annot;
	rc = cli_export(c->session.g, an.ov, &r);
	overlap_cli_close(&an);
	if (rc == EXIT_OK)
		rc = load_rc;
out:
	free(pa);
	free(pb);
	return rc;
}
