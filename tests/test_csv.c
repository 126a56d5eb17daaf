/* CSV loader on vendor tables (Volexity, Insikt, Citizen Lab MISP CSV,
 * SEKOIA ';'), headerless files, and the nasty cases of our own. Counts were
 * made by hand with Python's csv module on the same files. */
#include "tests/testutil.h"
#include "tests/loadhelp.h"

#include "graph/date.h"

/* Volexity EvilBamboo: value,entity_type,description with BOM; 243 rows:
 * 212 file, 24 hostname, 7 ipaddress (all distinct). */
static void volexity_evilbamboo(void **state)
{
	(void)state;
	const char *p =
	    corpus_or_skip("volexity-threat-intel/2023/2023-09-22_EvilBamboo/indicators/iocs.csv");
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_equal(lh_count_kind(&l, NODE_FILE), 212);
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 24);
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 7);
	uint32_t rep = graph_find_named(l.g, NODE_REPORT, "2023-09-22 EvilBamboo");
	assert_int_not_equal(rep, NODE_NONE);
	/* "signalplus.org " has a trailing blank in the file */
	assert_true(lh_edge(&l, rep, lh_find(&l, NODE_DOMAIN, "signalplus.org"), REL_MENTIONS));
	assert_true(lh_edge(&l, rep, lh_find(&l, NODE_IPV4, "148.251.87.245"), REL_MENTIONS));
	assert_string_equal(graph_str(l.g, graph_file(l.g, 0)->title), "2023-09-22 EvilBamboo");
	assert_int_equal(lh_diags(&l, DIAG_WARNING, -1), 0);
	lh_free(&l);
}

/* GIMMICK: two "file" rows each packing sha256,sha1,md5 in one cell. */
static void volexity_packed_hashes(void **state)
{
	(void)state;
	const char *p =
	    corpus_or_skip("volexity-threat-intel/2022/2022-03-22_GIMMICK/indicators/iocs.csv");
	struct loaded l = {0};
	lh_load(&l, p, "GIMMICK actor");
	assert_int_equal(lh_count_kind(&l, NODE_FILE), 6);
	uint32_t a = graph_find_named(l.g, NODE_ACTOR, "gimmick actor");
	assert_true(lh_edge(&l, lh_find(&l, NODE_FILE, "fe3a3e65b86d2b07654f9a6104c8cb392c88b7e8"),
			    a, REL_INDICATES));
	assert_true(lh_edge(&l, lh_find(&l, NODE_FILE, "66c52c5bc096e15d984ae12fa0589b2f"), a,
			    REL_INDICATES));
	assert_int_equal(lh_count_kind(&l, NODE_REPORT), 0);
	lh_free(&l);
}

/* The headerless Volexity file: 12 rows, 4 ipaddress + 8 hostname. */
static void volexity_headerless(void **state)
{
	(void)state;
	const char *p =
	    corpus_or_skip("volexity-threat-intel/2025/2025-02-13_Device_Code_Phishing/iocs.csv");
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 4);
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 8);
	assert_int_not_equal(lh_find(&l, NODE_IPV4, "107.189.27.41"), NODE_NONE); /* row 1 */
	assert_int_not_equal(lh_find(&l, NODE_DOMAIN, "documents-exe.pages.dev"), NODE_NONE);
	assert_int_equal(lh_diags(&l, DIAG_WARNING, -1), 0);
	assert_int_equal(graph_file(l.g, 0)->objects, 12);
	lh_free(&l);
}

/* Insikt RedDelta "CSV": a multi-line quoted first cell, section rows
 * ("Domains:,"), defanged values (one with every dot defanged), file names
 * beside hashes. By hand: 52 "(last seen" rows = 52 IPv4, 3 domains, 24
 * SHA-256; the file names are not domains. */
