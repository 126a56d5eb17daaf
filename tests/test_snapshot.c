/* The snapshot of a load (graph/snapshot.c) and its cache (tui/session/
 * cache.c): everything a load produces comes back the same, a damaged or
 * foreign snapshot is refused without harm, and the cache is used, rebuilt
 * when an input changes, and skipped with --no-cache. */
#include "tests/testutil.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "graph/alias.h"
#include "graph/diag.h"
#include "graph/graph.h"
#include "graph/snapshot.h"
#include "tui/session/cache.h"
#include "tui/session/session.h"

/* the bundled data (reports, aliases, attributions), a galaxy pair (alias
 * claims across files) and a bundle that earns diagnostics */
static const char *inputs[] = {"data", "tests/fixtures/galaxy",
			       "tests/fixtures/stix2/nasty-bundle.json"};

/* The cache folder: absolute, as XDG_CACHE_HOME must be. */
static const char *cache_dir(const char *name)
{
	static char abs[4096];
	if (!realpath(test_tmpdir(name), abs))
		fail_msg("no folder for %s", name);
	return abs;
}

static int load(struct session *s, const char *cache, int no_cache)
{
	setenv("XDG_CACHE_HOME", cache, 1);
	setenv("AGX_SNAPSHOT_MIN_MS", "0", 1);
	session_init(s);
	s->inputs = inputs;
	s->ninputs = 3;
	s->quiet = 1;
	s->no_cache = no_cache;
	return session_load(s, 0);
}

static void same_graph(const struct graph *a, const struct graph *b)
{
	assert_int_equal(a->node_count, b->node_count);
	assert_int_equal(a->edge_count, b->edge_count);
	assert_int_equal(a->file_count, b->file_count);
	assert_int_equal(a->attr_count, b->attr_count);
	assert_int_equal(a->rel_count, b->rel_count);
	assert_memory_equal(a->nodes, b->nodes, a->node_count * sizeof(*a->nodes));
	assert_memory_equal(a->edges, b->edges, a->edge_count * sizeof(*a->edges));
	for (size_t i = 0; i < a->node_count; i++) {
		uint32_t n = (uint32_t)i;
		assert_string_equal(graph_node_label(a, n), graph_node_label(b, n));
		assert_string_equal(graph_node_key(a, n), graph_node_key(b, n));
		/* the lookup indexes came back */
		assert_int_equal(graph_find(b, a->nodes[i].kind, graph_node_key(a, n)),
				 graph_find(a, a->nodes[i].kind, graph_node_key(a, n)));
		struct adj x = graph_adj(a, n), y = graph_adj(b, n);
		assert_int_equal(x.count, y.count);
		assert_memory_equal(x.edges, y.edges, x.count * sizeof(*x.edges));
		uint32_t va[8], vb[8];
		for (int t = 0; t < ATTR_COUNT; t++) {
			size_t na = graph_attrs(a, n, t, va, 8), nb = graph_attrs(b, n, t, vb, 8);
			assert_int_equal(na, nb);
			for (size_t k = 0; k < na && k < 8; k++)
				assert_string_equal(graph_str(a, va[k]), graph_str(b, vb[k]));
		}
		if (a->nodes[i].kind == NODE_ACTOR)
			assert_int_equal(alias_unit(a, n), alias_unit(b, n));
	}
	for (size_t i = 0; i < a->file_count; i++) {
		assert_string_equal(graph_file_path(a, (uint32_t)i),
				    graph_file_path(b, (uint32_t)i));
		assert_int_equal(a->files[i].objects, b->files[i].objects);
		assert_int_equal(a->files[i].errors, b->files[i].errors);
		assert_int_equal(a->files[i].skipped, b->files[i].skipped);
		assert_int_equal(a->files[i].date, b->files[i].date);
		assert_int_equal(a->files[i].tlp, b->files[i].tlp);
		assert_string_equal(graph_str(a, a->files[i].publisher),
				    graph_str(b, b->files[i].publisher));
		assert_string_equal(graph_str(a, a->files[i].title),
				    graph_str(b, b->files[i].title));
		assert_string_equal(graph_str(a, a->files[i].format),
				    graph_str(b, b->files[i].format));
	}
	for (size_t i = 0; i < a->edge_count; i++)
		assert_string_equal(graph_str(a, a->edges[i].obj), graph_str(b, b->edges[i].obj));
	size_t ma, mb, ra, rb;
	alias_merges(a, &ma);
	alias_merges(b, &mb);
	alias_refusals(a, &ra);
	alias_refusals(b, &rb);
	assert_true(ma > 0);
	assert_int_equal(ma, mb);
	assert_int_equal(ra, rb);
	assert_int_equal(alias_claim_count(a), alias_claim_count(b));
	assert_int_equal(alias_ambiguous_count(a), alias_ambiguous_count(b));
	for (size_t i = 0; i < alias_claim_count(a); i++) {
		int sa, sb;
		uint32_t fa, fb;
		alias_claim_source(a, i, &sa, &fa);
		alias_claim_source(b, i, &sb, &fb);
		assert_int_equal(sa, sb);
		assert_int_equal(fa, fb);
	}
	/* a string interned after the open is new, one from before is found */
	assert_int_equal(graph_by_source(b, "no-such-object--x"), NODE_NONE);
}

