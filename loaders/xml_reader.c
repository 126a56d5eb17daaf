#include "loaders/xml_reader.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "graph/strbuf.h"
#include "graph/xalloc.h"

enum { XR_MAX_TEXT = 1 << 20, XR_DEFAULT_DEPTH = 256 };

struct xr {
	struct load_ctx *c;
	xmlTextReaderPtr r;
	size_t read_bytes, max_bytes;
	int too_big, io_error;
	int event, failed;
	unsigned max_depth;
	/* the first error libxml2 reported */
	int have_err;
	unsigned ns_quirks; /* namespace errors passed by as quirks */
	uint32_t err_line, err_col;
	int err_code;
	char *err_msg;
	xmlExternalEntityLoader saved_loader;
	/* libxml2's generic (unstructured) error channel, which it otherwise
	 * prints to stderr: encoding and I/O errors arrive there */
	xmlGenericErrorFunc saved_generic;
	void *saved_generic_ctx;
	struct strbuf generic; /* the first such message */
	int generic_done;
	/* where "<!DOCTYPE" first appears in the bytes read: the reader hands
	 * the DOCTYPE node over only after reading far ahead of it */
	uint32_t lines_read, doctype_line;
	char tail[9];
	size_t tail_len;
};

static void scan_doctype(struct xr *x, const char *buf, size_t n)
{
	if (x->doctype_line)
		return;
	char joined[9 + 4096];
	size_t off = 0;
	while (off < n) {
		size_t chunk = n - off > 4096 ? 4096 : n - off;
		memcpy(joined, x->tail, x->tail_len);
		memcpy(joined + x->tail_len, buf + off, chunk);
		size_t jn = x->tail_len + chunk;
		uint32_t line = x->lines_read;
		for (size_t i = 0; i < jn; i++) {
			if (i >= x->tail_len && joined[i] == '\n')
				line++;
			if (jn - i >= 9 && !memcmp(joined + i, "<!DOCTYPE", 9)) {
				x->doctype_line = line + 1;
				return;
			}
		}
		x->lines_read = line;
		x->tail_len = jn < 8 ? jn : 8;
		memcpy(x->tail, joined + jn - x->tail_len, x->tail_len);
		off += chunk;
	}
}

static int read_cb(void *ctx, char *buf, int len)
{
	struct xr *x = ctx;
	if (len <= 0)
		return 0;
	size_t n = fread(buf, 1, (size_t)len, x->c->fp);
	if (n == 0 && ferror(x->c->fp)) {
		x->io_error = errno ? errno : EIO;
		return -1;
	}
	x->read_bytes += n;
	scan_doctype(x, buf, n);
	if (x->read_bytes > x->max_bytes) {
		x->too_big = 1;
		return -1;
	}
	return (int)n;
}

static int close_cb(void *ctx)
{
	(void)ctx;
	return 0;
}

static void error_cb(void *ctx, xmlErrorPtr e)
{
	struct xr *x = ctx;
	if (!e || e->level < XML_ERR_ERROR || x->have_err)
		return;
	if (e->domain == XML_FROM_NAMESPACE && e->level == XML_ERR_ERROR) {
		/* a namespace error leaves well-formed XML that the parser reads
		 * on (Citizen Lab's stix.xml declares "xmlns:=..."): the file
		 * loads, the analyst is told once what was ignored */
		if (x->ns_quirks++ == 0 && x->c && x->c->d) {
			const char *m = e->message ? e->message : "namespace error";
			int n = (int)strcspn(m, "\n");
			diag_add(x->c->d, x->c->file, DIAG_QUIRK, D_UNSUPPORTED,
				 e->line > 0 ? (uint32_t)e->line : 0,
				 e->int2 > 0 ? (uint32_t)e->int2 : 0, NULL,
				 "%.*s; the declaration is ignored", n, m);
		}
		return;
	}
	x->have_err = 1;
	x->err_code = e->code;
	x->err_line = e->line > 0 ? (uint32_t)e->line : 0;
	x->err_col = e->int2 > 0 ? (uint32_t)e->int2 : 0;
	if (!e->file && x->r) {
		/* inside entity text or a network error: our own position */
		x->err_line = (uint32_t)xmlTextReaderGetParserLineNumber(x->r);
		x->err_col = (uint32_t)xmlTextReaderGetParserColumnNumber(x->r);
	}
	const char *m = e->message ? e->message : "XML error";
	size_t n = strlen(m);
	while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
		n--;
	x->err_msg = xstrndup(m, n);
}

/* libxml2 writes some errors piecewise through this channel ("encoding
 * error : ", "input conversion failed ...\n"); keep the first line for
 * the diagnostic, print nothing. */
static void generic_cb(void *ctx, const char *fmt, ...)
{
	struct xr *x = ctx;
	if (x->generic_done || x->generic.len > 200)
		return;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&x->generic, fmt, ap);
	va_end(ap);
	char *nl = memchr(x->generic.buf, '\n', x->generic.len);
	if (nl) {
		strbuf_truncate(&x->generic, (size_t)(nl - x->generic.buf));
		x->generic_done = 1;
	}
}

