# The stock spam and phishing storm with scripted defenders: doing nothing
# lets the gateways block the storm's 4,418,716 mails while a handful reach
# inboxes and the lure to the Di An accountant is opened; blocking the
# attachment's hash, or isolating the PC before it runs, prevents the
# compromise; blocking the storm's ranges or domains relieves the gateways
# and the crew moves to fresh ones; runs repeat byte for byte.
. "$(dirname "$0")/lib.sh"

scn=scenarios/mail-storm-phishing.lua
actions=tests/data/actions
objective() { # objective NAME ID STATE: the objectives table says so
	expect_line "$1" "$TMP/stdout" "^  $2 +$3 "
}
storm_line() { # storm_line NAME REGEX: a mail_storm line of the timeline
	expect_line "$1" "$TMP/stdout" "^T\+[0-9:]+ .* botnet +mail_storm +hoan-thue +$2"
}

run_cmd run --headless "$scn"
expect_status "storm-undefended-exit-0" 0
storm_line "storm-undefended-starts" \
	"ok: 4418722 mails over 450 min from 2 ranges under 3 domains; 100% of it reaches the gateways$"
expect_line "storm-undefended-blocked-figure" "$TMP/stdout" \
	"mail_storm ends +hoan-thue +ok: 4418722 sent: 4418716 blocked \(0 dropped at firewalls, [0-9]+ refused, [0-9]+ discarded\), 6 delivered$"
expect_line "storm-undefended-report-both-languages" "$TMP/stdout" \
	"chặn 4\.418\.716 thư rác .*blocked 4,418,716 spam and malicious mails; 6 reached inboxes\.$"
expect_line "storm-undefended-lure-opened" "$TMP/stdout" "lure +execute +dian-pc-03 +ok$"
objective "storm-undefended-foothold" foothold-mail achieved
objective "storm-undefended-credentials" steal-credentials achieved
expect_line "storm-undefended-no-errors" "$TMP/stdout" ", 0 scenario errors$"
# Every mail the storm got to a gateway is on that gateway's mail log.
mails=$(sed -n 's/.*sensor records: .* postfix \([0-9]*\),.*/\1/p' "$TMP/stdout")
if [ -n "$mails" ] && [ "$mails" -ge 4418722 ]; then ok "storm-undefended-gateways-log-every-mail"; else
	not_ok "storm-undefended-gateways-log-every-mail" "postfix records: '$mails'"; fi
cp "$TMP/stdout" "$TMP/first"
run_cmd run --headless "$scn"
if cmp -s "$TMP/first" "$TMP/stdout"; then ok "storm-same-seed-same-bytes"; else
	not_ok "storm-same-seed-same-bytes" "$(diff "$TMP/first" "$TMP/stdout" | head -5)"; fi
run_cmd run --headless --background 0 --seed 5 "$scn"
expect_line "storm-other-seed-same-figure" "$TMP/stdout" "4418716 blocked .*, 6 delivered$"

run_cmd run --headless --background 0 --actions $actions/storm-block-hash.txt "$scn"
expect_status "storm-block-hash-exit-0" 0
expect_line "storm-block-hash-lure-refused" "$TMP/stdout" \
	"lure +phish +dian-pc-03 +failed: hash 9b4e1f0c7a2d6e3b8c5f1a0d9e7b6c4a blocked \(bd\)$"
expect_no_line "storm-block-hash-no-retry" "$TMP/stdout" "fresh senders"
expect_line "storm-block-hash-fewer-slip-through" "$TMP/stdout" "mail_storm ends .* [0-5] delivered$"
objective "storm-block-hash-foothold-prevented" foothold-mail prevented
objective "storm-block-hash-credentials-prevented" steal-credentials prevented

run_cmd run --headless --background 0 --mode shared --teams soc,team-dian --actions $actions/storm-isolate-pc.txt "$scn"
expect_line "storm-isolate-execute-fails" "$TMP/stdout" "lure +execute +dian-pc-03 +failed: host is isolated$"
objective "storm-isolate-foothold-prevented" foothold-mail prevented
objective "storm-isolate-credentials-prevented" steal-credentials prevented

# Blocks on the ranges relieve the gateways at once; the crew moves on.
run_cmd run --headless --background 0 --actions $actions/storm-block-ranges.txt "$scn"
storm_line "storm-block-ranges-half" "ok: 50% of it reaches the gateways: address blocked at a firewall \(bd\)$"
expect_line "storm-block-ranges-relieved-at-once" "$TMP/stdout" \
	"^T\+01:05:00 .* mail_storm +hoan-thue +failed: 0% of it reaches the gateways: address blocked at a firewall \(bd\)$"
storm_line "storm-block-ranges-fresh-senders" "ok: fresh senders and fresh domains: 100% of it reaches the gateways$"
expect_line "storm-block-ranges-dropped-at-firewall" "$TMP/stdout" \
	"mail_storm ends .*\(([1-9][0-9]*) dropped at firewalls"
expect_line "storm-block-ranges-white-cell-told" "$TMP/stdout" \
	"white-cell .*The crew moves to fresh sending ranges and domains \(blocked\): 192\.0\.2\.160/28, 198\.51\.100\.48/28\.$"
objective "storm-block-ranges-not-enough" foothold-mail achieved
expect_no_line "storm-block-ranges-not-false-positives" "$TMP/stdout" " false-positive "

run_cmd run --headless --background 0 --actions $actions/storm-block-domains.txt "$scn"
storm_line "storm-block-domains-refused" \
	"ok: 100% of it reaches the gateways; 67% refused on its sender domains \(domain hoanthue-gdt\.example\.net refused\)$"
storm_line "storm-block-domains-fresh" "ok: fresh senders and fresh domains: 100% of it reaches the gateways$"
objective "storm-block-domains-not-enough" foothold-mail achieved
