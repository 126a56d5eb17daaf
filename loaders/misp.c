/* MISP event JSON into the graph: events in every wrapper ({"Event": ...},
 * {"response": [...]}, a bare event, lists of events, feed manifests).
 *
 * An event is a report node. What the overlap engine needs is "what an
 * actor reaches", so each observable of an event hangs off the event
 * (report --mentions--> value) and the event off its actors (report
 * --attributed-to--> actor, from threat-actor galaxy clusters and tags);
 * tools, malware and techniques of the event are used by its actors, or by
 * the event itself when it names none. Attributes of types that are not
 * infrastructure (text, filename, regkey, ...) are counted, once per type
 * per file, as quirks. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/date.h"
#include "graph/observable.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"
#include "loaders/confidence.h"
#include "loaders/json_reader.h"
#include "loaders/load.h"
#include "loaders/misp_cluster.h"
#include "loaders/tally.h"

enum { MISP_MAX_WRAP_DEPTH = 4 };

struct u32list {
	uint32_t *v;
	size_t n, cap;
};

struct mx {
	struct load_ctx *c;
	struct graph *g;
	uint32_t line; /* where the top-level value starts */
	struct strbuf where;
	struct tally unused_types, unused_objects;
	uint32_t events;
	/* the event being read */
	uint32_t report;
	struct prov ev;
	int32_t ev_date;	     /* its "date", DATE_UNKNOWN when absent */
	int32_t obj_first, obj_last; /* first/last_seen of the object being read */
	struct u32list actors, used; /* clusters named by the event */
	int32_t newest;
	uint8_t tlp;
};

static void push(struct u32list *l, uint32_t x)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == x)
			return;
	XGROW(l->v, l->cap, l->n + 1);
	l->v[l->n++] = x;
}

static void note(struct mx *m, enum diag_level level, enum diag_code code, const char *ptr,
		 const char *id, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void note(struct mx *m, enum diag_level level, enum diag_code code, const char *ptr,
		 const char *id, const char *fmt, ...)
{
	strbuf_reset(&m->where);
	strbuf_adds(&m->where, ptr && *ptr ? ptr : "/");
	if (id && *id)
		strbuf_addf(&m->where, " (%s)", id);
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(m->c->d, m->c->file, level, code, 0, 0, strbuf_str(&m->where), fmt, ap);
	va_end(ap);
}

static uint8_t tags_tlp(const json_t *o)
{
	uint8_t tlp = TLP_NONE;
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(o, "Tag"), i, t)
	{
		const char *name = jr_str(t, "name");
		if (name && !strncasecmp(name, "tlp:", 4)) {
			int v = tlp_parse(name);
			if (v > tlp)
				tlp = (uint8_t)v;
		}
	}
	return tlp;
}

/* A MISP time: ISO 8601 text, or Unix seconds as text or as a number. */
static int32_t misp_time(const json_t *o, const char *key)
{
	const char *v = jr_str(o, key);
	if (v)
		return date_parse(v);
	long long secs;
	if (jr_int(o, key, &secs) == 0 && secs > 0)
		return (int32_t)(secs / 86400);
	return DATE_UNKNOWN;
}

/* A galaxy cluster the event names: actors are collected for attribution,
 * tools/malware/techniques for "uses". */
static void cluster(struct mx *m, const char *galaxy_type, const json_t *cl)
{
	const char *type = galaxy_type ? galaxy_type : jr_str(cl, "type");
	int kind = misp_cluster_kind(type);
	if (kind < 0)
		return;
	uint32_t n = misp_cluster_node(m->g, kind, cl, m->c->file);
	if (n == NODE_NONE)
		return;
	push(kind == NODE_ACTOR ? &m->actors : &m->used, n);
}

static void galaxies(struct mx *m, const json_t *o)
{
	size_t i, k;
	json_t *gx, *cl;
	json_array_foreach(json_object_get(o, "Galaxy"), i, gx)
	{
		const char *type = jr_str(gx, "type");
		json_array_foreach(json_object_get(gx, "GalaxyCluster"), k, cl)
		    cluster(m, type ? type : jr_str(cl, "type"), cl);
	}
	json_t *t;
	json_array_foreach(json_object_get(o, "Tag"), i, t)
	{
		char type[128], value[512];
		if (misp_cluster_tag(jr_str(t, "name"), type, sizeof(type), value, sizeof(value)))
			continue;
		json_t *fake = json_pack("{s:s}", "value", value);
		cluster(m, type, fake);
		json_decref(fake);
	}
}

/* ---- attributes ---- */

