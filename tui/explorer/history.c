#include "tui/explorer/history.h"

#include <string.h>

/* Field by field: struct location has padding, which memcmp would read. */
int location_equal(const struct location *a, const struct location *b)
{
	return a->tab == b->tab && a->screen == b->screen && a->pane == b->pane &&
	       a->focus.item == b->focus.item && a->focus.item2 == b->focus.item2 &&
	       a->focus.off_list == b->focus.off_list && a->detail_cur == b->detail_cur;
}

void history_init(struct history *h, const struct location *here)
{
	h->e[0] = *here;
	h->len = 1;
	h->pos = 0;
}

void history_leave(struct history *h, const struct location *here)
{
	if (h->len == 0)
		h->len = 1, h->pos = 0;
	h->e[h->pos] = *here;
}

void history_push(struct history *h, const struct location *here)
{
	if (h->len && location_equal(&h->e[h->pos], here))
		return;
	if (h->pos + 1 >= HISTORY_MAX) {
		memmove(h->e, h->e + 1, (HISTORY_MAX - 1) * sizeof(h->e[0]));
		h->pos--;
	}
	h->e[++h->pos] = *here;
	h->len = h->pos + 1;
}

const struct location *history_move(struct history *h, int dir, const struct location *here)
{
	if (dir < 0 && h->pos == 0)
		return NULL;
	if (dir > 0 && h->pos + 1 >= h->len)
		return NULL;
	h->e[h->pos] = *here;
	h->pos = dir < 0 ? h->pos - 1 : h->pos + 1;
	return &h->e[h->pos];
}
