/*
 * test_fmt_zeek.c - Zeek TSV logs from structured events: header blocks,
 * exact rows for conn, dns, http, ssl, files and notice, cell escaping,
 * uids shared across the logs of one connection, and the cross-sensor
 * contract with fmt_eve (same endpoints and times, same Community ID).
 *
 * The expected headers and rows follow the real Zeek 7.x logs and the
 * upstream baselines in shared/formats/zeek.
 *
 * "test_fmt_zeek --write DIR" writes conn.log, dns.log, http.log,
 * ssl.log, files.log and notice.log into DIR for
 * tests/integration/test_formats.sh to hand to real consumers.
 */
#include "harness.h"
#include "event_fixtures.h"
#include "fmt_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "fmt_eve.h"
#include "fmt_zeek.h"

static struct simclock test_clock;

FMT_TEST_GOLDEN(struct fmt_zeek_settings, fmt_zeek_render)

static const struct fmt_zeek_net test_local[] = {
	{ 0x0a000000, 8 }, /* 10.0.0.0/8, the province's internal space */
};

static const struct fmt_zeek_settings test_zeek = {
	.clock = &test_clock,
	.id_seed = 20231108,
	.local_nets = test_local,
	.n_local_nets = 1,
};

static const struct fmt_zeek_settings test_zeek_cid = {
	.clock = &test_clock,
	.id_seed = 20231108,
	.local_nets = test_local,
	.n_local_nets = 1,
	.community_id = true,
};

static const struct fmt_eve_settings test_eve = {
	.clock = &test_clock,
	.id_seed = 20231108,
	.community_id = true,
};

static const char *const test_chain[] = {
	"bc1431c7426c234dea9027b9de6e2999095c80e9937264eb477b31a448ad710f",
};

/* The TLS session with the certificate details Zeek logs. */
static struct event test_ssl(void)
{
	struct event ev = fixture_tls();

	ev.u.tls.next_protocol = "http/1.1";
	ev.u.tls.cert_chain_fps = test_chain;
	ev.u.tls.n_cert_chain_fps = 1;
	return ev;
}

static struct event test_notice(void)
{
	struct event ev = {
		.time = fixture_at(330, 80250),
		.kind = EVENT_NOTICE,
		.dir = EVENT_FROM_RESP,
		.conn = fixture_tls_conn(),
		.host = -1,
	};

	ev.u.notice.note = "SSL::Invalid_Server_Cert";
	ev.u.notice.msg =
		"SSL certificate validation failed with (self signed certificate)";
	ev.u.notice.sub = "CN=api.tailieu-hanhchinh.com";
	return ev;
}

/* The cells of row, split at TABs, the newline dropped. */
static size_t cells(const char *row, char cell[][96], size_t max)
{
	size_t n = 0, len;

	while (n < max) {
		len = strcspn(row, "\t\n");
		if (len >= 96)
			len = 95;
		memcpy(cell[n], row, len);
		cell[n][len] = '\0';
		n++;
		row += strcspn(row, "\t\n");
		if (*row != '\t')
			break;
		row++;
	}
	return n;
}

TEST(zeek_header)
{
	struct strbuf out;

	strbuf_init(&out);
	CHECK(fmt_zeek_header(&test_zeek, FMT_ZEEK_DNS, fixture_at(0, 999999), &out));
	CHECK_STR(strbuf_str(&out),
		  "#separator \\x09\n"
		  "#set_separator\t,\n"
		  "#empty_field\t(empty)\n"
		  "#unset_field\t-\n"
		  "#path\tdns\n"
		  "#open\t2023-11-08-09-00-00\n"
		  "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\t"
		  "proto\ttrans_id\trtt\tquery\tqclass\tqclass_name\tqtype\t"
		  "qtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\t"
		  "rejected\n"
		  "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\t"
		  "interval\tstring\tcount\tstring\tcount\tstring\tcount\tstring\t"
		  "bool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\t"
		  "bool\n");
	strbuf_reset(&out);
	CHECK(fmt_zeek_close(&test_zeek, fixture_at(3723, 0), &out));
	CHECK_STR(strbuf_str(&out), "#close\t2023-11-08-10-02-03\n");
	strbuf_free(&out);
}

/* Every log's #fields and #types have one column per cell of its rows,
 * and conn.log grows a community_id column only when asked. */
