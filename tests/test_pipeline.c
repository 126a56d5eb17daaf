/* The pipelined JSON reader (a second thread for files of 1 MiB and more)
 * gives the graph and the diagnostics that reading on one thread gives:
 * the same nodes and edges in the same order, the same messages at the same
 * positions in the same order, the same status, on clean bundles, on items
 * jansson refuses, on JSON Lines, and on files that stop at an error in the
 * middle. AGX_THREADS=1 forces one thread, AGX_THREADS=force the pipeline. */
#include "tests/testutil.h"

#include "graph/diag.h"
#include "graph/graph.h"
#include "graph/strbuf.h"
#include "loaders/load.h"

struct run {
	struct graph *g;
	struct diag_list d;
	int rc;
};

static void load_mode(struct run *r, const char *path, const char *threads)
{
	if (threads)
		setenv("AGX_THREADS", threads, 1);
	else
		unsetenv("AGX_THREADS");
	r->g = graph_new();
	diag_init(&r->d);
	r->rc = load_path(r->g, path, NULL, &r->d);
	graph_finish(r->g);
	unsetenv("AGX_THREADS");
}

static void run_free(struct run *r)
{
	graph_free(r->g);
	diag_free(&r->d);
}

/* Everything observable of the two loads is equal. */
static void assert_same(const struct run *a, const struct run *b)
{
	assert_int_equal(a->rc, b->rc);
	assert_int_equal(a->g->node_count, b->g->node_count);
	assert_int_equal(a->g->edge_count, b->g->edge_count);
	for (size_t i = 0; i < a->g->node_count; i++) {
		const struct node *x = &a->g->nodes[i], *y = &b->g->nodes[i];
		assert_int_equal(x->kind, y->kind);
		assert_string_equal(graph_str(a->g, x->key), graph_str(b->g, y->key));
		assert_string_equal(graph_str(a->g, x->label), graph_str(b->g, y->label));
		assert_int_equal(x->flags, y->flags);
	}
	for (size_t i = 0; i < a->g->edge_count; i++) {
		const struct edge *x = &a->g->edges[i], *y = &b->g->edges[i];
		assert_int_equal(x->src, y->src);
		assert_int_equal(x->dst, y->dst);
		assert_int_equal(x->rel, y->rel);
		assert_int_equal(x->flags, y->flags);
	}
	assert_int_equal(a->d.count, b->d.count);
	for (size_t i = 0; i < a->d.count; i++) {
		const struct diag *x = &a->d.items[i], *y = &b->d.items[i];
		assert_int_equal(x->level, y->level);
		assert_int_equal(x->code, y->code);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->col, y->col);
		assert_string_equal(x->msg, y->msg);
		assert_string_equal(x->where ? x->where : "-", y->where ? y->where : "-");
	}
}

static size_t count_code(const struct run *r, int level, int code)
{
	size_t n = 0;
	for (size_t i = 0; i < r->d.count; i++)
		n += r->d.items[i].level == level && r->d.items[i].code == code;
	return n;
}

/* Object i of a synthetic bundle: actors, domains and IPs some of which are
 * shared, indicators with patterns, relationships between them. bad[i]
 * replaces object i by a given text. */
