/* Fuzzes the warninglist loader (plain .txt lists and MISP JSON, told apart
 * by content), then matches a few values of each kind against what loaded,
 * and the input's first lines themselves (hits on the index of entries). */
#include <stdio.h>
#include <string.h>

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
	/* the input's own first lines as values, as a subdomain and as a URL's
	 * host: lookups that hit the entries just loaded */
	const char *p = (const char *)data, *end = p + n;
	for (int line = 0; line < 4 && p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		char v[300];
		if (len > 200)
			len = 200;
		memcpy(v, p, len);
		v[len] = '\0';
		char sub[310], url[320];
		snprintf(sub, sizeof(sub), "x.%s", v);
		snprintf(url, sizeof(url), "http://%s/p", v);
		for (int k = 0; k < NODE_KIND_COUNT; k++)
			(void)warnlist_match(s, k, v);
		(void)warnlist_match(s, NODE_DOMAIN, sub);
		(void)warnlist_match(s, NODE_URL, url);
		p = nl ? nl + 1 : end;
	}
	for (size_t i = 0; i < warnlist_count(s); i++) {
		(void)warnlist_name(s, i);
		(void)warnlist_source(s, i);
	}
	diag_free(&d);
	warnlist_free(s);
	return 0;
}
