/* Routing records to sensors on tests/data/net-small.lua: the type of a
 * sensor decides what it logs, its placement what it sees, and the
 * firewall that drops a connection logs a deny under its policy while the
 * others on the path log it allowed. */
#include "harness.h"

#include <string.h>

#include "diag.h"
#include "ipaddr.h"
#include "netload.h"
#include "sensor.h"

static struct net *net;
static struct sensors sensors;

/* What one routing call delivered. */
static struct {
	int n;
	int sensor[16];
	bool denied[16];
	int policy[16];
} got;

static void collect(void *ctx, const struct event *ev, enum sensor_type type)
{
	(void)ctx;
	CHECK(sensor_type_logs(type, ev));
	if (got.n < 16) {
		got.sensor[got.n] = ev->sensor;
		got.denied[got.n] = ev->u.flow.denied;
		got.policy[got.n] = ev->u.flow.policy;
	}
	got.n++;
}

static int route(const struct event *ev, const struct net_flow *f)
{
	memset(&got, 0, sizeof(got));
	return sensors_route(&sensors, ev, f, collect, NULL);
}

/* Index in got of the delivery to sensor id, -1 if it got none. */
static int got_index(const char *id)
{
	int s = net_sensor_find(net, id);

	CHECK(s >= 0);
	for (int i = 0; i < got.n && i < 16; i++)
		if (got.sensor[i] == s)
			return i;
	return -1;
}

static void decide(struct net_flow *f, const char *src, const char *dst, uint16_t port)
{
	memset(f, 0, sizeof(*f));
	CHECK(ipaddr_parse(src, &f->src));
	CHECK(ipaddr_parse(dst, &f->dst));
	f->proto = NET_PROTO_TCP;
	f->port = port;
	net_flow(net, f);
}

TEST(types_log_their_own_kinds)
{
	struct event ev = { .kind = EVENT_DNS, .host = -1 };

	CHECK(sensor_type_logs(SENSOR_SURICATA, &ev));
	CHECK(sensor_type_logs(SENSOR_ZEEK, &ev));
	CHECK(!sensor_type_logs(SENSOR_FORTIGATE, &ev));
	CHECK(!sensor_type_logs(SENSOR_SYSMON, &ev));
	/* The same lookup made by a process on a host is Sysmon's. */
	ev.host = 0;
	ev.process.pid = 4242;
	CHECK(sensor_record_on_host(&ev));
	CHECK(sensor_type_logs(SENSOR_SYSMON, &ev));
	CHECK(!sensor_type_logs(SENSOR_SURICATA, &ev));
	ev = (struct event){ .kind = EVENT_UTM, .host = -1 };
	CHECK(sensor_type_logs(SENSOR_FORTIGATE, &ev));
	CHECK(!sensor_type_logs(SENSOR_ZEEK, &ev));
	ev.kind = EVENT_ALERT;
	CHECK(sensor_type_logs(SENSOR_APT, &ev));
	CHECK(sensor_type_logs(SENSOR_SURICATA, &ev));
	ev.kind = EVENT_MAIL;
	CHECK(sensor_type_logs(SENSOR_POSTFIX, &ev));
	CHECK(sensor_type_logs(SENSOR_SPAMASSASSIN, &ev));
	CHECK(!sensor_type_logs(SENSOR_WINDOWS, &ev));
}

TEST(type_names_round_trip)
{
	for (int t = 0; t < SENSOR_TYPE_COUNT; t++) {
		enum sensor_type back;

		CHECK(sensor_type_parse(sensor_type_name((enum sensor_type)t), &back));
		CHECK_INT((int)back, t);
	}
	CHECK(!sensor_type_parse("snort", &(enum sensor_type){ 0 }));
}

TEST(an_allowed_connection_reaches_the_sensors_on_its_path)
{
	struct net_flow f;
	struct event ev = { .kind = EVENT_FLOW, .host = -1 };
	int i;

	/* From the Internet to the portal: the perimeter firewall and the
	 * data-center IDS see it; the commune firewall does not. */
	decide(&f, "198.51.100.77", "203.0.113.10", 443);
	CHECK_INT(f.verdict, NET_FLOW_OK);
	route(&ev, &f);
	CHECK(got_index("ids-dc") >= 0);
	CHECK((i = got_index("fw-p")) >= 0);
	CHECK(i >= 0 && !got.denied[i]);
	CHECK(i >= 0 && got.policy[i] == f.rule + 1);
	CHECK(got_index("fw-c1") < 0);
	CHECK(got_index("win-soc") < 0); /* a host log never gets traffic */
}

TEST(the_dropping_firewall_logs_a_deny)
{
	struct net_flow f;
	struct event ev = { .kind = EVENT_FLOW, .host = -1 };
	int i;

	/* A commune PC to the Internet: its own firewall's policy drops it. */
	decide(&f, "10.21.1.11", "198.51.100.77", 443);
	CHECK_INT(f.verdict, NET_FLOW_DENIED);
	route(&ev, &f);
	CHECK((i = got_index("fw-c1")) >= 0);
	CHECK(i >= 0 && got.denied[i]);
	CHECK(i >= 0 && got.policy[i] == f.rule + 1);
	CHECK(got_index("fw-p") < 0); /* it never got that far */
	CHECK(got_index("apt-d1") < 0); /* apt logs alerts, not flows */
	ev.kind = EVENT_ALERT;
	route(&ev, &f);
	CHECK(got_index("apt-d1") >= 0);
}

TEST(host_records_go_to_the_host_sensors_that_watch_the_host)
{
	struct event ev = { .kind = EVENT_LOGON };
	int n;

	ev.host = net_host_find(net, "db"); /* in the monitored portal system */
	n = route(&ev, NULL);
	CHECK_INT(n, 1);
	CHECK(got_index("win-soc") >= 0);
	ev.host = net_host_find(net, "c1-pc-01"); /* watched by no host sensor */
	CHECK_INT(route(&ev, NULL), 0);
	/* A wire record with no connection decision reaches nobody. */
	ev = (struct event){ .kind = EVENT_FLOW, .host = -1 };
	CHECK_INT(route(&ev, NULL), 0);
}

int main(void)
{
	struct diag errs;

	diag_init(&errs);
	net = net_load("tests/data/net-small.lua", &errs);
	diag_print(&errs, stderr);
	diag_free(&errs);
	if (net == NULL)
		return 1;
	sensors_init(&sensors, net);
	RUN(types_log_their_own_kinds);
	RUN(type_names_round_trip);
	RUN(an_allowed_connection_reaches_the_sensors_on_its_path);
	RUN(the_dropping_firewall_logs_a_deny);
	RUN(host_records_go_to_the_host_sensors_that_watch_the_host);
	sensors_free(&sensors);
	net_free(net);
	return harness_finish();
}
