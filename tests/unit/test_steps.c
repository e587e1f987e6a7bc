/* The attack steps added for the stock ransomware, defacement, DDoS and
 * mail-storm scenarios (logon, deface, flood, mail_storm) and the restore
 * team action, on the small test province (the storm on the default one,
 * which has mail gateways): each asks the model and fails for the reason
 * the defenders gave it. */
#include "harness.h"

#include <stdlib.h>
#include <unistd.h>

#include "drill.h"
#include "ipaddr.h"

static char path[64];

/* Open a drill on a network with a scenario made of src. */
static struct drill *open_on(const char *network, const char *src)
{
	struct drill_options o = { path, network, 1, true };
	struct diag errs;
	struct drill *d;
	int fd;

	snprintf(path, sizeof(path), "/tmp/irdrill-stepsXXXXXX");
	fd = mkstemp(path);
	CHECK(fd >= 0);
	CHECK(write(fd, src, strlen(src)) == (ssize_t)strlen(src));
	close(fd);
	diag_init(&errs);
	d = drill_open(&o, &errs);
	diag_print(&errs, stdout);
	diag_free(&errs);
	unlink(path);
	CHECK(d != NULL);
	return d;
}

static struct drill *open_src(const char *src)
{
	return open_on("tests/data/net-small.lua", src);
}

