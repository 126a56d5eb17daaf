/* Attribution of reports and campaigns to actors (see attribution.h). */
#include "graph/attribution.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/copies.h"
#include "graph/intern.h"
#include "graph/normalize.h"
#include "graph/strbuf.h"
#include "graph/u64map.h"
#include "graph/xalloc.h"

/* name keys shorter than this never attribute by name: "APT", "TA", "Lurk"
 * are words first and names second */
enum { NAME_KEY_MIN = 4, NAME_WORDS_MAX = 4, NAME_FOLDERS = 2, NOTES_READ = 64 };
/* marks a name key that names two actor units */
#define NAME_AMBIGUOUS (UINT32_MAX - 1)

struct attribution_table {
	const struct graph *g;
	struct attribution *subj; /* node order */
	size_t nsubj;
	struct u64map idx;    /* node -> index in subj */
	uint32_t *owners;     /* explicit owners, CSR by subject */
	uint32_t *owner_off;  /* nsubj + 1 entries */
	struct attrib_problem *problems;
	size_t nproblems, capproblems;
	struct attrib_refile *refiled;
	size_t nrefiled, caprefiled;
};

static const char *const reason_names[] = {
#define X(e, name) name,
    ATTRIB_REASONS(X)
#undef X
};

const char *attribution_reason_name(int reason)
{
	return reason >= 0 && reason < ATTRIB_REASON_COUNT ? reason_names[reason] : "?";
}

static int node_ok(const struct attribution_opts *o, uint32_t n)
{
	return !o->node_ok || o->node_ok(o->ctx, n);
}

static int edge_ok(const struct attribution_opts *o, uint32_t e)
{
	return !o->edge_ok || o->edge_ok(o->ctx, e);
}

static struct attribution *subj_at(const struct attribution_table *t, uint32_t n)
{
	uint32_t i = u64map_get(&t->idx, n);
	return i == U64MAP_NONE ? NULL : &t->subj[i];
}

static void problem(struct attribution_table *t, uint32_t subject, char *text)
{
	XGROW(t->problems, t->capproblems, t->nproblems + 1);
	t->problems[t->nproblems++] = (struct attrib_problem){subject, text, NULL, text};
}

/* "decision on 'SUBJECT': WHY", with the subject kept apart for whoever
 * made the decision to find its problem. */
static void decision_problem(struct attribution_table *t, const char *subject, char *why)
{
	char *text = xasprintf("decision on '%s': %s", subject, why);
	problem(t, NODE_NONE, text);
	struct attrib_problem *p = &t->problems[t->nproblems - 1];
	p->decided = xstrdup(subject);
	p->why = text + strlen(text) - strlen(why);
	free(why);
}

/* ---- explicit ---- */

/* A small set of actor unit roots (we only ever need to know 0, 1 or more,
 * and which when one). */
struct units {
	uint32_t v[8];
	size_t n;
	uint32_t first_via;
};

static void units_add(struct units *u, uint32_t root, uint32_t via)
{
	for (size_t i = 0; i < u->n; i++)
		if (u->v[i] == root)
			return;
	if (!u->n)
		u->first_via = via;
	if (u->n < sizeof(u->v) / sizeof(u->v[0]))
		u->v[u->n++] = root;
}

/* The actor units a campaign is explicitly attributed to. */
static void campaign_actors(const struct graph *g, const struct attribution_opts *o, uint32_t c,
			    struct units *out)
{
	struct adj a = graph_adj(g, c);
	for (uint32_t i = 0; i < a.count; i++) {
		const struct edge *e = &g->edges[a.edges[i]];
		if (e->src == c && e->rel == REL_ATTRIBUTED_TO &&
		    g->nodes[e->dst].kind == NODE_ACTOR && edge_ok(o, a.edges[i]) &&
		    node_ok(o, e->dst))
			units_add(out, alias_unit(g, e->dst), e->dst);
	}
}

/* ---- structural ---- */

struct closure {
	uint32_t *stamp; /* node -> round */
	uint32_t round;
	uint32_t *queue;
	size_t nq, capq;
};

/* Every report reachable from r through mentions (r included) into c->queue;
 * the actor units they name into u, the campaigns they name into camps. */
