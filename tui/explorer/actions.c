#include "tui/explorer/actions.h"

#include <string.h>

static const struct {
	const char *name, *help;
} table[] = {
#define X(e, name, help, fn) {name, help},
    ACTIONS(X)
#undef X
};

const char *action_name(int act)
{
	return act >= 0 && act < ACT_COUNT ? table[act].name : "?";
}

const char *action_help(int act)
{
	return act >= 0 && act < ACT_COUNT ? table[act].help : "";
}

int action_from_name(const char *name)
{
	for (int i = 0; i < ACT_COUNT; i++)
		if (strcmp(table[i].name, name) == 0)
			return i;
	return -1;
}
