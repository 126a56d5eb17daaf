/* The explorer on data from several sources, keys in and state out: the
 * relations and rankings of the Overlaps tab, filters on pairs, the Reports
 * tab and the problems of the load, an actor's corroboration, copying and
 * references, prompt history and Tab completion, q closing views, addresses
 * in numeric order, word-wrap and sideways scrolling, the Graph tab's tree.
 *
 * The fixture, worked out by hand (and as `agx overlaps` ranks it):
 *   bundle.json  Red Team (alias Scarlet, a description, a reference URL),
 *                Blue Team, Green Team; shared.example and a long
 *                update.firewall-gateway-... domain indicate Red and Blue,
 *                45.77.10.20 Red and Green; Red and Blue use Hammer, Red and
 *                Green use T1003; the report "Red report" lists only Red
 *                Team (structural attribution)
 *   red.csv      Red Team's shared.example again, red-only.example and
 *                10.0.0.10, 10.0.0.9, 10.0.0.100: a second source of Red Team
 *                agreeing with the bundle on shared.example
 *   loose.txt    shared.example and loose-only.example, no actor: a unit of
 *                its own ("loose")
 *   green_team.txt  45.77.10.21: attributed to Green Team from its name
 *   broken.json  a bundle cut short: one error
 * Overlap pairs by infrastructure: Red-Blue (2 values), Blue-loose,
 * loose-Red, Green-Red (1 each); by tools Red-Blue (Hammer); by techniques
 * Green-Red (T1003); corroboration: Red Team's bundle.json ~ red.csv. */
#include <locale.h>

#include "graph/overlap.h"
#include "tests/testutil.h"
#include "tui/cmd/cli.h"
#include "tui/explorer/app.h"
#include "tui/explorer/complete.h"
#include "tui/explorer/keys.h"
#include "tui/explorer/progress.h"
#include "loaders/load.h"
#include "tui/explorer/view.h"

#define ID(t, n) "\"" t "--00000000-0000-4000-8000-0000000000" n "\""
#define COMMON "\"spec_version\":\"2.1\",\"created\":\"2022-01-01T00:00:00Z\",\"modified\":\"2022-01-01T00:00:00Z\""
#define SET(n, name, more) "{\"type\":\"intrusion-set\",\"id\":" ID("intrusion-set", n) "," COMMON ",\"name\":\"" name "\"" more "}"
#define IND(n, pattern)                                                                       \
	"{\"type\":\"indicator\",\"id\":" ID("indicator", n) "," COMMON                      \
	",\"pattern_type\":\"stix\",\"valid_from\":\"2022-01-01T00:00:00Z\",\"pattern\":\"" pattern "\"}"
#define REL(n, type, src, dst)                                                               \
	"{\"type\":\"relationship\",\"id\":" ID("relationship", n) "," COMMON                \
	",\"relationship_type\":\"" type "\",\"source_ref\":" src ",\"target_ref\":" dst "}"

#define DESCRIPTION                                                                           \
	"This threat actor targets organizations in the satellite communications, "           \
	"telecommunications, geospatial-imaging, and defense sectors in the United States and " \
	"Southeast Asia for espionage purposes."
#define URL "https://example.org/reports/red-team?id=1"
#define LONG_DOMAIN "update.firewall-gateway-for-a-long-name.example.com"

