/* The agx commands: one table gives each its name, its entry point and its
 * one-line help. Each command lives in its own tui/cmd/ file and returns
 * an exit status (EXIT_OK, EXIT_INPUT, EXIT_USAGE). The command line knows
 * the commands from this table alone. */
#ifndef COMMANDS_H
#define COMMANDS_H
#include "tui/cmd/cli.h"

/* X("name", function, "help") */
#define COMMANDS(X)                                                             \
	X("stats", cmd_stats, "counts by kind and relation, load time, memory") \
	X("check", cmd_check, "validate inputs, print the quirks report")       \
	X("overlaps", cmd_overlaps, "ranked pairs sharing infrastructure")      \
	X("why", cmd_why, "the evidence behind one pair's score")               \
	X("clusters", cmd_clusters, "groups linked above the threshold")        \
	X("export", cmd_export, "Graphviz diagrams: dot svg png pdf")           \
	X("brief", cmd_brief, "a briefing pack: diagrams and Markdown")         \
	X("aliases", cmd_aliases, "every alias merge, refusal and ambiguity, with sources") \
	X("pull", cmd_pull, "fetch TAXII 2.1 collections or MISP events")       \
	X("push", cmd_push, "send the analyst's judgements as STIX 2.1")        \
	X("diff", cmd_diff, "what changed between two loads")

#define X(name, fn, help) int fn(struct cli *c);
COMMANDS(X)
#undef X

typedef int command_fn(struct cli *c);
/* The entry point of the command called name, or NULL when there is none. */
command_fn *commands_find(const char *name);
/* The commands' names, in table order (for "did you mean" and completion). */
const char *const *commands_names(size_t *n);
#endif
