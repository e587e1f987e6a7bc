/* The action language: every verb parses to what it says and formats
 * back, every error is in plain words, and a rejected command leaves the
 * action and the model as they were. */
#include "harness.h"

#include "action.h"
#include "netload.h"

static struct net *net;

/* Parse command, which must succeed, into a; returns its formatted form. */
static const char *parse_ok(const char *command, struct action *a)
{
	static char formatted[ACTION_VALUE_MAX + 128];
	char err[256] = "";

	if (action_parse(net, command, a, err, sizeof(err)) != 0) {
		printf("#   '%s' refused: %s\n", command, err);
		return "";
	}
	action_format(net, a, formatted, sizeof(formatted));
	return formatted;
}

/* Parse command, which must fail leaving the action untouched; returns
 * the message. */
static const char *parse_err(const char *command)
{
	static char err[256];
	struct action a, before;

	memset(&a, 0x5a, sizeof(a));
	before = a;
	err[0] = '\0';
	if (action_parse(net, command, &a, err, sizeof(err)) == 0) {
		printf("#   '%s' was accepted\n", command);
		return "";
	}
	if (memcmp(&a, &before, sizeof(a)) != 0)
		printf("#   '%s' changed the action it was refused into\n", command);
	return memcmp(&a, &before, sizeof(a)) == 0 ? err : "";
}

TEST(containment_verbs)
{
	struct action a;

	CHECK_STR(parse_ok("isolate d1-pc-01", &a), "isolate d1-pc-01");
	CHECK_INT(a.verb, ACTION_ISOLATE);
	CHECK_INT(a.host, net_host_find(net, "d1-pc-01"));
	CHECK_STR(parse_ok("isolate 10.21.1.11", &a), "isolate c1-pc-01");
	CHECK_STR(parse_ok("isolate c1", &a), "isolate c1-pc-01");
	CHECK_STR(parse_ok("release d1-pc-01", &a), "release d1-pc-01");
	CHECK_STR(parse_ok("block ip 198.51.100.0/24", &a), "block ip 198.51.100.0/24 at everywhere");
	CHECK_INT(a.site, -1);
	CHECK_STR(parse_ok("block domain x.example.net at p", &a), "block domain x.example.net at p");
	CHECK_INT(a.site, net_site_find(net, "p"));
	CHECK_STR(parse_ok("block hash 6F1C2A9E0D8B7C4F5E3A1B2C9D8E7F60 at everywhere", &a),
		  "block hash 6f1c2a9e0d8b7c4f5e3a1b2c9d8e7f60 at everywhere");
	CHECK_STR(parse_ok("unblock ip 198.51.100.9 at d1-c1", &a), "unblock ip 198.51.100.9 at d1-c1");
	CHECK_STR(parse_ok("disable account d1.an", &a), "disable account d1.an");
	CHECK_STR(parse_ok("enable account d1.an", &a), "enable account d1.an");
	CHECK_STR(parse_ok("reset password admin", &a), "reset password admin");
	CHECK_STR(parse_ok("kill process d1-pc-01 4120", &a), "kill process d1-pc-01 4120");
	CHECK_INT(a.pid, 4120);
	CHECK_STR(parse_ok("shutdown db", &a), "shutdown db");
	CHECK_INT(a.system, -1);
	CHECK_STR(parse_ok("shutdown system portal", &a), "shutdown system portal");
	CHECK_INT(a.system, net_system_find(net, "portal"));
	CHECK_STR(parse_ok("shutdown portal", &a), "shutdown portal");
	CHECK_INT(a.system, -1);
	CHECK_STR(parse_ok("shutdown host portal", &a), "shutdown portal");
	CHECK_INT(a.host, net_host_find(net, "portal"));
	CHECK_STR(parse_ok("start system portal", &a), "start system portal");
}

TEST(recovery_verbs)
{
	struct action a;

	CHECK_STR(parse_ok("patch portal", &a), "patch portal");
	CHECK_STR(parse_ok("patch portal CVE-2023-29357", &a), "patch portal CVE-2023-29357");
	CHECK_STR(parse_ok("patch portal https", &a), "patch portal https");
	CHECK_STR(parse_ok("reimage d1-pc-01", &a), "reimage d1-pc-01");
	CHECK_STR(parse_ok("restore d1-pc-01", &a), "restore d1-pc-01");
	CHECK_STR(parse_ok("restore portal from backup", &a), "restore portal from backup");
	CHECK_INT(a.system, net_system_find(net, "portal"));
	CHECK_STR(parse_ok("restore host portal", &a), "restore portal");
	CHECK_INT(a.system, -1);
}

