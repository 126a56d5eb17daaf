#include "graph/infile.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static int fail(struct infile *f, enum diag_code code, char *err, size_t errlen, const char *fmt,
		...) __attribute__((format(printf, 5, 6)));
static int fail(struct infile *f, enum diag_code code, char *err, size_t errlen, const char *fmt,
		...)
{
	va_list ap;
	va_start(ap, fmt);
	if (err && errlen)
		vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	f->code = code;
	if (f->fp)
		fclose(f->fp);
	f->fp = NULL;
	return -1;
}

/* "/dev/fd/3", "/proc/self/fd/0", "/proc/123/fd/7", "/dev/stdin" */
static int names_fd(const char *p)
{
	if (!strcmp(p, "/dev/stdin") || !strncmp(p, "/dev/fd/", 8) ||
	    !strncmp(p, "/proc/self/fd/", 14) || !strncmp(p, "pipe:[", 6))
		return 1;
	if (strncmp(p, "/proc/", 6) != 0)
		return 0;
	p += 6;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	return strncmp(p, "/fd/", 4) == 0;
}

int infile_is_stdin_like(const char *path)
{
	if (!strcmp(path, "-"))
		return 1;
	char cur[PATH_MAX], next[PATH_MAX];
	snprintf(cur, sizeof(cur), "%s", path);
	/* the link chain (bounded: a loop ends it) */
	for (int hop = 0; hop < 16; hop++) {
		if (names_fd(cur))
			return 1;
		ssize_t n = readlink(cur, next, sizeof(next) - 1);
		if (n <= 0)
			return 0;
		next[n] = '\0';
		if (next[0] != '/' && strncmp(next, "pipe:[", 6) != 0) {
			/* relative to the link's directory */
			char *slash = strrchr(cur, '/');
			size_t dl = slash ? (size_t)(slash - cur + 1) : 0;
			if (dl + (size_t)n + 1 > sizeof(cur))
				return 0;
			memmove(cur + dl, next, (size_t)n + 1);
		} else {
			memcpy(cur, next, (size_t)n + 1);
		}
	}
	return 0;
}

static const char *type_name(mode_t m)
{
	if (S_ISFIFO(m))
		return "a FIFO (named pipe)";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	if (S_ISDIR(m))
		return "a directory";
	return "not a regular file";
}

/* Copies fd to the end into an unnamed temporary file, at most max bytes. */
static int spool(struct infile *f, int fd, size_t max, const volatile sig_atomic_t *cancel,
		 char *err, size_t errlen)
{
	f->fp = tmpfile();
	if (!f->fp)
		return fail(f, D_IO, err, errlen, "cannot make a temporary file to read into: %s",
			    strerror(errno));
	char buf[65536];
	size_t total = 0;
	for (;;) {
		if (cancel && *cancel)
			return fail(f, D_IO, err, errlen, "reading interrupted");
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return fail(f, D_IO, err, errlen, "read error: %s", strerror(errno));
		if (n == 0)
			break;
		if (total + (size_t)n > max)
			return fail(f, D_LIMIT, err, errlen,
				    "more than %zu bytes, over the limit (--max-size)", max);
		if (fwrite(buf, 1, (size_t)n, f->fp) != (size_t)n)
			return fail(f, D_IO, err, errlen, "cannot write the temporary file: %s",
				    strerror(errno));
		total += (size_t)n;
	}
	if (fflush(f->fp) != 0)
		return fail(f, D_IO, err, errlen, "cannot write the temporary file: %s",
			    strerror(errno));
	rewind(f->fp);
	f->size = total;
	f->spooled = 1;
	return 0;
}

int infile_open(struct infile *f, const char *path, size_t max, const volatile sig_atomic_t *cancel,
		char *err, size_t errlen)
{
	memset(f, 0, sizeof(*f));
	if (!max)
		max = INFILE_MAX_DEFAULT;
	if (!strcmp(path, "-"))
		return spool(f, STDIN_FILENO, max, cancel, err, errlen);
	struct stat st;
	if (stat(path, &st) != 0)
		return fail(f, D_IO, err, errlen, "cannot open: %s", strerror(errno));
	/* /dev/null reads as an empty file, as every tool reads it */
	int null_dev = S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 3;
	int stdin_like = !S_ISREG(st.st_mode) && (null_dev || infile_is_stdin_like(path));
	if (!S_ISREG(st.st_mode) && !(stdin_like && !S_ISDIR(st.st_mode)))
		return fail(f, D_UNSAFE, err, errlen,
			    "%s: not read (agx reads regular files; a pipe only as standard "
			    "input: '-' or /dev/stdin)",
			    type_name(st.st_mode));
	/* O_NONBLOCK: should the path have become a FIFO since stat, the open
	 * does not wait for a writer; fstat below has the last word */
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return fail(f, D_IO, err, errlen, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) != 0 || (!S_ISREG(st.st_mode) && !stdin_like) || S_ISDIR(st.st_mode)) {
		close(fd);
		return fail(f, D_UNSAFE, err, errlen, "%s: not read", type_name(st.st_mode));
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	if (!S_ISREG(st.st_mode) || st.st_size == 0) {
		int rc = spool(f, fd, max, cancel, err, errlen);
		close(fd);
		return rc;
	}
	if ((size_t)st.st_size > max) {
		close(fd);
		return fail(f, D_LIMIT, err, errlen,
			    "file is %lld bytes, over the %zu-byte limit (--max-size)",
			    (long long)st.st_size, max);
	}
	f->fp = fdopen(fd, "rb");
	if (!f->fp) {
		close(fd);
		return fail(f, D_IO, err, errlen, "cannot open: %s", strerror(errno));
	}
	f->size = (size_t)st.st_size;
	return 0;
}

void infile_close(struct infile *f)
{
	if (f->fp)
		fclose(f->fp);
	f->fp = NULL;
}

int infile_line(FILE *fp, struct strbuf *line, size_t max, int *too_long)
{
	strbuf_reset(line);
	*too_long = 0;
	int ch, any = 0;
	while ((ch = getc_unlocked(fp)) != EOF) {
		any = 1;
		if (ch == '\n')
			break;
		if (line->len < max)
			strbuf_addc(line, (char)ch);
		else
			*too_long = 1;
	}
	if (!any)
		return 0;
	if (!*too_long && line->len && line->buf[line->len - 1] == '\r')
		strbuf_truncate(line, line->len - 1);
	strbuf_add(line, "", 0);
	return 1;
}
