#include "telemetry.h"

#include <stdio.h>
#include <string.h>

#include "ipaddr.h"

/* TCP/IP headers per packet; UDP/IP. */
#define TELE_TCP_OVERHEAD 40
#define TELE_UDP_OVERHEAD 28
/* Payload per full segment on the province's Ethernet. */
#define TELE_MSS 1460

void tele_init(struct tele *t, struct drill *d, const char *stream)
{
	const struct net *net = d->net;

	memset(t, 0, sizeof(*t));
	t->d = d;
	rng_stream(&t->rng, d->seed, stream);
	for (int h = 0; h < net->nhosts; h++) {
		const struct net_host *host = &net->hosts[h];

		if (net_host_has_tag(host, "resolver") && t->nresolvers < 4)
			t->resolvers[t->nresolvers++] = h;
		if (t->relay[0] == '\0' && strcmp(host->role, "mail") == 0 &&
		    !net_host_has_tag(host, "mail-gateway")) {
			char addr[IPADDR_STRLEN];

			snprintf(t->relay, sizeof(t->relay), "%s.binhduong.gov.vn[%s]:25", host->name,
				 ipaddr_format(host->ip, addr));
		}
	}
}

uint16_t tele_port(struct tele *t)
{
	return (uint16_t)rng_range(&t->rng, 49152, 65535);
}

/* Packets and IP bytes for a payload sent in one direction. */
static struct event_count tele_count(uint8_t proto, uint64_t payload, uint64_t control)
{
	uint64_t overhead = proto == NET_PROTO_UDP ? TELE_UDP_OVERHEAD : TELE_TCP_OVERHEAD;
	uint64_t pkts = (payload + TELE_MSS - 1) / TELE_MSS + control;

	return (struct event_count){ pkts, payload + pkts * overhead, payload };
}

bool tele_connect(struct tele *t, const struct tele_conn *tc, struct event_conn *conn,
		  struct net_flow *flow)
{
	struct drill *d = t->d;
	const struct net *net = d->net;
	struct event end = { 0 };
	bool tcp = tc->proto != NET_PROTO_UDP;
	bool delivered;

	memset(flow, 0, sizeof(*flow));
	flow->src = tc->src ? tc->src : net->hosts[tc->src_host].ip;
	flow->dst = tc->dst;
	flow->proto = tc->proto;
	flow->port = tc->dport;
	net_flow(net, flow);
	delivered = flow->verdict == NET_FLOW_OK;

	memset(conn, 0, sizeof(*conn));
	conn->serial = drill_serial(d, DRILL_SERIAL_CONN);
	conn->start = d->now;
	conn->orig_ip = flow->src;
	conn->resp_ip = flow->dst;
	conn->orig_port = tele_port(t);
	conn->resp_port = tc->dport;
	conn->proto = tc->proto;
	conn->app = delivered ? tc->app : EVENT_APP_NONE;

	if (tc->process.pid && tc->src_host >= 0) {
		struct event ev = { 0 };

		ev.kind = EVENT_FLOW;
		ev.time = d->now;
		ev.host = tc->src_host;
		ev.user = tc->user;
		ev.process = tc->process;
		ev.conn = *conn;
		drill_emit(d, &ev, NULL);
	}

	end.kind = EVENT_FLOW;
	end.sensor = -1;
	end.host = -1;
	end.conn = *conn;
	if (delivered) {
		/* Handshake and teardown: three and four packets for TCP. */
		end.conn.orig = tele_count(tc->proto, tc->bytes_out, tcp ? 4 : 0);
		end.conn.resp = tele_count(tc->proto, tc->bytes_in, tcp ? 3 : 0);
		if (end.conn.orig.pkts == 0)
			end.conn.orig = tele_count(tc->proto, 0, 1);
		end.u.flow.last = d->now + (tc->duration > 0 ? tc->duration : 1000);
		end.u.flow.state = EVENT_FLOW_CLOSED;
	} else if (flow->verdict == NET_FLOW_NO_SERVICE && tcp) {
		end.conn.orig = tele_count(tc->proto, 0, 1);
		end.conn.resp = tele_count(tc->proto, 0, 1);
		end.u.flow.last = d->now + 1000;
		end.u.flow.state = EVENT_FLOW_REJECTED;
	} else {
		/* A SYN and its two retransmissions at 1 s and 3 s, or one
		 * datagram, then silence. */
		end.conn.orig = tele_count(tc->proto, tcp ? 0 : tc->bytes_out, tcp ? 3 : 1);
		end.u.flow.last = d->now + (tcp ? 3 * SIM_SECOND : 0);
		end.u.flow.state = EVENT_FLOW_NO_REPLY;
	}
	/* Sensors log a connection when it closes, or when it times out. */
	end.time = end.u.flow.last + (end.u.flow.state == EVENT_FLOW_CLOSED && tcp ? SIM_SECOND : 30 * SIM_SECOND);
	drill_emit_at(d, &end, flow);
	return delivered;
}

