/*
 * net.h - the simulated provincial network: what exists, what state it is
 * in, and whether a given flow gets through and who sees it.
 *
 * The model is loaded once from a Lua data file (netload.h) and then owned
 * by the engine; scenarios and team actions change only its state (host
 * compromised or isolated, account disabled, address blocked at a
 * firewall), never its shape.  Objects live in arrays and refer to each
 * other by index; -1 means "none" and, for sites, "the Internet".
 * docs/network-model.md describes the file format and the flow rules.
 *
 * Depends on hmap and ipaddr.
 */
#ifndef NET_H
#define NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hmap.h"

enum net_site_kind {
	NET_SITE_PROVINCE,
	NET_SITE_DATACENTER,
	NET_SITE_SOC,
	NET_SITE_DEPARTMENT,
	NET_SITE_DISTRICT,
	NET_SITE_COMMUNE,
	NET_SITE_KIND_COUNT
};

enum net_criticality { NET_CRIT_LOW, NET_CRIT_MEDIUM, NET_CRIT_HIGH, NET_CRIT_CRITICAL };

/* Host state is a set of flags: a host can be compromised and isolated. */
enum {
	NET_HOST_COMPROMISED = 1u << 0,
	NET_HOST_ISOLATED = 1u << 1,
	NET_HOST_DOWN = 1u << 2,
	NET_HOST_DEFACED = 1u << 3, /* its web pages show the attacker's content */
	NET_HOST_FLOODED = 1u << 4, /* a flood overwhelms it: up, but not serving */
};

enum {
	NET_ACCOUNT_DISABLED = 1u << 0,
	NET_ACCOUNT_PASSWORD_RESET = 1u << 1,
	NET_ACCOUNT_COMPROMISED = 1u << 2,
};

enum { NET_SYSTEM_DOWN = 1u << 0 };

enum net_proto { NET_PROTO_ANY = 0, NET_PROTO_TCP = 6, NET_PROTO_UDP = 17, NET_PROTO_ICMP = 1 };

struct net_site {
	char *id, *name, *name_en;
	char *subkind; /* "city", "ward", …; NULL when not given */
	enum net_site_kind kind;
	int parent;    /* -1 for the root, whose parent is the Internet */
	int depth;     /* root 0 */
	bool firewall;
	int line;
};

struct net_segment {
	char *id, *name, *zone;
	int zone_id; /* interned zone, for policy matching */
	int site;
	uint32_t addr;
	int prefix;
	int line;
};

struct net_service {
	uint8_t proto;
	uint16_t port;
	char *name;    /* "https" */
	char *product; /* "nginx 1.18", may be NULL */
	bool patched;
};

struct net_account {
	char *name, *display, *email;
	int site;
	bool admin;
	unsigned state;
	int line;
};

struct net_host {
	char *name, *os, *role;
	int segment, site;
	uint32_t ip, public_ip; /* public_ip 0: none */
	struct net_service *services;
	int nservices;
	int *accounts;
	int naccounts;
	char **tags;
	int ntags;
	enum net_criticality criticality;
	int level;
	int *systems; /* systems this host serves */
	int nsystems;
	unsigned state;
	int line;
};

struct net_system {
	char *id, *name, *name_en;
	int level, owner;
	int *hosts;
	int nhosts;
	bool monitored;
	unsigned state;
	int line;
};

struct net_sensor {
	char *id, *type;
	int site;
	int *segments, *sites, *hosts, *systems;
	int nsegments, nsites, nhosts, nsystems;
	bool monitored_systems; /* watch = { systems = "monitored" } */
	int firewall;           /* site whose edge it logs, or -1 */
	int line;
};

enum net_selector_kind { NET_SEL_ANY, NET_SEL_INTERNET, NET_SEL_SITE, NET_SEL_SEGMENT, NET_SEL_ZONE };

struct net_selector {
	enum net_selector_kind kind;
	int index; /* site, segment or zone id */
};

struct net_port {
	uint8_t proto; /* NET_PROTO_ANY matches all */
	uint16_t port; /* 0 matches all */
};

struct net_rule {
	bool allow;
	struct net_selector *from, *to;
	int nfrom, nto;
	struct net_port *ports; /* none: every port */
	int nports;
	int line;
	int order; /* place among the file's declarations; first match wins */
};

enum net_block_kind { NET_BLOCK_IP, NET_BLOCK_DOMAIN, NET_BLOCK_HASH };

struct net_block {
	enum net_block_kind kind;
	char *value;     /* as given */
	uint32_t addr;   /* NET_BLOCK_IP: the prefix */
	int prefix;
	int site;        /* the firewall it sits on, or -1 for everywhere */
};

struct net {
	char *path; /* the file it was loaded from */
	char *id, *name, *name_en;

