# Kill and resume: a scripted drill at a finite speed is killed (SIGKILL)
# at many points, before its first action, between any two, mid-write;
# `irdrill resume` must end it exactly as an uninterrupted run does, with
# every action in the store once.  Both modes: two teams in one shared
# province, and two teams each in its own (parallel).  Then the
# refusals: changed files, a finished exercise, an unknown id.
. "$(dirname "$0")/lib.sh"

net=tests/data/net-small.lua
scn=tests/data/scenarios/small.lua
acts=tests/data/actions/resume-small.txt
nacts=$(grep -c '^T+' $acts)
# The two-hour drill takes two seconds at this speed: time enough to kill
# it anywhere.
speed=3600

# rows DB: every action of the store's only exercise, as a user reads it.
rows() {
	sqlite3 "$1" "SELECT a.seq, t.name, a.sim_us, a.command, a.result FROM actions a
		JOIN teams t ON t.id = a.team ORDER BY a.seq"
}
count() { n=$(sqlite3 "$1" "$2" 2>/dev/null); echo "${n:-0}"; }

# wait_for DB SQL N PID: until the query gives at least N or the run ends.
wait_for() {
	while [ "$(count "$1" "$2")" -lt "$3" ] && kill -0 "$4" 2>/dev/null; do sleep 0.01; done
}

# start DB [OPTIONS]: the scripted drill in the background, its pid in $pid.
start() {
	db=$1
	shift
	"$IRDRILL" run --headless --db "$db" --network $net --mode $mode --teams $teams --actions $acts "$@" $scn \
		>"$TMP/killed.out" 2>"$TMP/killed.err" &
	pid=$!
}

