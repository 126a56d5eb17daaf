/* Fuzzes the warninglist loader (plain .txt lists and MISP JSON, told apart
 * by content), then matches a few values of each kind against what loaded. */
#include "graph/diag.h"
#include "graph/kind.h"
#include "graph/warnlist.h"
#include "loaders/warnlist_load.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static const struct {
		int kind;
		const char *value;
	} probes[] = {
	    {NODE_IPV4, "8.8.8.8"},	     {NODE_IPV4, "10.1.2.3"},
	    {NODE_IPV6, "2001:db8::1"},     {NODE_IPV6, "::"},
	    {NODE_DOMAIN, "a.example.com"}, {NODE_DOMAIN, "duckdns.org"},
	    {NODE_URL, "http://bit.ly/x"},  {NODE_EMAIL, "a@b.c"},
	    {NODE_FILE, "d41d8cd98f00b204e9800998ecf8427e"},
	};
	const char *path = fuzz_write(n % 2 ? "list.json" : "list.txt", data, n);
	struct warnlist_set *s = warnlist_new();
	struct diag_list d;
	diag_init(&d);
	(void)warnlist_load(s, path, &d);
	for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
		(void)warnlist_match(s, probes[i].kind, probes[i].value);
	for (size_t i = 0; i < warnlist_count(s); i++) {
		(void)warnlist_name(s, i);
		(void)warnlist_source(s, i);
	}
	diag_free(&d);
	warnlist_free(s);
	return 0;
}
