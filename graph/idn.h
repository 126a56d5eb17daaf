/* Internationalised domain names through libidn2: the one file that
 * includes idn2.h.
 *
 * A name is keyed by its DNS form, the A-label ("xn--bcher-kva.example"),
 * whatever way it was written ("bücher.example", "BÜCHER.example",
 * full-width "ｂücher．example", "bücher。example"): UTS #46 mapping
 * (case folding, full-width and compatibility forms, the ideographic full
 * stops as dots), NFC, then nontransitional processing (IDNA2008: "faß.de"
 * is "xn--fa-hia.de", not "fass.de"). A name that processing refuses is
 * refused, with the reason: "app\u2014x.io" (an em dash) is a typo, not a
 * host. That includes the emoji names some registries took under IDNA2003
 * ("💩.la"); written as A-labels ("xn--ls8h.la") such names are kept as
 * they are, as every ASCII name is (normalize.c never gives libidn2 one).
 * The U-label is for display only.
 *
 * Ownership: results are appended to the caller's strbuf. Thread-safe. */
#ifndef IDN_H
#define IDN_H
#include <stddef.h>

#include "graph/strbuf.h"

/* Appends the A-label form of the host name s[0..n) (UTF-8, any case, not
 * NUL-terminated) to out. Returns NULL, or why it is no valid
 * internationalised name (a static string; out unchanged). A result may
 * still hold characters no domain allows ("x\u00a0" maps to "x "): the
 * caller checks the ASCII result as it checks any name. */
const char *idn_ascii(const char *s, size_t n, struct strbuf *out);
/* Appends the U-label form of the ASCII name s to out and returns 1 when it
 * has A-labels that decode; else appends s unchanged and returns 0. */
int idn_unicode(const char *s, struct strbuf *out);
#endif
