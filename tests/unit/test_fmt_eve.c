/*
 * test_fmt_eve.c - Suricata EVE JSON lines from structured events: the
 * exact line for every event type, key order, escaping of hostile text,
 * one flow_id across every record of a flow, determinism.
 *
 * The golden lines follow the shapes of real Suricata output in
 * shared/formats/suricata (examples.jsonl, the doc examples, the
 * suricata-verify DNS v3 expectations) with the 8.0 additions ip_v and
 * DNS version 3.
 *
 * "test_fmt_eve --write DIR" writes DIR/eve.json, one record of every
 * type, for tests/integration/test_formats.sh to hand to real validators.
 */
#include "harness.h"
#include "event_fixtures.h"
#include "fmt_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "fmt_eve.h"

static struct simclock test_clock;

FMT_TEST_GOLDEN(struct fmt_eve_settings, fmt_eve_render)

static const struct fmt_eve_settings test_plain = {
	.clock = &test_clock,
	.id_seed = 20231108,
};

static const struct fmt_eve_settings test_full = {
	.clock = &test_clock,
	.id_seed = 20231108,
	.in_iface = "ens192",
	.sensor_name = "soc-ids-01",
	.community_id = true,
};

static const struct event_meta test_meta[] = {
	{ "attack_target", "Client_Endpoint" },
	{ "deployment", "Perimeter" },
	{ "attack_target", "Server" },
};

static struct event test_alert(void)
{
	struct event ev = {
		.time = fixture_at(302, 210004),
		.kind = EVENT_ALERT,
		.dir = EVENT_FROM_RESP,
		.conn = fixture_http_conn(),
		.host = -1,
	};

	ev.conn.orig = (struct event_count){ 4, 391, 231 };
	ev.conn.resp = (struct event_count){ 3, 1568, 1448 };
	ev.u.alert.gid = 1;
	ev.u.alert.sid = 2018959;
	ev.u.alert.rev = 4;
	ev.u.alert.signature = "ET POLICY PE EXE or DLL Windows file download HTTP";
	ev.u.alert.category = "Potential Corporate Privacy Violation";
	ev.u.alert.severity = 1;
	ev.u.alert.tx_id = 0;
	ev.u.alert.metadata = test_meta;
	ev.u.alert.n_metadata = 3;
	ev.u.alert.http = &fixture_http_tx;
	return ev;
}

/* The TLS session with the certificate details EVE logs. */
static struct event test_tls(void)
{
	struct event ev = fixture_tls();
	struct event_tls *t = &ev.u.tls;

	t->subject = "CN=api.tailieu-hanhchinh.com, O=Let's Encrypt";
	t->issuer = "CN=api.tailieu-hanhchinh.com, O=Let's Encrypt";
	t->serial = "4F:1A:00:9C";
	t->fingerprint = "7b:b6:98:38:69:70:36:3d:29:19:cc:57:72:84:69:84:ff:d4:a8:89";
	t->ja3 = "e7d705a3286e19ea42f587b344ee6865";
	t->ja3_string = "771,4865-4866-4867,0-23-65281,29-23-24,0";
	return ev;
}

static struct event test_anomaly(void)
{
	struct event ev = {
		.time = fixture_at(401, 7),
		.kind = EVENT_ANOMALY,
		.dir = EVENT_FROM_ORIG,
		.host = -1,
		.conn = {
			.serial = 4,
			.start = fixture_at(400, 999990),
			.orig_ip = fixture_ip("10.20.5.23"),
			.resp_ip = fixture_ip("185.220.101.47"),
			.orig_port = 49740,
			.resp_port = 8443,
			.proto = NET_PROTO_TCP,
			.app = EVENT_APP_NONE,
		},
	};

	ev.u.anomaly.type = EVENT_ANOMALY_APPLAYER;
	ev.u.anomaly.event = "APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION";
	ev.u.anomaly.layer = "proto_detect";
	ev.u.anomaly.tx_id = EVENT_NO_TX;
	return ev;
}

/* A ping sweep probe that nobody answers. */
static struct event test_icmp_alert(void)
{
	struct event ev = {
		.time = fixture_at(500, 0),
		.kind = EVENT_ALERT,
		.dir = EVENT_FROM_ORIG,
		.host = -1,
		.conn = {
			.serial = 5,
			.start = fixture_at(500, 0),
			.orig_ip = fixture_ip("10.20.5.23"),
			.resp_ip = fixture_ip("10.20.5.1"),
			.orig_port = 8,
			.resp_port = 0,
			.proto = NET_PROTO_ICMP,
			.orig = { 1, 84, 56 },
		},
	};

	ev.u.alert.gid = 1;
	ev.u.alert.sid = 2100384;
	ev.u.alert.rev = 5;
	ev.u.alert.signature = "GPL ICMP_INFO PING";
	ev.u.alert.category = "Misc activity";
	ev.u.alert.severity = 3;
	ev.u.alert.tx_id = EVENT_NO_TX;
	return ev;
}

TEST(eve_dns_request)
{
	check_line(&test_plain, fixture_dns_query(),
		   "{\"timestamp\":\"2023-11-08T09:05:02.123456+0700\","
		   "\"flow_id\":1937618318663697,\"event_type\":\"dns\","
		   "\"src_ip\":\"10.20.5.23\",\"src_port\":51234,\"dest_ip\":\"10.1.0.53\","
		   "\"dest_port\":53,\"proto\":\"UDP\",\"ip_v\":4,\"pkt_src\":\"wire/pcap\","
		   "\"dns\":{\"version\":3,\"type\":\"request\",\"tx_id\":0,\"id\":36146,"
		   "\"flags\":\"100\",\"rd\":true,\"opcode\":0,\"rcode\":\"NOERROR\","
		   "\"queries\":[{\"rrname\":\"cdn.tailieu-hanhchinh.com\","
		   "\"rrtype\":\"A\"}]}}\n");
}