static void report_closure(const struct graph *g, const struct attribution_opts *o,
			   const struct attribution_table *t, uint32_t r, struct closure *c,
			   struct units *u, struct units *camps)
{
	c->round++;
	c->nq = 0;
	XGROW(c->queue, c->capq, 1);
	c->queue[c->nq++] = r;
	c->stamp[r] = c->round;
	for (size_t qi = 0; qi < c->nq; qi++) {
		uint32_t x = c->queue[qi];
		const struct attribution *sx = subj_at(t, x);
		/* a report explicitly attributed speaks for its owners */
		if (sx && sx->reason == ATTRIB_EXPLICIT && sx->copy_of == UINT32_MAX) {
			for (uint32_t i = t->owner_off[sx - t->subj]; i < t->owner_off[sx - t->subj + 1];
			     i++) {
				uint32_t own = t->owners[i];
				if (g->nodes[own].kind == NODE_CAMPAIGN) {
					const struct attribution *sc = subj_at(t, own);
					if (sc && sc->reason == ATTRIB_EXPLICIT)
						for (uint32_t j = t->owner_off[sc - t->subj];
						     j < t->owner_off[sc - t->subj + 1]; j++)
							units_add(u, t->owners[j], own);
					else
						units_add(camps, own, own);
				} else {
					units_add(u, own, sx->via);
				}
			}
		}
		struct adj a = graph_adj(g, x);
		for (uint32_t i = 0; i < a.count; i++) {
			const struct edge *e = &g->edges[a.edges[i]];
			if (e->src != x || e->rel != REL_MENTIONS || !edge_ok(o, a.edges[i]) ||
			    !node_ok(o, e->dst))
				continue;
			uint32_t y = e->dst;
			int k = g->nodes[y].kind;
			if (k == NODE_ACTOR) {
				units_add(u, alias_unit(g, y), y);
			} else if (k == NODE_CAMPAIGN) {
				const struct attribution *sc = subj_at(t, y);
				if (sc && sc->reason == ATTRIB_EXPLICIT)
					for (uint32_t j = t->owner_off[sc - t->subj];
					     j < t->owner_off[sc - t->subj + 1]; j++)
						units_add(u, t->owners[j], y);
				else
					units_add(camps, y, y);
			} else if (k == NODE_REPORT && c->stamp[y] != c->round) {
				c->stamp[y] = c->round;
				XGROW(c->queue, c->capq, c->nq + 1);
				c->queue[c->nq++] = y;
			}
		}
	}
}

/* ---- names ---- */

struct names {
	struct u64map by_key; /* interned key -> unit root, or NAME_AMBIGUOUS */
};

static void names_build(const struct graph *g, const struct attribution_opts *o,
			struct names *nm)
{
	u64map_init(&nm->by_key);
	for (size_t n = 0; n < g->node_count; n++)
		if (g->nodes[n].kind == NODE_ACTOR && node_ok(o, (uint32_t)n))
			u64map_set(&nm->by_key, g->nodes[n].key, alias_unit(g, (uint32_t)n));
	/* aliases, as the alias table reads them (the strongest claims) */
	size_t nc = alias_claim_count(g);
	for (size_t i = 0; i < nc; i++) {
		uint32_t actor, key, name, unit;
		alias_claim_get(g, i, &actor, &key, &name);
		if (u64map_get(&nm->by_key, key) != U64MAP_NONE || !node_ok(o, actor))
			continue;
		int r = alias_key_unit(g, key, &unit);
		if (r)
			u64map_set(&nm->by_key, key, r > 0 ? unit : NAME_AMBIGUOUS);
	}
}

static int word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Words that are actor names or aliases in some galaxy but, in a title or
 * a path, are far more often just words. */
static int stop_key(const char *k, size_t n)
{
	static const char *const stop[] = {"malware", "indicators", "report", "reports",
					   "campaign", "operation", "group", "team",
					   "readme", "iocs", "update", "china", "chinese",
					   "russia", "russian", "iran", "iranian", "korea",
					   "north", "south", "windows", "android", "linux",
					   "backdoor", "trojan", "exploit", "spyware", NULL};
	size_t digits = 0;
	for (size_t i = 0; i < n; i++)
		digits += isdigit((unsigned char)k[i]) != 0;
	if (n < NAME_KEY_MIN || digits == n)
		return 1;
	for (int i = 0; stop[i]; i++)
		if (strlen(stop[i]) == n && !memcmp(stop[i], k, n))
			return 1;
	return 0;
}

