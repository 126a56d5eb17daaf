/* The graph core: interning, nodes keyed by (kind, key), edges merged by
 * (src, dst, relation, file), adjacency, attributes, relations, memory. */
#include "tests/testutil.h"

#include "graph/date.h"
#include "graph/graph.h"
#include "graph/intern.h"
#include "graph/observable.h"
#include "graph/u64map.h"

static void test_intern_dedups_and_keeps_pointers(void **state)
{
	(void)state;
	struct intern *in = intern_new();
	uint32_t a = intern_puts(in, "web.vpnkerio.com");
	const char *p = intern_str(in, a);
	/* force many chunks and rehashes; p must stay valid */
	char buf[32];
	for (int i = 0; i < 200000; i++) {
		snprintf(buf, sizeof(buf), "v%d.example", i);
		intern_puts(in, buf);
	}
	assert_int_equal(intern_puts(in, "web.vpnkerio.com"), a);
	assert_string_equal(p, "web.vpnkerio.com");
	assert_ptr_equal(intern_str(in, a), p);
	assert_int_equal(intern_count(in), 200002); /* + "" at id 0 */
	assert_int_equal(intern_find(in, "nope", 4), UINT32_MAX);
	assert_string_equal(intern_str(in, 0), "");
	/* embedded NUL bytes are part of the string */
	uint32_t x = intern_put(in, "a\0b", 3), y = intern_put(in, "a\0c", 3);
	assert_int_not_equal(x, y);
	assert_int_equal(intern_len(in, x), 3);
	intern_free(in);
}

static void test_u64map(void **state)
{
	(void)state;
	struct u64map m;
	u64map_init(&m);
	for (uint32_t i = 0; i < 100000; i++)
		u64map_set(&m, u64_pair(i % 7, i), i * 3);
	for (uint32_t i = 0; i < 100000; i++)
		assert_int_equal(u64map_get(&m, u64_pair(i % 7, i)), i * 3);
	assert_int_equal(u64map_get(&m, u64_pair(9, 9)), U64MAP_NONE);
	assert_int_equal(u64map_get_or_set(&m, 5, 1), U64MAP_NONE);
	assert_int_equal(u64map_get_or_set(&m, 5, 2), 1);
	assert_int_equal(m.count, 100001);
	u64map_free(&m);
}

static void test_nodes_keyed_by_kind_and_key(void **state)
{
	(void)state;
	struct graph *g = graph_new();
	uint32_t f = graph_add_file(g, "a.json", "stix2");
	uint32_t d = graph_node(g, NODE_DOMAIN, "example.com", NULL, f);
	uint32_t d2 = graph_node(g, NODE_DOMAIN, "example.com", "ignored", f);
	uint32_t u = graph_node(g, NODE_URL, "example.com", NULL, f);
	assert_int_equal(d, d2);
	assert_int_not_equal(d, u); /* same text, other kind: another node */
	assert_string_equal(graph_node_label(g, d), "example.com");
	assert_int_equal(graph_find(g, NODE_DOMAIN, "example.com"), d);
	assert_int_equal(graph_find(g, NODE_IPV4, "example.com"), NODE_NONE);
	/* named kinds match case- and space-insensitively */
	uint32_t a = graph_named_node(g, NODE_ACTOR, "APT 15", f);
	assert_int_equal(graph_named_node(g, NODE_ACTOR, "apt15", f), a);
	assert_int_equal(graph_find_named(g, NODE_ACTOR, "Apt-15"), a);
	assert_string_equal(graph_node_label(g, a), "APT 15"); /* first spelling shown */
	assert_int_not_equal(graph_named_node(g, NODE_ACTOR, "APT 28", f),
			     graph_named_node(g, NODE_ACTOR, "APT 29", f));
	graph_free(g);
}