/* The suricata-verify dns-udp-eve-dig expectations: version 3, type
 * "response", queries[], answers[], grouped, hex flags without padding. */
TEST(eve_dns_response)
{
	check_line(&test_plain, fixture_dns_response(),
		   "{\"timestamp\":\"2023-11-08T09:05:02.125299+0700\","
		   "\"flow_id\":1937618318663697,\"event_type\":\"dns\","
		   "\"src_ip\":\"10.1.0.53\",\"src_port\":53,\"dest_ip\":\"10.20.5.23\","
		   "\"dest_port\":51234,\"proto\":\"UDP\",\"ip_v\":4,"
		   "\"pkt_src\":\"wire/pcap\",\"dns\":{\"version\":3,\"type\":\"response\","
		   "\"tx_id\":0,\"id\":36146,\"flags\":\"8180\",\"qr\":true,\"rd\":true,"
		   "\"ra\":true,\"opcode\":0,\"rcode\":\"NOERROR\",\"queries\":[{"
		   "\"rrname\":\"cdn.tailieu-hanhchinh.com\",\"rrtype\":\"A\"}],"
		   "\"answers\":[{\"rrname\":\"cdn.tailieu-hanhchinh.com\","
		   "\"rrtype\":\"CNAME\",\"ttl\":300,"
		   "\"rdata\":\"tailieu-hanhchinh.b-cdn.net\"},{"
		   "\"rrname\":\"tailieu-hanhchinh.b-cdn.net\",\"rrtype\":\"A\",\"ttl\":60,"
		   "\"rdata\":\"185.220.101.47\"}],\"grouped\":{\"CNAME\":["
		   "\"tailieu-hanhchinh.b-cdn.net\"],\"A\":[\"185.220.101.47\"]}}}\n");
}

/* Record types: only text types carry rdata and are grouped, in order
 * of first appearance; SOA keeps name, type and TTL; a type without a
 * name is its number. */
static const struct event_dns_rr test_mixed[] = {
	{ "ubnd.binhduong.gov.vn", EVENT_DNS_MX, 3600, "mail.binhduong.gov.vn" },
	{ "ubnd.binhduong.gov.vn", EVENT_DNS_TXT, 3600, "v=spf1 mx -all" },
	{ "ubnd.binhduong.gov.vn", EVENT_DNS_SOA, 60, "ignored" },
	{ "ubnd.binhduong.gov.vn", 99, 60, "ignored too" },
	{ "ubnd.binhduong.gov.vn", EVENT_DNS_MX, 3600, "mx2.binhduong.gov.vn" },
};

static struct event test_dns_mixed(void)
{
	struct event ev = fixture_dns_response();

	ev.u.dns.query = "ubnd.binhduong.gov.vn";
	ev.u.dns.qtype = EVENT_DNS_ANY;
	ev.u.dns.aa = true;
	ev.u.dns.answers = test_mixed;
	ev.u.dns.n_answers = 5;
	return ev;
}

