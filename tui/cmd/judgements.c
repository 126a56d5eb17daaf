#include "tui/cmd/judgements.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "graph/judgement_stix.h"
#include "graph/strbuf.h"
#include "tui/cmd/cli.h"
#include "tui/session/workspace.h"

const char *judgements_analyst(const struct cli *c)
{
	return session_analyst(&c->session);
}

/* The analyst's own verdicts and notes (not the team's merged in). */
static int own_workspace(const struct cli *c, struct annot *a)
{
	char *path = workspace_path(&c->session);
	char err[1024];
	int rc = 0;
	if (path && workspace_load(path, a, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		rc = EXIT_INPUT;
	}
	free(path);
	return rc;
}

int judgements_export(struct cli *c)
{
	if (!c->out)
		return cli_usage_error("'export -f stix' needs -o FILE ('-' for standard output)");
	int load_rc = session_load(&c->session, 0);
	struct annot a;
	annot_init(&a);
	int rc = own_workspace(c, &a);
	if (rc) {
		annot_free(&a);
		return rc;
	}
	struct strbuf sb = STRBUF_INIT;
	size_t n = judgement_stix_write(c->session.g, &a, judgements_analyst(c), JUDGEMENT_BUNDLE, &sb);
	if (cli_write_output(c->out, sb.buf, sb.len) != 0)
		rc = EXIT_INPUT;
	else if (!c->session.quiet && strcmp(c->out, "-") != 0)
		fprintf(stderr, "agx: %zu STIX object%s written to %s\n", n, n == 1 ? "" : "s",
			c->out);
	strbuf_free(&sb);
	annot_free(&a);
	return rc ? rc : load_rc;
}
