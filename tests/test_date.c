/* Dates as days since 1970-01-01 UTC: the forms STIX, MISP and CSV feeds
 * write, and the ones they get wrong. */
#include "tests/testutil.h"

#include <time.h>

#include "graph/date.h"

static void test_from_ymd(void **state)
{
	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(1970, 1, 2), 1);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(date_from_ymd(2000, 1, 1), 10957);
	assert_int_equal(date_from_ymd(2000, 3, 1), 11017); /* 2000 is a leap year */
	assert_int_equal(date_from_ymd(2021, 3, 2), 18688);
	assert_int_equal(date_from_ymd(2024, 2, 29), 19782);
	assert_int_equal(date_from_ymd(2038, 1, 19), 24855);
	assert_int_equal(date_from_ymd(1900, 3, 1) - date_from_ymd(1900, 2, 28), 1); /* no Feb 29 */
	assert_int_equal(date_from_ymd(1, 1, 1), -719162);
}

static void test_format_roundtrip(void **state)
{
	(void)state;
	char buf[16];
	assert_string_equal(date_format(0, buf, sizeof(buf)), "1970-01-01");
	assert_string_equal(date_format(18688, buf, sizeof(buf)), "2021-03-02");
	assert_string_equal(date_format(-1, buf, sizeof(buf)), "1969-12-31");
	assert_string_equal(date_format(19782, buf, sizeof(buf)), "2024-02-29");
	assert_string_equal(date_format(DATE_UNKNOWN, buf, sizeof(buf)), "-");
	char small[5];
	assert_string_equal(date_format(18688, small, sizeof(small)), "2021"); /* truncated */
	/* every day of four centuries survives format -> parse */
	for (int32_t d = date_from_ymd(1900, 1, 1); d < date_from_ymd(2300, 1, 1); d += 7) {
		date_format(d, buf, sizeof(buf));
		if (date_parse(buf) != d)
			fail_msg("%d formatted as %s parsed back as %d", d, buf, date_parse(buf));
	}
}

static void test_parse_iso(void **state)
{
	(void)state;
	int32_t d = date_from_ymd(2021, 3, 2);
	assert_int_equal(date_parse("2021-03-02"), d);
	assert_int_equal(date_parse("2021-03-02T10:00:00Z"), d);
	assert_int_equal(date_parse("2021-03-02T10:00:00.000Z"), d);	/* STIX 2.1 */
	assert_int_equal(date_parse("2021-03-02T23:59:59.123456Z"), d); /* microseconds */
	assert_int_equal(date_parse("2021-03-02 10:00:00"), d);		/* MISP */
	assert_int_equal(date_parse("2021-03-02t10:00z"), d);
	assert_int_equal(date_parse("  2021-03-02T10:00:00Z \r\n"), d);
	assert_int_equal(date_parse("20210302"), d);
	assert_int_equal(date_parse("20210302T100000Z"), d);
	assert_int_equal(date_parse("2021/03/02"), d); /* insikt "(last seen:2022/12/06)" */
	assert_int_equal(date_parse("2021-03-02 10:00:00 UTC"), d);
	assert_int_equal(date_parse("2021-03-02T24:00:00Z"), d + 1);
}

static void test_parse_offsets(void **state)
{
	(void)state;
	int32_t d = date_from_ymd(2021, 3, 2);
	/* 01:00 at +03:00 is 22:00 the day before in UTC */
	assert_int_equal(date_parse("2021-03-02T01:00:00+03:00"), d - 1);
	assert_int_equal(date_parse("2021-03-02T01:00:00+0300"), d - 1);
	assert_int_equal(date_parse("2021-03-02T01:00:00+03"), d - 1);
	assert_int_equal(date_parse("2021-03-02T03:00:00+03:00"), d);
	/* 22:30 at -02:00 is 00:30 the day after */
	assert_int_equal(date_parse("2021-03-02T22:30:00-02:00"), d + 1);
	assert_int_equal(date_parse("2021-03-02T22:30:00.5-02:00"), d + 1);
	assert_int_equal(date_parse("2021-12-31T23:00:00-05:00"), date_from_ymd(2022, 1, 1));
	assert_int_equal(date_parse("2021-03-02T12:00:00+00:00"), d);
}

static void test_parse_unix(void **state)
{
	(void)state;
	assert_int_equal(date_parse("1614679200"), date_from_ymd(2021, 3, 2)); /* MISP timestamp */
	assert_int_equal(date_parse("1614729599"), date_from_ymd(2021, 3, 2));
	assert_int_equal(date_parse("1614729600"), date_from_ymd(2021, 3, 3));
	assert_int_equal(date_parse("1614679200000"), date_from_ymd(2021, 3, 2)); /* ms */
	assert_int_equal(date_parse("100000000"), date_from_ymd(1973, 3, 3));
	/* eight digits are YYYYMMDD, not seconds */
	assert_int_equal(date_parse("19700102"), 1);
	assert_int_equal(date_parse("12345678"), DATE_UNKNOWN);
}

static void test_parse_invalid(void **state)
{
	(void)state;
	const char *bad[] = {
	    "",
	    "   ",
	    "2021-13-01",
	    "2021-00-10",
	    "2021-02-29", /* not a leap year */
	    "1900-02-29",
	    "2021-04-31",
	    "2021-03-00",
	    "2021-3-2",
	    "2021-03",
	    "2021",
	    "0000-01-01",
	    "2021-03-02T25:00:00Z",
	    "2021-03-02T10:60:00Z",
	    "2021-03-02T10:00:61Z",
	    "2021-03-02T24:00:01Z",
	    "2021-03-02T10",
	    "2021-03-02T10:00:00+25:00",
	    "2021-03-02T10:00:00.Z",
	    "2021-03-02T10:00:00Zjunk",
	    "2021-03-02x",
	    "2021-03/02",
	    "20211302",
	    "yesterday",
	    "-1614679200",
	    "12345678901234",
	    "1.2.3",
	    "2021-03-02T10:00:00+03:00:00",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (date_parse(bad[i]) != DATE_UNKNOWN)
			fail_msg("\"%s\" parsed as %d", bad[i], date_parse(bad[i]));
	assert_int_equal(date_parse(NULL), DATE_UNKNOWN);
	/* leap day in a leap year is fine */
	assert_int_equal(date_parse("2000-02-29"), date_from_ymd(2000, 2, 29));
	/* absurdly long input is refused, not read */
	char big[200];
	memset(big, '1', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(date_parse(big), DATE_UNKNOWN);
}

static void test_today(void **state)
{
	(void)state;
	int32_t t = date_today();
	int32_t want = (int32_t)(time(NULL) / 86400);
	assert_true(t == want || t == want - 1); /* midnight may pass between calls */
	assert_true(t > date_from_ymd(2024, 1, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_from_ymd),   cmocka_unit_test(test_format_roundtrip),
	    cmocka_unit_test(test_parse_iso),  cmocka_unit_test(test_parse_offsets),
	    cmocka_unit_test(test_parse_unix), cmocka_unit_test(test_parse_invalid),
	    cmocka_unit_test(test_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
