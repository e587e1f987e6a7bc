#include "fmt_eve.h"

#include <stdio.h>
#include <string.h>

#include "ipaddr.h"

/* Deep enough for the deepest record: root, dns, grouped, A. */
#define FMT_EVE_DEPTH 8
/* An Ethernet II header, counted into every packet's length. */
#define FMT_EVE_FRAME_BYTES 14
/* Suricata cuts flow_id to 51 bits so JavaScript readers stay exact. */
#define FMT_EVE_FLOW_ID_MASK UINT64_C(0x7ffffffffffff)
/* Domain tag for event_derive_id: "eveflow". */
#define FMT_EVE_ID_FLOW UINT64_C(0x657665666c6f77)

/*
 * A JSON writer in the manner of Suricata's JsonBuilder: keys are written
 * in call order and a comma is due whenever the open object or array
 * already holds something.
 */
struct fmt_eve_json {
	struct strbuf *sb;
	int depth;
	bool nth[FMT_EVE_DEPTH];
};

static void fmt_eve_sep(struct fmt_eve_json *j)
{
	if (j->nth[j->depth])
		strbuf_addc(j->sb, ',');
	j->nth[j->depth] = true;
}

static void fmt_eve_push(struct fmt_eve_json *j, char open)
{
	strbuf_addc(j->sb, open);
	j->depth++;
	j->nth[j->depth] = false;
}

static void fmt_eve_close(struct fmt_eve_json *j, char close)
{
	strbuf_addc(j->sb, close);
	j->depth--;
}

static void fmt_eve_key(struct fmt_eve_json *j, const char *key)
{
	fmt_eve_sep(j);
	strbuf_addc(j->sb, '"');
	strbuf_adds(j->sb, key);
	strbuf_adds(j->sb, "\":");
}

/*
 * JsonBuilder's escaping: '"' and '\\' get a backslash, \b \t \n \f \r
 * their short forms, other bytes below 0x20 \u00xx; everything else,
 * UTF-8 included, passes through.  A value that is not valid UTF-8 is
 * first rewritten the way Suricata rewrites raw protocol bytes: each byte
 * from 0x80 up becomes the four characters \xNN.
 */
static void fmt_eve_escape(struct strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, k;
	bool valid = true;

	/* Most strings need no escape at all: printable ASCII but for the
	 * quote and the backslash goes in one piece. */
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
			break;
	}
	if (i == n) {
		strbuf_add(sb, s, n);
		return;
	}
	for (i = 0; i < n; i += k) {
		k = event_utf8_char_len(s + i, n - i);
		if (k == 0) {
			valid = false;
			break;
		}
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80 && !valid) {
			strbuf_adds(sb, "\\\\x");
			strbuf_addc(sb, hex[c >> 4]);
			strbuf_addc(sb, hex[c & 15]);
		} else if (c == '"' || c == '\\') {
			strbuf_addc(sb, '\\');
			strbuf_addc(sb, (char)c);
		} else if (c == '\b') {
			strbuf_adds(sb, "\\b");
		} else if (c == '\t') {
			strbuf_adds(sb, "\\t");
		} else if (c == '\n') {
			strbuf_adds(sb, "\\n");
		} else if (c == '\f') {
			strbuf_adds(sb, "\\f");
		} else if (c == '\r') {
			strbuf_adds(sb, "\\r");
		} else if (c < 0x20) {
			strbuf_adds(sb, "\\u00");
			strbuf_addc(sb, hex[c >> 4]);
			strbuf_addc(sb, hex[c & 15]);
		} else {
			strbuf_addc(sb, (char)c);
		}
	}
}

static void fmt_eve_quote(struct strbuf *sb, const char *s)
{
	strbuf_addc(sb, '"');
	fmt_eve_escape(sb, s, strlen(s));
	strbuf_addc(sb, '"');
}

/* A key that comes from data (a DNS type in "grouped", a metadata key). */
static void fmt_eve_data_key(struct fmt_eve_json *j, const char *key)
{
	fmt_eve_sep(j);
	fmt_eve_quote(j->sb, key);
	strbuf_addc(j->sb, ':');
}

static void fmt_eve_str(struct fmt_eve_json *j, const char *key, const char *val)
{
	fmt_eve_key(j, key);
	fmt_eve_quote(j->sb, val);
}

/* Suricata leaves out a string it has no bytes for. */
static void fmt_eve_opt_str(struct fmt_eve_json *j, const char *key,
			    const char *val)
{
	if (val != NULL && val[0] != '\0')
		fmt_eve_str(j, key, val);
}

