/* The overlap engine on hand-built graphs whose answers are worked out in
 * the comments (weights and factors as documented in graph/overlap.c):
 *   idf = ln((N + 1) / (df + 1)) + 1, type domain 0.9 / ipv4 0.6,
 *   conf absent = 0.5, list hit 0.1, time max(0.1, exp(-(gap - 30) / 365)). */
#include "tests/testutil.h"

#include <math.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/graph.h"
#include "graph/observable.h"
#include "graph/overlap.h"
#include "graph/strbuf.h"
#include "graph/warnlist.h"
#include "loaders/warnlist_load.h"

#define EPS 1e-9

static struct graph *g;
static uint32_t F;

static void fresh(void)
{
	g = graph_new();
	F = graph_add_file(g, "tests/hand-built.json", "stix2");
}

static uint32_t actor(const char *name)
{
	return graph_named_node(g, NODE_ACTOR, name, F);
}

static struct prov pv(int conf, int32_t first, int32_t last)
{
	struct prov p = prov_empty(F);
	p.conf = conf < 0 ? CONF_UNKNOWN : (uint8_t)conf;
	p.first = first;
	p.last = last;
	return p;
}

/* An observable (through obs_add, as loaders do) that indicates who. */
static uint32_t indicates(const char *value, uint32_t who, int conf, int32_t first, int32_t last)
{
	struct prov p = pv(conf, first, last);
	uint32_t v = obs_add(g, -1, value, strlen(value), &p, NULL, NULL);
	assert_int_not_equal(v, NODE_NONE);
	graph_add_edge(g, v, who, REL_INDICATES, &p, 0);
	return v;
}

static uint32_t ind(const char *value, uint32_t who)
{
	return indicates(value, who, -1, DATE_UNKNOWN, DATE_UNKNOWN);
}

static struct overlap *compute(const struct warnlist_set *lists)
{
	graph_finish(g);
	struct overlap_opts o;
	overlap_opts_default(&o);
	o.lists = lists;
	return overlap_compute(g, &o);
}

static uint32_t unit(struct overlap *ov, const char *name)
{
	uint32_t u = overlap_unit_find(ov, name);
	if (u == UINT32_MAX)
		fail_msg("no unit named %s", name);
	return u;
}

/* The evidence row of value key in why(a, b), or fails. */
static struct evidence row(struct overlap *ov, const char *a, const char *b, const char *key,
			   size_t *nrows)
{
	struct evidence *ev;
	struct near_miss *near;
	size_t nn;
	size_t n = overlap_why(ov, unit(ov, a), unit(ov, b), &ev, &near, &nn);
	if (nrows)
		*nrows = n;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(graph_node_key(g, ev[i].value), key)) {
			struct evidence r = ev[i];
			free(ev);
			free(near);
			return r;
		}
	}
	free(ev);
	free(near);
	fail_msg("%s not shared by %s and %s", key, a, b);
	struct evidence none;
	memset(&none, 0, sizeof(none));
	return none;
}

static void teardown(struct overlap *ov)
{
	overlap_free(ov);
	graph_free(g);
	g = NULL;
}

/* Two units, one shared domain each, nothing dated or stated:
 *   N = 2; s shared (df 2): idf = ln(3/3) + 1 = 1
 *   a1, b1 own (df 1): idf = ln(3/2) + 1 = 1.4054651081
 *   own weights: s 1 * 0.9 * 0.5 = 0.45; a1 = b1 = 1.4054651081 * 0.45 = 0.6324592986
 *   T_A = T_B = 1.0824592986; S = shared w = 0.45
 *   wbar = (0.45 + 0.45 + 0.6324592986 * 2) / 4 = 0.5412296493 (mean own weight)
 *   V = 3 values, n_A = n_B = 2: E = wbar * 2 * 2 / 3 = 0.7216395324, K = wbar
 *   score = 0.45 / (0.45 + 0.7216395324 + 0.5412296493) = 0.2627170859 */
static void test_score_by_hand(void **state)
{
	(void)state;
	fresh();
	uint32_t a = actor("Alpha"), b = actor("Bravo");
	ind("shared.example.com", a);
	ind("shared.example.com", b);
	ind("alpha-only.example.com", a);
	ind("bravo-only.example.com", b);
	struct overlap *ov = compute(NULL);
	assert_int_equal(overlap_unit_count(ov), 2);
	assert_int_equal(overlap_active_units(ov), 2);
	size_t np;
	const struct overlap_pair *p = overlap_pairs(ov, &np);
	assert_int_equal(np, 1);
	double own = (log(1.5) + 1) * 0.45;
	assert_true(fabs(overlap_unit_weight(ov, p->a) - (0.45 + own)) < EPS);
	double wbar = (0.45 * 2 + own * 2) / 4, chance = wbar * 2 * 2 / 3;
	double score = 0.45 / (0.45 + chance + wbar);
	assert_true(fabs(p->score - score) < EPS);
	assert_true(fabs(p->score - 0.2627170859) < 1e-9);
	assert_true(fabs(p->chance - 0.7216395324) < 1e-9);
	assert_true(fabs(p->weight - 0.45) < EPS);
	assert_int_equal(p->shared, 1);
	assert_int_equal(p->shared_all, 1);
	struct evidence r = row(ov, "Alpha", "Bravo", "shared.example.com", NULL);
	assert_true(fabs(r.idf - 1.0) < EPS);
	assert_true(fabs(r.type - 0.9) < EPS);
	assert_true(fabs(r.conf - 0.5) < EPS);
	assert_true(fabs(r.time - 1.0) < EPS);
	assert_true(r.flags & EV_UNDATED);
	assert_int_equal(r.df, 2);
	teardown(ov);
}

