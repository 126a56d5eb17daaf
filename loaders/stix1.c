/* STIX 1.x XML (1.1.1, 1.2) packages: Threat_Actors, Campaigns, TTPs
 * (malware and tool names), Indicators with CybOX observables, package-level
 * Observables and Incidents, tied together by embedding or by idref. Ids are
 * QNames, resolved to (namespace URI, local) when read; references are
 * resolved once the whole file is read, so order does not matter.
 *
 * What becomes of it: actors and campaigns (campaign --attributed-to-->
 * actor), malware/tools the actors and campaigns use, and observable values
 * that --indicate--> the campaign, actor or malware their indicator or
 * incident points at. Values that reach no actor or campaign are mentioned
 * by the package's report unit. Object types are read from xsi:type,
 * resolved to their namespace URI (prefixes vary between producers). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/intern.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"
#include "loaders/confidence.h"
#include "loaders/ioc_target.h"
#include "loaders/load.h"
#include "loaders/salvage.h"
#include "loaders/xml_reader.h"

#define NS_XSI "http://www.w3.org/2001/XMLSchema-instance"
#define NS_INCIDENT "http://stix.mitre.org/Incident-1"
#define NS_CYBOX_OBJ "http://cybox.mitre.org/objects#"

enum s1_type { S1_ACTOR, S1_CAMPAIGN, S1_TTP, S1_INDICATOR, S1_OBSERVABLE, S1_INCIDENT };

static const char *const s1_names[] = {"Threat_Actor", "Campaign",   "TTP",
				       "Indicator",    "Observable", "Incident"};

struct s1_obj {
	int type;
	uint32_t key; /* interned in the loader's own pool: {ns}local */
	uint32_t raw; /* the id as written, for provenance */
	uint32_t line;
	int depth;
	int defined; /* has content (not only referenced) */
	char *title;
	char **names; /* actor/campaign names; TTP: malware names */
	size_t nnames, namecap;
	char **tools;
	size_t ntools, toolcap;
	uint8_t conf;
	int32_t first, last; /* when it held: validity, sightings, incident times */
	int32_t stamp;	     /* its timestamp attribute: when it was written */
	uint32_t canon;	     /* the defined object with this key */
	uint32_t *nodes;     /* actor/campaign node, or TTP malware/tool nodes */
	size_t nnodes;
};

struct s1_value {
	uint32_t obj;
	int kind;
	char *v;
	uint8_t flags;
	uint32_t line;
};

struct s1_link {
	uint32_t from;
	uint32_t to_key;
	int composite;
	uint32_t line;
};

/* Where CybOX values are: the innermost element that carried an object
 * xsi:type (or a category). */
enum obj_kind {
	OK_OTHER,
	OK_DOMAIN,
	OK_ADDRESS,
	OK_URI,
	OK_HOSTNAME,
	OK_EMAIL,
	OK_FILE,
	OK_NETWORK
};

struct ctx {
	int depth;
	int kind; /* enum obj_kind */
	char category[24];
	char type[24];
};

struct s1 {
	struct load_ctx *c;
	struct xr *x;
	struct intern *keys;
	struct s1_obj *objs;
	size_t nobjs, objcap;
	uint32_t *by_key; /* key id -> canonical obj + 1 */
	size_t by_key_cap;
	struct s1_value *vals;
	size_t nvals, valcap;
	struct s1_link *links;
	size_t nlinks, linkcap;
	uint32_t stack[64]; /* open objects */
	int nstack;
	struct ctx ctxs[32];
	int nctx;
	char *locals[512]; /* local names by depth (borrowed copies) */
	char *pkg_title, *incident_title;
	int32_t newest;
	uint32_t anon;
};

static const char *local_at(struct s1 *s, int depth)
{
	return depth >= 0 && depth < 512 && s->locals[depth] ? s->locals[depth] : "";
}

static int has_ancestor(struct s1 *s, int depth, const char *name, int stop_depth)
{
	for (int d = depth - 1; d > stop_depth && d >= 0; d--)
		if (!strcmp(local_at(s, d), name))
			return 1;
	return 0;
}

static uint32_t key_of(struct s1 *s, const char *qname)
{
	char *ns = NULL;
	const char *local;
	struct strbuf sb = STRBUF_INIT;
	if (strchr(qname, ':') && xr_resolve(s->x, qname, &ns, &local) == 0 && *ns) {
		strbuf_addf(&sb, "{%s}%s", ns, local);
		free(ns);
	} else {
		if (strchr(qname, ':'))
			free(ns);
		strbuf_adds(&sb, qname);
	}
	uint32_t k = intern_put(s->keys, sb.buf, sb.len);
	strbuf_free(&sb);
	return k;
}

