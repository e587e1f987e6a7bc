/*
 * drill.h - one drill: the network model, the simulated clock and event
 * queue, the scenario's actors, the team actions, and what happened.
 *
 * The drill is the engine's single owner of state.  It advances by
 * popping the event queue (an actor waking up, a team action falling due)
 * and never sleeps: a front end decides how far simulated time may go
 * (drill_run_until) and waits for wall time itself.  Everything that
 * happens is appended to the timeline, the ground truth that check, run,
 * scoring and replays read.
 *
 * What the sensors would have written is emitted as structured records
 * (event.h): the drill routes each to the sensors that see it (sensor.h)
 * and hands every sensor's copy to the listeners (file sinks, syslog,
 * console, replay), in the order the records are emitted.
 *
 * Alerts: every alert-bearing record a sensor writes is numbered (alert.h)
 * and linked to the attack step that made it.  Team actions that depend
 * on what the drill holds (an alert's id) are checked by
 * drill_take_action, which refuses them without a side effect.
 *
 * Depends on net, simq, simclock, rng, action, alert, sensor and scenario.
 */
#ifndef DRILL_H
#define DRILL_H

#include <stdbool.h>
#include <stdint.h>

#include "action.h"
#include "alert.h"
#include "diag.h"
#include "event.h"
#include "net.h"
#include "rng.h"
#include "sensor.h"
#include "simclock.h"
#include "simq.h"

struct scenario;
struct drill;

struct drill_options {
	const char *scenario_path;
	const char *network_path; /* the model file */
	uint64_t seed;
	bool seed_given;          /* else the scenario's default seed */
};

enum drill_entry_kind {
	DRILL_STEP,      /* an attack step: what, target, ok or the reason it failed */
	DRILL_ACTION,    /* a team action */
	DRILL_MESSAGE,   /* a scenario message (an inject shown to teams) */
	DRILL_OBJECTIVE, /* an objective achieved or prevented */
	DRILL_ERROR,     /* a scenario error: it ended one actor, not the drill */
};

struct drill_entry {
	sim_time_t time;
	enum drill_entry_kind kind;
	char *actor;  /* actor or team */
	char *what;   /* step name, command, objective id */
	char *target; /* may be NULL */
	bool ok;
	char *detail; /* reason, message text, error; may be NULL */
	char *technique; /* a step's ATT&CK id (T1566.001); NULL: none */
};

enum drill_objective_state { OBJECTIVE_PENDING, OBJECTIVE_ACHIEVED, OBJECTIVE_PREVENTED };

struct drill_objective {
	char *id, *title_vi, *title_en;
	enum drill_objective_state state;
	sim_time_t time;
	char *reason;
};

/*
 * What a scenario expects of the defenders (expect { … }), scored per team
 * by score.h: detect a step, contain what a step took or a host, report
 * in time with the right fields, keep a system up.
 */
enum drill_expect_kind { DRILL_EXPECT_DETECT, DRILL_EXPECT_CONTAIN, DRILL_EXPECT_REPORT, DRILL_EXPECT_KEEP_UP };

/* The report fields an expectation may require, as bits. */
enum {
	DRILL_FIELD_SYSTEMS = 1u << 0,
	DRILL_FIELD_LEVEL = 1u << 1,
	DRILL_FIELD_VECTOR = 1u << 2,
	DRILL_FIELD_TECHNIQUES = 1u << 3,
	DRILL_FIELD_INDICATORS = 1u << 4,
};

struct drill_expect {
	char *id;
	enum drill_expect_kind kind;
	char *what;          /* detect: step; contain: host, or a step's name with
			      * contain_step; report: soc|coordinator; keep_up: system or host */
	bool contain_step;   /* contain: what names a step: the hosts it took */
	char *before;        /* contain: objective id, NULL: none */
	sim_time_t within;   /* detect, contain: after the step; report: after the first step taking hold; 0: none */
	sim_time_t max_down; /* keep_up */
	int points, partial; /* in time (or right); late (or partly right) */
	unsigned fields;     /* report: DRILL_FIELD_* that must be right */
	char **indicators;   /* report: the attacker's indicators the sensors may not show */
	int nindicators;
	int line;
};

/* Hears every sensor's copy of every record. */
typedef void (*drill_listener_fn)(void *ctx, const struct event *ev, enum sensor_type type);

struct drill_listener {
	drill_listener_fn fn;
	void *ctx;
};

/* Hears each timeline entry as it is recorded (its index in entries). */
typedef void (*drill_entry_fn)(void *ctx, struct drill *d, size_t entry);
/* Hears each scripted action as it falls due, before it is applied:
 * refused is NULL, or why the drill refuses it.  False halts the drill
 * there, the action not applied (the exercise store could not record
 * it). */
typedef bool (*drill_action_fn)(void *ctx, struct drill *d, const struct action *a, const char *refused);
/* Checks a team action before the drill takes it, after the drill's own
 * checks (the teams' zones in shared mode): 0, or -1 with a plain-words
 * message, and the action is refused with no side effect. */
typedef int (*drill_check_fn)(void *ctx, const struct drill *d, const struct action *a, char *err, size_t errlen);

/* The white cell's controls (ACTION_WHITE, whitecell.h): apply false
 * checks one before it is committed (0, or -1 with why), apply true
 * takes it. */
typedef int (*drill_white_fn)(void *ctx, struct drill *d, const struct action *a, bool apply, char *err,
			      size_t errlen);

/* Unique numbers for what the sensors tell apart. */
enum drill_serial { DRILL_SERIAL_CONN, DRILL_SERIAL_FILE, DRILL_SERIAL_MAIL, DRILL_SERIAL_COUNT };

