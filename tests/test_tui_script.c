/* Headless screen tests: each tests/screens/NAME.keys is played into agx
 * (--script, --dump-screen, on the bundled data) and the screen must equal
 * tests/screens/NAME.txt. A first line "# agx: ARGS" adds arguments. A
 * script that names no size (--size in ARGS) runs twice, as wide terminals
 * are part of the suite: at 80x24 against NAME.txt and at 160x45 against
 * NAME@160x45.txt. A line "# corpus: PATH" loads that part of
 * ../shared/corpus instead of the bundled data, and the test is skipped when
 * the corpus is absent. Today's date (notes carry it) reads as <today>.
 * AGX_UPDATE_SCREENS=1 rewrites the expected screens (then review them with
 * git diff). */
#include <dirent.h>
#include <time.h>

#include "tests/testutil.h"

/* The value of a "# NAME: value" line of the script, or "" (malloc'd). */
static char *header(const char *keys_path, const char *name)
{
	char *text = read_file_all(keys_path, NULL);
	char *val = NULL;
	size_t nl = strlen(name);
	for (const char *l = text; l && *l == '#';) {
		if (strncmp(l + 2, name, nl) == 0 && l[2 + nl] == ':' && l[3 + nl] == ' ')
			val = strndup(l + 4 + nl, strcspn(l + 4 + nl, "\n"));
		l = strchr(l, '\n');
		if (l)
			l++;
	}
	free(text);
	return val ? val : strdup("");
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

/* A test: a script, and the size it runs at ("" when it names its own). */
struct screen {
	char *name; /* NAME or NAME@WxH: the expected screen's file name */
	char *script;
	const char *size;
};

static void run_screen(const struct screen *sc)
{
	const char *name = sc->name;
	char keys[512], want_path[512], got_path[1100], ws[1100], cmd[6000], data[2100];
	snprintf(keys, sizeof(keys), "tests/screens/%s.keys", sc->script);
	snprintf(want_path, sizeof(want_path), "tests/screens/%s.txt", name);
	char *corpus = header(keys, "corpus");
	int from_corpus = corpus[0] != '\0';
	if (from_corpus) {
		const char *p = corpus_or_skip(corpus);
		snprintf(data, sizeof(data), "'%s'", p);
	} else {
		snprintf(data, sizeof(data), "data/africa-report.json");
	}
	free(corpus);
	const char *dir = test_tmpdir("screen");
	snprintf(got_path, sizeof(got_path), "%s/%s.txt", dir, name);
	snprintf(ws, sizeof(ws), "%s/ws.json", dir);
	char *extra = header(keys, "agx");
	snprintf(cmd, sizeof(cmd),
		 "%s%s %s --workspace '%s' --script '%s' --dump-screen '%s' %s 2>/dev/null",
		 sc->size[0] ? "--size " : "", sc->size, extra, ws, keys, got_path, data);
	free(extra);
	int rc = run_agx(cmd, NULL);
	/* the corpus holds files with errors on purpose: exit 1, the rest loads */
	if (rc != 0 && !(from_corpus && rc == 1))
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
	run_screen((const struct screen *)*state);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	/* verdicts and notes carry their author: the same on every machine */
	setenv("AGX_ANALYST", "tester", 1);
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
	/* one cmocka test per screen and size, named after them */
	struct screen *sc = calloc(2 * n + 1, sizeof(*sc));
	size_t ns = 0;
	for (size_t i = 0; i < n; i++) {
		char path[600];
		snprintf(path, sizeof(path), "tests/screens/%s.keys", names[i]);
		char *args = header(path, "agx");
		int sized = strstr(args, "--size") != NULL;
		free(args);
		sc[ns++] = (struct screen){strdup(names[i]), names[i], sized ? "" : "80x24"};
		if (!sized) {
			char wide[600];
			snprintf(wide, sizeof(wide), "%s@160x45", names[i]);
			sc[ns++] = (struct screen){strdup(wide), names[i], "160x45"};
		}
	}
	struct CMUnitTest *tests = calloc(ns + 1, sizeof(*tests));
	for (size_t i = 0; i < ns; i++) {
		tests[i].name = sc[i].name;
		tests[i].test_func = test_screen;
		tests[i].initial_state = &sc[i];
	}
	int rc = _cmocka_run_group_tests("screens", tests, ns, NULL, NULL);
	for (size_t i = 0; i < ns; i++)
		free(sc[i].name);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(sc);
	free(tests);
	return rc;
}
