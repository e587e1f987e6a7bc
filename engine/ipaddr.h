/*
 * ipaddr.h - IPv4 addresses and prefixes as host-order integers, and
 * IPv6 addresses as 16 bytes in network order.
 *
 * Strict parsing (dotted quad, no leading zeros, no shorthand) because
 * these strings come from scenario and network files written by hand, and
 * "10.1.2.300" or "10.01.2.3" is far likelier a typo than an intent.
 * IPv6 is parsed and written by libc (inet_pton, inet_ntop), whose text is
 * RFC 5952's: lower case, the longest run of zero groups shortened to
 * "::", an IPv4-mapped address ending in a dotted quad.
 * Depends on libc only.
 */
#ifndef IPADDR_H
#define IPADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IPADDR_STRLEN 16 /* "255.255.255.255" and its NUL */

bool ipaddr_parse(const char *s, uint32_t *out);
/* "a.b.c.d/n"; the address must be the network address (host bits zero). */
bool ipaddr_parse_cidr(const char *s, uint32_t *addr, int *prefix);
/* A bare address is accepted as a /32. */
bool ipaddr_parse_prefix(const char *s, uint32_t *addr, int *prefix);
uint32_t ipaddr_mask(int prefix);
bool ipaddr_in(uint32_t ip, uint32_t net, int prefix);
/* Writes into buf (at least IPADDR_STRLEN bytes) and returns it. */
char *ipaddr_format(uint32_t ip, char *buf);
/* RFC 1918 private space. */
bool ipaddr_is_private(uint32_t ip);

#define IPADDR6_STRLEN 46 /* INET6_ADDRSTRLEN */

bool ipaddr6_parse(const char *s, uint8_t out[16]);
/* RFC 5952: "2001:db8::1".  buf holds at least IPADDR6_STRLEN bytes. */
char *ipaddr6_format(const uint8_t ip[16], char *buf);
/* Every group, four digits each: "2001:0db8:0000:…:0001". */
char *ipaddr6_format_full(const uint8_t ip[16], char *buf);
/* Unique local addresses, fc00::/7: an organisation's own IPv6 space. */
bool ipaddr6_is_private(const uint8_t ip[16]);

#endif
