# Syslog frames held to a real receiver: a private rsyslogd (Debian's
# rsyslog, imudp + imtcp on free 127.0.0.1 ports, as shared/tools/
# rsyslog-parse runs it) receives thousands of messages from the syslog
# sink, sent by `test_sink_syslog --send SPEC` over UDP (RFC 5424 and
# RFC 3164, paced) and TCP (RFC 5424 octet counted, with a BOM).  A
# template prints every field rsyslog parsed; each must be what was sent:
# PRI, facility, severity, version 1 for RFC 5424, the timestamp, host,
# app, procid, msgid, structured data (escapes and all) and the message,
# Vietnamese UTF-8 byte for byte.  The count received equals the count
# sent, each message exactly once.
#
# What rsyslog does to a message on its own, and so is expected here: an
# LF inside a message is shown as "#012"; an RFC 3164 message gets the
# receiver's year and zone (only month to second are compared), its MSG
# keeps the space after "TAG:", and its app-name is the TAG cut at '/'
# (rsyslog's programname).
#
# Needs Debian's rsyslog and python3 (/usr/bin/python3, to find free
# ports).  A missing tool is a failure, never a silent pass.
. "$(dirname "$0")/lib.sh"

UNIT_DIR=${UNIT_DIR:-build/tests}
SENDER=$UNIT_DIR/test_sink_syslog
RSYSLOGD=$(command -v rsyslogd 2>/dev/null || echo /usr/sbin/rsyslogd)
PY=/usr/bin/python3

if [ ! -x "$RSYSLOGD" ] || [ ! -x "$PY" ] || [ ! -x "$SENDER" ]; then
	not_ok "syslog-tools-present" "need $RSYSLOGD (apt-get install -y rsyslog)," \
		"$PY (apt-get install -y python3) and $SENDER (make unit-tests)"
	exit 1
fi

# Three free ports: UDP RFC 5424, UDP RFC 3164, TCP.
set -- $("$PY" -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))')
UDP5424_PORT=$1
UDP3164_PORT=$2
TCP_PORT=$3

mkdir -p "$TMP/work"
cat >"$TMP/rsyslog.conf" <<EOF
global(workDirectory="$TMP/work")
module(load="imudp")
module(load="imtcp")
input(type="imudp" address="127.0.0.1" port="$UDP5424_PORT" ruleset="udp5424" rcvbufSize="4m")
input(type="imudp" address="127.0.0.1" port="$UDP3164_PORT" ruleset="udp3164" rcvbufSize="4m")
input(type="imtcp" address="127.0.0.1" port="$TCP_PORT" ruleset="tcp5424")
template(name="Fields" type="list") {
  constant(value="pri=") property(name="pri")
  constant(value=" fac=") property(name="syslogfacility")
  constant(value=" sev=") property(name="syslogseverity")
  constant(value=" ver=") property(name="protocol-version")
  constant(value=" ts=") property(name="timereported" dateFormat="rfc3339")
  constant(value=" host=") property(name="hostname")
  constant(value=" app=") property(name="app-name")
  constant(value=" procid=") property(name="procid")
  constant(value=" msgid=") property(name="msgid")
  constant(value=" sd=") property(name="structured-data")
  constant(value=" msg=[") property(name="msg")
  constant(value="]\n")
}
ruleset(name="udp5424") { action(type="omfile" file="$TMP/udp5424.log" template="Fields") }
ruleset(name="udp3164") { action(type="omfile" file="$TMP/udp3164.log" template="Fields") }
ruleset(name="tcp5424") { action(type="omfile" file="$TMP/tcp5424.log" template="Fields") }
EOF

"$RSYSLOGD" -n -f "$TMP/rsyslog.conf" -i "$TMP/rsyslogd.pid" >"$TMP/rsyslogd.err" 2>&1 &
RSYSLOGD_PID=$!
trap 'kill "$RSYSLOGD_PID" 2>/dev/null; wait "$RSYSLOGD_PID" 2>/dev/null; rm -rf "$TMP"' EXIT

# Up when its TCP port answers.
up=0
for _ in $(seq 100); do
	if "$PY" -c "import socket; socket.create_connection(('127.0.0.1', $TCP_PORT)).close()" 2>/dev/null; then
		up=1
		break
	fi
	sleep 0.1
done
if [ "$up" -eq 1 ]; then ok "syslog-rsyslogd-started"; else
	not_ok "syslog-rsyslogd-started" "$(head -5 "$TMP/rsyslogd.err")"
	exit 1
fi

