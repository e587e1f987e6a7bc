#include "fmt_zeek.h"

#include <stdio.h>
#include <string.h>

#include "ipaddr.h"

/* Domain tags for event_derive_id: "zeekconn", "zeekfile", and a second
 * word for each since a uid holds 96 bits. */
#define FMT_ZEEK_ID_CONN UINT64_C(0x7a65656b636f6e6e)
#define FMT_ZEEK_ID_FILE UINT64_C(0x7a65656b66696c65)
#define FMT_ZEEK_ID_LOW UINT64_C(1)

/* Notice::default_suppression_interval */
#define FMT_ZEEK_SUPPRESS_DEFAULT SIM_HOUR

struct fmt_zeek_columns {
	const char *name;
	const char *fields; /* TAB-separated, as in #fields */
	const char *types;  /* TAB-separated, as in #types */
};

static const struct fmt_zeek_columns fmt_zeek_columns[FMT_ZEEK_LOG_COUNT] = {
	[FMT_ZEEK_CONN] = {
		"conn",
		"ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\t"
		"service\tduration\torig_bytes\tresp_bytes\tconn_state\t"
		"local_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\t"
		"orig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\t"
		"ip_proto",
		"time\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\t"
		"count\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\t"
		"count\tcount\tset[string]\tcount",
	},
	[FMT_ZEEK_DNS] = {
		"dns",
		"ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\t"
		"trans_id\trtt\tquery\tqclass\tqclass_name\tqtype\tqtype_name\t"
		"rcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected",
		"time\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\t"
		"string\tcount\tstring\tcount\tstring\tcount\tstring\tbool\tbool\t"
		"bool\tbool\tcount\tvector[string]\tvector[interval]\tbool",
	},
	[FMT_ZEEK_HTTP] = {
		"http",
		"ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\t"
		"trans_depth\tmethod\thost\turi\treferrer\tversion\tuser_agent\t"
		"origin\trequest_body_len\tresponse_body_len\tstatus_code\t"
		"status_msg\tinfo_code\tinfo_msg\ttags\tusername\tpassword\t"
		"proxied\torig_fuids\torig_filenames\torig_mime_types\t"
		"resp_fuids\tresp_filenames\tresp_mime_types",
		"time\tstring\taddr\tport\taddr\tport\tcount\tstring\tstring\t"
		"string\tstring\tstring\tstring\tstring\tcount\tcount\tcount\t"
		"string\tcount\tstring\tset[enum]\tstring\tstring\tset[string]\t"
		"vector[string]\tvector[string]\tvector[string]\tvector[string]\t"
		"vector[string]\tvector[string]",
	},
	[FMT_ZEEK_SSL] = {
		"ssl",
		"ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\t"
		"cipher\tcurve\tserver_name\tresumed\tlast_alert\tnext_protocol\t"
		"established\tssl_history\tcert_chain_fps\t"
		"client_cert_chain_fps\tsni_matches_cert",
		"time\tstring\taddr\tport\taddr\tport\tstring\tstring\tstring\t"
		"string\tbool\tstring\tstring\tbool\tstring\tvector[string]\t"
		"vector[string]\tbool",
	},
	[FMT_ZEEK_FILES] = {
		"files",
		"ts\tfuid\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\t"
		"source\tdepth\tanalyzers\tmime_type\tfilename\tduration\t"
		"local_orig\tis_orig\tseen_bytes\ttotal_bytes\tmissing_bytes\t"
		"overflow_bytes\ttimedout\tparent_fuid\tmd5\tsha1\tsha256",
		"time\tstring\tstring\taddr\tport\taddr\tport\tstring\tcount\t"
		"set[string]\tstring\tstring\tinterval\tbool\tbool\tcount\tcount\t"
		"count\tcount\tbool\tstring\tstring\tstring\tstring",
	},
	[FMT_ZEEK_NOTICE] = {
		"notice",
		"ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tfuid\t"
		"file_mime_type\tfile_desc\tproto\tnote\tmsg\tsub\tsrc\tdst\tp\t"
		"n\tpeer_descr\tactions\temail_dest\tsuppress_for\t"
		"remote_location.country_code\tremote_location.region\t"
		"remote_location.city\tremote_location.latitude\t"
		"remote_location.longitude",
		"time\tstring\taddr\tport\taddr\tport\tstring\tstring\tstring\t"
		"enum\tenum\tstring\tstring\taddr\taddr\tport\tcount\tstring\t"
		"set[enum]\tset[string]\tinterval\tstring\tstring\tstring\t"
		"double\tdouble",
	},
};

