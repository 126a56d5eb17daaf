#include "loaders/stix2_version.h"

#include <ctype.h>
#include <limits.h>
#include <string.h>

#include "graph/date.h"

struct instant {
	long long seconds;
	const char *frac; /* fractional digits, frac_len of them */
	size_t frac_len;
};

static int two(const char *s)
{
	return isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1])
		   ? (s[0] - '0') * 10 + (s[1] - '0')
		   : -1;
}

static int parse(const char *s, struct instant *t)
{
	int32_t days = date_parse(s);
	if (days == DATE_UNKNOWN || strlen(s) < 20 || (s[10] != 'T' && s[10] != 't'))
		return -1;
	int h = two(s + 11), m = two(s + 14), sec = two(s + 17);
	if (h < 0 || m < 0 || sec < 0 || s[13] != ':' || s[16] != ':')
		return -1;
	const char *p = s + 19;
	t->frac = p;
	t->frac_len = 0;
	if (*p == '.') {
		t->frac = ++p;
		while (isdigit((unsigned char)*p))
			p++;
		t->frac_len = (size_t)(p - t->frac);
	}
	long long offset = 0;
	if (*p == '+' || *p == '-') {
		int oh = two(p + 1), om = two(p + 4);
		if (oh < 0 || om < 0 || p[3] != ':')
			return -1;
		offset = (oh * 3600LL + om * 60LL) * (*p == '-' ? -1 : 1);
	} else if (*p != 'Z' && *p != 'z') {
		return -1;
	}
	t->seconds = days * 86400LL + h * 3600LL + m * 60LL + sec - offset;
	return 0;
}

int stix2_version_instant(const char *s, long long *ns)
{
	struct instant t;
	if (!s || parse(s, &t))
		return -1;
	long long frac = 0;
	for (size_t i = 0; i < 9; i++)
		frac = frac * 10 + (i < t.frac_len ? t.frac[i] - '0' : 0);
	/* nanoseconds since 1970 fit in a long long up to the year 2262; a
	 * later (or much earlier) timestamp, which a hostile file may hold (a
	 * year up to 9999 is a date), saturates instead of overflowing:
	 * fuzz_load_stix2 found "modified": "9999-..." overflowing here */
	const long long max_s = LLONG_MAX / 1000000000LL - 1;
	if (t.seconds > max_s || t.seconds < -max_s)
		*ns = t.seconds > 0 ? LLONG_MAX : LLONG_MIN;
	else
		*ns = t.seconds * 1000000000LL + frac;
	return 0;
}

int stix2_version_cmp(const char *a, const char *b)
{
	struct instant x, y;
	if (!a || !b || parse(a, &x) || parse(b, &y))
		return 0;
	if (x.seconds != y.seconds)
		return x.seconds < y.seconds ? -1 : 1;
	/* fractions digit by digit, the shorter padded with zeros */
	size_t n = x.frac_len > y.frac_len ? x.frac_len : y.frac_len;
	for (size_t i = 0; i < n; i++) {
		char cx = i < x.frac_len ? x.frac[i] : '0', cy = i < y.frac_len ? y.frac[i] : '0';
		if (cx != cy)
			return cx < cy ? -1 : 1;
	}
	return 0;
}
