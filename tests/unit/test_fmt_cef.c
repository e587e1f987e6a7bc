/*
 * test_fmt_cef.c - CEF lines: the district APT sensor's alerts and a
 * FortiGate's traffic and UTM logs in CEF mode, byte for byte; escaping
 * of hostile text in the header and the extension; the RFC 3164 header;
 * records refused with out unchanged.
 *
 * The escaping is also checked by decoding our own lines with a small
 * CEF decoder written here, independently of fmt_cef.c.  That decoder is
 * first held to the decoder test vectors of logstash-codec-cef copied in
 * shared/formats/cef/examples.log (IRDRILL_SHARED, default ../shared):
 * it must read those lines as logstash's spec expects before its reading
 * of ours counts.
 *
 * "test_fmt_cef --write DIR" writes DIR/cef.log, alerts and FortiGate logs
 * with the syslog header, for tests/integration/test_formats_fw.sh.
 */
#include "harness.h"
#include "fortigate_fixtures.h"
#include "fmt_test.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "fmt_cef.h"
#include "fmt_fortigate.h"

static struct simclock test_clock;

FMT_TEST_GOLDEN(struct fmt_cef_settings, fmt_cef_render)
static struct fmt_fortigate_settings test_fortigate;

static struct fmt_cef_settings test_sensor(bool syslog_header)
{
	struct fmt_cef_settings s = {
		.clock = &test_clock,
		.syslog_header = syslog_header,
		.host = "apt-sensor-thuanan",
		.vendor = "NCSC-VN",
		.product = "APT Sensor",
		.version = "3.2.1",
	};

	return s;
}

static struct fmt_cef_settings test_firewall(bool syslog_header)
{
	struct fmt_cef_settings s = {
		.clock = &test_clock,
		.syslog_header = syslog_header,
		.version = "v7.2.5",
		.fortigate = &test_fortigate,
	};

	return s;
}

static const struct event_meta test_meta[] = {
	{ "attack_target", "Client_Endpoint" },
	{ "deployment", "Perimeter" },
};

/* The sensor sees the fake decision come back from the attacker. */
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
	ev.u.alert.n_metadata = 2;
	ev.u.alert.http = &fixture_http_tx;
	return ev;
}

/* A ping probe: no ports, no application, no HTTP, no metadata. */
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
	ev.u.alert.blocked = true;
	ev.u.alert.tx_id = EVENT_NO_TX;
	return ev;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* --- an independent CEF decoder ------------------------------------------ */

#define DEC_MAX_PAIRS 64

struct cef_decoded {
	char prefix[128];           /* what precedes "CEF:", trimmed */
	char header[7][512];        /* version, vendor, …, severity */
	size_t n;
	char keys[DEC_MAX_PAIRS][64];
	char values[DEC_MAX_PAIRS][1024];
	/* Strict reading: every backslash starts \\ \= \n or \r, and no
	 * value holds a bare '='.  Lenient readers (logstash) accept both. */
	bool strict;
};

static bool dec_key_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '[' ||
	       c == ']';
}

/* The length of a key at p, followed by '='; 0 if there is none. */
static size_t dec_key_at(const char *p)
{
	size_t n = 0;

	while (dec_key_char(p[n]))
		n++;
	return n > 0 && p[n] == '=' ? n : 0;
}

static void dec_value(struct cef_decoded *d, char *dst, const char *v,
		      size_t len)
{
	size_t i, k = 0;

	for (i = 0; i < len && k < 1023; i++) {
		if (v[i] == '\\' && i + 1 < len &&
		    (v[i + 1] == '\\' || v[i + 1] == '=' || v[i + 1] == 'n' ||
		     v[i + 1] == 'r')) {
			i++;
			dst[k++] = v[i] == 'n' ? '\n' : v[i] == 'r' ? '\r' : v[i];
			continue;
		}
		/* Anything else is kept as written, as logstash keeps "\|". */
		if (v[i] == '\\' || v[i] == '=')
			d->strict = false;
		dst[k++] = v[i];
	}
	dst[k] = '\0';
}

