/* The vocabulary of the graph: node kinds, relation types and TLP levels, each
 * one X-macro table so names, enums and help text never drift apart. */
#ifndef KIND_H
#define KIND_H
#include <stdint.h>

/* X(ENUM, "name", is_infrastructure) — names as in SPEC.md "The graph". */
#define NODE_KINDS(X)                               \
	X(NODE_ACTOR, "actor", 0)                   \
	X(NODE_CAMPAIGN, "campaign", 0)             \
	X(NODE_MALWARE, "malware", 0)               \
	X(NODE_TOOL, "tool", 0)                     \
	X(NODE_INFRASTRUCTURE, "infrastructure", 0) \
	X(NODE_IPV4, "ipv4", 1)                     \
	X(NODE_IPV6, "ipv6", 1)                     \
	X(NODE_DOMAIN, "domain", 1)                 \
	X(NODE_URL, "url", 1)                       \
	X(NODE_EMAIL, "email", 1)                   \
	X(NODE_X509, "x509", 1)                     \
	X(NODE_ASN, "asn", 1)                       \
	X(NODE_FILE, "file", 1)                     \
	X(NODE_TECHNIQUE, "technique", 0)           \
	X(NODE_VICTIM, "victim", 0)                 \
	X(NODE_LOCATION, "location", 0)             \
	X(NODE_REPORT, "report", 0)

enum node_kind {
#define X(e, name, infra) e,
	NODE_KINDS(X)
#undef X
	    NODE_KIND_COUNT
};

/* X(ENUM, "name") — STIX relationship types plus the few agx derives itself
 * (has-host: URL -> its host; mentions: report/event -> object it lists). */
#define RELATIONS(X)                                  \
	X(REL_RELATED_TO, "related-to")               \
	X(REL_USES, "uses")                           \
	X(REL_ATTRIBUTED_TO, "attributed-to")         \
	X(REL_TARGETS, "targets")                     \
	X(REL_COMMUNICATES_WITH, "communicates-with") \
	X(REL_BEACONS_TO, "beacons-to")               \
	X(REL_EXFILTRATES_TO, "exfiltrates-to")       \
	X(REL_RESOLVES_TO, "resolves-to")             \
	X(REL_BELONGS_TO, "belongs-to")               \
	X(REL_INDICATES, "indicates")                 \
	X(REL_CONSISTS_OF, "consists-of")             \
	X(REL_HOSTS, "hosts")                         \
	X(REL_LOCATED_AT, "located-at")               \
	X(REL_OWNS, "owns")                           \
	X(REL_CONTROLS, "controls")                   \
	X(REL_DELIVERS, "delivers")                   \
	X(REL_DROPS, "drops")                         \
	X(REL_DOWNLOADS, "downloads")                 \
	X(REL_VARIANT_OF, "variant-of")               \
	X(REL_AUTHORED_BY, "authored-by")             \
	X(REL_COMPROMISES, "compromises")             \
	X(REL_IMPERSONATES, "impersonates")           \
	X(REL_DERIVED_FROM, "derived-from")           \
	X(REL_DUPLICATE_OF, "duplicate-of")           \
	X(REL_SUBTECHNIQUE_OF, "subtechnique-of")     \
	X(REL_MITIGATES, "mitigates")                 \
	X(REL_REVOKED_BY, "revoked-by")               \
	X(REL_SIGHTED, "sighted")                     \
	X(REL_MENTIONS, "mentions")                   \
	X(REL_HAS_HOST, "has-host")

enum relation {
#define X(e, name) e,
	RELATIONS(X)
#undef X
	    REL_BUILTIN_COUNT
};

/* TLP levels ordered by restriction; TLP_NONE means "not marked". */
#define TLP_LEVELS(X)                           \
	X(TLP_NONE, "none")                     \
	X(TLP_CLEAR, "TLP:CLEAR")               \
	X(TLP_GREEN, "TLP:GREEN")               \
	X(TLP_AMBER, "TLP:AMBER")               \
	X(TLP_AMBER_STRICT, "TLP:AMBER+STRICT") \
	X(TLP_RED, "TLP:RED")

enum tlp {
#define X(e, name) e,
	TLP_LEVELS(X)
#undef X
	    TLP_COUNT
};

const char *kind_name(int kind);
/* Returns the kind for a name ("ipv4", "domain", ...), or -1. */
int kind_from_name(const char *name);
/* True for the observable kinds that form infrastructure sets. */
int kind_is_infra(int kind);
/* Built-in relation names; other names are registered in the graph. */
const char *relation_builtin_name(int rel);
int relation_builtin_from_name(const char *name);
const char *tlp_name(int tlp);
/* Parses "TLP:AMBER", "tlp:white", "amber+strict", "red" ...; returns
 * TLP_NONE when s is not a TLP marking. WHITE is CLEAR (TLP 2.0). */
int tlp_parse(const char *s);

/* Confidence is 0..100; this marks "not stated" (SPEC: absent = 50). */
#define CONF_UNKNOWN 255
#endif
