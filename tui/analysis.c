#include "tui/analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "graph/overlap.h"
#include "graph/warnlist.h"
#include "graph/xalloc.h"

static int report(struct diag_list *d, const char *path)
{
	int bad = 0;
	for (size_t i = 0; i < d->count; i++) {
		if (d->items[i].level != DIAG_ERROR)
			continue;
		fprintf(stderr, "%s: error: %s\n", path, d->items[i].msg);
		bad = 1;
	}
	return bad;
}

int analysis_open(struct cli *c, struct analysis *a)
{
	memset(a, 0, sizeof(*a));
	int rc = EXIT_OK;
	a->lists = warnlist_new();
	if (!c->no_builtin_lists) {
		char *dir = xasprintf("%s/warninglists", cli_data_dir());
		struct stat st;
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
			struct diag_list d;
			diag_init(&d);
			warnlist_load_dir(a->lists, dir, &d);
			if (report(&d, dir))
				rc = EXIT_INPUT;
			diag_free(&d);
		}
		free(dir);
	}
	for (size_t i = 0; i < c->nwarninglists; i++) {
		struct diag_list d;
		diag_init(&d);
		if (warnlist_load(a->lists, c->warninglists[i], &d) != 0 || d.counts[DIAG_ERROR]) {
			if (!report(&d, c->warninglists[i]))
				fprintf(stderr, "%s: error: cannot load this warninglist\n",
					c->warninglists[i]);
			rc = EXIT_INPUT;
		}
		diag_free(&d);
	}
	struct overlap_opts o;
	overlap_opts_default(&o);
	o.df_cap = c->df_cap;
	o.slack_days = c->slack_days;
	o.asof = c->asof;
	o.threshold = c->threshold;
	o.include_revoked = c->include_revoked;
	o.lists = a->lists;
	a->ov = overlap_compute(c->g, &o);
	return rc;
}

void analysis_close(struct analysis *a)
{
	overlap_free(a->ov);
	warnlist_free(a->lists);
	memset(a, 0, sizeof(*a));
}