static bool cef_decode(const char *line, struct cef_decoded *d)
{
	const char *cef = strstr(line, "CEF:"), *p, *end;
	size_t f, k, len;

	memset(d, 0, sizeof *d);
	d->strict = true;
	if (cef == NULL)
		return false;
	len = (size_t)(cef - line);
	while (len > 0 && line[len - 1] == ' ')
		len--;
	if (len >= sizeof d->prefix)
		return false;
	memcpy(d->prefix, line, len);
	/* Seven header fields, each ended by a bare '|'. */
	p = cef + 4;
	for (f = 0; f < 7; f++) {
		for (k = 0;; p++) {
			if (*p == '\0' || *p == '\n' || k == 511)
				return false;
			if (*p == '\\' && (p[1] == '|' || p[1] == '\\')) {
				d->header[f][k++] = *++p;
				continue;
			}
			if (*p == '|')
				break;
			d->header[f][k++] = *p;
		}
		p++;
	}
	/* key=value pairs; a value runs up to the space before the next key. */
	while (*p == ' ')
		p++;
	while (*p != '\0' && *p != '\n') {
		len = dec_key_at(p);
		if (len == 0 || len >= 64 || d->n == DEC_MAX_PAIRS)
			return false;
		memcpy(d->keys[d->n], p, len);
		p += len + 1;
		for (end = p; *end != '\0' && *end != '\n'; end++)
			if (*end == ' ' && dec_key_at(end + 1) > 0)
				break;
		len = (size_t)(end - p);
		while (len > 0 && p[len - 1] == ' ')
			len--;
		dec_value(d, d->values[d->n], p, len);
		d->n++;
		p = end;
		while (*p == ' ')
			p++;
	}
	return true;
}

/* The value of key, NULL when the line has none. */
static const char *dec_get(const struct cef_decoded *d, const char *key)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->keys[i], key) == 0)
			return d->values[i];
	return NULL;
}

/*
 * What logstash-codec-cef's spec (spec/codecs/cef_spec.rb) expects of the
 * decoder vectors in examples.log, by line among the non-comment lines;
 * the Fortinet example's expectations are read off Fortinet's own table.
 */
static const struct {
	size_t line;
	const char *prefix;
	const char *vendor, *product, *version, *class_id, *name, *severity;
	size_t n;  /* pairs in the extension */
	const char *pairs[4][2];
} test_vectors[] = {
	{ 0, "", "security", "threatmanager", "1.0", "100",
	  "trojan successfully stopped", "10", 3,
	  { { "src", "10.0.0.192" }, { "dst", "12.121.122.82" }, { "spt", "1232" } } },
	{ 1, "", "security", "threatmanager", "1.0", "100",
	  "trojan successfully stopped", "10", 1,
	  { { "moo", "this\\|has an escaped pipe" } } },
	{ 2, "", "security", "threatmanager", "1.0", "100",
	  "trojan successfully stopped", "10", 1,
	  { { "moo", "this|has an pipe" } } },
	{ 3, "", "security", "threatmanager", "1.0", "100",
	  "trojan successfully stopped", "10", 1,
	  { { "moo", "this =has = equals=" } } },
	{ 4, "", "secu|rity", "threatmanager|", "1.|0", "10|0",
	  "tro|jan successfully stopped", "|10", 0, { { NULL, NULL } } },
	{ 5, "", "security", "threatmanager", "1.0", "100",
	  "trojan successfully stopped", "10", 9,
	  { { "proto", "TCP" }, { "shost", "source.host.name" },
	    { "dhost", "destination.host.name" }, { "dpt", "9200" } } },
	{ 6, "Syslogdate Sysloghost", "security", "threatmanager", "1.0", "100",
	  "trojan successfully stopped", "10", 8,
	  { { "cfp15", "3.1415926" }, { "c6a12", "::1" },
	    { "cn7Label", "mersenne" }, { "cs4Label", "theory" } } },
	{ 7, "", "Vendor", "Device", "Version", "13", "my message", "5", 6,
	  { { "dvchost", "loghost" }, { "ad.nn", "TEST" },
	    { "destinationPort", "53" } } },
	{ 8, "Feb 12 11:11:30 syslog-800c", "Fortinet", "Fortigate", "v5.6.0",
	  "00013", "traffic:forward close", "3", 44,
	  { { "cs5Label", "Policy Id" }, { "sourceTranslatedPort", "45719" },
	    { "cn2Label", "Packets Sent" }, { "FTNTFGTcraction", "2" } } },
};

