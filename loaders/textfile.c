#include "loaders/textfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"

int textfile_read(struct load_ctx *c, struct textfile *t)
{
	memset(t, 0, sizeof(*t));
	size_t max = c->opts && c->opts->max_file_bytes ? c->opts->max_file_bytes : (size_t)1 << 30;
	size_t cap = c->size ? c->size + 1 : 65536, n = 0;
	if (cap > max + 1)
		cap = max + 1;
	char *b = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				free(b);
				diag_add(c->d, c->file, DIAG_ERROR, D_LIMIT, 0, 0, NULL,
					 "over the %zu-byte limit (--max-size)", max);
				return -1;
			}
			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			b = xrealloc(b, cap + 1);
		}
		size_t r = fread(b + n, 1, cap - n, c->fp);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(c->fp)) {
		free(b);
		diag_add(c->d, c->file, DIAG_ERROR, D_IO, 0, 0, NULL, "read error: %s",
			 strerror(errno));
		return -1;
	}
	b[n] = '\0';
	t->alloc = b;
	t->buf = b;
	t->len = n;
	t->cancel = c->opts ? c->opts->cancel : NULL;
	t->c = c;
	if (n >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3)) {
		t->buf += 3;
		t->len -= 3;
		t->had_bom = 1;
	}
	/* a NUL byte means a binary file, whatever its name: every text loader
	 * refuses it here, at the byte's position */
	const char *nul = memchr(t->buf, '\0', t->len);
	if (nul) {
		uint32_t line = 1, col = 1;
		for (const char *p = t->buf; p < nul; p++, col++)
			if (*p == '\n')
				line++, col = 0;
		diag_add(c->d, c->file, DIAG_ERROR, D_FORMAT, line, col, NULL,
			 "NUL byte: not a text file");
		textfile_free(t);
		return -1;
	}
	return 0;
}

enum { CHUNK = 1 << 16 };

int textfile_stream(struct load_ctx *c, struct textfile *t)
{
	memset(t, 0, sizeof(*t));
	t->c = c;
	t->fp = c->fp;
	t->cancel = c->opts ? c->opts->cancel : NULL;
	t->chunk = xmalloc(CHUNK);
	return 0;
}

/* A line over the bound: an object skipped, with a warning (once, even
 * when a loader reads the file twice). */
static void too_long(struct textfile *t, size_t n)
{
	if (!t->c || t->line <= t->warned)
		return;
	t->warned = t->line;
	diag_add(t->c->d, t->c->file, DIAG_WARNING, D_LIMIT, t->line, 1, NULL,
		 "line of %zu bytes, over the %u-byte line limit: skipped", n,
		 TEXTFILE_MAX_LINE);
	t->c->objects++;
	t->c->skipped++;
}

/* The next line of a streamed file into t->lb; its full length in *full.
 * Returns 0 at the end. */
static int stream_line(struct textfile *t, size_t *full)
{
	strbuf_reset(&t->lb);
	size_t total = 0;
	int any = 0;
	for (;;) {
		if (t->cpos == t->clen) {
			t->clen = fread(t->chunk, 1, CHUNK, t->fp);
			t->cpos = 0;
			if (t->clen == 0)
				break;
		}
		const char *p = t->chunk + t->cpos;
		size_t left = t->clen - t->cpos;
		const char *nl = memchr(p, '\n', left);
		size_t take = nl ? (size_t)(nl - p) : left;
		const char *nul = memchr(p, '\0', take);
		if (nul) {
			if (t->c && !t->error)
				diag_add(t->c->d, t->c->file, DIAG_ERROR, D_FORMAT, t->line + 1,
					 (uint32_t)(total + (size_t)(nul - p) + 1), NULL,
					 "NUL byte: not a text file");
			t->error = 1;
			return 0;
		}
		any = 1;
		if (total + take <= TEXTFILE_MAX_LINE)
			strbuf_add(&t->lb, p, take);
		total += take;
		t->cpos += take + (nl != NULL);
		if (nl)
			break;
	}
	*full = total;
	return any;
}

static int next_streamed(struct textfile *t, const char **line, size_t *n)
{
	size_t full;
	for (;;) {
		if (t->error || (t->cancel && *t->cancel) || !stream_line(t, &full))
			return 0;
		t->line++;
		if (full > TEXTFILE_MAX_LINE) {
			too_long(t, full);
			continue;
		}
		const char *s = strbuf_str(&t->lb);
		size_t len = t->lb.len;
		if (t->line == 1 && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			s += 3;
			len -= 3;
			t->had_bom = 1;
		}
		if (len && s[len - 1] == '\r') {
			len--;
			t->had_crlf = 1;
		}
		*line = s;
		*n = len;
		return 1;
	}
}

int textfile_next(struct textfile *t, const char **line, size_t *n)
{
	if (t->fp)
		return next_streamed(t, line, n);
	for (;;) {
		if (t->pos >= t->len || (t->cancel && *t->cancel))
			return 0;
		const char *s = t->buf + t->pos;
		const char *nl = memchr(s, '\n', t->len - t->pos);
		size_t len = nl ? (size_t)(nl - s) : t->len - t->pos;
		t->pos += len + (nl != NULL);
		t->line++;
		if (len > TEXTFILE_MAX_LINE) {
			too_long(t, len);
			continue;
		}
		if (len && s[len - 1] == '\r') {
			len--;
			t->had_crlf = 1;
		}
		*line = s;
		*n = len;
		return 1;
	}
}

void textfile_rewind(struct textfile *t)
{
	t->pos = 0;
	t->line = 0;
	if (t->fp) {
		rewind(t->fp);
		t->clen = t->cpos = 0;
	}
}

void textfile_free(struct textfile *t)
{
	free(t->alloc);
	free(t->chunk);
	strbuf_free(&t->lb);
	memset(t, 0, sizeof(*t));
}

/* Length of a blank code point at s (ASCII space, NBSP, zero-width, BOM). */
static size_t blank_len(const unsigned char *s, size_t n)
{
	if (n && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r')))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x8B || s[2] == 0xAF))
		return 3;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return 3;
	return 0;
}

static size_t blank_len_back(const unsigned char *s, size_t n)
{
	if (n && (s[n - 1] == ' ' || (s[n - 1] >= '\t' && s[n - 1] <= '\r')))
		return 1;
	if (n >= 2 && s[n - 2] == 0xC2 && s[n - 1] == 0xA0)
		return 2;
	if (n >= 3 && s[n - 3] == 0xE2 && s[n - 2] == 0x80 &&
	    (s[n - 1] == 0x8B || s[n - 1] == 0xAF))
		return 3;
	if (n >= 3 && s[n - 3] == 0xEF && s[n - 2] == 0xBB && s[n - 1] == 0xBF)
		return 3;
	return 0;
}

void textfile_trim(const char **s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)*s;
	size_t len = *n, k;
	while (len && (k = blank_len(p, len))) {
		p += k;
		len -= k;
	}
	while (len && (k = blank_len_back(p, len)))
		len -= k;
	*s = (const char *)p;
	*n = len;
}