/* Finds actor names in text, longest first at each word. Adds the units
 * found to u and the first matching text to *hit. */
static void names_scan(const struct graph *g, const struct names *nm, const char *text,
		       size_t len, struct units *u, struct strbuf *hit)
{
	struct {
		size_t at, n;
	} w[256];
	size_t nw = 0;
	for (size_t i = 0; i < len && nw < 256;) {
		if (!word_byte((unsigned char)text[i])) {
			i++;
			continue;
		}
		size_t s = i;
		while (i < len && word_byte((unsigned char)text[i]))
			i++;
		w[nw].at = s;
		w[nw++].n = i - s;
	}
	struct strbuf key = STRBUF_INIT;
	for (size_t i = 0; i < nw;) {
		size_t used = 0;
		for (size_t len_w = NAME_WORDS_MAX; len_w >= 1 && !used; len_w--) {
			if (i + len_w > nw)
				continue;
			strbuf_reset(&key);
			for (size_t j = i; j < i + len_w; j++)
				for (size_t b = 0; b < w[j].n; b++)
					strbuf_addc(&key, (char)tolower((unsigned char)text[w[j].at + b]));
			if (stop_key(strbuf_str(&key), key.len))
				continue;
			uint32_t sid = intern_find(g->strings, strbuf_str(&key), key.len);
			uint32_t unit = sid == UINT32_MAX ? U64MAP_NONE : u64map_get(&nm->by_key, sid);
			if (unit == U64MAP_NONE)
				continue;
			used = len_w;
			if (!hit->len)
				strbuf_add(hit, text + w[i].at, w[i + len_w - 1].at + w[i + len_w - 1].n - w[i].at);
			if (unit == NAME_AMBIGUOUS) {
				u->n = sizeof(u->v) / sizeof(u->v[0]); /* ambiguous: never one */
				continue;
			}
			units_add(u, unit, unit);
		}
		i += used ? used : 1;
	}
	strbuf_free(&key);
}

/* The file name and its nearest folders, without extension. */
static void path_parts(const char *path, const char **part, size_t *plen, size_t *nparts)
{
	size_t n = strlen(path);
	*nparts = 0;
	size_t end = n;
	for (int k = 0; k <= NAME_FOLDERS && end > 0; k++) {
		while (end > 0 && path[end - 1] == '/')
			end--;
		size_t start = end;
		while (start > 0 && path[start - 1] != '/')
			start--;
		size_t len = end - start;
		if (!len || (len == 1 && path[start] == '.') || (len == 2 && !memcmp(path + start, "..", 2)))
			break;
		if (k == 0) {
			const char *dot = memchr(path + start, '.', len);
			const char *last = dot;
			while (dot) {
				last = dot;
				dot = memchr(dot + 1, '.', (size_t)(path + end - dot - 1));
			}
			if (last && last > path + start)
				len = (size_t)(last - (path + start));
		}
		part[*nparts] = path + start;
		plen[(*nparts)++] = len;
		end = start;
	}
}

/* The notes a file gives its values (ATTR_NOTE: "Suspected UTA0178 domain
 * discovered via domain registration patterns") name its actor when at
 * least half of them, and two or more, name one known actor and none names
 * another. Returns 1 when that attributed the report. */
