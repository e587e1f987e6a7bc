/*
 * fmt_sshd.h - OpenSSH 9.2p1 sshd lines in a Linux host's auth.log
 * (EVENT_LOGON on a Linux host), with the pam_unix lines that come with
 * them on Debian 12.
 *
 * One record, its lines (sshd's monitor pid, unless said otherwise):
 *   SUCCESS  "Accepted password|publickey for NAME from IP port N ssh2"
 *            (publickey adds ": ED25519 SHA256:…" from the record's key),
 *            then pam_unix's "session opened for user NAME(uid=U) by
 *            (uid=0)";
 *   FAILURE  for a password: "Invalid user NAME from IP port N" and
 *            pam_unix's "check pass; user unknown" when unknown_user,
 *            pam_unix's "authentication failure; … rhost=IP  user=NAME"
 *            (no user= for an unknown user), then, after PAM's failure
 *            delay, "Failed password for [invalid user ]NAME from IP port
 *            N ssh2"; for a public key only the Invalid user and "Failed
 *            publickey … ssh2: KEY" lines;
 *   CLOSED   after a session (logon_id set): "Received disconnect from IP
 *            port N:11: disconnected by user" and "Disconnected from user
 *            NAME IP port N" from the session's privilege-separated child
 *            (the monitor pid + 6, as sshd forks it), then pam_unix's
 *            "session closed for user NAME"; with no session (logon_id 0)
 *            "Connection closed by authenticating|invalid user NAME IP
 *            port N [preauth]".
 * The last line is at the record's time, the ones before it a few
 * milliseconds earlier (PAM's delay before "Failed": 1.5 to 2.5 s), never
 * before conn.start.  The monitor pid is derived from conn.serial, so every
 * line of one connection shares it.
 *
 * Text rules: sshd passes its messages through strnvis(VIS_CSTYLE|VIS_NL|
 * VIS_TAB|VIS_OCTAL), so a user name's newline reads \n, a backslash \\
 * and a byte outside printable ASCII \ooo (UTF-8 included); a name is cut
 * at 100 bytes in the Accepted/Failed/Invalid lines, "user NAME" at 200
 * in the Disconnected/Connection closed ones, a message at 500, as sshd
 * cuts them.  A "[preauth]"
 * line was written by the pre-authentication child and logged again by
 * the monitor, so it went through strnvis twice ("nguy\\341…").  (All of
 * this as the Debian 12 sshd binary logs it to /dev/log.)  PAM logs names
 * as they are, so its lines rely on rsyslog's #ooo escaping
 * (fmt_syslogfile).
 *
 * The account's uid is not in event.h: root is 0, others get 1000 plus a
 * number derived from the name.  Depends on event, fmt_syslogfile,
 * simclock, strbuf, net, ipaddr.
 */
#ifndef FMT_SSHD_H
#define FMT_SSHD_H

#include <stdint.h>

#include "event.h"
#include "fmt_syslogfile.h"
#include "net.h"
#include "simclock.h"
#include "strbuf.h"

struct fmt_sshd_settings {
	const struct simclock *clock;    /* the drill's epoch */
	enum fmt_syslogfile_style style; /* the host's rsyslog template */
	const struct net *net;           /* names the host and tells its OS */
	const char *hostname;            /* overrides net when set */
	uint64_t id_seed;                /* mixed into pids */
	struct fmt_syslogfile_times *times; /* when set, filled with the time
					  * of each line appended */
};

/*
 * Append the record's lines, each ending in a newline.  EVENT_NOT_RENDERED
 * for other kinds and steps, and for a host whose OS in the network model
 * is not Linux.  EVENT_BAD, out unchanged, for a record sshd could not
 * log: no host name, no user, no connection (conn.serial 0), a time
 * outside the clock or before conn.start, a SUCCESS for an unknown user.
 */
enum event_render fmt_sshd_render(const struct fmt_sshd_settings *s,
				  const struct event *ev, struct strbuf *out);

#endif
