#!/bin/sh
# Times the team commands against the test TAXII server (tests/servers/
# taxii_server.py) on this machine, one run each: a full pull of a
# 5,000-object collection in pages of 100, the incremental pull after one
# object is added, a push of a few judgements and the pull that brings them
# back, and a diff between the first and the last pull. Not part of `make
# bench` (it needs python3 and a free port, nothing else).
set -eu
cd "$(dirname "$0")/.."
AGX=${AGX:-./agx}
T=$(mktemp -d "${TMPDIR:-/tmp}/agx-team.XXXXXX")
python3 tests/servers/taxii_server.py --port-file "$T/port" --objects 5000 --max-page 1000 &
SPID=$!
trap 'kill $SPID 2>/dev/null; rm -rf "$T"' EXIT INT TERM
while [ ! -s "$T/port" ]; do sleep 0.1; done
URL=http://127.0.0.1:$(cat "$T/port")
COLL=91a7b528-80eb-42ed-a74d-c6fbd5a26116
export AGX_NO_PROGRESS=1
now() { date +%s.%N; }
run() { # run LABEL CMD...: prints the wall time and the command's last line
	label=$1
	shift
	t0=$(now)
	"$@" >"$T/out" 2>"$T/err"
	t1=$(now)
	printf '%-34s %6.3f s  %s\n' "$label" "$(echo "$t1 - $t0" | bc)" "$(tail -n 1 "$T/out")"
}
run "full pull (5000 objects, limit 100)" "$AGX" pull "$URL/taxii2/" -o "$T/c" --limit 100
cp -r "$T/c" "$T/c0"
python3 -c "
import json,urllib.request
o={'type':'intrusion-set','spec_version':'2.1','id':'intrusion-set--6a8bd1c9-07c5-4b3e-9d7e-2b0f4a4c1d11','name':'Late Actor','created':'2023-02-01T00:00:00.000Z','modified':'2023-02-01T00:00:00.000Z'}
urllib.request.urlopen(urllib.request.Request('$URL/api1/collections/$COLL/objects/',data=json.dumps({'objects':[o]}).encode(),headers={'Accept':'application/taxii+json;version=2.1','Content-Type':'application/taxii+json;version=2.1'})).read()"
run "incremental pull (1 added)" "$AGX" pull "$URL/taxii2/" -o "$T/c" --limit 100
cat >"$T/ws.json" <<'EOF2'
{"agx_workspace": 1,
 "verdicts": [{"pair": "pair:actor:actor 0|actor:actor 3", "verdict": "confirmed", "when": 1700000000},
	      {"pair": "pair:actor:actor 1|actor:actor 2", "verdict": "dismissed", "when": 1700000100}],
 "notes": [{"key": "actor:actor 0", "text": "Seen again", "when": 1700000200}]}
EOF2
run "push (judgements)" "$AGX" push "$URL/api1/collections/$COLL/" --workspace "$T/ws.json" "$T/c"
run "pull after the push" "$AGX" pull "$URL/taxii2/" -o "$T/c" --limit 100
run "diff first pull -> last pull" "$AGX" diff "$T/c0" "$T/c"
run "overlaps on the cache" "$AGX" overlaps --top 1 "$T/c"
