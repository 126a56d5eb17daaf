/* Headless screen tests: each tests/screens/NAME.keys is played into agx
 * (--script, --dump-screen, --size 80x24 unless the file says otherwise, on
 * the bundled data) and the screen must equal tests/screens/NAME.txt.
 * A first line "# agx: ARGS" adds arguments. Today's date (notes carry it)
 * reads as <today>. AGX_UPDATE_SCREENS=1 rewrites the expected screens
 * (then review them with git diff). */
#include <dirent.h>
#include <time.h>

#include "tests/testutil.h"

static char *extra_args(const char *keys_path)
{
	char *text = read_file_all(keys_path, NULL);
	char *args = strdup("");
	if (text && strncmp(text, "# agx: ", 7) == 0) {
		size_t n = strcspn(text + 7, "\n");
		free(args);
		args = strndup(text + 7, n);
	}
	free(text);
	return args;
}

/* Replaces every occurrence of today's date with <today>. */
static char *normalise(char *s)
{
	char today[16];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	size_t n = strlen(s);
	char *out = malloc(n * 2 + 1);
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		if (strncmp(s + i, today, 10) == 0) {
			memcpy(out + o, "<today>   ", 10);
			o += 10;
			i += 10;
		} else {
			out[o++] = s[i++];
		}
	}
	out[o] = '\0';
	free(s);
	return out;
}

static void run_screen(const char *name)
{
	char keys[512], want_path[512], got_path[1100], ws[1100], cmd[4000];
	snprintf(keys, sizeof(keys), "tests/screens/%s.keys", name);
	snprintf(want_path, sizeof(want_path), "tests/screens/%s.txt", name);
	const char *dir = test_tmpdir("screen");
	snprintf(got_path, sizeof(got_path), "%s/%s.txt", dir, name);
	snprintf(ws, sizeof(ws), "%s/ws.json", dir);
	char *extra = extra_args(keys);
	snprintf(cmd, sizeof(cmd),
		 "--size 80x24 %s --workspace '%s' --script '%s' --dump-screen '%s' "
		 "data/africa-report.json 2>/dev/null",
		 extra, ws, keys, got_path);
	free(extra);
	int rc = run_agx(cmd, NULL);
	if (rc != 0)
		fail_msg("%s: agx exited %d", name, rc);
	char *got = read_file_all(got_path, NULL);
	assert_non_null(got);
	got = normalise(got);
	const char *update = getenv("AGX_UPDATE_SCREENS");
	if (update && *update == '1') {
		write_file(want_path, got);
		free(got);
		return;
	}
	char *want = read_file_all(want_path, NULL);
	if (!want)
		fail_msg("%s missing (AGX_UPDATE_SCREENS=1 writes it)", want_path);
	if (strcmp(want, got) != 0) {
		char fixed[1200];
		snprintf(fixed, sizeof(fixed), "%s.norm", got_path);
		write_file(fixed, got);
		snprintf(cmd, sizeof(cmd), "diff -u '%s' '%s' >&2", want_path, fixed);
		if (system(cmd) == -1)
			print_message("diff failed\n");
		fail_msg("screen %s differs (above)", name);
	}
	free(want);
	free(got);
}

static void test_screen(void **state)
{
	run_screen((const char *)*state);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	DIR *d = opendir("tests/screens");
	if (!d) {
		fprintf(stderr, "tests/screens: not found (run from the top of the tree)\n");
		return 1;
	}
	char *names[256];
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d)) && n < 256;) {
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".keys") == 0)
			names[n++] = strndup(e->d_name, l - 5);
	}
	closedir(d);
	qsort(names, n, sizeof(char *), by_name);
	/* one cmocka test per screen, named after it */
	struct CMUnitTest *tests = calloc(n + 1, sizeof(*tests));
	for (size_t i = 0; i < n; i++) {
		tests[i].name = names[i];
		tests[i].test_func = test_screen;
		tests[i].initial_state = names[i];
	}
	int rc = _cmocka_run_group_tests("screens", tests, n, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(tests);
	return rc;
}
