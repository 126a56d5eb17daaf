#include "loaders/technique.h"

#include <ctype.h>
#include <string.h>

#include "graph/normalize.h"
#include "graph/strbuf.h"

uint32_t technique_node(struct graph *g, const char *ext_id, const char *name, uint32_t file)
{
	if (ext_id && !*ext_id)
		ext_id = NULL;
	if (name && !*name)
		name = NULL;
	if (!ext_id && !name)
		return NODE_NONE;
	if (!ext_id)
		return graph_named_node(g, NODE_TECHNIQUE, name, file);
	struct strbuf key = STRBUF_INIT, label = STRBUF_INIT;
	norm_name_key(ext_id, strlen(ext_id), &key);
	strbuf_adds(&label, ext_id);
	if (name && strcmp(name, ext_id) != 0) {
		strbuf_addc(&label, ' ');
		strbuf_adds(&label, name);
	}
	uint32_t n = graph_node(g, NODE_TECHNIQUE, strbuf_str(&key), strbuf_str(&label), file);
	strbuf_free(&key);
	strbuf_free(&label);
	return n;
}

int technique_id_in(const char *s, char *buf, size_t n)
{
	for (const char *p = s; p && *p; p++) {
		if (*p != 'T' || (p > s && isalnum((unsigned char)p[-1])))
			continue;
		size_t d = 0;
		while (isdigit((unsigned char)p[1 + d]))
			d++;
		if (d != 4)
			continue;
		size_t len = 5;
		if (p[5] == '.' && isdigit((unsigned char)p[6]) && isdigit((unsigned char)p[7]) &&
		    isdigit((unsigned char)p[8]))
			len = 9;
		if (isalnum((unsigned char)p[len]))
			continue;
		if (len + 1 > n)
			return -1;
		memcpy(buf, p, len);
		buf[len] = '\0';
		return 0;
	}
	return -1;
}