struct drill {
	struct net *net;
	struct simclock clock;
	struct simq queue;
	sim_time_t now;
	sim_time_t end;  /* the scenario's duration */
	uint64_t seed;
	bool seed_fixed; /* set by the trainer: the scenario's default does not apply */
	struct scenario *scenario;

	struct action *actions; /* scripted, sorted by time */
	int nactions;

	struct drill_entry *entries;
	size_t nentries, entries_cap;
	struct drill_objective *objectives;
	size_t nobjectives, objectives_cap;
	struct drill_expect *expects;
	size_t nexpects, expects_cap;
	int errors; /* scenario errors so far */

	struct sensors sensors;
	struct drill_listener *listeners;
	int nlisteners;
	uint64_t serials[DRILL_SERIAL_COUNT];
	uint64_t records;                       /* emitted */
	uint64_t deliveries[SENSOR_TYPE_COUNT]; /* sensor copies, by type */

	struct alerts *alerts;
	/* While the scenario runs, the records it makes belong to the step
	 * it is about to record (its traces come before its entry): cause is
	 * that entry's index while a record is routed, -1 for background. */
	bool in_scenario;
	long cause;
	drill_entry_fn on_entry;
	void *on_entry_ctx;
	drill_action_fn on_action;
	void *on_action_ctx;
	bool halted; /* by on_action: nothing more runs */
	drill_check_fn on_check;
	void *on_check_ctx;
	drill_white_fn on_white; /* whitecell_take with no score unless set; NULL refuses them */
	void *on_white_ctx;
};

/* Events in the queue. */
enum drill_event { DRILL_EV_RESUME, DRILL_EV_ACTION, DRILL_EV_RECORD, DRILL_EV_CALL };

/* Load the network and the scenario and schedule its actors; NULL with
 * messages (file:line) in errs. */
struct drill *drill_open(const struct drill_options *opts, struct diag *errs);
void drill_free(struct drill *d);

/* Queue scripted actions (copied); they are applied when they fall due. */
void drill_add_actions(struct drill *d, const struct action *v, int n);
/* Run every event due up to t (and not past the scenario's end). */
void drill_run_until(struct drill *d, sim_time_t t);
/* Nothing left to run, the scenario's time is up, or the drill halted. */
bool drill_finished(const struct drill *d);
/* Apply a team action now: the model changes and the scenario hears of it. */
void drill_apply_action(struct drill *d, const struct action *a);
/* Check what only the running drill knows (the alert exists), then apply
 * the action; 0, or -1 with a plain-words message and nothing changed. */
int drill_take_action(struct drill *d, const struct action *a, char *err, size_t errlen);
/* The attack step (a DRILL_STEP entry) an alert belongs to, or -1. */
long drill_alert_step(const struct drill *d, const struct alert *a);
/* One hook for each timeline entry as it is recorded (scoring). */
void drill_on_entry(struct drill *d, drill_entry_fn fn, void *ctx);
/* One hook for each scripted action as it falls due (the store). */
void drill_on_action(struct drill *d, drill_action_fn fn, void *ctx);
/* One check of every team action, scripted or typed, before it is taken. */
void drill_on_check(struct drill *d, drill_check_fn fn, void *ctx);

/* The hook that checks and takes the white cell's controls. */
void drill_on_white(struct drill *d, drill_white_fn fn, void *ctx);

/* Listeners hear records in emission order; add them before running. */
void drill_listen(struct drill *d, drill_listener_fn fn, void *ctx);
/* The next serial of a kind, from 1. */
uint64_t drill_serial(struct drill *d, enum drill_serial what);
/*
 * A record now: every sensor that sees it (flow: the decision of its
 * connection, NULL for a host record) passes its copy to the listeners.
 * The record's pointers need only live through the call.
 */
void drill_emit(struct drill *d, const struct event *ev, const struct net_flow *flow);
/* A record only sensor writes, as it stands (the white cell's hand-
 * written event): no attack step made it.  -1 if that sensor's product
 * does not log records of its kind. */
int drill_emit_to(struct drill *d, const struct event *ev, int sensor);
/* The same when the clock reaches ev->time (at once if it has).  The
 * record is copied, so it must hold no pointers: connection totals. */
void drill_emit_at(struct drill *d, const struct event *ev, const struct net_flow *flow);
/* Call fn(ctx, d) when the clock reaches t: the background traffic and
 * other engine-side activity schedule themselves with it. */
typedef void (*drill_call_fn)(void *ctx, struct drill *d);
void drill_call_at(struct drill *d, sim_time_t t, drill_call_fn fn, void *ctx);

/* Used by the scenario runtime to record what happens. */
void drill_record(struct drill *d, enum drill_entry_kind kind, const char *actor, const char *what,
		  const char *target, bool ok, const char *detail);
/* An attack step (DRILL_STEP) with the ATT&CK technique it stands for
 * (NULL: none named). */
void drill_record_step(struct drill *d, const char *actor, const char *what, const char *target, bool ok,
		       const char *detail, const char *technique);
/* Returns -1 if the id exists already. */
int drill_objective_add(struct drill *d, const char *id, const char *title_vi, const char *title_en);
int drill_objective_find(const struct drill *d, const char *id);
/* Take an expectation (its strings and list now the drill's); -1 if
 * its id exists already. */
int drill_expect_add(struct drill *d, const struct drill_expect *e);
/* Settle a pending objective; a settled one stays as it is. */
void drill_objective_settle(struct drill *d, int objective, enum drill_objective_state state,
			    const char *actor, const char *reason);

#endif