static const char bundle[] =
	"{\"type\":\"bundle\",\"id\":\"bundle--00000000-0000-4000-8000-000000000001\",\"objects\":["
	SET("01", "Red Team", ",\"aliases\":[\"Scarlet\"],\"description\":\"" DESCRIPTION "\","
	    "\"external_references\":[{\"source_name\":\"vendor\",\"url\":\"" URL "\"}]") ","
	SET("02", "Blue Team", "") "," SET("03", "Green Team", "") ","
	IND("04", "[domain-name:value = 'shared.example']") ","
	IND("05", "[ipv4-addr:value = '45.77.10.20']") ","
	IND("06", "[domain-name:value = '" LONG_DOMAIN "']") ","
	"{\"type\":\"malware\",\"id\":" ID("malware", "07") "," COMMON ",\"name\":\"Hammer\",\"is_family\":true},"
	"{\"type\":\"attack-pattern\",\"id\":" ID("attack-pattern", "08") "," COMMON
	",\"name\":\"OS Credential Dumping\",\"external_references\":[{\"source_name\":\"mitre-attack\","
	"\"external_id\":\"T1003\"}]},"
	REL("11", "indicates", ID("indicator", "04"), ID("intrusion-set", "01")) ","
	REL("12", "indicates", ID("indicator", "04"), ID("intrusion-set", "02")) ","
	REL("13", "indicates", ID("indicator", "05"), ID("intrusion-set", "01")) ","
	REL("14", "indicates", ID("indicator", "05"), ID("intrusion-set", "03")) ","
	REL("15", "indicates", ID("indicator", "06"), ID("intrusion-set", "01")) ","
	REL("16", "indicates", ID("indicator", "06"), ID("intrusion-set", "02")) ","
	REL("17", "uses", ID("intrusion-set", "01"), ID("malware", "07")) ","
	REL("18", "uses", ID("intrusion-set", "02"), ID("malware", "07")) ","
	REL("19", "uses", ID("intrusion-set", "01"), ID("attack-pattern", "08")) ","
	REL("20", "uses", ID("intrusion-set", "03"), ID("attack-pattern", "08")) ","
	"{\"type\":\"report\",\"id\":" ID("report", "30") "," COMMON ",\"name\":\"Red report\","
	"\"published\":\"2022-02-01T00:00:00Z\",\"object_refs\":[" ID("intrusion-set", "01") ","
	ID("indicator", "04") "]}"
	"]}";

struct fx {
	struct cli c;
	struct app a;
	char dir[1024], ws[1200];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "%s", test_tmpdir("app_views"));
	char p[1200];
	snprintf(p, sizeof(p), "%s/bundle.json", f->dir);
	write_file(p, bundle);
	snprintf(p, sizeof(p), "%s/red.csv", f->dir);
	write_file(p, "actor,type,value\nRed Team,domain,shared.example\n"
		      "Red Team,domain,red-only.example\nRed Team,ipv4,10.0.0.10\n"
		      "Red Team,ipv4,10.0.0.9\nRed Team,ipv4,10.0.0.100\n");
	snprintf(p, sizeof(p), "%s/loose.txt", f->dir);
	write_file(p, "shared.example\nloose-only.example\n");
	snprintf(p, sizeof(p), "%s/green_team.txt", f->dir);
	write_file(p, "45.77.10.21\n");
	snprintf(p, sizeof(p), "%s/broken.json", f->dir);
	write_file(p, "{\"type\": \"bundle\", \"objects\": [\n");
	snprintf(f->ws, sizeof(f->ws), "%s/ws.json", f->dir);
	char *argv[] = {"agx", "--workspace", f->ws, f->dir, NULL};
	assert_int_equal(cli_parse(&f->c, 4, argv), 0);
	f->c.session.quiet = 1;
	/* broken.json is an input error; the rest loads */
	assert_int_equal(session_load(&f->c.session, 0), EXIT_INPUT);
	char err[512];
	struct explorer_opts o = {.depth = 1, .max_nodes = 500};
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

static unsigned command(struct app *a, const char *line)
{
	return app_react(a, app_command(a, line));
}

static const struct overlap_pair *row_pair(const struct app *a, size_t i)
{
	const struct list *l = app_list(a, TAB_OVERLAPS);
	assert_true(i < l->n);
	return overlap_pair_at(a->m.ov, l->rows[i]);
}

