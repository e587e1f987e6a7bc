# make install puts the binary, the scenarios and the man page under
# PREFIX, and the installed tree runs from wherever it is copied (a USB
# stick): the binary finds its scenarios relative to itself.
. "$(dirname "$0")/lib.sh"

build=$(dirname "$IRDRILL")
if make -s install PREFIX="$TMP/prefix" BUILD="$build" SAN="${SAN:-}" >"$TMP/make.log" 2>&1; then
	ok "make-install-succeeds"
else
	not_ok "make-install-succeeds" "$(tail -5 "$TMP/make.log")"
fi
for f in bin/irdrill share/irdrill/scenarios/networks/default.lua share/man/man1/irdrill.1; do
	if [ -f "$TMP/prefix/$f" ]; then ok "installed-$f"; else not_ok "installed-$f" "missing"; fi
done

run_bin "$TMP/prefix/bin/irdrill" net
expect_status "installed-binary-finds-default-network" 0
expect_line "installed-binary-reads-installed-copy" "$TMP/stdout" "^file: +$TMP/prefix/share/irdrill/scenarios/networks/default.lua$"

mv "$TMP/prefix" "$TMP/usb-stick"
run_bin "$TMP/usb-stick/bin/irdrill" net
expect_status "moved-install-still-runs" 0
expect_line "moved-install-reads-its-own-copy" "$TMP/stdout" "^file: +$TMP/usb-stick/share/irdrill/scenarios/networks/default.lua$"

mkdir -p "$TMP/empty/bin"
cp "$IRDRILL" "$TMP/empty/bin/irdrill"
run_bin "$TMP/empty/bin/irdrill" net
expect_status "no-scenarios-folder-is-an-error" 1
expect_line "no-scenarios-folder-says-what-to-do" "$TMP/stderr" "cannot find the scenarios folder.*IRDRILL_SCENARIOS"
