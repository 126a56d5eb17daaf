/* Fuzzes the --aliases reader on a graph holding a few actors: lines of
 * "Name = Alias, Alias" with comments, merged and resolved; every
 * diagnostic, formatted as agx prints it, carries no raw control byte. */
#include "graph/alias.h"
#include "graph/diag.h"
#include "graph/graph.h"
#include "loaders/aliasfile.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static const char *const actors[] = {"APT15", "Ke3chang", "BackdoorDiplomacy",
					     "APT 41", "Wicked Panda", "x"};
	const char *path = fuzz_write("aliases.txt", data, n);
	struct graph *g = graph_new();
	uint32_t file = graph_add_file(g, "data.json", "stix2.1");
	for (size_t i = 0; i < sizeof(actors) / sizeof(actors[0]); i++)
		graph_named_node(g, NODE_ACTOR, actors[i], file);
	struct diag_list d;
	diag_init(&d);
	(void)aliasfile_load(g, path, 0, &d);
	graph_finish(g);
	alias_report_ambiguous(g, &d);
	for (size_t i = 0; i < d.count; i++) {
		char *s = diag_format(&d.items[i], graph_file_path(g, d.items[i].file));
		for (const char *p = s; *p; p++)
			if ((unsigned char)*p < 0x20 || (unsigned char)*p == 0x7f)
				abort();
		free(s);
	}
	for (size_t i = 0; i < sizeof(actors) / sizeof(actors[0]); i++)
		(void)alias_lookup(g, actors[i]);
	diag_free(&d);
	graph_free(g);
	return 0;
}
