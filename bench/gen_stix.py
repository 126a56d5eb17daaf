#!/usr/bin/env python3
"""Seeded, deterministic synthetic STIX 2.1 bundle for the agx benchmark.

    gen_stix.py --size S|M|L [--seed N] [-o FILE]
    gen_stix.py --objects N  [--seed N] [-o FILE]

Same seed and size give a byte-identical file (only random.random() and
getrandbits() are used; both are stable across CPython 3 versions). The bundle
is written one object per line inside "objects", so it is a valid bundle and
also easy to stream; nothing but the actor plan is held in memory, so L (about
1M objects, about 300 MB) takes a few tens of MB.

What is in it, per actor (intrusion-set): three campaigns (most attributed-to
the actor, a few left unattributed, as analysts keep unattributed clusters),
one or two malware families (most private, some shared by 2-3 actors), one
infrastructure SDO, and indicators whose patterns carry domains, IPv4s, URLs
and file hashes (sometimes an OR of two) that indicate the actor, one of its
campaigns, its malware or its infrastructure. Values are spread the way real
intelligence is: most private to one actor, some shared inside small groups of
2-5 actors, a few (CDN / shared hosting / public resolvers) shared by hundreds.

Actor 0 is EGO_ACTOR with about 300 direct neighbours, so an ego export at
depth 1 is a ~300-node diagram at every size.
"""
import argparse
import hashlib
import json
import random
import sys

SIZES = {"S": 10_000, "M": 100_000, "L": 1_000_000}
EGO_ACTOR = "Bench Ego Actor"
EGO_VALUES = 290
MIN_ACTORS = 4
OBJECTS_PER_ACTOR = 170  # measured average, used only to pick the actor count

TLP_GREEN = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
TLP_AMBER = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
IDENTITY = "identity--8c6af861-7b20-41ef-9b59-6344fd872a8f"

ADJ = ["Crimson", "Silent", "Iron", "Jade", "Amber", "Cobalt", "Velvet", "Hollow", "Scarlet",
       "Onyx", "Frozen", "Golden", "Shadow", "Copper", "Ivory", "Azure", "Rusty", "Pale",
       "Obsidian", "Emerald", "Twilight", "Granite", "Quiet", "Lunar"]
NOUN = ["Panda", "Bear", "Kitten", "Chollima", "Spider", "Typhoon", "Sandstorm", "Sleet",
        "Tempest", "Falcon", "Lynx", "Viper", "Heron", "Mantis", "Jackal", "Otter", "Raven",
        "Badger", "Wolf", "Hornet", "Condor", "Gecko", "Marten", "Ibis"]
WORDS = ["update", "cdn", "mail", "secure", "login", "portal", "cloud", "sync", "static",
         "api", "news", "office", "support", "docs", "files", "auth", "gov", "telecom",
         "bank", "service", "data", "web", "track", "media"]
TLDS = ["com", "net", "org", "info", "biz", "top", "xyz", "io", "co", "online", "site", "ru",
        "cn", "us"]
MALWARE_TYPES = ["backdoor", "remote-access-trojan", "dropper", "downloader", "keylogger",
                 "trojan", "webshell"]
CAMPAIGN_WORDS = ["Operation", "Campaign"]
# public first octets, minus special ranges and the ones the hub values use
PUBLIC_OCTETS = [o for o in range(1, 224)
         if o not in (8, 10, 100, 104, 127, 169, 172, 192, 198, 203)]
EPOCH_DAY = 17167  # 2017-01-01 as days since 1970-01-01
DAYS = 7 * 365


class Gen:
    pass


def uuid_of(rng):
    """A UUIDv4-shaped id from the seeded generator."""
    x = rng.getrandbits(128)
    x = (x & ~(0xF << 76)) | (0x4 << 76)
    x = (x & ~(0x3 << 62)) | (0x2 << 62)
    h = "%032x" % x
    return "%s-%s-%s-%s-%s" % (h[0:8], h[8:12], h[12:16], h[16:20], h[20:32])


def below(rng, n):
    return int(rng.random() * n)


def pick(rng, seq):
    return seq[int(rng.random() * len(seq))]


