# Damaged replays: a replay cut at many random offsets, or with a random
# byte changed, never crashes the reader (run under the sanitizer build
# when there is one); `replay --check` names what is damaged (the cut,
# the chunk and its byte) and shows what is still readable.
. "$(dirname "$0")/lib.sh"

# The sanitizer build if it is there: a crash or a sanitizer report is
# an exit status the reader never gives (0 sound, 1 damaged).
bin=$IRDRILL
[ -x build/asan/irdrill ] && bin=build/asan/irdrill
ASAN_OPTIONS=exitcode=99:detect_leaks=1
UBSAN_OPTIONS=exitcode=99:print_stacktrace=1
export ASAN_OPTIONS UBSAN_OPTIONS

# A drill paced fast enough that it closes a chunk every wall second.
run_cmd run --headless --speed 2000 --background 0.5 --network tests/data/net-small.lua --replay "$TMP/whole.rpl" \
	tests/data/scenarios/small.lua
expect_status "damage-run" 0
run_bin "$bin" replay "$TMP/whole.rpl" --check
expect_status "damage-whole-sound" 0
expect_line "damage-whole-readable" "$TMP/stdout" "^readable: chunks 1-([0-9]+) \(T\+[0-9:]+ to T\+[0-9:]+\), [0-9]+ records in \1 of \1 chunks$"
chunks=$(sed -n 's/.* of \([0-9]*\) chunks$/\1/p' "$TMP/stdout")
if [ "${chunks:-0}" -ge 2 ]; then ok "damage-several-chunks"; else not_ok "damage-several-chunks" "$chunks"; fi
size=$(wc -c <"$TMP/whole.rpl")

# insane: the reader crashed or a sanitizer spoke.
insane() {
	[ "$STATUS" -gt 1 ] || grep -q "Sanitizer\|runtime error" "$TMP/stderr"
}

# Cut at random offsets (and at a few that matter: inside the header, at
# the index, one byte short of the end).
offsets=$(awk -v size="$size" 'BEGIN { srand(11); for (i = 0; i < 40; i++) print int(rand() * size);
	print 5; print 30; print size - 17; print size - 1 }')
bad=""
for cut in $offsets; do
	head -c "$cut" "$TMP/whole.rpl" >"$TMP/cut.rpl"
	run_bin "$bin" replay "$TMP/cut.rpl" --check
	if insane || [ "$STATUS" -ne 1 ] || ! grep -q "^readable: " "$TMP/stdout"; then
		bad="$bad $cut:$STATUS:$(grep -m1 "Sanitizer\|runtime error\|^irdrill" "$TMP/stderr")"
	elif grep -Eq "^damaged: $TMP/cut.rpl: .*cut short at byte $cut.*; [0-9]+ whole chunks? read" "$TMP/stdout"; then
		# Every whole chunk before the cut is readable.
		whole=$(sed -n 's/.*; \([0-9]*\) whole chunks\{0,1\} read.*/\1/p' "$TMP/stdout")
		if [ "$whole" -eq 0 ]; then want="^readable: nothing$"; else want="^readable: .* in $whole of $whole chunks$"; fi
		grep -Eq "$want" "$TMP/stdout" || bad="$bad $cut:readable:$(grep "^readable" "$TMP/stdout")"
	elif ! grep -q "^readable: nothing$" "$TMP/stdout" ||
		! grep -Eq "^irdrill: $TMP/cut.rpl: (not an irdrill replay|cut short inside its header)" "$TMP/stderr"; then
		# Nothing readable: the header itself is cut, and it says so.
		bad="$bad $cut:says:$(head -2 "$TMP/stdout" | tail -1)|$(head -1 "$TMP/stderr")"
	fi
done
if [ -z "$bad" ]; then ok "damage-cuts"; else not_ok "damage-cuts" "$bad"; fi

# One byte changed at random places: every byte is under a checksum, so
# each is damage, named; the rest stays readable.
positions=$(awk -v size="$size" 'BEGIN { srand(23); for (i = 0; i < 40; i++) print int(rand() * size) }')
bad=""
named=0
for at in $positions; do
	cp "$TMP/whole.rpl" "$TMP/flip.rpl"
	old=$(od -An -tu1 -j "$at" -N1 "$TMP/whole.rpl" | tr -d ' ')
	new=$(((old + 1 + at % 254) % 256))
	printf "\\$(printf %o "$new")" | dd of="$TMP/flip.rpl" bs=1 seek="$at" conv=notrunc 2>/dev/null
	run_bin "$bin" replay "$TMP/flip.rpl" --check
	if insane || [ "$STATUS" -ne 1 ] || ! grep -q "^readable: " "$TMP/stdout"; then
		bad="$bad $at:$STATUS:$(grep -m1 "Sanitizer\|runtime error\|^irdrill" "$TMP/stderr")"
	elif grep -Eq "^damaged: $TMP/flip.rpl: chunk [0-9]+ at byte [0-9]+: " "$TMP/stdout"; then
		named=$((named + 1))
		# The damaged chunk is left out; the others are read.
		grep -Eq "^readable: .*[0-9]+ records in $((chunks - 1)) of $chunks chunks$|^readable: nothing$" "$TMP/stdout" ||
			bad="$bad $at:readable:$(grep "^readable" "$TMP/stdout")"
	elif ! grep -Eq "^damaged: $TMP/flip.rpl: .*(index|cut short)|^irdrill: $TMP/flip.rpl: (corrupt|malformed) header|^irdrill: $TMP/flip.rpl: (not an irdrill replay|replay format version|cut short inside its header)" \
		"$TMP/stdout" "$TMP/stderr"; then
		bad="$bad $at:says:$(head -2 "$TMP/stdout" | tail -1)|$(head -1 "$TMP/stderr")"
	fi
done
if [ -z "$bad" ]; then ok "damage-flips"; else not_ok "damage-flips" "$bad"; fi
if [ "$named" -gt 20 ]; then ok "damage-flips-name-the-chunk"; else not_ok "damage-flips-name-the-chunk" "$named of 40"; fi

