/* The alias table: which actor names are one actor, and why.
 *
 * Every actor node is keyed by its own name. Names an actor is also known by
 * are claims, each with the strength of its source: the analyst's own alias
 * file (ALIAS_ANALYST) over ATT&CK, MISP galaxies and other STIX producers
 * (ALIAS_STRONG) over a comment line in a plain IOC list such as maltrail's
 * "# Aliases:" (ALIAS_WEAK). alias_resolve() merges, strongest claims first:
 *
 *   - a claim of a name that is another actor's own name joins the two; when
 *     several actors claim it, each joins it: they agree that they are that
 *     actor (Turla Group, Secret Blizzard and Turla);
 *   - a name no actor owns, claimed by two units, is ambiguous and joins
 *     nothing, except that a unit known only from a file name (a maltrail
 *     list) joins the one unit with an identity of its own whose strong
 *     claim it repeats ("The Dukes": maltrail's Duke and the galaxy's APT29);
 *   - an actor -attributed-to-> actor statement joins the two (an intrusion
 *     set and the threat actor behind it).
 *
 * A merge is refused, and listed as a possible alias, when
 *   - the claim is weak and both sides have an identity of their own (a STIX
 *     object, a galaxy cluster, an OpenIOC threat group, a CSV actor column,
 *     `--as`: alias_strong_identity), so one comment line in an IOC list never
 *     merges two known actors;
 *   - a catalog (a file defining at least ALIAS_CATALOG_MIN actors: a galaxy,
 *     ATT&CK) keeps the two sides apart as different entries, and the claim
 *     is not the analyst's (ATT&CK's "GREF" alias of Ke3chang against the
 *     galaxy's own GREF cluster beside APT15);
 *   - the analyst said the two are different actors (alias_split, or a
 *     workspace decision: alias_decide).
 * Merges can be undone one by one (alias_undo) and redone.
 *
 * The table lives in and is owned by the graph (g->aliases). */
#ifndef ALIAS_H
#define ALIAS_H
#include <stddef.h>
#include <stdint.h>

#include "graph/diag.h"
#include "graph/graph.h"

enum alias_strength { ALIAS_WEAK = 1, ALIAS_STRONG = 2, ALIAS_ANALYST = 3 };

/* files defining at least this many actors are catalogs */
#define ALIAS_CATALOG_MIN 10

/* How a merge came about. */
enum alias_how {
	ALIAS_BY_CLAIM,	     /* the claimer names the other actor's own name */
	ALIAS_BY_SHARED,     /* both claim a name no actor owns (see above) */
	ALIAS_BY_ATTRIBUTED, /* actor -attributed-to-> actor */
};

struct alias_merge {
	uint32_t a, b;	  /* the two actor nodes joined */
	uint32_t alias;	  /* interned name that joined them */
	uint32_t claimer; /* actor node that claimed the alias */
	uint32_t file;	  /* file the claim came from */
	uint8_t undone;	  /* 1 when the analyst undid it */
	uint8_t strength; /* enum alias_strength of the claim */
	uint8_t how;	  /* enum alias_how */
};

/* Why a claim did not merge. */
enum alias_refusal_why {
	ALIAS_REFUSED_WEAK,	/* a weak claim between two known actors */
	ALIAS_REFUSED_DISPUTED, /* a catalog lists the two apart */
	ALIAS_REFUSED_SPLIT,	/* the analyst said they differ */
};

/* A possible alias: a claim agx did not follow. */
struct alias_refusal {
	uint32_t claimer, named; /* actor nodes */
	uint32_t alias;		 /* interned name */
	uint32_t file;		 /* file of the claim */
	uint32_t other_file;	 /* the catalog that disputes it, else UINT32_MAX */
	uint8_t strength, why;	 /* enum alias_strength, enum alias_refusal_why */
};

struct alias_table *alias_table_new(void);
void alias_table_free(struct alias_table *t);

