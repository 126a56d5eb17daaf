/* STIX 2.0/2.1 loader: our fixtures (defanged values, duplicates, dangling
 * refs, unknown types, empty/truncated files, JSON named .csv, deep nesting,
 * bundle-level spec_version, patterns) and real corpus files with counts
 * checked by hand against the files (python over the JSON) and their
 * SOURCE.md. Runs from the repository root. */
#include "tests/testutil.h"

#include "loaders/stix2_pattern.h"
#include "tests/loadtest.h"

#define FIX "tests/fixtures/stix2/"

static void test_nasty_bundle(void **state)
{
	(void)state;
	struct loaded l;
	load_with(&l, FIX "nasty-bundle.json", NULL);
	struct graph *g = l.g;
	assert_int_equal(l.rc, 0);
	const struct src_file *f = &g->files[0];
	assert_string_equal(graph_str(g, f->format), "stix2.0"); /* bundle-level, after objects */
	assert_int_equal(f->objects, 15);
	/* course-of-action, 2 x-vendor-widget, indicator without pattern, the
	 * duplicate-key indicator, mitigates from the course-of-action, uses to
	 * a malware that is not there */
	assert_int_equal(f->skipped, 7);
	assert_string_equal(graph_str(g, f->title), "Nasty Panda returns");
	assert_int_equal(f->tlp, TLP_RED);
	assert_int_equal(f->date, date_parse("2022-02-02"));

	uint32_t actor = graph_find_named(g, NODE_ACTOR, "Nasty Panda");
	uint32_t camp = graph_find_named(g, NODE_CAMPAIGN, "Operation Nasty");
	uint32_t rep = graph_find_named(g, NODE_REPORT, "Nasty Panda returns");
	assert_int_not_equal(actor, NODE_NONE);
	assert_int_not_equal(camp, NODE_NONE);
	assert_int_not_equal(rep, NODE_NONE);
	assert_int_equal(graph_by_source(g, "intrusion-set--00000000-0000-4000-8000-0000000000b1"),
			 actor);
	assert_int_equal(alias_lookup(g, "Test Group 7"), actor);
	assert_int_equal(alias_lookup(g, "nasty 1"), actor);

	/* the pattern: OR/AND, brackets, an escaped quote, defanged values,
	 * a /24 range left out, a hash lower-cased */
	uint32_t url = graph_find(g, NODE_URL, "http://bad.example.com/a'b");
	uint32_t c2 = graph_find(g, NODE_DOMAIN, "c2.example.net");
	uint32_t ip = graph_find(g, NODE_IPV4, "198.51.100.7");
	uint32_t h = graph_find(g, NODE_FILE,
				"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_int_not_equal(url, NODE_NONE);
	assert_int_not_equal(c2, NODE_NONE);
	assert_int_not_equal(ip, NODE_NONE);
	assert_int_not_equal(h, NODE_NONE);
	assert_int_equal(graph_find(g, NODE_IPV4, "203.0.113.0"), NODE_NONE);
	assert_int_equal(graph_find(g, NODE_DOMAIN, "never.example.com"), NODE_NONE);
	assert_int_equal(nodes_of(g, NODE_DOMAIN), 2); /* c2 + the URL's host */
	assert_int_equal(nodes_of(g, NODE_EMAIL), 1);

	/* the relationship came before the indicator and the actor */
	uint32_t e = edge_between(g, ip, actor, REL_INDICATES);
	assert_int_not_equal(e, UINT32_MAX);
	const struct edge *ed = graph_edge_at(g, e);
	assert_int_equal(ed->conf, 80);
	assert_int_equal(ed->first, date_parse("2021-03-01"));
	assert_int_equal(ed->last, date_parse("2021-06-30"));
	assert_int_equal(ed->tlp, TLP_AMBER);
	assert_string_equal(graph_str(g, ed->obj), "relationship--00000000-0000-4000-8000-000000000001");
	assert_int_equal(ed->report, NODE_NONE);
	assert_int_not_equal(edge_between(g, url, actor, REL_INDICATES), UINT32_MAX);
	assert_int_not_equal(edge_between(g, h, actor, REL_INDICATES), UINT32_MAX);
	/* the same relationship twice is one edge; listed in the report, it
	 * carries the report */
	e = edge_between(g, c2, camp, REL_INDICATES);
	assert_int_not_equal(e, UINT32_MAX);
	assert_int_equal(graph_edge_at(g, e)->report, rep);
	assert_int_equal(edges_of(g, REL_INDICATES), 6);
	/* report -> what it lists; an indicator stands for its values */
	assert_int_equal(edges_of(g, REL_MENTIONS), 4);
	assert_int_not_equal(edge_between(g, rep, actor, REL_MENTIONS), UINT32_MAX);
	assert_int_not_equal(edge_between(g, rep, c2, REL_MENTIONS), UINT32_MAX);
	assert_int_equal(graph_node_at(g, camp)->first_seen, date_parse("2021-01-15"));

	assert_int_equal(diags_of(&l.d, DIAG_QUIRK, D_DANGLING), 1);
	assert_int_equal(diags_of(&l.d, DIAG_QUIRK, D_UNKNOWN_TYPE), 3);
	assert_int_equal(diags_of(&l.d, DIAG_QUIRK, D_REFANGED), 2);
	assert_int_equal(diags_of(&l.d, DIAG_QUIRK, D_UNSUPPORTED), 1);
	assert_int_equal(diags_of(&l.d, DIAG_WARNING, D_INVALID), 1);
	assert_int_equal(diags_of(&l.d, DIAG_WARNING, D_DUPLICATE), 1);
	assert_int_equal(l.d.counts[DIAG_ERROR], 0);
	/* the message names the object: pointer and id */
	for (size_t i = 0; i < l.d.count; i++)
		if (l.d.items[i].code == D_DANGLING) {
			assert_string_equal(l.d.items[i].where,
					    "/objects/7 (relationship--00000000-0000-4000-8000-000000000004)");
			assert_int_equal(l.d.items[i].line, 21);
		}
	unload(&l);
}

static void test_lone_object_named_csv(void **state)
{
	(void)state;
	struct loaded l;
	load_with(&l, FIX "lone-object.csv", NULL);
	assert_int_equal(l.rc, 0);
	assert_string_equal(graph_str(l.g, l.g->files[0].format), "stix2.1");
	uint32_t a = graph_find_named(l.g, NODE_ACTOR, "Lone Wolf");
	assert_int_not_equal(a, NODE_NONE);
	assert_int_equal(alias_lookup(l.g, "LW"), a);
	unload(&l);
}

static void test_empty_truncated_deep(void **state)
{
	(void)state;
	struct loaded l;
	load_with(&l, FIX "empty.json", "stix2");
	assert_int_equal(l.rc, 0);
	assert_int_equal(l.g->node_count, 0);
	assert_int_equal(diags_of(&l.d, DIAG_WARNING, D_FORMAT), 1);
	unload(&l);

	load_with(&l, FIX "truncated.json", NULL);
	assert_int_equal(l.rc, -1);
	assert_int_equal(diags_of(&l.d, DIAG_ERROR, D_SYNTAX), 1);
	assert_int_equal(l.d.items[0].line, 3);
	/* what came before the break is kept */
	assert_int_not_equal(graph_find_named(l.g, NODE_CAMPAIGN, "Half"), NODE_NONE);
	unload(&l);

	const char *dir = test_tmpdir("stix2-deep");
	char path[1200];
	snprintf(path, sizeof(path), "%s/deep.json", dir);
	char *deep = malloc(10001);
	memset(deep, '[', 10000);
	deep[10000] = '\0';
	write_file(path, deep);
	free(deep);
	load_with(&l, path, NULL);
	assert_int_equal(l.rc, -1);
	assert_int_equal(diags_of(&l.d, DIAG_ERROR, D_LIMIT), 1);
	unload(&l);
}

static void test_spec_version_and_layouts(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("stix2-layouts");
	char path[1200];
	struct loaded l;
	/* 2.1 only at bundle level, after the objects */
	snprintf(path, sizeof(path), "%s/b21.json", dir);
	write_file(path, "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"type\":\"malware\","
			 "\"id\":\"malware--1\",\"name\":\"Tiny\",\"aliases\":[\"T1ny\"]}],"
			 "\"spec_version\":\"2.1\"}");
	load_with(&l, path, NULL);
	assert_string_equal(graph_str(l.g, l.g->files[0].format), "stix2.1");
	assert_int_equal(nodes_of(l.g, NODE_MALWARE), 1);
	unload(&l);
	/* a plain array, and an array holding a bundle */
	snprintf(path, sizeof(path), "%s/arr.json", dir);
	write_file(path, "[{\"type\":\"tool\",\"id\":\"tool--1\",\"name\":\"Hammer\"},"
			 "{\"type\":\"bundle\",\"id\":\"bundle--2\",\"objects\":["
			 "{\"type\":\"tool\",\"id\":\"tool--2\",\"name\":\"Saw\"}]}]");
	load_with(&l, path, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_equal(nodes_of(l.g, NODE_TOOL), 2);
	unload(&l);
	/* revoked loses to a live object of the same name, in either order */
	snprintf(path, sizeof(path), "%s/rev.json", dir);
	write_file(path, "{\"type\":\"bundle\",\"objects\":["
			 "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--1\",\"name\":\"Old\",\"revoked\":true},"
			 "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--2\",\"name\":\"Gone\",\"revoked\":true},"
			 "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--3\",\"name\":\"old\"},"
			 "{\"type\":\"malware\",\"id\":\"malware--9\",\"name\":\"Rusty\",\"x_mitre_deprecated\":true}]}");
	load_with(&l, path, NULL);
	assert_int_equal(nodes_of(l.g, NODE_ACTOR), 2);
	assert_int_equal(nodes_flagged(l.g, NODE_ACTOR, NODE_F_REVOKED), 1);
	assert_false(graph_node_at(l.g, graph_find_named(l.g, NODE_ACTOR, "Old"))->flags &
		     NODE_F_REVOKED);
	assert_int_equal(nodes_flagged(l.g, NODE_MALWARE, NODE_F_DEPRECATED), 1);
	assert_int_equal(diags_of(&l.d, DIAG_QUIRK, D_REVOKED), 1);
	unload(&l);
}

/* ---- patterns ---- */

struct cmps {
	char path[8][64], value[8][64], op[8][16];
	int negated[8], n;
};

static void collect_cmp(void *ctx, const struct pattern_cmp *c)
{
	struct cmps *s = ctx;
	if (s->n >= 8)
		return;
	snprintf(s->path[s->n], 64, "%s", c->path);
	snprintf(s->value[s->n], 64, "%.*s", (int)c->len, c->value);
	snprintf(s->op[s->n], 16, "%s", c->op);
	s->negated[s->n++] = c->negated;
}

static void test_patterns(void **state)
{
	(void)state;
	struct cmps s = {0};
	char err[128];
	assert_int_equal(stix2_pattern_parse("[file:hashes.'SHA-256' = 'ab\\'c' OR file:hashes.MD5 = "
					     "'x\\\\y'] AND ([ipv4-addr:value NOT = '1.2.3.4'] "
					     "FOLLOWEDBY [domain-name:value IN ('a.example', "
					     "'b.example')]) WITHIN 300 SECONDS",
					     collect_cmp, &s, err, sizeof(err)),
			 0);
	assert_int_equal(s.n, 5);
	assert_string_equal(s.path[0], "file:hashes.SHA256");
	assert_string_equal(s.value[0], "ab'c");
	assert_string_equal(s.path[1], "file:hashes.MD5");
	assert_string_equal(s.value[1], "x\\y");
	assert_true(s.negated[2]);
	assert_string_equal(s.op[3], "IN");
	assert_string_equal(s.value[4], "b.example");
	assert_int_equal(stix2_pattern_kind("file:hashes.SHA256"), NODE_FILE);
	assert_int_equal(stix2_pattern_kind("x509-certificate:hashes.SHA1"), NODE_X509);
	assert_int_equal(stix2_pattern_kind("domain-name:value"), NODE_DOMAIN);
	assert_int_equal(stix2_pattern_kind("file:name"), PATTERN_UNSUPPORTED);
	assert_int_equal(stix2_pattern_kind("domain-name:resolves_to_refs[*].value"), PATTERN_GUESS);

	memset(&s, 0, sizeof(s));
	assert_int_equal(stix2_pattern_parse("[network-traffic:dst_ref.value = '10.0.0.1' AND "
					     "network-traffic:dst_port = 443]",
					     collect_cmp, &s, err, sizeof(err)),
			 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.value[1], "443");

	static const char *const bad[] = {
		"[domain-name:value = 'unterminated]",
		"[domain-name:value = 'a.example'",
		"domain-name:value = 'a.example']",
		"[domain-name:value 'a.example']",
		"[domain-name:value =]",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&s, 0, sizeof(s));
		err[0] = '\0';
		assert_int_equal(stix2_pattern_parse(bad[i], collect_cmp, &s, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "offset"));
	}
}

/* ---- real files ---- */

static void test_attack_enterprise(void **state)
{
	(void)state;
	const char *p = corpus_or_skip("mitre-attack-enterprise/"
				       "enterprise-attack-v18.1-groups-software-campaigns-techniques.json");
	struct loaded l;
	load_with(&l, p, NULL);
	struct graph *g = l.g;
	assert_int_equal(l.rc, 0);
	/* SOURCE.md: 187 intrusion-sets (9 deprecated, 6 revoked), 52
	 * campaigns, 696 malware (2 revoked, 1 deprecated), 91 tools, 835
	 * attack-patterns; no two share a name, so one node each */
	assert_int_equal(g->files[0].objects, 19775);
	assert_int_equal(g->files[0].skipped, 0);
	assert_int_equal(nodes_of(g, NODE_ACTOR), 187);
	assert_int_equal(nodes_flagged(g, NODE_ACTOR, NODE_F_REVOKED), 6);
	assert_int_equal(nodes_flagged(g, NODE_ACTOR, NODE_F_DEPRECATED), 9);
	assert_int_equal(nodes_of(g, NODE_CAMPAIGN), 52);
	assert_int_equal(nodes_of(g, NODE_MALWARE), 696);
	assert_int_equal(nodes_flagged(g, NODE_MALWARE, NODE_F_REVOKED), 2);
	assert_int_equal(nodes_of(g, NODE_TOOL), 91);
	assert_int_equal(nodes_of(g, NODE_TECHNIQUE), 835);
	/* uses 647+457+4362 (groups) + 84+65+1019 (campaigns) + 9836+800 (software) */
	assert_int_equal(edges_of(g, REL_USES), 17270);
	assert_int_equal(edges_of(g, REL_ATTRIBUTED_TO), 25);
	assert_int_equal(edges_of(g, REL_SUBTECHNIQUE_OF), 477);
	assert_int_equal(edges_of(g, REL_REVOKED_BY), 140);
	assert_int_equal(g->edge_count, 17912);
	assert_int_equal(diags_of(&l.d, DIAG_QUIRK, D_DANGLING), 0);

	uint32_t ke3 = graph_find_named(g, NODE_ACTOR, "Ke3chang");
	assert_int_not_equal(ke3, NODE_NONE);
	assert_int_equal(alias_lookup(g, "APT15"), alias_unit(g, ke3));
	assert_int_equal(alias_lookup(g, "Nylon Typhoon"), alias_unit(g, ke3));
	/* Mustang Panda lists LUMINOUS MOTH, the name of another group:
	 * one unit (the alias table's call, explained by its merge record) */
	uint32_t mp = graph_find_named(g, NODE_ACTOR, "Mustang Panda");
	assert_int_equal(alias_lookup(g, "BRONZE PRESIDENT"), alias_unit(g, mp));
	assert_int_equal(alias_lookup(g, "stately taurus"), alias_unit(g, mp));
	assert_int_equal(alias_unit(g, graph_find_named(g, NODE_ACTOR, "LuminousMoth")),
			 alias_unit(g, mp));
	uint32_t ids[4];
	assert_int_equal(graph_attrs(g, ke3, ATTR_EXTERNAL_ID, ids, 4), 1);
	assert_string_equal(graph_str(g, ids[0]), "G0004");
	/* techniques are keyed by their ATT&CK id */
	uint32_t t = graph_find(g, NODE_TECHNIQUE, "t1003");
	assert_int_not_equal(t, NODE_NONE);
	assert_string_equal(graph_node_label(g, t), "T1003 OS Credential Dumping");
	assert_int_not_equal(graph_find(g, NODE_TECHNIQUE, "t1003001"), NODE_NONE);
	/* Mustang Panda uses PlugX */
	uint32_t plugx = graph_find_named(g, NODE_MALWARE, "PlugX");
	assert_int_not_equal(edge_between(g, mp, plugx, REL_USES), UINT32_MAX);
	unload(&l);
}

static void test_stately_taurus(void **state)
{
	(void)state;
	const char *p = corpus_or_skip("unit42-playbooks/playbook_json/statelytaurus.json");
	struct loaded l;
	load_with(&l, p, NULL);
	struct graph *g = l.g;
	assert_int_equal(l.rc, 0);
	/* python over the patterns: 76 domain-name, 52 ipv4-addr, 548 file
	 * hashes, 1 URL without scheme (whose host is the 77th domain) */
	assert_int_equal(nodes_of(g, NODE_DOMAIN), 77);
	assert_int_equal(nodes_of(g, NODE_IPV4), 52);
	assert_int_equal(nodes_of(g, NODE_FILE), 548);
	assert_int_equal(nodes_of(g, NODE_URL), 1);
	assert_int_equal(nodes_of(g, NODE_CAMPAIGN), 10);
	assert_int_equal(nodes_of(g, NODE_ACTOR), 1);
	assert_int_equal(nodes_of(g, NODE_REPORT), 11);
	assert_int_equal(edges_of(g, REL_ATTRIBUTED_TO), 11); /* 10 campaigns + 1 report */
	assert_string_equal(graph_str(g, g->files[0].title), "Stately Taurus");

	/* Stately Taurus reaches admin.nslookupdns.com: the indicator indicates
	 * campaign 3, which is attributed to the intrusion-set */
	uint32_t actor = graph_find_named(g, NODE_ACTOR, "Stately Taurus");
	uint32_t dom = graph_find(g, NODE_DOMAIN, "admin.nslookupdns.com");
	uint32_t camp = graph_find_named(g, NODE_CAMPAIGN, "Campaign 3 - Stately Taurus (PANW 9002)");
	assert_int_not_equal(actor, NODE_NONE);
	assert_int_not_equal(dom, NODE_NONE);
	assert_int_not_equal(edge_between(g, dom, camp, REL_INDICATES), UINT32_MAX);
	assert_int_not_equal(edge_between(g, camp, actor, REL_ATTRIBUTED_TO), UINT32_MAX);
	/* and the campaign's report lists both the intrusion-set and the value */
	uint32_t rep = graph_find_named(g, NODE_REPORT, "Campaign 3 - Stately Taurus (PANW 9002)");
	assert_int_not_equal(edge_between(g, rep, actor, REL_MENTIONS), UINT32_MAX);
	assert_int_not_equal(edge_between(g, rep, dom, REL_MENTIONS), UINT32_MAX);
	/* the indicates edge came from a relationship listed in that report */
	uint32_t e = edge_between(g, dom, camp, REL_INDICATES);
	assert_int_not_equal(graph_edge_at(g, e)->report, NODE_NONE);
	/* campaigns 6 and 7 share cdncool.com */
	uint32_t cdn = graph_find(g, NODE_DOMAIN, "cdncool.com");
	uint32_t c6 = graph_find_named(g, NODE_CAMPAIGN, "Campaign 6 - Stately Taurus (HenBox other)");
	uint32_t c7 = graph_find_named(g, NODE_CAMPAIGN, "Campaign 7 - Stately Taurus (Farseer)");
	assert_int_not_equal(edge_between(g, cdn, c6, REL_INDICATES), UINT32_MAX);
	assert_int_not_equal(edge_between(g, cdn, c7, REL_INDICATES), UINT32_MAX);
	/* 49 course-of-action ignored and reported once */
	assert_int_equal(diags_of(&l.d, DIAG_QUIRK, D_UNKNOWN_TYPE), 2);
	unload(&l);
}

static void test_sekoia_json_lines(void **state)
{
	(void)state;
	const char *p = corpus_or_skip("sekoia-community/IOCs/apt31/2021-11-10 APT31 - STIX2.jsonl");
	struct loaded l;
	load_with(&l, p, NULL);
	struct graph *g = l.g;
	assert_int_equal(l.rc, 0);
	assert_string_equal(graph_str(g, g->files[0].format), "stix2.1");
	assert_int_equal(g->files[0].objects, 370);
	assert_int_equal(nodes_of(g, NODE_ACTOR), 1);
	assert_int_equal(nodes_of(g, NODE_CAMPAIGN), 5);
	assert_int_equal(nodes_of(g, NODE_IPV4), 53);
	assert_int_equal(nodes_of(g, NODE_DOMAIN), 43);
	/* every IP and domain indicator also indicates the intrusion-set */
	uint32_t apt31 = graph_find_named(g, NODE_ACTOR, "APT31");
	assert_int_not_equal(apt31, NODE_NONE);
	struct adj a = graph_adj(g, apt31);
	size_t ip = 0, dom = 0;
	for (uint32_t i = 0; i < a.count; i++) {
		const struct edge *e = graph_edge_at(g, a.edges[i]);
		if (e->rel != REL_INDICATES || e->dst != apt31)
			continue;
		ip += graph_node_at(g, e->src)->kind == NODE_IPV4;
		dom += graph_node_at(g, e->src)->kind == NODE_DOMAIN;
	}
	assert_int_equal(ip, 53);
	assert_int_equal(dom, 43);
	/* created_by_ref points outside the file: one quirk, not 370 */
	assert_int_equal(diags_of(&l.d, DIAG_QUIRK, D_DANGLING), 1);
	unload(&l);
}

static void test_oasis_examples(void **state)
{
	(void)state;
	const char *p = corpus_or_skip("oasis-stix21-examples/cti-documentation/examples/example_json/apt1.json");
	struct loaded l;
	load_with(&l, p, NULL);
	struct graph *g = l.g;
	assert_int_equal(l.rc, 0);
	assert_string_equal(graph_str(g, g->files[0].title),
			    "APT1: Exposing One of China's Cyber Espionage Units");
	/* 1 intrusion-set + 5 threat-actors; 3 domain and 3 hash indicators;
	 * the 4 IPv4 indicators are /15../24 ranges and the 2 x509 ones use
	 * issuer and serial number: reported, not loaded */
	assert_int_equal(nodes_of(g, NODE_ACTOR), 6);
	assert_int_equal(nodes_of(g, NODE_DOMAIN), 3);
	assert_int_equal(nodes_of(g, NODE_FILE), 3);
	assert_int_equal(nodes_of(g, NODE_IPV4), 0);
	/* ranges, issuer, serial number, and the statements of the indicators
	 * left without values */
	assert_int_equal(diags_of(&l.d, DIAG_QUIRK, D_UNSUPPORTED), 4);
	unload(&l);

	p = corpus_or_skip("oasis-stix21-examples/cti-stix2-json-schemas/examples/infrastructure.json");
	load_with(&l, p, NULL);
	g = l.g;
	uint32_t ip = graph_find(g, NODE_IPV4, "198.51.100.3");
	assert_int_not_equal(ip, NODE_NONE);
	assert_int_equal(nodes_of(g, NODE_INFRASTRUCTURE), 2);
	assert_int_equal(edges_of(g, REL_CONSISTS_OF), 2);
	unload(&l);

	p = corpus_or_skip("oasis-stix21-examples/cti-stix2-json-schemas/examples/"
			   "interop-objectmarking-test.json");
	load_with(&l, p, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_equal(nodes_of(l.g, NODE_CAMPAIGN), 1);
	unload(&l);
}

static void test_cli(void **state)
{
	(void)state;
	char *out = NULL;
	assert_int_equal(run_agx("stats --json " FIX "nasty-bundle.json 2>/dev/null", &out), 0);
	assert_non_null(strstr(out, "\"indicates\": 6"));
	assert_non_null(strstr(out, "\"format\": \"stix2.0\""));
	free(out);
	assert_int_equal(run_agx("check --json " FIX "truncated.json " FIX "lone-object.csv 2>/dev/null",
				 &out),
			 1);
	assert_non_null(strstr(out, "\"code\": \"syntax\""));
	assert_non_null(strstr(out, "\"line\": 3"));
	assert_non_null(strstr(out, "\"path\": \"" FIX "lone-object.csv\""));
	free(out);
	assert_int_equal(run_agx("check " FIX "nasty-bundle.json 2>/dev/null", &out), 0);
	assert_non_null(strstr(out, "dangling-ref"));
	assert_non_null(strstr(out, "/objects/7 (relationship--00000000-0000-4000-8000-000000000004)"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nasty_bundle),
		cmocka_unit_test(test_lone_object_named_csv),
		cmocka_unit_test(test_empty_truncated_deep),
		cmocka_unit_test(test_spec_version_and_layouts),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_attack_enterprise),
		cmocka_unit_test(test_stately_taurus),
		cmocka_unit_test(test_sekoia_json_lines),
		cmocka_unit_test(test_oasis_examples),
		cmocka_unit_test(test_cli),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
