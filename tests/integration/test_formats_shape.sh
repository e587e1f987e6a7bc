# Side by side with the real products: one file of each kind from a real
# headless run (the stock APT with background traffic), laid beside the
# real samples in $SHARED/formats, must have their shape where a reader
# (or a parser keyed on it) would see a difference:
#   eve.json       per event_type, the top-level keys and the event
#                  object's keys in the order real Suricata lines have
#                  them (keys both have; Suricata 8 adds ip_v and pkt_src);
#   Zeek logs      #fields and #types of each log equal to the real Zeek
#                  7 log's, but for the columns of scripts loaded
#                  differently (community_id here, file extraction there);
#   fortigate.log  per type and subtype, the keys the samples have, in
#                  their order;
#   cef.log        the header: CEF:0, seven unescaped pipes, an integer
#                  severity, after an RFC 3164 prefix as Fortinet's
#                  documented example has;
#   Windows XML    per event id and version, the <System> elements and the
#                  <Data> names in the real events' order (Sysmon's newer
#                  schema may add names);
#   mail.log and auth.log, the line prefix: RFC 3339 timestamp with the
#                  same six fraction digits and offset form as Debian 12's
#                  rsyslog, host, tag[pid]: .
# The unit-test samples are held to the same samples by test_formats*.sh;
# this test looks at what a drill writes.
. "$(dirname "$0")/lib.sh"

FORMATS=$SHARED/formats
PY=/usr/bin/python3

missing=""
[ -x "$PY" ] || missing="$missing $PY (apt-get install -y python3)"
for f in suricata/examples.jsonl suricata/examples-from-docs.jsonl zeek/conn.log \
	fortigate/examples-body.log fortigate/examples-syslog.log cef/examples.log \
	windows/security-events.evtxexport.xml sysmon/sysmon-events.evtxexport.xml \
	postfix/mail.log-debian12-rsyslog-default sshd/auth.log-debian12-rsyslog-default; do
	[ -r "$FORMATS/$f" ] || missing="$missing $FORMATS/$f"
done
if [ -n "$missing" ]; then
	not_ok "shape-references-present" "missing:$missing"
	exit 1
fi
ok "shape-references-present"

run_cmd run --headless --seed 7 --background 0.3 --out "$TMP/run" scenarios/apt-mustang-panda.lua
expect_status "shape-run" 0

"$PY" - "$TMP/run" "$FORMATS" <<'PY'
import glob, json, os, re, sys
import xml.etree.ElementTree as ET

run, formats = sys.argv[1], sys.argv[2]


def report(name, good, evidence=(), compared=""):
    print(("ok - " if good else "not ok - ") + name)
    if not good:
        for line in list(evidence)[:8]:
            print("#   " + line)
    elif compared:
        print("#   %s: %s" % (name, compared))


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("# ")]


def one_file(name):
    """The first sensor folder's file of that name (sorted, so stable)."""
    found = sorted(glob.glob(os.path.join(run, "*", name)))
    return found[0] if found else None


def same_order(ours, real):
    """The keys both lists have come in the same order in each."""
    common = [k for k in ours if k in real]
    return len(common) >= 2 and common == [k for k in real if k in ours]


# --- EVE ----------------------------------------------------------------------
real_eve = {}
for name in ("examples.jsonl", "examples-from-docs.jsonl"):
    for l in lines(os.path.join(formats, "suricata", name)):
        r = json.loads(l)
        real_eve.setdefault(r["event_type"], []).append(r)
ours_eve = {}
for l in lines(one_file("eve.json")):
    r = json.loads(l)
    ours_eve.setdefault(r["event_type"], {})[tuple(r)] = r
bad, compared = [], []
for etype, shapes in sorted(ours_eve.items()):
    reals = real_eve.get(etype, [])
    if not reals:
        continue
    compared.append(etype)
    obj = "flow" if etype == "flow" else etype
    for keys, r in shapes.items():
        if not any(same_order(list(keys), list(x)) for x in reals):
            bad.append("%s top level: %s" % (etype, " ".join(keys)))
        inner = r.get(obj)
        if isinstance(inner, dict):
            reals_inner = [list(x[obj]) for x in reals if isinstance(x.get(obj), dict)]
            if reals_inner and not any(same_order(list(inner), x) for x in reals_inner):
                bad.append("%s.%s: %s" % (etype, obj, " ".join(inner)))
