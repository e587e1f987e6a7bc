/*
 * test_fmt_winevt.c - Windows Security and Sysmon events from structured
 * records: the exact Event XML and Winlogbeat JSON of every event ID,
 * escaping of hostile text, Windows hosts only, the right channel only,
 * Sysmon GUIDs shared by every event of one process, determinism.
 *
 * The records tell one story on tests/data/net-small.lua: on d1-pc-01
 * (Windows 10) the user d1.an runs a "decision" that is really a program;
 * it looks up and calls its server, drops a shortcut, and uses the
 * administrator's credentials, which the administrator also uses from
 * c1-pc-01.  The golden events follow the shapes of the real ones in
 * shared/formats/windows and shared/formats/sysmon.
 *
 * "test_fmt_winevt --write DIR" writes DIR/winevt.xml and
 * DIR/winevt.json, the same events in the same order, one per line, for
 * tests/integration/test_formats_win.sh to hand to real validators.
 */
#include "harness.h"
#include "event_fixtures.h"
#include "fmt_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "event.h"
#include "fmt_winevt.h"
#include "netload.h"

static struct simclock test_clock;
static struct net *test_net;
static int host_pc;     /* d1-pc-01, Windows 10, d1.an's */
static int host_c1;     /* c1-pc-01, Windows 10 */
static int host_portal; /* portal, Ubuntu */

static struct fmt_winevt_settings settings(enum fmt_winevt_style style,
					   enum fmt_winevt_channel channel,
					   uint64_t record_id)
{
	struct fmt_winevt_settings s = {
		.clock = &test_clock,
		.net = test_net,
		.style = style,
		.channel = channel,
		.id_seed = 20231108,
		.domain = "BINHDUONG",
		.dns_suffix = "binhduong.gov.vn",
		.agent_version = "8.11.4",
		.ecs_version = "8.0.0",
		.read_delay = 1500000,
	};

	s.record.record_id = record_id;
	return s;
}

/* ---- The records -------------------------------------------------------- */

#define IMPLANT "C:\\Users\\d1.an\\Downloads\\QD-1234-UBND.doc.exe"
#define WINWORD "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE"

/* Word (4312) starts the downloaded "decision" (6248), a stripped
 * program: no version resource. */
static struct event test_process(void)
{
	struct event ev = {
		.time = fixture_at(301, 250000),
		.kind = EVENT_PROCESS,
		.sensor = -1,
		.host = host_pc,
		.user = "d1.an",
		.process = { 6248, IMPLANT, "\"" IMPLANT "\" /q" },
	};
	struct event_process_start *p = &ev.u.process_start;

	p->parent_pid = 4312;
	p->parent_image = WINWORD;
	p->parent_command_line = "\"" WINWORD "\" /n \"C:\\Users\\d1.an\\Downloads\\QD-1234-UBND.docx\"";
	p->current_directory = "C:\\Users\\d1.an\\Downloads\\";
	p->integrity_level = "Medium";
	p->logon_id = 0x3a7f21;
	p->terminal_session = 1;
	p->md5 = "5d41402abc4b2a76b9719d911017c592";
	p->sha1 = "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d";
	p->sha256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
	p->imphash = "f34d5f2d4577ed6d9ceec516c1f5a744";
	return ev;
}

/* The program's call home, seen by Sysmon at the connection's start. */
static struct event test_connection(void)
{
	struct event ev = {
		.time = fixture_at(303, 10000),
		.kind = EVENT_FLOW,
		.sensor = -1,
		.host = host_pc,
		.user = "d1.an",
		.process = { 6248, IMPLANT, NULL },
		.conn = {
			.serial = 7,
			.start = fixture_at(303, 10000),
			.orig_ip = fixture_ip("10.21.0.11"),
			.resp_ip = fixture_ip("185.220.101.47"),
			.orig_port = 49852,
			.resp_port = 443,
			.proto = NET_PROTO_TCP,
			.app = EVENT_APP_TLS,
		},
	};

	ev.u.flow.last = fixture_at(303, 10000);
	ev.u.flow.state = EVENT_FLOW_ESTABLISHED;
	return ev;
}

/* It drops a shortcut in the user's Startup folder. */
static struct event test_file(void)
{
	struct event ev = {
		.time = fixture_at(302, 900123),
		.kind = EVENT_FILE,
		.dir = EVENT_FROM_ORIG,
		.sensor = -1,
		.host = host_pc,
		.user = "d1.an",
		.process = { 6248, IMPLANT, NULL },
	};

	ev.u.file.serial = 3;
	ev.u.file.name = "C:\\Users\\d1.an\\AppData\\Roaming\\Microsoft\\Windows\\"
		"Start Menu\\Programs\\Startup\\Tài liệu.lnk";
	ev.u.file.size = 1419;
	return ev;
}

/* Its lookup of the server's name: the shared DNS answer, on the host. */
static struct event test_dns(void)
{
	struct event ev = fixture_dns_response();

	ev.conn.orig_ip = fixture_ip("10.21.0.11");
	ev.host = host_pc;
	ev.user = "d1.an";
	ev.process = (struct event_process){ 6248, IMPLANT, NULL };
	return ev;
}

/* The administrator logs on over the network from c1-pc-01, NTLM. */
static struct event test_logon(enum event_logon_step step)
{
	struct event ev = {
		.time = fixture_at(400, 123456),
		.kind = EVENT_LOGON,
		.sensor = -1,
		.host = host_pc,
		.user = "admin",
		.conn = {
			.orig_ip = fixture_ip("10.21.1.11"),
			.resp_ip = fixture_ip("10.21.0.11"),
			.orig_port = 50122,
			.resp_port = 445,
			.proto = NET_PROTO_TCP,
		},
	};
	struct event_logon *l = &ev.u.logon;

	l->step = step;
	l->domain = "BINHDUONG";
	l->logon_type = EVENT_LOGON_NETWORK;
	l->method = "NTLM";
	l->workstation = "C1-PC-01";
	l->logon_id = 0x5c1e2a;
	return ev;
}

/* The same password wrong first. */
static struct event test_failure(void)
{
	struct event ev = test_logon(EVENT_LOGON_FAILURE);

	ev.time = fixture_at(399, 998877);
	ev.u.logon.status = 0xc000006d;
	ev.u.logon.sub_status = 0xc000006a;
	ev.u.logon.logon_id = 0;
	return ev;
}

/* The program uses the administrator's credentials (from d1.an's
 * session, subject in the settings) for c1-pc-01's shares. */
static struct event test_explicit(void)
{
	struct event ev = test_logon(EVENT_LOGON_EXPLICIT);

	ev.time = fixture_at(410, 5);
	ev.process = (struct event_process){ 6248, IMPLANT, NULL };
	ev.conn.orig_ip = fixture_ip("10.21.0.11");
	ev.conn.resp_ip = fixture_ip("10.21.1.11");
	ev.u.logon.method = "Kerberos";
	ev.u.logon.target_server = "c1-pc-01.binhduong.gov.vn";
	ev.u.logon.workstation = NULL;
	ev.u.logon.logon_id = 0;
	return ev;
}

static struct event test_ticket(void)
{
	struct event ev = test_logon(EVENT_LOGON_TGT);

	ev.user = "d1.an";
	ev.conn.orig_ip = fixture_ip("10.21.0.11");
	ev.conn.orig_port = 49811;
	ev.u.logon.domain = "BINHDUONG.GOV.VN";
	ev.u.logon.method = "Kerberos";
	return ev;
}

/* The administrator adds an account for himself to come back with. */
static struct event test_account(void)
{
	struct event ev = {
		.time = fixture_at(420, 777000),
		.kind = EVENT_ACCOUNT,
		.sensor = -1,
		.host = host_pc,
		.user = "admin",
	};

	ev.u.account.name = "qt.saoluu";
	ev.u.account.domain = "BINHDUONG";
	ev.u.account.display_name = "Quản trị sao lưu";
	ev.u.account.rid = 1150;
	return ev;
}

/* A process that was running before the drill: Word, the lure's parent. */
static const sim_time_t test_word_start = 250 * SIM_SECOND;

/* The record facts of the implant's events: it started with test_process
 * and acts from d1.an's session. */
static struct fmt_winevt_record test_record(uint64_t record_id)
{
	struct fmt_winevt_record r = {
		.record_id = record_id,
		.process_start = fixture_at(301, 250000),
		.parent_start = test_word_start,
		.subject_user = "d1.an",
		.subject_logon_id = 0x3a7f21,
	};

	return r;
}

/* ---- Helpers ------------------------------------------------------------ */

FMT_TEST_GOLDEN(struct fmt_winevt_settings, fmt_winevt_render)

static struct fmt_winevt_settings settings_for(enum fmt_winevt_style style,
					       enum fmt_winevt_channel channel,
					       uint64_t record_id)
{
	struct fmt_winevt_settings s = settings(style, channel, record_id);

	s.record = test_record(record_id);
	return s;
}

/* ev rendered with record number 1 on the channel in the style. */
static enum event_render render_as(enum fmt_winevt_style style,
				   enum fmt_winevt_channel channel,
				   struct event ev, struct strbuf *out)
{
	struct fmt_winevt_settings s = settings_for(style, channel, 1);

	return render(&s, ev, out);
}

static void check_event(enum fmt_winevt_style style, enum fmt_winevt_channel channel,
			struct event ev, const char *want)
{
	struct strbuf out;

	CHECK_INT(render_as(style, channel, ev, &out), EVENT_RENDERED);
	CHECK_STR(strbuf_str(&out), want);
	strbuf_free(&out);
}

static void check_contains(enum fmt_winevt_style style,
			   enum fmt_winevt_channel channel, struct event ev,
			   const char *want)
{
	struct strbuf out;

	CHECK_INT(render_as(style, channel, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), want);
	strbuf_free(&out);
}

static void check_lacks(enum fmt_winevt_style style, enum fmt_winevt_channel channel,
			struct event ev, const char *unwanted)
{
	struct strbuf out;

	CHECK_INT(render_as(style, channel, ev, &out), EVENT_RENDERED);
	CHECK(strstr(strbuf_str(&out), unwanted) == NULL);
	strbuf_free(&out);
}

/* The text of <Data Name='name'> in an XML event, into value. */
static void xml_data(const char *xml, const char *name, char *value, size_t size)
{
	char open[64];
	const char *p, *end;

	value[0] = '\0';
	snprintf(open, sizeof open, "<Data Name='%s'>", name);
	p = strstr(xml, open);
	if (p == NULL)
		return;
	p += strlen(open);
	end = strstr(p, "</Data>");
	if (end != NULL && (size_t)(end - p) < size) {
		memcpy(value, p, (size_t)(end - p));
		value[end - p] = '\0';
	}
}

/* Execution's ProcessID in an XML event, 0 if none. */
static unsigned execution_pid(const char *xml)
{
	const char *p = strstr(xml, "<Execution ProcessID='");

	return p != NULL ? (unsigned)strtoul(p + strlen("<Execution ProcessID='"), NULL, 10) : 0;
}

/* The XML value of one field of ev on the channel. */
static void field_of(enum fmt_winevt_channel channel, struct event ev,
		     const struct fmt_winevt_record *rec, const char *name,
		     char *value, size_t size)
{
	struct fmt_winevt_settings s = settings(FMT_WINEVT_XML, channel, 1);
	struct strbuf out;

	s.record = *rec;
	value[0] = '\0';
	if (render(&s, ev, &out) == EVENT_RENDERED)
		xml_data(strbuf_str(&out), name, value, size);
	strbuf_free(&out);
}

/* ---- Golden events ------------------------------------------------------ */

static const char xml_4624[] =
	"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
	"<System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}'/><EventID>4624</EventID>"
	"<Version>2</Version><Level>0</Level><Task>12544</Task>"
	"<Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords>"
	"<TimeCreated SystemTime='2023-11-08T02:06:40.1234560Z'/>"
	"<EventRecordID>1</EventRecordID><Correlation/>"
	"<Execution ProcessID='608' ThreadID='824'/><Channel>Security</Channel>"
	"<Computer>d1-pc-01.binhduong.gov.vn</Computer><Security/></System>"
	"<EventData><Data Name='SubjectUserSid'>S-1-0-0</Data>"
	"<Data Name='SubjectUserName'>-</Data>"
	"<Data Name='SubjectDomainName'>-</Data>"
	"<Data Name='SubjectLogonId'>0x0</Data>"
	"<Data Name='TargetUserSid'>S-1-5-21-707737876-3377451564-1596195031-11"
	"04</Data><Data Name='TargetUserName'>admin</Data>"
	"<Data Name='TargetDomainName'>BINHDUONG</Data>"
	"<Data Name='TargetLogonId'>0x5c1e2a</Data>"
	"<Data Name='LogonType'>3</Data>"
	"<Data Name='LogonProcessName'>NtLmSsp </Data>"
	"<Data Name='AuthenticationPackageName'>NTLM</Data>"
	"<Data Name='WorkstationName'>C1-PC-01</Data><Data Name='LogonGuid'>{"
	"00000000-0000-0000-0000-000000000000}</Data>"
	"<Data Name='TransmittedServices'>-</Data>"
	"<Data Name='LmPackageName'>NTLM V2</Data>"
	"<Data Name='KeyLength'>128</Data><Data Name='ProcessId'>0x0</Data>"
	"<Data Name='ProcessName'>-</Data>"
	"<Data Name='IpAddress'>10.21.1.11</Data>"
	"<Data Name='IpPort'>50122</Data>"
	"<Data Name='ImpersonationLevel'>%%1833</Data>"
	"<Data Name='RestrictedAdminMode'>-</Data>"
	"<Data Name='TargetOutboundUserName'>-</Data>"
	"<Data Name='TargetOutboundDomainName'>-</Data>"
	"<Data Name='VirtualAccount'>%%1843</Data>"
	"<Data Name='TargetLinkedLogonId'>0x0</Data>"
	"<Data Name='ElevatedToken'>%%1842</Data></EventData></Event>\n";

