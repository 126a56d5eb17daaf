/* The explorer's kept sort orders (tui/explorer/orders.c): a list rebuilt
 * from them holds the rows, in the order, that sorting the list with the
 * comparison of lists.c gives, for every node tab and every sort key, on
 * the bundled data (actors with aliases, reports, shared values). */
#include "tests/testutil.h"

#include "graph/date.h"
#include "graph/graph.h"
#include "graph/overlap.h"
#include "tui/explorer/filter.h"
#include "tui/explorer/lists.h"
#include "tui/explorer/model.h"
#include "tui/explorer/orders.h"
#include "tui/session/session.h"

static void test_kept_orders_equal_sorting(void **state)
{
	(void)state;
	struct session s;
	session_init(&s);
	static const char *data[] = {"data"};
	s.inputs = data;
	s.ninputs = 1;
	s.quiet = 1;
	session_load(&s, 0);
	assert_true(s.g->node_count > 100);
	struct model m;
	model_init(&m, s.g, 0.5);
	struct overlap_opts o;
	session_overlap_opts(&s, &o);
	model_recompute(&m, &o);
	assert_non_null(m.orders);
	struct filter f;
	memset(&f, 0, sizeof(f));
	filter_clear(&f);
	struct list_rules r = {&f, DATE_UNKNOWN, 0, NODE_NONE};
	size_t listed = 0;
	/* the default rules (a copy of the kept rows), then revoked objects
	 * listed too (a scan of the kept order) */
	for (int rules = 0; rules < 2; rules++)
		for (int tab = TAB_ACTORS; tab <= TAB_TOOLS; tab++)
			for (int key = 0; key < SORT_COUNT; key++) {
				r.include_revoked = rules;
				struct list kept = {.sort = (uint8_t)key},
					    sorted = {.sort = (uint8_t)key};
				struct focus fk = {NODE_NONE, NODE_NONE, 0}, fs = fk;
				lists_rebuild_tab(&m, &r, tab, &kept, &fk);
				struct node_orders *keep = m.orders;
				m.orders = NULL; /* the comparison's sort */
				lists_rebuild_tab(&m, &r, tab, &sorted, &fs);
				m.orders = keep;
				assert_int_equal(kept.n, sorted.n);
				assert_memory_equal(kept.rows, sorted.rows,
						    kept.n * sizeof(uint32_t));
				listed += kept.n;
				free(kept.rows);
				free(sorted.rows);
			}
	assert_true(listed > 100);
	/* a graph that grew makes them stale: the comparison sorts again */
	graph_named_node(s.g, NODE_ACTOR, "Grown After The Orders", 0);
	assert_null(orders_for(m.orders, &m, TAB_ACTORS, SORT_NAME));
	filter_clear(&f);
	model_free(&m);
	session_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kept_orders_equal_sorting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
