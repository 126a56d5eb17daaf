/* The Public Suffix List (graph/pubsuffix.h, libpsl) and what it decides:
 * the registrable part of a name, which names are suffixes, which labels
 * are TLDs, and through them the near misses of `agx why` (look-alikes on
 * registrable parts, subdomains that stop at a suffix). The answers are
 * the list's rules as published (publicsuffix.org; Debian's package). */
#include "tests/testutil.h"

#include "graph/date.h"
#include "graph/graph.h"
#include "graph/observable.h"
#include "graph/overlap.h"
#include "graph/pubsuffix.h"

static void test_registrable(void **state)
{
	(void)state;
	/* ICANN rules of one, two and wildcard depth */
	assert_string_equal(pubsuffix_registrable("a.b.example.com"), "example.com");
	assert_string_equal(pubsuffix_registrable("a.b.example.co.uk"), "example.co.uk");
	assert_string_equal(pubsuffix_registrable("www.city.kyoto.jp"), "city.kyoto.jp");
	assert_string_equal(pubsuffix_registrable("x.shop.example.bd"),
			    "shop.example.bd"); /* *.bd */
	/* private section: each name under these is a registration of its own */
	assert_string_equal(pubsuffix_registrable("c2.evil.duckdns.org"), "evil.duckdns.org");
	assert_string_equal(pubsuffix_registrable("x.y.github.io"), "y.github.io");
	/* A-labels, as names are keyed */
	assert_string_equal(pubsuffix_registrable("a.xn--e1afmkfd.xn--p1ai"),
			    "xn--e1afmkfd.xn--p1ai");
	/* a suffix, or a single label, is its own answer */
	assert_string_equal(pubsuffix_registrable("co.uk"), "co.uk");
	assert_string_equal(pubsuffix_registrable("localhost"), "localhost");
	/* an unknown TLD: the implicit "*" rule, one label */
	assert_string_equal(pubsuffix_registrable("a.xn--bcher-kva.example"),
			    "xn--bcher-kva.example");
}

static void test_suffixes_and_tlds(void **state)
{
	(void)state;
	assert_true(pubsuffix_is_suffix("com"));
	assert_true(pubsuffix_is_suffix("co.uk"));
	assert_true(pubsuffix_is_suffix("duckdns.org"));
	assert_true(pubsuffix_is_suffix("github.io"));
	assert_false(pubsuffix_is_suffix("example.com"));
	assert_false(pubsuffix_is_suffix("evil.duckdns.org"));
	assert_false(pubsuffix_is_suffix("example")); /* only by the implicit rule */
	assert_true(pubsuffix_is_tld("com"));
	assert_true(pubsuffix_is_tld("uk"));
	assert_true(pubsuffix_is_tld("xn--p1ai"));
	assert_true(pubsuffix_is_tld("zip"));
	assert_true(pubsuffix_is_tld("bd")); /* listed only as "*.bd" */
	assert_false(pubsuffix_is_tld("co.uk"));
	assert_false(pubsuffix_is_tld("example"));
	assert_false(pubsuffix_is_tld("exe"));
	assert_false(pubsuffix_is_tld("local"));
	assert_false(pubsuffix_is_tld(""));
}

static struct graph *g;

static void ind(const char *value, uint32_t who)
{
	struct prov p = prov_empty(0);
	uint32_t v = obs_add(g, -1, value, strlen(value), &p, NULL, NULL);
	assert_int_not_equal(v, NODE_NONE);
	graph_add_edge(g, v, who, REL_INDICATES, &p, 0);
}

/* How many near misses of pair (A, B) have a_key, b_key and why holding
 * what. */
static int near_count(const struct near_miss *near, size_t nn, const char *a_key, const char *b_key,
		      const char *what)
{
	int k = 0;
	for (size_t i = 0; i < nn; i++)
		k += !strcmp(graph_node_key(g, near[i].value_a), a_key) &&
		     !strcmp(graph_node_key(g, near[i].value_b), b_key) &&
		     strstr(near[i].why, what) != NULL;
	return k;
}

/* Near misses decided by the list. The approximate rule before (the last
 * two labels, three under a few generic second levels of a ccTLD) saw the
 * two duckdns.org names and the two kyoto.jp names as one registrable
 * part and listed nothing, and took x.github.io for a subdomain of the
 * other unit's github.io. */
static void test_near_misses(void **state)
{
	(void)state;
	g = graph_new();
	graph_add_file(g, "tests/hand-built.json", "stix2");
	uint32_t a = graph_named_node(g, NODE_ACTOR, "Alpha", 0);
	uint32_t b = graph_named_node(g, NODE_ACTOR, "Beta", 0);
	ind("27.102.113.240", a); /* one shared value, so the pair exists */
	ind("27.102.113.240", b);
	ind("c2.evil-one.duckdns.org", a);
	ind("evil-onf.duckdns.org", b);
	ind("offices-analytics.kyoto.jp", a);
	ind("officesanalytics.kyoto.jp", b);
	ind("x.github.io", a);
	ind("github.io", b);
	ind("a.b.evil.example.co.uk", a);
	ind("evil.example.co.uk", b);
	graph_finish(g);
	struct overlap_opts o;
	overlap_opts_default(&o);
	struct overlap *ov = overlap_compute(g, &o);
	struct evidence *ev;
	struct near_miss *near;
	size_t nn;
	size_t n = overlap_why(ov, overlap_unit_find(ov, "Alpha"), overlap_unit_find(ov, "Beta"),
			       &ev, &near, &nn);
	assert_int_equal(n, 1);
	assert_int_equal(near_count(near, nn, "c2.evil-one.duckdns.org", "evil-onf.duckdns.org",
				    "look-alike domain (1 edit)"),
			 1);
	assert_int_equal(near_count(near, nn, "offices-analytics.kyoto.jp",
				    "officesanalytics.kyoto.jp", "look-alike domain (1 edit)"),
			 1);
	assert_int_equal(near_count(near, nn, "a.b.evil.example.co.uk", "evil.example.co.uk",
				    "subdomain of the other's domain"),
			 1);
	assert_int_equal(near_count(near, nn, "x.github.io", "github.io", "subdomain"), 0);
	assert_int_equal(nn, 3);
	free(ev);
	free(near);
	overlap_free(ov);
	graph_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_registrable),
	    cmocka_unit_test(test_suffixes_and_tlds),
	    cmocka_unit_test(test_near_misses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