static void test_edges_merge_per_file_and_keep_provenance(void **state)
{
	(void)state;
	struct graph *g = graph_new();
	uint32_t f1 = graph_add_file(g, "one.txt", "ioc-list");
	uint32_t f2 = graph_add_file(g, "two.txt", "ioc-list");
	uint32_t a = graph_named_node(g, NODE_ACTOR, "Quarian", f1);
	uint32_t v = graph_node(g, NODE_DOMAIN, "pmdskm.top", NULL, f1);
	struct prov p = prov_empty(f1);
	p.first = date_from_ymd(2020, 1, 1);
	p.last = date_from_ymd(2020, 2, 1);
	p.conf = 40;
	p.obj = graph_intern(g, "line 3");
	uint32_t e1 = graph_add_edge(g, v, a, REL_INDICATES, &p, 0);
	/* the same fact again in the same file (a duplicated line): merged,
	 * window widened, strongest confidence kept */
	p.first = date_from_ymd(2019, 6, 1);
	p.last = date_from_ymd(2020, 1, 15);
	p.conf = 80;
	uint32_t e2 = graph_add_edge(g, v, a, REL_INDICATES, &p, 0);
	assert_int_equal(e1, e2);
	const struct edge *e = graph_edge_at(g, e1);
	assert_int_equal(e->first, date_from_ymd(2019, 6, 1));
	assert_int_equal(e->last, date_from_ymd(2020, 2, 1));
	assert_int_equal(e->conf, 80);
	assert_string_equal(graph_str(g, e->obj), "line 3");
	/* from another file it is another piece of evidence */
	struct prov p2 = prov_empty(f2);
	uint32_t e3 = graph_add_edge(g, v, a, REL_INDICATES, &p2, 0);
	assert_int_not_equal(e1, e3);
	assert_int_equal(g->edge_count, 2);
	assert_int_equal(graph_edge_at(g, e3)->conf, CONF_UNKNOWN);
	assert_int_equal(graph_edge_at(g, e3)->report, NODE_NONE);
	graph_free(g);
}

static void test_partial_edge_upgraded_by_exact_statement(void **state)
{
	(void)state;
	struct graph *g = graph_new();
	uint32_t f = graph_add_file(g, "x.ioc", "openioc");
	uint32_t r = graph_named_node(g, NODE_REPORT, "IOC", f);
	uint32_t v = graph_node(g, NODE_DOMAIN, "evil.example", NULL, f);
	struct prov p = prov_empty(f);
	uint32_t e = graph_add_edge(g, r, v, REL_MENTIONS, &p, EDGE_F_PARTIAL);
	assert_true(graph_edge_at(g, e)->flags & EDGE_F_PARTIAL);
	graph_add_edge(g, r, v, REL_MENTIONS, &p, 0);
	assert_false(graph_edge_at(g, e)->flags & EDGE_F_PARTIAL);
	graph_free(g);
}

static void test_adjacency_both_directions_sorted(void **state)
{
	(void)state;
	struct graph *g = graph_new();
	uint32_t f = graph_add_file(g, "t", "stix2");
	struct prov p = prov_empty(f);
	uint32_t actor = graph_named_node(g, NODE_ACTOR, "A", f);
	uint32_t camp = graph_named_node(g, NODE_CAMPAIGN, "C", f);
	uint32_t mal = graph_named_node(g, NODE_MALWARE, "M", f);
	uint32_t dom = graph_node(g, NODE_DOMAIN, "d.example", NULL, f);
	graph_add_edge(g, dom, actor, REL_INDICATES, &p, 0);
	graph_add_edge(g, actor, mal, REL_USES, &p, 0);
	graph_add_edge(g, camp, actor, REL_ATTRIBUTED_TO, &p, 0);
	graph_finish(g);
	struct adj a = graph_adj(g, actor);
	assert_int_equal(a.count, 3);
	/* sorted by relation id: uses < attributed-to < indicates */
	assert_int_equal(graph_edge_at(g, a.edges[0])->rel, REL_USES);
	assert_int_equal(graph_edge_other(g, a.edges[0], actor), mal);
	assert_int_equal(graph_edge_at(g, a.edges[1])->rel, REL_ATTRIBUTED_TO);
	assert_int_equal(graph_edge_other(g, a.edges[1], actor), camp);
	assert_int_equal(graph_edge_other(g, a.edges[2], actor), dom);
	assert_int_equal(graph_adj(g, dom).count, 1);
	/* adding after finish marks the index stale; finishing again sees it */
	graph_add_edge(g, mal, dom, REL_COMMUNICATES_WITH, &p, 0);
	graph_finish(g);
	assert_int_equal(graph_adj(g, dom).count, 2);
	graph_free(g);
}

static void test_relations_builtin_and_registered(void **state)
{
	(void)state;
	struct graph *g = graph_new();
	assert_int_equal(graph_relation(g, "uses"), REL_USES);
	assert_int_equal(graph_relation(g, "Attributed-To"), REL_ATTRIBUTED_TO);
	int r = graph_relation(g, "x-custom-links");
	assert_true(r >= REL_BUILTIN_COUNT);
	assert_int_equal(graph_relation(g, "x-custom-links"), r);
	assert_string_equal(graph_relation_name(g, r), "x-custom-links");
	assert_string_equal(graph_relation_name(g, REL_HAS_HOST), "has-host");
	graph_free(g);
}

