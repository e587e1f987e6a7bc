/* The white cell's controls as actions: parsed and written back, which
 * team a control is for, checked before it is taken (refused with no
 * effect), and taken on the drill's action path: a mark's score row, an
 * injected record on its sensor, a message; the same again in a second
 * drill given the same controls at the same times. */
#include "harness.h"

#include "alert.h"
#include "drill.h"
#include "score.h"
#include "whitecell.h"

static struct drill *open_score(void)
{
	struct drill_options o = { "tests/data/scenarios/score.lua", "tests/data/net-small.lua", 0, false };
	struct diag errs;
	struct drill *d;

	diag_init(&errs);
	d = drill_open(&o, &errs);
	diag_print(&errs, stdout);
	diag_free(&errs);
	CHECK(d != NULL);
	return d;
}

/* whitecell_parse: "" and the value in got, or the error. */
static const char *parse(const struct net *net, const char *command, bool in_file)
{
	static char got[ACTION_VALUE_MAX + 300];
	struct action a;

	if (whitecell_parse(net, command, in_file, &a, got, sizeof(got)) != 0)
		return got;
	CHECK(a.verb == ACTION_WHITE);
	CHECK_STR(a.team, WHITECELL_TEAM);
	snprintf(got, sizeof(got), "= %s", a.value);
	return got;
}

TEST(controls_parse_and_write_back)
{
	struct drill *d = open_score();
	struct action a;
	char buf[ACTION_VALUE_MAX], err[300];

	if (d == NULL)
		return;
	CHECK_STR(parse(d->net, "mark soc keep-portal met   it  held", true), "= mark soc keep-portal met it  held");
	CHECK_STR(parse(d->net, "mark soc keep-portal missed", true), "= mark soc keep-portal missed");
	CHECK_STR(parse(d->net, "event ids-dc 203.0.113.9 portal:443 ET DRILL", true),
		  "= event ids-dc 203.0.113.9 portal:443 ET DRILL");
	CHECK_STR(parse(d->net, "msg all Phones are down", true), "= msg all Phones are down");
	CHECK_STR(parse(d->net, "inject soc hi", true), "= msg soc hi");
	CHECK_STR(parse(d->net, "hint soc Look at the proxy", true), "= hint soc Look at the proxy");
	CHECK_STR(parse(d->net, "hint soc", true), "usage: hint TEAM TEXT");
	CHECK_STR(parse(d->net, "speed 5", false), "= speed x5");
	CHECK_STR(parse(d->net, "pause", false), "= pause");
	CHECK_STR(parse(d->net, "mark soc keep-portal perhaps", true), "'perhaps' is not met or missed.");
	CHECK_STR(parse(d->net, "mark soc", true), "usage: mark TEAM EXPECTATION met|missed [NOTE]");
	CHECK_CONTAINS(parse(d->net, "event nosuch 1.2.3.4 5.6.7.8 x", true), "There is no sensor 'nosuch'");
	CHECK_CONTAINS(parse(d->net, "event win-soc 1.2.3.4 5.6.7.8 x", true), "reads host logs");
	CHECK_STR(parse(d->net, "msg soc", true), "usage: msg TEAM|all TEXT");
	CHECK_STR(parse(d->net, "speed 3", false), "usage: speed 1|2|5|10|60");
	CHECK_STR(parse(d->net, "pause", true), "pause paces a live console; a scripted drill keeps the pace of --speed");
	CHECK_CONTAINS(parse(d->net, "isolate db", true), "'isolate' is not one of the white cell's controls");
	/* Through the one parser, by team, and back from the store's text. */
	CHECK_INT(action_parse_for(d->net, "white", "msg d1 hello", true, &a, err, sizeof(err)), 0);
	action_format(d->net, &a, buf, sizeof(buf));
	CHECK_STR(buf, "msg d1 hello");
	action_target(d->net, &a, buf, sizeof(buf));
	CHECK_STR(buf, "d1");
	CHECK_STR(whitecell_for(&a, buf, sizeof(buf)), "d1");
	CHECK_INT(action_parse_for(d->net, "white-cell", "msg all hello", false, &a, err, sizeof(err)), 0);
	CHECK_STR(whitecell_for(&a, buf, sizeof(buf)), "");
	CHECK_INT(action_parse_for(d->net, "soc", "msg all hello", true, &a, err, sizeof(err)), -1);
	CHECK(whitecell_is_team("white") && whitecell_is_team("white-cell") && !whitecell_is_team("soc"));
	drill_free(d);
}

/* Queue controls of the white cell's on a fresh drill with a score of
 * soc and d1, run it to the end; the score and alerts in *sc. */
static struct drill *play(const char *const *lines, const sim_time_t *at, int n, struct score **sc)
{
	struct drill *d = open_score();
	char err[300];

	if (d == NULL)
		return NULL;
	*sc = score_new(d);
	score_add_team(*sc, "soc");
	score_add_team(*sc, "d1");
	for (int i = 0; i < n; i++) {
		struct action a;

		CHECK_INT(whitecell_parse(d->net, lines[i], true, &a, err, sizeof(err)), 0);
		a.time = at[i];
		a.line = i + 1;
		drill_add_actions(d, &a, 1);
	}
	drill_run_until(d, d->end);
	return d;
}

