#!/bin/sh
# Make sure the Debian packages agx needs are present. As root, install what
# is missing with apt-get; otherwise name it in one line with the command to run.
# Usage: scripts/deps.sh build|test|bench|screenshots|fuzz
set -u
need="pkg-config gcc make libncurses-dev libgraphviz-dev libxml2-dev libjansson-dev
	libcurl4-openssl-dev libidn2-dev libpsl-dev publicsuffix libpcre2-dev"
case "${1:-build}" in
test) need="$need libcmocka-dev tmux libxml2-utils graphviz valgrind python3 openssl zsh groff-base man-db" ;;
bench) need="$need python3 python3-networkx time nodejs npm" ;;
screenshots) need="$need tmux python3 chromium fonts-dejavu-core" ;;
fuzz) need="$need clang libclang-rt-dev" ;;
esac
missing=""
for p in $need; do
	# NodeSource's nodejs package carries npm and conflicts with Debian's:
	# a working node and npm are enough, whoever installed them
	case $p in
	nodejs) command -v node >/dev/null 2>&1 && continue ;;
	npm) command -v npm >/dev/null 2>&1 && continue ;;
	esac
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "agx: installing Debian packages:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null &&
		apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
		{ echo "agx: apt-get install failed for:$missing" >&2; exit 1; }
	exit 0
fi
echo "agx: missing Debian packages:$missing; run: sudo apt-get install$missing" >&2
exit 1
