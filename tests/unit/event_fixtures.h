/*
 * event_fixtures.h - the structured events that test_fmt_eve.c and
 * test_fmt_zeek.c both render: one commune workstation looks up the
 * attacker's domain, downloads a "decision" document that is really a
 * program, and opens a TLS session to the same server.
 *
 * The two formatter tests share these so that Suricata's and Zeek's
 * views of the drill are built from the very same records: the same
 * connections, times and payloads, and so the same flow_id, uid and
 * Community ID on both sides.  Each test adds what only its own format
 * shows (alerts and anomalies for EVE, notices for Zeek) and adjusts
 * fields of these records locally.
 *
 * Every name here starts with fixture_ (FIXTURE_ for macros); times are
 * offsets from FIXTURE_EPOCH_US, to which each test sets its clock.
 */
#ifndef EVENT_FIXTURES_H
#define EVENT_FIXTURES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "event.h"
#include "ipaddr.h"

/* 2023-11-08T09:00:00+07:00, the drill's start. */
#define FIXTURE_EPOCH_US INT64_C(1699408800000000)

/* An IPv4 address from its dotted text; aborts on a typo. */
static inline uint32_t fixture_ip(const char *text)
{
	uint32_t v = 0;

	if (!ipaddr_parse(text, &v))
		abort();
	return v;
}

/* An IPv6 address from its text; aborts on a typo. */
static inline void fixture_ip6(const char *text, uint8_t out[16])
{
	if (!ipaddr6_parse(text, out))
		abort();
}

/* A commune workstation's unique-local IPv6 address and a server on the
 * Internet (documentation prefix), for the IPv6 variants of records. */
#define FIXTURE_V6_CLIENT "fd00:10:20:5::23"
#define FIXTURE_V6_SERVER "2001:db8:85a3::8a2e:370:7334"

/* The record moved onto IPv6: the same connection between orig and
 * resp. */
static inline struct event fixture_v6(struct event ev, const char *orig, const char *resp)
{
	ev.conn.ipv6 = true;
	ev.conn.orig_ip = ev.conn.resp_ip = 0;
	fixture_ip6(orig, ev.conn.orig_ip6);
	fixture_ip6(resp, ev.conn.resp_ip6);
	return ev;
}

/* seconds and micros after the drill's start. */
static inline sim_time_t fixture_at(int64_t seconds, int64_t micros)
{
	return seconds * SIM_SECOND + micros;
}

/* A workstation in a commune office looks up the attacker's domain... */
static inline struct event_conn fixture_dns_conn(void)
{
	struct event_conn c = {
		.serial = 1,
		.start = fixture_at(302, 123456),
		.orig_ip = fixture_ip("10.20.5.23"),
		.resp_ip = fixture_ip("10.1.0.53"),
		.orig_port = 51234,
		.resp_port = 53,
		.proto = NET_PROTO_UDP,
		.app = EVENT_APP_DNS,
		.orig = { 1, 71, 43 },
		.resp = { 1, 119, 91 },
	};

	return c;
}

static const struct event_dns_rr fixture_dns_answers[] = {
	{ "cdn.tailieu-hanhchinh.com", EVENT_DNS_CNAME, 300,
	  "tailieu-hanhchinh.b-cdn.net" },
	{ "tailieu-hanhchinh.b-cdn.net", EVENT_DNS_A, 60, "185.220.101.47" },
};

/* The query, sent before the server had said anything. */
static inline struct event fixture_dns_query(void)
{
	struct event ev = {
		.time = fixture_at(302, 123456),
		.kind = EVENT_DNS,
		.dir = EVENT_FROM_ORIG,
		.conn = fixture_dns_conn(),
		.host = -1,
		.sensor = 0,
	};

	ev.conn.resp = (struct event_count){ 0, 0, 0 };
	ev.u.dns.tx_id = 0;
	ev.u.dns.id = 36146;
	ev.u.dns.query = "cdn.tailieu-hanhchinh.com";
	ev.u.dns.qtype = EVENT_DNS_A;
	ev.u.dns.rd = true;
	return ev;
}

/* The answer: a CNAME to a CDN name, then its address. */
static inline struct event fixture_dns_response(void)
{
	struct event ev = fixture_dns_query();

	ev.time = fixture_at(302, 125299);
	ev.dir = EVENT_FROM_RESP;
	ev.conn = fixture_dns_conn();
	ev.u.dns.ra = true;
	ev.u.dns.rtt = 1843;
	ev.u.dns.answers = fixture_dns_answers;
	ev.u.dns.n_answers = 2;
	return ev;
}

