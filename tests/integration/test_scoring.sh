# Scripted actions change the drill's outcome and each team's score as
# docs/scoring.md says: a full response prevents the objectives and meets
# the stock APT's expectations, mistakes cost points, an alert not raised
# is refused on the timeline, bad commands are refused with file and line
# before anything runs; scores repeat byte for byte.
. "$(dirname "$0")/lib.sh"

scn=scenarios/apt-mustang-panda.lua
actions=tests/data/actions
# row NAME TEAM-TOTAL-OR-ROW-REGEX: the score section has such a line.
row() {
	sed -n '/^scores$/,/^sensor records/p' "$TMP/stdout" >"$TMP/scores"
	expect_line "$1" "$TMP/scores" "$2"
}

run_cmd run --headless --background 0 "$scn"
expect_status "score-undefended-exit-0" 0
row "score-undefended-default-team" "^  team soc: -40 points$"
row "score-undefended-achieved" "-30  objective +the attacker achieved foothold-dc at T\+02:25:14"

run_cmd run --headless --background 0 --mode shared --teams soc,team-tdm --actions $actions/apt-full-response.txt "$scn"
expect_status "score-full-exit-0" 0
expect_line "score-full-prevents-foothold" "$TMP/stdout" "^  foothold-dc +prevented "
expect_line "score-full-prevents-exfil" "$TMP/stdout" "^  exfil-qlvb +prevented "
row "score-full-tdm-total" "^  team team-tdm: 200 points$"
row "score-full-tdm-detect" "^    T\+01:05:00   \+10  detect +detected beacon on tdm-pc-02 -> cdn-update.example.org \(A-0001\) 5 min after it began$"
row "score-full-tdm-contain" "^    T\+01:06:00   \+20  contain +isolated tdm-pc-02 46 min after phish took it, before any objective fell$"
row "score-full-tdm-expect-contain" "\+40  expectation +contain-foothold: isolated tdm-pc-02, 46 min after it was taken, and the objective never fell$"
row "score-full-tdm-expect-detect" "\+30  expectation +detect-beacon: detected beacon \(A-0001\) 5 min after it began, within 30 min$"
row "score-full-soc-total" "^  team soc: 136 points$"
row "score-full-soc-report" "\+30  expectation +report-coordinator: reported to coordinator 1 h 00 min after the attack took hold, in time; right: systems, vector, techniques, indicators; wrong or missing: none$"
row "score-full-soc-indicators" "\+6  report +report to coordinator named 3 of the attacker's indicators"
row "score-full-objective-row" "\+30  objective +foothold-dc prevented at T\+01:46:00"
row "score-full-components" "^    expectation +\+110  \(5\)$"
cp "$TMP/stdout" "$TMP/first"
run_cmd run --headless --background 0 --mode shared --teams soc,team-tdm --actions $actions/apt-full-response.txt "$scn"
if cmp -s "$TMP/first" "$TMP/stdout"; then ok "score-same-actions-same-bytes"; else
	not_ok "score-same-actions-same-bytes" "$(diff "$TMP/first" "$TMP/stdout" | head -5)"; fi

run_cmd run --headless --background 0 --actions $actions/apt-mistakes.txt "$scn"
expect_status "score-mistakes-exit-0" 0
expect_line "score-mistakes-unraised-alert-refused" "$TMP/stdout" \
	"^T\+00:25:00 .* soc +ack A-0005 +A-0005 +refused: no alert A-0005: 0 raised so far$"
expect_line "score-mistakes-objective-falls" "$TMP/stdout" "^  exfil-qlvb +achieved "
row "score-mistakes-total" "^  team soc: -65 points$"
row "score-mistakes-clean-host" "-10  false-positive isolated tdm-pc-05, which the attacker never touched$"
row "score-mistakes-block" "-5  false-positive block ip 8.8.8.8 at everywhere: not the attacker's$"
row "score-mistakes-classify" "-5  false-positive called A-0001 a false positive; beacon on tdm-pc-02 -> cdn-update.example.org made it$"
row "score-mistakes-hint" "-5  hint +asked the white cell for a hint$"
row "score-mistakes-achieved" "-30  objective +the attacker achieved exfil-qlvb at T\+03:45:14"
row "score-mistakes-missed-detect" "\+0  expectation +detect-beacon: beacon was never detected"

run_cmd run --headless --background 0 --actions $actions/bad-commands.txt "$scn"
expect_status "score-bad-commands-exit-1" 1
expect_line "score-bad-ambiguous" "$TMP/stderr" "^$actions/bad-commands.txt:1: ambiguous host 'tdm-pc': 60 match \(tdm-pc-01, tdm-pc-02, tdm-pc-03, …\)$"
expect_line "score-bad-ip" "$TMP/stderr" "^$actions/bad-commands.txt:2: '198.51.100.300' is not an IPv4 address or prefix$"
expect_line "score-bad-level" "$TMP/stderr" "^$actions/bad-commands.txt:3: report field level: '9' is not a security level 1 to 5$"
expect_line "score-bad-alert" "$TMP/stderr" "^$actions/bad-commands.txt:4: 'B-12' is not an alert id"
expect_line "score-bad-escalate" "$TMP/stderr" "^$actions/bad-commands.txt:5: 'president' is not steering-committee"
expect_line "score-bad-pid" "$TMP/stderr" "^$actions/bad-commands.txt:6: 'abc' is not a process id$"
if [ -s "$TMP/stdout" ]; then not_ok "score-bad-nothing-runs" "$(head -3 "$TMP/stdout")"; else ok "score-bad-nothing-runs"; fi

# The other stock scenarios score their scripted defenders too.
run_cmd run --headless --background 0 --actions $actions/ransomware-contain.txt scenarios/ransomware-vpn-rdp.lua
row "score-ransomware-contain" "\+40  expectation +contain-vpn-landing: isolated dc-jump-01, 29 min after it was taken, and the objective never fell$"
run_cmd run --headless --background 0 --actions $actions/ransomware-isolate-late.txt scenarios/ransomware-vpn-rdp.lua
row "score-ransomware-late-partial" "\+15  expectation +contain-vpn-landing: isolated dc-jump-01 1 h 34 min after it was taken: after the objective fell, partial credit$"
row "score-ransomware-late-downtime" "-12  downtime +qlvb \(level 3\) unavailable 4 h 00 min in all$"
run_cmd run --headless --background 0 --actions $actions/ddos-pull-plug.txt scenarios/ddos-dvc-mail.lua
row "score-ddos-plug-pulled" "\+0  expectation +keep-dvc-up: dvc out 4 h 50 min, more than the 30 min allowed, and still out at the end$"
run_cmd run --headless --background 0 --actions $actions/ddos-block-ranges.txt scenarios/ddos-dvc-mail.lua
row "score-ddos-blocked-up" "\+40  expectation +keep-dvc-up: dvc kept up: out 0 min, 30 min allowed$"
row "score-ddos-ranges-not-false-positives" "^  team soc: 130 points$"
run_cmd run --headless --background 0 --actions $actions/deface-contain.txt scenarios/web-defacement-dvc.lua
row "score-deface-contain" "\+40  expectation +contain-web-node: isolated dc-dvc-web-01, 28 min after it was taken, and the objective never fell$"
run_cmd run --headless --background 0 --actions $actions/storm-block-hash.txt scenarios/mail-storm-phishing.lua
row "score-storm-hash-is-the-attackers" "^  team soc: 120 points$"
row "score-storm-nothing-to-contain" "\+40  expectation +contain-lure: phish never took a host: nothing to contain$"
