/*
 * test_fmt_mail.c - Postfix 3.7 and spamd 4.0 lines for one message of
 * every verdict, byte for byte in both rsyslog timestamp styles; queue
 * ids and pids; each daemon's escaping of hostile text; empty values;
 * records the gateway could not have logged.
 *
 * The golden lines follow the shapes of the real Debian 12 gateway lines
 * in shared/formats/postfix (Postfix 3.7.11, spamd 4.0.1) and the format
 * strings of those binaries.
 *
 * "test_fmt_mail --write DIR" writes DIR/mail.log and
 * DIR/mail.log-traditional (postfix and spamd lines of many messages of
 * every verdict, merged in time order as one gateway's log) and
 * DIR/mail.rejects, the client address of every rejected message, which
 * tests/integration/test_formats_mail.sh compares with fail2ban's view.
 */
#include "harness.h"
#include "event_fixtures.h"
#include "fmt_test.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "fmt_mail.h"

static struct simclock test_clock;

FMT_TEST_GOLDEN(struct fmt_mail_settings, fmt_mail_render)

static const struct fmt_mail_settings test_postfix = {
	.clock = &test_clock,
	.style = FMT_SYSLOGFILE_RFC3339,
	.daemon = FMT_MAIL_POSTFIX,
	.hostname = "dc-mailgw-01",
	.id_seed = 20231108,
	.relay = "mail.binhduong.gov.vn[10.10.4.10]:25",
	.spamd_uid = 105,
	.log_subject = true,
};

/* The same gateway seen by the other sensor, or the other template. */
static struct fmt_mail_settings settings(enum fmt_mail_daemon daemon,
					 enum fmt_syslogfile_style style)
{
	struct fmt_mail_settings s = test_postfix;

	s.daemon = daemon;
	s.style = style;
	return s;
}

/* A phishing message from outside to a commune official: 3.48 s from
 * connect to the last line. */
static struct event mail_record(enum event_mail_verdict verdict)
{
	struct event ev = {
		.time = fixture_at(603, 731200),
		.kind = EVENT_MAIL,
		.dir = EVENT_FROM_ORIG,
		.host = -1,
		.conn = {
			.serial = 21,
			.start = fixture_at(600, 250000),
			.orig_ip = fixture_ip("185.220.101.47"),
			.resp_ip = fixture_ip("10.10.5.25"),
			.orig_port = 51514,
			.resp_port = 25,
			.proto = NET_PROTO_TCP,
			.app = EVENT_APP_SMTP,
		},
	};
	struct event_mail *m = &ev.u.mail;

	m->verdict = verdict;
	m->serial = 1;
	m->client_name = "mail.tailieu-hanhchinh.com";
	m->helo = "mail.tailieu-hanhchinh.com";
	m->from = "vanthu@tailieu-hanhchinh.com";
	m->to = "nguyenvana@binhduong.gov.vn";
	m->message_id = "a1b2c3.4F1A@tailieu-hanhchinh.com";
	m->subject = "Quyết định số 1234/QĐ-UBND về việc điều động cán bộ";
	m->size = 48213;
	m->score = 23;
	m->required = 50;
	m->tests = "SPF_PASS,HTML_MESSAGE,DKIM_SIGNED";
	m->relay = "mail.binhduong.gov.vn[10.10.4.10]:25";
	switch (verdict) {
	case EVENT_MAIL_TAGGED:
		m->score = 87;
		m->tests = "HTML_MESSAGE,URIBL_BLACK,RDNS_NONE";
		break;
	case EVENT_MAIL_DISCARDED:
		m->score = 1002;
		m->tests = "GTUBE,HTML_MESSAGE";
		break;
	case EVENT_MAIL_REJECTED:
		m->client_name = NULL;
		m->to = "lethib@binhduong.gov.vn";
		m->reject = "550 5.1.1 <lethib@binhduong.gov.vn>: Recipient address "
			    "rejected: User unknown in relay recipient table";
		break;
	default:
		break;
	}
	return ev;
}

/* --- Every verdict, both daemons, both styles ----------------------------- */

#define DELIVERED_SUBJECT_LINE(ts) \
	ts " dc-mailgw-01 postfix/cleanup[40263]: 5F080283104: info: header " \
	"Subject: Quyết định số 1234/QĐ-UBND về việc điều động cán bộ from " \
	"mail.tailieu-hanhchinh.com[185.220.101.47]; " \
	"from=<vanthu@tailieu-hanhchinh.com> to=<nguyenvana@binhduong.gov.vn> " \
	"proto=ESMTP helo=<mail.tailieu-hanhchinh.com>\n"

static const char delivered_postfix_rfc3339[] =
	"2023-11-08T09:10:00.250000+07:00 dc-mailgw-01 postfix/smtpd[40260]: "
	"connect from mail.tailieu-hanhchinh.com[185.220.101.47]\n"
	"2023-11-08T09:10:00.389248+07:00 dc-mailgw-01 postfix/smtpd[40260]: "
	"5F080283104: client=mail.tailieu-hanhchinh.com[185.220.101.47]\n"
	"2023-11-08T09:10:00.458872+07:00 dc-mailgw-01 postfix/cleanup[40263]: "
	"5F080283104: message-id=<a1b2c3.4F1A@tailieu-hanhchinh.com>\n"
	DELIVERED_SUBJECT_LINE("2023-11-08T09:10:00.462353+07:00")
	"2023-11-08T09:10:02.338720+07:00 dc-mailgw-01 postfix/qmgr[815]: "
	"5F080283104: from=<vanthu@tailieu-hanhchinh.com>, size=48213, nrcpt=1 "
	"(queue active)\n"
	"2023-11-08T09:10:02.408344+07:00 dc-mailgw-01 postfix/smtpd[40260]: "
	"disconnect from mail.tailieu-hanhchinh.com[185.220.101.47] ehlo=1 "
	"mail=1 rcpt=1 data=1 quit=1 commands=5\n"
	"2023-11-08T09:10:03.591952+07:00 dc-mailgw-01 postfix/smtp[40264]: "
	"5F080283104: to=<nguyenvana@binhduong.gov.vn>, "
	"relay=mail.binhduong.gov.vn[10.10.4.10]:25, delay=3.2, "
	"delays=1.9/0.14/0.21/0.91, dsn=2.0.0, status=sent (250 2.0.0 Ok: "
	"queued as 90850B9DC6)\n"
	"2023-11-08T09:10:03.731200+07:00 dc-mailgw-01 postfix/qmgr[815]: "
	"5F080283104: removed\n";

static const char delivered_postfix_traditional[] =
	"Nov  8 09:10:00 dc-mailgw-01 postfix/smtpd[40260]: "
	"connect from mail.tailieu-hanhchinh.com[185.220.101.47]\n"
	"Nov  8 09:10:00 dc-mailgw-01 postfix/smtpd[40260]: "
	"5F080283104: client=mail.tailieu-hanhchinh.com[185.220.101.47]\n"
	"Nov  8 09:10:00 dc-mailgw-01 postfix/cleanup[40263]: "
	"5F080283104: message-id=<a1b2c3.4F1A@tailieu-hanhchinh.com>\n"
	DELIVERED_SUBJECT_LINE("Nov  8 09:10:00")
	"Nov  8 09:10:02 dc-mailgw-01 postfix/qmgr[815]: "
	"5F080283104: from=<vanthu@tailieu-hanhchinh.com>, size=48213, nrcpt=1 "
	"(queue active)\n"
	"Nov  8 09:10:02 dc-mailgw-01 postfix/smtpd[40260]: "
	"disconnect from mail.tailieu-hanhchinh.com[185.220.101.47] ehlo=1 "
	"mail=1 rcpt=1 data=1 quit=1 commands=5\n"
	"Nov  8 09:10:03 dc-mailgw-01 postfix/smtp[40264]: "
	"5F080283104: to=<nguyenvana@binhduong.gov.vn>, "
	"relay=mail.binhduong.gov.vn[10.10.4.10]:25, delay=3.2, "
	"delays=1.9/0.14/0.21/0.91, dsn=2.0.0, status=sent (250 2.0.0 Ok: "
	"queued as 90850B9DC6)\n"
	"Nov  8 09:10:03 dc-mailgw-01 postfix/qmgr[815]: "
	"5F080283104: removed\n";

