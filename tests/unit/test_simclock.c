/*
 * test_simclock.c - simulated time to text and back.
 *
 * Expected dates were checked with GNU date, e.g.
 * `TZ=Asia/Ho_Chi_Minh date -d @1699408800 +%Y-%m-%dT%H:%M:%S%z`.
 */
#include "harness.h"
#include "simclock.h"

#include <stdint.h>

#define TEST_SIMCLOCK_US(unix_s) ((int64_t)(unix_s) * SIM_SECOND)

enum test_simclock_form { TEST_LOCAL_FORM, TEST_COLON_FORM, TEST_UTC_FORM };

/* Simulated time us on a clock that started at Unix second unix_s. */
static const char *test_simclock_fmt(enum test_simclock_form form,
				     int64_t unix_s, sim_time_t us)
{
	static char buf[SIMCLOCK_ISO_SIZE];
	struct simclock c;
	bool ok;

	simclock_init(&c, TEST_SIMCLOCK_US(unix_s));
	if (form == TEST_LOCAL_FORM)
		ok = simclock_format_local(&c, us, buf, sizeof buf);
	else if (form == TEST_COLON_FORM)
		ok = simclock_format_local_colon(&c, us, buf, sizeof buf);
	else
		ok = simclock_format_utc(&c, us, buf, sizeof buf);
	return ok ? buf : "(failed)";
}

#define TEST_LOCAL(s) test_simclock_fmt(TEST_LOCAL_FORM, (s), 0)
#define TEST_UTC(s) test_simclock_fmt(TEST_UTC_FORM, (s), 0)

static const char *test_simclock_elapsed(sim_time_t t)
{
	static char buf[SIMCLOCK_ELAPSED_SIZE];

	return simclock_format_elapsed(t, buf, sizeof buf) ? buf : "(failed)";
}

TEST(units)
{
	CHECK_INT(SIM_SECOND, 1000000);
	CHECK_INT(SIM_MINUTE, INT64_C(60000000));
	CHECK_INT(SIM_HOUR, INT64_C(3600000000));
	CHECK_INT(SIM_DAY, INT64_C(86400000000));
}

TEST(unix_us_mapping)
{
	struct simclock c;

	simclock_init(&c, TEST_SIMCLOCK_US(1699405200));
	CHECK_INT(simclock_unix_us(&c, 0), TEST_SIMCLOCK_US(1699405200));
	CHECK_INT(simclock_unix_us(&c, 90 * SIM_MINUTE),
		  TEST_SIMCLOCK_US(1699405200 + 5400));
	CHECK_INT(simclock_unix_us(&c, -SIM_SECOND),
		  TEST_SIMCLOCK_US(1699405199));
	CHECK(simclock_unix_us(&c, SIM_TIME_MAX) == INT64_MAX);
	CHECK(simclock_unix_us(&c, INT64_MIN) ==
	      INT64_C(1699405200000000) + INT64_MIN);
	simclock_init(&c, -1);
	CHECK(simclock_unix_us(&c, INT64_MIN) == INT64_MIN);
}

TEST(known_conversion)
{
	CHECK_STR(TEST_LOCAL(1699408800), "2023-11-08T09:00:00.000000+0700");
	CHECK_STR(test_simclock_fmt(TEST_COLON_FORM, 1699408800, 0),
		  "2023-11-08T09:00:00.000000+07:00");
	CHECK_STR(TEST_UTC(1699408800), "2023-11-08T02:00:00.000000Z");
	/* Simulated time adds to the epoch. */
	CHECK_STR(test_simclock_fmt(TEST_LOCAL_FORM, 1699405200,
				    75 * SIM_MINUTE + 2 * SIM_SECOND + 123456),
		  "2023-11-08T09:15:02.123456+0700");
}

TEST(microsecond_padding)
{
	CHECK_STR(test_simclock_fmt(TEST_LOCAL_FORM, 1699408800, 1),
		  "2023-11-08T09:00:00.000001+0700");
	CHECK_STR(test_simclock_fmt(TEST_UTC_FORM, 1699408800, 999999),
		  "2023-11-08T02:00:00.999999Z");
	CHECK_STR(test_simclock_fmt(TEST_COLON_FORM, 1699408800, 50000),
		  "2023-11-08T09:00:00.050000+07:00");
}