static int infer_from_notes(struct attribution_table *t, const struct names *nm,
			    struct attribution *s)
{
	const struct graph *g = t->g;
	uint32_t notes[NOTES_READ];
	size_t nn = graph_attrs(g, s->subject, ATTR_NOTE, notes, NOTES_READ);
	if (nn > NOTES_READ)
		nn = NOTES_READ;
	uint32_t unit = NODE_NONE;
	size_t naming = 0;
	struct strbuf hit = STRBUF_INIT, first = STRBUF_INIT;
	for (size_t i = 0; i < nn; i++) {
		struct units u = {{0}, 0, 0};
		strbuf_reset(&hit);
		const char *text = graph_str(g, notes[i]);
		names_scan(g, nm, text, strlen(text), &u, &hit);
		if (!u.n)
			continue;
		if (u.n > 1 || (unit != NODE_NONE && unit != u.v[0])) {
			strbuf_free(&hit);
			strbuf_free(&first);
			return 0; /* the notes name two actors */
		}
		if (!first.len)
			strbuf_adds(&first, strbuf_str(&hit));
		unit = u.v[0];
		naming++;
	}
	strbuf_free(&hit);
	if (unit == NODE_NONE || naming < 2 || naming * 2 < nn) {
		strbuf_free(&first);
		return 0;
	}
	s->owner = unit;
	s->via = unit;
	s->reason = ATTRIB_NAME;
	s->conf = ATTRIB_NAME_CONF;
	s->text = strbuf_detach(&first);
	s->notes_naming = (uint16_t)naming;
	s->notes_total = (uint16_t)nn;
	strbuf_free(&first);
	return 1;
}

static void infer_from_name(struct attribution_table *t, const struct names *nm,
			    struct attribution *s)
{
	const struct graph *g = t->g;
	struct units u = {{0}, 0, 0};
	struct strbuf hit = STRBUF_INIT;
	const char *label = graph_node_label(g, s->subject);
	names_scan(g, nm, label, strlen(label), &u, &hit);
	if (g->nodes[s->subject].kind == NODE_REPORT) {
		const char *part[NAME_FOLDERS + 1];
		size_t plen[NAME_FOLDERS + 1], np;
		path_parts(graph_file_path(g, g->nodes[s->subject].file), part, plen, &np);
		for (size_t i = 0; i < np; i++)
			names_scan(g, nm, part[i], plen[i], &u, &hit);
	}
	if (u.n == 0 && g->nodes[s->subject].kind == NODE_REPORT &&
	    infer_from_notes(t, nm, s))
		goto done;
	if (u.n == 1) {
		s->owner = u.v[0];
		s->via = u.v[0];
		s->reason = ATTRIB_NAME;
		s->conf = ATTRIB_NAME_CONF;
		s->text = xstrdup(strbuf_str(&hit));
	} else if (u.n > 1) {
		problem(t, s->subject,
			xasprintf("'%s' names more than one actor ('%s' among them); attributed to none",
				  label, strbuf_str(&hit)));
	}
done:
	strbuf_free(&hit);
}

/* ---- copies ---- */

/* An unattributed report whose copies (in other files of its copy group)
 * speak for exactly one actor unit speaks for it too. */
static void copy_attributions(struct attribution_table *t, const struct attribution_opts *o)
{
	const struct graph *g = t->g;
	const struct copies *cp = o->copies;
	if (!cp)
		return;
	size_t nf = g->file_count;
	/* per copy group: the units its files name, and a file naming them */
	struct group {
		struct units u;
		uint32_t file, reason;
	} *grp = xcalloc(nf + 1, sizeof(*grp));
	/* a file with reports speaks through them (below); one without (a
	 * maltrail list, a bundle of indicators of an intrusion set) through
	 * the actors its statements name */
	uint8_t *has_report = xcalloc(nf + 1, 1);
	for (size_t i = 0; i < t->nsubj; i++)
		if (g->nodes[t->subj[i].subject].kind == NODE_REPORT)
			has_report[g->nodes[t->subj[i].subject].file] = 1;
	for (size_t f = 0; f < nf; f++) {
		uint32_t lead = copies_group(cp, (uint32_t)f);
		size_t nu = 0;
		const uint32_t *u = has_report[f] ? NULL : copies_units(cp, (uint32_t)f, &nu);
		for (size_t i = 0; i < nu; i++) {
			units_add(&grp[lead].u, u[i], u[i]);
			if (grp[lead].reason < ATTRIB_EXPLICIT) {
				grp[lead].reason = ATTRIB_EXPLICIT;
				grp[lead].file = (uint32_t)f;
			}
		}
	}
	for (size_t i = 0; i < t->nsubj; i++) {
		const struct attribution *s = &t->subj[i];
		if (g->nodes[s->subject].kind != NODE_REPORT || s->reason == ATTRIB_NONE ||
		    s->copy_of != UINT32_MAX)
			continue;
		uint32_t f = g->nodes[s->subject].file;
		uint32_t lead = copies_group(cp, f);
		uint32_t roots[8];
		size_t nr = attribution_roots(t, s->subject, roots, 8);
		for (size_t k = 0; k < nr; k++)
			units_add(&grp[lead].u, roots[k], roots[k]);
		if (nr && grp[lead].reason < s->reason) {
			grp[lead].reason = s->reason;
			grp[lead].file = f;
		}
	}
	for (size_t i = 0; i < t->nsubj; i++) {
		struct attribution *s = &t->subj[i];
		if (g->nodes[s->subject].kind != NODE_REPORT || s->reason != ATTRIB_NONE)
			continue;
		uint32_t f = g->nodes[s->subject].file;
		uint32_t lead = copies_group(cp, f);
		const struct group *gr = &grp[lead];
		if (gr->u.n != 1 || gr->file == f)
			continue;
		s->owner = gr->u.v[0];
		s->via = gr->u.v[0];
		s->reason = (uint8_t)gr->reason;
		s->copy_of = gr->file;
		if (s->reason == ATTRIB_NAME)
			s->conf = ATTRIB_NAME_CONF;
	}
	free(grp);
	free(has_report);
}