/* The decoder reads the logstash vectors as logstash's spec says. */
TEST(cef_decoder_matches_vectors)
{
	const char *shared = getenv("IRDRILL_SHARED");
	char path[512], line[4096];
	struct cef_decoded d;
	size_t n = 0, v = 0, i;
	FILE *f;

	snprintf(path, sizeof path, "%s/formats/cef/examples.log",
		 shared != NULL ? shared : "../shared");
	f = fopen(path, "r");
	CHECK(f != NULL);
	if (f == NULL) {
		printf("#   cannot read %s\n", path);
		return;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		for (v = 0; v < sizeof test_vectors / sizeof test_vectors[0]; v++) {
			if (test_vectors[v].line != n)
				continue;
			CHECK(cef_decode(line, &d));
			CHECK_STR(d.prefix, test_vectors[v].prefix);
			CHECK_STR(d.header[0], "0");
			CHECK_STR(d.header[1], test_vectors[v].vendor);
			CHECK_STR(d.header[2], test_vectors[v].product);
			CHECK_STR(d.header[3], test_vectors[v].version);
			CHECK_STR(d.header[4], test_vectors[v].class_id);
			CHECK_STR(d.header[5], test_vectors[v].name);
			CHECK_STR(d.header[6], test_vectors[v].severity);
			CHECK_INT(d.n, test_vectors[v].n);
			for (i = 0; i < 4 && test_vectors[v].pairs[i][0] != NULL; i++)
				CHECK_STR(dec_get(&d, test_vectors[v].pairs[i][0]),
					  test_vectors[v].pairs[i][1]);
		}
		n++;
	}
	fclose(f);
	CHECK_INT(n, 9);
	/* Strictness tells the escaped from the merely tolerated. */
	CHECK(cef_decode("CEF:0|a|b|c|d|e|1|k=x\\=y\\\\z\\n", &d) && d.strict);
	CHECK_STR(dec_get(&d, "k"), "x=y\\z\n");
	CHECK(cef_decode("CEF:0|a|b|c|d|e|1|k=x=y", &d) && !d.strict);
	CHECK(cef_decode("CEF:0|a|b|c|d|e|1|k=x\\|y", &d) && !d.strict);
	CHECK(!cef_decode("CEF:0|a|b|c|d|e|1", &d));
}

/* --- alerts ---------------------------------------------------------------- */

#define ALERT_BODY "CEF:0|NCSC-VN|APT Sensor|3.2.1|2018959|ET POLICY PE EXE " \
	"or DLL Windows file download HTTP|10|rt=1699409102210 " \
	"src=185.220.101.47 spt=80 dst=10.20.5.23 dpt=49732 proto=TCP " \
	"act=allowed cat=Potential Corporate Privacy Violation app=HTTP " \
	"dhost=cdn.tailieu-hanhchinh.com " \
	"request=http://cdn.tailieu-hanhchinh.com/tailieu/QD-1234-UBND.doc.exe?id\\=7 " \
	"requestMethod=GET " \
	"requestClientApplication=Mozilla/5.0 (Windows NT 10.0; Win64; x64) " \
	"cs1=1:2018959:4 cs1Label=Rule " \
	"cs2=attack_target\\=Client_Endpoint,deployment\\=Perimeter " \
	"cs2Label=Rule Metadata\n"

/* The packet's ends (server to client here), the HTTP request, the rule
 * and its metadata; local7 and crit for a severity-1 alert. */
TEST(cef_alert)
{
	struct fmt_cef_settings s = test_sensor(false);

	check_line(&s, test_alert(), ALERT_BODY);
	s.syslog_header = true;
	check_line(&s, test_alert(),
		   "<186>Nov  8 09:05:02 apt-sensor-thuanan " ALERT_BODY);
}

/* No ports for ICMP, no application, no request, no metadata. */
TEST(cef_alert_icmp)
{
	struct fmt_cef_settings s = test_sensor(true);

	check_line(&s, test_icmp_alert(),
		   "<188>Nov  8 09:08:20 apt-sensor-thuanan CEF:0|NCSC-VN|"
		   "APT Sensor|3.2.1|2100384|GPL ICMP_INFO PING|5|rt=1699409300000 "
		   "src=10.20.5.23 dst=10.20.5.1 proto=ICMP act=blocked "
		   "cat=Misc activity cs1=1:2100384:5 cs1Label=Rule\n");
}

/* Alert severity 1-4 to CEF 10, 7, 5, 3 and syslog crit, err, warning,
 * notice. */
TEST(cef_alert_severity)
{
	static const char *const want[] = {
		"<186>", "|10|", "<187>", "|7|", "<188>", "|5|", "<189>", "|3|",
	};
	struct fmt_cef_settings s = test_sensor(true);
	struct event ev = test_icmp_alert();
	struct strbuf out;
	int i;

	for (i = 0; i < 4; i++) {
		ev.u.alert.severity = (uint8_t)(i + 1);
		CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
		CHECK(starts_with(strbuf_str(&out), want[2 * i]));
		CHECK_CONTAINS(strbuf_str(&out), want[2 * i + 1]);
		strbuf_free(&out);
	}
}