/* "A ~ B" of row i, names in the engine's order. */
static const char *pair_names(const struct app *a, size_t i, char *buf, size_t n)
{
	const struct overlap_pair *p = row_pair(a, i);
	snprintf(buf, n, "%s ~ %s", overlap_unit_name(a->m.ov, p->a),
		 overlap_unit_name(a->m.ov, p->b));
	return buf;
}

/* Whether some row of the detail document has this text (or first column). */
static int detail_has(const struct app *a, const char *text)
{
	for (size_t i = 0; i < a->detail.n; i++) {
		const struct drow *r = &a->detail.rows[i];
		if (strstr(detail_str(&a->detail, r->text), text) ||
		    strstr(detail_str(&a->detail, r->col1), text) ||
		    strstr(detail_str(&a->detail, r->right), text))
			return 1;
	}
	return 0;
}

/* Puts the detail cursor on the first row with this text; 0 if none. */
static int detail_go(struct app *a, const char *text)
{
	for (size_t i = 0; i < a->detail.n; i++)
		if (strstr(detail_str(&a->detail, a->detail.rows[i].text), text)) {
			a->pane = PANE_DETAIL;
			a->detail.cur = i;
			return 1;
		}
	return 0;
}

static char *draw(struct app *a, int w, int h)
{
	a->cols = w;
	a->rows = h;
	app_react(a, RX_DETAIL);
	struct grid *g = grid_new(w, h, 0);
	view_draw(a, g);
	char *d = grid_dump(g);
	grid_free(g);
	return d;
}

/* Selects the row of the current node tab labelled name. */
static void select_named(struct app *a, int tab, const char *name)
{
	char k[4] = {(char)('1' + tab), 0};
	keys(a, k);
	const struct list *l = app_list(a, tab);
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(model_label(&a->m, l->rows[i]), name) == 0) {
			keys(a, "g");
			for (size_t j = 0; j < i; j++)
				keys(a, "j");
			return;
		}
	fail_msg("%s not in tab %d", name, tab + 1);
}

static void test_relations_and_rankings(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	char buf[256];
	keys(a, "4");
	const struct list *l = app_list(a, TAB_OVERLAPS);
	assert_int_equal(l->n, 4);
	assert_string_equal(pair_names(a, 0, buf, sizeof(buf)), "Blue Team ~ Red Team");
	for (size_t i = 0; i < l->n; i++)
		assert_int_equal(row_pair(a, i)->relation, PAIR_OVERLAP);
	/* s: by tools, then techniques, then back to infrastructure */
	keys(a, "s");
	assert_int_equal(l->sort, OVERLAP_BY_TOOLS);
	assert_int_equal(l->n, 1);
	assert_int_equal(row_pair(a, 0)->ntools, 1);
	assert_string_equal(pair_names(a, 0, buf, sizeof(buf)), "Blue Team ~ Red Team");
	assert_non_null(strstr(a->msg, "tools"));
	keys(a, "s");
	assert_int_equal(l->n, 1);
	assert_string_equal(pair_names(a, 0, buf, sizeof(buf)), "Green Team ~ Red Team");
	assert_true(detail_has(a, "OS Credential Dumping")); /* the technique, listed */
	keys(a, "s");
	assert_int_equal(l->n, 4);
	/* r: corroboration, Red Team's two sources agreeing on shared.example */
	keys(a, "r");
	assert_non_null(strstr(a->filter.text, "relation=corroboration"));
	assert_int_equal(l->n, 1);
	const struct overlap_pair *p = row_pair(a, 0);
	assert_int_equal(p->relation, PAIR_CORROBORATION);
	assert_int_equal(overlap_unit(a->m.ov, p->a)->kind, UNIT_SOURCE);
	assert_string_equal(overlap_unit_name(a->m.ov, overlap_unit_parent(a->m.ov, p->a)),
			    "Red Team");
	assert_true(detail_has(a, "two sources of one actor"));
	char *d = draw(a, 80, 24);
	assert_non_null(strstr(d, "Red Team: Red report")); /* the row names the actor */
	free(d);
	/* a verdict judges two different units, not an actor's two sources */
	keys(a, "c");
	assert_true(a->msg_error);
	/* internal: none here, and the empty list says so */
	keys(a, "r");
	assert_int_equal(l->n, 0);
	d = draw(a, 80, 24);
	assert_non_null(strstr(d, "No two campaigns of one actor share"));
	free(d);
	keys(a, "r");
	assert_int_equal(filter_relation(&a->filter), PAIR_OVERLAP);
	assert_false(filter_active(&a->filter));
	assert_int_equal(l->n, 4);
}