	struct net_site *sites;
	struct net_segment *segments;
	struct net_account *accounts;
	struct net_host *hosts;
	struct net_system *systems;
	struct net_sensor *sensors;
	struct net_rule *rules;
	char **zones;
	int nsites, nsegments, naccounts, nhosts, nsystems, nsensors, nrules, nzones;

	struct net_block *blocks;
	size_t nblocks, blocks_cap;

	struct strmap site_by_id, segment_by_id, account_by_name, host_by_name;
	struct strmap system_by_id, sensor_by_id;
	struct u32map host_by_ip;  /* private and public addresses */
	int *segments_by_addr;     /* segment indices sorted by address */
	int nsegments_by_addr;
};

void net_free(struct net *net);

/* Lookups; -1 when absent. */
int net_site_find(const struct net *net, const char *id);
int net_segment_find(const struct net *net, const char *id);
int net_host_find(const struct net *net, const char *name);
int net_host_by_ip(const struct net *net, uint32_t ip);
int net_account_find(const struct net *net, const char *name);
int net_system_find(const struct net *net, const char *id);
int net_sensor_find(const struct net *net, const char *id);
int net_segment_of_ip(const struct net *net, uint32_t ip);
/* Is site inside the subtree rooted at ancestor (or equal to it)? */
bool net_site_within(const struct net *net, int site, int ancestor);
/* Does the host carry this tag? */
bool net_host_has_tag(const struct net_host *h, const char *tag);
/* Is its operating system a Windows one (its logs are Windows logs)? */
bool net_host_runs_windows(const struct net_host *h);
/* Host offers proto/port; returns the service index or -1. */
int net_host_service(const struct net *net, int host, uint8_t proto, uint16_t port);

const char *net_site_kind_name(enum net_site_kind kind);
bool net_site_kind_parse(const char *s, enum net_site_kind *out);
const char *net_criticality_name(enum net_criticality c);

/* State changes; each returns the previous state word. */
unsigned net_host_set(struct net *net, int host, unsigned flags, bool on);
unsigned net_account_set(struct net *net, int account, unsigned flags, bool on);
unsigned net_system_set(struct net *net, int system, unsigned flags, bool on);
void net_system_set_monitored(struct net *net, int system, bool monitored);
/* A system is available while not shut down and one of its hosts is up,
 * not isolated and not flooded. */
bool net_system_available(const struct net *net, int system);

/*
 * Blocks at a firewall (site) or everywhere (site -1).  The value is an
 * IPv4 address or prefix for NET_BLOCK_IP, a domain or a file hash
 * otherwise.  net_block_add returns 0, or -1 if the value is not valid for
 * the kind; adding a block that exists already is not an error.
 * net_block_remove returns how many blocks it removed.
 */
int net_block_add(struct net *net, enum net_block_kind kind, const char *value, int site);
int net_block_remove(struct net *net, enum net_block_kind kind, const char *value, int site);
/* Is value blocked at this firewall (directly or everywhere)? */
bool net_blocked_at(const struct net *net, enum net_block_kind kind, const char *value, int site);

/* Why a flow did or did not get through, in the order they are checked. */
enum net_verdict {
	NET_FLOW_OK,
	NET_FLOW_NO_ROUTE,     /* private address outside every segment */
	NET_FLOW_SRC_DOWN,
	NET_FLOW_SRC_ISOLATED,
	NET_FLOW_BLOCKED,      /* an address is blocked at a firewall on the path */
	NET_FLOW_DENIED,       /* the policy drops it */
	NET_FLOW_DST_DOWN,
	NET_FLOW_DST_ISOLATED,
	NET_FLOW_NO_SERVICE,   /* nothing listens on that port */
};

#define NET_MAX_PATH 16

struct net_flow {
	uint32_t src, dst;
	uint8_t proto;
	uint16_t port; /* 0: no particular port (no service check) */

	enum net_verdict verdict;
	int src_host, dst_host;  /* -1: not a modelled host */
	int src_seg, dst_seg;    /* -1: the Internet */
	int firewalls[NET_MAX_PATH]; /* sites whose firewall the path crosses, in order */
	int nfirewalls;
	int stopped_at; /* index into firewalls where it was dropped, else -1 */
	int rule;       /* policy rule that decided, -1 for none */
};

/* Decide a flow: fills everything after the query fields. */
enum net_verdict net_flow(const struct net *net, struct net_flow *flow);
const char *net_verdict_reason(enum net_verdict v);
/* Does this sensor see the flow as decided? */
bool net_sensor_sees_flow(const struct net *net, int sensor, const struct net_flow *flow);
/* Does this sensor see events on this host (host logs)? */
bool net_sensor_sees_host(const struct net *net, int sensor, int host);

#endif
