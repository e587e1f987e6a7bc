/*
 * test_fmt_sshd.c - OpenSSH 9.2p1 auth.log lines from logon records:
 * every step, byte for byte in both rsyslog timestamp styles; one pid per
 * connection and the session child's; sshd's and PAM's different
 * escaping of hostile user names; records sshd could not have logged.
 *
 * The golden lines follow shared/formats/sshd (Debian 12, OpenSSH 9.2p1,
 * both templates).  The escaping follows what that sshd binary writes to
 * /dev/log: "Invalid user nguy\341\273\205n\\x from …" and, relayed from
 * the pre-authentication child, "… invalid user nguy\\341\\273\\205n\\\\x
 * … [preauth]".
 *
 * "test_fmt_sshd --write DIR" writes DIR/auth.log and
 * DIR/auth.log-traditional (brute force, invalid users, sessions, public
 * keys, hostile names) and DIR/auth.failures, one line per failure
 * fail2ban's sshd filter should report (the client address), worked out
 * from the records (see add()), for tests/integration/test_formats_mail.sh.
 */
#include "harness.h"
#include "event_fixtures.h"
#include "fmt_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "fmt_sshd.h"

static struct simclock test_clock;

FMT_TEST_GOLDEN(struct fmt_sshd_settings, fmt_sshd_render)

static const struct fmt_sshd_settings test_rfc3339 = {
	.clock = &test_clock,
	.style = FMT_SYSLOGFILE_RFC3339,
	.hostname = "dc-hscv-app-01",
	.id_seed = 20231108,
};

static const struct fmt_sshd_settings test_traditional = {
	.clock = &test_clock,
	.style = FMT_SYSLOGFILE_TRADITIONAL,
	.hostname = "dc-hscv-app-01",
	.id_seed = 20231108,
};

static const char test_ed25519[] =
	"ED25519 SHA256:Wf00duKxwWNbuv2qG0m/5paCOMDJirivd2Khjp1qddE";
static const char test_rsa[] =
	"RSA SHA256:Y9c5u2Jp4f3q0zW8aXb1LkQe7rTt6sVn2mHh0dGg9oE";

/* An administrator's workstation on the document system's server: 3.3 s
 * from connect to the record. */
static struct event logon_record(enum event_logon_step step)
{
	struct event ev = {
		.time = fixture_at(900, 412345),
		.kind = EVENT_LOGON,
		.dir = EVENT_FROM_ORIG,
		.host = -1,
		.user = "quantri",
		.conn = {
			.serial = 31,
			.start = fixture_at(897, 100000),
			.orig_ip = fixture_ip("10.10.9.101"),
			.resp_ip = fixture_ip("10.10.3.20"),
			.orig_port = 52068,
			.resp_port = 22,
			.proto = NET_PROTO_TCP,
			.app = EVENT_APP_SSH,
		},
	};

	ev.u.logon.step = step;
	ev.u.logon.method = "password";
	if (step == EVENT_LOGON_CLOSED)
		ev.u.logon.logon_id = 7;
	return ev;
}

static struct event invalid_user(enum event_logon_step step)
{
	struct event ev = logon_record(step);

	ev.user = "oracle";
	ev.u.logon.unknown_user = true;
	ev.u.logon.logon_id = 0;
	return ev;
}

static struct event with_key(struct event ev, const char *key)
{
	ev.u.logon.method = "publickey";
	ev.u.logon.key = key;
	return ev;
}

/* --- Every step, both styles ------------------------------------------------ */

TEST(sshd_success_password)
{
	check_line(&test_rfc3339, logon_record(EVENT_LOGON_SUCCESS),
		   "2023-11-08T09:15:00.410832+07:00 dc-hscv-app-01 sshd[85576]: "
		   "Accepted password for quantri from 10.10.9.101 port 52068 ssh2\n"
		   "2023-11-08T09:15:00.412345+07:00 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:session): session opened for user "
		   "quantri(uid=1129) by (uid=0)\n");
	check_line(&test_traditional, logon_record(EVENT_LOGON_SUCCESS),
		   "Nov  8 09:15:00 dc-hscv-app-01 sshd[85576]: "
		   "Accepted password for quantri from 10.10.9.101 port 52068 ssh2\n"
		   "Nov  8 09:15:00 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:session): session opened for user "
		   "quantri(uid=1129) by (uid=0)\n");
}