/* Refuses every external entity, DTD and XInclude load. */
static xmlParserInputPtr deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* libxml2 is initialised once, before its first use, and cleaned up at exit
 * (its global state then shows as freed under valgrind). Not at every
 * xr_close: xmlCleanupParser is for the end of the process only. */
static pthread_once_t xr_once = PTHREAD_ONCE_INIT;

static void xr_init(void)
{
	xmlInitParser();
	atexit(xmlCleanupParser);
}

struct xr *xr_open(struct load_ctx *c)
{
	pthread_once(&xr_once, xr_init);
	struct xr *x = xcalloc(1, sizeof(*x));
	x->c = c;
	x->max_bytes =
	    c->opts && c->opts->max_file_bytes ? c->opts->max_file_bytes : (size_t)1 << 30;
	x->max_depth = c->opts && c->opts->max_depth ? c->opts->max_depth : XR_DEFAULT_DEPTH;
	x->saved_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(deny_loader);
	x->saved_generic = xmlGenericError;
	x->saved_generic_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(x, generic_cb);
	x->r = xmlReaderForIO(read_cb, close_cb, x, c->path, NULL,
			      XML_PARSE_NONET | XML_PARSE_COMPACT);
	if (!x->r) {
		diag_add(c->d, c->file, DIAG_ERROR, D_IO, 0, 0, NULL,
			 "cannot start the XML reader");
		x->failed = 1;
	} else {
		xmlTextReaderSetStructuredErrorHandler(x->r, error_cb, x);
	}
	return x;
}

void xr_close(struct xr *x)
{
	if (!x)
		return;
	if (x->r)
		xmlFreeTextReader(x->r);
	xmlSetExternalEntityLoader(x->saved_loader);
	xmlSetGenericErrorFunc(x->saved_generic_ctx, x->saved_generic);
	strbuf_free(&x->generic);
	free(x->err_msg);
	free(x);
}

uint32_t xr_line(const struct xr *x);
uint32_t xr_col(const struct xr *x);

static void fail(struct xr *x, enum diag_code code, uint32_t line, uint32_t col, const char *msg)
{
	if (x->failed)
		return;
	x->failed = 1;
	diag_add(x->c->d, x->c->file, DIAG_ERROR, code, line, col, NULL, "%s", msg);
}

static void fail_from_parser(struct xr *x)
{
	if (x->too_big) {
		char *m = xasprintf("over the %zu-byte limit (--max-size)", x->max_bytes);
		fail(x, D_LIMIT, 0, 0, m);
		free(m);
		return;
	}
	if (x->io_error) {
		fail(x, D_IO, 0, 0, strerror(x->io_error));
		return;
	}
	if (!x->have_err) {
		char *m = x->generic.len ? xasprintf("not well-formed XML: %s", x->generic.buf)
					 : xstrdup("not well-formed XML");
		fail(x, D_SYNTAX, (uint32_t)xmlTextReaderGetParserLineNumber(x->r),
		     (uint32_t)xmlTextReaderGetParserColumnNumber(x->r), m);
		free(m);
		return;
	}
	enum diag_code code = D_SYNTAX;
	const char *m = x->err_msg ? x->err_msg : "XML error";
	if (strstr(m, "xcessive depth")) {
		/* libxml2's own bound (256) met before ours; its message names a
		 * parser option the user cannot set */
		char *lim = xasprintf("nesting deeper than %d elements", XR_DEFAULT_DEPTH);
		fail(x, D_LIMIT, x->err_line, x->err_col, lim);
		free(lim);
		return;
	}
	if (strstr(m, "huge") || strstr(m, "too large"))
		code = D_LIMIT;
	else if (strstr(m, "ntity")) {
		code = D_UNSAFE;
		if (x->doctype_line) {
			fail(x, code, x->doctype_line, 1, "DTD/entity references are not accepted");
			return;
		}
	}
	fail(x, code, x->err_line, x->err_col, m);
}

int xr_next(struct xr *x)
{
	if (x->failed)
		return -1;
	for (;;) {
		int rc = xmlTextReaderRead(x->r);
		if (rc == 0) {
			if (x->have_err || x->too_big || x->io_error) {
				fail_from_parser(x);
				return -1;
			}
			return 0;
		}
		if (rc < 0) {
			fail_from_parser(x);
			return -1;
		}
		int t = xmlTextReaderNodeType(x->r);
		switch (t) {
		case XML_READER_TYPE_DOCUMENT_TYPE:
		case XML_READER_TYPE_ENTITY_REFERENCE:
		case XML_READER_TYPE_ENTITY:
		case XML_READER_TYPE_END_ENTITY:
		case XML_READER_TYPE_NOTATION:
			fail(x, D_UNSAFE, x->doctype_line ? x->doctype_line : xr_line(x), 1,
			     "DTD/entity references are not accepted");
			return -1;
		case XML_READER_TYPE_ELEMENT:
			if ((unsigned)xmlTextReaderDepth(x->r) >= x->max_depth) {
				/* the element's own line: the parser may have read on
				 * (its column is only the element's on the same line) */
				uint32_t line = xr_line(x);
				uint32_t col =
				    (uint32_t)xmlTextReaderGetParserLineNumber(x->r) == line
					? xr_col(x)
					: 1;
				char *m =
				    xasprintf("nesting deeper than %u elements", x->max_depth);
				fail(x, D_LIMIT, line, col ? col : 1, m);
				free(m);
				return -1;
			}
			x->event = XR_START;
			return 1;
		case XML_READER_TYPE_END_ELEMENT:
			x->event = XR_END;
			return 1;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			x->event = XR_TEXT;
			return 1;
		default:
			break; /* comments, PIs, ignorable whitespace */
		}
	}
}

