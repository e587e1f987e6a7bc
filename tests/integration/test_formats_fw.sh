# Firewall formats held to real parsers and to the reference samples:
# the FortiGate key=value lines of fmt_fortigate and the CEF lines of
# fmt_cef (APT sensor alerts, FortiGate logs in CEF mode), as the unit
# test programs write them (test_fmt_fortigate --write DIR,
# test_fmt_cef --write DIR).
#
# - A real rsyslogd ($SHARED/tools/rsyslog-parse, Debian's rsyslog) gets
#   every line with its <PRI>: facility and severity must parse as sent,
#   and the message must keep every key=value pair (rsyslog takes a
#   FortiGate body's first pair, date=..., as the tag, and a CEF line's
#   "CEF:" as the tag; tag and message together are the line).
# - The key=value bodies are read by a strict parser (quoted values may
#   hold spaces and the escapes \" \\ \n \r \xNN, bare values hold
#   neither spaces nor quotes), which must first read every line of
#   $SHARED/formats/fortigate; then each key's quoting and the order of
#   the keys are compared with those sample lines.
# - CEF lines are read by a strict parser following the rules of
#   $SHARED/formats/README.md (3b), which must accept and reject the
#   decoder vectors of $SHARED/formats/cef/examples.log as those rules
#   say before its verdict on ours counts.
#
# Needs Debian's rsyslog and python3.  A missing checker is a failure.
. "$(dirname "$0")/lib.sh"

UNIT_DIR=${UNIT_DIR:-build/tests}
TOOLS=$SHARED/tools
FORMATS=$SHARED/formats
PY=/usr/bin/python3

missing=""
[ -x "$TOOLS/rsyslog-parse" ] || missing="$missing $TOOLS/rsyslog-parse"
[ -x "$PY" ] || missing="$missing $PY (apt-get install -y python3)"
command -v rsyslogd >/dev/null 2>&1 || missing="$missing rsyslogd (apt-get install -y rsyslog)"
for f in fortigate/examples-syslog.log fortigate/examples-body.log cef/examples.log; do
	[ -r "$FORMATS/$f" ] || missing="$missing $FORMATS/$f"
done
if [ -n "$missing" ]; then
	not_ok "fw-checkers-present" "missing:$missing"
	exit 1
fi
ok "fw-checkers-present"

mkdir -p "$TMP/fw"
run_bin "$UNIT_DIR/test_fmt_fortigate" --write "$TMP/fw"
expect_status "fortigate-sample-written" 0
run_bin "$UNIT_DIR/test_fmt_cef" --write "$TMP/fw"
expect_status "cef-sample-written" 0

# The real rsyslogd's reading of every line, one datagram each.
run_bin "$TOOLS/rsyslog-parse" --udp "$TMP/fw/fortigate.log"
cp "$TMP/stdout" "$TMP/fw/fortigate.rsyslog"
expect_status "fortigate-rsyslog-ran" 0
run_bin "$TOOLS/rsyslog-parse" --udp "$TMP/fw/cef.log"
cp "$TMP/stdout" "$TMP/fw/cef.rsyslog"
expect_status "cef-rsyslog-ran" 0

"$PY" - "$TMP/fw" "$FORMATS" <<'EOF'
import re
import sys

out_dir, formats = sys.argv[1], sys.argv[2]


def report(name, good, evidence=()):
    print(("ok - " if good else "not ok - ") + name)
    if not good:
        for line in list(evidence)[:8]:
            print("#   " + line)


def lines_of(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip()]


PRI = re.compile(r"^<(0|[1-9][0-9]{0,2})>")
FACILITIES = ["kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
              "news", "uucp", "cron", "authpriv", "ftp", "ntp", "audit",
              "alert", "clock"] + ["local%d" % i for i in range(8)]
SEVERITIES = ["emerg", "alert", "crit", "err", "warning", "notice", "info",
              "debug"]
RSYSLOG = re.compile(r"^pri=(\d+) fac=(\S+) sev=(\S+) ver=(\S+) ts=(\S+) "
                     r"host=(\S*) app=(.*?) procid=(\S*) msgid=(\S*) "
                     r"sd=(.*?) tag=(\S*) msg=\[(.*)\]$")


