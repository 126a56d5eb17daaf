/* The explorer's model without a screen: keys in, state out. Pivoting and
 * the back/forward history, search across lists, filters, verdicts and
 * notes saved at once, on a small bundle written here. */
#include "graph/overlap.h"
#include "tests/testutil.h"
#include "tui/explorer/app.h"
#include "tui/cmd/cli.h"
#include "tui/explorer/keys.h"
#include "tui/explorer/view.h"

#define REL(id, type, src, dst)                                                               \
	"{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--" id "\","  \
	"\"created\":\"2022-01-01T00:00:00Z\",\"modified\":\"2022-01-01T00:00:00Z\","         \
	"\"relationship_type\":\"" type "\",\"source_ref\":\"" src "\",\"target_ref\":\"" dst "\"}"
#define SET(id, name, aliases)                                                                \
	"{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\"intrusion-set--" id "\"," \
	"\"created\":\"2022-01-01T00:00:00Z\",\"modified\":\"2022-01-01T00:00:00Z\","         \
	"\"name\":\"" name "\",\"aliases\":[" aliases "]}"
#define IND(id, pattern)                                                                      \
	"{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" id "\","       \
	"\"created\":\"2022-01-01T00:00:00Z\",\"modified\":\"2022-01-01T00:00:00Z\","         \
	"\"pattern_type\":\"stix\",\"valid_from\":\"2022-01-01T00:00:00Z\","                  \
	"\"pattern\":\"" pattern "\"}"

#define U1 "00000000-0000-4000-8000-000000000001"
#define U2 "00000000-0000-4000-8000-000000000002"
#define U3 "00000000-0000-4000-8000-000000000003"
#define U4 "00000000-0000-4000-8000-000000000004"
#define U5 "00000000-0000-4000-8000-000000000005"
#define U6 "00000000-0000-4000-8000-000000000006"
#define U7 "00000000-0000-4000-8000-000000000007"
#define U8 "00000000-0000-4000-8000-000000000008"

static const char bundle[] =
	"{\"type\":\"bundle\",\"id\":\"bundle--" U1 "\",\"objects\":["
	SET(U1, "Red Team", "\"Scarlet\"") ","
	SET(U2, "Blue Team", "") ","
	SET(U3, "Green Team", "") ","
	IND(U4, "[domain-name:value = 'shared.example']") ","
	IND(U5, "[ipv4-addr:value = '198.51.100.7']") ","
	"{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--" U6 "\","
	"\"created\":\"2022-01-01T00:00:00Z\",\"modified\":\"2022-01-01T00:00:00Z\","
	"\"name\":\"Hammer\",\"is_family\":true},"
	REL(U1, "indicates", "indicator--" U4, "intrusion-set--" U1) ","
	REL(U2, "indicates", "indicator--" U4, "intrusion-set--" U2) ","
	REL(U3, "indicates", "indicator--" U5, "intrusion-set--" U1) ","
	REL(U7, "uses", "intrusion-set--" U1, "malware--" U6) ","
	REL(U8, "indicates", "indicator--" U5, "intrusion-set--" U3)
	"]}";

struct fx {
	struct cli c;
	struct app a;
	char ws[1200];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *dir = test_tmpdir("app");
	char data[1200];
	snprintf(data, sizeof(data), "%s/bundle.json", dir);
	snprintf(f->ws, sizeof(f->ws), "%s/ws.json", dir);
	write_file(data, bundle);
	char *argv[] = {"agx", "--workspace", f->ws, data, NULL};
	assert_int_equal(cli_parse(&f->c, 4, argv), 0);
	assert_int_equal(session_load(&f->c.session, 0), EXIT_OK);
	char err[512];
	struct explorer_opts o = {.depth = f->c.depth, .max_nodes = f->c.max_nodes};
	assert_int_equal(app_init(&f->a, &f->c.session, &o, err, sizeof(err)), 0);
	f->a.cols = 80;
	f->a.rows = 24;
	app_react(&f->a, RX_DETAIL);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	app_free(&f->a);
	cli_free(&f->c);
	free(f);
	return 0;
}

static unsigned keys(struct app *a, const char *s)
{
	unsigned rx = 0;
	while (*s) {
		int k = keys_parse(&s);
		assert_true(k >= 0);
		rx |= app_react(a, app_key(a, k));
	}
	return rx;
}

static const char *focus_label(const struct app *a)
{
	uint32_t n = app_focus_node(a);
	return n == NODE_NONE ? "(none)" : graph_node_label(a->m.g, n);
}