/* A value both sides hold only from one publisher's files (maltrail
 * listing one domain under two actors) is that curator's say-so: its
 * weight is halved and said so; a second publisher on either side, or a
 * file naming no publisher, keeps it whole. N = 2, every value df 2 or 1:
 *   shared, df 2: idf 1, w = 1 x 0.9 x 0.5 = 0.45
 *   one-pub.example.com   Alpha (maltrail) ~ Bravo (maltrail)        0.225
 *   two-pubs.example.com  Alpha (maltrail) ~ Bravo (maltrail, ESET)  0.45
 *   no-pub.example.com    Alpha (unnamed file) ~ Bravo (maltrail)    0.45 */
static uint32_t stated(const char *value, uint32_t who, uint32_t file)
{
	struct prov p = prov_empty(file);
	uint32_t v = obs_add(g, -1, value, strlen(value), &p, NULL, NULL);
	assert_int_not_equal(v, NODE_NONE);
	graph_add_edge(g, v, who, REL_INDICATES, &p, 0);
	return v;
}

static void test_one_publisher(void **state)
{
	(void)state;
	fresh();
	uint32_t m1 = graph_add_file(g, "trails/apt_alpha.txt", "ioc-list");
	uint32_t m2 = graph_add_file(g, "trails/apt_bravo.txt", "ioc-list");
	uint32_t es = graph_add_file(g, "eset/bravo.misp.json", "misp");
	uint32_t mal = graph_intern(g, "Maltrail developers");
	graph_file(g, m1)->publisher = mal;
	graph_file(g, m2)->publisher = mal;
	graph_file(g, es)->publisher = graph_intern(g, "ESET");
	uint32_t a = graph_named_node(g, NODE_ACTOR, "Alpha", m1);
	uint32_t b = graph_named_node(g, NODE_ACTOR, "Bravo", m2);
	stated("one-pub.example.com", a, m1);
	stated("one-pub.example.com", b, m2);
	stated("two-pubs.example.com", a, m1);
	stated("two-pubs.example.com", b, m2);
	stated("two-pubs.example.com", b, es);
	stated("no-pub.example.com", a, F);
	stated("no-pub.example.com", b, m2);
	/* values of their own, so that no file holds most of another's */
	const char *own[] = {"a1.example.com", "a2.example.com", "a3.example.com",
			     "b1.example.com", "b2.example.com", "b3.example.com"};
	for (int i = 0; i < 6; i++)
		stated(own[i], i < 3 ? a : b, i < 3 ? m1 : m2);
	struct overlap *ov = compute(NULL);
	struct evidence r = row(ov, "Alpha", "Bravo", "one-pub.example.com", NULL);
	assert_true(r.flags & EV_ONE_PUBLISHER);
	assert_true(fabs(r.src - OVERLAP_ONE_PUBLISHER) < EPS);
	assert_true(fabs(r.weight - 0.225) < EPS);
	assert_string_equal(graph_str(g, r.publisher), "Maltrail developers");
	r = row(ov, "Alpha", "Bravo", "two-pubs.example.com", NULL);
	assert_false(r.flags & EV_ONE_PUBLISHER);
	assert_true(fabs(r.src - 1.0) < EPS);
	assert_true(fabs(r.weight - 0.45) < EPS);
	r = row(ov, "Alpha", "Bravo", "no-pub.example.com", NULL);
	assert_false(r.flags & EV_ONE_PUBLISHER);
	assert_true(fabs(r.weight - 0.45) < EPS);
	/* the pair's weight is their sum */
	size_t np;
	const struct overlap_pair *p = overlap_pairs(ov, &np);
	assert_int_equal(np, 1);
	assert_true(fabs(p->weight - (0.225 + 0.45 + 0.45)) < EPS);
	assert_int_equal(p->shared, 3);
	teardown(ov);
}

/* Rarity: 15 actors A, B, X1..X13 all reach common.example.com (df 15),
 * only A and B reach rare.example.com (df 2). N = 15.
 *   idf(rare)   = ln(16/3) + 1 = 2.6739764; w = 2.6739764 * 0.9 * 0.5 = 1.2032894
 *   idf(common) = ln(16/16) + 1 = 1;        w = 0.45
 * Then 25 actors reach capped.example.com: df 25 > cap 20, weight 0. */
