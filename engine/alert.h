/*
 * alert.h - the alerts a team sees: what the sensors raised, numbered.
 *
 * Every sensor copy of an alert-bearing record (an IDS signature match in
 * EVE or the APT appliance's CEF, a FortiGate IPS, antivirus or web-filter
 * verdict, a Zeek notice) becomes one alert with a stable id, A-0001 on,
 * in the order the sensors wrote them; the same seed and actions give the
 * same ids.  The drill knows which attack step produced each record (the
 * timeline entry of the step being run when the record was made), so each
 * alert is linked to that step or to none (background).  Teams
 * acknowledge and classify alerts; the console reads them through the
 * read-only calls below.
 *
 * Depends on event; the drill feeds it (drill.h).
 */
#ifndef ALERT_H
#define ALERT_H

#include <stdbool.h>
#include <stddef.h>

#include "event.h"
#include "simclock.h"

enum alert_state { ALERT_NEW, ALERT_ACKED, ALERT_CLASSIFIED };

#define ALERT_DESC_MAX 160

struct alert {
	int number;                  /* 7 for A-0007 */
	sim_time_t time;
	int severity;                /* 1 high, 2 medium, 3 low */
	int sensor;                  /* index into the network's sensors */
	char desc[ALERT_DESC_MAX];   /* "ET POLICY … 10.21.0.11 -> 198.51.100.77" */
	long cause;                  /* the timeline entry being made when the record was, -1: background */
	enum alert_state state;
	bool true_positive;          /* as classified */
};

struct alerts;

struct alerts *alerts_new(void);
void alerts_free(struct alerts *al);

/* Take one sensor's copy of a record; cause is the timeline entry of the
 * attack step it belongs to, -1 for none.  Records that carry no alert
 * are ignored. */
void alerts_record(struct alerts *al, const struct event *ev, long cause);

/* The console's view: how many, and the i-th (0-based, oldest first). */
int alerts_count(const struct alerts *al);
const struct alert *alerts_get(const struct alerts *al, int i);
/* The index of alert number n, or -1 if it has not been raised. */
int alerts_find(const struct alerts *al, int number);
const char *alert_state_name(enum alert_state state);

/* A team's triage: acknowledged, or classified (which acknowledges too). */
void alerts_ack(struct alerts *al, int i);
void alerts_classify(struct alerts *al, int i, bool true_positive);

#endif
