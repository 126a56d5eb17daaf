/* The explorer's `:` command line: the PROMPT_COMMANDS table's handlers
 * (prompt.h) and the keys of the prompt line (Enter acts on the line by its
 * mode, Tab completes, Up/Down walk the history). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/date.h"
#include "graph/diag.h"
#include "graph/text.h"
#include "graph/xalloc.h"
#include "tui/explorer/app.h"
#include "tui/explorer/app_int.h"
#include "tui/explorer/complete.h"
#include "tui/explorer/keys.h"
#include "tui/session/session.h"
#include "tui/session/workspace.h"

/* --- the `:` commands: the PROMPT_COMMANDS table's handlers (prompt.h) --------------------- */

static unsigned pc_export(struct app *a, const char *arg)
{
	return app_export_on_screen(a, arg);
}

static unsigned pc_threshold(struct app *a, const char *arg)
{
	char *end;
	errno = 0;
	double t = strtod(arg, &end);
	if (!*arg || errno || *end || t < 0 || t > 1) {
		app_say(a, 1, ":threshold needs a number from 0 to 1, not '%s'", arg);
		return RX_REDRAW;
	}
	a->m.threshold = t;
	app_say(a, 0, "threshold %.2f", t);
	/* clusters are cut from the scores at any threshold: no recompute */
	return RX_REBUILD | RX_DETAIL | RX_REDRAW;
}

static unsigned pc_dfcap(struct app *a, const char *arg)
{
	char *end;
	errno = 0;
	long n = strtol(arg, &end, 10);
	if (!*arg || errno || *end || n < 1 || n > 1000000) {
		app_say(a, 1, ":dfcap needs a whole number from 1, not '%s'", arg);
		return RX_REDRAW;
	}
	a->df_cap = (int)n;
	app_say(a, 0, "df cap %ld: recomputed", n);
	return RX_RECOMPUTE | RX_REDRAW;
}

static unsigned pc_load(struct app *a, const char *text)
{
	if (!*text) {
		app_say(a, 1, ":load needs a file or directory");
		return RX_REDRAW;
	}
	/* ~ expanded, and copied: text may live in the prompt, which a restart
	 * below clears */
	char arg[1024];
	complete_expand_home(text, arg, sizeof(arg));
	struct session *s = a->session;
	size_t nodes = a->m.g->node_count, errs = s->diags.counts[DIAG_ERROR];
	/* the overlap result borrows the graph: let it go before the graph grows */
	model_drop_overlaps(&a->m);
	/* the session loads it as naming it at start-up would (session.h);
	 * a long load can be stopped with Ctrl-C (what was read stays) */
	int fresh = 0;
	s->load.cancel = a->busy_begin ? a->busy_begin(a, "loading") : NULL;
	int rc = session_load_more(s, arg, &fresh);
	s->load.cancel = NULL;
	int stopped = a->busy_end && a->busy_end(a);
	if (fresh) {
		/* the bundled data was set aside: a new graph, so every node id
		 * held here is stale; start again on it, keeping the screen and
		 * the main loop's hooks */
		struct explorer_opts o = a->opts;
		int cols = a->cols, rows = a->rows, tab = a->tab;
		const volatile sig_atomic_t *(*bb)(struct app *, const char *) = a->busy_begin;
		int (*be)(struct app *) = a->busy_end;
		char err[512];
		app_free(a);
		int bad = app_init(a, s, &o, err, sizeof(err));
		a->cols = cols, a->rows = rows, a->tab = (uint8_t)tab;
		a->busy_begin = bb;
		a->busy_end = be;
		if (bad) {
			app_say(a, 1, "%s", err);
			return RX_RECOMPUTE | RX_REBUILD | RX_REDRAW;
		}
		/* app_init computed the overlaps and lists on the new graph */
		nodes = errs = 0;
	}
	size_t added = a->m.g->node_count - nodes;
	size_t nerr = s->diags.counts[DIAG_ERROR] - errs;
	const char *aside = fresh ? " (the bundled data set aside)" : "";
	if (rc || nerr) {
		const char *first = "";
		for (size_t i = s->diags.count; i-- > 0;)
			if (s->diags.items[i].level == DIAG_ERROR) {
				first = s->diags.items[i].msg;
				break;
			}
		if (stopped)
			app_say(a, 1, "%s: loading stopped (Ctrl-C); %zu nodes added%s", arg, added,
				aside);
		else
			app_say(a, 1, "%s: %zu error%s (%s); %zu nodes added%s", arg, nerr,
				nerr == 1 ? "" : "s", first, added, aside);
	} else {
		app_say(a, 0, "loaded %s: %zu nodes added%s", arg, added, aside);
	}
	return fresh ? RX_REDRAW : RX_RECOMPUTE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
}

