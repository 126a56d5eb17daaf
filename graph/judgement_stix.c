#include "graph/judgement_stix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph/alias.h"
#include "graph/attribution.h"
#include "graph/jw.h"
#include "graph/kind.h"
#include "graph/uuid5.h"
#include "graph/xalloc.h"

enum { MAX_REFS_PER_UNIT = 64 };

/* An object id list, kept sorted and unique so output is deterministic. */
struct ids {
	char **v;
	size_t n, cap;
};

static void ids_add(struct ids *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], id))
			return;
	XGROW(l->v, l->cap, l->n + 1);
	l->v[l->n++] = xstrdup(id);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void ids_free(struct ids *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

struct writer {
	const struct graph *g;
	const char *analyst;
	char identity[64];
	struct jw w;
	struct ids units_written; /* placeholder objects already in the output */
	struct strbuf *out;
	size_t count;
	time_t earliest;
};

/* "type--<uuid5 of kind:name>" into out. */
static void make_id(char *out, size_t n, const char *type, const char *kind, const char *name)
{
	char *s = xasprintf("agx-%s:%s", kind, name);
	char u[37];
	uuid5(UUID5_STIX_NAMESPACE, s, strlen(s), u);
	free(s);
	snprintf(out, n, "%s--%s", type, u);
}

static void stamp(char *buf, size_t n, time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
}

/* The members every object has. */
static void common(struct writer *wr, const char *type, const char *id, time_t when,
		   const char *mark, const char *key)
{
	char ts[32];
	stamp(ts, sizeof(ts), when);
	jw_obj_begin(&wr->w);
	jw_kstr(&wr->w, "type", type);
	jw_kstr(&wr->w, "spec_version", "2.1");
	jw_kstr(&wr->w, "id", id);
	jw_kstr(&wr->w, "created", ts);
	jw_kstr(&wr->w, "modified", ts);
	jw_kstr(&wr->w, "created_by_ref", wr->identity);
	jw_kint(&wr->w, "confidence", strcmp(mark, "analyst") == 0 ? 100 : JUDGEMENT_CONFIDENCE);
	jw_kstr(&wr->w, JUDGEMENT_MARK, mark);
	if (key)
		jw_kstr(&wr->w, JUDGEMENT_KEY, key);
	wr->count++;
}

static void str_list(struct jw *w, const char *key, const struct ids *l)
{
	jw_key(w, key);
	jw_arr_begin(w);
	for (size_t i = 0; i < l->n; i++)
		jw_str(w, l->v[i]);
	jw_arr_end(w);
}

static int looks_like_stix_id(const char *s)
{
	const char *sep = strstr(s, "--");
	return sep && sep > s && strlen(sep + 2) == 36;
}

static void node_stix_ids(const struct graph *g, uint32_t n, struct ids *out)
{
	uint32_t vals[MAX_REFS_PER_UNIT];
	size_t k = graph_attrs(g, n, ATTR_SOURCE_ID, vals, MAX_REFS_PER_UNIT);
	for (size_t i = 0; i < k && i < MAX_REFS_PER_UNIT; i++)
		if (looks_like_stix_id(graph_str(g, vals[i])))
			ids_add(out, graph_str(g, vals[i]));
}

/* The STIX type of agx's own object for a unit without a STIX id. */
static const char *placeholder_type(int kind)
{
	switch (kind) {
	case NODE_ACTOR:
		return "intrusion-set";
	case NODE_CAMPAIGN:
		return "campaign";
	case NODE_MALWARE:
		return "malware";
	case NODE_TOOL:
		return "tool";
	default:
		return "grouping";
	}
}

static void write_placeholder(struct writer *wr, const char *key, uint32_t node, const char *id,
			      const char *type, time_t when, const char *name)
{
	for (size_t i = 0; i < wr->units_written.n; i++)
		if (!strcmp(wr->units_written.v[i], id))
			return;
	ids_add(&wr->units_written, id);
	const struct graph *g = wr->g;
	common(wr, type, id, when, "unit", key);
	jw_kstr(&wr->w, "name", name ? name : node != NODE_NONE ? graph_node_label(g, node) : key);
	if (!strcmp(type, "malware")) {
		jw_key(&wr->w, "is_family");
		jw_bool(&wr->w, 1);
	}
	if (!strcmp(type, "grouping")) {
		jw_kstr(&wr->w, "context", "unspecified");
		jw_key(&wr->w, "object_refs");
		jw_arr_begin(&wr->w);
		jw_str(&wr->w, wr->identity);
		jw_arr_end(&wr->w);
	}
	jw_obj_end(&wr->w);
}

/* The STIX ids that stand for a workspace node key: the source objects of
 * the node (all names of an actor's unit), else agx's own object for it,
 * written on first use. */
static void refs_of_key(struct writer *wr, const char *key, time_t when, struct ids *out)
{
	const struct graph *g = wr->g;
	uint32_t n = annot_key_node(g, key);
	size_t before = out->n;
	if (n != NODE_NONE) {
		node_stix_ids(g, n, out);
		if (g->nodes[n].kind == NODE_ACTOR) {
			uint32_t root = alias_unit(g, n);
			for (size_t i = 0; i < g->node_count && out->n - before < MAX_REFS_PER_UNIT;
			     i++)
				if (g->nodes[i].kind == NODE_ACTOR && i != n &&
				    alias_unit(g, (uint32_t)i) == root)
					node_stix_ids(g, (uint32_t)i, out);
		}
	}
	if (out->n > before)
		return;
	const char *colon = strchr(key, ':');
	char *kind = xstrndup(key, colon ? (size_t)(colon - key) : 0);
	const char *type = placeholder_type(kind_from_name(kind));
	free(kind);
	char id[128];
	make_id(id, sizeof(id), type, "unit", key);
	write_placeholder(wr, key, n, id, type, when, NULL);
	ids_add(out, id);
}

/* The display name of a node key (the node's label when loaded). */
static const char *label_of(const struct graph *g, const char *key)
{
	uint32_t n = annot_key_node(g, key);
	if (n == NODE_NONE)
		return strchr(key, ':') ? strchr(key, ':') + 1 : key;
	if (g->nodes[n].kind == NODE_ACTOR)
		n = alias_unit(g, n);
	return graph_node_label(g, n);
}

static void refs_of_any(struct writer *wr, const char *key, time_t when, struct ids *out)
{
	char *a, *b;
	if (annot_split_pair(key, &a, &b) == 0) {
		refs_of_key(wr, a, when, out);
		refs_of_key(wr, b, when, out);
		free(a);
		free(b);
	} else {
		refs_of_key(wr, key, when, out);
	}
	qsort(out->v, out->n, sizeof(*out->v), cmp_str);
}

/* Everything in from appended to to. */
static void ids_add_all(struct ids *to, const struct ids *from)
{
	for (size_t k = 0; k < from->n; k++)
		ids_add(to, from->v[k]);
}

static void authors(struct writer *wr, const char *author)
{
	jw_key(&wr->w, "authors");
	jw_arr_begin(&wr->w);
	jw_str(&wr->w, author && *author ? author : wr->analyst);
	jw_arr_end(&wr->w);
}

/* A relationship of the analyst's (mark, key as common()'s) from src to
 * dst; its name-based id goes to id. */
static void write_link(struct writer *wr, char *id, size_t n, const char *kind, const char *key,
		       time_t when, const char *mark, const char *type, const char *src,
		       const char *dst, const char *description)
{
	make_id(id, n, "relationship", kind, key);
	common(wr, "relationship", id, when, mark, key);
	jw_kstr(&wr->w, "relationship_type", type);
	jw_kstr(&wr->w, "source_ref", src);
	jw_kstr(&wr->w, "target_ref", dst);
	jw_kstr(&wr->w, "description", description);
	jw_obj_end(&wr->w);
}

static void write_verdicts(struct writer *wr, const struct annot *an)
{
	for (size_t i = 0; i < an->nverdicts; i++) {
		const struct annot_verdict *v = &an->verdicts[i];
		char *a, *b;
		if (v->verdict == VERDICT_UNREVIEWED || annot_split_pair(v->key, &a, &b) != 0)
			continue;
		struct ids ra = {0}, rb = {0}, refs = {0};
		refs_of_key(wr, a, v->when, &ra);
		refs_of_key(wr, b, v->when, &rb);
		qsort(ra.v, ra.n, sizeof(*ra.v), cmp_str);
		qsort(rb.v, rb.n, sizeof(*rb.v), cmp_str);
		char rel[128] = "", op[128];
		if (v->verdict == VERDICT_CONFIRMED) {
			write_link(wr, rel, sizeof(rel), "link", v->key, v->when, "link", "related-to",
				   ra.v[0], rb.v[0],
				   "The analyst confirmed the infrastructure these share as a link "
				   "(agx verdict).");
			ids_add(&refs, rel);
		}
		ids_add_all(&refs, &ra);
		ids_add_all(&refs, &rb);
		qsort(refs.v, refs.n, sizeof(*refs.v), cmp_str);
		make_id(op, sizeof(op), "opinion", "verdict", v->key);
		common(wr, "opinion", op, v->when, "verdict", v->key);
		jw_kstr(&wr->w, JUDGEMENT_VERDICT, verdict_name(v->verdict));
		jw_kstr(&wr->w, "opinion", v->verdict == VERDICT_CONFIRMED ? "agree" : "disagree");
		struct strbuf ex = STRBUF_INIT;
		strbuf_addf(&ex, "%s ~ %s: %s by the analyst (agx verdict): %s", label_of(wr->g, a),
			    label_of(wr->g, b), verdict_name(v->verdict),
			    v->verdict == VERDICT_CONFIRMED
				? "the infrastructure they share links them"
				: "the infrastructure they share does not link them");
		jw_kstr(&wr->w, "explanation", strbuf_str(&ex));
		strbuf_free(&ex);
		authors(wr, NULL);
		str_list(&wr->w, "object_refs", &refs);
		jw_obj_end(&wr->w);
		ids_free(&ra);
		ids_free(&rb);
		ids_free(&refs);
		free(a);
		free(b);
	}
}

static void write_notes(struct writer *wr, const struct annot *an)
{
	for (size_t i = 0; i < an->nnotes; i++) {
		const struct annot_note *n = &an->notes[i];
		struct ids refs = {0};
		refs_of_any(wr, n->key, n->when, &refs);
		char *name = xasprintf("%s\n%s", n->key, n->text);
		char id[128];
		make_id(id, sizeof(id), "note", "note", name);
		free(name);
		common(wr, "note", id, n->when, "note", n->key);
		char *a, *b;
		struct strbuf ab = STRBUF_INIT;
		if (annot_split_pair(n->key, &a, &b) == 0) {
			strbuf_addf(&ab, "agx note on %s ~ %s", label_of(wr->g, a),
				    label_of(wr->g, b));
			free(a);
			free(b);
		} else {
			strbuf_addf(&ab, "agx note on %s", label_of(wr->g, n->key));
		}
		jw_kstr(&wr->w, "abstract", strbuf_str(&ab));
		strbuf_free(&ab);
		jw_kstr(&wr->w, "content", n->text);
		authors(wr, NULL);
		str_list(&wr->w, "object_refs", &refs);
		jw_obj_end(&wr->w);
		ids_free(&refs);
	}
}

/* The STIX ids of what an attribution decision is about: the report (by
 * key "PATH#ID" or title) or campaign (by name) with its source ids, else
 * agx's own grouping named after the subject (a file path, a report or
 * event without a STIX id). */
static void subject_refs(struct writer *wr, const char *subject, time_t when, struct ids *out)
{
	const struct graph *g = wr->g;
	uint32_t found = NODE_NONE;
	/* what the attribution table applies the decision to */
	for (size_t i = 0; i < g->node_count && found == NODE_NONE; i++)
		if (attribution_names_subject(g, (uint32_t)i, subject))
			found = (uint32_t)i;
	size_t before = out->n;
	if (found != NODE_NONE)
		node_stix_ids(g, found, out);
	if (out->n > before)
		return;
	char *key = xasprintf("subject:%s", subject);
	char id[128];
	int campaign = found != NODE_NONE && g->nodes[found].kind == NODE_CAMPAIGN;
	make_id(id, sizeof(id), campaign ? "campaign" : "grouping", "unit", key);
	const char *slash = strrchr(subject, '/');
	write_placeholder(wr, key, found, id, campaign ? "campaign" : "grouping", when,
			  found != NODE_NONE ? NULL : slash && slash[1] ? slash + 1 : subject);
	free(key);
	ids_add(out, id);
}

/* The STIX ids of an actor named as the analyst wrote it. */
static void actor_refs(struct writer *wr, const char *name, time_t when, struct ids *out)
{
	const struct graph *g = wr->g;
	uint32_t n = alias_lookup(g, name);
	char *key = n != NODE_NONE ? annot_node_key(g, n) : xasprintf("actor:%s", name);
	refs_of_key(wr, key, when, out);
	free(key);
	qsort(out->v, out->n, sizeof(*out->v), cmp_str);
}

/* An alias decision: an opinion on the two actors ("strongly-agree" that
 * they are one, "strongly-disagree"), its names kept for agx to read back. */
static void write_aliases(struct writer *wr, const struct annot *an)
{
	for (size_t i = 0; i < an->naliases; i++) {
		const struct annot_alias *d = &an->aliases[i];
		struct ids refs = {0};
		actor_refs(wr, d->a, d->when, &refs);
		actor_refs(wr, d->b, d->when, &refs);
		qsort(refs.v, refs.n, sizeof(*refs.v), cmp_str);
		char op[128];
		make_id(op, sizeof(op), "opinion", "alias", d->id);
		common(wr, "opinion", op, d->when, "alias", d->id);
		jw_kstr(&wr->w, JUDGEMENT_ALIAS_A, d->a);
		jw_kstr(&wr->w, JUDGEMENT_ALIAS_B, d->b);
		jw_kstr(&wr->w, JUDGEMENT_ALIAS_DECISION, d->join ? "same" : "different");
		if (d->undo) {
			jw_key(&wr->w, JUDGEMENT_ALIAS_UNDO);
			jw_bool(&wr->w, 1);
		}
		jw_kstr(&wr->w, "opinion", d->join ? "strongly-agree" : "strongly-disagree");
		struct strbuf ex = STRBUF_INIT;
		strbuf_addf(&ex, "%s and %s are %s (agx alias decision%s)", d->a, d->b,
			    d->join ? "one actor" : "two different actors",
			    d->undo ? ": a merge undone" : "");
		jw_kstr(&wr->w, "explanation", strbuf_str(&ex));
		strbuf_free(&ex);
		authors(wr, d->author);
		str_list(&wr->w, "object_refs", &refs);
		jw_obj_end(&wr->w);
		ids_free(&refs);
	}
}

/* An attribution decision: a relationship attributed-to from the subject
 * to the actor (none when the subject stands alone) and an opinion carrying
 * the reason, the actor's name and the subject as agx names it. */
static void write_attributions(struct writer *wr, const struct annot *an)
{
	for (size_t i = 0; i < an->nattribs; i++) {
		const struct annot_attrib *d = &an->attribs[i];
		struct ids subj = {0}, act = {0}, refs = {0};
		subject_refs(wr, d->subject, d->when, &subj);
		qsort(subj.v, subj.n, sizeof(*subj.v), cmp_str);
		char rel[128] = "", op[128];
		if (*d->actor) {
			actor_refs(wr, d->actor, d->when, &act);
			write_link(wr, rel, sizeof(rel), "attribution", d->subject, d->when,
				   "attribution-link", "attributed-to", subj.v[0], act.v[0],
				   *d->note ? d->note : "attributed by the analyst (agx decision)");
			ids_add(&refs, rel);
		}
		ids_add_all(&refs, &subj);
		ids_add_all(&refs, &act);
		qsort(refs.v, refs.n, sizeof(*refs.v), cmp_str);
		make_id(op, sizeof(op), "opinion", "attribution", d->subject);
		common(wr, "opinion", op, d->when, "attribution", d->subject);
		jw_kstr(&wr->w, JUDGEMENT_ACTOR, d->actor);
		jw_kstr(&wr->w, JUDGEMENT_REASON, d->note);
		jw_kstr(&wr->w, "opinion", "agree");
		struct strbuf ex = STRBUF_INIT;
		const char *slash = strrchr(d->subject, '/');
		const char *shown = slash && slash[1] ? slash + 1 : d->subject;
		if (*d->actor)
			strbuf_addf(&ex, "%s is attributed to %s by the analyst (agx decision)", shown,
				    d->actor);
		else
			strbuf_addf(&ex, "%s stands alone: attributed to no actor by the analyst "
					 "(agx decision)",
				    shown);
		if (*d->note)
			strbuf_addf(&ex, ": %s", d->note);
		jw_kstr(&wr->w, "explanation", strbuf_str(&ex));
		strbuf_free(&ex);
		authors(wr, d->author);
		str_list(&wr->w, "object_refs", &refs);
		jw_obj_end(&wr->w);
		ids_free(&subj);
		ids_free(&act);
		ids_free(&refs);
	}
}

/* What the workspace holds, each kind written by its function, in this
 * order. */
#define JUDGEMENT_WRITERS(X)                                                                       \
	X(verdicts, write_verdicts)                                                                \
	X(notes, write_notes) X(aliases, write_aliases) X(attributions, write_attributions)

static time_t earliest(const struct annot *a)
{
	time_t t = 0;
	for (size_t i = 0; i < a->nverdicts; i++)
		if (a->verdicts[i].verdict != VERDICT_UNREVIEWED && (!t || a->verdicts[i].when < t))
			t = a->verdicts[i].when;
	for (size_t i = 0; i < a->nnotes; i++)
		if (!t || a->notes[i].when < t)
			t = a->notes[i].when;
	for (size_t i = 0; i < a->naliases; i++)
		if (!t || a->aliases[i].when < t)
			t = a->aliases[i].when;
	for (size_t i = 0; i < a->nattribs; i++)
		if (!t || a->attribs[i].when < t)
			t = a->attribs[i].when;
	return t;
}

size_t judgement_stix_write(const struct graph *g, const struct annot *a, const char *analyst,
			    enum judgement_form form, struct strbuf *out)
{
	struct writer wr;
	memset(&wr, 0, sizeof(wr));
	wr.g = g;
	wr.analyst = analyst;
	wr.out = out;
	make_id(wr.identity, sizeof(wr.identity), "identity", "analyst", analyst);
	/* objects go to a buffer first: the bundle id is made from them */
	struct strbuf objs = STRBUF_INIT;
	jw_init(&wr.w, &objs, 1);
	jw_arr_begin(&wr.w);
	wr.earliest = earliest(a);
	int any = a->nnotes > 0 || a->naliases > 0 || a->nattribs > 0;
	for (size_t i = 0; i < a->nverdicts; i++)
		any |= a->verdicts[i].verdict != VERDICT_UNREVIEWED;
	if (any) {
		common(&wr, "identity", wr.identity, wr.earliest, "analyst", NULL);
		jw_kstr(&wr.w, "name", analyst);
		jw_kstr(&wr.w, "identity_class", "individual");
		jw_obj_end(&wr.w);
#define X(name, fn) fn(&wr, a);
		JUDGEMENT_WRITERS(X)
#undef X
	}
	jw_arr_end(&wr.w);
	if (form == JUDGEMENT_BUNDLE) {
		char u[37];
		uuid5(UUID5_STIX_NAMESPACE, objs.buf ? objs.buf : "", objs.len, u);
		strbuf_addf(out,
			    "{\n  \"type\": \"bundle\",\n  \"id\": \"bundle--%s\",\n"
			    "  \"objects\": ",
			    u);
	} else {
		strbuf_adds(out, "{\n  \"objects\": ");
	}
	/* the array as written, indented one level further */
	for (size_t i = 0; i < objs.len; i++) {
		strbuf_addc(out, objs.buf[i]);
		if (objs.buf[i] == '\n')
			strbuf_adds(out, "  ");
	}
	strbuf_adds(out, "\n}\n");
	strbuf_free(&objs);
	ids_free(&wr.units_written);
	return wr.count;
}
