/* The libxml2 wrapper on its own (loaders/xml_reader.h), below the OpenIOC
 * and STIX 1 loaders: the events a document gives and their depths,
 * namespaces by URI (never by prefix), attributes, the text of an element,
 * skipping, QNames in attribute values, and what stops a file (DTDs, depth,
 * size, malformed XML) with its code, position and message. No test calls
 * xmlInitParser: the reader initialises libxml2 itself. */
#include "tests/testutil.h"
#include "tests/loadhelp.h"

#include "loaders/xml_reader.h"

struct doc {
	struct graph *g;
	struct diag_list d;
	struct load_opts o;
	struct load_ctx c;
	FILE *fp;
	struct xr *x;
};

static void doc_open(struct doc *s, const char *name, const char *text, size_t max_bytes,
		     unsigned max_depth)
{
	memset(s, 0, sizeof(*s));
	const char *path = lh_fixture(name, text);
	s->g = graph_new();
	diag_init(&s->d);
	s->o.max_file_bytes = max_bytes;
	s->o.max_depth = max_depth;
	s->fp = fopen(path, "rb");
	assert_non_null(s->fp);
	s->c.g = s->g;
	s->c.file = graph_add_file(s->g, path, "xml");
	s->c.path = path;
	s->c.fp = s->fp;
	s->c.opts = &s->o;
	s->c.d = &s->d;
	s->x = xr_open(&s->c);
	assert_non_null(s->x);
}

static void doc_close(struct doc *s)
{
	xr_close(s->x);
	fclose(s->fp);
	diag_free(&s->d);
	graph_free(s->g);
}

/* Next event: its kind, local name (or text), namespace and depth. */
static void expect(struct doc *s, int event, const char *what, const char *ns, int depth)
{
	assert_int_equal(xr_next(s->x), 1);
	assert_int_equal(xr_event(s->x), event);
	if (event == XR_TEXT) {
		assert_string_equal(xr_value(s->x), what);
	} else {
		assert_string_equal(xr_local(s->x), what);
		assert_string_equal(xr_ns(s->x), ns);
	}
	assert_int_equal(xr_depth(s->x), depth);
}

/* Line breaks inside comments, so that no blank text lies between tags. */
static const char EVENTS[] =
    "<?xml version=\"1.0\"?>\n"
    "<a xmlns=\"urn:x\" xmlns:p=\"urn:p\"><!--\n-->"
    "<p:b k=\"v\" p:k=\"w\">text <c/>more</p:b><!-- no --><?pi no?><!--\n-->"
    "<q:b xmlns:q=\"urn:p\"/> </a>\n";

/* Start, end and text events with depths; comments and processing
 * instructions give none; blank text between elements is text (no DTD says
 * it may be ignored); an empty element gives a start only. The two b
 * elements are the same (urn:p, b) under two prefixes. */
static void test_events(void **state)
{
	(void)state;
	struct doc s;
	doc_open(&s, "events.xml", EVENTS, 0, 0);
	expect(&s, XR_START, "a", "urn:x", 0);
	assert_int_equal(xr_line(s.x), 2);
	assert_false(xr_empty(s.x));
	expect(&s, XR_START, "b", "urn:p", 1);
	assert_int_equal(xr_line(s.x), 3);
	assert_true(xr_is(s.x, "urn:p", "b"));
	assert_true(xr_is(s.x, NULL, "b"));
	assert_false(xr_is(s.x, "urn:x", "b"));
	char *k = xr_attr(s.x, "k"), *pk = xr_attr_ns(s.x, "k", "urn:p");
	assert_string_equal(k, "v");
	assert_string_equal(pk, "w");
	assert_null(xr_attr(s.x, "absent"));
	free(k);
	free(pk);
	expect(&s, XR_TEXT, "text ", NULL, 2);
	expect(&s, XR_START, "c", "urn:x", 2);
	assert_true(xr_empty(s.x));
	expect(&s, XR_TEXT, "more", NULL, 2);
	expect(&s, XR_END, "b", "urn:p", 1);
	assert_false(xr_is(s.x, "urn:p", "b")); /* an end tag is no start */
	expect(&s, XR_START, "b", "urn:p", 1);
	assert_int_equal(xr_line(s.x), 4);
	assert_true(xr_empty(s.x));
	expect(&s, XR_TEXT, " ", NULL, 1);
	expect(&s, XR_END, "a", "urn:x", 0);
	assert_int_equal(xr_next(s.x), 0);
	assert_false(xr_failed(s.x));
	assert_int_equal(s.d.count, 0);
	doc_close(&s);
}

