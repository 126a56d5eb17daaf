/* Loading a pulled collection (loaders/pull_cache.h).
 *
 * A TAXII server pages a collection by date added, so a relationship and
 * the indicator it names often sit in different pages; the STIX loader
 * resolves references within one file. The pages are therefore read in
 * order into one temporary JSON array, one object per line, which the STIX
 * loader reads as one source named after the collection's folder. A map
 * from that array's lines back to the pages puts every diagnostic at its
 * page, line and column. The analyst's own judgements among the objects
 * (what `agx push` sent) go to the workspace side, not into the graph. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "graph/strbuf.h"
#include "graph/xalloc.h"
#include "loaders/json_reader.h"
#include "loaders/judgement_read.h"
#include "loaders/pull_cache.h"

/* Where one line of the temporary array came from. */
struct origin {
	uint32_t page; /* index in the page list */
	uint32_t line, col, index;
	uint8_t container;
};

struct pages {
	char **path;
	uint32_t *file; /* graph file of each page, UINT32_MAX until a diagnostic needs it */
	size_t n;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void list_files(const char *dir, const char *pattern, struct pages *p)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort);
	size_t dl = strlen(dir);
	for (int i = 0; i < n; i++) {
		if (fnmatch(pattern, list[i]->d_name, 0) == 0) {
			p->path = xrealloc(p->path, (p->n + 1) * sizeof(*p->path));
			p->file = xrealloc(p->file, (p->n + 1) * sizeof(*p->file));
			p->path[p->n] = xasprintf(
			    "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", list[i]->d_name);
			p->file[p->n++] = UINT32_MAX;
		}
		free(list[i]);
	}
	if (n > 0)
		free(list);
}

static void pages_free(struct pages *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->path[i]);
	free(p->path);
	free(p->file);
}

static uint32_t page_file(struct graph *g, struct pages *p, uint32_t i)
{
	if (p->file[i] == UINT32_MAX)
		p->file[i] = graph_add_file(g, p->path[i], "stix2.1");
	return p->file[i];
}

/* Diagnostics from `from` on that name the collection's file move to the
 * page they are about: pass-1 ones (page == given) keep their position;
 * the STIX loader's (page < 0) are translated through the origin map. */
static void move_diags(struct graph *g, struct diag_list *d, size_t from, uint32_t file,
		       struct pages *p, long page, const struct origin *map, size_t nmap)
{
	for (size_t i = from; i < d->count; i++) {
		struct diag *di = &d->items[i];
		if (di->file != file)
			continue;
		if (page >= 0) {
			di->file = page_file(g, p, (uint32_t)page);
			continue;
		}
		/* line 1 is "[", object k is on line k + 2 */
		if (di->line < 2 || di->line - 2 >= nmap)
			continue;
		const struct origin *o = &map[di->line - 2];
		di->file = page_file(g, p, o->page);
		di->line = o->line;
		di->col = o->col;
		if (di->where && di->where[0] == '/') {
			/* "/12 (indicator--...)": the array index becomes the page's */
			const char *rest = di->where + 1 + strspn(di->where + 1, "0123456789");
			struct strbuf sb = STRBUF_INIT;
			struct jr_item it = {NULL, o->line, o->col, o->index, o->container};
			jr_pointer(&it, &sb);
			strbuf_adds(&sb, rest);
			free(di->where);
			di->where = strbuf_detach(&sb);
		}
	}
}