static void fmt_eve_uint(struct fmt_eve_json *j, const char *key, uint64_t v)
{
	fmt_eve_key(j, key);
	strbuf_addf(j->sb, "%llu", (unsigned long long)v);
}

static void fmt_eve_bool(struct fmt_eve_json *j, const char *key, bool v)
{
	fmt_eve_key(j, key);
	strbuf_adds(j->sb, v ? "true" : "false");
}

static void fmt_eve_open(struct fmt_eve_json *j, const char *key, char open)
{
	fmt_eve_key(j, key);
	fmt_eve_push(j, open);
}

static void fmt_eve_elem_str(struct fmt_eve_json *j, const char *val)
{
	fmt_eve_sep(j);
	fmt_eve_quote(j->sb, val);
}

static void fmt_eve_elem_open(struct fmt_eve_json *j)
{
	fmt_eve_sep(j);
	fmt_eve_push(j, '{');
}

/* One end of the connection; Suricata writes IPv6 fully expanded (its
 * ipv6-compress option is off by default and in no release). */
static void fmt_eve_ip(struct fmt_eve_json *j, const char *key, const struct event_conn *c,
		       bool orig)
{
	char text[EVENT_ADDR_STRLEN];

	fmt_eve_str(j, key, event_conn_addr(c, orig, EVENT_ADDR_EXPANDED, text));
}

static bool fmt_eve_time(struct fmt_eve_json *j, const char *key,
			 const struct simclock *clock, sim_time_t t)
{
	char text[SIMCLOCK_ISO_SIZE];

	if (!simclock_format_local(clock, t, text, sizeof text))
		return false;
	fmt_eve_str(j, key, text);
	return true;
}

/* Certificate validity: "2018-11-28T00:00:00", UTC, no fraction, no zone. */
static bool fmt_eve_cert_time(struct fmt_eve_json *j, const char *key,
			      int64_t unix_s)
{
	static const struct simclock unix_epoch = { 0 };
	char text[SIMCLOCK_ISO_SIZE];

	if (unix_s < 0 || unix_s > INT64_MAX / SIM_SECOND ||
	    !simclock_format_utc(&unix_epoch, unix_s * SIM_SECOND, text,
				 sizeof text))
		return false;
	text[19] = '\0';
	fmt_eve_str(j, key, text);
	return true;
}

static bool fmt_eve_has_ports(uint8_t proto)
{
	return proto == NET_PROTO_TCP || proto == NET_PROTO_UDP;
}

static void fmt_eve_proto(struct fmt_eve_json *j, uint8_t proto, bool ipv6)
{
	char num[4];

	switch (proto) {
	case NET_PROTO_TCP:
		fmt_eve_str(j, "proto", "TCP");
		break;
	case NET_PROTO_UDP:
		fmt_eve_str(j, "proto", "UDP");
		break;
	case NET_PROTO_ICMP:
		fmt_eve_str(j, "proto", ipv6 ? "IPv6-ICMP" : "ICMP");
		break;
	default:
		/* Suricata prints protocols it has no name for as numbers. */
		snprintf(num, sizeof num, "%u", (unsigned)proto);
		fmt_eve_str(j, "proto", num);
		break;
	}
}

static const char *fmt_eve_app_name(enum event_app app)
{
	static const char *const names[EVENT_APP_COUNT] = {
		[EVENT_APP_FAILED] = "failed", [EVENT_APP_DNS] = "dns",
		[EVENT_APP_HTTP] = "http",     [EVENT_APP_TLS] = "tls",
		[EVENT_APP_SMB] = "smb",       [EVENT_APP_SSH] = "ssh",
		[EVENT_APP_SMTP] = "smtp",     [EVENT_APP_FTP] = "ftp",
		[EVENT_APP_RDP] = "rdp",       [EVENT_APP_KRB5] = "krb5",
		[EVENT_APP_DHCP] = "dhcp",     [EVENT_APP_NTP] = "ntp",
	};

	if ((unsigned)app >= EVENT_APP_COUNT)
		return NULL;
	return names[app];
}

static void fmt_eve_app_proto(struct fmt_eve_json *j, enum event_app app)
{
	const char *name = fmt_eve_app_name(app);

	if (name != NULL)
		fmt_eve_str(j, "app_proto", name);
}

