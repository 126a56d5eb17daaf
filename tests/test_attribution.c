/* Attribution of reports and campaigns (graph/attribution.h), copies of one
 * report (graph/copies.h) and the three relations of the overlap engine, on
 * hand-built graphs whose answers are worked out in the comments
 * (idf = ln((N + 1) / (df + 1)) + 1, domain 0.9, confidence absent 0.5,
 * score = S / (S + E + K), E = wbar n_A n_B / V, K = wbar). */
#include "tests/testutil.h"

#include <math.h>

#include "graph/alias.h"
#include "graph/attribution.h"
#include "graph/copies.h"
#include "graph/graph.h"
#include "graph/observable.h"
#include "graph/overlap.h"
#include "graph/strbuf.h"

#define EPS 1e-9

static struct graph *g;

static uint32_t file(const char *path)
{
	return graph_add_file(g, path, "stix2");
}

static uint32_t actor(const char *name, uint32_t f)
{
	uint32_t a = graph_named_node(g, NODE_ACTOR, name, f);
	alias_strong_identity(g, a, name);
	return a;
}

static uint32_t report(const char *title, uint32_t f)
{
	return graph_report_node(g, title, NULL, f);
}

static void edge(uint32_t a, uint32_t b, int rel, uint32_t f)
{
	struct prov p = prov_empty(f);
	graph_add_edge(g, a, b, rel, &p, 0);
}

static uint32_t value(const char *v, uint32_t f)
{
	struct prov p = prov_empty(f);
	uint32_t n = obs_add(g, -1, v, strlen(v), &p, NULL, NULL);
	assert_int_not_equal(n, NODE_NONE);
	return n;
}

/* report -mentions-> value */
static void mentions(uint32_t r, const char *v, uint32_t f)
{
	edge(r, value(v, f), REL_MENTIONS, f);
}

/* value -indicates-> who */
static void indicates(const char *v, uint32_t who, uint32_t f)
{
	edge(value(v, f), who, REL_INDICATES, f);
}

static struct overlap *compute(const struct attrib_decision *d, size_t nd)
{
	graph_finish(g);
	struct overlap_opts o;
	overlap_opts_default(&o);
	o.decisions = d;
	o.ndecisions = nd;
	return overlap_compute(g, &o);
}

static void fresh(void)
{
	g = graph_new();
}

static void done(struct overlap *ov)
{
	overlap_free(ov);
	graph_free(g);
	g = NULL;
}

static const struct attribution *attrib(struct overlap *ov, uint32_t n)
{
	const struct attribution *a = attribution_of(overlap_attribution(ov), n);
	assert_non_null(a);
	return a;
}

/* Explicit, structural through nested reports (a cycle included), one
 * campaign, none for a report naming two actors. */
