# The after-action report of a real two-team drill (the Mustang Panda
# scenario, tests/data/actions/apt-two-teams.txt): JSON whose figures are
# the ones `irdrill scores` prints, Markdown tables, one well-formed HTML
# page with a timeline per team that Chromium renders, Vietnamese labels;
# the two replays of a parallel drill side by side;
# a replay cut short or corrupt still gives a report of what is readable,
# and bad usage, a missing file and a foreign file are refused in words.
. "$(dirname "$0")/lib.sh"

scn=scenarios/apt-mustang-panda.lua
run_cmd run --headless --mode shared --teams soc,team-tdm --actions tests/data/actions/apt-two-teams.txt \
	--replay "$TMP/drill.rpl" $scn
expect_status "report-drill-run" 0
run_cmd scores
cp "$TMP/stdout" "$TMP/scores"

# ---- JSON: the same figures as `irdrill scores` ------------------------------
run_cmd report "$TMP/drill.rpl" --json "$TMP/r.json"
expect_status "report-json-status" 0
if jq -e . "$TMP/r.json" >/dev/null 2>&1; then ok "report-json-parses"; else
	not_ok "report-json-parses" "$(jq . "$TMP/r.json" 2>&1 | head -3)"
fi
# Totals and number of changes per team, as the score table has them.
awk '/^team +total +changes$/ { on = 1; next } on && NF == 3 { print $1, $2, $3 } on && NF == 0 { exit }' \
	"$TMP/scores" >"$TMP/want-totals"
jq -r '.teams[] | "\(.name) \(.total) \(.rows | length)"' "$TMP/r.json" >"$TMP/got-totals"
if [ -s "$TMP/want-totals" ] && cmp -s "$TMP/want-totals" "$TMP/got-totals"; then ok "report-json-totals-match-scores"; else
	not_ok "report-json-totals-match-scores" "scores: $(tr '\n' ';' <"$TMP/want-totals")" \
		"report: $(tr '\n' ';' <"$TMP/got-totals")"
fi
# Every row, in order: time, points, component, reason [expectation].
awk '/^[^ ].*/ && NF == 1 { team = $1; next }
	team != "" && /^  T\+/ { t = $1; p = $2; c = $3; sub(/^ +T\+[0-9:]+ +[-+][0-9]+ +[^ ]+ +/, "");
		print team "|" t "|" p "|" c "|" $0 }' "$TMP/scores" >"$TMP/want-rows"
jq -r 'def two: tostring | if length < 2 then "0" + . else . end;
	def t: floor as $s | "T+\($s / 3600 | floor | two):\($s / 60 % 60 | two):\($s % 60 | two)";
	.teams[] | .name as $n | .rows[] |
	"\($n)|\(.time | t)|\(if .points >= 0 then "+" else "" end)\(.points)|\(.component)|\(.reason)\(if .expectation then " [\(.expectation)]" else "" end)"' \
	"$TMP/r.json" >"$TMP/got-rows"
if [ "$(wc -l <"$TMP/want-rows")" -ge 20 ] && diff "$TMP/want-rows" "$TMP/got-rows" >"$TMP/diff"; then
	ok "report-json-rows-match-scores"
else
	not_ok "report-json-rows-match-scores" "$(head -6 "$TMP/diff")"
