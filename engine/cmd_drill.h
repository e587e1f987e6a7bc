/*
 * cmd_drill.h - the headless drill front end that `run` and `resume`
 * share: open a drill, queue its scripted team actions, play it at a
 * pace, commit each team action to the exercise store before the drill
 * applies it, and print the timeline.
 *
 * Depends on drill, action, pace, store and the sinks.
 */
#ifndef CMD_DRILL_H
#define CMD_DRILL_H

#include <stdbool.h>
#include <stdint.h>

#include "action.h"
#include "store.h"

#define DRILL_TEAMS_MAX 16
#define DRILL_DEFAULT_TEAM "soc"
#define DRILL_DEFAULT_DB "irdrill.db"

/* How to play a drill: the options of `run`, or what `resume` reads
 * back from the exercise. */
struct drill_cli {
	const char *network;
	const char *actions;
	const char *out;    /* --out DIR: sensor files */
	const char *syslog; /* --syslog SPEC: forward to a SIEM */
	const char *replay; /* --replay FILE: record the drill */
	const char *db;     /* --db FILE: the exercise store */
	char teams[DRILL_TEAMS_MAX][ACTION_TEAM_MAX];
	int nteams;
	double background; /* activities per second at the peak, 0: none */
	uint64_t seed;
	bool seed_given, headless, speed_given;
	int speed;
	bool vi; /* --lang: the console's language */
};

/* The exercise store: --db, else $IRDRILL_DB, else DRILL_DEFAULT_DB. */
const char *drill_cli_db(const struct drill_cli *o);

/* Play a drill to its end as a new exercise in o's store (created if
 * missing), print its timeline and what the sensors wrote; returns the
 * exit status. */
int drill_cli_exercise(const struct drill_cli *o, const char *scenario, const char *network);

/*
 * Resume exercise ex of store st (found, still running, its files
 * checked), o filled from it: re-simulate it from the start, applying
 * its committed actions again at their times, flat out up to the last of
 * them, then go on at o's pace to the end, committing the scripted
 * actions still to come.  Its scores are computed again.  Prints the
 * whole timeline; returns the exit status.
 */
int drill_cli_resume(const struct drill_cli *o, struct store *st, const struct store_exercise *ex);

#endif