static void test_reasons(void **state)
{
	(void)state;
	fresh();
	uint32_t f = file("feeds/unit42.json");
	uint32_t a = actor("Stately Taurus", f), b = actor("Other Taurus", f);
	/* explicit: a MISP-like event attributed to A */
	uint32_t ev = report("Event on A", f);
	edge(ev, a, REL_ATTRIBUTED_TO, f);
	mentions(ev, "ev.example.com", f);
	/* a playbook: the top report lists A and two sub-reports; the first
	 * lists an unattributed campaign, the second lists the top (a cycle) */
	uint32_t top = report("Playbook", f), r1 = report("Campaign 1 report", f),
		 r2 = report("Campaign 2 report", f);
	uint32_t c1 = graph_named_node(g, NODE_CAMPAIGN, "Campaign 1", f);
	edge(top, a, REL_MENTIONS, f);
	edge(top, r1, REL_MENTIONS, f);
	edge(top, r2, REL_MENTIONS, f);
	edge(r1, c1, REL_MENTIONS, f);
	edge(r2, top, REL_MENTIONS, f);
	indicates("c1.example.com", c1, f);
	mentions(r2, "r2.example.com", f);
	/* a report naming both actors speaks for neither */
	uint32_t both = report("Both Taurus", f);
	edge(both, a, REL_MENTIONS, f);
	edge(both, b, REL_MENTIONS, f);
	mentions(both, "both.example.com", f);
	/* a report naming no actor but one campaign speaks for it */
	uint32_t lone_c = graph_named_node(g, NODE_CAMPAIGN, "Lone campaign", f);
	uint32_t lone_r = report("On the lone campaign", f);
	edge(lone_r, lone_c, REL_MENTIONS, f);
	mentions(lone_r, "lone.example.com", f);
	struct overlap *ov = compute(NULL, 0);
	assert_int_equal(attrib(ov, ev)->reason, ATTRIB_EXPLICIT);
	assert_int_equal(attrib(ov, ev)->owner, alias_unit(g, a));
	assert_int_equal(attrib(ov, top)->reason, ATTRIB_STRUCTURAL);
	assert_int_equal(attrib(ov, r1)->reason, ATTRIB_STRUCTURAL);
	assert_int_equal(attrib(ov, r1)->via, top);
	assert_int_equal(attrib(ov, r2)->owner, alias_unit(g, a));
	assert_int_equal(attrib(ov, c1)->reason, ATTRIB_STRUCTURAL);
	assert_int_equal(attrib(ov, c1)->owner, alias_unit(g, a));
	assert_int_equal(attrib(ov, both)->reason, ATTRIB_NONE);
	assert_int_equal(attrib(ov, lone_r)->owner, lone_c);
	assert_int_equal(attribution_campaign(overlap_attribution(ov), lone_r), lone_c);
	/* A's unit reaches what its event, the playbook's sub-reports and the
	 * campaign state; the report naming both is a unit of its own */
	uint32_t ua = overlap_unit_find(ov, "Stately Taurus");
	size_t n;
	const struct membership *m = overlap_members(ov, ua, &n);
	assert_int_equal(n, 3);
	(void)m;
	uint32_t ub = overlap_unit_find(ov, "Both Taurus");
	assert_int_not_equal(ub, UINT32_MAX);
	assert_int_equal(overlap_unit(ov, ub)->kind, UNIT_REPORT);
	uint32_t ul = overlap_unit_find(ov, "Lone campaign");
	assert_int_equal(overlap_unit(ov, ul)->kind, UNIT_CAMPAIGN);
	overlap_members(ov, ul, &n);
	assert_int_equal(n, 1);
	done(ov);
}

/* Inferred from a name: a folder naming one known alias attributes with
 * the lower confidence; a title naming two actors attributes nothing and
 * is listed as a problem. */
static void test_inferred_from_name(void **state)
{
	(void)state;
	fresh();
	uint32_t cat = file("galaxy/threat-actor.json");
	uint32_t ep = actor("Evasive Panda", cat);
	alias_claim(g, ep, "StormBamboo", cat);
	actor("APT31", cat);
	uint32_t f = file("volexity/2024-08-02_StormBamboo/iocs.csv");
	uint32_t r = report("iocs", f);
	mentions(r, "103.96.130.107", f);
	uint32_t f2 = file("notes/APT31 and Evasive Panda compared.csv");
	uint32_t r2 = report("APT31 and Evasive Panda compared", f2);
	mentions(r2, "x.example.net", f2);
	struct overlap *ov = compute(NULL, 0);
	const struct attribution *a = attrib(ov, r);
	assert_int_equal(a->reason, ATTRIB_NAME);
	assert_int_equal(a->owner, alias_unit(g, ep));
	assert_string_equal(a->text, "StormBamboo");
	assert_int_equal(a->conf, ATTRIB_NAME_CONF);
	/* the evidence through it counts at most 40 */
	uint32_t u = overlap_unit_find(ov, "Evasive Panda");
	size_t n;
	const struct membership *m = overlap_members(ov, u, &n);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].conf, ATTRIB_NAME_CONF);
	assert_int_equal(attrib(ov, r2)->reason, ATTRIB_NONE);
	size_t np;
	const struct attrib_problem *pr = attribution_problems(overlap_attribution(ov), &np);
	assert_int_equal(np, 1);
	assert_int_equal(pr[0].subject, r2);
	assert_non_null(strstr(pr[0].text, "more than one actor"));
	done(ov);
}