static void test_rarity_and_cap(void **state)
{
	(void)state;
	fresh();
	uint32_t a = actor("A"), b = actor("B");
	ind("rare.example.com", a);
	ind("rare.example.com", b);
	ind("common.example.com", a);
	ind("common.example.com", b);
	char name[32];
	for (int i = 1; i <= 13; i++) {
		snprintf(name, sizeof(name), "X%d", i);
		ind("common.example.com", actor(name));
	}
	struct overlap *ov = compute(NULL);
	assert_int_equal(overlap_active_units(ov), 15);
	struct evidence rare = row(ov, "A", "B", "rare.example.com", NULL);
	struct evidence common = row(ov, "A", "B", "common.example.com", NULL);
	assert_int_equal(rare.df, 2);
	assert_int_equal(common.df, 15);
	assert_true(fabs(rare.idf - (log(16.0 / 3) + 1)) < EPS);
	assert_true(fabs(rare.weight - 1.2032894) < 1e-6);
	assert_true(fabs(common.weight - 0.45) < EPS);
	assert_true(rare.weight > common.weight);
	teardown(ov);

	fresh();
	a = actor("A");
	b = actor("B");
	ind("rare.example.com", a);
	ind("rare.example.com", b);
	for (int i = 1; i <= 25; i++) {
		snprintf(name, sizeof(name), "Y%d", i);
		ind("capped.example.com", i == 1 ? a : i == 2 ? b : actor(name));
	}
	ov = compute(NULL);
	size_t n;
	struct evidence capped = row(ov, "A", "B", "capped.example.com", &n);
	assert_int_equal(n, 2);
	assert_int_equal(capped.df, 25);
	assert_true(capped.flags & EV_OVER_CAP);
	assert_true(capped.weight == 0);
	assert_true(capped.idf > 0); /* the factors are still shown */
	uint32_t k = overlap_pair_find(ov, unit(ov, "A"), unit(ov, "B"));
	assert_int_not_equal(k, UINT32_MAX);
	const struct overlap_pair *p = &overlap_pairs(ov, &n)[k];
	assert_int_equal(p->shared, 1);
	assert_int_equal(p->shared_all, 2);
	/* Y3..Y25 share only the capped value: no pair among them */
	assert_int_equal(n, 1);
	teardown(ov);
}

/* Warninglists: A and B share a Cloudflare address and a bit.ly link (and
 * its host bit.ly): all flagged, list factor 0.1, and the pair is not
 * listed. C and D share the same plus one ordinary address: listed. */
static void test_warninglists(void **state)
{
	(void)state;
	struct warnlist_set *wl = warnlist_new();
	assert_int_equal(warnlist_load(wl, "tests/fixtures/warnlists/cdn.txt", NULL), 0);
	assert_int_equal(warnlist_load(wl, "tests/fixtures/warnlists/shorteners.txt", NULL), 0);
	fresh();
	const char *names[] = {"A", "B", "C", "D"};
	for (int i = 0; i < 4; i++) {
		uint32_t x = actor(names[i]);
		ind("104.16.1.1", x);
		ind("hxxp://bit[.]ly/3xYz", x);
		if (i >= 2)
			ind("45.77.1.10", x);
	}
	struct overlap *ov = compute(wl);
	size_t n;
	struct evidence ip = row(ov, "A", "B", "104.16.1.1", &n);
	assert_int_equal(n, 3); /* the address, the URL and its host */
	assert_true(ip.flags & EV_WARNLISTED);
	assert_string_equal(ip.warninglist, "Test CDN ranges");
	assert_true(fabs(ip.list - 0.1) < EPS);
	struct evidence url = row(ov, "A", "B", "http://bit.ly/3xYz", NULL);
	assert_string_equal(url.warninglist, "Test URL shorteners");
	struct evidence host = row(ov, "A", "B", "bit.ly", NULL);
	assert_true(host.flags & EV_WARNLISTED);
	assert_int_equal(overlap_pair_find(ov, unit(ov, "A"), unit(ov, "B")), UINT32_MAX);
	uint32_t k = overlap_pair_find(ov, unit(ov, "C"), unit(ov, "D"));
	assert_int_not_equal(k, UINT32_MAX);
	/* N = 4. The listed three have df 4: idf = ln(5/5) + 1 = 1, weights at
	 * one tenth: 0.6 * 0.5 * 0.1 = 0.03 (ip), 0.04 (url 0.8), 0.045 (domain
	 * 0.9). 45.77.1.10 has df 2: idf = ln(5/3) + 1 = 1.5108256, weight
	 * 1.5108256 * 0.6 * 0.5 = 0.4532477. Sum 0.5682477. */
	const struct overlap_pair *p = &overlap_pairs(ov, &n)[k];
	assert_true(fabs(p->weight - (0.115 + (log(5.0 / 3) + 1) * 0.3)) < EPS);
	assert_true(fabs(p->weight - 0.5682477) < 1e-6);
	assert_int_equal(p->shared, 4);
	teardown(ov);
	warnlist_free(wl);
}

/* Time: A and B used 185.1.1.1 three years apart (2018-01-10 and
 * 2021-01-10: gap 1096 days, exp(-(1096 - 30) / 365) = 0.054, floored to
 * 0.1); C and D used 185.2.2.2 in the same month (gap 19 <= 30: factor 1).
 * N = 4, df 2: idf = ln(5/3) + 1 = 1.5108256; w = 1.5108256 * 0.6 * 0.5 = 0.4532477
 * same month, 0.0453248 three years apart. */