static void add_object(struct strbuf *sb, size_t i, const char *nl)
{
	size_t actor = i % 40, v = (i * 7) % 900;
	switch (i % 4) {
	case 0:
		if (i >= 40) { /* each actor once */
			strbuf_addf(sb,
				    "{\"type\":\"malware\",\"spec_version\":\"2.1\",%s\"id\":"
				    "\"malware--00000000-0000-4000-8000-%012zu\",\"name\":\"Tool %zu\"}",
				    nl, i, v);
			break;
		}
		strbuf_addf(sb,
			    "{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",%s\"id\":"
			    "\"intrusion-set--00000000-0000-4000-8000-%012zu\",\"name\":\"Actor %zu\"}",
			    nl, actor, actor);
		break;
	case 1:
		strbuf_addf(sb,
			    "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":"
			    "\"indicator--00000000-0000-4000-8000-%012zu\",%s\"pattern_type\":\"stix\","
			    "\"pattern\":\"[domain-name:value = 'h%zu.example.com'] OR "
			    "[ipv4-addr:value = '10.0.%zu.%zu']\",\"valid_from\":\"2020-01-01T00:00:00Z\"}",
			    i, nl, v, v / 250, v % 250);
		break;
	case 2:
		strbuf_addf(sb,
			    "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":"
			    "\"relationship--00000000-0000-4000-8000-%012zu\",\"relationship_type\":"
			    "\"indicates\",%s\"source_ref\":\"indicator--00000000-0000-4000-8000-%012zu\","
			    "\"target_ref\":\"intrusion-set--00000000-0000-4000-8000-%012zu\"}",
			    i, nl, i - 1, (i * 13) % 10 * 4);
		break;
	default:
		strbuf_addf(sb,
			    "{\"type\":\"domain-name\",\"spec_version\":\"2.1\",\"id\":"
			    "\"domain-name--00000000-0000-4000-8000-%012zu\",%s\"value\":\"d%zu.example.net\"}",
			    i, nl, v);
		break;
	}
}

/* Writes a bundle of n objects (pretty: members on their own lines) to
 * path; objects at the indexes in at[] are replaced by bad[]. */
static void write_bundle(const char *path, size_t n, int lines, const size_t *at,
			 const char *const *bad, size_t nbad)
{
	struct strbuf sb = STRBUF_INIT;
	if (!lines)
		strbuf_adds(&sb, "{\"type\": \"bundle\", \"id\": \"bundle--1\",\n \"objects\": [\n");
	for (size_t i = 0; i < n; i++) {
		if (i && !lines)
			strbuf_adds(&sb, ",\n");
		size_t k = 0;
		while (k < nbad && at[k] != i)
			k++;
		if (k < nbad)
			strbuf_adds(&sb, bad[k]);
		else
			add_object(&sb, i, i % 3 ? "" : "\n  ");
		if (lines)
			strbuf_adds(&sb, "\n");
	}
	if (!lines)
		strbuf_adds(&sb, "\n]}\n");
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(sb.buf, 1, sb.len, fp), sb.len);
	fclose(fp);
	strbuf_free(&sb);
}

static const char *tmp_path(const char *name)
{
	static char buf[512];
	mkdir("tests/tmp", 0755);
	snprintf(buf, sizeof(buf), "tests/tmp/pipeline-%s", name);
	return buf;
}

/* Three ways, same result: default (a file over 1 MiB takes the pipeline),
 * forced pipeline, one thread. */
static void compare_three(const char *path, struct run *one)
{
	struct run dflt, forced;
	load_mode(one, path, "1");
	load_mode(&dflt, path, NULL);
	load_mode(&forced, path, "force");
	assert_same(one, &dflt);
	assert_same(one, &forced);
	run_free(&dflt);
	run_free(&forced);
}

static void clean_big_bundle(void **state)
{
	(void)state;
	const char *path = tmp_path("clean.json");
	write_bundle(path, 8000, 0, NULL, NULL, 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size >= (1 << 20)); /* the default path threads it */
	struct run one;
	compare_three(path, &one);
	assert_int_equal(one.rc, 0);
	assert_int_equal(one.d.counts[DIAG_ERROR], 0);
	/* worked out from add_object(): actors 0, 4, .., 36; v = 7i mod 900
	 * takes 225 values on each residue class of i mod 4, so 225 malware
	 * names, 225 IPs and 225 "h" domains from indicators, 225 "d" domain
	 * SCOs; i mod 900 fixes the actor an indicator's relationship names,
	 * so each indicator value indicates one actor: 450 edges */
	assert_int_not_equal(graph_find_named(one.g, NODE_ACTOR, "Actor 4"), NODE_NONE);
	assert_int_equal(one.g->node_count, 10 + 225 + 225 + 450);
	assert_int_equal(one.g->edge_count, 450);
	run_free(&one);
}