# not_ok_lines NAME TEXT FILE: like not_ok, with evidence lines from FILE
# printed as they are (echo would read the messages' backslashes).
not_ok_lines() {
	echo "not ok - $1"
	echo "#   $2"
	sed 's/^/#   /' "$3"
}

# gen FORMAT COUNT BOM: writes $TMP/in.tsv (the sender's input) and
# $TMP/want.txt (rsyslog's template line for each message).  Byte-wise
# (LC_ALL=C): the characters escaped are ASCII, and UTF-8 continuation
# bytes never look like them.
gen() {
	LC_ALL=C awk -v fmt="$1" -v n="$2" -v bom="$3" -v in_file="$TMP/in.tsv" \
		-v want_file="$TMP/want.txt" '
	function rep(c, k,   s) { s = ""; while (k-- > 0) s = s c; return s }
	# RFC 5424 PARAM-VALUE escaping, as the receiver must see it.
	function sd_escape(v,   out, i, c) {
		out = ""
		for (i = 1; i <= length(v); i++) {
			c = substr(v, i, 1)
			if (c == "\\" || c == "\"" || c == "]")
				out = out "\\"
			out = out c
		}
		return out
	}
	# The sender reads "\n" as a line feed; rsyslog shows it as #012.
	function shown(t,   out, k) {
		out = ""
		while ((k = index(t, "\\n")) > 0) {
			out = out substr(t, 1, k - 1) "#012"
			t = substr(t, k + 2)
		}
		return out t
	}
	function nil(v) { return v == "" ? "-" : v }
	# One message: the input line, and what rsyslog must print.
	function emit(fac, sev, ts, host, app, procid, msgid, sdid, sdname, sdval,
		      text, w_host, w_app, w_procid, w_msgid,   sd, prog, k) {
		printf "%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", fac, sev, ts,
			host, app, procid, msgid, sdid, sdname, sdval, text > in_file
		if (fmt == "rfc5424") {
			sd = sdid == "" ? "-" : sdname == "" ? "[" sdid "]" : \
				"[" sdid " " sdname "=\"" sd_escape(sdval) "\"]"
			printf "pri=%d fac=%d sev=%d ver=1 ts=%s host=%s app=%s procid=%s " \
				"msgid=%s sd=%s msg=[%s%s]\n", fac * 8 + sev, fac, sev, ts,
				w_host, w_app, nil(w_procid), nil(w_msgid), sd,
				bom ? "\357\273\277" : "", shown(text) > want_file
		} else {
			prog = w_app
			if ((k = index(prog, "/")) > 0)
				prog = substr(prog, 1, k - 1)
			# Month to second: "11-08T09:15:02".
			printf "pri=%d fac=%d sev=%d ver=0 ts=%s host=%s app=%s procid=%s " \
				"msgid=- sd=- msg=[ %s]\n", fac * 8 + sev, fac, sev,
				substr(ts, 6, 14), w_host, prog, nil(w_procid),
				shown(text) > want_file
		}
	}
	BEGIN {
		apps[0] = "sshd"; apps[1] = "postfix/smtpd"; apps[2] = "suricata"
		apps[3] = "Microsoft-Windows-Security-Auditing"; apps[4] = "FortiGate-100F"
		texts[0] = "Người dùng \"admin\" đăng nhập thất bại từ 10.20.5.23"
		texts[1] = "C:\\Windows\\System32\\cmd.exe /c whoami & Phòng Tài chính"
		texts[2] = "[alert] ]] quote \" backslash \\ end"
		texts[3] = "dòng một\\ndòng hai"
		texts[4] = "{\"event_type\":\"alert\",\"src_ip\":\"10.20.5.23\"}"
		vals[0] = "C:\\Temp\\\"báo cáo\"].docx"; vals[1] = "Tài liệu mật"
		vals[2] = ""; vals[3] = "a]b\\c\"d"
		for (i = 0; i < n; i++) {
			ts = sprintf("2023-11-08T%02d:%02d:%02d.%06d+07:00", 9 + int(i / 3600),
				     int(i / 60) % 60, i % 60, (i * 7919) % 1000000)
			host = sprintf("ubnd-px%02d.binhduong.gov.vn", i % 91)
			app = apps[i % 5]
			procid = i % 3 == 0 ? "" : 1000 + i
			msgid = i % 4 == 0 ? "" : "ID" (i % 50)
			sdid = sdname = sdval = ""
			if (i % 5 == 1) {
				sdid = "origin@32473"
			} else if (i % 5 > 1) {
				sdid = "drill@32473"; sdname = "file"; sdval = vals[i % 4]
			}
			# RFC 3164 allows a TAG of 32 characters.
			emit(i % 24, i % 8, ts, host, app, procid, msgid, sdid, sdname,
			     sdval, sprintf("seq=%05d %s", i, texts[i % 5]), host,
			     fmt == "rfc3164" ? substr(app, 1, 32) : app, procid, msgid)
		}
		# Fields the sink has to clip or clean, and what arrives.
		ts = "2023-11-08T23:59:59.999999+07:00"
		if (fmt == "rfc5424") {
			emit(23, 7, ts, "máy-chủ.binhduong.gov.vn", rep("a", 60), "pid 7",
			     rep("M", 40), "", "", "", sprintf("seq=%05d limits", n),
			     "m_y-ch_.binhduong.gov.vn", rep("a", 48), "pid_7", rep("M", 32))
		} else {
			emit(23, 7, ts, "máy chủ", rep("t", 40), "7]", "", "", "", "",
			     sprintf("seq=%05d limits", n), "m_y_ch", rep("t", 32), "7_", "")
			emit(0, 0, ts, "mail01", "postfix:smtpd", "", "", "", "", "",
			     sprintf("seq=%05d tag", n + 1), "mail01", "postfix_smtpd", "", "")
		}
	}'
}

