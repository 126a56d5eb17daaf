#include "tui/search.h"

#include <stdio.h>
#include <string.h>

#include "graph/date.h"

#include "graph/alias.h"
#include "tui/app.h"
#include "graph/overlap.h"
#include "graph/warnlist.h"

/* ASCII case folding is enough for indicator values and most actor names;
 * non-ASCII bytes must match exactly. */
static int contains(const char *hay, const char *needle)
{
	return hay && strcasestr(hay, needle) != NULL;
}

int search_node_matches(const struct app *a, uint32_t node, const char *needle)
{
	const struct graph *g = a->g;
	const struct node *n = &g->nodes[node];
	if (contains(graph_str(g, n->label), needle))
		return 1;
	if (n->key != n->label && contains(graph_str(g, n->key), needle))
		return 1;
	/* indicator values have no aliases or external ids: stop here, the
	 * bulk of a large graph is them */
	if (kind_is_infra(n->kind))
		return 0;
	if (n->kind == NODE_ACTOR) {
		uint32_t k;
		const uint32_t *names = app_unit_names(a, alias_unit(g, node), &k);
		for (uint32_t i = 0; i < k; i++)
			if (contains(graph_str(g, names[i]), needle))
				return 1;
	}
	static const enum node_attr types[] = {ATTR_ALIAS, ATTR_EXTERNAL_ID};
	for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
		uint32_t v[16];
		size_t k = graph_attrs(g, node, types[t], v, 16);
		for (size_t i = 0; i < k && i < 16; i++)
			if (contains(graph_str(g, v[i]), needle))
				return 1;
	}
	return 0;
}

static int row_matches(const struct app *a, int tab, uint32_t row, const char *needle)
{
	if (tab <= TAB_TOOLS || tab == TAB_GRAPH)
		return search_node_matches(a, row, needle);
	if (!a->ov)
		return 0;
	if (tab == TAB_OVERLAPS) {
		size_t np;
		const struct overlap_pair *p = overlap_pairs(a->ov, &np);
		for (int side = 0; side < 2; side++) {
			uint32_t u = side ? p[row].b : p[row].a;
			const struct unit *un = overlap_unit(a->ov, u);
			if (contains(overlap_unit_name(a->ov, u), needle) ||
			    (un->node != NODE_NONE && search_node_matches(a, un->node, needle)))
				return 1;
		}
		return 0;
	}
	if (tab == TAB_CLUSTERS) {
		size_t nc;
		const struct cluster *c = overlap_clusters(a->ov, a->threshold, &nc);
		if (row >= nc)
			return 0;
		for (size_t i = 0; i < c[row].nmembers; i++)
			if (contains(overlap_unit_name(a->ov, c[row].members[i]), needle))
				return 1;
	}
	return 0;
}

/* Searches list tab from start (wrapping) in direction dir; -1 if none. */
static long scan_list(struct app *a, int tab, size_t start, int dir, size_t count)
{
	struct list *l = app_list(a, tab);
	if (!l->n)
		return -1;
	for (size_t k = 0; k < count && k < l->n; k++) {
		size_t i = (start + l->n + (dir > 0 ? k : l->n - k)) % l->n;
		if (row_matches(a, tab, l->rows[i], a->search))
			return (long)i;
	}
	return -1;
}

/* Kinds every match of which is on some list (unless a filter hides it). */
static int listed_kind(int kind)
{
	return app_tab_of_kind(kind) >= 0;
}

int search_find(struct app *a, int dir, int inclusive)
{
	/* a needle that contains one that matched nothing matches nothing:
	 * typing on after a miss costs nothing */
	if (a->search_miss[0] && a->search_miss_gen == a->generation &&
	    strstr(a->search, a->search_miss))
		return 0;
	struct list *l = app_list(a, a->tab);
	if (a->screen == SCR_TAB && l->n) {
		size_t start = l->cur;
		if (a->focus[a->tab].off_list)
			start = dir > 0 ? 0 : l->n - 1, inclusive = 1;
		if (!inclusive)
			start = (start + l->n + (size_t)dir) % l->n;
		long i = scan_list(a, a->tab, start, dir, l->n);
		if (i >= 0) {
			a->pane = PANE_LIST;
			app_select_row(a, (size_t)i);
			app_react(a, RX_DETAIL);
			return 1;
		}
	}
	/* the other lists, in tab order */
	for (int t = 0; t < TAB_GRAPH; t++) {
		if (t == a->tab && a->screen == SCR_TAB)
			continue;
		long i = scan_list(a, t, 0, 1, app_list(a, t)->n);
		if (i >= 0) {
			a->tab = (uint8_t)t;
			a->screen = SCR_TAB;
			a->pane = PANE_LIST;
			app_select_row(a, (size_t)i);
			app_react(a, RX_DETAIL);
			return 1;
		}
	}
	/* what no list holds (victims, reports; with a filter, anything) */
	int filtered = filter_active(&a->filter) || a->asof != DATE_UNKNOWN;
	for (size_t n = 0; n < a->g->node_count; n++) {
		if (!filtered && listed_kind(a->g->nodes[n].kind))
			continue;
		if (search_node_matches(a, (uint32_t)n, a->search)) {
			app_goto_node(a, (uint32_t)n, 0);
			return 1;
		}
	}
	snprintf(a->search_miss, sizeof(a->search_miss), "%s", a->search);
	a->search_miss_gen = a->generation;
	return 0;
}
