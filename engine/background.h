/*
 * background.h - the province's everyday traffic, so that the attack has
 * to be found in noise.
 *
 * A generator of benign activity over the whole network: staff browsing
 * the web and using the province's own systems, Windows logons to the
 * servers, administrators on SSH, software updates, mail coming in,
 * Internet scanners knocking on the perimeter, and spam all day at the
 * province's yearly rate (about 12,000 a day).  Activities arrive as a
 * Poisson process whose rate follows the office day (busy 07:30-11:30
 * and 13:30-17:00 on weekdays, quiet at lunch, nights and weekends); who
 * acts is drawn uniformly from the hosts, so big sites weigh in by their
 * size.  Everything goes through the network model, so an isolated host
 * falls silent and a blocked address shows up as firewall denies.
 *
 * Deterministic per seed: the generator draws from its own RNG stream
 * and runs on the drill's queue (drill_call_at).  Depends on drill and
 * telemetry.
 */
#ifndef BACKGROUND_H
#define BACKGROUND_H

#include <stdint.h>

struct drill;
struct background;

/* Activities per simulated second at the busiest hour of a weekday. */
#define BACKGROUND_DEFAULT_RATE 5.0

/* Start generating on d at peak_rate activities per second (> 0); the
 * generator schedules itself until the drill ends.  Free it after the
 * drill has stopped running. */
struct background *background_start(struct drill *d, double peak_rate);
void background_free(struct background *bg);

/* Activities generated so far, all kinds; spam among them. */
uint64_t background_activities(const struct background *bg);
uint64_t background_spam(const struct background *bg);

#endif
