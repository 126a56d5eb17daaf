/* Checks the bundled data/ against the rules it claims to follow:
 * data/africa-report.json against STIX 2.1 (bundle and object ids, spec_version,
 * timestamps, required properties per type, references that resolve, external
 * references, confidence range) and the report's named groups and techniques;
 * the files in data/warninglists/ against their own header format and match types.
 * The validators are also run on small broken inputs, so a validator that
 * accepts everything fails here. Runs from the repository root. */
#include "tests/testutil.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <jansson.h>

#define BUNDLE_PATH "data/africa-report.json"
#define WL_DIR "data/warninglists"

/* TLP markings a bundle may reference without defining: TLP 1.0 (STIX 2.1 spec,
 * section 7.2.1.4) and TLP 2.0 (OASIS cti-stix-common-objects). */
static const char *const tlp_ids[] = {
    "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", /* TLP:WHITE */
    "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", /* TLP:GREEN */
    "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", /* TLP:AMBER */
    "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", /* TLP:RED */
    "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", /* TLP:CLEAR */
    "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", /* TLP:GREEN 2.0 */
    "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", /* TLP:AMBER 2.0 */
    "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", /* TLP:AMBER+STRICT */
    "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", /* TLP:RED 2.0 */
};

/* Validation problems are counted and the first few printed. */
struct vstate {
	const char *name; /* what is validated, for messages */
	int errors;
	json_t *ids; /* object: id -> true */
};