def split_pri(line):
    m = PRI.match(line)
    if not m or int(m.group(1)) > 191:
        return None, line
    return int(m.group(1)), line[m.end():]


def rsyslog_records(path):
    recs = []
    for l in lines_of(path):
        m = RSYSLOG.match(l)
        recs.append(m.groups() if m else ("unparsed", l))
    return recs


def check_pri(name, sent, recs):
    bad = []
    for pri, rec in zip(sent, recs):
        want = (str(pri), FACILITIES[pri >> 3], SEVERITIES[pri & 7])
        if tuple(rec[:3]) != want:
            bad.append("sent <%d>, rsyslog read %s" % (pri, rec[:3]))
    report(name, len(sent) == len(recs) and not bad,
           bad or ["%d lines sent, %d parsed" % (len(sent), len(recs))])


# --- FortiGate key=value -----------------------------------------------------

PAIR = re.compile(r'([a-z][a-z0-9_]*)=("(?:[^"\\\x00-\x1f]|\\["\\nr]|'
                  r'\\x[0-9a-f]{2})*"|[^\s"=]+)(?: |$)')


def parse_kv(body):
    """[(key, quoted, value)], or raise ValueError where it stops."""
    pairs, pos = [], 0
    while pos < len(body):
        m = PAIR.match(body, pos)
        if not m or m.end() == len(body) and body.endswith(" "):
            raise ValueError("at byte %d: %r" % (pos, body[pos:pos + 40]))
        pairs.append((m.group(1), m.group(2).startswith('"'), m.group(2)))
        pos = m.end()
    if not pairs:
        raise ValueError("empty body")
    return pairs


samples = []
bad = []
for name in ("examples-syslog.log", "examples-body.log"):
    for l in lines_of(formats + "/fortigate/" + name):
        try:
            samples.append(parse_kv(split_pri(l)[1]))
        except ValueError as e:
            bad.append("%s: %s" % (name, e))
report("fortigate-strict-parser-reads-samples", not bad and len(samples) == 14,
       bad or ["%d sample lines" % len(samples)])

ours = []
sent = []
bad = []
for l in lines_of(out_dir + "/fortigate.log"):
    pri, body = split_pri(l)
    if pri is None:
        bad.append("no <PRI>: " + l[:60])
        continue
    try:
        ours.append(parse_kv(body))
        sent.append(pri)
    except ValueError as e:
        bad.append(str(e))
report("fortigate-strict-parse", not bad and len(ours) >= 10,
       bad or ["%d lines" % len(ours)])

recs = rsyslog_records(out_dir + "/fortigate.rsyslog")
check_pri("fortigate-rsyslog-pri", sent, recs)
# rsyslog makes the first pair the tag; tag and message are the body.
bad = []
bodies = [split_pri(l)[1] for l in lines_of(out_dir + "/fortigate.log")]
for body, rec in zip(bodies, recs):
    kept = rec[10] + rec[11] if len(rec) == 12 else ""
    if kept != body:
        bad.append("sent %r, got %r" % (body[:70], kept[:70]))
    else:
        try:
            if parse_kv(kept) != parse_kv(body):
                bad.append("pairs differ: " + body[:70])
        except ValueError as e:
            bad.append(str(e))
report("fortigate-rsyslog-keeps-pairs", len(bodies) == len(recs) and not bad, bad)


def field(pairs, key):
    for k, _, v in pairs:
        if k == key:
            return v.strip('"')
    return None


# Quoting: each key as the samples quote it; no key the samples lack.
quoting = {}
known = {}
for s in samples:
    for k, q, _ in s:
        quoting.setdefault(k, set()).add(q)
        known.setdefault(field(s, "type"), set()).add(k)
bad = ["samples quote %s both ways" % k for k, q in quoting.items() if len(q) > 1]
for p in ours:
    kind = field(p, "type")
    for k, q, v in p:
        if k not in known.get(kind, ()):
            bad.append("%s log: key %s is in no %s sample" % (kind, k, kind))
        elif q not in quoting[k]:
            bad.append("%s=%s quoted %s, samples %s" % (k, v, q, quoting[k]))
