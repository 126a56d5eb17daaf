/* The terminal: the only part of agx that includes curses.h (ncursesw).
 * It refuses terminals that cannot address the cursor (TERM=dumb), picks a
 * palette from what the terminal has (256, 8 colours, monochrome; none
 * under NO_COLOR), puts the cell grid on the screen, turns curses keys into
 * agx keys (tui/explorer/keys.h), and makes sure the terminal is given back in a
 * sane state: on exit, on SIGHUP/SIGTERM/SIGINT (flags, acted on by the main
 * loop; Ctrl-C only stops a long task while one runs), and on a crash
 * (termios restored from the signal handler).
 * What it relies on, measured with ncurses 6.4 under tmux 3.3a: newterm()
 * returns NULL for a TERM without terminfo, while TERM=dumb "works" with no
 * cursor addressing (hence the tigetstr("cup") check); a lone ESC waits
 * ESCDELAY (1 s by default, about 29 ms at 25); with SIGHUP ignored a dead
 * terminal makes get_wch() fail at once, forever, so ERR is checked with
 * poll() for POLLHUP; ncurses handles SIGWINCH itself (KEY_RESIZE). */
#ifndef TERM_H
#define TERM_H
#include <signal.h>
#include <stddef.h>

struct grid;

enum {
	TERM_KEY_NONE = -1,   /* nothing within the timeout */
	TERM_KEY_HANGUP = -2, /* the terminal is gone (POLLHUP/POLLERR on ERR) */
};

/* True when the locale's codeset is UTF-8. */
int term_locale_utf8(void);
/* Opens the terminal on stdin/stdout. Returns 0, or -1 with a message for
 * the user in err (the caller exits 2). */
int term_open(int mouse, char *err, size_t errlen);
/* Gives the terminal back (idempotent). */
void term_close(void);
void term_size(int *w, int *h);
/* Waits up to timeout_ms for a key. */
int term_read_key(int timeout_ms);
/* Reads a key already waiting, without blocking (draining after a signal). */
int term_poll_key(void);
/* The cell position of the last mouse click. */
void term_mouse(int *y, int *x);
/* Puts the grid on the screen; full: repaint everything (C-l, resize). */
void term_blit(const struct grid *g, int full);
/* Puts text on the clipboard of the terminal the user sits at, with the
 * OSC 52 escape: it travels over SSH, and tmux keeps it as a paste buffer
 * (and passes it on) when its set-clipboard option allows. Returns the
 * bytes of text sent (at most TERM_CLIPBOARD_MAX), 0 when nothing could be. */
#define TERM_CLIPBOARD_MAX 65536
size_t term_clipboard(const char *text);
/* The signal that asked us to stop (SIGHUP, SIGTERM, SIGINT), or 0. */
int term_stop_signal(void);
/* A long task (:load) starts: until term_busy_end(), Ctrl-C sets the flag
 * returned instead of stopping agx; the task polls it. */
#include <signal.h>
const volatile sig_atomic_t *term_busy_begin(void);
/* The task is over; returns whether it was interrupted. */
int term_busy_end(void);
/* Whether colours are in use (for tests and the status line). */
int term_colors(void);
#endif
