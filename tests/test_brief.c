/* Briefing packs: the Markdown's rows and numbers on the hand-drawn fixture,
 * hostile names escaped, verdicts and notes shown; then `agx brief` end to
 * end on two small STIX bundles (skipped when the STIX loader is not in the
 * build): every file there, SVG that parses, PNG magic, the same diagrams
 * whatever the file order, and --tlp-max refusing before writing anything. */
#include "tests/testutil.h"

#include "graph/annot.h"
#include "graph/overlap.h"
#include "tests/fixture_graph.h"
#include "tui/cmd/brief_md.h"

static struct overlap *model(struct graph *g)
{
	struct overlap_opts o;
	overlap_opts_default(&o);
	return overlap_compute(g, &o);
}

static const char *row_of(const char *md, const char *start)
{
	const char *r = strstr(md, start);
	if (!r)
		fail_msg("no row starting %s in:\n%s", start, md);
	return r;
}

/* The cell n (0-based) of the table row at r, copied into buf. */
/* Next unescaped '|' after p ("\|" is a pipe inside a cell). */
static const char *next_pipe(const char *p)
{
	do
		p = strchr(p + 1, '|');
	while (p && p[-1] == '\\');
	assert_non_null(p);
	return p;
}

/* The cell n (0-based) of the table row at r, trimmed, copied into buf. */
static const char *cell(const char *r, int n, char *buf, size_t len)
{
	const char *p = r;
	for (int i = 0; i < n; i++)
		p = next_pipe(p);
	const char *end = next_pipe(p);
	while (*++p == ' ')
		;
	while (end > p && end[-1] == ' ')
		end--;
	size_t n2 = (size_t)(end - p) < len ? (size_t)(end - p) : len - 1;
	memcpy(buf, p, n2);
	buf[n2] = '\0';
	return buf;
}

static void test_pair_markdown(void **state)
{
	(void)state;
	struct graph *g = fixture_small(0);
	struct overlap *ov = model(g);
	uint32_t a = overlap_unit_find(ov, "APT15"), b = overlap_unit_find(ov, "BackdoorDiplomacy");
	struct brief_opts o = {.threshold = 0.15, .diagram = "pair.svg", .cluster_note = "none",
			       .command = "agx brief -o out --pair APT15,BackdoorDiplomacy a.json b.json"};
	char *md = brief_pair_md(g, ov, a, b, &o);
	assert_non_null(strstr(md, "# Is APT15 linked to BackdoorDiplomacy?\n"));
	assert_non_null(strstr(md, "**TLP:AMBER** (the most restricted marking among the 2 input "
				   "files this brief rests on)"));
	assert_null(strstr(md, "> Note: the inputs loaded")); /* nothing more is loaded */
	assert_non_null(strstr(md, "Data up to 2023-06-01, from 2 of 2 input files"));
	size_t np;
	const struct overlap_pair *p = &overlap_pairs(ov, &np)[overlap_pair_find(ov, a, b)];
	char want[128];
	snprintf(want, sizeof(want), "| Score (shared evidence against chance, 0..1) | %.3f |",
		 p->score);
	assert_non_null(strstr(md, want));
	assert_non_null(strstr(md, "| Relation | overlap (two different actors, or an actor and a "
				   "cluster no actor claims) |"));
	snprintf(want, sizeof(want), "| Raw shared weight | %.3f |", p->weight);
	assert_non_null(strstr(md, want));
	assert_non_null(strstr(md, "![The evidence: A on the left, B on the right](pair.svg)"));
	/* one evidence row: the shared domain, reached by both (df 2), the
	 * weakest confidence of the two paths (80 and 40), from both files */
	char buf[256];
	const char *r = row_of(md, "| shared.example.com |");
	assert_string_equal(cell(r, 1, buf, sizeof(buf)), "domain");
	assert_string_equal(cell(r, 2, buf, sizeof(buf)), "2");
	assert_string_equal(cell(r, 5, buf, sizeof(buf)), "a.json; b.json");
	assert_string_equal(cell(r, 6, buf, sizeof(buf)), "40");
	assert_non_null(strstr(cell(r, 7, buf, sizeof(buf)), "counted"));
	assert_null(strstr(md, "| 203.0.113.7 |")); /* APT15's alone */
	assert_non_null(strstr(md, "  - A: APT15 -uses-\\> shared.example.com\n"));
	assert_non_null(strstr(md, "## Data sources"));
	assert_non_null(strstr(md, "| a.json | a.json | stix2.1 | 2023-05-01 | TLP:GREEN | - |"));
	assert_non_null(strstr(md, "| b.json | b.json | stix2.1 | 2023-06-01 | TLP:AMBER | - |"));
	assert_non_null(strstr(md, "```sh\nagx brief -o out --pair APT15,BackdoorDiplomacy a.json "
				   "b.json\n```"));
	free(md);
	overlap_free(ov);
	graph_free(g);
}