static void verr(struct vstate *st, const char *id, const char *fmt, ...)
{
	va_list ap;
	st->errors++;
	if (st->errors > 40)
		return;
	fprintf(stderr, "%s: %s: ", st->name, id ? id : "(bundle)");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* RFC 4122 uuid text: 8-4-4-4-12 lower-case hex, version 1-5, variant 10xx. */
static int uuid_ok(const char *s)
{
	static const int dash[] = {8, 13, 18, 23};
	if (strlen(s) != 36)
		return 0;
	for (int i = 0, d = 0; i < 36; i++) {
		if (d < 4 && i == dash[d]) {
			if (s[i] != '-')
				return 0;
			d++;
			continue;
		}
		if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return 0;
	}
	return s[14] >= '1' && s[14] <= '5' && strchr("89ab", s[19]) != NULL;
}

/* "<type>--<uuid>" with the given type (NULL: any type of [a-z0-9-]). */
static int stix_id_ok(const char *id, const char *type)
{
	const char *sep = strstr(id, "--");
	if (!sep || sep == id)
		return 0;
	if (type && ((size_t)(sep - id) != strlen(type) || strncmp(id, type, sep - id) != 0))
		return 0;
	for (const char *p = id; p < sep; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-')
			return 0;
	return uuid_ok(sep + 2);
}

/* STIX timestamp (RFC 3339, UTC "Z", optional fraction). Writes a comparable
 * key "YYYY-MM-DDTHH:MM:SS.fffffffff" into key[30]. */
static int ts_ok(const char *s, char key[30])
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	size_t n = strlen(s);
	if (n < 20)
		return 0;
	for (int i = 0; i < 19; i++) {
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return 0;
	}
	int mo = atoi(s + 5), d = atoi(s + 8), h = atoi(s + 11), mi = atoi(s + 14),
	    se = atoi(s + 17);
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return 0;
	const char *p = s + 19;
	char frac[10] = "000000000";
	if (*p == '.') {
		int k = 0;
		for (p++; isdigit((unsigned char)*p); p++)
			if (k < 9)
				frac[k++] = *p;
		if (k == 0)
			return 0;
	}
	if (strcmp(p, "Z") != 0)
		return 0;
	snprintf(key, 30, "%.19s.%s", s, frac);
	return 1;
}

static const char *str_prop(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A lower-case DNS name of two or more labels with an alphabetic (or IDNA) TLD. */
static int domain_ok(const char *s)
{
	size_t n = strlen(s), lab = 0, labels = 1;
	if (n == 0 || n > 253 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '.') {
			if (lab == 0 || s[i - 1] == '-')
				return 0;
			lab = 0;
			labels++;
			continue;
		}
		if (!(islower((unsigned char)c) || isdigit((unsigned char)c) || c == '-' ||
		      c == '_'))
			return 0;
		if (c == '-' && lab == 0)
			return 0;
		if (++lab > 63)
			return 0;
	}
	if (s[n - 1] == '-' || labels < 2)
		return 0;
	const char *tld = strrchr(s, '.') + 1;
	if (strncmp(tld, "xn--", 4) == 0)
		return 1;
	for (const char *p = tld; *p; p++)
		if (!islower((unsigned char)*p))
			return 0;
	return 1;
}

static int ip_ok(const char *s, int *family)
{
	unsigned char buf[16];
	if (inet_pton(AF_INET, s, buf) == 1) {
		*family = AF_INET;
		return 1;
	}
	if (inet_pton(AF_INET6, s, buf) == 1) {
		*family = AF_INET6;
		return 1;
	}
	return 0;
}

/* "addr/len" with no host bits set, or a bare address (/32, /128). */
static int cidr_ok(const char *s)
{
	char addr[64];
	const char *slash = strchr(s, '/');
	size_t alen = slash ? (size_t)(slash - s) : strlen(s);
	if (alen == 0 || alen >= sizeof(addr))
		return 0;
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	unsigned char buf[16];
	int fam, bits;
	if (inet_pton(AF_INET, addr, buf) == 1)
		fam = AF_INET, bits = 32;
	else if (inet_pton(AF_INET6, addr, buf) == 1)
		fam = AF_INET6, bits = 128;
	else
		return 0;
	if (!slash)
		return 1;
	char *end;
	long len = strtol(slash + 1, &end, 10);
	if (end == slash + 1 || *end || len < 0 || len > bits)
		return 0;
	for (int b = (int)len; b < bits; b++)
		if (buf[b / 8] & (0x80 >> (b % 8)))
			return 0; /* host bits set: a typo or a wrong prefix */
	(void)fam;
	return 1;
}

static int is_tlp(const char *id)
{
	for (size_t i = 0; i < sizeof(tlp_ids) / sizeof(tlp_ids[0]); i++)
		if (strcmp(id, tlp_ids[i]) == 0)
			return 1;
	return 0;
}

static void check_ref(struct vstate *st, const char *owner, const char *key, json_t *v)
{
	if (!json_is_string(v)) {
		verr(st, owner, "%s: not a string", key);
		return;
	}
	const char *r = json_string_value(v);
	if (!stix_id_ok(r, NULL))
		verr(st, owner, "%s: malformed id %s", key, r);
	else if (!json_object_get(st->ids, r) && !is_tlp(r))
		verr(st, owner, "%s: %s is not in the bundle", key, r);
}

/* Every property named *_ref / *_refs, at any depth, must resolve. */
static void check_refs(struct vstate *st, const char *owner, json_t *o)
{
	const char *k;
	json_t *v;
	size_t i;
	json_t *e;
	if (json_is_array(o)) {
		json_array_foreach(o, i, e) check_refs(st, owner, e);
		return;
	}
	if (!json_is_object(o))
		return;
	json_object_foreach(o, k, v)
	{
		size_t n = strlen(k);
		if (n > 4 && strcmp(k + n - 4, "_ref") == 0) {
			check_ref(st, owner, k, v);
		} else if (n > 5 && strcmp(k + n - 5, "_refs") == 0) {
			if (!json_is_array(v) || json_array_size(v) == 0)
				verr(st, owner, "%s: not a non-empty list", k);
			json_array_foreach(v, i, e) check_ref(st, owner, k, e);
		} else {
			check_refs(st, owner, v);
		}
	}
}

/* Required properties per type (STIX 2.1 section 4-5), beyond the common ones. */
static const struct {
	const char *type;
	const char *props[4];
} required[] = {
    {"intrusion-set", {"name"}},
    {"campaign", {"name"}},
    {"attack-pattern", {"name"}},
    {"identity", {"name"}},
    {"location", {NULL}},
    {"malware", {"name"}},
    {"tool", {"name"}},
    {"indicator", {"pattern", "pattern_type", "valid_from"}},
    {"relationship", {"relationship_type", "source_ref", "target_ref"}},
    {"report", {"name", "published", "object_refs"}},
    {"marking-definition", {NULL}},
};

/* The value inside a simple indicator pattern "[kind:value = 'v']" must be a
 * valid value of its kind. */
static void check_pattern(struct vstate *st, const char *id, const char *pat)
{
	char kind[32], val[300];
	int fam;
	if (sscanf(pat, "[%31[a-z0-9-]:value = '%299[^']']", kind, val) != 2) {
		verr(st, id, "pattern not of the simple form: %s", pat);
		return;
	}
	if (strcmp(kind, "domain-name") == 0) {
		if (!domain_ok(val))
			verr(st, id, "pattern domain invalid: %s", val);
	} else if (strcmp(kind, "ipv4-addr") == 0 || strcmp(kind, "ipv6-addr") == 0) {
		if (!ip_ok(val, &fam) || (fam == AF_INET) != (kind[3] == '4'))
			verr(st, id, "pattern address invalid: %s", val);
	}
}

static void check_object(struct vstate *st, json_t *o)
{
	const char *type = str_prop(o, "type");
	const char *id = str_prop(o, "id");
	char kc[30], km[30], ka[30], kb[30];
	if (!type || !id) {
		verr(st, id, "object without type or id");
		return;
	}
	if (!stix_id_ok(id, type))
		verr(st, id, "id does not match <type>--<RFC 4122 uuid>");
	const char *sv = str_prop(o, "spec_version");
	if (!sv || strcmp(sv, "2.1") != 0)
		verr(st, id, "spec_version is not \"2.1\"");
	const char *c = str_prop(o, "created"), *m = str_prop(o, "modified");
	if (!c || !ts_ok(c, kc))
		verr(st, id, "created missing or not an RFC 3339 UTC timestamp");
	int is_marking = strcmp(type, "marking-definition") == 0;
	if (!is_marking) {
		if (!m || !ts_ok(m, km))
			verr(st, id, "modified missing or not an RFC 3339 UTC timestamp");
		else if (c && ts_ok(c, kc) && strcmp(km, kc) < 0)
			verr(st, id, "modified is earlier than created");
	}

	size_t ti;
	for (ti = 0; ti < sizeof(required) / sizeof(required[0]); ti++)
		if (strcmp(required[ti].type, type) == 0)
			break;
	if (ti == sizeof(required) / sizeof(required[0])) {
		verr(st, id, "type %s not expected in this bundle", type);
		return;
	}
	for (int p = 0; p < 4 && required[ti].props[p]; p++) {
		json_t *v = json_object_get(o, required[ti].props[p]);
		if (!v || (json_is_string(v) && json_string_length(v) == 0))
			verr(st, id, "missing required property %s", required[ti].props[p]);
	}
	if (strcmp(type, "malware") == 0 && !json_is_boolean(json_object_get(o, "is_family")))
		verr(st, id, "malware without boolean is_family");
	if (strcmp(type, "indicator") == 0) {
		const char *pt = str_prop(o, "pattern_type"), *pat = str_prop(o, "pattern");
		const char *vf = str_prop(o, "valid_from"), *vu = str_prop(o, "valid_until");
		if (pt && strcmp(pt, "stix") == 0 && pat)
			check_pattern(st, id, pat);
		if (vf && !ts_ok(vf, ka))
			verr(st, id, "valid_from not an RFC 3339 UTC timestamp");
		if (vu && (!ts_ok(vu, kb) || (vf && ts_ok(vf, ka) && strcmp(kb, ka) <= 0)))
			verr(st, id, "valid_until not after valid_from");
	}
	if (strcmp(type, "relationship") == 0) {
		const char *a = str_prop(o, "start_time"), *b = str_prop(o, "stop_time");
		if (a && !ts_ok(a, ka))
			verr(st, id, "start_time not an RFC 3339 UTC timestamp");
		if (b && (!ts_ok(b, kb) || (a && ts_ok(a, ka) && strcmp(kb, ka) <= 0)))
			verr(st, id, "stop_time not after start_time");
	}
	if (strcmp(type, "report") == 0) {
		const char *pub = str_prop(o, "published");
		if (pub && !ts_ok(pub, ka))
			verr(st, id, "published not an RFC 3339 UTC timestamp");
	}
	json_t *conf = json_object_get(o, "confidence");
	if (conf && (!json_is_integer(conf) || json_integer_value(conf) < 0 ||
		     json_integer_value(conf) > 100))
		verr(st, id, "confidence not an integer 0-100");
	if (!is_marking) {
		json_t *er = json_object_get(o, "external_references"), *r;
		size_t i;
		int good = 0;
		json_array_foreach(er, i, r)
		{
			const char *sn = str_prop(r, "source_name");
			if (sn && *sn &&
			    (str_prop(r, "url") || str_prop(r, "description") ||
			     str_prop(r, "external_id")))
				good++;
			else
				verr(st, id, "external_references[%zu] lacks source_name or detail",
				     i);
		}
		if (good == 0)
			verr(st, id, "no external_references: where does this fact come from?");
	}
	check_refs(st, id, o);
}

/* Validates a parsed bundle; returns the number of problems found. */
static int validate_bundle(json_t *b, const char *name)
{
	struct vstate st = {name, 0, json_object()};
	const char *bt = str_prop(b, "type"), *bid = str_prop(b, "id");
	json_t *objs = json_object_get(b, "objects"), *o;
	size_t i;
	if (!bt || strcmp(bt, "bundle") != 0)
		verr(&st, NULL, "top level is not a bundle");
	if (!bid || !stix_id_ok(bid, "bundle"))
		verr(&st, NULL, "bundle id is not bundle--<uuid>");
	if (!json_is_array(objs) || json_array_size(objs) == 0) {
		verr(&st, NULL, "no objects");
		json_decref(st.ids);
		return st.errors;
	}
	json_array_foreach(objs, i, o)
	{
		const char *id = str_prop(o, "id");
		if (!id)
			continue;
		if (json_object_get(st.ids, id))
			verr(&st, id, "duplicate id");
		json_object_set_new(st.ids, id, json_true());
	}
	json_array_foreach(objs, i, o) check_object(&st, o);
	json_decref(st.ids);
	return st.errors;
}

static json_t *load_bundle(void)
{
	json_error_t e;
	json_t *b = json_load_file(BUNDLE_PATH, 0, &e);
	if (!b)
		fail_msg("%s:%d:%d: %s", BUNDLE_PATH, e.line, e.column, e.text);
	return b;
}

static void test_bundle_follows_stix21(void **state)
{
	(void)state;
	json_t *b = load_bundle();
	assert_int_equal(validate_bundle(b, BUNDLE_PATH), 0);
	json_decref(b);
}

static json_t *find_named(json_t *b, const char *type, const char *name)
{
	json_t *objs = json_object_get(b, "objects"), *o;
	size_t i;
	json_array_foreach(objs, i, o)
	{
		const char *t = str_prop(o, "type"), *n = str_prop(o, "name");
		if (t && n && strcmp(t, type) == 0 && strcmp(n, name) == 0)
			return o;
	}
	return NULL;
}

static int count_rel(json_t *b, const char *rtype, json_t *src, json_t *dst)
{
	json_t *objs = json_object_get(b, "objects"), *o;
	size_t i;
	int n = 0;
	json_array_foreach(objs, i, o)
	{
		const char *t = str_prop(o, "relationship_type");
		if (!t || strcmp(t, rtype) != 0)
			continue;
		if (src && strcmp(str_prop(o, "source_ref"), str_prop(src, "id")) != 0)
			continue;
		if (dst && strcmp(str_prop(o, "target_ref"), str_prop(dst, "id")) != 0)
			continue;
		n++;
	}
	return n;
}

static void test_bundle_holds_the_report(void **state)
{
	(void)state;
	json_t *b = load_bundle();
	static const char *const groups[] = {"BackdoorDiplomacy", "APT15",	   "APT41",
					     "Bronze President",  "FamousSparrow", "Earth Estries",
					     "GhostEmperor"};
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (!find_named(b, "intrusion-set", groups[i]))
			fail_msg("intrusion-set %s missing", groups[i]);
	json_t *tl = find_named(b, "campaign", "Operation Tainted Love");
	assert_non_null(tl);
	assert_non_null(find_named(b, "identity", "African Union headquarters"));

	/* The six techniques, each with its ATT&CK id, each used by someone. */
	static const char *const tech[] = {"T1003", "T1105", "T1543", "T1041", "T1583", "T1078"};
	json_t *objs = json_object_get(b, "objects"), *o;
	size_t i;
	for (size_t t = 0; t < 6; t++) {
		json_t *ap = NULL;
		json_array_foreach(objs, i, o)
		{
			const char *ty = str_prop(o, "type");
			json_t *er = json_object_get(o, "external_references"), *r;
			size_t j;
			if (!ty || strcmp(ty, "attack-pattern") != 0)
				continue;
			json_array_foreach(er, j, r)
			{
				const char *sn = str_prop(r, "source_name"),
					   *ei = str_prop(r, "external_id");
				if (sn && ei && strcmp(sn, "mitre-attack") == 0 &&
				    strcmp(ei, tech[t]) == 0)
					ap = o;
			}
		}
		if (!ap)
			fail_msg("attack-pattern %s missing", tech[t]);
		if (count_rel(b, "uses", NULL, ap) == 0)
			fail_msg("nobody uses %s", tech[t]);
	}

	/* The report's central claims are there as relationships. */
	json_t *bd = find_named(b, "intrusion-set", "BackdoorDiplomacy");
	json_t *apt15 = find_named(b, "intrusion-set", "APT15");
	json_t *fs = find_named(b, "intrusion-set", "FamousSparrow");
	json_t *ge = find_named(b, "intrusion-set", "GhostEmperor");
	json_t *ee = find_named(b, "intrusion-set", "Earth Estries");
	assert_int_equal(count_rel(b, "related-to", bd, apt15), 1);
	assert_int_equal(count_rel(b, "related-to", fs, ge), 1);
	assert_int_equal(count_rel(b, "related-to", ee, fs), 1);
	assert_int_equal(count_rel(b, "attributed-to", tl, NULL), 1);
	json_t *turian = find_named(b, "malware", "Turian");
	assert_non_null(turian);
	assert_int_equal(count_rel(b, "uses", bd, turian), 1);
	assert_int_equal(count_rel(b, "uses", apt15, turian), 1);

	/* 27.102.113.240 indicates both FamousSparrow and GhostEmperor. */
	json_t *ip = find_named(b, "indicator", "27.102.113.240");
	assert_non_null(ip);
	assert_int_equal(count_rel(b, "indicates", ip, fs), 1);
	assert_int_equal(count_rel(b, "indicates", ip, ge), 1);
	/* The near-miss pair stays two different values on two different groups. */
	json_t *a = find_named(b, "indicator", "credits.offices-analytics.com");
	json_t *c = find_named(b, "indicator", "credits.officesanalytics.com");
	assert_non_null(a);
	assert_non_null(c);
	assert_int_equal(count_rel(b, "indicates", a, fs), 1);
	assert_int_equal(count_rel(b, "indicates", a, ee), 0);
	assert_int_equal(count_rel(b, "indicates", c, ee), 1);

	/* A modest number of indicators, and a report that lists what it states. */
	int n_ind = 0;
	json_t *report = NULL;
	json_array_foreach(objs, i, o)
	{
		const char *ty = str_prop(o, "type");
		n_ind += strcmp(ty, "indicator") == 0;
		if (strcmp(ty, "report") == 0)
			report = o;
	}
	assert_in_range(n_ind, 40, 120);
	assert_non_null(report);
	assert_string_equal(str_prop(report, "published"), "2023-09-21T00:00:00.000Z");
	assert_true(json_array_size(json_object_get(report, "object_refs")) >= 20);
	json_decref(b);
}

/* The validator itself, on broken bundles: each must be caught. */
static void test_validator_rejects_broken_bundles(void **state)
{
	(void)state;
	static const char good_obj[] =
	    "{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\","
	    "\"id\":\"intrusion-set--4e78f46f-a023-4e5f-bc24-71b3ca22ec29\","
	    "\"created\":\"2020-01-01T00:00:00Z\",\"modified\":\"2020-01-01T00:00:00.000Z\","
	    "\"name\":\"X\",\"object_marking_refs\":[\"marking-definition--94868c89-83c2-464b-"
	    "929b-a1a8aa3c8487\"],\"external_references\":[{\"source_name\":\"s\","
	    "\"url\":\"https://example.org/\"}]}";
	static const struct {
		const char *what, *json;
	} cases[] = {
	    {"wrong bundle id", "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[%s]}"},
	    {"uuid variant", "{\"type\":\"bundle\",\"id\":\"bundle--4e78f46f-a023-4e5f-7c24-"
			     "71b3ca22ec29\",\"objects\":[%s]}"},
	};
	char buf[4096];
	json_error_t e;
	/* The good object alone passes. */
	snprintf(buf, sizeof(buf),
		 "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\","
		 "\"objects\":[%s]}",
		 good_obj);
	json_t *b = json_loads(buf, 0, &e);
	assert_non_null(b);
	assert_int_equal(validate_bundle(b, "good"), 0);
	json_decref(b);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(buf, sizeof(buf), cases[i].json, good_obj);
		b = json_loads(buf, 0, &e);
		assert_non_null(b);
		if (validate_bundle(b, cases[i].what) != 1)
			fail_msg("%s: not caught exactly once", cases[i].what);
		json_decref(b);
	}
	/* Object-level faults, one at a time, on a copy of the good object. */
	static const struct {
		const char *key, *value; /* value as JSON; NULL deletes the key */
	} faults[] = {
	    {"spec_version", "\"2.0\""},
	    {"id", "\"intrusion-set--4E78F46F-a023-4e5f-bc24-71b3ca22ec29\""},
	    {"id", "\"campaign--4e78f46f-a023-4e5f-bc24-71b3ca22ec29\""},
	    {"created", "\"2020-01-01 00:00:00\""},
	    {"modified", "\"2019-12-31T23:59:59.999Z\""},
	    {"modified", NULL},
	    {"name", NULL},
	    {"external_references", "[]"},
	    {"external_references", "[{\"url\":\"https://example.org/\"}]"},
	    {"object_marking_refs", "[\"marking-definition--00000000-0000-4000-8000-"
				    "000000000000\"]"},
	    {"created_by_ref", "\"identity--4e78f46f-a023-4e5f-bc24-71b3ca22ec29\""},
	    {"confidence", "101"},
	};
	for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		json_t *o = json_loads(good_obj, 0, &e);
		if (faults[i].value)
			json_object_set_new(o, faults[i].key,
					    json_loads(faults[i].value, JSON_DECODE_ANY, &e));
		else
			json_object_del(o, faults[i].key);
		b = json_pack("{s:s, s:s, s:[o]}", "type", "bundle", "id",
			      "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects", o);
		if (validate_bundle(b, faults[i].key) < 1)
			fail_msg("fault %s=%s not caught", faults[i].key,
				 faults[i].value ? faults[i].value : "(deleted)");
		json_decref(b);
	}
	/* A relationship to nowhere, and an indicator with a bad pattern value. */
	b = json_loads(
	    "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\","
	    "\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\","
	    "\"id\":\"indicator--5d0092c5-5f74-4287-9642-33f4c354e56d\","
	    "\"created\":\"2020-01-01T00:00:00Z\",\"modified\":\"2020-01-01T00:00:00Z\","
	    "\"pattern\":\"[ipv4-addr:value = '300.1.1.1']\",\"pattern_type\":\"stix\","
	    "\"valid_from\":\"2020-01-01T00:00:00Z\","
	    "\"external_references\":[{\"source_name\":\"s\",\"description\":\"d\"}]},"
	    "{\"type\":\"relationship\",\"spec_version\":\"2.1\","
	    "\"id\":\"relationship--6d0092c5-5f74-4287-9642-33f4c354e56d\","
	    "\"created\":\"2020-01-01T00:00:00Z\",\"modified\":\"2020-01-01T00:00:00Z\","
	    "\"relationship_type\":\"indicates\","
	    "\"source_ref\":\"indicator--5d0092c5-5f74-4287-9642-33f4c354e56d\","
	    "\"target_ref\":\"intrusion-set--7d0092c5-5f74-4287-9642-33f4c354e56d\","
	    "\"external_references\":[{\"source_name\":\"s\",\"description\":\"d\"}]}]}",
	    0, &e);
	assert_non_null(b);
	assert_int_equal(validate_bundle(b, "dangling-and-bad-pattern"), 2);
	json_decref(b);
}

