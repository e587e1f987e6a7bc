# The stock DDoS scenario with scripted defenders: doing nothing takes the
# public-services portal and the mail gateways down; blocking the ranges
# VNCERT/CC shares before the first wave keeps both up; blocking only the
# ranges seen in the first wave meets fresh ones; pulling the portal
# offline does the attackers' work for them; runs repeat byte for byte.
. "$(dirname "$0")/lib.sh"

scn=scenarios/ddos-dvc-mail.lua
actions=tests/data/actions
objective() { # objective NAME ID STATE: the objectives table says so
	expect_line "$1" "$TMP/stdout" "^  $2 +$3 "
}

run_cmd check "$scn"
expect_status "ddos-check-passes" 0

run_cmd run --headless "$scn"
expect_status "ddos-undefended-exit-0" 0
expect_line "ddos-undefended-portal-flooded" "$TMP/stdout" \
	"^T\+01:00:00 .* flood +dc-dvc-web-01:443 +ok: 3000 of 3000 Mbit/s reach it, it absorbs 1000$"
expect_line "ddos-undefended-mail-flooded" "$TMP/stdout" \
	"^T\+01:30:00 .* flood +dc-mailgw-02:25 +ok: 1500 of 1500 Mbit/s reach it, it absorbs 500$"
objective "ddos-undefended-portal-down" dvc-offline achieved
objective "ddos-undefended-mail-down" mail-offline achieved
expect_line "ddos-undefended-no-errors" "$TMP/stdout" ", 0 scenario errors$"
cp "$TMP/stdout" "$TMP/first"
run_cmd run --headless "$scn"
if cmp -s "$TMP/first" "$TMP/stdout"; then ok "ddos-same-seed-same-bytes"; else
	not_ok "ddos-same-seed-same-bytes" "$(diff "$TMP/first" "$TMP/stdout" | head -5)"; fi

run_cmd run --headless --actions $actions/ddos-block-ranges.txt "$scn"
expect_status "ddos-block-ranges-exit-0" 0
expect_line "ddos-block-ranges-wave-dropped" "$TMP/stdout" \
	"flood +dc-dvc-web-01:443 +failed: 0 of 3000 Mbit/s reach it, it absorbs 1000: address blocked at a firewall \(bd\)"
expect_no_line "ddos-block-ranges-no-wave-gets-in" "$TMP/stdout" " flood .* ok: "
objective "ddos-block-ranges-portal-up" dvc-offline prevented
objective "ddos-block-ranges-mail-up" mail-offline prevented

# Blocks relieve the portal at once; the group moves to fresh ranges.
run_cmd run --headless --actions $actions/ddos-block-first-pool.txt "$scn"
expect_line "ddos-first-pool-relieved-at-once" "$TMP/stdout" \
	"^T\+01:25:00 .* flood +dc-dvc-web-01:443 +failed: 0 of 3000 Mbit/s reach it"
expect_line "ddos-first-pool-fresh-ranges" "$TMP/stdout" \
	"white-cell .*The group moves to fresh botnet ranges: 198.51.100.64/26, 192.0.2.64/26\.$"
expect_line "ddos-first-pool-back-down" "$TMP/stdout" "^T\+01:35:00 .* flood +dc-dvc-web-01:443 +ok: "
objective "ddos-first-pool-not-enough" dvc-offline achieved

run_cmd run --headless --actions $actions/ddos-pull-plug.txt "$scn"
expect_line "ddos-pull-plug-flood-finds-nothing" "$TMP/stdout" "flood +dc-dvc-web-02:443 +failed: .*destination host is isolated"
objective "ddos-pull-plug-portal-down-anyway" dvc-offline achieved
