# The stock ransomware scenario with scripted defenders: doing nothing
# loses the backups, the document-management system and the one-stop-shop;
# isolating the jump host and disabling the leaked account within the hour
# saves all three; half-measures meet an attacker that adapts; runs repeat
# byte for byte.
. "$(dirname "$0")/lib.sh"

scn=scenarios/ransomware-vpn-rdp.lua
actions=tests/data/actions
objective() { # objective NAME ID STATE: the objectives table says so
	expect_line "$1" "$TMP/stdout" "^  $2 +$3 "
}

run_cmd check "$scn"
expect_status "ransomware-check-passes" 0

run_cmd run --headless "$scn"
expect_status "ransomware-undefended-exit-0" 0
expect_line "ransomware-undefended-vpn-logon" "$TMP/stdout" "logon +dc.dovannam@dc-jump-01 +ok$"
expect_line "ransomware-undefended-rdp-move" "$TMP/stdout" "move +dc-backup-01 +ok$"
expect_line "ransomware-undefended-encrypts" "$TMP/stdout" "T\+04:00:00 .* encrypt +dc-motcua-db-01 +ok$"
objective "ransomware-undefended-backups-gone" destroy-backups achieved
objective "ransomware-undefended-qlvb-encrypted" encrypt-qlvb achieved
objective "ransomware-undefended-one-stop-shop-down" stop-one-stop-shop achieved
expect_line "ransomware-undefended-inject" "$TMP/stdout" "duty-officer +message +all .*ransom note"
expect_line "ransomware-undefended-no-errors" "$TMP/stdout" ", 0 scenario errors$"
cp "$TMP/stdout" "$TMP/first"

run_cmd run --headless "$scn"
if cmp -s "$TMP/first" "$TMP/stdout"; then ok "ransomware-same-seed-same-bytes"; else
	not_ok "ransomware-same-seed-same-bytes" "$(diff "$TMP/first" "$TMP/stdout" | head -5)"; fi
run_cmd run --headless --seed 99 "$scn"
sed 1,3d "$TMP/first" >"$TMP/a"
sed 1,3d "$TMP/stdout" >"$TMP/b"
if cmp -s "$TMP/a" "$TMP/b"; then
	not_ok "ransomware-other-seed-other-timeline" "identical timeline"; else ok "ransomware-other-seed-other-timeline"; fi

run_cmd run --headless --actions $actions/ransomware-contain.txt "$scn"
expect_status "ransomware-contain-exit-0" 0
expect_line "ransomware-contain-dump-fails" "$TMP/stdout" "dump_credentials +dc-jump-01 +failed: host is isolated"
expect_line "ransomware-contain-comeback-fails" "$TMP/stdout" "logon +dc.dovannam@dc-backup-01 +failed: account is disabled"
objective "ransomware-contain-saves-backups" destroy-backups prevented
objective "ransomware-contain-saves-qlvb" encrypt-qlvb prevented
objective "ransomware-contain-saves-one-stop-shop" stop-one-stop-shop prevented
expect_no_line "ransomware-contain-nothing-encrypted" "$TMP/stdout" " encrypt "

# Half-measures: the affiliate adapts.
run_cmd run --headless --actions $actions/ransomware-isolate-only.txt "$scn"
expect_line "ransomware-isolate-only-comes-back-through-vpn" "$TMP/stdout" "logon +dc.dovannam@dc-backup-01 +ok$"
objective "ransomware-isolate-only-not-enough" encrypt-qlvb achieved

run_cmd run --headless --actions $actions/ransomware-disable-leaked.txt "$scn"
expect_line "ransomware-disabled-account-refused" "$TMP/stdout" "logon +dc.dovannam@dc-jump-01 +failed: account is disabled"
expect_line "ransomware-second-leaked-credential" "$TMP/stdout" "logon +dc.svc-backup@dc-jump-01 +ok$"
objective "ransomware-disable-leaked-not-enough" stop-one-stop-shop achieved

run_cmd run --headless --actions $actions/ransomware-isolate-late.txt "$scn"
expect_line "ransomware-late-isolation-vpn-as-domain-admin" "$TMP/stdout" "logon +dc.admin@dc-qlvb-db-01 +ok$"
objective "ransomware-isolate-late-too-late" encrypt-qlvb achieved

# on("reset"): a reset domain administrator is dumped again from the base.
run_cmd run --headless --actions $actions/ransomware-reset-admin.txt "$scn"
expect_line "ransomware-reset-redumped" "$TMP/stdout" "^T\+01:10:00 .* scenario +dump_credentials +dc-jump-01 +ok$"
expect_no_line "ransomware-reset-no-failed-move" "$TMP/stdout" "move .*failed: password was reset"
objective "ransomware-reset-alone-not-enough" destroy-backups achieved