TEST(mail_delivered_postfix)
{
	struct fmt_mail_settings trad =
		settings(FMT_MAIL_POSTFIX, FMT_SYSLOGFILE_TRADITIONAL);

	check_line(&test_postfix, mail_record(EVENT_MAIL_DELIVERED),
		   delivered_postfix_rfc3339);
	check_line(&trad, mail_record(EVENT_MAIL_DELIVERED),
		   delivered_postfix_traditional);
}

/* The spamd lines fall inside the DATA phase, between the cleanup and
 * qmgr lines above; the tests come out sorted; "%2d" pads the score. */
TEST(mail_delivered_spamd)
{
	struct fmt_mail_settings rfc = settings(FMT_MAIL_SPAMD, FMT_SYSLOGFILE_RFC3339);
	struct fmt_mail_settings trad =
		settings(FMT_MAIL_SPAMD, FMT_SYSLOGFILE_TRADITIONAL);

	check_line(&rfc, mail_record(EVENT_MAIL_DELIVERED),
		   "2023-11-08T09:10:00.598120+07:00 dc-mailgw-01 spamd[877]: "
		   "spamd: connection from localhost [127.0.0.1]:56483 to port "
		   "783, fd 5\n"
		   "2023-11-08T09:10:00.612044+07:00 dc-mailgw-01 spamd[877]: "
		   "spamd: processing message <a1b2c3.4F1A@tailieu-hanhchinh.com> "
		   "for nguyenvana:105\n"
		   "2023-11-08T09:10:02.269096+07:00 dc-mailgw-01 spamd[877]: "
		   "spamd: clean message (2.3/5.0) for nguyenvana:105 in 1.7 "
		   "seconds, 48213 bytes.\n"
		   "2023-11-08T09:10:02.276058+07:00 dc-mailgw-01 spamd[877]: "
		   "spamd: result: .  2 - DKIM_SIGNED,HTML_MESSAGE,SPF_PASS "
		   "scantime=1.7,size=48213,user=nguyenvana,uid=105,"
		   "required_score=5.0,rhost=localhost,raddr=127.0.0.1,"
		   "rport=56483,mid=<a1b2c3.4F1A@tailieu-hanhchinh.com>,"
		   "autolearn=no autolearn_force=no\n");
	check_line(&trad, mail_record(EVENT_MAIL_DELIVERED),
		   "Nov  8 09:10:00 dc-mailgw-01 spamd[877]: "
		   "spamd: connection from localhost [127.0.0.1]:56483 to port "
		   "783, fd 5\n"
		   "Nov  8 09:10:00 dc-mailgw-01 spamd[877]: "
		   "spamd: processing message <a1b2c3.4F1A@tailieu-hanhchinh.com> "
		   "for nguyenvana:105\n"
		   "Nov  8 09:10:02 dc-mailgw-01 spamd[877]: "
		   "spamd: clean message (2.3/5.0) for nguyenvana:105 in 1.7 "
		   "seconds, 48213 bytes.\n"
		   "Nov  8 09:10:02 dc-mailgw-01 spamd[877]: "
		   "spamd: result: .  2 - DKIM_SIGNED,HTML_MESSAGE,SPF_PASS "
		   "scantime=1.7,size=48213,user=nguyenvana,uid=105,"
		   "required_score=5.0,rhost=localhost,raddr=127.0.0.1,"
		   "rport=56483,mid=<a1b2c3.4F1A@tailieu-hanhchinh.com>,"
		   "autolearn=no autolearn_force=no\n");
}

/* Tagging happens in the headers only: Postfix logs exactly what it logs
 * for clean mail; spamd says spam. */
TEST(mail_tagged)
{
	struct fmt_mail_settings rfc = settings(FMT_MAIL_SPAMD, FMT_SYSLOGFILE_RFC3339);
	struct fmt_mail_settings trad =
		settings(FMT_MAIL_SPAMD, FMT_SYSLOGFILE_TRADITIONAL);
	struct fmt_mail_settings postfix_trad =
		settings(FMT_MAIL_POSTFIX, FMT_SYSLOGFILE_TRADITIONAL);

	check_line(&test_postfix, mail_record(EVENT_MAIL_TAGGED),
		   delivered_postfix_rfc3339);
	check_line(&postfix_trad, mail_record(EVENT_MAIL_TAGGED),
		   delivered_postfix_traditional);
	check_line(&rfc, mail_record(EVENT_MAIL_TAGGED),
		   "2023-11-08T09:10:00.598120+07:00 dc-mailgw-01 spamd[877]: "
		   "spamd: connection from localhost [127.0.0.1]:56483 to port "
		   "783, fd 5\n"
		   "2023-11-08T09:10:00.612044+07:00 dc-mailgw-01 spamd[877]: "
		   "spamd: processing message <a1b2c3.4F1A@tailieu-hanhchinh.com> "
		   "for nguyenvana:105\n"
		   "2023-11-08T09:10:02.269096+07:00 dc-mailgw-01 spamd[877]: "
		   "spamd: identified spam (8.7/5.0) for nguyenvana:105 in 1.7 "
		   "seconds, 48213 bytes.\n"
		   "2023-11-08T09:10:02.276058+07:00 dc-mailgw-01 spamd[877]: "
		   "spamd: result: Y  8 - HTML_MESSAGE,RDNS_NONE,URIBL_BLACK "
		   "scantime=1.7,size=48213,user=nguyenvana,uid=105,"
		   "required_score=5.0,rhost=localhost,raddr=127.0.0.1,"
		   "rport=56483,mid=<a1b2c3.4F1A@tailieu-hanhchinh.com>,"
		   "autolearn=no autolearn_force=no\n");
	check_line(&trad, mail_record(EVENT_MAIL_TAGGED),
		   "Nov  8 09:10:00 dc-mailgw-01 spamd[877]: "
		   "spamd: connection from localhost [127.0.0.1]:56483 to port "
		   "783, fd 5\n"
		   "Nov  8 09:10:00 dc-mailgw-01 spamd[877]: "
		   "spamd: processing message <a1b2c3.4F1A@tailieu-hanhchinh.com> "
		   "for nguyenvana:105\n"
		   "Nov  8 09:10:02 dc-mailgw-01 spamd[877]: "
		   "spamd: identified spam (8.7/5.0) for nguyenvana:105 in 1.7 "
		   "seconds, 48213 bytes.\n"
		   "Nov  8 09:10:02 dc-mailgw-01 spamd[877]: "
		   "spamd: result: Y  8 - HTML_MESSAGE,RDNS_NONE,URIBL_BLACK "
		   "scantime=1.7,size=48213,user=nguyenvana,uid=105,"
		   "required_score=5.0,rhost=localhost,raddr=127.0.0.1,"
		   "rport=56483,mid=<a1b2c3.4F1A@tailieu-hanhchinh.com>,"
		   "autolearn=no autolearn_force=no\n");
}

/* cleanup logs the milter_header_checks hit with the header cut to 60
 * bytes (46 of the 50 stars) and removes the queue file: no qmgr, no smtp.
 * The client still saw 250, so the disconnect counts are clean. */
