/* Accessors for loaders walking parsed values (loaders/json_reader.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "loaders/json_reader.h"

const char *jr_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

int jr_int(const json_t *obj, const char *key, long long *out)
{
	json_t *v = json_object_get(obj, key);
	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return 0;
	}
	if (json_is_real(v)) {
		*out = (long long)json_real_value(v);
		return 0;
	}
	const char *s = json_string_value(v);
	if (s && *s) {
		char *end;
		errno = 0;
		long long n = strtoll(s, &end, 10);
		if (!errno && end != s && *end == '\0') {
			*out = n;
			return 0;
		}
	}
	return -1;
}

int jr_true(const json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (json_is_boolean(v))
		return json_is_true(v);
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	const char *s = json_string_value(v);
	return s && (!strcmp(s, "1") || !strcasecmp(s, "true"));
}
