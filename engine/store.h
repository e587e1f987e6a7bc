/*
 * store.h - the exercise store: an SQLite file that keeps every drill
 * (exercise), its teams, each team action, each score change and each
 * expectation's status, so that a killed engine can resume and scores
 * can be read back after the drill.
 *
 * Crash safety is the point: the file is in WAL mode with synchronous
 * FULL, and every call that records something is its own transaction,
 * done (on disk) when the call returns 0.  A front end commits a team
 * action here before it treats the action as taken.
 *
 * The schema carries its version in PRAGMA user_version and the
 * application id STORE_APPLICATION_ID; opening an older store migrates
 * it forward, a newer one or a file of another program is refused.  Ids
 * of exercises, teams and actions are random UUIDs (libuuid).  The tables
 * are described in docs/store.md, for readers with the sqlite3 tool.
 *
 * A store has one current exercise (begun or reopened); actions, scores
 * and expectations are recorded against it.  Teams are named as in the
 * drill; the store maps names to their ids.  Every function returning
 * int gives 0, or -1 with a message (naming the file) in store_error().
 *
 * Depends on SQLite, libuuid and simclock.
 */
#ifndef STORE_H
#define STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "simclock.h"

#define STORE_SCHEMA_VERSION 3
#define STORE_APPLICATION_ID 0x49524452 /* "IRDR" */
#define STORE_ID_SIZE 37                /* a UUID's text and its NUL */
#define STORE_TIME_SIZE 32              /* "2026-12-02T15:54:41.123Z" */

struct store;

struct store_exercise {
	char id[STORE_ID_SIZE];
	char *scenario_path, *scenario_sha256;
	char *network_path, *network_sha256;
	char *actions_path, *actions_sha256; /* NULL: no scripted actions */
	uint64_t seed;     /* the seed the drill ran with */
	char *mode;        /* "shared" or "parallel" */
	double background; /* background activities per second at the peak */
	int speed;         /* pace speed, 0 for max */
	char *status;      /* "running" (or killed) or "finished" */
	char created[STORE_TIME_SIZE], ended[STORE_TIME_SIZE]; /* UTC; ended "" while running */
	char **teams;      /* in the order given */
	char **zones;      /* each team's zones ("d1+dc", "" for none); NULL
			    * in store_exercise_begin: none */
	int nteams;
};

/* The team name of the white cell's actions (whitecell.h): its teams row
 * is at position -1, made with its first action, and is none of the
 * exercise's teams in struct store_exercise. */
#define STORE_WHITE_CELL "white-cell"

struct store_action {
	int seq; /* 1, 2, … in the order the actions were taken */
	char *team;
	sim_time_t time;
	char wall[STORE_TIME_SIZE];
	char *command; /* as the drill formats it: parses back to the same action */
	char *result;  /* "ok", or why the command was refused */
};

struct store_score {
	char *team;
	sim_time_t time;
	char *component;
	int points;
	char *reason;
	char *expectation; /* NULL if the change is not tied to one */
};

/* Open the store at path.  create: make the file and its schema if
 * missing (a run); otherwise the store must exist (resume, scores).  NULL
 * with a message naming path in err. */
struct store *store_open(const char *path, bool create, char *err, size_t errlen);
void store_close(struct store *s);
/* The last failure's message. */
const char *store_error(const struct store *s);

/*
 * Record a new exercise and its teams (ex->teams, at least one) with
 * status "running" and make it current.  Fills in ex->id and
 * ex->created; ex->status and ex->ended are not read.
 */
int store_exercise_begin(struct store *s, struct store_exercise *ex);
/*
 * Find an exercise by its id or a unique prefix of it (NULL or "": the
 * latest) and fill *ex, which store_exercise_free() releases.  Says so
 * when none matches or the prefix matches several.
 */
int store_exercise_find(struct store *s, const char *id, struct store_exercise *ex);
void store_exercise_free(struct store_exercise *ex);
/*
 * Make a found exercise current again to resume it: the actions stay;
 * scores and expectations, which a resumed drill computes again as it
 * re-simulates, are deleted.  Refused for an exercise that has ended.
 */
int store_exercise_reopen(struct store *s, const struct store_exercise *ex);
/* The current exercise has run to its end: status "finished", ended now. */
int store_exercise_end(struct store *s);

/* A team action of the current exercise, numbered after the last one;
 * durable when this returns 0. */
int store_action_add(struct store *s, const char *team, sim_time_t time, const char *command,
		     const char *result);
/* The actions of an exercise in the order taken; free them with
 * store_actions_free(). */
int store_actions_load(struct store *s, const char *exercise, struct store_action **out, int *n);
void store_actions_free(struct store_action *v, int n);

/* A score change of the current exercise: points (negative for a
 * penalty) for component, with a reason a reviewer understands, tied to
 * an expectation or not (NULL). */
int store_score_add(struct store *s, const char *team, sim_time_t time, const char *component, int points,
		    const char *reason, const char *expectation);
/* Set an expectation's status for a team of the current exercise. */
int store_expectation_set(struct store *s, const char *team, const char *expectation, const char *status,
			  sim_time_t time);
/* The score changes of an exercise, by team order, then simulated time, then as recorded. */
int store_scores_load(struct store *s, const char *exercise, struct store_score **out, int *n);
void store_scores_free(struct store_score *v, int n);

/* The join token of a role (a team or the white cell) of the current
 * exercise, as its SHA-256 in hex: the token itself is never stored. */
int store_token_set(struct store *s, const char *role, const char *sha256_hex);
/* The role whose token hashes to sha256_hex: 0 with role filled, 1 if
 * no role of the current exercise has it, -1 on error. */
int store_token_role(struct store *s, const char *sha256_hex, char *role, size_t size);

#endif
