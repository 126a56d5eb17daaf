/* agx stats: what was loaded, by kind and by relation, how long it took and
 * how much memory the graph holds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/jw.h"
#include "graph/strbuf.h"
#include "tui/session/cache.h"
#include "tui/cmd/commands.h"

static void count(const struct graph *g, size_t *nodes, size_t *edges)
{
	memset(nodes, 0, NODE_KIND_COUNT * sizeof(*nodes));
	memset(edges, 0, 256 * sizeof(*edges));
	for (size_t i = 0; i < g->node_count; i++)
		nodes[g->nodes[i].kind]++;
	for (size_t i = 0; i < g->edge_count; i++)
		edges[g->edges[i].rel]++;
}

static void write_json(struct cli *c, struct strbuf *sb, const size_t *nodes, const size_t *edges,
		       const struct graph_mem *mem)
{
	const struct graph *g = c->session.g;
	struct jw w;
	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_key(&w, "files");
	jw_arr_begin(&w);
	for (size_t i = 0; i < g->file_count; i++) {
		const struct src_file *f = &g->files[i];
		jw_obj_begin(&w);
		jw_kstr(&w, "path", graph_str(g, f->path));
		jw_kstr(&w, "format", graph_str(g, f->format));
		jw_kint(&w, "objects", f->objects);
		jw_kint(&w, "skipped", f->skipped);
		jw_kint(&w, "errors", f->errors);
		jw_knum(&w, "load_ms", f->load_ms, 1);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "nodes");
	jw_obj_begin(&w);
	for (int k = 0; k < NODE_KIND_COUNT; k++)
		jw_kint(&w, kind_name(k), (long long)nodes[k]);
	jw_obj_end(&w);
	jw_key(&w, "edges");
	jw_obj_begin(&w);
	for (unsigned r = 0; r < g->rel_count; r++)
		if (edges[r])
			jw_kint(&w, graph_relation_name(g, (int)r), (long long)edges[r]);
	jw_obj_end(&w);
	jw_kint(&w, "node_total", (long long)g->node_count);
	jw_kint(&w, "edge_total", (long long)g->edge_count);
	jw_knum(&w, "load_ms", c->session.load_ms, 1);
	jw_kstr(&w, "cache", cache_state_text(c->session.cache));
	jw_kint(&w, "peak_rss_kb", cli_peak_rss_kb());
	jw_key(&w, "graph_bytes");
	jw_obj_begin(&w);
	jw_kint(&w, "nodes", (long long)mem->nodes);
	jw_kint(&w, "edges", (long long)mem->edges);
	jw_kint(&w, "strings", (long long)mem->strings);
	jw_kint(&w, "indexes", (long long)mem->indexes);
	jw_kint(&w, "attributes", (long long)mem->attrs);
	jw_kint(&w, "total", (long long)mem->total);
	jw_obj_end(&w);
	jw_obj_end(&w);
}

static void write_text(struct cli *c, struct strbuf *sb, const size_t *nodes, const size_t *edges,
		       const struct graph_mem *mem)
{
	const struct graph *g = c->session.g;
	size_t objects = 0, skipped = 0, errors = 0;
	for (size_t i = 0; i < g->file_count; i++) {
		objects += g->files[i].objects;
		skipped += g->files[i].skipped;
		errors += g->files[i].errors;
	}
	strbuf_addf(sb, "files      %zu (%zu objects, %zu skipped, %zu with errors)\n",
		    g->file_count, objects, skipped, errors);
	strbuf_addf(sb, "nodes      %zu\n", g->node_count);
	for (int k = 0; k < NODE_KIND_COUNT; k++)
		if (nodes[k])
			strbuf_addf(sb, "  %-16s %10zu\n", kind_name(k), nodes[k]);
	strbuf_addf(sb, "edges      %zu\n", g->edge_count);
	for (unsigned r = 0; r < g->rel_count; r++)
		if (edges[r])
			strbuf_addf(sb, "  %-16s %10zu\n", graph_relation_name(g, (int)r),
				    edges[r]);
	strbuf_addf(sb, "load       %.1f ms\n", c->session.load_ms);
	strbuf_addf(sb, "snapshot   %s\n", cache_state_text(c->session.cache));
	strbuf_addf(sb,
		    "memory     %.1f MiB graph (%.1f nodes, %.1f edges, %.1f strings, "
		    "%.1f indexes), %.1f MiB peak RSS\n",
		    mem->total / 1048576.0, mem->nodes / 1048576.0, mem->edges / 1048576.0,
		    mem->strings / 1048576.0, mem->indexes / 1048576.0, cli_peak_rss_kb() / 1024.0);
	if (g->node_count)
		strbuf_addf(sb, "per item   %.1f bytes/node, %.1f bytes/edge (arrays only)\n",
			    (double)sizeof(struct node), (double)sizeof(struct edge));
}

int cmd_stats(struct cli *c)
{
	int rc = session_load(&c->session, 0);
	size_t nodes[NODE_KIND_COUNT], edges[256];
	count(c->session.g, nodes, edges);
	struct graph_mem mem;
	graph_memory(c->session.g, &mem);
	struct strbuf sb = STRBUF_INIT;
	if (c->json)
		write_json(c, &sb, nodes, edges, &mem);
	else
		write_text(c, &sb, nodes, edges, &mem);
	if (cli_write_output(c->out, strbuf_str(&sb), sb.len))
		rc = EXIT_INPUT;
	strbuf_free(&sb);
	return rc;
}
