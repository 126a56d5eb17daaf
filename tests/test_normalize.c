/* Normalisation of indicator values: the defanged, padded and mis-cased
 * forms real feeds use (corpus: avast-ioc, maltrail-apt-trails,
 * insikt-group-research, volexity-threat-intel) must become one value. */
#include "tests/testutil.h"

#include <dirent.h>

#include "graph/kind.h"
#include "graph/normalize.h"

static struct strbuf out = STRBUF_INIT;
static struct norm_result res;

static int guess(const char *s)
{
	return norm_guess(s, strlen(s), &out, &res);
}

static int value(int kind, const char *s)
{
	return norm_value(kind, s, strlen(s), &out, &res);
}

/* Guesses s and checks kind and normalised text. */
#define GUESS_OK(s, k, want)                                                                       \
	do {                                                                                       \
		assert_int_equal(guess(s), 0);                                                     \
		assert_int_equal(res.kind, (k));                                                   \
		assert_string_equal(strbuf_str(&out), want);                                       \
		assert_null(res.reason);                                                           \
	} while (0)

#define GUESS_NO(s)                                                                                \
	do {                                                                                       \
		assert_int_equal(guess(s), -1);                                                    \
		assert_non_null(res.reason);                                                       \
	} while (0)

#define VALUE_OK(kind, s, want)                                                                    \
	do {                                                                                       \
		assert_int_equal(value(kind, s), 0);                                               \
		assert_string_equal(strbuf_str(&out), want);                                       \
	} while (0)

static int teardown(void **state)
{
	(void)state;
	strbuf_free(&out);
	return 0;
}

static void test_refang_forms(void **state)
{
	(void)state;
	GUESS_OK("hxxps://example[.]com/path", NODE_URL, "https://example.com/path");
	assert_true(res.flags & NORM_REFANGED);
	assert_true(res.flags & NORM_CHANGED);
	GUESS_OK("evil(.)com", NODE_DOMAIN, "evil.com");
	GUESS_OK("evil{.}com", NODE_DOMAIN, "evil.com");
	GUESS_OK("evil[dot]com", NODE_DOMAIN, "evil.com");
	GUESS_OK("evil(DOT)com", NODE_DOMAIN, "evil.com");
	GUESS_OK("user[@]mail[.]ru", NODE_EMAIL, "user@mail.ru");
	GUESS_OK("user[at]mail[.]ru", NODE_EMAIL, "user@mail.ru");
	/* avast-ioc: defanged every way at once */
	GUESS_OK("http://165[.]227[.]157[.]168/que.vbs", NODE_URL,
		 "http://165.227.157.168/que.vbs");
	GUESS_OK("http[:]//wbbministries[.]org", NODE_URL, "http://wbbministries.org");
	GUESS_OK("hxxp[://]bad[.]example[.]net/a", NODE_URL, "http://bad.example.net/a");
	GUESS_OK("fxp://alvorkitecenter[.]com", NODE_URL, "ftp://alvorkitecenter.com");
	/* volexity/insikt: the path is defanged too */
	GUESS_OK("hxxp://185[.]185[.]25[.]175/ref45[.]php", NODE_URL,
		 "http://185.185.25.175/ref45.php");
	GUESS_OK("HXXPS://Bad[.]Example[.]COM/Login.PHP", NODE_URL,
		 "https://bad.example.com/Login.PHP");
}

static void test_refang_only(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	const char *txt = "C2 at hxxp://a[.]b(.)c and x[@]y{.}z, not hxxpfoo or shxxp://";
	assert_true(norm_refang(txt, strlen(txt), &sb));
	assert_string_equal(sb.buf, "C2 at http://a.b.c and x@y.z, not hxxpfoo or shxxp://");
	/* a scheme is followed by ':/' or a bracket, and never stands where a
	 * host does (after "//", '@' or a dot) */
	const char *hosts = "http://hxxp:47/ u@hxxp:80 a.hxxp:1 hxxp:8080 hxxp:/x hxxp:\\\\x";
	assert_true(norm_refang(hosts, strlen(hosts), &sb));
	assert_string_equal(sb.buf, "http://hxxp:47/ u@hxxp:80 a.hxxp:1 hxxp:8080 http:/x http:\\\\x");
	assert_false(norm_refang("plain.example.com", 17, &sb));
	assert_string_equal(sb.buf, "plain.example.com");
	assert_false(norm_refang("", 0, &sb));
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_free(&sb);
}

