/* Hostile input (SPEC.md: "Malformed input gets an error of the form
 * FILE:LINE:COL: message and never a crash"). Three parts:
 *   - every file in tests/fixtures/fuzz/ (fuzzer findings and hand-made
 *     nasties) loads without a crash, each error carries a position or a
 *     JSON pointer, and no diagnostic holds a raw control byte; the
 *     expected first error of each is listed below;
 *   - big inputs generated here: 100 MB of '[' / '{"a":', a 20 MB line,
 *     1 million CSV columns, 100,000 nested XML elements, 0 bytes, NULs;
 *   - the agx binary: escapes in names never reach the terminal, a broken
 *     file exits 1 while the others still load.
 * Values the fuzzer found non-idempotent under normalisation are checked
 * directly at the end. */
#include "tests/testutil.h"
#include "tests/loadhelp.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/sysmacros.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/inoset.h"
#include "graph/warnlist.h"
#include "loaders/aliasfile.h"
#include "loaders/warnlist_load.h"
#include "tui/cmd/cli.h"
#include "tui/explorer/app.h"
#include "tui/explorer/grid.h"
#include "tui/explorer/keys.h"
#include "tui/explorer/view.h"
#include "tui/session/workspace.h"


#define FUZZ_DIR "tests/fixtures/fuzz"

/* Every error has a position (line and column, or a JSON pointer), except
 * the whole-file ones: I/O, the size limit, a format this build lacks or
 * a --format name it does not know. */
static void assert_errors_positioned(const struct loaded *l)
{
	for (size_t i = 0; i < l->d.count; i++) {
		const struct diag *di = &l->d.items[i];
		if (di->level != DIAG_ERROR || di->code == D_IO ||
		    (di->code == D_LIMIT && strstr(di->msg, "byte limit")) ||
		    (di->code == D_FORMAT && (strstr(di->msg, "not supported by this build") ||
					      strstr(di->msg, "unknown format"))))
			continue;
		if (di->line == 0 && !di->where) {
			char *s = diag_format(di, graph_file_path(l->g, di->file));
			fail_msg("error without a position: %s", s);
		}
		if (di->line)
			assert_true(di->col > 0);
	}
}

/* No diagnostic, formatted as agx prints it, holds a C0 control or DEL. */
static void assert_diags_clean(const struct loaded *l)
{
	for (size_t i = 0; i < l->d.count; i++) {
		char *s = diag_format(&l->d.items[i], graph_file_path(l->g, l->d.items[i].file));
		for (const char *p = s; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				fail_msg("control byte 0x%02x in '%s'", (unsigned char)*p, s);
		free(s);
	}
}

static const struct expect {
	const char *file;
	const char *error; /* substring of the first error; NULL: loads with none */
	uint32_t line;	   /* of that error (0: not checked) */
} expects[] = {
    {"ansi-actor.csv", NULL, 0},
    {"ansi-actor.json", NULL, 0},
    {"bad-utf8-actor.csv", NULL, 0},
    {"csv-date-overflow.csv", NULL, 0}, /* "Feb 17, 20222021": UBSan in date_from_ymd */
    {"bad-utf8-name.json", NULL, 0},
    {"deep-array.json", "nesting deeper than 64 levels", 1},
    {"deep-object.json", "nesting deeper than 64 levels", 1},
    {"deep.ioc", "nesting deeper than 256 elements", 3},
    {"doctype.xml", "DTD/entity references are not accepted", 2},
    {"nested-fangs.txt", NULL, 0},
    {"nul-bytes.json", "binary content", 1},
    {"nul-only.bin", "binary content", 1},
    {"unclosed-quote.csv", "unterminated quoted field", 3},
    /* libxml2 printed this one to stderr itself (fuzz_load_stix1) */
    {"utf7-undecodable.xml", "input conversion failed", 3},
    /* fuzz_load_stix2: "modified" in the year 4028 overflowed the
     * nanoseconds of stix2_version_instant (UBSan) */
    {"version-year-4028.json", NULL, 0},
};

static const struct expect *expect_of(const char *name)
{
	for (size_t i = 0; i < sizeof(expects) / sizeof(expects[0]); i++)
		if (!strcmp(expects[i].file, name))
			return &expects[i];
	return NULL;
}

/* Every fixture; files without an entry above (new fuzzer findings) get the
 * generic checks only. */
static void fuzz_fixtures(void **state)
{
	(void)state;
	DIR *dir = opendir(FUZZ_DIR);
	assert_non_null(dir);
	struct dirent *e;
	size_t seen = 0, expected = 0;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s", FUZZ_DIR, e->d_name);
		struct loaded l = {0};
		lh_load(&l, path, NULL);
		assert_errors_positioned(&l);
		assert_diags_clean(&l);
		const struct expect *x = expect_of(e->d_name);
		if (x) {
			expected++;
			const char *first = lh_first_diag(&l, DIAG_ERROR);
			if (!x->error) {
				if (l.rc != 0)
					fail_msg("%s: unexpected error %s", e->d_name, first);
			} else {
				assert_int_equal(l.rc, -1);
				if (!strstr(first, x->error))
					fail_msg("%s: expected '%s', got '%s'", e->d_name, x->error, first);
				char pos[320];
				snprintf(pos, sizeof(pos), "%s:%u:", e->d_name, x->line);
				if (x->line && !strstr(first, pos))
					fail_msg("%s: expected at line %u: %s", e->d_name, x->line, first);
			}
		}
		seen++;
		lh_free(&l);
	}
	closedir(dir);
	assert_int_equal(expected, sizeof(expects) / sizeof(expects[0]));
	assert_true(seen >= expected);
}

/* agx check on the whole folder: exit 1, and every line on stderr is one
 * of ours (path:line:col: or the "agx:" summary), none a library's own. */
static void fuzz_fixtures_stderr(void **state)
{
	(void)state;
	char *out = NULL;
	assert_int_equal(run_agx("check " FUZZ_DIR " 2>&1 >/dev/null", &out), 1);
	size_t lines = 0;
	for (char *line = out, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line) - 1;
		if (strncmp(line, FUZZ_DIR "/", strlen(FUZZ_DIR) + 1) && strncmp(line, "agx: ", 5))
			fail_msg("not a diagnostic of ours: %.*s", (int)(nl - line), line);
		lines++;
	}
	assert_true(lines >= 8);
	free(out);
}

/* What the fixtures load to, where it matters: the good object after a
 * refused one, names with escapes kept (escaping is the printer's job),
 * nested fangs undone completely. */
static void fuzz_fixture_contents(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l, FUZZ_DIR "/bad-utf8-name.json", NULL);
	assert_int_not_equal(graph_find_named(l.g, NODE_ACTOR, "Good Name"), NODE_NONE);
	assert_int_equal(lh_diags(&l, DIAG_WARNING, D_INVALID), 1);
	assert_string_equal(l.d.items[0].where, "/objects/0");
	assert_int_equal(l.d.items[0].line, 2);
	lh_free(&l);

	lh_load(&l, FUZZ_DIR "/nested-fangs.txt", NULL);
	assert_int_not_equal(lh_find(&l, NODE_DOMAIN, "evil.example.com"), NODE_NONE);
	assert_int_not_equal(graph_find(l.g, NODE_URL, "http://bad.example.org/x"), NODE_NONE);
	assert_int_not_equal(lh_find(&l, NODE_IPV4, "1.2.3.4"), NODE_NONE);
	lh_free(&l);

	/* of two versions, the one modified in 4028 is the newer (the
	 * instant saturates, the order holds) */
	lh_load(&l, FUZZ_DIR "/version-year-4028.json", NULL);
	assert_int_equal(l.rc, 0);
	assert_non_null(strstr(lh_first_diag(&l, DIAG_QUIRK),
			       "a newer version (modified 4028-09-09T19:58:39.609Z) replaces"));
	lh_free(&l);

	lh_load(&l, FUZZ_DIR "/unclosed-quote.csv", NULL);
	/* the row before the broken quote stays loaded */
	assert_int_not_equal(lh_find(&l, NODE_IPV4, "1.2.3.4"), NODE_NONE);
	assert_int_equal(lh_find(&l, NODE_IPV4, "9.9.9.9"), NODE_NONE);
	lh_free(&l);
}

/* Writes size bytes of the repeated unit to path, after prefix. */
static void big_file(const char *path, const char *prefix, const char *unit, size_t size)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(prefix, f);
	size_t ul = strlen(unit), n = 1 << 16;
	char *chunk = malloc(n * ul);
	for (size_t i = 0; i < n; i++)
		memcpy(chunk + i * ul, unit, ul);
	for (size_t done = 0; done < size; done += n * ul)
		fwrite(chunk, 1, size - done < n * ul ? size - done : n * ul, f);
	free(chunk);
	fclose(f);
}

static void load_one(struct loaded *l, const char *path, const char *format)
{
	struct load_opts o = {0};
	o.format = format;
	lh_load_opts(l, path, &o);
	assert_errors_positioned(l);
	assert_diags_clean(l);
}

/* 100 MB of '[' and of '{"a":': the nesting bound stops both at once,
 * before any recursion (no stack overflow) and without reading on. */