static const char json_4624[] =
	"{\"@timestamp\":\"2023-11-08T02:06:40.1234560Z\",\"agent\":{"
	"\"ephemeral_id\":\"6edd995e-d964-4f10-83a3-756551cf9116\","
	"\"hostname\":\"d1-pc-01\","
	"\"id\":\"b64de93c-99c7-446f-8a61-bcfa5aed1ef1\",\"name\":\"d1-pc-01\","
	"\"type\":\"winlogbeat\",\"version\":\"8.11.4\"},\"ecs\":{"
	"\"version\":\"8.0.0\"},\"event\":{\"action\":\"Logon\","
	"\"code\":\"4624\",\"created\":\"2023-11-08T02:06:41.623Z\","
	"\"kind\":\"event\",\"outcome\":\"success\","
	"\"provider\":\"Microsoft-Windows-Security-Auditing\"},\"host\":{"
	"\"name\":\"d1-pc-01.binhduong.gov.vn\"},\"log\":{"
	"\"level\":\"information\"},\"message\":\"An account was successfully "
	"logged on.\\n\\nSubject:\\n\\tSecurity ID:\\t\\tS-1-0-0\\n"
	"\\tAccount Name:\\t\\t-\\n\\tAccount Domain:\\t\\t-\\n"
	"\\tLogon ID:\\t\\t0x0\\n\\nLogon Information:\\n"
	"\\tLogon Type:\\t\\t3\\n\\tRestricted Admin Mode:\\t-\\n"
	"\\tVirtual Account:\\t\\tNo\\n\\tElevated Token:\\t\\tYes\\n\\n"
	"Impersonation Level:\\t\\tImpersonation\\n\\nNew Logon:\\n"
	"\\tSecurity ID:\\t\\tS-1-5-21-707737876-3377451564-1596195031-1104\\n"
	"\\tAccount Name:\\t\\tadmin\\n\\tAccount Domain:\\t\\tBINHDUONG\\n"
	"\\tLogon ID:\\t\\t0x5C1E2A\\n\\tLinked Logon ID:\\t\\t0x0\\n"
	"\\tNetwork Account Name:\\t-\\n\\tNetwork Account Domain:\\t-\\n"
	"\\tLogon GUID:\\t\\t{00000000-0000-0000-0000-000000000000}\\n\\n"
	"Process Information:\\n\\tProcess ID:\\t\\t0x0\\n"
	"\\tProcess Name:\\t\\t-\\n\\nNetwork Information:\\n"
	"\\tWorkstation Name:\\tC1-PC-01\\n"
	"\\tSource Network Address:\\t10.21.1.11\\n"
	"\\tSource Port:\\t\\t50122\\n\\n"
	"Detailed Authentication Information:\\n"
	"\\tLogon Process:\\t\\tNtLmSsp \\n\\tAuthentication Package:\\tNTLM\\n"
	"\\tTransited Services:\\t-\\n\\tPackage Name (NTLM only):\\tNTLM V2\\n"
	"\\tKey Length:\\t\\t128\\n\\n"
	"This event is generated when a logon session is created. It is "
	"generated on the computer that was accessed.\\n\\n"
	"The subject fields indicate the account on the local system which "
	"requested the logon. This is most commonly a service such as the "
	"Server service, or a local process such as Winlogon.exe or "
	"Services.exe.\\n\\n"
	"The logon type field indicates the kind of logon that occurred. The "
	"most common types are 2 (interactive) and 3 (network).\\n\\n"
	"The New Logon fields indicate the account for whom the new logon was "
	"created, i.e. the account that was logged on.\\n\\n"
	"The network fields indicate where a remote logon request originated. "
	"Workstation name is not always available and may be left blank in "
	"some cases.\\n\\n"
	"The impersonation level field indicates the extent to which a process "
	"in the logon session can impersonate.\\n\\n"
	"The authentication information fields provide detailed information "
	"about this specific logon request.\\n"
	"\\t- Logon GUID is a unique identifier that can be used to correlate "
	"this event with a KDC event.\\n"
	"\\t- Transited services indicate which intermediate services have "
	"participated in this logon request.\\n"
	"\\t- Package name indicates which sub-protocol was used among the "
	"NTLM protocols.\\n"
	"\\t- Key length indicates the length of the generated session key. "
	"This will be 0 if no session key was requested.\",\"winlog\":{"
	"\"api\":\"wineventlog\",\"channel\":\"Security\","
	"\"computer_name\":\"d1-pc-01.binhduong.gov.vn\",\"event_data\":{"
	"\"AuthenticationPackageName\":\"NTLM\",\"ElevatedToken\":\"%%1842\","
	"\"ImpersonationLevel\":\"%%1833\",\"IpAddress\":\"10.21.1.11\","
	"\"IpPort\":\"50122\",\"KeyLength\":\"128\","
	"\"LmPackageName\":\"NTLM V2\",\"LogonGuid\":\"{"
	"00000000-0000-0000-0000-000000000000}\","
	"\"LogonProcessName\":\"NtLmSsp \",\"LogonType\":\"3\","
	"\"ProcessId\":\"0x0\",\"ProcessName\":\"-\","
	"\"RestrictedAdminMode\":\"-\",\"SubjectDomainName\":\"-\","
	"\"SubjectLogonId\":\"0x0\",\"SubjectUserName\":\"-\","
	"\"SubjectUserSid\":\"S-1-0-0\",\"TargetDomainName\":\"BINHDUONG\","
	"\"TargetLinkedLogonId\":\"0x0\",\"TargetLogonId\":\"0x5c1e2a\","
	"\"TargetOutboundDomainName\":\"-\",\"TargetOutboundUserName\":\"-\","
	"\"TargetUserName\":\"admin\","
	"\"TargetUserSid\":\"S-1-5-21-707737876-3377451564-1596195031-1104\","
	"\"TransmittedServices\":\"-\",\"VirtualAccount\":\"%%1843\","
	"\"WorkstationName\":\"C1-PC-01\"},\"event_id\":\"4624\","
	"\"keywords\":[\"Audit Success\"],\"opcode\":\"Info\",\"process\":{"
	"\"pid\":608,\"thread\":{\"id\":824}},\"provider_guid\":\"{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}\","
	"\"provider_name\":\"Microsoft-Windows-Security-Auditing\","
	"\"record_id\":1,\"task\":\"Logon\",\"version\":2}}\n";

static const char xml_4625[] =
	"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
	"<System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}'/><EventID>4625</EventID>"
	"<Version>0</Version><Level>0</Level><Task>12544</Task>"
	"<Opcode>0</Opcode><Keywords>0x8010000000000000</Keywords>"
	"<TimeCreated SystemTime='2023-11-08T02:06:39.9988770Z'/>"
	"<EventRecordID>1</EventRecordID><Correlation/>"
	"<Execution ProcessID='608' ThreadID='824'/><Channel>Security</Channel>"
	"<Computer>d1-pc-01.binhduong.gov.vn</Computer><Security/></System>"
	"<EventData><Data Name='SubjectUserSid'>S-1-0-0</Data>"
	"<Data Name='SubjectUserName'>-</Data>"
	"<Data Name='SubjectDomainName'>-</Data>"
	"<Data Name='SubjectLogonId'>0x0</Data>"
	"<Data Name='TargetUserSid'>S-1-0-0</Data>"
	"<Data Name='TargetUserName'>admin</Data>"
	"<Data Name='TargetDomainName'>BINHDUONG</Data>"
	"<Data Name='Status'>0xc000006d</Data>"
	"<Data Name='FailureReason'>%%2313</Data>"
	"<Data Name='SubStatus'>0xc000006a</Data>"
	"<Data Name='LogonType'>3</Data>"
	"<Data Name='LogonProcessName'>NtLmSsp </Data>"
	"<Data Name='AuthenticationPackageName'>NTLM</Data>"
	"<Data Name='WorkstationName'>C1-PC-01</Data>"
	"<Data Name='TransmittedServices'>-</Data>"
	"<Data Name='LmPackageName'>-</Data><Data Name='KeyLength'>0</Data>"
	"<Data Name='ProcessId'>0x0</Data><Data Name='ProcessName'>-</Data>"
	"<Data Name='IpAddress'>10.21.1.11</Data>"
	"<Data Name='IpPort'>50122</Data></EventData></Event>\n";

static const char json_4625[] =
	"{\"@timestamp\":\"2023-11-08T02:06:39.9988770Z\",\"agent\":{"
	"\"ephemeral_id\":\"6edd995e-d964-4f10-83a3-756551cf9116\","
	"\"hostname\":\"d1-pc-01\","
	"\"id\":\"b64de93c-99c7-446f-8a61-bcfa5aed1ef1\",\"name\":\"d1-pc-01\","
	"\"type\":\"winlogbeat\",\"version\":\"8.11.4\"},\"ecs\":{"
	"\"version\":\"8.0.0\"},\"event\":{\"action\":\"Logon\","
	"\"code\":\"4625\",\"created\":\"2023-11-08T02:06:41.498Z\","
	"\"kind\":\"event\",\"outcome\":\"failure\","
	"\"provider\":\"Microsoft-Windows-Security-Auditing\"},\"host\":{"
	"\"name\":\"d1-pc-01.binhduong.gov.vn\"},\"log\":{"
	"\"level\":\"information\"},\"message\":\"An account failed to log "
	"on.\\n\\nSubject:\\n\\tSecurity ID:\\t\\tS-1-0-0\\n"
	"\\tAccount Name:\\t\\t-\\n\\tAccount Domain:\\t\\t-\\n"
	"\\tLogon ID:\\t\\t0x0\\n\\nLogon Type:\\t\\t\\t3\\n\\n"
	"Account For Which Logon Failed:\\n\\tSecurity ID:\\t\\tS-1-0-0\\n"
	"\\tAccount Name:\\t\\tadmin\\n\\tAccount Domain:\\t\\tBINHDUONG\\n\\n"
	"Failure Information:\\n"
	"\\tFailure Reason:\\t\\tUnknown user name or bad password.\\n"
	"\\tStatus:\\t\\t\\t0xC000006D\\n\\tSub Status:\\t\\t0xC000006A\\n\\n"
	"Process Information:\\n\\tCaller Process ID:\\t0x0\\n"
	"\\tCaller Process Name:\\t-\\n\\nNetwork Information:\\n"
	"\\tWorkstation Name:\\tC1-PC-01\\n"
	"\\tSource Network Address:\\t10.21.1.11\\n"
	"\\tSource Port:\\t\\t50122\\n\\n"
	"Detailed Authentication Information:\\n"
	"\\tLogon Process:\\t\\tNtLmSsp \\n\\tAuthentication Package:\\tNTLM\\n"
	"\\tTransited Services:\\t-\\n\\tPackage Name (NTLM only):\\t-\\n"
	"\\tKey Length:\\t\\t0\\n\\n"
	"This event is generated when a logon request fails. It is generated "
	"on the computer where access was attempted.\\n\\n"
	"The Subject fields indicate the account on the local system which "
	"requested the logon. This is most commonly a service such as the "
	"Server service, or a local process such as Winlogon.exe or "
	"Services.exe.\\n\\n"
	"The Logon Type field indicates the kind of logon that was requested. "
	"The most common types are 2 (interactive) and 3 (network).\\n\\n"
	"The Process Information fields indicate which account and process on "
	"the system requested the logon.\\n\\n"
	"The Network Information fields indicate where a remote logon request "
	"originated. Workstation name is not always available and may be left "
	"blank in some cases.\\n\\n"
	"The authentication information fields provide detailed information "
	"about this specific logon request.\\n"
	"\\t- Transited services indicate which intermediate services have "
	"participated in this logon request.\\n"
	"\\t- Package name indicates which sub-protocol was used among the "
	"NTLM protocols.\\n"
	"\\t- Key length indicates the length of the generated session key. "
	"This will be 0 if no session key was requested.\",\"winlog\":{"
	"\"api\":\"wineventlog\",\"channel\":\"Security\","
	"\"computer_name\":\"d1-pc-01.binhduong.gov.vn\",\"event_data\":{"
	"\"AuthenticationPackageName\":\"NTLM\",\"FailureReason\":\"%%2313\","
	"\"IpAddress\":\"10.21.1.11\",\"IpPort\":\"50122\",\"KeyLength\":\"0\","
	"\"LmPackageName\":\"-\",\"LogonProcessName\":\"NtLmSsp \","
	"\"LogonType\":\"3\",\"ProcessId\":\"0x0\",\"ProcessName\":\"-\","
	"\"Status\":\"0xc000006d\",\"SubStatus\":\"0xc000006a\","
	"\"SubjectDomainName\":\"-\",\"SubjectLogonId\":\"0x0\","
	"\"SubjectUserName\":\"-\",\"SubjectUserSid\":\"S-1-0-0\","
	"\"TargetDomainName\":\"BINHDUONG\",\"TargetUserName\":\"admin\","
	"\"TargetUserSid\":\"S-1-0-0\",\"TransmittedServices\":\"-\","
	"\"WorkstationName\":\"C1-PC-01\"},\"event_id\":\"4625\","
	"\"keywords\":[\"Audit Failure\"],\"opcode\":\"Info\",\"process\":{"
	"\"pid\":608,\"thread\":{\"id\":824}},\"provider_guid\":\"{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}\","
	"\"provider_name\":\"Microsoft-Windows-Security-Auditing\","
	"\"record_id\":1,\"task\":\"Logon\"}}\n";

static const char xml_4648[] =
	"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
	"<System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}'/><EventID>4648</EventID>"
	"<Version>0</Version><Level>0</Level><Task>12544</Task>"
	"<Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords>"
	"<TimeCreated SystemTime='2023-11-08T02:06:50.0000050Z'/>"
	"<EventRecordID>1</EventRecordID><Correlation/>"
	"<Execution ProcessID='608' ThreadID='824'/><Channel>Security</Channel>"
	"<Computer>d1-pc-01.binhduong.gov.vn</Computer><Security/></System>"
	"<EventData>"
	"<Data Name='SubjectUserSid'>S-1-5-21-707737876-3377451564-1596195031-1"
	"105</Data><Data Name='SubjectUserName'>d1.an</Data>"
	"<Data Name='SubjectDomainName'>BINHDUONG</Data>"
	"<Data Name='SubjectLogonId'>0x3a7f21</Data><Data Name='LogonGuid'>{"
	"00000000-0000-0000-0000-000000000000}</Data>"
	"<Data Name='TargetUserName'>admin</Data>"
	"<Data Name='TargetDomainName'>BINHDUONG</Data>"
	"<Data Name='TargetLogonGuid'>{"
	"a7de2357-a2a5-5997-b786-2e2d005e85aa}</Data>"
	"<Data Name='TargetServerName'>c1-pc-01.binhduong.gov.vn</Data>"
	"<Data Name='TargetInfo'>c1-pc-01.binhduong.gov.vn</Data>"
	"<Data Name='ProcessId'>0x1868</Data>"
	"<Data Name='ProcessName'>C:\\Users\\d1.an\\Downloads\\QD-1234-UBND.doc"
	".exe</Data><Data Name='IpAddress'>10.21.1.11</Data>"
	"<Data Name='IpPort'>445</Data></EventData></Event>\n";

