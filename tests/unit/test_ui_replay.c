/*
 * test_ui_replay.c - the replay viewer's state (ui_replay.h), without a
 * terminal: typed times; a real two-team drill recorded and played back,
 * where seeking back and forth gives the state of playing straight to
 * that time, a team sees its own actions, triage and points and the
 * white cell everything, the points at the end are the scoring's, jumps
 * land on team actions, attack steps and score changes, commands answer
 * in words, and a file cut short opens with what is whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "replay_write.h"
#include "score.h"
#include "ui_replay.h"

#define SCENARIO "tests/data/scenarios/score.lua"
#define NETWORK "tests/data/net-small.lua"

static char test_dir[] = "/tmp/irdrill-ui-replay-XXXXXX";
static char test_path[128], test_cut[128];
static int test_points_blue, test_points_red;
static sim_time_t test_end;

TEST(typed_times)
{
	sim_time_t t = -1, now = 10 * SIM_MINUTE;

	CHECK(ui_replay_parse_time("T+01:20:00", now, &t));
	CHECK_INT(t, 80 * SIM_MINUTE);
	CHECK(ui_replay_parse_time("01:20:30", now, &t));
	CHECK_INT(t, 80 * SIM_MINUTE + 30 * SIM_SECOND);
	CHECK(ui_replay_parse_time("1:20", now, &t));
	CHECK_INT(t, 80 * SIM_MINUTE);
	CHECK(ui_replay_parse_time("80m", now, &t));
	CHECK_INT(t, 80 * SIM_MINUTE);
	CHECK(ui_replay_parse_time("1h20m", now, &t));
	CHECK_INT(t, 80 * SIM_MINUTE);
	CHECK(ui_replay_parse_time("90s", now, &t));
	CHECK_INT(t, 90 * SIM_SECOND);
	CHECK(ui_replay_parse_time("+5m", now, &t));
	CHECK_INT(t, 15 * SIM_MINUTE);
	CHECK(ui_replay_parse_time("-5m", now, &t));
	CHECK_INT(t, 5 * SIM_MINUTE);
	t = 42;
	CHECK(!ui_replay_parse_time("", now, &t));
	CHECK(!ui_replay_parse_time("T+", now, &t));
	CHECK(!ui_replay_parse_time("soon", now, &t));
	CHECK(!ui_replay_parse_time("1:75", now, &t));
	CHECK(!ui_replay_parse_time("1:2:3:4", now, &t));
	CHECK(!ui_replay_parse_time("5", now, &t));
	CHECK(!ui_replay_parse_time("1:", now, &t));
	CHECK(!ui_replay_parse_time("+-5m", now, &t));
	CHECK_INT(t, 42);
}

static void add(struct drill *d, struct score *s, const char *team, sim_time_t when, const char *command)
{
	struct action a;
	char err[256] = "";

	CHECK_INT(action_parse(d->net, command, &a, err, sizeof(err)), 0);
	a.time = when;
	snprintf(a.team, sizeof(a.team), "%s", team);
	score_add_team(s, team);
	drill_add_actions(d, &a, 1);
}

/* Record the drill, a chunk every ten minutes; false if it could not. */
static bool test_record(void)
{
	struct drill_options opts = { SCENARIO, NETWORK, 3, true };
	const char *teams[] = { "blue", "red" };
	struct replay_origin o = { NULL, SCENARIO, NETWORK, "shared", teams, 2, 0 };
	struct replay_writer *w;
	struct diag errs;
	struct drill *d;
	struct score *s;
	char err[512];
	uint64_t bytes = 0;
	FILE *in, *out;

	diag_init(&errs);
	d = drill_open(&opts, &errs);
	diag_free(&errs);
	if (d == NULL)
		return false;
	s = score_new(d);
	add(d, s, "blue", 15 * SIM_MINUTE, "ack A-0001");
	add(d, s, "blue", 20 * SIM_MINUTE, "isolate portal");
	add(d, s, "red", 61 * SIM_MINUTE, "isolate c1-pc-01");
	add(d, s, "red", 64 * SIM_MINUTE, "hint");
	snprintf(test_path, sizeof(test_path), "%s/drill.rpl", test_dir);
	w = replay_writer_open(test_path, d, &o, err, sizeof(err));
	if (w == NULL) {
		score_free(s);
		drill_free(d);
		return false;
	}
	drill_listen(d, replay_writer_event, w);
	score_listen(s, replay_writer_score, w);
	for (sim_time_t t = 10 * SIM_MINUTE; !drill_finished(d); t += 10 * SIM_MINUTE) {
		drill_run_until(d, t);
		replay_writer_sync(w, err, sizeof(err));
	}
	test_end = d->now;
	score_finish(s);
	test_points_blue = score_total(s, "blue");
	test_points_red = score_total(s, "red");
	replay_writer_close(w, &bytes, err, sizeof(err));
	score_free(s);
	drill_free(d);
	/* The same file cut two thirds of the way through. */
	snprintf(test_cut, sizeof(test_cut), "%s/cut.rpl", test_dir);
	in = fopen(test_path, "rb");
	out = fopen(test_cut, "wb");
	if (in && out) {
		for (uint64_t i = 0; i < bytes * 2 / 3; i++)
			fputc(fgetc(in), out);
	}
	if (in)
		fclose(in);
	if (out)
		fclose(out);
	return bytes > 0;
}