static void test_trim(void **state)
{
	(void)state;
	/* insikt TA413 CSV: U+00A0 after the value; CRLF */
	GUESS_OK("pmdskm.top\xc2\xa0\r\n", NODE_DOMAIN, "pmdskm.top");
	assert_true(res.flags & NORM_TRIMMED);
	assert_false(res.flags & NORM_REFANGED);
	/* first cell of a BOM-prefixed CSV */
	GUESS_OK("\xef\xbb\xbf"
		 "103.79.120[.]70",
		 NODE_IPV4, "103.79.120.70");
	assert_true(res.flags & NORM_TRIMMED);
	assert_true(res.flags & NORM_REFANGED);
	/* avast: zero-width space stuck to the end of a URL */
	GUESS_OK("sendspace[.]com/file/zepg6n\xe2\x80\x8b", NODE_URL,
		 "http://sendspace.com/file/zepg6n");
	/* zero-width joiner inside a name is removed, tabs around it too */
	GUESS_OK("\t ev\xe2\x80\x8dil.com \t", NODE_DOMAIN, "evil.com");
	/* nothing but blanks is empty */
	GUESS_NO(" \xc2\xa0\xef\xbb\xbf ");
	assert_string_equal(res.reason, "empty value");
	/* unchanged input carries no flags */
	GUESS_OK("update.adobeonline.net", NODE_DOMAIN, "update.adobeonline.net");
	assert_int_equal(res.flags, 0);
}

static void test_ipv4(void **state)
{
	(void)state;
	GUESS_OK("27.102.113.240", NODE_IPV4, "27.102.113.240");
	GUESS_OK("0.0.0.0", NODE_IPV4, "0.0.0.0");
	GUESS_OK("255.255.255.255", NODE_IPV4, "255.255.255.255");
	/* avast/maltrail ip:port */
	GUESS_OK("1.2.3[.]4:443", NODE_IPV4, "1.2.3.4");
	assert_true(res.flags & NORM_HAD_PORT);
	assert_int_equal(res.port, 443);
	GUESS_OK("139.180.193.182:443", NODE_IPV4, "139.180.193.182");
	assert_int_equal(res.port, 443);
	GUESS_OK("104[.]225.234.200", NODE_IPV4, "104.225.234.200");

	GUESS_NO("010.1.1.1");
	assert_string_equal(res.reason, "leading zero in IPv4 octet (ambiguous octal)");
	GUESS_NO("1.2.3.256");
	assert_string_equal(res.reason, "IPv4 octet above 255");
	GUESS_NO("1.2.3.1000");
	GUESS_NO("1.2.3.4.5");
	GUESS_NO("1..3.4");
	GUESS_NO("1.2.3.4:0");
	GUESS_NO("1.2.3.4:65536");
	GUESS_NO("1.2.3.4:");
	GUESS_NO("161.35.41.9:53:53"); /* maltrail typo */
	GUESS_NO("1.2.3.0/24");
	assert_string_equal(res.reason, "CIDR range, not an address");

	VALUE_OK(NODE_IPV4, " 45.63.114[.]127 ", "45.63.114.127");
	assert_int_equal(value(NODE_IPV4, "evil.com"), -1);
	assert_int_equal(value(NODE_IPV4, "00.1.1.1"), -1);
	/* an IP handed over as a domain becomes an IPv4 node */
	VALUE_OK(NODE_DOMAIN, "95.85.91.50", "95.85.91.50");
	assert_int_equal(res.kind, NODE_IPV4);
}

static void test_ipv6(void **state)
{
	(void)state;
	GUESS_OK("2001:DB8:0:0:0:0:0:1", NODE_IPV6, "2001:db8::1");
	GUESS_OK("2001:db8:0:0:1:0:0:1", NODE_IPV6, "2001:db8::1:0:0:1"); /* RFC 5952 4.2.3 */
	GUESS_OK("2001:0db8:0000:0001:0000:0000:0000:0001", NODE_IPV6, "2001:db8:0:1::1");
	GUESS_OK("2001:db8:0:1:1:1:1:1", NODE_IPV6, "2001:db8:0:1:1:1:1:1"); /* one 0: no :: */
	GUESS_OK("::1", NODE_IPV6, "::1");
	GUESS_OK("[::1]:443", NODE_IPV6, "::1");
	assert_true(res.flags & NORM_HAD_PORT);
	assert_int_equal(res.port, 443);
	GUESS_OK("[2a03:2880:F10C:83:FACE:B00C::25DE]", NODE_IPV6,
		 "2a03:2880:f10c:83:face:b00c:0:25de");
	assert_false(res.flags & NORM_HAD_PORT);
	GUESS_OK("::ffff:1.2.3.4", NODE_IPV6, "::ffff:1.2.3.4");
	GUESS_NO("2001:db8::1::2");
	GUESS_NO("[::1]:99999");
	GUESS_NO("[::1");
	GUESS_NO("10:00:00");
	VALUE_OK(NODE_IPV6, "[FE80::1]:8080", "fe80::1");
	assert_int_equal(res.port, 8080);
	assert_int_equal(value(NODE_IPV6, "1.2.3.4"), -1);
}

