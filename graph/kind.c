#include "graph/kind.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const kind_names[] = {
#define X(e, name, infra) name,
    NODE_KINDS(X)
#undef X
};

static const unsigned char kind_infra[] = {
#define X(e, name, infra) infra,
    NODE_KINDS(X)
#undef X
};

static const char *const relation_names[] = {
#define X(e, name) name,
    RELATIONS(X)
#undef X
};

static const char *const tlp_names[] = {
#define X(e, name) name,
    TLP_LEVELS(X)
#undef X
};

const char *kind_name(int kind)
{
	return kind >= 0 && kind < NODE_KIND_COUNT ? kind_names[kind] : "?";
}

int kind_from_name(const char *name)
{
	for (int k = 0; k < NODE_KIND_COUNT; k++)
		if (strcasecmp(name, kind_names[k]) == 0)
			return k;
	return -1;
}

int kind_is_infra(int kind)
{
	return kind >= 0 && kind < NODE_KIND_COUNT && kind_infra[kind];
}

const char *relation_builtin_name(int rel)
{
	return rel >= 0 && rel < REL_BUILTIN_COUNT ? relation_names[rel] : NULL;
}

int relation_builtin_from_name(const char *name)
{
	for (int r = 0; r < REL_BUILTIN_COUNT; r++)
		if (strcasecmp(name, relation_names[r]) == 0)
			return r;
	return -1;
}

const char *tlp_name(int tlp)
{
	return tlp >= 0 && tlp < TLP_COUNT ? tlp_names[tlp] : "none";
}

int tlp_parse(const char *s)
{
	char buf[32];
	size_t n = 0;
	while (*s && isspace((unsigned char)*s))
		s++;
	if (strncasecmp(s, "tlp", 3) == 0) {
		s += 3;
		while (*s == ':' || *s == ' ' || *s == '-' || *s == '_')
			s++;
	}
	for (; *s && n + 1 < sizeof(buf); s++)
		if (!isspace((unsigned char)*s) && *s != '"')
			buf[n++] = (char)tolower((unsigned char)*s);
	buf[n] = '\0';
	if (!strcmp(buf, "clear") || !strcmp(buf, "white"))
		return TLP_CLEAR;
	if (!strcmp(buf, "green"))
		return TLP_GREEN;
	if (!strcmp(buf, "amber"))
		return TLP_AMBER;
	if (!strcmp(buf, "amber+strict") || !strcmp(buf, "amber-strict") ||
	    !strcmp(buf, "amberstrict"))
		return TLP_AMBER_STRICT;
	if (!strcmp(buf, "red"))
		return TLP_RED;
	return TLP_NONE;
}
