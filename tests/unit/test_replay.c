/*
 * test_replay.c - replays: every kind of record comes back from the
 * encoder as it went in (every sensor type renders the same text from
 * it), a file written by the drill's listener reads back in order with
 * its timeline, a file cut at any byte opens with the whole chunks before
 * the cut, and corrupt or foreign bytes give a clear message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drill.h"
#include "fortigate_fixtures.h"
#include "harness.h"
#include "net.h"
#include "render.h"
#include "replay_read.h"
#include "replay_record.h"
#include "replay_write.h"
#include "sensor.h"

#define SCENARIO "scenarios/web-defacement-dvc.lua"
#define NETWORK "scenarios/networks/default.lua"

static struct drill *test_drill;
static char test_dir[] = "/tmp/irdrill-replay-XXXXXX";

static const struct event_meta test_meta[] = {
	{ "attack_target", "Client_Endpoint" },
	{ "deployment", "Perimeter" },
	{ "deployment", "Internal" },
};
static const struct event_dns_rr test_authorities[] = {
	{ "b-cdn.net", EVENT_DNS_SOA, 1800, NULL },
	{ "b-cdn.net", EVENT_DNS_NS, 3600, "ns1.b-cdn.net" },
};
static const char *const test_chain[] = {
	"7d3f0f5b2f1c4bc3e04c1a5e1a3d26e34d7f2f2b8d1c0f6a4b0e5d2c3a1f9e8d",
	"0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
};

static int test_first_sensor(enum sensor_type type)
{
	const struct net *net = test_drill->net;

	for (int s = 0; s < net->nsensors; s++) {
		enum sensor_type t;

		if (sensor_type_parse(net->sensors[s].type, &t) && t == type)
			return s;
	}
	return -1;
}

static int test_host(bool windows)
{
	const struct net *net = test_drill->net;

	for (int h = 0; h < net->nhosts; h++)
		if (net_host_runs_windows(&net->hosts[h]) == windows)
			return h;
	return -1;
}

/* One record of every kind, every field of its payload set. */
static int test_events(struct event *v)
{
	int n = 0, win = test_host(true), lin = test_host(false);
	struct event ev;

	ev = fixture_http();
	ev.kind = EVENT_ALERT;
	memset(&ev.u, 0, sizeof(ev.u));
	ev.u.alert = (struct event_alert){ 1, 2031234, 3, "ET MALWARE PlugX CnC Beacon", "A Network Trojan was detected",
					   1, true, 0, test_meta, 3, &fixture_http_tx };
	v[n++] = ev;

	ev = fixture_dns_flow();
	ev.u.flow.alerted = true;
	ev.u.flow.denied = true;
	ev.u.flow.policy = 7;
	ev.u.flow.nat_ip = fixture_ip("203.0.113.2");
	ev.u.flow.nat_port = 61002;
	v[n++] = ev;

	ev = fixture_dns_response();
	ev.u.dns.opcode = 0;
	ev.u.dns.rcode = EVENT_DNS_NXDOMAIN;
	ev.u.dns.aa = ev.u.dns.tc = true;
	ev.u.dns.authorities = test_authorities;
	ev.u.dns.n_authorities = 2;
	v[n++] = ev;

	v[n++] = fixture_http();
	v[n++] = fixture_v6(fixture_http(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER);

	ev = fixture_tls();
	ev.u.tls.cert_chain_fps = test_chain;
	ev.u.tls.n_cert_chain_fps = 2;
	ev.u.tls.ja4 = "t13d1516h2_8daaf6152771_02713d6af862";
	v[n++] = ev;

	ev = fixture_file();
	ev.u.file.name = "QD-1234-UBND.doc.exe";
	v[n++] = ev;

	ev = fixture_http();
	ev.kind = EVENT_ANOMALY;
	memset(&ev.u, 0, sizeof(ev.u));
	ev.u.anomaly = (struct event_anomaly){ EVENT_ANOMALY_APPLAYER, "APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION",
					       "proto_detect", EVENT_NO_TX };
	v[n++] = ev;

	ev = fixture_tls();
	ev.kind = EVENT_NOTICE;
	memset(&ev.u, 0, sizeof(ev.u));
	ev.u.notice = (struct event_notice){ "SSL::Invalid_Server_Cert", "self signed certificate", "CN=cdn",
					     fixture_ip("10.20.5.23"), fixture_ip("185.220.101.47"), 1,
					     "application/x-dosexec", "QD-1234-UBND.doc.exe", 2 * SIM_HOUR };
	v[n++] = ev;

	ev = (struct event){ .time = fixture_at(900, 5), .kind = EVENT_LOGON, .host = win, .user = "d1.an",
			     .process = { 668, "C:\\Windows\\System32\\lsass.exe", NULL } };
	ev.conn.orig_ip = fixture_ip("10.21.0.11");
	ev.conn.orig_port = 49822;
	ev.u.logon = (struct event_logon){ EVENT_LOGON_FAILURE, "BINHDUONG", EVENT_LOGON_NETWORK, "NTLM", "D1-PC-01",
					   "dc01.binhduong.gov.vn", true, 0xC000006D, 0xC0000064, 0x3e7a1,
					   "ED25519 SHA256:abc" };
	v[n++] = ev;
	ev.host = lin;
	ev.u.logon.step = EVENT_LOGON_SUCCESS;
	ev.u.logon.method = "publickey";
	v[n++] = ev;

	ev = (struct event){ .time = fixture_at(960, 0), .kind = EVENT_PROCESS, .host = win, .user = "d1.an",
			     .process = { 4242, "C:\\Users\\d1.an\\AppData\\Local\\Temp\\QD.exe", "QD.exe /s" } };
	ev.u.process_start = (struct event_process_start){
		4100, "C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE", "BINHDUONG\\d1.an",
		"C:\\Users\\d1.an\\", "Medium", 0x3e7a1, 1, "1.0.0.1", "Update", "Office", "Microsoft", "QD.exe",
		"5d41402abc4b2a76b9719d911017c592", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
		"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", "f34d5f2d4577ed6d9ceec516c1f5a744"
	};
	v[n++] = ev;

	ev = (struct event){ .time = fixture_at(990, 0), .kind = EVENT_ACCOUNT, .host = win, .user = "admin",
			     .process = { 700, "C:\\Windows\\System32\\net.exe", "net user svc-backup /add" } };
	ev.u.account = (struct event_account){ "svc-backup", "BINHDUONG", "Backup Service", 1107 };
	v[n++] = ev;

	ev = (struct event){ .time = fixture_at(1200, 0), .kind = EVENT_MAIL,
			     .host = net_host_find(test_drill->net, "dc-mailgw-01") };
	ev.conn.serial = 9;
	ev.conn.start = fixture_at(1195, 0);
	ev.conn.orig_ip = fixture_ip("198.51.100.7");
	ev.conn.orig_port = 40112;
	ev.conn.resp_ip = fixture_ip("203.0.113.25");
	ev.conn.resp_port = 25;
	ev.conn.proto = NET_PROTO_TCP;
	ev.u.mail = (struct event_mail){ EVENT_MAIL_TAGGED, 77, "mail.hoan-thue.example", "mail.hoan-thue.example",
					 "hoanthue@hoan-thue.example", "d1.an@binhduong.gov.vn", "a1b2c3@hoan-thue.example",
					 "Hoàn thuế TNCN 2023", 48211, 87, 50, "HTML_MESSAGE,URIBL_BLACK",
					 "554 5.7.1 Spam", "mail.binhduong.gov.vn[10.1.2.3]:25" };
	v[n++] = ev;
	ev.u.mail.verdict = EVENT_MAIL_REJECTED;
	v[n++] = ev;

	ev = fgfix_utm(EVENT_UTM_VIRUS);
	ev.u.utm.reference = "http://www.fortinet.com/ve?vid=8154023";
	v[n++] = ev;
	return n;
}

#define TEST_MAX_EVENTS 32

/* The drill's clock at record i: it never goes back, and records are
 * handed over at, before or after their own time. */
static sim_time_t test_clock(int i)
{
	return fixture_at(300, 0) + (sim_time_t)i * 997;
}

/* Every record for every sensor type of the default province, encoded
 * into e at increasing clocks; ends[i] is where record i ends. */
static int test_encode_all(struct replay_enc *e, struct event *evs, enum sensor_type *types, size_t *ends)
{
	struct event kinds[TEST_MAX_EVENTS];
	int nkinds = test_events(kinds), n = 0;

	for (int t = 0; t < SENSOR_TYPE_COUNT; t++) {
		int s = test_first_sensor((enum sensor_type)t);

		if (s < 0)
			continue;
		for (int k = 0; k < nkinds; k++) {
			evs[n] = kinds[k];
			evs[n].sensor = s;
			types[n] = (enum sensor_type)t;
			replay_enc_event(e, test_clock(n), &evs[n], types[n]);
			ends[n] = e->out.len;
			n++;
		}
	}
	return n;
}

static bool test_same_render(struct render *a, struct render *b, const struct event *x, const struct event *y,
			     enum sensor_type type, bool *rendered)
{
	struct strbuf ox[RENDER_MAX_FILES] = { { 0 } }, oy[RENDER_MAX_FILES] = { { 0 } };
	struct fmt_syslogfile_times tx, ty;
	int nx = render_event(a, x, type, ox, &tx), ny = render_event(b, y, type, oy, &ty);
	bool same = nx == ny && tx.n == ty.n;

	for (size_t i = 0; same && i < tx.n; i++)
		same = tx.time[i] == ty.time[i];
	for (int f = 0; f < RENDER_MAX_FILES; f++) {
		same = same && ox[f].len == oy[f].len && memcmp(strbuf_str(&ox[f]), strbuf_str(&oy[f]), ox[f].len) == 0;
		*rendered = *rendered || ox[f].len > 0;
		strbuf_free(&ox[f]);
		strbuf_free(&oy[f]);
	}
	return same;
}

#define TEST_MAX_RECORDS (TEST_MAX_EVENTS * SENSOR_TYPE_COUNT)

TEST(every_kind_round_trips)
{
	static struct event evs[TEST_MAX_RECORDS];
	static enum sensor_type types[TEST_MAX_RECORDS];
	static size_t ends[TEST_MAX_RECORDS];
	struct replay_enc e, again;
	struct replay_dec d;
	struct replay_record rec;
	struct render *ra = render_new(test_drill->net, &test_drill->clock, 42);
	struct render *rb = render_new(test_drill->net, &test_drill->clock, 42);
	bool rendered[EVENT_KIND_COUNT] = { false };
	char err[160];
	int n, i = 0, got, differ = 0;

	replay_enc_init(&e);
	replay_enc_init(&again);
	replay_dec_init(&d);
	n = test_encode_all(&e, evs, types, ends);
	replay_dec_reset(&d, (const uint8_t *)e.out.buf, e.out.len, e.first);
	while ((got = replay_dec_next(&d, &rec, err, sizeof(err))) > 0 && i < n) {
		CHECK_INT(rec.type, REPLAY_REC_EVENT);
		CHECK_INT(rec.clock, test_clock(i));
		CHECK_INT(rec.sensor_type, types[i]);
		CHECK_INT(rec.ev.kind, evs[i].kind);
		differ += !test_same_render(ra, rb, &evs[i], &rec.ev, types[i], &rendered[evs[i].kind]);
		/* The decoded record encodes to the same bytes: every field,
		 * printed by a formatter or not, came back. */
		replay_enc_event(&again, rec.clock, &rec.ev, rec.sensor_type);
		i++;
	}
	if (got < 0)
		printf("#   record %d: %s\n", i + 1, err);
	CHECK_INT(got, 0);
	CHECK_INT(i, n);
	CHECK_INT(differ, 0);
	CHECK_INT(again.out.len, e.out.len);
	CHECK(again.out.len == e.out.len && memcmp(again.out.buf, e.out.buf, e.out.len) == 0);
	for (int k = EVENT_ALERT; k < EVENT_KIND_COUNT; k++)
		if (!rendered[k])
			printf("#   no sensor type rendered a %s record\n", event_kind_name((enum event_kind)k));
	for (int k = EVENT_ALERT; k < EVENT_KIND_COUNT; k++)
		CHECK(rendered[k]);
	replay_dec_free(&d);
	replay_enc_free(&again);
	replay_enc_free(&e);
	render_free(ra);
	render_free(rb);
}

/* A timeline entry keeps its step's technique; in a version 2 chunk,
 * which has none, the entry reads with "". */
TEST(entries_carry_their_technique)
{
	struct replay_entry step = { 90 * SIM_SECOND, DRILL_STEP, true, "apt", "phish", "d1-pc-01", NULL, "T1566.001" };
	struct replay_entry action = { 95 * SIM_SECOND, DRILL_ACTION, true, "soc", "isolate d1-pc-01", "d1-pc-01",
				       NULL, NULL };
	struct replay_enc e;
	struct replay_dec d;
	struct replay_record rec;
	char err[160];

	replay_enc_init(&e);
	replay_dec_init(&d);
	replay_enc_entry(&e, step.time, &step);
	replay_enc_entry(&e, action.time, &action);
	replay_dec_reset(&d, (const uint8_t *)e.out.buf, e.out.len, e.first);
	CHECK_INT(replay_dec_next(&d, &rec, err, sizeof(err)), 1);
	CHECK_STR(rec.entry.what, "phish");
	CHECK_STR(rec.entry.technique, "T1566.001");
	CHECK_INT(replay_dec_next(&d, &rec, err, sizeof(err)), 1);
	CHECK_STR(rec.entry.what, "isolate d1-pc-01");
	CHECK_STR(rec.entry.technique, "");
	CHECK_INT(replay_dec_next(&d, &rec, err, sizeof(err)), 0);

	/* Version 2: the same entry without its last field (a NULL string,
	 * one byte 0). */
	replay_enc_reset(&e);
	step.technique = NULL;
	replay_enc_entry(&e, step.time, &step);
	d.version = 2;
	replay_dec_reset(&d, (const uint8_t *)e.out.buf, e.out.len - 1, e.first);
	CHECK_INT(replay_dec_next(&d, &rec, err, sizeof(err)), 1);
	CHECK_STR(rec.entry.detail ? rec.entry.detail : "(null)", "(null)");
	CHECK_STR(rec.entry.technique, "");
	CHECK_INT(replay_dec_next(&d, &rec, err, sizeof(err)), 0);
	replay_dec_free(&d);
	replay_enc_free(&e);
}

/* A sensor record's time and conn.start: before version 5 against the
 * clock and the record's time, from version 5 against the previous
 * record of the kind. */
TEST(times_read_as_their_version_says)
{
	/* A flow record at clock 1000 (delta 1000 from the chunk's first
	 * clock 0): time +20, then conn.start (common field bit 3) -5, no
	 * payload field. */
	static const uint8_t raw[] = { REPLAY_REC_EVENT, 0xe8, 0x07, EVENT_FLOW, SENSOR_ZEEK, 40, 8, 9, 0 };
	struct replay_dec d;
	struct replay_record rec;
	char err[160];

	replay_dec_init(&d);
	d.version = 4;
	replay_dec_reset(&d, raw, sizeof(raw), 0);
	CHECK_INT(replay_dec_next(&d, &rec, err, sizeof(err)), 1);
	CHECK_INT(rec.clock, 1000);
	CHECK_INT(rec.ev.time, 1020);
	CHECK_INT(rec.ev.conn.start, 1015);
	d.version = 5;
	replay_dec_reset(&d, raw, sizeof(raw), 0);
	CHECK_INT(replay_dec_next(&d, &rec, err, sizeof(err)), 1);
	CHECK_INT(rec.ev.time, 20);
	CHECK_INT(rec.ev.conn.start, -5);
	replay_dec_free(&d);
}

/* Copies of one record for several sensors cost a few bytes each. */
TEST(sensor_copies_are_small)
{
	struct replay_enc e;
	struct event ev = fixture_tls();
	size_t first;

	replay_enc_init(&e);
	replay_enc_event(&e, ev.time, &ev, SENSOR_SURICATA);
	first = e.out.len;
	ev.sensor = 5;
	replay_enc_event(&e, ev.time, &ev, SENSOR_ZEEK);
	CHECK(first > 80);
	CHECK(e.out.len - first <= 8);
	replay_enc_free(&e);
}

/* Every prefix of a chunk decodes the records wholly inside it, then
 * stops: at the end (0) or with a message (-1), never past the bytes. */
TEST(chunk_prefixes_stop_cleanly)
{
	static struct event evs[TEST_MAX_RECORDS];
	static enum sensor_type types[TEST_MAX_RECORDS];
	static size_t ends[TEST_MAX_RECORDS];
	struct replay_enc e;
	struct replay_dec d;
	struct replay_record rec;
	char err[160];
	int n, bad = 0;

	replay_enc_init(&e);
	replay_dec_init(&d);
	n = test_encode_all(&e, evs, types, ends);
	for (size_t cut = 0; cut < e.out.len; cut += 1 + cut % 97) {
		uint8_t *copy = malloc(cut + 1);
		int whole = 0, got, i = 0;

		memcpy(copy, e.out.buf, cut);
		while (whole < n && ends[whole] <= cut)
			whole++;
		replay_dec_reset(&d, copy, cut, e.first);
		while ((got = replay_dec_next(&d, &rec, err, sizeof(err))) > 0)
			i++;
		if (i != whole || got != (whole > 0 && ends[whole - 1] == cut ? 0 : cut == 0 ? 0 : -1))
			bad++;
		free(copy);
	}
	CHECK_INT(bad, 0);
	replay_dec_free(&d);
	replay_enc_free(&e);
}

struct test_file {
	char path[64];
	uint64_t events, entries;
	sim_time_t clocks[4096];
	int nclocks;
};

/* A replay written by the listener: records over ten minutes, a
 * timeline entry every ten, a chunk forced every fifty. */
static void test_write_file(struct test_file *f, const char *name)
{
	struct event kinds[TEST_MAX_EVENTS];
	int nkinds = test_events(kinds);
	const char *teams[] = { "soc", "d1" };
	struct replay_origin o = { "0f0e0d0c-0000-4000-8000-000000000001", SCENARIO, NETWORK, "shared", teams, 2, 0 };
	struct replay_writer *w;
	char err[256];
	uint64_t bytes = 0;

	snprintf(f->path, sizeof(f->path), "%s/%s", test_dir, name);
	test_drill->now = 0;
	w = replay_writer_open(f->path, test_drill, &o, err, sizeof(err));
	CHECK(w != NULL);
	if (w == NULL)
		return;
	f->events = f->entries = 0;
	f->nclocks = 0;
	for (int i = 0; i < 600; i++) {
		struct event ev = kinds[i % nkinds];

		test_drill->now = (sim_time_t)i * SIM_SECOND;
		if (i % 10 == 0) {
			drill_record_step(test_drill, "apt", "beacon", "d1-pc-01", i % 20 == 0, NULL,
					  i % 20 == 0 ? "T1071.001" : NULL);
			f->entries++;
			f->clocks[f->nclocks++] = test_drill->now;
		}
		ev.conn.serial += (uint64_t)i;
		ev.time = test_drill->now;
		replay_writer_event(w, &ev, (enum sensor_type)(i % SENSOR_TYPE_COUNT));
		f->events++;
		f->clocks[f->nclocks++] = test_drill->now;
		if (i % 50 == 49)
			CHECK_INT(replay_writer_sync(w, err, sizeof(err)), 0);
	}
	f->clocks[f->nclocks++] = test_drill->now;
	CHECK_INT(replay_writer_events(w), 600);
	CHECK_INT(replay_writer_close(w, &bytes, err, sizeof(err)), 0);
	CHECK(bytes > 0);
}

/* Timeline entries read back whose technique is not the one written. */
static int test_wrong_techniques;

/* Read every record; counts by type, and clocks into clocks[]. */
static int test_read_all(struct replay_reader *r, uint64_t n[5], sim_time_t *clocks, int max)
{
	struct replay_record rec;
	char err[512];
	int got, i = 0;

	memset(n, 0, 5 * sizeof(*n));
	while ((got = replay_next(r, &rec, err, sizeof(err))) > 0) {
		if (rec.type == REPLAY_REC_ENTRY &&
		    strcmp(rec.entry.technique, rec.entry.ok ? "T1071.001" : "") != 0)
			test_wrong_techniques++;
		n[rec.type]++;
		if (i < max)
			clocks[i] = rec.clock;
		i++;
	}
	if (got < 0)
		printf("#   %s\n", err);
	return got < 0 ? -1 : i;
}

static struct test_file test_file;

TEST(file_reads_back_in_order)
{
	static sim_time_t clocks[4096];
	struct test_file *f = &test_file;
	struct replay_reader *r;
	const struct replay_header *h;
	uint64_t n[5];
	char err[512], hex[SHA256_HEX_SIZE], want[SHA256_HEX_SIZE];
	int total;

	test_write_file(f, "whole.rpl");
	r = replay_open(f->path, err, sizeof(err));
	CHECK(r != NULL);
	if (r == NULL) {
		printf("#   %s\n", err);
		return;
	}
	CHECK(replay_damage(r) == NULL);
	CHECK_INT(replay_chunks(r), 13);
	h = replay_header(r);
	CHECK_STR(h->exercise, "0f0e0d0c-0000-4000-8000-000000000001");
	CHECK_INT(h->seed, test_drill->seed);
	CHECK_INT(h->epoch_unix_us, test_drill->clock.epoch_unix_us);
	CHECK_INT(h->nteams, 2);
	CHECK_STR(h->nteams == 2 ? h->teams[1] : NULL, "d1");
	CHECK_STR(h->mode, "shared");
	sha256_hex(h->network_sha256, hex);
	sha256_file_hex(NETWORK, want);
	CHECK_STR(hex, want);
	CHECK(strstr(h->scenario_path, "/scenarios/web-defacement-dvc.lua") != NULL);
	total = test_read_all(r, n, clocks, 4096);
	CHECK_INT(total, f->nclocks);
	CHECK_INT(n[REPLAY_REC_EVENT], f->events);
	CHECK_INT(n[REPLAY_REC_ENTRY], f->entries);
	CHECK_INT(n[REPLAY_REC_END], 1);
	CHECK(total == f->nclocks && memcmp(clocks, f->clocks, (size_t)total * sizeof(*clocks)) == 0);
	CHECK_INT(test_wrong_techniques, 0);
	CHECK_INT(h->format_version, REPLAY_VERSION);
	/* Seeking to the fifth minute starts at the chunk holding it. */
	replay_seek(r, 5 * SIM_MINUTE);
	total = test_read_all(r, n, clocks, 1);
	CHECK(total > 0 && clocks[0] <= 5 * SIM_MINUTE && clocks[0] > 4 * SIM_MINUTE);
	replay_close(r);
}

static uint8_t *test_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf;

	fseek(fp, 0, SEEK_END);
	*len = (size_t)ftell(fp);
	rewind(fp);
	buf = malloc(*len + 1);
	if (fread(buf, 1, *len, fp) != *len)
		*len = 0;
	fclose(fp);
	return buf;
}

