#!/bin/sh
# Regenerates screenshots/*.png from real runs of the explorer on the
# bundled data: agx runs in a private tmux server (TERM=tmux-256color,
# 100x30), keys go in with send-keys, tmux capture-pane -e gives the screen
# with its colours, scripts/ansi2html.py turns that into a page, and headless
# Chromium photographs it. `make screenshots` installs what this needs
# (scripts/deps.sh screenshots: tmux, python3, chromium, DejaVu fonts).
set -eu
AGX=${AGX:-./agx}
case "$AGX" in /*) ;; *) AGX="$PWD/$AGX" ;; esac
OUT=${OUT:-screenshots}
COLS=100
ROWS=30
CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$CHROMIUM" ]; then
	echo "screenshots: chromium not found (scripts/deps.sh screenshots installs it)" >&2
	exit 1
fi
# relative paths: the Reports tab shows them, and pictures in the repository
# must not name this machine's directories
DATA="data/africa-report.json"
TMP=$(mktemp -d /tmp/agx-shots.XXXXXX)
N=0
T="tmux -L agx-shot-$$-0 -f $PWD/tests/e2e/tmux.conf"
trap '$T kill-server 2>/dev/null; rm -rf "$TMP"' EXIT INT TERM
mkdir -p "$OUT"

wait_for() {
	i=0
	until $T capture-pane -p -t t | grep -qF -- "$1"; do
		i=$((i + 1))
		if [ $i -gt 200 ]; then
			echo "screenshots: '$1' never appeared" >&2
			$T capture-pane -p -t t >&2
			return 1
		fi
		sleep 0.05
	done
}

# shot NAME "TEXT TO WAIT FOR" KEYS... ; a key "=text" is typed literally,
# a key "+text" waits until text is on the screen (a load that drops keys)
shot() {
	name=$1
	expect=$2
	shift 2
	$T kill-server 2>/dev/null || true
	N=$((N + 1))
	T="tmux -L agx-shot-$$-$N -f $PWD/tests/e2e/tmux.conf"
	$T new-session -d -s t -x $COLS -y $ROWS -c "$PWD" \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color AGX_ANALYST=alice $AGX --workspace $TMP/ws-$name.json $DATA"
	wait_for "Actors"
	for k in "$@"; do
		case "$k" in
		=*) $T send-keys -t t -l "${k#=}" ;;
		+*) wait_for "${k#+}" ;;
		*) $T send-keys -t t "$k" ;;
		esac
	done
	wait_for "$expect"
	$T capture-pane -p -e -t t >"$TMP/$name.ans"
	python3 "$PWD/scripts/ansi2html.py" --title "agx: $name" <"$TMP/$name.ans" >"$TMP/$name.html"
	# 15px DejaVu Sans Mono: about 9 px a column, 18 px a row, plus the padding
	w=$((COLS * 9 + 30))
	h=$((ROWS * 18 + 20))
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--force-device-scale-factor=1 --window-size=$w,$h \
		--screenshot="$PWD/$OUT/$name.png" "file://$TMP/$name.html" >/dev/null 2>&1
	echo "screenshots: $OUT/$name.png"
	$T send-keys -t t q
}

shot 1-actors "uses" j j Tab
shot 2-infrastructure "indicates" 2 / =amelicen Enter
shot 3-tools "Tools" 3 j j j j
shot 4-overlaps "shared infrastructure" 4
shot 4-why "<-indicates-" 4 w Enter
shot 5-clusters "links" : "=threshold 0.05" Enter 5
shot 4-overlaps-tools "shared tools" 4 s
shot 6-graph "depth 1" 6
shot 7-reports "reports and campaigns" 7
shot 8-aliases "claims of the two sides" : "=join FamousSparrow = GhostEmperor" Enter 8 j
shot 9-review "alias Earth Estries" 4 c : "=note shared C2 hosts" Enter : "=join Earth Estries = GhostEmperor" Enter 9
shot problems "errors (1)" : "=load tests/screens/broken.json" Enter "+0 nodes added" "!"
shot help "next row" "?"

# the batch exports, as a briefing would show them
$AGX export --view pair --pair APT15,BackdoorDiplomacy -o "$OUT/export-pair.png" "$DATA"
$AGX export --view overlap -o "$OUT/export-overlap.png" "$DATA"
echo "screenshots: $OUT/export-pair.png $OUT/export-overlap.png"
