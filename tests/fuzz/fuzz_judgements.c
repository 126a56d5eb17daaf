/* Fuzzes the reader of agx's own judgement objects (verdicts, notes, alias
 * and attribution decisions met in a STIX input or a pulled collection):
 * the input is a JSON array of objects, or a bundle; each object goes to
 * judgement_read(), what it gathered is merged into a workspace's and
 * written back as STIX, which must parse as JSON again. */
#include <jansson.h>
#include <stdlib.h>

#include "graph/annot.h"
#include "graph/graph.h"
#include "graph/judgement_stix.h"
#include "graph/strbuf.h"
#include "loaders/judgement_read.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	json_error_t err;
	json_t *doc = json_loadb((const char *)data, n, JSON_REJECT_DUPLICATES, &err);
	if (!doc)
		return 0;
	json_t *objs = json_is_array(doc) ? doc : json_object_get(doc, "objects");
	struct annot found, ws;
	annot_init(&found);
	annot_init(&ws);
	annot_put_attrib(&ws, "mine.json", "Mine", "the workspace's own", 1, "me");
	size_t i;
	json_t *o;
	json_array_foreach(objs, i, o) (void)judgement_read(o, &found);
	judgement_merge(&ws, &found);
	judgement_merge(&ws, &found); /* twice: nothing added the second time */
	struct graph *g = graph_new();
	graph_add_file(g, "fuzz.json", "stix2");
	graph_finish(g);
	struct strbuf sb = STRBUF_INIT;
	judgement_stix_write(g, &ws, "fuzzer", JUDGEMENT_BUNDLE, &sb);
	json_t *back = json_loadb(sb.buf ? sb.buf : "", sb.len, 0, &err);
	if (!back)
		abort(); /* agx wrote a bundle that is not JSON */
	json_decref(back);
	strbuf_free(&sb);
	graph_free(g);
	annot_free(&found);
	annot_free(&ws);
	json_decref(doc);
	return 0;
}
