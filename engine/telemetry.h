/*
 * telemetry.h - the traces an activity leaves, as the sensors' records.
 *
 * An attack step or a piece of everyday traffic is one activity: a host
 * looks a name up, opens a connection, makes an HTTP request, logs on,
 * starts a process.  These builders turn an activity into the structured
 * records (event.h) that a real network would have left, with consistent
 * endpoints, ports, times and byte counts, and emit them through the
 * drill, which hands them to the sensors that can see them.  The records
 * of one connection share its serial, so every product names it the same
 * way; a connection's totals are emitted when it ends, later on the
 * clock.
 *
 * Each user (the scenario runtime, the background generator) owns a
 * struct tele with its own named RNG stream, so the attack's traces do
 * not change when the background rate does.  Depends on drill, event,
 * net and rng.
 */
#ifndef TELEMETRY_H
#define TELEMETRY_H

#include <stdbool.h>
#include <stdint.h>

#include "drill.h"
#include "event.h"
#include "net.h"
#include "rng.h"

struct tele {
	struct drill *d;
	struct rng rng;
	int resolvers[4];  /* the province's recursive DNS servers */
	int nresolvers;
	char relay[160];   /* where the mail gateways pass accepted mail */
};

void tele_init(struct tele *t, struct drill *d, const char *stream);

/* A connection to open. */
struct tele_conn {
	int src_host;          /* the initiating host, -1: src is outside */
	uint32_t src;          /* 0: src_host's address */
	uint32_t dst;
	uint16_t dport;
	uint8_t proto;         /* NET_PROTO_TCP or NET_PROTO_UDP */
	enum event_app app;
	sim_time_t duration;   /* first to last packet when delivered */
	uint64_t bytes_out, bytes_in; /* payload each way when delivered */
	/* The process that opened it, for the host's Sysmon (pid 0: none). */
	struct event_process process;
	const char *user;
};

/*
 * Open a connection now: decide it against the model, record it as the
 * source host's Sysmon sees it, and queue its totals for its end (an
 * unanswered try when it is dropped).  conn and flow describe it for the
 * records that follow.  True when it reached a listening service.
 */
bool tele_connect(struct tele *t, const struct tele_conn *tc, struct event_conn *conn,
		  struct net_flow *flow);

/* A record on an open connection at now + after, by the side dir. */
void tele_on_conn(struct tele *t, struct event *ev, const struct event_conn *conn,
		  const struct net_flow *flow, enum event_dir dir, sim_time_t after);

/*
 * host resolves name through the province's resolvers: the query and the
 * answer on the wire, the lookup in the host's Sysmon.  answer 0 gives
 * NXDOMAIN.  True when the resolver answered.
 */
bool tele_resolve(struct tele *t, int host, const struct event_process *proc, const char *user,
		  const char *name, uint32_t answer);

/* A record about host itself (a logon, a process, a mail), now + after. */
void tele_on_host(struct tele *t, struct event *ev, int host, sim_time_t after);

/* An ephemeral client port. */
uint16_t tele_port(struct tele *t);

#endif