static void test_pair_filters(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	char buf[256];
	keys(a, "4");
	const struct list *l = app_list(a, TAB_OVERLAPS);
	/* kind=actor: two named actors; kind=report: the loose IOC file */
	command(a, "filter kind=actor");
	assert_false(a->msg_error);
	assert_int_equal(l->n, 2);
	assert_string_equal(pair_names(a, 0, buf, sizeof(buf)), "Blue Team ~ Red Team");
	assert_string_equal(pair_names(a, 1, buf, sizeof(buf)), "Green Team ~ Red Team");
	command(a, "filter kind=report");
	assert_int_equal(l->n, 2);
	assert_string_equal(pair_names(a, 0, buf, sizeof(buf)), "Blue Team ~ loose");
	/* source=: what a file speaks to */
	command(a, "filter source=loose.txt");
	assert_int_equal(l->n, 2);
	command(a, "filter source=red.csv");
	assert_int_equal(l->n, 3); /* Red Team's pairs */
	command(a, "filter shared>=2");
	assert_int_equal(l->n, 1);
	assert_string_equal(pair_names(a, 0, buf, sizeof(buf)), "Blue Team ~ Red Team");
	command(a, "filter tools>=1");
	assert_int_equal(l->n, 1);
	command(a, "filter techniques>=0.5 kind=actor");
	assert_int_equal(l->n, 1);
	assert_string_equal(pair_names(a, 0, buf, sizeof(buf)), "Green Team ~ Red Team");
	/* score>=: halfway between the two strongest pairs keeps the first */
	command(a, "filter");
	char line[64];
	snprintf(line, sizeof(line), "filter score>=%.3f",
		 (row_pair(a, 0)->score + row_pair(a, 1)->score) / 2);
	command(a, line);
	assert_int_equal(l->n, 1);
	char *d = draw(a, 80, 24);
	assert_non_null(strstr(d, "filter: score>="));
	free(d);
	/* mistakes say what is wrong and change nothing */
	command(a, "filter tools>=2.5");
	assert_true(a->msg_error);
	assert_int_equal(l->n, 1);
	command(a, "filter relation=sideways");
	assert_true(a->msg_error);
	command(a, "filter shared>=10");
	assert_int_equal(l->n, 0);
	d = draw(a, 80, 24);
	assert_non_null(strstr(d, "nothing passes the filter"));
	free(d);
	command(a, "filter");
	assert_int_equal(l->n, 4);
}

