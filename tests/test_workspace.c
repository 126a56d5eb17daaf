/* The workspace file: verdicts and notes survive a save and a load, writes
 * are atomic, and a file that is not a workspace is reported, not eaten. */
#include <dirent.h>

#include "graph/annot.h"
#include "tests/testutil.h"
#include "tui/session/session.h"
#include "tui/session/workspace.h"

static void test_round_trip(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("ws_round");
	char path[1200];
	snprintf(path, sizeof(path), "%s/ws.json", dir);
	struct annot a;
	annot_init(&a);
	struct workspace w;
	char err[512];
	assert_int_equal(workspace_open(&w, path, 0, &a, err, sizeof(err)), 0);
	workspace_set_verdict(&w, &a, "pair:actor:apt15|actor:backdoordiplomacy", VERDICT_CONFIRMED);
	workspace_set_verdict(&w, &a, "pair:actor:apt41|actor:earthestries", VERDICT_DISMISSED);
	workspace_add_note(&w, &a, "actor:apt15", "seen in \"Tainted Love\"\nline two \x01 ctl");
	workspace_add_note(&w, &a, "domain:example.com", "\xe6\x94\xbb\xe6\x92\x83 UTF-8");
	assert_int_equal(workspace_save(&w, &a, err, sizeof(err)), 0);
	workspace_close(&w);

	struct annot b;
	annot_init(&b);
	assert_int_equal(workspace_load(path, &b, err, sizeof(err)), 0);
	assert_int_equal(b.nverdicts, 2);
	assert_int_equal(b.nnotes, 2);
	assert_int_equal(annot_verdict_of(&b, "pair:actor:apt15|actor:backdoordiplomacy"),
			 VERDICT_CONFIRMED);
	assert_int_equal(annot_verdict_of(&b, "pair:actor:apt41|actor:earthestries"),
			 VERDICT_DISMISSED);
	const struct annot_note *n[4];
	assert_int_equal(annot_notes_for(&b, "actor:apt15", n, 4), 1);
	assert_string_equal(n[0]->text, "seen in \"Tainted Love\"\nline two \x01 ctl");
	assert_string_equal(n[0]->id, a.notes[0].id);
	assert_true(n[0]->when > 1700000000);
	assert_int_equal(annot_notes_for(&b, "domain:example.com", n, 4), 1);
	assert_string_equal(n[0]->text, "\xe6\x94\xbb\xe6\x92\x83 UTF-8");
	annot_free(&a);
	annot_free(&b);
	/* a file written by hand (an older agx: notes without ids) */
	write_file(path, "{\"agx_workspace\": 1, \"notes\": [{\"key\": \"actor:x\", "
			 "\"text\": \"t\", \"when\": 1700000000}]}");
	annot_init(&b);
	assert_int_equal(workspace_load(path, &b, err, sizeof(err)), 0);
	assert_int_equal(b.nnotes, 1);
	assert_int_equal((long)b.notes[0].when, 1700000000L);
	assert_int_equal(strncmp(b.notes[0].id, "note--", 6), 0);
	annot_free(&b);
}

static void test_missing_file_is_empty(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("ws_missing");
	char path[1200];
	snprintf(path, sizeof(path), "%s/none.json", dir);
	struct annot a;
	annot_init(&a);
	char err[512];
	assert_int_equal(workspace_load(path, &a, err, sizeof(err)), 0);
	assert_int_equal(a.nnotes + a.nverdicts, 0);
	annot_free(&a);
}

