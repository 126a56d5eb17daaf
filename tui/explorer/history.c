/* The pivot history: where the analyst was (tab, screen, pane, focused
 * item, detail cursor), back and forward like a browser. Navigating calls
 * history_leave() before and history_push() after. */
#include "tui/explorer/history.h"

#include <string.h>

#include "tui/explorer/app.h"
#include "tui/explorer/lists.h"

struct location history_here(const struct app *a)
{
	struct location l = {a->tab, a->screen, a->pane, a->focus[a->tab], (uint32_t)a->detail.cur};
	if (a->screen == SCR_WHY)
		l.focus.item = a->detail.item;
	if (a->tab == TAB_OVERLAPS)
		l.focus.item2 = a->pair_unit;
	return l;
}

void history_restore(struct app *a, const struct location *l)
{
	a->tab = l->tab;
	a->screen = l->screen;
	a->pane = l->pane;
	if (l->tab == TAB_OVERLAPS && a->pair_unit != l->focus.item2) {
		a->pair_unit = l->focus.item2;
		lists_rebuild_tab(a, TAB_OVERLAPS);
	}
	if (l->screen == SCR_WHY) {
		a->detail.item = l->focus.item;
		a->detail.kind = DK_EMPTY; /* rebuild */
	} else if (l->tab != TAB_OVERLAPS) {
		a->focus[l->tab] = l->focus;
		struct list *li = &a->lists_[l->tab];
		if (l->tab == TAB_CLUSTERS) {
			if (l->focus.item < li->n)
				li->cur = l->focus.item;
		} else if (!l->focus.off_list) {
			for (size_t i = 0; i < li->n; i++)
				if (li->rows[i] == l->focus.item) {
					li->cur = i;
					break;
				}
		}
	} else {
		struct list *li = &a->lists_[TAB_OVERLAPS];
		for (size_t i = 0; i < li->n; i++)
			if (li->rows[i] == l->focus.item) {
				li->cur = i;
				break;
			}
	}
	app_build_detail(a);
	if (l->detail_cur < a->detail.n)
		a->detail.cur = l->detail_cur;
}

/* Call before navigating: the current entry remembers where we were. */
void history_leave(struct app *a)
{
	if (a->hist_len == 0)
		a->hist_len = 1, a->hist_pos = 0;
	a->hist[a->hist_pos] = history_here(a);
}

/* Call after navigating: the new place becomes the newest entry. */
void history_push(struct app *a)
{
	struct location here = history_here(a);
	if (a->hist_len && memcmp(&a->hist[a->hist_pos], &here, sizeof(here)) == 0)
		return;
	if (a->hist_pos + 1 >= APP_HISTORY_MAX) {
		memmove(a->hist, a->hist + 1, (APP_HISTORY_MAX - 1) * sizeof(a->hist[0]));
		a->hist_pos--;
	}
	a->hist[++a->hist_pos] = here;
	a->hist_len = a->hist_pos + 1;
}

unsigned history_move(struct app *a, int dir)
{
	if (dir < 0 && a->hist_pos == 0) {
		app_message(a, 0, "at the start of the history");
		return RX_REDRAW;
	}
	if (dir > 0 && a->hist_pos + 1 >= a->hist_len) {
		app_message(a, 0, "at the end of the history");
		return RX_REDRAW;
	}
	a->hist[a->hist_pos] = history_here(a);
	a->hist_pos += dir;
	history_restore(a, &a->hist[a->hist_pos]);
	return RX_REDRAW;
}
