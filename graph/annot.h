/* Analyst annotations: a verdict on a pair of units (unreviewed, confirmed,
 * dismissed) and free-text notes on any node or pair. Keys are stable text
 * (node kind + normalised key; pair = the two unit keys sorted), so they
 * survive reloading the data in another order. The set owns its strings.
 * Persistence (the workspace JSON file) is tui/session/workspace.c's job. */
#ifndef ANNOT_H
#define ANNOT_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "graph/graph.h"

enum verdict { VERDICT_UNREVIEWED, VERDICT_CONFIRMED, VERDICT_DISMISSED };

struct annot_note {
	char *id;  /* "note--" and 16 hex digits: the same note in every session */
	char *key; /* "actor:apt15" or "pair:actor:apt15|actor:backdoordiplomacy" */
	char *text;
	time_t when;
	char *author; /* who wrote it, NULL when the workspace does not record it */
};

struct annot_verdict {
	char *key; /* pair key */
	enum verdict verdict;
	time_t when;
	char *author; /* who gave it, NULL when the workspace does not record it */
};

/* The analyst's alias decision on two names: one actor (join) or two
 * (split; undoing a merge is a split of the two names it joined). One per
 * pair of names: its id is the two names' keys, sorted
 * ("alias:apt3|gothic panda"), so a later decision on the pair replaces an
 * earlier one. Applied to the graph by graph/alias.h's alias_decide. */
struct annot_alias {
	char *id;
	char *a, *b;  /* the names as the analyst gave them */
	uint8_t join; /* 1: A = B, 0: A != B */
	uint8_t undo; /* a split made by undoing a merge (said so when shown) */
	time_t when;
	char *author; /* NULL when not recorded */
};

/* The analyst's attribution of a report, file or campaign (attribution.h's
 * struct attrib_decision): one per subject. */
struct annot_attrib {
	char *subject; /* a report key "PATH#ID", a file path, a title, a campaign */
	char *actor;   /* "": attributed to none (the subject stands alone) */
	char *note;    /* the analyst's reason, "" when none */
	time_t when;
	char *author; /* NULL when not recorded */
};

struct annot {
	struct annot_note *notes;
	size_t nnotes, notes_cap;
	struct annot_verdict *verdicts;
	size_t nverdicts, verdicts_cap;
	struct annot_alias *aliases;
	size_t naliases, aliases_cap;
	struct annot_attrib *attribs;
	size_t nattribs, attribs_cap;
};

void annot_init(struct annot *a);
void annot_free(struct annot *a);
/* Stable keys; the caller frees the result. */
char *annot_node_key(const struct graph *g, uint32_t node);
char *annot_pair_key(const struct graph *g, uint32_t node_a, uint32_t node_b);
/* Back from a key: the node a node key ("actor:apt15") names, NODE_NONE
 * when none is loaded; the two node keys of a pair key ("pair:A|B", B
 * starting with a kind: a '|' inside a value does not split it), 0 and
 * both for the caller to free, or -1. */
uint32_t annot_key_node(const struct graph *g, const char *key);
int annot_split_pair(const char *key, char **a, char **b);
enum verdict annot_verdict_of(const struct annot *a, const char *pair_key);
/* The verdict record of a pair (its time and author), NULL when none. */
const struct annot_verdict *annot_verdict_find(const struct annot *a, const char *pair_key);
void annot_set_verdict(struct annot *a, const char *pair_key, enum verdict v);
/* Cycles unreviewed -> confirmed -> dismissed -> unreviewed; returns the new one. */
enum verdict annot_cycle_verdict(struct annot *a, const char *pair_key);
/* Adds a note with a fresh id (annot_new_note_id); returns it. */
struct annot_note *annot_add_note(struct annot *a, const char *key, const char *text);
/* Adds a note as it was stored (id, time), replacing one of the same id. */
struct annot_note *annot_put_note(struct annot *a, const char *id, const char *key,
				  const char *text, time_t when);
struct annot_note *annot_find_note(const struct annot *a, const char *id);
/* Removes the note of that id; returns 0, or -1 when there is none. */
int annot_delete_note(struct annot *a, const char *id);
/* A new note id: "note--" and 16 random hex digits, unique across sessions. */
void annot_new_note_id(char out[32]);
/* Notes for key in the order added; returns the count, fills up to max. */
size_t annot_notes_for(const struct annot *a, const char *key, const struct annot_note **out,
		       size_t max);
const char *verdict_name(enum verdict v);
/* Replaces *slot (an author field) with a copy of author (NULL or "": none). */
void annot_set_author(char **slot, const char *author);

/* Alias and attribution decisions (graph/annot_decide.c). */
/* The id of the decision on names a and b (either order); the caller frees
 * it. NULL when a name has no letters or digits, or both are one name. */
char *annot_alias_id(const char *a, const char *b);
/* Sets the decision on a and b (replacing one on the same pair); id NULL:
 * annot_alias_id's. Returns it, or NULL when the names make no pair. */
struct annot_alias *annot_put_alias(struct annot *an, const char *id, const char *a,
				    const char *b, int join, int undo, time_t when,
				    const char *author);
struct annot_alias *annot_find_alias(const struct annot *an, const char *id);
/* Removes the decision of that id; 0, or -1 when there is none. */
int annot_delete_alias(struct annot *an, const char *id);
/* Sets the attribution decision on subject (actor "" or NULL: none). */
struct annot_attrib *annot_put_attrib(struct annot *an, const char *subject, const char *actor,
				      const char *note, time_t when, const char *author);
struct annot_attrib *annot_find_attrib(const struct annot *an, const char *subject);
int annot_delete_attrib(struct annot *an, const char *subject);
#endif
