#include "tui/cmd/cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "graph/atomic.h"
#include "graph/date.h"
#include "graph/export_gv.h"
#include "graph/xalloc.h"
#include "tui/cmd/commands.h"
#include "tui/cmd/suggest.h"

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
	OPT_NO_CACHE,
	OPT_ALIASES,
	OPT_REVOKED,
	OPT_UNIT,
	OPT_PAIR,
	OPT_RELATION,
	OPT_SORT,
	OPT_VIEW,
	OPT_LAYOUT,
	OPT_NODE,
	OPT_DEPTH,
	OPT_MAX_NODES,
	OPT_TLP_MAX,
	OPT_TITLE,
	OPT_WORKSPACE,
	OPT_ANALYST,
	OPT_SCRIPT,
	OPT_DUMP,
	OPT_SIZE,
	OPT_MOUSE,
	OPT_ASCII,
	OPT_JSON,
	OPT_CSV,
	OPT_HELP,
	OPT_VERSION,
	OPT_INPUT_FORMAT,
	OPT_MISP,
	OPT_COLLECTION,
	OPT_HEADER,
	OPT_AUTH_FILE,
	OPT_CACERT,
	OPT_CERT,
	OPT_KEY,
	OPT_TIMEOUT,
	OPT_LIMIT,
	OPT_MIN_CHANGE
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

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
    {"no-cache", no_argument, NULL, OPT_NO_CACHE},
    {"aliases", required_argument, NULL, OPT_ALIASES},
    {"include-revoked", no_argument, NULL, OPT_REVOKED},
    {"unit", required_argument, NULL, OPT_UNIT},
    {"actor", required_argument, NULL, OPT_UNIT},
    {"pair", required_argument, NULL, OPT_PAIR},
    {"relation", required_argument, NULL, OPT_RELATION},
    {"sort", required_argument, NULL, OPT_SORT},
    {"view", required_argument, NULL, OPT_VIEW},
    {"format", required_argument, NULL, 'f'},
    {"layout", required_argument, NULL, OPT_LAYOUT},
    {"node", required_argument, NULL, OPT_NODE},
    {"depth", required_argument, NULL, OPT_DEPTH},
    {"max-nodes", required_argument, NULL, OPT_MAX_NODES},
    {"tlp-max", required_argument, NULL, OPT_TLP_MAX},
    {"title", required_argument, NULL, OPT_TITLE},
    {"workspace", required_argument, NULL, OPT_WORKSPACE},
    {"analyst", required_argument, NULL, OPT_ANALYST},
    {"script", required_argument, NULL, OPT_SCRIPT},
    {"dump-screen", required_argument, NULL, OPT_DUMP},
    {"size", required_argument, NULL, OPT_SIZE},
    {"mouse", no_argument, NULL, OPT_MOUSE},
    {"ascii", no_argument, NULL, OPT_ASCII},
    {"help", no_argument, NULL, OPT_HELP},
    {"version", no_argument, NULL, OPT_VERSION},
    {"misp", no_argument, NULL, OPT_MISP},
    {"collection", required_argument, NULL, OPT_COLLECTION},
    {"header", required_argument, NULL, OPT_HEADER},
    {"auth-file", required_argument, NULL, OPT_AUTH_FILE},
    {"cacert", required_argument, NULL, OPT_CACERT},
    {"cert", required_argument, NULL, OPT_CERT},
    {"key", required_argument, NULL, OPT_KEY},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"limit", required_argument, NULL, OPT_LIMIT},
    {"min-change", required_argument, NULL, OPT_MIN_CHANGE},
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
    "  aliases                   every alias merge, refused claim and ambiguous name\n"
    "  pull URL -o DIR           fetch TAXII 2.1 collections into a local cache\n"
    "  pull --misp URL -o DIR    fetch MISP events (restSearch) into a local cache\n"
    "  push COLLECTION_URL       send the analyst's verdicts, notes and decisions as STIX 2.1\n"
    "  export -f stix -o FILE    the same judgements as a STIX 2.1 bundle\n"
    "  diff OLD NEW              what changed in the attribution picture\n"
    "\n"
    "Input:\n"
    "  --as NAME                 actor of bare IOC lists (one value per line)\n"
    "  --input-format F          skip detection: stix2 misp misp-galaxy openioc stix1 csv\n"
    "                            ioc-list text\n"
    "  --aliases FILE            alias lines: 'Name = Alias, Alias' merges, 'A != B' keeps apart\n"
    "  --max-size BYTES          refuse larger files, option files too (default 1 GiB)\n"
    "  -q, --quiet               no progress line, no count of skipped objects\n"
    "  --no-cache                neither open nor write a snapshot of the load\n"
    "                            (kept in $XDG_CACHE_HOME/agx or ~/.cache/agx)\n"
    "\n"
    "Overlap model:\n"
    "  --df-cap N                values reached by more than N actors weigh 0 (20)\n"
    "  --threshold T             pair score for clusters and overlap edges (0.5)\n"
    "  --slack DAYS              time windows this close count as overlapping (30)\n"
    "  --asof DATE               only what was known on DATE (YYYY-MM-DD)\n"
    "  --warninglist FILE        add a MISP warninglist JSON or a plain list\n"
    "  --no-default-warninglists do not load data/warninglists/\n"
    "  --include-revoked         keep revoked and deprecated objects\n"
    "\n"
    "Output:\n"
    "  --json | --csv            machine-readable output\n"
    "  --top N                   first N rows\n"
    "  --unit NAME, --actor NAME only pairs involving NAME (overlaps), subject (brief, export)\n"
    "  --relation R              overlaps: overlap (different actors, the default),\n"
    "                            corroboration (sources of one actor), internal (campaigns\n"
    "                            of one actor) or all\n"
    "  --sort BY                 overlaps: rank by infra (the score, default), tools or\n"
    "                            techniques (their overlap; pairs sharing only those too)\n"
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
    "Team server (pull, push):\n"
    "  --collection ID           only this collection (repeatable)\n"
    "  --limit N                 objects per page (500)\n"
    "  --auth-file FILE          credentials, mode 0600: AGX_TAXII_USER=, AGX_TAXII_PASSWORD=,\n"
    "                            AGX_TAXII_TOKEN=, AGX_MISP_KEY= lines (else the environment)\n"
    "  --header 'Name: value'    an extra request header (repeatable)\n"
    "  --cacert FILE             trust this CA (PEM); --cert FILE --key FILE: client certificate\n"
    "  --timeout SECONDS         connect timeout and longest stall (60)\n"
    "  --min-change D            diff: smallest score change reported (0.01)\n"
    "\n"
    "Terminal:\n"
    "  --workspace FILE          notes, verdicts and decisions (default: beside the data)\n"
    "  --analyst NAME            who the verdicts, notes and decisions are by\n"
    "                            (default: $AGX_ANALYST, else the login name)\n"
    "  --ascii                   ASCII line drawing\n"
    "  --mouse                   enable mouse clicks\n"
    "  --script FILE             run keys and :commands headless, then exit\n"
    "  --dump-screen FILE        write the final screen as text (with --script)\n"
    "  --size WxH                screen size for headless runs (80x24)\n"
    "\n"
    "  -h, --help                this help\n"
    "  --version                 agx's version\n"
    "\n"
    "Exit status: 0 success, 1 input errors (what could be loaded was), 2 usage errors.\n"
    "See agx(1).\n";

