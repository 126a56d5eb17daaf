/* The command line as a user meets it: help, version, usage errors and their
 * exit status, and `agx stats` counts on a real STIX 2.1 bundle checked by
 * hand. Runs the agx binary ($AGX). */
#include "tests/testutil.h"

#include <jansson.h>

static const char *apt1(void)
{
	return corpus_path("oasis-stix21-examples/cti-documentation/examples/example_json/apt1.json");
}

static void test_help_and_version(void **state)
{
	(void)state;
	char *out = NULL;
	assert_int_equal(run_agx("--help", &out), 0);
	assert_non_null(strstr(out, "Usage: agx"));
	assert_non_null(strstr(out, "overlaps"));
	assert_non_null(strstr(out, "Exit status"));
	free(out);
	assert_int_equal(run_agx("--version", &out), 0);
	assert_true(strncmp(out, "agx ", 4) == 0);
	free(out);
}

static void test_usage_errors_exit_2_and_say_why(void **state)
{
	(void)state;
	char *err = NULL;
	assert_int_equal(run_capture("${AGX:-./agx} --no-such-option 2>&1 >/dev/null", &err), 2);
	assert_non_null(strstr(err, "unknown option '--no-such-option'"));
	assert_non_null(strstr(err, "agx --help"));
	free(err);
	assert_int_equal(run_capture("${AGX:-./agx} overlaps --top zero 2>&1 >/dev/null", &err), 2);
	assert_non_null(strstr(err, "--top needs a whole number"));
	free(err);
	assert_int_equal(run_capture("${AGX:-./agx} stats --asof yesterday 2>&1 >/dev/null", &err), 2);
	assert_non_null(strstr(err, "--asof needs a date"));
	free(err);
	assert_int_equal(run_capture("${AGX:-./agx} why OnlyOne 2>&1 >/dev/null", &err), 2);
	free(err);
	assert_int_equal(run_capture("${AGX:-./agx} stats --json --csv 2>&1 >/dev/null", &err), 2);
	free(err);
}

/* why names the files the two paths go through, and the other files that
 * state the value: APT27 ~ DAGGER PANDA's skylineqaz.crabdance.com comes
 * from maltrail on both paths, yet counts whole, because Insikt's
 * RedFoxtrot report (DAGGER PANDA's too) states it as well. */
static void test_why_names_other_sources(void **state)
{
	(void)state;
	char trails[4200], insikt[4200];
	snprintf(trails, sizeof(trails), "%s", corpus_or_skip("maltrail-apt-trails"));
	snprintf(insikt, sizeof(insikt), "%s", corpus_or_skip("insikt-group-research"));
	char args[9000], *out = NULL;
	snprintf(args, sizeof(args), "why -q --json APT27 RedFoxtrot '%s' '%s'", trails, insikt);
	run_agx(args, &out);
	assert_non_null(out);
	const char *v = strstr(out, "\"skylineqaz.crabdance.com\"");
	assert_non_null(v);
	const char *also = strstr(v, "\"also_in\"");
	assert_non_null(also);
	const char *end = strchr(also, ']');
	assert_non_null(end);
	const char *hit = strstr(also, "Threat_Activity_Group_RedFoxtrot");
	assert_true(hit && hit < end);
	assert_null(strstr(v, "one-publisher") && strstr(v, "one-publisher") < end ? v : NULL);
	free(out);
	snprintf(args, sizeof(args), "why -q APT27 RedFoxtrot '%s' '%s'", trails, insikt);
	run_agx(args, &out);
	assert_non_null(strstr(out, "     also in      "));
	free(out);
}

/* Runs agx with args in dir (a test's temporary directory, so no stray file
 * called "overlap" decides the case) and returns its exit status; stderr
 * goes to *err. */
static int agx_stderr_in(const char *dir, const char *args, char **err)
{
	char cwd[4096], bin[4200], cmd[9000];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	const char *b = agx_bin();
	snprintf(bin, sizeof(bin), "%s%s%s", b[0] == '/' ? "" : cwd, b[0] == '/' ? "" : "/", b);
	snprintf(cmd, sizeof(cmd), "cd '%s' && '%s' %s 2>&1 >/dev/null", dir, bin, args);
	return run_capture(cmd, err);
}

