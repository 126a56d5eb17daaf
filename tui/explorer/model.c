#include "tui/explorer/model.h"

#include <stdlib.h>
#include <string.h>

#include "graph/attribution.h"
#include "graph/diag.h"
#include "graph/overlap.h"
#include "graph/warnlist.h"
#include "graph/xalloc.h"
#include "tui/explorer/orders.h"

void model_init(struct model *m, struct graph *g, double threshold)
{
	memset(m, 0, sizeof(*m));
	m->g = g;
	m->threshold = threshold;
	annot_init(&m->annot);
}

void model_drop_overlaps(struct model *m)
{
	if (m->ov)
		overlap_free(m->ov);
	m->ov = NULL;
	free(m->unit_best);
	m->unit_best = NULL;
	orders_free(m->orders);
	m->orders = NULL;
}

static void free_files(struct model *m)
{
	for (size_t i = 0; i < m->nfiles; i++)
		free(m->files[i].publisher);
	free(m->files);
	m->files = NULL;
	m->nfiles = 0;
}

void model_free(struct model *m)
{
	model_drop_overlaps(m);
	free_files(m);
	if (m->lists)
		warnlist_free(m->lists);
	alias_index_free(&m->units);
	decisions_free(&m->decisions);
	annot_free(&m->annot);
	memset(m, 0, sizeof(*m));
}

/* Who published a file: a MISP event names its organisation (loaders/
 * misp.c keeps it as a reference of the event's report); else the folder
 * the file sits in under the input that was named (a publisher's folder in
 * a collection such as ../shared/corpus). */
static char *publisher_of(const struct model *m, uint32_t file, uint32_t report)
{
	const struct graph *g = m->g;
	if (report != NODE_NONE) {
		uint32_t refs[8];
		size_t k = graph_attrs(g, report, ATTR_REFERENCE, refs, 8);
		for (size_t j = 0; j < k && j < 8; j++) {
			const char *r = graph_str(g, refs[j]);
			if (strncmp(r, "MISP organisation: ", 19) == 0)
				return xstrdup(r + 19);
		}
	}
	const char *path = graph_file_path(g, file);
	for (size_t i = 0; i < m->ninputs; i++) {
		const char *in = m->inputs[i];
		size_t l = strlen(in);
		while (l > 1 && in[l - 1] == '/')
			l--;
		if (strncmp(path, in, l) != 0 || path[l] != '/')
			continue;
		const char *rest = path + l + 1;
		size_t c = strcspn(rest, "/");
		return rest[c] ? xstrndup(rest, c) : NULL;
	}
	return NULL;
}

static void build_files(struct model *m)
{
	const struct graph *g = m->g;
	free_files(m);
	m->nfiles = g->file_count;
	m->files = xcalloc(m->nfiles + 1, sizeof(*m->files));
	uint32_t *first_report = xmalloc((m->nfiles + 1) * sizeof(uint32_t));
	for (size_t f = 0; f < m->nfiles; f++) {
		m->files[f].owner = NODE_NONE;
		first_report[f] = NODE_NONE;
	}
	for (size_t n = 0; n < g->node_count; n++)
		if (g->nodes[n].kind == NODE_REPORT && g->nodes[n].file < m->nfiles &&
		    first_report[g->nodes[n].file] == NODE_NONE)
			first_report[g->nodes[n].file] = (uint32_t)n;
	if (m->ov) {
		/* whom the file speaks for: what its reports speak for, when they
		 * agree (a file of campaigns alone: what they agree on) */
		size_t na;
		const struct attribution *all = attribution_all(overlap_attribution(m->ov), &na);
		uint8_t *has_report = xcalloc(m->nfiles + 1, 1);
		for (size_t i = 0; i < na; i++) {
			uint32_t f = g->nodes[all[i].subject].file;
			if (f < m->nfiles && g->nodes[all[i].subject].kind == NODE_REPORT)
				has_report[f] = 1;
		}
		for (size_t i = 0; i < na; i++) {
			uint32_t f = g->nodes[all[i].subject].file;
			if (f >= m->nfiles)
				continue;
			struct file_info *fi = &m->files[f];
			fi->subjects++;
			if (has_report[f] && g->nodes[all[i].subject].kind != NODE_REPORT)
				continue;
			if (fi->subjects_seen++ == 0) {
				fi->owner = all[i].owner;
				fi->reason = all[i].reason;
			} else if (fi->owner != all[i].owner) {
				fi->owner = NODE_NONE;
				fi->several = 1;
			}
		}
		free(has_report);
		/* an IOC list the analyst re-filed speaks for the decided actor */
		size_t nr;
		const struct attrib_refile *r = attribution_refiled(overlap_attribution(m->ov), &nr);
		for (size_t i = 0; i < nr; i++)
			if (r[i].file < m->nfiles && !m->files[r[i].file].subjects) {
				m->files[r[i].file].owner = r[i].actor;
				m->files[r[i].file].reason = ATTRIB_ANALYST;
			}
	}
	for (size_t i = 0; m->diags && i < m->diags->count; i++) {
		const struct diag *di = &m->diags->items[i];
		if (di->file >= m->nfiles)
			continue;
		struct file_info *fi = &m->files[di->file];
		if (di->level == DIAG_ERROR)
			fi->errors++;
		else if (di->level == DIAG_WARNING)
			fi->warnings++;
		else
			fi->quirks++;
	}
	for (size_t f = 0; f < m->nfiles; f++)
		m->files[f].publisher = publisher_of(m, (uint32_t)f, first_report[f]);
	free(first_report);
}