static void huge_nesting_json(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_json");
	char path[1200];
	struct loaded l = {0};
	snprintf(path, sizeof(path), "%s/brackets.json", dir);
	big_file(path, "", "[", 100u << 20);
	load_one(&l, path, NULL);
	assert_int_equal(l.rc, -1);
	assert_non_null(strstr(lh_first_diag(&l, DIAG_ERROR), "brackets.json:1:65: error: nesting"));
	lh_free(&l);
	/* forced through every JSON-reading format */
	load_one(&l, path, "stix2");
	assert_int_equal(lh_diags(&l, DIAG_ERROR, D_LIMIT), 1);
	lh_free(&l);
	unlink(path);

	snprintf(path, sizeof(path), "%s/objects.json", dir);
	big_file(path, "", "{\"a\":", 100u << 20);
	load_one(&l, path, NULL);
	assert_int_equal(l.rc, -1);
	assert_int_equal(lh_diags(&l, DIAG_ERROR, D_LIMIT), 1);
	assert_int_equal(l.d.items[0].line, 1);
	lh_free(&l);
	unlink(path);

	snprintf(path, sizeof(path), "%s/braces.json", dir);
	big_file(path, "", "{", 1u << 20); /* a syntax error at once */
	load_one(&l, path, NULL);
	assert_int_equal(l.rc, -1);
	assert_non_null(strstr(lh_first_diag(&l, DIAG_ERROR), "braces.json:1:2: error:"));
	lh_free(&l);
	unlink(path);
}

/* A 20 MB line: as an IOC list (one huge token, no indicator), as free
 * text (many indicators on one line), and forced as CSV. A line has a bound
 * of its own (1 MiB): over it, the line is one object skipped with a
 * warning, and the lines after it load (issue 16: a 1 GB junk line gave 0
 * objects and no word). */
static void long_line(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_line");
	char path[1200];
	struct loaded l = {0};
	snprintf(path, sizeof(path), "%s/token.txt", dir);
	big_file(path, "", "x", 20u << 20);
	FILE *f = fopen(path, "ab");
	fputs("\n5.6.7.8\n", f);
	fclose(f);
	load_one(&l, path, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_equal(lh_diags(&l, DIAG_WARNING, D_LIMIT), 1);
	assert_non_null(strstr(lh_first_diag(&l, DIAG_WARNING),
			       "token.txt:1:1: warning: line of 20971520 bytes, over the 1048576-byte "
			       "line limit: skipped"));
	assert_int_not_equal(lh_find(&l, NODE_IPV4, "5.6.7.8"), NODE_NONE);
	assert_int_equal(l.g->files[0].skipped, 1);
	lh_free(&l);
	load_one(&l, path, "csv");
	lh_free(&l);
	unlink(path);

	snprintf(path, sizeof(path), "%s/prose.txt", dir);
	big_file(path, "seen at ", "a.example.com and 10.9.8.7 ", 20u << 20);
	f = fopen(path, "ab");
	fputs("\nalso b.example.org\n", f);
	fclose(f);
	load_one(&l, path, "text");
	assert_int_equal(l.rc, 0);
	assert_int_equal(lh_diags(&l, DIAG_WARNING, D_LIMIT), 1);
	assert_int_equal(lh_find(&l, NODE_DOMAIN, "a.example.com"), NODE_NONE);
	assert_int_not_equal(lh_find(&l, NODE_DOMAIN, "b.example.org"), NODE_NONE);
	lh_free(&l);
	unlink(path);
}

/* 0 bytes and only NULs, under detection and with every format forced. */
static void empty_and_nul(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_empty");
	char empty[1200], nul[1200];
	snprintf(empty, sizeof(empty), "%s/empty", dir);
	snprintf(nul, sizeof(nul), "%s/nul", dir);
	write_file(empty, "");
	FILE *f = fopen(nul, "wb");
	for (int i = 0; i < 100000; i++)
		fputc(0, f);
	fclose(f);
	struct loaded l = {0};
	load_one(&l, empty, NULL);
	assert_int_equal(l.g->node_count, 0);
	lh_free(&l);
	load_one(&l, nul, NULL);
	assert_int_equal(l.rc, -1);
	assert_non_null(strstr(lh_first_diag(&l, DIAG_ERROR), "nul:1:1: error: not a format"));
	lh_free(&l);
	for (int fmt = 0; fmt < FMT_COUNT; fmt++) {
		load_one(&l, empty, format_name(fmt));
		assert_int_equal(l.g->node_count, 0);
		lh_free(&l);
		load_one(&l, nul, format_name(fmt));
		assert_int_equal(l.g->node_count, 0);
		lh_free(&l);
	}
}

/* A million columns: the header is mapped on its first 256, the rows load. */
static void csv_million_columns(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_csv");
	char path[1200];
	snprintf(path, sizeof(path), "%s/wide.csv", dir);
	FILE *f = fopen(path, "wb");
	fputs("indicator,type", f);
	for (int i = 0; i < 1000000; i++)
		fputs(",c", f);
	fputs("\n1.2.3.4,ip", f);
	for (int i = 0; i < 1000000; i++)
		fputs(",v", f);
	fputs("\nevil.example.com,domain\n", f);
	fclose(f);
	struct loaded l = {0};
	load_one(&l, path, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_not_equal(lh_find(&l, NODE_IPV4, "1.2.3.4"), NODE_NONE);
	assert_int_not_equal(lh_find(&l, NODE_DOMAIN, "evil.example.com"), NODE_NONE);
	lh_free(&l);
}

/* A quoted cell that never closes, 10 MB long: an error at its start. */
static void csv_unclosed_quote_big(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_quote");
	char path[1200];
	snprintf(path, sizeof(path), "%s/open.csv", dir);
	big_file(path, "indicator,type\n1.2.3.4,ip\n\"", "abc,def\n", 10u << 20);
	struct loaded l = {0};
	load_one(&l, path, NULL);
	assert_int_equal(l.rc, -1);
	const char *first = lh_first_diag(&l, DIAG_ERROR);
	if (!strstr(first, "open.csv:3:1: error:"))
		fail_msg("got '%s'", first);
	assert_int_not_equal(lh_find(&l, NODE_IPV4, "1.2.3.4"), NODE_NONE);
	lh_free(&l);
}

/* 100,000 nested elements in both XML formats: the depth bound. */
static void xml_deep(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_xml");
	static const struct {
		const char *name, *open, *close;
	} docs[] = {
	    {"deep.ioc", "<ioc xmlns=\"http://schemas.mandiant.com/2010/ioc\">", "</ioc>"},
	    {"deep.xml", "<stix:STIX_Package xmlns:stix=\"http://stix.mitre.org/stix-1\">",
	     "</stix:STIX_Package>"},
	};
	for (size_t k = 0; k < 2; k++) {
		char path[1200];
		snprintf(path, sizeof(path), "%s/%s", dir, docs[k].name);
		FILE *f = fopen(path, "wb");
		fprintf(f, "<?xml version=\"1.0\"?>\n%s\n", docs[k].open);
		for (int i = 0; i < 100000; i++)
			fputs("<a>", f);
		for (int i = 0; i < 100000; i++)
			fputs("</a>", f);
		fprintf(f, "\n%s\n", docs[k].close);
		fclose(f);
		struct loaded l = {0};
		load_one(&l, path, NULL);
		assert_int_equal(l.rc, -1);
		assert_int_equal(lh_diags(&l, DIAG_ERROR, D_LIMIT), 1);
		assert_int_equal(l.d.items[0].line, 3);
		lh_free(&l);
	}
}

/* Files in the file table that are data, not walk notes about links. */
static size_t data_files(const struct loaded *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->g->file_count; i++)
		n += strcmp(graph_str(l->g, l->g->files[i].format), "link") != 0;
	return n;
}

/* Directory walks through symbolic links that loop ("a -> .") or fan out
 * (two links to the next level on each of 20 levels: 2^20 paths) visit
 * each directory once. alarm() turns a hang into a failure. */
static void symlink_loops(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_links");
	char path[1400], to[1400];
	snprintf(path, sizeof(path), "%s/loop", dir);
	mkdir(path, 0777);
	snprintf(path, sizeof(path), "%s/loop/x.txt", dir);
	write_file(path, "1.2.3.4\n");
	snprintf(path, sizeof(path), "%s/loop/a", dir);
	assert_int_equal(symlink(".", path), 0);
	snprintf(path, sizeof(path), "%s/loop/b", dir);
	assert_int_equal(symlink("..", path), 0);
	for (int i = 0; i <= 20; i++) {
		snprintf(path, sizeof(path), "%s/fan/l%d", dir, i);
		char cmd[1500];
		snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", path);
		assert_int_equal(system(cmd), 0);
	}
	for (int i = 0; i < 20; i++)
		for (int k = 0; k < 2; k++) {
			snprintf(path, sizeof(path), "%s/fan/l%d/%c", dir, i, "ab"[k]);
			snprintf(to, sizeof(to), "../l%d", i + 1);
			assert_int_equal(symlink(to, path), 0);
		}
	snprintf(path, sizeof(path), "%s/fan/l20/x.txt", dir);
	write_file(path, "5.6.7.8\n");
	alarm(60);
	struct loaded l = {0};
	snprintf(path, sizeof(path), "%s/loop", dir);
	lh_load(&l, path, "Loop");
	assert_int_equal(l.rc, 0);
	/* x.txt once; "b" leads to the parent, whose other files load too */
	assert_int_not_equal(lh_find(&l, NODE_IPV4, "1.2.3.4"), NODE_NONE);
	size_t loop_files = data_files(&l);
	/* each link back is named (issue 16: they were skipped in silence) */
	assert_true(lh_diags(&l, DIAG_QUIRK, D_NOTE) >= 2); /* "a", and links under "b" */
	assert_non_null(strstr(lh_first_diag(&l, DIAG_QUIRK), "loop/a: note: a symbolic link to a "
								 "directory walked already"));
	lh_free(&l);
	assert_true(loop_files >= 1 && loop_files < 10);
	snprintf(path, sizeof(path), "%s/fan/l0", dir);
	lh_load(&l, path, "Fan");
	assert_int_equal(data_files(&l), 1);
	assert_int_equal(lh_diags(&l, DIAG_QUIRK, D_NOTE), 20); /* the second link of each level */
	assert_int_not_equal(lh_find(&l, NODE_IPV4, "5.6.7.8"), NODE_NONE);
	lh_free(&l);
	alarm(0);
}

/* Regex warninglists that used to hang or exhaust glibc: a back-reference
 * that backtracks exponentially, stacked '+' (regcomp doubled its tree per
 * '+': fuzz_warnlist ran out of 2 GB on regex-bomb.json.bad) and nested
 * bounded repeats. With PCRE2 the last two do not compile and are dropped
 * at load with a warning each; the first compiles, goes over the match
 * limit on the first value that makes it backtrack, and is dropped then:
 * it is searched once, not once per value, which the one drop report
 * counts. The other entries work. alarm() turns a hang into a failure. */
static void warnlist_regex_bombs(void **state)
{
	(void)state;
	const char *p =
	    lh_fixture("bombs.json",
		       "{\"name\": \"slow\", \"type\": \"regex\", \"list\": [\"^((a+)\\\\2)+$\", "
		       "\"a++++++++++++++++++++++++++++++++++++++++\", \"((a{999}){999}){999}\", "
		       "\"^xx\\\\.\", \"^[a-z]{1,63}\\\\.yy$\"]}");
	struct warnlist_set *s = warnlist_new();
	struct diag_list d;
	diag_init(&d);
	alarm(30);
	assert_int_equal(warnlist_load(s, p, &d), 0);
	assert_int_equal(d.counts[DIAG_WARNING], 2);
	assert_non_null(strstr(d.items[0].msg, "a+++"));
	assert_non_null(strstr(d.items[0].msg, "quantifier does not follow a repeatable item"));
	assert_non_null(strstr(d.items[1].msg, "((a{999}){999}){999}"));
	assert_non_null(strstr(d.items[1].msg, "too large"));
	/* the fuzzer's file is not JSON jansson accepts (a duplicate "list",
	 * invalid UTF-8): refused as a whole, with a position */
	assert_int_equal(warnlist_load(s, "tests/fixtures/warnlists/regex-bomb.json.bad", &d), -1);
	assert_int_equal(d.counts[DIAG_ERROR], 1);
	assert_true(d.items[2].line > 0);
	char v[2001];
	memset(v, 'a', 1999);
	v[1999] = '!';
	v[2000] = '\0';
	for (int i = 0; i < 10; i++)
		assert_null(warnlist_match(s, NODE_URL, v));
	alarm(0);
	struct diag_list late;
	diag_init(&late);
	warnlist_report_dropped(s, &late);
	assert_int_equal(late.count, 1);
	assert_string_equal(late.items[0].where, "slow");
	assert_non_null(strstr(late.items[0].msg, "'^((a+)\\2)+$' dropped: over the match limits"));
	warnlist_report_dropped(s, &late);
	assert_int_equal(late.count, 1); /* reported once */
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "xx.example.com"), "slow");
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "abc.yy"), "slow");
	diag_free(&late);
	warnlist_free(s);
	diag_free(&d);
}

