/*
 * test_fmt_fortigate.c - FortiGate key=value logs from structured events:
 * the exact line of a forward session, a denied one, local sessions both
 * ways and each UTM profile's verdict, with and without <PRI>; quoting and
 * escaping of hostile text; one sessionid per session; the action and
 * service vocabularies; records refused with out unchanged.
 *
 * The golden lines follow the shapes of Fortinet's reference examples in
 * shared/formats/fortigate; tests/integration/test_formats_fw.sh holds the
 * written sample to those lines key by key and to a real rsyslogd.
 *
 * "test_fmt_fortigate --write DIR" writes DIR/fortigate.log, every kind of
 * log with <PRI>, for that integration test.
 */
#include "harness.h"
#include "fortigate_fixtures.h"
#include "fmt_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "fmt_fortigate.h"

static struct simclock test_clock;

FMT_TEST_GOLDEN(struct fmt_fortigate_settings, fmt_fortigate_render)

/* The settings of fortigate_fixtures.h, with or without <PRI>. */
static struct fmt_fortigate_settings test_settings(bool pri)
{
	struct fmt_fortigate_settings s = fgfix_settings(&test_clock);

	s.pri = pri;
	return s;
}

/* The value of key in a rendered line ("" when absent), quotes kept. */
static void value_of(const char *line, const char *key, char *buf, size_t size)
{
	char pattern[64];
	const char *p;
	size_t n;

	snprintf(pattern, sizeof pattern, " %s=", key);
	buf[0] = '\0';
	p = strstr(line, pattern);
	if (p == NULL)
		return;
	p += strlen(pattern);
	n = strcspn(p, " \n");
	if (n >= size)
		n = size - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
}

#define HEAD_0906 "date=2023-11-08 time=09:06:02 devname=\"FGT-UBND-BD\" " \
	"devid=\"FG100FTK22000123\" eventtime=1699409162512000000 tz=\"+0700\" "

/* A closed HTTP session through the firewall, source-NATed: the order of
 * the reference's forward examples, appcat before the counters. */
TEST(fortigate_forward_accept)
{
	struct fmt_fortigate_settings s = test_settings(true);

	check_line(&s, fgfix_forward(),
		   "<189>" HEAD_0906 "logid=\"0000000013\" type=\"traffic\" "
		   "subtype=\"forward\" level=\"notice\" vd=\"root\" srcip=10.20.5.23 "
		   "srcport=49732 srcintf=\"internal\" srcintfrole=\"lan\" "
		   "dstip=185.220.101.47 dstport=80 dstintf=\"wan1\" dstintfrole=\"wan\" "
		   "sessionid=20000002 proto=6 action=\"close\" policyid=12 "
		   "policytype=\"policy\" service=\"HTTP\" dstcountry=\"Germany\" "
		   "srccountry=\"Reserved\" trandisp=\"snat\" transip=203.113.130.2 "
		   "transport=61732 appcat=\"unscanned\" duration=0 sentbyte=7031 "
		   "rcvdbyte=496096 sentpkt=170 rcvdpkt=336\n");
	s.pri = false;
	check_line(&s, fgfix_forward(),
		   HEAD_0906 "logid=\"0000000013\" type=\"traffic\" "
		   "subtype=\"forward\" level=\"notice\" vd=\"root\" srcip=10.20.5.23 "
		   "srcport=49732 srcintf=\"internal\" srcintfrole=\"lan\" "
		   "dstip=185.220.101.47 dstport=80 dstintf=\"wan1\" dstintfrole=\"wan\" "
		   "sessionid=20000002 proto=6 action=\"close\" policyid=12 "
		   "policytype=\"policy\" service=\"HTTP\" dstcountry=\"Germany\" "
		   "srccountry=\"Reserved\" trandisp=\"snat\" transip=203.113.130.2 "
		   "transport=61732 appcat=\"unscanned\" duration=0 sentbyte=7031 "
		   "rcvdbyte=496096 sentpkt=170 rcvdpkt=336\n");
}

/* The implicit deny: logid 13 with action "deny", nothing counted, no
 * rcvdpkt, client reputation for a blocked connection (the reference's
 * deny example). */