static void insikt_reddelta(void **state)
{
	(void)state;
	const char *p =
	    corpus_or_skip("insikt-group-research/"
			   "RedDelta_Targets_European_Government_Organizations_and_Continues_to_"
			   "Iterate_Custom_PlugX_Variant/"
			   "RedDelta_Targets_European_Government_Organizations_and_Continues_to_"
			   "Iterate_Custom_PlugX_Variant_-_Indicators.csv");
	struct loaded l = {0};
	lh_load(&l, p, "RedDelta");
	assert_int_equal(l.rc, 0);
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 52);
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 3);
	assert_int_equal(lh_count_kind(&l, NODE_FILE), 24);
	uint32_t a = graph_find_named(l.g, NODE_ACTOR, "RedDelta");
	assert_true(lh_edge(&l, lh_find(&l, NODE_IPV4, "103.192.226.46"), a, REL_INDICATES));
	/* "(last seen:2022/12/06)" */
	assert_int_equal(
	    lh_edge_at(&l, lh_find(&l, NODE_IPV4, "103.192.226.46"), a, REL_INDICATES)->last,
	    date_from_ymd(2022, 12, 6));
	assert_true(lh_edge(&l, lh_find(&l, NODE_IPV4, "195.123.208.140"), a, REL_INDICATES));
	assert_true(lh_edge(&l, lh_find(&l, NODE_DOMAIN, "blogdirve.com"), a, REL_INDICATES));
	assert_int_equal(lh_find(&l, NODE_DOMAIN, "lmiguardiandll.dll"), NODE_NONE);
	assert_int_equal(lh_diags(&l, DIAG_WARNING, -1), 0);
	lh_free(&l);
}

/* Citizen Lab TaintedLeaks MISP CSV: 12 rows, 6 domain, 3 ip-dst, 3
 * email-src, all dated 20170525. */
static void misp_csv(void **state)
{
	(void)state;
	const char *p =
	    corpus_or_skip("citizenlab-malware-indicators/201705_TaintedLeaks/iocs.csv");
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 6);
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 3);
	assert_int_equal(lh_count_kind(&l, NODE_EMAIL), 3);
	uint32_t rep = graph_find_named(l.g, NODE_REPORT, "201705 TaintedLeaks");
	assert_int_not_equal(rep, NODE_NONE);
	uint32_t d = lh_find(&l, NODE_DOMAIN, "id9954.gq");
	const struct edge *e = lh_edge_at(&l, rep, d, REL_MENTIONS);
	assert_non_null(e);
	assert_int_equal(e->first, date_from_ymd(2017, 5, 25));
	assert_string_equal(graph_str(l.g, e->obj), "5926f463-8944-4fcc-b570-53928e96ca05");
	assert_int_equal(graph_node_at(l.g, d)->first_seen, date_from_ymd(2017, 5, 25));
	lh_free(&l);
}

/* Shifting Tactics: 36 rows (12 domain, 9 ip-dst, 8 md5, 3 url, link, text,
 * filename, threat-actor "Scarlet Mimic"): the report is attributed to the
 * actor; link/text/filename rows are skipped, not warned about. KeyBoy: 33
 * rows of which 9 are multi-line quoted YARA rules. */
static void misp_csv_attribution_and_multiline(void **state)
{
	(void)state;
	const char *p =
	    corpus_or_skip("citizenlab-malware-indicators/201603_Shifting_Tactics/iocs.csv");
	const char *k = corpus_or_skip("citizenlab-malware-indicators/201611_KeyBoy/iocs.csv");
	struct loaded l = {0};
	lh_load(&l, p, NULL);
	uint32_t rep = graph_find_named(l.g, NODE_REPORT, "201603 Shifting Tactics");
	uint32_t act = graph_find_named(l.g, NODE_ACTOR, "Scarlet Mimic");
	assert_true(lh_edge(&l, rep, act, REL_ATTRIBUTED_TO));
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN) >= 12, 1);
	assert_int_equal(lh_count_kind(&l, NODE_FILE), 8);
	assert_int_equal(lh_count_kind(&l, NODE_URL), 3);
	assert_int_equal(graph_file(l.g, 0)->skipped, 3);
	assert_int_equal(lh_diags(&l, DIAG_WARNING, -1), 0);
	lh_free(&l);
	lh_load(&l, k, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_equal(graph_file(l.g, 0)->objects, 33);
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 8);
	assert_int_equal(lh_count_kind(&l, NODE_DOMAIN), 4);
	assert_int_equal(lh_count_kind(&l, NODE_FILE), 11);
	lh_free(&l);
}

