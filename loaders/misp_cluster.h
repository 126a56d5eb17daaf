/* MISP galaxy clusters as graph nodes, the same way whether a cluster comes
 * from a galaxy cluster file (clusters/NAME.json) or is embedded in an event:
 * threat actors become actors whose synonyms are alias claims (the alias
 * table reports a synonym claimed by two actors; nothing is merged
 * silently), tools and malware their nodes with synonyms kept as aliases,
 * ATT&CK patterns technique nodes keyed by their T-id.
 *
 * The graph owns what is created; the json_t is borrowed. */
#ifndef MISP_CLUSTER_H
#define MISP_CLUSTER_H
#include <jansson.h>
#include <stdint.h>

#include "graph/graph.h"

/* The node kind of a galaxy type ("threat-actor" -> NODE_ACTOR,
 * "mitre-tool" -> NODE_TOOL, "mitre-attack-pattern" -> NODE_TECHNIQUE, ...),
 * or -1 for galaxies that name no actor, tool, malware or technique
 * (sectors, countries, guidelines, course of action ...). */
int misp_cluster_kind(const char *galaxy_type);
/* The node of one cluster value (its "value", "uuid", "description" and
 * "meta": synonyms, country, refs, external_id), created when new, with its
 * uuid bound as a source id. Returns NODE_NONE when the value is empty. */
uint32_t misp_cluster_node(struct graph *g, int kind, const json_t *cluster, uint32_t file);
/* Parses a galaxy tag: misp-galaxy:TYPE="VALUE". Copies TYPE and VALUE
 * into the buffers; returns 0, or -1 when tag is no galaxy tag. */
int misp_cluster_tag(const char *tag, char *type, size_t type_len, char *value, size_t value_len);
#endif
