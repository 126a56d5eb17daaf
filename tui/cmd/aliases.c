/* agx aliases: every alias merge with the claim behind it (who claimed
 * which name, in which file, how strongly), every claim refused and why
 * (possible aliases), and every name claimed by several actors that joined
 * nothing (ambiguous). Text for a person, --json for a script. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/jw.h"
#include "graph/strbuf.h"
#include "graph/text.h"
#include "graph/xalloc.h"
#include "tui/cmd/commands.h"
#include "tui/cmd/overlap_cli.h"

static const char *unit_name(const struct overlap *ov, uint32_t actor)
{
	uint32_t u = overlap_unit_of_node(ov, actor);
	const struct graph *g = overlap_graph(ov);
	return u != UINT32_MAX ? overlap_unit_name(ov, u) : graph_node_label(g, alias_unit(g, actor));
}

/* A claim's key and the claims of each name, sorted by name. */
struct claim_ref {
	uint32_t key, idx;
};

static const struct graph *sort_g;

static int cmp_claim_ref(const void *pa, const void *pb)
{
	const struct claim_ref *a = pa, *b = pb;
	int c = strcmp(graph_str(sort_g, a->key), graph_str(sort_g, b->key));
	return c ? c : (a->idx < b->idx ? -1 : a->idx > b->idx);
}

static int cmp_merge(const void *pa, const void *pb)
{
	const struct alias_merge *a = pa, *b = pb;
	uint32_t ra = alias_unit(sort_g, a->a), rb = alias_unit(sort_g, b->a);
	int c = strcasecmp(graph_node_label(sort_g, ra), graph_node_label(sort_g, rb));
	if (c)
		return c;
	if ((c = strcasecmp(graph_str(sort_g, a->alias), graph_str(sort_g, b->alias))))
		return c;
	return strcmp(graph_node_key(sort_g, a->claimer), graph_node_key(sort_g, b->claimer));
}

/* Names claimed by two or more units after resolution, none owned. */
static size_t ambiguous_names(const struct graph *g, struct claim_ref **out)
{
	size_t nc = alias_claim_count(g), n = 0;
	struct claim_ref *refs = xmalloc((nc + 1) * sizeof(*refs));
	for (size_t i = 0; i < nc; i++) {
		uint32_t actor, key, name;
		alias_claim_get(g, i, &actor, &key, &name);
		refs[n++] = (struct claim_ref){key, (uint32_t)i};
	}
	sort_g = g;
	if (n > 1)
		qsort(refs, n, sizeof(*refs), cmp_claim_ref);
	sort_g = NULL;
	/* keep the runs of one key with claimers of two units, and no owner */
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		uint32_t unit = NODE_NONE;
		int several = 0;
		while (j < n && refs[j].key == refs[i].key) {
			uint32_t actor, key, name;
			alias_claim_get(g, refs[j].idx, &actor, &key, &name);
			uint32_t r = alias_unit(g, actor);
			several |= unit != NODE_NONE && unit != r;
			unit = r;
			j++;
		}
		if (several && graph_find(g, NODE_ACTOR, graph_str(g, refs[i].key)) == NODE_NONE)
			for (size_t k = i; k < j; k++)
				refs[w++] = refs[k];
		i = j;
	}
	*out = refs;
	return w;
}

/* Whether a decision on names x and y is in effect now. */
static const char *decision_state(const struct graph *g, const struct annot_alias *d)
{
	uint32_t ua = alias_lookup(g, d->a), ub = alias_lookup(g, d->b);
	if (ua == NODE_NONE || ub == NODE_NONE)
		return "not loaded";
	return (ua == ub) == (d->join != 0) ? "in effect" : "not in effect";
}

