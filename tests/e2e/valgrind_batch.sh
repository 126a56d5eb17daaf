#!/bin/sh
# The batch commands under valgrind: no invalid read or write, no use of
# uninitialised memory and no leak of ours (definite or possible) on a few
# corpus folders and on hostile inputs built here. libxml2/jansson memory
# that is still reachable at exit is not counted (valgrind's default).
# valgrind's own failure is exit 9, told apart from agx's 0 (clean) and 1
# (input errors, expected for the hostile folder). Skipped without valgrind,
# under the sanitizer build (ASan and valgrind do not mix) and per corpus
# folder when the corpus is absent. About 20-40 s.
set -u
cd "$(dirname "$0")/../.." || exit 1
AGX=${AGX:-./agx}
C=${AGX_CORPUS:-../shared/corpus}
T=tests/tmp/valgrind_batch
if ! command -v valgrind >/dev/null 2>&1; then
	echo "skip valgrind_batch (valgrind absent)"
	exit 0
fi
if [ -n "${AGX_SANITIZED:-}" ]; then
	echo "skip valgrind_batch (sanitizer build)"
	exit 0
fi
[ -x "$AGX" ] || { echo "not ok valgrind_batch (no agx binary at $AGX)"; exit 0; }
rm -rf "$T"
mkdir -p "$T/hostile"

# vg NAME EXPECTED_RCS ARGS...: runs agx under valgrind
vg() {
	name=$1 want=$2
	shift 2
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,possible \
		--error-exitcode=9 "$AGX" "$@" >"$T/$name.out" 2>"$T/$name.err"
	rc=$?
	case " $want " in
	*" $rc "*) echo "ok $name" ;;
	*)
		echo "not ok $name (exit $rc, expected $want)"
		grep '^==[0-9]*==' "$T/$name.err" | head -n 30
		;;
	esac
}

# corpus NAME EXPECTED_RCS FOLDER ARGS...: as vg, skipped when FOLDER is absent
corpus() {
	name=$1 want=$2 dir=$C/$3
	shift 3
	if [ -d "$dir" ]; then
		vg "$name" "$want" "$@" "$dir"
	else
		echo "skip $name (corpus folder $dir absent)"
	fi
}

corpus vg_stats_stix21 0 oasis-stix21-examples stats
corpus vg_check_stix1 "0 1" stixproject-idioms-stix1 check
corpus vg_overlaps_openioc "0 1" mandiant-iocs-openioc10 overlaps
corpus vg_stats_csv "0 1" volexity-threat-intel stats
corpus vg_overlaps_ioclist "0 1" avast-ioc overlaps --json
corpus vg_check_mixed "0 1" citizenlab-malware-indicators check
corpus vg_clusters_text "0 1" sekoia-community clusters

# hostile inputs: every loader's error paths
H=$T/hostile
printf '%s' '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' >"$H/deep.json"
printf '{"type":"bundle","objects":[{"type":"indicator","id":"indicator--1",' >"$H/trunc.json"
printf 'indicator,type\n"1.2.3.4,ip\n5.6.7.8,ip\n' >"$H/unclosed.csv"
printf '<?xml version="1.0"?>\n<!DOCTYPE ioc [<!ENTITY x "y">]>\n<ioc xmlns="http://schemas.mandiant.com/2010/ioc">&x;</ioc>\n' >"$H/doctype.ioc"
printf '<?xml version="1.0"?>\n<ioc xmlns="http://schemas.mandiant.com/2010/ioc"><a><b>\n' >"$H/trunc.ioc"
printf '\0\0\0\0\0\0\0\0' >"$H/nul.bin"
: >"$H/empty.txt"
printf 'actor,indicator,type\n\033[31mEvil\033[0m,1.2.3.4,ip\nOther\377\376,1.2.3.4,ip\n' >"$H/esc.csv"
printf 'hxxp://evil[.]example[.]com/a\n1.2.3.4:8080\n\303\050\n' >"$H/list.txt"
vg vg_check_hostile 1 check "$H"
vg vg_overlaps_hostile 1 overlaps "$H"

# the command line's own paths: a suggestion for a mistyped option, the
# bundled warninglists passed by, inputs with nothing agx can read, near
# misses (briefs render PNG through pango, whose own leaks valgrind reports:
# their Markdown is checked under ASan by test_brief)
vg vg_usage_suggestion 2 overlaps --threshhold 0.3
vg vg_overlaps_data_dir 0 overlaps data
mkdir -p "$T/empty" "$T/notes"
printf 'Call Bob about the budget.\n' >"$T/notes/monday.md"
vg vg_unreadable_inputs 1 stats "$T/empty" "$T/notes"
vg vg_why_near_misses 0 why --json FamousSparrow GhostEmperor data/africa-report.json

# the snapshot of a load: written (the graph's own arrays go to disk whole),
# then opened, under valgrind; a cache folder of its own
XDG_CACHE_HOME=$(pwd)/$T/cache AGX_SNAPSHOT_MIN_MS=0 vg vg_snapshot_write "0 1" stats "$H" data
XDG_CACHE_HOME=$(pwd)/$T/cache AGX_SNAPSHOT_MIN_MS=0 vg vg_snapshot_open "0 1" overlaps "$H" data
if grep -q 'used' "$T/vg_snapshot_write.out" || ! ls "$T"/cache/agx/load-*.snap >/dev/null 2>&1; then
	echo "not ok vg_snapshot_written (no snapshot was written)"
else
	echo "ok vg_snapshot_written"
fi
