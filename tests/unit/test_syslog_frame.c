/*
 * test_syslog_frame.c - syslog messages and their TCP framings, byte for
 * byte: the shapes util-linux logger sends, the RFC 3164 day padding, the
 * RFC 5424 field limits and character rules, structured-data escaping,
 * octet counts of multi-byte text, LF framing of a message holding LFs.
 *
 * The logger cases build the messages that util-linux logger 2.38 sent
 * in shared/formats/syslog/util-linux-logger-frames.txt (same PRI,
 * hostname, app, msgid, structured data and text, at the same instant)
 * and expect the same bytes, except that the drill writes its time in
 * +07:00 where logger wrote +00:00.
 */
#include "harness.h"

#include <stdint.h>
#include <string.h>

#include "simclock.h"
#include "strbuf.h"
#include "syslog_frame.h"

/* Clocks whose time 0 is the instant of a logger frame. */
static struct simclock test_epoch;      /* the Unix epoch itself */
static struct simclock test_drill;      /* 2023-11-08T09:15:02.123456+07:00 */

static const struct syslog_frame_settings test_5424 = {
	.clock = &test_drill,
	.format = SYSLOG_RFC5424,
};

static const struct syslog_frame_settings test_3164 = {
	.clock = &test_drill,
	.format = SYSLOG_RFC3164,
};

static const struct syslog_sd_param test_time_quality[] = {
	{ "tzKnown", "1" },
	{ "isSynced", "0" },
};

static const struct syslog_sd_param test_example_params[] = {
	{ "iut", "3" },
	{ "eventSource", "Application" },
};

/* logger's own element, then the one given with --sd-id/--sd-param. */
static const struct syslog_sd_element test_logger_sd[] = {
	{ "timeQuality", test_time_quality, 2 },
	{ "exampleSDID@32473", test_example_params, 2 },
};

/* A message with every optional part absent, text msg. */
static struct syslog_msg test_msg(const char *msg)
{
	struct syslog_msg m = {
		.facility = SYSLOG_FAC_USER,
		.severity = SYSLOG_SEV_INFO,
		.time = 0,
		.msg = msg,
		.msg_len = strlen(msg),
	};

	return m;
}

/* Render m into a fresh buffer and compare; returns nothing so that the
 * check lines stay one per case. */
static void check_frame(const struct syslog_frame_settings *s,
			struct syslog_msg m, const char *want)
{
	struct strbuf out = { 0 };

	CHECK(syslog_frame_render(s, &m, &out));
	CHECK_STR(strbuf_str(&out), want);
	CHECK_INT(out.len, strlen(want));
	strbuf_free(&out);
}

/* logger --rfc5424 -d: the sshd line with logger's timeQuality element. */
TEST(logger_5424_udp)
{
	struct syslog_frame_settings s = test_5424;
	struct syslog_msg m = test_msg("Accepted password for alice from "
				       "127.0.0.1 port 50000 ssh2");

	s.clock = &test_epoch;
	m.facility = SYSLOG_FAC_AUTH;
	m.severity = SYSLOG_SEV_INFO;
	m.time = INT64_C(1795576539518202);
	m.hostname = "vm";
	m.app = "sshd";
	m.sd = test_logger_sd;
	m.n_sd = 1;
	check_frame(&s, m,
		    "<38>1 2026-11-25T10:15:39.518202+07:00 vm sshd - - "
		    "[timeQuality tzKnown=\"1\" isSynced=\"0\"] Accepted password "
		    "for alice from 127.0.0.1 port 50000 ssh2");
}

/* logger --rfc5424 -T --octet-count --msgid ID47 --sd-id ...: the
 * octet count is the same 168, "+07:00" being as long as "+00:00". */
