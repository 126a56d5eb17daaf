/* The facts every loader hands the scoring: the window a statement held in
 * (what the time factor compares), its confidence on the one 0..100 scale,
 * and values read right (stray words salvaged, "contains" on a whole value
 * exact, certificate fingerprints as x509). Our fixtures in
 * tests/fixtures/facts/ hold each case once; the corpus checks are values
 * looked up by hand in the files (dates decoded with python). */
#include "tests/testutil.h"
#include "tests/loadhelp.h"

#include "graph/date.h"
#include "loaders/confidence.h"
#include "loaders/ioc_target.h"
#include "loaders/salvage.h"
#include "loaders/textscan.h"

#define FX "tests/fixtures/facts/"

static int32_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* The one edge of rel from value to the node of (kind, name) by name. */
static const struct edge *edge_to(const struct loaded *l, int vkind, const char *value, int rel,
				  int kind, const char *name)
{
	uint32_t v = lh_find(l, vkind, value), t = graph_find_named(l->g, kind, name);
	assert_int_not_equal(v, NODE_NONE);
	assert_int_not_equal(t, NODE_NONE);
	const struct edge *e = lh_edge_at(l, v, t, rel);
	assert_non_null(e);
	return e;
}

/* The report --mentions--> value edge, whatever the report is keyed by. */
static const struct edge *mention_of(const struct loaded *l, int vkind, const char *value)
{
	uint32_t v = lh_find(l, vkind, value);
	assert_int_not_equal(v, NODE_NONE);
	struct adj adj = graph_adj(l->g, v);
	for (uint32_t i = 0; i < adj.count; i++) {
		const struct edge *e = graph_edge_at(l->g, adj.edges[i]);
		if (e->dst == v && e->rel == REL_MENTIONS)
			return e;
	}
	fail_msg("no report mentions %s", value);
	return NULL;
}

/* The message of the first diagnostic with code (static buffer), or "". */
static const char *diag_of(const struct loaded *l, int code)
{
	static char buf[1024];
	buf[0] = '\0';
	for (size_t i = 0; i < l->d.count; i++)
		if (l->d.items[i].code == code) {
			snprintf(buf, sizeof(buf), "%s", l->d.items[i].msg);
			break;
		}
	return buf;
}

#define assert_window(e, f, l)                     \
	do {                                       \
		assert_int_equal((e)->first, (f)); \
		assert_int_equal((e)->last, (l));  \
	} while (0)

/* ---- the scale and the helpers, by hand ---- */

static void confidence_scale(void **state)
{
	(void)state;
	assert_int_equal(conf_from_text("High", 4), 85);
	assert_int_equal(conf_from_text(" medium ", 8), 50);
	assert_int_equal(conf_from_text("Med", 3), 50);
	assert_int_equal(conf_from_text("low", 3), 15);
	assert_int_equal(conf_from_text("None", 4), CONF_NOT_FOR_DETECTION);
	assert_int_equal(conf_from_text("0", 1), CONF_NOT_FOR_DETECTION);
	assert_int_equal(conf_from_text("85%", 3), 85);
	assert_int_equal(conf_from_text("100", 3), 100);
	assert_int_equal(conf_from_text("101", 3), CONF_UNKNOWN);
	assert_int_equal(conf_from_text("0.8", 3), CONF_UNKNOWN);
	assert_int_equal(conf_from_text("Unknown", 7), CONF_UNKNOWN);
	assert_int_equal(conf_from_text("", 0), CONF_UNKNOWN);
	assert_int_equal(conf_from_number(-5), CONF_NOT_FOR_DETECTION);
	assert_int_equal(conf_from_number(0), CONF_NOT_FOR_DETECTION);
	assert_int_equal(conf_from_number(1), 1);
	assert_int_equal(conf_from_number(150), 100);
	assert_int_equal(conf_weakest(CONF_UNKNOWN, 70), 70);
	assert_int_equal(conf_weakest(80, CONF_UNKNOWN), 80);
	assert_int_equal(conf_weakest(80, 70), 70);
	assert_int_equal(conf_weakest(CONF_UNKNOWN, CONF_UNKNOWN), CONF_UNKNOWN);
	/* reduced, but never zero: it still links actors */
	assert_true(CONF_NOT_FOR_DETECTION > 0 && CONF_NOT_FOR_DETECTION < 50);
}