const char *fmt_zeek_log_name(enum fmt_zeek_log log)
{
	if ((unsigned)log >= FMT_ZEEK_LOG_COUNT)
		return NULL;
	return fmt_zeek_columns[log].name;
}

bool fmt_zeek_log_of(const struct event *ev, enum fmt_zeek_log *log)
{
	switch (ev->kind) {
	case EVENT_FLOW:
		*log = FMT_ZEEK_CONN;
		return true;
	case EVENT_DNS:
		*log = FMT_ZEEK_DNS;
		return ev->dir == EVENT_FROM_RESP;
	case EVENT_HTTP:
		*log = FMT_ZEEK_HTTP;
		return true;
	case EVENT_TLS:
		*log = FMT_ZEEK_SSL;
		return true;
	case EVENT_FILE:
		*log = FMT_ZEEK_FILES;
		return true;
	case EVENT_NOTICE:
		*log = FMT_ZEEK_NOTICE;
		return true;
	default:
		return false;
	}
}

/* Zeek's util::uitoa_n: base 62, least significant digit first. */
static void fmt_zeek_base62(uint64_t v, char **p)
{
	static const char digits[] =
		"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

	do {
		*(*p)++ = digits[v % 62];
		v /= 62;
	} while (v != 0);
}

void fmt_zeek_uid(const struct fmt_zeek_settings *s, char prefix,
		  uint64_t serial, char out[FMT_ZEEK_UID_SIZE])
{
	uint64_t domain = prefix == 'F' ? FMT_ZEEK_ID_FILE : FMT_ZEEK_ID_CONN;
	char *p = out;

	/* A 96-bit UID is two words, the first cut to its low 32 bits,
	 * each printed in base 62 after the prefix (UID::Base62). */
	*p++ = prefix;
	fmt_zeek_base62(event_derive_id(s->id_seed, serial, domain) >> 32, &p);
	fmt_zeek_base62(event_derive_id(s->id_seed, serial,
					domain ^ FMT_ZEEK_ID_LOW), &p);
	*p = '\0';
}

/* "2023-11-08-09-15-02", the sensor's local time. */
static bool fmt_zeek_stamp(const struct fmt_zeek_settings *s, const char *name,
			   sim_time_t t, struct strbuf *out)
{
	char iso[SIMCLOCK_ISO_SIZE];

	if (!simclock_format_local(s->clock, t, iso, sizeof iso))
		return false;
	iso[10] = iso[13] = iso[16] = '-';
	iso[19] = '\0';
	strbuf_adds(out, name);
	strbuf_addc(out, '\t');
	strbuf_adds(out, iso);
	strbuf_addc(out, '\n');
	return true;
}

bool fmt_zeek_header(const struct fmt_zeek_settings *s, enum fmt_zeek_log log,
		     sim_time_t open_time, struct strbuf *out)
{
	const struct fmt_zeek_columns *cols;
	size_t mark = out->len;

	if ((unsigned)log >= FMT_ZEEK_LOG_COUNT)
		return false;
	cols = &fmt_zeek_columns[log];
	strbuf_adds(out, "#separator \\x09\n#set_separator\t,\n"
		    "#empty_field\t(empty)\n#unset_field\t-\n#path\t");
	strbuf_adds(out, cols->name);
	strbuf_addc(out, '\n');
	if (!fmt_zeek_stamp(s, "#open", open_time, out)) {
		strbuf_truncate(out, mark);
		return false;
	}
	strbuf_adds(out, "#fields\t");
	strbuf_adds(out, cols->fields);
	if (log == FMT_ZEEK_CONN && s->community_id)
		strbuf_adds(out, "\tcommunity_id");
	strbuf_adds(out, "\n#types\t");
	strbuf_adds(out, cols->types);
	if (log == FMT_ZEEK_CONN && s->community_id)
		strbuf_adds(out, "\tstring");
	strbuf_addc(out, '\n');
	return true;
}

bool fmt_zeek_close(const struct fmt_zeek_settings *s, sim_time_t close_time,
		    struct strbuf *out)
{
	return fmt_zeek_stamp(s, "#close", close_time, out);
}

