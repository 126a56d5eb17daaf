/* STIX 2.0 / 2.1 JSON into the graph: bundles (read object by object),
 * lone objects, arrays and JSON Lines.
 *
 * Objects are turned into nodes as they are read; everything that refers to
 * other objects by id (relationships, sightings, report object_refs, SCO
 * embedded refs) is kept in a pending list and resolved once the whole file
 * is read, since real bundles list relationships before their ends. An
 * indicator is not a node: its pattern's values are, and a reference to
 * the indicator stands for all of them (observable --indicates--> target).
 * Dangling references, unknown types and pattern parts agx does not use are
 * reported once per file as quirks. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/observable.h"
#include "graph/strbuf.h"
#include "graph/u64map.h"
#include "graph/xalloc.h"
#include "loaders/confidence.h"
#include "loaders/json_reader.h"
#include "loaders/load.h"
#include "loaders/salvage.h"
#include "loaders/stix2_pattern.h"
#include "loaders/stix2_version.h"
#include "loaders/tally.h"
#include "loaders/technique.h"

enum { EDGES_PER_STATEMENT_MAX = 10000 };

enum pend_kind { PK_REL, PK_MENTION, PK_EMBED, PK_DONE };

/* The property a reference was found in, for dangling-ref messages. */
#define REF_FIELDS(X)                                                                          \
	X(RF_SOURCE, "source_ref")                                                             \
	X(RF_TARGET, "target_ref") X(RF_OBJECT_REFS, "object_refs")                            \
	    X(RF_RESOLVES_TO, "resolves_to_refs") X(RF_BELONGS_TO, "belongs_to_refs")          \
		X(RF_SIGHTING_OF, "sighting_of_ref") X(RF_WHERE_SIGHTED, "where_sighted_refs") \
		    X(RF_OBSERVED_DATA, "observed_data_refs") X(RF_NONE, "")

enum ref_field {
#define X(e, name) e,
	REF_FIELDS(X)
#undef X
};

static const char *const ref_field_names[] = {
#define X(e, name) name,
    REF_FIELDS(X)
#undef X
};

/* A statement about ids, resolved after the file is read. */
struct pend {
	uint32_t src_id; /* interned id, or 0 when src_node is given */
	uint32_t src_node;
	uint32_t dst_id;
	uint32_t obj; /* interned id of the stating object */
	uint32_t line, col, item;
	int32_t first, last;
	uint8_t rel, conf, tlp, flags;
	uint8_t kind, container, sfield, dfield;
};

/* A window of days, either end DATE_UNKNOWN. */
struct window {
	int32_t first, last;
};

/* Nodes that one id stands for: an indicator's values, an observed-data's
 * objects (ids == 1: the entries are interned ids still to resolve), with
 * what the object says about when and how sure: an indicator's validity
 * (valid_from/valid_until), when it or its values were observed (sightings
 * of it, observed-data first/last_observed) and its confidence. */
struct group {
	uint32_t start, count;
	struct window valid, observed;
	uint8_t ids, conf;
};

/* A sighting's first/last_seen, for the object it is of. */
struct sighting_window {
	uint32_t id, of; /* interned ids of the sighting and of what it is of */
	struct window w;
};

/* The first_seen/last_seen of a campaign, intrusion-set, threat-actor or
 * infrastructure of the file: they bound the facts stated about it. */
struct sdo_window {
	struct window w;
	uint8_t bounds; /* campaign or infrastructure: an episode, not a lifetime */
};

/* Identities become victim nodes only when something refers to them, so a
 * bundle's author does not show up as a victim. */
struct ident {
	uint32_t id, name, sectors;
	uint32_t node;
};

struct u32vec {
	uint32_t *v;
	size_t n, cap;
};

/* The version of an object id read so far: its `modified` instant
 * (has_mod 0 when it has none) and its first pending statement. */
struct version {
	long long mod;
	uint32_t pend;
	uint8_t has_mod;
};

struct sx {
	struct load_ctx *c;
	struct graph *g;
	const struct jr_item *it; /* the object being read */
	const char *id;
	uint32_t id_key; /* id interned, once per object */
	int spec21;
	/* id -> its version in vers: one map lookup per object, not its text
	 * nor a second map, for the file's time */
	struct u64map seen;
	struct version *vers;
	size_t nvers, capvers;
	struct u64map groups;
	struct group *grp;
	size_t ngrp, grp_cap;
	struct sighting_window *sightings; /* in file order; applied after reading */
	size_t nsightings, sightings_cap;
	struct u64map sighting_at; /* sighting id -> its last version in sightings */
	struct u64map sdo_windows; /* id -> index in sdo_win */
	struct sdo_window *sdo_win;
	size_t nsdo_win, sdo_win_cap;
	struct u32vec gv; /* group entries */
	struct u64map idents;
	struct ident *ids;
	size_t nids, ids_cap;
	struct u64map marks;	  /* marking-definition id -> TLP */
	struct u64map rel_report; /* relationship id -> report node listing it */
	struct u64map listed;	  /* report nodes another report lists */
	struct pend *pend;
	size_t npend, pend_cap;
	struct tally unknown, unsupported, created_by, marking_refs;
	struct tally empty_ends; /* statements dropped: an end gave no node (by type) */
	uint32_t revoked, deprecated;
	struct u32vec reports; /* report nodes defined in the file */
	int32_t newest;
	uint8_t file_tlp;
	struct prov cur;     /* provenance of the indicator being read */
	struct u32vec found; /* its observable nodes */
	struct strbuf where;
};

static void vec_push(struct u32vec *v, uint32_t x)
{
	XGROW(v->v, v->cap, v->n + 1);
	v->v[v->n++] = x;
}

static void tally_at(struct tally *t, uint32_t key, const struct jr_item *it)
{
	tally_add(t, key, it->line, it->col, it->index, it->container);
}

/* "/objects/12 (indicator--…)" for the object being read or a stored one. */
static const char *where_of(struct sx *s, uint8_t container, uint32_t index, const char *id)
{
	struct jr_item it = {NULL, 0, 0, index, container};
	strbuf_reset(&s->where);
	jr_pointer(&it, &s->where);
	if (id && *id)
		strbuf_addf(&s->where, "%s(%s)", s->where.len ? " " : "", id);
	return s->where.len ? strbuf_str(&s->where) : NULL;
}

static const char *where(struct sx *s)
{
	return where_of(s, s->it->container, s->it->index, s->id);
}

