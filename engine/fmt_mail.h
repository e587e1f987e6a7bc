/*
 * fmt_mail.h - a mail gateway's log: Postfix 3.7 and spamd 4.0 lines for
 * one message's whole life (EVENT_MAIL), as a Debian 12 gateway writes
 * them to /var/log/mail.log.
 *
 * The modelled gateway: Postfix receives on port 25 and relays to the
 * internal mail server; spamass-milter (Debian's, "-u spamass-milter")
 * hands each accepted message to spamd 4.0 through spamc at the end of
 * DATA and adds SpamAssassin's X-Spam-* headers.  Verdicts map onto it:
 *   DELIVERED  smtpd connect, client=, cleanup message-id=, spamd scores
 *              it clean, qmgr from=/size/nrcpt, smtpd disconnect with the
 *              command counts, smtp to=/relay/delay/delays/dsn/status=sent,
 *              qmgr removed;
 *   TAGGED     the same, spamd identifies spam; the message is delivered
 *              with its X-Spam-Flag header;
 *   DISCARDED  accepted and scanned as above, then cleanup's
 *              milter_header_checks rule
 *                  /^X-Spam-Level: \*{15}/ DISCARD spam score 15 or more
 *              matches the X-Spam-Level header spamass-milter added and
 *              logs "milter-header-discard"; cleanup removes the queue
 *              file, so neither qmgr nor smtp ever sees the message.  The
 *              record's score must be 15.0 or more (and a TAGGED one's
 *              below), since that is the gateway's configuration;
 *   REJECTED   smtpd refuses the recipient: "NOQUEUE: reject: RCPT from",
 *              then the disconnect with rcpt=0/1.  Nothing reaches spamd.
 * Lines are spread over conn.start .. the record's time by fixed fractions
 * of that span, the last line at the record's time; the spamd lines fall
 * inside the DATA phase, so the two sensors' logs interleave correctly.
 *
 * Each daemon's own text rules apply before rsyslog's (fmt_syslogfile):
 * Postfix replaces every non-printable byte with '?' but keeps valid
 * UTF-8 (smtputf8_enable=yes, the 3.7 default), so a newline in a subject
 * reads '?'; spamd 4.0 logs with escaping on, so bytes outside printable
 * ASCII read \x{NN} and a backslash is doubled; spamd also rewrites the
 * Message-ID the way its parse_msgids() does.
 *
 * Identifiers are pure functions of the record and id_seed: a message's
 * short queue id is the Postfix form (five hex digits of the queue file's
 * microsecond, then its inode in hex: 10 or 11 upper-case characters) with
 * the inode derived from event_mail.serial, so it is stable across the
 * message's lines and distinct across messages; smtpd, cleanup and smtp
 * get pids derived from the serial, and the long-lived daemons (qmgr, the
 * spamd children) pids derived from id_seed, as a gateway booted once has.
 *
 * Depends on event, fmt_syslogfile, simclock, strbuf, net, ipaddr.
 */
#ifndef FMT_MAIL_H
#define FMT_MAIL_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "fmt_syslogfile.h"
#include "net.h"
#include "simclock.h"
#include "strbuf.h"

/* Which sensor's lines to write: both watch the same gateways. */
enum fmt_mail_daemon {
	FMT_MAIL_POSTFIX, /* the "postfix" sensor: postfix/smtpd, cleanup, … */
	FMT_MAIL_SPAMD,   /* the "spamassassin" sensor: spamd */
};

struct fmt_mail_settings {
	const struct simclock *clock;     /* the drill's epoch */
	enum fmt_syslogfile_style style;  /* the gateway's rsyslog template */
	enum fmt_mail_daemon daemon;
	const struct net *net;            /* names the gateway, ev->host */
	const char *hostname;             /* overrides net when set */
	uint64_t id_seed;                 /* mixed into queue ids and pids */
	const char *relay;                /* next hop when the record has none */
	uint32_t spamd_uid;               /* debian-spamd's uid, which spamd
					   * runs every check as */
	bool log_subject;                 /* header_checks /^Subject:/ INFO,
					   * which logs every subject */
	struct fmt_syslogfile_times *times; /* when set, filled with the
					   * time of each line appended */
};

/* Ten or eleven characters and the NUL. */
#define FMT_MAIL_QUEUE_ID_SIZE 12

/*
 * Append the lines the selected daemon writes for ev, each ending in a
 * newline.  EVENT_NOT_RENDERED for other kinds, and for a REJECTED mail
 * on the spamd side (it never reached spamd).  EVENT_BAD, out unchanged,
 * for a record the gateway could not have logged: no gateway name, no
 * recipient, a time outside the clock or before conn.start, a REJECTED
 * mail without its SMTP reply, a delivered one with no relay at all, or a
 * score that contradicts the verdict (required 0 means SpamAssassin's
 * default, 5.0).
 */
enum event_render fmt_mail_render(const struct fmt_mail_settings *s,
				  const struct event *ev, struct strbuf *out);

/*
 * The queue id Postfix gives the message of ev, as fmt_mail_render prints
 * it; false for a REJECTED mail (NOQUEUE) or a record it would not render.
 */
bool fmt_mail_queue_id(const struct fmt_mail_settings *s,
		       const struct event *ev,
		       char out[FMT_MAIL_QUEUE_ID_SIZE]);

#endif