static void test_url(void **state)
{
	(void)state;
	GUESS_OK("HTTP://Example.COM:80/A?b=C#Frag", NODE_URL, "http://example.com/A?b=C#Frag");
	GUESS_OK("https://x.com:443", NODE_URL, "https://x.com");
	GUESS_OK("https://x.com:8443/", NODE_URL, "https://x.com:8443/");
	GUESS_OK("http://x.com:443/", NODE_URL, "http://x.com:443/");
	GUESS_OK("ftp://ftp.gear[.]host:21/site/wwwroot/", NODE_URL,
		 "ftp://ftp.gear.host/site/wwwroot/");
	GUESS_OK("hxxp://134[.]19[.]215[.]3:443", NODE_URL, "http://134.19.215.3:443");
	GUESS_OK("http://[2001:DB8::0:1]:8080/x", NODE_URL, "http://[2001:db8::1]:8080/x");
	GUESS_OK("http://User:Pass@Example.com/", NODE_URL, "http://User:Pass@example.com/");
	GUESS_OK("http://example.com./a b", NODE_URL, "http://example.com/a%20b");
	/* avast/maltrail host/path without a scheme */
	GUESS_OK("cdn[.]discordapp.com/attachments/8295/Shipment_Receipt.pdf.iso", NODE_URL,
		 "http://cdn.discordapp.com/attachments/8295/Shipment_Receipt.pdf.iso");
	GUESS_OK("assltextile.com/Su34M.jpg", NODE_URL, "http://assltextile.com/Su34M.jpg");
	GUESS_OK("95.85.91.50:8080/gate.php", NODE_URL, "http://95.85.91.50:8080/gate.php");

	GUESS_NO("/wp-content/x.php"); /* maltrail: path without host */
	GUESS_NO("invoice.pdf/x");
	GUESS_NO("http://");
	GUESS_NO("http://bad host.com/");
	GUESS_NO("http://010.1.1.1/");
	GUESS_NO("http://x.com:99999/");
	GUESS_NO("http://x.com/\x1b[31m");
	assert_string_equal(res.reason, "control character in URL");

	VALUE_OK(NODE_URL, "example.com/a", "http://example.com/a");
	VALUE_OK(NODE_URL, "file:///C:/x.exe", "file:///C:/x.exe");

	struct strbuf h = STRBUF_INIT;
	assert_int_equal(norm_url_host("https://example.com/path", &h), NODE_DOMAIN);
	assert_string_equal(h.buf, "example.com");
	assert_int_equal(norm_url_host("http://95.85.91.50:8080/x", &h), NODE_IPV4);
	assert_string_equal(h.buf, "95.85.91.50");
	assert_int_equal(norm_url_host("http://[2001:db8::1]:8080/x", &h), NODE_IPV6);
	assert_string_equal(h.buf, "2001:db8::1");
	assert_int_equal(norm_url_host("http://user@Sub.Example.com?q", &h), NODE_DOMAIN);
	assert_string_equal(h.buf, "sub.example.com");
	assert_int_equal(norm_url_host("http://localhost/", &h), -1);
	assert_int_equal(norm_url_host("file:///etc/passwd", &h), -1);
	assert_int_equal(norm_url_host("http://010.1.1.1/", &h), -1);
	strbuf_free(&h);
}

static void test_email(void **state)
{
	(void)state;
	GUESS_OK("Andres.Galarraga@Sismode.COM", NODE_EMAIL, "andres.galarraga@sismode.com");
	GUESS_OK("mailto:dashboard@grandamishabot.ru", NODE_EMAIL, "dashboard@grandamishabot.ru");
	GUESS_OK("a+b_c@x-y.co.uk", NODE_EMAIL, "a+b_c@x-y.co.uk");
	GUESS_NO("a@b@c.com");
	GUESS_NO("@mail.ru");
	GUESS_NO("user@");
	GUESS_NO("user@localhost");
	GUESS_NO("us er@mail.ru");
	GUESS_NO("a..b@mail.ru");
	GUESS_NO("user@setup.exe");
	/* avast: two values glued together by a missing newline */
	GUESS_NO("jaleel.rehman@osaimiengineering.com.sahttp[:]//193-22-92-35.intesre.com");
	VALUE_OK(NODE_EMAIL, "Info@StarkGulf.com", "info@starkgulf.com");
}