const char *cli_long_option(size_t i)
{
	return i < NELEM(long_opts) ? long_opts[i].name : NULL;
}

/* The values --sort and --relation take, for their messages and suggestions
 * (and the shell completions in tui/completion/, which the tests compare). */
static const char *const sort_names[] = {"infra", "tools", "techniques"};
static const char *const relation_names[] = {"overlap", "corroboration", "internal", "all"};

/* "--sort takes infra, tools or techniques, not 'tool'; did you mean
 * 'tools'?" */
int cli_bad_value(const char *opt, const char *value, const char *const *names, size_t n)
{
	char list[512];
	size_t len = 0;
	list[0] = '\0';
	for (size_t i = 0; i < n && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
					i == 0	     ? ""
					: i + 1 == n ? " or "
						     : ", ",
					names[i]);
	const char *close = suggest_closest(value, names, n);
	if (close)
		return cli_usage_error("%s takes %s, not '%s'; did you mean '%s'?", opt, list,
				       value, close);
	return cli_usage_error("%s takes %s, not '%s'", opt, list, value);
}

static int is_one_of(const char *value, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(value, names[i]) == 0)
			return 1;
	return 0;
}

/* An unknown option: say which, and the long option it most likely meant
 * ("--threshhold" -> "--threshold"; "-threshold" -> "--threshold"). text is
 * the argument as typed, with any "=value". */
