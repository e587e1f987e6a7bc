# Host log formats held to the tools that read them in production: the
# mail.log of fmt_mail and the auth.log of fmt_sshd, in both rsyslog
# timestamp styles, against fail2ban 1.0.2's own filters (filter.d/
# postfix.conf, filter.d/sshd.conf, run by fail2ban-regex) and Debian's
# logcheck rules ($SHARED/formats/{postfix,sshd}/logcheck-rules).  The
# unit test programs write the samples (test_fmt_mail --write DIR,
# test_fmt_sshd --write DIR), with the failures fail2ban must report
# worked out from the records, not from the text.
#
# fail2ban comes unpacked from Debian's package (fail2ban.sh).  A missing
# tool is a failure, never a silent pass.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fail2ban.sh"

RULES=$SHARED/formats

for f in postfix/logcheck-rules/postfix postfix/logcheck-rules/spamd sshd/logcheck-rules/ssh; do
	if [ ! -f "$RULES/$f" ]; then
		echo "not ok - mail-shared-rules-present"
		echo "#   expected $f in $(pwd)/$RULES"
		exit 1
	fi
done

need_fail2ban mail

mkdir -p "$TMP/mail" "$TMP/sshd"
run_bin "$UNIT_DIR/test_fmt_mail" --write "$TMP/mail"
expect_status "mail-sample-written" 0
run_bin "$UNIT_DIR/test_fmt_sshd" --write "$TMP/sshd"
expect_status "sshd-sample-written" 0

# check_logcheck NAME LOG RULES LAGGING: every line logcheck's rules do
# not know matches LAGGING, an extended regex naming wording the rules
# have not caught up with (or field values their character classes
# exclude); the unknown lines are counted in the output.
check_logcheck() {
	name=$1 log=$2 rules=$3 lagging=$4
	grep -E -v -f "$rules" "$log" >"$TMP/unknown"
	rules_status=$?
	known=$(( $(grep -c '' "$log") - $(grep -c '' "$TMP/unknown") ))
	grep -E -v -- "$lagging" "$TMP/unknown" >"$TMP/unexplained"
	lagging_status=$?
	if [ "$rules_status" -gt 1 ] || [ "$lagging_status" -gt 1 ]; then
		not_ok "$name" "grep failed: $rules_status, $lagging_status"
	elif [ "$lagging_status" -eq 0 ]; then
		not_ok "$name" "$(grep -c '' "$TMP/unexplained") lines logcheck does not know:" \
			"$(head -3 "$TMP/unexplained")"
	elif [ "$known" -le 0 ]; then
		not_ok "$name" "logcheck knows none of the lines"
	else
		ok "$name"
	fi
	echo "#   $name: $known lines known, $(grep -c '' "$TMP/unknown") in wording the rules lag"
}

# Lines Debian's logcheck 1.4.2 does not know although Postfix 3.7 and
# spamd 4.0 write them: smtpd's disconnect with command counts; the 4.7.25
# status code of "cannot find your hostname"; cleanup's header_checks INFO
# and milter_header_checks DISCARD (site rules, which logcheck leaves to be
# reported); spamd naming a recipient it escaped (\x{..}) or hitting no
# rule at all; a client name with a masked control byte; a Message-ID
# header with spaces and brackets inside, which cleanup logs as it came.
MAIL_LAGGING='postfix/smtpd\[[0-9]+\]: disconnect from .* commands=[0-9/]+$'
MAIL_LAGGING="$MAIL_LAGGING"'|: 4[0-9]{2} 4\.7\.25 Client host rejected: cannot find your hostname'
MAIL_LAGGING="$MAIL_LAGGING"'|postfix/cleanup\[[0-9]+\]: [0-9A-F]+: (info|milter-header-discard): header '
MAIL_LAGGING="$MAIL_LAGGING"'|spamd\[[0-9]+\]: spamd: .*\\x\{[0-9A-F]{2}\}'
MAIL_LAGGING="$MAIL_LAGGING"'|spamd\[[0-9]+\]: spamd: result: [.Y] +-?[0-9]+ -  scantime='
MAIL_LAGGING="$MAIL_LAGGING"'|postfix/smtpd\[[0-9]+\]: [0-9A-F]+: client=[^ ]*\?'
MAIL_LAGGING="$MAIL_LAGGING"'|postfix/cleanup\[[0-9]+\]: [0-9A-F]+: message-id=<.*[ <>].*>$'

