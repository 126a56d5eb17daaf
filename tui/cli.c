#include "tui/cli.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "graph/alias.h"
#include "graph/atomic.h"
#include "graph/date.h"
#include "graph/xalloc.h"
#include "loaders/aliasfile.h"

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("agx: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'agx --help' for the commands and options.\n", stderr);
	return EXIT_USAGE;
}

enum {
	OPT_AS = 256,
	OPT_FORMAT_IN,
	OPT_MAX_SIZE,
	OPT_TOP,
	OPT_THRESHOLD,
	OPT_DF_CAP,
	OPT_SLACK,
	OPT_ASOF,
	OPT_WARNINGLIST,
	OPT_NO_LISTS,
	OPT_ALIASES,
	OPT_REVOKED,
	OPT_UNIT,
	OPT_PAIR,
	OPT_VIEW,
	OPT_LAYOUT,
	OPT_NODE,
	OPT_DEPTH,
	OPT_MAX_NODES,
	OPT_TLP_MAX,
	OPT_TITLE,
	OPT_WORKSPACE,
	OPT_SCRIPT,
	OPT_DUMP,
	OPT_SIZE,
	OPT_MOUSE,
	OPT_ASCII,
	OPT_JSON,
	OPT_CSV,
	OPT_HELP,
	OPT_VERSION,
	OPT_INPUT_FORMAT
};

