#include "graph/observable.h"

#include <stdlib.h>
#include <string.h>

#include "graph/normalize.h"
#include "graph/strbuf.h"
#include "graph/text.h"

static void note(struct diag_list *d, const struct prov *p, const struct obs_site *site,
		 enum diag_level level, enum diag_code code, const char *fmt, const char *a,
		 const char *b)
{
	if (!d)
		return;
	struct strbuf ea = STRBUF_INIT, eb = STRBUF_INIT;
	text_escape_into(&ea, a, 0);
	text_escape_into(&eb, b ? b : "", 0);
	const char *where = site ? site->where : NULL;
	if (site && !where && site->where_fn)
		where = site->where_fn(site->ctx);
	diag_add(d, p->file, level, code, site ? site->line : 0, site ? site->col : 0, where, fmt,
		 strbuf_str(&ea), strbuf_str(&eb));
	strbuf_free(&ea);
	strbuf_free(&eb);
}

uint32_t obs_add(struct graph *g, int kind, const char *value, size_t n, const struct prov *p,
		 struct diag_list *d, const struct obs_site *site)
{
	struct strbuf out = STRBUF_INIT;
	struct norm_result r;
	int rc = kind < 0 ? norm_guess(value, n, &out, &r) : norm_value(kind, value, n, &out, &r);
	if (rc != 0) {
		char *raw = strndup(value, n > 200 ? 200 : n);
		note(d, p, site, DIAG_WARNING, D_VALUE, "'%s' skipped: %s", raw ? raw : "",
		     r.reason ? r.reason : "not a valid value");
		free(raw);
		strbuf_free(&out);
		return NODE_NONE;
	}
	if (r.flags & NORM_REFANGED) {
		char *raw = strndup(value, n > 200 ? 200 : n);
		note(d, p, site, DIAG_QUIRK, D_REFANGED, "'%s' refanged to '%s'", raw ? raw : "",
		     strbuf_str(&out));
		free(raw);
	}
	/* an internationalised name is keyed by its A-labels, shown as U-labels */
	struct strbuf shown = STRBUF_INIT;
	const char *label =
	    norm_display(r.kind, strbuf_str(&out), &shown) ? strbuf_str(&shown) : NULL;
	uint32_t id = graph_node(g, r.kind, strbuf_str(&out), label, p->file);
	graph_node_observe(g, id, p);
	if (r.kind == NODE_URL) {
		struct strbuf host = STRBUF_INIT;
		int hk = norm_url_host(strbuf_str(&out), &host);
		if (hk >= 0) {
			label =
			    norm_display(hk, strbuf_str(&host), &shown) ? strbuf_str(&shown) : NULL;
			uint32_t h = graph_node(g, hk, strbuf_str(&host), label, p->file);
			graph_node_observe(g, h, p);
			graph_add_edge(g, id, h, REL_HAS_HOST, p, EDGE_F_DERIVED);
		}
		strbuf_free(&host);
	}
	strbuf_free(&shown);
	strbuf_free(&out);
	return id;
}