static uint32_t new_obj(struct s1 *s, int type, uint32_t key, int depth, int defined)
{
	XGROW(s->objs, s->objcap, s->nobjs + 1);
	struct s1_obj *o = &s->objs[s->nobjs];
	memset(o, 0, sizeof(*o));
	o->type = type;
	o->key = key;
	o->line = xr_line(s->x);
	o->depth = depth;
	o->defined = defined;
	o->conf = CONF_UNKNOWN;
	o->first = o->last = o->stamp = DATE_UNKNOWN;
	o->canon = (uint32_t)s->nobjs;
	return (uint32_t)s->nobjs++;
}

static void add_link(struct s1 *s, uint32_t from, uint32_t to_key, int composite)
{
	XGROW(s->links, s->linkcap, s->nlinks + 1);
	s->links[s->nlinks++] = (struct s1_link){from, to_key, composite, xr_line(s->x)};
}

static void push_name(char ***arr, size_t *n, size_t *cap, char *v)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcasecmp((*arr)[i], v)) {
			free(v);
			return;
		}
	XGROW(*arr, *cap, *n + 1);
	(*arr)[(*n)++] = v;
}

/* The text of the current element, added to a name list when not empty.
 * Returns 0, or -1 when the reader failed. */
static int take_text(struct xr *x, char ***arr, size_t *n, size_t *cap)
{
	char *v = xr_text(x);
	if (!v)
		return -1;
	if (*v)
		push_name(arr, n, cap, v);
	else
		free(v);
	return 0;
}

/* An element that is a STIX object (or a reference to one)? */
static int object_type(struct s1 *s, const char *local, const char *ns, int *type)
{
	if (strncmp(ns, "http://stix.mitre.org/", 22) && strncmp(ns, "http://cybox.mitre.org/", 23))
		return 0;
	for (int t = 0; t < 6; t++)
		if (!strcmp(local, s1_names[t])) {
			/* incident:Threat_Actor wraps a stixCommon:Threat_Actor */
			if (t == S1_ACTOR && !strcmp(ns, NS_INCIDENT))
				return 0;
			*type = t;
			return 1;
		}
	(void)s;
	return 0;
}

static int cybox_kind(const char *ns)
{
	static const struct {
		const char *name;
		int kind;
	} map[] = {
	    {"DomainNameObject-", OK_DOMAIN},
	    {"AddressObject-", OK_ADDRESS},
	    {"URIObject-", OK_URI},
	    {"HostnameObject-", OK_HOSTNAME},
	    {"EmailMessageObject-", OK_EMAIL},
	    {"FileObject-", OK_FILE},
	    {"NetworkConnectionObject-", OK_NETWORK},
	    {"SocketAddressObject-", OK_NETWORK},
	};
	size_t pl = strlen(NS_CYBOX_OBJ);
	if (strncmp(ns, NS_CYBOX_OBJ, pl))
		return -1;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strncmp(ns + pl, map[i].name, strlen(map[i].name)))
			return map[i].kind;
	return OK_OTHER;
}

static int kind_of_category(const char *cat)
{
	if (!strcasecmp(cat, "ipv4-addr"))
		return NODE_IPV4;
	if (!strcasecmp(cat, "ipv6-addr"))
		return NODE_IPV6;
	if (!strcasecmp(cat, "e-mail"))
		return NODE_EMAIL;
	if (!strcasecmp(cat, "asn"))
		return NODE_ASN;
	if (!*cat)
		return -1;
	return -2; /* mac, cidr, ...: not used */
}

