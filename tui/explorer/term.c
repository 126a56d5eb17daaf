#include "tui/explorer/term.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "tui/explorer/grid.h"
#include "tui/explorer/keys.h"

static SCREEN *screen;
static int active;
static int colors; /* 0: monochrome / NO_COLOR, 8, 256 */
static int have_saved_tio;
static struct termios saved_tio;
static volatile sig_atomic_t stop_signal;
/* while a long task runs (term_busy_begin): Ctrl-C is a signal that stops
 * the task, not agx */
static volatile sig_atomic_t busy, interrupted;
static int mouse_y, mouse_x;
static attr_t style_attr[ST_COUNT];
static short style_pair[ST_COUNT];

int term_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* --- signals ------------------------------------------------------------------------------ */

static void on_stop(int sig)
{
	if (sig == SIGINT && busy) {
		interrupted = 1;
		return;
	}
	stop_signal = sig;
}

/* A crash: give the terminal back with async-signal-safe calls only, then
 * die of the same signal (SA_RESETHAND), keeping the core and status. */
static void on_crash(int sig)
{
	if (have_saved_tio)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
	static const char reset[] = "\033[?1000l\033[?1049l\033[?25h\033[0m\r\n";
	static const char msg[] = "agx: crashed; the terminal was restored and notes already "
				  "saved are in the workspace file\r\n";
	ssize_t r = write(STDOUT_FILENO, reset, sizeof(reset) - 1);
	r = write(STDERR_FILENO, msg, sizeof(msg) - 1);
	(void)r;
	raise(sig);
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop; /* no SA_RESTART: get_wch returns and we look */
	/* under nohup SIGHUP stays ignored; a dead terminal is then noticed by
	 * poll() in read_key() */
	struct sigaction old;
	if (sigaction(SIGHUP, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
		sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	/* a dead terminal must not kill us before the workspace is safe */
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigaction(SIGPIPE, &sa, NULL);
}

int term_stop_signal(void)
{
	return stop_signal;
}

const volatile sig_atomic_t *term_busy_begin(void)
{
	interrupted = 0;
	busy = 1;
	if (active) {
		noraw();
		cbreak(); /* the terminal turns Ctrl-C into SIGINT again */
	}
	return &interrupted;
}

int term_busy_end(void)
{
	busy = 0;
	if (active) {
		raw();
		flushinp(); /* keys typed while busy are dropped, not replayed */
	}
	return interrupted;
}

/* --- palette -------------------------------------------------------------------------------- */

struct look {
	short fg8, bg8, fg256, bg256;
	attr_t attr; /* with colours */
	attr_t mono; /* without */
};

/* By enum style. -1 is the terminal's default colour. */
static const struct look looks[ST_COUNT] = {
    [ST_NORMAL] = {-1, -1, -1, -1, A_NORMAL, A_NORMAL},
    [ST_DIM] = {-1, -1, 245, -1, A_DIM, A_DIM},
    [ST_TITLE] = {COLOR_CYAN, -1, 117, -1, A_BOLD, A_BOLD},
    [ST_HEADER] = {COLOR_WHITE, COLOR_BLUE, 252, 24, A_NORMAL, A_UNDERLINE},
    [ST_TAB] = {COLOR_WHITE, COLOR_BLUE, 252, 238, A_NORMAL, A_NORMAL},
    [ST_TAB_ACTIVE] = {COLOR_BLACK, COLOR_CYAN, 16, 117, A_BOLD, A_REVERSE | A_BOLD},
    [ST_SELECTED] = {-1, -1, -1, -1, A_REVERSE, A_REVERSE},
    [ST_SELECTED_DIM] = {COLOR_BLACK, COLOR_WHITE, 255, 240, A_NORMAL, A_UNDERLINE},
    [ST_CURSOR] = {-1, -1, -1, -1, A_REVERSE, A_REVERSE},
    [ST_STATUS] = {COLOR_BLACK, COLOR_WHITE, 16, 250, A_NORMAL, A_REVERSE},
    [ST_MESSAGE] = {COLOR_GREEN, -1, 114, -1, A_NORMAL, A_BOLD},
    [ST_ERROR] = {COLOR_RED, -1, 203, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [ST_ACTOR] = {COLOR_YELLOW, -1, 214, -1, A_NORMAL, A_NORMAL},
    [ST_INFRA] = {COLOR_CYAN, -1, 80, -1, A_NORMAL, A_NORMAL},
    [ST_TOOL] = {COLOR_MAGENTA, -1, 176, -1, A_NORMAL, A_NORMAL},
    [ST_OTHER] = {-1, -1, 250, -1, A_NORMAL, A_NORMAL},
    [ST_STRONG] = {COLOR_GREEN, -1, 78, -1, A_BOLD, A_BOLD},
    [ST_WEAK] = {COLOR_YELLOW, -1, 178, -1, A_NORMAL, A_NORMAL},
    [ST_OVER] = {COLOR_RED, -1, 196, -1, A_NORMAL, A_DIM},
    [ST_CONFIRMED] = {COLOR_GREEN, -1, 40, -1, A_BOLD, A_BOLD},
    [ST_DISMISSED] = {COLOR_RED, -1, 160, -1, A_NORMAL, A_DIM},
    [ST_NOTE] = {COLOR_MAGENTA, -1, 213, -1, A_BOLD, A_BOLD},
    [ST_LINE] = {COLOR_BLUE, -1, 67, -1, A_NORMAL, A_NORMAL},
    [ST_KEY] = {COLOR_CYAN, -1, 51, -1, A_BOLD, A_BOLD},
};

static void setup_palette(void)
{
	const char *nc = getenv("NO_COLOR");
	colors = 0;
	if (!(nc && *nc) && has_colors() && start_color() == OK) {
		use_default_colors();
		colors = COLORS >= 256 && COLOR_PAIRS >= ST_COUNT + 1 ? 256 : COLORS >= 8 ? 8 : 0;
	}
	for (int s = 0; s < ST_COUNT; s++) {
		const struct look *l = &looks[s];
		style_pair[s] = 0;
		if (!colors) {
			style_attr[s] = l->mono;
			continue;
		}
		style_attr[s] = l->attr;
		short fg = colors == 256 ? l->fg256 : l->fg8,
		      bg = colors == 256 ? l->bg256 : l->bg8;
		if (fg == -1 && bg == -1)
			continue;
		/* fixed palette indices only: never redefine the user's colours */
		init_pair((short)(s + 1), fg, bg);
		style_pair[s] = (short)(s + 1);
	}
}

int term_colors(void)
{
	return colors;
}

/* --- open and close --------------------------------------------------------------------------- */

static void at_exit_close(void)
{
	term_close();
}

int term_open(int mouse, char *err, size_t errlen)
{
	const char *term = getenv("TERM");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, errlen,
			 "the explorer needs a terminal on standard input and output; "
			 "use --script FILE for a headless run, or the batch commands "
			 "(agx overlaps, why, export)");
		return -1;
	}
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		snprintf(err, errlen,
			 "TERM=%s cannot move the cursor, so the explorer cannot run "
			 "here; use the batch commands (agx overlaps, why, export) or "
			 "set TERM=xterm-256color",
			 term && *term ? term : "(unset)");
		return -1;
	}
	if (tcgetattr(STDIN_FILENO, &saved_tio) == 0)
		have_saved_tio = 1;
	if (!getenv("ESCDELAY"))
		set_escdelay(25); /* 1000 ms by default: Esc would feel broken */
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		snprintf(err, errlen,
			 "cannot initialise terminal '%s' (no terminfo entry here); try "
			 "TERM=xterm-256color",
			 term);
		return -1;
	}
	const char *cup = tigetstr("cup");
	if (!cup || cup == (char *)-1) {
		endwin();
		delscreen(screen);
		screen = NULL;
		snprintf(err, errlen,
			 "terminal '%s' has no cursor addressing (cup); use the batch "
			 "commands (agx overlaps, why, export) or set TERM=xterm-256color",
			 term);
		return -1;
	}
	active = 1;
	install_signals();
	atexit(at_exit_close);
	raw(); /* Ctrl-C reaches us as a key: it cancels the prompt */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	setup_palette();
	if (mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	return 0;
}

