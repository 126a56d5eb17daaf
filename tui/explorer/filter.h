/* List filters: by node kind, confidence, date window, and for the pairs of
 * the Overlaps tab by relation, the kind of their units, a source file,
 * score, shared values, tools and techniques, and verdict, written as
 * space-separated terms the way an analyst types them:
 *     kind=domain,ipv4  conf>=50  since=2020-01-01  until=2023-06-30
 *     relation=corroboration  kind=actor  source=apt_quarian.txt
 *     score>=0.2  shared>=3  tools>=2  techniques>=0.3  verdict=confirmed
 * On pairs, kind=actor keeps pairs of two named actors (and the pairs
 * within one actor), kind=report those with an unattributed report or IOC
 * file (or, within an actor, a source) on a side, kind=campaign those with
 * a campaign on a side. tools>= and techniques>= take the overlap as shown
 * (0..1, written with a point: tools>=0.5) or, as a whole number, how many
 * are shared (tools>=2). source= keeps what a file whose path contains the
 * text speaks to (~ is the home directory).
 * The Review tab takes kind=verdict,note,alias,attribution and author=NAME
 * (who made the decision, without case), and source= on the text of a
 * decision; the Aliases tab author= and source= (a file of a claim) too.
 * An empty line (or "clear") removes every filter. The struct is plain data. */
#ifndef FILTER_H
#define FILTER_H
#include <stddef.h>
#include <stdint.h>

#include "graph/graph.h"

struct overlap;
struct overlap_pair;

struct filter {
	uint32_t kinds;		/* bit per enum node_kind; 0: any */
	int conf_min, conf_max; /* 0..100 */
	int32_t since, until;	/* DATE_UNKNOWN: open */
	/* pairs */
	int relation;	     /* enum pair_relation; -1: not given (overlap) */
	double score_min;    /* the infrastructure score */
	uint32_t shared_min; /* values shared (counted) */
	double tools_min;    /* Jaccard of tools, 0..1 */
	uint32_t ntools_min; /* tools shared */
	double tech_min;     /* Jaccard of techniques */
	uint32_t ntech_min;  /* techniques shared */
	char source[256];    /* a part of a file path, "" when none */
	int verdict;	     /* enum verdict, -1: any */
	uint32_t review_kinds; /* bit per enum review_kind (lists.h); 0: any */
	char author[128];      /* author=, "" when none */
	char text[256];	     /* as typed, for the status line */
};

void filter_clear(struct filter *f);
/* Parses line into f (replacing it). Returns 0, or -1 with a message in err
 * (f unchanged). */
int filter_parse(struct filter *f, const char *line, char *err, size_t errlen);
int filter_active(const struct filter *f);
/* Whether any term but relation= hides something. */
int filter_narrows(const struct filter *f);
/* The relation the pair list shows: the filter's, else overlap. */
int filter_relation(const struct filter *f);
/* Replaces the filter's term NAME (relation=, ...) with NAME=value, or
 * removes it when value is NULL, keeping the other terms as typed. Returns
 * 0, or -1 with a message in err when the result does not parse. */
int filter_set_term(struct filter *f, const char *name, const char *value, char *err,
		    size_t errlen);
/* Whether node passes the kind/conf/date terms. Kinds only apply when
 * tab_kinds (the kinds the list holds) intersects them. */
int filter_node(const struct filter *f, const struct graph *g, uint32_t node, uint32_t tab_kinds);
/* Whether pair p passes the pair terms (relation is the caller's: the list
 * holds one relation). in_source, when the filter names a source, says per
 * unit whether that source speaks to it (filter_units_in_source). */
int filter_pair(const struct filter *f, const struct overlap *ov, const struct overlap_pair *p,
		const uint8_t *in_source);
/* Per unit (overlap_unit_count_all of them): 1 when a file whose path holds
 * f->source states a value the unit reaches or one of the unit's own nodes.
 * NULL when the filter names no source; the caller frees the array. */
uint8_t *filter_units_in_source(const struct filter *f, const struct overlap *ov);
#endif
