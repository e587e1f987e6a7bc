# The score pane and the white cell's controls, driven in tmux at 80x24
# and 200x50: a team action's score row with its reason, the white
# cell's hint (the team's points drop, with the reason), marking an
# expectation, a hand-written event in the feed, the alerts and the
# sensor's file, clear errors that change nothing, completion, and a
# team's seat that sees its own score and is refused the white cell's
# controls.  Every check polls the screen (bounded), so timing does not
# decide.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/console_lib.sh"

# --as names one of the drill's teams, and only for the console.
run_cmd run --as red scenarios/apt-mustang-panda.lua
expect_status "as-unknown-team-exit-2" 2
expect_line "as-unknown-team-says-so" "$TMP/stderr" "--as 'red' is not one of the drill's teams"
run_cmd run --headless --as soc scenarios/apt-mustang-panda.lua
expect_status "as-headless-exit-2" 2
expect_line "as-headless-says-so" "$TMP/stderr" "--as TEAM opens the console as that team"

# ---- the white cell at 80x24 ----------------------------------------------
console_start 80 24 run --speed 600 --out "$TMP/out" scenarios/apt-mustang-panda.lua
wait_for "tab-5-score" '^ 1 Alerts   2 Feed   3 Network   4 Timeline   5 Score'
console_keys 5
wait_for "score-pane-totals" '^Points:  team soc \+0'
wait_for "score-pane-expectation-pending" '^  detect-beacon +detect beacon within 30 min \(30\) +soc: pending'
wait_for "score-pane-keep-up-text" '^  keep-qlvb-up +keep qlvb up, 30 min allowed \(20\) +soc: pending'
wait_for "score-pane-no-points-yet" '^No points yet'
wait_for "score-pane-ground-truth" '^Attack so far \(ground truth, white cell only\)'
# A team action that scores at once: isolating the PC the lure took.
wait_for "lure-has-landed" 'T\+0[01]:(2[1-9]|[3-5][0-9]):[0-9][0-9] │'
console_keys Space
wait_for "paused" '│ PAUSED │ team soc'
wait_for "attack-step-shown" '^  T\+0[01]:[0-9:]+ ok +[a-z0-9-]+ [a-z-]+ '
console_type ":isolate tdm-pc-02" Enter
wait_for "action-score-row" '^  T\+0[01]:[0-9:]+ +\+20 contain +soc +isolated tdm-pc-02 '
wait_for "action-top-bar-points" '│ team soc │ 20 points *$'

# The white cell's hint: a message to the team and 5 points off.
console_type ":hint soc look at the beacons to port 443" Enter
wait_for "hint-says-sent" '^Hint sent to soc; it costs the team 5 points\.'
wait_for "hint-score-row" '^  T\+[0-9:]+ +-5 hint +soc +hint from the white cell: look'
wait_for "hint-top-bar-drops" '│ team soc │ 15 points *$'
wait_for "hint-total-drops" '^Points:  team soc \+15'
console_keys 4
wait_for "hint-message-on-timeline" 'message white-cell → soc: look at the beacons to port 443'
wait_for "hint-action-on-timeline" 'action soc  hint look at the beacons to port 443'
console_keys 5

# Marking an expectation by hand, with a note; errors change nothing.
console_type ":mark soc keep-qlvb-up met qlvb stayed up" Enter
wait_for "mark-says-so" '^keep-qlvb-up marked met for soc\.'
wait_for "mark-status-met" '^  keep-qlvb-up +keep qlvb up, 30 min allowed \(20\) +soc: met'
wait_for "mark-score-row" '\+20 expectation +soc +keep-qlvb-up: marked met by'
wait_for "mark-top-bar" '│ team soc │ 35 points *$'
console_type ":mark soc keep-qlvb-up met" Enter
wait_for "mark-twice-refused" '^! keep-qlvb-up is already marked met for soc'
console_type ":mark red keep-qlvb-up met" Enter
wait_for "mark-unknown-team" "^! There is no team 'red' in this drill \(teams: soc\)\."
console_type ":mark soc no-such missed" Enter
wait_for "mark-unknown-expectation" "^! The scenario has no expectation 'no-such'"
console_type ":mark soc detect-beacon maybe" Enter
wait_for "mark-bad-verdict" "^! 'maybe' is not met or missed\."
console_type ":hint red x" Enter
wait_for "hint-unknown-team" "^! There is no team 'red' in this drill"
console_type ":msg blue hello" Enter
wait_for "msg-unknown-team" "^! There is no team 'blue' in this drill"
wait_for "errors-changed-no-points" '│ team soc │ 35 points *$'
console_type ":mark soc detect-beacon missed" Enter
wait_for "mark-missed-status" '^  detect-beacon .* soc: missed'