static void test_lists_sorted_and_counted(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	assert_int_equal(a->tab, TAB_ACTORS);
	const struct list *l = app_list(a, TAB_ACTORS);
	assert_int_equal(l->n, 3);
	assert_string_equal(graph_node_label(a->m.g, l->rows[0]), "Blue Team");
	assert_string_equal(graph_node_label(a->m.g, l->rows[2]), "Red Team");
	assert_string_equal(focus_label(a), "Blue Team");
	assert_int_equal(app_list(a, TAB_INFRA)->n, 2);
	assert_int_equal(app_list(a, TAB_TOOLS)->n, 1);
	/* s: by degree, Red Team (3 edges) first */
	keys(a, "s");
	assert_int_equal(l->sort, SORT_DEGREE);
	assert_string_equal(graph_node_label(a->m.g, l->rows[0]), "Red Team");
	assert_string_equal(focus_label(a), "Blue Team"); /* the focus stays */
	keys(a, "G");
	assert_int_equal(l->cur, 2);
	keys(a, "gj");
	assert_int_equal(l->cur, 1);
}

static void test_pivot_back_forward(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	keys(a, "G"); /* Red Team */
	assert_string_equal(focus_label(a), "Red Team");
	/* Enter: the detail takes the keys, the cursor on the first neighbour */
	keys(a, "<Enter>");
	assert_int_equal(a->pane, PANE_DETAIL);
	const struct drow *r = &a->detail.rows[a->detail.cur];
	assert_int_equal(r->link_type, DL_NODE);
	/* walk to the malware and pivot to it */
	int guard = 0;
	while (strcmp(graph_node_label(a->m.g, a->detail.rows[a->detail.cur].link), "Hammer") != 0) {
		keys(a, "j");
		assert_true(++guard < 20);
	}
	keys(a, "<Enter>");
	assert_int_equal(a->tab, TAB_TOOLS);
	assert_string_equal(focus_label(a), "Hammer");
	/* from Hammer back to Red Team over its "uses" edge */
	keys(a, "<Enter>");
	assert_int_equal(a->tab, TAB_ACTORS);
	assert_string_equal(focus_label(a), "Red Team");
	/* back twice, forward once */
	keys(a, "h");
	assert_int_equal(a->tab, TAB_TOOLS);
	assert_string_equal(focus_label(a), "Hammer");
	keys(a, "<BS>");
	assert_int_equal(a->tab, TAB_ACTORS);
	assert_string_equal(focus_label(a), "Red Team");
	keys(a, "l");
	assert_int_equal(a->tab, TAB_TOOLS);
	keys(a, "ll");
	assert_int_equal(a->tab, TAB_ACTORS);
	assert_string_equal(focus_label(a), "Red Team");
	assert_non_null(strstr(a->msg, "end of the history"));
	/* a new pivot after going back drops the forward history */
	keys(a, "hh");
	size_t pos = a->hist.pos;
	keys(a, "3");
	assert_int_equal(a->hist.len, pos + 2);
}

static void test_search_across_tabs(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	/* incremental: each key moves; a value in another tab switches to it */
	keys(a, "/shar");
	assert_int_equal(a->prompt.mode, PR_SEARCH);
	assert_int_equal(a->tab, TAB_INFRA);
	assert_string_equal(focus_label(a), "shared.example");
	keys(a, "<Enter>");
	assert_int_equal(a->prompt.mode, PR_NONE);
	/* aliases count: Scarlet is Red Team */
	keys(a, "/SCARLET<Enter>");
	assert_int_equal(a->tab, TAB_ACTORS);
	assert_string_equal(focus_label(a), "Red Team");
	/* Esc puts everything back where the search started */
	keys(a, "/hammer");
	assert_int_equal(a->tab, TAB_TOOLS);
	keys(a, "<Esc>");
	assert_int_equal(a->tab, TAB_ACTORS);
	assert_string_equal(focus_label(a), "Red Team");
	/* n wraps within the list */
	keys(a, "/team<Enter>");
	const char *first = focus_label(a);
	char saved[64];
	snprintf(saved, sizeof(saved), "%s", first);
	keys(a, "nnn");
	assert_string_equal(focus_label(a), saved);
	/* N walks backwards, wrapping: Blue -> Red -> Green */
	keys(a, "gN");
	assert_string_equal(focus_label(a), "Red Team");
	keys(a, "N");
	assert_string_equal(focus_label(a), "Green Team");
	keys(a, "n");
	assert_string_equal(focus_label(a), "Red Team");
	keys(a, "/zzzz<Enter>");
	assert_non_null(strstr(a->msg, "no match"));
	/* h goes back to before the last search */
	keys(a, "2h");
	assert_int_equal(a->tab, TAB_ACTORS);
	/* another order, then a narrower filter: the search texts are
	 * reordered, not rebuilt, and find the same rows in their new places */
	keys(a, "2");
	app_react(a, app_command(a, "sort degree"));
	keys(a, "/198.51<Enter>");
	assert_string_equal(focus_label(a), "198.51.100.7");
	keys(a, "/shar<Enter>");
	assert_string_equal(focus_label(a), "shared.example");
	app_react(a, app_command(a, "filter kind=ipv4"));
	keys(a, "/198<Enter>");
	assert_string_equal(focus_label(a), "198.51.100.7");
	app_react(a, app_command(a, "filter"));
	keys(a, "2/shar<Enter>");
	assert_string_equal(focus_label(a), "shared.example");
}