static int attr_kind(const char *type, const char *value)
{
	static const struct {
		const char *type;
		int kind;
	} table[] = {
	    {"domain", NODE_DOMAIN},
	    {"hostname", NODE_DOMAIN},
	    {"url", NODE_URL},
	    {"email", NODE_EMAIL},
	    {"email-src", NODE_EMAIL},
	    {"email-dst", NODE_EMAIL},
	    {"email-reply-to", NODE_EMAIL},
	    {"whois-registrant-email", NODE_EMAIL},
	    {"md5", NODE_FILE},
	    {"sha1", NODE_FILE},
	    {"sha256", NODE_FILE},
	    {"sha512", NODE_FILE},
	    {"x509-fingerprint-md5", NODE_X509},
	    {"x509-fingerprint-sha1", NODE_X509},
	    {"x509-fingerprint-sha256", NODE_X509},
	    {"AS", NODE_ASN},
	};
	if (!strcmp(type, "ip-src") || !strcmp(type, "ip-dst") || !strcmp(type, "ip")) {
		int colons = 0;
		for (const char *p = value; *p; p++)
			colons += *p == ':';
		return colons > 1 ? NODE_IPV6 : NODE_IPV4;
	}
	if (!strcmp(type, "uri")) /* often only a path */
		return strstr(value, "://") ? NODE_URL : -1;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(type, table[i].type))
			return table[i].kind;
	return -1;
}

/* One typed value; NODE_NONE when it is not infrastructure or refused. */
static uint32_t one_value(struct mx *m, const char *type, const char *v, size_t n,
			  const struct prov *p, const char *ptr)
{
	char buf[512];
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, v, n);
	buf[n] = '\0';
	int kind = attr_kind(type, buf);
	if (kind < 0)
		return NODE_NONE;
	if (kind == NODE_IPV4 || kind == NODE_IPV6) {
		char *slash = strchr(buf, '/');
		if (slash) {
			if (strcmp(slash, kind == NODE_IPV4 ? "/32" : "/128") != 0) {
				tally_add(&m->unused_types, graph_intern(m->g, "ip range (CIDR)"),
					  0, 0, 0, 0);
				return NODE_NONE;
			}
			*slash = '\0';
		}
	}
	struct obs_site site = {0, 0, ptr};
	return obs_add(m->g, kind, buf, strlen(buf), p, m->c->d, &site);
}

static void mention(struct mx *m, uint32_t node, const struct prov *p)
{
	graph_add_edge(m->g, m->report, node, REL_MENTIONS, p, 0);
}

/* One attribute (of the event or of an object). Its nodes are pushed to
 * out when given. */
static void attribute(struct mx *m, const json_t *a, const char *ptr, struct u32list *out)
{
	m->c->objects++;
	const char *type = jr_str(a, "type"), *value = jr_str(a, "value");
	const char *uuid = jr_str(a, "uuid");
	if (!json_is_object(a) || !type || !value) {
		note(m, DIAG_WARNING, D_INVALID, ptr, uuid,
		     "attribute without \"type\" or \"value\": skipped");
		m->c->skipped++;
		return;
	}
	if (jr_true(a, "deleted")) {
		m->c->skipped++;
		return;
	}
	struct prov p = m->ev;
	if (uuid)
		p.obj = graph_intern(m->g, uuid);
	/* When the value was in use: what the attribute (or its object) says
	 * it was seen; else the event's date, the date of the incident; else
	 * the attribute's timestamp, when it was last edited. */
	p.first = misp_time(a, "first_seen");
	p.last = misp_time(a, "last_seen");
	if (p.first == DATE_UNKNOWN && p.last == DATE_UNKNOWN) {
		p.first = m->obj_first;
		p.last = m->obj_last;
	}
	if (p.first == DATE_UNKNOWN && p.last == DATE_UNKNOWN)
		p.first = p.last = m->ev_date;
	if (p.first == DATE_UNKNOWN && p.last == DATE_UNKNOWN)
		p.first = p.last = misp_time(a, "timestamp");
	if (p.first == DATE_UNKNOWN && p.last == DATE_UNKNOWN) {
		p.first = m->ev.first;
		p.last = m->ev.last;
	}
	/* to_ids false: shared as context, not for detection */
	if (json_object_get(a, "to_ids") && !jr_true(a, "to_ids"))
		p.conf = CONF_NOT_FOR_DETECTION;
	uint8_t tlp = tags_tlp(a);
	if (tlp > p.tlp)
		p.tlp = tlp;
	galaxies(m, a);

	uint32_t made[2] = {NODE_NONE, NODE_NONE};
	const char *bar = strchr(type, '|'), *vbar = strchr(value, '|');
	char t1[64], t2[64];
	snprintf(t1, sizeof(t1), "%.*s", (int)(bar ? bar - type : 63), type);
	snprintf(t2, sizeof(t2), "%s", bar ? bar + 1 : "");
	int usable = attr_kind(t1, value) >= 0 || (bar && attr_kind(t2, vbar ? vbar + 1 : "") >= 0);
	const char *cat = jr_str(a, "category");
	int is_ref =
	    cat && (!strcmp(cat, "External analysis") || !strcmp(cat, "Internal reference"));
	if (!strcmp(type, "link") || (is_ref && (!strcmp(type, "url") || !strcmp(type, "uri")))) {
		/* where the event was published, not infrastructure */
		graph_add_attr(m->g, m->report, ATTR_REFERENCE, value, m->c->file);
		return;
	}
	if (bar && vbar) {
		/* composite: domain|ip, ip-dst|port, hostname|port, filename|md5 ... */
		made[0] = one_value(m, t1, value, (size_t)(vbar - value), &p, ptr);
		made[1] = one_value(m, t2, vbar + 1, strlen(vbar + 1), &p, ptr);
		if (made[0] != NODE_NONE && made[1] != NODE_NONE && !strcmp(t2, "ip"))
			graph_add_edge(m->g, made[0], made[1], REL_RESOLVES_TO, &p, 0);
	} else if (!bar) {
		made[0] = one_value(m, type, value, strlen(value), &p, ptr);
	}
	int any = 0;
	for (int i = 0; i < 2; i++)
		if (made[i] != NODE_NONE) {
			any = 1;
			mention(m, made[i], &p);
			if (out)
				push(out, made[i]);
		}
	if (!any) {
		m->c->skipped++;
		if (!usable)
			tally_add(&m->unused_types, graph_intern(m->g, type), 0, 0, 0, 0);
	}
}

