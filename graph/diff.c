#include "graph/diff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/jw.h"
#include "graph/kind.h"
#include "graph/text.h"
#include "graph/xalloc.h"

enum { MAX_VALUES_SHOWN = 8 };

/* A sorted list of strings with a number beside each. */
struct keyed {
	char *key;
	uint32_t at;
};

static int cmp_keyed(const void *x, const void *y)
{
	return strcmp(((const struct keyed *)x)->key, ((const struct keyed *)y)->key);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The name of a pair that both loads share: the two unit names in order.
 * The relation of the pair joins it here once the engine gives one. */
static char *pair_key(const struct overlap *ov, const struct overlap_pair *p)
{
	const char *a = overlap_unit_name(ov, p->a), *b = overlap_unit_name(ov, p->b);
	if (strcmp(a, b) > 0) {
		const char *t = a;
		a = b;
		b = t;
	}
	return xasprintf("%s\x1f%s", a, b);
}

static struct keyed *pair_index(const struct overlap *ov, size_t *n)
{
	const struct overlap_pair *p = overlap_pairs(ov, n);
	struct keyed *k = xcalloc(*n + 1, sizeof(*k));
	for (size_t i = 0; i < *n; i++) {
		k[i].key = pair_key(ov, &p[i]);
		k[i].at = (uint32_t)i;
	}
	qsort(k, *n, sizeof(*k), cmp_keyed);
	return k;
}

static void keyed_free(struct keyed *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(k[i].key);
	free(k);
}

/* The shared values of a pair as "kind value", sorted. */
static char **shared_values(const struct overlap *ov, const struct overlap_pair *p, size_t *n)
{
	struct evidence *ev = NULL;
	struct near_miss *near = NULL;
	size_t nnear = 0;
	size_t k = overlap_why(ov, p->a, p->b, &ev, &near, &nnear);
	const struct graph *g = overlap_graph(ov);
	char **v = xcalloc(k + 1, sizeof(*v));
	*n = 0;
	for (size_t i = 0; i < k; i++) {
		if (ev[i].weight <= 0)
			continue; /* warninglisted, over the cap: not counted */
		v[(*n)++] = xasprintf("%s %s", kind_name(g->nodes[ev[i].value].kind),
				      graph_node_label(g, ev[i].value));
	}
	free(ev);
	free(near);
	qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

static void strs_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* What is in x and not in y (both sorted), copied. */
static char **minus(char **x, size_t nx, char **y, size_t ny, size_t *n)
{
	char **out = xcalloc(nx + 1, sizeof(*out));
	size_t j = 0;
	*n = 0;
	for (size_t i = 0; i < nx; i++) {
		while (j < ny && strcmp(y[j], x[i]) < 0)
			j++;
		if (j >= ny || strcmp(y[j], x[i]) != 0)
			out[(*n)++] = xstrdup(x[i]);
	}
	return out;
}

static struct diff_pair *add_pair(struct diff *d, int kind, const char *key)
{
	d->pairs = xrealloc(d->pairs, (d->npairs + 1) * sizeof(*d->pairs));
	struct diff_pair *p = &d->pairs[d->npairs++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	const char *sep = strchr(key, '\x1f');
	p->a = xstrndup(key, (size_t)(sep - key));
	p->b = xstrdup(sep + 1);
	return p;
}

static void compare_pairs(struct diff *d, const struct overlap *o, const struct overlap *n)
{
	size_t no, nn, po_n, pn_n;
	struct keyed *ko = pair_index(o, &no), *kn = pair_index(n, &nn);
	const struct overlap_pair *po = overlap_pairs(o, &po_n), *pn = overlap_pairs(n, &pn_n);
	size_t i = 0, j = 0;
	while (i < no || j < nn) {
		int c = i >= no ? 1 : j >= nn ? -1 : strcmp(ko[i].key, kn[j].key);
		const struct overlap_pair *a = c <= 0 ? &po[ko[i].at] : NULL;
		const struct overlap_pair *b = c >= 0 ? &pn[kn[j].at] : NULL;
		size_t nva = 0, nvb = 0;
		char **va = a ? shared_values(o, a, &nva) : NULL;
		char **vb = b ? shared_values(n, b, &nvb) : NULL;
		size_t nadd = 0, nrem = 0;
		char **add = minus(vb, nvb, va, nva, &nadd), **rem = minus(va, nva, vb, nvb, &nrem);
		int kind = -1;
		if (!a)
			kind = DIFF_NEW;
		else if (!b)
			kind = DIFF_GONE;
		else if (fabs(b->score - a->score) >= d->min_change && d->min_change > 0)
			kind = DIFF_CHANGED;
		else if (nadd)
			kind = DIFF_NEW_VALUES;
		if (kind >= 0) {
			struct diff_pair *p = add_pair(d, kind, c <= 0 ? ko[i].key : kn[j].key);
			p->old_score = a ? a->score : 0;
			p->new_score = b ? b->score : 0;
			p->old_shared = a ? a->shared : 0;
			p->new_shared = b ? b->shared : 0;
			p->added = add;
			p->nadded = nadd;
			p->removed = rem;
			p->nremoved = nrem;
		} else {
			strs_free(add, nadd);
			strs_free(rem, nrem);
		}
		strs_free(va, nva);
		strs_free(vb, nvb);
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
	keyed_free(ko, no);
	keyed_free(kn, nn);
}

/* Facts of one load as sorted text: attributions (a source or campaign
 * attributed to an actor's unit) or alias merges (a name joined to a unit). */
static char **attributions(const struct overlap *ov, size_t *n)
{
	const struct graph *g = overlap_graph(ov);
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	for (size_t e = 0; e < g->edge_count; e++) {
		const struct edge *ed = &g->edges[e];
		if (ed->rel != REL_ATTRIBUTED_TO || g->nodes[ed->dst].kind != NODE_ACTOR)
			continue;
		XGROW(v, cap, *n + 1);
		v[(*n)++] = xasprintf("%s %s -> %s", kind_name(g->nodes[ed->src].kind),
				      graph_node_label(g, ed->src),
				      graph_node_label(g, alias_unit(g, ed->dst)));
	}
	return v;
}

static char **merges(const struct overlap *ov, size_t *n)
{
	const struct graph *g = overlap_graph(ov);
	size_t count;
	const struct alias_merge *m = alias_merges(g, &count);
	char **v = xcalloc(count + 1, sizeof(*v));
	*n = 0;
	for (size_t i = 0; i < count; i++) {
		if (m[i].undone)
			continue;
		const char *x = graph_node_label(g, m[i].a), *y = graph_node_label(g, m[i].b);
		if (strcmp(x, y) > 0) {
			const char *t = x;
			x = y;
			y = t;
		}
		v[(*n)++] = xasprintf("%s = %s", x, y);
	}
	return v;
}

/* Sorted, duplicates dropped. */
static void uniq(char **v, size_t *n)
{
	if (!*n)
		return;
	qsort(v, *n, sizeof(*v), cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		if (k && !strcmp(v[k - 1], v[i])) {
			free(v[i]);
			continue;
		}
		v[k++] = v[i];
	}
	*n = k;
}

static void compare_facts(char **(*get)(const struct overlap *, size_t *), const struct overlap *o,
			  const struct overlap *n, struct diff_fact **out, size_t *nout)
{
	size_t no, nn;
	char **fo = get(o, &no), **fn = get(n, &nn);
	uniq(fo, &no);
	uniq(fn, &nn);
	size_t na, nr;
	char **add = minus(fn, nn, fo, no, &na), **rem = minus(fo, no, fn, nn, &nr);
	*out = xcalloc(na + nr + 1, sizeof(**out));
	*nout = 0;
	for (size_t i = 0; i < na; i++)
		(*out)[(*nout)++] = (struct diff_fact){add[i], 1};
	for (size_t i = 0; i < nr; i++)
		(*out)[(*nout)++] = (struct diff_fact){rem[i], 0};
	free(add);
	free(rem);
	strs_free(fo, no);
	strs_free(fn, nn);
}

static int cmp_pairs(const void *x, const void *y)
{
	const struct diff_pair *a = x, *b = y;
	if (a->kind != b->kind)
		return a->kind - b->kind;
	double da = fabs(a->new_score - a->old_score), db = fabs(b->new_score - b->old_score);
	if (da != db)
		return da > db ? -1 : 1;
	int c = strcmp(a->a, b->a);
	return c ? c : strcmp(a->b, b->b);
}

struct diff *diff_compute(const struct overlap *o, const struct overlap *n, double min_change)
{
	struct diff *d = xcalloc(1, sizeof(*d));
	d->min_change = min_change;
	compare_pairs(d, o, n);
	if (d->npairs)
		qsort(d->pairs, d->npairs, sizeof(*d->pairs), cmp_pairs);
	compare_facts(attributions, o, n, &d->attributions, &d->nattributions);
	compare_facts(merges, o, n, &d->aliases, &d->naliases);
	return d;
}

void diff_free(struct diff *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->npairs; i++) {
		free(d->pairs[i].a);
		free(d->pairs[i].b);
		strs_free(d->pairs[i].added, d->pairs[i].nadded);
		strs_free(d->pairs[i].removed, d->pairs[i].nremoved);
	}
	free(d->pairs);
	for (size_t i = 0; i < d->nattributions; i++)
		free(d->attributions[i].text);
	for (size_t i = 0; i < d->naliases; i++)
		free(d->aliases[i].text);
	free(d->attributions);
	free(d->aliases);
	free(d);
}

static const char *const kind_names[] = {"new", "gone", "changed", "new-values"};

static size_t count_kind(const struct diff *d, int kind)
{
	size_t n = 0;
	for (size_t i = 0; i < d->npairs; i++)
		n += d->pairs[i].kind == kind;
	return n;
}

static void values_text(struct strbuf *sb, char sign, char **v, size_t n)
{
	for (size_t i = 0; i < n && i < MAX_VALUES_SHOWN; i++) {
		strbuf_addf(sb, "%s%c ", i ? ", " : "", sign);
		text_escape_into(sb, v[i], 0);
	}
	if (n > MAX_VALUES_SHOWN)
		strbuf_addf(sb, " (+%zu more)", n - MAX_VALUES_SHOWN);
}

void diff_write_text(const struct diff *d, struct strbuf *sb)
{
	strbuf_addf(sb,
		    "pairs: %zu new, %zu gone, %zu changed by %.3f or more, %zu with new "
		    "shared values\n",
		    count_kind(d, DIFF_NEW), count_kind(d, DIFF_GONE), count_kind(d, DIFF_CHANGED),
		    d->min_change, count_kind(d, DIFF_NEW_VALUES));
	for (size_t i = 0; i < d->npairs; i++) {
		const struct diff_pair *p = &d->pairs[i];
		strbuf_addf(sb, "  %-10s ", kind_names[p->kind]);
		text_escape_into(sb, p->a, 0);
		strbuf_adds(sb, " ~ ");
		text_escape_into(sb, p->b, 0);
		switch (p->kind) {
		case DIFF_NEW:
			strbuf_addf(sb, "  score %.3f, shared %u", p->new_score, p->new_shared);
			break;
		case DIFF_GONE:
			strbuf_addf(sb, "  score was %.3f, shared %u", p->old_score, p->old_shared);
			break;
		default:
			strbuf_addf(sb, "  score %.3f -> %.3f, shared %u -> %u", p->old_score,
				    p->new_score, p->old_shared, p->new_shared);
		}
		if (p->nadded || p->nremoved) {
			strbuf_adds(sb, ": ");
			values_text(sb, '+', p->added, p->nadded);
			if (p->nadded && p->nremoved)
				strbuf_adds(sb, ", ");
			values_text(sb, '-', p->removed, p->nremoved);
		}
		strbuf_addc(sb, '\n');
	}
	const struct {
		const char *title, *plus, *minus;
		const struct diff_fact *f;
		size_t n;
	} facts[] = {
	    {"attributions", "new", "withdrawn", d->attributions, d->nattributions},
	    {"alias merges", "new", "undone", d->aliases, d->naliases},
	};
	for (size_t k = 0; k < 2; k++) {
		size_t plus = 0;
		for (size_t i = 0; i < facts[k].n; i++)
			plus += facts[k].f[i].added;
		strbuf_addf(sb, "%s: %zu %s, %zu %s\n", facts[k].title, plus, facts[k].plus,
			    facts[k].n - plus, facts[k].minus);
		for (size_t i = 0; i < facts[k].n; i++) {
			strbuf_addf(sb, "  %-10s ",
				    facts[k].f[i].added ? facts[k].plus : facts[k].minus);
			text_escape_into(sb, facts[k].f[i].text, 0);
			strbuf_addc(sb, '\n');
		}
	}
}

static void str_array(struct jw *w, const char *key, char **v, size_t n)
{
	jw_key(w, key);
	jw_arr_begin(w);
	for (size_t i = 0; i < n; i++)
		jw_str(w, v[i]);
	jw_arr_end(w);
}

static void facts_json(struct jw *w, const char *key, const struct diff_fact *f, size_t n)
{
	jw_key(w, key);
	jw_arr_begin(w);
	for (size_t i = 0; i < n; i++) {
		jw_obj_begin(w);
		jw_kstr(w, "change", f[i].added ? "new" : "gone");
		jw_kstr(w, "fact", f[i].text);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

void diff_write_json(const struct diff *d, struct strbuf *sb)
{
	struct jw w;
	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_knum(&w, "min_change", d->min_change, 4);
	jw_key(&w, "pairs");
	jw_arr_begin(&w);
	for (size_t i = 0; i < d->npairs; i++) {
		const struct diff_pair *p = &d->pairs[i];
		jw_obj_begin(&w);
		jw_kstr(&w, "change", kind_names[p->kind]);
		jw_kstr(&w, "a", p->a);
		jw_kstr(&w, "b", p->b);
		if (p->kind != DIFF_NEW) {
			jw_knum(&w, "old_score", p->old_score, 4);
			jw_kint(&w, "old_shared", p->old_shared);
		}
		if (p->kind != DIFF_GONE) {
			jw_knum(&w, "new_score", p->new_score, 4);
			jw_kint(&w, "new_shared", p->new_shared);
		}
		str_array(&w, "values_added", p->added, p->nadded);
		str_array(&w, "values_removed", p->removed, p->nremoved);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	facts_json(&w, "attributions", d->attributions, d->nattributions);
	facts_json(&w, "alias_merges", d->aliases, d->naliases);
	jw_obj_end(&w);
	strbuf_addc(sb, '\n');
}
