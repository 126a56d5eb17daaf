/* The one file that talks to Graphviz (cgraph to build, gvc to lay out and
 * render). See export_gv.h and layout.h for the contracts. The library's
 * traps this code avoids, as measured on Debian 12's Graphviz 2.43:
 * - plugins are linked in and registered with gvContextPlugins(builtins,
 *   0): gvContext() finds no layout at all when the plugin config
 *   (config6a, written by `dot -c`) is missing, and demand loading
 *   (builtins, 1) without it crashes in make_simple_label during gvLayout;
 * - engines are checked against a static list before gvLayout, which leaks
 *   (61 bytes under valgrind) while building its "Use one of" message for
 *   an unknown one; gvPluginList is never called (it leaks 332 bytes even
 *   when everything it returns is freed);
 * - nodes and edges are created in the subgraph's canonical order so
 *   layouts are reproducible. */
#include "graph/export_gv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cgraph.h>
#include <gvc.h>
#include <gvplugin.h>

#include "graph/annot.h"
#include "graph/attribution.h"
#include "graph/date.h"
#include "graph/layout.h"
#include "graph/strbuf.h"
#include "graph/text.h"
#include "graph/xalloc.h"

extern gvplugin_library_t gvplugin_core_LTX_library;
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_neato_layout_LTX_library;
extern gvplugin_library_t gvplugin_pango_LTX_library;

/* DOT and SVG: no text-layout plugin, so font metrics are Graphviz's own
 * tables and the layout does not depend on the fonts a host has. */
static lt_symlist_t builtins_plain[] = {
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library},
    {NULL, NULL},
};

/* PNG and PDF need cairo, which comes with pango's text layout. */
static lt_symlist_t builtins_cairo[] = {
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library},
    {"gvplugin_pango_LTX_library", &gvplugin_pango_LTX_library},
    {NULL, NULL},
};

static const char *const format_names[] = {
#define X(e, name) name,
    EXPORT_FORMATS(X)
#undef X
};

const char *export_gv_format_name(int format)
{
	return format >= 0 && format < EXPORT_FORMAT_COUNT ? format_names[format] : "?";
}

int export_gv_format_from_name(const char *name)
{
	for (int f = 0; f < EXPORT_FORMAT_COUNT; f++)
		if (strcasecmp(name, format_names[f]) == 0)
			return f;
	if (strcasecmp(name, "gv") == 0)
		return EXPORT_DOT;
	return -1;
}

int export_gv_format_from_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash))
		return -1;
	return export_gv_format_from_name(dot + 1);
}

int export_gv_engine_known(const char *engine)
{
	static const char *const engines[] = {"dot",   "neato", "sfdp",	 "fdp",
					      "twopi", "circo", "osage", "patchwork"};
	for (size_t i = 0; i < sizeof(engines) / sizeof(engines[0]); i++)
		if (strcmp(engine, engines[i]) == 0)
			return 1;
	return 0;
}

/* Measured on synthetic views shaped like feeds (tests/export_bench.c, SVG,
 * built-in plugins, this project's attributes), seconds for layout+render:
 *     nodes   200    300    400    600    800    1000   2000
 *     dot     0.02   0.05   0.14   0.34   0.93   0.91   4.0-6.2
 *     sfdp    0.04   0.09   0.21   0.50   0.74   0.60   2.2-2.8
 * dot is the faster below about 700 nodes and grows much faster above
 * (32-46 s at 5000 nodes); sfdp is never slow, but loses dot's
 * left-to-right reading order, so dot keeps the small views.
 * (sfdp with splines=true took 35-56 s at 300 nodes: edges stay straight.)
 * Most of sfdp's time on large views is its overlap removal (prism), not
 * the layout: CPU seconds of `sfdp -Tsvg` on the same synthetic views,
 *     nodes              1000   2000   5000
 *     overlap=false      1.40   3.84   11.7   (prism)
 *     overlap=scale      0.43   0.85    2.9   (the drawing scaled until
 *                                             no two nodes overlap)
 * so from EXPORT_SCALE_OVERLAP_FROM nodes the drawing is scaled instead:
 * larger, with more white space, and a 5000-node overlap view within a
 * few seconds (prism took 32-46 s there). */
const char *export_gv_engine_for(size_t nnodes)
{
	return nnodes >= EXPORT_SFDP_FROM ? "sfdp" : "dot";
}

/* dot's cost follows the edges too: the M bench bundle's overlap view
 * (542 units, 1795 pairs) took dot 110 s and sfdp 0.5 s, where the
 * synthetic views above have about 1.4 edges a node */
const char *export_gv_engine_for_view(size_t nnodes, size_t nedges)
{
	return nedges >= EXPORT_SFDP_EDGES_FROM ? "sfdp" : export_gv_engine_for(nnodes);
}

/* ---- Graphviz errors go into a buffer, not to stderr ---- */

static struct strbuf *err_sink;

