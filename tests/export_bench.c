/* Times one export of a synthetic graph (tests/fixture_graph.h), for the
 * dot/sfdp switch point and the numbers in issue 5's closing note. Not a
 * test: build it with `make build/release/tests/export_bench`, then
 *     /usr/bin/time -f '%e s %M KB' build/release/tests/export_bench N FORMAT [ENGINE] [OUT]
 * It prints the layout+render time of the export call alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph/export_gv.h"
#include "graph/subgraph.h"
#include "tests/fixture_graph.h"

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s N svg|png|pdf|dot [ENGINE] [OUT]\n", argv[0]);
		return 2;
	}
	size_t n = strtoul(argv[1], NULL, 10);
	struct graph *g = fixture_synthetic(n);
	struct sg_spec spec = {.view = SG_VIEW_ALL, .max_nodes = n + 1};
	struct subgraph sg;
	char err[512];
	if (subgraph_build(g, NULL, &spec, &sg, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	struct export_opts o = {.format = export_gv_format_from_name(argv[2]),
				.layout = argc > 3 && strcmp(argv[3], "-") ? argv[3] : NULL};
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char *data;
	size_t len;
	int rc = export_gv_render(g, &sg, &o, &data, &len, err, sizeof(err));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc != EXPORT_OK) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	printf("nodes %zu edges %zu engine %s export %.3f s bytes %zu\n", sg.nnodes, sg.nedges,
	       o.layout ? o.layout : export_gv_engine_for(sg.nnodes),
	       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, len);
	if (argc > 4) {
		FILE *f = fopen(argv[4], "wb");
		if (f) {
			fwrite(data, 1, len, f);
			fclose(f);
		}
	}
	free(data);
	subgraph_free(&sg);
	graph_free(g);
	return 0;
}
