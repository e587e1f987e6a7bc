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

/* Each team's table of points by component, then its rows with reasons. */
void score_print(const struct score *s, FILE *out);

#endif