TEST(local_midnight_rollover)
{
	CHECK_STR(TEST_LOCAL(1699462799), "2023-11-08T23:59:59.000000+0700");
	CHECK_STR(TEST_LOCAL(1699462800), "2023-11-09T00:00:00.000000+0700");
	/* The same instant is still the 8th in UTC. */
	CHECK_STR(TEST_UTC(1699462800), "2023-11-08T17:00:00.000000Z");
	/* Month and year roll over at local midnight, 17:00 UTC. */
	CHECK_STR(TEST_LOCAL(1704041999), "2023-12-31T23:59:59.000000+0700");
	CHECK_STR(TEST_LOCAL(1704042000), "2024-01-01T00:00:00.000000+0700");
	CHECK_STR(TEST_UTC(1704042000), "2023-12-31T17:00:00.000000Z");
	/* One microsecond before local midnight. */
	CHECK_STR(test_simclock_fmt(TEST_LOCAL_FORM, 1699462800, -1),
		  "2023-11-08T23:59:59.999999+0700");
}

TEST(utc_midnight_rollover)
{
	CHECK_STR(TEST_UTC(1699487999), "2023-11-08T23:59:59.000000Z");
	CHECK_STR(TEST_UTC(1699488000), "2023-11-09T00:00:00.000000Z");
	CHECK_STR(TEST_LOCAL(1699488000), "2023-11-09T07:00:00.000000+0700");
}

TEST(leap_day)
{
	CHECK_STR(TEST_LOCAL(1709139600), "2024-02-29T00:00:00.000000+0700");
	CHECK_STR(TEST_UTC(1709139600), "2024-02-28T17:00:00.000000Z");
	CHECK_STR(TEST_UTC(1709164800), "2024-02-29T00:00:00.000000Z");
	CHECK_STR(TEST_LOCAL(1709225999), "2024-02-29T23:59:59.000000+0700");
	CHECK_STR(TEST_LOCAL(1709226000), "2024-03-01T00:00:00.000000+0700");
	/* 2000 was a leap year (divisible by 400), 2100 will not be. */
	CHECK_STR(TEST_UTC(951782400), "2000-02-29T00:00:00.000000Z");
	CHECK_STR(TEST_UTC(951868800), "2000-03-01T00:00:00.000000Z");
	CHECK_STR(TEST_UTC(4107542400), "2100-03-01T00:00:00.000000Z");
}

TEST(range_limits)
{
	char buf[SIMCLOCK_ISO_SIZE] = "x";
	struct simclock c;

	/* The fixed offset applies all the way back to 1970 by design, even
	 * though the real zone was +08:00 then. */
	CHECK_STR(TEST_LOCAL(0), "1970-01-01T07:00:00.000000+0700");
	CHECK_STR(TEST_UTC(0), "1970-01-01T00:00:00.000000Z");
	CHECK_STR(TEST_UTC(253402300799), "9999-12-31T23:59:59.000000Z");
	CHECK_STR(TEST_LOCAL(253402275599), "9999-12-31T23:59:59.000000+0700");
	/* Year 10000 in local time only. */
	CHECK_STR(TEST_LOCAL(253402275600), "(failed)");
	CHECK_STR(TEST_UTC(253402275600), "9999-12-31T17:00:00.000000Z");
	CHECK_STR(TEST_UTC(253402300800), "(failed)");

	simclock_init(&c, 0);
	CHECK(!simclock_format_utc(&c, -1, buf, sizeof buf));
	CHECK_STR(buf, "");
	CHECK(!simclock_format_local(&c, INT64_MIN, buf, sizeof buf));
	CHECK(!simclock_format_local_colon(&c, SIM_TIME_MAX, buf, sizeof buf));
	CHECK_STR(buf, "");
	simclock_init(&c, INT64_MAX);
	CHECK(!simclock_format_utc(&c, SIM_TIME_MAX, buf, sizeof buf));
}

TEST(buffer_sizes)
{
	char buf[SIMCLOCK_ISO_SIZE];
	struct simclock c;

	simclock_init(&c, TEST_SIMCLOCK_US(1699408800));
	/* The colon form fills SIMCLOCK_ISO_SIZE exactly. */
	CHECK(simclock_format_local_colon(&c, 0, buf, sizeof buf));
	CHECK(!simclock_format_local_colon(&c, 0, buf, sizeof buf - 1));
	CHECK_STR(buf, "");
	CHECK(simclock_format_local(&c, 0, buf, 32));
	CHECK(!simclock_format_local(&c, 0, buf, 31));
	CHECK(!simclock_format_utc(&c, 0, buf, 0));
	CHECK(simclock_format_elapsed(0, buf, 11));
	CHECK(!simclock_format_elapsed(0, buf, 10));
}