static const char json_4648[] =
	"{\"@timestamp\":\"2023-11-08T02:06:50.0000050Z\",\"agent\":{"
	"\"ephemeral_id\":\"6edd995e-d964-4f10-83a3-756551cf9116\","
	"\"hostname\":\"d1-pc-01\","
	"\"id\":\"b64de93c-99c7-446f-8a61-bcfa5aed1ef1\",\"name\":\"d1-pc-01\","
	"\"type\":\"winlogbeat\",\"version\":\"8.11.4\"},\"ecs\":{"
	"\"version\":\"8.0.0\"},\"event\":{\"action\":\"Logon\","
	"\"code\":\"4648\",\"created\":\"2023-11-08T02:06:51.500Z\","
	"\"kind\":\"event\",\"outcome\":\"success\","
	"\"provider\":\"Microsoft-Windows-Security-Auditing\"},\"host\":{"
	"\"name\":\"d1-pc-01.binhduong.gov.vn\"},\"log\":{"
	"\"level\":\"information\"},\"message\":\"A logon was attempted using "
	"explicit credentials.\\n\\nSubject:\\n"
	"\\tSecurity ID:\\t\\tS-1-5-21-707737876-3377451564-1596195031-1105\\n"
	"\\tAccount Name:\\t\\td1.an\\n\\tAccount Domain:\\t\\tBINHDUONG\\n"
	"\\tLogon ID:\\t\\t0x3A7F21\\n\\tLogon GUID:\\t\\t{"
	"00000000-0000-0000-0000-000000000000}\\n\\n"
	"Account Whose Credentials Were Used:\\n\\tAccount Name:\\t\\tadmin\\n"
	"\\tAccount Domain:\\t\\tBINHDUONG\\n\\tLogon GUID:\\t\\t{"
	"a7de2357-a2a5-5997-b786-2e2d005e85aa}\\n\\nTarget Server:\\n"
	"\\tTarget Server Name:\\tc1-pc-01.binhduong.gov.vn\\n"
	"\\tAdditional Information:\\tc1-pc-01.binhduong.gov.vn\\n\\n"
	"Process Information:\\n\\tProcess ID:\\t\\t0x1868\\n"
	"\\tProcess Name:\\t\\tC:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBN"
	"D.doc.exe\\n\\nNetwork Information:\\n"
	"\\tNetwork Address:\\t10.21.1.11\\n\\tPort:\\t\\t\\t445\\n\\n"
	"This event is generated when a process attempts to log on an account "
	"by explicitly specifying that account’s credentials.  This most "
	"commonly occurs in batch-type configurations such as scheduled tasks, "
	"or when using the RUNAS command.\",\"winlog\":{"
	"\"api\":\"wineventlog\",\"channel\":\"Security\","
	"\"computer_name\":\"d1-pc-01.binhduong.gov.vn\",\"event_data\":{"
	"\"IpAddress\":\"10.21.1.11\",\"IpPort\":\"445\",\"LogonGuid\":\"{"
	"00000000-0000-0000-0000-000000000000}\",\"ProcessId\":\"0x1868\","
	"\"ProcessName\":\"C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBND.do"
	"c.exe\",\"SubjectDomainName\":\"BINHDUONG\","
	"\"SubjectLogonId\":\"0x3a7f21\",\"SubjectUserName\":\"d1.an\","
	"\"SubjectUserSid\":\"S-1-5-21-707737876-3377451564-1596195031-1105\","
	"\"TargetDomainName\":\"BINHDUONG\","
	"\"TargetInfo\":\"c1-pc-01.binhduong.gov.vn\",\"TargetLogonGuid\":\"{"
	"a7de2357-a2a5-5997-b786-2e2d005e85aa}\","
	"\"TargetServerName\":\"c1-pc-01.binhduong.gov.vn\","
	"\"TargetUserName\":\"admin\"},\"event_id\":\"4648\","
	"\"keywords\":[\"Audit Success\"],\"opcode\":\"Info\",\"process\":{"
	"\"pid\":608,\"thread\":{\"id\":824}},\"provider_guid\":\"{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}\","
	"\"provider_name\":\"Microsoft-Windows-Security-Auditing\","
	"\"record_id\":1,\"task\":\"Logon\"}}\n";

static const char xml_4672[] =
	"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
	"<System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}'/><EventID>4672</EventID>"
	"<Version>0</Version><Level>0</Level><Task>12548</Task>"
	"<Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords>"
	"<TimeCreated SystemTime='2023-11-08T02:06:40.1234560Z'/>"
	"<EventRecordID>1</EventRecordID><Correlation/>"
	"<Execution ProcessID='608' ThreadID='824'/><Channel>Security</Channel>"
	"<Computer>d1-pc-01.binhduong.gov.vn</Computer><Security/></System>"
	"<EventData>"
	"<Data Name='SubjectUserSid'>S-1-5-21-707737876-3377451564-1596195031-1"
	"104</Data><Data Name='SubjectUserName'>admin</Data>"
	"<Data Name='SubjectDomainName'>BINHDUONG</Data>"
	"<Data Name='SubjectLogonId'>0x5c1e2a</Data>"
	"<Data Name='PrivilegeList'>SeSecurityPrivilege&#xA;\t\t\tSeBackupPrivi"
	"lege&#xA;\t\t\tSeRestorePrivilege&#xA;\t\t\tSeTakeOwnershipPrivilege&#"
	"xA;\t\t\tSeDebugPrivilege&#xA;\t\t\tSeSystemEnvironmentPrivilege&#xA;"
	"\t\t\tSeLoadDriverPrivilege&#xA;\t\t\tSeImpersonatePrivilege&#xA;\t\t"
	"\tSeDelegateSessionUserImpersonatePrivilege</Data></EventData>"
	"</Event>\n";

static const char json_4672[] =
	"{\"@timestamp\":\"2023-11-08T02:06:40.1234560Z\",\"agent\":{"
	"\"ephemeral_id\":\"6edd995e-d964-4f10-83a3-756551cf9116\","
	"\"hostname\":\"d1-pc-01\","
	"\"id\":\"b64de93c-99c7-446f-8a61-bcfa5aed1ef1\",\"name\":\"d1-pc-01\","
	"\"type\":\"winlogbeat\",\"version\":\"8.11.4\"},\"ecs\":{"
	"\"version\":\"8.0.0\"},\"event\":{\"action\":\"Special Logon\","
	"\"code\":\"4672\",\"created\":\"2023-11-08T02:06:41.623Z\","
	"\"kind\":\"event\",\"outcome\":\"success\","
	"\"provider\":\"Microsoft-Windows-Security-Auditing\"},\"host\":{"
	"\"name\":\"d1-pc-01.binhduong.gov.vn\"},\"log\":{"
	"\"level\":\"information\"},\"message\":\"Special privileges assigned "
	"to new logon.\\n\\nSubject:\\n"
	"\\tSecurity ID:\\t\\tS-1-5-21-707737876-3377451564-1596195031-1104\\n"
	"\\tAccount Name:\\t\\tadmin\\n\\tAccount Domain:\\t\\tBINHDUONG\\n"
	"\\tLogon ID:\\t\\t0x5c1e2a\\n\\n"
	"Privileges:\\t\\tSeSecurityPrivilege\\n\\t\\t\\tSeBackupPrivilege\\n"
	"\\t\\t\\tSeRestorePrivilege\\n\\t\\t\\tSeTakeOwnershipPrivilege\\n"
	"\\t\\t\\tSeDebugPrivilege\\n\\t\\t\\tSeSystemEnvironmentPrivilege\\n"
	"\\t\\t\\tSeLoadDriverPrivilege\\n\\t\\t\\tSeImpersonatePrivilege\\n"
	"\\t\\t\\tSeDelegateSessionUserImpersonatePrivilege\",\"winlog\":{"
	"\"api\":\"wineventlog\",\"channel\":\"Security\","
	"\"computer_name\":\"d1-pc-01.binhduong.gov.vn\",\"event_data\":{"
	"\"PrivilegeList\":\"SeSecurityPrivilege\\n"
	"\\t\\t\\tSeBackupPrivilege\\n\\t\\t\\tSeRestorePrivilege\\n"
	"\\t\\t\\tSeTakeOwnershipPrivilege\\n\\t\\t\\tSeDebugPrivilege\\n"
	"\\t\\t\\tSeSystemEnvironmentPrivilege\\n"
	"\\t\\t\\tSeLoadDriverPrivilege\\n\\t\\t\\tSeImpersonatePrivilege\\n"
	"\\t\\t\\tSeDelegateSessionUserImpersonatePrivilege\","
	"\"SubjectDomainName\":\"BINHDUONG\",\"SubjectLogonId\":\"0x5c1e2a\","
	"\"SubjectUserName\":\"admin\","
	"\"SubjectUserSid\":\"S-1-5-21-707737876-3377451564-1596195031-1104\"},"
	"\"event_id\":\"4672\","
	"\"keywords\":[\"Audit Success\"],\"opcode\":\"Info\",\"process\":{"
	"\"pid\":608,\"thread\":{\"id\":824}},\"provider_guid\":\"{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}\","
	"\"provider_name\":\"Microsoft-Windows-Security-Auditing\","
	"\"record_id\":1,\"task\":\"Special Logon\"}}\n";

static const char xml_4688[] =
	"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
	"<System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}'/><EventID>4688</EventID>"
	"<Version>2</Version><Level>0</Level><Task>13312</Task>"
	"<Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords>"
	"<TimeCreated SystemTime='2023-11-08T02:05:01.2500000Z'/>"
	"<EventRecordID>1</EventRecordID><Correlation/>"
	"<Execution ProcessID='4' ThreadID='824'/><Channel>Security</Channel>"
	"<Computer>d1-pc-01.binhduong.gov.vn</Computer><Security/></System>"
	"<EventData>"
	"<Data Name='SubjectUserSid'>S-1-5-21-707737876-3377451564-1596195031-1"
	"105</Data><Data Name='SubjectUserName'>d1.an</Data>"
	"<Data Name='SubjectDomainName'>BINHDUONG</Data>"
	"<Data Name='SubjectLogonId'>0x3a7f21</Data>"
	"<Data Name='NewProcessId'>0x1868</Data>"
	"<Data Name='NewProcessName'>C:\\Users\\d1.an\\Downloads\\QD-1234-UBND."
	"doc.exe</Data><Data Name='TokenElevationType'>%%1936</Data>"
	"<Data Name='ProcessId'>0x10d8</Data>"
	"<Data Name='CommandLine'>&quot;C:\\Users\\d1.an\\Downloads\\QD-1234-UB"
	"ND.doc.exe&quot; /q</Data><Data Name='TargetUserSid'>S-1-0-0</Data>"
	"<Data Name='TargetUserName'>-</Data>"
	"<Data Name='TargetDomainName'>-</Data>"
	"<Data Name='TargetLogonId'>0x0</Data>"
	"<Data Name='ParentProcessName'>C:\\Program Files\\Microsoft "
	"Office\\root\\Office16\\WINWORD.EXE</Data>"
	"<Data Name='MandatoryLabel'>S-1-16-8192</Data></EventData></Event>\n";

static const char json_4688[] =
	"{\"@timestamp\":\"2023-11-08T02:05:01.2500000Z\",\"agent\":{"
	"\"ephemeral_id\":\"6edd995e-d964-4f10-83a3-756551cf9116\","
	"\"hostname\":\"d1-pc-01\","
	"\"id\":\"b64de93c-99c7-446f-8a61-bcfa5aed1ef1\",\"name\":\"d1-pc-01\","
	"\"type\":\"winlogbeat\",\"version\":\"8.11.4\"},\"ecs\":{"
	"\"version\":\"8.0.0\"},\"event\":{\"action\":\"Process Creation\","
	"\"code\":\"4688\",\"created\":\"2023-11-08T02:05:02.750Z\","
	"\"kind\":\"event\",\"outcome\":\"success\","
	"\"provider\":\"Microsoft-Windows-Security-Auditing\"},\"host\":{"
	"\"name\":\"d1-pc-01.binhduong.gov.vn\"},\"log\":{"
	"\"level\":\"information\"},\"message\":\"A new process has been "
	"created.\\n\\nCreator Subject:\\n"
	"\\tSecurity ID:\\t\\tS-1-5-21-707737876-3377451564-1596195031-1105\\n"
	"\\tAccount Name:\\t\\td1.an\\n\\tAccount Domain:\\t\\tBINHDUONG\\n"
	"\\tLogon ID:\\t\\t0x3a7f21\\n\\nTarget Subject:\\n"
	"\\tSecurity ID:\\t\\tS-1-0-0\\n\\tAccount Name:\\t\\t-\\n"
	"\\tAccount Domain:\\t\\t-\\n\\tLogon ID:\\t\\t0x0\\n\\n"
	"Process Information:\\n\\tNew Process ID:\\t\\t0x1868\\n"
	"\\tNew Process Name:\\tC:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UB"
	"ND.doc.exe\\n"
	"\\tToken Elevation Type:\\tTokenElevationTypeDefault (1)\\n"
	"\\tMandatory Label:\\t\\tS-1-16-8192\\n"
	"\\tCreator Process ID:\\t0x10d8\\n"
	"\\tCreator Process Name:\\tC:\\\\Program Files\\\\Microsoft "
	"Office\\\\root\\\\Office16\\\\WINWORD.EXE\\n"
	"\\tProcess Command Line:\\t\\\"C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD"
	"-1234-UBND.doc.exe\\\" /q\\n\\n"
	"Token Elevation Type indicates the type of token that was assigned to "
	"the new process in accordance with User Account Control policy.\\n\\n"
	"Type 1 is a full token with no privileges removed or groups disabled. "
	" A full token is only used if User Account Control is disabled or if "
	"the user is the built-in Administrator account or a service "
	"account.\\n\\n"
	"Type 2 is an elevated token with no privileges removed or groups "
	"disabled.  An elevated token is used when User Account Control is "
	"enabled and the user chooses to start the program using Run as "
	"administrator.  An elevated token is also used when an application is "
	"configured to always require administrative privilege or to always "
	"require maximum privilege, and the user is a member of the "
	"Administrators group.\\n\\n"
	"Type 3 is a limited token with administrative privileges removed and "
	"administrative groups disabled.  The limited token is used when User "
	"Account Control is enabled, the application does not require "
	"administrative privilege, and the user does not choose to start the "
	"program using Run as administrator.\",\"winlog\":{"
	"\"api\":\"wineventlog\",\"channel\":\"Security\","
	"\"computer_name\":\"d1-pc-01.binhduong.gov.vn\",\"event_data\":{"
	"\"CommandLine\":\"\\\"C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBN"
	"D.doc.exe\\\" /q\",\"MandatoryLabel\":\"S-1-16-8192\","
	"\"NewProcessId\":\"0x1868\","
	"\"NewProcessName\":\"C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBND"
	".doc.exe\",\"ParentProcessName\":\"C:\\\\Program Files\\\\Microsoft "
	"Office\\\\root\\\\Office16\\\\WINWORD.EXE\",\"ProcessId\":\"0x10d8\","
	"\"SubjectDomainName\":\"BINHDUONG\",\"SubjectLogonId\":\"0x3a7f21\","
	"\"SubjectUserName\":\"d1.an\","
	"\"SubjectUserSid\":\"S-1-5-21-707737876-3377451564-1596195031-1105\","
	"\"TargetDomainName\":\"-\",\"TargetLogonId\":\"0x0\","
	"\"TargetUserName\":\"-\",\"TargetUserSid\":\"S-1-0-0\","
	"\"TokenElevationType\":\"%%1936\"},\"event_id\":\"4688\","
	"\"keywords\":[\"Audit Success\"],\"opcode\":\"Info\",\"process\":{"
	"\"pid\":4,\"thread\":{\"id\":824}},\"provider_guid\":\"{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}\","
	"\"provider_name\":\"Microsoft-Windows-Security-Auditing\","
	"\"record_id\":1,\"task\":\"Process Creation\",\"version\":2}}\n";

