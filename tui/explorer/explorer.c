/* explorer_run: the explorer's main loop, the one place that turns reactions
 * into drawing (htop's model). Keys come from the terminal, or from a
 * --script file in a headless run that draws into the same grid and can
 * dump it as text. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/atomic.h"
#include "tui/explorer/app.h"
#include "tui/explorer/explorer.h"
#include "tui/explorer/grid.h"
#include "tui/explorer/keys.h"
#include "tui/explorer/keytimes.h"
#include "tui/explorer/progress.h"
#include "tui/explorer/script.h"
#include "tui/session/session.h"
#include "tui/explorer/term.h"
#include "tui/explorer/view.h"

static int keytimes_wanted(void)
{
	const char *e = getenv("AGX_KEYTIMES");
	return e && *e && strcmp(e, "0") != 0;
}

/* Headless: the same keys and drawing, no terminal. The locale decides
 * only between UTF-8 and ASCII, so dumps do not depend on where they run
 * when C.UTF-8 exists. */
static int run_script(struct app *a, const struct explorer_opts *c, struct keytimes *kt)
{
	struct script s = {0};
	char err[1024];
	if (c->script &&
	    script_load(c->script, a->session->load.max_file_bytes, &s, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		return EXIT_USAGE;
	}
	struct grid *g = grid_new(c->width, c->height, a->ascii);
	a->cols = c->width;
	a->rows = c->height;
	app_react(a, RX_DETAIL);
	view_draw(a, g);
	/* AGX_SLOW_MS=N: name the script lines whose keys took N ms or more */
	const char *slow = getenv("AGX_SLOW_MS");
	double slow_ms = slow ? atof(slow) : 0;
	for (size_t i = 0; i < s.n; i++) {
		const struct step *st = &s.steps[i];
		double t0 = keytimes_now_ms();
		unsigned rx;
		if (st->kind == STEP_SIZE) {
			grid_resize(g, st->w, st->h);
			a->cols = st->w;
			a->rows = st->h;
			rx = app_key(a, TK_RESIZE);
		} else if (st->kind == STEP_COMMAND) {
			rx = app_command(a, st->cmd);
		} else {
			rx = app_key(a, st->key);
		}
		rx = app_react(a, rx);
		if (rx & RX_QUIT)
			break;
		if (rx & RX_REDRAW)
			view_draw(a, g);
		double ms = keytimes_now_ms() - t0;
		keytimes_add(kt, ms);
		if (slow_ms > 0 && ms >= slow_ms)
			fprintf(stderr, "%s:%d: %.1f ms\n", c->script, st->line, ms);
	}
	int rc = EXIT_OK;
	if (c->dump_screen) {
		char *text = grid_dump(g);
		/* "-": standard output; else what the path names (graph/atomic.h) */
		int bad = strcmp(c->dump_screen, "-") == 0
			      ? fputs(text, stdout) == EOF || fflush(stdout) != 0
			      : atomic_write(c->dump_screen, text, strlen(text), 0, err, sizeof(err)) != 0;
		if (bad) {
			if (strcmp(c->dump_screen, "-") == 0)
				snprintf(err, sizeof(err), "cannot write to standard output");
			fprintf(stderr, "agx: %s\n", err);
			rc = EXIT_INPUT;
		}
		free(text);
	}
	grid_free(g);
	script_free(&s);
	return rc;
}

/* The screen of the running explorer, for a long task's message. */
static struct grid *busy_grid;

static const volatile sig_atomic_t *busy_begin(struct app *a, const char *what)
{
	snprintf(a->msg, sizeof(a->msg), "%s (Ctrl-C stops)", what);
	a->msg_error = 0;
	if (busy_grid) {
		view_draw(a, busy_grid);
		term_blit(busy_grid, 0);
	}
	return term_busy_begin();
}

static int busy_end(struct app *a)
{
	(void)a;
	return term_busy_end();
}

static int run_terminal(struct app *a, const struct explorer_opts *c, struct keytimes *kt)
{
	char err[1024];
	if (term_open(c->mouse, err, sizeof(err))) {
		fprintf(stderr, "agx: %s\n", err);
		return EXIT_USAGE;
	}
	int w, h;
	term_size(&w, &h);
	struct grid *g = grid_new(w, h, a->ascii);
	a->cols = w;
	a->rows = h;
	busy_grid = g;
	a->busy_begin = busy_begin;
	a->busy_end = busy_end;
	app_react(a, RX_DETAIL);
	view_draw(a, g);
	term_blit(g, 1);
	int hangup = 0;
	for (;;) {
		if (term_stop_signal())
			break;
		int key = term_read_key(100);
		if (key == TERM_KEY_HANGUP) {
			hangup = 1;
			break;
		}
		if (key == TERM_KEY_NONE)
			continue;
		double t0 = keytimes_now_ms();
		unsigned rx;
		if (key == TK_RESIZE) {
			term_size(&w, &h);
			grid_resize(g, w, h);
			a->cols = w;
			a->rows = h;
			rx = app_key(a, key);
		} else if (key == TK_MOUSE) {
			int my, mx;
			term_mouse(&my, &mx);
			rx = app_click(a, my, mx);
		} else {
			rx = app_key(a, key);
		}
		rx = app_react(a, rx);
		if (rx & RX_QUIT)
			break;
		if ((rx & RX_COPY) && a->clipboard)
			term_clipboard(a->clipboard);
		if (rx & RX_REDRAW) {
			view_draw(a, g);
			term_blit(g, (rx & RX_FULL_REDRAW) != 0);
		}
		keytimes_add(kt, keytimes_now_ms() - t0);
	}
	if (term_stop_signal() || hangup) {
		/* keys already typed (a note and its Enter) still count; then
		 * keep a note still being typed */
		for (int i = 0; i < 4096 && !hangup; i++) {
			int key = term_poll_key();
			if (key == TERM_KEY_NONE || key == TERM_KEY_HANGUP)
				break;
			app_react(a, app_key(a, key));
		}
		app_save_pending(a);
	}
	term_close();
	busy_grid = NULL;
	grid_free(g);
	int sig = term_stop_signal();
	if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP)
		return 128 + sig;
	return EXIT_OK;
}

