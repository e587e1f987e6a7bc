/* Alerts: numbered in the order the sensors raise them, each linked to
 * the attack step that produced it, acknowledged and classified by team
 * actions; an action on an alert not raised is refused and changes
 * nothing. */
#include "harness.h"

#include "drill.h"

static struct drill *open_small(void)
{
	struct drill_options o = { "tests/data/scenarios/small.lua", "tests/data/net-small.lua", 0, false };
	struct diag errs;
	struct drill *d;

	diag_init(&errs);
	d = drill_open(&o, &errs);
	diag_print(&errs, stdout);
	diag_free(&errs);
	CHECK(d != NULL);
	return d;
}

static int take(struct drill *d, const char *command, char *err, size_t errlen)
{
	struct action a;

	CHECK_INT(action_parse(d->net, command, &a, err, errlen), 0);
	snprintf(a.team, sizeof(a.team), "blue");
	return drill_take_action(d, &a, err, errlen);
}

TEST(alerts_link_to_the_steps_that_made_them)
{
	struct drill *d = open_small();
	int exploit = 0;

	if (d == NULL)
		return;
	drill_run_until(d, SIM_TIME_MAX);
	CHECK(alerts_count(d->alerts) > 0);
	for (int i = 0; i < alerts_count(d->alerts); i++) {
		const struct alert *a = alerts_get(d->alerts, i);
		long step = drill_alert_step(d, a);

		CHECK_INT(a->number, i + 1);
		CHECK_INT(a->state, ALERT_NEW);
		CHECK(a->severity >= 1 && a->severity <= 3);
		CHECK(step >= 0);
		if (step < 0)
			continue;
		CHECK(d->entries[step].time <= a->time);
		exploit += strcmp(d->entries[step].what, "exploit") == 0;
	}
	/* The province's FortiGate IPS inspects the exploit over HTTPS. */
	CHECK(exploit >= 1);
	CHECK_CONTAINS(alerts_get(d->alerts, 0)->desc, "IPS ET EXPLOIT");
	CHECK(alerts_get(d->alerts, alerts_count(d->alerts)) == NULL);
	CHECK_CONTAINS(alerts_get(d->alerts, 0)->desc, "-> ");
	drill_free(d);
}

TEST(same_seed_same_alerts)
{
	struct drill *a = open_small(), *b = open_small();

	if (a == NULL || b == NULL) {
		drill_free(a), drill_free(b);
		return;
	}
	drill_run_until(a, SIM_TIME_MAX);
	drill_run_until(b, SIM_TIME_MAX);
	CHECK_INT(alerts_count(a->alerts), alerts_count(b->alerts));
	for (int i = 0; i < alerts_count(a->alerts) && i < alerts_count(b->alerts); i++) {
		CHECK_STR(alerts_get(a->alerts, i)->desc, alerts_get(b->alerts, i)->desc);
		CHECK_INT(alerts_get(a->alerts, i)->time, alerts_get(b->alerts, i)->time);
	}
	drill_free(a);
	drill_free(b);
}

TEST(triage_changes_state_unknown_alert_changes_nothing)
{
	struct drill *d = open_small();
	char err[256] = "";
	size_t entries;

	if (d == NULL)
		return;
	drill_run_until(d, 30 * SIM_MINUTE);
	CHECK_INT(alerts_count(d->alerts), 1);
	if (alerts_count(d->alerts) != 1) {
		drill_free(d);
		return;
	}
	entries = d->nentries;
	CHECK_INT(take(d, "ack A-0099", err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "no alert A-0099");
	CHECK_INT(d->nentries, entries);
	CHECK_INT(take(d, "ack A-0001", err, sizeof(err)), 0);
	CHECK_INT(alerts_get(d->alerts, 0)->state, ALERT_ACKED);
	CHECK_STR(alert_state_name(alerts_get(d->alerts, 0)->state), "acked");
	CHECK_INT(take(d, "classify A-0001 tp", err, sizeof(err)), 0);
	CHECK_INT(alerts_get(d->alerts, 0)->state, ALERT_CLASSIFIED);
	CHECK(alerts_get(d->alerts, 0)->true_positive);
	/* Acknowledging a classified alert does not undo the classification. */
	CHECK_INT(take(d, "ack 1", err, sizeof(err)), 0);
	CHECK_INT(alerts_get(d->alerts, 0)->state, ALERT_CLASSIFIED);
	CHECK_INT(d->nentries, entries + 3);
	CHECK_STR(d->entries[entries].what, "ack A-0001");
	CHECK_STR(d->entries[entries].target, "A-0001");
	drill_free(d);
}

int main(void)
{
	RUN(alerts_link_to_the_steps_that_made_them);
	RUN(same_seed_same_alerts);
	RUN(triage_changes_state_unknown_alert_changes_nothing);
	return harness_finish();
}
