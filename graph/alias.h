/* The alias table: which actor names are one actor, and why.
 *
 * Every actor node is keyed by its own name. Names an actor is also known by
 * (STIX aliases, MISP galaxy synonyms, maltrail "# Aliases:", the user's
 * alias file) are claims: alias_claim(actor, name, file). alias_resolve()
 * merges an actor with the actor whose own name is a claimed alias, and
 * records each merge (which alias, which source). A name claimed by two
 * actors that are not otherwise one is ambiguous: reported, never merged.
 * Merges can be undone one by one (alias_undo) and redone.
 *
 * The table lives in and is owned by the graph (g->aliases). */
#ifndef ALIAS_H
#define ALIAS_H
#include <stddef.h>
#include <stdint.h>

#include "graph/diag.h"
#include "graph/graph.h"

struct alias_merge {
	uint32_t a, b;	  /* the two actor nodes joined */
	uint32_t alias;	  /* interned name that joined them */
	uint32_t claimer; /* actor node that claimed the alias */
	uint32_t file;	  /* file the claim came from */
	uint8_t undone;	  /* 1 when the analyst undid it */
};

struct alias_table *alias_table_new(void);
void alias_table_free(struct alias_table *t);

/* actor (a NODE_ACTOR node) is also known as name, according to file. */
void alias_claim(struct graph *g, uint32_t actor, const char *name, uint32_t file);
/* Recomputes the merges from all claims (called by graph_finish). Ambiguous
 * names are reported to d when d is not NULL. */
void alias_resolve(struct graph *g, struct diag_list *d);
/* Counts (and, when d is not NULL, reports) the names still claimed by more
 * than one unit after the last alias_resolve(), without resolving again. */
void alias_report_ambiguous(struct graph *g, struct diag_list *d);
/* The representative actor of the unit n belongs to (n itself when alone). */
uint32_t alias_unit(const struct graph *g, uint32_t actor);
/* Finds the actor for any name or alias; NODE_NONE when unknown or when the
 * name is ambiguous. */
uint32_t alias_lookup(const struct graph *g, const char *name);
/* The merges made by the last alias_resolve(). */
const struct alias_merge *alias_merges(const struct graph *g, size_t *count);
/* Undo (or redo) merge i; the next alias_resolve() honours it. Returns -1
 * when i is out of range. Undo state is kept by alias text so it survives a
 * re-resolve after more data is loaded. */
int alias_undo(struct graph *g, size_t i, int undone);
/* Every name (own and claimed) of actor n's unit, deduplicated by key, into
 * out (up to max); returns the total count. */
size_t alias_names(const struct graph *g, uint32_t actor, uint32_t *out, size_t max);
/* Claim i of alias_claim_count(): which actor claimed which name (key and
 * text interned), for callers that index every name in one pass instead of
 * asking alias_names() unit by unit (the TUI's search). */
size_t alias_claim_count(const struct graph *g);
void alias_claim_get(const struct graph *g, size_t i, uint32_t *actor, uint32_t *key,
		     uint32_t *name);
/* Names claimed by more than one unit, for `agx check`. */
size_t alias_ambiguous_count(const struct graph *g);
#endif