static void stray_words(void **state)
{
	(void)state;
	size_t off = 99, len = 99;
	const char *s = "domain autuo.xicp.net";
	assert_true(salvage_stray_words(NODE_DOMAIN, s, strlen(s), &off, &len));
	assert_int_equal(off, 7);
	assert_int_equal(len, 14);
	s = "IP 198.51.100.9 c2";
	assert_true(salvage_stray_words(-1, s, strlen(s), &off, &len));
	assert_int_equal(off, 3);
	assert_int_equal(len, 12);
	s = "url http://evil.example.com/a";
	assert_true(salvage_stray_words(NODE_URL, s, strlen(s), &off, &len));
	assert_int_equal(off, 4);
	/* not salvaged: two values, a blank inside a URL path, no blank, no
	 * value, a stray that is not a plain word */
	s = "one.example.com two.example.com";
	assert_false(salvage_stray_words(NODE_DOMAIN, s, strlen(s), &off, &len));
	s = "http://evil.example.com/a b";
	assert_false(salvage_stray_words(NODE_URL, s, strlen(s), &off, &len));
	s = "evil.example.com";
	assert_false(salvage_stray_words(NODE_DOMAIN, s, strlen(s), &off, &len));
	s = "AAM UpdatesHtA.exe";
	assert_false(salvage_stray_words(NODE_DOMAIN, s, strlen(s), &off, &len));
	s = "see evil.example.com (2021)";
	assert_false(salvage_stray_words(NODE_DOMAIN, s, strlen(s), &off, &len));
}

static void contains_complete(void **state)
{
	(void)state;
	assert_true(salvage_contains_is_exact(NODE_DOMAIN, "icc.ignorelist.com", 18));
	assert_true(salvage_contains_is_exact(-1, "223.25.233.248", 14));
	assert_true(salvage_contains_is_exact(NODE_FILE, "d41d8cd98f00b204e9800998ecf8427e", 32));
	assert_false(salvage_contains_is_exact(NODE_DOMAIN, "csmcpr", 6));
	assert_false(salvage_contains_is_exact(NODE_DOMAIN, "part.example.invalidtld", 23));
	assert_false(salvage_contains_is_exact(-1, "103.41.124.", 11));
	assert_false(salvage_contains_is_exact(NODE_URL, "http://part.example.org/gate", 28));
	assert_false(salvage_contains_is_exact(NODE_FILE, "d41d8cd98f00", 12));
}

static void section_kinds(void **state)
{
	(void)state;
	const char *yes[] = {"SSL Certificates SHA1, emails and IPs",
			     "Code Signing Certificates",
			     "TLS certificate SHA-1:",
			     "Digital Certificate",
			     "X.509",
			     "Thumbprints"};
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		assert_int_equal(textscan_section_kind(yes[i], strlen(yes[i])), NODE_X509);
	const char *no[] = {"C2 Domains:",
			    "JA3 fingerprints (TLS clients)",
			    "sslip.io hosts",
			    "Reference: https://example.com/ssl-certificate-abuse",
			    "Hashes",
			    "certificate.pkg dropped by the loader, then run by a task that "
			    "the operators scheduled"};
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_int_equal(textscan_section_kind(no[i], strlen(no[i])), -1);
}