/* ---- the analyst's decisions ---- */

static void free_texts(struct attribution *s)
{
	free((char *)s->text);
	free((char *)s->author);
	free((char *)s->when);
	s->text = s->author = s->when = NULL;
}

static int path_matches(const char *path, const char *want)
{
	size_t np = strlen(path), nw = strlen(want);
	if (!strcmp(path, want))
		return 1;
	return np > nw && path[np - nw - 1] == '/' && !strcmp(path + np - nw, want);
}

int attribution_names_subject(const struct graph *g, uint32_t n, const char *subject)
{
	const struct node *nd = &g->nodes[n];
	if (nd->kind != NODE_REPORT && nd->kind != NODE_CAMPAIGN)
		return 0;
	if (!strcmp(graph_str(g, nd->key), subject) || !strcasecmp(graph_node_label(g, n), subject))
		return 1;
	if (nd->kind == NODE_REPORT)
		return path_matches(graph_file_path(g, nd->file), subject);
	struct strbuf k = STRBUF_INIT;
	norm_name_key(subject, strlen(subject), &k);
	int match = k.len && !strcmp(strbuf_str(&k), graph_str(g, nd->key));
	strbuf_free(&k);
	return match;
}

static void apply_decision(struct attribution_table *t, const struct attrib_decision *d)
{
	const struct graph *g = t->g;
	uint32_t actor = NODE_NONE;
	if (d->actor && *d->actor) {
		actor = alias_lookup(g, d->actor);
		if (actor == NODE_NONE) {
			decision_problem(t, d->subject,
					 xasprintf("no actor '%s' is loaded (or the name is ambiguous)",
						   d->actor));
			return;
		}
	}
	size_t hits = 0;
	for (size_t i = 0; i < t->nsubj; i++) {
		struct attribution *s = &t->subj[i];
		uint32_t n = s->subject;
		if (!attribution_names_subject(g, n, d->subject))
			continue;
		hits++;
		s->owner = actor;
		s->via = actor;
		s->reason = ATTRIB_ANALYST;
		s->conf = CONF_UNKNOWN;
		s->nowners = actor != NODE_NONE;
		free_texts(s);
		s->text = d->note && *d->note ? xstrdup(d->note) : NULL;
		s->author = d->author && *d->author ? xstrdup(d->author) : NULL;
		s->when = d->when && *d->when ? xstrdup(d->when) : NULL;
	}
	if (hits)
		return;
	/* maltrail's apt_x.txt: its values indicate the actor its name gives,
	 * with no report between to attribute; attributed to another actor,
	 * its statements are re-filed (each file the subject names) */
	for (uint32_t f = 0; f < g->file_count; f++) {
		if (!path_matches(graph_file_path(g, f), d->subject))
			continue;
		hits++;
		if (actor == NODE_NONE)
			continue;
		XGROW(t->refiled, t->caprefiled, t->nrefiled + 1);
		struct attrib_refile *r = &t->refiled[t->nrefiled++];
		r->file = f;
		r->actor = actor;
		r->text = d->note && *d->note ? xstrdup(d->note) : NULL;
		r->author = d->author && *d->author ? xstrdup(d->author) : NULL;
		r->when = d->when && *d->when ? xstrdup(d->when) : NULL;
	}
	if (hits && actor == NODE_NONE)
		decision_problem(t, d->subject,
				 xstrdup("the file holds no report or campaign to set apart; its "
					 "values name their actor directly (attribute it to "
					 "another actor, or split actor names)"));
	if (hits)
		return;
	decision_problem(t, d->subject,
			 xstrdup("no report, file or campaign of that name is loaded"));
}