static unsigned pc_asof(struct app *a, const char *arg)
{
	if (strcmp(arg, "none") == 0 || strcmp(arg, "off") == 0 || !*arg) {
		a->asof = DATE_UNKNOWN;
		app_say(a, 0, "as-of cleared: everything counts");
		return RX_RECOMPUTE | RX_REDRAW;
	}
	int32_t d = date_parse(arg);
	if (d == DATE_UNKNOWN) {
		app_say(a, 1, ":asof needs a date like 2023-06-01 (or none), not '%s'", arg);
		return RX_REDRAW;
	}
	a->asof = d;
	char buf[16];
	app_say(a, 0, "as of %s: recomputed", date_format(d, buf, sizeof(buf)));
	return RX_RECOMPUTE | RX_REDRAW;
}

static unsigned pc_filter(struct app *a, const char *arg)
{
	return app_set_filter(a, arg);
}

static unsigned pc_sort(struct app *a, const char *arg)
{
	if (a->tab == TAB_GRAPH || a->tab == TAB_CLUSTERS || a->tab >= TAB_ALIASES) {
		app_say(a, 0, "this list has one order");
		return RX_REDRAW;
	}
	for (int i = 0; i < SORT_COUNT; i++)
		if (strcmp(arg, lists_sort_name(a->tab, i)) == 0) {
			a->lists_[a->tab].sort = (uint8_t)i;
			return RX_REBUILD | RX_DETAIL | RX_REDRAW;
		}
	app_say(a, 1, ":sort %s, %s or %s", lists_sort_name(a->tab, 0), lists_sort_name(a->tab, 1),
		lists_sort_name(a->tab, 2));
	return RX_REDRAW;
}

static unsigned pc_verdict(struct app *a, const char *arg)
{
	for (int v = VERDICT_UNREVIEWED; v <= VERDICT_DISMISSED; v++)
		if (strcmp(arg, verdict_name(v)) == 0)
			return app_set_verdict(a, v);
	app_say(a, 1, ":verdict confirmed, dismissed or unreviewed");
	return RX_REDRAW;
}

/* :note TEXT saves at once; :note alone opens the note line. */
static unsigned pc_note(struct app *a, const char *arg)
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

static unsigned pc_quit(struct app *a, const char *arg)
{
	(void)a, (void)arg;
	return RX_QUIT;
}

typedef unsigned command_fn(struct app *a, const char *arg);

static command_fn *const command_handlers[PC_COUNT] = {
#define X(e, name, args, help, fn) [e] = fn,
    PROMPT_COMMANDS(X)
#undef X
};

unsigned app_command(struct app *a, const char *line)
{
	char name[64], arg[1024];
	int pc = prompt_command(line, name, sizeof(name), arg, sizeof(arg));
	if (pc >= 0)
		return command_handlers[pc](a, arg);
	if (pc == PC_EMPTY)
		return RX_REDRAW;
	if (pc == PC_TOO_LONG) {
		app_say(a, 1, "unknown command");
		return RX_REDRAW;
	}
	int act = action_from_name(name);
	if (act > ACT_NONE && act < ACT_PROMPT_ACCEPT && act != ACT_COMMAND)
		return app_action(a, act);
	app_say(a, 1, "unknown command ':%s' (? lists them)", name);
	return RX_REDRAW;
}

/* --- keys --------------------------------------------------------------------------------- */

/* Enter on the prompt line: the line is acted on by its mode. */
static unsigned accept_line(struct app *a)
{
	char line[sizeof(a->prompt.buf)];
	switch (prompt_take(&a->prompt, line, sizeof(line))) {
	case PR_COMMAND:
		return app_command(a, line);
	case PR_SEARCH:
		if (line[0])
			app_push(a);
		return RX_REDRAW;
	case PR_FILTER:
		return app_set_filter(a, line);
	case PR_NOTE:
		if (!line[0]) {
			app_say(a, 0,
				a->note_edit[0] ? "empty note not saved: D deletes a note"
						: "empty note not saved");
			a->note_edit[0] = '\0';
			return RX_REDRAW;
		}
		if (a->note_edit[0]) {
			int rc = workspace_edit_note(&a->ws, &a->m.annot, a->note_edit, line);
			a->note_edit[0] = '\0';
			app_say(a, rc != 0,
				rc ? "the note is gone (another session deleted it?)"
				   : "note changed");
			return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
		}
		workspace_add_note(&a->ws, &a->m.annot, a->note_key, line);
		app_say(a, 0, "note saved");
		return RX_SAVE | RX_REBUILD | RX_DETAIL | RX_REDRAW;
	}
	return RX_REDRAW;
}

