/* Helpers shared by the cmocka suites: where the corpus and the agx binary
 * are, temporary directories, and running agx as a subprocess.
 * Tests that need ../shared/corpus call corpus_or_skip(), which skips the
 * test cleanly when the corpus is absent. */
#ifndef TESTUTIL_H
#define TESTUTIL_H
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

/* Absolute path of a corpus file into a static buffer, or NULL when the
 * corpus is not there. AGX_CORPUS overrides ../shared/corpus. */
static inline const char *corpus_path(const char *rel)
{
	static char buf[4][4096];
	static int next;
	const char *root = getenv("AGX_CORPUS");
	char *b = buf[next++ % 4];
	if (root)
		snprintf(b, 4096, "%s/%s", root, rel);
	else
		snprintf(b, 4096, "../shared/corpus/%s", rel);
	struct stat st;
	return stat(b, &st) == 0 ? b : NULL;
}

#define corpus_or_skip(rel)                                                 \
	({                                                                  \
		const char *p_ = corpus_path(rel);                          \
		if (!p_) {                                                  \
			print_message("corpus file %s absent: skipped\n", rel); \
			skip();                                             \
		}                                                           \
		p_;                                                         \
	})

/* The agx binary under test ($AGX, else ./agx). */
static inline const char *agx_bin(void)
{
	const char *p = getenv("AGX");
	return p ? p : "./agx";
}

/* A fresh directory under tests/tmp/ for this test; returns a static path. */
static inline const char *test_tmpdir(const char *name)
{
	static char buf[1024];
	snprintf(buf, sizeof(buf), "tests/tmp/%s.%d", name, (int)getpid());
	char cmd[2200]; /* two copies of buf and the command */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s'", buf, buf);
	if (system(cmd) != 0)
		fail_msg("cannot make %s", buf);
	return buf;
}

/* Writes text to path (for fixtures built inside a test). */
static inline void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Reads a whole file; the caller frees. NULL when absent. */
static inline char *read_file_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *b = malloc(cap);
	size_t r;
	while ((r = fread(b + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (cap - n < 2)
			b = realloc(b, cap *= 2);
	}
	fclose(f);
	b[n] = '\0';
	if (len)
		*len = n;
	return b;
}

/* Runs a shell command line; its stdout goes to *out (caller frees, may be
 * NULL to discard). Returns the exit status, or -1 when killed by a signal. */
static inline int run_capture(const char *cmdline, char **out)
{
	char tmpl[] = "/tmp/agx-test-out.XXXXXX";
	int fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	close(fd);
	size_t n = strlen(cmdline) + strlen(tmpl) + 32;
	char *cmd = malloc(n);
	snprintf(cmd, n, "{ %s ; } > %s", cmdline, tmpl);
	int st = system(cmd);
	free(cmd);
	if (out)
		*out = read_file_all(tmpl, NULL);
	unlink(tmpl);
	if (WIFSIGNALED(st))
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Runs agx with the given argument string (already shell-quoted). */
static inline int run_agx(const char *args, char **out)
{
	size_t n = strlen(agx_bin()) + strlen(args) + 2;
	char *cmd = malloc(n);
	snprintf(cmd, n, "%s %s", agx_bin(), args);
	int rc = run_capture(cmd, out);
	free(cmd);
	return rc;
}
#endif
