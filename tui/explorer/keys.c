#include "tui/explorer/keys.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "graph/text.h"

static const char *const names[] = {
#define X(e, name) name,
    KEY_NAMES(X)
#undef X
};

const char *keys_name(int key, char *buf, size_t n)
{
	if (key > TK_BASE && key < TK_END_OF_KEYS)
		snprintf(buf, n, "<%s>", names[key - TK_BASE - 1]);
	else if (key == ' ')
		snprintf(buf, n, "<Space>");
	else if (key == '<')
		snprintf(buf, n, "<lt>");
	else if (key > 0 && key < 0x20)
		snprintf(buf, n, "<C-%c>", key + 'a' - 1);
	else if (key >= 0x20 && key < 0x7f)
		snprintf(buf, n, "%c", key);
	else
		snprintf(buf, n, "<U+%04X>", (unsigned)key);
	return buf;
}

static int named(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == len && strncasecmp(names[i], name, len) == 0)
			return TK_BASE + 1 + (int)i;
	static const struct {
		const char *name;
		int key;
	} extra[] = {{"Space", ' '},	    {"lt", '<'},	  {"CR", TK_ENTER},
		     {"Return", TK_ENTER},  {"Backspace", TK_BS}, {"PageUp", TK_PGUP},
		     {"PageDown", TK_PGDN}, {"Escape", TK_ESC},	  {"NPage", TK_PGDN},
		     {"PPage", TK_PGUP}};
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		if (strlen(extra[i].name) == len && strncasecmp(extra[i].name, name, len) == 0)
			return extra[i].key;
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
		char c = name[2];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
	}
	return -1;
}

int keys_parse(const char **s)
{
	const char *p = *s;
	if (*p == '<') {
		const char *end = strchr(p + 1, '>');
		if (end && end > p + 1) {
			int k = named(p + 1, (size_t)(end - p - 1));
			if (k < 0)
				return -1;
			*s = end + 1;
			return k;
		}
	}
	unsigned cp;
	size_t len = text_utf8_decode(p, strlen(p), &cp);
	if (len == 0)
		len = 1;
	*s = p + len;
	if (cp == '\t')
		return TK_TAB;
	if (cp == '\n' || cp == '\r')
		return TK_ENTER;
	return (int)cp;
}
