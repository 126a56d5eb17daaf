#!/bin/sh
# Runs every test binary given and the end-to-end scripts in tests/e2e/, then
# prints one summary line: "tests: N passed, N failed, N skipped".
# cmocka suites report "[  PASSED  ] N test(s)." etc.; e2e scripts print
# "ok NAME", "not ok NAME" or "skip NAME" lines (TAP-like).
set -u
mkdir -p tests/tmp
# loads in the tests neither read nor write the analyst's snapshot cache:
# one of their own, and no snapshot written (tests/test_snapshot.c asks)
XDG_CACHE_HOME=$(pwd)/tests/tmp/cache
AGX_SNAPSHOT_MIN_MS=1e15
export XDG_CACHE_HOME AGX_SNAPSHOT_MIN_MS
pass=0 fail=0 skip=0 failed_suites=""
count() { sed -n "s/^\[  $1 *\] \([0-9][0-9]*\) test(s).*/\1/p" "$2" | head -n 1; }
for t in "$@"; do
	log="tests/tmp/$(basename "$t").log"
	"$t" >"$log" 2>&1
	rc=$?
	p=$(count PASSED "$log"); f=$(count FAILED "$log"); s=$(count SKIPPED "$log")
	p=${p:-0} f=${f:-0} s=${s:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi	# crashed or exited early
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
	printf '%-28s %4d passed %3d failed %3d skipped\n' "$(basename "$t")" "$p" "$f" "$s"
	if [ "$f" -ne 0 ]; then
		failed_suites="$failed_suites $(basename "$t")"
		sed 's/^/    | /' "$log" | grep -v '^    | \[ *\(RUN\|OK\) *\]' | tail -n 40
	fi
done
for e in tests/e2e/*.sh; do
	[ -f "$e" ] || continue
	log="tests/tmp/$(basename "$e").log"
	sh "$e" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log"); f=$(grep -c '^not ok ' "$log"); s=$(grep -c '^skip ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
	printf '%-28s %4d passed %3d failed %3d skipped\n' "$(basename "$e")" "$p" "$f" "$s"
	if [ "$f" -ne 0 ]; then
		failed_suites="$failed_suites $(basename "$e")"
		sed 's/^/    | /' "$log" | tail -n 40
	fi
done
[ -n "$failed_suites" ] && echo "failing suites:$failed_suites"
echo "tests: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
