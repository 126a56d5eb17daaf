#include "tui/cmd/brief_md.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph/alias.h"
#include "graph/annot.h"
#include "graph/attribution.h"
#include "graph/date.h"
#include "graph/overlap.h"
#include "graph/strbuf.h"
#include "graph/text.h"
#include "graph/xalloc.h"
#include "tui/cmd/brief_sources.h"

enum { LINKS_SHOWN = 10, ATTRIBUTIONS_SHOWN = 12, REFS_SHOWN = 3 };

static void md(struct strbuf *sb, const char *s)
{
	text_markdown_into(sb, s ? s : "");
}

static const char *day(int32_t d, char *buf)
{
	return d == DATE_UNKNOWN ? "undated" : date_format(d, buf, 16);
}

static const char *tlp_text(int t)
{
	return t == TLP_NONE ? "not marked" : tlp_name(t);
}

/* The other units a unit brief's "Strongest links" table names: the pairs
 * with u, strongest first, up to max. Returns the count. */
static size_t strongest_links(struct overlap *ov, uint32_t u, const struct overlap_pair **out,
			      size_t max)
{
	size_t np, k = 0;
	const struct overlap_pair *p = overlap_pairs(ov, &np);
	for (size_t i = 0; i < np && k < max; i++)
		if (p[i].a == u || p[i].b == u)
			out[k++] = &p[i];
	return k;
}

void brief_sources_of(const struct graph *g, struct overlap *ov, uint32_t ua, uint32_t ub,
		      const struct brief_opts *o, struct brief_sources *out)
{
	brief_sources_init(out, g);
	brief_sources_add_unit(out, ov, ua);
	if (ub != UINT32_MAX) {
		brief_sources_add_unit(out, ov, ub);
	} else {
		const struct overlap_pair *links[LINKS_SHOWN];
		size_t n = strongest_links(ov, ua, links, LINKS_SHOWN);
		for (size_t i = 0; i < n; i++)
			brief_sources_add_unit(out, ov,
					       links[i]->a == ua ? links[i]->b : links[i]->a);
	}
	if (o && o->diagram_files)
		brief_sources_add_files(out, o->diagram_files, o->ndiagram_files, o->diagram_tlp);
	brief_sources_finish(out);
}

static void header(struct strbuf *sb, const struct graph *g, const struct brief_sources *bs,
		   const char *title_fmt, const char *a, const char *b)
{
	strbuf_adds(sb, "# ");
	/* title_fmt holds %A and %B where the escaped names go */
	for (const char *p = title_fmt; *p; p++) {
		if (p[0] == '%' && (p[1] == 'A' || p[1] == 'B')) {
			md(sb, p[1] == 'A' ? a : b);
			p++;
		} else {
			strbuf_addc(sb, *p);
		}
	}
	char buf[16];
	if (bs->tlp == TLP_NONE)
		strbuf_addf(sb, "\n\n**TLP: not marked** (no input this brief rests on carries a "
				"TLP marking)\n\n");
	else
		strbuf_addf(sb,
			    "\n\n**%s** (the most restricted marking among the %zu input file%s "
			    "this brief rests on)\n\n",
			    tlp_name(bs->tlp), bs->nfiles, bs->nfiles == 1 ? "" : "s");
	if (bs->tlp_all > bs->tlp) {
		strbuf_addf(sb, "> Note: the inputs loaded hold data marked up to %s",
			    tlp_name(bs->tlp_all));
		if (bs->tlp_file != UINT32_MAX && g->files[bs->tlp_file].tlp == bs->tlp_all) {
			strbuf_adds(sb, " (");
			md(sb, graph_file_path(g, bs->tlp_file));
			strbuf_adds(sb, ")");
		}
		strbuf_adds(sb, "; nothing of it is shown here, and it is not needed to reproduce "
				"what is.\n\n");
	}
	strbuf_addf(sb,
		    "Data up to %s, from %zu of %zu input file%s. Prepared with agx %s. Scores are "
		    "proposals for an analyst to weigh; agx never merges actors on its own.\n\n",
		    day(bs->date, buf), bs->nfiles, g->file_count, g->file_count == 1 ? "" : "s",
		    AGX_VERSION);
}

