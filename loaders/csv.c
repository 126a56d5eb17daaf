/* CSV / TSV / ';'-separated indicator tables. Columns are mapped by header
 * names (case, spaces, '_' and '-' ignored) onto: value (one generic column,
 * or columns named by a kind: "md5", "domain", ...), type, actor, first and
 * last seen, source, confidence, TLP, id. Without a known header, each row is
 * searched for a value (and a type word), the way vendors' headerless and
 * sectioned "CSV" files are written. Values go to the row's actor, --as NAME
 * or the file's own report unit (ioc_target.h). Cells are RFC 4180: quoted
 * cells may hold the delimiter, doubled quotes and line breaks. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/alias.h"
#include "graph/date.h"
#include "graph/kind.h"
#include "graph/normalize.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"
#include "loaders/confidence.h"
#include "loaders/ioc_target.h"
#include "loaders/load.h"
#include "loaders/textfile.h"
#include "loaders/textscan.h"

enum { CSV_MAX_COLS = 256, CSV_MAX_CELL = 1 << 20 };

enum col_role {
	COL_NONE,
	COL_VALUE,  /* generic value column (kind from the type column or guessed) */
	COL_KVALUE, /* a column whose name is a kind ("md5", "domain") */
	COL_TYPE,
	COL_ACTOR,
	COL_FIRST,	/* first seen */
	COL_LAST,	/* last seen */
	COL_DATE,	/* MISP "date": first and last */
	COL_VALID_FROM, /* an indicator's validity: used when no seen date */
	COL_VALID_UNTIL,
	COL_TO_IDS, /* MISP to_ids: 0 is "not for detection" */
	COL_SOURCE,
	COL_CONF,
	COL_TLP,
	COL_ID,
	COL_NAME, /* "name": a value only when nothing else is */
	COL_NOTE, /* a description of the row: kept for attribution by name */
};

struct cell {
	size_t off, len; /* in the row buffer */
	uint32_t line, col;
};

struct csv_reader {
	const char *s;
	size_t n, pos;
	uint32_t line, col;
	char delim;
	struct strbuf row; /* unquoted cells, NUL-separated */
	struct cell *cells;
	size_t ncells, cap;
};

/* Type vocabularies -> kind. SKIP: a type that is no indicator (file
 * names, YARA, comments, references). */
#define KIND_SKIP (-3)
#define KIND_COMPOSITE (-4) /* "domain|ip": split at '|' */
#define KIND_ACTOR (-5)	    /* MISP "threat-actor": the report's actor */
#define KIND_UNKNOWN (-6)   /* a type word agx does not know: guessed quietly */

static void squash(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < cap; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '_' || ch == '-' || ch == '.' || ch == '\t' || ch >= 0x80)
			continue;
		out[k++] = (char)tolower(ch);
	}
	out[k] = '\0';
}

struct vocab {
	const char *word;
	int kind;
};