uint64_t fmt_eve_flow_id(const struct fmt_eve_settings *s,
			 const struct event_conn *conn)
{
	int64_t start = simclock_unix_us(s->clock, conn->start);
	uint64_t secs = (uint64_t)(start / SIM_SECOND);
	uint64_t usecs = (uint64_t)(start % SIM_SECOND);
	uint64_t hash = event_derive_id(s->id_seed, conn->serial, FMT_EVE_ID_FLOW);

	return ((secs & 0xffff) << 48 | (usecs & 0xffff) << 32 |
		(hash & UINT64_C(0xffffffff))) & FMT_EVE_FLOW_ID_MASK;
}

static void fmt_eve_community_id(struct fmt_eve_json *j,
				 const struct fmt_eve_settings *s,
				 const struct event_conn *conn)
{
	char id[EVENT_COMMUNITY_ID_SIZE];

	if (!s->community_id || conn->serial == 0)
		return;
	event_community_id(conn, s->community_id_seed, id);
	fmt_eve_str(j, "community_id", id);
}

/* The ICMP type and code of the record's packet: the initiator's as
 * stored, or the reply to it. */
static void fmt_eve_icmp(const struct event *ev, uint16_t *type, uint16_t *code)
{
	*type = ev->conn.orig_port;
	*code = ev->conn.resp_port;
	if (ev->dir == EVENT_FROM_RESP && !ev->conn.ipv6 &&
	    event_icmp_counterpart(*type, type))
		*code = 0;
}

/*
 * The header every packet-driven record shares (CreateEveHeader):
 * timestamp, flow_id, in_iface, event_type, the 5-tuple of the packet
 * (reversed for a record from the responder when by_packet), ip_v, ICMP
 * type and code, pkt_src, community_id.
 */
static bool fmt_eve_header(struct fmt_eve_json *j,
			   const struct fmt_eve_settings *s,
			   const struct event *ev, const char *event_type,
			   bool by_packet)
{
	const struct event_conn *c = &ev->conn;
	bool back = by_packet && ev->dir == EVENT_FROM_RESP;
	uint16_t type, code;

	if (!fmt_eve_time(j, "timestamp", s->clock, ev->time))
		return false;
	if (c->serial != 0)
		fmt_eve_uint(j, "flow_id", fmt_eve_flow_id(s, c));
	if (s->in_iface != NULL)
		fmt_eve_str(j, "in_iface", s->in_iface);
	fmt_eve_str(j, "event_type", event_type);
	fmt_eve_ip(j, "src_ip", c, !back);
	if (fmt_eve_has_ports(c->proto))
		fmt_eve_uint(j, "src_port", back ? c->resp_port : c->orig_port);
	fmt_eve_ip(j, "dest_ip", c, back);
	if (fmt_eve_has_ports(c->proto))
		fmt_eve_uint(j, "dest_port", back ? c->orig_port : c->resp_port);
	fmt_eve_proto(j, c->proto, c->ipv6);
	fmt_eve_uint(j, "ip_v", c->ipv6 ? 6 : 4);
	if (c->proto == NET_PROTO_ICMP) {
		fmt_eve_icmp(ev, &type, &code);
		fmt_eve_uint(j, "icmp_type", type);
		fmt_eve_uint(j, "icmp_code", code);
	}
	fmt_eve_str(j, "pkt_src", "wire/pcap");
	fmt_eve_community_id(j, s, c);
	return true;
}

static void fmt_eve_counts(struct fmt_eve_json *j, const struct event_conn *c)
{
	fmt_eve_uint(j, "pkts_toserver", c->orig.pkts);
	fmt_eve_uint(j, "pkts_toclient", c->resp.pkts);
	fmt_eve_uint(j, "bytes_toserver",
		     c->orig.ip_bytes + FMT_EVE_FRAME_BYTES * c->orig.pkts);
	fmt_eve_uint(j, "bytes_toclient",
		     c->resp.ip_bytes + FMT_EVE_FRAME_BYTES * c->resp.pkts);
}

/* The http object: EveHttpLogJSONBasic then EveHttpLogJSONExtended. */
static void fmt_eve_http(struct fmt_eve_json *j, const struct event_http *h)
{
	fmt_eve_open(j, "http", '{');
	fmt_eve_opt_str(j, "hostname", h->host);
	if (h->host_port != 0)
		fmt_eve_uint(j, "http_port", h->host_port);
	fmt_eve_opt_str(j, "url", h->uri);
	fmt_eve_opt_str(j, "http_user_agent", h->user_agent);
	if (h->content_type != NULL && h->content_type[0] != '\0') {
		/* Parameters such as "; charset=utf-8" are cut off. */
		fmt_eve_key(j, "http_content_type");
		strbuf_addc(j->sb, '"');
		fmt_eve_escape(j->sb, h->content_type,
			       strcspn(h->content_type, ";"));
		strbuf_addc(j->sb, '"');
	}
	fmt_eve_opt_str(j, "http_refer", h->referrer);
	fmt_eve_opt_str(j, "http_method", h->method);
	if (h->version != NULL && h->version[0] != '\0') {
		fmt_eve_key(j, "protocol");
		strbuf_adds(j->sb, "\"HTTP/");
		fmt_eve_escape(j->sb, h->version, strlen(h->version));
		strbuf_addc(j->sb, '"');
	}
	if (h->status > 0)
		fmt_eve_uint(j, "status", h->status);
	fmt_eve_opt_str(j, "redirect", h->location);
	fmt_eve_uint(j, "length", h->response_body_len);
	fmt_eve_close(j, '}');
}

