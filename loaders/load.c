#include "loaders/load.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "graph/infile.h"
#include "graph/inoset.h"
#include "graph/strbuf.h"
#include "graph/xalloc.h"
#include "loaders/pull_cache.h"

enum { HEAD_BYTES = 64 * 1024, MAX_DIR_DEPTH = 32 };

static const char *const format_names[] = {
#define X(e, name, fn, help) name,
    FORMATS(X)
#undef X
};

static loader_fn loader_of(int fmt)
{
	switch (fmt) {
#define X(e, name, fn, help) \
	case e:              \
		return fn;
		FORMATS(X)
#undef X
	default:
		return NULL;
	}
}

const char *format_name(int fmt)
{
	return fmt >= 0 && fmt < FMT_COUNT ? format_names[fmt] : "unknown";
}

int format_from_name(const char *name)
{
	for (int f = 0; f < FMT_COUNT; f++)
		if (strcasecmp(name, format_names[f]) == 0)
			return f;
	if (!strcasecmp(name, "tsv") || !strcasecmp(name, "txt"))
		return !strcasecmp(name, "tsv") ? FMT_CSV : FMT_IOCLIST;
	return FMT_UNKNOWN;
}

static int has(const char *head, size_t n, const char *needle)
{
	return memmem(head, n, needle, strlen(needle)) != NULL;
}

static const char *extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	return dot ? dot + 1 : "";
}

/* A MISP warninglist: {"name", "type": string|cidr|hostname|substring|regex,
 * "list": [...], "matching_attributes"...}, none of the keys data has. */
static int is_misp_warninglist(const char *h, size_t n)
{
	if (!has(h, n, "\"list\"") || has(h, n, "\"spec_version\"") || has(h, n, "\"Event\"") ||
	    has(h, n, "\"Attribute\"") || has(h, n, "\"values\"") || has(h, n, "\"objects\""))
		return 0;
	if (has(h, n, "\"matching_attributes\""))
		return 1;
	const char *t = memmem(h, n, "\"type\"", 6);
	if (!t)
		return 0;
	const char *p = t + 6, *end = h + n;
	while (p < end && (isspace((unsigned char)*p) || *p == ':'))
		p++;
	static const char *const types[] = {"\"string\"", "\"cidr\"", "\"hostname\"",
					    "\"substring\"", "\"regex\""};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if ((size_t)(end - p) >= strlen(types[i]) && !memcmp(p, types[i], strlen(types[i])))
			return 1;
	return 0;
}

static int detect_json(const char *h, size_t n)
{
	/* agx's own export: a bundle whose first object is the analyst */
	static const char opening[] = "{\n  \"type\": \"bundle\",";
	if (n > sizeof(opening) && !strncmp(h, opening, sizeof(opening) - 1) &&
	    has(h, n < 512 ? n : 512, "\"x_agx_judgement\": \"analyst\""))
		return FMT_JUDGEMENTS;
	if (is_misp_warninglist(h, n))
		return FMT_WARNINGLIST;
	if (has(h, n, "\"values\"") && (has(h, n, "\"authors\"") || has(h, n, "\"category\"")) &&
	    !has(h, n, "\"Event\""))
		return FMT_MISP_GALAXY;
	if (has(h, n, "\"Event\"") || has(h, n, "\"Attribute\"") || has(h, n, "\"response\"") ||
	    (has(h, n, "\"info\"") && has(h, n, "\"threat_level_id\"")))
		return FMT_MISP;
	if (has(h, n, "\"spec_version\"") || has(h, n, "\"bundle\"") || has(h, n, "--") ||
	    has(h, n, "\"pattern\""))
		return FMT_STIX2;
	if (has(h, n, "\"Object\"") || has(h, n, "\"uuid\""))
		return FMT_MISP;
	return FMT_STIX2;
}

/* The root element's local name: after the XML declaration, comments,
 * processing instructions and a DOCTYPE (which the XML loaders refuse, but
 * must see to refuse). */
