#!/bin/sh
# The include rules of the README's map of the folders, checked: prints each
# #include that goes the wrong way as FILE:LINE: ..., and fails when there is
# one. Run by `make check-deps` and `make test`.
#   graph/          includes nothing of loaders/ or tui/
#   loaders/        includes nothing of tui/
#   tui/session/    includes nothing of tui/cmd/ or tui/explorer/
#   tui/cmd/        includes nothing of tui/explorer/
#   tui/explorer/   includes nothing of tui/cmd/; its state (app.h) is read
#                   by the app (app.c, app_decide.c), the main loop (explorer.c) and
#                   the views only; the app's own parts (app_int.h) by the app only
set -u
cd "$(dirname "$0")/.." || exit 2
bad=0
# rule FOLDER PATTERN WHY: no file under FOLDER includes a path matching PATTERN
rule() {
	hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]+\"($2)" "$1" \
		--include='*.c' --include='*.h' 2>/dev/null)
	if [ -n "$hits" ]; then
		echo "$hits" | sed "s|\$|   <- $3|"
		bad=1
	fi
}
rule graph/ 'loaders/|tui/' 'graph/ depends on nothing above it'
rule loaders/ 'tui/' 'loaders/ depends on graph/ only'
rule tui/session/ 'tui/cmd/|tui/explorer/' 'the session is shared by both programs'
rule tui/cmd/ 'tui/explorer/' 'batch commands run with no terminal'
rule tui/explorer/ 'tui/cmd/' 'the explorer does not use the batch commands'
for f in $(grep -rlE '#[[:space:]]*include[[:space:]]+"tui/explorer/(app|view)\.h"' \
	tui graph loaders --include='*.c' --include='*.h'); do
	case "$f" in
	tui/explorer/app.c | tui/explorer/app_*.c | tui/explorer/app_int.h | tui/explorer/explorer.c | \
		tui/explorer/view*.c | tui/explorer/view.h) ;;
	*)
		grep -nE '#[[:space:]]*include[[:space:]]+"tui/explorer/(app|view)\.h"' "$f" |
			sed "s|^|$f:|; s|\$|   <- only the app, the main loop and the views read the state|"
		bad=1
		;;
	esac
done
for f in $(grep -rlE '#[[:space:]]*include[[:space:]]+"tui/explorer/app_int\.h"' \
	tui graph loaders --include='*.c' --include='*.h'); do
	case "$f" in
	tui/explorer/app.c | tui/explorer/app_*.c) ;;
	*)
		grep -nE '#[[:space:]]*include[[:space:]]+"tui/explorer/app_int\.h"' "$f" |
			sed "s|^|$f:|; s|\$|   <- the app's own parts are the app's alone|"
		bad=1
		;;
	esac
done
if [ "$bad" -ne 0 ]; then
	echo "check-deps: includes go the wrong way (README.md, 'Layout')" >&2
	exit 1
fi
echo "check-deps: graph/ $(ls graph/*.[ch] | wc -l) files, loaders/ $(ls loaders/*.[ch] | wc -l)," \
	"tui/session/ $(ls tui/session/*.[ch] | wc -l), tui/cmd/ $(ls tui/cmd/*.[ch] | wc -l)," \
	"tui/explorer/ $(ls tui/explorer/*.[ch] | wc -l): every include goes the right way"
