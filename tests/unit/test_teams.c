/* Teams and their zones: --teams and --mode parse or say what is wrong,
 * zones are checked against the network, and in shared mode a team's
 * action outside its zones is refused in plain words, by the drill too,
 * with nothing changed. */
#include "harness.h"

#include "drill.h"
#include "netload.h"
#include "teams.h"

static struct net *net;

static const char *parse_err(const char *spec)
{
	static char why[512];
	struct teams t;

	why[0] = '\0';
	if (teams_parse(spec, &t, why, sizeof(why)) == 0)
		printf("#   '%s' was accepted\n", spec);
	return why;
}

/* Parse and resolve spec on the small network, in mode. */
static int shared(const char *spec, enum teams_mode mode, struct teams *t)
{
	char why[512] = "";

	t->mode = mode;
	if (teams_parse(spec, t, why, sizeof(why)) != 0 || teams_resolve(t, net, why, sizeof(why)) != 0) {
		printf("#   '%s': %s\n", spec, why);
		return -1;
	}
	return 0;
}

/* teams_check of "TEAM COMMAND"; "" when allowed, else the message. */
static const char *check(const struct teams *t, const char *team, const char *command)
{
	static char err[512];
	struct action a;

	err[0] = '\0';
	if (action_parse(net, command, &a, err, sizeof(err)) != 0) {
		printf("#   '%s' does not parse: %s\n", command, err);
		return "unparsed";
	}
	snprintf(a.team, sizeof(a.team), "%s", team);
	if (teams_check(t, &a, err, sizeof(err)) == 0)
		return "";
	return err;
}

TEST(parse_names_and_zones)
{
	struct teams t;
	char why[256] = "";

	CHECK_INT(teams_parse("soc", &t, why, sizeof(why)), 0);
	CHECK_INT(t.n, 1);
	CHECK_STR(t.v[0].name, "soc");
	CHECK_STR(t.v[0].zones, "");
	CHECK_INT(teams_parse("d1=d1+d1-c1,prov=dc,soc", &t, why, sizeof(why)), 0);
	CHECK_STR(why, "");
	CHECK_INT(t.n, 3);
	CHECK_STR(t.v[0].name, "d1");
	CHECK_STR(t.v[0].zones, "d1+d1-c1");
	CHECK_STR(t.v[1].name, "prov");
	CHECK_STR(t.v[1].zones, "dc");
	CHECK_STR(t.v[2].zones, "");
	CHECK_INT(teams_find(&t, "prov"), 1);
	CHECK_INT(teams_find(&t, "nobody"), -1);
}

TEST(parse_errors_name_the_problem)
{
	CHECK_STR(parse_err("a,,b"), "--teams 'a,,b': a team has an empty name");
	CHECK_STR(parse_err("a,a"), "--teams 'a,a': team 'a' is named twice");
	CHECK_STR(parse_err("a b"), "--teams 'a b': team 'a b' has a space, a control character or one of # , = + "
		  "in its name");
	CHECK_STR(parse_err("a=,b"), "--teams 'a=,b': team 'a' has '=' but no zones");
	CHECK_STR(parse_err("a=d1++dc"), "--teams 'a=d1++dc': team 'a' has an empty zone in 'd1++dc'");
	CHECK_STR(parse_err("a=d1+dc+d1"), "--teams 'a=d1+dc+d1': team 'a' names zone 'd1' twice");
	CHECK_STR(parse_err("a=d1=dc"), "--teams 'a=d1=dc': team 'a' has a zone 'd1=dc' that is not a site id");
	CHECK_STR(parse_err("abcdefghijabcdefghijabcdefghijabc"),
		  "--teams 'abcdefghijabcdefghijabcdefghijabc': team 'abcdefghijabcdefghijabcdefghijabc' is "
		  "longer than 31 bytes");
	CHECK_STR(parse_err("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q"),
		  "--teams 'a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q': more than 16 teams");
}

TEST(modes)
{
	enum teams_mode m = TEAMS_SHARED;

	CHECK(teams_mode_parse("parallel", &m));
	CHECK_INT(m, TEAMS_PARALLEL);
	CHECK(teams_mode_parse("shared", &m));
	CHECK_INT(m, TEAMS_SHARED);
	CHECK(!teams_mode_parse("both", &m));
	CHECK(!teams_mode_parse("", &m));
	CHECK_STR(teams_mode_name(TEAMS_PARALLEL), "parallel");
	CHECK_STR(teams_mode_name(TEAMS_SHARED), "shared");
}

TEST(unknown_zone_is_named)
{
	struct teams t = { .mode = TEAMS_SHARED };
	char why[512] = "";

	CHECK_INT(teams_parse("prov=dc,d9=d9", &t, why, sizeof(why)), 0);
	CHECK_INT(teams_resolve(&t, net, why, sizeof(why)), -1);
	CHECK_STR(why, "--teams: team 'd9': no zone 'd9' in network test-small (a zone is a site id of the network "
		  "model, such as p)");
}

