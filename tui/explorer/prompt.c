#include "tui/explorer/prompt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/text.h"
#include "tui/explorer/keymap.h"
#include "tui/explorer/keys.h"

/* --- the line editor ---------------------------------------------------------------------- */

void prompt_open(struct prompt *p, int mode, const char *initial)
{
	p->mode = mode;
	snprintf(p->buf, sizeof(p->buf), "%s", initial ? initial : "");
	p->len = p->pos = strlen(p->buf);
	p->hpos = mode > PR_NONE && mode < PR_MODE_COUNT ? p->nhist[mode] : 0;
	p->comp_active = 0;
}

void prompt_free(struct prompt *p)
{
	for (int m = 0; m < PR_MODE_COUNT; m++)
		for (size_t i = 0; i < p->nhist[m]; i++)
			free(p->hist[m][i]);
	memset(p, 0, sizeof(*p));
}

/* Remembers an accepted line (not twice in a row). */
static void remember(struct prompt *p, const char *line)
{
	int m = p->mode;
	if (m <= PR_NONE || m >= PR_MODE_COUNT || !*line)
		return;
	size_t n = p->nhist[m];
	if (n && strcmp(p->hist[m][n - 1], line) == 0)
		return;
	if (n == PROMPT_HISTORY) {
		free(p->hist[m][0]);
		memmove(p->hist[m], p->hist[m] + 1, (PROMPT_HISTORY - 1) * sizeof(char *));
		n--;
	}
	p->hist[m][n] = strdup(line);
	if (!p->hist[m][n])
		abort();
	p->nhist[m] = n + 1;
}

/* Up (dir -1) and Down (+1) through the lines typed before; the line being
 * typed is kept and comes back below the newest. Returns 1 when the text
 * changed. */
static int browse(struct prompt *p, int dir)
{
	int m = p->mode;
	if (m <= PR_NONE || m >= PR_MODE_COUNT)
		return 0;
	size_t n = p->nhist[m];
	if (dir < 0 && p->hpos == 0)
		return 0;
	if (dir > 0 && p->hpos >= n)
		return 0;
	if (p->hpos == n) /* leaving the line being typed */
		snprintf(p->draft, sizeof(p->draft), "%s", p->buf);
	p->hpos = dir < 0 ? p->hpos - 1 : p->hpos + 1;
	const char *line = p->hpos == n ? p->draft : p->hist[m][p->hpos];
	snprintf(p->buf, sizeof(p->buf), "%s", line);
	p->len = p->pos = strlen(p->buf);
	return 1;
}

int prompt_replace(struct prompt *p, size_t from, const char *text)
{
	size_t tl = strlen(text);
	if (from > p->pos || p->len - (p->pos - from) + tl >= sizeof(p->buf))
		return 0;
	memmove(p->buf + from + tl, p->buf + p->pos, p->len - p->pos + 1);
	memcpy(p->buf + from, text, tl);
	p->len = p->len - (p->pos - from) + tl;
	p->pos = from + tl;
	return 1;
}

void prompt_close(struct prompt *p)
{
	p->mode = PR_NONE;
	p->buf[0] = '\0';
	p->len = p->pos = 0;
}

const char *prompt_label(const struct prompt *p)
{
	switch (p->mode) {
	case PR_COMMAND:
		return ":";
	case PR_SEARCH:
		return "/";
	case PR_FILTER:
		return "filter: ";
	case PR_NOTE:
		return "note: ";
	default:
		return "";
	}
}

static size_t prev_cp(const struct prompt *p, size_t i)
{
	while (i > 0 && ((unsigned char)p->buf[i - 1] & 0xc0) == 0x80)
		i--;
	return i > 0 ? i - 1 : 0;
}

static size_t next_cp(const struct prompt *p, size_t i)
{
	if (i >= p->len)
		return p->len;
	i++;
	while (i < p->len && ((unsigned char)p->buf[i] & 0xc0) == 0x80)
		i++;
	return i;
}

static void cut(struct prompt *p, size_t from, size_t to)
{
	memmove(p->buf + from, p->buf + to, p->len - to + 1);
	p->len -= to - from;
	p->pos = from;
}

