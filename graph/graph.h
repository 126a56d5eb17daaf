/* The attribution graph: typed nodes, typed edges with provenance, the input
 * files they came from, and the indexes that find them.
 *
 * Ownership: the graph owns everything reachable from it (strings, nodes,
 * edges, attributes, the alias table). Callers hold uint32_t ids; pointers
 * returned (strings, struct node/edge) are borrowed and valid until the next
 * call that adds to the graph (strings: until graph_free()).
 *
 * Scale: nodes and edges live in flat arrays (no allocation per element),
 * strings are interned, and adjacency is a compressed (CSR) index built by
 * graph_finish() once loading is done; adding after that is allowed and
 * simply marks the index stale until the next graph_finish(). */
#ifndef GRAPH_H
#define GRAPH_H
#include <stddef.h>
#include <stdint.h>

#include "graph/kind.h"

#define NODE_NONE UINT32_MAX

struct intern;
struct alias_table;

enum node_flags {
	NODE_F_REVOKED = 1 << 0,    /* STIX revoked: kept out of overlaps */
	NODE_F_DEPRECATED = 1 << 1, /* x_mitre_deprecated */
	NODE_F_DEFINED = 1 << 2,    /* seen as an object, not only referenced */
	NODE_F_WARNLISTED = 1 << 3, /* set by the overlap engine's warninglists */
	/* an actor with an identity of its own (alias.h): defined by a STIX
	 * object, a galaxy cluster, an OpenIOC threat group, a CSV actor
	 * column, --as; not only named after a file */
	NODE_F_STRONG_ID = 1 << 4,
};

struct node {
	uint32_t key;		       /* interned normalised value or name key */
	uint32_t label;		       /* interned display text */
	uint32_t file;		       /* first file that mentioned it */
	int32_t first_seen, last_seen; /* days, DATE_UNKNOWN when not stated */
	uint8_t kind;		       /* enum node_kind */
	uint8_t flags;		       /* enum node_flags */
	uint8_t conf;		       /* 0..100 or CONF_UNKNOWN */
	uint8_t tlp;		       /* enum tlp */
};

enum edge_flags {
	EDGE_F_PARTIAL = 1 << 0, /* OpenIOC "contains": never an exact match */
	EDGE_F_DERIVED = 1 << 1, /* made by agx (URL host, pattern), not stated */
	EDGE_F_REVOKED = 1 << 2,
};

/* Where a fact came from. Loaders fill one per object and pass it along. */
struct prov {
	uint32_t file;	     /* file table index */
	uint32_t obj;	     /* interned source object id ("indicator--…", "line 42") */
	uint32_t report;     /* node id of the report/event, or NODE_NONE */
	int32_t first, last; /* days or DATE_UNKNOWN */
	uint8_t conf;	     /* 0..100 or CONF_UNKNOWN */
	uint8_t tlp;
};

struct edge {
	uint32_t src, dst;
	uint32_t file, obj, report; /* provenance, as in struct prov */
	int32_t first, last;
	uint8_t rel; /* relation id: builtin enum relation or registered */
	uint8_t conf;
	uint8_t tlp;
	uint8_t flags; /* enum edge_flags */
};

/* One input file. */
struct src_file {
	uint32_t path;	 /* interned */
	uint32_t title;	 /* interned report title, 0 when none */
	uint32_t format; /* interned format name ("stix2.1", "misp", ...) */
	int32_t date;	 /* newest date seen in the file, for briefings */
	uint32_t objects, skipped, errors;
	uint8_t tlp; /* most restricted marking seen */
	double load_ms;
	/* interned name of who published it (a STIX created_by identity, a
	 * MISP event's organisation), 0 when the file does not say */
	uint32_t publisher;
};

/* Attribute types kept beside nodes (only some nodes have them). */
enum node_attr {
	ATTR_DESCRIPTION,
	ATTR_SOURCE_ID,	  /* object id in a source ("intrusion-set--…") */
	ATTR_REFERENCE,	  /* external reference: "source: url" */
	ATTR_EXTERNAL_ID, /* "G0004", "T1003" */
	ATTR_ALIAS,	  /* a name this node is also known by (display only) */
	ATTR_SECTOR,
	ATTR_COUNTRY,
	/* a note a source gives its values (a CSV description column), kept
	 * for attribution by name (attribution.h) */
	ATTR_NOTE,
	ATTR_COUNT
};

struct attr {
	uint32_t node;
	uint32_t value; /* interned */
	uint32_t file;
	uint8_t type; /* enum node_attr */
};

/* A view of one node's neighbours: edge ids, sorted by relation then by the
 * other end. Borrowed; valid until the graph changes. */
struct adj {
	const uint32_t *edges;
	uint32_t count;
};

