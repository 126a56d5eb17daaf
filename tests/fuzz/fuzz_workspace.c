/* Fuzzes the workspace reader, and what a session then writes: the input is
 * a workspace file; when it reads, a session changes it (a verdict, a note,
 * an edit and a delete of the first note, an alias and an attribution
 * decision, the first alias decision forgotten) and saves, and what was written
 * must read back with the same records, keep the input's unknown arrays, and
 * hold only valid UTF-8. A file that does not read must be left as it was. */
#include <jansson.h>

#include "graph/annot.h"
#include "tests/fuzz/fuzz_common.h"
#include "tui/session/workspace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const char *p = fuzz_write("ws.json", data, n);
	char path[512];
	snprintf(path, sizeof(path), "%s", p);
	struct annot a;
	annot_init(&a);
	struct workspace w;
	char err[2048];
	if (workspace_open(&w, path, 0, &a, err, sizeof(err)) != 0) {
		/* refused: the bytes stay */
		FILE *f = fopen(path, "rb");
		char *back = malloc(n + 1);
		size_t got = f ? fread(back, 1, n + 1, f) : 0;
		if (f)
			fclose(f);
		if (got != n || (n && memcmp(back, data, n)))
			abort();
		free(back);
		workspace_close(&w);
		annot_free(&a);
		return 0;
	}
	size_t verdicts = a.nverdicts, notes = a.nnotes;
	workspace_set_verdict(&w, &a, "pair:actor:a|actor:b", VERDICT_CONFIRMED);
	const char *id = workspace_add_note(&w, &a, "actor:a", "fuzz \xe2\x80\x94 note");
	char keep[64];
	snprintf(keep, sizeof(keep), "%s", id);
	if (notes) {
		char *first = strdup(a.notes[0].id);
		if (workspace_edit_note(&w, &a, first, "edited") != 0)
			abort();
		if (strcmp(first, keep) && workspace_delete_note(&w, &a, first) != 0)
			abort();
		free(first);
	}
	/* decisions, by an author a terminal must not obey */
	w.author = "fuzz \x1b[31m";
	if (a.naliases) {
		char *first = strdup(a.aliases[0].id);
		if (workspace_forget_alias(&w, &a, first) != 0)
			abort();
		free(first);
	}
	if (!workspace_decide_alias(&w, &a, "APT3", "Gothic Panda", 1, 0))
		abort();
	workspace_attribute(&w, &a, "d/x.json#report--1", "APT41", "fuzz");
	if (workspace_save(&w, &a, err, sizeof(err)) < 0)
		abort(); /* a readable workspace in a writable folder is saved */
	struct annot b;
	annot_init(&b);
	if (workspace_load(path, &b, err, sizeof(err)) != 0)
		abort(); /* what agx writes, agx reads */
	if (b.nverdicts != a.nverdicts || b.nnotes != a.nnotes || !annot_find_note(&b, keep) ||
	    annot_verdict_of(&b, "pair:actor:a|actor:b") != VERDICT_CONFIRMED)
		abort();
	if (b.nverdicts < verdicts || b.nnotes + (notes ? 1 : 0) < notes)
		abort();
	if (b.naliases != a.naliases || b.nattribs != a.nattribs ||
	    !annot_find_alias(&b, "alias:apt3|gothicpanda") ||
	    !annot_find_attrib(&b, "d/x.json#report--1"))
		abort();
	/* arrays this agx does not know are still there */
	json_t *in = json_loadb((const char *)data, n, 0, NULL);
	json_t *out = json_load_file(path, 0, NULL);
	if (!out)
		abort();
	const char *k;
	json_t *v;
	json_object_foreach(in, k, v)
	{
		if (strcmp(k, "verdicts") && strcmp(k, "notes") && strcmp(k, "aliases") &&
		    strcmp(k, "attributions") && !json_object_get(out, k))
			abort();
	}
	json_decref(in);
	json_decref(out);
	annot_free(&b);
	workspace_close(&w);
	annot_free(&a);
	return 0;
}