TEST(zeek_columns_match_rows)
{
	struct event evs[] = {
		fixture_http_flow(), fixture_dns_response(), fixture_http(),
		test_ssl(), fixture_file(), test_notice(),
	};
	char cell[40][96];
	struct strbuf head, row;
	enum fmt_zeek_log log;
	const char *fields;
	size_t i, width;

	for (i = 0; i < sizeof evs / sizeof evs[0]; i++) {
		CHECK(fmt_zeek_log_of(&evs[i], &log));
		strbuf_init(&head);
		CHECK(fmt_zeek_header(&test_zeek_cid, log, 0, &head));
		fields = strstr(strbuf_str(&head), "#fields\t");
		CHECK(fields != NULL);
		width = cells(fields + 8, cell, 40);
		CHECK_INT(render(&test_zeek_cid, evs[i], &row), EVENT_RENDERED);
		CHECK_INT(cells(strbuf_str(&row), cell, 40), width);
		strbuf_free(&row);
		strbuf_free(&head);
	}
	CHECK_INT(width, 26);
	strbuf_init(&head);
	CHECK(fmt_zeek_header(&test_zeek_cid, FMT_ZEEK_CONN, 0, &head));
	CHECK_CONTAINS(strbuf_str(&head), "\tip_proto\tcommunity_id\n");
	CHECK_CONTAINS(strbuf_str(&head), "\tset[string]\tcount\tstring\n");
	strbuf_reset(&head);
	CHECK(fmt_zeek_header(&test_zeek, FMT_ZEEK_CONN, 0, &head));
	CHECK_CONTAINS(strbuf_str(&head), "\tip_proto\n#types");
	strbuf_free(&head);
}

/* ts is the start, written when the connection ended; payload bytes
 * and IP bytes side by side; local_orig from Site::local_nets. */
TEST(zeek_conn)
{
	check_line(&test_zeek, fixture_dns_flow(),
		   "1699409102.123456\tCRByRe2OkRArkG6VMl\t10.20.5.23\t51234\t"
		   "10.1.0.53\t53\tudp\tdns\t0.001843\t43\t91\tSF\tT\tT\t0\tDd\t1\t"
		   "71\t1\t119\t-\t17\n");
	check_line(&test_zeek, fixture_http_flow(),
		   "1699409102.130012\tCEnFyu4AmpAZpU70Z4\t10.20.5.23\t49732\t"
		   "185.220.101.47\t80\ttcp\thttp\t0.381988\t231\t482656\tSF\tT\tF\t"
		   "0\tShADadFf\t170\t7031\t336\t496096\t-\t6\n");
}

/* ts is the query's time, one row per answered transaction, answers and
 * TTLs as vectors in answer order. */
TEST(zeek_dns)
{
	struct event query = fixture_dns_query();
	enum fmt_zeek_log log;
	struct strbuf out;

	check_line(&test_zeek, fixture_dns_response(),
		   "1699409102.123456\tCRByRe2OkRArkG6VMl\t10.20.5.23\t51234\t"
		   "10.1.0.53\t53\tudp\t36146\t0.001843\tcdn.tailieu-hanhchinh.com\t"
		   "1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t"
		   "tailieu-hanhchinh.b-cdn.net,185.220.101.47\t300.000000,60.000000\t"
		   "F\n");
	CHECK(!fmt_zeek_log_of(&query, &log));
	CHECK_INT(render(&test_zeek, query, &out), EVENT_NOT_RENDERED);
	CHECK_INT(out.len, 0);
	strbuf_free(&out);
}

/* TXT answers as Zeek's scripts spell them, with the string's length;
 * records without text (SOA) are left out of answers and TTLs. */
TEST(zeek_dns_txt)
{
	static const struct event_dns_rr rrs[] = {
		{ "binhduong.gov.vn", EVENT_DNS_SOA, 900, "ignored" },
		{ "binhduong.gov.vn", EVENT_DNS_TXT, 300, "v=spf1 mx -all" },
	};
	struct event ev = fixture_dns_response();
	char cell[30][96];
	struct strbuf out;

	ev.u.dns.answers = rrs;
	ev.u.dns.n_answers = 2;
	CHECK_INT(render(&test_zeek, ev, &out), EVENT_RENDERED);
	CHECK_INT(cells(strbuf_str(&out), cell, 30), 24);
	CHECK_STR(cell[21], "TXT 14 v=spf1 mx -all");
	CHECK_STR(cell[22], "300.000000");
	strbuf_free(&out);
}