static void when_text(time_t t, char *buf, size_t n)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void write_json(const struct overlap *ov, const struct annot *an, struct strbuf *sb)
{
	const struct graph *g = overlap_graph(ov);
	struct jw w;
	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_key(&w, "decisions");
	jw_arr_begin(&w);
	for (size_t i = 0; i < an->naliases; i++) {
		const struct annot_alias *d = &an->aliases[i];
		char when[32];
		jw_obj_begin(&w);
		jw_kstr(&w, "a", d->a);
		jw_kstr(&w, "b", d->b);
		jw_kstr(&w, "decision", d->join ? "same" : "different");
		jw_key(&w, "undo");
		jw_bool(&w, d->undo);
		if (d->author)
			jw_kstr(&w, "author", d->author);
		if (d->when) {
			when_text(d->when, when, sizeof(when));
			jw_kstr(&w, "when", when);
		}
		jw_kstr(&w, "state", decision_state(g, d));
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	size_t nm;
	const struct alias_merge *m0 = alias_merges(g, &nm);
	struct alias_merge *m = xmalloc((nm + 1) * sizeof(*m));
	memcpy(m, m0, nm * sizeof(*m));
	sort_g = g;
	if (nm > 1)
		qsort(m, nm, sizeof(*m), cmp_merge);
	sort_g = NULL;
	jw_key(&w, "merges");
	jw_arr_begin(&w);
	for (size_t i = 0; i < nm; i++) {
		jw_obj_begin(&w);
		jw_kstr(&w, "unit", unit_name(ov, m[i].a));
		jw_kstr(&w, "a", graph_node_label(g, m[i].a));
		jw_kstr(&w, "b", graph_node_label(g, m[i].b));
		jw_kstr(&w, "alias", graph_str(g, m[i].alias));
		jw_kstr(&w, "claimer", graph_node_label(g, m[i].claimer));
		jw_kstr(&w, "source", graph_file_path(g, m[i].file));
		jw_kstr(&w, "strength", alias_strength_name(m[i].strength));
		jw_kstr(&w, "how", alias_how_name(m[i].how));
		jw_key(&w, "undone");
		jw_bool(&w, m[i].undone);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	free(m);
	size_t nr;
	const struct alias_refusal *r = alias_refusals(g, &nr);
	jw_key(&w, "refused");
	jw_arr_begin(&w);
	for (size_t i = 0; i < nr; i++) {
		jw_obj_begin(&w);
		jw_kstr(&w, "claimer", graph_node_label(g, r[i].claimer));
		jw_kstr(&w, "claimer_unit", unit_name(ov, r[i].claimer));
		jw_kstr(&w, "alias", graph_str(g, r[i].alias));
		jw_kstr(&w, "named", graph_node_label(g, r[i].named));
		jw_kstr(&w, "named_unit", unit_name(ov, r[i].named));
		jw_kstr(&w, "source", graph_file_path(g, r[i].file));
		jw_kstr(&w, "strength", alias_strength_name(r[i].strength));
		jw_kstr(&w, "why", alias_refusal_name(r[i].why));
		if (r[i].other_file != UINT32_MAX)
			jw_kstr(&w, "catalog", graph_file_path(g, r[i].other_file));
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	struct claim_ref *refs;
	size_t na = ambiguous_names(g, &refs);
	jw_key(&w, "ambiguous");
	jw_arr_begin(&w);
	for (size_t i = 0; i < na;) {
		size_t j = i;
		uint32_t actor, key, name;
		alias_claim_get(g, refs[i].idx, &actor, &key, &name);
		jw_obj_begin(&w);
		jw_kstr(&w, "alias", graph_str(g, name));
		jw_key(&w, "claims");
		jw_arr_begin(&w);
		for (; j < na && refs[j].key == refs[i].key; j++) {
			int strength;
			uint32_t file;
			alias_claim_get(g, refs[j].idx, &actor, &key, &name);
			alias_claim_source(g, refs[j].idx, &strength, &file);
			jw_obj_begin(&w);
			jw_kstr(&w, "actor", graph_node_label(g, actor));
			jw_kstr(&w, "unit", unit_name(ov, actor));
			jw_kstr(&w, "source", graph_file_path(g, file));
			jw_kstr(&w, "strength", alias_strength_name(strength));
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_obj_end(&w);
		i = j;
	}
	jw_arr_end(&w);
	free(refs);
	jw_obj_end(&w);
	strbuf_addc(sb, '\n');
}

static void esc(struct strbuf *sb, const char *s)
{
	text_escape_into(sb, s, 0);
}

static void write_text(const struct overlap *ov, const struct annot *an, struct strbuf *sb)
{
	const struct graph *g = overlap_graph(ov);
	strbuf_addf(sb, "the analyst's decisions (%zu):\n", an->naliases);
	for (size_t i = 0; i < an->naliases; i++) {
		const struct annot_alias *d = &an->aliases[i];
		char when[32] = "";
		if (d->when)
			when_text(d->when, when, sizeof(when));
		strbuf_adds(sb, "  ");
		esc(sb, d->a);
		strbuf_adds(sb, d->join ? " = " : " != ");
		esc(sb, d->b);
		strbuf_adds(sb, d->undo ? " (a merge undone" : " (");
		if (d->author) {
			strbuf_adds(sb, d->undo ? ", by " : "by ");
			esc(sb, d->author);
		}
		if (*when)
			strbuf_addf(sb, "%s%s", d->undo || d->author ? ", " : "", when);
		strbuf_addf(sb, "): %s\n", decision_state(g, d));
	}
	size_t nm;
	const struct alias_merge *m0 = alias_merges(g, &nm);
	struct alias_merge *m = xmalloc((nm + 1) * sizeof(*m));
	memcpy(m, m0, nm * sizeof(*m));
	sort_g = g;
	if (nm > 1)
		qsort(m, nm, sizeof(*m), cmp_merge);
	sort_g = NULL;
	strbuf_addf(sb, "merged (%zu):\n", nm);
	const char *last = NULL;
	for (size_t i = 0; i < nm; i++) {
		const char *u = unit_name(ov, m[i].a);
		if (!last || strcmp(last, u)) {
			strbuf_adds(sb, "  ");
			esc(sb, u);
			strbuf_adds(sb, "\n");
			last = u;
		}
		strbuf_adds(sb, "    ");
		esc(sb, graph_node_label(g, m[i].a));
		strbuf_adds(sb, " = ");
		esc(sb, graph_node_label(g, m[i].b));
		strbuf_adds(sb, ": ");
		if (m[i].how == ALIAS_BY_ATTRIBUTED) {
			strbuf_adds(sb, "attributed-to");
		} else {
			strbuf_addf(sb, "%s'", m[i].how == ALIAS_BY_SHARED ? "both claim " : "");
			esc(sb, graph_str(g, m[i].alias));
			strbuf_adds(sb, "' claimed by ");
			esc(sb, graph_node_label(g, m[i].claimer));
		}
		strbuf_addf(sb, " (%s, ", alias_strength_name(m[i].strength));
		esc(sb, graph_file_path(g, m[i].file));
		strbuf_addf(sb, ")%s\n", m[i].undone ? " [undone]" : "");
	}
	free(m);
	size_t nr;
	const struct alias_refusal *r = alias_refusals(g, &nr);
	strbuf_addf(sb, "possible aliases, not merged (%zu):\n", nr);
	for (size_t i = 0; i < nr; i++) {
		strbuf_adds(sb, "  ");
		esc(sb, unit_name(ov, r[i].claimer));
		strbuf_adds(sb, " ? ");
		esc(sb, unit_name(ov, r[i].named));
		strbuf_adds(sb, ": ");
		esc(sb, graph_node_label(g, r[i].claimer));
		strbuf_adds(sb, " claims '");
		esc(sb, graph_str(g, r[i].alias));
		strbuf_addf(sb, "' (%s, ", alias_strength_name(r[i].strength));
		esc(sb, graph_file_path(g, r[i].file));
		strbuf_adds(sb, "); refused: ");
		esc(sb, alias_refusal_name(r[i].why));
		if (r[i].other_file != UINT32_MAX) {
			strbuf_adds(sb, " (");
			esc(sb, graph_file_path(g, r[i].other_file));
			strbuf_adds(sb, ")");
		}
		strbuf_adds(sb, "\n");
	}
	struct claim_ref *refs;
	size_t na = ambiguous_names(g, &refs);
	size_t names = 0;
	for (size_t i = 0; i < na; i++)
		names += !i || refs[i].key != refs[i - 1].key;
	strbuf_addf(sb, "ambiguous names, claimed by several actors (%zu):\n", names);
	for (size_t i = 0; i < na;) {
		uint32_t actor, key, name;
		alias_claim_get(g, refs[i].idx, &actor, &key, &name);
		strbuf_adds(sb, "  '");
		esc(sb, graph_str(g, name));
		strbuf_adds(sb, "':");
		size_t j = i;
		for (; j < na && refs[j].key == refs[i].key; j++) {
			int strength;
			uint32_t file;
			alias_claim_get(g, refs[j].idx, &actor, &key, &name);
			alias_claim_source(g, refs[j].idx, &strength, &file);
			strbuf_adds(sb, j > i ? ", " : " ");
			esc(sb, unit_name(ov, actor));
			strbuf_addf(sb, " (%s, ", alias_strength_name(strength));
			const char *p = graph_file_path(g, file), *b = strrchr(p, '/');
			esc(sb, b ? b + 1 : p);
			strbuf_adds(sb, ")");
		}
		strbuf_adds(sb, "\n");
		i = j;
	}
	free(refs);
}

int cmd_aliases(struct cli *c)
{
	struct overlap_session s;
	int rc = overlap_cli_open(c, &s);
	struct strbuf sb = STRBUF_INIT;
	if (c->json)
		write_json(s.ov, &s.annot, &sb);
	else
		write_text(s.ov, &s.annot, &sb);
	if (cli_write_output(c->out, strbuf_str(&sb), sb.len))
		rc = EXIT_INPUT;
	strbuf_free(&sb);
	overlap_cli_close(&s);
	return rc;
}
