#include "tui/explorer/filter.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/annot.h"
#include "graph/copies.h"
#include "graph/date.h"
#include "graph/overlap.h"
#include "graph/xalloc.h"
#include "tui/explorer/lists.h"

void filter_clear(struct filter *f)
{
	memset(f, 0, sizeof(*f));
	f->conf_max = 100;
	f->since = f->until = DATE_UNKNOWN;
	f->verdict = -1;
	f->relation = -1;
}

int filter_narrows(const struct filter *f)
{
	struct filter plain;
	filter_clear(&plain);
	return f->kinds || f->conf_min != plain.conf_min || f->conf_max != plain.conf_max ||
	       f->since != plain.since || f->until != plain.until || f->score_min > 0 ||
	       f->shared_min || f->tools_min > 0 || f->ntools_min || f->tech_min > 0 ||
	       f->ntech_min || f->source[0] || f->verdict != plain.verdict || f->review_kinds ||
	       f->author[0];
}

int filter_relation(const struct filter *f)
{
	return f->relation >= 0 ? f->relation : PAIR_OVERLAP;
}

int filter_active(const struct filter *f)
{
	return f->text[0] != '\0';
}

static int parse_kinds(const char *v, uint32_t *kinds, uint32_t *review, char *err,
		       size_t errlen)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", v);
	*kinds = 0;
	*review = 0;
	for (char *save = NULL, *k = strtok_r(buf, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
		int kind = kind_from_name(k);
		int rk = review_kind_from_name(k);
		if (rk >= 0) {
			*review |= 1u << rk;
			continue;
		}
		if (strcmp(k, "infra") == 0) {
			for (int i = 0; i < NODE_KIND_COUNT; i++)
				if (kind_is_infra(i))
					*kinds |= 1u << i;
			continue;
		}
		if (kind < 0) {
			snprintf(err, errlen,
				 "unknown kind '%s' (actor, domain, ipv4, url, file, ...; verdict, "
				 "note, alias, attribution)",
				 k);
			return -1;
		}
		*kinds |= 1u << kind;
	}
	return 0;
}

/* tools>= / techniques>=: a point or a value below 1 is the overlap as
 * shown (Jaccard, 0..1); a whole number from 1 is how many are shared. */
static int parse_dimension(struct filter *f, int tools, const char *op, const char *v, char *err,
			   size_t errlen)
{
	char *end;
	double x = strtod(v, &end);
	const char *name = tools ? "tools" : "techniques";
	if (end == v || *end || x < 0 || x > 1000000000) {
		snprintf(err, errlen, "%s needs 0..1 (the overlap) or a count, not '%s'", name, v);
		return -1;
	}
	int strict = strcmp(op, ">") == 0;
	if (strchr(v, '.') || x < 1) {
		if (x > 1) {
			snprintf(err, errlen, "%s overlap is 0..1, not '%s'", name, v);
			return -1;
		}
		/* > on an overlap: the next value up, as shown to 2 places */
		double m = strict ? x + 0.005 : x;
		if (tools)
			f->tools_min = m;
		else
			f->tech_min = m;
	} else {
		uint32_t n = (uint32_t)x + (uint32_t)strict;
		if (tools)
			f->ntools_min = n;
		else
			f->ntech_min = n;
	}
	return 0;
}