TEST(sshd_success_publickey)
{
	struct event ev = with_key(logon_record(EVENT_LOGON_SUCCESS), test_ed25519);

	check_line(&test_rfc3339, ev,
		   "2023-11-08T09:15:00.410832+07:00 dc-hscv-app-01 sshd[85576]: "
		   "Accepted publickey for quantri from 10.10.9.101 port 52068 ssh2: "
		   "ED25519 SHA256:Wf00duKxwWNbuv2qG0m/5paCOMDJirivd2Khjp1qddE\n"
		   "2023-11-08T09:15:00.412345+07:00 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:session): session opened for user "
		   "quantri(uid=1129) by (uid=0)\n");
	check_line(&test_traditional, ev,
		   "Nov  8 09:15:00 dc-hscv-app-01 sshd[85576]: "
		   "Accepted publickey for quantri from 10.10.9.101 port 52068 ssh2: "
		   "ED25519 SHA256:Wf00duKxwWNbuv2qG0m/5paCOMDJirivd2Khjp1qddE\n"
		   "Nov  8 09:15:00 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:session): session opened for user "
		   "quantri(uid=1129) by (uid=0)\n");
}

/* pam_unix first, with two spaces before user=, then sshd's line after
 * PAM's failure delay (2.21 s for this connection). */
TEST(sshd_failure_password)
{
	check_line(&test_rfc3339, logon_record(EVENT_LOGON_FAILURE),
		   "2023-11-08T09:14:58.197749+07:00 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:auth): authentication failure; logname= uid=0 "
		   "euid=0 tty=ssh ruser= rhost=10.10.9.101  user=quantri\n"
		   "2023-11-08T09:15:00.412345+07:00 dc-hscv-app-01 sshd[85576]: "
		   "Failed password for quantri from 10.10.9.101 port 52068 ssh2\n");
	check_line(&test_traditional, logon_record(EVENT_LOGON_FAILURE),
		   "Nov  8 09:14:58 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:auth): authentication failure; logname= uid=0 "
		   "euid=0 tty=ssh ruser= rhost=10.10.9.101  user=quantri\n"
		   "Nov  8 09:15:00 dc-hscv-app-01 sshd[85576]: "
		   "Failed password for quantri from 10.10.9.101 port 52068 ssh2\n");
}

/* An unknown account: Invalid user, PAM's "user unknown", a failure line
 * with no user= and its trailing space, "invalid user" in sshd's line. */
TEST(sshd_failure_invalid_user)
{
	check_line(&test_rfc3339, invalid_user(EVENT_LOGON_FAILURE),
		   "2023-11-08T09:14:58.189579+07:00 dc-hscv-app-01 sshd[85576]: "
		   "Invalid user oracle from 10.10.9.101 port 52068\n"
		   "2023-11-08T09:14:58.197668+07:00 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:auth): check pass; user unknown\n"
		   "2023-11-08T09:14:58.197749+07:00 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:auth): authentication failure; logname= uid=0 "
		   "euid=0 tty=ssh ruser= rhost=10.10.9.101 \n"
		   "2023-11-08T09:15:00.412345+07:00 dc-hscv-app-01 sshd[85576]: "
		   "Failed password for invalid user oracle from 10.10.9.101 port "
		   "52068 ssh2\n");
	check_line(&test_traditional, invalid_user(EVENT_LOGON_FAILURE),
		   "Nov  8 09:14:58 dc-hscv-app-01 sshd[85576]: "
		   "Invalid user oracle from 10.10.9.101 port 52068\n"
		   "Nov  8 09:14:58 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:auth): check pass; user unknown\n"
		   "Nov  8 09:14:58 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:auth): authentication failure; logname= uid=0 "
		   "euid=0 tty=ssh ruser= rhost=10.10.9.101 \n"
		   "Nov  8 09:15:00 dc-hscv-app-01 sshd[85576]: "
		   "Failed password for invalid user oracle from 10.10.9.101 port "
		   "52068 ssh2\n");
}

/* A refused key involves no PAM: no pam_unix lines, no delay. */
TEST(sshd_failure_publickey)
{
	struct event ev = with_key(invalid_user(EVENT_LOGON_FAILURE), test_rsa);

	check_line(&test_rfc3339, ev,
		   "2023-11-08T09:15:00.404175+07:00 dc-hscv-app-01 sshd[85576]: "
		   "Invalid user oracle from 10.10.9.101 port 52068\n"
		   "2023-11-08T09:15:00.412345+07:00 dc-hscv-app-01 sshd[85576]: "
		   "Failed publickey for invalid user oracle from 10.10.9.101 port "
		   "52068 ssh2: RSA SHA256:Y9c5u2Jp4f3q0zW8aXb1LkQe7rTt6sVn2mHh0dGg9oE\n");
	check_line(&test_traditional, ev,
		   "Nov  8 09:15:00 dc-hscv-app-01 sshd[85576]: "
		   "Invalid user oracle from 10.10.9.101 port 52068\n"
		   "Nov  8 09:15:00 dc-hscv-app-01 sshd[85576]: "
		   "Failed publickey for invalid user oracle from 10.10.9.101 port "
		   "52068 ssh2: RSA SHA256:Y9c5u2Jp4f3q0zW8aXb1LkQe7rTt6sVn2mHh0dGg9oE\n");
	ev = with_key(logon_record(EVENT_LOGON_FAILURE), test_rsa);
	check_line(&test_rfc3339, ev,
		   "2023-11-08T09:15:00.412345+07:00 dc-hscv-app-01 sshd[85576]: "
		   "Failed publickey for quantri from 10.10.9.101 port 52068 ssh2: "
		   "RSA SHA256:Y9c5u2Jp4f3q0zW8aXb1LkQe7rTt6sVn2mHh0dGg9oE\n");
}

