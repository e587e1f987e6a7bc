#include "trace.h"

#include <stdio.h>
#include <string.h>

#include "event.h"
#include "ipaddr.h"
#include "sha1.h"

#define TRACE_DOMAIN "BINHDUONG"

static const char *trace_user(const struct tele *t, int account)
{
	return account >= 0 ? t->d->net->accounts[account].name : "SYSTEM";
}

static uint32_t trace_pid(struct tele *t)
{
	return (uint32_t)rng_range(&t->rng, 1200, 24000) & ~3u;
}

/* A process started on host: the Security log's 4688 and Sysmon's 1. */
static void trace_process(struct tele *t, int host, int account, const char *image, const char *command,
			  const char *parent, sim_time_t after)
{
	struct event ev = { 0 };
	char sha1[41];
	uint8_t digest[SHA1_DIGEST_SIZE];

	sha1_digest(image, strlen(image), digest);
	for (int i = 0; i < SHA1_DIGEST_SIZE; i++)
		snprintf(sha1 + 2 * i, 3, "%02x", digest[i]);
	ev.kind = EVENT_PROCESS;
	ev.user = trace_user(t, account);
	ev.process = (struct event_process){ trace_pid(t), image, command };
	ev.u.process_start.parent_pid = trace_pid(t);
	ev.u.process_start.parent_image = parent;
	ev.u.process_start.current_directory = "C:\\Windows\\system32\\";
	ev.u.process_start.integrity_level = account >= 0 && !t->d->net->accounts[account].admin ? "Medium" : "High";
	ev.u.process_start.logon_id = 0x3e7 + (rng_next_u64(&t->rng) & 0xfffff);
	ev.u.process_start.terminal_session = 1;
	ev.u.process_start.sha1 = sha1;
	tele_on_host(t, &ev, host, after);
}

/* A file a process wrote on host: Sysmon 11. */
static void trace_file_write(struct tele *t, int host, int account, const char *image, const char *path,
			     sim_time_t after)
{
	struct event ev = { 0 };

	ev.kind = EVENT_FILE;
	ev.user = trace_user(t, account);
	ev.process = (struct event_process){ trace_pid(t), image, NULL };
	ev.u.file.name = path;
	tele_on_host(t, &ev, host, after);
}

void trace_phish(struct tele *t, const struct trace_mail *m)
{
	const struct net *net = t->d->net;
	struct tele_conn tc = { 0 };
	struct event_conn conn;
	struct net_flow flow;
	struct event ev = { 0 };
	char mid[96], path[512];

	if (m->gateway < 0)
		return;
	tc.src_host = -1;
	tc.src = m->source;
	tc.dst = net->hosts[m->gateway].public_ip ? net->hosts[m->gateway].public_ip : net->hosts[m->gateway].ip;
	tc.dport = 25;
	tc.proto = NET_PROTO_TCP;
	tc.app = EVENT_APP_SMTP;
	tc.duration = 2 * SIM_SECOND;
	tc.bytes_out = 48000;
	tc.bytes_in = 700;
	if (!tele_connect(t, &tc, &conn, &flow))
		return;
	snprintf(mid, sizeof(mid), "%08llx@%s", (unsigned long long)(rng_next_u64(&t->rng) & 0xffffffffu),
		 strchr(m->from, '@') ? strchr(m->from, '@') + 1 : "localhost");
	ev.kind = EVENT_MAIL;
	ev.conn = conn;
	ev.u.mail.serial = drill_serial(t->d, DRILL_SERIAL_MAIL);
	ev.u.mail.helo = "mail.vpcp-gov.example.net";
	ev.u.mail.from = m->from;
	ev.u.mail.to = m->account >= 0 ? net->accounts[m->account].email : NULL;
	ev.u.mail.message_id = mid;
	ev.u.mail.subject = m->subject;
	ev.u.mail.size = tc.bytes_out;
	ev.u.mail.required = 50;
	ev.u.mail.score = 21; /* crafted to look clean */
	ev.u.mail.tests = "HTML_MESSAGE,SPF_HELO_NONE,SPF_NONE";
	ev.u.mail.verdict = m->rejected ? EVENT_MAIL_REJECTED : EVENT_MAIL_DELIVERED;
	ev.u.mail.reject = m->rejected ? "554 5.7.1 Sender address rejected: Access denied" : NULL;
	ev.u.mail.relay = t->relay[0] ? t->relay : NULL;
	tele_on_host(t, &ev, m->gateway, tc.duration);
	if (!m->opened || m->victim < 0)
		return;
	snprintf(path, sizeof(path), "C:\\Users\\%s\\Downloads\\%s", trace_user(t, m->account),
		 m->attachment ? m->attachment : "tailieu.rar");
	trace_file_write(t, m->victim, m->account, "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
			 path, 10 * SIM_SECOND);
	trace_process(t, m->victim, m->account, "C:\\Program Files\\WinRAR\\WinRAR.exe", path,
		      "C:\\Windows\\explorer.exe", 14 * SIM_SECOND);
}

