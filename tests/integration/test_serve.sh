#!/bin/sh
# irdrill serve with headless consoles on its Unix socket: the socket's
# mode, join tokens printed once and stored only as hashes, consoles that
# act as their own team, and everything a console must not get away with
# (a wrong, forged or earlier exercise's token, an action for another
# team, a white-cell control from a team, broken frames) refused and
# logged while the server goes on serving the others.  Every action a
# console was told was taken is in the exercise store.
. "$(dirname "$0")/lib.sh"

PROTO_CLIENT=${PROTO_CLIENT:-$(dirname "$IRDRILL")/tools/proto_client}
if [ ! -x "$PROTO_CLIENT" ]; then
	not_ok "proto-client-built" "$PROTO_CLIENT is missing: build it with make"
	exit 1
fi
DB=$TMP/serve.db
RUN=$TMP/run
SOCK=$RUN/irdrill.sock
mkdir -p "$RUN"
SERVE_PID=
SOC_PID=
trap 'exec 3>&- 2>/dev/null; [ -n "$SOC_PID" ] && kill "$SOC_PID" 2>/dev/null;
      [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null; wait; rm -rf "$TMP"' EXIT

# wait_for FILE REGEX [SECONDS]: poll until a line of FILE matches.
wait_for() {
	i=0
	while [ "$i" -lt $((${3:-30} * 10)) ]; do
		grep -Eq -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

token_of() {
	awk -v r="$2" '$1 == r { print $2 }' "$1"
}

# console TEAM TOKEN COMMANDS...: a headless console that types the
# commands, waits for their answers and leaves; output in $TMP/stdout.
console() {
	team=$1
	tok=$2
	shift 2
	printf '%s\n' "$@" >"$TMP/commands"
	IRDRILL_TOKEN=$tok timeout 60 "$IRDRILL" console --connect "$SOCK" --team "$team" --headless \
		<"$TMP/commands" >"$TMP/stdout" 2>"$TMP/stderr"
	STATUS=$?
}

# --- an earlier exercise in the same store: its tokens are not this one's
"$IRDRILL" serve --db "$DB" --socket "$RUN/old.sock" --teams hoa-binh --speed 1 \
	>"$TMP/old.out" 2>"$TMP/old.log" &
OLD_PID=$!
wait_for "$TMP/old.out" '^serving on ' || not_ok "old-serve-started" "$(cat "$TMP/old.log")"
OLD_TOKEN=$(token_of "$TMP/old.out" hoa-binh)
kill "$OLD_PID"
wait "$OLD_PID"

# --- the drill
"$IRDRILL" serve --db "$DB" --socket "$SOCK" --teams hoa-binh,lac-son,soc --speed 10 \
	>"$TMP/serve.out" 2>"$TMP/serve.log" &
SERVE_PID=$!
if wait_for "$TMP/serve.out" '^serving on '; then ok "serve-starts"; else
	not_ok "serve-starts" "$(cat "$TMP/serve.log")"
	exit 1
fi
LOG=$TMP/serve.log
EXERCISE=$(sed -n 's/.*exercise \([0-9a-f-]*\) in .*/\1/p' "$LOG" | head -1)
W=$(token_of "$TMP/serve.out" white-cell)
HB=$(token_of "$TMP/serve.out" hoa-binh)
LS=$(token_of "$TMP/serve.out" lac-son)
SOC=$(token_of "$TMP/serve.out" soc)

mode=$(stat -c %a "$SOCK" 2>/dev/null)
if [ -S "$SOCK" ] && [ "$mode" = 660 ]; then ok "socket-mode-0660"; else
	not_ok "socket-mode-0660" "mode '$mode' ($(ls -l "$SOCK" 2>&1))"
fi

ntok=$(grep -cE '^  [a-z-]+ +[0-9a-f]{32}$' "$TMP/serve.out")
if [ "$ntok" -eq 4 ] && [ "$(printf '%s\n' "$W" "$HB" "$LS" "$SOC" | sort -u | wc -l)" -eq 4 ]; then
	ok "four-distinct-tokens-printed"
else
	not_ok "four-distinct-tokens-printed" "$(cat "$TMP/serve.out")"
fi
if grep -q "$HB" "$LOG"; then not_ok "tokens-not-in-log" "the log holds a token"; else ok "tokens-not-in-log"; fi

# Only the hashes are in the store, and they are the tokens' SHA-256.
stored=$(sqlite3 "$DB" "SELECT role || ' ' || sha256 FROM tokens WHERE exercise = '$EXERCISE' ORDER BY role")
want=$(for r in hoa-binh lac-son soc white-cell; do
	printf '%s %s\n' "$r" "$(printf '%s' "$(token_of "$TMP/serve.out" "$r")" | sha256sum | cut -d' ' -f1)"
done)
if [ -n "$stored" ] && [ "$stored" = "$want" ]; then ok "store-holds-token-hashes"; else
	not_ok "store-holds-token-hashes" "stored: $stored" "want: $want"
fi
found=0
for f in "$DB" "$DB-wal"; do
	[ -f "$f" ] && grep -aq -e "$HB" -e "$W" "$f" && found=1
done
if [ "$found" -eq 0 ]; then ok "store-never-holds-a-token"; else not_ok "store-never-holds-a-token"; fi

# --- a console of the provincial SOC that stays on while the rest happens
mkfifo "$TMP/soc.in"
IRDRILL_TOKEN=$SOC "$IRDRILL" console --connect "$SOCK" --team soc --headless \
	<"$TMP/soc.in" >"$TMP/soc.out" 2>"$TMP/soc.err" &
SOC_PID=$!
exec 3>"$TMP/soc.in"
if wait_for "$TMP/soc.out" '^joined exercise '; then ok "soc-console-joins"; else
	not_ok "soc-console-joins" "$(cat "$TMP/soc.err")"
fi

# --- teams act, each as itself; the token from the environment or a file
console hoa-binh "$HB" "note hoa-binh watching the portal" "isolate no-such-host"
expect_status "team-console-exit" 0
expect_line "team-console-joined" "$TMP/stdout" '^joined exercise [0-9a-f-]+ as hoa-binh at T\+'
expect_line "team-action-ok" "$TMP/stdout" '^ok: note hoa-binh watching the portal$'
expect_line "team-own-action-seen" "$TMP/stdout" '^action [0-9]+ T\+[0-9:]+ hoa-binh note hoa-binh watching the portal: ok$'
expect_line "bad-command-refused" "$TMP/stdout" "^refused: no host 'no-such-host'"

printf '%s\n' "$LS" >"$TMP/ls.token"
chmod 600 "$TMP/ls.token"
printf 'note lac-son from a token file\n' |
	timeout 60 "$IRDRILL" console --connect "$SOCK" --team lac-son --token-file "$TMP/ls.token" --headless \
		>"$TMP/stdout" 2>"$TMP/stderr"
expect_line "token-file-works" "$TMP/stdout" '^ok: note lac-son from a token file$'
expect_no_line "team-sees-only-its-own-actions" "$TMP/stdout" '^action .* hoa-binh '

run_cmd console --connect "$SOCK" --team hoa-binh --headless "$HB"
expect_status "token-on-command-line-refused" 2
expect_line "token-on-command-line-says-why" "$TMP/stderr" 'never given on the command line'
if grep -q "$HB" "$TMP/stderr"; then
	not_ok "refusal-does-not-echo-the-token" "$(cat "$TMP/stderr")"
else ok "refusal-does-not-echo-the-token"; fi
IRDRILL_TOKEN= run_cmd console --connect "$SOCK" --team hoa-binh --headless </dev/null
expect_status "no-token-no-terminal" 1

# --- tokens that must not open the drill
console hoa-binh "0123456789abcdef0123456789abcdef"
expect_status "forged-token-refused" 1
expect_line "forged-token-says-why" "$TMP/stderr" "wrong token for 'hoa-binh'"
console lac-son "$HB"
expect_status "other-teams-token-refused" 1
console hoa-binh "$OLD_TOKEN"
expect_status "earlier-exercises-token-refused" 1
console white-cell "$HB"
expect_status "team-token-not-the-white-cell" 1
console ha-noi "$HB"
expect_status "unknown-team-refused" 1
n=$(grep -c "closed: wrong token for" "$LOG")
if [ "$n" -ge 5 ]; then ok "refused-tokens-logged"; else not_ok "refused-tokens-logged" "$n lines" "$(tail -5 "$LOG")"; fi

# --- a team acting for another, and reaching for the white cell's controls
run_bin "$PROTO_CLIENT" act "$SOCK" hoa-binh "$HB" lac-son "note forged by hoa-binh"
expect_line "forged-action-refused" "$TMP/stdout" "^result refused: team hoa-binh cannot act for team 'lac-son'$"
expect_line "forged-action-logged" "$LOG" "\(local, hoa-binh\): refused: team hoa-binh cannot act for team 'lac-son'"
run_bin "$PROTO_CLIENT" control "$SOCK" lac-son "$LS" "end"
expect_line "team-control-refused" "$TMP/stdout" '^result refused: only the white cell holds the controls$'
expect_line "team-control-logged" "$LOG" "\(local, lac-son\): refused control 'end'"
console hoa-binh "$HB" "pause"
expect_line "team-console-pause-refused" "$TMP/stdout" '^refused: only the white cell holds the controls$'
console white-cell "$W" "note the white cell cannot act for a team"
expect_line "white-cell-cannot-act-as-team" "$TMP/stdout" '^refused: the white cell holds the controls'
console white-cell "$W" "pause" "resume" "speed 20"
expect_line "white-cell-pause" "$TMP/stdout" '^ok: pause$'
expect_line "white-cell-speed" "$TMP/stdout" '^ok: speed 20$'
expect_line "white-cell-sees-every-team" "$TMP/stdout" '^action [0-9]+ .* lac-son note lac-son from a token file: ok$'

# --- the white cell's hint, mark, event and msg go through the server as
# its actions, committed before they are acknowledged; teams are refused
console white-cell "$W" "hint soc look at the mail gateway" "mark soc keep-qlvb-up met qlvb stayed up"
expect_line "white-cell-hint-served" "$TMP/stdout" '^ok: hint soc look at the mail gateway$'
expect_line "white-cell-mark-served" "$TMP/stdout" '^ok: mark soc keep-qlvb-up met'
expect_line "white-cell-hint-is-an-action" "$TMP/stdout" '^action [0-9]+ .* white-cell hint soc look at the mail gateway: ok$'
console hoa-binh "$HB" "hint soc take this" "mark hoa-binh keep-qlvb-up met"
expect_line "team-hint-for-other-refused" "$TMP/stdout" '^refused: only the white cell gives hints to other teams'
n=$(grep -c '^refused: only the white cell gives' "$TMP/stdout")
if [ "$n" -eq 2 ]; then ok "team-mark-refused"; else not_ok "team-mark-refused" "$(cat "$TMP/stdout")"; fi
rows=$(sqlite3 "$DB" "SELECT count(*) FROM actions WHERE result = 'ok' AND
	(command LIKE 'hint soc look at the mail gateway%' OR command LIKE 'mark soc keep-qlvb-up met%')")
if [ "$rows" = 2 ]; then ok "white-cell-actions-stored"; else not_ok "white-cell-actions-stored" "$rows rows"; fi
rows=$(sqlite3 "$DB" "SELECT count(*) FROM actions WHERE command LIKE '%take this%'")
if [ "$rows" = 0 ]; then ok "refused-team-hint-not-stored"; else not_ok "refused-team-hint-not-stored" "$rows rows"; fi

# --- broken input closes that console only
run_bin "$PROTO_CLIENT" raw "$SOCK" 00000003630102
expect_line "unknown-type-closed" "$TMP/stdout" '^error: malformed'
run_bin "$PROTO_CLIENT" raw "$SOCK" 00000000
expect_line "zero-length-closed" "$TMP/stdout" '^error: .*(length|bytes)'
run_bin "$PROTO_CLIENT" raw "$SOCK" "+hoa-binh:$HB:7fffffff"
expect_line "huge-frame-closed" "$TMP/stdout" '^error: a message of 2147483647 bytes'
run_bin "$PROTO_CLIENT" raw "$SOCK" "+hoa-binh:$HB:00010000040000"
expect_line "oversized-frame-closed" "$TMP/stdout" '^error: a message of 65536 bytes \(at most [0-9]+ from a console\)'
# An action before hello; a string longer than its frame; a second hello.
run_bin "$PROTO_CLIENT" raw "$SOCK" 0000000e0400000001000000016100000000
expect_line "action-before-hello-closed" "$TMP/stdout" '^error: .*before hello'
run_bin "$PROTO_CLIENT" raw "$SOCK" "+hoa-binh:$HB:0000000e0400000001000000ff6100000000"
expect_line "string-past-frame-closed" "$TMP/stdout" '^error: malformed'
hello=$(printf '%s' "$HB" | od -An -tx1 | tr -d ' \n')
run_bin "$PROTO_CLIENT" raw "$SOCK" "+hoa-binh:$HB:0000003501000000010000000868$(printf 'oa-binh' | od -An -tx1 | tr -d ' \n')00000020$hello"
expect_line "second-hello-closed" "$TMP/stdout" '^error: a second hello'
# A console that sends half a frame and goes.
run_bin "$PROTO_CLIENT" raw "$SOCK" "+lac-son:$LS:000000400400"
n=$(grep -c 'closed: ' "$LOG")
if [ "$n" -ge 11 ]; then ok "broken-input-logged"; else not_ok "broken-input-logged" "$n closed lines"; fi

# The server and the SOC's console are still there.
echo "note soc still here" >&3
if wait_for "$TMP/soc.out" '^ok: note soc still here$'; then ok "others-still-served"; else
	not_ok "others-still-served" "$(tail -5 "$TMP/soc.out")" "$(tail -5 "$TMP/soc.err")"
fi
if kill -0 "$SERVE_PID" 2>/dev/null; then ok "server-alive-after-abuse"; else not_ok "server-alive-after-abuse"; fi
expect_no_line "soc-never-cut" "$TMP/soc.err" 'connection lost'
expect_line "soc-sees-its-own" "$TMP/soc.out" '^action [0-9]+ .* soc note soc still here: ok$'
expect_no_line "soc-sees-no-other-team" "$TMP/soc.out" '^action [0-9]+ [^ ]+ (hoa-binh|lac-son) '

# --- the end: the white cell ends it, the consoles hear it, serve leaves
console white-cell "$W" "end"
expect_line "white-cell-ends" "$TMP/stdout" '^ok: end$'
exec 3>&-
wait "$SERVE_PID"
SERVE_STATUS=$?
SERVE_PID=
if [ "$SERVE_STATUS" -eq 0 ]; then ok "serve-exits-0"; else not_ok "serve-exits-0" "status $SERVE_STATUS" "$(tail -5 "$LOG")"; fi
wait "$SOC_PID"
SOC_PID=
expect_line "soc-hears-the-end" "$TMP/soc.out" '^(the drill has ended at|left at) T\+'
if [ -e "$SOCK" ]; then not_ok "socket-removed" "$SOCK is left"; else ok "socket-removed"; fi

# --- every action a console was told was taken is in the store, and
# nothing refused to a console is.
rows=$(sqlite3 "$DB" "SELECT t.name || ' ' || a.command || ': ' || a.result FROM actions a
	JOIN teams t ON t.id = a.team WHERE a.exercise = '$EXERCISE' ORDER BY a.seq")
missing=""
for want in "hoa-binh note hoa-binh watching the portal: ok" "lac-son note lac-son from a token file: ok" \
	"soc note soc still here: ok"; do
	printf '%s\n' "$rows" | grep -qxF "$want" || missing="$missing|$want"
done
if [ -z "$missing" ]; then ok "acknowledged-actions-stored"; else not_ok "acknowledged-actions-stored" "missing$missing" "rows: $rows"; fi
if printf '%s\n' "$rows" | grep -q 'forged\|white cell cannot'; then
	not_ok "refused-actions-not-stored" "$rows"
else ok "refused-actions-not-stored"; fi

# The white cell's controls are on the drill's timeline, printed at the end.
expect_line "pause-on-timeline" "$TMP/serve.out" '^T\+[0-9:]+ .* white-cell +pause +- '
expect_line "speed-on-timeline" "$TMP/serve.out" '^T\+[0-9:]+ .* white-cell +speed x20 +- '
expect_line "end-on-timeline" "$TMP/serve.out" '^T\+[0-9:]+ .* white-cell +end +- '
expect_line "team-action-on-timeline" "$TMP/serve.out" '^T\+[0-9:]+ .* hoa-binh +note hoa-binh watching the portal'
expect_no_line "white-cell-not-scored-as-a-team" "$TMP/serve.out" 'team white-cell:'

# --- the same over TCP (--listen), on a free port of the loopback
for try in 1 2 3; do
	PORT=$((20000 + ($$ * 7 + try * 1013) % 40000))
	"$IRDRILL" serve --db "$DB" --socket "$RUN/tcp.sock" --listen "127.0.0.1:$PORT" --teams hoa-binh --speed 10 \
		>"$TMP/tcp.out" 2>"$TMP/tcp.log" &
	SERVE_PID=$!
	if wait_for "$TMP/tcp.out" '^serving on ' 10; then break; fi
	wait "$SERVE_PID"
	SERVE_PID=
done
expect_line "tcp-serving" "$TMP/tcp.out" "^serving on .* and 127.0.0.1:$PORT$"
console_tcp() {
	printf '%s\n' "$3" | IRDRILL_TOKEN=$2 timeout 60 "$IRDRILL" console --connect "127.0.0.1:$PORT" --team "$1" \
		--headless >"$TMP/stdout" 2>"$TMP/stderr"
}
console_tcp hoa-binh "$(token_of "$TMP/tcp.out" hoa-binh)" "note over tcp"
expect_line "tcp-console-acts" "$TMP/stdout" '^ok: note over tcp$'
expect_line "tcp-peer-logged" "$TMP/tcp.log" 'console [0-9]+ \(127\.0\.0\.1 port [0-9]+, hoa-binh\): joined'
console_tcp hoa-binh "$HB" "note with the first drill's token"
if grep -q '^ok' "$TMP/stdout"; then not_ok "tcp-other-exercises-token-refused"; else ok "tcp-other-exercises-token-refused"; fi
console_tcp white-cell "$(token_of "$TMP/tcp.out" white-cell)" "end"
wait "$SERVE_PID"
status=$?
SERVE_PID=
if [ "$status" -eq 0 ]; then ok "tcp-serve-ends"; else not_ok "tcp-serve-ends" "status $status"; fi
