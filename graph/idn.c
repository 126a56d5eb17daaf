#include "graph/idn.h"

#include <idn2.h>
#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"

/* libidn2's refusals in the words of a diagnostic ("'x' skipped: ..."). */
static const char *reason(int rc)
{
	switch (rc) {
	case IDN2_DISALLOWED:
		return "internationalised domain name with a character no name may hold";
	case IDN2_HYPHEN_STARTEND:
	case IDN2_2HYPHEN:
		return "internationalised domain name with a label starting or ending in '-'";
	case IDN2_LEADING_COMBINING:
		return "internationalised domain name with a label starting with a combining mark";
	case IDN2_BIDI:
		return "internationalised domain name mixing right-to-left and other text";
	case IDN2_CONTEXTJ:
	case IDN2_CONTEXTJ_NO_RULE:
	case IDN2_CONTEXTO:
	case IDN2_CONTEXTO_NO_RULE:
		return "internationalised domain name with a character out of its context";
	case IDN2_UNASSIGNED:
		return "internationalised domain name with an unassigned code point";
	case IDN2_TOO_BIG_DOMAIN:
	case IDN2_TOO_BIG_LABEL:
	case IDN2_PUNYCODE_BIG_OUTPUT:
	case IDN2_PUNYCODE_OVERFLOW:
		return "internationalised domain name too long";
	case IDN2_ENCODING_ERROR:
		return "invalid UTF-8 in domain name";
	default:
		return "not a valid internationalised domain name";
	}
}

const char *idn_ascii(const char *s, size_t n, struct strbuf *out)
{
	char *in = xstrndup(s, n);
	uint8_t *a = NULL;
	int rc = idn2_lookup_u8((const uint8_t *)in, &a, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
	free(in);
	if (rc != IDN2_OK) {
		idn2_free(a);
		return reason(rc);
	}
	strbuf_adds(out, (const char *)a);
	idn2_free(a);
	return NULL;
}

int idn_unicode(const char *s, struct strbuf *out)
{
	char *u = NULL;
	int has_alabel = !strncmp(s, "xn--", 4) || strstr(s, ".xn--");
	if (!has_alabel || idn2_to_unicode_8z8z(s, &u, 0) != IDN2_OK || !strcmp(u, s)) {
		idn2_free(u);
		strbuf_adds(out, s);
		return 0;
	}
	strbuf_adds(out, u);
	idn2_free(u);
	return 1;
}