static void test_spill(const char *path, const uint8_t *buf, size_t len)
{
	FILE *fp = fopen(path, "wb");

	fwrite(buf, 1, len, fp);
	fclose(fp);
}

TEST(cut_files_keep_their_whole_chunks)
{
	static sim_time_t clocks[4096];
	struct test_file *f = &test_file;
	struct replay_reader *whole;
	struct replay_chunk_info chunks[64];
	size_t len, nchunks;
	uint8_t *buf = test_slurp(f->path, &len);
	char cut_path[80], err[512];
	int bad = 0, tried = 0;

	snprintf(cut_path, sizeof(cut_path), "%s/cut.rpl", test_dir);
	whole = replay_open(f->path, err, sizeof(err));
	CHECK(whole != NULL);
	if (whole == NULL) {
		free(buf);
		return;
	}
	nchunks = replay_chunks(whole);
	for (size_t i = 0; i < nchunks && i < 64; i++)
		chunks[i] = *replay_chunk(whole, i);
	replay_close(whole);
	for (size_t cut = chunks[0].offset; cut < len; cut += 1 + cut % 331) {
		struct replay_reader *r;
		uint64_t n[5];
		int want = 0, got;

		for (size_t i = 0; i < nchunks && chunks[i].offset + REPLAY_CHUNK_HEAD + chunks[i].zlen <= cut; i++)
			want += (int)chunks[i].records;
		test_spill(cut_path, buf, cut);
		tried++;
		r = replay_open(cut_path, err, sizeof(err));
		if (r == NULL || replay_damage(r) == NULL || strstr(replay_damage(r), "cut short at byte") == NULL) {
			printf("#   cut at %zu: %s\n", cut, r ? replay_damage(r) ? replay_damage(r) : "no damage" : err);
			bad++;
			replay_close(r);
			continue;
		}
		got = test_read_all(r, n, clocks, 4096);
		if (got != want || (got > 0 && memcmp(clocks, f->clocks, (size_t)got * sizeof(*clocks)) != 0)) {
			printf("#   cut at %zu: %d records, expected %d\n", cut, got, want);
			bad++;
		}
		replay_close(r);
	}
	CHECK(tried > 100);
	CHECK_INT(bad, 0);
	free(buf);
}

