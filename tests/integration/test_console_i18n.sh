# The console in Vietnamese: --lang vi and LANG choose the catalogue,
# scenario text and site names follow, precomposed and combining
# Vietnamese line up in every column, the catalogue covers every message,
# and an installed copy finds its catalogue wherever it is moved.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/console_lib.sh"

# The column (in cells) of the first "│" on each line that has one, for
# lines matching a pattern: one value when they line up.
separator_columns() {
	python3 - "$TMP/screen" "$1" <<'PY'
import re, sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
cols = set()
for line in open(sys.argv[1], encoding="utf-8"):
    if re.search(sys.argv[2], line) and "│" in line:
        cols.add(width(line[:line.index("│")]))
print(" ".join(str(c) for c in sorted(cols)))
PY
}

run_cmd run --lang fr
expect_status "bad-lang-exit-2" 2
expect_line "bad-lang-says-so" "$TMP/stderr" "--lang 'fr' is not en or vi"

console_start 80 24 run --lang vi scenarios/apt-mustang-panda.lua
wait_for "vi-tabs" '^ 1 Cảnh báo   2 Luồng sự kiện   3 Mạng   4 Diễn biến'
wait_for "vi-top-bar-title-and-team" '^ irdrill │ APT kiểu Mustang P.*│ ×1 │ đội soc'
wait_for "vi-hint-line" '^:lệnh  /tìm  \?trợ giúp  Space tạm dừng'
console_type ":frobnicate" Enter
wait_for "vi-unknown-command" "^! Không có lệnh 'frobnicate'\. Nhấn \? để xem danh sách lệnh\."
console_keys 3
wait_for "vi-site-labels" '^▾ \. \* Tỉnh Bình Dương \(2616\) +│ Tỉnh Bình Dương'
wait_for "vi-datacenter-label" 'Trung tâm Dữ liệu tỉnh Bình Dương'
wait_for "vi-detail-keys" '│ loại +province'
cols=$(separator_columns '^ *[▾▸]')
if [ "$cols" = "44" ]; then ok "vi-tree-columns-line-up"; else
	not_ok "vi-tree-columns-line-up" "separator at columns '$cols', expected 44 on every row"; fi
console_type ":show tdm-pc-01" Enter
wait_for "vi-host-site-label" '│ đơn vị +Thành phố Thủ Dầu Một'
console_keys 4
wait_for "vi-objectives" 'Chiếm quyền máy chủ tại Trung tâm dữ liệu tỉnh'
console_keys ?
wait_for "vi-help" '^ Phím'
console_keys x q y
wait_for "vi-leaves" '^\[exit 0\]'

# LANG alone chooses Vietnamese (no vi_VN locale is needed); --lang en
# overrides it.
CONSOLE_ENV=LANG=vi_VN.UTF-8 console_start 80 24 run
wait_for "lang-env-vi" '^ 1 Cảnh báo   2 Luồng sự kiện'
CONSOLE_ENV=LANG=vi_VN.UTF-8 console_start 80 24 run --lang en
wait_for "lang-en-overrides-env" '^ 1 Alerts   2 Feed'

# Decomposed Vietnamese (base letters and combining marks) in a site's
# name lines up like the precomposed one.
sed -e 's/name = "Phường Một"/name = "Phu\xcc\x9bo\xcc\x9b\xcc\x80ng Mo\xcc\xa3\xcc\x82t", name_en = "Ward One"/' \
	tests/data/net-small.lua >"$TMP/net-decomposed.lua"
console_start 80 24 run --lang vi --network "$TMP/net-decomposed.lua" tests/data/scenarios/small.lua
wait_for "decomposed-console-up" '^ 1 Cảnh báo'
console_type ":show c1-pc-01" Enter
wait_for "decomposed-site-shown" "$(printf 'Phu\314\233o\314\233\314\200ng Mo\314\243\314\202t \\(1\\) ')"
cols=$(separator_columns '^ *[▾▸ ] ')
if [ "$cols" = "44" ]; then ok "decomposed-columns-line-up"; else
	not_ok "decomposed-columns-line-up" "separator at columns '$cols', expected 44 on every row"; fi

# Every message of the console has its Vietnamese translation.
if xgettext --from-code=UTF-8 -k_ -kN_ -kA_ -kW_ -o "$TMP/irdrill.pot" ui/*.c engine/action.c engine/whitecell.c 2>"$TMP/xgettext.err" &&
	msgcmp po/vi.po "$TMP/irdrill.pot" 2>"$TMP/msgcmp.err"; then ok "vi-catalogue-complete"; else
	not_ok "vi-catalogue-complete" "$(head -5 "$TMP/xgettext.err" "$TMP/msgcmp.err")"; fi

# An install, moved elsewhere, still speaks Vietnamese.
build=$(dirname "$IRDRILL")
if make -s install PREFIX="$TMP/prefix" BUILD="$build" SAN="${SAN:-}" >"$TMP/make.log" 2>&1; then
	ok "install-succeeds"
else
	not_ok "install-succeeds" "$(tail -5 "$TMP/make.log")"
fi
mv "$TMP/prefix" "$TMP/usb-stick"
IRDRILL="$TMP/usb-stick/bin/irdrill" console_start 80 24 run --lang vi
wait_for "moved-install-speaks-vi" '^ 1 Cảnh báo   2 Luồng sự kiện'