void trace_exploit(struct tele *t, uint32_t from, int host, uint16_t port, const char *cve, bool ok)
{
	const struct net *net = t->d->net;
	struct tele_conn tc = { 0 };
	struct event_conn conn;
	struct net_flow flow;
	struct event ev = { 0 };
	struct event_http http = { 0 };
	char sig[200];
	uint8_t digest[SHA1_DIGEST_SIZE];
	uint32_t sid;
	bool tls = port == 443;

	tc.src_host = net_host_by_ip(net, from);
	tc.src = from;
	tc.dst = !ipaddr_is_private(from) && net->hosts[host].public_ip ? net->hosts[host].public_ip
								      : net->hosts[host].ip;
	tc.dport = port;
	tc.proto = NET_PROTO_TCP;
	tc.app = tls ? EVENT_APP_TLS : EVENT_APP_HTTP;
	tc.duration = 3 * SIM_SECOND;
	tc.bytes_out = 2400;
	tc.bytes_in = 900;
	if (!tele_connect(t, &tc, &conn, &flow))
		return;
	cve = cve ? cve : "an unknown vulnerability";
	sha1_digest(cve, strlen(cve), digest);
	sid = 2040000 + ((uint32_t)digest[0] << 8 | digest[1]) % 9000;
	snprintf(sig, sizeof(sig), "ET EXPLOIT Possible %s Exploitation Attempt", cve);
	http.method = "POST";
	http.host = net->hosts[host].name;
	http.uri = "/_api/web/siteusers?$select=*";
	http.version = "1.1";
	http.user_agent = "python-requests/2.31.0";
	http.status = ok ? 200 : 403;
	http.status_msg = ok ? "OK" : "Forbidden";
	http.request_body_len = 1800;
	http.response_body_len = 640;
	conn.orig = (struct event_count){ 4, 2400 + 160, 2400 };
	conn.resp = (struct event_count){ 3, 900 + 120, 900 };
	if (tls) {
		ev.kind = EVENT_TLS;
		ev.u.tls.version = EVENT_TLS_1_2;
		ev.u.tls.sni = http.host;
		ev.u.tls.established = true;
		tele_on_conn(t, &ev, &conn, &flow, EVENT_FROM_RESP, 60000);
	} else {
		ev.kind = EVENT_HTTP;
		ev.u.http = http;
		tele_on_conn(t, &ev, &conn, &flow, EVENT_FROM_ORIG, 80000);
	}
	memset(&ev.u, 0, sizeof(ev.u));
	/* An IDS reads the request only in clear text; the firewall's IPS
	 * inspects TLS too (deep inspection on the server farm's policy). */
	if (!tls) {
		ev.kind = EVENT_ALERT;
		ev.u.alert = (struct event_alert){ 1, sid, 3, sig, "Attempted Administrator Privilege Gain", 1,
						   false, 0, NULL, 0, &http };
		tele_on_conn(t, &ev, &conn, &flow, EVENT_FROM_ORIG, 80000);
	}
	memset(&ev.u, 0, sizeof(ev.u));
	ev.kind = EVENT_UTM;
	ev.u.utm = (struct event_utm){ EVENT_UTM_IPS, false, sig, sid, 1, http.host, http.uri, NULL, NULL };
	tele_on_conn(t, &ev, &conn, &flow, EVENT_FROM_ORIG, 80000);
	if (ok)
		trace_process(t, host, -1, "C:\\Windows\\System32\\cmd.exe", "cmd.exe /c whoami /all",
			      "C:\\Windows\\System32\\inetsrv\\w3wp.exe", 2 * SIM_SECOND);
}