static void dates_in_paths_and_urls(void **state)
{
	(void)state;
	assert_int_equal(ioc_target_date_from_path("x/2024/2024-08-02_StormBamboo/iocs.csv"),
			 ymd(2024, 8, 2));
	assert_int_equal(ioc_target_date_from_path("a/2023-09-22_EvilBamboo/indicators/iocs.csv"),
			 ymd(2023, 9, 22));
	assert_int_equal(ioc_target_date_from_path("IOCs/apt31/2021-11-10 APT31 IOCs.csv"),
			 ymd(2021, 11, 10));
	assert_int_equal(ioc_target_date_from_path("calisto/calisto_infrastructure_20220622"),
			 ymd(2022, 6, 22));
	assert_int_equal(ioc_target_date_from_path("x/Calypso_APT_-_March_2021"), ymd(2021, 3, 1));
	assert_int_equal(ioc_target_date_from_path("RedAlpha_-_June_2018/C2_IPs.txt"),
			 ymd(2018, 6, 1));
	/* not dates: a month without a day, hex in a hash, a year out of range,
	 * a folder three levels up, a word that only starts like a month */
	assert_int_equal(ioc_target_date_from_path("x/201603_Shifting_Tactics/iocs.csv"),
			 DATE_UNKNOWN);
	assert_int_equal(ioc_target_date_from_path("x/a20210923b.txt"), DATE_UNKNOWN);
	assert_int_equal(ioc_target_date_from_path("x/18500101.txt"), DATE_UNKNOWN);
	assert_int_equal(ioc_target_date_from_path("2021-01-01/a/b/c.txt"), DATE_UNKNOWN);
	assert_int_equal(ioc_target_date_from_path("x/201905_EndlessMayfly_2019/iocs.csv"),
			 DATE_UNKNOWN);
	assert_int_equal(ioc_target_date_from_path("x/2021-02-30_bad/iocs.csv"), DATE_UNKNOWN);

	/* a post id is a snowflake: 1797968559668400536 >> 22 ms after the
	 * Twitter epoch is 2024-06-04T12:28:03Z */
	const char *u = "https://x.com/jaydinbas/status/1797968559668400536";
	assert_int_equal(ioc_target_date_from_url(u, strlen(u)), ymd(2024, 6, 4));
	u = "https://twitter.com/someone/status/1824384420574634214?s=20";
	assert_int_equal(ioc_target_date_from_url(u, strlen(u)), ymd(2024, 8, 16));
	u = "https://www.dropbox.com/status/1797968559668400536";
	assert_int_equal(ioc_target_date_from_url(u, strlen(u)), DATE_UNKNOWN);
	u = "https://www.welivesecurity.com/2021/09/23/famoussparrow-suspicious-hotel-guest";
	assert_int_equal(ioc_target_date_from_url(u, strlen(u)), ymd(2021, 9, 23));
	u = "https://blog.example.com/2019/07/okrum/";
	assert_int_equal(ioc_target_date_from_url(u, strlen(u)), ymd(2019, 7, 1));
	u = "https://example.com/reports/2022-06-15-driftingcloud.pdf";
	assert_int_equal(ioc_target_date_from_url(u, strlen(u)), ymd(2022, 6, 15));
	u = "https://www.virustotal.com/gui/file/"
	    "1753abbd3a79ff9db264b3e05bbbd2fa6f0b983de1a66c341a8a"
	    "4cc71b4d6429/detection";
	assert_int_equal(ioc_target_date_from_url(u, strlen(u)), DATE_UNKNOWN);
	u = "https://securelist.com/ghostemperor-from-proxylogon-to-kernel-mode/104407/";
	assert_int_equal(ioc_target_date_from_url(u, strlen(u)), DATE_UNKNOWN);
}

/* ---- our fixtures ---- */

