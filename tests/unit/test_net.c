/* Network model: lookups, reachability through policy, isolation and
 * blocks, and which sensors see a flow, on tests/data/net-small.lua. */
#include "harness.h"

#include "diag.h"
#include "ipaddr.h"
#include "netload.h"

static struct net *net;

static uint32_t ip(const char *s)
{
	uint32_t v = 0;

	CHECK(ipaddr_parse(s, &v));
	return v;
}

static enum net_verdict flow(struct net_flow *f, const char *src, const char *dst, uint8_t proto, uint16_t port)
{
	f->src = ip(src);
	f->dst = ip(dst);
	f->proto = proto;
	f->port = port;
	return net_flow(net, f);
}

static bool sees(const char *sensor, const struct net_flow *f)
{
	int s = net_sensor_find(net, sensor);

	CHECK(s >= 0);
	return s >= 0 && net_sensor_sees_flow(net, s, f);
}

static int host(const char *name)
{
	int h = net_host_find(net, name);

	CHECK(h >= 0);
	return h;
}

TEST(loads_the_small_province)
{
	CHECK_INT(net->nsites, 5);
	CHECK_INT(net->nsegments, 5);
	CHECK_INT(net->nhosts, 4);
	CHECK_INT(net->nsystems, 1);
	CHECK_INT(net->nsensors, 5);
	CHECK_INT(net->nrules, 5);
	CHECK_STR(net->name, "Tỉnh Thử nghiệm");
	CHECK_INT(net->sites[net_site_find(net, "d1-c1")].depth, 2);
	CHECK_INT(net->hosts[host("portal")].level, 2); /* from its system */
	CHECK_INT(net->hosts[host("c1-pc-01")].level, 1);
}

TEST(lookups_by_name_and_address)
{
	CHECK_INT(net_host_by_ip(net, ip("10.10.1.10")), host("portal"));
	CHECK_INT(net_host_by_ip(net, ip("203.0.113.10")), host("portal"));
	CHECK_INT(net_host_by_ip(net, ip("10.10.1.11")), -1);
	CHECK_INT(net_segment_of_ip(net, ip("10.21.1.63")), net_segment_find(net, "c1-lan"));
	CHECK_INT(net_segment_of_ip(net, ip("10.21.1.64")), -1);
	CHECK_INT(net_segment_of_ip(net, ip("10.10.0.255")), -1);
	CHECK_INT(net_segment_of_ip(net, ip("8.8.8.8")), -1);
	CHECK_INT(net_host_find(net, "nope"), -1);
	CHECK(net_account_find(net, "d1.an") >= 0);
	CHECK_INT(net_host_service(net, host("portal"), NET_PROTO_TCP, 443), 0);
	CHECK_INT(net_host_service(net, host("portal"), NET_PROTO_UDP, 443), -1);
}

TEST(internet_reaches_the_dmz_only_where_allowed)
{
	struct net_flow f;

	CHECK_INT(flow(&f, "198.51.100.7", "203.0.113.10", NET_PROTO_TCP, 443), NET_FLOW_OK);
	CHECK_INT(f.nfirewalls, 2);
	CHECK_INT(f.firewalls[0], net_site_find(net, "p"));
	CHECK_INT(f.firewalls[1], net_site_find(net, "dc"));
	CHECK_INT(f.rule, 0);
	CHECK_INT(f.dst_host, host("portal"));

	CHECK_INT(flow(&f, "198.51.100.7", "203.0.113.10", NET_PROTO_TCP, 22), NET_FLOW_DENIED);
	CHECK_INT(f.stopped_at, 0);
	CHECK_INT(f.rule, -1);
	CHECK_INT(flow(&f, "198.51.100.7", "10.10.2.20", NET_PROTO_TCP, 5432), NET_FLOW_DENIED);
}