static void note(struct sx *s, enum diag_level level, enum diag_code code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void note(struct sx *s, enum diag_level level, enum diag_code code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(s->c->d, s->c->file, level, code, s->it->line, s->it->col, where(s), fmt, ap);
	va_end(ap);
}

static uint32_t intern(struct sx *s, const char *str)
{
	return graph_intern(s->g, str);
}

/* TLP markings by their standard ids: TLP 1.0 (STIX 2.0 and 2.1) and the
 * TLP 2.0 extension's. */
static const struct {
	const char *id;
	uint8_t tlp;
} std_markings[] = {
    {"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", TLP_CLEAR},
    {"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", TLP_GREEN},
    {"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", TLP_AMBER},
    {"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", TLP_RED},
    {"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", TLP_CLEAR},
    {"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", TLP_GREEN},
    {"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", TLP_AMBER},
    {"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", TLP_AMBER_STRICT},
    {"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", TLP_RED},
};

static int std_marking(const char *id)
{
	for (size_t i = 0; i < sizeof(std_markings) / sizeof(std_markings[0]); i++)
		if (!strcmp(id, std_markings[i].id))
			return std_markings[i].tlp;
	return -1;
}

static uint8_t object_tlp(struct sx *s, const json_t *o)
{
	uint8_t tlp = TLP_NONE;
	size_t i;
	json_t *ref;
	json_array_foreach(json_object_get(o, "object_marking_refs"), i, ref)
	{
		const char *id = json_string_value(ref);
		if (!id)
			continue;
		int t = std_marking(id);
		if (t < 0) {
			uint32_t sid = intern(s, id);
			uint32_t m = u64map_get(&s->marks, sid);
			if (m != U64MAP_NONE)
				t = (int)m;
			else
				tally_at(&s->marking_refs, sid, s->it);
		}
		if (t > tlp)
			tlp = (uint8_t)t;
	}
	if (tlp > s->file_tlp)
		s->file_tlp = tlp;
	return tlp;
}

/* A date property; one that is there but no date (99999-01-01, "soon") is
 * said, not taken for "not stated" in silence. */
static int32_t date_of(struct sx *s, const json_t *o, const char *key)
{
	const char *v = jr_str(o, key);
	if (!v)
		return DATE_UNKNOWN;
	int32_t d = date_parse(v);
	if (d == DATE_UNKNOWN) {
		char shown[40];
		snprintf(shown, sizeof(shown), "%.32s", v);
		note(s, DIAG_QUIRK, D_VALUE, "\"%s\": '%s' is not a date (years 1-9999): ignored",
		     key, shown);
	}
	return d;
}

/* confidence: 0..100 (STIX 2.1); anything else is said and counts as not
 * stated (it was clamped in silence: -2^63 became 0, 2^63 became 100) */
static uint8_t confidence_of(struct sx *s, const json_t *o)
{
	long long v;
	if (!json_object_get(o, "confidence"))
		return CONF_UNKNOWN;
	if (jr_int(o, "confidence", &v) != 0 || v < 0 || v > 100) {
		note(s, DIAG_QUIRK, D_VALUE, "\"confidence\" is not a number from 0 to 100: ignored");
		return CONF_UNKNOWN;
	}
	return conf_from_number(v);
}

/* The provenance of the object being read, its window from two keys. */
static struct prov object_prov(struct sx *s, const json_t *o, const char *first, const char *last)
{
	struct prov p = prov_empty(s->c->file);
	p.obj = s->id ? s->id_key : 0;
	p.first = first ? date_of(s, o, first) : DATE_UNKNOWN;
	p.last = last ? date_of(s, o, last) : DATE_UNKNOWN;
	/* an end before its start bounds nothing (SEKOIA's APT31 has one), and
	 * is said, not dropped in silence */
	if (p.first != DATE_UNKNOWN && p.last != DATE_UNKNOWN && p.last < p.first) {
		note(s, DIAG_QUIRK, D_VALUE, "\"%s\" is before \"%s\": the window is ignored",
		     last, first);
		p.first = p.last = DATE_UNKNOWN;
	}
	p.conf = confidence_of(s, o);
	p.tlp = object_tlp(s, o);
	return p;
}

static void add_pend(struct sx *s, enum pend_kind kind, uint32_t src_id, uint32_t src_node,
		     const char *dst, int rel, const struct prov *p, uint8_t flags,
		     enum ref_field sfield, enum ref_field dfield)
{
	XGROW(s->pend, s->pend_cap, s->npend + 1);
	struct pend *e = &s->pend[s->npend++];
	e->src_id = src_id;
	e->src_node = src_node;
	e->dst_id = intern(s, dst);
	e->obj = p->obj;
	e->line = s->it->line;
	e->col = s->it->col;
	e->item = s->it->index;
	e->container = s->it->container;
	e->first = p->first;
	e->last = p->last;
	e->rel = (uint8_t)rel;
	e->conf = p->conf;
	e->tlp = p->tlp;
	e->flags = flags;
	e->kind = (uint8_t)kind;
	e->sfield = (uint8_t)sfield;
	e->dfield = (uint8_t)dfield;
}

static const struct window no_window = {DATE_UNKNOWN, DATE_UNKNOWN};

static int window_known(const struct window *w)
{
	return w->first != DATE_UNKNOWN || w->last != DATE_UNKNOWN;
}

/* Widens w to cover x (each end may be unknown). */
static void window_widen(struct window *w, const struct window *x)
{
	if (x->first != DATE_UNKNOWN && (w->first == DATE_UNKNOWN || x->first < w->first))
		w->first = x->first;
	if (x->last != DATE_UNKNOWN && (w->last == DATE_UNKNOWN || x->last > w->last))
		w->last = x->last;
}

/* The group an object's id stands for; its window and confidence start
 * unknown and are set by the caller. */
static struct group *add_group(struct sx *s, uint32_t id, const uint32_t *v, size_t n, int ids)
{
	XGROW(s->grp, s->grp_cap, s->ngrp + 1);
	struct group *gr = &s->grp[s->ngrp];
	gr->start = (uint32_t)s->gv.n;
	gr->count = (uint32_t)n;
	gr->ids = (uint8_t)ids;
	gr->valid = gr->observed = no_window;
	gr->conf = CONF_UNKNOWN;
	for (size_t i = 0; i < n; i++)
		vec_push(&s->gv, v[i]);
	u64map_set(&s->groups, id, (uint32_t)s->ngrp++);
	return gr;
}

static struct group *group_of(struct sx *s, uint32_t id)
{
	uint32_t gi = id ? u64map_get(&s->groups, id) : U64MAP_NONE;
	return gi == U64MAP_NONE ? NULL : &s->grp[gi];
}

/* Revoked and deprecated objects are kept but flagged; a live object of the
 * same name wins over a dead one, whichever came first. */
static void set_life(struct sx *s, uint32_t n, const json_t *o)
{
	int rev = jr_true(o, "revoked"), dep = jr_true(o, "x_mitre_deprecated");
	struct node *nd = graph_node_at(s->g, n);
	if (!rev && !dep) {
		nd->flags =
		    (uint8_t)((nd->flags & ~(NODE_F_REVOKED | NODE_F_DEPRECATED)) | NODE_F_DEFINED);
		return;
	}
	if (rev)
		s->revoked++;
	else
		s->deprecated++;
	if ((nd->flags & NODE_F_DEFINED) && !(nd->flags & (NODE_F_REVOKED | NODE_F_DEPRECATED)))
		return;
	nd->flags |= NODE_F_DEFINED | (rev ? NODE_F_REVOKED : 0) | (dep ? NODE_F_DEPRECATED : 0);
}

static int is_dead(const json_t *o)
{
	return jr_true(o, "revoked") || jr_true(o, "x_mitre_deprecated");
}

static void add_references(struct sx *s, uint32_t n, const json_t *o)
{
	size_t i;
	json_t *ref;
	struct strbuf sb = STRBUF_INIT;
	json_array_foreach(json_object_get(o, "external_references"), i, ref)
	{
		const char *src = jr_str(ref, "source_name"), *url = jr_str(ref, "url");
		const char *ext = jr_str(ref, "external_id");
		if (ext)
			graph_add_attr(s->g, n, ATTR_EXTERNAL_ID, ext, s->c->file);
		if (url) {
			strbuf_reset(&sb);
			if (src)
				strbuf_addf(&sb, "%s: ", src);
			strbuf_adds(&sb, url);
			graph_add_attr(s->g, n, ATTR_REFERENCE, strbuf_str(&sb), s->c->file);
		}
	}
	strbuf_free(&sb);
}

/* What every SDO node gets: its id, window, life, description, references. */
static void sdo_common(struct sx *s, uint32_t n, const json_t *o, const struct prov *p)
{
	graph_bind_source_key(s->g, s->id_key, n);
	graph_node_observe(s->g, n, p);
	set_life(s, n, o);
	graph_add_attr(s->g, n, ATTR_SOURCE_ID, s->id, s->c->file);
	const char *desc = jr_str(o, "description");
	if (desc && *desc)
		graph_add_attr(s->g, n, ATTR_DESCRIPTION, desc, s->c->file);
	add_references(s, n, o);
}

static void add_aliases(struct sx *s, uint32_t n, const json_t *o, const char *key, int claim)
{
	size_t i;
	json_t *a;
	const char *name = jr_str(o, "name");
	json_array_foreach(json_object_get(o, key), i, a)
	{
		const char *alias = json_string_value(a);
		if (!alias || !*alias || (name && !strcmp(alias, name)))
			continue;
		if (claim)
			alias_claim(s->g, n, alias, s->c->file);
		else
			graph_add_attr(s->g, n, ATTR_ALIAS, alias, s->c->file);
	}
}

static const char *need_name(struct sx *s, const json_t *o)
{
	const char *name = jr_str(o, "name");
	if (!name || !*name) {
		note(s, DIAG_WARNING, D_INVALID, "missing \"name\": object skipped");
		s->c->skipped++;
		return NULL;
	}
	return name;
}

static void do_named(struct sx *s, const json_t *o, int kind)
{
	const char *name = need_name(s, o);
	if (!name)
		return;
	uint32_t n = graph_named_node(s->g, kind, name, s->c->file);
	struct prov p = object_prov(s, o, "first_seen", "last_seen");
	sdo_common(s, n, o, &p);
	struct window w = {p.first, p.last};
	/* a last_seen before first_seen bounds nothing (SEKOIA's APT31 has one) */
	if (w.first != DATE_UNKNOWN && w.last != DATE_UNKNOWN && w.first > w.last)
		w = no_window;
	/* recorded even when unknown, so a newer version without dates wins */
	if (kind == NODE_ACTOR || kind == NODE_CAMPAIGN || kind == NODE_INFRASTRUCTURE) {
		XGROW(s->sdo_win, s->sdo_win_cap, s->nsdo_win + 1);
		s->sdo_win[s->nsdo_win] = (struct sdo_window){w, kind != NODE_ACTOR};
		u64map_set(&s->sdo_windows, s->id_key, (uint32_t)s->nsdo_win++);
	}
	if (kind == NODE_ACTOR) {
		alias_strong_identity(s->g, n, name);
		if (!is_dead(o))
			add_aliases(s, n, o, "aliases", 1);
	} else {
		add_aliases(s, n, o, "aliases", 0);
		add_aliases(s, n, o, "x_mitre_aliases", 0);
	}
}

static void do_technique(struct sx *s, const json_t *o)
{
	const char *name = jr_str(o, "name"), *ext = NULL;
	size_t i;
	json_t *ref;
	json_array_foreach(json_object_get(o, "external_references"), i, ref)
	{
		const char *src = jr_str(ref, "source_name");
		if (src && !strncmp(src, "mitre-", 6) && jr_str(ref, "external_id")) {
			ext = jr_str(ref, "external_id");
			break;
		}
	}
	uint32_t n = technique_node(s->g, ext, name, s->c->file);
	if (n == NODE_NONE) {
		need_name(s, o);
		return;
	}
	struct prov p = object_prov(s, o, NULL, NULL);
	sdo_common(s, n, o, &p);
}

static void do_location(struct sx *s, const json_t *o)
{
	static const char *const keys[] = {"name", "country", "region", "city", NULL};
	const char *name = NULL;
	for (int i = 0; keys[i] && !name; i++)
		name = jr_str(o, keys[i]);
	if (!name || !*name) {
		note(s, DIAG_WARNING, D_INVALID,
		     "location without name, country or region: skipped");
		s->c->skipped++;
		return;
	}
	uint32_t n = graph_named_node(s->g, NODE_LOCATION, name, s->c->file);
	struct prov p = object_prov(s, o, NULL, NULL);
	sdo_common(s, n, o, &p);
	const char *country = jr_str(o, "country");
	if (country)
		graph_add_attr(s->g, n, ATTR_COUNTRY, country, s->c->file);
}

static void do_identity(struct sx *s, const json_t *o)
{
	const char *name = need_name(s, o);
	if (!name)
		return;
	object_tlp(s, o);
	struct strbuf sectors = STRBUF_INIT;
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(o, "sectors"), i, v)
	{
		if (json_string_value(v))
			strbuf_addf(&sectors, "%s%s", sectors.len ? ", " : "",
				    json_string_value(v));
	}
	XGROW(s->ids, s->ids_cap, s->nids + 1);
	struct ident *id = &s->ids[s->nids];
	id->id = s->id_key;
	id->name = intern(s, name);
	id->sectors = sectors.len ? intern(s, strbuf_str(&sectors)) : 0;
	id->node = NODE_NONE;
	u64map_set(&s->idents, id->id, (uint32_t)s->nids++);
	strbuf_free(&sectors);
}

