#!/bin/sh
# Runs one libFuzzer harness: tests/fuzz/run.sh NAME SECONDS [RSS_MB]
# Seeds: small files (< 32 KiB) from tests/fixtures and ../shared/corpus
# picked by what the harness reads (copied into build/fuzz/seeds/NAME, never
# into the repository), plus a few hand-written ones. The grown corpus stays
# in build/fuzz/corpus/NAME; crashes land in build/fuzz/crashes/NAME.
set -eu
name=$1 secs=$2 rss=${3:-2048}
B=build/fuzz
C=${AGX_CORPUS:-../shared/corpus}
seeds=$B/seeds/$name corpus=$B/corpus/$name crashes=$B/crashes/$name
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$crashes"

# pick DIR... -name PATTERN...: small files under the dirs (that exist)
pick() {
	dirs=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		[ -d "$1" ] && dirs="$dirs $1"
		shift
	done
	shift
	[ -n "$dirs" ] || return 0
	for pat in "$@"; do
		# shellcheck disable=SC2086
		find $dirs -type f -size -32k -name "$pat" -exec sh -c \
			'for f; do cp "$f" "$0/c-$(echo "$f" | tr "/ ." "___")"; done' "$seeds" {} +
	done
}
seed() { printf '%b' "$2" >"$seeds/hand-$1"; }
# head DIR PATTERN: the first 16 KiB of bigger files (truncated, but their
# structure is what the fuzzer needs)
head16() {
	[ -d "$1" ] || return 0
	find "$1" -type f -size +31k -name "$2" | sort | head -n 20 | while read -r f; do
		head -c 16384 "$f" >"$seeds/head-$(echo "$f" | tr "/ ." "___")"
	done
}

case $name in
fuzz_load_stix2)
	pick tests/fixtures/stix2 $C/oasis-stix21-examples $C/misp-stix-testfiles $C/unit42-iocs \
		-- '*.json' ;;
fuzz_load_misp)
	pick $C/pymisp-testfiles $C/eset-malware-ioc -- '*.json' ;;
fuzz_load_misp-galaxy)
	pick $C/misp-galaxy -- '*.json'
	head16 $C/misp-galaxy/clusters '*.json'
	seed g1 '{"name":"Threat Actor","type":"threat-actor","uuid":"7cdff317-a673-4474-84ec-4f1754947823","authors":["x"],"source":"y","version":1,"values":[{"value":"APT 1","uuid":"aa","meta":{"synonyms":["Comment Crew"],"country":"CN","refs":["http://a"]},"related":[{"dest-uuid":"bb","type":"similar"}]},{"value":"Comment Crew","uuid":"bb"}]}' ;;
fuzz_load_openioc)
	pick tests/fixtures/xml $C/mandiant-iocs-openioc10 $C/citizenlab-malware-indicators \
		$C/fireeye-red-team-countermeasures-openioc11 -- '*.ioc' '*.xml' ;;
fuzz_load_stix1)
	pick tests/fixtures/xml $C/stixproject-idioms-stix1 $C/misp-stix-testfiles -- '*.xml' ;;
fuzz_load_csv)
	pick $C/volexity-threat-intel $C/unit42-iocs $C/insikt-group-research $C/sekoia-community \
		$C/citizenlab-malware-indicators $C/pymisp-testfiles -- '*.csv'
	seed q1 'a,b\n"x,y\n'; seed q2 'indicator,type\n1.2.3.4,ip\n"a""b",domain\n' ;;
fuzz_load_ioc-list)
	pick $C/maltrail-apt-trails $C/avast-ioc $C/insikt-group-research -- '*.txt' ;;
fuzz_load_text)
	pick tests/fixtures/text $C/eset-malware-ioc $C/avast-ioc -- '*.adoc' '*.md' '*.txt' ;;
fuzz_load_auto)
	pick tests/fixtures $C/oasis-stix21-examples $C/mandiant-iocs-openioc10 $C/volexity-threat-intel \
		$C/stixproject-idioms-stix1 -- '*.json' '*.ioc' '*.xml' '*.csv' '*.txt' '*.md' ;;
fuzz_snapshot)
	# the harness writes a real snapshot of the fixtures into the seeds
	FUZZ_SEED_DIR=$seeds
	export FUZZ_SEED_DIR ;;
fuzz_warnlist)
	pick data/warninglists tests/fixtures/warnlists -- '*.txt' '*.json' '*.bad' ;;
fuzz_norm)
	# first byte: the kind (enum node_kind), or 17 to guess
	seed ip '\005192.168.010.1:443'; seed ip6 '\006[2001:DB8::1]:80'
	seed dom '\007WWW.Example[.]COM.'; seed url '\010hxxps://Example.com:443/a?b#c'
	seed mail '\011a[@]b[.]c'; seed x509 '\012AB:CD:EF:01'; seed asn '\013as12345'
	seed md5 '\015D41D8CD98F00B204E9800998ECF8427E'; seed g1 '\021evil[.]com:8080'
	seed g2 '\021\342\200\213http://[::1]/x\302\240'; seed g3 '\021xn--bcher-kva.example'
	seed idn1 '\021B\303\234CHER\357\274\216example'; seed idn2 '\010hxxp://b\303\274cher\343\200\202example/x'
	seed nbsp '\010x\302\240[.]'; seed ideo '\01000\343\200\200.'; seed root '\010\343\200\202?' ;;
