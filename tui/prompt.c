#include "tui/prompt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/text.h"
#include "tui/app.h"
#include "tui/keys.h"
#include "tui/export_view.h"
#include "graph/overlap.h"
#include "graph/warnlist.h"

/* --- the line editor ---------------------------------------------------------------------- */

void prompt_open(struct prompt *p, int mode, const char *initial)
{
	p->mode = mode;
	snprintf(p->buf, sizeof(p->buf), "%s", initial ? initial : "");
	p->len = p->pos = strlen(p->buf);
}

void prompt_close(struct prompt *p)
{
	p->mode = PR_NONE;
	p->buf[0] = '\0';
	p->len = p->pos = 0;
}

const char *prompt_label(const struct prompt *p)
{
	switch (p->mode) {
	case PR_COMMAND:
		return ":";
	case PR_SEARCH:
		return "/";
	case PR_FILTER:
		return "filter: ";
	case PR_NOTE:
		return "note: ";
	default:
		return "";
	}
}

static size_t prev_cp(const struct prompt *p, size_t i)
{
	while (i > 0 && ((unsigned char)p->buf[i - 1] & 0xc0) == 0x80)
		i--;
	return i > 0 ? i - 1 : 0;
}

static size_t next_cp(const struct prompt *p, size_t i)
{
	if (i >= p->len)
		return p->len;
	i++;
	while (i < p->len && ((unsigned char)p->buf[i] & 0xc0) == 0x80)
		i++;
	return i;
}

static void cut(struct prompt *p, size_t from, size_t to)
{
	memmove(p->buf + from, p->buf + to, p->len - to + 1);
	p->len -= to - from;
	p->pos = from;
}

int prompt_edit(struct prompt *p, int action)
{
	switch (action) {
	case ACT_PROMPT_BACKSPACE:
		if (p->pos == 0)
			return 0;
		cut(p, prev_cp(p, p->pos), p->pos);
		return 1;
	case ACT_PROMPT_DELETE:
		if (p->pos >= p->len)
			return 0;
		cut(p, p->pos, next_cp(p, p->pos));
		return 1;
	case ACT_PROMPT_LEFT:
		p->pos = p->pos ? prev_cp(p, p->pos) : 0;
		return 0;
	case ACT_PROMPT_RIGHT:
		p->pos = next_cp(p, p->pos);
		return 0;
	case ACT_PROMPT_HOME:
		p->pos = 0;
		return 0;
	case ACT_PROMPT_END:
		p->pos = p->len;
		return 0;
	case ACT_PROMPT_KILL:
		if (!p->len)
			return 0;
		cut(p, 0, p->len);
		return 1;
	case ACT_PROMPT_WORD: {
		size_t i = p->pos;
		while (i > 0 && p->buf[i - 1] == ' ')
			i--;
		while (i > 0 && p->buf[i - 1] != ' ')
			i--;
		if (i == p->pos)
			return 0;
		cut(p, i, p->pos);
		return 1;
	}
	default:
		return 0;
	}
}

