/* The pieces of team work that need no server: name-based ids, STIX
 * version order, checkpoint shapes, the judgements written as STIX and read
 * back, a newer version of an object replacing the older at load, and the
 * diff of two loads. (The servers are exercised by tests/e2e/pull_*.sh.) */
#include <jansson.h>

#include "graph/annot.h"
#include "graph/diff.h"
#include "graph/judgement_stix.h"
#include "graph/overlap.h"
#include "graph/uuid5.h"
#include "loaders/judgement_read.h"
#include "loaders/load.h"
#include "loaders/stix2_version.h"
#include "loaders/taxii.h"
#include "tests/testutil.h"

static struct graph *load(const char *path)
{
	struct graph *g = graph_new();
	struct diag_list d;
	diag_init(&d);
	assert_int_equal(load_path(g, path, NULL, &d), 0);
	graph_finish(g);
	diag_free(&d);
	return g;
}

static void test_uuid5(void **state)
{
	(void)state;
	char u[37];
	/* STIX 2.1 §2.9's example: domain-name example.com */
	const char *name = "{\"value\":\"example.com\"}";
	assert_int_equal(uuid5(UUID5_STIX_NAMESPACE, name, strlen(name), u), 0);
	assert_string_equal(u, "bedb4899-d24b-5401-bc86-8f6b4cc18ec7");
	/* RFC 4122's DNS namespace, as Python's uuid.uuid5 computes it */
	assert_int_equal(uuid5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org", 10, u), 0);
	assert_string_equal(u, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
	assert_int_equal(uuid5("not-a-uuid", "x", 1, u), -1);
}

static void test_version_order(void **state)
{
	(void)state;
	assert_true(stix2_version_cmp("2023-01-01T00:00:00.5Z", "2023-01-01T00:00:00Z") > 0);
	assert_true(stix2_version_cmp("2023-01-01T00:00:00Z", "2023-01-01T00:00:00.000Z") == 0);
	assert_true(stix2_version_cmp("2023-01-01T00:00:00.123Z", "2023-01-01T00:00:00.1229Z") > 0);
	/* 01:00+01:00 is midnight UTC */
	assert_true(stix2_version_cmp("2023-01-01T01:00:00+01:00", "2023-01-01T00:00:00Z") == 0);
	assert_true(stix2_version_cmp("2022-12-31T23:59:59Z", "2023-01-01T00:00:00Z") < 0);
	assert_true(stix2_version_cmp("yesterday", "2023-01-01T00:00:00Z") == 0);
}

static void test_checkpoint_shapes(void **state)
{
	(void)state;
	assert_true(taxii_timestamp_ok("2023-11-14T22:13:20.000Z"));
	assert_true(taxii_timestamp_ok("2023-11-14T22:13:20.123456Z"));
	assert_true(taxii_timestamp_ok("2023-11-14T22:13:20+00:00"));
	assert_false(taxii_timestamp_ok("undefined"));
	assert_false(taxii_timestamp_ok("2023-11-14"));
	assert_false(taxii_timestamp_ok("2023-11-14T22:13:20"));
	assert_false(taxii_timestamp_ok("2023-11-14T22:13:20.Z"));
	char *s = taxii_slash("https://h/taxii2/root?x=1");
	assert_string_equal(s, "https://h/taxii2/root/");
	free(s);
	s = taxii_slash("https://h/taxii2/");
	assert_string_equal(s, "https://h/taxii2/");
	free(s);
}

#define ACTOR(id, name)                                                                          \
	"{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\"intrusion-set--" id "\"," \
	"\"name\":\"" name                                                                       \
	"\",\"created\":\"2023-01-01T00:00:00Z\",\"modified\":\"2023-01-01T00:00:00Z\"}"
#define IND(id, dom, mod)                                                                \
	"{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" id "\"," \
	"\"pattern\":\"[domain-name:value = '" dom "']\",\"pattern_type\":\"stix\","     \
	"\"valid_from\":\"2023-01-01T00:00:00Z\",\"created\":\"2023-01-01T00:00:00Z\","  \
	"\"modified\":\"" mod "\"}"
#define REL(id, src, dst, mod)                                                                 \
	"{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--" id "\"," \
	"\"relationship_type\":\"indicates\",\"source_ref\":\"indicator--" src "\","           \
	"\"target_ref\":\"intrusion-set--" dst "\",\"created\":\"2023-01-01T00:00:00Z\","      \
	"\"modified\":\"" mod "\"}"
#define A1 "11111111-1111-4111-8111-111111111111"
#define A2 "11111111-1111-4111-8111-111111111112"
#define A3 "11111111-1111-4111-8111-111111111113"
#define I1 "22222222-2222-4222-8222-222222222221"
#define I2 "22222222-2222-4222-8222-222222222222"
#define R1 "33333333-3333-4333-8333-333333333331"
#define R2 "33333333-3333-4333-8333-333333333332"
#define R3 "33333333-3333-4333-8333-333333333333"
#define R4 "33333333-3333-4333-8333-333333333334"
#define T0 "2023-01-01T00:00:00Z"

static void test_newer_version_wins(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("team_versions");
	char path[1200];
	snprintf(path, sizeof(path), "%s/v.json", dir);
	/* R1 first says I1 indicates Red, then (newer) Blue, then (older) Red again */
	write_file(
	    path,
	    "[" ACTOR(A1, "Red") "," ACTOR(A2, "Blue") "," IND(I1, "c2.example.com", T0) "," REL(
		R1, I1, A1,
		T0) "," REL(R1, I1, A2,
			    "2023-02-01T00:00:00.5Z") "," REL(R1, I1, A1,
							      "2023-02-01T00:00:00Z") "]");
	struct graph *g = load(path);
	assert_int_equal(g->edge_count, 1);
	uint32_t blue = graph_find_named(g, NODE_ACTOR, "Blue");
	assert_int_equal(g->edges[0].dst, blue);
	graph_free(g);
}

static void test_judgements_round_trip(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("team_judgements");
	char path[1200];
	snprintf(path, sizeof(path), "%s/d.json", dir);
	write_file(path, "[" ACTOR(A1, "Red") "," ACTOR(A2, "Blue") "]");
	struct graph *g = load(path);
	struct annot a;
	annot_init(&a);
	annot_set_verdict(&a, "pair:actor:blue|actor:red", VERDICT_CONFIRMED);
	a.verdicts[0].when = 1700000000;
	annot_set_verdict(&a, "pair:actor:blue|actor:green", VERDICT_UNREVIEWED);
	annot_add_note(&a, "actor:green", "no STIX id: agx names it");
	a.notes[0].when = 1700000100;
	struct strbuf sb = STRBUF_INIT, again = STRBUF_INIT;
	/* identity, relationship, opinion, intrusion-set for Green, note */
	assert_int_equal(judgement_stix_write(g, &a, "alice", JUDGEMENT_BUNDLE, &sb), 5);
	judgement_stix_write(g, &a, "alice", JUDGEMENT_BUNDLE, &again);
	assert_string_equal(sb.buf, again.buf); /* deterministic */
	json_t *b = json_loads(sb.buf, 0, NULL);
	assert_non_null(b);
	json_t *objs = json_object_get(b, "objects");
	const char *me = json_string_value(json_object_get(json_array_get(objs, 0), "id"));
	size_t i;
	json_t *o;
	int opinions = 0, rels = 0;
	json_array_foreach(objs, i, o)
	{
		assert_string_equal(json_string_value(json_object_get(o, "created_by_ref")), me);
		assert_true(json_is_integer(json_object_get(o, "confidence")));
		const char *type = json_string_value(json_object_get(o, "type"));
		if (!strcmp(type, "opinion")) {
			opinions++;
			assert_string_equal(json_string_value(json_object_get(o, "opinion")),
					    "agree");
		}
		if (!strcmp(type, "relationship")) {
			rels++;
			assert_string_equal(json_string_value(json_object_get(o, "source_ref")),
					    "intrusion-set--" A2);
		}
	}
	assert_int_equal(opinions, 1);
	assert_int_equal(rels, 1);
	struct annot back;
	annot_init(&back);
	json_array_foreach(objs, i, o) assert_true(judgement_read(o, &back));
	assert_int_equal(back.nverdicts, 1);
	assert_int_equal(annot_verdict_of(&back, "pair:actor:blue|actor:red"), VERDICT_CONFIRMED);
	assert_int_equal((long)back.verdicts[0].when, 1700000000L);
	assert_int_equal(back.nnotes, 1);
	assert_string_equal(back.notes[0].text, "no STIX id: agx names it");
	/* the workspace wins where it has a word */
	struct annot ws;
	annot_init(&ws);
	annot_set_verdict(&ws, "pair:actor:blue|actor:red", VERDICT_DISMISSED);
	judgement_merge(&ws, &back);
	assert_int_equal(annot_verdict_of(&ws, "pair:actor:blue|actor:red"), VERDICT_DISMISSED);
	assert_int_equal(ws.nnotes, 1);
	judgement_merge(&ws, &back);
	assert_int_equal(ws.nnotes, 1);
	json_decref(b);
	strbuf_free(&sb);
	strbuf_free(&again);
	annot_free(&a);
	annot_free(&back);
	annot_free(&ws);
	graph_free(g);
}

/* Alias and attribution decisions go to the team as STIX (an opinion on the
 * two actors; a relationship attributed-to with an opinion carrying the
 * reason) and come back from it as the same decisions, the workspace's own
 * winning where it has a word. */
static void test_decisions_round_trip(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("team_decisions");
	char path[1200];
	snprintf(path, sizeof(path), "%s/d.json", dir);
	write_file(path, "[" ACTOR(A1, "Red") "," ACTOR(A2, "Blue") "]");
	struct graph *g = load(path);
	struct annot a;
	annot_init(&a);
	annot_put_alias(&a, NULL, "Red", "Blue", 1, 0, 1700000000, "bob");
	annot_put_alias(&a, NULL, "Red", "Green", 0, 1, 1700000050, NULL);
	annot_put_attrib(&a, "reports/2024-q1.csv", "Blue", "the same C2 hosts", 1700000100,
			 "bob");
	annot_put_attrib(&a, "Operation Nothing", "", "", 1700000200, "bob");
	struct strbuf sb = STRBUF_INIT, again = STRBUF_INIT;
	/* identity; 2 alias opinions (+ intrusion-set for Green, no STIX id);
	 * attribution: grouping for the file, relationship, opinion; a grouping
	 * and an opinion for the one attributed to none */
	assert_int_equal(judgement_stix_write(g, &a, "alice", JUDGEMENT_BUNDLE, &sb), 9);
	judgement_stix_write(g, &a, "alice", JUDGEMENT_BUNDLE, &again);
	assert_string_equal(sb.buf, again.buf);
	json_t *b = json_loads(sb.buf, 0, NULL);
	assert_non_null(b);
	json_t *objs = json_object_get(b, "objects");
	size_t i;
	json_t *o;
	int attributed = 0, same = 0, different = 0;
	json_array_foreach(objs, i, o)
	{
		const char *type = json_string_value(json_object_get(o, "type"));
		const char *op = json_string_value(json_object_get(o, "opinion"));
		if (!strcmp(type, "relationship")) {
			attributed++;
			assert_string_equal(
			    json_string_value(json_object_get(o, "relationship_type")),
			    "attributed-to");
			assert_string_equal(json_string_value(json_object_get(o, "target_ref")),
					    "intrusion-set--" A2);
			assert_string_equal(json_string_value(json_object_get(o, "description")),
					    "the same C2 hosts");
		}
		if (op && !strcmp(op, "strongly-agree")) {
			same++;
			/* both actors' own STIX ids */
			assert_int_equal(json_array_size(json_object_get(o, "object_refs")), 2);
			assert_string_equal(json_string_value(json_array_get(
						json_object_get(o, "authors"), 0)),
					    "bob");
		}
		if (op && !strcmp(op, "strongly-disagree"))
			different++;
		if (!strcmp(type, "grouping"))
			assert_true(!strcmp(json_string_value(json_object_get(o, "name")),
					    "2024-q1.csv") ||
				    !strcmp(json_string_value(json_object_get(o, "name")),
					    "Operation Nothing"));
	}
	assert_int_equal(attributed, 1);
	assert_int_equal(same, 1);
	assert_int_equal(different, 1);
	struct annot back;
	annot_init(&back);
	json_array_foreach(objs, i, o) assert_true(judgement_read(o, &back));
	assert_int_equal(back.naliases, 2);
	char *id = annot_alias_id("Blue", "Red");
	const struct annot_alias *d = annot_find_alias(&back, id);
	free(id);
	assert_non_null(d);
	assert_true(d->join);
	assert_int_equal((long)d->when, 1700000000L);
	assert_string_equal(d->author, "bob");
	id = annot_alias_id("Green", "Red");
	d = annot_find_alias(&back, id);
	free(id);
	assert_non_null(d);
	assert_false(d->join);
	assert_true(d->undo);
	assert_string_equal(d->author, "alice"); /* none recorded: the pusher's */
	assert_int_equal(back.nattribs, 2);
	const struct annot_attrib *t = annot_find_attrib(&back, "reports/2024-q1.csv");
	assert_non_null(t);
	assert_string_equal(t->actor, "Blue");
	assert_string_equal(t->note, "the same C2 hosts");
	t = annot_find_attrib(&back, "Operation Nothing");
	assert_non_null(t);
	assert_string_equal(t->actor, "");
	/* the workspace's own decision on a subject wins over the team's */
	struct annot ws;
	annot_init(&ws);
	annot_put_attrib(&ws, "reports/2024-q1.csv", "Red", "mine", 1800000000, "carol");
	judgement_merge(&ws, &back);
	assert_string_equal(annot_find_attrib(&ws, "reports/2024-q1.csv")->actor, "Red");
	assert_int_equal(ws.nattribs, 2);
	assert_int_equal(ws.naliases, 2);
	json_decref(b);
	strbuf_free(&sb);
	strbuf_free(&again);
	annot_free(&a);
	annot_free(&back);
	annot_free(&ws);
	graph_free(g);
}

static void test_diff(void **state)
{
	(void)state;
	const char *dir = test_tmpdir("team_diff");
	char p_old[1200], p_new[1200];
	snprintf(p_old, sizeof(p_old), "%s/old.json", dir);
	snprintf(p_new, sizeof(p_new), "%s/new.json", dir);
	/* old: Red and Blue share c2.example.com; new: Green shares it too and
	 * Red has a value of its own */
	write_file(p_old, "[" ACTOR(A1, "Red") "," ACTOR(A2, "Blue") "," IND(
			      I1, "c2.example.com", T0) "," REL(R1, I1, A1, T0) "," REL(R2, I1, A2,
											T0) "]");
	write_file(
	    p_new,
	    "[" ACTOR(A1, "Red") "," ACTOR(A2, "Blue") "," ACTOR(A3, "Green") "," IND(
		I1, "c2.example.com",
		T0) "," IND(I2, "x.example.org",
			    T0) "," REL(R1, I1, A1, T0) "," REL(R2, I1, A2,
								T0) "," REL(R3, I1, A3,
									    T0) "," REL(R4, I2, A1,
											T0) "]");
	struct graph *go = load(p_old), *gn = load(p_new);
	struct overlap_opts oo;
	overlap_opts_default(&oo);
	struct overlap *o = overlap_compute(go, &oo), *n = overlap_compute(gn, &oo);
	struct diff *d = diff_compute(o, n, 0.01);
	/* Blue~Green (score 1) and Green~Red are new; Blue~Red's score falls
	 * (Red's own value joins the denominator), the values shared did not
	 * change */
	assert_int_equal(d->npairs, 3);
	assert_int_equal(d->pairs[0].kind, DIFF_NEW);
	assert_string_equal(d->pairs[0].a, "Blue");
	assert_string_equal(d->pairs[0].b, "Green");
	assert_int_equal(d->pairs[0].nadded, 1);
	assert_string_equal(d->pairs[0].added[0], "domain c2.example.com");
	assert_int_equal(d->pairs[1].kind, DIFF_NEW);
	assert_int_equal(d->pairs[2].kind, DIFF_CHANGED);
	assert_string_equal(d->pairs[2].a, "Blue");
	assert_string_equal(d->pairs[2].b, "Red");
	assert_true(d->pairs[2].new_score < d->pairs[2].old_score);
	assert_int_equal(d->pairs[2].nadded + d->pairs[2].nremoved, 0);
	struct strbuf sb = STRBUF_INIT;
	diff_write_text(d, &sb);
	assert_non_null(strstr(sb.buf, "pairs: 2 new, 0 gone, 1 changed"));
	assert_non_null(strstr(sb.buf, "new        Blue ~ Green  score"));
	strbuf_reset(&sb);
	diff_write_json(d, &sb);
	json_t *j = json_loads(sb.buf, 0, NULL);
	assert_int_equal(json_array_size(json_object_get(j, "pairs")), 3);
	json_decref(j);
	strbuf_free(&sb);
	diff_free(d);
	/* the same load twice: nothing */
	d = diff_compute(n, n, 0.01);
	assert_int_equal(d->npairs + d->nattributions + d->naliases, 0);
	diff_free(d);
	overlap_free(o);
	overlap_free(n);
	graph_free(go);
	graph_free(gn);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_uuid5),
	    cmocka_unit_test(test_version_order),
	    cmocka_unit_test(test_checkpoint_shapes),
	    cmocka_unit_test(test_newer_version_wins),
	    cmocka_unit_test(test_judgements_round_trip),
	    cmocka_unit_test(test_decisions_round_trip),
	    cmocka_unit_test(test_diff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