/* --- warninglists --------------------------------------------------------- */

enum wl_match { WL_NONE, WL_EXACT, WL_CIDR, WL_SUFFIX };

/* An MD5, SHA-1, SHA-256 or SHA-512 in lower-case hex. */
static int hash_ok(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");
	return !s[n] && (n == 32 || n == 40 || n == 64 || n == 128);
}

/* Checks one warninglist text; returns problems found, *values the values read. */
static int validate_warninglist(const char *name, const char *text, int *values)
{
	int errs = 0, lineno = 0, have_name = 0, have_source = 0;
	enum wl_match match = WL_NONE;
	const char *p = text;
	*values = 0;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char line[512];
		lineno++;
		if (n >= sizeof(line)) {
			fprintf(stderr, "%s:%d: line too long\n", name, lineno);
			errs++;
			n = sizeof(line) - 1;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl ? nl + 1 : p + n;
		while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		if (line[0] == '#') {
			if (strncmp(line, "# name: ", 8) == 0 && line[8])
				have_name = 1;
			else if (strncmp(line, "# source: ", 10) == 0 && line[10])
				have_source = 1;
			else if (strncmp(line, "# match: ", 9) == 0) {
				const char *m = line + 9;
				match = strcmp(m, "exact") == 0	   ? WL_EXACT
					: strcmp(m, "cidr") == 0   ? WL_CIDR
					: strcmp(m, "suffix") == 0 ? WL_SUFFIX
								   : WL_NONE;
				if (match == WL_NONE) {
					fprintf(stderr, "%s:%d: unknown match type %s\n", name,
						lineno, m);
					errs++;
				}
			}
			continue;
		}
		if (!have_name || !have_source || match == WL_NONE) {
			fprintf(stderr, "%s:%d: value before the name/source/match header\n", name,
				lineno);
			return errs + 1;
		}
		int fam, ok;
		switch (match) {
		case WL_EXACT:
			ok = ip_ok(line, &fam) || domain_ok(line) || hash_ok(line);
			break;
		case WL_CIDR:
			ok = cidr_ok(line);
			break;
		default:
			ok = domain_ok(line);
			break;
		}
		if (!ok) {
			fprintf(stderr, "%s:%d: not a valid %s value: %s\n", name, lineno,
				match == WL_CIDR    ? "cidr"
				: match == WL_EXACT ? "exact"
						    : "suffix",
				line);
			errs++;
		}
		(*values)++;
	}
	if (*values == 0) {
		fprintf(stderr, "%s: no values\n", name);
		errs++;
	}
	return errs;
}

