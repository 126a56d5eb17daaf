/* agx pull URL -o DIR: the team's TAXII 2.1 collections (or, with --misp,
 * a MISP's events) into the local cache (loaders/pull_cache.h), from the
 * checkpoint of the last pull on. Every page is on disk, and state.json
 * says so, before the next is asked for: a pull stopped at any point
 * resumes where it stopped. An error changes nothing already cached. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "graph/atomic.h"
#include "graph/jw.h"
#include "graph/strbuf.h"
#include "graph/text.h"
#include "graph/xalloc.h"
#include "loaders/http.h"
#include "loaders/misp_rest.h"
#include "loaders/pull_cache.h"
#include "loaders/taxii.h"
#include "tui/cmd/cli.h"
#include "tui/cmd/remote.h"
#include "tui/cmd/commands.h"

/* What one collection's pull did, for the summary. */
struct pulled {
	char *id, *title, *dir, *checkpoint;
	long pages;
	long long new_objects;
	int ok;
};

struct pull_run {
	struct cli *c;
	const char *server; /* the URL given */
	char *server_title;
	struct pulled *done;
	size_t ndone;
	int progress; /* stderr is a terminal */
	/* the collection being pulled */
	const char *dir;
	struct pull_state *st;
	struct pulled *cur;
	int made_dir;
};