/* Repeated keys become one array, as Suricata groups rule metadata. */
static void fmt_eve_metadata(struct fmt_eve_json *j, const struct event_alert *a)
{
	size_t i, k;

	if (a->n_metadata == 0)
		return;
	fmt_eve_open(j, "metadata", '{');
	for (i = 0; i < a->n_metadata; i++) {
		const char *key = a->metadata[i].key;

		for (k = 0; k < i; k++)
			if (strcmp(a->metadata[k].key, key) == 0)
				break;
		if (k < i)
			continue;
		fmt_eve_data_key(j, key);
		fmt_eve_push(j, '[');
		for (k = i; k < a->n_metadata; k++)
			if (strcmp(a->metadata[k].key, key) == 0)
				fmt_eve_elem_str(j, a->metadata[k].value);
		fmt_eve_close(j, ']');
	}
	fmt_eve_close(j, '}');
}

static bool fmt_eve_alert(struct fmt_eve_json *j, const struct fmt_eve_settings *s,
			  const struct event *ev)
{
	const struct event_alert *a = &ev->u.alert;
	const struct event_conn *c = &ev->conn;

	if (!fmt_eve_header(j, s, ev, "alert", true))
		return false;
	if (a->tx_id != EVENT_NO_TX)
		fmt_eve_uint(j, "tx_id", a->tx_id);
	fmt_eve_open(j, "alert", '{');
	fmt_eve_str(j, "action", a->blocked ? "blocked" : "allowed");
	fmt_eve_uint(j, "gid", a->gid);
	fmt_eve_uint(j, "signature_id", a->sid);
	fmt_eve_uint(j, "rev", a->rev);
	fmt_eve_str(j, "signature", a->signature != NULL ? a->signature : "");
	fmt_eve_str(j, "category", a->category != NULL ? a->category : "");
	fmt_eve_uint(j, "severity", a->severity);
	fmt_eve_metadata(j, a);
	fmt_eve_close(j, '}');
	if (c->serial == 0)
		return true;
	if (a->http != NULL && a->tx_id != EVENT_NO_TX)
		fmt_eve_http(j, a->http);
	fmt_eve_app_proto(j, c->app);
	fmt_eve_str(j, "direction",
		    ev->dir == EVENT_FROM_RESP ? "to_client" : "to_server");
	fmt_eve_open(j, "flow", '{');
	fmt_eve_counts(j, c);
	if (!fmt_eve_time(j, "start", s->clock, c->start))
		return false;
	fmt_eve_ip(j, "src_ip", c, true);
	fmt_eve_ip(j, "dest_ip", c, false);
	if (fmt_eve_has_ports(c->proto)) {
		fmt_eve_uint(j, "src_port", c->orig_port);
		fmt_eve_uint(j, "dest_port", c->resp_port);
	}
	fmt_eve_close(j, '}');
	return true;
}

/* TCP flag bits as Suricata reports them. */
enum {
	FMT_EVE_FIN = 0x01,
	FMT_EVE_SYN = 0x02,
	FMT_EVE_RST = 0x04,
	FMT_EVE_PSH = 0x08,
	FMT_EVE_ACK = 0x10,
};