static bool test_open(struct ui_replay *v, const char *path)
{
	char err[1400] = "";

	if (ui_replay_open(v, path, NULL, NULL, false, 0, err, sizeof(err)) == 0)
		return true;
	printf("#   %s\n", err);
	return false;
}

static int test_host_state(const struct ui_replay *v, const char *host)
{
	return (int)v->d->net->hosts[net_host_find(v->d->net, host)].state;
}

static size_t test_count_kind(const struct ui_replay *v, enum drill_entry_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < v->d->nentries; i++)
		n += v->d->entries[i].kind == kind;
	return n;
}

TEST(plays_to_the_end_with_the_scoring_points)
{
	static struct ui_replay v;

	if (!test_open(&v, test_path)) {
		CHECK(0);
		return;
	}
	CHECK_STR(v.problem, "");
	CHECK(v.last >= test_end - SIM_MINUTE);
	ui_replay_seek(&v, v.last);
	CHECK_INT(v.now, v.last);
	CHECK_INT(ui_replay_points_of(&v, "blue"), test_points_blue);
	CHECK_INT(ui_replay_points_of(&v, "red"), test_points_red);
	CHECK(test_count_kind(&v, DRILL_STEP) >= 1);
	CHECK_INT(test_count_kind(&v, DRILL_ACTION), 4);
	CHECK(test_host_state(&v, "portal") & NET_HOST_ISOLATED);
	CHECK(test_host_state(&v, "c1-pc-01") & NET_HOST_ISOLATED);
	CHECK(ui_view_alerts(&v.m.view) >= 1);
	CHECK(v.m.feed.seq > 0);
	ui_replay_close(&v);
}

TEST(seeking_back_and_forth_gives_the_same_state)
{
	static struct ui_replay a, b;
	sim_time_t t = 21 * SIM_MINUTE;

	if (!test_open(&a, test_path) || !test_open(&b, test_path)) {
		CHECK(0);
		ui_replay_close(&a);
		return;
	}
	ui_replay_seek(&a, t);
	ui_replay_seek(&b, b.last);
	ui_replay_seek(&b, 5 * SIM_MINUTE);
	CHECK_INT(test_host_state(&b, "portal") & NET_HOST_ISOLATED, 0);
	CHECK_INT(b.d->nentries, 0);
	ui_replay_seek(&b, t);
	CHECK_INT(b.now, t);
	CHECK_INT(a.d->nentries, b.d->nentries);
	CHECK_INT(ui_view_alerts(&a.m.view), ui_view_alerts(&b.m.view));
	CHECK_INT(test_host_state(&a, "portal"), test_host_state(&b, "portal"));
	CHECK(test_host_state(&b, "portal") & NET_HOST_ISOLATED);
	CHECK_INT(ui_replay_points_of(&a, NULL), ui_replay_points_of(&b, NULL));
	CHECK_INT(a.m.feed.seq, b.m.feed.seq);
	/* Playing on at a pace: x60 for 30 wall seconds is 30 minutes on. */
	ui_replay_restart_pace(&b, 0);
	pace_set_speed(&b.m.pace, 0, 60);
	ui_replay_advance(&b, 30 * 1000000);
	CHECK_INT(b.now, t + 30 * SIM_MINUTE);
	ui_replay_close(&a);
	ui_replay_close(&b);
}