static void test_hostile_names_are_escaped(void **state)
{
	(void)state;
	struct graph *g = fixture_small(0);
	struct overlap *ov = model(g);
	uint32_t a = overlap_unit_find(ov, "APT15");
	uint32_t h = overlap_unit_of_node(ov, graph_find_named(g, NODE_ACTOR, FIXTURE_HOSTILE));
	assert_true(h != UINT32_MAX);
	struct annot an;
	annot_init(&an);
	char *pk = annot_pair_key(g, overlap_unit(ov, a)->node, overlap_unit(ov, h)->node);
	annot_set_verdict(&an, pk, VERDICT_DISMISSED);
	free(pk);
	char *vk = annot_node_key(g, graph_find(g, NODE_IPV4, "203.0.113.7"));
	annot_add_note(&an, vk, "| seen <b>twice</b>");
	free(vk);
	struct brief_opts o = {.threshold = 0.15, .annot = &an,
			       .command = "agx brief --pair 'x```\nrm -rf /'"};
	char *md = brief_pair_md(g, ov, a, h, &o);
	/* the heading: brackets, pipes, angle brackets escaped, ESC and the
	 * newline made visible, \N kept as text */
	assert_non_null(strstr(md, "# Is APT15 linked to \\x1b\\[1mEvil\"\\];\\<script\\>alert(1)"
				   "\\</script\\>\\\\N<br>&?\n"));
	assert_null(strstr(md, "<script>"));
	assert_null(strchr(md, '\x1b'));
	const char *r = row_of(md, "| 203.0.113.7 |");
	char buf[256];
	assert_string_equal(cell(r, 6, buf, sizeof(buf)), "10");
	assert_non_null(strstr(r, "note: \\| seen \\<b\\>twice\\</b\\>"));
	assert_non_null(strstr(md, "| Analyst verdict | dismissed |"));
	/* the command cannot close its code block early */
	assert_null(strstr(md, "x```"));
	assert_non_null(strstr(md, "```sh\nagx brief --pair 'x`\\`` rm -rf /'\n```"));
	free(md);
	annot_free(&an);
	overlap_free(ov);
	graph_free(g);
}

static void test_unit_markdown(void **state)
{
	(void)state;
	struct graph *g = fixture_small(0);
	struct overlap *ov = model(g);
	struct brief_opts o = {.threshold = 0.15, .diagram = "unit.svg"};
	char *md = brief_unit_md(g, ov, overlap_unit_find(ov, "Ke3chang"), &o);
	assert_non_null(strstr(md, "# What links APT15 to others?"));
	assert_non_null(strstr(md, "4 infrastructure values"));
	assert_non_null(strstr(md, "| BackdoorDiplomacy |"));
	const char *r = row_of(md, "| ke3.example.net |");
	char buf[128];
	assert_string_equal(cell(r, 2, buf, sizeof(buf)), "1");
	assert_string_equal(cell(r, 4, buf, sizeof(buf)), "b.json");
	assert_string_equal(cell(r, 5, buf, sizeof(buf)), "90");
	assert_string_equal(cell(r, 6, buf, sizeof(buf)), "own");
	r = row_of(md, "| shared.example.com |");
	assert_string_equal(cell(r, 6, buf, sizeof(buf)), "shared");
	free(md);
	overlap_free(ov);
	graph_free(g);
}

/* ---- what a brief rests on ---- */

static void fact(struct graph *g, uint32_t file, uint32_t a, uint32_t b, int rel)
{
	struct prov p = prov_empty(file);
	p.tlp = graph_file(g, file)->tlp;
	graph_node_observe(g, a, &p);
	graph_node_observe(g, b, &p);
	graph_add_edge(g, a, b, rel, &p, 0);
}

