# Windows events held to real checkers: every Event XML record of
# fmt_winevt against the Windows event schema with xmllint
# (shared/tools/validate-event-xml), the Winlogbeat JSON through jq line
# by line with the types Winlogbeat gives, and each event ID's <Data>
# names and System layout against the real events in shared/formats,
# which are the authority: the Security samples for 4624…4776, the
# Sysmon 4.90 manifest (and the older real Sysmon events, whose fields
# must come in the same order) for Sysmon 1, 3, 11 and 22.  The unit
# test program writes the samples (test_fmt_winevt --write DIR): the
# same events in both styles, line for line.
#
# Needs Debian's libxml2-utils (xmllint), jq and python3.  A missing
# checker is a failure, never a silent pass.
. "$(dirname "$0")/lib.sh"

UNIT_DIR=${UNIT_DIR:-build/tests}
TOOLS=$SHARED/tools
WINDOWS=$SHARED/formats/windows
SYSMON=$SHARED/formats/sysmon
# Debian's python3 (the shared tools use it too), whatever else PATH has.
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3

missing=""
for f in "$TOOLS/validate-event-xml" "$WINDOWS/event.xsd" \
	"$WINDOWS/security-events.evtxexport.xml" "$SYSMON/SysmonCommon-manifest.xml" \
	"$SYSMON/sysmon-events.evtxexport.xml"; do
	[ -e "$f" ] || missing="$missing $f"
done
if [ -n "$missing" ]; then
	echo "not ok - shared formats missing"
	echo "#   expected under $(pwd)/$SHARED:$missing"
	exit 1
fi
for tool in xmllint jq "$PYTHON"; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		not_ok "win-$(basename "$tool")-present" \
			"$tool is not installed (apt-get install -y libxml2-utils jq python3)"
	fi
done

mkdir -p "$TMP/win"
run_bin "$UNIT_DIR/test_fmt_winevt" --write "$TMP/win"
expect_status "win-sample-written" 0
xml=$TMP/win/winevt.xml
json=$TMP/win/winevt.json

# --- Event XML -------------------------------------------------------------

# EvtRender's shape: one <Event> per line, nothing else.
events=$(grep -c . "$xml")
if [ "$events" -ge 20 ] && ! grep -qv "^<Event xmlns='[^']*'><System>.*</Event>$" "$xml"; then
	ok "win-xml-one-event-per-line"
else
	not_ok "win-xml-one-event-per-line" "$events lines" "$(grep -v '^<Event .*</Event>$' "$xml" | head -2)"
fi

# Each event on its own against the schema, and all of them.
run_bin "$TOOLS/validate-event-xml" --all "$xml"
if [ "$STATUS" -eq 0 ] && grep -q ": $events events valid" "$TMP/stdout"; then
	ok "win-xml-schema-valid"
else
	not_ok "win-xml-schema-valid" "validate-event-xml exit $STATUS, $events events" \
		"$(head -5 "$TMP/stdout")" "$(head -3 "$TMP/stderr")"
fi

# --- Winlogbeat JSON -------------------------------------------------------

lines=0
bad=""
while IFS= read -r line; do
	lines=$((lines + 1))
	if ! printf '%s\n' "$line" | jq -e 'type == "object"' >/dev/null 2>&1; then
		bad="$bad $lines"
	fi
done <"$json"
if [ "$lines" -eq "$events" ] && [ -z "$bad" ]; then ok "win-json-jq-each-line"; else
	not_ok "win-json-jq-each-line" "$lines lines for $events events, not one object each:$bad"
fi

# The types Winlogbeat gives: strings for codes, ids and every
# event_data value, numbers for record, process, thread and version,
# seven fraction digits in @timestamp, milliseconds in event.created, a
# user object where the System names one (Sysmon).
types='(.["@timestamp"] | test("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{7}Z$"))
	and (.event.code | type) == "string" and (.winlog.event_id | type) == "string"
	and .event.code == .winlog.event_id
	and (.winlog.event_data | type) == "object"
	and (.winlog.event_data | to_entries | all(.value | type == "string"))
	and (.winlog.record_id | type) == "number"
	and (.winlog.process.pid | type) == "number"
	and (.winlog.process.thread.id | type) == "number"
	and ((.winlog | has("version") | not) or (.winlog.version | type) == "number")
	and (.message | type) == "string" and (.message | length) > 0
	and .agent.type == "winlogbeat" and (.agent.id | type) == "string"
	and (.agent.ephemeral_id | type) == "string" and (.ecs.version | type) == "string"
	and .host.name == .winlog.computer_name
	and (.event.created | test("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"))
	and (if .winlog.channel == "Microsoft-Windows-Sysmon/Operational"
	     then (.winlog.user | keys) == ["domain", "identifier", "name", "type"]
	          and (.winlog.user | to_entries | all(.value | type == "string"))
	     else (.winlog | has("user") | not) end)'