static const struct vocab type_vocab[] = {
    {"domain", NODE_DOMAIN},
    {"hostname", NODE_DOMAIN},
    {"fqdn", NODE_DOMAIN},
    {"host", NODE_DOMAIN},
    {"domainname", NODE_DOMAIN},
    {"dns", NODE_DOMAIN},
    {"ip", -1},
    {"ipv4", NODE_IPV4},
    {"ipv6", NODE_IPV6},
    {"ipdst", -1},
    {"ipsrc", -1},
    {"ipaddress", -1},
    {"ipv4addr", NODE_IPV4},
    {"ipv6addr", NODE_IPV6},
    {"address", -1},
    {"url", NODE_URL},
    {"uri", NODE_URL},
    {"md5", NODE_FILE},
    {"sha1", NODE_FILE},
    {"sha256", NODE_FILE},
    {"sha512", NODE_FILE},
    {"hash", NODE_FILE},
    {"file", NODE_FILE},
    {"filehash", NODE_FILE},
    {"filehashes", NODE_FILE},
    {"hashes", NODE_FILE},
    {"email", NODE_EMAIL},
    {"emailsrc", NODE_EMAIL},
    {"emaildst", NODE_EMAIL},
    {"emailsender", NODE_EMAIL},
    {"emailwhois", NODE_EMAIL},
    {"whoisregistrantemail", NODE_EMAIL},
    {"emailaddress", NODE_EMAIL},
    {"email address", NODE_EMAIL},
    {"mail", NODE_EMAIL},
    {"x509fingerprintsha1", NODE_X509},
    {"x509fingerprintsha256", NODE_X509},
    {"x509fingerprintmd5", NODE_X509},
    {"x509", NODE_X509},
    {"certificate", NODE_X509},
    {"sslcertificate", NODE_X509},
    {"as", NODE_ASN},
    {"asn", NODE_ASN},
    {"domainip", KIND_COMPOSITE},
    {"ipdstport", KIND_COMPOSITE},
    {"ipsrcport", KIND_COMPOSITE},
    {"hostnameport", KIND_COMPOSITE},
    {"domain|ip", KIND_COMPOSITE},
    {"filenamemd5", KIND_COMPOSITE},
    {"filenamesha1", KIND_COMPOSITE},
    {"filenamesha256", KIND_COMPOSITE},
    {"malwaresample", KIND_COMPOSITE},
    {"filename", KIND_SKIP},
    {"yara", KIND_SKIP},
    {"text", KIND_SKIP},
    {"comment", KIND_SKIP},
    {"link", KIND_SKIP},
    {"mutex", KIND_SKIP},
    {"regkey", KIND_SKIP},
    {"servicename", KIND_SKIP},
    {"useragent", KIND_SKIP},
    {"other", KIND_SKIP},
    {"filepath", KIND_SKIP},
    {"vulnerability", KIND_SKIP},
    {"patterninfile", KIND_SKIP},
    {"size", KIND_SKIP},
    {"regkeyvalue", KIND_SKIP},
    {"attachment", KIND_SKIP},
    {"snort", KIND_SKIP},
    {"sigma", KIND_SKIP},
    {"path", KIND_SKIP},
    {"registry", KIND_SKIP},
    {"process", KIND_SKIP},
    {"imphash", KIND_SKIP},
    {"ssdeep", KIND_SKIP},
    {"tlsh", KIND_SKIP},
    {"threatactor", KIND_ACTOR},
    {"whoisregistrantname", KIND_SKIP},
    {"whoisregistrantphone", KIND_SKIP},
    {"whoisregistrar", KIND_SKIP},
    {"whoisregistrantorg", KIND_SKIP},
    {"campaignname", KIND_SKIP},
    {"port", KIND_SKIP},
    {"authentihash", KIND_SKIP},
    {"pehash", KIND_SKIP},
    {"cve", KIND_SKIP},
};

/* Returns 1 and *kind when the cell is a type word. */
static int type_word(const char *s, size_t n, int *kind)
{
	char w[64];
	if (n == 0 || n >= sizeof(w))
		return 0;
	/* MISP composite names keep their '|' */
	if (memchr(s, '|', n)) {
		*kind = KIND_COMPOSITE;
		for (size_t i = 0; i < n; i++)
			if (!isalnum((unsigned char)s[i]) && !strchr("|-_", s[i]))
				return 0;
		return 1;
	}
	squash(s, n, w, sizeof(w));
	for (size_t i = 0; i < sizeof(type_vocab) / sizeof(type_vocab[0]); i++)
		if (!strcmp(type_vocab[i].word, w)) {
			*kind = type_vocab[i].kind;
			return 1;
		}
	return 0;
}

struct header_word {
	const char *word;
	int role;
};

