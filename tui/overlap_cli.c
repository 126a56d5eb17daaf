/* Shared by the overlap commands: options, warninglists, unit lookup with
 * suggestions, terminal-safe cells. */
#include "tui/overlap_cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "graph/date.h"
#include "graph/diag.h"
#include "graph/infile.h"
#include "graph/text.h"
#include "graph/xalloc.h"

void overlap_cli_opts(const struct cli *c, struct overlap_opts *o)
{
	overlap_opts_default(o);
	if (c->df_cap > 0)
		o->df_cap = c->df_cap;
	if (c->slack_days >= 0)
		o->slack_days = c->slack_days;
	o->asof = c->asof;
	if (c->threshold >= 0)
		o->threshold = c->threshold;
	o->include_revoked = c->include_revoked;
}

static void print_list_diags(const struct diag_list *d)
{
	for (size_t i = 0; i < d->count; i++) {
		struct diag tmp = d->items[i];
		const char *path = tmp.where;
		tmp.where = NULL;
		char *s = diag_format(&tmp, path);
		fprintf(stderr, "%s\n", s);
		free(s);
	}
}

/* One --warninglist FILE, opened through graph/infile.h like every input: at
 * most --max-size bytes, a FIFO or device refused, a pipe (<(cmd)) read to
 * its end first into a temporary file the list reader can open by name. */
static int load_list(struct warnlist_set *s, const char *path, size_t max, struct diag_list *d)
{
	struct infile in;
	char err[256];
	if (infile_open(&in, path, max, NULL, err, sizeof(err)) != 0) {
		diag_add(d, UINT32_MAX, DIAG_ERROR, in.code, 0, 0, path, "%s", err);
		return -1;
	}
	if (!in.spooled) {
		infile_close(&in);
		return warnlist_load(s, path, d);
	}
	const char *tmpdir = getenv("TMPDIR");
	char *tmp = xasprintf("%s/agx-list.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemp(tmp);
	int rc = fd < 0 ? -1 : 0;
	char buf[65536];
	size_t n;
	while (rc == 0 && (n = fread(buf, 1, sizeof(buf), in.fp)) > 0)
		if (write(fd, buf, n) != (ssize_t)n)
			rc = -1;
	infile_close(&in);
	if (fd >= 0)
		close(fd);
	if (rc != 0) {
		diag_add(d, UINT32_MAX, DIAG_ERROR, D_IO, 0, 0, path,
			 "cannot copy the pipe to a temporary file: %s", strerror(errno));
	} else {
		size_t before = d->count;
		rc = warnlist_load(s, tmp, d);
		/* its diagnostics name the pipe, not our copy */
		for (size_t i = before; i < d->count; i++)
			if (d->items[i].where && !strcmp(d->items[i].where, tmp)) {
				free(d->items[i].where);
				d->items[i].where = xstrdup(path);
			}
	}
	if (fd >= 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int overlap_cli_lists(const struct cli *c, struct warnlist_set **out)
{
	struct warnlist_set *s = warnlist_new();
	struct diag_list d;
	diag_init(&d);
	int rc = EXIT_OK;
	if (!c->no_builtin_lists) {
		char *dir = xasprintf("%s/warninglists", cli_data_dir());
		/* a missing bundled directory is not the user's error */
		if (access(dir, R_OK) == 0 && warnlist_load_dir(s, dir, &d))
			rc = EXIT_INPUT;
		free(dir);
	}
	for (size_t i = 0; i < c->nwarninglists; i++)
		if (load_list(s, c->warninglists[i], c->load.max_file_bytes, &d))
			rc = EXIT_INPUT;
	print_list_diags(&d);
	diag_free(&d);
	*out = s;
	return rc;
}

int overlap_cli_open(struct cli *c, struct overlap_session *s)
{
	memset(s, 0, sizeof(*s));
	int rc = cli_load(c, 0);
	if (overlap_cli_lists(c, &s->lists) != EXIT_OK)
		rc = EXIT_INPUT;
	overlap_cli_opts(c, &s->opts);
	s->opts.lists = s->lists;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	s->ov = overlap_compute(c->g, &s->opts);
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

static int cp_width(unsigned cp)
{
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int overlap_cli_width(const char *s)
{
	struct strbuf e = STRBUF_INIT;
	text_escape_into(&e, s ? s : "", 0);
	int w = 0;
	const char *p = strbuf_str(&e);
	size_t n = e.len;
	while (n) {
		unsigned cp;
		size_t k = text_utf8_decode(p, n, &cp);
		if (!k)
			k = 1;
		w += cp_width(cp);
		p += k;
		n -= k;
	}
	strbuf_free(&e);
	return w;
}

void overlap_cli_cell(struct strbuf *sb, const char *s, int width, int pad)
{
	struct strbuf e = STRBUF_INIT;
	text_escape_into(&e, s ? s : "", 0);
	const char *p = strbuf_str(&e);
	size_t n = e.len;
	int total = overlap_cli_width(s);
	int w = 0;
	int limit = width > 0 && total > width ? width - 1 : -1; /* room for the ellipsis */
	while (n) {
		unsigned cp;
		size_t k = text_utf8_decode(p, n, &cp);
		if (!k)
			k = 1;
		int cw = cp_width(cp);
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