/* The files behind a membership's path, deduplicated. */
static void path_sources(const struct graph *g, const struct membership *m, uint32_t *files,
			 size_t *n, size_t max)
{
	for (uint8_t k = 0; m && k < m->path_len; k++) {
		uint32_t f = g->edges[m->path[k]].file;
		size_t i;
		for (i = 0; i < *n && files[i] != f; i++)
			;
		if (i == *n && *n < max)
			files[(*n)++] = f;
	}
}

static const struct brief_sources *sort_bs;

static int cmp_name(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	return strcmp(brief_sources_name(sort_bs, a), brief_sources_name(sort_bs, b));
}

/* The sources of one value, by publisher and report ("ESET: FamousSparrow:
 * A suspicious hotel guest (famoussparrow/README.adoc)"). */
static void sources_cell(struct strbuf *sb, const struct graph *g, const struct brief_sources *bs,
			 const struct membership *a, const struct membership *b)
{
	uint32_t files[32];
	size_t n = 0;
	path_sources(g, a, files, &n, 32);
	path_sources(g, b, files, &n, 32);
	sort_bs = bs;
	if (n > 1)
		qsort(files, n, sizeof(*files), cmp_name);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_adds(sb, "; ");
		md(sb, brief_sources_name(bs, files[i]));
	}
	if (!n)
		strbuf_adds(sb, "-");
}

static void window_cell(struct strbuf *sb, const char *who, const struct membership *m)
{
	char b1[16], b2[16];
	strbuf_adds(sb, who);
	if (!m || (m->first == DATE_UNKNOWN && m->last == DATE_UNKNOWN))
		strbuf_adds(sb, ": undated");
	else
		strbuf_addf(sb, ": %s to %s", day(m->first, b1), day(m->last, b2));
}

static void conf_cell(struct strbuf *sb, const struct membership *a, const struct membership *b)
{
	int c = -1;
	if (a && a->conf != CONF_UNKNOWN)
		c = a->conf;
	if (b && b->conf != CONF_UNKNOWN && (c < 0 || b->conf < c))
		c = b->conf;
	if (c < 0)
		strbuf_adds(sb, "not stated (50)");
	else
		strbuf_addf(sb, "%d", c);
}

/* "2024-01-02, by alice" (the author only when the workspace records one:
 * the hook for the workspace's authors) */
static void when_who(struct strbuf *sb, time_t when, const char *author)
{
	char d[16];
	struct tm tm;
	gmtime_r(&when, &tm);
	strftime(d, sizeof(d), "%Y-%m-%d", &tm);
	strbuf_adds(sb, d);
	if (author && *author) {
		strbuf_adds(sb, ", by ");
		md(sb, author);
	}
}

static void notes_of(struct strbuf *sb, const struct graph *g, const struct annot *annot,
		     uint32_t node)
{
	if (!annot)
		return;
	char *key = annot_node_key(g, node);
	const struct annot_note *notes[4];
	size_t n = annot_notes_for(annot, key, notes, 4);
	for (size_t i = 0; i < n && i < 4; i++) {
		strbuf_adds(sb, "; note");
		if (notes[i]->author && *notes[i]->author) {
			strbuf_adds(sb, " by ");
			md(sb, notes[i]->author);
		}
		strbuf_adds(sb, ": ");
		md(sb, notes[i]->text);
	}
	free(key);
}

/* The analyst's notes on the pair and on each side, as a list under the
 * numbers: a briefing carries what the analyst wrote, not only what agx
 * computed. */
static void analyst_notes(struct strbuf *sb, const struct graph *g, const struct annot *annot,
			  uint32_t a, uint32_t b)
{
	if (!annot)
		return;
	char *keys[3] = {annot_pair_key(g, a, b), annot_node_key(g, a), annot_node_key(g, b)};
	const char *what[3] = {"the pair", graph_node_label(g, a), graph_node_label(g, b)};
	int any = 0;
	for (int k = 0; k < 3; k++) {
		const struct annot_note *notes[16];
		size_t n = annot_notes_for(annot, keys[k], notes, 16);
		for (size_t i = 0; i < n && i < 16; i++) {
			if (!any)
				strbuf_adds(sb, "## Analyst notes\n\n");
			any = 1;
			strbuf_adds(sb, "- On ");
			md(sb, what[k]);
			strbuf_adds(sb, " (");
			when_who(sb, notes[i]->when, notes[i]->author);
			strbuf_adds(sb, "): ");
			md(sb, notes[i]->text);
			strbuf_addc(sb, '\n');
		}
		free(keys[k]);
	}
	if (any)
		strbuf_addc(sb, '\n');
}

