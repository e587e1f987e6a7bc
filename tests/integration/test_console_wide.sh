# The live console at 200x50 on the small test province: the side pane,
# the alert queue and triage from the keyboard, resizing to 80x24 and
# back, and monochrome when NO_COLOR is set or the terminal has no colour.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/console_lib.sh"

small="--network tests/data/net-small.lua tests/data/scenarios/small.lua"

console_start 200 50 run --speed 60 $small
wait_for "wide-top-bar-has-zone" 'T\+00:[0-9:]+ │ 2023-11-08 08:[0-9:]+ UTC\+7 │ ×60 │ team soc'
wait_for "wide-side-pane-timeline" '│Objectives \(ground truth, white cell only\)'
wait_for "wide-side-pane-objective" '│  pending     The database'
wait_for "wide-feed-beside-it" '^(ids-dc|fw-p|fw-c1|apt-d1|win-soc) +[^ ].*│'

# The exploit at T+00:10 raises the first alert; the tab counts it.  The
# drill is paused there, so the rest takes its time.
wait_for "alert-counted-on-tab" '^ 1 Alerts \(1\)   2 Feed'
console_keys Space
wait_for "wide-paused" '│ PAUSED │ team soc'
console_keys 1
wait_for "alert-row-new" '^A-0001  T\+00:1[0-9]:[0-9][0-9] (high|medium|low) +[a-z0-9-]+ +NEW +[^ ]'
console_keys a
wait_for "ack-by-key" '^A-0001 .* acked +[^ ]'
wait_for "ack-result-line" '^ack A-0001: done by soc at T\+'
wait_for "ack-tab-count-gone" '^ 1 Alerts   2 Feed'
console_keys n
wait_for "classify-key-prefills" '^:classify A-0001 false-positive$'
console_keys Enter
wait_for "classify-applied" '^A-0001 .* false pos\. +[^ ]'
wait_for "triage-on-side-timeline" '│T\+00:[0-9:]+ action soc  classify A-0001 false-positive'

# Down to 80x24: no side pane, the zone drops from the top bar; back up:
# both return.
tmx resize-window -t console -x 80 -y 24
wait_for_gone "resize-small-drops-side-pane" 'Objectives'
wait_for "resize-small-top-bar" 'T\+00:[0-9:]+ │ [0-9:]+ │ PAUSED │ team soc │ -?[0-9]+ points *$'
console_screen
if python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 80 for l in open(sys.argv[1], encoding="utf-8")))' \
	"$TMP/screen"; then ok "resize-small-fits-80"; else
	not_ok "resize-small-fits-80" "a line is wider than 80 characters"; fi
tmx resize-window -t console -x 200 -y 50
wait_for "resize-back-side-pane" '│Objectives \(ground truth, white cell only\)'
wait_for "resize-back-top-bar" 'UTC\+7 │ PAUSED │ team soc'
console_keys q y
wait_for "wide-leaves" '^\[exit 0\]'
terminal_restored "wide-restores-terminal"

# Colour, and none: SGR colour codes in the pane with colour, none with
# NO_COLOR or a terminal without colour; the states keep their symbols.
colour_codes() {
	tmx capture-pane -e -p -t console | grep -Ec '\[([0-9]+;)*(3[0-7]|4[0-7])(;[0-9]+)*m'
}
console_start 80 24 run $small
wait_for "colour-console-up" '^ 1 Alerts'
if [ "$(colour_codes)" -gt 0 ]; then ok "colour-by-default"; else not_ok "colour-by-default" "no colour code"; fi
for env in NO_COLOR=1 TERM=vt100; do
	CONSOLE_ENV=$env console_start 80 24 run $small
	wait_for "mono-$env-console-up" '^ 1 Alerts'
	console_keys 3
	wait_for "mono-$env-symbols" '^▾ \. \* Tỉnh Thử nghiệm|^▾ \. \* Test Province'
	n=$(colour_codes)
	if [ "$n" -eq 0 ]; then ok "mono-$env-no-colour"; else not_ok "mono-$env-no-colour" "$n lines with colour codes"; fi
done