static void test_hashes(void **state)
{
	(void)state;
	GUESS_OK("D41D8CD98F00B204E9800998ECF8427E", NODE_FILE, "d41d8cd98f00b204e9800998ecf8427e");
	GUESS_OK("da39a3ee5e6b4b0d3255bfef95601890afd80709", NODE_FILE,
		 "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	/* insikt: SHA-256 followed by U+00A0 */
	GUESS_OK("8f50f49e77ddcc7ef639a76217b2eb25c48f9ce21ae8341050d0da49b89b7b34\xc2\xa0",
		 NODE_FILE, "8f50f49e77ddcc7ef639a76217b2eb25c48f9ce21ae8341050d0da49b89b7b34");
	GUESS_NO("d41d8cd98f00b204e9800998ecf8427"); /* 31 digits */
	GUESS_NO("d41d8cd98f00b204e9800998ecf8427g");
	VALUE_OK(NODE_FILE,
		 "SHA256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
		 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_int_equal(value(NODE_FILE, "abc"), -1);
	assert_string_equal(res.reason, "not 32, 40, 64 or 128 hex digits");
	assert_int_equal(value(NODE_FILE, "invoice.pdf"), -1);
	/* x509 fingerprints with separators (insikt TAG-38, SEKOIA) */
	VALUE_OK(NODE_X509, "0F:6A:FC:6E:4E:38:38:83:A6:30:8F:CF:8D:84:B1:4A:5B:F4:CC:AF",
		 "0f6afc6e4e383883a6308fcf8d84b14a5bf4ccaf");
	VALUE_OK(NODE_X509, "0f6afc6e4e383883a6308fcf8d84b14a5bf4ccaf",
		 "0f6afc6e4e383883a6308fcf8d84b14a5bf4ccaf");
	assert_int_equal(value(NODE_X509, "0F:6A:FC"), -1);

	assert_string_equal(norm_hash_algo("d41d8cd98f00b204e9800998ecf8427e"), "md5");
	assert_string_equal(norm_hash_algo("da39a3ee5e6b4b0d3255bfef95601890afd80709"), "sha1");
	assert_string_equal(
	    norm_hash_algo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
	    "sha256");
	char h512[129];
	memset(h512, 'a', 128);
	h512[128] = '\0';
	assert_string_equal(norm_hash_algo(h512), "sha512");
	h512[100] = 'x';
	assert_null(norm_hash_algo(h512));
	assert_null(norm_hash_algo("abcd"));
	assert_null(norm_hash_algo(""));
	assert_null(norm_hash_algo(NULL));
}

static void test_asn(void **state)
{
	(void)state;
	GUESS_OK("AS13335", NODE_ASN, "AS13335");
	GUESS_OK("as13335", NODE_ASN, "AS13335");
	GUESS_OK("ASN 13335", NODE_ASN, "AS13335");
	GUESS_NO("13335"); /* a bare number is not guessed */
	assert_string_equal(res.reason, "a number, not an indicator");
	GUESS_NO("AS4294967296");
	VALUE_OK(NODE_ASN, "13335", "AS13335");
	VALUE_OK(NODE_ASN, "AS4294967295", "AS4294967295");
	assert_int_equal(value(NODE_ASN, "ASX"), -1);
	assert_int_equal(value(NODE_ASN, "AS"), -1);
}

static void test_domain(void **state)
{
	(void)state;
	GUESS_OK("Example.COM.", NODE_DOMAIN, "example.com");
	GUESS_OK("officeupdate.ns01.us", NODE_DOMAIN, "officeupdate.ns01.us");
	GUESS_OK("szsz.pmdskm.top", NODE_DOMAIN, "szsz.pmdskm.top");
	GUESS_OK("credits.offices-analytics.com", NODE_DOMAIN, "credits.offices-analytics.com");
	GUESS_OK("_dmarc.example.org", NODE_DOMAIN, "_dmarc.example.org");
	GUESS_OK("xn--80ak6aa92e.com", NODE_DOMAIN, "xn--80ak6aa92e.com");
	GUESS_OK("sub.xn--p1ai", NODE_DOMAIN, "sub.xn--p1ai");
	GUESS_OK("M\xc3\x9cNCHEN.DE", NODE_DOMAIN, "xn--mnchen-3ya.de"); /* IDN: A-label */
	GUESS_OK("\xd0\x9f\xd0\xa0\xd0\x98\xd0\x9c\xd0\x95\xd0\xa0.\xd0\xa0\xd0\xa4",
		 NODE_DOMAIN, "xn--e1afmkfd.xn--p1ai"); /* ПРИМЕР.РФ */
	GUESS_OK("example.info", NODE_DOMAIN, "example.info");
	GUESS_OK("example.cn", NODE_DOMAIN, "example.cn");
	GUESS_OK("tibetfreedom.xyz", NODE_DOMAIN, "tibetfreedom.xyz");
	GUESS_OK("script.py", NODE_DOMAIN, "script.py"); /* .py is Paraguay */
	GUESS_OK("dost[.]igov-service[.]net:8443", NODE_DOMAIN, "dost.igov-service.net");
	assert_true(res.flags & NORM_HAD_PORT);
	assert_int_equal(res.port, 8443);

	GUESS_NO("a domain with a space");
	assert_string_equal(res.reason, "whitespace in domain name");
	assert_int_equal(value(NODE_DOMAIN, "a domain with a space"), -1);
	assert_string_equal(res.reason, "whitespace in domain name");
	GUESS_NO("localhost");
	GUESS_NO("example..com");
	GUESS_NO(".example.com");
	GUESS_NO("example.com..");
	GUESS_NO("ex!ample.com");
	GUESS_NO("*.example.com");
	GUESS_NO("example.com:http");
	GUESS_NO("app\xe2\x80\x94trrezor-wallet.webflow[.]io"); /* avast: em dash */
	GUESS_NO("support\xc2\xac"
		 "forum.org"); /* maltrail: U+00AC */
	GUESS_NO("bad\xff.com");
	GUESS_NO("a.b");
	char big[300];
	memset(big, 'a', sizeof(big));
	memcpy(big + 290, ".com", 5);
	GUESS_NO(big);
	assert_string_equal(res.reason, "domain name longer than 253 bytes");
	char lab[80];
	memset(lab, 'a', 64);
	memcpy(lab + 64, ".com", 5);
	GUESS_NO(lab);
	assert_string_equal(res.reason, "domain label longer than 63 bytes");

	/* norm_value accepts what guessing refuses as a file name */
	VALUE_OK(NODE_DOMAIN, "footballtv.zip", "footballtv.zip");
	VALUE_OK(NODE_DOMAIN, "SUB.Example.COM:8080", "sub.example.com");
	assert_int_equal(res.port, 8080);
	assert_int_equal(value(NODE_DOMAIN, "1.2.3"), -1);
	assert_int_equal(value(NODE_DOMAIN, "host.123"), -1);
	assert_string_equal(res.reason, "numeric top-level label");
}

/* Internationalised names (libidn2, UTS #46): every spelling of one name
 * is one key, its A-label, shown as its U-label; ASCII names never go
 * through libidn2, so an A-label is kept as written even when it does not
 * decode; a Unicode name libidn2 refuses is rejected with the reason. */
static void test_idn(void **state)
{
	(void)state;
	static const char *const buecher[] = {
	    "b\xc3\xbc"
	    "cher.example", /* bücher.example */
	    "B\xc3\x9c"
	    "CHER.example", /* BÜCHER.example */
	    "\xef\xbd\x82\xc3\xbc"
	    "cher\xef\xbc\x8e"
	    "example", /* ｂücher．example */
	    "\xef\xbc\xa2\xc3\x9c\xef\xbc\xa3\xef\xbc\xa8\xef\xbc\xa5\xef\xbc\xb2\xef\xbc\x8e"
	    "example", /* ＢÜＣＨＥＲ．example */
	    "b\xc3\xbc"
	    "cher\xe3\x80\x82"
	    "example", /* ideographic full stop */
	    "b\xc3\xbc"
	    "cher.example\xe3\x80\x82", /* ... as the root */
	    "bu\xcc\x88"
	    "cher.example", /* decomposed ü: NFC first */
	    "xn--bcher-kva.example",
	    "XN--BCHER-KVA.EXAMPLE.",
	};
	for (size_t i = 0; i < sizeof(buecher) / sizeof(buecher[0]); i++) {
		const char *in = buecher[i];
		GUESS_OK(in, NODE_DOMAIN, "xn--bcher-kva.example");
		VALUE_OK(NODE_DOMAIN, in, "xn--bcher-kva.example");
	}
	/* IDNA2008 (nontransitional): ß is a letter of its own */
	GUESS_OK("fa\xc3\x9f.de", NODE_DOMAIN, "xn--fa-hia.de");
	/* full-width ASCII is ASCII */
	GUESS_OK("\xef\xbd\x85\xef\xbd\x98\xef\xbd\x81\xef\xbd\x8d\xef\xbd\x90\xef\xbd\x8c"
		 "\xef\xbd\x85\xef\xbc\x8e\xef\xbd\x83\xef\xbd\x8f\xef\xbd\x8d",
		 NODE_DOMAIN, "example.com"); /* ｅｘａｍｐｌｅ．ｃｏｍ */
	/* URL hosts and e-mail domains alike; paths and local parts are not names */
	GUESS_OK("hxxp://B\xc3\xbc"
		 "cher[.]example:80/Pfad/\xc3\xbc",
		 NODE_URL, "http://xn--bcher-kva.example/Pfad/\xc3\xbc");
	GUESS_OK("J\xc3\xb6rg@B\xc3\xbc"
		 "cher.example",
		 NODE_EMAIL, "j\xc3\xb6rg@xn--bcher-kva.example");
	struct strbuf host = STRBUF_INIT;
	assert_int_equal(norm_url_host("http://xn--bcher-kva.example/Pfad", &host), NODE_DOMAIN);
	assert_string_equal(host.buf, "xn--bcher-kva.example");
	strbuf_free(&host);

	/* shown as U-labels */
	struct strbuf shown = STRBUF_INIT;
	assert_int_equal(norm_display(NODE_DOMAIN, "a.xn--bcher-kva.example", &shown), 1);
	assert_string_equal(shown.buf, "a.b\xc3\xbc"
				       "cher.example");
	assert_int_equal(norm_display(NODE_URL, "https://xn--bcher-kva.example:8443/xn--x", &shown),
			 1);
	assert_string_equal(shown.buf, "https://b\xc3\xbc"
				       "cher.example:8443/xn--x");
	assert_int_equal(norm_display(NODE_EMAIL, "xn--a@xn--bcher-kva.example", &shown), 1);
	assert_string_equal(shown.buf, "xn--a@b\xc3\xbc"
				       "cher.example");
	assert_int_equal(norm_display(NODE_DOMAIN, "example.com", &shown), 0);
	assert_string_equal(shown.buf, "example.com");
	assert_int_equal(norm_display(NODE_DOMAIN, "xn--zz.com", &shown), 0); /* not punycode */
	assert_string_equal(shown.buf, "xn--zz.com");
	assert_int_equal(norm_display(NODE_FILE, "xn--bcher-kva.example", &shown), 0);
	strbuf_free(&shown);

	/* refused by libidn2: rejected with its reason, not kept as before */
	GUESS_NO("\xf0\x9f\x92\xa9.la"); /* an emoji (IDNA2003 only) */
	assert_string_equal(res.reason,
			    "internationalised domain name with a character no name may hold");
	GUESS_OK("xn--ls8h.la", NODE_DOMAIN, "xn--ls8h.la"); /* its A-label, as written */
	GUESS_NO("-b\xc3\xbc"
		 "cher.example");
	assert_string_equal(res.reason,
			    "internationalised domain name with a label starting or ending in '-'");
	assert_int_equal(value(NODE_URL, "http://x\xc2\xa0.example/"), -1); /* NBSP -> space */
	assert_string_equal(res.reason, "invalid character in URL host");
	/* ASCII is never given to libidn2: current behaviour kept */
	GUESS_OK("xn--zz.com", NODE_DOMAIN, "xn--zz.com");
	GUESS_OK("-x.example.com", NODE_DOMAIN, "-x.example.com");
}

/* Issue 16 item 14: URL normalisation was not idempotent. "x<U+00A0>[.]"
 * became "http://x<U+00A0>", which normalised to "http://x"; "00<U+3000>."
 * became a URL its own normaliser rejected; the fuzzer then found
 * "<U+3002>?" (a host that maps to the root alone). Hosts now go through
 * UTS #46 mapping, which turns those spaces into ' ', refused in a host.
 * Every kind (and guessing), on these and on hand-picked neighbours: what
 * normalises, normalises to itself, as its kind and guessed again. */
static void test_idempotent(void **state)
{
	(void)state;
	static const char *const vals[] = {
	    "x\xc2\xa0[.]",
	    "00\xe3\x80\x80.",
	    "\xe3\x80\x82?",
	    "file://\xe3\x80\x82/etc/passwd",
	    "http://x.example\xc2\xa0[.]",
	    "http://x.example/a\xc2\xa0[.]",
	    "hxxp://b\xc3\xbc" "cher[.]example\xe3\x80\x82/x",
	    "b\xc3\xbc" "cher.example\xe3\x80\x82:8080",
	    "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x97.0.0.1", /* full-width digits */
	    "a@b\xc3\xbc" "cher.example\xe3\x80\x82",
	    "[[.]]x.com",
	    "x\xe2\x80\x8b.com\xc2\xa0",
	    /* the final fuzz pass: a host named "hxxp" with a port became the
	     * URL http://hxxp:47/..., whose host then read as a defanged scheme */
	    "hxxp.:47/4a?b#/a",
	    "a@hxxp:80",
	};
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct norm_result r, r2;
	int accepted = 0;
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		for (int k = 0; k <= NODE_KIND_COUNT; k++) {
			const char *v = vals[i];
			int rc = k == NODE_KIND_COUNT ? norm_guess(v, strlen(v), &a, &r)
						      : norm_value(k, v, strlen(v), &a, &r);
			if (rc != 0)
				continue;
			accepted++;
			assert_int_equal(norm_value(r.kind, a.buf, a.len, &b, &r2), 0);
			assert_string_equal(b.buf, a.buf);
			if (k == NODE_KIND_COUNT) {
				assert_int_equal(norm_guess(a.buf, a.len, &b, &r2), 0);
				assert_int_equal(r2.kind, r.kind);
				assert_string_equal(b.buf, a.buf);
			}
		}
	}
	assert_true(accepted > 20); /* names take anything; most kinds refuse */
	/* what each of the reported values is now */
	assert_int_equal(value(NODE_URL, "x\xc2\xa0[.]"), -1);
	assert_string_equal(res.reason, "invalid character in URL host");
	GUESS_NO("x\xc2\xa0[.]");
	assert_int_equal(value(NODE_URL, "00\xe3\x80\x80."), -1);
	assert_string_equal(res.reason, "invalid character in URL host");
	assert_int_equal(value(NODE_URL, "\xe3\x80\x82?"), -1);
	assert_string_equal(res.reason, "URL without host");
	assert_int_equal(value(NODE_URL, "http://x.example\xc2\xa0[.]"), -1);
	assert_string_equal(res.reason, "invalid character in URL host");
	VALUE_OK(NODE_URL, "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x97.0.0.1/x", "http://127.0.0.1/x");
	GUESS_OK("\xef\xbc\x91\xef\xbc\x92\xef\xbc\x97.0.0.1/x", NODE_URL, "http://127.0.0.1/x");
	GUESS_OK("\xef\xbc\x91\xef\xbc\x92\xef\xbc\x97.0.0.1", NODE_IPV4, "127.0.0.1");
	strbuf_free(&a);
	strbuf_free(&b);
}

static void test_guess_refuses_non_indicators(void **state)
{
	(void)state;
	/* versions, numbers and file names are not domains */
	const char *no[] = {"1.2.3",	   "v2.0.1",	  "3.14",      "12345",
			    "1.0",	   "invoice.pdf", "setup.exe", "document.docx",
			    "report.DOCX", "a.zip",	  "clip.mov",  "payload.dll",
			    "index.html",  "run.bat",	  "notes.txt", "2021-03-02",
			    "10:00",	   "-",		  "Tor C&Cs",  "-----------------"};
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		if (guess(no[i]) != -1)
			fail_msg("%s guessed as kind %d: %s", no[i], res.kind, strbuf_str(&out));
		assert_non_null(res.reason);
	}
	GUESS_NO("v2.0.1");
	assert_string_equal(res.reason, "numeric top-level label");
	GUESS_NO("invoice.pdf");
	assert_string_equal(res.reason, "file name, not a domain");
}