/* The image a command runs: its first word, under System32 when it
 * names no folder. */
static void trace_image(const char *command, char *out, size_t size)
{
	size_t n = strcspn(command, " ");

	if (memchr(command, '\\', n))
		snprintf(out, size, "%.*s", (int)n, command);
	else
		snprintf(out, size, "C:\\Windows\\System32\\%.*s", (int)n, command);
}

void trace_execute(struct tele *t, int host, int account, const char *command)
{
	char image[260];

	if (command == NULL)
		command = "cmd.exe";
	trace_image(command, image, sizeof(image));
	trace_process(t, host, account, image, command, "C:\\Windows\\explorer.exe", 0);
}

void trace_persist(struct tele *t, int host, int account, const char *method)
{
	(void)method;
	trace_file_write(t, host, account, "C:\\Windows\\System32\\cmd.exe",
			 "C:\\ProgramData\\Microsoft\\DeviceSync\\version.dll", 0);
	trace_process(t, host, account, "C:\\Windows\\System32\\reg.exe",
		      "reg.exe add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v DeviceSync /t REG_SZ "
		      "/d \"C:\\ProgramData\\Microsoft\\DeviceSync\\DeviceSync.exe\" /f",
		      "C:\\Windows\\System32\\cmd.exe", 3 * SIM_SECOND);
}

void trace_dump_credentials(struct tele *t, int host)
{
	trace_process(t, host, -1, "C:\\Windows\\System32\\rundll32.exe",
		      "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 672 C:\\ProgramData\\lsass.dmp full",
		      "C:\\Windows\\System32\\cmd.exe", 0);
	trace_file_write(t, host, -1, "C:\\Windows\\System32\\rundll32.exe", "C:\\ProgramData\\lsass.dmp",
			 2 * SIM_SECOND);
}

void trace_move(struct tele *t, int from, int to, int account, uint16_t port, bool logon_refused, bool ok)
{
	const struct net *net = t->d->net;
	struct tele_conn tc = { 0 };
	struct event_conn conn;
	struct net_flow flow;
	struct event ev = { 0 };
	bool admin = account >= 0 && net->accounts[account].admin;

	tc.src_host = from;
	tc.dst = net->hosts[to].ip;
	tc.dport = port;
	tc.proto = NET_PROTO_TCP;
	tc.app = port == 445 ? EVENT_APP_SMB : port == 3389 ? EVENT_APP_RDP : port == 22 ? EVENT_APP_SSH
										 : EVENT_APP_NONE;
	tc.duration = (sim_time_t)rng_range(&t->rng, 20, 600) * SIM_SECOND;
	tc.bytes_out = (uint64_t)rng_range(&t->rng, 20000, 400000);
	tc.bytes_in = (uint64_t)rng_range(&t->rng, 20000, 900000);
	if (!tele_connect(t, &tc, &conn, &flow))
		return;
	ev.kind = EVENT_LOGON;
	ev.user = trace_user(t, account);
	ev.conn = conn;
	ev.u.logon.domain = TRACE_DOMAIN;
	ev.u.logon.workstation = net->hosts[from].name;
	ev.u.logon.method = port == 22 ? "password" : "NTLM";
	ev.u.logon.logon_type = port == 3389 ? EVENT_LOGON_REMOTE_INTERACTIVE : EVENT_LOGON_NETWORK;
	ev.u.logon.target_server = net->hosts[to].name;
	ev.u.logon.step = EVENT_LOGON_EXPLICIT;
	ev.process = (struct event_process){ trace_pid(t), "C:\\Windows\\System32\\cmd.exe", NULL };
	tele_on_host(t, &ev, from, 0);
	ev.process = (struct event_process){ 0 };
	if (logon_refused) {
		ev.u.logon.step = EVENT_LOGON_FAILURE;
		ev.u.logon.status = 0xC000006Du;
		ev.u.logon.sub_status = 0xC000006Au;
		tele_on_host(t, &ev, to, SIM_SECOND);
		return;
	}
	if (!ok)
		return;
	ev.u.logon.step = EVENT_LOGON_SUCCESS;
	ev.u.logon.logon_id = rng_next_u64(&t->rng) & 0xffffffu;
	tele_on_host(t, &ev, to, SIM_SECOND);
	if (admin) {
		ev.u.logon.step = EVENT_LOGON_PRIVILEGED;
		tele_on_host(t, &ev, to, SIM_SECOND);
	}
	if (port == 445)
		trace_process(t, to, account, "C:\\Windows\\PSEXESVC.exe", "C:\\Windows\\PSEXESVC.exe",
			      "C:\\Windows\\System32\\services.exe", 2 * SIM_SECOND);
}