static void test_attributes_and_sources(void **state)
{
	(void)state;
	struct graph *g = graph_new();
	uint32_t f = graph_add_file(g, "t", "stix2");
	uint32_t a = graph_named_node(g, NODE_ACTOR, "APT1", f);
	graph_add_attr(g, a, ATTR_REFERENCE, "Mandiant: https://example.org/apt1", f);
	graph_add_attr(g, a, ATTR_REFERENCE, "Mandiant: https://example.org/apt1", f);
	graph_add_attr(g, a, ATTR_EXTERNAL_ID, "G0006", f);
	graph_bind_source(g, "intrusion-set--6d5f2d4e-4c5b-4f8a-9c1a-3f6a5e4f7b10", a);
	graph_finish(g);
	uint32_t v[4];
	assert_int_equal(graph_attrs(g, a, ATTR_REFERENCE, v, 4), 1); /* deduplicated */
	assert_int_equal(graph_attrs(g, a, ATTR_EXTERNAL_ID, v, 4), 1);
	assert_string_equal(graph_str(g, v[0]), "G0006");
	assert_int_equal(graph_by_source(g, "intrusion-set--6d5f2d4e-4c5b-4f8a-9c1a-3f6a5e4f7b10"), a);
	assert_int_equal(graph_by_source(g, "intrusion-set--missing"), NODE_NONE);
	graph_free(g);
}

static void test_observable_url_adds_host(void **state)
{
	(void)state;
	struct graph *g = graph_new();
	uint32_t f = graph_add_file(g, "t", "ioc-list");
	struct prov p = prov_empty(f);
	struct diag_list d;
	diag_init(&d);
	uint32_t u = obs_add(g, -1, "hxxps://update.adboeonline[.]net/a/b?c=1", 40, &p, &d, NULL);
	assert_int_not_equal(u, NODE_NONE);
	assert_int_equal(graph_node_at(g, u)->kind, NODE_URL);
	uint32_t h = graph_find(g, NODE_DOMAIN, "update.adboeonline.net");
	assert_int_not_equal(h, NODE_NONE);
	graph_finish(g);
	struct adj a = graph_adj(g, h);
	assert_int_equal(a.count, 1);
	assert_int_equal(graph_edge_at(g, a.edges[0])->rel, REL_HAS_HOST);
	assert_true(graph_edge_at(g, a.edges[0])->flags & EDGE_F_DERIVED);
	/* the refanging is reported as a quirk, a bad value as a warning */
	assert_int_equal(d.counts[DIAG_QUIRK], 1);
	assert_int_equal(d.items[0].code, D_REFANGED);
	assert_int_equal(obs_add(g, NODE_DOMAIN, "not a domain", 12, &p, &d, NULL), NODE_NONE);
	assert_int_equal(d.counts[DIAG_WARNING], 1);
	assert_int_equal(d.items[1].code, D_VALUE);
	diag_free(&d);
	graph_free(g);
}

static void test_scale_bytes_per_item(void **state)
{
	(void)state;
	/* a million nodes and edges: no allocation per element, so this is quick
	 * and the arrays stay at their struct sizes */
	struct graph *g = graph_new();
	uint32_t f = graph_add_file(g, "synthetic", "stix2");
	struct prov p = prov_empty(f);
	char key[32];
	uint32_t prev = graph_named_node(g, NODE_ACTOR, "hub", f);
	for (int i = 0; i < 1000000; i++) {
		snprintf(key, sizeof(key), "10.%d.%d.%d", (i >> 16) & 255, (i >> 8) & 255, i & 255);
		uint32_t n = graph_node(g, NODE_IPV4, key, NULL, f);
		graph_add_edge(g, n, prev, REL_INDICATES, &p, 0);
	}
	graph_finish(g);
	assert_int_equal(g->node_count, 1000001);
	assert_int_equal(g->edge_count, 1000000);
	assert_int_equal(graph_adj(g, prev).count, 1000000);
	assert_int_equal(sizeof(struct node), 24);
	assert_int_equal(sizeof(struct edge), 32);
	struct graph_mem m;
	graph_memory(g, &m);
	print_message("graph of 1M nodes + 1M edges: %.1f MiB (%.0f bytes per node+edge)\n",
		      m.total / 1048576.0, (double)m.total / 1000000.0);
	assert_true(m.total < 200u * 1024 * 1024);
	graph_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intern_dedups_and_keeps_pointers),
		cmocka_unit_test(test_u64map),
		cmocka_unit_test(test_nodes_keyed_by_kind_and_key),
		cmocka_unit_test(test_edges_merge_per_file_and_keep_provenance),
		cmocka_unit_test(test_partial_edge_upgraded_by_exact_statement),
		cmocka_unit_test(test_adjacency_both_directions_sorted),
		cmocka_unit_test(test_relations_builtin_and_registered),
		cmocka_unit_test(test_attributes_and_sources),
		cmocka_unit_test(test_observable_url_adds_host),
		cmocka_unit_test(test_scale_bytes_per_item),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
