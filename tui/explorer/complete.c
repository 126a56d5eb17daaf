#include "tui/explorer/complete.h"
#include "tui/explorer/lists.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "graph/alias.h"
#include "graph/alias_index.h"
#include "graph/xalloc.h"
#include "tui/explorer/actions.h"
#include "tui/explorer/model.h"
#include "tui/explorer/prompt.h"

#define MAX_CANDIDATES 5000

struct cands {
	char **v;
	size_t n, cap;
	const char *prefix;
	size_t plen;
};

static void offer(struct cands *c, const char *s)
{
	if (c->n >= MAX_CANDIDATES || strncasecmp(s, c->prefix, c->plen) != 0)
		return;
	XGROW(c->v, c->cap, c->n + 1);
	c->v[c->n++] = xstrdup(s);
}

/* "lead" + s, offered when it matches. */
static void offer_after(struct cands *c, const char *lead, const char *s)
{
	char buf[2400];
	snprintf(buf, sizeof(buf), "%s%s", lead, s);
	offer(c, buf);
}

const char *complete_expand_home(const char *path, char *buf, size_t n)
{
	const char *home = getenv("HOME");
	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') && home && *home)
		snprintf(buf, n, "%s%s", home, path + 1);
	else
		snprintf(buf, n, "%s", path);
	return buf;
}

/* Files and folders whose names start the way the word's last part does;
 * lead is put before each (a "source=" the word began with). */
static void offer_paths(struct cands *c, const char *lead, const char *word)
{
	const char *slash = strrchr(word, '/');
	char dir_typed[1024], dir[1100];
	const char *base = slash ? slash + 1 : word;
	if (slash)
		snprintf(dir_typed, sizeof(dir_typed), "%.*s", (int)(slash - word + 1), word);
	else
		dir_typed[0] = '\0';
	complete_expand_home(slash ? dir_typed : ".", dir, sizeof(dir));
	if (!slash && word[0] == '~' && !word[1]) {
		/* "~" alone: the home directory itself */
		offer_after(c, lead, "~/");
		return;
	}
	DIR *d = opendir(dir);
	if (!d)
		return;
	size_t blen = strlen(base);
	for (struct dirent *e; (e = readdir(d)) && c->n < MAX_CANDIDATES;) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (e->d_name[0] == '.' && base[0] != '.')
			continue; /* hidden unless asked for */
		if (strncmp(e->d_name, base, blen) != 0)
			continue;
		char full[2200], cand[4400];
		snprintf(full, sizeof(full), "%s/%s", dir, e->d_name);
		struct stat st;
		int isdir = stat(full, &st) == 0 && S_ISDIR(st.st_mode);
		snprintf(cand, sizeof(cand), "%s%s%s%s", lead, dir_typed, e->d_name,
			 isdir ? "/" : "");
		offer(c, cand);
	}
	closedir(d);
}

static void offer_commands(struct cands *c)
{
	static const char *const commands[] = {
#define X(e, name, args, help, fn) name,
	    PROMPT_COMMANDS(X)
#undef X
	};
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		offer(c, commands[i]);
	offer(c, "quit");
	for (int act = ACT_NONE + 1; act < ACT_PROMPT_ACCEPT; act++)
		if (act != ACT_COMMAND)
			offer(c, action_name(act));
}

/* Actors by their names and aliases. */
static void offer_actors(struct cands *c, const struct model *m)
{
	const struct graph *g = m->g;
	for (size_t n = 0; n < g->node_count && c->n < MAX_CANDIDATES; n++) {
		if (g->nodes[n].kind != NODE_ACTOR || alias_unit(g, (uint32_t)n) != n)
			continue;
		uint32_t nn;
		const uint32_t *names = alias_index_names(&m->units, (uint32_t)n, &nn);
		if (!nn)
			offer(c, graph_node_label(g, (uint32_t)n));
		for (uint32_t i = 0; i < nn; i++)
			offer(c, graph_str(g, names[i]));
	}
}

static void offer_words(struct cands *c, const char *lead, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		offer_after(c, lead, words[i]);
}

/* One term of a filter line. */
static void offer_filter_term(struct cands *c, const char *term)
{
	static const char *const names[] = {
	    "kind=",   "conf>=",   "since=",  "until=",	      "relation=", "source=",
	    "score>=", "shared>=", "tools>=", "techniques>=", "verdict=",  "author=", NULL};
	static const char *const relations[] = {"overlap", "corroboration", "internal", NULL};
	static const char *const verdicts[] = {"unreviewed", "confirmed", "dismissed", NULL};
	const char *eq = strchr(term, '=');
	if (!eq) {
		offer_words(c, "", names);
		return;
	}
	char lead[1100];
	snprintf(lead, sizeof(lead), "%.*s", (int)(eq - term + 1), term);
	if (strncmp(term, "relation=", 9) == 0) {
		offer_words(c, lead, relations);
	} else if (strncmp(term, "verdict=", 8) == 0) {
		offer_words(c, lead, verdicts);
	} else if (strncmp(term, "source=", 7) == 0) {
		offer_paths(c, lead, eq + 1);
	} else if (strncmp(term, "kind=", 5) == 0) {
		/* the last of a comma list */
		const char *comma = strrchr(term, ',');
		snprintf(lead, sizeof(lead), "%.*s", (int)((comma ? comma : eq) - term + 1), term);
		for (int k = 0; k < NODE_KIND_COUNT; k++)
			offer_after(c, lead, kind_name(k));
		offer_after(c, lead, "infra");
		for (int k = 0; k < RV_COUNT; k++)
			offer_after(c, lead, review_kind_name(k));
	}
}