TEST(triage_and_reporting_verbs)
{
	struct action a;
	char field[128];

	CHECK_STR(parse_ok("ack A-0007", &a), "ack A-0007");
	CHECK_INT(a.alert, 7);
	CHECK_STR(parse_ok("ack 12", &a), "ack A-0012");
	CHECK_STR(parse_ok("classify a-3 tp", &a), "classify A-0003 true-positive");
	CHECK(a.true_positive);
	CHECK_STR(parse_ok("classify A-0003 false-positive", &a), "classify A-0003 false-positive");
	CHECK(!a.true_positive);
	CHECK_STR(parse_ok("note  beacon every 15 min, #2 C2  ", &a), "note beacon every 15 min, #2 C2");
	CHECK_STR(parse_ok("escalate police", &a), "escalate police");
	CHECK_INT(a.to, ACTION_TO_POLICE);
	CHECK_STR(parse_ok("escalate to steering-committee", &a), "escalate steering-committee");
	CHECK_STR(parse_ok("hint", &a), "hint");
	CHECK_STR(parse_ok("hint  look at the proxy logs  ", &a), "hint look at the proxy logs");
	CHECK_STR(parse_ok("hint a b c d e f g h i j k l m n o p q r s", &a), "hint a b c d e f g h i j k l m n o p q r s");
	CHECK_STR(parse_ok("report soc", &a), "report to soc");
	CHECK_STR(parse_ok("report to coordinator indicators=198.51.100.77,cdn-update.example.org "
			   "techniques=T1566.001,T1071 level=3 systems=portal,d1-pc-01 vector=phishing", &a),
		  "report to coordinator systems=portal,d1-pc-01 level=3 vector=phishing "
		  "techniques=T1566.001,T1071 indicators=198.51.100.77,cdn-update.example.org");
	CHECK_INT(a.to, ACTION_TO_COORDINATOR);
	CHECK_STR(action_report_field(&a, "level", field, sizeof(field)), "3");
	CHECK_STR(action_report_field(&a, "indicators", field, sizeof(field)),
		  "198.51.100.77,cdn-update.example.org");
	CHECK(action_report_field(&a, "vectors", field, sizeof(field)) == NULL);
}

TEST(vietnamese_aliases)
{
	struct action a;

	CHECK_STR(parse_ok("cachly d1-pc-01", &a), "isolate d1-pc-01");
	CHECK_STR(parse_ok("cách-ly d1-pc-01", &a), "isolate d1-pc-01");
	CHECK_STR(parse_ok("chặn ip 198.51.100.9", &a), "block ip 198.51.100.9 at everywhere");
	CHECK_STR(parse_ok("baocao to dieu-phoi level=2", &a), "report to coordinator level=2");
	CHECK_STR(parse_ok("chuyển-cấp công-an", &a), "escalate police");
	CHECK_STR(parse_ok("ghichu đã cô lập máy", &a), "note đã cô lập máy");
	/* Aliases are command words, not event names: on("cachly") is not. */
	CHECK_INT(action_verb_find("cachly"), -1);
	CHECK_INT(action_verb_find("isolate"), ACTION_ISOLATE);
}

