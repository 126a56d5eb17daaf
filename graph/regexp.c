#include "graph/regexp.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>

#include "graph/xalloc.h"

struct regexp {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mc;
};

/* PCRE2 allocates with malloc; as with xmalloc, running out is fatal */
static void *need(void *p)
{
	if (!p) {
		fputs("agx: out of memory (PCRE2)\n", stderr);
		abort();
	}
	return p;
}

static void error_text(int code, struct strbuf *why)
{
	PCRE2_UCHAR buf[256];
	if (pcre2_get_error_message(code, buf, sizeof(buf)) < 0)
		strbuf_addf(why, "PCRE2 error %d", code);
	else
		strbuf_adds(why, (const char *)buf);
}

struct regexp *regexp_new(const char *pattern, size_t n, struct strbuf *why)
{
	strbuf_reset(why);
	strbuf_add(why, "", 0);
	pcre2_compile_context *cc = need(pcre2_compile_context_create(NULL));
	pcre2_set_max_pattern_length(cc, REGEXP_MAX_PATTERN);
	pcre2_set_parens_nest_limit(cc, REGEXP_MAX_NEST);
	int err;
	PCRE2_SIZE off;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, n,
					 PCRE2_CASELESS | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF |
					     PCRE2_NEVER_BACKSLASH_C,
					 &err, &off, cc);
	pcre2_compile_context_free(cc);
	if (!code) {
		error_text(err, why);
		strbuf_addf(why, " at offset %zu", (size_t)off);
		return NULL;
	}
	/* without the JIT (not built in, or no executable memory) PCRE2's
	 * interpreter runs the same pattern under the same limits */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	struct regexp *re = xcalloc(1, sizeof(*re));
	re->code = code;
	re->md = need(pcre2_match_data_create(1, NULL));
	re->mc = need(pcre2_match_context_create(NULL));
	pcre2_set_match_limit(re->mc, REGEXP_MATCH_LIMIT);
	pcre2_set_depth_limit(re->mc, REGEXP_DEPTH_LIMIT);
	pcre2_set_heap_limit(re->mc, REGEXP_HEAP_LIMIT_KIB);
	return re;
}

int regexp_match(struct regexp *re, const char *s, size_t n)
{
	int rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, 0, 0, re->md, re->mc);
	if (rc >= 0)
		return REGEXP_MATCH;
	/* with PCRE2_MATCH_INVALID_UTF a bad subject is no error, so anything
	 * but "no match" is a limit: steps, depth, heap or the JIT's stack */
	return rc == PCRE2_ERROR_NOMATCH ? REGEXP_NO_MATCH : REGEXP_OVER_LIMIT;
}

void regexp_free(struct regexp *re)
{
	if (!re)
		return;
	pcre2_match_context_free(re->mc);
	pcre2_match_data_free(re->md);
	pcre2_code_free(re->code);
	free(re);
}