# received NAME: the log rsyslog wrote, 3164 timestamps cut to month to
# second (the year and zone are the receiver's).
received() {
	LC_ALL=C sed -E 's/^(pri=[0-9]+ fac=[0-9]+ sev=[0-9]+ ver=0 ts=)[0-9]{4}-([0-9]{2}-[0-9]{2}T[0-9:]{8})[^ ]* /\1\2 /' \
		"$TMP/$1.log" 2>/dev/null
}

# run_case NAME SPEC FORMAT COUNT BOM [SENDER OPTIONS]
run_case() {
	name=$1 spec=$2 fmt=$3 count=$4 bom=$5
	shift 5
	gen "$fmt" "$count" "$bom"
	want=$(grep -c . "$TMP/want.txt")
	run_bin "$SENDER" --send "$spec" "$@" <"$TMP/in.tsv"
	if [ "$STATUS" -eq 0 ] && grep -q "^queued=$want sent=$want dropped=0 left=0\$" "$TMP/stdout"; then
		ok "syslog-$name-sent"
	else
		not_ok "syslog-$name-sent" "exit $STATUS: $(cat "$TMP/stdout")" "$(head -3 "$TMP/stderr")"
	fi
	# Wait for the last of them, then a little more for any extra.
	for _ in $(seq 300); do
		[ "$(received "$name" | grep -c .)" -ge "$want" ] && break
		sleep 0.1
	done
	sleep 0.5
	received "$name" >"$TMP/got.txt"
	got=$(grep -c . "$TMP/got.txt")
	if [ "$got" -eq "$want" ]; then ok "syslog-$name-count"; else
		not_ok "syslog-$name-count" "rsyslog received $got messages, $want were sent"
	fi
	LC_ALL=C sort "$TMP/want.txt" >"$TMP/want.sorted"
	LC_ALL=C sort "$TMP/got.txt" >"$TMP/got.sorted"
	if cmp -s "$TMP/want.sorted" "$TMP/got.sorted"; then ok "syslog-$name-fields"; else
		diff "$TMP/want.sorted" "$TMP/got.sorted" | grep '^[<>]' | head -6 |
			sed 's/^</-/; s/^>/+/' >"$TMP/diff"
		not_ok_lines "syslog-$name-fields" \
			"rsyslog parsed other fields than were sent (- sent, + parsed):" "$TMP/diff"
	fi
}

# UDP is paced (bursts of 200) so that rsyslog's socket buffer never
# overflows, which would lose datagrams for reasons of the receiver's.
run_case udp5424 "udp://127.0.0.1:$UDP5424_PORT" rfc5424 3000 0 --rate 2000
run_case udp3164 "udp://127.0.0.1:$UDP3164_PORT,rfc3164" rfc3164 2000 0 --rate 2000
run_case tcp5424 "tcp://127.0.0.1:$TCP_PORT,rfc5424" rfc5424 5000 1 --bom

# One TCP connection, octet counted: the stream keeps its order.
if cmp -s "$TMP/want.txt" "$TMP/got.txt"; then ok "syslog-tcp5424-in-order"; else
	not_ok "syslog-tcp5424-in-order" "rsyslog logged the TCP messages in another order"
fi