/* An NXDOMAIN answered with the zone's SOA is not "rejected"; a refusal
 * with no records at all is. */
TEST(zeek_dns_failures)
{
	static const struct event_dns_rr soa[] = {
		{ "tailieu-hanhchinh.com", EVENT_DNS_SOA, 900, NULL },
	};
	struct event ev = fixture_dns_response();
	char cell[30][96];
	struct strbuf out;

	ev.u.dns.rcode = EVENT_DNS_NXDOMAIN;
	ev.u.dns.answers = NULL;
	ev.u.dns.n_answers = 0;
	ev.u.dns.authorities = soa;
	ev.u.dns.n_authorities = 1;
	CHECK_INT(render(&test_zeek, ev, &out), EVENT_RENDERED);
	CHECK_INT(cells(strbuf_str(&out), cell, 30), 24);
	CHECK_STR(cell[14], "3");
	CHECK_STR(cell[15], "NXDOMAIN");
	CHECK_STR(cell[21], "-");
	CHECK_STR(cell[22], "-");
	CHECK_STR(cell[23], "F");
	strbuf_free(&out);
	ev.u.dns.rcode = EVENT_DNS_REFUSED;
	ev.u.dns.n_authorities = 0;
	CHECK_INT(render(&test_zeek, ev, &out), EVENT_RENDERED);
	CHECK_INT(cells(strbuf_str(&out), cell, 30), 24);
	CHECK_STR(cell[15], "REFUSED");
	CHECK_STR(cell[23], "T");
	strbuf_free(&out);
}

/* ts is the request's time; the body's fuid and sniffed type. */
TEST(zeek_http)
{
	check_line(&test_zeek, fixture_http(),
		   "1699409102.131500\tCEnFyu4AmpAZpU70Z4\t10.20.5.23\t49732\t"
		   "185.220.101.47\t80\t1\tGET\tcdn.tailieu-hanhchinh.com\t"
		   "/tailieu/QD-1234-UBND.doc.exe?id=7\t-\t1.1\t"
		   "Mozilla/5.0 (Windows NT 10.0; Win64; x64)\t-\t0\t482304\t200\tOK\t"
		   "-\t-\t(empty)\t-\t-\t-\t-\t-\t-\tFfbehPwuiLiaUG1N\t-\t"
		   "application/x-dosexec\n");
}

TEST(zeek_ssl)
{
	check_line(&test_zeek, test_ssl(),
		   "1699409130.080250\tCZjuTY1tIqbGc8GDma\t10.20.5.23\t49733\t"
		   "185.220.101.47\t443\tTLSv12\t"
		   "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\tx25519\t"
		   "api.tailieu-hanhchinh.com\tF\t-\thttp/1.1\tT\tCsxknGIi\t"
		   "bc1431c7426c234dea9027b9de6e2999095c80e9937264eb477b31a448ad710f\t"
		   "(empty)\tT\n");
}

/* ts is the first byte; is_orig F for a download; hashes as analyzers. */
TEST(zeek_files)
{
	check_line(&test_zeek, fixture_file(),
		   "1699409102.210004\tFfbehPwuiLiaUG1N\tCEnFyu4AmpAZpU70Z4\t"
		   "10.20.5.23\t49732\t185.220.101.47\t80\tHTTP\t0\tMD5,SHA1,SHA256\t"
		   "application/x-dosexec\t-\t0.288761\tF\tF\t482304\t482304\t0\t0\t"
		   "F\t-\t5d41402abc4b2a76b9719d911017c592\t"
		   "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d\t"
		   "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\n");
}

TEST(zeek_notice)
{
	check_line(&test_zeek, test_notice(),
		   "1699409130.080250\tCZjuTY1tIqbGc8GDma\t10.20.5.23\t49733\t"
		   "185.220.101.47\t443\t-\t-\t-\ttcp\tSSL::Invalid_Server_Cert\t"
		   "SSL certificate validation failed with (self signed certificate)\t"
		   "CN=api.tailieu-hanhchinh.com\t10.20.5.23\t185.220.101.47\t443\t-\t"
		   "-\tNotice::ACTION_LOG\t(empty)\t3600.000000\t-\t-\t-\t-\t-\n");
}