/* The session child (monitor pid + 6) reports the disconnect; the
 * monitor's PAM closes the session. */
TEST(sshd_closed_session)
{
	check_line(&test_rfc3339, logon_record(EVENT_LOGON_CLOSED),
		   "2023-11-08T09:15:00.411609+07:00 dc-hscv-app-01 sshd[85582]: "
		   "Received disconnect from 10.10.9.101 port 52068:11: "
		   "disconnected by user\n"
		   "2023-11-08T09:15:00.411828+07:00 dc-hscv-app-01 sshd[85582]: "
		   "Disconnected from user quantri 10.10.9.101 port 52068\n"
		   "2023-11-08T09:15:00.412345+07:00 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:session): session closed for user quantri\n");
	check_line(&test_traditional, logon_record(EVENT_LOGON_CLOSED),
		   "Nov  8 09:15:00 dc-hscv-app-01 sshd[85582]: "
		   "Received disconnect from 10.10.9.101 port 52068:11: "
		   "disconnected by user\n"
		   "Nov  8 09:15:00 dc-hscv-app-01 sshd[85582]: "
		   "Disconnected from user quantri 10.10.9.101 port 52068\n"
		   "Nov  8 09:15:00 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:session): session closed for user quantri\n");
}

/* No session (logon_id 0): the client left during authentication. */
TEST(sshd_closed_preauth)
{
	struct event ev = logon_record(EVENT_LOGON_CLOSED);

	ev.u.logon.logon_id = 0;
	check_line(&test_rfc3339, ev,
		   "2023-11-08T09:15:00.412345+07:00 dc-hscv-app-01 sshd[85576]: "
		   "Connection closed by authenticating user quantri 10.10.9.101 "
		   "port 52068 [preauth]\n");
	check_line(&test_traditional, ev,
		   "Nov  8 09:15:00 dc-hscv-app-01 sshd[85576]: "
		   "Connection closed by authenticating user quantri 10.10.9.101 "
		   "port 52068 [preauth]\n");
	check_line(&test_rfc3339, invalid_user(EVENT_LOGON_CLOSED),
		   "2023-11-08T09:15:00.412345+07:00 dc-hscv-app-01 sshd[85576]: "
		   "Connection closed by invalid user oracle 10.10.9.101 port 52068 "
		   "[preauth]\n");
	check_line(&test_traditional, invalid_user(EVENT_LOGON_CLOSED),
		   "Nov  8 09:15:00 dc-hscv-app-01 sshd[85576]: "
		   "Connection closed by invalid user oracle 10.10.9.101 port 52068 "
		   "[preauth]\n");
}

/* --- Pids and times --------------------------------------------------------- */

/* The pid in "sshd[…]" of the n-th line of out. */
static unsigned long nth_pid(const struct strbuf *out, int n)
{
	const char *p = strbuf_str(out);

	while (n-- > 0 && strchr(p, '\n') != NULL)
		p = strchr(p, '\n') + 1;
	p = strstr(p, " sshd[");
	return p != NULL ? strtoul(p + 6, NULL, 10) : 0;
}

/* One monitor pid per connection on every record about it; the session
 * child's pid follows it by 6; another connection, another pid. */
TEST(sshd_pid_per_connection)
{
	struct strbuf a, b, c, d;
	struct event other = logon_record(EVENT_LOGON_FAILURE);
	unsigned long pid;

	CHECK_INT(render(&test_rfc3339, logon_record(EVENT_LOGON_SUCCESS), &a),
		  EVENT_RENDERED);
	CHECK_INT(render(&test_rfc3339, logon_record(EVENT_LOGON_CLOSED), &b),
		  EVENT_RENDERED);
	CHECK_INT(render(&test_rfc3339, logon_record(EVENT_LOGON_FAILURE), &c),
		  EVENT_RENDERED);
	other.conn.serial = 32;
	CHECK_INT(render(&test_rfc3339, other, &d), EVENT_RENDERED);
	pid = nth_pid(&a, 0);
	CHECK(pid != 0);
	CHECK_INT(nth_pid(&a, 1), pid);
	CHECK_INT(nth_pid(&b, 0), pid + 6);
	CHECK_INT(nth_pid(&b, 1), pid + 6);
	CHECK_INT(nth_pid(&b, 2), pid);
	CHECK_INT(nth_pid(&c, 0), pid);
	CHECK_INT(nth_pid(&c, 1), pid);
	CHECK(nth_pid(&d, 0) != pid);
	CHECK_INT(nth_pid(&d, 1), nth_pid(&d, 0));
	strbuf_free(&a);
	strbuf_free(&b);
	strbuf_free(&c);
	strbuf_free(&d);
}

