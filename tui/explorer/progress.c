#include "tui/explorer/progress.h"

#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "graph/strbuf.h"
#include "graph/text.h"
#include "loaders/load.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int columns(FILE *out)
{
	struct winsize ws;
	if (out && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

const char *progress_line(const struct progress *p, const char *path, double now, char *buf,
			  size_t n)
{
	double secs = (now - p->t0) / 1000.0;
	double mb = (double)p->bytes / (1024.0 * 1024.0);
	int len = snprintf(buf, n, "agx: loading: %zu file%s, %llu objects, %.1f MB (%.1f MB/s)",
			   p->files, p->files == 1 ? "" : "s", (unsigned long long)p->objects, mb,
			   secs > 0 ? mb / secs : 0.0);
	if (path && len > 0 && (size_t)len + 2 < n) {
		/* the file being read, escaped: a hostile name must not reach
		 * the terminal raw */
		struct strbuf sb = STRBUF_INIT;
		text_escape_into(&sb, path, 0);
		snprintf(buf + len, n - (size_t)len, " %s", strbuf_str(&sb));
		strbuf_free(&sb);
	}
	return buf;
}

static void show(struct progress *p, const char *line)
{
	int w = columns(p->out) - 1;
	/* cut to the width (by bytes, then back to a character boundary), so
	 * the line never wraps and \r can redraw it */
	size_t n = strlen(line);
	if ((int)text_width(line, 0) > w) {
		n = (size_t)w;
		while (n && ((unsigned char)line[n] & 0xc0) == 0x80)
			n--;
	}
	fprintf(p->out, "\r\033[K%.*s", (int)n, line);
	fflush(p->out);
	p->shown = 1;
}

void progress_step(void *ctx, const struct load_step *s)
{
	struct progress *p = ctx;
	/* NULL: the last input is in (the session may say so); the line stays
	 * for "computing overlaps" */
	if (!s)
		return;
	if (s->done) {
		p->files++;
		p->bytes += s->bytes;
		p->objects += s->objects;
	}
	if (!p->out)
		return;
	double now = now_ms();
	if (now - p->t0 < PROGRESS_AFTER_MS || now - p->last < PROGRESS_EVERY_MS)
		return;
	p->last = now;
	char buf[1024];
	show(p, progress_line(p, s->path, now, buf, sizeof(buf)));
}

void progress_start(struct progress *p, struct load_opts *o, FILE *out)
{
	memset(p, 0, sizeof(*p));
	p->t0 = now_ms();
	p->out = out && isatty(fileno(out)) ? out : NULL;
	if (p->out) {
		o->progress = progress_step;
		o->progress_ctx = p;
	}
}

void progress_phase(struct progress *p, const char *what)
{
	if (!p->out || !p->shown)
		return;
	char buf[1024];
	progress_line(p, NULL, now_ms(), buf, sizeof(buf));
	size_t l = strlen(buf);
	snprintf(buf + l, sizeof(buf) - l, "; %s", what);
	show(p, buf);
}

void progress_end(struct progress *p, struct load_opts *o)
{
	if (p->out && p->shown) {
		fprintf(p->out, "\r\033[K");
		fflush(p->out);
	}
	p->shown = 0;
	if (o && o->progress == progress_step) {
		o->progress = NULL;
		o->progress_ctx = NULL;
	}
}
