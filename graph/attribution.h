/* Attribution: which actor each source speaks for, and why (SPEC.md
 * "Overlap engine"). Subjects are report nodes (a STIX report or grouping, a
 * MISP event, the document an IOC file stands for) and campaign nodes.
 *
 * Reasons, strongest first; a stronger one always wins:
 *   analyst     the analyst's own decision (struct attrib_decision): attribute
 *               to an actor, or to none (the subject stands alone)
 *   explicit    an attributed-to edge: a STIX relationship, a MISP
 *               threat-actor galaxy or tag, OpenIOC threatgroup, a CSV actor
 *               column; a report attributed to a campaign speaks for the
 *               campaign, and so for the campaign's actor
 *   structural  a report or grouping whose object_refs, followed through the
 *               reports it lists (transitively, cycles safe), name exactly one
 *               actor unit: it, the reports it lists and the campaigns in
 *               them speak for that actor. A report naming no actor but
 *               exactly one campaign speaks for that campaign.
 *   name        the title, the file name or one of the two nearest folder
 *               names names exactly one known actor or alias ("2024-08-02_
 *               StormBamboo/iocs.csv", "RedDelta_..."); failing those, the
 *               notes a file gives its values (a CSV description column:
 *               "DigitalOcean IP address tied to UTA0178"), when two or more
 *               and at least half of them name one actor and none another;
 *               the evidence it brings counts at most ATTRIB_NAME_CONF. A
 *               name naming two actors attributes nothing and is listed as
 *               a problem.
 * A report whose copies in other files (copies.h) speak for exactly one
 * actor speaks for it too, for the same reason.
 * Several explicit attributions to different actors make the subject a
 * source of each.
 *
 * Ownership: the table is made by attribution_build() and freed by
 * attribution_free(); it borrows the graph, which must not change while the
 * table is used. Strings it returns are the graph's. */
#ifndef ATTRIBUTION_H
#define ATTRIBUTION_H
#include <stddef.h>
#include <stdint.h>

#include "graph/graph.h"

/* X(ENUM, "name") — weakest first, so a larger value wins. */
#define ATTRIB_REASONS(X)                          \
	X(ATTRIB_NONE, "none")                     \
	X(ATTRIB_NAME, "inferred from name")       \
	X(ATTRIB_STRUCTURAL, "structural")         \
	X(ATTRIB_EXPLICIT, "explicit")             \
	X(ATTRIB_ANALYST, "analyst")

enum attrib_reason {
#define X(e, name) e,
	ATTRIB_REASONS(X)
#undef X
	    ATTRIB_REASON_COUNT
};

/* The confidence a name-inferred attribution lends the evidence it brings:
 * a file called "APT31 IOCs" is probably about APT31, not certainly. */
#define ATTRIB_NAME_CONF 40

/* One decision of the analyst's. subject names a report (its key
 * "PATH#ID" as `agx check` lists it, its file's path, or its title) or a
 * campaign (its name); actor NULL or "" means "attributed to none". */
struct attrib_decision {
	const char *subject;
	const char *actor;
	const char *note;   /* the analyst's reason, may be NULL */
	const char *author; /* may be NULL */
	const char *when;   /* ISO 8601 text, may be NULL */
};

struct attribution {
	uint32_t subject; /* report or campaign node */
	/* the actor unit root, or a campaign node a report speaks for;
	 * NODE_NONE when the subject stands alone */
	uint32_t owner;
	/* what carries it: the actor or campaign an edge names, the report
	 * whose object_refs list the subject, the actor a name names */
	uint32_t via;
	/* owned by the table, NULL when none: the name matched (name); the
	 * analyst's note, name and time of the decision (analyst) */
	const char *text, *author, *when;
	/* a copy of this report in another file carries the attribution:
	 * that file; UINT32_MAX when the report's own data does */
	uint32_t copy_of;
	uint8_t reason;	 /* enum attrib_reason */
	uint8_t conf;	 /* cap on the evidence through it, CONF_UNKNOWN: none */
	uint8_t nowners; /* explicit owners (> 1: a source of each) */
	/* inferred from the notes a file gives its values: how many of them
	 * (up to 64 read) name the actor; 0 and 0 for other reasons */
	uint16_t notes_naming, notes_total;
};