/* STIX 2: which window a statement takes, in order (see statement_window). */
static void stix2_windows(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l, FX "stix2-dates.json", NULL);
	assert_int_equal(l.rc, 0);
	const char *panda = "Dated Panda";
	/* the indicator's validity; confidence the weaker of 80 and 70; the
	 * actor's lifetime (2010..2024) does not fill the open end */
	const struct edge *e =
	    edge_to(&l, NODE_IPV4, "198.51.100.1", REL_INDICATES, NODE_ACTOR, panda);
	assert_window(e, ymd(2021, 9, 23), DATE_UNKNOWN);
	assert_int_equal(e->conf, 70);
	/* seen (a sighting) wins over a campaign's bounds; of the sighting's
	 * two versions the newer (2016-02-01..02) replaces the older (2023) */
	e = edge_to(&l, NODE_DOMAIN, "c2.example.com", REL_INDICATES, NODE_CAMPAIGN,
		    "Operation Window");
	assert_window(e, ymd(2016, 2, 1), ymd(2016, 2, 2));
	assert_int_equal(e->conf, CONF_UNKNOWN);
	/* a sighting of the indicator: when it was seen */
	e = edge_to(&l, NODE_DOMAIN, "sighted.example.net", REL_INDICATES, NODE_ACTOR, panda);
	assert_window(e, ymd(2022, 3, 1), ymd(2022, 4, 1));
	/* the relationship's own start/stop_time win; confidence min(60, 90) */
	e = edge_to(&l, NODE_DOMAIN, "stated.example.org", REL_INDICATES, NODE_ACTOR, panda);
	assert_window(e, ymd(2017, 5, 1), ymd(2017, 6, 1));
	assert_int_equal(e->conf, 60);
	/* infrastructure first/last_seen bound the activity: its window, not
	 * valid_from 2024 */
	e = edge_to(&l, NODE_DOMAIN, "relay.example.com", REL_INDICATES, NODE_INFRASTRUCTURE,
		    "Relay Net");
	assert_window(e, ymd(2020, 2, 1), ymd(2020, 3, 1));
	/* an open campaign window is closed by the indicator's valid_until */
	e = edge_to(&l, NODE_DOMAIN, "open.example.com", REL_INDICATES, NODE_CAMPAIGN,
		    "Operation Open");
	assert_window(e, ymd(2021, 1, 1), ymd(2022, 1, 1));
	/* a campaign whose last_seen precedes its first_seen bounds nothing;
	 * confidence 0 is the scale's None: not for detection */
	e = edge_to(&l, NODE_DOMAIN, "backwards.example.com", REL_INDICATES, NODE_CAMPAIGN,
		    "Operation Backwards");
	assert_window(e, ymd(2021, 4, 1), DATE_UNKNOWN);
	assert_int_equal(e->conf, CONF_NOT_FOR_DETECTION);
	/* observed-data: first/last_observed */
	e = edge_to(&l, NODE_DOMAIN, "observed.example.org", REL_RELATED_TO, NODE_CAMPAIGN,
		    "Operation Window");
	assert_window(e, ymd(2023, 2, 2), ymd(2023, 2, 3));
	/* an SCO straight to the actor: only the actor's lifetime is known */
	e = edge_to(&l, NODE_DOMAIN, "observed.example.org", REL_RELATED_TO, NODE_ACTOR, panda);
	assert_window(e, ymd(2010, 1, 1), ymd(2024, 12, 31));
	/* a report's object_refs: the indicator's validity, its open end closed
	 * by the publication date */
	e = mention_of(&l, NODE_IPV4, "198.51.100.1");
	assert_window(e, ymd(2021, 9, 23), ymd(2024, 3, 25));
	e = mention_of(&l, NODE_DOMAIN, "open.example.com");
	assert_window(e, ymd(2021, 1, 1), ymd(2022, 1, 1));
	/* 'domain autuo.xicp.net': the value, with a quirk */
	e = edge_to(&l, NODE_DOMAIN, "autuo.xicp.net", REL_INDICATES, NODE_ACTOR, panda);
	assert_window(e, ymd(2015, 5, 5), DATE_UNKNOWN);
	/* and Operation Backwards' window is said to be ignored (issue 16:
	 * an end before its start was dropped in silence) */
	assert_int_equal(lh_diags(&l, DIAG_QUIRK, D_VALUE), 2);
	assert_int_equal(lh_diags(&l, DIAG_WARNING, -1), 0);
	assert_string_equal(diag_of(&l, D_VALUE),
			    "\"last_seen\" is before \"first_seen\": the window is ignored");
	int stray = 0;
	for (size_t i = 0; i < l.d.count; i++)
		stray += !strcmp(l.d.items[i].msg, "'domain autuo.xicp.net' holds stray words: "
						   "'autuo.xicp.net' taken");
	assert_int_equal(stray, 1);
	lh_free(&l);
}

/* MISP: seen dates, else the object's, else the event date, else the
 * attribute timestamp (text or number); to_ids false is 30. */
