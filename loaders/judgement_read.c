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
	}
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