static int load_taxii(struct graph *g, const char *dir, const struct load_opts *o,
		      struct diag_list *d)
{
	struct pages p = {0};
	list_files(dir, "page-*.json", &p);
	uint32_t file = graph_add_file(g, dir, "stix2.1");
	size_t errors_before = d->counts[DIAG_ERROR];
	double t0 = now_ms();
	FILE *tmp = tmpfile();
	if (!tmp) {
		diag_add(d, file, DIAG_ERROR, D_IO, 0, 0, NULL, "cannot make a temporary file: %s",
			 strerror(errno));
		graph_file(g, file)->errors = 1;
		pages_free(&p);
		return -1;
	}
	struct origin *map = NULL;
	size_t nmap = 0, cap = 0;
	uint32_t judgements = 0, page_errors = 0;
	size_t max = o->max_file_bytes ? o->max_file_bytes : (size_t)1 << 30;
	fputs("[\n", tmp);
	for (size_t i = 0; i < p.n; i++) {
		size_t mark = d->count;
		struct stat st;
		FILE *fp = fopen(p.path[i], "rb");
		if (!fp || fstat(fileno(fp), &st) != 0 || (size_t)st.st_size > max) {
			if (fp) {
				diag_add(d, file, DIAG_ERROR, D_LIMIT, 0, 0, NULL,
					 "page over the %zu-byte limit (--max-size)", max);
				fclose(fp);
			} else {
				diag_add(d, file, DIAG_ERROR, D_IO, 0, 0, NULL, "cannot open: %s",
					 strerror(errno));
			}
			move_diags(g, d, mark, file, &p, (long)i, NULL, 0);
			page_errors++;
			continue;
		}
		struct load_ctx pc = {g, file, p.path[i], fp, (size_t)st.st_size, o, d, 0, 0};
		struct jr *r = jr_open(&pc, JR_STREAM);
		struct jr_item it;
		int rc;
		while ((rc = jr_next(r, &it)) == JR_ITEM) {
			if (judgement_read(it.value, o->judgements)) {
				judgements++;
			} else {
				char *s = json_dumps(it.value, JSON_COMPACT | JSON_ENCODE_ANY);
				if (s) {
					fprintf(tmp, "%s%s\n", nmap ? "," : "", s);
					free(s);
					XGROW(map, cap, nmap + 1);
					map[nmap++] = (struct origin){(uint32_t)i, it.line, it.col,
								      it.index, it.container};
				}
			}
			jr_release(r, it.value);
		}
		if (rc == JR_ERROR)
			page_errors++;
		jr_close(r);
		fclose(fp);
		move_diags(g, d, mark, file, &p, (long)i, NULL, 0);
	}
	fputs("]\n", tmp);
	long size = ftell(tmp);
	rewind(tmp);
	size_t mark = d->count;
	struct load_ctx c = {g, file, dir, tmp, size > 0 ? (size_t)size : 0, o, d, 0, 0};
	/* a collection with nothing in it yet loads as nothing, quietly */
	int rc = !nmap ? 0 : stix2_load(&c);
	fclose(tmp);
	move_diags(g, d, mark, file, &p, -1, map, nmap);
	struct src_file *f = graph_file(g, file);
	f->load_ms = now_ms() - t0;
	f->objects = c.objects + judgements;
	f->skipped = c.skipped;
	f->errors = (uint32_t)(d->counts[DIAG_ERROR] - errors_before);
	for (size_t i = 0; i < p.n; i++)
		if (p.file[i] != UINT32_MAX)
			for (size_t k = mark; k < d->count; k++)
				if (d->items[k].file == p.file[i] &&
				    d->items[k].level == DIAG_ERROR)
					graph_file(g, p.file[i])->errors = 1;
	if (judgements)
		diag_add(d, file, DIAG_QUIRK, D_NOTE, 0, 0, NULL,
			 "%u judgement object%s of agx (notes, verdicts) read as the analyst's, "
			 "not as evidence",
			 judgements, judgements == 1 ? "" : "s");
	free(map);
	pages_free(&p);
	return rc != 0 || page_errors || f->errors ? -1 : 0;
}

static int load_misp(struct graph *g, const char *dir, const struct load_opts *o,
		     struct diag_list *d)
{
	struct pages p = {0};
	list_files(dir, "event-*.json", &p);
	int rc = 0;
	for (size_t i = 0; i < p.n; i++)
		if (load_path(g, p.path[i], o, d))
			rc = -1;
	pages_free(&p);
	return rc;
}

int pull_cache_load(struct graph *g, const char *dir, const struct load_opts *o,
		    struct diag_list *d)
{
	struct pull_state st;
	char err[512];
	int kind = PULL_TAXII;
	if (pull_state_load(dir, PULL_TAXII, &st, err, sizeof(err)) != 0) {
		pull_state_free(&st);
		kind = PULL_MISP;
		if (pull_state_load(dir, PULL_MISP, &st, err, sizeof(err)) != 0) {
			uint32_t file = graph_add_file(g, dir, "unknown");
			diag_add(d, file, DIAG_ERROR, D_FORMAT, 0, 0, NULL, "%s", err);
			graph_file(g, file)->errors = 1;
			return -1;
		}
	}
	pull_state_free(&st);
	return kind == PULL_TAXII ? load_taxii(g, dir, o, d) : load_misp(g, dir, o, d);
}