#define DISCARD_TAIL \
	"from mail.tailieu-hanhchinh.com[185.220.101.47]; " \
	"from=<vanthu@tailieu-hanhchinh.com> to=<nguyenvana@binhduong.gov.vn> " \
	"proto=ESMTP helo=<mail.tailieu-hanhchinh.com>"

TEST(mail_discarded_postfix)
{
	struct fmt_mail_settings trad =
		settings(FMT_MAIL_POSTFIX, FMT_SYSLOGFILE_TRADITIONAL);

	check_line(&test_postfix, mail_record(EVENT_MAIL_DISCARDED),
		   "2023-11-08T09:10:00.250000+07:00 dc-mailgw-01 postfix/smtpd[40260]: "
		   "connect from mail.tailieu-hanhchinh.com[185.220.101.47]\n"
		   "2023-11-08T09:10:00.458872+07:00 dc-mailgw-01 postfix/smtpd[40260]: "
		   "70078283104: client=mail.tailieu-hanhchinh.com[185.220.101.47]\n"
		   "2023-11-08T09:10:00.563308+07:00 dc-mailgw-01 postfix/cleanup[40263]: "
		   "70078283104: message-id=<a1b2c3.4F1A@tailieu-hanhchinh.com>\n"
		   "2023-11-08T09:10:00.566789+07:00 dc-mailgw-01 postfix/cleanup[40263]: "
		   "70078283104: info: header Subject: Quyết định số 1234/QĐ-UBND về "
		   "việc điều động cán bộ " DISCARD_TAIL "\n"
		   "2023-11-08T09:10:03.383080+07:00 dc-mailgw-01 postfix/cleanup[40263]: "
		   "70078283104: milter-header-discard: header X-Spam-Level: "
		   "********************************************** " DISCARD_TAIL
		   ": spam score 15 or more\n"
		   "2023-11-08T09:10:03.731200+07:00 dc-mailgw-01 postfix/smtpd[40260]: "
		   "disconnect from mail.tailieu-hanhchinh.com[185.220.101.47] ehlo=1 "
		   "mail=1 rcpt=1 data=1 quit=1 commands=5\n");
	check_line(&trad, mail_record(EVENT_MAIL_DISCARDED),
		   "Nov  8 09:10:00 dc-mailgw-01 postfix/smtpd[40260]: "
		   "connect from mail.tailieu-hanhchinh.com[185.220.101.47]\n"
		   "Nov  8 09:10:00 dc-mailgw-01 postfix/smtpd[40260]: "
		   "70078283104: client=mail.tailieu-hanhchinh.com[185.220.101.47]\n"
		   "Nov  8 09:10:00 dc-mailgw-01 postfix/cleanup[40263]: "
		   "70078283104: message-id=<a1b2c3.4F1A@tailieu-hanhchinh.com>\n"
		   "Nov  8 09:10:00 dc-mailgw-01 postfix/cleanup[40263]: "
		   "70078283104: info: header Subject: Quyết định số 1234/QĐ-UBND về "
		   "việc điều động cán bộ " DISCARD_TAIL "\n"
		   "Nov  8 09:10:03 dc-mailgw-01 postfix/cleanup[40263]: "
		   "70078283104: milter-header-discard: header X-Spam-Level: "
		   "********************************************** " DISCARD_TAIL
		   ": spam score 15 or more\n"
		   "Nov  8 09:10:03 dc-mailgw-01 postfix/smtpd[40260]: "
		   "disconnect from mail.tailieu-hanhchinh.com[185.220.101.47] ehlo=1 "
		   "mail=1 rcpt=1 data=1 quit=1 commands=5\n");
}

/* A score with a four-digit integer part keeps its width; the scan of a
 * discarded message ends before the discard line. */
TEST(mail_discarded_spamd)
{
	struct fmt_mail_settings rfc = settings(FMT_MAIL_SPAMD, FMT_SYSLOGFILE_RFC3339);
	struct fmt_mail_settings trad =
		settings(FMT_MAIL_SPAMD, FMT_SYSLOGFILE_TRADITIONAL);

	check_line(&rfc, mail_record(EVENT_MAIL_DISCARDED),
		   "2023-11-08T09:10:00.772180+07:00 dc-mailgw-01 spamd[877]: "
		   "spamd: connection from localhost [127.0.0.1]:56483 to port "
		   "783, fd 5\n"
		   "2023-11-08T09:10:00.793067+07:00 dc-mailgw-01 spamd[877]: "
		   "spamd: processing message <a1b2c3.4F1A@tailieu-hanhchinh.com> "
		   "for nguyenvana:105\n"
		   "2023-11-08T09:10:03.278644+07:00 dc-mailgw-01 spamd[877]: "
		   "spamd: identified spam (100.2/5.0) for nguyenvana:105 in 2.5 "
		   "seconds, 48213 bytes.\n"
		   "2023-11-08T09:10:03.289087+07:00 dc-mailgw-01 spamd[877]: "
		   "spamd: result: Y 100 - GTUBE,HTML_MESSAGE scantime=2.5,"
		   "size=48213,user=nguyenvana,uid=105,required_score=5.0,"
		   "rhost=localhost,raddr=127.0.0.1,rport=56483,"
		   "mid=<a1b2c3.4F1A@tailieu-hanhchinh.com>,autolearn=no "
		   "autolearn_force=no\n");
	check_line(&trad, mail_record(EVENT_MAIL_DISCARDED),
		   "Nov  8 09:10:00 dc-mailgw-01 spamd[877]: "
		   "spamd: connection from localhost [127.0.0.1]:56483 to port "
		   "783, fd 5\n"
		   "Nov  8 09:10:00 dc-mailgw-01 spamd[877]: "
		   "spamd: processing message <a1b2c3.4F1A@tailieu-hanhchinh.com> "
		   "for nguyenvana:105\n"
		   "Nov  8 09:10:03 dc-mailgw-01 spamd[877]: "
		   "spamd: identified spam (100.2/5.0) for nguyenvana:105 in 2.5 "
		   "seconds, 48213 bytes.\n"
		   "Nov  8 09:10:03 dc-mailgw-01 spamd[877]: "
		   "spamd: result: Y 100 - GTUBE,HTML_MESSAGE scantime=2.5,"
		   "size=48213,user=nguyenvana,uid=105,required_score=5.0,"
		   "rhost=localhost,raddr=127.0.0.1,rport=56483,"
		   "mid=<a1b2c3.4F1A@tailieu-hanhchinh.com>,autolearn=no "
		   "autolearn_force=no\n");
}

/* No reverse DNS: "unknown[ip]".  The refused RCPT counts as 0/1. */
TEST(mail_rejected)
{
	struct fmt_mail_settings trad =
		settings(FMT_MAIL_POSTFIX, FMT_SYSLOGFILE_TRADITIONAL);

	check_line(&test_postfix, mail_record(EVENT_MAIL_REJECTED),
		   "2023-11-08T09:10:00.250000+07:00 dc-mailgw-01 postfix/smtpd[40260]: "
		   "connect from unknown[185.220.101.47]\n"
		   "2023-11-08T09:10:02.338720+07:00 dc-mailgw-01 postfix/smtpd[40260]: "
		   "NOQUEUE: reject: RCPT from unknown[185.220.101.47]: 550 5.1.1 "
		   "<lethib@binhduong.gov.vn>: Recipient address rejected: User "
		   "unknown in relay recipient table; "
		   "from=<vanthu@tailieu-hanhchinh.com> to=<lethib@binhduong.gov.vn> "
		   "proto=ESMTP helo=<mail.tailieu-hanhchinh.com>\n"
		   "2023-11-08T09:10:03.731200+07:00 dc-mailgw-01 postfix/smtpd[40260]: "
		   "disconnect from unknown[185.220.101.47] ehlo=1 mail=1 rcpt=0/1 "
		   "quit=1 commands=3/4\n");
	check_line(&trad, mail_record(EVENT_MAIL_REJECTED),
		   "Nov  8 09:10:00 dc-mailgw-01 postfix/smtpd[40260]: "
		   "connect from unknown[185.220.101.47]\n"
		   "Nov  8 09:10:02 dc-mailgw-01 postfix/smtpd[40260]: "
		   "NOQUEUE: reject: RCPT from unknown[185.220.101.47]: 550 5.1.1 "
		   "<lethib@binhduong.gov.vn>: Recipient address rejected: User "
		   "unknown in relay recipient table; "
		   "from=<vanthu@tailieu-hanhchinh.com> to=<lethib@binhduong.gov.vn> "
		   "proto=ESMTP helo=<mail.tailieu-hanhchinh.com>\n"
		   "Nov  8 09:10:03 dc-mailgw-01 postfix/smtpd[40260]: "
		   "disconnect from unknown[185.220.101.47] ehlo=1 mail=1 rcpt=0/1 "
		   "quit=1 commands=3/4\n");
}

