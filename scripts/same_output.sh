#!/bin/sh
# Checks that two agx binaries give the same results: `agx stats --json` and
# `agx overlaps --json` (stdout and stderr) on the benchmark's S and M
# bundles and on the whole corpus, with timing and memory figures removed
# (load_ms, overlap_ms, peak_rss_kb and the graph_bytes block, which counts
# hash-table sizes). The second binary also runs with AGX_THREADS=1 (the
# single-threaded reader) and AGX_THREADS=force (the pipelined reader even
# for small files). Prints "same NAME" or "DIFF NAME" lines; exit 1 on a
# difference.
#   scripts/same_output.sh OLD_AGX NEW_AGX [INPUT...]
set -u
[ $# -ge 2 ] || { echo "usage: $0 OLD_AGX NEW_AGX [INPUT...]" >&2; exit 2; }
old=$1 new=$2
shift 2
[ $# -gt 0 ] || set -- bench/out/S.json bench/out/M.json ../shared/corpus
export AGX_DATA="${AGX_DATA:-$(pwd)/data}"
T=${TMPDIR:-/tmp}/agx-same.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
strip() {
	sed -e '/"graph_bytes": {/,/}/d' -e '/"\(load_ms\|overlap_ms\|peak_rss_kb\)":/d' "$1"
}
run() { # BIN ENV CMD INPUT OUT
	env AGX_THREADS="$2" "$1" "$3" --json "$4" >"$5.out" 2>"$5.err"
	echo "exit $?" >>"$5.err"
	strip "$5.out" >"$5.txt"
	cat "$5.err" >>"$5.txt"
}
status=0
for in in "$@"; do
	[ -e "$in" ] || { echo "skip $in (absent)"; continue; }
	for cmd in stats overlaps; do
		run "$old" "" "$cmd" "$in" "$T/old"
		for mode in "" 1 force; do
			run "$new" "$mode" "$cmd" "$in" "$T/new"
			name="$cmd $in${mode:+ AGX_THREADS=$mode}"
			if cmp -s "$T/old.txt" "$T/new.txt"; then
				echo "same $name"
			else
				echo "DIFF $name"
				diff "$T/old.txt" "$T/new.txt" | head -n 10
				status=1
			fi
		done
	done
done
exit $status
