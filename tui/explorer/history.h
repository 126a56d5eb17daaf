/* The pivot history: where the analyst was, back and forward like a
 * browser. Plain data: the explorer says where it is (struct location) and
 * puts itself back where an entry says; the history only remembers. A new
 * place after going back drops the forward entries; the oldest entries go
 * when it is full. */
#ifndef HISTORY_H
#define HISTORY_H
#include <stddef.h>
#include <stdint.h>

#include "tui/explorer/lists.h"

/* A place in the explorer. */
struct location {
	uint8_t tab, screen, pane;
	struct focus focus;
	uint32_t detail_cur;
};

#define HISTORY_MAX 256

struct history {
	struct location e[HISTORY_MAX];
	size_t len, pos; /* entries, and the one shown */
};

int location_equal(const struct location *a, const struct location *b);
/* A history of one entry: here. */
void history_init(struct history *h, const struct location *here);
/* Before navigating: the current entry remembers where we were. */
void history_leave(struct history *h, const struct location *here);
/* After navigating: here becomes the newest entry (unless it is where the
 * current entry already is). */
void history_push(struct history *h, const struct location *here);
/* Back (-1) or forward (+1): the current entry remembers here, and the
 * place to show is returned; NULL at either end (nothing moved). */
const struct location *history_move(struct history *h, int dir, const struct location *here);
#endif
