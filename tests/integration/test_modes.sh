# Teams and worlds: two teams in parallel each defend their own copy of
# the province against the same attack, with their own actions, files,
# replay and scores; in a shared province a team acting outside its
# zones is refused in plain words and nothing changes; a bad --teams or
# --mode names the problem before anything runs.
. "$(dirname "$0")/lib.sh"

net=tests/data/net-small.lua
scn=tests/data/scenarios/small.lua
acts=tests/data/actions

# world FILE TEAM: the lines of one team's world in a parallel run's output.
world() {
	awk -v team="$2" '/^== team / { on = ($3 == team ",") } on' "$1"
}

# --- parallel: same attack, different actions, different scores -----------
db=$TMP/par.db
run_cmd run --headless --background 0 --db "$db" --network $net --teams soc,d1 \
	--actions $acts/modes-parallel.txt --out "$TMP/out" --replay "$TMP/drill.irr" $scn
expect_status "parallel-exit-0" 0
cp "$TMP/stdout" "$TMP/par.out"
world "$TMP/par.out" soc >"$TMP/soc.world"
world "$TMP/par.out" d1 >"$TMP/d1.world"
if [ -s "$TMP/soc.world" ] && [ -s "$TMP/d1.world" ]; then ok "parallel-prints-each-world"; else
	not_ok "parallel-prints-each-world" "$(head -5 "$TMP/par.out")"; fi
# The attacker's steps, objectives and time line up world for world.
grep -E '^T\+[0-9:]+ .* crew ' "$TMP/soc.world" >"$TMP/soc.attack"
grep -E '^T\+[0-9:]+ .* crew ' "$TMP/d1.world" >"$TMP/d1.attack"
if [ -s "$TMP/soc.attack" ] && cmp -s "$TMP/soc.attack" "$TMP/d1.attack"; then ok "parallel-same-attack-timeline"; else
	not_ok "parallel-same-attack-timeline" "$(diff "$TMP/soc.attack" "$TMP/d1.attack" | head -5)"; fi
# Each world holds only its own team's actions.
expect_line "parallel-soc-world-has-its-ack" "$TMP/soc.world" ' soc +ack A-0001 '
expect_no_line "parallel-soc-world-lacks-d1" "$TMP/soc.world" ' d1 +isolate '
expect_line "parallel-d1-world-has-its-isolate" "$TMP/d1.world" ' d1 +isolate c1-pc-01 '
expect_no_line "parallel-d1-world-lacks-soc" "$TMP/d1.world" ' soc +(ack|classify) '
# Per-team scores, side by side at the end, and different.
expect_line "parallel-soc-score" "$TMP/soc.world" '^  team soc: -20 points$'
expect_line "parallel-soc-detect" "$TMP/soc.world" '^    T\+00:12:00 +\+10  detect +detected exploit on portal'
expect_line "parallel-d1-score" "$TMP/d1.world" '^  team d1: -40 points$'
expect_line "parallel-d1-false-positive" "$TMP/d1.world" 'false-positive isolated c1-pc-01, which the attacker never touched'
expect_line "parallel-side-by-side-heading" "$TMP/par.out" '^scores side by side \(parallel'
expect_line "parallel-side-by-side-teams" "$TMP/par.out" '^  component +soc +d1$'
expect_line "parallel-side-by-side-totals" "$TMP/par.out" '^  total +-20 +-40$'
# Sensor files and replays per team; the same attack wrote the same files.
same=1
for f in $(cd "$TMP/out/soc" 2>/dev/null && find . -type f); do
	cmp -s "$TMP/out/soc/$f" "$TMP/out/d1/$f" || same=0
done
if [ -s "$TMP/out/soc/ids-dc/eve.json" ] && [ -s "$TMP/out/d1/ids-dc/eve.json" ] && [ $same = 1 ]; then
	ok "parallel-out-per-team"
else not_ok "parallel-out-per-team" "$(ls -R "$TMP/out" | head -8)"; fi
if [ -s "$TMP/drill-soc.irr" ] && [ -s "$TMP/drill-d1.irr" ] && [ ! -e "$TMP/drill.irr" ]; then
	ok "parallel-replay-per-team"
else not_ok "parallel-replay-per-team" "$(ls "$TMP")"; fi
run_cmd export "$TMP/drill-d1.irr" --out "$TMP/export-d1"
expect_status "parallel-replay-exports" 0
if diff -r "$TMP/out/d1" "$TMP/export-d1" >/dev/null; then ok "parallel-replay-renders-its-world"; else
	not_ok "parallel-replay-renders-its-world" "$(diff -r "$TMP/out/d1" "$TMP/export-d1" | head -5)"; fi
# The store: the mode, both teams, each team's rows.
if [ "$(sqlite3 "$db" "SELECT mode FROM exercises")" = parallel ]; then ok "parallel-store-mode"; else
	not_ok "parallel-store-mode" "$(sqlite3 "$db" "SELECT mode FROM exercises")"; fi
run_cmd scores --db "$db"
expect_line "parallel-scores-soc" "$TMP/stdout" '^soc +-20 '
expect_line "parallel-scores-d1" "$TMP/stdout" '^d1 +-40 '