int prompt_insert(struct prompt *p, int cp)
{
	if (cp < 0x20 || cp == 0x7f || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	char b[4];
	size_t n = text_utf8_encode((unsigned)cp, b);
	if (p->len + n >= sizeof(p->buf))
		return 0;
	memmove(p->buf + p->pos + n, p->buf + p->pos, p->len - p->pos + 1);
	memcpy(p->buf + p->pos, b, n);
	p->len += n;
	p->pos += n;
	return 1;
}

/* --- the commands ------------------------------------------------------------------------- */

static unsigned cmd_threshold(struct app *a, const char *arg)
{
	char *end;
	errno = 0;
	double t = strtod(arg, &end);
	if (!*arg || errno || *end || t < 0 || t > 1) {
		app_message(a, 1, ":threshold needs a number from 0 to 1, not '%s'", arg);
		return RX_REDRAW;
	}
	a->threshold = t;
	app_message(a, 0, "threshold %.2f", t);
	/* clusters are cut from the scores at any threshold: no recompute */
	return RX_REBUILD | RX_DETAIL | RX_REDRAW;
}

static unsigned cmd_dfcap(struct app *a, const char *arg)
{
	char *end;
	errno = 0;
	long n = strtol(arg, &end, 10);
	if (!*arg || errno || *end || n < 1 || n > 1000000) {
		app_message(a, 1, ":dfcap needs a whole number from 1, not '%s'", arg);
		return RX_REDRAW;
	}
	a->df_cap = (int)n;
	app_message(a, 0, "df cap %ld: recomputed", n);
	return RX_RECOMPUTE | RX_REDRAW;
}

static unsigned cmd_asof(struct app *a, const char *arg)
{
	if (strcmp(arg, "none") == 0 || strcmp(arg, "off") == 0 || !*arg) {
		a->asof = DATE_UNKNOWN;
		app_message(a, 0, "as-of cleared: everything counts");
		return RX_RECOMPUTE | RX_REDRAW;
	}
	int32_t d = date_parse(arg);
	if (d == DATE_UNKNOWN) {
		app_message(a, 1, ":asof needs a date like 2023-06-01 (or none), not '%s'", arg);
		return RX_REDRAW;
	}
	a->asof = d;
	char buf[16];
	app_message(a, 0, "as of %s: recomputed", date_format(d, buf, sizeof(buf)));
	return RX_RECOMPUTE | RX_REDRAW;
}

static unsigned cmd_load(struct app *a, const char *arg)
{
	if (!*arg) {
		app_message(a, 1, ":load needs a file or directory");
		return RX_REDRAW;
	}
	size_t nodes = a->g->node_count, errs = a->cli->diags.counts[DIAG_ERROR];
	/* the overlap result borrows the graph: let it go before the graph grows */
	if (a->ov)
		overlap_free(a->ov);
	a->ov = NULL;
	/* a long load can be stopped with Ctrl-C (what was read stays) */
	struct load_opts lo = a->cli->load;
	lo.cancel = a->busy_begin ? a->busy_begin(a, "loading") : NULL;
	int rc = load_path(a->g, arg, &lo, &a->cli->diags);
	int stopped = a->busy_end && a->busy_end(a);
	graph_finish(a->g);
	alias_report_ambiguous(a->g, &a->cli->diags);
	size_t added = a->g->node_count - nodes;
	size_t nerr = a->cli->diags.counts[DIAG_ERROR] - errs;
	if (rc || nerr) {
		const char *first = "";
		for (size_t i = a->cli->diags.count; i-- > 0;)
			if (a->cli->diags.items[i].level == DIAG_ERROR) {
				first = a->cli->diags.items[i].msg;
				break;
			}
		if (stopped)
			app_message(a, 1, "%s: loading stopped (Ctrl-C); %zu nodes added", arg,
				    added);
		else
			app_message(a, 1, "%s: %zu error%s (%s); %zu nodes added", arg, nerr,
				    nerr == 1 ? "" : "s", first, added);
	} else {
		app_message(a, 0, "loaded %s: %zu nodes added", arg, added);
	}
	return RX_RECOMPUTE | RX_REDRAW;
}

static unsigned cmd_sort(struct app *a, const char *arg)
{
	static const char *const names[] = {"name", "degree", "score"};
	for (int i = 0; i < SORT_COUNT; i++)
		if (strcmp(arg, names[i]) == 0) {
			app_list(a, a->tab)->sort = (uint8_t)i;
			return RX_REBUILD | RX_REDRAW;
		}
	app_message(a, 1, ":sort name, degree or score");
	return RX_REDRAW;
}

static unsigned cmd_verdict(struct app *a, const char *arg)
{
	for (int v = VERDICT_UNREVIEWED; v <= VERDICT_DISMISSED; v++)
		if (strcmp(arg, verdict_name(v)) == 0)
			return app_set_verdict(a, v);
	app_message(a, 1, ":verdict confirmed, dismissed or unreviewed");
	return RX_REDRAW;
}

/* :note TEXT saves at once; :note alone opens the note line. */
static unsigned cmd_note(struct app *a, const char *arg)
{
	unsigned rx = app_action(a, ACT_NOTE);
	if (a->prompt.mode != PR_NOTE || !*arg)
		return rx;
	for (const char *p = arg; *p;) {
		unsigned cp;
		size_t k = text_utf8_decode(p, strlen(p), &cp);
		if (!k)
			k = 1, cp = '?';
		prompt_insert(&a->prompt, (int)cp);
		p += k;
	}
	return app_key(a, TK_ENTER);
}

unsigned prompt_run_command(struct app *a, const char *line)
{
	while (*line == ' ' || *line == ':')
		line++;
	char name[64];
	size_t n = strcspn(line, " ");
	if (n == 0)
		return RX_REDRAW;
	if (n >= sizeof(name)) {
		app_message(a, 1, "unknown command");
		return RX_REDRAW;
	}
	memcpy(name, line, n);
	name[n] = '\0';
	const char *arg = line + n;
	while (*arg == ' ')
		arg++;
	char argbuf[1024];
	snprintf(argbuf, sizeof(argbuf), "%s", arg);
	size_t al = strlen(argbuf);
	while (al && argbuf[al - 1] == ' ')
		argbuf[--al] = '\0';
	if (strcmp(name, "q") == 0 || strcmp(name, "quit") == 0 || strcmp(name, "q!") == 0)
		return RX_QUIT;
	if (strcmp(name, "threshold") == 0)
		return cmd_threshold(a, argbuf);
	if (strcmp(name, "dfcap") == 0 || strcmp(name, "df-cap") == 0)
		return cmd_dfcap(a, argbuf);
	if (strcmp(name, "asof") == 0)
		return cmd_asof(a, argbuf);
	if (strcmp(name, "load") == 0)
		return cmd_load(a, argbuf);
	if (strcmp(name, "filter") == 0) {
		unsigned rx = app_set_filter(a, argbuf);
		if (!a->msg_error)
			app_message(a, 0, a->filter.text[0] ? "filter: %s" : "filter cleared%s",
				    a->filter.text);
		return rx;
	}
	if (strcmp(name, "sort") == 0)
		return cmd_sort(a, argbuf);
	if (strcmp(name, "verdict") == 0)
		return cmd_verdict(a, argbuf);
	if (strcmp(name, "note") == 0)
		return cmd_note(a, argbuf);
	if (strcmp(name, "export") == 0)
		return export_view_command(a, argbuf);
	int act = action_from_name(name);
	if (act > ACT_NONE && act < ACT_PROMPT_ACCEPT && act != ACT_COMMAND)
		return app_action(a, act);
	app_message(a, 1, "unknown command ':%s' (? lists them)", name);
	return RX_REDRAW;
}