void term_close(void)
{
	if (!active)
		return;
	active = 0;
	curs_set(1);
	endwin();
	if (screen)
		delscreen(screen);
	screen = NULL;
	if (have_saved_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
}

void term_size(int *w, int *h)
{
	*w = COLS;
	*h = LINES;
}

/* --- keys ---------------------------------------------------------------------------------------
 */

static int from_curses(int code)
{
	switch (code) {
	case KEY_UP:
		return TK_UP;
	case KEY_DOWN:
		return TK_DOWN;
	case KEY_LEFT:
		return TK_LEFT;
	case KEY_RIGHT:
		return TK_RIGHT;
	case KEY_PPAGE:
		return TK_PGUP;
	case KEY_NPAGE:
		return TK_PGDN;
	case KEY_HOME:
		return TK_HOME;
	case KEY_END:
		return TK_END;
	case KEY_ENTER:
		return TK_ENTER;
	case KEY_BACKSPACE:
		return TK_BS;
	case KEY_DC:
		return TK_DEL;
	case KEY_BTAB:
		return TK_BTAB;
	case KEY_RESIZE:
		return TK_RESIZE;
	case KEY_F(1):
		return TK_F1;
	case KEY_MOUSE: {
		MEVENT ev;
		if (getmouse(&ev) != OK)
			return TERM_KEY_NONE;
		mouse_y = ev.y;
		mouse_x = ev.x;
		return TK_MOUSE;
	}
	default:
		return TERM_KEY_NONE;
	}
}

static int from_char(wint_t c)
{
	switch (c) {
	case '\t':
		return TK_TAB;
	case '\r':
	case '\n':
		return TK_ENTER;
	case 8:
	case 127:
		return TK_BS;
	case 27:
		return TK_ESC;
	default:
		return (int)c;
	}
}

/* After ERR: is the terminal still there? (A dead one returns ERR at
 * once, forever: without this check we would spin at 100% CPU.) */
static int hung_up(void)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};
	if (poll(&p, 1, 0) < 0)
		return errno != EINTR;
	return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static int read_key(void)
{
	wint_t c;
	int r = get_wch(&c);
	if (r == OK)
		return from_char(c);
	if (r == KEY_CODE_YES)
		return from_curses((int)c);
	if (stop_signal)
		return TERM_KEY_NONE;
	return hung_up() ? TERM_KEY_HANGUP : TERM_KEY_NONE;
}