TEST(fortigate_forward_deny)
{
	struct fmt_fortigate_settings s = test_settings(false);

	check_line(&s, fgfix_deny(),
		   "date=2023-11-08 time=09:06:50 devname=\"FGT-UBND-BD\" "
		   "devid=\"FG100FTK22000123\" eventtime=1699409210250000000 "
		   "tz=\"+0700\" logid=\"0000000013\" type=\"traffic\" "
		   "subtype=\"forward\" level=\"notice\" vd=\"root\" "
		   "srcip=185.220.101.47 srcport=51515 srcintf=\"wan1\" "
		   "srcintfrole=\"wan\" dstip=10.1.0.20 dstport=3389 dstintf=\"dmz\" "
		   "dstintfrole=\"dmz\" sessionid=20000007 proto=6 action=\"deny\" "
		   "policyid=0 policytype=\"policy\" service=\"RDP\" "
		   "dstcountry=\"Reserved\" srccountry=\"Germany\" trandisp=\"noop\" "
		   "duration=0 sentbyte=0 rcvdbyte=0 sentpkt=0 appcat=\"unscanned\" "
		   "crscore=30 craction=131072 crlevel=\"high\"\n");
	s.pri = true;
	check_line(&s, fgfix_deny(),
		   "<189>date=2023-11-08 time=09:06:50 devname=\"FGT-UBND-BD\" "
		   "devid=\"FG100FTK22000123\" eventtime=1699409210250000000 "
		   "tz=\"+0700\" logid=\"0000000013\" type=\"traffic\" "
		   "subtype=\"forward\" level=\"notice\" vd=\"root\" "
		   "srcip=185.220.101.47 srcport=51515 srcintf=\"wan1\" "
		   "srcintfrole=\"wan\" dstip=10.1.0.20 dstport=3389 dstintf=\"dmz\" "
		   "dstintfrole=\"dmz\" sessionid=20000007 proto=6 action=\"deny\" "
		   "policyid=0 policytype=\"policy\" service=\"RDP\" "
		   "dstcountry=\"Reserved\" srccountry=\"Germany\" trandisp=\"noop\" "
		   "duration=0 sentbyte=0 rcvdbyte=0 sentpkt=0 appcat=\"unscanned\" "
		   "crscore=30 craction=131072 crlevel=\"high\"\n");
}

/* To the firewall itself: logid 14, the vdom as destination interface,
 * the local-in policy, appcat after the counters (the reference's local
 * example). */
TEST(fortigate_local_in)
{
	struct fmt_fortigate_settings s = test_settings(true);
	static const char body[] =
		"date=2023-11-08 time=09:15:00 devname=\"FGT-UBND-BD\" "
		"devid=\"FG100FTK22000123\" eventtime=1699409700000000000 "
		"tz=\"+0700\" logid=\"0001000014\" type=\"traffic\" "
		"subtype=\"local\" level=\"notice\" vd=\"root\" srcip=10.20.5.99 "
		"srcport=50211 srcintf=\"internal\" srcintfrole=\"lan\" "
		"dstip=10.20.0.1 dstport=443 dstintf=\"root\" "
		"dstintfrole=\"undefined\" sessionid=20000008 proto=6 "
		"action=\"server-rst\" policyid=0 policytype=\"local-in-policy\" "
		"service=\"HTTPS\" dstcountry=\"Reserved\" srccountry=\"Reserved\" "
		"trandisp=\"noop\" duration=5 sentbyte=2210 rcvdbyte=8312 "
		"sentpkt=14 rcvdpkt=12 appcat=\"unscanned\"\n";
	char want[sizeof body + 8];

	snprintf(want, sizeof want, "<189>%s", body);
	check_line(&s, fgfix_local(), want);
	s.pri = false;
	check_line(&s, fgfix_local(), body);
}

/* From the firewall itself: the vdom as source interface, no policy
 * type, UDP accepted. */
TEST(fortigate_local_out)
{
	struct fmt_fortigate_settings s = test_settings(false);

	check_line(&s, fgfix_local_out(),
		   "date=2023-11-08 time=09:20:00 devname=\"FGT-UBND-BD\" "
		   "devid=\"FG100FTK22000123\" eventtime=1699410000000000000 "
		   "tz=\"+0700\" logid=\"0001000014\" type=\"traffic\" "
		   "subtype=\"local\" level=\"notice\" vd=\"root\" "
		   "srcip=203.113.130.2 srcport=123 srcintf=\"root\" "
		   "srcintfrole=\"undefined\" dstip=203.113.131.10 dstport=123 "
		   "dstintf=\"wan1\" dstintfrole=\"wan\" sessionid=20000009 proto=17 "
		   "action=\"accept\" policyid=0 service=\"NTP\" "
		   "dstcountry=\"Vietnam\" srccountry=\"Vietnam\" trandisp=\"noop\" "
		   "duration=0 sentbyte=76 rcvdbyte=76 sentpkt=1 rcvdpkt=1 "
		   "appcat=\"unscanned\"\n");
}

#define HEAD_UTM "date=2023-11-08 time=09:05:02 devname=\"FGT-UBND-BD\" " \
	"devid=\"FG100FTK22000123\" eventtime=1699409102210004000 tz=\"+0700\" "