static int capture_error(char *msg)
{
	if (err_sink && err_sink->len < 4096)
		strbuf_adds(err_sink, msg);
	return 0;
}

struct gv_session {
	GVC_t *gvc;
	int shared; /* the process-wide cairo context: not freed here */
	agusererrf old_errf;
	struct strbuf errors;
};

/* The cairo/pango context lives as long as the process. Graphviz 2.43's
 * pango text layout keeps a static pointer to the last font name it saw,
 * which belongs to the context; once that context is freed, the next
 * layout with a new context compares against freed memory (AddressSanitizer
 * catches it on the second PNG or PDF of a process, as in a briefing pack).
 * One context for every cairo export keeps that name alive; it is freed at
 * exit, after the last layout. DOT and SVG contexts stay per call. */
static GVC_t *cairo_gvc;

static void free_cairo_context(void)
{
	if (cairo_gvc)
		gvFreeContext(cairo_gvc);
	cairo_gvc = NULL;
}

static void session_open(struct gv_session *s, int cairo)
{
	memset(s, 0, sizeof(*s));
	err_sink = &s->errors;
	s->old_errf = agseterrf(capture_error);
	if (!cairo) {
		s->gvc = gvContextPlugins(builtins_plain, 0);
		return;
	}
	if (!cairo_gvc) {
		cairo_gvc = gvContextPlugins(builtins_cairo, 0);
		atexit(free_cairo_context);
	}
	s->gvc = cairo_gvc;
	s->shared = 1;
}

static void session_close(struct gv_session *s)
{
	if (s->gvc && !s->shared)
		gvFreeContext(s->gvc);
	agseterrf(s->old_errf);
	err_sink = NULL;
	strbuf_free(&s->errors);
}

/* The first line Graphviz complained with, for our own message. */
static const char *first_error(struct gv_session *s)
{
	char *nl;
	if (!s->errors.len)
		return "no reason given";
	while ((nl = strchr(s->errors.buf, '\n')) && nl[1] == '\0')
		*nl = '\0';
	if ((nl = strchr(s->errors.buf, '\n')))
		*nl = '\0';
	return s->errors.buf;
}

/* ---- text ---- */

/* Appends s for a plain Graphviz label: controls made visible, at most max
 * code points (then an ellipsis), and backslashes doubled so that \N, \G,
 * \n and friends in data stay text. cgraph quotes the result for DOT and
 * gvc escapes it for SVG. */
static void label_into(struct strbuf *sb, const char *s, size_t max)
{
	struct strbuf t = STRBUF_INIT;
	text_escape_into(&t, s ? s : "", 0);
	const char *p = strbuf_str(&t);
	size_t n = strlen(p), i = 0, cps = 0;
	while (i < n) {
		unsigned cp;
		size_t l = text_utf8_decode(p + i, n - i, &cp);
		if (l == 0)
			l = 1;
		if (cps == max) {
			strbuf_adds(sb, "\xe2\x80\xa6"); /* … */
			break;
		}
		if (p[i] == '\\')
			strbuf_adds(sb, "\\\\");
		else
			strbuf_add(sb, p + i, l);
		i += l;
		cps++;
	}
	strbuf_free(&t);
}

/* Appends s for an HTML-like label (the header): visible controls, then
 * the XML escapes. */
static void html_into(struct strbuf *sb, const char *s, size_t max)
{
	struct strbuf t = STRBUF_INIT;
	label_into(&t, s, max);
	for (const char *p = strbuf_str(&t); *p; p++) {
		switch (*p) {
		case '&':
			strbuf_adds(sb, "&amp;");
			break;
		case '<':
			strbuf_adds(sb, "&lt;");
			break;
		case '>':
			strbuf_adds(sb, "&gt;");
			break;
		case '"':
			strbuf_adds(sb, "&quot;");
			break;
		case '\\':
			/* label_into doubled it for plain labels; HTML labels take it as is */
			strbuf_addc(sb, '\\');
			p++;
			break;
		default:
			strbuf_addc(sb, *p);
		}
	}
	strbuf_free(&t);
}

/* ---- styles: Okabe-Ito colours, each kind also its own shape, so the
 * picture reads in greyscale and for colour-blind readers ---- */

struct kind_style {
	const char *shape, *fill, *font, *extra;
};