static void test_reports_tab_and_problems(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	keys(a, "7");
	assert_int_equal(a->tab, TAB_REPORTS);
	const struct list *l = app_list(a, TAB_REPORTS);
	assert_int_equal(l->n, 5);
	/* by name (a report's title, else the file's): broken.json, green team,
	 * loose, Red report (bundle.json), red.csv */
	assert_non_null(strstr(graph_file_path(a->m.g, l->rows[0]), "broken.json"));
	assert_true(detail_has(a, "problems: 1 error"));
	assert_true(detail_has(a, "expected")); /* the error itself */
	keys(a, "jjj");
	assert_true(detail_has(a, "Red report"));
	assert_true(detail_has(a, "-> Red Team"));
	assert_true(detail_has(a, "structural: object_refs name"));
	keys(a, "kk");
	assert_true(detail_has(a, "-> Green Team"));
	assert_true(detail_has(a, "inferred from name"));
	keys(a, "j");
	assert_true(detail_has(a, "stands alone"));
	/* the list says whom each file speaks for */
	char *d = draw(a, 100, 30);
	assert_non_null(strstr(d, "Red report"));
	assert_non_null(strstr(d, "Green Team"));
	free(d);
	/* s: by objects, most first: the bundle's 19 */
	keys(a, "s");
	assert_non_null(strstr(graph_file_path(a->m.g, l->rows[0]), "bundle.json"));
	/* !: every problem of the load, Enter on a file shows its report */
	keys(a, "!");
	assert_int_equal(a->screen, SCR_DOC);
	assert_int_equal(a->detail.kind, DK_PROBLEMS);
	assert_true(detail_has(a, "1 error"));
	const struct drow *r = &a->detail.rows[a->detail.cur];
	assert_int_equal(r->link_type, DL_FILE);
	keys(a, "<Enter>");
	assert_int_equal(a->screen, SCR_TAB);
	assert_int_equal(a->tab, TAB_REPORTS);
	assert_non_null(strstr(graph_file_path(a->m.g, l->rows[l->cur]), "broken.json"));
	/* back to the problems, and q closes them: agx goes on */
	keys(a, "h");
	assert_int_equal(a->screen, SCR_DOC);
	unsigned rx = keys(a, "q");
	assert_false(rx & RX_QUIT);
	assert_int_equal(a->screen, SCR_TAB);
}

static void test_actor_sources_and_attribution(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	select_named(a, TAB_ACTORS, "Red Team");
	assert_true(detail_has(a, "2 sources agree on 1 value (corroboration)"));
	assert_true(detail_has(a, "red.csv"));
	assert_true(detail_has(a, "report Red report")); /* attributed to it */
	/* a source leads to the Reports tab */
	assert_true(detail_go(a, "red.csv"));
	assert_int_equal(a->detail.rows[a->detail.cur].link_type, DL_FILE);
	keys(a, "<Enter>");
	assert_int_equal(a->tab, TAB_REPORTS);
	/* the report itself says to whom and why */
	keys(a, "h");
	assert_true(detail_go(a, "report Red report"));
	keys(a, "<Enter>");
	assert_true(detail_has(a, "attributed"));
	assert_true(detail_has(a, "structural"));
}

/* A path that joins its unit through a report says how: loose.txt
 * attributed by the analyst to Green Team gives Green Team shared.example
 * through the report "loose" only, so the why of Green ~ Red, expanded on
 * shared.example, shows "via report loose: analyst: attributed ...". */
static void test_why_says_how_a_path_joins(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	keys(a, "7/loose<Enter>");
	assert_int_equal(a->tab, TAB_REPORTS);
	command(a, "attribute Green Team same operator");
	assert_non_null(strstr(a->msg, "attributed to Green Team"));
	keys(a, "4");
	const struct list *l = app_list(a, TAB_OVERLAPS);
	char buf[128];
	size_t i = 0;
	for (; i < l->n; i++)
		if (!strcmp(pair_names(a, i, buf, sizeof(buf)), "Green Team ~ Red Team"))
			break;
	assert_true(i < l->n);
	keys(a, "g");
	for (size_t j = 0; j < i; j++)
		keys(a, "j");
	keys(a, "w");
	assert_int_equal(a->detail.kind, DK_WHY);
	/* the evidence row of shared.example (its value in the first column) */
	size_t k = 0;
	while (k < a->detail.n &&
	       !strstr(detail_str(&a->detail, a->detail.rows[k].col1), "shared.example"))
		k++;
	assert_true(k < a->detail.n);
	a->pane = PANE_DETAIL;
	a->detail.cur = k;
	keys(a, "<Enter>");
	assert_true(detail_has(a, "via report loose: analyst: attributed"));
	assert_true(detail_has(a, "operator")); /* the reason, wrapped in the pane */
}

