#include "tui/explorer/keytimes.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph/xalloc.h"

double keytimes_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void keytimes_add(struct keytimes *k, double ms)
{
	XGROW(k->ms, k->cap, k->n + 1);
	k->ms[k->n++] = ms;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void keytimes_summary(const struct keytimes *k, double *median, double *max)
{
	*median = *max = 0;
	if (!k->n)
		return;
	double *v = xmalloc(k->n * sizeof(double));
	memcpy(v, k->ms, k->n * sizeof(double));
	qsort(v, k->n, sizeof(double), cmp_double);
	*median = k->n % 2 ? v[k->n / 2] : (v[k->n / 2 - 1] + v[k->n / 2]) / 2;
	*max = v[k->n - 1];
	free(v);
}

void keytimes_print(const struct keytimes *k, FILE *f)
{
	double med, max;
	keytimes_summary(k, &med, &max);
	fprintf(f, "agx: keystroke-to-screen over %zu keys: median %.3f ms, max %.3f ms\n", k->n,
		med, max);
}

void keytimes_free(struct keytimes *k)
{
	free(k->ms);
	memset(k, 0, sizeof(*k));
}