/* A mistyped command or option is a usage error naming what was probably
 * meant, not an input file that cannot be opened. */
static void test_mistyped_command_is_a_usage_error_with_a_suggestion(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("mistyped");
	char *err = NULL;
	assert_int_equal(agx_stderr_in(dir, "overlap", &err), 2);
	assert_non_null(strstr(err, "unknown command 'overlap'; did you mean 'overlaps'?"));
	assert_null(strstr(err, "cannot open"));
	free(err);
	/* a swapped pair of letters is one slip */
	assert_int_equal(agx_stderr_in(dir, "ovelraps", &err), 2);
	assert_non_null(strstr(err, "did you mean 'overlaps'?"));
	free(err);
	/* options first: the command is the first word after them */
	assert_int_equal(agx_stderr_in(dir, "--json clustres", &err), 2);
	assert_non_null(strstr(err, "unknown command 'clustres'; did you mean 'clusters'?"));
	free(err);
	/* a word close to no command stays an input that is not there */
	assert_int_equal(agx_stderr_in(dir, "stats zzzqqq", &err), 1);
	assert_non_null(strstr(err, "zzzqqq: error: cannot open"));
	free(err);
	/* a file called like a mistyped command is data: it loads (here in a
	 * headless explorer, which then shows it) */
	char path[1200];
	snprintf(path, sizeof(path), "%s/overlap", dir);
	write_file(path, "203.0.113.7\nexample-bad.com\n");
	snprintf(path, sizeof(path), "%s/keys", dir);
	write_file(path, "2\n");
	assert_int_equal(agx_stderr_in(dir, "overlap --as Someone --script keys --dump-screen screen",
				       &err),
			 0);
	assert_null(strstr(err, "unknown command"));
	free(err);
	snprintf(path, sizeof(path), "%s/screen", dir);
	char *screen = read_file_all(path, NULL);
	assert_non_null(screen);
	assert_non_null(strstr(screen, "example-bad.com"));
	free(screen);
}

static void test_mistyped_option_and_value_suggest_the_right_one(void **state)
{
	(void)state;
	char *err = NULL;
	assert_int_equal(run_capture("${AGX:-./agx} overlaps --threshhold 0.3 2>&1 >/dev/null", &err), 2);
	assert_non_null(strstr(err, "unknown option '--threshhold'; did you mean '--threshold'?"));
	free(err);
	assert_int_equal(run_capture("${AGX:-./agx} clusters --threshhold=0.3 2>&1 >/dev/null", &err), 2);
	assert_non_null(strstr(err, "unknown option '--threshhold'; did you mean '--threshold'?"));
	free(err);
	/* one dash before a long name */
	assert_int_equal(run_capture("${AGX:-./agx} overlaps -top 3 2>&1 >/dev/null", &err), 2);
	assert_non_null(strstr(err, "unknown option '-top'; did you mean '--top'?"));
	free(err);
	/* an ambiguous abbreviation lists what it could be */
	assert_int_equal(run_capture("${AGX:-./agx} overlaps --c 2>&1 >/dev/null", &err), 2);
	assert_non_null(strstr(err, "option '--c' is ambiguous: --csv, --collection, --cacert, --cert"));
	free(err);
	assert_int_equal(run_capture("${AGX:-./agx} overlaps --sort tool 2>&1 >/dev/null", &err), 2);
	assert_non_null(strstr(err, "--sort takes infra, tools or techniques, not 'tool'; did you "
				    "mean 'tools'?"));
	free(err);
	assert_int_equal(run_capture("${AGX:-./agx} overlaps --relation corrob 2>&1 >/dev/null", &err),
			 2);
	assert_non_null(strstr(err, "did you mean 'corroboration'?"));
	free(err);
	assert_int_equal(run_capture("${AGX:-./agx} export --view pari --pair A,B 2>&1 >/dev/null",
				     &err),
			 2);
	assert_non_null(strstr(err, "unknown view 'pari'"));
	assert_non_null(strstr(err, "did you mean 'pair'?"));
	free(err);
	assert_int_equal(run_capture("${AGX:-./agx} export --view overlap -f sgv 2>&1 >/dev/null", &err),
			 2);
	assert_non_null(strstr(err, "-f takes svg, png, pdf, dot or stix, not 'sgv'; did you mean "
				    "'svg'?"));
	free(err);
	/* nothing close: no guess */
	assert_int_equal(run_capture("${AGX:-./agx} overlaps --frobnicate 2>&1 >/dev/null", &err), 2);
	assert_non_null(strstr(err, "unknown option '--frobnicate'\n"));
	free(err);
}

