/* The analyst's decisions in the explorer: alias joins, splits and undone
 * merges, attributions, notes edited or deleted, and the Review tab's jumps.
 * Each is kept in the workspace at once (RX_SAVE) and the overlaps are made
 * again, with a word on how many pairs it changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/alias.h"
#include "graph/attribution.h"
#include "graph/overlap.h"
#include "graph/xalloc.h"
#include "tui/explorer/app.h"
#include "tui/explorer/app_int.h"
#include "tui/session/workspace.h"
#include "tui/session/ws_records.h"

/* The overlaps again after a decision; returns how many overlap pairs it
 * changed (new, gone, or scored otherwise). */
size_t app_redo_overlaps(struct app *a)
{
	struct pair_snap *before, *after;
	size_t nb = model_pair_snapshot(&a->m, &before);
	graphtab_invalidate(&a->graph);
	app_recompute(a);
	size_t na = model_pair_snapshot(&a->m, &after);
	size_t changed = model_pairs_changed(before, nb, after, na);
	model_snapshot_free(before, nb);
	model_snapshot_free(after, na);
	return changed;
}

/* Two names from "A = B", "A != B" or "A, B" (blanks trimmed). */
static int two_names(const char *arg, char *na, char *nb, size_t n)
{
	const char *sep = strstr(arg, "!=");
	size_t skip = 2;
	if (!sep)
		sep = strchr(arg, '='), skip = 1;
	if (!sep)
		sep = strchr(arg, ','), skip = 1;
	if (!sep)
		return -1;
	const char *p = arg;
	while (*p == ' ')
		p++;
	size_t la = (size_t)(sep - p);
	while (la && p[la - 1] == ' ')
		la--;
	const char *q = sep + skip;
	while (*q == ' ')
		q++;
	size_t lb = strlen(q);
	while (lb && q[lb - 1] == ' ')
		lb--;
	if (!la || !lb || la >= n || lb >= n)
		return -1;
	snprintf(na, n, "%.*s", (int)la, p);
	snprintf(nb, n, "%.*s", (int)lb, q);
	return 0;
}

/* Records an alias decision and shows what it changed. */
static unsigned decide_alias(struct app *a, const char *na, const char *nb, int join, int undo)
{
	if (!workspace_decide_alias(&a->ws, &a->m.annot, na, nb, join, undo)) {
		app_say(a, 1, "'%s' and '%s' are not two names", na, nb);
		return RX_REDRAW;
	}
	size_t changed = app_redo_overlaps(a);
	uint32_t ua = alias_lookup(a->m.g, na), ub = alias_lookup(a->m.g, nb);
	if (ua == NODE_NONE || ub == NODE_NONE)
		app_say(a, 0, "%s %s %s kept: '%s' is no loaded actor yet; %zu pair%s changed", na,
			join ? "=" : "!=", nb, ua == NODE_NONE ? na : nb, changed,
			app_plural(changed));
	else if ((ua == ub) != join)
		app_say(a, 1, "%s %s %s kept, but not in effect; %zu pair%s changed", na,
			join ? "=" : "!=", nb, changed, app_plural(changed));
	else
		app_say(a, 0, "%s and %s are now %s; %zu pair%s changed", na, nb,
			join ? "one actor" : "two actors", changed, app_plural(changed));
	return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
}

/* The row of the Aliases or Review tab under the cursor, or UINT32_MAX. */
static uint32_t decision_row(const struct app *a, int tab)
{
	const struct list *l = app_list(a, tab);
	if (a->screen != SCR_TAB || a->tab != tab || !l->n)
		return UINT32_MAX;
	return l->rows[l->cur];
}

/* The subject (attribution.h) a unit of the overlaps stands for, or NULL
 * for an actor. The caller frees it. */
static char *unit_subject(const struct model *m, uint32_t u)
{
	const struct graph *g = m->g;
	const struct unit *un = overlap_unit(m->ov, u);
	if (!un)
		return NULL;
	if ((un->kind == UNIT_REPORT || un->kind == UNIT_CAMPAIGN) && un->node < g->node_count)
		return xstrdup(un->kind == UNIT_REPORT ? graph_node_key(g, un->node)
						       : graph_node_label(g, un->node));
	if ((un->kind == UNIT_FILE || un->kind == UNIT_SOURCE) && un->file < g->file_count)
		return xstrdup(graph_file_path(g, un->file));
	return NULL;
}