TEST(zones_inside_one_site_cross_its_firewall)
{
	struct net_flow f;

	CHECK_INT(flow(&f, "10.10.1.10", "10.10.2.20", NET_PROTO_TCP, 5432), NET_FLOW_OK);
	CHECK_INT(f.nfirewalls, 1);
	CHECK_INT(f.firewalls[0], net_site_find(net, "dc"));
	CHECK_INT(f.rule, 1);
	CHECK_INT(flow(&f, "10.10.1.10", "10.10.2.20", NET_PROTO_TCP, 22), NET_FLOW_DENIED);
}

TEST(first_matching_rule_decides)
{
	struct net_flow f;

	/* The commune is inside province p, but its own deny comes first. */
	CHECK_INT(flow(&f, "10.21.1.11", "8.8.8.8", NET_PROTO_UDP, 53), NET_FLOW_DENIED);
	CHECK_INT(f.rule, 2);
	CHECK_INT(f.firewalls[f.stopped_at], net_site_find(net, "d1-c1"));
	CHECK_INT(flow(&f, "10.21.0.11", "8.8.8.8", NET_PROTO_UDP, 53), NET_FLOW_OK);
	CHECK_INT(f.rule, 3);
	CHECK_INT(f.nfirewalls, 2);
	CHECK_INT(f.firewalls[0], net_site_find(net, "d1"));
	CHECK_INT(f.firewalls[1], net_site_find(net, "p"));
	/* zone:dmz selector, every port: the port check then falls to the host. */
	CHECK_INT(flow(&f, "10.21.0.11", "10.10.1.10", NET_PROTO_TCP, 443), NET_FLOW_OK);
	CHECK_INT(flow(&f, "10.21.0.11", "10.10.1.10", NET_PROTO_TCP, 22), NET_FLOW_NO_SERVICE);
	/* Commune to its district over smb: the site rule covers d1's subtree. */
	CHECK_INT(flow(&f, "10.21.1.11", "10.21.0.11", NET_PROTO_TCP, 445), NET_FLOW_OK);
	CHECK_INT(f.nfirewalls, 2);
	CHECK_INT(f.firewalls[0], net_site_find(net, "d1-c1"));
	CHECK_INT(f.firewalls[1], net_site_find(net, "d1"));
}

TEST(isolation_and_shutdown_stop_flows)
{
	struct net_flow f;
	int pc = host("d1-pc-01"), portal = host("portal");

	net_host_set(net, pc, NET_HOST_ISOLATED, true);
	CHECK_INT(flow(&f, "10.21.0.11", "8.8.8.8", NET_PROTO_TCP, 443), NET_FLOW_SRC_ISOLATED);
	CHECK(!sees("apt-d1", &f));
	CHECK_INT(flow(&f, "10.21.1.11", "10.21.0.11", NET_PROTO_TCP, 445), NET_FLOW_DST_ISOLATED);
	net_host_set(net, pc, NET_HOST_ISOLATED, false);
	CHECK_INT(flow(&f, "10.21.0.11", "8.8.8.8", NET_PROTO_TCP, 443), NET_FLOW_OK);

	net_host_set(net, portal, NET_HOST_DOWN, true);
	CHECK_INT(flow(&f, "198.51.100.7", "203.0.113.10", NET_PROTO_TCP, 443), NET_FLOW_DST_DOWN);
	CHECK_INT(flow(&f, "10.10.1.10", "10.10.2.20", NET_PROTO_TCP, 5432), NET_FLOW_SRC_DOWN);
	net_host_set(net, portal, NET_HOST_DOWN, false);
	CHECK_INT(flow(&f, "198.51.100.7", "203.0.113.10", NET_PROTO_TCP, 443), NET_FLOW_OK);
}

