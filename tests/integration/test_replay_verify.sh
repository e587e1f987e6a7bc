# replay --verify: the replay of every stock scenario verifies (played
# again from its scenario, network, seed, teams, background and team
# actions it makes the same records); a record altered with its CRCs made
# to fit is reported as the first difference, with its time, kind and both
# versions; a changed or missing scenario or network is refused.
. "$(dirname "$0")/lib.sh"

# verifies NAME FILE: replay --verify accepts FILE.
verifies() {
	run_cmd replay "$2" --verify
	if [ "$STATUS" -eq 0 ] && grep -Eq "^$2: verified: the drill played again from .* makes the same [1-9][0-9]* records: .*; [1-9][0-9]* keyframes match( \([0-9]+, taken as a paced drill .*\))?$" "$TMP/stdout"; then
		ok "$1"
	else
		not_ok "$1" "exit status $STATUS" "$(head -3 "$TMP/stderr")" "$(head -2 "$TMP/stdout")"
	fi
}

# Every stock scenario, without background traffic where it is the bulk.
for scenario in scenarios/*.lua; do
	case $scenario in *.meta.lua) continue ;; esac
	name=$(basename "$scenario" .lua)
	run_cmd run --headless --background 0 --replay "$TMP/$name.rpl" "$scenario"
	expect_status "verify-$name-run" 0
	verifies "verify-$name" "$TMP/$name.rpl"
done

# A paced drill: a chunk closed every wall second, the same records.
run_cmd run --headless --speed 2000 --background 0.5 --network tests/data/net-small.lua --replay "$TMP/paced.rpl" \
	tests/data/scenarios/small.lua
expect_status "verify-paced-run" 0
verifies "verify-paced" "$TMP/paced.rpl"

# Team actions, two teams, background traffic.
run_cmd run --headless --background 1 --mode shared --teams soc,d1 --actions tests/data/actions/ransomware-contain.txt \
	--replay "$TMP/acted.rpl" scenarios/ransomware-vpn-rdp.lua
expect_status "verify-acted-run" 0
verifies "verify-acted" "$TMP/acted.rpl"
expect_line "verify-acted-actions" "$TMP/stdout" "timeline entries \(2 team actions\)"

# Parallel: each team's world in its own replay, each verifies with its
# team's actions alone.  Shared with zones: the refusal of an action
# outside its team's zones is made again from the zones in the header.
run_cmd run --headless --background 0 --network tests/data/net-small.lua --teams soc,d1 \
	--actions tests/data/actions/modes-parallel.txt --replay "$TMP/par.irr" tests/data/scenarios/small.lua
expect_status "verify-parallel-run" 0
verifies "verify-parallel-soc" "$TMP/par-soc.irr"
expect_line "verify-parallel-soc-actions" "$TMP/stdout" "timeline entries \(2 team actions\)"
verifies "verify-parallel-d1" "$TMP/par-d1.irr"
expect_line "verify-parallel-d1-actions" "$TMP/stdout" "timeline entries \(1 team actions\)"
run_cmd run --headless --background 0 --network tests/data/net-small.lua --mode shared --teams dc=dc,d1=d1 \
	--actions tests/data/actions/modes-shared.txt --replay "$TMP/shared.irr" tests/data/scenarios/small.lua
expect_status "verify-shared-run" 0
expect_line "verify-shared-refused" "$TMP/stdout" " dc +isolate c1-pc-01 +c1-pc-01 +refused: "
verifies "verify-shared-zones" "$TMP/shared.irr"

# One sensor record altered, the chunk compressed again and its CRCs
# made to fit: the first record using the altered string differs.
run_bin python3 tests/integration/replay_edit.py "$TMP/acted.rpl" "$TMP/forged.rpl" "Special offer" "Special offen"
expect_status "verify-forge" 0
run_cmd export "$TMP/forged.rpl" --out "$TMP/forged-out"
expect_status "verify-forged-reads" 0
run_cmd replay "$TMP/forged.rpl" --verify
expect_status "verify-forged-refused" 1
expect_line "verify-forged-first-difference" "$TMP/stderr" \
	"^irdrill: $TMP/forged.rpl: differs from the drill played again at T\+[0-9:]+, record [0-9]+ \(chunk 1\), a sensor record \(mail, postfix\): the replay's subject is \".*Special offen\", not \".*Special offer\"$"
expect_line "verify-forged-expected" "$TMP/stderr" "^  expected \(the replay\):  T\+[0-9:]+ sensor record \(mail, postfix\): sensor [a-z0-9-]+, "
expect_line "verify-forged-got" "$TMP/stderr" "^  got \(played again\):     T\+[0-9:]+ sensor record \(mail, postfix\): "
if [ ! -s "$TMP/stdout" ]; then ok "verify-forged-no-verdict"; else not_ok "verify-forged-no-verdict" "$(cat "$TMP/stdout")"; fi

# A team action forged on the timeline: the drill played again with it
# differs (the record that follows it is not the one the file holds).
run_bin python3 tests/integration/replay_edit.py "$TMP/acted.rpl" "$TMP/forged-action.rpl" \
	"isolate dc-jump-01" "isolate dc-jump-02"
expect_status "verify-forge-action" 0
run_cmd replay "$TMP/forged-action.rpl" --verify
expect_status "verify-forged-action-refused" 1
expect_line "verify-forged-action-says" "$TMP/stderr" \
	"^irdrill: $TMP/forged-action.rpl: differs from the drill played again at T\+00:55:00, record [0-9]+ \(chunk [0-9]+\), a timeline entry \(team action\): the replay's target is \"dc-jump-01\", not \"dc-jump-02\"$"

# Cut short: what is there agrees, then the replay ends.
size=$(wc -c <"$TMP/acted.rpl")
head -c $((size / 2)) "$TMP/acted.rpl" >"$TMP/cut.rpl"
run_cmd replay "$TMP/cut.rpl" --verify
expect_status "verify-cut-refused" 1
expect_line "verify-cut-warns" "$TMP/stderr" "^irdrill: warning: $TMP/cut.rpl: cut short at byte"
expect_line "verify-cut-says" "$TMP/stderr" "differs from the drill played again .*: the replay ends here, cut short$"

# A changed scenario or network, or a missing one, is refused before
# anything is played; a copy named with --scenario verifies.
cp scenarios/web-defacement-dvc.lua "$TMP/scenario.lua"
cp scenarios/networks/default.lua "$TMP/network.lua"
run_cmd run --headless --background 0 --network "$TMP/network.lua" --replay "$TMP/copy.rpl" "$TMP/scenario.lua"
expect_status "verify-copy-run" 0
verifies "verify-copy" "$TMP/copy.rpl"
echo "-- edited" >>"$TMP/scenario.lua"
run_cmd replay "$TMP/copy.rpl" --verify
expect_status "verify-changed-scenario-refused" 1
expect_line "verify-changed-scenario-says" "$TMP/stderr" \
	"^irdrill: $TMP/scenario.lua: not the scenario $TMP/copy.rpl was recorded with \(its SHA-256 is [0-9a-f]{64}, the replay's [0-9a-f]{64}\): cannot verify$"
run_cmd replay "$TMP/copy.rpl" --verify --scenario scenarios/web-defacement-dvc.lua
expect_status "verify-scenario-copy" 0
rm "$TMP/scenario.lua"
run_cmd replay "$TMP/copy.rpl" --verify
expect_status "verify-missing-scenario-refused" 1
expect_line "verify-missing-scenario-says" "$TMP/stderr" \
	"^irdrill: $TMP/scenario.lua: No such file or directory \(the scenario $TMP/copy.rpl was recorded with; --scenario names a copy of it\): cannot verify$"
echo "-- edited" >>"$TMP/network.lua"
run_cmd replay "$TMP/copy.rpl" --verify --scenario scenarios/web-defacement-dvc.lua
expect_status "verify-changed-network-refused" 1
expect_line "verify-changed-network-says" "$TMP/stderr" "^irdrill: $TMP/network.lua: not the network model $TMP/copy.rpl was recorded with"

# Usage.
run_cmd replay --verify
expect_status "verify-no-file" 2
run_cmd replay "$TMP/copy.rpl" --verify --bogus
expect_status "verify-bad-option" 2
run_cmd replay tests/data/net-small.lua --verify
expect_status "verify-not-a-replay" 1
expect_line "verify-not-a-replay-says" "$TMP/stderr" "^irdrill: tests/data/net-small.lua: not an irdrill replay"