report("shape-eve-key-order", len(compared) >= 4 and not bad,
       bad or ["compared only %s" % compared], " ".join(compared))

# --- Zeek ---------------------------------------------------------------------
# Columns of scripts this sensor loads and the sample's Zeek did not, and
# the other way round: community-id-logging here, file extraction there.
OURS_ONLY = {"conn": ["community_id"]}
REAL_ONLY = {"files": ["extracted", "extracted_cutoff", "extracted_size"]}


def zeek_header(path):
    head = {}
    for l in open(path, encoding="utf-8"):
        if not l.startswith("#"):
            break
        parts = l.rstrip("\n").split("\t")
        head[parts[0]] = parts[1:]
    return list(zip(head.get("#fields", []), head.get("#types", [])))


bad, logs = [], 0
for path in sorted(glob.glob(os.path.join(os.path.dirname(one_file("conn.log")), "*.log"))):
    log = os.path.basename(path)[:-4]
    real_path = os.path.join(formats, "zeek", log + ".log")
    if not os.path.exists(real_path):
        continue
    logs += 1
    ours = [c for c in zeek_header(path) if c[0] not in OURS_ONLY.get(log, [])]
    real = [c for c in zeek_header(real_path) if c[0] not in REAL_ONLY.get(log, [])]
    if ours != real:
        diff = [("%s %s" % o, "%s %s" % r) for o, r in zip(ours, real) if o != r]
        bad.append("%s: %d columns, real %d; first difference %s" %
                   (log, len(ours), len(real), diff[:1] or "in length"))
report("shape-zeek-fields-and-types", logs >= 3 and not bad, bad or ["%d logs compared" % logs],
       "%d logs" % logs)

# --- FortiGate ----------------------------------------------------------------
PAIR = re.compile(r'([a-z][a-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)')


def fgt_keys(line):
    body = re.sub(r"^<\d+>", "", line)
    return [m.group(1) for m in PAIR.finditer(body)]


def fgt_lead(keys):
    """eventtime and tz where FortiOS 7.x sends them (README 3a, leading
    keys): right before logid; the samples' 6.x bodies send them after
    vd.  test_formats_fw.sh reads the samples the same way."""
    rest = [k for k in keys if k not in ("eventtime", "tz")]
    lead = [k for k in keys if k in ("eventtime", "tz")]
    i = rest.index("logid") if "logid" in rest else 0
    return rest[:i] + lead + rest[i:]


def fgt_kind(keys, line):
    m = dict(re.findall(r'\b(type|subtype)="?([a-z-]+)"?', line))
    return m.get("type"), m.get("subtype")


samples = {}
for name in ("examples-body.log", "examples-syslog.log"):
    for l in lines(os.path.join(formats, "fortigate", name)):
        keys = fgt_keys(l)
        samples.setdefault(fgt_kind(keys, l), []).append(fgt_lead(keys))
bad, kinds = [], set()
for path in sorted(glob.glob(os.path.join(run, "*", "fortigate.log"))):
    for l in lines(path):
        keys = fgt_keys(l)
        kind = fgt_kind(keys, l)
        if kind not in samples:
            continue
        kinds.add(kind)
        if not any(same_order(keys, s) for s in samples[kind]):
            bad.append("%s/%s: %s" % (kind[0], kind[1], " ".join(keys)))
report("shape-fortigate-key-order", len(kinds) >= 1 and not bad,
       bad[:3] or ["kinds compared: %s" % sorted(kinds)],
       " ".join("%s/%s" % k for k in sorted(kinds)))

# --- CEF ----------------------------------------------------------------------
HEADER = re.compile(r"^(?:<\d{1,3}>)?(\w{3}) ([ 1-3]\d) (\d\d:\d\d:\d\d) (\S+) (CEF:.*)$")