static const struct kind_style kind_styles[NODE_KIND_COUNT] = {
    [NODE_ACTOR] = {"box", "#D55E00", "#FFFFFF", "peripheries=2"},
    [NODE_CAMPAIGN] = {"hexagon", "#CC79A7", "#000000", NULL},
    [NODE_MALWARE] = {"octagon", "#E69F00", "#000000", NULL},
    [NODE_TOOL] = {"component", "#F0E442", "#000000", NULL},
    [NODE_INFRASTRUCTURE] = {"box3d", "#0072B2", "#FFFFFF", NULL},
    [NODE_IPV4] = {"ellipse", "#56B4E9", "#000000", NULL},
    [NODE_IPV6] = {"ellipse", "#56B4E9", "#000000", NULL},
    [NODE_DOMAIN] = {"box", "#009E73", "#FFFFFF", "rounded"},
    [NODE_URL] = {"parallelogram", "#009E73", "#FFFFFF", NULL},
    [NODE_EMAIL] = {"tab", "#FFFFFF", "#000000", NULL},
    [NODE_X509] = {"cylinder", "#F0E442", "#000000", NULL},
    [NODE_ASN] = {"trapezium", "#56B4E9", "#000000", NULL},
    [NODE_FILE] = {"folder", "#FFFFFF", "#000000", NULL},
    [NODE_TECHNIQUE] = {"cds", "#FFFFFF", "#000000", NULL},
    [NODE_VICTIM] = {"house", "#FFFFFF", "#000000", NULL},
    [NODE_LOCATION] = {"invtrapezium", "#FFFFFF", "#000000", NULL},
    [NODE_REPORT] = {"note", "#FFFFFF", "#000000", NULL},
};

#define FONT "Courier"
#define GREY_FILL "#E0E0E0"
#define GREY_TEXT "#595959"
#define EDGE_COLOUR "#404040"
/* edges joining a report to its unit by a reason (Okabe-Ito reddish purple,
 * darkened to stay readable as text on white) */
#define JOINED_COLOUR "#8E4A7A"

static const char *const band_style[3] = {"dotted", "dashed", "solid"};

/* TLP 2.0 colours (FIRST), on black as the standard shows them. */
static const char *tlp_colour(int tlp)
{
	switch (tlp) {
	case TLP_RED:
		return "#FF2B2B";
	case TLP_AMBER:
	case TLP_AMBER_STRICT:
		return "#FFC000";
	case TLP_GREEN:
		return "#33FF00";
	case TLP_CLEAR:
		return "#FFFFFF";
	default:
		return "#BFBFBF";
	}
}

/* cgraph takes char * everywhere; nothing it is given here is modified. */
static void set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, (char *)name, (char *)value, (char *)"");
}

static void set_html(Agraph_t *g, void *obj, const char *name, const char *html)
{
	char *h = agstrdup_html(g, (char *)html);
	agsafeset(obj, (char *)name, h, (char *)"");
	agstrfree(g, h);
}

static void style_node(Agnode_t *n, int kind, int grey, int focus)
{
	const struct kind_style *ks = &kind_styles[kind < NODE_KIND_COUNT ? kind : NODE_REPORT];
	set(n, "shape", ks->shape);
	struct strbuf style = STRBUF_INIT;
	strbuf_adds(&style, "filled");
	if (ks->extra && strcmp(ks->extra, "rounded") == 0)
		strbuf_adds(&style, ",rounded");
	if (grey)
		strbuf_adds(&style, ",dashed");
	set(n, "style", strbuf_str(&style));
	strbuf_free(&style);
	if (ks->extra && strncmp(ks->extra, "peripheries=", 12) == 0)
		set(n, "peripheries", ks->extra + 12);
	set(n, "fillcolor", grey ? GREY_FILL : ks->fill);
	set(n, "fontcolor", grey ? GREY_TEXT : ks->font);
	if (grey)
		set(n, "color", GREY_TEXT);
	if (focus)
		set(n, "penwidth", "3");
}

/* ---- titles ---- */

char *export_gv_default_title(const struct subgraph *sg, double threshold)
{
	const char *subj = sg->subject ? sg->subject : "";
	switch (sg->view) {
	case SG_VIEW_EGO:
		return xasprintf("Neighbourhood of %s", subj);
	case SG_VIEW_UNIT:
		return xasprintf("%s: campaigns, tools and infrastructure", subj);
	case SG_VIEW_PAIR:
		return xasprintf("Is %s? The shared infrastructure", subj);
	case SG_VIEW_CLUSTER:
		return xasprintf("Cluster: %s", subj);
	case SG_VIEW_OVERLAP:
		(void)threshold;
		return xasprintf("Units sharing infrastructure (%s)", subj);
	default:
		return xasprintf("The whole graph");
	}
}