/* One row under construction: cells are TAB-separated. */
struct fmt_zeek_row {
	struct strbuf *sb;
	const struct fmt_zeek_settings *s;
	bool started;
	bool bad; /* a time could not be written */
};

static void fmt_zeek_cell(struct fmt_zeek_row *r)
{
	if (r->started)
		strbuf_addc(r->sb, '\t');
	r->started = true;
}

static void fmt_zeek_unset(struct fmt_zeek_row *r)
{
	fmt_zeek_cell(r);
	strbuf_addc(r->sb, '-');
}

/*
 * A string as the ASCII writer prints it: TAB, control bytes, DEL and
 * bytes outside valid UTF-8 as \xNN, a backslash doubled, and inside a
 * set or vector the ',' separator as \x2c.  A value spelled exactly like
 * the unset or empty marker gets its first byte escaped.
 */
static void fmt_zeek_text(struct strbuf *sb, const char *s, bool in_set)
{
	size_t n = strlen(s), i = 0, k;

	if (n == 0) {
		strbuf_adds(sb, "(empty)");
		return;
	}
	if (strcmp(s, "-") == 0 || strcmp(s, "(empty)") == 0) {
		strbuf_addf(sb, "\\x%02x", (unsigned char)s[0]);
		i = 1;
	}
	for (; i < n; i += k) {
		unsigned char c = (unsigned char)s[i];

		k = event_utf8_char_len(s + i, n - i);
		if (c == '\\') {
			strbuf_adds(sb, "\\\\");
		} else if (k == 0 || c < 0x20 || c == 0x7f ||
			   (in_set && c == ',')) {
			strbuf_addf(sb, "\\x%02x", c);
			k = 1;
		} else {
			strbuf_add(sb, s + i, k);
		}
	}
}

static void fmt_zeek_str(struct fmt_zeek_row *r, const char *s)
{
	if (s == NULL) {
		fmt_zeek_unset(r);
		return;
	}
	fmt_zeek_cell(r);
	fmt_zeek_text(r->sb, s, false);
}

static void fmt_zeek_count(struct fmt_zeek_row *r, uint64_t v)
{
	fmt_zeek_cell(r);
	strbuf_addf(r->sb, "%llu", (unsigned long long)v);
}

static void fmt_zeek_bool(struct fmt_zeek_row *r, bool v)
{
	fmt_zeek_cell(r);
	strbuf_addc(r->sb, v ? 'T' : 'F');
}

static void fmt_zeek_addr(struct fmt_zeek_row *r, uint32_t ip)
{
	char text[IPADDR_STRLEN];

	fmt_zeek_cell(r);
	strbuf_adds(r->sb, ipaddr_format(ip, text));
}

/* One end of the connection; Zeek prints IPv6 as RFC 5952 text. */
static void fmt_zeek_conn_addr(struct fmt_zeek_row *r, const struct event_conn *c, bool orig)
{
	char text[EVENT_ADDR_STRLEN];

	fmt_zeek_cell(r);
	strbuf_adds(r->sb, event_conn_addr(c, orig, EVENT_ADDR_COMPRESSED, text));
}

/* Seconds with six decimals, for both time and interval columns. */
static void fmt_zeek_seconds(struct strbuf *sb, int64_t us)
{
	uint64_t mag = us < 0 ? 0 - (uint64_t)us : (uint64_t)us;

	strbuf_addf(sb, "%s%llu.%06llu", us < 0 ? "-" : "",
		    (unsigned long long)(mag / 1000000),
		    (unsigned long long)(mag % 1000000));
}

static void fmt_zeek_time(struct fmt_zeek_row *r, sim_time_t t)
{
	int64_t us = simclock_unix_us(r->s->clock, t);

	fmt_zeek_cell(r);
	if (us < 0 || us == INT64_MAX) {
		r->bad = true;
		return;
	}
	fmt_zeek_seconds(r->sb, us);
}

static void fmt_zeek_interval(struct fmt_zeek_row *r, sim_time_t d)
{
	fmt_zeek_cell(r);
	fmt_zeek_seconds(r->sb, d);
}