TEST(blocks_apply_at_the_firewalls_on_the_path)
{
	struct net_flow f;
	int p = net_site_find(net, "p"), c1 = net_site_find(net, "d1-c1");

	CHECK_INT(net_block_add(net, NET_BLOCK_IP, "8.8.8.8", c1), 0);
	CHECK_INT(flow(&f, "10.21.0.11", "8.8.8.8", NET_PROTO_UDP, 53), NET_FLOW_OK);
	CHECK_INT(net_block_add(net, NET_BLOCK_IP, "8.8.8.8", p), 0);
	CHECK_INT(flow(&f, "10.21.0.11", "8.8.8.8", NET_PROTO_UDP, 53), NET_FLOW_BLOCKED);
	CHECK_INT(f.stopped_at, 1);
	CHECK(sees("fw-p", &f));
	CHECK(sees("apt-d1", &f));
	CHECK_INT(net_block_remove(net, NET_BLOCK_IP, "8.8.8.8", p), 1);
	CHECK_INT(net_block_remove(net, NET_BLOCK_IP, "8.8.8.8", p), 0);
	CHECK_INT(flow(&f, "10.21.0.11", "8.8.8.8", NET_PROTO_UDP, 53), NET_FLOW_OK);
	CHECK_INT(net_block_remove(net, NET_BLOCK_IP, "8.8.8.8", c1), 1);

	/* A prefix blocked everywhere stops the source side too. */
	CHECK_INT(net_block_add(net, NET_BLOCK_IP, "198.51.100.0/24", -1), 0);
	CHECK_INT(flow(&f, "198.51.100.7", "203.0.113.10", NET_PROTO_TCP, 443), NET_FLOW_BLOCKED);
	CHECK_INT(f.stopped_at, 0);
	CHECK(sees("fw-p", &f));
	CHECK(!sees("ids-dc", &f));
	CHECK_INT(net_block_remove(net, NET_BLOCK_IP, "198.51.100.0/24", -1), 1);

	/* Inside one segment no firewall is crossed, so no block applies. */
	CHECK_INT(net_block_add(net, NET_BLOCK_IP, "10.21.0.11", -1), 0);
	CHECK_INT(flow(&f, "10.21.0.12", "10.21.0.11", NET_PROTO_TCP, 445), NET_FLOW_OK);
	CHECK_INT(f.nfirewalls, 0);
	CHECK_INT(net_block_remove(net, NET_BLOCK_IP, "10.21.0.11", -1), 1);

	CHECK_INT(net_block_add(net, NET_BLOCK_IP, "10.1.2.300", -1), -1);
	CHECK_INT(net_block_add(net, NET_BLOCK_IP, "10.1.2.0/33", -1), -1);
	CHECK_INT((int)net->nblocks, 0);
}

TEST(domain_and_hash_blocks)
{
	int p = net_site_find(net, "p");

	CHECK_INT(net_block_add(net, NET_BLOCK_DOMAIN, "evil.example", p), 0);
	CHECK_INT(net_block_add(net, NET_BLOCK_DOMAIN, "evil.example", p), 0);
	CHECK_INT((int)net->nblocks, 1);
	CHECK(net_blocked_at(net, NET_BLOCK_DOMAIN, "evil.example", p));
	CHECK(net_blocked_at(net, NET_BLOCK_DOMAIN, "CDN.Evil.Example", p));
	CHECK(!net_blocked_at(net, NET_BLOCK_DOMAIN, "notevil.example", p));
	CHECK(!net_blocked_at(net, NET_BLOCK_DOMAIN, "evil.example", net_site_find(net, "dc")));
	CHECK_INT(net_block_add(net, NET_BLOCK_HASH, "D41D8CD98F00B204E9800998ECF8427E", -1), 0);
	CHECK(net_blocked_at(net, NET_BLOCK_HASH, "d41d8cd98f00b204e9800998ecf8427e", p));
	CHECK_INT(net_block_remove(net, NET_BLOCK_DOMAIN, "evil.example", p), 1);
	CHECK_INT(net_block_remove(net, NET_BLOCK_HASH, "d41d8cd98f00b204e9800998ecf8427e", -1), 1);
	CHECK_INT((int)net->nblocks, 0);
}

