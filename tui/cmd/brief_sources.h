/* What a brief rests on: the input files that state what it shows (the
 * paths by which its units reach their values, which decide their scores;
 * the files its units come from; what its diagrams draw), the marking they
 * carry, and how to name them for a reader: by publisher and report, with
 * the shortest path that tells two files apart ("famoussparrow/
 * README.adoc", not one of sixteen README.adoc), and their references.
 *
 * Ownership: the sources borrow the graph (and the overlap while units are
 * added) and own their arrays and names; brief_sources_free() releases
 * them. */
#ifndef BRIEF_SOURCES_H
#define BRIEF_SOURCES_H
#include <stddef.h>
#include <stdint.h>

#include "graph/graph.h"

struct overlap;

struct brief_sources {
	const struct graph *g;
	char *used;	 /* per input file: it contributes */
	char *nodes;	 /* per node: a unit's node or the start of one of its paths */
	uint32_t *files; /* the contributing files, sorted by path (after _finish) */
	size_t nfiles;
	int tlp;	    /* most restricted marking among them and the edges used */
	int tlp_all;	    /* of every input loaded */
	uint32_t tlp_file;  /* a loaded file marked tlp_all, UINT32_MAX when none */
	int32_t date;	    /* newest date among them, DATE_UNKNOWN when none */
	char **names;	    /* per input file, after _finish: its name for readers */
	const char **tails; /* per input file: the part of its path that tells it apart */
};

void brief_sources_init(struct brief_sources *bs, const struct graph *g);
/* Unit u contributes: every edge on every path to its values, the file of
 * its representative node. */
void brief_sources_add_unit(struct brief_sources *bs, const struct overlap *ov, uint32_t u);
/* Files a diagram drew (struct subgraph's files) and its marking. */
void brief_sources_add_files(struct brief_sources *bs, const uint32_t *files, size_t n, int tlp);
/* Sorts the files, names them and computes the markings and the date. */
void brief_sources_finish(struct brief_sources *bs);
/* The reader's name of file f: "PUBLISHER: TITLE (PATH SUFFIX)", parts
 * left out when the file does not say them. Borrowed; raw text (escape). */
const char *brief_sources_name(const struct brief_sources *bs, uint32_t f);
/* The shortest end of f's path no other input loaded shares. Borrowed. */
const char *brief_sources_tail(const struct brief_sources *bs, uint32_t f);
/* Up to max references (URLs first) the file gives for what the brief
 * shows: those on its reports and on the actors of the units added. Returns
 * how many it has in all. Interned strings of the graph. */
size_t brief_sources_refs(const struct brief_sources *bs, uint32_t f, uint32_t *out, size_t max);
void brief_sources_free(struct brief_sources *bs);
#endif