/* actor (a NODE_ACTOR node) is also known as name, according to file. */
void alias_claim(struct graph *g, uint32_t actor, const char *name, uint32_t file);
void alias_claim_as(struct graph *g, uint32_t actor, const char *name, uint32_t file,
		    int strength);
/* The analyst says the actors named a and b are different: nothing joins
 * them. Names are matched like actor names. */
void alias_split(struct graph *g, const char *a, const char *b, uint32_t file);
/* The analyst's decision kept in the workspace, applied after loading
 * (tui/session/decisions.h): the actors named a and b are one actor (join)
 * or two. It wins over every loaded claim: a join is refused only by a
 * decided split, a decided split refuses every join, whatever its source.
 * A name no actor owns stands for the actor claiming it most strongly.
 * file: the workspace's pseudo-file, which alias_forget_file() clears. */
void alias_decide(struct graph *g, const char *a, const char *b, int join, uint32_t file);
/* Drops the decisions (alias_decide) and splits of file, so that the next
 * alias_resolve() is as if they had never been made. */
void alias_forget_file(struct graph *g, uint32_t file);
/* Marks actor as having an identity of its own (see above) and, when it had
 * none, makes name its label: the publisher's spelling ("Mustang Panda")
 * replaces one guessed from a file name ("Mustangpanda"). */
void alias_strong_identity(struct graph *g, uint32_t actor, const char *name);
/* Recomputes the merges from all claims (called by graph_finish). Ambiguous
 * names and refused claims are reported to d when d is not NULL. */
void alias_resolve(struct graph *g, struct diag_list *d);
/* Counts (and, when d is not NULL, reports) the names still claimed by more
 * than one unit, and the refused claims, after the last alias_resolve(),
 * without resolving again. */
void alias_report_ambiguous(struct graph *g, struct diag_list *d);
/* The representative actor of the unit n belongs to (n itself when alone). */
uint32_t alias_unit(const struct graph *g, uint32_t actor);
/* Finds the actor for any name or alias; NODE_NONE when unknown or when the
 * name is ambiguous. */
uint32_t alias_lookup(const struct graph *g, const char *name);
/* The unit an interned name key stands for: an actor's own name, else the
 * unit its strongest claims agree on. Returns 1 and sets *unit, 0 when the
 * name is unknown, -1 when ambiguous. */
int alias_key_unit(const struct graph *g, uint32_t key, uint32_t *unit);
/* Whether actor cand names its alias unit better than cur: one with an
 * identity of its own first ("BackdoorDiplomacy", not maltrail's file
 * name "Quarian"), then the one with most edges, then the smaller key, so
 * the name does not depend on the order files were loaded in. */
int alias_better_name(const struct graph *g, uint32_t cand, uint32_t cur);
/* The merges made by the last alias_resolve(). */
const struct alias_merge *alias_merges(const struct graph *g, size_t *count);
/* The claims the last alias_resolve() refused (possible aliases). */
const struct alias_refusal *alias_refusals(const struct graph *g, size_t *count);
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
/* The strength and file of claim i. */
void alias_claim_source(const struct graph *g, size_t i, int *strength, uint32_t *file);
/* Names claimed by more than one unit, for `agx check`. */
size_t alias_ambiguous_count(const struct graph *g);
/* Names of enum alias_strength / alias_how / alias_refusal_why values. */
const char *alias_strength_name(int strength);
const char *alias_how_name(int how);
const char *alias_refusal_name(int why);
/* The snapshot's part of the table (graph/snapshot.c): the claims, splits
 * and undone merges as loaded, appended to out; alias_restore() reads them
 * back into the empty table of g (whose strings, nodes and files are there
 * already), checking every index, and returns -1 when they do not fit. The
 * rest is resolved again by alias_resolve(). */
struct strbuf;
void alias_save(const struct graph *g, struct strbuf *out);
int alias_restore(struct graph *g, const void *p, size_t n);
#endif