/* The subjects the analyst points at: a report or campaign (a detail row,
 * the Actors tab), a file (Reports tab), the report, file or campaign side
 * of a pair, the members of a cluster. Fills out (up to max, each freed by
 * the caller) and what (for the message); returns the count. */
static size_t selected_subjects(const struct app *a, char **out, size_t max, char *what, size_t wn)
{
	const struct graph *g = a->m.g;
	size_t n = 0;
	uint32_t node = app_selected_node(a);
	what[0] = '\0';
	if (node != NODE_NONE && node < g->node_count &&
	    (g->nodes[node].kind == NODE_REPORT || g->nodes[node].kind == NODE_CAMPAIGN)) {
		out[n++] = xstrdup(g->nodes[node].kind == NODE_REPORT ? graph_node_key(g, node)
								      : graph_node_label(g, node));
		snprintf(what, wn, "%s", graph_node_label(g, node));
		return n;
	}
	const struct drow *r = app_detail_row(a);
	if (r && r->link_type == DL_FILE && r->link < g->file_count) {
		out[n++] = xstrdup(graph_file_path(g, r->link));
		snprintf(what, wn, "%s", lists_file_name(g, r->link));
		return n;
	}
	if (a->screen != SCR_TAB || !a->m.ov)
		goto why;
	const struct list *l = app_list(a, a->tab);
	if (a->tab == TAB_REPORTS && l->n) {
		out[n++] = xstrdup(graph_file_path(g, l->rows[l->cur]));
		snprintf(what, wn, "%s", lists_file_name(g, l->rows[l->cur]));
		return n;
	}
	if (a->tab == TAB_OVERLAPS || a->screen == SCR_WHY) {
		const struct overlap_pair *p = model_pair(&a->m, app_focus_pair(a));
		if (!p)
			return 0;
		char *sa = unit_subject(&a->m, p->a), *sb = unit_subject(&a->m, p->b);
		if (sa && sb) {
			free(sa);
			free(sb);
			snprintf(what, wn,
				 "both sides of the pair are reports: pick one in the detail "
				 "pane");
			return 0;
		}
		if (sa || sb) {
			out[n++] = sa ? sa : sb;
			snprintf(what, wn, "%s", overlap_unit_name(a->m.ov, sa ? p->a : p->b));
		}
		return n;
	}
	if (a->tab == TAB_CLUSTERS && l->n) {
		size_t nc;
		const struct cluster *c = overlap_clusters(a->m.ov, a->m.threshold, &nc);
		if (l->rows[l->cur] >= nc)
			return 0;
		c += l->rows[l->cur];
		for (size_t i = 0; i < c->nmembers && n < max; i++) {
			char *s = unit_subject(&a->m, c->members[i]);
			if (s)
				out[n++] = s;
		}
		snprintf(what, wn, "%zu report%s of cluster #%u", n, app_plural(n),
			 l->rows[l->cur] + 1);
		return n;
	}
why:
	return 0;
}

/* :attribute / :unattribute on what is selected; actor "" for none. */
/* The attribution table's word on the analyst's decision about subject
 * (it names nothing it can attribute), or NULL. */
static const char *decision_problem(const struct model *m, const char *subject)
{
	if (!m->ov)
		return NULL;
	size_t np;
	const struct attrib_problem *p = attribution_problems(overlap_attribution(m->ov), &np);
	for (size_t i = 0; i < np; i++)
		if (p[i].decided && !strcmp(p[i].decided, subject))
			return p[i].why;
	return NULL;
}

static unsigned attribute(struct app *a, const char *actor, const char *reason)
{
	char *subj[256], what[512];
	size_t n = selected_subjects(a, subj, 256, what, sizeof(what));
	if (!n) {
		app_say(a, 1, "%s",
			what[0] ? what
				: "select a report, campaign, file (Reports), a pair with "
				  "a report, or a cluster first");
		return RX_REDRAW;
	}
	for (size_t i = 0; i < n; i++)
		workspace_attribute(&a->ws, &a->m.annot, subj[i], actor, reason);
	size_t changed = app_redo_overlaps(a);
	/* a decision the model could not apply says why (kept all the same:
	 * the subject may load later) */
	const char *problem = n == 1 ? decision_problem(&a->m, subj[0]) : NULL;
	for (size_t i = 0; i < n; i++)
		free(subj[i]);
	if (problem)
		app_say(a, 1, "kept, but not in effect: %s", problem);
	else
		app_say(a, 0, "%s %s %s (the analyst's decision); %zu pair%s changed", what,
			*actor ? "attributed to" : "stands alone:",
			*actor ? actor : "attributed to none", changed, app_plural(changed));
	return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
}

