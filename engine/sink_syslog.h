/*
 * sink_syslog.h - forwards the drill's events to a syslog receiver (a
 * SIEM, rsyslog, a log collector) over UDP or TCP, as
 * `irdrill run --syslog SPEC` asks:
 *
 *   udp://HOST:PORT[,rfc5424|,rfc3164]
 *   tcp://HOST:PORT[,rfc5424|,rfc3164]
 *
 * HOST is a name, an IPv4 address or a bracketed IPv6 address
 * ("[::1]"); the format defaults to rfc5424.  Over UDP each message is
 * one datagram; over TCP every message is octet counted (RFC 6587
 * 3.4.1), which carries any byte and which rsyslog, syslog-ng and the
 * usual SIEM collectors detect on their own.
 *
 * The engine drives everything and nothing here sleeps or reads a clock
 * (except sink_syslog_close, which is allowed to wait):
 *
 *   sink_syslog_send()  frames a message and queues it: no I/O;
 *   sink_syslog_flush() does the non-blocking I/O that is possible now
 *                       and returns: TCP writes the queue in one send()
 *                       of many frames, UDP hands datagrams over in
 *                       sendmmsg(2) batches (one send per datagram where
 *                       sendmmsg is missing).
 *
 * Wall times (wall_now_us, deadline_us) are CLOCK_MONOTONIC microseconds,
 * the engine's wall clock; all timing decisions (TCP reconnect back-off,
 * UDP pacing) are computed from the times passed in.
 *
 * TCP delivery: frames stay queued until the receiver's TCP has
 * acknowledged them (Linux SIOCOUTQ; elsewhere, until written).  When the
 * connection dies every frame not yet acknowledged is sent again, whole,
 * on the next connection, a frame cut short by the failure included, so
 * a receiver that goes away and comes back loses nothing and sees each
 * frame once (frames its TCP had acknowledged but it never read are the
 * one loss plain TCP syslog cannot see).  A receiver's orderly close is
 * noticed before more is written to it.  Reconnects back off
 * exponentially from backoff_min_us to backoff_max_us; the delay returns
 * to the minimum once a connection gets data acknowledged.
 *
 * The queue is bounded (queue_bytes, frames as sent on the wire).  When
 * a new frame does not fit, the oldest frames are given up: first those
 * already written and awaiting acknowledgement (they count as sent: they
 * are in the socket, as plain TCP syslog would have them), then the
 * oldest unsent ones, which count as dropped.  A frame partly written to
 * the live connection is never dropped, since cutting it would corrupt
 * the stream (a new frame that does not fit beside it is dropped
 * instead).  Invariant: queued == sent + dropped + pending.
 *
 * Depends on syslog_frame, simclock, strbuf, xmalloc and POSIX sockets.
 */
#ifndef SINK_SYSLOG_H
#define SINK_SYSLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "simclock.h"
#include "strbuf.h"
#include "syslog_frame.h"

/* The queue bound when options give none: 4 MiB, some 20 000 frames of
 * a typical sensor line. */
#define SINK_SYSLOG_QUEUE_DEFAULT ((size_t)4 << 20)
#define SINK_SYSLOG_BACKOFF_MIN_DEFAULT ((int64_t)250000)     /* 250 ms */
#define SINK_SYSLOG_BACKOFF_MAX_DEFAULT ((int64_t)30000000)   /* 30 s */
/* A TCP connect that has not completed in this long is abandoned. */
#define SINK_SYSLOG_CONNECT_TIMEOUT ((int64_t)5000000)        /* 5 s */

/* Longest HOST in a spec: a DNS name is at most 253 characters. */
#define SINK_SYSLOG_HOST_MAX 255
/* Room for the last error text. */
#define SINK_SYSLOG_ERROR_SIZE 512

enum sink_syslog_transport {
	SINK_SYSLOG_UDP,
	SINK_SYSLOG_TCP,
};

/* A parsed SPEC. */
struct sink_syslog_target {
	enum sink_syslog_transport transport;
	enum syslog_format format;
	char host[SINK_SYSLOG_HOST_MAX + 1]; /* without IPv6 brackets */
	uint16_t port;
};

/* Zeroed options mean the defaults. */
struct sink_syslog_options {
	size_t queue_bytes;       /* 0: SINK_SYSLOG_QUEUE_DEFAULT */
	uint32_t udp_rate;        /* UDP datagrams per second, 0: unpaced */
	int64_t backoff_min_us;   /* 0: SINK_SYSLOG_BACKOFF_MIN_DEFAULT */
	int64_t backoff_max_us;   /* 0: SINK_SYSLOG_BACKOFF_MAX_DEFAULT */
	bool bom;                 /* RFC 5424: mark UTF-8 MSGs with a BOM */
};

struct sink_syslog_stats {
	uint64_t queued;          /* frames accepted by sink_syslog_send */
	uint64_t sent;            /* TCP: acknowledged (or given up while
				   * written); UDP: handed to the kernel */
	uint64_t dropped;         /* given up unsent: queue overflow, a
				   * datagram the kernel refused (too big) */
	uint64_t pending;         /* in the queue now */
	uint64_t reconnects;      /* TCP connections made after the first */
	bool connected;           /* TCP: a connection is up */
	int64_t retry_at_us;      /* TCP, while down: next connect attempt */
	char last_error[SINK_SYSLOG_ERROR_SIZE]; /* "" until something fails */
};

struct sink_syslog;

/*
 * Parse SPEC into *t.  False, with a one-line message naming the quoted
 * spec appended to err, for an unknown scheme, a missing host or port, a
 * port that is not a number from 1 to 65535, or an unknown format.
 */
bool sink_syslog_parse_target(const char *spec, struct sink_syslog_target *t,
			      struct strbuf *err);

/*
 * Parse SPEC, resolve its host and make the socket; no message is sent
 * and (for TCP) no connection is made before the first flush.  Messages
 * are timed by clock, which must outlive the sink; opt may be NULL.  NULL,
 * with a one-line message naming the quoted spec appended to err, on a
 * bad spec, a host that does not resolve, or a socket that cannot be had.
 */
struct sink_syslog *sink_syslog_open(const char *spec,
				     const struct simclock *clock,
				     const struct sink_syslog_options *opt,
				     struct strbuf *err);

/*
 * Frame msg (syslog_frame_render in the spec's format) and queue it; no
 * I/O.  False, nothing queued and nothing counted, when the message
 * cannot be framed (see syslog_frame_render).  A full queue makes room
 * as described above; a frame larger than the whole queue is dropped.
 */
bool sink_syslog_send(struct sink_syslog *s, const struct syslog_msg *msg);

/* Do what non-blocking I/O can be done at wall time now, and return. */
void sink_syslog_flush(struct sink_syslog *s, int64_t wall_now_us);

void sink_syslog_stats(const struct sink_syslog *s,
		       struct sink_syslog_stats *out);

/*
 * Send what can be sent before the wall deadline, waiting in poll(2) as
 * needed (for TCP, until the receiver has acknowledged everything), then
 * close and free the sink.  Returns the number of frames left undelivered;
 * final, when not NULL, receives the last stats (pending = that number).
 */
uint64_t sink_syslog_close(struct sink_syslog *s, int64_t deadline_us,
			   struct sink_syslog_stats *final);

#endif
