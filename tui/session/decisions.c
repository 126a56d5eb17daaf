#include "tui/session/decisions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph/alias.h"
#include "graph/intern.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"

/* The pseudo-file of the decisions, or UINT32_MAX when there is none. */
static uint32_t find_file(const struct graph *g)
{
	for (size_t i = g->file_count; i-- > 0;)
		if (strcmp(graph_str(g, g->files[i].format), DECISIONS_FORMAT) == 0)
			return (uint32_t)i;
	return UINT32_MAX;
}

int decisions_apply_aliases(struct graph *g, const struct annot *a, const char *path)
{
	uint32_t file = find_file(g);
	if (file == UINT32_MAX && !a->naliases)
		return 0;
	if (file == UINT32_MAX)
		file = graph_add_file(g, path && *path ? path : "workspace", DECISIONS_FORMAT);
	alias_forget_file(g, file);
	for (size_t i = 0; i < a->naliases; i++)
		alias_decide(g, a->aliases[i].a, a->aliases[i].b, a->aliases[i].join, file);
	graph_file(g, file)->objects = (uint32_t)a->naliases;
	if (g->adj_fresh)
		return 0;
	graph_finish(g);
	return 1;
}

void decisions_date(time_t when, char *buf, size_t n)
{
	if (!when) {
		snprintf(buf, n, "%s", "");
		return;
	}
	struct tm tm;
	gmtime_r(&when, &tm);
	strftime(buf, n, "%Y-%m-%d", &tm);
}

void decisions_attribs(const struct annot *a, struct decision_list *out)
{
	memset(out, 0, sizeof(*out));
	out->n = a->nattribs;
	out->v = xcalloc(out->n + 1, sizeof(*out->v));
	out->dates = xcalloc(out->n + 1, sizeof(*out->dates));
	for (size_t i = 0; i < a->nattribs; i++) {
		const struct annot_attrib *d = &a->attribs[i];
		char date[32];
		decisions_date(d->when, date, sizeof(date));
		out->dates[i] = xstrdup(date);
		out->v[i] = (struct attrib_decision){d->subject, d->actor, d->note, d->author,
						     out->dates[i]};
	}
}

void decisions_free(struct decision_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->dates[i]);
	free(l->dates);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

uint64_t decisions_signature(const struct annot *a)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < a->naliases; i++)
		strbuf_addf(&sb, "%s\x1f%d\x1e", a->aliases[i].id, a->aliases[i].join);
	strbuf_addc(&sb, '\x1d');
	for (size_t i = 0; i < a->nattribs; i++)
		strbuf_addf(&sb, "%s\x1f%s\x1f%s\x1f%s\x1f%lld\x1e", a->attribs[i].subject,
			    a->attribs[i].actor, a->attribs[i].note,
			    a->attribs[i].author ? a->attribs[i].author : "",
			    (long long)a->attribs[i].when);
	uint64_t h = hash_bytes(sb.buf ? sb.buf : "", sb.len);
	strbuf_free(&sb);
	return h;
}