TEST(elapsed)
{
	CHECK_STR(test_simclock_elapsed(0), "T+00:00:00");
	CHECK_STR(test_simclock_elapsed(59 * SIM_SECOND), "T+00:00:59");
	CHECK_STR(test_simclock_elapsed(59 * SIM_SECOND + 999999),
		  "T+00:00:59");
	CHECK_STR(test_simclock_elapsed(SIM_HOUR + 61 * SIM_SECOND),
		  "T+01:01:01");
	CHECK_STR(test_simclock_elapsed(25 * SIM_HOUR), "T+25:00:00");
	CHECK_STR(test_simclock_elapsed(100 * SIM_HOUR + 59 * SIM_MINUTE),
		  "T+100:59:00");
	CHECK_STR(test_simclock_elapsed(-SIM_SECOND), "T-00:00:01");
	CHECK_STR(test_simclock_elapsed(-90 * SIM_MINUTE), "T-01:30:00");
	CHECK_STR(test_simclock_elapsed(-SIM_SECOND / 2), "T-00:00:00");
	CHECK_STR(test_simclock_elapsed(INT64_MIN), "T-2562047788:00:54");
	CHECK_STR(test_simclock_elapsed(SIM_TIME_MAX), "T+2562047788:00:54");
}

TEST(parse_forms)
{
	int64_t us = -1;

	CHECK(simclock_parse_iso("2023-11-08T08:00:00+07:00", &us));
	CHECK_INT(us, TEST_SIMCLOCK_US(1699405200));
	us = -1;
	CHECK(simclock_parse_iso("2023-11-08T08:00:00+0700", &us));
	CHECK_INT(us, TEST_SIMCLOCK_US(1699405200));
	us = -1;
	CHECK(simclock_parse_iso("2023-11-08T01:00:00Z", &us));
	CHECK_INT(us, TEST_SIMCLOCK_US(1699405200));
	CHECK(simclock_parse_iso("2023-11-07T20:00:00-05:00", &us));
	CHECK_INT(us, TEST_SIMCLOCK_US(1699405200));
	CHECK(simclock_parse_iso("2023-11-08T09:15:02.123456+0700", &us));
	CHECK_INT(us, TEST_SIMCLOCK_US(1699409702) + 123456);
	CHECK(simclock_parse_iso("2023-11-08T09:15:02.5+07:00", &us));
	CHECK_INT(us, TEST_SIMCLOCK_US(1699409702) + 500000);
	CHECK(simclock_parse_iso("2024-02-29T00:00:00+07:00", &us));
	CHECK_INT(us, TEST_SIMCLOCK_US(1709139600));
	CHECK(simclock_parse_iso("2000-02-29T00:00:00Z", &us));
	CHECK_INT(us, TEST_SIMCLOCK_US(951782400));
	CHECK(simclock_parse_iso("1970-01-01T00:00:00Z", &us));
	CHECK_INT(us, 0);
	CHECK(simclock_parse_iso("1970-01-01T07:00:00+07:00", &us));
	CHECK_INT(us, 0);
	CHECK(simclock_parse_iso("9999-12-31T23:59:59.999999Z", &us));
	CHECK_INT(us, TEST_SIMCLOCK_US(253402300799) + 999999);
}

TEST(parse_round_trip)
{
	static const int64_t samples[] = {
		0, 1, 999999, INT64_C(1699405200000000),
		INT64_C(1699409702123456), INT64_C(1709225999999999),
		INT64_C(951782400000000), INT64_C(253402275599999999),
	};
	char buf[SIMCLOCK_ISO_SIZE];
	struct simclock c;
	size_t i;
	int64_t us;

	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		simclock_init(&c, samples[i]);
		us = -1;
		CHECK(simclock_format_local(&c, 0, buf, sizeof buf));
		CHECK(simclock_parse_iso(buf, &us) && us == samples[i]);
		us = -1;
		CHECK(simclock_format_local_colon(&c, 0, buf, sizeof buf));
		CHECK(simclock_parse_iso(buf, &us) && us == samples[i]);
		us = -1;
		CHECK(simclock_format_utc(&c, 0, buf, sizeof buf));
		CHECK(simclock_parse_iso(buf, &us) && us == samples[i]);
	}
}

