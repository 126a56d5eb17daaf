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

int overlap_cli_open(struct cli *c, struct overlap_session *s)
{
	memset(s, 0, sizeof(*s));
	int rc = session_load(&c->session, 0);
	if (session_warninglists(&c->session, &s->lists) != EXIT_OK)
		rc = EXIT_INPUT;
	session_overlap_opts(&c->session, &s->opts);
	s->opts.lists = s->lists;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	s->ov = overlap_compute(c->session.g, &s->opts);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s->compute_ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	return rc;
}

void overlap_cli_close(struct overlap_session *s)
{
	overlap_free(s->ov);
	warnlist_free(s->lists);
	s->ov = NULL;
	s->lists = NULL;
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