TEST(zone_ownership)
{
	struct teams t;
	int p = net_site_find(net, "p"), d1 = net_site_find(net, "d1"), c1 = net_site_find(net, "d1-c1"),
	    dc = net_site_find(net, "dc");

	/* A district takes its communes; a team with no zones the rest. */
	CHECK_INT(shared("d1=d1,prov", TEAMS_SHARED, &t), 0);
	CHECK(teams_owns_site(&t, 0, d1));
	CHECK(teams_owns_site(&t, 0, c1));
	CHECK(!teams_owns_site(&t, 0, dc));
	CHECK(!teams_owns_site(&t, 0, p));
	CHECK(!teams_owns_site(&t, 1, d1));
	CHECK(!teams_owns_site(&t, 1, c1));
	CHECK(teams_owns_site(&t, 1, dc));
	CHECK(teams_owns_site(&t, 1, p));
	/* No zones anywhere: every team owns the province. */
	CHECK_INT(shared("a,b", TEAMS_SHARED, &t), 0);
	CHECK(teams_owns_site(&t, 0, c1) && teams_owns_site(&t, 1, c1) && teams_owns_site(&t, 1, p));
}

TEST(shared_refuses_outside_zones)
{
	struct teams t;

	CHECK_INT(shared("dc=dc,d1=d1", TEAMS_SHARED, &t), 0);
	CHECK_STR(check(&t, "dc", "isolate portal"), "");
	CHECK_STR(check(&t, "dc", "isolate c1-pc-01"), "c1-pc-01 is in zone d1-c1, not one of team dc's zones (dc)");
	CHECK_STR(check(&t, "d1", "isolate c1-pc-01"), "");
	CHECK_STR(check(&t, "d1", "patch portal https"), "portal is in zone dc, not one of team d1's zones (d1)");
	CHECK_STR(check(&t, "d1", "shutdown system portal"),
		  "system portal is in zone dc, not one of team d1's zones (d1)");
	CHECK_STR(check(&t, "dc", "restore portal from backup"), "");
	CHECK_STR(check(&t, "dc", "disable account d1.an"), "account d1.an is in zone d1, not one of team dc's zones (dc)");
	CHECK_STR(check(&t, "d1", "disable account d1.an"), "");
	CHECK_STR(check(&t, "d1", "block ip 198.51.100.9 at d1-c1"), "");
	CHECK_STR(check(&t, "dc", "block ip 198.51.100.9 at d1-c1"),
		  "the firewall at d1-c1 is in zone d1-c1, not one of team dc's zones (dc)");
	CHECK_STR(check(&t, "d1", "block ip 198.51.100.9 at everywhere"),
		  "a block everywhere reaches every firewall of the province, not only team d1's zones (d1); "
		  "block at one of its sites");
	/* Triage and paperwork are not bound to a zone. */
	CHECK_STR(check(&t, "d1", "ack A-0001"), "");
	CHECK_STR(check(&t, "d1", "report to coordinator systems=portal"), "");
	CHECK_STR(check(&t, "x", "note hello"), "'x' is not one of the drill's teams");
	/* Parallel: every team owns its whole world. */
	t.mode = TEAMS_PARALLEL;
	CHECK_STR(check(&t, "dc", "isolate c1-pc-01"), "");
	CHECK_STR(check(&t, "d1", "block ip 198.51.100.9 at everywhere"), "");
}

TEST(default_team_may_block_everywhere)
{
	struct teams t;

	CHECK_INT(shared("d1=d1,prov", TEAMS_SHARED, &t), 0);
	CHECK_STR(check(&t, "prov", "block domain x.example.net at everywhere"), "");
	CHECK_STR(check(&t, "prov", "isolate d1-pc-01"),
		  "d1-pc-01 is in zone d1, not one of team prov's zones (what no other team's zones hold)");
}

static int drill_zones(void *ctx, const struct drill *d, const struct action *a, char *err, size_t errlen)
{
	int i = a->verb == ACTION_ACK || a->verb == ACTION_CLASSIFY ? alerts_find(d->alerts, a->alert) : -1;

	if (teams_check(ctx, a, err, errlen) != 0)
		return -1;
	return teams_check_alert(ctx, a, i >= 0 ? alerts_get(d->alerts, i) : NULL, err, errlen);
}

/* Through the drill's action path: refused, the model as it was, and
 * the refusal on the timeline for a scripted action. */