int explorer_run(struct session *s, const struct explorer_opts *opts)
{
	/* large inputs take seconds: say how far along, on the terminal the
	 * screen will take (headless runs stay silent) */
	struct progress pr;
	int headless = opts->script || opts->dump_screen;
	progress_start(&pr, &s->load, headless ? NULL : stderr);
	int load_rc = session_load(s, 0);
	progress_phase(&pr, "computing overlaps");
	struct explorer_opts o = *opts;
	if (!o.ascii && !term_locale_utf8()) {
		/* headless dumps are UTF-8 whenever the system can do it; a
		 * terminal in a non-UTF-8 locale gets ASCII: ncurses drops
		 * non-ASCII text there and draws lines with the terminal's ACS */
		if (o.script || o.dump_screen)
			o.ascii = !setlocale(LC_CTYPE, "C.UTF-8") || !term_locale_utf8();
		else
			o.ascii = 1;
	}
	struct app a;
	char err[1024];
	int init = app_init(&a, s, &o, err, sizeof(err));
	progress_end(&pr, &s->load);
	if (init) {
		fprintf(stderr, "agx: %s\n", err);
		app_free(&a);
		return EXIT_INPUT;
	}
	/* errors printed before the screen was taken would be hidden behind it:
	 * say so on the status line (they are on the terminal again on exit) */
	size_t nerr = s->diags.counts[DIAG_ERROR];
	if (nerr) {
		const struct diag *first = NULL;
		for (size_t i = 0; i < s->diags.count && !first; i++)
			if (s->diags.items[i].level == DIAG_ERROR)
				first = &s->diags.items[i];
		char *line = first ? diag_format(first, graph_file_path(s->g, first->file)) : NULL;
		if (s->g->node_count == 0 && first)
			/* an empty screen needs its reason first, where 80 columns
			 * still show it */
			snprintf(a.msg, sizeof(a.msg), "nothing to explore, %zu input error%s: %s (%s)",
				 nerr, nerr == 1 ? "" : "s", first->msg,
				 graph_file_path(s->g, first->file));
		else
			snprintf(a.msg, sizeof(a.msg), "%zu input error%s (! lists them): %s",
				 nerr, nerr == 1 ? "" : "s", line ? line : "");
		a.msg_error = 1;
		free(line);
	}
	struct keytimes kt = {0};
	int rc = o.script || o.dump_screen ? run_script(&a, &o, &kt) : run_terminal(&a, &o, &kt);
	/* with the dump (the benchmark reads it there) or on request */
	if (keytimes_wanted() || (o.dump_screen && kt.n))
		keytimes_print(&kt, stderr);
	keytimes_free(&kt);
	app_free(&a);
	return rc == EXIT_OK ? load_rc : rc;
}