/* A notice about no connection (CaptureLoss, Intel on an address):
 * every connection column unset, as in shared/formats/zeek/notice-2.log. */
TEST(zeek_notice_without_connection)
{
	struct event ev = test_notice();

	ev.conn.serial = 0;
	ev.u.notice.note = "CaptureLoss::Too_Little_Traffic";
	ev.u.notice.msg = "Only observed 0 TCP ACKs and was expecting at least 1.";
	ev.u.notice.sub = NULL;
	check_line(&test_zeek, ev,
		   "1699409130.080250\t-\t-\t-\t-\t-\t-\t-\t-\t-\t"
		   "CaptureLoss::Too_Little_Traffic\t"
		   "Only observed 0 TCP ACKs and was expecting at least 1.\t"
		   "-\t-\t-\t-\t-\t-\tNotice::ACTION_LOG\t(empty)\t3600.000000\t"
		   "-\t-\t-\t-\t-\n");
}

/* conn_state and history for each way a connection can end. */
static void check_state(uint8_t proto, enum event_flow_state state,
			bool data, const char *conn_state, const char *history)
{
	struct event ev = fixture_http_flow();
	char cell[30][96];
	struct strbuf out;

	ev.conn.proto = proto;
	ev.u.flow.state = state;
	if (!data) {
		ev.conn.orig.payload_bytes = 0;
		ev.conn.resp.payload_bytes = 0;
	}
	if (state == EVENT_FLOW_NO_REPLY)
		ev.conn.resp = (struct event_count){ 0, 0, 0 };
	CHECK_INT(render(&test_zeek, ev, &out), EVENT_RENDERED);
	CHECK_INT(cells(strbuf_str(&out), cell, 30), 22);
	CHECK_STR(cell[11], conn_state);
	CHECK_STR(cell[15], history);
	strbuf_free(&out);
}

TEST(zeek_conn_states)
{
	check_state(NET_PROTO_TCP, EVENT_FLOW_NO_REPLY, false, "S0", "S");
	check_state(NET_PROTO_TCP, EVENT_FLOW_REJECTED, false, "REJ", "Sr");
	check_state(NET_PROTO_TCP, EVENT_FLOW_ESTABLISHED, true, "S1", "ShADad");
	check_state(NET_PROTO_TCP, EVENT_FLOW_CLOSED, false, "SF", "ShAFf");
	check_state(NET_PROTO_TCP, EVENT_FLOW_RESET_BY_ORIG, true, "RSTO", "ShADadR");
	check_state(NET_PROTO_TCP, EVENT_FLOW_RESET_BY_RESP, true, "RSTR", "ShADadr");
	check_state(NET_PROTO_UDP, EVENT_FLOW_NO_REPLY, true, "S0", "D");
	check_state(NET_PROTO_UDP, EVENT_FLOW_CLOSED, true, "SF", "Dd");
	check_state(NET_PROTO_ICMP, EVENT_FLOW_CLOSED, true, "OTH", "-");
}

/* A one-packet connection has no duration, and then Zeek leaves the
 * payload sizes unset too; without local_nets, locality is unknown. */
TEST(zeek_conn_instant_and_no_local_nets)
{
	struct fmt_zeek_settings bare = test_zeek;
	struct event ev = fixture_dns_flow();
	char cell[30][96];
	struct strbuf out;

	bare.local_nets = NULL;
	bare.n_local_nets = 0;
	ev.u.flow.last = ev.conn.start;
	ev.u.flow.state = EVENT_FLOW_NO_REPLY;
	ev.conn.resp = (struct event_count){ 0, 0, 0 };
	CHECK_INT(render(&bare, ev, &out), EVENT_RENDERED);
	CHECK_INT(cells(strbuf_str(&out), cell, 30), 22);
	CHECK_STR(cell[8], "-");
	CHECK_STR(cell[9], "-");
	CHECK_STR(cell[10], "-");
	CHECK_STR(cell[11], "S0");
	CHECK_STR(cell[12], "-");
	CHECK_STR(cell[13], "-");
	strbuf_free(&out);
}

/*
 * The ASCII writer's escaping: TAB and other control bytes as \xNN, a
 * backslash doubled, invalid UTF-8 bytes as \xNN, valid UTF-8 as is; a
 * value that reads like the unset or empty marker escapes its first
 * byte; an empty string is "(empty)"; ',' is escaped only inside sets.
 */
