# Acceptance: every stock scenario (each scenarios/*.lua but the LuaLS
# meta file, so a new one is covered the day it lands) runs headless over
# its own duration with background traffic and --out, and every file it
# writes goes through the real checkers:
#   eve.json              $SHARED/tools/validate-eve (Suricata's schema), jq;
#   Zeek logs             $SHARED/tools/validate-zeek-tsv, Debian's bro-cut;
#   Windows XML           $SHARED/tools/validate-event-xml (the event XSD);
#   winlogbeat.ndjson     jq, one document per XML event;
#   fortigate.log/cef.log a real rsyslogd ($SHARED/tools/rsyslog-parse), all
#                         lines over TCP with octet counting and a spread
#                         sample over UDP, each message parsed as sent;
#   mail.log/auth.log     fail2ban-regex with fail2ban's own postfix and
#                         sshd filters: every line dated, exactly the
#                         refused clients reported; lines in time order.
# A file of more than $CAP lines (a scenario's mail storm writes millions)
# is checked in a sample spread over the whole file, header lines kept,
# so the suite stays short; counts and time order are taken on the whole
# file.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fail2ban.sh"

TOOLS=$SHARED/tools
PY=/usr/bin/python3
# Quiet enough to keep the suite short, busy enough for every kind of
# background record to appear in a few hours.
RATE=0.3
UDP_SAMPLE=120
CAP=20000

missing=""
for t in validate-eve validate-zeek-tsv validate-event-xml rsyslog-parse; do
	[ -x "$TOOLS/$t" ] || missing="$missing $TOOLS/$t"
done
for t in jq bro-cut rsyslogd xmllint; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
if [ -n "$missing" ]; then
	not_ok "stock-checkers-present" "missing:$missing"
	exit 1
fi
ok "stock-checkers-present"
need_fail2ban stock

# check_status NAME: the last command's status, with its output as evidence.
check_status() {
	if [ "$STATUS" -eq 0 ]; then ok "$1"; else
		not_ok "$1" "exit $STATUS" "$(grep -v ': ok\|lines valid\|events valid' "$TMP/stdout" | head -3)" \
			"$(head -3 "$TMP/stderr")"
	fi
}