/* SEKOIA CALISTO: headerless ';' rows of certificate SHA-1;e-mail;IP
 * (11 rows; 8 distinct SHA-1, 4 e-mails, 8 IPs); the file name says the
 * SHA-1s are certificates. */
static void sekoia_semicolon(void **state)
{
	(void)state;
	const char *p = corpus_or_skip(
	    "sekoia-community/IOCs/calisto/SSL Certificates SHA1, emails and IPs.csv");
	struct loaded l = {0};
	lh_load(&l, p, "CALISTO");
	assert_int_equal(lh_count_kind(&l, NODE_X509), 8);
	assert_int_equal(lh_count_kind(&l, NODE_EMAIL), 4);
	assert_int_equal(lh_count_kind(&l, NODE_IPV4), 8);
	uint32_t a = graph_find_named(l.g, NODE_ACTOR, "calisto");
	assert_true(lh_edge(&l, lh_find(&l, NODE_X509, "805fb9539c7398f8c249160e699d2050e4f08d6d"),
			    a, REL_INDICATES));
	assert_true(lh_edge(&l, lh_find(&l, NODE_EMAIL, "nepkomi@gmail.com"), a, REL_INDICATES));
	lh_free(&l);
}

static void actor_column_and_dialects(void **state)
{
	(void)state;
	struct loaded l = {0};
	/* BOM, CRLF, NBSP, an actor column, first/last seen, confidence, TLP,
	 * a duplicate row, a defanged URL, ip:port, a domain|ip composite */
	const char *p =
	    lh_fixture("actors.csv",
		       "\xEF\xBB\xBF"
		       "Threat Actor,IOC Type,Indicator,First Seen,Last Seen,Confidence,TLP\r\n"
		       "APT 15,domain,evil.example.com\xC2\xA0,2021-01-02,2021-03-04,80,amber\r\n"
		       "apt15,domain,evil.example.com,2021-01-02,2021-03-04,80,amber\r\n"
		       "Other Group,url,hxxps://bad[.]example.org/x,,,,\r\n"
		       "Other Group,ip-dst|port,192.0.2.7|443,,,,\r\n"
		       "Other Group,domain|ip,c2.example.net|192.0.2.8,,,,\r\n"
		       "Other Group,filename,evil.exe,,,,\r\n");
	lh_load(&l, p, NULL);
	assert_int_equal(l.rc, 0);
	uint32_t apt15 = graph_find_named(l.g, NODE_ACTOR, "APT15");
	uint32_t other = graph_find_named(l.g, NODE_ACTOR, "Other Group");
	assert_int_not_equal(apt15, NODE_NONE);
	assert_int_equal(lh_count_kind(&l, NODE_ACTOR), 2);
	const struct edge *e =
	    lh_edge_at(&l, lh_find(&l, NODE_DOMAIN, "evil.example.com"), apt15, REL_INDICATES);
	assert_non_null(e);
	assert_int_equal(e->first, date_from_ymd(2021, 1, 2));
	assert_int_equal(e->last, date_from_ymd(2021, 3, 4));
	assert_int_equal(e->conf, 80);
	assert_int_equal(e->tlp, TLP_AMBER);
	assert_int_equal(lh_count_rel(&l, REL_INDICATES), 5);
	assert_true(
	    lh_edge(&l, lh_find(&l, NODE_URL, "https://bad.example.org/x"), other, REL_INDICATES));
	assert_true(lh_edge(&l, lh_find(&l, NODE_IPV4, "192.0.2.7"), other, REL_INDICATES));
	assert_true(lh_edge(&l, lh_find(&l, NODE_IPV4, "192.0.2.8"), other, REL_INDICATES));
	assert_true(lh_edge(&l, lh_find(&l, NODE_DOMAIN, "c2.example.net"), other, REL_INDICATES));
	assert_int_equal(lh_count_kind(&l, NODE_REPORT), 0);
	assert_int_equal(graph_file(l.g, 0)->skipped, 1);
	lh_free(&l);

	/* TSV and ';' with a header, no actor: a report unit named by the file */
	p = lh_fixture("feed.tsv", "value\ttype\n198.51.100.1\tip\nexample.net\thostname\n");
	lh_load(&l, p, NULL);
	uint32_t rep = graph_find_named(l.g, NODE_REPORT, "feed");
	assert_true(lh_edge(&l, rep, lh_find(&l, NODE_IPV4, "198.51.100.1"), REL_MENTIONS));
	assert_true(lh_edge(&l, rep, lh_find(&l, NODE_DOMAIN, "example.net"), REL_MENTIONS));
	lh_free(&l);
	p = lh_fixture("semi.csv", "type;value;comment\nurl;http://a.example.com/p;x, y\n");
	lh_load(&l, p, NULL);
	assert_int_not_equal(lh_find(&l, NODE_URL, "http://a.example.com/p"), NODE_NONE);
	lh_free(&l);
}

