/* tui_run: the explorer's main loop, the one place that turns reactions
 * into drawing (htop's model). Keys come from the terminal, or from a
 * --script file in a headless run that draws into the same grid and can
 * dump it as text. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/app.h"
#include "tui/commands.h"
#include "tui/grid.h"
#include "tui/keys.h"
#include "tui/keytimes.h"
#include "tui/script.h"
#include "tui/term.h"
#include "tui/view.h"

static int keytimes_wanted(void)
{
	const char *e = getenv("AGX_KEYTIMES");
	return e && *e && strcmp(e, "0") != 0;
}

/* Headless: the same keys and drawing, no terminal. The locale decides
 * only between UTF-8 and ASCII, so dumps do not depend on where they run
 * when C.UTF-8 exists. */
static int run_script(struct app *a, struct cli *c, struct keytimes *kt)
{
	struct script s = {0};
	char err[1024];
	if (c->script && script_load(c->script, c->load.max_file_bytes, &s, err, sizeof(err))) {
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
			rx = prompt_run_command(a, st->cmd);
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
		if (cli_write_output(c->dump_screen, text, strlen(text)))
			rc = EXIT_INPUT;
		free(text);
	}
	grid_free(g);
	script_free(&s);
	return rc;
}

/* A click: tabs on the top row, rows of the list and the detail pane. */
static unsigned click(struct app *a, int y, int x)
{
	struct geom geo;
	app_geometry(a, &geo);
	if (y == geo.tabs_y) {
		/* the tab titles are drawn in order; find which one is under x */
		int pos = 0;
		for (int t = 0; t < TAB_COUNT; t++) {
			int w = (int)strlen(tab_title(t)) + 4;
			if (x < pos + w)
				return app_action(a, ACT_TAB_ACTORS + t);
			pos += w;
		}
		return RX_NONE;
	}
	int row = y - geo.body_y - 1;
	if (row < 0 || row >= geo.list_rows || a->screen != SCR_TAB || a->tab == TAB_GRAPH)
		return RX_NONE;
	if (x < geo.list_w) {
		struct list *l = app_list(a, a->tab);
		a->pane = PANE_LIST;
		if (l->top + (size_t)row < l->n)
			app_select_row(a, l->top + (size_t)row);
		return RX_DETAIL | RX_REDRAW;
	}
	if (x > geo.list_w && a->detail.top + (size_t)row < a->detail.n) {
		a->pane = PANE_DETAIL;
		a->detail.cur = a->detail.top + (size_t)row;
		return RX_REDRAW;
	}
	return RX_NONE;
}

/* The screen of the running explorer, for a long task's message. */
static struct grid *busy_grid;

static const volatile sig_atomic_t *busy_begin(struct app *a, const char *what)
{
	app_message(a, 0, "%s (Ctrl-C stops)", what);
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

static int run_terminal(struct app *a, struct cli *c, struct keytimes *kt)
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
			rx = click(a, my, mx);
		} else {
			rx = app_key(a, key);
		}
		rx = app_react(a, rx);
		if (rx & RX_QUIT)
			break;
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

int tui_run(struct cli *c)
{
	int load_rc = cli_load(c, 0);
	int ascii = c->ascii;
	if (!ascii && !term_locale_utf8()) {
		/* headless dumps are UTF-8 whenever the system can do it; a
		 * terminal in a non-UTF-8 locale gets ASCII (LIBNOTES §4) */
		if (c->script || c->dump_screen)
			ascii = !setlocale(LC_CTYPE, "C.UTF-8") || !term_locale_utf8();
		else
			ascii = 1;
	}
	c->ascii = ascii;
	struct app a;
	char err[1024];
	if (app_init(&a, c, err, sizeof(err))) {
		fprintf(stderr, "agx: %s\n", err);
		app_free(&a);
		return EXIT_INPUT;
	}
	/* errors printed before the screen was taken would be hidden behind it:
	 * say so on the status line (they are on the terminal again on exit) */
	size_t nerr = c->diags.counts[DIAG_ERROR];
	if (nerr) {
		const struct diag *first = NULL;
		for (size_t i = 0; i < c->diags.count && !first; i++)
			if (c->diags.items[i].level == DIAG_ERROR)
				first = &c->diags.items[i];
		char *line = first ? diag_format(first, graph_file_path(c->g, first->file)) : NULL;
		snprintf(a.msg, sizeof(a.msg), "%zu input error%s (listed again on exit): %s", nerr,
			 nerr == 1 ? "" : "s", line ? line : "");
		a.msg_error = 1;
		free(line);
	}
	struct keytimes kt = {0};
	int rc = c->script || c->dump_screen ? run_script(&a, c, &kt) : run_terminal(&a, c, &kt);
	/* with the dump (the benchmark reads it there) or on request */
	if (keytimes_wanted() || (c->dump_screen && kt.n))
		keytimes_print(&kt, stderr);
	keytimes_free(&kt);
	app_free(&a);
	return rc == EXIT_OK ? load_rc : rc;
}