TEST(logger_5424_tcp_octet_counted)
{
	struct syslog_frame_settings s = test_5424;
	struct syslog_msg m = test_msg("An application event");
	struct strbuf frame = { 0 }, out = { 0 };

	s.clock = &test_epoch;
	m.facility = SYSLOG_FAC_LOCAL4;
	m.severity = SYSLOG_SEV_NOTICE;
	m.time = INT64_C(1795576539520616);
	m.hostname = "vm";
	m.app = "myapp";
	m.msgid = "ID47";
	m.sd = test_logger_sd;
	m.n_sd = 2;
	CHECK(syslog_frame_render(&s, &m, &frame));
	syslog_frame_octet_counted(&out, frame.buf, frame.len);
	CHECK_STR(strbuf_str(&out),
		  "168 <165>1 2026-11-25T10:15:39.520616+07:00 vm myapp - ID47 "
		  "[timeQuality tzKnown=\"1\" isSynced=\"0\"][exampleSDID@32473 "
		  "iut=\"3\" eventSource=\"Application\"] An application event");
	strbuf_free(&frame);
	strbuf_free(&out);
}

/* logger --rfc3164 -T: the very bytes logger sent, LF-terminated. */
TEST(logger_3164_tcp_lf)
{
	struct syslog_frame_settings s = test_3164;
	struct syslog_msg m = test_msg("connect from unknown[192.0.2.1]");
	struct strbuf frame = { 0 }, out = { 0 };

	s.clock = &test_epoch;
	m.facility = SYSLOG_FAC_MAIL;
	m.severity = SYSLOG_SEV_INFO;
	m.time = INT64_C(1795551339000000); /* 03:15:39 local */
	m.hostname = "vm";
	m.app = "postfix/smtpd";
	m.procid = "18420";
	CHECK(syslog_frame_render(&s, &m, &frame));
	syslog_frame_lf(&out, frame.buf, frame.len);
	CHECK_STR(strbuf_str(&out), "<22>Nov 25 03:15:39 vm postfix/smtpd[18420]: "
		  "connect from unknown[192.0.2.1]\n");
	strbuf_free(&frame);
	strbuf_free(&out);
}

/* logger --rfc5424=notime,notq: the nil timestamp. */
TEST(logger_5424_without_time)
{
	struct syslog_msg m = test_msg("no time no tq");

	m.facility = SYSLOG_FAC_USER;
	m.severity = SYSLOG_SEV_NOTICE;
	m.time = SYSLOG_NO_TIME;
	m.hostname = "vm";
	m.app = "app";
	check_frame(&test_5424, m, "<13>1 - vm app - - - no time no tq");
}

/* The drill's clock: six fraction digits, +07:00, every field nil. */
TEST(rfc5424_nil_fields)
{
	struct syslog_msg m = test_msg("x");

	check_frame(&test_5424, m, "<14>1 2023-11-08T09:15:02.123456+07:00 - - - - - x");
	/* Empty strings are absent too. */
	m.hostname = "";
	m.app = "";
	m.procid = "";
	m.msgid = "";
	check_frame(&test_5424, m, "<14>1 2023-11-08T09:15:02.123456+07:00 - - - - - x");
}

/* No MSG: no trailing space after the structured data, and no BOM. */
TEST(rfc5424_empty_msg)
{
	struct syslog_frame_settings s = test_5424;
	struct syslog_msg m = test_msg("");

	m.app = "app";
	check_frame(&test_5424, m, "<14>1 2023-11-08T09:15:02.123456+07:00 - app - - -");
	s.bom = true;
	check_frame(&s, m, "<14>1 2023-11-08T09:15:02.123456+07:00 - app - - -");
}

/* The BOM marks UTF-8 text only. */
TEST(rfc5424_bom)
{
	struct syslog_frame_settings s = test_5424;
	struct syslog_msg m = test_msg("Đăng nhập");

	s.bom = true;
	check_frame(&s, m, "<14>1 2023-11-08T09:15:02.123456+07:00 - - - - - "
		    "\xef\xbb\xbf" "Đăng nhập");
	/* A lone Latin-1 byte is not UTF-8: sent unmarked, as it is. */
	m.msg = "caf\xe9";
	m.msg_len = 4;
	check_frame(&s, m, "<14>1 2023-11-08T09:15:02.123456+07:00 - - - - - caf\xe9");
}