static void add_value(struct s1 *s, int kind, char *v, const char *cond, uint32_t line)
{
	if (!s->nstack) {
		free(v);
		return;
	}
	uint8_t flags = 0;
	size_t off, len, vn = strlen(v);
	if (memchr(v, ' ', vn) && !strstr(v, "##comma##") &&
	    salvage_stray_words(kind, v, vn, &off, &len)) {
		diag_add(s->c->d, s->c->file, DIAG_QUIRK, D_VALUE, line, 0, NULL,
			 "'%.200s' holds stray words: '%.*s' taken", v, (int)len, v + off);
		memmove(v, v + off, len);
		v[len] = '\0';
		vn = len;
	}
	if (cond && *cond && !strcasecmp(cond, "Contains") &&
	    salvage_contains_is_exact(kind, v, vn)) {
		diag_add(s->c->d, s->c->file, DIAG_QUIRK, D_NOTE, line, 0, NULL,
			 "'%.200s' matched with condition '%s' is a complete value: taken as exact",
			 v, cond);
	} else if (cond && *cond && strcasecmp(cond, "Equals")) {
		flags = EDGE_F_PARTIAL;
		diag_add(s->c->d, s->c->file, DIAG_QUIRK, D_PARTIAL, line, 0, NULL,
			 "'%.200s' matched with condition '%s': kept as a partial value", v, cond);
	}
	/* apply_condition lists: "a##comma##b" */
	char *p = v;
	for (;;) {
		char *sep = strstr(p, "##comma##");
		size_t n = sep ? (size_t)(sep - p) : strlen(p);
		if (n) {
			XGROW(s->vals, s->valcap, s->nvals + 1);
			s->vals[s->nvals++] = (struct s1_value){s->stack[s->nstack - 1], kind,
								xstrndup(p, n), flags, line};
		}
		if (!sep)
			break;
		p = sep + 9;
	}
	free(v);
}

/* A leaf holding a CybOX value: its kind, or -2 when not one. */
static int value_leaf(struct s1 *s, const char *local, int depth)
{
	if (!s->nctx)
		return -2;
	struct ctx *cx = &s->ctxs[s->nctx - 1];
	if (!strcmp(local, "Address_Value")) {
		if (has_ancestor(s, depth, "To", cx->depth - 1) ||
		    has_ancestor(s, depth, "CC", cx->depth - 1) ||
		    has_ancestor(s, depth, "BCC", cx->depth - 1))
			return -2;
		for (int i = s->nctx - 1; i >= 0; i--)
			if (s->ctxs[i].category[0])
				return kind_of_category(s->ctxs[i].category);
		return -1;
	}
	if (!strcmp(local, "Hostname_Value"))
		return NODE_DOMAIN;
	if (!strcmp(local, "Simple_Hash_Value"))
		return NODE_FILE;
	if (!strcmp(local, "Value") && cx->kind == OK_DOMAIN)
		return strcasecmp(cx->type, "TLD") ? NODE_DOMAIN : -2;
	if (!strcmp(local, "Value") && cx->kind == OK_URI)
		return !strcasecmp(cx->type, "Domain Name") ? NODE_DOMAIN : NODE_URL;
	return -2;
}

static int32_t parse_time(const char *t)
{
	return t ? date_parse(t) : DATE_UNKNOWN;
}

/* Widens an object's window to cover day d. */
static void widen(struct s1_obj *o, int32_t d)
{
	if (d == DATE_UNKNOWN)
		return;
	if (o->first == DATE_UNKNOWN || d < o->first)
		o->first = d;
	if (o->last == DATE_UNKNOWN || d > o->last)
		o->last = d;
}

/* Incident times that say when the activity happened (Incident_Reported,
 * Incident_Closed ... say when someone wrote about it). */
static int incident_activity_time(const char *local)
{
	static const char *const names[] = {"First_Malicious_Action", "Initial_Compromise",
					    "First_Data_Exfiltration", "Incident_Discovery"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(local, names[i]))
			return 1;
	return 0;
}

