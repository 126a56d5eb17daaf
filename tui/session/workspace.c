#include "tui/session/workspace.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "graph/atomic.h"
#include "graph/infile.h"
#include "graph/strbuf.h"
#include "graph/text.h"
#include "graph/xalloc.h"
#include "loaders/judgement_read.h"
#include "tui/session/session.h"
#include "tui/session/ws_records.h"

#define WORKSPACE_NAME ".agx-workspace.json"

static int dir_writable(const char *dir)
{
	struct stat st;
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && access(dir, W_OK | X_OK) == 0;
}

/* ~/.local/share/agx (or $XDG_DATA_HOME/agx), created when missing. */
static char *user_dir(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *base;
	if (xdg && *xdg == '/')
		base = xstrdup(xdg);
	else if (home && *home)
		base = xasprintf("%s/.local/share", home);
	else
		return NULL;
	char *dir = xasprintf("%s/agx", base);
	/* mkdir -p of the two levels we may have to make */
	char *share = xstrdup(base);
	char *slash = strrchr(share, '/');
	if (slash && slash != share) {
		*slash = '\0';
		mkdir(share, 0700);
	}
	mkdir(base, 0700);
	mkdir(dir, 0700);
	free(share);
	free(base);
	return dir;
}

char *workspace_path(const struct session *s)
{
	if (s->workspace)
		return xstrdup(s->workspace);
	/* beside the first input: the directory itself, or the file's */
	const char *in = s->ninputs ? s->inputs[0] : NULL;
	char *dir = NULL;
	if (in && strcmp(in, "-") != 0) {
		struct stat st;
		if (stat(in, &st) == 0 && S_ISDIR(st.st_mode)) {
			dir = xstrdup(in);
		} else {
			const char *slash = strrchr(in, '/');
			dir = slash ? xstrndup(in, (size_t)(slash - in + (slash == in)))
				    : xstrdup(".");
		}
	}
	if (dir && dir_writable(dir)) {
		size_t n = strlen(dir);
		char *p =
		    xasprintf("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", WORKSPACE_NAME);
		free(dir);
		return p;
	}
	free(dir);
	char *ud = user_dir();
	if (!ud)
		return NULL;
	char *p = xasprintf("%s/workspace.json", ud);
	free(ud);
	return p;
}

/* What the file is now: 0 when it exists (st filled), else -1. */
static int stamp_now(const char *path, struct stat *st)
{
	return stat(path, st);
}

