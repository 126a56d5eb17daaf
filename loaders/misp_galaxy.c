/* MISP galaxy cluster files (clusters/NAME.json) into the graph: each value
 * becomes an actor, tool, malware, technique or campaign by the galaxy's
 * type; synonyms are alias claims for actors (a synonym claimed by two
 * clusters is reported by the alias table as ambiguous, never merged
 * silently); `related` links become edges when the cluster they name is
 * loaded.
 *
 * Galaxies link across files (mitre-intrusion-set "uses" mitre-malware), and
 * a directory loads in name order, so links whose target is not loaded yet
 * wait in the graph (g->deferred) and are retried by every later galaxy
 * file. Each file reports how many of its links name nothing loaded so far. */
#include <stdlib.h>
#include <string.h>

#include "graph/strbuf.h"
#include "graph/xalloc.h"
#include "loaders/json_reader.h"
#include "loaders/load.h"
#include "loaders/misp_cluster.h"

struct link {
	uint32_t src;  /* node */
	uint32_t dest; /* interned dest-uuid */
	uint32_t obj;  /* interned uuid of the cluster stating it */
	uint32_t file;
	uint8_t rel, conf, reverse;
};

struct links {
	struct link *v;
	size_t n, cap;
};

static void links_free(void *p)
{
	struct links *l = p;
	if (l)
		free(l->v);
	free(l);
}

/* The graph's list of waiting links, made on first use; NULL when another
 * loader holds the slot (then links resolve within the file only). */
static struct links *waiting(struct graph *g)
{
	if (!g->deferred) {
		g->deferred = xcalloc(1, sizeof(struct links));
		g->deferred_free = links_free;
	}
	return g->deferred_free == links_free ? g->deferred : NULL;
}

/* MISP estimative-language tags on a link, as a confidence. */
static uint8_t link_conf(const json_t *rel)
{
	static const struct {
		const char *word;
		uint8_t conf;
	} words[] = {
	    {"almost-no-chance", 5},	 {"very-unlikely", 15}, {"unlikely", 30},
	    {"roughly-even-chance", 50}, {"very-likely", 85},	{"likely", 70},
	    {"almost-certain", 95},
	};
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(rel, "tags"), i, t)
	{
		const char *s = json_string_value(t);
		const char *eq = s ? strchr(s, '=') : NULL;
		if (!eq || strncmp(s, "estimative-language:likelihood-probability", 42) != 0)
			continue;
		for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++)
			if (strstr(eq, words[w].word))
				return words[w].conf;
	}
	return CONF_UNKNOWN;
}

/* Adds the edges of links whose target is now loaded; keeps the rest.
 * Returns how many of file's links are still waiting. */
static size_t resolve(struct graph *g, struct links *l, uint32_t file, struct link *first_left)
{
	size_t kept = 0, left_here = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct link k = l->v[i];
		uint32_t dst = graph_by_source(g, graph_str(g, k.dest));
		if (dst != NODE_NONE && dst != k.src) {
			struct prov p = prov_empty(k.file);
			p.obj = k.obj;
			p.conf = k.conf;
			if (k.reverse)
				graph_add_edge(g, dst, k.src, k.rel, &p, 0);
			else
				graph_add_edge(g, k.src, dst, k.rel, &p, 0);
			continue;
		}
		if (dst == k.src)
			continue;
		if (k.file == file && left_here++ == 0)
			*first_left = k;
		l->v[kept++] = k;
	}
	l->n = kept;
	return left_here;
}

static void cluster_file(struct load_ctx *c, const json_t *gal, struct links *local)
{
	struct graph *g = c->g;
	const char *type = jr_str(gal, "type");
	json_t *values = json_object_get(gal, "values");
	int kind = misp_cluster_kind(type);
	if (!json_is_array(values)) {
		diag_add(c->d, c->file, DIAG_WARNING, D_FORMAT, 0, 0, NULL,
			 "not a galaxy cluster file (no \"values\" list): skipped");
		c->objects++;
		c->skipped++;
		return;
	}
	if (kind < 0) {
		diag_add(
		    c->d, c->file, DIAG_QUIRK, D_UNKNOWN_TYPE, 0, 0, "/type",
		    "galaxy type '%s' names no actor, tool, malware or technique: %zu clusters "
		    "not loaded",
		    type ? type : "(none)", json_array_size(values));
		c->objects += (uint32_t)json_array_size(values);
		c->skipped += (uint32_t)json_array_size(values);
		return;
	}
	const char *name = jr_str(gal, "name");
	struct src_file *f = graph_file(g, c->file);
	if (name && !f->title)
		f->title = graph_intern(g, name);
	struct strbuf where = STRBUF_INIT;
	size_t i, k;
	json_t *v, *rel;
	json_array_foreach(values, i, v)
	{
		c->objects++;
		uint32_t n = misp_cluster_node(g, kind, v, c->file);
		if (n == NODE_NONE) {
			strbuf_reset(&where);
			strbuf_addf(&where, "/values/%zu", i);
			diag_add(c->d, c->file, DIAG_WARNING, D_INVALID, 0, 0, strbuf_str(&where),
				 "cluster without \"value\": skipped");
			c->skipped++;
			continue;
		}
		const char *uuid = jr_str(v, "uuid");
		json_array_foreach(json_object_get(v, "related"), k, rel)
		{
			const char *dest = jr_str(rel, "dest-uuid"), *rtype = jr_str(rel, "type");
			if (!dest || !*dest)
				continue;
			if (!rtype || !*rtype)
				rtype = "related-to";
			int reverse = !strcmp(rtype, "used-by");
			struct link lk = {n,
					  graph_intern(g, dest),
					  uuid ? graph_intern(g, uuid) : 0,
					  c->file,
					  (uint8_t)graph_relation(g, reverse ? "uses" : rtype),
					  link_conf(rel),
					  (uint8_t)reverse};
			XGROW(local->v, local->cap, local->n + 1);
			local->v[local->n++] = lk;
		}
	}
	strbuf_free(&where);
}

int misp_galaxy_load(struct load_ctx *c)
{
	struct graph *g = c->g;
	struct links local = {0};
	struct jr *r = jr_open(c, JR_WHOLE);
	struct jr_item it;
	int rc, values = 0;
	while ((rc = jr_next(r, &it)) == JR_ITEM) {
		values++;
		cluster_file(c, it.value, &local);
		jr_release(r, it.value);
	}
	c->objects += jr_skipped(r);
	c->skipped += jr_skipped(r);
	if (rc == JR_END && values == 0)
		diag_add(c->d, c->file, DIAG_WARNING, D_FORMAT, 0, 0, NULL,
			 "the file holds no JSON value");
	jr_close(r);

	/* this file's links join those waiting from earlier files */
	struct links *l = waiting(g);
	if (!l)
		l = &local;
	else {
		XGROW(l->v, l->cap, l->n + local.n);
		if (local.n)
			memcpy(l->v + l->n, local.v, local.n * sizeof(*local.v));
		l->n += local.n;
	}
	struct link first = {0};
	size_t left = resolve(g, l, c->file, &first);
	if (left)
		diag_add(c->d, c->file, DIAG_QUIRK, D_DANGLING, 0, 0, NULL,
			 "%zu related link%s name clusters not loaded so far (first: dest-uuid %s "
			 "from '%s')",
			 left, left == 1 ? "" : "s", graph_str(g, first.dest),
			 graph_node_label(g, first.src));
	free(local.v);
	return rc == JR_ERROR ? -1 : 0;
}