/* A stock drill's replay gives each attack step the technique the
 * scenario named for it (floods included, recorded again later). */
static void test_stock_techniques(const char *scenario, const char *step, const char *technique)
{
	struct drill_options o = { scenario, NETWORK, 0, false };
	struct replay_origin origin = { NULL, scenario, NETWORK, "shared", (const char *const[]){ "soc" }, 1, 0 };
	struct replay_writer *w;
	struct replay_reader *r;
	struct replay_record rec;
	struct diag errs;
	struct drill *d;
	char path[96], err[512];
	size_t entry = 0;
	int got, named = 0, wrong = 0, seen = 0;

	snprintf(path, sizeof(path), "%s/stock.rpl", test_dir);
	diag_init(&errs);
	d = drill_open(&o, &errs);
	diag_free(&errs);
	CHECK(d != NULL);
	if (d == NULL)
		return;
	w = replay_writer_open(path, d, &origin, err, sizeof(err));
	CHECK(w != NULL);
	if (w == NULL) {
		drill_free(d);
		return;
	}
	drill_listen(d, replay_writer_event, w);
	drill_run_until(d, SIM_TIME_MAX);
	CHECK_INT(replay_writer_close(w, NULL, err, sizeof(err)), 0);
	r = replay_open(path, err, sizeof(err));
	CHECK(r != NULL);
	while (r && (got = replay_next(r, &rec, err, sizeof(err))) > 0) {
		const struct drill_entry *de;

		if (rec.type != REPLAY_REC_ENTRY)
			continue;
		de = entry < d->nentries ? &d->entries[entry] : NULL;
		entry++;
		wrong += de == NULL || strcmp(rec.entry.technique, de->technique ? de->technique : "") != 0;
		named += rec.entry.technique[0] != '\0';
		seen += rec.entry.kind == DRILL_STEP && strcmp(rec.entry.what, step) == 0 &&
			strcmp(rec.entry.technique, technique) == 0;
	}
	CHECK_INT(entry, d->nentries);
	CHECK_INT(wrong, 0);
	CHECK(named >= 3);
	CHECK(seen > 0);
	replay_close(r);
	unlink(path);
	drill_free(d);
}

