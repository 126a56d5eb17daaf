#include "loaders/judgement_read.h"

#include <stdlib.h>
#include <string.h>

#include "graph/date.h"
#include "graph/judgement_stix.h"
#include "loaders/json_reader.h"

/* Seconds since the epoch of an RFC 3339 UTC timestamp, 0 when not one. */
static time_t seconds_of(const char *s)
{
	int32_t days = s ? date_parse(s) : DATE_UNKNOWN;
	if (days == DATE_UNKNOWN)
		return 0;
	int h = 0, m = 0, sec = 0;
	const char *t = strchr(s, 'T');
	if (t)
		sscanf(t + 1, "%2d:%2d:%2d", &h, &m, &sec);
	return (time_t)days * 86400 + h * 3600 + m * 60 + sec;
}

/* The first of a STIX object's "authors", or NULL. */
static const char *first_author(const json_t *o)
{
	return json_string_value(json_array_get(json_object_get(o, "authors"), 0));
}

static int has_note(const struct annot *a, const char *key, const char *text)
{
	for (size_t i = 0; i < a->nnotes; i++)
		if (!strcmp(a->notes[i].key, key) && !strcmp(a->notes[i].text, text))
			return 1;
	return 0;
}

static struct annot_verdict *verdict_entry(struct annot *a, const char *key)
{
	for (size_t i = 0; i < a->nverdicts; i++)
		if (!strcmp(a->verdicts[i].key, key))
			return &a->verdicts[i];
	return NULL;
}

int judgement_read(const json_t *o, struct annot *a)
{
	const char *mark = jr_str(o, JUDGEMENT_MARK);
	if (!mark)
		return 0;
	const char *key = jr_str(o, JUDGEMENT_KEY);
	if (!a || !key)
		return 1;
	if (!strcmp(mark, "note")) {
		const char *text = jr_str(o, "content");
		if (text && !has_note(a, key, text)) {
			annot_add_note(a, key, text);
			a->notes[a->nnotes - 1].when = seconds_of(jr_str(o, "created"));
		}
	} else if (!strcmp(mark, "verdict")) {
		const char *v = jr_str(o, JUDGEMENT_VERDICT);
		time_t when = seconds_of(jr_str(o, "modified"));
		enum verdict which = VERDICT_UNREVIEWED;
		for (int k = 0; k < 3; k++)
			if (v && !strcmp(v, verdict_name((enum verdict)k)))
				which = (enum verdict)k;
		struct annot_verdict *old = verdict_entry(a, key);
		if (old && old->when > when)
			return 1; /* a newer version of this verdict was read first */
		annot_set_verdict(a, key, which);
		verdict_entry(a, key)->when = when;
	} else if (!strcmp(mark, "alias")) {
		const char *na = jr_str(o, JUDGEMENT_ALIAS_A), *nb = jr_str(o, JUDGEMENT_ALIAS_B);
		const char *dec = jr_str(o, JUDGEMENT_ALIAS_DECISION);
		time_t when = seconds_of(jr_str(o, "modified"));
		if (!na || !nb || !dec || (strcmp(dec, "same") && strcmp(dec, "different")))
			return 1;
		char *id = annot_alias_id(na, nb);
		const struct annot_alias *old = id ? annot_find_alias(a, id) : NULL;
		if (id && (!old || old->when <= when))
			annot_put_alias(a, id, na, nb, !strcmp(dec, "same"),
					json_is_true(json_object_get(o, JUDGEMENT_ALIAS_UNDO)), when,
					first_author(o));
		free(id);
	} else if (!strcmp(mark, "attribution")) {
		const char *actor = jr_str(o, JUDGEMENT_ACTOR);
		time_t when = seconds_of(jr_str(o, "modified"));
		const struct annot_attrib *old = annot_find_attrib(a, key);
		if (actor && (!old || old->when <= when))
			annot_put_attrib(a, key, actor, jr_str(o, JUDGEMENT_REASON), when,
					 first_author(o));
	}
	/* "attribution-link", "link", "unit", "analyst": what the opinions and
	 * notes refer to, nothing of their own to restore */
	return 1;
}

void judgement_merge(struct annot *dst, const struct annot *found)
{
	for (size_t i = 0; i < found->nverdicts; i++) {
		const struct annot_verdict *v = &found->verdicts[i];
		if (verdict_entry(dst, v->key))
			continue;
		annot_set_verdict(dst, v->key, v->verdict);
		verdict_entry(dst, v->key)->when = v->when;
	}
	for (size_t i = 0; i < found->nnotes; i++) {
		const struct annot_note *n = &found->notes[i];
		if (has_note(dst, n->key, n->text))
			continue;
		annot_add_note(dst, n->key, n->text);
		dst->notes[dst->nnotes - 1].when = n->when;
	}
	for (size_t i = 0; i < found->naliases; i++) {
		const struct annot_alias *d = &found->aliases[i];
		if (!annot_find_alias(dst, d->id))
			annot_put_alias(dst, d->id, d->a, d->b, d->join, d->undo, d->when,
					d->author);
	}
	for (size_t i = 0; i < found->nattribs; i++) {
		const struct annot_attrib *d = &found->attribs[i];
		if (!annot_find_attrib(dst, d->subject))
			annot_put_attrib(dst, d->subject, d->actor, d->note, d->when, d->author);
	}
}

int judgement_load(struct load_ctx *c)
{
	struct jr *r = jr_open(c, JR_STREAM);
	struct jr_item it;
	int rc;
	struct strbuf where = STRBUF_INIT;
	while ((rc = jr_next(r, &it)) == JR_ITEM) {
		c->objects++;
		if (!judgement_read(it.value, c->opts->judgements)) {
			strbuf_reset(&where);
			jr_pointer(&it, &where);
			diag_add(c->d, c->file, DIAG_WARNING, D_INVALID, it.line, it.col,
				 where.len ? strbuf_str(&where) : NULL,
				 "not one of agx's judgement objects: skipped");
			c->skipped++;
		}
		jr_release(r, it.value);
	}
	c->skipped += jr_skipped(r);
	strbuf_free(&where);
	jr_close(r);
	return rc == JR_ERROR ? -1 : 0;
}