static int root_is(const char *h, size_t n, const char *local)
{
	const char *p = h, *end = h + n;
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (!lt || lt + 1 >= end)
			return 0;
		if (lt[1] == '?' || lt[1] == '!') {
			const char *close = lt[1] == '!' && end - lt > 4 && !memcmp(lt, "<!--", 4)
						? memmem(lt, (size_t)(end - lt), "-->", 3)
						: memchr(lt, '>', (size_t)(end - lt));
			if (!close)
				return 0;
			p = close + 1;
			continue;
		}
		const char *name = lt + 1, *e = name;
		while (e < end && !isspace((unsigned char)*e) && *e != '>' && *e != '/')
			e++;
		const char *colon = memchr(name, ':', (size_t)(e - name));
		if (colon)
			name = colon + 1;
		return (size_t)(e - name) == strlen(local) && !memcmp(name, local, strlen(local));
	}
	return 0;
}

static int detect_xml(const char *h, size_t n)
{
	if (root_is(h, n, "STIX_Package") || root_is(h, n, "Package"))
		return FMT_STIX1;
	if (root_is(h, n, "ioc") || root_is(h, n, "OpenIOC"))
		return FMT_OPENIOC;
	if (has(h, n, "schemas.mandiant.com/2010/ioc") || has(h, n, "openioc.org/schemas") ||
	    has(h, n, "<ioc ") || has(h, n, "<OpenIOC"))
		return FMT_OPENIOC;
	if (has(h, n, "stix.mitre.org") || has(h, n, "STIX_Package") ||
	    has(h, n, "cybox.mitre.org"))
		return FMT_STIX1;
	return FMT_UNKNOWN;
}

/* agx's plain warninglist: its leading comments hold "# name:" and
 * "# match:" (graph/warnlist.h). */
static int is_plain_warninglist(const char *h, size_t n)
{
	int name = 0, match = 0;
	const char *p = h, *end = h + n;
	while (p < end && (*p == '#' || *p == '\n' || *p == '\r')) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		size_t len = (size_t)(e - p);
		name |= len > 7 && !memcmp(p, "# name:", 7);
		match |= len > 8 && !memcmp(p, "# match:", 8);
		if (!nl)
			break;
		p = nl + 1;
	}
	return name && match;
}