/* One term: NAME OP VALUE with OP one of = >= <= > <. */
static int parse_term(struct filter *f, char *t, char *err, size_t errlen)
{
	size_t nl = strcspn(t, "=<>");
	if (t[nl] == '\0' || nl == 0) {
		snprintf(err, errlen,
			 "'%s' is not NAME=VALUE (kind=, conf>=, since=, until=, relation=, "
			 "source=, score>=, shared>=, tools>=, techniques>=, verdict=, author=)",
			 t);
		return -1;
	}
	char op[3] = {0};
	char *p = t + nl;
	op[0] = *p++;
	if (*p == '=')
		op[1] = *p++;
	t[nl] = '\0';
	const char *v = p;
	if (strcmp(t, "kind") == 0 && strcmp(op, "=") == 0)
		return parse_kinds(v, &f->kinds, &f->review_kinds, err, errlen);
	if (strcmp(t, "author") == 0 && strcmp(op, "=") == 0) {
		if (!*v || strlen(v) >= sizeof(f->author)) {
			snprintf(err, errlen, "author needs a name (up to %zu bytes)",
				 sizeof(f->author) - 1);
			return -1;
		}
		snprintf(f->author, sizeof(f->author), "%s", v);
		return 0;
	}
	if (strcmp(t, "conf") == 0) {
		char *end;
		long n = strtol(v, &end, 10);
		if (end == v || *end || n < 0 || n > 100) {
			snprintf(err, errlen, "conf needs 0..100, not '%s'", v);
			return -1;
		}
		if (strcmp(op, ">=") == 0)
			f->conf_min = (int)n;
		else if (strcmp(op, ">") == 0)
			f->conf_min = (int)n + 1;
		else if (strcmp(op, "<=") == 0)
			f->conf_max = (int)n;
		else if (strcmp(op, "<") == 0)
			f->conf_max = (int)n - 1;
		else
			f->conf_min = f->conf_max = (int)n;
		return 0;
	}
	if (strcmp(t, "since") == 0 || strcmp(t, "until") == 0) {
		int32_t d = date_parse(v);
		if (d == DATE_UNKNOWN) {
			snprintf(err, errlen, "%s needs a date like 2023-06-01, not '%s'", t, v);
			return -1;
		}
		if (t[0] == 's')
			f->since = d;
		else
			f->until = d;
		return 0;
	}
	if (strcmp(t, "score") == 0) {
		char *end;
		double s = strtod(v, &end);
		if (end == v || *end || s < 0 || s > 1) {
			snprintf(err, errlen, "score needs 0..1, not '%s'", v);
			return -1;
		}
		f->score_min = s;
		return 0;
	}
	if (strcmp(t, "shared") == 0) {
		char *end;
		long n = strtol(v, &end, 10);
		if (end == v || *end || n < 0 || n > 1000000000) {
			snprintf(err, errlen, "shared needs a whole number, not '%s'", v);
			return -1;
		}
		f->shared_min = (uint32_t)n + (strcmp(op, ">") == 0);
		return 0;
	}
	if (strcmp(t, "tools") == 0 || strcmp(t, "techniques") == 0)
		return parse_dimension(f, t[0] == 't' && t[1] == 'o', op, v, err, errlen);
	if (strcmp(t, "relation") == 0) {
		int rel = overlap_relation_parse(v);
		if (rel < 0) {
			snprintf(err, errlen,
				 "relation is overlap, corroboration or internal, not '%s'", v);
			return -1;
		}
		f->relation = rel;
		return 0;
	}
	if (strcmp(t, "source") == 0) {
		if (!*v) {
			snprintf(err, errlen, "source needs a file name or path");
			return -1;
		}
		const char *home = getenv("HOME");
		if (v[0] == '~' && (v[1] == '/' || !v[1]) && home && *home)
			snprintf(f->source, sizeof(f->source), "%s%s", home, v + 1);
		else
			snprintf(f->source, sizeof(f->source), "%s", v);
		return 0;
	}
	if (strcmp(t, "verdict") == 0) {
		for (int i = VERDICT_UNREVIEWED; i <= VERDICT_DISMISSED; i++)
			if (strcmp(v, verdict_name(i)) == 0) {
				f->verdict = i;
				return 0;
			}
		snprintf(err, errlen, "verdict is unreviewed, confirmed or dismissed, not '%s'", v);
		return -1;
	}
	snprintf(err, errlen,
		 "unknown filter '%s' (kind, conf, since, until, relation, source, score, shared, "
		 "tools, techniques, verdict, author)",
		 t);
	return -1;
}

int filter_parse(struct filter *f, const char *line, char *err, size_t errlen)
{
	struct filter nf;
	filter_clear(&nf);
	char buf[256];
	if (strlen(line) >= sizeof(buf)) {
		snprintf(err, errlen, "filter too long");
		return -1;
	}
	snprintf(buf, sizeof(buf), "%s", line);
	int any = 0;
	for (char *save = NULL, *t = strtok_r(buf, " \t", &save); t;
	     t = strtok_r(NULL, " \t", &save)) {
		if (strcmp(t, "clear") == 0 || strcmp(t, "none") == 0)
			continue;
		if (parse_term(&nf, t, err, errlen))
			return -1;
		any = 1;
	}
	if (any) {
		/* normalise the display text: single spaces */
		size_t o = 0;
		for (const char *p = line; *p && o + 1 < sizeof(nf.text); p++) {
			if ((*p == ' ' || *p == '\t') && (o == 0 || nf.text[o - 1] == ' '))
				continue;
			nf.text[o++] = *p == '\t' ? ' ' : *p;
		}
		while (o && nf.text[o - 1] == ' ')
			o--;
		nf.text[o] = '\0';
	}
	*f = nf;
	return 0;
}

int filter_node(const struct filter *f, const struct graph *g, uint32_t node, uint32_t tab_kinds)
{
	const struct node *n = &g->nodes[node];
	if (f->kinds && (f->kinds & tab_kinds) && !(f->kinds & (1u << n->kind)))
		return 0;
	if (f->conf_min > 0 || f->conf_max < 100) {
		int c = n->conf == CONF_UNKNOWN ? 50 : n->conf;
		if (c < f->conf_min || c > f->conf_max)
			return 0;
	}
	/* a window overlapping [since, until]; unknown dates pass */
	if (f->since != DATE_UNKNOWN && n->last_seen != DATE_UNKNOWN && n->last_seen < f->since)
		return 0;
	if (f->until != DATE_UNKNOWN && n->first_seen != DATE_UNKNOWN && n->first_seen > f->until)
		return 0;
	return 1;
}