if [ "$lines" -gt 0 ] && jq -e -s "length == $lines and all(.[]; $types)" "$json" >/dev/null 2>&1; then
	ok "win-json-types"
else
	not_ok "win-json-types" \
		"$(jq -c "select(($types) | not) | [.winlog.event_id, .winlog.record_id]" "$json" 2>&1 | head -5 | tr '\n' ' ')"
fi

# Audit failures are the failures: keywords and outcome agree.
if jq -e -s 'all(.[] | select(.winlog.channel == "Security");
	(.winlog.keywords == ["Audit Failure"]) == (.event.outcome == "failure"))
	and any(.[]; .event.outcome == "failure")' "$json" >/dev/null 2>&1; then
	ok "win-json-outcome"
else
	not_ok "win-json-outcome" "$(jq -c '[.winlog.event_id, .winlog.keywords, .event.outcome]' "$json" | head -5 | tr '\n' ' ')"
fi

# --- Against the real events -------------------------------------------------

# Prints ok/not ok lines itself; a crash is one failure.
if ! "$PYTHON" - "$xml" "$json" "$WINDOWS/security-events.evtxexport.xml" \
	"$SYSMON/sysmon-events.evtxexport.xml" "$SYSMON/SysmonCommon-manifest.xml" \
	>"$TMP/py.out" 2>&1 <<'EOF'
import json
import re
import sys
import xml.etree.ElementTree as ET

ours_xml, ours_json, security_file, sysmon_file, manifest_file = sys.argv[1:6]
NS = "{http://schemas.microsoft.com/win/2004/08/events/event}"


def local(tag):
    return tag.replace(NS, "")


def report(name, problems):
    if problems:
        print("not ok - " + name)
        for p in problems[:8]:
            print("#   " + p)
    else:
        print("ok - " + name)


def facts(event):
    """What the comparisons need from one <Event>."""
    system = event.find(NS + "System")
    data = event.find(NS + "EventData")
    get = lambda tag: system.find(NS + tag)
    return {
        "id": int(get("EventID").text),
        "version": int(get("Version").text),
        "system": [local(c.tag) for c in system],
        "provider": get("Provider").get("Name"),
        "guid": get("Provider").get("Guid").lower(),
        "level": get("Level").text,
        "task": get("Task").text,
        "opcode": get("Opcode").text,
        "keywords": get("Keywords").text,
        "channel": get("Channel").text,
        "computer": get("Computer").text,
        "time": get("TimeCreated").get("SystemTime"),
        "record": int(get("EventRecordID").text),
        "pid": int(get("Execution").get("ProcessID")),
        "tid": int(get("Execution").get("ThreadID")),
        "names": [d.get("Name") for d in data],
        "values": {d.get("Name"): d.text or "" for d in data},
    }


samples = [facts(e) for f in (security_file, sysmon_file)
           for e in ET.parse(f).getroot().iter(NS + "Event")]
by_id_version = {}
for s in samples:
    by_id_version.setdefault((s["id"], s["version"]), []).append(s)

# The Sysmon schema we claim: the manifest's first (newest) block.
manifest = ET.parse(manifest_file).getroot().find("manifest")
sysmon_schema = manifest.get("schemaversion")
templates = {int(e.get("value")): (int(e.get("version")), [d.get("name") for d in e.findall("data")])
             for e in manifest.iter("event")}

ours = [facts(ET.fromstring(line)) for line in open(ours_xml, encoding="utf-8")]
docs = [json.loads(line) for line in open(ours_json, encoding="utf-8")]

# The real Security events of one ID and version all have one template,
# so any of them is the authority.  (Sysmon's do not: one event version
# spans several schema versions, so the manifest is.)
problems = []
for key, group in by_id_version.items():
    if group[0]["provider"] == "Microsoft-Windows-Security-Auditing" and \
            any(s["names"] != group[0]["names"] for s in group):
        problems.append("samples of %s v%s disagree" % key)
