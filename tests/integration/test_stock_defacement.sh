# The stock defacement scenario with scripted defenders: doing nothing
# leaves a foreign flag on the public-services portal and gambling pages on
# the agency portals; taking the exploited node out and patching the other
# in time keeps both clean; a restore without a patch is defaced again;
# runs repeat byte for byte.
. "$(dirname "$0")/lib.sh"

scn=scenarios/web-defacement-dvc.lua
actions=tests/data/actions
objective() { # objective NAME ID STATE: the objectives table says so
	expect_line "$1" "$TMP/stdout" "^  $2 +$3 "
}

run_cmd check "$scn"
expect_status "defacement-check-passes" 0

run_cmd run --headless "$scn"
expect_status "defacement-undefended-exit-0" 0
expect_line "defacement-undefended-exploit" "$TMP/stdout" "exploit +dc-dvc-web-01 +ok$"
expect_line "defacement-undefended-web-shell" "$TMP/stdout" "persist +dc-dvc-web-01 +ok$"
expect_line "defacement-undefended-deface" "$TMP/stdout" "T\+02:30:00 .* deface +dc-dvc-web-01 /index.html +ok$"
expect_line "defacement-undefended-seo-spam" "$TMP/stdout" "deface +dc-sites-web-01 /tin-tuc/ +ok$"
expect_line "defacement-undefended-citizen-calls" "$TMP/stdout" "citizens +message +all .*foreign flag"
objective "defacement-undefended-portal-defaced" deface-dvc achieved
objective "defacement-undefended-spam-planted" seo-spam achieved
expect_line "defacement-undefended-no-errors" "$TMP/stdout" ", 0 scenario errors$"
cp "$TMP/stdout" "$TMP/first"

run_cmd run --headless "$scn"
if cmp -s "$TMP/first" "$TMP/stdout"; then ok "defacement-same-seed-same-bytes"; else
	not_ok "defacement-same-seed-same-bytes" "$(diff "$TMP/first" "$TMP/stdout" | head -5)"; fi
run_cmd run --headless --seed 5 "$scn"
sed 1,3d "$TMP/first" >"$TMP/a"
sed 1,3d "$TMP/stdout" >"$TMP/b"
if cmp -s "$TMP/a" "$TMP/b"; then not_ok "defacement-other-seed-other-timeline" "identical timeline"; else
	ok "defacement-other-seed-other-timeline"; fi

run_cmd run --headless --actions $actions/deface-contain.txt "$scn"
expect_status "defacement-contain-exit-0" 0
expect_line "defacement-contain-isolated-node" "$TMP/stdout" "exploit +dc-dvc-web-01 +failed: destination host is isolated"
expect_line "defacement-contain-patched-node" "$TMP/stdout" "exploit +dc-dvc-web-02 +failed: service is patched"
objective "defacement-contain-prevents-deface" deface-dvc prevented
objective "defacement-contain-prevents-spam" seo-spam prevented
expect_no_line "defacement-contain-nothing-defaced" "$TMP/stdout" " deface .* ok$"

# The crew adapts: a blocked address is replaced by a proxy.
run_cmd run --headless --actions $actions/deface-block-source.txt "$scn"
expect_line "defacement-blocked-source-fails" "$TMP/stdout" "exploit +dc-dvc-web-01 +failed: address blocked at a firewall \(bd\)"
expect_line "defacement-proxy-succeeds" "$TMP/stdout" "exploit +dc-dvc-web-01 +ok$"
objective "defacement-block-alone-not-enough" deface-dvc achieved

# on("restore"): the page comes back, the hole is still open, the flag too.
run_cmd run --headless --actions $actions/deface-restore-unpatched.txt "$scn"
expect_line "defacement-restore-recorded" "$TMP/stdout" "soc +restore dc-dvc-web-01"
expect_line "defacement-redefaced" "$TMP/stdout" "^T\+03:[0-9:]+ .* scenario +deface +dc-dvc-web-01 /index.html +ok$"
expect_line "defacement-redefaced-inject" "$TMP/stdout" "white-cell .*the hole not patched"

run_cmd run --headless --actions $actions/deface-restore-patched.txt "$scn"
expect_line "defacement-patched-restore-holds" "$TMP/stdout" "scenario +exploit +dc-dvc-web-01 +failed: service is patched"
expect_no_line "defacement-patched-restore-no-redeface" "$TMP/stdout" "scenario +deface "
