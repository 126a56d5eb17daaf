#!/bin/sh
# agx pull --misp against the project's own MISP REST server
# (tests/servers/misp_server.py): the key, paging, the timestamp checkpoint,
# an edited event replacing its older copy. Skipped without python3.
set -u
cd "$(dirname "$0")/../.." || exit 1
AGX=${AGX:-./agx}
AGX=$(cd "$(dirname "$AGX")" && pwd)/$(basename "$AGX")
if ! command -v python3 >/dev/null 2>&1; then
	echo "skip pull_misp (python3 absent)"
	exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/agx-misp.XXXXXX")
SPID=""
[ -n "${KEEP:-}" ] || trap '[ -n "$SPID" ] && kill $SPID 2>/dev/null; rm -rf "$T"' EXIT INT TERM
export AGX_NO_PROGRESS=1
unset AGX_MISP_KEY
ok() { echo "ok $1"; }
expect() {
	if [ $? -eq 0 ]; then ok "$1"; else
		echo "not ok $1"
		sed 's/^/    err: /' "$T/err" | head -n 5
	fi
}
py() { python3 -c "$@"; }

python3 tests/servers/misp_server.py --port-file "$T/port" --data "$T/events.json" --init 35 \
	--log "$T/log" &
SPID=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
URL=http://127.0.0.1:$(cat "$T/port")
C=$T/cache/127.0.0.1_$(cat "$T/port")/misp
# the server's events as one MISP file, to compare the cache with
dump() { py "
import json; print(json.dumps({'response':[{'Event':e} for e in json.load(open('$T/events.json'))]}))" >"$T/dump.json"; }
same() {
	dump
	"$AGX" overlaps --json "$T/cache" >"$T/a.json" 2>/dev/null
	"$AGX" overlaps --json "$T/dump.json" >"$T/b.json" 2>/dev/null
	py "
import json
a,b=(json.load(open('$T/'+f)) for f in ('a.json','b.json'))
# pairs of equal score may come in either order: compare them as a set
norm=lambda x: sorted((tuple(sorted((p['a'],p['b']))),p['score'],p['weight'],p['shared']) for p in x['pairs'])
assert norm(a)==norm(b) and a['pairs'] and a['units']==b['units'], 'overlaps differ'"
}

"$AGX" pull --misp "$URL" -o "$T/cache" >"$T/out" 2>"$T/err"
{ [ $? -eq 1 ] && grep -q "MISP needs an API key; set AGX_MISP_KEY" "$T/err" && [ ! -e "$T/cache" ]; }
expect misp_no_key
AGX_MISP_KEY=wrong "$AGX" pull --misp "$URL" -o "$T/cache" >"$T/out" 2>"$T/err"
{ [ $? -eq 1 ] && grep -q "HTTP 403: MISP refused the key from AGX_MISP_KEY" "$T/err" &&
	[ ! -e "$T/cache" ]; }
expect misp_wrong_key
export AGX_MISP_KEY=k3y
"$AGX" pull --misp "$URL/" -o "$T/cache" --limit 10 --json >"$T/out" 2>"$T/err"
{ [ $? -eq 0 ] && py "
import json; c=json.load(open('$T/out'))['collections'][0]
assert c['new_objects']==35 and c['pages']==4 and c['checkpoint']=='1700000034', c
q=[json.loads(l)['query'] for l in open('$T/log') if json.loads(l)['status']==200]
assert [x['page'] for x in q]==[1,2,3,4] and all(x['limit']==10 and x['returnFormat']=='json' and 'timestamp' not in x for x in q), q" &&
	[ "$(ls "$C" | grep -c '^event-')" -eq 35 ]; }
expect misp_full_pull
same
expect misp_cache_loads_as_server
"$AGX" pull --misp "$URL" -o "$T/cache" --limit 10 --json >"$T/out" 2>"$T/err"
{ [ $? -eq 0 ] && py "
import json; c=json.load(open('$T/out'))['collections'][0]
assert c['new_objects']==0 and c['checkpoint']=='1700000034', c
q=json.loads(open('$T/log').read().splitlines()[-1])['query']
assert q['timestamp']=='1700000034', q"; }
expect misp_checkpoint_sent
# an event edited and one added: both come, the edit replaces the old copy
py "
import json
evs=json.load(open('$T/events.json'))
evs[3]['timestamp']='1700000100'; evs[3]['Attribute'][2]['value']='moved.example.org'
new=dict(evs[0]); new['id']='99'; new['uuid']='0d5f1d6e-5c0a-4a4e-9f43-6c1f2e1b7a99'; new['timestamp']='1700000200'
evs.append(new); json.dump(evs, open('$T/events.json','w'))"
"$AGX" pull --misp "$URL" -o "$T/cache" --limit 10 --json >"$T/out" 2>"$T/err"
{ [ $? -eq 0 ] && py "
import json; c=json.load(open('$T/out'))['collections'][0]
assert c['new_objects']==2 and c['checkpoint']=='1700000200', c" &&
	[ "$(ls "$C" | grep -c '^event-')" -eq 36 ]; }
expect misp_incremental
same
expect misp_edit_replaces
exit 0