TEST(stock_steps_keep_their_techniques)
{
	test_stock_techniques("scenarios/apt-mustang-panda.lua", "phish", "T1566.001");
	test_stock_techniques("scenarios/ddos-dvc-mail.lua", "flood", "T1498.001");
}

/* A copy of the whole file with one byte changed, opened; err says why
 * not ("opened" if it did). */
static struct replay_reader *test_corrupt_open(size_t at, uint8_t value, char *err, size_t errsize)
{
	size_t len;
	uint8_t *buf = test_slurp(test_file.path, &len);
	char path[80];
	struct replay_reader *r;

	snprintf(path, sizeof(path), "%s/bad.rpl", test_dir);
	buf[at] = value;
	test_spill(path, buf, len);
	free(buf);
	r = replay_open(path, err, errsize);
	if (r != NULL)
		snprintf(err, errsize, "opened");
	return r;
}

static const char *test_corrupt(size_t at, uint8_t value, char *err, size_t errsize)
{
	replay_close(test_corrupt_open(at, value, err, errsize));
	return err;
}

struct test_damage {
	size_t chunks[8];
	int n;
	char first[600];
};

static void test_note_damage(void *ctx, size_t chunk, const char *message)
{
	struct test_damage *dm = ctx;

	if (dm->n == 0)
		snprintf(dm->first, sizeof(dm->first), "%s", message);
	if (dm->n < 8)
		dm->chunks[dm->n] = chunk;
	dm->n++;
}