/* Handles one start tag; returns -1 on a reader error. */
static int on_start(struct s1 *s)
{
	struct xr *x = s->x;
	const char *local = xr_local(x);
	const char *ns = xr_ns(x);
	int depth = xr_depth(x);
	if (depth < 512) {
		free(s->locals[depth]);
		s->locals[depth] = xstrdup(local);
	}
	/* object xsi:type or category: a CybOX value context */
	char *xt = xr_attr_ns(x, "type", NS_XSI);
	char *cat = xr_attr(x, "category");
	int ck = -1;
	if (xt) {
		char *tns;
		const char *tl;
		xr_resolve(x, xt, &tns, &tl);
		ck = cybox_kind(tns);
		free(tns);
	}
	if ((ck >= 0 || cat) && s->nctx < 32 && !xr_empty(x)) {
		struct ctx *cx = &s->ctxs[s->nctx++];
		memset(cx, 0, sizeof(*cx));
		cx->depth = depth;
		cx->kind = ck >= 0 ? ck : OK_ADDRESS;
		if (cat)
			snprintf(cx->category, sizeof(cx->category), "%s", cat);
		char *ty = xr_attr(x, "type");
		if (ty)
			snprintf(cx->type, sizeof(cx->type), "%s", ty);
		free(ty);
	}
	free(xt);
	free(cat);

	int type;
	if (object_type(s, local, ns, &type)) {
		char *idref = xr_attr(x, "idref");
		char *id = xr_attr(x, "id");
		uint32_t parent = s->nstack ? s->stack[s->nstack - 1] : UINT32_MAX;
		int composite =
		    parent != UINT32_MAX &&
		    has_ancestor(s, depth, "Composite_Indicator_Expression", s->objs[parent].depth);
		if (idref && !xr_empty(x) && !id) {
			/* a reference with content is still only a reference */
		}
		if (idref) {
			uint32_t k = key_of(s, idref);
			if (parent != UINT32_MAX)
				add_link(s, parent, k, composite);
			free(idref);
			free(id);
			return xr_skip(x) < 0 ? -1 : 0;
		}
		uint32_t k, raw;
		if (id) {
			k = key_of(s, id);
			raw = intern_puts(s->keys, id);
		} else {
			char buf[48];
			snprintf(buf, sizeof(buf), "#anon-%u", ++s->anon);
			k = raw = intern_puts(s->keys, buf);
		}
		free(id);
		uint32_t o = new_obj(s, type, k, depth, 1);
		s->objs[o].raw = raw;
		s->c->objects++;
		if (parent != UINT32_MAX)
			add_link(s, parent, k, composite);
		char *ts = xr_attr(x, "timestamp");
		int32_t t = parse_time(ts);
		free(ts);
		s->objs[o].stamp = t;
		if (t != DATE_UNKNOWN && (s->newest == DATE_UNKNOWN || t > s->newest))
			s->newest = t;
		if (xr_empty(x))
			return 0;
		if (s->nstack < 64)
			s->stack[s->nstack++] = o;
		return 0;
	}
	struct s1_obj *cur = s->nstack ? &s->objs[s->stack[s->nstack - 1]] : NULL;
	/* package and incident titles: the report's name */
	if (!strcmp(local, "Title")) {
		const char *parent = local_at(s, depth - 1);
		if (!strcmp(parent, "STIX_Header")) {
			char *t = xr_text(x);
			if (!t)
				return -1;
			if (*t && !s->pkg_title && strcasecmp(t, "Export from MISP") &&
			    strncasecmp(t, "Export from", 11))
				s->pkg_title = t;
			else
				free(t);
			return 0;
		}
		if (cur && depth == cur->depth + 1) {
			char *t = xr_text(x);
			if (!t)
				return -1;
			if (!cur->title && *t)
				cur->title = t;
			else
				free(t);
			if (cur->type == S1_INCIDENT && cur->title && !s->incident_title)
				s->incident_title = xstrdup(cur->title);
			return 0;
		}
	}
	if (!cur)
		return 0;
	int vk = cur->type == S1_OBSERVABLE || cur->type == S1_INDICATOR ||
			 cur->type == S1_INCIDENT || cur->type == S1_TTP
		     ? value_leaf(s, local, depth)
		     : -2;
	if (vk != -2) {
		char *cond = xr_attr(x, "condition");
		uint32_t line = xr_line(x);
		char *v = xr_text(x);
		if (!v) {
			free(cond);
			return -1;
		}
		if (*v && vk != -3)
			add_value(s, vk, v, cond, line);
		else
			free(v);
		free(cond);
		return 0;
	}
	if (cur->type == S1_ACTOR &&
	    ((!strcmp(local, "Name") && has_ancestor(s, depth, "Identity", cur->depth)) ||
	     (!strcmp(local, "NameElement") &&
	      (has_ancestor(s, depth, "OrganisationName", cur->depth) ||
	       has_ancestor(s, depth, "PersonName", cur->depth))))) {
		return take_text(x, &cur->names, &cur->nnames, &cur->namecap);
	}
	if (cur->type == S1_CAMPAIGN && !strcmp(local, "Name") &&
	    !strcmp(local_at(s, depth - 1), "Names")) {
		return take_text(x, &cur->names, &cur->nnames, &cur->namecap);
	}
	if (cur->type == S1_TTP && (!strcmp(local, "Name") || !strcmp(local, "Title"))) {
		int mal = has_ancestor(s, depth, "Malware_Instance", cur->depth) ||
			  has_ancestor(s, depth, "Malware", cur->depth);
		int tool = has_ancestor(s, depth, "Tool", cur->depth) ||
			   has_ancestor(s, depth, "Tools", cur->depth);
		if (mal)
			return take_text(x, &cur->names, &cur->nnames, &cur->namecap);
		if (tool)
			return take_text(x, &cur->tools, &cur->ntools, &cur->toolcap);
	}
	if ((cur->type == S1_INDICATOR || cur->type == S1_INCIDENT) && !strcmp(local, "Value") &&
	    !strcmp(local_at(s, depth - 1), "Confidence")) {
		char *v = xr_text(x);
		if (!v)
			return -1;
		/* MISP's exporter writes None for to_ids false */
		cur->conf = conf_from_text(v, strlen(v));
		free(v);
		return 0;
	}
	if (cur->type == S1_INDICATOR && !strcmp(local, "Sighting") &&
	    !strcmp(local_at(s, depth - 1), "Sightings")) {
		char *ts = xr_attr(x, "timestamp");
		widen(cur, parse_time(ts));
		free(ts);
		return 0;
	}
	if (cur->type == S1_INCIDENT && !strcmp(local_at(s, depth - 1), "Time") &&
	    incident_activity_time(local)) {
		char *v = xr_text(x);
		if (!v)
			return -1;
		widen(cur, date_parse(v));
		free(v);
		return 0;
	}
	if (cur->type == S1_INDICATOR &&
	    (!strcmp(local, "Start_Time") || !strcmp(local, "End_Time")) &&
	    !strcmp(local_at(s, depth - 1), "Valid_Time_Position")) {
		char *v = xr_text(x);
		if (!v)
			return -1;
		int32_t d = date_parse(v);
		if (local[0] == 'S')
			cur->first = d;
		else
			cur->last = d;
		free(v);
		return 0;
	}
	return 0;
}