/* ---- the table ---- */

struct attribution_table *attribution_build(const struct graph *g, const struct attribution_opts *oo)
{
	struct attribution_opts none = {0};
	const struct attribution_opts *o = oo ? oo : &none;
	struct attribution_table *t = xcalloc(1, sizeof(*t));
	t->g = g;
	u64map_init(&t->idx);
	size_t cap = 0;
	for (size_t n = 0; n < g->node_count; n++) {
		int k = g->nodes[n].kind;
		if ((k != NODE_REPORT && k != NODE_CAMPAIGN) || !node_ok(o, (uint32_t)n))
			continue;
		XGROW(t->subj, cap, t->nsubj + 1);
		struct attribution *s = &t->subj[t->nsubj];
		memset(s, 0, sizeof(*s));
		s->subject = (uint32_t)n;
		s->owner = s->via = NODE_NONE;
		s->copy_of = UINT32_MAX;
		s->conf = CONF_UNKNOWN;
		u64map_set(&t->idx, n, (uint32_t)t->nsubj++);
	}
	/* explicit */
	t->owner_off = xcalloc(t->nsubj + 1, sizeof(*t->owner_off));
	size_t nlist = 0, caplist = 0;
	for (size_t i = 0; i < t->nsubj; i++) {
		struct attribution *s = &t->subj[i];
		t->owner_off[i] = (uint32_t)nlist;
		struct units u = {{0}, 0, 0};
		if (g->nodes[s->subject].kind == NODE_CAMPAIGN) {
			campaign_actors(g, o, s->subject, &u);
		} else {
			struct adj a = graph_adj(g, s->subject);
			for (uint32_t j = 0; j < a.count; j++) {
				const struct edge *e = &g->edges[a.edges[j]];
				if (e->src != s->subject || e->rel != REL_ATTRIBUTED_TO ||
				    !edge_ok(o, a.edges[j]) || !node_ok(o, e->dst))
					continue;
				int kd = g->nodes[e->dst].kind;
				if (kd == NODE_ACTOR)
					units_add(&u, alias_unit(g, e->dst), e->dst);
				else if (kd == NODE_CAMPAIGN)
					units_add(&u, e->dst, e->dst);
			}
		}
		if (!u.n)
			continue;
		s->owner = u.v[0];
		s->via = u.first_via;
		s->reason = ATTRIB_EXPLICIT;
		s->nowners = (uint8_t)u.n;
		for (size_t j = 0; j < u.n; j++) {
			XGROW(t->owners, caplist, nlist + 1);
			t->owners[nlist++] = u.v[j];
		}
	}
	t->owner_off[t->nsubj] = (uint32_t)nlist;
	/* structural */
	struct closure cl = {0};
	cl.stamp = xcalloc(g->node_count + 1, sizeof(*cl.stamp));
	uint32_t *cand = xmalloc((t->nsubj + 1) * sizeof(*cand));
	uint32_t *cand_via = xmalloc((t->nsubj + 1) * sizeof(*cand_via));
	for (size_t i = 0; i < t->nsubj; i++)
		cand[i] = cand_via[i] = NODE_NONE;
	for (size_t i = 0; i < t->nsubj; i++) {
		struct attribution *s = &t->subj[i];
		if (g->nodes[s->subject].kind != NODE_REPORT)
			continue;
		struct units u = {{0}, 0, 0}, camps = {{0}, 0, 0};
		report_closure(g, o, t, s->subject, &cl, &u, &camps);
		if (u.n == 0 && camps.n == 1 && s->reason == ATTRIB_NONE) {
			/* a report naming no actor but one campaign speaks for it */
			if (cand[i] == NODE_NONE) {
				cand[i] = camps.v[0];
				cand_via[i] = camps.v[0];
			}
			continue;
		}
		if (u.n != 1)
			continue;
		/* everything the report lists speaks for its one actor */
		for (size_t q = 0; q < cl.nq; q++) {
			uint32_t x = cl.queue[q];
			uint32_t xi = u64map_get(&t->idx, x);
			if (xi == U64MAP_NONE)
				continue;
			uint32_t via = x == s->subject ? u.first_via : s->subject;
			if (cand[xi] == NODE_NONE || g->nodes[cand[xi]].kind == NODE_CAMPAIGN) {
				cand[xi] = u.v[0];
				cand_via[xi] = via;
			} else if (cand[xi] != u.v[0]) {
				cand[xi] = NODE_NONE - 1; /* listed for two actors */
			}
			struct adj a = graph_adj(g, x);
			for (uint32_t j = 0; j < a.count; j++) {
				const struct edge *e = &g->edges[a.edges[j]];
				if (e->src != x || e->rel != REL_MENTIONS ||
				    g->nodes[e->dst].kind != NODE_CAMPAIGN || !edge_ok(o, a.edges[j]))
					continue;
				uint32_t ci = u64map_get(&t->idx, e->dst);
				if (ci == U64MAP_NONE)
					continue;
				if (cand[ci] == NODE_NONE) {
					cand[ci] = u.v[0];
					cand_via[ci] = x;
				} else if (cand[ci] != u.v[0]) {
					cand[ci] = NODE_NONE - 1;
				}
			}
		}
	}
	for (size_t i = 0; i < t->nsubj; i++) {
		struct attribution *s = &t->subj[i];
		if (s->reason != ATTRIB_NONE || cand[i] == NODE_NONE || cand[i] == NODE_NONE - 1)
			continue;
		s->owner = cand[i];
		s->via = cand_via[i];
		s->reason = ATTRIB_STRUCTURAL;
	}
	free(cand);
	free(cand_via);
	free(cl.stamp);
	free(cl.queue);
	copy_attributions(t, o);
	/* names */
	struct names nm;
	names_build(g, o, &nm);
	for (size_t i = 0; i < t->nsubj; i++)
		if (t->subj[i].reason == ATTRIB_NONE)
			infer_from_name(t, &nm, &t->subj[i]);
	u64map_free(&nm.by_key);
	copy_attributions(t, o);
	/* the analyst's decisions win */
	for (size_t i = 0; o->decisions && i < o->ndecisions; i++)
		apply_decision(t, &o->decisions[i]);
	return t;
}