/* Opens the note line on note i, to change its text. */
unsigned app_edit_note(struct app *a, uint32_t i)
{
	if (i >= a->m.annot.nnotes) {
		app_say(a, 1, "no note selected");
		return RX_REDRAW;
	}
	const struct annot_note *n = &a->m.annot.notes[i];
	snprintf(a->note_edit, sizeof(a->note_edit), "%s", n->id);
	snprintf(a->note_key, sizeof(a->note_key), "%s", n->key);
	prompt_open(&a->prompt, PR_NOTE, n->text);
	app_say(a, 0, "editing the note on %s (Enter saves, Esc cancels)", n->key);
	return RX_REDRAW;
}

/* The overlap pair whose verdict key is key, or UINT32_MAX. */
static uint32_t pair_of_key(const struct app *a, const char *key)
{
	if (!a->m.ov)
		return UINT32_MAX;
	uint32_t *idx, found = UINT32_MAX;
	size_t n = overlap_pairs_by(a->m.ov, PAIR_OVERLAP, OVERLAP_BY_INFRA, &idx);
	for (size_t i = 0; i < n && found == UINT32_MAX; i++) {
		uint32_t na, nb;
		if (!app_pair_nodes(a, idx[i], &na, &nb))
			continue;
		char *k = annot_pair_key(a->m.g, na, nb);
		if (strcmp(k, key) == 0)
			found = idx[i];
		free(k);
	}
	free(idx);
	return found;
}

/* Enter on a Review row: to the pair, node, file or decision it is about. */
unsigned app_review_jump(struct app *a, uint32_t row)
{
	const struct annot *an = &a->m.annot;
	const struct graph *g = a->m.g;
	size_t i = ROW_INDEX(row);
	const char *key = NULL;
	switch (ROW_KIND(row)) {
	case RV_VERDICT:
		key = i < an->nverdicts ? an->verdicts[i].key : NULL;
		break;
	case RV_NOTE:
		key = i < an->nnotes ? an->notes[i].key : NULL;
		break;
	case RV_ALIAS: {
		app_leave(a);
		app_set_tab(a, TAB_ALIASES);
		const struct list *l = app_list(a, TAB_ALIASES);
		for (size_t k = 0; k < l->n; k++)
			if (l->rows[k] == ROW_MAKE(AR_DECISION, i))
				app_select_row(a, k);
		a->pane = PANE_LIST;
		app_build_detail(a);
		app_push(a);
		return RX_REDRAW;
	}
	case RV_ATTRIB: {
		if (i >= an->nattribs)
			return RX_NONE;
		const char *s = an->attribs[i].subject;
		for (size_t n = 0; n < g->node_count; n++) {
			const struct node *nd = &g->nodes[n];
			if (nd->kind == NODE_REPORT &&
			    strcmp(graph_node_key(g, (uint32_t)n), s) == 0) {
				app_goto_file(a, nd->file);
				return RX_REDRAW;
			}
			if (nd->kind == NODE_CAMPAIGN &&
			    strcasecmp(graph_node_label(g, (uint32_t)n), s) == 0) {
				app_goto_node(a, (uint32_t)n, 1);
				return RX_REDRAW;
			}
		}
		for (size_t f = 0; f < g->file_count; f++)
			if (strcmp(graph_file_path(g, (uint32_t)f), s) == 0) {
				app_goto_file(a, (uint32_t)f);
				return RX_REDRAW;
			}
		app_say(a, 1, "'%s' is not loaded", s);
		return RX_REDRAW;
	}
	}
	if (!key)
		return RX_NONE;
	if (strncmp(key, "pair:", 5) == 0) {
		uint32_t p = pair_of_key(a, key);
		if (p == UINT32_MAX) {
			app_say(a, 1,
				"that pair shares nothing now (another relation, or not loaded)");
			return RX_REDRAW;
		}
		return app_open_why(a, p);
	}
	uint32_t n = annot_key_node(a->m.g, key);
	if (n == NODE_NONE) {
		app_say(a, 1, "'%s' is not loaded", key);
		return RX_REDRAW;
	}
	app_goto_node(a, n, 1);
	return RX_REDRAW;
}

