/* Scoring: each team's rows against the ground truth of a small drill
 * (tests/data/scenarios/score.lua): detection and containment times,
 * false positives, report indicators and fields, hints, objectives,
 * downtime times level, and the scenario's expectations met, partly met
 * or missed; every row reaches the listeners. */
#include "harness.h"

#include <stdlib.h>
#include <unistd.h>

#include "score.h"

static int heard;

static void count_rows(void *ctx, const struct score_row *row)
{
	(void)ctx;
	heard += row->reason[0] != '\0';
}

static struct drill *open_score(const char *path)
{
	struct drill_options o = { path, "tests/data/net-small.lua", 0, false };
	struct diag errs;
	struct drill *d;

	diag_init(&errs);
	d = drill_open(&o, &errs);
	diag_print(&errs, stdout);
	diag_free(&errs);
	return d;
}

static void add(struct drill *d, struct score *s, const char *team, sim_time_t when, const char *command)
{
	struct action a;
	char err[256] = "";

	CHECK_INT(action_parse(d->net, command, &a, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	a.time = when;
	snprintf(a.team, sizeof(a.team), "%s", team);
	score_add_team(s, team);
	drill_add_actions(d, &a, 1);
}

/* The team's row of a component whose reason (or expectation id) holds
 * text; NULL when there is none. */
static const struct score_row *row(const struct score *s, const char *team, const char *component,
				   const char *text)
{
	for (int i = 0; i < score_nrows(s); i++) {
		const struct score_row *r = score_row(s, i);

		if (strcmp(r->team, team) == 0 && strcmp(r->component, component) == 0 &&
		    (strstr(r->reason, text) || strcmp(r->expectation, text) == 0))
			return r;
	}
	printf("#   no %s row for %s with '%s'\n", component, team, text);
	return NULL;
}

static int points(const struct score *s, const char *team, const char *component, const char *text)
{
	const struct score_row *r = row(s, team, component, text);

	return r ? r->points : -9999;
}

static struct score *play(struct drill **out)
{
	struct drill *d = open_score("tests/data/scenarios/score.lua");
	struct score *s;

	*out = d;
	if (d == NULL)
		return NULL;
	s = score_new(d);
	heard = 0;
	score_listen(s, count_rows, NULL);
	/* blue sees the exploit 5 min on, isolates the portal, reports in
	 * time with the right fields. */
	add(d, s, "blue", 15 * SIM_MINUTE, "ack A-0001");
	add(d, s, "blue", 20 * SIM_MINUTE, "isolate portal");
	add(d, s, "blue", 25 * SIM_MINUTE, "report to soc systems=portal vector=exploit "
					   "indicators=198.51.100.9,203.0.113.99");
	/* red gets most things wrong, late. */
	add(d, s, "red", 60 * SIM_MINUTE, "classify A-0001 false-positive");
	add(d, s, "red", 61 * SIM_MINUTE, "isolate c1-pc-01");
	add(d, s, "red", 62 * SIM_MINUTE, "block ip 8.8.8.8");
	add(d, s, "red", 63 * SIM_MINUTE, "block ip 198.51.100.0/24 at p");
	add(d, s, "red", 64 * SIM_MINUTE, "hint");
	add(d, s, "red", 65 * SIM_MINUTE, "report to soc systems=db vector=phishing indicators=evil.example.com");
	drill_run_until(d, SIM_TIME_MAX);
	score_finish(s);
	return s;
}

TEST(a_good_response_scores_each_part)
{
	struct drill *d;
	struct score *s = play(&d);
	const struct score_row *r;

	if (s == NULL)
		return;
	CHECK_INT(score_nteams(s), 2);
	CHECK_STR(score_team(s, 0), "blue");
	r = row(s, "blue", "detect", "exploit");
	CHECK(r && r->points == 10 && r->time == 15 * SIM_MINUTE);
	CHECK_CONTAINS(r ? r->reason : NULL, "detected exploit on portal (A-0001) 5 min after it began");
	r = row(s, "blue", "contain", "portal");
	CHECK(r && r->points == 20);
	CHECK_CONTAINS(r ? r->reason : NULL, "isolated portal 10 min after exploit took it, before any objective fell");
	CHECK_INT(points(s, "blue", "report", "named 2 of the attacker's indicators"), 4);
	CHECK_INT(points(s, "blue", "objective", "db prevented"), 30);
	/* The portal system (level 2) is out from T+00:20 to the end, 2 h. */
	r = row(s, "blue", "downtime", "portal (level 2) unavailable 1 h 40 min");
	CHECK(r && r->points == -3);
	CHECK_INT(points(s, "blue", "expectation", "see-exploit"), 20);
	CHECK_INT(points(s, "blue", "expectation", "hold-portal"), 30);
	r = row(s, "blue", "expectation", "tell-soc");
	CHECK(r && r->points == 30);
	CHECK_CONTAINS(r ? r->reason : NULL, "right: systems, vector, indicators; wrong or missing: none");
	r = row(s, "blue", "expectation", "keep-portal");
	CHECK(r && r->points == 0);
	CHECK_CONTAINS(r ? r->reason : NULL, "portal out 1 h 40 min, more than the 10 min allowed, and still out");
	CHECK_INT(score_total(s, "blue"), 10 + 20 + 4 + 30 - 3 + 20 + 30 + 30);
	CHECK_INT(heard, score_nrows(s));
	score_free(s);
	drill_free(d);
}

TEST(mistakes_cost_points)
{
	struct drill *d;
	struct score *s = play(&d);
	const struct score_row *r;

	if (s == NULL)
		return;
	CHECK_INT(points(s, "red", "false-positive", "called A-0001 a false positive; exploit on portal made it"), -5);
	CHECK_INT(points(s, "red", "false-positive", "isolated c1-pc-01, which the attacker never touched"), -10);
	CHECK_INT(points(s, "red", "false-positive", "block ip 8.8.8.8 at everywhere: not the attacker's"), -5);
	/* The range holds the attacker's address: not a false positive. */
	for (int i = 0; i < score_nrows(s); i++)
		CHECK(strstr(score_row(s, i)->reason, "198.51.100.0/24") == NULL);
	CHECK_INT(points(s, "red", "hint", "asked the white cell for a hint"), -5);
	CHECK_INT(points(s, "red", "report", "named 0 of the attacker's indicators and 1 that are not (evil.example.com)"),
		  -2);
	r = row(s, "red", "expectation", "see-exploit");
	CHECK(r && r->points == 0);
	CHECK_CONTAINS(r ? r->reason : NULL, "exploit was never detected");
	CHECK_INT(points(s, "red", "expectation", "hold-portal"), 0);
	/* Late, one field of three right (db was attacked): 15 * 1/3. */
	r = row(s, "red", "expectation", "tell-soc");
	CHECK(r && r->points == 5);
	CHECK_CONTAINS(r ? r->reason : NULL, "late: partial credit; right: systems; wrong or missing: vector, indicators");
	CHECK_INT(score_total(s, "red"), -5 - 10 - 5 - 5 - 2 + 30 - 3 + 5);
	score_free(s);
	drill_free(d);
}

TEST(undefended_drill_partial_and_missed)
{
	struct drill *d = open_score("tests/data/scenarios/score.lua");
	struct score *s;
	const struct score_row *r;

	if (d == NULL)
		return;
	s = score_new(d);
	score_add_team(s, "idle");
	drill_run_until(d, SIM_TIME_MAX);
	score_finish(s);
	score_finish(s);
	CHECK_INT(points(s, "idle", "objective", "achieved db"), -30);
	r = row(s, "idle", "expectation", "hold-portal");
	CHECK_CONTAINS(r ? r->reason : NULL, "portal was never contained");
	CHECK_INT(points(s, "idle", "expectation", "tell-soc"), 0);
	CHECK_INT(points(s, "idle", "expectation", "keep-portal"), 10);
	/* Finishing twice makes no second set of rows. */
	CHECK_INT(score_nrows(s), 1 + 4);
	score_free(s);
	drill_free(d);
}

TEST(bad_expectations_name_the_line)
{
	static const struct {
		const char *lua, *msg;
	} cases[] = {
		{ "expect { detect = \"beacon\", withn = 5 }", ":2: expect: unknown field 'withn'" },
		{ "expect { detect = \"scan\" }", ":2: expect: detect 'scan' is not an attack step" },
		{ "expect { detect = \"beacon\", contain = \"db\" }",
		  ":2: expect: give exactly one of detect, contain, report or keep_up" },
		{ "expect { contain = \"nowhere\" }", ":2: expect: contain: no host 'nowhere' in the network" },
		{ "expect { contain = { step = \"beacon\" } }", ":2: expect: contain = { step = 'beacon' }: only phish" },
		{ "expect { contain = \"db\", before = \"db-gone\" }", ":2: expect: before: no objective 'db-gone'" },
		{ "expect { report = \"police\" }", ":2: expect: report goes to 'soc' or 'coordinator', not 'police'" },
		{ "expect { report = \"soc\", fields = { \"size\" } }", ":2: expect: 'size' in field 'fields' is not one of" },
		{ "expect { keep_up = \"qlvb\" }", ":2: expect: keep_up: no system or host 'qlvb' in the network" },
		{ "expect { keep_up = \"portal\", points = 5, partial = 9 }",
		  ":2: expect: points must be 0 to 1000 and partial 0 to points" },
		{ "expect { keep_up = \"portal\" }\nexpect { keep_up = \"portal\" }",
		  ":3: expect: 'keep_up-portal' is declared twice" },
	};
	char path[] = "/tmp/irdrill-score-XXXXXX";

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int fd = mkstemp(path);
		FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
		struct drill_options o = { path, "tests/data/net-small.lua", 0, false };
		struct diag errs;
		struct drill *d;

		CHECK(f != NULL);
		if (f == NULL)
			return;
		fprintf(f, "scenario { id = \"x\", title = { vi = \"x\", en = \"x\" }, network = \"test-small\" }\n%s\n",
			cases[i].lua);
		fclose(f);
		diag_init(&errs);
		d = drill_open(&o, &errs);
		CHECK(d == NULL);
		CHECK_INT(diag_count(&errs), 1);
		if (diag_count(&errs) == 1) {
			CHECK_CONTAINS(errs.msgs[0], path);
			CHECK_CONTAINS(errs.msgs[0], cases[i].msg);
		}
		diag_free(&errs);
		drill_free(d);
		unlink(path);
		snprintf(path, sizeof(path), "/tmp/irdrill-score-XXXXXX");
	}
}

TEST(the_white_cell_marks_and_hints)
{
	struct drill *d = open_score("tests/data/scenarios/score.lua");
	struct score *s;
	char err[256] = "";
	int before;

	if (d == NULL)
		return;
	s = score_new(d);
	heard = 0;
	score_listen(s, count_rows, NULL);
	score_add_team(s, "idle");
	score_add_team(s, "blue");
	drill_run_until(d, 30 * SIM_MINUTE);
	CHECK_INT(score_expectation_status(s, "idle", "tell-soc"), SCORE_PENDING);
	/* Met by hand: the expectation's points now, with the note. */
	CHECK_INT(score_mark(s, "idle", "tell-soc", true, "phoned it in", err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_INT(points(s, "idle", "expectation", "tell-soc"), 30);
	{
		const struct score_row *r = row(s, "idle", "expectation", "tell-soc");

		CHECK_STR(r ? r->reason : "", "marked met by the white cell: phoned it in");
	}
	CHECK_INT(score_expectation_status(s, "idle", "tell-soc"), SCORE_MET);
	CHECK_INT(heard, 1);
	/* The same mark again, an unknown team or expectation: refused, no row. */
	before = score_nrows(s);
	CHECK_INT(score_mark(s, "idle", "tell-soc", true, "", err, sizeof(err)), -1);
	CHECK_STR(err, "tell-soc is already marked met for idle");
	CHECK_INT(score_mark(s, "white-cell", "tell-soc", true, "", err, sizeof(err)), -1);
	CHECK_STR(err, "no team 'white-cell' in this drill");
	CHECK_INT(score_mark(s, "idle", "nope", false, NULL, err, sizeof(err)), -1);
	CHECK_STR(err, "no expectation 'nope' in this scenario");
	CHECK_INT(score_nrows(s), before);
	CHECK_INT(score_nteams(s), 2);
	/* Marked the other way: the points given back. */
	CHECK_INT(score_mark(s, "idle", "tell-soc", false, NULL, err, sizeof(err)), 0);
	CHECK_INT(score_total(s, "idle"), 0);
	CHECK_INT(score_expectation_status(s, "idle", "tell-soc"), SCORE_MISSED);
	/* The white cell's hint, typed for blue with its text. */
	add(d, s, "blue", 31 * SIM_MINUTE, "hint the portal logs");
	drill_run_until(d, 32 * SIM_MINUTE);
	CHECK_INT(points(s, "blue", "hint", "hint from the white cell: the portal logs"), -5);
	/* The white cell's own controls on the timeline make no team. */
	drill_record(d, DRILL_ACTION, "white-cell", "pause", NULL, true, NULL);
	drill_record(d, DRILL_ACTION, "white-cell", "mark idle tell-soc missed", "idle", true, NULL);
	CHECK_INT(score_nteams(s), 2);
	/* The end leaves the marked expectation as marked, scores the rest. */
	drill_run_until(d, SIM_TIME_MAX);
	score_finish(s);
	CHECK_INT(score_expectation_status(s, "idle", "tell-soc"), SCORE_MISSED);
	CHECK_INT(score_expectation_status(s, "blue", "tell-soc"), SCORE_MISSED);
	CHECK_INT(points(s, "idle", "expectation", "keep-portal"), 10);
	{
		int marks = 0;

		for (int i = 0; i < score_nrows(s); i++)
			marks += strcmp(score_row(s, i)->team, "idle") == 0 &&
				 strcmp(score_row(s, i)->expectation, "tell-soc") == 0;
		CHECK_INT(marks, 2); /* met, then missed; none at the end */
	}
	CHECK_INT(score_mark(s, "idle", "keep-portal", false, NULL, err, sizeof(err)), -1);
	CHECK_STR(err, "the drill has ended: its expectations are scored");
	score_free(s);
	drill_free(d);
}

int main(void)
{
	RUN(a_good_response_scores_each_part);
	RUN(mistakes_cost_points);
	RUN(undefended_drill_partial_and_missed);
	RUN(bad_expectations_name_the_line);
	RUN(the_white_cell_marks_and_hints);
	return harness_finish();
}
