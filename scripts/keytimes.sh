#!/bin/sh
# Keystroke-to-screen time of the explorer: plays a script of 1000 keys
# (moves, pivots and back, tab switches, why, search, graph) headless into
# agx on the given data and prints the median and maximum time from a key's
# dispatch to the grid fully drawn.
#   scripts/keytimes.sh [FILE...]        (default: the bundled data)
set -eu
AGX=${AGX:-./agx}
script=$(mktemp /tmp/agx-keys.XXXXXX)
ws=$(mktemp /tmp/agx-ws.XXXXXX)
rm -f "$ws"
trap 'rm -f "$script" "$ws"' EXIT
# rounds of keys, one key per line, cut at exactly 1000
round='j j j j <Enter> j j <Enter> h h l h k
2 j j j <Enter> h k <PgDn> <PgUp>
3 j <Tab> j <Tab>
4 j w <Enter> j <Enter> <Esc> k
5 j <Tab> j
6 j j <Enter> h d d
7 j j <Tab> <Tab> 8 j 9
/ a p t <Enter> n N
1 G g'
i=0
while [ $i -lt 25 ]; do
	printf '%s\n' "$round"
	i=$((i + 1))
done | tr ' ' '\n' | grep . | head -n 1000 >"$script"
AGX_KEYTIMES=1 "$AGX" --size 80x24 --workspace "$ws" --script "$script" "$@"