/* Tab on the prompt line: the word completed as far as its candidates
 * agree; Tab again shows each candidate in turn. The candidates are listed
 * on the message line. */
static unsigned complete_line(struct app *a)
{
	struct prompt *p = &a->prompt;
	if (p->mode == PR_NOTE)
		return RX_NONE;
	if (!p->comp_active) {
		/* the word as typed, before any completion */
		size_t ws;
		char **v;
		size_t n = complete_candidates(p->mode, p->buf, p->pos, &a->m, &ws, &v);
		complete_free(v, n);
		p->comp_start = ws;
		snprintf(p->comp_word, sizeof(p->comp_word), "%.*s", (int)(p->pos - ws),
			 p->buf + ws);
		p->comp_next = 0;
	}
	/* the candidates of the word as typed */
	char line[sizeof(p->buf) + sizeof(p->comp_word)];
	snprintf(line, sizeof(line), "%.*s%s", (int)p->comp_start, p->buf, p->comp_word);
	size_t ws;
	char **v;
	size_t n = complete_candidates(p->mode, line, strlen(line), &a->m, &ws, &v);
	if (!n) {
		app_say(a, 1, "no completion for '%s'", p->comp_word);
		complete_free(v, n);
		return RX_REDRAW;
	}
	char common[sizeof(p->buf)];
	complete_common(v, n, common, sizeof(common));
	int dir_or_word = n == 1 && v[0][strlen(v[0]) - 1] != '/' && v[0][strlen(v[0]) - 1] != '=';
	if (n == 1 || (!p->comp_active && strlen(common) > strlen(p->comp_word))) {
		prompt_replace(p, p->comp_start, n == 1 ? v[0] : common);
		/* a whole command or value is followed by a blank, as in a shell */
		if (dir_or_word && p->mode != PR_SEARCH && p->pos == p->len)
			prompt_insert(p, ' ');
		if (n == 1) {
			p->comp_active = 0;
			a->msg[0] = '\0';
		} else {
			snprintf(p->comp_word, sizeof(p->comp_word), "%s", common);
			p->comp_active = 1;
		}
	} else {
		/* cycle */
		prompt_replace(p, p->comp_start, v[p->comp_next % n]);
		p->comp_next++;
		p->comp_active = 1;
	}
	if (n > 1) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%zu: ", n);
		for (size_t i = 0; i < n && sb.len < 400; i++)
			strbuf_addf(&sb, "%s%s", i ? "  " : "", v[i]);
		app_say(a, 0, "%s", strbuf_str(&sb));
		strbuf_free(&sb);
	}
	complete_free(v, n);
	if (p->mode == PR_SEARCH) {
		snprintf(a->search.needle, sizeof(a->search.needle), "%s", p->buf);
		app_restore(a, &a->search_origin);
		char keep[sizeof(a->msg)];
		snprintf(keep, sizeof(keep), "%s", a->msg);
		if (a->search.needle[0] && !app_search_go(a, +1, 1))
			app_say(a, 1, "no match for '%s'", a->search.needle);
		else
			snprintf(a->msg, sizeof(a->msg), "%s", keep);
	}
	return RX_REDRAW;
}

unsigned app_prompt_key(struct app *a, int key)
{
	switch (prompt_key(&a->prompt, key)) {
	case PE_ACCEPT:
		return accept_line(a);
	case PE_COMPLETE:
		return complete_line(a);
	case PE_CANCEL: {
		int mode = a->prompt.mode;
		prompt_close(&a->prompt);
		if (mode == PR_SEARCH) {
			app_restore(a, &a->search_origin);
			return RX_REDRAW;
		}
		app_say(a, 0, mode == PR_NOTE ? "note not saved" : "");
		a->note_edit[0] = '\0';
		return RX_REDRAW;
	}
	case PE_EDITED:
		if (a->prompt.mode == PR_SEARCH) {
			/* search as you type, from where the search started */
			snprintf(a->search.needle, sizeof(a->search.needle), "%s", a->prompt.buf);
			app_restore(a, &a->search_origin);
			if (a->search.needle[0] && !app_search_go(a, +1, 1))
				app_say(a, 1, "no match for '%s'", a->search.needle);
			else
				a->msg[0] = '\0';
		}
		return RX_REDRAW;
	default:
		return RX_REDRAW;
	}
}
