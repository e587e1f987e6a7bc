/*
 * fmt_zeek.h - Zeek ASCII (TSV) logs: conn, dns, http, ssl, files and
 * notice, header block and rows.
 *
 * The columns are those of Zeek 7.2 with its default scripts plus
 * hash-all-files (the stock local.zeek): conn.log with ip_proto, dns.log
 * without the 8.1 opcode columns, files.log without extraction columns.
 * Cells are written as Zeek's ASCII writer writes them: '-' for unset,
 * "(empty)" for an empty string or set, times and intervals with six
 * decimals, T/F, sets joined by ',', and escaping of TAB, control bytes,
 * invalid UTF-8 and backslash (LogAscii::enable_utf_8 on, so valid UTF-8
 * passes through).  Connection uids ("C…") and file ids ("F…") are built
 * like Zeek's, base62 of 96 bits, but derived from the connection or file
 * serial, so every log row of one connection shares its uid.
 *
 * A log file is fmt_zeek_header(), rows from fmt_zeek_render() in any
 * order, and fmt_zeek_close() when the file is closed or rotated.  All
 * are pure functions of their arguments.  Depends on event, simclock,
 * strbuf, ipaddr.
 */
#ifndef FMT_ZEEK_H
#define FMT_ZEEK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "simclock.h"
#include "strbuf.h"

enum fmt_zeek_log {
	FMT_ZEEK_CONN,
	FMT_ZEEK_DNS,
	FMT_ZEEK_HTTP,
	FMT_ZEEK_SSL,
	FMT_ZEEK_FILES,
	FMT_ZEEK_NOTICE,
	FMT_ZEEK_LOG_COUNT
};

/* A prefix of Site::local_nets. */
struct fmt_zeek_net {
	uint32_t addr;
	int prefix;
};

struct fmt_zeek_settings {
	const struct simclock *clock;   /* the drill's epoch */
	uint64_t id_seed;               /* mixed into every uid and fuid */
	/* Site::local_nets; with none, local_orig and local_resp are unset,
	 * as in a Zeek that was never told its networks.  IPv4 prefixes:
	 * an IPv6 address counts as local when unique-local (fc00::/7). */
	const struct fmt_zeek_net *local_nets;
	size_t n_local_nets;
	bool community_id;              /* policy/protocols/conn/community-id-logging */
	uint16_t community_id_seed;
};

/* "C" or "F", up to 17 base62 digits, NUL. */
#define FMT_ZEEK_UID_SIZE 19

/* "conn", "dns", …: the #path, and the file name without ".log". */
const char *fmt_zeek_log_name(enum fmt_zeek_log log);

/* The log a record goes to; false if Zeek writes no row for it (alerts,
 * anomalies, DNS queries: a dns.log row is written for the response). */
bool fmt_zeek_log_of(const struct event *ev, enum fmt_zeek_log *log);

/* The eight header lines, #separator to #types, opened at open_time in
 * the sensor's local time.  False, out unchanged, if the time is out of
 * range. */
bool fmt_zeek_header(const struct fmt_zeek_settings *s, enum fmt_zeek_log log,
		     sim_time_t open_time, struct strbuf *out);

/* The #close line. */
bool fmt_zeek_close(const struct fmt_zeek_settings *s, sim_time_t close_time,
		    struct strbuf *out);

/*
 * Append the row for ev to out, newline included; the row belongs in the
 * log fmt_zeek_log_of() names.  EVENT_NOT_RENDERED when Zeek writes
 * nothing for the record; EVENT_BAD, out unchanged, when it cannot be
 * written (a time out of range, a flow ending before it starts).
 */
enum event_render fmt_zeek_render(const struct fmt_zeek_settings *s,
				  const struct event *ev, struct strbuf *out);

/* The uid of a connection, or the fuid of a file ('F' with the file
 * serial), as fmt_zeek_render prints it. */
void fmt_zeek_uid(const struct fmt_zeek_settings *s, char prefix,
		  uint64_t serial, char out[FMT_ZEEK_UID_SIZE]);

#endif
