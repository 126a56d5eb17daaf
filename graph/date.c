#include "graph/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar, no tables, no timegm() (which depends on TZ handling). Dates
 * outside years 1..9999 or not in the calendar ("Feb 30", a year read as
 * 2^31 from a CSV cell) are no date: they would overflow the arithmetic. */
int32_t date_from_ymd(int y, int m, int d)
{
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return DATE_UNKNOWN;
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
	z += 719468;
	int32_t era = (z >= 0 ? z : z - 146096) / 146097;
	int32_t doe = z - era * 146097;
	int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int32_t mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* Reads exactly k digits at *p; -1 when they are not all there. */
static int digits(const char **p, int k)
{
	int v = 0;
	for (int i = 0; i < k; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += k;
	return v;
}

static int32_t floor_div(int64_t a, int64_t b)
{
	return (int32_t)(a / b - (a % b != 0 && (a < 0) != (b < 0)));
}

/* The time of day and zone after a date: "T10:00", "T10:00:00.123Z",
 * " 10:00:00+02:00", "T100000Z". Adds the UTC shift in seconds to *secs.
 * Returns 0, or -1 on anything malformed. */
static int parse_time(const char *p, int basic, int64_t *secs)
{
	int hh = digits(&p, 2);
	if (!basic && *p == ':')
		p++;
	int mm = digits(&p, 2);
	int ss = 0;
	if (hh < 0 || mm < 0)
		return -1;
	if ((!basic && *p == ':') || (basic && isdigit((unsigned char)*p))) {
		if (!basic)
			p++;
		if ((ss = digits(&p, 2)) < 0)
			return -1;
		if (*p == '.' || *p == ',') {
			p++;
			if (!isdigit((unsigned char)*p))
				return -1;
			while (isdigit((unsigned char)*p))
				p++; /* fractions never move the day */
		}
	}
	if (hh > 24 || mm > 59 || ss > 60 || (hh == 24 && (mm || ss)))
		return -1;
	int64_t t = hh * 3600 + mm * 60 + ss;
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p++ == '-' ? -1 : 1;
		int oh = digits(&p, 2), om = 0;
		if (oh < 0)
			return -1;
		if (*p == ':')
			p++;
		if (isdigit((unsigned char)*p) && (om = digits(&p, 2)) < 0)
			return -1;
		if (oh > 23 || om > 59)
			return -1;
		/* Local time = UTC + offset, so UTC = local - offset. */
		t -= sign * (oh * 3600 + om * 60);
	}
	while (isspace((unsigned char)*p))
		p++;
	if (!strcmp(p, "UTC") || !strcmp(p, "GMT"))
		p += 3;
	if (*p)
		return -1;
	*secs += t;
	return 0;
}

int32_t date_parse(const char *s)
{
	if (!s)
		return DATE_UNKNOWN;
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n > 64)
		return DATE_UNKNOWN;
	char buf[65];
	memcpy(buf, s, n);
	buf[n] = '\0';

	size_t nd = strspn(buf, "0123456789");
	if (nd == n && n > 8) {
		/* Unix seconds; 13 digits are milliseconds (JavaScript-made feeds). */
		if (n > 13 || n == 12)
			return DATE_UNKNOWN;
		long long v = 0;
		for (size_t i = 0; i < n; i++)
			v = v * 10 + (buf[i] - '0');
		if (n == 13)
			v /= 1000;
		return floor_div(v, 86400);
	}

	const char *p = buf;
	int basic = nd >= 8;
	int y, m, d;
	if (basic) {
		y = digits(&p, 4), m = digits(&p, 2), d = digits(&p, 2);
	} else {
		y = digits(&p, 4);
		char sep = *p;
		if (y < 0 || (sep != '-' && sep != '/'))
			return DATE_UNKNOWN;
		p++;
		m = digits(&p, 2);
		if (m < 0 || *p != sep)
			return DATE_UNKNOWN;
		p++;
		d = digits(&p, 2);
		if (d < 0)
			return DATE_UNKNOWN;
	}
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return DATE_UNKNOWN;
	int64_t secs = (int64_t)date_from_ymd(y, m, d) * 86400;
	if (*p == 'T' || *p == 't' || (*p == ' ' && !basic)) {
		if (parse_time(p + 1, basic, &secs) < 0)
			return DATE_UNKNOWN;
	} else if (*p) {
		return DATE_UNKNOWN;
	}
	return floor_div(secs, 86400);
}

const char *date_format(int32_t days, char *buf, size_t n)
{
	if (n == 0)
		return buf;
	if (days == DATE_UNKNOWN) {
		snprintf(buf, n, "-");
		return buf;
	}
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
	return buf;
}

int32_t date_today(void)
{
	return floor_div((int64_t)time(NULL), 86400);
}
