/*
 * syslog_frame.h - one message made ready for a syslog transport: the
 * RFC 5424 or RFC 3164 message text, and the two RFC 6587 framings that
 * carry messages over TCP.
 *
 * A sensor formatter writes a product's line; this unit wraps that line
 * (the MSG) in the header a syslog sender puts in front of it, the way
 * util-linux logger and rsyslog write it:
 *
 *   RFC 5424  <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [BOM]MSG
 *   RFC 3164  <PRI>Mmm dd hh:mm:ss HOSTNAME APP-NAME[PROCID]: MSG
 *
 * Times come from the drill clock in the province's zone: RFC 5424 gets
 * "2023-11-08T09:15:02.123456+07:00" (RFC 3339, six fraction digits),
 * RFC 3164 "Nov  8 09:15:02" (English month, day padded with a space, no
 * year, no zone).
 *
 * Header fields are data (host and program names from the scenario), so
 * they are made legal rather than refused: each character a field cannot
 * carry becomes one '_' (a whole UTF-8 sequence counts as one character,
 * so "Bình" gives "B_nh"), and the result is cut to the limit below.
 * RFC 5424 fields carry printable US-ASCII; an absent (NULL) or empty
 * field is written as the nil value "-".  Structured-data names also
 * lose '=', ']' and '"'; parameter values are UTF-8 with '"', '\' and
 * ']' escaped by a backslash, and a byte that is not valid UTF-8 becomes
 * U+FFFD.  MSG is passed through as bytes.
 *
 * RFC 3164 has no nil value, no MSGID and no structured data: the
 * hostname is required, kept to letters, digits, '.', '_' and '-' and
 * ends in a letter or digit (what rsyslog accepts as a 3164 hostname:
 * anything else it reads as the TAG), so trailing '.', '_' and '-' are
 * dropped; MSGID and structured data are left out; without an APP-NAME
 * there is no TAG (MSG follows the hostname).  The TAG and PROCID lose
 * ':', '[' and ']', which would end them early.
 *
 * Everything here is a pure function of its arguments.  Depends on
 * simclock, strbuf and event (the UTF-8 check).
 */
#ifndef SYSLOG_FRAME_H
#define SYSLOG_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "simclock.h"
#include "strbuf.h"

enum syslog_format {
	SYSLOG_RFC5424,
	SYSLOG_RFC3164,
};

/* RFC 5424 section 6.2.1 codes; PRI is facility * 8 + severity. */
enum syslog_facility {
	SYSLOG_FAC_KERN,
	SYSLOG_FAC_USER,
	SYSLOG_FAC_MAIL,
	SYSLOG_FAC_DAEMON,
	SYSLOG_FAC_AUTH,
	SYSLOG_FAC_SYSLOG,
	SYSLOG_FAC_LPR,
	SYSLOG_FAC_NEWS,
	SYSLOG_FAC_UUCP,
	SYSLOG_FAC_CRON,
	SYSLOG_FAC_AUTHPRIV,
	SYSLOG_FAC_FTP,
	SYSLOG_FAC_NTP,
	SYSLOG_FAC_AUDIT,
	SYSLOG_FAC_ALERT,
	SYSLOG_FAC_CLOCK,
	SYSLOG_FAC_LOCAL0,
	SYSLOG_FAC_LOCAL1,
	SYSLOG_FAC_LOCAL2,
	SYSLOG_FAC_LOCAL3,
	SYSLOG_FAC_LOCAL4,
	SYSLOG_FAC_LOCAL5,
	SYSLOG_FAC_LOCAL6,
	SYSLOG_FAC_LOCAL7,
	SYSLOG_FAC_COUNT
};

enum syslog_severity {
	SYSLOG_SEV_EMERG = 0,
	SYSLOG_SEV_ALERT = 1,
	SYSLOG_SEV_CRIT = 2,
	SYSLOG_SEV_ERR = 3,
	SYSLOG_SEV_WARNING = 4,
	SYSLOG_SEV_NOTICE = 5,
	SYSLOG_SEV_INFO = 6,
	SYSLOG_SEV_DEBUG = 7,
	SYSLOG_SEV_COUNT = 8
};

/* Field limits in characters (RFC 5424 section 6; RFC 3164 section
 * 4.1.3 for the TAG, which carries the APP-NAME). */
#define SYSLOG_HOSTNAME_MAX 255
#define SYSLOG_APP_NAME_MAX 48
#define SYSLOG_PROCID_MAX 128
#define SYSLOG_MSGID_MAX 32
#define SYSLOG_SD_NAME_MAX 32
#define SYSLOG_3164_TAG_MAX 32

/* syslog_msg.time for "no timestamp": RFC 5424 writes "-", RFC 3164
 * cannot carry it. */
#define SYSLOG_NO_TIME INT64_MIN

/* One PARAM-NAME="PARAM-VALUE"; a NULL value is written as "". */
struct syslog_sd_param {
	const char *name;
	const char *value;
};

/* One SD-ELEMENT, "[id name="value" ...]"; id is "name@PEN" for private
 * ids.  Names (id and parameter names) must not be empty. */
struct syslog_sd_element {
	const char *id;
	const struct syslog_sd_param *params;
	size_t n_params;
};

/* One message.  Every pointer is borrowed for the call only. */
struct syslog_msg {
	int facility;             /* 0-23 (enum syslog_facility) */
	int severity;             /* 0-7 (enum syslog_severity) */
	sim_time_t time;          /* when it was written; SYSLOG_NO_TIME */
	const char *hostname;     /* NULL or "": absent */
	const char *app;          /* APP-NAME, the 3164 TAG */
	const char *procid;
	const char *msgid;
	const struct syslog_sd_element *sd;
	size_t n_sd;              /* 0: no structured data, "-" */
	const char *msg;          /* any bytes; no line terminator */
	size_t msg_len;           /* 0: no MSG */
};

struct syslog_frame_settings {
	const struct simclock *clock; /* the drill's epoch */
	enum syslog_format format;
	/* RFC 5424: put a UTF-8 byte order mark before MSG, which tells the
	 * receiver MSG is UTF-8.  Given only when MSG is valid UTF-8, as the
	 * RFC requires of a marked MSG; otherwise MSG goes unmarked. */
	bool bom;
};

/*
 * Append the message text for m to out: no transport framing, no line
 * terminator (a UDP datagram is exactly this).  False, out unchanged,
 * when m cannot be written: facility or severity out of range, a time
 * the clock cannot print, an empty structured-data id or parameter name;
 * for RFC 3164 no time, or no hostname (none left once cleaned).
 */
bool syslog_frame_render(const struct syslog_frame_settings *s,
			 const struct syslog_msg *m, struct strbuf *out);

/* RFC 6587 octet counting: append "LEN SP" and the len bytes of frame,
 * LEN being their count in bytes (not characters). */
void syslog_frame_octet_counted(struct strbuf *out, const char *frame,
				size_t len);

/*
 * RFC 6587 non-transparent framing: append frame and a terminating LF.
 * An LF inside the frame would end the message early at the receiver, so
 * each one is written as "#012", the text rsyslog itself shows for an LF
 * received in a message: the receiver ends up with what octet counting
 * would have given it.
 */
void syslog_frame_lf(struct strbuf *out, const char *frame, size_t len);

#endif