static void test_warninglists_parse(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		int min_values;
	} expect[] = {
	    {"public-dns.txt", 20},
	    {"cdn-cloud-ranges.txt", 40},
	    {"cloud-hosting-domains.txt", 10},
	    {"url-shorteners.txt", 10},
	    {"dynamic-dns.txt", 100},
	    {"sinkholes.txt", 10},
	    {"special-purpose.txt", 20},
	    {"top-sites.txt", 150},
	    {"file-sharing.txt", 20},
	    {"paste-sites.txt", 10},
	    {"ip-loggers.txt", 5},
	    {"webhooks-request-bins.txt", 10},
	    {"benign-hashes.txt", 5},
	};
	int seen = 0;
	DIR *d = opendir(WL_DIR);
	assert_non_null(d);
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".txt") != 0)
			continue;
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", WL_DIR, de->d_name);
		char *text = read_file_all(path, NULL);
		assert_non_null(text);
		int values = 0;
		if (validate_warninglist(path, text, &values) != 0)
			fail_msg("%s does not parse", path);
		for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++)
			if (strcmp(expect[i].file, de->d_name) == 0) {
				seen++;
				if (values < expect[i].min_values)
					fail_msg("%s: %d values, expected at least %d", path,
						 values, expect[i].min_values);
			}
		free(text);
	}
	closedir(d);
	assert_int_equal(seen, (int)(sizeof(expect) / sizeof(expect[0])));
}

