# Replays: `run --replay` records the drill, `export` renders its sensor
# files again byte for byte as the live `run --out` wrote them (a small
# scenario and a stock one with team actions); a replay cut short still
# exports what it holds; corrupt, foreign and mismatched files are refused
# with a message naming them.
. "$(dirname "$0")/lib.sh"

net=tests/data/net-small.lua
scn=tests/data/scenarios/small.lua

# same NAME DIR1 DIR2: the two folders hold the same files, byte for byte.
same() {
	if [ -n "$(ls "$2")" ] && diff -r "$2" "$3" >"$TMP/diff" 2>&1; then ok "$1"; else
		not_ok "$1" "$(head -5 "$TMP/diff")"
	fi
}

cp $net "$TMP/net.lua"
run_cmd run --headless --seed 3 --background 2 --network "$TMP/net.lua" --out "$TMP/live" \
	--replay "$TMP/small.rpl" $scn
expect_status "replay-small-run" 0
expect_line "replay-small-summary" "$TMP/stdout" \
	"^replay: [1-9][0-9]* sensor records in $TMP/small.rpl, [1-9][0-9]* bytes, [0-9]+\.[0-9] bytes per record$"
run_cmd export "$TMP/small.rpl" --out "$TMP/exported"
expect_status "replay-small-export" 0
expect_line "replay-small-export-says" "$TMP/stdout" "^exported ([0-9]+) of \1 sensor records from $TMP/small.rpl to $TMP/exported$"
same "replay-small-identical" "$TMP/live" "$TMP/exported"

# One sensor: its folder alone, the same bytes.
sensor=$(ls "$TMP/live" | head -1)
run_cmd export "$TMP/small.rpl" --out "$TMP/one" --sensor "$sensor"
expect_status "replay-sensor-export" 0
if [ "$(ls "$TMP/one")" = "$sensor" ]; then ok "replay-sensor-only-its-folder"; else
	not_ok "replay-sensor-only-its-folder" "$(ls "$TMP/one" | tr '\n' ' ')"
fi
same "replay-sensor-identical" "$TMP/live/$sensor" "$TMP/one/$sensor"
run_cmd export "$TMP/small.rpl" --out "$TMP/none" --sensor no-such-sensor
expect_status "replay-unknown-sensor" 1
expect_line "replay-unknown-sensor-says" "$TMP/stderr" "^irdrill: --sensor no-such-sensor: no such sensor in "

# A window of time: fewer records, none from before it.
run_cmd export "$TMP/small.rpl" --out "$TMP/window" --from 30m --to 1h
expect_status "replay-window-export" 0
if awk '{ if ($2 >= $4) exit 1 }' "$TMP/stdout"; then ok "replay-window-fewer"; else
	not_ok "replay-window-fewer" "$(cat "$TMP/stdout")"
fi
run_cmd export "$TMP/small.rpl" --out "$TMP/window" --from 1h --to 30m
expect_status "replay-window-backwards" 2

# Cut short at many places: every cut exports, warning what is missing.
size=$(wc -c <"$TMP/small.rpl")
bad=""
for cut in $((size / 7)) $((size / 3)) $((size / 2)) $((size - 40)) $((size - 1)); do
	head -c $cut "$TMP/small.rpl" >"$TMP/cut.rpl"
	rm -rf "$TMP/cutout"
	run_cmd export "$TMP/cut.rpl" --out "$TMP/cutout"
	if [ "$STATUS" -ne 0 ] || ! grep -q "^irdrill: warning: $TMP/cut.rpl: .*cut short at byte $cut" "$TMP/stderr"; then
		bad="$bad $cut:$STATUS:$(head -1 "$TMP/stderr")"
	fi
done
if [ -z "$bad" ]; then ok "replay-cut-exports"; else not_ok "replay-cut-exports" "$bad"; fi
head -c 60 "$TMP/small.rpl" >"$TMP/cut.rpl"
run_cmd export "$TMP/cut.rpl" --out "$TMP/cutout"
expect_status "replay-cut-header-refused" 1
expect_line "replay-cut-header-says" "$TMP/stderr" "^irdrill: $TMP/cut.rpl: cut short inside its header \(60 bytes\)$"

# A flipped byte inside a chunk, a file of another kind, a changed network.
cp "$TMP/small.rpl" "$TMP/bad.rpl"
printf 'Z' | dd of="$TMP/bad.rpl" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
run_cmd export "$TMP/bad.rpl" --out "$TMP/bad"
expect_status "replay-corrupt-refused" 1
expect_line "replay-corrupt-says" "$TMP/stderr" \
	"^irdrill: $TMP/bad.rpl: chunk [0-9]+ at byte [0-9]+: (CRC-32 mismatch, the file is corrupt|corrupt chunk head) \([0-9]+ whole chunks? before it\)$"
if [ ! -e "$TMP/bad" ]; then ok "replay-corrupt-writes-nothing"; else not_ok "replay-corrupt-writes-nothing"; fi
run_cmd export $scn --out "$TMP/bad"
expect_status "replay-foreign-refused" 1
expect_line "replay-foreign-says" "$TMP/stderr" "^irdrill: $scn: not an irdrill replay"
echo "-- edited" >>"$TMP/net.lua"
run_cmd export "$TMP/small.rpl" --out "$TMP/bad"
expect_status "replay-changed-network-refused" 1
expect_line "replay-changed-network-says" "$TMP/stderr" "^irdrill: .*/net.lua: not the network model $TMP/small.rpl was recorded with"
run_cmd export "$TMP/small.rpl" --out "$TMP/again" --network $net
expect_status "replay-network-copy" 0
same "replay-network-copy-identical" "$TMP/live" "$TMP/again"

# A stock scenario with a team's actions and background traffic.
run_cmd run --headless --background 0.5 --actions tests/data/actions/ransomware-contain.txt \
	--out "$TMP/stock" --replay "$TMP/stock.rpl" scenarios/ransomware-vpn-rdp.lua
expect_status "replay-stock-run" 0
run_cmd export "$TMP/stock.rpl" --out "$TMP/stock-exported"
expect_status "replay-stock-export" 0
same "replay-stock-identical" "$TMP/stock" "$TMP/stock-exported"

run_cmd run --headless --replay "" $scn
expect_status "replay-empty-name" 2
run_cmd check --replay "$TMP/x.rpl" $scn
expect_status "replay-not-for-check" 2
