/* Fuzzes the escapes every output goes through. The property that matters:
 * text_escape_into never lets a control byte (C0, DEL, C1 as UTF-8) or
 * invalid UTF-8 through, and with ascii_only nothing above 0x7e. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "graph/date.h"
#include "graph/strbuf.h"
#include "graph/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static void check_safe(const char *s, size_t n, int ascii_only)
{
	if (!text_utf8_valid(s, n))
		abort();
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, n - i, &cp);
		if (k == 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
		    (ascii_only && cp > 0x7e))
			abort();
		i += k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char *s = malloc(n + 1);
	memcpy(s, data, n);
	s[n] = '\0';
	struct strbuf sb = STRBUF_INIT;
	for (int ascii = 0; ascii < 2; ascii++) {
		strbuf_reset(&sb);
		text_escape_into(&sb, s, ascii);
		check_safe(strbuf_str(&sb), sb.len, ascii);
	}
	strbuf_reset(&sb);
	text_json_into(&sb, s);
	strbuf_reset(&sb);
	text_csv_into(&sb, s);
	strbuf_reset(&sb);
	text_markdown_into(&sb, s);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, n - i, &cp);
		i += k ? k : 1;
	}
	char buf[16];
	(void)date_format(date_parse(s), buf, sizeof(buf));
	strbuf_free(&sb);
	free(s);
	return 0;
}
