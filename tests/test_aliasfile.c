/* The analyst's alias file (--aliases FILE, loaders/aliasfile.h): lines of
 * "Name = Alias, Alias" merge actors already in the data, explained by the
 * file; comments, blanks and CRLF are fine; a line naming no loaded actor
 * is noted, never an empty actor; malformed lines are errors with their
 * position while the good lines still count. */
#include "tests/testutil.h"

#include "graph/alias.h"
#include "graph/graph.h"
#include "loaders/aliasfile.h"

struct fixture {
	struct graph *g;
	struct diag_list d;
	uint32_t apt15, ke3, gref;
	char path[1200];
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	fx->g = graph_new();
	uint32_t f = graph_add_file(fx->g, "feed.json", "stix2");
	fx->apt15 = graph_named_node(fx->g, NODE_ACTOR, "APT15", f);
	fx->ke3 = graph_named_node(fx->g, NODE_ACTOR, "Ke3chang", f);
	fx->gref = graph_named_node(fx->g, NODE_ACTOR, "GREF", f);
	diag_init(&fx->d);
	snprintf(fx->path, sizeof(fx->path), "%s/aliases.txt", test_tmpdir("aliasfile"));
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	graph_free(fx->g);
	diag_free(&fx->d);
	free(fx);
	return 0;
}

static void test_line_merges_explained_by_the_file(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	write_file(fx->path, "# my aliases\r\n"
			     "\n"
			     "APT15 = Ke3chang, Vixen Panda   # ATT&CK agrees\r\n");
	assert_int_equal(aliasfile_load(g, fx->path, 0, &fx->d), 0);
	graph_finish(g);
	assert_int_equal(alias_unit(g, fx->ke3), alias_unit(g, fx->apt15));
	assert_int_not_equal(alias_unit(g, fx->gref), alias_unit(g, fx->apt15));
	/* the trailing comment and CR are not part of the last name */
	assert_int_equal(alias_lookup(g, "Vixen Panda"), alias_unit(g, fx->apt15));
	size_t n;
	const struct alias_merge *m = alias_merges(g, &n);
	assert_int_equal(n, 1);
	assert_string_equal(graph_str(g, m[0].alias), "Ke3chang");
	assert_string_equal(graph_file_path(g, m[0].file), fx->path);
	assert_int_equal(fx->d.count, 0);
	/* the file is listed with its one line */
	assert_int_equal(graph_file(g, m[0].file)->objects, 1);
}

/* The first name of the line that is in the data claims the others, even
 * when it is not the one before '='. */
static void test_first_known_name_claims(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	write_file(fx->path, "Playful Taurus = GREF, Mirage\n");
	assert_int_equal(aliasfile_load(g, fx->path, 0, &fx->d), 0);
	graph_finish(g);
	assert_int_equal(alias_lookup(g, "playful taurus"), fx->gref);
	assert_int_equal(alias_lookup(g, "MIRAGE"), fx->gref);
	/* no actor was made for the names that were not loaded */
	assert_int_equal(graph_find_named(g, NODE_ACTOR, "Mirage"), NODE_NONE);
}

static void test_unknown_names_noted_not_created(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	size_t nodes = g->node_count;
	write_file(fx->path, "APT15 = Ke3chang\nNobody = Nothing, Nowhere\n");
	assert_int_equal(aliasfile_load(g, fx->path, 0, &fx->d), 0);
	graph_finish(g);
	assert_int_equal(g->node_count, nodes);
	assert_int_equal(fx->d.count, 1);
	assert_int_equal(fx->d.items[0].level, DIAG_QUIRK);
	assert_int_equal(fx->d.items[0].line, 2);
	assert_int_equal(alias_unit(g, fx->ke3), alias_unit(g, fx->apt15));
}

/* Malformed lines are errors at their line; the good ones still merge. */
static void test_malformed_lines_reported_good_ones_kept(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	char *text = malloc(5000 + 64);
	strcpy(text, "just a name\n"   /* 1: no '=' */
		     " = Ke3chang\n"); /* 2: nothing before '=' */
	size_t len = strlen(text);
	memset(text + len, 'A', 4200); /* 3: too long */
	strcpy(text + len + 4200, " = B\nAPT15 = Ke3chang\n");
	write_file(fx->path, text);
	free(text);
	assert_int_equal(aliasfile_load(g, fx->path, 0, &fx->d), -1);
	graph_finish(g);
	assert_int_equal(fx->d.counts[DIAG_ERROR], 3);
	static const uint32_t lines[] = {1, 2, 3};
	static const uint8_t codes[] = {D_SYNTAX, D_SYNTAX, D_LIMIT};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(fx->d.items[i].line, lines[i]);
		assert_int_equal(fx->d.items[i].col, 1);
		assert_int_equal(fx->d.items[i].code, codes[i]);
	}
	assert_int_equal(alias_unit(g, fx->ke3), alias_unit(g, fx->apt15));
	uint32_t f = fx->d.items[0].file;
	assert_int_equal(graph_file(g, f)->errors, 3);
	assert_int_equal(graph_file(g, f)->objects, 1);
}

static void test_missing_file(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(aliasfile_load(fx->g, "/nonexistent/aliases.txt", 0, &fx->d), -1);
	assert_int_equal(fx->d.count, 1);
	assert_int_equal(fx->d.items[0].level, DIAG_ERROR);
	assert_int_equal(fx->d.items[0].code, D_IO);
	assert_non_null(strstr(fx->d.items[0].msg, "cannot open"));
}

/* "A != B" keeps two actors apart whatever the data claims, and the
 * file's "=" claims are the analyst's: they win over a catalog that keeps
 * two names apart. */
static void test_split_line_wins_over_claims(void **state)
{
	struct fixture *fx = *state;
	struct graph *g = fx->g;
	uint32_t f = graph_add_file(g, "attack.json", "stix2");
	alias_claim(g, fx->ke3, "APT15", f); /* the data says they are one */
	write_file(fx->path, "APT 15 != ke3chang\nGREF = Ke3chang\n");
	assert_int_equal(aliasfile_load(g, fx->path, 0, &fx->d), 0);
	graph_finish(g);
	assert_int_not_equal(alias_unit(g, fx->ke3), alias_unit(g, fx->apt15));
	assert_int_equal(alias_unit(g, fx->ke3), alias_unit(g, fx->gref));
	size_t nr;
	const struct alias_refusal *r = alias_refusals(g, &nr);
	assert_int_equal(nr, 1);
	assert_int_equal(r[0].why, ALIAS_REFUSED_SPLIT);
	size_t n;
	const struct alias_merge *m = alias_merges(g, &n);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].strength, ALIAS_ANALYST);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_split_line_wins_over_claims, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_line_merges_explained_by_the_file, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_first_known_name_claims, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unknown_names_noted_not_created, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_malformed_lines_reported_good_ones_kept, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