/* A set or vector of strings: "(empty)" when it has no elements. */
static void fmt_zeek_list(struct fmt_zeek_row *r, const char *const *v, size_t n)
{
	size_t i;

	fmt_zeek_cell(r);
	if (n == 0)
		strbuf_adds(r->sb, "(empty)");
	for (i = 0; i < n; i++) {
		if (i > 0)
			strbuf_addc(r->sb, ',');
		fmt_zeek_text(r->sb, v[i], true);
	}
}

/* A vector of one element, or unset for NULL. */
static void fmt_zeek_one(struct fmt_zeek_row *r, const char *s)
{
	if (s == NULL)
		fmt_zeek_unset(r);
	else
		fmt_zeek_list(r, &s, 1);
}

/* A vector of one file id, or unset when there is no file. */
static void fmt_zeek_fuid_vector(struct fmt_zeek_row *r, uint64_t serial)
{
	char fuid[FMT_ZEEK_UID_SIZE];

	if (serial == 0) {
		fmt_zeek_unset(r);
		return;
	}
	fmt_zeek_uid(r->s, 'F', serial, fuid);
	fmt_zeek_one(r, fuid);
}

static bool fmt_zeek_is_local(const struct fmt_zeek_settings *s, uint32_t ip)
{
	size_t i;

	for (i = 0; i < s->n_local_nets; i++)
		if (ipaddr_in(ip, s->local_nets[i].addr, s->local_nets[i].prefix))
			return true;
	return false;
}

/* Whether one end of the connection is local: IPv6 by its unique-local
 * prefix, as local_nets holds IPv4 prefixes only. */
static void fmt_zeek_local(struct fmt_zeek_row *r, const struct event_conn *c, bool orig)
{
	if (r->s->n_local_nets == 0)
		fmt_zeek_unset(r);
	else if (c->ipv6)
		fmt_zeek_bool(r, ipaddr6_is_private(orig ? c->orig_ip6 : c->resp_ip6));
	else
		fmt_zeek_bool(r, fmt_zeek_is_local(r->s, orig ? c->orig_ip : c->resp_ip));
}

static const char *fmt_zeek_proto(uint8_t proto)
{
	switch (proto) {
	case NET_PROTO_TCP:
		return "tcp";
	case NET_PROTO_UDP:
		return "udp";
	case NET_PROTO_ICMP:
		return "icmp";
	default:
		return "unknown_transport";
	}
}

/* The uid and conn_id columns, unset for a record without a flow. */
static void fmt_zeek_conn_id(struct fmt_zeek_row *r, const struct event_conn *c)
{
	char uid[FMT_ZEEK_UID_SIZE];
	int i;

	if (c->serial == 0) {
		for (i = 0; i < 5; i++)
			fmt_zeek_unset(r);
		return;
	}
	fmt_zeek_uid(r->s, 'C', c->serial, uid);
	fmt_zeek_str(r, uid);
	fmt_zeek_conn_addr(r, c, true);
	fmt_zeek_count(r, c->orig_port);
	fmt_zeek_conn_addr(r, c, false);
	fmt_zeek_count(r, c->resp_port);
}

static const char *fmt_zeek_service(const struct event_conn *c)
{
	switch (c->app) {
	case EVENT_APP_DNS:
		return "dns";
	case EVENT_APP_HTTP:
		return "http";
	case EVENT_APP_TLS:
		return "ssl";
	case EVENT_APP_SMB:
		return "smb";
	case EVENT_APP_SSH:
		return "ssh";
	case EVENT_APP_SMTP:
		return "smtp";
	case EVENT_APP_FTP:
		return "ftp";
	case EVENT_APP_RDP:
		return "rdp";
	case EVENT_APP_KRB5:
		return c->proto == NET_PROTO_TCP ? "krb_tcp" : "krb";
	case EVENT_APP_DHCP:
		return "dhcp";
	case EVENT_APP_NTP:
		return "ntp";
	default:
		return NULL;
	}
}