static const struct header_word header_words[] = {
    {"actor", COL_ACTOR},
    {"threatactor", COL_ACTOR},
    {"group", COL_ACTOR},
    {"actorname", COL_ACTOR},
    {"threatgroup", COL_ACTOR},
    {"intrusionset", COL_ACTOR},
    {"adversary", COL_ACTOR},
    {"aptgroup", COL_ACTOR},
    {"apt", COL_ACTOR},
    {"type", COL_TYPE},
    {"indicatortype", COL_TYPE},
    {"ioctype", COL_TYPE},
    {"entitytype", COL_TYPE},
    {"kind", COL_TYPE},
    {"datatype", COL_TYPE},
    {"attributetype", COL_TYPE},
    {"observabletype", COL_TYPE},
    {"value", COL_VALUE},
    {"indicator", COL_VALUE},
    {"ioc", COL_VALUE},
    {"observable", COL_VALUE},
    {"indicatorvalue", COL_VALUE},
    {"iocvalue", COL_VALUE},
    {"observablevalue", COL_VALUE},
    {"networkindicator", COL_VALUE},
    {"networkindicators", COL_VALUE},
    {"indicators", COL_VALUE},
    {"iocs", COL_VALUE},
    {"attributevalue", COL_VALUE},
    {"name", COL_NAME},
    {"firstseen", COL_FIRST},
    {"first", COL_FIRST},
    {"firstseenutc", COL_FIRST},
    {"validfrom", COL_VALID_FROM},
    {"validuntil", COL_VALID_UNTIL},
    {"lastseen", COL_LAST},
    {"last", COL_LAST},
    {"lastseenutc", COL_LAST},
    {"toids", COL_TO_IDS},
    {"date", COL_DATE},
    {"timestamp", COL_DATE},
    {"source", COL_SOURCE},
    {"reference", COL_SOURCE},
    {"references", COL_SOURCE},
    {"sources", COL_SOURCE},
    {"confidence", COL_CONF},
    {"tlp", COL_TLP},
    {"description", COL_NOTE},
    {"notes", COL_NOTE},
    {"note", COL_NOTE},
    {"comment", COL_NOTE},
    {"comments", COL_NOTE},
    {"context", COL_NOTE},
    {"remarks", COL_NOTE},
    {"uuid", COL_ID},
    {"id", COL_ID},
};

struct columns {
	int role[CSV_MAX_COLS];
	int kind[CSV_MAX_COLS]; /* COL_KVALUE: the column's kind */
	int known;		/* header recognised */
	int has_value;
};

static void map_header(struct csv_reader *r, struct columns *cols)
{
	memset(cols, 0, sizeof(*cols));
	int name_col = -1;
	struct strbuf out = STRBUF_INIT;
	for (size_t i = 0; i < r->ncells; i++) {
		struct norm_result nr;
		const char *s = r->row.buf + r->cells[i].off;
		size_t n = r->cells[i].len;
		textfile_trim(&s, &n);
		if (n && ioc_norm(-1, s, n, &out, &nr) >= 0) {
			strbuf_free(&out);
			return; /* a row of values, not a header */
		}
	}
	strbuf_free(&out);
	for (size_t i = 0; i < r->ncells && i < CSV_MAX_COLS; i++) {
		const char *s = r->row.buf + r->cells[i].off;
		size_t n = r->cells[i].len;
		textfile_trim(&s, &n);
		char w[64];
		if (n >= sizeof(w))
			continue;
		squash(s, n, w, sizeof(w));
		for (size_t k = 0; k < sizeof(header_words) / sizeof(header_words[0]); k++)
			if (!strcmp(header_words[k].word, w)) {
				cols->role[i] = header_words[k].role;
				break;
			}
		int kind;
		if (!cols->role[i] && type_word(s, n, &kind) && kind >= -1) {
			cols->role[i] = COL_KVALUE;
			cols->kind[i] = kind;
		}
		if (cols->role[i] == COL_NAME)
			name_col = (int)i;
		if (cols->role[i] == COL_VALUE || cols->role[i] == COL_KVALUE)
			cols->has_value = 1;
		if (cols->role[i])
			cols->known = 1;
	}
	if (!cols->has_value && name_col >= 0) {
		cols->role[name_col] = COL_VALUE;
		cols->has_value = 1;
	}
	/* "type" next to a kind column ("Type,Indicator") is the value's type */
	if (!cols->has_value)
		cols->known = 0;
}

/* Reads one record into r->row / r->cells. Returns 1, 0 at the end, -1 on
 * an unterminated quote or an oversized cell (err set). */