const struct file_info *model_file(const struct model *m, uint32_t file)
{
	static const struct file_info none = {.owner = NODE_NONE};
	return file < m->nfiles ? &m->files[file] : &none;
}

void model_recompute(struct model *m, struct overlap_opts *o)
{
	model_drop_overlaps(m);
	if (alias_index_stale(&m->units, m->g))
		alias_index_build(&m->units, m->g); /* :load added nodes */
	o->lists = m->lists;
	m->ov = overlap_compute(m->g, o);
	build_files(m);
	if (!m->ov)
		return;
	size_t nu = overlap_unit_count(m->ov), np;
	m->unit_best = xcalloc(nu ? nu : 1, sizeof(double));
	const struct overlap_pair *p = overlap_pairs(m->ov, &np);
	for (size_t i = 0; i < np; i++) {
		if (p[i].score > m->unit_best[p[i].a])
			m->unit_best[p[i].a] = p[i].score;
		if (p[i].score > m->unit_best[p[i].b])
			m->unit_best[p[i].b] = p[i].score;
	}
	/* here, not on the keystroke that re-sorts a list */
	m->orders = orders_build(m);
}

const struct overlap_pair *model_pair(const struct model *m, uint32_t k)
{
	return m->ov && k != UINT32_MAX ? overlap_pair_at(m->ov, k) : NULL;
}

const char *model_label(const struct model *m, uint32_t node)
{
	if (m->ov && m->g->nodes[node].kind == NODE_ACTOR) {
		uint32_t u = overlap_unit_of_node(m->ov, node);
		if (u != UINT32_MAX && overlap_unit(m->ov, u)->node == node)
			return overlap_unit_name(m->ov, u);
	}
	return graph_node_label(m->g, node);
}

uint32_t model_degree(const struct model *m, uint32_t node)
{
	return alias_index_degree(&m->units, m->g, node);
}

double model_score(const struct model *m, uint32_t node)
{
	if (!m->ov || !m->unit_best)
		return -1;
	uint32_t u = overlap_unit_of_node(m->ov, node);
	return u == UINT32_MAX ? -1 : m->unit_best[u];
}

int model_df(const struct model *m, uint32_t node)
{
	if (!m->ov)
		return -1;
	return (int)overlap_df(m->ov, node);
}

static int cmp_snap(const void *x, const void *y)
{
	return strcmp(((const struct pair_snap *)x)->key, ((const struct pair_snap *)y)->key);
}

size_t model_pair_snapshot(const struct model *m, struct pair_snap **out)
{
	size_t np = 0;
	const struct overlap_pair *p = m->ov ? overlap_pairs(m->ov, &np) : NULL;
	*out = xcalloc(np + 1, sizeof(**out));
	for (size_t i = 0; i < np; i++) {
		const char *a = overlap_unit_name(m->ov, p[i].a), *b = overlap_unit_name(m->ov, p[i].b);
		if (strcmp(a, b) > 0) {
			const char *t = a;
			a = b;
			b = t;
		}
		(*out)[i].key = xasprintf("%d\x1f%s\x1f%s", p[i].relation, a, b);
		(*out)[i].score = p[i].score;
	}
	if (np > 1)
		qsort(*out, np, sizeof(**out), cmp_snap);
	return np;
}

void model_snapshot_free(struct pair_snap *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i].key);
	free(s);
}

size_t model_pairs_changed(const struct pair_snap *before, size_t nb, const struct pair_snap *after,
			   size_t na)
{
	size_t i = 0, j = 0, changed = 0;
	while (i < nb || j < na) {
		int c = i == nb ? 1 : j == na ? -1 : strcmp(before[i].key, after[j].key);
		if (c < 0) {
			changed++, i++;
		} else if (c > 0) {
			changed++, j++;
		} else {
			changed += before[i].score != after[j].score;
			i++, j++;
		}
	}
	return changed;
}