static void refused_items_in_order(void **state)
{
	(void)state;
	const char *path = tmp_path("refused.json");
	static const size_t at[] = {5, 1234, 1235, 3000, 7999};
	static const char *const bad[] = {
	    "{\"type\":\"indicator\",\"type\":\"indicator\"}", /* duplicate key */
	    "42",					       /* not an object */
	    "{\"type\":\"domain-name\",\"id\":\"x\",\"value\":\"a\\u0000b\"}", /* NUL */
	    "{\"id\":\"no-type\"}",
	    "{\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--1\",\"value\":\"1.2.3.4\","
	    "\"value\":\"5.6.7.8\"}",
	};
	write_bundle(path, 8000, 0, at, bad, 5);
	struct run one;
	compare_three(path, &one);
	assert_int_equal(one.rc, 0);
	assert_int_equal(count_code(&one, DIAG_WARNING, D_DUPLICATE), 2);
	assert_int_equal(count_code(&one, DIAG_WARNING, D_INVALID), 3);
	run_free(&one);
}

static void syntax_error_stops_after_earlier_items(void **state)
{
	(void)state;
	const char *path = tmp_path("broken.json");
	static const size_t at[] = {100, 5000, 6000};
	static const char *const bad[] = {
	    "{\"type\":\"indicator\",\"type\":\"x\"}",
	    "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--zz\",\"name\":\"Late\" \"x\":1}",
	    "{\"type\":\"indicator\",\"type\":\"x\"}", /* never reached */
	};
	write_bundle(path, 8000, 0, at, bad, 3);
	struct run one;
	compare_three(path, &one);
	assert_int_equal(one.rc, -1);
	assert_int_equal(one.d.counts[DIAG_ERROR], 1);
	assert_int_equal(count_code(&one, DIAG_WARNING, D_DUPLICATE), 1);
	/* objects before the error are in, those after it are not */
	assert_int_not_equal(graph_find_named(one.g, NODE_ACTOR, "Actor 8"), NODE_NONE);
	assert_int_equal(graph_find_named(one.g, NODE_ACTOR, "Late"), NODE_NONE);
	run_free(&one);
}

static void too_deep_and_truncated(void **state)
{
	(void)state;
	char deep[300];
	size_t n = 0;
	n += (size_t)snprintf(deep, sizeof(deep), "{\"type\":\"note\",\"x\":");
	for (int i = 0; i < 70; i++)
		deep[n++] = '[';
	deep[n] = '\0';
	const char *path = tmp_path("deep.json");
	static const size_t at[] = {4321};
	const char *bad[] = {deep};
	write_bundle(path, 8000, 0, at, bad, 1);
	struct run one;
	compare_three(path, &one);
	assert_int_equal(one.rc, -1);
	assert_int_equal(count_code(&one, DIAG_ERROR, D_LIMIT), 1);
	run_free(&one);

	/* the bundle cut in the middle of an object */
	path = tmp_path("cut.json");
	write_bundle(path, 8000, 0, NULL, NULL, 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size / 2), 0);
	compare_three(path, &one);
	assert_int_equal(one.rc, -1);
	assert_int_equal(one.d.counts[DIAG_ERROR], 1);
	run_free(&one);
}

static void json_lines(void **state)
{
	(void)state;
	const char *path = tmp_path("lines.jsonl");
	static const size_t at[] = {10, 2000, 7990};
	static const char *const bad[] = {
	    "{\"type\":\"indicator\",\"type\":\"x\"}", /* refused at top level: an error */
	    "[1, 2]",
	    "{\"type\":\"indicator\",\"id\":\"indicator--q\" ]", /* fatal */
	};
	write_bundle(path, 8000, 1, at, bad, 3);
	struct run one;
	compare_three(path, &one);
	assert_int_equal(one.rc, -1);
	assert_int_equal(one.d.counts[DIAG_ERROR], 2);
	run_free(&one);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(clean_big_bundle),
	    cmocka_unit_test(refused_items_in_order),
	    cmocka_unit_test(syntax_error_stops_after_earlier_items),
	    cmocka_unit_test(too_deep_and_truncated),
	    cmocka_unit_test(json_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
