/* Fuzzes the STIX 2 pattern parser: every comparison's strings must lie
 * inside what was allocated (ASan) and have the length reported. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loaders/stix2_pattern.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static void on_cmp(void *ctx, const struct pattern_cmp *c)
{
	size_t *count = ctx;
	(*count)++;
	if (!c->path || !c->op || !c->value)
		abort();
	volatile size_t sum = strlen(c->path) + strlen(c->op);
	for (size_t i = 0; i < c->len; i++)
		sum += (unsigned char)c->value[i];
	(void)sum;
	(void)stix2_pattern_kind(c->path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char *s = malloc(n + 1);
	memcpy(s, data, n);
	s[n] = '\0';
	char err[256];
	size_t count = 0;
	(void)stix2_pattern_parse(s, on_cmp, &count, err, sizeof(err));
	free(s);
	return 0;
}