static void on_end(struct s1 *s)
{
	int depth = xr_depth(s->x);
	while (s->nctx && s->ctxs[s->nctx - 1].depth >= depth)
		s->nctx--;
	if (s->nstack && s->objs[s->stack[s->nstack - 1]].depth == depth)
		s->nstack--;
}

/* ---- resolution ---------------------------------------------------------- */

static uint32_t canon_of_key(struct s1 *s, uint32_t key)
{
	return key < s->by_key_cap && s->by_key[key] ? s->by_key[key] - 1 : UINT32_MAX;
}

static void index_keys(struct s1 *s)
{
	s->by_key_cap = intern_count(s->keys) + 1;
	s->by_key = xcalloc(s->by_key_cap, sizeof(*s->by_key));
	for (size_t i = 0; i < s->nobjs; i++) {
		struct s1_obj *o = &s->objs[i];
		uint32_t prev = canon_of_key(s, o->key);
		if (prev == UINT32_MAX) {
			s->by_key[o->key] = (uint32_t)i + 1;
			continue;
		}
		/* the same id defined twice: merge names into the first */
		struct s1_obj *p = &s->objs[prev];
		o->canon = prev;
		for (size_t k = 0; k < o->nnames; k++)
			push_name(&p->names, &p->nnames, &p->namecap, xstrdup(o->names[k]));
		if (!p->title && o->title)
			p->title = xstrdup(o->title);
	}
}

static void make_nodes(struct s1 *s)
{
	struct load_ctx *c = s->c;
	for (size_t i = 0; i < s->nobjs; i++) {
		struct s1_obj *o = &s->objs[i];
		if (o->canon != i)
			continue;
		if (o->type == S1_ACTOR || o->type == S1_CAMPAIGN) {
			const char *name = o->nnames ? o->names[0] : o->title;
			if (!name) {
				c->skipped++;
				diag_add(c->d, c->file, DIAG_WARNING, D_INVALID, o->line, 0,
					 intern_str(s->keys, o->raw), "%s without a name or title",
					 s1_names[o->type]);
				continue;
			}
			int kind = o->type == S1_ACTOR ? NODE_ACTOR : NODE_CAMPAIGN;
			uint32_t n = graph_named_node(c->g, kind, name, c->file);
			graph_node_at(c->g, n)->flags |= NODE_F_DEFINED;
			if (kind == NODE_ACTOR)
				alias_strong_identity(c->g, n, name);
			graph_bind_source(c->g, intern_str(s->keys, o->raw), n);
			o->nodes = xmalloc(sizeof(*o->nodes));
			o->nodes[0] = n;
			o->nnodes = 1;
			for (size_t k = 1; k < o->nnames; k++) {
				if (kind == NODE_ACTOR)
					alias_claim(c->g, n, o->names[k], c->file);
				graph_add_attr(c->g, n, ATTR_ALIAS, o->names[k], c->file);
			}
			if (o->nnames && o->title && strcasecmp(o->title, name))
				graph_add_attr(c->g, n, ATTR_DESCRIPTION, o->title, c->file);
		} else if (o->type == S1_TTP && (o->nnames || o->ntools)) {
			o->nodes = xmalloc((o->nnames + o->ntools) * sizeof(*o->nodes));
			for (size_t k = 0; k < o->nnames; k++)
				o->nodes[o->nnodes++] =
				    graph_named_node(c->g, NODE_MALWARE, o->names[k], c->file);
			for (size_t k = 0; k < o->ntools; k++)
				o->nodes[o->nnodes++] =
				    graph_named_node(c->g, NODE_TOOL, o->tools[k], c->file);
		}
	}
}

