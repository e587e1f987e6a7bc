# The exercise store as a user sees it: `run` records the exercise, its
# teams and every action (read back with the sqlite3 tool), --teams and
# --db are checked, and bad stores are refused without being touched.
. "$(dirname "$0")/lib.sh"

apt=scenarios/apt-mustang-panda.lua
acts=tests/data/actions/apt-isolate-and-block-sender.txt
db=$TMP/drill.db

# q SQL: one query on the test store, rows as "a|b|c".
q() { sqlite3 "$db" "$1"; }

run_cmd run --headless --db "$db" --mode shared --teams soc,team-tdm --background 0 --actions $acts $apt
expect_status "run-db-exit-0" 0
id=$(q "SELECT id FROM exercises")
expect_line "run-db-names-exercise" "$TMP/stderr" "^irdrill: exercise $id in $db "
if [ "$(q "SELECT status, mode, seed, speed, background FROM exercises")" = "finished|shared|20231108|0|0.0" ]; then
	ok "run-db-exercise-row"
else not_ok "run-db-exercise-row" "$(q "SELECT * FROM exercises")"; fi
if [ "$(q "SELECT scenario_path, scenario_sha256, network_sha256, actions_sha256 FROM exercises")" = \
	"$PWD/$apt|$(sha256sum <$apt | cut -d' ' -f1)|$(sha256sum <scenarios/networks/default.lua | cut -d' ' -f1)|$(sha256sum <$acts | cut -d' ' -f1)" ]; then
	ok "run-db-fingerprints-files"
else not_ok "run-db-fingerprints-files" "$(q "SELECT scenario_path, scenario_sha256, network_sha256 FROM exercises")"; fi
if [ "$(q "SELECT group_concat(name, ',') FROM (SELECT name FROM teams ORDER BY position)")" = "soc,team-tdm" ]; then
	ok "run-db-teams-in-order"
else not_ok "run-db-teams-in-order" "$(q "SELECT * FROM teams")"; fi
q "SELECT a.seq, t.name, a.sim_us, a.command, a.result FROM actions a JOIN teams t ON t.id = a.team ORDER BY a.seq" \
	>"$TMP/actions"
printf '%s\n' "1|team-tdm|3000000000|isolate tdm-pc-02|ok" \
	"2|soc|3600000000|block domain vpcp-gov.example.net at everywhere|ok" >"$TMP/want"
if cmp -s "$TMP/actions" "$TMP/want"; then ok "run-db-actions-in-order"; else
	not_ok "run-db-actions-in-order" "$(cat "$TMP/actions")"; fi
if [ "$(q "SELECT count(DISTINCT id) = count(*) AND length(min(id)) = 36 FROM
	(SELECT id FROM exercises UNION ALL SELECT id FROM teams UNION ALL SELECT id FROM actions)")" = 1 ]; then
	ok "run-db-uuids"
else not_ok "run-db-uuids"; fi

# The timeline does not depend on the store.
cp "$TMP/stdout" "$TMP/first"
run_cmd run --headless --db "$TMP/other.db" --mode shared --teams soc,team-tdm --background 0 --actions $acts $apt
if cmp -s "$TMP/first" "$TMP/stdout"; then ok "run-db-same-timeline"; else
	not_ok "run-db-same-timeline" "$(diff "$TMP/first" "$TMP/stdout" | head -5)"; fi
run_cmd run --headless --db "$db" --background 0 $apt
expect_status "run-db-second-exercise" 0
if [ "$(q "SELECT count(*) FROM exercises")" = 2 ] && [ "$(q "SELECT count(*) FROM actions")" = 2 ]; then
	ok "run-db-appends-exercises"
else not_ok "run-db-appends-exercises" "$(q "SELECT id, status FROM exercises")"; fi

# Without --db: $IRDRILL_DB, else irdrill.db in the current folder.
mkdir "$TMP/here"
(cd "$TMP/here" && env -u IRDRILL_DB "$IRDRILL" run --headless --background 0 >/dev/null 2>&1)
if [ "$(sqlite3 "$TMP/here/irdrill.db" "SELECT count(*) FROM exercises" 2>&1)" = 1 ]; then
	ok "run-default-db-in-current-folder"
else not_ok "run-default-db-in-current-folder" "$(ls "$TMP/here")"; fi
IRDRILL_DB=$TMP/env.db run_cmd run --headless --background 0
if [ "$(sqlite3 "$TMP/env.db" "SELECT count(*) FROM exercises" 2>&1)" = 1 ]; then
	ok "run-db-from-environment"
else not_ok "run-db-from-environment"; fi

# --teams: checked before anything runs; an actions file's teams must be
# among them.
for bad in "a,,b" "a,a" "a b" ",a" "$(printf 'x%.0s' $(seq 40))"; do
	run_cmd run --headless --db "$TMP/never.db" --teams "$bad" $apt
	expect_status "run-teams-refused-'$bad'" 2
done
expect_line "run-teams-too-long-says-so" "$TMP/stderr" "is longer than 31 bytes"
run_cmd run --headless --db "$TMP/never.db" --actions $acts $apt
expect_status "run-team-not-listed-exit-1" 1
expect_line "run-team-not-listed-names-line" "$TMP/stderr" \
	"^$acts:3: team 'team-tdm' is not one of the drill's teams \(soc\); name every team with --teams$"