/* xr_text gathers the text of an element and its children, trimmed, and
 * leaves the reader on its end; xr_skip passes a subtree; xr_resolve reads
 * a QName in an attribute value against the namespaces in scope. */
static void test_text_skip_resolve(void **state)
{
	(void)state;
	struct doc s;
	doc_open(&s, "text.xml",
		 "<r xmlns:A=\"http://cybox.mitre.org/objects#AddressObject-2\">"
		 "<t>  hello <b>bold</b> world\n </t><n/>"
		 "<skip><deep><deeper>x</deeper></deep></skip>"
		 "<o xmlns:x=\"http://cybox.mitre.org/objects#AddressObject-2\" "
		 "type=\"x:AddressObjectType\" bare=\"Plain\" un=\"nope:T\"/></r>",
		 0, 0);
	expect(&s, XR_START, "r", "", 0);
	expect(&s, XR_START, "t", "", 1);
	char *t = xr_text(s.x);
	assert_string_equal(t, "hello bold world");
	free(t);
	assert_int_equal(xr_event(s.x), XR_END);
	assert_string_equal(xr_local(s.x), "t");
	expect(&s, XR_START, "n", "", 1);
	t = xr_text(s.x);
	assert_string_equal(t, "");
	free(t);
	expect(&s, XR_START, "skip", "", 1);
	assert_int_equal(xr_skip(s.x), 1);
	assert_int_equal(xr_event(s.x), XR_END);
	assert_string_equal(xr_local(s.x), "skip");
	expect(&s, XR_START, "o", "", 1);
	char *type = xr_attr(s.x, "type"), *ns;
	const char *local;
	assert_int_equal(xr_resolve(s.x, type, &ns, &local), 0);
	assert_string_equal(ns, "http://cybox.mitre.org/objects#AddressObject-2");
	assert_string_equal(local, "AddressObjectType");
	free(ns);
	assert_int_equal(xr_resolve(s.x, "Plain", &ns, &local), 0);
	assert_string_equal(ns, ""); /* no default namespace in scope */
	assert_string_equal(local, "Plain");
	free(ns);
	assert_int_equal(xr_resolve(s.x, "nope:T", &ns, &local), 0);
	assert_string_equal(ns, ""); /* an unbound prefix */
	free(ns);
	free(type);
	expect(&s, XR_END, "r", "", 0);
	assert_int_equal(xr_next(s.x), 0);
	doc_close(&s);
}

/* The first diagnostic, as agx prints it. */
static const char *first(struct doc *s)
{
	static char buf[1024];
	assert_true(s->d.count > 0);
	char *f = diag_format(&s->d.items[0], "doc");
	snprintf(buf, sizeof(buf), "%s", f);
	free(f);
	return buf;
}

/* Runs the reader to its end; returns what xr_next returned last. */
static int drain(struct doc *s)
{
	int rc;
	while ((rc = xr_next(s->x)) == 1)
		;
	return rc;
}

/* A namespace error is not a stop: Citizen Lab's stix.xml files declare
 * xmlns:="..." (a prefix that is empty), which libxml2 reports as an error
 * and then reads past. The document's elements all arrive, bound by URI as
 * ever, and one quirk (not an error) says at its line what was ignored. */