static const struct option long_opts[] = {
    {"as", required_argument, NULL, OPT_AS},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    {"max-size", required_argument, NULL, OPT_MAX_SIZE},
    {"json", no_argument, NULL, OPT_JSON},
    {"csv", no_argument, NULL, OPT_CSV},
    {"output", required_argument, NULL, 'o'},
    {"quiet", no_argument, NULL, 'q'},
    {"top", required_argument, NULL, OPT_TOP},
    {"threshold", required_argument, NULL, OPT_THRESHOLD},
    {"df-cap", required_argument, NULL, OPT_DF_CAP},
    {"slack", required_argument, NULL, OPT_SLACK},
    {"asof", required_argument, NULL, OPT_ASOF},
    {"warninglist", required_argument, NULL, OPT_WARNINGLIST},
    {"no-default-warninglists", no_argument, NULL, OPT_NO_LISTS},
    {"aliases", required_argument, NULL, OPT_ALIASES},
    {"include-revoked", no_argument, NULL, OPT_REVOKED},
    {"unit", required_argument, NULL, OPT_UNIT},
    {"actor", required_argument, NULL, OPT_UNIT},
    {"pair", required_argument, NULL, OPT_PAIR},
    {"view", required_argument, NULL, OPT_VIEW},
    {"format", required_argument, NULL, 'f'},
    {"layout", required_argument, NULL, OPT_LAYOUT},
    {"node", required_argument, NULL, OPT_NODE},
    {"depth", required_argument, NULL, OPT_DEPTH},
    {"max-nodes", required_argument, NULL, OPT_MAX_NODES},
    {"tlp-max", required_argument, NULL, OPT_TLP_MAX},
    {"title", required_argument, NULL, OPT_TITLE},
    {"workspace", required_argument, NULL, OPT_WORKSPACE},
    {"script", required_argument, NULL, OPT_SCRIPT},
    {"dump-screen", required_argument, NULL, OPT_DUMP},
    {"size", required_argument, NULL, OPT_SIZE},
    {"mouse", no_argument, NULL, OPT_MOUSE},
    {"ascii", no_argument, NULL, OPT_ASCII},
    {"help", no_argument, NULL, OPT_HELP},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

static const char help_text[] =
    "Usage: agx [OPTIONS] [FILE|DIR|-]...          explore in the terminal (default: bundled "
    "data)\n"
    "       agx COMMAND [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Commands:\n"
    "  stats                     counts by kind and relation, load time, memory\n"
    "  check                     validate inputs, print the quirks report\n"
    "  overlaps                  ranked actor pairs sharing infrastructure\n"
    "  why A B                   the evidence behind one pair's score\n"
    "  clusters                  groups of actors linked above the threshold\n"
    "  export --view VIEW -o OUT a diagram (svg png pdf dot) of one view:\n"
    "                              overlap        units linked by scores >= --threshold\n"
    "                              pair           --pair A,B: the evidence between two units\n"
    "                              unit           --unit A: its campaigns, tools, infrastructure\n"
    "                              ego            --node NAME --depth K: a neighbourhood\n"
    "                              cluster:N      cluster N of 'agx clusters' (or\n"
    "                                             --view cluster --unit A: A's cluster)\n"
    "                              all            the whole graph, up to --max-nodes\n"
    "  brief -o DIR (--pair A,B | --unit A)   a briefing pack: diagrams + Markdown\n"
    "\n"
    "Input:\n"
    "  --as NAME                 actor of bare IOC lists (one value per line)\n"
    "  --input-format F          skip detection: stix2 misp misp-galaxy openioc stix1 csv\n"
    "                            ioc-list text\n"
    "  --aliases FILE            extra alias lines: 'Name = Alias, Alias'\n"
    "  --max-size BYTES          refuse larger files, option files too (default 1 GiB)\n"
    "\n"
    "Overlap model:\n"
    "  --df-cap N                values reached by more than N actors weigh 0 (20)\n"
    "  --threshold T             pair score for clusters and overlap edges (0.15)\n"
    "  --slack DAYS              time windows this close count as overlapping (30)\n"
    "  --asof DATE               only what was known on DATE (YYYY-MM-DD)\n"
    "  --warninglist FILE        add a MISP warninglist JSON or a plain list\n"
    "  --no-default-warninglists do not load data/warninglists/\n"
    "  --include-revoked         keep revoked and deprecated objects\n"
    "\n"
    "Output:\n"
    "  --json | --csv            machine-readable output\n"
    "  --top N                   first N rows\n"
    "  --unit NAME               only pairs involving NAME (overlaps), subject (brief, export)\n"
    "  --pair A,B                the pair (export --view pair, brief)\n"
    "  -o, --output PATH         output file or directory ('-' for stdout)\n"
    "  -f, --format F            svg png pdf dot (default: from the -o extension)\n"
    "  --layout ENGINE           dot neato sfdp fdp twopi circo osage patchwork\n"
    "                            (default: dot, sfdp from 700 nodes)\n"
    "  --node NAME --depth K     ego view centre (name, alias, value, kind:value) and radius\n"
    "  --title TEXT              diagram title (default: from the view)\n"
    "  --max-nodes N             cap for large views (500)\n"
    "  --tlp-max LEVEL           refuse to export or brief anything more restricted\n"
    "\n"
    "Terminal:\n"
    "  --workspace FILE          notes and verdicts (default: beside the data)\n"
    "  --ascii                   ASCII line drawing\n"
    "  --mouse                   enable mouse clicks\n"
    "  --script FILE             run keys and :commands headless, then exit\n"
    "  --dump-screen FILE        write the final screen as text (with --script)\n"
    "  --size WxH                screen size for headless runs (80x24)\n"
    "\n"
    "Exit status: 0 success, 1 input errors (what could be loaded was), 2 usage errors.\n"
    "See agx(1).\n";

static int parse_int(const char *s, const char *opt, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return cli_usage_error("%s needs a whole number from %ld to %ld, not '%s'", opt, lo,
				       hi, s);
	*out = v;
	return 0;
}

static int parse_double(const char *s, const char *opt, double lo, double hi, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || v < lo || v > hi)
		return cli_usage_error("%s needs a number from %g to %g, not '%s'", opt, lo, hi, s);
	*out = v;
	return 0;
}

static const char *const commands[] = {"stats",	   "check",  "overlaps", "why",
				       "clusters", "export", "brief",	 NULL};

