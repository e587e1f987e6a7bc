# The replay viewer, driven in tmux as a reviewer uses it: a two-team
# drill recorded here, then `irdrill replay FILE` opens on it: REPLAY and
# the scenario on the top bar, pause and play, a typed seek, jumps to the
# next team action and attack step, whose view (:as), a bad command, the
# help, leaving with the terminal restored (q and Ctrl-C), a wide
# monochrome terminal and a resize; a file cut short opens with what is
# whole and says so.  Every check polls the screen (bounded).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/console_lib.sh"

scn=tests/data/scenarios/score.lua
cat >"$TMP/actions.txt" <<'EOF'
T+00:15 blue ack A-0001
T+00:20 blue isolate portal
T+01:01 red isolate c1-pc-01
EOF
# Background traffic fills several chunks, so a cut leaves some whole.
run_cmd run --headless --seed 3 --mode shared --teams blue,red --network tests/data/net-small.lua --background 60 \
	--actions "$TMP/actions.txt" --replay "$TMP/drill.rpl" $scn
expect_status "replay-recorded" 0

console_start 80 24 replay "$TMP/drill.rpl"
wait_for "opens-top-bar" '^ REPLAY │ Scoring +T\+00:00:[0-9][0-9] │ [0-9:]+ │ ×1 │ white cell'
wait_for "opens-tabs" '^ 1 Alerts   2 Feed   3 Network   4 Timeline'
wait_for "opens-says-how" '^Replay opened\. Space plays or pauses'

# Pause stops the clock; play moves it on.
console_keys Space
wait_for "pause-shows-paused" '│ PAUSED │ white cell'
clock1=$(grep -o 'T+[0-9:]*' "$TMP/screen" | head -1)
sleep 1.5
console_screen
clock2=$(grep -o 'T+[0-9:]*' "$TMP/screen" | head -1)
if [ -n "$clock1" ] && [ "$clock1" = "$clock2" ]; then ok "pause-stops-the-clock"; else
	not_ok "pause-stops-the-clock" "clock went from '$clock1' to '$clock2'"; fi

# A typed time: the clock shows it, paused still.
console_type ":seek T+00:30:00" Enter
wait_for "seek-shows-clock" '^ REPLAY │ Scoring +T\+00:30:00 │ .*│ PAUSED │'
wait_for "seek-says-where" '^At T\+00:30:00\.$'
console_type ":seek 12m" Enter
wait_for "seek-back-shows-clock" 'T\+00:12:00 │ .*│ PAUSED │'
console_keys Right
wait_for "right-one-minute-on" 'T\+00:13:00 │ .*│ PAUSED │'
console_keys PageDown
wait_for "pgdn-ten-minutes-on" 'T\+00:23:00 │ .*│ PAUSED │'

# Jumps: the next team action is red's isolation, on the timeline too.
console_keys a
wait_for "next-action-said" '^Team action at T\+01:01:00: red isolate c1-pc-01$'
wait_for "next-action-clock" 'T\+01:01:00 │ .*│ PAUSED │'
console_keys 4
wait_for "next-action-on-timeline" '^T\+01:01:00 action red  isolate c1-pc-01'
wait_for "white-sees-attack-steps" '^T\+00:10:00 ok crew  exploit portal'
console_keys A
wait_for "previous-action-said" '^Team action at T\+00:20:00: blue isolate portal$'
console_keys S
wait_for "previous-step-said" '^Attack step at T\+00:10:00: crew exploit portal$'
console_keys Space
wait_for "play-shows-speed" '│ ×1 │ white cell'
console_keys +
wait_for "plus-speeds-up" '│ ×2 │ white cell'
console_keys Space

