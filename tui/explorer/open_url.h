/* Opening a reference's URL: with xdg-open when there is a display to open
 * it on (DISPLAY or WAYLAND_DISPLAY set), detached from agx so that the
 * browser neither holds the terminal nor outlives agx as a zombie. Only
 * http and https URLs are opened, passed as one argument (no shell), so a
 * hostile reference cannot become an option or a command. Over SSH with no
 * display the explorer shows the URL whole instead (o, y copies it). */
#ifndef OPEN_URL_H
#define OPEN_URL_H
#include <stddef.h>

/* Whether a browser can be started here. */
int open_url_possible(void);
/* Whether url is one open_url() would open (http/https, no control
 * characters or blanks). */
int open_url_acceptable(const char *url);
/* Starts xdg-open on url; returns 0, or -1 with a message in err. */
int open_url(const char *url, char *err, size_t errlen);
#endif
