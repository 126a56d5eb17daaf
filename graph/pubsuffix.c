#include "graph/pubsuffix.h"

#include <libpsl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t ps_once = PTHREAD_ONCE_INIT;
static const psl_ctx_t *ps_ctx;
static psl_ctx_t *ps_loaded; /* what psl_latest gave, freed at exit */

static void ps_free(void)
{
	psl_free(ps_loaded);
}

static void ps_load(void)
{
	/* Debian's list file when it is newer than libpsl's built-in copy */
	ps_loaded = psl_latest(NULL);
	if (ps_loaded) {
		ps_ctx = ps_loaded;
		atexit(ps_free);
	} else {
		ps_ctx = psl_builtin();
	}
}

static const psl_ctx_t *ctx(void)
{
	pthread_once(&ps_once, ps_load);
	return ps_ctx;
}

const char *pubsuffix_registrable(const char *d)
{
	const psl_ctx_t *p = ctx();
	const char *r = p ? psl_registrable_domain(p, d) : NULL;
	return r ? r : d;
}

int pubsuffix_is_suffix(const char *d)
{
	const psl_ctx_t *p = ctx();
	return p && psl_is_public_suffix2(p, d, PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE);
}

int pubsuffix_is_tld(const char *tld)
{
	const psl_ctx_t *p = ctx();
	return p && !strchr(tld, '.') &&
	       psl_is_public_suffix2(p, tld, PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE);
}
