#include "graph/text.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

size_t text_utf8_decode(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0) {
		*cp = 0;
		return 0;
	}
	unsigned c = u[0];
	*cp = c;
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned min, v;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2, min = 0x80, v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3, min = 0x800, v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, min = 0x10000, v = c & 0x07;
	} else {
		return 0; /* continuation byte, 0xc0/0xc1 overlong lead, or > U+10FFFF */
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (u[i] & 0x3f);
	}
	/* Overlong forms and surrogates are how filters get bypassed: refuse them. */
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

int text_utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			return 0;
		i += k;
	}
	return 1;
}

/* Code points that reorder or break lines on a terminal although they are
 * not controls: bidi embeddings/overrides/isolates (the "Trojan Source"
 * trick) and the Unicode line and paragraph separators. */
static int is_format_hazard(unsigned cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

/* Code points XML 1.0 forbids even as references, besides the controls:
 * U+FFFE and U+FFFF (xmllint rejects an SVG holding them); the other
 * noncharacters (U+FDD0..U+FDEF, U+nFFFE/U+nFFFF of every plane) are no
 * text either. */
static int is_noncharacter(unsigned cp)
{
	return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

static void add_hex_byte(struct strbuf *sb, unsigned b)
{
	static const char hex[] = "0123456789abcdef";
	char t[4] = {'\\', 'x', hex[(b >> 4) & 15], hex[b & 15]};
	strbuf_add(sb, t, 4);
}

/* One code point at s for display; returns the bytes consumed. */
static size_t escape_one(struct strbuf *sb, const char *s, size_t n, int ascii_only)
{
	unsigned cp;
	size_t k = text_utf8_decode(s, n, &cp);
	if (k == 0) {
		add_hex_byte(sb, (unsigned char)s[0]);
		return 1;
	}
	if (cp < 0x20 || cp == 0x7f)
		add_hex_byte(sb, cp);
	else if ((cp >= 0x80 && cp <= 0x9f) || is_format_hazard(cp) || is_noncharacter(cp) ||
		 (ascii_only && cp >= 0x80))
		strbuf_addf(sb, "\\u{%04x}", cp);
	else
		strbuf_add(sb, s, k);
	return k;
}

void text_escape_into(struct strbuf *sb, const char *s, int ascii_only)
{
	size_t n = strlen(s), i = 0;
	while (i < n)
		i += escape_one(sb, s + i, n - i, ascii_only);
}

int text_cp_width(unsigned cp, int ascii_only)
{
	if (cp < 0x20 || cp == 0x7f)
		return -1;
	if (cp < 0x80)
		return 1;
	if (ascii_only || cp <= 0x9f || is_format_hazard(cp))
		return -1;
	int w = wcwidth((wchar_t)cp);
	return w == 1 || w == 2 ? w : -1;
}

/* The \u{XXXX} escape of a code point the terminal cannot draw. */
static int add_u_escape(struct strbuf *sb, unsigned cp)
{
	char esc[16];
	int len = snprintf(esc, sizeof(esc), "\\u{%04x}", cp);
	if (sb)
		strbuf_add(sb, esc, (size_t)len);
	return len;
}

/* Shows one code point at s (n bytes left) into sb (when not NULL);
 * returns the bytes consumed and sets *cols to the columns shown. */
static size_t display_one(struct strbuf *sb, const char *s, size_t n, int ascii_only, int *cols)
{
	unsigned cp;
	size_t k = text_utf8_decode(s, n, &cp);
	if (k == 0 || cp < 0x20 || cp == 0x7f) {
		if (sb)
			add_hex_byte(sb, k ? cp : (unsigned char)s[0]);
		*cols = 4;
		return k ? k : 1;
	}
	int w = text_cp_width(cp, ascii_only);
	if (w > 0) {
		if (sb)
			strbuf_add(sb, s, k);
		*cols = w;
	} else {
		*cols = add_u_escape(sb, cp);
	}
	return k;
}

void text_display_into(struct strbuf *sb, const char *s, int ascii_only)
{
	size_t n = strlen(s), i = 0;
	int cols;
	while (i < n)
		i += display_one(sb, s + i, n - i, ascii_only, &cols);
}

int text_width_n(const char *s, size_t n, int ascii_only)
{
	size_t i = 0;
	int w = 0, cols;
	while (i < n && s[i]) {
		i += display_one(NULL, s + i, n - i, ascii_only, &cols);
		w += cols;
	}
	return w;
}

int text_width(const char *s, int ascii_only)
{
	return text_width_n(s, strlen(s), ascii_only);
}

void text_json_into(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			/* JSON text must be UTF-8: a stray byte becomes U+FFFD. */
			strbuf_adds(sb, "\\ufffd");
			i++;
			continue;
		}
		switch (cp) {
		case '"':
			strbuf_adds(sb, "\\\"");
			break;
		case '\\':
			strbuf_adds(sb, "\\\\");
			break;
		case '\n':
			strbuf_adds(sb, "\\n");
			break;
		case '\r':
			strbuf_adds(sb, "\\r");
			break;
		case '\t':
			strbuf_adds(sb, "\\t");
			break;
		case '\b':
			strbuf_adds(sb, "\\b");
			break;
		case '\f':
			strbuf_adds(sb, "\\f");
			break;
		default:
			/* DEL, C1 and U+2028/9 are legal JSON but unsafe when the
			 * file is later printed or embedded in JavaScript. */
			if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 ||
			    cp == 0x2029 || (cp < 0x10000 && is_noncharacter(cp)))
				strbuf_addf(sb, "\\u%04x", cp);
			else
				strbuf_add(sb, s + i, k);
		}
		i += k;
	}
}

