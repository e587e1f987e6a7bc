/*
 * test_report.c - the after-action report's figures from a synthetic
 * replay (records fed as the reader hands them over): time to detect and
 * to contain each step per team, objectives, totals and the score over
 * time; and that what the scenario and teams wrote is escaped in every
 * form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "report.h"

static struct replay_record entry(sim_time_t t, enum drill_entry_kind kind, bool ok, const char *actor,
				  const char *what, const char *target, const char *detail)
{
	struct replay_record rec = { .type = REPLAY_REC_ENTRY, .clock = t };

	rec.entry = (struct replay_entry){
		.time = t, .kind = kind, .ok = ok, .actor = actor, .what = what, .target = target, .detail = detail,
	};
	return rec;
}

static struct replay_record score(sim_time_t t, const char *team, const char *component, int points,
				  const char *reason, const char *expectation)
{
	struct replay_record rec = { .type = REPLAY_SCORE, .clock = t };

	rec.score = (struct replay_score){
		.time = t, .team = team, .component = component, .points = points, .reason = reason,
		.expectation = expectation,
		.status = expectation[0] ? (points > 0 ? REPLAY_EXPECT_MET : REPLAY_EXPECT_MISSED) : REPLAY_EXPECT_NONE,
	};
	return rec;
}

#define MIN(m) ((sim_time_t)(m) * SIM_MINUTE)

/* Two teams: blue detects the beacon and isolates the PC; red calls a
 * clean host bad.  One objective is prevented on the timeline, another
 * reached as only its score row tells. */
static struct report *synthetic(void)
{
	static char *teams[] = { "blue", "red" };
	struct replay_header h = {
		.version = "0.1.0", .exercise = "ex-1", .scenario_path = "/s/apt <test>.lua",
		.network_path = "/s/net.lua", .seed = 7, .epoch_unix_us = 0, .duration = MIN(240),
		.mode = "shared", .teams = teams, .nteams = 2,
	};
	struct report *r = report_new("t.rpl", &h);
	struct replay_record recs[] = {
		entry(MIN(20), DRILL_STEP, true, "apt", "phish", "pc-02", NULL),
		entry(MIN(59) + 26 * SIM_SECOND, DRILL_STEP, true, "apt", "beacon", "pc-02 -> c2.example", NULL),
		{ .type = REPLAY_REC_EVENT, .clock = MIN(60) },
		entry(MIN(65), DRILL_ACTION, true, "blue", "ack A-0001", "A-0001", NULL),
		score(MIN(65), "blue", "detect", 10, "detected beacon on pc-02 -> c2.example (A-0001) 5 min after it began",
		      ""),
		entry(MIN(66), DRILL_ACTION, true, "blue", "isolate pc-02", "pc-02", NULL),
		score(MIN(66), "blue", "contain", 20, "isolated pc-02 46 min after phish took it, before any objective fell",
		      ""),
		entry(MIN(70), DRILL_ACTION, true, "red", "isolate pc-09", "pc-09", NULL),
		score(MIN(70), "red", "false-positive", -10, "isolated pc-09, which the attacker never touched", ""),
		entry(MIN(75), DRILL_ACTION, false, "red", "ack A-0009", "A-0009", "no alert A-0009"),
		entry(MIN(90), DRILL_STEP, true, "apt", "beacon", "pc-02 -> c2.example", NULL),
		entry(MIN(106), DRILL_STEP, false, "apt", "phish", "<b>pc-07</b> & co", "domain \"x\" blocked"),
		entry(MIN(106), DRILL_OBJECTIVE, false, "apt", "foothold-dc", NULL, "domain blocked"),
		/* Rows made at the end come after later ones. */
		score(MIN(106), "blue", "objective", 30, "foothold-dc prevented at T+01:46:00: domain blocked", ""),
		score(MIN(106), "red", "objective", 30, "foothold-dc prevented at T+01:46:00: domain blocked", ""),
		score(MIN(200), "blue", "objective", -30, "the attacker achieved exfil-db at T+03:20:00: Steal the db", ""),
		score(MIN(200), "red", "objective", -30, "the attacker achieved exfil-db at T+03:20:00: Steal the db", ""),
		score(MIN(240), "blue", "objective", 30, "wipe-backups not achieved by the end of the drill", ""),
		score(MIN(65), "blue", "expectation", 30, "detected beacon (A-0001) 5 min after it began, within 30 min",
		      "detect-beacon"),
		score(MIN(240), "red", "expectation", 0, "beacon was never detected\n\"quoted\" \xff", "detect-beacon"),
		{ .type = REPLAY_REC_END, .clock = MIN(240) },
	};

	for (size_t i = 0; i < sizeof(recs) / sizeof(*recs); i++)
		report_add(r, &recs[i]);
	report_finish(r);
	return r;
}