if [ -e "$TMP/never.db" ]; then not_ok "run-refused-creates-no-store"; else ok "run-refused-creates-no-store"; fi
run_cmd run --headless --db "" $apt
expect_status "run-empty-db-exit-2" 2
run_cmd check --db "$db" $apt
expect_status "check-takes-no-db" 2

# Files that are not a store, or a newer one, are refused as they are.
printf 'just some notes, not a database at all\n' >"$TMP/notes.txt"
cp "$TMP/notes.txt" "$TMP/notes.orig"
run_cmd run --headless --db "$TMP/notes.txt" --background 0 $apt
expect_status "run-not-a-store-exit-1" 1
expect_line "run-not-a-store-says-so" "$TMP/stderr" "^irdrill: $TMP/notes.txt: not an irdrill store \(the file is not an SQLite database\)$"
if cmp -s "$TMP/notes.txt" "$TMP/notes.orig"; then ok "run-not-a-store-untouched"; else not_ok "run-not-a-store-untouched"; fi
sqlite3 "$TMP/other-app.db" "CREATE TABLE mail (id INTEGER)"
run_cmd run --headless --db "$TMP/other-app.db" --background 0 $apt
expect_line "run-other-sqlite-says-so" "$TMP/stderr" "not an irdrill store \(an SQLite database of another program\)"
cp "$db" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" "PRAGMA user_version = 7"
run_cmd run --headless --db "$TMP/newer.db" --background 0 $apt
expect_status "run-newer-store-exit-1" 1
expect_line "run-newer-store-says-so" "$TMP/stderr" "schema version 7, newer than this irdrill's \(3\); use a newer irdrill"
if [ "$(sqlite3 "$TMP/newer.db" "SELECT count(*) FROM exercises")" = 2 ]; then ok "run-newer-store-untouched"; else
	not_ok "run-newer-store-untouched"; fi

# scores: each team's total, then the reasons, as the first run scored
# and recorded them (its output is in $TMP/first), in time order.
first=$(q "SELECT id FROM exercises ORDER BY created LIMIT 1")
run_cmd scores --db "$db" "$(echo "$first" | cut -c1-6)"
expect_status "scores-exit-0" 0
expect_line "scores-names-exercise" "$TMP/stdout" "^exercise $first  finished$"
expect_line "scores-run-printed-soc" "$TMP/first" "^  team soc: 130 points$"
expect_line "scores-soc-total" "$TMP/stdout" "^soc +130 +7$"
expect_line "scores-run-printed-tdm" "$TMP/first" "^  team team-tdm: 190 points$"
expect_line "scores-tdm-total" "$TMP/stdout" "^team-tdm +190 +8$"
expect_line "scores-reason-with-expectation" "$TMP/stdout" \
	"^  T\+00:50:00 +\+40  expectation +isolated tdm-pc-02, 30 min after it was taken, and the objective never fell \[contain-foothold\]$"
sed -n '/^team-tdm$/,/^$/p' "$TMP/stdout" | sed -n 's/^  \(T+[0-9:]*\) .*/\1/p' >"$TMP/tdm-times"
if [ "$(wc -l <"$TMP/tdm-times")" = 8 ] && LC_ALL=C sort -c "$TMP/tdm-times" 2>/dev/null; then
	ok "scores-reasons-in-time-order"
else not_ok "scores-reasons-in-time-order" "$(cat "$TMP/tdm-times")"; fi
# Each expectation's status follows its points: met or missed.
if [ "$(q "SELECT group_concat(x, ' ') FROM (SELECT t.name || ':' || e.id || '=' || e.status AS x
	FROM expectations e JOIN teams t ON t.id = e.team
	WHERE e.exercise = '$first' AND e.id IN ('contain-foothold', 'keep-qlvb-up') ORDER BY t.position, e.id)")" = \
	"soc:contain-foothold=missed soc:keep-qlvb-up=met team-tdm:contain-foothold=met team-tdm:keep-qlvb-up=met" ]; then
	ok "scores-expectation-status"
else not_ok "scores-expectation-status" "$(q "SELECT * FROM expectations WHERE exercise = '$first'")"; fi
run_cmd scores --db "$db"
expect_status "scores-latest-exit-0" 0
expect_no_line "scores-latest-is-latest" "$TMP/stdout" "^exercise $first"
run_cmd scores --db "$db" ffffffff-ffff
expect_status "scores-unknown-exit-1" 1
expect_line "scores-unknown-says-so" "$TMP/stderr" "no exercise 'ffffffff-ffff' in the store$"
run_cmd scores --db "$TMP/none.db"
expect_status "scores-no-store-exit-1" 1
expect_line "scores-no-store-says-so" "$TMP/stderr" "none.db: no such store"
run_cmd scores --db "$TMP/notes.txt"
expect_line "scores-not-a-store-says-so" "$TMP/stderr" "notes.txt: not an irdrill store"
run_cmd scores --speed 2 --db "$db"
expect_status "scores-no-speed-exit-2" 2
run_cmd scores --db "$db" a b
expect_status "scores-one-id-exit-2" 2