/* PRI is facility * 8 + severity, no leading zeros, 0 to 191. */
TEST(pri_range)
{
	struct syslog_msg m = test_msg("x");
	struct strbuf out = { 0 };

	m.facility = SYSLOG_FAC_KERN;
	m.severity = SYSLOG_SEV_EMERG;
	check_frame(&test_5424, m, "<0>1 2023-11-08T09:15:02.123456+07:00 - - - - - x");
	m.facility = SYSLOG_FAC_LOCAL7;
	m.severity = SYSLOG_SEV_DEBUG;
	check_frame(&test_5424, m, "<191>1 2023-11-08T09:15:02.123456+07:00 - - - - - x");
	m.facility = SYSLOG_FAC_AUTHPRIV;
	m.severity = SYSLOG_SEV_NOTICE;
	m.hostname = "h";
	check_frame(&test_3164, m, "<85>Nov  8 09:15:02 h x");
	strbuf_adds(&out, "kept");
	m.facility = 24;
	CHECK(!syslog_frame_render(&test_5424, &m, &out));
	m.facility = -1;
	CHECK(!syslog_frame_render(&test_5424, &m, &out));
	m.facility = SYSLOG_FAC_USER;
	m.severity = 8;
	CHECK(!syslog_frame_render(&test_5424, &m, &out));
	m.severity = -1;
	CHECK(!syslog_frame_render(&test_3164, &m, &out));
	CHECK_STR(strbuf_str(&out), "kept");
	strbuf_free(&out);
}

/* A string of n copies of c, for the limit tests. */
static const char *test_repeat(char *buf, char c, size_t n)
{
	memset(buf, c, n);
	buf[n] = '\0';
	return buf;
}

/* Over-long fields are cut to the RFC 5424 limits, in characters. */
TEST(rfc5424_field_limits)
{
	char host[300], app[60], procid[200], msgid[40], want[1024];
	struct syslog_msg m = test_msg("x");
	char cut_host[256], cut_app[49], cut_procid[129], cut_msgid[33];

	m.hostname = test_repeat(host, 'h', 299);
	m.app = test_repeat(app, 'a', 59);
	m.procid = test_repeat(procid, '7', 199);
	m.msgid = test_repeat(msgid, 'M', 39);
	snprintf(want, sizeof want, "<14>1 2023-11-08T09:15:02.123456+07:00 %s %s %s %s - x",
		 test_repeat(cut_host, 'h', 255), test_repeat(cut_app, 'a', 48),
		 test_repeat(cut_procid, '7', 128), test_repeat(cut_msgid, 'M', 32));
	check_frame(&test_5424, m, want);
	/* Exactly at the limit: unchanged. */
	m.hostname = cut_host;
	m.app = cut_app;
	m.procid = cut_procid;
	m.msgid = cut_msgid;
	check_frame(&test_5424, m, want);
}

/* Spaces, controls and non-ASCII characters become one '_' each, a
 * Vietnamese letter (two or three bytes) included; the limit counts
 * characters, so a cut never splits a UTF-8 sequence. */
TEST(rfc5424_field_characters)
{
	char app[100], want[256];
	struct syslog_msg m = test_msg("x");

	m.hostname = "UBND Bình Dương";
	m.app = "tab\there";
	m.procid = "\x7f" "1";
	m.msgid = "bad\xff" "byte";
	check_frame(&test_5424, m, "<14>1 2023-11-08T09:15:02.123456+07:00 "
		    "UBND_B_nh_D__ng tab_here _1 bad_byte - x");
	/* 47 ASCII letters then "ữa": the 48th character is the 3-byte ữ. */
	memset(app, 'a', 47);
	strcpy(app + 47, "ữa");
	m.hostname = NULL;
	m.app = app;
	m.procid = NULL;
	m.msgid = NULL;
	snprintf(want, sizeof want, "<14>1 2023-11-08T09:15:02.123456+07:00 - %.47s_ - - - x",
		 app);
	check_frame(&test_5424, m, want);
	/* Printable ASCII passes whole, '[' ']' '"' '=' included. */
	m.app = "a[b]c\"d=e";
	check_frame(&test_5424, m, "<14>1 2023-11-08T09:15:02.123456+07:00 - a[b]c\"d=e - - - x");
}

static const struct syslog_sd_param test_hostile_params[] = {
	{ "quote", "say \"xin chào\"" },
	{ "backslash", "C:\\Windows\\System32\\cmd.exe" },
	{ "bracket", "[ok] ]" },
	{ "empty", "" },
	{ "null", NULL },
	{ "text", "Người dùng đăng nhập thất bại" },
	{ "raw", "a\xc3" "b" },
	{ "nl", "line1\nline2" },
};

