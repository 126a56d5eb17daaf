#include "loaders/salvage.h"

#include <ctype.h>
#include <string.h>

#include "graph/kind.h"
#include "graph/normalize.h"
#include "graph/strbuf.h"
#include "loaders/textscan.h"

enum { STRAY_WORDS_MAX = 3, STRAY_WORD_LEN_MAX = 20 };

static int valid_as(int kind, const char *s, size_t n, struct strbuf *out)
{
	struct norm_result r;
	/* a URL check takes bare words for hosts ("url" -> http://url) */
	if (kind == NODE_URL && !memmem(s, n, "://", 3))
		return 0;
	int ok = kind < 0 ? norm_guess(s, n, out, &r) == 0
			  : norm_value(kind, s, n, out, &r) == 0 && r.kind == kind;
	if (ok && r.kind == NODE_DOMAIN) {
		/* "UpdatesHtA.exe" is a file name, not a host */
		const char *key = strbuf_str(out), *dot = strrchr(key, '.');
		ok = dot && dot != key && textscan_tld_ok(dot + 1, strlen(dot + 1));
	}
	return ok;
}

/* "domain", "IP:", "c2", "sha-256": a label, not part of a value. */
static int plain_word(const char *s, size_t n)
{
	int letters = 0;
	if (n > STRAY_WORD_LEN_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!isalnum((unsigned char)s[i]) && !strchr("-_:", s[i]))
			return 0;
		letters |= isalpha((unsigned char)s[i]);
	}
	return letters;
}

int salvage_stray_words(int kind, const char *s, size_t n, size_t *off, size_t *len)
{
	struct strbuf out = STRBUF_INIT;
	size_t found = 0, strays = 0, i = 0, last_end = 0;
	int ok = 1;
	while (i < n && ok) {
		while (i < n && isspace((unsigned char)s[i]))
			i++;
		if (i == n)
			break;
		size_t start = i;
		while (i < n && !isspace((unsigned char)s[i]))
			i++;
		if (valid_as(kind, s + start, i - start, &out)) {
			found++;
			*off = start;
			*len = i - start;
		} else if (plain_word(s + start, i - start)) {
			strays++;
		} else {
			ok = 0;
		}
		last_end = i;
	}
	strbuf_free(&out);
	if (!ok || found != 1 || strays == 0 || strays > STRAY_WORDS_MAX)
		return 0;
	if (kind == NODE_URL && *off + *len != last_end)
		return 0;
	return 1;
}

int salvage_contains_is_exact(int kind, const char *s, size_t n)
{
	if (kind < 0) {
		struct strbuf out = STRBUF_INIT;
		struct norm_result r;
		if (norm_guess(s, n, &out, &r) == 0 && (r.kind == NODE_IPV4 || r.kind == NODE_IPV6))
			kind = r.kind;
		strbuf_free(&out);
	}
	if (kind != NODE_DOMAIN && kind != NODE_IPV4 && kind != NODE_IPV6 && kind != NODE_FILE &&
	    kind != NODE_X509)
		return 0;
	struct strbuf out = STRBUF_INIT;
	int ok = valid_as(kind, s, n, &out);
	strbuf_free(&out);
	return ok;
}