/* The flags each side must have sent for the flow to end as it did. */
static void fmt_eve_tcp_flags(const struct event *ev, unsigned *ts, unsigned *tc)
{
	const struct event_conn *c = &ev->conn;
	unsigned psh_ts = c->orig.payload_bytes > 0 ? FMT_EVE_PSH : 0;
	unsigned psh_tc = c->resp.payload_bytes > 0 ? FMT_EVE_PSH : 0;

	switch (ev->u.flow.state) {
	case EVENT_FLOW_NO_REPLY:
		*ts = FMT_EVE_SYN;
		*tc = 0;
		break;
	case EVENT_FLOW_REJECTED:
		*ts = FMT_EVE_SYN;
		*tc = FMT_EVE_RST | FMT_EVE_ACK;
		break;
	case EVENT_FLOW_ESTABLISHED:
		*ts = FMT_EVE_SYN | FMT_EVE_ACK | psh_ts;
		*tc = FMT_EVE_SYN | FMT_EVE_ACK | psh_tc;
		break;
	case EVENT_FLOW_CLOSED:
		*ts = FMT_EVE_SYN | FMT_EVE_ACK | FMT_EVE_FIN | psh_ts;
		*tc = FMT_EVE_SYN | FMT_EVE_ACK | FMT_EVE_FIN | psh_tc;
		break;
	case EVENT_FLOW_RESET_BY_ORIG:
		*ts = FMT_EVE_SYN | FMT_EVE_ACK | FMT_EVE_RST | psh_ts;
		*tc = FMT_EVE_SYN | FMT_EVE_ACK | psh_tc;
		break;
	case EVENT_FLOW_RESET_BY_RESP:
	default:
		*ts = FMT_EVE_SYN | FMT_EVE_ACK | psh_ts;
		*tc = FMT_EVE_SYN | FMT_EVE_ACK | FMT_EVE_RST | psh_tc;
		break;
	}
}

static void fmt_eve_tcp(struct fmt_eve_json *j, const struct event *ev)
{
	unsigned ts, tc, all;

	fmt_eve_tcp_flags(ev, &ts, &tc);
	all = ts | tc;
	fmt_eve_open(j, "tcp", '{');
	fmt_eve_key(j, "tcp_flags");
	strbuf_addf(j->sb, "\"%02x\"", all);
	fmt_eve_key(j, "tcp_flags_ts");
	strbuf_addf(j->sb, "\"%02x\"", ts);
	fmt_eve_key(j, "tcp_flags_tc");
	strbuf_addf(j->sb, "\"%02x\"", tc);
	if (all & FMT_EVE_SYN)
		fmt_eve_bool(j, "syn", true);
	if (all & FMT_EVE_FIN)
		fmt_eve_bool(j, "fin", true);
	if (all & FMT_EVE_RST)
		fmt_eve_bool(j, "rst", true);
	if (all & FMT_EVE_PSH)
		fmt_eve_bool(j, "psh", true);
	if (all & FMT_EVE_ACK)
		fmt_eve_bool(j, "ack", true);
	fmt_eve_str(j, "state", ev->u.flow.state == EVENT_FLOW_NO_REPLY ?
		    "syn_sent" : ev->u.flow.state == EVENT_FLOW_ESTABLISHED ?
		    "established" : "closed");
	fmt_eve_uint(j, "ts_max_regions", 1);
	fmt_eve_uint(j, "tc_max_regions", 1);
	fmt_eve_close(j, '}');
}

/*
 * A flow record has its own header (CreateEveHeaderFromFlow): no pkt_src,
 * ip_v before proto, community_id after the flow object, and the tuple
 * always initiator first.
 */
static bool fmt_eve_flow(struct fmt_eve_json *j, const struct fmt_eve_settings *s,
			 const struct event *ev)
{
	const struct event_conn *c = &ev->conn;
	const struct event_flow *f = &ev->u.flow;
	int64_t start_s, last_s;
	uint16_t reply;
	const char *state;

	if (c->serial == 0 || f->last < c->start || f->last > ev->time)
		return false;
	if (!fmt_eve_time(j, "timestamp", s->clock, ev->time))
		return false;
	fmt_eve_uint(j, "flow_id", fmt_eve_flow_id(s, c));
	if (s->in_iface != NULL)
		fmt_eve_str(j, "in_iface", s->in_iface);
	fmt_eve_str(j, "event_type", "flow");
	fmt_eve_ip(j, "src_ip", c, true);
	if (fmt_eve_has_ports(c->proto))
		fmt_eve_uint(j, "src_port", c->orig_port);
	fmt_eve_ip(j, "dest_ip", c, false);
	if (fmt_eve_has_ports(c->proto))
		fmt_eve_uint(j, "dest_port", c->resp_port);
	fmt_eve_uint(j, "ip_v", c->ipv6 ? 6 : 4);
	fmt_eve_proto(j, c->proto, c->ipv6);
	if (c->proto == NET_PROTO_ICMP) {
		fmt_eve_uint(j, "icmp_type", c->orig_port);
		fmt_eve_uint(j, "icmp_code", c->resp_port);
		if (c->resp.pkts > 0) {
			if (c->ipv6 || !event_icmp_counterpart(c->orig_port, &reply))
				reply = c->orig_port;
			fmt_eve_uint(j, "response_icmp_type", reply);
			fmt_eve_uint(j, "response_icmp_code", 0);
		}
	}
	fmt_eve_app_proto(j, c->app);
	fmt_eve_open(j, "flow", '{');
	fmt_eve_counts(j, c);
	if (!fmt_eve_time(j, "start", s->clock, c->start) ||
	    !fmt_eve_time(j, "end", s->clock, f->last))
		return false;
	/* Whole seconds of each end, as Suricata subtracts them. */
	start_s = simclock_unix_us(s->clock, c->start) / SIM_SECOND;
	last_s = simclock_unix_us(s->clock, f->last) / SIM_SECOND;
	fmt_eve_uint(j, "age", (uint64_t)(last_s - start_s));
	if (f->state == EVENT_FLOW_NO_REPLY)
		state = "new";
	else if (c->proto == NET_PROTO_TCP && f->state != EVENT_FLOW_ESTABLISHED)
		state = "closed";
	else
		state = "established";
	fmt_eve_str(j, "state", state);
	fmt_eve_str(j, "reason", "timeout");
	fmt_eve_bool(j, "alerted", f->alerted);
	fmt_eve_close(j, '}');
	fmt_eve_community_id(j, s, c);
	if (c->proto == NET_PROTO_TCP)
		fmt_eve_tcp(j, ev);
	return true;
}

