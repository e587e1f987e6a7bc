/*
 * report.h - the after-action report of a recorded drill: what the
 * attacker did, and for each team when it detected and contained each
 * attack step, what it scored and why.
 *
 * Everything comes from the replay through its public reader
 * (replay_read.h): the attack steps, objectives and team actions of the
 * timeline, and the score rows, which carry the engine's own judgement of
 * which alert belonged to which step (a `detect` row) and which host a
 * containment took back from which step (a `contain` row).  A replay cut
 * short or corrupt part-way still gives a report of what is readable;
 * report->damage says what is missing.
 *
 * The figures are computed once (report_read, or report_new and
 * report_add for records at hand) and written by report_md, report_json
 * and report_html (report_out.c, report_html.c).  Labels go through
 * gettext (ui_i18n.h); the caller sets the language.
 *
 * Depends on replay_read, replay_record, simclock and strbuf.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "replay_read.h"
#include "replay_record.h"
#include "simclock.h"

/* An attack step: every attempt of one step name on one target. */
struct report_step {
	char *actor, *what, *target; /* target "" when the step named none */
	char *technique;             /* ATT&CK id, NULL when the replay does not record it */
	sim_time_t first;            /* its first success, or its first attempt if it never took hold */
	sim_time_t last;             /* its last attempt */
	int attempts;
	bool ok;                     /* took hold at least once */
	char *failed;                /* why its last failed attempt failed, NULL if none did */
};

enum report_objective_state { REPORT_OBJ_OPEN, REPORT_OBJ_REACHED, REPORT_OBJ_PREVENTED };

struct report_objective {
	char *id;
	enum report_objective_state state;
	sim_time_t time; /* when it was settled; the end for an open one */
	char *detail;
};

struct report_row {
	sim_time_t time;
	char *team, *component, *reason, *expectation; /* expectation "" for none */
	int points;
	enum replay_expect_status status;
};

struct report_action {
	sim_time_t time;
	char *team, *command, *target, *detail; /* detail: why it was refused, or NULL */
	bool refused;
};

/* What one team did about each step (arrays indexed like report->steps). */
struct report_team {
	char *name;
	int total;
	sim_time_t *detected;  /* when it first detected the step, -1: never */
	sim_time_t *contained; /* when it took back the step's host, -1: never */
	int detections, containments, false_positives, actions;
};

struct report {
	char *path;
	char *version, *exercise, *scenario, *network, *mode;
	uint64_t seed;
	int64_t epoch_unix_us;
	sim_time_t duration;
	sim_time_t end;  /* the end mark, or the last record's clock */
	bool finished;   /* the replay has its end mark */
	char *damage;    /* what is missing or unreadable, NULL for a whole file */
	uint64_t records, sensor_records;

	struct report_step *steps;
	int nsteps;
	struct report_objective *objectives;
	int nobjectives;
	struct report_row *rows;
	int nrows;
	struct report_action *actions;
	int nactions;
	struct report_team *teams;
	int nteams;
};

/* Read a whole replay; NULL with a message in err when it cannot be
 * opened at all.  Records after a corrupt chunk are left out and damage
 * says so. */
struct report *report_read(const char *path, char *err, size_t errsize);

/* Build one by hand: a header, then records in the replay's order, then
 * report_finish once. */
struct report *report_new(const char *path, const struct replay_header *h);
void report_add(struct report *r, const struct replay_record *rec);
void report_finish(struct report *r);
void report_free(struct report *r);

/* The index of a team, or -1. */
int report_team_find(const struct report *r, const char *name);
/* A team's score at time t (every row at or before t). */
int report_score_at(const struct report *r, int team, sim_time_t t);

/* "T+01:05:00", or "-" for a time < 0. */
void report_time(sim_time_t t, char *buf, size_t size);
/* "5 min 34 s" from a duration, or "-" when < 0. */
void report_span(sim_time_t d, char *buf, size_t size);

/*
 * ATT&CK techniques: the steps that took hold, one group per technique
 * (steps whose technique is not recorded each on their own).  A group is
 * named by its first step: report_technique_lead says whether step s leads
 * one, report_technique_has whether step o belongs to s's group.
 */
bool report_technique_lead(const struct report *r, int s);
bool report_technique_has(const struct report *r, int s, int o);
/* Whether the team detected any step of s's group. */
bool report_technique_detected(const struct report *r, int team, int s);

/* For the writers: s with HTML's special characters as entities (also
 * right for Markdown cells, '|' as "\|" when md), and with bytes that are
 * not UTF-8 as U+FFFD. */
void report_put_html(FILE *out, const char *s, bool md);
/* s as a JSON string, quotes included. */
void report_put_json(FILE *out, const char *s);
/* The label of an objective state and a step's result, translated. */
const char *report_objective_state(enum report_objective_state st);
/* The points a team made by component, in the order of docs/scoring.md. */
extern const char *const report_components[];
extern const int report_ncomponents;
int report_component_total(const struct report *r, int team, const char *component);

/*
 * The three forms of the reports of n replays (n > 1: the replays of a
 * parallel drill, one province per team, laid side by side); each returns
 * 0, or -1 when out failed.
 */
int report_md(const struct report *const *rs, int n, FILE *out);
int report_json(const struct report *const *rs, int n, FILE *out);
int report_html(const struct report *const *rs, int n, FILE *out, bool vi);

/* Every team of every replay, in order: the t-th team of rs[w]. */
#define REPORT_EACH_TEAM(rs, n, w, t)      \
	for (int w = 0; w < (n); w++)          \
		for (int t = 0; t < (rs)[w]->nteams; t++)

#endif
