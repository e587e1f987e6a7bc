/*
 * sensor.h - which sensors see a record, and how each sees it.
 *
 * The engine builds one struct event per fact (a DNS answer, a TLS
 * handshake, a connection's totals, a logon).  This unit decides which
 * of the network's sensors write something for it: a sensor must be of a
 * type whose product logs that kind of record, and its placement must let
 * it see the fact (net_sensor_sees_flow for traffic, net_sensor_sees_host
 * for what happens on a host).  Each sensor gets the record with its own
 * index in ev->sensor and with what only its position shows: the firewall
 * that dropped a connection logs a deny under its policy, the others on
 * the path log it as allowed, and a network sensor sees a dropped
 * connection go unanswered.
 *
 * Depends on event and net.
 */
#ifndef SENSOR_H
#define SENSOR_H

#include <stdbool.h>

#include "event.h"
#include "net.h"

enum sensor_type {
	SENSOR_SURICATA,
	SENSOR_ZEEK,
	SENSOR_APT,          /* district APT appliance: IDS alerts as CEF */
	SENSOR_FORTIGATE,
	SENSOR_CEF,          /* a firewall configured for CEF output */
	SENSOR_WINDOWS,      /* Windows Security event log */
	SENSOR_SYSMON,
	SENSOR_POSTFIX,
	SENSOR_SPAMASSASSIN,
	SENSOR_SSHD,
	SENSOR_TYPE_COUNT
};

/* The type named in the network model; false for an unknown name. */
bool sensor_type_parse(const char *name, enum sensor_type *type);
const char *sensor_type_name(enum sensor_type type);

/* Is the record about a host's own activity (a host log's business)
 * rather than traffic on the wire? */
bool sensor_record_on_host(const struct event *ev);

/* Does a product of this type log records like ev at all? */
bool sensor_type_logs(enum sensor_type type, const struct event *ev);

/* The network's sensors, sorted once into those that watch traffic and
 * those that read host logs, so routing a record looks at few. */
struct sensors {
	const struct net *net;
	enum sensor_type *type;  /* per sensor of the network */
	int *wire, nwire;        /* sensors of traffic */
	int *host, nhost;        /* sensors of host logs */
};

/* The loader refuses unknown sensor types, so every sensor has one. */
void sensors_init(struct sensors *ss, const struct net *net);
void sensors_free(struct sensors *ss);

/*
 * Hand ev to deliver() once for every sensor that sees it, as that sensor
 * sees it (a copy with ev->sensor set).  flow is the decision of the
 * connection the record belongs to; NULL for host records.  Returns how
 * many sensors got it.
 */
typedef void (*sensor_deliver_fn)(void *ctx, const struct event *ev, enum sensor_type type);
int sensors_route(const struct sensors *ss, const struct event *ev, const struct net_flow *flow,
		  sensor_deliver_fn deliver, void *ctx);

#endif
