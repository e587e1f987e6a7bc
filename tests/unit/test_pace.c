/*
 * test_pace.c - speed control as arithmetic: x1, xN, pause and resume,
 * max, the inverse wall_until, and the --speed syntax.
 */
#include "harness.h"
#include "pace.h"

#include <stdint.h>

/* An arbitrary monotonic-clock reading, so nothing assumes wall 0. */
#define TEST_PACE_WALL0 INT64_C(5000000000)

TEST(realtime_advances_one_to_one)
{
	struct pace p;

	CHECK(pace_init(&p, 0, TEST_PACE_WALL0, 1));
	CHECK(!p.paused);
	CHECK_INT(pace_target(&p, TEST_PACE_WALL0), 0);
	CHECK_INT(pace_target(&p, TEST_PACE_WALL0 + 1), 1);
	CHECK_INT(pace_target(&p, TEST_PACE_WALL0 + 90 * SIM_SECOND),
		  90 * SIM_SECOND);
	/* A start other than 0 is an offset, not a restart. */
	CHECK(pace_init(&p, SIM_HOUR, TEST_PACE_WALL0, 1));
	CHECK_INT(pace_target(&p, TEST_PACE_WALL0 + SIM_SECOND),
		  SIM_HOUR + SIM_SECOND);
}

TEST(wall_clock_going_back_does_not_rewind)
{
	struct pace p;

	CHECK(pace_init(&p, 100, TEST_PACE_WALL0, 1));
	CHECK_INT(pace_target(&p, TEST_PACE_WALL0 - SIM_SECOND), 100);
	CHECK(pace_set_speed(&p, TEST_PACE_WALL0 + 10, 2));
	CHECK(pace_set_speed(&p, TEST_PACE_WALL0 - 50, 3));
	CHECK_INT(pace_target(&p, TEST_PACE_WALL0 - 50), 110);
	CHECK_INT(pace_target(&p, TEST_PACE_WALL0 + 20), 140);
}

TEST(speed_change_is_continuous)
{
	const int64_t w = TEST_PACE_WALL0;
	struct pace p;

	CHECK(pace_init(&p, 0, w, 1));
	CHECK(pace_set_speed(&p, w + 60 * SIM_SECOND, 10));
	CHECK_INT(p.speed, 10);
	/* No jump at the change ... */
	CHECK_INT(pace_target(&p, w + 60 * SIM_SECOND), 60 * SIM_SECOND);
	/* ... then ten simulated seconds per wall second. */
	CHECK_INT(pace_target(&p, w + 61 * SIM_SECOND), 70 * SIM_SECOND);
	CHECK_INT(pace_target(&p, w + 66 * SIM_SECOND), 120 * SIM_SECOND);
	CHECK_INT(pace_target(&p, w + 60 * SIM_SECOND + 1),
		  60 * SIM_SECOND + 10);
	/* And back down, again without a jump. */
	CHECK(pace_set_speed(&p, w + 66 * SIM_SECOND, 1));
	CHECK_INT(pace_target(&p, w + 66 * SIM_SECOND), 120 * SIM_SECOND);
	CHECK_INT(pace_target(&p, w + 67 * SIM_SECOND), 121 * SIM_SECOND);
}

TEST(invalid_speed_changes_nothing)
{
	struct pace p, before;

	CHECK(!pace_init(&p, 0, TEST_PACE_WALL0, -1));
	CHECK(!pace_init(&p, 0, TEST_PACE_WALL0, PACE_SPEED_LIMIT + 1));
	CHECK(pace_init(&p, 0, TEST_PACE_WALL0, 2));
	before = p;
	CHECK(!pace_set_speed(&p, TEST_PACE_WALL0 + SIM_SECOND, -3));
	CHECK(!pace_set_speed(&p, TEST_PACE_WALL0 + SIM_SECOND,
			      PACE_SPEED_LIMIT + 1));
	CHECK(p.speed == before.speed && p.paused == before.paused &&
	      p.anchor_wall == before.anchor_wall &&
	      p.anchor_sim == before.anchor_sim);
}

