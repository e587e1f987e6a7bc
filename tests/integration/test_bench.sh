# irdrill bench --small --runs 1: every case runs and prints one
# well-formed key=value line with positive figures, then the summary.
# No timing is asserted: speed is what the benchmark reports, not a test.
# storm-reference and syslog unpack syslog-ng's loggen into build/loggen
# (apt-get download, dpkg-deb -x) on first use and start a private
# syslog-ng and rsyslogd; a missing tool fails its case, never silently.
. "$(dirname "$0")/lib.sh"

run_cmd bench --small --runs 1 --dir "$TMP/bench"
expect_status bench-small-runs "0"

# Each case's line: fixed head, then NAME=NUMBER NAME_min=NUMBER NAME_max=NUMBER.
num='-?[0-9]+(\.[0-9]+)?(e[-+][0-9]+)?'
for c in storm storm-reference day flows seek scale syslog; do
	line=$(grep -E "^bench case=$c runs=1 size=small status=" "$TMP/stdout")
	if [ -z "$line" ]; then
		not_ok "bench-line-$c" "no line for case $c" "$(head -c 600 "$TMP/stdout")"
		continue
	fi
	bad=$(echo "$line" | tr ' ' '\n' | sed 1,5d | grep -Ev "^[a-z_]+=$num\$")
	if echo "$line" | grep -q ' status=ok ' && [ -z "$bad" ]; then
		ok "bench-line-$c"
	else
		not_ok "bench-line-$c" "$line" "malformed: $bad"
	fi
done

# positive CASE KEY...: each median figure of CASE's line is above zero.
positive() {
	c=$1
	shift
	line=$(grep -E "^bench case=$c " "$TMP/stdout")
	for k in "$@"; do
		v=$(echo "$line" | tr ' ' '\n' | sed -n "s/^$k=//p")
		if [ -n "$v" ] && awk -v v="$v" 'BEGIN { exit !(v + 0 > 0) }'; then
			ok "bench-$c-$k"
		else
			not_ok "bench-$c-$k" "$k='$v' in: $line"
		fi
	done
}
positive storm events events_s lines_s mb_s wall_s rss_mb replay_bytes_per_event replay_bytes_per_record
positive storm-reference loggen_lines_s gzip_bytes replay_over_gzip
positive day sim_s_per_s events_s rss_mb
positive flows events_s events_s_replay eve_lines
positive seek records median_ms worst_ms rss_mb
positive scale hosts load_s queries_s rss_mb
positive syslog irdrill_msgs_s loggen_msgs_s

expect_line bench-summary "$TMP/stdout" '^  storm vs loggen .* = [0-9.]+x'
expect_line bench-summary-seek "$TMP/stdout" '^  seek: [0-9.]+ ms median'

# The storm's events are the mails the gateways logged: thousands at the
# small size, as many lines in mail.log as the reference sent.
storm_lines=$(grep '^bench case=storm ' "$TMP/stdout" | tr ' ' '\n' | sed -n 's/^mail_lines=//p')
ref_lines=$(grep '^bench case=storm-reference ' "$TMP/stdout" | tr ' ' '\n' | sed -n 's/^lines=//p')
if [ -n "$storm_lines" ] && [ "$storm_lines" = "$ref_lines" ]; then
	ok bench-reference-same-lines
else
	not_ok bench-reference-same-lines "storm mail_lines=$storm_lines, reference lines=$ref_lines"
fi

run_cmd bench --case nosuch
expect_status bench-unknown-case 2
expect_line bench-unknown-case-says "$TMP/stderr" "nosuch"
run_cmd bench --runs 0
expect_status bench-runs-zero 2

# The scale case at its full size: a generated province of 100,000 hosts
# (19 MB of Lua) loads, which the network loader's fixed 64 MiB cap did
# not allow.
run_cmd bench --case scale --runs 1 --dir "$TMP/scale"
expect_status bench-scale-full 0
expect_line bench-scale-full-loads "$TMP/stdout" '^bench case=scale runs=1 size=full status=ok .* hosts=100000 '