static void test_time(void **state)
{
	(void)state;
	fresh();
	int32_t d1 = date_from_ymd(2018, 1, 10), d2 = date_from_ymd(2021, 1, 10);
	int32_t m1 = date_from_ymd(2020, 3, 1), m2 = date_from_ymd(2020, 3, 20);
	assert_int_equal(d2 - d1, 1096);
	indicates("185.1.1.1", actor("A"), -1, d1, d1);
	indicates("185.1.1.1", actor("B"), -1, d2, d2);
	indicates("185.2.2.2", actor("C"), -1, m1, m1);
	indicates("185.2.2.2", actor("D"), -1, m2, m2);
	struct overlap *ov = compute(NULL);
	struct evidence far = row(ov, "A", "B", "185.1.1.1", NULL);
	struct evidence near = row(ov, "C", "D", "185.2.2.2", NULL);
	assert_true(fabs(far.time - 0.1) < EPS);
	assert_true(fabs(near.time - 1.0) < EPS);
	assert_false(far.flags & EV_UNDATED);
	assert_true(fabs(near.weight - 0.4532477) < 1e-6);
	assert_true(fabs(far.weight - 0.0453248) < 1e-6);
	assert_true(far.weight < near.weight);
	/* the decay itself: one year past the slack is exp(-1) */
	int undated;
	assert_true(fabs(overlap_time_factor(0, 0, 395, 395, 30, &undated) - exp(-1)) < EPS);
	assert_true(fabs(overlap_time_factor(0, 10, 40, 50, 30, &undated) - 1) < EPS);
	assert_true(fabs(overlap_time_factor(0, 400, 200, 210, 30, &undated) - 1) < EPS);
	assert_true(fabs(overlap_time_factor(DATE_UNKNOWN, DATE_UNKNOWN, 5, 5, 30, &undated) - 1) <
		    EPS);
	assert_true(undated);
	teardown(ov);
}

/* Confidence is the weakest link of the best path: A reaches evil.example.net
 * through campaign C (attributed-to at 90, indicates at 40): weakest 40.
 * B reaches it directly at 80. Pair conf = min(40, 80) = 0.4. Then A gets a
 * second path through infrastructure (uses 70, consists-of 60): weakest 60
 * beats 40, so the pair conf becomes min(60, 80) = 0.6. */
static void test_confidence(void **state)
{
	(void)state;
	for (int second = 0; second < 2; second++) {
		fresh();
		uint32_t a = actor("A"), b = actor("B");
		uint32_t c = graph_named_node(g, NODE_CAMPAIGN, "Operation C", F);
		struct prov p90 = pv(90, DATE_UNKNOWN, DATE_UNKNOWN);
		graph_add_edge(g, c, a, REL_ATTRIBUTED_TO, &p90, 0);
		indicates("evil.example.net", c, 40, DATE_UNKNOWN, DATE_UNKNOWN);
		indicates("evil.example.net", b, 80, DATE_UNKNOWN, DATE_UNKNOWN);
		if (second) {
			uint32_t infra = graph_named_node(g, NODE_INFRASTRUCTURE, "C2 set", F);
			struct prov p70 = pv(70, DATE_UNKNOWN, DATE_UNKNOWN);
			struct prov p60 = pv(60, DATE_UNKNOWN, DATE_UNKNOWN);
			graph_add_edge(g, a, infra, REL_USES, &p70, 0);
			graph_add_edge(g, infra, graph_find(g, NODE_DOMAIN, "evil.example.net"),
				       REL_CONSISTS_OF, &p60, 0);
		}
		struct overlap *ov = compute(NULL);
		struct evidence r = row(ov, "A", "B", "evil.example.net", NULL);
		assert_int_equal(r.in_a->conf, second ? 60 : 40);
		assert_int_equal(r.in_b->conf, 80);
		assert_true(fabs(r.conf - (second ? 0.6 : 0.4)) < EPS);
		/* the campaign is attributed: not a unit of its own */
		assert_int_equal(overlap_unit_count(ov), 2);
		teardown(ov);
	}
}

static char *path_of(struct overlap *ov, const struct membership *m)
{
	struct strbuf sb = STRBUF_INIT;
	overlap_path_text(ov, m, &sb);
	return strbuf_detach(&sb);
}

/* Paths: actor -> campaign -> indicator URL -> its host. */
static void test_paths(void **state)
{
	(void)state;
	fresh();
	uint32_t bd = actor("BackdoorDiplomacy"), other = actor("Quarian cluster");
	uint32_t c = graph_named_node(g, NODE_CAMPAIGN, "Campaign X", F);
	struct prov p = pv(-1, DATE_UNKNOWN, DATE_UNKNOWN);
	graph_add_edge(g, c, bd, REL_ATTRIBUTED_TO, &p, 0);
	ind("http://web.vpnkerio.com/update.php", c);
	ind("web.vpnkerio.com", other);
	struct overlap *ov = compute(NULL);
	size_t n;
	struct evidence r = row(ov, "BackdoorDiplomacy", "Quarian cluster", "web.vpnkerio.com", &n);
	assert_int_equal(n, 1);
	/* the campaign is a seed of BackdoorDiplomacy's unit: two edges on */
	assert_int_equal(r.in_a->path_len, 2);
	char *t = path_of(ov, r.in_a);
	assert_string_equal(t, "BackdoorDiplomacy <-attributed-to- campaign Campaign X "
			       "<-indicates- http://web.vpnkerio.com/update.php -has-host-> "
			       "web.vpnkerio.com");
	free(t);
	t = path_of(ov, r.in_b);
	assert_string_equal(t, "Quarian cluster <-indicates- web.vpnkerio.com");
	free(t);
	teardown(ov);
}