TEST(drill_hook_refuses_without_side_effect)
{
	struct drill_options o = { "tests/data/scenarios/small.lua", "tests/data/net-small.lua", 0, false };
	struct diag errs;
	struct teams t;
	struct drill *d;
	struct action a;
	char err[512] = "";
	int pc;

	diag_init(&errs);
	d = drill_open(&o, &errs);
	diag_print(&errs, stdout);
	diag_free(&errs);
	CHECK(d != NULL);
	if (d == NULL)
		return;
	CHECK_INT(shared("dc=dc,d1=d1", TEAMS_SHARED, &t), 0);
	t.net = d->net;
	drill_on_check(d, drill_zones, &t);
	pc = net_host_find(d->net, "c1-pc-01");
	CHECK_INT(action_parse(d->net, "isolate c1-pc-01", &a, err, sizeof(err)), 0);
	snprintf(a.team, sizeof(a.team), "dc");
	CHECK_INT(drill_take_action(d, &a, err, sizeof(err)), -1);
	CHECK_STR(err, "c1-pc-01 is in zone d1-c1, not one of team dc's zones (dc)");
	CHECK(!(d->net->hosts[pc].state & NET_HOST_ISOLATED));
	CHECK_INT(d->nentries, 0);
	snprintf(a.team, sizeof(a.team), "d1");
	CHECK_INT(drill_take_action(d, &a, err, sizeof(err)), 0);
	CHECK(d->net->hosts[pc].state & NET_HOST_ISOLATED);
	/* Scripted: refused on the timeline, the host left as it is. */
	CHECK_INT(action_parse(d->net, "release c1-pc-01", &a, err, sizeof(err)), 0);
	snprintf(a.team, sizeof(a.team), "dc");
	a.time = SIM_MINUTE;
	drill_add_actions(d, &a, 1);
	drill_run_until(d, 2 * SIM_MINUTE);
	CHECK(d->net->hosts[pc].state & NET_HOST_ISOLATED);
	CHECK(d->nentries >= 2);
	if (d->nentries >= 2) {
		const struct drill_entry *e = &d->entries[d->nentries - 1];

		CHECK(!e->ok);
		CHECK_STR(e->detail, "c1-pc-01 is in zone d1-c1, not one of team dc's zones (dc)");
	}
	drill_free(d);
}

/* The sensors each team's console shows, as "ids-dc,fw-p": */
static const char *seen(const struct teams *t, int team)
{
	static char buf[256];
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < net->nsensors; i++)
		if (teams_sees_sensor(t, team, i))
			used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s", used ? "," : "",
						 net->sensors[i].id);
	return buf;
}

TEST(each_team_sees_its_sensors)
{
	struct teams t;

	/* The district its own APT sensor and its commune's firewall; the
	 * provincial SOC (the rest, the soc site among it) the data center's
	 * IDS, the province's firewall, the monitored systems' logs and, as
	 * the SOC, every APT sensor. */
	if (shared("soc,d1=d1", TEAMS_SHARED, &t) != 0)
		return;
	CHECK_STR(seen(&t, 1), "apt-d1,fw-c1");
	CHECK_STR(seen(&t, 0), "ids-dc,apt-d1,fw-p,win-soc");
	CHECK_STR(seen(&t, -1), "ids-dc,apt-d1,fw-c1,fw-p,win-soc");
	CHECK(!teams_sees_sensor(&t, 1, net->nsensors));
	/* A team of the data center alone: the IDS watching its segments and
	 * the logs of the portal it owns, no APT sensor (it is not the SOC). */
	if (shared("dc=dc,d1=d1", TEAMS_SHARED, &t) != 0)
		return;
	CHECK_STR(seen(&t, 0), "ids-dc,win-soc");
	CHECK_STR(seen(&t, 1), "apt-d1,fw-c1");
	/* A commune alone: its firewall only. */
	if (shared("c1=d1-c1,rest", TEAMS_SHARED, &t) != 0)
		return;
	CHECK_STR(seen(&t, 0), "fw-c1");
	/* Parallel: every team its whole province. */
	if (shared("soc,d1=d1", TEAMS_PARALLEL, &t) != 0)
		return;
	CHECK_STR(seen(&t, 1), "ids-dc,apt-d1,fw-c1,fw-p,win-soc");
}

/* teams_check_alert of "TEAM COMMAND" on an alert raised by the sensor
 * named; "" when allowed, else the message. */
static const char *check_alert(const struct teams *t, const char *team, const char *command, const char *sensor)
{
	static char err[512];
	struct alert al = { .number = 7, .sensor = -1 };
	struct action a;

	err[0] = '\0';
	for (int i = 0; i < net->nsensors; i++)
		if (strcmp(net->sensors[i].id, sensor) == 0)
			al.sensor = i;
	if (al.sensor < 0 || action_parse(net, command, &a, err, sizeof(err)) != 0) {
		printf("#   no sensor '%s', or '%s' does not parse: %s\n", sensor, command, err);
		return "unparsed";
	}
	snprintf(a.team, sizeof(a.team), "%s", team);
	if (teams_check_alert(t, &a, &al, err, sizeof(err)) == 0)
		return "";
	return err;
}