fi
# The district team detected the beacon 5 min 33 s after it began and
# isolated the phished PC 46 min after phish took it; the SOC did neither.
got=$(jq -r '([.steps[] | select(.step == "beacon" and .took_hold)] | .[0].index) as $b |
	([.steps[] | select(.step == "phish" and .target == "tdm-pc-02")] | .[0].index) as $p |
	.teams[] | "\(.name) \(.steps[$b].time_to_detect | if . then floor else . end) \(.steps[$p].time_to_contain)"' \
	"$TMP/r.json" | tr '\n' ';')
if [ "$got" = "soc null null;team-tdm 333 2760;" ]; then ok "report-json-time-to-detect-contain"; else
	not_ok "report-json-time-to-detect-contain" "got: $got"
fi
got=$(jq -r '[.objectives[] | "\(.id)=\(.state)@\(.time)"] | join(" ")' "$TMP/r.json")
if [ "$got" = "foothold-dc=prevented@6360 exfil-qlvb=prevented@6360" ]; then ok "report-json-objectives"; else
	not_ok "report-json-objectives" "got: $got"
fi
got=$(jq -r '"\(.finished) \(.damage) \(.teams | length)"' "$TMP/r.json")
if [ "$got" = 'true null 2' ]; then ok "report-json-whole-replay"; else
	not_ok "report-json-whole-replay" "got: $got"
fi
# The ATT&CK techniques the steps recorded: the beacon's HTTP C2 is the one
# the district team detected.
got=$(jq -r '[.steps[] | select(.took_hold) | "\(.step)=\(.technique)"] | join(" ")' "$TMP/r.json")
want="phish=T1566.001 execute=T1218.005 persist=T1574.002 beacon=T1071.001"
if [ "$got" = "$want" ]; then ok "report-json-step-techniques"; else
	not_ok "report-json-step-techniques" "got:  $got" "want: $want"
fi
got=$(jq -c '[.techniques[] | [.id, (.detected_by | join("+"))]]' "$TMP/r.json")
if [ "$got" = '[["T1566.001",""],["T1218.005",""],["T1574.002",""],["T1071.001","team-tdm"]]' ]; then
	ok "report-json-techniques-detected"
else
	not_ok "report-json-techniques-detected" "got: $got"
fi

# ---- Markdown: on stdout by default, or to a file ----------------------------
run_cmd report "$TMP/drill.rpl"
expect_status "report-md-status" 0
expect_line "report-md-side-by-side" "$TMP/stdout" '^\| \| soc \| team-tdm \|$'
expect_line "report-md-totals" "$TMP/stdout" '^\| Score \| 111 \| 200 \|$'
expect_line "report-md-ttd" "$TMP/stdout" \
	'^\| T\+00:59:26 \| beacon \| tdm-pc-02 -> cdn-update\.example\.org \| - \| - \| 5 min 33 s \| 6 min 33 s \|$'
expect_line "report-md-row-reason" "$TMP/stdout" \
	'^\| T\+01:06:00 \| \+20 \| 60 \| contain \| isolated tdm-pc-02 46 min after phish took it, before any objective fell \| - \|$'
bad=$(awk -F'|' '/^\|/ { if (n == 0) n = NF; else if (NF != n) { print NR ": " $0; exit } } !/^\|/ { n = 0 }' "$TMP/stdout")
if [ -z "$bad" ]; then ok "report-md-tables-even"; else not_ok "report-md-tables-even" "$bad"; fi
run_cmd report --md "$TMP/r.md" "$TMP/drill.rpl"
if [ "$STATUS" -eq 0 ] && [ ! -s "$TMP/stdout" ] && grep -q '^## Team team-tdm: 200 points$' "$TMP/r.md"; then
	ok "report-md-to-file"
else
	not_ok "report-md-to-file" "status $STATUS" "$(head -3 "$TMP/stderr")"
fi

# ---- HTML: one well-formed page, a timeline per team -------------------------
run_cmd report "$TMP/drill.rpl" --html "$TMP/r.html"
expect_status "report-html-status" 0
if xmllint --noout "$TMP/r.html" 2>"$TMP/xml"; then ok "report-html-well-formed-xml"; else
	not_ok "report-html-well-formed-xml" "$(head -3 "$TMP/xml")"
fi
# libxml2's HTML parser knows HTML 4 only: the SVG and section elements
# are all it may question.
xmllint --html --noout "$TMP/r.html" 2>&1 | grep 'error' | grep -Ev 'Tag (svg|section|text|tspan|line|rect|circle|polygon|polyline|g|title) invalid' >"$TMP/html-errors"
if [ ! -s "$TMP/html-errors" ]; then ok "report-html-parses"; else
	not_ok "report-html-parses" "$(head -3 "$TMP/html-errors")"
fi
python3 - "$TMP/r.html" >"$TMP/svg" 2>&1 <<'EOF'
import sys
import xml.etree.ElementTree as ET
ns = {"h": "http://www.w3.org/1999/xhtml", "s": "http://www.w3.org/2000/svg"}
root = ET.parse(sys.argv[1]).getroot()
svgs = root.findall(".//s:svg", ns)
for svg in svgs:
    steps = len(svg.findall(".//s:rect[@class='step']", ns))
    detect = len(svg.findall(".//s:circle[@class='detect']", ns))
    contain = len(svg.findall(".//s:polygon[@class='contain']", ns))
    objectives = len(svg.findall(".//*[@class='objective']", ns))
    score = len(svg.findall(".//s:polyline[@class='score']", ns))
    labels = sum(1 for t in svg.iter("{%s}text" % ns["s"]) if "".join(t.itertext()).startswith("T+01:00"))
    print(svg.get("aria-label"), steps, detect, contain, objectives, score, labels)
for bad in ("script", "link", "img", "iframe"):
    if root.findall(".//h:" + bad, ns):
        print("has", bad)
EOF
# Per team: 5 steps, its detections and containments, 2 objectives, a score line,
# T+01:00 on both time axes.
if [ "$(cat "$TMP/svg")" = "Timeline soc 5 0 0 2 1 2
Timeline team-tdm 5 1 4 2 1 2" ]; then ok "report-html-svg-timelines"; else
	not_ok "report-html-svg-timelines" "$(tr '\n' ';' <"$TMP/svg")"
fi
missing=""
for word in soc team-tdm phish execute persist beacon foothold-dc exfil-qlvb \
	"isolated tdm-pc-02 46 min after phish took it" T1566.001 T1071.001; do
	grep -qF -- "$word" "$TMP/r.html" || missing="$missing [$word]"
done
if [ -z "$missing" ]; then ok "report-html-names-teams-steps"; else not_ok "report-html-names-teams-steps" "$missing"; fi
if grep -Eo 'https?://[^"]*' "$TMP/r.html" | grep -v '^http://www.w3.org/' | grep -q . ||
	grep -Eq '(src|href)=' "$TMP/r.html"; then
	not_ok "report-html-self-contained" "$(grep -Eo '(https?://|src=|href=).{0,40}' "$TMP/r.html" | head -3)"
else ok "report-html-self-contained"; fi
run_cmd report "$TMP/drill.rpl" --html "$TMP/vi.html" --lang vi
if [ "$STATUS" -eq 0 ] && grep -q '<html lang="vi"' "$TMP/vi.html" && grep -q 'Báo cáo sau diễn tập' "$TMP/vi.html" &&
	grep -q 'So sánh các đội' "$TMP/vi.html"; then ok "report-html-vietnamese"; else
	not_ok "report-html-vietnamese" "status $STATUS" "$(grep -o '<h2>[^<]*' "$TMP/vi.html" | head -3)"
fi
LANG=vi_VN.UTF-8 LANGUAGE= LC_ALL= LC_MESSAGES= run_cmd report "$TMP/drill.rpl" --md
expect_line "report-md-vietnamese-from-lang" "$TMP/stdout" '^## So sánh các đội$'

# Chromium renders it: a screenshot whose timelines are drawn (the score
# line's violet, the pale red of the time the attacker held each host).
if command -v chromium >/dev/null 2>&1; then
	timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$TMP/chromium" \
		--window-size=1100,1500 --screenshot="$TMP/r.png" "file://$TMP/r.html" >"$TMP/chromium.log" 2>&1
	if [ -s "$TMP/r.png" ] && [ "$(wc -c <"$TMP/r.png")" -gt 30000 ] &&
		python3 tests/integration/png_colours.py "$TMP/r.png" 8250df f6d7d6:8 0969da >"$TMP/png" 2>&1; then
		set -- $(tr '\n' ' ' <"$TMP/png")
		if [ "$1" = "1100x1500" ] && [ "$2" -gt 100 ] && [ "$3" -gt 1000 ] && [ "$4" -gt 5000 ] && [ "$5" -gt 60 ]; then
			ok "report-html-chromium-screenshot"
		else
			not_ok "report-html-chromium-screenshot" "size, colours, violet, pale red, blue: $*"
		fi
	else
		not_ok "report-html-chromium-screenshot" "$(tail -3 "$TMP/chromium.log")" "$(cat "$TMP/png" 2>/dev/null)"
	fi
else
	not_ok "report-html-chromium-screenshot" "chromium is not installed (make test-deps installs it)"
fi

# ---- a parallel drill: one replay per team, laid side by side ---------------
run_cmd run --headless --mode parallel --teams soc,team-tdm --actions tests/data/actions/apt-two-teams.txt \
	--replay "$TMP/par.irr" $scn
expect_status "report-parallel-run" 0
run_cmd scores
awk '/^team +total +changes$/ { on = 1; next } on && NF == 3 { print $1, $2, $3 } on && NF == 0 { exit }' \
	"$TMP/stdout" >"$TMP/want-totals"
run_cmd report "$TMP/par-soc.irr" "$TMP/par-team-tdm.irr" --json "$TMP/par.json"
jq -r '.replays[] | .teams[] | "\(.name) \(.total) \(.rows | length)"' "$TMP/par.json" >"$TMP/got-totals" 2>&1
if [ "$STATUS" -eq 0 ] && [ -s "$TMP/want-totals" ] && cmp -s "$TMP/want-totals" "$TMP/got-totals" &&
	[ "$(jq -r '[.replays[] | .mode] | join(",")' "$TMP/par.json")" = "parallel,parallel" ] &&
	[ "$(jq -r '[.replays[] | [.objectives[] | "\(.id)=\(.state)"] | join(",")] | join(" ")' "$TMP/par.json")" = \
		"foothold-dc=reached,exfil-qlvb=reached foothold-dc=prevented,exfil-qlvb=prevented" ]; then
	ok "report-parallel-json-matches-scores"
else
	not_ok "report-parallel-json-matches-scores" "status $STATUS" "scores: $(tr '\n' ';' <"$TMP/want-totals")" \
		"report: $(tr '\n' ';' <"$TMP/got-totals")"
fi
run_cmd report "$TMP/par-soc.irr" "$TMP/par-team-tdm.irr" --html "$TMP/par.html"
got=$(grep -c '<svg ' "$TMP/par.html")
if [ "$STATUS" -eq 0 ] && [ "$got" -eq 2 ] && xmllint --noout "$TMP/par.html" 2>/dev/null &&
	grep -q "<h2>Objectives (par-soc.irr)</h2>" "$TMP/par.html" &&
	grep -q "<h2>Objectives (par-team-tdm.irr)</h2>" "$TMP/par.html"; then ok "report-parallel-html"; else
	not_ok "report-parallel-html" "status $STATUS, $got timelines" "$(head -2 "$TMP/stderr")"
fi
run_cmd report "$TMP/par-soc.irr" "$TMP/par-team-tdm.irr"
expect_line "report-parallel-md-side-by-side" "$TMP/stdout" "^\| Score \| $(awk '$1 == "soc" { print $2 }' "$TMP/want-totals") \| 200 \|$"
run_cmd report "$TMP/par-soc.irr" "$TMP/par-soc.irr"
expect_status "report-same-team-twice" 1
expect_line "report-same-team-twice-says" "$TMP/stderr" "team soc is in both"
cp "$TMP/par-team-tdm.irr" "$TMP/keep.irr"
run_cmd report "$TMP/par-soc.irr" --md "$TMP/par-team-tdm.irr"
if [ "$STATUS" -eq 2 ] && cmp -s "$TMP/keep.irr" "$TMP/par-team-tdm.irr" &&
	grep -q "is a replay: not overwriting it" "$TMP/stderr"; then ok "report-never-overwrites-a-replay"; else
	not_ok "report-never-overwrites-a-replay" "status $STATUS" "$(head -2 "$TMP/stderr")"
fi

# ---- damaged replays ----------------------------------------------------------
size=$(wc -c <"$TMP/drill.rpl")
head -c $((size / 2)) "$TMP/drill.rpl" >"$TMP/cut.rpl"
run_cmd report "$TMP/cut.rpl" --json "$TMP/cut.json"
if [ "$STATUS" -eq 0 ] && grep -q "^irdrill: warning: $TMP/cut.rpl: .*cut short at byte $((size / 2))" "$TMP/stderr" &&
	[ "$(jq -r '"\(.finished) \(.damage != null) \(.teams | length)"' "$TMP/cut.json")" = "false true 2" ]; then
	ok "report-cut-short"
else
	not_ok "report-cut-short" "status $STATUS" "$(head -2 "$TMP/stderr")" "$(jq -c '{finished, damage}' "$TMP/cut.json" 2>&1)"
fi
# Cut anywhere after the header: still a report, as JSON jq reads, and a warning.
bad=""
for cut in $((size / 9)) $((size / 3)) $((size - 40)) $((size - 1)); do
	head -c $cut "$TMP/drill.rpl" >"$TMP/cut.rpl"
	run_cmd report "$TMP/cut.rpl" --json
	if [ "$STATUS" -ne 0 ] || ! jq -e '.damage and (.teams | length == 2)' "$TMP/stdout" >/dev/null 2>&1 ||
		! grep -q "^irdrill: warning: $TMP/cut.rpl: " "$TMP/stderr"; then
		bad="$bad $cut:$STATUS:$(head -c 120 "$TMP/stderr")"
	fi
done
if [ -z "$bad" ]; then ok "report-cut-anywhere"; else not_ok "report-cut-anywhere" "$bad"; fi
head -c 60 "$TMP/drill.rpl" >"$TMP/cut.rpl"
run_cmd report "$TMP/cut.rpl"
expect_status "report-cut-in-header" 1
expect_line "report-cut-in-header-says" "$TMP/stderr" "^irdrill: $TMP/cut.rpl: cut short inside its header"
# A byte changed inside the file: the chunks before the damage are reported on.
cp "$TMP/drill.rpl" "$TMP/bad.rpl"
printf '\377\377\377\377' | dd of="$TMP/bad.rpl" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
run_cmd report "$TMP/bad.rpl" --md
if [ "$STATUS" -eq 0 ] && grep -q "^irdrill: warning: $TMP/bad.rpl: chunk [0-9]* at byte [0-9]*: .*the report covers what comes before it" "$TMP/stderr" &&
	grep -q '^> \*\*Damaged replay:\*\*' "$TMP/stdout" && grep -q '^| Last record | T+' "$TMP/stdout"; then
	ok "report-corrupt-chunk"
else
	not_ok "report-corrupt-chunk" "status $STATUS" "$(head -2 "$TMP/stderr")"
fi
run_cmd report "$TMP/none.rpl" --md
expect_status "report-missing-file" 1
expect_line "report-missing-file-says" "$TMP/stderr" "^irdrill: $TMP/none.rpl: No such file or directory$"
run_cmd report tests/data/actions/apt-two-teams.txt
expect_status "report-foreign-file" 1
expect_line "report-foreign-file-says" "$TMP/stderr" "not an irdrill replay"

# ---- usage -------------------------------------------------------------------
run_cmd report "$TMP/drill.rpl" --pdf x.pdf
expect_status "report-unknown-option" 2
expect_line "report-unknown-option-says" "$TMP/stderr" "unknown option '--pdf'"
run_cmd report "$TMP/drill.rpl" --md --json
expect_status "report-two-forms" 2
run_cmd report --html
expect_status "report-html-needs-file" 2
run_cmd report "$TMP/drill.rpl" --lang fr
expect_status "report-bad-lang" 2
run_cmd report "$TMP/drill.rpl" --html "$TMP/no/such/dir/r.html"
expect_status "report-unwritable" 1
expect_line "report-unwritable-says" "$TMP/stderr" "^irdrill: $TMP/no/such/dir/r.html: No such file or directory$"

# Every label the report translates has its Vietnamese in po/vi.po.
if xgettext --from-code=UTF-8 -k_ -kN_ -o "$TMP/report.pot" engine/report*.c engine/cmd_report.c 2>"$TMP/xgettext.err" &&
	msgcmp po/vi.po "$TMP/report.pot" 2>"$TMP/msgcmp.err"; then ok "report-vi-catalogue-complete"; else
	not_ok "report-vi-catalogue-complete" "$(grep -v 'not used' "$TMP/xgettext.err" "$TMP/msgcmp.err" | head -5)"
fi
