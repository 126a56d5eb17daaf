/* Fuzzes the --script reader (keys, <Names>, :commands, @size): parsed
 * from text and from a file; bounded, and every step it yields is one the
 * explorer can take. */
#include "tests/fuzz/fuzz_common.h"
#include "tui/explorer/keys.h"
#include "tui/explorer/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const char *path = fuzz_write("keys", data, n);
	struct script s;
	char err[1024];
	if (script_load(path, 0, &s, err, sizeof(err)) == 0) {
		if (s.n > SCRIPT_MAX_STEPS)
			abort();
		for (size_t i = 0; i < s.n; i++) {
			const struct step *st = &s.steps[i];
			if (st->kind == STEP_SIZE &&
			    (st->w < 20 || st->h < 5 || st->w > 1000 || st->h > 1000))
				abort();
			if (st->kind == STEP_COMMAND && !st->cmd)
				abort();
			if (st->kind == STEP_KEY && st->key < 0)
				abort();
		}
		script_free(&s);
	} else if (!strstr(err, "error:")) {
		abort();
	}
	return 0;
}
