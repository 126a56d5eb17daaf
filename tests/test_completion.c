/* The shell completions (tui/completion/): bash parses them (bash -n) and
 * completes commands, options and option values when run as bash runs it
 * (COMP_WORDS, COMP_CWORD, `complete -p`); zsh parses its own (zsh -n,
 * skipped without zsh). Both list every command of the COMMANDS table,
 * every long option of the option table, and every value agx accepts for
 * --relation, --sort, --view, -f and --input-format, as agx's own usage
 * errors list them; and --help lists every option. */
#include "tests/testutil.h"

#include <ctype.h>

#include "graph/subgraph.h"
#include "tui/cmd/cli.h"
#include "tui/cmd/commands.h"

#define BASH_SCRIPT "tui/completion/agx.bash"
#define ZSH_SCRIPT "tui/completion/_agx"

/* The words bash completes for a command line typed up to its end (the
 * last word is the one being completed), sorted, space-separated. */
static char *complete_bash(const char *words)
{
	char cmd[2048], *out = NULL;
	snprintf(cmd, sizeof(cmd),
		 "bash -c 'source " BASH_SCRIPT "; COMP_WORDS=(%s); "
		 "COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _agx; "
		 "for w in \"${COMPREPLY[@]}\"; do echo \"$w\"; done | sort | tr \"\\n\" \" \"'",
		 words);
	assert_int_equal(run_capture(cmd, &out), 0);
	return out;
}

static void bash_parses_and_registers(void **state)
{
	(void)state;
	assert_int_equal(run_capture("bash -n " BASH_SCRIPT, NULL), 0);
	char *out = NULL;
	assert_int_equal(run_capture("bash -c 'source " BASH_SCRIPT "; complete -p agx'", &out), 0);
	assert_string_equal(out, "complete -F _agx agx\n");
	free(out);
}

static void bash_completes_words(void **state)
{
	(void)state;
	static const struct {
		const char *typed, *want;
	} cases[] = {
	    {"agx over", "overlaps "},
	    {"agx cl", "clusters "},
	    {"agx --json ali", "aliases "},
	    {"agx --as X ove", "overlaps "}, /* X is --as's value, not the command */
	    {"agx overlaps --thr", "--threshold "},
	    {"agx overlaps --rel", "--relation "},
	    {"agx overlaps --relation c", "corroboration "},
	    {"agx overlaps --relation \"\"", "all corroboration internal overlap "},
	    {"agx overlaps --sort t", "techniques tools "},
	    {"agx export --view p", "pair "},
	    {"agx export -f s", "stix svg "},
	    {"agx export --tlp-max a", "amber amber+strict "},
	    {"agx --input-format misp", "misp misp-galaxy "},
	    {"agx stats --top \"\"", ""}, /* a number: nothing to offer */
	    {"agx stats tui/completion/agx.b", "tui/completion/agx.bash "},
	    {"agx --warninglist data/warninglists/public", "data/warninglists/public-dns.txt "},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = complete_bash(cases[i].typed);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("'%s': completed '%s', want '%s'", cases[i].typed, got,
				 cases[i].want);
		free(got);
	}
}

static void zsh_parses(void **state)
{
	(void)state;
	if (system("command -v zsh >/dev/null 2>&1") != 0)
		skip();
	assert_int_equal(run_capture("zsh -n " ZSH_SCRIPT, NULL), 0);
}

/* Whether word appears in text as a whole word (between non-word bytes). */
static int has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = text; (p = strstr(p, word)); p++) {
		int before =
		    p == text || !(p[-1] == '-' || p[-1] == '_' || isalnum((unsigned char)p[-1]));
		int after = !(p[n] == '-' || p[n] == '_' || isalnum((unsigned char)p[n]));
		if (before && after)
			return 1;
	}
	return 0;
}

static void both_scripts_have(const char *word)
{
	static char *scripts[2];
	if (!scripts[0]) {
		scripts[0] = read_file_all(BASH_SCRIPT, NULL);
		scripts[1] = read_file_all(ZSH_SCRIPT, NULL);
		assert_non_null(scripts[0]);
		assert_non_null(scripts[1]);
	}
	for (int i = 0; i < 2; i++)
		if (!has_word(scripts[i], word))
			fail_msg("%s does not offer '%s'", i ? ZSH_SCRIPT : BASH_SCRIPT, word);
}

/* The values agx lists in its usage error for a bad value of option
 * ("--sort takes infra, tools or techniques, not 'x'"), each checked. */
static void values_listed_by_agx(const char *args, const char *opt)
{
	char cmd[512], *err = NULL;
	snprintf(cmd, sizeof(cmd), "%s %s 2>&1 >/dev/null", agx_bin(), args);
	assert_int_equal(run_capture(cmd, &err), 2);
	char lead[64];
	snprintf(lead, sizeof(lead), "%s takes ", opt);
	char *p = strstr(err, lead);
	if (!p)
		fail_msg("no value list in: %s", err);
	p += strlen(lead);
	char *end = strstr(p, ", not '");
	assert_non_null(end);
	*end = '\0';
	size_t n = 0;
	for (char *w = strtok(p, ", "); w; w = strtok(NULL, ", "))
		if (strcmp(w, "or") != 0) {
			both_scripts_have(w);
			n++;
		}
	assert_true(n >= 3);
	free(err);
}

static void scripts_know_everything_agx_has(void **state)
{
	(void)state;
	size_t n;
	const char *const *cmds = commands_names(&n);
	assert_true(n >= 11);
	for (size_t i = 0; i < n; i++)
		both_scripts_have(cmds[i]);
	char *help = NULL;
	assert_int_equal(run_agx("--help", &help), 0);
	char opt[64];
	size_t nopts = 0;
	for (size_t i = 0; cli_long_option(i); i++, nopts++) {
		snprintf(opt, sizeof(opt), "--%s", cli_long_option(i));
		both_scripts_have(opt);
		if (!has_word(help, opt))
			fail_msg("agx --help does not list %s", opt);
	}
	assert_true(nopts >= 45);
	free(help);
	values_listed_by_agx("overlaps --sort x", "--sort");
	values_listed_by_agx("overlaps --relation x", "--relation");
	values_listed_by_agx("export --view overlap -f x", "-f");
	values_listed_by_agx("--input-format x", "--input-format");
	for (int v = 0; v < SG_VIEW_COUNT; v++)
		both_scripts_have(subgraph_view_name(v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(bash_parses_and_registers),
	    cmocka_unit_test(bash_completes_words),
	    cmocka_unit_test(zsh_parses),
	    cmocka_unit_test(scripts_know_everything_agx_has),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
