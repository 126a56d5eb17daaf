#include "tui/cmd/progress.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "graph/strbuf.h"
#include "graph/text.h"
#include "loaders/load.h"

enum { SHOW_AFTER_MS = 500, REDRAW_EVERY_MS = 100 };

static struct progress reporter = {.t0 = -1, .fd = STDERR_FILENO};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* 48310 -> "48,310" */
static void add_count(struct strbuf *sb, uint64_t n)
{
	char digits[32];
	int len = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)n);
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			strbuf_addc(sb, ',');
		strbuf_addc(sb, digits[i]);
	}
}

void progress_format(const struct progress *p, double now_ms, const char *path, int width,
		     struct strbuf *out)
{
	strbuf_reset(out);
	double mb = (double)p->bytes / 1e6, secs = (now_ms - p->t0) / 1e3;
	strbuf_addf(out, "agx: loading %zu file%s, ", p->files, p->files == 1 ? "" : "s");
	add_count(out, p->objects);
	strbuf_addf(out, " objects, %.1f MB", mb);
	if (secs > 0)
		strbuf_addf(out, ", %.1f MB/s", mb / secs);
	if (path && *path) {
		const char *slash = strrchr(path, '/');
		strbuf_adds(out, "  ");
		text_display_into(out, slash && slash[1] ? slash + 1 : path, 0);
	}
	/* one line, never wrapped: cut at a character boundary */
	if (width > 0 && text_width(strbuf_str(out), 0) > width) {
		size_t keep = 0;
		const char *s = strbuf_str(out);
		while (keep < out->len) {
			size_t k = 1;
			while (keep + k < out->len && ((unsigned char)s[keep + k] & 0xC0) == 0x80)
				k++;
			if (text_width_n(s, keep + k, 0) > width)
				break;
			keep += k;
		}
		strbuf_truncate(out, keep);
	}
}

static int columns(int fd)
{
	struct winsize ws;
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1)
		return ws.ws_col - 1; /* the last column wraps on some terminals */
	return 79;
}

static void put(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w <= 0)
			return; /* a progress line is not worth an error */
		s += w;
		n -= (size_t)w;
	}
}

static void on_step(void *ctx, const struct load_step *step)
{
	struct progress *p = ctx;
	double now = now_ms();
	if (!step) { /* the load is over: leave a clean line for what follows */
		if (p->shown)
			put(p->fd, "\r\033[K", 4);
		p->shown = 0;
		p->t0 = -1;
		p->files = 0;
		p->bytes = p->objects = 0;
		return;
	}
	if (p->t0 < 0)
		p->t0 = now;
	if (!step->done) {
		const char *slash = strrchr(step->path, '/');
		snprintf(p->current, sizeof(p->current), "%s",
			 slash && slash[1] ? slash + 1 : step->path);
	} else {
		p->files++;
		p->bytes += step->bytes;
		p->objects += step->objects;
	}
	if (now - p->t0 < SHOW_AFTER_MS || (p->shown && now - p->drawn_at < REDRAW_EVERY_MS))
		return;
	struct strbuf line = STRBUF_INIT;
	strbuf_adds(&line, "\r");
	struct strbuf text = STRBUF_INIT;
	progress_format(p, now, p->current, columns(p->fd), &text);
	strbuf_adds(&line, strbuf_str(&text));
	strbuf_adds(&line, "\033[K");
	put(p->fd, strbuf_str(&line), line.len);
	strbuf_free(&text);
	strbuf_free(&line);
	p->shown = 1;
	p->drawn_at = now;
}

void progress_attach(struct load_opts *o)
{
	const char *off = getenv("AGX_NO_PROGRESS"); /* as agx pull's */
	if (!isatty(reporter.fd) || (off && *off))
		return;
	o->progress = on_step;
	o->progress_ctx = &reporter;
}
