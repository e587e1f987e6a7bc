# Sensor files from a real headless drill (`run --out DIR`): one folder
# per sensor named as in the network model, the files its product
# writes, every line accepted by the real checkers (Suricata's schema,
# the Zeek TSV checker and bro-cut), the same connection told the same
# way by Suricata and Zeek, and the same seed giving the same bytes.
. "$(dirname "$0")/lib.sh"

TOOLS=$SHARED/tools
if [ ! -x "$TOOLS/validate-eve" ] || [ ! -x "$TOOLS/validate-zeek-tsv" ]; then
	not_ok "sinks-shared-tools" "expected validate-eve and validate-zeek-tsv in $TOOLS"
	exit 1
fi

# A short stretch of background traffic around the stock APT (named, so
# that a larger default drill does not slow the test down).
APT=scenarios/apt-mustang-panda.lua
run_cmd run --headless --seed 7 --background 0.3 --out "$TMP/a" "$APT"
expect_status "sinks-run" 0
expect_line "sinks-summary" "$TMP/stdout" "^sensor files: [1-9][0-9]* records in $TMP/a\$"

for f in soc-suricata/eve.json soc-zeek/conn.log soc-zeek/dns.log soc-zeek/ssl.log \
	soc-wineventlog/Security.xml soc-wineventlog/winlogbeat.ndjson \
	soc-postfix/mail.log soc-spamassassin/mail.log soc-sshd/auth.log fgt-bd/fortigate.log; do
	if [ -s "$TMP/a/$f" ]; then ok "sinks-file-$f"; else not_ok "sinks-file-$f" "missing or empty"; fi
done
# mail.log and auth.log are in time order line by line, as rsyslog
# writes them, though one message's or session's lines span many others.
for f in "$TMP"/a/*/mail.log "$TMP"/a/*/auth.log; do
	name=sinks-time-order-$(basename "$(dirname "$f")")/$(basename "$f")
	if cut -d' ' -f1 "$f" | LC_ALL=C sort -c 2>"$TMP/order"; then ok "$name"; else
		not_ok "$name" "$(cat "$TMP/order")"
	fi
