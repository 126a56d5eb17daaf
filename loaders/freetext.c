/* Free-text reports (.txt, .md, .adoc): indicators extracted from prose,
 * lists, tables and literal blocks (textscan.h says what is taken), for the
 * actor of --as NAME or for a report unit named by the document's title
 * (the first "= Title" / "# Title" heading, else the file name).
 *
 * Values are dated by the post the preamble cites (its URL's date), which
 * bounds when they were in use.
 *
 * Reports cite their sources: sections about references, ATT&CK, detection
 * names, YARA, mutexes, file paths or MISP links yield only what the author
 * marked as an indicator (defanged or `quoted`), and plain URLs in the
 * preamble, in sentences or right after one ("... is available at" + URL)
 * are citations, so blog and ATT&CK links are not taken for C2. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/date.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"
#include "loaders/ioc_target.h"
#include "loaders/load.h"
#include "loaders/textfile.h"
#include "loaders/textscan.h"

enum { PREAMBLE_LINES_MAX = 20 };

struct ft_state {
	struct load_ctx *c;
	struct ioc_target t;
	struct prov p;
	uint32_t line, col0;
	int cert_level; /* level of the heading announcing certificates, 0: none */
	int serial;	/* the line labels a certificate serial number */
};

/* Words in a line: a sentence has many, a list item or table row few. */
static size_t words(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
			w++;
	return w;
}

/* Heading level of an AsciiDoc ("== x") or Markdown ("## x") line, with its
 * text; 0 when the line is no heading. */
static int heading(const char *s, size_t n, const char **text, size_t *tn)
{
	if (!n || (s[0] != '=' && s[0] != '#'))
		return 0;
	char mark = s[0];
	size_t k = 0;
	while (k < n && s[k] == mark)
		k++;
	if (k > 6 || k >= n || s[k] != ' ')
		return 0;
	const char *t = s + k;
	size_t len = n - k;
	textfile_trim(&t, &len);
	while (len && t[len - 1] == mark) /* "## x ##" */
		len--;
	textfile_trim(&t, &len);
	if (!len)
		return 0;
	*text = t;
	*tn = len;
	return (int)k;
}

/* Sections that cite rather than list indicators. */
static int citing_section(const char *t, size_t n)
{
	static const char *const words[] = {
	    "reference",  "att&ck",   "attack matrix",	 "mitre",
	    "technique",  "tactic",   "detection",	 "yara",
	    "mutex",	  "registry", "file name",	 "filename",
	    "path",	  "misp",     "sigma",		 "snort",
	    "acknowledg", "credit",   "further reading", "see also",
	    "links",	  "source",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t wl = strlen(words[i]);
		for (size_t j = 0; j + wl <= n; j++)
			if (!strncasecmp(t + j, words[i], wl))
				return 1;
	}
	return 0;
}

static void on_hit(void *arg, const struct textscan_hit *h)
{
	struct ft_state *st = arg;
	int kind = h->kind;
	/* under "=== Certificates", a hash is a fingerprint; a serial is neither */
	if (st->cert_level && kind == NODE_FILE) {
		if (st->serial)
			return;
		kind = NODE_X509;
	}
	st->c->objects++;
	ioc_target_add(&st->t, kind, h->s, h->n, &st->p, NODE_NONE, 0, st->line,
		       st->col0 + (uint32_t)h->col + 1, 1);
}

/* The publication date of the first post a line cites ("The blog post is
 * available at https://www.welivesecurity.com/2021/09/23/..."), or
 * DATE_UNKNOWN. */
static int32_t cited_date(const char *s, size_t n)
{
	const char *end = s + n;
	for (const char *u = s; (u = memmem(u, (size_t)(end - u), "://", 3)); u += 3) {
		const char *b = u, *e = u;
		while (b > s && isalpha((unsigned char)b[-1]))
			b--;
		while (e < end && !isspace((unsigned char)*e) && *e != '[')
			e++;
		int32_t d = ioc_target_date_from_url(b, (size_t)(e - b));
		if (d != DATE_UNKNOWN)
			return d;
	}
	return DATE_UNKNOWN;
}

