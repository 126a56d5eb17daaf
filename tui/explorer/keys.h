/* Keys as agx sees them, independent of curses: a Unicode code point for a
 * typed character (control keys as their C0 code, Ctrl-C = 3), or one of the
 * TK_ codes above Unicode for named keys. Names are written the way tig and
 * vim write them ("<Enter>", "<C-c>", "<PgDn>") in help, scripts and tests. */
#ifndef KEYS_H
#define KEYS_H
#include <stddef.h>

/* X(ENUM, "Name") — the named keys. */
#define KEY_NAMES(X)           \
	X(TK_UP, "Up")         \
	X(TK_DOWN, "Down")     \
	X(TK_LEFT, "Left")     \
	X(TK_RIGHT, "Right")   \
	X(TK_PGUP, "PgUp")     \
	X(TK_PGDN, "PgDn")     \
	X(TK_HOME, "Home")     \
	X(TK_END, "End")       \
	X(TK_ENTER, "Enter")   \
	X(TK_TAB, "Tab")       \
	X(TK_BTAB, "S-Tab")    \
	X(TK_BS, "BS")         \
	X(TK_DEL, "Del")       \
	X(TK_ESC, "Esc")       \
	X(TK_RESIZE, "Resize") \
	X(TK_MOUSE, "Mouse")   \
	X(TK_F1, "F1")

enum key_code {
	TK_BASE = 0x110000,
#define X(e, name) e,
	KEY_NAMES(X)
#undef X
	    TK_END_OF_KEYS
};

#define KEY_CTRL(c) ((c)&0x1f)

/* Writes the key's name ("j", "<Enter>", "<C-c>", "<Space>", "<lt>") into
 * buf; returns buf. */
const char *keys_name(int key, char *buf, size_t n);
/* Parses one key at *s (a literal character or a <Name>), advancing *s.
 * Returns the key, or -1 for an unknown <Name> (then *s is unchanged). */
int keys_parse(const char **s);
#endif