static void status_cell(struct strbuf *sb, const struct evidence *e)
{
	if (e->flags & EV_OVER_CAP)
		strbuf_addf(sb, "not counted: reached by %u units, over the df cap", e->df);
	else if (e->flags & EV_WARNLISTED) {
		strbuf_adds(sb, "weak: warninglisted");
		if (e->warninglist) {
			strbuf_adds(sb, " (");
			md(sb, e->warninglist);
			strbuf_adds(sb, ")");
		}
	} else if (e->flags & EV_ONE_SOURCE)
		strbuf_adds(sb, "not counted: one report names both");
	else if (e->weight <= 0)
		strbuf_adds(sb, "not counted (weight 0)");
	else
		strbuf_adds(sb, "counted");
	if (e->flags & EV_PARTIAL)
		strbuf_adds(sb, "; partial match only");
	if (e->flags & EV_UNDATED)
		strbuf_adds(sb, "; undated");
}

static const char *relation_meaning(int relation)
{
	switch (relation) {
	case PAIR_OVERLAP:
		return "two different actors, or an actor and a cluster no actor claims";
	case PAIR_CORROBORATION:
		return "two sources of one actor: agreement, not a link between actors";
	case PAIR_INTERNAL:
		return "two campaigns of one actor";
	default:
		return "";
	}
}

/* The actor unit root a unit speaks for: its own for an actor, its
 * parent's for a campaign or source of one; NODE_NONE otherwise. */
static uint32_t actor_root(const struct graph *g, struct overlap *ov, uint32_t u)
{
	uint32_t p = overlap_unit_parent(ov, u);
	if (p != UINT32_MAX)
		u = p;
	const struct unit *un = overlap_unit(ov, u);
	if (un->kind != UNIT_ACTOR)
		return NODE_NONE;
	return alias_unit(g, un->node);
}

/* How one side is known: for an actor, each of its sources (the files
 * that state it, copies folded) and why it speaks for the actor: the
 * report or campaign attributed to it and the reason (attribution.h), or
 * the file's own statements about it; otherwise that it stands alone. */
