/* Dates as whole days since 1970-01-01 (UTC), the resolution the overlap
 * engine's time windows and --slack work in. DATE_UNKNOWN marks "not stated". */
#ifndef DATE_H
#define DATE_H
#include <stddef.h>
#include <stdint.h>

#define DATE_UNKNOWN INT32_MIN

/* Parses ISO 8601 dates and timestamps ("2021-03-02", "2021-03-02T10:00:00Z",
 * "2021-03-02 10:00:00", "20210302"), and unix seconds when all digits and
 * longer than 8 characters. Returns DATE_UNKNOWN when s is no date. */
int32_t date_parse(const char *s);
/* Days from a civil date; month 1..12. DATE_UNKNOWN when the date is not
 * in the calendar or its year outside 1..9999. */
int32_t date_from_ymd(int y, int m, int d);
/* Writes YYYY-MM-DD (or "-" for DATE_UNKNOWN) into buf (at least 11 bytes). */
const char *date_format(int32_t days, char *buf, size_t n);
/* Today in days (UTC). */
int32_t date_today(void);
#endif