static int read_row(struct csv_reader *r, const char **err, uint32_t *eline, uint32_t *ecol)
{
	strbuf_reset(&r->row);
	strbuf_add(&r->row, "", 0);
	r->ncells = 0;
	if (r->pos >= r->n)
		return 0;
	for (;;) {
		XGROW(r->cells, r->cap, r->ncells + 1);
		struct cell *c = &r->cells[r->ncells++];
		c->off = r->row.len;
		c->line = r->line;
		c->col = r->col;
		int quoted = 0;
		size_t start_pos = r->pos;
		/* leading blanks before a quote are allowed */
		size_t p = r->pos;
		while (p < r->n && (r->s[p] == ' ') && r->delim != ' ')
			p++;
		if (p < r->n && r->s[p] == '"') {
			quoted = 1;
			r->col += (uint32_t)(p - r->pos) + 1;
			r->pos = p + 1;
		}
		for (;;) {
			if (r->pos >= r->n) {
				if (quoted) {
					*err = "unterminated quoted field (truncated file?)";
					*eline = c->line;
					*ecol = c->col;
					return -1;
				}
				break;
			}
			char ch = r->s[r->pos];
			if (quoted) {
				if (ch == '"') {
					if (r->pos + 1 < r->n && r->s[r->pos + 1] == '"') {
						strbuf_addc(&r->row, '"');
						r->pos += 2;
						r->col += 2;
						continue;
					}
					quoted = 0;
					r->pos++;
					r->col++;
					continue;
				}
				if (ch == '\n') {
					r->line++;
					r->col = 1;
				} else {
					r->col++;
				}
				strbuf_addc(&r->row, ch);
				r->pos++;
			} else {
				if (ch == r->delim || ch == '\n' || ch == '\r')
					break;
				strbuf_addc(&r->row, ch);
				r->pos++;
				r->col++;
			}
			if (r->row.len - c->off > CSV_MAX_CELL) {
				*err = "cell over 1 MiB";
				*eline = c->line;
				*ecol = c->col;
				return -1;
			}
		}
		(void)start_pos;
		c->len = r->row.len - c->off;
		strbuf_addc(&r->row, '\0');
		if (r->pos < r->n && r->s[r->pos] == r->delim) {
			r->pos++;
			r->col++;
			continue;
		}
		/* end of record */
		if (r->pos < r->n && r->s[r->pos] == '\r')
			r->pos++;
		if (r->pos < r->n && r->s[r->pos] == '\n')
			r->pos++;
		r->line++;
		r->col = 1;
		return 1;
	}
}

/* The delimiter: the most frequent of , \t ; outside quotes on the first
 * line that has any. */
static char pick_delim(const char *s, size_t n, const char *path)
{
	size_t cnt[3] = {0, 0, 0};
	int q = 0;
	for (size_t i = 0; i < n && i < 65536; i++) {
		if (s[i] == '"')
			q = !q;
		else if (!q && s[i] == '\n') {
			if (cnt[0] + cnt[1] + cnt[2])
				break;
		} else if (!q) {
			cnt[0] += s[i] == ',';
			cnt[1] += s[i] == '\t';
			cnt[2] += s[i] == ';';
		}
	}
	const char *ext = strrchr(path, '.');
	if (ext && !strcasecmp(ext, ".tsv") && cnt[1])
		return '\t';
	if (cnt[1] > cnt[0] && cnt[1] >= cnt[2])
		return '\t';
	if (cnt[2] > cnt[0])
		return ';';
	return ',';
}

static const char *cell_str(struct csv_reader *r, size_t i, size_t *n)
{
	if (i >= r->ncells) {
		*n = 0;
		return "";
	}
	const char *s = r->row.buf + r->cells[i].off;
	*n = r->cells[i].len;
	textfile_trim(&s, n);
	return s;
}

/* "Aug 27, 2021", "2021/08/27", ISO: days or DATE_UNKNOWN. */
static int32_t parse_date_cell(const char *s, size_t n)
{
	char buf[64];
	if (n == 0 || n >= sizeof(buf))
		return DATE_UNKNOWN;
	memcpy(buf, s, n);
	buf[n] = '\0';
	for (char *p = buf; *p; p++)
		if (*p == '/')
			*p = '-';
	int32_t d = date_parse(buf);
	if (d != DATE_UNKNOWN)
		return d;
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
					     "jul", "aug", "sep", "oct", "nov", "dec"};
	char mon[4] = {0};
	int day, year;
	if (sscanf(buf, "%3s %d, %d", mon, &day, &year) == 3 ||
	    sscanf(buf, "%3s %d %d", mon, &day, &year) == 3) {
		for (int m = 0; m < 12; m++)
			if (!strncasecmp(mon, months[m], 3))
				return date_from_ymd(year, m + 1, day);
	}
	return DATE_UNKNOWN;
}

