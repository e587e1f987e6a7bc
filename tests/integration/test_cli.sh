# The command-line contract: help, version, usage errors, commands that
# are not available yet.
. "$(dirname "$0")/lib.sh"

run_cmd --help
expect_status "help-exit-0" 0
expect_line "help-lists-net" "$TMP/stdout" "^  net +\[--network FILE\] +summarise the network model$"
expect_line "help-lists-bench" "$TMP/stdout" "^  bench .*run the benchmarks$"

run_cmd version
expect_status "version-exit-0" 0
expect_line "version-matches-file" "$TMP/stdout" "^irdrill $(cat engine/VERSION)$"
run_cmd --version
expect_line "dash-dash-version" "$TMP/stdout" "^irdrill [0-9]+\.[0-9]+\.[0-9]+$"

run_cmd net --help
expect_status "net-help-exit-0" 0
expect_line "net-help-usage" "$TMP/stdout" "^usage: irdrill net \[--network FILE\]$"
run_cmd help net
expect_line "help-net-usage" "$TMP/stdout" "^usage: irdrill net \[--network FILE\]$"

run_cmd frobnicate
expect_status "unknown-command-exit-2" 2
expect_line "unknown-command-says-so" "$TMP/stderr" "unknown command 'frobnicate'"

run_cmd net --bogus
expect_status "unknown-option-exit-2" 2
expect_line "unknown-option-says-so" "$TMP/stderr" "^irdrill net: unknown option '--bogus'"
run_cmd net --network
expect_status "missing-value-exit-2" 2
expect_line "missing-value-says-so" "$TMP/stderr" "option --network needs a value"
run_cmd net extra
expect_status "extra-argument-exit-2" 2

run_cmd replay
expect_status "replay-without-file-exit-2" 2
expect_line "replay-without-file-says-so" "$TMP/stderr" "name one replay file"
run_cmd replay --help
expect_line "replay-help-lists-options" "$TMP/stdout" "--as TEAM\|white +--at T"
run_cmd replay --help
expect_line "replay-help-lists-verify" "$TMP/stdout" "^  --verify +play the drill again"
run_cmd replay --verify
expect_status "replay-verify-without-file-exit-2" 2
# With no terminal, the console says how to run without one.
run_cmd </dev/null
expect_status "no-command-is-run" 2
expect_line "no-command-is-run-message" "$TMP/stderr" "the live console needs a terminal.*use irdrill run --headless"