/* A DNS type by name, or its number when it has none here. */
static const char *fmt_eve_type_text(uint16_t type, char num[8])
{
	const char *name = event_dns_type_name(type);

	if (name != NULL)
		return name;
	snprintf(num, 8, "%u", (unsigned)type);
	return num;
}

static void fmt_eve_rr_type(struct fmt_eve_json *j, const char *key,
			    uint16_t type)
{
	char num[8];

	fmt_eve_str(j, key, fmt_eve_type_text(type, num));
}

static void fmt_eve_rrs(struct fmt_eve_json *j, const char *key,
			const struct event_dns_rr *rrs, size_t n)
{
	size_t i;

	fmt_eve_open(j, key, '[');
	for (i = 0; i < n; i++) {
		fmt_eve_elem_open(j);
		fmt_eve_str(j, "rrname", rrs[i].name != NULL ? rrs[i].name : "");
		fmt_eve_rr_type(j, "rrtype", rrs[i].type);
		fmt_eve_uint(j, "ttl", rrs[i].ttl);
		if (event_dns_rr_has_text(&rrs[i]))
			fmt_eve_str(j, "rdata", rrs[i].data);
		fmt_eve_close(j, '}');
	}
	fmt_eve_close(j, ']');
}

/* Answers grouped by type.  Suricata fills a hash map, so its key order
 * is arbitrary; first appearance is a stable choice within that. */
static void fmt_eve_grouped(struct fmt_eve_json *j, const struct event_dns *d)
{
	char num[8];
	size_t i, k;

	fmt_eve_open(j, "grouped", '{');
	for (i = 0; i < d->n_answers; i++) {
		uint16_t type = d->answers[i].type;

		if (!event_dns_rr_has_text(&d->answers[i]))
			continue;
		for (k = 0; k < i; k++)
			if (d->answers[k].type == type &&
			    event_dns_rr_has_text(&d->answers[k]))
				break;
		if (k < i)
			continue;
		fmt_eve_data_key(j, fmt_eve_type_text(type, num));
		fmt_eve_push(j, '[');
		for (k = i; k < d->n_answers; k++)
			if (d->answers[k].type == type &&
			    event_dns_rr_has_text(&d->answers[k]))
				fmt_eve_elem_str(j, d->answers[k].data);
		fmt_eve_close(j, ']');
	}
	fmt_eve_close(j, '}');
}

