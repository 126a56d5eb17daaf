/* agx brief -o DIR (--pair A,B | --unit A) [FILE...]: a briefing pack in
 * DIR: the evidence (or unit) diagram and the cluster diagram as SVG and
 * PNG, and brief.md. The pack is built in a temporary folder beside DIR and
 * moved into place when complete: a refused or failed pack leaves DIR as it
 * was. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "graph/atomic.h"
#include "graph/date.h"
#include "graph/export_gv.h"
#include "graph/overlap.h"
#include "graph/strbuf.h"
#include "graph/subgraph.h"
#include "graph/text.h"
#include "graph/xalloc.h"
#include "tui/cmd/brief_md.h"
#include "tui/cmd/brief_sources.h"
#include "tui/cmd/commands.h"
#include "tui/cmd/overlap_cli.h"
#include "tui/session/workspace.h"

/* Whether s holds a control character or bytes that are not UTF-8: what
 * must never be copied raw into the brief (a terminal showing the command
 * would run its escapes). */
static int needs_escapes(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, n - i, &cp);
		if (!k || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			return 1;
		i += k;
	}
	return 0;
}

/* Appends s quoted for a shell: plain when safe, '...' otherwise, and
 * $'...' with \xNN escapes (bash, zsh, ksh, POSIX.1-2024 sh) when it holds
 * control characters or bytes that are not UTF-8. */
static void shell_quote(struct strbuf *sb, const char *s)
{
	if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			    "-_./,:=+@%") == strlen(s)) {
		strbuf_adds(sb, s);
		return;
	}
	if (needs_escapes(s)) {
		size_t n = strlen(s);
		strbuf_adds(sb, "$'");
		for (size_t i = 0; i < n;) {
			unsigned cp;
			size_t k = text_utf8_decode(s + i, n - i, &cp);
			if (!k || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
				for (size_t j = 0; j < (k ? k : 1); j++)
					strbuf_addf(sb, "\\x%02x", (unsigned char)s[i + j]);
			} else if (s[i] == '\'' || s[i] == '\\') {
				strbuf_addc(sb, '\\');
				strbuf_addc(sb, s[i]);
			} else {
				strbuf_add(sb, s + i, k);
			}
			i += k ? k : 1;
		}
		strbuf_addc(sb, '\'');
		return;
	}
	strbuf_addc(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			strbuf_adds(sb, "'\\''");
		else
			strbuf_addc(sb, *s);
	}
	strbuf_addc(sb, '\'');
}

static void opt(struct strbuf *sb, const char *name, const char *value)
{
	strbuf_addf(sb, " %s ", name);
	shell_quote(sb, value);
}

/* The command line that makes the same pack: every option that changes
 * what is computed, then the inputs. */
static char *reproduce(const struct cli *c)
{
	struct strbuf sb = STRBUF_INIT;
	char num[32];
	strbuf_adds(&sb, "agx brief");
	opt(&sb, "-o", c->out);
	if (c->pair)
		opt(&sb, "--pair", c->pair);
	else
		opt(&sb, "--unit", c->unit);
	snprintf(num, sizeof(num), "%g", c->session.threshold);
	if (c->session.threshold != 0.5)
		opt(&sb, "--threshold", num);
	if (c->session.df_cap != 20) {
		snprintf(num, sizeof(num), "%d", c->session.df_cap);
		opt(&sb, "--df-cap", num);
	}
	if (c->session.slack_days != 30) {
		snprintf(num, sizeof(num), "%d", c->session.slack_days);
		opt(&sb, "--slack", num);
	}
	if (c->session.asof != DATE_UNKNOWN) {
		char d[16];
		opt(&sb, "--asof", date_format(c->session.asof, d, sizeof(d)));
	}
	for (size_t i = 0; i < c->session.nwarninglists; i++)
		opt(&sb, "--warninglist", c->session.warninglists[i]);
	if (c->session.no_builtin_lists)
		strbuf_adds(&sb, " --no-default-warninglists");
	for (size_t i = 0; i < c->session.nalias_files; i++)
		opt(&sb, "--aliases", c->session.alias_files[i]);
	if (c->session.include_revoked)
		strbuf_adds(&sb, " --include-revoked");
	if (c->session.load.as_name)
		opt(&sb, "--as", c->session.load.as_name);
	if (c->tlp_max)
		opt(&sb, "--tlp-max", c->tlp_max);
	if (!c->session.used_default_data)
		for (size_t i = 0; i < c->session.ninputs; i++) {
			strbuf_addc(&sb, ' ');
			shell_quote(&sb, c->session.inputs[i]);
		}
	return strbuf_detach(&sb);
}

