#include "background.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drill.h"
#include "ipaddr.h"
#include "telemetry.h"
#include "xmalloc.h"

/* The province's yearly spam, about 12,000 a day (DOMAIN.md), all day. */
#define BACKGROUND_SPAM_PER_DAY 12000.0

/* A list of host indices. */
struct bg_hosts {
	int *v;
	int n;
};

struct background {
	struct drill *d;
	struct tele tele;
	double peak_rate;
	uint64_t activities, spam;
	struct bg_hosts workstations, apps, win_servers, linux_servers, admins, dcs, gateways, publics;
	int wsus;           /* the update server, -1: none */
	uint16_t wsus_port;
};

/* Sites staff visit, with the address the drill gives them.  Outside the
 * province every address comes from the documentation ranges. */
static const struct {
	const char *name;
	const char *addr;
} bg_sites[] = {
	{ "www.google.com", "192.0.2.10" },        { "www.youtube.com", "192.0.2.11" },
	{ "vnexpress.net", "192.0.2.20" },         { "thanhnien.vn", "192.0.2.21" },
	{ "tuoitre.vn", "192.0.2.22" },            { "baochinhphu.vn", "192.0.2.30" },
	{ "dichvucong.gov.vn", "192.0.2.31" },     { "vanban.chinhphu.vn", "192.0.2.32" },
	{ "chat.zalo.me", "192.0.2.40" },          { "login.microsoftonline.com", "192.0.2.50" },
	{ "outlook.office365.com", "192.0.2.51" }, { "ctldl.windowsupdate.com", "192.0.2.52" },
	{ "www.facebook.com", "192.0.2.60" },      { "thuvienphapluat.vn", "192.0.2.70" },
};

static const char *const bg_senders[] = {
	"vanthu@mic.gov.vn", "lienhe@baochinhphu.vn", "noreply@dichvucong.gov.vn",
	"phongtccb@moha.gov.vn", "hotro@vnpt.vn", "thongbao@bhxh.gov.vn",
};

static const char *const bg_spam_senders[] = {
	"promo@khuyenmai-sale.example.com", "info@vay-tien-nhanh.example.net",
	"admin@secure-update.example.org", "support@micros0ft-verify.example.com",
};

static bool bg_monitored(const struct net *net, const struct net_host *h)
{
	for (int i = 0; i < h->nsystems; i++)
		if (net->systems[h->systems[i]].monitored)
			return true;
	return false;
}

static void bg_add(struct bg_hosts *l, int h)
{
	l->v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = h;
}

static int bg_pick(struct background *bg, const struct bg_hosts *l)
{
	return l->n ? l->v[rng_below(&bg->tele.rng, (uint64_t)l->n)] : -1;
}

static void bg_sort_hosts(struct background *bg)
{
	const struct net *net = bg->d->net;

	bg->wsus = -1;
	for (int i = 0; i < net->nhosts; i++) {
		const struct net_host *h = &net->hosts[i];

		if (strcmp(h->role, "workstation") == 0)
			bg_add(&bg->workstations, i);
		if (net_host_has_tag(h, "jump-host") || strncmp(h->name, "dc-admin-pc", 11) == 0)
			bg_add(&bg->admins, i);
		if (strcmp(h->role, "domain-controller") == 0)
			bg_add(&bg->dcs, i);

		if (net_host_has_tag(h, "mail-gateway"))
			bg_add(&bg->gateways, i);
		if (h->public_ip)
			bg_add(&bg->publics, i);
		if (h->nsystems > 0 && (net_host_service(net, i, NET_PROTO_TCP, 443) >= 0 ||
					net_host_service(net, i, NET_PROTO_TCP, 80) >= 0))
			bg_add(&bg->apps, i);
		if (h->nsystems > 0 && net_host_runs_windows(h) && bg_monitored(net, h))
			bg_add(&bg->win_servers, i);
		if (!net_host_runs_windows(h) && net_host_service(net, i, NET_PROTO_TCP, 22) >= 0 &&
		    strcmp(h->role, "server") == 0)
			bg_add(&bg->linux_servers, i);
		if (bg->wsus < 0 && net_host_service(net, i, NET_PROTO_TCP, 8530) >= 0)
			bg->wsus = i, bg->wsus_port = 8530;
	}
}

