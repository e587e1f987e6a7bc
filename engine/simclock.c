#include "simclock.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define SIMCLOCK_YEAR_MAX 9999

_Static_assert(SIMCLOCK_TZ_OFFSET_S == 7 * 3600,
	       "simclock_format_iso() spells the offset out as +07:00");

enum simclock_zone {
	SIMCLOCK_ZONE_LOCAL,
	SIMCLOCK_ZONE_LOCAL_COLON,
	SIMCLOCK_ZONE_UTC,
};

/*
 * Days since 1970-01-01 of a proleptic Gregorian date, after Howard
 * Hinnant's "chrono-compatible low-level date algorithms": exact integer
 * arithmetic over 400-year eras, no tables, no libc time functions.
 */
static int64_t simclock_days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The inverse, for days >= 0 only (the formatters' range). */
static void simclock_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
	int64_t z = days + 719468;
	int64_t era = z / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int simclock_days_in_month(int64_t y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

static bool simclock_fail(char *buf, size_t size)
{
	if (size > 0)
		buf[0] = '\0';
	return false;
}

/* Copy a finished string out only whole, so a short buffer never holds a
 * truncated timestamp that looks valid. */
static bool simclock_emit(const char *text, int len, char *buf, size_t size)
{
	if (len < 0 || (size_t)len >= size)
		return simclock_fail(buf, size);
	memcpy(buf, text, (size_t)len + 1);
	return true;
}

/* n decimal digits of v, zero-padded, at p. */
static void simclock_put_digits(char *p, int64_t v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/*
 * Every sensor line formats a timestamp and most share their second with
 * the line before: the date and time of day of the last second formatted
 * are kept (per thread) and only the microseconds are written again.
 */
struct simclock_second {
	int64_t secs;  /* the second, zone offset applied; -1: none */
	char text[20]; /* "YYYY-MM-DDTHH:MM:SS" */
};

static bool simclock_format_iso(int64_t unix_us, enum simclock_zone zone,
				char *buf, size_t size)
{
	static _Thread_local struct simclock_second last = { -1, "" };
	char text[SIMCLOCK_ISO_SIZE];
	int64_t secs;
	const char *suffix;
	size_t slen;

	if (unix_us < 0)
		return simclock_fail(buf, size);
	secs = unix_us / SIM_SECOND;
	if (zone != SIMCLOCK_ZONE_UTC)
		secs += SIMCLOCK_TZ_OFFSET_S;
	if (secs != last.secs) {
		int64_t days = secs / 86400, sod = secs % 86400, year;
		int month, day;

		simclock_civil_from_days(days, &year, &month, &day);
		if (year > SIMCLOCK_YEAR_MAX)
			return simclock_fail(buf, size);
		simclock_put_digits(last.text, year, 4);
		last.text[4] = '-';
		simclock_put_digits(last.text + 5, month, 2);
		last.text[7] = '-';
		simclock_put_digits(last.text + 8, day, 2);
		last.text[10] = 'T';
		simclock_put_digits(last.text + 11, sod / 3600, 2);
		last.text[13] = ':';
		simclock_put_digits(last.text + 14, sod / 60 % 60, 2);
		last.text[16] = ':';
		simclock_put_digits(last.text + 17, sod % 60, 2);
		last.text[19] = '.';
		last.secs = secs;
	}
	suffix = zone == SIMCLOCK_ZONE_LOCAL ? "+0700" :
		 zone == SIMCLOCK_ZONE_LOCAL_COLON ? "+07:00" : "Z";
	slen = strlen(suffix);
	memcpy(text, last.text, 20);
	simclock_put_digits(text + 20, unix_us % SIM_SECOND, 6);
	memcpy(text + 26, suffix, slen + 1);
	return simclock_emit(text, (int)(26 + slen), buf, size);
}

void simclock_init(struct simclock *c, int64_t epoch_unix_us)
{
	c->epoch_unix_us = epoch_unix_us;
}

int64_t simclock_unix_us(const struct simclock *c, sim_time_t t)
{
	if (t > 0 && c->epoch_unix_us > INT64_MAX - t)
		return INT64_MAX;
	if (t < 0 && c->epoch_unix_us < INT64_MIN - t)
		return INT64_MIN;
	return c->epoch_unix_us + t;
}

bool simclock_format_local(const struct simclock *c, sim_time_t t,
			   char *buf, size_t size)
{
	return simclock_format_iso(simclock_unix_us(c, t), SIMCLOCK_ZONE_LOCAL,
				   buf, size);
}

bool simclock_format_local_colon(const struct simclock *c, sim_time_t t,
				 char *buf, size_t size)
{
	return simclock_format_iso(simclock_unix_us(c, t),
				   SIMCLOCK_ZONE_LOCAL_COLON, buf, size);
}

bool simclock_format_utc(const struct simclock *c, sim_time_t t,
			 char *buf, size_t size)
{
	return simclock_format_iso(simclock_unix_us(c, t), SIMCLOCK_ZONE_UTC,
				   buf, size);
}

bool simclock_format_elapsed(sim_time_t t, char *buf, size_t size)
{
	char text[SIMCLOCK_ELAPSED_SIZE];
	/* Unsigned negation: -INT64_MIN does not fit an int64. */
	uint64_t mag = t < 0 ? 0 - (uint64_t)t : (uint64_t)t;
	uint64_t secs = mag / (uint64_t)SIM_SECOND;
	int len;

	len = snprintf(text, sizeof text, "T%c%02" PRIu64 ":%02d:%02d",
		       t < 0 ? '-' : '+', secs / 3600, (int)(secs / 60 % 60),
		       (int)(secs % 60));
	return simclock_emit(text, len, buf, size);
}

/* Exactly n decimal digits at *p; advances past them on success. */
static bool simclock_digits(const char **p, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		char ch = (*p)[i];

		if (ch < '0' || ch > '9')
			return false;
		v = v * 10 + (ch - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static bool simclock_literal(const char **p, char ch)
{
	if (**p != ch)
		return false;
	(*p)++;
	return true;
}

/* "Z", "+HH:MM", "+HHMM" or the '-' forms, as seconds east of UTC. */
static bool simclock_parse_offset(const char **p, int *offset_s)
{
	int sign, hh, mm;

	if (simclock_literal(p, 'Z')) {
		*offset_s = 0;
		return true;
	}
	if (**p != '+' && **p != '-')
		return false;
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if (!simclock_digits(p, 2, &hh))
		return false;
	simclock_literal(p, ':');
	if (!simclock_digits(p, 2, &mm) || hh > 23 || mm > 59)
		return false;
	*offset_s = sign * (hh * 3600 + mm * 60);
	return true;
}

bool simclock_parse_iso(const char *s, int64_t *unix_us)
{
	const char *p = s;
	int year, month, day, hour, minute, second, offset_s;
	int frac = 0, frac_digits = 0;
	int64_t secs;

	if (!simclock_digits(&p, 4, &year) || !simclock_literal(&p, '-') ||
	    !simclock_digits(&p, 2, &month) || !simclock_literal(&p, '-') ||
	    !simclock_digits(&p, 2, &day) || !simclock_literal(&p, 'T') ||
	    !simclock_digits(&p, 2, &hour) || !simclock_literal(&p, ':') ||
	    !simclock_digits(&p, 2, &minute) || !simclock_literal(&p, ':') ||
	    !simclock_digits(&p, 2, &second))
		return false;
	if (simclock_literal(&p, '.')) {
		while (*p >= '0' && *p <= '9' && frac_digits < 6) {
			frac = frac * 10 + (*p++ - '0');
			frac_digits++;
		}
		if (frac_digits == 0 || (*p >= '0' && *p <= '9'))
			return false;
		for (; frac_digits < 6; frac_digits++)
			frac *= 10;
	}
	if (!simclock_parse_offset(&p, &offset_s) || *p != '\0')
		return false;
	if (month < 1 || month > 12 || day < 1 ||
	    day > simclock_days_in_month(year, month) ||
	    hour > 23 || minute > 59 || second > 59)
		return false;
	/* Four-digit years keep every term far from the int64 limits. */
	secs = simclock_days_from_civil(year, month, day) * 86400 +
	       hour * 3600 + minute * 60 + second - offset_s;
	if (secs < 0)
		return false;
	*unix_us = secs * SIM_SECOND + frac;
	return true;
}

bool simclock_parse_duration(const char *s, sim_time_t *out)
{
	static const struct {
		char unit;
		sim_time_t scale;
	} units[] = {
		{ 'd', SIM_DAY }, { 'h', SIM_HOUR },
		{ 'm', SIM_MINUTE }, { 's', SIM_SECOND },
	};
	const size_t nunits = sizeof units / sizeof units[0];
	size_t next_unit = 0, u;
	sim_time_t total = 0;
	const char *p = s;

	if (*p == '\0')
		return false;
	while (*p != '\0') {
		int64_t n = 0;
		const char *start = p;

		for (; *p >= '0' && *p <= '9'; p++) {
			if (n > (INT64_MAX - (*p - '0')) / 10)
				return false;
			n = n * 10 + (*p - '0');
		}
		if (p == start)
			return false;
		/* Searching only from next_unit enforces largest-first and
		 * no repeats, so "1m1m" and "30m1h" are caught as typos. */
		for (u = next_unit; u < nunits && units[u].unit != *p; u++)
			;
		if (u == nunits)
			return false;
		if (n > (INT64_MAX - total) / units[u].scale)
			return false;
		total += n * units[u].scale;
		next_unit = u + 1;
		p++;
	}
	*out = total;
	return true;
}
