/* The one confidence scale every loader writes: 0..100, CONF_UNKNOWN
 * (graph/kind.h) when the source states nothing (the overlap engine then
 * counts 50). Formats state confidence differently; this is where their
 * words and numbers meet:
 *   - a number 1..100 (STIX 2.1 `confidence`, a CSV confidence column) is
 *     taken as written; 0 is the STIX scale's "None";
 *   - High / Medium / Low (STIX 1 HighMediumLowVocab, CSV cells) are 85, 50
 *     and 15, the STIX 2.1 specification's mapping of that vocabulary;
 *   - "not for detection" (MISP to_ids false, STIX 1 Confidence None, which
 *     MISP's exporter writes for it, a 0 or "None" anywhere) is one reduced,
 *     non-zero value, CONF_NOT_FOR_DETECTION: context a producer shares but
 *     would not alert on still links actors, at a little over half the
 *     weight of an unstated confidence.
 * Stateless. */
#ifndef CONFIDENCE_H
#define CONFIDENCE_H
#include <stddef.h>
#include <stdint.h>

#include "graph/kind.h"

#define CONF_NOT_FOR_DETECTION 30
#define CONF_HIGH 85
#define CONF_MEDIUM 50
#define CONF_LOW 15

/* A stated number on the 0..100 scale: clamped; 0 is "None". */
uint8_t conf_from_number(long long v);
/* A cell or element text: a number ("85", "85%") or a word (High, Medium,
 * Med, Low, None, Unknown; any case, surrounding blanks ignored). Returns
 * CONF_UNKNOWN for anything else. */
uint8_t conf_from_text(const char *s, size_t n);
/* The weaker of two confidences, either of which may be CONF_UNKNOWN. */
uint8_t conf_weakest(uint8_t a, uint8_t b);
#endif