# One team in parallel mode is a plain drill: no headings, its --out as given.
grep -v ' d1 ' $acts/modes-parallel.txt >"$TMP/soc-only.txt"
run_cmd run --headless --background 0 --network $net --actions "$TMP/soc-only.txt" --teams soc \
	--out "$TMP/one" $scn
expect_status "parallel-one-team-exit-0" 0
expect_no_line "parallel-one-team-no-heading" "$TMP/stdout" '^== team |side by side'
if [ -s "$TMP/one/ids-dc/eve.json" ]; then ok "parallel-one-team-out-as-given"; else
	not_ok "parallel-one-team-out-as-given"; fi

# --- shared: a team acts only inside its zones ------------------------------
db=$TMP/shared.db
run_cmd run --headless --background 0 --db "$db" --network $net --mode shared --teams dc=dc,d1=d1 \
	--actions $acts/modes-shared.txt $scn
expect_status "shared-exit-0" 0
expect_line "shared-refusal-says-why" "$TMP/stdout" \
	' dc +isolate c1-pc-01 +c1-pc-01 +refused: c1-pc-01 is in zone d1-c1, not one of team dc.s zones \(dc\)$'
# No side effect: the scenario never hears of an isolation of c1-pc-01,
# and nothing scores it; the district's own isolation goes through.
expect_no_line "shared-refused-changes-nothing" "$TMP/stdout" 'isolated c1-pc-01'
expect_line "shared-own-zone-taken" "$TMP/stdout" 'message: cô lập d1-pc-01 \| isolated d1-pc-01'
expect_no_line "shared-one-province" "$TMP/stdout" '^== team |side by side'
if [ "$(sqlite3 "$db" "SELECT result FROM actions ORDER BY seq LIMIT 1")" = \
	"c1-pc-01 is in zone d1-c1, not one of team dc's zones (dc)" ]; then ok "shared-store-keeps-refusal"; else
	not_ok "shared-store-keeps-refusal" "$(sqlite3 "$db" "SELECT result FROM actions")"; fi
if [ "$(sqlite3 "$db" "SELECT mode FROM exercises; SELECT name || '=' || zones FROM teams ORDER BY position" |
	tr '\n' ' ')" = "shared dc=dc d1=d1 " ]; then ok "shared-store-mode-and-zones"; else
	not_ok "shared-store-mode-and-zones" "$(sqlite3 "$db" "SELECT mode FROM exercises; SELECT * FROM teams")"; fi

# --- shared: a team triages only the alerts of sensors it sees --------------
db=$TMP/triage.db
run_cmd run --headless --background 0 --db "$db" --network $net --mode shared --teams soc,d1=d1 \
	--actions $acts/modes-shared-triage.txt $scn
expect_status "triage-exit-0" 0
expect_line "triage-ack-refused-says-why" "$TMP/stdout" \
	' d1 +ack A-0001 +A-0001 +refused: A-0001 was raised by fw-p, a sensor team d1 does not see$'
expect_line "triage-classify-refused-says-why" "$TMP/stdout" \
	' d1 +classify A-0001 true-positive +A-0001 +refused: A-0001 was raised by fw-p, a sensor team d1 does not see$'
# The SOC, which sees the province's firewall, classifies it and scores
# the detection; the district scores none.
expect_line "triage-soc-detects" "$TMP/stdout" '\+10 +detect +detected exploit on portal \(A-0001\)'
if [ "$(sqlite3 "$db" "SELECT count(*) FROM actions WHERE result = 'A-0001 was raised by fw-p, a sensor team d1 does not see'")" = 2 ]; then
	ok "triage-store-keeps-refusals"; else
	not_ok "triage-store-keeps-refusals" "$(sqlite3 "$db" "SELECT result FROM actions")"; fi
if [ "$(sqlite3 "$db" "SELECT t.name FROM scores s JOIN teams t ON t.id = s.team WHERE s.component = 'detect'")" = soc ]; then
	ok "triage-no-detect-for-d1"; else
	not_ok "triage-no-detect-for-d1" "$(sqlite3 "$db" "SELECT * FROM scores")"; fi

# --- bad --teams and --mode name the problem, and nothing runs --------------
check_bad() {
	name=$1 want=$2
	shift 2
	run_cmd run --headless --db "$TMP/never.db" --network $net "$@" $scn
	expect_status "$name-exit-2" 2
	expect_line "$name-says-so" "$TMP/stderr" "$want"
}
check_bad "unknown-zone" "team 'd1': no zone 'd9' in network test-small" --mode shared --teams dc=dc,d1=d9
check_bad "empty-name" "--teams 'a,,b': a team has an empty name" --teams a,,b
check_bad "empty-zones" "--teams 'a=': team 'a' has '=' but no zones" --teams a=
check_bad "zone-twice" "team 'a' names zone 'dc' twice" --teams a=dc+dc
check_bad "bad-mode" "--mode 'both' is not parallel or shared" --mode both
check_bad "parallel-syslog" "--syslog forwards one province" --teams a,b --syslog udp://127.0.0.1:5514
if [ -e "$TMP/never.db" ]; then not_ok "bad-options-create-no-store"; else ok "bad-options-create-no-store"; fi
run_cmd run --network $net --teams a,b $scn </dev/null
expect_status "parallel-console-refused-exit-2" 2
expect_line "parallel-console-refused-says-so" "$TMP/stderr" "the live console plays one province; with several teams use --mode shared"