/* DNS as Suricata 8 logs it, version 3: one record per message. */
static bool fmt_eve_dns(struct fmt_eve_json *j, const struct fmt_eve_settings *s,
			const struct event *ev)
{
	const struct event_dns *d = &ev->u.dns;
	bool response = ev->dir == EVENT_FROM_RESP;
	const char *rcode = event_dns_rcode_name(d->rcode);
	unsigned flags;
	char num[4];

	flags = (response ? 0x8000u : 0) | (unsigned)(d->opcode & 15) << 11 |
		(d->aa ? 0x400u : 0) | (d->tc ? 0x200u : 0) |
		(d->rd ? 0x100u : 0) | (d->ra ? 0x80u : 0) | (d->rcode & 15u);
	if (!fmt_eve_header(j, s, ev, "dns", true))
		return false;
	fmt_eve_open(j, "dns", '{');
	fmt_eve_uint(j, "version", 3);
	fmt_eve_str(j, "type", response ? "response" : "request");
	fmt_eve_uint(j, "tx_id", d->tx_id);
	fmt_eve_uint(j, "id", d->id);
	fmt_eve_key(j, "flags");
	strbuf_addf(j->sb, "\"%x\"", flags);
	if (response)
		fmt_eve_bool(j, "qr", true);
	if (d->aa)
		fmt_eve_bool(j, "aa", true);
	if (d->tc)
		fmt_eve_bool(j, "tc", true);
	if (d->rd)
		fmt_eve_bool(j, "rd", true);
	if (d->ra)
		fmt_eve_bool(j, "ra", true);
	fmt_eve_uint(j, "opcode", d->opcode & 15u);
	if (rcode == NULL) {
		snprintf(num, sizeof num, "%u", d->rcode & 15u);
		rcode = num;
	}
	fmt_eve_str(j, "rcode", rcode);
	if (d->query != NULL) {
		fmt_eve_open(j, "queries", '[');
		fmt_eve_elem_open(j);
		fmt_eve_str(j, "rrname", d->query);
		fmt_eve_rr_type(j, "rrtype", d->qtype);
		fmt_eve_close(j, '}');
		fmt_eve_close(j, ']');
	}
	if (d->n_answers > 0) {
		fmt_eve_rrs(j, "answers", d->answers, d->n_answers);
		fmt_eve_grouped(j, d);
	}
	if (d->n_authorities > 0)
		fmt_eve_rrs(j, "authorities", d->authorities, d->n_authorities);
	fmt_eve_close(j, '}');
	return true;
}

static bool fmt_eve_http_record(struct fmt_eve_json *j,
				const struct fmt_eve_settings *s,
				const struct event *ev)
{
	if (!fmt_eve_header(j, s, ev, "http", false))
		return false;
	fmt_eve_uint(j, "tx_id", ev->u.http.tx_id);
	fmt_eve_http(j, &ev->u.http);
	return true;
}

static const char *fmt_eve_tls_version(enum event_tls_version v)
{
	switch (v) {
	case EVENT_SSL_3:
		return "SSLv3";
	case EVENT_TLS_1_0:
		return "TLSv1";
	case EVENT_TLS_1_1:
		return "TLS 1.1";
	case EVENT_TLS_1_2:
		return "TLS 1.2";
	case EVENT_TLS_1_3:
		return "TLS 1.3";
	case EVENT_TLS_UNKNOWN:
	default:
		return "UNDETERMINED";
	}
}

static void fmt_eve_hash_pair(struct fmt_eve_json *j, const char *key,
			      const char *hash, const char *string)
{
	if (hash == NULL && string == NULL)
		return;
	fmt_eve_open(j, key, '{');
	fmt_eve_opt_str(j, "hash", hash);
	fmt_eve_opt_str(j, "string", string);
	fmt_eve_close(j, '}');
}

static bool fmt_eve_tls(struct fmt_eve_json *j, const struct fmt_eve_settings *s,
			const struct event *ev)
{
	const struct event_tls *t = &ev->u.tls;
	bool cert = t->subject != NULL;

	if (!fmt_eve_header(j, s, ev, "tls", false))
		return false;
	fmt_eve_open(j, "tls", '{');
	if (cert) {
		fmt_eve_str(j, "subject", t->subject);
		fmt_eve_opt_str(j, "issuerdn", t->issuer);
	}
	if (t->resumed)
		fmt_eve_bool(j, "session_resumed", true);
	if (cert) {
		fmt_eve_opt_str(j, "serial", t->serial);
		fmt_eve_opt_str(j, "fingerprint", t->fingerprint);
	}
	fmt_eve_opt_str(j, "sni", t->sni);
	fmt_eve_str(j, "version", fmt_eve_tls_version(t->version));
	if (cert && (!fmt_eve_cert_time(j, "notbefore", t->not_before) ||
		     !fmt_eve_cert_time(j, "notafter", t->not_after)))
		return false;
	fmt_eve_hash_pair(j, "ja3", t->ja3, t->ja3_string);
	fmt_eve_hash_pair(j, "ja3s", t->ja3s, t->ja3s_string);
	fmt_eve_opt_str(j, "ja4", t->ja4);
	fmt_eve_close(j, '}');
	return true;
}

