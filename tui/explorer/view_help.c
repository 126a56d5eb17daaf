/* The help screen, generated from the binding table (keymap.c), the action
 * table (actions.h) and the command table (prompt.h): what is bound is what
 * is shown, and nothing else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/xalloc.h"
#include "tui/explorer/keymap.h"
#include "tui/explorer/view.h"

static char **help;
static size_t nhelp;

static void add(const char *fmt, const char *a, const char *b)
{
	help = xrealloc(help, (nhelp + 1) * sizeof(*help));
	help[nhelp++] = xasprintf(fmt, a, b);
}

static void build(void)
{
	char keys[128];
	add("%s%s", "Keys (vi keys and arrows alike; ? or Esc closes this)", "");
	for (int act = ACT_NONE + 1; act < ACT_PROMPT_ACCEPT; act++) {
		keymap_keys_of(KM_MAIN, act, keys, sizeof(keys));
		if (keys[0])
			add("  %-22s %s", keys, action_help(act));
	}
	add("%s%s", "", "");
	add("%s%s", "On the prompt line (: / f a)", "");
	for (int act = ACT_PROMPT_ACCEPT; act < ACT_COUNT; act++) {
		keymap_keys_of(KM_PROMPT, act, keys, sizeof(keys));
		if (keys[0])
			add("  %-22s %s", keys, action_help(act));
	}
	add("%s%s", "", "");
	add("%s%s", "Commands (after :)", "");
#define X(e, name, args, text, fn)                            \
	do {                                                  \
		char c[96];                                   \
		snprintf(c, sizeof(c), ":%s %s", name, args); \
		add("  %-34s %s", c, text);                   \
	} while (0);
	PROMPT_COMMANDS(X)
#undef X
	add("  %s%s", ":NAME runs an action by its name: ", "");
	char line[512];
	size_t o = 0;
	line[0] = '\0';
	for (int act = ACT_NONE + 1; act < ACT_PROMPT_ACCEPT; act++) {
		const char *n = action_name(act);
		if (o + strlen(n) + 3 > 70) {
			add("    %s%s", line, "");
			o = 0;
			line[0] = '\0';
		}
		o += (size_t)snprintf(line + o, sizeof(line) - o, "%s%s", o ? " " : "", n);
	}
	if (o)
		add("    %s%s", line, "");
	add("%s%s", "", "");
	add("%s%s",
	    "Filters (f, :filter), terms separated by blanks; an empty line clears them:", "");
	add("%s%s",
	    "  kind=domain,ipv4 conf>=50 since=2020-01-01 until=DATE   nodes, files by date", "");
	add("%s%s", "  relation=overlap|corroboration|internal   the pairs of the Overlaps tab (r)",
	    "");
	add("%s%s", "  kind=actor (two named actors), kind=report (an unattributed report or file)",
	    "");
	add("%s%s",
	    "  source=PATH   pairs and files a file whose path holds PATH speaks to (~ home)", "");
	add("%s%s",
	    "  score>=0.2 shared>=3 tools>=0.5 techniques>=2 (a point: the overlap; else a count)",
	    "");
	add("%s%s", "  verdict=confirmed|dismissed|unreviewed", "");
	add("%s%s", "df bands: < 5 strong, 5-20 weak, > 20 over-correlating (weight 0)", "");
}

size_t view_help_lines(const char ***lines)
{
	if (!help)
		build();
	*lines = (const char **)help;
	return nhelp;
}

void view_help_draw(const struct app *a, struct grid *g, const struct geom *geo)
{
	const char **lines;
	size_t n = view_help_lines(&lines);
	int rows = geo->body_h;
	size_t top = a->help_top;
	if (n > (size_t)rows && top > n - (size_t)rows)
		top = n - (size_t)rows;
	if (n <= (size_t)rows)
		top = 0;
	for (int r = 0; r < rows && top + (size_t)r < n; r++) {
		const char *s = lines[top + (size_t)r];
		enum style st = s[0] != ' ' ? ST_TITLE : ST_NORMAL;
		grid_text(g, geo->body_y + r, 1, g->w - 1, s, st);
	}
}