unsigned act_edit_note(struct app *a, int act)
{
	(void)act;
	const struct drow *r = app_detail_row(a);
	if (r && r->link_type == DL_NOTE)
		return app_edit_note(a, r->link);
	uint32_t row = decision_row(a, TAB_REVIEW);
	if (row != UINT32_MAX && ROW_KIND(row) == RV_NOTE)
		return app_edit_note(a, ROW_INDEX(row));
	app_say(a, 1, "select a note first (a note row in the detail pane, or in Review, 9)");
	return RX_REDRAW;
}

/* D: the selected decision or note is deleted; the model's own view (the
 * data's claims, its attribution) comes back. */
unsigned act_forget(struct app *a, int act)
{
	(void)act;
	struct annot *an = &a->m.annot;
	const struct drow *r = app_detail_row(a);
	uint32_t row;
	if (r && r->link_type == DL_NOTE && r->link < an->nnotes) {
		workspace_delete_note(&a->ws, an, an->notes[r->link].id);
		app_say(a, 0, "note deleted");
		return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
	}
	if ((row = decision_row(a, TAB_ALIASES)) != UINT32_MAX) {
		if (ROW_KIND(row) != AR_DECISION || ROW_INDEX(row) >= an->naliases) {
			app_say(a, 1, "not a decision: u undoes a merge, = joins a possible alias");
			return RX_REDRAW;
		}
		char what[2200];
		const struct annot_alias *d = &an->aliases[ROW_INDEX(row)];
		snprintf(what, sizeof(what), "%s %s %s", d->a, d->join ? "=" : "!=", d->b);
		workspace_forget_alias(&a->ws, an, d->id);
		size_t changed = app_redo_overlaps(a);
		app_say(a, 0, "decision %s deleted: the data's claims decide; %zu pair%s changed",
			what, changed, app_plural(changed));
		return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
	}
	if ((row = decision_row(a, TAB_REVIEW)) != UINT32_MAX) {
		size_t i = ROW_INDEX(row);
		switch (ROW_KIND(row)) {
		case RV_VERDICT: {
			char *k = xstrdup(an->verdicts[i].key);
			workspace_set_verdict(&a->ws, an, k, VERDICT_UNREVIEWED);
			free(k);
			app_say(a, 0, "verdict removed: the pair is unreviewed");
			return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
		}
		case RV_NOTE:
			workspace_delete_note(&a->ws, an, an->notes[i].id);
			app_say(a, 0, "note deleted");
			return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
		case RV_ALIAS:
			workspace_forget_alias(&a->ws, an, an->aliases[i].id);
			break;
		default:
			workspace_forget_attrib(&a->ws, an, an->attribs[i].subject);
			break;
		}
		size_t changed = app_redo_overlaps(a);
		app_say(a, 0, "decision deleted: the model decides again; %zu pair%s changed",
			changed, app_plural(changed));
		return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
	}
	/* an attribution decision on what is selected */
	char *subj[256], what[512];
	size_t n = selected_subjects(a, subj, 256, what, sizeof(what)), gone = 0;
	for (size_t i = 0; i < n; i++) {
		gone += workspace_forget_attrib(&a->ws, an, subj[i]) == 0;
		free(subj[i]);
	}
	if (!gone) {
		app_say(a, 1,
			"nothing of the analyst's selected (a decision, a note, an "
			"attribution)");
		return RX_REDRAW;
	}
	size_t changed = app_redo_overlaps(a);
	app_say(a, 0,
		"attribution decision on %s deleted: the model's own attribution; %zu pair%s "
		"changed",
		what, changed, app_plural(changed));
	return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
}

/* The actor name the selection offers to a join or split. */
static const char *selected_actor(const struct app *a)
{
	uint32_t n = app_selected_node(a);
	if (n != NODE_NONE && n < a->m.g->node_count && a->m.g->nodes[n].kind == NODE_ACTOR)
		return model_label(&a->m, n);
	return NULL;
}

static void open_command(struct app *a, const char *fmt, const char *x, const char *y)
{
	char line[sizeof(a->prompt.buf)];
	snprintf(line, sizeof(line), fmt, x ? x : "", y ? y : "");
	prompt_open(&a->prompt, PR_COMMAND, line);
}

