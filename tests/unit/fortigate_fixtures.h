/*
 * fortigate_fixtures.h - the firewall of the provincial people's committee
 * and the sessions it logs, shared by test_fmt_fortigate.c and
 * test_fmt_cef.c so that the key=value and the CEF logs of one session
 * come from the very same records.
 *
 * The firewall has an internal side (10.20.0.0/16, the commune offices),
 * a DMZ (10.1.0.0/16, the data centre) and wan1 to the Internet, and
 * answers on 10.20.0.1 and 203.113.130.2 itself.  The sessions are those
 * of event_fixtures.h (the download of a fake "decision" from
 * 185.220.101.47) plus a denied RDP probe, an administrator on the
 * firewall's web interface, the firewall's own NTP query, and the three
 * profiles' verdicts on the download.
 *
 * Every name here starts with fgfix_.
 */
#ifndef FORTIGATE_FIXTURES_H
#define FORTIGATE_FIXTURES_H

#include "event_fixtures.h"
#include "fmt_fortigate.h"

static const struct fmt_fortigate_iface fgfix_ifaces[] = {
	{ "internal", "lan" },
	{ "wan1", "wan" },
	{ "dmz", "dmz" },
};

static const struct fmt_fortigate_route fgfix_routes[] = {
	{ 0x0a140000u, 16, 0 }, /* 10.20.0.0/16 behind internal */
	{ 0x0a010000u, 16, 2 }, /* 10.1.0.0/16 behind dmz */
};

static const uint32_t fgfix_own_ips[] = {
	0x0a140001u, /* 10.20.0.1 */
	0xcb718202u, /* 203.113.130.2 */
};

static const struct fmt_fortigate_country fgfix_countries[] = {
	{ 0xb9dc6500u, 24, "Germany" },  /* 185.220.101.0/24 */
	{ 0xcb718000u, 18, "Vietnam" },  /* 203.113.128.0/18 */
};

/* The settings every test starts from; pri is set per test. */
static inline struct fmt_fortigate_settings fgfix_settings(const struct simclock *clock)
{
	struct fmt_fortigate_settings s = {
		.clock = clock,
		.devname = "FGT-UBND-BD",
		.devid = "FG100FTK22000123",
		.vdom = "root",
		.ifaces = fgfix_ifaces,
		.n_ifaces = 3,
		.wan_iface = 1,
		.routes = fgfix_routes,
		.n_routes = 2,
		.own_ips = fgfix_own_ips,
		.n_own_ips = 2,
		.countries = fgfix_countries,
		.n_countries = 2,
		.session_base = 20000000,
		.ips_profile = "default",
		.av_profile = "default",
		.webfilter_profile = "default",
	};

	return s;
}

/* The download's session, closed, source-NATed to the WAN address. */
static inline struct event fgfix_forward(void)
{
	struct event ev = fixture_http_flow();

	ev.u.flow.policy = 12;
	ev.u.flow.nat_ip = 0xcb718202u;
	ev.u.flow.nat_port = 61732;
	return ev;
}

/* An RDP probe from the attacker's server, dropped by the implicit deny. */
static inline struct event fgfix_deny(void)
{
	struct event ev = {
		.time = fixture_at(410, 250000),
		.kind = EVENT_FLOW,
		.dir = EVENT_FROM_ORIG,
		.host = -1,
		.conn = {
			.serial = 7,
			.start = fixture_at(410, 250000),
			.orig_ip = fixture_ip("185.220.101.47"),
			.resp_ip = fixture_ip("10.1.0.20"),
			.orig_port = 51515,
			.resp_port = 3389,
			.proto = NET_PROTO_TCP,
			.orig = { 1, 52, 0 },
		},
	};

	ev.u.flow.last = ev.conn.start;
	ev.u.flow.state = EVENT_FLOW_NO_REPLY;
	ev.u.flow.denied = true;
	ev.u.flow.policy = 0;
	return ev;
}

/* An administrator on the firewall's own HTTPS interface; the server
 * ended it with a reset. */
static inline struct event fgfix_local(void)
{
	struct event ev = {
		.time = fixture_at(900, 0),
		.kind = EVENT_FLOW,
		.dir = EVENT_FROM_ORIG,
		.host = -1,
		.conn = {
			.serial = 8,
			.start = fixture_at(840, 500000),
			.orig_ip = fixture_ip("10.20.5.99"),
			.resp_ip = fixture_ip("10.20.0.1"),
			.orig_port = 50211,
			.resp_port = 443,
			.proto = NET_PROTO_TCP,
			.app = EVENT_APP_TLS,
			.orig = { 14, 2210, 1490 },
			.resp = { 12, 8312, 7688 },
		},
	};

	ev.u.flow.last = fixture_at(845, 750000);
	ev.u.flow.state = EVENT_FLOW_RESET_BY_RESP;
	return ev;
}

/* The firewall asks a public NTP server the time (local-out, UDP). */
static inline struct event fgfix_local_out(void)
{
	struct event ev = {
		.time = fixture_at(1200, 0),
		.kind = EVENT_FLOW,
		.dir = EVENT_FROM_ORIG,
		.host = -1,
		.conn = {
			.serial = 9,
			.start = fixture_at(1020, 0),
			.orig_ip = fixture_ip("203.113.130.2"),
			.resp_ip = fixture_ip("203.113.131.10"),
			.orig_port = 123,
			.resp_port = 123,
			.proto = NET_PROTO_UDP,
			.app = EVENT_APP_NTP,
			.orig = { 1, 76, 48 },
			.resp = { 1, 76, 48 },
		},
	};

	ev.u.flow.last = fixture_at(1020, 41000);
	ev.u.flow.state = EVENT_FLOW_CLOSED;
	return ev;
}

/* A profile's verdict on the download, from the server's response. */
static inline struct event fgfix_utm(enum event_utm_type type)
{
	struct event ev = {
		.time = fixture_at(302, 210004),
		.kind = EVENT_UTM,
		.dir = EVENT_FROM_RESP,
		.conn = fixture_http_conn(),
		.host = -1,
	};

	ev.conn.orig = (struct event_count){ 4, 391, 231 };
	ev.conn.resp = (struct event_count){ 3, 1568, 1448 };
	ev.u.utm.type = type;
	ev.u.utm.blocked = true;
	ev.u.utm.hostname = "cdn.tailieu-hanhchinh.com";
	ev.u.utm.url = "/tailieu/QD-1234-UBND.doc.exe?id=7";
	switch (type) {
	case EVENT_UTM_IPS:
		ev.u.utm.name = "Backdoor.PlugX.Download";
		ev.u.utm.id = 51023;
		ev.u.utm.severity = 1;
		break;
	case EVENT_UTM_VIRUS:
		ev.u.utm.name = "W32/PlugX.A!tr";
		ev.u.utm.id = 8154023;
		ev.u.utm.file_name = "QD-1234-UBND.doc.exe";
		break;
	case EVENT_UTM_WEBFILTER:
	default:
		/* The web filter sees the request, before any answer. */
		ev.time = fixture_at(302, 131500);
		ev.dir = EVENT_FROM_ORIG;
		ev.conn.orig = (struct event_count){ 3, 164, 0 };
		ev.conn.resp = (struct event_count){ 1, 60, 0 };
		ev.u.utm.name = "Malicious Websites";
		ev.u.utm.id = 26;
		break;
	}
	return ev;
}

#endif
