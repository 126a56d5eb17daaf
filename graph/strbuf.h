/* A growable NUL-terminated byte string. The strbuf owns buf; strbuf_free()
 * releases it, strbuf_detach() hands it to the caller (who frees it). */
#ifndef STRBUF_H
#define STRBUF_H
#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf; /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT        \
	{                  \
		NULL, 0, 0 \
	}

void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_reset(struct strbuf *sb);
void strbuf_truncate(struct strbuf *sb, size_t len);
/* Returns buf, or "" when nothing was added yet. */
const char *strbuf_str(const struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);
#endif
