/* agx push COLLECTION_URL [FILE...]: the analyst's verdicts and notes, as
 * STIX 2.1 (graph/judgement_stix.h), POSTed to the team's TAXII 2.1
 * collection; the server's status resource is reported. Ids are name-based,
 * so pushing again sends new versions of the same objects, not copies. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/judgement_stix.h"
#include "graph/strbuf.h"
#include "graph/text.h"
#include "loaders/http.h"
#include "loaders/taxii.h"
#include "tui/cmd/cli.h"
#include "tui/cmd/judgements.h"
#include "tui/cmd/remote.h"
#include "tui/cmd/commands.h"
#include "tui/session/workspace.h"

static void report(const struct cli *c, const char *url, size_t sent, const char *status)
{
	json_t *j = json_loads(status, 0, NULL);
	long long ok = json_integer_value(json_object_get(j, "success_count"));
	long long bad = json_integer_value(json_object_get(j, "failure_count"));
	long long pending = json_integer_value(json_object_get(j, "pending_count"));
	const char *st = json_string_value(json_object_get(j, "status"));
	if (c->json) {
		fputs(status, stdout);
		if (!*status || status[strlen(status) - 1] != '\n')
			fputc('\n', stdout);
	} else {
		struct strbuf sb = STRBUF_INIT;
		text_escape_into(&sb, url, 0);
		printf("%s: %zu object%s sent; status %s: %lld succeeded, %lld failed, %lld "
		       "pending\n",
		       strbuf_str(&sb), sent, sent == 1 ? "" : "s", st ? st : "?", ok, bad,
		       pending);
		size_t i;
		json_t *f;
		json_array_foreach(json_object_get(j, "failures"), i, f)
		{
			strbuf_reset(&sb);
			const char *id = json_string_value(json_object_get(f, "id"));
			const char *msg = json_string_value(json_object_get(f, "message"));
			text_escape_into(&sb, id ? id : "?", 0);
			strbuf_adds(&sb, ": ");
			text_escape_into(&sb, msg ? msg : "refused", 0);
			printf("  failed %s\n", strbuf_str(&sb));
		}
		strbuf_free(&sb);
	}
	json_decref(j);
}

int cmd_push(struct cli *c)
{
	if (cli_take_args(c, 1, "COLLECTION_URL [FILE...]"))
		return EXIT_USAGE;
	if ((c->cert == NULL) != (c->key == NULL))
		return cli_usage_error("--cert and --key go together");
	struct remote rem;
	int rc = remote_init(&rem, c, 0);
	if (rc) {
		remote_free(&rem);
		return rc;
	}
	int load_rc = session_load(&c->session, 0);
	struct annot a;
	annot_init(&a);
	char *wpath = workspace_path(&c->session);
	char err[1024];
	if (wpath && workspace_load(wpath, &a, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		rc = EXIT_INPUT;
	}
	free(wpath);
	struct strbuf body = STRBUF_INIT;
	size_t n =
	    rc ? 0
	       : judgement_stix_write(c->session.g, &a, judgements_analyst(c), JUDGEMENT_ENVELOPE, &body);
	if (!rc && n == 0) {
		fprintf(stderr, "agx: the workspace holds no verdict or note to push\n");
		rc = EXIT_INPUT;
	}
	struct http *h = rc ? NULL : http_new(&rem.http, err, sizeof(err));
	if (!rc && !h) {
		fprintf(stderr, "agx: %s\n", err);
		rc = EXIT_INPUT;
	}
	if (!rc) {
		struct taxii t = {h, rem.auth_used};
		char *coll = taxii_slash(c->args[0]);
		char *status = NULL;
		if (taxii_post(&t, coll, body.buf, body.len, &status, err, sizeof(err))) {
			fprintf(stderr, "agx: %s\n", err);
			rc = EXIT_INPUT;
		} else {
			report(c, coll, n, status);
			json_t *j = json_loads(status, 0, NULL);
			if (json_integer_value(json_object_get(j, "failure_count")) > 0)
				rc = EXIT_INPUT;
			json_decref(j);
		}
		free(status);
		free(coll);
	}
	http_free(h);
	strbuf_free(&body);
	annot_free(&a);
	remote_free(&rem);
	return rc ? rc : load_rc;
}