static const struct event_meta test_hostile_meta[] = {
	{ "mô tả", "a=b|c\\d" },
};

static const struct event_http test_hostile_http = {
	.method = "GET",
	.host = "tài-liệu.vn",
	.uri = "/a?x=\"1\"&y=C:\\Temp",
	.user_agent = "Trình duyệt \"Cốc Cốc\" a=b\\c|d\r\ne",
};

/* Quotes, backslashes, '=', '|', line breaks, Vietnamese and an empty
 * value, in the header and in the extension. */
static struct event test_hostile_alert(void)
{
	struct event ev = test_alert();

	ev.u.alert.signature = "ET TROJAN \"PlugX\" C:\\Temp\\a|b = c\r\nd";
	ev.u.alert.category = "";
	ev.u.alert.metadata = test_hostile_meta;
	ev.u.alert.n_metadata = 1;
	ev.u.alert.http = &test_hostile_http;
	return ev;
}

TEST(cef_alert_escaping)
{
	struct fmt_cef_settings s = test_sensor(false);

	s.vendor = "Trung tâm \\ NCSC|VN";
	check_line(&s, test_hostile_alert(),
		   "CEF:0|Trung tâm \\\\ NCSC\\|VN|APT Sensor|3.2.1|2018959|"
		   "ET TROJAN \"PlugX\" C:\\\\Temp\\\\a\\|b = c  d|10|"
		   "rt=1699409102210 src=185.220.101.47 spt=80 dst=10.20.5.23 "
		   "dpt=49732 proto=TCP act=allowed cat= app=HTTP "
		   "dhost=tài-liệu.vn "
		   "request=http://tài-liệu.vn/a?x\\=\"1\"&y\\=C:\\\\Temp "
		   "requestMethod=GET "
		   "requestClientApplication=Trình duyệt \"Cốc Cốc\" a\\=b\\\\c|d\\r\\ne "
		   "cs1=1:2018959:4 cs1Label=Rule cs2=mô tả\\=a\\=b|c\\\\d "
		   "cs2Label=Rule Metadata\n");
}

/* Our hostile line read back by the decoder: every value as given (line
 * breaks in the header as spaces), strictly escaped. */
TEST(cef_alert_round_trip)
{
	struct fmt_cef_settings s = test_sensor(true);
	struct event ev = test_hostile_alert();
	struct cef_decoded d;
	struct strbuf out;

	s.vendor = "Trung tâm \\ NCSC|VN";
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK(cef_decode(strbuf_str(&out), &d));
	CHECK(d.strict);
	CHECK_STR(d.prefix, "<186>Nov  8 09:05:02 apt-sensor-thuanan");
	CHECK_STR(d.header[1], "Trung tâm \\ NCSC|VN");
	CHECK_STR(d.header[5], "ET TROJAN \"PlugX\" C:\\Temp\\a|b = c  d");
	CHECK_STR(d.header[6], "10");
	CHECK_STR(dec_get(&d, "cat"), "");
	CHECK_STR(dec_get(&d, "request"), "http://tài-liệu.vn/a?x=\"1\"&y=C:\\Temp");
	CHECK_STR(dec_get(&d, "requestClientApplication"),
		  test_hostile_http.user_agent);
	CHECK_STR(dec_get(&d, "cs2"), "mô tả=a=b|c\\d");
	CHECK_STR(dec_get(&d, "cs2Label"), "Rule Metadata");
	CHECK_INT(d.n, 17);
	strbuf_free(&out);
}

/* --- the FortiGate in CEF mode ----------------------------------------- */

/* The order and names of Fortinet's CEF traffic example: app after the
 * NAT fields, cs5 the policy, cn1-cn3 duration and packets. */