/* One byte changed in chunk 3 (at offset from its head): the file opens
 * from its index; replay_check names chunk 3 alone; reading stops there
 * with the same words, and goes on with chunk 4. */
static void test_damaged_chunk(size_t offset, const char *says)
{
	struct replay_reader *r;
	struct replay_chunk_info c3;
	struct replay_record rec;
	struct test_damage dm = { .n = 0 };
	char err[600];
	uint32_t before = 0, after = 0, total = 0;
	int got;

	r = replay_open(test_file.path, err, sizeof(err));
	CHECK(r != NULL);
	if (r == NULL)
		return;
	c3 = *replay_chunk(r, 2);
	for (size_t i = 0; i < replay_chunks(r); i++)
		total += replay_chunk(r, i)->records;
	before = replay_chunk(r, 0)->records + replay_chunk(r, 1)->records;
	replay_close(r);
	r = test_corrupt_open(c3.offset + offset, 0x5a, err, sizeof(err));
	CHECK_STR(err, "opened");
	if (r == NULL)
		return;
	CHECK(replay_damage(r) == NULL);
	CHECK_INT(replay_check(r, test_note_damage, &dm), 1);
	CHECK_INT(dm.n, 1);
	CHECK_INT(dm.chunks[0], 2);
	CHECK_CONTAINS(dm.first, "chunk 3 at byte");
	CHECK_CONTAINS(dm.first, says);
	for (uint32_t i = 0; i < before; i++)
		CHECK_INT(replay_next(r, &rec, err, sizeof(err)), 1);
	CHECK_INT(replay_next(r, &rec, err, sizeof(err)), -1);
	CHECK_STR(err, dm.first);
	while ((got = replay_next(r, &rec, err, sizeof(err))) > 0)
		after++;
	CHECK_INT(got, 0);
	CHECK_INT(after, total - before - c3.records);
	replay_close(r);
}