/* MISP objects that describe infrastructure; others (pe, elf, av-signature,
 * ...) are counted and left out. */
static int object_used(const char *name)
{
	static const char *const used[] = {
	    "domain-ip",	  "ip-port",	    "url",	  "x509",	 "file",  "email",
	    "network-connection", "network-socket", "dns-record", "passive-dns", "whois", "domain",
	    "hostname",		  "ip-address",	    NULL};
	for (int i = 0; used[i]; i++)
		if (!strcmp(name, used[i]))
			return 1;
	return 0;
}

static void misp_object(struct mx *m, const json_t *o, const char *ptr)
{
	const char *name = jr_str(o, "name");
	if (!name || !object_used(name)) {
		m->c->objects++;
		m->c->skipped++;
		tally_add(&m->unused_objects, graph_intern(m->g, name ? name : "(unnamed)"), 0, 0,
			  0, 0);
		return;
	}
	struct u32list nodes = {0};
	struct strbuf sub = STRBUF_INIT;
	size_t i;
	json_t *a;
	m->obj_first = misp_time(o, "first_seen");
	m->obj_last = misp_time(o, "last_seen");
	json_array_foreach(json_object_get(o, "Attribute"), i, a)
	{
		const char *rel = jr_str(a, "object_relation");
		if (rel && !strcmp(name, "whois") && !strcmp(rel, "nameserver"))
			continue; /* shared name servers say little */
		strbuf_reset(&sub);
		strbuf_addf(&sub, "%s/Attribute/%zu", ptr, i);
		attribute(m, a, strbuf_str(&sub), &nodes);
	}
	/* a domain and the addresses it was seen resolving to, in one object */
	int pairs = !strcmp(name, "domain-ip") || !strcmp(name, "dns-record") ||
		    !strcmp(name, "passive-dns") || !strcmp(name, "ip-port");
	for (size_t x = 0; pairs && x < nodes.n; x++)
		for (size_t y = 0; y < nodes.n; y++) {
			int kx = graph_node_at(m->g, nodes.v[x])->kind;
			int ky = graph_node_at(m->g, nodes.v[y])->kind;
			if (kx == NODE_DOMAIN && (ky == NODE_IPV4 || ky == NODE_IPV6))
				graph_add_edge(m->g, nodes.v[x], nodes.v[y], REL_RESOLVES_TO,
					       &m->ev, 0);
		}
	m->obj_first = m->obj_last = DATE_UNKNOWN;
	free(nodes.v);
	strbuf_free(&sub);
}

/* ---- events ---- */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* An event (or a collection of attributes/objects outside any, then named
 * after the file). */