TEST(pause_freezes_and_resume_continues)
{
	const int64_t w = TEST_PACE_WALL0;
	struct pace p;

	CHECK(pace_init(&p, 0, w, 2));
	pace_pause(&p, w + 10 * SIM_SECOND);
	CHECK(p.paused);
	CHECK_INT(pace_target(&p, w + 10 * SIM_SECOND), 20 * SIM_SECOND);
	CHECK_INT(pace_target(&p, w + 500 * SIM_SECOND), 20 * SIM_SECOND);
	/* Pausing again does not move the frozen time. */
	pace_pause(&p, w + 600 * SIM_SECOND);
	CHECK_INT(pace_target(&p, w + 700 * SIM_SECOND), 20 * SIM_SECOND);

	pace_resume(&p, w + 1000 * SIM_SECOND);
	CHECK(!p.paused);
	CHECK_INT(pace_target(&p, w + 1000 * SIM_SECOND), 20 * SIM_SECOND);
	CHECK_INT(pace_target(&p, w + 1001 * SIM_SECOND), 22 * SIM_SECOND);
	/* Resuming a running drill is harmless. */
	pace_resume(&p, w + 1002 * SIM_SECOND);
	CHECK_INT(pace_target(&p, w + 1003 * SIM_SECOND), 26 * SIM_SECOND);
}

TEST(speed_change_while_paused)
{
	const int64_t w = TEST_PACE_WALL0;
	struct pace p;

	CHECK(pace_init(&p, 0, w, 1));
	pace_pause(&p, w + 5 * SIM_SECOND);
	CHECK(pace_set_speed(&p, w + 8 * SIM_SECOND, 60));
	CHECK(p.paused);
	CHECK_INT(pace_target(&p, w + 9 * SIM_SECOND), 5 * SIM_SECOND);
	pace_resume(&p, w + 20 * SIM_SECOND);
	CHECK_INT(pace_target(&p, w + 21 * SIM_SECOND), 65 * SIM_SECOND);
}

TEST(max_speed)
{
	const int64_t w = TEST_PACE_WALL0;
	struct pace p;

	CHECK(pace_init(&p, 0, w, PACE_SPEED_MAX));
	CHECK(pace_target(&p, w) == SIM_TIME_MAX);
	CHECK(pace_target(&p, w + SIM_HOUR) == SIM_TIME_MAX);
	CHECK_INT(pace_wall_until(&p, SIM_DAY), w);

	/* The engine reports where it got to; slowing down continues there. */
	pace_reached(&p, 3 * SIM_HOUR);
	pace_reached(&p, SIM_HOUR);
	CHECK(pace_set_speed(&p, w + SIM_SECOND, 1));
	CHECK_INT(pace_target(&p, w + SIM_SECOND), 3 * SIM_HOUR);
	CHECK_INT(pace_target(&p, w + 2 * SIM_SECOND),
		  3 * SIM_HOUR + SIM_SECOND);

	/* At other speeds the wall clock rules and reports are ignored. */
	pace_reached(&p, 5 * SIM_HOUR);
	CHECK_INT(pace_target(&p, w + 2 * SIM_SECOND),
		  3 * SIM_HOUR + SIM_SECOND);
}

TEST(pause_at_max_speed)
{
	const int64_t w = TEST_PACE_WALL0;
	struct pace p;

	CHECK(pace_init(&p, 0, w, 1));
	CHECK(pace_set_speed(&p, w + 10 * SIM_SECOND, PACE_SPEED_MAX));
	pace_reached(&p, SIM_HOUR);
	pace_pause(&p, w + 11 * SIM_SECOND);
	CHECK_INT(pace_target(&p, w + 20 * SIM_SECOND), SIM_HOUR);
	CHECK(pace_wall_until(&p, SIM_HOUR) == PACE_WALL_NEVER);
	/* Nothing runs while paused, so reports then are ignored. */
	pace_reached(&p, 2 * SIM_HOUR);
	CHECK_INT(pace_target(&p, w + 20 * SIM_SECOND), SIM_HOUR);
	pace_resume(&p, w + 30 * SIM_SECOND);
	CHECK(pace_target(&p, w + 30 * SIM_SECOND) == SIM_TIME_MAX);
	CHECK(pace_set_speed(&p, w + 31 * SIM_SECOND, 1));
	CHECK_INT(pace_target(&p, w + 32 * SIM_SECOND), SIM_HOUR + SIM_SECOND);
}

