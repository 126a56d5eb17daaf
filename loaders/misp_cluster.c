#include "loaders/misp_cluster.h"

#include <ctype.h>
#include <string.h>

#include "graph/alias.h"
#include "graph/strbuf.h"
#include "loaders/json_reader.h"
#include "loaders/technique.h"

int misp_cluster_kind(const char *t)
{
	static const struct {
		const char *type;
		int kind;
	} table[] = {
	    {"threat-actor", NODE_ACTOR},
	    {"mitre-intrusion-set", NODE_ACTOR},
	    {"mitre-enterprise-attack-intrusion-set", NODE_ACTOR},
	    {"mitre-mobile-attack-intrusion-set", NODE_ACTOR},
	    {"mitre-pre-attack-intrusion-set", NODE_ACTOR},
	    {"microsoft-activity-group", NODE_ACTOR},
	    {"360net-threat-actor", NODE_ACTOR},
	    {"groups", NODE_ACTOR}, /* Tidal */
	    {"campaigns", NODE_CAMPAIGN},
	    {"tool", NODE_TOOL},
	    {"mitre-tool", NODE_TOOL},
	    {"mitre-enterprise-attack-tool", NODE_TOOL},
	    {"mitre-mobile-attack-tool", NODE_TOOL},
	    {"exploit-kit", NODE_TOOL},
	    {"mitre-malware", NODE_MALWARE},
	    {"mitre-enterprise-attack-malware", NODE_MALWARE},
	    {"mitre-mobile-attack-malware", NODE_MALWARE},
	    {"malpedia", NODE_MALWARE},
	    {"rat", NODE_MALWARE},
	    {"backdoor", NODE_MALWARE},
	    {"banker", NODE_MALWARE},
	    {"ransomware", NODE_MALWARE},
	    {"stealer", NODE_MALWARE},
	    {"botnet", NODE_MALWARE},
	    {"android", NODE_MALWARE},
	    {"mitre-attack-pattern", NODE_TECHNIQUE},
	    {"mitre-enterprise-attack-attack-pattern", NODE_TECHNIQUE},
	    {"mitre-mobile-attack-attack-pattern", NODE_TECHNIQUE},
	    {"mitre-pre-attack-attack-pattern", NODE_TECHNIQUE},
	    {"mitre-ics-techniques", NODE_TECHNIQUE},
	};
	for (size_t i = 0; t && i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(t, table[i].type))
			return table[i].kind;
	return -1;
}

/* ATT&CK-derived values end in " - G0007" / " - S0154" / " - T1003":
 * the name is what comes before. Returns the name's length. */
static size_t strip_attack_id(const char *v)
{
	size_t n = strlen(v);
	const char *dash = strstr(v, " - ");
	while (dash) {
		const char *id = dash + 3;
		if (strchr("GSTCM", id[0]) && isdigit((unsigned char)id[1]) &&
		    isdigit((unsigned char)id[2]) && isdigit((unsigned char)id[3]) &&
		    isdigit((unsigned char)id[4]) && (id[5] == '\0' || id[5] == '.'))
			return (size_t)(dash - v);
		dash = strstr(dash + 1, " - ");
	}
	return n;
}

/* Adds each string of meta[key] (a string or a list) as an attribute. */
static void meta_attrs(struct graph *g, uint32_t n, const json_t *meta, const char *key,
		       enum node_attr type, uint32_t file, size_t max)
{
	json_t *v = json_object_get(meta, key);
	if (json_is_string(v)) {
		graph_add_attr(g, n, type, json_string_value(v), file);
		return;
	}
	size_t i;
	json_t *e;
	json_array_foreach(v, i, e)
	{
		if (i >= max)
			break;
		if (json_is_string(e))
			graph_add_attr(g, n, type, json_string_value(e), file);
	}
}

uint32_t misp_cluster_node(struct graph *g, int kind, const json_t *cluster, uint32_t file)
{
	const char *value = jr_str(cluster, "value");
	if (!value || !*value || kind < 0)
		return NODE_NONE;
	const json_t *meta = json_object_get(cluster, "meta");
	struct strbuf name = STRBUF_INIT;
	strbuf_add(&name, value, strip_attack_id(value));
	uint32_t n;
	if (kind == NODE_TECHNIQUE) {
		/* the T-id in the value wins; meta.external_id may list CAPEC ids first */
		char tid[16];
		const char *ext = NULL;
		if (technique_id_in(value, tid, sizeof(tid)) == 0)
			ext = tid;
		size_t k;
		json_t *e;
		json_array_foreach(json_object_get(meta, "external_id"), k, e)
		{
			const char *s = json_string_value(e);
			if (!ext && s && technique_id_in(s, tid, sizeof(tid)) == 0)
				ext = tid;
		}
		n = technique_node(g, ext, strbuf_str(&name), file);
	} else {
		n = graph_named_node(g, kind, strbuf_str(&name), file);
	}
	if (n == NODE_NONE) {
		strbuf_free(&name);
		return n;
	}
	graph_node_at(g, n)->flags |= NODE_F_DEFINED;
	const char *uuid = jr_str(cluster, "uuid");
	if (kind == NODE_ACTOR) {
		alias_strong_identity(g, n, strbuf_str(&name));
		/* the uuid is recorded but never joins actors: ESET's events give
		 * "Sofacy", "Turla Group" and "TeleBots" one cluster uuid */
		if (uuid && *uuid)
			graph_add_attr(g, n, ATTR_SOURCE_ID, uuid, file);
	}
	if (uuid && *uuid)
		graph_bind_source(g, uuid, n);
	const char *desc = jr_str(cluster, "description");
	if (desc && *desc)
		graph_add_attr(g, n, ATTR_DESCRIPTION, desc, file);
	size_t i;
	json_t *syn;
	json_array_foreach(json_object_get(meta, "synonyms"), i, syn)
	{
		const char *s = json_string_value(syn);
		if (!s || !*s || !strcmp(s, strbuf_str(&name)))
			continue;
		if (kind == NODE_ACTOR)
			alias_claim(g, n, s, file);
		else
			graph_add_attr(g, n, ATTR_ALIAS, s, file);
	}
	meta_attrs(g, n, meta, "country", ATTR_COUNTRY, file, 8);
	meta_attrs(g, n, meta, "refs", ATTR_REFERENCE, file, 16);
	meta_attrs(g, n, meta, "external_id", ATTR_EXTERNAL_ID, file, 4);
	meta_attrs(g, n, meta, "cfr-target-category", ATTR_SECTOR, file, 16);
	strbuf_free(&name);
	return n;
}

int misp_cluster_tag(const char *tag, char *type, size_t type_len, char *value, size_t value_len)
{
	static const char prefix[] = "misp-galaxy:";
	if (!tag || strncmp(tag, prefix, sizeof(prefix) - 1) != 0)
		return -1;
	const char *t = tag + sizeof(prefix) - 1, *eq = strchr(t, '=');
	if (!eq || (size_t)(eq - t) + 1 > type_len)
		return -1;
	memcpy(type, t, (size_t)(eq - t));
	type[eq - t] = '\0';
	const char *v = eq + 1;
	size_t n = strlen(v);
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v++;
		n -= 2;
	}
	if (!n || n + 1 > value_len)
		return -1;
	memcpy(value, v, n);
	value[n] = '\0';
	return 0;
}