static void now_utc(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void set(char **dst, const char *v)
{
	char *copy = v ? xstrdup(v) : NULL;
	free(*dst);
	*dst = copy;
}

/* Terminal text from the server: escaped. The caller frees it. */
static char *safe(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	text_escape_into(&sb, s ? s : "", 0);
	return strbuf_detach(&sb);
}

static void progress(struct pull_run *p)
{
	if (!p->progress)
		return;
	char *t = safe(p->cur->title ? p->cur->title : p->cur->id);
	fprintf(stderr, "\r\033[Kagx pull: %.50s: page %ld, %lld objects", t, p->cur->pages,
		p->cur->new_objects);
	fflush(stderr);
	free(t);
}

static void progress_end(struct pull_run *p)
{
	if (p->progress)
		fputs("\r\033[K", stderr);
}

static int ensure_dir(struct pull_run *p, char *err, size_t errlen)
{
	if (p->made_dir)
		return 0;
	if (pull_cache_mkdirs(p->dir, err, errlen))
		return -1;
	p->made_dir = 1;
	return 0;
}

static int on_page(void *ud, const struct taxii_page *pg, const struct taxii_cursor *cur, char *err,
		   size_t errlen)
{
	struct pull_run *p = ud;
	struct pull_state *st = p->st;
	if (ensure_dir(p, err, errlen))
		return -1;
	/* the page first, carrying its cursor; then the state that counts it */
	if (pull_cache_write_page(p->dir, st->pages + 1, pg->body, pg->len, pg->nobjects,
				  cur->added_after, cur->next, cur->next_after, err, errlen))
		return -1;
	st->pages++;
	st->objects += (long long)pg->nobjects;
	set(&st->checkpoint, cur->added_after);
	set(&st->next, cur->next);
	set(&st->next_after, cur->next_after);
	p->cur->pages++;
	p->cur->new_objects += (long long)pg->nobjects;
	progress(p);
	return pull_state_save(p->dir, st, err, errlen);
}

/* The API root's name in the cache: its last path segment ("root"). */
static char *root_name(const char *api_root)
{
	char *path = http_path(api_root);
	if (!path)
		return xstrdup("root");
	size_t n = strlen(path);
	while (n && path[n - 1] == '/')
		path[--n] = '\0';
	const char *slash = strrchr(path, '/');
	char *r = xstrdup(slash ? slash + 1 : path);
	free(path);
	return r;
}

static int pull_collection(struct pull_run *p, struct taxii *t, const struct taxii_collection *tc)
{
	struct cli *c = p->c;
	p->done = xrealloc(p->done, (p->ndone + 1) * sizeof(*p->done));
	struct pulled *r = &p->done[p->ndone++];
	memset(r, 0, sizeof(*r));
	r->id = xstrdup(tc->id);
	r->title = tc->title ? xstrdup(tc->title) : NULL;
	char *host = http_host(tc->url), *rn = root_name(tc->api_root);
	r->dir = pull_cache_dir(c->out, host ? host : "server", rn, tc->id);
	free(host);
	free(rn);
	char err[1024];
	struct pull_state st;
	if (pull_state_load(r->dir, PULL_TAXII, &st, err, sizeof(err))) {
		fprintf(stderr, "agx: %s\n", err);
		pull_state_free(&st);
		return -1;
	}
	if (st.id && strcmp(st.id, tc->id) != 0) {
		fprintf(stderr, "agx: %s holds collection %s, not %s; pull into another -o DIR\n",
			r->dir, st.id, tc->id);
		pull_state_free(&st);
		return -1;
	}
	p->made_dir = access(r->dir, F_OK) == 0;
	if (p->made_dir && pull_cache_recover(r->dir, &st) > 0 && !c->session.quiet)
		fprintf(stderr, "agx: %s: resuming after an interrupted pull\n", r->dir);
	set(&st.url, tc->url);
	set(&st.id, tc->id);
	set(&st.title, tc->title);
	set(&st.server_title, p->server_title);
	p->dir = r->dir;
	p->st = &st;
	p->cur = r;
	progress(p);
	struct taxii_cursor cur = {0};
	set(&cur.added_after, st.checkpoint);
	set(&cur.next, st.next);
	set(&cur.next_after, st.next_after);
	int rc = taxii_fetch(t, tc->url, c->limit, &cur, on_page, p, err, sizeof(err));
	progress_end(p);
	if (rc == 0) {
		char when[32];
		now_utc(when, sizeof(when));
		set(&st.updated, when);
		set(&st.next, NULL);
		set(&st.next_after, NULL);
		if (ensure_dir(p, err, sizeof(err)) ||
		    pull_state_save(r->dir, &st, err, sizeof(err)))
			rc = -1;
	}
	if (rc)
		fprintf(stderr, "agx: %s\n", err);
	r->checkpoint = st.checkpoint ? xstrdup(st.checkpoint) : NULL;
	r->ok = rc == 0;
	taxii_cursor_free(&cur);
	pull_state_free(&st);
	return rc;
}

static int wanted(const struct cli *c, const struct taxii_collection *tc)
{
	if (!c->ncollections)
		return tc->can_read;
	for (size_t i = 0; i < c->ncollections; i++)
		if (!strcmp(c->collections[i], tc->id) ||
		    (tc->title && !strcmp(c->collections[i], tc->title)))
			return 1;
	return 0;
}

static void summary(struct pull_run *p)
{
	struct cli *c = p->c;
	if (c->json) {
		struct strbuf sb = STRBUF_INIT;
		struct jw w;
		jw_init(&w, &sb, 1);
		jw_obj_begin(&w);
		jw_kstr(&w, "server", p->server);
		jw_key(&w, "title");
		jw_str(&w, p->server_title);
		jw_key(&w, "collections");
		jw_arr_begin(&w);
		for (size_t i = 0; i < p->ndone; i++) {
			const struct pulled *r = &p->done[i];
			jw_obj_begin(&w);
			jw_kstr(&w, "id", r->id);
			jw_key(&w, "title");
			jw_str(&w, r->title);
			jw_kstr(&w, "cache", r->dir);
			jw_kint(&w, "pages", r->pages);
			jw_kint(&w, "new_objects", r->new_objects);
			jw_key(&w, "checkpoint");
			jw_str(&w, r->checkpoint);
			jw_key(&w, "complete");
			jw_bool(&w, r->ok);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_obj_end(&w);
		strbuf_addc(&sb, '\n');
		fputs(strbuf_str(&sb), stdout);
		strbuf_free(&sb);
		return;
	}
	if (c->session.quiet)
		return;
	for (size_t i = 0; i < p->ndone; i++) {
		const struct pulled *r = &p->done[i];
		char *t = safe(r->title ? r->title : r->id), *d = safe(r->dir);
		char *cp = safe(r->checkpoint ? r->checkpoint : "none");
		printf("%s: %lld new object%s in %ld page%s%s, checkpoint %s -> %s\n", t,
		       r->new_objects, r->new_objects == 1 ? "" : "s", r->pages,
		       r->pages == 1 ? "" : "s", r->ok ? "" : " (incomplete)", cp, d);
		free(t);
		free(d);
		free(cp);
	}
}

static void run_free(struct pull_run *p)
{
	for (size_t i = 0; i < p->ndone; i++) {
		free(p->done[i].id);
		free(p->done[i].title);
		free(p->done[i].dir);
		free(p->done[i].checkpoint);
	}
	free(p->done);
	free(p->server_title);
}

static int pull_taxii(struct pull_run *p, struct http *h, const char *auth_used)
{
	struct cli *c = p->c;
	struct taxii t = {h, auth_used};
	struct taxii_server srv;
	char err[1024];
	if (taxii_collections(&t, p->server, &srv, err, sizeof(err))) {
		fprintf(stderr, "agx: %s\n", err);
		taxii_server_free(&srv);
		return EXIT_INPUT;
	}
	set(&p->server_title, srv.title);
	int rc = EXIT_OK;
	for (size_t i = 0; i < c->ncollections; i++) {
		int found = 0;
		for (size_t k = 0; k < srv.n; k++)
			found |= !strcmp(c->collections[i], srv.c[k].id) ||
				 (srv.c[k].title && !strcmp(c->collections[i], srv.c[k].title));
		if (!found) {
			char *s = safe(c->collections[i]);
			fprintf(stderr, "agx: %s: no collection '%s' (%zu listed)\n", p->server, s,
				srv.n);
			free(s);
			rc = EXIT_INPUT;
		}
	}
	size_t pulled = 0;
	for (size_t k = 0; k < srv.n && rc == EXIT_OK; k++) {
		const struct taxii_collection *tc = &srv.c[k];
		if (!wanted(c, tc))
			continue;
		if (!tc->can_read) {
			char *s = safe(tc->title ? tc->title : tc->id);
			fprintf(stderr, "agx: collection %s is not readable (can_read is false)\n",
				s);
			free(s);
			rc = EXIT_INPUT;
			continue;
		}
		pulled++;
		if (pull_collection(p, &t, tc))
			rc = EXIT_INPUT;
	}
	if (rc == EXIT_OK && !pulled) {
		fprintf(stderr, "agx: %s: no readable collection (%zu listed)\n", p->server, srv.n);
		rc = EXIT_INPUT;
	}
	taxii_server_free(&srv);
	return rc;
}

/* ---- MISP ---- */

struct misp_run {
	struct pull_run *p;
	struct pull_state *st;
	const char *from;
};

static int on_events(void *ud, long page, const struct misp_event *ev, size_t n, char *err,
		     size_t errlen)
{
	struct misp_run *m = ud;
	struct pull_run *p = m->p;
	struct pull_state *st = m->st;
	if (n && ensure_dir(p, err, errlen))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!*ev[i].uuid)
			continue;
		char *json = pull_cache_event_path(p->dir, ev[i].uuid);
		/* an event already held with the same timestamp is not new */
		FILE *old = fopen(json, "rb");
		int same = 0;
		if (old) {
			char head[8192];
			size_t k = fread(head, 1, sizeof(head) - 1, old);
			head[k] = '\0';
			fclose(old);
			/* any timestamp of the held event (its own is the newest) */
			char *q = xasprintf("\"timestamp\": \"%s\"", ev[i].timestamp);
			char *n = xasprintf("\"timestamp\": %s,", ev[i].timestamp);
			same = *ev[i].timestamp && (strstr(head, q) || strstr(head, n));
			free(q);
			free(n);
		}
		if (!same) {
			size_t len = strlen(ev[i].json);
			char *body = xasprintf("%s\n", ev[i].json);
			int rc = atomic_write(json, body, len + 1, ATOMIC_REGULAR_ONLY, err, errlen);
			free(body);
			if (rc) {
				free(json);
				return -1;
			}
			if (!old)
				st->objects++;
			p->cur->new_objects++;
		}
		free(json);
		if (!st->misp_max ||
		    strtoll(ev[i].timestamp, NULL, 10) > strtoll(st->misp_max, NULL, 10))
			set(&st->misp_max, ev[i].timestamp);
	}
	p->cur->pages++;
	st->misp_page = page + 1;
	set(&st->misp_from, m->from);
	progress(p);
	if (!p->made_dir)
		return 0;
	return pull_state_save(p->dir, st, err, errlen);
}