static const char *fmt_zeek_conn_state(const struct event *ev)
{
	uint8_t proto = ev->conn.proto;

	if (proto != NET_PROTO_TCP && proto != NET_PROTO_UDP)
		return "OTH";
	switch (ev->u.flow.state) {
	case EVENT_FLOW_NO_REPLY:
		return "S0";
	case EVENT_FLOW_REJECTED:
		return proto == NET_PROTO_TCP ? "REJ" : "SF";
	case EVENT_FLOW_ESTABLISHED:
		return proto == NET_PROTO_TCP ? "S1" : "SF";
	case EVENT_FLOW_RESET_BY_ORIG:
		return proto == NET_PROTO_TCP ? "RSTO" : "SF";
	case EVENT_FLOW_RESET_BY_RESP:
		return proto == NET_PROTO_TCP ? "RSTR" : "SF";
	case EVENT_FLOW_CLOSED:
	default:
		return "SF";
	}
}

/*
 * The history letters of a connection that ended so (upper case from the
 * initiator): the handshake, data each way, and how it closed.
 */
static void fmt_zeek_history(struct fmt_zeek_row *r, const struct event *ev)
{
	const struct event_conn *c = &ev->conn;
	bool od = c->orig.payload_bytes > 0, rd = c->resp.payload_bytes > 0;
	char h[16], *p = h;

	if (c->proto == NET_PROTO_UDP) {
		if (od)
			*p++ = 'D';
		if (rd && ev->u.flow.state != EVENT_FLOW_NO_REPLY)
			*p++ = 'd';
	} else if (c->proto == NET_PROTO_TCP) {
		*p++ = 'S';
		switch (ev->u.flow.state) {
		case EVENT_FLOW_NO_REPLY:
			break;
		case EVENT_FLOW_REJECTED:
			*p++ = 'r';
			break;
		default:
			*p++ = 'h';
			*p++ = 'A';
			if (od)
				*p++ = 'D';
			if (od || rd)
				*p++ = 'a';
			if (rd)
				*p++ = 'd';
			if (ev->u.flow.state == EVENT_FLOW_CLOSED) {
				*p++ = 'F';
				*p++ = 'f';
			} else if (ev->u.flow.state == EVENT_FLOW_RESET_BY_ORIG) {
				*p++ = 'R';
			} else if (ev->u.flow.state == EVENT_FLOW_RESET_BY_RESP) {
				*p++ = 'r';
			}
			break;
		}
	}
	*p = '\0';
	if (p == h)
		fmt_zeek_unset(r);
	else
		fmt_zeek_str(r, h);
}

static bool fmt_zeek_conn(struct fmt_zeek_row *r, const struct event *ev)
{
	const struct event_conn *c = &ev->conn;
	sim_time_t duration = ev->u.flow.last - c->start;
	char id[EVENT_COMMUNITY_ID_SIZE];

	if (c->serial == 0 || duration < 0 || ev->u.flow.last > ev->time)
		return false;
	fmt_zeek_time(r, c->start);
	fmt_zeek_conn_id(r, c);
	fmt_zeek_str(r, fmt_zeek_proto(c->proto));
	fmt_zeek_str(r, fmt_zeek_service(c));
	/* Zeek sets duration and payload sizes only for a connection that
	 * lasted (conn/main.zeek, set_conn). */
	if (duration > 0) {
		fmt_zeek_interval(r, duration);
		fmt_zeek_count(r, c->orig.payload_bytes);
		fmt_zeek_count(r, c->resp.payload_bytes);
	} else {
		fmt_zeek_unset(r);
		fmt_zeek_unset(r);
		fmt_zeek_unset(r);
	}
	fmt_zeek_str(r, fmt_zeek_conn_state(ev));
	fmt_zeek_local(r, c, true);
	fmt_zeek_local(r, c, false);
	fmt_zeek_count(r, 0);
	fmt_zeek_history(r, ev);
	fmt_zeek_count(r, c->orig.pkts);
	fmt_zeek_count(r, c->orig.ip_bytes);
	fmt_zeek_count(r, c->resp.pkts);
	fmt_zeek_count(r, c->resp.ip_bytes);
	fmt_zeek_unset(r);
	fmt_zeek_count(r, c->ipv6 && c->proto == NET_PROTO_ICMP ? 58 : c->proto);
	if (r->s->community_id) {
		event_community_id(c, r->s->community_id_seed, id);
		fmt_zeek_str(r, id);
	}
	return true;
}

/* How Zeek's DNS scripts spell one answer in the answers column. */
static void fmt_zeek_answer_text(struct strbuf *sb, const struct event_dns_rr *rr)
{
	if (rr->type == EVENT_DNS_TXT)
		strbuf_addf(sb, "TXT %zu %s", strlen(rr->data), rr->data);
	else
		strbuf_adds(sb, rr->data);
}

