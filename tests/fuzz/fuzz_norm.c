/* Fuzzes value normalisation: the first byte picks the kind (or guessing),
 * the rest is the value. A normalised value must normalise to itself
 * (idempotence: three files agreeing on one node depends on it). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "graph/kind.h"
#include "graph/normalize.h"
#include "graph/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	if (n < 1)
		return 0;
	int sel = data[0] % (NODE_KIND_COUNT + 1);
	const char *s = (const char *)data + 1;
	size_t len = n - 1;
	struct strbuf out = STRBUF_INIT, again = STRBUF_INIT, aux = STRBUF_INIT;
	struct norm_result r;
	int rc = sel == NODE_KIND_COUNT ? norm_guess(s, len, &out, &r)
					: norm_value(sel, s, len, &out, &r);
	if (rc == 0) {
		struct norm_result r2;
		const char *v = strbuf_str(&out);
		if (norm_value(r.kind, v, strlen(v), &again, &r2) != 0 ||
		    strcmp(strbuf_str(&again), v) != 0)
			abort(); /* not idempotent */
		if (r.kind == NODE_URL)
			(void)norm_url_host(v, &aux);
		if (r.kind == NODE_FILE)
			(void)norm_hash_algo(v);
	}
	(void)norm_refang(s, len, &aux);
	norm_name_key(s, len, &aux);
	strbuf_free(&out);
	strbuf_free(&again);
	strbuf_free(&aux);
	return 0;
}