TEST(fortigate_utm_ips)
{
	struct fmt_fortigate_settings s = test_settings(true);
	static const char body[] =
		HEAD_UTM "logid=\"0419016384\" type=\"utm\" subtype=\"ips\" "
		"eventtype=\"signature\" level=\"alert\" vd=\"root\" "
		"severity=\"critical\" srcip=10.20.5.23 srccountry=\"Reserved\" "
		"dstip=185.220.101.47 srcintf=\"internal\" srcintfrole=\"lan\" "
		"dstintf=\"wan1\" dstintfrole=\"wan\" sessionid=20000002 "
		"action=\"dropped\" proto=6 service=\"HTTP\" "
		"attack=\"Backdoor.PlugX.Download\" srcport=49732 dstport=80 "
		"hostname=\"cdn.tailieu-hanhchinh.com\" "
		"url=\"/tailieu/QD-1234-UBND.doc.exe?id=7\" direction=\"incoming\" "
		"attackid=51023 profile=\"default\" "
		"ref=\"http://www.fortinet.com/ids/VID51023\" crscore=50 "
		"craction=4096 crlevel=\"critical\"\n";
	char want[sizeof body + 8];
	struct event ev = fgfix_utm(EVENT_UTM_IPS);
	struct strbuf out;

	/* An IPS log is level alert: local7.alert is 185. */
	snprintf(want, sizeof want, "<185>%s", body);
	check_line(&s, ev, want);
	s.pri = false;
	check_line(&s, ev, body);
	/* Detected only; a low-severity signature; info is not scored. */
	ev.u.utm.blocked = false;
	ev.u.utm.severity = 4;
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), " severity=\"low\" ");
	CHECK_CONTAINS(strbuf_str(&out), " action=\"detected\" ");
	CHECK_CONTAINS(strbuf_str(&out), " crscore=5 craction=4096 crlevel=\"low\"\n");
	strbuf_free(&out);
	ev.u.utm.severity = 5;
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), " severity=\"info\" ");
	CHECK(strstr(strbuf_str(&out), "crscore") == NULL);
	strbuf_free(&out);
}

TEST(fortigate_utm_virus)
{
	struct fmt_fortigate_settings s = test_settings(false);
	static const char body[] =
		HEAD_UTM "logid=\"0211008192\" type=\"utm\" subtype=\"virus\" "
		"eventtype=\"infected\" level=\"warning\" vd=\"root\" "
		"msg=\"File is infected.\" action=\"blocked\" service=\"HTTP\" "
		"sessionid=20000002 srcip=10.20.5.23 dstip=185.220.101.47 "
		"srcport=49732 dstport=80 srcintf=\"internal\" srcintfrole=\"lan\" "
		"dstintf=\"wan1\" dstintfrole=\"wan\" proto=6 direction=\"incoming\" "
		"filename=\"QD-1234-UBND.doc.exe\" "
		"quarskip=\"File-was-not-quarantined.\" virus=\"W32/PlugX.A!tr\" "
		"dtype=\"Virus\" ref=\"http://www.fortinet.com/ve?vn=W32/PlugX.A!tr\" "
		"virusid=8154023 "
		"url=\"http://cdn.tailieu-hanhchinh.com/tailieu/QD-1234-UBND.doc.exe?id=7\" "
		"profile=\"default\" crscore=50 craction=2 crlevel=\"critical\"\n";
	char want[sizeof body + 8];
	struct event ev = fgfix_utm(EVENT_UTM_VIRUS);
	struct strbuf out;

	check_line(&s, ev, body);
	s.pri = true;
	snprintf(want, sizeof want, "<188>%s", body);
	check_line(&s, ev, want);
	/* Monitored only, no file name, no web URL, the given reference. */
	ev.u.utm.blocked = false;
	ev.u.utm.file_name = NULL;
	ev.u.utm.url = NULL;
	ev.u.utm.reference = "http://www.fortinet.com/ve?vid=8154023";
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), " action=\"monitored\" ");
	CHECK_CONTAINS(strbuf_str(&out), " ref=\"http://www.fortinet.com/ve?vid=8154023\" ");
	CHECK(strstr(strbuf_str(&out), "filename=") == NULL);
	CHECK(strstr(strbuf_str(&out), " url=") == NULL);
	strbuf_free(&out);
}

