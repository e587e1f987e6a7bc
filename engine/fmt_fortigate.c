#include "fmt_fortigate.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipaddr.h"

/* The shortest IP packet of each protocol: IP header plus TCP header, or
 * plus the 8-byte UDP or ICMP header. */
#define FMT_FORTIGATE_TCP_MIN 40
#define FMT_FORTIGATE_OTHER_MIN 28

/*
 * Client reputation ("threat weight", crscore craction crlevel) as
 * FortiOS scores it by default: low 5, medium 10, high 30, critical 50;
 * a blocked connection and a blocked URL are high, a virus critical, an
 * IPS signature as severe as the signature.  The action bits are those of
 * the reference examples (examples-body.log, examples-syslog.log).
 */
#define FMT_FORTIGATE_CR_BLOCKED_CONN 131072
#define FMT_FORTIGATE_CR_IPS 4096
#define FMT_FORTIGATE_CR_VIRUS 2
#define FMT_FORTIGATE_CR_URL_BLOCK 4194304

void fmt_fortigate_log_free(struct fmt_fortigate_log *log)
{
	strbuf_free(&log->values);
	log->n = 0;
}

const char *fmt_fortigate_value(const struct fmt_fortigate_log *log, size_t i)
{
	return strbuf_str(&log->values) + log->fields[i].off;
}

const char *fmt_fortigate_get(const struct fmt_fortigate_log *log,
			      const char *key)
{
	size_t i;

	for (i = 0; i < log->n; i++)
		if (strcmp(log->fields[i].key, key) == 0)
			return fmt_fortigate_value(log, i);
	return NULL;
}

static void fmt_fortigate_add(struct fmt_fortigate_log *log, const char *key,
			      const char *value, bool quoted)
{
	struct fmt_fortigate_field *f;

	/* Every log below is a fixed sequence well under the limit: running
	 * out is a bug in this file, not bad input. */
	if (log->n == FMT_FORTIGATE_MAX_FIELDS)
		abort();
	f = &log->fields[log->n++];
	f->key = key;
	f->off = log->values.len;
	f->quoted = quoted;
	/* The NUL goes in too, so each value reads as a C string. */
	strbuf_add(&log->values, value, strlen(value) + 1);
}

static void fmt_fortigate_text(struct fmt_fortigate_log *log, const char *key,
			       const char *value)
{
	fmt_fortigate_add(log, key, value != NULL ? value : "", true);
}