static int cmp_str(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int r = strcasecmp(x, y);
	return r ? r : strcmp(x, y);
}

size_t complete_candidates(int mode, const char *line, size_t pos, const struct model *m,
			   size_t *word_start, char ***out)
{
	char head[1024];
	if (pos >= sizeof(head))
		pos = sizeof(head) - 1;
	memcpy(head, line, pos);
	head[pos] = '\0';
	/* the word: from the last blank (the whole line for a search) */
	size_t ws = pos;
	if (mode != PR_SEARCH)
		while (ws > 0 && head[ws - 1] != ' ')
			ws--;
	else
		ws = 0;
	*word_start = ws;
	struct cands c = {NULL, 0, 0, head + ws, pos - ws};
	if (mode == PR_SEARCH) {
		offer_actors(&c, m);
	} else if (mode == PR_FILTER) {
		offer_filter_term(&c, head + ws);
	} else if (mode == PR_COMMAND) {
		/* which word of the line this is, and the command it follows */
		char cmd[64] = "";
		int nword = 0;
		for (size_t i = 0; i < ws;) {
			while (i < ws && (head[i] == ' ' || head[i] == ':'))
				i++;
			size_t j = i;
			while (j < ws && head[j] != ' ')
				j++;
			if (j > i) {
				if (nword == 0)
					snprintf(cmd, sizeof(cmd), "%.*s", (int)(j - i), head + i);
				nword++;
			}
			i = j;
		}
		static const char *const formats[] = {"svg", "png", "pdf", "dot", NULL};
		static const char *const sorts[] = {"name",    "degree",     "score",
						    "objects", "date",	     "infra",
						    "tools",   "techniques", NULL};
		static const char *const verdicts[] = {"confirmed", "dismissed", "unreviewed",
						       NULL};
		if (nword == 0) {
			/* skip a leading ':' typed out of habit */
			if (c.plen && c.prefix[0] == ':')
				c.prefix++, c.plen--, *word_start = ++ws;
			offer_commands(&c);
		} else if (strcmp(cmd, "load") == 0) {
			offer_paths(&c, "", head + ws);
		} else if (strcmp(cmd, "export") == 0) {
			if (nword == 1)
				offer_words(&c, "", formats);
			offer_paths(&c, "", head + ws);
		} else if (strcmp(cmd, "sort") == 0) {
			offer_words(&c, "", sorts);
		} else if (strcmp(cmd, "verdict") == 0) {
			offer_words(&c, "", verdicts);
		} else if (strcmp(cmd, "filter") == 0) {
			offer_filter_term(&c, head + ws);
		} else if (strcmp(cmd, "join") == 0 || strcmp(cmd, "split") == 0 ||
			   strcmp(cmd, "attribute") == 0) {
			/* names hold blanks ("Gothic Panda"): the word runs from the
			 * last '=' or ',' (or the command) to the cursor */
			size_t s = 0;
			while (s < pos && (head[s] == ' ' || head[s] == ':'))
				s++;
			while (s < pos && head[s] != ' ')
				s++;
			for (size_t i = s; i < pos; i++)
				if (head[i] == '=' || head[i] == ',')
					s = i + 1;
			while (s < pos && head[s] == ' ')
				s++;
			*word_start = s;
			c.prefix = head + s;
			c.plen = pos - s;
			offer_actors(&c, m);
		}
	}
	if (c.n > 1) {
		qsort(c.v, c.n, sizeof(char *), cmp_str);
		size_t k = 1;
		for (size_t i = 1; i < c.n; i++) {
			if (strcmp(c.v[i], c.v[k - 1]) == 0)
				free(c.v[i]);
			else
				c.v[k++] = c.v[i];
		}
		c.n = k;
	}
	*out = c.v;
	return c.n;
}

void complete_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void complete_common(char *const *v, size_t n, char *buf, size_t len)
{
	buf[0] = '\0';
	if (!n)
		return;
	size_t l = strlen(v[0]);
	for (size_t i = 1; i < n; i++) {
		size_t k = 0;
		while (k < l && v[i][k] &&
		       (v[i][k] == v[0][k] ||
			((unsigned char)v[i][k] < 0x80 && (unsigned char)v[0][k] < 0x80 &&
			 (v[i][k] | 0x20) == (v[0][k] | 0x20) &&
			 ((v[0][k] | 0x20) >= 'a' && (v[0][k] | 0x20) <= 'z'))))
			k++;
		l = k;
	}
	/* never cut a UTF-8 sequence */
	while (l && ((unsigned char)v[0][l] & 0xc0) == 0x80)
		l--;
	snprintf(buf, len, "%.*s", (int)l, v[0]);
}