static void attribution_lines(struct strbuf *sb, const struct graph *g, struct overlap *ov,
			      const struct brief_sources *bs, uint32_t u, const char *who)
{
	const struct unit *un = overlap_unit(ov, u);
	const struct attribution_table *t = overlap_attribution(ov);
	strbuf_adds(sb, "- ");
	if (who) {
		strbuf_addf(sb, "**%s**, ", who);
		md(sb, overlap_unit_name(ov, u));
	} else {
		strbuf_adds(sb, "**");
		md(sb, overlap_unit_name(ov, u));
		strbuf_adds(sb, "**");
	}
	uint32_t root = actor_root(g, ov, u);
	if (root == NODE_NONE) {
		const struct attribution *a = t ? attribution_of(t, un->node) : NULL;
		strbuf_adds(sb, ": stands alone, no actor claims it");
		if (a && a->reason != ATTRIB_NONE) {
			struct strbuf d = STRBUF_INIT;
			attribution_describe(g, a, &d);
			strbuf_adds(sb, " (");
			md(sb, strbuf_str(&d));
			strbuf_adds(sb, ")");
			strbuf_free(&d);
		}
		strbuf_adds(sb, ".\n");
		return;
	}
	uint32_t top = overlap_unit_parent(ov, u);
	if (top != UINT32_MAX) {
		strbuf_adds(sb, ", a source of ");
		md(sb, overlap_unit_name(ov, top));
	} else {
		top = u;
	}
	/* per file, the first subject in it that speaks for this actor */
	const struct attribution **by_file = xcalloc(g->file_count + 1, sizeof(*by_file));
	size_t n = 0;
	const struct attribution *all = t ? attribution_all(t, &n) : NULL;
	for (size_t i = 0; i < n; i++) {
		uint32_t f = g->nodes[all[i].subject].file;
		if (all[i].reason == ATTRIB_NONE || f >= g->file_count || by_file[f])
			continue;
		uint32_t roots[8];
		size_t nr = attribution_roots(t, all[i].subject, roots, 8);
		for (size_t k = 0; k < nr && k < 8; k++)
			if (roots[k] == root)
				by_file[f] = &all[i];
	}
	/* its sources: the source units one level down, or, for an actor
	 * known from one file, the files on its paths */
	uint32_t *files = xcalloc(g->file_count + 1, sizeof(*files));
	size_t nfiles = 0;
	for (size_t i = overlap_unit_count(ov); i < overlap_unit_count_all(ov); i++) {
		const struct unit *s = overlap_unit(ov, (uint32_t)i);
		if (s->parent != top || s->kind != UNIT_SOURCE || s->group >= g->file_count)
			continue;
		/* the side itself when it is one source; else every source */
		if (u == top || i == u)
			files[nfiles++] = s->group;
	}
	if (!nfiles) {
		char *seen = xcalloc(g->file_count + 1, 1);
		size_t nm;
		const struct membership *m = overlap_members(ov, u, &nm);
		for (size_t i = 0; i < nm; i++)
			path_sources(g, &m[i], files, &nfiles, g->file_count);
		for (size_t i = 0; i < nfiles; i++)
			seen[files[i]] = 1;
		if (un->node < g->node_count && g->nodes[un->node].file < g->file_count &&
		    !seen[g->nodes[un->node].file])
			files[nfiles++] = g->nodes[un->node].file;
		free(seen);
		sort_bs = bs;
		if (nfiles > 1)
			qsort(files, nfiles, sizeof(*files), cmp_name);
	}
	size_t shown = 0, total = nfiles;
	struct strbuf d = STRBUF_INIT;
	for (size_t i = 0; i < nfiles; i++) {
		uint32_t f = files[i];
		if (shown == 0)
			strbuf_adds(sb, ": its sources and why each speaks for it\n");
		if (shown >= ATTRIBUTIONS_SHOWN)
			continue;
		shown++;
		strbuf_adds(sb, "  - ");
		md(sb, brief_sources_name(bs, f));
		strbuf_adds(sb, ": ");
		const struct attribution *a = by_file[f];
		if (a) {
			strbuf_addf(sb, "its %s '", kind_name(g->nodes[a->subject].kind));
			md(sb, graph_node_label(g, a->subject));
			strbuf_adds(sb, "', ");
			strbuf_reset(&d);
			attribution_describe(g, a, &d);
			md(sb, strbuf_str(&d));
		} else {
			/* the actor the file itself states, when it is a merged alias */
			uint32_t own = NODE_NONE;
			for (uint32_t m = 0; m < g->node_count && own == NODE_NONE; m++)
				if (g->nodes[m].kind == NODE_ACTOR && g->nodes[m].file == f &&
				    alias_unit(g, m) == root)
					own = m;
			if (own != NODE_NONE &&
			    strcmp(graph_node_label(g, own), overlap_unit_name(ov, top)) != 0) {
				strbuf_adds(sb, "states ");
				md(sb, graph_node_label(g, own));
				strbuf_adds(sb, ", merged into ");
				md(sb, overlap_unit_name(ov, top));
				strbuf_adds(sb, " as an alias (`agx aliases` says on whose claim)");
			} else {
				strbuf_adds(sb, "states the actor itself (an actor object, a list "
						"named for it)");
			}
		}
		strbuf_addc(sb, '\n');
	}
	free(files);
	strbuf_free(&d);
	free(by_file);
	if (total > shown)
		strbuf_addf(sb, "  - and %zu more\n", total - shown);
	if (!total)
		strbuf_adds(sb, ": no input states it with a value\n");
}

static void attribution_section(struct strbuf *sb, const struct graph *g, struct overlap *ov,
				const struct brief_sources *bs, uint32_t ua, uint32_t ub)
{
	if (ub == UINT32_MAX) {
		strbuf_adds(sb, "## How it is attributed\n\n");
		attribution_lines(sb, g, ov, bs, ua, NULL);
	} else {
		strbuf_adds(sb, "## How each side is attributed\n\n");
		attribution_lines(sb, g, ov, bs, ua, "A");
		attribution_lines(sb, g, ov, bs, ub, "B");
	}
	strbuf_addc(sb, '\n');
}

