/* Reading the analyst's judgements back: the STIX objects agx writes
 * (graph/judgement_stix.h), met in agx's own export file, in a pulled
 * collection after `agx push`, or in any STIX input. They are the analyst's
 * verdicts, notes, alias and attribution decisions, never evidence: the
 * graph does not see them (the decisions reach it as the workspace's do).
 *
 * Judgements found in the inputs fill a struct annot of their own
 * (load_opts.judgements); judgement_merge() then adds them to the
 * workspace's, where the workspace wins: the analyst's local decision on a
 * pair is newer than what the team's server holds about it, or deliberate. */
#ifndef JUDGEMENT_READ_H
#define JUDGEMENT_READ_H
#include <jansson.h>

#include "graph/annot.h"
#include "loaders/load.h"

/* True when o is one of agx's judgement objects; then its verdict, note or
 * decision goes to a (when a is not NULL): the newest verdict or decision
 * per pair or subject, each note once. */
int judgement_read(const json_t *o, struct annot *a);
/* Adds to dst the verdicts and decisions it has no word on and the notes
 * it lacks. */
void judgement_merge(struct annot *dst, const struct annot *found);
/* The loader of agx's export file (format "agx-judgements"). */
int judgement_load(struct load_ctx *c);
#endif
