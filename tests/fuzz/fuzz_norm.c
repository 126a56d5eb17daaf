/* Fuzzes value normalisation: the first byte picks the kind (or guessing),
 * the rest is the value. A normalised value must normalise to itself
 * (idempotence: three files agreeing on one node depends on it): as the
 * kind it became, guessed again when it was guessed, and a URL's host as
 * the kind norm_url_host gives it. */
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
		/* as the kind it became */
		if (norm_value(r.kind, v, strlen(v), &again, &r2) != 0 ||
		    strcmp(strbuf_str(&again), v) != 0)
			abort(); /* not idempotent */
		/* guessed again: the same kind and value */
		if (sel == NODE_KIND_COUNT &&
		    (norm_guess(v, strlen(v), &again, &r2) != 0 || r2.kind != r.kind ||
		     strcmp(strbuf_str(&again), v) != 0))
			abort();
		/* a URL's host normalises to itself as its kind too */
		if (r.kind == NODE_URL && norm_url_host(v, &aux) >= 0) {
			struct strbuf h = STRBUF_INIT;
			int hk = norm_url_host(v, &aux);
			if (norm_value(hk, aux.buf, aux.len, &h, &r2) != 0 || strcmp(h.buf, aux.buf))
				abort();
			strbuf_free(&h);
		}
		(void)norm_display(r.kind, v, &aux);
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