static void test_name_key(void **state)
{
	(void)state;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	norm_name_key("APT 15", 6, &a);
	norm_name_key("apt15", 5, &b);
	assert_string_equal(a.buf, "apt15");
	assert_string_equal(a.buf, b.buf);
	norm_name_key("APT-15", 6, &b);
	assert_string_equal(a.buf, b.buf);
	norm_name_key("A.P.T_15\xc2\xa0", 10, &b);
	assert_string_equal(a.buf, b.buf);
	norm_name_key("APT 28", 6, &a);
	norm_name_key("APT 29", 6, &b);
	assert_string_not_equal(a.buf, b.buf);
	norm_name_key("Mustang Panda", 13, &a);
	assert_string_equal(a.buf, "mustangpanda");
	norm_name_key("Threat Group-3390", 17, &a);
	assert_string_equal(a.buf, "threatgroup3390");
	/* non-ASCII kept as is */
	norm_name_key("\xd0\x9a\xd0\xb8\xd1\x82 Team", 11, &a);
	assert_string_equal(a.buf, "\xd0\x9a\xd0\xb8\xd1\x82team");
	norm_name_key("", 0, &a);
	assert_string_equal(strbuf_str(&a), "");
	strbuf_free(&a);
	strbuf_free(&b);
}

static void test_other_kinds_trimmed(void **state)
{
	(void)state;
	VALUE_OK(NODE_ACTOR, "\xef\xbb\xbf APT28\xc2\xa0", "APT28");
	assert_int_equal(res.kind, NODE_ACTOR);
	assert_true(res.flags & NORM_TRIMMED);
	assert_int_equal(value(NODE_ACTOR, "  "), -1);
	/* the result struct is optional */
	assert_int_equal(norm_value(NODE_DOMAIN, "Evil.com", 8, &out, NULL), 0);
	assert_string_equal(out.buf, "evil.com");
	assert_int_equal(norm_guess("x", 1, &out, NULL), -1);
	/* only n bytes are read */
	assert_int_equal(norm_value(NODE_DOMAIN, "evil.comXYZ", 8, &out, &res), 0);
	assert_string_equal(out.buf, "evil.com");
}

