/* Where the values of a flat IOC file go (CSV, IOC lists, free text): to an
 * actor (`--as NAME`, an actor column, a maltrail file name), each value
 * --indicates--> the actor; or, with no actor, to a report node standing for
 * the file (named by its title, else by its file or folder name), which
 * --mentions--> each value. The overlap engine treats an unattributed report
 * as a unit of its own.
 *
 * Ownership: the target borrows the load context; nodes belong to the graph. */
#ifndef IOC_TARGET_H
#define IOC_TARGET_H
#include <stdint.h>

#include "graph/normalize.h"
#include "graph/strbuf.h"
#include "loaders/load.h"

struct ioc_target {
	struct load_ctx *c;
	uint32_t actor;	   /* NODE_NONE: the report is the unit */
	uint32_t report;   /* NODE_NONE until first needed */
	char *title;	   /* report title (owned) */
	uint32_t added;	   /* values linked */
	int32_t newest;	   /* newest date seen, for the file table */
	char **notes;	   /* distinct notes, see ioc_target_note() (owned) */
	size_t nnotes;
	int32_t path_date; /* the date its path names, DATE_UNKNOWN when none */
};

/* A readable unit name for a file: its base name without extension, or the
 * folder's name when the file name is generic ("iocs.csv", "Indicators",
 * "network.txt", "README.adoc"); '_' shown as ' '. */
void ioc_target_name_from_path(const char *path, struct strbuf *out);

/* The date a file or one of its two parent folders is named by
 * ("2024-08-02_StormBamboo/indicators/iocs.csv", "2021-11-10 APT31 IOCs.csv",
 * "calisto_infrastructure_20220622", "Calypso_APT_-_March_2021"):
 * YYYY-MM-DD, YYYY_MM_DD, YYYYMMDD, or a month name and year (its first
 * day), between non-alphanumerics, years 1990-2099; the nearest wins.
 * Vendors file reports under their publication date, which bounds when the
 * values listed were in use. DATE_UNKNOWN when the path names none. */
int32_t ioc_target_date_from_path(const char *path);
/* The publication date a reference URL gives away: a Twitter/X post id
 * (its snowflake holds the time), a blog path (/2021/09/23/ or /2021/09/,
 * the month's first day), or a date in the name as above. DATE_UNKNOWN
 * when it gives none (VirusTotal, OTX, ...). */
int32_t ioc_target_date_from_url(const char *s, size_t n);

/* Starts a target: actor_name (may be NULL) names the actor; otherwise
 * title (may be NULL: derived from the path) names the report. */
void ioc_target_init(struct ioc_target *t, struct load_ctx *c, const char *actor_name,
		     const char *title);
void ioc_target_free(struct ioc_target *t);
/* Replaces the report title (before the first value). */
void ioc_target_set_title(struct ioc_target *t, const char *title);

/* A value from a list of values: guessed, and when the guess fails only for
 * an unusual top-level label ("footballtv.zip", "app.3pus"), a domain. */
#define IOC_KIND_LIST (-2)

/* Normalises value as kind (-1: guess; IOC_KIND_LIST). A typed value that fails as its
 * kind but passes as another (an "url" cell holding ip:port) is taken with
 * the guessed kind. Returns the kind, or -1 when the value is no indicator
 * (r->reason says why). out receives the normalised value. */
int ioc_norm(int kind, const char *s, size_t n, struct strbuf *out, struct norm_result *r);

/* Adds one value. actor overrides the target's actor (NODE_NONE: use the
 * target's). A value whose provenance states no date takes the path's
 * date. Rejected values get a D_VALUE warning unless quiet. Returns the
 * value node or NODE_NONE. */
uint32_t ioc_target_add(struct ioc_target *t, int kind, const char *s, size_t n,
			const struct prov *p, uint32_t actor, uint8_t flags, uint32_t line,
			uint32_t col, int quiet);
/* Keeps a note the file gives a value (a description column), for
 * attribution by name: the first IOC_NOTES_MAX distinct ones, each cut to
 * IOC_NOTE_MAX bytes, become the report's ATTR_NOTE attributes when the
 * target finishes. */
enum { IOC_NOTES_MAX = 64, IOC_NOTE_MAX = 240 };
void ioc_target_note(struct ioc_target *t, const char *s, size_t n);
/* The target's report node, created when first asked for. */
uint32_t ioc_target_report(struct ioc_target *t);
/* Fills in the file table (title, newest date). */
void ioc_target_finish(struct ioc_target *t);
#endif