TEST(cef_fortigate_forward)
{
	struct fmt_cef_settings s = test_firewall(false);

	check_line(&s, fgfix_forward(),
		   "CEF:0|Fortinet|Fortigate|v7.2.5|00013|traffic:forward close|3|"
		   "deviceExternalId=FG100FTK22000123 "
		   "FTNTFGTeventtime=1699409162512000000 FTNTFGTtz=+0700 "
		   "FTNTFGTlogid=0000000013 cat=traffic:forward "
		   "FTNTFGTsubtype=forward FTNTFGTlevel=notice FTNTFGTvd=root "
		   "src=10.20.5.23 spt=49732 deviceInboundInterface=internal "
		   "FTNTFGTsrcintfrole=lan dst=185.220.101.47 dpt=80 "
		   "deviceOutboundInterface=wan1 FTNTFGTdstintfrole=wan "
		   "externalId=20000002 proto=6 act=close cs5=12 "
		   "cs5Label=Policy Id FTNTFGTpolicytype=policy "
		   "FTNTFGTdstcountry=Germany FTNTFGTsrccountry=Reserved "
		   "FTNTFGTtrandisp=snat sourceTranslatedAddress=203.113.130.2 "
		   "sourceTranslatedPort=61732 app=HTTP FTNTFGTappcat=unscanned "
		   "cn1=0 cn1Label=Duration out=7031 in=496096 cn2=170 "
		   "cn2Label=Packets Sent cn3=336 cn3Label=Packets Received\n");
}

/* With the syslog header, named after the device: a deny (no NAT, app
 * right after trandisp) and an IPS drop at level alert. */
TEST(cef_fortigate_deny_and_ips)
{
	struct fmt_cef_settings s = test_firewall(true);

	check_line(&s, fgfix_deny(),
		   "<189>Nov  8 09:06:50 FGT-UBND-BD CEF:0|Fortinet|Fortigate|"
		   "v7.2.5|00013|traffic:forward deny|3|"
		   "deviceExternalId=FG100FTK22000123 "
		   "FTNTFGTeventtime=1699409210250000000 FTNTFGTtz=+0700 "
		   "FTNTFGTlogid=0000000013 cat=traffic:forward "
		   "FTNTFGTsubtype=forward FTNTFGTlevel=notice FTNTFGTvd=root "
		   "src=185.220.101.47 spt=51515 deviceInboundInterface=wan1 "
		   "FTNTFGTsrcintfrole=wan dst=10.1.0.20 dpt=3389 "
		   "deviceOutboundInterface=dmz FTNTFGTdstintfrole=dmz "
		   "externalId=20000007 proto=6 act=deny cs5=0 cs5Label=Policy Id "
		   "FTNTFGTpolicytype=policy FTNTFGTdstcountry=Reserved "
		   "FTNTFGTsrccountry=Germany FTNTFGTtrandisp=noop app=RDP cn1=0 "
		   "cn1Label=Duration out=0 in=0 cn2=0 cn2Label=Packets Sent "
		   "FTNTFGTappcat=unscanned FTNTFGTcrscore=30 "
		   "FTNTFGTcraction=131072 FTNTFGTcrlevel=high\n");
	check_line(&s, fgfix_utm(EVENT_UTM_IPS),
		   "<185>Nov  8 09:05:02 FGT-UBND-BD CEF:0|Fortinet|Fortigate|"
		   "v7.2.5|16384|utm:ips signature dropped|7|"
		   "deviceExternalId=FG100FTK22000123 "
		   "FTNTFGTeventtime=1699409102210004000 FTNTFGTtz=+0700 "
		   "FTNTFGTlogid=0419016384 cat=utm:ips FTNTFGTsubtype=ips "
		   "FTNTFGTeventtype=signature FTNTFGTlevel=alert FTNTFGTvd=root "
		   "FTNTFGTseverity=critical src=10.20.5.23 "
		   "FTNTFGTsrccountry=Reserved dst=185.220.101.47 "
		   "deviceInboundInterface=internal FTNTFGTsrcintfrole=lan "
		   "deviceOutboundInterface=wan1 FTNTFGTdstintfrole=wan "
		   "externalId=20000002 act=dropped proto=6 app=HTTP "
		   "FTNTFGTattack=Backdoor.PlugX.Download spt=49732 dpt=80 "
		   "dhost=cdn.tailieu-hanhchinh.com "
		   "request=/tailieu/QD-1234-UBND.doc.exe?id\\=7 deviceDirection=0 "
		   "FTNTFGTattackid=51023 FTNTFGTprofile=default "
		   "cs2=http://www.fortinet.com/ids/VID51023 cs2Label=Reference "
		   "FTNTFGTcrscore=50 FTNTFGTcraction=4096 FTNTFGTcrlevel=critical\n");
}

/*
 * Fortinet's CEF names, restated here from its mapping tables: each
 * key=value field must reappear under its CEF name with its value (a
 * label key after a custom field), the rest behind FTNTFGT.
 */