/* Aliases: two actor nodes joined by an alias claim are one unit, found by
 * either name; their values are pooled. */
static void test_aliases(void **state)
{
	(void)state;
	fresh();
	uint32_t bd = actor("BackdoorDiplomacy"), q = actor("Quarian"), c = actor("APT15");
	alias_claim(g, bd, "Quarian", F);
	ind("pmdskm.top", bd);
	ind("szsz.pmdskm.top", q);
	ind("szsz.pmdskm.top", c);
	ind("pmdskm.top", c);
	struct overlap *ov = compute(NULL);
	assert_int_equal(overlap_unit_count(ov), 2);
	uint32_t u = unit(ov, "quarian");
	assert_int_equal(unit(ov, "Backdoor Diplomacy"), u);
	assert_int_equal(overlap_unit_of_node(ov, q), u);
	size_t n;
	overlap_members(ov, u, &n);
	assert_int_equal(n, 2);
	const struct overlap_pair *p = overlap_pairs(ov, &n);
	assert_int_equal(n, 1);
	assert_int_equal(p->shared, 2);
	/* identical sets of the only two values, undated: each weighs
	 * idf 1 * 0.9 * 0.5 = 0.45, so S = 0.9, wbar = 0.45, and with V = 2 the
	 * chance term E = 0.45 * 2 * 2 / 2 = 0.9: score 0.9 / (0.9 + 0.9 +
	 * 0.45) = 0.4. Two sets that are all the data could be equal by chance. */
	assert_true(fabs(p->score - 0.4) < EPS);
	teardown(ov);
}

/* Reports: one that mentions one actor speaks for it; one that mentions two
 * stays a unit of its own; one attributed explicitly joins its actor. */
static void test_report_units(void **state)
{
	(void)state;
	fresh();
	uint32_t a = actor("A"), b = actor("B");
	struct prov p = pv(-1, DATE_UNKNOWN, DATE_UNKNOWN);
	uint32_t r1 = graph_named_node(g, NODE_REPORT, "Report on A", F);
	graph_add_edge(g, r1, a, REL_MENTIONS, &p, 0);
	uint32_t d1 = obs_add(g, NODE_DOMAIN, "one.example.org", 15, &p, NULL, NULL);
	graph_add_edge(g, r1, d1, REL_MENTIONS, &p, 0);
	uint32_t r2 = graph_named_node(g, NODE_REPORT, "Report on A and B", F);
	graph_add_edge(g, r2, a, REL_MENTIONS, &p, 0);
	graph_add_edge(g, r2, b, REL_MENTIONS, &p, 0);
	uint32_t d2 = obs_add(g, NODE_DOMAIN, "two.example.org", 15, &p, NULL, NULL);
	graph_add_edge(g, r2, d2, REL_MENTIONS, &p, 0);
	uint32_t r3 = graph_named_node(g, NODE_REPORT, "MISP event on B", F);
	graph_add_edge(g, r3, b, REL_ATTRIBUTED_TO, &p, 0);
	graph_add_edge(g, r3, d1, REL_MENTIONS, &p, 0);
	/* a report on one unattributed campaign joins it */
	uint32_t c = graph_named_node(g, NODE_CAMPAIGN, "Operation Lone", F);
	uint32_t r4 = graph_named_node(g, NODE_REPORT, "Report on Operation Lone", F);
	graph_add_edge(g, r4, c, REL_MENTIONS, &p, 0);
	uint32_t d4 = obs_add(g, NODE_DOMAIN, "lone.example.org", 16, &p, NULL, NULL);
	graph_add_edge(g, r4, d4, REL_MENTIONS, &p, 0);
	struct overlap *ov = compute(NULL);
	assert_int_equal(overlap_unit_count(ov), 4);
	/* the report is no unit of its own: its title finds its campaign's */
	assert_int_equal(overlap_unit_find(ov, "Report on Operation Lone"), unit(ov, "Operation Lone"));
	size_t nl;
	const struct membership *ml = overlap_members(ov, unit(ov, "Operation Lone"), &nl);
	assert_int_equal(nl, 1);
	assert_int_equal(ml->value, d4);
	uint32_t u2 = unit(ov, "Report on A and B");
	assert_int_equal(overlap_unit(ov, u2)->kind, UNIT_REPORT);
	assert_int_equal(overlap_unit_find(ov, "Report on A"), unit(ov, "A"));
	struct evidence r = row(ov, "A", "B", "one.example.org", NULL);
	char *t = path_of(ov, r.in_a);
	assert_string_equal(
	    t, "A <-(structural: object_refs name only A)- report Report on A -mentions-> "
	       "one.example.org");
	free(t);
	t = path_of(ov, r.in_b);
	assert_string_equal(t, "B <-attributed-to- report MISP event on B -mentions-> "
			       "one.example.org");
	free(t);
	size_t n;
	overlap_members(ov, u2, &n);
	assert_int_equal(n, 1);
	teardown(ov);
}