/* Which types of child contribute their values to the parent. */
static int contains_values(int parent, int child, int composite)
{
	if (child == S1_OBSERVABLE)
		return parent != S1_ACTOR && parent != S1_CAMPAIGN;
	if (child == S1_INDICATOR)
		return parent == S1_INCIDENT || parent == S1_CAMPAIGN ||
		       (parent == S1_INDICATOR && composite);
	return 0;
}

struct walk {
	uint8_t *seen;
	uint32_t *vals;
	size_t nvals, cap;
};

/* Values of obj and what it contains, transitively (cycle-safe). */
static void collect(struct s1 *s, uint32_t obj, struct walk *w, uint32_t **val_index,
		    size_t *val_count, uint32_t **child_index, size_t *child_count)
{
	if (w->seen[obj])
		return;
	w->seen[obj] = 1;
	for (size_t i = 0; i < val_count[obj]; i++) {
		XGROW(w->vals, w->cap, w->nvals + 1);
		w->vals[w->nvals++] = val_index[obj][i];
	}
	for (size_t i = 0; i < child_count[obj]; i++)
		collect(s, child_index[obj][i], w, val_index, val_count, child_index, child_count);
}

static void link_edges(struct s1 *s, uint32_t a, uint32_t b, int rel, const struct prov *p)
{
	struct s1_obj *x = &s->objs[a], *y = &s->objs[b];
	for (size_t i = 0; i < x->nnodes; i++)
		for (size_t j = 0; j < y->nnodes; j++)
			graph_add_edge(s->c->g, x->nodes[i], y->nodes[j], rel, p, 0);
}

/* When a value held and how sure its producer was: from the nearest object
 * holding it (observable, indicator, incident, up the containment) that
 * states a window or a confidence; failing a window, the nearest timestamp
 * (when the object was written). */
static void value_facts(struct s1 *s, const uint32_t *owner, const struct s1_value *v,
			struct prov *q)
{
	uint32_t oi = s->objs[v->obj].canon;
	int32_t stamp = DATE_UNKNOWN;
	int dated = 0;
	for (int up = 0; up < 8 && oi != UINT32_MAX; up++) {
		const struct s1_obj *o = &s->objs[oi];
		if (!dated && (o->first != DATE_UNKNOWN || o->last != DATE_UNKNOWN)) {
			q->first = o->first;
			q->last = o->last;
			dated = 1;
		}
		if (stamp == DATE_UNKNOWN)
			stamp = o->stamp;
		if (q->conf == CONF_UNKNOWN)
			q->conf = o->conf;
		oi = owner[oi];
	}
	if (!dated)
		q->first = q->last = stamp;
}