static const struct syslog_sd_element test_hostile_sd[] = {
	{ "drill@32473", test_hostile_params, 8 },
	{ "empty@32473", NULL, 0 },
};

/* '"', '\' and ']' get a backslash, '[' does not; UTF-8 and LF pass;
 * a stray byte becomes U+FFFD. */
TEST(sd_value_escaping)
{
	struct syslog_msg m = test_msg("x");

	m.sd = test_hostile_sd;
	m.n_sd = 2;
	check_frame(&test_5424, m,
		    "<14>1 2023-11-08T09:15:02.123456+07:00 - - - - "
		    "[drill@32473 quote=\"say \\\"xin chào\\\"\" "
		    "backslash=\"C:\\\\Windows\\\\System32\\\\cmd.exe\" "
		    "bracket=\"[ok\\] \\]\" empty=\"\" null=\"\" "
		    "text=\"Người dùng đăng nhập thất bại\" "
		    "raw=\"a\xef\xbf\xbd" "b\" nl=\"line1\nline2\"][empty@32473] x");
}

static const struct syslog_sd_param test_bad_names[] = {
	{ "a b=c]d\"e", "v" },
	{ "abcdefghijklmnopqrstuvwxyz0123456789", "w" },
};

static const struct syslog_sd_element test_bad_name_sd[] = {
	{ "id with space", test_bad_names, 2 },
};

/* SD names lose spaces, '=', ']' and '"', and stop at 32 characters. */
TEST(sd_names)
{
	struct syslog_msg m = test_msg("x");

	m.sd = test_bad_name_sd;
	m.n_sd = 1;
	check_frame(&test_5424, m,
		    "<14>1 2023-11-08T09:15:02.123456+07:00 - - - - "
		    "[id_with_space a_b_c_d_e=\"v\" abcdefghijklmnopqrstuvwxyz012345=\"w\"] x");
}

static const struct syslog_sd_param test_unnamed[] = { { "", "v" } };
static const struct syslog_sd_element test_unnamed_param[] = {
	{ "x@1", test_unnamed, 1 },
};
static const struct syslog_sd_element test_unnamed_element[] = {
	{ NULL, NULL, 0 },
};

/* An element or parameter without a name cannot be written at all. */
TEST(sd_empty_names_refused)
{
	struct syslog_msg m = test_msg("x");
	struct strbuf out = { 0 };

	strbuf_adds(&out, "before|");
	m.sd = test_unnamed_param;
	m.n_sd = 1;
	CHECK(!syslog_frame_render(&test_5424, &m, &out));
	m.sd = test_unnamed_element;
	CHECK(!syslog_frame_render(&test_5424, &m, &out));
	CHECK_STR(strbuf_str(&out), "before|");
	strbuf_free(&out);
}

/* Day of month padded with a space; no year, zone or fraction. */
TEST(rfc3164_day_padding)
{
	struct syslog_msg m = test_msg("Failed password for root");

	m.facility = SYSLOG_FAC_AUTH;
	m.hostname = "web01";
	m.app = "sshd";
	m.procid = "1234";
	check_frame(&test_3164, m, "<38>Nov  8 09:15:02 web01 sshd[1234]: "
		    "Failed password for root");
	/* Two days later: two digits, one space. */
	m.time = 2 * SIM_DAY;
	check_frame(&test_3164, m, "<38>Nov 10 09:15:02 web01 sshd[1234]: "
		    "Failed password for root");
}

/* The local (+07:00) date decides the day, and fractions are cut. */
TEST(rfc3164_local_midnight)
{
	struct syslog_frame_settings s = test_3164;
	struct syslog_msg m = test_msg("x");

	s.clock = &test_epoch;
	m.hostname = "h";
	m.app = "a";
	/* 2023-12-31T17:00:00Z is New Year in Bình Dương. */
	m.time = INT64_C(1704042000000000);
	check_frame(&s, m, "<14>Jan  1 00:00:00 h a: x");
	m.time -= 1;
	check_frame(&s, m, "<14>Dec 31 23:59:59 h a: x");
}

