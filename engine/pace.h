/*
 * pace.h - how fast simulated time runs against the wall clock.
 *
 * The live front end runs the drill at x1, at xN, or at max (as fast as
 * the engine can go), and the trainer can pause.  This unit is only the
 * arithmetic: callers pass the wall time in, and nothing here reads a
 * clock or sleeps, so it is tested without waiting.  Wall times should
 * come from a monotonic clock; one earlier than the last anchor counts as
 * the anchor, so simulated time never runs backwards.  Every change of
 * speed, pause or resume re-anchors at the current simulated time, so
 * simulated time is continuous across them.  Depends on simclock
 * (sim_time_t).
 */
#ifndef PACE_H
#define PACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "simclock.h"

/* A speed is a whole number of simulated seconds per wall second, from 1
 * to PACE_SPEED_LIMIT, or PACE_SPEED_MAX.  Whole numbers keep the
 * arithmetic exact, hence identical on every machine. */
#define PACE_SPEED_MAX 0
#define PACE_SPEED_LIMIT 1000000

/* pace_wall_until() while paused: no wall time makes anything due. */
#define PACE_WALL_NEVER INT64_MAX

/* Room for any formatted speed, "x1000000" or "max". */
#define PACE_SPEED_SIZE 12

/* Callers read the fields; only the functions below change them. */
struct pace {
	bool paused;
	int speed;
	int64_t anchor_wall;   /* wall microseconds of the last anchor */
	sim_time_t anchor_sim; /* simulated time at anchor_wall */
};

/* Start running (not paused) at simulated time start; false, leaving *p
 * unset, if speed is not valid. */
bool pace_init(struct pace *p, sim_time_t start, int64_t wall_now, int speed);
/* False, changing nothing, if speed is not valid.  A paused drill stays
 * paused and takes the new speed on resume. */
bool pace_set_speed(struct pace *p, int64_t wall_now, int speed);
/* Freeze simulated time; pausing twice is harmless. */
void pace_pause(struct pace *p, int64_t wall_now);
/* Continue from the frozen time, without a jump; harmless when running. */
void pace_resume(struct pace *p, int64_t wall_now);

/*
 * At max speed the engine, not the wall clock, decides how far simulated
 * time has gone: it reports here the time it has reached, so that a later
 * pause or slower speed continues from there.  Ignored when paused, at
 * other speeds (where the wall clock defines simulated time) and for
 * times earlier than the current one.
 */
void pace_reached(struct pace *p, sim_time_t reached);

/*
 * The simulated time the engine may run up to at wall_now.  At max speed
 * (and not paused) that is SIM_TIME_MAX: run whatever is queued.  A
 * target too large for sim_time_t also saturates to SIM_TIME_MAX.
 */
sim_time_t pace_target(const struct pace *p, int64_t wall_now);

/*
 * The earliest wall time at which simulated time t is due, the inverse of
 * pace_target().  PACE_WALL_NEVER while paused or if it lies beyond the
 * int64 range; the last anchor's wall time (no later than now, so: due
 * now) at max speed or when t is already due.
 */
int64_t pace_wall_until(const struct pace *p, sim_time_t t);

/* "max", "N" or "xN" with N from 1 to PACE_SPEED_LIMIT; false, leaving
 * *speed untouched, on anything else. */
bool pace_speed_parse(const char *s, int *speed);
/* "max" or "xN", which pace_speed_parse() reads back; false (buf empty
 * when size > 0) for an invalid speed or a short buffer. */
bool pace_speed_format(int speed, char *buf, size_t size);

#endif