static void test_copy_and_reference(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	unsetenv("DISPLAY"); /* no browser: the URL is shown whole */
	unsetenv("WAYLAND_DISPLAY");
	select_named(a, TAB_INFRA, "shared.example");
	unsigned rx = keys(a, "y");
	assert_true(rx & RX_COPY);
	assert_string_equal(a->clipboard, "shared.example");
	keys(a, "4y");
	assert_string_equal(a->clipboard, "Blue Team - Red Team");
	/* Red Team's reference: o shows it whole, y copies the URL itself */
	select_named(a, TAB_ACTORS, "Red Team");
	assert_true(detail_go(a, "https://example.org"));
	assert_int_equal(a->detail.rows[a->detail.cur].link_type, DL_REF);
	keys(a, "y");
	assert_string_equal(a->clipboard, URL);
	keys(a, "o");
	assert_int_equal(a->screen, SCR_DOC);
	assert_int_equal(a->detail.kind, DK_TEXT);
	char *d = draw(a, 30, 12); /* narrower than the URL: wrapped, all of it */
	char joined[256] = "";
	for (char *line = strtok(d, "\n"); line; line = strtok(NULL, "\n"))
		if (strncmp(line, "  ", 2) == 0 || strncmp(line, "> ", 2) == 0)
			strncat(joined, line + 2, sizeof(joined) - strlen(joined) - 1);
	assert_non_null(strstr(joined, URL));
	free(d);
	keys(a, "y");
	assert_string_equal(a->clipboard, URL);
	rx = keys(a, "q");
	assert_false(rx & RX_QUIT);
	assert_int_equal(a->tab, TAB_ACTORS);
	assert_int_equal(a->screen, SCR_TAB);
}

static void test_history_and_completion(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	/* a command name */
	keys(a, ":thr<Tab>");
	assert_string_equal(a->prompt.buf, "threshold ");
	keys(a, "0.3<Enter>");
	assert_true(a->m.threshold > 0.29 && a->m.threshold < 0.31);
	/* Up brings it back, Down the line being typed */
	keys(a, ":dfc<Up>");
	assert_string_equal(a->prompt.buf, "threshold 0.3");
	keys(a, "<Up>");
	assert_string_equal(a->prompt.buf, "threshold 0.3");
	keys(a, "<Down>");
	assert_string_equal(a->prompt.buf, "dfc");
	keys(a, "<Esc>");
	/* an actor by an alias, a name by its start */
	keys(a, "/sca<Tab>");
	assert_string_equal(a->prompt.buf, "Scarlet");
	assert_string_equal(model_label(&a->m, app_focus_node(a)), "Red Team");
	keys(a, "<Esc>/gre<Tab>");
	assert_string_equal(a->prompt.buf, "Green Team");
	keys(a, "<Enter>");
	/* two candidates: their common start, then each in turn */
	keys(a, "/<Tab>");
	assert_non_null(strstr(a->msg, "Blue Team"));
	keys(a, "<Esc>");
	/* paths, with ~ for the home directory */
	char line[2400], want[2400];
	snprintf(line, sizeof(line), ":load %s/re<Tab>", f->dir);
	keys(a, line);
	snprintf(want, sizeof(want), "load %s/red.csv ", f->dir);
	assert_string_equal(a->prompt.buf, want);
	keys(a, "<Esc>");
	char cwd[1024], home[2100];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	snprintf(home, sizeof(home), "%s/%s", cwd, f->dir);
	setenv("HOME", home, 1);
	keys(a, ":load ~/gr<Tab>");
	assert_string_equal(a->prompt.buf, "load ~/green_team.txt ");
	char x[2400];
	snprintf(want, sizeof(want), "%s/green_team.txt", home);
	assert_string_equal(complete_expand_home("~/green_team.txt", x, sizeof(x)), want);
	keys(a, "<Esc>");
	/* filter terms and their values */
	keys(a, "frel<Tab>");
	assert_string_equal(a->prompt.buf, "relation=");
	keys(a, "co<Tab>");
	assert_string_equal(a->prompt.buf, "relation=corroboration ");
	keys(a, "<Enter>");
	assert_int_equal(filter_relation(&a->filter), PAIR_CORROBORATION);
}