kill_it() {
	kill -9 "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# Shared, the district team owns its district and soc the rest, so soc's
# isolation of a commune PC is refused: the zones come back on resume.
for mode in shared parallel; do
teams=soc,d1
[ $mode = shared ] && teams=soc,d1=d1
rm -f "$TMP"/*.db "$TMP"/*.db-wal "$TMP"/*.db-shm
run_cmd run --headless --db "$TMP/ref.db" --network $net --mode $mode --teams $teams --actions $acts $scn
expect_status "$mode-reference-run-exit-0" 0
cp "$TMP/stdout" "$TMP/ref.out"
rows "$TMP/ref.db" >"$TMP/ref.rows"
if [ "$(wc -l <"$TMP/ref.rows")" -eq "$nacts" ]; then ok "$mode-reference-run-stores-every-action"; else
	not_ok "$mode-reference-run-stores-every-action" "$(cat "$TMP/ref.rows")"; fi
if [ "$(sqlite3 "$TMP/ref.db" "SELECT mode FROM exercises")" = $mode ]; then ok "$mode-reference-run-stores-mode"; else
	not_ok "$mode-reference-run-stores-mode" "$(sqlite3 "$TMP/ref.db" "SELECT mode FROM exercises")"; fi
expect_line "$mode-reference-run-stores-refusal" "$TMP/ref.rows" "^2\|soc\|480000000\|ack A-0001\|no alert A-0001: 0 raised so far$"
expect_line "$mode-reference-run-stores-report" "$TMP/ref.rows" \
	"^12\|soc\|3000000000\|report to coordinator systems=portal level=2 .*indicators=198.51.100.9,x.example.net\|ok$"
if [ $mode = shared ]; then
	expect_line "$mode-reference-run-stores-zone-refusal" "$TMP/ref.rows" \
		"^1[01]\|soc\|2700000000\|isolate c1-pc-01\|c1-pc-01 is in zone d1-c1, not one of team soc's zones"
fi

# check_resumed NAME DB: resume the killed exercise flat out and compare.
check_resumed() {
	name=$mode-$1
	id=$(sqlite3 "$2" "SELECT id FROM exercises")
	if [ "$(count "$2" "SELECT count(*) FROM exercises WHERE status = 'finished'")" = 1 ]; then
		# The drill ended before the kill landed: nothing to resume, and
		# it must say so.
		run_cmd resume --headless --db "$2" "$id"
		expect_line "$name-finished-refuses-resume" "$TMP/stderr" "has finished .*nothing to resume"
		if cmp -s "$TMP/ref.out" "$TMP/killed.out"; then ok "$name-same-timeline"; else
			not_ok "$name-same-timeline" "$(diff "$TMP/ref.out" "$TMP/killed.out" | head -5)"; fi
	else
		run_cmd resume --headless --speed max --db "$2" "$(echo "$id" | cut -c1-8)"
		expect_status "$name-resume-exit-0" 0
		if cmp -s "$TMP/ref.out" "$TMP/stdout"; then ok "$name-same-timeline"; else
			not_ok "$name-same-timeline" "$(diff "$TMP/ref.out" "$TMP/stdout" | head -5)"; fi
	fi
	rows "$2" >"$TMP/rows"
	if cmp -s "$TMP/ref.rows" "$TMP/rows"; then ok "$name-every-action-once"; else
		not_ok "$name-every-action-once" "$(diff "$TMP/ref.rows" "$TMP/rows" | head -5)"; fi
	if [ "$(count "$2" "SELECT count(*) FROM exercises WHERE status = 'finished' AND ended IS NOT NULL")" = 1 ]; then
		ok "$name-finished"
	else not_ok "$name-finished" "$(sqlite3 "$2" "SELECT status, ended FROM exercises")"; fi
}

# Killed once k actions are committed, for every k.
k=0
while [ $k -le "$nacts" ]; do
	start "$TMP/k$k.db" --speed $speed
	wait_for "$TMP/k$k.db" "SELECT count(*) FROM exercises" 1 $pid
	wait_for "$TMP/k$k.db" "SELECT count(*) FROM actions" $k $pid
	kill_it $pid
	check_resumed "kill-after-$k-actions" "$TMP/k$k.db"
	k=$((k + 1))
done

# Killed at wall-clock moments, wherever the drill happens to be: between
# events, inside a commit.
for at in 0.3 0.7 1.1 1.5 1.9; do
	start "$TMP/t$at.db" --speed $speed
	wait_for "$TMP/t$at.db" "SELECT count(*) FROM exercises" 1 $pid
	sleep $at
	kill_it $pid
	check_resumed "kill-at-${at}s" "$TMP/t$at.db"
done

# A resumed drill killed in turn resumes again.
start "$TMP/twice.db" --speed $speed
wait_for "$TMP/twice.db" "SELECT count(*) FROM actions" 3 $pid
kill_it $pid
id=$(sqlite3 "$TMP/twice.db" "SELECT id FROM exercises")
"$IRDRILL" resume --headless --db "$TMP/twice.db" "$id" >/dev/null 2>&1 &
pid=$!
wait_for "$TMP/twice.db" "SELECT count(*) FROM actions" 7 $pid
kill_it $pid
check_resumed "kill-resume-kill" "$TMP/twice.db"

# A store that cannot record an action halts the drill before it: the
# action is not taken, and the exercise resumes once the store is free.
start "$TMP/locked.db" --speed $speed
wait_for "$TMP/locked.db" "SELECT count(*) FROM actions" 14 $pid
(echo "BEGIN IMMEDIATE;"; echo "SELECT 'locked';"; sleep 5; echo "COMMIT;") | sqlite3 "$TMP/locked.db" >"$TMP/lock.out" &
locker=$!
while ! grep -q locked "$TMP/lock.out" && kill -0 $locker 2>/dev/null; do sleep 0.01; done
wait $pid
STATUS=$?
expect_status "$mode-locked-store-halts-exit-1" 1
expect_line "$mode-locked-store-says-so" "$TMP/killed.err" "locked.db: the store is locked by another program .* while recording a team action"
wait $locker
if [ "$(count "$TMP/locked.db" "SELECT count(*) FROM actions")" = 14 ] &&
	[ "$(count "$TMP/locked.db" "SELECT count(*) FROM exercises WHERE status = 'running'")" = 1 ]; then
	ok "$mode-locked-store-action-not-taken"
else not_ok "$mode-locked-store-action-not-taken"; fi
check_resumed "locked-store-resumed" "$TMP/locked.db"

# Scores are computed again as the drill re-simulates: those recorded
# before the kill go, and the store ends with the reference run's rows.
start "$TMP/scores.db" --speed $speed
wait_for "$TMP/scores.db" "SELECT count(*) FROM actions" 2 $pid
kill_it $pid
id=$(sqlite3 "$TMP/scores.db" "SELECT id FROM exercises")
sqlite3 "$TMP/scores.db" "INSERT INTO scores (exercise, team, sim_us, component, points, reason)
	SELECT exercise, id, 0, 'containment', 10, 'before the kill' FROM teams;
	INSERT INTO expectations SELECT exercise, id, 'detect', 'met', 0 FROM teams"
run_cmd resume --headless --speed max --db "$TMP/scores.db" "$id"
scores() {
	sqlite3 "$1" "SELECT t.name, s.sim_us, s.component, s.points, s.reason, s.expectation FROM scores s
		JOIN teams t ON t.id = s.team ORDER BY t.position, s.sim_us, s.id"
}
scores "$TMP/ref.db" >"$TMP/ref.scores"
scores "$TMP/scores.db" >"$TMP/scores"
if [ -s "$TMP/ref.scores" ] && cmp -s "$TMP/ref.scores" "$TMP/scores" &&
	[ "$(count "$TMP/scores.db" "SELECT count(*) FROM scores WHERE reason = 'before the kill'")" = 0 ]; then
	ok "$mode-resume-recomputes-scores"
else not_ok "$mode-resume-recomputes-scores" "$(diff "$TMP/ref.scores" "$TMP/scores" | head -5)"; fi
done

# Refusals, each leaving the store as it was.
cp $scn "$TMP/small.lua"
cp $acts "$TMP/acts.txt"
"$IRDRILL" run --headless --db "$TMP/edit.db" --network $net --teams soc,d1 --actions "$TMP/acts.txt" \
	--speed $speed "$TMP/small.lua" >/dev/null 2>&1 &
pid=$!
wait_for "$TMP/edit.db" "SELECT count(*) FROM actions" 2 $pid
kill_it $pid
id=$(sqlite3 "$TMP/edit.db" "SELECT id FROM exercises")
sqlite3 "$TMP/edit.db" "SELECT * FROM actions" >"$TMP/edit.before"
echo "-- edited" >>"$TMP/small.lua"
run_cmd resume --headless --db "$TMP/edit.db" "$id"
expect_status "changed-scenario-exit-1" 1
expect_line "changed-scenario-says-so" "$TMP/stderr" \
	"^irdrill: exercise $id: its scenario $TMP/small.lua has changed since the drill began \(SHA-256 [0-9a-f]{12}…, recorded [0-9a-f]{12}…\); put the original back to resume$"
cp $scn "$TMP/small.lua"
echo "T+01:55 soc isolate portal" >>"$TMP/acts.txt"
run_cmd resume --headless --db "$TMP/edit.db" "$id"
expect_line "changed-actions-says-so" "$TMP/stderr" "its actions file $TMP/acts.txt has changed since the drill began"
cp $acts "$TMP/acts.txt"
mv "$TMP/small.lua" "$TMP/gone.lua"
run_cmd resume --headless --db "$TMP/edit.db" "$id"
expect_line "missing-scenario-says-so" "$TMP/stderr" "cannot read its scenario $TMP/small.lua: No such file"
sqlite3 "$TMP/edit.db" "SELECT * FROM actions" >"$TMP/edit.after"
if cmp -s "$TMP/edit.before" "$TMP/edit.after" &&
	[ "$(count "$TMP/edit.db" "SELECT count(*) FROM exercises WHERE status = 'running'")" = 1 ]; then
	ok "refused-resume-changes-nothing"
else not_ok "refused-resume-changes-nothing"; fi
mv "$TMP/gone.lua" "$TMP/small.lua"
run_cmd resume --headless --speed max --db "$TMP/edit.db" "$id"
expect_status "original-files-back-resume-exit-0" 0

run_cmd resume --headless --db "$TMP/edit.db" "$id"
expect_status "finished-exit-1" 1
expect_line "finished-says-so" "$TMP/stderr" "^irdrill: exercise $id has finished \(.*\); there is nothing to resume$"
run_cmd resume --headless --db "$TMP/edit.db" 0000
expect_status "unknown-id-exit-1" 1
expect_line "unknown-id-says-so" "$TMP/stderr" "edit.db: no exercise '0000' in the store$"
run_cmd resume --headless --db "$TMP/edit.db" "not-an-id"
expect_line "bad-id-says-so" "$TMP/stderr" "'not-an-id' is not an exercise id"
run_cmd resume --headless --db "$TMP/nothing.db" "$id"
expect_status "missing-store-exit-1" 1
expect_line "missing-store-says-so" "$TMP/stderr" "nothing.db: no such store"
if [ -e "$TMP/nothing.db" ]; then not_ok "missing-store-not-created"; else ok "missing-store-not-created"; fi
run_cmd resume --db "$TMP/edit.db" "$id"
expect_status "resume-without-headless-exit-2" 2
run_cmd resume --headless --db "$TMP/edit.db"
expect_status "resume-without-id-exit-2" 2
run_cmd resume --headless --speed fast --db "$TMP/edit.db" "$id"
expect_status "resume-bad-speed-exit-2" 2
