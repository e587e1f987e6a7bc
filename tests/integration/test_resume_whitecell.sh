# Kill and resume with the white cell's controls: an actions file carries
# injected events, messages and marks (one refused as marked already, one
# for no team) among two teams' actions.  The drill is killed (SIGKILL)
# after every number of committed actions and at wall-clock moments, and
# `irdrill resume` must end it as an uninterrupted run does: the same
# timeline, every action (the white cell's too) in the store once, the
# same score rows and expectation statuses, the same sensor files.  Both
# modes: shared (one province) and parallel (a mark or message for a team
# goes to its world, an event to every world, committed once).
. "$(dirname "$0")/lib.sh"

net=tests/data/net-small.lua
scn=tests/data/scenarios/score.lua
acts=tests/data/actions/resume-whitecell.txt
nacts=$(grep -c '^T+' $acts)
speed=3600

count() { n=$(sqlite3 "$1" "$2" 2>/dev/null); echo "${n:-0}"; }
wait_for() {
	while [ "$(count "$1" "$2")" -lt "$3" ] && kill -0 "$4" 2>/dev/null; do sleep 0.01; done
}
kill_it() {
	kill -9 "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}
# state DB: what a user reads of the exercise: actions, scores, expectations.
state() {
	sqlite3 "$1" "SELECT a.seq, t.name, a.sim_us, a.command, a.result FROM actions a
		JOIN teams t ON t.id = a.team ORDER BY a.seq;
		SELECT t.name, s.sim_us, s.component, s.points, s.reason, s.expectation FROM scores s
		JOIN teams t ON t.id = s.team ORDER BY t.position, s.sim_us, s.id;
		SELECT t.name, e.id, e.status, e.sim_us FROM expectations e
		JOIN teams t ON t.id = e.team ORDER BY t.position, e.id"
}

for mode in shared parallel; do
teams=soc,d1
[ $mode = shared ] && teams=soc,d1=d1
rm -rf "$TMP"/*.db* "$TMP"/out-*
run_cmd run --headless --db "$TMP/ref.db" --network $net --mode $mode --teams $teams --actions $acts \
	--out "$TMP/out-ref" $scn
expect_status "$mode-reference-run-exit-0" 0
sed "s|$TMP/out-ref|OUT|" "$TMP/stdout" >"$TMP/ref.out"
state "$TMP/ref.db" >"$TMP/ref.state"
if [ "$(count "$TMP/ref.db" "SELECT count(*) FROM actions")" -eq "$nacts" ]; then
	ok "$mode-every-line-one-action"
else not_ok "$mode-every-line-one-action" "$(count "$TMP/ref.db" "SELECT count(*) FROM actions")"; fi
# What the white cell did is its own actions, committed like a team's.
expect_line "$mode-event-committed" "$TMP/ref.state" \
	"^1\|white-cell\|180000000\|event ids-dc 203.0.113.50 portal:443 ET DRILL injected probe\|ok$"
expect_line "$mode-mark-committed" "$TMP/ref.state" "^[0-9]+\|white-cell\|600000000\|mark soc keep-portal met the portal stayed up\|ok$"
expect_line "$mode-refused-mark-committed" "$TMP/ref.state" \
	"^[0-9]+\|white-cell\|1800000000\|mark soc keep-portal met\|keep-portal is already marked met for soc$"
expect_line "$mode-mark-row" "$TMP/ref.state" \
	"^soc\|600000000\|expectation\|10\|marked met by the white cell: the portal stayed up\|keep-portal$"
expect_line "$mode-mark-status" "$TMP/ref.state" "^soc\|keep-portal\|missed\|2100000000$"
expect_line "$mode-d1-mark-status" "$TMP/ref.state" "^d1\|see-exploit\|missed\|1500000000$"
expect_line "$mode-hint-committed" "$TMP/ref.state" "^[0-9]+\|white-cell\|3900000000\|hint soc Look at the proxy logs\|ok$"
expect_line "$mode-hint-row" "$TMP/ref.state" "^soc\|3900000000\|hint\|-5\|hint from the white cell: Look at the proxy logs\|$"
expect_line "$mode-message-on-timeline" "$TMP/ref.out" "white-cell +message +all +message: The provincial SOC phone line is down"
if grep -rq "ET DRILL injected probe" "$TMP/out-ref" && grep -rq "Drill C2 beacon" "$TMP/out-ref"; then
	ok "$mode-injected-events-in-sensor-files"
else not_ok "$mode-injected-events-in-sensor-files"; fi
if [ "$(count "$TMP/ref.db" "SELECT count(*) FROM teams WHERE name = 'white-cell' AND position = -1")" = 1 ]; then
	ok "$mode-white-cell-no-team"
else not_ok "$mode-white-cell-no-team"; fi
run_cmd scores --db "$TMP/ref.db"
expect_no_line "$mode-scores-list-no-white-cell-team" "$TMP/stdout" "white-cell"

# check NAME DB: resume (unless it finished) and compare with the reference.
check() {
	name=$mode-$1
	id=$(sqlite3 "$2" "SELECT id FROM exercises")
	if [ "$(count "$2" "SELECT count(*) FROM exercises WHERE status = 'finished'")" = 1 ]; then
		ok "$name-finished-before-the-kill"
		return
	fi
	rm -rf "$TMP/out-res"
	run_cmd resume --headless --speed max --db "$2" --out "$TMP/out-res" "$(echo "$id" | cut -c1-8)"
	expect_status "$name-resume-exit-0" 0
	sed "s|$TMP/out-res|OUT|" "$TMP/stdout" >"$TMP/res.out"
	if cmp -s "$TMP/ref.out" "$TMP/res.out"; then ok "$name-same-timeline-and-scores"; else
		not_ok "$name-same-timeline-and-scores" "$(diff "$TMP/ref.out" "$TMP/res.out" | head -5)"; fi
	state "$2" >"$TMP/res.state"
	if cmp -s "$TMP/ref.state" "$TMP/res.state"; then ok "$name-same-actions-scores-expectations"; else
		not_ok "$name-same-actions-scores-expectations" "$(diff "$TMP/ref.state" "$TMP/res.state" | head -5)"; fi
	if diff -r "$TMP/out-ref" "$TMP/out-res" >"$TMP/files.diff"; then ok "$name-same-sensor-files"; else
		not_ok "$name-same-sensor-files" "$(head -5 "$TMP/files.diff")"; fi
}

# Killed once k actions are committed: every k in shared mode, some in
# parallel.
ks="0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15"
[ $mode = parallel ] && ks="0 2 5 9 13"
for k in $ks; do
	"$IRDRILL" run --headless --db "$TMP/k$k.db" --network $net --mode $mode --teams $teams --actions $acts \
		--out "$TMP/out-k" --speed $speed $scn >/dev/null 2>&1 &
	pid=$!
	wait_for "$TMP/k$k.db" "SELECT count(*) FROM exercises" 1 $pid
	wait_for "$TMP/k$k.db" "SELECT count(*) FROM actions" $k $pid
	kill_it $pid
	check "kill-after-$k-actions" "$TMP/k$k.db"
done
for at in 0.4 1.2; do
	"$IRDRILL" run --headless --db "$TMP/t$at.db" --network $net --mode $mode --teams $teams --actions $acts \
		--out "$TMP/out-k" --speed $speed $scn >/dev/null 2>&1 &
	pid=$!
	wait_for "$TMP/t$at.db" "SELECT count(*) FROM exercises" 1 $pid
	sleep $at
	kill_it $pid
	check "kill-at-${at}s" "$TMP/t$at.db"
done
done

# An actions file's white-cell line is checked like a team's: a bad one
# is reported with file and line, and nothing runs.
printf 'T+00:05 white mark soc\nT+00:06 white event nosuch 1.2.3.4 5.6.7.8 x\nT+00:07 white pause\nT+00:08 white dance\n' \
	>"$TMP/bad.txt"
printf 'T+00:05 white mark nobody see-exploit met\nT+00:06 white msg soc hello\n' >"$TMP/noteam.txt"
run_cmd run --headless --db "$TMP/bad.db" --network $net --teams soc,d1 --actions "$TMP/noteam.txt" $scn
expect_status "white-line-for-no-team-exit-1" 1
expect_line "white-line-for-no-team-says-so" "$TMP/stderr" \
	"noteam.txt:1: the white cell's control names team 'nobody', not one of the drill's teams \(soc,d1\)"
expect_no_line "white-line-for-a-team-is-fine" "$TMP/stderr" "noteam.txt:2"
run_cmd run --headless --db "$TMP/bad.db" --network $net --actions "$TMP/bad.txt" $scn
expect_status "bad-white-lines-exit-1" 1
expect_line "bad-mark-usage" "$TMP/stderr" "bad.txt:1: usage: mark TEAM EXPECTATION met\|missed \[NOTE\]"
expect_line "bad-event-sensor" "$TMP/stderr" "bad.txt:2: There is no sensor 'nosuch' in the network"
expect_line "pause-not-in-a-file" "$TMP/stderr" "bad.txt:3: pause paces a live console; a scripted drill keeps the pace of --speed"
expect_line "unknown-control" "$TMP/stderr" "bad.txt:4: 'dance' is not one of the white cell's controls \(mark, event, msg, hint\)"
if [ -e "$TMP/bad.db" ]; then not_ok "bad-white-lines-no-store"; else ok "bad-white-lines-no-store"; fi
run_cmd run --headless --db "$TMP/w.db" --network $net --teams soc,white $scn
expect_status "team-named-white-exit-2" 2
expect_line "team-named-white-says-so" "$TMP/stderr" "team 'white': the name is the white cell's"

# ---- a console drill killed, resumed headless -------------------------------
# What the white cell and the team typed on the console was committed as
# it was taken; killed (SIGKILL), the drill resumes without the console
# and takes all of it again at its simulated time: the mark's row, the
# injected event in the sensor files, the message, the team's ack.  Two
# resumes of the same store give the same run.
. "$(dirname "$0")/console_lib.sh"
console_start 100 30 run --speed 60 --db "$TMP/console.db" --network $net --mode shared --teams soc,d1=d1 \
	--out "$TMP/out-console" $scn
wait_for "console-up" '^ 1 Alerts'
for c in ":pause" ":mark soc keep-portal met held up" ":event ids-dc 203.0.113.9 portal:443 ET DRILL typed probe" \
	":msg d1 watch the firewall" ":ack A-0001" ":speed 10" ":resume"; do
	console_type "$c" Enter
done
wait_for "console-took-them" '^Resumed\.'
wait_for_commits() {
	i=0
	while [ "$(count "$TMP/console.db" "SELECT count(*) FROM actions")" -lt 7 ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
wait_for_commits
shell=$(tmx display -p -t console '#{pane_pid}')
engine=$(pgrep -P "$shell" | head -1)
kill -9 "$engine"
sleep 0.2
console_stop
if [ "$(count "$TMP/console.db" "SELECT count(*) FROM exercises WHERE status = 'running'")" = 1 ]; then
	ok "console-killed-mid-drill"
else not_ok "console-killed-mid-drill" "$(sqlite3 "$TMP/console.db" "SELECT status FROM exercises")"; fi
state "$TMP/console.db" >"$TMP/console.state"
expect_line "console-mark-committed" "$TMP/console.state" "^2\|white-cell\|[0-9]+\|mark soc keep-portal met held up\|ok$"
expect_line "console-pause-committed" "$TMP/console.state" "^1\|white-cell\|[0-9]+\|pause\|ok$"
cp "$TMP/console.db" "$TMP/console2.db"
id=$(sqlite3 "$TMP/console.db" "SELECT id FROM exercises")
run_cmd resume --headless --speed max --db "$TMP/console.db" --out "$TMP/out-c1" "$id"
expect_status "console-resume-exit-0" 0
cp "$TMP/stdout" "$TMP/c1.out"
expect_line "console-resume-says-so" "$TMP/stderr" "resuming exercise $id: 7 actions \(the teams' and the white cell's\)"
expect_line "console-resume-mark-row" "$TMP/c1.out" "\+10 +expectation +keep-portal: marked met by the white cell: held up"
expect_line "console-resume-event" "$TMP/c1.out" "white-cell +event ids-dc 203.0.113.9 portal:443 .*action: ET DRILL typed probe"
expect_line "console-resume-message" "$TMP/c1.out" "white-cell +message +d1 .*message: watch the firewall"
expect_line "console-resume-ack" "$TMP/c1.out" "soc +ack A-0001 "
expect_line "console-resume-pace-on-timeline" "$TMP/c1.out" "white-cell +speed x10 "
if grep -rq "ET DRILL typed probe" "$TMP/out-c1/ids-dc"; then ok "console-resume-event-in-sensor-file"; else
	not_ok "console-resume-event-in-sensor-file"; fi
run_cmd resume --headless --speed max --db "$TMP/console2.db" --out "$TMP/out-c2" "$id"
sed "s|out-c2|out-c1|" "$TMP/stdout" >"$TMP/c2.out"
if cmp -s "$TMP/c1.out" "$TMP/c2.out" && diff -r "$TMP/out-c1" "$TMP/out-c2" >/dev/null; then
	ok "console-resume-deterministic"
else not_ok "console-resume-deterministic" "$(diff "$TMP/c1.out" "$TMP/c2.out" | head -5)"; fi
if [ "$(state "$TMP/console.db")" = "$(state "$TMP/console2.db")" ]; then ok "console-resume-same-store"; else
	not_ok "console-resume-same-store"; fi