TEST(corrupt_bytes_are_named)
{
	struct replay_reader *r;
	char err[512];

	test_damaged_chunk(REPLAY_CHUNK_HEAD + 20, "CRC-32 mismatch, the file is corrupt (2 whole chunks before it)");
	test_damaged_chunk(6, "corrupt chunk head (2 whole chunks before it)");
	CHECK_CONTAINS(test_corrupt(20, 0x01, err, sizeof(err)), "corrupt header (its CRC-32 does not match)");
	CHECK_CONTAINS(test_corrupt(0, 'X', err, sizeof(err)), "not an irdrill replay");
	CHECK_CONTAINS(test_corrupt(8, 6, err, sizeof(err)), "replay format version 6; this irdrill reads versions 2 to 5");
	CHECK_CONTAINS(test_corrupt(8, 1, err, sizeof(err)), "version 1; this irdrill reads versions 2 to 5 (record the "
		       "drill again");
	CHECK_CONTAINS(test_corrupt(0, 'I', err, sizeof(err)), "opened");
	r = replay_open(SCENARIO, err, sizeof(err));
	CHECK(r == NULL);
	CHECK_CONTAINS(err, SCENARIO ": not an irdrill replay");
	r = replay_open(test_dir, err, sizeof(err));
	CHECK(r == NULL);
	CHECK_CONTAINS(err, "not a regular file");
}