static const char *test_cef_name(const char *key)
{
	static const char *const names[][2] = {
		{ "devid", "deviceExternalId" }, { "srcip", "src" },
		{ "srcport", "spt" }, { "srcintf", "deviceInboundInterface" },
		{ "dstip", "dst" }, { "dstport", "dpt" },
		{ "dstintf", "deviceOutboundInterface" },
		{ "sessionid", "externalId" }, { "proto", "proto" },
		{ "action", "act" }, { "policyid", "cs5" }, { "service", "app" },
		{ "transip", "sourceTranslatedAddress" },
		{ "transport", "sourceTranslatedPort" }, { "duration", "cn1" },
		{ "sentbyte", "out" }, { "rcvdbyte", "in" }, { "sentpkt", "cn2" },
		{ "rcvdpkt", "cn3" }, { "msg", "msg" }, { "hostname", "dhost" },
		{ "url", "request" }, { "filename", "fname" }, { "ref", "cs2" },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i][0], key) == 0)
			return names[i][1];
	return NULL;
}

static void check_fortigate_cef(const struct event *ev, const char *hostile)
{
	struct fmt_cef_settings s = test_firewall(true);
	struct fmt_fortigate_log log;
	struct cef_decoded d;
	struct strbuf out;
	char key[64], label[16], class_id[8];
	const char *name, *value;
	size_t i;

	strbuf_init(&out);
	CHECK_INT(fmt_fortigate_build(&test_fortigate, ev, &log), EVENT_RENDERED);
	CHECK_INT(fmt_cef_render(&s, ev, &out), EVENT_RENDERED);
	CHECK(cef_decode(strbuf_str(&out), &d));
	CHECK(d.strict);
	snprintf(class_id, sizeof class_id, "%s", log.logid + 5);
	CHECK_STR(d.header[4], class_id);
	snprintf(key, sizeof key, "%s:%s", log.type, log.subtype);
	CHECK_STR(dec_get(&d, "cat"), key);
	if (log.eventtype != NULL)
		snprintf(key, sizeof key, "%s:%s %s %s", log.type, log.subtype,
			 log.eventtype, log.action);
	else
		snprintf(key, sizeof key, "%s:%s %s", log.type, log.subtype,
			 log.action);
	CHECK_STR(d.header[5], key);
	for (i = 0; i < log.n; i++) {
		const char *k = log.fields[i].key;

		if (strcmp(k, "date") == 0 || strcmp(k, "time") == 0 ||
		    strcmp(k, "devname") == 0 || strcmp(k, "type") == 0 ||
		    strcmp(k, "direction") == 0)
			continue;
		name = test_cef_name(k);
		if (name == NULL) {
			snprintf(key, sizeof key, "FTNTFGT%s", k);
			name = key;
		}
		value = fmt_fortigate_value(&log, i);
		CHECK_STR(dec_get(&d, name), value);
		/* A custom field comes with its label. */
		if (name[0] == 'c' && (name[1] == 's' || name[1] == 'n')) {
			snprintf(label, sizeof label, "%.3sLabel", name);
			CHECK(dec_get(&d, label) != NULL);
		}
	}
	value = fmt_fortigate_get(&log, "direction");
	if (value != NULL)
		CHECK_STR(dec_get(&d, "deviceDirection"),
			  strcmp(value, "outgoing") == 0 ? "1" : "0");
	if (hostile != NULL)
		CHECK_STR(dec_get(&d, "request"), hostile);
	fmt_fortigate_log_free(&log);
	strbuf_free(&out);
}

TEST(cef_fortigate_matches_key_value)
{
	struct event evs[10];
	size_t i, n = 0;

	evs[n++] = fgfix_forward();
	evs[n++] = fgfix_deny();
	evs[n++] = fgfix_local();
	evs[n++] = fgfix_local_out();
	evs[n++] = fgfix_utm(EVENT_UTM_IPS);
	evs[n++] = fgfix_utm(EVENT_UTM_VIRUS);
	evs[n++] = fgfix_utm(EVENT_UTM_WEBFILTER);
	for (i = 0; i < n; i++)
		check_fortigate_cef(&evs[i], NULL);
	evs[0] = fgfix_utm(EVENT_UTM_WEBFILTER);
	evs[0].u.utm.url = "/tải \"QĐ\"?p=C:\\Users\\cán bộ\r\nx=1";
	check_fortigate_cef(&evs[0], evs[0].u.utm.url);
}

/* IPv6: src and dst take IPv4 only, so the ends go in ArcSight's IPv6
 * pair, c6a2 "Source IPv6 Address" and c6a3 "Destination IPv6 Address",
 * in RFC 5952 text, where src and dst would stand. */