static bool fmt_zeek_dns(struct fmt_zeek_row *r, const struct event *ev)
{
	const struct event_dns *d = &ev->u.dns;
	const char *name;
	struct strbuf text;
	size_t i;
	bool any;

	if (d->rtt < 0)
		return false;
	fmt_zeek_time(r, ev->time - d->rtt);
	fmt_zeek_conn_id(r, &ev->conn);
	fmt_zeek_str(r, fmt_zeek_proto(ev->conn.proto));
	fmt_zeek_count(r, d->id);
	fmt_zeek_interval(r, d->rtt);
	fmt_zeek_str(r, d->query);
	if (d->query != NULL) {
		fmt_zeek_count(r, 1);
		fmt_zeek_str(r, "C_INTERNET");
		fmt_zeek_count(r, d->qtype);
		name = event_dns_type_name(d->qtype);
		fmt_zeek_cell(r);
		if (name != NULL)
			strbuf_adds(r->sb, name);
		else
			strbuf_addf(r->sb, "query-%u", (unsigned)d->qtype);
	} else {
		for (i = 0; i < 4; i++)
			fmt_zeek_unset(r);
	}
	fmt_zeek_count(r, d->rcode);
	name = event_dns_rcode_name(d->rcode);
	fmt_zeek_cell(r);
	if (name != NULL)
		strbuf_adds(r->sb, name);
	else
		strbuf_addf(r->sb, "?%u", (unsigned)d->rcode);
	fmt_zeek_bool(r, d->aa);
	fmt_zeek_bool(r, d->tc);
	fmt_zeek_bool(r, d->rd);
	fmt_zeek_bool(r, d->ra);
	fmt_zeek_count(r, 0);

	any = false;
	for (i = 0; i < d->n_answers; i++)
		any = any || event_dns_rr_has_text(&d->answers[i]);
	if (!any) {
		fmt_zeek_unset(r);
		fmt_zeek_unset(r);
	} else {
		strbuf_init(&text);
		fmt_zeek_cell(r);
		any = false;
		for (i = 0; i < d->n_answers; i++) {
			if (!event_dns_rr_has_text(&d->answers[i]))
				continue;
			if (any)
				strbuf_addc(r->sb, ',');
			any = true;
			strbuf_reset(&text);
			fmt_zeek_answer_text(&text, &d->answers[i]);
			fmt_zeek_text(r->sb, strbuf_str(&text), true);
		}
		strbuf_free(&text);
		fmt_zeek_cell(r);
		any = false;
		for (i = 0; i < d->n_answers; i++) {
			if (!event_dns_rr_has_text(&d->answers[i]))
				continue;
			if (any)
				strbuf_addc(r->sb, ',');
			any = true;
			fmt_zeek_seconds(r->sb, (int64_t)d->answers[i].ttl * SIM_SECOND);
		}
	}
	/* dns_rejected: a reply that carries no records at all. */
	fmt_zeek_bool(r, d->n_answers == 0 && d->n_authorities == 0 &&
		      d->rcode != EVENT_DNS_NOERROR);
	return true;
}

static bool fmt_zeek_http(struct fmt_zeek_row *r, const struct event *ev)
{
	const struct event_http *h = &ev->u.http;

	if (h->duration < 0)
		return false;
	fmt_zeek_time(r, ev->time - h->duration);
	fmt_zeek_conn_id(r, &ev->conn);
	fmt_zeek_count(r, h->tx_id + 1);
	fmt_zeek_str(r, h->method);
	fmt_zeek_str(r, h->host);
	fmt_zeek_str(r, h->uri);
	fmt_zeek_str(r, h->referrer);
	fmt_zeek_str(r, h->version);
	fmt_zeek_str(r, h->user_agent);
	fmt_zeek_unset(r);
	fmt_zeek_count(r, h->request_body_len);
	fmt_zeek_count(r, h->response_body_len);
	if (h->status > 0)
		fmt_zeek_count(r, h->status);
	else
		fmt_zeek_unset(r);
	fmt_zeek_str(r, h->status_msg);
	fmt_zeek_unset(r);
	fmt_zeek_unset(r);
	fmt_zeek_list(r, NULL, 0);
	fmt_zeek_unset(r);
	fmt_zeek_unset(r);
	fmt_zeek_unset(r);
	fmt_zeek_fuid_vector(r, h->request_file);
	fmt_zeek_unset(r);
	fmt_zeek_one(r, h->request_file != 0 ? h->request_mime : NULL);
	fmt_zeek_fuid_vector(r, h->response_file);
	fmt_zeek_unset(r);
	fmt_zeek_one(r, h->response_file != 0 ? h->response_mime : NULL);
	return true;
}