static void same_diags(const struct diag_list *a, const struct diag_list *b)
{
	assert_true(a->count > 0);
	assert_int_equal(a->count, b->count);
	for (int l = 0; l < 3; l++)
		assert_int_equal(a->counts[l], b->counts[l]);
	for (size_t i = 0; i < a->count; i++) {
		assert_string_equal(a->items[i].msg, b->items[i].msg);
		assert_int_equal(a->items[i].line, b->items[i].line);
		assert_int_equal(a->items[i].code, b->items[i].code);
		if (a->items[i].where)
			assert_string_equal(a->items[i].where, b->items[i].where);
		else
			assert_null(b->items[i].where);
	}
}

/* A load, then a second open: the snapshot is written, then used, and the
 * graph, its indexes, aliases and diagnostics are what the load made. */
static void test_round_trip(void **state)
{
	(void)state;
	const char *cache = cache_dir("snapshot_rt");
	struct session fresh, again, none;
	int rc = load(&fresh, cache, 0);
	assert_int_equal(fresh.cache, CACHE_WRITTEN);
	assert_int_equal(load(&again, cache, 0), rc);
	assert_int_equal(again.cache, CACHE_USED);
	same_graph(fresh.g, again.g);
	same_diags(&fresh.diags, &again.diags);
	/* the reopened graph takes new strings and nodes like any */
	uint32_t n = graph_named_node(again.g, NODE_ACTOR, "Added After Open", 0);
	assert_int_equal(n, fresh.g->node_count);
	assert_int_equal(graph_find_named(again.g, NODE_ACTOR, "Added After Open"), n);
	load(&none, cache, 1);
	assert_int_equal(none.cache, CACHE_OFF);
	session_free(&fresh);
	session_free(&again);
	session_free(&none);
}

static char *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)len + 1);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return buf;
}

/* Every truncation of a snapshot and a damaged byte at many places are
 * refused or read without harm (ASan watches); another key is stale. */
static void test_damage(void **state)
{
	(void)state;
	const char *cache = cache_dir("snapshot_dmg");
	struct session s;
	int loaded = load(&s, cache, 0) == EXIT_OK ? 0 : -1;
	assert_int_equal(s.cache, CACHE_WRITTEN);
	char *key = cache_key(&s);
	char *path = cache_path(key);
	size_t n;
	char *buf = read_all(path, &n);
	struct graph *g;
	struct diag_list d;
	diag_init(&d);
	int rc;
	assert_int_equal(snapshot_open_bytes(buf, n, key, &g, &d, &rc), SNAP_OK);
	assert_int_equal(rc, loaded);
	graph_free(g);
	diag_free(&d);
	diag_init(&d);
	assert_int_equal(snapshot_open_bytes(buf, n, "another key", &g, &d, NULL), SNAP_STALE);
	assert_null(g);
	for (size_t len = 0; len < n; len += len < 4096 ? 1 : 4093) {
		assert_int_not_equal(snapshot_open_bytes(buf, len, key, &g, &d, NULL), SNAP_OK);
		assert_null(g);
		assert_int_equal(d.count, 0);
	}
	size_t opened = 0;
	for (size_t at = 0; at < n; at += at < 512 ? 1 : 251) {
		char keep = buf[at];
		buf[at] ^= (char)(0x5a + at % 7);
		if (snapshot_open_bytes(buf, n, key, &g, &d, NULL) == SNAP_OK) {
			/* damage the checks cannot see (a date, a count of
			 * objects): the graph is still usable */
			for (size_t i = 0; i < g->node_count; i++)
				(void)graph_node_label(g, (uint32_t)i);
			graph_free(g);
			opened++;
		}
		diag_free(&d);
		diag_init(&d);
		buf[at] = keep;
	}
	assert_true(opened > 0);
	free(buf);
	free(key);
	free(path);
	session_free(&s);
}

/* A changed input (touched, or a file added to a folder) makes another
 * key: the load is done again and its snapshot replaces the old one. */
static void test_rebuilt_when_inputs_change(void **state)
{
	(void)state;
	const char *cache = cache_dir("snapshot_chg");
	char dir[4200], file[4300];
	snprintf(dir, sizeof(dir), "%s/in", cache);
	mkdir(dir, 0700);
	snprintf(file, sizeof(file), "%s/a.txt", dir);
	FILE *f = fopen(file, "w");
	fputs("evil-domain.example.com\n198.51.100.9\n", f);
	fclose(f);
	setenv("XDG_CACHE_HOME", cache, 1);
	setenv("AGX_SNAPSHOT_MIN_MS", "0", 1);
	const char *in[] = {dir};
	int expect[] = {CACHE_WRITTEN, CACHE_USED, CACHE_WRITTEN, CACHE_USED, CACHE_WRITTEN};
	for (int round = 0; round < 5; round++) {
		if (round == 2) {
			/* the same size, a new mtime */
			struct timespec ts[2] = {{0, UTIME_OMIT}, {1000000000, 0}};
			assert_int_equal(utimensat(AT_FDCWD, file, ts, 0), 0);
		}
		if (round == 4) {
			char other[4400];
			snprintf(other, sizeof(other), "%s/b.txt", dir);
			f = fopen(other, "w");
			fputs("other.example.net\n", f);
			fclose(f);
		}
		struct session s;
		session_init(&s);
		s.inputs = in;
		s.ninputs = 1;
		s.quiet = 1;
		s.load.as_name = "Some Actor";
		session_load(&s, 0);
		assert_int_equal(s.cache, expect[round]);
		if (round == 4)
			assert_int_equal(s.g->file_count, 2);
		session_free(&s);
	}
	/* one snapshot file for the folder, replaced each time */
	char cmd[4400];
	snprintf(cmd, sizeof(cmd), "test $(ls '%s'/agx | wc -l) -eq 1", cache);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_damage),
	    cmocka_unit_test(test_rebuilt_when_inputs_change),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
