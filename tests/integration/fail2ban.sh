# fail2ban.sh - Debian's fail2ban for the tests that hold mail.log and
# auth.log to its own filters, sourced after lib.sh.
#
# fail2ban is used unpacked from Debian's package (apt-get download, dpkg
# -x), never installed: installing it would enable and start its ban
# daemon on the machine running the tests.  The unpacked tree is kept in
# $IRDRILL_FAIL2BAN, by default next to the unit test programs, so the
# download happens once.  Needs apt-get with a reachable Debian mirror on
# first use, and Debian's /usr/bin/python3.

UNIT_DIR=${UNIT_DIR:-build/tests}
F2B=${IRDRILL_FAIL2BAN:-${UNIT_DIR%/*}/fail2ban}
FILTERS=$F2B/etc/fail2ban/filter.d

# Unpack Debian's fail2ban into $F2B unless it is there already.
fetch_fail2ban() {
	[ -f "$F2B/usr/bin/fail2ban-regex" ] && return 0
	rm -rf "$F2B.part" && mkdir -p "$F2B.part" || return 1
	if (cd "$F2B.part" && apt-get download fail2ban) >"$TMP/f2b-download" 2>&1 &&
		dpkg -x "$F2B.part"/fail2ban_*.deb "$F2B.part/root" >>"$TMP/f2b-download" 2>&1; then
		rm -rf "$F2B" && mv "$F2B.part/root" "$F2B" && rm -rf "$F2B.part"
		return 0
	fi
	rm -rf "$F2B.part"
	return 1
}

fail2ban_regex() {
	PYTHONPATH=$F2B/usr/lib/python3/dist-packages /usr/bin/python3 \
		"$F2B/usr/bin/fail2ban-regex" "$@"
}

# need_fail2ban PREFIX: report PREFIX-fail2ban-present, and exit the test
# when fail2ban cannot be had: a missing tool is a failure, never a
# silent pass.
need_fail2ban() {
	if [ ! -x /usr/bin/python3 ]; then
		not_ok "$1-fail2ban-present" "/usr/bin/python3 is missing (apt-get install -y python3)"
		exit 1
	fi
	if fetch_fail2ban && fail2ban_regex --version >/dev/null 2>&1; then
		ok "$1-fail2ban-present"
	else
		not_ok "$1-fail2ban-present" "could not unpack Debian's fail2ban into $F2B" \
			"$(tail -3 "$TMP/f2b-download" 2>/dev/null)"
		exit 1
	fi
}

# check_fail2ban NAME LOG FILTER EXPECTED [NONE]: fail2ban-regex reads
# every line of LOG with a date it recognises, and reports as failures
# exactly the addresses listed in EXPECTED, as many times as listed; an
# empty EXPECTED passes only when NONE says that no failure is right
# (a log whose daemon never refuses anyone).  --no-check-all
# makes it stop at the first rule that matches a line, as the fail2ban
# server does (and as its -o output always does).
check_fail2ban() {
	name=$1 log=$2 filter=$3 expected=$4 none=${5:-}
	lines=$(grep -c '' "$log")
	want=$(grep -c '' "$expected")
	fail2ban_regex --no-check-all "$log" "$filter" >"$TMP/f2b.out" 2>&1
	status=$?
	summary=$(grep '^Lines: ' "$TMP/f2b.out")
	matched=$(printf '%s\n' "$summary" | sed -n 's/.* \([0-9]*\) matched.*/\1/p')
	# "Date template hits": one per line whose timestamp it understood.
	dated=$(sed -n '/^Date template hits:/,/^`-/s/^|  \[\([0-9]*\)\].*/\1/p' "$TMP/f2b.out" |
		awk '{ n += $1 } END { print n + 0 }')
	if [ "$status" -eq 0 ] && [ "$dated" -eq "$lines" ] && [ "$lines" -gt 0 ]; then
		ok "$name-dates"
	else
		not_ok "$name-dates" "exit $status, $dated of $lines lines dated" \
			"$(grep -A3 '^Date template' "$TMP/f2b.out" | tr '\n' ' ')"
	fi
	if { [ "$want" -gt 0 ] || [ -n "$none" ]; } && [ "$matched" = "$want" ]; then
		ok "$name-failure-count"
	else
		not_ok "$name-failure-count" "fail2ban matched '$matched', the records hold $want" \
			"$summary"
	fi
	fail2ban_regex -o ip "$log" "$filter" 2>&1 | sort >"$TMP/f2b.ips"
	if sort "$expected" | cmp -s - "$TMP/f2b.ips"; then
		ok "$name-failure-addresses"
	else
		not_ok "$name-failure-addresses" \
			"$(sort "$expected" | diff - "$TMP/f2b.ips" | grep '^[<>]' | head -6 | tr '\n' ' ')"
	fi
}