static void header(Agraph_t *G, const struct graph *g, const struct subgraph *sg,
		   const struct export_opts *o, const char *engine)
{
	char *title = o->title ? xstrdup(o->title) : export_gv_default_title(sg, o->threshold);
	char day[16];
	date_format(sg->date, day, sizeof(day));
	struct strbuf h = STRBUF_INIT;
	strbuf_adds(&h,
		    "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"4\">");
	strbuf_addf(&h,
		    "<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"#000000\"><FONT COLOR=\"%s\" "
		    "POINT-SIZE=\"16\"><B>%s</B></FONT></TD></TR>",
		    tlp_colour(sg->tlp),
		    sg->tlp == TLP_NONE ? "TLP: not marked" : tlp_name(sg->tlp));
	if (sg->tlp_all > sg->tlp)
		/* the marking is of what is shown; say that more is loaded */
		strbuf_addf(&h,
			    "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">the marking of what is "
			    "shown; other inputs loaded are marked up to %s</FONT></TD></TR>",
			    tlp_name(sg->tlp_all));
	strbuf_adds(&h, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"20\"><B>");
	html_into(&h, title, 120);
	strbuf_adds(&h, "</B></FONT></TD></TR><TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"11\">");
	strbuf_addf(&h, "Data up to %s \xc2\xb7 from %zu of %zu input file%s \xc2\xb7 %zu nodes, %zu edges",
		    sg->date == DATE_UNKNOWN ? "an unknown date" : day, sg->nfiles, g->file_count,
		    g->file_count == 1 ? "" : "s", sg->nnodes, sg->nedges);
	if (sg->truncated)
		strbuf_addf(&h, " (the %zu most connected of %zu; raise --max-nodes for more)",
			    sg->nnodes, sg->total);
	strbuf_addf(&h, " \xc2\xb7 view %s, layout %s \xc2\xb7 agx %s",
		    subgraph_view_name(sg->view), engine, AGX_VERSION);
	strbuf_adds(&h, "</FONT></TD></TR></TABLE>");
	set_html(G, G, "label", strbuf_str(&h));
	set(G, "labelloc", "t");
	set(G, "labeljust", "l");
	strbuf_free(&h);
	free(title);
}

/* The legend: the kinds present, by shape and colour, and the line styles.
 * A cluster, so dot keeps it in one box. */
static void legend(Agraph_t *G, const struct subgraph *sg)
{
	int present[NODE_KIND_COUNT] = {0}, grey = 0, pairs = 0, plain = 0;
	for (size_t i = 0; i < sg->nnodes; i++) {
		present[sg->nodes[i].kind] = 1;
		if (sg->nodes[i].flags & (SGN_WARNLISTED | SGN_OVER_CAP))
			grey = 1;
	}
	int joined = 0;
	for (size_t i = 0; i < sg->nedges; i++) {
		if (sg->edges[i].flags & SGE_PAIR)
			pairs = 1;
		else if (sg->edges[i].flags & SGE_JOINED)
			joined = 1;
		else
			plain = 1;
	}
	Agraph_t *L = agsubg(G, (char *)"cluster_legend", 1);
	set(L, "label", "Legend");
	set(L, "fontsize", "12");
	set(L, "style", "rounded");
	set(L, "color", "#808080");
	set(L, "margin", "8");
	char name[64];
	/* kinds in rows of four: invisible edges chain each row across ranks
	 * (left to right), so the legend is a short wide box, not a column */
	Agnode_t *prev = NULL;
	int in_row = 0;
	for (int k = 0; k < NODE_KIND_COUNT; k++) {
		if (!present[k])
			continue;
		snprintf(name, sizeof(name), "legend_%s", kind_name(k));
		Agnode_t *n = agnode(L, name, 1);
		style_node(n, k, 0, 0);
		set(n, "label", kind_name(k));
		set(n, "fontsize", "9");
		set(n, "height", "0.3");
		if (prev && in_row < 4) {
			Agedge_t *e = agedge(L, prev, n, NULL, 1);
			set(e, "style", "invis");
		} else {
			in_row = 0;
		}
		in_row++;
		prev = n;
	}
	if (grey) {
		Agnode_t *n = agnode(L, (char *)"legend_warninglisted", 1);
		style_node(n, NODE_DOMAIN, 1, 0);
		set(n, "shape", "box");
		set(n, "label", "warninglisted or\\nover the df cap");
		set(n, "fontsize", "9");
		set(n, "height", "0.3");
	}
	/* line samples, two to a row: text -> point, then the next text */
	struct sample {
		const char *name, *text, *style, *penwidth;
		int arrow;
		const char *colour; /* NULL: the edges' default */
	} samples[5];
	int ns = 0;
	static const char *const band_text[3] = {
	    "confidence < 30", "confidence 30-69\\nor not stated", "confidence >= 70"};
	static const char *const band_names[3] = {"legend_band0", "legend_band1", "legend_band2"};
	for (int b = 2; plain && b >= 0; b--)
		samples[ns++] =
		    (struct sample){band_names[b], band_text[b], band_style[b], "1.5", 1, NULL};
	if (pairs)
		samples[ns++] = (struct sample){"legend_pair", "pair score\\n(width grows with it)",
						"solid", "3", 0, "#000000"};
	if (joined)
		samples[ns++] = (struct sample){"legend_joined", "attributed by a reason\\n(no stated edge)",
						"dashed", "1.5", 1, JOINED_COLOUR};
	Agnode_t *last = NULL;
	for (int i = 0; i < ns; i++) {
		Agnode_t *t = agnode(L, (char *)samples[i].name, 1);
		set(t, "shape", "plaintext");
		set(t, "label", samples[i].text);
		set(t, "fontsize", "9");
		set(t, "height", "0.3");
		snprintf(name, sizeof(name), "%s_end", samples[i].name);
		Agnode_t *h = agnode(L, name, 1);
		set(h, "shape", "point");
		set(h, "width", "0.06");
		Agedge_t *e = agedge(L, t, h, NULL, 1);
		set(e, "style", samples[i].style);
		set(e, "penwidth", samples[i].penwidth);
		if (!samples[i].arrow)
			set(e, "dir", "none");
		if (samples[i].colour)
			set(e, "color", samples[i].colour);
		if (i % 2 == 1 && last) {
			Agedge_t *inv = agedge(L, last, t, NULL, 1);
			set(inv, "style", "invis");
		}
		last = h;
	}
}