def civil(days):
    """Days since 1970-01-01 to (y, m, d), Howard Hinnant's algorithm."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + (m <= 2), m, d)


def stamp(rng, day_lo=0, day_hi=DAYS):
    day = EPOCH_DAY + day_lo + below(rng, day_hi - day_lo)
    y, m, d = civil(day)
    s = below(rng, 86400)
    return "%04d-%02d-%02dT%02d:%02d:%02d.000Z" % (y, m, d, s // 3600, s // 60 % 60, s % 60)


# Values. Each value class lives in its own name space so a private value can
# never collide with a group or hub value.

def ipv4(k, space):
    """The k-th IPv4 of a space: distinct for distinct (k, space) while k < 2**24.

    x is a bijection of k on 24 bits; the first octet is a function of x and the
    space, so equal addresses need equal x (same k) and equal space."""
    assert k < 1 << 24
    x = (k * 0x9E3779B1) & 0xFFFFFF
    first = PUBLIC_OCTETS[(x * 7 + space * 53) % len(PUBLIC_OCTETS)]
    return "%d.%d.%d.%d" % (first, x >> 16, (x >> 8) & 255, x & 255)


def value(kind, k, space):
    """(pattern kind, value) for the k-th value of a name space."""
    w1 = WORDS[k % len(WORDS)]
    w2 = WORDS[(k // len(WORDS) + space) % len(WORDS)]
    tld = TLDS[(k * 7 + space) % len(TLDS)]
    if kind == "domain":
        return "%s-%s-%x.s%d.%s" % (w1, w2, k, space, tld)
    if kind == "url":
        return "http://%s-%x.s%d.%s/%s/%x.php" % (w1, k, space, tld, w2, k * 2654435761 & 0xFFFF)
    if kind == "sha256":
        return hashlib.sha256(b"%d:%d" % (space, k)).hexdigest()
    if kind == "md5":
        return hashlib.md5(b"%d:%d" % (space, k)).hexdigest()
    return ipv4(k, space)


PATTERN = {
    "domain": "[domain-name:value = '%s']",
    "ipv4": "[ipv4-addr:value = '%s']",
    "url": "[url:value = '%s']",
    "sha256": "[file:hashes.'SHA-256' = '%s']",
    "md5": "[file:hashes.MD5 = '%s']",
}
# share of private values by kind: domains and IPs dominate, as in vendor reports
KINDS = ["domain"] * 35 + ["ipv4"] * 30 + ["url"] * 15 + ["sha256"] * 15 + ["md5"] * 5
NET_KINDS = ["domain"] * 5 + ["ipv4"] * 4 + ["url"]

SPACE_PRIVATE, SPACE_GROUP, SPACE_HUB = 1, 2, 3


def hub_value(h):
    """Shared hosting / CDN / resolvers: few values, reached by hundreds of actors."""
    if h % 3 == 0:
        return "ipv4", "104.%d.%d.%d" % (16 + h % 8, (h * 37) % 256, (h * 91) % 250 + 1)
    if h % 3 == 1:
        return "domain", "%s%d.sharedhost-cdn.net" % (WORDS[h % len(WORDS)], h)
    return "ipv4", "8.%d.%d.%d" % (h % 4 + 8, h % 8 + 8, (h * 13) % 250 + 1)


def plan(rng, n_actors, ego_values):
    """Who shares what. Small: one record per actor, groups and hubs."""
    g = Gen()
    g.n = n_actors
    g.names = [EGO_ACTOR] + ["%s %s %d" % (pick(rng, ADJ), pick(rng, NOUN), i)
                 for i in range(1, n_actors)]
    # private indicator count: heavy tail, mean about 70
    g.k_private = [ego_values if i == 0 else 10 + int(150 * rng.random() ** 2)
               for i in range(n_actors)]
    # small groups of 2-5 actors sharing 2-12 values each; about 1.5 groups per actor
    g.groups_of = [[] for _ in range(n_actors)]
    g.group_values = []
    for gi in range(max(1, n_actors * 3 // 7)):
        size = 2 + below(rng, 4)
        members = set()
        while len(members) < min(size, n_actors):
            members.add(below(rng, n_actors))
        g.group_values.append(2 + below(rng, 11))
        for a in sorted(members):
            g.groups_of[a].append(gi)
    # hubs: each reached by hundreds of actors (capped at 80% of the actors)
    n_hubs = 12 + n_actors // 100
    g.hubs_of = [[] for _ in range(n_actors)]
    for h in range(n_hubs):
        df = min(int(n_actors * 0.8), 100 + below(rng, 500))
        members = set()
        while len(members) < df:
            members.add(below(rng, n_actors))
        for a in sorted(members):
            g.hubs_of[a].append(h)
    # malware: one or two per actor; 15% of families shared with 1-2 other actors
    g.malware_users = []
    g.malware_of = [[] for _ in range(n_actors)]
    for a in range(n_actors):
        for _ in range(1 + (rng.random() < 0.4)):
            users = [a]
            if rng.random() < 0.15:
                for _ in range(1 + below(rng, 2)):
                    b = below(rng, n_actors)
                    if b not in users:
                        users.append(b)
            m = len(g.malware_users)
            g.malware_users.append(users)
            for u in users:
                g.malware_of[u].append(m)
    return g


def expected_objects(g):
    n = 4 + len(g.malware_users)
    for a in range(g.n):
        n += 1 + 3 + 3 * 0.95 + len(g.malware_of[a]) + 2 + len(g.hubs_of[a])
        n += g.k_private[a] + sum(g.group_values[gi] for gi in g.groups_of[a])
    for a in range(g.n):
        n += g.k_private[a] + len(g.hubs_of[a]) + sum(g.group_values[gi] for gi in g.groups_of[a])
    return n


class Writer:
    def __init__(self, out):
        self.out = out
        self.count = 0

    def obj(self, o):
        self.out.write(",\n" if self.count else "\n")
        self.out.write(json.dumps(o, separators=(",", ":")))
        self.count += 1


def sdo(rng, type_, created=None, by=True, **kw):
    created = created or stamp(rng)
    o = {"type": type_, "spec_version": "2.1", "id": "%s--%s" % (type_, uuid_of(rng)),
         "created": created, "modified": created}
    if by:
        o["created_by_ref"] = IDENTITY
    o.update(kw)
    return o


def rel(rng, rtype, src, dst, conf):
    return sdo(rng, "relationship", by=False, relationship_type=rtype, source_ref=src,
               target_ref=dst, confidence=conf)


def indicator(rng, w, kinds_values, target, conf, day):
    """One indicator and its `indicates` relationship. Optional properties
    (name, marking) only on some, as in real feeds; this keeps L near 300 MB."""
    pattern = " OR ".join(PATTERN[k] % v for k, v in kinds_values)
    lo = max(0, day - 60)
    valid_from = stamp(rng, lo, min(DAYS, lo + 120))
    ind = sdo(rng, "indicator", created=valid_from, by=False)
    r = rng.random()
    if r < 0.3:
        ind["name"] = "%s %s" % kinds_values[0]
    ind["pattern"] = pattern
    ind["pattern_type"] = "stix"
    ind["valid_from"] = valid_from
    ind["confidence"] = conf
    if r < 0.1:
        ind["object_marking_refs"] = [TLP_AMBER]
    elif r < 0.25:
        ind["object_marking_refs"] = [TLP_GREEN]
    w.obj(ind)
    w.obj(rel(rng, "indicates", ind["id"], target, conf))


def generate(out, target_objects, seed):
    # pick the actor count so the expected object count meets the target: a
    # guessed count, then a few corrections (hub sharing makes it non-linear)
    ego = min(EGO_VALUES, target_objects // 30)  # a tiny bundle gets a small ego
    n_actors = max(MIN_ACTORS, round(target_objects / OBJECTS_PER_ACTOR))
    for _ in range(4):
        est = expected_objects(plan(random.Random(seed), n_actors, ego))
        n_actors = max(MIN_ACTORS, round(n_actors * target_objects / est))
    rng = random.Random(seed)
    g = plan(rng, n_actors, ego)
    w = Writer(out)
    out.write('{"type": "bundle", "id": "bundle--%s", "objects": [' % uuid_of(rng))
    w.obj({"type": "identity", "spec_version": "2.1", "id": IDENTITY,
           "created": "2017-01-01T00:00:00.000Z", "modified": "2017-01-01T00:00:00.000Z",
           "name": "agx benchmark generator", "identity_class": "system"})
    for mid, tlp in ((TLP_GREEN, "green"), (TLP_AMBER, "amber")):
        w.obj({"type": "marking-definition", "spec_version": "2.1", "id": mid,
               "created": "2017-01-31T13:00:00.000Z", "definition_type": "tlp",
               "name": "TLP:" + tlp.upper(), "definition": {"tlp": tlp}})
    malware_ids = [None] * len(g.malware_users)
    private_k = 0
    for a in range(n_actors):
        # the actor's active period: a few years inside the 7-year window
        day0 = below(rng, DAYS - 400)
        span = 200 + below(rng, DAYS - day0 - 200)
        actor = sdo(rng, "intrusion-set", name=g.names[a],
                aliases=["BENCH-%05d" % a, "G%04d" % (a % 10000)],
                first_seen=stamp(rng, day0, day0 + 1),
                goals=["espionage"] if rng.random() < 0.8 else ["financial gain"],
                confidence=50 + below(rng, 51))
        w.obj(actor)
        aid = actor["id"]
        targets = [aid]
        for c in range(3):
            cname = "%s %s %s" % (pick(rng, CAMPAIGN_WORDS), pick(rng, ADJ),
                                  pick(rng, NOUN)) + " %d.%d" % (a, c)
            # a campaign whose name holds its actor's ("Operation Amber Lynx
            # 608.0" of Amber Lynx 608) is attributed to it by name by agx and
            # not by the plain scripts: the peers' pair counts would differ
            while g.names[a] in cname:
                cname = "%s %s %s" % (pick(rng, CAMPAIGN_WORDS), pick(rng, ADJ),
                                      pick(rng, NOUN)) + " %d.%d" % (a, c)
            camp = sdo(rng, "campaign", name=cname,
                first_seen=stamp(rng, day0, day0 + span), confidence=30 + below(rng, 71))
            w.obj(camp)
            targets.append(camp["id"])
            if rng.random() < 0.95:
                w.obj(rel(rng, "attributed-to", camp["id"], aid, 40 + below(rng, 61)))
        for m in g.malware_of[a]:
            if malware_ids[m] is None:
                mal = sdo(rng, "malware", name="%s%s" % (pick(rng, NOUN), pick(rng, WORDS).title())
                      + "-%d" % m, is_family=True,
                      malware_types=[pick(rng, MALWARE_TYPES)])
                w.obj(mal)
                malware_ids[m] = mal["id"]
            w.obj(rel(rng, "uses", aid, malware_ids[m], 50 + below(rng, 51)))
            targets.append(malware_ids[m])
        infra = sdo(rng, "infrastructure", name="%s C2 infrastructure" % g.names[a],
                infrastructure_types=["command-and-control"])
        w.obj(infra)
        w.obj(rel(rng, "uses", aid, infra["id"], 60 + below(rng, 41)))
        targets.append(infra["id"])

        def target():
            # indicators mostly indicate a campaign, then the actor, malware, infrastructure
            r = rng.random()
            if a == 0 or r < 0.3:
                return aid
            if r < 0.8:
                return targets[1 + below(rng, 3)]
            return targets[4 + below(rng, len(targets) - 4)]

        def when():
            return day0 + below(rng, span)

        for _ in range(g.k_private[a]):
            kind = pick(rng, KINDS)
            kv = [(kind, value(kind, private_k, SPACE_PRIVATE))]
            private_k += 1
            if rng.random() < 0.05:  # an OR of two values in one pattern
                kind2 = pick(rng, NET_KINDS)
                kv.append((kind2, value(kind2, private_k, SPACE_PRIVATE)))
                private_k += 1
            indicator(rng, w, kv, target(), 30 + below(rng, 71), when())
        for gi in g.groups_of[a]:
            for j in range(g.group_values[gi]):
                kind = NET_KINDS[(gi + j) % len(NET_KINDS)]
                indicator(rng, w, [(kind, value(kind, gi * 16 + j, SPACE_GROUP))], target(),
                      40 + below(rng, 61), when())
        for h in g.hubs_of[a]:
            indicator(rng, w, [hub_value(h)], target(), 20 + below(rng, 61), when())
    out.write("\n]}\n")
    return w.count, n_actors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    grp = ap.add_mutually_exclusive_group()
    grp.add_argument("--size", choices=sorted(SIZES), default="S")
    grp.add_argument("--objects", type=int, help="approximate object count instead of a size")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    target = args.objects if args.objects else SIZES[args.size]
    if args.output == "-":
        out = sys.stdout
        n, actors = generate(out, target, args.seed)
    else:
        tmp = args.output + ".tmp"
        with open(tmp, "w", encoding="ascii", newline="\n", buffering=1 << 20) as out:
            n, actors = generate(out, target, args.seed)
        import os
        os.replace(tmp, args.output)
    print("gen_stix: %d objects, %d actors, seed %d" % (n, actors, args.seed), file=sys.stderr)


if __name__ == "__main__":
    main()
