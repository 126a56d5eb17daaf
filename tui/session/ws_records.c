#include "tui/session/ws_records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/intern.h"
#include "graph/strbuf.h"
#include "graph/text.h"
#include "graph/xalloc.h"

enum { WS_VERSION = 1 };

/* Reads one record into the model; returns 0, or -1 with why it is not one. */
typedef int (*ws_reader)(const json_t *rec, struct annot *a, char *why, size_t n);

static int ws_read_verdict(const json_t *rec, struct annot *a, char *why, size_t n);
static int ws_read_note(const json_t *rec, struct annot *a, char *why, size_t n);
static int ws_read_alias(const json_t *rec, struct annot *a, char *why, size_t n);
static int ws_read_attrib(const json_t *rec, struct annot *a, char *why, size_t n);

static const struct ws_kind {
	const char *array, *idfield;
	ws_reader read;
} kinds[WS_RECORD_COUNT] = {
#define X(e, array, idfield, reader) [e] = {array, idfield, reader},
    WS_RECORDS(X)
#undef X
};

/* "when": absent, or seconds since 1970 */
static int when_of(const json_t *rec, time_t *when, char *why, size_t n)
{
	json_t *w = json_object_get(rec, "when");
	*when = 0;
	if (!w)
		return 0;
	if (!json_is_integer(w)) {
		snprintf(why, n, "\"when\" is not a whole number");
		return -1;
	}
	*when = (time_t)json_integer_value(w);
	return 0;
}

/* A string field no longer than max bytes: 0 with *out (NULL when absent
 * and optional), or -1 with why. */