static void misp_windows(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l, FX "misp-dates.json", NULL);
	assert_int_equal(l.rc, 0);
	const struct edge *e = mention_of(&l, NODE_DOMAIN, "seen.example.com");
	assert_window(e, ymd(2021, 1, 1), ymd(2021, 2, 1));
	assert_int_equal(e->conf, CONF_UNKNOWN); /* to_ids true states nothing */
	/* timestamp 1700000000 is 2023-11-14, an edit; the event is 2021-06-07 */
	e = mention_of(&l, NODE_IPV4, "203.0.113.7");
	assert_window(e, ymd(2021, 6, 7), ymd(2021, 6, 7));
	assert_int_equal(e->conf, CONF_NOT_FOR_DETECTION);
	e = mention_of(&l, NODE_DOMAIN, "plain.example.net");
	assert_window(e, ymd(2021, 6, 7), ymd(2021, 6, 7));
	/* the object's first_seen; to_ids "0" */
	e = mention_of(&l, NODE_DOMAIN, "object.example.org");
	assert_window(e, ymd(2020, 5, 5), DATE_UNKNOWN);
	assert_int_equal(e->conf, CONF_NOT_FOR_DETECTION);
	e = mention_of(&l, NODE_IPV4, "203.0.113.8");
	assert_window(e, DATE_UNKNOWN, ymd(2020, 7, 7));
	assert_int_equal(e->conf, CONF_UNKNOWN);
	/* no event date: the attribute's numeric timestamp 1500000000
	 * (2017-07-14), else the event's 1600000000 (2020-09-13) */
	e = mention_of(&l, NODE_DOMAIN, "stamped.example.com");
	assert_window(e, ymd(2017, 7, 14), ymd(2017, 7, 14));
	e = mention_of(&l, NODE_DOMAIN, "bare.example.com");
	assert_window(e, ymd(2020, 9, 13), ymd(2020, 9, 13));
	lh_free(&l);
}

static void csv_windows(void **state)
{
	(void)state;
	struct loaded l = {0};
	/* MISP's CSV export: to_ids and date (basic ISO, or Unix seconds) */
	lh_load(&l, FX "misp-export.csv", NULL);
	const struct edge *e = mention_of(&l, NODE_DOMAIN, "ids.example.com");
	assert_window(e, ymd(2015, 10, 16), ymd(2015, 10, 16));
	assert_int_equal(e->conf, CONF_UNKNOWN);
	e = mention_of(&l, NODE_DOMAIN, "context.example.com");
	assert_int_equal(e->conf, CONF_NOT_FOR_DETECTION);
	e = mention_of(&l, NODE_IPV4, "198.51.100.77"); /* 1557488775 */
	assert_window(e, ymd(2019, 5, 10), ymd(2019, 5, 10));
	assert_int_equal(e->conf, CONF_NOT_FOR_DETECTION);
	lh_free(&l);
	/* SEKOIA's columns: validity when nothing was seen; confidence words */
	lh_load(&l, FX "validity.csv", NULL);
	e = mention_of(&l, NODE_DOMAIN, "valid.example.com");
	assert_window(e, ymd(2021, 1, 1), ymd(2022, 1, 1));
	assert_int_equal(e->conf, 100);
	e = mention_of(&l, NODE_DOMAIN, "seen.example.org");
	assert_window(e, ymd(2021, 3, 3), ymd(2021, 4, 4));
	assert_int_equal(e->conf, 85);
	e = mention_of(&l, NODE_DOMAIN, "low.example.net");
	assert_window(e, DATE_UNKNOWN, DATE_UNKNOWN);
	assert_int_equal(e->conf, 15);
	assert_int_equal(mention_of(&l, NODE_DOMAIN, "none.example.net")->conf,
			 CONF_NOT_FOR_DETECTION);
	lh_free(&l);
	/* no date column: the date the folder names */
	lh_load(&l, FX "2024-08-02_Fixture", NULL);
	e = mention_of(&l, NODE_IPV4, "192.0.2.44");
	assert_window(e, ymd(2024, 8, 2), ymd(2024, 8, 2));
	lh_free(&l);
	lh_load(&l, FX "Fixture_APT_-_March_2021", NULL);
	e = mention_of(&l, NODE_IPV4, "198.51.100.200");
	assert_window(e, ymd(2021, 3, 1), ymd(2021, 3, 1));
	lh_free(&l);
}

/* STIX 1 as MISP writes it: the incident's discovery dates what it holds;
 * Confidence None is 30; "Contains" on a whole hostname is exact. */