TEST(wall_until_inverts_target)
{
	static const int speeds[] = { 1, 2, 3, 7, 10, 60, PACE_SPEED_LIMIT };
	const int64_t w = TEST_PACE_WALL0;
	static const sim_time_t times[] = {
		1, 2, 999, SIM_SECOND, 90 * SIM_MINUTE + 1, 3 * SIM_DAY + 17,
	};
	struct pace p;
	size_t i, j;
	int ok = 1;

	for (i = 0; i < sizeof speeds / sizeof speeds[0]; i++) {
		CHECK(pace_init(&p, -SIM_MINUTE, w, speeds[i]));
		for (j = 0; j < sizeof times / sizeof times[0]; j++) {
			int64_t due = pace_wall_until(&p, times[j]);

			/* Due at the returned time, not 1 us before. */
			if (pace_target(&p, due) < times[j] ||
			    pace_target(&p, due - 1) >= times[j])
				ok = 0;
		}
	}
	CHECK(ok);
	/* Already due: the anchor, which is no later than now. */
	CHECK(pace_init(&p, SIM_HOUR, w, 5));
	CHECK_INT(pace_wall_until(&p, SIM_HOUR), w);
	CHECK_INT(pace_wall_until(&p, 0), w);
	CHECK_INT(pace_wall_until(&p, INT64_MIN), w);
	pace_pause(&p, w + 1);
	CHECK(pace_wall_until(&p, SIM_HOUR + 10) == PACE_WALL_NEVER);
}

TEST(extreme_values_saturate)
{
	struct pace p;

	CHECK(pace_init(&p, SIM_TIME_MAX - 10, 0, PACE_SPEED_LIMIT));
	CHECK(pace_target(&p, 1) == SIM_TIME_MAX);
	CHECK(pace_target(&p, INT64_MAX) == SIM_TIME_MAX);
	CHECK(pace_init(&p, INT64_MIN, INT64_MIN, PACE_SPEED_LIMIT));
	CHECK(pace_target(&p, INT64_MAX) == SIM_TIME_MAX);
	CHECK_INT(pace_target(&p, INT64_MIN + 1), INT64_MIN + PACE_SPEED_LIMIT);
	CHECK(pace_init(&p, 0, INT64_MAX - 5, 1));
	CHECK(pace_wall_until(&p, 10) == PACE_WALL_NEVER);
	CHECK_INT(pace_wall_until(&p, 4), INT64_MAX - 1);
	CHECK(pace_init(&p, INT64_MIN, INT64_MIN, 1));
	CHECK(pace_wall_until(&p, SIM_TIME_MAX) == PACE_WALL_NEVER);
	CHECK_INT(pace_wall_until(&p, 0), 0);
}

TEST(speed_parse)
{
	static const struct {
		const char *text;
		int speed;
	} good[] = {
		{ "1", 1 }, { "2", 2 }, { "5", 5 }, { "10", 10 }, { "60", 60 },
		{ "max", PACE_SPEED_MAX }, { "x10", 10 }, { "x1", 1 },
		{ "1000000", PACE_SPEED_LIMIT },
	};
	static const char *const bad[] = {
		"0", "-1", "fast", "", "x", "x0", "+2", " 2", "2 ", "2x", "1.5",
		"MAX", "maxx", "1000001", "99999999999999999999",
	};
	size_t i;
	int speed;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		speed = -42;
		CHECK(pace_speed_parse(good[i].text, &speed));
		CHECK_INT(speed, good[i].speed);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		bool accepted;

		speed = -42;
		accepted = pace_speed_parse(bad[i], &speed);
		if (accepted)
			printf("#   accepted \"%s\"\n", bad[i]);
		CHECK(!accepted);
		CHECK_INT(speed, -42);
	}
}

TEST(speed_format)
{
	char buf[PACE_SPEED_SIZE];
	int speed = -1;

	CHECK(pace_speed_format(1, buf, sizeof buf));
	CHECK_STR(buf, "x1");
	CHECK(pace_speed_format(60, buf, sizeof buf));
	CHECK_STR(buf, "x60");
	CHECK(pace_speed_parse(buf, &speed));
	CHECK_INT(speed, 60);
	CHECK(pace_speed_format(PACE_SPEED_MAX, buf, sizeof buf));
	CHECK_STR(buf, "max");
	CHECK(pace_speed_format(PACE_SPEED_LIMIT, buf, sizeof buf));
	CHECK_STR(buf, "x1000000");
	CHECK(!pace_speed_format(-5, buf, sizeof buf));
	CHECK_STR(buf, "");
	CHECK(!pace_speed_format(10, buf, 3));
	CHECK_STR(buf, "");
	CHECK(pace_speed_format(10, buf, 4));
}

int main(void)
{
	RUN(realtime_advances_one_to_one);
	RUN(wall_clock_going_back_does_not_rewind);
	RUN(speed_change_is_continuous);
	RUN(invalid_speed_changes_nothing);
	RUN(pause_freezes_and_resume_continues);
	RUN(speed_change_while_paused);
	RUN(max_speed);
	RUN(pause_at_max_speed);
	RUN(wall_until_inverts_target);
	RUN(extreme_values_saturate);
	RUN(speed_parse);
	RUN(speed_format);
	return harness_finish();
}
