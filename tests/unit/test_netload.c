/* Loading network models: what the loader derives from the file beyond
 * what the summary shows (rule order, defaults). */
#include "harness.h"

#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "ipaddr.h"
#include "netload.h"

static const char *prelude =
	"network { id = 't', name = 'T' }\n"
	"site { id = 'p', kind = 'province', name = 'P' }\n"
	"site { id = 'd', kind = 'district', subkind = 'town', parent = 'p', name = 'D' }\n"
	"segment { id = 'a', site = 'p', zone = 'lan', cidr = '10.1.0.0/24' }\n"
	"segment { id = 'b', site = 'd', zone = 'lan', cidr = '10.2.0.0/24' }\n";

static struct net *load(const char *body, struct diag *errs)
{
	char path[] = "/tmp/irdrill-netXXXXXX";
	int fd = mkstemp(path);
	struct net *net;

	CHECK(fd >= 0);
	CHECK(write(fd, prelude, strlen(prelude)) == (ssize_t)strlen(prelude));
	CHECK(write(fd, body, strlen(body)) == (ssize_t)strlen(body));
	close(fd);
	diag_init(errs);
	net = net_load(path, errs);
	unlink(path);
	return net;
}

static enum net_verdict verdict(struct net *net, const char *src, const char *dst, uint16_t port)
{
	struct net_flow f = { .proto = NET_PROTO_TCP, .port = port };

	CHECK(ipaddr_parse(src, &f.src) && ipaddr_parse(dst, &f.dst));
	return net_flow(net, &f);
}

TEST(rules_keep_the_order_of_the_calls)
{
	struct diag errs;
	/* The helper sits above both calls; ordering by line would put the
	 * deny (line of the helper's body) before the allow. */
	struct net *net = load(
		"local function rule(f, t) deny { from = f, to = t } end\n"
		"allow { from = 'b', to = 'a', ports = 'tcp/445' }\n"
		"rule('b', 'a')\n", &errs);

	CHECK(net != NULL);
	if (net) {
		CHECK_INT(net->nrules, 2);
		CHECK(net->rules[0].allow);
		CHECK_INT(verdict(net, "10.2.0.5", "10.1.0.5", 445), NET_FLOW_OK);
		CHECK_INT(verdict(net, "10.2.0.5", "10.1.0.5", 139), NET_FLOW_DENIED);
	}
	net_free(net);
	diag_free(&errs);
}

TEST(rules_in_a_loop_keep_their_order)
{
	struct diag errs;
	struct net *net = load(
		"for _, r in ipairs { { 'deny', 'tcp/22' }, { 'allow', 'tcp/any' } } do\n"
		"  local f = r[1] == 'deny' and deny or allow\n"
		"  f { from = 'b', to = 'a', ports = r[2] }\n"
		"end\n", &errs);

	CHECK(net != NULL);
	if (net) {
		CHECK_INT(verdict(net, "10.2.0.5", "10.1.0.5", 22), NET_FLOW_DENIED);
		CHECK_INT(verdict(net, "10.2.0.5", "10.1.0.5", 80), NET_FLOW_OK);
	}
	net_free(net);
	diag_free(&errs);
}

TEST(defaults_apply)
{
	struct diag errs;
	struct net *net = load(
		"account { name = 'x', site = 'p' }\n"
		"host { name = 'h', segment = 'a', ip = '10.1.0.9', os = 'L', role = 'r', criticality = 'medium', accounts = 'x' }\n",
		&errs);

	CHECK(net != NULL);
	if (net) {
		CHECK(net->sites[0].firewall);
		CHECK_INT(net->hosts[0].level, 1);
		CHECK_INT(net->hosts[0].criticality, NET_CRIT_MEDIUM);
		CHECK_INT(net->hosts[0].naccounts, 1);
		CHECK(!net->accounts[0].admin);
		CHECK_INT(net->hosts[0].nservices, 0);
	}
	net_free(net);
	diag_free(&errs);
}

TEST(services_parse_name_and_product)
{
	struct diag errs;
	struct net *net = load(
		"host { name = 'h', segment = 'a', ip = '10.1.0.9', os = 'L', role = 'r', criticality = 'low',\n"
		"       services = { 'tcp/443 https nginx 1.18', 'udp/53 dns', 'tcp/8080' } }\n", &errs);

	CHECK(net != NULL);
	if (net) {
		const struct net_host *h = &net->hosts[0];

		CHECK_INT(h->nservices, 3);
		CHECK_STR(h->services[0].name, "https");
		CHECK_STR(h->services[0].product, "nginx 1.18");
		CHECK_INT(h->services[1].proto, NET_PROTO_UDP);
		CHECK_STR(h->services[1].product, NULL);
		CHECK_STR(h->services[2].name, NULL);
	}
	net_free(net);
	diag_free(&errs);
}

TEST(errors_are_all_collected)
{
	struct diag errs;
	struct net *net = load(
		"host { name = 'h1', segment = 'zz', ip = '10.1.0.9', os = 'L', role = 'r', criticality = 'low' }\n"
		"host { name = 'h2', segment = 'a', ip = '10.1.0.9', os = 'L', role = 'r', criticality = 'low' }\n"
		"host { name = 'h3', segment = 'a', ip = '10.1.0.9', os = 'L', role = 'r', criticality = 'low' }\n",
		&errs);

	CHECK(net == NULL);
	CHECK_INT((int)diag_count(&errs), 3);
	CHECK_CONTAINS(errs.len > 0 ? errs.msgs[0] : NULL, ":6: host 'h1': segment 'zz'");
	CHECK_CONTAINS(errs.len > 1 ? errs.msgs[1] : NULL, ":7: host 'h2': address 10.1.0.9 is already taken by host 'h1' (line 6)");
	CHECK_CONTAINS(errs.len > 2 ? errs.msgs[2] : NULL, ":8: host 'h3': address 10.1.0.9 is already taken");
	net_free(net);
	diag_free(&errs);
}

int main(void)
{
	RUN(rules_keep_the_order_of_the_calls);
	RUN(rules_in_a_loop_keep_their_order);
	RUN(defaults_apply);
	RUN(services_parse_name_and_product);
	RUN(errors_are_all_collected);
	return harness_finish();
}
