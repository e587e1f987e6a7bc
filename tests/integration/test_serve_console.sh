#!/bin/sh
# Three teams and a white cell play one served drill from four terminals
# (tmux panes) with the real curses console: each sees its own world, a
# team's action shows in the white cell's view, the white cell's pause
# reaches every team and a team's is refused, a killed console comes back
# with --connect and its token and finds its state, and the white cell
# ends the drill for everyone.
. "$(dirname "$0")/lib.sh"

WAIT=${CONSOLE_WAIT:-30}
export LANG=C.UTF-8
unset LANGUAGE LC_ALL LC_MESSAGES
if ! command -v tmux >/dev/null 2>&1; then
	not_ok "tmux-installed" "the console tests need tmux (TEST_DEBS)"
	exit 1
fi
TSOCK="irdrill-serve-$$"
RUN=$TMP/run
SOCK=$RUN/irdrill.sock
DB=$TMP/serve.db
SERVE_PID=
mkdir -p "$RUN"
tmx() {
	tmux -L "$TSOCK" "$@"
}
trap 'tmx kill-server >/dev/null 2>&1; [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null; wait; rm -rf "$TMP"' EXIT
printf 'set -g status off\nset -g default-terminal screen\n' >"$TMP/tmux.conf"

file_wait() {
	i=0
	while [ "$i" -lt $((WAIT * 10)) ]; do
		grep -Eq -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

"$IRDRILL" serve --db "$DB" --socket "$SOCK" --teams hoa-binh,lac-son,soc --speed 10 \
	>"$TMP/serve.out" 2>"$TMP/serve.log" &
SERVE_PID=$!
if file_wait "$TMP/serve.out" '^serving on '; then ok "serve-starts"; else
	not_ok "serve-starts" "$(cat "$TMP/serve.log")"
	exit 1
fi
for r in white-cell hoa-binh lac-son soc; do
	awk -v r="$r" '$1 == r { print $2 }' "$TMP/serve.out" >"$TMP/$r.token"
	chmod 600 "$TMP/$r.token"
done

# pane_script ROLE: the shell a pane runs; it reports irdrill's status.
pane_script() {
	{
		echo "cd '$PWD'"
		echo "trap : INT"
		echo "'$IRDRILL' console --connect '$SOCK' --team $1 --token-file '$TMP/$1.token'"
		echo 'echo "[exit $?]"'
		echo "exec sleep 600"
	} >"$TMP/pane-$1.sh"
	echo "sh '$TMP/pane-$1.sh'"
}

# Four panes of 100x30 in one window: the white cell top left.
tmx -f "$TMP/tmux.conf" new-session -d -s drill -x 201 -y 61 "$(pane_script white-cell)"
P_W=$(tmx display -p -t drill '#{pane_id}')
P_HB=$(tmx split-window -h -P -F '#{pane_id}' -t "$P_W" "$(pane_script hoa-binh)")
P_LS=$(tmx split-window -v -P -F '#{pane_id}' -t "$P_W" "$(pane_script lac-son)")
P_SOC=$(tmx split-window -v -P -F '#{pane_id}' -t "$P_HB" "$(pane_script soc)")

screen() {
	tmx capture-pane -p -t "$1" >"$TMP/screen" 2>/dev/null
}

# see NAME PANE REGEX: the pane shows a line matching, within the wait.
see() {
	i=0
	while [ "$i" -lt $((WAIT * 10)) ]; do
		screen "$2"
		if grep -Eq -- "$3" "$TMP/screen"; then
			ok "$1"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	not_ok "$1" "no line of the pane matches /$3/; it shows:"
	sed 's/^/#   | /' "$TMP/screen"
	return 1
}

# not_see NAME PANE REGEX: the pane shows no such line now.
not_see() {
	screen "$2"
	if grep -Eq -- "$3" "$TMP/screen"; then
		not_ok "$1" "a line of the pane matches /$3/:" "$(grep -E -- "$3" "$TMP/screen" | head -3)"
	else ok "$1"; fi
}

type_in() {
	tmx send-keys -t "$1" -l "$2"
	tmx send-keys -t "$1" Enter
}

# clock PANE: the drill's elapsed seconds on the pane's top bar.
clock() {
	screen "$1"
	head -1 "$TMP/screen" | sed -n 's/.*T+\([0-9]*\):\([0-9]*\):\([0-9]*\).*/\1 \2 \3/p' |
		awk '{ print $1 * 3600 + $2 * 60 + $3 }'
}

# --- each console joins and sees its own world
see "white-cell-console-up" "$P_W" '│ team white-cell *$'
see "hoa-binh-console-up" "$P_HB" '│ team hoa-binh │ [0-9-]+ points'
see "lac-son-console-up" "$P_LS" '│ team lac-son │ [0-9-]+ points'
see "soc-console-up" "$P_SOC" '│ team soc │ [0-9-]+ points'
not_see "white-cell-no-team-points" "$P_W" 'points'
see "consoles-show-the-alert-queue" "$P_LS" '1 Alerts'

# --- a team acts; the white cell sees it; the other teams do not
type_in "$P_HB" ":note hoa-binh isolates nothing yet"
see "team-action-answered" "$P_HB" 'Done: note hoa-binh isolates nothing yet'
see "white-cell-sees-team-action" "$P_W" 'T\+[0-9:]+ hoa-binh: note hoa-binh isolates nothing yet'
tmx send-keys -t "$P_W" 4
see "white-cell-timeline-has-it" "$P_W" 'action hoa-binh +note hoa-binh isolates nothing yet'
see "white-cell-sees-ground-truth" "$P_W" 'Objectives \(ground truth'
tmx send-keys -t "$P_HB" 4
see "team-timeline-has-its-own" "$P_HB" 'action hoa-binh +note hoa-binh isolates nothing yet'
not_see "team-sees-no-ground-truth" "$P_HB" 'Objectives'
tmx send-keys -t "$P_LS" 4
see "other-team-timeline-shown" "$P_LS" '^Timeline'
not_see "other-team-does-not-see-it" "$P_LS" 'hoa-binh'
not_see "other-team-no-message-of-it" "$P_SOC" 'hoa-binh'

# --- controls: a team's refused, the white cell's reach everyone
tmx send-keys -t "$P_LS" Space
see "team-pause-refused" "$P_LS" 'Refused: only the white cell holds the controls'
tmx send-keys -t "$P_W" Space
see "white-cell-pauses" "$P_W" 'Done: pause'
see "pause-reaches-a-team" "$P_SOC" '│ PAUSED │ team soc'
see "pause-reaches-another" "$P_HB" '│ PAUSED │ team hoa-binh'
tmx send-keys -t "$P_W" Space
see "white-cell-resumes" "$P_W" 'Done: resume'
see "resume-reaches-teams" "$P_LS" '│ ×10 │ team lac-son'
expect_line "controls-logged" "$TMP/serve.log" '\(local, white-cell\): pause$'

# --- a console killed hard comes back with its token, nothing lost
HB_PID=$(pgrep -P "$(tmx display -p -t "$P_HB" '#{pane_pid}')" -x irdrill)
before=$(clock "$P_W")
kill -9 "$HB_PID"
see "killed-console-gone" "$P_HB" '\[exit 137\]'
file_wait "$TMP/serve.log" '\(local, hoa-binh\): gone: closed' 10
expect_line "server-saw-the-drop" "$TMP/serve.log" '\(local, hoa-binh\): gone: closed'
sleep 2
after=$(clock "$P_W")
if [ -n "$before" ] && [ -n "$after" ] && [ "$after" -gt "$before" ]; then ok "drill-runs-on-without-it"; else
	not_ok "drill-runs-on-without-it" "T+$before s, then T+$after s"
fi
if kill -0 "$SERVE_PID" 2>/dev/null; then ok "server-alive-after-kill"; else not_ok "server-alive-after-kill"; fi
tmx respawn-pane -k -t "$P_HB" "$(pane_script hoa-binh)"
see "reconnected-console-up" "$P_HB" '│ team hoa-binh │ [0-9-]+ points'
tmx send-keys -t "$P_HB" 4
see "reconnected-console-has-its-action" "$P_HB" 'action hoa-binh +note hoa-binh isolates nothing yet'
hb_clock=$(clock "$P_HB")
w_clock=$(clock "$P_W")
if [ -n "$hb_clock" ] && [ -n "$w_clock" ] && [ $((w_clock - hb_clock)) -le 10 ] && [ $((hb_clock - w_clock)) -le 10 ]; then
	ok "reconnected-console-at-the-drills-time"
else
	not_ok "reconnected-console-at-the-drills-time" "hoa-binh T+$hb_clock s, white cell T+$w_clock s"
fi
type_in "$P_HB" ":note hoa-binh is back"
see "reconnected-console-acts" "$P_HB" 'Done: note hoa-binh is back'
see "white-cell-hears-it" "$P_W" 'hoa-binh: note hoa-binh is back'

# --- the white cell ends the drill for everyone
type_in "$P_W" ":end"
see "end-asks-first" "$P_W" 'End the drill now for every team\? \(y/n\)'
not_see "not-ended-before-yes" "$P_SOC" 'OVER'
tmx send-keys -t "$P_W" y
see "white-cell-ends" "$P_W" '│ OVER │ team white-cell'
for p in "$P_HB" "$P_LS" "$P_SOC"; do
	see "team-sees-the-end-$p" "$p" '│ OVER │ team'
done
i=0
while kill -0 "$SERVE_PID" 2>/dev/null && [ "$i" -lt $((WAIT * 10)) ]; do
	sleep 0.1
	i=$((i + 1))
done
wait "$SERVE_PID"
status=$?
SERVE_PID=
if [ "$status" -eq 0 ]; then ok "serve-exits-0"; else not_ok "serve-exits-0" "status $status" "$(tail -3 "$TMP/serve.log")"; fi
for p in "$P_W" "$P_HB" "$P_LS" "$P_SOC"; do
	tmx send-keys -t "$p" q
done
see "console-leaves-cleanly" "$P_LS" '^\[exit 0\]'
see "white-cell-leaves-cleanly" "$P_W" '^\[exit 0\]'

# Both notes are in the store, once each.
n=$(sqlite3 "$DB" "SELECT count(*) FROM actions WHERE command IN
	('note hoa-binh isolates nothing yet', 'note hoa-binh is back')")
if [ "$n" = 2 ]; then ok "actions-in-store"; else not_ok "actions-in-store" "$n rows"; fi