TEST(a_team_sees_its_own_side)
{
	static struct ui_replay v;

	if (!test_open(&v, test_path)) {
		CHECK(0);
		return;
	}
	CHECK(!ui_replay_as(&v, "green"));
	CHECK(ui_replay_as(&v, "red"));
	ui_replay_seek(&v, 16 * SIM_MINUTE);
	/* blue's ack is not red's: the alert is new in red's view. */
	CHECK(ui_view_alerts(&v.m.view) >= 1);
	if (ui_view_alerts(&v.m.view) >= 1)
		CHECK_INT(ui_view_alert(&v.m.view, 0)->state, ALERT_NEW);
	CHECK_INT(v.d->nentries, 0);
	CHECK_INT(ui_view_objectives(&v.m.view), 0);
	CHECK(ui_replay_as(&v, "blue"));
	CHECK_INT(v.now, 16 * SIM_MINUTE);
	if (ui_view_alerts(&v.m.view) >= 1)
		CHECK_INT(ui_view_alert(&v.m.view, 0)->state, ALERT_ACKED);
	CHECK_INT(test_count_kind(&v, DRILL_ACTION), 1);
	CHECK_INT(test_count_kind(&v, DRILL_STEP), 0);
	ui_replay_seek(&v, v.last);
	CHECK_INT(ui_replay_points_of(&v, NULL), test_points_blue);
	CHECK_INT(test_count_kind(&v, DRILL_ACTION), 2);
	CHECK(ui_replay_as(&v, "white"));
	CHECK_INT(ui_replay_points_of(&v, NULL), test_points_blue + test_points_red);
	CHECK_INT(test_count_kind(&v, DRILL_ACTION), 4);
	CHECK(ui_view_objectives(&v.m.view) >= 1);
	ui_replay_close(&v);
}

TEST(jumps_land_on_marks)
{
	static struct ui_replay v;

	if (!test_open(&v, test_path)) {
		CHECK(0);
		return;
	}
	CHECK(ui_replay_jump(&v, UI_REPLAY_STEP, 1));
	CHECK_INT(v.now, 10 * SIM_MINUTE);
	CHECK_CONTAINS(v.m.status, "Attack step at T+00:10:00: crew exploit portal");
	CHECK(ui_replay_jump(&v, UI_REPLAY_ACTION, 1));
	CHECK_INT(v.now, 15 * SIM_MINUTE);
	CHECK_CONTAINS(v.m.status, "Team action at T+00:15:00: blue ack A-0001");
	CHECK(ui_replay_jump(&v, UI_REPLAY_ACTION, 1));
	CHECK_INT(v.now, 20 * SIM_MINUTE);
	CHECK(ui_replay_jump(&v, UI_REPLAY_ACTION, -1));
	CHECK_INT(v.now, 15 * SIM_MINUTE);
	CHECK(!ui_replay_jump(&v, UI_REPLAY_ACTION, -1));
	CHECK(v.m.status_error);
	CHECK_INT(v.now, 15 * SIM_MINUTE);
	CHECK(ui_replay_as(&v, "red"));
	CHECK(ui_replay_jump(&v, UI_REPLAY_ACTION, 1));
	CHECK_INT(v.now, 61 * SIM_MINUTE);
	CHECK(ui_replay_jump(&v, UI_REPLAY_SCORE, 1));
	CHECK(v.now > 61 * SIM_MINUTE);
	CHECK_CONTAINS(v.m.status, ": red ");
	ui_replay_close(&v);
}

TEST(commands_answer_in_words)
{
	static struct ui_replay v;

	if (!test_open(&v, test_path)) {
		CHECK(0);
		return;
	}
	CHECK_INT(ui_replay_command(&v, "seek 5h"), 0);
	CHECK_INT(v.now, v.last);
	CHECK_CONTAINS(v.m.status, "The replay ends at T+");
	CHECK_INT(ui_replay_command(&v, "seek 1:05"), 0);
	CHECK_INT(v.now, 65 * SIM_MINUTE);
	CHECK_CONTAINS(v.m.status, "At T+01:05:00.");
	CHECK_INT(ui_replay_command(&v, "seek -5m"), 0);
	CHECK_INT(v.now, 60 * SIM_MINUTE);
	CHECK_INT(ui_replay_command(&v, "seek yesterday"), -1);
	CHECK(v.m.status_error);
	CHECK_CONTAINS(v.m.status, "'yesterday' is not a time");
	CHECK_INT(v.now, 60 * SIM_MINUTE);
	CHECK_INT(ui_replay_command(&v, "frobnicate"), -1);
	CHECK_CONTAINS(v.m.status, "Unknown command 'frobnicate'");
	CHECK_INT(ui_replay_command(&v, "isolate portal"), -1);
	CHECK_CONTAINS(v.m.status, "A replay cannot be changed");
	CHECK_INT(ui_replay_command(&v, "as green"), -1);
	CHECK_CONTAINS(v.m.status, "No team 'green' in this replay: choose one of blue, red, white.");
	CHECK_INT(ui_replay_command(&v, "speed 1000"), 0);
	CHECK_INT(v.m.pace.speed, 1000);
	CHECK_INT(ui_replay_command(&v, "speed 3"), -1);
	CHECK_INT(v.m.pace.speed, 1000);
	CHECK(!ui_replay_speed_step(&v, 1));
	CHECK(ui_replay_speed_step(&v, -1));
	CHECK_INT(v.m.pace.speed, 100);
	CHECK_INT(ui_replay_command(&v, "pause"), 0);
	CHECK(v.m.pace.paused);
	CHECK_INT(ui_replay_command(&v, "play"), 0);
	CHECK(!v.m.pace.paused);
	CHECK_INT(ui_replay_command(&v, "view timeline"), 0);
	CHECK_INT(v.m.pane, UI_PANE_TIMELINE);
	CHECK_INT(ui_replay_command(&v, "quit"), 0);
	CHECK(v.m.quit);
	ui_replay_close(&v);
}