static uint32_t ident_node(struct sx *s, struct ident *id)
{
	if (id->node != NODE_NONE)
		return id->node;
	struct graph *g = s->g;
	id->node = graph_named_node(g, NODE_VICTIM, graph_str(g, id->name), s->c->file);
	graph_bind_source_key(g, id->id, id->node);
	graph_node_at(g, id->node)->flags |= NODE_F_DEFINED;
	if (id->sectors)
		graph_add_attr(g, id->node, ATTR_SECTOR, graph_str(g, id->sectors), s->c->file);
	return id->node;
}

static void do_report(struct sx *s, const json_t *o)
{
	const char *name = need_name(s, o);
	if (!name)
		return;
	uint32_t n = graph_report_node(s->g, name, s->id, s->c->file);
	const char *when = jr_str(o, "published") ? "published" : "created";
	struct prov p = object_prov(s, o, when, when);
	sdo_common(s, n, o, &p);
	vec_push(&s->reports, n);
	p.report = n;
	size_t i;
	json_t *ref;
	json_array_foreach(json_object_get(o, "object_refs"), i, ref)
	{
		if (json_string_value(ref))
			add_pend(s, PK_MENTION, 0, n, json_string_value(ref), REL_MENTIONS, &p, 0,
				 RF_NONE, RF_OBJECT_REFS);
	}
}