static void event(struct mx *m, const json_t *e, const char *ptr, const char *uuid_hint)
{
	struct graph *g = m->g;
	m->events++;
	const char *info = jr_str(e, "info"), *uuid = jr_str(e, "uuid");
	if (!uuid)
		uuid = uuid_hint;
	struct strbuf name = STRBUF_INIT;
	if (info && *info)
		strbuf_adds(&name, info);
	else if (uuid)
		strbuf_addf(&name, "MISP event %s", uuid);
	else
		strbuf_addf(&name, "MISP data in %s", base_name(m->c->path));
	m->report = graph_report_node(g, strbuf_str(&name), uuid ? uuid : ptr, m->c->file);
	graph_node_at(g, m->report)->flags |= NODE_F_DEFINED;
	if (uuid) {
		graph_bind_source(g, uuid, m->report);
		graph_add_attr(g, m->report, ATTR_SOURCE_ID, uuid, m->c->file);
	}
	const char *org = jr_str(json_object_get(e, "Orgc"), "name");
	if (!org)
		org = jr_str(json_object_get(e, "Org"), "name");
	if (org && !graph_file(g, m->c->file)->publisher)
		graph_file(g, m->c->file)->publisher = graph_intern(g, org);
	if (org) {
		struct strbuf ref = STRBUF_INIT;
		strbuf_addf(&ref, "MISP organisation: %s", org);
		graph_add_attr(g, m->report, ATTR_REFERENCE, strbuf_str(&ref), m->c->file);
		strbuf_free(&ref);
	}
	m->ev = prov_empty(m->c->file);
	m->ev.obj = uuid ? graph_intern(g, uuid) : 0;
	m->ev.report = m->report;
	m->ev_date = misp_time(e, "date");
	m->ev.first = m->ev.last =
	    m->ev_date != DATE_UNKNOWN ? m->ev_date : misp_time(e, "timestamp");
	m->ev.tlp = tags_tlp(e);
	if (m->ev.tlp > m->tlp)
		m->tlp = m->ev.tlp;
	if (m->ev.first != DATE_UNKNOWN && (m->newest == DATE_UNKNOWN || m->ev.first > m->newest))
		m->newest = m->ev.first;
	graph_node_observe(g, m->report, &m->ev);
	struct src_file *f = graph_file(g, m->c->file);
	if (!f->title && info && *info)
		f->title = graph_intern(g, info);

	m->actors.n = m->used.n = 0;
	galaxies(m, e);
	struct strbuf sub = STRBUF_INIT;
	size_t i;
	json_t *v;
	json_t *attrs = json_object_get(e, "Attribute");
	json_array_foreach(attrs, i, v)
	{
		strbuf_reset(&sub);
		strbuf_addf(&sub, "%s/Attribute/%zu", ptr, i);
		attribute(m, v, strbuf_str(&sub), NULL);
	}
	json_t *objs = json_object_get(e, "Object");
	if (json_is_object(objs)) {
		strbuf_reset(&sub);
		strbuf_addf(&sub, "%s/Object", ptr);
		misp_object(m, objs, strbuf_str(&sub));
	}
	json_array_foreach(objs, i, v)
	{
		strbuf_reset(&sub);
		strbuf_addf(&sub, "%s/Object/%zu", ptr, i);
		misp_object(m, v, strbuf_str(&sub));
	}
	for (size_t a = 0; a < m->actors.n; a++)
		graph_add_edge(g, m->report, m->actors.v[a], REL_ATTRIBUTED_TO, &m->ev, 0);
	for (size_t u = 0; u < m->used.n; u++) {
		if (!m->actors.n)
			graph_add_edge(g, m->report, m->used.v[u], REL_USES, &m->ev, 0);
		for (size_t a = 0; a < m->actors.n; a++)
			graph_add_edge(g, m->actors.v[a], m->used.v[u], REL_USES, &m->ev, 0);
	}
	strbuf_free(&sub);
	strbuf_free(&name);
}

/* A feed manifest: {uuid: {"info": ..., "date": ...}, ...}. */
static int is_manifest(const json_t *v)
{
	const char *k;
	json_t *e;
	if (!json_object_size(v))
		return 0;
	json_object_foreach((json_t *)v, k, e)
	{
		if (!json_is_object(e) || !jr_str(e, "info"))
			return 0;
	}
	return 1;
}