static void test_corrupt_file_refused_and_kept(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("ws_corrupt");
	char path[1200];
	snprintf(path, sizeof(path), "%s/ws.json", dir);
	const char *bad = "{\"agx_workspace\": 1,\n \"notes\": [ {\"key\": \"x\", \"text\": }\n";
	write_file(path, bad);
	struct annot a;
	annot_init(&a);
	char err[512];
	assert_int_equal(workspace_load(path, &a, err, sizeof(err)), -1);
	/* path:line:col: error: ... */
	char want[1300];
	snprintf(want, sizeof(want), "%s:2:", path);
	assert_non_null(strstr(err, want));
	assert_non_null(strstr(err, "error:"));
	assert_non_null(strstr(err, "--workspace"));
	/* some other JSON document is not a workspace either */
	write_file(path, "{\"objects\": []}");
	assert_int_equal(workspace_load(path, &a, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not a workspace"));
	/* a bad entry */
	write_file(path, "{\"agx_workspace\": 1, \"verdicts\": [{\"pair\": \"p\", \"verdict\": \"maybe\"}]}");
	assert_int_equal(workspace_load(path, &a, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/verdicts/0"));
	assert_int_equal(a.nverdicts, 0);
	annot_free(&a);
	/* the explorer refuses to start on it, and leaves the bytes alone */
	write_file(path, bad);
	char args[2600];
	snprintf(args, sizeof(args), "--workspace '%s' --script /dev/null data/africa-report.json "
				     "2>'%s.err'", path, path);
	int rc = run_agx(args, NULL);
	assert_int_equal(rc, EXIT_INPUT);
	char errfile[1300];
	snprintf(errfile, sizeof(errfile), "%s.err", path);
	char *out = read_file_all(errfile, NULL);
	assert_non_null(out);
	assert_non_null(strstr(out, want));
	free(out);
	char *after = read_file_all(path, NULL);
	assert_string_equal(after, bad);
	free(after);
}

static void test_save_is_atomic(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("ws_atomic");
	char path[1200];
	snprintf(path, sizeof(path), "%s/ws.json", dir);
	struct annot a;
	annot_init(&a);
	struct workspace w;
	char err[512];
	assert_int_equal(workspace_open(&w, path, 0, &a, err, sizeof(err)), 0);
	for (int i = 0; i < 20; i++) {
		char note[32];
		snprintf(note, sizeof(note), "note %d", i);
		workspace_add_note(&w, &a, "actor:x", note);
		assert_int_equal(workspace_save(&w, &a, err, sizeof(err)), 0);
	}
	assert_int_equal(a.nnotes, 20);
	workspace_close(&w);
	/* the file and its lock: no temporary left behind */
	DIR *d = opendir(dir);
	assert_non_null(d);
	int files = 0;
	for (struct dirent *e; (e = readdir(d));)
		if (e->d_name[0] != '.') {
			files++;
			if (strcmp(e->d_name, "ws.json") && strcmp(e->d_name, "ws.json.lock"))
				fail_msg("left behind: %s", e->d_name);
		}
	closedir(d);
	assert_int_equal(files, 2);
	/* a directory we cannot write into: an error, and nothing changed */
	char bad[1300];
	snprintf(bad, sizeof(bad), "%s/no/such/dir/ws.json", dir);
	annot_free(&a);
	annot_init(&a);
	assert_int_equal(workspace_open(&w, bad, 0, &a, err, sizeof(err)), 0);
	workspace_add_note(&w, &a, "actor:x", "kept in memory");
	assert_int_equal(workspace_save(&w, &a, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not saved"));
	assert_int_equal(a.nnotes, 1);
	workspace_close(&w);
	annot_free(&a);
}

static void test_default_path_beside_data(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("ws_path");
	char data[1200];
	snprintf(data, sizeof(data), "%s/bundle.json", dir);
	write_file(data, "{}");
	struct session s;
	session_init(&s);
	const char *inputs[] = {data};
	s.inputs = inputs;
	s.ninputs = 1;
	char *p = workspace_path(&s);
	char want[1300];
	snprintf(want, sizeof(want), "%s/.agx-workspace.json", dir);
	assert_string_equal(p, want);
	free(p);
	/* --workspace wins */
	s.workspace = "/tmp/elsewhere.json";
	p = workspace_path(&s);
	assert_string_equal(p, "/tmp/elsewhere.json");
	free(p);
	session_free(&s);
}

/* Alias and attribution decisions, and who made each judgement: kept by a
 * save, read back alike; a later decision on a pair of names replaces the
 * earlier; records out of bounds or of unknown values are reported with
 * where they are, never half read. */
static void test_decisions_and_authors(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("ws_decide");
	char path[1200];
	snprintf(path, sizeof(path), "%s/ws.json", dir);
	struct annot a;
	annot_init(&a);
	struct workspace w;
	char err[512];
	assert_int_equal(workspace_open(&w, path, 0, &a, err, sizeof(err)), 0);
	w.author = "alice";
	assert_string_equal(workspace_decide_alias(&w, &a, "APT3", "Gothic Panda", 1, 0),
			    "alias:apt3|gothicpanda");
	/* the same pair in the other order, another spelling: replaced */
	workspace_decide_alias(&w, &a, "gothic-panda", "APT 3", 0, 1);
	assert_null(workspace_decide_alias(&w, &a, "APT3", "apt-3", 1, 0)); /* one name */
	workspace_attribute(&w, &a, "data/x.json#report--1", "APT41", "same C2");
	workspace_attribute(&w, &a, "Operation Y", NULL, NULL);
	workspace_set_verdict(&w, &a, "pair:actor:a|actor:b", VERDICT_CONFIRMED);
	workspace_add_note(&w, &a, "actor:a", "seen");
	assert_int_equal(workspace_save(&w, &a, err, sizeof(err)), 0);
	workspace_close(&w);
	annot_free(&a);

	struct annot b;
	annot_init(&b);
	assert_int_equal(workspace_load(path, &b, err, sizeof(err)), 0);
	assert_int_equal(b.naliases, 1);
	assert_string_equal(b.aliases[0].a, "gothic-panda");
	assert_string_equal(b.aliases[0].b, "APT 3");
	assert_false(b.aliases[0].join);
	assert_true(b.aliases[0].undo);
	assert_string_equal(b.aliases[0].author, "alice");
	assert_true(b.aliases[0].when > 1700000000);
	assert_int_equal(b.nattribs, 2);
	const struct annot_attrib *x = annot_find_attrib(&b, "data/x.json#report--1");
	assert_non_null(x);
	assert_string_equal(x->actor, "APT41");
	assert_string_equal(x->note, "same C2");
	x = annot_find_attrib(&b, "Operation Y");
	assert_string_equal(x->actor, ""); /* attributed to none */
	assert_string_equal(b.verdicts[0].author, "alice");
	assert_string_equal(b.notes[0].author, "alice");
	/* forgetting: the records go, in memory and in the file */
	assert_int_equal(workspace_open(&w, path, 0, &b, err, sizeof(err)), 0);
	assert_int_equal(workspace_forget_alias(&w, &b, "alias:apt3|gothicpanda"), 0);
	assert_int_equal(workspace_forget_attrib(&w, &b, "Operation Y"), 0);
	assert_int_equal(workspace_forget_attrib(&w, &b, "Operation Y"), -1);
	assert_int_equal(workspace_save(&w, &b, err, sizeof(err)), 0);
	workspace_close(&w);
	annot_free(&b);
	annot_init(&b);
	assert_int_equal(workspace_load(path, &b, err, sizeof(err)), 0);
	assert_int_equal(b.naliases, 0);
	assert_int_equal(b.nattribs, 1);
	annot_free(&b);

	/* hostile records */
	static const struct {
		const char *text, *want;
	} bad[] = {
	    {"{\"agx_workspace\": 1, \"aliases\": [{\"id\": \"alias:a|b\", \"a\": \"A\", \"b\": "
	     "\"B\", \"decision\": \"maybe\"}]}",
	     "/aliases/0: \"decision\" is neither \"same\" nor \"different\""},
	    {"{\"agx_workspace\": 1, \"aliases\": [{\"id\": \"alias:a|a\", \"a\": \"A\", \"b\": "
	     "\"a\", \"decision\": \"same\"}]}",
	     "/aliases/0: \"a\" and \"b\" are not two names"},
	    {"{\"agx_workspace\": 1, \"attributions\": [{\"subject\": \"\", \"actor\": \"X\"}]}",
	     "/attributions/0: \"subject\" is empty"},
	    {"{\"agx_workspace\": 1, \"attributions\": [{\"subject\": \"s\", \"actor\": 7}]}",
	     "/attributions/0: \"actor\" is not a string"},
	    {"{\"agx_workspace\": 1, \"notes\": [{\"id\": \"n\", \"key\": \"k\", \"text\": \"t\", "
	     "\"author\": [1]}]}",
	     "/notes/0: \"author\" is not a string"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_file(path, bad[i].text);
		annot_init(&b);
		assert_int_equal(workspace_load(path, &b, err, sizeof(err)), -1);
		if (!strstr(err, bad[i].want))
			fail_msg("%zu: '%s' lacks '%s'", i, err, bad[i].want);
		annot_free(&b);
	}
	/* a name over the bound (1024 bytes) */
	char *big = malloc(3000);
	memset(big, 'x', 2000);
	big[2000] = '\0';
	char *text = malloc(4000);
	snprintf(text, 4000,
		 "{\"agx_workspace\": 1, \"attributions\": [{\"subject\": \"s\", \"actor\": \"%s\"}]}",
		 big);
	write_file(path, text);
	annot_init(&b);
	assert_int_equal(workspace_load(path, &b, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "\"actor\" is longer than 1024 bytes"));
	annot_free(&b);
	free(big);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_missing_file_is_empty),
		cmocka_unit_test(test_corrupt_file_refused_and_kept),
		cmocka_unit_test(test_save_is_atomic),
		cmocka_unit_test(test_default_path_beside_data),
		cmocka_unit_test(test_decisions_and_authors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