/* The notes a file gives its values name its actor: 3 of 4 notes name
 * UTA0178 (an alias of UNC5221), none another: attributed, at 40. A file
 * whose notes name two actors, or name one only once, is not. */
static void test_inferred_from_notes(void **state)
{
	(void)state;
	fresh();
	uint32_t cat = file("galaxy/threat-actor.json");
	uint32_t unc = actor("UNC5221", cat);
	alias_claim(g, unc, "UTA0178", cat);
	actor("APT41", cat);
	uint32_t f = file("volexity/2024-01-10_Ivanti/iocs.csv");
	uint32_t r = report("iocs", f);
	mentions(r, "gpoaccess.com", f);
	const char *notes[] = {"DigitalOcean IP address tied to UTA0178.",
			       "Suspected UTA0178 domain discovered via registration patterns",
			       "UTA0178 domain used to collect credentials", "Webshell"};
	for (int i = 0; i < 4; i++)
		graph_add_attr(g, r, ATTR_NOTE, notes[i], f);
	uint32_t f2 = file("other/iocs.csv");
	uint32_t r2 = report("iocs", f2);
	mentions(r2, "other.example.com", f2);
	graph_add_attr(g, r2, ATTR_NOTE, "used by UTA0178", f2);
	graph_add_attr(g, r2, ATTR_NOTE, "also seen with APT41", f2);
	graph_add_attr(g, r2, ATTR_NOTE, "UTA0178 again", f2);
	uint32_t f3 = file("third/iocs.csv");
	uint32_t r3 = report("iocs", f3);
	mentions(r3, "third.example.com", f3);
	graph_add_attr(g, r3, ATTR_NOTE, "tied to UTA0178", f3);
	graph_add_attr(g, r3, ATTR_NOTE, "phishing page", f3);
	struct overlap *ov = compute(NULL, 0);
	const struct attribution *a = attrib(ov, r);
	assert_int_equal(a->reason, ATTRIB_NAME);
	assert_int_equal(a->owner, alias_unit(g, unc));
	assert_int_equal(a->notes_naming, 3);
	assert_int_equal(a->notes_total, 4);
	assert_int_equal(a->conf, ATTRIB_NAME_CONF);
	assert_int_equal(attrib(ov, r2)->reason, ATTRIB_NONE);
	assert_int_equal(attrib(ov, r3)->reason, ATTRIB_NONE);
	done(ov);
}

/* The analyst's decisions win: attribute to another actor, or to none;
 * a decision naming nothing loaded is a problem. */
static void test_analyst_decisions(void **state)
{
	(void)state;
	fresh();
	uint32_t f = file("feed.json");
	uint32_t a = actor("Alpha", f), b = actor("Bravo", f);
	uint32_t r1 = report("Report one", f), r2 = report("Report two", f);
	edge(r1, a, REL_ATTRIBUTED_TO, f);
	edge(r2, a, REL_ATTRIBUTED_TO, f);
	mentions(r1, "one.example.com", f);
	mentions(r2, "two.example.com", f);
	struct attrib_decision d[] = {
	    {"Report one", "Bravo", "same C2 panel", "jdoe", "2026-12-06T10:00:00Z"},
	    {"Report two", NULL, "not enough", "jdoe", NULL},
	    {"No such report", "Alpha", NULL, NULL, NULL},
	};
	struct overlap *ov = compute(d, 3);
	const struct attribution *x = attrib(ov, r1);
	assert_int_equal(x->reason, ATTRIB_ANALYST);
	assert_int_equal(x->owner, alias_unit(g, b));
	assert_string_equal(x->author, "jdoe");
	assert_string_equal(x->text, "same C2 panel");
	assert_int_equal(attrib(ov, r2)->owner, NODE_NONE);
	assert_int_equal(attrib(ov, r2)->reason, ATTRIB_ANALYST);
	assert_int_not_equal(overlap_unit_find(ov, "Report two"), UINT32_MAX);
	size_t np;
	attribution_problems(overlap_attribution(ov), &np);
	assert_int_equal(np, 1);
	done(ov);
}