static void test_warninglist_validator_catches_errors(void **state)
{
	(void)state;
	int v;
	static const char head[] = "# name: t\n# source: s\n";
	char buf[512];
	snprintf(buf, sizeof(buf), "%s# match: cidr\n10.0.0.0/8\n2001:db8::/32\n1.2.3.4\n", head);
	assert_int_equal(validate_warninglist("ok", buf, &v), 0);
	assert_int_equal(v, 3);
	/* host bits set, prefix too long, not an address */
	snprintf(buf, sizeof(buf), "%s# match: cidr\n10.0.0.1/8\n10.0.0.0/33\nexample.com\n", head);
	assert_int_equal(validate_warninglist("bad-cidr", buf, &v), 3);
	snprintf(buf, sizeof(buf), "%s# match: suffix\nExample.com\n-a.com\ncom\nbit.ly\na..b\n",
		 head);
	assert_int_equal(validate_warninglist("bad-suffix", buf, &v), 4);
	snprintf(buf, sizeof(buf), "%s# match: exact\n8.8.8.8\n2606:4700:4700::1111\n8.8.8\n",
		 head);
	assert_int_equal(validate_warninglist("bad-exact", buf, &v), 1);
	/* no header before the first value */
	assert_int_equal(validate_warninglist("nohead", "8.8.8.8\n", &v), 1);
	snprintf(buf, sizeof(buf), "%s# match: glob\n", head);
	assert_true(validate_warninglist("badmatch", buf, &v) >= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bundle_follows_stix21),
	    cmocka_unit_test(test_bundle_holds_the_report),
	    cmocka_unit_test(test_validator_rejects_broken_bundles),
	    cmocka_unit_test(test_warninglists_parse),
	    cmocka_unit_test(test_warninglist_validator_catches_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