int prompt_edit(struct prompt *p, int action)
{
	switch (action) {
	case ACT_PROMPT_BACKSPACE:
		if (p->pos == 0)
			return 0;
		cut(p, prev_cp(p, p->pos), p->pos);
		return 1;
	case ACT_PROMPT_DELETE:
		if (p->pos >= p->len)
			return 0;
		cut(p, p->pos, next_cp(p, p->pos));
		return 1;
	case ACT_PROMPT_LEFT:
		p->pos = p->pos ? prev_cp(p, p->pos) : 0;
		return 0;
	case ACT_PROMPT_RIGHT:
		p->pos = next_cp(p, p->pos);
		return 0;
	case ACT_PROMPT_HOME:
		p->pos = 0;
		return 0;
	case ACT_PROMPT_END:
		p->pos = p->len;
		return 0;
	case ACT_PROMPT_KILL:
		if (!p->len)
			return 0;
		cut(p, 0, p->len);
		return 1;
	case ACT_PROMPT_OLDER:
		return browse(p, -1);
	case ACT_PROMPT_NEWER:
		return browse(p, +1);
	case ACT_PROMPT_WORD: {
		size_t i = p->pos;
		while (i > 0 && p->buf[i - 1] == ' ')
			i--;
		while (i > 0 && p->buf[i - 1] != ' ')
			i--;
		if (i == p->pos)
			return 0;
		cut(p, i, p->pos);
		return 1;
	}
	default:
		return 0;
	}
}

int prompt_insert(struct prompt *p, int cp)
{
	if (cp < 0x20 || cp == 0x7f || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	char b[4];
	size_t n = text_utf8_encode((unsigned)cp, b);
	if (p->len + n >= sizeof(p->buf))
		return 0;
	memmove(p->buf + p->pos + n, p->buf + p->pos, p->len - p->pos + 1);
	memcpy(p->buf + p->pos, b, n);
	p->len += n;
	p->pos += n;
	return 1;
}

int prompt_key(struct prompt *p, int key)
{
	int act = keymap_lookup(KM_PROMPT, key);
	if (act == ACT_PROMPT_ACCEPT)
		return PE_ACCEPT;
	if (act == ACT_PROMPT_COMPLETE)
		return PE_COMPLETE;
	p->comp_active = 0; /* any other key starts a new completion */
	/* backspace on an empty line closes it, as in vim */
	if (act == ACT_PROMPT_CANCEL || (act == ACT_PROMPT_BACKSPACE && p->len == 0))
		return PE_CANCEL;
	int changed = 0;
	if (act != ACT_NONE)
		changed = prompt_edit(p, act);
	else if (key >= 0x20 && key != 0x7f && key < TK_BASE)
		changed = prompt_insert(p, key);
	return changed ? PE_EDITED : PE_NONE;
}

int prompt_take(struct prompt *p, char *line, size_t n)
{
	int mode = p->mode;
	snprintf(line, n, "%s", p->buf);
	remember(p, p->buf);
	prompt_close(p);
	return mode;
}

/* --- the commands ------------------------------------------------------------------------- */

static const char *const command_names[] = {
#define X(e, name, args, help, fn) name,
    PROMPT_COMMANDS(X)
#undef X
};

/* Other spellings people type. */
static const struct {
	const char *alias;
	int command;
} aliases[] = {{"quit", PC_QUIT}, {"q!", PC_QUIT}, {"df-cap", PC_DFCAP}};

int prompt_command(const char *line, char *name, size_t nn, char *arg, size_t na)
{
	while (*line == ' ' || *line == ':')
		line++;
	size_t n = strcspn(line, " ");
	name[0] = arg[0] = '\0';
	if (n == 0)
		return PC_EMPTY;
	if (n >= nn || n >= 64)
		return PC_TOO_LONG;
	memcpy(name, line, n);
	name[n] = '\0';
	const char *rest = line + n;
	while (*rest == ' ')
		rest++;
	snprintf(arg, na, "%s", rest);
	size_t al = strlen(arg);
	while (al && arg[al - 1] == ' ')
		arg[--al] = '\0';
	for (int i = 0; i < PC_COUNT; i++)
		if (strcmp(name, command_names[i]) == 0)
			return i;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(name, aliases[i].alias) == 0)
			return aliases[i].command;
	return PC_OTHER;
}
