# The mouse in the console: a click on a pane's tab shows that pane, on a
# site or host of the network tree selects it (again: opens the site),
# on an alert selects it; keys go on working.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/console_lib.sh"

console_start 80 24 run --speed 600 scenarios/apt-mustang-panda.lua
wait_for "up" '^ 1 Alerts   2 Feed   3 Network   4 Timeline   5 Score'
console_click 50 1
wait_for "click-score-tab" '^Expectations \(pending until marked'
console_click 27 1
wait_for "click-network-tab" '^▾ . \* Binh Duong Province \(2616\)'
console_click 5 4
wait_for "click-selects-zone" '│ dmz *$'
console_click 5 4
wait_for "click-again-opens-zone" '^ +[.!] \* dc-vpn-01  vpn'
console_click 12 5
wait_for "click-selects-host" '│ dc-vpn-01 *$'
console_keys i
wait_for "key-acts-on-clicked-host" '^:isolate dc-vpn-01$'
console_keys Escape
# Alerts: the second newest, clicked, is the one a key then acts on.
wait_for "alerts-raised" ' 1 Alerts \(([2-9]|[1-9][0-9]+)\)'
console_keys Space
console_click 3 1
wait_for "click-alerts-tab" '^ID +time +sev\.'
console_screen
second=$(sed -n 5p "$TMP/screen" | grep -Eo '^A-[0-9]{4}')
console_click 10 4
console_keys t
wait_for "click-selects-alert" "^:classify $second true-positive$"
console_keys Escape q y
wait_for "leaves" '^\[exit 0\]'
