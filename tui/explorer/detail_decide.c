/* The detail documents of the Aliases and Review tabs: a decision, a merge
 * with the claims of its two sides, a refused claim; a verdict, note or
 * decision with who made it and when. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "graph/alias.h"
#include "graph/annot.h"
#include "graph/overlap.h"
#include "tui/explorer/detail_int.h"
#include "tui/explorer/lists.h"
#include "tui/explorer/model.h"

/* Claims listed for one merge before "... N more". */
enum { MAX_CLAIMS_SHOWN = 60 };

static void add_who(struct detail *d, const char *author, time_t when)
{
	char date[32] = "not recorded";
	if (when) {
		struct tm tm;
		gmtime_r(&when, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	}
	detail_add_fact(d, "by", author && *author ? author : "not recorded");
	detail_add_fact(d, "when", date);
}

/* A name and the unit it stands for now (label: the name shown; NULL: the
 * node's own). */
static void add_actor_as(struct detail *d, const struct model *m, const char *label, uint32_t n,
			 const char *name)
{
	if (n == NODE_NONE || n >= m->g->node_count) {
		char buf[1100];
		snprintf(buf, sizeof(buf), "%.1000s (not loaded)", name ? name : "");
		detail_add_fact(d, label, buf)->style = ST_DIM;
		return;
	}
	struct drow *r = detail_add_fact(d, label, name ? name : graph_node_label(m->g, n));
	r->style = ST_ACTOR;
	r->link_type = DL_NODE;
	r->link = n;
	uint32_t u = alias_unit(m->g, n);
	if (u != n || name)
		r->right = detail_add_str(d, model_label(m, u));
}

static void add_actor(struct detail *d, const struct model *m, const char *label, uint32_t n)
{
	add_actor_as(d, m, label, n, NULL);
}

/* Every claim made by, or naming, actor a or b: name, strength, file. */
static void add_claims(struct detail *d, const struct model *m, uint32_t a, uint32_t b)
{
	const struct graph *g = m->g;
	size_t shown = 0, more = 0;
	detail_add_blank(d);
	detail_add_row(d, NULL, 0, "claims of the two sides (name, strength, file)", NULL,
		       ST_HEADER);
	for (size_t i = 0; i < alias_claim_count(g); i++) {
		uint32_t actor, key, name, file;
		int strength;
		alias_claim_get(g, i, &actor, &key, &name);
		if (actor != a && actor != b && key != g->nodes[a].key && key != g->nodes[b].key)
			continue;
		if (shown >= MAX_CLAIMS_SHOWN) {
			more++;
			continue;
		}
		alias_claim_source(g, i, &strength, &file);
		char text[600];
		snprintf(text, sizeof(text), "%.250s: '%.250s'", graph_node_label(g, actor),
			 graph_str(g, name));
		struct drow *r = detail_add_row(d, alias_strength_name(strength), 8, text,
						detail_base_name(graph_file_path(g, file)),
						strength == ALIAS_WEAK ? ST_DIM : ST_NORMAL);
		r->right_style = ST_DIM;
		r->link_type = DL_FILE;
		r->link = file;
		shown++;
	}
	if (!shown)
		detail_add_row(d, NULL, 0, "(no claim: joined by an attributed-to statement)", NULL,
			       ST_DIM);
	if (more) {
		char buf[64];
		snprintf(buf, sizeof(buf), "... %zu more claims", more);
		detail_add_row(d, NULL, 0, buf, NULL, ST_DIM);
	}
}

static void alias_decision(struct detail *d, const struct model *m, const struct annot_alias *x)
{
	char buf[2200];
	snprintf(d->title, sizeof(d->title), "the analyst's decision");
	snprintf(buf, sizeof(buf), "%s %s %s", x->a, x->join ? "=" : "!=", x->b);
	detail_add_row(d, NULL, 0, buf, NULL, ST_TITLE);
	detail_add_fact(d, "decision",
			x->join ? "one actor" : x->undo ? "two actors (a merge undone)" : "two actors");
	add_who(d, x->author, x->when);
	uint32_t ua = alias_lookup(m->g, x->a), ub = alias_lookup(m->g, x->b);
	const char *state;
	if (ua == NODE_NONE || ub == NODE_NONE)
		state = "a name is not a loaded actor: kept for when it is";
	else if ((ua == ub) == (x->join != 0))
		state = "in effect";
	else
		state = "not in effect (another decision keeps them apart)";
	detail_add_fact(d, "now", state);
	add_actor_as(d, m, "first", ua, x->a);
	add_actor_as(d, m, "second", ub, x->b);
	detail_add_blank(d);
	detail_add_row(d, NULL, 0, "D deletes the decision; the data's claims decide again",
		       NULL, ST_DIM);
}

void detail_build_alias(struct detail *d, const struct model *m, uint32_t row)
{
	const struct graph *g = m->g;
	detail_reset(d);
	d->kind = DK_ALIAS;
	d->item = row;
	size_t i = ROW_INDEX(row), n;
	char buf[1200];
	switch (ROW_KIND(row)) {
	case AR_DECISION:
		if (i < m->annot.naliases)
			alias_decision(d, m, &m->annot.aliases[i]);
		return;
	case AR_MERGE: {
		const struct alias_merge *mg = alias_merges(g, &n);
		if (i >= n)
			return;
		mg += i;
		snprintf(d->title, sizeof(d->title), "merge");
		snprintf(buf, sizeof(buf), "%.500s = %.500s", graph_node_label(g, mg->a),
			 graph_node_label(g, mg->b));
		detail_add_row(d, NULL, 0, buf, mg->undone ? "undone" : NULL, ST_TITLE);
		snprintf(buf, sizeof(buf), "%s: %.400s claims '%.400s'", alias_how_name(mg->how),
			 graph_node_label(g, mg->claimer), graph_str(g, mg->alias));
		detail_add_fact(d, "how", buf);
		detail_add_fact(d, "strength", alias_strength_name(mg->strength));
		struct drow *r = detail_add_fact(d, "file", graph_file_path(g, mg->file));
		r->link_type = DL_FILE;
		r->link = mg->file;
		add_actor(d, m, "first", mg->a);
		add_actor(d, m, "second", mg->b);
		add_claims(d, m, mg->a, mg->b);
		detail_add_blank(d);
		detail_add_row(d, NULL, 0, "u undoes the merge (kept in the workspace)", NULL,
			       ST_DIM);
		return;
	}
	case AR_REFUSAL: {
		const struct alias_refusal *rf = alias_refusals(g, &n);
		if (i >= n)
			return;
		rf += i;
		snprintf(d->title, sizeof(d->title), "possible alias (not merged)");
		snprintf(buf, sizeof(buf), "%.500s ? %.500s", graph_node_label(g, rf->claimer),
			 graph_node_label(g, rf->named));
		detail_add_row(d, NULL, 0, buf, NULL, ST_TITLE);
		snprintf(buf, sizeof(buf), "%.400s claims '%.400s'", graph_node_label(g, rf->claimer),
			 graph_str(g, rf->alias));
		detail_add_fact(d, "claim", buf);
		detail_add_fact(d, "strength", alias_strength_name(rf->strength));
		detail_add_fact(d, "refused", alias_refusal_name(rf->why));
		struct drow *r = detail_add_fact(d, "file", graph_file_path(g, rf->file));
		r->link_type = DL_FILE;
		r->link = rf->file;
		if (rf->other_file != UINT32_MAX) {
			r = detail_add_fact(d, "catalog", graph_file_path(g, rf->other_file));
			r->link_type = DL_FILE;
			r->link = rf->other_file;
		}
		add_actor(d, m, "first", rf->claimer);
		add_actor(d, m, "second", rf->named);
		add_claims(d, m, rf->claimer, rf->named);
		detail_add_blank(d);
		detail_add_row(d, NULL, 0, "= joins the two (kept in the workspace)", NULL, ST_DIM);
		return;
	}
	}
}

void detail_build_review(struct detail *d, const struct model *m, uint32_t row)
{
	const struct annot *an = &m->annot;
	detail_reset(d);
	d->kind = DK_REVIEW;
	d->item = row;
	size_t i = ROW_INDEX(row);
	const char *author;
	long long when;
	lists_review_who(an, row, &author, &when);
	snprintf(d->title, sizeof(d->title), "%s", review_kind_name((int)ROW_KIND(row)));
	switch (ROW_KIND(row)) {
	case RV_VERDICT:
		if (i >= an->nverdicts)
			return;
		detail_add_row(d, NULL, 0, verdict_name(an->verdicts[i].verdict), NULL, ST_TITLE);
	{
		char about[2300];
		lists_key_label(m, an->verdicts[i].key, "\xe2\x86\x94", about, sizeof(about));
		detail_add_fact(d, "pair", about);
		detail_add_fact(d, "key", an->verdicts[i].key);
	}
		break;
	case RV_NOTE: {
		if (i >= an->nnotes)
			return;
		struct drow *r = detail_add_row(d, "note", 10, an->notes[i].text, NULL, ST_NOTE);
		r->link_type = DL_NOTE;
		r->link = (uint32_t)i;
		char about[2300];
		lists_key_label(m, an->notes[i].key, "\xe2\x86\x94", about, sizeof(about));
		detail_add_fact(d, "on", about);
		detail_add_fact(d, "key", an->notes[i].key);
		detail_add_fact(d, "id", an->notes[i].id);
		break;
	}
	case RV_ALIAS:
		if (i < an->naliases) {
			alias_decision(d, m, &an->aliases[i]);
			snprintf(d->title, sizeof(d->title), "alias decision");
		}
		return;
	case RV_ATTRIB: {
		if (i >= an->nattribs)
			return;
		const struct annot_attrib *x = &an->attribs[i];
		char buf[2200];
		snprintf(buf, sizeof(buf), "%s -> %s", x->subject, *x->actor ? x->actor : "none");
		detail_add_row(d, NULL, 0, buf, NULL, ST_TITLE);
		detail_add_fact(d, "subject", x->subject);
		detail_add_fact(d, "actor", *x->actor ? x->actor : "none: it stands alone");
		detail_add_fact(d, "reason", *x->note ? x->note : "not given");
		break;
	}
	}
	add_who(d, author, (time_t)when);
	detail_add_blank(d);
	detail_add_row(d, NULL, 0, "Enter goes to it; D deletes it", NULL, ST_DIM);
}
