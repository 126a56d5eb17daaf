#!/bin/sh
# Shell completion in real interactive shells, driven by tmux on a private
# server: bash with tui/completion/agx.bash sourced, zsh with
# tui/completion/_agx on its fpath and compinit run; Tab after a partial
# command, option and option value must complete it on the command line.
# Prints ok/not ok/skip lines; polls for text, never sleeps a fixed time.
set -u
if ! command -v tmux >/dev/null 2>&1; then
	echo "skip completion_tmux (no tmux)"
	exit 0
fi
TMP="$PWD/tests/tmp/comp.$$"
rm -rf "$TMP" && mkdir -p "$TMP/bin"
# an agx on PATH for the shells to complete (never run by the test)
printf '#!/bin/sh\nexit 0\n' >"$TMP/bin/agx"
chmod +x "$TMP/bin/agx"
T="tmux -L agx-comp-$$ -f $PWD/tests/e2e/tmux.conf"
trap '$T kill-server 2>/dev/null; rm -rf "$TMP"' EXIT INT TERM

screen() { $T capture-pane -p -t t; }
wait_for() {
	i=0
	until screen 2>/dev/null | grep -qF -- "$1"; do
		i=$((i + 1))
		[ $i -gt 100 ] && return 1
		sleep 0.05
	done
}
ok() { echo "ok $1"; }
notok() { echo "not ok $1"; screen | sed 's/^/# /'; }
# type text, press Tab, and expect the line to read want
tab() {
	$T send-keys -t t C-u "$2" Tab
	if wait_for "$3"; then ok "$1"; else notok "$1"; fi
}

# bash: no rc files, the completion sourced
cat >"$TMP/bashrc" <<EOB
PS1='ready$ '
PATH="$TMP/bin:\$PATH"
source "$PWD/tui/completion/agx.bash"
cd "$PWD"
EOB
$T new-session -d -s t -x 120 -y 20 "env -i HOME=$TMP TERM=tmux PATH=/usr/bin:/bin bash --noprofile --rcfile $TMP/bashrc -i"
if wait_for 'ready$'; then
	tab bash_command 'agx overl' 'agx overlaps'
	tab bash_option 'agx overlaps --thresh' 'agx overlaps --threshold'
	tab bash_value 'agx overlaps --relation corr' 'agx overlaps --relation corroboration'
	tab bash_file 'agx stats tui/completion/agx.ba' 'agx stats tui/completion/agx.bash'
else
	notok bash_started
fi
$T kill-server 2>/dev/null

if ! command -v zsh >/dev/null 2>&1; then
	echo "skip completion_zsh (no zsh)"
	exit 0
fi
mkdir -p "$TMP/zdot"
cat >"$TMP/zdot/.zshrc" <<EOZ
PS1='ready%% '
path=("$TMP/bin" \$path)
fpath=("$PWD/tui/completion" \$fpath)
autoload -Uz compinit && compinit -u -d "$TMP/zcompdump"
cd "$PWD"
EOZ
$T new-session -d -s t -x 120 -y 20 "env -i HOME=$TMP ZDOTDIR=$TMP/zdot TERM=tmux PATH=/usr/bin:/bin zsh -i"
if wait_for 'ready%'; then
	tab zsh_command 'agx overl' 'agx overlaps'
	tab zsh_option 'agx overlaps --thresh' 'agx overlaps --threshold'
	tab zsh_value 'agx overlaps --sort=techn' 'agx overlaps --sort=techniques'
	tab zsh_value_next_word 'agx overlaps --relation intern' 'agx overlaps --relation internal'
	tab zsh_value_format 'agx export -f sv' 'agx export -f svg'
else
	notok zsh_started
fi
