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

#include "graph/date.h"
#include "graph/warnlist.h"
#include "loaders/warnlist_load.h"

#include <time.h>

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
 * text (many indicators on one line), and forced as CSV. */
static void long_line(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("hostile_line");
	char path[1200];
	struct loaded l = {0};
	snprintf(path, sizeof(path), "%s/token.txt", dir);
	big_file(path, "", "x", 20u << 20);
	load_one(&l, path, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_equal(l.g->node_count, 0);
	lh_free(&l);
	load_one(&l, path, "csv");
	lh_free(&l);
	unlink(path);

	snprintf(path, sizeof(path), "%s/prose.txt", dir);
	big_file(path, "seen at ", "a.example.com and 10.9.8.7 ", 20u << 20);
	load_one(&l, path, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_not_equal(lh_find(&l, NODE_DOMAIN, "a.example.com"), NODE_NONE);
	assert_int_not_equal(lh_find(&l, NODE_IPV4, "10.9.8.7"), NODE_NONE);
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
	size_t loop_files = l.g->file_count;
	lh_free(&l);
	assert_true(loop_files >= 1 && loop_files < 10);
	snprintf(path, sizeof(path), "%s/fan/l0", dir);
	lh_load(&l, path, "Fan");
	assert_int_equal(l.g->file_count, 1);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fuzz_fixtures),	     cmocka_unit_test(fuzz_fixtures_stderr),	     cmocka_unit_test(fuzz_fixture_contents),
	    cmocka_unit_test(huge_nesting_json),     cmocka_unit_test(long_line),
	    cmocka_unit_test(empty_and_nul),	     cmocka_unit_test(csv_million_columns),
	    cmocka_unit_test(csv_unclosed_quote_big), cmocka_unit_test(xml_deep),
	    cmocka_unit_test(symlink_loops),	     cmocka_unit_test(warnlist_regex_bombs), cmocka_unit_test(warnlist_regex_regcomp_hang),	     cmocka_unit_test(agx_escapes_names),     cmocka_unit_test(agx_broken_among_good),
	    cmocka_unit_test(norm_fixed_point),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