TEST(sensors_see_what_their_placement_allows)
{
	struct net_flow f;
	int sys = net_system_find(net, "portal");

	CHECK_INT(flow(&f, "198.51.100.7", "203.0.113.10", NET_PROTO_TCP, 443), NET_FLOW_OK);
	CHECK(sees("ids-dc", &f));
	CHECK(sees("fw-p", &f));
	CHECK(sees("win-soc", &f));
	CHECK(!sees("apt-d1", &f));
	CHECK(!sees("fw-c1", &f));

	/* Dropped at the perimeter: only the perimeter firewall logs it. */
	CHECK_INT(flow(&f, "198.51.100.7", "203.0.113.10", NET_PROTO_TCP, 22), NET_FLOW_DENIED);
	CHECK(sees("fw-p", &f));
	CHECK(!sees("ids-dc", &f));
	CHECK(!sees("win-soc", &f));

	/* The district APT sensor sees its communes' traffic too. */
	CHECK_INT(flow(&f, "10.21.1.11", "8.8.8.8", NET_PROTO_UDP, 53), NET_FLOW_DENIED);
	CHECK(sees("apt-d1", &f));
	CHECK(sees("fw-c1", &f));
	CHECK(!sees("fw-p", &f));

	/* The SOC's host sensor follows the monitored set. */
	CHECK(net_sensor_sees_host(net, net_sensor_find(net, "win-soc"), host("db")));
	net_system_set_monitored(net, sys, false);
	CHECK(!net_sensor_sees_host(net, net_sensor_find(net, "win-soc"), host("db")));
	net_system_set_monitored(net, sys, true);
}

TEST(unmodelled_private_addresses_have_no_route)
{
	struct net_flow f;

	CHECK_INT(flow(&f, "10.21.0.11", "10.99.0.1", NET_PROTO_TCP, 80), NET_FLOW_NO_ROUTE);
	CHECK(!sees("apt-d1", &f));
	CHECK_STR(net_verdict_reason(NET_FLOW_BLOCKED), "address blocked at a firewall");
}

TEST(system_availability_follows_its_hosts)
{
	int sys = net_system_find(net, "portal");

	CHECK(net_system_available(net, sys));
	net_host_set(net, host("portal"), NET_HOST_ISOLATED, true);
	CHECK(net_system_available(net, sys));
	net_host_set(net, host("db"), NET_HOST_DOWN, true);
	CHECK(!net_system_available(net, sys));
	net_host_set(net, host("portal"), NET_HOST_ISOLATED, false);
	CHECK(net_system_available(net, sys));
	net_system_set(net, sys, NET_SYSTEM_DOWN, true);
	CHECK(!net_system_available(net, sys));
	net_system_set(net, sys, NET_SYSTEM_DOWN, false);
	net_host_set(net, host("db"), NET_HOST_DOWN, false);
}

int main(void)
{
	struct diag errs;

	diag_init(&errs);
	net = net_load("tests/data/net-small.lua", &errs);
	diag_print(&errs, stdout);
	if (net == NULL) {
		printf("not ok - load tests/data/net-small.lua\n");
		diag_free(&errs);
		return 1;
	}
	RUN(loads_the_small_province);
	RUN(lookups_by_name_and_address);
	RUN(internet_reaches_the_dmz_only_where_allowed);
	RUN(zones_inside_one_site_cross_its_firewall);
	RUN(first_matching_rule_decides);
	RUN(isolation_and_shutdown_stop_flows);
	RUN(blocks_apply_at_the_firewalls_on_the_path);
	RUN(domain_and_hash_blocks);
	RUN(sensors_see_what_their_placement_allows);
	RUN(unmodelled_private_addresses_have_no_route);
	RUN(system_availability_follows_its_hosts);
	net_free(net);
	diag_free(&errs);
	return harness_finish();
}