static void test_missing_input_exit_1_with_path(void **state)
{
	(void)state;
	char *err = NULL;
	int rc = run_capture("${AGX:-./agx} stats tests/tmp/no-such-file.json 2>&1 >/dev/null", &err);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(err, "tests/tmp/no-such-file.json: error: cannot open"));
	free(err);
}

/* apt1.json (OASIS cti-documentation) counted by hand from the file:
 * 1 intrusion-set + 5 threat-actors = 6 actors; 6 malware; 10 tools;
 * 7 attack-patterns; 4 identities (victims); 1 report; the 12 indicators give
 * 3 domains and 3 MD5 file hashes (4 CIDR /15 ranges and 2 issuer/serial
 * certificate patterns are not infrastructure values): 40 nodes.
 * Relationships: 16 uses, 7 attributed-to, 7 indicates of which 4 come from
 * the CIDR indicators (no node), so 3 edges; the report's 75 object_refs less
 * 30 relationships and 12 indicators, plus the 6 observables the indicators
 * became = 39 mentions. */
static void test_stats_counts_on_stix21_bundle(void **state)
{
	(void)state;
	const char *path = apt1();
	if (!path)
		skip();
	char args[4200], *out = NULL;
	snprintf(args, sizeof(args), "stats --json '%s'", path);
	assert_int_equal(run_agx(args, &out), 0);
	json_error_t err;
	json_t *root = json_loads(out, 0, &err);
	assert_non_null(root);
	json_t *nodes = json_object_get(root, "nodes"), *edges = json_object_get(root, "edges");
	assert_int_equal(json_integer_value(json_object_get(nodes, "actor")), 6);
	assert_int_equal(json_integer_value(json_object_get(nodes, "malware")), 6);
	assert_int_equal(json_integer_value(json_object_get(nodes, "tool")), 10);
	assert_int_equal(json_integer_value(json_object_get(nodes, "technique")), 7);
	assert_int_equal(json_integer_value(json_object_get(nodes, "victim")), 4);
	assert_int_equal(json_integer_value(json_object_get(nodes, "report")), 1);
	assert_int_equal(json_integer_value(json_object_get(nodes, "domain")), 3);
	assert_int_equal(json_integer_value(json_object_get(nodes, "file")), 3);
	assert_int_equal(json_integer_value(json_object_get(nodes, "ipv4")), 0);
	assert_int_equal(json_integer_value(json_object_get(root, "node_total")), 40);
	assert_int_equal(json_integer_value(json_object_get(edges, "uses")), 16);
	assert_int_equal(json_integer_value(json_object_get(edges, "attributed-to")), 7);
	assert_int_equal(json_integer_value(json_object_get(edges, "indicates")), 3);
	assert_int_equal(json_integer_value(json_object_get(edges, "mentions")), 39);
	json_t *files = json_object_get(root, "files");
	assert_int_equal(json_array_size(files), 1);
	json_t *f = json_array_get(files, 0);
	assert_string_equal(json_string_value(json_object_get(f, "format")), "stix2.1");
	assert_int_equal(json_integer_value(json_object_get(f, "objects")), 76);
	assert_int_equal(json_integer_value(json_object_get(f, "errors")), 0);
	assert_true(json_is_number(json_object_get(root, "load_ms")));
	assert_true(json_integer_value(json_object_get(root, "peak_rss_kb")) > 0);
	json_decref(root);
	free(out);
}

/* The same file twice is the same graph: nodes and edges are keyed, and
 * edges are evidence per file, so only the edge count doubles. */