/* Problems worth an analyst's look: a name naming two actors, a decision
 * naming nothing loaded. */
struct attrib_problem {
	uint32_t subject; /* node, or NODE_NONE for a decision that matched nothing */
	char *text;	  /* owned by the table */
	/* a decision the table could not apply: its subject as the analyst
	 * gave it (owned), and why (the end of text); NULL and text otherwise */
	char *decided;
	const char *why;
};

/* A file the analyst re-filed: an IOC list whose values name their actor
 * directly (maltrail's apt_23.txt, APT-C-23 by its header, named for the
 * catalog's APT23) holds no report to attribute, so a decision on it moves
 * the file's own statements from the actors they name (from) to the
 * decided actor. The overlap engine applies it (infra_set.c). */
struct attrib_refile {
	uint32_t file;
	uint32_t actor;			  /* the decided actor node */
	const char *text, *author, *when; /* owned by the table, may be NULL */
};

struct copies;

struct attribution_opts {
	/* which nodes and edges take part (revoked, as-of); NULL: all */
	int (*node_ok)(const void *ctx, uint32_t n);
	int (*edge_ok)(const void *ctx, uint32_t e);
	const void *ctx;
	/* copies of one report (may be NULL): an unattributed copy takes the
	 * attribution of the others */
	const struct copies *copies;
	const struct attrib_decision *decisions;
	size_t ndecisions;
};

struct attribution_table;
struct strbuf;

/* Needs graph_finish() (adjacency, aliases). */
struct attribution_table *attribution_build(const struct graph *g,
					    const struct attribution_opts *o);
void attribution_free(struct attribution_table *t);

/* The attribution of a report or campaign node; NULL for other nodes. */
const struct attribution *attribution_of(const struct attribution_table *t, uint32_t n);
/* Every subject, in node order. */
const struct attribution *attribution_all(const struct attribution_table *t, size_t *n);
/* The actor unit roots a subject speaks for (after following a report to
 * its campaign and the campaign to its actor) into out (up to max); returns
 * the count. 0: it stands alone, or speaks for an unattributed campaign
 * (see attribution_campaign). */
size_t attribution_roots(const struct attribution_table *t, uint32_t n, uint32_t *out,
			 size_t max);
/* The unattributed campaign a report speaks for, else NODE_NONE. */
uint32_t attribution_campaign(const struct attribution_table *t, uint32_t n);
/* Whether a decision's subject (struct attrib_decision) names report or
 * campaign node n: its key, its title, its file's path, a campaign's name. */
int attribution_names_subject(const struct graph *g, uint32_t n, const char *subject);
const struct attrib_problem *attribution_problems(const struct attribution_table *t, size_t *n);
/* The files the analyst re-filed (struct attrib_refile), in decision order. */
const struct attrib_refile *attribution_refiled(const struct attribution_table *t, size_t *n);
/* "analyst: its statements re-filed by alice on 2024-05-01: the header
 * says APT-C-23" */
void attribution_describe_refile(const struct attrib_refile *r, struct strbuf *out);
/* What every analyst's decision ends with: " by AUTHOR on WHEN: TEXT", each
 * part only when known. */
void attribution_decision_tail(struct strbuf *out, const char *author, const char *when,
			       const char *text);
const char *attribution_reason_name(int reason);
/* One line for people: "explicit: attributed-to APT31 (file.json)",
 * "inferred from name: 'StormBamboo' in the folder name". */
void attribution_describe(const struct graph *g, const struct attribution *a,
			  struct strbuf *out);
#endif
