/* The drill: actors on the event queue, steps against the model, team
 * actions that change outcomes, objectives, and repeatable runs. */
#include "harness.h"

#include "drill.h"
#include "simq.h"

static struct drill *open_small(uint64_t seed, bool seed_given)
{
	struct drill_options o = { "tests/data/scenarios/small.lua", "tests/data/net-small.lua", seed, seed_given };
	struct diag errs;
	struct drill *d;

	diag_init(&errs);
	d = drill_open(&o, &errs);
	diag_print(&errs, stdout);
	diag_free(&errs);
	CHECK(d != NULL);
	return d;
}

static void add(struct drill *d, const char *when, const char *command)
{
	struct action a;
	char err[256] = "";

	CHECK_INT(action_parse(d->net, command, &a, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK(simclock_parse_duration(when, &a.time));
	snprintf(a.team, sizeof(a.team), "blue");
	drill_add_actions(d, &a, 1);
}

static const struct drill_entry *find(const struct drill *d, const char *what)
{
	for (size_t i = 0; i < d->nentries; i++)
		if (strcmp(d->entries[i].what, what) == 0)
			return &d->entries[i];
	return NULL;
}

TEST(undefended_attack_succeeds)
{
	struct drill *d = open_small(0, false);

	if (d == NULL)
		return;
	CHECK_INT((long long)d->seed, 42);
	CHECK_INT(d->end, 2 * SIM_HOUR);
	drill_run_until(d, SIM_TIME_MAX);
	CHECK(drill_finished(d));
	CHECK_INT(d->errors, 0);
	CHECK(find(d, "exploit") && find(d, "exploit")->ok);
	CHECK_INT(find(d, "exploit")->time, 10 * SIM_MINUTE);
	/* admin is not an administrator of the data center's site, so the
	 * move fails and the attacker falls back to exfiltration. */
	CHECK(find(d, "move") && !find(d, "move")->ok);
	CHECK_STR(find(d, "move")->detail, "account's credentials are not stolen");
	CHECK(find(d, "exfiltrate") && find(d, "exfiltrate")->ok);
	CHECK_INT((int)d->nobjectives, 1);
	CHECK_INT(d->objectives[0].state, OBJECTIVE_ACHIEVED);
	CHECK(d->net->hosts[net_host_find(d->net, "portal")].state & NET_HOST_COMPROMISED);
	drill_free(d);
}

TEST(isolation_before_exfiltration_prevents_it)
{
	struct drill *d = open_small(0, false);

	if (d == NULL)
		return;
	add(d, "20m", "isolate portal");
	drill_run_until(d, SIM_TIME_MAX);
	CHECK_INT(d->objectives[0].state, OBJECTIVE_PREVENTED);
	CHECK(find(d, "message") != NULL); /* the on("isolate") handler ran */
	CHECK_STR(find(d, "message") ? find(d, "message")->detail : NULL, "cô lập portal | isolated portal");
	CHECK(find(d, "isolate portal") != NULL);
	drill_free(d);
}

TEST(blocking_the_attacker_stops_the_exploit)
{
	struct drill *d = open_small(0, false);

	if (d == NULL)
		return;
	add(d, "5m", "block ip 198.51.100.0/24 at p");
	drill_run_until(d, SIM_TIME_MAX);
	CHECK(find(d, "exploit") && !find(d, "exploit")->ok);
	CHECK_STR(find(d, "exploit")->detail, "address blocked at a firewall (p)");
	CHECK_INT(d->objectives[0].state, OBJECTIVE_PREVENTED);
	drill_free(d);
}

TEST(running_in_slices_equals_one_run)
{
	struct drill *a = open_small(0, false), *b = open_small(0, false);

	if (a == NULL || b == NULL) {
		drill_free(a), drill_free(b);
		return;
	}
	drill_run_until(a, SIM_TIME_MAX);
	for (sim_time_t t = 0; !drill_finished(b); t += 7 * SIM_MINUTE)
		drill_run_until(b, t);
	CHECK_INT((int)a->nentries, (int)b->nentries);
	for (size_t i = 0; i < a->nentries && i < b->nentries; i++) {
		CHECK_INT(a->entries[i].time, b->entries[i].time);
		CHECK_STR(a->entries[i].what, b->entries[i].what);
	}
	drill_free(a);
	drill_free(b);
}

TEST(the_seed_drives_the_jitter)
{
	struct drill *a = open_small(1, true), *b = open_small(2, true);

	if (a == NULL || b == NULL) {
		drill_free(a), drill_free(b);
		return;
	}
	drill_run_until(a, SIM_TIME_MAX);
	drill_run_until(b, SIM_TIME_MAX);
	CHECK_INT((long long)a->seed, 1);
	CHECK(find(a, "move") && find(b, "move"));
	if (find(a, "move") && find(b, "move"))
		CHECK(find(a, "move")->time != find(b, "move")->time);
	drill_free(a);
	drill_free(b);
}

/* What the action hook heard, and when it halts the drill. */
struct heard {
	int calls, halt_at;
	char refused[2][128];
};

static bool hear_action(void *ctx, struct drill *d, const struct action *a, const char *refused)
{
	struct heard *h = ctx;

	(void)d;
	(void)a;
	if (h->calls < 2)
		snprintf(h->refused[h->calls], sizeof(h->refused[0]), "%s", refused ? refused : "ok");
	return ++h->calls != h->halt_at;
}

TEST(action_hook_hears_verdicts_and_can_halt)
{
	struct drill *d = open_small(0, false);
	struct heard h = { 0, 3, { "", "" } };

	if (d == NULL)
		return;
	drill_on_action(d, hear_action, &h);
	add(d, "5m", "ack A-0099");
	add(d, "6m", "block ip 198.51.100.9 at everywhere");
	add(d, "20m", "isolate portal");
	drill_run_until(d, SIM_TIME_MAX);
	CHECK_INT(h.calls, 3);
	CHECK_STR(h.refused[0], "no alert A-0099: 0 raised so far");
	CHECK_STR(h.refused[1], "ok");
	/* Halted before the isolation: the host stays connected, nothing after
	 * 20 minutes ran, and the drill counts as finished. */
	CHECK(drill_finished(d));
	CHECK_INT(d->now, 20 * SIM_MINUTE);
	CHECK(!(d->net->hosts[net_host_find(d->net, "portal")].state & NET_HOST_ISOLATED));
	CHECK(find(d, "isolate portal") == NULL);
	CHECK(find(d, "block ip 198.51.100.9 at everywhere") != NULL);
	drill_free(d);
}

TEST(wrong_network_is_refused)
{
	struct drill_options o = { "tests/data/scenarios/small.lua", "scenarios/networks/default.lua", 0, false };
	struct diag errs;
	struct drill *d;

	diag_init(&errs);
	d = drill_open(&o, &errs);
	CHECK(d == NULL);
	CHECK_INT((int)diag_count(&errs), 1);
	CHECK_CONTAINS(errs.len ? errs.msgs[0] : NULL,
		       "the scenario targets network 'test-small' but 'binh-duong-2023'");
	diag_free(&errs);
	drill_free(d);
}

int main(void)
{
	RUN(undefended_attack_succeeds);
	RUN(isolation_before_exfiltration_prevents_it);
	RUN(blocking_the_attacker_stops_the_exploit);
	RUN(running_in_slices_equals_one_run);
	RUN(the_seed_drives_the_jitter);
	RUN(action_hook_hears_verdicts_and_can_halt);
	RUN(wrong_network_is_refused);
	return harness_finish();
}