/* Plain text: a CSV header, a list of one indicator per line, or prose. */
static int detect_text(const char *h, size_t n, const char *ext)
{
	if (is_plain_warninglist(h, n))
		return FMT_WARNINGLIST;
	size_t lines = 0, single = 0, delimited = 0;
	const char *p = h, *end = h + n;
	while (p < end && lines < 200) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		while (p < e && isspace((unsigned char)*p))
			p++;
		size_t len = (size_t)(e - p);
		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		if (len && *p != '#') {
			lines++;
			if (!memchr(p, ' ', len) && !memchr(p, '\t', len) && !memchr(p, ',', len))
				single++;
			if (memchr(p, ',', len) || memchr(p, '\t', len) || memchr(p, ';', len))
				delimited++;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	if (!strcasecmp(ext, "csv") || !strcasecmp(ext, "tsv"))
		return FMT_CSV;
	/* documents: AsciiDoc/Markdown by name, or an AsciiDoc title line */
	if (!strcasecmp(ext, "adoc") || !strcasecmp(ext, "asciidoc") || !strcasecmp(ext, "md") ||
	    !strcasecmp(ext, "markdown") || !strcasecmp(ext, "rst") ||
	    (n > 2 && !memcmp(h, "= ", 2)))
		return FMT_TEXT;
	if (lines && single * 10 >= lines * 6)
		return FMT_IOCLIST;
	if (lines && delimited * 10 >= lines * 8)
		return FMT_CSV;
	return FMT_TEXT;
}

int format_detect(const char *head, size_t n, const char *path)
{
	const char *p = head, *end = head + n;
	if (n >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
	    (unsigned char)p[2] == 0xBF)
		p += 3;
	while (p < end && isspace((unsigned char)*p))
		p++;
	size_t rest = (size_t)(end - p);
	if (memchr(head, '\0', n))
		return FMT_UNKNOWN; /* binary */
	if (rest && (*p == '{' || *p == '['))
		return detect_json(p, rest);
	if (rest && *p == '<') {
		int f = detect_xml(p, rest);
		if (f != FMT_UNKNOWN)
			return f;
	}
	return detect_text(p, rest, extension(path));
}

/* Files that sit beside data in feeds and repositories but are not data:
 * skipped when a directory is walked (named on the command line, they load). */
static int is_sidecar(const char *name)
{
	static const char *const patterns[] = {
	    ".*",	  "LICENSE*", "LICENCE*",  "COPYING*",	"NOTICE*", "SHA256SUMS",
	    "*SUMS",	  "*.sha256", "SOURCE.md", "README.md", "README",  "README.txt",
	    "CHANGELOG*", "*.png",    "*.jpg",	   "*.gif",	"*.pdf",   "*.zip",
	    "*.gz",	  "*.py",     "*.sh",	   "*.yml",	"*.yaml",  "Makefile",
	};
	for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++)
		if (fnmatch(patterns[i], name, 0) == 0)
			return 1;
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int load_stream(struct graph *g, const char *path, FILE *fp, size_t size,
		       const struct load_opts *o, struct diag_list *d)
{
	char *head = xmalloc(HEAD_BYTES);
	size_t n = fread(head, 1, HEAD_BYTES, fp);
	int fmt = o->format ? format_from_name(o->format) : format_detect(head, n, path);
	/* binary content is refused by detection: say where it starts */
	uint32_t nul_line = 0, nul_col = 0;
	const char *nul = memchr(head, '\0', n);
	if (nul) {
		nul_line = 1;
		const char *bol = head;
		for (const char *p = head; p < nul; p++)
			if (*p == '\n')
				nul_line++, bol = p + 1;
		nul_col = (uint32_t)(nul - bol) + 1;
	}
	free(head);
	uint32_t file = graph_add_file(g, path, format_name(fmt));
	size_t errors_before = d->counts[DIAG_ERROR];
	if (o->format && fmt == FMT_UNKNOWN) {
		diag_add(d, file, DIAG_ERROR, D_FORMAT, 0, 0, NULL, "unknown format '%s'",
			 o->format);
		graph_file(g, file)->errors = 1;
		return -1;
	}
	if (fmt == FMT_UNKNOWN && nul) {
		diag_add(d, file, DIAG_ERROR, D_FORMAT, nul_line, nul_col, NULL,
			 "not a format agx reads (binary content: a NUL byte)");
		graph_file(g, file)->errors = 1;
		return -1;
	}
	if (fmt == FMT_UNKNOWN) {
		diag_add(d, file, DIAG_ERROR, D_FORMAT, 0, 0, NULL,
			 "not a format agx reads (binary or unrecognised content)");
		graph_file(g, file)->errors = 1;
		return -1;
	}
	loader_fn fn = loader_of(fmt);
	if (!fn) {
		diag_add(d, file, DIAG_ERROR, D_FORMAT, 0, 0, NULL,
			 "%s files are not supported by this build", format_name(fmt));
		graph_file(g, file)->errors = 1;
		return -1;
	}
	rewind(fp);
	struct load_ctx c = {g, file, path, fp, size, o, d, 0, 0};
	if (o->progress)
		o->progress(o->progress_ctx, &(struct load_step){path, size, 0, 0});
	double t0 = now_ms();
	int rc = fn(&c);
	if (o->progress)
		o->progress(o->progress_ctx, &(struct load_step){path, size, c.objects, 1});
	struct src_file *f = graph_file(g, file);
	f->load_ms = now_ms() - t0;
	f->objects = c.objects;
	f->skipped = c.skipped;
	f->errors = (uint32_t)(d->counts[DIAG_ERROR] - errors_before);
	if (load_cancelled(o)) {
		diag_add(d, file, DIAG_ERROR, D_IO, 0, 0, NULL,
			 "loading interrupted: the file was read in part");
		f->errors++;
	}
	if (rc != 0 && f->errors == 0) {
		diag_add(d, file, DIAG_ERROR, D_SYNTAX, 0, 0, NULL, "the file could not be loaded");
		f->errors = 1;
	}
	return f->errors ? -1 : 0;
}

/* A path that could not be read, or was refused, as a file of its own in
 * the file table (so `agx check` lists it) with one diagnostic. */
static int path_problem(struct graph *g, const char *path, const char *format,
			enum diag_level level, enum diag_code code, struct diag_list *d,
			const char *fmt, ...) __attribute__((format(printf, 7, 8)));
static int path_problem(struct graph *g, const char *path, const char *format,
			enum diag_level level, enum diag_code code, struct diag_list *d,
			const char *fmt, ...)
{
	uint32_t file = graph_add_file(g, path, format);
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, file, level, code, 0, 0, NULL, fmt, ap);
	va_end(ap);
	struct src_file *f = graph_file(g, file);
	if (level == DIAG_ERROR) {
		f->errors = 1;
		return -1;
	}
	if (level == DIAG_WARNING)
		f->objects = f->skipped = 1; /* one thing named, none loaded */
	return 0;
}