/* ---- the diagram ---- */

static void node_label(struct strbuf *sb, const struct graph *g, const struct sg_node *sn,
		       const struct annot *annot)
{
	size_t max = (sn->kind == NODE_FILE || sn->kind == NODE_X509) ? 20 : 48;
	label_into(sb, sn->label, max);
	if (sn->df && kind_is_infra(sn->kind))
		strbuf_addf(sb, "\\ndf %u", sn->df);
	if (sn->flags & SGN_WARNLISTED) {
		strbuf_adds(sb, "\\nwarninglist");
		if (sn->list) {
			strbuf_adds(sb, ": ");
			label_into(sb, sn->list, 30);
		}
	}
	if (sn->flags & SGN_OVER_CAP)
		strbuf_adds(sb, "\\nover the df cap");
	if (annot) {
		char *key = annot_node_key(g, sn->node);
		const struct annot_note *notes[1];
		size_t n = annot_notes_for(annot, key, notes, 1);
		if (n) {
			strbuf_adds(sb, "\\nnote: ");
			label_into(sb, notes[0]->text, 40);
			if (n > 1)
				strbuf_addf(sb, " (+%zu)", n - 1);
		}
		free(key);
	}
}

static void edge_label(struct strbuf *sb, const struct graph *g, const struct subgraph *sg,
		       const struct sg_edge *se, const struct annot *annot, int rel_labels)
{
	if (se->flags & SGE_PAIR) {
		strbuf_addf(sb, "%.2f \xc2\xb7 %u shared", se->score, se->shared);
		if (annot) {
			char *key =
			    annot_pair_key(g, sg->nodes[se->from].node, sg->nodes[se->to].node);
			enum verdict v = annot_verdict_of(annot, key);
			if (v != VERDICT_UNREVIEWED)
				strbuf_addf(sb, "\\n%s", verdict_name(v));
			free(key);
		}
		return;
	}
	if (se->flags & SGE_REFILED) {
		strbuf_adds(sb, "re-filed (analyst)");
		return;
	}
	if (se->flags & SGE_JOINED) {
		/* said whatever the view's labelling: it is the why */
		strbuf_addf(sb, "attributed\\n(%s)", attribution_reason_name(se->reason));
		return;
	}
	if (rel_labels)
		label_into(sb, graph_relation_name(g, se->rel), 24);
}

struct built {
	Agraph_t *G;
	Agnode_t **nodes;
	Agedge_t **edges;
};