/* An IOC list whose values name their actor directly (maltrail's
 * apt_23.txt: APT-C-23 by its header, named for the catalog's APT23) holds
 * no report; attributed to another actor, its statements are re-filed:
 *   apt_23.txt:        APT23 <- p, q
 *   apt_aridviper.txt: AridViper <- p, r
 *   catalog.json:      APT23 <- s
 * Before: APT23 {p, q, s} ~ AridViper {p, r} share p (an overlap). After
 * "apt_23.txt is AridViper's": APT23 {s}, AridViper {p, q, r}; no overlap
 * left, and AridViper's two sources agree on p (corroboration). Set apart
 * (attributed to none) it cannot be: no report to stand alone. */
/* The graph above, fresh; *fl gets apt_23.txt, *c23 its APT23. */
static void refile_fixture(uint32_t *fl, uint32_t *c23)
{
	fresh();
	*fl = file("trails/apt_23.txt");
	uint32_t fa = file("trails/apt_aridviper.txt"), fc = file("catalog.json");
	*c23 = actor("APT23", *fl);
	uint32_t av = actor("AridViper", fa);
	assert_int_equal(actor("APT23", fc), *c23);
	indicates("p.example.com", *c23, *fl);
	indicates("q.example.com", *c23, *fl);
	indicates("p.example.com", av, fa);
	indicates("r.example.com", av, fa);
	indicates("s.example.com", *c23, fc);
}

static void test_refile_ioc_list(void **state)
{
	(void)state;
	uint32_t fl, c23;
	refile_fixture(&fl, &c23);
	struct overlap *ov = compute(NULL, 0);
	size_t n;
	const struct overlap_pair *p = overlap_pairs(ov, &n);
	assert_int_equal(n, 1);
	assert_int_equal(p->shared, 1);
	done(ov);

	refile_fixture(&fl, &c23);
	struct attrib_decision d[] = {
	    {"apt_23.txt", "AridViper", "its header says APT-C-23", "lead", "2026-12-06"}};
	ov = compute(d, 1);
	size_t np, nr;
	attribution_problems(overlap_attribution(ov), &np);
	assert_int_equal(np, 0);
	const struct attrib_refile *r = attribution_refiled(overlap_attribution(ov), &nr);
	assert_int_equal(nr, 1);
	assert_int_equal(r->file, fl);
	assert_string_equal(r->author, "lead");
	overlap_pairs(ov, &n);
	assert_int_equal(n, 0);
	size_t nm;
	const struct membership *m = overlap_members(ov, overlap_unit_find(ov, "APT23"), &nm);
	assert_int_equal(nm, 1);
	assert_string_equal(graph_node_key(g, m[0].value), "s.example.com");
	uint32_t uav = overlap_unit_find(ov, "AridViper");
	m = overlap_members(ov, uav, &nm);
	assert_int_equal(nm, 3);
	/* q reaches AridViper from APT23's node through apt_23.txt only, and
	 * its path says who moved it */
	const struct membership *mq = NULL;
	for (size_t i = 0; i < nm; i++)
		if (!strcmp(graph_node_key(g, m[i].value), "q.example.com"))
			mq = &m[i];
	assert_non_null(mq);
	assert_int_equal(mq->start, c23);
	assert_ptr_equal(overlap_refile_of(ov, mq), r);
	struct strbuf sb = STRBUF_INIT;
	overlap_path_text(ov, mq, &sb);
	assert_string_equal(strbuf_str(&sb), "AridViper <-(analyst: 'apt_23.txt' re-filed by lead "
					     "on 2026-12-06: its header says APT-C-23)- APT23 "
					     "<-indicates- q.example.com");
	strbuf_free(&sb);
	p = overlap_pairs_rel(ov, PAIR_CORROBORATION, &n);
	assert_int_equal(n, 1);
	assert_int_equal(overlap_unit_parent(ov, p->a), uav);
	assert_int_equal(p->shared, 1);
	done(ov);

	/* set apart: a problem, nothing moves */
	fresh();
	fl = file("trails/apt_23.txt");
	c23 = actor("APT23", fl);
	indicates("pal2me.net", c23, fl);
	struct attrib_decision dl[] = {{"apt_23.txt", "", NULL, NULL, NULL}};
	ov = compute(dl, 1);
	const struct attrib_problem *pr = attribution_problems(overlap_attribution(ov), &np);
	assert_int_equal(np, 1);
	assert_non_null(strstr(pr[0].text, "holds no report or campaign to set apart"));
	attribution_refiled(overlap_attribution(ov), &nr);
	assert_int_equal(nr, 0);
	done(ov);
}

