/* The pivot history (struct location, a->hist in app.h). */
#ifndef HISTORY_H
#define HISTORY_H
#include "tui/explorer/app.h"

struct location history_here(const struct app *a);
/* Shows a remembered place again. */
void history_restore(struct app *a, const struct location *l);
/* Before navigating: the current entry remembers where we were. */
void history_leave(struct app *a);
/* After navigating: the new place becomes the newest entry. */
void history_push(struct app *a);
/* Back (-1) or forward (+1); returns reaction flags. */
unsigned history_move(struct app *a, int dir);
#endif