static void truncated_and_empty(void **state)
{
	(void)state;
	struct loaded l = {0};
	/* a quoted cell never closed: an error with the cell's position; the
	 * rows before it are loaded */
	const char *p = lh_fixture("trunc.csv", "value,type\nok.example.com,domain\n\"cut.exam");
	lh_load(&l, p, NULL);
	assert_int_equal(l.rc, -1);
	assert_non_null(
	    strstr(lh_first_diag(&l, DIAG_ERROR), "trunc.csv:3:1: error: unterminated"));
	assert_int_not_equal(lh_find(&l, NODE_DOMAIN, "ok.example.com"), NODE_NONE);
	lh_free(&l);
	p = lh_fixture("empty.csv", "");
	lh_load(&l, p, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_equal(l.g->node_count, 0);
	lh_free(&l);
	p = lh_fixture("header-only.csv", "value,type\r\n");
	lh_load(&l, p, NULL);
	assert_int_equal(l.rc, 0);
	assert_int_equal(l.g->node_count, 0);
	lh_free(&l);
}

/* A CSV named .json is detected by content and loads as CSV. */
static void csv_named_json(void **state)
{
	(void)state;
	struct loaded l = {0};
	const char *p = lh_fixture("feed.json", "indicator,type\nwrong-ext.example.com,domain\n");
	lh_load(&l, p, NULL);
	assert_int_equal(l.rc, 0);
	assert_string_equal(graph_str(l.g, graph_file(l.g, 0)->format), "csv");
	assert_int_not_equal(lh_find(&l, NODE_DOMAIN, "wrong-ext.example.com"), NODE_NONE);
	lh_free(&l);
}

/* Every CSV of the corpus loads without an error. */
static void corpus_csvs(void **state)
{
	(void)state;
	static const char *const dirs[] = {
	    "volexity-threat-intel", "unit42-iocs/iran_linked_operators",
	    "citizenlab-malware-indicators/201808_FamiliarFeeling/indicators.csv",
	    "insikt-group-research"};
	for (size_t i = 0; i < 4; i++) {
		const char *p = corpus_or_skip(dirs[i]);
		struct loaded l = {0};
		lh_load(&l, p, NULL);
		assert_int_equal(lh_diags(&l, DIAG_ERROR, -1), 0);
		lh_free(&l);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(volexity_evilbamboo),
	    cmocka_unit_test(volexity_packed_hashes),
	    cmocka_unit_test(volexity_headerless),
	    cmocka_unit_test(insikt_reddelta),
	    cmocka_unit_test(misp_csv),
	    cmocka_unit_test(misp_csv_attribution_and_multiline),
	    cmocka_unit_test(sekoia_semicolon),
	    cmocka_unit_test(actor_column_and_dialects),
	    cmocka_unit_test(truncated_and_empty),
	    cmocka_unit_test(csv_named_json),
	    cmocka_unit_test(corpus_csvs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