/* ---- observables ---- */

static const struct {
	const char *type;
	int kind;
} sco_kinds[] = {
    {"domain-name", NODE_DOMAIN}, {"ipv4-addr", NODE_IPV4},
    {"ipv6-addr", NODE_IPV6},	  {"url", NODE_URL},
    {"email-addr", NODE_EMAIL},
};

static int sco_kind(const char *type)
{
	for (size_t i = 0; i < sizeof(sco_kinds) / sizeof(sco_kinds[0]); i++)
		if (!strcmp(type, sco_kinds[i].type))
			return sco_kinds[i].kind;
	if (!strcmp(type, "file"))
		return NODE_FILE;
	if (!strcmp(type, "x509-certificate"))
		return NODE_X509;
	if (!strcmp(type, "autonomous-system"))
		return NODE_ASN;
	return -1;
}

/* "SHA-256", "sha256", "SHA256" -> rank (higher is stronger), 0 unknown. */
static int hash_rank(const char *algo)
{
	char b[16];
	size_t n = 0;
	for (; *algo && n + 1 < sizeof(b); algo++)
		if (*algo != '-' && *algo != '_')
			b[n++] = (char)(*algo >= 'a' && *algo <= 'z' ? *algo - 32 : *algo);
	b[n] = '\0';
	if (!strcmp(b, "SHA256"))
		return 4;
	if (!strcmp(b, "SHA512"))
		return 3;
	if (!strcmp(b, "SHA1"))
		return 2;
	if (!strcmp(b, "MD5"))
		return 1;
	return 0;
}

/* An IPv4/IPv6 value that may carry a CIDR suffix: only a single address
 * (/32, /128) is one. Returns the length to use, 0 to skip. */
static size_t address_len(struct sx *s, int kind, const char *v)
{
	const char *slash = strchr(v, '/');
	if (!slash)
		return strlen(v);
	const char *single = kind == NODE_IPV6 ? "/128" : "/32";
	if (!strcmp(slash, single))
		return (size_t)(slash - v);
	tally_at(&s->unsupported,
		 intern(s, kind == NODE_IPV6 ? "ipv6 CIDR range" : "ipv4 CIDR range"), s->it);
	return 0;
}

static const char *where_cb(void *s)
{
	return where(s);
}

static uint32_t add_value(struct sx *s, int kind, const char *v, size_t n, const struct prov *p)
{
	struct obs_site site = {s->it->line, s->it->col, NULL, where_cb, s};
	size_t off, len;
	/* "domain autuo.xicp.net": the value, less the word someone left in */
	if (memchr(v, ' ', n) && salvage_stray_words(kind, v, n, &off, &len)) {
		note(s, DIAG_QUIRK, D_VALUE, "'%.*s' holds stray words: '%.*s' taken",
		     (int)(n > 200 ? 200 : n), v, (int)len, v + off);
		v += off;
		n = len;
	}
	return obs_add(s->g, kind, v, n, p, s->c->d, &site);
}

/* An SCO (top level, or inside a 2.0 observed-data). Its nodes are pushed
 * to out; returns the main one (the strongest hash for files). */
static uint32_t sco_nodes(struct sx *s, const json_t *o, const char *type, const struct prov *p,
			  struct u32vec *out)
{
	int kind = sco_kind(type);
	if (kind == NODE_FILE || kind == NODE_X509) {
		uint32_t best = NODE_NONE;
		int best_rank = 0;
		const char *algo;
		json_t *h;
		json_object_foreach(json_object_get(o, "hashes"), algo, h)
		{
			int rank = hash_rank(algo);
			const char *v = json_string_value(h);
			if (!rank || !v)
				continue;
			uint32_t n = add_value(s, kind, v, strlen(v), p);
			if (n == NODE_NONE)
				continue;
			vec_push(out, n);
			if (rank > best_rank)
				best = n, best_rank = rank;
		}
		return best;
	}
	if (kind == NODE_ASN) {
		long long num;
		if (jr_int(o, "number", &num) != 0)
			return NODE_NONE;
		char buf[32];
		snprintf(buf, sizeof(buf), "AS%lld", num);
		uint32_t n = add_value(s, NODE_ASN, buf, strlen(buf), p);
		if (n != NODE_NONE)
			vec_push(out, n);
		return n;
	}
	const char *v = jr_str(o, "value");
	if (!v) {
		note(s, DIAG_WARNING, D_INVALID, "%s without \"value\": skipped", type);
		return NODE_NONE;
	}
	size_t len = kind == NODE_IPV4 || kind == NODE_IPV6 ? address_len(s, kind, v) : strlen(v);
	if (!len)
		return NODE_NONE;
	uint32_t n = add_value(s, kind, v, len, p);
	if (n != NODE_NONE)
		vec_push(out, n);
	return n;
}

static void do_sco(struct sx *s, const json_t *o, const char *type)
{
	struct prov p = object_prov(s, o, NULL, NULL);
	struct u32vec nodes = {0};
	uint32_t n = sco_nodes(s, o, type, &p, &nodes);
	if (n == NODE_NONE) {
		s->c->skipped++;
		free(nodes.v);
		return;
	}
	graph_bind_source_key(s->g, s->id_key, n);
	if (nodes.n > 1)
		add_group(s, s->id_key, nodes.v, nodes.n, 0);
	free(nodes.v);
	static const struct {
		const char *key;
		int rel;
		enum ref_field field;
	} embedded[] = {
	    {"resolves_to_refs", REL_RESOLVES_TO, RF_RESOLVES_TO},
	    {"belongs_to_refs", REL_BELONGS_TO, RF_BELONGS_TO},
	};
	for (size_t k = 0; k < sizeof(embedded) / sizeof(embedded[0]); k++) {
		size_t i;
		json_t *ref;
		json_array_foreach(json_object_get(o, embedded[k].key), i, ref)
		{
			if (json_string_value(ref))
				add_pend(s, PK_EMBED, 0, n, json_string_value(ref), embedded[k].rel,
					 &p, 0, RF_NONE, embedded[k].field);
		}
	}
}

/* STIX 2.0 observed-data embeds its SCOs under local keys ("0", "1") that
 * refer to each other; 2.1 lists SCO ids in object_refs. */