static bool fmt_eve_fileinfo(struct fmt_eve_json *j,
			     const struct fmt_eve_settings *s,
			     const struct event *ev)
{
	const struct event_file *f = &ev->u.file;
	struct strbuf path;

	if (!fmt_eve_header(j, s, ev, "fileinfo", true))
		return false;
	if (f->http != NULL)
		fmt_eve_http(j, f->http);
	fmt_eve_app_proto(j, ev->conn.app);
	fmt_eve_open(j, "fileinfo", '{');
	/* Unnamed HTTP bodies are named after the URL's path, as libhtp
	 * names them. */
	strbuf_init(&path);
	if (f->name != NULL)
		strbuf_adds(&path, f->name);
	else if (f->http != NULL && f->http->uri != NULL)
		strbuf_add(&path, f->http->uri, strcspn(f->http->uri, "?"));
	fmt_eve_str(j, "filename", strbuf_str(&path));
	strbuf_free(&path);
	fmt_eve_bool(j, "gaps", false);
	fmt_eve_str(j, "state", "CLOSED");
	fmt_eve_opt_str(j, "md5", f->md5);
	fmt_eve_opt_str(j, "sha1", f->sha1);
	fmt_eve_opt_str(j, "sha256", f->sha256);
	fmt_eve_bool(j, "stored", false);
	fmt_eve_uint(j, "size", f->size);
	fmt_eve_uint(j, "tx_id", f->tx_id);
	fmt_eve_close(j, '}');
	return true;
}

static bool fmt_eve_anomaly(struct fmt_eve_json *j,
			    const struct fmt_eve_settings *s,
			    const struct event *ev)
{
	const struct event_anomaly *a = &ev->u.anomaly;
	bool applayer = a->type == EVENT_ANOMALY_APPLAYER;
	const char *app = fmt_eve_app_name(ev->conn.app);

	if (!fmt_eve_header(j, s, ev, "anomaly", true))
		return false;
	if (a->tx_id != EVENT_NO_TX)
		fmt_eve_uint(j, "tx_id", a->tx_id);
	fmt_eve_open(j, "anomaly", '{');
	if (applayer && app != NULL)
		fmt_eve_str(j, "app_proto", app);
	fmt_eve_str(j, "type", applayer ? "applayer" :
		    a->type == EVENT_ANOMALY_STREAM ? "stream" : "decode");
	fmt_eve_str(j, "event", a->event != NULL ? a->event : "");
	if (applayer)
		fmt_eve_opt_str(j, "layer", a->layer);
	fmt_eve_close(j, '}');
	return true;
}

enum event_render fmt_eve_render(const struct fmt_eve_settings *s,
				 const struct event *ev, struct strbuf *out)
{
	struct fmt_eve_json j = { .sb = out };
	size_t mark = out->len;
	bool ok;

	switch (ev->kind) {
	case EVENT_ALERT:
	case EVENT_FLOW:
	case EVENT_DNS:
	case EVENT_HTTP:
	case EVENT_TLS:
	case EVENT_FILE:
	case EVENT_ANOMALY:
		break;
	default:
		return EVENT_NOT_RENDERED;
	}
	/* No record of a flow can predate it, nor the Unix epoch. */
	if (ev->conn.serial != 0 &&
	    (ev->conn.start > ev->time ||
	     simclock_unix_us(s->clock, ev->conn.start) < 0))
		return EVENT_BAD;
	fmt_eve_push(&j, '{');
	switch (ev->kind) {
	case EVENT_ALERT:
		ok = fmt_eve_alert(&j, s, ev);
		break;
	case EVENT_FLOW:
		ok = fmt_eve_flow(&j, s, ev);
		break;
	case EVENT_DNS:
		ok = fmt_eve_dns(&j, s, ev);
		break;
	case EVENT_HTTP:
		ok = fmt_eve_http_record(&j, s, ev);
		break;
	case EVENT_TLS:
		ok = fmt_eve_tls(&j, s, ev);
		break;
	case EVENT_FILE:
		ok = fmt_eve_fileinfo(&j, s, ev);
		break;
	default:
		ok = fmt_eve_anomaly(&j, s, ev);
		break;
	}
	if (!ok) {
		strbuf_truncate(out, mark);
		return EVENT_BAD;
	}
	/* OutputJsonBuilderBuffer adds the sensor name last of all. */
	if (s->sensor_name != NULL)
		fmt_eve_str(&j, "host", s->sensor_name);
	fmt_eve_close(&j, '}');
	strbuf_addc(out, '\n');
	return EVENT_RENDERED;
}
