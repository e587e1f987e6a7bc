/*
 * score.h - scoring each team against the ground truth.
 *
 * The drill knows what the attacker did (its timeline), which alert each
 * attack step produced (alert.h) and what every team did.  This unit
 * turns that into score rows, each with the points and a reason a
 * reviewer understands: what the engine always measures (time to detect
 * and to contain each attack step, objectives prevented, false positives,
 * downtime times the system's level, report indicators, hints) and the
 * scenario's expectations (expect { … }: detect a step within a window,
 * contain a host before an objective, report in time with the right
 * fields, keep a system up).  docs/scoring.md gives the rules and points.
 *
 * Rows that follow from a team action are made as the action is applied;
 * the rest (objectives, downtime, false positives, expectations) when
 * the drill ends, at score_finish.  Every row is handed to the listeners
 * as it is made, which is how the exercise store records them.
 *
 * Depends on drill, alert, action and net.
 */
#ifndef SCORE_H
#define SCORE_H

#include <stdbool.h>
#include <stdio.h>

#include "action.h"
#include "drill.h"

#define SCORE_REASON_MAX 320
#define SCORE_ID_MAX 64

/* One score change. */
struct score_row {
	char team[ACTION_TEAM_MAX];
	sim_time_t time;
	const char *component;   /* "detect", "contain", "objective", "false-positive",
				  * "downtime", "report", "hint", "expectation" */
	int points;
	char reason[SCORE_REASON_MAX];
	char expectation[SCORE_ID_MAX]; /* the expectation's id, "" for none */
};

typedef void (*score_listener_fn)(void *ctx, const struct score_row *row);

struct score;

/* Score the drill's teams; hooks the drill (call before it runs). */
struct score *score_new(struct drill *d);
void score_free(struct score *s);
/* Hear every row as it is made. */
void score_listen(struct score *s, score_listener_fn fn, void *ctx);
/* A team that takes part (teams are also added at their first action). */
void score_add_team(struct score *s, const char *team);
/* The drill has ended: make the rows that need its whole record.  Once. */
void score_finish(struct score *s);

int score_nteams(const struct score *s);
const char *score_team(const struct score *s, int i);
int score_total(const struct score *s, const char *team);
int score_nrows(const struct score *s);
const struct score_row *score_row(const struct score *s, int i);

/*
 * The white cell settles a scenario expectation for a team by hand while
 * the drill runs: a row of the expectation's points (met) or none
 * (missed), with note in its reason; the end of the drill then leaves it
 * as marked.  Marking it the other way later gives back the first mark's
 * points.  0, or -1 with a plain-words message and nothing changed
 * (unknown team or expectation, marked so already, the drill scored).
 */
int score_mark(struct score *s, const char *team, const char *expectation, bool met, const char *note, char *err,
	       size_t errlen);
/* Whether score_mark would take the mark: 0, or -1 with its message. */
int score_mark_check(const struct score *s, const char *team, const char *expectation, bool met, char *err,
		     size_t errlen);
/* An expectation's status for a team, as the exercise store keeps it:
 * pending until a row settles it, then met for any points, else missed. */
enum score_status { SCORE_PENDING, SCORE_MET, SCORE_MISSED };
enum score_status score_expectation_status(const struct score *s, const char *team, const char *expectation);

/* Each team's table of points by component, then its rows with reasons. */
void score_print(const struct score *s, FILE *out);

#endif
