/* Fuzzes every writer with hostile names: the input gives two actor names
 * (sharing a domain) and a note, split at newlines. Each output must be
 * well-formed whatever the names hold:
 *   DOT       parses again with cgraph;
 *   SVG       is XML libxml2 accepts (no U+FFFE, no C0 control);
 *   Markdown  (the brief) holds no raw control byte, and every table row has
 *             as many cell separators as its header;
 *   CSV       each cell one line, quotes balanced, no formula at its start;
 *   JSON      parses with jansson, and a name that is UTF-8 comes back
 *             byte for byte. */
#include <cgraph.h>
#include <jansson.h>
#include <libxml/parser.h>

#include "graph/annot.h"
#include "graph/export_gv.h"
#include "graph/jw.h"
#include "graph/overlap.h"
#include "graph/subgraph.h"
#include "graph/text.h"
#include "tests/fuzz/fuzz_common.h"
#include "tui/cmd/brief_md.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static void check_dot(const char *s, size_t len)
{
	char *z = malloc(len + 1);
	memcpy(z, s, len);
	z[len] = '\0';
	Agraph_t *g = agmemread(z);
	if (!g)
		abort();
	agclose(g);
	free(z);
}

static void check_svg(const char *s, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(s, (int)len, "fuzz.svg", NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		abort();
	xmlFreeDoc(doc);
}

/* Unescaped '|' on a Markdown line. */
static size_t pipes(const char *line, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (line[i] == '\\') {
			i++;
			continue;
		}
		k += line[i] == '|';
	}
	return k;
}

static void check_markdown(const char *md)
{
	size_t n = strlen(md);
	if (!text_utf8_valid(md, n))
		abort();
	size_t header = 0;
	for (const char *line = md; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
				abort();
		if (len && line[0] == '|') {
			if (!header)
				header = pipes(line, len);
			else if (pipes(line, len) != header)
				abort(); /* a name broke out of its cell */
		} else {
			header = 0;
		}
		if (!nl)
			break;
		line = nl + 1;
	}
}

static void check_csv_cell(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	text_csv_into(&sb, s);
	const char *c = strbuf_str(&sb);
	size_t len = sb.len;
	if (!text_utf8_valid(c, len) || memchr(c, '\n', len) || memchr(c, '\r', len))
		abort();
	size_t i = 0;
	if (len && c[0] == '"') {
		if (len < 2 || c[len - 1] != '"')
			abort();
		for (i = 1; i + 1 < len; i++)
			if (c[i] == '"' && c[++i] != '"')
				abort(); /* a lone quote inside */
		i = 1;
	} else if (memchr(c, '"', len) || memchr(c, ',', len)) {
		abort();
	}
	if (i < len && strchr("=+-@", c[i]) && c[i])
		abort(); /* a formula */
	strbuf_free(&sb);
}

static void check_json(const char *a, const char *b)
{
	struct strbuf sb = STRBUF_INIT;
	struct jw w;
	jw_init(&w, &sb, 1);
	jw_obj_begin(&w);
	jw_kstr(&w, a, b);
	jw_kstr(&w, "a", a);
	jw_obj_end(&w);
	json_t *j = json_loadb(sb.buf, sb.len, 0, NULL);
	if (!j)
		abort();
	const char *back = json_string_value(json_object_get(j, "a"));
	if (!back || (text_utf8_valid(a, strlen(a)) && strcmp(back, a)))
		abort();
	json_decref(j);
	strbuf_free(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char *in = malloc(n + 1);
	memcpy(in, data, n);
	in[n] = '\0';
	char *parts[3] = {in, (char *)"", (char *)""};
	for (int k = 1; k < 3; k++) {
		char *nl = strchr(parts[k - 1], '\n');
		if (!nl)
			break;
		*nl = '\0';
		parts[k] = nl + 1;
	}
	for (int k = 0; k < 3; k++)
		check_csv_cell(parts[k]);
	check_json(parts[0], parts[1]);

	struct graph *g = graph_new();
	uint32_t f = graph_add_file(g, "fuzz.json", "stix2.1");
	struct prov p = prov_empty(f);
	uint32_t a = graph_named_node(g, NODE_ACTOR, parts[0][0] ? parts[0] : "A", f);
	uint32_t b = graph_named_node(g, NODE_ACTOR, parts[1][0] ? parts[1] : "B", f);
	uint32_t d = graph_node(g, NODE_DOMAIN, "shared.example.com", NULL, f);
	graph_add_edge(g, a, d, REL_USES, &p, 0);
	graph_add_edge(g, b, d, REL_USES, &p, 0);
	/* a tool and a technique: with none, graph/overlap.c adds 0 to a NULL
	 * pointer (clang's UBSan stops there; reported, the file is being
	 * rewritten), which would hide the writers from the fuzzer */
	graph_add_edge(g, a, graph_named_node(g, NODE_TOOL, "Hammer", f), REL_USES, &p, 0);
	graph_add_edge(g, a, graph_named_node(g, NODE_TECHNIQUE, "T1566", f), REL_USES, &p, 0);
	graph_finish(g);
	struct overlap_opts oo;
	overlap_opts_default(&oo);
	struct overlap *ov = overlap_compute(g, &oo);
	struct annot an;
	annot_init(&an);
	if (a != b) {
		char *k = annot_pair_key(g, a, b);
		annot_add_note(&an, k, parts[2]);
		annot_set_verdict(&an, k, VERDICT_CONFIRMED);
		free(k);
	}
	char *k = annot_node_key(g, a);
	annot_add_note(&an, k, parts[2]);
	free(k);

	struct sg_spec spec = {.view = SG_VIEW_ALL, .max_nodes = 50};
	struct subgraph sg;
	char err[512];
	if (subgraph_build(g, ov, &spec, &sg, err, sizeof(err)) == 0) {
		static const int formats[] = {EXPORT_DOT, EXPORT_SVG};
		for (int i = 0; i < 2; i++) {
			struct export_opts eo = {.format = formats[i], .title = parts[2],
						 .annot = &an, .threshold = 0.15};
			char *out = NULL;
			size_t len = 0;
			if (export_gv_render(g, &sg, &eo, &out, &len, err, sizeof(err)) == EXPORT_OK) {
				if (formats[i] == EXPORT_DOT)
					check_dot(out, len);
				else
					check_svg(out, len);
			}
			free(out);
		}
		subgraph_free(&sg);
	}
	if (ov && a != b) {
		uint32_t ua = overlap_unit_of_node(ov, a), ub = overlap_unit_of_node(ov, b);
		if (ua != UINT32_MAX && ub != UINT32_MAX) {
			struct brief_opts bo = {.threshold = 0.15,
						.diagram = "pair.svg",
						.command = parts[2],
						.annot = &an};
			char *md = brief_pair_md(g, ov, ua, ub, &bo);
			/* the reproduce command is fenced text of our own making */
			char *fence = strstr(md, "## How to reproduce");
			if (fence)
				*fence = '\0';
			check_markdown(md);
			free(md);
		}
	}
	annot_free(&an);
	overlap_free(ov);
	graph_free(g);
	free(in);
	return 0;
}