static void do_observed_data(struct sx *s, const json_t *o)
{
	struct prov p = object_prov(s, o, "first_observed", "last_observed");
	json_t *objects = json_object_get(o, "objects");
	if (json_is_object(objects)) {
		struct u32vec nodes = {0};
		size_t nkeys = json_object_size(objects), k = 0;
		const char **keys = xcalloc(nkeys + 1, sizeof(*keys));
		uint32_t *main = xcalloc(nkeys + 1, sizeof(*main));
		const char *key;
		json_t *sco;
		json_object_foreach(objects, key, sco)
		{
			const char *type = jr_str(sco, "type");
			keys[k] = key;
			main[k] = NODE_NONE;
			if (type && sco_kind(type) >= 0)
				main[k] = sco_nodes(s, sco, type, &p, &nodes);
			k++;
		}
		k = 0;
		json_object_foreach(objects, key, sco)
		{
			static const char *const refkeys[] = {"resolves_to_refs",
							      "belongs_to_refs"};
			for (int r = 0; r < 2 && main[k] != NODE_NONE; r++) {
				size_t i;
				json_t *ref;
				json_array_foreach(json_object_get(sco, refkeys[r]), i, ref)
				{
					const char *rk = json_string_value(ref);
					for (size_t j = 0; rk && j < nkeys; j++)
						if (!strcmp(keys[j], rk) && main[j] != NODE_NONE)
							graph_add_edge(s->g, main[k], main[j],
								       r ? REL_BELONGS_TO
									 : REL_RESOLVES_TO,
								       &p, 0);
				}
			}
			k++;
		}
		struct group *gr = add_group(s, s->id_key, nodes.v, nodes.n, 0);
		gr->observed = (struct window){p.first, p.last};
		gr->conf = p.conf;
		free(nodes.v);
		free(keys);
		free(main);
		return;
	}
	struct u32vec ids = {0};
	size_t i;
	json_t *ref;
	json_array_foreach(json_object_get(o, "object_refs"), i, ref)
	{
		if (json_string_value(ref))
			vec_push(&ids, intern(s, json_string_value(ref)));
	}
	struct group *gr = add_group(s, s->id_key, ids.v, ids.n, 1);
	gr->observed = (struct window){p.first, p.last};
	gr->conf = p.conf;
	free(ids.v);
}

/* ---- indicators ---- */

static void on_comparison(void *ctx, const struct pattern_cmp *cmp)
{
	struct sx *s = ctx;
	int kind = stix2_pattern_kind(cmp->path);
	if (kind == PATTERN_UNSUPPORTED) {
		tally_at(&s->unsupported, intern(s, cmp->path), s->it);
		return;
	}
	int eq = !strcmp(cmp->op, "=") || !strcmp(cmp->op, "IN") ||
		 (!strcmp(cmp->op, "ISSUBSET") && (kind == NODE_IPV4 || kind == NODE_IPV6));
	if (!eq || cmp->negated) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s %s%s", cmp->path, cmp->negated ? "NOT " : "", cmp->op);
		tally_at(&s->unsupported, intern(s, strbuf_str(&sb)), s->it);
		strbuf_free(&sb);
		return;
	}
	char buf[32];
	const char *v = cmp->value;
	size_t len = cmp->len;
	if (kind == NODE_ASN) {
		snprintf(buf, sizeof(buf), "AS%.20s", cmp->value);
		v = buf;
		len = strlen(buf);
	} else if (kind == NODE_IPV4 || kind == NODE_IPV6) {
		len = address_len(s, kind, v);
		if (!len)
			return;
	}
	uint32_t n = add_value(s, kind, v, len, &s->cur);
	if (n != NODE_NONE)
		vec_push(&s->found, n);
}

static void do_indicator(struct sx *s, const json_t *o)
{
	const char *ptype = jr_str(o, "pattern_type");
	const char *pattern = jr_str(o, "pattern");
	if (ptype && strcmp(ptype, "stix") != 0) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "pattern_type '%s'", ptype);
		tally_at(&s->unsupported, intern(s, strbuf_str(&sb)), s->it);
		strbuf_free(&sb);
		add_group(s, s->id_key, NULL, 0, 0);
		s->c->skipped++;
		return;
	}
	if (!pattern) {
		note(s, DIAG_WARNING, D_INVALID, "missing \"pattern\": indicator skipped");
		s->c->skipped++;
		return;
	}
	s->cur = object_prov(s, o, "valid_from", "valid_until");
	s->found.n = 0;
	char err[160];
	if (stix2_pattern_parse(pattern, on_comparison, s, err, sizeof(err)) != 0)
		note(s, DIAG_WARNING, D_INVALID, "pattern: %s%s", err,
		     s->found.n ? " (values before it kept)" : "");
	struct group *gr = add_group(s, s->id_key, s->found.v, s->found.n, 0);
	gr->valid = (struct window){s->cur.first, s->cur.last};
	gr->conf = s->cur.conf;
}

/* ---- relationships and sightings ---- */

static void do_relationship(struct sx *s, const json_t *o)
{
	const char *type = jr_str(o, "relationship_type");
	const char *src = jr_str(o, "source_ref"), *dst = jr_str(o, "target_ref");
	if (!type || !src || !dst) {
		note(s, DIAG_WARNING, D_INVALID, "missing \"%s\": relationship skipped",
		     !type  ? "relationship_type"
		     : !src ? "source_ref"
			    : "target_ref");
		s->c->skipped++;
		return;
	}
	struct prov p = object_prov(s, o, "start_time", "stop_time");
	uint8_t flags = is_dead(o) ? EDGE_F_REVOKED : 0;
	add_pend(s, PK_REL, intern(s, src), NODE_NONE, dst, graph_relation(s->g, type), &p, flags,
		 RF_SOURCE, RF_TARGET);
}

static void do_sighting(struct sx *s, const json_t *o)
{
	const char *of = jr_str(o, "sighting_of_ref");
	if (!of) {
		note(s, DIAG_WARNING, D_INVALID, "missing \"sighting_of_ref\": sighting skipped");
		s->c->skipped++;
		return;
	}
	struct prov p = object_prov(s, o, "first_seen", "last_seen");
	uint32_t of_id = intern(s, of);
	/* a newer version of the sighting replaces an older one's window */
	XGROW(s->sightings, s->sightings_cap, s->nsightings + 1);
	s->sightings[s->nsightings] = (struct sighting_window){s->id_key, of_id, {p.first, p.last}};
	u64map_set(&s->sighting_at, s->id_key, (uint32_t)s->nsightings++);
	size_t i;
	json_t *ref;
	json_array_foreach(json_object_get(o, "where_sighted_refs"), i, ref)
	{
		if (json_string_value(ref))
			add_pend(s, PK_REL, of_id, NODE_NONE, json_string_value(ref), REL_SIGHTED,
				 &p, 0, RF_SIGHTING_OF, RF_WHERE_SIGHTED);
	}
	json_array_foreach(json_object_get(o, "observed_data_refs"), i, ref)
	{
		if (json_string_value(ref))
			add_pend(s, PK_REL, intern(s, json_string_value(ref)), NODE_NONE, of,
				 REL_SIGHTED, &p, 0, RF_OBSERVED_DATA, RF_SIGHTING_OF);
	}
}

static void do_marking(struct sx *s, const json_t *o)
{
	int tlp = TLP_NONE;
	const char *dtype = jr_str(o, "definition_type");
	if (dtype && !strcmp(dtype, "tlp")) {
		const char *v = jr_str(json_object_get(o, "definition"), "tlp");
		if (v)
			tlp = tlp_parse(v);
	}
	const char *name = jr_str(o, "name");
	if (tlp == TLP_NONE && name && !strncasecmp(name, "tlp", 3))
		tlp = tlp_parse(name);
	int std = std_marking(s->id);
	if (tlp == TLP_NONE && std >= 0)
		tlp = std;
	if (tlp != TLP_NONE)
		u64map_set(&s->marks, s->id_key, (uint32_t)tlp);
}

