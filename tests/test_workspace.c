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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_missing_file_is_empty),
		cmocka_unit_test(test_corrupt_file_refused_and_kept),
		cmocka_unit_test(test_save_is_atomic),
		cmocka_unit_test(test_default_path_beside_data),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
