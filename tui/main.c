/* agx: parse the command line, then hand over to one command or the TUI. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tui/cli.h"
#include "tui/commands.h"

typedef int (*command_fn)(struct cli *c);

static command_fn command_for(const char *name)
{
#define X(cname, fn, help)            \
	if (strcmp(name, cname) == 0) \
		return fn;
	COMMANDS(X)
#undef X
	return NULL;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	struct cli c;
	int rc = cli_parse(&c, argc, argv);
	if (rc != 0) {
		cli_free(&c);
		return rc < 0 ? EXIT_OK : rc;
	}
	command_fn fn = c.command ? command_for(c.command) : tui_run;
	if (!fn) {
		fprintf(stderr, "agx: '%s' is not available in this build\n",
			c.command ? c.command : "the terminal explorer");
		rc = EXIT_USAGE;
	} else {
		rc = fn(&c);
	}
	cli_free(&c);
	return rc;
}
