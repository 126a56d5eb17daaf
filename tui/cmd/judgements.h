/* The analyst's judgements leaving agx as STIX 2.1 (graph/judgement_stix.h):
 * `agx export -f stix -o FILE` writes them as a bundle, `agx push
 * COLLECTION_URL` POSTs them to the team's TAXII 2.1 collection and reports
 * the server's status resource. Both take the analyst's own workspace only
 * (what came in from the team is theirs, not the analyst's to re-sign), and
 * the inputs for the STIX ids of what the judgements are about. */
#ifndef CMD_JUDGEMENTS_H
#define CMD_JUDGEMENTS_H
struct cli;

/* `agx export -f stix -o FILE [FILE...]`. */
int judgements_export(struct cli *c);
/* The analyst's name: --analyst, $AGX_ANALYST, the login name or "analyst".
 * Borrowed; valid until exit. */
const char *judgements_analyst(const struct cli *c);
#endif