static const char xml_4720[] =
	"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
	"<System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}'/><EventID>4720</EventID>"
	"<Version>0</Version><Level>0</Level><Task>13824</Task>"
	"<Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords>"
	"<TimeCreated SystemTime='2023-11-08T02:07:00.7770000Z'/>"
	"<EventRecordID>1</EventRecordID><Correlation/>"
	"<Execution ProcessID='608' ThreadID='824'/><Channel>Security</Channel>"
	"<Computer>d1-pc-01.binhduong.gov.vn</Computer><Security/></System>"
	"<EventData><Data Name='TargetUserName'>qt.saoluu</Data>"
	"<Data Name='TargetDomainName'>BINHDUONG</Data>"
	"<Data Name='TargetSid'>S-1-5-21-707737876-3377451564-1596195031-1150</"
	"Data>"
	"<Data Name='SubjectUserSid'>S-1-5-21-707737876-3377451564-1596195031-1"
	"104</Data><Data Name='SubjectUserName'>admin</Data>"
	"<Data Name='SubjectDomainName'>BINHDUONG</Data>"
	"<Data Name='SubjectLogonId'>0x3a7f21</Data>"
	"<Data Name='PrivilegeList'>-</Data>"
	"<Data Name='SamAccountName'>qt.saoluu</Data>"
	"<Data Name='DisplayName'>Quản trị sao lưu</Data>"
	"<Data Name='UserPrincipalName'>-</Data>"
	"<Data Name='HomeDirectory'>%%1793</Data>"
	"<Data Name='HomePath'>%%1793</Data>"
	"<Data Name='ScriptPath'>%%1793</Data>"
	"<Data Name='ProfilePath'>%%1793</Data>"
	"<Data Name='UserWorkstations'>%%1793</Data>"
	"<Data Name='PasswordLastSet'>%%1794</Data>"
	"<Data Name='AccountExpires'>%%1794</Data>"
	"<Data Name='PrimaryGroupId'>513</Data>"
	"<Data Name='AllowedToDelegateTo'>-</Data>"
	"<Data Name='OldUacValue'>0x0</Data>"
	"<Data Name='NewUacValue'>0x15</Data>"
	"<Data Name='UserAccountControl'>&#xA;\t\t%%2080&#xA;\t\t%%2082&#xA;\t"
	"\t%%2084</Data><Data Name='UserParameters'>%%1792</Data>"
	"<Data Name='SidHistory'>-</Data><Data Name='LogonHours'>%%1797</Data>"
	"</EventData></Event>\n";

static const char json_4720[] =
	"{\"@timestamp\":\"2023-11-08T02:07:00.7770000Z\",\"agent\":{"
	"\"ephemeral_id\":\"6edd995e-d964-4f10-83a3-756551cf9116\","
	"\"hostname\":\"d1-pc-01\","
	"\"id\":\"b64de93c-99c7-446f-8a61-bcfa5aed1ef1\",\"name\":\"d1-pc-01\","
	"\"type\":\"winlogbeat\",\"version\":\"8.11.4\"},\"ecs\":{"
	"\"version\":\"8.0.0\"},\"event\":{"
	"\"action\":\"User Account Management\",\"code\":\"4720\","
	"\"created\":\"2023-11-08T02:07:02.277Z\",\"kind\":\"event\","
	"\"outcome\":\"success\","
	"\"provider\":\"Microsoft-Windows-Security-Auditing\"},\"host\":{"
	"\"name\":\"d1-pc-01.binhduong.gov.vn\"},\"log\":{"
	"\"level\":\"information\"},\"message\":\"A user account was "
	"created.\\n\\nSubject:\\n"
	"\\tSecurity ID:\\t\\tS-1-5-21-707737876-3377451564-1596195031-1104\\n"
	"\\tAccount Name:\\t\\tadmin\\n\\tAccount Domain:\\t\\tBINHDUONG\\n"
	"\\tLogon ID:\\t\\t0x3a7f21\\n\\nNew Account:\\n"
	"\\tSecurity ID:\\t\\tS-1-5-21-707737876-3377451564-1596195031-1150\\n"
	"\\tAccount Name:\\t\\tqt.saoluu\\n"
	"\\tAccount Domain:\\t\\tBINHDUONG\\n\\nAttributes:\\n"
	"\\tSAM Account Name:\\tqt.saoluu\\n"
	"\\tDisplay Name:\\t\\tQuản trị sao lưu\\n"
	"\\tUser Principal Name:\\t-\\n"
	"\\tHome Directory:\\t\\t<value not set>\\n"
	"\\tHome Drive:\\t\\t<value not set>\\n"
	"\\tScript Path:\\t\\t<value not set>\\n"
	"\\tProfile Path:\\t\\t<value not set>\\n"
	"\\tUser Workstations:\\t<value not set>\\n"
	"\\tPassword Last Set:\\t<never>\\n\\tAccount Expires:\\t\\t<never>\\n"
	"\\tPrimary Group ID:\\t513\\n\\tAllowed To Delegate To:\\t-\\n"
	"\\tOld UAC Value:\\t\\t0x0\\n\\tNew UAC Value:\\t\\t0x15\\n"
	"\\tUser Account Control:\\t\\n\\t\\tAccount Disabled\\n"
	"\\t\\t'Password Not Required' - Enabled\\n"
	"\\t\\t'Normal Account' - Enabled\\n"
	"\\tUser Parameters:\\t<value changed, but not displayed>\\n"
	"\\tSID History:\\t\\t-\\n\\tLogon Hours:\\t\\tAll\\n\\n"
	"Additional Information:\\n\\tPrivileges\\t\\t-\",\"winlog\":{"
	"\"api\":\"wineventlog\",\"channel\":\"Security\","
	"\"computer_name\":\"d1-pc-01.binhduong.gov.vn\",\"event_data\":{"
	"\"AccountExpires\":\"%%1794\",\"AllowedToDelegateTo\":\"-\","
	"\"DisplayName\":\"Quản trị sao lưu\",\"HomeDirectory\":\"%%1793\","
	"\"HomePath\":\"%%1793\",\"LogonHours\":\"%%1797\","
	"\"NewUacValue\":\"0x15\",\"OldUacValue\":\"0x0\","
	"\"PasswordLastSet\":\"%%1794\",\"PrimaryGroupId\":\"513\","
	"\"PrivilegeList\":\"-\",\"ProfilePath\":\"%%1793\","
	"\"SamAccountName\":\"qt.saoluu\",\"ScriptPath\":\"%%1793\","
	"\"SidHistory\":\"-\",\"SubjectDomainName\":\"BINHDUONG\","
	"\"SubjectLogonId\":\"0x3a7f21\",\"SubjectUserName\":\"admin\","
	"\"SubjectUserSid\":\"S-1-5-21-707737876-3377451564-1596195031-1104\","
	"\"TargetDomainName\":\"BINHDUONG\","
	"\"TargetSid\":\"S-1-5-21-707737876-3377451564-1596195031-1150\","
	"\"TargetUserName\":\"qt.saoluu\",\"UserAccountControl\":\"\\n"
	"\\t\\t%%2080\\n\\t\\t%%2082\\n\\t\\t%%2084\","
	"\"UserParameters\":\"%%1792\",\"UserPrincipalName\":\"-\","
	"\"UserWorkstations\":\"%%1793\"},\"event_id\":\"4720\","
	"\"keywords\":[\"Audit Success\"],\"opcode\":\"Info\",\"process\":{"
	"\"pid\":608,\"thread\":{\"id\":824}},\"provider_guid\":\"{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}\","
	"\"provider_name\":\"Microsoft-Windows-Security-Auditing\","
	"\"record_id\":1,\"task\":\"User Account Management\"}}\n";

static const char xml_4768[] =
	"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
	"<System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}'/><EventID>4768</EventID>"
	"<Version>0</Version><Level>0</Level><Task>14339</Task>"
	"<Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords>"
	"<TimeCreated SystemTime='2023-11-08T02:06:40.1234560Z'/>"
	"<EventRecordID>1</EventRecordID><Correlation/>"
	"<Execution ProcessID='608' ThreadID='824'/><Channel>Security</Channel>"
	"<Computer>d1-pc-01.binhduong.gov.vn</Computer><Security/></System>"
	"<EventData><Data Name='TargetUserName'>d1.an</Data>"
	"<Data Name='TargetDomainName'>BINHDUONG.GOV.VN</Data>"
	"<Data Name='TargetSid'>S-1-5-21-707737876-3377451564-1596195031-1105</"
	"Data><Data Name='ServiceName'>krbtgt</Data>"
	"<Data Name='ServiceSid'>S-1-5-21-707737876-3377451564-1596195031-502</"
	"Data><Data Name='TicketOptions'>0x40810010</Data>"
	"<Data Name='Status'>0x0</Data>"
	"<Data Name='TicketEncryptionType'>0x12</Data>"
	"<Data Name='PreAuthType'>2</Data>"
	"<Data Name='IpAddress'>::ffff:10.21.0.11</Data>"
	"<Data Name='IpPort'>49811</Data><Data Name='CertIssuerName'></Data>"
	"<Data Name='CertSerialNumber'></Data><Data Name='CertThumbprint'>"
	"</Data></EventData></Event>\n";

static const char json_4768[] =
	"{\"@timestamp\":\"2023-11-08T02:06:40.1234560Z\",\"agent\":{"
	"\"ephemeral_id\":\"6edd995e-d964-4f10-83a3-756551cf9116\","
	"\"hostname\":\"d1-pc-01\","
	"\"id\":\"b64de93c-99c7-446f-8a61-bcfa5aed1ef1\",\"name\":\"d1-pc-01\","
	"\"type\":\"winlogbeat\",\"version\":\"8.11.4\"},\"ecs\":{"
	"\"version\":\"8.0.0\"},\"event\":{"
	"\"action\":\"Kerberos Authentication Service\",\"code\":\"4768\","
	"\"created\":\"2023-11-08T02:06:41.623Z\",\"kind\":\"event\","
	"\"outcome\":\"success\","
	"\"provider\":\"Microsoft-Windows-Security-Auditing\"},\"host\":{"
	"\"name\":\"d1-pc-01.binhduong.gov.vn\"},\"log\":{"
	"\"level\":\"information\"},\"message\":\"A Kerberos authentication "
	"ticket (TGT) was requested.\\n\\nAccount Information:\\n"
	"\\tAccount Name:\\t\\td1.an\\n"
	"\\tSupplied Realm Name:\\tBINHDUONG.GOV.VN\\n"
	"\\tUser ID:\\t\\t\\tS-1-5-21-707737876-3377451564-1596195031-1105\\n\\"
	"nService Information:\\n\\tService Name:\\t\\tkrbtgt\\n"
	"\\tService ID:\\t\\tS-1-5-21-707737876-3377451564-1596195031-502\\n\\n"
	"Network Information:\\n\\tClient Address:\\t\\t::ffff:10.21.0.11\\n"
	"\\tClient Port:\\t\\t49811\\n\\nAdditional Information:\\n"
	"\\tTicket Options:\\t\\t0x40810010\\n\\tResult Code:\\t\\t0x0\\n"
	"\\tTicket Encryption Type:\\t0x12\\n"
	"\\tPre-Authentication Type:\\t2\\n\\nCertificate Information:\\n"
	"\\tCertificate Issuer Name:\\t\\t\\n"
	"\\tCertificate Serial Number:\\t\\n"
	"\\tCertificate Thumbprint:\\t\\t\\n\\n"
	"Certificate information is only provided if a certificate was used "
	"for pre-authentication.\\n\\n"
	"Pre-authentication types, ticket options, encryption types and result "
	"codes are defined in RFC 4120.\",\"winlog\":{\"api\":\"wineventlog\","
	"\"channel\":\"Security\","
	"\"computer_name\":\"d1-pc-01.binhduong.gov.vn\",\"event_data\":{"
	"\"IpAddress\":\"::ffff:10.21.0.11\",\"IpPort\":\"49811\","
	"\"PreAuthType\":\"2\",\"ServiceName\":\"krbtgt\","
	"\"ServiceSid\":\"S-1-5-21-707737876-3377451564-1596195031-502\","
	"\"Status\":\"0x0\",\"TargetDomainName\":\"BINHDUONG.GOV.VN\","
	"\"TargetSid\":\"S-1-5-21-707737876-3377451564-1596195031-1105\","
	"\"TargetUserName\":\"d1.an\",\"TicketEncryptionType\":\"0x12\","
	"\"TicketOptions\":\"0x40810010\"},\"event_id\":\"4768\","
	"\"keywords\":[\"Audit Success\"],\"opcode\":\"Info\",\"process\":{"
	"\"pid\":608,\"thread\":{\"id\":824}},\"provider_guid\":\"{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}\","
	"\"provider_name\":\"Microsoft-Windows-Security-Auditing\","
	"\"record_id\":1,\"task\":\"Kerberos Authentication Service\"}}\n";

static const char xml_4776[] =
	"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
	"<System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}'/><EventID>4776</EventID>"
	"<Version>0</Version><Level>0</Level><Task>14336</Task>"
	"<Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords>"
	"<TimeCreated SystemTime='2023-11-08T02:06:40.1234560Z'/>"
	"<EventRecordID>1</EventRecordID><Correlation/>"
	"<Execution ProcessID='608' ThreadID='824'/><Channel>Security</Channel>"
	"<Computer>d1-pc-01.binhduong.gov.vn</Computer><Security/></System>"
	"<EventData>"
	"<Data Name='PackageName'>MICROSOFT_AUTHENTICATION_PACKAGE_V1_0</Data>"
	"<Data Name='TargetUserName'>admin</Data>"
	"<Data Name='Workstation'>C1-PC-01</Data><Data Name='Status'>0x0</Data>"
	"</EventData></Event>\n";