/* Copies: a CSV beside a bundle, 3 of its 3 values in the bundle, is a copy
 * and takes the bundle's actor; two lists naming different actors in one
 * folder never fold, however alike. */
static void test_copies(void **state)
{
	(void)state;
	fresh();
	uint32_t fb = file("cl/201611/misp.json"), fc = file("cl/201611/iocs.csv");
	uint32_t a = actor("KeyBoy", fb);
	const char *v[] = {"a.example.com", "b.example.com", "c.example.com", "d.example.com"};
	for (int i = 0; i < 4; i++)
		indicates(v[i], a, fb);
	uint32_t rc = report("201611 KeyBoy", fc);
	for (int i = 0; i < 3; i++)
		mentions(rc, v[i], fc);
	uint32_t fx = file("lists/apt_x.txt"), fy = file("lists/apt_y.txt");
	uint32_t x = actor("X", fx), y = actor("Y", fy);
	for (int i = 0; i < 3; i++) {
		indicates(v[i], x, fx);
		indicates(v[i], y, fy);
	}
	struct overlap *ov = compute(NULL, 0);
	const struct copies *cp = overlap_copies(ov);
	assert_int_equal(copies_group(cp, fc), copies_group(cp, fb));
	assert_non_null(strstr(copies_why(cp, fc), "3 of its 3 values"));
	assert_int_not_equal(copies_group(cp, fx), copies_group(cp, fy));
	const struct attribution *at = attrib(ov, rc);
	assert_int_equal(at->owner, alias_unit(g, a));
	assert_int_equal(at->copy_of, fb);
	assert_int_equal(overlap_unit_find(ov, "201611 KeyBoy"), overlap_unit_find(ov, "KeyBoy"));
	done(ov);
	/* a two-value rendering (MISP's converter tests: a collection as MISP
	 * JSON and as STIX 1.1) is a copy too; one value in common is not */
	fresh();
	uint32_t fm = file("tests/collection_1.json"), fs = file("tests/collection_stix11.xml");
	uint32_t fo = file("tests/other.json");
	uint32_t rm = report("MISP data in collection_1.json", fm);
	uint32_t rs = report("collection stix11", fs), ro = report("another", fo);
	const char *w[] = {"circl.lu", "149.13.33.14", "x.example.com"};
	for (int i = 0; i < 3; i++)
		mentions(rm, w[i], fm);
	mentions(rs, w[0], fs);
	mentions(rs, w[1], fs);
	mentions(ro, w[0], fo);
	mentions(ro, "y.example.com", fo);
	ov = compute(NULL, 0);
	cp = overlap_copies(ov);
	assert_int_equal(copies_group(cp, fs), copies_group(cp, fm));
	assert_non_null(strstr(copies_why(cp, fs), "2 of its 2 values"));
	assert_int_not_equal(copies_group(cp, fo), copies_group(cp, fm));
	done(ov);
}

/* Corroboration: actor A known from two files, F1 {x, y} and F2 {y, z};
 * B from a third {w}. Top-level: A {x, y, z}, B {w}: N = 2, every value
 * df 1: idf ln(3/2) + 1 = 1.4054651081, own weight 0.6324592986 = wbar,
 * V = 4. The sources of A: F1 and F2 share y: S = 0.6324592986,
 * E = wbar * 2 * 2 / 4 = wbar, K = wbar: score 1/3. No overlap pair. */