static uint32_t ip(struct graph *g, const char *v, uint32_t file)
{
	return graph_node(g, NODE_IPV4, v, v, file);
}

/* Four inputs, two of which the FamousSparrow-GhostEmperor brief rests on:
 *   eset/famoussparrow/README.adoc (ESET, no marking): report R
 *     -attributed-to-> FamousSparrow, FamousSparrow -uses-> 27.102.113.240
 *   trails/apt_ghostemperor.txt (Maltrail developers, TLP:GREEN, a
 *     reference URL): GhostEmperor -indicates- 27.102.113.240 and .57
 *   eset/gref/README.adoc: GREF -uses-> gref.example (unrelated)
 *   examples/granular-red.json (TLP:RED): Unrelated -uses-> 198.51.100.1 */
static struct graph *sources_fixture(void)
{
	struct graph *g = graph_new();
	uint32_t fs = graph_add_file(g, "eset/famoussparrow/README.adoc", "text");
	uint32_t gref = graph_add_file(g, "eset/gref/README.adoc", "text");
	uint32_t red = graph_add_file(g, "examples/granular-red.json", "stix2.1");
	uint32_t ge = graph_add_file(g, "trails/apt_ghostemperor.txt", "ioc-list");
	graph_file(g, fs)->title = graph_intern(g, "FamousSparrow: A suspicious hotel guest");
	graph_file(g, fs)->publisher = graph_intern(g, "ESET");
	graph_file(g, ge)->publisher = graph_intern(g, "Maltrail developers");
	graph_file(g, ge)->tlp = TLP_GREEN;
	graph_file(g, red)->tlp = TLP_RED;
	uint32_t famous = graph_named_node(g, NODE_ACTOR, "FamousSparrow", fs);
	uint32_t r = graph_report_node(g, "FamousSparrow: A suspicious hotel guest", "r1", fs);
	fact(g, fs, r, famous, REL_ATTRIBUTED_TO);
	fact(g, fs, famous, ip(g, "27.102.113.240", fs), REL_USES);
	uint32_t ghost = graph_named_node(g, NODE_ACTOR, "GhostEmperor", ge);
	graph_add_attr(g, ghost, ATTR_REFERENCE, "https://securelist.com/ghostemperor/", ge);
	fact(g, ge, ip(g, "27.102.113.240", ge), ghost, REL_INDICATES);
	fact(g, ge, ip(g, "27.102.113.57", ge), ghost, REL_INDICATES);
	fact(g, gref, graph_named_node(g, NODE_ACTOR, "GREF", gref),
	     graph_node(g, NODE_DOMAIN, "gref.example", "gref.example", gref), REL_USES);
	fact(g, red, graph_named_node(g, NODE_ACTOR, "Unrelated", red), ip(g, "198.51.100.1", red),
	     REL_USES);
	graph_finish(g);
	return g;
}

/* The marking is of the inputs the brief rests on: an unrelated TLP:RED
 * file does not make the pair RED, and the loaded maximum is a note; the
 * sources are those two files, by publisher and report, told apart from
 * the other README.adoc by their folder, with their references. */