/* A rejected message never reached spamd: its sensor writes nothing. */
TEST(mail_rejected_not_in_spamd)
{
	struct fmt_mail_settings spamd = settings(FMT_MAIL_SPAMD, FMT_SYSLOGFILE_RFC3339);
	struct strbuf out;

	CHECK_INT(render(&spamd, mail_record(EVENT_MAIL_REJECTED), &out),
		  EVENT_NOT_RENDERED);
	CHECK_INT(out.len, 0);
	strbuf_free(&out);
}

/* --- Queue ids and pids --------------------------------------------------- */

/* The text after "]: " of a line, and the pid inside "[…]: ". */
static const char *line_message(const char *line, unsigned long *pid)
{
	const char *end = strstr(line, "]: ");
	const char *open = end;

	while (open > line && open[-1] != '[')
		open--;
	*pid = strtoul(open, NULL, 10);
	return end + 3;
}

/* The queue id a Postfix line starts with, or "" for connect/disconnect
 * and NOQUEUE lines. */
static void line_queue_id(const char *msg, char id[FMT_MAIL_QUEUE_ID_SIZE])
{
	size_t n = strspn(msg, "0123456789ABCDEF");

	id[0] = '\0';
	if (n >= 10 && n <= 11 && msg[n] == ':') {
		memcpy(id, msg, n);
		id[n] = '\0';
	}
}

/* Every line naming a queue id names the message's one id; the first
 * five digits are the microsecond of the client= line, the rest the
 * inode, 10 or 11 upper-case hex digits in all. */
TEST(mail_queue_id_stable_within_a_message)
{
	static const enum event_mail_verdict verdicts[] = {
		EVENT_MAIL_DELIVERED, EVENT_MAIL_TAGGED, EVENT_MAIL_DISCARDED,
	};
	size_t v;

	for (v = 0; v < 3; v++) {
		struct event ev = mail_record(verdicts[v]);
		char want[FMT_MAIL_QUEUE_ID_SIZE], id[FMT_MAIL_QUEUE_ID_SIZE];
		char usec[6];
		struct strbuf out;
		char *line, *save = NULL;
		int with_id = 0;

		CHECK(fmt_mail_queue_id(&test_postfix, &ev, want));
		CHECK(strlen(want) == 10 || strlen(want) == 11);
		CHECK_INT(strspn(want, "0123456789ABCDEF"), strlen(want));
		CHECK_INT(render(&test_postfix, ev, &out), EVENT_RENDERED);
		for (line = out.buf != NULL ? strtok_r(out.buf, "\n", &save) : NULL;
		     line != NULL;
		     line = strtok_r(NULL, "\n", &save)) {
			unsigned long pid;
			const char *msg = line_message(line, &pid);

			line_queue_id(msg, id);
			if (id[0] == '\0')
				continue;
			with_id++;
			CHECK_STR(id, want);
			if (strstr(msg, ": client=") != NULL) {
				/* "…:00.389248+07:00" -> 389248 = 0x5F080 */
				snprintf(usec, sizeof usec, "%05lX",
					 strtoul(strchr(line, '.') + 1, NULL, 10));
				CHECK(strncmp(id, usec, 5) == 0);
			}
		}
		CHECK_INT(with_id, verdicts[v] == EVENT_MAIL_DISCARDED ? 4 : 6);
		strbuf_free(&out);
	}
	{
		struct event ev = mail_record(EVENT_MAIL_REJECTED);
		char id[FMT_MAIL_QUEUE_ID_SIZE];

		CHECK(!fmt_mail_queue_id(&test_postfix, &ev, id));
	}
}