static void test_stats_same_file_twice(void **state)
{
	(void)state;
	const char *path = apt1();
	if (!path)
		skip();
	char args[8400], *out = NULL;
	snprintf(args, sizeof(args), "stats --json '%s' '%s'", path, path);
	assert_int_equal(run_agx(args, &out), 0);
	json_t *root = json_loads(out, 0, NULL);
	assert_non_null(root);
	assert_int_equal(json_integer_value(json_object_get(root, "node_total")), 40);
	assert_int_equal(json_integer_value(json_object_get(root, "edge_total")), 130);
	json_decref(root);
	free(out);
}

static void test_stdin_is_read(void **state)
{
	(void)state;
	const char *path = apt1();
	if (!path)
		skip();
	char cmd[4400], *out = NULL;
	snprintf(cmd, sizeof(cmd), "${AGX:-./agx} stats --json - < '%s'", path);
	assert_int_equal(run_capture(cmd, &out), 0);
	json_t *root = json_loads(out, 0, NULL);
	assert_non_null(root);
	assert_int_equal(json_integer_value(json_object_get(root, "node_total")), 40);
	json_decref(root);
	free(out);
}

static void test_bundled_data_is_default(void **state)
{
	(void)state;
	char *out = NULL;
	assert_int_equal(run_agx("stats --json", &out), 0);
	json_t *root = json_loads(out, 0, NULL);
	assert_non_null(root);
	json_t *f = json_array_get(json_object_get(root, "files"), 0);
	assert_non_null(strstr(json_string_value(json_object_get(f, "path")), "africa-report.json"));
	assert_true(json_integer_value(json_object_get(json_object_get(root, "nodes"), "actor")) >= 7);
	json_decref(root);
	free(out);
}

/* The pairs of `agx overlaps --json`, without the timings that differ run to
 * run; the caller frees. */
static char *pairs_of(const char *args, json_int_t *units)
{
	char *out = NULL;
	assert_int_equal(run_agx(args, &out), 0);
	json_t *root = json_loads(out, 0, NULL);
	assert_non_null(root);
	*units = json_integer_value(json_object_get(root, "active_units"));
	char *pairs = json_dumps(json_object_get(root, "pairs"), JSON_SORT_KEYS);
	json_decref(root);
	free(out);
	return pairs;
}

/* Naming data/ is the bundled data: its warninglists/ are never loaded as
 * eight IOC units (which changed N and every idf), and `agx check` says why. */
static void test_naming_data_dir_gives_the_same_answer(void **state)
{
	(void)state;
	json_int_t n_default = 0, n_named = 0;
	char *a = pairs_of("overlaps --json", &n_default);
	char *b = pairs_of("overlaps --json data", &n_named);
	assert_int_equal(n_default, 7); /* the seven actors that reach a value */
	assert_int_equal(n_named, n_default);
	assert_string_equal(a, b);
	free(a);
	free(b);
	char *out = NULL;
	assert_int_equal(run_agx("check data", &out), 0);
	assert_non_null(strstr(out, "data/warninglists: note: agx's bundled warninglists, not data"));
	free(out);
	/* a list named on its own is recognised by its headers; alone, it is
	 * nothing agx can read */
	assert_int_equal(run_agx("check data/warninglists/public-dns.txt 2>&1", &out), 1);
	assert_non_null(strstr(out, "public-dns.txt: error: nothing agx can read: a warninglist"));
	assert_non_null(strstr(out, "public-dns.txt: warninglist, 0 objects"));
	assert_non_null(strstr(out, "a warninglist ('Public DNS resolvers'), not data"));
	assert_non_null(strstr(out, "--warninglist data/warninglists/public-dns.txt"));
	free(out);
	/* every bundled list, each one alone */
	assert_int_equal(run_capture("for f in data/warninglists/*; do ${AGX:-./agx} check \"$f\" | "
				     "grep -c ': warninglist, 0 objects'; done | sort -u",
				     &out),
			 0);
	assert_string_equal(out, "1\n");
	free(out);
}

/* Verdicts and notes written in the explorer reach the batch exports: the
 * workspace beside the data is read by `agx export` and `agx brief`. */