static void sources_section(struct strbuf *sb, const struct graph *g,
			    const struct brief_sources *bs)
{
	strbuf_addf(sb,
		    "## Data sources\n\nThe %zu input file%s this brief rests on (of %zu loaded): "
		    "the paths to every value of its units, and what its diagrams draw.\n\n"
		    "| Source | File | Format | Data up to | TLP | References |\n"
		    "| --- | --- | --- | --- | --- | --- |\n",
		    bs->nfiles, bs->nfiles == 1 ? "" : "s", g->file_count);
	char buf[16];
	for (size_t i = 0; i < bs->nfiles; i++) {
		uint32_t f = bs->files[i];
		const struct src_file *sf = &g->files[f];
		strbuf_adds(sb, "| ");
		md(sb, brief_sources_name(bs, f));
		strbuf_adds(sb, " | ");
		md(sb, graph_str(g, sf->path));
		strbuf_adds(sb, " | ");
		md(sb, graph_str(g, sf->format));
		strbuf_addf(sb, " | %s | %s | ", day(sf->date, buf), tlp_text(sf->tlp));
		uint32_t refs[REFS_SHOWN];
		size_t nr = brief_sources_refs(bs, f, refs, REFS_SHOWN);
		for (size_t k = 0; k < nr && k < REFS_SHOWN; k++) {
			if (k)
				strbuf_adds(sb, "; ");
			md(sb, graph_str(g, refs[k]));
		}
		if (nr > REFS_SHOWN)
			strbuf_addf(sb, "; and %zu more", nr - REFS_SHOWN);
		if (!nr)
			strbuf_adds(sb, "-");
		strbuf_adds(sb, " |\n");
	}
	strbuf_adds(sb, "\n");
}

static void tail(struct strbuf *sb, const struct graph *g, const struct brief_sources *bs,
		 const struct brief_opts *o)
{
	if (o->cluster_diagram) {
		strbuf_addf(sb, "## The cluster\n\n![The cluster](%s)\n\n", o->cluster_diagram);
	} else if (o->cluster_note) {
		strbuf_adds(sb, "## The cluster\n\n");
		md(sb, o->cluster_note);
		strbuf_adds(sb, "\n\n");
	}
	sources_section(sb, g, bs);
	if (o->command) {
		/* a fenced block shows the command as typed; a fence inside it is
		 * broken so the block cannot be closed early */
		strbuf_adds(sb, "## How to reproduce\n\n```sh\n");
		for (const char *p = o->command; *p; p++) {
			if (p[0] == '`' && p[1] == '`' && p[2] == '`') {
				strbuf_adds(sb, "`\\``");
				p += 2;
			} else if (*p == '\n' || *p == '\r') {
				strbuf_addc(sb, ' ');
			} else {
				strbuf_addc(sb, *p);
			}
		}
		strbuf_adds(sb, "\n```\n");
	}
}

/* --- near misses -------------------------------------------------------------------------- */

static int ipv4_of(const struct graph *g, uint32_t v, uint32_t *out)
{
	struct in_addr ad;
	if (g->nodes[v].kind != NODE_IPV4 || inet_pton(AF_INET, graph_node_key(g, v), &ad) != 1)
		return 0;
	*out = ntohl(ad.s_addr);
	return 1;
}

/* Whether domain key d is a subdomain of domain key p. */
static int below(const char *d, const char *p)
{
	size_t ld = strlen(d), lp = strlen(p);
	return ld > lp && d[ld - lp - 1] == '.' && strcmp(d + ld - lp, p) == 0;
}

/* Values only one side reaches, beside a value both reach: the same /24 as
 * a shared address, a subdomain or the parent of a shared domain. overlap_why
 * compares only values neither shares; these are the neighbours of what is
 * shared ("27.102.113.57, B's alone, in the /24 of the shared
 * 27.102.113.240"). Returns the rows written. */