/* A literal-block delimiter: "----", "....", "```", "~~~". */
static int fence(const char *s, size_t n)
{
	if (n >= 3 && (!strncmp(s, "```", 3) || !strncmp(s, "~~~", 3)))
		return 1;
	if (n < 4)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '-' && s[i] != '.')
			return 0;
	return s[0] == s[n - 1];
}

int freetext_load(struct load_ctx *c)
{
	struct textfile tf;
	if (textfile_read(c, &tf))
		return -1;
	/* the title: the first level-1 heading near the top, or a Markdown
	 * setext title ("Title" over "=====") */
	const char *line, *prev = NULL;
	size_t n, prev_n = 0;
	char *title = NULL;
	int structured = 0, in_preamble = 1;
	int32_t published = DATE_UNKNOWN;
	while (textfile_next(&tf, &line, &n)) {
		const char *s = line, *t;
		size_t sn = n, tn;
		textfile_trim(&s, &sn);
		int lv = heading(s, sn, &t, &tn);
		if (lv)
			structured = 1;
		if (lv >= 2 || tf.line > PREAMBLE_LINES_MAX)
			in_preamble = 0; /* past it, URLs may be indicators */
		if (in_preamble && published == DATE_UNKNOWN)
			published = cited_date(s, sn);
		if (!title && lv == 1 && tf.line <= 50)
			title = xstrndup(t, tn);
		if (!title && prev && prev_n && sn >= 3 && strspn(s, "=") == sn && tf.line <= 50) {
			title = xstrndup(prev, prev_n);
			structured = 1;
		}
		if (sn) {
			prev = s;
			prev_n = sn;
		}
	}
	textfile_rewind(&tf);
	struct ft_state st = {.c = c};
	const char *as = c->opts ? c->opts->as_name : NULL;
	ioc_target_init(&st.t, c, as, title);
	st.p = prov_empty(c->file);
	st.p.first = st.p.last = published;
	struct strbuf obj = STRBUF_INIT;
	int preamble = structured, citing = 0, in_block = 0, prose_before = 0;
	while (textfile_next(&tf, &line, &n)) {
		const char *s = line, *t;
		size_t sn = n, tn;
		textfile_trim(&s, &sn);
		if (!sn) {
			prose_before = 0;
			continue;
		}
		if (fence(s, sn)) {
			in_block = !in_block;
			continue;
		}
		int lv = in_block ? 0 : heading(s, sn, &t, &tn);
		if (lv) {
			if (lv >= 2 || !title) {
				preamble = 0;
				citing = citing_section(t, tn);
			}
			if (st.cert_level && lv <= st.cert_level)
				st.cert_level = 0;
			if (!st.cert_level && lv >= 2 && textscan_section_kind(t, tn) == NODE_X509)
				st.cert_level = lv;
			continue;
		}
		if (!in_block &&
		    (!strncmp(s, "//", 2) || (s[0] == ':' && memchr(s + 1, ':', sn - 1))))
			continue; /* AsciiDoc comment or attribute */
		if (!in_block && (!strncmp(s, "link:", 5) || !strncmp(s, "image:", 6) ||
				  !strncmp(s, "include:", 8)))
			continue;
		strbuf_reset(&obj);
		strbuf_addf(&obj, "line %u", (unsigned)tf.line);
		st.p.obj = graph_intern(c->g, strbuf_str(&obj));
		st.line = tf.line;
		int mode = citing ? TEXTSCAN_MARKED_ONLY : TEXTSCAN_PROSE;
		if (preamble)
			mode |= TEXTSCAN_NO_BARE_URLS;
		/* a sentence, or the line that continues one ("... is available
		 * at\nhttps://..."), cites its plain URLs */
		int sentence = !in_block && s[0] != '|' && words(s, sn) > 6;
		if (sentence || prose_before)
			mode |= TEXTSCAN_NO_BARE_URLS;
		prose_before = sentence;
		st.col0 = (uint32_t)(s - line);
		st.serial = st.cert_level && memmem(s, sn, "erial", 5); /* Serial, serial */
		textscan_line(s, sn, mode, on_hit, &st);
	}
	ioc_target_finish(&st.t);
	if (title && !graph_file(c->g, c->file)->title)
		graph_file(c->g, c->file)->title = graph_intern(c->g, title);
	ioc_target_free(&st.t);
	strbuf_free(&obj);
	free(title);
	textfile_free(&tf);
	return 0;
}