static void value(struct mx *m, const json_t *v, const char *ptr, int depth)
{
	struct strbuf sub = STRBUF_INIT;
	size_t i;
	json_t *x;
	if (depth > MISP_MAX_WRAP_DEPTH) {
		note(m, DIAG_WARNING, D_FORMAT, ptr, NULL,
		     "MISP wrappers nested too deep: skipped");
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
		{
			strbuf_reset(&sub);
			strbuf_addf(&sub, "%s/%zu", ptr, i);
			value(m, x, strbuf_str(&sub), depth + 1);
		}
	} else if (!json_is_object(v)) {
		note(m, DIAG_WARNING, D_FORMAT, ptr, NULL, "not a MISP event (a %s): skipped",
		     json_is_string(v) ? "string" : "scalar");
	} else if ((x = json_object_get(v, "Event"))) {
		strbuf_addf(&sub, "%s/Event", ptr);
		if (json_is_object(x) && !json_object_get(x, "Event"))
			event(m, x, strbuf_str(&sub), NULL);
		else
			value(m, x, strbuf_str(&sub), depth + 1);
	} else if ((x = json_object_get(v, "response"))) {
		strbuf_addf(&sub, "%s/response", ptr);
		value(m, x, strbuf_str(&sub), depth + 1);
	} else if (jr_str(v, "info")) {
		event(m, v, ptr, NULL);
	} else if (json_object_get(v, "Attribute") || json_object_get(v, "Object")) {
		note(m, DIAG_WARNING, D_FORMAT, ptr, NULL,
		     "attributes or objects outside an event: kept under a report named after the "
		     "file");
		event(m, v, ptr, NULL);
	} else if (is_manifest(v)) {
		const char *k;
		json_object_foreach((json_t *)v, k, x)
		{
			strbuf_reset(&sub);
			strbuf_addf(&sub, "%s/%s", ptr, k);
			event(m, x, strbuf_str(&sub), k);
		}
	} else {
		note(m, DIAG_WARNING, D_FORMAT, ptr, NULL,
		     "no MISP event here (no \"Event\", \"response\", \"info\" or \"Attribute\"): "
		     "skipped");
		m->c->objects++;
		m->c->skipped++;
	}
	strbuf_free(&sub);
}

static void report_tallies(struct mx *m)
{
	struct graph *g = m->g;
	for (size_t i = 0; i < m->unused_types.n; i++) {
		const struct tally_entry *t = &m->unused_types.e[i];
		diag_add(m->c->d, m->c->file, DIAG_QUIRK, D_UNKNOWN_TYPE, 0, 0, NULL,
			 "%u attribute%s of type '%s' not used as infrastructure", t->count,
			 t->count == 1 ? "" : "s", graph_str(g, t->key));
	}
	for (size_t i = 0; i < m->unused_objects.n; i++) {
		const struct tally_entry *t = &m->unused_objects.e[i];
		diag_add(m->c->d, m->c->file, DIAG_QUIRK, D_UNKNOWN_TYPE, 0, 0, NULL,
			 "%u MISP object%s '%s' not used", t->count, t->count == 1 ? "" : "s",
			 graph_str(g, t->key));
	}
}

int misp_load(struct load_ctx *c)
{
	struct mx m;
	memset(&m, 0, sizeof(m));
	m.c = c;
	m.g = c->g;
	m.newest = DATE_UNKNOWN;
	m.obj_first = m.obj_last = DATE_UNKNOWN;
	tally_init(&m.unused_types);
	tally_init(&m.unused_objects);
	struct jr *r = jr_open(c, JR_WHOLE);
	struct jr_item it;
	int rc, values = 0;
	while ((rc = jr_next(r, &it)) == JR_ITEM) {
		m.line = it.line;
		value(&m, it.value, "", 0);
		jr_release(r, it.value);
		values++;
		if (load_cancelled(c->opts))
			break; /* Ctrl-C in :load: load_stream says so */
	}
	c->objects += jr_skipped(r);
	c->skipped += jr_skipped(r);
	if (rc == JR_END && values == 0)
		diag_add(c->d, c->file, DIAG_WARNING, D_FORMAT, 0, 0, NULL,
			 "the file holds no JSON value");
	c->objects += m.events;
	report_tallies(&m);
	struct src_file *f = graph_file(m.g, c->file);
	if (m.newest != DATE_UNKNOWN && (f->date == DATE_UNKNOWN || m.newest > f->date))
		f->date = m.newest;
	if (m.tlp > f->tlp)
		f->tlp = m.tlp;
	jr_close(r);
	tally_free(&m.unused_types);
	tally_free(&m.unused_objects);
	free(m.actors.v);
	free(m.used.v);
	strbuf_free(&m.where);
	return rc == JR_ERROR ? -1 : 0;
}
