# Sensor formats held to real third-party checkers: the EVE lines of
# fmt_eve against Suricata's own JSON schema (shared/tools/validate-eve)
# and jq, the Zeek logs of fmt_zeek against the TSV structure checker
# (shared/tools/validate-zeek-tsv) and bro-cut, the real consumer.  The
# unit test programs write the samples (test_fmt_eve --write DIR,
# test_fmt_zeek --write DIR).
#
# Needs Debian's python3-jsonschema (validate-eve runs /usr/bin/python3),
# jq and bro-aux.  A missing checker is a failure, never a silent pass.
. "$(dirname "$0")/lib.sh"

UNIT_DIR=${UNIT_DIR:-build/tests}
TOOLS=$SHARED/tools

if [ ! -x "$TOOLS/validate-eve" ] || [ ! -x "$TOOLS/validate-zeek-tsv" ]; then
	echo "not ok - shared tools missing"
	echo "#   expected validate-eve and validate-zeek-tsv in $(pwd)/$TOOLS"
	exit 1
fi

for tool in jq bro-cut; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		not_ok "formats-$tool-present" "$tool is not installed (apt-get install -y jq bro-aux)"
	fi
done

# --- Suricata EVE ---------------------------------------------------------

mkdir -p "$TMP/eve"
run_bin "$UNIT_DIR/test_fmt_eve" --write "$TMP/eve"
expect_status "eve-sample-written" 0
eve=$TMP/eve/eve.json

run_bin "$TOOLS/validate-eve" --all "$eve"
if [ "$STATUS" -eq 0 ]; then ok "eve-schema-valid"; else
	not_ok "eve-schema-valid" "validate-eve exit $STATUS" \
		"$(head -5 "$TMP/stdout")" "$(head -3 "$TMP/stderr")"
fi

# Every line on its own is one complete JSON object.
lines=0
bad=""
while IFS= read -r line; do
	lines=$((lines + 1))
	if ! printf '%s\n' "$line" | jq -e 'type == "object"' >/dev/null 2>&1; then
		bad="$bad $lines"
	fi
done <"$eve"
if [ "$lines" -ge 10 ] && [ -z "$bad" ]; then ok "eve-jq-each-line"; else
	not_ok "eve-jq-each-line" "$lines lines, not one JSON object each:$bad"
fi

if [ -s "$eve" ] && [ "$(tail -c 1 "$eve" | od -An -c | tr -d ' ')" = '\n' ] &&
	! grep -q '^$' "$eve"; then
	ok "eve-newline-terminated-no-blank-lines"
else
	not_ok "eve-newline-terminated-no-blank-lines"
fi

# Stricter than the schema: exactly six fraction digits and +hhmm.
if jq -e -s 'all(.[]; .timestamp | test("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}[+-]\\d{4}$"))' \
	"$eve" >/dev/null 2>&1; then
	ok "eve-timestamps-six-digits"
else
	not_ok "eve-timestamps-six-digits" "$(jq -r .timestamp "$eve" 2>&1 | head -3)"
fi

# One flow, one flow_id: records sharing a Community ID share a flow_id,
# which is an integer of at most 51 bits.
if jq -e -s '[.[] | select(.community_id != null)] | group_by(.community_id)
	| all(map(.flow_id) | unique | length == 1)' "$eve" >/dev/null 2>&1 &&
	jq -e -s 'all(.[] | select(has("flow_id")); (.flow_id | type) == "number"
	and .flow_id > 0 and .flow_id < 2251799813685248)' "$eve" >/dev/null 2>&1; then
	ok "eve-flow-id-per-flow"
else
	not_ok "eve-flow-id-per-flow" \
		"$(jq -c '[.event_type, .community_id, .flow_id]' "$eve" 2>&1 | head -8 | tr '\n' ' ')"
fi

# --- Zeek TSV --------------------------------------------------------------

mkdir -p "$TMP/zeek"
run_bin "$UNIT_DIR/test_fmt_zeek" --write "$TMP/zeek"
expect_status "zeek-sample-written" 0

for log in conn dns http ssl files notice; do
	file=$TMP/zeek/$log.log
	run_bin "$TOOLS/validate-zeek-tsv" --all "$file"
	if [ "$STATUS" -eq 0 ] && [ "$(grep -c -v '^#' "$file")" -gt 0 ]; then
		ok "zeek-$log-valid"
	else
		not_ok "zeek-$log-valid" "validate-zeek-tsv exit $STATUS" \
			"$(head -5 "$TMP/stdout")" "$(head -3 "$TMP/stderr")"
	fi
	# bro-cut reads the header as Zeek's own tools do and refuses a
	# file without #fields/#types.
	rows=$(grep -c -v '^#' "$file")
	if command -v bro-cut >/dev/null 2>&1; then
		cut_rows=$(bro-cut ts uid <"$file" 2>"$TMP/stderr" | grep -c .)
		if [ "$cut_rows" -eq "$rows" ] && [ ! -s "$TMP/stderr" ]; then
			ok "zeek-$log-bro-cut"
		else
			not_ok "zeek-$log-bro-cut" "$cut_rows of $rows rows" "$(head -3 "$TMP/stderr")"
		fi
	fi
done

# --- The two sensors agree ---------------------------------------------------

# The HTTP connection: Suricata's flow record and Zeek's conn row carry
# the same Community ID and the same start, to the microsecond.
eve_cid=$(jq -r 'select(.event_type == "flow" and .dest_port == 80) | .community_id' "$eve" 2>/dev/null | head -1)
eve_start=$(jq -r 'select(.event_type == "flow" and .dest_port == 80) | .flow.start' "$eve" 2>/dev/null | head -1)
zeek_row=$(awk -F '\t' '!/^#/ && $6 == 80 && $12 == "SF" { print; exit }' "$TMP/zeek/conn.log")
zeek_cid=$(printf '%s\n' "$zeek_row" | awk -F '\t' '{ print $23 }')
zeek_ts=$(printf '%s\n' "$zeek_row" | awk -F '\t' '{ print $1 }')
if [ -n "$eve_cid" ] && [ "$eve_cid" = "$zeek_cid" ]; then
	ok "eve-and-zeek-community-id"
else
	not_ok "eve-and-zeek-community-id" "eve '$eve_cid', zeek '$zeek_cid'"
fi
# Zeek writes Unix seconds, Suricata local time; the drill's zone is
# Asia/Ho_Chi_Minh, a fixed +07:00.
want=""
if [ -n "$zeek_ts" ]; then
	want=$(date -u -d "@$((${zeek_ts%.*} + 25200))" +%Y-%m-%dT%H:%M:%S).${zeek_ts#*.}+0700
fi
if [ -n "$eve_start" ] && [ "$eve_start" = "$want" ]; then
	ok "eve-and-zeek-same-start"
else
	not_ok "eve-and-zeek-same-start" "eve '$eve_start', zeek '$zeek_ts' ($want)"
fi