static void act(struct drill *d, const char *when, const char *command)
{
	struct action a;
	char err[256] = "";

	CHECK_INT(action_parse(d->net, command, &a, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK(simclock_parse_duration(when, &a.time));
	snprintf(a.team, sizeof(a.team), "blue");
	drill_add_actions(d, &a, 1);
}

/* The nth (from 0) timeline entry whose what is what. */
static const struct drill_entry *nth(const struct drill *d, const char *what, int n)
{
	for (size_t i = 0; i < d->nentries; i++)
		if (strcmp(d->entries[i].what, what) == 0 && n-- == 0)
			return &d->entries[i];
	return NULL;
}

static const char *detail(const struct drill_entry *e)
{
	return e ? (e->detail ? e->detail : "") : "(no such entry)";
}

static unsigned state(const struct drill *d, const char *host)
{
	return d->net->hosts[net_host_find(d->net, host)].state;
}

#define HEAD "scenario { id = \"t\", title = { vi = \"Thử\", en = \"Test\" }, duration = hours(3) }\n"

/* One VPN logon a minute; the defenders change one thing before each. */
TEST(logon_through_the_vpn_asks_path_account_and_host)
{
	struct drill *d = open_src(HEAD
		"local function try(account, target)\n"
		"  logon { account = account, host = target, via = \"vpn\", gateway = \"portal\", from = \"198.51.100.7\" }\n"
		"end\n"
		"actor(\"crew\", function()\n"
		"  try(\"d1.an\", \"d1-pc-01\")\n"          /* 0: ok */
		"  try(\"d1.an\", \"c1-pc-01\")\n"          /* 1: not its host */
		"  try(\"admin\", \"c1-pc-01\")\n"          /* 2: no remote desktop */
		"  for _ = 1, 5 do wait(minutes(10)) try(\"d1.an\", \"d1-pc-01\") end\n"
		"end)\n");

	if (d == NULL)
		return;
	act(d, "5m", "block ip 198.51.100.0/24 at p");
	act(d, "15m", "unblock ip 198.51.100.0/24 at p");
	act(d, "16m", "isolate d1-pc-01");
	act(d, "25m", "release d1-pc-01");
	act(d, "26m", "disable account d1.an");
	act(d, "35m", "enable account d1.an");
	act(d, "36m", "shutdown portal");
	act(d, "45m", "start portal");
	act(d, "46m", "reset password d1.an"); /* nothing undoes it but a fresh dump */
	drill_run_until(d, 1 * SIM_MINUTE);
	CHECK(state(d, "d1-pc-01") & NET_HOST_COMPROMISED);
	CHECK(d->net->accounts[net_account_find(d->net, "d1.an")].state & NET_ACCOUNT_COMPROMISED);
	drill_run_until(d, SIM_TIME_MAX);
	CHECK_INT(d->errors, 0);
	CHECK(nth(d, "logon", 0) && nth(d, "logon", 0)->ok);
	CHECK_STR(nth(d, "logon", 0) ? nth(d, "logon", 0)->target : NULL, "d1.an@d1-pc-01");
	CHECK_STR(detail(nth(d, "logon", 1)), "account cannot log on to that host");
	CHECK_STR(detail(nth(d, "logon", 2)), "host offers no remote desktop or ssh");
	CHECK_STR(detail(nth(d, "logon", 3)), "address blocked at a firewall (p)");
	CHECK_STR(detail(nth(d, "logon", 4)), "host is isolated");
	CHECK_STR(detail(nth(d, "logon", 5)), "account is disabled");
	CHECK_STR(detail(nth(d, "logon", 6)), "destination host is down");
	CHECK_STR(detail(nth(d, "logon", 7)), "password was reset");
	drill_free(d);
}

TEST(logon_straight_to_a_port_obeys_the_policy)
{
	struct drill *d = open_src(HEAD
		"actor(\"crew\", function()\n"
		"  logon { account = \"admin\", host = \"d1-pc-01\", via = \"rdp\", from = \"198.51.100.7\" }\n"
		"  logon { account = \"admin\", host = \"portal\", via = \"ssh\", from = \"198.51.100.7\" }\n"
		"  logon { account = \"d1.an\", host = \"d1-pc-01\", via = \"smb\", from = \"portal\" }\n"
		"end)\n");

	if (d == NULL)
		return;
	drill_run_until(d, SIM_TIME_MAX);
	CHECK_STR(detail(nth(d, "logon", 0)), "denied by firewall policy (p)");
	CHECK_STR(detail(nth(d, "logon", 1)), "denied by firewall policy (p)");
	/* from a host: the attacker must hold it */
	CHECK_STR(detail(nth(d, "logon", 2)), "host is not compromised");
	drill_free(d);
}

TEST(deface_needs_a_held_web_server_and_restore_undoes_it)
{
	struct drill *d = open_src(HEAD
		"actor(\"crew\", function()\n"
		"  deface { host = \"portal\", page = \"/\" }\n"
		"  exploit { host = \"portal\", port = 443, from = \"198.51.100.7\" }\n"
		"  deface { host = \"portal\", page = \"/\", content = \"Hacked by X\" }\n"
		"  logon { account = \"d1.an\", host = \"d1-pc-01\", via = \"vpn\", gateway = \"portal\", from = \"198.51.100.7\" }\n"
		"  deface { host = \"d1-pc-01\" }\n"
		"  wait(minutes(30))\n"
		"  message(tostring(host(\"portal\").defaced) .. \" \" .. tostring(host(\"portal\").compromised))\n"
		"end)\n");

	if (d == NULL)
		return;
	act(d, "10m", "restore portal");
	drill_run_until(d, SIM_TIME_MAX);
	CHECK_STR(detail(nth(d, "deface", 0)), "host is not compromised");
	CHECK(nth(d, "deface", 1) && nth(d, "deface", 1)->ok);
	CHECK_STR(nth(d, "deface", 1) ? nth(d, "deface", 1)->target : NULL, "portal /");
	CHECK_STR(detail(nth(d, "deface", 2)), "host serves no web pages");
	/* restored from a clean image: neither defaced nor held */
	CHECK_STR(detail(nth(d, "message", 0)), "false false");
	CHECK(!(state(d, "portal") & (NET_HOST_DEFACED | NET_HOST_COMPROMISED)));
	drill_free(d);
}

#define FLOOD(rate, cap, dur) \
	"flood { target = \"portal\", port = 443, sources = { \"198.51.100.0/24\", \"192.0.2.0/24\" }, " \
	"rate = " #rate ", capacity = " #cap ", duration = minutes(" #dur ") }\n"

/* Blocks that cover part of a source take their share of it: 4000 Mbit/s
 * from two /24s, 2000 each, against a capacity of 1500. */
TEST(flood_blocks_take_their_share_and_relieve_at_once)
{
	struct drill *d = open_src(HEAD
		"actor(\"botnet\", function()\n"
		"  local ok, why = " FLOOD(4000, 1500, 60)
		"  message(tostring(ok) .. \" | \" .. tostring(why))\n"
		"end)\n");

	if (d == NULL)
		return;
	act(d, "5m", "block ip 198.51.100.0/25 at p");       /* 1000 + 2000 get in */
	act(d, "10m", "block ip 198.51.100.128/25 at dc");   /* 0 + 2000 */
	act(d, "15m", "block ip 192.0.2.0/26 at everywhere"); /* 1500: no longer more than it takes */
	act(d, "20m", "unblock ip 192.0.2.0/26 at everywhere");
	act(d, "25m", "isolate portal");
	act(d, "0m", "isolate db"); /* so the portal system stands on its web server alone */
	drill_run_until(d, 3 * SIM_MINUTE);
	CHECK(state(d, "portal") & NET_HOST_FLOODED);
	CHECK(!net_system_available(d->net, net_system_find(d->net, "portal")));
	drill_run_until(d, 12 * SIM_MINUTE);
	CHECK(state(d, "portal") & NET_HOST_FLOODED); /* 2000 > 1500 */
	drill_run_until(d, 17 * SIM_MINUTE);
	CHECK(!(state(d, "portal") & NET_HOST_FLOODED));
	CHECK(net_system_available(d->net, net_system_find(d->net, "portal")));
	drill_run_until(d, SIM_TIME_MAX);
	CHECK_STR(detail(nth(d, "flood", 0)), "4000 of 4000 Mbit/s reach it, it absorbs 1500");
	/* a change only goes on the timeline when the outcome changes */
	CHECK_STR(detail(nth(d, "flood", 1)),
		  "1500 of 4000 Mbit/s reach it, it absorbs 1500: address blocked at a firewall (p)");
	CHECK_INT(nth(d, "flood", 1) ? nth(d, "flood", 1)->time : -1, 15 * SIM_MINUTE);
	CHECK(nth(d, "flood", 2) && nth(d, "flood", 2)->ok); /* the unblock lets it back in */
	CHECK_STR(detail(nth(d, "flood", 3)), "0 of 4000 Mbit/s reach it, it absorbs 1500: destination host is isolated");
	CHECK_INT(nth(d, "flood", 3) ? nth(d, "flood", 3)->time : -1, 25 * SIM_MINUTE);
	CHECK(nth(d, "flood ends", 0) == NULL); /* it was not overwhelming at the end */
	CHECK_STR(detail(nth(d, "message", 0)),
		  "false | 1500 of 4000 Mbit/s reach it, it absorbs 1500: address blocked at a firewall (p)");
	CHECK_INT(nth(d, "message", 0) ? nth(d, "message", 0)->time : -1, 60 * SIM_MINUTE);
	CHECK(!(state(d, "portal") & NET_HOST_FLOODED));
	drill_free(d);
}

TEST(flood_counts_the_uncovered_middle_of_a_prefix)
{
	/* 192.0.2.0/26 and 192.0.2.128/25 blocked: only 192.0.2.64/26, a
	 * quarter of that source, gets in (500), with all of the other (2000). */
	struct drill *d = open_src(HEAD
		"actor(\"botnet\", function() wait(minutes(1)) " FLOOD(4000, 2400, 10) " end)\n");

	if (d == NULL)
		return;
	act(d, "0m", "block ip 192.0.2.128/25 at p");
	act(d, "0m", "block ip 192.0.2.0/26 at p");
	act(d, "0m", "block ip 192.0.2.0/27 at dc"); /* inside the /26: counted once */
	drill_run_until(d, SIM_TIME_MAX);
	CHECK(nth(d, "flood", 0) && nth(d, "flood", 0)->ok);
	CHECK_STR(detail(nth(d, "flood", 0)), "2500 of 4000 Mbit/s reach it, it absorbs 2400");
	CHECK(nth(d, "flood ends", 0) && nth(d, "flood ends", 0)->time == 11 * SIM_MINUTE);
	CHECK(!(state(d, "portal") & NET_HOST_FLOODED));
	drill_free(d);
}

TEST(flood_that_cannot_get_in_fails_at_once)
{
	struct drill *d = open_src(HEAD
		"actor(\"botnet\", function()\n"
		"  flood { target = \"portal\", port = 22, sources = { \"198.51.100.0/24\" }, rate = 9000, capacity = 10 }\n"
		"  flood { target = \"db\", port = 5432, sources = { \"198.51.100.9\" }, rate = 9000, capacity = 10 }\n"
		"  flood { target = \"portal\", port = 443, proto = \"udp\", sources = { \"198.51.100.9\" }, rate = 9000, capacity = 10 }\n"
		"  flood { target = \"portal\", port = 443, sources = { \"198.51.100.9\" }, rate = 900, capacity = 1000 }\n"
		"end)\n");

	if (d == NULL)
		return;
	drill_run_until(d, SIM_TIME_MAX);
	CHECK_INT(d->errors, 0);
	CHECK_STR(detail(nth(d, "flood", 0)), "0 of 9000 Mbit/s reach it, it absorbs 10: denied by firewall policy (p)");
	CHECK_STR(detail(nth(d, "flood", 1)), "0 of 9000 Mbit/s reach it, it absorbs 10: denied by firewall policy (p)");
	CHECK_STR(detail(nth(d, "flood", 2)), "0 of 9000 Mbit/s reach it, it absorbs 10: denied by firewall policy (p)");
	CHECK_STR(detail(nth(d, "flood", 3)), "900 of 900 Mbit/s reach it, it absorbs 1000");
	/* a wave that never took hold does not make the actor wait */
	CHECK_INT(nth(d, "flood", 3) ? nth(d, "flood", 3)->time : -1, 0);
	drill_free(d);
}

/* What a storm's mail looks like on the gateways' logs, counted. */
struct storm_seen {
	uint64_t rejected, access_denied, discarded, delivered;
	uint32_t lowest, highest; /* sending addresses */
};

static void storm_listen(void *ctx, const struct event *ev, enum sensor_type type)
{
	struct storm_seen *seen = ctx;

	if (ev->kind != EVENT_MAIL || type != SENSOR_POSTFIX || ev->u.mail.from == NULL ||
	    strstr(ev->u.mail.from, "example.net") == NULL)
		return;
	seen->rejected += ev->u.mail.verdict == EVENT_MAIL_REJECTED;
	seen->access_denied += ev->u.mail.reject && strstr(ev->u.mail.reject, "Sender address rejected") != NULL;
	seen->discarded += ev->u.mail.verdict == EVENT_MAIL_DISCARDED;
	seen->delivered += ev->u.mail.verdict == EVENT_MAIL_DELIVERED;
	if (seen->lowest == 0 || ev->conn.orig_ip < seen->lowest)
		seen->lowest = ev->conn.orig_ip;
	if (ev->conn.orig_ip > seen->highest)
		seen->highest = ev->conn.orig_ip;
}

#define DEFAULT_NET "scenarios/networks/default.lua"
#define STORM(total, slip) \
	"mail_storm { name = \"s\", senders = { \"198.51.100.0/28\" }, domains = { \"a.example.net\", \"b.example.net\" }, " \
	"total = " #total ", duration = minutes(10), slip = " #slip ", hash = \"0123456789abcdef0123456789abcdef\" }\n"

/* Ten minutes of 6000 mails with 4 that slip through: the gateways log
 * every mail that reaches them, blocks take their share at once, and
 * the counts add up. */
TEST(mail_storm_reaches_the_gateways_and_honours_blocks)
{
	struct drill *d = open_on(DEFAULT_NET, HEAD
		"actor(\"botnet\", function()\n"
		"  " STORM(6000, 4)
		"  wait(minutes(11))\n"
		"  local st = storm(\"s\")\n"
		"  message(st.sent .. \" \" .. st.dropped .. \" \" .. st.rejected .. \" \" .. st.discarded .. \" \" "
		"          .. st.delivered .. \" \" .. st.blocked .. \" \" .. tostring(st.running))\n"
		"end)\n");
	struct storm_seen seen = { 0 };
	uint32_t first, last;
	unsigned long long sent, dropped, rejected, discarded, delivered, blocked;
	char running[8] = "";

	if (d == NULL)
		return;
	drill_listen(d, storm_listen, &seen);
	act(d, "2m", "block ip 198.51.100.8/29 at bd");         /* half the range, dropped */
	act(d, "4m", "unblock ip 198.51.100.8/29 at bd");
	act(d, "5m", "block domain a.example.net at everywhere"); /* half the mail refused */
	act(d, "0m", "block hash 0123456789abcdef0123456789abcdef at everywhere"); /* no copy slips through */
	drill_run_until(d, SIM_TIME_MAX);
	CHECK_INT(d->errors, 0);
	CHECK_STR(detail(nth(d, "mail_storm", 0)),
		  "6000 mails over 10 min from 1 ranges under 2 domains; 100% of it reaches the gateways");
	/* the hash block changes nothing the gateways' load shows */
	CHECK_STR(detail(nth(d, "mail_storm", 1)), "50% of it reaches the gateways: address blocked at a firewall (bd)");
	CHECK_INT(nth(d, "mail_storm", 1) ? nth(d, "mail_storm", 1)->time : -1, 2 * SIM_MINUTE);
	CHECK_STR(detail(nth(d, "mail_storm", 2)), "100% of it reaches the gateways");
	CHECK_STR(detail(nth(d, "mail_storm", 3)),
		  "100% of it reaches the gateways; 50% refused on its sender domains (domain a.example.net refused)");
	CHECK(nth(d, "mail_storm ends", 0) != NULL);
	CHECK(sscanf(detail(nth(d, "message", 0)), "%llu %llu %llu %llu %llu %llu %7s", &sent, &dropped, &rejected,
		     &discarded, &delivered, &blocked, running) == 7);
	CHECK_INT(sent, 6000);
	CHECK_INT(blocked + delivered, sent);
	CHECK_INT(delivered, 0);
	CHECK_STR(running, "false");
	/* two minutes at 10 a second, half of it: about 600 dropped */
	CHECK(dropped > 450 && dropped < 750);
	/* the gateways saw everything not dropped */
	CHECK_INT(seen.rejected + seen.discarded + seen.delivered, sent - dropped);
	CHECK_INT(seen.rejected, rejected);
	CHECK_INT(seen.discarded, discarded);
	/* half of the last five minutes refused for its domain */
	CHECK(seen.access_denied > 1200 && seen.access_denied < 1800);
	ipaddr_parse("198.51.100.0", &first);
	ipaddr_parse("198.51.100.15", &last);
	CHECK(seen.lowest >= first && seen.highest <= last);
	drill_free(d);
}

/* Undefended, the crafted copies are delivered; the script steers the
 * storm to fresh senders and stops it. */
TEST(mail_storm_slips_a_few_and_is_steered)
{
	struct drill *d = open_on(DEFAULT_NET, HEAD
		"actor(\"botnet\", function()\n"
		"  " STORM(6000, 4)
		"  wait(minutes(1))\n"
		"  mail_storm { name = \"s\", senders = { \"192.0.2.0/28\" } }\n"
		"  wait(minutes(1))\n"
		"  local ok, why = mail_storm { name = \"s\", stop = true }\n"
		"  local st = storm(\"s\")\n"
		"  message(tostring(ok) .. \" \" .. why .. \" \" .. st.sent .. \" \" .. tostring(st.running))\n"
		"  mail_storm { name = \"s\", stop = true }\n"
		"end)\n");
	struct storm_seen seen = { 0 };
	uint32_t first;

	if (d == NULL)
		return;
	drill_listen(d, storm_listen, &seen);
	act(d, "30s", "block ip 198.51.100.0/28 at bd");
	drill_run_until(d, SIM_TIME_MAX);
	CHECK_STR(detail(nth(d, "mail_storm", 1)), "0% of it reaches the gateways: address blocked at a firewall (bd)");
	CHECK(nth(d, "mail_storm", 1) && !nth(d, "mail_storm", 1)->ok);
	CHECK_STR(detail(nth(d, "mail_storm", 2)), "fresh senders: 100% of it reaches the gateways");
	CHECK_STR(detail(nth(d, "message", 0)), "false the storm is stopped 1200 false");
	CHECK_CONTAINS(detail(nth(d, "mail_storm ends", 0)), "1200 sent: ");
	CHECK_CONTAINS(detail(nth(d, "error", 0)), "mail_storm: storm 's' is over");
	ipaddr_parse("192.0.2.0", &first);
	CHECK(seen.highest >= first); /* the fresh range sent */
	drill_free(d);
	/* The slips: one in each quarter of a storm left to run. */
	d = open_on(DEFAULT_NET, HEAD "actor(\"botnet\", function() " STORM(6000, 4) " end)\n");
	if (d == NULL)
		return;
	memset(&seen, 0, sizeof(seen));
	drill_listen(d, storm_listen, &seen);
	drill_run_until(d, SIM_TIME_MAX);
	CHECK_INT(seen.delivered, 4);
	CHECK_CONTAINS(detail(nth(d, "mail_storm ends", 0)), "6000 sent: 5996 blocked (0 dropped at firewalls, ");
	CHECK_CONTAINS(detail(nth(d, "mail_storm ends", 0)), "), 4 delivered");
	drill_free(d);
}

/* Every record emitted, as the drill hands it out once per sensor kind
 * that logs it: the kinds, hosts and addresses kept for the checks. */
#define SEEN_MAX 64
struct seen {
	int n;
	struct {
		enum event_kind kind;
		enum sensor_type type;
		int host;
		uint32_t orig, resp;
		uint16_t port;
		enum event_logon_step step;
		uint32_t sub_status;
		bool denied;
		char text[160]; /* a process's command line, a file's name */
	} r[SEEN_MAX];
	int flows, denied; /* flow records and denies, all kept or not */
};

static void seen_listen(void *ctx, const struct event *ev, enum sensor_type type)
{
	struct seen *sn = ctx;

	sn->flows += ev->kind == EVENT_FLOW;
	sn->denied += ev->kind == EVENT_FLOW && ev->u.flow.denied;
	if (sn->n == SEEN_MAX)
		return;
	sn->r[sn->n].kind = ev->kind;
	sn->r[sn->n].type = type;
	sn->r[sn->n].host = ev->host;
	sn->r[sn->n].orig = ev->conn.orig_ip;
	sn->r[sn->n].resp = ev->conn.resp_ip;
	sn->r[sn->n].port = ev->conn.resp_port;
	sn->r[sn->n].step = ev->kind == EVENT_LOGON ? ev->u.logon.step : EVENT_LOGON_SUCCESS;
	sn->r[sn->n].sub_status = ev->kind == EVENT_LOGON ? ev->u.logon.sub_status : 0;
	sn->r[sn->n].denied = ev->kind == EVENT_FLOW && ev->u.flow.denied;
	snprintf(sn->r[sn->n].text, sizeof(sn->r[sn->n].text), "%s",
		 ev->kind == EVENT_PROCESS && ev->process.command_line ? ev->process.command_line :
		 ev->kind == EVENT_FILE && ev->u.file.name ? ev->u.file.name : "");
	sn->n++;
}

/* How many records of kind (on host, -1: any) the sensors of type got. */
static int seen_count(const struct seen *sn, enum event_kind kind, enum sensor_type type, int host)
{
	int n = 0;

	for (int i = 0; i < sn->n; i++)
		n += sn->r[i].kind == kind && sn->r[i].type == type && (host < 0 || sn->r[i].host == host);
	return n;
}

/* A logon through the VPN shows on the host as coming from the gateway;
 * a reset password as a failed logon; a blocked source as the firewall's
 * deny and nothing on the host. */
TEST(logon_leaves_the_logon_the_host_would_log)
{
	struct drill *d = open_on(DEFAULT_NET, HEAD
		"actor(\"crew\", function()\n"
		"  for _ = 1, 3 do\n"
		"    logon { account = \"dc.svc-backup\", host = \"dc-jump-01\", via = \"vpn\", from = \"198.51.100.7\" }\n"
		"    wait(minutes(10))\n"
		"  end\n"
		"end)\n");
	struct seen sn = { 0 };
	int pc, portal;
	uint32_t attacker;

	if (d == NULL)
		return;
	drill_listen(d, seen_listen, &sn);
	pc = net_host_find(d->net, "dc-jump-01");
	portal = net_host_find(d->net, "dc-vpn-01");
	ipaddr_parse("198.51.100.7", &attacker);
	act(d, "5m", "reset password dc.svc-backup");
	act(d, "15m", "block ip 198.51.100.7 at bd");
	drill_run_until(d, 1 * SIM_MINUTE);
	/* the tunnel on the perimeter firewall; the logon on the jump host,
	 * from the gateway's inside address, and the admin rights it got */
	CHECK_INT(seen_count(&sn, EVENT_LOGON, SENSOR_WINDOWS, pc), 2);
	for (int i = 0, logons = 0; i < sn.n; i++) {
		if (sn.r[i].kind != EVENT_LOGON)
			continue;
		CHECK_INT(sn.r[i].step, logons++ == 0 ? EVENT_LOGON_SUCCESS : EVENT_LOGON_PRIVILEGED);
		CHECK_INT(sn.r[i].orig, d->net->hosts[portal].ip);
		CHECK_INT(sn.r[i].port, 3389);
	}
	drill_run_until(d, SIM_TIME_MAX);
	/* after the reset: one failed logon, bad password */
	CHECK_INT(seen_count(&sn, EVENT_LOGON, SENSOR_WINDOWS, pc), 3);
	for (int i = 0, logons = 0; i < sn.n; i++) {
		if (sn.r[i].kind == EVENT_LOGON && logons++ == 2) {
			CHECK_INT(sn.r[i].step, EVENT_LOGON_FAILURE);
			CHECK_INT(sn.r[i].sub_status, 0xC000006Au);
		}
	}
	/* the third try: only the perimeter's deny of the tunnel */
	CHECK_INT(sn.denied, 1);
	for (int i = 0; i < sn.n; i++)
		if (sn.r[i].denied)
			CHECK(sn.r[i].orig == attacker && sn.r[i].port == 443);
	drill_free(d);
}

/* A page written on an IIS server: the worker's shell and the file. */
TEST(deface_leaves_the_shell_and_the_page_on_a_windows_server)
{
	struct drill *d = open_on(DEFAULT_NET, HEAD
		"actor(\"crew\", function()\n"
		"  exploit { host = \"dc-phananh-web-01\", port = 80, from = \"198.51.100.7\" }\n"
		"  wait(minutes(5))\n"
		"  deface { host = \"dc-phananh-web-01\", page = \"/tin-tuc/\", from = \"198.51.100.7\" }\n"
		"end)\n");
	struct seen sn = { 0 };
	bool shell = false, page = false;
	int web;

	if (d == NULL)
		return;
	web = net_host_find(d->net, "dc-phananh-web-01");
	/* make the citizen-feedback system one the SOC watches */
	net_system_set_monitored(d->net, net_system_find(d->net, "phananh"), true);
	drill_listen(d, seen_listen, &sn);
	drill_run_until(d, 4 * SIM_MINUTE);
	sn.n = 0;
	drill_run_until(d, SIM_TIME_MAX);
	CHECK(nth(d, "deface", 0) && nth(d, "deface", 0)->ok);
	for (int i = 0; i < sn.n; i++) {
		shell |= sn.r[i].kind == EVENT_PROCESS && sn.r[i].host == web &&
			 strstr(sn.r[i].text, "C:\\inetpub\\wwwroot\\tin-tuc\\index.html") != NULL;
		page |= sn.r[i].kind == EVENT_FILE && sn.r[i].host == web &&
			strcmp(sn.r[i].text, "C:\\inetpub\\wwwroot\\tin-tuc\\index.html") == 0;
	}
	CHECK(shell);
	CHECK(page);
	/* the upload to the web shell is on the wire, in clear on port 80 */
	CHECK(seen_count(&sn, EVENT_HTTP, SENSOR_SURICATA, -1) >= 1);
	drill_free(d);
}

/* A flood leaves one sample session per source a minute while its wave
 * lasts, not its millions of packets; blocked sources show as denies. */
TEST(flood_is_sampled_a_session_per_source_a_minute)
{
	struct drill *d = open_src(HEAD
		"actor(\"botnet\", function() " FLOOD(4000, 1500, 30) " end)\n");
	struct seen sn = { 0 };

	if (d == NULL)
		return;
	drill_listen(d, seen_listen, &sn);
	act(d, "20m", "block ip 198.51.100.0/24 at p");
	drill_run_until(d, SIM_TIME_MAX);
	/* two sources, minutes 0 to 29: 60 sessions, each on the data
	 * center's IDS and the perimeter firewall, but the blocked source's
	 * last 10 are the perimeter's denies, which the IDS behind it never
	 * sees */
	CHECK(nth(d, "flood", 0) && nth(d, "flood", 0)->ok);
	CHECK_INT(sn.denied, 10);
	CHECK_INT(sn.flows, 2 * 50 + 10);
	drill_free(d);
}

TEST(step_arguments_are_checked)
{
	static const struct {
		const char *call, *error;
	} cases[] = {
		{ "flood { target = \"portal\", port = 443, sources = {}, rate = 1, capacity = 1 }",
		  "flood: field 'sources' must be a list of IPv4 addresses or prefixes" },
		{ "flood { target = \"portal\", port = 443, sources = { \"x\" }, rate = 1, capacity = 1 }",
		  "flood: source 1 ('x') is not an IPv4 address or prefix" },
		{ "flood { target = \"portal\", port = 443, sources = { \"1.2.3.4\" }, capacity = 1 }",
		  "flood: field 'rate' must be a positive integer" },
		{ "flood { target = \"portal\", port = 443, sources = { \"1.2.3.4\" }, rate = 1, capacity = 1, proto = \"icmp\" }",
		  "flood: field 'proto' must be tcp or udp" },
		{ "flood { target = \"nowhere\", port = 443, sources = { \"1.2.3.4\" }, rate = 1, capacity = 1 }",
		  "flood: no host 'nowhere' in the network" },
		{ "logon { account = \"admin\", host = \"portal\", via = \"telnet\", from = \"1.2.3.4\" }",
		  "logon: via 'telnet' is not vpn, smb, rdp, winrm, ssh or mssql" },
		{ "logon { account = \"admin\", host = \"portal\", via = \"vpn\", from = \"1.2.3.4\" }",
		  "logon: the network has no host with role 'vpn' (name one with gateway =)" },
		{ "logon { account = \"admin\", host = \"portal\", via = \"rdp\" }", "logon: field 'from' is missing" },
		{ "deface { host = \"portal\", page = 1 }", "deface: field 'page' must be a string" },
		{ "deface { host = \"portal\", technique = \"defacement\" }",
		  "deface: technique 'defacement' is not an ATT&CK id like T1566.001" },
		{ "mail_storm { name = \"s\", domains = { \"x.example\" }, total = 9, duration = 60 }",
		  "mail_storm: field 'senders' is missing" },
		{ "mail_storm { name = \"s\", senders = { \"1.2.3\" }, domains = { \"x.example\" }, total = 9, duration = seconds(9) }",
		  "mail_storm: sender 1 ('1.2.3') is not an IPv4 address or prefix" },
		{ "mail_storm { name = \"s\", senders = { \"1.2.3.4\" }, domains = { \"a@x.example\" }, total = 9, duration = seconds(9) }",
		  "mail_storm: domain 1 ('a@x.example') is not a domain name" },
		{ "mail_storm { name = \"s\", senders = { \"1.2.3.4\" }, domains = { \"x.example\" }, duration = seconds(9) }",
		  "mail_storm: field 'total' must be a positive integer" },
		{ "mail_storm { name = \"s\", senders = { \"1.2.3.4\" }, domains = { \"x.example\" }, total = 9, duration = 10 }",
		  "mail_storm: field 'duration' must be at least seconds(1)" },
		{ "mail_storm { name = \"s\", senders = { \"1.2.3.4\" }, domains = { \"x.example\" }, total = 9, duration = seconds(9), slip = 10 }",
		  "mail_storm: field 'slip' must be between 0 and total" },
		{ "mail_storm { name = \"s\", senders = { \"1.2.3.4\" }, domains = { \"x.example\" }, total = 9, duration = seconds(9) }",
		  "mail_storm: the network has no host tagged mail-gateway" },
		{ "storm(\"nothing\")", "storm: no storm 'nothing' (start it with mail_storm { name = … })" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char src[1024];
		struct drill *d;

		snprintf(src, sizeof(src), HEAD "actor(\"a\", function() %s end)\n", cases[i].call);
		d = open_src(src);
		if (d == NULL)
			continue;
		drill_run_until(d, SIM_TIME_MAX);
		/* the static check sees literal values too; the run must say it */
		CHECK(nth(d, "error", 0) != NULL);
		if (nth(d, "error", 0) && strcmp(nth(d, "error", 0)->actor, "a") != 0)
			CHECK_CONTAINS(detail(nth(d, "error", 1)), cases[i].error);
		else
			CHECK_CONTAINS(detail(nth(d, "error", 0)), cases[i].error);
		drill_free(d);
	}
}

int main(void)
{
	RUN(logon_through_the_vpn_asks_path_account_and_host);
	RUN(logon_straight_to_a_port_obeys_the_policy);
	RUN(deface_needs_a_held_web_server_and_restore_undoes_it);
	RUN(flood_blocks_take_their_share_and_relieve_at_once);
	RUN(flood_counts_the_uncovered_middle_of_a_prefix);
	RUN(flood_that_cannot_get_in_fails_at_once);
	RUN(mail_storm_reaches_the_gateways_and_honours_blocks);
	RUN(mail_storm_slips_a_few_and_is_steered);
	RUN(logon_leaves_the_logon_the_host_would_log);
	RUN(deface_leaves_the_shell_and_the_page_on_a_windows_server);
	RUN(flood_is_sampled_a_session_per_source_a_minute);
	RUN(step_arguments_are_checked);
	return harness_finish();
}