TEST(errors_are_plain_and_change_nothing)
{
	CHECK_STR(parse_err(""), "empty command");
	CHECK_CONTAINS(parse_err("quarantine d1-pc-01"), "unknown command 'quarantine' (isolate, release");
	CHECK_STR(parse_err("isolate nowhere-01"), "no host 'nowhere-01' in the network");
	CHECK_STR(parse_err("isolate 10.99.0.1"), "no host has the address 10.99.0.1");
	CHECK_STR(parse_err("isolate d"), "ambiguous host 'd': 2 match (db, d1-pc-01)");
	CHECK_STR(parse_err("isolate"), "usage: isolate HOST");
	CHECK_STR(parse_err("block ip 198.51.100.300"), "'198.51.100.300' is not an IPv4 address or prefix");
	CHECK_STR(parse_err("block domain 10.0.0.1"), "'10.0.0.1' is not a domain name");
	CHECK_STR(parse_err("block hash abc"), "'abc' is not an MD5, SHA-1 or SHA-256 hash in hex");
	CHECK_STR(parse_err("block url x.example.net"), "'url' is not ip, domain or hash");
	CHECK_STR(parse_err("block ip 198.51.100.9 on p"),
		  "expected 'at SITE' or 'at everywhere' after the value, not 'on'");
	CHECK_STR(parse_err("block ip 198.51.100.9 at mars"), "no site 'mars' in the network");
	CHECK_STR(parse_err("block ip 198.51.100.9 at soc"), "site 'soc' has no firewall to block at");
	CHECK_STR(parse_err("disable d1.an"), "usage: disable account USER");
	CHECK_STR(parse_err("disable account nobody"), "no account 'nobody' in the network");
	CHECK_STR(parse_err("reset account admin"), "usage: reset password USER");
	CHECK_STR(parse_err("kill d1-pc-01 4120"), "usage: kill process HOST PID");
	CHECK_STR(parse_err("kill process d1-pc-01 -3"), "'-3' is not a process id");
	CHECK_STR(parse_err("shutdown system qlvb"), "no system 'qlvb' in the network");
	CHECK_STR(parse_err("restore portal from tape"), "usage: restore HOST, or restore SYSTEM from backup");
	CHECK_STR(parse_err("restore nothing from backup"), "no system 'nothing' in the network");
	CHECK_STR(parse_err("ack B-7"), "'B-7' is not an alert id (A-0001, …)");
	CHECK_STR(parse_err("ack A-0000"), "'A-0000' is not an alert id (A-0001, …)");
	CHECK_STR(parse_err("classify A-0001 maybe"), "'maybe' is not true-positive or false-positive");
	CHECK_STR(parse_err("note"), "usage: note TEXT");
	CHECK_STR(parse_err("escalate soc"), "escalate to steering-committee, coordinator, police or military-region; "
					     "the SOC gets a report");
	CHECK_STR(parse_err("escalate president"),
		  "'president' is not steering-committee, coordinator, police or military-region");
	CHECK_STR(parse_err("report to police"), "a report goes to soc or coordinator, not 'police'");
	CHECK_STR(parse_err("report to coordinator level=7"), "report field level: '7' is not a security level 1 to 5");
	CHECK_STR(parse_err("report to coordinator level"), "report field 'level' is not key=value");
	CHECK_STR(parse_err("report to coordinator size=3"),
		  "unknown report field 'size' (systems, level, vector, techniques, indicators)");
	CHECK_STR(parse_err("report to soc level=2 level=3"), "report field level given twice");
	CHECK_CONTAINS(parse_err("report to soc vector=magic"), "report field vector: 'magic' is not phishing");
	CHECK_STR(parse_err("report to soc systems=portal,qlvb"),
		  "report field systems: no system or host 'qlvb' in the network");
	CHECK_STR(parse_err("report to soc techniques=T15"), "report field techniques: 'T15' is not an ATT&CK id (T1566.001)");
	CHECK_STR(parse_err("report to soc indicators=198.51.100.256"),
		  "report field indicators: '198.51.100.256' is not an IPv4 address, a domain or a hash");
	CHECK_STR(parse_err("report to soc indicators=a.example,,b.example"),
		  "report field indicators: an empty item in the list");
	CHECK_STR(parse_err("isolate a b c d e f g h i j k l m n o p q"), "too many words in the command");
}

TEST(apply_changes_the_model)
{
	struct action a;
	int portal = net_system_find(net, "portal"), db = net_host_find(net, "db");

	parse_ok("shutdown system portal", &a);
	action_apply(net, &a);
	CHECK(!net_system_available(net, portal));
	net_host_set(net, db, NET_HOST_COMPROMISED | NET_HOST_DOWN, true);
	parse_ok("restore portal from backup", &a);
	action_apply(net, &a);
	CHECK(net_system_available(net, portal));
	CHECK_INT(net->hosts[db].state & (NET_HOST_COMPROMISED | NET_HOST_DOWN), 0);
	/* Triage changes nothing in the model. */
	net_host_set(net, db, NET_HOST_COMPROMISED, true);
	parse_ok("ack A-0001", &a);
	action_apply(net, &a);
	CHECK(net->hosts[db].state & NET_HOST_COMPROMISED);
}

int main(void)
{
	struct diag errs;

	diag_init(&errs);
	net = net_load("tests/data/net-small.lua", &errs);
	diag_print(&errs, stdout);
	diag_free(&errs);
	if (net == NULL)
		return 1;
	RUN(containment_verbs);
	RUN(recovery_verbs);
	RUN(triage_and_reporting_verbs);
	RUN(vietnamese_aliases);
	RUN(errors_are_plain_and_change_nothing);
	RUN(apply_changes_the_model);
	net_free(net);
	return harness_finish();
}