static const struct drill_entry *find(const struct drill *d, const char *what)
{
	for (size_t i = 0; i < d->nentries; i++)
		if (strcmp(d->entries[i].actor, WHITECELL_TEAM) == 0 && strcmp(d->entries[i].what, what) == 0)
			return &d->entries[i];
	return NULL;
}

TEST(controls_take_effect_and_refusals_change_nothing)
{
	static const char *const lines[] = {
		"event ids-dc 203.0.113.9 portal:443 ET DRILL decoy",
		"mark soc keep-portal met held",
		"mark soc keep-portal met",
		"mark blue keep-portal met",
		"mark soc no-such met",
		"msg d1 Look at the firewall",
		"msg blue hi",
		"mark soc keep-portal missed",
	};
	static const sim_time_t at[] = { 60 * SIM_SECOND, 120 * SIM_SECOND, 180 * SIM_SECOND, 240 * SIM_SECOND,
					 300 * SIM_SECOND, 360 * SIM_SECOND, 420 * SIM_SECOND, 480 * SIM_SECOND };
	struct score *sc, *sc2;
	struct drill *d = play(lines, at, 8, &sc), *d2;
	const struct drill_entry *e;

	if (d == NULL)
		return;
	/* The event: an alert no step made, on the timeline. */
	CHECK(alerts_count(d->alerts) >= 1);
	CHECK(alerts_get(d->alerts, 0)->cause < 0);
	CHECK(alerts_get(d->alerts, 0)->time == 60 * SIM_SECOND);
	e = find(d, "event ids-dc 203.0.113.9 portal:443");
	CHECK(e != NULL && e->ok && strcmp(e->detail, "ET DRILL decoy") == 0);
	/* The marks: met, then missed gives the points back. */
	CHECK_INT(score_nrows(sc) >= 2, 1);
	CHECK_STR(score_row(sc, 0)->reason, "marked met by the white cell: held");
	CHECK_INT(score_row(sc, 0)->points, 10);
	CHECK_INT(score_row(sc, 1)->points, -10);
	CHECK(score_expectation_status(sc, "soc", "keep-portal") == SCORE_MISSED);
	/* Refusals, with the reason and no row. */
	e = find(d, "mark soc keep-portal met");
	CHECK(e != NULL && e->ok); /* the first, taken */
	for (size_t i = 0; i < d->nentries; i++) {
		const struct drill_entry *x = &d->entries[i];

		if (strcmp(x->actor, WHITECELL_TEAM) != 0 || x->ok)
			continue;
		if (x->time == 180 * SIM_SECOND)
			CHECK_STR(x->detail, "keep-portal is already marked met for soc");
		else if (x->time == 240 * SIM_SECOND)
			CHECK_STR(x->detail, "There is no team 'blue' in this drill (teams: soc, d1).");
		else if (x->time == 300 * SIM_SECOND)
			CHECK_CONTAINS(x->detail, "no expectation 'no-such'");
		else if (x->time == 420 * SIM_SECOND)
			CHECK_CONTAINS(x->detail, "There is no team 'blue'");
		else
			CHECK(!"an unexpected refusal");
	}
	e = find(d, "message");
	CHECK(e != NULL && e->kind == DRILL_MESSAGE && strcmp(e->target, "d1") == 0);
	/* Played again: the same rows and alerts. */
	d2 = play(lines, at, 8, &sc2);
	if (d2) {
		CHECK_INT(score_nrows(sc2), score_nrows(sc));
		CHECK_INT(alerts_count(d2->alerts), alerts_count(d->alerts));
		CHECK_INT((long long)d2->nentries, (long long)d->nentries);
		score_free(sc2);
		drill_free(d2);
	}
	score_free(sc);
	drill_free(d);
}

TEST(a_drill_without_a_score_refuses_marks)
{
	static const char *const lines[] = { "mark soc keep-portal met", "msg all hi" };
	static const sim_time_t at[] = { SIM_MINUTE, 2 * SIM_MINUTE };
	struct drill *d = open_score();
	char err[300];

	if (d == NULL)
		return;
	for (int i = 0; i < 2; i++) {
		struct action a;

		CHECK_INT(whitecell_parse(d->net, lines[i], true, &a, err, sizeof(err)), 0);
		a.time = at[i];
		drill_add_actions(d, &a, 1);
	}
	drill_run_until(d, 3 * SIM_MINUTE);
	CHECK(find(d, "mark soc keep-portal met") != NULL && !find(d, "mark soc keep-portal met")->ok);
	CHECK_STR(find(d, "mark soc keep-portal met")->detail, "This console keeps no score to mark.");
	CHECK(find(d, "message") != NULL);
	drill_free(d);
}

int main(void)
{
	RUN(controls_parse_and_write_back);
	RUN(controls_take_effect_and_refusals_change_nothing);
	RUN(a_drill_without_a_score_refuses_marks);
	return harness_finish();
}
