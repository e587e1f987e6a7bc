# The live console, driven in tmux at 80x24 as a trainer uses it: start,
# pause, a team action and its result, inline errors, completion, feed
# filters and search, help, ending the drill and leaving with the
# terminal restored; Ctrl-C restores it too.  Every check polls the
# screen until the text shows (bounded), so timing does not decide.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/console_lib.sh"

console_start 80 24 run --speed 10 scenarios/apt-mustang-panda.lua
wait_for "starts-top-bar" 'irdrill │ Mustang Panda.*T\+00:00:[0-9][0-9] │ 08:00:[0-9][0-9] │ ×10 │ team soc │ 0 points'
wait_for "starts-tabs" '^ 1 Alerts   2 Feed   3 Network   4 Timeline'
wait_for "starts-hint" '^:command  /search  \?help  Space pause'
wait_for "feed-shows-sensor-lines" '^soc-suric… \{"timestamp":"2023-11-08T08:00'

# Pause: the top bar says so, the clock stops, the timeline records it.
console_keys Space
wait_for "pause-shows-paused" '│ PAUSED │ team soc'
clock1=$(grep -o 'T+[0-9:]*' "$TMP/screen" | head -1)
sleep 1.5
console_screen
clock2=$(grep -o 'T+[0-9:]*' "$TMP/screen" | head -1)
if [ -n "$clock1" ] && [ "$clock1" = "$clock2" ]; then ok "pause-stops-the-clock"; else
	not_ok "pause-stops-the-clock" "clock went from '$clock1' to '$clock2'"; fi
console_keys 4
wait_for "pause-on-timeline" 'T\+00:00:[0-9][0-9] action white-cell  pause'

# A team action: applied as the team, reported, on the timeline, and the
# host's state on the network pane.
console_type ":isolate tdm-pc-01" Enter
wait_for "action-result-shown" '^isolate tdm-pc-01: done by soc at T\+00:00:[0-9][0-9]\.'
wait_for "action-on-timeline" 'action soc  isolate tdm-pc-01 *$'
console_type ":show tdm-pc-01" Enter
wait_for "action-host-isolated-symbol" '^ +I   tdm-pc-01  workstation +│'
wait_for "action-host-details" '│ state +isolated'

# Errors inline, in plain words, changing nothing.
console_type ":frobnicate now" Enter
wait_for "unknown-command-inline-error" "^! Unknown command 'frobnicate'\. Press \? for the list of commands\."
console_type ":isolate no-such-host" Enter
wait_for "bad-host-inline-error" "^! no host 'no-such-host' in the network"
console_type ":ack A-0042" Enter
wait_for "unraised-alert-inline-error" "^! no alert A-0042: 0 raised so far"
console_keys 1
wait_for "alerts-pane-says-none-yet" '^No alert yet'

# Completion: command words and hosts; the list when several fit.
console_type ":iso" Tab
wait_for "tab-completes-command" '^:isolate ?$'
console_type "tdm-pc-0" Tab
wait_for "tab-lists-hosts" '^tdm-pc-01 tdm-pc-02 '
console_keys Escape
# History: Up brings back the last command.
console_keys :
console_keys Up
wait_for "up-recalls-history" '^:ack A-0042$'
console_keys Escape

# Resume, then the feed: a sensor filter and a search.
console_keys Space
wait_for "resume-shows-speed" '│ ×10 │ team soc'
console_keys 2
console_type ":filter sensor zeek" Enter
wait_for "filter-shown-in-tabs" 'filter: sensor=zeek'
wait_for "filter-keeps-zeek-lines" '^soc-zeek   1699'
feed_rows_all_match "filter-only-zeek-lines" '^soc-zeek '
console_keys c
wait_for "filter-cleared" 'Feed filter cleared'
console_keys /
console_type "FGT-BD" Enter
wait_for "search-shown-in-tabs" 'filter: /FGT-BD'
wait_for "search-finds-lines" '^fgt-bd +<189>date=2023-11-08 time=08:[0-9:]+ devname="FGT-BD"'
feed_rows_all_match "search-only-matching-lines" 'FGT-BD'
console_keys c

# Help lists keys and commands; any key closes it.
console_keys ?
wait_for "help-lists-keys" '^ Space +pause or resume the drill'
wait_for "help-lists-commands" '^ inject +message to a team'
console_keys x
wait_for_gone "help-closes" 'Commands \(after :\)'

# Speed from the keyboard.
console_keys +
wait_for "plus-speeds-up" '│ ×60 │ team soc'

# Ending asks first, then ends for good.
console_type ":end" Enter
wait_for "end-asks" '^End the drill now for every team\? \(y/n\)'
console_keys y
wait_for "end-shows-over" '│ OVER │ team soc'
wait_for "end-says-so" '^The white cell ended the drill at T\+'
console_keys q
wait_for "quit-exit-status-0" '^\[exit 0\]'
terminal_restored "quit-restores-terminal"
console_history
expect_line "quit-prints-timeline-with-controls" "$TMP/history" 'white-cell +pause +- +action'
expect_line "quit-prints-timeline-with-end" "$TMP/history" 'white-cell +end +- +action'
expect_line "quit-prints-team-action" "$TMP/history" 'soc +isolate tdm-pc-01 +tdm-pc-01 +action'
# The typed action is in the exercise store; the refused ones are not.
sqlite3 "$TMP/irdrill.db" "SELECT command FROM actions ORDER BY seq" >"$TMP/stored" 2>&1
expect_line "typed-action-in-store" "$TMP/stored" '^isolate tdm-pc-01$'
expect_no_line "refused-action-not-in-store" "$TMP/stored" 'no-such-host'

# The team's points stand on the top bar and move with its actions:
# isolating the PC the lure took earns the containment points at once.
console_start 80 24 run --speed 600 scenarios/apt-mustang-panda.lua
wait_for "score-starts-at-zero" '│ team soc │ 0 points *$'
wait_for "score-lure-has-landed" 'T\+0[01]:(2[1-9]|[3-5][0-9]):[0-9][0-9] │'
console_keys Space
wait_for "score-paused" '│ PAUSED │ team soc'
console_type ":isolate tdm-pc-02" Enter
wait_for "score-contain-on-top-bar" '│ team soc │ 20 points *$'
console_type "q"
console_keys y

# irdrill with no arguments: the console on the default drill.  Ctrl-C
# while it runs: the terminal comes back too.
console_start 80 24
wait_for "no-arguments-default-drill" '^ irdrill │ Annual incident-r.*│ ×1 │ team soc'
wait_for "ctrl-c-console-up" '^ 1 Alerts'
console_keys C-c
wait_for "ctrl-c-leaves" '^\[exit 0\]'
terminal_restored "ctrl-c-restores-terminal"
