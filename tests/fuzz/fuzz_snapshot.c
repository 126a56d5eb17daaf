/* Fuzzes the snapshot reader (graph/snapshot.c): the input is a snapshot
 * file, opened under the key "fuzz". Whatever it holds, the open refuses it
 * or gives a graph that can be walked: every node's label and key, its
 * adjacency and attributes, alias units, lookups, every diagnostic.
 *
 * Seeds: LLVMFuzzerInitialize writes a real snapshot (of the fixtures'
 * galaxy pair and a bundle with diagnostics) into $FUZZ_SEED_DIR when set,
 * as tests/fuzz/run.sh does. */
#include <stdlib.h>

#include "graph/alias.h"
#include "graph/diag.h"
#include "graph/graph.h"
#include "graph/snapshot.h"
#include "loaders/load.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *dir = getenv("FUZZ_SEED_DIR");
	if (!dir)
		return 0;
	static const char *const inputs[] = {"tests/fixtures/galaxy",
					     "tests/fixtures/stix2/nasty-bundle.json",
					     "tests/fixtures/misp/two-events.json"};
	struct graph *g = graph_new();
	struct diag_list d;
	diag_init(&d);
	struct load_opts o = {.as_name = NULL};
	int rc = 0;
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
		rc |= load_path(g, inputs[i], &o, &d);
	graph_finish(g);
	alias_report_ambiguous(g, &d);
	char path[600], err[256];
	snprintf(path, sizeof(path), "%s/built.snap", dir);
	if (snapshot_write(path, "fuzz", g, &d, rc, err, sizeof(err)) != 0)
		fprintf(stderr, "fuzz_snapshot: no seed: %s\n", err);
	graph_free(g);
	diag_free(&d);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct graph *g;
	struct diag_list d;
	diag_init(&d);
	if (snapshot_open_bytes(data, n, "fuzz", &g, &d, NULL) != SNAP_OK)
		return 0;
	uint32_t vals[4];
	for (size_t i = 0; i < g->node_count; i++) {
		uint32_t id = (uint32_t)i;
		(void)graph_node_label(g, id);
		const char *key = graph_node_key(g, id);
		(void)graph_find(g, g->nodes[i].kind, key);
		struct adj a = graph_adj(g, id);
		for (uint32_t k = 0; k < a.count; k++)
			(void)graph_edge_other(g, a.edges[k], id);
		for (int t = 0; t < ATTR_COUNT; t++)
			(void)graph_attrs(g, id, t, vals, 4);
		if (g->nodes[i].kind == NODE_ACTOR)
			(void)alias_unit(g, id);
	}
	for (size_t i = 0; i < g->edge_count; i++)
		(void)graph_by_source(g, graph_str(g, g->edges[i].obj));
	for (size_t i = 0; i < d.count; i++)
		free(diag_format(&d.items[i], graph_file_path(g, d.items[i].file)));
	/* and it takes more, as a loaded graph does */
	graph_named_node(g, NODE_ACTOR, "Fuzz Added Actor", 0);
	graph_finish(g);
	graph_free(g);
	diag_free(&d);
	return 0;
}
