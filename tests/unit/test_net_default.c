/* The default province (scenarios/networks/default.lua): its policy
 * decides the flows in tests/data/default-flows.txt as a provincial
 * network should, and its sensors cover every district and commune. */
#include "harness.h"

#include "diag.h"
#include "ipaddr.h"
#include "netload.h"

static struct net *net;

static bool endpoint(const char *s, uint32_t *ip)
{
	int h = net_host_find(net, s);

	if (h >= 0) {
		*ip = net->hosts[h].ip;
		return true;
	}
	return ipaddr_parse(s, ip);
}

static const char *verdict_word(enum net_verdict v)
{
	return v == NET_FLOW_OK ? "ok" : v == NET_FLOW_DENIED ? "denied" : net_verdict_reason(v);
}

TEST(policy_decides_the_reference_flows)
{
	FILE *f = fopen("tests/data/default-flows.txt", "r");
	char line[256], src[64], dst[64], proto[8], want[16];
	unsigned port;
	int checked = 0;

	CHECK(f != NULL);
	while (f && fgets(line, sizeof(line), f)) {
		struct net_flow fl = { 0 };

		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "%63s %63s %7[a-z]/%u %15s", src, dst, proto, &port, want) != 5) {
			printf("#   unreadable line: %s", line);
			CHECK(0);
			continue;
		}
		CHECK(endpoint(src, &fl.src));
		CHECK(endpoint(dst, &fl.dst));
		fl.proto = strcmp(proto, "udp") == 0 ? NET_PROTO_UDP : NET_PROTO_TCP;
		fl.port = (uint16_t)port;
		net_flow(net, &fl);
		if (strcmp(verdict_word(fl.verdict), want) != 0) {
			printf("#   %s -> %s %s/%u: %s, expected %s\n", src, dst, proto, port,
			       verdict_word(fl.verdict), want);
			CHECK(0);
		}
		checked++;
	}
	if (f)
		fclose(f);
	CHECK(checked >= 40);
}

/* Does some sensor of this type see flows crossing site's firewall or
 * originating in it? */
static bool covered(int site, const char *type, bool by_firewall)
{
	for (int s = 0; s < net->nsensors; s++) {
		const struct net_sensor *sn = &net->sensors[s];

		if (strcmp(sn->type, type) != 0)
			continue;
		if (by_firewall && sn->firewall == site)
			return true;
		for (int i = 0; !by_firewall && i < sn->nsites; i++)
			if (net_site_within(net, site, sn->sites[i]))
				return true;
	}
	return false;
}

TEST(every_commune_firewall_logs_and_every_district_has_an_apt_sensor)
{
	int communes = 0, districts = 0;

	for (int i = 0; i < net->nsites; i++) {
		const struct net_site *s = &net->sites[i];

		if (s->kind == NET_SITE_COMMUNE) {
			communes++;
			CHECK(s->firewall);
			CHECK(covered(i, "fortigate", true));
			CHECK(covered(i, "apt", false)); /* its district's sensor */
			CHECK_INT(net->sites[s->parent].kind, NET_SITE_DISTRICT);
		} else if (s->kind == NET_SITE_DISTRICT) {
			districts++;
			CHECK(covered(i, "apt", false));
		}
	}
	CHECK_INT(communes, 91);
	CHECK_INT(districts, 9);
}

TEST(names_are_utf8_vietnamese_and_ids_ascii)
{
	int h = net_site_find(net, "tdm");

	CHECK(h >= 0);
	if (h >= 0)
		CHECK_STR(net->sites[h].name, "Thành phố Thủ Dầu Một");
	for (int i = 0; i < net->nhosts; i++)
		for (const char *c = net->hosts[i].name; *c; c++)
			CHECK((unsigned char)*c < 0x80);
}

TEST(soc_monitors_ten_systems_of_level_one_to_three)
{
	int monitored = 0;

	CHECK_INT(net->nsystems, 23);
	for (int i = 0; i < net->nsystems; i++) {
		monitored += net->systems[i].monitored;
		CHECK(net->systems[i].level >= 1 && net->systems[i].level <= 3);
	}
	CHECK_INT(monitored, 10);
	CHECK(net->systems[net_system_find(net, "email")].level == 3);
	CHECK(net->systems[net_system_find(net, "qlvb")].monitored);
}

int main(void)
{
	struct diag errs;

	diag_init(&errs);
	net = net_load("scenarios/networks/default.lua", &errs);
	diag_print(&errs, stdout);
	if (net == NULL) {
		printf("not ok - load scenarios/networks/default.lua\n");
		diag_free(&errs);
		return 1;
	}
	RUN(policy_decides_the_reference_flows);
	RUN(every_commune_firewall_logs_and_every_district_has_an_apt_sensor);
	RUN(names_are_utf8_vietnamese_and_ids_ascii);
	RUN(soc_monitors_ten_systems_of_level_one_to_three);
	net_free(net);
	diag_free(&errs);
	return harness_finish();
}