/* Issue 16 item 3: this 15-character MISP regex entry hung agx in glibc's
 * regcomp (exponential: 8 '+' took 10 s, 10 more than 120 s). PCRE2 refuses
 * it at once ('+' after the possessive "?+" repeats nothing): the entry is
 * dropped with a warning that names it, the list's other entry loads, and
 * matching answers. alarm() only turns a hang into a failure. */
static void warnlist_regex_regcomp_hang(void **state)
{
	(void)state;
	const char *p =
	    lh_fixture("regcomp-hang.json", "{\"name\": \"hang\", \"type\": \"regex\", \"list\": "
					    "[\"a????++++++++++\", \"^ok\\\\.\"]}");
	struct warnlist_set *s = warnlist_new();
	struct diag_list d;
	diag_init(&d);
	alarm(30);
	assert_int_equal(warnlist_load(s, p, &d), 0);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].level, DIAG_WARNING);
	assert_int_equal(d.items[0].code, D_LIMIT);
	assert_string_equal(d.items[0].msg,
			    "/list/0: entry 'a????++++++++++' dropped: quantifier does not "
			    "follow a repeatable item at offset 3");
	assert_string_equal(warnlist_match(s, NODE_DOMAIN, "ok.example"), "hang");
	assert_null(warnlist_match(s, NODE_DOMAIN, "aaaa.example"));
	alarm(0);
	warnlist_free(s);
	diag_free(&d);
}

/* The agx binary: no ESC (or other C0 control but newline/tab) reaches
 * stdout or stderr from names full of escape sequences, whatever the
 * output mode. */