static void resolve(struct s1 *s)
{
	struct load_ctx *c = s->c;
	index_keys(s);
	make_nodes(s);
	size_t n = s->nobjs;
	/* per object: values, value-children, targets */
	uint32_t **val_index = xcalloc(n ? n : 1, sizeof(*val_index));
	size_t *val_count = xcalloc(n ? n : 1, sizeof(*val_count)),
	       *val_cap = xcalloc(n ? n : 1, sizeof(*val_cap));
	uint32_t **child_index = xcalloc(n ? n : 1, sizeof(*child_index));
	size_t *child_count = xcalloc(n ? n : 1, sizeof(*child_count)),
	       *child_cap = xcalloc(n ? n : 1, sizeof(*child_cap));
	uint32_t **tgt_index = xcalloc(n ? n : 1, sizeof(*tgt_index));
	size_t *tgt_count = xcalloc(n ? n : 1, sizeof(*tgt_count)),
	       *tgt_cap = xcalloc(n ? n : 1, sizeof(*tgt_cap));
	for (size_t i = 0; i < s->nvals; i++) {
		uint32_t o = s->objs[s->vals[i].obj].canon;
		XGROW(val_index[o], val_cap[o], val_count[o] + 1);
		val_index[o][val_count[o]++] = (uint32_t)i;
	}
	uint32_t *owner = xmalloc((n ? n : 1) * sizeof(*owner));
	for (size_t i = 0; i < n; i++)
		owner[i] = UINT32_MAX;
	struct prov p = prov_empty(c->file);
#define ADD_TGT(o, t)                                              \
	do {                                                       \
		XGROW(tgt_index[o], tgt_cap[o], tgt_count[o] + 1); \
		tgt_index[o][tgt_count[o]++] = (t);                \
	} while (0)
	for (size_t i = 0; i < s->nlinks; i++) {
		struct s1_link *l = &s->links[i];
		uint32_t a = s->objs[l->from].canon;
		uint32_t b = canon_of_key(s, l->to_key);
		if (b == UINT32_MAX) {
			diag_add(c->d, c->file, DIAG_QUIRK, D_DANGLING, l->line, 0, NULL,
				 "idref '%s' names no object in this file",
				 intern_str(s->keys, l->to_key));
			continue;
		}
		if (a == b)
			continue;
		int ta = s->objs[a].type, tb = s->objs[b].type;
		p.obj = graph_intern(c->g, intern_str(s->keys, s->objs[a].raw));
		if (contains_values(ta, tb, l->composite)) {
			XGROW(child_index[a], child_cap[a], child_count[a] + 1);
			child_index[a][child_count[a]++] = b;
			if (owner[b] == UINT32_MAX)
				owner[b] = a;
		}
		if (ta == S1_CAMPAIGN && tb == S1_ACTOR)
			link_edges(s, a, b, REL_ATTRIBUTED_TO, &p);
		else if (ta == S1_ACTOR && tb == S1_CAMPAIGN)
			link_edges(s, b, a, REL_ATTRIBUTED_TO, &p);
		else if ((ta == S1_ACTOR || ta == S1_CAMPAIGN) && tb == S1_TTP)
			link_edges(s, a, b, REL_USES, &p);
		else if (ta == S1_ACTOR && tb == S1_ACTOR)
			link_edges(s, a, b, REL_RELATED_TO, &p);
		else if (ta == S1_CAMPAIGN && tb == S1_CAMPAIGN)
			link_edges(s, a, b, REL_RELATED_TO, &p);
		/* what values of a point at */
		if ((ta == S1_INDICATOR || ta == S1_INCIDENT) &&
		    (tb == S1_ACTOR || tb == S1_CAMPAIGN || tb == S1_TTP))
			ADD_TGT(a, b);
		if (ta == S1_CAMPAIGN && (tb == S1_INCIDENT || tb == S1_INDICATOR))
			ADD_TGT(b, a);
		if (ta == S1_INCIDENT && tb == S1_TTP)
			for (size_t k = 0; k < tgt_count[a]; k++)
				if (s->objs[tgt_index[a][k]].type == S1_ACTOR)
					link_edges(s, tgt_index[a][k], b, REL_USES, &p);
	}
	/* every value once, linked to the targets of each object reaching it */
	uint8_t *has_unit = xcalloc(s->nvals ? s->nvals : 1, 1);
	uint32_t *node_of = xcalloc(s->nvals ? s->nvals : 1, sizeof(*node_of));
	struct ioc_target t;
	ioc_target_init(&t, c, NULL, s->pkg_title ? s->pkg_title : s->incident_title);
	for (size_t i = 0; i < s->nvals; i++)
		node_of[i] = NODE_NONE;
	struct walk w = {xcalloc(n ? n : 1, 1), NULL, 0, 0};
	for (size_t o = 0; o < n; o++) {
		if (s->objs[o].canon != o || !tgt_count[o])
			continue;
		memset(w.seen, 0, n);
		w.nvals = 0;
		collect(s, (uint32_t)o, &w, val_index, val_count, child_index, child_count);
		struct s1_obj *ob = &s->objs[o];
		struct prov q = prov_empty(c->file);
		q.obj = graph_intern(c->g, intern_str(s->keys, ob->raw));
		for (size_t k = 0; k < w.nvals; k++) {
			struct s1_value *v = &s->vals[w.vals[k]];
			q.conf = CONF_UNKNOWN;
			value_facts(s, owner, v, &q);
			if (q.conf == CONF_UNKNOWN)
				q.conf = ob->conf;
			for (size_t j = 0; j < tgt_count[o]; j++) {
				struct s1_obj *tg = &s->objs[tgt_index[o][j]];
				for (size_t m = 0; m < tg->nnodes; m++) {
					uint32_t vn = ioc_target_add(
					    &t, v->kind, v->v, strlen(v->v), &q, tg->nodes[m],
					    v->flags, v->line, 0, node_of[w.vals[k]] != NODE_NONE);
					if (vn != NODE_NONE) {
						node_of[w.vals[k]] = vn;
						if (tg->type != S1_TTP)
							has_unit[w.vals[k]] = 1;
					}
				}
			}
		}
	}
	/* the rest: mentioned by the package's report */
	for (size_t i = 0; i < s->nvals; i++) {
		if (has_unit[i])
			continue;
		struct s1_value *v = &s->vals[i];
		/* provenance: the indicator or incident holding the observable */
		uint32_t oi = s->objs[v->obj].canon;
		for (int up = 0;
		     up < 8 && owner[oi] != UINT32_MAX && s->objs[oi].type == S1_OBSERVABLE; up++)
			oi = owner[oi];
		struct s1_obj *ob = &s->objs[oi];
		struct prov q = prov_empty(c->file);
		q.obj = graph_intern(c->g, intern_str(s->keys, ob->raw));
		value_facts(s, owner, v, &q);
		uint32_t vn = ioc_target_add(&t, v->kind, v->v, strlen(v->v), &q, NODE_NONE,
					     v->flags, v->line, 0, node_of[i] != NODE_NONE);
		if (vn == NODE_NONE && node_of[i] == NODE_NONE)
			c->skipped++;
	}
	struct src_file *f = graph_file(c->g, c->file);
	if (!f->title && (s->pkg_title || s->incident_title))
		f->title = graph_intern(c->g, s->pkg_title ? s->pkg_title : s->incident_title);
	if (s->newest != DATE_UNKNOWN && (f->date == DATE_UNKNOWN || s->newest > f->date))
		f->date = s->newest;
	ioc_target_finish(&t);
	ioc_target_free(&t);
	for (size_t i = 0; i < n; i++) {
		free(val_index[i]);
		free(child_index[i]);
		free(tgt_index[i]);
	}
	free(val_index);
	free(val_count);
	free(val_cap);
	free(child_index);
	free(child_count);
	free(child_cap);
	free(tgt_index);
	free(tgt_count);
	free(tgt_cap);
	free(has_unit);
	free(node_of);
	free(owner);
	free(w.seen);
	free(w.vals);
#undef ADD_TGT
}