static void test_marking_and_sources_are_of_what_is_shown(void **state)
{
	(void)state;
	struct graph *g = sources_fixture();
	struct overlap *ov = model(g);
	uint32_t a = overlap_unit_find(ov, "FamousSparrow"), b = overlap_unit_find(ov, "GhostEmperor");
	assert_int_not_equal(overlap_pair_find(ov, a, b), UINT32_MAX);
	struct brief_opts o = {.threshold = 0.15};
	char *md = brief_pair_md(g, ov, a, b, &o);
	assert_non_null(strstr(md, "**TLP:GREEN** (the most restricted marking among the 2 input "
				   "files this brief rests on)"));
	assert_null(strstr(md, "**TLP:RED**"));
	assert_non_null(strstr(md, "> Note: the inputs loaded hold data marked up to TLP:RED "
				   "(examples/granular-red.json); nothing of it is shown here"));
	assert_non_null(strstr(md, "from 2 of 4 input files"));
	const char *fs_name = "ESET: FamousSparrow: A suspicious hotel guest (famoussparrow/README.adoc)";
	const char *ge_name = "Maltrail developers: apt\\_ghostemperor.txt";
	char buf[512];
	const char *r = row_of(md, "| 27.102.113.240 |");
	snprintf(buf, sizeof(buf), "%s; %s", fs_name, ge_name);
	char cellbuf[512];
	assert_string_equal(cell(r, 5, cellbuf, sizeof(cellbuf)), buf);
	/* the data sources: these two, nothing else */
	const char *ds = strstr(md, "## Data sources");
	assert_non_null(ds);
	assert_non_null(strstr(ds, "The 2 input files this brief rests on (of 4 loaded)"));
	snprintf(buf, sizeof(buf), "| %s | eset/famoussparrow/README.adoc | text | undated | not "
				   "marked | - |", fs_name);
	assert_non_null(strstr(ds, buf));
	snprintf(buf, sizeof(buf), "| %s | trails/apt\\_ghostemperor.txt | ioc-list | undated | "
				   "TLP:GREEN | https://securelist.com/ghostemperor/ |", ge_name);
	assert_non_null(strstr(ds, buf));
	assert_null(strstr(ds, "gref"));
	assert_null(strstr(ds, "granular"));
	free(md);
	overlap_free(ov);
	graph_free(g);
}

/* The relation, each side's sources with the reason they speak for it,
 * and the near misses as they are: B's 27.102.113.57 sits in the /24 of
 * the shared 27.102.113.240 (overlap_why compares unshared values only,
 * so the brief must not say "no /24 neighbour"). */
static void test_relation_attribution_and_near_misses(void **state)
{
	(void)state;
	struct graph *g = sources_fixture();
	struct overlap *ov = model(g);
	uint32_t a = overlap_unit_find(ov, "FamousSparrow"), b = overlap_unit_find(ov, "GhostEmperor");
	struct brief_opts o = {.threshold = 0.15};
	char *md = brief_pair_md(g, ov, a, b, &o);
	assert_non_null(strstr(md, "| Relation | overlap (two different actors"));
	assert_non_null(strstr(md, "- **A**, FamousSparrow: its sources and why each speaks for it\n"
				   "  - ESET: FamousSparrow: A suspicious hotel guest "
				   "(famoussparrow/README.adoc): its report 'FamousSparrow: A "
				   "suspicious hotel guest', explicit: attributed-to FamousSparrow\n"));
	assert_non_null(strstr(md, "- **B**, GhostEmperor: its sources and why each speaks for it\n"
				   "  - Maltrail developers: apt\\_ghostemperor.txt: states the actor "
				   "itself"));
	assert_null(strstr(md, "no value of one is a subdomain or a /24 neighbour"));
	assert_non_null(strstr(md, "| 27.102.113.57 | B only | 27.102.113.240 | same /24 as the "
				   "shared value |"));
	free(md);
	overlap_free(ov);
	graph_free(g);
}

/* Verdicts and notes carry their author where the workspace records one
 * (the hook the workspace's authors fill). */
static void test_verdicts_and_notes_carry_their_author(void **state)
{
	(void)state;
	struct graph *g = sources_fixture();
	struct overlap *ov = model(g);
	uint32_t a = overlap_unit_find(ov, "FamousSparrow"), b = overlap_unit_find(ov, "GhostEmperor");
	struct annot an;
	annot_init(&an);
	char *pk = annot_pair_key(g, overlap_unit(ov, a)->node, overlap_unit(ov, b)->node);
	annot_set_verdict(&an, pk, VERDICT_CONFIRMED);
	an.verdicts[0].when = 1700000000; /* 2023-11-14 */
	an.verdicts[0].author = strdup("alice");
	annot_add_note(&an, pk, "one independent IP");
	an.notes[0].when = 1700000000;
	an.notes[0].author = strdup("bob");
	char *vk = annot_node_key(g, graph_find(g, NODE_IPV4, "27.102.113.240"));
	annot_add_note(&an, vk, "ESET and Kaspersky");
	an.notes[1].author = strdup("carol");
	annot_add_note(&an, vk, "no author recorded");
	struct brief_opts o = {.threshold = 0.15, .annot = &an};
	char *md = brief_pair_md(g, ov, a, b, &o);
	assert_non_null(strstr(md, "| Analyst verdict | confirmed (2023-11-14, by alice) |"));
	assert_non_null(strstr(md, "- On the pair (2023-11-14, by bob): one independent IP\n"));
	const char *r = row_of(md, "| 27.102.113.240 |");
	assert_non_null(strstr(r, "; note by carol: ESET and Kaspersky; note: no author recorded |"));
	free(md);
	free(pk);
	free(vk);
	annot_free(&an);
	overlap_free(ov);
	graph_free(g);
}