TEST(zeek_escaping)
{
	struct event ev = fixture_http();
	char cell[40][96];
	struct strbuf out;

	ev.u.http.uri = "/a\tb\nc\\d,e\x7f";
	ev.u.http.user_agent = "Trình duyệt \xff";
	ev.u.http.referrer = "-";
	ev.u.http.method = "(empty)";
	ev.u.http.status_msg = "";
	ev.u.http.response_mime = "text/x,y";
	CHECK_INT(render(&test_zeek, ev, &out), EVENT_RENDERED);
	CHECK_INT(cells(strbuf_str(&out), cell, 40), 30);
	CHECK_STR(cell[9], "/a\\x09b\\x0ac\\\\d,e\\x7f");
	CHECK_STR(cell[12], "Trình duyệt \\xff");
	CHECK_STR(cell[10], "\\x2d");
	CHECK_STR(cell[7], "\\x28empty)");
	CHECK_STR(cell[17], "(empty)");
	CHECK_STR(cell[29], "text/x\\x2cy");
	strbuf_free(&out);
}

/* The uid cell of a rendered record. */
static void uid_of(const struct fmt_zeek_settings *s, struct event ev,
		   size_t column, char uid[96])
{
	char cell[40][96];
	struct strbuf out;

	uid[0] = '\0';
	if (render(s, ev, &out) == EVENT_RENDERED &&
	    cells(strbuf_str(&out), cell, 40) > column)
		strcpy(uid, cell[column]);
	strbuf_free(&out);
}

static bool base62(const char *s)
{
	for (; *s != '\0'; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= 'A' && *s <= 'Z')))
			return false;
	return true;
}

/* One uid ties every log row of a connection together: conn and dns;
 * conn, http and files; ssl and notice.  The file's fuid is the one
 * http.log lists in resp_fuids. */
TEST(zeek_uid_shared_across_logs)
{
	char conn[96], other[96], fuid[96];
	char want[FMT_ZEEK_UID_SIZE];

	uid_of(&test_zeek, fixture_dns_flow(), 1, conn);
	CHECK(conn[0] == 'C');
	CHECK(strlen(conn) >= 12 && strlen(conn) <= 18);
	CHECK(base62(conn + 1));
	uid_of(&test_zeek, fixture_dns_response(), 1, other);
	CHECK_STR(other, conn);

	uid_of(&test_zeek, fixture_http_flow(), 1, conn);
	uid_of(&test_zeek, fixture_http(), 1, other);
	CHECK_STR(other, conn);
	uid_of(&test_zeek, fixture_file(), 2, other);
	CHECK_STR(other, conn);
	fmt_zeek_uid(&test_zeek, 'C', 2, want);
	CHECK_STR(conn, want);

	uid_of(&test_zeek, fixture_file(), 1, fuid);
	CHECK(fuid[0] == 'F' && base62(fuid + 1));
	uid_of(&test_zeek, fixture_http(), 27, other);
	CHECK_STR(other, fuid);

	uid_of(&test_zeek, test_ssl(), 1, conn);
	uid_of(&test_zeek, test_notice(), 1, other);
	CHECK_STR(other, conn);
	uid_of(&test_zeek, fixture_dns_flow(), 1, other);
	CHECK(strcmp(other, conn) != 0);
}

/* A "key":"value" or "key":number of an EVE line, unquoted. */
static void eve_field(const char *line, const char *key, char *val, size_t size)
{
	char pattern[64];
	const char *p;
	size_t n;

	snprintf(pattern, sizeof pattern, "\"%s\":", key);
	val[0] = '\0';
	p = strstr(line, pattern);
	if (p == NULL)
		return;
	p += strlen(pattern);
	if (*p == '"')
		p++;
	n = strcspn(p, "\",}");
	if (n >= size)
		n = size - 1;
	memcpy(val, p, n);
	val[n] = '\0';
}

/*
 * One connection seen by both sensors: Zeek's conn row and Suricata's
 * flow record agree on the endpoints, the start (ts and flow.start name
 * the same microsecond), the packet counts and the Community ID; every
 * EVE record of the connection has one flow_id.
 */