def cef_header(text):
    """The seven header fields before the extension, pipes unescaped."""
    fields, cur, i = [], "", 0
    while i < len(text) and len(fields) < 7:
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            cur += text[i:i + 2]
            i += 2
            continue
        if c == "|":
            fields.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    return fields


vendor = [l for l in lines(os.path.join(formats, "cef", "examples.log")) if "Fortinet" in l][0]
real = HEADER.match(vendor)
real_fields = cef_header(real.group(5))
bad, n = [], 0
for path in sorted(glob.glob(os.path.join(run, "*", "cef.log"))):
    for l in lines(path):
        n += 1
        m = HEADER.match(l)
        fields = cef_header(m.group(5)) if m else []
        if not m or len(fields) != len(real_fields) or fields[0] != real_fields[0] or \
                not re.fullmatch(r"\d|10", fields[6]):
            bad.append(l[:100])
report("shape-cef-header", n > 0 and len(real_fields) == 7 and not bad,
       bad or ["no CEF line in the run"], "%d lines" % n)

# --- Windows ------------------------------------------------------------------
NS = "{http://schemas.microsoft.com/win/2004/08/events/event}"


def win_events(path, one_per_line):
    if one_per_line:
        docs = [ET.fromstring(l) for l in lines(path)]
    else:
        docs = ET.parse(path).getroot().findall(NS + "Event")
    out = []
    for e in docs:
        system = e.find(NS + "System")
        data = e.find(NS + "EventData")
        out.append(((system.find(NS + "EventID").text, system.find(NS + "Version").text),
                    [c.tag[len(NS):] for c in system],
                    [d.get("Name") for d in data] if data is not None else []))
    return out


SYSMON_IDS = ("1", "3", "11", "22")
real_win = {}
for rel in ("windows/security-events.evtxexport.xml", "sysmon/sysmon-events.evtxexport.xml"):
    for key, system, names in win_events(os.path.join(formats, rel), False):
        real_win.setdefault(key, []).append((system, names))
bad, ids = [], set()
for name in ("Security.xml", "Microsoft-Windows-Sysmon-Operational.xml"):
    path = one_file(name)
    if path is None:
        continue
    for key, system, names in win_events(path, True):
        if key not in real_win:
            continue
        ids.add(key)
        if not any(system == s for s, _ in real_win[key]):
            bad.append("%s v%s System: %s" % (key[0], key[1], " ".join(system)))
        # Sysmon's schema 4.90 adds fields (ParentUser, User) to events the
        # older samples have: theirs must all be there, in their order.
        if not any(names == n or (key[0] in SYSMON_IDS and set(n) <= set(names) and
                                  same_order(names, n)) for _, n in real_win[key]):
            bad.append("%s v%s Data: %s" % (key[0], key[1], " ".join(names)))
report("shape-windows-element-order", len(ids) >= 3 and not bad,
       sorted(set(bad))[:6] or ["event ids compared: %s" % sorted(ids)],
       " ".join("%s/v%s" % k for k in sorted(ids)))

# --- mail.log and auth.log ----------------------------------------------------
PREFIX = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)([+-]\d\d:\d\d) (\S+) ([^\s\[]+)\[(\d+)\]: ")


def prefix_shape(l):
    m = PREFIX.match(l)
    return (len(m.group(2)), len(m.group(3))) if m else None


for log, rel in (("mail.log", "postfix/mail.log-debian12-rsyslog-default"),
                 ("auth.log", "sshd/auth.log-debian12-rsyslog-default")):
    real_shapes = {prefix_shape(l) for l in lines(os.path.join(formats, rel))}
    bad, n = [], 0
    for path in sorted(glob.glob(os.path.join(run, "*", log))):
        for l in lines(path):
            n += 1
            if prefix_shape(l) not in real_shapes or prefix_shape(l) is None:
                bad.append(l[:100])
    report("shape-%s-prefix" % log, n > 0 and None not in real_shapes and len(real_shapes) == 1
           and not bad, bad[:3] or ["real shapes %s, %d lines" % (real_shapes, n)],
           "%d lines" % n)
PY
