# Broken network models: each file in tests/data/bad-networks says on its
# first line which error it must produce ("-- expect: REGEX", FILE standing
# for its path).  irdrill net must exit 1 with that message on stderr, the
# line number pointing at the declaration at fault.
. "$(dirname "$0")/lib.sh"

for f in tests/data/bad-networks/*.lua; do
	name=bad-network-$(basename "$f" .lua)
	want=$(sed -n '1s/^-- expect: //p' "$f" | sed "s|FILE|$f|")
	run_cmd net --network "$f"
	if [ "$STATUS" -ne 1 ]; then
		not_ok "$name" "exit status $STATUS, expected 1" "stderr: $(head -3 "$TMP/stderr")"
	elif ! grep -Eq -- "$want" "$TMP/stderr"; then
		not_ok "$name" "stderr lacks /$want/" "stderr: $(head -3 "$TMP/stderr")"
	elif [ -s "$TMP/stdout" ]; then
		not_ok "$name" "printed a summary for a broken model"
	else
		ok "$name"
	fi
done

# A binary chunk is refused even when it would be valid Lua bytecode.
printf '\033Lua\124\000' >"$TMP/binary.lua"
run_cmd net --network "$TMP/binary.lua"
expect_status "binary-chunk-refused-status" 1
expect_line "binary-chunk-refused-message" "$TMP/stderr" "attempt to load a binary chunk"

run_cmd net --network "$TMP/does-not-exist.lua"
expect_status "missing-network-file-status" 1
expect_line "missing-network-file-message" "$TMP/stderr" "^$TMP/does-not-exist.lua: cannot open"

# Several problems in one file are all reported, each with its line.
cat >"$TMP/many.lua" <<'LUA'
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
host { name = "a", segment = "lan", ip = "10.9.0.5", os = "Linux", role = "server", criticality = "low" }
host { name = "b", segment = "wan", ip = "10.1.0.6", os = "Linux", role = "server", criticality = "low" }
host { name = "c", segment = "lan", ip = "10.1.0.7", os = "Linux", role = "server", criticality = "huge" }
LUA
run_cmd net --network "$TMP/many.lua"
expect_status "many-errors-status" 1
expect_line "many-errors-line-4" "$TMP/stderr" "many.lua:4: host 'a': address 10.9.0.5 is outside"
expect_line "many-errors-line-5" "$TMP/stderr" "many.lua:5: host 'b': segment 'wan'"
expect_line "many-errors-line-6" "$TMP/stderr" "many.lua:6: host 'c': criticality 'huge'"