int cli_parse(struct cli *c, int argc, char **argv)
{
	memset(c, 0, sizeof(*c));
	c->prog = argv[0];
	c->threshold = 0.15;
	c->df_cap = 20;
	c->slack_days = 30;
	c->asof = DATE_UNKNOWN;
	c->depth = 1;
	c->max_nodes = 500;
	c->width = 80;
	c->height = 24;
	diag_init(&c->diags);

	int first = 1;
	if (argc > 1 && argv[1][0] != '-') {
		for (int i = 0; commands[i]; i++)
			if (strcmp(argv[1], commands[i]) == 0)
				c->command = commands[i];
		if (c->command)
			first = 2;
	}
	c->args = xcalloc((size_t)argc + 1, sizeof(*c->args));
	optind = first;
	opterr = 0;
	int opt;
	long v;
	double d = 0;
	/* '+' is not used: options may follow file names, as users type them */
	while ((opt = getopt_long(argc, argv, ":o:f:q", long_opts, NULL)) != -1) {
		switch (opt) {
		case OPT_AS:
			c->load.as_name = optarg;
			break;
		case OPT_INPUT_FORMAT:
			if (format_from_name(optarg) == FMT_UNKNOWN)
				return cli_usage_error(
				    "unknown input format '%s' (stix2, misp, "
				    "misp-galaxy, openioc, stix1, csv, ioc-list, text)",
				    optarg);
			c->load.format = optarg;
			break;
		case OPT_MAX_SIZE:
			if (parse_int(optarg, "--max-size", 1, LONG_MAX, &v))
				return EXIT_USAGE;
			c->load.max_file_bytes = (size_t)v;
			break;
		case OPT_JSON:
			c->json = 1;
			break;
		case OPT_CSV:
			c->csv = 1;
			break;
		case 'o':
			c->out = optarg;
			break;
		case 'q':
			c->quiet = 1;
			break;
		case OPT_TOP:
			if (parse_int(optarg, "--top", 1, 10000000, &v))
				return EXIT_USAGE;
			c->top = (int)v;
			break;
		case OPT_THRESHOLD:
			if (parse_double(optarg, "--threshold", 0, 1, &d))
				return EXIT_USAGE;
			c->threshold = d;
			c->threshold_set = 1;
			break;
		case OPT_DF_CAP:
			if (parse_int(optarg, "--df-cap", 1, 1000000, &v))
				return EXIT_USAGE;
			c->df_cap = (int)v;
			break;
		case OPT_SLACK:
			if (parse_int(optarg, "--slack", 0, 100000, &v))
				return EXIT_USAGE;
			c->slack_days = (int)v;
			break;
		case OPT_ASOF:
			c->asof = date_parse(optarg);
			if (c->asof == DATE_UNKNOWN)
				return cli_usage_error(
				    "--asof needs a date like 2023-06-01, not '%s'", optarg);
			break;
		case OPT_WARNINGLIST:
			c->warninglists =
			    xrealloc(c->warninglists, (c->nwarninglists + 1) * sizeof(char *));
			c->warninglists[c->nwarninglists++] = optarg;
			break;
		case OPT_NO_LISTS:
			c->no_builtin_lists = 1;
			break;
		case OPT_ALIASES:
			c->alias_files =
			    xrealloc(c->alias_files, (c->nalias_files + 1) * sizeof(char *));
			c->alias_files[c->nalias_files++] = optarg;
			break;
		case OPT_REVOKED:
			c->include_revoked = 1;
			break;
		case OPT_UNIT:
			c->unit = optarg;
			break;
		case OPT_PAIR:
			if (!strchr(optarg, ','))
				return cli_usage_error(
				    "--pair needs two names separated by a comma, "
				    "e.g. --pair 'APT15,BackdoorDiplomacy'");
			c->pair = optarg;
			break;
		case OPT_VIEW:
			c->view = optarg;
			break;
		case 'f':
			c->format = optarg;
			break;
		case OPT_LAYOUT:
			c->layout = optarg;
			break;
		case OPT_NODE:
			c->node = optarg;
			break;
		case OPT_DEPTH:
			if (parse_int(optarg, "--depth", 1, 5, &v))
				return EXIT_USAGE;
			c->depth = (int)v;
			break;
		case OPT_MAX_NODES:
			if (parse_int(optarg, "--max-nodes", 2, 1000000, &v))
				return EXIT_USAGE;
			c->max_nodes = (int)v;
			break;
		case OPT_TLP_MAX:
			c->tlp_max = optarg;
			break;
		case OPT_TITLE:
			c->title = optarg;
			break;
		case OPT_WORKSPACE:
			c->workspace = optarg;
			break;
		case OPT_SCRIPT:
			c->script = optarg;
			break;
		case OPT_DUMP:
			c->dump_screen = optarg;
			break;
		case OPT_SIZE: {
			int w, h;
			char extra;
			if (sscanf(optarg, "%dx%d%c", &w, &h, &extra) != 2 || w < 20 || h < 5 ||
			    w > 1000 || h > 1000)
				return cli_usage_error(
				    "--size needs WIDTHxHEIGHT like 80x24, not '%s'", optarg);
			c->width = w;
			c->height = h;
			break;
		}
		case OPT_MOUSE:
			c->mouse = 1;
			break;
		case OPT_ASCII:
			c->ascii = 1;
			break;
		case OPT_HELP:
			fputs(help_text, stdout);
			return -1;
		case OPT_VERSION:
			printf("agx %s\n", AGX_VERSION);
			return -1;
		case ':':
			return cli_usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			if (optopt)
				return cli_usage_error("unknown option '-%c'", optopt);
			return cli_usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (c->json && c->csv)
		return cli_usage_error("--json and --csv cannot be used together");
	for (int i = optind; i < argc; i++)
		c->args[c->nargs++] = argv[i];
	c->inputs = (const char **)c->args;
	c->ninputs = c->nargs;
	return 0;
}

int cli_take_args(struct cli *c, size_t n, const char *usage)
{
	if (c->nargs < n) {
		cli_usage_error("'%s' needs %zu argument%s: %s", c->command, n, n == 1 ? "" : "s",
				usage);
		return -1;
	}
	c->inputs = (const char **)c->args + n;
	c->ninputs = c->nargs - n;
	return 0;
}

const char *cli_data_dir(void)
{
	static char buf[PATH_MAX];
	const char *env = getenv("AGX_DATA");
	if (env && *env)
		return env;
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 16);
	if (n > 0) {
		buf[n] = '\0';
		/* the binary sits at the top of a checkout (./agx), in build/<variant>/,
		 * or installed as PREFIX/bin/agx beside PREFIX/share/agx */
		static const char *const tries[] = {"/data", "/../share/agx"};
		for (int up = 0; up < 3; up++) {
			char *slash = strrchr(buf, '/');
			if (!slash)
				break;
			*slash = '\0';
			size_t len = strlen(buf);
			for (size_t t = 0; t < 2; t++) {
				snprintf(buf + len, sizeof(buf) - len, "%s/africa-report.json",
					 tries[t]);
				struct stat st;
				if (stat(buf, &st) == 0) {
					buf[len + strlen(tries[t])] = '\0';
					return buf;
				}
			}
			buf[len] = '\0';
		}
	}
	return AGX_DATADIR;
}

static void print_diags(struct cli *c, int print_warnings)
{
	for (size_t i = 0; i < c->diags.count; i++) {
		const struct diag *di = &c->diags.items[i];
		if (di->level == DIAG_QUIRK || (di->level == DIAG_WARNING && !print_warnings))
			continue;
		char *s = diag_format(di, graph_file_path(c->g, di->file));
		fprintf(stderr, "%s\n", s);
		free(s);
	}
	size_t w = c->diags.counts[DIAG_WARNING], q = c->diags.counts[DIAG_QUIRK];
	/* the same count `agx check` gives per file (some warnings skip
	 * nothing, some skips are counted under one quirk) */
	size_t skipped = 0;
	for (size_t f = 0; c->g && f < c->g->file_count; f++)
		skipped += c->g->files[f].skipped;
	/* quirks alone are the normal state of real feeds: only skipped objects
	 * and warnings are worth a line here */
	if (!print_warnings && !c->quiet && (skipped || w))
		fprintf(stderr,
			"agx: %zu object%s skipped (%zu warning%s, %zu quirk%s noted); 'agx check' "
			"lists them\n",
			skipped, skipped == 1 ? "" : "s", w, w == 1 ? "" : "s", q, q == 1 ? "" : "s");
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The bundled data: the *.json bundles at the top of the data directory.
 * Not recursive, because data/warninglists/ holds lists of harmless values
 * that must never load as indicators. */
static void default_inputs(struct cli *c)
{
	const char *dir = cli_data_dir();
	/* shown in every source column: keep it short and the same on every
	 * machine when agx runs from its checkout */
	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof(cwd))) {
		size_t n = strlen(cwd);
		if (strncmp(dir, cwd, n) == 0 && dir[n] == '/')
			dir += n + 1;
	}
	struct dirent **list = NULL;
	int n = scandir(dir, &list, NULL, alphasort);
	c->default_paths = xcalloc(n > 0 ? (size_t)n + 1 : 2, sizeof(char *));
	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		size_t len = strlen(name);
		if (name[0] != '.' && len > 5 && strcmp(name + len - 5, ".json") == 0)
			c->default_paths[c->ninputs++] = xasprintf("%s/%s", dir, name);
		free(list[i]);
	}
	free(list);
	if (c->ninputs == 0) /* let the loader say what is missing */
		c->default_paths[c->ninputs++] = xstrdup(dir);
	c->inputs = (const char **)c->default_paths;
	c->used_default_data = 1;
}

