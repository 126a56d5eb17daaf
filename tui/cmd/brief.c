/* agx brief -o DIR (--pair A,B | --unit A) [FILE...]: a briefing pack in
 * DIR: the evidence (or unit) diagram and the cluster diagram as SVG and
 * PNG, and brief.md. Each file is written atomically; a refused or failed
 * pack leaves no partial file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "graph/date.h"
#include "graph/export_gv.h"
#include "graph/overlap.h"
#include "graph/strbuf.h"
#include "graph/subgraph.h"
#include "graph/xalloc.h"
#include "tui/cmd/brief_md.h"
#include "tui/cmd/brief_sources.h"
#include "tui/cmd/commands.h"
#include "tui/cmd/overlap_cli.h"
#include "tui/session/workspace.h"

/* Appends s quoted for a POSIX shell. */
static void shell_quote(struct strbuf *sb, const char *s)
{
	if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			    "-_./,:=+@%") == strlen(s)) {
		strbuf_adds(sb, s);
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

/* Writes base.svg and base.png for spec. */
static int diagrams(const struct cli *c, struct overlap *ov, const struct sg_spec *spec,
		    const char *base, int tlp_max, const struct annot *annot)
{
	static const int formats[] = {EXPORT_SVG, EXPORT_PNG};
	for (int i = 0; i < 2; i++) {
		char *name = xasprintf("%s.%s", base, export_gv_format_name(formats[i]));
		char *path = join(c->out, name);
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

static int make_dir(const char *dir)
{
	if (mkdir(dir, 0777) == 0 || errno == EEXIST) {
		struct stat st;
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			return 0;
		fprintf(stderr, "agx: %s exists and is not a directory\n", dir);
		return -1;
	}
	fprintf(stderr, "agx: cannot create the directory %s: %s\n", dir, strerror(errno));
	return -1;
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
	struct annot annot;
	annot_init(&annot);
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
	if (make_dir(c->out) != 0) {
		rc = EXIT_INPUT;
		goto out;
	}
	const char *base = b ? "pair" : "unit";
	workspace_load_quiet(&c->session, &annot);
	rc = diagrams(c, an.ov, &main_spec, base, tlp_max, &annot);
	if (rc != EXIT_OK)
		goto out;
	char *note = NULL;
	if (have_cluster) {
		rc = diagrams(c, an.ov, &cl, "cluster", tlp_max, &annot);
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
	bo.annot = &annot;
	md = b ? brief_pair_md(c->session.g, an.ov, ua, ub, &bo)
	       : brief_unit_md(c->session.g, an.ov, ua, &bo);
	free(diagram);
	free(note);
	char *path = join(c->out, "brief.md");
	if (cli_write_output(path, md, strlen(md)) != 0)
		rc = EXIT_INPUT;
	free(path);
out:
	free(drawn.files);
	free(md);
	free(cmd);
	free(a);
	free(b);
	annot_free(&annot);
	overlap_cli_close(&an);
	return rc == EXIT_OK ? load_rc : rc;
}