static int pull_misp(struct pull_run *p, struct http *h, const char *auth_used)
{
	struct cli *c = p->c;
	p->done = xcalloc(1, sizeof(*p->done));
	p->ndone = 1;
	struct pulled *r = &p->done[0];
	char *host = http_host(p->server);
	if (!host) {
		fprintf(stderr, "agx: '%s' is not an http(s) URL\n", p->server);
		return EXIT_USAGE;
	}
	r->id = xstrdup("misp");
	r->title = xasprintf("MISP %s", host);
	r->dir = pull_cache_dir(c->out, host, "misp", NULL);
	free(host);
	char err[1024];
	struct pull_state st;
	if (pull_state_load(r->dir, PULL_MISP, &st, err, sizeof(err))) {
		fprintf(stderr, "agx: %s\n", err);
		pull_state_free(&st);
		return EXIT_INPUT;
	}
	p->made_dir = access(r->dir, F_OK) == 0;
	set(&st.url, p->server);
	p->dir = r->dir;
	p->st = &st;
	p->cur = r;
	/* an unfinished run goes on from its page with its own start */
	long page = st.misp_page > 0 ? st.misp_page : 1;
	char *from = st.misp_page > 0 ? (st.misp_from ? xstrdup(st.misp_from) : NULL)
				      : (st.checkpoint ? xstrdup(st.checkpoint) : NULL);
	if (st.misp_page <= 0)
		set(&st.misp_max, NULL);
	struct misp_run m = {p, &st, from};
	progress(p);
	int rc = misp_rest_fetch(h, p->server, auth_used, c->limit, page, from, on_events, &m, err,
				 sizeof(err));
	progress_end(p);
	if (rc == 0) {
		char when[32];
		now_utc(when, sizeof(when));
		set(&st.updated, when);
		/* MISP's timestamp filter is inclusive: the newest event comes
		 * again next time and is recognised as held */
		if (st.misp_max)
			set(&st.checkpoint, st.misp_max);
		st.misp_page = 0;
		set(&st.misp_from, NULL);
		set(&st.misp_max, NULL);
		if (ensure_dir(p, err, sizeof(err)) ||
		    pull_state_save(r->dir, &st, err, sizeof(err)))
			rc = -1;
	}
	if (rc)
		fprintf(stderr, "agx: %s\n", err);
	r->checkpoint = st.checkpoint ? xstrdup(st.checkpoint) : NULL;
	r->ok = rc == 0;
	free(from);
	pull_state_free(&st);
	return rc ? EXIT_INPUT : EXIT_OK;
}