int cli_load(struct cli *c, int print_warnings)
{
	c->g = graph_new();
	if (c->ninputs == 0)
		default_inputs(c);
	double t0 = now_ms();
	int rc = 0;
	for (size_t i = 0; i < c->ninputs; i++) {
		struct stat st;
		if (strcmp(c->inputs[i], "-") != 0 && stat(c->inputs[i], &st) != 0) {
			uint32_t f = graph_add_file(c->g, c->inputs[i], "unknown");
			diag_add(&c->diags, f, DIAG_ERROR, D_IO, 0, 0, NULL, "cannot open: %s",
				 strerror(errno));
			graph_file(c->g, f)->errors = 1;
			rc = -1;
			continue;
		}
		if (load_path(c->g, c->inputs[i], &c->load, &c->diags))
			rc = -1;
	}
	for (size_t i = 0; i < c->nalias_files; i++)
		if (aliasfile_load(c->g, c->alias_files[i], c->load.max_file_bytes, &c->diags))
			rc = -1;
	graph_finish(c->g); /* resolves the aliases too */
	alias_report_ambiguous(c->g, &c->diags);
	c->load_ms = now_ms() - t0;
	print_diags(c, print_warnings);
	return rc ? EXIT_INPUT : EXIT_OK;
}

void cli_free(struct cli *c)
{
	graph_free(c->g);
	diag_free(&c->diags);
	free(c->args);
	free(c->warninglists);
	free(c->alias_files);
	if (c->default_paths)
		for (size_t i = 0; c->default_paths[i]; i++)
			free(c->default_paths[i]);
	free(c->default_paths);
	c->g = NULL;
}

int cli_write_output(const char *path, const char *data, size_t len)
{
	if (!path || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			fprintf(stderr, "agx: cannot write to standard output: %s\n",
				strerror(errno));
			return -1;
		}
		return 0;
	}
	char err[512];
	if (atomic_write(path, data, len, 0, err, sizeof(err)) != 0) {
		fprintf(stderr, "agx: %s\n", err);
		return -1;
	}
	return 0;
}

long cli_peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}