/* How busy the province is at t, 0..1: the office day in local time. */
static double bg_busy(const struct drill *d, sim_time_t t)
{
	int64_t local = simclock_unix_us(&d->clock, t) / 1000000 + 7 * 3600;
	int64_t day = local / 86400, minute = (local % 86400) / 60;
	int weekday = (int)((day + 3) % 7); /* 1970-01-01 was a Thursday; 0 is Monday */
	double busy;

	if (minute >= 7 * 60 + 30 && minute < 11 * 60 + 30)
		busy = 1.0;
	else if (minute >= 13 * 60 + 30 && minute < 17 * 60)
		busy = 1.0;
	else if (minute >= 11 * 60 + 30 && minute < 13 * 60 + 30)
		busy = 0.35;
	else if (minute >= 6 * 60 && minute < 19 * 60)
		busy = 0.2;
	else
		busy = 0.04;
	return weekday >= 5 ? busy * 0.1 : busy;
}

/* Exponential gap of a Poisson process at rate per second. */
static sim_time_t bg_gap(struct rng *r, double rate)
{
	double u = 1.0 - rng_double(r); /* (0, 1] */

	return (sim_time_t)(-log(u) / rate * (double)SIM_SECOND) + 1;
}

static const char *bg_user(const struct net *net, int host)
{
	const struct net_host *h = &net->hosts[host];

	return h->naccounts ? net->accounts[h->accounts[0]].name : "SYSTEM";
}

static struct event_process bg_process(struct background *bg, const char *image)
{
	return (struct event_process){ (uint32_t)rng_range(&bg->tele.rng, 1000, 30000) & ~3u, image, NULL };
}

/* A TLS session from host to dst for name, the handshake on the wire. */
static void bg_tls(struct background *bg, int host, const struct event_process *proc, uint32_t dst,
		   uint16_t port, const char *sni)
{
	struct rng *r = &bg->tele.rng;
	struct tele_conn tc = { 0 };
	struct event_conn conn;
	struct net_flow flow;
	struct event ev = { 0 };

	tc.src_host = host;
	tc.dst = dst;
	tc.dport = port;
	tc.proto = NET_PROTO_TCP;
	tc.app = EVENT_APP_TLS;
	tc.duration = rng_range(r, 200000, 90 * SIM_SECOND);
	tc.bytes_out = (uint64_t)rng_range(r, 900, 40000);
	tc.bytes_in = (uint64_t)rng_range(r, 4000, 2500000);
	tc.process = *proc;
	tc.user = bg_user(bg->d->net, host);
	if (!tele_connect(&bg->tele, &tc, &conn, &flow))
		return;
	ev.kind = EVENT_TLS;
	ev.u.tls.version = EVENT_TLS_1_3;
	ev.u.tls.sni = sni;
	ev.u.tls.cipher = "TLS_AES_128_GCM_SHA256";
	ev.u.tls.curve = "x25519";
	ev.u.tls.next_protocol = "h2";
	ev.u.tls.established = true;
	conn.orig = (struct event_count){ 3, 120 + 517 + 80, 517 };
	conn.resp = (struct event_count){ 3, 120 + 4200, 4200 };
	tele_on_conn(&bg->tele, &ev, &conn, &flow, EVENT_FROM_RESP, rng_range(r, 20000, 120000));
}

static void bg_browse(struct background *bg)
{
	int host = bg_pick(bg, &bg->workstations);
	size_t i = rng_below(&bg->tele.rng, sizeof(bg_sites) / sizeof(bg_sites[0]));
	struct event_process proc = bg_process(bg, "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe");
	uint32_t addr;

	if (host < 0 || !ipaddr_parse(bg_sites[i].addr, &addr))
		return;
	if (tele_resolve(&bg->tele, host, &proc, bg_user(bg->d->net, host), bg_sites[i].name, addr))
		bg_tls(bg, host, &proc, addr, 443, bg_sites[i].name);
}

static void bg_intranet(struct background *bg)
{
	const struct net *net = bg->d->net;
	int host = bg_pick(bg, &bg->workstations), app = bg_pick(bg, &bg->apps);
	struct event_process proc = bg_process(bg, "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe");
	char sni[160];

	if (host < 0 || app < 0)
		return;
	snprintf(sni, sizeof(sni), "%s.binhduong.gov.vn", net->systems[net->hosts[app].systems[0]].id);
	if (tele_resolve(&bg->tele, host, &proc, bg_user(net, host), sni, net->hosts[app].ip))
		bg_tls(bg, host, &proc, net->hosts[app].ip,
		       net_host_service(net, app, NET_PROTO_TCP, 443) >= 0 ? 443 : 80, sni);
}

/* A member of staff opens a share on a monitored Windows server: a
 * Kerberos ticket from the domain controller, a network logon there. */