static int str_field(const json_t *rec, const char *name, size_t max, int required,
		     const char **out, char *why, size_t n)
{
	json_t *v = json_object_get(rec, name);
	*out = NULL;
	if (!v && !required)
		return 0;
	if (!json_is_string(v)) {
		snprintf(why, n, "\"%s\" is %s", name, v ? "not a string" : "missing");
		return -1;
	}
	if (json_string_length(v) > max) {
		snprintf(why, n, "\"%s\" is longer than %zu bytes", name, max);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

static int ws_read_verdict(const json_t *rec, struct annot *a, char *why, size_t n)
{
	const char *pair = json_string_value(json_object_get(rec, "pair"));
	const char *val = json_string_value(json_object_get(rec, "verdict"));
	const char *author;
	time_t when;
	if (!pair || !val) {
		snprintf(why, n, "needs \"pair\" and \"verdict\" strings");
		return -1;
	}
	if (when_of(rec, &when, why, n) || str_field(rec, "author", WS_NAME_MAX, 0, &author, why, n))
		return -1;
	for (int k = VERDICT_UNREVIEWED; k <= VERDICT_DISMISSED; k++)
		if (strcmp(val, verdict_name(k)) == 0) {
			annot_set_verdict(a, pair, (enum verdict)k);
			for (size_t i = 0; i < a->nverdicts; i++)
				if (strcmp(a->verdicts[i].key, pair) == 0) {
					if (json_object_get(rec, "when"))
						a->verdicts[i].when = when;
					annot_set_author(&a->verdicts[i].author, author);
				}
			return 0;
		}
	snprintf(why, n, "unknown verdict (unreviewed, confirmed, dismissed)");
	return -1;
}

static int ws_read_note(const json_t *rec, struct annot *a, char *why, size_t n)
{
	const char *id = json_string_value(json_object_get(rec, "id"));
	const char *key = json_string_value(json_object_get(rec, "key"));
	const char *text = json_string_value(json_object_get(rec, "text"));
	const char *author;
	time_t when;
	if (!id || !key || !text) {
		snprintf(why, n, "needs \"key\" and \"text\" strings");
		return -1;
	}
	if (when_of(rec, &when, why, n) || str_field(rec, "author", WS_NAME_MAX, 0, &author, why, n))
		return -1;
	annot_set_author(&annot_put_note(a, id, key, text, when)->author, author);
	return 0;
}

static int ws_read_alias(const json_t *rec, struct annot *a, char *why, size_t n)
{
	const char *id, *na, *nb, *decision, *author;
	time_t when;
	if (str_field(rec, "id", WS_NAME_MAX * 2 + 16, 1, &id, why, n) ||
	    str_field(rec, "a", WS_NAME_MAX, 1, &na, why, n) ||
	    str_field(rec, "b", WS_NAME_MAX, 1, &nb, why, n) ||
	    str_field(rec, "decision", 16, 1, &decision, why, n) ||
	    str_field(rec, "author", WS_NAME_MAX, 0, &author, why, n) || when_of(rec, &when, why, n))
		return -1;
	int join = strcmp(decision, "same") == 0;
	if (!join && strcmp(decision, "different") != 0) {
		snprintf(why, n, "\"decision\" is neither \"same\" nor \"different\"");
		return -1;
	}
	json_t *undo = json_object_get(rec, "undo");
	if (undo && !json_is_boolean(undo)) {
		snprintf(why, n, "\"undo\" is not true or false");
		return -1;
	}
	if (!annot_put_alias(a, id, na, nb, join, json_is_true(undo), when, author)) {
		snprintf(why, n, "\"a\" and \"b\" are not two names");
		return -1;
	}
	return 0;
}

static int ws_read_attrib(const json_t *rec, struct annot *a, char *why, size_t n)
{
	const char *subject, *actor, *reason, *author;
	time_t when;
	if (str_field(rec, "subject", WS_NAME_MAX, 1, &subject, why, n) ||
	    str_field(rec, "actor", WS_NAME_MAX, 1, &actor, why, n) ||
	    str_field(rec, "reason", WS_TEXT_MAX, 0, &reason, why, n) ||
	    str_field(rec, "author", WS_NAME_MAX, 0, &author, why, n) || when_of(rec, &when, why, n))
		return -1;
	if (!*subject) {
		snprintf(why, n, "\"subject\" is empty");
		return -1;
	}
	annot_put_attrib(a, subject, actor, reason, when, author);
	return 0;
}

void ws_op_free(struct ws_op *op)
{
	free(op->id);
	json_decref(op->fields);
	memset(op, 0, sizeof(*op));
}

/* The record array of kind k in doc, made when missing and asked to. */
static json_t *array_of(json_t *doc, int k, int make)
{
	json_t *arr = json_object_get(doc, kinds[k].array);
	if (!json_is_array(arr) && make) {
		arr = json_array();
		json_object_set_new(doc, kinds[k].array, arr);
	}
	return json_is_array(arr) ? arr : NULL;
}

void ws_doc_apply(json_t *doc, const struct ws_op *op)
{
	const struct ws_kind *k = &kinds[op->record];
	json_t *arr = array_of(doc, op->record, !op->del);
	if (!arr)
		return;
	int found = 0;
	for (size_t i = json_array_size(arr); i-- > 0;) {
		json_t *rec = json_array_get(arr, i);
		const char *id = json_string_value(json_object_get(rec, k->idfield));
		if (!id || strcmp(id, op->id) != 0)
			continue;
		found = 1;
		if (op->del)
			json_array_remove(arr, i);
		else
			json_object_update(rec, op->fields);
	}
	if (!found && !op->del) {
		json_t *rec = json_object();
		json_object_set_new(rec, k->idfield, json_string(op->id));
		json_object_update(rec, op->fields);
		json_array_append_new(arr, rec);
	}
}

json_t *ws_doc_new(void)
{
	json_t *doc = json_object();
	json_object_set_new(doc, "agx_workspace", json_integer(WS_VERSION));
	for (int k = 0; k < WS_RECORD_COUNT; k++)
		json_object_set_new(doc, kinds[k].array, json_array());
	return doc;
}

static json_t *fail(char *err, size_t errlen, const char *path, int line, int col,
		    const char *msg, json_t *doc)
{
	if (line > 0)
		snprintf(err, errlen, "%s:%d:%d: error: %s", path, line, col, msg);
	else
		snprintf(err, errlen, "%s: error: %s", path, msg);
	json_decref(doc);
	return NULL;
}

/* Notes an older agx wrote have no id: one from their content, so every
 * session names them alike (a second note with the same content gets the
 * next number). */
static void give_note_ids(json_t *doc)
{
	json_t *arr = array_of(doc, WS_NOTES, 0);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; arr && i < json_array_size(arr); i++) {
		json_t *rec = json_array_get(arr, i);
		if (!json_is_object(rec) || json_object_get(rec, "id"))
			continue;
		strbuf_reset(&sb);
		const char *key = json_string_value(json_object_get(rec, "key"));
		const char *text = json_string_value(json_object_get(rec, "text"));
		strbuf_addf(&sb, "%s\x1f%s\x1f%lld", key ? key : "", text ? text : "",
			    json_integer_value(json_object_get(rec, "when")));
		uint64_t h = hash_bytes(sb.buf, sb.len);
		char id[40];
		for (unsigned dup = 0;; dup++) {
			snprintf(id, sizeof(id), "note--%016llx", (unsigned long long)(h + dup));
			int taken = 0;
			for (size_t j = 0; j < json_array_size(arr) && !taken; j++) {
				const char *o = json_string_value(
				    json_object_get(json_array_get(arr, j), "id"));
				taken = o && strcmp(o, id) == 0;
			}
			if (!taken)
				break;
		}
		json_object_set_new(rec, "id", json_string(id));
	}
	strbuf_free(&sb);
}

json_t *ws_doc_parse(const char *text, size_t len, const char *path, char *err, size_t errlen)
{
	json_error_t je;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	char m[400];
	if (!doc) {
		snprintf(m, sizeof(m),
			 "%s (not a workspace file; agx leaves it as it is: move it away or give "
			 "--workspace FILE)",
			 je.text);
		return fail(err, errlen, path, je.line, je.column, m, NULL);
	}
	if (!json_is_object(doc) || !json_is_integer(json_object_get(doc, "agx_workspace")))
		return fail(err, errlen, path, 0, 0,
			    "no \"agx_workspace\" version: not a workspace file (agx leaves it as "
			    "it is: move it away or give --workspace FILE)",
			    doc);
	if (json_integer_value(json_object_get(doc, "agx_workspace")) != WS_VERSION)
		return fail(err, errlen, path, 0, 0, "workspace version not supported (want 1)",
			    doc);
	give_note_ids(doc);
	/* every known record must read: a bad one is reported, not dropped on
	 * the next save */
	struct annot scratch;
	annot_init(&scratch);
	for (int k = 0; k < WS_RECORD_COUNT; k++) {
		json_t *arr = json_object_get(doc, kinds[k].array);
		if (arr && !json_is_array(arr)) {
			annot_free(&scratch);
			snprintf(m, sizeof(m), "/%s is not an array", kinds[k].array);
			return fail(err, errlen, path, 0, 0, m, doc);
		}
		size_t i;
		json_t *rec;
		json_array_foreach(arr, i, rec)
		{
			char why[160] = "not an object";
			if (!json_is_object(rec) || kinds[k].read(rec, &scratch, why, sizeof(why))) {
				annot_free(&scratch);
				snprintf(m, sizeof(m), "/%s/%zu: %s", kinds[k].array, i, why);
				return fail(err, errlen, path, 0, 0, m, doc);
			}
		}
	}
	annot_free(&scratch);
	return doc;
}

void ws_doc_to_model(const json_t *doc, struct annot *a)
{
	annot_free(a);
	annot_init(a);
	char why[160];
	for (int k = 0; k < WS_RECORD_COUNT; k++) {
		size_t i;
		json_t *rec;
		json_array_foreach(json_object_get(doc, kinds[k].array), i, rec)
		    kinds[k]
			.read(rec, a, why, sizeof(why));
	}
}

char *ws_doc_text(const json_t *doc)
{
	char *s = json_dumps(doc, JSON_INDENT(1));
	char *out = xasprintf("%s\n", s ? s : "{}");
	free(s);
	return out;
}