/* One report held in two formats (same values, no actor) is one unit: the
 * titled rendering stands for the file-named one, and its values count once
 * in df. Actor A shares x.example.org with it.
 *   units: A, "Shared Report"  (the copy folds) -> N = 2
 *   df(x.example.org) = 2, so idf = ln(3/3) + 1 = 1, not ln(4/4) + 1 with a
 *   third unit; and no pair of the report with its own copy is listed. */
static void test_same_report_in_two_formats_folds(void **state)
{
	(void)state;
	fresh();
	uint32_t a = actor("A");
	struct prov p = pv(-1, DATE_UNKNOWN, DATE_UNKNOWN);
	uint32_t titled = graph_named_node(g, NODE_REPORT, "Shared Report", F);
	uint32_t F2 = graph_add_file(g, "tests/iocs.csv", "csv");
	struct prov p2 = prov_empty(F2);
	uint32_t filed = graph_named_node(g, NODE_REPORT, "iocs.csv", F2);
	const char *vals[] = {"x.example.org", "y.example.org", "198.51.100.7"};
	for (int i = 0; i < 3; i++) {
		uint32_t v = obs_add(g, -1, vals[i], strlen(vals[i]), &p, NULL, NULL);
		graph_add_edge(g, titled, v, REL_MENTIONS, &p, 0);
		graph_add_edge(g, filed, v, REL_MENTIONS, &p2, 0);
	}
	ind("x.example.org", a);
	ind("only-a.example.org", a);
	struct overlap *ov = compute(NULL);
	uint32_t ur = unit(ov, "Shared Report");
	assert_int_equal(overlap_unit_find(ov, "iocs.csv"), ur);
	uint32_t uf = overlap_unit_of_node(ov, filed);
	assert_int_equal(uf, ur);
	size_t n;
	const struct overlap_pair *pairs = overlap_pairs(ov, &n);
	assert_int_equal(n, 1);
	assert_int_equal(overlap_df(ov, graph_find(g, NODE_DOMAIN, "x.example.org")), 2);
	assert_true((pairs[0].a == ur) != (pairs[0].b == ur));
	teardown(ov);
}

/* Revoked actors are no unit; --asof drops facts first seen later; a
 * partial (OpenIOC contains) path is shown with weight 0. */
static void test_revoked_asof_partial(void **state)
{
	(void)state;
	fresh();
	uint32_t a = actor("A"), b = actor("B"), old = actor("Old");
	g->nodes[old].flags |= NODE_F_REVOKED;
	ind("x.example.com", old);
	ind("x.example.com", a);
	indicates("x.example.com", b, -1, date_from_ymd(2022, 5, 1), DATE_UNKNOWN);
	struct prov p = pv(-1, DATE_UNKNOWN, DATE_UNKNOWN);
	uint32_t y = obs_add(g, NODE_DOMAIN, "y.example.com", 13, &p, NULL, NULL);
	graph_add_edge(g, y, a, REL_INDICATES, &p, EDGE_F_PARTIAL);
	graph_add_edge(g, y, b, REL_INDICATES, &p, 0);
	graph_finish(g);
	struct overlap_opts o;
	overlap_opts_default(&o);
	struct overlap *ov = overlap_compute(g, &o);
	assert_int_equal(overlap_unit_count(ov), 2);
	assert_int_equal(overlap_unit_find(ov, "Old"), UINT32_MAX);
	struct evidence r = row(ov, "A", "B", "y.example.com", NULL);
	assert_true(r.flags & EV_PARTIAL);
	assert_true(r.weight == 0);
	size_t n;
	assert_int_equal(overlap_pairs(ov, &n)->shared, 1);
	overlap_free(ov);
	o.include_revoked = 1;
	ov = overlap_compute(g, &o);
	assert_int_equal(overlap_unit_count(ov), 3);
	overlap_free(ov);
	o.include_revoked = 0;
	o.asof = date_from_ymd(2021, 1, 1);
	ov = overlap_compute(g, &o);
	/* B's x.example.com was first seen in 2022: only the partial y is left */
	overlap_pairs(ov, &n);
	assert_int_equal(n, 0);
	struct evidence *ev;
	assert_int_equal(overlap_why(ov, unit(ov, "A"), unit(ov, "B"), &ev, NULL, NULL), 1);
	free(ev);
	teardown(ov);
}

/* Near misses: a look-alike registrable domain (one edit), a subdomain of
 * the other's domain and the same /24 are listed, never counted. */
