#include "tui/explorer/filter.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/annot.h"
#include "graph/date.h"

void filter_clear(struct filter *f)
{
	memset(f, 0, sizeof(*f));
	f->conf_max = 100;
	f->since = f->until = DATE_UNKNOWN;
	f->verdict = -1;
}

int filter_active(const struct filter *f)
{
	return f->text[0] != '\0';
}

static int parse_kinds(const char *v, uint32_t *kinds, char *err, size_t errlen)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", v);
	*kinds = 0;
	for (char *save = NULL, *k = strtok_r(buf, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
		int kind = kind_from_name(k);
		if (strcmp(k, "infra") == 0) {
			for (int i = 0; i < NODE_KIND_COUNT; i++)
				if (kind_is_infra(i))
					*kinds |= 1u << i;
			continue;
		}
		if (kind < 0) {
			snprintf(err, errlen,
				 "unknown kind '%s' (actor, domain, ipv4, url, file, ...)", k);
			return -1;
		}
		*kinds |= 1u << kind;
	}
	return 0;
}

/* One term: NAME OP VALUE with OP one of = >= <= > <. */
static int parse_term(struct filter *f, char *t, char *err, size_t errlen)
{
	size_t nl = strcspn(t, "=<>");
	if (t[nl] == '\0' || nl == 0) {
		snprintf(err, errlen,
			 "'%s' is not NAME=VALUE (kind=, conf>=, since=, until=, "
			 "score>=, verdict=)",
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
		return parse_kinds(v, &f->kinds, err, errlen);
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
	if (strcmp(t, "verdict") == 0) {
		for (int i = VERDICT_UNREVIEWED; i <= VERDICT_DISMISSED; i++)
			if (strcmp(v, verdict_name(i)) == 0) {
				f->verdict = i;
				return 0;
			}
		snprintf(err, errlen, "verdict is unreviewed, confirmed or dismissed, not '%s'", v);
		return -1;
	}
	snprintf(err, errlen, "unknown filter '%s' (kind, conf, since, until, score, verdict)", t);
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