# Whose view: blue sees its own actions and points, not red's or the attack.
console_type ":seek 1:05" Enter
wait_for "seek-for-views" 'T\+01:05:00 │'
console_type ":as blue" Enter
wait_for "as-team-top-bar" '│ team blue │ -?[0-9]+ points *$'
wait_for "as-team-said" '^Seen as team blue: its alerts, actions and points\.'
wait_for "as-team-own-action" '^T\+00:20:00 action blue  isolate portal'
wait_for_gone "as-team-not-other-team" 'action red'
wait_for_gone "as-team-no-attack" 'exploit portal'
console_type ":as white" Enter
wait_for "as-white-sees-red" '^T\+01:01:00 action red  isolate c1-pc-01'
console_type ":as green" Enter
wait_for "as-unknown-team-error" "^! No team 'green' in this replay: choose one of blue, red, white\."

# Errors inline, in plain words.
console_type ":frobnicate" Enter
wait_for "bad-command-error" "^! Unknown command 'frobnicate'\. Press \? for the list of keys"
console_type ":seek soon" Enter
wait_for "bad-time-error" "^! 'soon' is not a time"
console_type ":isolate portal" Enter
wait_for "action-refused" "^! A replay cannot be changed"

# Help lists the keys; any key closes it.
console_keys ?
wait_for "help-lists-keys" '^ +Space +play or pause'
wait_for "help-lists-seek" ':seek T +go to a time'
console_keys x
wait_for_gone "help-closes" 'Replay keys'

console_keys q
wait_for "quit-exit-status-0" '^\[exit 0\]'
terminal_restored "quit-restores-terminal"

# Wide, without colour, resized: the full date shows, the side pane too.
CONSOLE_ENV="NO_COLOR=1" console_start 200 50 replay --at 30m "$TMP/drill.rpl"
wait_for "wide-top-bar" '^ REPLAY │ Scoring +T\+00:3[0-9]:[0-9][0-9] │ 20[0-9][0-9]-[0-9-]+ [0-9:]+ │ ×1 │ white cell'
wait_for "wide-side-timeline" '│Objectives'
tmx resize-window -t console -x 80 -y 24 2>/dev/null
CONSOLE_ROWS=24
wait_for "resized-top-bar" '^ REPLAY │ Scoring +T\+00:[0-9:]+ │ [0-9:]+ │ ×1 │ white cell │ blue'
wait_for_gone "resized-no-side-pane" '│Objectives'
console_keys C-c
wait_for "ctrl-c-leaves" '^\[exit 0\]'
terminal_restored "ctrl-c-restores-terminal"
CONSOLE_ENV=""

# Cut short: what is whole opens, with the reason on the message line.
size=$(wc -c <"$TMP/drill.rpl")
head -c $((size * 2 / 3)) "$TMP/drill.rpl" >"$TMP/cut.rpl"
console_start 80 24 replay "$TMP/cut.rpl"
wait_for "cut-opens" '^ REPLAY │ Scoring +T\+00:00:[0-9][0-9]'
wait_for "cut-says-so" '^! Showing what is readable: .*cut short'
console_keys End
wait_for "cut-end-of-what-is-readable" '^! End of what is readable: .*cut short'
wait_for "cut-end-before-the-drill's" 'T\+0[01]:[0-9:]+ │ [0-9:]+ │ END │'
console_keys q
wait_for "cut-quits" '^\[exit 0\]'

# A flipped byte fails a checksum: refused, naming the chunk and the byte.
cp "$TMP/drill.rpl" "$TMP/bad.rpl"
printf 'Z' | dd of="$TMP/bad.rpl" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
console_start 80 24 replay "$TMP/bad.rpl"
wait_for "corrupt-refused-in-words" 'bad\.rpl: chunk [0-9]+ at byte [0-9]+'
wait_for "corrupt-exit-1" '^\[exit 1\]'

# Not a terminal, not a replay: plain errors.
run_cmd replay "$TMP/drill.rpl" </dev/null
expect_status "no-terminal-refused" 1
expect_line "no-terminal-says" "$TMP/stderr" '^irdrill: replay FILE needs a terminal'
console_start 80 24 replay "$scn"
wait_for "foreign-file-refused" "not an irdrill replay"
wait_for "foreign-file-exit-1" '^\[exit 1\]'
