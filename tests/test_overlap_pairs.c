/* How pairs are formed (graph/overlap_pairs.c), not what they are (that is
 * tests/test_overlap.c): the same pairs whatever the thread count, the best N
 * kept by a bounded heap equal to the first N of the full ranking, every
 * pair found where it is, and the count of pairs one shared value makes. */
#include "tests/testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "graph/date.h"
#include "graph/graph.h"
#include "graph/observable.h"
#include "graph/overlap.h"

static struct graph *g;
static uint32_t F;

static void indicate(const char *value, uint32_t who, int conf, int32_t first)
{
	struct prov p = prov_empty(F);
	p.conf = (uint8_t)conf;
	p.first = first;
	p.last = first == DATE_UNKNOWN ? DATE_UNKNOWN : first + 30;
	uint32_t v = obs_add(g, -1, value, strlen(value), &p, NULL, NULL);
	assert_int_not_equal(v, NODE_NONE);
	graph_add_edge(g, v, who, REL_INDICATES, &p, 0);
}

/* n actors; actor i reaches its own domain, the domains of the groups
 * i / 3 and i / 7 (small groups sharing), the address every fifth actor
 * reaches, and one hub address all reach; confidences and dates vary with
 * i, so weights differ and ties are rare but present. Tools: actor i uses
 * tool i % 11. */
static void build(int n)
{
	g = graph_new();
	F = graph_add_file(g, "tests/rows.json", "stix2");
	char buf[64];
	for (int i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "Actor %03d", i);
		uint32_t a = graph_named_node(g, NODE_ACTOR, buf, F);
		int conf = 40 + (i * 37) % 61;
		int32_t day = (i % 4) ? 17000 + (i * 53) % 2000 : DATE_UNKNOWN;
		snprintf(buf, sizeof(buf), "own%d.example.org", i);
		indicate(buf, a, conf, day);
		snprintf(buf, sizeof(buf), "g3-%d.example.net", i / 3);
		indicate(buf, a, conf, day);
		snprintf(buf, sizeof(buf), "g7-%d.example.com", i / 7);
		indicate(buf, a, 100 - conf / 2, day);
		if (i % 5 == 0)
			indicate("203.0.113.5", a, conf, day);
		indicate("198.51.100.77", a, 60, DATE_UNKNOWN);
		snprintf(buf, sizeof(buf), "Tool %d", i % 11);
		uint32_t t = graph_named_node(g, NODE_TOOL, buf, F);
		struct prov p = prov_empty(F);
		graph_add_edge(g, a, t, REL_USES, &p, 0);
	}
	graph_finish(g);
}

static struct overlap *compute(int df_cap, size_t keep_top, int keep_by, const char *threads)
{
	setenv("AGX_THREADS", threads, 1);
	struct overlap_opts o;
	overlap_opts_default(&o);
	o.df_cap = df_cap;
	o.keep_top = keep_top;
	o.keep_by = keep_by;
	struct overlap *ov = overlap_compute(g, &o);
	unsetenv("AGX_THREADS");
	return ov;
}

static void assert_same_pair(const struct overlap_pair *x, const struct overlap_pair *y)
{
	assert_int_equal(x->a, y->a);
	assert_int_equal(x->b, y->b);
	assert_int_equal(x->relation, y->relation);
	assert_int_equal(x->infra, y->infra);
	assert_true(x->score == y->score); /* the same sums in the same order */
	assert_true(x->weight == y->weight);
	assert_int_equal(x->shared, y->shared);
	assert_int_equal(x->shared_all, y->shared_all);
	assert_int_equal(x->ntools, y->ntools);
}

/* 300 actors (over the threshold where rows are shared by threads): one
 * thread and four give the same array, pair for pair. */