static char *join(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

/* Writes base.svg and base.png for spec into dir. */
static int diagrams(const struct cli *c, const char *dir, struct overlap *ov,
		    const struct sg_spec *spec, const char *base, int tlp_max,
		    const struct annot *annot)
{
	static const int formats[] = {EXPORT_SVG, EXPORT_PNG};
	for (int i = 0; i < 2; i++) {
		char *name = xasprintf("%s.%s", base, export_gv_format_name(formats[i]));
		char *path = join(dir, name);
		struct export_req r = {.spec = *spec,
				       .format = formats[i],
				       .layout = c->layout,
				       .out = path,
				       .tlp_max = tlp_max,
				       .annot = annot};
		int rc = cli_export(c->session.g, ov, &r);
		free(path);
		free(name);
		if (rc != EXIT_OK)
			return rc;
	}
	return EXIT_OK;
}

/* The files the pack's diagrams draw and their marking. */
struct drawn {
	uint32_t *files;
	size_t n, cap;
	int tlp;
};

static void add_drawn(struct drawn *d, const struct subgraph *sg)
{
	for (size_t i = 0; i < sg->nfiles; i++) {
		XGROW(d->files, d->cap, d->n + 1);
		d->files[d->n++] = sg->files[i];
	}
	if (sg->tlp > d->tlp)
		d->tlp = sg->tlp;
}

/* The pack is built in a temporary folder beside its destination and moved
 * into place once complete, so a failure midway (a diagram that cannot be
 * rendered, a full disk, kill) leaves the destination as it was. */
struct pack {
	char *dest; /* where it goes, links followed */
	char *tmp;  /* where it is built */
};

static int pack_begin(struct pack *pk, const char *out)
{
	char err[512];
	memset(pk, 0, sizeof(*pk));
	pk->dest = atomic_target(out, err, sizeof(err));
	if (!pk->dest) {
		fprintf(stderr, "agx: %s\n", err);
		return -1;
	}
	struct stat st;
	if (stat(pk->dest, &st) == 0 && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "agx: %s exists and is not a directory\n", out);
		return -1;
	}
	size_t n = strlen(pk->dest);
	while (n > 1 && pk->dest[n - 1] == '/')
		pk->dest[--n] = '\0';
	pk->tmp = xasprintf("%s.tmp.%ld.XXXXXX", pk->dest, (long)getpid());
	if (!mkdtemp(pk->tmp)) {
		fprintf(stderr, "agx: cannot create a folder beside %s: %s\n", out,
			strerror(errno));
		free(pk->tmp);
		pk->tmp = NULL;
		return -1;
	}
	return 0;
}

/* Removes the temporary folder and what was written into it. */
static void pack_abort(struct pack *pk)
{
	if (pk->tmp) {
		DIR *d = opendir(pk->tmp);
		struct dirent *e;
		while (d && (e = readdir(d)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
				char *p = join(pk->tmp, e->d_name);
				unlink(p);
				free(p);
			}
		if (d)
			closedir(d);
		rmdir(pk->tmp);
	}
	free(pk->tmp);
	free(pk->dest);
	memset(pk, 0, sizeof(*pk));
}

/* A new destination is the folder renamed; an existing one gets each file
 * renamed into it (other files there stay). */
static int pack_commit(struct pack *pk, const char *out)
{
	int rc = 0;
	mode_t um = umask(0);
	umask(um);
	chmod(pk->tmp, 0777 & ~um); /* mkdtemp made it 0700 */
	/* into an existing folder: every name must be free for a file before
	 * the first one moves */
	DIR *d = opendir(pk->tmp);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		char *to = join(pk->dest, e->d_name);
		struct stat st;
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && lstat(to, &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			fprintf(stderr, "agx: %s/%s is a directory: the pack was not written\n",
				out, e->d_name);
			rc = -1;
		}
		free(to);
	}
	if (d)
		closedir(d);
	if (rc == 0 && rename(pk->tmp, pk->dest) != 0) {
		if (errno != EEXIST && errno != ENOTEMPTY) {
			fprintf(stderr, "agx: cannot move the pack into %s: %s\n", out,
				strerror(errno));
			rc = -1;
		} else {
			d = opendir(pk->tmp);
			while (d && (e = readdir(d))) {
				if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
					continue;
				char *from = join(pk->tmp, e->d_name), *to = join(pk->dest, e->d_name);
				if (rename(from, to) != 0) {
					fprintf(stderr, "agx: cannot move %s into %s: %s\n", e->d_name,
						out, strerror(errno));
					rc = -1;
				}
				free(from);
				free(to);
			}
			if (d)
				closedir(d);
		}
	} else if (rc == 0) {
		free(pk->tmp);
		pk->tmp = NULL; /* nothing left to remove */
	}
	pack_abort(pk);
	return rc;
}