/* ---- end to end ---- */

static const char bundle_a[] =
	"{\"type\":\"bundle\",\"id\":\"bundle--11111111-1111-4111-8111-111111111111\",\"objects\":["
	"{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\"intrusion-set--a1111111-1111-"
	"4111-8111-111111111111\",\"created\":\"2023-05-01T00:00:00Z\",\"modified\":\"2023-05-01T00:"
	"00:00Z\",\"name\":\"APT15\",\"object_marking_refs\":[\"marking-definition--34098fce-860f-"
	"48ae-8e50-ebd3cc5e41da\"]},"
	"{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--a2222222-1111-4111-"
	"8111-111111111111\",\"created\":\"2023-05-01T00:00:00Z\",\"modified\":\"2023-05-01T00:00:"
	"00Z\",\"pattern\":\"[domain-name:value = 'shared.example.com']\",\"pattern_type\":\"stix\","
	"\"valid_from\":\"2023-04-01T00:00:00Z\",\"confidence\":80},"
	"{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--a3333333-1111-"
	"4111-8111-111111111111\",\"created\":\"2023-05-01T00:00:00Z\",\"modified\":\"2023-05-01T00:"
	"00:00Z\",\"relationship_type\":\"indicates\",\"source_ref\":\"indicator--a2222222-1111-4111-"
	"8111-111111111111\",\"target_ref\":\"intrusion-set--a1111111-1111-4111-8111-111111111111\"}"
	"]}\n";

static const char bundle_b[] =
	"{\"type\":\"bundle\",\"id\":\"bundle--22222222-1111-4111-8111-111111111111\",\"objects\":["
	"{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\"intrusion-set--b1111111-1111-"
	"4111-8111-111111111111\",\"created\":\"2023-06-01T00:00:00Z\",\"modified\":\"2023-06-01T00:"
	"00:00Z\",\"name\":\"Evil\\\"];<script>alert(1)</script>\",\"object_marking_refs\":["
	"\"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82\"]},"
	"{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--b2222222-1111-4111-"
	"8111-111111111111\",\"created\":\"2023-06-01T00:00:00Z\",\"modified\":\"2023-06-01T00:00:"
	"00Z\",\"pattern\":\"[domain-name:value = 'shared.example.com']\",\"pattern_type\":\"stix\","
	"\"valid_from\":\"2023-05-15T00:00:00Z\",\"confidence\":40},"
	"{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--b3333333-1111-"
	"4111-8111-111111111111\",\"created\":\"2023-06-01T00:00:00Z\",\"modified\":\"2023-06-01T00:"
	"00:00Z\",\"relationship_type\":\"indicates\",\"source_ref\":\"indicator--b2222222-1111-4111-"
	"8111-111111111111\",\"target_ref\":\"intrusion-set--b1111111-1111-4111-8111-111111111111\"}"
	"]}\n";

static const char *bundles(void)
{
	const char *dir = test_tmpdir("brief_e2e");
	char p[1100];
	snprintf(p, sizeof(p), "%s/a.json", dir);
	write_file(p, bundle_a);
	snprintf(p, sizeof(p), "%s/b.json", dir);
	write_file(p, bundle_b);
	char cmd[2400];
	snprintf(cmd, sizeof(cmd), "%s stats %s/a.json %s/b.json >/dev/null 2>&1", agx_bin(), dir,
		 dir);
	if (access(agx_bin(), X_OK) != 0 || system(cmd) != 0) {
		print_message("agx or its STIX loader is absent: skipped\n");
		skip();
	}
	return dir;
}