static void test_near_misses(void **state)
{
	(void)state;
	fresh();
	uint32_t a = actor("FamousSparrow"), b = actor("GhostEmperor");
	ind("credits.offices-analytics.com", a);
	ind("credits.officesanalytics.com", b);
	ind("mail.evil-site.net", a);
	ind("evil-site.net", b);
	ind("45.77.1.10", a);
	ind("45.77.1.20", b);
	ind("27.102.113.240", a);
	ind("27.102.113.240", b);
	struct overlap *ov = compute(NULL);
	struct evidence *ev;
	struct near_miss *near;
	size_t nn;
	size_t n =
	    overlap_why(ov, unit(ov, "FamousSparrow"), unit(ov, "GhostEmperor"), &ev, &near, &nn);
	assert_int_equal(n, 1);
	assert_string_equal(graph_node_key(g, ev[0].value), "27.102.113.240");
	assert_int_equal(nn, 3);
	int look = 0, sub = 0, net = 0;
	for (size_t i = 0; i < nn; i++) {
		const char *x = graph_node_key(g, near[i].value_a);
		const char *y = graph_node_key(g, near[i].value_b);
		if (!strcmp(x, "credits.offices-analytics.com") &&
		    !strcmp(y, "credits.officesanalytics.com") && strstr(near[i].why, "1 edit"))
			look++;
		if (!strcmp(x, "mail.evil-site.net") && !strcmp(y, "evil-site.net") &&
		    strstr(near[i].why, "subdomain"))
			sub++;
		if (!strcmp(x, "45.77.1.10") && !strcmp(y, "45.77.1.20") &&
		    strstr(near[i].why, "/24"))
			net++;
	}
	assert_int_equal(look + sub + net, 3);
	free(ev);
	free(near);
	size_t np;
	assert_int_equal(overlap_pairs(ov, &np)->shared, 1);
	teardown(ov);
}

/* The same facts added in another order give the same units, pairs,
 * scores, evidence and paths. */
struct fact {
	const char *value, *who;
	int conf;
};

static const struct fact facts[] = {
    {"a.example.com", "Red", 60},    {"a.example.com", "Blue", -1},
    {"b.example.com", "Blue", 70},   {"b.example.com", "Green", 30},
    {"c.example.com", "Green", -1},  {"c.example.com", "Red", 90},
    {"1.2.3.4", "Red", -1},	     {"1.2.3.4", "Blue", -1},
    {"1.2.3.4", "Green", -1},	     {"http://a.example.com/x", "Green", 55},
    {"d.example.com", "Yellow", -1}, {"d.example.com", "Red", -1},
};

static char *snapshot(int reverse)
{
	fresh();
	size_t nf = sizeof(facts) / sizeof(facts[0]);
	for (size_t i = 0; i < nf; i++) {
		const struct fact *f = &facts[reverse ? nf - 1 - i : i];
		indicates(f->value, actor(f->who), f->conf, DATE_UNKNOWN, DATE_UNKNOWN);
	}
	struct overlap *ov = compute(NULL);
	struct strbuf sb = STRBUF_INIT;
	size_t n;
	const struct overlap_pair *p = overlap_pairs(ov, &n);
	for (size_t i = 0; i < n; i++) {
		strbuf_addf(&sb, "%s|%s|%.12f|%.12f|%u\n", overlap_unit_name(ov, p[i].a),
			    overlap_unit_name(ov, p[i].b), p[i].score, p[i].weight, p[i].shared);
		struct evidence *ev;
		size_t ne = overlap_why(ov, p[i].a, p[i].b, &ev, NULL, NULL);
		for (size_t j = 0; j < ne; j++) {
			strbuf_addf(&sb, "  %s %.12f ", graph_node_key(g, ev[j].value),
				    ev[j].weight);
			overlap_path_text(ov, ev[j].in_a, &sb);
			strbuf_adds(&sb, " / ");
			overlap_path_text(ov, ev[j].in_b, &sb);
			strbuf_addc(&sb, '\n');
		}
		free(ev);
	}
	teardown(ov);
	return strbuf_detach(&sb);
}

static void test_determinism(void **state)
{
	(void)state;
	char *x = snapshot(0), *y = snapshot(1);
	assert_string_equal(x, y);
	assert_non_null(strstr(x, "Blue|Red|"));
	free(x);
	free(y);
}

/* Clusters at 0.4. N = 6 units; the four shared values have df 2: idf
 * ln(7/3) + 1 = 1.8473, own weight 0.8313; F's thirty own values df 1:
 * 1.0138 each. wbar = (8 * 0.8313 + 30 * 1.0138) / 38 = 0.9754, V = 34.
 *   A-B: E = 0.9754 * 2 * 2 / 34 = 0.1148, score 0.8313 / 1.9215 = 0.433
 *   B-C: E = 0.0574, 0.446; D-E: E = 0.0287, 0.453
 *   A-F: F holds 31 values, E = 0.9754 * 2 * 31 / 34 = 1.7786: 0.232
 * so A, B, C and D, E cluster at 0.4, and F joins only below 0.232. */