static void build(struct built *b, const struct graph *g, const struct subgraph *sg,
		  const struct export_opts *o, const char *engine, int decorate)
{
	Agraph_t *G = agopen((char *)"agx", Agdirected, NULL);
	b->G = G;
	b->nodes = xcalloc(sg->nnodes + 1, sizeof(*b->nodes));
	b->edges = xcalloc(sg->nedges + 1, sizeof(*b->edges));
	/* A monospaced face: Graphviz sizes nodes from its own font tables
	 * (no text-layout plugin for SVG, so the layout does not depend on the
	 * exporting host), and every monospaced font a viewer may substitute
	 * (Courier, Liberation Mono, DejaVu Sans Mono, Menlo, Consolas) is 0.6
	 * em wide per character, as the tables say. A proportional face would
	 * overflow its boxes wherever the viewer's fallback is wider than
	 * Helvetica (DejaVu Sans on most Linux hosts). */
	set(G, "fontname", FONT);
	set(G, "bgcolor", "white");
	set(G, "pad", "0.3");
	set(G, "outputorder", "edgesfirst");
	set(G, "layout", engine);
	if (strcmp(engine, "dot") == 0) {
		set(G, "rankdir", "LR");
		set(G, "nodesep", "0.15");
		set(G, "ranksep", "0.7");
	} else {
		set(G, "overlap", sg->nnodes >= EXPORT_SCALE_OVERLAP_FROM ? "scale" : "false");
		set(G, "sep", "+6");
	}
	/* defaults declared once keep the DOT short */
	agattr(G, AGNODE, (char *)"fontname", (char *)FONT);
	agattr(G, AGNODE, (char *)"fontsize", (char *)"11");
	agattr(G, AGNODE, (char *)"margin", (char *)"0.08,0.04");
	agattr(G, AGNODE, (char *)"height", (char *)"0.32");
	agattr(G, AGEDGE, (char *)"fontname", (char *)FONT);
	agattr(G, AGEDGE, (char *)"fontsize", (char *)"9");
	agattr(G, AGEDGE, (char *)"color", (char *)EDGE_COLOUR);
	agattr(G, AGEDGE, (char *)"arrowsize", (char *)"0.6");
	if (decorate)
		header(G, g, sg, o, engine);

	struct strbuf sb = STRBUF_INIT;
	char name[32];
	for (size_t i = 0; i < sg->nnodes; i++) {
		const struct sg_node *sn = &sg->nodes[i];
		snprintf(name, sizeof(name), "n%zu", i);
		Agnode_t *n = agnode(G, name, 1);
		b->nodes[i] = n;
		strbuf_reset(&sb);
		node_label(&sb, g, sn, decorate ? o->annot : NULL);
		set(n, "label", strbuf_str(&sb));
		style_node(n, sn->kind, (sn->flags & (SGN_WARNLISTED | SGN_OVER_CAP)) != 0,
			   (sn->flags & SGN_FOCUS) != 0);
		if ((sn->flags & SGN_SHARED) && !(sn->flags & (SGN_WARNLISTED | SGN_OVER_CAP)))
			set(n, "penwidth", "2.5");
	}
	int rel_labels = sg->nedges <= 60;
	int large = sg->nnodes >= EXPORT_SCALE_OVERLAP_FROM;
	/* a hub with many leaves (an actor and its indicators) would make one
	 * column hundreds of nodes tall: stagger the leaves over a few ranks,
	 * as unflatten(1) does, to keep the page closer to a slide's shape */
	uint32_t *deg = xcalloc(sg->nnodes + 1, sizeof(*deg));
	uint32_t *leaves = xcalloc(sg->nnodes + 1, sizeof(*leaves));
	uint32_t *seen = xcalloc(sg->nnodes + 1, sizeof(*seen));
	for (size_t i = 0; i < sg->nedges; i++) {
		deg[sg->edges[i].from]++;
		deg[sg->edges[i].to]++;
	}
	for (size_t i = 0; i < sg->nedges; i++) {
		const struct sg_edge *se = &sg->edges[i];
		if (deg[se->to] == 1 && deg[se->from] > 1)
			leaves[se->from]++;
		else if (deg[se->from] == 1 && deg[se->to] > 1)
			leaves[se->to]++;
	}
	int stagger = strcmp(engine, "dot") == 0;
	for (size_t i = 0; i < sg->nedges; i++) {
		const struct sg_edge *se = &sg->edges[i];
		snprintf(name, sizeof(name), "e%zu", i);
		/* an edge pointing back towards the subject is laid out the other
		 * way round and drawn with its arrow reversed, so the picture flows
		 * outwards from the subject (and from both ends to the middle in the
		 * pair view) */
		int back = sg->nodes[se->from].layer > sg->nodes[se->to].layer;
		Agedge_t *e = back ? agedge(G, b->nodes[se->to], b->nodes[se->from], name, 1)
				   : agedge(G, b->nodes[se->from], b->nodes[se->to], name, 1);
		if (back)
			set(e, "dir", "back");
		b->edges[i] = e;
		uint32_t hub = deg[se->to] == 1	    ? se->from
			       : deg[se->from] == 1 ? se->to
						    : UINT32_MAX;
		int busy = hub != UINT32_MAX && deg[hub] > 1 && leaves[hub] > 12 &&
			   !(se->flags & SGE_PAIR);
		strbuf_reset(&sb);
		/* a busy hub's fan is labelled by its leaves, not by forty "uses" */
		edge_label(&sb, g, sg, se, decorate ? o->annot : NULL, rel_labels && !busy);
		/* on a large view a pair's label becomes its tooltip: placing
		 * 20,000 edge labels was most of sfdp's time on a 5000-node
		 * overlap view (9.3 CPU-s of sfdp, about 2.5 without), and the line width
		 * already shows the score */
		if (sb.len)
			set(e, large && (se->flags & SGE_PAIR) ? "tooltip" : "label",
			    strbuf_str(&sb));
		if (se->flags & SGE_PAIR) {
			char pw[16];
			snprintf(pw, sizeof(pw), "%.1f",
				 1.0 + 5.0 * (se->score > 1 ? 1 : se->score));
			set(e, "penwidth", pw);
			set(e, "dir", "none");
			/* in the overlap view, links under the cluster threshold are
			 * drawn but stay in the background */
			int weak = sg->view == SG_VIEW_OVERLAP && se->score < o->threshold;
			set(e, "color", weak ? "#9a9a9a" : "#000000");
			if (weak)
				set(e, "fontcolor", "#6e6e6e");
			set(e, "fontsize", "10");
			if (sg->view == SG_VIEW_PAIR)
				set(e, "constraint", "false");
		} else if (se->flags & SGE_JOINED) {
			set(e, "style", "dashed");
			set(e, "color", JOINED_COLOUR);
			set(e, "fontcolor", JOINED_COLOUR);
			set(e, "penwidth", "1.5");
		} else {
			set(e, "style", band_style[subgraph_conf_band(se->conf)]);
		}
		if (stagger && busy) {
			uint32_t cols = (leaves[hub] + 11) / 12;
			char ml[8];
			snprintf(ml, sizeof(ml), "%u", 1 + seen[hub]++ % (cols > 3 ? 3 : cols));
			set(e, "minlen", ml);
		}
	}
	free(deg);
	free(leaves);
	free(seen);
	strbuf_free(&sb);
	if (decorate)
		legend(G, sg);
}