TEST(fortigate_utm_webfilter)
{
	struct fmt_fortigate_settings s = test_settings(true);
	struct event ev = fgfix_utm(EVENT_UTM_WEBFILTER);

	check_line(&s, ev,
		   "<188>date=2023-11-08 time=09:05:02 devname=\"FGT-UBND-BD\" "
		   "devid=\"FG100FTK22000123\" eventtime=1699409102131500000 "
		   "tz=\"+0700\" logid=\"0316013056\" type=\"utm\" "
		   "subtype=\"webfilter\" eventtype=\"ftgd_blk\" level=\"warning\" "
		   "vd=\"root\" sessionid=20000002 srcip=10.20.5.23 srcport=49732 "
		   "srcintf=\"internal\" srcintfrole=\"lan\" dstip=185.220.101.47 "
		   "dstport=80 dstintf=\"wan1\" dstintfrole=\"wan\" proto=6 "
		   "service=\"HTTP\" hostname=\"cdn.tailieu-hanhchinh.com\" "
		   "profile=\"default\" action=\"blocked\" reqtype=\"direct\" "
		   "url=\"/tailieu/QD-1234-UBND.doc.exe?id=7\" sentbyte=164 "
		   "rcvdbyte=60 direction=\"outgoing\" "
		   "msg=\"URL belongs to a denied category in policy\" "
		   "method=\"domain\" cat=26 catdesc=\"Malicious Websites\" "
		   "crscore=30 craction=4194304 crlevel=\"high\"\n");
	/* Allowed: its own logid, level and words, no threat weight. */
	ev.u.utm.blocked = false;
	ev.u.utm.id = 52;
	ev.u.utm.name = "Information Technology";
	s.pri = false;
	check_line(&s, ev,
		   "date=2023-11-08 time=09:05:02 devname=\"FGT-UBND-BD\" "
		   "devid=\"FG100FTK22000123\" eventtime=1699409102131500000 "
		   "tz=\"+0700\" logid=\"0317013312\" type=\"utm\" "
		   "subtype=\"webfilter\" eventtype=\"ftgd_allow\" level=\"notice\" "
		   "vd=\"root\" sessionid=20000002 srcip=10.20.5.23 srcport=49732 "
		   "srcintf=\"internal\" srcintfrole=\"lan\" dstip=185.220.101.47 "
		   "dstport=80 dstintf=\"wan1\" dstintfrole=\"wan\" proto=6 "
		   "service=\"HTTP\" hostname=\"cdn.tailieu-hanhchinh.com\" "
		   "profile=\"default\" action=\"passthrough\" reqtype=\"direct\" "
		   "url=\"/tailieu/QD-1234-UBND.doc.exe?id=7\" sentbyte=164 "
		   "rcvdbyte=60 direction=\"outgoing\" "
		   "msg=\"URL belongs to an allowed category in policy\" "
		   "method=\"domain\" cat=52 catdesc=\"Information Technology\"\n");
}

/* Hostile text in quoted values: quotes and backslashes escaped, line
 * breaks and control bytes spelled out, Vietnamese UTF-8 as is, empty
 * values as "". */
TEST(fortigate_escaping)
{
	struct fmt_fortigate_settings s = test_settings(false);
	struct event ev = fgfix_utm(EVENT_UTM_WEBFILTER);
	struct strbuf out;

	ev.u.utm.hostname = "";
	ev.u.utm.url = "/tải \"QĐ\"?p=C:\\Users\\cán bộ\r\n\tx\x01\x7f";
	ev.u.utm.name = "Trang \"độc hại\" \\";
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       " hostname=\"\" profile=\"default\" action=\"blocked\" ");
	CHECK_CONTAINS(strbuf_str(&out),
		       " url=\"/tải \\\"QĐ\\\"?p=C:\\\\Users\\\\cán bộ\\r\\n\\x09x\\x01\\x7f\" ");
	CHECK_CONTAINS(strbuf_str(&out),
		       " catdesc=\"Trang \\\"độc hại\\\" \\\\\" crscore=30 ");
	/* Still one line. */
	CHECK(strchr(strbuf_str(&out), '\n') == strbuf_str(&out) + out.len - 1);
	strbuf_free(&out);
	/* Devices named in Vietnamese keep their name. */
	s.devname = "Tường lửa \"UBND\"";
	CHECK_INT(render(&s, fgfix_deny(), &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), " devname=\"Tường lửa \\\"UBND\\\"\" ");
	strbuf_free(&out);
}

/* action= from denied and the flow state (TCP), accept for UDP and ICMP. */
TEST(fortigate_actions)
{
	static const struct {
		enum event_flow_state state;
		const char *action;
	} tcp[] = {
		{ EVENT_FLOW_CLOSED, "close" },
		{ EVENT_FLOW_RESET_BY_ORIG, "client-rst" },
		{ EVENT_FLOW_RESET_BY_RESP, "server-rst" },
		{ EVENT_FLOW_REJECTED, "server-rst" },
		{ EVENT_FLOW_ESTABLISHED, "timeout" },
		{ EVENT_FLOW_NO_REPLY, "timeout" },
	};
	struct fmt_fortigate_settings s = test_settings(false);
	struct event ev;
	struct strbuf out;
	char action[32], want[32];
	size_t i;

	for (i = 0; i < sizeof tcp / sizeof tcp[0]; i++) {
		ev = fgfix_forward();
		ev.u.flow.state = tcp[i].state;
		CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
		value_of(strbuf_str(&out), "action", action, sizeof action);
		snprintf(want, sizeof want, "\"%s\"", tcp[i].action);
		CHECK_STR(action, want);
		strbuf_free(&out);
		/* Denied wins over any state. */
		ev.u.flow.denied = true;
		CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
		CHECK_CONTAINS(strbuf_str(&out), " action=\"deny\" ");
		strbuf_free(&out);
	}
	ev = fixture_dns_flow();
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), " proto=17 action=\"accept\" ");
	strbuf_free(&out);
}

/* The traffic log and every UTM log of one session share its sessionid;
 * another session has another. */
