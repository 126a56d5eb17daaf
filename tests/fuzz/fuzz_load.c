/* Fuzzes a loader: the input is written to a file and loaded with load_path,
 * with the format forced (FUZZ_FORMAT, e.g. "stix2") or detected (no
 * FUZZ_FORMAT: format_detect on the head, the file's extension picked from
 * the input's length so extension rules are reached too). Every diagnostic
 * is formatted, as `agx check` does, and must carry no raw control byte. */
#include "graph/diag.h"
#include "graph/graph.h"
#include "loaders/load.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
#ifdef FUZZ_FORMAT
	const char *name = "input";
	struct load_opts o = {.format = FUZZ_FORMAT, .as_name = "Fuzz Actor"};
#else
	static const char *const names[] = {"input", "input.csv", "input.txt", "input.md",
					    "input.json"};
	const char *name = names[n % 5];
	struct load_opts o = {.as_name = NULL};
	(void)format_detect((const char *)data, n, name);
#endif
	const char *path = fuzz_write(name, data, n);
	struct graph *g = graph_new();
	struct diag_list d;
	diag_init(&d);
	(void)load_path(g, path, &o, &d);
	graph_finish(g);
	for (size_t i = 0; i < d.count; i++) {
		char *s = diag_format(&d.items[i], graph_file_path(g, d.items[i].file));
		for (const char *p = s; *p; p++)
			if ((unsigned char)*p < 0x20 || (unsigned char)*p == 0x7f)
				abort(); /* a raw control byte would reach the terminal */
		free(s);
	}
	for (size_t i = 0; i < g->node_count; i++)
		(void)graph_node_label(g, (uint32_t)i);
	diag_free(&d);
	graph_free(g);
	return 0;
}
