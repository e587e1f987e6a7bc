# console_lib.sh - drive the live console in tmux for the test_console*.sh
# tests, sourced after lib.sh.  Each test gets its own tmux server on a
# private socket, a window of the size asked for and no status line, so
# the pane is exactly the terminal irdrill sees.  Checks poll the screen
# until the text shows (at most CONSOLE_WAIT seconds), so a slow machine
# only makes them slower.

CONSOLE_WAIT=${CONSOLE_WAIT:-30}
CONSOLE_RUNS=0
# tmux itself must read and write UTF-8.
export LANG=C.UTF-8
unset LANGUAGE LC_ALL LC_MESSAGES
trap 'console_stop; rm -rf "$TMP"' EXIT

tmx() {
	tmux -L "$CONSOLE_SOCK" "$@"
}

console_stop() {
	if [ -n "${CONSOLE_SOCK:-}" ]; then tmx kill-server >/dev/null 2>&1; fi
}

if ! command -v tmux >/dev/null 2>&1; then
	not_ok "tmux-installed" "the console tests need tmux (TEST_DEBS)"
	exit 1
fi
printf 'set -g status off\nset -g default-terminal screen\n' >"$TMP/tmux.conf"

# console_start COLS ROWS ARGS...: a fresh session running irdrill ARGS
# with CONSOLE_ENV (NAME=VALUE words) in its environment; when irdrill
# exits, the pane shows "[exit STATUS]" and $TMP/stty the terminal modes.
console_start() {
	cols=$1
	rows=$2
	shift 2
	CONSOLE_ROWS=$rows
	console_stop
	# A server of its own for each run: a dying one is never reused.
	CONSOLE_RUNS=$((CONSOLE_RUNS + 1))
	CONSOLE_SOCK="irdrill-console-$$-$CONSOLE_RUNS"
	rm -f "$TMP/stty"
	{
		echo "cd '$PWD'"
		# Ctrl-C is for irdrill: this shell stays to report after it.
		echo "trap : INT"
		# The exercise store stays in the test's folder.
		echo "env IRDRILL_DB='$TMP/irdrill.db' ${CONSOLE_ENV:-} '$IRDRILL' $*"
		echo 'echo "[exit $?]"'
		echo "stty -a >'$TMP/stty'"
		echo "exec sleep 600"
	} >"$TMP/console.sh"
	tmx -f "$TMP/tmux.conf" new-session -d -s console -x "$cols" -y "$rows" "sh '$TMP/console.sh'"
}

console_screen() {
	tmx capture-pane -p -t console >"$TMP/screen" 2>/dev/null
}

# console_keys KEY...: tmux key names (Enter, Escape, Space, C-c, Up…).
console_keys() {
	tmx send-keys -t console "$@"
}

# console_type TEXT [KEY...]: type TEXT literally, then press the keys.
console_type() {
	tmx send-keys -t console -l "$1"
	shift
	if [ $# -gt 0 ]; then tmx send-keys -t console "$@"; fi
}

# wait_for NAME REGEX: some line of the screen matches, within the wait.
wait_for() {
	i=0
	while [ "$i" -lt $((CONSOLE_WAIT * 10)) ]; do
		console_screen
		if grep -Eq -- "$2" "$TMP/screen"; then
			ok "$1"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	not_ok "$1" "no line of the screen matches /$2/ after ${CONSOLE_WAIT}s; the screen:"
	sed 's/^/#   | /' "$TMP/screen"
	return 1
}

# wait_for_gone NAME REGEX: no line of the screen matches, within the wait.
wait_for_gone() {
	i=0
	while [ "$i" -lt $((CONSOLE_WAIT * 10)) ]; do
		console_screen
		if ! grep -Eq -- "$2" "$TMP/screen"; then
			ok "$1"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	not_ok "$1" "a line of the screen still matches /$2/; the screen:"
	sed 's/^/#   | /' "$TMP/screen"
	return 1
}

# feed_rows_all_match NAME REGEX: every non-blank row of the pane area
# (below the tabs, above the message line) matches, and there is one.
feed_rows_all_match() {
	console_screen
	sed -n "3,$((CONSOLE_ROWS - 2))p" "$TMP/screen" | grep -v '^ *$' >"$TMP/rows"
	if [ -s "$TMP/rows" ] && ! grep -Evq -- "$2" "$TMP/rows"; then ok "$1"; else
		not_ok "$1" "rows not matching /$2/:"
		grep -Ev -- "$2" "$TMP/rows" | head -5 | sed 's/^/#   | /'
	fi
}

# terminal_restored NAME: after irdrill exits, the pane is off the
# alternate screen and the terminal echoes and reads lines again.
terminal_restored() {
	i=0
	while [ ! -s "$TMP/stty" ] && [ "$i" -lt $((CONSOLE_WAIT * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	alt=$(tmx display -p -t console '#{alternate_on}')
	if [ "$alt" = 0 ] && grep -Eq '(^| )icanon( |$)' "$TMP/stty" && grep -Eq '(^| )echo( |$)' "$TMP/stty"; then
		ok "$1"
	else
		not_ok "$1" "alternate screen: $alt" "stty: $(grep -Eo -- '-?(icanon|echo) ' "$TMP/stty" | tr '\n' ' ')"
	fi
}

# console_history: the whole pane with what scrolled off, into $TMP/history.
console_history() {
	tmx capture-pane -p -J -S -1000 -t console >"$TMP/history"
}

# console_click X Y: a left press and release at column X, row Y (from
# 0), as an xterm reports them (X10 encoding, which TERM=screen names).
console_click() {
	for b in 32 35; do
		tmx send-keys -t console -l "$(printf "\033[M\\$(printf %o "$b")\\$(printf %o $(($1 + 33)))\\$(printf %o $(($2 + 33)))")"
	done
}