struct csv_state {
	struct load_ctx *c;
	struct ioc_target t;
	struct prov p;
	uint32_t actor;
	uint32_t line;
	uint32_t col;
	uint8_t flags;
	int x509, scan_kind;   /* while scanning a prose cell */
	uint32_t report_actor; /* MISP threat-actor rows */
	int x509_file;	       /* the file name says its SHA-1s are certificates */
};

static void on_prose_hit(void *arg, const struct textscan_hit *h)
{
	struct csv_state *st = arg;
	int kind = st->x509 && h->kind == NODE_FILE ? NODE_X509 : h->kind;
	if (st->scan_kind >= 0 && st->scan_kind != kind && !st->x509)
		return; /* a typed cell: only values of its type */
	ioc_target_add(&st->t, kind, h->s, h->n, &st->p, st->actor, st->flags, st->line,
		       st->col + (uint32_t)h->col, 1);
}

/* Adds one cell's value(s): a cell that is not one value as a whole may
 * pack several ("sha256,sha1,md5" or one per line) or a composite. */
static void add_cell(struct csv_state *st, int kind, const char *s, size_t n, int quiet)
{
	if (!n)
		return;
	struct load_ctx *c = st->c;
	struct strbuf out = STRBUF_INIT;
	struct norm_result r;
	int single = kind != KIND_COMPOSITE && ioc_norm(kind, s, n, &out, &r) >= 0;
	strbuf_free(&out);
	if (single) {
		ioc_target_add(&st->t, kind, s, n, &st->p, st->actor, st->flags, st->line, st->col,
			       0);
		return;
	}
	int sub = kind == KIND_COMPOSITE ? -1 : kind;
	int split = 0;
	for (size_t i = 0; i < n; i++)
		if (strchr(",; \t\r\n|", s[i]))
			split = 1;
	int prose = 0;
	for (size_t i = 0; i < n; i++)
		prose |= s[i] == ' ' && kind != KIND_COMPOSITE;
	if (prose) {
		st->x509 = 0;
		for (size_t i = 0; i + 3 <= n && !st->x509; i++)
			st->x509 = (i + 6 <= n && !strncasecmp(s + i, "certif", 6)) ||
				   !strncasecmp(s + i, "ssl", 3) || !strncasecmp(s + i, "tls", 3);
		st->scan_kind = kind;
		if (!textscan_line(s, n, TEXTSCAN_PROSE, on_prose_hit, st) && !quiet) {
			c->skipped++;
			diag_add(c->d, c->file, DIAG_WARNING, D_VALUE, st->line, st->col, NULL,
				 "cell holds no indicator");
		}
		return;
	}
	if (!split) {
		if (!quiet) {
			c->skipped++;
			ioc_target_add(&st->t, sub, s, n, &st->p, st->actor, st->flags, st->line,
				       st->col, 0);
		}
		return;
	}
	size_t i = 0;
	while (i < n) {
		while (i < n && strchr(",; \t\r\n|", s[i]))
			i++;
		size_t start = i;
		while (i < n && !strchr(",; \t\r\n|", s[i]))
			i++;
		if (i > start) {
			/* a composite's port or file name part is no indicator */
			int q = quiet || kind == KIND_COMPOSITE;
			uint32_t v = ioc_target_add(&st->t, sub, s + start, i - start, &st->p,
						    st->actor, st->flags, st->line, st->col, q);
			if (v == NODE_NONE && !q)
				c->skipped++;
		}
	}
}