void trace_outbound(struct tele *t, int host, uint32_t c2, const char *domain, uint16_t port,
		    uint64_t bytes, bool exfiltration)
{
	struct tele_conn tc = { 0 };
	struct event_conn conn;
	struct net_flow flow;
	struct event ev = { 0 };
	struct event_process proc = { trace_pid(t), "C:\\ProgramData\\Microsoft\\DeviceSync\\DeviceSync.exe",
				      NULL };
	const char *blocked_at = NULL;

	if (domain && !tele_resolve(t, host, &proc, NULL, domain, c2))
		return;
	tc.src_host = host;
	tc.dst = c2;
	tc.dport = port;
	tc.proto = NET_PROTO_TCP;
	tc.app = EVENT_APP_TLS;
	tc.duration = exfiltration ? (sim_time_t)(bytes / 400000 + 5) * SIM_SECOND : 2 * SIM_SECOND;
	tc.bytes_out = exfiltration ? bytes : (uint64_t)rng_range(&t->rng, 600, 2400);
	tc.bytes_in = exfiltration ? 40000 : (uint64_t)rng_range(&t->rng, 300, 1800);
	tc.process = proc;
	if (!tele_connect(t, &tc, &conn, &flow))
		return;
	for (int i = 0; domain && i < flow.nfirewalls && !blocked_at; i++)
		if (net_blocked_at(t->d->net, NET_BLOCK_DOMAIN, domain, flow.firewalls[i]))
			blocked_at = domain;
	conn.orig = (struct event_count){ 3, 120 + 517, 517 };
	if (blocked_at) {
		/* The web filter sees the SNI and resets the session. */
		ev.kind = EVENT_UTM;
		ev.u.utm = (struct event_utm){ EVENT_UTM_WEBFILTER, true, "Malicious Websites", 26, 0, domain, "/",
					       NULL, NULL };
		tele_on_conn(t, &ev, &conn, &flow, EVENT_FROM_ORIG, 50000);
		return;
	}
	conn.resp = (struct event_count){ 3, 120 + 3100, 3100 };
	ev.kind = EVENT_TLS;
	ev.u.tls.version = EVENT_TLS_1_2;
	ev.u.tls.sni = domain;
	ev.u.tls.cipher = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
	ev.u.tls.subject = domain ? "CN=localhost" : NULL;
	ev.u.tls.issuer = domain ? "CN=localhost" : NULL;
	ev.u.tls.established = true;
	tele_on_conn(t, &ev, &conn, &flow, EVENT_FROM_RESP, 90000);
	memset(&ev.u, 0, sizeof(ev.u));
	/* A self-signed certificate on an unfamiliar name is what the stock
	 * ruleset flags for a PlugX-style beacon. */
	ev.kind = EVENT_ALERT;
	ev.u.alert = (struct event_alert){ 1, 2013659, 4, "ET POLICY Self Signed SSL Certificate (localhost)",
					   "Potential Corporate Privacy Violation", 3, false, EVENT_NO_TX, NULL, 0,
					   NULL };
	tele_on_conn(t, &ev, &conn, &flow, EVENT_FROM_RESP, 90000);
}