static void bg_logon(struct background *bg)
{
	const struct net *net = bg->d->net;
	int ws = bg_pick(bg, &bg->workstations), srv = bg_pick(bg, &bg->win_servers);
	int dc = bg_pick(bg, &bg->dcs);
	struct tele_conn tc = { 0 };
	struct event_conn conn;
	struct net_flow flow;
	struct event ev = { 0 };

	if (ws < 0 || srv < 0)
		return;
	/* The ticket comes first, from a domain controller, whether or not
	 * the share is reachable afterwards. */
	ev.kind = EVENT_LOGON;
	ev.user = bg_user(net, ws);
	ev.u.logon.domain = "BINHDUONG";
	ev.u.logon.method = "Kerberos";
	ev.u.logon.workstation = net->hosts[ws].name;
	if (dc >= 0) {
		tc.src_host = ws;
		tc.dst = net->hosts[dc].ip;
		tc.dport = 88;
		tc.proto = NET_PROTO_TCP;
		tc.app = EVENT_APP_KRB5;
		tc.duration = 20000;
		tc.bytes_out = 1500;
		tc.bytes_in = 1400;
		if (tele_connect(&bg->tele, &tc, &conn, &flow)) {
			ev.conn = conn;
			ev.u.logon.step = EVENT_LOGON_TGT;
			tele_on_host(&bg->tele, &ev, dc, 0);
		}
	}
	tc.src_host = ws;
	tc.dst = net->hosts[srv].ip;
	tc.dport = 445;
	tc.proto = NET_PROTO_TCP;
	tc.app = EVENT_APP_SMB;
	tc.duration = rng_range(&bg->tele.rng, SIM_SECOND, 600 * SIM_SECOND);
	tc.bytes_out = (uint64_t)rng_range(&bg->tele.rng, 2000, 200000);
	tc.bytes_in = (uint64_t)rng_range(&bg->tele.rng, 2000, 8000000);
	if (!tele_connect(&bg->tele, &tc, &conn, &flow))
		return;
	ev.conn = conn;
	ev.u.logon.step = EVENT_LOGON_SUCCESS;
	ev.u.logon.logon_type = EVENT_LOGON_NETWORK;
	ev.u.logon.logon_id = rng_next_u64(&bg->tele.rng) & 0xffffffu;
	tele_on_host(&bg->tele, &ev, srv, 5000);
}

/* An administrator on SSH to a Linux server, now and then mistyping. */
static void bg_ssh(struct background *bg)
{
	const struct net *net = bg->d->net;
	int from = bg_pick(bg, &bg->admins), srv = bg_pick(bg, &bg->linux_servers);
	struct tele_conn tc = { 0 };
	struct event_conn conn;
	struct net_flow flow;
	struct event ev = { 0 };
	bool typo = rng_below(&bg->tele.rng, 20) == 0;

	if (from < 0 || srv < 0)
		return;
	tc.src_host = from;
	tc.dst = net->hosts[srv].ip;
	tc.dport = 22;
	tc.proto = NET_PROTO_TCP;
	tc.app = EVENT_APP_SSH;
	tc.duration = rng_range(&bg->tele.rng, 30 * SIM_SECOND, 3600 * SIM_SECOND);
	tc.bytes_out = (uint64_t)rng_range(&bg->tele.rng, 4000, 90000);
	tc.bytes_in = (uint64_t)rng_range(&bg->tele.rng, 8000, 900000);
	if (!tele_connect(&bg->tele, &tc, &conn, &flow))
		return;
	ev.kind = EVENT_LOGON;
	ev.user = bg_user(net, from);
	ev.conn = conn;
	ev.u.logon.method = typo ? "password" : "publickey";
	if (typo) {
		ev.u.logon.step = EVENT_LOGON_FAILURE;
		tele_on_host(&bg->tele, &ev, srv, 2 * SIM_SECOND);
		ev.u.logon.method = "password";
	}
	ev.u.logon.step = EVENT_LOGON_SUCCESS;
	ev.u.logon.logon_id = 1 + (rng_next_u64(&bg->tele.rng) & 0xfffff);
	ev.u.logon.key = typo ? NULL : "ED25519 SHA256:q8vXb0GkqJm3Pz1s7yTn4r2Lw9cVd6hEo5aUiK0fMgY";
	tele_on_host(&bg->tele, &ev, srv, 4 * SIM_SECOND);
	ev.u.logon.step = EVENT_LOGON_CLOSED;
	tele_on_host(&bg->tele, &ev, srv, tc.duration);
}

