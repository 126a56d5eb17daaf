/* Format detection by content: the first bytes decide, the extension only
 * breaks ties between text formats. */
#include "tests/testutil.h"
#include "tests/loadhelp.h"

static int det(const char *text, const char *path)
{
	return format_detect(text, strlen(text), path);
}

static void xml_roots(void **state)
{
	(void)state;
	assert_int_equal(det("<?xml version=\"1.0\"?>\n<!-- c -->\n<ioc "
			     "xmlns=\"http://schemas.mandiant.com/2010/ioc\">",
			     "a.xml"),
			 FMT_OPENIOC);
	assert_int_equal(det("<OpenIOC xmlns=\"http://openioc.org/schemas/OpenIOC_1.1\">", "x"),
			 FMT_OPENIOC);
	assert_int_equal(
	    det("<stix:STIX_Package xmlns:stix=\"http://stix.mitre.org/stix-1\">", "a.ioc"),
	    FMT_STIX1);
	/* a STIX package embedding an OpenIOC test mechanism is STIX */
	assert_int_equal(
	    det("<stix:STIX_Package><x xmlns=\"http://schemas.mandiant.com/2010/ioc\"/>", "a.xml"),
	    FMT_STIX1);
	/* a DOCTYPE before the root does not hide it (the loader refuses it) */
	assert_int_equal(
	    det("<?xml version=\"1.0\"?>\n<!DOCTYPE ioc [ <!ENTITY a \"b\"> ]>\n<ioc>", "a.xml"),
	    FMT_OPENIOC);
}

static void text_kinds(void **state)
{
	(void)state;
	/* a CSV named .json is CSV; a list named .csv stays CSV by name */
	assert_int_equal(det("indicator,type\nevil.example.com,domain\n", "feed.json"), FMT_CSV);
	assert_int_equal(det("evil.example.com\n1.2.3.4\n", "feed.csv"), FMT_CSV);
	assert_int_equal(
	    det("# Aliases: X\n\nevil.example.com\n1.2.3.4:443\nbad.example.org\n", "apt_x.txt"),
	    FMT_IOCLIST);
	assert_int_equal(det("\xEF\xBB\xBF"
			     "evil[.]example[.]com\r\nfoo[.]org\r\n",
			     "list"),
			 FMT_IOCLIST);
	assert_int_equal(det("= A Title\n\nSome prose about evil.example.com here.\n", "x.txt"),
			 FMT_TEXT);
	assert_int_equal(det("evil.example.com\n1.2.3.4\n", "README.adoc"), FMT_TEXT);
	assert_int_equal(
	    det("We saw the actor use evil.example.com and many other things in a long sentence.\n",
		"r.txt"),
	    FMT_TEXT);
	assert_int_equal(det("{\"type\": \"bundle\", \"spec_version\": \"2.1\"}", "x.csv"),
			 FMT_STIX2);
	assert_int_equal(format_detect("ab\0cd", 5, "x.txt"), FMT_UNKNOWN);
}

/* Warninglists are never data: agx's own lists (by their headers) and MISP
 * warninglist JSON are recognised, while look-alikes stay what they are. */
static void warninglists(void **state)
{
	(void)state;
	assert_int_equal(det("# name: Public DNS resolvers\n# source: the operators\n# match: "
			     "exact\n\n8.8.8.8\n",
			     "public-dns.txt"),
			 FMT_WARNINGLIST);
	/* a maltrail header is not a warninglist header */
	assert_int_equal(
	    det("# Aliases: X\n# Reference: https://x\n\nevil.example.com\n", "apt_x.txt"),
	    FMT_IOCLIST);
	/* "# match:" without a name, or after the values, is not the header */
	assert_int_equal(det("# match: exact\nevil.example.com\n1.2.3.4\n", "x.txt"), FMT_IOCLIST);
	assert_int_equal(det("evil.example.com\n# name: a\n# match: exact\n", "x.txt"),
			 FMT_IOCLIST);
	assert_int_equal(
	    det("{\"name\":\"Public resolvers\",\"type\":\"string\",\"list\":[\"8.8.8.8\"]}",
		"x.json"),
	    FMT_WARNINGLIST);
	assert_int_equal(
	    det("{\"description\": \"d\", \"list\": [\"a.com\"], "
		"\"matching_attributes\": [\"domain\"], \"name\": \"n\", \"type\": \"other\"}",
		"list.json"),
	    FMT_WARNINGLIST);
	/* a MISP galaxy and a STIX bundle with "list" somewhere stay data */
	assert_int_equal(det("{\"name\": \"g\", \"type\": \"threat-actor\", \"values\": [], "
			     "\"authors\": [], \"list\": 1}",
			     "g.json"),
			 FMT_MISP_GALAXY);
	assert_int_equal(det("{\"type\": \"bundle\", \"spec_version\": \"2.1\", \"objects\": "
			     "[{\"type\": \"string\", \"list\": []}]}",
			     "b.json"),
			 FMT_STIX2);
}

/* Real files of each text and XML format land on their loader. */
static void corpus_files(void **state)
{
	(void)state;
	static const struct {
		const char *rel;
		const char *format;
	} cases[] = {
	    {"mandiant-iocs-openioc10/APT12/2384c8ce-6eca-4d06-8aa4-151b53d9a6bc.ioc", "openioc"},
	    {"citizenlab-malware-indicators/201705_TaintedLeaks/stix.xml", "stix1"},
	    {"stixproject-idioms-stix1/documentation/idioms/openioc-test-mechanism/"
	     "openioc-test-mechanism.xml",
	     "stix1"},
	    {"volexity-threat-intel/2025/2025-02-13_Device_Code_Phishing/iocs.csv", "csv"},
	    {"maltrail-apt-trails/trails/static/malware/apt_quarian.txt", "ioc-list"},
	    {"insikt-group-research/"
	     "China-linked_TA428_Continues_to_Target_Russia_and_Mongolia_IT_Companies/Indicators",
	     "ioc-list"},
	    {"eset-malware-ioc/okrum_ke3chang/README.adoc", "text"},
	    {"eset-malware-ioc/mikroceen/README.adoc", "text"},
	    {"sekoia-community/IOCs/calisto/calisto_infrastructure_20221205", "ioc-list"},
	    {"avast-ioc/Chaes/network.txt", "ioc-list"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *p = corpus_or_skip(cases[i].rel);
		size_t n = 0;
		char *text = read_file_all(p, &n);
		assert_non_null(text);
		size_t head = n > 65536 ? 65536 : n;
		int f = format_detect(text, head, p);
		free(text);
		if (strcmp(format_name(f), cases[i].format))
			fail_msg("%s: detected %s, want %s", cases[i].rel, format_name(f),
				 cases[i].format);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(xml_roots),
	    cmocka_unit_test(text_kinds),
	    cmocka_unit_test(warninglists),
	    cmocka_unit_test(corpus_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