TEST(fortigate_sessionid_shared)
{
	struct fmt_fortigate_settings s = test_settings(true);
	struct event evs[4];
	struct strbuf out;
	char first[32], id[32];
	size_t i;

	evs[0] = fgfix_forward();
	evs[1] = fgfix_utm(EVENT_UTM_IPS);
	evs[2] = fgfix_utm(EVENT_UTM_VIRUS);
	evs[3] = fgfix_utm(EVENT_UTM_WEBFILTER);
	for (i = 0; i < 4; i++) {
		CHECK_INT(render(&s, evs[i], &out), EVENT_RENDERED);
		value_of(strbuf_str(&out), "sessionid", id, sizeof id);
		if (i == 0)
			memcpy(first, id, sizeof id);
		CHECK_STR(id, first);
		strbuf_free(&out);
	}
	CHECK_STR(first, "20000002");
	CHECK_INT(fmt_fortigate_sessionid(&s, &evs[2].conn), 20000002);
	CHECK_INT(render(&s, fgfix_deny(), &out), EVENT_RENDERED);
	value_of(strbuf_str(&out), "sessionid", id, sizeof id);
	CHECK_STR(id, "20000007");
	strbuf_free(&out);
	/* The device counter wraps at 2^32 as FortiOS's does. */
	s.session_base = UINT32_MAX;
	CHECK_INT(fmt_fortigate_sessionid(&s, &evs[0].conn), 1);
}

/* PRI = facility * 8 + the level's severity; FortiOS's facility names. */
TEST(fortigate_pri)
{
	struct fmt_fortigate_settings s = test_settings(true);
	struct strbuf out;
	int code = -1;

	s.facility = "local0";
	CHECK_INT(render(&s, fgfix_forward(), &out), EVENT_RENDERED);
	CHECK(strncmp(strbuf_str(&out), "<133>date=", 10) == 0);
	strbuf_free(&out);
	s.facility = "user";
	CHECK_INT(render(&s, fgfix_utm(EVENT_UTM_IPS), &out), EVENT_RENDERED);
	CHECK(strncmp(strbuf_str(&out), "<9>date=", 8) == 0);
	strbuf_free(&out);
	CHECK(fmt_fortigate_facility_code(NULL, &code));
	CHECK_INT(code, 23);
	CHECK(fmt_fortigate_facility_code("kernel", &code));
	CHECK_INT(code, 0);
	CHECK(!fmt_fortigate_facility_code("local8", &code));
	CHECK(fmt_fortigate_level_severity("information", &code));
	CHECK_INT(code, 6);
	CHECK(!fmt_fortigate_level_severity("info", &code));
}

/* Service names from the port, FortiOS's "tcp/PORT" for the rest, PING
 * and icmp/TYPE/CODE for ICMP, which has no ports. */
TEST(fortigate_services)
{
	static const struct {
		uint8_t proto;
		uint16_t port;
		const char *service;
	} cases[] = {
		{ NET_PROTO_TCP, 445, "\"SMB\"" },
		{ NET_PROTO_TCP, 1433, "\"MS-SQL\"" },
		{ NET_PROTO_TCP, 22, "\"SSH\"" },
		{ NET_PROTO_TCP, 25, "\"SMTP\"" },
		{ NET_PROTO_TCP, 3389, "\"RDP\"" },
		{ NET_PROTO_TCP, 443, "\"HTTPS\"" },
		{ NET_PROTO_UDP, 53, "\"DNS\"" },
		{ NET_PROTO_TCP, 53, "\"DNS\"" },
		{ NET_PROTO_TCP, 8443, "\"tcp/8443\"" },
		{ NET_PROTO_UDP, 5000, "\"udp/5000\"" },
	};
	struct fmt_fortigate_settings s = test_settings(false);
	struct event ev;
	struct strbuf out;
	char service[32];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ev = fgfix_forward();
		ev.conn.proto = cases[i].proto;
		ev.conn.resp_port = cases[i].port;
		CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
		value_of(strbuf_str(&out), "service", service, sizeof service);
		CHECK_STR(service, cases[i].service);
		strbuf_free(&out);
	}
	ev = fgfix_forward();
	ev.conn.proto = NET_PROTO_ICMP;
	ev.conn.orig_port = 8;
	ev.conn.resp_port = 0;
	ev.conn.orig = (struct event_count){ 4, 336, 224 };
	ev.conn.resp = (struct event_count){ 4, 336, 224 };
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       " srcip=10.20.5.23 srcintf=\"internal\" srcintfrole=\"lan\" "
		       "dstip=185.220.101.47 dstintf=\"wan1\" ");
	CHECK_CONTAINS(strbuf_str(&out), " proto=1 action=\"accept\" ");
	CHECK_CONTAINS(strbuf_str(&out), " service=\"PING\" ");
	CHECK(strstr(strbuf_str(&out), " srcport=") == NULL);
	CHECK(strstr(strbuf_str(&out), " dstport=") == NULL);
	strbuf_free(&out);
	ev.conn.orig_port = 3;
	ev.conn.resp_port = 1;
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), " service=\"icmp/3/1\" ");
	strbuf_free(&out);
}