fuzz_pattern)
	seed p1 "[file:hashes.'SHA-256' = 'aa' AND file:name = 'x\\\\'y']"
	seed p2 "[ipv4-addr:value IN ('1.2.3.4', '5.6.7.8')] FOLLOWEDBY [domain-name:value = 'a.b'] WITHIN 5 SECONDS"
	seed p3 "([url:value LIKE 'http%'] OR [x509-certificate:hashes.SHA1 != h'ab']) REPEATS 2 TIMES"
	seed p4 "[network-traffic:dst_ref.value NOT MATCHES '^a' AND email-addr:value = 'a@b']" ;;
fuzz_text)
	seed t1 'plain'; seed t2 '\033[31mred\033[0m\r\n\t'; seed t3 '\302\233\303\251\xff\xfe\355\240\200'
	seed t4 'a|b`c*d_e<f>[g]'; seed t5 '2021-03-02T10:00:00Z' ;;
fuzz_workspace)
	seed w1 '{"agx_workspace": 1, "verdicts": [{"pair": "pair:actor:a|actor:b", "verdict": "confirmed", "when": 1700000000}], "notes": [{"id": "note--0000000000000001", "key": "actor:a", "text": "t", "when": 1}]}'
	seed w2 '{"agx_workspace": 1, "x_future": [{"pair": "a|b", "decision": "same"}], "notes": [{"key": "k", "text": "old, no id"}]}'
	seed w6 '{"agx_workspace": 1, "aliases": [{"id": "alias:apt3|gothicpanda", "a": "APT3", "b": "Gothic Panda", "decision": "same", "undo": false, "when": 1700000000, "author": "alice"}, {"id": "alias:x|y", "a": "x", "b": "y", "decision": "different", "undo": true}]}'
	seed w7 '{"agx_workspace": 1, "attributions": [{"subject": "d/x.json#report--1", "actor": "APT41", "reason": "same C2", "when": 1, "author": "\\u001b[31mbob"}, {"subject": "Op Y", "actor": ""}], "verdicts": [{"pair": "pair:x|y", "verdict": "dismissed", "author": "eve"}]}'
	seed w8 '{"agx_workspace": 1, "aliases": [{"id": "alias:a|a", "a": "A", "b": "a", "decision": "same"}]}'
	seed w3 '{"agx_workspace": 2}'; seed w4 '{"agx_workspace": 1, "verdicts": {}}'
	seed w5 '{"agx_workspace": 1, "notes": [{"key": "k", "text": "\\u0000\\ud800"}]}' ;;
fuzz_judgements)
	seed j1 '[{"type":"opinion","id":"opinion--1","x_agx_judgement":"alias","x_agx_key":"alias:a|b","x_agx_alias_a":"A","x_agx_alias_b":"B","x_agx_alias_decision":"same","modified":"2026-12-06T10:00:00.000Z","authors":["bob"]}]'
	seed j2 '{"type":"bundle","objects":[{"type":"opinion","x_agx_judgement":"attribution","x_agx_key":"d/r.csv","x_agx_actor":"APT41","x_agx_reason":"same C2","modified":"2026-12-06T10:00:00Z"},{"type":"relationship","x_agx_judgement":"attribution-link","x_agx_key":"d/r.csv"}]}'
	seed j3 '[{"type":"opinion","x_agx_judgement":"verdict","x_agx_key":"pair:actor:a|actor:b","x_agx_verdict":"confirmed","modified":"2023-01-01T00:00:00Z"},{"type":"note","x_agx_judgement":"note","x_agx_key":"actor:a","content":"\u001b[31m","created":"x"}]'
	seed j4 '[{"x_agx_judgement":"alias","x_agx_key":"k","x_agx_alias_a":"","x_agx_alias_b":"--","x_agx_alias_decision":"different","x_agx_alias_undo":true}]' ;;
fuzz_aliases)
	seed a1 '# mine\nAPT15 = Ke3chang, Vixen Panda\nAPT 41 = Wicked Panda # note\n'
	seed a2 'x = \n = y\nnobody = known\nAPT15 = BackdoorDiplomacy, APT15\n' ;;
fuzz_filter)
	seed f1 'kind=domain,ipv4 conf>=50 since=2020-01-01 until=2023-06-30'
	seed f2 'score>=0.2 verdict=confirmed'; seed f3 'clear'; seed f4 'conf<=10 kind=actor' ;;
fuzz_script)
	seed s1 '# keys\njj k<Enter>\n:filter kind=domain\n@size 100x30\n<C-c><Esc><lt><Space>\n'
	seed s2 '@size 20x5\n<PgDn><Up><Tab><BS>\n:q\n' ;;
fuzz_command)
	seed c1 'filter kind=domain'; seed c2 'threshold 0.2'; seed c3 'asof 2023-06-01'
	seed c4 'note hello \033[31m'; seed c5 'verdict confirmed'; seed c6 'export dot x.dot'
	seed c7 'sort degree'; seed c8 'dfcap 3'; seed c9 'why' ;;
fuzz_writers)
	seed n1 'APT15\nBackdoorDiplomacy\na note'
	seed n2 '=cmd|calc\n@SUM(1)\n-x'; seed n3 'a\357\277\276b\n\001\037c\nd\r\ne'
	seed n4 'x"];<script>\n|pipe|`*_\n</svg>&amp;' ;;
esac

echo "== $name: $(ls -A "$seeds" | wc -l) seeds, ${secs}s"
# Graphviz's own leaks (fuzz_writers renders) are suppressed as in make asan
ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 UBSAN_OPTIONS=print_stacktrace=1 \
	LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0 \
	"$B/$name" -max_total_time="$secs" -rss_limit_mb="$rss" -timeout=10 -max_len=65536 \
	-print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "$seeds"
