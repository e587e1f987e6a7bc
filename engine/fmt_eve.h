/*
 * fmt_eve.h - Suricata EVE JSON: one structured event in, one eve.json
 * line out.
 *
 * The line is what Suricata 8.0 writes with its default eve-log settings
 * (alert metadata and flow on, http and tls extended, DNS version 3 with
 * detailed and grouped answers): same keys, same key order, same JSON
 * escaping (JsonBuilder: UTF-8 passes through, control bytes become
 * \u00XX, '/' is not escaped), timestamps in the sensor's local time with
 * six fraction digits and a +hhmm offset.  The flow_id is built the way
 * Suricata builds it, from the flow's start time and a 32-bit flow hash,
 * here derived from the connection serial, so every record of one
 * connection carries one flow_id.  Only IPv4 over Ethernet is modelled:
 * byte counts add a 14-byte frame header per packet to the IP bytes, as
 * a capture on Ethernet counts them.
 *
 * Rendering is a pure function of the record and the settings: no clock,
 * no state kept between calls.  Depends on event, simclock, strbuf,
 * ipaddr.
 */
#ifndef FMT_EVE_H
#define FMT_EVE_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "simclock.h"
#include "strbuf.h"

struct fmt_eve_settings {
	const struct simclock *clock; /* the drill's epoch */
	uint64_t id_seed;             /* mixed into every flow_id */
	const char *in_iface;         /* capture interface, NULL: not written */
	const char *sensor_name;      /* eve "host", NULL: not written */
	bool community_id;            /* eve-log community-id: yes */
	uint16_t community_id_seed;
};

/*
 * Append one EVE line for ev, newline included, to out.  Renders alert,
 * flow, dns, http, tls, fileinfo (EVENT_FILE) and anomaly records; other
 * kinds give EVENT_NOT_RENDERED.  EVENT_BAD, with out unchanged, when the
 * record cannot be written: a time outside what the clock can print, a
 * flow that ends before it starts, a non-IP protocol.
 */
enum event_render fmt_eve_render(const struct fmt_eve_settings *s,
				 const struct event *ev, struct strbuf *out);

/*
 * The flow_id Suricata would print for the connection: bits 48-50 from
 * the start second, 32-47 from the start microsecond, 0-31 a hash of the
 * seed and serial, masked to 51 bits as Suricata does for JavaScript.
 */
uint64_t fmt_eve_flow_id(const struct fmt_eve_settings *s,
			 const struct event_conn *conn);

#endif
