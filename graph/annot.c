#include "graph/annot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "graph/alias.h"
#include "graph/kind.h"
#include "graph/xalloc.h"

void annot_init(struct annot *a)
{
	memset(a, 0, sizeof(*a));
}

void annot_free(struct annot *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->nnotes; i++) {
		free(a->notes[i].id);
		free(a->notes[i].key);
		free(a->notes[i].text);
		free(a->notes[i].author);
	}
	for (size_t i = 0; i < a->nverdicts; i++) {
		free(a->verdicts[i].key);
		free(a->verdicts[i].author);
	}
	for (size_t i = 0; i < a->naliases; i++) {
		free(a->aliases[i].id);
		free(a->aliases[i].a);
		free(a->aliases[i].b);
		free(a->aliases[i].author);
	}
	for (size_t i = 0; i < a->nattribs; i++) {
		free(a->attribs[i].subject);
		free(a->attribs[i].actor);
		free(a->attribs[i].note);
		free(a->attribs[i].author);
	}
	free(a->notes);
	free(a->verdicts);
	free(a->aliases);
	free(a->attribs);
	memset(a, 0, sizeof(*a));
}

char *annot_node_key(const struct graph *g, uint32_t node)
{
	/* an actor is annotated as its unit, so a note on "Quarian" is found
	 * again on "BackdoorDiplomacy" once the two are merged */
	if (g->nodes[node].kind == NODE_ACTOR)
		node = alias_unit(g, node);
	return xasprintf("%s:%s", kind_name(g->nodes[node].kind), graph_node_key(g, node));
}

char *annot_pair_key(const struct graph *g, uint32_t node_a, uint32_t node_b)
{
	char *a = annot_node_key(g, node_a), *b = annot_node_key(g, node_b);
	char *k = strcmp(a, b) <= 0 ? xasprintf("pair:%s|%s", a, b) : xasprintf("pair:%s|%s", b, a);
	free(a);
	free(b);
	return k;
}

uint32_t annot_key_node(const struct graph *g, const char *key)
{
	const char *colon = strchr(key, ':');
	if (!colon || colon - key >= 32)
		return NODE_NONE; /* no kind name is that long */
	char kind[32];
	snprintf(kind, sizeof(kind), "%.*s", (int)(colon - key), key);
	int k = kind_from_name(kind);
	return k < 0 ? NODE_NONE : graph_find(g, k, colon + 1);
}

int annot_split_pair(const char *key, char **a, char **b)
{
	if (strncmp(key, "pair:", 5) != 0)
		return -1;
	const char *p = key + 5;
	for (const char *bar = strchr(p, '|'); bar; bar = strchr(bar + 1, '|')) {
		const char *colon = strchr(bar + 1, ':');
		if (!colon)
			break;
		char *kind = xstrndup(bar + 1, (size_t)(colon - bar - 1));
		int ok = kind_from_name(kind) >= 0;
		free(kind);
		if (ok) {
			*a = xstrndup(p, (size_t)(bar - p));
			*b = xstrdup(bar + 1);
			return 0;
		}
	}
	return -1;
}

static struct annot_verdict *find_verdict(const struct annot *a, const char *key)
{
	for (size_t i = 0; i < a->nverdicts; i++)
		if (strcmp(a->verdicts[i].key, key) == 0)
			return &a->verdicts[i];
	return NULL;
}

const struct annot_verdict *annot_verdict_find(const struct annot *a, const char *pair_key)
{
	return find_verdict(a, pair_key);
}

enum verdict annot_verdict_of(const struct annot *a, const char *pair_key)
{
	struct annot_verdict *v = find_verdict(a, pair_key);
	return v ? v->verdict : VERDICT_UNREVIEWED;
}

void annot_set_verdict(struct annot *a, const char *pair_key, enum verdict verdict)
{
	struct annot_verdict *v = find_verdict(a, pair_key);
	if (!v) {
		XGROW(a->verdicts, a->verdicts_cap, a->nverdicts + 1);
		v = &a->verdicts[a->nverdicts++];
		v->key = xstrdup(pair_key);
		v->author = NULL;
	}
	v->verdict = verdict;
	v->when = time(NULL);
}

enum verdict annot_cycle_verdict(struct annot *a, const char *pair_key)
{
	enum verdict next = (enum verdict)((annot_verdict_of(a, pair_key) + 1) % 3);
	annot_set_verdict(a, pair_key, next);
	return next;
}

void annot_new_note_id(char out[32])
{
	uint64_t r = 0;
	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		/* no entropy yet: time, process and a counter are unique enough */
		static unsigned counter;
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		r = ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)ts.tv_nsec ^
		    ((uint64_t)getpid() << 20) ^ ++counter;
	}
	snprintf(out, 32, "note--%016llx", (unsigned long long)r);
}

struct annot_note *annot_find_note(const struct annot *a, const char *id)
{
	for (size_t i = 0; i < a->nnotes; i++)
		if (strcmp(a->notes[i].id, id) == 0)
			return &a->notes[i];
	return NULL;
}

struct annot_note *annot_put_note(struct annot *a, const char *id, const char *key,
				  const char *text, time_t when)
{
	struct annot_note *n = annot_find_note(a, id);
	if (!n) {
		XGROW(a->notes, a->notes_cap, a->nnotes + 1);
		n = &a->notes[a->nnotes++];
		n->id = xstrdup(id);
		n->key = xstrdup(key);
		n->text = xstrdup(text);
		n->author = NULL;
	} else {
		char *k = xstrdup(key), *t = xstrdup(text);
		free(n->key);
		free(n->text);
		n->key = k;
		n->text = t;
	}
	n->when = when;
	return n;
}

struct annot_note *annot_add_note(struct annot *a, const char *key, const char *text)
{
	char id[32];
	annot_new_note_id(id);
	return annot_put_note(a, id, key, text, time(NULL));
}

int annot_delete_note(struct annot *a, const char *id)
{
	struct annot_note *n = annot_find_note(a, id);
	if (!n)
		return -1;
	free(n->id);
	free(n->key);
	free(n->text);
	free(n->author);
	size_t i = (size_t)(n - a->notes);
	memmove(n, n + 1, (a->nnotes - i - 1) * sizeof(*n));
	a->nnotes--;
	return 0;
}

size_t annot_notes_for(const struct annot *a, const char *key, const struct annot_note **out,
		       size_t max)
{
	size_t found = 0;
	for (size_t i = 0; i < a->nnotes; i++) {
		if (strcmp(a->notes[i].key, key) != 0)
			continue;
		if (found < max)
			out[found] = &a->notes[i];
		found++;
	}
	return found;
}

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_CONFIRMED:
		return "confirmed";
	case VERDICT_DISMISSED:
		return "dismissed";
	default:
		return "unreviewed";
	}
}

void annot_set_author(char **slot, const char *author)
{
	char *copy = author && *author ? xstrdup(author) : NULL;
	free(*slot);
	*slot = copy;
}