static size_t beside_shared(struct strbuf *sb, const struct graph *g, struct overlap *ov,
			    uint32_t ua, uint32_t ub, const struct evidence *ev, size_t n)
{
	size_t rows = 0;
	for (int side = 0; side < 2; side++) {
		size_t nm;
		const struct membership *m = overlap_members(ov, side ? ub : ua, &nm);
		for (size_t i = 0; i < nm && rows < 50; i++) {
			uint32_t v = m[i].value;
			int shared = 0;
			for (size_t k = 0; k < n && !shared; k++)
				shared = ev[k].value == v;
			if (shared || overlap_value_list(ov, v))
				continue;
			uint32_t ip = 0;
			int is_ip = ipv4_of(g, v, &ip);
			const char *key = graph_node_key(g, v);
			for (size_t k = 0; k < n; k++) {
				uint32_t s = ev[k].value, sip = 0;
				const char *why = NULL;
				if (is_ip && ipv4_of(g, s, &sip) && (sip >> 8) == (ip >> 8))
					why = "same /24 as the shared value";
				else if (g->nodes[v].kind == NODE_DOMAIN &&
					 g->nodes[s].kind == NODE_DOMAIN) {
					if (below(key, graph_node_key(g, s)))
						why = "subdomain of the shared value";
					else if (below(graph_node_key(g, s), key))
						why = "parent domain of the shared value";
				}
				if (!why)
					continue;
				if (!rows)
					strbuf_adds(
					    sb, "Beside what both reach: values only one of them "
						"reaches, next to a shared one.\n\n| Value | "
						"Reached by | Shared value | Why |\n| --- | --- "
						"| --- | --- |\n");
				strbuf_adds(sb, "| ");
				md(sb, graph_node_label(g, v));
				strbuf_addf(sb, " | %s only | ", side ? "B" : "A");
				md(sb, graph_node_label(g, s));
				strbuf_addf(sb, " | %s |\n", why);
				rows++;
				break;
			}
		}
	}
	if (rows)
		strbuf_addc(sb, '\n');
	return rows;
}

static void near_section(struct strbuf *sb, const struct graph *g, struct overlap *ov, uint32_t ua,
			 uint32_t ub, const struct evidence *ev, size_t n,
			 const struct near_miss *near, size_t nnear)
{
	strbuf_adds(sb, "## Near misses\n\n");
	if (!nnear)
		strbuf_adds(sb, "Among the values only one of them reaches, none is a subdomain, "
				"parent, look-alike or /24 neighbour of one only the other "
				"reaches.\n\n");
	else
		strbuf_adds(sb,
			    "Values only one of them reaches, close to one only the other reaches: "
			    "not shared, not counted, worth a look.\n\n| A's value | B's value | "
			    "Why |\n| --- | --- | --- |\n");
	for (size_t i = 0; i < nnear; i++) {
		strbuf_adds(sb, "| ");
		md(sb, graph_node_label(g, near[i].value_a));
		strbuf_adds(sb, " | ");
		md(sb, graph_node_label(g, near[i].value_b));
		strbuf_adds(sb, " | ");
		md(sb, near[i].why);
		strbuf_adds(sb, " |\n");
	}
	if (nnear)
		strbuf_adds(sb, "\n");
	beside_shared(sb, g, ov, ua, ub, ev, n);
}

/* --- the two briefs --------------------------------------------------------------------------- */