/* Without an APP-NAME there is no TAG; PROCID alone is dropped with it. */
TEST(rfc3164_without_tag)
{
	struct syslog_msg m = test_msg("date=2023-11-08 devname=\"FGT\"");

	m.hostname = "fw01";
	m.procid = "99";
	check_frame(&test_3164, m, "<14>Nov  8 09:15:02 fw01 date=2023-11-08 devname=\"FGT\"");
	/* And no MSG: the header alone, no trailing space. */
	m.app = "kernel";
	m.msg_len = 0;
	check_frame(&test_3164, m, "<14>Nov  8 09:15:02 fw01 kernel[99]:");
}

/* 3164 drops MSGID and SD, keeps hostnames to rsyslog's characters
 * (ending in a letter or digit), cuts the TAG at 32 and keeps ':' '['
 * ']' out of TAG and PROCID. */
TEST(rfc3164_fields)
{
	struct syslog_msg m = test_msg("x");
	char tag[40];

	m.hostname = "ubnd@Bình/x";
	m.app = "postfix:smtpd[1]";
	m.procid = "7]8";
	m.msgid = "ID47";
	m.sd = test_logger_sd;
	m.n_sd = 1;
	check_frame(&test_3164, m, "<14>Nov  8 09:15:02 ubnd_B_nh_x postfix_smtpd_1_[7_8]: x");
	/* rsyslog wants the hostname to end in a letter or digit. */
	m.hostname = "máy chủ";
	check_frame(&test_3164, m, "<14>Nov  8 09:15:02 m_y_ch postfix_smtpd_1_[7_8]: x");
	m.hostname = "fw01.binhduong.gov.vn.";
	check_frame(&test_3164, m, "<14>Nov  8 09:15:02 fw01.binhduong.gov.vn "
		    "postfix_smtpd_1_[7_8]: x");
	m.hostname = "mail.binhduong.gov.vn";
	m.app = test_repeat(tag, 't', 39);
	m.procid = NULL;
	check_frame(&test_3164, m, "<14>Nov  8 09:15:02 mail.binhduong.gov.vn "
		    "tttttttttttttttttttttttttttttttt: x");
}

/* What 3164 cannot say: no hostname (none left once cleaned), no time. */
TEST(rfc3164_refusals)
{
	struct syslog_msg m = test_msg("x");
	struct strbuf out = { 0 };

	m.app = "a";
	CHECK(!syslog_frame_render(&test_3164, &m, &out));
	m.hostname = "";
	CHECK(!syslog_frame_render(&test_3164, &m, &out));
	m.hostname = "ủ.-";
	CHECK(!syslog_frame_render(&test_3164, &m, &out));
	m.hostname = "h";
	m.time = SYSLOG_NO_TIME;
	CHECK(!syslog_frame_render(&test_3164, &m, &out));
	CHECK_INT(out.len, 0);
	strbuf_free(&out);
}

/* A time the clock cannot print leaves out as it was, in both formats. */
TEST(time_out_of_range)
{
	struct syslog_msg m = test_msg("x");
	struct strbuf out = { 0 };

	m.hostname = "h";
	strbuf_adds(&out, "kept");
	m.time = -INT64_C(1699409702123457); /* before 1970 */
	CHECK(!syslog_frame_render(&test_5424, &m, &out));
	CHECK(!syslog_frame_render(&test_3164, &m, &out));
	m.time = INT64_C(300000000000000000); /* past 9999 */
	CHECK(!syslog_frame_render(&test_5424, &m, &out));
	CHECK(!syslog_frame_render(&test_3164, &m, &out));
	CHECK_STR(strbuf_str(&out), "kept");
	strbuf_free(&out);
}

/* The count is of bytes: 97 for 85 characters of Vietnamese text. */
TEST(octet_count_is_bytes)
{
	struct syslog_msg m = test_msg("Người dùng đăng nhập thất bại");
	struct strbuf frame = { 0 }, out = { 0 };

	m.hostname = "ubnd-tdm";
	CHECK(syslog_frame_render(&test_5424, &m, &frame));
	CHECK_INT(frame.len, 97);
	syslog_frame_octet_counted(&out, frame.buf, frame.len);
	CHECK_STR(strbuf_str(&out), "97 <14>1 2023-11-08T09:15:02.123456+07:00 ubnd-tdm "
		  "- - - - Người dùng đăng nhập thất bại");
	strbuf_free(&frame);
	strbuf_free(&out);
}