static void headerless_row(struct csv_state *st, struct csv_reader *r)
{
	int kind = -1;
	for (size_t i = 0; i < r->ncells; i++) {
		size_t n;
		const char *s = cell_str(r, i, &n);
		int k;
		if (type_word(s, n, &k) && k != KIND_COMPOSITE) {
			kind = k;
			break;
		}
	}
	if (kind == KIND_SKIP || kind == KIND_ACTOR || kind == KIND_UNKNOWN) {
		st->c->objects++;
		st->c->skipped++;
		return;
	}
	/* Insikt's "(last seen:2022/12/06)" beside a value */
	for (size_t i = 0; i < r->ncells; i++) {
		size_t n;
		const char *s = cell_str(r, i, &n);
		int last = n > 10 && strcasestr(s, "last seen") != NULL;
		int first = n > 10 && strcasestr(s, "first seen") != NULL;
		size_t at = 0, end = n;
		while (at < n && s[at] != ':')
			at++;
		if ((last || first) && at++ < n) {
			while (end > at && (s[end - 1] == ')' || s[end - 1] == ' '))
				end--;
			while (at < end && s[at] == ' ')
				at++;
			char day_text[32];
			size_t dn =
			    end - at < sizeof(day_text) - 1 ? end - at : sizeof(day_text) - 1;
			memcpy(day_text, s + at, dn);
			day_text[dn] = '\0';
			const char *d = day_text;
			int32_t day = parse_date_cell(d, dn);
			if (last)
				st->p.last = day;
			else
				st->p.first = day;
		}
	}
	/* every cell that is one value as a whole; prose and file names are not */
	for (size_t i = 0; i < r->ncells; i++) {
		size_t n;
		const char *s = cell_str(r, i, &n);
		struct strbuf out = STRBUF_INIT;
		struct norm_result nr;
		int k = n ? ioc_norm(kind, s, n, &out, &nr) : -1;
		strbuf_free(&out);
		if (k < 0)
			continue;
		if (k == NODE_FILE && st->x509_file && n == 40)
			k = NODE_X509;
		st->c->objects++;
		ioc_target_add(&st->t, k, s, n, &st->p, st->actor, st->flags, r->cells[i].line,
			       r->cells[i].col, 0);
	}
}

