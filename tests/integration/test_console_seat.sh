# In a shared drill a team's seat sees the alerts and feed lines of its
# own sensors only (those placed in or covering its zones; the provincial
# SOC also every APT sensor), the white cell every sensor's, and Tab
# completes the ids of the alerts it sees: driven in
# tmux at 80x24 with two teams in the small province, the district d1 and
# soc holding the rest.  Every check polls the screen (bounded).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/console_lib.sh"

net=tests/data/net-small.lua
scn=tests/data/scenarios/score.lua
acts=tests/data/actions/seat-shared.txt
ids_row='^A-[0-9]{4} +T\+[0-9:]+ +[^ ]+ +ids-dc '
apt_row='^A-[0-9]{4} +T\+[0-9:]+ +[^ ]+ +apt-d1 '

# ---- the district team's seat ---------------------------------------------
console_start 80 24 run --speed 600 --network $net --mode shared --teams soc,d1=d1 --actions $acts --as d1 $scn
wait_for "d1-seat-up" '^ 1 Alerts( \([0-9]+\))?   2 Feed'
console_keys 1
wait_for "d1-sees-its-apt-alert" "$apt_row"
# Past the exploit of the portal (T+00:10), which the IDS alerted on.
wait_for "d1-clock-past-the-exploit" 'T\+00:(1[2-9]|[2-5][0-9]):[0-9][0-9] │'
console_screen
expect_no_line "d1-no-data-center-alert" "$TMP/screen" "$ids_row"
expect_no_line "d1-no-data-center-probe" "$TMP/screen" "data-center probe"
# Tab completes the ids of the alerts the seat sees, no others.
console_type ":ack A-000" Tab
wait_for "d1-completes-its-alert-only" '^:ack A-0002 ?$'
console_keys Escape
console_type ":search data-center probe" Enter
wait_for "d1-search-shown" "Feed filter: sensor '', host '', text 'data-center probe'"
console_screen
expect_no_line "d1-feed-has-no-ids-line" "$TMP/screen" '^ids-dc '
console_type ":search district beacon" Enter
wait_for "d1-feed-has-its-apt-line" '^apt-d1 .*CEF:0\|NCSC\|APT Sensor\|.*ET DRI'
console_keys q
console_keys y

# ---- the white cell, the same drill -----------------------------------------
console_start 80 24 run --speed 600 --network $net --mode shared --teams soc,d1=d1 --actions $acts $scn
wait_for "white-cell-up" '^ 1 Alerts( \([0-9]+\))?   2 Feed'
console_keys 1
wait_for "white-cell-sees-the-data-center-alert" "$ids_row"
wait_for "white-cell-sees-the-district-alert" "$apt_row"
console_type ":ack A-000" Tab
wait_for "white-cell-completes-every-alert" '^A-0001 A-0002( |$)'
console_keys Escape
console_type ":search data-center probe" Enter
wait_for "white-cell-feed-has-the-ids-line" '^ids-dc +\{"timestamp":"2023-11-08T08:01:00'
console_keys q
console_keys y

# ---- the provincial SOC's seat: the IDS and, as the SOC, the APT sensor ---
console_start 80 24 run --speed 600 --network $net --mode shared --teams soc,d1=d1 --actions $acts --as soc $scn
wait_for "soc-seat-up" '^ 1 Alerts( \([0-9]+\))?   2 Feed'
console_keys 1
wait_for "soc-sees-the-data-center-alert" "$ids_row"
wait_for "soc-sees-the-apt-alert" "$apt_row"