static const char *fmt_zeek_tls_version(enum event_tls_version v)
{
	switch (v) {
	case EVENT_SSL_3:
		return "SSLv3";
	case EVENT_TLS_1_0:
		return "TLSv10";
	case EVENT_TLS_1_1:
		return "TLSv11";
	case EVENT_TLS_1_2:
		return "TLSv12";
	case EVENT_TLS_1_3:
		return "TLSv13";
	case EVENT_TLS_UNKNOWN:
	default:
		return NULL;
	}
}

/*
 * ssl_history letters for the handshake the record describes (client
 * upper case): hello, server hello, then for a full TLS 1.2 handshake
 * certificate, key exchange when a curve was used, hello done, client key
 * exchange and the two change-cipher-specs; TLS 1.3 and resumption show
 * only the hellos and change-cipher-specs.
 */
static void fmt_zeek_ssl_history(const struct event_tls *t, char *h)
{
	if (t->version == EVENT_TLS_1_3 || t->resumed)
		strcpy(h, "CsiI");
	else if (t->curve != NULL)
		strcpy(h, "CsxknGIi");
	else
		strcpy(h, "CsxnGIi");
}

static bool fmt_zeek_ssl(struct fmt_zeek_row *r, const struct event *ev)
{
	const struct event_tls *t = &ev->u.tls;
	char history[16];

	fmt_zeek_time(r, ev->time);
	fmt_zeek_conn_id(r, &ev->conn);
	fmt_zeek_str(r, fmt_zeek_tls_version(t->version));
	fmt_zeek_str(r, t->cipher);
	fmt_zeek_str(r, t->curve);
	fmt_zeek_str(r, t->sni);
	fmt_zeek_bool(r, t->resumed);
	fmt_zeek_unset(r);
	fmt_zeek_str(r, t->next_protocol);
	fmt_zeek_bool(r, t->established);
	fmt_zeek_ssl_history(t, history);
	fmt_zeek_str(r, history);
	fmt_zeek_list(r, t->cert_chain_fps, t->n_cert_chain_fps);
	fmt_zeek_list(r, NULL, 0);
	if (t->sni != NULL && t->subject != NULL)
		fmt_zeek_bool(r, t->sni_matches_cert);
	else
		fmt_zeek_unset(r);
	return true;
}

static const char *fmt_zeek_file_source(enum event_app app)
{
	switch (app) {
	case EVENT_APP_HTTP:
		return "HTTP";
	case EVENT_APP_SMB:
		return "SMB";
	case EVENT_APP_TLS:
		return "SSL";
	case EVENT_APP_SMTP:
		return "SMTP";
	case EVENT_APP_FTP:
		return "FTP_DATA";
	default:
		return NULL;
	}
}

static bool fmt_zeek_files(struct fmt_zeek_row *r, const struct event *ev)
{
	const struct event_file *f = &ev->u.file;
	const char *analyzers[3];
	size_t n = 0;
	char fuid[FMT_ZEEK_UID_SIZE];

	if (f->serial == 0 || f->duration < 0)
		return false;
	if (f->md5 != NULL)
		analyzers[n++] = "MD5";
	if (f->sha1 != NULL)
		analyzers[n++] = "SHA1";
	if (f->sha256 != NULL)
		analyzers[n++] = "SHA256";

	fmt_zeek_time(r, ev->time - f->duration);
	fmt_zeek_uid(r->s, 'F', f->serial, fuid);
	fmt_zeek_str(r, fuid);
	fmt_zeek_conn_id(r, &ev->conn);
	fmt_zeek_str(r, fmt_zeek_file_source(ev->conn.app));
	fmt_zeek_count(r, 0);
	fmt_zeek_list(r, analyzers, n);
	fmt_zeek_str(r, f->mime_type);
	fmt_zeek_str(r, f->name);
	fmt_zeek_interval(r, f->duration);
	/* local_orig asks about the sender of the file's data. */
	if (ev->conn.serial != 0)
		fmt_zeek_local(r, &ev->conn, ev->dir == EVENT_FROM_ORIG);
	else
		fmt_zeek_unset(r);
	fmt_zeek_bool(r, ev->dir == EVENT_FROM_ORIG);
	fmt_zeek_count(r, f->size);
	fmt_zeek_count(r, f->size);
	fmt_zeek_count(r, 0);
	fmt_zeek_count(r, 0);
	fmt_zeek_bool(r, false);
	fmt_zeek_unset(r);
	fmt_zeek_str(r, f->md5);
	fmt_zeek_str(r, f->sha1);
	fmt_zeek_str(r, f->sha256);
	return true;
}

