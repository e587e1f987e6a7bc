/*
 * test_replay_score.c - score changes in the replay: each comes back from
 * the codec as it went in (expectation and status included), and a real
 * drill scored as it runs writes every row the scoring made, in order,
 * with its team, component, points, reason, expectation and whether the
 * expectation was met, between the timeline entries it followed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "replay_read.h"
#include "replay_record.h"
#include "replay_write.h"
#include "score.h"

#define SCENARIO "tests/data/scenarios/score.lua"
#define NETWORK "tests/data/net-small.lua"

static char test_dir[] = "/tmp/irdrill-replay-score-XXXXXX";

TEST(score_changes_round_trip)
{
	static const struct replay_score in[] = {
		{ 15 * SIM_MINUTE, "blue", "detect", 10, "detected exploit on portal (A-0001) 5 min after it began", "",
		  REPLAY_EXPECT_NONE },
		{ 2 * SIM_HOUR, "blue", "expectation", 30, "+30 expectation tell-soc", "tell-soc", REPLAY_EXPECT_MET },
		{ 2 * SIM_HOUR, "red", "expectation", 0, "missed", "tell-soc", REPLAY_EXPECT_MISSED },
		{ 2 * SIM_HOUR, "red", "false-positive", -15, "isolated c1-pc-01, a clean host", "",
		  REPLAY_EXPECT_NONE },
	};
	struct replay_enc e;
	struct replay_dec d;
	struct replay_record rec;
	char err[256];
	size_t i;

	replay_enc_init(&e);
	replay_dec_init(&d);
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		replay_enc_score(&e, in[i].time + (sim_time_t)i, &in[i]);
	replay_dec_reset(&d, (const uint8_t *)e.out.buf, e.out.len, e.first);
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		CHECK_INT(replay_dec_next(&d, &rec, err, sizeof(err)), 1);
		CHECK_INT(rec.type, REPLAY_SCORE);
		CHECK_INT(rec.clock, in[i].time + (sim_time_t)i);
		CHECK_INT(rec.score.time, in[i].time);
		CHECK_STR(rec.score.team, in[i].team);
		CHECK_STR(rec.score.component, in[i].component);
		CHECK_INT(rec.score.points, in[i].points);
		CHECK_STR(rec.score.reason, in[i].reason);
		CHECK_STR(rec.score.expectation, in[i].expectation);
		CHECK_INT(rec.score.status, in[i].status);
	}
	CHECK_INT(replay_dec_next(&d, &rec, err, sizeof(err)), 0);
	/* A status the format does not have is refused. */
	e.out.buf[e.out.len - 1] = 7;
	replay_dec_reset(&d, (const uint8_t *)e.out.buf, e.out.len, e.first);
	for (i = 0; i + 1 < sizeof(in) / sizeof(in[0]); i++)
		CHECK_INT(replay_dec_next(&d, &rec, err, sizeof(err)), 1);
	CHECK_INT(replay_dec_next(&d, &rec, err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "expectation status is unknown");
	replay_dec_free(&d);
	replay_enc_free(&e);
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

TEST(a_scored_drill_writes_every_row)
{
	struct drill_options opts = { SCENARIO, NETWORK, 3, true };
	const char *teams[] = { "blue", "red" };
	struct replay_origin o = { NULL, SCENARIO, NETWORK, "shared", teams, 2, 0.5 };
	struct replay_writer *w;
	struct replay_reader *r;
	struct replay_record rec;
	struct diag errs;
	struct drill *d;
	struct score *s;
	char path[96], err[512];
	int nrows = 0, got, met = 0, missed = 0, action_rows = 0;
	bool after_action = false;

	snprintf(path, sizeof(path), "%s/scored.rpl", test_dir);
	diag_init(&errs);
	d = drill_open(&opts, &errs);
	diag_free(&errs);
	CHECK(d != NULL);
	if (d == NULL)
		return;
	s = score_new(d);
	add(d, s, "blue", 15 * SIM_MINUTE, "ack A-0001");
	add(d, s, "blue", 20 * SIM_MINUTE, "isolate portal");
	add(d, s, "red", 61 * SIM_MINUTE, "isolate c1-pc-01");
	add(d, s, "red", 64 * SIM_MINUTE, "hint");
	w = replay_writer_open(path, d, &o, err, sizeof(err));
	CHECK(w != NULL);
	if (w == NULL) {
		score_free(s);
		drill_free(d);
		return;
	}
	drill_listen(d, replay_writer_event, w);
	score_listen(s, replay_writer_score, w);
	drill_run_until(d, SIM_TIME_MAX);
	score_finish(s);
	CHECK_INT(replay_writer_close(w, NULL, err, sizeof(err)), 0);

	r = replay_open(path, err, sizeof(err));
	CHECK(r != NULL);
	if (r == NULL) {
		printf("#   %s\n", err);
		score_free(s);
		drill_free(d);
		return;
	}
	CHECK(replay_header(r)->background == 0.5);
	while ((got = replay_next(r, &rec, err, sizeof(err))) > 0) {
		const struct score_row *row;

		if (rec.type == REPLAY_REC_ENTRY)
			after_action = rec.entry.kind == DRILL_ACTION;
		if (rec.type != REPLAY_SCORE)
			continue;
		if (nrows >= score_nrows(s)) {
			nrows++;
			continue;
		}
		row = score_row(s, nrows++);
		CHECK_INT(rec.score.time, row->time);
		CHECK_STR(rec.score.team, row->team);
		CHECK_STR(rec.score.component, row->component);
		CHECK_INT(rec.score.points, row->points);
		CHECK_STR(rec.score.reason, row->reason);
		CHECK_STR(rec.score.expectation, row->expectation);
		CHECK(rec.clock >= rec.score.time);
		if (row->expectation[0] == '\0')
			CHECK_INT(rec.score.status, REPLAY_EXPECT_NONE);
		else if (rec.score.status == REPLAY_EXPECT_MET)
			met += row->points > 0;
		else
			missed += rec.score.status == REPLAY_EXPECT_MISSED && row->points <= 0;
		/* A row made by an action follows the action's entry. */
		if (strcmp(row->component, "detect") == 0 || strcmp(row->component, "contain") == 0 ||
		    strcmp(row->component, "hint") == 0)
			action_rows += after_action;
	}
	CHECK_INT(got, 0);
	if (got < 0)
		printf("#   %s\n", err);
	CHECK(score_nrows(s) > 6);
	CHECK_INT(nrows, score_nrows(s));
	CHECK(met > 0);
	CHECK(missed > 0);
	CHECK(action_rows >= 3);
	replay_close(r);
	unlink(path);
	score_free(s);
	drill_free(d);
}

/* What the test saw of the drill as each record was written: the hosts'
 * and objectives' states then, and the teams' points before it. */
struct test_snapshots {
	const struct drill *d;
	unsigned *hosts;    /* nhosts per record */
	int *objectives;    /* nobjectives per record */
	int64_t *points;    /* 2 per record: blue, red */
	int64_t blue, red;
	size_t n, cap;
};

static void test_snapshot(void *ctx, const struct replay_record *rec)
{
	struct test_snapshots *sn = ctx;
	const struct drill *d = sn->d;
	size_t nh = (size_t)d->net->nhosts, no = d->nobjectives;

	if (sn->n == sn->cap) {
		sn->cap = sn->cap ? 2 * sn->cap : 256;
		sn->hosts = realloc(sn->hosts, sn->cap * nh * sizeof(*sn->hosts));
		sn->objectives = realloc(sn->objectives, sn->cap * (no + 1) * sizeof(*sn->objectives));
		sn->points = realloc(sn->points, sn->cap * 2 * sizeof(*sn->points));
	}
	for (size_t h = 0; h < nh; h++)
		sn->hosts[sn->n * nh + h] = d->net->hosts[h].state;
	for (size_t o = 0; o < no; o++)
		sn->objectives[sn->n * (no + 1) + o] = (int)d->objectives[o].state;
	sn->points[2 * sn->n] = sn->blue;
	sn->points[2 * sn->n + 1] = sn->red;
	if (rec->type == REPLAY_SCORE)
		*(strcmp(rec->score.team, "blue") == 0 ? &sn->blue : &sn->red) += rec->score.points;
	sn->n++;
}

static int64_t test_points_of(const struct replay_keyframe *kf, const char *team)
{
	for (size_t i = 0; i < kf->nteams; i++)
		if (strcmp(kf->teams[i].team, team) == 0)
			return kf->teams[i].points;
	return -999999;
}

/* A drill written in many chunks: each chunk's keyframe holds the
 * hosts', objectives' and teams' state as the drill had them when the
 * chunk's first record was written. */
TEST(keyframes_hold_the_state)
{
	struct drill_options opts = { SCENARIO, NETWORK, 3, true };
	const char *teams[] = { "blue", "red" };
	struct replay_origin o = { NULL, SCENARIO, NETWORK, "shared", teams, 2, 0 };
	struct test_snapshots sn = { 0 };
	struct replay_writer *w;
	struct replay_reader *r;
	struct diag errs;
	struct drill *d;
	struct score *s;
	char path[96], err[512];
	size_t first = 0, nh;
	int bad = 0, changed = 0, scored = 0;

	snprintf(path, sizeof(path), "%s/keyframes.rpl", test_dir);
	diag_init(&errs);
	d = drill_open(&opts, &errs);
	diag_free(&errs);
	CHECK(d != NULL);
	if (d == NULL)
		return;
	s = score_new(d);
	add(d, s, "blue", 15 * SIM_MINUTE, "ack A-0001");
	add(d, s, "blue", 20 * SIM_MINUTE, "isolate portal");
	add(d, s, "red", 61 * SIM_MINUTE, "isolate c1-pc-01");
	w = replay_writer_open(path, d, &o, err, sizeof(err));
	CHECK(w != NULL);
	if (w == NULL) {
		score_free(s);
		drill_free(d);
		return;
	}
	sn.d = d;
	replay_writer_tap(w, test_snapshot, &sn);
	drill_listen(d, replay_writer_event, w);
	score_listen(s, replay_writer_score, w);
	for (sim_time_t t = 0; !drill_finished(d); t += 5 * SIM_MINUTE) {
		drill_run_until(d, t);
		CHECK_INT(replay_writer_sync(w, err, sizeof(err)), 0);
	}
	score_finish(s);
	CHECK_INT(replay_writer_close(w, NULL, err, sizeof(err)), 0);

	r = replay_open(path, err, sizeof(err));
	CHECK(r != NULL);
	nh = (size_t)d->net->nhosts;
	CHECK(r && replay_chunks(r) > 5);
	for (size_t c = 0; r && c < replay_chunks(r); c++) {
		const struct replay_keyframe *kf;

		replay_seek(r, replay_chunk(r, c)->last);
		kf = replay_keyframe(r, err, sizeof(err));
		if (kf == NULL || kf->chunk != c || first >= sn.n || kf->nhosts != nh ||
		    kf->nobjectives != d->nobjectives) {
			printf("#   chunk %zu: %s\n", c + 1, kf ? "wrong keyframe" : err);
			bad++;
			break;
		}
		for (size_t h = 0; h < nh; h++)
			bad += kf->hosts[h] != sn.hosts[first * nh + h];
		for (size_t i = 0; i < kf->nobjectives; i++)
			bad += (int)kf->objectives[i].state != sn.objectives[first * (d->nobjectives + 1) + i];
		bad += test_points_of(kf, "blue") != sn.points[2 * first] ||
		       test_points_of(kf, "red") != sn.points[2 * first + 1];
		changed += memcmp(kf->hosts, sn.hosts, nh * sizeof(*kf->hosts)) != 0;
		scored += test_points_of(kf, "blue") != 0;
		first += replay_chunk(r, c)->records;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(first, sn.n);
	CHECK(changed > 0);
	CHECK(scored > 0);
	replay_close(r);
	unlink(path);
	free(sn.hosts);
	free(sn.objectives);
	free(sn.points);
	score_free(s);
	drill_free(d);
}

int main(void)
{
	if (mkdtemp(test_dir) == NULL) {
		printf("not ok - make a temporary folder\n");
		return 1;
	}
	RUN(score_changes_round_trip);
	RUN(a_scored_drill_writes_every_row);
	RUN(keyframes_hold_the_state);
	rmdir(test_dir);
	return harness_finish();
}