void trace_encrypt(struct tele *t, int host)
{
	trace_process(t, host, -1, "C:\\Windows\\System32\\vssadmin.exe", "vssadmin.exe delete shadows /all /quiet",
		      "C:\\ProgramData\\svchost.exe", 0);
	trace_process(t, host, -1, "C:\\ProgramData\\svchost.exe", "C:\\ProgramData\\svchost.exe -nomutex -path D:\\",
		      "C:\\Windows\\System32\\cmd.exe", 5 * SIM_SECOND);
	trace_file_write(t, host, -1, "C:\\ProgramData\\svchost.exe", "D:\\README_RESTORE_FILES.txt",
			 20 * SIM_SECOND);
}

/* The public face of a mail gateway, where the Internet's MX lookups lead. */
static uint32_t trace_gateway_ip(const struct tele *t, int gateway)
{
	const struct net_host *gw = &t->d->net->hosts[gateway];

	return gw->public_ip ? gw->public_ip : gw->ip;
}

void trace_storm_mail(struct tele *t, const struct trace_storm_mail *m)
{
	struct event ev = { 0 };
	struct event_mail *mail = &ev.u.mail;
	const char *domain = strchr(m->from, '@') ? strchr(m->from, '@') + 1 : "localhost";
	char helo[128], mid[128];
	bool refused = m->verdict == EVENT_MAIL_REJECTED;

	ev.kind = EVENT_MAIL;
	ev.conn.start = t->d->now + m->after;
	ev.conn.orig_ip = m->source;
	ev.conn.orig_port = tele_port(t);
	ev.conn.resp_ip = trace_gateway_ip(t, m->gateway);
	ev.conn.resp_port = 25;
	ev.conn.proto = NET_PROTO_TCP;
	ev.conn.app = EVENT_APP_SMTP;
	/* Bulk senders greet with a name of their own domain. */
	snprintf(helo, sizeof(helo), "mail.%s", domain);
	mail->verdict = m->verdict;
	mail->serial = drill_serial(t->d, DRILL_SERIAL_MAIL);
	mail->helo = helo;
	mail->from = m->from;
	mail->to = m->to;
	mail->subject = m->subject;
	mail->required = 50;
	mail->score = m->score;
	mail->tests = m->tests;
	mail->reject = m->reject;
	if (!refused) {
		snprintf(mid, sizeof(mid), "%012llx@%s", (unsigned long long)(rng_next_u64(&t->rng) >> 16), domain);
		mail->message_id = mid;
		mail->size = (uint64_t)rng_range(&t->rng, 18000, 260000);
		mail->relay = t->relay[0] ? t->relay : NULL;
	}
	/* A refusal at RCPT takes a moment; a whole message a few seconds. */
	tele_on_host(t, &ev, m->gateway,
		     m->after + (refused ? rng_range(&t->rng, 150000, 1500000) : rng_range(&t->rng, 900000, 4 * SIM_SECOND)));
}

void trace_storm_session(struct tele *t, uint32_t source, int gateway)
{
	struct tele_conn tc = { 0 };
	struct event_conn conn;
	struct net_flow flow;

	tc.src_host = -1;
	tc.src = source;
	tc.dst = trace_gateway_ip(t, gateway);
	tc.dport = 25;
	tc.proto = NET_PROTO_TCP;
	tc.app = EVENT_APP_SMTP;
	tc.duration = rng_range(&t->rng, 300000, 2 * SIM_SECOND);
	tc.bytes_out = (uint64_t)rng_range(&t->rng, 300, 900);
	tc.bytes_in = (uint64_t)rng_range(&t->rng, 400, 700);
	tele_connect(t, &tc, &conn, &flow);
}