static void test_corroboration_by_hand(void **state)
{
	(void)state;
	fresh();
	uint32_t f1 = file("one/f1.json"), f2 = file("two/f2.json"), f3 = file("three/f3.json");
	uint32_t a = actor("A", f1);
	uint32_t b = actor("B", f3);
	indicates("x.example.com", a, f1);
	indicates("y.example.com", a, f1);
	indicates("y.example.com", a, f2);
	indicates("z.example.com", a, f2);
	indicates("w.example.com", b, f3);
	struct overlap *ov = compute(NULL, 0);
	size_t n;
	overlap_pairs(ov, &n);
	assert_int_equal(n, 0);
	const struct overlap_pair *p = overlap_pairs_rel(ov, PAIR_CORROBORATION, &n);
	assert_int_equal(n, 1);
	assert_int_equal(p->relation, PAIR_CORROBORATION);
	uint32_t ua = overlap_unit_find(ov, "A");
	assert_int_equal(overlap_unit_parent(ov, p->a), ua);
	assert_int_equal(overlap_unit(ov, p->a)->kind, UNIT_SOURCE);
	double w = (log(1.5) + 1) * 0.45;
	assert_true(fabs(p->weight - w) < EPS);
	assert_true(fabs(p->chance - w) < EPS);
	assert_true(fabs(p->score - 1.0 / 3) < EPS);
	uint32_t sources, agreed;
	overlap_corroboration(ov, ua, &sources, &agreed);
	assert_int_equal(sources, 2);
	assert_int_equal(agreed, 1);
	/* found by file name within the actor, and the relation says so */
	uint32_t s1 = overlap_unit_find_within(ov, ua, "f1.json");
	uint32_t s2 = overlap_unit_find_within(ov, ua, "two/f2.json");
	assert_int_equal(overlap_relation_of(ov, s1, s2), PAIR_CORROBORATION);
	done(ov);
}

/* Internal: two campaigns of A share q; a third shares nothing. Two
 * campaigns make A's only values: top-level A {p, q, r} and B {w}: wbar
 * 0.6324592986, V = 4; C1 {p, q} and C2 {q, r}: score 1/3 as above. */
static void test_internal_by_hand(void **state)
{
	(void)state;
	fresh();
	uint32_t f = file("feed.json");
	uint32_t a = actor("A", f), b = actor("B", f);
	uint32_t c1 = graph_named_node(g, NODE_CAMPAIGN, "C1", f),
		 c2 = graph_named_node(g, NODE_CAMPAIGN, "C2", f),
		 c3 = graph_named_node(g, NODE_CAMPAIGN, "C3", f);
	edge(c1, a, REL_ATTRIBUTED_TO, f);
	edge(c2, a, REL_ATTRIBUTED_TO, f);
	edge(c3, a, REL_ATTRIBUTED_TO, f);
	indicates("p.example.com", c1, f);
	indicates("q.example.com", c1, f);
	indicates("q.example.com", c2, f);
	indicates("r.example.com", c2, f);
	indicates("w.example.com", b, f);
	struct overlap *ov = compute(NULL, 0);
	size_t n;
	const struct overlap_pair *p = overlap_pairs_rel(ov, PAIR_INTERNAL, &n);
	assert_int_equal(n, 1);
	assert_string_equal(overlap_unit_name(ov, p->a), "C1");
	assert_string_equal(overlap_unit_name(ov, p->b), "C2");
	assert_true(fabs(p->score - 1.0 / 3) < EPS);
	overlap_pairs_rel(ov, PAIR_CORROBORATION, &n);
	assert_int_equal(n, 0); /* one file: one source */
	done(ov);
}

/* Forming only some relations (overlap_opts.relations) changes nothing in
 * those formed: A's campaigns C1 {p, q}, C2 {q, r}, B {r}; the overlap A ~ B
 * (on r) and the internal C1 ~ C2 (on q) come out the same whether the
 * other relations are formed or not, and without corroboration and
 * internal no campaign or source units exist at all. */