static void built_free(struct built *b)
{
	if (b->G)
		agclose(b->G);
	free(b->nodes);
	free(b->edges);
	memset(b, 0, sizeof(*b));
}

static int fail(char *err, size_t errlen, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(char *err, size_t errlen, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (err && errlen)
		vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return status;
}

static const char *pick_engine(const struct subgraph *sg, const char *asked)
{
	return asked ? asked : export_gv_engine_for_view(sg->nnodes, sg->nedges);
}

/* DOT is written before layout: readable, diffable, and independent of the
 * host's fonts; its "layout" attribute makes `dot -Tsvg` pick the same
 * engine agx would. */
static int write_dot(Agraph_t *G, char **data, size_t *len, char *err, size_t errlen)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	if (!fp)
		return fail(err, errlen, EXPORT_E_FAILED, "cannot open a memory stream");
	int rc = agwrite(G, fp);
	if (fclose(fp) != 0 || rc != 0) {
		free(buf);
		return fail(err, errlen, EXPORT_E_FAILED, "cgraph could not write the graph");
	}
	*data = buf;
	*len = n;
	return EXPORT_OK;
}

/* fdp and sfdp draw from the C library's generators, seeded only on the
 * first layout of a process, so a second diagram in one process (a briefing
 * pack, the TUI) came out different from the same diagram made alone.
 * Resetting both generators to their start-up state before every layout
 * makes each one what a fresh process would draw. */
static int run_layout(GVC_t *gvc, Agraph_t *G, const char *engine)
{
	srand(1);
	srand48(0x1234ABCD);
	return gvLayout(gvc, G, engine);
}

int export_gv_render(const struct graph *g, const struct subgraph *sg, const struct export_opts *o,
		     char **data, size_t *len, char *err, size_t errlen)
{
	*data = NULL;
	*len = 0;
	if (o->format < 0 || o->format >= EXPORT_FORMAT_COUNT)
		return fail(err, errlen, EXPORT_E_FAILED, "unknown format");
	const char *engine = pick_engine(sg, o->layout);
	if (!export_gv_engine_known(engine))
		return fail(err, errlen, EXPORT_E_ENGINE,
			    "layout engine '%s' is not available (have: " EXPORT_ENGINES ")",
			    engine);
	int cairo = o->format == EXPORT_PNG || o->format == EXPORT_PDF;
	struct gv_session s;
	session_open(&s, cairo);
	struct built b;
	build(&b, g, sg, o, engine, 1);
	int rc = EXPORT_OK;
	if (o->format == EXPORT_DOT) {
		rc = write_dot(b.G, data, len, err, errlen);
		goto out;
	}
	if (!s.gvc) {
		rc = fail(err, errlen, EXPORT_E_FAILED, "Graphviz could not start: %s",
			  first_error(&s));
		goto out;
	}
	if (o->format == EXPORT_PNG) {
		set(b.G, "dpi", "96");
		set(b.G, "size", "150,150"); /* cairo's surfaces stop at 32767 pixels */
	} else if (o->format == EXPORT_PDF) {
		set(b.G, "size", "199,199"); /* PDF readers stop at 200 inches */
	}
	if (run_layout(s.gvc, b.G, engine) != 0) {
		rc = fail(err, errlen, EXPORT_E_FAILED, "layout with %s failed: %s", engine,
			  first_error(&s));
		goto out;
	}
	char *out = NULL;
	unsigned int n = 0;
	const char *device = format_names[o->format];
	if (gvRenderData(s.gvc, b.G, device, &out, &n) != 0 || !out) {
		if (cairo)
			rc = fail(err, errlen, EXPORT_E_RENDERER,
				  "the %s renderer is not available (%s); it comes with Graphviz's "
				  "cairo plugin: apt install libgvc6 libcairo2 libpango-1.0-0, or "
				  "export svg or dot instead",
				  device, first_error(&s));
		else
			rc = fail(err, errlen, EXPORT_E_FAILED, "rendering %s failed: %s", device,
				  first_error(&s));
		if (out)
			gvFreeRenderData(out);
		gvFreeLayout(s.gvc, b.G);
		goto out;
	}
	*data = xmalloc((size_t)n + 1);
	memcpy(*data, out, n);
	(*data)[n] = '\0';
	*len = n;
	gvFreeRenderData(out);
	gvFreeLayout(s.gvc, b.G);
out:
	built_free(&b);
	session_close(&s);
	return rc;
}