TEST(steps_grouped_by_name_and_target)
{
	struct report *r = synthetic();

	CHECK_INT(r->nsteps, 3);
	CHECK_STR(r->steps[1].what, "beacon");
	CHECK_INT(r->steps[1].attempts, 2);
	CHECK_INT(r->steps[1].first, MIN(59) + 26 * SIM_SECOND);
	CHECK_INT(r->steps[1].last, MIN(90));
	CHECK(r->steps[1].ok);
	CHECK(!r->steps[2].ok);
	CHECK_STR(r->steps[2].failed, "domain \"x\" blocked");
	CHECK(r->steps[0].technique == NULL);
	CHECK(r->finished);
	CHECK_INT(r->end, MIN(240));
	CHECK_INT(r->sensor_records, 1);
	report_free(r);
}

TEST(time_to_detect_and_contain_per_team)
{
	struct report *r = synthetic();
	int blue = report_team_find(r, "blue"), red = report_team_find(r, "red");

	CHECK_INT(blue, 0);
	CHECK_INT(red, 1);
	/* The detect row names the beacon: 5 min 34 s after it began. */
	CHECK_INT(r->teams[blue].detected[1], MIN(65));
	CHECK_INT(r->teams[blue].detected[1] - r->steps[1].first, 5 * SIM_MINUTE + 34 * SIM_SECOND);
	CHECK_INT(r->teams[blue].detected[0], -1);
	/* Isolating pc-02 contains both steps on it, not the failed one. */
	CHECK_INT(r->teams[blue].contained[0], MIN(66));
	CHECK_INT(r->teams[blue].contained[1], MIN(66));
	CHECK_INT(r->teams[blue].contained[2], -1);
	CHECK_INT(r->teams[red].detected[1], -1);
	CHECK_INT(r->teams[red].contained[0], -1);
	CHECK_INT(r->teams[blue].detections, 1);
	CHECK_INT(r->teams[blue].containments, 1);
	CHECK_INT(r->teams[red].false_positives, 1);
	CHECK_INT(r->teams[red].actions, 2);
	report_free(r);
}

TEST(totals_rows_and_score_over_time)
{
	struct report *r = synthetic();

	CHECK_INT(r->teams[0].total, 10 + 20 + 30 - 30 + 30 + 30);
	CHECK_INT(r->teams[1].total, -10 + 30 - 30 + 0);
	CHECK_INT(report_score_at(r, 0, MIN(64)), 0);
	CHECK_INT(report_score_at(r, 0, MIN(65)), 40);
	CHECK_INT(report_score_at(r, 0, MIN(100)), 60);
	CHECK_INT(report_score_at(r, 1, MIN(71)), -10);
	CHECK_INT(report_component_total(r, 0, "objective"), 30);
	CHECK_INT(report_component_total(r, 0, "expectation"), 30);
	/* Rows in time order, whatever order they were made in. */
	for (int i = 1; i < r->nrows; i++)
		CHECK(r->rows[i - 1].time <= r->rows[i].time);
	CHECK_STR(r->rows[1].component, "expectation");
	report_free(r);
}

TEST(objectives_from_timeline_and_rows)
{
	struct report *r = synthetic();

	CHECK_INT(r->nobjectives, 3);
	CHECK_STR(r->objectives[0].id, "foothold-dc");
	CHECK_INT(r->objectives[0].state, REPORT_OBJ_PREVENTED);
	CHECK_INT(r->objectives[0].time, MIN(106));
	CHECK_STR(r->objectives[1].id, "exfil-db");
	CHECK_INT(r->objectives[1].state, REPORT_OBJ_REACHED);
	CHECK_INT(r->objectives[1].time, MIN(200));
	CHECK_STR(r->objectives[2].id, "wipe-backups");
	CHECK_INT(r->objectives[2].state, REPORT_OBJ_OPEN);
	CHECK_INT(r->objectives[2].time, MIN(240));
	report_free(r);
}

TEST(times_in_words)
{
	char buf[32];

	report_time(MIN(65) + 7 * SIM_SECOND, buf, sizeof(buf));
	CHECK_STR(buf, "T+01:05:07");
	report_time(-1, buf, sizeof(buf));
	CHECK_STR(buf, "-");
	report_span(5 * SIM_MINUTE + 34 * SIM_SECOND, buf, sizeof(buf));
	CHECK_STR(buf, "5 min 34 s");
	report_span(MIN(125), buf, sizeof(buf));
	CHECK_STR(buf, "2 h 05 min");
	report_span(42 * SIM_SECOND, buf, sizeof(buf));
	CHECK_STR(buf, "42 s");
}

/* The whole output of one form. */
static char *render(const struct report *r, int form)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (form == 0)
		report_md(&r, 1, out);
	else if (form == 1)
		report_json(&r, 1, out);
	else
		report_html(&r, 1, out, false);
	fclose(out);
	return text;
}

