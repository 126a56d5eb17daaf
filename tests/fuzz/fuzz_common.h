/* Shared by the libFuzzer harnesses: a private temporary directory that
 * lives for the fuzzing process, and writing one input into a file there
 * (the loaders read paths, as agx does). */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_dir[256];

static void fuzz_cleanup(void)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fuzz_dir);
	if (fuzz_dir[0] && system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", fuzz_dir);
}

/* Writes data to fuzz_dir/name; returns the path (static). */
static __attribute__((unused)) const char *fuzz_write(const char *name, const uint8_t *data,
						     size_t n)
{
	static char path[512];
	if (!fuzz_dir[0]) {
		const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/agx-fuzz.XXXXXX", base);
		if (!mkdtemp(fuzz_dir))
			abort();
		atexit(fuzz_cleanup);
	}
	snprintf(path, sizeof(path), "%s/%s", fuzz_dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (n && fwrite(data, 1, n, f) != n)
		abort();
	fclose(f);
	return path;
}
#endif