static void test_clusters(void **state)
{
	(void)state;
	fresh();
	uint32_t a = actor("A"), b = actor("B"), c = actor("C"), d = actor("D"), e = actor("E"),
		 f = actor("F");
	ind("ab.example.com", a);
	ind("ab.example.com", b);
	ind("bc.example.com", b);
	ind("bc.example.com", c);
	ind("de.example.com", d);
	ind("de.example.com", e);
	ind("af.example.com", a);
	ind("af.example.com", f);
	char v[64];
	for (int i = 0; i < 30; i++) {
		snprintf(v, sizeof(v), "f%d.example.com", i);
		ind(v, f);
	}
	struct overlap *ov = compute(NULL);
	size_t n;
	const struct cluster *cl = overlap_clusters(ov, 0.4, &n);
	assert_int_equal(n, 2);
	assert_int_equal(cl[0].nmembers, 3);
	assert_string_equal(overlap_unit_name(ov, cl[0].members[0]), "A");
	assert_string_equal(overlap_unit_name(ov, cl[0].members[1]), "B");
	assert_string_equal(overlap_unit_name(ov, cl[0].members[2]), "C");
	assert_int_equal(cl[0].nlinks, 2);
	assert_int_equal(cl[1].nmembers, 2);
	assert_string_equal(overlap_unit_name(ov, cl[1].members[0]), "D");
	size_t np;
	const struct overlap_pair *pairs = overlap_pairs(ov, &np);
	uint32_t k = overlap_pair_find(ov, unit(ov, "A"), unit(ov, "F"));
	assert_int_not_equal(k, UINT32_MAX);
	assert_true(fabs(pairs[k].score - 0.232) < 0.001);
	assert_true(fabs(pairs[overlap_pair_find(ov, unit(ov, "A"), unit(ov, "B"))].score - 0.433) <
		    0.001);
	/* at threshold 0 everything linked is one group with F */
	cl = overlap_clusters(ov, 0.0, &n);
	assert_int_equal(n, 2);
	assert_int_equal(cl[0].nmembers, 4);
	teardown(ov);
}

/* Tools and techniques are separate dimensions: Jaccard of the sets. */
static void test_tools_dimension(void **state)
{
	(void)state;
	fresh();
	uint32_t a = actor("A"), b = actor("B");
	struct prov p = pv(-1, DATE_UNKNOWN, DATE_UNKNOWN);
	uint32_t plugx = graph_named_node(g, NODE_MALWARE, "PlugX", F);
	uint32_t mimi = graph_named_node(g, NODE_TOOL, "Mimikatz", F);
	uint32_t t1 = graph_named_node(g, NODE_TECHNIQUE, "T1003", F);
	graph_add_edge(g, a, plugx, REL_USES, &p, 0);
	graph_add_edge(g, b, plugx, REL_USES, &p, 0);
	graph_add_edge(g, b, mimi, REL_USES, &p, 0);
	graph_add_edge(g, a, t1, REL_USES, &p, 0);
	graph_add_edge(g, b, t1, REL_USES, &p, 0);
	ind("s.example.com", a);
	ind("s.example.com", b);
	struct overlap *ov = compute(NULL);
	size_t n;
	const struct overlap_pair *pr = overlap_pairs(ov, &n);
	assert_int_equal(n, 1);
	/* tools: {PlugX} vs {PlugX, Mimikatz}: 1/2; techniques {T1003} both: 1 */
	assert_true(fabs(pr->tools - 0.5) < EPS);
	assert_int_equal(pr->ntools, 1);
	assert_true(fabs(pr->techniques - 1.0) < EPS);
	/* and the infrastructure score is untouched by them: S = 0.45, one
	 * value in all (V = 1, E = 0.45), K = 0.45: 1/3 */
	assert_true(fabs(pr->score - 1.0 / 3) < EPS);
	teardown(ov);

	/* Values behind a tool stay in the source that states them: A and B use
	 * PlugX according to one file, a second file says C uses PlugX and a
	 * sample hash indicates PlugX. Only C reaches the hash. */
	fresh();
	a = actor("A");
	b = actor("B");
	uint32_t c = actor("C");
	plugx = graph_named_node(g, NODE_MALWARE, "PlugX", F);
	graph_add_edge(g, a, plugx, REL_USES, &p, 0);
	graph_add_edge(g, b, plugx, REL_USES, &p, 0);
	uint32_t f2 = graph_add_file(g, "tests/playbook.json", "stix2");
	struct prov q = prov_empty(f2);
	graph_add_edge(g, c, plugx, REL_USES, &q, 0);
	const char *hash = "30f48c2586567814ce8727c99580b8998d4478501bf99f71da9c214e7960988f";
	uint32_t h = obs_add(g, NODE_FILE, hash, strlen(hash), &q, NULL, NULL);
	graph_add_edge(g, h, plugx, REL_INDICATES, &q, 0);
	ov = compute(NULL);
	overlap_members(ov, unit(ov, "A"), &n);
	assert_int_equal(n, 0);
	const struct membership *m = overlap_members(ov, unit(ov, "C"), &n);
	assert_int_equal(n, 1);
	assert_int_equal(m->value, h);
	overlap_pairs(ov, &n);
	assert_int_equal(n, 0);
	teardown(ov);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_score_by_hand),
	    cmocka_unit_test(test_one_publisher),
	    cmocka_unit_test(test_rarity_and_cap),
	    cmocka_unit_test(test_warninglists),
	    cmocka_unit_test(test_time),
	    cmocka_unit_test(test_confidence),
	    cmocka_unit_test(test_paths),
	    cmocka_unit_test(test_aliases),
	    cmocka_unit_test(test_report_units),
	    cmocka_unit_test(test_same_report_in_two_formats_folds),
	    cmocka_unit_test(test_revoked_asof_partial),
	    cmocka_unit_test(test_near_misses),
	    cmocka_unit_test(test_determinism),
	    cmocka_unit_test(test_clusters),
	    cmocka_unit_test(test_tools_dimension),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
