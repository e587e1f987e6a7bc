# lib.sh - helpers for the integration tests, sourced by each test_*.sh.
# Each check prints "ok - NAME" or "not ok - NAME" (with the evidence) so
# tests/run can count them.  $IRDRILL is the binary under test.

IRDRILL=${IRDRILL:-build/irdrill}
cd "$(dirname "$0")/../.." || exit 2
# The reference formats and validators (shared/formats, shared/tools) live
# beside the project, never inside it; IRDRILL_SHARED points elsewhere.
SHARED=${IRDRILL_SHARED:-../shared}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/irdrill-it.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
# Every run records its exercise; the tests' stores stay out of the tree.
IRDRILL_DB=$TMP/irdrill.db
export IRDRILL_DB

ok() { echo "ok - $1"; }
not_ok() {
	echo "not ok - $1"
	shift
	for line in "$@"; do echo "#   $line"; done
}

# run_bin BINARY ARGS...: run a binary, keeping status, stdout and stderr.
run_bin() {
	"$@" >"$TMP/stdout" 2>"$TMP/stderr"
	STATUS=$?
}

# run_cmd ARGS...: run the irdrill under test.
run_cmd() {
	run_bin "$IRDRILL" "$@"
}

# expect_status NAME WANT
expect_status() {
	if [ "$STATUS" -eq "$2" ]; then ok "$1"; else
		not_ok "$1" "exit status $STATUS, expected $2" "stderr: $(head -5 "$TMP/stderr")"
	fi
}

# expect_line NAME FILE REGEX: some line of FILE matches the extended REGEX.
expect_line() {
	if grep -Eq -- "$3" "$2"; then ok "$1"; else
		not_ok "$1" "no line of $(basename "$2") matches /$3/" "it reads: $(head -8 "$2" | tr '\n' '|')"
	fi
}

# expect_no_line NAME FILE REGEX
expect_no_line() {
	if grep -Eq -- "$3" "$2"; then
		not_ok "$1" "a line of $(basename "$2") matches /$3/: $(grep -E -- "$3" "$2" | head -3)"
	else ok "$1"; fi
}