/* Windows updates from the province's update server. */
static void bg_update(struct background *bg)
{
	const struct net *net = bg->d->net;
	int ws = bg_pick(bg, &bg->workstations);
	struct tele_conn tc = { 0 };
	struct event_conn conn;
	struct net_flow flow;
	struct event ev = { 0 };
	char host[64];

	if (ws < 0 || bg->wsus < 0)
		return;
	tc.src_host = ws;
	tc.dst = net->hosts[bg->wsus].ip;
	tc.dport = bg->wsus_port;
	tc.proto = NET_PROTO_TCP;
	tc.app = EVENT_APP_HTTP;
	tc.duration = rng_range(&bg->tele.rng, SIM_SECOND, 120 * SIM_SECOND);
	tc.bytes_out = 420;
	tc.bytes_in = (uint64_t)rng_range(&bg->tele.rng, 40000, 30000000);
	if (!tele_connect(&bg->tele, &tc, &conn, &flow))
		return;
	snprintf(host, sizeof(host), "%s", net->hosts[bg->wsus].name);
	ev.kind = EVENT_HTTP;
	ev.u.http.method = "GET";
	ev.u.http.host = host;
	ev.u.http.host_port = bg->wsus_port;
	ev.u.http.uri = "/Content/A1/5C2D1E0F9B8A7C6D5E4F3A2B1C0D9E8F7A6B5C41.cab";
	ev.u.http.version = "1.1";
	ev.u.http.user_agent = "Windows-Update-Agent/10.0.10011.16384 Client-Protocol/2.50";
	ev.u.http.status = 200;
	ev.u.http.status_msg = "OK";
	ev.u.http.content_type = "application/vnd.ms-cab-compressed";
	ev.u.http.response_body_len = tc.bytes_in - 300;
	conn.orig = (struct event_count){ 4, 420 + 160, 420 };
	conn.resp = (struct event_count){ 3, 1380 + 120, 1380 };
	tele_on_conn(&bg->tele, &ev, &conn, &flow, EVENT_FROM_ORIG, 30000);
}

/* An Internet scanner tries a public address on an administration port;
 * the perimeter drops it. */
static void bg_scan(struct background *bg)
{
	static const uint16_t ports[] = { 22, 23, 445, 1433, 3389, 5900, 8080, 8443 };
	const struct net *net = bg->d->net;
	int target = bg_pick(bg, &bg->publics);
	struct tele_conn tc = { 0 };
	struct event_conn conn;
	struct net_flow flow;

	if (target < 0)
		return;
	tc.src_host = -1;
	tc.src = 0xc6336400u | (uint32_t)rng_range(&bg->tele.rng, 150, 250); /* 198.51.100.150-250 */
	tc.dst = net->hosts[target].public_ip;
	tc.dport = ports[rng_below(&bg->tele.rng, sizeof(ports) / sizeof(ports[0]))];
	tc.proto = NET_PROTO_TCP;
	tele_connect(&bg->tele, &tc, &conn, &flow);
}