/* Without its index (cut off), a file opens by walking the chunk heads;
 * a corrupt head stops the walk there, with the chunks before it read. */
TEST(scan_stops_at_a_corrupt_head)
{
	struct replay_reader *r;
	struct replay_chunk_info c3;
	size_t len;
	uint8_t *buf = test_slurp(test_file.path, &len);
	char path[80], err[600];

	r = replay_open(test_file.path, err, sizeof(err));
	CHECK(r != NULL);
	if (r == NULL) {
		free(buf);
		return;
	}
	c3 = *replay_chunk(r, 2);
	replay_close(r);
	snprintf(path, sizeof(path), "%s/bad.rpl", test_dir);
	buf[c3.offset + 5] ^= 0x40;
	test_spill(path, buf, len - 1);
	r = replay_open(path, err, sizeof(err));
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(replay_chunks(r), 2);
		CHECK_CONTAINS(replay_damage(r) ? replay_damage(r) : "", "chunk 3 at byte");
		CHECK_CONTAINS(replay_damage(r) ? replay_damage(r) : "", "corrupt chunk head, nothing after it is read; "
			       "2 whole chunks read, index rebuilt by scanning");
		CHECK_INT(replay_check(r, NULL, NULL), 0);
	}
	replay_close(r);
	free(buf);
}