static int same_stamp(const struct workspace *w, const struct stat *st)
{
	return w->dev == st->st_dev && w->ino == st->st_ino && w->size == st->st_size &&
	       w->mtime.tv_sec == st->st_mtim.tv_sec && w->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

static void keep_stamp(struct workspace *w, const struct stat *st)
{
	if (!st) {
		w->dev = 0, w->ino = 0, w->size = -1;
		w->mtime.tv_sec = w->mtime.tv_nsec = 0;
		return;
	}
	w->dev = st->st_dev;
	w->ino = st->st_ino;
	w->size = st->st_size;
	w->mtime = st->st_mtim;
}

/* Reads the file into a document: a missing file gives a new one (*exists
 * 0). Returns NULL with an error in err when it cannot be read as a
 * workspace. */
static json_t *read_doc(const char *path, size_t max, struct stat *st, int *exists, char *err,
			size_t errlen)
{
	*exists = 0;
	if (stamp_now(path, st) != 0) {
		if (errno == ENOENT)
			return ws_doc_new();
		snprintf(err, errlen, "%s: error: %s", path, strerror(errno));
		return NULL;
	}
	*exists = 1;
	if (!S_ISREG(st->st_mode)) {
		snprintf(err, errlen, "%s: error: not a regular file: not a workspace", path);
		return NULL;
	}
	struct infile in;
	char why[256];
	if (infile_open(&in, path, max, NULL, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "%s: error: %s", path,
			 in.code == D_LIMIT ? "larger than the workspace limit (64 MiB or "
					      "--max-size): not a workspace"
					    : why);
		return NULL;
	}
	char *text = xmalloc(in.size + 1);
	size_t n = fread(text, 1, in.size, in.fp);
	infile_close(&in);
	json_t *doc = ws_doc_parse(text, n, path, err, errlen);
	free(text);
	return doc;
}

/* An exclusive lock on PATH.lock (beside the real file, whatever link led
 * there), waited for a few seconds at most: saves hold it for
 * milliseconds. Returns the descriptor, or -1 with a message. */
static int lock_workspace(const char *path, char *err, size_t errlen)
{
	char *target = atomic_target(path, err, errlen);
	if (!target)
		return -1;
	char *lp = xasprintf("%s.lock", target);
	free(target);
	/* read-only is enough for flock, and lets analysts sharing a folder
	 * use one lock file whoever made it */
	int fd = open(lp, O_RDONLY | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		snprintf(err, errlen, "workspace not saved: cannot create the lock %s: %s", lp,
			 strerror(errno));
		free(lp);
		return -1;
	}
	for (int i = 0; i < 100; i++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			free(lp);
			return fd;
		}
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;
		struct timespec ts = {0, 50 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	snprintf(err, errlen, "workspace not saved: %s is held by another session (5 s)", lp);
	close(fd);
	free(lp);
	return -1;
}

/* The model from the file and this session's changes, with the judgements
 * met in the inputs where the workspace has no word (never written: they
 * belong to their source). */
static void to_model(const struct workspace *w, const json_t *doc, struct annot *a)
{
	ws_doc_to_model(doc, a);
	if (w->found)
		judgement_merge(a, w->found);
}

static void replay(const struct workspace *w, json_t *doc)
{
	for (size_t i = 0; i < w->nops; i++)
		ws_doc_apply(doc, &w->ops[i]);
}

static void clear_ops(struct workspace *w)
{
	for (size_t i = 0; i < w->nops; i++)
		ws_op_free(&w->ops[i]);
	w->nops = 0;
}

int workspace_open(struct workspace *w, const char *path, size_t max, struct annot *a, char *err,
		   size_t errlen)
{
	memset(w, 0, sizeof(*w));
	keep_stamp(w, NULL);
	w->max_bytes = max && max < WORKSPACE_MAX_BYTES ? max : WORKSPACE_MAX_BYTES;
	if (!path)
		return 0;
	w->path = xstrdup(path);
	struct stat st;
	int exists;
	json_t *doc = read_doc(path, w->max_bytes, &st, &exists, err, errlen);
	if (!doc)
		return -1;
	to_model(w, doc, a);
	json_decref(doc);
	if (exists)
		keep_stamp(w, &st);
	char *target = atomic_target(path, NULL, 0);
	char *slash = target ? strrchr(target, '/') : NULL;
	char *dir = !target ? NULL : slash ? xstrndup(target, (size_t)(slash - target + (slash == target))) : xstrdup(".");
	w->read_only = !target || atomic_read_only(path) || access(dir, W_OK | X_OK) != 0;
	if (!w->read_only)
		w->stale_removed = atomic_clean_stale(path);
	free(dir);
	free(target);
	return 0;
}

void workspace_close(struct workspace *w)
{
	clear_ops(w);
	free(w->ops);
	free(w->path);
	memset(w, 0, sizeof(*w));
}

static struct ws_op *new_op(struct workspace *w, int record, int del, const char *id)
{
	XGROW(w->ops, w->ops_cap, w->nops + 1);
	struct ws_op *op = &w->ops[w->nops++];
	memset(op, 0, sizeof(*op));
	op->record = (unsigned char)record;
	op->del = (unsigned char)del;
	op->id = xstrdup(id);
	op->fields = del ? NULL : json_object();
	return op;
}

/* A JSON string of s; bytes that are not UTF-8 become U+FFFD (jansson
 * takes valid UTF-8 only). */
static json_t *jstr(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, n - i, &cp);
		if (k)
			strbuf_add(&sb, s + i, k);
		else
			strbuf_adds(&sb, "\xef\xbf\xbd");
		i += k ? k : 1;
	}
	j = json_string(strbuf_str(&sb));
	strbuf_free(&sb);
	return j ? j : json_string("");
}

/* Who made a change, and when, on every record this session writes. */
static void stamp_op(const struct workspace *w, struct ws_op *op, time_t when)
{
	json_object_set_new(op->fields, "when", json_integer((json_int_t)when));
	if (w->author && *w->author)
		json_object_set_new(op->fields, "author", jstr(w->author));
}

void workspace_set_verdict(struct workspace *w, struct annot *a, const char *pair_key,
			   enum verdict v)
{
	annot_set_verdict(a, pair_key, v);
	const struct annot_verdict *rec = annot_verdict_find(a, pair_key);
	annot_set_author(&((struct annot_verdict *)rec)->author, w->author);
	struct ws_op *op = new_op(w, WS_VERDICTS, 0, pair_key);
	json_object_set_new(op->fields, "verdict", json_string(verdict_name(v)));
	stamp_op(w, op, rec->when);
}

static void put_note(struct workspace *w, struct annot_note *n)
{
	annot_set_author(&n->author, w->author);
	struct ws_op *op = new_op(w, WS_NOTES, 0, n->id);
	/* the whole note: an edit of a note another session deleted brings it
	 * back whole */
	json_object_set_new(op->fields, "key", jstr(n->key));
	json_object_set_new(op->fields, "text", jstr(n->text));
	stamp_op(w, op, n->when);
}

const char *workspace_add_note(struct workspace *w, struct annot *a, const char *key,
			       const char *text)
{
	struct annot_note *n = annot_add_note(a, key, text);
	put_note(w, n);
	return n->id;
}

int workspace_edit_note(struct workspace *w, struct annot *a, const char *id, const char *text)
{
	struct annot_note *n = annot_find_note(a, id);
	if (!n)
		return -1;
	annot_put_note(a, id, n->key, text, time(NULL));
	put_note(w, annot_find_note(a, id));
	return 0;
}