int xr_event(const struct xr *x)
{
	return x->event;
}

int xr_depth(const struct xr *x)
{
	return xmlTextReaderDepth(x->r);
}

int xr_empty(const struct xr *x)
{
	return x->event == XR_START && xmlTextReaderIsEmptyElement(x->r) == 1;
}

const char *xr_local(const struct xr *x)
{
	const xmlChar *s = xmlTextReaderConstLocalName(x->r);
	return s ? (const char *)s : "";
}

const char *xr_ns(const struct xr *x)
{
	const xmlChar *s = xmlTextReaderConstNamespaceUri(x->r);
	return s ? (const char *)s : "";
}

int xr_is(const struct xr *x, const char *ns, const char *local)
{
	return x->event == XR_START && !strcmp(xr_local(x), local) &&
	       (!ns || !strcmp(xr_ns(x), ns));
}

uint32_t xr_line(const struct xr *x)
{
	/* the node's own line: the parser's position runs ahead of it */
	xmlNodePtr node = xmlTextReaderCurrentNode(x->r);
	long nl = node ? xmlGetLineNo(node) : -1;
	if (nl > 0)
		return (uint32_t)nl;
	int l = xmlTextReaderGetParserLineNumber(x->r);
	return l > 0 ? (uint32_t)l : 0;
}

uint32_t xr_col(const struct xr *x)
{
	int c = xmlTextReaderGetParserColumnNumber(x->r);
	return c > 0 ? (uint32_t)c : 0;
}

const char *xr_value(const struct xr *x)
{
	const xmlChar *s = xmlTextReaderConstValue(x->r);
	return s ? (const char *)s : "";
}

static char *own(xmlChar *s)
{
	if (!s)
		return NULL;
	char *r = xstrdup((const char *)s);
	xmlFree(s);
	return r;
}

char *xr_attr(struct xr *x, const char *name)
{
	return x->event == XR_START ? own(xmlTextReaderGetAttribute(x->r, BAD_CAST name)) : NULL;
}

char *xr_attr_ns(struct xr *x, const char *name, const char *ns)
{
	return x->event == XR_START
		   ? own(xmlTextReaderGetAttributeNs(x->r, BAD_CAST name, BAD_CAST ns))
		   : NULL;
}

char *xr_text(struct xr *x)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, "", 0);
	if (x->event != XR_START || xr_empty(x))
		return strbuf_detach(&sb);
	int depth = xr_depth(x);
	for (;;) {
		int rc = xr_next(x);
		if (rc <= 0) {
			strbuf_free(&sb);
			if (rc == 0)
				fail(x, D_SYNTAX, xr_line(x), 0, "unexpected end of document");
			return NULL;
		}
		if (x->event == XR_END && xr_depth(x) == depth)
			break;
		if (x->event == XR_TEXT && sb.len < XR_MAX_TEXT)
			strbuf_adds(&sb, xr_value(x));
	}
	/* trim */
	size_t a = 0, b = sb.len;
	while (a < b && strchr(" \t\r\n", sb.buf[a]))
		a++;
	while (b > a && strchr(" \t\r\n", sb.buf[b - 1]))
		b--;
	char *r = xstrndup(sb.buf + a, b - a);
	strbuf_free(&sb);
	return r;
}

int xr_skip(struct xr *x)
{
	if (x->event != XR_START || xr_empty(x))
		return 1;
	int depth = xr_depth(x);
	for (;;) {
		int rc = xr_next(x);
		if (rc <= 0)
			return rc;
		if (x->event == XR_END && xr_depth(x) == depth)
			return 1;
	}
}

int xr_resolve(struct xr *x, const char *qname, char **ns, const char **local)
{
	const char *colon = strchr(qname, ':');
	char *prefix = colon ? xstrndup(qname, (size_t)(colon - qname)) : NULL;
	xmlChar *uri = xmlTextReaderLookupNamespace(x->r, prefix ? BAD_CAST prefix : NULL);
	free(prefix);
	*local = colon ? colon + 1 : qname;
	*ns = uri ? own(uri) : xstrdup("");
	return 0;
}

int xr_failed(const struct xr *x)
{
	return x->failed;
}