TEST(eve_dns_record_types)
{
	struct strbuf out;

	CHECK_INT(render(&test_plain, test_dns_mixed(), &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       "\"flags\":\"8580\",\"qr\":true,\"aa\":true,\"rd\":true,"
		       "\"ra\":true,\"opcode\":0,\"rcode\":\"NOERROR\","
		       "\"queries\":[{\"rrname\":\"ubnd.binhduong.gov.vn\","
		       "\"rrtype\":\"ANY\"}]");
	CHECK_CONTAINS(strbuf_str(&out),
		       "{\"rrname\":\"ubnd.binhduong.gov.vn\",\"rrtype\":\"SOA\","
		       "\"ttl\":60},{\"rrname\":\"ubnd.binhduong.gov.vn\","
		       "\"rrtype\":\"99\",\"ttl\":60},");
	CHECK_CONTAINS(strbuf_str(&out),
		       "\"grouped\":{\"MX\":[\"mail.binhduong.gov.vn\","
		       "\"mx2.binhduong.gov.vn\"],\"TXT\":[\"v=spf1 mx -all\"]}}");
	strbuf_free(&out);
}

/* src is the client whatever packet completed the transaction, tx_id
 * before the http object, Content-Type parameters cut, HTTP/ prefixed. */
TEST(eve_http)
{
	check_line(&test_plain, fixture_http(),
		   "{\"timestamp\":\"2023-11-08T09:05:02.498765+0700\","
		   "\"flow_id\":1965776347487082,\"event_type\":\"http\","
		   "\"src_ip\":\"10.20.5.23\",\"src_port\":49732,"
		   "\"dest_ip\":\"185.220.101.47\",\"dest_port\":80,\"proto\":\"TCP\","
		   "\"ip_v\":4,\"pkt_src\":\"wire/pcap\",\"tx_id\":0,\"http\":{"
		   "\"hostname\":\"cdn.tailieu-hanhchinh.com\","
		   "\"url\":\"/tailieu/QD-1234-UBND.doc.exe?id=7\","
		   "\"http_user_agent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\","
		   "\"http_content_type\":\"application/x-msdownload\","
		   "\"http_method\":\"GET\",\"protocol\":\"HTTP/1.1\",\"status\":200,"
		   "\"length\":482304}}\n");
}

/* Packet direction (server to client here), the alert object with
 * grouped rule metadata, the app-layer record, app_proto, direction and
 * the flow object oriented initiator first. */
TEST(eve_alert)
{
	check_line(&test_plain, test_alert(),
		   "{\"timestamp\":\"2023-11-08T09:05:02.210004+0700\","
		   "\"flow_id\":1965776347487082,\"event_type\":\"alert\","
		   "\"src_ip\":\"185.220.101.47\",\"src_port\":80,"
		   "\"dest_ip\":\"10.20.5.23\",\"dest_port\":49732,\"proto\":\"TCP\","
		   "\"ip_v\":4,\"pkt_src\":\"wire/pcap\",\"tx_id\":0,\"alert\":{"
		   "\"action\":\"allowed\",\"gid\":1,\"signature_id\":2018959,\"rev\":4,"
		   "\"signature\":\"ET POLICY PE EXE or DLL Windows file download HTTP\","
		   "\"category\":\"Potential Corporate Privacy Violation\",\"severity\":1,"
		   "\"metadata\":{\"attack_target\":[\"Client_Endpoint\",\"Server\"],"
		   "\"deployment\":[\"Perimeter\"]}},\"http\":{"
		   "\"hostname\":\"cdn.tailieu-hanhchinh.com\","
		   "\"url\":\"/tailieu/QD-1234-UBND.doc.exe?id=7\","
		   "\"http_user_agent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\","
		   "\"http_content_type\":\"application/x-msdownload\","
		   "\"http_method\":\"GET\",\"protocol\":\"HTTP/1.1\",\"status\":200,"
		   "\"length\":482304},\"app_proto\":\"http\",\"direction\":\"to_client\","
		   "\"flow\":{\"pkts_toserver\":4,\"pkts_toclient\":3,"
		   "\"bytes_toserver\":447,\"bytes_toclient\":1610,"
		   "\"start\":\"2023-11-08T09:05:02.130012+0700\",\"src_ip\":\"10.20.5.23\","
		   "\"dest_ip\":\"185.220.101.47\",\"src_port\":49732,\"dest_port\":80}}\n");
}

/* Named after the URL path, query dropped; hashes inside CLOSED. */
TEST(eve_fileinfo)
{
	check_line(&test_plain, fixture_file(),
		   "{\"timestamp\":\"2023-11-08T09:05:02.498765+0700\","
		   "\"flow_id\":1965776347487082,\"event_type\":\"fileinfo\","
		   "\"src_ip\":\"185.220.101.47\",\"src_port\":80,"
		   "\"dest_ip\":\"10.20.5.23\",\"dest_port\":49732,\"proto\":\"TCP\","
		   "\"ip_v\":4,\"pkt_src\":\"wire/pcap\",\"http\":{"
		   "\"hostname\":\"cdn.tailieu-hanhchinh.com\","
		   "\"url\":\"/tailieu/QD-1234-UBND.doc.exe?id=7\","
		   "\"http_user_agent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\","
		   "\"http_content_type\":\"application/x-msdownload\","
		   "\"http_method\":\"GET\",\"protocol\":\"HTTP/1.1\",\"status\":200,"
		   "\"length\":482304},\"app_proto\":\"http\",\"fileinfo\":{"
		   "\"filename\":\"/tailieu/QD-1234-UBND.doc.exe\",\"gaps\":false,"
		   "\"state\":\"CLOSED\",\"md5\":\"5d41402abc4b2a76b9719d911017c592\","
		   "\"sha1\":\"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d\","
		   "\"sha256\":\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\","
		   "\"stored\":false,\"size\":482304,\"tx_id\":0}}\n");
}

/* Certificate dates without fraction or zone; JA3 as an object. */
TEST(eve_tls)
{
	check_line(&test_plain, test_tls(),
		   "{\"timestamp\":\"2023-11-08T09:05:30.080250+0700\","
		   "\"flow_id\":563379480166453,\"event_type\":\"tls\","
		   "\"src_ip\":\"10.20.5.23\",\"src_port\":49733,"
		   "\"dest_ip\":\"185.220.101.47\",\"dest_port\":443,\"proto\":\"TCP\","
		   "\"ip_v\":4,\"pkt_src\":\"wire/pcap\",\"tls\":{"
		   "\"subject\":\"CN=api.tailieu-hanhchinh.com, O=Let's Encrypt\","
		   "\"issuerdn\":\"CN=api.tailieu-hanhchinh.com, O=Let's Encrypt\","
		   "\"serial\":\"4F:1A:00:9C\","
		   "\"fingerprint\":\"7b:b6:98:38:69:70:36:3d:29:19:cc:57:72:84:69:84:ff:d4:a8:89\","
		   "\"sni\":\"api.tailieu-hanhchinh.com\",\"version\":\"TLS 1.2\","
		   "\"notbefore\":\"2023-11-01T00:00:00\","
		   "\"notafter\":\"2024-02-01T00:00:00\",\"ja3\":{"
		   "\"hash\":\"e7d705a3286e19ea42f587b344ee6865\",\"string\":\"771,"
		   "4865-4866-4867,0-23-65281,29-23-24,0\"}}}\n");
}

/* TLS 1.3 hides the certificate: only what the client sent is left. */
TEST(eve_tls13_without_certificate)
{
	struct event ev = test_tls();

	ev.u.tls.version = EVENT_TLS_1_3;
	ev.u.tls.subject = NULL;
	ev.u.tls.ja3 = NULL;
	ev.u.tls.ja3_string = NULL;
	check_line(&test_plain, ev,
		   "{\"timestamp\":\"2023-11-08T09:05:30.080250+0700\","
		   "\"flow_id\":563379480166453,\"event_type\":\"tls\","
		   "\"src_ip\":\"10.20.5.23\",\"src_port\":49733,"
		   "\"dest_ip\":\"185.220.101.47\",\"dest_port\":443,"
		   "\"proto\":\"TCP\",\"ip_v\":4,\"pkt_src\":\"wire/pcap\","
		   "\"tls\":{\"sni\":\"api.tailieu-hanhchinh.com\","
		   "\"version\":\"TLS 1.3\"}}\n");
}

/* An application-layer anomaly with no protocol identified yet. */
TEST(eve_anomaly)
{
	check_line(&test_plain, test_anomaly(),
		   "{\"timestamp\":\"2023-11-08T09:06:41.000007+0700\","
		   "\"flow_id\":72801302858405,\"event_type\":\"anomaly\","
		   "\"src_ip\":\"10.20.5.23\",\"src_port\":49740,"
		   "\"dest_ip\":\"185.220.101.47\",\"dest_port\":8443,\"proto\":\"TCP\","
		   "\"ip_v\":4,\"pkt_src\":\"wire/pcap\",\"anomaly\":{\"type\":\"applayer\","
		   "\"event\":\"APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION\","
		   "\"layer\":\"proto_detect\"}}\n");
}

/* A decoder anomaly belongs to no flow: no flow_id, and no
 * community_id even when it is enabled. */
TEST(eve_decode_anomaly_without_flow)
{
	struct event ev = test_anomaly();
	struct strbuf out;

	ev.conn.serial = 0;
	ev.u.anomaly.type = EVENT_ANOMALY_DECODE;
	ev.u.anomaly.event = "decoder.ipv4.trunc_pkt";
	CHECK_INT(render(&test_full, ev, &out), EVENT_RENDERED);
	CHECK(strstr(strbuf_str(&out), "flow_id") == NULL);
	CHECK(strstr(strbuf_str(&out), "community_id") == NULL);
	CHECK_CONTAINS(strbuf_str(&out),
		       "\"anomaly\":{\"type\":\"decode\","
		       "\"event\":\"decoder.ipv4.trunc_pkt\"}");
	strbuf_free(&out);
}

/* The flow header differs from the packet one: no pkt_src, ip_v before
 * proto; UDP has no tcp object. */
TEST(eve_flow_udp)
{
	check_line(&test_plain, fixture_dns_flow(),
		   "{\"timestamp\":\"2023-11-08T09:05:32.125299+0700\","
		   "\"flow_id\":1937618318663697,\"event_type\":\"flow\","
		   "\"src_ip\":\"10.20.5.23\",\"src_port\":51234,\"dest_ip\":\"10.1.0.53\","
		   "\"dest_port\":53,\"ip_v\":4,\"proto\":\"UDP\",\"app_proto\":\"dns\","
		   "\"flow\":{\"pkts_toserver\":1,\"pkts_toclient\":1,\"bytes_toserver\":85,"
		   "\"bytes_toclient\":133,\"start\":\"2023-11-08T09:05:02.123456+0700\","
		   "\"end\":\"2023-11-08T09:05:02.125299+0700\",\"age\":0,"
		   "\"state\":\"established\",\"reason\":\"timeout\",\"alerted\":false}}\n");
}

TEST(eve_flow_tcp)
{
	check_line(&test_plain, fixture_http_flow(),
		   "{\"timestamp\":\"2023-11-08T09:06:02.512000+0700\","
		   "\"flow_id\":1965776347487082,\"event_type\":\"flow\","
		   "\"src_ip\":\"10.20.5.23\",\"src_port\":49732,"
		   "\"dest_ip\":\"185.220.101.47\",\"dest_port\":80,\"ip_v\":4,"
		   "\"proto\":\"TCP\",\"app_proto\":\"http\",\"flow\":{"
		   "\"pkts_toserver\":170,\"pkts_toclient\":336,\"bytes_toserver\":9411,"
		   "\"bytes_toclient\":500800,\"start\":\"2023-11-08T09:05:02.130012+0700\","
		   "\"end\":\"2023-11-08T09:05:02.512000+0700\",\"age\":0,"
		   "\"state\":\"closed\",\"reason\":\"timeout\",\"alerted\":true},\"tcp\":{"
		   "\"tcp_flags\":\"1b\",\"tcp_flags_ts\":\"1b\",\"tcp_flags_tc\":\"1b\","
		   "\"syn\":true,\"fin\":true,\"psh\":true,\"ack\":true,"
		   "\"state\":\"closed\",\"ts_max_regions\":1,\"tc_max_regions\":1}}\n");
}

/* ICMP: no ports anywhere, type and code after ip_v. */
TEST(eve_icmp_alert)
{
	check_line(&test_plain, test_icmp_alert(),
		   "{\"timestamp\":\"2023-11-08T09:08:20.000000+0700\","
		   "\"flow_id\":1125901761988789,\"event_type\":\"alert\","
		   "\"src_ip\":\"10.20.5.23\",\"dest_ip\":\"10.20.5.1\",\"proto\":\"ICMP\","
		   "\"ip_v\":4,\"icmp_type\":8,\"icmp_code\":0,\"pkt_src\":\"wire/pcap\","
		   "\"alert\":{\"action\":\"allowed\",\"gid\":1,\"signature_id\":2100384,"
		   "\"rev\":5,\"signature\":\"GPL ICMP_INFO PING\","
		   "\"category\":\"Misc activity\",\"severity\":3},"
		   "\"direction\":\"to_server\",\"flow\":{\"pkts_toserver\":1,"
		   "\"pkts_toclient\":0,\"bytes_toserver\":98,\"bytes_toclient\":0,"
		   "\"start\":\"2023-11-08T09:08:20.000000+0700\",\"src_ip\":\"10.20.5.23\","
		   "\"dest_ip\":\"10.20.5.1\"}}\n");
}

/* in_iface right after flow_id, community_id after pkt_src on packet
 * records and after the flow object on flow records, host last. */
TEST(eve_optional_settings)
{
	check_line(&test_full, fixture_http(),
		   "{\"timestamp\":\"2023-11-08T09:05:02.498765+0700\","
		   "\"flow_id\":1965776347487082,\"in_iface\":\"ens192\","
		   "\"event_type\":\"http\",\"src_ip\":\"10.20.5.23\",\"src_port\":49732,"
		   "\"dest_ip\":\"185.220.101.47\",\"dest_port\":80,\"proto\":\"TCP\","
		   "\"ip_v\":4,\"pkt_src\":\"wire/pcap\","
		   "\"community_id\":\"1:p7JIngmW/4ATxMzrrwkJgY0AUgQ=\",\"tx_id\":0,"
		   "\"http\":{\"hostname\":\"cdn.tailieu-hanhchinh.com\","
		   "\"url\":\"/tailieu/QD-1234-UBND.doc.exe?id=7\","
		   "\"http_user_agent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\","
		   "\"http_content_type\":\"application/x-msdownload\","
		   "\"http_method\":\"GET\",\"protocol\":\"HTTP/1.1\",\"status\":200,"
		   "\"length\":482304},\"host\":\"soc-ids-01\"}\n");
	check_line(&test_full, fixture_dns_flow(),
		   "{\"timestamp\":\"2023-11-08T09:05:32.125299+0700\","
		   "\"flow_id\":1937618318663697,\"in_iface\":\"ens192\","
		   "\"event_type\":\"flow\",\"src_ip\":\"10.20.5.23\",\"src_port\":51234,"
		   "\"dest_ip\":\"10.1.0.53\",\"dest_port\":53,\"ip_v\":4,\"proto\":\"UDP\","
		   "\"app_proto\":\"dns\",\"flow\":{\"pkts_toserver\":1,\"pkts_toclient\":1,"
		   "\"bytes_toserver\":85,\"bytes_toclient\":133,"
		   "\"start\":\"2023-11-08T09:05:02.123456+0700\","
		   "\"end\":\"2023-11-08T09:05:02.125299+0700\",\"age\":0,"
		   "\"state\":\"established\",\"reason\":\"timeout\",\"alerted\":false},"
		   "\"community_id\":\"1:wwqddU5TQszSrSIo4fXWJ6kOOb4=\","
		   "\"host\":\"soc-ids-01\"}\n");
}

/* The top-level keys of a line, in order, joined by spaces. */
static void top_keys(const char *line, struct strbuf *keys)
{
	int depth = 0;
	const char *p;

	strbuf_init(keys);
	for (p = line; *p != '\0'; p++) {
		if (*p == '"') {
			const char *start = ++p;

			while (*p != '"') {
				if (*p == '\\')
					p++;
				p++;
			}
			if (depth == 1 && p[1] == ':') {
				if (keys->len > 0)
					strbuf_addc(keys, ' ');
				strbuf_add(keys, start, (size_t)(p - start));
			}
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			depth--;
		}
	}
}

static void check_keys(struct event ev, const char *want)
{
	struct strbuf out, keys;

	CHECK_INT(render(&test_full, ev, &out), EVENT_RENDERED);
	top_keys(strbuf_str(&out), &keys);
	CHECK_STR(strbuf_str(&keys), want);
	strbuf_free(&keys);
	strbuf_free(&out);
}

/* The order of CreateEveHeader and each logger in Suricata 8.0, with
 * every optional setting on. */
TEST(eve_key_order)
{
	check_keys(test_alert(),
		   "timestamp flow_id in_iface event_type src_ip src_port "
		   "dest_ip dest_port proto ip_v pkt_src community_id tx_id "
		   "alert http app_proto direction flow host");
	check_keys(test_icmp_alert(),
		   "timestamp flow_id in_iface event_type src_ip dest_ip proto "
		   "ip_v icmp_type icmp_code pkt_src community_id alert "
		   "direction flow host");
	check_keys(fixture_dns_response(),
		   "timestamp flow_id in_iface event_type src_ip src_port "
		   "dest_ip dest_port proto ip_v pkt_src community_id dns host");
	check_keys(fixture_http(),
		   "timestamp flow_id in_iface event_type src_ip src_port "
		   "dest_ip dest_port proto ip_v pkt_src community_id tx_id "
		   "http host");
	check_keys(test_tls(),
		   "timestamp flow_id in_iface event_type src_ip src_port "
		   "dest_ip dest_port proto ip_v pkt_src community_id tls host");
	check_keys(fixture_file(),
		   "timestamp flow_id in_iface event_type src_ip src_port "
		   "dest_ip dest_port proto ip_v pkt_src community_id http "
		   "app_proto fileinfo host");
	check_keys(test_anomaly(),
		   "timestamp flow_id in_iface event_type src_ip src_port "
		   "dest_ip dest_port proto ip_v pkt_src community_id anomaly "
		   "host");
	check_keys(fixture_http_flow(),
		   "timestamp flow_id in_iface event_type src_ip src_port "
		   "dest_ip dest_port ip_v proto app_proto flow community_id "
		   "tcp host");
}

/*
 * Hostile text: quotes, backslashes (a Windows path), newline, TAB,
 * control bytes and DEL, '/', Vietnamese.  JsonBuilder escapes the first
 * five, writes \u00xx for other control bytes and passes DEL, '/' and
 * UTF-8 through.
 */
TEST(eve_escaping)
{
	struct event ev = test_alert();
	struct strbuf out;

	ev.u.alert.signature = "Tải \"QĐ-1234\" C:\\Users\\canbo\n\tx\x01\x1f\x7f/";
	ev.u.alert.category = "Phát hiện mã độc";
	CHECK_INT(render(&test_plain, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       "\"signature\":\"Tải \\\"QĐ-1234\\\" "
		       "C:\\\\Users\\\\canbo\\n\\tx\\u0001\\u001f\x7f/\","
		       "\"category\":\"Phát hiện mã độc\"");
	CHECK(strchr(strbuf_str(&out), '\n') == strbuf_str(&out) + out.len - 1);
	strbuf_free(&out);
}

/* Zero-length text: a rule without msg or classification keeps both
 * keys, empty; an HTTP field with no bytes is left out, as Suricata
 * leaves out what it has no bytes for. */
TEST(eve_empty_values)
{
	struct event ev = test_alert();
	struct event_http http = *ev.u.alert.http;
	struct strbuf out;

	ev.u.alert.signature = "";
	ev.u.alert.category = "";
	http.user_agent = "";
	ev.u.alert.http = &http;
	CHECK_INT(render(&test_plain, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "\"signature\":\"\",\"category\":\"\",");
	CHECK(strstr(strbuf_str(&out), "http_user_agent") == NULL);
	strbuf_free(&out);
}

/* Bytes that are not UTF-8 are written as Suricata writes raw protocol
 * bytes: the whole value, valid characters included, goes through \xNN. */
TEST(eve_escaping_invalid_utf8)
{
	struct event ev = fixture_http();
	struct strbuf out;

	ev.u.http.user_agent = "Đ\xff\"x";
	ev.u.http.uri = "/\xc0\xaf..";
	CHECK_INT(render(&test_plain, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "\"url\":\"/\\\\xc0\\\\xaf..\"");
	CHECK_CONTAINS(strbuf_str(&out),
		       "\"http_user_agent\":\"\\\\xc4\\\\x90\\\\xff\\\"x\"");
	strbuf_free(&out);
}

/* The "flow_id":N of a line, 0 if none. */
static unsigned long long flow_id_of(struct event ev)
{
	struct strbuf out;
	const char *p;
	unsigned long long id = 0;

	if (render(&test_full, ev, &out) == EVENT_RENDERED) {
		p = strstr(strbuf_str(&out), "\"flow_id\":");
		if (p != NULL)
			id = strtoull(p + 10, NULL, 10);
	}
	strbuf_free(&out);
	return id;
}

/* Every record of one connection carries one flow_id, whatever its type,
 * direction or time; other connections get others. */
TEST(eve_flow_id_shared_by_a_flow)
{
	struct event_conn conn = fixture_http_conn();
	unsigned long long id = flow_id_of(fixture_http());
	uint64_t secs = (uint64_t)(FIXTURE_EPOCH_US / SIM_SECOND + 302);
	uint64_t want_high = (secs & 7) << 48 | (UINT64_C(130012) & 0xffff) << 32;

	CHECK(id != 0);
	CHECK(id < (1ULL << 51));
	CHECK_INT(id >> 32 << 32, want_high);
	CHECK_INT(id, fmt_eve_flow_id(&test_full, &conn));
	CHECK_INT(flow_id_of(test_alert()), id);
	CHECK_INT(flow_id_of(fixture_file()), id);
	CHECK_INT(flow_id_of(fixture_http_flow()), id);
	CHECK_INT(flow_id_of(fixture_dns_query()), flow_id_of(fixture_dns_response()));
	CHECK_INT(flow_id_of(fixture_dns_query()), flow_id_of(fixture_dns_flow()));
	CHECK(flow_id_of(fixture_dns_query()) != id);
	CHECK(flow_id_of(test_tls()) != id);
}

/* A different id seed (another sensor, another drill) gives other
 * flow_ids but the same Community ID. */
TEST(eve_seed_changes_flow_id_not_community_id)
{
	struct fmt_eve_settings other = test_full;
	struct event_conn conn = fixture_http_conn();
	struct strbuf a, b;
	char cid[EVENT_COMMUNITY_ID_SIZE];

	other.id_seed++;
	CHECK(fmt_eve_flow_id(&other, &conn) != fmt_eve_flow_id(&test_full, &conn));
	event_community_id(&conn, 0, cid);
	CHECK_INT(render(&test_full, fixture_http(), &a), EVENT_RENDERED);
	CHECK_INT(render(&other, fixture_http(), &b), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&a), cid);
	CHECK_CONTAINS(strbuf_str(&b), cid);
	strbuf_free(&a);
	strbuf_free(&b);
}

/* IPv6 as Suricata writes it: every address fully expanded, ip_v 6; an
 * alert from the server names it as src. */
TEST(eve_ipv6)
{
	check_line(&test_plain, fixture_v6(test_alert(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER),
		   "{\"timestamp\":\"2023-11-08T09:05:02.210004+0700\","
		   "\"flow_id\":1965776347487082,\"event_type\":\"alert\","
		   "\"src_ip\":\"2001:0db8:85a3:0000:0000:8a2e:0370:7334\",\"src_port\":80,"
		   "\"dest_ip\":\"fd00:0010:0020:0005:0000:0000:0000:0023\",\"dest_port\":49732,"
		   "\"proto\":\"TCP\",\"ip_v\":6,\"pkt_src\":\"wire/pcap\",\"tx_id\":0,\"alert\":{"
		   "\"action\":\"allowed\",\"gid\":1,\"signature_id\":2018959,\"rev\":4,"
		   "\"signature\":\"ET POLICY PE EXE or DLL Windows file download HTTP\","
		   "\"category\":\"Potential Corporate Privacy Violation\",\"severity\":1,"
		   "\"metadata\":{\"attack_target\":[\"Client_Endpoint\",\"Server\"],"
		   "\"deployment\":[\"Perimeter\"]}},\"http\":{"
		   "\"hostname\":\"cdn.tailieu-hanhchinh.com\","
		   "\"url\":\"/tailieu/QD-1234-UBND.doc.exe?id=7\","
		   "\"http_user_agent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\","
		   "\"http_content_type\":\"application/x-msdownload\","
		   "\"http_method\":\"GET\",\"protocol\":\"HTTP/1.1\",\"status\":200,"
		   "\"length\":482304},\"app_proto\":\"http\",\"direction\":\"to_client\","
		   "\"flow\":{\"pkts_toserver\":4,\"pkts_toclient\":3,"
		   "\"bytes_toserver\":447,\"bytes_toclient\":1610,"
		   "\"start\":\"2023-11-08T09:05:02.130012+0700\","
		   "\"src_ip\":\"fd00:0010:0020:0005:0000:0000:0000:0023\","
		   "\"dest_ip\":\"2001:0db8:85a3:0000:0000:8a2e:0370:7334\","
		   "\"src_port\":49732,\"dest_port\":80}}\n");
	check_line(&test_full, fixture_v6(fixture_dns_flow(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER),
		   "{\"timestamp\":\"2023-11-08T09:05:32.125299+0700\","
		   "\"flow_id\":1937618318663697,\"in_iface\":\"ens192\",\"event_type\":\"flow\","
		   "\"src_ip\":\"fd00:0010:0020:0005:0000:0000:0000:0023\",\"src_port\":51234,"
		   "\"dest_ip\":\"2001:0db8:85a3:0000:0000:8a2e:0370:7334\",\"dest_port\":53,"
		   "\"ip_v\":6,\"proto\":\"UDP\",\"app_proto\":\"dns\",\"flow\":{"
		   "\"pkts_toserver\":1,\"pkts_toclient\":1,\"bytes_toserver\":85,"
		   "\"bytes_toclient\":133,\"start\":\"2023-11-08T09:05:02.123456+0700\","
		   "\"end\":\"2023-11-08T09:05:02.125299+0700\",\"age\":0,"
		   "\"state\":\"established\",\"reason\":\"timeout\",\"alerted\":false},"
		   "\"community_id\":\"1:NW9r0a3fmLtBt9WS7peNR5h/0eE=\",\"host\":\"soc-ids-01\"}\n");
}

/* The Community ID of IPv6 flows, from the spec's own baseline
 * (corelight/community-id-spec, baseline_deflt.json). */
TEST(eve_community_id_ipv6)
{
	static const struct {
		uint8_t proto;
		const char *src, *dst;
		uint16_t sp, dp;
		const char *want;
	} cases[] = {
		{ NET_PROTO_TCP, "2001:470:e5bf:dead:4957:2174:e82c:4887", "2607:f8b0:400c:c03::1a",
		  63943, 25, "1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=" },
		{ NET_PROTO_TCP, "2607:f8b0:400c:c03::1a", "2001:470:e5bf:dead:4957:2174:e82c:4887",
		  25, 63943, "1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=" },
		{ NET_PROTO_ICMP, "3ffe:507:0:1:200:86ff:fe05:80da", "3ffe:501:0:1001::2",
		  128, 129, "1:+TW+HtLHvV1xnGhV1lv7XoJrqQg=" },
		{ NET_PROTO_ICMP, "3ffe:501:0:1001::2", "3ffe:507:0:1:200:86ff:fe05:80da",
		  129, 128, "1:+TW+HtLHvV1xnGhV1lv7XoJrqQg=" },
		{ NET_PROTO_ICMP, "3ffe:501:1800:2345::2", "3ffe:507:0:1:200:86ff:fe05:80da",
		  3, 0, "1:2ObVBgIn28oZvibYZhZMBgh7WdQ=" },
	};
	char id[EVENT_COMMUNITY_ID_SIZE];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct event_conn c = { .serial = 1, .proto = cases[i].proto, .ipv6 = true };

		fixture_ip6(cases[i].src, c.orig_ip6);
		fixture_ip6(cases[i].dst, c.resp_ip6);
		c.orig_port = cases[i].sp;
		c.resp_port = cases[i].dp;
		event_community_id(&c, 0, id);
		CHECK_STR(id, cases[i].want);
	}
}

/* Same record, same bytes; rendering appends and leaves what was there. */
TEST(eve_deterministic_and_appending)
{
	struct strbuf a, b;
	struct event ev = test_alert();

	CHECK_INT(render(&test_full, ev, &a), EVENT_RENDERED);
	strbuf_init(&b);
	strbuf_adds(&b, "previous line\n");
	CHECK_INT(fmt_eve_render(&test_full, &ev, &b), EVENT_RENDERED);
	CHECK_STR(strbuf_str(&b) + strlen("previous line\n"), strbuf_str(&a));
	CHECK_INT(fmt_eve_render(&test_full, &ev, &b), EVENT_RENDERED);
	CHECK_INT(b.len, strlen("previous line\n") + 2 * a.len);
	strbuf_free(&a);
	strbuf_free(&b);
}

/* Kinds with no EVE form, and records that cannot be written, leave the
 * buffer exactly as it was. */
TEST(eve_not_rendered_and_bad)
{
	struct event ev = fixture_http_flow();
	struct strbuf out;

	strbuf_init(&out);
	strbuf_adds(&out, "kept");
	ev.kind = EVENT_NOTICE;
	CHECK_INT(fmt_eve_render(&test_full, &ev, &out), EVENT_NOT_RENDERED);
	ev = fixture_http_flow();
	ev.u.flow.last = ev.conn.start - 1;
	CHECK_INT(fmt_eve_render(&test_full, &ev, &out), EVENT_BAD);
	ev = fixture_http_flow();
	ev.u.flow.last = ev.time + 1;
	CHECK_INT(fmt_eve_render(&test_full, &ev, &out), EVENT_BAD);
	ev = test_alert();
	ev.time = -FIXTURE_EPOCH_US - 1; /* before 1970 */
	CHECK_INT(fmt_eve_render(&test_full, &ev, &out), EVENT_BAD);
	ev = fixture_http();
	ev.conn.start = ev.time + 1;
	CHECK_INT(fmt_eve_render(&test_full, &ev, &out), EVENT_BAD);
	ev = test_tls();
	ev.u.tls.not_after = -1;
	CHECK_INT(fmt_eve_render(&test_full, &ev, &out), EVENT_BAD);
	CHECK_STR(strbuf_str(&out), "kept");
	strbuf_free(&out);
}

/* The records the integration test validates, all settings on, plus the
 * variants the golden lines do not cover. */
static int write_sample(const char *dir)
{
	struct event evs[18];
	struct strbuf out;
	size_t i, n = 0;
	int status = 0;

	evs[n++] = fixture_dns_query();
	evs[n++] = fixture_dns_response();
	evs[n++] = test_dns_mixed();
	evs[n++] = fixture_dns_flow();
	evs[n++] = test_alert();
	evs[n++] = fixture_http();
	evs[n++] = fixture_file();
	evs[n++] = fixture_http_flow();
	evs[n++] = test_tls();
	evs[n] = test_tls();
	evs[n].u.tls.version = EVENT_TLS_1_3;
	evs[n].u.tls.subject = NULL;
	evs[n++].u.tls.ja4 = "t13d1516h2_8daaf6152771_b186095e22b6";
	evs[n++] = test_anomaly();
	evs[n] = test_anomaly();
	evs[n].conn.serial = 0;
	evs[n].u.anomaly.type = EVENT_ANOMALY_DECODE;
	evs[n++].u.anomaly.event = "decoder.ipv4.trunc_pkt";
	evs[n++] = test_icmp_alert();
	evs[n] = test_alert();
	evs[n].u.alert.signature = "Tải \"QĐ-1234\" C:\\Users\\canbo\n\tx\x01\x1f\x7f/";
	evs[n++].u.alert.blocked = true;
	evs[n] = fixture_http();
	evs[n++].u.http.uri = "/\xc0\xaf..";
	evs[n++] = fixture_v6(test_alert(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER);
	evs[n++] = fixture_v6(fixture_dns_flow(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER);

	strbuf_init(&out);
	for (i = 0; i < n; i++) {
		if (fmt_eve_render(&test_full, &evs[i], &out) != EVENT_RENDERED) {
			fprintf(stderr, "test_fmt_eve: record %zu (%s) not rendered\n",
				i, event_kind_name(evs[i].kind));
			status = 1;
		}
	}
	status |= fmt_test_write_file(dir, "eve.json", &out);
	strbuf_free(&out);
	return status;
}

int main(int argc, char **argv)
{
	int status;

	simclock_init(&test_clock, FIXTURE_EPOCH_US);
	status = fmt_test_args(argc, argv, "test_fmt_eve", write_sample);
	if (status >= 0)
		return status;
	RUN(eve_dns_request);
	RUN(eve_dns_response);
	RUN(eve_dns_record_types);
	RUN(eve_http);
	RUN(eve_alert);
	RUN(eve_fileinfo);
	RUN(eve_tls);
	RUN(eve_tls13_without_certificate);
	RUN(eve_anomaly);
	RUN(eve_decode_anomaly_without_flow);
	RUN(eve_flow_udp);
	RUN(eve_flow_tcp);
	RUN(eve_icmp_alert);
	RUN(eve_optional_settings);
	RUN(eve_key_order);
	RUN(eve_escaping);
	RUN(eve_escaping_invalid_utf8);
	RUN(eve_empty_values);
	RUN(eve_flow_id_shared_by_a_flow);
	RUN(eve_seed_changes_flow_id_not_community_id);
	RUN(eve_ipv6);
	RUN(eve_community_id_ipv6);
	RUN(eve_deterministic_and_appending);
	RUN(eve_not_rendered_and_bad);
	return harness_finish();
}