# Completion knows the new commands and their arguments.
console_type ":mar" Tab
wait_for "complete-mark" '^:mark ?$'
console_type "soc det" Tab
wait_for "complete-expectations" '^detect-beacon detect-exploit'
console_keys Escape
console_type ":event soc-suri" Tab
wait_for "complete-sensor" '^:event soc-suricata ?$'
console_keys Escape

# A hand-written event: the feed, the alerts, the timeline.
console_type ":event soc-suricata 203.0.113.9 tdm-pc-01:8443 ET DRILL injected decoy" Enter
wait_for "event-says-written" '^Event written by soc-suricata'
console_type ":filter text injected decoy" Enter
console_keys 2
wait_for "event-in-feed" '^soc-suric… \{"timestamp":"2023-11-08T'
feed_rows_all_match "event-feed-lines-are-it" 'soc-suric'
console_keys c
console_keys 1
wait_for "event-in-alerts" 'soc-suricata NEW +ET DRILL injected decoy'
console_type ":event nosuch 1.2.3.4 5.6.7.8 x" Enter
wait_for "event-unknown-sensor" "^! There is no sensor 'nosuch' in the network"
console_type ":event soc-suricata nowhere tdm-pc-01 x" Enter
wait_for "event-bad-end" "^! 'nowhere' is neither a host of the network nor an IPv4 address\."
console_type ":event soc-suricata 1.2.3.4 tdm-pc-01:99999 x" Enter
wait_for "event-bad-port" "^! '99999' is not a port"
console_type ":frobnicate now" Enter
wait_for "unknown-command" "^! Unknown command 'frobnicate'\. Press \? for the list of commands\."
console_keys ?
wait_for "help-lists-hint" '^ hint +a hint to a team \(-5 points\)'
console_keys x

console_type ":end" Enter
console_keys y
wait_for "ended" '│ OVER │ team soc'
console_keys 5
wait_for "ended-marked-stays" '^  keep-qlvb-up .* soc: met'
console_keys q
wait_for "leaves" '^\[exit 0\]'
console_history
expect_line "printed-hint-row" "$TMP/history" '-5  hint +hint from the white cell: look at the beacons'
expect_line "printed-mark-row" "$TMP/history" '\+20  expectation +keep-qlvb-up: marked met by the white cell'
expect_no_line "no-white-cell-team" "$TMP/history" 'team white-cell'
if grep -q 'ET DRILL injected decoy' "$TMP/out/soc-suricata/eve.json" 2>/dev/null; then ok "event-in-sensor-file"; else
	not_ok "event-in-sensor-file" "no injected alert in $TMP/out/soc-suricata/eve.json"; fi
# The hint, the mark and the event are the white cell's actions in the
# exercise store; the marks are score rows with their reasons, and the
# expectations' status.
sqlite3 "$TMP/irdrill.db" "SELECT t.name, a.command FROM actions a JOIN teams t ON t.id = a.team ORDER BY seq" \
	>"$TMP/stored" 2>&1
