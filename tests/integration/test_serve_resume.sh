#!/bin/sh
# A served drill killed with SIGKILL goes on with `irdrill resume --serve`:
# its committed actions are taken again (not committed twice), the
# consoles come back with the tokens they had (a console left running
# reconnects by itself), and the drill goes on taking actions.
. "$(dirname "$0")/lib.sh"

DB=$TMP/serve.db
SOCK=$TMP/irdrill.sock
SERVE_PID=
SOC_PID=
trap 'exec 3>&- 2>/dev/null; [ -n "$SOC_PID" ] && kill "$SOC_PID" 2>/dev/null;
      [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null; wait; rm -rf "$TMP"' EXIT

wait_for() {
	i=0
	while [ "$i" -lt $((${3:-30} * 10)) ]; do
		grep -Eq -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

"$IRDRILL" serve --db "$DB" --socket "$SOCK" --teams hoa-binh,soc --speed 10 >"$TMP/serve.out" 2>"$TMP/serve.log" &
SERVE_PID=$!
wait_for "$TMP/serve.out" '^serving on ' || { not_ok "serve-starts" "$(cat "$TMP/serve.log")"; exit 1; }
EXERCISE=$(sed -n 's/.*exercise \([0-9a-f-]*\) in .*/\1/p' "$TMP/serve.log" | head -1)
HB=$(awk '$1 == "hoa-binh" { print $2 }' "$TMP/serve.out")
SOC=$(awk '$1 == "soc" { print $2 }' "$TMP/serve.out")
W=$(awk '$1 == "white-cell" { print $2 }' "$TMP/serve.out")

mkfifo "$TMP/soc.in"
IRDRILL_TOKEN=$SOC "$IRDRILL" console --connect "$SOCK" --team soc --headless \
	<"$TMP/soc.in" >"$TMP/soc.out" 2>"$TMP/soc.err" &
SOC_PID=$!
exec 3>"$TMP/soc.in"
wait_for "$TMP/soc.out" '^joined exercise '
echo "note soc before the crash" >&3
wait_for "$TMP/soc.out" '^ok: note soc before the crash$'
printf 'note hoa-binh before the crash\n' |
	IRDRILL_TOKEN=$HB timeout 60 "$IRDRILL" console --connect "$SOCK" --team hoa-binh --headless >"$TMP/stdout" 2>&1
expect_line "acted-before-the-crash" "$TMP/stdout" '^ok: note hoa-binh before the crash$'

kill -9 "$SERVE_PID"
wait "$SERVE_PID" 2>/dev/null
SERVE_PID=
if wait_for "$TMP/soc.err" 'connection lost' 10; then ok "console-sees-the-cut"; else not_ok "console-sees-the-cut"; fi

"$IRDRILL" resume --serve --db "$DB" --socket "$SOCK" "$EXERCISE" >"$TMP/resume.out" 2>"$TMP/resume.log" &
SERVE_PID=$!
if wait_for "$TMP/resume.out" '^serving on '; then ok "resume-serves"; else
	not_ok "resume-serves" "$(cat "$TMP/resume.log")"
	exit 1
fi
expect_line "resume-says-where" "$TMP/resume.log" 'resuming exercise .*: 2 actions \(the teams. and the white cell.s\) taken up to T\+'
expect_no_line "resume-prints-no-new-tokens" "$TMP/resume.out" '[0-9a-f]{32}$'

# The console left running comes back by itself and acts.
if wait_for "$TMP/soc.err" 'reconnected' 20; then ok "console-reconnects-by-itself"; else
	not_ok "console-reconnects-by-itself" "$(tail -3 "$TMP/soc.err")"
fi
echo "note soc after the crash" >&3
if wait_for "$TMP/soc.out" '^ok: note soc after the crash$' 20; then ok "reconnected-console-acts"; else
	not_ok "reconnected-console-acts" "$(tail -3 "$TMP/soc.out")" "$(tail -3 "$TMP/soc.err")"
fi

# A console started again with its old token finds its action.
printf 'note hoa-binh after the crash\n' |
	IRDRILL_TOKEN=$HB timeout 60 "$IRDRILL" console --connect "$SOCK" --team hoa-binh --headless >"$TMP/stdout" 2>&1
expect_line "old-token-still-joins" "$TMP/stdout" '^joined exercise '"$EXERCISE"' as hoa-binh'
expect_line "state-after-resume" "$TMP/stdout" '^action 2 T\+[0-9:]+ hoa-binh note hoa-binh before the crash: ok$'
expect_line "acts-after-resume" "$TMP/stdout" '^ok: note hoa-binh after the crash$'

printf 'end\n' | IRDRILL_TOKEN=$W timeout 60 "$IRDRILL" console --connect "$SOCK" --team white-cell --headless >/dev/null 2>&1
wait "$SERVE_PID"
status=$?
SERVE_PID=
if [ "$status" -eq 0 ]; then ok "resumed-serve-ends-cleanly"; else not_ok "resumed-serve-ends-cleanly" "status $status"; fi

rows=$(sqlite3 "$DB" "SELECT seq || ' ' || command FROM actions WHERE exercise = '$EXERCISE' ORDER BY seq" | tr '\n' '|')
want="1 note soc before the crash|2 note hoa-binh before the crash|3 note soc after the crash|4 note hoa-binh after the crash|"
if [ "$rows" = "$want" ]; then ok "each-action-stored-once"; else not_ok "each-action-stored-once" "rows: $rows"; fi
status=$(sqlite3 "$DB" "SELECT status FROM exercises WHERE id = '$EXERCISE'")
if [ "$status" = finished ]; then ok "exercise-finished"; else not_ok "exercise-finished" "status $status"; fi