report("fortigate-keys-known-and-quoted-as-samples", not bad, sorted(set(bad)))


def sample_order(pairs):
    """The sample's keys, with eventtime and tz where FortiOS 7.x sends
    them (README 3a, leading keys): right before logid.  The samples are
    6.x lines, which sent both after vd."""
    keys = [k for k, _, _ in pairs if k not in ("eventtime", "tz")]
    lead = [k for k, _, _ in pairs if k in ("eventtime", "tz")]
    i = keys.index("logid")
    return keys[:i] + lead + keys[i:]


def same_order(ours_keys, sample_keys):
    common = [k for k in ours_keys if k in sample_keys]
    return common == [k for k in sample_keys if k in common]


def candidates(pairs, pool, key_of):
    """Samples of the same type and subtype, and for traffic of the same
    kind of ending: a denied session logs its counters in another order."""
    same = [s for s in pool if key_of(s) == key_of(pairs)]
    deny = [s for s in same if field(s, "action") == "deny"]
    rest = [s for s in same if field(s, "action") != "deny"]
    if field(pairs, "action") == "deny" and deny:
        return deny
    return rest or same


bad = []
compared = 0
for p in ours:
    keys = [k for k, _, _ in p]
    pool = candidates(p, samples, lambda s: (field(s, "type"), field(s, "subtype")))
    if not pool:
        bad.append("no sample of %s/%s" % (field(p, "type"), field(p, "subtype")))
    for s in pool:
        compared += 1
        if not same_order(keys, sample_order(s)):
            common = [k for k in keys if k in sample_order(s)]
            bad.append("%s/%s: ours %s" % (field(p, "type"), field(p, "subtype"),
                                           " ".join(common)))
            bad.append("  sample %s" % " ".join(k for k in sample_order(s) if k in common))
report("fortigate-key-order-as-samples", not bad and compared >= len(ours), bad)

# One session, one sessionid; another session, another.
by_session = {}
for p in ours:
    tup = tuple(field(p, k) for k in ("srcip", "srcport", "dstip", "dstport", "proto"))
    by_session.setdefault(tup, set()).add(field(p, "sessionid"))
ids = [i for s in by_session.values() for i in s]
report("fortigate-sessionid-per-session",
       all(len(s) == 1 for s in by_session.values()) and len(ids) == len(set(ids)),
       ["%s: %s" % (t, s) for t, s in by_session.items()])

# --- CEF -----------------------------------------------------------------------

HEADER_3164 = re.compile(r"^<(0|[1-9][0-9]{0,2})>(Jan|Feb|Mar|Apr|May|Jun|Jul|"
                         r"Aug|Sep|Oct|Nov|Dec) ([ 1-3][0-9]) "
                         r"([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9] (\S+) (?=CEF:)")
CUSTOM = re.compile(r"^(cs|cn|cfp|c6a|flexString|flexNumber|deviceCustomDate)(\d+)$")


