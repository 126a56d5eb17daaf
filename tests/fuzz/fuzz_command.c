/* Fuzzes the explorer's ':' command line: the input is typed into the
 * prompt (UTF-8 code points; a few control bytes are editing keys), Enter
 * runs it, the model reacts and the screen is drawn; no raw control byte
 * may reach the screen. ':load' is not run (it would read whatever path the
 * fuzzer names) and ':export' writes into the fuzzer's private folder only
 * (PNG and PDF, which go through cairo, are left out). */
#include <unistd.h>

#include "graph/export_gv.h"
#include "graph/text.h"
#include "tests/fuzz/fuzz_common.h"
#include "tui/cmd/cli.h"
#include "tui/explorer/app.h"
#include "tui/explorer/grid.h"
#include "tui/explorer/keys.h"
#include "tui/explorer/view.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static const char bundle[] =
    "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":["
    "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--1\",\"name\":\"Red\"},"
    "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--2\",\"name\":\"Blue\"},"
    "{\"type\":\"domain-name\",\"id\":\"domain-name--1\",\"value\":\"shared.example\"},"
    "{\"type\":\"relationship\",\"id\":\"relationship--1\",\"relationship_type\":\"uses\","
    "\"source_ref\":\"intrusion-set--1\",\"target_ref\":\"domain-name--1\"},"
    "{\"type\":\"relationship\",\"id\":\"relationship--2\",\"relationship_type\":\"uses\","
    "\"source_ref\":\"intrusion-set--2\",\"target_ref\":\"domain-name--1\"},"
    /* a tool and a technique, so that overlap.c's tool and technique arrays
     * are not NULL: with none, it adds 0 to a NULL pointer (clang's UBSan
     * stops there; reported, graph/overlap.c is being rewritten) */
    "{\"type\":\"tool\",\"id\":\"tool--1\",\"name\":\"Hammer\"},"
    "{\"type\":\"attack-pattern\",\"id\":\"attack-pattern--1\",\"name\":\"Phish\","
    "\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"T1566\"}]},"
    "{\"type\":\"relationship\",\"id\":\"relationship--3\",\"relationship_type\":\"uses\","
    "\"source_ref\":\"intrusion-set--1\",\"target_ref\":\"tool--1\"},"
    "{\"type\":\"relationship\",\"id\":\"relationship--4\",\"relationship_type\":\"uses\","
    "\"source_ref\":\"intrusion-set--1\",\"target_ref\":\"attack-pattern--1\"}]}";

static struct cli cli;
static char ws[600];

static void setup(void)
{
	const char *data = fuzz_write("bundle.json", (const uint8_t *)bundle, sizeof(bundle) - 1);
	/* the session keeps the argument strings (as main's argv lives on) */
	static char dpath[600];
	snprintf(dpath, sizeof(dpath), "%s", data);
	snprintf(ws, sizeof(ws), "%s/ws.json", fuzz_dir);
	setenv("AGX_DATA", "/nonexistent", 1);
	static char *argv[] = {"agx", "--no-default-warninglists", "--workspace", ws, dpath, NULL};
	if (cli_parse(&cli, 5, argv) != 0 || session_load(&cli.session, 0) != EXIT_OK)
		abort();
}

/* Runs the prompt's line, kept in the fuzzer's folder: ':load' is not run,
 * ':export' writes only there (its format word is the fuzzer's). */
static void accept(struct app *a)
{
	const char *line = a->prompt.buf;
	while (*line == ' ' || *line == ':')
		line++;
	size_t k = strcspn(line, " ");
	if (k == 4 && !strncmp(line, "load", 4)) {
		app_react(a, app_key(a, TK_ESC));
		return;
	}
	if (k == 6 && !strncmp(line, "export", 6)) {
		char fmt[16] = "";
		const char *arg = line + 6;
		while (*arg == ' ')
			arg++;
		size_t fl = strcspn(arg, " ");
		if (fl < sizeof(fmt))
			snprintf(fmt, sizeof(fmt), "%.*s", (int)fl, arg);
		if (export_gv_format_from_name(fmt) < 0 || !strcmp(fmt, "png") || !strcmp(fmt, "pdf"))
			snprintf(fmt, sizeof(fmt), "dot");
		char cmd[700];
		snprintf(cmd, sizeof(cmd), "export %s %s/out", fmt, fuzz_dir);
		app_react(a, app_key(a, TK_ESC));
		app_react(a, app_command(a, cmd));
		return;
	}
	app_react(a, app_key(a, TK_ENTER));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	if (!cli.session.g)
		setup();
	unlink(ws);
	struct app a;
	char err[1024];
	struct explorer_opts o = {.depth = 1, .max_nodes = 500};
	if (app_init(&a, &cli.session, &o, err, sizeof(err)) != 0)
		abort();
	a.cols = 80;
	a.rows = 24;
	app_react(&a, RX_DETAIL);
	app_react(&a, app_action(&a, ACT_COMMAND));
	const char *s = (const char *)data;
	for (size_t i = 0; i < n && a.prompt.mode == PR_COMMAND;) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, n - i, &cp);
		i += k ? k : 1;
		int key = -1;
		if (!k)
			continue;
		switch (cp) {
		case 0x01:
			key = TK_HOME;
			break;
		case 0x02:
			key = TK_LEFT;
			break;
		case 0x04:
			key = TK_DEL;
			break;
		case 0x05:
			key = TK_END;
			break;
		case 0x06:
			key = TK_RIGHT;
			break;
		case 0x08:
		case 0x7f:
			key = TK_BS;
			break;
		case 0x15:
			key = 0x15; /* C-u: kill the line */
			break;
		default:
			key = cp >= 0x20 ? (int)cp : -1;
		}
		if (key >= 0)
			app_react(&a, app_key(&a, key));
	}
	if (a.prompt.mode == PR_COMMAND)
		accept(&a);
	struct grid *g = grid_new(a.cols, a.rows, 0);
	view_draw(&a, g);
	char *dump = grid_dump(g);
	for (const char *p = dump; *p; p++)
		if (((unsigned char)*p < 0x20 && *p != '\n') || *p == 0x7f)
			abort(); /* a raw control byte would reach the terminal */
	free(dump);
	grid_free(g);
	app_free(&a);
	return 0;
}