/* ---- dispatch ---- */

static void object(struct sx *s, json_t *o, const struct jr_item *it);

static void do_bundle(struct sx *s, json_t *o, const struct jr_item *it)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(o, "objects"), i, v)
	{
		struct jr_item sub = {v, it->line, it->col, (uint32_t)i, JR_BUNDLE};
		object(s, v, &sub);
	}
	const char *spec = jr_str(o, "spec_version");
	if (spec && !strcmp(spec, "2.1"))
		s->spec21 = 1;
}

static void newest(struct sx *s, const json_t *o)
{
	static const char *const keys[] = {"modified", "published", "created"};
	for (int i = 0; i < 3; i++) {
		const char *v = jr_str(o, keys[i]);
		int32_t d = v ? date_parse(v) : DATE_UNKNOWN;
		if (d != DATE_UNKNOWN) {
			if (d > s->newest || s->newest == DATE_UNKNOWN)
				s->newest = d;
			return;
		}
	}
}

/* Servers re-send an object when it is edited, so a file (a pulled
 * collection) may hold two versions of one id: the newer `modified` wins.
 * An older one read after the newer is skipped; a newer one read after
 * takes back the older one's statements, which are still pending (they are
 * resolved at the end of the file), and its defined-state. Versions
 * without `modified`, or with the same, both load as before. Returns 0 when
 * the object is to be skipped. */
static int newest_version(struct sx *s, const json_t *o)
{
	const char *mod = jr_str(o, "modified");
	long long ns = 0;
	int has = mod && stix2_version_instant(mod, &ns) == 0;
	uint32_t was = u64map_get_or_set(&s->seen, s->id_key, (uint32_t)s->nvers);
	if (was == U64MAP_NONE) {
		XGROW(s->vers, s->capvers, s->nvers + 1);
		s->vers[s->nvers++] = (struct version){ns, (uint32_t)s->npend, (uint8_t)has};
		return 1;
	}
	struct version *v = &s->vers[was];
	int cmp = v->has_mod && has ? (ns > v->mod) - (ns < v->mod) : 0;
	if (cmp == 0) {
		note(s, DIAG_QUIRK, D_DUPLICATE, "id seen before in this file (a newer version?)");
		return 1;
	}
	if (cmp < 0) {
		note(s, DIAG_QUIRK, D_DUPLICATE,
		     "an older version (modified %s) of an object read before: skipped", mod);
		s->c->skipped++;
		return 0;
	}
	note(s, DIAG_QUIRK, D_DUPLICATE,
	     "a newer version (modified %s) replaces the one read before", mod);
	for (size_t i = v->pend; i < s->npend; i++) {
		if (s->pend[i].obj != s->id_key)
			break;
		s->pend[i].kind = PK_DONE;
	}
	uint32_t old = graph_by_source(s->g, s->id);
	if (old != NODE_NONE)
		graph_node_at(s->g, old)->flags &= (uint8_t)~NODE_F_DEFINED;
	*v = (struct version){ns, (uint32_t)s->npend, 1};
	return 1;
}

static void object(struct sx *s, json_t *o, const struct jr_item *it)
{
	s->it = it;
	s->id = NULL;
	s->id_key = 0;
	if (!json_is_object(o)) {
		note(s, DIAG_WARNING, D_INVALID, "not a JSON object: skipped");
		s->c->objects++;
		s->c->skipped++;
		return;
	}
	const char *type = jr_str(o, "type");
	if (type && !strcmp(type, "bundle")) {
		do_bundle(s, o, it);
		return;
	}
	s->c->objects++;
	s->id = jr_str(o, "id");
	if (!type || !s->id) {
		note(s, DIAG_WARNING, D_INVALID, "missing \"%s\": object skipped",
		     type ? "id" : "type");
		s->c->skipped++;
		return;
	}
	const char *spec = jr_str(o, "spec_version");
	if (spec && !strcmp(spec, "2.1"))
		s->spec21 = 1;
	s->id_key = intern(s, s->id);
	if (!newest_version(s, o))
		return;
	newest(s, o);
	const char *ref = jr_str(o, "created_by_ref");
	if (ref)
		tally_at(&s->created_by, intern(s, ref), it);
	int kind;
	if (!strcmp(type, "intrusion-set") || !strcmp(type, "threat-actor"))
		do_named(s, o, NODE_ACTOR);
	else if (!strcmp(type, "campaign"))
		do_named(s, o, NODE_CAMPAIGN);
	else if (!strcmp(type, "malware"))
		do_named(s, o, NODE_MALWARE);
	else if (!strcmp(type, "tool"))
		do_named(s, o, NODE_TOOL);
	else if (!strcmp(type, "infrastructure"))
		do_named(s, o, NODE_INFRASTRUCTURE);
	else if (!strcmp(type, "attack-pattern"))
		do_technique(s, o);
	else if (!strcmp(type, "identity"))
		do_identity(s, o);
	else if (!strcmp(type, "location"))
		do_location(s, o);
	else if (!strcmp(type, "report") || !strcmp(type, "grouping"))
		do_report(s, o);
	else if (!strcmp(type, "indicator"))
		do_indicator(s, o);
	else if (!strcmp(type, "relationship"))
		do_relationship(s, o);
	else if (!strcmp(type, "sighting"))
		do_sighting(s, o);
	else if (!strcmp(type, "observed-data"))
		do_observed_data(s, o);
	else if (!strcmp(type, "marking-definition"))
		do_marking(s, o);
	else if ((kind = sco_kind(type)) >= 0)
		do_sco(s, o, type);
	else {
		tally_at(&s->unknown, intern(s, type), it);
		s->c->skipped++;
	}
}

/* ---- after the file: resolve references ---- */

/* Appends the nodes id stands for to out. Returns 1 when the id is known
 * (an object of this file, or bound by an earlier one), 0 when dangling. */
static int resolve(struct sx *s, uint32_t sid, struct u32vec *out, int depth)
{
	uint32_t gi = u64map_get(&s->groups, sid);
	if (gi != U64MAP_NONE) {
		const struct group *gr = &s->grp[gi];
		for (uint32_t i = 0; i < gr->count; i++) {
			uint32_t v = s->gv.v[gr->start + i];
			if (gr->ids && depth == 0)
				resolve(s, v, out, 1);
			else if (!gr->ids)
				vec_push(out, v);
		}
		return 1;
	}
	uint32_t ii = u64map_get(&s->idents, sid);
	if (ii != U64MAP_NONE) {
		vec_push(out, ident_node(s, &s->ids[ii]));
		return 1;
	}
	uint32_t n = graph_by_source(s->g, graph_str(s->g, sid));
	if (n != NODE_NONE) {
		vec_push(out, n);
		return 1;
	}
	return u64map_get(&s->seen, sid) != U64MAP_NONE;
}

static void dangling(struct sx *s, const struct pend *e, enum ref_field field, uint32_t ref)
{
	diag_add(s->c->d, s->c->file, DIAG_QUIRK, D_DANGLING, e->line, e->col,
		 where_of(s, e->container, e->item, graph_str(s->g, e->obj)),
		 "%s '%s' names no object in the file", ref_field_names[field],
		 graph_str(s->g, ref));
}