def parse_cef(text):
    """Strict CEF (README 3b).  text starts at "CEF:".  Returns the seven
    header fields and the [(key, value)] extension, unescaped, or raises
    ValueError."""
    if not text.startswith("CEF:0|"):
        raise ValueError("not CEF:0")
    if "\n" in text or "\r" in text:
        raise ValueError("a line break")
    fields, cur, i = [], "", 4
    while len(fields) < 7:
        if i >= len(text):
            raise ValueError("%d header fields, not 7" % len(fields))
        c = text[i]
        if c == "\\":
            if text[i + 1:i + 2] not in ("|", "\\"):
                raise ValueError("header escape \\%s" % text[i + 1:i + 2])
            cur += text[i + 1]
            i += 2
            continue
        if c == "|":
            fields.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    if not re.fullmatch(r"10|[0-9]", fields[6]):
        raise ValueError("severity %r" % fields[6])
    ext = text[i:]
    pairs = []
    if ext == "":
        return fields, pairs
    # Every '=' not behind a backslash ends a key: values have none bare.
    seps = [m.end() - 1 for m in re.finditer(r"(?<!\\)(?:\\\\)*=", ext)]
    starts = []
    for s in seps:
        m = re.search(r"[A-Za-z0-9_]+$", ext[:s])
        if not m or (m.start() > 0 and ext[m.start() - 1] != " "):
            raise ValueError("bare '=' or bad key before byte %d: %r" % (s, ext[max(0, s - 20):s + 5]))
        starts.append((m.start(), s))
    if not starts or starts[0][0] != 0:
        raise ValueError("extension does not start with a key")
    for n, (k0, s) in enumerate(starts):
        end = starts[n + 1][0] - 1 if n + 1 < len(starts) else len(ext)
        raw = ext[s + 1:end]
        if raw != raw.strip(" "):
            raise ValueError("space around the value of %s" % ext[k0:s])
        if re.search(r"\\(?![\\=nr])", raw.replace("\\\\", "")):
            raise ValueError("extension escape in %r" % raw)
        value = re.sub(r"\\([\\=nr])",
                       lambda m: {"n": "\n", "r": "\r"}.get(m.group(1), m.group(1)), raw)
        pairs.append((ext[k0:s], value))
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("a key twice")
    for k in keys:
        m = CUSTOM.match(k)
        if m and k + "Label" not in keys:
            raise ValueError("%s without its label" % k)
        if k.endswith("Label") and CUSTOM.match(k[:-5]) and k[:-5] not in keys:
            raise ValueError("%s without its value" % k)
    return fields, pairs


# The parser against the decoder vectors: which lines keep the rules.
# Rejected: an escaped pipe in the extension (line 2), bare '=' in a
# value (4), severity "|10" (5), a key with a dot (8).
expect = [True, False, True, False, False, True, True, False, True]
got = []
for l in lines_of(formats + "/cef/examples.log"):
    if l.startswith("#"):
        continue
    try:
        parse_cef(l[l.index("CEF:"):])
        got.append(True)
    except ValueError:
        got.append(False)
bad = [] if got == expect else ["accepted %s" % got, "expected %s" % expect]
# Header escapes with a trailing '|' and no extension; a missing seventh
# pipe; a label without its value.
try:
    fields, pairs = parse_cef("CEF:0|secu\\|rity|threatmanager\\||1.\\|0|"
                              "10\\|0|tro\\|jan|10|")
    if fields != ["0", "secu|rity", "threatmanager|", "1.|0", "10|0", "tro|jan",
                  "10"] or pairs:
        bad.append("header escapes read as %s %s" % (fields, pairs))
except ValueError as e:
    bad.append("header escapes refused: %s" % e)
for wrong in ("CEF:0|a|b|c|d|e|5", "CEF:0|a|b|c|d|e|5|cs1Label=x",
              "CEF:0|a|b|c|d|e|5|k=a\\qb"):
    try:
        parse_cef(wrong)
        bad.append("accepted " + wrong)
    except ValueError:
        pass
report("cef-strict-parser-judges-vectors", not bad, bad)

fortinet_sample = None
for l in lines_of(formats + "/cef/examples.log"):
    if "|Fortinet|" in l:
        fortinet_sample = parse_cef(l[l.index("CEF:"):])

cef = []
sent = []
bad = []
for l in lines_of(out_dir + "/cef.log"):
    m = HEADER_3164.match(l)
    if not m or int(m.group(1)) > 191:
        bad.append("no RFC 3164 header: " + l[:60])
        continue
    try:
        cef.append((m.groups(), parse_cef(l[m.end():]), l[m.end():]))
        sent.append(int(m.group(1)))
    except ValueError as e:
        bad.append("%s: %s" % (e, l[:70]))
report("cef-strict-parse", not bad and len(cef) >= 10, bad or ["%d lines" % len(cef)])