static void stix1_windows(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l, FX "stix1-dates.xml", NULL);
	assert_int_equal(l.rc, 0);
	/* Incident_Discovery, not Incident_Reported nor the indicator's
	 * timestamp (both 2016-11-10) */
	const struct edge *e = mention_of(&l, NODE_DOMAIN, "context.example.com");
	assert_window(e, ymd(2016, 3, 10), ymd(2016, 3, 10));
	assert_int_equal(e->conf, CONF_NOT_FOR_DETECTION);
	e = mention_of(&l, NODE_DOMAIN, "valid.example.com");
	assert_window(e, ymd(2015, 1, 1), ymd(2015, 2, 1));
	assert_int_equal(e->conf, 85);
	e = mention_of(&l, NODE_DOMAIN, "whole.example.org");
	assert_window(e, ymd(2017, 3, 3), ymd(2017, 4, 4)); /* two sightings */
	assert_int_equal(e->conf, 15);
	assert_false(e->flags & EDGE_F_PARTIAL);
	assert_int_equal(lh_diags(&l, DIAG_QUIRK, D_PARTIAL), 0);
	assert_int_equal(lh_diags(&l, DIAG_QUIRK, D_NOTE), 1);
	/* a value with a stray word: its indicator's timestamp is all it has */
	e = mention_of(&l, NODE_DOMAIN, "stray.example.net");
	assert_window(e, ymd(2018, 9, 9), ymd(2018, 9, 9));
	assert_int_equal(lh_diags(&l, DIAG_QUIRK, D_VALUE), 1);
	lh_free(&l);
}

/* A maltrail-style list: blocks dated by their references; fingerprints
 * under a certificate header are x509, serial numbers skipped. */
static void list_blocks_and_sections(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l, FX "apt_fixturebear.txt", NULL);
	assert_int_equal(l.rc, 0);
	const char *bear = "Fixturebear";
	const struct edge *e =
	    edge_to(&l, NODE_DOMAIN, "first-block.example.com", REL_INDICATES, NODE_ACTOR, bear);
	assert_window(e, ymd(2024, 6, 4), ymd(2024, 6, 4));
	e = edge_to(&l, NODE_X509, "0f6afc6e4e383883a6308fcf8d84b14a5bf4ccaf", REL_INDICATES,
		    NODE_ACTOR, bear);
	assert_window(e, ymd(2024, 6, 4), ymd(2024, 6, 4));
	assert_int_equal(lh_find(&l, NODE_FILE, "0f6afc6e4e383883a6308fcf8d84b14a5bf4ccaf"),
			 NODE_NONE);
	assert_int_equal(lh_find(&l, NODE_FILE, "8e812fcad3b3855dfd78980cee0beb71"), NODE_NONE);
	assert_int_equal(lh_find(&l, NODE_X509, "8e812fcad3b3855dfd78980cee0beb71"), NODE_NONE);
	/* "Hashes:" ends the certificate section */
	edge_to(&l, NODE_FILE, "d41d8cd98f00b204e9800998ecf8427e", REL_INDICATES, NODE_ACTOR, bear);
	/* a new "# Reference:" after values starts a new block */
	e = edge_to(&l, NODE_DOMAIN, "second-block.example.com", REL_INDICATES, NODE_ACTOR, bear);
	assert_window(e, ymd(2021, 9, 23), ymd(2021, 9, 23));
	e = edge_to(&l, NODE_FILE, "5f5e8b4d2d7bc7e0c6d0f4f5a7b3c2d1e0f9a8b7", REL_INDICATES,
		    NODE_ACTOR, bear);
	assert_window(e, ymd(2021, 9, 23), ymd(2021, 9, 23));
	/* an OTX reference gives no date, and the previous block's is gone */
	e = edge_to(&l, NODE_DOMAIN, "third-block.example.com", REL_INDICATES, NODE_ACTOR, bear);
	assert_window(e, DATE_UNKNOWN, DATE_UNKNOWN);
	lh_free(&l);
}

/* ESET-style AsciiDoc: the cited post's date; thumbprints under
 * "== Code Signing Certificates" (and its subsections) are x509. */
static void report_sections(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l, FX "certificates.adoc", NULL);
	assert_int_equal(l.rc, 0);
	const struct edge *e =
	    mention_of(&l, NODE_FILE, "5273b45c5eabe64edbd0b79f5d1b31e2e8582324");
	assert_window(e, ymd(2022, 4, 27), ymd(2022, 4, 27));
	mention_of(&l, NODE_X509, "02ed6a578c575c8d9c72398e790354b095bb07bc");
	mention_of(&l, NODE_X509, "d54aeb62d0102d0cc4b96ca9e5eaade3846ec470");
	assert_int_equal(lh_find(&l, NODE_FILE, "8e812fcad3b3855dfd78980cee0beb71"), NODE_NONE);
	assert_int_equal(lh_find(&l, NODE_X509, "8e812fcad3b3855dfd78980cee0beb71"), NODE_NONE);
	/* "== Network" ends it */
	mention_of(&l, NODE_DOMAIN, "c2.fixture-certs.com");
	assert_int_equal(lh_count_kind(&l, NODE_X509), 2);
	assert_int_equal(lh_count_kind(&l, NODE_FILE), 1);
	lh_free(&l);
}