/* Every line of every avast-ioc network.txt (1,465 entries, 1,419
 * defanged): all normalise except five that are no values: two "-----"
 * rules, two section titles and "app<U+2014>trrezor-wallet.webflow[.]io". */
static void test_corpus_avast(void **state)
{
	(void)state;
	const char *root = corpus_or_skip("avast-ioc");
	DIR *dir = opendir(root);
	assert_non_null(dir);
	struct dirent *de;
	int ok = 0, bad = 0, seen_microcin = 0, kinds[NODE_KIND_COUNT] = {0};
	while ((de = readdir(dir))) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s/network.txt", root, de->d_name);
		char *text = read_file_all(path, NULL);
		if (!text)
			continue;
		for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
			if (guess(line) == 0) {
				ok++;
				kinds[res.kind]++;
				if (!strcmp(out.buf, "45.63.114.127"))
					seen_microcin = 1;
			} else if (strcmp(res.reason, "empty value")) {
				bad++;
			}
		}
		free(text);
	}
	closedir(dir);
	assert_int_equal(ok, 1460);
	assert_int_equal(bad, 5);
	assert_true(seen_microcin);
	assert_int_equal(kinds[NODE_IPV4], 62);
	assert_int_equal(kinds[NODE_EMAIL], 21);
	assert_int_equal(kinds[NODE_DOMAIN], 883);
	assert_int_equal(kinds[NODE_URL], 494);

	/* a single line with no final newline: host:port */
	char *one = read_file_all(
	    corpus_or_skip("avast-ioc/Philippine-Navy-Certificate/network.txt"), NULL);
	assert_non_null(one);
	GUESS_OK(one, NODE_DOMAIN, "dost.igov-service.net");
	assert_int_equal(res.port, 8443);
	assert_int_equal(res.flags & (NORM_REFANGED | NORM_HAD_PORT),
			 NORM_REFANGED | NORM_HAD_PORT);
	free(one);
}