/* A statement whose end is a known object that gives no node (an ignored
 * type, an indicator without usable values): counted by the end's type. */
static void empty_end(struct sx *s, const struct pend *e, uint32_t ref)
{
	if (!ref)
		return;
	const char *id = graph_str(s->g, ref), *sep = strstr(id, "--");
	uint32_t type = sep ? graph_intern_n(s->g, id, (size_t)(sep - id)) : ref;
	tally_add(&s->empty_ends, type, e->line, e->col, e->item, e->container);
}

/* Days a window covers; open-ended windows count as the widest. */
static int64_t window_span(const struct window *w)
{
	if (w->first == DATE_UNKNOWN || w->last == DATE_UNKNOWN)
		return INT64_MAX;
	return (int64_t)w->last - w->first;
}

static const struct sdo_window *sdo_window_of(struct sx *s, uint32_t id)
{
	uint32_t i = id ? u64map_get(&s->sdo_windows, id) : U64MAP_NONE;
	return i == U64MAP_NONE ? NULL : &s->sdo_win[i];
}

/* The narrower of the SDO windows at the ends that are of the wanted sort
 * (bounds: campaign/infrastructure; else intrusion-set/threat-actor). */
static int sdo_end_window(struct sx *s, const struct pend *e, int bounds, struct window *out)
{
	const struct sdo_window *a = sdo_window_of(s, e->src_id);
	const struct sdo_window *b = sdo_window_of(s, e->dst_id);
	if (a && (a->bounds != bounds || !window_known(&a->w)))
		a = NULL;
	if (b && (b->bounds != bounds || !window_known(&b->w)))
		b = NULL;
	if (!a || (b && window_span(&b->w) < window_span(&a->w)))
		a = b;
	if (a)
		*out = a->w;
	return a != NULL;
}

/* When a statement held: the most specific window known about it. What
 * the statement itself states (a relationship's start/stop_time) first;
 * then when its ends were observed (sightings of an indicator, observed-data
 * first/last_observed); then the window of a campaign or infrastructure it
 * names, which bounds the activity; then an indicator's validity, which is
 * often only when it was written; then an actor's first/last_seen, its
 * whole lifetime. A report's object_refs carry the report's publication
 * date, used only when its ends say nothing. An end the chosen window
 * leaves open is taken from the next one that states it ("first_seen
 * 2021-01-01" and a validity to 2022-01-01: 2021-01-01..2022-01-01). */
static struct window statement_window(struct sx *s, const struct pend *e)
{
	enum { CANDIDATES = 6 };
	struct window c[CANDIDATES];
	int n = 0;
	const struct group *ga = e->src_id ? group_of(s, e->src_id) : NULL;
	const struct group *gb = group_of(s, e->dst_id);
	struct window own = {e->first, e->last}, w = no_window;
	if (e->kind != PK_MENTION)
		c[n++] = own;
	if (ga)
		window_widen(&w, &ga->observed);
	if (gb)
		window_widen(&w, &gb->observed);
	c[n++] = w;
	if (sdo_end_window(s, e, 1, &w))
		c[n++] = w;
	w = no_window;
	if (ga)
		window_widen(&w, &ga->valid);
	if (gb)
		window_widen(&w, &gb->valid);
	c[n++] = w;
	if (e->kind == PK_MENTION)
		c[n++] = own;
	int lifetime = n; /* an actor's lifetime is a last resort, never a filler */
	if (sdo_end_window(s, e, 0, &w))
		c[n++] = w;
	w = no_window;
	for (int i = 0; i < n; i++) {
		if (!window_known(&w)) {
			w = c[i];
			continue;
		}
		if (i >= lifetime)
			break;
		if (w.first == DATE_UNKNOWN && c[i].first != DATE_UNKNOWN &&
		    (w.last == DATE_UNKNOWN || c[i].first <= w.last))
			w.first = c[i].first;
		if (w.last == DATE_UNKNOWN && c[i].last != DATE_UNKNOWN &&
		    (w.first == DATE_UNKNOWN || c[i].last >= w.first))
			w.last = c[i].last;
	}
	return w;
}

/* A sighting says when the object it is of was seen: that widens the
 * observed window of the indicator (or observed-data) it names. */
static void widen_by_sightings(struct sx *s)
{
	for (size_t i = 0; i < s->nsightings; i++) {
		if (u64map_get(&s->sighting_at, s->sightings[i].id) != i)
			continue;
		struct group *gr = group_of(s, s->sightings[i].of);
		if (gr)
			window_widen(&gr->observed, &s->sightings[i].w);
	}
}

static uint8_t statement_conf(struct sx *s, const struct pend *e)
{
	const struct group *ga = e->src_id ? group_of(s, e->src_id) : NULL;
	const struct group *gb = group_of(s, e->dst_id);
	uint8_t c = e->conf;
	if (ga)
		c = conf_weakest(c, ga->conf);
	if (gb)
		c = conf_weakest(c, gb->conf);
	return c;
}

static void resolve_all(struct sx *s)
{
	struct graph *g = s->g;
	widen_by_sightings(s);
	/* relationships a report lists carry that report as provenance */
	for (size_t i = 0; i < s->npend; i++) {
		struct pend *e = &s->pend[i];
		if (e->kind != PK_MENTION)
			continue;
		const char *ref = graph_str(g, e->dst_id);
		if (!strncmp(ref, "relationship--", 14) || !strncmp(ref, "sighting--", 10)) {
			if (u64map_get(&s->seen, e->dst_id) == U64MAP_NONE)
				dangling(s, e, e->dfield, e->dst_id);
			u64map_get_or_set(&s->rel_report, e->dst_id, e->src_node);
			e->kind = PK_DONE;
		}
	}
	struct u32vec src = {0}, dst = {0};
	for (size_t i = 0; i < s->npend; i++) {
		struct pend *e = &s->pend[i];
		if (e->kind == PK_DONE)
			continue;
		src.n = dst.n = 0;
		int sok = 1, dok;
		if (e->src_id)
			sok = resolve(s, e->src_id, &src, 0);
		else
			vec_push(&src, e->src_node);
		dok = resolve(s, e->dst_id, &dst, 0);
		if (!sok)
			dangling(s, e, e->sfield, e->src_id);
		if (!dok)
			dangling(s, e, e->dfield, e->dst_id);
		if (!src.n || !dst.n) {
			if (e->kind == PK_REL)
				s->c->skipped++;
			if (sok && dok)
				empty_end(s, e, !src.n ? e->src_id : e->dst_id);
			continue;
		}
		struct prov p = prov_empty(s->c->file);
		struct window w = statement_window(s, e);
		p.obj = e->obj;
		p.first = w.first;
		p.last = w.last;
		p.conf = statement_conf(s, e);
		p.tlp = e->tlp;
		if (e->kind == PK_MENTION) {
			p.report = e->src_node;
			for (size_t b = 0; b < dst.n; b++)
				if (graph_node_at(g, dst.v[b])->kind == NODE_REPORT)
					u64map_set(&s->listed, dst.v[b], 1);
		} else if (e->kind == PK_REL) {
			uint32_t r = u64map_get(&s->rel_report, e->obj);
			p.report = r == U64MAP_NONE ? NODE_NONE : r;
		}
		size_t made = 0;
		for (size_t a = 0; a < src.n && made < EDGES_PER_STATEMENT_MAX; a++)
			for (size_t b = 0; b < dst.n && made < EDGES_PER_STATEMENT_MAX; b++)
				if (src.v[a] != dst.v[b]) {
					graph_add_edge(g, src.v[a], dst.v[b], e->rel, &p, e->flags);
					made++;
				}
	}
	free(src.v);
	free(dst.v);
}