static int unknown_option(const char *text)
{
	const char *names[NELEM(long_opts)];
	size_t n = 0;
	for (size_t i = 0; long_opts[i].name; i++)
		names[n++] = long_opts[i].name;
	const char *word = text + strspn(text, "-");
	size_t len = strcspn(word, "=");
	char buf[128];
	const char *close = NULL;
	if (len && len < sizeof(buf)) {
		memcpy(buf, word, len);
		buf[len] = '\0';
		/* a single dash before a whole long name is the same slip */
		close = text[1] != '-' && len > 1 && is_one_of(buf, names, n)
			    ? buf
			    : suggest_closest(buf, names, n);
	}
	if (text[1] == '-' && len && !close) { /* getopt refuses an ambiguous prefix too */
		char list[256] = "";
		size_t used = 0, matches = 0;
		for (size_t i = 0; i < n; i++)
			if (strncmp(names[i], word, len) == 0 && used < sizeof(list))
				used += (size_t)snprintf(list + used, sizeof(list) - used, "%s--%s",
							 matches++ ? ", " : "", names[i]);
		if (matches > 1)
			return cli_usage_error("option '%.*s' is ambiguous: %s", (int)len + 2, text,
					       list);
	}
	if (close)
		return cli_usage_error("unknown option '%.*s'; did you mean '--%s'?",
				       (int)strcspn(text, "="), text, close);
	return cli_usage_error("unknown option '%.*s'", (int)strcspn(text, "="), text);
}

/* An argument that may be a mistyped command: not a path that exists (a
 * file called "overlap" still loads), no '/' or '.' (those are paths), and
 * close to a command's name. Prints the usage error and returns EXIT_USAGE,
 * or returns 0 to take word as an input. */
static int mistyped_command(const char *word)
{
	struct stat st;
	if (strpbrk(word, "/.") || strcmp(word, "-") == 0 || stat(word, &st) == 0)
		return 0;
	size_t n;
	const char *const *names = commands_names(&n);
	const char *close = suggest_closest(word, names, n);
	if (!close)
		return 0;
	return cli_usage_error("unknown command '%s'; did you mean '%s'?", word, close);
}

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