/* One message arriving from outside at a mail gateway. */
static void bg_mail(struct background *bg, bool spam)
{
	const struct net *net = bg->d->net;
	struct rng *r = &bg->tele.rng;
	int gw = bg_pick(bg, &bg->gateways);
	int rcpt = net->naccounts ? (int)rng_below(r, (uint64_t)net->naccounts) : -1;
	struct tele_conn tc = { 0 };
	struct event_conn conn;
	struct net_flow flow;
	struct event ev = { 0 };
	struct event_mail *m = &ev.u.mail;
	uint64_t roll = rng_below(r, 100);
	char mid[96], helo[64];

	if (gw < 0 || rcpt < 0 || net->accounts[rcpt].email == NULL)
		return;
	tc.src_host = -1;
	tc.src = (spam ? 0xc6336400u : 0xc0000200u) | (uint32_t)rng_range(r, 100, 140);
	tc.dst = net->hosts[gw].public_ip ? net->hosts[gw].public_ip : net->hosts[gw].ip;
	tc.dport = 25;
	tc.proto = NET_PROTO_TCP;
	tc.app = EVENT_APP_SMTP;
	tc.duration = rng_range(r, 300000, 4 * SIM_SECOND);
	tc.bytes_out = (uint64_t)rng_range(r, 2000, 120000);
	tc.bytes_in = 600;
	if (!tele_connect(&bg->tele, &tc, &conn, &flow))
		return;
	m->serial = drill_serial(bg->d, DRILL_SERIAL_MAIL);
	snprintf(mid, sizeof(mid), "%016llx.%u@%s", (unsigned long long)rng_next_u64(r), (unsigned)m->serial,
		 spam ? "mx.example.net" : "mail.gov.vn");
	snprintf(helo, sizeof(helo), "%s", spam ? "mx.example.net" : "mail.gov.vn");
	m->helo = helo;
	m->client_name = spam ? NULL : "mail.gov.vn";
	m->to = net->accounts[rcpt].email;
	m->message_id = mid;
	m->size = tc.bytes_out;
	m->required = 50;
	m->relay = bg->tele.relay[0] ? bg->tele.relay : NULL;
	if (spam) {
		m->from = bg_spam_senders[rng_below(r, sizeof(bg_spam_senders) / sizeof(bg_spam_senders[0]))];
		m->subject = "Khuyến mãi đặc biệt / Special offer";
		if (roll < 70) {
			m->verdict = EVENT_MAIL_REJECTED;
			m->reject = "554 5.7.1 Service unavailable; Client host blocked using zen.spamhaus.org";
		} else {
			/* The gateway discards from 15.0 up and tags below. */
			m->verdict = roll < 95 ? EVENT_MAIL_DISCARDED : EVENT_MAIL_TAGGED;
			m->score = m->verdict == EVENT_MAIL_DISCARDED ? (int32_t)rng_range(r, 150, 320)
								      : (int32_t)rng_range(r, 52, 149);
			m->tests = "HTML_MESSAGE,RCVD_IN_SBL,URIBL_BLACK";
		}
	} else {
		m->from = bg_senders[rng_below(r, sizeof(bg_senders) / sizeof(bg_senders[0]))];
		m->subject = "Công văn đến / Incoming official letter";
		m->verdict = EVENT_MAIL_DELIVERED;
		m->score = (int32_t)rng_range(r, -20, 25);
		m->tests = "DKIM_SIGNED,DKIM_VALID,SPF_PASS";
	}
	ev.kind = EVENT_MAIL;
	ev.conn = conn;
	tele_on_host(&bg->tele, &ev, gw, tc.duration);
	bg->spam += spam;
}

static void bg_next(void *ctx, struct drill *d);

static void bg_activity(struct background *bg)
{
	uint64_t roll = rng_below(&bg->tele.rng, 100);

	if (roll < 45)
		bg_browse(bg);
	else if (roll < 65)
		bg_intranet(bg);
	else if (roll < 77)
		bg_logon(bg);
	else if (roll < 80)
		bg_ssh(bg);
	else if (roll < 85)
		bg_update(bg);
	else if (roll < 95)
		bg_scan(bg);
	else
		bg_mail(bg, false);
	bg->activities++;
}

/* Thinning: candidates arrive at the peak rate, each is kept with the
 * probability of the hour's busyness, which is exactly a Poisson process
 * whose rate follows the office day. */
static void bg_next(void *ctx, struct drill *d)
{
	struct background *bg = ctx;

	if (rng_double(&bg->tele.rng) < bg_busy(d, d->now))
		bg_activity(bg);
	if (d->now < d->end)
		drill_call_at(d, d->now + bg_gap(&bg->tele.rng, bg->peak_rate), bg_next, bg);
}

static void bg_next_spam(void *ctx, struct drill *d)
{
	struct background *bg = ctx;

	bg_mail(bg, true);
	bg->activities++;
	if (d->now < d->end)
		drill_call_at(d, d->now + bg_gap(&bg->tele.rng, BACKGROUND_SPAM_PER_DAY / 86400.0), bg_next_spam, bg);
}

struct background *background_start(struct drill *d, double peak_rate)
{
	struct background *bg = xcalloc(1, sizeof(*bg));

	bg->d = d;
	bg->peak_rate = peak_rate;
	tele_init(&bg->tele, d, "background");
	bg_sort_hosts(bg);
	drill_call_at(d, d->now + bg_gap(&bg->tele.rng, peak_rate), bg_next, bg);
	drill_call_at(d, d->now + bg_gap(&bg->tele.rng, BACKGROUND_SPAM_PER_DAY / 86400.0), bg_next_spam, bg);
	return bg;
}

void background_free(struct background *bg)
{
	if (bg == NULL)
		return;
	free(bg->workstations.v), free(bg->apps.v), free(bg->win_servers.v), free(bg->linux_servers.v);
	free(bg->admins.v), free(bg->dcs.v), free(bg->gateways.v), free(bg->publics.v);
	free(bg);
}

uint64_t background_activities(const struct background *bg)
{
	return bg->activities;
}

uint64_t background_spam(const struct background *bg)
{
	return bg->spam;
}
