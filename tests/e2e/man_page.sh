#!/bin/sh
# The man page: groff reads it without a warning, man renders it, it has the
# sections a user looks for (FILES, ENVIRONMENT, EXAMPLES), and it documents
# every command of `agx --help`, the options of the attribution model, every
# environment variable the sources read, and the score. Prints ok/not ok.
set -u
AGX=${AGX:-./agx}
MAN=man/agx.1
ok() { echo "ok $1"; }
notok() { echo "not ok $1${2:+ # $2}"; }
if ! command -v groff >/dev/null 2>&1; then
	echo "skip man_groff (no groff)"
else
	w=$(groff -man -ww -z -Tutf8 "$MAN" 2>&1)
	if [ -z "$w" ]; then ok man_groff_clean; else notok man_groff_clean "$w"; fi
fi
if ! command -v man >/dev/null 2>&1; then
	echo "skip man_renders (no man)"
	exit 0
fi
TXT=$(MANWIDTH=100 man -l "$MAN" 2>/dev/null)
if [ -n "$TXT" ]; then ok man_renders; else notok man_renders; fi
for sec in SYNOPSIS COMMANDS "THE OVERLAP MODEL" BRIEFS OPTIONS FILES ENVIRONMENT EXAMPLES; do
	if printf '%s\n' "$TXT" | grep -q "^$sec\$"; then ok "man_section_$(echo "$sec" | tr ' ' _)"
	else notok "man_section_$sec"; fi
done
# every command the help lists
missing=""
for c in $("$AGX" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && /^  [a-z]/ {print $1}' | sort -u); do
	printf '%s\n' "$TXT" | grep -qw -- "agx $c\|^       $c" || missing="$missing $c"
done
if [ -z "$missing" ]; then ok man_every_command; else notok man_every_command "missing:$missing"; fi
# the attribution model's options and words
missing=""
for w in --relation --sort --aliases --tlp-max corroboration internal "inferred from name" \
	structural explicit analyst "S / (S + E + K)" "A != B" .agx-workspace.json warninglists \
	state.json bash-completion site-functions; do
	printf '%s\n' "$TXT" | grep -qF -- "$w" || missing="$missing '$w'"
done
if [ -z "$missing" ]; then ok man_attribution_model; else notok man_attribution_model "missing:$missing"; fi
# every environment variable the sources read, in ENVIRONMENT
ENV=$(printf '%s\n' "$TXT" | sed -n '/^ENVIRONMENT$/,/^EXAMPLES$/p')
missing=""
for v in $(grep -rhoE 'getenv\("[A-Za-z_]+"\)' graph loaders tui | sed 's/getenv("\(.*\)")/\1/' | sort -u); do
	printf '%s\n' "$ENV" | grep -qw "$v" || missing="$missing $v"
done
if [ -z "$missing" ]; then ok man_every_environment_variable; else notok man_every_environment_variable "missing:$missing"; fi