char *brief_pair_md(const struct graph *g, struct overlap *ov, uint32_t ua, uint32_t ub,
		    const struct brief_opts *o)
{
	struct strbuf sb = STRBUF_INIT;
	struct brief_sources bs;
	brief_sources_of(g, ov, ua, ub, o, &bs);
	const char *na = overlap_unit_name(ov, ua), *nb = overlap_unit_name(ov, ub);
	header(&sb, g, &bs, "Is %A linked to %B?", na, nb);

	uint32_t k = overlap_pair_find(ov, ua, ub);
	const struct overlap_pair *p = k == UINT32_MAX ? NULL : overlap_pair_at(ov, k);
	const struct annot_verdict *v = NULL;
	if (o->annot) {
		char *key =
		    annot_pair_key(g, overlap_unit(ov, ua)->node, overlap_unit(ov, ub)->node);
		v = annot_verdict_find(o->annot, key);
		free(key);
	}
	strbuf_adds(&sb, "## The answer in numbers\n\n| Measure | Value |\n| --- | --- |\n");
	int rel = p ? p->relation : overlap_relation_of(ov, ua, ub);
	if (rel >= 0)
		strbuf_addf(&sb, "| Relation | %s (%s) |\n", overlap_relation_name(rel),
			    relation_meaning(rel));
	if (p) {
		strbuf_addf(&sb,
			    "| Score (shared evidence against chance, 0..1) | %.3f |\n"
			    "| Shared weight expected by chance for sets of these sizes | %.3f |\n",
			    p->score, p->chance);
		strbuf_addf(&sb, "| Raw shared weight | %.3f |\n", p->weight);
		strbuf_addf(&sb, "| Shared values counted | %u (of %u shared) |\n", p->shared,
			    p->shared_all);
		strbuf_addf(&sb,
			    "| Tool and malware overlap (separate, not in the score) | %.3f (%u "
			    "shared) |\n",
			    p->tools, p->ntools);
		strbuf_addf(&sb, "| ATT&CK technique overlap (separate) | %.3f (%u shared) |\n",
			    p->techniques, p->ntechniques);
		strbuf_addf(&sb, "| Above the cluster threshold %.2f | %s |\n", o->threshold,
			    p->score >= o->threshold ? "yes" : "no");
	} else {
		strbuf_adds(&sb, "| Score | 0 (no shared infrastructure) |\n");
	}
	strbuf_addf(&sb, "| Analyst verdict | %s",
		    verdict_name(v ? v->verdict : VERDICT_UNREVIEWED));
	/* who gave it, and when, where the workspace records the author */
	if (v && v->verdict != VERDICT_UNREVIEWED && v->author && *v->author) {
		strbuf_adds(&sb, " (");
		when_who(&sb, v->when, v->author);
		strbuf_adds(&sb, ")");
	}
	strbuf_adds(&sb, " |\n\n");
	analyst_notes(&sb, g, o->annot, overlap_unit(ov, ua)->node, overlap_unit(ov, ub)->node);
	attribution_section(&sb, g, ov, &bs, ua, ub);
	if (o->diagram)
		strbuf_addf(&sb, "![The evidence: A on the left, B on the right](%s)\n\n",
			    o->diagram);

	struct evidence *ev = NULL;
	struct near_miss *near = NULL;
	size_t nnear = 0;
	size_t n = overlap_why(ov, ua, ub, &ev, &near, &nnear);
	strbuf_adds(&sb, "## The evidence\n\n");
	if (!n)
		strbuf_adds(&sb, "No infrastructure value is reached by both.\n\n");
	else
		strbuf_adds(&sb,
			    "| Value | Kind | df | Weight | Dates | Sources | Confidence | "
			    "Verdict |\n| --- | --- | ---: | ---: | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < n; i++) {
		const struct evidence *e = &ev[i];
		strbuf_adds(&sb, "| ");
		md(&sb, graph_node_label(g, e->value));
		strbuf_addf(&sb, " | %s | %u | %.3f | ", kind_name(g->nodes[e->value].kind), e->df,
			    e->weight);
		window_cell(&sb, "A", e->in_a);
		strbuf_adds(&sb, "; ");
		window_cell(&sb, "B", e->in_b);
		strbuf_adds(&sb, " | ");
		sources_cell(&sb, g, &bs, e->in_a, e->in_b);
		strbuf_adds(&sb, " | ");
		conf_cell(&sb, e->in_a, e->in_b);
		strbuf_adds(&sb, " | ");
		status_cell(&sb, e);
		notes_of(&sb, g, o->annot, e->value);
		strbuf_adds(&sb, " |\n");
	}
	if (n) {
		strbuf_adds(&sb, "\nA is ");
		md(&sb, na);
		strbuf_adds(&sb, ", B is ");
		md(&sb, nb);
		strbuf_adds(&sb,
			    ". df: how many units reach the value. Weight = idf x type x list x "
			    "confidence x time (x 0.5 when both sides hold the value from one "
			    "publisher only).\n\n### How each value is reached\n\n");
	}
	struct strbuf path = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const struct evidence *e = &ev[i];
		strbuf_adds(&sb, "- **");
		md(&sb, graph_node_label(g, e->value));
		strbuf_addf(&sb, "** (idf %.2f, type %.2f, list %.2f, confidence %.2f, time %.2f",
			    e->idf, e->type, e->list, e->conf, e->time);
		if (e->flags & EV_ONE_PUBLISHER) {
			strbuf_addf(&sb, ", source %.2f: both sides from one publisher, ", e->src);
			md(&sb, graph_str(g, e->publisher));
		}
		strbuf_adds(&sb, ")\n");
		const struct membership *ms[2] = {e->in_a, e->in_b};
		for (int s = 0; s < 2; s++) {
			if (!ms[s])
				continue;
			strbuf_reset(&path);
			overlap_path_text(ov, ms[s], &path);
			strbuf_addf(&sb, "  - %s: ", s ? "B" : "A");
			md(&sb, strbuf_str(&path));
			strbuf_adds(&sb, "\n");
		}
	}
	strbuf_free(&path);
	if (n)
		strbuf_adds(&sb, "\n");
	near_section(&sb, g, ov, ua, ub, ev, n, near, nnear);
	free(ev);
	free(near);
	tail(&sb, g, &bs, o);
	brief_sources_free(&bs);
	return strbuf_detach(&sb);
}