void attribution_free(struct attribution_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nproblems; i++) {
		free(t->problems[i].text);
		free(t->problems[i].decided);
	}
	for (size_t i = 0; i < t->nsubj; i++)
		free_texts(&t->subj[i]);
	for (size_t i = 0; i < t->nrefiled; i++) {
		free((char *)t->refiled[i].text);
		free((char *)t->refiled[i].author);
		free((char *)t->refiled[i].when);
	}
	free(t->refiled);
	free(t->problems);
	free(t->subj);
	free(t->owners);
	free(t->owner_off);
	u64map_free(&t->idx);
	free(t);
}

const struct attrib_refile *attribution_refiled(const struct attribution_table *t, size_t *n)
{
	*n = t ? t->nrefiled : 0;
	return t ? t->refiled : NULL;
}

void attribution_decision_tail(struct strbuf *out, const char *author, const char *when,
			       const char *text)
{
	if (author)
		strbuf_addf(out, " by %s", author);
	if (when)
		strbuf_addf(out, " on %s", when);
	if (text)
		strbuf_addf(out, ": %s", text);
}

void attribution_describe_refile(const struct attrib_refile *r, struct strbuf *out)
{
	strbuf_addf(out, "%s: its statements re-filed", attribution_reason_name(ATTRIB_ANALYST));
	attribution_decision_tail(out, r->author, r->when, r->text);
}

const struct attribution *attribution_of(const struct attribution_table *t, uint32_t n)
{
	return t ? subj_at(t, n) : NULL;
}

const struct attribution *attribution_all(const struct attribution_table *t, size_t *n)
{
	*n = t->nsubj;
	return t->subj;
}

