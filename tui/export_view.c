#include "tui/export_view.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/atomic.h"
#include "graph/export_gv.h"
#include "graph/overlap.h"
#include "graph/subgraph.h"
#include "graph/xalloc.h"
#include "tui/app.h"

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

/* Fills spec for what the screen shows; returns 0 or -1 (message set).
 * name receives a short name for the default file. */
static int spec_for_view(struct app *a, struct sg_spec *s, char *node_buf, size_t nb, char *name,
			 size_t nn)
{
	memset(s, 0, sizeof(*s));
	s->max_nodes = (size_t)a->cli->max_nodes;
	s->threshold = a->threshold;
	s->depth = a->tab == TAB_GRAPH ? a->graph_depth : 1;
	uint32_t pair = app_focus_pair(a);
	if ((a->screen == SCR_WHY || a->tab == TAB_OVERLAPS) && pair != UINT32_MAX && a->ov) {
		size_t np;
		const struct overlap_pair *p = overlap_pairs(a->ov, &np);
		s->view = SG_VIEW_PAIR;
		s->unit_a = overlap_unit_name(a->ov, p[pair].a);
		s->unit_b = overlap_unit_name(a->ov, p[pair].b);
		snprintf(name, nn, "pair-%s-%s", s->unit_a, s->unit_b);
		return 0;
	}
	if (a->tab == TAB_CLUSTERS && a->ov) {
		const struct list *l = app_list(a, TAB_CLUSTERS);
		if (!l->n) {
			app_message(a, 1, "no cluster to export");
			return -1;
		}
		s->view = SG_VIEW_CLUSTER;
		s->cluster = (int)l->rows[l->cur] + 1;
		snprintf(name, nn, "cluster-%d", s->cluster);
		return 0;
	}
	uint32_t n = app_focus_node(a);
	if (n == NODE_NONE) {
		app_message(a, 1, "nothing selected to export");
		return -1;
	}
	/* "kind:value" names the node exactly, whatever its label */
	snprintf(node_buf, nb, "%s:%s", kind_name(a->g->nodes[n].kind), graph_node_key(a->g, n));
	s->view = SG_VIEW_EGO;
	s->node = node_buf;
	snprintf(name, nn, "ego-%s", graph_node_label(a->g, n));
	return 0;
}

unsigned export_view_command(struct app *a, const char *arg)
{
	char fmt_name[16] = "", path[1024] = "";
	/* [FORMAT] [FILE], either order; the format may come from FILE */
	char buf[1100];
	snprintf(buf, sizeof(buf), "%s", arg);
	for (char *save = NULL, *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		if (!fmt_name[0] && export_gv_format_from_name(t) >= 0)
			snprintf(fmt_name, sizeof(fmt_name), "%s", t);
		else if (!path[0])
			snprintf(path, sizeof(path), "%s", t);
		else {
			app_message(a, 1, ":export [svg|png|pdf|dot] [FILE]");
			return RX_REDRAW;
		}
	}
	if (strcmp(path, "-") == 0) {
		app_message(a, 1, ":export - would write over the screen: give a file name");
		return RX_REDRAW;
	}
	struct sg_spec spec;
	char node_buf[1024], name[256];
	if (spec_for_view(a, &spec, node_buf, sizeof(node_buf), name, sizeof(name)))
		return RX_REDRAW;
	int format = fmt_name[0] ? export_gv_format_from_name(fmt_name)
		     : path[0]	 ? export_gv_format_from_path(path)
				 : EXPORT_SVG;
	if (format < 0)
		format = EXPORT_SVG;
	if (!path[0]) {
		char sl[64];
		slug(name, sl, sizeof(sl));
		snprintf(path, sizeof(path), "agx-%s.%s", sl, export_gv_format_name(format));
	}
	char err[1024];
	struct subgraph sg;
	if (subgraph_build(a->g, a->ov, &spec, &sg, err, sizeof(err))) {
		app_message(a, 1, "export: %s", err);
		return RX_REDRAW;
	}
	if (a->cli->tlp_max) {
		int max = tlp_parse(a->cli->tlp_max);
		if (max != TLP_NONE && sg.tlp > max) {
			app_message(a, 1,
				    "export refused: the data is marked %s, above --tlp-max %s",
				    tlp_name(sg.tlp), tlp_name(max));
			subgraph_free(&sg);
			return RX_REDRAW;
		}
	}
	struct export_opts o = {.format = format, .annot = &a->annot, .threshold = a->threshold};
	char *data = NULL;
	size_t len = 0;
	int st = export_gv_render(a->g, &sg, &o, &data, &len, err, sizeof(err));
	size_t nodes = sg.nnodes;
	int truncated = sg.truncated;
	subgraph_free(&sg);
	if (st != EXPORT_OK) {
		app_message(a, 1, "export: %s", err);
		return RX_REDRAW;
	}
	/* a FIFO nobody reads is an error here: waiting would freeze the screen */
	int rc = atomic_write(path, data, len, ATOMIC_NOWAIT, err, sizeof(err));
	free(data);
	if (rc)
		app_message(a, 1, "export: %s", err);
	else
		app_message(a, 0, "wrote %s (%s, %zu nodes%s)", path, export_gv_format_name(format),
			    nodes, truncated ? ", capped" : "");
	return RX_REDRAW;
}
