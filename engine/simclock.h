/*
 * simclock.h - simulated time and how it reads on a wall clock.
 *
 * The engine counts simulated time in microseconds since the drill's
 * start (sim_time_t).  A simclock maps that onto Unix time through the
 * drill's start epoch and renders it in the province's zone,
 * Asia/Ho_Chi_Minh: a fixed +07:00 with no daylight saving since 1975.
 * The offset is applied by arithmetic, never through the process TZ or
 * the tz database, so every machine prints the same text.  Rendered
 * dates run from 1970-01-01 to 9999-12-31; anything outside fails rather
 * than printing a wrong year.  Depends on libc only.
 */
#ifndef SIMCLOCK_H
#define SIMCLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t sim_time_t;

/* Later than any event: "no limit" wherever a time bound is expected. */
#define SIM_TIME_MAX INT64_MAX

#define SIM_SECOND ((sim_time_t)1000000)
#define SIM_MINUTE (60 * SIM_SECOND)
#define SIM_HOUR (60 * SIM_MINUTE)
#define SIM_DAY (24 * SIM_HOUR)

/* Asia/Ho_Chi_Minh, east of UTC. */
#define SIMCLOCK_TZ_OFFSET_S (7 * 3600)

/* Room for any ISO-8601 form below, "2023-11-08T09:15:02.123456+07:00". */
#define SIMCLOCK_ISO_SIZE 33
/* Room for any elapsed form, "T-2562047788:00:54". */
#define SIMCLOCK_ELAPSED_SIZE 24

struct simclock {
	int64_t epoch_unix_us; /* Unix microseconds at simulated time 0 */
};

void simclock_init(struct simclock *c, int64_t epoch_unix_us);

/* Unix microseconds of simulated time t, saturating at the int64 limits
 * (which no formatter accepts). */
int64_t simclock_unix_us(const struct simclock *c, sim_time_t t);

/*
 * The formatters write a NUL-terminated string into buf and return true,
 * or return false, leaving buf empty when size > 0, if the time is out of
 * range or buf is too small.  Fractions are always six digits.
 */

/* "2023-11-08T09:15:02.123456+0700", the form Suricata writes. */
bool simclock_format_local(const struct simclock *c, sim_time_t t,
			   char *buf, size_t size);
/* "2023-11-08T09:15:02.123456+07:00", RFC 3339 and RFC 5424. */
bool simclock_format_local_colon(const struct simclock *c, sim_time_t t,
				 char *buf, size_t size);
/* "2023-11-08T02:15:02.123456Z". */
bool simclock_format_utc(const struct simclock *c, sim_time_t t,
			 char *buf, size_t size);
/*
 * "T+hh:mm:ss" since the drill's start; hours grow past 24 without
 * rolling into days.  Sub-second parts are truncated toward zero, and
 * the sign follows t, so -0.5 s reads "T-00:00:00".
 */
bool simclock_format_elapsed(sim_time_t t, char *buf, size_t size);

/*
 * Parse "YYYY-MM-DDTHH:MM:SS[.f]" followed by "Z", "+HH:MM" or "+HHMM"
 * ('-' also), with one to six fraction digits, into Unix microseconds.
 * The offset is required, since a bare local time is ambiguous.  False
 * (and *unix_us untouched) on bad syntax, impossible dates or times
 * (second 60 included), trailing text, or a moment before 1970.
 */
bool simclock_parse_iso(const char *s, int64_t *unix_us);

/*
 * Parse a duration made of number-unit groups with units d, h, m and s,
 * largest first and each at most once ("90s", "15m", "1h30m", "2d"), into
 * microseconds.  False (and *out untouched) on an empty string, a missing
 * unit, units out of order, signs, spaces or overflow.
 */
bool simclock_parse_duration(const char *s, sim_time_t *out);

#endif