static bool fmt_zeek_notice(struct fmt_zeek_row *r, const struct event *ev)
{
	const struct event_notice *n = &ev->u.notice;
	const struct event_conn *c = &ev->conn;
	static const char *const actions[] = { "Notice::ACTION_LOG" };
	char fuid[FMT_ZEEK_UID_SIZE];
	int i;

	if (n->note == NULL || n->suppress_for < 0)
		return false;
	fmt_zeek_time(r, ev->time);
	fmt_zeek_conn_id(r, c);
	if (n->file != 0) {
		fmt_zeek_uid(r->s, 'F', n->file, fuid);
		fmt_zeek_str(r, fuid);
	} else {
		fmt_zeek_unset(r);
	}
	fmt_zeek_str(r, n->file_mime);
	fmt_zeek_str(r, n->file_desc);
	fmt_zeek_str(r, c->serial != 0 ? fmt_zeek_proto(c->proto) : NULL);
	fmt_zeek_str(r, n->note);
	fmt_zeek_str(r, n->msg);
	fmt_zeek_str(r, n->sub);
	if (c->serial != 0) {
		fmt_zeek_conn_addr(r, c, true);
		fmt_zeek_conn_addr(r, c, false);
		fmt_zeek_count(r, c->resp_port);
	} else {
		if (n->src != 0)
			fmt_zeek_addr(r, n->src);
		else
			fmt_zeek_unset(r);
		if (n->dst != 0)
			fmt_zeek_addr(r, n->dst);
		else
			fmt_zeek_unset(r);
		fmt_zeek_unset(r);
	}
	fmt_zeek_unset(r);
	fmt_zeek_unset(r);
	fmt_zeek_list(r, actions, 1);
	fmt_zeek_list(r, NULL, 0);
	fmt_zeek_interval(r, n->suppress_for != 0 ? n->suppress_for :
			  FMT_ZEEK_SUPPRESS_DEFAULT);
	/* No GeoIP database: remote_location stays unset. */
	for (i = 0; i < 5; i++)
		fmt_zeek_unset(r);
	return true;
}

enum event_render fmt_zeek_render(const struct fmt_zeek_settings *s,
				  const struct event *ev, struct strbuf *out)
{
	struct fmt_zeek_row r = { .sb = out, .s = s };
	enum fmt_zeek_log log;
	size_t mark = out->len;
	bool ok;

	if (!fmt_zeek_log_of(ev, &log))
		return EVENT_NOT_RENDERED;
	/* No record of a connection can predate it. */
	if (ev->conn.serial != 0 && ev->conn.start > ev->time)
		return EVENT_BAD;
	switch (log) {
	case FMT_ZEEK_CONN:
		ok = fmt_zeek_conn(&r, ev);
		break;
	case FMT_ZEEK_DNS:
		ok = fmt_zeek_dns(&r, ev);
		break;
	case FMT_ZEEK_HTTP:
		ok = fmt_zeek_http(&r, ev);
		break;
	case FMT_ZEEK_SSL:
		ok = fmt_zeek_ssl(&r, ev);
		break;
	case FMT_ZEEK_FILES:
		ok = fmt_zeek_files(&r, ev);
		break;
	case FMT_ZEEK_NOTICE:
	default:
		ok = fmt_zeek_notice(&r, ev);
		break;
	}
	if (!ok || r.bad) {
		strbuf_truncate(out, mark);
		return EVENT_BAD;
	}
	strbuf_addc(out, '\n');
	return EVENT_RENDERED;
}