# And for sshd: PAM's failure line for an unknown user (it ends in a
# space), closes by an invalid user, refused keys, user names with a space.
SSHD_LAGGING='pam_unix\(sshd:auth\): authentication failure; .* rhost=[^ ]+ $'
SSHD_LAGGING="$SSHD_LAGGING"'|sshd\[[0-9]+\]: Connection closed by invalid user '
SSHD_LAGGING="$SSHD_LAGGING"'|sshd\[[0-9]+\]: Failed publickey for '
SSHD_LAGGING="$SSHD_LAGGING"'|sshd\[[0-9]+\]: (Invalid user|Failed password for invalid user) [^ ]+ [^ ]+ from '

cat "$RULES/postfix/logcheck-rules/postfix" "$RULES/postfix/logcheck-rules/spamd" \
	>"$TMP/mail-rules"

for style in "" -traditional; do
	label=${style:--rfc3339}
	check_fail2ban "mail-fail2ban$label" "$TMP/mail/mail.log$style" \
		"$FILTERS/postfix.conf" "$TMP/mail/mail.rejects"
	check_fail2ban "sshd-fail2ban$label" "$TMP/sshd/auth.log$style" \
		"$FILTERS/sshd.conf" "$TMP/sshd/auth.failures"
	check_logcheck "mail-logcheck$label" "$TMP/mail/mail.log$style" \
		"$TMP/mail-rules" "$MAIL_LAGGING"
	check_logcheck "sshd-logcheck$label" "$TMP/sshd/auth.log$style" \
		"$RULES/sshd/logcheck-rules/ssh" "$SSHD_LAGGING"
done

# --- The line prefix, beyond what the tools above accept ---------------------

# One style per file, as rsyslog writes it: RFC 3339 with six fraction
# digits and +07:00, or "Mmm dd hh:mm:ss" with the day padded by a space.
RFC3339='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\+07:00 [^ ]+ [^ []+\[[0-9]+\]: '
TRADITIONAL='^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ( [1-9]|[12][0-9]|3[01]) [0-9]{2}:[0-9]{2}:[0-9]{2} [^ ]+ [^ []+\[[0-9]+\]: '
for log in mail/mail.log sshd/auth.log; do
	name=$(basename "$log")
	if ! grep -E -v -q -- "$RFC3339" "$TMP/$log" &&
		! grep -E -v -q -- "$TRADITIONAL" "$TMP/$log-traditional"; then
		ok "$name-one-timestamp-style-per-file"
	else
		not_ok "$name-one-timestamp-style-per-file" \
			"$(grep -E -v -- "$RFC3339" "$TMP/$log" | head -2)" \
			"$(grep -E -v -- "$TRADITIONAL" "$TMP/$log-traditional" | head -2)"
	fi
	# The two files differ in the timestamp only.
	cut -d' ' -f2- "$TMP/$log" >"$TMP/rest-rfc"
	sed -E 's/^[A-Z][a-z]{2} +[0-9]+ [0-9:]+ //' "$TMP/$log-traditional" >"$TMP/rest-trad"
	if cmp -s "$TMP/rest-rfc" "$TMP/rest-trad"; then
		ok "$name-styles-agree"
	else
		not_ok "$name-styles-agree" "$(diff "$TMP/rest-rfc" "$TMP/rest-trad" | head -4)"
	fi
done
