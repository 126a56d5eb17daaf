# bash completion for agx: commands, options, and the values options take.
# Installed by `make install` as PREFIX/share/bash-completion/completions/agx;
# or source it from ~/.bashrc. The lists here are checked against the agx
# binary by tests/test_completion.c: a command or option added to agx and
# not here fails the suite.

_agx()
{
	local cur prev words cword
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cword=$COMP_CWORD

	local commands="stats check overlaps why clusters export brief aliases pull push diff help"
	local options="--as --input-format --max-size --json --csv --output --quiet --top
		--threshold --df-cap --slack --asof --warninglist --no-default-warninglists --no-cache
		--aliases --include-revoked --unit --actor --pair --relation --sort --view
		--format --layout --node --depth --max-nodes --tlp-max --title --workspace
		--analyst --script --dump-screen --size --mouse --ascii --help --version --misp
		--collection --header --auth-file --cacert --cert --key --timeout --limit
		--min-change -o -f -q"

	# the value of the option before the cursor
	case $prev in
	--relation)
		COMPREPLY=($(compgen -W "overlap corroboration internal all" -- "$cur"))
		return ;;
	--sort)
		COMPREPLY=($(compgen -W "infra tools techniques" -- "$cur"))
		return ;;
	--view)
		COMPREPLY=($(compgen -W "overlap pair unit ego cluster cluster: all" -- "$cur"))
		return ;;
	-f|--format)
		COMPREPLY=($(compgen -W "svg png pdf dot stix" -- "$cur"))
		return ;;
	--input-format)
		COMPREPLY=($(compgen -W "stix2 misp misp-galaxy openioc stix1 csv ioc-list text
			agx-judgements warninglist" -- "$cur"))
		return ;;
	--layout)
		COMPREPLY=($(compgen -W "dot neato sfdp fdp twopi circo osage patchwork" -- "$cur"))
		return ;;
	--tlp-max)
		COMPREPLY=($(compgen -W "clear green amber amber+strict red" -- "$cur"))
		return ;;
	-o|--output|--aliases|--warninglist|--workspace|--script|--dump-screen|--auth-file|\
	--cacert|--cert|--key)
		COMPREPLY=($(compgen -f -- "$cur"))
		compopt -o filenames 2>/dev/null
		return ;;
	--as|--max-size|--top|--threshold|--df-cap|--slack|--asof|--unit|--actor|--pair|\
	--node|--depth|--max-nodes|--title|--size|--collection|--header|--timeout|--limit|\
	--min-change)
		return ;; # a name or a number: nothing to offer
	esac

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$options" -- "$cur"))
		return
	fi
	# the first word that is not an option (or an option's value) is the command
	local i have_command=
	for ((i = 1; i < cword; i++)); do
		case ${COMP_WORDS[i]} in
		--*=*) ;;
		-o|-f|--as|--input-format|--max-size|--output|--top|--threshold|--df-cap|\
		--slack|--asof|--warninglist|--aliases|--unit|--actor|--pair|--relation|--sort|\
		--view|--format|--layout|--node|--depth|--max-nodes|--tlp-max|--title|\
		--workspace|--analyst|--script|--dump-screen|--size|--collection|--header|--auth-file|\
		--cacert|--cert|--key|--timeout|--limit|--min-change)
			((i++)) ;; # and its value
		-*) ;;
		*)
			case " $commands " in
			*" ${COMP_WORDS[i]} "*) have_command=1 ;;
			esac
			break ;;
		esac
	done
	if [[ -z $have_command ]]; then
		COMPREPLY=($(compgen -W "$commands" -- "$cur") $(compgen -f -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
	compopt -o filenames 2>/dev/null
}
complete -F _agx agx
