/* Fuzzes the filter line ("kind=domain conf>=50 since=2020-01-01"): parsed,
 * then applied to every node of a small graph; a refused line leaves the
 * filter as it was, and the text kept for the status line is bounded. */
#include "graph/graph.h"
#include "tests/fuzz/fuzz_common.h"
#include "tui/explorer/filter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static struct graph *g;
	if (!g) {
		g = graph_new();
		uint32_t f = graph_add_file(g, "x", "stix2.1");
		struct prov p = prov_empty(f);
		p.conf = 60;
		p.first = 18000;
		uint32_t a = graph_named_node(g, NODE_ACTOR, "Bear", f);
		uint32_t d = graph_node(g, NODE_DOMAIN, "evil.example.com", NULL, f);
		uint32_t ip = graph_node(g, NODE_IPV4, "10.1.2.3", NULL, f);
		graph_node_observe(g, d, &p);
		graph_add_edge(g, d, a, REL_INDICATES, &p, 0);
		graph_add_edge(g, ip, a, REL_INDICATES, &p, 0);
		graph_finish(g);
	}
	char *line = malloc(n + 1);
	memcpy(line, data, n);
	line[n] = '\0';
	struct filter f, before;
	filter_clear(&f);
	(void)filter_parse(&f, "kind=ipv4", NULL, 0);
	before = f;
	char err[256];
	if (filter_parse(&f, line, err, sizeof(err)) != 0) {
		if (memcmp(&f, &before, sizeof(f)))
			abort();
	} else if (!memchr(f.text, '\0', sizeof(f.text))) {
		abort();
	}
	(void)filter_active(&f);
	for (uint32_t i = 0; i < g->node_count; i++)
		(void)filter_node(&f, g, i, ~0u);
	free(line);
	return 0;
}