TEST(cef_ipv6)
{
	struct fmt_cef_settings sensor = test_sensor(false);
	struct fmt_cef_settings firewall = test_firewall(false);

	check_line(&sensor, fixture_v6(test_alert(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER),
		   "CEF:0|NCSC-VN|APT Sensor|3.2.1|2018959|"
		   "ET POLICY PE EXE or DLL Windows file download HTTP|10|rt=1699409102210 "
		   "c6a2=2001:db8:85a3::8a2e:370:7334 c6a2Label=Source IPv6 Address spt=80 "
		   "c6a3=fd00:10:20:5::23 c6a3Label=Destination IPv6 Address dpt=49732 "
		   "proto=TCP act=allowed cat=Potential Corporate Privacy Violation app=HTTP "
		   "dhost=cdn.tailieu-hanhchinh.com "
		   "request=http://cdn.tailieu-hanhchinh.com/tailieu/QD-1234-UBND.doc.exe?id\\=7 "
		   "requestMethod=GET "
		   "requestClientApplication=Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
		   "cs1=1:2018959:4 cs1Label=Rule "
		   "cs2=attack_target\\=Client_Endpoint,deployment\\=Perimeter "
		   "cs2Label=Rule Metadata\n");
	check_line(&firewall, fixture_v6(fgfix_forward(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER),
		   "CEF:0|Fortinet|Fortigate|v7.2.5|00013|traffic:forward close|3|"
		   "deviceExternalId=FG100FTK22000123 "
		   "FTNTFGTeventtime=1699409162512000000 FTNTFGTtz=+0700 "
		   "FTNTFGTlogid=0000000013 cat=traffic:forward "
		   "FTNTFGTsubtype=forward FTNTFGTlevel=notice FTNTFGTvd=root "
		   "c6a2=fd00:10:20:5::23 c6a2Label=Source IPv6 Address spt=49732 "
		   "deviceInboundInterface=internal FTNTFGTsrcintfrole=lan "
		   "c6a3=2001:db8:85a3::8a2e:370:7334 c6a3Label=Destination IPv6 Address "
		   "dpt=80 deviceOutboundInterface=wan1 FTNTFGTdstintfrole=wan "
		   "externalId=20000002 proto=6 act=close cs5=12 "
		   "cs5Label=Policy Id FTNTFGTpolicytype=policy "
		   "FTNTFGTdstcountry=Reserved FTNTFGTsrccountry=Reserved "
		   "FTNTFGTtrandisp=noop app=HTTP FTNTFGTappcat=unscanned "
		   "cn1=0 cn1Label=Duration out=7031 in=496096 cn2=170 "
		   "cn2Label=Packets Sent cn3=336 cn3Label=Packets Received\n");
}

/* --- framing, refusals ------------------------------------------------- */

/* "Mmm dd hh:mm:ss" in local time, the day padded with a space; the
 * host from the settings or the FortiGate's name; the facility's PRI. */
TEST(cef_syslog_header)
{
	struct fmt_cef_settings s = test_sensor(true);
	struct event ev = test_icmp_alert();
	struct strbuf out;

	ev.time += 2 * SIM_DAY;
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK(starts_with(strbuf_str(&out), "<188>Nov 10 09:08:20 apt-sensor-thuanan CEF:0|"));
	strbuf_free(&out);
	/* 05:00 here is still the previous day in UTC: the local date. */
	ev.time = fixture_at(20 * 3600, 0);
	ev.conn.start = ev.time;
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK(starts_with(strbuf_str(&out), "<188>Nov  9 05:00:00 apt-sensor-thuanan CEF:0|"));
	strbuf_free(&out);
	/* Into the next year, which the header does not show. */
	ev.time = fixture_at(60 * 86400 + 28800, 0);
	ev.conn.start = ev.time;
	s.facility = "local0";
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK(starts_with(strbuf_str(&out), "<132>Jan  7 17:00:00 apt-sensor-thuanan CEF:0|"));
	strbuf_free(&out);
	s = test_firewall(true);
	CHECK_INT(render(&s, fgfix_local(), &out), EVENT_RENDERED);
	CHECK(starts_with(strbuf_str(&out), "<189>Nov  8 09:15:00 FGT-UBND-BD CEF:0|"));
	strbuf_free(&out);
	s.host = "fw-ubnd";
	CHECK_INT(render(&s, fgfix_utm(EVENT_UTM_VIRUS), &out), EVENT_RENDERED);
	CHECK(starts_with(strbuf_str(&out), "<188>Nov  8 09:05:02 fw-ubnd CEF:0|"));
	strbuf_free(&out);
}

TEST(cef_bad_leaves_out_unchanged)
{
	struct fmt_cef_settings sensor = test_sensor(true), s;
	struct event ev;
	struct strbuf out;

	strbuf_init(&out);
	strbuf_adds(&out, "earlier line\n");
	s = sensor;
	s.vendor = NULL;
	ev = test_alert();
	CHECK_INT(fmt_cef_render(&s, &ev, &out), EVENT_BAD);
	s = sensor;
	s.version = NULL;
	CHECK_INT(fmt_cef_render(&s, &ev, &out), EVENT_BAD);
	s = sensor;
	s.host = NULL;
	CHECK_INT(fmt_cef_render(&s, &ev, &out), EVENT_BAD);
	s = sensor;
	s.facility = "local8";
	CHECK_INT(fmt_cef_render(&s, &ev, &out), EVENT_BAD);
	/* Before the Unix epoch. */
	ev.time = -FIXTURE_EPOCH_US - 1000;
	CHECK_INT(fmt_cef_render(&sensor, &ev, &out), EVENT_BAD);
	/* Whatever the FortiGate formatter refuses. */
	s = test_firewall(true);
	ev = fgfix_forward();
	ev.conn.serial = 0;
	CHECK_INT(fmt_cef_render(&s, &ev, &out), EVENT_BAD);
	ev = fgfix_forward();
	s.version = NULL;
	CHECK_INT(fmt_cef_render(&s, &ev, &out), EVENT_BAD);
	CHECK_STR(strbuf_str(&out), "earlier line\n");
	strbuf_free(&out);
}

TEST(cef_not_rendered)
{
	struct fmt_cef_settings sensor = test_sensor(true);
	struct fmt_cef_settings firewall = test_firewall(true);
	struct event dns = fixture_dns_response(), flow = fgfix_forward();
	struct event utm = fgfix_utm(EVENT_UTM_IPS);
	struct strbuf out;

	strbuf_init(&out);
	CHECK_INT(fmt_cef_render(&sensor, &dns, &out), EVENT_NOT_RENDERED);
	CHECK_INT(fmt_cef_render(&firewall, &dns, &out), EVENT_NOT_RENDERED);
	/* Only a FortiGate writes flows and UTM verdicts. */
	CHECK_INT(fmt_cef_render(&sensor, &flow, &out), EVENT_NOT_RENDERED);
	CHECK_INT(fmt_cef_render(&sensor, &utm, &out), EVENT_NOT_RENDERED);
	CHECK_INT(out.len, 0);
	strbuf_free(&out);
}

/* Alerts and every FortiGate log, with the syslog header. */
static int write_sample(const char *dir)
{
	struct fmt_cef_settings sensor = test_sensor(true);
	struct fmt_cef_settings firewall = test_firewall(true);
	struct event evs[16];
	struct strbuf out;
	size_t i, n = 0, alerts;
	int status = 0;

	evs[n++] = test_alert();
	evs[n++] = test_icmp_alert();
	evs[n++] = test_hostile_alert();
	evs[n++] = fixture_v6(test_alert(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER);
	alerts = n;
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
	evs[n] = fixture_v6(fgfix_forward(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER);
	evs[n++].conn.serial = 60;

	strbuf_init(&out);
	for (i = 0; i < n; i++) {
		if (fmt_cef_render(i < alerts ? &sensor : &firewall, &evs[i], &out) !=
		    EVENT_RENDERED) {
			fprintf(stderr, "test_fmt_cef: record %zu not rendered\n", i);
			status = 1;
		}
	}
	status |= fmt_test_write_file(dir, "cef.log", &out);
	strbuf_free(&out);
	return status;
}

int main(int argc, char **argv)
{
	int status;

	simclock_init(&test_clock, FIXTURE_EPOCH_US);
	test_fortigate = fgfix_settings(&test_clock);
	status = fmt_test_args(argc, argv, "test_fmt_cef", write_sample);
	if (status >= 0)
		return status;
	RUN(cef_decoder_matches_vectors);
	RUN(cef_alert);
	RUN(cef_alert_icmp);
	RUN(cef_alert_severity);
	RUN(cef_alert_escaping);
	RUN(cef_alert_round_trip);
	RUN(cef_fortigate_forward);
	RUN(cef_fortigate_deny_and_ips);
	RUN(cef_fortigate_matches_key_value);
	RUN(cef_ipv6);
	RUN(cef_syslog_header);
	RUN(cef_bad_leaves_out_unchanged);
	RUN(cef_not_rendered);
	return harness_finish();
}