void text_csv_into(struct strbuf *sb, const char *s)
{
	/* CR and LF are written as \r and \n (as in the JSON output), so a
	 * record is one line; a cell a spreadsheet would run as a formula
	 * (= + - @, or a tab or CR before one) gets a leading quote */
	int formula = strchr("=+-@\t\r", s[0]) != NULL && s[0];
	int quote = strpbrk(s, ",\"") != NULL;
	size_t n = strlen(s), i = 0;
	if (quote)
		strbuf_addc(sb, '"');
	if (formula)
		strbuf_addc(sb, '\'');
	while (i < n) {
		char c = s[i];
		if (c == '"') {
			strbuf_adds(sb, "\"\"");
			i++;
		} else if (c == '\r' || c == '\n') {
			strbuf_adds(sb, c == '\r' ? "\\r" : "\\n");
			i++;
		} else {
			i += escape_one(sb, s + i, n - i, 0);
		}
	}
	if (quote)
		strbuf_addc(sb, '"');
}

void text_markdown_into(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		char c = s[i];
		if (strchr("|`*_<>[]\\", c)) {
			strbuf_addc(sb, '\\');
			strbuf_addc(sb, c);
			i++;
		} else if (c == '\n' || c == '\r') {
			/* A raw newline would end the table row; CRLF is one break. */
			strbuf_adds(sb, "<br>");
			i += (c == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
		} else {
			i += escape_one(sb, s + i, n - i, 0);
		}
	}
}

size_t text_utf8_encode(unsigned cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

void text_utf8_add(struct strbuf *sb, unsigned cp)
{
	char b[4];
	strbuf_add(sb, b, text_utf8_encode(cp, b));
}

int text_edit_distance(const char *a, const char *b, int max)
{
	size_t na = strlen(a), nb = strlen(b);
	if ((na > nb ? na - nb : nb - na) > (size_t)max)
		return max + 1;
	if (nb > 255 || na > 255)
		return max + 1;
	int prev[256], cur[256];
	for (size_t j = 0; j <= nb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		cur[0] = (int)i;
		int rowmin = cur[0];
		for (size_t j = 1; j <= nb; j++) {
			int c = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < c)
				c = prev[j] + 1;
			if (cur[j - 1] + 1 < c)
				c = cur[j - 1] + 1;
			cur[j] = c;
			if (c < rowmin)
				rowmin = c;
		}
		if (rowmin > max)
			return max + 1;
		memcpy(prev, cur, (nb + 1) * sizeof(int));
	}
	return prev[nb] > max ? max + 1 : prev[nb];
}
