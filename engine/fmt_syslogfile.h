/*
 * fmt_syslogfile.h - one line of a local syslog file (/var/log/mail.log,
 * /var/log/auth.log) as rsyslog writes it: "TIMESTAMP host tag[pid]: msg".
 *
 * The host formatters (fmt_mail, fmt_sshd) build a daemon's message text,
 * already sanitised the way that daemon sanitises it; this unit adds what
 * rsyslog adds.  Two timestamp styles exist because the distribution's
 * rsyslog template decides them, not the daemon:
 *   - Debian 12's default file template, RFC 3339 with microseconds and a
 *     colon in the offset: "2026-11-25T03:17:08.769356+07:00";
 *   - RSYSLOG_TraditionalFileFormat (Ubuntu, RHEL, older Debian): "Nov 25
 *     03:17:08", English month, day padded with a space, no year or zone.
 * Both read the drill clock in its fixed +07:00 zone.
 *
 * rsyslog's reception rules are applied to the message: one trailing LF
 * is dropped, and every remaining control byte (below 0x20, and DEL)
 * becomes '#' and three octal digits, so "\n" reads "#012" and a message
 * can never split a line.  Bytes from 0x80 up pass through (8-bit
 * escaping is off by default), so UTF-8 text stays readable.
 *
 * Pure functions.  Depends on simclock, strbuf, net.
 */
#ifndef FMT_SYSLOGFILE_H
#define FMT_SYSLOGFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net.h"
#include "simclock.h"
#include "strbuf.h"

enum fmt_syslogfile_style {
	FMT_SYSLOGFILE_RFC3339,     /* Debian 12 rsyslog default */
	FMT_SYSLOGFILE_TRADITIONAL, /* RSYSLOG_TraditionalFileFormat */
};

/*
 * When each line of one record is written, in the order the formatter
 * appended them.  A mail's life or an sshd session spans seconds to
 * hours, so a file sink merging several records into one time-ordered
 * file needs every line's own time, not just the record's.
 */
#define FMT_SYSLOGFILE_MAX_LINES 32

struct fmt_syslogfile_times {
	size_t n; /* lines timed; past the maximum, the last one stands */
	sim_time_t time[FMT_SYSLOGFILE_MAX_LINES];
};

/* Note one more line at t (times may be NULL: nobody asked). */
void fmt_syslogfile_times_add(struct fmt_syslogfile_times *times, sim_time_t t);

/*
 * Append "TIMESTAMP host tag[pid]: msg\n" with msg escaped as rsyslog
 * escapes it.  False, out unchanged, when t is outside what the clock can
 * print.
 */
bool fmt_syslogfile_line(enum fmt_syslogfile_style style,
			 const struct simclock *clock, sim_time_t t,
			 const char *host, const char *tag, uint32_t pid,
			 const char *msg, struct strbuf *out);

/*
 * Whether the clock can print t (1970 to 9999).  A record whose first and
 * last times pass can have every time between them printed, and their
 * difference computed without overflow.
 */
bool fmt_syslogfile_time_ok(const struct simclock *clock, sim_time_t t);

/*
 * The name a host logs under: hostname when given, else the network
 * model's name for host index (net may be NULL); NULL when neither.
 */
const char *fmt_syslogfile_host(const char *hostname, const struct net *net,
				int host);

#endif
