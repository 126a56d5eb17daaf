/* How pull and push reach the team's server: credentials from the
 * environment or an --auth-file (never the command line, where `ps` and
 * shell history would show them), extra headers, TLS files and timeouts,
 * gathered into the HTTP session options (loaders/http.h).
 *
 *   AGX_TAXII_USER + AGX_TAXII_PASSWORD   HTTP Basic (medallion)
 *   AGX_TAXII_TOKEN                        Bearer (OpenCTI)
 *   AGX_MISP_KEY                           MISP's Authorization header
 *
 * An --auth-file holds the same NAME=value lines and must be mode 0600 (or
 * stricter); its values win over the environment's.
 *
 * Ownership: struct remote owns its strings (remote_free); its http_opts
 * point into it and into struct cli, which must outlive it. */
#ifndef REMOTE_H
#define REMOTE_H
#include "loaders/http.h"

struct cli;

struct remote {
	struct http_opts http;
	char *user, *password, *token, *misp_key;
	char *misp_header;     /* "Authorization: <key>" for MISP */
	const char **headers;  /* --header lines, and misp_header */
	const char *auth_used; /* for 401/403 messages, NULL when none */
};

/* Reads the credentials (misp: the MISP key, else TAXII's). Returns 0, or
 * EXIT_INPUT with a message on stderr (an unreadable or open auth file). */
int remote_init(struct remote *r, const struct cli *c, int misp);
void remote_free(struct remote *r);
#endif