/* A record whose connection is younger than PAM's delay: the earlier
 * lines wait at conn.start rather than come before the connection. */
TEST(sshd_lines_never_before_connect)
{
	struct event ev = invalid_user(EVENT_LOGON_FAILURE);

	ev.conn.start = ev.time - 500000;
	check_line(&test_rfc3339, ev,
		   "2023-11-08T09:14:59.912345+07:00 dc-hscv-app-01 sshd[85576]: "
		   "Invalid user oracle from 10.10.9.101 port 52068\n"
		   "2023-11-08T09:14:59.912345+07:00 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:auth): check pass; user unknown\n"
		   "2023-11-08T09:14:59.912345+07:00 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:auth): authentication failure; logname= uid=0 "
		   "euid=0 tty=ssh ruser= rhost=10.10.9.101 \n"
		   "2023-11-08T09:15:00.412345+07:00 dc-hscv-app-01 sshd[85576]: "
		   "Failed password for invalid user oracle from 10.10.9.101 port "
		   "52068 ssh2\n");
}

/* Check that ev renders starting with want. */
static void check_prefix(const struct fmt_sshd_settings *s, struct event ev,
			 const char *want)
{
	struct strbuf out;
	char got[64];

	CHECK_INT(render(s, ev, &out), EVENT_RENDERED);
	snprintf(got, sizeof got, "%.*s", (int)strlen(want), strbuf_str(&out));
	CHECK_STR(got, want);
	strbuf_free(&out);
}

/*
 * The traditional stamp pads a one-digit day with a space and has no
 * year; both styles read the drill's +07:00 clock, also across a year's
 * end (16:59:59 UTC on 31 December is midnight less a second here).
 */
TEST(sshd_timestamps)
{
	static const struct {
		const char *iso;
		const char *rfc3339, *traditional;
	} cases[] = {
		{ "2026-11-25T03:17:08.769356+07:00",
		  "2026-11-25T03:17:08.769356+07:00 ", "Nov 25 03:17:08 " },
		{ "2023-12-31T16:59:59.999999Z",
		  "2023-12-31T23:59:59.999999+07:00 ", "Dec 31 23:59:59 " },
		{ "2023-12-31T17:00:00Z",
		  "2024-01-01T00:00:00.000000+07:00 ", "Jan  1 00:00:00 " },
		{ "2024-02-29T09:05:00.5+07:00",
		  "2024-02-29T09:05:00.500000+07:00 ", "Feb 29 09:05:00 " },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct event ev = invalid_user(EVENT_LOGON_CLOSED);
		int64_t unix_us = 0;

		CHECK(simclock_parse_iso(cases[i].iso, &unix_us));
		ev.time = unix_us - FIXTURE_EPOCH_US;
		ev.conn.start = ev.time - SIM_SECOND;
		check_prefix(&test_rfc3339, ev, cases[i].rfc3339);
		check_prefix(&test_traditional, ev, cases[i].traditional);
	}
}