static const char json_4776[] =
	"{\"@timestamp\":\"2023-11-08T02:06:40.1234560Z\",\"agent\":{"
	"\"ephemeral_id\":\"6edd995e-d964-4f10-83a3-756551cf9116\","
	"\"hostname\":\"d1-pc-01\","
	"\"id\":\"b64de93c-99c7-446f-8a61-bcfa5aed1ef1\",\"name\":\"d1-pc-01\","
	"\"type\":\"winlogbeat\",\"version\":\"8.11.4\"},\"ecs\":{"
	"\"version\":\"8.0.0\"},\"event\":{"
	"\"action\":\"Credential Validation\",\"code\":\"4776\","
	"\"created\":\"2023-11-08T02:06:41.623Z\",\"kind\":\"event\","
	"\"outcome\":\"success\","
	"\"provider\":\"Microsoft-Windows-Security-Auditing\"},\"host\":{"
	"\"name\":\"d1-pc-01.binhduong.gov.vn\"},\"log\":{"
	"\"level\":\"information\"},\"message\":\"The computer attempted to "
	"validate the credentials for an account.\\n\\n"
	"Authentication Package:\\tMICROSOFT_AUTHENTICATION_PACKAGE_V1_0\\n"
	"Logon Account:\\tadmin\\nSource Workstation:\\tC1-PC-01\\n"
	"Error Code:\\t0x0\",\"winlog\":{\"api\":\"wineventlog\","
	"\"channel\":\"Security\","
	"\"computer_name\":\"d1-pc-01.binhduong.gov.vn\",\"event_data\":{"
	"\"PackageName\":\"MICROSOFT_AUTHENTICATION_PACKAGE_V1_0\","
	"\"Status\":\"0x0\",\"TargetUserName\":\"admin\","
	"\"Workstation\":\"C1-PC-01\"},\"event_id\":\"4776\","
	"\"keywords\":[\"Audit Success\"],\"opcode\":\"Info\",\"process\":{"
	"\"pid\":608,\"thread\":{\"id\":824}},\"provider_guid\":\"{"
	"54849625-5478-4994-a5ba-3e3b0328c30d}\","
	"\"provider_name\":\"Microsoft-Windows-Security-Auditing\","
	"\"record_id\":1,\"task\":\"Credential Validation\"}}\n";

static const char xml_sysmon_1[] =
	"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
	"<System><Provider Name='Microsoft-Windows-Sysmon' Guid='{"
	"5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/><EventID>1</EventID>"
	"<Version>5</Version><Level>4</Level><Task>1</Task><Opcode>0</Opcode>"
	"<Keywords>0x8000000000000000</Keywords>"
	"<TimeCreated SystemTime='2023-11-08T02:05:01.2500000Z'/>"
	"<EventRecordID>1</EventRecordID><Correlation/>"
	"<Execution ProcessID='3776' ThreadID='824'/>"
	"<Channel>Microsoft-Windows-Sysmon/Operational</Channel>"
	"<Computer>d1-pc-01.binhduong.gov.vn</Computer>"
	"<Security UserID='S-1-5-18'/></System><EventData>"
	"<Data Name='RuleName'>-</Data>"
	"<Data Name='UtcTime'>2023-11-08 02:05:01.250</Data>"
	"<Data Name='ProcessGuid'>{94d3a727-eccd-654a-0000-001068180000}</Data>"
	"<Data Name='ProcessId'>6248</Data>"
	"<Data Name='Image'>C:\\Users\\d1.an\\Downloads\\QD-1234-UBND.doc.exe</"
	"Data><Data Name='FileVersion'>-</Data>"
	"<Data Name='Description'>-</Data><Data Name='Product'>-</Data>"
	"<Data Name='Company'>-</Data><Data Name='OriginalFileName'>-</Data>"
	"<Data Name='CommandLine'>&quot;C:\\Users\\d1.an\\Downloads\\QD-1234-UB"
	"ND.doc.exe&quot; /q</Data>"
	"<Data Name='CurrentDirectory'>C:\\Users\\d1.an\\Downloads\\</Data>"
	"<Data Name='User'>BINHDUONG\\d1.an</Data><Data Name='LogonGuid'>{"
	"94d3a727-eba0-654a-0000-0020217f3a00}</Data>"
	"<Data Name='LogonId'>0x3a7f21</Data>"
	"<Data Name='TerminalSessionId'>1</Data>"
	"<Data Name='IntegrityLevel'>Medium</Data>"
	"<Data Name='Hashes'>SHA1=AAF4C61DDCC5E8A2DABEDE0F3B482CD9AEA9434D,MD5="
	"5D41402ABC4B2A76B9719D911017C592,SHA256=2CF24DBA5FB0A30E26E83B2AC5B9E2"
	"9E1B161E5C1FA7425E73043362938B9824,IMPHASH=F34D5F2D4577ED6D9CEEC516C1F"
	"5A744</Data><Data Name='ParentProcessGuid'>{"
	"94d3a727-ec9a-654a-0000-0010d8100000}</Data>"
	"<Data Name='ParentProcessId'>4312</Data>"
	"<Data Name='ParentImage'>C:\\Program Files\\Microsoft "
	"Office\\root\\Office16\\WINWORD.EXE</Data>"
	"<Data Name='ParentCommandLine'>&quot;C:\\Program Files\\Microsoft "
	"Office\\root\\Office16\\WINWORD.EXE&quot; /n "
	"&quot;C:\\Users\\d1.an\\Downloads\\QD-1234-UBND.docx&quot;</Data>"
	"<Data Name='ParentUser'>BINHDUONG\\d1.an</Data></EventData></Event>\n";

static const char json_sysmon_1[] =
	"{\"@timestamp\":\"2023-11-08T02:05:01.2500000Z\",\"agent\":{"
	"\"ephemeral_id\":\"6edd995e-d964-4f10-83a3-756551cf9116\","
	"\"hostname\":\"d1-pc-01\","
	"\"id\":\"b64de93c-99c7-446f-8a61-bcfa5aed1ef1\",\"name\":\"d1-pc-01\","
	"\"type\":\"winlogbeat\",\"version\":\"8.11.4\"},\"ecs\":{"
	"\"version\":\"8.0.0\"},\"event\":{"
	"\"action\":\"Process Create (rule: ProcessCreate)\",\"code\":\"1\","
	"\"created\":\"2023-11-08T02:05:02.750Z\",\"kind\":\"event\","
	"\"provider\":\"Microsoft-Windows-Sysmon\"},\"host\":{"
	"\"name\":\"d1-pc-01.binhduong.gov.vn\"},\"log\":{"
	"\"level\":\"information\"},\"message\":\"Process Create:\\n"
	"RuleName: -\\nUtcTime: 2023-11-08 02:05:01.250\\nProcessGuid: {"
	"94d3a727-eccd-654a-0000-001068180000}\\nProcessId: 6248\\n"
	"Image: C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBND.doc.exe\\n"
	"FileVersion: -\\nDescription: -\\nProduct: -\\nCompany: -\\n"
	"OriginalFileName: -\\n"
	"CommandLine: \\\"C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBND.doc"
	".exe\\\" /q\\n"
	"CurrentDirectory: C:\\\\Users\\\\d1.an\\\\Downloads\\\\\\n"
	"User: BINHDUONG\\\\d1.an\\nLogonGuid: {"
	"94d3a727-eba0-654a-0000-0020217f3a00}\\nLogonId: 0x3a7f21\\n"
	"TerminalSessionId: 1\\nIntegrityLevel: Medium\\n"
	"Hashes: SHA1=AAF4C61DDCC5E8A2DABEDE0F3B482CD9AEA9434D,MD5=5D41402ABC4B"
	"2A76B9719D911017C592,SHA256=2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1F"
	"A7425E73043362938B9824,IMPHASH=F34D5F2D4577ED6D9CEEC516C1F5A744\\n"
	"ParentProcessGuid: {94d3a727-ec9a-654a-0000-0010d8100000}\\n"
	"ParentProcessId: 4312\\nParentImage: C:\\\\Program Files\\\\Microsoft "
	"Office\\\\root\\\\Office16\\\\WINWORD.EXE\\n"
	"ParentCommandLine: \\\"C:\\\\Program Files\\\\Microsoft "
	"Office\\\\root\\\\Office16\\\\WINWORD.EXE\\\" /n "
	"\\\"C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBND.docx\\\"\\n"
	"ParentUser: BINHDUONG\\\\d1.an\",\"winlog\":{\"api\":\"wineventlog\","
	"\"channel\":\"Microsoft-Windows-Sysmon/Operational\","
	"\"computer_name\":\"d1-pc-01.binhduong.gov.vn\",\"event_data\":{"
	"\"CommandLine\":\"\\\"C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBN"
	"D.doc.exe\\\" /q\",\"Company\":\"-\","
	"\"CurrentDirectory\":\"C:\\\\Users\\\\d1.an\\\\Downloads\\\\\","
	"\"Description\":\"-\",\"FileVersion\":\"-\","
	"\"Hashes\":\"SHA1=AAF4C61DDCC5E8A2DABEDE0F3B482CD9AEA9434D,MD5=5D41402"
	"ABC4B2A76B9719D911017C592,SHA256=2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161"
	"E5C1FA7425E73043362938B9824,IMPHASH=F34D5F2D4577ED6D9CEEC516C1F5A744\""
	",\"Image\":\"C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBND.doc.exe"
	"\",\"IntegrityLevel\":\"Medium\",\"LogonGuid\":\"{"
	"94d3a727-eba0-654a-0000-0020217f3a00}\",\"LogonId\":\"0x3a7f21\","
	"\"OriginalFileName\":\"-\","
	"\"ParentCommandLine\":\"\\\"C:\\\\Program Files\\\\Microsoft "
	"Office\\\\root\\\\Office16\\\\WINWORD.EXE\\\" /n "
	"\\\"C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBND.docx\\\"\","
	"\"ParentImage\":\"C:\\\\Program Files\\\\Microsoft "
	"Office\\\\root\\\\Office16\\\\WINWORD.EXE\",\"ParentProcessGuid\":\"{"
	"94d3a727-ec9a-654a-0000-0010d8100000}\",\"ParentProcessId\":\"4312\","
	"\"ParentUser\":\"BINHDUONG\\\\d1.an\",\"ProcessGuid\":\"{"
	"94d3a727-eccd-654a-0000-001068180000}\",\"ProcessId\":\"6248\","
	"\"Product\":\"-\",\"RuleName\":\"-\",\"TerminalSessionId\":\"1\","
	"\"User\":\"BINHDUONG\\\\d1.an\","
	"\"UtcTime\":\"2023-11-08 02:05:01.250\"},\"event_id\":\"1\","
	"\"opcode\":\"Info\",\"process\":{\"pid\":3776,\"thread\":{"
	"\"id\":824}},\"provider_guid\":\"{"
	"5770385f-c22a-43e0-bf4c-06f5698ffbd9}\","
	"\"provider_name\":\"Microsoft-Windows-Sysmon\","
	"\"record_id\":1,\"task\":\"Process Create (rule: ProcessCreate)\","
	"\"user\":{\"domain\":\"NT AUTHORITY\",\"identifier\":\"S-1-5-18\","
	"\"name\":\"SYSTEM\",\"type\":\"Well Known Group\"},\"version\":5}}\n";

static const char xml_sysmon_3[] =
	"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
	"<System><Provider Name='Microsoft-Windows-Sysmon' Guid='{"
	"5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/><EventID>3</EventID>"
	"<Version>5</Version><Level>4</Level><Task>3</Task><Opcode>0</Opcode>"
	"<Keywords>0x8000000000000000</Keywords>"
	"<TimeCreated SystemTime='2023-11-08T02:05:03.0100000Z'/>"
	"<EventRecordID>1</EventRecordID><Correlation/>"
	"<Execution ProcessID='3776' ThreadID='824'/>"
	"<Channel>Microsoft-Windows-Sysmon/Operational</Channel>"
	"<Computer>d1-pc-01.binhduong.gov.vn</Computer>"
	"<Security UserID='S-1-5-18'/></System><EventData>"
	"<Data Name='RuleName'>-</Data>"
	"<Data Name='UtcTime'>2023-11-08 02:05:03.010</Data>"
	"<Data Name='ProcessGuid'>{94d3a727-eccd-654a-0000-001068180000}</Data>"
	"<Data Name='ProcessId'>6248</Data>"
	"<Data Name='Image'>C:\\Users\\d1.an\\Downloads\\QD-1234-UBND.doc.exe</"
	"Data><Data Name='User'>BINHDUONG\\d1.an</Data>"
	"<Data Name='Protocol'>tcp</Data><Data Name='Initiated'>true</Data>"
	"<Data Name='SourceIsIpv6'>false</Data>"
	"<Data Name='SourceIp'>10.21.0.11</Data>"
	"<Data Name='SourceHostname'>d1-pc-01.binhduong.gov.vn</Data>"
	"<Data Name='SourcePort'>49852</Data>"
	"<Data Name='SourcePortName'>-</Data>"
	"<Data Name='DestinationIsIpv6'>false</Data>"
	"<Data Name='DestinationIp'>185.220.101.47</Data>"
	"<Data Name='DestinationHostname'>-</Data>"
	"<Data Name='DestinationPort'>443</Data>"
	"<Data Name='DestinationPortName'>https</Data></EventData></Event>\n";

static const char json_sysmon_3[] =
	"{\"@timestamp\":\"2023-11-08T02:05:03.0100000Z\",\"agent\":{"
	"\"ephemeral_id\":\"6edd995e-d964-4f10-83a3-756551cf9116\","
	"\"hostname\":\"d1-pc-01\","
	"\"id\":\"b64de93c-99c7-446f-8a61-bcfa5aed1ef1\",\"name\":\"d1-pc-01\","
	"\"type\":\"winlogbeat\",\"version\":\"8.11.4\"},\"ecs\":{"
	"\"version\":\"8.0.0\"},\"event\":{"
	"\"action\":\"Network connection detected (rule: NetworkConnect)\","
	"\"code\":\"3\",\"created\":\"2023-11-08T02:05:04.510Z\","
	"\"kind\":\"event\","
	"\"provider\":\"Microsoft-Windows-Sysmon\"},\"host\":{"
	"\"name\":\"d1-pc-01.binhduong.gov.vn\"},\"log\":{"
	"\"level\":\"information\"},\"message\":\"Network connection "
	"detected:\\nRuleName: -\\nUtcTime: 2023-11-08 02:05:03.010\\n"
	"ProcessGuid: {94d3a727-eccd-654a-0000-001068180000}\\n"
	"ProcessId: 6248\\n"
	"Image: C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBND.doc.exe\\n"
	"User: BINHDUONG\\\\d1.an\\nProtocol: tcp\\nInitiated: true\\n"
	"SourceIsIpv6: false\\nSourceIp: 10.21.0.11\\n"
	"SourceHostname: d1-pc-01.binhduong.gov.vn\\nSourcePort: 49852\\n"
	"SourcePortName: -\\nDestinationIsIpv6: false\\n"
	"DestinationIp: 185.220.101.47\\nDestinationHostname: -\\n"
	"DestinationPort: 443\\nDestinationPortName: https\",\"winlog\":{"
	"\"api\":\"wineventlog\","
	"\"channel\":\"Microsoft-Windows-Sysmon/Operational\","
	"\"computer_name\":\"d1-pc-01.binhduong.gov.vn\",\"event_data\":{"
	"\"DestinationHostname\":\"-\",\"DestinationIp\":\"185.220.101.47\","
	"\"DestinationIsIpv6\":\"false\",\"DestinationPort\":\"443\","
	"\"DestinationPortName\":\"https\","
	"\"Image\":\"C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBND.doc.exe"
	"\",\"Initiated\":\"true\",\"ProcessGuid\":\"{"
	"94d3a727-eccd-654a-0000-001068180000}\",\"ProcessId\":\"6248\","
	"\"Protocol\":\"tcp\",\"RuleName\":\"-\","
	"\"SourceHostname\":\"d1-pc-01.binhduong.gov.vn\","
	"\"SourceIp\":\"10.21.0.11\",\"SourceIsIpv6\":\"false\","
	"\"SourcePort\":\"49852\",\"SourcePortName\":\"-\","
	"\"User\":\"BINHDUONG\\\\d1.an\","
	"\"UtcTime\":\"2023-11-08 02:05:03.010\"},\"event_id\":\"3\","
	"\"opcode\":\"Info\",\"process\":{\"pid\":3776,\"thread\":{"
	"\"id\":824}},\"provider_guid\":\"{"
	"5770385f-c22a-43e0-bf4c-06f5698ffbd9}\","
	"\"provider_name\":\"Microsoft-Windows-Sysmon\","
	"\"record_id\":1,\"task\":\"Network connection detected (rule: "
	"NetworkConnect)\",\"user\":{\"domain\":\"NT AUTHORITY\","
	"\"identifier\":\"S-1-5-18\",\"name\":\"SYSTEM\","
	"\"type\":\"Well Known Group\"},\"version\":5}}\n";

