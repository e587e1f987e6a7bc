/*
 * scenario.h - the Lua scenario runtime: a sandboxed scenario file whose
 * actors are coroutines resumed by the drill's event queue.
 *
 * The scenario sees the API in docs/scenario-api.md (time, lookups,
 * attack steps that ask the network model whether they can still succeed,
 * objectives, messages, on() subscriptions to team actions) and nothing
 * else.  An error in an actor ends that actor only; it is recorded on the
 * drill's timeline with file and line.  Depends on sandbox and drill.
 */
#ifndef SCENARIO_H
#define SCENARIO_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "simclock.h"

struct drill;
struct scenario;

/* Metadata from scenario { … }; strings owned by the scenario. */
struct scenario_info {
	char *id, *title_vi, *title_en, *description_vi, *description_en;
	char *author, *version, *network;
	char **techniques;
	int ntechniques;
	sim_time_t duration;
	uint64_t seed;
	int64_t start_unix_us;
};

/* Load and run the file's main chunk against d (whose net is loaded);
 * actors it declares are scheduled at time 0.  NULL with errors. */
struct scenario *scenario_load(struct drill *d, const char *path, struct diag *errs);
void scenario_free(struct scenario *s);
const struct scenario_info *scenario_info(const struct scenario *s);

/* Resume actor a (the queue's argument) at the drill's current time. */
void scenario_resume(struct scenario *s, int actor);
/* A team action was applied: run the handlers subscribed to its event
 * with a table describing it (they start as new actors). */
void scenario_notify(struct scenario *s, const char *event, const char *team, const char *target,
		     const char *detail);
/* Actors still alive (waiting or ready). */
int scenario_live_actors(const struct scenario *s);

/* Is t an ATT&CK technique id: T and four digits, optionally a dot and
 * three more (T1566, T1566.001)? */
bool scenario_technique_ok(const char *t);

#endif