recs = rsyslog_records(out_dir + "/cef.rsyslog")
check_pri("cef-rsyslog-pri", sent, recs)
bad = []
for (hdr, _, text), rec in zip(cef, recs):
    if len(rec) != 12:
        bad.append("unparsed: %s" % rec[1][:60])
        continue
    month = "%02d" % (["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                        "Sep", "Oct", "Nov", "Dec"].index(hdr[1]) + 1)
    want_ts = "-%s-%02dT%s:" % (month, int(hdr[2]), hdr[3])
    if rec[5] != hdr[4] or rec[10] != "CEF:" or rec[11] != text[4:]:
        bad.append("host %r tag %r msg %r" % (rec[5], rec[10], rec[11][:50]))
    if want_ts not in rec[4]:
        bad.append("time %s read as %s" % (want_ts, rec[4]))
report("cef-rsyslog-header-and-message", len(cef) == len(recs) and not bad, bad)

# FortiGate CEF against the Fortinet example: the keys both have, in the
# same order (the example is a forward session that was not denied).
bad = []
compared = 0
sample_keys = [k for k, _ in fortinet_sample[1]]
for hdr, (fields, pairs), _ in cef:
    d = dict(pairs)
    if fields[1] != "Fortinet" or d.get("cat") != "traffic:forward" or d.get("act") == "deny":
        continue
    compared += 1
    if not same_order([k for k, _ in pairs], sample_keys):
        bad.append(" ".join(k for k, _ in pairs if k in sample_keys))
report("cef-fortigate-order-as-sample", compared >= 1 and not bad,
       bad or ["no forward session to compare"])

# Each FortiGate CEF line carries the values of its key=value line.
MAPPED = {"srcip": "src", "srcport": "spt", "srcintf": "deviceInboundInterface",
          "dstip": "dst", "dstport": "dpt", "dstintf": "deviceOutboundInterface",
          "sessionid": "externalId", "proto": "proto", "action": "act",
          "policyid": "cs5", "service": "app", "transip": "sourceTranslatedAddress",
          "transport": "sourceTranslatedPort", "duration": "cn1",
          "sentbyte": "out", "rcvdbyte": "in", "sentpkt": "cn2", "rcvdpkt": "cn3",
          "msg": "msg", "hostname": "dhost", "url": "request", "filename": "fname",
          "ref": "cs2", "devid": "deviceExternalId"}
SKIP = ("date", "time", "devname", "type", "direction")


def unquote(v):
    if not v.startswith('"'):
        return v
    return re.sub(r'\\(["\\nr]|x[0-9a-f]{2})',
                  lambda m: {"n": "\n", "r": "\r"}.get(m.group(1),
                  chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "x" else m.group(1)),
                  v[1:-1])


def mismatches(p, d):
    bad = []
    for k, _, v in p:
        if k in SKIP:
            continue
        name = MAPPED.get(k, "FTNTFGT" + k)
        # CEF's src and dst are IPv4: IPv6 ends take the c6a2/c6a3 pair.
        if k in ("srcip", "dstip") and ":" in v:
            name = "c6a2" if k == "srcip" else "c6a3"
            label = "Source IPv6 Address" if k == "srcip" else "Destination IPv6 Address"
            if d.get(name + "Label") != label:
                bad.append("%s=%s but %sLabel=%s" % (k, v, name, d.get(name + "Label")))
        if d.get(name) != unquote(v):
            bad.append("%s=%s but %s=%s" % (k, v, name, d.get(name)))
    return bad


bad = []
matched = 0
for hdr, (fields, pairs), _ in cef:
    if fields[1] != "Fortinet":
        continue
    d = dict(pairs)
    # Its key=value line: same logid, time and session, every value equal.
    tries = [mismatches(p, d) for p in ours
             if (field(p, "logid"), field(p, "eventtime"), field(p, "sessionid")) ==
             (d.get("FTNTFGTlogid"), d.get("FTNTFGTeventtime"), d.get("externalId"))]
    if [] in tries:
        matched += 1
    else:
        bad.append("no key=value line for %s %s" % (fields[5], d.get("externalId")))
        bad.extend(min(tries, key=len) if tries else [])
report("cef-fortigate-matches-key-value", matched >= 8 and not bad,
       bad or ["%d matched" % matched])
EOF