static const char xml_sysmon_11[] =
	"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
	"<System><Provider Name='Microsoft-Windows-Sysmon' Guid='{"
	"5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/><EventID>11</EventID>"
	"<Version>2</Version><Level>4</Level><Task>11</Task><Opcode>0</Opcode>"
	"<Keywords>0x8000000000000000</Keywords>"
	"<TimeCreated SystemTime='2023-11-08T02:05:02.9001230Z'/>"
	"<EventRecordID>1</EventRecordID><Correlation/>"
	"<Execution ProcessID='3776' ThreadID='824'/>"
	"<Channel>Microsoft-Windows-Sysmon/Operational</Channel>"
	"<Computer>d1-pc-01.binhduong.gov.vn</Computer>"
	"<Security UserID='S-1-5-18'/></System><EventData>"
	"<Data Name='RuleName'>-</Data>"
	"<Data Name='UtcTime'>2023-11-08 02:05:02.900</Data>"
	"<Data Name='ProcessGuid'>{94d3a727-eccd-654a-0000-001068180000}</Data>"
	"<Data Name='ProcessId'>6248</Data>"
	"<Data Name='Image'>C:\\Users\\d1.an\\Downloads\\QD-1234-UBND.doc.exe</"
	"Data>"
	"<Data Name='TargetFilename'>C:\\Users\\d1.an\\AppData\\Roaming\\Micros"
	"oft\\Windows\\Start Menu\\Programs\\Startup\\Tài liệu.lnk</Data>"
	"<Data Name='CreationUtcTime'>2023-11-08 02:05:02.900</Data>"
	"<Data Name='User'>BINHDUONG\\d1.an</Data></EventData></Event>\n";

static const char json_sysmon_11[] =
	"{\"@timestamp\":\"2023-11-08T02:05:02.9001230Z\",\"agent\":{"
	"\"ephemeral_id\":\"6edd995e-d964-4f10-83a3-756551cf9116\","
	"\"hostname\":\"d1-pc-01\","
	"\"id\":\"b64de93c-99c7-446f-8a61-bcfa5aed1ef1\",\"name\":\"d1-pc-01\","
	"\"type\":\"winlogbeat\",\"version\":\"8.11.4\"},\"ecs\":{"
	"\"version\":\"8.0.0\"},\"event\":{"
	"\"action\":\"File created (rule: FileCreate)\",\"code\":\"11\","
	"\"created\":\"2023-11-08T02:05:04.400Z\",\"kind\":\"event\","
	"\"provider\":\"Microsoft-Windows-Sysmon\"},\"host\":{"
	"\"name\":\"d1-pc-01.binhduong.gov.vn\"},\"log\":{"
	"\"level\":\"information\"},\"message\":\"File created:\\n"
	"RuleName: -\\nUtcTime: 2023-11-08 02:05:02.900\\nProcessGuid: {"
	"94d3a727-eccd-654a-0000-001068180000}\\nProcessId: 6248\\n"
	"Image: C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBND.doc.exe\\n"
	"TargetFilename: C:\\\\Users\\\\d1.an\\\\AppData\\\\Roaming\\\\Microsof"
	"t\\\\Windows\\\\Start Menu\\\\Programs\\\\Startup\\\\Tài liệu.lnk\\n"
	"CreationUtcTime: 2023-11-08 02:05:02.900\\nUser: BINHDUONG\\\\d1.an\","
	"\"winlog\":{\"api\":\"wineventlog\","
	"\"channel\":\"Microsoft-Windows-Sysmon/Operational\","
	"\"computer_name\":\"d1-pc-01.binhduong.gov.vn\",\"event_data\":{"
	"\"CreationUtcTime\":\"2023-11-08 02:05:02.900\","
	"\"Image\":\"C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBND.doc.exe"
	"\",\"ProcessGuid\":\"{94d3a727-eccd-654a-0000-001068180000}\","
	"\"ProcessId\":\"6248\",\"RuleName\":\"-\","
	"\"TargetFilename\":\"C:\\\\Users\\\\d1.an\\\\AppData\\\\Roaming\\\\Mic"
	"rosoft\\\\Windows\\\\Start Menu\\\\Programs\\\\Startup\\\\Tài "
	"liệu.lnk\",\"User\":\"BINHDUONG\\\\d1.an\","
	"\"UtcTime\":\"2023-11-08 02:05:02.900\"},\"event_id\":\"11\","
	"\"opcode\":\"Info\",\"process\":{\"pid\":3776,\"thread\":{"
	"\"id\":824}},\"provider_guid\":\"{"
	"5770385f-c22a-43e0-bf4c-06f5698ffbd9}\","
	"\"provider_name\":\"Microsoft-Windows-Sysmon\","
	"\"record_id\":1,\"task\":\"File created (rule: FileCreate)\","
	"\"user\":{\"domain\":\"NT AUTHORITY\",\"identifier\":\"S-1-5-18\","
	"\"name\":\"SYSTEM\",\"type\":\"Well Known Group\"},\"version\":2}}\n";

static const char xml_sysmon_22[] =
	"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
	"<System><Provider Name='Microsoft-Windows-Sysmon' Guid='{"
	"5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/><EventID>22</EventID>"
	"<Version>5</Version><Level>4</Level><Task>22</Task><Opcode>0</Opcode>"
	"<Keywords>0x8000000000000000</Keywords>"
	"<TimeCreated SystemTime='2023-11-08T02:05:02.1252990Z'/>"
	"<EventRecordID>1</EventRecordID><Correlation/>"
	"<Execution ProcessID='3776' ThreadID='824'/>"
	"<Channel>Microsoft-Windows-Sysmon/Operational</Channel>"
	"<Computer>d1-pc-01.binhduong.gov.vn</Computer>"
	"<Security UserID='S-1-5-18'/></System><EventData>"
	"<Data Name='RuleName'>-</Data>"
	"<Data Name='UtcTime'>2023-11-08 02:05:02.125</Data>"
	"<Data Name='ProcessGuid'>{94d3a727-eccd-654a-0000-001068180000}</Data>"
	"<Data Name='ProcessId'>6248</Data>"
	"<Data Name='QueryName'>cdn.tailieu-hanhchinh.com</Data>"
	"<Data Name='QueryStatus'>0</Data><Data Name='QueryResults'>type:  5 "
	"tailieu-hanhchinh.b-cdn.net;::ffff:185.220.101.47;</Data>"
	"<Data Name='Image'>C:\\Users\\d1.an\\Downloads\\QD-1234-UBND.doc.exe</"
	"Data><Data Name='User'>BINHDUONG\\d1.an</Data></EventData></Event>\n";

static const char json_sysmon_22[] =
	"{\"@timestamp\":\"2023-11-08T02:05:02.1252990Z\",\"agent\":{"
	"\"ephemeral_id\":\"6edd995e-d964-4f10-83a3-756551cf9116\","
	"\"hostname\":\"d1-pc-01\","
	"\"id\":\"b64de93c-99c7-446f-8a61-bcfa5aed1ef1\",\"name\":\"d1-pc-01\","
	"\"type\":\"winlogbeat\",\"version\":\"8.11.4\"},\"ecs\":{"
	"\"version\":\"8.0.0\"},\"event\":{"
	"\"action\":\"Dns query (rule: DnsQuery)\",\"code\":\"22\","
	"\"created\":\"2023-11-08T02:05:03.625Z\",\"kind\":\"event\","
	"\"provider\":\"Microsoft-Windows-Sysmon\"},\"host\":{"
	"\"name\":\"d1-pc-01.binhduong.gov.vn\"},\"log\":{"
	"\"level\":\"information\"},\"message\":\"Dns query:\\nRuleName: -\\n"
	"UtcTime: 2023-11-08 02:05:02.125\\nProcessGuid: {"
	"94d3a727-eccd-654a-0000-001068180000}\\nProcessId: 6248\\n"
	"QueryName: cdn.tailieu-hanhchinh.com\\nQueryStatus: 0\\n"
	"QueryResults: type:  5 "
	"tailieu-hanhchinh.b-cdn.net;::ffff:185.220.101.47;\\n"
	"Image: C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBND.doc.exe\\n"
	"User: BINHDUONG\\\\d1.an\",\"winlog\":{\"api\":\"wineventlog\","
	"\"channel\":\"Microsoft-Windows-Sysmon/Operational\","
	"\"computer_name\":\"d1-pc-01.binhduong.gov.vn\",\"event_data\":{"
	"\"Image\":\"C:\\\\Users\\\\d1.an\\\\Downloads\\\\QD-1234-UBND.doc.exe"
	"\",\"ProcessGuid\":\"{94d3a727-eccd-654a-0000-001068180000}\","
	"\"ProcessId\":\"6248\",\"QueryName\":\"cdn.tailieu-hanhchinh.com\","
	"\"QueryResults\":\"type:  5 "
	"tailieu-hanhchinh.b-cdn.net;::ffff:185.220.101.47;\","
	"\"QueryStatus\":\"0\",\"RuleName\":\"-\","
	"\"User\":\"BINHDUONG\\\\d1.an\","
	"\"UtcTime\":\"2023-11-08 02:05:02.125\"},\"event_id\":\"22\","
	"\"opcode\":\"Info\",\"process\":{\"pid\":3776,\"thread\":{"
	"\"id\":824}},\"provider_guid\":\"{"
	"5770385f-c22a-43e0-bf4c-06f5698ffbd9}\","
	"\"provider_name\":\"Microsoft-Windows-Sysmon\","
	"\"record_id\":1,\"task\":\"Dns query (rule: DnsQuery)\",\"user\":{"
	"\"domain\":\"NT AUTHORITY\",\"identifier\":\"S-1-5-18\","
	"\"name\":\"SYSTEM\",\"type\":\"Well Known Group\"},\"version\":5}}\n";


TEST(security_4624_network_logon)
{
	check_event(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, test_logon(EVENT_LOGON_SUCCESS), xml_4624);
	check_event(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, test_logon(EVENT_LOGON_SUCCESS), json_4624);
}

TEST(security_4625_bad_password)
{
	check_event(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, test_failure(), xml_4625);
	check_event(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, test_failure(), json_4625);
}

TEST(security_4648_explicit_credentials)
{
	check_event(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, test_explicit(), xml_4648);
	check_event(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, test_explicit(), json_4648);
}

TEST(security_4672_special_privileges)
{
	check_event(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, test_logon(EVENT_LOGON_PRIVILEGED), xml_4672);
	check_event(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, test_logon(EVENT_LOGON_PRIVILEGED), json_4672);
}

TEST(security_4688_process_created)
{
	check_event(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, test_process(), xml_4688);
	check_event(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, test_process(), json_4688);
}

TEST(security_4720_account_created)
{
	check_event(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, test_account(), xml_4720);
	check_event(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, test_account(), json_4720);
}

TEST(security_4768_ticket_granted)
{
	check_event(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, test_ticket(), xml_4768);
	check_event(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, test_ticket(), json_4768);
}

TEST(security_4776_credentials_validated)
{
	check_event(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, test_logon(EVENT_LOGON_NTLM), xml_4776);
	check_event(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, test_logon(EVENT_LOGON_NTLM), json_4776);
}

TEST(sysmon_1_process_create)
{
	check_event(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, test_process(), xml_sysmon_1);
	check_event(FMT_WINEVT_JSON, FMT_WINEVT_SYSMON, test_process(), json_sysmon_1);
}

TEST(sysmon_3_network_connection)
{
	check_event(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, test_connection(), xml_sysmon_3);
	check_event(FMT_WINEVT_JSON, FMT_WINEVT_SYSMON, test_connection(), json_sysmon_3);
}

TEST(sysmon_11_file_created)
{
	check_event(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, test_file(), xml_sysmon_11);
	check_event(FMT_WINEVT_JSON, FMT_WINEVT_SYSMON, test_file(), json_sysmon_11);
}

TEST(sysmon_22_dns_query)
{
	check_event(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, test_dns(), xml_sysmon_22);
	check_event(FMT_WINEVT_JSON, FMT_WINEVT_SYSMON, test_dns(), json_sysmon_22);
}

/* ---- Variants ----------------------------------------------------------- */

/* A console logon with Kerberos: the computer account (SYSTEM) is the
 * subject, winlogon the process, a Kerberos logon GUID, no client. */
static struct event test_console_logon(void)
{
	struct event ev = test_logon(EVENT_LOGON_SUCCESS);

	ev.user = "d1.an";
	ev.conn = (struct event_conn){ 0 };
	ev.process = (struct event_process){ 736, "C:\\Windows\\System32\\winlogon.exe", NULL };
	ev.u.logon.logon_type = EVENT_LOGON_INTERACTIVE;
	ev.u.logon.method = "Negotiate";
	ev.u.logon.workstation = "D1-PC-01";
	ev.u.logon.logon_id = 0x3a7f21;
	return ev;
}

TEST(security_4624_console_logon)
{
	char guid[FMT_WINEVT_GUID_SIZE + 8];
	struct fmt_winevt_record rec = test_record(1);

	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, test_console_logon(),
		       "<Data Name='SubjectUserSid'>S-1-5-18</Data>"
		       "<Data Name='SubjectUserName'>D1-PC-01$</Data>"
		       "<Data Name='SubjectDomainName'>BINHDUONG</Data>"
		       "<Data Name='SubjectLogonId'>0x3e7</Data>");
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, test_console_logon(),
		       "<Data Name='LogonType'>2</Data>"
		       "<Data Name='LogonProcessName'>User32 </Data>"
		       "<Data Name='AuthenticationPackageName'>Negotiate</Data>");
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, test_console_logon(),
		       "<Data Name='ProcessId'>0x2e0</Data>"
		       "<Data Name='ProcessName'>C:\\Windows\\System32\\winlogon.exe</Data>"
		       "<Data Name='IpAddress'>-</Data><Data Name='IpPort'>-</Data>");
	/* d1.an has no admin rights: no elevated token. */
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, test_console_logon(),
		       "<Data Name='ElevatedToken'>%%1843</Data>");
	check_contains(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, test_console_logon(),
		       "\\tLogon ID:\\t\\t0x3E7\\n\\nLogon Information:\\n"
		       "\\tLogon Type:\\t\\t2\\n");
	/* A Kerberos logon carries a GUID; a Negotiate one all zeros. */
	field_of(FMT_WINEVT_SECURITY, test_console_logon(), &rec, "LogonGuid", guid, sizeof guid);
	CHECK_STR(guid, "{00000000-0000-0000-0000-000000000000}");
	{
		struct event ev = test_console_logon();

		ev.u.logon.method = "Kerberos";
		field_of(FMT_WINEVT_SECURITY, ev, &rec, "LogonGuid", guid, sizeof guid);
		CHECK(strlen(guid) == 38 && guid[0] == '{' && guid[37] == '}');
		CHECK(strcmp(guid, "{00000000-0000-0000-0000-000000000000}") != 0);
	}
}

