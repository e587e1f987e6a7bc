#include "net.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ipaddr.h"
#include "xmalloc.h"

static const char *const net_site_kind_names[NET_SITE_KIND_COUNT] = {
	"province", "datacenter", "soc", "department", "district", "commune",
};

static const char *const net_criticality_names[] = { "low", "medium", "high", "critical" };

const char *net_site_kind_name(enum net_site_kind kind)
{
	return kind < NET_SITE_KIND_COUNT ? net_site_kind_names[kind] : "?";
}

bool net_site_kind_parse(const char *s, enum net_site_kind *out)
{
	for (int i = 0; i < NET_SITE_KIND_COUNT; i++) {
		if (strcmp(s, net_site_kind_names[i]) == 0) {
			*out = (enum net_site_kind)i;
			return true;
		}
	}
	return false;
}

const char *net_criticality_name(enum net_criticality c)
{
	return c <= NET_CRIT_CRITICAL ? net_criticality_names[c] : "?";
}

static void net_free_strv(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void net_free(struct net *net)
{
	if (net == NULL)
		return;
	for (int i = 0; i < net->nsites; i++) {
		struct net_site *s = &net->sites[i];

		free(s->id), free(s->name), free(s->name_en), free(s->subkind);
	}
	for (int i = 0; i < net->nsegments; i++) {
		struct net_segment *s = &net->segments[i];

		free(s->id), free(s->name), free(s->zone);
	}
	for (int i = 0; i < net->naccounts; i++) {
		struct net_account *a = &net->accounts[i];

		free(a->name), free(a->display), free(a->email);
	}
	for (int i = 0; i < net->nhosts; i++) {
		struct net_host *h = &net->hosts[i];

		free(h->name), free(h->os), free(h->role);
		for (int j = 0; j < h->nservices; j++)
			free(h->services[j].name), free(h->services[j].product);
		free(h->services);
		free(h->accounts);
		net_free_strv(h->tags, h->ntags);
		free(h->systems);
	}
	for (int i = 0; i < net->nsystems; i++) {
		struct net_system *s = &net->systems[i];

		free(s->id), free(s->name), free(s->name_en), free(s->hosts);
	}
	for (int i = 0; i < net->nsensors; i++) {
		struct net_sensor *s = &net->sensors[i];

		free(s->id), free(s->type);
		free(s->segments), free(s->sites), free(s->hosts), free(s->systems);
	}
	for (int i = 0; i < net->nrules; i++)
		free(net->rules[i].from), free(net->rules[i].to), free(net->rules[i].ports);
	for (size_t i = 0; i < net->nblocks; i++)
		free(net->blocks[i].value);
	net_free_strv(net->zones, net->nzones);
	free(net->sites), free(net->segments), free(net->accounts), free(net->hosts);
	free(net->systems), free(net->sensors), free(net->rules), free(net->blocks);
	free(net->segments_by_addr);
	strmap_free(&net->site_by_id), strmap_free(&net->segment_by_id);
	strmap_free(&net->account_by_name), strmap_free(&net->host_by_name);
	strmap_free(&net->system_by_id), strmap_free(&net->sensor_by_id);
	u32map_free(&net->host_by_ip);
	free(net->path), free(net->id), free(net->name), free(net->name_en);
	free(net);
}

int net_site_find(const struct net *net, const char *id)
{
	return strmap_get(&net->site_by_id, id);
}

int net_segment_find(const struct net *net, const char *id)
{
	return strmap_get(&net->segment_by_id, id);
}

int net_host_find(const struct net *net, const char *name)
{
	return strmap_get(&net->host_by_name, name);
}

int net_host_by_ip(const struct net *net, uint32_t ip)
{
	return u32map_get(&net->host_by_ip, ip);
}

int net_account_find(const struct net *net, const char *name)
{
	return strmap_get(&net->account_by_name, name);
}

int net_system_find(const struct net *net, const char *id)
{
	return strmap_get(&net->system_by_id, id);
}

int net_sensor_find(const struct net *net, const char *id)
{
	return strmap_get(&net->sensor_by_id, id);
}

int net_segment_of_ip(const struct net *net, uint32_t ip)
{
	int lo = 0, hi = net->nsegments_by_addr - 1;

	/* Segments do not overlap, so the candidate is the last one that
	 * starts at or below ip. */
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		const struct net_segment *s = &net->segments[net->segments_by_addr[mid]];

		if (s->addr <= ip)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	if (hi < 0)
		return -1;
	hi = net->segments_by_addr[hi];
	return ipaddr_in(ip, net->segments[hi].addr, net->segments[hi].prefix) ? hi : -1;
}

bool net_site_within(const struct net *net, int site, int ancestor)
{
	while (site >= 0) {
		if (site == ancestor)
			return true;
		site = net->sites[site].parent;
	}
	return false;
}

bool net_host_has_tag(const struct net_host *h, const char *tag)
{
	for (int i = 0; i < h->ntags; i++)
		if (strcmp(h->tags[i], tag) == 0)
			return true;
	return false;
}

bool net_host_runs_windows(const struct net_host *h)
{
	return h->os != NULL && strstr(h->os, "Windows") != NULL;
}

int net_host_service(const struct net *net, int host, uint8_t proto, uint16_t port)
{
	const struct net_host *h = &net->hosts[host];

	for (int i = 0; i < h->nservices; i++)
		if (h->services[i].port == port && h->services[i].proto == proto)
			return i;
	return -1;
}

unsigned net_host_set(struct net *net, int host, unsigned flags, bool on)
{
	unsigned old = net->hosts[host].state;

	net->hosts[host].state = on ? old | flags : old & ~flags;
	return old;
}

unsigned net_account_set(struct net *net, int account, unsigned flags, bool on)
{
	unsigned old = net->accounts[account].state;

	net->accounts[account].state = on ? old | flags : old & ~flags;
	return old;
}

unsigned net_system_set(struct net *net, int system, unsigned flags, bool on)
{
	unsigned old = net->systems[system].state;

	net->systems[system].state = on ? old | flags : old & ~flags;
	return old;
}

void net_system_set_monitored(struct net *net, int system, bool monitored)
{
	net->systems[system].monitored = monitored;
}

bool net_system_available(const struct net *net, int system)
{
	const struct net_system *s = &net->systems[system];

	if (s->state & NET_SYSTEM_DOWN)
		return false;
	for (int i = 0; i < s->nhosts; i++)
		if (!(net->hosts[s->hosts[i]].state & (NET_HOST_DOWN | NET_HOST_ISOLATED | NET_HOST_FLOODED)))
			return true;
	return false;
}

/* A blocked domain also blocks its subdomains: "evil.example" stops
 * "cdn.evil.example", as DNS filtering on a real firewall does. */
static bool net_domain_matches(const char *blocked, const char *name)
{
	size_t nb = strlen(blocked), nn = strlen(name);

	if (nn < nb || strcasecmp(name + nn - nb, blocked) != 0)
		return false;
	return nn == nb || name[nn - nb - 1] == '.';
}

int net_block_add(struct net *net, enum net_block_kind kind, const char *value, int site)
{
	struct net_block b = { .kind = kind, .site = site };

	if (kind == NET_BLOCK_IP && !ipaddr_parse_prefix(value, &b.addr, &b.prefix))
		return -1;
	if (kind != NET_BLOCK_IP && (value[0] == '\0' || strchr(value, ' ')))
		return -1;
	for (size_t i = 0; i < net->nblocks; i++) {
		const struct net_block *o = &net->blocks[i];

		if (o->kind == kind && o->site == site && strcasecmp(o->value, value) == 0)
			return 0;
	}
	b.value = xstrdup(value);
	net->blocks = xgrow(net->blocks, &net->blocks_cap, net->nblocks + 1, sizeof(*net->blocks));
	net->blocks[net->nblocks++] = b;
	return 0;
}

int net_block_remove(struct net *net, enum net_block_kind kind, const char *value, int site)
{
	size_t kept = 0;
	int removed = 0;

	for (size_t i = 0; i < net->nblocks; i++) {
		struct net_block *b = &net->blocks[i];

		if (b->kind == kind && b->site == site && strcasecmp(b->value, value) == 0) {
			free(b->value);
			removed++;
		} else {
			net->blocks[kept++] = *b;
		}
	}
	net->nblocks = kept;
	return removed;
}

/* Is there a block of this kind at site (or everywhere) matching value,
 * or ip for address blocks (parsed once by the caller: flows test every
 * firewall on their path)? */
static bool net_block_at(const struct net *net, enum net_block_kind kind, const char *value,
			 uint32_t ip, int site)
{
	for (size_t i = 0; i < net->nblocks; i++) {
		const struct net_block *b = &net->blocks[i];

		if (b->kind != kind || (b->site != site && b->site >= 0))
			continue;
		if (kind == NET_BLOCK_IP ? ipaddr_in(ip, b->addr, b->prefix) :
		    kind == NET_BLOCK_DOMAIN ? net_domain_matches(b->value, value) :
		    strcasecmp(b->value, value) == 0)
			return true;
	}
	return false;
}

bool net_blocked_at(const struct net *net, enum net_block_kind kind, const char *value, int site)
{
	uint32_t ip = 0;

	if (kind == NET_BLOCK_IP && !ipaddr_parse(value, &ip))
		return false;
	return net_block_at(net, kind, value, ip, site);
}

static bool net_selector_matches(const struct net *net, const struct net_selector *sel, int seg)
{
	int site = seg >= 0 ? net->segments[seg].site : -1;

	switch (sel->kind) {
	case NET_SEL_ANY:
		return true;
	case NET_SEL_INTERNET:
		return seg < 0;
	case NET_SEL_SITE:
		return net_site_within(net, site, sel->index);
	case NET_SEL_SEGMENT:
		return seg == sel->index;
	case NET_SEL_ZONE:
		return seg >= 0 && net->segments[seg].zone_id == sel->index;
	}
	return false;
}

static bool net_selectors_match(const struct net *net, const struct net_selector *v, int n, int seg)
{
	for (int i = 0; i < n; i++)
		if (net_selector_matches(net, &v[i], seg))
			return true;
	return false;
}

static bool net_rule_matches(const struct net *net, const struct net_rule *r, const struct net_flow *f)
{
	bool port_ok = r->nports == 0;

	for (int i = 0; i < r->nports && !port_ok; i++) {
		const struct net_port *p = &r->ports[i];

		port_ok = (p->proto == NET_PROTO_ANY || p->proto == f->proto) &&
			  (p->port == 0 || p->port == f->port);
	}
	return port_ok && net_selectors_match(net, r->from, r->nfrom, f->src_seg) &&
	       net_selectors_match(net, r->to, r->nto, f->dst_seg);
}

/* Resolve an address to its host (if modelled) and segment (-1: the
 * Internet).  A public address resolves to the host behind the NAT. */
static bool net_endpoint(const struct net *net, uint32_t ip, int *host, int *seg)
{
	*host = net_host_by_ip(net, ip);
	if (*host >= 0) {
		*seg = net->hosts[*host].segment;
		return true;
	}
	*seg = net_segment_of_ip(net, ip);
	return *seg >= 0 || !ipaddr_is_private(ip);
}

static void net_add_firewall(const struct net *net, struct net_flow *f, int site)
{
	if (site >= 0 && net->sites[site].firewall && f->nfirewalls < NET_MAX_PATH)
		f->firewalls[f->nfirewalls++] = site;
}

/*
 * The firewalls a path crosses: every site from the source up to (not
 * including) the lowest common site, then every site down to the
 * destination.  The common site's own firewall is crossed only when one
 * end sits directly in it, since it then separates that end's zone from
 * the rest (a data center's DMZ from its server farm).
 */
static void net_path(const struct net *net, struct net_flow *f)
{
	int a = f->src_seg >= 0 ? net->segments[f->src_seg].site : -1;
	int b = f->dst_seg >= 0 ? net->segments[f->dst_seg].site : -1;
	int down[NET_MAX_PATH], ndown = 0;
	int x = a, y = b;

	f->nfirewalls = 0;
	if (f->src_seg == f->dst_seg)
		return;
	while (x != y) {
		int dx = x >= 0 ? net->sites[x].depth : -1;
		int dy = y >= 0 ? net->sites[y].depth : -1;

		if (dx >= dy) {
			net_add_firewall(net, f, x);
			x = net->sites[x].parent;
		} else {
			if (ndown < NET_MAX_PATH)
				down[ndown++] = y;
			y = net->sites[y].parent;
		}
	}
	if (x >= 0 && (a == x || b == x))
		net_add_firewall(net, f, x);
	while (ndown > 0)
		net_add_firewall(net, f, down[--ndown]);
}

enum net_verdict net_flow(const struct net *net, struct net_flow *f)
{
	const struct net_host *src, *dst;

	f->stopped_at = -1;
	f->rule = -1;
	f->nfirewalls = 0;
	if (!net_endpoint(net, f->src, &f->src_host, &f->src_seg) ||
	    !net_endpoint(net, f->dst, &f->dst_host, &f->dst_seg))
		return f->verdict = NET_FLOW_NO_ROUTE;
	src = f->src_host >= 0 ? &net->hosts[f->src_host] : NULL;
	dst = f->dst_host >= 0 ? &net->hosts[f->dst_host] : NULL;
	if (src && (src->state & NET_HOST_DOWN))
		return f->verdict = NET_FLOW_SRC_DOWN;
	if (src && (src->state & NET_HOST_ISOLATED))
		return f->verdict = NET_FLOW_SRC_ISOLATED;

	net_path(net, f);
	for (int i = 0; i < f->nfirewalls; i++) {
		if (net_block_at(net, NET_BLOCK_IP, NULL, f->src, f->firewalls[i]) ||
		    net_block_at(net, NET_BLOCK_IP, NULL, f->dst, f->firewalls[i])) {
			f->stopped_at = i;
			return f->verdict = NET_FLOW_BLOCKED;
		}
		/* The policy is enforced once, at the first firewall. */
		if (i == 0) {
			for (int r = 0; r < net->nrules && f->rule < 0; r++)
				if (net_rule_matches(net, &net->rules[r], f))
					f->rule = r;
			if (f->rule < 0 || !net->rules[f->rule].allow) {
				f->stopped_at = 0;
				return f->verdict = NET_FLOW_DENIED;
			}
		}
	}

	if (dst && (dst->state & NET_HOST_DOWN))
		return f->verdict = NET_FLOW_DST_DOWN;
	if (dst && (dst->state & NET_HOST_ISOLATED))
		return f->verdict = NET_FLOW_DST_ISOLATED;
	if (dst && f->port != 0 && net_host_service(net, f->dst_host, f->proto, f->port) < 0)
		return f->verdict = NET_FLOW_NO_SERVICE;
	return f->verdict = NET_FLOW_OK;
}

const char *net_verdict_reason(enum net_verdict v)
{
	switch (v) {
	case NET_FLOW_OK: return "ok";
	case NET_FLOW_NO_ROUTE: return "no route to that address";
	case NET_FLOW_SRC_DOWN: return "source host is down";
	case NET_FLOW_SRC_ISOLATED: return "source host is isolated";
	case NET_FLOW_BLOCKED: return "address blocked at a firewall";
	case NET_FLOW_DENIED: return "denied by firewall policy";
	case NET_FLOW_DST_DOWN: return "destination host is down";
	case NET_FLOW_DST_ISOLATED: return "destination host is isolated";
	case NET_FLOW_NO_SERVICE: return "nothing listens on that port";
	}
	return "?";
}

static bool net_int_in(const int *v, int n, int x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

bool net_sensor_sees_host(const struct net *net, int sensor, int host)
{
	const struct net_sensor *s = &net->sensors[sensor];
	const struct net_host *h;

	if (host < 0)
		return false;
	if (net_int_in(s->hosts, s->nhosts, host))
		return true;
	h = &net->hosts[host];
	for (int i = 0; i < h->nsystems; i++) {
		if (net_int_in(s->systems, s->nsystems, h->systems[i]))
			return true;
		if (s->monitored_systems && net->systems[h->systems[i]].monitored)
			return true;
	}
	return false;
}

static bool net_sensor_sees_segment(const struct net *net, const struct net_sensor *s, int seg)
{
	if (seg < 0)
		return false;
	if (net_int_in(s->segments, s->nsegments, seg))
		return true;
	for (int i = 0; i < s->nsites; i++)
		if (net_site_within(net, net->segments[seg].site, s->sites[i]))
			return true;
	return false;
}

bool net_sensor_sees_flow(const struct net *net, int sensor, const struct net_flow *f)
{
	const struct net_sensor *s = &net->sensors[sensor];
	bool left_source = f->verdict != NET_FLOW_NO_ROUTE && f->verdict != NET_FLOW_SRC_DOWN &&
			   f->verdict != NET_FLOW_SRC_ISOLATED;
	bool crossed = left_source && f->stopped_at < 0;
	bool delivered = f->verdict == NET_FLOW_OK || f->verdict == NET_FLOW_NO_SERVICE;
	int last_fw = !left_source ? -1 : f->stopped_at >= 0 ? f->stopped_at : f->nfirewalls - 1;

	if (!left_source)
		return false;
	if (s->firewall >= 0)
		for (int i = 0; i <= last_fw; i++)
			if (f->firewalls[i] == s->firewall)
				return true;
	if (net_sensor_sees_segment(net, s, f->src_seg) ||
	    (crossed && net_sensor_sees_segment(net, s, f->dst_seg)))
		return true;
	return net_sensor_sees_host(net, sensor, f->src_host) ||
	       (delivered && net_sensor_sees_host(net, sensor, f->dst_host));
}