TEST(zeek_and_eve_agree_on_a_connection)
{
	struct event flow = fixture_http_flow();
	struct event eve_side[] = { fixture_http(), fixture_file(), fixture_http_flow() };
	char cell[30][96], val[64], flow_id[64], when[SIMCLOCK_ISO_SIZE];
	struct strbuf z, e;
	size_t i;

	CHECK_INT(render(&test_zeek_cid, flow, &z), EVENT_RENDERED);
	CHECK_INT(cells(strbuf_str(&z), cell, 30), 23);
	strbuf_init(&e);
	CHECK_INT(fmt_eve_render(&test_eve, &flow, &e), EVENT_RENDERED);

	eve_field(strbuf_str(&e), "src_ip", val, sizeof val);
	CHECK_STR(val, cell[2]);
	eve_field(strbuf_str(&e), "src_port", val, sizeof val);
	CHECK_STR(val, cell[3]);
	eve_field(strbuf_str(&e), "dest_ip", val, sizeof val);
	CHECK_STR(val, cell[4]);
	eve_field(strbuf_str(&e), "dest_port", val, sizeof val);
	CHECK_STR(val, cell[5]);
	eve_field(strbuf_str(&e), "pkts_toserver", val, sizeof val);
	CHECK_STR(val, cell[16]);
	eve_field(strbuf_str(&e), "pkts_toclient", val, sizeof val);
	CHECK_STR(val, cell[18]);
	eve_field(strbuf_str(&e), "community_id", val, sizeof val);
	CHECK_STR(val, cell[22]);
	CHECK_STR(cell[0], "1699409102.130012");
	CHECK(simclock_format_local(&test_clock, flow.conn.start, when, sizeof when));
	eve_field(strbuf_str(&e), "start", val, sizeof val);
	CHECK_STR(val, when);
	CHECK_STR(when, "2023-11-08T09:05:02.130012+0700");

	eve_field(strbuf_str(&e), "flow_id", flow_id, sizeof flow_id);
	CHECK(flow_id[0] != '\0');
	for (i = 0; i < sizeof eve_side / sizeof eve_side[0]; i++) {
		strbuf_reset(&e);
		CHECK_INT(fmt_eve_render(&test_eve, &eve_side[i], &e), EVENT_RENDERED);
		eve_field(strbuf_str(&e), "flow_id", val, sizeof val);
		CHECK_STR(val, flow_id);
	}
	strbuf_free(&e);
	strbuf_free(&z);
}

/* Same record, same bytes, appended after what was there. */
/* IPv6 as Zeek writes addresses, RFC 5952 text; a unique-local address
 * is local, ip_proto stays the transport's. */