/* A refused ticket and a refused NTLM check are audit failures with the
 * KDC's and NTLM's own codes; a locked account has its own reason. */
TEST(security_failures)
{
	struct event ticket = test_ticket(), ntlm = test_logon(EVENT_LOGON_NTLM);
	struct event locked = test_failure();

	ticket.u.logon.status = 0xc0000064; /* no such user */
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, ticket,
		       "<Keywords>0x8010000000000000</Keywords>");
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, ticket,
		       "<Data Name='TargetSid'>S-1-0-0</Data>"
		       "<Data Name='ServiceName'>krbtgt</Data>"
		       "<Data Name='ServiceSid'>S-1-0-0</Data>"
		       "<Data Name='TicketOptions'>0x40810010</Data>"
		       "<Data Name='Status'>0x6</Data>"
		       "<Data Name='TicketEncryptionType'>0xffffffff</Data>"
		       "<Data Name='PreAuthType'>-</Data>");
	check_contains(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, ticket,
		       "\"outcome\":\"failure\"");
	check_contains(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, ticket,
		       "\"keywords\":[\"Audit Failure\"]");
	ticket.u.logon.status = 0x18; /* a Kerberos code is kept */
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, ticket,
		       "<Data Name='Status'>0x18</Data>");

	ntlm.u.logon.status = 0xc000006a;
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, ntlm,
		       "<Keywords>0x8010000000000000</Keywords>");
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, ntlm,
		       "<Data Name='Status'>0xc000006a</Data>");
	check_contains(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, ntlm,
		       "Error Code:\\t0xc000006a\"");

	locked.u.logon.sub_status = 0xc0000234;
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, locked,
		       "<Data Name='FailureReason'>%%2307</Data>");
	check_contains(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, locked,
		       "\\tFailure Reason:\\t\\tAccount locked out.\\n"
		       "\\tStatus:\\t\\t\\t0xC000006D\\n\\tSub Status:\\t\\t0xC0000234\\n");
}

/* SYSTEM starts a program as d1.an (a scheduled task): the creator is
 * the subject, the new process's account the target, its session the
 * target's. */
TEST(security_4688_as_another_user)
{
	struct event ev = test_process();

	ev.u.process_start.parent_user = "SYSTEM";
	ev.u.process_start.parent_image = "C:\\Windows\\System32\\svchost.exe";
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, ev,
		       "<Data Name='SubjectUserSid'>S-1-5-18</Data>"
		       "<Data Name='SubjectUserName'>SYSTEM</Data>"
		       "<Data Name='SubjectDomainName'>NT AUTHORITY</Data>"
		       "<Data Name='SubjectLogonId'>0x3a7f21</Data>");
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, ev,
		       "<Data Name='TargetUserName'>d1.an</Data>"
		       "<Data Name='TargetDomainName'>BINHDUONG</Data>"
		       "<Data Name='TargetLogonId'>0x3a7f21</Data>");
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, ev,
		       "<Data Name='ParentUser'>NT AUTHORITY\\SYSTEM</Data>");
	/* Elevated, the token is a full one. */
	ev.u.process_start.integrity_level = "High";
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, ev,
		       "<Data Name='TokenElevationType'>%%1937</Data>");
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, ev,
		       "<Data Name='MandatoryLabel'>S-1-16-12288</Data>");
}

/* An inbound NetBIOS datagram to d1-pc-01's System process: Sysmon still
 * writes the initiator first, and says the host did not initiate. */
TEST(sysmon_3_inbound_udp)
{
	struct event ev = test_connection();

	ev.user = "SYSTEM";
	ev.process = (struct event_process){ 4, "System", NULL };
	ev.conn.orig_ip = fixture_ip("10.21.1.11");
	ev.conn.resp_ip = fixture_ip("10.21.0.11");
	ev.conn.orig_port = 137;
	ev.conn.resp_port = 137;
	ev.conn.proto = NET_PROTO_UDP;
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, ev,
		       "<Data Name='User'>NT AUTHORITY\\SYSTEM</Data>"
		       "<Data Name='Protocol'>udp</Data>"
		       "<Data Name='Initiated'>false</Data>"
		       "<Data Name='SourceIsIpv6'>false</Data>"
		       "<Data Name='SourceIp'>10.21.1.11</Data>"
		       "<Data Name='SourceHostname'>c1-pc-01.binhduong.gov.vn</Data>"
		       "<Data Name='SourcePort'>137</Data>"
		       "<Data Name='SourcePortName'>netbios-ns</Data>");
}

/* IPv6 as Windows writes it, RFC 5952 text: a network logon's client,
 * the KDC's client (no "::ffff:" mapping then), and Sysmon's connection
 * with SourceIsIpv6/DestinationIsIpv6 true and no names resolved. */
TEST(ipv6_addresses)
{
	struct event logon = fixture_v6(test_logon(EVENT_LOGON_SUCCESS), FIXTURE_V6_CLIENT,
					FIXTURE_V6_SERVER);
	struct event ticket = fixture_v6(test_ticket(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER);
	struct event conn = fixture_v6(test_connection(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER);

	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, logon,
		       "<Data Name='IpAddress'>fd00:10:20:5::23</Data>"
		       "<Data Name='IpPort'>");
	check_contains(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, logon,
		       "\"IpAddress\":\"fd00:10:20:5::23\"");
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, ticket,
		       "<Data Name='IpAddress'>fd00:10:20:5::23</Data>");
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, conn,
		       "<Data Name='Initiated'>true</Data>"
		       "<Data Name='SourceIsIpv6'>true</Data>"
		       "<Data Name='SourceIp'>fd00:10:20:5::23</Data>"
		       "<Data Name='SourceHostname'>-</Data>"
		       "<Data Name='SourcePort'>49852</Data>"
		       "<Data Name='SourcePortName'>-</Data>"
		       "<Data Name='DestinationIsIpv6'>true</Data>"
		       "<Data Name='DestinationIp'>2001:db8:85a3::8a2e:370:7334</Data>"
		       "<Data Name='DestinationHostname'>-</Data>"
		       "<Data Name='DestinationPort'>443</Data>");
}

/* NXDOMAIN: Windows' DNS status and no results. */
TEST(sysmon_22_name_error)
{
	struct event ev = test_dns();

	ev.u.dns.rcode = EVENT_DNS_NXDOMAIN;
	ev.u.dns.answers = NULL;
	ev.u.dns.n_answers = 0;
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, ev,
		       "<Data Name='QueryStatus'>9003</Data>"
		       "<Data Name='QueryResults'>-</Data>");
	ev.u.dns.rcode = EVENT_DNS_NOERROR;
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, ev,
		       "<Data Name='QueryStatus'>9501</Data>");
}

/* ---- Escaping ----------------------------------------------------------- */

/* Quotes, ampersand, angle brackets, apostrophes, a Windows path,
 * Vietnamese, a control byte, CR LF, TAB and a byte that is not UTF-8. */
#define HOSTILE "\"Tải QĐ & <b>'x'</b>\" C:\\Users\\d1.an\x01\r\n\tEnd\xff"

static struct event test_hostile(void)
{
	struct event ev = test_process();

	ev.process.command_line = HOSTILE;
	return ev;
}

TEST(escaping_xml)
{
	struct strbuf out;

	CHECK_INT(render_as(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, test_hostile(), &out),
		  EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out),
		       "<Data Name='CommandLine'>&quot;Tải QĐ &amp; &lt;b&gt;&apos;x&apos;"
		       "&lt;/b&gt;&quot; C:\\Users\\d1.an\\u0001&#xD;&#xA;\tEnd\xef\xbf\xbd"
		       "</Data>");
	/* One event, one line: the only LF ends it. */
	CHECK(strchr(strbuf_str(&out), '\n') == strbuf_str(&out) + out.len - 1);
	CHECK(strchr(strbuf_str(&out), '\r') == NULL);
	strbuf_free(&out);
}

TEST(escaping_json)
{
	struct strbuf out;

	CHECK_INT(render_as(FMT_WINEVT_JSON, FMT_WINEVT_SYSMON, test_hostile(), &out),
		  EVENT_RENDERED);
	/* Backslashes doubled only here; the control byte is Winlogbeat's
	 * text "\u0001", whose backslash is doubled too. */
	CHECK_CONTAINS(strbuf_str(&out),
		       "\"CommandLine\":\"\\\"Tải QĐ & <b>'x'</b>\\\" "
		       "C:\\\\Users\\\\d1.an\\\\u0001\\r\\n\\tEnd\xef\xbf\xbd\"");
	CHECK_CONTAINS(strbuf_str(&out),
		       "\\nCommandLine: \\\"Tải QĐ & <b>'x'</b>\\\" "
		       "C:\\\\Users\\\\d1.an\\\\u0001\\r\\n\\tEnd\xef\xbf\xbd\\n");
	CHECK(strchr(strbuf_str(&out), '\n') == strbuf_str(&out) + out.len - 1);
	strbuf_free(&out);
}

/* A zero-length value is an empty element in XML, and Winlogbeat leaves
 * it out of event_data; the message keeps its line. */
TEST(empty_values)
{
	struct event process = test_process(), file = test_file();

	process.process.command_line = "";
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, process,
		       "<Data Name='CommandLine'></Data>");
	check_lacks(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, process, "\"CommandLine\"");
	check_contains(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, process,
		       "\\tProcess Command Line:\\t\\n\\n");
	file.u.file.name = "";
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, file,
		       "<Data Name='TargetFilename'></Data>");
	check_lacks(FMT_WINEVT_JSON, FMT_WINEVT_SYSMON, file, "\"TargetFilename\"");
	check_contains(FMT_WINEVT_JSON, FMT_WINEVT_SYSMON, file, "\\nTargetFilename: \\n");
	/* A missing one is Windows' "-". */
	file.u.file.name = NULL;
	check_contains(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, file,
		       "<Data Name='TargetFilename'>-</Data>");
}

/* ---- Identity and numbering ------------------------------------------- */

/* Every event of one process carries one ProcessGuid when the caller
 * gives its start; the GUID holds the machine, the start second and the
 * pid as Sysmon lays them out. */
TEST(sysmon_guid_shared_by_a_process)
{
	struct fmt_winevt_settings s = settings(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, 1);
	struct fmt_winevt_record rec = test_record(1);
	char guid[FMT_WINEVT_GUID_SIZE], other[64], parent[64];
	uint32_t start = (uint32_t)(FIXTURE_EPOCH_US / SIM_SECOND + 301);
	char time_part[16];

	fmt_winevt_process_guid(&s, host_pc, 6248, fixture_at(301, 250000), guid);
	field_of(FMT_WINEVT_SYSMON, test_process(), &rec, "ProcessGuid", other, sizeof other);
	CHECK_STR(other, guid);
	field_of(FMT_WINEVT_SYSMON, test_connection(), &rec, "ProcessGuid", other, sizeof other);
	CHECK_STR(other, guid);
	field_of(FMT_WINEVT_SYSMON, test_file(), &rec, "ProcessGuid", other, sizeof other);
	CHECK_STR(other, guid);
	field_of(FMT_WINEVT_SYSMON, test_dns(), &rec, "ProcessGuid", other, sizeof other);
	CHECK_STR(other, guid);
	snprintf(time_part, sizeof time_part, "-%04x-%04x-", (unsigned)(start & 0xffff),
		 (unsigned)(start >> 16));
	CHECK_CONTAINS(guid, time_part);
	CHECK_CONTAINS(guid, "-0000-001068180000}"); /* pid 6248 = 0x1868 */
	/* Another process, or another host, gives another GUID. */
	field_of(FMT_WINEVT_SYSMON, test_process(), &rec, "ParentProcessGuid", parent,
		 sizeof parent);
	CHECK(strcmp(parent, guid) != 0);
	CHECK(strncmp(parent, guid, 9) == 0); /* same machine */
	{
		struct event ev = test_connection();

		ev.host = host_c1;
		field_of(FMT_WINEVT_SYSMON, ev, &rec, "ProcessGuid", other, sizeof other);
		CHECK(strncmp(other, guid, 9) != 0);
	}
	/* The start given is what the GUID says. */
	rec.process_start = 0;
	field_of(FMT_WINEVT_SYSMON, test_connection(), &rec, "ProcessGuid", other, sizeof other);
	CHECK(strcmp(other, guid) != 0);
	snprintf(time_part, sizeof time_part, "-%04x-%04x-",
		 (unsigned)((FIXTURE_EPOCH_US / SIM_SECOND) & 0xffff),
		 (unsigned)((FIXTURE_EPOCH_US / SIM_SECOND) >> 16));
	CHECK_CONTAINS(other, time_part);
}

/* EventRecordID is the caller's number; lsass writes Security (the
 * kernel, pid 4, process creation), Sysmon its own service; each host
 * has its own. */