/* The address a connection from src reaches host at: its public face
 * from outside the province, else its own. */
static uint32_t trace_facing(const struct net_host *h, uint32_t src)
{
	return !ipaddr_is_private(src) && h->public_ip ? h->public_ip : h->ip;
}

static enum event_app trace_app_of(uint16_t port)
{
	switch (port) {
	case 22:
		return EVENT_APP_SSH;
	case 80:
		return EVENT_APP_HTTP;
	case 443:
		return EVENT_APP_TLS;
	case 445:
		return EVENT_APP_SMB;
	case 3389:
		return EVENT_APP_RDP;
	case 25:
		return EVENT_APP_SMTP;
	default:
		return EVENT_APP_NONE;
	}
}

void trace_logon(struct tele *t, const struct trace_logon *l)
{
	const struct net *net = t->d->net;
	const struct net_host *h = &net->hosts[l->host];
	struct tele_conn tc = { 0 };
	struct event_conn conn;
	struct net_flow flow;
	struct event ev = { 0 };
	bool vpn = l->gateway >= 0;

	tc.src_host = l->from_host;
	tc.src = l->from;
	tc.dst = trace_facing(vpn ? &net->hosts[l->gateway] : h, l->from);
	tc.dport = vpn ? 443 : l->port;
	tc.proto = NET_PROTO_TCP;
	tc.app = vpn ? EVENT_APP_TLS : trace_app_of(l->port);
	tc.duration = l->refused ? (sim_time_t)rng_range(&t->rng, 2, 8) * SIM_SECOND
				 : (sim_time_t)rng_range(&t->rng, 10, 50) * SIM_MINUTE;
	tc.bytes_out = (uint64_t)rng_range(&t->rng, 40000, 2000000);
	tc.bytes_in = (uint64_t)rng_range(&t->rng, 200000, 20000000);
	if (!tele_connect(t, &tc, &conn, &flow) || !l->landed)
		return;
	if (vpn) {
		/* The tunnel's remote desktop comes from the gateway's inside
		 * address: the model gives VPN sessions no pool of their own. */
		memset(&conn, 0, sizeof(conn));
		conn.start = t->d->now;
		conn.orig_ip = net->hosts[l->gateway].ip;
		conn.orig_port = tele_port(t);
		conn.resp_ip = h->ip;
		conn.resp_port = l->port;
		conn.proto = NET_PROTO_TCP;
	}
	ev.kind = EVENT_LOGON;
	ev.user = trace_user(t, l->account);
	ev.conn = conn;
	ev.u.logon.domain = TRACE_DOMAIN;
	ev.u.logon.workstation = l->from_host >= 0 ? net->hosts[l->from_host].name : NULL;
	ev.u.logon.method = l->port == 22 ? "password" : "NTLM";
	ev.u.logon.logon_type = l->port == 3389 ? EVENT_LOGON_REMOTE_INTERACTIVE : EVENT_LOGON_NETWORK;
	if (l->refused) {
		ev.u.logon.step = EVENT_LOGON_FAILURE;
		ev.u.logon.status = l->refused == TRACE_LOGON_NOT_GRANTED ? l->refused
				  : l->refused == TRACE_LOGON_DISABLED ? 0xC000006Eu : 0xC000006Du;
		ev.u.logon.sub_status = l->refused == TRACE_LOGON_NOT_GRANTED ? 0 : l->refused;
		tele_on_host(t, &ev, l->host, SIM_SECOND);
		return;
	}
	ev.u.logon.step = EVENT_LOGON_SUCCESS;
	ev.u.logon.logon_id = rng_next_u64(&t->rng) & 0xffffffu;
	tele_on_host(t, &ev, l->host, SIM_SECOND);
	if (l->account >= 0 && net->accounts[l->account].admin && net_host_runs_windows(h)) {
		ev.u.logon.step = EVENT_LOGON_PRIVILEGED;
		tele_on_host(t, &ev, l->host, SIM_SECOND);
	}
}