/* Interfaces by longest route, the WAN for the rest; countries by longest
 * prefix, "Reserved" for special-purpose and unlisted addresses. */
TEST(fortigate_interfaces_and_countries)
{
	static const struct fmt_fortigate_route routes[] = {
		{ 0x0a000000u, 8, 2 },  /* 10.0.0.0/8 to the DMZ... */
		{ 0x0a140500u, 24, 0 }, /* ...but 10.20.5.0/24 inside */
	};
	static const struct fmt_fortigate_route broken[] = {
		{ 0x0a000000u, 8, 7 },
	};
	struct fmt_fortigate_settings s = test_settings(false);
	struct event ev = fgfix_forward();
	struct strbuf out;

	s.routes = routes;
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), " srcintf=\"internal\" srcintfrole=\"lan\" ");
	strbuf_free(&out);
	ev.conn.orig_ip = fixture_ip("10.20.6.1");
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), " srcintf=\"dmz\" srcintfrole=\"dmz\" ");
	strbuf_free(&out);
	/* Public, unlisted: the WAN, and no country. */
	ev.conn.resp_ip = fixture_ip("8.8.8.8");
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), " dstintf=\"wan1\" dstintfrole=\"wan\" ");
	CHECK_CONTAINS(strbuf_str(&out), " dstcountry=\"Reserved\" ");
	strbuf_free(&out);
	/* A longer country prefix wins; special space is never a country. */
	ev.conn.resp_ip = fixture_ip("203.113.130.77");
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), " dstcountry=\"Vietnam\" ");
	strbuf_free(&out);
	ev.conn.resp_ip = fixture_ip("100.64.0.9");
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), " dstcountry=\"Reserved\" ");
	strbuf_free(&out);
	/* A route to an interface that does not exist cannot be logged. */
	s.routes = broken;
	s.n_routes = 1;
	strbuf_init(&out);
	CHECK_INT(fmt_fortigate_render(&s, &ev, &out), EVENT_BAD);
	CHECK_INT(out.len, 0);
	strbuf_free(&out);
}

/* Counters: at least a minimal packet's bytes per packet (TCP 40, UDP
 * 28), no bytes without packets.  The boundaries render. */
TEST(fortigate_counter_consistency)
{
	struct fmt_fortigate_settings s = test_settings(false);
	struct event ev = fgfix_forward();
	struct strbuf out;

	ev.conn.orig = (struct event_count){ 10, 400, 0 };
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	strbuf_free(&out);
	ev.conn.orig = (struct event_count){ 10, 399, 0 };
	CHECK_INT(render(&s, ev, &out), EVENT_BAD);
	strbuf_free(&out);
	ev.conn.orig = (struct event_count){ 0, 0, 0 };
	ev.conn.resp = (struct event_count){ 0, 40, 0 };
	CHECK_INT(render(&s, ev, &out), EVENT_BAD);
	strbuf_free(&out);
	ev = fixture_dns_flow();
	ev.conn.orig = (struct event_count){ 2, 56, 0 };
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	strbuf_free(&out);
	ev.conn.orig = (struct event_count){ 2, 55, 0 };
	CHECK_INT(render(&s, ev, &out), EVENT_BAD);
	strbuf_free(&out);
	/* UTM records are held to the same rule. */
	ev = fgfix_utm(EVENT_UTM_IPS);
	ev.conn.resp = (struct event_count){ 3, 100, 0 };
	CHECK_INT(render(&s, ev, &out), EVENT_BAD);
	strbuf_free(&out);
}