static void test_workspace_reaches_export_and_brief(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("cli_ws");
	char cmd[8192], *out = NULL;
	snprintf(cmd, sizeof(cmd), "cp data/africa-report.json %s/", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/.agx-workspace.json", dir);
	write_file(cmd, "{\"agx_workspace\": 1, \"verdicts\": [{\"pair\": "
			"\"pair:actor:famoussparrow|actor:ghostemperor\", \"verdict\": \"dismissed\", "
			"\"when\": 1700000000}], \"notes\": [{\"key\": "
			"\"pair:actor:famoussparrow|actor:ghostemperor\", \"text\": \"Only one IP "
			"is independent <b>\", \"when\": 1700000000}]}");
	snprintf(cmd, sizeof(cmd),
		 "export --view pair --pair FamousSparrow,GhostEmperor -f dot -o - %s/africa-report.json",
		 dir);
	assert_int_equal(run_agx(cmd, &out), 0);
	assert_non_null(strstr(out, "dismissed"));
	free(out);
	snprintf(cmd, sizeof(cmd), "brief -o %s/brief --pair FamousSparrow,GhostEmperor "
		 "%s/africa-report.json", dir, dir);
	assert_int_equal(run_agx(cmd, NULL), 0);
	snprintf(cmd, sizeof(cmd), "%s/brief/brief.md", dir);
	char *md = read_file_all(cmd, NULL);
	assert_non_null(md);
	assert_non_null(strstr(md, "| Analyst verdict | dismissed |"));
	assert_non_null(strstr(md, "## Analyst notes"));
	assert_non_null(strstr(md, "Only one IP is independent \\<b\\>"));
	free(md);
}

/* --aliases FILE: the analyst's own alias table merges names (explained as a
 * claim from that file), a malformed line is an error with its position and
 * the good lines still count, and a line naming no loaded actor merges
 * nothing. */
static void test_alias_file_merges_names(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("cli_aliases");
	char path[1200], args[2600], *out = NULL;
	snprintf(path, sizeof(path), "%s/mine.txt", dir);
	write_file(path, "# my table\nAPT15 = BackdoorDiplomacy  # one actor to me\n"
			 "this line has no equals sign\nNobody = Nobody Else\n");
	snprintf(args, sizeof(args), "overlaps --csv --aliases %s", path);
	assert_int_equal(run_agx(args, &out), 1);
	/* APT15 and BackdoorDiplomacy are one unit now: no pair of the two */
	assert_null(strstr(out, "APT15,BackdoorDiplomacy"));
	assert_non_null(strstr(out, "FamousSparrow,GhostEmperor"));
	free(out);
	snprintf(args, sizeof(args), "${AGX:-./agx} why APT15 BackdoorDiplomacy --aliases %s 2>&1",
		 path);
	assert_int_equal(run_capture(args, &out), 2);
	assert_non_null(strstr(out, "name the same unit"));
	char want[1300];
	snprintf(want, sizeof(want), "%s:3:1: error: expected 'Name = Alias", path);
	assert_non_null(strstr(out, want));
	free(out);
}

/* The explorer opens on what could be loaded, and says on its status line
 * that an input failed (the message printed before the screen was taken
 * would be hidden behind it); the exit status still reports it. */
static void test_explorer_shows_input_errors(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("cli_tui_err");
	char keys[1200], dump[1200], args[8192];
	snprintf(keys, sizeof(keys), "%s/keys.txt", dir);
	snprintf(dump, sizeof(dump), "%s/screen.txt", dir);
	write_file(keys, "# no keys: the first screen\n");
	snprintf(args, sizeof(args),
		 "--size 80x24 --workspace %s/ws.json --script %s --dump-screen %s "
		 "%s/missing.json data/africa-report.json 2>/dev/null",
		 dir, keys, dump, dir);
	assert_int_equal(run_agx(args, NULL), 1);
	char *screen = read_file_all(dump, NULL);
	assert_non_null(screen);
	assert_non_null(strstr(screen, "1 input error"));
	assert_non_null(strstr(screen, "BackdoorDiplomacy"));
	free(screen);
}

/* No input agx can read is an input error said once for the input, with
 * what was found: exit 1 in batch, the message on the explorer's screen. */
static void test_nothing_readable_is_an_input_error(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("unreadable");
	char path[1200], args[8000], *err = NULL;
	snprintf(path, sizeof(path), "%s/empty", dir);
	assert_int_equal(mkdir(path, 0777), 0);
	snprintf(path, sizeof(path), "%s/notes", dir);
	assert_int_equal(mkdir(path, 0777), 0);
	snprintf(path, sizeof(path), "%s/notes/monday.md", dir);
	write_file(path, "# Monday\n\nCall Bob about the budget. Lunch at noon.\n");
	snprintf(path, sizeof(path), "%s/notes/todo.txt", dir);
	write_file(path, "buy milk\nfix the bike\n");
	snprintf(path, sizeof(path), "%s/notes/README.md", dir); /* passed by anyway */
	write_file(path, "my notes\n");

	snprintf(args, sizeof(args), "overlaps %s/empty 2>&1 >/dev/null", dir);
	assert_int_equal(run_agx(args, &err), 1);
	assert_non_null(strstr(err, "/empty: error: nothing agx can read here: no data file in it"));
	free(err);
	snprintf(args, sizeof(args), "stats %s/notes 2>&1 >/dev/null", dir);
	assert_int_equal(run_agx(args, &err), 1);
	assert_non_null(strstr(err, "/notes: error: nothing agx can read here: 2 files read as "
				    "text, with no indicator, actor or report in any"));
	free(err);
	snprintf(args, sizeof(args), "stats %s/notes/todo.txt 2>&1 >/dev/null", dir);
	assert_int_equal(run_agx(args, &err), 1);
	assert_non_null(strstr(err, "todo.txt: error: nothing agx can read: read as free text"));
	free(err);
	assert_int_equal(run_agx("stats tests/fixtures/stix2/empty.json 2>&1 >/dev/null", &err), 1);
	assert_non_null(strstr(err, "empty.json: error: nothing agx can read: the file is empty"));
	free(err);
	/* beside data that loads, the unreadable input is still named, once */
	snprintf(args, sizeof(args), "stats data %s/notes 2>&1 >/dev/null", dir);
	assert_int_equal(run_agx(args, &err), 1);
	assert_non_null(strstr(err, "nothing agx can read here"));
	assert_null(strstr(strstr(err, "nothing agx") + 1, "nothing agx"));
	free(err);
	/* a STIX bundle with no objects is readable, only empty */
	snprintf(path, sizeof(path), "%s/bundle.json", dir);
	write_file(path, "{\"type\": \"bundle\", \"id\": "
			 "\"bundle--44af6c39-c09b-49c5-9de2-394224b04982\", \"objects\": []}");
	snprintf(args, sizeof(args), "stats %s 2>&1 >/dev/null", path);
	assert_int_equal(run_agx(args, &err), 0);
	free(err);
	/* the explorer says it on its screen */
	snprintf(path, sizeof(path), "%s/keys", dir);
	write_file(path, "# the first screen\n");
	snprintf(args, sizeof(args),
		 "--size 80x24 --workspace %s/ws.json --script %s/keys --dump-screen %s/screen "
		 "%s/empty 2>/dev/null",
		 dir, dir, dir, dir);
	assert_int_equal(run_agx(args, NULL), 1);
	snprintf(path, sizeof(path), "%s/screen", dir);
	char *screen = read_file_all(path, NULL);
	assert_non_null(screen);
	assert_non_null(strstr(screen, "1 input error"));
	assert_non_null(strstr(screen, "nothing agx can read"));
	free(screen);
	/* :load of it from the bundled data keeps the data on screen, and says why */
	snprintf(path, sizeof(path), "%s/keys", dir);
	snprintf(args, sizeof(args), ":load %s/notes\n", dir);
	write_file(path, args);
	snprintf(args, sizeof(args),
		 "--size 120x24 --workspace %s/ws.json --script %s/keys --dump-screen %s/screen "
		 "2>/dev/null",
		 dir, dir, dir);
	assert_int_equal(run_agx(args, NULL), 0);
	snprintf(path, sizeof(path), "%s/screen", dir);
	screen = read_file_all(path, NULL);
	assert_non_null(screen);
	assert_non_null(strstr(screen, "BackdoorDiplomacy"));
	assert_non_null(strstr(screen, "/notes: 1 error (nothing agx can read here"));
	free(screen);
}

/* The screen a headless explorer shows after keys, run with args; the two
 * bottom lines (status and key help, where :load's own message goes) are
 * cut. The caller frees. */
static char *screen_after(const char *tag, const char *args, const char *keys_text)
{
	const char *dir = test_tmpdir(tag);
	char keys[1200], dump[1200], cmd[12000];
	snprintf(keys, sizeof(keys), "%s/keys.txt", dir);
	snprintf(dump, sizeof(dump), "%s/screen.txt", dir);
	write_file(keys, keys_text);
	snprintf(cmd, sizeof(cmd),
		 "--size 160x45 --workspace %s/ws.json --script %s --dump-screen %s %s 2>/dev/null",
		 dir, keys, dump, args);
	int rc = run_agx(cmd, NULL);
	if (rc != 0)
		fail_msg("agx %s: exit %d", args, rc);
	char *screen = read_file_all(dump, NULL);
	assert_non_null(screen);
	for (int cut = 0; cut < 2; cut++) {
		char *nl = strrchr(screen, '\n');
		if (nl && !nl[1]) { /* a final newline first */
			*nl = '\0';
			nl = strrchr(screen, '\n');
		}
		if (nl)
			*nl = '\0';
	}
	return screen;
}

/* :load builds the graph naming the file at start-up builds. From the
 * bundled data (no input named), the data is set aside: `agx` then
 * `:load X` is `agx X`, not the bundled data plus X, whose extra units
 * moved every idf (weight 7.008 against 7.030 on the corpus). */
static void test_load_in_explorer_is_naming_it_at_start_up(void **state)
{
	(void)state;
	char *started = screen_after("load_a", "tests/fixtures/text/report.md", "2\n");
	char *loaded = screen_after("load_b", "", ":load tests/fixtures/text/report.md\n2\n");
	assert_string_equal(loaded, started);
	assert_non_null(strstr(loaded, "paper-lantern.net"));
	assert_null(strstr(loaded, "27.102.113.240")); /* the bundled data's */
	free(started);
	free(loaded);
	/* on the corpus: scores (Overlaps tab) from start-up and from :load */
	const char *trails = corpus_or_skip("maltrail-apt-trails");
	const char *eset = corpus_or_skip("eset-malware-ioc/famoussparrow");
	char args[9000], keys[9000];
	snprintf(keys, sizeof(keys), ":load %s\n4\n", trails);
	started = screen_after("load_c", trails, "4\n");
	loaded = screen_after("load_d", "", keys);
	assert_string_equal(loaded, started);
	assert_non_null(strstr(loaded, "[4 Overlaps]"));
	assert_non_null(strstr(loaded, "CopyKittens"));
	free(started);
	free(loaded);
	/* from named inputs, :load adds to them: `agx A` + `:load B` is `agx A B` */
	snprintf(args, sizeof(args), "'%s' '%s'", eset, trails);
	started = screen_after("load_e", args, "4\n");
	snprintf(args, sizeof(args), "'%s'", eset);
	loaded = screen_after("load_f", args, keys);
	assert_string_equal(loaded, started);
	char *alone = screen_after("load_g", args, "4\n");
	assert_string_not_equal(alone, loaded); /* the :load did add */
	free(alone);
	free(started);
	free(loaded);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_and_version),
		cmocka_unit_test(test_usage_errors_exit_2_and_say_why),
		cmocka_unit_test(test_mistyped_command_is_a_usage_error_with_a_suggestion),
		cmocka_unit_test(test_mistyped_option_and_value_suggest_the_right_one),
		cmocka_unit_test(test_missing_input_exit_1_with_path),
		cmocka_unit_test(test_stats_counts_on_stix21_bundle),
		cmocka_unit_test(test_stats_same_file_twice),
		cmocka_unit_test(test_stdin_is_read),
		cmocka_unit_test(test_bundled_data_is_default),
		cmocka_unit_test(test_naming_data_dir_gives_the_same_answer),
		cmocka_unit_test(test_workspace_reaches_export_and_brief),
		cmocka_unit_test(test_alias_file_merges_names),
		cmocka_unit_test(test_explorer_shows_input_errors),
		cmocka_unit_test(test_load_in_explorer_is_naming_it_at_start_up),
		cmocka_unit_test(test_nothing_readable_is_an_input_error),
		cmocka_unit_test(test_why_names_other_sources),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
