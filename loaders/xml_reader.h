/* The one libxml2 wrapper: a streaming reader over a load context's file
 * that is safe on hostile input (each rule below answers an attack that
 * libxml2's defaults or a tempting option lets through: XXE, billion
 * laughs, network fetches):
 *   - options XML_PARSE_NONET | XML_PARSE_COMPACT only: never NOENT, DTDLOAD,
 *     DTDATTR, DTDVALID or XInclude; an external entity loader that refuses
 *     everything is installed while the reader lives;
 *   - any DOCTYPE or entity reference node stops the file as D_UNSAFE ("DTD/
 *     entity references are not accepted") before anything is expanded;
 *   - nesting deeper than --max-depth (default 256) and files over --max-size
 *     stop as D_LIMIT;
 *   - libxml2's errors become `path:line:col: error: message`.
 * Elements are matched by (namespace URI, local name), never by prefix;
 * QNames in attribute values (xsi:type, STIX ids) are resolved against the
 * namespaces in scope.
 *
 * The first xr_open() initialises libxml2 (xmlInitParser) for the process
 * and registers its cleanup at exit; nobody else calls either.
 *
 * Functions are prefixed xr_ because libxml2 owns the xml prefix.
 * Ownership: struct xr owns the libxml2 reader; strings returned by
 * xr_local/xr_ns/xr_value are borrowed until the next xr_next(); those
 * returned as char * are the caller's to free(). */
#ifndef XML_READER_H
#define XML_READER_H
#include <stdint.h>

#include "loaders/load.h"

struct xr;

enum xr_event { XR_START = 1, XR_END, XR_TEXT };

/* Opens a reader on c->fp (from its current position). Never NULL. */
struct xr *xr_open(struct load_ctx *c);
void xr_close(struct xr *x);
/* Advances to the next start tag, end tag or text. Returns 1, 0 at the end
 * of the document, -1 after an error (reported to c->d once). */
int xr_next(struct xr *x);
int xr_event(const struct xr *x);
int xr_depth(const struct xr *x);
/* True for a start tag that closes itself (<a/>): no XR_END follows. */
int xr_empty(const struct xr *x);
const char *xr_local(const struct xr *x);
const char *xr_ns(const struct xr *x); /* "" when none */
/* Current node is a start tag (ns, local); ns NULL matches any namespace. */
int xr_is(const struct xr *x, const char *ns, const char *local);
uint32_t xr_line(const struct xr *x);
uint32_t xr_col(const struct xr *x);
const char *xr_value(const struct xr *x); /* text of an XR_TEXT node */
/* Attribute of the current start tag (no namespace / in ns); NULL if absent. */
char *xr_attr(struct xr *x, const char *name);
char *xr_attr_ns(struct xr *x, const char *name, const char *ns);
/* The text inside the current start tag up to its end tag (child elements'
 * text included), trimmed, at most 1 MiB; leaves the reader on the end tag.
 * Returns "" (allocated) for an empty element; NULL after an error. */
char *xr_text(struct xr *x);
/* Skips the current element's subtree (the reader rests on its end). */
int xr_skip(struct xr *x);
/* Resolves "prefix:local" (or "local": default namespace) in scope. Returns
 * 0 with *ns (caller frees, "" when unbound) and *local (into qname). */
int xr_resolve(struct xr *x, const char *qname, char **ns, const char **local);
/* Nonzero once an error stopped the reader. */
int xr_failed(const struct xr *x);
#endif