/* Every refusal leaves what the buffer held untouched. */
TEST(fortigate_bad_leaves_out_unchanged)
{
	struct fmt_fortigate_settings good = test_settings(true), s;
	struct event evs[12];
	struct strbuf out;
	size_t i, n = 0;

	evs[n] = fgfix_forward();
	evs[n++].conn.serial = 0;
	evs[n] = fgfix_forward();
	evs[n].u.flow.last = evs[n].conn.start - 1;
	n++;
	evs[n] = fgfix_forward();
	evs[n].u.flow.last = evs[n].time + 1;
	n++;
	evs[n] = fgfix_forward();
	evs[n++].u.flow.policy = -1;
	evs[n] = fgfix_utm(EVENT_UTM_IPS);
	evs[n++].u.utm.severity = 0;
	evs[n] = fgfix_utm(EVENT_UTM_IPS);
	evs[n++].u.utm.severity = 6;
	evs[n] = fgfix_utm(EVENT_UTM_VIRUS);
	evs[n++].u.utm.name = NULL;
	evs[n] = fgfix_utm(EVENT_UTM_WEBFILTER);
	evs[n].conn.start = evs[n].time + 1;
	n++;
	evs[n] = fgfix_forward();
	evs[n++].conn.proto = 47; /* GRE */
	/* Before the Unix epoch. */
	evs[n] = fgfix_deny();
	evs[n].time = -FIXTURE_EPOCH_US - 1;
	evs[n].conn.start = evs[n].time;
	evs[n].u.flow.last = evs[n].time;
	n++;
	strbuf_init(&out);
	strbuf_adds(&out, "earlier line\n");
	for (i = 0; i < n; i++) {
		CHECK_INT(fmt_fortigate_render(&good, &evs[i], &out), EVENT_BAD);
		CHECK_STR(strbuf_str(&out), "earlier line\n");
	}
	/* Settings that cannot make a log. */
	s = good;
	s.devid = "FG100FTK2200012";
	CHECK_INT(fmt_fortigate_render(&s, &evs[0], &out), EVENT_BAD);
	s.devid = "FG100FTK22000123";
	evs[0] = fgfix_forward();
	s.devid = "XG100FTK22000123";
	CHECK_INT(fmt_fortigate_render(&s, &evs[0], &out), EVENT_BAD);
	s = good;
	s.devname = NULL;
	CHECK_INT(fmt_fortigate_render(&s, &evs[0], &out), EVENT_BAD);
	s = good;
	s.facility = "local9";
	CHECK_INT(fmt_fortigate_render(&s, &evs[0], &out), EVENT_BAD);
	CHECK_STR(strbuf_str(&out), "earlier line\n");
	/* The same facility is fine without <PRI>. */
	s.pri = false;
	CHECK_INT(fmt_fortigate_render(&s, &evs[0], &out), EVENT_RENDERED);
	strbuf_free(&out);
}

TEST(fortigate_not_rendered)
{
	struct fmt_fortigate_settings s = test_settings(true);
	struct event evs[4];
	struct strbuf out;
	size_t i;

	evs[0] = fixture_dns_query();
	evs[1] = fixture_http();
	evs[2] = fixture_file();
	evs[3] = fgfix_forward();
	evs[3].kind = EVENT_ALERT;
	strbuf_init(&out);
	strbuf_adds(&out, "x");
	for (i = 0; i < 4; i++)
		CHECK_INT(fmt_fortigate_render(&s, &evs[i], &out), EVENT_NOT_RENDERED);
	CHECK_STR(strbuf_str(&out), "x");
	strbuf_free(&out);
}

/* The fields behind a line: the same keys and values, unescaped. */
TEST(fortigate_build_fields)
{
	struct fmt_fortigate_settings s = test_settings(false);
	struct event ev = fgfix_utm(EVENT_UTM_WEBFILTER);
	struct fmt_fortigate_log log;

	ev.u.utm.url = "/a \"b\"";
	CHECK_INT(fmt_fortigate_build(&s, &ev, &log), EVENT_RENDERED);
	CHECK_STR(fmt_fortigate_value(&log, 0), "2023-11-08");
	CHECK_STR(log.fields[0].key, "date");
	CHECK(!log.fields[0].quoted);
	CHECK_STR(fmt_fortigate_get(&log, "url"), "/a \"b\"");
	CHECK_STR(fmt_fortigate_get(&log, "cat"), "26");
	CHECK(fmt_fortigate_get(&log, "rcvdpkt") == NULL);
	CHECK_STR(log.logid, "0316013056");
	CHECK_STR(log.eventtype, "ftgd_blk");
	CHECK_STR(log.action, "blocked");
	fmt_fortigate_log_free(&log);
	ev.kind = EVENT_DNS;
	CHECK_INT(fmt_fortigate_build(&s, &ev, &log), EVENT_NOT_RENDERED);
	fmt_fortigate_log_free(&log);
}

/* Same record, same bytes; lines append after what the buffer holds. */
TEST(fortigate_deterministic_and_appending)
{
	struct fmt_fortigate_settings s = test_settings(true);
	struct event ev = fgfix_utm(EVENT_UTM_VIRUS);
	struct strbuf a, b;

	strbuf_init(&a);
	strbuf_init(&b);
	CHECK_INT(fmt_fortigate_render(&s, &ev, &a), EVENT_RENDERED);
	strbuf_adds(&b, "first\n");
	CHECK_INT(fmt_fortigate_render(&s, &ev, &b), EVENT_RENDERED);
	CHECK_STR(strbuf_str(&b) + 6, strbuf_str(&a));
	CHECK_INT(fmt_fortigate_render(&s, &ev, &a), EVENT_RENDERED);
	CHECK_INT(a.len, 2 * (b.len - 6));
	strbuf_free(&a);
	strbuf_free(&b);
}

/* IPv6 sessions as FortiOS writes them: addresses bare in RFC 5952 text,
 * a unique-local client behind the LAN interface, the Internet behind
 * the WAN one, no country for IPv6, no source NAT. */