const char *workspace_decide_alias(struct workspace *w, struct annot *a, const char *na,
				   const char *nb, int join, int undo)
{
	struct annot_alias *d = annot_put_alias(a, NULL, na, nb, join, undo, time(NULL), w->author);
	if (!d)
		return NULL;
	struct ws_op *op = new_op(w, WS_ALIASES, 0, d->id);
	json_object_set_new(op->fields, "a", jstr(d->a));
	json_object_set_new(op->fields, "b", jstr(d->b));
	json_object_set_new(op->fields, "decision", json_string(join ? "same" : "different"));
	json_object_set_new(op->fields, "undo", json_boolean(d->undo));
	stamp_op(w, op, d->when);
	return d->id;
}

int workspace_forget_alias(struct workspace *w, struct annot *a, const char *id)
{
	char *copy = xstrdup(id); /* id may be the record's own, freed below */
	int rc = annot_delete_alias(a, copy);
	if (rc == 0)
		new_op(w, WS_ALIASES, 1, copy);
	free(copy);
	return rc;
}

void workspace_attribute(struct workspace *w, struct annot *a, const char *subject,
			 const char *actor, const char *note)
{
	struct annot_attrib *d = annot_put_attrib(a, subject, actor, note, time(NULL), w->author);
	struct ws_op *op = new_op(w, WS_ATTRIBS, 0, d->subject);
	json_object_set_new(op->fields, "actor", jstr(d->actor));
	json_object_set_new(op->fields, "reason", jstr(d->note));
	stamp_op(w, op, d->when);
}

int workspace_forget_attrib(struct workspace *w, struct annot *a, const char *subject)
{
	char *copy = xstrdup(subject);
	int rc = annot_delete_attrib(a, copy);
	if (rc == 0)
		new_op(w, WS_ATTRIBS, 1, copy);
	free(copy);
	return rc;
}

int workspace_delete_note(struct workspace *w, struct annot *a, const char *id)
{
	char *copy = xstrdup(id);
	int rc = annot_delete_note(a, copy);
	if (rc == 0)
		new_op(w, WS_NOTES, 1, copy);
	free(copy);
	return rc;
}

int workspace_save(struct workspace *w, struct annot *a, char *err, size_t errlen)
{
	if (!w->path)
		return 0;
	if (w->read_only) {
		snprintf(err, errlen,
			 "workspace %s is read-only: this session's verdicts and notes are not "
			 "saved",
			 w->path);
		return -1;
	}
	int lock = lock_workspace(w->path, err, errlen);
	if (lock < 0)
		return -1;
	struct stat st;
	int exists;
	char rerr[1024];
	json_t *doc = read_doc(w->path, w->max_bytes, &st, &exists, rerr, sizeof(rerr));
	if (!doc) {
		close(lock);
		snprintf(err, errlen, "workspace not saved: %s", rerr);
		return -1;
	}
	int others = exists ? !same_stamp(w, &st) : w->size >= 0;
	replay(w, doc);
	char *text = ws_doc_text(doc);
	char aerr[512];
	int rc = atomic_write(w->path, text, strlen(text), ATOMIC_REGULAR_ONLY, aerr, sizeof(aerr));
	free(text);
	if (rc == 0) {
		clear_ops(w);
		to_model(w, doc, a);
		if (stamp_now(w->path, &st) == 0)
			keep_stamp(w, &st);
		if (others)
			w->others++;
	} else {
		snprintf(err, errlen, "workspace not saved: %s", aerr);
	}
	json_decref(doc);
	close(lock); /* releases the lock */
	return rc ? -1 : others;
}

int workspace_refresh(struct workspace *w, struct annot *a)
{
	if (!w->path)
		return 0;
	struct stat st;
	int now = stamp_now(w->path, &st) == 0;
	if (now ? same_stamp(w, &st) : w->size < 0)
		return 0;
	int exists;
	char err[1024];
	json_t *doc = read_doc(w->path, w->max_bytes, &st, &exists, err, sizeof(err));
	if (!doc)
		return 0; /* unreadable for now (being replaced?): keep what is shown */
	replay(w, doc);
	to_model(w, doc, a);
	json_decref(doc);
	keep_stamp(w, exists ? &st : NULL);
	w->others++;
	return 1;
}

int workspace_load(const char *path, struct annot *a, char *err, size_t errlen)
{
	struct stat st;
	int exists;
	json_t *doc = read_doc(path, WORKSPACE_MAX_BYTES, &st, &exists, err, errlen);
	if (!doc)
		return -1;
	ws_doc_to_model(doc, a);
	json_decref(doc);
	return 0;
}

void workspace_load_quiet(const struct session *s, struct annot *a)
{
	char *path = workspace_path(s);
	char err[1024];
	if (path && workspace_load(path, a, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\nagx: going on without the workspace's verdicts and notes\n",
			err);
		annot_free(a);
		annot_init(a);
	}
	free(path);
	judgement_merge(a, &s->judgements);
}