TEST(parse_rejects)
{
	static const char *const bad[] = {
		"", "garbage", "2023-13-01T00:00:00Z", "2023-00-10T00:00:00Z",
		"2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
		"2023-04-31T00:00:00Z",
		"2023-11-00T00:00:00Z", "2023-11-08T24:00:00Z",
		"2023-11-08T23:60:00Z", "2023-11-08T23:59:60Z",
		"2023-11-08T08:00:00", "2023-11-08T08:00:00Zjunk",
		"2023-11-08T08:00:00+07:00 ", "2023-11-08T08:00:00+07:00x",
		"2023-11-08 08:00:00+07:00", "2023-11-08T08:00+07:00",
		"2023-11-8T08:00:00+07:00", "23-11-08T08:00:00+07:00",
		"2023-11-08T08:00:00+7:00", "2023-11-08T08:00:00+07",
		"2023-11-08T08:00:00+07:0", "2023-11-08T08:00:00+24:00",
		"2023-11-08T08:00:00+07:60", "2023-11-08T08:00:00.Z",
		"2023-11-08T08:00:00.1234567Z", "2023-11-08T08:00:00,5Z",
		"+2023-11-08T08:00:00Z", "1969-12-31T23:59:59Z",
		"1970-01-01T06:59:59+07:00", "0000-01-01T00:00:00Z",
		"2023-11-08t08:00:00z",
	};
	size_t i;
	int64_t us = 42;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		bool accepted = simclock_parse_iso(bad[i], &us);

		if (accepted)
			printf("#   accepted \"%s\"\n", bad[i]);
		CHECK(!accepted);
		CHECK(us == 42);
	}
}

TEST(parse_duration)
{
	sim_time_t t = -1;

	CHECK(simclock_parse_duration("90s", &t));
	CHECK_INT(t, 90 * SIM_SECOND);
	CHECK(simclock_parse_duration("15m", &t));
	CHECK_INT(t, 15 * SIM_MINUTE);
	CHECK(simclock_parse_duration("3h", &t));
	CHECK_INT(t, 3 * SIM_HOUR);
	CHECK(simclock_parse_duration("1h30m", &t));
	CHECK_INT(t, 90 * SIM_MINUTE);
	CHECK(simclock_parse_duration("2d", &t));
	CHECK_INT(t, 2 * SIM_DAY);
	CHECK(simclock_parse_duration("1d2h3m4s", &t));
	CHECK_INT(t, SIM_DAY + 2 * SIM_HOUR + 3 * SIM_MINUTE + 4 * SIM_SECOND);
	CHECK(simclock_parse_duration("0s", &t));
	CHECK_INT(t, 0);
	CHECK(simclock_parse_duration("0090m", &t));
	CHECK_INT(t, 90 * SIM_MINUTE);
	/* The largest whole number of seconds that fits. */
	CHECK(simclock_parse_duration("9223372036854s", &t));
	CHECK_INT(t, INT64_C(9223372036854) * SIM_SECOND);
}

TEST(parse_duration_rejects)
{
	static const char *const bad[] = {
		"", "90", "s", "h1", "1x", "1.5h", "-5m", "+5m", " 5m", "5m ",
		"5 m", "30m1h", "1m1m", "1h1h30m", "1ms", "1H",
		"9223372036855s", "106751992d", "99999999999999999999s",
		"106751991d4h1000000m",
	};
	size_t i;
	sim_time_t t = 42;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		bool accepted = simclock_parse_duration(bad[i], &t);

		if (accepted)
			printf("#   accepted \"%s\"\n", bad[i]);
		CHECK(!accepted);
		CHECK(t == 42);
	}
}

int main(void)
{
	RUN(units);
	RUN(unix_us_mapping);
	RUN(known_conversion);
	RUN(microsecond_padding);
	RUN(local_midnight_rollover);
	RUN(utc_midnight_rollover);
	RUN(leap_day);
	RUN(range_limits);
	RUN(buffer_sizes);
	RUN(elapsed);
	RUN(parse_forms);
	RUN(parse_round_trip);
	RUN(parse_rejects);
	RUN(parse_duration);
	RUN(parse_duration_rejects);
	return harness_finish();
}