TEST(zeek_ipv6)
{
	check_line(&test_zeek_cid, fixture_v6(fixture_dns_flow(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER),
		   "1699409102.123456\tCRByRe2OkRArkG6VMl\tfd00:10:20:5::23\t51234\t"
		   "2001:db8:85a3::8a2e:370:7334\t53\tudp\tdns\t0.001843\t43\t91\tSF\tT\tF\t"
		   "0\tDd\t1\t71\t1\t119\t-\t17\t1:NW9r0a3fmLtBt9WS7peNR5h/0eE=\n");
	check_line(&test_zeek, fixture_v6(fixture_dns_response(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER),
		   "1699409102.123456\tCRByRe2OkRArkG6VMl\tfd00:10:20:5::23\t51234\t"
		   "2001:db8:85a3::8a2e:370:7334\t53\tudp\t36146\t0.001843\t"
		   "cdn.tailieu-hanhchinh.com\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t"
		   "tailieu-hanhchinh.b-cdn.net,185.220.101.47\t300.000000,60.000000\tF\n");
}

TEST(zeek_deterministic_and_appending)
{
	struct event ev = fixture_file();
	struct strbuf a, b;

	CHECK_INT(render(&test_zeek, ev, &a), EVENT_RENDERED);
	strbuf_init(&b);
	strbuf_adds(&b, "#fields\tx\n");
	CHECK_INT(fmt_zeek_render(&test_zeek, &ev, &b), EVENT_RENDERED);
	CHECK_STR(strbuf_str(&b) + strlen("#fields\tx\n"), strbuf_str(&a));
	strbuf_free(&a);
	strbuf_free(&b);
}

/* Records Zeek does not log, and records that cannot be written, leave
 * the buffer as it was. */
TEST(zeek_not_rendered_and_bad)
{
	struct event ev = fixture_http_flow();
	struct strbuf out;

	strbuf_init(&out);
	strbuf_adds(&out, "kept");
	ev.kind = EVENT_ALERT;
	CHECK_INT(fmt_zeek_render(&test_zeek, &ev, &out), EVENT_NOT_RENDERED);
	ev.kind = EVENT_ANOMALY;
	CHECK_INT(fmt_zeek_render(&test_zeek, &ev, &out), EVENT_NOT_RENDERED);
	ev = fixture_http_flow();
	ev.u.flow.last = ev.conn.start - 1;
	CHECK_INT(fmt_zeek_render(&test_zeek, &ev, &out), EVENT_BAD);
	ev = fixture_dns_response();
	ev.u.dns.rtt = -1;
	CHECK_INT(fmt_zeek_render(&test_zeek, &ev, &out), EVENT_BAD);
	ev = test_ssl();
	ev.time = -FIXTURE_EPOCH_US - 1; /* before 1970 */
	CHECK_INT(fmt_zeek_render(&test_zeek, &ev, &out), EVENT_BAD);
	ev = fixture_http();
	ev.conn.start = ev.time + 1;
	CHECK_INT(fmt_zeek_render(&test_zeek, &ev, &out), EVENT_BAD);
	ev = fixture_file();
	ev.u.file.serial = 0;
	CHECK_INT(fmt_zeek_render(&test_zeek, &ev, &out), EVENT_BAD);
	CHECK(!fmt_zeek_header(&test_zeek, FMT_ZEEK_CONN, -FIXTURE_EPOCH_US - 1, &out));
	CHECK_STR(strbuf_str(&out), "kept");
	strbuf_free(&out);
}

/* The variants beyond the golden rows that the integration test feeds
 * to the validators: every connection ending, ICMP, failures, hostile
 * text, an SMB path, a notice with no connection. */
static size_t sample_records(struct event *evs)
{
	static const struct event_dns_rr soa[] = {
		{ "tailieu-hanhchinh.com", EVENT_DNS_SOA, 900, NULL },
	};
	static const enum event_flow_state states[] = {
		EVENT_FLOW_NO_REPLY, EVENT_FLOW_REJECTED, EVENT_FLOW_ESTABLISHED,
		EVENT_FLOW_RESET_BY_ORIG, EVENT_FLOW_RESET_BY_RESP,
	};
	size_t n = 0, i;

	evs[n++] = fixture_dns_flow();
	evs[n++] = fixture_http_flow();
	for (i = 0; i < sizeof states / sizeof states[0]; i++) {
		evs[n] = fixture_http_flow();
		evs[n].conn.serial = 10 + i;
		evs[n].conn.orig_port = (uint16_t)(50000 + i);
		evs[n].u.flow.state = states[i];
		if (states[i] == EVENT_FLOW_NO_REPLY) {
			evs[n].conn.orig = (struct event_count){ 3, 156, 0 };
			evs[n].conn.resp = (struct event_count){ 0, 0, 0 };
		} else if (states[i] == EVENT_FLOW_REJECTED) {
			evs[n].conn.orig = (struct event_count){ 1, 52, 0 };
			evs[n].conn.resp = (struct event_count){ 1, 40, 0 };
		}
		n++;
	}
	evs[n] = fixture_http_flow();
	evs[n].conn.serial = 20;
	evs[n].conn.proto = NET_PROTO_ICMP;
	evs[n].conn.orig_port = 8;
	evs[n].conn.resp_port = 0;
	evs[n].conn.orig = (struct event_count){ 4, 336, 256 };
	evs[n].conn.resp = (struct event_count){ 4, 336, 256 };
	evs[n++].conn.app = EVENT_APP_NONE;
	evs[n] = fixture_dns_flow();
	evs[n].u.flow.last = evs[n].conn.start;
	evs[n].u.flow.state = EVENT_FLOW_NO_REPLY;
	evs[n++].conn.serial = 21;

	evs[n++] = fixture_dns_response();
	evs[n] = fixture_dns_response();
	evs[n].u.dns.rcode = EVENT_DNS_NXDOMAIN;
	evs[n].u.dns.n_answers = 0;
	evs[n].u.dns.authorities = soa;
	evs[n++].u.dns.n_authorities = 1;

	evs[n++] = fixture_http();
	evs[n] = fixture_http();
	evs[n].u.http.tx_id = 1;
	evs[n].u.http.uri = "/a\tb\nc\\d,e\x7f\xff";
	evs[n].u.http.user_agent = "Trình duyệt";
	evs[n].u.http.referrer = "-";
	evs[n].u.http.status = 0;
	evs[n].u.http.status_msg = NULL;
	evs[n++].u.http.response_file = 0;

	evs[n++] = test_ssl();
	evs[n] = test_ssl();
	evs[n].u.tls.version = EVENT_TLS_1_3;
	evs[n].u.tls.subject = NULL;
	evs[n].u.tls.n_cert_chain_fps = 0;
	evs[n++].conn.serial = 30;

	evs[n++] = fixture_file();
	evs[n] = fixture_file();
	evs[n].conn.app = EVENT_APP_SMB;
	evs[n].conn.resp_port = 445;
	evs[n].u.file.serial = 2;
	evs[n].u.file.name = "ubnd.local\\Policies\\{31B2F340}\\gpt.ini";
	evs[n].u.file.mime_type = "text/ini";
	evs[n].u.file.md5 = NULL;
	evs[n].u.file.sha1 = NULL;
	evs[n].u.file.sha256 = NULL;
	evs[n].u.file.http = NULL;
	evs[n++].dir = EVENT_FROM_ORIG;

	evs[n++] = fixture_v6(fixture_dns_flow(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER);
	evs[n++] = fixture_v6(fixture_http(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER);
	evs[n++] = test_notice();
	evs[n] = test_notice();
	evs[n].conn.serial = 0;
	evs[n].u.notice.note = "CaptureLoss::Too_Little_Traffic";
	evs[n].u.notice.msg = "Only observed 0 TCP ACKs and was expecting at least 1.";
	evs[n++].u.notice.sub = NULL;
	return n;
}

static int write_sample(const char *dir)
{
	struct event evs[32];
	struct strbuf logs[FMT_ZEEK_LOG_COUNT], name = { 0 };
	enum fmt_zeek_log log;
	size_t n = sample_records(evs), i;
	int status = 0;

	for (i = 0; i < FMT_ZEEK_LOG_COUNT; i++) {
		strbuf_init(&logs[i]);
		fmt_zeek_header(&test_zeek_cid, (enum fmt_zeek_log)i, 0, &logs[i]);
	}
	for (i = 0; i < n; i++) {
		if (!fmt_zeek_log_of(&evs[i], &log) ||
		    fmt_zeek_render(&test_zeek_cid, &evs[i], &logs[log]) !=
		    EVENT_RENDERED) {
			fprintf(stderr, "test_fmt_zeek: record %zu (%s) not rendered\n",
				i, event_kind_name(evs[i].kind));
			status = 1;
		}
	}
	for (i = 0; i < FMT_ZEEK_LOG_COUNT; i++) {
		fmt_zeek_close(&test_zeek_cid, fixture_at(3600, 0), &logs[i]);
		strbuf_reset(&name);
		strbuf_addf(&name, "%s.log", fmt_zeek_log_name((enum fmt_zeek_log)i));
		status |= fmt_test_write_file(dir, strbuf_str(&name), &logs[i]);
		strbuf_free(&logs[i]);
	}
	strbuf_free(&name);
	return status;
}

int main(int argc, char **argv)
{
	int status;

	simclock_init(&test_clock, FIXTURE_EPOCH_US);
	status = fmt_test_args(argc, argv, "test_fmt_zeek", write_sample);
	if (status >= 0)
		return status;
	RUN(zeek_header);
	RUN(zeek_columns_match_rows);
	RUN(zeek_conn);
	RUN(zeek_dns);
	RUN(zeek_dns_txt);
	RUN(zeek_dns_failures);
	RUN(zeek_http);
	RUN(zeek_ssl);
	RUN(zeek_files);
	RUN(zeek_notice);
	RUN(zeek_notice_without_connection);
	RUN(zeek_conn_states);
	RUN(zeek_conn_instant_and_no_local_nets);
	RUN(zeek_escaping);
	RUN(zeek_uid_shared_across_logs);
	RUN(zeek_and_eve_agree_on_a_connection);
	RUN(zeek_ipv6);
	RUN(zeek_deterministic_and_appending);
	RUN(zeek_not_rendered_and_bad);
	return harness_finish();
}
