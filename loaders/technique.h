/* ATT&CK techniques are keyed by their id ("T1003", "T1003.001") when one is
 * known, so a STIX attack-pattern, a MISP galaxy mitre-attack-pattern cluster
 * and an event's galaxy tag all name one node. The graph owns the node;
 * nothing here allocates beyond the call. */
#ifndef TECHNIQUE_H
#define TECHNIQUE_H
#include <stddef.h>
#include <stdint.h>

#include "graph/graph.h"

/* The technique node for ext_id (may be NULL) and name (may be NULL, not
 * both): keyed by ext_id when given, labelled "T1003 OS Credential Dumping".
 * Returns NODE_NONE when both are empty. */
uint32_t technique_node(struct graph *g, const char *ext_id, const char *name, uint32_t file);
/* Finds an ATT&CK technique id ("T1003", "T1003.001") in s, such as the
 * MISP cluster value "OS Credential Dumping - T1003", into buf. Returns 0,
 * or -1 when there is none. */
int technique_id_in(const char *s, char *buf, size_t n);
#endif