static void test_filter(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	keys(a, "2");
	assert_int_equal(app_list(a, TAB_INFRA)->n, 2);
	app_react(a, app_command(a, "filter kind=ipv4"));
	assert_int_equal(app_list(a, TAB_INFRA)->n, 1);
	assert_string_equal(focus_label(a), "198.51.100.7");
	/* kinds only filter the lists that hold them */
	assert_int_equal(app_list(a, TAB_ACTORS)->n, 3);
	app_react(a, app_command(a, "filter bogus=1"));
	assert_true(a->msg_error);
	assert_int_equal(app_list(a, TAB_INFRA)->n, 1); /* unchanged */
	keys(a, "f<C-u><Enter>");
	assert_int_equal(app_list(a, TAB_INFRA)->n, 2);
	assert_false(filter_active(&a->filter));
}

static void test_verdict_and_note_saved_at_once(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	if (!a->m.ov)
		skip();
	keys(a, "4");
	assert_true(app_list(a, TAB_OVERLAPS)->n >= 1);
	keys(a, "c");
	char *ws = read_file_all(f->ws, NULL);
	assert_non_null(ws);
	assert_non_null(strstr(ws, "\"confirmed\""));
	free(ws);
	keys(a, "aTaken<Space>down<Space>2023<Enter>");
	ws = read_file_all(f->ws, NULL);
	assert_non_null(strstr(ws, "Taken down 2023"));
	assert_non_null(strstr(ws, "pair:actor:blueteam|actor:redteam"));
	free(ws);
	/* w shows the evidence with the verdict and the note */
	keys(a, "w");
	assert_int_equal(a->screen, SCR_WHY);
	int verdict = 0, note = 0, shared = 0;
	for (size_t i = 0; i < a->detail.n; i++) {
		const char *t = detail_str(&a->detail, a->detail.rows[i].text);
		const char *c1 = detail_str(&a->detail, a->detail.rows[i].col1);
		verdict |= strcmp(t, "confirmed") == 0;
		note |= strcmp(t, "Taken down 2023") == 0;
		shared |= strcmp(c1, "shared.example") == 0;
	}
	assert_true(verdict && note && shared);
	/* Enter expands an evidence row into paths */
	size_t before = a->detail.n;
	keys(a, "<Enter>");
	assert_true(a->detail.n > before);
	/* Esc (or h) leaves why */
	keys(a, "<Esc>");
	assert_int_equal(a->screen, SCR_TAB);
	/* a note on a node, cancelled with Esc, is not saved */
	keys(a, "1aforget<Space>me<Esc>");
	ws = read_file_all(f->ws, NULL);
	assert_null(strstr(ws, "forget me"));
	free(ws);
	/* ... and one still being typed is kept when the session dies */
	keys(a, "ahalf<Space>typed");
	app_save_pending(a);
	ws = read_file_all(f->ws, NULL);
	assert_non_null(strstr(ws, "half typed"));
	free(ws);
}

static void test_overlaps_of_actor(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	if (!a->m.ov)
		skip();
	keys(a, "jo"); /* Green Team: the address it shares with Red Team */
	assert_int_equal(a->tab, TAB_OVERLAPS);
	assert_int_equal(app_list(a, TAB_OVERLAPS)->n, 1);
	keys(a, "hGo"); /* Red Team: with Green and with Blue */
	assert_int_equal(app_list(a, TAB_OVERLAPS)->n, 2);
	assert_non_null(strstr(a->detail.title, "pair"));
	keys(a, "4");
	assert_int_equal(a->pair_unit, NODE_NONE);
	/* the actor of a pair row is one Enter away in the detail */
	keys(a, "<Tab><Enter>");
	assert_int_equal(a->tab, TAB_ACTORS);
}

