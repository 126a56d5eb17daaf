/* agx: parse the command line, then hand over to one batch command or the
 * explorer. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tui/cmd/cli.h"
#include "tui/cmd/commands.h"
#include "tui/cmd/progress.h"
#include "tui/explorer/explorer.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	struct cli c;
	int rc = cli_parse(&c, argc, argv);
	if (rc != 0) {
		cli_free(&c);
		return rc < 0 ? EXIT_OK : rc;
	}
	if (!c.command) {
		struct explorer_opts o = {.script = c.script,
					  .dump_screen = c.dump_screen,
					  .width = c.width,
					  .height = c.height,
					  .mouse = c.mouse,
					  .ascii = c.ascii,
					  .depth = c.depth,
					  .max_nodes = c.max_nodes,
					  .tlp_max = c.tlp_max};
		rc = explorer_run(&c.session, &o);
	} else {
		if (!c.session.quiet) /* -q: nothing but errors on stderr */
			progress_attach(&c.session.load);
		rc = commands_find(c.command)(&c);
	}
	cli_free(&c);
	return rc;
}
