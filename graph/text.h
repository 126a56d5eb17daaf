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
/* Display width, one definition for every terminal output (the explorer's
 * grid, its wrapped detail text, the batch commands' tables). A code point
 * is drawn as itself when the terminal gives it one or two columns in the
 * current locale; anything else is shown escaped: C0 controls, DEL and
 * invalid bytes as \xNN (text_escape_into), and C1 controls, bidi and line
 * separators, zero-width and combining marks, code points the locale
 * cannot show (all non-ASCII ones with ascii_only) as \u{XXXX}. */
/* Columns cp takes when drawn as itself: 1 or 2; -1 when it is shown as an
 * escape instead. */
int text_cp_width(unsigned cp, int ascii_only);
/* Appends s as a terminal is shown it: the rule above applied. */
void text_display_into(struct strbuf *sb, const char *s, int ascii_only);
/* Columns of n bytes of s (of s up to its NUL) as text_display_into()
 * shows them. */
int text_width_n(const char *s, size_t n, int ascii_only);
int text_width(const char *s, int ascii_only);
/* Levenshtein distance of a and b (bytes), or max + 1 when it exceeds max
 * (strings over 255 bytes count as too far). */
int text_edit_distance(const char *a, const char *b, int max);
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