TEST(everything_escaped)
{
	struct report *r = synthetic();
	char *md = render(r, 0), *json = render(r, 1), *html = render(r, 2);

	CHECK_CONTAINS(html, "&lt;b&gt;pc-07&lt;/b&gt; &amp; co");
	CHECK(strstr(html, "<b>pc-07") == NULL);
	CHECK_CONTAINS(html, "apt &lt;test&gt;.lua");
	CHECK_CONTAINS(html, "domain &quot;x&quot; blocked");
	CHECK_CONTAINS(html, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	CHECK(strstr(html, "<script") == NULL);
	CHECK(strstr(html, "http://") == strstr(html, "http://www.w3.org/"));
	CHECK_CONTAINS(md, "| &lt;b>pc-07&lt;/b> &amp; co |");
	CHECK_CONTAINS(md, "| blue: detect | blue: contain | red: detect | red: contain |");
	CHECK_CONTAINS(md, "| T+00:59:26 | beacon | pc-02 -> c2.example | 5 min 34 s | 6 min 34 s | - | - |");
	CHECK_CONTAINS(json, "\"reason\": \"beacon was never detected\\n\\\"quoted\\\" \\ufffd\"");
	CHECK_CONTAINS(json, "\"time_to_detect\": 334");
	CHECK_CONTAINS(json, "\"first\": 3566, \"last\": 5400");
	/* Invalid UTF-8 never reaches the page. */
	CHECK(strstr(html, "\xff") == NULL);
	free(md);
	free(json);
	free(html);
	report_free(r);
}

TEST(techniques_grouped)
{
	struct report *r = synthetic();
	char *json;

	/* Without techniques, each step that took hold stands alone. */
	CHECK(report_technique_lead(r, 0));
	CHECK(report_technique_lead(r, 1));
	CHECK(!report_technique_lead(r, 2));
	CHECK(!report_technique_has(r, 0, 1));
	/* Two steps of one technique: one group, detected by whoever
	 * detected either. */
	r->steps[0].technique = strdup("T1071.001");
	r->steps[1].technique = strdup("T1071.001");
	r->steps[2].technique = strdup("T1566.001");
	CHECK(report_technique_lead(r, 0));
	CHECK(!report_technique_lead(r, 1));
	CHECK(report_technique_has(r, 0, 1));
	CHECK(!report_technique_has(r, 0, 2));
	CHECK(report_technique_detected(r, 0, 0));
	CHECK(!report_technique_detected(r, 1, 0));
	json = render(r, 1);
	CHECK_CONTAINS(json, "\"techniques\": [\n    {\"id\": \"T1071.001\", \"steps\": [0, 1], \"detected_by\": [\"blue\"]}]");
	free(json);
	report_free(r);
}

TEST(technique_from_the_timeline)
{
	static char *teams[] = { "blue" };
	struct replay_header h = { .version = "0.1.0", .exercise = "", .scenario_path = "s.lua", .network_path = "n.lua",
				   .mode = "shared", .teams = teams, .nteams = 1 };
	struct report *r = report_new("t.rpl", &h);
	struct replay_record a = entry(MIN(1), DRILL_STEP, false, "apt", "phish", "pc-01", "blocked");
	struct replay_record b = entry(MIN(2), DRILL_STEP, true, "apt", "phish", "pc-01", NULL);
	struct replay_record c = entry(MIN(3), DRILL_STEP, true, "apt", "persist", "pc-01", NULL);
	char *md;

	a.entry.technique = "";
	b.entry.technique = "T1566.001";
	c.entry.technique = "";
	report_add(r, &a);
	report_add(r, &b);
	report_add(r, &c);
	report_finish(r);
	CHECK_STR(r->steps[0].technique, "T1566.001");
	CHECK_INT(r->steps[0].first, MIN(2));
	CHECK(r->steps[1].technique == NULL);
	md = render(r, 0);
	CHECK_CONTAINS(md, "| T1566.001 | phish pc-01 | not detected |");
	CHECK_CONTAINS(md, "| technique not recorded in this replay | persist pc-01 | not detected |");
	free(md);
	report_free(r);
}

TEST(missing_file_named)
{
	char err[512];
	struct report *r = report_read("/nonexistent/drill.rpl", err, sizeof(err));

	CHECK(r == NULL);
	CHECK_CONTAINS(err, "/nonexistent/drill.rpl");
}

int main(void)
{
	RUN(steps_grouped_by_name_and_target);
	RUN(time_to_detect_and_contain_per_team);
	RUN(totals_rows_and_score_over_time);
	RUN(objectives_from_timeline_and_rows);
	RUN(times_in_words);
	RUN(everything_escaped);
	RUN(techniques_grouped);
	RUN(technique_from_the_timeline);
	RUN(missing_file_named);
	return harness_finish();
}