static char *strip_version(char *s)
{
	char *p = s ? strstr(s, "<!-- Generated by graphviz version") : NULL;
	if (p) {
		char *end = strstr(p, "-->");
		memmove(p, end + 3, strlen(end + 3) + 1);
	}
	return s;
}

static void test_agx_brief_end_to_end(void **state)
{
	(void)state;
	const char *d = bundles();
	char dir[1100], cmd[4096];
	snprintf(dir, sizeof(dir), "%s", d);
	/* the pair scores 0.24: the one shared domain counts its indicators'
	 * weaker confidence (40) and their dates six weeks apart (time 0.96) */
	snprintf(cmd, sizeof(cmd),
		 "brief -o %s/pack --threshold 0.2 --pair 'APT15,Evil\"];<script>alert(1)</script>' "
		 "%s/a.json %s/b.json 2>/dev/null",
		 dir, dir, dir);
	assert_int_equal(run_agx(cmd, NULL), 0);
	const char *files[] = {"brief.md", "pair.svg", "pair.png", "cluster.svg", "cluster.png"};
	char path[1300];
	for (int i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "%s/pack/%s", dir, files[i]);
		assert_int_equal(access(path, R_OK), 0);
	}
	snprintf(cmd, sizeof(cmd), "xmllint --noout --nonet %s/pack/pair.svg %s/pack/cluster.svg",
		 dir, dir);
	if (system("command -v xmllint >/dev/null 2>&1") == 0)
		assert_int_equal(run_capture(cmd, NULL), 0);
	snprintf(path, sizeof(path), "%s/pack/pair.png", dir);
	size_t len;
	char *png = read_file_all(path, &len);
	assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
	free(png);
	snprintf(path, sizeof(path), "%s/pack/brief.md", dir);
	char *md = read_file_all(path, NULL);
	assert_non_null(strstr(md, "**TLP:AMBER**"));
	assert_non_null(strstr(md, "| shared.example.com | domain | 2 |"));
	/* raw only inside the fenced command at the end, where it is text */
	char *fence = strstr(md, "## How to reproduce");
	assert_non_null(fence);
	*fence = '\0';
	assert_null(strstr(md, "<script>"));
	free(md);
	snprintf(path, sizeof(path), "%s/pack/pair.svg", dir);
	char *svg1 = strip_version(read_file_all(path, NULL));
	assert_null(strstr(svg1, "<script"));

	/* the other file order: the same diagram */
	snprintf(cmd, sizeof(cmd),
		 "brief -o %s/pack2 --threshold 0.2 --pair 'APT15,Evil\"];<script>alert(1)</script>' "
		 "%s/b.json %s/a.json 2>/dev/null",
		 dir, dir, dir);
	assert_int_equal(run_agx(cmd, NULL), 0);
	snprintf(path, sizeof(path), "%s/pack2/pair.svg", dir);
	char *svg2 = strip_version(read_file_all(path, NULL));
	assert_string_equal(svg1, svg2);
	free(svg1);
	free(svg2);

	/* above the TLP ceiling: refused, nothing created */
	snprintf(cmd, sizeof(cmd), "brief -o %s/pack3 --unit APT15 --tlp-max green %s/a.json "
				   "%s/b.json 2>/dev/null", dir, dir, dir);
	assert_int_equal(run_agx(cmd, NULL), 1);
	snprintf(path, sizeof(path), "%s/pack3", dir);
	assert_int_not_equal(access(path, F_OK), 0);
	/* usage errors */
	snprintf(cmd, sizeof(cmd), "brief -o %s/pack4 %s/a.json 2>/dev/null", dir, dir);
	assert_int_equal(run_agx(cmd, NULL), 2);
	snprintf(cmd, sizeof(cmd), "brief -o %s/pack4 --unit APT16 %s/a.json 2>/dev/null", dir, dir);
	assert_int_equal(run_agx(cmd, NULL), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pair_markdown),
		cmocka_unit_test(test_hostile_names_are_escaped),
		cmocka_unit_test(test_unit_markdown),
		cmocka_unit_test(test_marking_and_sources_are_of_what_is_shown),
		cmocka_unit_test(test_relation_attribution_and_near_misses),
		cmocka_unit_test(test_verdicts_and_notes_carry_their_author),
		cmocka_unit_test(test_agx_brief_end_to_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