/* The lookup's connection record, written when it timed out. */
static inline struct event fixture_dns_flow(void)
{
	struct event ev = {
		.time = fixture_at(332, 125299),
		.kind = EVENT_FLOW,
		.dir = EVENT_FROM_ORIG,
		.conn = fixture_dns_conn(),
		.host = -1,
	};

	ev.u.flow.last = fixture_at(302, 125299);
	ev.u.flow.state = EVENT_FLOW_CLOSED;
	return ev;
}

/* ...then downloads a "decision" document that is really a program. */
static inline struct event_conn fixture_http_conn(void)
{
	struct event_conn c = {
		.serial = 2,
		.start = fixture_at(302, 130012),
		.orig_ip = fixture_ip("10.20.5.23"),
		.resp_ip = fixture_ip("185.220.101.47"),
		.orig_port = 49732,
		.resp_port = 80,
		.proto = NET_PROTO_TCP,
		.app = EVENT_APP_HTTP,
		.orig = { 170, 7031, 231 },
		.resp = { 336, 496096, 482656 },
	};

	return c;
}

/* The download's transaction; EVE cuts the Content-Type parameter and
 * Zeek does not log the header at all. */
static const struct event_http fixture_http_tx = {
	.tx_id = 0,
	.duration = 367265,
	.method = "GET",
	.host = "cdn.tailieu-hanhchinh.com",
	.uri = "/tailieu/QD-1234-UBND.doc.exe?id=7",
	.version = "1.1",
	.user_agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
	.status = 200,
	.status_msg = "OK",
	.content_type = "application/x-msdownload; charset=binary",
	.response_body_len = 482304,
	.response_file = 1,
	.response_mime = "application/x-dosexec",
};

static inline struct event fixture_http(void)
{
	struct event ev = {
		.time = fixture_at(302, 498765),
		.kind = EVENT_HTTP,
		.dir = EVENT_FROM_RESP,
		.conn = fixture_http_conn(),
		.host = -1,
	};

	ev.u.http = fixture_http_tx;
	return ev;
}

/* The program the response carried. */
static inline struct event fixture_file(void)
{
	struct event ev = {
		.time = fixture_at(302, 498765),
		.kind = EVENT_FILE,
		.dir = EVENT_FROM_RESP,
		.conn = fixture_http_conn(),
		.host = -1,
	};

	ev.u.file.serial = 1;
	ev.u.file.duration = 288761;
	ev.u.file.mime_type = "application/x-dosexec";
	ev.u.file.size = 482304;
	ev.u.file.md5 = "5d41402abc4b2a76b9719d911017c592";
	ev.u.file.sha1 = "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d";
	ev.u.file.sha256 =
		"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
	ev.u.file.tx_id = 0;
	ev.u.file.http = &fixture_http_tx;
	return ev;
}

/* The download's connection record, closed, after an alert on it. */
static inline struct event fixture_http_flow(void)
{
	struct event ev = {
		.time = fixture_at(362, 512000),
		.kind = EVENT_FLOW,
		.dir = EVENT_FROM_ORIG,
		.conn = fixture_http_conn(),
		.host = -1,
	};

	ev.u.flow.last = fixture_at(302, 512000);
	ev.u.flow.state = EVENT_FLOW_CLOSED;
	ev.u.flow.alerted = true;
	return ev;
}

/* A TLS session to the same server, with a self-signed certificate. */
static inline struct event_conn fixture_tls_conn(void)
{
	struct event_conn c = {
		.serial = 3,
		.start = fixture_at(330, 100),
		.orig_ip = fixture_ip("10.20.5.23"),
		.resp_ip = fixture_ip("185.220.101.47"),
		.orig_port = 49733,
		.resp_port = 443,
		.proto = NET_PROTO_TCP,
		.app = EVENT_APP_TLS,
		.orig = { 12, 1893, 1413 },
		.resp = { 10, 6120, 5720 },
	};

	return c;
}

/* The handshake both sensors see; each test adds the certificate
 * details its format logs. */
static inline struct event fixture_tls(void)
{
	struct event ev = {
		.time = fixture_at(330, 80250),
		.kind = EVENT_TLS,
		.dir = EVENT_FROM_RESP,
		.conn = fixture_tls_conn(),
		.host = -1,
	};
	struct event_tls *t = &ev.u.tls;

	t->version = EVENT_TLS_1_2;
	t->sni = "api.tailieu-hanhchinh.com";
	t->cipher = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
	t->curve = "x25519";
	t->established = true;
	t->subject = "CN=api.tailieu-hanhchinh.com";
	t->issuer = "CN=api.tailieu-hanhchinh.com";
	t->not_before = 1698796800; /* 2023-11-01 */
	t->not_after = 1706745600;  /* 2024-02-01 */
	t->sni_matches_cert = true;
	return ev;
}

#endif
