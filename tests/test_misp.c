/* MISP event loader: a fixture of our own (wrappers, composite types,
 * objects, galaxies and tags, TLP, defanged and refused values) and real
 * ESET / PyMISP / Citizen Lab events, counts checked with python over the
 * files. Runs from the repository root. */
#include "tests/testutil.h"

#include "tests/loadtest.h"

#define FIX "tests/fixtures/misp/"

static void test_fixture_events(void **state)
{
	(void)state;
	struct loaded l;
	load_with(&l, FIX "two-events.json", NULL);
	struct graph *g = l.g;
	assert_int_equal(l.rc, 0);
	const struct src_file *f = &g->files[0];
	assert_string_equal(graph_str(g, f->format), "misp");
	/* 2 events, 11 + 1 attributes, 3 in objects, 1 unused object */
	assert_int_equal(f->objects, 18);
	assert_int_equal(f->skipped, 4); /* text, a /24, "not-an-ip", the pe object */
	assert_string_equal(graph_str(g, f->title), "Fixture op: webmail phishing");
	assert_int_equal(f->tlp, TLP_AMBER);
	assert_int_equal(f->date, date_parse("2023-05-06"));

	uint32_t ev = graph_find_named(g, NODE_REPORT, "Fixture op: webmail phishing");
	uint32_t ev2 = graph_find_named(g, NODE_REPORT, "Fixture op: unattributed scan");
	uint32_t actor = graph_find_named(g, NODE_ACTOR, "Fixture Bear");
	assert_int_not_equal(ev, NODE_NONE);
	assert_int_not_equal(actor, NODE_NONE);
	assert_int_equal(graph_by_source(g, "11111111-1111-4111-8111-111111111111"), ev);
	assert_int_equal(graph_by_source(g, "22222222-2222-4222-8222-222222222222"), actor);
	/* galaxy cluster and tag name one actor, with its synonyms */
	assert_int_equal(nodes_of(g, NODE_ACTOR), 1);
	assert_int_equal(alias_lookup(g, "Tundra Fixture"), actor);
	assert_int_not_equal(edge_between(g, ev, actor, REL_ATTRIBUTED_TO), UINT32_MAX);
	/* the actor uses the event's technique (keyed by T-id, not CAPEC) and tool */
	uint32_t t = graph_find(g, NODE_TECHNIQUE, "t1566");
	assert_int_not_equal(t, NODE_NONE);
	assert_string_equal(graph_node_label(g, t), "T1566 Phishing");
	assert_int_not_equal(edge_between(g, actor, t, REL_USES), UINT32_MAX);
	assert_int_not_equal(edge_between(g, actor, graph_find_named(g, NODE_TOOL, "FixtureLoader"),
					  REL_USES),
			     UINT32_MAX);

	/* defanged, trailing dot and case: one domain node, one mention */
	uint32_t d = graph_find(g, NODE_DOMAIN, "mail-login.example.net");
	assert_int_not_equal(d, NODE_NONE);
	uint32_t e = edge_between(g, ev, d, REL_MENTIONS);
	assert_int_not_equal(e, UINT32_MAX);
	const struct edge *ed = graph_edge_at(g, e);
	assert_int_equal(ed->report, ev);
	assert_int_equal(ed->tlp, TLP_AMBER);
	/* first_seen / last_seen of a1, timestamp of a2: the window widens */
	assert_int_equal(ed->first, date_parse("2023-03-01"));
	assert_int_equal(ed->last, date_parse("2023-04-05"));
	/* composites */
	uint32_t ip = graph_find(g, NODE_IPV4, "198.51.100.20");
	assert_int_not_equal(edge_between(g, d, ip, REL_RESOLVES_TO), UINT32_MAX);
	assert_int_not_equal(graph_find(g, NODE_IPV4, "198.51.100.21"), NODE_NONE);
	assert_int_not_equal(graph_find(g, NODE_DOMAIN, "c2.example.org"), NODE_NONE);
	assert_int_not_equal(graph_find(g, NODE_FILE, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
			     NODE_NONE);
	assert_int_equal(nodes_of(g, NODE_DOMAIN), 3);
	assert_int_equal(graph_find(g, NODE_DOMAIN, "blog.example.com"), NODE_NONE);
	/* objects: a certificate, a domain with its address */
	assert_int_not_equal(graph_find(g, NODE_X509, "aabbccddeeff00112233445566778899aabbccdd"), NODE_NONE);
	uint32_t cdn = graph_find(g, NODE_DOMAIN, "cdn.example.org");
	assert_int_not_equal(edge_between(g, cdn, graph_find(g, NODE_IPV4, "192.0.2.44"), REL_RESOLVES_TO),
			     UINT32_MAX);
	/* an attribute's own TLP tag */
	uint32_t mail = graph_find(g, NODE_EMAIL, "hr@example.org");
	assert_int_equal(graph_edge_at(g, edge_between(g, ev, mail, REL_MENTIONS))->tlp, TLP_RED);
	/* the second event has no actor and shares an address with the first */
	assert_int_not_equal(edge_between(g, ev2, ip, REL_MENTIONS), UINT32_MAX);
	assert_int_equal(edges_of(g, REL_MENTIONS), 10);
	assert_int_equal(edges_of(g, REL_ATTRIBUTED_TO), 1);

	assert_int_equal(diags_of(&l.d, DIAG_WARNING, D_VALUE), 1);
	assert_int_equal(diags_of(&l.d, DIAG_QUIRK, D_REFANGED), 1);
	assert_int_equal(diags_of(&l.d, DIAG_QUIRK, D_UNKNOWN_TYPE), 3);
	for (size_t i = 0; i < l.d.count; i++)
		if (l.d.items[i].code == D_VALUE)
			assert_string_equal(l.d.items[i].where, "/response/0/Event/Attribute/9");
	unload(&l);
}

static void test_backdoordiplomacy(void **state)
{
	(void)state;
	const char *p =
		corpus_or_skip("eset-malware-ioc/backdoordiplomacy/misp.event_2021-06-10_backdoordiplomacy.json");
	struct loaded l;
	load_with(&l, p, NULL);
	struct graph *g = l.g;
	assert_int_equal(l.rc, 0);
	/* 22 md5 + 22 sha1 + 22 sha256 (66 distinct) + 1 link; no network
	 * attributes and no galaxy (SOURCE.md) */
	assert_int_equal(g->files[0].objects, 68);
	assert_int_equal(g->files[0].skipped, 0);
	assert_int_equal(nodes_of(g, NODE_FILE), 66);
	assert_int_equal(nodes_of(g, NODE_ACTOR), 0);
	uint32_t ev = graph_find_named(g, NODE_REPORT, "BackdoorDiplomacy: Upgrading from Quarian to Turian");
	assert_int_not_equal(ev, NODE_NONE);
	assert_int_equal(edges_of(g, REL_MENTIONS), 66);
	assert_int_equal(g->files[0].date, date_parse("2021-06-07"));
	uint32_t refs[4];
	assert_true(graph_attrs(g, ev, ATTR_REFERENCE, refs, 4) >= 2); /* the link and the org */
	unload(&l);
}

static void test_oceanlotus_and_lazarus(void **state)
{
	(void)state;
	const char *p = corpus_or_skip("eset-malware-ioc/oceanlotus/oceanlotus-wateringhole-2018.misp.event.json");
	struct loaded l;
	load_with(&l, p, NULL);
	struct graph *g = l.g;
	/* 49 domain|ip (49 domains, 47 addresses) + 21 domains = 70 distinct
	 * domains; the url is the blog post (External analysis): a reference */
	assert_int_equal(nodes_of(g, NODE_DOMAIN), 70);
	assert_int_equal(nodes_of(g, NODE_IPV4), 47);
	assert_int_equal(nodes_of(g, NODE_URL), 0);
	assert_int_equal(edges_of(g, REL_RESOLVES_TO), 49);
	uint32_t apt32 = graph_find_named(g, NODE_ACTOR, "APT32");
	assert_int_not_equal(apt32, NODE_NONE);
	uint32_t ev = graph_find_named(g, NODE_REPORT, "OceanLotus - WateringHole - Framework B 2018");
	assert_int_not_equal(edge_between(g, ev, apt32, REL_ATTRIBUTED_TO), UINT32_MAX);
	unload(&l);

	p = corpus_or_skip("eset-malware-ioc/nukesped_lazarus/lazarus_3cx.json");
	load_with(&l, p, NULL);
	g = l.g;
	/* 17 objects: domain-ip 5, url 3, file 4 used; elf 3, av-signature 2 not */
	uint32_t laz = graph_find_named(g, NODE_ACTOR, "Lazarus Group");
	assert_int_not_equal(laz, NODE_NONE);
	assert_int_equal(nodes_of(g, NODE_TECHNIQUE), 20);
	struct adj a = graph_adj(g, laz);
	size_t uses = 0;
	for (uint32_t i = 0; i < a.count; i++)
		uses += graph_edge_at(g, a.edges[i])->rel == REL_USES;
	assert_int_equal(uses, 20);
	assert_int_not_equal(graph_find(g, NODE_DOMAIN, "journalide.org"), NODE_NONE);
	assert_int_not_equal(graph_find(g, NODE_IPV4, "23.254.211.230"), NODE_NONE);
	assert_int_not_equal(graph_find(g, NODE_URL, "https://od.lk/d/NTJfMzg4MDE1NzJf/vxmedia"), NODE_NONE);
	unload(&l);
}

static void test_trailing_comma_file(void **state)
{
	(void)state;
	const char *bad = corpus_or_skip("eset-malware-ioc/pypi_backdoor/malicious_pypi_packages.misp-event.json");
	struct loaded l;
	load_with(&l, bad, NULL);
	assert_int_equal(l.rc, -1);
	assert_int_equal(diags_of(&l.d, DIAG_ERROR, D_SYNTAX), 1);
	/* "},\n        ]" : the ']' after the trailing comma */
	assert_int_equal(l.d.items[0].line, 37374);
	assert_int_equal(l.d.items[0].col, 9);
	unload(&l);

	/* the CLI: exit 1, the error in editor form, the other file loaded */
	const char *good =
		corpus_or_skip("eset-malware-ioc/backdoordiplomacy/misp.event_2021-06-10_backdoordiplomacy.json");
	char cmd[2048], errpath[1100], *out = NULL;
	snprintf(errpath, sizeof(errpath), "%s/stderr", test_tmpdir("misp-cli"));
	snprintf(cmd, sizeof(cmd), "stats --json '%s' '%s' 2>%s", bad, good, errpath);
	assert_int_equal(run_agx(cmd, &out), 1);
	assert_non_null(strstr(out, "\"objects\": 68"));
	free(out);
	char *err = read_file_all(errpath, NULL);
	assert_non_null(err);
	assert_non_null(strstr(err, "malicious_pypi_packages.misp-event.json:37374:9: error:"));
	free(err);
}

static void test_fragments_and_wrappers(void **state)
{
	(void)state;
	/* fragments that are not events: a warning each, no crash, no error */
	static const char *const frags[] = {
		"pymisp-testfiles/tests/mispevent_testfiles/simple.json",
		"pymisp-testfiles/tests/mispevent_testfiles/sighting.json",
		"pymisp-testfiles/tests/mispevent_testfiles/event_obj_tag.json",
		"misp-galaxy/galaxies/threat-actor.json",
	};
	for (size_t i = 0; i < sizeof(frags) / sizeof(frags[0]); i++) {
		const char *p = corpus_or_skip(frags[i]);
		struct loaded l;
		load_with(&l, p, "misp");
		assert_int_equal(l.rc, 0);
		assert_true(l.d.counts[DIAG_WARNING] >= 1);
		unload(&l);
	}
	/* a bare event, {"Event": ...}, {"response": [...]}, attributes outside
	 * an event */
	struct loaded l;
	load_with(&l, corpus_or_skip("pymisp-testfiles/tests/mispevent_testfiles/event.json"), NULL);
	assert_int_not_equal(graph_find_named(l.g, NODE_REPORT, "This is a test"), NODE_NONE);
	unload(&l);
	load_with(&l, corpus_or_skip("citizenlab-malware-indicators/201705_TaintedLeaks/misp.json"), NULL);
	/* 6 domain, 3 ip-dst, 3 email-src: the same 12 as its CSV, OpenIOC and STIX */
	assert_int_equal(nodes_of(l.g, NODE_DOMAIN), 6);
	assert_int_equal(nodes_of(l.g, NODE_IPV4), 3);
	assert_int_equal(nodes_of(l.g, NODE_EMAIL), 3);
	unload(&l);
	load_with(&l, corpus_or_skip("misp-stix-testfiles/tests/test_events_collection_1.json"), NULL);
	assert_int_equal(nodes_of(l.g, NODE_REPORT), 2);
	unload(&l);
	load_with(&l, corpus_or_skip("misp-stix-testfiles/tests/test_attributes_collection_1.json"), NULL);
	assert_int_equal(nodes_of(l.g, NODE_REPORT), 1);
	assert_int_not_equal(graph_find(l.g, NODE_ASN, "AS174"), NODE_NONE);
	assert_int_equal(diags_of(&l.d, DIAG_WARNING, D_FORMAT), 1);
	unload(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_events),
		cmocka_unit_test(test_backdoordiplomacy),
		cmocka_unit_test(test_oceanlotus_and_lazarus),
		cmocka_unit_test(test_trailing_comma_file),
		cmocka_unit_test(test_fragments_and_wrappers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
