#include "event.h"

#include <string.h>

#include "ipaddr.h"
#include "sha1.h"

const char *event_kind_name(enum event_kind kind)
{
	static const char *const names[EVENT_KIND_COUNT] = {
		[EVENT_NONE] = "none",
		[EVENT_ALERT] = "alert",
		[EVENT_FLOW] = "flow",
		[EVENT_DNS] = "dns",
		[EVENT_HTTP] = "http",
		[EVENT_TLS] = "tls",
		[EVENT_FILE] = "file",
		[EVENT_ANOMALY] = "anomaly",
		[EVENT_NOTICE] = "notice",
		[EVENT_LOGON] = "logon",
		[EVENT_PROCESS] = "process",
		[EVENT_ACCOUNT] = "account",
		[EVENT_MAIL] = "mail",
		[EVENT_UTM] = "utm",
	};

	if ((unsigned)kind >= EVENT_KIND_COUNT)
		return "unknown";
	return names[kind];
}

char *event_conn_addr(const struct event_conn *c, bool orig, enum event_addr_style style,
		      char buf[EVENT_ADDR_STRLEN])
{
	const uint8_t *ip6 = orig ? c->orig_ip6 : c->resp_ip6;

	if (!c->ipv6)
		return ipaddr_format(orig ? c->orig_ip : c->resp_ip, buf);
	return style == EVENT_ADDR_EXPANDED ? ipaddr6_format_full(ip6, buf) : ipaddr6_format(ip6, buf);
}

void event_packet_ends(const struct event *ev, uint32_t *src_ip,
		       uint16_t *src_port, uint32_t *dst_ip,
		       uint16_t *dst_port)
{
	const struct event_conn *c = &ev->conn;
	bool back = ev->dir == EVENT_FROM_RESP;

	*src_ip = back ? c->resp_ip : c->orig_ip;
	*src_port = back ? c->resp_port : c->orig_port;
	*dst_ip = back ? c->orig_ip : c->resp_ip;
	*dst_port = back ? c->orig_port : c->resp_port;
}

/* splitmix64's output function: every input bit reaches every output bit. */
static uint64_t event_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

uint64_t event_derive_id(uint64_t seed, uint64_t serial, uint64_t domain)
{
	/* Mixing each input before combining keeps neighbouring serials and
	 * seeds from giving related identifiers. */
	uint64_t x = event_mix(seed + UINT64_C(0x9e3779b97f4a7c15));

	x ^= event_mix(serial ^ event_mix(domain));
	return event_mix(x + UINT64_C(0x9e3779b97f4a7c15));
}

static void event_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void event_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

bool event_icmp_counterpart(uint16_t type, uint16_t *other)
{
	static const uint8_t pairs[][2] = {
		{ 8, 0 }, { 0, 8 }, { 13, 14 }, { 14, 13 }, { 15, 16 },
		{ 16, 15 }, { 10, 9 }, { 9, 10 }, { 17, 18 }, { 18, 17 },
	};
	size_t i;

	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		if (pairs[i][0] == type) {
			*other = pairs[i][1];
			return true;
		}
	}
	return false;
}

static void event_base64(const uint8_t *in, size_t n, char *out)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];

		*out++ = digits[v >> 18];
		*out++ = digits[(v >> 12) & 63];
		*out++ = digits[(v >> 6) & 63];
		*out++ = digits[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)in[i] << 16;

		if (i + 1 < n)
			v |= (uint32_t)in[i + 1] << 8;
		*out++ = digits[v >> 18];
		*out++ = digits[(v >> 12) & 63];
		*out++ = i + 1 < n ? digits[(v >> 6) & 63] : '=';
		*out++ = '=';
	}
	*out = '\0';
}

/* ICMPv6's request/reply pairs, as the Community ID spec maps them. */
static bool event_icmp6_counterpart(uint16_t type, uint16_t *other)
{
	static const uint8_t pairs[][2] = {
		{ 128, 129 }, { 129, 128 }, { 133, 134 }, { 134, 133 }, { 135, 136 }, { 136, 135 },
		{ 130, 131 }, { 131, 130 }, { 144, 145 }, { 145, 144 }, { 146, 147 }, { 147, 146 },
	};

	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		if (pairs[i][0] == type) {
			*other = pairs[i][1];
			return true;
		}
	}
	return false;
}

