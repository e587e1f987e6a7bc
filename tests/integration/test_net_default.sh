# irdrill net on the default province (Bình Dương, 2023) prints the counts
# the domain brief gives: 9 district-level units (4 cities, 1 town,
# 4 districts), 91 commune-level units (45 wards, 41 communes,
# 5 townships), 23 information systems of which the SOC monitors 10.
. "$(dirname "$0")/lib.sh"

run_cmd net
expect_status "net-default-exit-0" 0
out=$TMP/stdout
expect_line "net-default-names-the-province" "$out" "^network: Tỉnh Bình Dương \(2023\) \[binh-duong-2023\]$"
expect_line "net-default-one-province" "$out" "^  province +1$"
expect_line "net-default-one-datacenter" "$out" "^  datacenter +1$"
expect_line "net-default-one-soc" "$out" "^  soc +1$"
expect_line "net-default-9-districts" "$out" "^  district +9$"
expect_line "net-default-4-cities" "$out" "^    city +4$"
expect_line "net-default-1-town" "$out" "^    town +1$"
expect_line "net-default-4-rural-districts" "$out" "^    district +4$"
expect_line "net-default-91-communes" "$out" "^  commune +91$"
expect_line "net-default-45-wards" "$out" "^    ward +45$"
expect_line "net-default-41-communes" "$out" "^    commune +41$"
expect_line "net-default-5-townships" "$out" "^    township +5$"
expect_line "net-default-23-systems" "$out" "^information systems +23$"
expect_line "net-default-10-monitored" "$out" "^  monitored by the SOC +10$"
expect_line "net-default-13-unmonitored" "$out" "^  not monitored +13$"
expect_line "net-default-apt-sensor-per-district" "$out" "^  apt +9$"

hosts=$(sed -n 's/^hosts  *\([0-9][0-9]*\)$/\1/p' "$out")
if [ -n "$hosts" ] && [ "$hosts" -ge 2000 ] && [ "$hosts" -le 5000 ]; then
	ok "net-default-a-few-thousand-hosts"
else
	not_ok "net-default-a-few-thousand-hosts" "hosts: '$hosts'"
fi

# The same file named explicitly gives the same summary but for its path.
run_cmd net --network scenarios/networks/default.lua
grep -v '^file:' "$TMP/stdout" >"$TMP/explicit"
grep -v '^file:' "$out" >"$TMP/implicit"
if cmp -s "$TMP/explicit" "$TMP/implicit"; then ok "net-explicit-equals-default"; else
	not_ok "net-explicit-equals-default" "$(diff "$TMP/implicit" "$TMP/explicit" | head -5)"
fi

# The scenarios folder can be pointed at explicitly.
run_bin env IRDRILL_SCENARIOS="$PWD/scenarios" "$IRDRILL" net
expect_status "net-with-IRDRILL_SCENARIOS" 0
