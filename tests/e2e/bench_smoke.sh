#!/bin/sh
# Smoke check of the benchmark's generator (the benchmark itself is not a
# test): a tiny bundle is deterministic, is a STIX 2.1 bundle, and holds what
# the benchmark relies on (the ego actor, indicators that indicate something).
# Also runs the networkx baseline on it when networkx is installed.
set -u
cd "$(dirname "$0")/../.." || exit 1
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
command -v "$PY" >/dev/null 2>&1 || { echo "skip bench_smoke (no python3)"; exit 0; }
T=tests/tmp/bench_smoke
mkdir -p "$T"

check() { if "$@"; then echo "ok $name"; else echo "not ok $name"; fi; }

name=gen_runs
check "$PY" bench/gen_stix.py --objects 500 --seed 7 -o "$T/a.json" 2>"$T/gen.err"
"$PY" bench/gen_stix.py --objects 500 --seed 7 -o "$T/b.json" 2>/dev/null
"$PY" bench/gen_stix.py --objects 500 --seed 8 -o "$T/c.json" 2>/dev/null

name=gen_deterministic
check test "$(sha256sum <"$T/a.json")" = "$(sha256sum <"$T/b.json")"
name=gen_seed_matters
check test "$(sha256sum <"$T/a.json")" != "$(sha256sum <"$T/c.json")"

name=gen_valid_bundle
check "$PY" - "$T/a.json" <<'PY'
import json, re, sys
b = json.load(open(sys.argv[1]))
assert b["type"] == "bundle" and b["id"].startswith("bundle--"), "not a bundle"
objs = b["objects"]
assert 400 <= len(objs) <= 700, len(objs)
ids = {o["id"] for o in objs}
assert len(ids) == len(objs), "duplicate ids"
types = {o["type"] for o in objs}
need = {"intrusion-set", "campaign", "malware", "infrastructure", "indicator", "relationship"}
assert need <= types, need - types
for o in objs:
    assert o.get("spec_version") == "2.1" and o["id"].startswith(o["type"] + "--"), o
    if o["type"] == "relationship":
        assert o["source_ref"] in ids and o["target_ref"] in ids, o
    if o["type"] == "indicator":
        assert re.fullmatch(r"\[[a-z0-9-]+:[^\]]+ = '[^']+'\]( OR \[[a-z0-9-]+:[^\]]+ = '[^']+'\])*",
                            o["pattern"]), o["pattern"]
assert any(o.get("name") == "Bench Ego Actor" for o in objs), "no ego actor"
# one object per line: every line but the first and last is one JSON object
lines = open(sys.argv[1]).read().splitlines()
for line in lines[1:-1]:
    json.loads(line.rstrip(","))
PY

name=gen_sizes
check "$PY" -c "
import sys; sys.path.insert(0, 'bench'); import gen_stix
assert gen_stix.SIZES == {'S': 10000, 'M': 100000, 'L': 1000000}"

if "$PY" -c 'import networkx' 2>/dev/null; then
	name=networkx_baseline
	check sh -c "'$PY' bench/networkx_overlaps.py '$T/a.json' | tail -n 1 | grep -q '\"pairs\": [1-9]'"
else
	echo "skip networkx_baseline (no networkx)"
fi
