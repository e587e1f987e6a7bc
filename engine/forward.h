/*
 * forward.h - `run --syslog SPEC`: every sensor's records, as the
 * product writes them, forwarded to a SIEM over syslog.
 *
 * A drill listener: each record a sensor writes is rendered (render.h)
 * and each of its lines becomes one syslog message, with the sensor as
 * HOSTNAME and the product as APP-NAME, the record's simulated time as
 * TIMESTAMP.  Lines that carry the device's own <PRI> (FortiGate, CEF)
 * lose it: the frame has its PRI.  Transport, batching and reconnection
 * are sink_syslog's.  Depends on render, sink_syslog and syslog_frame.
 */
#ifndef FORWARD_H
#define FORWARD_H

#include <stdint.h>

#include "event.h"
#include "render.h"
#include "sensor.h"
#include "sink_syslog.h"

struct forward;

/* NULL with a one-line message in err for a bad SPEC.  The forwarder
 * renders with its own renderer (record numbers are per renderer), so
 * its text is the text the file sink writes. */
struct forward *forward_open(const char *spec, const struct net *net, const struct simclock *clock,
			     uint64_t seed, struct strbuf *err);
/* A sensor's copy of a record (a drill listener). */
void forward_event(void *fwd, const struct event *ev, enum sensor_type type);
/* Move queued frames on; never blocks. */
void forward_flush(struct forward *f, int64_t wall_now_us);
/* At full speed the drill outruns any receiver: wait (flushing) while
 * more than a few thousand messages are queued on a live connection, so
 * a headless run delivers everything instead of overflowing its queue. */
void forward_keep_up(struct forward *f, int64_t (*wall_now_us)(void));
/* Drain until the wall deadline, free; final statistics in st. */
void forward_close(struct forward *f, int64_t deadline_us, struct sink_syslog_stats *st);

#endif