/* Octet counting carries LFs and NULs as they are; frames append. */
TEST(octet_count_binary_and_appending)
{
	struct strbuf out = { 0 };

	syslog_frame_octet_counted(&out, "a\nb", 3);
	syslog_frame_octet_counted(&out, "\0z", 2);
	syslog_frame_octet_counted(&out, "", 0);
	CHECK_INT(out.len, 11);
	CHECK(memcmp(out.buf, "3 a\nb2 \0z0 ", 11) == 0);
	strbuf_free(&out);
}

/* LF framing: one LF at the end, each LF inside written as "#012". */
TEST(lf_framing_escapes_lf)
{
	struct strbuf out = { 0 };

	syslog_frame_lf(&out, "one", 3);
	syslog_frame_lf(&out, "\ntwo\n\nlines\n", 12);
	syslog_frame_lf(&out, "", 0);
	CHECK_STR(strbuf_str(&out), "one\n#012two#012#012lines#012\n\n");
	strbuf_free(&out);
}

/* A message with LFs frames whole: counted, or escaped for LF framing. */
TEST(multiline_msg)
{
	struct syslog_msg m = test_msg("dòng một\ndòng hai");
	struct strbuf frame = { 0 }, counted = { 0 }, lf = { 0 };

	m.app = "app";
	CHECK(syslog_frame_render(&test_5424, &m, &frame));
	CHECK_STR(strbuf_str(&frame), "<14>1 2023-11-08T09:15:02.123456+07:00 - app - - - "
		  "dòng một\ndòng hai");
	syslog_frame_octet_counted(&counted, frame.buf, frame.len);
	CHECK_STR(strbuf_str(&counted), "72 <14>1 2023-11-08T09:15:02.123456+07:00 - app - - - "
		  "dòng một\ndòng hai");
	syslog_frame_lf(&lf, frame.buf, frame.len);
	CHECK_STR(strbuf_str(&lf), "<14>1 2023-11-08T09:15:02.123456+07:00 - app - - - "
		  "dòng một#012dòng hai\n");
	strbuf_free(&frame);
	strbuf_free(&counted);
	strbuf_free(&lf);
}

/* Rendering appends and depends on nothing but its arguments. */
TEST(appends_and_deterministic)
{
	struct syslog_msg m = test_msg("x");
	struct strbuf out = { 0 };

	m.hostname = "h";
	m.app = "a";
	strbuf_adds(&out, "prefix|");
	CHECK(syslog_frame_render(&test_5424, &m, &out));
	CHECK(syslog_frame_render(&test_5424, &m, &out));
	CHECK(syslog_frame_render(&test_3164, &m, &out));
	CHECK_STR(strbuf_str(&out), "prefix|"
		  "<14>1 2023-11-08T09:15:02.123456+07:00 h a - - - x"
		  "<14>1 2023-11-08T09:15:02.123456+07:00 h a - - - x"
		  "<14>Nov  8 09:15:02 h a: x");
	strbuf_free(&out);
}

int main(void)
{
	simclock_init(&test_epoch, 0);
	simclock_init(&test_drill, INT64_C(1699409702123456));
	RUN(logger_5424_udp);
	RUN(logger_5424_tcp_octet_counted);
	RUN(logger_3164_tcp_lf);
	RUN(logger_5424_without_time);
	RUN(rfc5424_nil_fields);
	RUN(rfc5424_empty_msg);
	RUN(rfc5424_bom);
	RUN(pri_range);
	RUN(rfc5424_field_limits);
	RUN(rfc5424_field_characters);
	RUN(sd_value_escaping);
	RUN(sd_names);
	RUN(sd_empty_names_refused);
	RUN(rfc3164_day_padding);
	RUN(rfc3164_local_midnight);
	RUN(rfc3164_without_tag);
	RUN(rfc3164_fields);
	RUN(rfc3164_refusals);
	RUN(time_out_of_range);
	RUN(octet_count_is_bytes);
	RUN(octet_count_binary_and_appending);
	RUN(lf_framing_escapes_lf);
	RUN(multiline_msg);
	RUN(appends_and_deterministic);
	return harness_finish();
}