int term_read_key(int timeout_ms)
{
	timeout(timeout_ms);
	return read_key();
}

int term_poll_key(void)
{
	timeout(0);
	return read_key();
}

void term_mouse(int *y, int *x)
{
	*y = mouse_y;
	*x = mouse_x;
}

/* --- drawing ------------------------------------------------------------------------------------
 */

void term_blit(const struct grid *g, int full)
{
	if (!active)
		return;
	if (full)
		clearok(curscr, TRUE);
	int h = g->h < LINES ? g->h : LINES, w = g->w < COLS ? g->w : COLS;
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			const struct cell *c = &g->cells[(size_t)y * (size_t)g->w + (size_t)x];
			if (c->width == CW_CONT)
				continue;
			if (c->width == CW_WIDE && x + 1 >= w) {
				mvaddch(y, x, ' ');
				continue;
			}
			/* the last cell of the screen: writing it may scroll on
			 * some terminals, which ncurses handles with insert mode */
			wchar_t wc[2] = {(wchar_t)c->ch, 0};
			cchar_t cc;
			setcchar(&cc, wc, style_attr[c->style], style_pair[c->style], NULL);
			mvadd_wch(y, x, &cc);
		}
	}
	refresh();
}

/* --- the clipboard ------------------------------------------------------------------------------
 */

size_t term_clipboard(const char *text)
{
	if (!active)
		return 0;
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(text);
	if (n > TERM_CLIPBOARD_MAX)
		n = TERM_CLIPBOARD_MAX;
	size_t cap = 16 + (n + 2) / 3 * 4;
	char *out = malloc(cap);
	if (!out)
		return 0;
	size_t o = (size_t)snprintf(out, cap, "\033]52;c;");
	const unsigned char *p = (const unsigned char *)text;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
			     (i + 2 < n ? p[i + 2] : 0);
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		out[o++] = i + 2 < n ? b64[v & 63] : '=';
	}
	out[o++] = '\a';
	/* after what curses buffered, straight to the terminal: the escape
	 * moves no cursor, so curses' picture of the screen stays true */
	refresh();
	fflush(stdout);
	size_t done = 0;
	while (done < o) {
		ssize_t w = write(STDOUT_FILENO, out + done, o - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	free(out);
	return done == o ? n : 0;
}
