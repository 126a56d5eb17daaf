#!/usr/bin/env python3
"""The baseline: actor overlaps the way an analyst would compute them in Python.

    networkx_overlaps.py [--top N] [--count] BUNDLE.json|DIR...

json.load the bundle, build a bipartite networkx graph unit <-> indicator value
(units are intrusion-sets / threat-actors, and campaigns nobody claims), then
project it onto the units with networkx's bipartite projection: Jaccard of the
value sets by default (overlap_weighted_projected_graph, the closest networkx
has to agx's score), raw shared counts with --count (weighted_projected_graph).

A value reaches a unit when an indicator whose pattern holds the value
`indicates` the unit, a campaign attributed-to it, or malware / infrastructure
/ a tool the unit `uses`. No IDF, warninglist, confidence or time weighting:
this is the plain script, which is the point of the comparison.

Prints the top pairs, then one JSON line with the timings of each phase
(load_s, build_s, project_s, total_s) and the sizes, for bench/run.sh.
A directory is walked for *.json files; what is not a STIX 2 bundle (or a
JSON array of STIX objects) is skipped, as the analyst's script would.
"""
import argparse
import json
import os
import re
import sys
import time
from collections import defaultdict

import networkx as nx
from networkx.algorithms import bipartite

# [domain-name:value = 'x'], [file:hashes.'SHA-256' = 'y'], ... ; OR/AND give several
TERM = re.compile(r"([a-z0-9-]+):([A-Za-z0-9_.'-]+)\s*=\s*'((?:[^'\\]|\\.)*)'")
ACTOR_TYPES = ("intrusion-set", "threat-actor")
USED_TYPES = ("malware", "tool", "infrastructure")


def files_of(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs.sort()
                for n in sorted(names):
                    if n.lower().endswith(".json"):
                        yield os.path.join(root, n)
        else:
            yield p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--count", action="store_true", help="shared counts, not Jaccard")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()

    t0 = time.perf_counter()
    objs = []
    files = skipped = 0
    for path in files_of(args.paths):
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (ValueError, UnicodeDecodeError):
            skipped += 1
            continue
        if isinstance(doc, dict) and doc.get("type") == "bundle":
            doc = doc.get("objects") or []
        if not isinstance(doc, list):
            skipped += 1
            continue
        objs.extend(o for o in doc if isinstance(o, dict))
        files += 1
    t1 = time.perf_counter()

    by_id = {o["id"]: o for o in objs if isinstance(o.get("id"), str)}
    name = {}
    for o in objs:
        if o.get("type") in ACTOR_TYPES or o.get("type") == "campaign":
            name[o["id"]] = str(o.get("name", o["id"]))
    rels = [o for o in objs if o.get("type") == "relationship"]
    attributed = defaultdict(set)   # campaign -> actors
    users = defaultdict(set)        # malware/tool/infrastructure -> campaigns or actors
    indicates = defaultdict(set)    # indicator -> targets
    for r in rels:
        src, dst = str(r.get("source_ref", "")), str(r.get("target_ref", ""))
        rt = r.get("relationship_type")
        if rt == "attributed-to" and src.startswith("campaign--"):
            attributed[src].add(dst)
        elif rt == "uses" and dst.split("--")[0] in USED_TYPES:
            users[dst].add(src)
        elif rt == "indicates" and src.startswith("indicator--"):
            indicates[src].add(dst)

    def units_of(ref, depth=0):
        kind = ref.split("--")[0]
        if kind in ACTOR_TYPES:
            return {ref}
        if kind == "campaign":
            return set(attributed[ref]) if attributed.get(ref) else {ref}
        if kind in USED_TYPES and depth < 2:
            out = set()
            for u in users.get(ref, ()):
                out |= units_of(u, depth + 1)
            return out
        return set()

    B = nx.Graph()
    units = set()
    for ind_id, targets in indicates.items():
        ind = by_id.get(ind_id)
        if not ind or "pattern" not in ind:
            continue
        pattern = ind["pattern"]
        if not isinstance(pattern, str):
            continue
        values = [(obj, val.lower()) for obj, _prop, val in TERM.findall(pattern)]
        reached = set()
        for t in targets:
            reached |= units_of(t)
        for u in reached:
            B.add_node(u, bipartite=0)
            units.add(u)
            for v in values:
                B.add_node(v, bipartite=1)
                B.add_edge(u, v)
    t2 = time.perf_counter()

    if args.count:
        P = bipartite.weighted_projected_graph(B, units)
    else:
        P = bipartite.overlap_weighted_projected_graph(B, units, jaccard=True)
    t3 = time.perf_counter()

    top = sorted(P.edges(data="weight"), key=lambda e: (-e[2], name.get(e[0], e[0]),
                                                          name.get(e[1], e[1])))[:args.top]
    for a, b, w in top:
        print("%-32s %-32s %.4f" % (name.get(a, a)[:32], name.get(b, b)[:32], w))
    print(json.dumps({"load_s": round(t1 - t0, 3), "build_s": round(t2 - t1, 3),
                      "project_s": round(t3 - t2, 3), "total_s": round(t3 - t0, 3),
                      "files": files, "skipped": skipped, "units": len(units), "values": B.number_of_nodes() - len(units),
                      "memberships": B.number_of_edges(), "pairs": P.number_of_edges(),
                      "networkx": nx.__version__}))


if __name__ == "__main__":
    sys.exit(main())
