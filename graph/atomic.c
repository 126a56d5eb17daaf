#include "graph/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "graph/xalloc.h"

static int fail(char *err, size_t errlen, const char *what, const char *path)
{
	int e = errno;
	if (err && errlen)
		snprintf(err, errlen, "%s %s: %s", what, path, strerror(e));
	errno = e;
	return -1;
}

int atomic_write(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
	struct atomic_part part = {data, len};
	return atomic_writev(path, &part, 1, err, errlen);
}

int atomic_writev(const char *path, const struct atomic_part *parts, size_t nparts, char *err,
		  size_t errlen)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return fail(err, errlen, "cannot create a temporary file beside", path);
	}
	for (size_t k = 0; k < nparts; k++) {
		const char *p = parts[k].data;
		size_t left = parts[k].len;
		while (left) {
			ssize_t n = write(fd, p, left);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				int rc = fail(err, errlen, "cannot write", path);
				close(fd);
				unlink(tmp);
				free(tmp);
				return rc;
			}
			p += n;
			left -= (size_t)n;
		}
	}
	/* mkstemp makes 0600; outputs are ordinary files */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	if (fsync(fd) != 0 || close(fd) != 0) {
		int rc = fail(err, errlen, "cannot flush", path);
		unlink(tmp);
		free(tmp);
		return rc;
	}
	if (rename(tmp, path) != 0) {
		int rc = fail(err, errlen, "cannot rename into", path);
		unlink(tmp);
		free(tmp);
		return rc;
	}
	free(tmp);
	char *copy = xstrdup(path);
	int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(copy);
	return 0;
}
