/* Shared by the overlap commands: the overlaps of the inputs, unit lookup
 * with suggestions, terminal-safe cells. */
#include "tui/cmd/overlap_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph/date.h"
#include "graph/text.h"
#include "graph/xalloc.h"
#include "tui/session/workspace.h"

int overlap_cli_open(struct cli *c, struct overlap_session *s)
{
	return overlap_cli_open_kept(c, s, 0, 0, 0);
}

int overlap_cli_open_kept(struct cli *c, struct overlap_session *s, unsigned relations,
			  size_t keep_top, int keep_by)
{
	memset(s, 0, sizeof(*s));
	int rc = session_load(&c->session, 0);
	if (session_warninglists(&c->session, &s->lists) != EXIT_OK)
		rc = EXIT_INPUT;
	annot_init(&s->annot);
	workspace_load_quiet(&c->session, &s->annot);
	decisions_apply_aliases(c->session.g, &s->annot, NULL);
	decisions_attribs(&s->annot, &s->decisions);
	session_overlap_opts(&c->session, &s->opts);
	s->opts.lists = s->lists;
	s->opts.relations = relations;
	s->opts.keep_top = keep_top;
	s->opts.keep_by = keep_by;
	s->opts.decisions = s->decisions.v;
	s->opts.ndecisions = s->decisions.n;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	s->ov = overlap_compute(c->session.g, &s->opts);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s->compute_ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	session_warninglists_dropped(s->lists);
	return rc;
}

void overlap_cli_close(struct overlap_session *s)
{
	overlap_free(s->ov);
	warnlist_free(s->lists);
	s->ov = NULL;
	s->lists = NULL;
	decisions_free(&s->decisions);
	annot_free(&s->annot);
}

uint32_t overlap_cli_unit(const struct overlap *ov, const char *name)
{
	uint32_t u = overlap_unit_find(ov, name);
	if (u != UINT32_MAX)
		return u;
	uint32_t sugg[5];
	size_t n = overlap_unit_suggest(ov, name, sugg, 5);
	struct strbuf sb = STRBUF_INIT, nm = STRBUF_INIT;
	text_escape_into(&nm, name, 0);
	strbuf_addf(&sb, "no actor or unit named '%s'", strbuf_str(&nm));
	for (size_t i = 0; i < n; i++) {
		strbuf_adds(&sb, i ? ", '" : "; did you mean '");
		text_escape_into(&sb, overlap_unit_name(ov, sugg[i]), 0);
		strbuf_addc(&sb, '\'');
	}
	if (n)
		strbuf_addc(&sb, '?');
	cli_usage_error("%s", strbuf_str(&sb));
	strbuf_free(&sb);
	strbuf_free(&nm);
	return UINT32_MAX;
}

int overlap_cli_width(const char *s)
{
	return text_width(s ? s : "", 0);
}

void overlap_cli_cell(struct strbuf *sb, const char *s, int width, int pad)
{
	struct strbuf e = STRBUF_INIT;
	text_display_into(&e, s ? s : "", 0);
	const char *p = strbuf_str(&e);
	size_t n = e.len;
	int total = text_width(s ? s : "", 0);
	int w = 0;
	int limit = width > 0 && total > width ? width - 1 : -1; /* room for the ellipsis */
	while (n) {
		unsigned cp;
		size_t k = text_utf8_decode(p, n, &cp);
		if (!k)
			k = 1;
		int cw = text_width_n(p, k, 0);
		if (limit >= 0 && w + cw > limit)
			break;
		strbuf_add(sb, p, k);
		w += cw;
		p += k;
		n -= k;
	}
	if (limit >= 0) {
		strbuf_adds(sb, MB_CUR_MAX > 1 ? "\u2026" : "~");
		w++;
	}
	while (pad && w < width) {
		strbuf_addc(sb, ' ');
		w++;
	}
	strbuf_free(&e);
}

static const char *relation_kind(const struct overlap *ov, uint32_t u)
{
	static const char *const names[] = {"actor", "campaign", "report", "file", "source"};
	const struct unit *un = overlap_unit(ov, u);
	return un && un->kind <= UNIT_SOURCE ? names[un->kind] : "unit";
}