TEST(a_file_cut_short_shows_what_is_whole)
{
	static struct ui_replay v;

	if (!test_open(&v, test_cut)) {
		CHECK(0);
		return;
	}
	CHECK_CONTAINS(v.problem, "cut short");
	CHECK(v.m.status_error);
	CHECK_CONTAINS(v.m.status, "Showing what is readable");
	CHECK(v.last > 0);
	CHECK(v.last < test_end);
	ui_replay_seek(&v, test_end);
	CHECK_INT(v.now, v.last);
	CHECK(v.d->nentries >= 1);
	CHECK(!ui_replay_jump(&v, UI_REPLAY_SCORE, 1) || v.now <= v.last);
	ui_replay_close(&v);
}

/* Cut anywhere: the file opens with what is whole, or is refused in
 * words; playing and jumping through it never fail. */
TEST(cut_anywhere_opens_or_says_why)
{
	static struct ui_replay v;
	FILE *f = fopen(test_path, "rb");
	char *bytes, path[160], err[1400];
	long size;
	int opened = 0, refused = 0;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0) {
		CHECK(0);
		if (f)
			fclose(f);
		return;
	}
	rewind(f);
	bytes = malloc((size_t)size);
	CHECK(fread(bytes, 1, (size_t)size, f) == (size_t)size);
	fclose(f);
	snprintf(path, sizeof(path), "%s/cut-anywhere.rpl", test_dir);
	for (int i = 1; i < 24; i++) {
		long cut = i < 20 ? size * i / 20 : i == 20 ? 60 : size - (i - 20);
		FILE *out = fopen(path, "wb");

		if (out == NULL)
			break;
		fwrite(bytes, 1, (size_t)cut, out);
		fclose(out);
		err[0] = '\0';
		if (ui_replay_open(&v, path, NULL, NULL, false, 0, err, sizeof(err)) != 0) {
			refused++;
			CHECK(err[0] != '\0');
			continue;
		}
		opened++;
		ui_replay_seek(&v, SIM_TIME_MAX / 2);
		CHECK(v.now <= v.last);
		ui_replay_jump(&v, UI_REPLAY_ACTION, -1);
		ui_replay_jump(&v, UI_REPLAY_SCORE, 1);
		ui_replay_seek(&v, 0);
		CHECK_INT(v.d->nentries, 0);
		ui_replay_close(&v);
	}
	CHECK(opened >= 18);
	CHECK(refused >= 1); /* 60 bytes: inside the header */
	free(bytes);
}

int main(void)
{
	char cmd[160];
	bool recorded;

	if (mkdtemp(test_dir) == NULL)
		return 1;
	recorded = test_record();
	RUN(typed_times);
	if (recorded) {
		RUN(plays_to_the_end_with_the_scoring_points);
		RUN(seeking_back_and_forth_gives_the_same_state);
		RUN(a_team_sees_its_own_side);
		RUN(jumps_land_on_marks);
		RUN(commands_answer_in_words);
		RUN(a_file_cut_short_shows_what_is_whole);
		RUN(cut_anywhere_opens_or_says_why);
	} else {
		printf("not ok - record-a-drill\n");
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", test_dir);
	if (system(cmd) != 0)
		return 1;
	return harness_finish() || !recorded;
}