report("win-security-samples-consistent", problems)


def is_subsequence(short, long):
    it = iter(long)
    return all(name in it for name in short)


names_problems, system_problems, seen = [], [], set()
for e in ours:
    key = (e["id"], e["version"])
    seen.add(e["id"])
    real = by_id_version.get(key)
    if real is None:
        names_problems.append("no real event %s version %s in the samples" % key)
        continue
    if e["provider"] == "Microsoft-Windows-Sysmon":
        version, names = templates.get(e["id"], (None, None))
        if version != e["version"] or names != e["names"]:
            names_problems.append("Sysmon %d v%d: %s, schema %s has v%s %s"
                                  % (e["id"], e["version"], e["names"], sysmon_schema, version, names))
        for r in real:
            if not is_subsequence(r["names"], e["names"]):
                names_problems.append("Sysmon %d: real fields %s not in order in %s"
                                      % (e["id"], r["names"], e["names"]))
    elif e["names"] != real[0]["names"]:
        names_problems.append("%d v%d: %s, real %s" % (e["id"], e["version"], e["names"], real[0]["names"]))
    r = real[0]
    if e["system"] != r["system"]:
        system_problems.append("%d: System %s, real %s" % (e["id"], e["system"], r["system"]))
    for field in ("provider", "guid", "level", "task", "opcode", "channel"):
        if e[field] != r[field]:
            system_problems.append("%d: %s %r, real %r" % (e["id"], field, e[field], r[field]))
    keywords = {s["keywords"] for s in samples if s["provider"] == e["provider"]}
    if e["keywords"] not in keywords:
        system_problems.append("%d: Keywords %s, real %s" % (e["id"], e["keywords"], sorted(keywords)))
want_ids = {4624, 4625, 4648, 4672, 4688, 4720, 4768, 4776, 1, 3, 11, 22}
if seen != want_ids:
    names_problems.append("event IDs written %s, expected %s" % (sorted(seen), sorted(want_ids)))
report("win-data-names-match-real-events", names_problems)
report("win-system-matches-real-events", system_problems)

# Windows' forms: SystemTime with seven digits and Z, Sysmon times with
# a space and milliseconds, GUIDs in braces.
problems = []
for e in ours:
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z", e["time"]):
        problems.append("%d: SystemTime %s" % (e["id"], e["time"]))
    for name, value in e["values"].items():
        if name in ("UtcTime", "CreationUtcTime") and not re.fullmatch(
                r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}", value):
            problems.append("%d: %s %s" % (e["id"], name, value))
        if name.endswith("Guid") and not re.fullmatch(r"\{[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\}", value):
            problems.append("%d: %s %s" % (e["id"], name, value))
report("win-xml-windows-forms", problems)

# A real log numbers each channel's records from 1 on each host.
problems = []
numbers = {}
for e in ours:
    numbers.setdefault((e["channel"], e["computer"]), []).append(e["record"])
for key, records in numbers.items():
    if records != list(range(1, len(records) + 1)):
        problems.append("%s on %s: %s" % (key[0], key[1], records))
report("win-record-ids-count-per-channel-and-host", problems)

# Line i of the JSON is line i of the XML, as Winlogbeat reads it:
# every non-empty <Data> a string, the System facts in winlog.
problems = []
if len(docs) != len(ours):
    problems.append("%d JSON documents for %d events" % (len(docs), len(ours)))
for i, (e, d) in enumerate(zip(ours, docs), 1):
    w = d["winlog"]
    want = {k: v for k, v in e["values"].items() if v != ""}
    pairs = [(w["event_id"], str(e["id"])), (w["record_id"], e["record"]),
             (w["process"]["pid"], e["pid"]), (w["process"]["thread"]["id"], e["tid"]),
             (w["channel"], e["channel"]), (w["computer_name"], e["computer"]),
             (w["provider_name"], e["provider"]), (w["provider_guid"].lower(), e["guid"]),
             (w.get("version", 0), e["version"]), (d["@timestamp"], e["time"]),
             (w["event_data"], want)]
    for got, expected in pairs:
        if got != expected:
            problems.append("line %d: %r, XML has %r" % (i, got, expected))
report("win-json-matches-xml", problems)
EOF
then
	cat "$TMP/py.out"
	not_ok "win-compare-ran" "the comparison script failed"
else
	cat "$TMP/py.out"
fi