static void test_namespace_error_is_a_quirk(void **state)
{
	(void)state;
	struct doc s;
	doc_open(&s, "ns.xml",
		 "<?xml version=\"1.0\"?>\n<a xmlns=\"urn:x\"\n xmlns:=\"https://example.org\"\n"
		 " xmlns:p=\"urn:p\"><p:b/><c/></a>\n",
		 0, 0);
	expect(&s, XR_START, "a", "urn:x", 0);
	expect(&s, XR_START, "b", "urn:p", 1);
	expect(&s, XR_START, "c", "urn:x", 1);
	assert_int_equal(drain(&s), 0);
	assert_false(xr_failed(s.x));
	assert_int_equal(s.d.count, 1);
	assert_int_equal(s.d.items[0].level, DIAG_QUIRK);
	assert_string_equal(first(&s),
			    "doc:3:8: note: Failed to parse QName 'xmlns:'; the declaration is ignored");
	doc_close(&s);
}

/* What stops a file, each once, with its code and position: a DTD (at the
 * DOCTYPE's line, before any entity is expanded), nesting deeper than
 * --max-depth, more bytes than --max-size, malformed XML. After a stop
 * every xr_next says -1. */
static void test_stops(void **state)
{
	(void)state;
	struct doc s;
	doc_open(&s, "dtd.xml",
		 "<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n<!ENTITY e SYSTEM \"secret.txt\">\n]>\n"
		 "<r>&e;</r>\n",
		 0, 0);
	assert_int_equal(drain(&s), -1);
	assert_true(xr_failed(s.x));
	assert_int_equal(xr_next(s.x), -1);
	assert_int_equal(s.d.count, 1);
	assert_int_equal(s.d.items[0].code, D_UNSAFE);
	assert_string_equal(first(&s), "doc:2:1: error: DTD/entity references are not accepted");
	doc_close(&s);

	doc_open(&s, "deep.xml", "<a><!--\n--><b><!--\n--><c><!--\n--><d><e/></d></c></b></a>\n", 0,
		 3);
	expect(&s, XR_START, "a", "", 0);
	expect(&s, XR_START, "b", "", 1);
	expect(&s, XR_START, "c", "", 2);
	assert_int_equal(xr_next(s.x), -1);
	assert_int_equal(s.d.count, 1);
	assert_int_equal(s.d.items[0].code, D_LIMIT);
	/* <d>'s own line; the parser has read on to line 5 (the line this
	 * error carried until this suite), so no column is known */
	assert_string_equal(first(&s), "doc:4:1: error: nesting deeper than 3 elements");
	doc_close(&s);

	char big[5000];
	strcpy(big, "<a>");
	for (int i = 0; i < 400; i++)
		strcat(big, "<b>x</b>\n");
	strcat(big, "</a>");
	doc_open(&s, "big.xml", big, 1000, 0);
	assert_int_equal(drain(&s), -1);
	assert_int_equal(s.d.count, 1);
	assert_int_equal(s.d.items[0].code, D_LIMIT);
	assert_string_equal(first(&s), "doc: error: over the 1000-byte limit (--max-size)");
	doc_close(&s);

	doc_open(&s, "bad.xml", "<a>\n  <b></a>\n", 0, 0);
	assert_int_equal(drain(&s), -1);
	assert_int_equal(s.d.count, 1);
	assert_int_equal(s.d.items[0].code, D_SYNTAX);
	assert_int_equal(s.d.items[0].line, 2);
	assert_true(s.d.items[0].col > 0);
	assert_non_null(
	    strstr(s.d.items[0].msg, "Opening and ending tag mismatch: b line 2 and a"));
	doc_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_events),
	    cmocka_unit_test(test_text_skip_resolve),
	    cmocka_unit_test(test_namespace_error_is_a_quirk),
	    cmocka_unit_test(test_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