static void test_q_closes_views(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	keys(a, "4w");
	assert_int_equal(a->screen, SCR_WHY);
	unsigned rx = keys(a, "q");
	assert_false(rx & RX_QUIT);
	assert_int_equal(a->screen, SCR_TAB);
	assert_int_equal(a->tab, TAB_OVERLAPS);
	keys(a, "?");
	assert_true(a->help_open);
	rx = keys(a, "q");
	assert_false(rx & RX_QUIT);
	assert_false(a->help_open);
	/* an actor's overlaps (o) close back to the actor */
	select_named(a, TAB_ACTORS, "Green Team");
	keys(a, "o");
	assert_int_equal(a->tab, TAB_OVERLAPS);
	assert_int_equal(app_list(a, TAB_OVERLAPS)->n, 1);
	rx = keys(a, "q");
	assert_false(rx & RX_QUIT);
	assert_int_equal(a->tab, TAB_ACTORS);
	/* on a tab, q quits */
	rx = keys(a, "q");
	assert_true(rx & RX_QUIT);
}

static void test_addresses_in_numeric_order(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	keys(a, "2");
	const struct list *l = app_list(a, TAB_INFRA);
	int at[3] = {-1, -1, -1};
	static const char *const want[3] = {"10.0.0.9", "10.0.0.10", "10.0.0.100"};
	for (size_t i = 0; i < l->n; i++)
		for (int k = 0; k < 3; k++)
			if (strcmp(graph_node_label(a->m.g, l->rows[i]), want[k]) == 0)
				at[k] = (int)i;
	assert_true(at[0] >= 0 && at[0] < at[1] && at[1] < at[2]);
	/* the same order among Red Team's neighbours */
	select_named(a, TAB_ACTORS, "Red Team");
	size_t pos[3] = {0, 0, 0};
	for (size_t i = 0; i < a->detail.n; i++)
		for (int k = 0; k < 3; k++)
			if (strcmp(detail_str(&a->detail, a->detail.rows[i].text), want[k]) == 0)
				pos[k] = i;
	assert_true(pos[0] && pos[0] < pos[1] && pos[1] < pos[2]);
}

/* Every word of the description is on screen at 80, 100 and 160 columns:
 * wrapping never drops one ("in" vanished at 80). */
static void test_wrap_keeps_every_word(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	static const int widths[] = {80, 100, 160};
	for (size_t k = 0; k < 3; k++) {
		select_named(a, TAB_ACTORS, "Red Team");
		char *d = draw(a, widths[k], 60);
		/* the detail pane's rows after "description", joined */
		char joined[1024] = "";
		int on = 0;
		for (char *line = strtok(d, "\n"); line; line = strtok(NULL, "\n")) {
			const char *bar = strstr(line, "\xe2\x94\x82"); /* the pane's border */
			const char *text = bar ? bar + 3 : "";
			while (*text == ' ' || *text == '>')
				text++;
			if (on && *text && !strstr(line, "actors,")) {
				assert_null(strstr(text, "\xe2\x80\xa6")); /* never cut */
				if (joined[0])
					strncat(joined, " ", sizeof(joined) - strlen(joined) - 1);
				strncat(joined, text, sizeof(joined) - strlen(joined) - 1);
			}
			if (strcmp(text, "description") == 0)
				on = 1;
		}
		free(d);
		/* trailing blanks of the dump are gone; compare word for word */
		assert_string_equal(joined, DESCRIPTION);
	}
}

