/* List filters: by node kind, confidence, date window, pair score and
 * verdict, written as space-separated terms the way an analyst types them:
 *     kind=domain,ipv4  conf>=50  since=2020-01-01  until=2023-06-30
 *     score>=0.2  verdict=confirmed
 * An empty line (or "clear") removes every filter. The struct is plain data. */
#ifndef FILTER_H
#define FILTER_H
#include <stddef.h>
#include <stdint.h>

#include "graph/graph.h"

struct filter {
	uint32_t kinds;		/* bit per enum node_kind; 0: any */
	int conf_min, conf_max; /* 0..100 */
	int32_t since, until;	/* DATE_UNKNOWN: open */
	double score_min;	/* pairs */
	int verdict;		/* enum verdict, -1: any */
	char text[256];		/* as typed, for the status line */
};

void filter_clear(struct filter *f);
/* Parses line into f (replacing it). Returns 0, or -1 with a message in err
 * (f unchanged). */
int filter_parse(struct filter *f, const char *line, char *err, size_t errlen);
int filter_active(const struct filter *f);
/* Whether node passes the kind/conf/date terms. Kinds only apply when
 * tab_kinds (the kinds the list holds) intersects them. */
int filter_node(const struct filter *f, const struct graph *g, uint32_t node, uint32_t tab_kinds);
#endif