/* insikt TA413 CSV: BOM header, CRLF, em dashes and U+00A0 in the second
 * column; the first cells are defanged IPs. */
static void test_corpus_insikt_ta413(void **state)
{
	(void)state;
	const char *path = corpus_or_skip(
	    "insikt-group-research/"
	    "Chinese_State-Sponsored_Group_TA413_Adopts_New_Capabilities_in_Pursuit_of_Tibetan_"
	    "Targets/Chinese_State-Sponsored_Group_TA413_Adopts_New_Capabilities_in_Pursuit_of_"
	    "Tibetan_Targets_-_Indicators.csv");
	char *text = read_file_all(path, NULL);
	assert_non_null(text);
	int ips = 0, first = 1;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		size_t cell = strcspn(line, ",");
		int rc = norm_guess(line, cell, &out, &res);
		if (first) {
			assert_int_equal(rc, -1); /* "\xef\xbb\xbfIndicator" is a header */
			first = 0;
		}
		if (rc == 0 && res.kind == NODE_IPV4)
			ips++;
		if (!strncmp(line, "65.20.75[.]158,", 15)) {
			assert_int_equal(rc, 0);
			assert_string_equal(out.buf, "65.20.75.158");
		}
	}
	assert_true(ips >= 4);
	free(text);
}