static void note_name(const struct overlap *ov, const char *name, uint32_t u, int how,
		      struct strbuf *notes)
{
	if (how == MATCH_NAME || how == MATCH_NONE)
		return;
	strbuf_adds(notes, "'");
	text_escape_into(notes, name, 0);
	strbuf_adds(notes, "' ");
	uint32_t parent = overlap_unit_parent(ov, u);
	if (how == MATCH_ALIAS) {
		strbuf_adds(notes, "is not a unit's name: it is a name of the actor ");
	} else if (parent != UINT32_MAX) {
		strbuf_addf(notes, "is the %s ", relation_kind(ov, u));
		text_escape_into(notes, overlap_unit_name(ov, u), 0);
		strbuf_adds(notes, " of the actor ");
		u = parent;
	} else {
		strbuf_adds(notes, "is a file or report of ");
	}
	text_escape_into(notes, overlap_unit_name(ov, u), 0);
	strbuf_addc(notes, '\n');
}

int overlap_cli_pair(const struct overlap *ov, const char *na, const char *nb, uint32_t *a,
		     uint32_t *b, struct strbuf *notes)
{
	int ha, hb;
	uint32_t ua = overlap_unit_find_how(ov, na, &ha);
	if (ua == UINT32_MAX && overlap_cli_unit(ov, na) == UINT32_MAX)
		return EXIT_USAGE;
	uint32_t ub = overlap_unit_find_how(ov, nb, &hb);
	if (ub == UINT32_MAX && overlap_cli_unit(ov, nb) == UINT32_MAX)
		return EXIT_USAGE;
	note_name(ov, na, ua, ha, notes);
	note_name(ov, nb, ub, hb, notes);
	uint32_t pa = overlap_unit_parent(ov, ua), pb = overlap_unit_parent(ov, ub);
	uint32_t ta = pa != UINT32_MAX ? pa : ua, tb = pb != UINT32_MAX ? pb : ub;
	if (ta == tb) {
		/* one actor: the sources or campaigns the two names designate */
		uint32_t sa = pa != UINT32_MAX ? ua : overlap_unit_find_within(ov, ta, na);
		uint32_t sb = pb != UINT32_MAX ? ub : overlap_unit_find_within(ov, tb, nb);
		if (sa != UINT32_MAX && sb != UINT32_MAX && sa != sb &&
		    overlap_relation_of(ov, sa, sb) >= 0) {
			strbuf_adds(notes, "both name the actor ");
			text_escape_into(notes, overlap_unit_name(ov, ta), 0);
			strbuf_addf(notes, ": comparing its %ss ", relation_kind(ov, sa));
			text_escape_into(notes, overlap_unit_name(ov, sa), 0);
			strbuf_adds(notes, " and ");
			text_escape_into(notes, overlap_unit_name(ov, sb), 0);
			strbuf_addc(notes, '\n');
			*a = sa;
			*b = sb;
			return 0;
		}
		struct strbuf nm = STRBUF_INIT;
		text_escape_into(&nm, overlap_unit_name(ov, ta), 0);
		if (sa != UINT32_MAX && sb != UINT32_MAX && sa != sb)
			cli_usage_error("'%s' and '%s' are a %s and a %s of %s: name two sources "
					"(files) or two campaigns",
					na, nb, relation_kind(ov, sa), relation_kind(ov, sb),
					strbuf_str(&nm));
		else
			cli_usage_error("'%s' and '%s' name the same unit (%s); to compare its "
					"sources or campaigns, name them (a file name, a campaign)",
					na, nb, strbuf_str(&nm));
		strbuf_free(&nm);
		return EXIT_USAGE;
	}
	if (pa != UINT32_MAX || pb != UINT32_MAX) {
		/* a part of one actor against another actor: the two actors */
		strbuf_adds(notes, "comparing the actors ");
		text_escape_into(notes, overlap_unit_name(ov, ta), 0);
		strbuf_adds(notes, " and ");
		text_escape_into(notes, overlap_unit_name(ov, tb), 0);
		strbuf_addc(notes, '\n');
	}
	*a = ta;
	*b = tb;
	return 0;
}