/* ---- real files ---- */

/* The bundled report: 27.102.113.240's indicator is valid from 2021-09-23,
 * and `agx why` now says so instead of "undated". */
static void bundled_data_dated(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l, "data/africa-report.json", NULL);
	const struct edge *e =
	    edge_to(&l, NODE_IPV4, "27.102.113.240", REL_INDICATES, NODE_ACTOR, "FamousSparrow");
	assert_window(e, ymd(2021, 9, 23), DATE_UNKNOWN);
	assert_int_equal(e->conf, 80);
	lh_free(&l);
	char *out = NULL;
	assert_int_equal(run_agx("why FamousSparrow GhostEmperor data/africa-report.json", &out),
			 0);
	assert_non_null(out);
	assert_non_null(strstr(out, "dates        A 2021-09-23, B 2021-09-23"));
	assert_null(strstr(out, "undated"));
	free(out);
}

static void corpus_stix2(void **state)
{
	(void)state;
	struct loaded l = {0};
	/* Unit 42: indicators written in 2019 for a 2014 campaign */
	lh_load(&l, corpus_or_skip("unit42-playbooks/playbook_json/crawling-taurus.json"), NULL);
	const char *h = "ba509a1d752f3165dc2821e0b1c6543c15988fd7abd4e56c6155de09d1640ce9";
	const struct edge *e = edge_to(&l, NODE_FILE, h, REL_INDICATES, NODE_CAMPAIGN,
				       "Watering Hole Attack Campaign");
	assert_window(e, ymd(2014, 7, 1), ymd(2014, 10, 3));
	e = edge_to(&l, NODE_FILE, h, REL_INDICATES, NODE_MALWARE, "PoisonIvy");
	assert_window(e, ymd(2019, 7, 16), DATE_UNKNOWN);
	lh_free(&l);
	/* SEKOIA: valid_from/valid_until and confidence 100 */
	lh_load(&l, corpus_or_skip("sekoia-community/IOCs/apt31/2021-11-10 APT31 - STIX2.jsonl"),
		NULL);
	e = edge_to(&l, NODE_DOMAIN, "api.ontracting.com", REL_INDICATES, NODE_ACTOR, "APT31");
	assert_window(e, ymd(2021, 1, 1), ymd(2022, 1, 1));
	assert_int_equal(e->conf, 100);
	lh_free(&l);
}

static void corpus_misp_and_stix1(void **state)
{
	(void)state;
	struct loaded l = {0};
	/* Citizen Lab: event date 2016-12-08; the attribute's timestamp
	 * (2018-01-16) is when it was entered */
	lh_load(
	    &l,
	    corpus_or_skip("citizenlab-malware-indicators/201801_SpyingOnABudget/indicators.json"),
	    NULL);
	const struct edge *e = mention_of(&l, NODE_DOMAIN, "https-drive-google.cf");
	assert_window(e, ymd(2016, 12, 8), ymd(2016, 12, 8));
	lh_free(&l);
	/* ESET marks every attribute to_ids false */
	lh_load(&l, corpus_or_skip("eset-malware-ioc/turla/misp-turla-crutch-event.json"), NULL);
	e = mention_of(&l, NODE_DOMAIN, "hotspot.accesscam.org");
	assert_window(e, ymd(2020, 11, 30), ymd(2020, 11, 30));
	assert_int_equal(e->conf, CONF_NOT_FOR_DETECTION);
	lh_free(&l);
	/* MISP's STIX 1 rendering of Tainted Leaks: Incident_Discovery
	 * 2017-05-25, Confidence High */
	lh_load(&l, corpus_or_skip("citizenlab-malware-indicators/201705_TaintedLeaks/stix.xml"),
		NULL);
	e = mention_of(&l, NODE_DOMAIN, "mail-google-login.blogspot.com");
	assert_window(e, ymd(2017, 5, 25), ymd(2017, 5, 25));
	assert_int_equal(e->conf, 85);
	lh_free(&l);
}

