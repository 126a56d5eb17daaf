/* The default key bindings: one static table of {keymap, key, action}, read
 * by the main loop to turn keys into actions and by the help screen to list
 * them. There is no switch on keys anywhere else. */
#ifndef KEYMAP_H
#define KEYMAP_H
#include <stddef.h>

#include "tui/explorer/actions.h"

enum keymap {
	KM_MAIN,   /* lists, details, views */
	KM_PROMPT, /* the : / and note line */
	KM_COUNT
};

struct binding {
	unsigned char keymap; /* enum keymap */
	int key;	      /* tui/explorer/keys.h */
	unsigned char action; /* enum action */
};

/* The action bound to key in keymap, or ACT_NONE. */
int keymap_lookup(enum keymap km, int key);
/* The whole table (for help and tests). */
const struct binding *keymap_table(size_t *n);
/* "j <Down>": the keys of an action in a keymap, space-separated, into buf. */
const char *keymap_keys_of(enum keymap km, int action, char *buf, size_t n);
const char *keymap_name(int km);
#endif