static int compare_ids(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Thousands of messages a second apart, some in the same microsecond of
 * their second: no two share a queue id. */
TEST(mail_queue_ids_distinct_across_messages)
{
	enum { N = 5000 };
	static char ids[N][FMT_MAIL_QUEUE_ID_SIZE];
	int i, dup = 0, short_ids = 0;

	for (i = 0; i < N; i++) {
		struct event ev = mail_record(EVENT_MAIL_DELIVERED);

		ev.u.mail.serial = (uint64_t)i + 1;
		ev.conn.start = fixture_at(1000 + i, 0);
		ev.time = fixture_at(1000 + i, 500000);
		CHECK(fmt_mail_queue_id(&test_postfix, &ev, ids[i]));
		short_ids += strlen(ids[i]) == 10;
	}
	qsort(ids, N, sizeof ids[0], compare_ids);
	for (i = 1; i < N; i++)
		dup += strcmp(ids[i - 1], ids[i]) == 0;
	CHECK_INT(dup, 0);
	/* Both lengths occur, as inode numbers vary in width. */
	CHECK(short_ids > 0 && short_ids < N);
}

/* The pid each tag logs with, in the postfix lines of ev. */
struct mail_pids {
	unsigned long smtpd, cleanup, qmgr, smtp, spamd;
};

static void collect_pids(struct event ev, struct mail_pids *p)
{
	struct fmt_mail_settings spamd = settings(FMT_MAIL_SPAMD, FMT_SYSLOGFILE_RFC3339);
	static const struct {
		const char *tag;
		size_t field;
	} tags[] = {
		{ "postfix/smtpd[", offsetof(struct mail_pids, smtpd) },
		{ "postfix/cleanup[", offsetof(struct mail_pids, cleanup) },
		{ "postfix/qmgr[", offsetof(struct mail_pids, qmgr) },
		{ "postfix/smtp[", offsetof(struct mail_pids, smtp) },
		{ "spamd[", offsetof(struct mail_pids, spamd) },
	};
	struct strbuf out;
	char *line, *save = NULL;
	size_t t;

	memset(p, 0, sizeof *p);
	CHECK_INT(render(&test_postfix, ev, &out), EVENT_RENDERED);
	CHECK_INT(fmt_mail_render(&spamd, &ev, &out), EVENT_RENDERED);
	for (line = out.buf != NULL ? strtok_r(out.buf, "\n", &save) : NULL;
	     line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		for (t = 0; t < sizeof tags / sizeof tags[0]; t++) {
			const char *at = strstr(line, tags[t].tag);
			unsigned long *field, pid;

			if (at == NULL)
				continue;
			field = (unsigned long *)((char *)p + tags[t].field);
			pid = strtoul(at + strlen(tags[t].tag), NULL, 10);
			/* One daemon, one pid, on every line of the message. */
			CHECK(*field == 0 || *field == pid);
			*field = pid;
		}
	}
	strbuf_free(&out);
}

/* Every daemon its own pid, the same on all its lines; qmgr and spamd's
 * children live across messages, smtpd and cleanup are new ones. */
TEST(mail_pids)
{
	struct event other = mail_record(EVENT_MAIL_DELIVERED);
	struct mail_pids a, b;

	collect_pids(mail_record(EVENT_MAIL_DELIVERED), &a);
	CHECK(a.smtpd != 0 && a.cleanup != 0 && a.qmgr != 0 && a.smtp != 0 &&
	      a.spamd != 0);
	CHECK(a.smtpd != a.cleanup && a.smtpd != a.qmgr && a.smtpd != a.smtp &&
	      a.smtpd != a.spamd && a.cleanup != a.qmgr && a.cleanup != a.smtp &&
	      a.cleanup != a.spamd && a.qmgr != a.smtp && a.qmgr != a.spamd &&
	      a.smtp != a.spamd);
	other.u.mail.serial = 2;
	collect_pids(other, &b);
	CHECK_INT(b.qmgr, a.qmgr);
	CHECK(b.smtpd != a.smtpd);
	CHECK(b.cleanup != a.cleanup);
}

/* --- Hostile text ---------------------------------------------------------- */

/*
 * Postfix's printable(): TAB, LF, CR, other controls and DEL become '?',
 * quotes and backslashes stay, valid UTF-8 stays; rsyslog then has
 * nothing left to escape.
 */
TEST(mail_postfix_masks_control_bytes)
{
	struct event ev = mail_record(EVENT_MAIL_DELIVERED);
	struct strbuf out;

	ev.u.mail.subject = "Tải\tvề\r\nQĐ \"số 5\" C:\\tmp\x01\x7f";
	ev.u.mail.client_name = "evil\nhost";
	ev.u.mail.from = "nguyễn.văn@ví-dụ.vn";
	CHECK_INT(render(&test_postfix, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       "info: header Subject: Tải?về??QĐ \"số 5\" C:\\tmp?? "
		       "from evil?host[185.220.101.47]; "
		       "from=<nguyễn.văn@ví-dụ.vn> to=<nguyenvana@binhduong.gov.vn>");
	CHECK_CONTAINS(strbuf_str(&out), "connect from evil?host[185.220.101.47]\n");
	CHECK(strchr(strbuf_str(&out), '#') == NULL);
	CHECK_INT(fmt_test_count_lines(&out, "2023-11-08T09:1"), 8);
	strbuf_free(&out);
}

/*
 * cleanup cuts the header it logs at 200 bytes.  Here the cut falls after
 * the first byte of "ệ"; Postfix's printable() sees a lone lead byte
 * followed by a space and makes it '?'.
 */
TEST(mail_subject_cut_at_200_bytes)
{
	struct event ev = mail_record(EVENT_MAIL_DELIVERED);
	struct strbuf subject, want, out;
	int i;

	strbuf_init(&subject);
	strbuf_init(&want);
	/* "Subject: " is 9 bytes, 190 more reach byte 199, ệ starts there. */
	for (i = 0; i < 190; i++)
		strbuf_addc(&subject, 'a');
	strbuf_adds(&want, "info: header Subject: ");
	strbuf_adds(&want, strbuf_str(&subject));
	strbuf_adds(&want, "? from mail.tailieu-hanhchinh.com[");
	strbuf_adds(&subject, "ệ và phần còn lại");
	ev.u.mail.subject = strbuf_str(&subject);
	CHECK_INT(render(&test_postfix, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), strbuf_str(&want));
	CHECK(strstr(strbuf_str(&out), "phần") == NULL);
	strbuf_free(&out);
	strbuf_free(&want);
	strbuf_free(&subject);
}

/*
 * spamd: the Message-ID goes through parse_msgids() (comments dropped,
 * white space collapsed, the <…> part kept, odd bytes '?'), mid= turns
 * commas into '_'; the whole message through escape_str(), so the UTF-8
 * of an internationalised recipient reads \x{NN} and a backslash \\.
 */
TEST(mail_spamd_escaping)
{
	struct fmt_mail_settings spamd = settings(FMT_MAIL_SPAMD, FMT_SYSLOGFILE_RFC3339);
	struct event ev = mail_record(EVENT_MAIL_TAGGED);
	struct strbuf out;

	ev.u.mail.message_id = "id\twith\n spacé(chú thích)@b,c";
	ev.u.mail.to = "nguyễn\\a@binhduong.gov.vn";
	CHECK_INT(render(&spamd, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       "spamd: processing message <id?with?spac??@b,c> for "
		       "nguy\\x{E1}\\x{BB}\\x{85}n\\\\a:105\n");
	CHECK_CONTAINS(strbuf_str(&out),
		       ",user=nguy\\x{E1}\\x{BB}\\x{85}n\\\\a,uid=105,");
	CHECK_CONTAINS(strbuf_str(&out), ",mid=<id?with?spac??@b_c>,autolearn=no");
	CHECK_INT(fmt_test_count_lines(&out, "2023-11-08T09:1"), 4);
	strbuf_free(&out);
}

/* Nothing left of the Message-ID, or none at all: "(unknown)" for spamd,
 * "message-id=<>" for cleanup, as Postfix logs mail that has none. */
TEST(mail_without_message_id)
{
	struct fmt_mail_settings spamd = settings(FMT_MAIL_SPAMD, FMT_SYSLOGFILE_RFC3339);
	struct event ev = mail_record(EVENT_MAIL_DELIVERED);
	struct strbuf out;

	ev.u.mail.message_id = NULL;
	CHECK_INT(render(&spamd, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "processing message (unknown) for");
	CHECK_CONTAINS(strbuf_str(&out), ",mid=(unknown),autolearn=no");
	strbuf_free(&out);
	CHECK_INT(render(&test_postfix, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), ": 5F080283104: message-id=<>\n");
	strbuf_free(&out);
	ev.u.mail.message_id = "";
	CHECK_INT(render(&spamd, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "processing message (unknown) for");
	strbuf_free(&out);
}

/*
 * Empty values: the null sender is from=<>; a client that never said
 * HELO gets proto=SMTP, no helo= and no ehlo count; no rules hit leaves
 * spamd's two spaces; an empty subject is still a header.
 */
TEST(mail_empty_values)
{
	struct fmt_mail_settings spamd = settings(FMT_MAIL_SPAMD, FMT_SYSLOGFILE_RFC3339);
	struct event ev = mail_record(EVENT_MAIL_DELIVERED);
	struct strbuf out;

	ev.u.mail.from = "";
	ev.u.mail.helo = NULL;
	ev.u.mail.tests = NULL;
	ev.u.mail.subject = "";
	CHECK_INT(render(&test_postfix, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       "info: header Subject:  from mail.tailieu-hanhchinh.com"
		       "[185.220.101.47]; from=<> to=<nguyenvana@binhduong.gov.vn> "
		       "proto=SMTP\n");
	CHECK_CONTAINS(strbuf_str(&out), "5F080283104: from=<>, size=48213,");
	CHECK_CONTAINS(strbuf_str(&out),
		       "[185.220.101.47] mail=1 rcpt=1 data=1 quit=1 commands=4\n");
	strbuf_free(&out);
	CHECK_INT(render(&spamd, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "result: .  2 -  scantime=1.7,");
	strbuf_free(&out);
	ev = mail_record(EVENT_MAIL_REJECTED);
	ev.u.mail.helo = NULL;
	CHECK_INT(render(&test_postfix, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       "to=<lethib@binhduong.gov.vn> proto=SMTP\n");
	CHECK_CONTAINS(strbuf_str(&out), "mail=1 rcpt=0/1 quit=1 commands=2/3\n");
	strbuf_free(&out);
	/* Without log_subject no header line at all. */
	ev = mail_record(EVENT_MAIL_DELIVERED);
	{
		struct fmt_mail_settings quiet = test_postfix;

		quiet.log_subject = false;
		CHECK_INT(render(&quiet, ev, &out), EVENT_RENDERED);
		CHECK(strstr(strbuf_str(&out), "Subject") == NULL);
		CHECK_INT(fmt_test_count_lines(&out, "2023-11-08T09:1"), 7);
		strbuf_free(&out);
	}
}

/* spamd lists the rules sorted, without empty names. */
TEST(mail_spamd_tests_sorted)
{
	struct fmt_mail_settings spamd = settings(FMT_MAIL_SPAMD, FMT_SYSLOGFILE_RFC3339);
	struct event ev = mail_record(EVENT_MAIL_TAGGED);
	struct strbuf out;

	ev.u.mail.tests = ",URIBL_BLACK,,BAYES_99,T_REMOTE_IMAGE,BAYES_999,";
	CHECK_INT(render(&spamd, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       " - BAYES_99,BAYES_999,T_REMOTE_IMAGE,URIBL_BLACK scantime=");
	strbuf_free(&out);
}

/* --- Times and scores ----------------------------------------------------- */

/* Everything in one microsecond: every line at that time, every delay
 * "0", a scan of "0.0" seconds. */
TEST(mail_zero_span)
{
	struct fmt_mail_settings spamd = settings(FMT_MAIL_SPAMD, FMT_SYSLOGFILE_RFC3339);
	struct event ev = mail_record(EVENT_MAIL_DELIVERED);
	struct strbuf out;
	const char *p;
	int lines = 0;

	ev.time = ev.conn.start;
	CHECK_INT(render(&test_postfix, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), ", delay=0, delays=0/0/0/0, dsn=2.0.0,");
	for (p = strbuf_str(&out); *p != '\0'; p = strchr(p, '\n') + 1) {
		CHECK(strncmp(p, "2023-11-08T09:10:00.250000+07:00 ", 33) == 0);
		lines++;
	}
	CHECK_INT(lines, 8);
	strbuf_free(&out);
	CHECK_INT(render(&spamd, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "in 0.0 seconds, 48213 bytes.");
	CHECK_CONTAINS(strbuf_str(&out), "scantime=0.0,");
	strbuf_free(&out);
}

/* A slow delivery of 100 s: whole seconds from 10 s up, one decimal
 * between 1 and 10 (client at 4 s, qmgr 60 s, handoff 64, setup 70, sent
 * 96). */
TEST(mail_long_delays)
{
	struct event ev = mail_record(EVENT_MAIL_DELIVERED);
	struct strbuf out;

	ev.time = ev.conn.start + 100 * SIM_SECOND;
	CHECK_INT(render(&test_postfix, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), ", delay=92, delays=56/4/6/26, dsn=");
	strbuf_free(&out);
	ev.time = ev.conn.start + 25 * SIM_SECOND;
	CHECK_INT(render(&test_postfix, ev, &out), EVENT_RENDERED);
	/* 23, 14, 1.0 -> "1", 1.5, 6.5 */
	CHECK_CONTAINS(strbuf_str(&out), ", delay=23, delays=14/1/1.5/6.5, dsn=");
	strbuf_free(&out);
}

/*
 * Scores in tenths: a negative score prints "-0.5" and " 0"; a score
 * equal to the threshold is spam; a threshold of 0 is SpamAssassin's
 * default, 5.0.
 */
TEST(mail_scores)
{
	struct fmt_mail_settings spamd = settings(FMT_MAIL_SPAMD, FMT_SYSLOGFILE_RFC3339);
	struct event ev = mail_record(EVENT_MAIL_DELIVERED);
	struct strbuf out;

	ev.u.mail.score = -5;
	ev.u.mail.required = 0;
	CHECK_INT(render(&spamd, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "clean message (-0.5/5.0) for");
	CHECK_CONTAINS(strbuf_str(&out), "result: .  0 - ");
	CHECK_CONTAINS(strbuf_str(&out), ",required_score=5.0,");
	strbuf_free(&out);
	ev = mail_record(EVENT_MAIL_TAGGED);
	ev.u.mail.score = 62;
	ev.u.mail.required = 62;
	CHECK_INT(render(&spamd, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "identified spam (6.2/6.2) for");
	CHECK_CONTAINS(strbuf_str(&out), "result: Y  6 - ");
	strbuf_free(&out);
	/* 15.0 points is the first discarded score: 15 stars. */
	ev = mail_record(EVENT_MAIL_DISCARDED);
	ev.u.mail.score = 150;
	CHECK_INT(render(&test_postfix, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       "milter-header-discard: header X-Spam-Level: "
		       "*************** from ");
	strbuf_free(&out);
}

/* --- Host names, kinds, bad records ---------------------------------------- */

/* Without a name in the settings, the network model names the gateway. */
TEST(mail_host_from_network)
{
	struct net_host hosts[2] = { { .name = "dc-mailgw-01" },
				     { .name = "dc-mailgw-02" } };
	struct net net = { .hosts = hosts, .nhosts = 2 };
	struct fmt_mail_settings s = test_postfix;
	struct event ev = mail_record(EVENT_MAIL_REJECTED);
	struct strbuf out;

	s.hostname = NULL;
	s.net = &net;
	ev.host = 1;
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	{
		static const char want[] = "2023-11-08T09:10:00.250000+07:00 "
					   "dc-mailgw-02 postfix/smtpd[";

		CHECK(strncmp(strbuf_str(&out), want, strlen(want)) == 0);
	}
	strbuf_free(&out);
	ev.host = 2;
	CHECK_INT(render(&s, ev, &out), EVENT_BAD);
	strbuf_free(&out);
}

/* The gateway's relay applies when the record names no next hop. */
TEST(mail_default_relay)
{
	struct fmt_mail_settings s = test_postfix;
	struct event ev = mail_record(EVENT_MAIL_DELIVERED);
	struct strbuf out;

	ev.u.mail.relay = NULL;
	s.relay = "mx-noibo.binhduong.gov.vn[10.10.4.11]:25";
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       ", relay=mx-noibo.binhduong.gov.vn[10.10.4.11]:25, delay=");
	strbuf_free(&out);
}

/* Same record, same bytes; rendering appends to what is there. */
TEST(mail_deterministic_and_appending)
{
	struct event ev = mail_record(EVENT_MAIL_DISCARDED);
	struct strbuf a, b;

	CHECK_INT(render(&test_postfix, ev, &a), EVENT_RENDERED);
	strbuf_init(&b);
	strbuf_adds(&b, "previous line\n");
	CHECK_INT(fmt_mail_render(&test_postfix, &ev, &b), EVENT_RENDERED);
	CHECK_STR(strbuf_str(&b) + strlen("previous line\n"), strbuf_str(&a));
	CHECK_INT(fmt_mail_render(&test_postfix, &ev, &b), EVENT_RENDERED);
	CHECK_INT(b.len, strlen("previous line\n") + 2 * a.len);
	strbuf_free(&a);
	strbuf_free(&b);
}

/* Records the gateway could not have logged leave the buffer as it was;
 * other kinds are not mail. */

/* An IPv6 client as Postfix names it, "name[2001:db8::1]" with no
 * "IPv6:" tag, in the connect, reject, disconnect and client= lines. */
TEST(mail_ipv6_client)
{
	struct event ev = fixture_v6(mail_record(EVENT_MAIL_REJECTED), FIXTURE_V6_SERVER,
				     "fd00:10:10:5::25");

	struct strbuf out;

	check_line(&test_postfix, ev,
		   "2023-11-08T09:10:00.250000+07:00 dc-mailgw-01 postfix/smtpd[40260]: "
		   "connect from unknown[2001:db8:85a3::8a2e:370:7334]\n"
		   "2023-11-08T09:10:02.338720+07:00 dc-mailgw-01 postfix/smtpd[40260]: "
		   "NOQUEUE: reject: RCPT from unknown[2001:db8:85a3::8a2e:370:7334]: "
		   "550 5.1.1 <lethib@binhduong.gov.vn>: Recipient address rejected: "
		   "User unknown in relay recipient table; "
		   "from=<vanthu@tailieu-hanhchinh.com> to=<lethib@binhduong.gov.vn> "
		   "proto=ESMTP helo=<mail.tailieu-hanhchinh.com>\n"
		   "2023-11-08T09:10:03.731200+07:00 dc-mailgw-01 postfix/smtpd[40260]: "
		   "disconnect from unknown[2001:db8:85a3::8a2e:370:7334] "
		   "ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4\n");
	ev = fixture_v6(mail_record(EVENT_MAIL_DELIVERED), FIXTURE_V6_SERVER, "fd00:10:10:5::25");
	CHECK_INT(render(&test_postfix, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       ": client=mail.tailieu-hanhchinh.com[2001:db8:85a3::8a2e:370:7334]\n");
	strbuf_free(&out);
}

TEST(mail_line_times)
{
	static const enum event_mail_verdict verdicts[] = {
		EVENT_MAIL_DELIVERED, EVENT_MAIL_TAGGED, EVENT_MAIL_DISCARDED, EVENT_MAIL_REJECTED,
	};
	struct fmt_syslogfile_times times = { 0 };
	struct strbuf out;

	for (size_t v = 0; v < sizeof verdicts / sizeof verdicts[0]; v++) {
		for (int d = 0; d < 2; d++) {
			struct fmt_mail_settings s = settings((enum fmt_mail_daemon)d, FMT_SYSLOGFILE_RFC3339);
			struct event ev = mail_record(verdicts[v]);

			s.times = &times;
			times.n = 99;
			strbuf_init(&out);
			if (fmt_mail_render(&s, &ev, &out) == EVENT_RENDERED) {
				fmt_test_check_line_times(&test_clock, &out, &times);
				CHECK(times.time[0] >= ev.conn.start);
				CHECK(times.time[times.n - 1] <= ev.time);
			} else {
				CHECK_INT(times.n, 0);
			}
			strbuf_free(&out);
		}
	}
	/* A record it refuses times nothing. */
	{
		struct fmt_mail_settings s = test_postfix;
		struct event ev = mail_record(EVENT_MAIL_DELIVERED);

		s.times = &times;
		ev.time = ev.conn.start - 1;
		strbuf_init(&out);
		CHECK_INT(fmt_mail_render(&s, &ev, &out), EVENT_BAD);
		CHECK_INT(times.n, 0);
		strbuf_free(&out);
	}
}

TEST(mail_not_rendered_and_bad)
{
	struct fmt_mail_settings nameless = test_postfix;
	struct fmt_mail_settings norelay = test_postfix;
	struct strbuf out;
	struct event ev;

	nameless.hostname = NULL;
	norelay.relay = NULL;
	strbuf_init(&out);
	strbuf_adds(&out, "kept");
	ev = mail_record(EVENT_MAIL_DELIVERED);
	ev.kind = EVENT_LOGON;
	CHECK_INT(fmt_mail_render(&test_postfix, &ev, &out), EVENT_NOT_RENDERED);
	ev = mail_record(EVENT_MAIL_DELIVERED);
	CHECK_INT(fmt_mail_render(&nameless, &ev, &out), EVENT_BAD);
	ev.time = ev.conn.start - 1;
	CHECK_INT(fmt_mail_render(&test_postfix, &ev, &out), EVENT_BAD);
	ev = mail_record(EVENT_MAIL_DELIVERED);
	ev.u.mail.to = NULL;
	CHECK_INT(fmt_mail_render(&test_postfix, &ev, &out), EVENT_BAD);
	ev = mail_record(EVENT_MAIL_DELIVERED);
	ev.u.mail.relay = NULL;
	CHECK_INT(fmt_mail_render(&norelay, &ev, &out), EVENT_BAD);
	ev = mail_record(EVENT_MAIL_REJECTED);
	ev.u.mail.reject = NULL;
	CHECK_INT(fmt_mail_render(&test_postfix, &ev, &out), EVENT_BAD);
	/* Verdicts the score contradicts: spam delivered as clean, a tag
	 * below the threshold, a tag the discard rule would have caught, a
	 * discard the rule would not have. */
	ev = mail_record(EVENT_MAIL_DELIVERED);
	ev.u.mail.score = 50;
	CHECK_INT(fmt_mail_render(&test_postfix, &ev, &out), EVENT_BAD);
	ev = mail_record(EVENT_MAIL_TAGGED);
	ev.u.mail.score = 49;
	CHECK_INT(fmt_mail_render(&test_postfix, &ev, &out), EVENT_BAD);
	ev.u.mail.score = 150;
	CHECK_INT(fmt_mail_render(&test_postfix, &ev, &out), EVENT_BAD);
	ev = mail_record(EVENT_MAIL_DISCARDED);
	ev.u.mail.score = 149;
	CHECK_INT(fmt_mail_render(&test_postfix, &ev, &out), EVENT_BAD);
	ev = mail_record(EVENT_MAIL_DELIVERED);
	ev.u.mail.verdict = (enum event_mail_verdict)9;
	CHECK_INT(fmt_mail_render(&test_postfix, &ev, &out), EVENT_BAD);
	/* Before 1970 the clock has nothing to print. */
	ev = mail_record(EVENT_MAIL_REJECTED);
	ev.conn.start = -FIXTURE_EPOCH_US - 10 * SIM_SECOND;
	CHECK_INT(fmt_mail_render(&test_postfix, &ev, &out), EVENT_BAD);
	/* Times no clock prints, whose span would not even fit. */
	ev = mail_record(EVENT_MAIL_DELIVERED);
	ev.conn.start = INT64_MIN;
	ev.time = INT64_MAX;
	CHECK_INT(fmt_mail_render(&test_postfix, &ev, &out), EVENT_BAD);
	CHECK_STR(strbuf_str(&out), "kept");
	strbuf_free(&out);
}

/* --- The sample for the integration test ---------------------------------- */

/* Senders, with the reply each gets when it is refused. */
static const struct {
	const char *ip, *name, *helo, *from;
	const char *reject; /* %s: the recipient, or the client address */
} senders[] = {
	{ "185.220.101.47", "mail.tailieu-hanhchinh.com", "mail.tailieu-hanhchinh.com",
	  "vanthu@tailieu-hanhchinh.com",
	  "554 5.7.1 <%s>: Relay access denied" },
	{ "103.97.125.18", NULL, "gov-vn.info", "thongbao@gov-vn.info",
	  "550 5.1.1 <%s>: Recipient address rejected: User unknown in relay "
	  "recipient table" },
	{ "45.77.41.201", NULL, "[45.77.41.201]", "hr@ubnd-binhduong.com",
	  "554 5.7.1 Service unavailable; Client host [%s] blocked using "
	  "zen.spamhaus.org; https://www.spamhaus.org/query/ip/%s" },
	{ "203.113.131.5", NULL, "mail.vnpt.vn", "cskh@vnpt.vn",
	  "450 4.7.25 Client host rejected: cannot find your hostname, [%s]" },
	{ "14.225.210.9", "mx.moit.gov.vn", "mx.moit.gov.vn", "vanphong@moit.gov.vn",
	  "554 5.7.1 <%s>: Relay access denied" },
	{ "2001:db8:85a3::8a2e:370:7334", NULL, "mx6.tailieu-hanhchinh.com",
	  "vanthu@tailieu-hanhchinh.com", "554 5.7.1 <%s>: Relay access denied" },
};

static const char *const recipients[] = {
	"nguyenvana@binhduong.gov.vn", "tranthib@binhduong.gov.vn",
	"vanthu.ubnd@binhduong.gov.vn", "lehoangc@phuhoa.binhduong.gov.vn",
};

static const char *const subjects[] = {
	"Quyết định số 1234/QĐ-UBND về việc điều động cán bộ",
	"Thông báo lịch họp giao ban tuần 45",
	"[Khẩn] Cập nhật mật khẩu hộp thư công vụ",
	"Invoice #88231 overdue",
};

/* Lines of a buffer, as pointers into it. */
struct lines {
	char **at;
	size_t n;
};

static void split_lines(struct strbuf *sb, struct lines *l)
{
	char *p;

	l->n = 0;
	for (p = sb->buf; p != NULL && *p != '\0'; p = strchr(p, '\n') + 1)
		l->n++;
	l->at = calloc(l->n + 1, sizeof *l->at);
	l->n = 0;
	for (p = sb->buf; p != NULL && *p != '\0'; p = strchr(p, '\n') + 1)
		l->at[l->n++] = p;
}

static void put_line(struct strbuf *file, const char *line)
{
	strbuf_add(file, line, (size_t)(strchr(line, '\n') - line) + 1);
}

/*
 * One gateway's log: each message's postfix and spamd lines merged by
 * their RFC 3339 times (lexical order is time order there), the same
 * order used for the traditional file, whose times tie within a second.
 */
static int merge_message(const struct event *ev, struct strbuf *rfc,
			 struct strbuf *trad)
{
	int status = 0;
	struct strbuf text[2][2]; /* [daemon][style] */
	struct lines lines[2][2];
	size_t i[2] = { 0, 0 };
	int d, st;

	for (d = 0; d < 2; d++) {
		for (st = 0; st < 2; st++) {
			struct fmt_mail_settings s = settings(
				(enum fmt_mail_daemon)d, (enum fmt_syslogfile_style)st);

			strbuf_init(&text[d][st]);
			if (fmt_mail_render(&s, ev, &text[d][st]) == EVENT_BAD) {
				fprintf(stderr, "test_fmt_mail: message %llu not "
					"rendered\n",
					(unsigned long long)ev->u.mail.serial);
				status = 1;
			}
			split_lines(&text[d][st], &lines[d][st]);
		}
	}
	while (i[0] < lines[0][0].n || i[1] < lines[1][0].n) {
		d = i[1] >= lines[1][0].n ? 0 : i[0] >= lines[0][0].n ? 1 :
		    strncmp(lines[0][0].at[i[0]], lines[1][0].at[i[1]], 32) <= 0 ? 0 : 1;
		put_line(rfc, lines[d][0].at[i[d]]);
		put_line(trad, lines[d][1].at[i[d]]);
		i[d]++;
	}
	for (d = 0; d < 2; d++) {
		for (st = 0; st < 2; st++) {
			free(lines[d][st].at);
			strbuf_free(&text[d][st]);
		}
	}
	return status;
}

/*
 * Forty messages, ten of each verdict, from five senders to four
 * recipients, a minute apart; the fail2ban-visible rejects are listed
 * from the records (not from the text) in mail.rejects.  Two hostile
 * messages end the file.
 */
static int write_sample(const char *dir)
{
	struct strbuf rfc, trad, rejects, reply, msgid;
	int k, status = 0;

	strbuf_init(&rfc);
	strbuf_init(&trad);
	strbuf_init(&rejects);
	strbuf_init(&reply);
	strbuf_init(&msgid);
	for (k = 0; k < 42; k++) {
		enum event_mail_verdict verdict = (enum event_mail_verdict)(k % 4);
		struct event ev = mail_record(verdict);
		struct event_mail *m = &ev.u.mail;
		size_t who = (size_t)k % (sizeof senders / sizeof senders[0]);

		ev.conn.serial = 100 + (uint64_t)k;
		ev.conn.start = fixture_at(3600 + 60 * k, 1000 * k);
		ev.time = ev.conn.start + (1 + k % 7) * SIM_SECOND + 12345 * k;
		if (strchr(senders[who].ip, ':') != NULL)
			ev = fixture_v6(ev, senders[who].ip, "fd00:10:10:5::25");
		else
			ev.conn.orig_ip = fixture_ip(senders[who].ip);
		ev.conn.orig_port = (uint16_t)(40000 + 37 * k);
		m->serial = 1 + (uint64_t)k;
		m->client_name = senders[who].name;
		m->helo = senders[who].helo;
		m->from = senders[who].from;
		m->to = recipients[k % 4];
		m->subject = subjects[k % 4];
		m->size = 2048 + 977 * (uint64_t)k;
		strbuf_reset(&msgid);
		strbuf_addf(&msgid, "%08X.%d%s", 0x5f2a11c0u + 7919u * (unsigned)k, k,
			    strchr(senders[who].from, '@'));
		m->message_id = strbuf_str(&msgid);
		if (verdict == EVENT_MAIL_REJECTED) {
			strbuf_reset(&reply);
			strbuf_addf(&reply, senders[who].reject,
				    strstr(senders[who].reject, "Client host") != NULL ?
				    senders[who].ip : m->to, senders[who].ip);
			m->reject = strbuf_str(&reply);
			strbuf_addf(&rejects, "%s\n", senders[who].ip);
		}
		if (k == 40) {
			/* Hostile text in every free field. */
			m->subject = "Tải\tvề\r\nQĐ \"số 5\" C:\\tmp\x01\x7f";
			m->client_name = "evil\nhost";
			m->message_id = "x (c) <id\twith\n space@b,c> (z)";
			m->to = "nguyễn\\a@binhduong.gov.vn";
		} else if (k == 41) {
			m->message_id = NULL;
			m->from = "";
			m->helo = NULL;
			m->tests = NULL;
		}
		status |= merge_message(&ev, &rfc, &trad);
	}
	status |= fmt_test_write_file(dir, "mail.log", &rfc);
	status |= fmt_test_write_file(dir, "mail.log-traditional", &trad);
	status |= fmt_test_write_file(dir, "mail.rejects", &rejects);
	strbuf_free(&msgid);
	strbuf_free(&reply);
	strbuf_free(&rejects);
	strbuf_free(&trad);
	strbuf_free(&rfc);
	return status;
}

int main(int argc, char **argv)
{
	int status;

	simclock_init(&test_clock, FIXTURE_EPOCH_US);
	status = fmt_test_args(argc, argv, "test_fmt_mail", write_sample);
	if (status >= 0)
		return status;
	RUN(mail_delivered_postfix);
	RUN(mail_delivered_spamd);
	RUN(mail_tagged);
	RUN(mail_discarded_postfix);
	RUN(mail_discarded_spamd);
	RUN(mail_rejected);
	RUN(mail_rejected_not_in_spamd);
	RUN(mail_queue_id_stable_within_a_message);
	RUN(mail_queue_ids_distinct_across_messages);
	RUN(mail_pids);
	RUN(mail_postfix_masks_control_bytes);
	RUN(mail_subject_cut_at_200_bytes);
	RUN(mail_spamd_escaping);
	RUN(mail_without_message_id);
	RUN(mail_empty_values);
	RUN(mail_spamd_tests_sorted);
	RUN(mail_zero_span);
	RUN(mail_long_delays);
	RUN(mail_scores);
	RUN(mail_host_from_network);
	RUN(mail_default_relay);
	RUN(mail_deterministic_and_appending);
	RUN(mail_ipv6_client);
	RUN(mail_line_times);
	RUN(mail_not_rendered_and_bad);
	return harness_finish();
}
