#include "tui/cmd/remote.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "graph/xalloc.h"
#include "tui/cmd/cli.h"

static void set(char **dst, const char *v)
{
	free(*dst);
	*dst = v && *v ? xstrdup(v) : NULL;
}

/* NAME=value lines; '#' comments and blank lines skipped. */
static int read_auth_file(struct remote *r, const char *path)
{
	struct stat st;
	FILE *fp = fopen(path, "r");
	if (!fp || fstat(fileno(fp), &st) != 0) {
		fprintf(stderr, "agx: %s: error: cannot read the auth file: %s\n", path,
			strerror(errno));
		if (fp)
			fclose(fp);
		return EXIT_INPUT;
	}
	if (st.st_mode & 077) {
		fprintf(stderr,
			"agx: %s: error: the auth file is readable by others (mode %04o); "
			"run: chmod 600 %s\n",
			path, (unsigned)(st.st_mode & 07777), path);
		fclose(fp);
		return EXIT_INPUT;
	}
	char line[4096];
	unsigned no = 0;
	int rc = 0;
	while (fgets(line, sizeof(line), fp)) {
		no++;
		line[strcspn(line, "\r\n")] = '\0';
		char *p = line + strspn(line, " \t");
		if (!*p || *p == '#')
			continue;
		char *eq = strchr(p, '=');
		if (!eq) {
			fprintf(stderr, "agx: %s:%u:1: error: expected NAME=value\n", path, no);
			rc = EXIT_INPUT;
			break;
		}
		*eq = '\0';
		const char *v = eq + 1;
		if (!strcmp(p, "AGX_TAXII_USER"))
			set(&r->user, v);
		else if (!strcmp(p, "AGX_TAXII_PASSWORD"))
			set(&r->password, v);
		else if (!strcmp(p, "AGX_TAXII_TOKEN"))
			set(&r->token, v);
		else if (!strcmp(p, "AGX_MISP_KEY"))
			set(&r->misp_key, v);
		else {
			fprintf(stderr,
				"agx: %s:%u:1: error: unknown name '%s' (AGX_TAXII_USER, "
				"AGX_TAXII_PASSWORD, AGX_TAXII_TOKEN, AGX_MISP_KEY)\n",
				path, no, p);
			rc = EXIT_INPUT;
			break;
		}
	}
	fclose(fp);
	return rc;
}

int remote_init(struct remote *r, const struct cli *c, int misp)
{
	memset(r, 0, sizeof(*r));
	set(&r->user, getenv("AGX_TAXII_USER"));
	set(&r->password, getenv("AGX_TAXII_PASSWORD"));
	set(&r->token, getenv("AGX_TAXII_TOKEN"));
	set(&r->misp_key, getenv("AGX_MISP_KEY"));
	if (c->auth_file) {
		int rc = read_auth_file(r, c->auth_file);
		if (rc)
			return rc;
	}
	struct http_opts *o = &r->http;
	r->headers = xcalloc(c->nheaders + 1, sizeof(*r->headers));
	for (size_t i = 0; i < c->nheaders; i++)
		r->headers[i] = c->headers[i];
	o->headers = r->headers;
	o->nheaders = c->nheaders;
	o->cacert = c->cacert;
	o->cert = c->cert;
	o->key = c->key;
	o->timeout_s = c->timeout_s;
	const char *from = c->auth_file ? "the auth file" : "the environment";
	static char used[160];
	if (misp) {
		if (r->misp_key) {
			/* MISP's key goes bare, without a scheme */
			r->misp_header = xasprintf("Authorization: %s", r->misp_key);
			r->headers[o->nheaders++] = r->misp_header;
			snprintf(used, sizeof(used), "AGX_MISP_KEY (from %s)", from);
			r->auth_used = used;
		}
	} else if (r->token) {
		o->bearer = r->token;
		snprintf(used, sizeof(used), "AGX_TAXII_TOKEN (from %s)", from);
		r->auth_used = used;
	} else if (r->user) {
		o->user = r->user;
		o->password = r->password;
		snprintf(used, sizeof(used), "AGX_TAXII_USER and AGX_TAXII_PASSWORD (from %s)",
			 from);
		r->auth_used = used;
	}
	for (size_t i = 0; i < c->nheaders; i++)
		if (!strncasecmp(c->headers[i], "Authorization:", 14))
			r->auth_used = "the Authorization header given with --header";
	return 0;
}

void remote_free(struct remote *r)
{
	free(r->user);
	free(r->password);
	free(r->token);
	free(r->misp_key);
	free(r->misp_header);
	free(r->headers);
	memset(r, 0, sizeof(*r));
}