void event_community_id(const struct event_conn *conn, uint16_t seed,
			char out[EVENT_COMMUNITY_ID_SIZE])
{
	uint8_t buf[40], a[16], b[16], digest[SHA1_DIGEST_SIZE];
	size_t alen = conn->ipv6 ? 16 : 4, len;
	uint16_t pa = conn->orig_port, pb = conn->resp_port;
	uint8_t proto = conn->proto;
	bool one_way = false, ports;
	int cmp;

	if (conn->ipv6) {
		memcpy(a, conn->orig_ip6, 16);
		memcpy(b, conn->resp_ip6, 16);
	} else {
		event_put32(a, conn->orig_ip);
		event_put32(b, conn->resp_ip);
	}
	ports = proto == NET_PROTO_TCP || proto == NET_PROTO_UDP || proto == NET_PROTO_ICMP;
	/* ICMP request/reply pairs hash with the type and its counterpart
	 * as ports, so both directions give one ID; any other message is
	 * one-way: type and code, in the order seen, never swapped. */
	if (proto == NET_PROTO_ICMP && conn->ipv6) {
		proto = 58; /* ICMPv6 */
		one_way = !event_icmp6_counterpart(pa, &pb);
	} else if (proto == NET_PROTO_ICMP) {
		one_way = !event_icmp_counterpart(pa, &pb);
	}
	/* The smaller endpoint first, so both directions hash alike. */
	cmp = memcmp(a, b, alen);
	if (!one_way && (cmp > 0 || (cmp == 0 && pa > pb))) {
		uint8_t t[16];
		uint16_t tp = pa;

		memcpy(t, a, alen);
		memcpy(a, b, alen);
		memcpy(b, t, alen);
		pa = pb;
		pb = tp;
	}
	event_put16(buf, seed);
	memcpy(buf + 2, a, alen);
	memcpy(buf + 2 + alen, b, alen);
	len = 2 + 2 * alen;
	buf[len++] = proto;
	buf[len++] = 0;
	if (ports) {
		event_put16(buf + len, pa);
		event_put16(buf + len + 2, pb);
		len += 4;
	}
	sha1_digest(buf, len, digest);
	out[0] = '1';
	out[1] = ':';
	event_base64(digest, sizeof digest, out + 2);
}

bool event_dns_rr_has_text(const struct event_dns_rr *rr)
{
	switch (rr->type) {
	case EVENT_DNS_A:
	case EVENT_DNS_AAAA:
	case EVENT_DNS_CNAME:
	case EVENT_DNS_MX:
	case EVENT_DNS_NS:
	case EVENT_DNS_PTR:
	case EVENT_DNS_TXT:
		return rr->data != NULL;
	default:
		return false;
	}
}

const char *event_dns_type_name(uint16_t type)
{
	switch (type) {
	case EVENT_DNS_A:
		return "A";
	case EVENT_DNS_NS:
		return "NS";
	case EVENT_DNS_CNAME:
		return "CNAME";
	case EVENT_DNS_SOA:
		return "SOA";
	case EVENT_DNS_PTR:
		return "PTR";
	case EVENT_DNS_MX:
		return "MX";
	case EVENT_DNS_TXT:
		return "TXT";
	case EVENT_DNS_AAAA:
		return "AAAA";
	case EVENT_DNS_SRV:
		return "SRV";
	case EVENT_DNS_HTTPS:
		return "HTTPS";
	case EVENT_DNS_ANY:
		return "ANY";
	}
	return NULL;
}

const char *event_dns_rcode_name(uint8_t rcode)
{
	static const char *const names[] = {
		"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP",
		"REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH",
		"NOTZONE",
	};

	if (rcode >= sizeof names / sizeof names[0])
		return NULL;
	return names[rcode];
}

size_t event_utf8_char_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	/* The second byte's range excludes overlong forms, surrogates and
	 * code points past U+10FFFF (RFC 3629 section 4). */
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return len;
}