int filter_set_term(struct filter *f, const char *name, const char *value, char *err, size_t errlen)
{
	char line[sizeof(f->text) + 64];
	size_t o = 0, nl = strlen(name);
	line[0] = '\0';
	char buf[sizeof(f->text)];
	snprintf(buf, sizeof(buf), "%s", f->text);
	for (char *save = NULL, *t = strtok_r(buf, " \t", &save); t;
	     t = strtok_r(NULL, " \t", &save)) {
		if (strncmp(t, name, nl) == 0 && strchr("=<>", t[nl]))
			continue;
		o += (size_t)snprintf(line + o, sizeof(line) - o, "%s%s", o ? " " : "", t);
		if (o >= sizeof(line))
			o = sizeof(line) - 1;
	}
	if (value)
		snprintf(line + o, sizeof(line) - o, "%s%s=%s", o ? " " : "", name, value);
	return filter_parse(f, line, err, errlen);
}

/* The kind a unit counts as for kind=: actor, report (a report, an IOC file,
 * a source of an actor) or campaign. */
static int unit_node_kind(const struct unit *u)
{
	switch (u->kind) {
	case UNIT_ACTOR:
		return NODE_ACTOR;
	case UNIT_CAMPAIGN:
		return NODE_CAMPAIGN;
	default:
		return NODE_REPORT;
	}
}

static int pair_kinds_pass(uint32_t kinds, const struct overlap *ov, const struct overlap_pair *p)
{
	uint32_t unit_bits = 1u << NODE_ACTOR | 1u << NODE_REPORT | 1u << NODE_CAMPAIGN;
	if (!(kinds & unit_bits))
		return 1; /* kinds of values: not about pairs */
	const struct unit *a = overlap_unit(ov, p->a), *b = overlap_unit(ov, p->b);
	int ka = unit_node_kind(a), kb = unit_node_kind(b);
	int within = a->parent != UINT32_MAX; /* the sources or campaigns of one actor */
	if ((kinds & 1u << NODE_ACTOR) && (within || (ka == NODE_ACTOR && kb == NODE_ACTOR)))
		return 1;
	if ((kinds & 1u << NODE_REPORT) && (ka == NODE_REPORT || kb == NODE_REPORT))
		return 1;
	if ((kinds & 1u << NODE_CAMPAIGN) && (ka == NODE_CAMPAIGN || kb == NODE_CAMPAIGN))
		return 1;
	return 0;
}

int filter_pair(const struct filter *f, const struct overlap *ov, const struct overlap_pair *p,
		const uint8_t *in_source)
{
	if (p->score < f->score_min || p->shared < f->shared_min)
		return 0;
	if (p->tools < f->tools_min || p->ntools < f->ntools_min)
		return 0;
	if (p->techniques < f->tech_min || p->ntechniques < f->ntech_min)
		return 0;
	if (in_source && !in_source[p->a] && !in_source[p->b])
		return 0;
	return pair_kinds_pass(f->kinds, ov, p);
}

uint8_t *filter_units_in_source(const struct filter *f, const struct overlap *ov)
{
	if (!f->source[0])
		return NULL;
	const struct graph *g = overlap_graph(ov);
	const struct copies *cp = overlap_copies(ov);
	size_t nu = overlap_unit_count_all(ov);
	uint8_t *in = xcalloc(nu + 1, 1);
	/* the files named, and every copy of them (one report) */
	uint8_t *group = xcalloc(g->file_count + 1, 1);
	int any = 0;
	for (size_t i = 0; i < g->file_count; i++)
		if (strstr(graph_file_path(g, (uint32_t)i), f->source)) {
			group[cp ? copies_group(cp, (uint32_t)i) : i] = 1;
			any = 1;
		}
#define FILE_NAMED(file) \
	((file) < g->file_count && group[cp ? copies_group(cp, (uint32_t)(file)) : (file)])
	for (size_t u = 0; any && u < nu; u++) {
		const struct unit *un = overlap_unit(ov, (uint32_t)u);
		if (un->kind == UNIT_SOURCE) {
			in[u] = un->group < g->file_count && group[un->group];
			continue;
		}
		if (un->node != NODE_NONE && FILE_NAMED(g->nodes[un->node].file)) {
			in[u] = 1;
			continue;
		}
		/* a value the unit reaches through a statement of the file */
		size_t nm;
		const struct membership *m = overlap_members(ov, (uint32_t)u, &nm);
		for (size_t i = 0; i < nm && !in[u]; i++) {
			if (m[i].start != NODE_NONE && FILE_NAMED(g->nodes[m[i].start].file))
				in[u] = 1;
			for (int k = 0; k < m[i].path_len && !in[u]; k++)
				in[u] = FILE_NAMED(g->edges[m[i].path[k]].file);
		}
	}
	/* actors known under several names: any of their nodes */
	for (size_t n = 0; any && n < g->node_count; n++) {
		if (g->nodes[n].kind != NODE_ACTOR || !FILE_NAMED(g->nodes[n].file))
			continue;
		uint32_t u = overlap_unit_of_node(ov, alias_unit(g, (uint32_t)n));
		if (u != UINT32_MAX)
			in[u] = 1;
	}
#undef FILE_NAMED
	free(group);
	return in;
}
