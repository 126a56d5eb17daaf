#include "loaders/confidence.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

uint8_t conf_from_number(long long v)
{
	if (v <= 0)
		return CONF_NOT_FOR_DETECTION;
	return (uint8_t)(v > 100 ? 100 : v);
}

uint8_t conf_from_text(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n && s[n - 1] == '%')
		n--;
	if (!n)
		return CONF_UNKNOWN;
	if (isdigit((unsigned char)s[0])) {
		long long v = 0;
		for (size_t i = 0; i < n; i++) {
			if (!isdigit((unsigned char)s[i]) || v > 1000)
				return CONF_UNKNOWN;
			v = v * 10 + (s[i] - '0');
		}
		return v > 100 ? CONF_UNKNOWN : conf_from_number(v);
	}
	static const struct {
		const char *word;
		uint8_t conf;
	} words[] = {
	    {"high", CONF_HIGH}, {"medium", CONF_MEDIUM},	   {"med", CONF_MEDIUM},
	    {"low", CONF_LOW},	 {"none", CONF_NOT_FOR_DETECTION},
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (n == strlen(words[i].word) && !strncasecmp(s, words[i].word, n))
			return words[i].conf;
	return CONF_UNKNOWN;
}

uint8_t conf_weakest(uint8_t a, uint8_t b)
{
	if (a == CONF_UNKNOWN)
		return b;
	if (b == CONF_UNKNOWN)
		return a;
	return a < b ? a : b;
}