int cli_parse(struct cli *c, int argc, char **argv)
{
	memset(c, 0, sizeof(*c));
	session_init(&c->session);
	struct session *s = &c->session;
	c->prog = argv[0];
	c->depth = 1;
	c->max_nodes = 500;
	c->width = 80;
	c->height = 24;
	c->timeout_s = 60;
	c->limit = 500;
	c->min_change = 0.01;

	int first = 1;
	if (argc > 1 && argv[1][0] != '-' && commands_find(argv[1])) {
		c->command = argv[1];
		first = 2;
	} else if (argc > 1 && strcmp(argv[1], "help") == 0) {
		struct stat st;
		if (stat("help", &st) != 0) { /* no file called help: what else could it mean */
			fputs(help_text, stdout);
			return -1;
		}
	}
	c->args = xcalloc((size_t)argc + 1, sizeof(*c->args));
	optind = first;
	opterr = 0;
	int opt;
	long v;
	double d = 0;
	/* '+' is not used: options may follow file names, as users type them */
	while ((opt = getopt_long(argc, argv, ":o:f:qh", long_opts, NULL)) != -1) {
		switch (opt) {
		case OPT_AS:
			s->load.as_name = optarg;
			break;
		case OPT_INPUT_FORMAT:
			if (format_from_name(optarg) == FMT_UNKNOWN) {
				const char *formats[FMT_COUNT];
				for (int f = 0; f < FMT_COUNT; f++)
					formats[f] = format_name(f);
				return cli_bad_value("--input-format", optarg, formats, FMT_COUNT);
			}
			s->load.format = optarg;
			break;
		case OPT_MAX_SIZE:
			if (parse_int(optarg, "--max-size", 1, LONG_MAX, &v))
				return EXIT_USAGE;
			s->load.max_file_bytes = (size_t)v;
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
			s->quiet = 1;
			break;
		case OPT_TOP:
			if (parse_int(optarg, "--top", 1, 10000000, &v))
				return EXIT_USAGE;
			c->top = (int)v;
			break;
		case OPT_THRESHOLD:
			if (parse_double(optarg, "--threshold", 0, 1, &d))
				return EXIT_USAGE;
			s->threshold = d;
			s->threshold_set = 1;
			break;
		case OPT_DF_CAP:
			if (parse_int(optarg, "--df-cap", 1, 1000000, &v))
				return EXIT_USAGE;
			s->df_cap = (int)v;
			break;
		case OPT_SLACK:
			if (parse_int(optarg, "--slack", 0, 100000, &v))
				return EXIT_USAGE;
			s->slack_days = (int)v;
			break;
		case OPT_ASOF:
			s->asof = date_parse(optarg);
			if (s->asof == DATE_UNKNOWN)
				return cli_usage_error(
				    "--asof needs a date like 2023-06-01, not '%s'", optarg);
			break;
		case OPT_WARNINGLIST:
			s->warninglists =
			    xrealloc(s->warninglists, (s->nwarninglists + 1) * sizeof(char *));
			s->warninglists[s->nwarninglists++] = optarg;
			break;
		case OPT_NO_LISTS:
			s->no_builtin_lists = 1;
			break;
		case OPT_NO_CACHE:
			s->no_cache = 1;
			break;
		case OPT_ALIASES:
			s->alias_files =
			    xrealloc(s->alias_files, (s->nalias_files + 1) * sizeof(char *));
			s->alias_files[s->nalias_files++] = optarg;
			break;
		case OPT_REVOKED:
			s->include_revoked = 1;
			break;
		case OPT_UNIT:
			c->unit = optarg;
			break;
		case OPT_SORT:
			if (!is_one_of(optarg, sort_names, NELEM(sort_names)))
				return cli_bad_value("--sort", optarg, sort_names,
						     NELEM(sort_names));
			c->sort = optarg;
			break;
		case OPT_RELATION:
			if (!is_one_of(optarg, relation_names, NELEM(relation_names)))
				return cli_bad_value("--relation", optarg, relation_names,
						     NELEM(relation_names));
			c->relation = optarg;
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
			s->workspace = optarg;
			break;
		case OPT_ANALYST:
			if (!*optarg || strlen(optarg) > 256)
				return cli_usage_error("--analyst needs a name of 1 to 256 bytes");
			s->analyst = optarg;
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
		case OPT_MISP:
			c->misp = 1;
			break;
		case OPT_COLLECTION:
			c->collections =
			    xrealloc(c->collections, (c->ncollections + 1) * sizeof(char *));
			c->collections[c->ncollections++] = optarg;
			break;
		case OPT_HEADER:
			if (!strchr(optarg, ':') || optarg[0] == ':')
				return cli_usage_error("--header needs 'Name: value', not '%s'",
						       optarg);
			c->headers = xrealloc(c->headers, (c->nheaders + 1) * sizeof(char *));
			c->headers[c->nheaders++] = optarg;
			break;
		case OPT_AUTH_FILE:
			c->auth_file = optarg;
			break;
		case OPT_CACERT:
			c->cacert = optarg;
			break;
		case OPT_CERT:
			c->cert = optarg;
			break;
		case OPT_KEY:
			c->key = optarg;
			break;
		case OPT_TIMEOUT:
			if (parse_int(optarg, "--timeout", 1, 3600, &v))
				return EXIT_USAGE;
			c->timeout_s = (int)v;
			break;
		case OPT_LIMIT:
			if (parse_int(optarg, "--limit", 1, 100000, &v))
				return EXIT_USAGE;
			c->limit = (int)v;
			break;
		case OPT_MIN_CHANGE:
			if (parse_double(optarg, "--min-change", 0, 1, &d))
				return EXIT_USAGE;
			c->min_change = d;
			break;
		case 'h':
		case OPT_HELP:
			fputs(help_text, stdout);
			return -1;
		case OPT_VERSION:
			printf("agx %s\n", AGX_VERSION);
			return -1;
		case ':':
			return cli_usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			/* a short option inside "-threshold" leaves optind on it */
			if (optopt && optind < argc && argv[optind][0] == '-' &&
			    argv[optind][1] != '-' && strchr(argv[optind], optopt))
				return unknown_option(argv[optind]);
			if (optopt && optind > 1 && strlen(argv[optind - 1]) > 2 &&
			    argv[optind - 1][1] != '-')
				return unknown_option(argv[optind - 1]);
			if (optopt)
				return cli_usage_error("unknown option '-%c'", optopt);
			return unknown_option(argv[optind - 1]);
		}
	}
	if (c->json && c->csv)
		return cli_usage_error("--json and --csv cannot be used together");
	int i = optind;
	/* options may come first: "agx --json overlaps" names the command too */
	if (!c->command && i < argc) {
		struct stat st;
		if (commands_find(argv[i]) && stat(argv[i], &st) != 0)
			c->command = argv[i++];
		else if (mistyped_command(argv[i]))
			return EXIT_USAGE;
	}
	for (; i < argc; i++)
		c->args[c->nargs++] = argv[i];
	s->inputs = (const char **)c->args;
	s->ninputs = c->nargs;
	return 0;
}