static void report_tallies(struct sx *s)
{
	struct graph *g = s->g;
	for (size_t i = 0; i < s->unknown.n; i++) {
		const struct tally_entry *t = &s->unknown.e[i];
		diag_add(s->c->d, s->c->file, DIAG_QUIRK, D_UNKNOWN_TYPE, t->line, t->col,
			 where_of(s, t->container, t->item, NULL),
			 "%u object%s of type '%s' ignored", t->count, t->count == 1 ? "" : "s",
			 graph_str(g, t->key));
	}
	for (size_t i = 0; i < s->unsupported.n; i++) {
		const struct tally_entry *t = &s->unsupported.e[i];
		diag_add(s->c->d, s->c->file, DIAG_QUIRK, D_UNSUPPORTED, t->line, t->col,
			 where_of(s, t->container, t->item, NULL),
			 "%u pattern comparison%s on %s not used as infrastructure", t->count,
			 t->count == 1 ? "" : "s", graph_str(g, t->key));
	}
	for (size_t i = 0; i < s->empty_ends.n; i++) {
		const struct tally_entry *t = &s->empty_ends.e[i];
		const char *type = graph_str(g, t->key);
		int ind = !strcmp(type, "indicator");
		diag_add(s->c->d, s->c->file, DIAG_QUIRK, ind ? D_UNSUPPORTED : D_UNKNOWN_TYPE,
			 t->line, t->col, where_of(s, t->container, t->item, NULL),
			 "%u statement%s not loaded: an end is %s", t->count,
			 t->count == 1 ? "" : "s",
			 ind ? "an indicator without infrastructure values" : type);
	}
	/* the publisher: the identity most objects say created them */
	uint32_t most = 0;
	for (size_t i = 0; i < s->created_by.n; i++) {
		const struct tally_entry *t = &s->created_by.e[i];
		uint32_t k = u64map_get(&s->idents, t->key);
		if (k != U64MAP_NONE && t->count > most) {
			most = t->count;
			graph_file(g, s->c->file)->publisher = s->ids[k].name;
		}
	}
	struct tally *meta[2] = {&s->created_by, &s->marking_refs};
	static const char *const names[2] = {"created_by_ref", "object_marking_refs"};
	for (int m = 0; m < 2; m++)
		for (size_t i = 0; i < meta[m]->n; i++) {
			const struct tally_entry *t = &meta[m]->e[i];
			const char *id = graph_str(g, t->key);
			if (u64map_get(&s->seen, t->key) != U64MAP_NONE || std_marking(id) >= 0 ||
			    graph_by_source(g, id) != NODE_NONE)
				continue;
			diag_add(s->c->d, s->c->file, DIAG_QUIRK, D_DANGLING, t->line, t->col,
				 where_of(s, t->container, t->item, NULL),
				 "%s '%s' names no object in the file (%u object%s)", names[m], id,
				 t->count, t->count == 1 ? "" : "s");
		}
	if (s->revoked || s->deprecated)
		diag_add(s->c->d, s->c->file, DIAG_QUIRK, D_REVOKED, 0, 0, NULL,
			 "%u revoked and %u deprecated objects kept, out of overlaps by default",
			 s->revoked, s->deprecated);
}

/* Format version, newest date, TLP, and the title: the first report of the
 * file that no other report lists. */
static void file_meta(struct sx *s, struct jr *r)
{
	struct graph *g = s->g;
	struct src_file *f = graph_file(g, s->c->file);
	json_t *env = jr_envelope(r);
	const char *spec = env ? jr_str(env, "spec_version") : NULL;
	if (spec && !strcmp(spec, "2.1"))
		s->spec21 = 1;
	f->format = graph_intern(g, s->spec21 ? "stix2.1" : "stix2.0");
	if (s->newest != DATE_UNKNOWN && (f->date == DATE_UNKNOWN || s->newest > f->date))
		f->date = s->newest;
	if (s->file_tlp > f->tlp)
		f->tlp = s->file_tlp;
	for (size_t i = 0; i < s->reports.n && !f->title; i++)
		if (u64map_get(&s->listed, s->reports.v[i]) == U64MAP_NONE)
			f->title = graph_node_at(g, s->reports.v[i])->label;
}

int stix2_load(struct load_ctx *c)
{
	struct sx s;
	memset(&s, 0, sizeof(s));
	s.c = c;
	s.g = c->g;
	s.newest = DATE_UNKNOWN;
	u64map_init(&s.seen);
	u64map_init(&s.groups);
	u64map_init(&s.sdo_windows);
	u64map_init(&s.sighting_at);
	u64map_init(&s.idents);
	u64map_init(&s.marks);
	u64map_init(&s.rel_report);
	u64map_init(&s.listed);
	tally_init(&s.unknown);
	tally_init(&s.unsupported);
	tally_init(&s.created_by);
	tally_init(&s.marking_refs);
	tally_init(&s.empty_ends);

	struct jr *r = jr_open(c, JR_STREAM);
	struct jr_item it;
	int rc, items = 0;
	while ((rc = jr_next(r, &it)) == JR_ITEM) {
		items++;
		object(&s, it.value, &it);
		jr_release(r, it.value);
		if (load_cancelled(c->opts))
			break; /* Ctrl-C in :load: load_stream says so */
	}
	c->skipped += jr_skipped(r);
	c->objects += jr_skipped(r);
	if (rc == JR_END && items == 0 && jr_skipped(r) == 0 && !jr_envelope(r))
		diag_add(c->d, c->file, DIAG_WARNING, D_FORMAT, 0, 0, NULL,
			 "the file holds no JSON value");
	resolve_all(&s);
	report_tallies(&s);
	file_meta(&s, r);
	jr_close(r);

	u64map_free(&s.seen);
	free(s.vers);
	u64map_free(&s.groups);
	u64map_free(&s.sdo_windows);
	u64map_free(&s.sighting_at);
	u64map_free(&s.idents);
	u64map_free(&s.marks);
	u64map_free(&s.rel_report);
	u64map_free(&s.listed);
	tally_free(&s.unknown);
	tally_free(&s.unsupported);
	tally_free(&s.created_by);
	tally_free(&s.marking_refs);
	tally_free(&s.empty_ends);
	free(s.grp);
	free(s.sdo_win);
	free(s.sightings);
	free(s.gv.v);
	free(s.ids);
	free(s.pend);
	free(s.reports.v);
	free(s.found.v);
	strbuf_free(&s.where);
	return rc == JR_ERROR ? -1 : 0;
}