static void corpus_flat_files(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l, corpus_or_skip("volexity-threat-intel/2024/2024-08-02_StormBamboo/iocs.csv"),
		NULL);
	assert_window(mention_of(&l, NODE_IPV4, "103.96.130.107"), ymd(2024, 8, 2),
		      ymd(2024, 8, 2));
	lh_free(&l);
	/* maltrail: the block under two x.com references (2024-06-04 and
	 * 2024-08-16), a WeChat and a VirusTotal one */
	lh_load(&l, corpus_or_skip("maltrail-apt-trails/trails/static/malware/apt_patchwork.txt"),
		NULL);
	assert_window(edge_to(&l, NODE_DOMAIN, "l0p1.shop", REL_INDICATES, NODE_ACTOR, "Patchwork"),
		      ymd(2024, 6, 4), ymd(2024, 8, 16));
	lh_free(&l);
	/* ESET: the post the README cites is of 2021-09-23 */
	lh_load(&l, corpus_or_skip("eset-malware-ioc/famoussparrow/README.adoc"), NULL);
	assert_window(mention_of(&l, NODE_IPV4, "27.102.113.240"), ymd(2021, 9, 23),
		      ymd(2021, 9, 23));
	lh_free(&l);
	/* SparklingGoblin's "=== Digital Certificate" block: thumbprint x509,
	 * serial number skipped (both were file hashes) */
	lh_load(&l, corpus_or_skip("eset-malware-ioc/sparklinggoblin/README.adoc"), NULL);
	mention_of(&l, NODE_X509, "d54aeb62d0102d0cc4b96ca9e5eaade3846ec470");
	assert_int_equal(lh_find(&l, NODE_FILE, "d54aeb62d0102d0cc4b96ca9e5eaade3846ec470"),
			 NODE_NONE);
	assert_int_equal(lh_find(&l, NODE_FILE, "8e812fcad3b3855dfd78980cee0beb71"), NODE_NONE);
	lh_free(&l);
	lh_load(&l, corpus_or_skip("eset-malware-ioc/ta410/README.adoc"), NULL);
	mention_of(&l, NODE_X509, "02ed6a578c575c8d9c72398e790354b095bb07bc");
	mention_of(&l, NODE_X509, "850821d88a4475f0310f10fba806353a4113d252");
	lh_free(&l);
	/* Insikt's folder: "Calypso_APT_-_March_2021" */
	lh_load(&l,
		corpus_or_skip("insikt-group-research/Suspected_Chinese_Group_Calypso_APT_"
			       "Exploiting_Vulnerable_Microsoft_Exchange_Servers/"
			       "Calypso_APT_-_March_2021"),
		NULL);
	assert_window(mention_of(&l, NODE_DOMAIN, "membrig.com"), ymd(2021, 3, 1), ymd(2021, 3, 1));
	lh_free(&l);
}

/* Mandiant APT18 "PortItem/remoteIP contains 223.25.233.248": a whole
 * address, so it links to Volexity's Wekby report, which lists it. */
static void corpus_contains_address(void **state)
{
	(void)state;
	struct loaded l = {0};
	lh_load(&l,
		corpus_or_skip(
		    "mandiant-iocs-openioc10/APT18/0ae061d7-c624-4a84-8adf-00281b97797b.ioc"),
		NULL);
	const struct edge *e = mention_of(&l, NODE_IPV4, "223.25.233.248");
	assert_false(e->flags & EDGE_F_PARTIAL);
	assert_false(mention_of(&l, NODE_IPV4, "137.175.4.132")->flags & EDGE_F_PARTIAL);
	lh_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(confidence_scale),
	    cmocka_unit_test(stray_words),
	    cmocka_unit_test(contains_complete),
	    cmocka_unit_test(section_kinds),
	    cmocka_unit_test(dates_in_paths_and_urls),
	    cmocka_unit_test(stix2_windows),
	    cmocka_unit_test(misp_windows),
	    cmocka_unit_test(csv_windows),
	    cmocka_unit_test(stix1_windows),
	    cmocka_unit_test(list_blocks_and_sections),
	    cmocka_unit_test(report_sections),
	    cmocka_unit_test(bundled_data_dated),
	    cmocka_unit_test(corpus_stix2),
	    cmocka_unit_test(corpus_misp_and_stix1),
	    cmocka_unit_test(corpus_flat_files),
	    cmocka_unit_test(corpus_contains_address),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