int cmd_pull(struct cli *c)
{
	if (cli_take_args(c, 1, c->misp ? "MISP_URL -o DIR" : "URL -o DIR"))
		return EXIT_USAGE;
	if (c->nargs != 1)
		return cli_usage_error("'pull' takes one URL, not %zu arguments", c->nargs);
	if (!c->out)
		return cli_usage_error("'pull' needs -o DIR, the cache folder");
	if ((c->cert == NULL) != (c->key == NULL))
		return cli_usage_error("--cert and --key go together");
	struct remote rem;
	int rc = remote_init(&rem, c, c->misp);
	if (rc) {
		remote_free(&rem);
		return rc;
	}
	char err[512];
	struct http *h = http_new(&rem.http, err, sizeof(err));
	if (!h) {
		fprintf(stderr, "agx: %s\n", err);
		remote_free(&rem);
		return EXIT_INPUT;
	}
	struct pull_run p;
	memset(&p, 0, sizeof(p));
	p.c = c;
	p.server = c->args[0];
	p.progress = isatty(STDERR_FILENO) && !c->session.quiet && !getenv("AGX_NO_PROGRESS");
	rc = c->misp ? pull_misp(&p, h, rem.auth_used) : pull_taxii(&p, h, rem.auth_used);
	if (rc != EXIT_USAGE)
		summary(&p);
	run_free(&p);
	http_free(h);
	remote_free(&rem);
	return rc;
}