/* The same bytes read from memory as from the file. */
TEST(memory_reads_as_the_file)
{
	static sim_time_t a[4096], b[4096];
	size_t len;
	uint8_t *buf = test_slurp(test_file.path, &len);
	struct replay_reader *rf, *rm;
	uint64_t nf[5], nm[5];
	char err[600];

	rf = replay_open(test_file.path, err, sizeof(err));
	rm = replay_open_mem("mem.rpl", buf, len, err, sizeof(err));
	CHECK(rf != NULL && rm != NULL);
	if (rf && rm) {
		CHECK_INT(replay_chunks(rm), replay_chunks(rf));
		CHECK_INT(test_read_all(rm, nm, a, 4096), test_read_all(rf, nf, b, 4096));
		CHECK(memcmp(a, b, sizeof(a)) == 0 && memcmp(nm, nf, sizeof(nm)) == 0);
	}
	replay_close(rf);
	replay_close(rm);
	rm = replay_open_mem("mem.rpl", buf, len / 2, err, sizeof(err));
	CHECK(rm != NULL && replay_damage(rm) != NULL);
	CHECK_CONTAINS(rm && replay_damage(rm) ? replay_damage(rm) : "", "mem.rpl: cut short at byte");
	replay_close(rm);
	free(buf);
}

/* Seeking finds the chunk by its times, for every minute, and its
 * keyframe is there at its first clock. */
TEST(seek_finds_each_chunk)
{
	struct replay_reader *r;
	struct replay_record rec;
	char err[600];
	int bad = 0;

	r = replay_open(test_file.path, err, sizeof(err));
	CHECK(r != NULL);
	if (r == NULL)
		return;
	for (sim_time_t t = 0; t <= 11 * SIM_MINUTE; t += 7 * SIM_SECOND) {
		const struct replay_keyframe *kf;
		size_t want = 0;

		while (want < replay_chunks(r) && replay_chunk(r, want)->last < t)
			want++;
		replay_seek(r, t);
		kf = replay_keyframe(r, err, sizeof(err));
		if (want == replay_chunks(r)) {
			bad += kf != NULL || replay_next(r, &rec, err, sizeof(err)) != 0;
			continue;
		}
		if (kf == NULL || kf->chunk != want || kf->clock != replay_chunk(r, want)->first ||
		    (int)kf->nhosts != test_drill->net->nhosts || kf->nteams != 2 ||
		    replay_next(r, &rec, err, sizeof(err)) != 1 || rec.clock != replay_chunk(r, want)->first) {
			printf("#   seek %lld: chunk %zu\n", (long long)t, want);
			bad++;
		}
	}
	CHECK_INT(bad, 0);
	replay_close(r);
}

int main(void)
{
	struct drill_options o = { SCENARIO, NETWORK, 5, true };
	struct diag errs;
	char path[80];

	diag_init(&errs);
	test_drill = drill_open(&o, &errs);
	diag_free(&errs);
	if (test_drill == NULL || mkdtemp(test_dir) == NULL) {
		printf("not ok - open the drill and a temporary folder\n");
		return 1;
	}
	RUN(every_kind_round_trips);
	RUN(entries_carry_their_technique);
	RUN(times_read_as_their_version_says);
	RUN(sensor_copies_are_small);
	RUN(chunk_prefixes_stop_cleanly);
	RUN(file_reads_back_in_order);
	RUN(cut_files_keep_their_whole_chunks);
	RUN(corrupt_bytes_are_named);
	RUN(scan_stops_at_a_corrupt_head);
	RUN(memory_reads_as_the_file);
	RUN(seek_finds_each_chunk);
	RUN(stock_steps_keep_their_techniques);
	for (const char *const *name = (const char *const[]){ "whole.rpl", "cut.rpl", "bad.rpl", NULL }; *name; name++) {
		snprintf(path, sizeof(path), "%s/%s", test_dir, *name);
		unlink(path);
	}
	rmdir(test_dir);
	drill_free(test_drill);
	return harness_finish();
}
