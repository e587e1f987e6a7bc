# The default drill (`irdrill run` with no scenario: the annual drill, a
# spam storm covering an APT) with scripted defenders: doing nothing lets
# the storm's copy be opened and the APT reach and rob the data center;
# isolating the clerk's PC and blocking the storm's attachment and the
# APT's sender domain in time prevents all three objectives; blocking
# one C2 sends the implant to its backup; isolating late stops only the
# exfiltration; runs repeat byte for byte.
. "$(dirname "$0")/lib.sh"

scn=scenarios/annual-drill-2023.lua
actions=tests/data/actions
objective() { # objective NAME ID STATE: the objectives table says so
	expect_line "$1" "$TMP/stdout" "^  $2 +$3 "
}

run_cmd check "$scn"
expect_status "drill-check-passes" 0

# No scenario named: the annual drill, with background traffic.
run_cmd run --headless
expect_status "drill-default-exit-0" 0
expect_line "drill-default-is-annual" "$TMP/stdout" "^scenario: annual-drill-2023 - "
expect_line "drill-default-lasts-three-hours" "$TMP/stdout" "^ended at T\+03:00:00, "
expect_line "drill-default-storm" "$TMP/stdout" \
	"botnet +mail_storm +hoan-thue +ok: 200004 mails over 170 min from 2 ranges under 3 domains; 100% of it reaches the gateways$"
expect_line "drill-default-storm-ends" "$TMP/stdout" \
	"mail_storm ends +hoan-thue +ok: 200004 sent: 200000 blocked .*, 4 delivered$"
expect_line "drill-default-report-both-languages" "$TMP/stdout" \
	"đã chặn 200\.000 thư rác .*blocked 200,000 spam and malicious mails; 4 reached inboxes\.$"
expect_line "drill-default-apt-in-dc" "$TMP/stdout" "mustang-panda +exploit +dc-qlvb-app-01 +ok$"
objective "drill-undefended-foothold-mail" foothold-mail achieved
objective "drill-undefended-foothold-dc" foothold-dc achieved
objective "drill-undefended-exfil" exfil-qlvb achieved
expect_line "drill-undefended-no-errors" "$TMP/stdout" ", 0 scenario errors$"
expect_line "drill-default-background" "$TMP/stdout" "^background: [1-9][0-9]* activities"
cp "$TMP/stdout" "$TMP/first"
run_cmd run --headless "$scn"
if cmp -s "$TMP/first" "$TMP/stdout"; then ok "drill-same-seed-same-bytes"; else
	not_ok "drill-same-seed-same-bytes" "$(diff "$TMP/first" "$TMP/stdout" | head -5)"; fi

run_cmd run --headless --mode shared --teams soc,team-tdm --actions $actions/drill-contain.txt "$scn"
expect_status "drill-contain-exit-0" 0
expect_line "drill-contain-tax-lure-refused" "$TMP/stdout" \
	"tax-lure +phish +dian-pc-03 +failed: hash 9b4e1f0c7a2d6e3b8c5f1a0d9e7b6c4a blocked \(bd\)$"
expect_line "drill-contain-apt-adapts" "$TMP/stdout" \
	"phish +thuanan-pc-02 +failed: domain vpcp-gov.example.net blocked \(bd\)$"
objective "drill-contain-foothold-mail-prevented" foothold-mail prevented
objective "drill-contain-foothold-dc-prevented" foothold-dc prevented
objective "drill-contain-exfil-prevented" exfil-qlvb prevented
expect_no_line "drill-contain-no-dc" "$TMP/stdout" " exploit +dc-qlvb-app-01 "
expect_line "drill-contain-scored" "$TMP/stdout" \
	"\+40  expectation +contain-foothold: isolated tdm-pc-02, 22 min after it was taken, and the objective never fell$"
expect_no_line "drill-contain-blocks-not-false-positives" "$TMP/stdout" " false-positive "

run_cmd run --headless --background 0 --actions $actions/drill-block-one-c2.txt "$scn"
expect_line "drill-one-c2-switches" "$TMP/stdout" "beacon +tdm-pc-02 -> static-cache.example.com ok$"
expect_line "drill-one-c2-exfil-through-backup" "$TMP/stdout" "exfiltrate +tdm-pc-02 -> static-cache.example.com ok$"
objective "drill-one-c2-not-enough" exfil-qlvb achieved

run_cmd run --headless --background 0 --mode shared --teams soc,team-tdm --actions $actions/drill-isolate-late.txt "$scn"
objective "drill-isolate-late-dc-taken" foothold-dc achieved
objective "drill-isolate-late-exfil-prevented" exfil-qlvb prevented
expect_line "drill-isolate-late-apt-moves-on" "$TMP/stdout" "phish +thuanan-pc-02 +ok$"