expect_line "hint-in-store" "$TMP/stored" '^white-cell\|hint soc look at the beacons to port 443$'
expect_line "mark-action-in-store" "$TMP/stored" '^white-cell\|mark soc keep-qlvb-up met qlvb stayed up$'
sqlite3 "$TMP/irdrill.db" "SELECT points, reason FROM scores" >"$TMP/scores" 2>&1
expect_line "mark-in-store" "$TMP/scores" '^20\|marked met by the white cell: qlvb stayed up$'
sqlite3 "$TMP/irdrill.db" "SELECT id, status FROM expectations" >"$TMP/expect" 2>&1
expect_line "mark-status-in-store" "$TMP/expect" '^keep-qlvb-up\|met$'

# ---- a team's seat ----------------------------------------------------------
console_start 80 24 run --as soc --speed 10 scenarios/apt-mustang-panda.lua
wait_for "seat-started" '^Drill started: you sit as team soc\.'
wait_for "seat-key-line" '^:command  /search  \?help  Tab pane  5 score  q quit'
console_keys Space
wait_for "seat-space-refused" "^! Only the white cell can do that: this console is team soc's seat\."
n=0
for cmd in "pause" "speed 60" "end" "hint soc x" "mark soc keep-qlvb-up met" "msg soc hi" \
	"event soc-suricata 1.2.3.4 tdm-pc-01 x"; do
	n=$((n + 1))
	console_type ":frobnicate" Enter
	wait_for "seat-between-$n" "^! Unknown command 'frobnicate'"
	console_type ":$cmd" Enter
	wait_for "seat-refuses-$n-$(echo "$cmd" | cut -d' ' -f1)" "^! Only the white cell can do that"
done
console_type ":hint" Enter
wait_for "seat-team-asks-hint" '^hint: done by soc at T\+'
console_keys 5
wait_for "seat-own-points" '^Your points:  team soc -5'
wait_for "seat-own-row" '^  T\+[0-9:]+ +-5 hint +asked the white cell for a hint'
wait_for "seat-status-without-team-column" '^  keep-qlvb-up +keep qlvb up, 30 min allowed \(20\) +pending'
wait_for_gone "seat-no-ground-truth" 'Attack so far'
console_keys 4
wait_for "seat-timeline-own-action" 'action soc  hint *$'
wait_for_gone "seat-timeline-no-objectives" 'Objectives \(ground truth'
console_keys q y
wait_for "seat-leaves" '^\[exit 0\]'

# ---- 200x50: the score pane beside the timeline -------------------------------
console_start 200 50 run --speed 600 --mode shared --teams soc,red scenarios/apt-mustang-panda.lua
console_keys 5
wait_for "wide-expectations-both-teams" '^  detect-beacon +detect beacon within 30 min \(30\) +soc: pending red: pending'
console_type ":hint red try the mail gateway" Enter
wait_for "wide-hint-other-team" '-5 hint +red +hint from the white cell: try the mail gateway'
wait_for "wide-totals" '^Points:  team soc \+0  team red -5'
wait_for "wide-side-timeline" '│Objectives \(ground truth'
console_type ":mark red detect-exploit met" Enter
wait_for "wide-mark-red" 'detect-exploit .* soc: pending red: met'
console_keys q y
wait_for "wide-leaves" '^\[exit 0\]'

# ---- Vietnamese at 80x24 -------------------------------------------------------
console_start 80 24 run --lang vi scenarios/apt-mustang-panda.lua
wait_for "vi-score-tab" '^ 1 Cảnh báo   2 Luồng sự kiện   3 Mạng   4 Diễn biến   5 Điểm'
console_keys 5
wait_for "vi-score-expectations" '^Yêu cầu \(đang chờ cho đến khi được chấm'
wait_for "vi-score-status" '^  detect-beacon +phát hiện beacon trong vòng 30 phút \(30\) +soc: đang chờ'
console_type ":mark soc nope met" Enter
wait_for "vi-mark-error" "^! Kịch bản không có yêu cầu 'nope'"
console_type ":isolate no-such-host" Enter
wait_for "vi-action-error" "^! không có máy 'no-such-host' trong mạng"
console_type ":show tdm-pc-01" Enter
wait_for "vi-host-label" '│ đơn vị +Thành phố Thủ Dầu Một'
console_keys q y
wait_for "vi-leaves" '^\[exit 0\]'
