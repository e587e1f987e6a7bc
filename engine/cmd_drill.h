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
#include <stddef.h>
#include <stdint.h>

#include "action.h"
#include "cli.h"
#include "store.h"
#include "teams.h"

#define DRILL_TEAMS_MAX TEAMS_MAX
#define DRILL_DEFAULT_TEAM "soc"
#define DRILL_DEFAULT_DB "irdrill.db"

struct drill_cli;
struct score;

/* What a front end other than the headless loop and the console (the
 * server) is handed to play a drill recorded in the store. */
struct drill_front {
	struct drill *drill;
	struct store *store;
	struct score *score;
	const char *exercise;
	const char *scenario_path, *network_path;
	const struct drill_cli *o;
};

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
	char zones[DRILL_TEAMS_MAX][TEAMS_ZONES_TEXT]; /* each team's, as given ("" none) */
	int nteams;
	enum teams_mode mode; /* --mode: run parallel, serve shared */
	double background; /* activities per second at the peak, 0: none */
	uint64_t seed;
	bool seed_given, headless, speed_given;
	int speed;
	bool vi; /* --lang: the console's language */
	const char *as; /* --as TEAM: the console is that team's seat, not the white cell's */
	/* serve: --socket PATH and --listen HOST:PORT */
	const char *socket, *listen;
	/* Plays the drill instead of the headless loop or the console
	 * (serve); false if it halted. */
	bool (*front)(const struct drill_front *f);
};

/* Parse the options of run, check or serve; 0, or the usage exit
 * status (after saying why). */
int drill_cli_options(const struct cli_cmd *cmd, int argc, char **argv, struct drill_cli *o);
/* The network model --network names, else the default province; NULL
 * after saying why. */
const char *drill_cli_network(const struct drill_cli *o, char *buf, size_t size);
/* The default drill's scenario file; NULL after saying why. */
const char *drill_cli_default_scenario(char *buf, size_t size);

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