static void test_threads_same_pairs(void **state)
{
	(void)state;
	build(300);
	struct overlap *one = compute(1000, 0, 0, "1");
	struct overlap *four = compute(1000, 0, 0, "4");
	size_t n1, n4;
	const struct overlap_pair *p1 = overlap_pairs(one, &n1);
	const struct overlap_pair *p4 = overlap_pairs(four, &n4);
	/* every two actors share the hub: 300 * 299 / 2 pairs */
	assert_int_equal(n1, 44850);
	assert_int_equal(n4, n1);
	for (size_t k = 0; k < n1; k++)
		assert_same_pair(&p1[k], &p4[k]);
	overlap_free(one);
	overlap_free(four);
	graph_free(g);
}

/* Every pair is found at its own index, from either side; two units that
 * share nothing are no pair. */
static void test_find_every_pair(void **state)
{
	(void)state;
	build(120);
	/* cap 10: the hub (120 units) and the fifth-actor address (24) pair
	 * nobody; the groups of 3 and 7 and tool groups (11 units each, over
	 * the cap too) leave pairs inside a group of 3 or of 7 */
	struct overlap *ov = compute(10, 0, 0, "2");
	size_t n;
	overlap_pairs_rel(ov, PAIR_OVERLAP, &n);
	/* groups of 3: 40 groups x 3 pairs; of 7: 17 groups x 21 + one of 1
	 * (actor 119 alone in 119 / 7 = 17); overlap of the two: pairs in the
	 * same group of 3 and of 7 counted once */
	size_t expect = 0;
	for (int i = 0; i < 120; i++)
		for (int j = i + 1; j < 120; j++)
			expect += i / 3 == j / 3 || i / 7 == j / 7;
	assert_int_equal(n, expect);
	const struct overlap_pair *all = overlap_pair_at(ov, 0);
	size_t total = overlap_pairs_total(ov, PAIR_OVERLAP, OVERLAP_BY_INFRA);
	assert_int_equal(total, expect);
	for (size_t k = 0; k < n; k++) {
		assert_int_equal(overlap_pair_find(ov, all[k].a, all[k].b), k);
		assert_int_equal(overlap_pair_find(ov, all[k].b, all[k].a), k);
	}
	uint32_t a = overlap_unit_find(ov, "Actor 000"), b = overlap_unit_find(ov, "Actor 100");
	assert_int_not_equal(a, UINT32_MAX);
	assert_int_equal(overlap_pair_find(ov, a, b), UINT32_MAX);
	overlap_free(ov);
	graph_free(g);
}

/* The bounded heap keeps exactly the first N of each ranking, and the
 * totals still count every pair formed. */
static void test_top_n_is_the_head(void **state)
{
	(void)state;
	build(200);
	struct overlap *full = compute(1000, 0, 0, "2");
	static const size_t tops[] = {1, 7, 100, 25000};
	for (int by = OVERLAP_BY_INFRA; by <= OVERLAP_BY_TOOLS; by++) {
		uint32_t *fidx;
		size_t nf = overlap_pairs_by(full, PAIR_OVERLAP, by, &fidx);
		assert_true(nf > 0);
		for (size_t t = 0; t < sizeof(tops) / sizeof(tops[0]); t++) {
			struct overlap *kept = compute(1000, tops[t], by, "2");
			uint32_t *kidx;
			size_t nk = overlap_pairs_by(kept, PAIR_OVERLAP, by, &kidx);
			assert_int_equal(nk, tops[t] < nf ? tops[t] : nf);
			for (size_t i = 0; i < nk; i++) {
				const struct overlap_pair *x = overlap_pair_at(full, fidx[i]);
				const struct overlap_pair *y = overlap_pair_at(kept, kidx[i]);
				assert_same_pair(x, y);
				assert_int_equal(overlap_pair_find(kept, y->a, y->b), kidx[i]);
			}
			assert_int_equal(overlap_pairs_total(kept, PAIR_OVERLAP, by), nf);
			free(kidx);
			overlap_free(kept);
		}
		free(fidx);
	}
	overlap_free(full);
	graph_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_threads_same_pairs),
	    cmocka_unit_test(test_find_every_pair),
	    cmocka_unit_test(test_top_n_is_the_head),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