static void test_scroll_shows_long_values(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	keys(a, "4w"); /* Blue Team ~ Red Team: the long domain is evidence */
	assert_true(detail_has(a, "") && a->screen == SCR_WHY);
	char *d = draw(a, 60, 24);
	assert_null(strstr(d, LONG_DOMAIN)); /* 60 columns cut it */
	free(d);
	keys(a, ">");
	assert_true(a->hscroll_detail > 0);
	d = draw(a, 60, 24);
	assert_non_null(strstr(d, "long-name.example.com")); /* its end is in view */
	free(d);
	keys(a, "<<<<");
	assert_int_equal(a->hscroll_detail, 0);
	/* at 160 columns the values column is as wide as the value */
	d = draw(a, 160, 45);
	assert_non_null(strstr(d, LONG_DOMAIN));
	free(d);
}

static void test_graph_tree(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	select_named(a, TAB_ACTORS, "Red Team");
	keys(a, "6");
	assert_true(a->graph.ok);
	char *d = draw(a, 80, 24);
	/* grouped by relation and kind, each label whole */
	assert_non_null(strstr(d, "uses \xe2\x86\x92 malware (1)"));
	assert_non_null(strstr(d, "Hammer"));
	assert_non_null(strstr(d, "\xe2\x86\x90 indicates domain (3)"));
	assert_non_null(strstr(d, "shared.example"));
	free(d);
	/* depth 2: Blue Team is reached again through what it shares */
	keys(a, "d");
	assert_int_equal(a->graph.depth, 2);
	d = draw(a, 160, 45);
	assert_non_null(strstr(d, "Blue Team"));
	free(d);
	/* the rows are the tree's nodes; Enter re-centres */
	const struct list *l = app_list(a, TAB_GRAPH);
	assert_true(l->n > 5);
	keys(a, "j");
	uint32_t next = l->rows[l->cur];
	keys(a, "<Enter>");
	assert_int_equal(a->graph.center, next);
}

/* The progress line counts what the loaders report and escapes the path. */
static void test_progress_line(void **state)
{
	(void)state;
	struct progress p;
	struct load_opts o = {0};
	progress_start(&p, &o, NULL); /* not a terminal: silent, not hooked */
	assert_null(o.progress);
	progress_step(&p, &(struct load_step){"a.json", 3u << 20, 0, 0});
	progress_step(&p, &(struct load_step){"a.json", 3u << 20, 1200, 1});
	progress_step(&p, &(struct load_step){"b\x1b[2Jc.txt", 1u << 20, 34, 1});
	progress_step(&p, NULL); /* the end of the inputs, as the session may say */
	assert_int_equal(p.files, 2);
	assert_int_equal(p.objects, 1234);
	char buf[256];
	progress_line(&p, "b\x1b[2Jc.txt", p.t0 + 2000, buf, sizeof(buf));
	assert_string_equal(buf, "agx: loading: 2 files, 1234 objects, 4.0 MB (2.0 MB/s) "
				 "b\\x1b[2Jc.txt");
	progress_end(&p, &o);
}

int main(void)
{
	/* the arrows and lines of the screens are UTF-8 when the system can */
	setlocale(LC_CTYPE, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_relations_and_rankings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pair_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reports_tab_and_problems, setup, teardown),
		cmocka_unit_test_setup_teardown(test_actor_sources_and_attribution, setup, teardown),
		cmocka_unit_test_setup_teardown(test_why_says_how_a_path_joins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_and_reference, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_and_completion, setup, teardown),
		cmocka_unit_test_setup_teardown(test_q_closes_views, setup, teardown),
		cmocka_unit_test_setup_teardown(test_addresses_in_numeric_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrap_keeps_every_word, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scroll_shows_long_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_graph_tree, setup, teardown),
		cmocka_unit_test(test_progress_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
