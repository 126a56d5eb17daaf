#include "tui/explorer/keymap.h"

#include <string.h>

#include "tui/explorer/keys.h"

/* vi keys and arrow keys alike (SPEC.md "TUI"); the order here is the order
 * of the help screen. */
static const struct binding bindings[] = {
    {KM_MAIN, 'j', ACT_DOWN},
    {KM_MAIN, TK_DOWN, ACT_DOWN},
    {KM_MAIN, 'k', ACT_UP},
    {KM_MAIN, TK_UP, ACT_UP},
    {KM_MAIN, 'g', ACT_TOP},
    {KM_MAIN, TK_HOME, ACT_TOP},
    {KM_MAIN, 'G', ACT_BOTTOM},
    {KM_MAIN, TK_END, ACT_BOTTOM},
    {KM_MAIN, TK_PGDN, ACT_PAGE_DOWN},
    {KM_MAIN, KEY_CTRL('f'), ACT_PAGE_DOWN},
    {KM_MAIN, ' ', ACT_PAGE_DOWN},
    {KM_MAIN, TK_PGUP, ACT_PAGE_UP},
    {KM_MAIN, KEY_CTRL('b'), ACT_PAGE_UP},
    {KM_MAIN, TK_ENTER, ACT_OPEN},
    {KM_MAIN, 'h', ACT_BACK},
    {KM_MAIN, TK_BS, ACT_BACK},
    {KM_MAIN, TK_LEFT, ACT_BACK},
    {KM_MAIN, 'l', ACT_FORWARD},
    {KM_MAIN, TK_RIGHT, ACT_FORWARD},
    {KM_MAIN, '/', ACT_SEARCH},
    {KM_MAIN, 'n', ACT_SEARCH_NEXT},
    {KM_MAIN, 'N', ACT_SEARCH_PREV},
    {KM_MAIN, TK_TAB, ACT_PANE},
    {KM_MAIN, '1', ACT_TAB_ACTORS},
    {KM_MAIN, '2', ACT_TAB_INFRA},
    {KM_MAIN, '3', ACT_TAB_TOOLS},
    {KM_MAIN, '4', ACT_TAB_OVERLAPS},
    {KM_MAIN, '5', ACT_TAB_CLUSTERS},
    {KM_MAIN, '6', ACT_TAB_GRAPH},
    {KM_MAIN, '7', ACT_TAB_REPORTS},
    {KM_MAIN, '8', ACT_TAB_ALIASES},
    {KM_MAIN, '9', ACT_TAB_REVIEW},
    {KM_MAIN, ']', ACT_NEXT_TAB},
    {KM_MAIN, '[', ACT_PREV_TAB},
    {KM_MAIN, TK_BTAB, ACT_PREV_TAB},
    {KM_MAIN, 'o', ACT_OVERLAPS},
    {KM_MAIN, 'w', ACT_WHY},
    {KM_MAIN, 's', ACT_SORT},
    {KM_MAIN, 'r', ACT_RELATION},
    {KM_MAIN, 'f', ACT_FILTER},
    {KM_MAIN, 'd', ACT_DEPTH},
    {KM_MAIN, '<', ACT_SCROLL_LEFT},
    {KM_MAIN, '>', ACT_SCROLL_RIGHT},
    {KM_MAIN, 'y', ACT_COPY},
    {KM_MAIN, '!', ACT_PROBLEMS},
    {KM_MAIN, 'e', ACT_EXPORT},
    {KM_MAIN, ':', ACT_COMMAND},
    {KM_MAIN, 'c', ACT_VERDICT},
    {KM_MAIN, 'a', ACT_NOTE},
    {KM_MAIN, 'E', ACT_EDIT_NOTE},
    {KM_MAIN, 'D', ACT_FORGET},
    {KM_MAIN, '=', ACT_JOIN},
    {KM_MAIN, 'x', ACT_SPLIT},
    {KM_MAIN, 'u', ACT_UNDO_MERGE},
    {KM_MAIN, 't', ACT_ATTRIBUTE},
    {KM_MAIN, '?', ACT_HELP},
    {KM_MAIN, TK_F1, ACT_HELP},
    {KM_MAIN, KEY_CTRL('l'), ACT_REDRAW},
    {KM_MAIN, TK_ESC, ACT_CANCEL},
    {KM_MAIN, 'q', ACT_CLOSE},
    {KM_MAIN, KEY_CTRL('c'), ACT_QUIT},

    {KM_PROMPT, TK_ENTER, ACT_PROMPT_ACCEPT},
    {KM_PROMPT, TK_ESC, ACT_PROMPT_CANCEL},
    {KM_PROMPT, KEY_CTRL('c'), ACT_PROMPT_CANCEL},
    {KM_PROMPT, KEY_CTRL('g'), ACT_PROMPT_CANCEL},
    {KM_PROMPT, TK_BS, ACT_PROMPT_BACKSPACE},
    {KM_PROMPT, KEY_CTRL('h'), ACT_PROMPT_BACKSPACE},
    {KM_PROMPT, TK_DEL, ACT_PROMPT_DELETE},
    {KM_PROMPT, KEY_CTRL('d'), ACT_PROMPT_DELETE},
    {KM_PROMPT, TK_LEFT, ACT_PROMPT_LEFT},
    {KM_PROMPT, KEY_CTRL('b'), ACT_PROMPT_LEFT},
    {KM_PROMPT, TK_RIGHT, ACT_PROMPT_RIGHT},
    {KM_PROMPT, KEY_CTRL('f'), ACT_PROMPT_RIGHT},
    {KM_PROMPT, TK_HOME, ACT_PROMPT_HOME},
    {KM_PROMPT, KEY_CTRL('a'), ACT_PROMPT_HOME},
    {KM_PROMPT, TK_END, ACT_PROMPT_END},
    {KM_PROMPT, KEY_CTRL('e'), ACT_PROMPT_END},
    {KM_PROMPT, KEY_CTRL('u'), ACT_PROMPT_KILL},
    {KM_PROMPT, KEY_CTRL('w'), ACT_PROMPT_WORD},
    {KM_PROMPT, TK_UP, ACT_PROMPT_OLDER},
    {KM_PROMPT, KEY_CTRL('p'), ACT_PROMPT_OLDER},
    {KM_PROMPT, TK_DOWN, ACT_PROMPT_NEWER},
    {KM_PROMPT, KEY_CTRL('n'), ACT_PROMPT_NEWER},
    {KM_PROMPT, TK_TAB, ACT_PROMPT_COMPLETE},
};

int keymap_lookup(enum keymap km, int key)
{
	for (size_t i = 0; i < sizeof(bindings) / sizeof(bindings[0]); i++)
		if (bindings[i].keymap == km && bindings[i].key == key)
			return bindings[i].action;
	return ACT_NONE;
}

const struct binding *keymap_table(size_t *n)
{
	*n = sizeof(bindings) / sizeof(bindings[0]);
	return bindings;
}

const char *keymap_keys_of(enum keymap km, int action, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(bindings) / sizeof(bindings[0]); i++) {
		if (bindings[i].keymap != km || bindings[i].action != action)
			continue;
		char k[32];
		keys_name(bindings[i].key, k, sizeof(k));
		size_t kl = strlen(k);
		if (len + kl + 2 >= n)
			break;
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, k, kl + 1);
		len += kl;
	}
	return buf;
}

const char *keymap_name(int km)
{
	return km == KM_MAIN ? "main" : km == KM_PROMPT ? "prompt" : "?";
}