static void fmt_fortigate_uint(struct fmt_fortigate_log *log, const char *key,
			       uint64_t v)
{
	char num[24], *d = num + sizeof num;

	/* By hand: a traffic line has a dozen numbers. */
	*--d = '\0';
	do {
		*--d = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	fmt_fortigate_add(log, key, d, false);
}

static void fmt_fortigate_ip(struct fmt_fortigate_log *log, const char *key,
			     uint32_t ip)
{
	char text[IPADDR_STRLEN];

	fmt_fortigate_add(log, key, ipaddr_format(ip, text), false);
}

/* One end of the session: FortiOS writes IPv6 bare, RFC 5952 text. */
static void fmt_fortigate_end(struct fmt_fortigate_log *log, const char *key,
			      const struct event_conn *c, bool orig)
{
	char text[EVENT_ADDR_STRLEN];

	fmt_fortigate_add(log, key, event_conn_addr(c, orig, EVENT_ADDR_COMPRESSED, text), false);
}

bool fmt_fortigate_facility_code(const char *name, int *code)
{
	/* FortiOS's names, in syslog code order (config log syslogd setting). */
	static const char *const names[] = {
		"kernel", "user", "mail", "daemon", "auth", "syslog",
		"lpr", "news", "uucp", "cron", "authpriv", "ftp",
		"ntp", "audit", "alert", "clock", "local0", "local1",
		"local2", "local3", "local4", "local5", "local6", "local7",
	};
	int i;

	if (name == NULL)
		name = "local7";
	for (i = 0; i < (int)(sizeof names / sizeof names[0]); i++) {
		if (strcmp(names[i], name) == 0) {
			*code = i;
			return true;
		}
	}
	return false;
}

bool fmt_fortigate_level_severity(const char *level, int *severity)
{
	/* FortiOS levels are the syslog severities, spelled its own way. */
	static const char *const names[] = {
		"emergency", "alert", "critical", "error",
		"warning", "notice", "information", "debug",
	};
	int i;

	for (i = 0; i < (int)(sizeof names / sizeof names[0]); i++) {
		if (strcmp(names[i], level) == 0) {
			*severity = i;
			return true;
		}
	}
	return false;
}

uint32_t fmt_fortigate_sessionid(const struct fmt_fortigate_settings *s,
				 const struct event_conn *conn)
{
	return (uint32_t)((uint64_t)s->session_base + conn->serial);
}

static bool fmt_fortigate_own_ip(const struct fmt_fortigate_settings *s,
				 const struct event_conn *c, bool orig)
{
	uint32_t ip = orig ? c->orig_ip : c->resp_ip;
	size_t i;

	for (i = 0; i < s->n_own_ips && !c->ipv6; i++)
		if (s->own_ips[i] == ip)
			return true;
	return false;
}

/* The interface one end of the session is reached through; NULL if the
 * settings point outside their interface list. */
static const struct fmt_fortigate_iface *
fmt_fortigate_iface_of(const struct fmt_fortigate_settings *s, const struct event_conn *c,
		       bool orig)
{
	uint32_t ip = orig ? c->orig_ip : c->resp_ip;
	size_t i, iface = s->wan_iface;
	int best = -1;

	if (c->ipv6) {
		if (ipaddr6_is_private(orig ? c->orig_ip6 : c->resp_ip6))
			iface = s->ipv6_local_iface;
		return iface < s->n_ifaces ? &s->ifaces[iface] : NULL;
	}
	for (i = 0; i < s->n_routes; i++) {
		const struct fmt_fortigate_route *r = &s->routes[i];

		if (r->prefix > best && ipaddr_in(ip, r->addr, r->prefix)) {
			best = r->prefix;
			iface = r->iface;
		}
	}
	return iface < s->n_ifaces ? &s->ifaces[iface] : NULL;
}

/* Address space GeoIP gives no country: RFC 1918, this network,
 * shared (CGNAT), loopback, link-local, multicast and above. */
static bool fmt_fortigate_special(uint32_t ip)
{
	return ipaddr_is_private(ip) || ipaddr_in(ip, 0, 8) ||
	       ipaddr_in(ip, 0x64400000u, 10) || ipaddr_in(ip, 0x7f000000u, 8) ||
	       ipaddr_in(ip, 0xa9fe0000u, 16) || ip >= 0xe0000000u;
}

static const char *fmt_fortigate_country(const struct fmt_fortigate_settings *s,
					 const struct event_conn *c, bool orig)
{
	uint32_t ip = orig ? c->orig_ip : c->resp_ip;
	const char *name = "Reserved";
	int best = -1;
	size_t i;

	if (c->ipv6 || fmt_fortigate_special(ip))
		return name;
	for (i = 0; i < s->n_countries; i++) {
		const struct fmt_fortigate_country *k = &s->countries[i];

		if (k->prefix > best && ipaddr_in(ip, k->addr, k->prefix)) {
			best = k->prefix;
			name = k->name;
		}
	}
	return name;
}

/*
 * FortiOS's predefined service names (Policy & Objects > Services) for
 * the ports the drill uses; others print as "tcp/PORT" or "udp/PORT", as
 * FortiOS writes a port no service covers.
 */
static const char *fmt_fortigate_service(const struct event_conn *c,
					 char buf[24])
{
	static const struct {
		uint8_t proto;
		uint16_t port;
		const char *name;
	} services[] = {
		{ NET_PROTO_TCP, 21, "FTP" },       { NET_PROTO_TCP, 22, "SSH" },
		{ NET_PROTO_TCP, 23, "TELNET" },    { NET_PROTO_TCP, 25, "SMTP" },
		{ NET_PROTO_TCP, 53, "DNS" },       { NET_PROTO_UDP, 53, "DNS" },
		{ NET_PROTO_UDP, 67, "DHCP" },      { NET_PROTO_TCP, 80, "HTTP" },
		{ NET_PROTO_TCP, 88, "KERBEROS" },  { NET_PROTO_UDP, 88, "KERBEROS" },
		{ NET_PROTO_TCP, 110, "POP3" },     { NET_PROTO_UDP, 123, "NTP" },
		{ NET_PROTO_TCP, 139, "SAMBA" },    { NET_PROTO_TCP, 143, "IMAP" },
		{ NET_PROTO_UDP, 161, "SNMP" },     { NET_PROTO_TCP, 389, "LDAP" },
		{ NET_PROTO_UDP, 389, "LDAP_UDP" }, { NET_PROTO_TCP, 443, "HTTPS" },
		{ NET_PROTO_TCP, 445, "SMB" },      { NET_PROTO_TCP, 465, "SMTPS" },
		{ NET_PROTO_UDP, 514, "SYSLOG" },   { NET_PROTO_TCP, 993, "IMAPS" },
		{ NET_PROTO_TCP, 995, "POP3S" },    { NET_PROTO_TCP, 1433, "MS-SQL" },
		{ NET_PROTO_TCP, 3306, "MYSQL" },   { NET_PROTO_TCP, 3389, "RDP" },
	};
	size_t i;

	if (c->proto == NET_PROTO_ICMP) {
		/* An echo request is the PING service; other messages are
		 * named by type and code. */
		if (c->orig_port == 8)
			return "PING";
		snprintf(buf, 24, "icmp/%u/%u", (unsigned)c->orig_port,
			 (unsigned)c->resp_port);
		return buf;
	}
	for (i = 0; i < sizeof services / sizeof services[0]; i++)
		if (services[i].proto == c->proto && services[i].port == c->resp_port)
			return services[i].name;
	snprintf(buf, 24, "%s/%u", c->proto == NET_PROTO_TCP ? "tcp" : "udp",
		 (unsigned)c->resp_port);
	return buf;
}

static bool fmt_fortigate_has_ports(uint8_t proto)
{
	return proto == NET_PROTO_TCP || proto == NET_PROTO_UDP;
}

/* No packet is shorter than its headers: a side's bytes cover at least a
 * minimal packet per packet, and no packets means no bytes. */
static bool fmt_fortigate_counts_ok(const struct event_count *n, uint8_t proto)
{
	uint64_t min = proto == NET_PROTO_TCP ? FMT_FORTIGATE_TCP_MIN
					      : FMT_FORTIGATE_OTHER_MIN;

	return n->pkts <= n->ip_bytes / min && (n->pkts > 0 || n->ip_bytes == 0);
}

/* What a record must have for any log of its session. */
static bool fmt_fortigate_conn_ok(const struct event *ev)
{
	const struct event_conn *c = &ev->conn;

	return c->serial != 0 && c->start <= ev->time &&
	       (fmt_fortigate_has_ports(c->proto) || c->proto == NET_PROTO_ICMP) &&
	       fmt_fortigate_counts_ok(&c->orig, c->proto) &&
	       fmt_fortigate_counts_ok(&c->resp, c->proto);
}

/*
 * The keys every log starts with, in the order FortiOS 7.x sends them:
 * date time devname devid eventtime tz logid type subtype [eventtype]
 * level vd.
 */
static bool fmt_fortigate_head(struct fmt_fortigate_log *log,
			       const struct fmt_fortigate_settings *s,
			       const struct event *ev)
{
	char iso[SIMCLOCK_ISO_SIZE], part[24];
	int64_t us = simclock_unix_us(s->clock, ev->time);

	if (us < 0 || !simclock_format_local(s->clock, ev->time, iso, sizeof iso))
		return false;
	/* "2023-11-08T09:15:02.123456+0700": the date, the time to the
	 * second, and the zone as FortiOS writes tz. */
	memcpy(part, iso, 10);
	part[10] = '\0';
	fmt_fortigate_add(log, "date", part, false);
	memcpy(part, iso + 11, 8);
	part[8] = '\0';
	fmt_fortigate_add(log, "time", part, false);
	fmt_fortigate_text(log, "devname", s->devname);
	fmt_fortigate_text(log, "devid", s->devid);
	/* Nanoseconds; the clock keeps microseconds. */
	snprintf(part, sizeof part, "%" PRId64 "000", us);
	fmt_fortigate_add(log, "eventtime", part, false);
	fmt_fortigate_text(log, "tz", iso + strlen(iso) - 5);
	fmt_fortigate_text(log, "logid", log->logid);
	fmt_fortigate_text(log, "type", log->type);
	fmt_fortigate_text(log, "subtype", log->subtype);
	if (log->eventtype != NULL)
		fmt_fortigate_text(log, "eventtype", log->eventtype);
	fmt_fortigate_text(log, "level", log->level);
	fmt_fortigate_text(log, "vd", s->vdom);
	return true;
}

static void fmt_fortigate_iface(struct fmt_fortigate_log *log,
				const char *key, const char *role_key,
				const struct fmt_fortigate_iface *iface)
{
	fmt_fortigate_text(log, key, iface->name);
	fmt_fortigate_text(log, role_key, iface->role);
}

static void fmt_fortigate_cr(struct fmt_fortigate_log *log, unsigned score,
			     unsigned action, const char *level)
{
	fmt_fortigate_uint(log, "crscore", score);
	fmt_fortigate_uint(log, "craction", action);
	fmt_fortigate_text(log, "crlevel", level);
}

/* How the session ended, in FortiOS's words.  UDP and ICMP sessions
 * only ever time out, and FortiOS logs them as accepted. */
static const char *fmt_fortigate_traffic_action(const struct event *ev)
{
	if (ev->u.flow.denied)
		return "deny";
	if (ev->conn.proto != NET_PROTO_TCP)
		return "accept";
	switch (ev->u.flow.state) {
	case EVENT_FLOW_CLOSED:
		return "close";
	case EVENT_FLOW_RESET_BY_ORIG:
		return "client-rst";
	case EVENT_FLOW_RESET_BY_RESP:
	case EVENT_FLOW_REJECTED:
		return "server-rst";
	case EVENT_FLOW_NO_REPLY:
	case EVENT_FLOW_ESTABLISHED:
	default:
		return "timeout";
	}
}

/*
 * EVENT_FLOW: the session's end.  Keys in the order of the reference's
 * forward (examples-body.log lines 1 and 4), local (line 2) and deny
 * (examples-syslog.log line 1) examples.
 */
static bool fmt_fortigate_traffic(struct fmt_fortigate_log *log,
				  const struct fmt_fortigate_settings *s,
				  const struct event *ev)
{
	const struct event_conn *c = &ev->conn;
	const struct event_flow *f = &ev->u.flow;
	bool local_in = fmt_fortigate_own_ip(s, c, false);
	bool local_out = !local_in && fmt_fortigate_own_ip(s, c, true);
	bool local = local_in || local_out;
	const struct fmt_fortigate_iface *src, *dst;
	struct fmt_fortigate_iface vdom = { s->vdom, "undefined" };
	char service[24];

	if (f->last < c->start || f->last > ev->time || f->policy < 0)
		return false;
	/* Traffic to or from the firewall itself is logged against the
	 * vdom, as the reference's local example shows (dstintf="vdom1"). */
	src = local_out ? &vdom : fmt_fortigate_iface_of(s, c, true);
	dst = local_in ? &vdom : fmt_fortigate_iface_of(s, c, false);
	if (src == NULL || dst == NULL)
		return false;
	/*
	 * Log Message Reference: 13 LOG_ID_TRAFFIC_END_FORWARD, 14
	 * LOG_ID_TRAFFIC_END_LOCAL, both level notice.  A denied session has
	 * no id of its own: the reference's deny example is 0000000013 with
	 * action="deny" (examples-syslog.log, line 1).
	 */
	log->type = "traffic";
	log->subtype = local ? "local" : "forward";
	log->logid = local ? "0001000014" : "0000000013";
	log->level = "notice";
	log->action = fmt_fortigate_traffic_action(ev);
	if (!fmt_fortigate_head(log, s, ev))
		return false;
	fmt_fortigate_end(log, "srcip", c, true);
	if (fmt_fortigate_has_ports(c->proto))
		fmt_fortigate_uint(log, "srcport", c->orig_port);
	fmt_fortigate_iface(log, "srcintf", "srcintfrole", src);
	fmt_fortigate_end(log, "dstip", c, false);
	if (fmt_fortigate_has_ports(c->proto))
		fmt_fortigate_uint(log, "dstport", c->resp_port);
	fmt_fortigate_iface(log, "dstintf", "dstintfrole", dst);
	fmt_fortigate_uint(log, "sessionid", fmt_fortigate_sessionid(s, c));
	fmt_fortigate_uint(log, "proto", c->proto);
	fmt_fortigate_text(log, "action", log->action);
	fmt_fortigate_uint(log, "policyid", (uint64_t)f->policy);
	/* Local-out traffic passes no policy and says none (7.x local-out
	 * logs have no policytype). */
	if (!local_out)
		fmt_fortigate_text(log, "policytype",
				   local ? "local-in-policy" : "policy");
	fmt_fortigate_text(log, "service", fmt_fortigate_service(c, service));
	fmt_fortigate_text(log, "dstcountry", fmt_fortigate_country(s, c, false));
	fmt_fortigate_text(log, "srccountry", fmt_fortigate_country(s, c, true));
	if (f->denied) {
		/* The firewall dropped the first packet and never made a
		 * session: it counted nothing. */
		fmt_fortigate_text(log, "trandisp", "noop");
		fmt_fortigate_uint(log, "duration", 0);
		fmt_fortigate_uint(log, "sentbyte", 0);
		fmt_fortigate_uint(log, "rcvdbyte", 0);
		fmt_fortigate_uint(log, "sentpkt", 0);
		fmt_fortigate_text(log, "appcat", "unscanned");
		if (!local)
			fmt_fortigate_cr(log, 30, FMT_FORTIGATE_CR_BLOCKED_CONN, "high");
		return true;
	}
	if (!local && f->nat_ip != 0 && !c->ipv6) {
		fmt_fortigate_text(log, "trandisp", "snat");
		fmt_fortigate_ip(log, "transip", f->nat_ip);
		fmt_fortigate_uint(log, "transport", f->nat_port);
	} else {
		fmt_fortigate_text(log, "trandisp", "noop");
	}
	/* No application control here: FortiOS says "unscanned", before
	 * the counters on forward logs, after them on local ones. */
	if (!local)
		fmt_fortigate_text(log, "appcat", "unscanned");
	fmt_fortigate_uint(log, "duration",
			   (uint64_t)((f->last - c->start) / SIM_SECOND));
	fmt_fortigate_uint(log, "sentbyte", c->orig.ip_bytes);
	fmt_fortigate_uint(log, "rcvdbyte", c->resp.ip_bytes);
	fmt_fortigate_uint(log, "sentpkt", c->orig.pkts);
	fmt_fortigate_uint(log, "rcvdpkt", c->resp.pkts);
	if (local)
		fmt_fortigate_text(log, "appcat", "unscanned");
	return true;
}

/* The direction of the packet the profile acted on. */
static const char *fmt_fortigate_direction(const struct event *ev)
{
	return ev->dir == EVENT_FROM_RESP ? "incoming" : "outgoing";
}

static void fmt_fortigate_ports(struct fmt_fortigate_log *log,
				const struct event_conn *c)
{
	if (fmt_fortigate_has_ports(c->proto)) {
		fmt_fortigate_uint(log, "srcport", c->orig_port);
		fmt_fortigate_uint(log, "dstport", c->resp_port);
	}
}

static void fmt_fortigate_profile(struct fmt_fortigate_log *log,
				  const char *profile)
{
	if (profile != NULL)
		fmt_fortigate_text(log, "profile", profile);
}

/*
 * IPS: Log Message Reference 16384 (signature detected), level alert,
 * action dropped or detected; keys as in the reference's IPS example
 * (examples-body.log, line 6).  Threat weight by signature severity as
 * FortiOS's defaults score it; info is not scored.
 */
static bool fmt_fortigate_ips(struct fmt_fortigate_log *log,
			      const struct fmt_fortigate_settings *s,
			      const struct event *ev,
			      const struct fmt_fortigate_iface *src,
			      const struct fmt_fortigate_iface *dst)
{
	static const char *const severities[] = {
		"critical", "high", "medium", "low", "info",
	};
	static const unsigned scores[] = { 50, 30, 10, 5, 0 };
	const struct event_utm *u = &ev->u.utm;
	const struct event_conn *c = &ev->conn;
	char service[24], ref[64];

	if (u->severity < 1 || u->severity > 5 || u->name == NULL)
		return false;
	log->logid = "0419016384";
	log->subtype = "ips";
	log->eventtype = "signature";
	log->level = "alert";
	log->action = u->blocked ? "dropped" : "detected";
	if (!fmt_fortigate_head(log, s, ev))
		return false;
	fmt_fortigate_text(log, "severity", severities[u->severity - 1]);
	fmt_fortigate_end(log, "srcip", c, true);
	fmt_fortigate_text(log, "srccountry", fmt_fortigate_country(s, c, true));
	fmt_fortigate_end(log, "dstip", c, false);
	fmt_fortigate_iface(log, "srcintf", "srcintfrole", src);
	fmt_fortigate_iface(log, "dstintf", "dstintfrole", dst);
	fmt_fortigate_uint(log, "sessionid", fmt_fortigate_sessionid(s, c));
	fmt_fortigate_text(log, "action", log->action);
	fmt_fortigate_uint(log, "proto", c->proto);
	fmt_fortigate_text(log, "service", fmt_fortigate_service(c, service));
	fmt_fortigate_text(log, "attack", u->name);
	fmt_fortigate_ports(log, c);
	if (u->hostname != NULL)
		fmt_fortigate_text(log, "hostname", u->hostname);
	if (u->url != NULL)
		fmt_fortigate_text(log, "url", u->url);
	fmt_fortigate_text(log, "direction", fmt_fortigate_direction(ev));
	fmt_fortigate_uint(log, "attackid", u->id);
	fmt_fortigate_profile(log, s->ips_profile);
	snprintf(ref, sizeof ref, "http://www.fortinet.com/ids/VID%" PRIu32, u->id);
	fmt_fortigate_text(log, "ref", u->reference != NULL ? u->reference : ref);
	if (scores[u->severity - 1] > 0)
		fmt_fortigate_cr(log, scores[u->severity - 1], FMT_FORTIGATE_CR_IPS,
				 severities[u->severity - 1]);
	return true;
}

/*
 * Antivirus: Log Message Reference 8192 (file infected), level warning,
 * action blocked or monitored; keys as in the reference's virus example
 * (examples-body.log, line 3).
 */
static bool fmt_fortigate_virus(struct fmt_fortigate_log *log,
				const struct fmt_fortigate_settings *s,
				const struct event *ev,
				const struct fmt_fortigate_iface *src,
				const struct fmt_fortigate_iface *dst)
{
	const struct event_utm *u = &ev->u.utm;
	const struct event_conn *c = &ev->conn;
	char service[24];
	struct strbuf text;

	if (u->name == NULL)
		return false;
	log->logid = "0211008192";
	log->subtype = "virus";
	log->eventtype = "infected";
	log->level = "warning";
	log->action = u->blocked ? "blocked" : "monitored";
	if (!fmt_fortigate_head(log, s, ev))
		return false;
	fmt_fortigate_text(log, "msg", "File is infected.");
	fmt_fortigate_text(log, "action", log->action);
	fmt_fortigate_text(log, "service", fmt_fortigate_service(c, service));
	fmt_fortigate_uint(log, "sessionid", fmt_fortigate_sessionid(s, c));
	fmt_fortigate_end(log, "srcip", c, true);
	fmt_fortigate_end(log, "dstip", c, false);
	fmt_fortigate_ports(log, c);
	fmt_fortigate_iface(log, "srcintf", "srcintfrole", src);
	fmt_fortigate_iface(log, "dstintf", "dstintfrole", dst);
	fmt_fortigate_uint(log, "proto", c->proto);
	fmt_fortigate_text(log, "direction", fmt_fortigate_direction(ev));
	if (u->file_name != NULL)
		fmt_fortigate_text(log, "filename", u->file_name);
	fmt_fortigate_text(log, "quarskip", "File-was-not-quarantined.");
	fmt_fortigate_text(log, "virus", u->name);
	fmt_fortigate_text(log, "dtype", "Virus");
	strbuf_init(&text);
	if (u->reference != NULL) {
		strbuf_adds(&text, u->reference);
	} else {
		strbuf_adds(&text, "http://www.fortinet.com/ve?vn=");
		strbuf_adds(&text, u->name);
	}
	fmt_fortigate_text(log, "ref", strbuf_str(&text));
	fmt_fortigate_uint(log, "virusid", u->id);
	/* The whole URL the file came from, when it came over the web. */
	if (u->hostname != NULL && u->url != NULL) {
		strbuf_reset(&text);
		strbuf_adds(&text, c->resp_port == 443 ? "https://" : "http://");
		strbuf_adds(&text, u->hostname);
		strbuf_adds(&text, u->url);
		fmt_fortigate_text(log, "url", strbuf_str(&text));
	}
	strbuf_free(&text);
	fmt_fortigate_profile(log, s->av_profile);
	fmt_fortigate_cr(log, 50, FMT_FORTIGATE_CR_VIRUS, "critical");
	return true;
}

/*
 * Web filter: Log Message Reference 13056 (FortiGuard category blocked,
 * warning, action blocked) and 13312 (category allowed, notice, action
 * passthrough); keys as in the reference's webfilter example
 * (examples-body.log, line 5).  The byte counts are the session's so far.
 */
static bool fmt_fortigate_webfilter(struct fmt_fortigate_log *log,
				    const struct fmt_fortigate_settings *s,
				    const struct event *ev,
				    const struct fmt_fortigate_iface *src,
				    const struct fmt_fortigate_iface *dst)
{
	const struct event_utm *u = &ev->u.utm;
	const struct event_conn *c = &ev->conn;
	char service[24];

	log->logid = u->blocked ? "0316013056" : "0317013312";
	log->subtype = "webfilter";
	log->eventtype = u->blocked ? "ftgd_blk" : "ftgd_allow";
	log->level = u->blocked ? "warning" : "notice";
	log->action = u->blocked ? "blocked" : "passthrough";
	if (!fmt_fortigate_head(log, s, ev))
		return false;
	fmt_fortigate_uint(log, "sessionid", fmt_fortigate_sessionid(s, c));
	fmt_fortigate_end(log, "srcip", c, true);
	if (fmt_fortigate_has_ports(c->proto))
		fmt_fortigate_uint(log, "srcport", c->orig_port);
	fmt_fortigate_iface(log, "srcintf", "srcintfrole", src);
	fmt_fortigate_end(log, "dstip", c, false);
	if (fmt_fortigate_has_ports(c->proto))
		fmt_fortigate_uint(log, "dstport", c->resp_port);
	fmt_fortigate_iface(log, "dstintf", "dstintfrole", dst);
	fmt_fortigate_uint(log, "proto", c->proto);
	fmt_fortigate_text(log, "service", fmt_fortigate_service(c, service));
	fmt_fortigate_text(log, "hostname", u->hostname);
	fmt_fortigate_profile(log, s->webfilter_profile);
	fmt_fortigate_text(log, "action", log->action);
	fmt_fortigate_text(log, "reqtype", "direct");
	fmt_fortigate_text(log, "url", u->url);
	fmt_fortigate_uint(log, "sentbyte", c->orig.ip_bytes);
	fmt_fortigate_uint(log, "rcvdbyte", c->resp.ip_bytes);
	fmt_fortigate_text(log, "direction", "outgoing");
	fmt_fortigate_text(log, "msg", u->blocked ?
			   "URL belongs to a denied category in policy" :
			   "URL belongs to an allowed category in policy");
	fmt_fortigate_text(log, "method", "domain");
	fmt_fortigate_uint(log, "cat", u->id);
	fmt_fortigate_text(log, "catdesc", u->name);
	if (u->blocked)
		fmt_fortigate_cr(log, 30, FMT_FORTIGATE_CR_URL_BLOCK, "high");
	return true;
}

static bool fmt_fortigate_utm(struct fmt_fortigate_log *log,
			      const struct fmt_fortigate_settings *s,
			      const struct event *ev)
{
	const struct fmt_fortigate_iface *src, *dst;

	src = fmt_fortigate_iface_of(s, &ev->conn, true);
	dst = fmt_fortigate_iface_of(s, &ev->conn, false);
	if (src == NULL || dst == NULL)
		return false;
	log->type = "utm";
	switch (ev->u.utm.type) {
	case EVENT_UTM_IPS:
		return fmt_fortigate_ips(log, s, ev, src, dst);
	case EVENT_UTM_VIRUS:
		return fmt_fortigate_virus(log, s, ev, src, dst);
	case EVENT_UTM_WEBFILTER:
		return fmt_fortigate_webfilter(log, s, ev, src, dst);
	default:
		return false;
	}
}

/* A FortiGate serial: 16 characters, "FG" first. */
static bool fmt_fortigate_devid_ok(const char *devid)
{
	return devid != NULL && strlen(devid) == 16 &&
	       strncmp(devid, "FG", 2) == 0;
}

enum event_render fmt_fortigate_build(const struct fmt_fortigate_settings *s,
				      const struct event *ev,
				      struct fmt_fortigate_log *log)
{
	bool ok;

	memset(log, 0, sizeof *log);
	strbuf_init(&log->values);
	if (ev->kind != EVENT_FLOW && ev->kind != EVENT_UTM)
		return EVENT_NOT_RENDERED;
	if (!fmt_fortigate_devid_ok(s->devid) || s->devname == NULL ||
	    s->vdom == NULL || !fmt_fortigate_conn_ok(ev))
		return EVENT_BAD;
	if (ev->kind == EVENT_FLOW)
		ok = fmt_fortigate_traffic(log, s, ev);
	else
		ok = fmt_fortigate_utm(log, s, ev);
	return ok ? EVENT_RENDERED : EVENT_BAD;
}

/*
 * A quoted value: a '"' or '\' gets a backslash, line breaks become \n
 * and \r and other control bytes \xNN, so a value never ends early or
 * breaks its line.  FortiOS documents no escaping; one of its own IPS
 * logs carries a raw '"' inside url="…", which no key=value parser can
 * split correctly, so we write the backslash escapes that parsers of
 * FortiGate's quoted values accept (Graylog's reads \").
 */
static void fmt_fortigate_escape(struct strbuf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			strbuf_addc(out, '\\');
			strbuf_addc(out, (char)c);
		} else if (c == '\n') {
			strbuf_adds(out, "\\n");
		} else if (c == '\r') {
			strbuf_adds(out, "\\r");
		} else if (c < 0x20 || c == 0x7f) {
			strbuf_adds(out, "\\x");
			strbuf_addc(out, hex[c >> 4]);
			strbuf_addc(out, hex[c & 15]);
		} else {
			strbuf_addc(out, (char)c);
		}
	}
}

