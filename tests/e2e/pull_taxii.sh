#!/bin/sh
# agx pull against the project's own TAXII 2.1 server (tests/servers/
# taxii_server.py: Python standard library, 127.0.0.1, a free port), which
# sets the traps real servers set (../shared/TAXII.md). Each server is
# started and stopped here. Skipped without python3.
set -u
cd "$(dirname "$0")/../.." || exit 1
AGX=${AGX:-./agx}
AGX=$(cd "$(dirname "$AGX")" && pwd)/$(basename "$AGX")
SERVER=$(pwd)/tests/servers/taxii_server.py
if ! command -v python3 >/dev/null 2>&1; then
	echo "skip pull_taxii (python3 absent)"
	exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/agx-pull.XXXXXX")
SPID=""
cleanup() {
	[ -n "${KEEP:-}" ] && { echo "kept $T"; return; }
	[ -n "$SPID" ] && kill "$SPID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
export AGX_NO_PROGRESS=1
unset AGX_TAXII_USER AGX_TAXII_PASSWORD AGX_TAXII_TOKEN

ok() { echo "ok $1"; }
fail() {
	echo "not ok $1${2:+ ($2)}"
	[ -f "$T/err" ] && sed 's/^/    err: /' "$T/err" | head -n 10
}
expect() { # after a condition: its status
	if [ $? -eq 0 ]; then ok "$1"; else fail "$1"; fi
}
check() { # check NAME CONDITION-COMMAND...
	name=$1
	shift
	if "$@"; then ok "$name"; else fail "$name"; fi
}

# start NAME ARGS...: a server with its log and port in $T/NAME.*
start() {
	n=$1
	shift
	rm -f "$T/$n.port"
	python3 "$SERVER" --port-file "$T/$n.port" --log "$T/$n.log" "$@" &
	SPID=$!
	i=0
	while [ ! -s "$T/$n.port" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	PORT=$(cat "$T/$n.port" 2>/dev/null)
	URL=http://127.0.0.1:$PORT
}
stop() {
	kill "$SPID" 2>/dev/null
	wait "$SPID" 2>/dev/null
	SPID=""
}
COLL=91a7b528-80eb-42ed-a74d-c6fbd5a26116
cache_of() { echo "$1/127.0.0.1_$PORT/api1/$COLL"; }
# py EXPR...: a python3 check on the files named in the script
py() { python3 -c "$@"; }
overlaps_same() { # the cache and the server's own dump give the same overlaps
	"$AGX" overlaps --json "$1" >"$T/a.json" 2>/dev/null
	"$AGX" overlaps --json "$2" >"$T/b.json" 2>/dev/null
	py "
import json
a,b=(json.load(open('$T/'+f)) for f in ('a.json','b.json'))
for x in (a,b):
    for k in ('load_ms','overlap_ms','peak_rss_kb'): x.pop(k,None)
assert a==b and '\"score\"' in json.dumps(a), 'overlaps differ'"
}

# ---- a full pull, then incremental ones ----
start s1 --objects 300 --max-page 1000 --dump "$T/s1.dump.json"
"$AGX" pull "$URL/taxii2" -o "$T/c1" --limit 50 --json >"$T/out" 2>"$T/err"
rc=$?
check pull_full_exit [ $rc -eq 0 ]
check pull_full_counts py "
import json; s=json.load(open('$T/out')); c=s['collections']
assert len(c)==1 and c[0]['id']=='$COLL' and c[0]['pages']==6 and c[0]['new_objects']==300, c
assert s['title']=='agx test server'"
check pull_full_pages [ "$(ls "$(cache_of "$T/c1")" | grep -c '^page-')" -eq 6 ]
check pull_full_loads_as_server overlaps_same "$T/c1" "$T/s1.dump.json"
check pull_stats_objects sh -c "'$AGX' stats --json '$T/c1' | grep -q '\"objects\": 300'"
check pull_no_308_no_406 py "
import json
for l in open('$T/s1.log'):
    r=json.loads(l); assert r['status'] not in (308,406), r"
check pull_next_with_limit py "
import json
rs=[json.loads(l) for l in open('$T/s1.log') if '/objects/' in l]
nx=[r for r in rs if 'next' in r['query']]
assert len(nx)==5 and all(r['query']['limit']==['50'] for r in nx), rs"
check pull_test_server_406 py "
import urllib.request,urllib.error
try:
    urllib.request.urlopen(urllib.request.Request('$URL/taxii2/', headers={'Accept':'application/taxii+json'}))
    raise SystemExit(1)
except urllib.error.HTTPError as e:
    assert e.code==406"
# nothing new: {} without a date header keeps the checkpoint
cp1=$(py "import json;print(json.load(open('$(cache_of "$T/c1")/state.json'))['checkpoint'])")
"$AGX" pull "$URL/taxii2/" -o "$T/c1" --limit 50 --json >"$T/out" 2>"$T/err"
check pull_nothing_new py "
import json; c=json.load(open('$T/out'))['collections'][0]
assert c['new_objects']==0 and c['pages']==0 and c['checkpoint']=='$cp1', c"
check pull_checkpoint_sent_verbatim py "
import json
r=[json.loads(l) for l in open('$T/s1.log') if '/objects/' in l][-1]
assert r['query']['added_after']==['$cp1'] and 'next' not in r['query'], r"
# one object added: exactly one comes
py "
import json,urllib.request
o={'type':'intrusion-set','spec_version':'2.1','id':'intrusion-set--6a8bd1c9-07c5-4b3e-9d7e-2b0f4a4c1d11','name':'Late Actor','created':'2023-02-01T00:00:00.000Z','modified':'2023-02-01T00:00:00.000Z'}
req=urllib.request.Request('$URL/api1/collections/$COLL/objects/',data=json.dumps({'objects':[o]}).encode(),
 headers={'Accept':'application/taxii+json;version=2.1','Content-Type':'application/taxii+json;version=2.1'})
urllib.request.urlopen(req).read()"
"$AGX" pull "$URL/taxii2/" -o "$T/c1" --limit 50 --json >"$T/out" 2>"$T/err"
check pull_incremental_one py "
import json; c=json.load(open('$T/out'))['collections'][0]
assert c['new_objects']==1 and c['pages']==1 and c['checkpoint']!='$cp1', c"
check pull_incremental_loads sh -c "'$AGX' stats '$T/c1' 2>/dev/null | grep -q '^  actor  *13'"
# the collection URL and the API root URL lead to the same collection
"$AGX" pull "$URL/api1/collections/$COLL" -o "$T/c1b" --limit 100 --json >"$T/out" 2>"$T/err"
check pull_collection_url py "
import json; c=json.load(open('$T/out'))['collections']
assert len(c)==1 and c[0]['new_objects']==301, c"
"$AGX" pull "$URL/api1/" -o "$T/c1c" --limit 100 --json >"$T/out" 2>"$T/err"
check pull_api_root_url py "
import json; s=json.load(open('$T/out')); c=s['collections']
assert len(c)==1 and c[0]['new_objects']==301 and s['title']=='Team intel', s"
# a damaged page: the error names the page, the rest still loads
cp -r "$T/c1" "$T/c1x"
py "
p='$(cache_of "$T/c1x")/page-000003.json'; s=open(p).read(); open(p,'w').write(s[:len(s)//2])"
"$AGX" check "$T/c1x" >"$T/out" 2>&1
{ [ $? -eq 1 ] && grep -q "page-000003.json:1:[0-9]*: error: premature end of input" "$T/out" &&
	grep -q "$COLL: stix2.1, 2[0-9][0-9] objects" "$T/out"; }
expect pull_damaged_page_named
# errors that change nothing
"$AGX" pull "$URL/nothing/here" -o "$T/c1d" >"$T/out" 2>"$T/err"
rc=$?
{ [ $rc -eq 1 ] && grep -q "127.0.0.1:$PORT/nothing/here/: HTTP 404, an HTML page" "$T/err" && grep -q "404 Not Found" "$T/err" && [ ! -e "$T/c1d" ]; }
expect pull_html_error
"$AGX" pull "$URL/taxii2/" -o "$T/c1e" --collection nope >"$T/out" 2>"$T/err"
{ [ $? -eq 1 ] && grep -q "no collection 'nope'" "$T/err" && [ ! -e "$T/c1e" ]; }
expect pull_unknown_collection
"$AGX" pull "$URL/taxii2/" -o "$T/c1e" --collection Secret >"$T/out" 2>"$T/err"
{ [ $? -eq 1 ] && grep -q "not readable" "$T/err" && [ ! -e "$T/c1e" ]; }
expect pull_unreadable_collection
stop

# ---- killed at a random page, pulled again: nothing fetched twice or lost ----
K=$(py "import random; print(random.randint(2, 19))")
start s2 --objects 1000 --dump "$T/s2.dump.json" --hold-at "$K" --hold-marker "$T/held" \
	--release "$T/release"
"$AGX" pull "$URL/taxii2/" -o "$T/c2" --limit 50 >"$T/out" 2>"$T/err" &
APID=$!
i=0
while [ ! -e "$T/held" ] && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -9 $APID 2>/dev/null
wait $APID 2>/dev/null
touch "$T/release"
first=$(ls "$(cache_of "$T/c2")" | grep -c '^page-')
check kill_pages_kept [ "$first" -eq $((K - 1)) ]
check kill_cache_loads sh -c "'$AGX' stats '$T/c2' >/dev/null 2>&1"
"$AGX" pull "$URL/taxii2/" -o "$T/c2" --limit 50 >"$T/out" 2>"$T/err"
check kill_resume_exit [ $? -eq 0 ]
check kill_nothing_twice_or_lost py "
import json
rs=[json.loads(l) for l in open('$T/s2.log') if '/objects/' in l]
got=[i for r in rs if not r['held'] for i in r['served']]
assert len(got)==len(set(got))==1000, (len(got), len(set(got)))"
check kill_resume_same_as_server overlaps_same "$T/c2" "$T/s2.dump.json"
stop

# ---- an expired next restarts from the checkpoint ----
start s3 --objects 400 --dump "$T/s3.dump.json" --expire-next 3
"$AGX" pull "$URL/taxii2/" -o "$T/c3" --limit 50 >"$T/out" 2>"$T/err"
check expired_next_exit [ $? -eq 0 ]
check expired_next_seen py "
import json
rs=[json.loads(l) for l in open('$T/s3.log') if '/objects/' in l]
assert any(r['status']==400 for r in rs)
got=[i for r in rs for i in r['served']]
assert len(got)==len(set(got))==400, len(got)"
check expired_next_same_as_server overlaps_same "$T/c3" "$T/s3.dump.json"
stop

# ---- dates as servers write them, sent back verbatim ----
for style in micro plus; do
	start "d$style" --objects 120 --date-style "$style" --dump "$T/d.dump.json" \
		--empty-header undefined
	"$AGX" pull "$URL/taxii2/" -o "$T/d$style" --limit 50 >"$T/out" 2>"$T/err" &&
		"$AGX" pull "$URL/taxii2/" -o "$T/d$style" --limit 50 >>"$T/out" 2>>"$T/err"
	check "dates_${style}_exit" [ $? -eq 0 ]
	check "dates_${style}_verbatim" py "
import json,re
st=json.load(open('$(cache_of "$T/d$style")/state.json'))
pat={'micro':r'\.\d{6}Z$','plus':r'\+00:00$'}['$style']
assert re.search(pat, st['checkpoint']), st
rs=[json.loads(l) for l in open('$T/d$style.log') if '/objects/' in l]
assert rs[-1]['query']['added_after']==[st['checkpoint']] and rs[-1]['status']==200, rs[-1]"
	check "dates_${style}_loads" overlaps_same "$T/d$style" "$T/d.dump.json"
	stop
done

# ---- date-only paging: more without next ----
start s4 --objects 200 --no-next --dump "$T/s4.dump.json"
"$AGX" pull "$URL/taxii2/" -o "$T/c4" --limit 30 >"$T/out" 2>"$T/err"
check no_next_exit [ $? -eq 0 ]
check no_next_same_as_server overlaps_same "$T/c4" "$T/s4.dump.json"
stop

# ---- credentials ----
start s5 --objects 20 --user alice --password 's3cret:x' --token tok123
"$AGX" pull "$URL/taxii2/" -o "$T/c5" >"$T/out" 2>"$T/err"
{ [ $? -eq 1 ] && grep -q "HTTP 401 Unauthorized: the server needs credentials (it asks for Basic, Bearer); set AGX_TAXII_USER and AGX_TAXII_PASSWORD" "$T/err" && [ ! -e "$T/c5" ]; }
expect auth_missing
AGX_TAXII_TOKEN=wrong "$AGX" pull "$URL/taxii2/" -o "$T/c5" >"$T/out" 2>"$T/err"
{ [ $? -eq 1 ] && grep -q "refused the credentials from AGX_TAXII_TOKEN" "$T/err" && [ ! -e "$T/c5" ]; }
expect auth_wrong_token
AGX_TAXII_TOKEN=tok123 "$AGX" pull "$URL/taxii2/" -o "$T/c5" >"$T/out" 2>"$T/err"
check auth_bearer [ $? -eq 0 ]
AGX_TAXII_USER=alice AGX_TAXII_PASSWORD='s3cret:x' "$AGX" pull "$URL/taxii2/" -o "$T/c5b" \
	>"$T/out" 2>"$T/err"
check auth_basic [ $? -eq 0 ]
printf 'AGX_TAXII_USER=alice\nAGX_TAXII_PASSWORD=s3cret:x\n' >"$T/auth"
chmod 644 "$T/auth"
"$AGX" pull "$URL/taxii2/" -o "$T/c5c" --auth-file "$T/auth" >"$T/out" 2>"$T/err"
{ [ $? -eq 1 ] && grep -q "chmod 600" "$T/err" && [ ! -e "$T/c5c" ]; }
expect auth_file_open_refused
chmod 600 "$T/auth"
"$AGX" pull "$URL/taxii2/" -o "$T/c5c" --auth-file "$T/auth" >"$T/out" 2>"$T/err"
check auth_file [ $? -eq 0 ]
stop

# ---- a TAXII 2.0 server is named as such ----
start s6 --objects 5 --taxii20
"$AGX" pull "$URL/taxii2/" -o "$T/c6" >"$T/out" 2>"$T/err"
{ [ $? -eq 1 ] && grep -q "this is a TAXII 2.0 server" "$T/err" && [ ! -e "$T/c6" ]; }
expect taxii20_named
stop

# ---- a server that never answers: a timeout with the URL ----
py "
import socket,time,os
s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(1)
open('$T/mute.port.tmp','w').write(str(s.getsockname()[1])); os.rename('$T/mute.port.tmp','$T/mute.port')
c=s.accept(); time.sleep(20)" &
MPID=$!
i=0
while [ ! -s "$T/mute.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
"$AGX" pull "http://127.0.0.1:$(cat "$T/mute.port")/taxii2/" -o "$T/c7" --timeout 1 >"$T/out" 2>"$T/err"
{ [ $? -eq 1 ] && grep -q "127.0.0.1:$(cat "$T/mute.port")/taxii2/:" "$T/err" && [ ! -e "$T/c7" ]; }
expect timeout_named
kill $MPID 2>/dev/null
wait $MPID 2>/dev/null

# ---- push the analyst's judgements, pull them back: they load again ----
cat >"$T/ws.json" <<'EOF2'
{"agx_workspace": 1,
 "verdicts": [{"pair": "pair:actor:famoussparrow|actor:ghostemperor", "verdict": "confirmed", "when": 1700000000},
	      {"pair": "pair:actor:apt15|actor:backdoordiplomacy", "verdict": "dismissed", "when": 1700000100}],
 "notes": [{"key": "actor:apt15", "text": "Seen again in 2023", "when": 1700000200},
	   {"key": "pair:actor:famoussparrow|actor:ghostemperor", "text": "Same /24 as well", "when": 1700000300}]}
EOF2
echo '{"agx_workspace": 1}' >"$T/empty.json"
start s9 --objects 0
DATA=data/africa-report.json
AGX_ANALYST=alice "$AGX" push "$URL/api1/collections/$COLL" --workspace "$T/ws.json" "$DATA" \
	>"$T/out" 2>"$T/err"
{ [ $? -eq 0 ] && grep -q "6 objects sent; status complete: 6 succeeded, 0 failed" "$T/out"; }
expect push_status
AGX_ANALYST=alice "$AGX" push "$URL/api1/collections/$COLL/" --workspace "$T/ws.json" "$DATA" \
	>"$T/out" 2>"$T/err"
check push_twice_same_ids py "
import json
rs=[json.loads(l) for l in open('$T/s9.log') if l and json.loads(l)['method']=='POST']
assert len(rs)==2, rs"
"$AGX" pull "$URL/taxii2/" -o "$T/c9" >"$T/out" 2>"$T/err"
check push_pulled [ $? -eq 0 ]
check push_pulled_ids_twice_each py "
import json,glob
ids=[o['id'] for f in glob.glob('$(cache_of "$T/c9")/page-*.json') for o in json.load(open(f))['objects']]
assert len(ids)==12 and len(set(ids))==6, ids"
"$AGX" brief -o "$T/brief" --pair FamousSparrow,GhostEmperor --workspace "$T/empty.json" \
	"$DATA" "$T/c9" >"$T/out" 2>"$T/err"
{ [ $? -eq 0 ] && grep -q "| Analyst verdict | confirmed |" "$T"/brief/*.md &&
	grep -q "Same /24 as well" "$T"/brief/*.md; }
expect push_round_trip_loads
AGX_ANALYST=alice "$AGX" export -f stix -o "$T/j.json" --workspace "$T/ws.json" "$DATA" 2>"$T/err"
check export_stix_ids_as_pushed py "
import json,glob
mine=sorted(o['id'] for o in json.load(open('$T/j.json'))['objects'])
got=sorted(set(o['id'] for f in glob.glob('$(cache_of "$T/c9")/page-*.json') for o in json.load(open(f))['objects']))
assert mine==got, (mine, got)"
check export_stix_shape py "
import json
b=json.load(open('$T/j.json')); os=b['objects']; me=os[0]
assert b['type']=='bundle' and me['type']=='identity' and me['name']=='alice'
assert all(o['created_by_ref']==me['id'] and 'confidence' in o and o['spec_version']=='2.1' for o in os)
ops=[o for o in os if o['type']=='opinion']; notes=[o for o in os if o['type']=='note']
rel=[o for o in os if o['type']=='relationship']
assert sorted(o['opinion'] for o in ops)==['agree','disagree'] and len(notes)==2 and len(rel)==1
assert rel[0]['relationship_type']=='related-to' and rel[0]['id'] in [r for o in ops for r in o['object_refs']]
assert all(r.startswith('intrusion-set--') for n in notes for r in n['object_refs'])"
stop

# ---- TLS with a certificate made here ----
if command -v openssl >/dev/null 2>&1; then
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
		-addext subjectAltName=IP:127.0.0.1 -keyout "$T/srv.key" -out "$T/srv.crt" \
		>/dev/null 2>&1
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=analyst \
		-keyout "$T/cli.key" -out "$T/cli.crt" >/dev/null 2>&1
	start s8 --objects 30 --tls "$T/srv.crt" "$T/srv.key" --client-ca "$T/cli.crt"
	S=https://127.0.0.1:$PORT/taxii2/
	"$AGX" pull "$S" -o "$T/c8" --cert "$T/cli.crt" --key "$T/cli.key" >"$T/out" 2>"$T/err"
	{ [ $? -eq 1 ] && grep -q "$S: .*certificate" "$T/err" && [ ! -e "$T/c8" ]; }
	expect tls_untrusted_refused
	"$AGX" pull "$S" -o "$T/c8" --cacert "$T/srv.crt" >"$T/out" 2>"$T/err"
	{ [ $? -eq 1 ] && [ ! -e "$T/c8" ]; }
	expect tls_client_cert_required
	"$AGX" pull "$S" -o "$T/c8" --cacert "$T/srv.crt" --cert "$T/cli.crt" --key "$T/cli.key" \
		>"$T/out" 2>"$T/err"
	{ [ $? -eq 0 ] && grep -q "30 new objects" "$T/out"; }
	expect tls_cacert_and_client_cert
	stop
else
	echo "skip tls (openssl absent)"
fi
exit 0