/* ---- layout for the TUI ---- */

static void add_point(struct layout *l, size_t *cap, double x, double y, double top)
{
	XGROW(l->points, *cap, l->npoints + 1);
	l->points[l->npoints].x = x;
	l->points[l->npoints].y = top - y;
	l->npoints++;
}

int layout_compute(const struct graph *g, const struct subgraph *sg, const char *engine,
		   struct layout *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	engine = pick_engine(sg, engine);
	if (!export_gv_engine_known(engine)) {
		fail(err, errlen, -1,
		     "layout engine '%s' is not available (have: " EXPORT_ENGINES ")", engine);
		return -1;
	}
	struct gv_session s;
	session_open(&s, 0);
	struct export_opts o = {.format = EXPORT_SVG};
	struct built b;
	build(&b, g, sg, &o, engine, 0);
	int rc = 0;
	if (!s.gvc || run_layout(s.gvc, b.G, engine) != 0) {
		rc = fail(err, errlen, -1, "layout with %s failed: %s", engine, first_error(&s));
		goto done;
	}
	boxf bb = GD_bb(b.G);
	double top = bb.UR.y;
	out->width = bb.UR.x - bb.LL.x;
	out->height = bb.UR.y - bb.LL.y;
	out->nnodes = sg->nnodes;
	out->nodes = xcalloc(sg->nnodes + 1, sizeof(*out->nodes));
	for (size_t i = 0; i < sg->nnodes; i++) {
		Agnode_t *n = b.nodes[i];
		out->nodes[i].x = ND_coord(n).x - bb.LL.x;
		out->nodes[i].y = top - ND_coord(n).y;
		out->nodes[i].w = ND_width(n) * 72.0;
		out->nodes[i].h = ND_height(n) * 72.0;
	}
	out->nedges = sg->nedges;
	out->edges = xcalloc(sg->nedges + 1, sizeof(*out->edges));
	size_t cap = 0;
	for (size_t i = 0; i < sg->nedges; i++) {
		Agedge_t *e = b.edges[i];
		out->edges[i].first = out->npoints;
		splines *spl = ED_spl(e);
		if (!spl || spl->size == 0) {
			/* no route (an engine that draws none): a straight line */
			Agnode_t *t = agtail(e), *h = aghead(e);
			add_point(out, &cap, ND_coord(t).x - bb.LL.x, ND_coord(t).y, top);
			add_point(out, &cap, ND_coord(h).x - bb.LL.x, ND_coord(h).y, top);
		} else {
			for (int k = 0; k < spl->size; k++) {
				bezier *bz = &spl->list[k];
				if (bz->sflag)
					add_point(out, &cap, bz->sp.x - bb.LL.x, bz->sp.y, top);
				/* cubic pieces p0 p1 p2 p3, sampled at quarters */
				if (bz->size > 0)
					add_point(out, &cap, bz->list[0].x - bb.LL.x, bz->list[0].y,
						  top);
				for (int j = 0; j + 3 < bz->size; j += 3) {
					pointf *p = &bz->list[j];
					for (int q = 1; q <= 4; q++) {
						double t = q / 4.0, u = 1 - t;
						double x =
						    u * u * u * p[0].x + 3 * u * u * t * p[1].x +
						    3 * u * t * t * p[2].x + t * t * t * p[3].x;
						double y =
						    u * u * u * p[0].y + 3 * u * u * t * p[1].y +
						    3 * u * t * t * p[2].y + t * t * t * p[3].y;
						add_point(out, &cap, x - bb.LL.x, y, top);
					}
				}
				if (bz->eflag)
					add_point(out, &cap, bz->ep.x - bb.LL.x, bz->ep.y, top);
			}
		}
		out->edges[i].count = out->npoints - out->edges[i].first;
		if (agtail(e) != b.nodes[sg->edges[i].from]) {
			/* laid out reversed (it points back to the subject): give the
			 * points from the subgraph edge's own tail */
			struct layout_point *p = out->points + out->edges[i].first;
			for (size_t x = 0, y = out->edges[i].count - 1; x < y; x++, y--) {
				struct layout_point t = p[x];
				p[x] = p[y];
				p[y] = t;
			}
		}
	}
	gvFreeLayout(s.gvc, b.G);
done:
	built_free(&b);
	session_close(&s);
	if (rc)
		layout_free(out);
	return rc;
}

void layout_free(struct layout *l)
{
	if (!l)
		return;
	free(l->nodes);
	free(l->edges);
	free(l->points);
	memset(l, 0, sizeof(*l));
}