static void agx_escapes_names(void **state)
{
	(void)state;
	static const char *const cmds[] = {
	    "overlaps",	       "overlaps --json", "overlaps --csv", "check",
	    "check --json",    "stats",		  "clusters",	    "why Evil Other",
	};
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		char args[512], *out = NULL;
		snprintf(args, sizeof(args),
			 "%s --no-default-warninglists " FUZZ_DIR "/ansi-actor.csv " FUZZ_DIR
			 "/ansi-actor.json " FUZZ_DIR "/bad-utf8-actor.csv 2>&1",
			 cmds[i]);
		int rc = run_agx(args, &out);
		assert_non_null(out);
		if (rc < 0 || rc > 2)
			fail_msg("agx %s: exit %d", cmds[i], rc);
		for (const char *p = out; *p; p++)
			if (((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
				fail_msg("agx %s: control byte 0x%02x in output:\n%s", cmds[i],
					 (unsigned char)*p, out);
		if (!strcmp(cmds[i], "overlaps"))
			assert_non_null(strstr(out, "\\x1b[31mEvil\\x1b]0;pwned\\x07Bear"));
		free(out);
	}
}

/* A broken file among good ones: exit 1, the error with its position on
 * stderr, and the good file's values loaded. */
static void agx_broken_among_good(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_mix");
	char path[1200], args[1400];
	snprintf(path, sizeof(path), "%s/good.csv", dir);
	write_file(path, "actor,indicator,type\nBear,1.2.3.4,ip\nBear,evil.example.com,domain\n");
	snprintf(path, sizeof(path), "%s/bad.json", dir);
	write_file(path, "{\"type\":\"bundle\",\"objects\":[[[[");
	snprintf(path, sizeof(path), "%s/nul.txt", dir);
	write_file(path, "1.2.3.4\n");
	FILE *f = fopen(path, "ab");
	fputc(0, f);
	fclose(f);
	char *out = NULL;
	snprintf(args, sizeof(args), "stats --json '%s' 2>/dev/null", dir);
	assert_int_equal(run_agx(args, &out), 1);
	assert_non_null(strstr(out, "\"ipv4\": 1"));
	assert_non_null(strstr(out, "\"domain\": 1"));
	free(out);
	snprintf(args, sizeof(args), "check '%s' 2>&1 >/dev/null", dir);
	assert_int_equal(run_agx(args, &out), 1);
	assert_non_null(strstr(out, "bad.json:1:31: error:"));
	assert_non_null(strstr(out, "nul.txt:2:1: error: not a format"));
	free(out);
}

/* Values fuzz_norm found: normalising the output again changes nothing. */
static void norm_fixed_point(void **state)
{
	(void)state;
	static const struct {
		int kind;
		const char *in, *out;
	} cases[] = {
	    /* an invalid "\xe2\x80" prefix is no Unicode space: '}' stays */
	    {NODE_TOOL, "\xff\xe8\x11\xe2\x80\xe2\x80\x8b\xc2\xa0\xe2\x80\xe2\x80\x8b}",
	     "\xff\xe8\x11\xe2\x80\xc2\xa0\xe2\x80}"},
	    /* a zero-width space splitting another one */
	    {NODE_ACTOR, "a\xe2\x80\xe2\x80\x8b\x8b", "a"},
	    /* fangs around fangs */
	    {NODE_INFRASTRUCTURE, "\x04\x9f[[at]]", "\x04\x9f@"},
	    {NODE_DOMAIN, "evil[[.]]example[(.)]com", "evil.example.com"},
	    {NODE_URL, "hxxp[[:]]//a.example/x[[.]]", "http://a.example/x."},
	};
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct norm_result r;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(norm_value(cases[i].kind, cases[i].in, strlen(cases[i].in), &a, &r), 0);
		assert_string_equal(strbuf_str(&a), cases[i].out);
		assert_int_equal(norm_value(cases[i].kind, a.buf, a.len, &b, &r), 0);
		assert_string_equal(strbuf_str(&b), cases[i].out);
	}
	/* a URL host with two trailing dots lost one per pass */
	assert_int_equal(norm_value(NODE_URL, "hxEz{dot}.", 10, &a, &r), -1);
	assert_int_equal(norm_value(NODE_URL, "http://a.example../x", 20, &a, &r), -1);
	assert_int_equal(norm_value(NODE_URL, "http://a.example./x", 19, &a, &r), 0);
	assert_string_equal(strbuf_str(&a), "http://a.example/x");
	/* NUL inside a value: refused, not cut short */
	assert_int_equal(norm_value(NODE_ACTOR, "APT\0 28", 7, &a, &r), -1);
	assert_int_equal(norm_guess("a.com\0.evil", 11, &a, &r), -1);
	/* dates out of the calendar are no dates (fuzz_load_csv: a year of
	 * 20222021 overflowed the day count) */
	assert_int_equal(date_from_ymd(20222021, 2, 17), DATE_UNKNOWN);
	assert_int_equal(date_from_ymd(2021, 2, 29), DATE_UNKNOWN);
	assert_int_equal(date_from_ymd(2021, 13, 1), DATE_UNKNOWN);
	assert_int_equal(date_from_ymd(9999, 12, 31), 2932896);
	strbuf_free(&a);
	strbuf_free(&b);
}


/* ---- issue 16: what a fuzzing and abuse campaign found ---------------------------------- */

/* Item 4: a pipe named as a file (/dev/stdin, <(cmd)) is read like "-":
 * detection used to read 64 KiB, fail to rewind, and load 0 values with
 * exit 0; a STIX file bigger than that gave a bogus syntax error. */
static void pipes_spooled(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_pipe");
	char path[1200], cmd[4000], *out = NULL;
	snprintf(path, sizeof(path), "%s/iocs.txt", dir);
	write_file(path, "1.2.3.4\nevil.example.com\n5.6.7.8\n");
	snprintf(cmd, sizeof(cmd), "cat '%s' | %s check --as X /dev/stdin", path, agx_bin());
	assert_int_equal(run_capture(cmd, &out), 0);
	assert_non_null(strstr(out, "3 objects: 3 loaded, 0 skipped"));
	free(out);
	snprintf(cmd, sizeof(cmd), "bash -c \"%s check --as X <(cat '%s')\"", agx_bin(), path);
	assert_int_equal(run_capture(cmd, &out), 0);
	assert_non_null(strstr(out, "3 objects: 3 loaded, 0 skipped"));
	free(out);
	/* a STIX bundle of 300 KiB through a pipe */
	snprintf(path, sizeof(path), "%s/big.json", dir);
	FILE *f = fopen(path, "wb");
	fputs("{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[", f);
	for (int i = 0; i < 2000; i++)
		fprintf(f,
			"%s{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--%08d-"
			"0000-4000-8000-000000000000\",\"pattern_type\":\"stix\",\"pattern\":"
			"\"[ipv4-addr:value = '10.0.%d.%d']\",\"valid_from\":\"2020-01-01T00:00:00Z\","
			"\"description\":\"padding padding padding padding padding padding\"}",
			i ? "," : "", i, i / 250, i % 250);
	fputs("]}\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "cat '%s' | %s check /dev/stdin 2>&1", path, agx_bin());
	assert_int_equal(run_capture(cmd, &out), 0);
	assert_non_null(strstr(out, "2000 objects: 2000 loaded, 0 skipped; 0 errors"));
	free(out);
}

/* Item 7: a FIFO or a device named as input is refused at once (agx used to
 * block on the FIFO, and read /dev/zero until memory ran out); in a walk it
 * is skipped with a warning. alarm() turns a hang into a failure. */
static void fifo_and_devices_refused(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_fifo");
	char fifo[1200];
	snprintf(fifo, sizeof(fifo), "%s/ff", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	alarm(20);
	struct loaded l = {0};
	lh_load(&l, fifo, "X");
	assert_int_equal(l.rc, -1);
	assert_int_equal(lh_diags(&l, DIAG_ERROR, D_UNSAFE), 1);
	assert_non_null(strstr(lh_first_diag(&l, DIAG_ERROR), "ff: error: a FIFO (named pipe): not read"));
	lh_free(&l);
	lh_load(&l, "/dev/zero", "X");
	assert_int_equal(l.rc, -1);
	assert_non_null(strstr(lh_first_diag(&l, DIAG_ERROR), "/dev/zero: error: a character device"));
	lh_free(&l);
	/* in a walk: skipped, with a warning, and the good file loads */
	char path[1200];
	snprintf(path, sizeof(path), "%s/good.txt", dir);
	write_file(path, "1.2.3.4\n");
	lh_load(&l, dir, "X");
	assert_int_equal(l.rc, 0);
	assert_int_equal(lh_diags(&l, DIAG_WARNING, D_UNSAFE), 1);
	assert_non_null(strstr(lh_first_diag(&l, DIAG_WARNING), "ff: warning: a FIFO (named pipe): skipped"));
	assert_int_not_equal(lh_find(&l, NODE_IPV4, "1.2.3.4"), NODE_NONE);
	lh_free(&l);
	/* :load in the explorer: refused with a message, no freeze */
	char script[1200], args[6000], *out = NULL;
	snprintf(script, sizeof(script), "%s/keys", dir);
	char text[1400];
	snprintf(text, sizeof(text), ":load %s\n", fifo);
	write_file(script, text);
	snprintf(args, sizeof(args),
		 "timeout 20 %s --script '%s' --dump-screen '%s/screen' --workspace '%s/ws.json' "
		 "'%s' 2>&1",
		 agx_bin(), script, dir, dir, path);
	run_capture(args, &out);
	free(out);
	snprintf(path, sizeof(path), "%s/screen", dir);
	char *screen = read_file_all(path, NULL);
	assert_non_null(screen);
	assert_non_null(strstr(screen, "1 error (a FIFO (named pipe)"));
	free(screen);
	alarm(0);
}

/* Item 7: a load can be stopped (the explorer's :load sets the flag from
 * Ctrl-C): the walk stops before the next file, with an error. */
static void load_cancelled_by_flag(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_cancel");
	char path[1200];
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/f%d.txt", dir, i);
		write_file(path, "1.2.3.4\n");
	}
	static volatile sig_atomic_t stop = 1;
	struct load_opts o = {.as_name = "X", .cancel = &stop};
	struct loaded l = {0};
	lh_load_opts(&l, dir, &o);
	assert_int_equal(l.rc, -1);
	assert_int_equal(l.g->node_count, 0);
	assert_non_null(strstr(lh_first_diag(&l, DIAG_ERROR), "loading interrupted"));
	lh_free(&l);
	stop = 0;
	lh_load_opts(&l, dir, &o);
	assert_int_equal(l.rc, 0);
	assert_int_equal(l.g->file_count, 3);
	lh_free(&l);
}

/* Item 13: dangling links and link loops in a walk are named, not skipped
 * in silence. */
static void walk_names_bad_links(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_badlinks");
	char path[1200];
	snprintf(path, sizeof(path), "%s/dangling", dir);
	assert_int_equal(symlink("nowhere.txt", path), 0);
	snprintf(path, sizeof(path), "%s/loop1", dir);
	assert_int_equal(symlink("loop2", path), 0);
	snprintf(path, sizeof(path), "%s/loop2", dir);
	assert_int_equal(symlink("loop1", path), 0);
	snprintf(path, sizeof(path), "%s/x.txt", dir);
	write_file(path, "1.2.3.4\n");
	struct loaded l = {0};
	lh_load(&l, dir, "X");
	assert_int_equal(l.rc, 0);
	assert_int_equal(lh_diags(&l, DIAG_WARNING, D_IO), 3);
	int dangling = 0, loops = 0;
	for (size_t i = 0; i < l.d.count; i++) {
		dangling += strstr(l.d.items[i].msg, "dangling symbolic link") != NULL;
		loops += strstr(l.d.items[i].msg, "symbolic link loop") != NULL;
	}
	assert_int_equal(dangling, 1);
	assert_int_equal(loops, 2);
	assert_int_not_equal(lh_find(&l, NODE_IPV4, "1.2.3.4"), NODE_NONE);
	lh_free(&l);
}

/* Item 15: the set of directories walked costs a few probes per directory
 * (a linear scan cost n^2/2: 5e9 probes for 100,000 directories). */
/* An IOC list with maltrail's headers and a NUL byte is refused whole;
 * what its first pass gathered (the references) is freed with it (the
 * final fuzz pass found the references leaking: LeakSanitizer under make
 * asan is what fails here). */
static void ioclist_refused_whole(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_ioclist_nul");
	char path[1200];
	snprintf(path, sizeof(path), "%s/apt_x.txt", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("# Aliases: x, y\n# Reference: https://example.com/report\n", f);
	fputs("bad.example.com\n", f);
	fputc(0, f);
	fputs("\nother.example.com\n", f);
	fclose(f);
	struct loaded l = {0};
	load_one(&l, path, "ioc-list");
	assert_int_equal(l.rc, -1);
	assert_int_equal(l.g->node_count, 0);
	lh_free(&l);
}

static void walk_set_linear(void **state)
{
	(void)state;
	struct inoset s = {0};
	for (unsigned i = 0; i < 100000; i++)
		assert_int_equal(inoset_add(&s, 2049, 1000 + (ino_t)i * 7), 0);
	for (unsigned i = 0; i < 100000; i++)
		assert_int_equal(inoset_add(&s, 2049, 1000 + (ino_t)i * 7), 1);
	assert_int_equal(inoset_add(&s, 2050, 1000), 0); /* same inode, other device */
	assert_int_equal(s.count, 100001);
	assert_true(s.probes < 5 * 200001);
	inoset_free(&s);
}

/* Two actors sharing one IP, with names given as JSON text (escapes kept). */
static void two_actor_bundle(const char *path, const char *name_a, const char *name_b)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fprintf(f,
		"{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":["
		"{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\"intrusion-set--a\","
		"\"name\":\"%s\"},"
		"{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\"intrusion-set--b\","
		"\"name\":\"%s\"},"
		"{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"ipv4-addr--1\","
		"\"value\":\"203.0.113.7\"},"
		"{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--1\","
		"\"relationship_type\":\"uses\",\"source_ref\":\"intrusion-set--a\","
		"\"target_ref\":\"ipv4-addr--1\"},"
		"{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--2\","
		"\"relationship_type\":\"uses\",\"source_ref\":\"intrusion-set--b\","
		"\"target_ref\":\"ipv4-addr--1\"}]}\n",
		name_a, name_b);
	fclose(f);
}

/* Item 8: U+FFFE, U+FFFF and C0 controls in a name: the SVG is XML that
 * xmllint accepts (it was rejected, with exit 0), and no output of the
 * CLI carries the noncharacters raw. */
static void svg_and_cli_no_xml_forbidden(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_svg");
	char path[1200], args[4000], *out = NULL;
	snprintf(path, sizeof(path), "%s/names.json", dir);
	two_actor_bundle(path, "Evil\\ufffe\\uffffBear\\u0001\\u001f", "Other\\ufdd0");
	static const char *const views[] = {"overlap", "ego --node 203.0.113.7"};
	for (size_t i = 0; i < 2; i++) {
		snprintf(args, sizeof(args),
			 "export --no-default-warninglists --view %s -o '%s/v%zu.svg' '%s' 2>&1",
			 views[i], dir, i, path);
		if (run_agx(args, &out) != 0)
			fail_msg("agx %s: %s", args, out);
		free(out);
		char svg[1300];
		snprintf(svg, sizeof(svg), "%s/v%zu.svg", dir, i);
		size_t len = 0;
		char *text = read_file_all(svg, &len);
		assert_non_null(text);
		assert_null(memmem(text, len, "\xef\xbf\xbe", 3));
		assert_null(memmem(text, len, "\xef\xbf\xbf", 3));
		assert_non_null(strstr(text, "\\u{fffe}"));
		free(text);
		if (system("command -v xmllint >/dev/null 2>&1") == 0) {
			snprintf(args, sizeof(args), "xmllint --noout --nonet '%s' 2>&1", svg);
			if (run_capture(args, &out) != 0)
				fail_msg("xmllint rejects %s: %s", svg, out);
			free(out);
		}
	}
	static const char *const cmds[] = {"overlaps", "overlaps --json", "overlaps --csv",
					   "check", "stats", "clusters --threshold 0"};
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		snprintf(args, sizeof(args), "%s --no-default-warninglists '%s' 2>&1", cmds[i],
			 path);
		run_agx(args, &out);
		assert_non_null(out);
		if (strstr(out, "\xef\xbf\xbe") || strstr(out, "\xef\xbf\xbf") ||
		    strstr(out, "\xef\xb7\x90"))
			fail_msg("agx %s passes a noncharacter raw:\n%s", cmds[i], out);
		free(out);
	}
}

/* Item 9: --csv cells a spreadsheet would run as formulas start with ',
 * and CR/LF inside a name are \r \n: one line per record. */
static void csv_formulas_neutralised(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_csvout");
	char path[1200], args[4000], *out = NULL;
	snprintf(path, sizeof(path), "%s/names.json", dir);
	two_actor_bundle(path, "=HYPERLINK(\\\"http://x.example\\\",\\\"y\\\")",
			 "@Group\\r\\nrank,1");
	snprintf(args, sizeof(args), "overlaps --csv --no-default-warninglists '%s'", path);
	assert_int_equal(run_agx(args, &out), 0);
	/* the header and one record, each one line */
	size_t lines = 0;
	for (const char *p = out; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 2);
	assert_null(strchr(out, '\r'));
	assert_non_null(strstr(out, ",\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\","));
	assert_non_null(strstr(out, ",\"'@Group\\r\\nrank,1\","));
	free(out);
}

/* A character device to write to that is ours to lose: as root a node made
 * here (so that a regression replaces it, not the system's /dev/null),
 * else the system's (which a regression cannot replace without root). */
static const char *char_device(const char *dir, const char *name, unsigned minor,
			       const char *system_path, char *buf, size_t n)
{
	if (geteuid() != 0)
		return system_path;
	snprintf(buf, n, "%s/%s", dir, name);
	if (mknod(buf, S_IFCHR | 0666, makedev(1, minor)) != 0)
		return NULL;
	return buf;
}

/* Item 1: -o names what is there: devices and FIFOs are written through,
 * a link is followed and the real file replaced beside itself, other
 * non-regular targets and read-only files are refused. Every output was a
 * temporary file renamed over the path (as root that replaced /dev/full). */
static void outputs_respect_targets(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_out");
	char args[4000], path[1200], dev[1200], *out = NULL;
	struct stat st;
	/* a character device stays one */
	const char *null = char_device(dir, "null", 3, "/dev/null", dev, sizeof(dev));
	assert_non_null(null);
	snprintf(args, sizeof(args), "overlaps -o '%s'", null);
	assert_int_equal(run_agx(args, NULL), 0);
	assert_int_equal(stat(null, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	const char *full = char_device(dir, "full", 7, "/dev/full", dev, sizeof(dev));
	if (full && access(full, W_OK) == 0) {
		snprintf(args, sizeof(args), "overlaps -o '%s' 2>&1", full);
		assert_int_equal(run_agx(args, &out), 1);
		assert_non_null(strstr(out, "No space left on device"));
		free(out);
		assert_int_equal(stat(full, &st), 0);
		assert_true(S_ISCHR(st.st_mode));
	}
	/* a FIFO: its reader gets the output, the FIFO stays */
	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	snprintf(args, sizeof(args),
		 "cat '%s' > '%s/from-fifo' & timeout 20 %s overlaps --json -o '%s'; wait", path,
		 dir, agx_bin(), path);
	assert_int_equal(run_capture(args, NULL), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	snprintf(path, sizeof(path), "%s/from-fifo", dir);
	char *got = read_file_all(path, NULL);
	assert_non_null(strstr(got, "\"pairs\""));
	free(got);
	/* a link: followed; the link stays, the real file (in another folder)
	 * is replaced beside itself, a dangling link gets its target made */
	snprintf(path, sizeof(path), "%s/real", dir);
	mkdir(path, 0777);
	snprintf(path, sizeof(path), "%s/real/out.txt", dir);
	write_file(path, "old\n");
	chmod(path, 0640);
	snprintf(path, sizeof(path), "%s/link.txt", dir);
	assert_int_equal(symlink("real/out.txt", path), 0);
	snprintf(args, sizeof(args), "overlaps -o '%s'", path);
	assert_int_equal(run_agx(args, NULL), 0);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	snprintf(path, sizeof(path), "%s/real/out.txt", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640); /* its mode kept */
	got = read_file_all(path, NULL);
	assert_non_null(strstr(got, "FamousSparrow"));
	free(got);
	snprintf(path, sizeof(path), "%s/dangling.txt", dir);
	assert_int_equal(symlink("real/new.txt", path), 0);
	snprintf(args, sizeof(args), "overlaps -o '%s'", path);
	assert_int_equal(run_agx(args, NULL), 0);
	snprintf(path, sizeof(path), "%s/real/new.txt", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	/* refused: a directory, a read-only file (even for root) */
	snprintf(args, sizeof(args), "overlaps -o '%s/real' 2>&1", dir);
	assert_int_equal(run_agx(args, &out), 1);
	assert_non_null(strstr(out, "is a directory: not written"));
	free(out);
	snprintf(path, sizeof(path), "%s/ro.txt", dir);
	write_file(path, "keep\n");
	chmod(path, 0444);
	snprintf(args, sizeof(args), "overlaps -o '%s' 2>&1", path);
	assert_int_equal(run_agx(args, &out), 1);
	assert_non_null(strstr(out, "is read-only: not written"));
	free(out);
	got = read_file_all(path, NULL);
	assert_string_equal(got, "keep\n");
	free(got);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0444);
	/* "-" is standard output, for --dump-screen too */
	assert_int_equal(run_agx("overlaps -o - --top 1", &out), 0);
	assert_non_null(strstr(out, "FamousSparrow"));
	free(out);
	snprintf(path, sizeof(path), "%s/keys", dir);
	write_file(path, "q\n");
	snprintf(args, sizeof(args), "--script '%s' --dump-screen - --workspace '%s/ws.json'",
		 path, dir);
	assert_int_equal(run_agx(args, &out), 0);
	assert_non_null(strstr(out, "Actors"));
	free(out);
	/* :export: a FIFO nobody reads is an error, not a frozen screen; '-'
	 * is refused */
	snprintf(path, sizeof(path), "%s/keys", dir);
	snprintf(args, sizeof(args), ":export svg %s/fifo\n", dir);
	write_file(path, args);
	snprintf(args, sizeof(args),
		 "timeout 20 %s --script '%s/keys' --dump-screen '%s/screen' --workspace "
		 "'%s/ws.json'",
		 agx_bin(), dir, dir, dir);
	assert_int_equal(run_capture(args, NULL), 0);
	snprintf(path, sizeof(path), "%s/screen", dir);
	got = read_file_all(path, NULL);
	assert_non_null(strstr(got, "is a FIFO nobody reads"));
	free(got);
	/* no temporary file left anywhere */
	snprintf(args, sizeof(args), "find '%s' -name '*.tmp.*' | wc -l", dir);
	assert_int_equal(run_capture(args, &out), 0);
	assert_int_equal(atoi(out), 0);
	free(out);
}

/* Item 12: a brief that fails midway leaves the destination as it was (it
 * used to keep pair.svg and pair.png without brief.md): here cluster.svg
 * is a directory in the destination, so the pack cannot be completed. */
static void brief_all_or_nothing(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_brief");
	char args[4000], path[1200], *out = NULL;
	snprintf(path, sizeof(path), "%s/pack/cluster.svg", dir);
	assert_int_equal(system(strcat(strcpy(args, "mkdir -p "), path)), 0);
	snprintf(args, sizeof(args),
		 "brief -o '%s/pack' --pair FamousSparrow,GhostEmperor --threshold 0.05 2>&1", dir);
	assert_int_equal(run_agx(args, &out), 1);
	assert_non_null(strstr(out, "cluster.svg is a directory: the pack was not written"));
	free(out);
	snprintf(args, sizeof(args), "ls -A '%s/pack' | tr '\\n' ' '; ls -A '%s' | wc -l", dir,
		 dir);
	assert_int_equal(run_capture(args, &out), 0);
	assert_string_equal(out, "cluster.svg 1\n"); /* nothing written, no folder left */
	free(out);
	/* and complete when it can be: a new folder appears whole */
	snprintf(args, sizeof(args),
		 "brief -o '%s/pack2' --pair FamousSparrow,GhostEmperor --threshold 0.05", dir);
	assert_int_equal(run_agx(args, NULL), 0);
	snprintf(args, sizeof(args), "ls '%s/pack2' | tr '\\n' ' '; ls -A '%s' | wc -l", dir, dir);
	assert_int_equal(run_capture(args, &out), 0);
	assert_string_equal(out, "brief.md cluster.png cluster.svg pair.png pair.svg 2\n");
	free(out);
}

/* An explorer on the bundled data with its workspace at ws. */
static void explorer(struct cli *c, struct app *a, const char *ws)
{
	char *argv[] = {"agx", "--workspace", (char *)ws, NULL};
	setenv("AGX_DATA", "data", 1); /* the test binary does not sit beside data/ */
	assert_int_equal(cli_parse(c, 3, argv), 0);
	assert_int_equal(session_load(&c->session, 0), EXIT_OK);
	char err[1024];
	struct explorer_opts o = {.depth = c->depth, .max_nodes = c->max_nodes};
	if (app_init(a, &c->session, &o, err, sizeof(err)))
		fail_msg("%s", err);
	a->cols = 100;
	a->rows = 30;
	app_react(a, RX_DETAIL);
}

static unsigned press(struct app *a, const char *s)
{
	unsigned rx = 0;
	while (*s) {
		int k = keys_parse(&s);
		assert_true(k >= 0);
		rx |= app_react(a, app_key(a, k));
	}
	return rx;
}

static char *status_line(struct app *a)
{
	struct grid *g = grid_new(a->cols, a->rows, 1);
	view_draw(a, g);
	char *all = grid_dump(g);
	grid_free(g);
	return all;
}

/* Item 2: two explorers on one workspace both keep their work (the second
 * save rewrote the file from its own memory: the first one's note was
 * gone), each sees the other's, and records a newer agx wrote survive. */
static void workspace_two_sessions(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_ws2");
	char ws[1200];
	snprintf(ws, sizeof(ws), "%s/ws.json", dir);
	/* a newer agx's records (an array and a field this agx does not
	 * know), and an author on a verdict */
	write_file(ws, "{\"agx_workspace\": 1,\n"
		       " \"x_future\": [{\"pair\": \"actor:a|actor:b\", \"decision\": \"same\"}],\n"
		       " \"verdicts\": [{\"pair\": \"pair:x|y\", \"verdict\": \"dismissed\", "
		       "\"when\": 1, \"author\": \"alice\", \"x_mood\": \"sure\"}],\n"
		       " \"notes\": []}\n");
	struct cli c1, c2;
	struct app a1, a2;
	explorer(&c1, &a1, ws);
	explorer(&c2, &a2, ws);
	/* session 1: a verdict on the first pair of the Overlaps tab */
	press(&a1, "4c");
	assert_int_equal(a1.m.annot.nverdicts, 2);
	/* session 2, which read the file before that save: a note on the
	 * first actor, saved at once */
	app_react(&a2, app_command(&a2, "note from session two"));
	assert_non_null(strstr(a2.msg, "another session's changes to the workspace merged"));
	assert_int_equal(a2.m.annot.nverdicts, 2); /* session 1's verdict, shown */
	char *screen = status_line(&a2);
	assert_non_null(strstr(screen, "workspace shared"));
	free(screen);
	/* session 1 sees the note at its next key */
	press(&a1, "j");
	assert_non_null(strstr(a1.msg, "another session changed the workspace"));
	assert_int_equal(a1.m.annot.nnotes, 1);
	assert_string_equal(a1.m.annot.notes[0].text, "from session two");
	/* session 1 changes the dismissed pair: the field it does not know
	 * stays, the author becomes session 1's */
	workspace_set_verdict(&a1.ws, &a1.m.annot, "pair:x|y", VERDICT_CONFIRMED);
	app_react(&a1, RX_SAVE);
	/* decisions of both sessions: session 1 joins two actors, session 2
	 * (not knowing) attributes the report; each keeps the other's, and
	 * the overlaps of each follow both */
	app_react(&a1, app_command(&a1, "join FamousSparrow = GhostEmperor"));
	assert_non_null(strstr(a1.msg, "are now one actor"));
	assert_int_equal(alias_lookup(a1.m.g, "FamousSparrow"), alias_lookup(a1.m.g, "GhostEmperor"));
	press(&a2, "7");
	app_react(&a2, app_command(&a2, "attribute APT41 same C2 as their Tainted Love"));
	assert_non_null(strstr(a2.msg, "attributed to APT41"));
	assert_int_equal(a2.m.annot.naliases, 1); /* merged in at the save */
	assert_int_equal(a2.m.annot.nattribs, 1);
	/* session 2 applied session 1's join to its graph */
	assert_int_equal(alias_lookup(a2.m.g, "FamousSparrow"), alias_lookup(a2.m.g, "GhostEmperor"));
	press(&a1, "j");
	assert_int_equal(a1.m.annot.nattribs, 1);
	assert_string_equal(a1.m.annot.attribs[0].actor, "APT41");
	/* session 2 deletes the note, session 1 (not knowing) edits it: the
	 * later edit brings it back whole, nothing is half-lost */
	char id[64];
	snprintf(id, sizeof(id), "%s", a2.m.annot.notes[0].id);
	assert_int_equal(workspace_delete_note(&a2.ws, &a2.m.annot, id), 0);
	app_react(&a2, RX_SAVE);
	assert_int_equal(workspace_edit_note(&a1.ws, &a1.m.annot, id, "edited"), 0);
	app_react(&a1, RX_SAVE);
	app_free(&a1);
	app_free(&a2);
	cli_free(&c1);
	cli_free(&c2);
	/* the file holds everything */
	struct annot got;
	annot_init(&got);
	char err[512];
	assert_int_equal(workspace_load(ws, &got, err, sizeof(err)), 0);
	assert_int_equal(got.nverdicts, 2);
	assert_int_equal(annot_verdict_of(&got, "pair:x|y"), VERDICT_CONFIRMED);
	assert_int_equal(got.nnotes, 1);
	assert_string_equal(got.notes[0].text, "edited");
	assert_string_equal(got.notes[0].key, "actor:apt15");
	annot_free(&got);
	char *text = read_file_all(ws, NULL);
	assert_non_null(strstr(text, "\"x_future\""));
	assert_non_null(strstr(text, "\"x_mood\": \"sure\""));
	assert_null(strstr(text, "\"author\": \"alice\""));
	assert_non_null(strstr(text, "\"decision\": \"same\""));
	assert_non_null(strstr(text, "\"reason\": \"same C2 as their Tainted Love\""));
	free(text);
	annot_init(&got);
	assert_int_equal(workspace_load(ws, &got, err, sizeof(err)), 0);
	assert_int_equal(got.naliases, 1);
	assert_true(got.aliases[0].join);
	assert_string_equal(got.aliases[0].id, "alias:famoussparrow|ghostemperor");
	assert_int_equal(got.nattribs, 1);
	assert_non_null(got.attribs[0].author);
	assert_non_null(got.verdicts[0].author);
	annot_free(&got);
}

/* Item 10: a read-only (0444) workspace is read and never written (it was
 * replaced, and became 0644): the explorer says so and works on. */
static void workspace_read_only(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_wsro");
	char ws[1200], keys[1200], args[4000];
	snprintf(ws, sizeof(ws), "%s/ws.json", dir);
	const char *content = "{\"agx_workspace\": 1, \"verdicts\": [], \"notes\": [{\"id\": "
			      "\"note--1\", \"key\": \"actor:apt15\", \"text\": \"kept\"}]}\n";
	write_file(ws, content);
	chmod(ws, 0444);
	snprintf(keys, sizeof(keys), "%s/keys", dir);
	write_file(keys, "4c\n:note more\n");
	snprintf(args, sizeof(args),
		 "--size 100x30 --workspace '%s' --script '%s' --dump-screen '%s/screen'", ws,
		 keys, dir);
	assert_int_equal(run_agx(args, NULL), 0);
	char path[1300];
	snprintf(path, sizeof(path), "%s/screen", dir);
	char *screen = read_file_all(path, NULL);
	assert_non_null(strstr(screen, "is read-only: this session's verdicts and notes"));
	assert_non_null(strstr(screen, "workspace read-only"));
	free(screen);
	char *after = read_file_all(ws, NULL);
	assert_string_equal(after, content);
	free(after);
	struct stat st;
	assert_int_equal(stat(ws, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0444);
}

/* Item 11: temporary files a save left when agx was killed (kill -9) are
 * removed at the next start: those of a process that is gone, and old ones
 * of unknown owner; a live session's stays. */
static void workspace_stale_temporaries(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_wstmp");
	char ws[1200], path[1400], host[64] = "", args[4000];
	snprintf(ws, sizeof(ws), "%s/ws.json", dir);
	write_file(ws, "{\"agx_workspace\": 1}\n");
	gethostname(host, sizeof(host) - 1);
	for (char *h = host; *h; h++)
		if (*h == '.' || *h == '/')
			*h = '_';
	pid_t dead = fork();
	if (dead == 0)
		_exit(0);
	waitpid(dead, NULL, 0);
	snprintf(path, sizeof(path), "%s.tmp.%s.%d.AbCdEf", ws, host, (int)dead);
	write_file(path, "partial");
	snprintf(path, sizeof(path), "%s.tmp.Old123", ws); /* an older agx's, two hours old */
	write_file(path, "partial");
	struct timespec old[2] = {{time(NULL) - 7200, 0}, {time(NULL) - 7200, 0}};
	assert_int_equal(utimensat(AT_FDCWD, path, old, 0), 0);
	snprintf(path, sizeof(path), "%s.tmp.%s.%d.LiVeSs", ws, host, (int)getpid());
	write_file(path, "being written");
	snprintf(args, sizeof(args),
		 "--workspace '%s' --script /dev/null --dump-screen '%s/screen'", ws, dir);
	assert_int_equal(run_agx(args, NULL), 0);
	snprintf(args, sizeof(args), "cd '%s' && ls -A | grep tmp", dir);
	char *out = NULL;
	assert_int_equal(run_capture(args, &out), 0);
	char want[200];
	snprintf(want, sizeof(want), "ws.json.tmp.%s.%d.LiVeSs\n", host, (int)getpid());
	assert_string_equal(out, want);
	free(out);
	snprintf(path, sizeof(path), "%s/screen", dir);
	char *screen = read_file_all(path, NULL);
	assert_non_null(strstr(screen, "removed 2 temporary files a killed session left"));
	free(screen);
}

/* Item 5: every file an option names obeys the bounds inputs obey: a
 * device is refused at once (--aliases /dev/zero reached 8 GB, a plain
 * --warninglist /dev/zero 24 GB), --max-size holds, a line has a bound. */
static void option_files_bounded(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_opts");
	char args[4000], path[1200], *out = NULL;
	static const char *const opts[] = {"--aliases", "--warninglist"};
	for (int i = 0; i < 2; i++) {
		snprintf(args, sizeof(args), "timeout 30 %s overlaps %s /dev/zero --top 1 2>&1",
			 agx_bin(), opts[i]);
		assert_int_equal(run_capture(args, &out), 1);
		assert_non_null(strstr(out, "/dev/zero: error: a character device: not read"));
		free(out);
	}
	snprintf(args, sizeof(args), "timeout 30 %s --script /dev/zero 2>&1", agx_bin());
	assert_int_equal(run_capture(args, &out), 2);
	assert_non_null(strstr(out, "/dev/zero: error: a character device"));
	free(out);
	/* --max-size */
	snprintf(path, sizeof(path), "%s/aliases.txt", dir);
	write_file(path, "FamousSparrow = Sparrow One, Sparrow Two\n");
	snprintf(args, sizeof(args), "overlaps --max-size 10 --aliases '%s' --top 1 2>&1", path);
	assert_int_equal(run_agx(args, &out), 1);
	assert_non_null(strstr(out, "aliases.txt: error: file is 41 bytes, over the 10-byte limit"));
	free(out);
	/* a line over the bound: an alias line, a warninglist line, a script line */
	FILE *f = fopen(path, "wb");
	for (int i = 0; i < 5000; i++)
		fputc('x', f);
	fputs(" = y\nFamousSparrow = Sparrow One\n", f);
	fclose(f);
	snprintf(args, sizeof(args), "overlaps --aliases '%s' --top 1 2>&1", path);
	assert_int_equal(run_agx(args, &out), 1);
	assert_non_null(strstr(out, "aliases.txt:1:1: error: line longer than 4096 bytes"));
	free(out);
	snprintf(path, sizeof(path), "%s/list.txt", dir);
	f = fopen(path, "wb");
	fputs("# name: long\n", f);
	for (int i = 0; i < 100000; i++)
		fputc('a', f);
	fputs("\n27.102.113.240\n", f);
	fclose(f);
	snprintf(args, sizeof(args), "why FamousSparrow GhostEmperor --warninglist '%s' 2>&1", path);
	assert_int_equal(run_agx(args, &out), 0);
	assert_non_null(strstr(out, "list.txt:2:1: warning: line longer than 65536 bytes: skipped"));
	assert_non_null(strstr(out, "long")); /* the list still works */
	free(out);
	snprintf(path, sizeof(path), "%s/keys", dir);
	f = fopen(path, "wb");
	for (int i = 0; i < 5000; i++)
		fputc('j', f);
	fclose(f);
	snprintf(args, sizeof(args), "--script '%s' 2>&1", path);
	assert_int_equal(run_agx(args, &out), 2);
	assert_non_null(strstr(out, "keys:1:1: error: line longer than 4096 bytes"));
	free(out);
}

/* Item 5/6: a JSON string has a bound of its own (64 MiB): a longer one is
 * an error at its start, not gigabytes of memory (a 1 GB string peaked at
 * 3.8 GiB); the objects before it stay loaded. */
static void json_string_bounded(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_jstr");
	char path[1200];
	snprintf(path, sizeof(path), "%s/long.json", dir);
	big_file(path,
		 "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[\n"
		 "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--a\",\"name\":\"Before\"},\n"
		 "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--b\",\"name\":\"x\","
		 "\"description\":\"",
		 "A", 70u << 20);
	FILE *f = fopen(path, "ab");
	fputs("\"}]}\n", f);
	fclose(f);
	struct loaded l = {0};
	load_one(&l, path, NULL);
	assert_int_equal(l.rc, -1);
	assert_int_equal(lh_diags(&l, DIAG_ERROR, D_LIMIT), 1);
	assert_non_null(strstr(lh_first_diag(&l, DIAG_ERROR),
			       "long.json:3:74: error: a string longer than 64 MiB"));
	assert_int_not_equal(graph_find_named(l.g, NODE_ACTOR, "Before"), NODE_NONE);
	lh_free(&l);
}

/* Item 13, the small ones. */
static void small_findings(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_small");
	char path[1200], args[4000], *out = NULL;
	/* an alias line with 300 names keeps them all (256 was a silent cap) */
	snprintf(path, sizeof(path), "%s/aliases.txt", dir);
	FILE *f = fopen(path, "wb");
	fputs("FamousSparrow = ", f);
	for (int i = 1; i <= 300; i++)
		fprintf(f, "%sSparrow%03d", i > 1 ? ", " : "", i);
	fputc('\n', f);
	fclose(f);
	struct loaded l = {0};
	lh_load(&l, "data/africa-report.json", NULL);
	struct diag_list d;
	diag_init(&d);
	assert_int_equal(aliasfile_load(l.g, path, 0, &d), 0);
	graph_finish(l.g);
	uint32_t sparrow = alias_lookup(l.g, "FamousSparrow");
	assert_int_not_equal(sparrow, NODE_NONE);
	assert_int_equal(alias_lookup(l.g, "Sparrow300"), sparrow);
	assert_int_equal(alias_lookup(l.g, "Sparrow257"), sparrow);
	diag_free(&d);
	lh_free(&l);

	/* all-digit MD5 / SHA-1 / SHA-256 in a list are hashes (they vanished:
	 * neither loaded nor skipped) */
	snprintf(path, sizeof(path), "%s/hashes.txt", dir);
	write_file(path, "12345678901234567890123456789012\n"
			 "1234567890123456789012345678901234567890\n"
			 "1234567890123456789012345678901234567890123456789012345678901234\n");
	lh_load(&l, path, "X");
	assert_int_equal(lh_count_kind(&l, NODE_FILE), 3);
	assert_int_equal(l.g->files[0].objects, 3);
	lh_free(&l);

	/* check --warninglist /nonexistent: an error, exit 1 (it was 0) */
	snprintf(args, sizeof(args), "check --as X '%s' --warninglist '%s/none.json' 2>&1", path,
		 dir);
	assert_int_equal(run_agx(args, &out), 1);
	assert_non_null(strstr(out, "none.json: error: cannot open: No such file or directory"));
	free(out);

	/* jansson's wording (its flag names) never reaches the user; a lone
	 * surrogate skips its object, as a NUL does, not the rest of the file */
	snprintf(path, sizeof(path), "%s/strings.json", dir);
	write_file(path, "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[\n"
			 "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--1\",\"name\":\"A\\u0000\"},\n"
			 "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--2\",\"name\":\"B\\ud800\"},\n"
			 "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--3\",\"name\":\"After\"}]}\n");
	lh_load(&l, path, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_equal(lh_diags(&l, DIAG_WARNING, D_INVALID), 2);
	assert_int_not_equal(graph_find_named(l.g, NODE_ACTOR, "After"), NODE_NONE);
	for (size_t i = 0; i < l.d.count; i++)
		assert_null(strstr(l.d.items[i].msg, "JSON_"));
	assert_non_null(strstr(l.d.items[0].msg, "a NUL character (\\u0000) in a string"));
	assert_non_null(strstr(l.d.items[1].msg, "a lone surrogate '\\uD800'"));
	lh_free(&l);

	/* the skip count is the same in check and the other commands */
	snprintf(path, sizeof(path), "%s/mixed.txt", dir);
	write_file(path, "/wp-content/a.php\n/wp-content/b.php\nevil..example.com\n1.2.3.4\n");
	snprintf(args, sizeof(args), "check --as X '%s' 2>/dev/null | tail -1", path);
	assert_int_equal(run_agx(args, &out), 0);
	assert_string_equal(out, "1 file checked, 0 with errors, 3 objects skipped\n");
	free(out);
	snprintf(args, sizeof(args), "stats --as X '%s' 2>&1 >/dev/null", path);
	assert_int_equal(run_agx(args, &out), 0);
	assert_non_null(strstr(out, "agx: 3 objects skipped"));
	free(out);

	/* confidence of +-2^63, a date of year 99999 and a stop before its
	 * start are said (they were clamped or dropped in silence) */
	snprintf(path, sizeof(path), "%s/odd.json", dir);
	write_file(path,
		   "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[\n"
		   "{\"type\":\"campaign\",\"id\":\"campaign--1\",\"name\":\"C1\",\"confidence\":"
		   "9223372036854775807,\"first_seen\":\"99999-01-01T00:00:00Z\"},\n"
		   "{\"type\":\"campaign\",\"id\":\"campaign--2\",\"name\":\"C2\",\"confidence\":"
		   "-9223372036854775808},\n"
		   "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--1\",\"name\":\"Bear\"},\n"
		   "{\"type\":\"relationship\",\"id\":\"relationship--1\",\"relationship_type\":"
		   "\"attributed-to\",\"source_ref\":\"campaign--1\",\"target_ref\":"
		   "\"intrusion-set--1\",\"start_time\":\"2022-01-01T00:00:00Z\",\"stop_time\":"
		   "\"2021-01-01T00:00:00Z\",\"confidence\":50}]}\n");
	lh_load(&l, path, NULL);
	assert_int_equal(l.rc, 0);
	int conf = 0, date = 0, order = 0;
	for (size_t i = 0; i < l.d.count; i++) {
		conf += strstr(l.d.items[i].msg, "\"confidence\" is not a number from 0 to 100") != NULL;
		date += strstr(l.d.items[i].msg, "'99999-01-01T00:00:00Z' is not a date") != NULL;
		order += strstr(l.d.items[i].msg, "\"stop_time\" is before \"start_time\"") != NULL;
	}
	assert_int_equal(conf, 2);
	assert_int_equal(date, 1);
	assert_int_equal(order, 1);
	uint32_t c1 = graph_find_named(l.g, NODE_CAMPAIGN, "C1");
	const struct edge *e = lh_edge_at(&l, c1, graph_find_named(l.g, NODE_ACTOR, "Bear"),
					  REL_ATTRIBUTED_TO);
	assert_non_null(e);
	assert_int_equal(e->conf, 50);
	assert_int_equal(e->last, DATE_UNKNOWN);
	assert_int_equal(graph_node_at(l.g, c1)->conf, CONF_UNKNOWN);
	lh_free(&l);
}

/* Item 13: the brief's "how to reproduce" never copies control bytes from
 * argv raw (it did, inside the Markdown): they are written as $'\xNN', and
 * the line still reproduces the argument byte for byte. */
static void brief_reproduce_escaped(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_repro");
	char args[4000], path[1200], *out = NULL;
	snprintf(args, sizeof(args),
		 "brief -o '%s/pack' --pair FamousSparrow,GhostEmperor --as \"$(printf "
		 "'A\\033]0;x\\007B\\377 it'\\''s')\" 2>&1",
		 dir);
	if (run_agx(args, &out) != 0)
		fail_msg("agx %s: %s", args, out);
	free(out);
	snprintf(path, sizeof(path), "%s/pack/brief.md", dir);
	size_t len = 0;
	char *md = read_file_all(path, &len);
	assert_non_null(md);
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)md[i] < 0x20 && md[i] != '\n') || md[i] == 0x7f)
			fail_msg("control byte 0x%02x in brief.md", (unsigned char)md[i]);
	const char *q = strstr(md, "--as $'A\\x1b]0;x\\x07B\\xff it\\'s'");
	assert_non_null(q);
	/* and bash reads it back as the same bytes */
	snprintf(args, sizeof(args), "bash -c \"printf %%s %.*s\" | od -An -c | tr -s ' '", 27,
		 q + 5);
	assert_int_equal(run_capture(args, &out), 0);
	assert_string_equal(out, " A 033 ] 0 ; x \\a B 377 i t ' s\n");
	free(out);
	free(md);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fuzz_fixtures),	     cmocka_unit_test(fuzz_fixtures_stderr),	     cmocka_unit_test(fuzz_fixture_contents),
	    cmocka_unit_test(huge_nesting_json),     cmocka_unit_test(long_line),
	    cmocka_unit_test(empty_and_nul),	     cmocka_unit_test(csv_million_columns),
	    cmocka_unit_test(csv_unclosed_quote_big), cmocka_unit_test(xml_deep),
	    cmocka_unit_test(symlink_loops),	     cmocka_unit_test(warnlist_regex_bombs), cmocka_unit_test(warnlist_regex_regcomp_hang),	     cmocka_unit_test(agx_escapes_names),     cmocka_unit_test(agx_broken_among_good),
	    cmocka_unit_test(norm_fixed_point),
	    cmocka_unit_test(pipes_spooled),
	    cmocka_unit_test(fifo_and_devices_refused),
	    cmocka_unit_test(load_cancelled_by_flag),
	    cmocka_unit_test(walk_names_bad_links),
	    cmocka_unit_test(walk_set_linear),
	    cmocka_unit_test(ioclist_refused_whole),
	    cmocka_unit_test(svg_and_cli_no_xml_forbidden),
	    cmocka_unit_test(csv_formulas_neutralised),
	    cmocka_unit_test(outputs_respect_targets),
	    cmocka_unit_test(brief_all_or_nothing),
	    cmocka_unit_test(workspace_two_sessions),
	    cmocka_unit_test(workspace_read_only),
	    cmocka_unit_test(workspace_stale_temporaries),
	    cmocka_unit_test(option_files_bounded),
	    cmocka_unit_test(json_string_bounded),
	    cmocka_unit_test(small_findings),
	    cmocka_unit_test(brief_reproduce_escaped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