struct graph {
	struct intern *strings;
	struct node *nodes;
	size_t node_count, node_cap;
	struct edge *edges;
	size_t edge_count, edge_cap;
	struct src_file *files;
	size_t file_count, file_cap;
	struct attr *attrs;
	size_t attr_count, attr_cap;
	uint32_t rel_names[256]; /* interned relation names, by id */
	unsigned rel_count;
	struct alias_table *aliases;
	/* private indexes; use the functions below */
	struct u64map *by_key;	   /* (kind, key) -> node */
	struct u64map *by_source;  /* interned object id -> node */
	struct u64map *edge_dedup; /* hash of (src,dst,rel,file) -> edge */
	uint32_t *adj_off, *adj;   /* CSR: both directions */
	uint32_t *attr_off, *attr_idx;
	int adj_fresh;
	/* Work a loader left for files not read yet (MISP galaxy `related`
	 * links to clusters of later files). Opaque to the graph, which owns it
	 * and releases it with deferred_free() in graph_free(). */
	void *deferred;
	void (*deferred_free)(void *deferred);
};

struct graph *graph_new(void);
void graph_free(struct graph *g);

/* Strings */
uint32_t graph_intern(struct graph *g, const char *s);
uint32_t graph_intern_n(struct graph *g, const char *s, size_t n);
const char *graph_str(const struct graph *g, uint32_t sid);

/* Files */
uint32_t graph_add_file(struct graph *g, const char *path, const char *format);
struct src_file *graph_file(struct graph *g, uint32_t file);
const char *graph_file_path(const struct graph *g, uint32_t file);

/* Nodes. Returns the node for (kind, key), creating it with label when new.
 * key must already be normalised (normalize.h); for named kinds use
 * graph_named_node() which derives the key from the name. */
uint32_t graph_node(struct graph *g, int kind, const char *key, const char *label, uint32_t file);
/* Named entities (actor, campaign, malware, tool, technique, victim,
 * location, report, infrastructure): keyed by norm_name_key(name). */
uint32_t graph_named_node(struct graph *g, int kind, const char *name, uint32_t file);
/* A report (STIX report/grouping, MISP event, the document an IOC file
 * stands for): keyed by its file and its id within the file (the STIX or
 * MISP id; the title when it has none), never by title alone, so two
 * unrelated files that both call their report "Campaign Report" stay two
 * reports. Copies of one report in several files are folded later, by the
 * overlap engine, where the evidence for it is known. */
uint32_t graph_report_node(struct graph *g, const char *title, const char *id, uint32_t file);
/* Finds without creating; NODE_NONE when absent. graph_find_named() finds
 * a report by its title (the first so titled). */
uint32_t graph_find(const struct graph *g, int kind, const char *key);
uint32_t graph_find_named(const struct graph *g, int kind, const char *name);
static inline struct node *graph_node_at(const struct graph *g, uint32_t id)
{
	return &g->nodes[id];
}
const char *graph_node_label(const struct graph *g, uint32_t id);
const char *graph_node_key(const struct graph *g, uint32_t id);
/* Widens the node's first/last seen window and keeps its strongest TLP. */
void graph_node_observe(struct graph *g, uint32_t id, const struct prov *p);

/* Source object ids ("intrusion-set--…", MISP uuids) -> node. */
void graph_bind_source(struct graph *g, const char *object_id, uint32_t node);
/* The same with the object id already interned (graph_intern). */
void graph_bind_source_key(struct graph *g, uint32_t object_id, uint32_t node);
uint32_t graph_by_source(const struct graph *g, const char *object_id);

/* Relations: builtin ids are enum relation; other names are registered. */
int graph_relation(struct graph *g, const char *name);
const char *graph_relation_name(const struct graph *g, int rel);

/* Edges. An edge with the same (src, dst, rel, file) as an existing one is
 * merged into it (window widened, strongest confidence kept), so duplicate
 * lines in a feed do not multiply. Returns the edge id. */
uint32_t graph_add_edge(struct graph *g, uint32_t src, uint32_t dst, int rel, const struct prov *p,
			uint8_t flags);
static inline struct edge *graph_edge_at(const struct graph *g, uint32_t id)
{
	return &g->edges[id];
}
/* The far end of edge e seen from node n. */
static inline uint32_t graph_edge_other(const struct graph *g, uint32_t e, uint32_t n)
{
	return g->edges[e].src == n ? g->edges[e].dst : g->edges[e].src;
}

/* Attributes */
void graph_add_attr(struct graph *g, uint32_t node, enum node_attr type, const char *value,
		    uint32_t file);
/* Fills out[] with up to max interned values of type for node; returns how
 * many exist (which may exceed max). Needs graph_finish(). */
size_t graph_attrs(const struct graph *g, uint32_t node, enum node_attr type, uint32_t *out,
		   size_t max);

/* Builds adjacency and attribute indexes; call after loading (cheap when
 * nothing changed). Also resolves the alias table. */
void graph_finish(struct graph *g);
/* All edges touching n (both directions). Needs graph_finish(). */
struct adj graph_adj(const struct graph *g, uint32_t n);

/* Memory held by the graph, in bytes, split for `agx stats`. */
struct graph_mem {
	size_t nodes, edges, strings, indexes, attrs, total;
};
void graph_memory(const struct graph *g, struct graph_mem *m);

/* The provenance every loader starts from: nothing known. */
struct prov prov_empty(uint32_t file);
#endif