static void test_draw_every_tab_at_80x24(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	struct grid *g = grid_new(80, 24, 0);
	for (const char *t = "123456"; *t; t++) {
		char k[2] = {*t, 0};
		keys(a, k);
		view_draw(a, g);
		char *d = grid_dump(g);
		/* 24 lines, none wider than 80 columns, the status line present */
		int lines = 0;
		for (char *p = d; *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, 24);
		assert_non_null(strstr(d, "3 actors"));
		free(d);
	}
	keys(a, "?");
	view_draw(a, g);
	char *d = grid_dump(g);
	assert_non_null(strstr(d, "next row"));
	free(d);
	grid_free(g);
}

static void test_commands_recompute_and_export(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	if (!a->m.ov)
		skip();
	size_t pairs = a->counts.pairs;
	assert_true(pairs >= 2);
	/* :dfcap 1 makes every shared value over-correlating: no counted pair */
	app_react(a, app_command(a, "dfcap 1"));
	assert_int_equal(a->df_cap, 1);
	size_t np;
	const struct overlap_pair *p = overlap_pairs(a->m.ov, &np);
	for (size_t i = 0; i < np; i++)
		assert_int_equal(p[i].shared, 0);
	app_react(a, app_command(a, "dfcap 20"));
	assert_int_equal(a->counts.pairs, pairs);
	/* :asof before anything was seen hides the dated values */
	app_react(a, app_command(a, "asof 2000-01-01"));
	assert_false(a->msg_error);
	assert_true(app_list(a, TAB_INFRA)->n < 2);
	app_react(a, app_command(a, "asof none"));
	assert_int_equal(app_list(a, TAB_INFRA)->n, 2);
	app_react(a, app_command(a, "asof yesterday-ish"));
	assert_true(a->msg_error);
	app_react(a, app_command(a, "threshold 2"));
	assert_true(a->msg_error);
	app_react(a, app_command(a, "nosuchcommand"));
	assert_non_null(strstr(a->msg, "unknown command"));
	/* :export writes the view on screen: the pair on Overlaps */
	char path[1300];
	snprintf(path, sizeof(path), "%s.pair.svg", f->ws);
	keys(a, "4");
	char cmd[1400];
	snprintf(cmd, sizeof(cmd), "export svg %s", path);
	app_react(a, app_command(a, cmd));
	assert_false(a->msg_error);
	char *svg = read_file_all(path, NULL);
	assert_non_null(svg);
	assert_non_null(strstr(svg, "<svg"));
	assert_non_null(strstr(svg, "shared.example"));
	free(svg);
	/* the format from the file name, the ego view of a node tab */
	snprintf(path, sizeof(path), "%s.ego.dot", f->ws);
	snprintf(cmd, sizeof(cmd), "export %s", path);
	keys(a, "1G");
	app_react(a, app_command(a, cmd));
	assert_false(a->msg_error);
	char *dot = read_file_all(path, NULL);
	assert_non_null(dot);
	assert_non_null(strstr(dot, "Hammer"));
	free(dot);
}

static void test_graph_tab_pivots(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	keys(a, "G6"); /* Red Team's neighbourhood */
	assert_int_equal(a->tab, TAB_GRAPH);
	assert_true(a->graph.ok);
	assert_string_equal(graph_node_label(a->m.g, a->graph.center), "Red Team");
	const struct list *l = app_list(a, TAB_GRAPH);
	assert_int_equal(l->n, 4); /* Red, Hammer, the domain, the address */
	assert_int_equal(l->rows[l->cur], a->graph.center);
	/* move to another node and Enter: the graph is drawn around it */
	keys(a, l->cur == 0 ? "j" : "k");
	uint32_t next = l->rows[l->cur];
	keys(a, "<Enter>");
	assert_int_equal(a->graph.center, next);
	keys(a, "d");
	assert_int_equal(a->graph.depth, 2);
	keys(a, "h");
	assert_string_equal(graph_node_label(a->m.g, a->graph.center), "Red Team");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lists_sorted_and_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pivot_back_forward, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_across_tabs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verdict_and_note_saved_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlaps_of_actor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draw_every_tab_at_80x24, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commands_recompute_and_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_graph_tab_pivots, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