void trace_deface(struct tele *t, int host, uint32_t from, const char *page)
{
	const struct net *net = t->d->net;
	const struct net_host *h = &net->hosts[host];
	char path[300], command[400];

	if (from) {
		struct tele_conn tc = { 0 };
		struct event_conn conn;
		struct net_flow flow;
		struct event ev = { 0 };
		struct event_http http = { 0 };
		bool tls = net_host_service(net, host, NET_PROTO_TCP, 80) < 0;

		tc.src_host = net_host_by_ip(net, from);
		tc.src = from;
		tc.dst = trace_facing(h, from);
		tc.dport = tls ? 443 : 80;
		tc.proto = NET_PROTO_TCP;
		tc.app = tls ? EVENT_APP_TLS : EVENT_APP_HTTP;
		tc.duration = 2 * SIM_SECOND;
		tc.bytes_out = (uint64_t)rng_range(&t->rng, 8000, 90000);
		tc.bytes_in = 400;
		if (!tele_connect(t, &tc, &conn, &flow))
			return;
		/* The web shell takes the page as a form upload. */
		http.method = "POST";
		http.host = h->name;
		http.uri = net_host_runs_windows(h) ? "/uploads/images/thumb.aspx" : "/uploads/images/thumb.php";
		http.version = "1.1";
		http.user_agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:109.0) Gecko/20100101 Firefox/118.0";
		http.status = 200;
		http.status_msg = "OK";
		http.request_body_len = tc.bytes_out;
		http.response_body_len = 120;
		conn.orig = (struct event_count){ 8, tc.bytes_out + 320, tc.bytes_out };
		conn.resp = (struct event_count){ 4, 400 + 160, 400 };
		if (tls) {
			ev.kind = EVENT_TLS;
			ev.u.tls.version = EVENT_TLS_1_2;
			ev.u.tls.sni = h->name;
			ev.u.tls.established = true;
			tele_on_conn(t, &ev, &conn, &flow, EVENT_FROM_RESP, 60000);
		} else {
			ev.kind = EVENT_HTTP;
			ev.u.http = http;
			tele_on_conn(t, &ev, &conn, &flow, EVENT_FROM_ORIG, 900000);
		}
	}
	if (!net_host_runs_windows(h))
		return;
	page = page ? page : "/";
	snprintf(path, sizeof(path), "C:\\inetpub\\wwwroot%s%s", page[0] == '/' ? "" : "/", page);
	for (char *c = path; *c; c++)
		if (*c == '/')
			*c = '\\';
	if (path[strlen(path) - 1] == '\\')
		snprintf(path + strlen(path), sizeof(path) - strlen(path), "index.html");
	snprintf(command, sizeof(command), "cmd.exe /c copy /y C:\\Windows\\Temp\\x.htm \"%s\"", path);
	trace_process(t, host, -1, "C:\\Windows\\System32\\cmd.exe", command, "C:\\Windows\\System32\\inetsrv\\w3wp.exe",
		      0);
	trace_file_write(t, host, -1, "C:\\Windows\\System32\\cmd.exe", path, SIM_SECOND);
}

void trace_flood_sample(struct tele *t, uint32_t source, int host, uint8_t proto, uint16_t port)
{
	struct tele_conn tc = { 0 };
	struct event_conn conn;
	struct net_flow flow;

	tc.src_host = -1;
	tc.src = source;
	tc.dst = trace_facing(&t->d->net->hosts[host], source);
	tc.dport = port;
	tc.proto = proto;
	tc.app = proto == NET_PROTO_TCP ? trace_app_of(port) : EVENT_APP_NONE;
	tc.duration = (sim_time_t)rng_range(&t->rng, 1, 30) * SIM_SECOND;
	tc.bytes_out = (uint64_t)rng_range(&t->rng, 400, 60000);
	tc.bytes_in = (uint64_t)rng_range(&t->rng, 0, 4000);
	tele_connect(t, &tc, &conn, &flow);
}