TEST(fortigate_ipv6)
{
	struct fmt_fortigate_settings s = test_settings(false);

	check_line(&s, fixture_v6(fgfix_forward(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER),
		   HEAD_0906 "logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" "
		   "level=\"notice\" vd=\"root\" srcip=fd00:10:20:5::23 srcport=49732 "
		   "srcintf=\"internal\" srcintfrole=\"lan\" dstip=2001:db8:85a3::8a2e:370:7334 "
		   "dstport=80 dstintf=\"wan1\" dstintfrole=\"wan\" sessionid=20000002 proto=6 "
		   "action=\"close\" policyid=12 policytype=\"policy\" service=\"HTTP\" "
		   "dstcountry=\"Reserved\" srccountry=\"Reserved\" trandisp=\"noop\" "
		   "appcat=\"unscanned\" duration=0 sentbyte=7031 rcvdbyte=496096 sentpkt=170 "
		   "rcvdpkt=336\n");
	check_line(&s, fixture_v6(fgfix_utm(EVENT_UTM_IPS), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER),
		   "date=2023-11-08 time=09:05:02 devname=\"FGT-UBND-BD\" devid=\"FG100FTK22000123\" "
		   "eventtime=1699409102210004000 tz=\"+0700\" logid=\"0419016384\" type=\"utm\" "
		   "subtype=\"ips\" eventtype=\"signature\" level=\"alert\" vd=\"root\" "
		   "severity=\"critical\" srcip=fd00:10:20:5::23 srccountry=\"Reserved\" "
		   "dstip=2001:db8:85a3::8a2e:370:7334 srcintf=\"internal\" srcintfrole=\"lan\" "
		   "dstintf=\"wan1\" dstintfrole=\"wan\" sessionid=20000002 action=\"dropped\" "
		   "proto=6 service=\"HTTP\" attack=\"Backdoor.PlugX.Download\" srcport=49732 "
		   "dstport=80 hostname=\"cdn.tailieu-hanhchinh.com\" "
		   "url=\"/tailieu/QD-1234-UBND.doc.exe?id=7\" direction=\"incoming\" attackid=51023 "
		   "profile=\"default\" ref=\"http://www.fortinet.com/ids/VID51023\" crscore=50 "
		   "craction=4096 crlevel=\"critical\"\n");
}

/* Every kind of log with <PRI>, hostile text included. */
static int write_sample(const char *dir)
{
	struct fmt_fortigate_settings s = test_settings(true);
	struct event evs[14];
	struct strbuf out;
	size_t i, n = 0;
	int status = 0;

	evs[n++] = fgfix_forward();
	evs[n++] = fgfix_deny();
	evs[n++] = fgfix_local();
	evs[n++] = fgfix_local_out();
	evs[n++] = fixture_dns_flow();
	evs[n++] = fgfix_utm(EVENT_UTM_IPS);
	evs[n++] = fgfix_utm(EVENT_UTM_VIRUS);
	evs[n++] = fgfix_utm(EVENT_UTM_WEBFILTER);
	evs[n] = fgfix_utm(EVENT_UTM_WEBFILTER);
	evs[n].u.utm.blocked = false;
	evs[n].u.utm.hostname = "";
	evs[n].u.utm.url = "/tải \"QĐ\"?p=C:\\Users\\cán bộ\r\nx=1";
	evs[n++].u.utm.name = "Trang \"độc hại\" \\";
	evs[n] = fgfix_utm(EVENT_UTM_IPS);
	evs[n].u.utm.blocked = false;
	evs[n++].u.utm.severity = 3;
	evs[n] = fixture_v6(fgfix_forward(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER);
	evs[n++].conn.serial = 60;
	evs[n] = fixture_v6(fgfix_utm(EVENT_UTM_WEBFILTER), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER);
	evs[n++].conn.serial = 60;

	strbuf_init(&out);
	for (i = 0; i < n; i++) {
		if (fmt_fortigate_render(&s, &evs[i], &out) != EVENT_RENDERED) {
			fprintf(stderr, "test_fmt_fortigate: record %zu not rendered\n", i);
			status = 1;
		}
	}
	status |= fmt_test_write_file(dir, "fortigate.log", &out);
	strbuf_free(&out);
	return status;
}

int main(int argc, char **argv)
{
	int status;

	simclock_init(&test_clock, FIXTURE_EPOCH_US);
	status = fmt_test_args(argc, argv, "test_fmt_fortigate", write_sample);
	if (status >= 0)
		return status;
	RUN(fortigate_forward_accept);
	RUN(fortigate_forward_deny);
	RUN(fortigate_local_in);
	RUN(fortigate_local_out);
	RUN(fortigate_utm_ips);
	RUN(fortigate_utm_virus);
	RUN(fortigate_utm_webfilter);
	RUN(fortigate_escaping);
	RUN(fortigate_actions);
	RUN(fortigate_sessionid_shared);
	RUN(fortigate_pri);
	RUN(fortigate_services);
	RUN(fortigate_interfaces_and_countries);
	RUN(fortigate_counter_consistency);
	RUN(fortigate_bad_leaves_out_unchanged);
	RUN(fortigate_not_rendered);
	RUN(fortigate_build_fields);
	RUN(fortigate_ipv6);
	RUN(fortigate_deterministic_and_appending);
	return harness_finish();
}
