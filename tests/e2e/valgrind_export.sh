#!/bin/sh
# valgrind --leak-check=full on batch exports: no byte of ours definitely
# lost. The export path runs Graphviz with built-in plugins only (SVG and
# DOT), whose static state (22-107 KB in Graphviz 2.43) is "still reachable",
# never "definitely lost". Prints ok/not ok/skip lines for tests/run.sh.
AGX=${AGX:-./agx}
BUILD=${BUILD:-build/release}
if ! command -v valgrind >/dev/null 2>&1; then
	echo "skip valgrind_export (valgrind not installed)"
	exit 0
fi
if [ -n "${AGX_SANITIZED:-}" ]; then
	echo "skip valgrind_export (sanitizer build)"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/agx-vg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

check() { # name log
	if grep -q "definitely lost: 0 bytes in 0 blocks" "$2" || grep -q "no leaks are possible" "$2"; then
		if grep -q "ERROR SUMMARY: 0 errors" "$2"; then
			echo "ok $1"
			return
		fi
	fi
	echo "not ok $1"
	grep -E "definitely lost|ERROR SUMMARY|Invalid|uninitialised" "$2" | head -n 20
}

supp=$(dirname "$0")/graphviz.supp
vg="valgrind --leak-check=full --errors-for-leak-kinds=definite --num-callers=30 --suppressions=$supp"

# 1. the library path, on a synthetic graph (no loader needed)
if [ -x "$BUILD/tests/export_bench" ] || make --no-print-directory "$BUILD/tests/export_bench" >/dev/null 2>&1; then
	$vg "$BUILD/tests/export_bench" 60 svg >/dev/null 2>"$tmp/bench.log"
	check valgrind_export_library_svg "$tmp/bench.log"
else
	echo "skip valgrind_export_library_svg (export_bench did not build)"
fi

# 2. agx export on a small STIX bundle, when the STIX loader is built in
cat >"$tmp/a.json" <<'JSON'
{"type":"bundle","id":"bundle--11111111-1111-4111-8111-111111111111","objects":[
{"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--a1111111-1111-4111-8111-111111111111","created":"2023-05-01T00:00:00Z","modified":"2023-05-01T00:00:00Z","name":"APT15"},
{"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--b1111111-1111-4111-8111-111111111111","created":"2023-05-01T00:00:00Z","modified":"2023-05-01T00:00:00Z","name":"BackdoorDiplomacy"},
{"type":"indicator","spec_version":"2.1","id":"indicator--a2222222-1111-4111-8111-111111111111","created":"2023-05-01T00:00:00Z","modified":"2023-05-01T00:00:00Z","pattern":"[domain-name:value = 'shared.example.com'] OR [ipv4-addr:value = '203.0.113.7']","pattern_type":"stix","valid_from":"2023-04-01T00:00:00Z","confidence":80},
{"type":"relationship","spec_version":"2.1","id":"relationship--a3333333-1111-4111-8111-111111111111","created":"2023-05-01T00:00:00Z","modified":"2023-05-01T00:00:00Z","relationship_type":"indicates","source_ref":"indicator--a2222222-1111-4111-8111-111111111111","target_ref":"intrusion-set--a1111111-1111-4111-8111-111111111111"},
{"type":"relationship","spec_version":"2.1","id":"relationship--b3333333-1111-4111-8111-111111111111","created":"2023-05-01T00:00:00Z","modified":"2023-05-01T00:00:00Z","relationship_type":"indicates","source_ref":"indicator--a2222222-1111-4111-8111-111111111111","target_ref":"intrusion-set--b1111111-1111-4111-8111-111111111111"}
]}
JSON
if [ -x "$AGX" ] && "$AGX" stats "$tmp/a.json" >/dev/null 2>&1; then
	$vg "$AGX" export --view all -o "$tmp/all.svg" "$tmp/a.json" 2>"$tmp/agx.log"
	check valgrind_export_agx_svg "$tmp/agx.log"
	$vg "$AGX" export --view pair --pair APT15,BackdoorDiplomacy -o "$tmp/pair.dot" \
		"$tmp/a.json" 2>"$tmp/agx2.log"
	check valgrind_export_agx_pair_dot "$tmp/agx2.log"
else
	echo "skip valgrind_export_agx_svg (agx or its STIX loader absent)"
	echo "skip valgrind_export_agx_pair_dot (agx or its STIX loader absent)"
fi