/* root's session is uid 0. */
TEST(sshd_root_session)
{
	struct event ev = logon_record(EVENT_LOGON_SUCCESS);
	struct strbuf out;

	ev.user = "root";
	CHECK_INT(render(&test_rfc3339, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       "session opened for user root(uid=0) by (uid=0)\n");
	strbuf_free(&out);
}

/* --- Hostile names ------------------------------------------------------------ */

/*
 * A Vietnamese name with a newline, a TAB and a backslash: sshd's vis
 * writes octal for the UTF-8, \n, \t and \\; the preauth relay escapes the
 * result again; PAM passes the name as is and rsyslog writes #012 and
 * #011.  No line is split.
 */
TEST(sshd_escaping)
{
	struct event ev = logon_record(EVENT_LOGON_FAILURE);
	struct strbuf out;

	ev.user = "nguyễn\nvăn\t\\x";
	CHECK_INT(render(&test_rfc3339, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       "rhost=10.10.9.101  user=nguyễn#012văn#011\\x\n");
	CHECK_CONTAINS(strbuf_str(&out),
		       "Failed password for nguy\\341\\273\\205n\\nv\\304\\203n\\t"
		       "\\\\x from 10.10.9.101 port 52068 ssh2\n");
	CHECK_INT(fmt_test_count_lines(&out, "2023-11-08T09:1"), 2);
	strbuf_free(&out);

	ev = logon_record(EVENT_LOGON_CLOSED);
	ev.user = "nguyễn\nvăn\t\\x";
	ev.u.logon.logon_id = 0;
	ev.u.logon.unknown_user = true;
	CHECK_INT(render(&test_rfc3339, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       "Connection closed by invalid user nguy\\\\341\\\\273\\\\205n"
		       "\\\\nv\\\\304\\\\203n\\\\t\\\\\\\\x 10.10.9.101 port 52068 "
		       "[preauth]\n");
	CHECK_INT(fmt_test_count_lines(&out, "2023-11-08T09:1"), 1);
	strbuf_free(&out);

	ev = logon_record(EVENT_LOGON_CLOSED);
	ev.user = "a\r\nb\x7f";
	CHECK_INT(render(&test_traditional, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "Disconnected from user a\\r\\nb\\177 10.10");
	CHECK_CONTAINS(strbuf_str(&out), "session closed for user a#015#012b#177\n");
	CHECK_INT(fmt_test_count_lines(&out, "Nov  8 09:15:00 "), 3);
	strbuf_free(&out);

	/* rsyslog drops one LF at the very end of a message, and escapes the
	 * one before it. */
	ev.user = "bob\n\n";
	CHECK_INT(render(&test_traditional, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "Disconnected from user bob\\n\\n 10.10");
	CHECK_CONTAINS(strbuf_str(&out), "session closed for user bob#012\n");
	CHECK_INT(fmt_test_count_lines(&out, "Nov  8 09:15:00 "), 3);
	strbuf_free(&out);
}

/*
 * sshd prints at most 100 bytes of a name where auth_log() and the
 * Invalid user line use "%.100s", 200 of "invalid user NAME" where the
 * connection id uses "%.200s", and syslog_r's "%.500s" cuts a whole
 * message; PAM prints all of it.
 */
TEST(sshd_length_limits)
{
	struct event ev = invalid_user(EVENT_LOGON_FAILURE);
	struct strbuf name, want, out;
	const char *line;
	int i;

	strbuf_init(&name);
	for (i = 0; i < 190; i++)
		strbuf_addc(&name, (char)('a' + i % 26));
	ev.user = strbuf_str(&name);
	strbuf_init(&want);
	strbuf_addf(&want, "Invalid user %.100s from 10.10.9.101 port 52068\n",
		    strbuf_str(&name));
	CHECK_INT(render(&test_rfc3339, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), strbuf_str(&want));
	strbuf_free(&out);
	strbuf_reset(&want);
	/* "invalid user " is 13 bytes, so 187 of the name remain. */
	strbuf_addf(&want, "Connection closed by invalid user %.187s 10.10.9.101 "
		    "port 52068 [preauth]\n", strbuf_str(&name));
	ev.u.logon.step = EVENT_LOGON_CLOSED;
	CHECK_INT(render(&test_rfc3339, ev, &out), EVENT_RENDERED);
	CHECK_STR(strstr(strbuf_str(&out), "Connection closed"), strbuf_str(&want));
	strbuf_free(&out);
	strbuf_free(&want);

	/* 150 bytes of "ễ", escaped twice: 5 bytes for each, far past 500. */
	strbuf_reset(&name);
	for (i = 0; i < 50; i++)
		strbuf_adds(&name, "ễ");
	ev.user = strbuf_str(&name);
	CHECK_INT(render(&test_rfc3339, ev, &out), EVENT_RENDERED);
	line = strstr(strbuf_str(&out), "Connection closed by invalid user ");
	CHECK(line != NULL);
	if (line != NULL)
		CHECK_INT(strchr(line, '\n') - line, 500);
	CHECK(strstr(strbuf_str(&out), "[preauth]") == NULL);
	strbuf_free(&out);
	ev.u.logon.step = EVENT_LOGON_FAILURE;
	ev.u.logon.unknown_user = false;
	CHECK_INT(render(&test_rfc3339, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), strbuf_str(&name));
	strbuf_free(&out);
	strbuf_free(&name);
}

/* Empty names and methods: sshd logs an empty user as nothing at all;
 * no method is a password. */
TEST(sshd_empty_values)
{
	struct event ev = invalid_user(EVENT_LOGON_FAILURE);
	struct strbuf out;

	ev.user = "";
	ev.u.logon.method = NULL;
	CHECK_INT(render(&test_rfc3339, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "Invalid user  from 10.10.9.101 port 52068\n");
	CHECK_CONTAINS(strbuf_str(&out),
		       "Failed password for invalid user  from 10.10.9.101 port 52068 ssh2\n");
	strbuf_free(&out);
}

/* --- Hosts, kinds, bad records ---------------------------------------------- */

/* The network model names the host and tells its OS: Windows hosts have
 * no sshd lines. */
TEST(sshd_host_from_network)
{
	struct net_host hosts[3] = {
		{ .name = "dc-hscv-app-01", .os = "Ubuntu 22.04" },
		{ .name = "dc-ad-01", .os = "Windows Server 2019 Standard" },
		{ .name = "dc-db-01", .os = "Red Hat Enterprise Linux 8" },
	};
	struct net net = { .hosts = hosts, .nhosts = 3 };
	struct fmt_sshd_settings s = test_rfc3339;
	struct event ev = logon_record(EVENT_LOGON_SUCCESS);
	struct strbuf out;

	s.hostname = NULL;
	s.net = &net;
	ev.host = 2;
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "+07:00 dc-db-01 sshd[85576]: Accepted ");
	strbuf_free(&out);
	ev.host = 1;
	CHECK_INT(render(&s, ev, &out), EVENT_NOT_RENDERED);
	CHECK_INT(out.len, 0);
	strbuf_free(&out);
}

TEST(sshd_deterministic_and_appending)
{
	struct event ev = invalid_user(EVENT_LOGON_FAILURE);
	struct strbuf a, b;

	CHECK_INT(render(&test_rfc3339, ev, &a), EVENT_RENDERED);
	strbuf_init(&b);
	strbuf_adds(&b, "previous line\n");
	CHECK_INT(fmt_sshd_render(&test_rfc3339, &ev, &b), EVENT_RENDERED);
	CHECK_STR(strbuf_str(&b) + strlen("previous line\n"), strbuf_str(&a));
	CHECK_INT(fmt_sshd_render(&test_rfc3339, &ev, &b), EVENT_RENDERED);
	CHECK_INT(b.len, strlen("previous line\n") + 2 * a.len);
	strbuf_free(&a);
	strbuf_free(&b);
}

/* Windows-only steps and other kinds write nothing; records sshd could
 * not have logged leave the buffer as it was. */

/* An IPv6 client as sshd and PAM print it, RFC 5952 text. */
TEST(sshd_ipv6_client)
{
	struct event ev = fixture_v6(invalid_user(EVENT_LOGON_FAILURE), FIXTURE_V6_SERVER,
				     "fd00:10:10:3::20");

	check_line(&test_rfc3339, ev,
		   "2023-11-08T09:14:58.189579+07:00 dc-hscv-app-01 sshd[85576]: "
		   "Invalid user oracle from 2001:db8:85a3::8a2e:370:7334 port 52068\n"
		   "2023-11-08T09:14:58.197668+07:00 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:auth): check pass; user unknown\n"
		   "2023-11-08T09:14:58.197749+07:00 dc-hscv-app-01 sshd[85576]: "
		   "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 "
		   "tty=ssh ruser= rhost=2001:db8:85a3::8a2e:370:7334 \n"
		   "2023-11-08T09:15:00.412345+07:00 dc-hscv-app-01 sshd[85576]: "
		   "Failed password for invalid user oracle from 2001:db8:85a3::8a2e:370:7334 "
		   "port 52068 ssh2\n");
}

TEST(sshd_line_times)
{
	static const enum event_logon_step steps[] = {
		EVENT_LOGON_SUCCESS, EVENT_LOGON_FAILURE, EVENT_LOGON_CLOSED,
	};
	struct fmt_syslogfile_times times = { 0 };
	struct fmt_sshd_settings s = test_rfc3339;
	struct strbuf out;

	s.times = &times;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		struct event ev = logon_record(steps[i]);

		times.n = 99;
		strbuf_init(&out);
		CHECK_INT(fmt_sshd_render(&s, &ev, &out), EVENT_RENDERED);
		fmt_test_check_line_times(&test_clock, &out, &times);
		CHECK(times.n > 0 && times.time[0] >= ev.conn.start);
		CHECK(times.n > 0 && times.time[times.n - 1] == ev.time);
		strbuf_free(&out);
	}
	{
		struct event ev = logon_record(EVENT_LOGON_SUCCESS);

		ev.user = NULL;
		strbuf_init(&out);
		CHECK_INT(fmt_sshd_render(&s, &ev, &out), EVENT_BAD);
		CHECK_INT(times.n, 0);
		strbuf_free(&out);
	}
}

TEST(sshd_not_rendered_and_bad)
{
	struct fmt_sshd_settings nameless = test_rfc3339;
	struct strbuf out;
	struct event ev;

	nameless.hostname = NULL;
	strbuf_init(&out);
	strbuf_adds(&out, "kept");
	ev = logon_record(EVENT_LOGON_TGT);
	CHECK_INT(fmt_sshd_render(&test_rfc3339, &ev, &out), EVENT_NOT_RENDERED);
	ev = logon_record(EVENT_LOGON_SUCCESS);
	ev.kind = EVENT_PROCESS;
	CHECK_INT(fmt_sshd_render(&test_rfc3339, &ev, &out), EVENT_NOT_RENDERED);
	ev = logon_record(EVENT_LOGON_SUCCESS);
	CHECK_INT(fmt_sshd_render(&nameless, &ev, &out), EVENT_BAD);
	ev.user = NULL;
	CHECK_INT(fmt_sshd_render(&test_rfc3339, &ev, &out), EVENT_BAD);
	ev = logon_record(EVENT_LOGON_SUCCESS);
	ev.conn.serial = 0;
	CHECK_INT(fmt_sshd_render(&test_rfc3339, &ev, &out), EVENT_BAD);
	ev = logon_record(EVENT_LOGON_FAILURE);
	ev.time = ev.conn.start - 1;
	CHECK_INT(fmt_sshd_render(&test_rfc3339, &ev, &out), EVENT_BAD);
	ev = invalid_user(EVENT_LOGON_SUCCESS);
	CHECK_INT(fmt_sshd_render(&test_rfc3339, &ev, &out), EVENT_BAD);
	/* The PAM line would fall before 1970. */
	ev = logon_record(EVENT_LOGON_FAILURE);
	ev.conn.start = -FIXTURE_EPOCH_US - 10 * SIM_SECOND;
	ev.time = -FIXTURE_EPOCH_US + 1;
	CHECK_INT(fmt_sshd_render(&test_rfc3339, &ev, &out), EVENT_BAD);
	/* Times no clock prints, whose span would not even fit. */
	ev = logon_record(EVENT_LOGON_FAILURE);
	ev.conn.start = INT64_MIN;
	ev.time = INT64_MAX;
	CHECK_INT(fmt_sshd_render(&test_rfc3339, &ev, &out), EVENT_BAD);
	CHECK_STR(strbuf_str(&out), "kept");
	strbuf_free(&out);
}

/* --- The sample for the integration test ------------------------------------ */

/* Both files and the failures fail2ban should count, in step. */
struct sample {
	struct strbuf rfc, trad, failures;
	int status;
};

/* Whether sshd's vis escapes anything in name: a byte outside printable
 * ASCII, or a backslash. */
static bool sshd_escapes(const char *name)
{
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p != '\0'; p++)
		if (*p < 0x20 || *p >= 0x7f || *p == '\\')
			return true;
	return false;
}

/*
 * Render one record into both files, and note the failures that fail2ban
 * 1.0.2's filter.d/sshd.conf (mode normal, publickey=nofail) reports for
 * it, as the fail2ban server does (first matching rule wins), stated from
 * the record, not from the text:
 *   - a "Failed password" line;
 *   - an "Invalid user" line;
 *   - a "Failed publickey" line for an invalid user only: for a real
 *     account the filter marks a refused key as no failure;
 *   - a "[preauth]" close, after a failure on the same connection, whose
 *     name sshd escaped: escaped twice there, it reads as a second user
 *     on the connection, which the filter takes for another attempt.
 */
static void add(struct sample *s, const struct event *ev)
{
	const struct event_logon *l = &ev->u.logon;
	char ip[EVENT_ADDR_STRLEN];
	int counted = 0;

	if (fmt_sshd_render(&test_rfc3339, ev, &s->rfc) != EVENT_RENDERED ||
	    fmt_sshd_render(&test_traditional, ev, &s->trad) != EVENT_RENDERED) {
		fprintf(stderr, "test_fmt_sshd: a %s record was not rendered\n",
			event_kind_name(ev->kind));
		s->status = 1;
	}
	if (l->step == EVENT_LOGON_FAILURE) {
		bool password = l->method == NULL || strcmp(l->method, "password") == 0;

		counted = (password || l->unknown_user) + l->unknown_user;
	} else if (l->step == EVENT_LOGON_CLOSED && l->logon_id == 0) {
		counted = sshd_escapes(ev->user);
	}
	event_conn_addr(&ev->conn, true, EVENT_ADDR_COMPRESSED, ip);
	for (; counted > 0; counted--)
		strbuf_addf(&s->failures, "%s\n", ip);
}

/* A connection from ip at second t, its record after 3 s. */
static struct event attempt(const char *ip, uint64_t serial, int64_t t,
			    enum event_logon_step step, const char *user)
{
	struct event ev = logon_record(step);

	ev.conn.serial = serial;
	if (strchr(ip, ':') != NULL)
		ev = fixture_v6(ev, ip, "fd00:10:10:3::20");
	else
		ev.conn.orig_ip = fixture_ip(ip);
	ev.conn.orig_port = (uint16_t)(40000 + serial * 7);
	ev.conn.start = fixture_at(t, 1000 * (int64_t)serial);
	ev.time = ev.conn.start + 3 * SIM_SECOND + 777 * (int64_t)serial;
	ev.user = user;
	return ev;
}

static int write_sample(const char *dir)
{
	static const char *const guesses[] = {
		"root", "admin", "oracle", "test", "ubuntu", "postgres",
		"quảntrị", "a b", "x\ny",
	};
	struct sample s;
	struct event ev;
	uint64_t serial = 1000;
	int64_t t = 7200;
	size_t i;

	memset(&s, 0, sizeof s);
	/* Brute force from outside: known and unknown accounts, each try a
	 * connection that then closes before a session. */
	for (i = 0; i < sizeof guesses / sizeof guesses[0]; i++, serial++, t += 5) {
		bool known = i == 0;

		ev = attempt(i % 2 ? "45.77.41.201" : "103.97.125.18", serial, t,
			     EVENT_LOGON_FAILURE, guesses[i]);
		ev.u.logon.unknown_user = !known;
		add(&s, &ev);
		ev.u.logon.step = EVENT_LOGON_CLOSED;
		ev.time += 700000;
		add(&s, &ev);
	}
	/* The same guesses over IPv6. */
	for (i = 0; i < 3; i++, serial++, t += 5) {
		ev = attempt(FIXTURE_V6_SERVER, serial, t, EVENT_LOGON_FAILURE, guesses[i]);
		ev.u.logon.unknown_user = i > 0;
		add(&s, &ev);
	}
	/* A refused key for a real account (not a failure to fail2ban) and
	 * for an unknown one (a failure). */
	ev = with_key(attempt("185.220.101.47", serial++, t += 5,
			      EVENT_LOGON_FAILURE, "quantri"), test_rsa);
	add(&s, &ev);
	ev = with_key(attempt("185.220.101.47", serial++, t += 5,
			      EVENT_LOGON_FAILURE, "deploy"), test_rsa);
	ev.u.logon.unknown_user = true;
	add(&s, &ev);
	/* The administrators: a mistyped password, then sessions by password
	 * and by key, each closed. */
	ev = attempt("10.10.9.101", serial++, t += 60, EVENT_LOGON_FAILURE, "quantri");
	add(&s, &ev);
	ev = attempt("10.10.9.101", serial++, t += 10, EVENT_LOGON_SUCCESS, "quantri");
	ev.u.logon.logon_id = 11;
	add(&s, &ev);
	ev.u.logon.step = EVENT_LOGON_CLOSED;
	ev.time += 300 * SIM_SECOND;
	add(&s, &ev);
	ev = with_key(attempt("10.10.9.102", serial++, t += 20, EVENT_LOGON_SUCCESS,
			      "root"), test_ed25519);
	ev.u.logon.logon_id = 12;
	add(&s, &ev);
	ev.u.logon.step = EVENT_LOGON_CLOSED;
	ev.time += 42 * SIM_SECOND;
	add(&s, &ev);
	s.status |= fmt_test_write_file(dir, "auth.log", &s.rfc);
	s.status |= fmt_test_write_file(dir, "auth.log-traditional", &s.trad);
	s.status |= fmt_test_write_file(dir, "auth.failures", &s.failures);
	strbuf_free(&s.rfc);
	strbuf_free(&s.trad);
	strbuf_free(&s.failures);
	return s.status;
}

int main(int argc, char **argv)
{
	int status;

	simclock_init(&test_clock, FIXTURE_EPOCH_US);
	status = fmt_test_args(argc, argv, "test_fmt_sshd", write_sample);
	if (status >= 0)
		return status;
	RUN(sshd_success_password);
	RUN(sshd_success_publickey);
	RUN(sshd_failure_password);
	RUN(sshd_failure_invalid_user);
	RUN(sshd_failure_publickey);
	RUN(sshd_closed_session);
	RUN(sshd_closed_preauth);
	RUN(sshd_pid_per_connection);
	RUN(sshd_lines_never_before_connect);
	RUN(sshd_timestamps);
	RUN(sshd_root_session);
	RUN(sshd_escaping);
	RUN(sshd_length_limits);
	RUN(sshd_empty_values);
	RUN(sshd_host_from_network);
	RUN(sshd_deterministic_and_appending);
	RUN(sshd_ipv6_client);
	RUN(sshd_line_times);
	RUN(sshd_not_rendered_and_bad);
	return harness_finish();
}
