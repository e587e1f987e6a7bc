#include "ipaddr.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

/* One decimal octet, 0-255, without a leading zero; advances *s. */
static bool ipaddr_octet(const char **s, uint32_t *out)
{
	const char *p = *s;
	uint32_t v = 0;
	int digits = 0;

	while (*p >= '0' && *p <= '9' && digits < 4) {
		v = v * 10 + (uint32_t)(*p - '0');
		p++;
		digits++;
	}
	if (digits == 0 || digits > 3 || v > 255 || (digits > 1 && **s == '0'))
		return false;
	*out = v;
	*s = p;
	return true;
}

static bool ipaddr_parse_part(const char **s, uint32_t *out)
{
	uint32_t ip = 0, octet;

	for (int i = 0; i < 4; i++) {
		if (i > 0 && *(*s)++ != '.')
			return false;
		if (!ipaddr_octet(s, &octet))
			return false;
		ip = ip << 8 | octet;
	}
	*out = ip;
	return true;
}

bool ipaddr_parse(const char *s, uint32_t *out)
{
	return ipaddr_parse_part(&s, out) && *s == '\0';
}

bool ipaddr_parse_prefix(const char *s, uint32_t *addr, int *prefix)
{
	uint32_t ip, len;

	if (!ipaddr_parse_part(&s, &ip))
		return false;
	if (*s == '\0') {
		*addr = ip;
		*prefix = 32;
		return true;
	}
	if (*s++ != '/' || !ipaddr_octet(&s, &len) || *s != '\0' || len > 32)
		return false;
	if ((ip & ipaddr_mask((int)len)) != ip)
		return false;
	*addr = ip;
	*prefix = (int)len;
	return true;
}

bool ipaddr_parse_cidr(const char *s, uint32_t *addr, int *prefix)
{
	return strchr(s, '/') != NULL && ipaddr_parse_prefix(s, addr, prefix);
}

uint32_t ipaddr_mask(int prefix)
{
	return prefix <= 0 ? 0 : prefix >= 32 ? 0xffffffffu : ~(0xffffffffu >> prefix);
}

bool ipaddr_in(uint32_t ip, uint32_t net, int prefix)
{
	return (ip & ipaddr_mask(prefix)) == net;
}

/* Dotted quad by hand: every sensor line has addresses, and printf is
 * most of the cost of a line. */
char *ipaddr_format(uint32_t ip, char *buf)
{
	char *p = buf;

	for (int shift = 24; shift >= 0; shift -= 8) {
		unsigned v = (ip >> shift) & 0xff;

		if (v >= 100)
			*p++ = (char)('0' + v / 100);
		if (v >= 10)
			*p++ = (char)('0' + v / 10 % 10);
		*p++ = (char)('0' + v % 10);
		*p++ = shift ? '.' : '\0';
	}
	return buf;
}

bool ipaddr_is_private(uint32_t ip)
{
	return ipaddr_in(ip, 0x0a000000u, 8) || ipaddr_in(ip, 0xac100000u, 12) ||
	       ipaddr_in(ip, 0xc0a80000u, 16);
}

bool ipaddr6_parse(const char *s, uint8_t out[16])
{
	return inet_pton(AF_INET6, s, out) == 1;
}

char *ipaddr6_format(const uint8_t ip[16], char *buf)
{
	if (inet_ntop(AF_INET6, ip, buf, IPADDR6_STRLEN) == NULL)
		buf[0] = '\0';
	return buf;
}

char *ipaddr6_format_full(const uint8_t ip[16], char *buf)
{
	size_t n = 0;

	for (int i = 0; i < 16; i += 2)
		n += (size_t)snprintf(buf + n, IPADDR6_STRLEN - n, "%s%02x%02x", i ? ":" : "", ip[i],
				      ip[i + 1]);
	return buf;
}

bool ipaddr6_is_private(const uint8_t ip[16])
{
	return (ip[0] & 0xfe) == 0xfc;
}