enum event_render fmt_fortigate_render(const struct fmt_fortigate_settings *s,
				       const struct event *ev,
				       struct strbuf *out)
{
	struct fmt_fortigate_log log;
	enum event_render result;
	int facility = 0, severity = 0;
	size_t i;

	result = fmt_fortigate_build(s, ev, &log);
	if (result == EVENT_RENDERED && s->pri &&
	    (!fmt_fortigate_facility_code(s->facility, &facility) ||
	     !fmt_fortigate_level_severity(log.level, &severity)))
		result = EVENT_BAD;
	if (result == EVENT_RENDERED) {
		if (s->pri)
			strbuf_addf(out, "<%d>", facility * 8 + severity);
		for (i = 0; i < log.n; i++) {
			if (i > 0)
				strbuf_addc(out, ' ');
			strbuf_adds(out, log.fields[i].key);
			strbuf_addc(out, '=');
			if (log.fields[i].quoted) {
				strbuf_addc(out, '"');
				fmt_fortigate_escape(out, fmt_fortigate_value(&log, i));
				strbuf_addc(out, '"');
			} else {
				strbuf_adds(out, fmt_fortigate_value(&log, i));
			}
		}
		strbuf_addc(out, '\n');
	}
	fmt_fortigate_log_free(&log);
	return result;
}