static void s1_free(struct s1 *s)
{
	for (size_t i = 0; i < s->nobjs; i++) {
		struct s1_obj *o = &s->objs[i];
		free(o->title);
		for (size_t k = 0; k < o->nnames; k++)
			free(o->names[k]);
		for (size_t k = 0; k < o->ntools; k++)
			free(o->tools[k]);
		free(o->names);
		free(o->tools);
		free(o->nodes);
	}
	free(s->objs);
	for (size_t i = 0; i < s->nvals; i++)
		free(s->vals[i].v);
	free(s->vals);
	free(s->links);
	free(s->by_key);
	for (int i = 0; i < 512; i++)
		free(s->locals[i]);
	free(s->pkg_title);
	free(s->incident_title);
	intern_free(s->keys);
}

int stix1_load(struct load_ctx *c)
{
	struct s1 s;
	memset(&s, 0, sizeof(s));
	s.c = c;
	s.keys = intern_new();
	s.newest = DATE_UNKNOWN;
	s.x = xr_open(c);
	int rc, roots = 0;
	while ((rc = xr_next(s.x)) > 0) {
		if (xr_event(s.x) == XR_START) {
			roots++;
			if (on_start(&s) < 0) {
				rc = -1;
				break;
			}
		} else if (xr_event(s.x) == XR_END) {
			on_end(&s);
		}
	}
	int failed = rc < 0 || xr_failed(s.x);
	xr_close(s.x);
	s.x = NULL;
	if (!failed && !roots) {
		diag_add(c->d, c->file, DIAG_ERROR, D_SYNTAX, 1, 1, NULL, "no XML element found");
		failed = 1;
	}
	/* what was read before an error still loads */
	resolve(&s);
	s1_free(&s);
	return failed ? -1 : 0;
}
