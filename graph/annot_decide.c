/* The analyst's alias and attribution decisions in struct annot (annot.h). */
#include <stdlib.h>
#include <string.h>

#include "graph/annot.h"
#include "graph/normalize.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"

char *annot_alias_id(const char *a, const char *b)
{
	struct strbuf ka = STRBUF_INIT, kb = STRBUF_INIT;
	norm_name_key(a, strlen(a), &ka);
	norm_name_key(b, strlen(b), &kb);
	char *id = NULL;
	if (ka.len && kb.len && strcmp(strbuf_str(&ka), strbuf_str(&kb)) != 0) {
		int ab = strcmp(strbuf_str(&ka), strbuf_str(&kb)) < 0;
		id = xasprintf("alias:%s|%s", ab ? strbuf_str(&ka) : strbuf_str(&kb),
			       ab ? strbuf_str(&kb) : strbuf_str(&ka));
	}
	strbuf_free(&ka);
	strbuf_free(&kb);
	return id;
}

struct annot_alias *annot_find_alias(const struct annot *an, const char *id)
{
	for (size_t i = 0; i < an->naliases; i++)
		if (strcmp(an->aliases[i].id, id) == 0)
			return &an->aliases[i];
	return NULL;
}

struct annot_alias *annot_put_alias(struct annot *an, const char *id, const char *a,
				    const char *b, int join, int undo, time_t when,
				    const char *author)
{
	char *own = annot_alias_id(a, b);
	if (!own)
		return NULL; /* not two names, whatever the id says */
	if (id) {
		free(own);
		own = xstrdup(id);
	}
	struct annot_alias *d = annot_find_alias(an, own);
	if (!d) {
		XGROW(an->aliases, an->aliases_cap, an->naliases + 1);
		d = &an->aliases[an->naliases++];
		memset(d, 0, sizeof(*d));
		d->id = own;
	} else {
		free(own);
	}
	char *ca = xstrdup(a), *cb = xstrdup(b);
	free(d->a);
	free(d->b);
	d->a = ca;
	d->b = cb;
	d->join = join != 0;
	d->undo = !join && undo;
	d->when = when;
	annot_set_author(&d->author, author);
	return d;
}

int annot_delete_alias(struct annot *an, const char *id)
{
	struct annot_alias *d = annot_find_alias(an, id);
	if (!d)
		return -1;
	free(d->id);
	free(d->a);
	free(d->b);
	free(d->author);
	size_t i = (size_t)(d - an->aliases);
	memmove(d, d + 1, (an->naliases - i - 1) * sizeof(*d));
	an->naliases--;
	return 0;
}

struct annot_attrib *annot_find_attrib(const struct annot *an, const char *subject)
{
	for (size_t i = 0; i < an->nattribs; i++)
		if (strcmp(an->attribs[i].subject, subject) == 0)
			return &an->attribs[i];
	return NULL;
}

struct annot_attrib *annot_put_attrib(struct annot *an, const char *subject, const char *actor,
				      const char *note, time_t when, const char *author)
{
	struct annot_attrib *d = annot_find_attrib(an, subject);
	if (!d) {
		XGROW(an->attribs, an->attribs_cap, an->nattribs + 1);
		d = &an->attribs[an->nattribs++];
		memset(d, 0, sizeof(*d));
		d->subject = xstrdup(subject);
	}
	char *ca = xstrdup(actor ? actor : ""), *cn = xstrdup(note ? note : "");
	free(d->actor);
	free(d->note);
	d->actor = ca;
	d->note = cn;
	d->when = when;
	annot_set_author(&d->author, author);
	return d;
}

int annot_delete_attrib(struct annot *an, const char *subject)
{
	struct annot_attrib *d = annot_find_attrib(an, subject);
	if (!d)
		return -1;
	free(d->subject);
	free(d->actor);
	free(d->note);
	free(d->author);
	size_t i = (size_t)(d - an->attribs);
	memmove(d, d + 1, (an->nattribs - i - 1) * sizeof(*d));
	an->nattribs--;
	return 0;
}