int csv_load(struct load_ctx *c)
{
	struct textfile tf;
	if (textfile_read(c, &tf))
		return -1;
	struct csv_reader r = {.s = tf.buf, .n = tf.len, .line = 1, .col = 1};
	r.delim = pick_delim(tf.buf, tf.len, c->path);
	struct csv_state st = {.c = c, .report_actor = NODE_NONE};
	const char *as = c->opts ? c->opts->as_name : NULL;
	ioc_target_init(&st.t, c, as, NULL);
	st.p = prov_empty(c->file);
	{
		const char *base = strrchr(c->path, '/');
		base = base ? base + 1 : c->path;
		st.x509_file = strcasestr(base, "certificate") || strcasestr(base, "ssl") ||
			       strcasestr(base, "x509");
	}
	const char *err = NULL;
	uint32_t eline = 0, ecol = 0;
	struct columns cols;
	int rc, first = 1;
	struct strbuf obj = STRBUF_INIT;
	while ((rc = read_row(&r, &err, &eline, &ecol)) > 0) {
		if (first) {
			first = 0;
			map_header(&r, &cols);
			if (cols.known)
				continue;
		}
		int blank = 1;
		for (size_t i = 0; i < r.ncells && blank; i++) {
			size_t n;
			cell_str(&r, i, &n);
			blank = n == 0;
		}
		if (blank)
			continue;
		st.p = prov_empty(c->file);
		st.actor = NODE_NONE;
		st.flags = 0;
		strbuf_reset(&obj);
		strbuf_addf(&obj, "line %u", (unsigned)r.cells[0].line);
		st.p.obj = graph_intern(c->g, strbuf_str(&obj));
		if (!cols.known) {
			headerless_row(&st, &r);
			continue;
		}
		int kind = -1;
		int32_t valid_from = DATE_UNKNOWN, valid_until = DATE_UNKNOWN;
		const char *note = NULL;
		size_t note_n = 0;
		for (size_t i = 0; i < r.ncells && i < CSV_MAX_COLS; i++) {
			size_t n;
			const char *s = cell_str(&r, i, &n);
			if (!n)
				continue;
			char *v;
			switch (cols.role[i]) {
			case COL_TYPE: {
				int k;
				kind = type_word(s, n, &k) ? k : KIND_UNKNOWN;
				break;
			}
			case COL_ACTOR:
				v = xstrndup(s, n);
				st.actor = graph_named_node(c->g, NODE_ACTOR, v, c->file);
				graph_node_at(c->g, st.actor)->flags |= NODE_F_DEFINED;
				alias_strong_identity(c->g, st.actor, v);
				free(v);
				break;
			case COL_FIRST:
				st.p.first = parse_date_cell(s, n);
				break;
			case COL_LAST:
				st.p.last = parse_date_cell(s, n);
				break;
			case COL_DATE:
				st.p.first = st.p.last = parse_date_cell(s, n);
				break;
			case COL_VALID_FROM:
				valid_from = parse_date_cell(s, n);
				break;
			case COL_VALID_UNTIL:
				valid_until = parse_date_cell(s, n);
				break;
			case COL_CONF:
				st.p.conf = conf_weakest(st.p.conf, conf_from_text(s, n));
				break;
			case COL_TO_IDS:
				if ((n == 1 && s[0] == '0') ||
				    (n == 5 && !strncasecmp(s, "false", 5)))
					st.p.conf = conf_weakest(st.p.conf, CONF_NOT_FOR_DETECTION);
				break;
			case COL_TLP:
				v = xstrndup(s, n);
				st.p.tlp = (uint8_t)tlp_parse(v);
				free(v);
				break;
			case COL_ID:
				v = xstrndup(s, n);
				st.p.obj = graph_intern(c->g, v);
				free(v);
				break;
			case COL_NOTE:
				note = s;
				note_n = n;
				break;
			default:
				break;
			}
		}
		/* when it was seen says more than when the indicator was valid */
		if (st.p.first == DATE_UNKNOWN && st.p.last == DATE_UNKNOWN) {
			st.p.first = valid_from;
			st.p.last = valid_until;
		}
		if (kind == KIND_SKIP) {
			c->objects++;
			c->skipped++;
			continue;
		}
		int quiet = kind == KIND_UNKNOWN;
		if (quiet)
			kind = -1;
		for (size_t i = 0; i < r.ncells && i < CSV_MAX_COLS; i++) {
			if (cols.role[i] != COL_VALUE && cols.role[i] != COL_KVALUE)
				continue;
			size_t n;
			const char *s = cell_str(&r, i, &n);
			if (!n)
				continue;
			c->objects++;
			st.line = r.cells[i].line;
			st.col = r.cells[i].col;
			if (kind == KIND_ACTOR && cols.role[i] == COL_VALUE) {
				char *v = xstrndup(s, n);
				st.report_actor = graph_named_node(c->g, NODE_ACTOR, v, c->file);
				graph_node_at(c->g, st.report_actor)->flags |= NODE_F_DEFINED;
				alias_strong_identity(c->g, st.report_actor, v);
				free(v);
				continue;
			}
			add_cell(&st, cols.role[i] == COL_KVALUE ? cols.kind[i] : kind, s, n,
				 quiet);
		}
		/* an unattributed file's notes may name its actor
		 * ("DigitalOcean IP address tied to UTA0178.") */
		if (note && st.actor == NODE_NONE && st.t.actor == NODE_NONE)
			ioc_target_note(&st.t, note, note_n);
	}
	strbuf_free(&obj);
	if (st.report_actor != NODE_NONE && st.t.actor == NODE_NONE) {
		struct prov p = prov_empty(c->file);
		uint32_t rep = ioc_target_report(&st.t);
		p.report = rep;
		graph_add_edge(c->g, rep, st.report_actor, REL_ATTRIBUTED_TO, &p, 0);
	}
	if (rc < 0)
		diag_add(c->d, c->file, DIAG_ERROR, D_SYNTAX, eline, ecol, NULL, "%s", err);
	ioc_target_finish(&st.t);
	ioc_target_free(&st.t);
	strbuf_free(&r.row);
	free(r.cells);
	textfile_free(&tf);
	return rc < 0 ? -1 : 0;
}