done
# Folders are sensors of the default province, nothing else.
ids=$(grep -o 'sensor { id = "[a-z-]*"' scenarios/networks/default.lua | cut -d'"' -f2)
for dir in "$TMP"/a/*/; do
	id=$(basename "$dir")
	case $id in soc-*) echo "$ids" | grep -qx "$id" || not_ok "sinks-folder-$id" "not a sensor id" ;; esac
done

run_bin "$TOOLS/validate-eve" --all "$TMP/a/soc-suricata/eve.json"
if [ "$STATUS" -eq 0 ]; then ok "sinks-eve-schema"; else
	not_ok "sinks-eve-schema" "$(head -3 "$TMP/stdout")"
fi
run_bin jq -c . "$TMP/a/soc-suricata/eve.json"
expect_status "sinks-eve-jq" 0

run_bin "$TOOLS/validate-zeek-tsv" "$TMP"/a/soc-zeek/*.log
if [ "$STATUS" -eq 0 ]; then ok "sinks-zeek-tsv"; else
	not_ok "sinks-zeek-tsv" "$(grep -v ': ok' "$TMP/stdout" | head -3)"
fi
# bro-cut reads every row; a closed file ends with #close.
rows=$(grep -vc '^#' "$TMP/a/soc-zeek/conn.log")
cut_rows=$(bro-cut uid < "$TMP/a/soc-zeek/conn.log" | grep -c .)
if [ "$rows" -gt 0 ] && [ "$rows" -eq "$cut_rows" ]; then ok "sinks-bro-cut"; else
	not_ok "sinks-bro-cut" "rows $rows, bro-cut read $cut_rows"
fi
if tail -1 "$TMP/a/soc-zeek/conn.log" | grep -q '^#close	'; then ok "sinks-zeek-close"; else
	not_ok "sinks-zeek-close" "$(tail -1 "$TMP/a/soc-zeek/conn.log")"
fi

# Windows: every event valid against the event schema, every Winlogbeat
# line JSON, one JSON document per XML event.
run_bin "$TOOLS/validate-event-xml" "$TMP/a/soc-wineventlog/Security.xml"
if [ "$STATUS" -eq 0 ]; then ok "sinks-windows-xml"; else not_ok "sinks-windows-xml" "$(tail -3 "$TMP/stdout")"; fi
run_bin jq -c . "$TMP/a/soc-wineventlog/winlogbeat.ndjson"
expect_status "sinks-winlogbeat-jq" 0
xml_events=$(grep -c '^<Event ' "$TMP/a/soc-wineventlog/Security.xml")
json_events=$(grep -c . "$TMP/a/soc-wineventlog/winlogbeat.ndjson")
if [ "$xml_events" -eq "$json_events" ]; then ok "sinks-windows-one-each"; else
	not_ok "sinks-windows-one-each" "$xml_events XML events, $json_events JSON lines"
fi

# Firewalls: the perimeter's log reaches a real rsyslogd whole, PRI and
# all; each line is one FortiGate traffic or UTM message.
head -200 "$TMP/a/fgt-bd/fortigate.log" > "$TMP/fgt.log"
run_bin "$TOOLS/rsyslog-parse" --udp "$TMP/fgt.log"
sent=$(grep -c . "$TMP/fgt.log")
parsed=$(grep -Ec '^pri=(189|188|190) fac=local7 sev=(notice|warning|info) ' "$TMP/stdout")
if [ "$sent" -gt 0 ] && [ "$parsed" -eq "$sent" ]; then ok "sinks-fortigate-rsyslog"; else
	not_ok "sinks-fortigate-rsyslog" "sent $sent, rsyslog parsed $parsed as local7" "$(head -2 "$TMP/stderr")"
fi

# Consistency: every EVE flow record is a Zeek conn row with the same
# endpoints, start time and Community ID, and the other way round.
python3 - "$TMP/a/soc-suricata/eve.json" "$TMP/a/soc-zeek/conn.log" > "$TMP/join" 2>&1 <<'PY'
import json, sys, datetime
eve, conn = {}, {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r["event_type"] != "flow":
        continue
    start = datetime.datetime.strptime(r["flow"]["start"], "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
    key = (r["src_ip"], r.get("src_port"), r["dest_ip"], r.get("dest_port"), r["proto"].lower())
    eve[key] = ("%.6f" % start, r["community_id"])
cols = None
for line in open(sys.argv[2], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("#fields"):
        cols = line.split("\t")[1:]
        continue
    if line.startswith("#"):
        continue
    f = dict(zip(cols, line.split("\t")))
    key = (f["id.orig_h"], int(f["id.orig_p"]), f["id.resp_h"], int(f["id.resp_p"]), f["proto"])
    conn[key] = (f["ts"], f["community_id"])
missing = [k for k in eve if k not in conn] + [k for k in conn if k not in eve]
differ = [k for k in eve if k in conn and eve[k] != conn[k]]
print("flows", len(eve), "conns", len(conn), "unmatched", len(missing), "differ", len(differ))
for k in (missing + differ)[:3]:
    print(" ", k, eve.get(k), conn.get(k))
sys.exit(0 if eve and not missing and not differ else 1)
PY
if [ $? -eq 0 ]; then ok "sinks-eve-zeek-join"; else not_ok "sinks-eve-zeek-join" "$(cat "$TMP/join")"; fi

# The same seed writes the same bytes.
run_cmd run --headless --seed 7 --background 0.3 --out "$TMP/b" "$APT"
if diff -r "$TMP/a" "$TMP/b" >/dev/null; then ok "sinks-reproducible"; else
	not_ok "sinks-reproducible" "$(diff -rq "$TMP/a" "$TMP/b" | head -3)"
fi

# A place that cannot be a folder is refused, clearly, before the drill.
: > "$TMP/file"
run_cmd run --headless --out "$TMP/file/x"
expect_status "sinks-bad-dir-status" 1
expect_line "sinks-bad-dir-message" "$TMP/stderr" "^irdrill: --out $TMP/file/x: Not a directory\$"
run_cmd run --headless --background fast
expect_status "sinks-bad-rate" 2

# --syslog: a TCP receiver gets every message the run says it sent, each
# an RFC 5424 frame with octet counting, from the sensors and hosts.
cat > "$TMP/recv.py" <<'PY'
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
s.settimeout(60)
c, _ = s.accept(); buf = b""; n = bad = 0; hosts = set()
while True:
    d = c.recv(65536)
    if not d: break
    buf += d
    while True:
        sp = buf.find(b" ")
        if sp < 0: break
        ln = int(buf[:sp])
        if len(buf) < sp + 1 + ln: break
        frame, buf = buf[sp + 1:sp + 1 + ln], buf[sp + 1 + ln:]
        n += 1
        parts = frame.split(b" ", 7)
        if not (frame.startswith(b"<") and parts[0].endswith(b">1") and len(parts) == 8):
            bad += 1
        hosts.add(parts[2])
print("frames %d bad %d leftover %d hosts %d" % (n, bad, len(buf), len(hosts)), flush=True)
PY
python3 "$TMP/recv.py" > "$TMP/recv.out" &
recv=$!
# A loaded machine can take seconds to start Python: wait up to 20 s.
for _ in $(seq 100); do [ -s "$TMP/recv.out" ] && break; sleep 0.2; done
port=$(head -1 "$TMP/recv.out")
run_cmd run --headless --seed 7 --background 0.3 --syslog "tcp://127.0.0.1:$port" "$APT"
expect_status "sinks-syslog-run" 0
wait "$recv"
sent=$(sed -n 's/^syslog: \([0-9]*\) messages sent, 0 dropped, 0 not delivered$/\1/p' "$TMP/stdout")
if [ -n "$sent" ] && [ "$sent" -gt 0 ] && grep -q "^frames $sent bad 0 leftover 0 hosts [1-9]" "$TMP/recv.out"; then
	ok "sinks-syslog-tcp-all-delivered"
else
	not_ok "sinks-syslog-tcp-all-delivered" "run: $(grep '^syslog:' "$TMP/stdout")" "receiver: $(tail -1 "$TMP/recv.out")"
fi
run_cmd run --headless --syslog "smtp://127.0.0.1:514"
expect_status "sinks-syslog-bad-target" 1
expect_line "sinks-syslog-bad-target-message" "$TMP/stderr" "^irdrill: --syslog .*smtp://127.0.0.1:514"