int cmd_brief(struct cli *c)
{
	if (!c->out || strcmp(c->out, "-") == 0)
		return cli_usage_error("brief needs a directory: agx brief -o DIR (--pair A,B | "
				       "--unit A)");
	if (!!c->pair == !!c->unit)
		return cli_usage_error("brief needs one subject: --pair A,B or --unit A");
	if (c->layout && !export_gv_engine_known(c->layout))
		return cli_usage_error("unknown layout engine '%s' (have: " EXPORT_ENGINES ")",
				       c->layout);
	int tlp_max = cli_tlp_max(c->tlp_max);
	if (tlp_max == -2)
		return EXIT_USAGE;
	char *a = NULL, *b = NULL;
	if (c->pair) {
		const char *comma = strchr(c->pair, ',');
		a = xstrndup(c->pair, (size_t)(comma - c->pair));
		b = xstrdup(comma + 1);
	} else {
		a = xstrdup(c->unit);
	}
	struct overlap_session an;
	int load_rc = overlap_cli_open(c, &an);
	struct drawn drawn = {NULL, 0, 0, TLP_NONE};
	int rc = EXIT_OK;
	struct pack pk = {0};
	char *md = NULL, *cmd = NULL;
	struct sg_spec main_spec = {.view = b ? SG_VIEW_PAIR : SG_VIEW_UNIT,
				    .unit_a = a,
				    .unit_b = b,
				    .max_nodes = (size_t)c->max_nodes,
				    .threshold = c->session.threshold};
	/* names and the TLP ceiling are checked before anything is written: the
	 * marking is of what the pack shows (brief_sources.h), its diagrams
	 * included */
	char err[512];
	struct subgraph sg;
	if (subgraph_build(c->session.g, an.ov, &main_spec, &sg, err, sizeof(err)) != 0) {
		rc = cli_usage_error("%s", err);
		goto out;
	}
	add_drawn(&drawn, &sg);
	subgraph_free(&sg);
	/* the cluster of A, else of B */
	struct sg_spec cl = {.view = SG_VIEW_CLUSTER,
			     .unit_a = a,
			     .max_nodes = (size_t)c->max_nodes,
			     .threshold = c->session.threshold};
	int have_cluster = subgraph_build(c->session.g, an.ov, &cl, &sg, err, sizeof(err)) == 0;
	if (!have_cluster && b) {
		cl.unit_a = b;
		have_cluster = subgraph_build(c->session.g, an.ov, &cl, &sg, err, sizeof(err)) == 0;
	}
	if (have_cluster) {
		add_drawn(&drawn, &sg);
		subgraph_free(&sg);
	}
	uint32_t ua = overlap_unit_find(an.ov, a);
	uint32_t ub = b ? overlap_unit_find(an.ov, b) : UINT32_MAX;
	struct brief_opts bo = {.threshold = c->session.threshold,
				.diagram_files = drawn.files,
				.ndiagram_files = drawn.n,
				.diagram_tlp = drawn.tlp};
	struct brief_sources bs;
	brief_sources_of(c->session.g, an.ov, ua, ub, &bo, &bs);
	int tlp = bs.tlp;
	brief_sources_free(&bs);
	if (tlp_max >= 0 && tlp > tlp_max) {
		fprintf(stderr,
			"agx: refusing to brief: what it shows is marked %s, more restricted "
			"than --tlp-max %s\n",
			tlp_name(tlp), tlp_name(tlp_max));
		rc = EXIT_INPUT;
		goto out;
	}
	if (pack_begin(&pk, c->out) != 0) {
		rc = EXIT_INPUT;
		goto out;
	}
	const char *base = b ? "pair" : "unit";
	rc = diagrams(c, pk.tmp, an.ov, &main_spec, base, tlp_max, &an.annot);
	if (rc != EXIT_OK)
		goto out;
	char *note = NULL;
	if (have_cluster) {
		rc = diagrams(c, pk.tmp, an.ov, &cl, "cluster", tlp_max, &an.annot);
		if (rc != EXIT_OK)
			goto out;
	} else {
		note = xasprintf("No cluster diagram: %s (no link scores %.2f or more; "
				 "--threshold sets it).",
				 b ? "neither is in a cluster" : "it is in no cluster",
				 c->session.threshold);
	}
	char *diagram = xasprintf("%s.svg", base);
	cmd = reproduce(c);
	bo.diagram = diagram;
	bo.cluster_diagram = have_cluster ? "cluster.svg" : NULL;
	bo.cluster_note = note;
	bo.command = cmd;
	bo.annot = &an.annot;
	md = b ? brief_pair_md(c->session.g, an.ov, ua, ub, &bo)
	       : brief_unit_md(c->session.g, an.ov, ua, &bo);
	free(diagram);
	free(note);
	char *path = join(pk.tmp, "brief.md");
	if (cli_write_output(path, md, strlen(md)) != 0)
		rc = EXIT_INPUT;
	free(path);
	if (rc == EXIT_OK && pack_commit(&pk, c->out) != 0)
		rc = EXIT_INPUT;
out:
	free(drawn.files);
	pack_abort(&pk);
	free(md);
	free(cmd);
	free(a);
	free(b);
	overlap_cli_close(&an);
	return rc == EXIT_OK ? load_rc : rc;
}