static size_t owners_of(const struct attribution_table *t, const struct attribution *s,
			const uint32_t **list)
{
	if (s->reason == ATTRIB_EXPLICIT && s->copy_of == UINT32_MAX) {
		size_t i = (size_t)(s - t->subj);
		*list = t->owners + t->owner_off[i];
		return t->owner_off[i + 1] - t->owner_off[i];
	}
	*list = &s->owner;
	return s->owner != NODE_NONE;
}

size_t attribution_roots(const struct attribution_table *t, uint32_t n, uint32_t *out, size_t max)
{
	const struct attribution *s = subj_at(t, n);
	if (!s)
		return 0;
	const uint32_t *own;
	size_t no = owners_of(t, s, &own), found = 0;
	for (size_t i = 0; i < no; i++) {
		uint32_t x = own[i];
		if (t->g->nodes[x].kind == NODE_CAMPAIGN) {
			const struct attribution *c = subj_at(t, x);
			const uint32_t *cown;
			size_t nc = c ? owners_of(t, c, &cown) : 0;
			for (size_t j = 0; j < nc; j++) {
				if (t->g->nodes[cown[j]].kind == NODE_CAMPAIGN)
					continue; /* campaigns are never owned by campaigns */
				int dup = 0;
				for (size_t k = 0; k < found && k < max; k++)
					dup |= out[k] == cown[j];
				if (!dup && found < max)
					out[found++] = cown[j];
			}
		} else {
			int dup = 0;
			for (size_t k = 0; k < found && k < max; k++)
				dup |= out[k] == x;
			if (!dup && found < max)
				out[found++] = x;
		}
	}
	return found;
}

uint32_t attribution_campaign(const struct attribution_table *t, uint32_t n)
{
	const struct attribution *s = subj_at(t, n);
	if (!s || s->owner == NODE_NONE || t->g->nodes[s->owner].kind != NODE_CAMPAIGN)
		return NODE_NONE;
	uint32_t roots[1];
	return attribution_roots(t, s->owner, roots, 1) ? NODE_NONE : s->owner;
}

const struct attrib_problem *attribution_problems(const struct attribution_table *t, size_t *n)
{
	*n = t->nproblems;
	return t->problems;
}

void attribution_describe(const struct graph *g, const struct attribution *a, struct strbuf *out)
{
	strbuf_adds(out, attribution_reason_name(a->reason));
	if (a->copy_of != UINT32_MAX) {
		strbuf_addf(out, ", by its copy %s", graph_file_path(g, a->copy_of));
		return;
	}
	switch (a->reason) {
	case ATTRIB_EXPLICIT:
		if (a->via != NODE_NONE)
			strbuf_addf(out, ": attributed-to %s", graph_node_label(g, a->via));
		if (a->nowners > 1)
			strbuf_addf(out, " and %u more", a->nowners - 1u);
		break;
	case ATTRIB_STRUCTURAL:
		if (a->via != NODE_NONE && g->nodes[a->via].kind == NODE_REPORT)
			strbuf_addf(out, ": listed by report '%s', which names only %s",
				    graph_node_label(g, a->via), graph_node_label(g, a->owner));
		else if (a->via != NODE_NONE && g->nodes[a->via].kind == NODE_CAMPAIGN)
			strbuf_addf(out, ": names only campaign %s", graph_node_label(g, a->via));
		else if (a->via != NODE_NONE)
			strbuf_addf(out, ": object_refs name only %s", graph_node_label(g, a->via));
		break;
	case ATTRIB_NAME:
		if (a->notes_total)
			strbuf_addf(out, ": '%s' in %u of the %u notes its values carry",
				    a->text ? a->text : "", a->notes_naming, a->notes_total);
		else
			strbuf_addf(out, ": '%s' in the title, file or folder name",
				    a->text ? a->text : "");
		break;
	case ATTRIB_ANALYST:
		/* "analyst: attributed by alice on 2024-05-01: the C2 matches" */
		strbuf_adds(out, a->owner == NODE_NONE ? ": attributed to none" : ": attributed");
		attribution_decision_tail(out, a->author, a->when, a->text);
		break;
	default:
		break;
	}
}