static int load_file(struct graph *g, const char *path, const struct load_opts *o,
		     struct diag_list *d)
{
	if (load_cancelled(o))
		return path_problem(g, path, "unknown", DIAG_ERROR, D_IO, d,
				    "not read: loading interrupted");
	struct infile in;
	char err[256];
	if (infile_open(&in, path, o->max_file_bytes, o->cancel, err, sizeof(err)) != 0)
		return path_problem(g, path, "unknown", DIAG_ERROR, in.code, d, "%s", err);
	int rc = load_stream(g, path, in.fp, in.size, o, d);
	infile_close(&in);
	return rc;
}

/* Directories already walked in one load_path call, by device and inode:
 * symbolic links that loop ("a -> .") or fan out ("a -> b", "c -> b" on
 * every level) would otherwise walk 2^MAX_DIR_DEPTH paths. */
static int load_dir(struct graph *g, const char *dir, const struct load_opts *o,
		    struct diag_list *d, int depth, struct inoset *seen)
{
	struct stat dst, lst;
	if (stat(dir, &dst) == 0 && inoset_add(seen, dst.st_dev, dst.st_ino))
		return path_problem(g, dir, "link", DIAG_QUIRK, D_NOTE, d,
				    "a symbolic link to a directory walked already (a loop or a "
				    "second path to it): not walked again");
	if (o->lists_dir && stat(o->lists_dir, &lst) == 0 && lst.st_dev == dst.st_dev &&
	    lst.st_ino == dst.st_ino) {
		uint32_t file = graph_add_file(g, dir, "warninglist");
		diag_add(d, file, DIAG_QUIRK, D_NOTE, 0, 0, NULL,
			 "agx's bundled warninglists, not data: they apply as warninglists "
			 "already and are never loaded as indicators");
		return 0;
	}
	/* a collection `agx pull` cached loads as one source */
	if (pull_cache_is(dir))
		return pull_cache_load(g, dir, o, d);
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort);
	if (n < 0)
		return path_problem(g, dir, "directory", DIAG_ERROR, D_IO, d,
				    "cannot read directory: %s", strerror(errno));
	int rc = 0;
	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		if (!is_sidecar(name) && !load_cancelled(o)) {
			size_t dl = strlen(dir);
			char *path =
			    xasprintf("%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
			struct stat st;
			if (stat(path, &st) != 0) {
				int e = errno;
				struct stat lst;
				int link = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
				if (link && e == ELOOP)
					path_problem(g, path, "link", DIAG_WARNING, D_IO, d,
						     "symbolic link loop: skipped");
				else if (link && e == ENOENT)
					path_problem(g, path, "link", DIAG_WARNING, D_IO, d,
						     "dangling symbolic link (its target does "
						     "not exist): skipped");
				else
					path_problem(g, path, "unknown", DIAG_WARNING, D_IO, d,
						     "cannot read: %s: skipped", strerror(e));
			} else if (S_ISDIR(st.st_mode)) {
				if (depth < MAX_DIR_DEPTH &&
				    load_dir(g, path, o, d, depth + 1, seen))
					rc = -1;
			} else if (S_ISREG(st.st_mode)) {
				if (load_file(g, path, o, d))
					rc = -1;
			} else {
				path_problem(g, path, "unknown", DIAG_WARNING, D_UNSAFE, d,
					     "%s: skipped (a walk reads regular files only)",
					     S_ISFIFO(st.st_mode)  ? "a FIFO (named pipe)"
					     : S_ISSOCK(st.st_mode) ? "a socket"
								    : "a device");
			}
			free(path);
		}
		free(list[i]);
	}
	free(list);
	if (load_cancelled(o))
		rc = -1;
	return rc;
}

int load_path(struct graph *g, const char *path, const struct load_opts *o, struct diag_list *d)
{
	static const struct load_opts defaults;
	if (!o)
		o = &defaults;
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return load_file(g, path, o, d);
	struct inoset seen = {0};
	int rc = load_dir(g, path, o, d, 0, &seen);
	inoset_free(&seen);
	if (load_cancelled(o))
		rc = path_problem(g, path, "directory", DIAG_ERROR, D_IO, d,
				  "loading interrupted: what was read before stays loaded");
	return rc;
}
