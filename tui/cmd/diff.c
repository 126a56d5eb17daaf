/* agx diff OLD NEW [--json]: the attribution picture of two loads compared
 * (graph/diff.h). OLD and NEW are files or folders: two pull caches, two
 * snapshots of a feed. Each is loaded on its own, with the same options. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/diff.h"
#include "tui/cmd/cli.h"
#include "tui/cmd/commands.h"
#include "tui/cmd/overlap_cli.h"

int cmd_diff(struct cli *c)
{
	if (cli_take_args(c, 2, "OLD NEW"))
		return EXIT_USAGE;
	if (c->nargs != 2)
		return cli_usage_error("'diff' compares two inputs (files or folders), not %zu",
				       c->nargs);
	const char *old_in = c->args[0], *new_in = c->args[1];
	struct overlap_session s_old, s_new;
	struct session *se = &c->session;
	se->inputs = &old_in;
	se->ninputs = 1;
	int rc_old = overlap_cli_open(c, &s_old);
	struct graph *g_old = se->g; /* the session owns one graph at a time */
	se->g = NULL;
	diag_free(&se->diags);
	diag_init(&se->diags);
	se->inputs = &new_in;
	int rc_new = overlap_cli_open(c, &s_new);
	int rc = rc_old != EXIT_OK ? rc_old : rc_new;
	if (s_old.ov && s_new.ov) {
		struct diff *d = diff_compute(s_old.ov, s_new.ov, c->min_change);
		struct strbuf sb = STRBUF_INIT;
		if (c->json)
			diff_write_json(d, &sb);
		else
			diff_write_text(d, &sb);
		if (cli_write_output(c->out, sb.buf ? sb.buf : "", sb.len) != 0)
			rc = EXIT_INPUT;
		strbuf_free(&sb);
		diff_free(d);
	}
	overlap_cli_close(&s_old);
	overlap_cli_close(&s_new);
	graph_free(g_old);
	return rc;
}