TEST(record_numbers_and_writers)
{
	struct strbuf out;
	struct fmt_winevt_settings s = settings_for(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, 41);
	struct fmt_winevt_settings j = settings_for(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, 41);
	struct event ev = test_logon(EVENT_LOGON_SUCCESS);

	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "<EventRecordID>41</EventRecordID>");
	CHECK_CONTAINS(strbuf_str(&out), "<Execution ProcessID='608' ThreadID='");
	strbuf_free(&out);
	CHECK_INT(render(&j, ev, &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "\"record_id\":41,");
	CHECK_CONTAINS(strbuf_str(&out), "\"process\":{\"pid\":608,");
	strbuf_free(&out);
	/* The same lsass for every Security event of the host... */
	s.record.record_id = 42;
	CHECK_INT(render(&s, test_account(), &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "<EventRecordID>42</EventRecordID>"
		       "<Correlation/><Execution ProcessID='608' ");
	strbuf_free(&out);
	/* ...but process creation comes from System... */
	CHECK_INT(render(&s, test_process(), &out), EVENT_RENDERED);
	CHECK_CONTAINS(strbuf_str(&out), "<Execution ProcessID='4' ");
	strbuf_free(&out);
	/* ...and another host has another lsass and another Sysmon. */
	ev.host = host_c1;
	CHECK_INT(render(&s, ev, &out), EVENT_RENDERED);
	CHECK(strstr(strbuf_str(&out), "<Execution ProcessID='608' ") == NULL);
	CHECK_CONTAINS(strbuf_str(&out), "<Computer>c1-pc-01.binhduong.gov.vn</Computer>");
	strbuf_free(&out);
	{
		struct fmt_winevt_settings sx = settings_for(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, 7);
		struct event f = test_file();
		unsigned here, there;

		CHECK_INT(render(&sx, f, &out), EVENT_RENDERED);
		here = execution_pid(strbuf_str(&out));
		strbuf_free(&out);
		f.host = host_c1;
		CHECK_INT(render(&sx, f, &out), EVENT_RENDERED);
		there = execution_pid(strbuf_str(&out));
		strbuf_free(&out);
		CHECK(here != 0 && there != 0 && here != there);
		CHECK(here != 608);
		CHECK_INT(here % 4, 0);
	}
}

TEST(event_ids)
{
	struct fmt_winevt_settings sec = settings(FMT_WINEVT_XML, FMT_WINEVT_SECURITY, 1);
	struct fmt_winevt_settings sys = settings(FMT_WINEVT_XML, FMT_WINEVT_SYSMON, 1);
	struct event closed = test_logon(EVENT_LOGON_CLOSED), dns = test_dns();
	struct event success = test_logon(EVENT_LOGON_SUCCESS);

	CHECK_INT(fmt_winevt_event_id(&sec, &success), 4624);
	CHECK_INT(fmt_winevt_event_id(&sec, &closed), 0);
	CHECK_INT(fmt_winevt_event_id(&sys, &success), 0);
	CHECK_INT(fmt_winevt_event_id(&sec, &dns), 0);
	CHECK_INT(fmt_winevt_event_id(&sys, &dns), 22);
	dns.dir = EVENT_FROM_ORIG;
	CHECK_INT(fmt_winevt_event_id(&sys, &dns), 0);
}

/* ---- What is not written ------------------------------------------------ */

/* The Windows sensor watches servers by system, Linux ones among them:
 * their records give nothing on either channel. */
TEST(linux_host_not_rendered)
{
	struct event evs[] = { test_logon(EVENT_LOGON_SUCCESS), test_process(),
			       test_connection(), test_file(), test_dns() };
	size_t i;
	int ch, st;

	for (i = 0; i < sizeof evs / sizeof evs[0]; i++) {
		evs[i].host = host_portal;
		for (ch = FMT_WINEVT_SECURITY; ch <= FMT_WINEVT_SYSMON; ch++) {
			for (st = FMT_WINEVT_XML; st <= FMT_WINEVT_JSON; st++) {
				struct fmt_winevt_settings s = settings((enum fmt_winevt_style)st,
					(enum fmt_winevt_channel)ch, 1);
				struct strbuf out;

				strbuf_init(&out);
				strbuf_adds(&out, "kept");
				CHECK_INT(fmt_winevt_render(&s, &evs[i], &out), EVENT_NOT_RENDERED);
				CHECK_STR(strbuf_str(&out), "kept");
				strbuf_free(&out);
			}
		}
	}
}

static void check_not_rendered(enum fmt_winevt_channel channel, struct event ev)
{
	struct fmt_winevt_settings s = settings(FMT_WINEVT_JSON, channel, 1);
	struct strbuf out;

	strbuf_init(&out);
	strbuf_adds(&out, "kept");
	CHECK_INT(fmt_winevt_render(&s, &ev, &out), EVENT_NOT_RENDERED);
	CHECK_STR(strbuf_str(&out), "kept");
	strbuf_free(&out);
}

/* Each record goes to its own channel only, and only what Sysmon or the
 * Security audit would log. */
TEST(wrong_channel_not_rendered)
{
	struct event ev;

	check_not_rendered(FMT_WINEVT_SYSMON, test_logon(EVENT_LOGON_SUCCESS));
	check_not_rendered(FMT_WINEVT_SYSMON, test_account());
	check_not_rendered(FMT_WINEVT_SECURITY, test_connection());
	check_not_rendered(FMT_WINEVT_SECURITY, test_file());
	check_not_rendered(FMT_WINEVT_SECURITY, test_dns());
	check_not_rendered(FMT_WINEVT_SECURITY, test_logon(EVENT_LOGON_CLOSED));
	ev = fixture_http();
	ev.host = host_pc;
	check_not_rendered(FMT_WINEVT_SECURITY, ev);
	/* A network sensor's flow, file and lookup name no process, even
	 * placed on a Windows host. */
	ev = fixture_http_flow();
	ev.host = host_pc;
	check_not_rendered(FMT_WINEVT_SYSMON, ev);
	ev = fixture_file();
	ev.host = host_pc;
	check_not_rendered(FMT_WINEVT_SYSMON, ev);
	ev = fixture_dns_response();
	ev.host = host_pc;
	check_not_rendered(FMT_WINEVT_SYSMON, ev);
	/* Sysmon logs a lookup once answered, and TCP and UDP only. */
	ev = test_dns();
	ev.dir = EVENT_FROM_ORIG;
	check_not_rendered(FMT_WINEVT_SYSMON, ev);
	ev = test_connection();
	ev.conn.proto = NET_PROTO_ICMP;
	check_not_rendered(FMT_WINEVT_SYSMON, ev);
	/* A file carried by a connection is not one written to disk. */
	ev = test_file();
	ev.conn.serial = 2;
	check_not_rendered(FMT_WINEVT_SYSMON, ev);
	/* No host, no Windows log. */
	ev = test_process();
	ev.host = -1;
	check_not_rendered(FMT_WINEVT_SYSMON, ev);
}

static void check_bad(const struct fmt_winevt_settings *s, struct event ev)
{
	struct strbuf out;

	strbuf_init(&out);
	strbuf_adds(&out, "kept");
	CHECK_INT(fmt_winevt_render(s, &ev, &out), EVENT_BAD);
	CHECK_STR(strbuf_str(&out), "kept");
	strbuf_free(&out);
}

TEST(bad_records_leave_the_buffer)
{
	struct fmt_winevt_settings s = settings_for(FMT_WINEVT_JSON, FMT_WINEVT_SECURITY, 1);
	struct event ev = test_account();

	s.record.record_id = 0;
	check_bad(&s, ev);
	s.record.record_id = 1;
	ev.host = test_net->nhosts;
	check_bad(&s, ev);
	ev = test_account();
	ev.time = -FIXTURE_EPOCH_US - 1; /* before 1970 */
	check_bad(&s, ev);
	ev = test_account();
	s.net = NULL;
	check_bad(&s, ev);
}

/* Same record, same bytes; rendering appends and leaves what was there. */
TEST(deterministic_and_appending)
{
	struct fmt_winevt_settings s = settings_for(FMT_WINEVT_JSON, FMT_WINEVT_SYSMON, 3);
	struct event ev = test_process();
	struct strbuf a, b;

	CHECK_INT(render(&s, ev, &a), EVENT_RENDERED);
	strbuf_init(&b);
	strbuf_adds(&b, "previous line\n");
	CHECK_INT(fmt_winevt_render(&s, &ev, &b), EVENT_RENDERED);
	CHECK_STR(strbuf_str(&b) + strlen("previous line\n"), strbuf_str(&a));
	CHECK_INT(fmt_winevt_render(&s, &ev, &b), EVENT_RENDERED);
	CHECK_INT(b.len, strlen("previous line\n") + 2 * a.len);
	strbuf_free(&a);
	strbuf_free(&b);
}

/* ---- Sample files ------------------------------------------------------- */

/* One record and its channel, for the sample files. */
struct sample {
	enum fmt_winevt_channel channel;
	struct event ev;
};

/* A system program with its version resource, on the other PC. */
static struct event test_whoami(void)
{
	struct event ev = test_process();
	struct event_process_start *p = &ev.u.process_start;

	ev.time = fixture_at(500, 1);
	ev.host = host_c1;
	ev.user = "admin";
	ev.process = (struct event_process){ 5120, "C:\\Windows\\System32\\whoami.exe",
					     "whoami  /priv" };
	p->parent_pid = 3388;
	p->parent_image = "C:\\Windows\\System32\\cmd.exe";
	p->parent_command_line = "\"C:\\Windows\\system32\\cmd.exe\" ";
	p->current_directory = "C:\\Users\\admin\\";
	p->integrity_level = "High";
	p->logon_id = 0x5c1e2a;
	p->file_version = "10.0.19041.1 (WinBuild.160101.0800)";
	p->description = "whoami - displays logged on user information";
	p->product = "Microsoft\xc2\xae Windows\xc2\xae Operating System";
	p->company = "Microsoft Corporation";
	p->original_file_name = "whoami.exe";
	return ev;
}

/* The golden records, then the variants the golden events do not show. */
static size_t samples(struct sample *out)
{
	size_t n = 0;

	out[n++] = (struct sample){ FMT_WINEVT_SECURITY, test_failure() };
	out[n++] = (struct sample){ FMT_WINEVT_SECURITY, test_logon(EVENT_LOGON_SUCCESS) };
	out[n++] = (struct sample){ FMT_WINEVT_SECURITY, test_logon(EVENT_LOGON_PRIVILEGED) };
	out[n++] = (struct sample){ FMT_WINEVT_SECURITY, test_logon(EVENT_LOGON_NTLM) };
	out[n++] = (struct sample){ FMT_WINEVT_SECURITY, test_ticket() };
	out[n++] = (struct sample){ FMT_WINEVT_SECURITY, test_process() };
	out[n++] = (struct sample){ FMT_WINEVT_SECURITY, test_explicit() };
	out[n++] = (struct sample){ FMT_WINEVT_SECURITY, test_account() };
	out[n++] = (struct sample){ FMT_WINEVT_SYSMON, test_process() };
	out[n++] = (struct sample){ FMT_WINEVT_SYSMON, test_dns() };
	out[n++] = (struct sample){ FMT_WINEVT_SYSMON, test_file() };
	out[n++] = (struct sample){ FMT_WINEVT_SYSMON, test_connection() };
	out[n++] = (struct sample){ FMT_WINEVT_SECURITY, test_console_logon() };
	out[n++] = (struct sample){ FMT_WINEVT_SECURITY, test_hostile() };
	out[n++] = (struct sample){ FMT_WINEVT_SYSMON, test_hostile() };
	out[n++] = (struct sample){ FMT_WINEVT_SECURITY, test_whoami() };
	out[n++] = (struct sample){ FMT_WINEVT_SYSMON, test_whoami() };
	out[n] = (struct sample){ FMT_WINEVT_SECURITY, test_ticket() };
	out[n++].ev.u.logon.status = 0xc0000064;
	out[n] = (struct sample){ FMT_WINEVT_SECURITY, test_logon(EVENT_LOGON_NTLM) };
	out[n++].ev.u.logon.status = 0xc000006a;
	out[n] = (struct sample){ FMT_WINEVT_SYSMON, test_dns() };
	out[n].ev.u.dns.rcode = EVENT_DNS_NXDOMAIN;
	out[n++].ev.u.dns.n_answers = 0;
	out[n] = (struct sample){ FMT_WINEVT_SYSMON, test_file() };
	out[n++].ev.u.file.name = "";
	out[n++] = (struct sample){ FMT_WINEVT_SECURITY,
				    fixture_v6(test_logon(EVENT_LOGON_SUCCESS), FIXTURE_V6_CLIENT,
					       FIXTURE_V6_SERVER) };
	out[n++] = (struct sample){ FMT_WINEVT_SYSMON,
				    fixture_v6(test_connection(), FIXTURE_V6_CLIENT, FIXTURE_V6_SERVER) };
	return n;
}

/* Every sample in both styles, line i of one file the same event as
 * line i of the other; record numbers count per channel and host, as a
 * real log's do. */
static int write_samples(const char *dir)
{
	struct sample list[32];
	uint64_t counters[2][8] = { { 0 } };
	struct strbuf xml, json;
	size_t i, n = samples(list);
	int status = 0;

	strbuf_init(&xml);
	strbuf_init(&json);
	for (i = 0; i < n; i++) {
		const struct event *ev = &list[i].ev;
		uint64_t *counter = &counters[list[i].channel][ev->host];
		struct fmt_winevt_settings s = settings_for(FMT_WINEVT_XML, list[i].channel,
							    *counter + 1);
		struct fmt_winevt_settings j = s;

		j.style = FMT_WINEVT_JSON;
		if (fmt_winevt_render(&s, ev, &xml) != EVENT_RENDERED ||
		    fmt_winevt_render(&j, ev, &json) != EVENT_RENDERED) {
			fprintf(stderr, "test_fmt_winevt: sample %zu (%s) not rendered\n",
				i, event_kind_name(ev->kind));
			status = 1;
			continue;
		}
		(*counter)++;
	}
	status |= fmt_test_write_file(dir, "winevt.xml", &xml);
	status |= fmt_test_write_file(dir, "winevt.json", &json);
	strbuf_free(&xml);
	strbuf_free(&json);
	return status;
}

int main(int argc, char **argv)
{
	struct diag errs;
	int status;

	simclock_init(&test_clock, FIXTURE_EPOCH_US);
	diag_init(&errs);
	test_net = net_load("tests/data/net-small.lua", &errs);
	diag_print(&errs, stdout);
	if (test_net == NULL) {
		printf("not ok - load tests/data/net-small.lua\n");
		diag_free(&errs);
		return 1;
	}
	host_pc = net_host_find(test_net, "d1-pc-01");
	host_c1 = net_host_find(test_net, "c1-pc-01");
	host_portal = net_host_find(test_net, "portal");
	status = fmt_test_args(argc, argv, "test_fmt_winevt", write_samples);
	if (status < 0) {
		RUN(security_4624_network_logon);
		RUN(security_4625_bad_password);
		RUN(security_4648_explicit_credentials);
		RUN(security_4672_special_privileges);
		RUN(security_4688_process_created);
		RUN(security_4720_account_created);
		RUN(security_4768_ticket_granted);
		RUN(security_4776_credentials_validated);
		RUN(sysmon_1_process_create);
		RUN(sysmon_3_network_connection);
		RUN(sysmon_11_file_created);
		RUN(sysmon_22_dns_query);
		RUN(security_4624_console_logon);
		RUN(security_failures);
		RUN(security_4688_as_another_user);
		RUN(sysmon_3_inbound_udp);
		RUN(sysmon_22_name_error);
	RUN(ipv6_addresses);
		RUN(escaping_xml);
		RUN(escaping_json);
		RUN(empty_values);
		RUN(sysmon_guid_shared_by_a_process);
		RUN(record_numbers_and_writers);
		RUN(event_ids);
		RUN(linux_host_not_rendered);
		RUN(wrong_channel_not_rendered);
		RUN(bad_records_leave_the_buffer);
		RUN(deterministic_and_appending);
		status = harness_finish();
	}
	net_free(test_net);
	diag_free(&errs);
	return status;
}