static void test_address_order(void **state)
{
	(void)state;
	assert_true(norm_address_cmp(NODE_IPV4, "10.0.0.9", "10.0.0.10") < 0);
	assert_true(norm_address_cmp(NODE_IPV4, "10.0.0.100", "10.0.0.10") > 0);
	assert_true(norm_address_cmp(NODE_IPV4, "9.255.255.255", "10.0.0.0") < 0);
	assert_int_equal(norm_address_cmp(NODE_IPV4, "192.0.2.1", "192.0.2.1"), 0);
	/* a range after every address, two ranges left to the caller */
	assert_true(norm_address_cmp(NODE_IPV4, "10.0.0.0/8", "192.0.2.1") > 0);
	assert_true(norm_address_cmp(NODE_IPV4, "192.0.2.1", "10.0.0.0/8") < 0);
	assert_int_equal(norm_address_cmp(NODE_IPV4, "10.0.0.0/8", "10.0.0.0/16"), 0);
	assert_true(norm_address_cmp(NODE_IPV6, "2001:db8::9", "2001:db8::10") < 0);
	assert_true(norm_address_cmp(NODE_IPV6, "2001:db8::ff", "2001:db8::1:0") < 0);
	assert_int_equal(norm_address_cmp(NODE_DOMAIN, "b.example", "a.example"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_refang_forms),
	    cmocka_unit_test(test_refang_only),
	    cmocka_unit_test(test_trim),
	    cmocka_unit_test(test_ipv4),
	    cmocka_unit_test(test_ipv6),
	    cmocka_unit_test(test_url),
	    cmocka_unit_test(test_email),
	    cmocka_unit_test(test_hashes),
	    cmocka_unit_test(test_asn),
	    cmocka_unit_test(test_domain),
	    cmocka_unit_test(test_idn),
	    cmocka_unit_test(test_idempotent),
	    cmocka_unit_test(test_guess_refuses_non_indicators),
	    cmocka_unit_test(test_name_key),
	    cmocka_unit_test(test_address_order),
	    cmocka_unit_test(test_other_kinds_trimmed),
	    cmocka_unit_test(test_corpus_avast),
	    cmocka_unit_test(test_corpus_insikt_ta413),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
