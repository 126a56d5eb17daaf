/* Text safety and measurement shared by every output: terminal, DOT, SVG,
 * Markdown. Input is hostile, so control characters and invalid UTF-8 never
 * leave agx raw. All functions append to a strbuf the caller owns. */
#ifndef TEXT_H
#define TEXT_H
#include <stddef.h>

#include "graph/strbuf.h"

/* Appends s with C0/C1 controls, DEL and invalid UTF-8 shown as \xNN or
 * \u{NNNN}, and so are the bidi controls, the line separators and the
 * noncharacters XML forbids (U+FFFE, U+FFFF). With ascii_only, every
 * non-ASCII code point is escaped too. */
void text_escape_into(struct strbuf *sb, const char *s, int ascii_only);
/* Escapes for a JSON string body (no quotes added). */
void text_json_into(struct strbuf *sb, const char *s);
/* Escapes for a CSV field: quoted when it holds , or "; CR and LF written
 * as \r and \n, other controls as by text_escape_into; a field starting
 * with = + - @ (or tab, CR) gets a leading ' so no spreadsheet runs it. */
void text_csv_into(struct strbuf *sb, const char *s);
/* Escapes for Markdown table cells: | ` * _ < > [ ] and newlines. */
void text_markdown_into(struct strbuf *sb, const char *s);
/* Decodes one UTF-8 code point at s (n bytes left); returns its byte length,
 * or 0 for invalid input (then *cp is the byte). */
size_t text_utf8_decode(const char *s, size_t n, unsigned *cp);
/* Encodes code point cp (< 0x110000) as UTF-8 into out; returns its length. */
size_t text_utf8_encode(unsigned cp, char out[4]);
/* Appends code point cp as UTF-8. */
void text_utf8_add(struct strbuf *sb, unsigned cp);
/* True when s is valid UTF-8. */
int text_utf8_valid(const char *s, size_t n);
#endif