# files DIR NAME...: the files of those names in DIR's sensor folders.
files() {
	files_dir=$1
	shift
	for files_name in "$@"; do
		for files_f in "$files_dir"/*/"$files_name"; do
			[ -f "$files_f" ] && echo "$files_f"
		done
	done
}

# spread FILE: FILE itself when it has at most $CAP lines, else a copy
# holding every comment line (Zeek's header and #close) and one row in
# every step, spread from the first to the last.
spread() {
	total=$(grep -c '' "$1")
	if [ "$total" -le "$CAP" ]; then
		echo "$1"
		return
	fi
	spread_out=$TMP/spread/$(basename "$(dirname "$1")")-$(basename "$1")
	mkdir -p "$TMP/spread"
	awk -v step=$(( (total + CAP - 1) / CAP )) '/^#/ { print; next } { if (n++ % step == 0) print }' \
		"$1" >"$spread_out"
	echo "$spread_out"
}

# The syslog check: rsyslogd's reading of each line sent, in order.  A
# FortiGate line is <PRI> and the body, whose first pair rsyslog takes
# as its tag; a CEF line carries an RFC 3164 header (time, host) and
# rsyslog takes "CEF:" as the tag.  Tag and message together must be the
# body as sent, host and time as in the header.
cat >"$TMP/syslog-check.py" <<'PY'
import re, sys
sent_path, got_path = sys.argv[1], sys.argv[2]
FAC = ["kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp",
       "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock"] + ["local%d" % i for i in range(8)]
SEV = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"]
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
REC = re.compile(r"^pri=(\d+) fac=(\S+) sev=(\S+) ver=(\S+) ts=(\S+) host=(\S*) app=(.*?) "
                 r"procid=(\S*) msgid=(\S*) sd=(.*?) tag=(\S*) msg=\[(.*)\]$")
H3164 = re.compile(r"^(\w{3}) ([ 1-3]\d) (\d\d:\d\d:\d\d) (\S+) (.*)$")
sent = [l.rstrip("\n") for l in open(sent_path, encoding="utf-8") if l.strip()]
got = [l.rstrip("\n") for l in open(got_path, encoding="utf-8")]
bad = []
if len(sent) != len(got):
    bad.append("%d lines sent, rsyslog wrote %d" % (len(sent), len(got)))
for i, (line, rec) in enumerate(zip(sent, got)):
    m = re.match(r"^<(\d+)>", line)
    r = REC.match(rec)
    if not m or not r:
        bad.append("line %d: %r / %r" % (i + 1, line[:60], rec[:60]))
        continue
    pri, body = int(m.group(1)), line[m.end():]
    if (r.group(1), r.group(2), r.group(3), r.group(4)) != (str(pri), FAC[pri >> 3], SEV[pri & 7], "0"):
        bad.append("line %d: sent <%d>, rsyslog read %s" % (i + 1, pri, r.groups()[:4]))
    h = H3164.match(body) if body[:3] in MON else None
    if h:
        month, day, clock, host, body = h.groups()
        ts = r.group(5)
        want = "-%02d-%02dT%s" % (MON.index(month) + 1, int(day), clock)
        if r.group(6) != host or want not in ts:
            bad.append("line %d: header %s %s %s %s, rsyslog read host %s ts %s"
                       % (i + 1, month, day, clock, host, r.group(6), ts))
    if r.group(11) + r.group(12) != body:
        bad.append("line %d: body not kept: %r" % (i + 1, (r.group(11) + r.group(12))[:80]))
for b in bad[:6]:
    print(b)
print("%d lines, %d bad" % (len(sent), len(bad)))
sys.exit(1 if bad or not sent else 0)
PY

# check_syslog NAME MODE FILE: FILE's lines through rsyslogd.
check_syslog() {
	run_bin "$TOOLS/rsyslog-parse" "$2" "$3"
	if [ "$STATUS" -ne 0 ]; then
		not_ok "$1" "rsyslog-parse exit $STATUS" "$(head -3 "$TMP/stderr")"
		return
	fi
	cp "$TMP/stdout" "$TMP/rsyslog.out"
	if "$PY" "$TMP/syslog-check.py" "$3" "$TMP/rsyslog.out" >"$TMP/syslog-check" 2>&1; then
		ok "$1"
	else
		not_ok "$1" "$(head -6 "$TMP/syslog-check")"
	fi
}

check_scenario() {
	scn=$1 out=$2

	# Suricata.
	eves=0
	for full in $(files "$out" eve.json); do
		f=$(spread "$full")
		eves=$((eves + 1))
		run_bin "$TOOLS/validate-eve" --all "$f"
		check_status "$scn-eve-schema-$(basename "$(dirname "$full")")"
		run_bin jq -c . "$f"
		check_status "$scn-eve-jq-$(basename "$(dirname "$full")")"
	done
	[ "$eves" -gt 0 ] || not_ok "$scn-eve-present" "no eve.json in $out"

	# Zeek: the checker, then bro-cut reading every row of every log.
	zeek=""
	for full in $(files "$out" conn.log dns.log http.log ssl.log files.log notice.log); do
		zeek="$zeek $(spread "$full")"
	done
	if [ -z "$zeek" ]; then
		not_ok "$scn-zeek-present" "no Zeek log in $out"
	else
		# shellcheck disable=SC2086
		run_bin "$TOOLS/validate-zeek-tsv" $zeek
		check_status "$scn-zeek-tsv"
		short=""
		for f in $zeek; do
			rows=$(grep -vc '^#' "$f")
			cut_rows=$(bro-cut uid <"$f" | grep -c '')
			[ "$rows" -eq "$cut_rows" ] || short="$short $f: $rows rows, bro-cut read $cut_rows;"
		done
		if [ -z "$short" ]; then ok "$scn-zeek-bro-cut"; else not_ok "$scn-zeek-bro-cut" "$short"; fi
	fi

	# Windows: each XML file against the event schema, each Winlogbeat
	# file JSON with one document per XML event of its folder.
	for full in $(files "$out" Security.xml Microsoft-Windows-Sysmon-Operational.xml); do
		run_bin "$TOOLS/validate-event-xml" "$(spread "$full")"
		check_status "$scn-event-xml-$(basename "$(dirname "$full")")-$(basename "$full" .xml)"
	done
	for full in $(files "$out" winlogbeat.ndjson); do
		sensor=$(dirname "$full")
		f=$(spread "$full")
		run_bin jq -e -c 'select(.winlog.event_id | type == "string")' "$f"
		typed=$(grep -c '' "$TMP/stdout")
		json=$(grep -c '' "$full")
		xml=$(cat "$sensor"/*.xml | grep -c '^<Event ')
		if [ "$STATUS" -eq 0 ] && [ "$typed" -eq "$(grep -c '' "$f")" ] &&
			[ "$json" -eq "$xml" ] && [ "$json" -gt 0 ]; then
			ok "$scn-winlogbeat-jq-$(basename "$sensor")"
		else
			not_ok "$scn-winlogbeat-jq-$(basename "$sensor")" "jq exit $STATUS, $json documents, $xml XML events"
		fi
	done

	# Firewalls and CEF sensors, every line over TCP, a sample over UDP.
	files "$out" fortigate.log cef.log | xargs cat >"$TMP/syslog.all"
	if [ -s "$TMP/syslog.all" ]; then
		tcp=$(spread "$TMP/syslog.all")
		check_syslog "$scn-syslog-tcp" --tcp-octet "$tcp"
		total=$(grep -c '' "$tcp")
		step=$(( (total + UDP_SAMPLE - 1) / UDP_SAMPLE ))
		awk -v s="$step" 'NR % s == 1 || s == 1 || /CEF:/' "$tcp" | head -n "$UDP_SAMPLE" >"$TMP/syslog.udp"
		check_syslog "$scn-syslog-udp" --udp "$TMP/syslog.udp"
	else
		not_ok "$scn-syslog-present" "no fortigate.log or cef.log in $out"
	fi

	# Mail gateways and Linux servers: fail2ban reports exactly the
	# clients refused (Postfix's 5xx RCPT rejects, sshd's failed
	# passwords and unknown users), and every line is in time order.
	for full in $(files "$out" mail.log); do
		sensor=$(basename "$(dirname "$full")")
		f=$(spread "$full")
		sed -nE 's/.*postfix\/smtpd\[[0-9]+\]: NOQUEUE: reject: RCPT from [^[]*\[([^]]+)\]: 5[0-9]{2} .*/\1/p' \
			"$f" >"$TMP/expected"
		none=""
		grep -q ' postfix/' "$f" || none=spamd
		check_fail2ban "$scn-fail2ban-$sensor" "$f" "$FILTERS/postfix.conf" "$TMP/expected" $none
	done
	for full in $(files "$out" auth.log); do
		sensor=$(basename "$(dirname "$full")")
		f=$(spread "$full")
		# A failed password is one failure, an unknown user's another.
		sed -nE -e 's/.* sshd\[[0-9]+\]: Failed password for .* from ([0-9a-f.:]+) port [0-9]+ ssh2$/\1/p' \
			-e 's/.* sshd\[[0-9]+\]: Invalid user .* from ([0-9a-f.:]+) port [0-9]+$/\1/p' \
			"$f" >"$TMP/expected"
		check_fail2ban "$scn-fail2ban-$sensor" "$f" "$FILTERS/sshd.conf" "$TMP/expected" quiet
	done
	for f in $(files "$out" mail.log auth.log); do
		label=$scn-time-order-$(basename "$(dirname "$f")")-$(basename "$f")
		if LC_ALL=C awk '$1 < last { print FILENAME ":" NR ": " $1 " after " last; exit 1 }
			{ last = $1 }' "$f" >"$TMP/order"; then
			ok "$label"
		else
			not_ok "$label" "$(cat "$TMP/order")"
		fi
	done
	rm -rf "$TMP/spread"
}

found=0
for scenario in scenarios/*.lua; do
	case $scenario in *.meta.lua) continue ;; esac
	stock=stock-$(basename "$scenario" .lua)
	found=$((found + 1))
	run_cmd run --headless --seed 11 --background "$RATE" --out "$TMP/$stock" "$scenario"
	expect_status "$stock-run" 0
	[ "$STATUS" -eq 0 ] && check_scenario "$stock" "$TMP/$stock"
	rm -rf "${TMP:?}/$stock"
done
if [ "$found" -gt 0 ]; then ok "stock-scenarios-found"; else not_ok "stock-scenarios-found" "none in scenarios/"; fi
