# The scenario runtime, as a trainer and a scenario author see it: stock
# scenarios pass check; containment at the right time prevents the APT's
# objectives and doing nothing lets them succeed; the attacker adapts;
# runs repeat byte for byte; hostile and broken scenarios give file:line
# errors and never take the drill down; check's static pass finds errors
# on branches the dry run never takes.
. "$(dirname "$0")/lib.sh"

for f in scenarios/*.lua; do
	case $f in *.meta.lua) continue ;; esac
	run_cmd check "$f"
	expect_status "check-stock-$(basename "$f" .lua)" 0
done

apt=scenarios/apt-mustang-panda.lua
objective() { # objective NAME STATE: the objectives table says so
	expect_line "$1" "$TMP/stdout" "^  $2 +$3 "
}

run_cmd run --headless "$apt"
expect_status "apt-undefended-exit-0" 0
objective "apt-undefended-foothold-achieved" foothold-dc achieved
objective "apt-undefended-exfil-achieved" exfil-qlvb achieved
cp "$TMP/stdout" "$TMP/first"

run_cmd run --headless --speed max "$apt"
if cmp -s "$TMP/first" "$TMP/stdout"; then ok "apt-same-seed-same-bytes"; else
	not_ok "apt-same-seed-same-bytes" "$(diff "$TMP/first" "$TMP/stdout" | head -5)"
fi
run_cmd run --headless --seed 7 "$apt"
expect_line "apt-seed-is-used" "$TMP/stdout" "seed: 7 "
if cmp -s "$TMP/first" "$TMP/stdout"; then not_ok "apt-other-seed-other-timeline" "identical output"; else
	ok "apt-other-seed-other-timeline"; fi
run_cmd run --headless --seed 7 "$apt"
cp "$TMP/stdout" "$TMP/seed7"
run_cmd run --headless --seed 7 "$apt"
if cmp -s "$TMP/seed7" "$TMP/stdout"; then ok "apt-seed-7-repeats"; else not_ok "apt-seed-7-repeats"; fi

run_cmd run --headless --mode shared --teams soc,team-tdm --actions tests/data/actions/apt-isolate-and-block-sender.txt "$apt"
expect_status "apt-isolate-exit-0" 0
expect_line "apt-isolate-attacker-adapts" "$TMP/stdout" "phish +thuanan-pc-02 +failed: domain vpcp-gov.example.net blocked"
objective "apt-isolate-prevents-foothold" foothold-dc prevented
objective "apt-isolate-prevents-exfil" exfil-qlvb prevented
expect_line "apt-isolate-recorded" "$TMP/stdout" "team-tdm +isolate tdm-pc-02"

run_cmd run --headless --actions tests/data/actions/apt-block-one-c2.txt "$apt"
expect_line "apt-one-c2-blocked-switches" "$TMP/stdout" "exfiltrate +tdm-pc-02 -> static-cache.example.com ok"
objective "apt-one-c2-blocked-not-enough" exfil-qlvb achieved

run_cmd run --headless --actions tests/data/actions/apt-block-both-c2.txt "$apt"
expect_line "apt-both-c2-blocked-beacon-fails" "$TMP/stdout" "beacon .*static-cache.example.com failed: address blocked at a firewall"
objective "apt-both-c2-blocked-prevents-exfil" exfil-qlvb prevented

run_cmd run --headless --actions tests/data/actions/apt-patch-qlvb.txt "$apt"
expect_line "apt-patch-stops-exploit" "$TMP/stdout" "exploit +dc-qlvb-app-01 +failed: service is patched"
objective "apt-patch-prevents-foothold" foothold-dc prevented

run_cmd run --headless --actions tests/data/actions/bad.txt "$apt"
expect_status "bad-actions-exit-1" 1
expect_line "bad-actions-unknown-host" "$TMP/stderr" "^tests/data/actions/bad.txt:1: no host 'no-such-host'"
expect_line "bad-actions-bad-ip" "$TMP/stderr" "^tests/data/actions/bad.txt:2: '10.1.2.300' is not an IPv4"
expect_line "bad-actions-bad-time" "$TMP/stderr" "^tests/data/actions/bad.txt:3: 'banana' is not a time"
expect_line "bad-actions-unknown-command" "$TMP/stderr" "^tests/data/actions/bad.txt:4: unknown command 'frobnicate'"
expect_line "bad-actions-missing-command" "$TMP/stderr" "^tests/data/actions/bad.txt:5: expected TIME TEAM COMMAND"
expect_no_line "bad-actions-nothing-run" "$TMP/stdout" "."

hostile=tests/data/scenarios/hostile.lua
run_cmd check "$hostile"
expect_status "hostile-check-fails" 1
for case in "6: instruction budget of [0-9]+ exceeded" "8: instruction budget of [0-9]+ exceeded" \
	"10: memory limit of 128 MiB exceeded" "11: unknown name 'io'" "12: unknown name 'os'" \
	"13: unknown name 'load'" "14: stack overflow" "15: boom inside a coroutine" \
	"17: wait: called from a coroutine of the script's own" "20: actor 'yielder' yielded outside wait" \
	"21: phish: no account 'nobody' in the network"; do
	expect_line "hostile-error-line-${case%%:*}" "$TMP/stderr" "^$hostile:$case"
done
objective "hostile-good-actor-still-finishes" survive achieved
if [ -e /tmp/irdrill-pwned ]; then not_ok "hostile-os-execute-did-nothing"; else ok "hostile-os-execute-did-nothing"; fi

run_cmd check tests/data/scenarios/syntax-error.lua
expect_status "syntax-error-exit-1" 1
expect_line "syntax-error-file-line" "$TMP/stderr" "^tests/data/scenarios/syntax-error.lua:5: '\)' expected"
run_cmd check tests/data/scenarios/bad-technique.lua
expect_status "bad-technique-exit-1" 1
expect_line "bad-technique-file-line" "$TMP/stderr" "^tests/data/scenarios/bad-technique.lua:1: scenario: technique 'phishing' is not an ATT&CK id"
run_cmd check "$apt" tests/data/scenarios/syntax-error.lua
expect_status "check-many-one-broken-exit-1" 1
expect_line "check-many-counts" "$TMP/stderr" "1 of 2 scenarios failed"
run_cmd check
expect_status "check-needs-a-scenario" 2

# The static check: errors on branches the dry run never takes, each with
# the exact file:line message.
exact() { # exact NAME FILE LINE: FILE has exactly this line
	if grep -Fxq -- "$3" "$2"; then ok "$1"; else
		not_ok "$1" "no line of $(basename "$2") reads: $3" "it reads: $(head -8 "$2" | tr '\n' '|')"
	fi
}
lint() { # lint NAME SCENARIO: check it, expecting failure; the lines follow as "LINE: message"
	name=$1 f=tests/data/scenarios/$2
	shift 2
	run_cmd check "$f"
	expect_status "lint-$name-fails" 1
	for want in "$@"; do
		exact "lint-$name-line-${want%%:*}" "$TMP/stderr" "$f:$want"
	done
	count=$(grep -c "^$f:" "$TMP/stderr")
	if [ "$count" -eq $# ]; then ok "lint-$name-nothing-else"; else
		not_ok "lint-$name-nothing-else" "$count messages, expected $#" "$(cat "$TMP/stderr")"; fi
}
lint names lint-names.lua \
	"8: unknown name 'beacn'" \
	"9: assignment to undeclared global 'retries' (declare it local)" \
	"15: unknown name 'hourz'"
lint network lint-network.lua \
	"8: exploit: no host 'dc-portl-web-01' in the network" \
	"9: move: no account 'dc.nobody' in the network" \
	"10: find_host: no site 'tdmm' in the network" \
	"11: hosts: no system 'portall' in the network" \
	"12: logon: field 'from': 'attacker-vps' is neither an IPv4 address nor a host" \
	"13: host: no host 'dc-dvc-web-09' in the network" \
	"14: system: no system 'dvcc' in the network"
lint techniques lint-techniques.lua \
	"10: exploit: technique 'web exploit' is not an ATT&CK id like T1566.001" \
	"11: persist: technique 'T1505.3' is not an ATT&CK id like T1566.001" \
	"14: deface: technique 'T1491.002' is not listed in scenario { techniques = … }"
lint objectives lint-objectives.lua \
	"7: objective 'seo-spam' can never be achieved: no achieve(\"seo-spam\") in the scenario" \
	"17: on: no team action 'restored' (isolate, release, block, unblock, disable, enable, reset, patch, shutdown, start, restore, ack, classify, note, kill, reimage, report, escalate, hint)" \
	"19: achieve: no objective 'seo_spam' (declare it with objective { id = … })"
run_cmd check tests/data/scenarios/lint-clean.lua
expect_status "lint-clean-passes" 0
expect_no_line "lint-clean-no-errors" "$TMP/stderr" "."

run_cmd run
expect_status "run-without-console-exit-2" 2
expect_line "run-without-console-says-headless" "$TMP/stderr" "use irdrill run --headless"
run_cmd run --headless --speed fast
expect_status "run-bad-speed-exit-2" 2

# The editor annotations and the API document cover every name the
# runtime gives scenarios.
for name in $(grep -o '{ "[a-z_]*", api_[a-z_]* }' engine/scenario.c | sed 's/{ "\([a-z_]*\)".*/\1/'); do
	if grep -q "^function $name(" scenarios/irdrill-api.meta.lua && grep -q "\`$name" docs/scenario-api.md; then
		ok "api-documented-$name"
	else
		not_ok "api-documented-$name" "missing from scenarios/irdrill-api.meta.lua or docs/scenario-api.md"
	fi
done
