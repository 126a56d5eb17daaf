/* Fuzzes the escapes every output goes through. The properties that matter:
 * text_escape_into never lets a control byte (C0, DEL, C1 as UTF-8), a
 * noncharacter XML forbids (U+FFFE, U+FFFF) or invalid UTF-8 through, and
 * with ascii_only nothing above 0x7e; text_csv_into gives one well-formed
 * CSV cell: valid UTF-8, one line, quotes balanced, never a formula. */
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
		    (cp & 0xfffe) == 0xfffe || (ascii_only && cp > 0x7e))
			abort();
		i += k;
	}
}

static void check_csv(const char *c, size_t len, const char *in)
{
	if (!text_utf8_valid(c, len) || memchr(c, '\n', len) || memchr(c, '\r', len))
		abort();
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)c[i] < 0x20 || c[i] == 0x7f)
			abort();
	size_t i = 0;
	if (len && c[0] == '"') {
		if (len < 2 || c[len - 1] != '"')
			abort();
		for (i = 1; i + 1 < len; i++)
			if (c[i] == '"' && c[++i] != '"')
				abort();
		i = 1;
	} else if (memchr(c, '"', len) || memchr(c, ',', len)) {
		abort(); /* these need the quotes */
	}
	if (i < len && strchr("=+-@", c[i]))
		abort(); /* a spreadsheet would run it */
	if (strchr("=+-@\t\r", in[0]) && in[0] && (i >= len || c[i] != '\''))
		abort(); /* and so it must be neutralised */
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
	check_csv(strbuf_str(&sb), sb.len, s);
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