TEST(triage_only_of_alerts_the_team_sees)
{
	struct teams t;
	struct action a;
	char err[64] = "";

	if (shared("dc=dc,d1=d1", TEAMS_SHARED, &t) != 0)
		return;
	CHECK_STR(check_alert(&t, "d1", "ack A-0007", "ids-dc"),
		  "A-0007 was raised by ids-dc, a sensor team d1 does not see");
	CHECK_STR(check_alert(&t, "d1", "classify A-0007 true-positive", "ids-dc"),
		  "A-0007 was raised by ids-dc, a sensor team d1 does not see");
	CHECK_STR(check_alert(&t, "dc", "classify A-0007 false-positive", "apt-d1"),
		  "A-0007 was raised by apt-d1, a sensor team dc does not see");
	CHECK_STR(check_alert(&t, "d1", "ack A-0007", "apt-d1"), "");
	CHECK_STR(check_alert(&t, "dc", "ack A-0007", "ids-dc"), "");
	/* Only triage: a note names no alert. */
	CHECK_STR(check_alert(&t, "d1", "note looked at A-0007", "ids-dc"), "");
	/* An alert not raised yet is the drill's to say. */
	CHECK_INT(action_parse(net, "ack A-0007", &a, err, sizeof(err)), 0);
	snprintf(a.team, sizeof(a.team), "d1");
	CHECK_INT(teams_check_alert(&t, &a, NULL, err, sizeof(err)), 0);
	/* The provincial SOC (no zones: the rest) sees the APT sensors too;
	 * a district does not see the province's firewall. */
	if (shared("soc,d1=d1", TEAMS_SHARED, &t) != 0)
		return;
	CHECK_STR(check_alert(&t, "soc", "ack A-0007", "apt-d1"), "");
	CHECK_STR(check_alert(&t, "soc", "ack A-0007", "ids-dc"), "");
	CHECK_STR(check_alert(&t, "d1", "ack A-0007", "fw-p"),
		  "A-0007 was raised by fw-p, a sensor team d1 does not see");
	/* No zones anywhere: every team sees everything. */
	if (shared("soc,d1", TEAMS_SHARED, &t) != 0)
		return;
	CHECK_STR(check_alert(&t, "d1", "ack A-0007", "ids-dc"), "");
	/* Parallel: every team its whole province. */
	if (shared("dc=dc,d1=d1", TEAMS_PARALLEL, &t) != 0)
		return;
	CHECK_STR(check_alert(&t, "d1", "ack A-0007", "ids-dc"), "");
}

/* Through the drill: the refused ack leaves the alert as it was. */
TEST(drill_refuses_triage_of_unseen_alert)
{
	struct drill_options o = { "tests/data/scenarios/small.lua", "tests/data/net-small.lua", 0, false };
	struct diag errs;
	struct teams t;
	struct drill *d;
	struct action a;
	char err[512] = "";
	int i;

	diag_init(&errs);
	d = drill_open(&o, &errs);
	diag_print(&errs, stdout);
	diag_free(&errs);
	CHECK(d != NULL);
	if (d == NULL)
		return;
	CHECK_INT(shared("soc,d1=d1", TEAMS_SHARED, &t), 0);
	t.net = d->net;
	drill_on_check(d, drill_zones, &t);
	drill_run_until(d, 20 * SIM_MINUTE);
	i = alerts_find(d->alerts, 1);
	CHECK(i >= 0);
	if (i < 0) {
		drill_free(d);
		return;
	}
	CHECK_INT(action_parse(d->net, "ack A-0001", &a, err, sizeof(err)), 0);
	snprintf(a.team, sizeof(a.team), "d1");
	CHECK_INT(drill_take_action(d, &a, err, sizeof(err)), -1);
	CHECK_STR(err, "A-0001 was raised by fw-p, a sensor team d1 does not see");
	CHECK_INT(alerts_get(d->alerts, i)->state, ALERT_NEW);
	snprintf(a.team, sizeof(a.team), "soc");
	CHECK_INT(drill_take_action(d, &a, err, sizeof(err)), 0);
	CHECK_INT(alerts_get(d->alerts, i)->state, ALERT_ACKED);
	drill_free(d);
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
	RUN(parse_names_and_zones);
	RUN(parse_errors_name_the_problem);
	RUN(modes);
	RUN(unknown_zone_is_named);
	RUN(zone_ownership);
	RUN(shared_refuses_outside_zones);
	RUN(default_team_may_block_everywhere);
	RUN(drill_hook_refuses_without_side_effect);
	RUN(each_team_sees_its_sensors);
	RUN(triage_only_of_alerts_the_team_sees);
	RUN(drill_refuses_triage_of_unseen_alert);
	net_free(net);
	return harness_finish();
}