void tele_on_conn(struct tele *t, struct event *ev, const struct event_conn *conn,
		  const struct net_flow *flow, enum event_dir dir, sim_time_t after)
{
	ev->time = t->d->now + after;
	ev->sensor = -1;
	ev->host = -1;
	ev->dir = dir;
	ev->conn = *conn;
	drill_emit(t->d, ev, flow);
}

void tele_on_host(struct tele *t, struct event *ev, int host, sim_time_t after)
{
	ev->time = t->d->now + after;
	ev->sensor = -1;
	ev->host = host;
	drill_emit(t->d, ev, NULL);
}

bool tele_resolve(struct tele *t, int host, const struct event_process *proc, const char *user,
		  const char *name, uint32_t answer)
{
	const struct net *net = t->d->net;
	struct tele_conn tc = { 0 };
	struct event_conn conn;
	struct net_flow flow;
	struct event_dns_rr rr = { name, EVENT_DNS_A, 300, NULL };
	char addr[IPADDR_STRLEN];
	struct event ev = { 0 };
	uint16_t id = (uint16_t)rng_next_u64(&t->rng);
	sim_time_t rtt = rng_range(&t->rng, 800, 40000);
	size_t qlen = strlen(name) + 2 + 4 + 12;

	if (t->nresolvers == 0)
		return false;
	tc.src_host = host;
	tc.dst = net->hosts[t->resolvers[rng_below(&t->rng, (uint64_t)t->nresolvers)]].ip;
	tc.dport = 53;
	tc.proto = NET_PROTO_UDP;
	tc.app = EVENT_APP_DNS;
	tc.duration = rtt;
	tc.bytes_out = qlen;
	tc.bytes_in = qlen + (answer ? 16 : 0);
	if (!tele_connect(t, &tc, &conn, &flow))
		return false;
	conn.orig = (struct event_count){ 1, qlen + TELE_UDP_OVERHEAD, qlen };

	ev.kind = EVENT_DNS;
	ev.u.dns.id = id;
	ev.u.dns.query = name;
	ev.u.dns.qtype = EVENT_DNS_A;
	ev.u.dns.rd = true;
	tele_on_conn(t, &ev, &conn, &flow, EVENT_FROM_ORIG, 0);

	conn.resp = (struct event_count){ 1, tc.bytes_in + TELE_UDP_OVERHEAD, tc.bytes_in };
	ev.u.dns.ra = true;
	ev.u.dns.rtt = rtt;
	ev.u.dns.rcode = answer ? EVENT_DNS_NOERROR : EVENT_DNS_NXDOMAIN;
	if (answer) {
		rr.data = ipaddr_format(answer, addr);
		ev.u.dns.answers = &rr;
		ev.u.dns.n_answers = 1;
	}
	tele_on_conn(t, &ev, &conn, &flow, EVENT_FROM_RESP, rtt);

	if (proc && proc->pid) {
		/* Sysmon logs the lookup once the answer is back. */
		struct event q = { 0 };

		q.kind = EVENT_DNS;
		q.user = user;
		q.process = *proc;
		q.conn.orig_ip = conn.orig_ip;
		q.u.dns = ev.u.dns;
		tele_on_host(t, &q, host, rtt);
	}
	return true;
}
