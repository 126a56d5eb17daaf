/* OpenIOC 1.0 (http://schemas.mandiant.com/2010/ioc) and 1.1
 * (http://openioc.org/schemas/OpenIOC_1.1). An IOC is a report unit of its
 * own, labelled by its short description (or description, or file name),
 * attributed to the group of <link rel="threatgroup">. Network and hash
 * IndicatorItems become observables the report mentions; items matched with
 * anything but "is" are kept as partial (never an exact match), except a
 * "contains" whose text is a complete hostname or hash (salvage.h); negated
 * items are skipped; host-side items (registry, process names, ...) are
 * counted and left out. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/observable.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"
#include "loaders/ioc_target.h"
#include "loaders/load.h"
#include "loaders/salvage.h"
#include "loaders/xml_reader.h"

#define NS_IOC10 "http://schemas.mandiant.com/2010/ioc"
#define NS_IOC11 "http://openioc.org/schemas/OpenIOC_1.1"

/* search path -> kind; -1 guessed among IPv4/IPv6 */
struct search_kind {
	const char *search;
	int kind;
};

static const struct search_kind searches[] = {
    {"Network/DNS", NODE_DOMAIN},
    {"DnsEntryItem/RecordName", NODE_DOMAIN},
    {"DnsEntryItem/Host", NODE_DOMAIN},
    {"dnsLookupEvent/hostname", NODE_DOMAIN},
    {"Network/Host", NODE_DOMAIN},
    {"PortItem/remoteIP", -1},
    {"PortItem/localIP", -1},
    {"RouteEntryItem/Destination", -1},
    {"RouteEntryItem/Gateway", -1},
    {"ipv4NetworkEvent/remoteIP", -1},
    {"Network/IP", -1},
    {"DnsEntryItem/RecordData/IPv4Address", -1},
    {"Network/URI", NODE_URL},
    {"Network/URL", NODE_URL},
    {"UrlHistoryItem/URL", NODE_URL},
    {"urlMonitorEvent/requestUrl", NODE_URL},
    {"Email/From", NODE_EMAIL},
    {"Email/To", NODE_EMAIL},
    {"Email/CC", NODE_EMAIL},
    {"Email/ReplyTo", NODE_EMAIL},
    {"Email/Sender", NODE_EMAIL},
    {"FileItem/Md5sum", NODE_FILE},
    {"FileItem/Sha1sum", NODE_FILE},
    {"FileItem/Sha256sum", NODE_FILE},
    {"ProcessItem/Md5sum", NODE_FILE},
    {"ProcessItem/Sha1sum", NODE_FILE},
    {"ProcessItem/Sha256sum", NODE_FILE},
    {"fileWriteEvent/md5", NODE_FILE},
    {"processEvent/md5", NODE_FILE},
    {"imageLoadEvent/md5", NODE_FILE},
    {"DriverItem/Md5sum", NODE_FILE},
    {"ServiceItem/serviceDLLmd5sum", NODE_FILE},
    {"ServiceItem/pathmd5sum", NODE_FILE},
};

static int search_kind(const char *search, int *kind)
{
	for (size_t i = 0; i < sizeof(searches) / sizeof(searches[0]); i++)
		if (!strcasecmp(searches[i].search, search)) {
			*kind = searches[i].kind;
			return 1;
		}
	/* hashes anywhere: ".../Md5sum", ".../Sha256sum" */
	const char *slash = strrchr(search, '/');
	const char *leaf = slash ? slash + 1 : search;
	if (!strcasecmp(leaf, "Md5sum") || !strcasecmp(leaf, "Sha1sum") ||
	    !strcasecmp(leaf, "Sha256sum")) {
		*kind = NODE_FILE;
		return 1;
	}
	return 0;
}

struct item {
	char *value;
	int kind;
	uint8_t flags;
	uint32_t line;
	char *id;
};

struct ioc {
	char *short_desc, *desc, *group, *authored, *modified;
	char **families;
	size_t nfam, famcap;
	struct item *items;
	size_t nitems, cap;
	uint32_t unused, negated, partial, from_id, paths, whole;
	/* the IndicatorItem being read */
	int in_item;
	char *cond, *negate, *search, *content, *item_id;
	uint32_t item_line;
};

static void item_reset(struct ioc *o)
{
	free(o->cond);
	free(o->negate);
	free(o->search);
	free(o->content);
	free(o->item_id);
	o->cond = o->negate = o->search = o->content = o->item_id = NULL;
}