static void test_relations_formed(void **state)
{
	(void)state;
	fresh();
	uint32_t f = file("feed.json");
	uint32_t a = actor("A", f), b = actor("B", f);
	uint32_t c1 = graph_named_node(g, NODE_CAMPAIGN, "C1", f),
		 c2 = graph_named_node(g, NODE_CAMPAIGN, "C2", f);
	edge(c1, a, REL_ATTRIBUTED_TO, f);
	edge(c2, a, REL_ATTRIBUTED_TO, f);
	indicates("p.example.com", c1, f);
	indicates("q.example.com", c1, f);
	indicates("q.example.com", c2, f);
	indicates("r.example.com", c2, f);
	indicates("r.example.com", b, f);
	graph_finish(g);
	struct overlap_opts o;
	overlap_opts_default(&o);
	struct overlap *all = overlap_compute(g, &o);
	o.relations = 1u << PAIR_OVERLAP;
	struct overlap *ovl = overlap_compute(g, &o);
	o.relations = 1u << PAIR_INTERNAL;
	struct overlap *inl = overlap_compute(g, &o);
	assert_int_equal(overlap_unit_count_all(all), 4); /* A, B, C1, C2 */
	assert_int_equal(overlap_unit_count_all(ovl), 2);
	assert_int_equal(overlap_unit_count_all(inl), 4);
	size_t n1, n2;
	const struct overlap_pair *p1 = overlap_pairs_rel(all, PAIR_OVERLAP, &n1);
	const struct overlap_pair *p2 = overlap_pairs_rel(ovl, PAIR_OVERLAP, &n2);
	assert_int_equal(n1, 1);
	assert_int_equal(n2, 1);
	assert_string_equal(overlap_unit_name(ovl, p2->a), overlap_unit_name(all, p1->a));
	assert_string_equal(overlap_unit_name(ovl, p2->b), overlap_unit_name(all, p1->b));
	assert_true(p2->score == p1->score && p2->weight == p1->weight &&
		    p2->chance == p1->chance && p2->shared == p1->shared);
	overlap_pairs_rel(ovl, PAIR_INTERNAL, &n2);
	assert_int_equal(n2, 0);
	overlap_pairs_rel(inl, PAIR_OVERLAP, &n2);
	assert_int_equal(n2, 0);
	p1 = overlap_pairs_rel(all, PAIR_INTERNAL, &n1);
	p2 = overlap_pairs_rel(inl, PAIR_INTERNAL, &n2);
	assert_int_equal(n1, 1);
	assert_int_equal(n2, 1);
	assert_string_equal(overlap_unit_name(inl, p2->a), "C1");
	assert_string_equal(overlap_unit_name(inl, p2->b), "C2");
	assert_true(p2->score == p1->score && p2->weight == p1->weight);
	overlap_free(all);
	overlap_free(inl);
	done(ovl);
}

/* A report explicitly attributed to two actors makes it a source of each,
 * but what both reach only through it is one source's say-so: weight 0,
 * and the two are not paired for it. */
static void test_one_source_naming_two(void **state)
{
	(void)state;
	fresh();
	uint32_t f = file("event.json");
	uint32_t a = actor("A", f), b = actor("B", f);
	uint32_t r = report("Event naming both", f);
	edge(r, a, REL_ATTRIBUTED_TO, f);
	edge(r, b, REL_ATTRIBUTED_TO, f);
	mentions(r, "shared.example.com", f);
	struct overlap *ov = compute(NULL, 0);
	assert_int_equal(attrib(ov, r)->nowners, 2);
	size_t n;
	overlap_pairs(ov, &n);
	assert_int_equal(n, 0);
	struct evidence *ev;
	size_t ne = overlap_why(ov, overlap_unit_find(ov, "A"), overlap_unit_find(ov, "B"), &ev,
				NULL, NULL);
	assert_int_equal(ne, 1);
	assert_true(ev[0].flags & EV_ONE_SOURCE);
	assert_true(ev[0].weight == 0);
	free(ev);
	done(ov);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reasons),
	    cmocka_unit_test(test_inferred_from_name),
	    cmocka_unit_test(test_inferred_from_notes),
	    cmocka_unit_test(test_analyst_decisions),
	    cmocka_unit_test(test_copies),
	    cmocka_unit_test(test_corroboration_by_hand),
	    cmocka_unit_test(test_internal_by_hand),
	    cmocka_unit_test(test_relations_formed),
	    cmocka_unit_test(test_refile_ioc_list),
	    cmocka_unit_test(test_one_source_naming_two),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
