/* Graphviz export: a subgraph (subgraph.h) becomes a cgraph graph with a
 * briefing header (title, date of the data, TLP marking), a legend and
 * styled nodes and edges, laid out and rendered by gvc in this process into
 * memory. Writing the bytes out (atomically) is the caller's job.
 *
 * Only graph/export_gv.c includes gvc.h and cgraph.h. Two gvc contexts are
 * used, each created and freed inside one call: DOT and SVG come from the
 * built-in core, dot and neato plugins without a text-layout plugin, so
 * node sizes come from Graphviz's own font metrics and the output is the
 * same on every host; PNG and PDF add the built-in cairo/pango plugin. No
 * plugin configuration file (config6a) is needed for either.
 *
 * Ownership: export_gv_render() returns a malloc'd buffer the caller frees.
 * Graphviz graphs never outlive the call; the DOT/SVG context neither. The
 * cairo context is the one exception: it lives until exit, because
 * Graphviz 2.43's pango plugin keeps a pointer into it (see export_gv.c). */
#ifndef EXPORT_GV_H
#define EXPORT_GV_H
#include <stddef.h>
#include <stdint.h>

#include "graph/graph.h"
#include "graph/subgraph.h"

struct annot;

/* X(ENUM, "name") */
#define EXPORT_FORMATS(X)    \
	X(EXPORT_DOT, "dot") \
	X(EXPORT_SVG, "svg") \
	X(EXPORT_PNG, "png") \
	X(EXPORT_PDF, "pdf")

enum export_format {
#define X(e, name) e,
	EXPORT_FORMATS(X)
#undef X
	    EXPORT_FORMAT_COUNT
};

/* Views with more nodes than this are laid out by sfdp rather than dot
 * (measured: see the comment in export_gv.c). */
#define EXPORT_SFDP_FROM 700
#define EXPORT_SFDP_EDGES_FROM 1200
/* views this large remove node overlaps by scaling the drawing rather than
 * by prism (export_gv.c says what each costs) */
#define EXPORT_SCALE_OVERLAP_FROM 1500

/* The layout engines linked into agx. */
#define EXPORT_ENGINES "dot neato sfdp fdp twopi circo osage patchwork"

enum export_status {
	EXPORT_OK = 0,
	EXPORT_E_FAILED = -1,	/* layout or rendering failed (message says why) */
	EXPORT_E_ENGINE = -2,	/* unknown layout engine: a usage error */
	EXPORT_E_RENDERER = -3, /* the format's renderer is missing (message names the fix) */
};

struct export_opts {
	int format;		   /* enum export_format */
	const char *layout;	   /* engine, NULL: by size */
	const char *title;	   /* NULL: from the view */
	const struct annot *annot; /* verdicts and notes to show, may be NULL */
	double threshold;	   /* shown in the overlap view's title */
};

/* Renders sg. Returns EXPORT_OK with *data (malloc'd, caller frees) and *len,
 * or an export_status with a message in err. */
int export_gv_render(const struct graph *g, const struct subgraph *sg, const struct export_opts *o,
		     char **data, size_t *len, char *err, size_t errlen);

const char *export_gv_format_name(int format);
/* "svg" -> EXPORT_SVG; -1 when unknown. */
int export_gv_format_from_name(const char *name);
/* From a file name's extension (".svg", ".PNG", ".gv"); -1 when none fits. */
int export_gv_format_from_path(const char *path);
/* The engine for a view of n nodes when none was asked for. */
const char *export_gv_engine_for(size_t nnodes);
/* The same knowing the edges: sfdp from EXPORT_SFDP_EDGES_FROM edges
 * whatever the nodes. */
const char *export_gv_engine_for_view(size_t nnodes, size_t nedges);
/* True when engine is one of EXPORT_ENGINES. */
int export_gv_engine_known(const char *engine);
/* The title a view gets when --title is not given; the caller frees. */
char *export_gv_default_title(const struct subgraph *sg, double threshold);
#endif