/* =: ":join A = B" to complete (a possible alias offers both names). */
unsigned act_join(struct app *a, int act)
{
	(void)act;
	uint32_t row = decision_row(a, TAB_ALIASES);
	size_t n;
	if (row != UINT32_MAX && ROW_KIND(row) == AR_REFUSAL) {
		const struct alias_refusal *rf = alias_refusals(a->m.g, &n);
		if (ROW_INDEX(row) < n) {
			rf += ROW_INDEX(row);
			open_command(a, "join %s = %s", graph_node_label(a->m.g, rf->claimer),
				     graph_node_label(a->m.g, rf->named));
			return RX_REDRAW;
		}
	}
	const char *actor = selected_actor(a);
	open_command(a, actor ? "join %s = " : "join ", actor, NULL);
	return RX_REDRAW;
}

/* x: ":split A != B" to complete (a merge offers its two names). */
unsigned act_split(struct app *a, int act)
{
	(void)act;
	uint32_t row = decision_row(a, TAB_ALIASES);
	size_t n;
	if (row != UINT32_MAX && ROW_KIND(row) == AR_MERGE) {
		const struct alias_merge *mg = alias_merges(a->m.g, &n);
		if (ROW_INDEX(row) < n) {
			mg += ROW_INDEX(row);
			open_command(a, "split %s != %s", graph_node_label(a->m.g, mg->a),
				     graph_node_label(a->m.g, mg->b));
			return RX_REDRAW;
		}
	}
	const char *actor = selected_actor(a);
	open_command(a, actor ? "split %s != " : "split ", actor, NULL);
	return RX_REDRAW;
}

/* u on a merge of the Aliases tab: the two names it joined are split. */
unsigned act_undo_merge(struct app *a, int act)
{
	(void)act;
	uint32_t row = decision_row(a, TAB_ALIASES);
	size_t n;
	const struct alias_merge *mg = alias_merges(a->m.g, &n);
	if (row == UINT32_MAX || ROW_KIND(row) != AR_MERGE || ROW_INDEX(row) >= n) {
		app_say(a, 1, "select a merge in the Aliases tab (8) first");
		return RX_REDRAW;
	}
	mg += ROW_INDEX(row);
	char na[1024], nb[1024];
	snprintf(na, sizeof(na), "%s", graph_node_label(a->m.g, mg->a));
	snprintf(nb, sizeof(nb), "%s", graph_node_label(a->m.g, mg->b));
	return decide_alias(a, na, nb, 0, 1);
}

unsigned act_attribute(struct app *a, int act)
{
	(void)act;
	prompt_open(&a->prompt, PR_COMMAND, "attribute ");
	return RX_REDRAW;
}

unsigned pc_join(struct app *a, const char *arg)
{
	char na[WS_NAME_MAX], nb[WS_NAME_MAX];
	if (!*arg)
		return app_action(a, ACT_JOIN);
	if (two_names(arg, na, nb, sizeof(na))) {
		app_say(a, 1, ":join needs two names: A = B");
		return RX_REDRAW;
	}
	return decide_alias(a, na, nb, 1, 0);
}

unsigned pc_split(struct app *a, const char *arg)
{
	char na[WS_NAME_MAX], nb[WS_NAME_MAX];
	if (!*arg)
		return app_action(a, ACT_SPLIT);
	if (two_names(arg, na, nb, sizeof(na))) {
		app_say(a, 1, ":split needs two names: A != B");
		return RX_REDRAW;
	}
	return decide_alias(a, na, nb, 0, 0);
}

/* :attribute ACTOR [REASON]: the actor is the longest run of first words
 * that names a loaded actor (names have blanks: "Gothic Panda"). */
unsigned pc_attribute(struct app *a, const char *arg)
{
	char buf[1024];
	snprintf(buf, sizeof(buf), "%s", arg);
	size_t len = strlen(buf);
	for (size_t cut = len; cut > 0; cut--) {
		if (cut < len && buf[cut] != ' ')
			continue;
		char name[1024];
		snprintf(name, sizeof(name), "%.*s", (int)cut, buf);
		if (alias_lookup(a->m.g, name) == NODE_NONE)
			continue;
		const char *reason = buf + cut;
		while (*reason == ' ')
			reason++;
		return attribute(a, name, reason);
	}
	app_say(a, 1,
		*arg ? ":attribute: no loaded actor is named '%s'"
		     : ":attribute needs an actor: :attribute ACTOR [reason]",
		arg);
	return RX_REDRAW;
}

unsigned pc_unattribute(struct app *a, const char *arg)
{
	return attribute(a, "", arg);
}
