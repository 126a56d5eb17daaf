#include "graph/atomic.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "graph/xalloc.h"

enum { MAX_LINKS = 40, STALE_SECONDS = 3600 };

static int fail(char *err, size_t errlen, const char *what, const char *path)
{
	int e = errno;
	if (err && errlen)
		snprintf(err, errlen, "%s %s: %s", what, path, strerror(e));
	errno = e;
	return -1;
}

static int refuse(char *err, size_t errlen, const char *path, const char *why, int e)
{
	if (err && errlen)
		snprintf(err, errlen, "%s %s: not written", path, why);
	errno = e;
	return -1;
}

/* The directory part of path ("." when none), a fresh string. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *atomic_target(const char *path, char *err, size_t errlen)
{
	char *cur = xstrdup(path);
	for (int hop = 0; hop <= MAX_LINKS; hop++) {
		struct stat st;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;
		char buf[PATH_MAX];
		ssize_t n = readlink(cur, buf, sizeof(buf) - 1);
		if (n <= 0)
			break;
		buf[n] = '\0';
		char *next;
		if (buf[0] == '/') {
			next = xstrdup(buf);
		} else {
			char *dir = dir_of(cur);
			next = xasprintf("%s/%s", dir, buf);
			free(dir);
		}
		free(cur);
		cur = next;
	}
	free(cur);
	if (err && errlen)
		snprintf(err, errlen, "%s: symbolic links loop or are nested too deep: not written",
			 path);
	errno = ELOOP;
	return NULL;
}

static int no_write_bits(const struct stat *st)
{
	return (st->st_mode & 0222) == 0;
}

int atomic_read_only(const char *path)
{
	char *t = atomic_target(path, NULL, 0);
	struct stat st;
	int ro = t && stat(t, &st) == 0 && S_ISREG(st.st_mode) &&
		 (no_write_bits(&st) || access(t, W_OK) != 0);
	free(t);
	return ro;
}

/* Writes the parts in order; -1 with errno set on failure. */
static int write_parts(int fd, const struct atomic_part *parts, size_t nparts)
{
	for (size_t k = 0; k < nparts; k++) {
		const char *p = parts[k].data;
		size_t left = parts[k].len;
		while (left) {
			ssize_t n = write(fd, p, left);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				if (n == 0)
					errno = EIO;
				return -1;
			}
			p += n;
			left -= (size_t)n;
		}
	}
	return 0;
}

/* A character device or FIFO: written in place, from the start. */
static int write_through(const char *path, const struct atomic_part *parts, size_t nparts,
			 unsigned flags, int fifo, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (fifo && (flags & ATOMIC_NOWAIT) ? O_NONBLOCK : 0));
	if (fd < 0 && errno == ENXIO)
		return refuse(err, errlen, path, "is a FIFO nobody reads", ENXIO);
	if (fd < 0)
		return fail(err, errlen, "cannot open", path);
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	if (write_parts(fd, parts, nparts) != 0) {
		int rc = fail(err, errlen, "cannot write", path);
		close(fd);
		return rc;
	}
	if (close(fd) != 0)
		return fail(err, errlen, "cannot write", path);
	return 0;
}

/* The temporary name's middle: this host and process, so that a later run
 * can tell a dead writer's leftovers from a live one's. */
static void owner_tag(char *buf, size_t n)
{
	char host[64] = "";
	if (gethostname(host, sizeof(host) - 1) != 0 || !host[0])
		snprintf(host, sizeof(host), "host");
	host[sizeof(host) - 1] = '\0';
	for (char *h = host; *h; h++)
		if (*h == '.' || *h == '/')
			*h = '_';
	snprintf(buf, n, "%s.%ld", host, (long)getpid());
}

static int replace(const char *path, const struct stat *old, const struct atomic_part *parts,
		   size_t nparts, char *err, size_t errlen)
{
	char tag[96];
	owner_tag(tag, sizeof(tag));
	char *tmp = xasprintf("%s.tmp.%s.XXXXXX", path, tag);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return fail(err, errlen, "cannot create a temporary file beside", path);
	}
	if (write_parts(fd, parts, nparts) != 0) {
		int rc = fail(err, errlen, "cannot write", path);
		close(fd);
		unlink(tmp);
		free(tmp);
		return rc;
	}
	/* mkstemp makes 0600: a replaced file keeps its bits, a new one gets
	 * what the umask allows, as any other program's output */
	if (old) {
		fchmod(fd, old->st_mode & 07777);
	} else {
		mode_t um = umask(0);
		umask(um);
		fchmod(fd, 0666 & ~um);
	}
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
	char *dir = dir_of(path);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	return 0;
}

int atomic_write(const char *path, const void *data, size_t len, unsigned flags, char *err,
		 size_t errlen)
{
	struct atomic_part part = {data, len};
	return atomic_writev(path, &part, 1, flags, err, errlen);
}

int atomic_writev(const char *path, const struct atomic_part *parts, size_t nparts,
		  unsigned flags, char *err, size_t errlen)
{
	char *target = atomic_target(path, err, errlen);
	if (!target)
		return -1;
	struct stat st;
	int rc;
	if (stat(target, &st) != 0) {
		rc = errno == ENOENT ? replace(target, NULL, parts, nparts, err, errlen)
				     : fail(err, errlen, "cannot write", path);
	} else if (S_ISREG(st.st_mode)) {
		if (no_write_bits(&st) || access(target, W_OK) != 0)
			rc = refuse(err, errlen, path, "is read-only", EACCES);
		else
			rc = replace(target, &st, parts, nparts, err, errlen);
	} else if ((S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) &&
		   !(flags & ATOMIC_REGULAR_ONLY)) {
		rc = write_through(target, parts, nparts, flags, S_ISFIFO(st.st_mode), err, errlen);
	} else {
		rc = refuse(err, errlen, path,
			    S_ISDIR(st.st_mode)	   ? "is a directory"
			    : S_ISBLK(st.st_mode)  ? "is a block device"
			    : S_ISSOCK(st.st_mode) ? "is a socket"
						   : "is not a regular file",
			    EINVAL);
	}
	free(target);
	return rc;
}

/* NAME.tmp.HOST.PID.XXXXXX: whether HOST is this host and PID is gone. */
static int dead_writer(const char *tail)
{
	char host[64] = "";
	if (gethostname(host, sizeof(host) - 1) != 0)
		return 0;
	host[sizeof(host) - 1] = '\0';
	for (char *h = host; *h; h++)
		if (*h == '.' || *h == '/')
			*h = '_';
	size_t hl = strlen(host);
	if (strncmp(tail, host, hl) != 0 || tail[hl] != '.')
		return 0;
	char *end;
	long pid = strtol(tail + hl + 1, &end, 10);
	if (pid <= 0 || *end != '.' || strlen(end + 1) != 6)
		return 0;
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

int atomic_clean_stale(const char *path)
{
	char *target = atomic_target(path, NULL, 0);
	if (!target)
		return 0;
	char *dir = dir_of(target);
	const char *slash = strrchr(target, '/');
	const char *base = slash ? slash + 1 : target;
	char *prefix = xasprintf("%s.tmp.", base);
	size_t pl = strlen(prefix);
	int removed = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	time_t now = time(NULL);
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, prefix, pl) != 0)
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) &&
		    (dead_writer(e->d_name + pl) || now - st.st_mtime > STALE_SECONDS) &&
		    unlink(p) == 0)
			removed++;
		free(p);
	}
	if (d)
		closedir(d);
	free(prefix);
	free(dir);
	free(target);
	return removed;
}