int cli_take_args(struct cli *c, size_t n, const char *usage)
{
	if (c->nargs < n) {
		cli_usage_error("'%s' needs %zu argument%s: %s", c->command, n, n == 1 ? "" : "s",
				usage);
		return -1;
	}
	c->session.inputs = (const char **)c->args + n;
	c->session.ninputs = c->nargs - n;
	return 0;
}

void cli_free(struct cli *c)
{
	session_free(&c->session);
	free(c->args);
	free(c->collections);
	free(c->headers);
	c->args = NULL;
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

int cli_export(const struct graph *g, struct overlap *ov, const struct export_req *r)
{
	struct export_outcome o;
	int rc = export_run(g, ov, r, &o);
	if (o.truncated)
		fprintf(
		    stderr,
		    "agx: the %s view has %zu nodes, more than --max-nodes %zu: drawing the %zu "
		    "most connected (raise --max-nodes, or pick a smaller view: ego, unit, "
		    "pair)\n",
		    subgraph_view_name(r->spec.view), o.total, o.nodes, o.nodes);
	if (rc == EXIT_USAGE)
		cli_usage_error("%s", o.msg);
	else if (rc != EXIT_OK)
		fprintf(stderr, "agx: %s\n", o.msg);
	return rc;
}

int cli_tlp_max(const char *s)
{
	int t = export_run_tlp_max(s);
	if (t == -2)
		cli_usage_error("--tlp-max needs a TLP level (clear, green, amber, amber+strict, "
				"red), not '%s'",
				s);
	return t;
}
