#include "tui/cmd/commands.h"

#include <string.h>

static const struct {
	const char *name;
	command_fn *fn;
} table[] = {
#define X(name, fn, help) {name, fn},
    COMMANDS(X)
#undef X
};

command_fn *commands_find(const char *name)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strcmp(name, table[i].name) == 0)
			return table[i].fn;
	return NULL;
}

static const char *const names[] = {
#define X(name, fn, help) name,
    COMMANDS(X)
#undef X
};

const char *const *commands_names(size_t *n)
{
	*n = sizeof(names) / sizeof(names[0]);
	return names;
}