char *brief_unit_md(const struct graph *g, struct overlap *ov, uint32_t u,
		    const struct brief_opts *o)
{
	struct strbuf sb = STRBUF_INIT;
	struct brief_sources bs;
	brief_sources_of(g, ov, u, UINT32_MAX, o, &bs);
	const char *name = overlap_unit_name(ov, u);
	header(&sb, g, &bs, "What links %A to others?", name, NULL);
	size_t nm, nt;
	const struct membership *m = overlap_members(ov, u, &nm);
	overlap_tools(ov, u, &nt);
	strbuf_addf(&sb, "## The unit\n\n%zu infrastructure value%s, %zu tool%s and malware.\n\n",
		    nm, nm == 1 ? "" : "s", nt, nt == 1 ? "" : "s");
	attribution_section(&sb, g, ov, &bs, u, UINT32_MAX);
	if (o->diagram)
		strbuf_addf(&sb, "![The unit](%s)\n\n", o->diagram);
	const struct overlap_pair *links[LINKS_SHOWN];
	size_t shown = strongest_links(ov, u, links, LINKS_SHOWN);
	strbuf_adds(&sb, "## Strongest links\n\n");
	if (shown)
		strbuf_adds(&sb,
			    "| Other unit | Relation | Score | Raw weight | Shared | Tools | "
			    "Techniques |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
	for (size_t k = 0; k < shown; k++) {
		const struct overlap_pair *p = links[k];
		strbuf_adds(&sb, "| ");
		md(&sb, overlap_unit_name(ov, p->a == u ? p->b : p->a));
		strbuf_addf(&sb, " | %s | %.3f | %.3f | %u | %.3f | %.3f |\n",
			    overlap_relation_name(p->relation), p->score, p->weight, p->shared,
			    p->tools, p->techniques);
	}
	strbuf_adds(&sb, shown ? "\n" : "No other unit shares infrastructure with it.\n\n");
	strbuf_adds(&sb, "## Infrastructure\n\n");
	if (nm)
		strbuf_adds(&sb, "| Value | Kind | df | Dates | Sources | Confidence | Status |\n"
				 "| --- | --- | ---: | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < nm; i++) {
		uint32_t v = m[i].value;
		strbuf_adds(&sb, "| ");
		md(&sb, graph_node_label(g, v));
		strbuf_addf(&sb, " | %s | %u | ", kind_name(g->nodes[v].kind), overlap_df(ov, v));
		char b1[16], b2[16];
		if (m[i].first == DATE_UNKNOWN && m[i].last == DATE_UNKNOWN)
			strbuf_adds(&sb, "undated");
		else
			strbuf_addf(&sb, "%s to %s", day(m[i].first, b1), day(m[i].last, b2));
		strbuf_adds(&sb, " | ");
		sources_cell(&sb, g, &bs, &m[i], NULL);
		strbuf_adds(&sb, " | ");
		conf_cell(&sb, &m[i], NULL);
		strbuf_adds(&sb, " | ");
		const char *list = overlap_value_list(ov, v);
		if (list) {
			strbuf_adds(&sb, "warninglisted (");
			md(&sb, list);
			strbuf_adds(&sb, ")");
		} else {
			strbuf_adds(&sb, overlap_df(ov, v) > 1 ? "shared" : "own");
		}
		notes_of(&sb, g, o->annot, v);
		strbuf_adds(&sb, " |\n");
	}
	if (nm)
		strbuf_adds(&sb, "\n");
	tail(&sb, g, &bs, o);
	brief_sources_free(&bs);
	return strbuf_detach(&sb);
}