static int looks_like_uuid(const char *s)
{
	size_t n = strlen(s);
	if (n != 36)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-'
							    : !isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static void item_end(struct load_ctx *c, struct ioc *o)
{
	c->objects++;
	int kind;
	if (!o->search || !search_kind(o->search, &kind)) {
		o->unused++;
		c->skipped++;
		return;
	}
	const char *v = o->content && *o->content ? o->content : NULL;
	if (!v && o->item_id && !looks_like_uuid(o->item_id)) {
		v = o->item_id; /* Citizen Lab's exporter puts the value in id */
		o->from_id++;
	}
	if (!v) {
		c->skipped++;
		diag_add(c->d, c->file, DIAG_WARNING, D_INVALID, o->item_line, 0, o->item_id,
			 "IndicatorItem %s without a value", o->search);
		return;
	}
	if (o->negate && !strcasecmp(o->negate, "true")) {
		o->negated++;
		c->skipped++;
		diag_add(c->d, c->file, DIAG_QUIRK, D_UNSUPPORTED, o->item_line, 0, o->item_id,
			 "negated item (%s is not ...) skipped", o->search);
		return;
	}
	if (kind == NODE_URL && v[0] == '/') {
		o->paths++;
		c->skipped++;
		return;
	}
	uint8_t flags = 0;
	const char *cond = o->cond ? o->cond : "is";
	if (!strcasecmp(cond, "isnot") || !strcasecmp(cond, "containsnot")) {
		o->negated++;
		c->skipped++;
		diag_add(c->d, c->file, DIAG_QUIRK, D_UNSUPPORTED, o->item_line, 0, o->item_id,
			 "negative condition '%s' skipped", cond);
		return;
	}
	if (!strcasecmp(cond, "contains") && salvage_contains_is_exact(kind, v, strlen(v))) {
		o->whole++; /* "contains icc.ignorelist.com": that host, exactly */
	} else if (strcasecmp(cond, "is") && strcasecmp(cond, "equal")) {
		flags = EDGE_F_PARTIAL;
		o->partial++;
		diag_add(c->d, c->file, DIAG_QUIRK, D_PARTIAL, o->item_line, 0, o->item_id,
			 "'%s' matched with condition '%s': kept as a partial value", v, cond);
	}
	XGROW(o->items, o->cap, o->nitems + 1);
	struct item *it = &o->items[o->nitems++];
	it->value = xstrdup(v);
	it->kind = kind;
	it->flags = flags;
	it->line = o->item_line;
	it->id = o->item_id ? xstrdup(o->item_id) : NULL;
}

/* Element text into *dst (first one wins). */
static int take_text(struct xr *x, char **dst)
{
	char *t = xr_text(x);
	if (!t)
		return -1;
	if (!*dst && *t)
		*dst = t;
	else
		free(t);
	return 0;
}

static int generic_title(const char *s)
{
	if (!s || !*s)
		return 1;
	if (!strncasecmp(s, "Event #", 7) || !strcasecmp(s, "OpenIOC file") ||
	    !strcasecmp(s, "*Unnamed*") || !strcasecmp(s, "Unnamed IOC"))
		return 1;
	return 0;
}

static void build(struct load_ctx *c, struct ioc *o)
{
	const char *title = !generic_title(o->short_desc) ? o->short_desc : NULL;
	if (!title && o->desc && strlen(o->desc) <= 160)
		title = o->desc;
	struct ioc_target t;
	ioc_target_init(&t, c, NULL, title);
	struct prov p = prov_empty(c->file);
	int32_t authored = o->authored ? date_parse(o->authored) : DATE_UNKNOWN;
	int32_t modified = o->modified ? date_parse(o->modified) : DATE_UNKNOWN;
	p.first = authored != DATE_UNKNOWN ? authored : modified;
	p.last = modified != DATE_UNKNOWN ? modified : authored;
	uint32_t rep = ioc_target_report(&t);
	p.report = rep;
	graph_node_observe(c->g, rep, &p);
	if (o->desc)
		graph_add_attr(c->g, rep, ATTR_DESCRIPTION, o->desc, c->file);
	const char *as = c->opts ? c->opts->as_name : NULL;
	const char *group = o->group ? o->group : as;
	if (group && *group) {
		uint32_t a = graph_named_node(c->g, NODE_ACTOR, group, c->file);
		graph_node_at(c->g, a)->flags |= NODE_F_DEFINED;
		alias_strong_identity(c->g, a, group);
		graph_add_edge(c->g, rep, a, REL_ATTRIBUTED_TO, &p, 0);
	}
	for (size_t i = 0; i < o->nfam; i++) {
		uint32_t m = graph_named_node(c->g, NODE_MALWARE, o->families[i], c->file);
		graph_add_edge(c->g, rep, m, REL_MENTIONS, &p, 0);
	}
	for (size_t i = 0; i < o->nitems; i++) {
		struct item *it = &o->items[i];
		p.obj = it->id ? graph_intern(c->g, it->id) : 0;
		const char *v = it->value;
		size_t n = strlen(v);
		/* "Name <addr@host>" */
		if (it->kind == NODE_EMAIL) {
			const char *lt = strchr(v, '<'), *gt = lt ? strchr(lt, '>') : NULL;
			if (lt && gt) {
				v = lt + 1;
				n = (size_t)(gt - lt - 1);
			}
		}
		/* Network/URI holds request paths and query fragments as often as
		 * URLs: those without a host are counted, not warned about */
		int quiet = it->kind == NODE_URL;
		if (ioc_target_add(&t, it->kind, v, n, &p, NODE_NONE, it->flags, it->line, 0,
				   quiet) == NODE_NONE) {
			c->skipped++;
			o->paths += quiet;
		}
	}
	if (o->unused)
		diag_add(
		    c->d, c->file, DIAG_QUIRK, D_UNSUPPORTED, 0, 0, NULL,
		    "%u host-side IndicatorItems (registry, process, file names, ...) not used",
		    o->unused);
	if (o->from_id)
		diag_add(c->d, c->file, DIAG_QUIRK, D_NOTE, 0, 0, NULL,
			 "%u values taken from IndicatorItem id attributes (empty Content)",
			 o->from_id);
	if (o->paths)
		diag_add(c->d, c->file, DIAG_QUIRK, D_UNSUPPORTED, 0, 0, NULL,
			 "%u URL paths or fragments without a host skipped", o->paths);
	if (o->whole)
		diag_add(c->d, c->file, DIAG_QUIRK, D_NOTE, 0, 0, NULL,
			 "%u 'contains' items name a complete hostname or hash: taken as exact",
			 o->whole);
	int32_t d = p.last;
	struct src_file *f = graph_file(c->g, c->file);
	if (d != DATE_UNKNOWN && (f->date == DATE_UNKNOWN || d > f->date))
		f->date = d;
	ioc_target_finish(&t);
	ioc_target_free(&t);
}

static void ioc_free(struct ioc *o)
{
	item_reset(o);
	free(o->short_desc);
	free(o->desc);
	free(o->group);
	free(o->authored);
	free(o->modified);
	for (size_t i = 0; i < o->nfam; i++)
		free(o->families[i]);
	free(o->families);
	for (size_t i = 0; i < o->nitems; i++) {
		free(o->items[i].value);
		free(o->items[i].id);
	}
	free(o->items);
}

int openioc_load(struct load_ctx *c)
{
	struct xr *x = xr_open(c);
	struct ioc o;
	memset(&o, 0, sizeof(o));
	int rc, root_seen = 0, ok = 1;
	const char *ns = NULL;
	while ((rc = xr_next(x)) > 0) {
		if (xr_event(x) != XR_START)
			continue;
		const char *local = xr_local(x);
		if (!root_seen) {
			root_seen = 1;
			ns = !strcmp(xr_ns(x), NS_IOC11) ? NS_IOC11 : NS_IOC10;
			if (strcmp(xr_ns(x), NS_IOC10) && strcmp(xr_ns(x), NS_IOC11))
				diag_add(c->d, c->file, DIAG_QUIRK, D_FORMAT, xr_line(x), 0, NULL,
					 "root <%s> is not in an OpenIOC namespace; read anyway",
					 local);
			o.modified = xr_attr(x, "last-modified");
			continue;
		}
		if (strcmp(xr_ns(x), ns) && *xr_ns(x))
			continue;
		if (!strcmp(local, "IndicatorItem")) {
			item_reset(&o);
			o.in_item = 1;
			o.item_line = xr_line(x);
			o.cond = xr_attr(x, "condition");
			o.negate = xr_attr(x, "negate");
			o.item_id = xr_attr(x, "id");
			if (xr_empty(x)) {
				item_end(c, &o);
				o.in_item = 0;
			}
			int depth = xr_depth(x);
			while (o.in_item && (rc = xr_next(x)) > 0) {
				if (xr_event(x) == XR_END && xr_depth(x) == depth)
					break;
				if (xr_is(x, NULL, "Context")) {
					free(o.search);
					o.search = xr_attr(x, "search");
				} else if (xr_is(x, NULL, "Content")) {
					free(o.content);
					o.content = xr_text(x);
					if (!o.content) {
						rc = -1;
						break;
					}
				}
			}
			if (rc <= 0)
				break;
			if (o.in_item)
				item_end(c, &o);
			o.in_item = 0;
		} else if (!strcmp(local, "short_description")) {
			if (take_text(x, &o.short_desc))
				break;
		} else if (!strcmp(local, "description") && !o.nitems) {
			if (take_text(x, &o.desc))
				break;
		} else if (!strcmp(local, "authored_date")) {
			if (take_text(x, &o.authored))
				break;
		} else if (!strcmp(local, "link")) {
			char *rel = xr_attr(x, "rel");
			char *v = NULL;
			if (take_text(x, &v)) {
				free(rel);
				break;
			}
			if (rel && v && !strcasecmp(rel, "threatgroup") && !o.group) {
				o.group = v;
				v = NULL;
			} else if (rel && v && !strcasecmp(rel, "family")) {
				XGROW(o.families, o.famcap, o.nfam + 1);
				o.families[o.nfam++] = v;
				v = NULL;
			}
			free(rel);
			free(v);
		} else if (!strcmp(local, "parameters")) {
			if (xr_skip(x) < 0)
				break;
		}
	}
	if (rc < 0 || xr_failed(x))
		ok = 0;
	else if (!root_seen) {
		diag_add(c->d, c->file, DIAG_ERROR, D_SYNTAX, 1, 1, NULL, "no XML element found");
		ok = 0;
	}
	xr_close(x);
	/* what was read before an error still counts */
	if (root_seen)
		build(c, &o);
	ioc_free(&o);
	return ok ? 0 : -1;
}
