/* Graphs for the export, subgraph and brief suites, built with the graph
 * API so they need no loader, and built in either order to check that the
 * order of the input files changes nothing.
 *
 * fixture_small(): two input files and these facts (hand-drawn):
 *
 *   a.json (TLP:GREEN, 2023-05-01)          b.json (TLP:AMBER, 2023-06-01)
 *   APT15 -uses(80)-> shared.example.com     BackdoorDiplomacy -uses(40)-> shared.example.com
 *   APT15 -uses(10)-> 203.0.113.7            BackdoorDiplomacy -uses-> Mimikatz
 *   APT15 -uses-> Mimikatz                   BackdoorDiplomacy -uses-> Turian
 *   Operation Tainted Love -attributed-to-> APT15   Turian -communicates-with(75)-> c2.turian.example
 *   Operation Tainted Love -uses-> 198.51.100.9     Ke3chang -uses(90)-> ke3.example.net
 *   HOSTILE -uses-> 203.0.113.7              (APT15 claims the alias Ke3chang: one unit)
 *
 * 12 nodes (11 once Ke3chang joins APT15), 11 edges. HOSTILE is the actor
 * name FIXTURE_HOSTILE, full of DOT, SVG and terminal syntax. */
#ifndef FIXTURE_GRAPH_H
#define FIXTURE_GRAPH_H
#include <stdint.h>
#include <stdlib.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/graph.h"

#define FIXTURE_HOSTILE "\x1b[1mEvil\"];<script>alert(1)</script>\\N\n&"

struct fixture_fact {
	int file; /* 0: a.json, 1: b.json */
	int kind_a;
	const char *a;
	const char *rel;
	int kind_b;
	const char *b;
	int conf; /* -1: not stated */
};

static const struct fixture_fact fixture_facts[] = {
	{0, NODE_ACTOR, "APT15", "uses", NODE_DOMAIN, "shared.example.com", 80},
	{0, NODE_ACTOR, "APT15", "uses", NODE_IPV4, "203.0.113.7", 10},
	{0, NODE_ACTOR, "APT15", "uses", NODE_TOOL, "Mimikatz", -1},
	{0, NODE_CAMPAIGN, "Operation Tainted Love", "attributed-to", NODE_ACTOR, "APT15", -1},
	{0, NODE_CAMPAIGN, "Operation Tainted Love", "uses", NODE_IPV4, "198.51.100.9", -1},
	{0, NODE_ACTOR, FIXTURE_HOSTILE, "uses", NODE_IPV4, "203.0.113.7", -1},
	{1, NODE_ACTOR, "BackdoorDiplomacy", "uses", NODE_DOMAIN, "shared.example.com", 40},
	{1, NODE_ACTOR, "BackdoorDiplomacy", "uses", NODE_TOOL, "Mimikatz", -1},
	{1, NODE_ACTOR, "BackdoorDiplomacy", "uses", NODE_MALWARE, "Turian", -1},
	{1, NODE_MALWARE, "Turian", "communicates-with", NODE_DOMAIN, "c2.turian.example", 75},
	{1, NODE_ACTOR, "Ke3chang", "uses", NODE_DOMAIN, "ke3.example.net", 90},
};
#define FIXTURE_NFACTS (sizeof(fixture_facts) / sizeof(fixture_facts[0]))

static inline uint32_t fixture_node(struct graph *g, int kind, const char *v, uint32_t file)
{
	if (kind_is_infra(kind))
		return graph_node(g, kind, v, v, file);
	return graph_named_node(g, kind, v, file);
}

static inline void fixture_fact_add(struct graph *g, const struct fixture_fact *f,
				    const uint32_t *files)
{
	uint32_t file = files[f->file];
	struct prov p = prov_empty(file);
	p.tlp = graph_file(g, file)->tlp;
	p.conf = f->conf < 0 ? CONF_UNKNOWN : (uint8_t)f->conf;
	uint32_t a = fixture_node(g, f->kind_a, f->a, file);
	uint32_t b = fixture_node(g, f->kind_b, f->b, file);
	graph_node_observe(g, a, &p);
	graph_node_observe(g, b, &p);
	graph_add_edge(g, a, b, graph_relation(g, f->rel), &p, 0);
}

/* reversed: files, facts and the alias claim in the opposite order. */
static inline struct graph *fixture_small(int reversed)
{
	struct graph *g = graph_new();
	uint32_t files[2];
	for (int i = 0; i < 2; i++) {
		int which = reversed ? 1 - i : i;
		files[which] = graph_add_file(g, which ? "b.json" : "a.json", "stix2.1");
		struct src_file *sf = graph_file(g, files[which]);
		sf->tlp = which ? TLP_AMBER : TLP_GREEN;
		sf->date = which ? date_from_ymd(2023, 6, 1) : date_from_ymd(2023, 5, 1);
	}
	for (size_t i = 0; i < FIXTURE_NFACTS; i++)
		fixture_fact_add(g, &fixture_facts[reversed ? FIXTURE_NFACTS - 1 - i : i], files);
	uint32_t apt15 = graph_find_named(g, NODE_ACTOR, "APT15");
	alias_claim(g, apt15, "Ke3chang", files[0]);
	graph_finish(g);
	alias_resolve(g, NULL);
	return g;
}

/* A graph shaped like real feeds (as Graphviz was measured with): a tenth actors,
 * the rest indicators linked to one or two actors, a tenth of those also to
 * another indicator. Deterministic for a given n. */
static inline struct graph *fixture_synthetic(size_t n)
{
	struct graph *g = graph_new();
	uint32_t file = graph_add_file(g, "synthetic.json", "stix2.1");
	graph_file(g, file)->date = date_from_ymd(2024, 1, 31);
	size_t nact = n / 10 ? n / 10 : 1;
	uint32_t *act = malloc(nact * sizeof(*act));
	char buf[64];
	for (size_t i = 0; i < nact; i++) {
		snprintf(buf, sizeof(buf), "APT-%zu", i);
		act[i] = graph_named_node(g, NODE_ACTOR, buf, file);
	}
	uint64_t s = 42;
	uint32_t prev = NODE_NONE;
	for (size_t i = nact; i < n; i++) {
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		uint32_t v;
		if (i % 3 == 0) {
			snprintf(buf, sizeof(buf), "host%zu.example.com", i);
			v = graph_node(g, NODE_DOMAIN, buf, buf, file);
		} else {
			snprintf(buf, sizeof(buf), "10.%zu.%zu.%zu", (i >> 16) & 255, (i >> 8) & 255,
				 i & 255);
			v = graph_node(g, NODE_IPV4, buf, buf, file);
		}
		struct prov p = prov_empty(file);
		p.conf = (uint8_t)((s >> 33) % 101);
		graph_add_edge(g, act[(s >> 20) % nact], v, REL_USES, &p, 0);
		if ((s >> 40) % 2)
			graph_add_edge(g, act[(s >> 45) % nact], v, REL_USES, &p, 0);
		if (prev != NODE_NONE && (s >> 50) % 10 == 0)
			graph_add_edge(g, v, prev, REL_RESOLVES_TO, &p, 0);
		prev = v;
	}
	free(act);
	graph_finish(g);
	alias_resolve(g, NULL);
	return g;
}
#endif
