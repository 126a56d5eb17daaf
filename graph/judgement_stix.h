/* The analyst's judgements as STIX 2.1, for the team's platform (OpenCTI,
 * MISP through its TAXII server) and for agx itself (`agx export -f stix`,
 * `agx push`):
 *
 *   identity      the analyst (id from the name: the same analyst, the same id)
 *   note          each note, object_refs = the STIX ids of what it annotates
 *   opinion       each verdict on a pair (agree: confirmed, disagree: dismissed)
 *   relationship  related-to between the two units of a confirmed pair
 *   opinion       each alias decision on two actors (strongly-agree: one
 *                 actor, strongly-disagree: two)
 *   relationship  attributed-to from a subject the analyst attributed to its
 *                 actor, with an opinion carrying the reason ("agree")
 *
 * with confidence and created_by_ref on every object. Ids are name-based
 * UUIDs (graph/uuid5.h) of what the judgement is about, so pushing twice
 * does not duplicate: a verdict is one opinion per pair whose `modified`
 * moves when the analyst changes it. A unit with no STIX id of its own (a
 * MISP event, a CSV file) is named by a small object of agx's (intrusion-
 * set, campaign, ... or grouping) with a name-based id.
 *
 * Every object carries "x_agx_judgement" (what it is) and "x_agx_key" (the
 * workspace key it came from), so agx reading the bundle back
 * (loaders/judgement_read.h) restores the same verdicts and notes and never
 * mistakes them for evidence.
 *
 * Ownership: borrows the graph (finished) and the annotations; appends to a
 * strbuf the caller owns. */
#ifndef JUDGEMENT_STIX_H
#define JUDGEMENT_STIX_H
#include <stddef.h>

#include "graph/annot.h"
#include "graph/graph.h"
#include "graph/strbuf.h"

/* The custom properties shared by the writer and the reader. */
#define JUDGEMENT_MARK "x_agx_judgement" /* analyst, unit, note, verdict, link, alias,
					   attribution, attribution-link */
#define JUDGEMENT_KEY "x_agx_key"	 /* the workspace key */
#define JUDGEMENT_VERDICT "x_agx_verdict"
/* An alias decision's two names, "same" or "different", a merge undone */
#define JUDGEMENT_ALIAS_A "x_agx_alias_a"
#define JUDGEMENT_ALIAS_B "x_agx_alias_b"
#define JUDGEMENT_ALIAS_DECISION "x_agx_alias_decision"
#define JUDGEMENT_ALIAS_UNDO "x_agx_alias_undo"
/* An attribution decision's actor ("" for none) and reason */
#define JUDGEMENT_ACTOR "x_agx_actor"
#define JUDGEMENT_REASON "x_agx_reason"

/* STIX's "High" on its None/Low/Med/High scale (STIX 2.1 Appendix A): an
 * analyst's reviewed judgement. */
#define JUDGEMENT_CONFIDENCE 85

enum judgement_form {
	JUDGEMENT_BUNDLE,   /* a STIX bundle, for a file */
	JUDGEMENT_ENVELOPE, /* a TAXII envelope {"objects": [...]}, for a POST */
};

/* Appends the judgements of a (verdicts other than unreviewed, notes) made
 * by analyst as a bundle or envelope. Returns the number of objects written
 * (0 when a holds nothing to write; the output is then an empty bundle). */
size_t judgement_stix_write(const struct graph *g, const struct annot *a, const char *analyst,
			    enum judgement_form form, struct strbuf *out);
#endif
