#include "drill.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netload.h"
#include "scenario.h"
#include "whitecell.h"
#include "xmalloc.h"

/* A record waiting for its time on the queue. */
struct drill_pending {
	struct event ev;
	struct net_flow flow;
	bool has_flow;
	long cause;
};

/* A call waiting for its time on the queue. */
struct drill_call {
	drill_call_fn fn;
	void *ctx;
};

static char *drill_strdup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct drill *drill_open(const struct drill_options *opts, struct diag *errs)
{
	struct drill *d = xcalloc(1, sizeof(*d));
	const struct scenario_info *info;

	/* The white cell's controls, with no score to mark until a front
	 * end hands one (drill_on_white). */
	d->on_white = whitecell_take;
	simq_init(&d->queue);
	d->cause = -1;
	d->alerts = alerts_new();
	d->net = net_load(opts->network_path, errs);
	if (d->net == NULL)
		goto fail;
	d->seed = opts->seed;
	d->seed_fixed = opts->seed_given;
	d->scenario = scenario_load(d, opts->scenario_path, errs);
	if (d->scenario == NULL)
		goto fail;
	sensors_init(&d->sensors, d->net);
	info = scenario_info(d->scenario);
	d->end = info->duration;
	simclock_init(&d->clock, info->start_unix_us);
	if (info->network && strcmp(info->network, d->net->id) != 0) {
		diag_add(errs, opts->scenario_path, 0, "the scenario targets network '%s' but '%s' (%s) was loaded",
			 info->network, d->net->id, d->net->path);
		goto fail;
	}
	return d;
fail:
	drill_free(d);
	return NULL;
}

void drill_free(struct drill *d)
{
	struct simq_entry q;

	if (d == NULL)
		return;
	/* Records and calls still waiting own a little memory each. */
	while (simq_pop(&d->queue, &q))
		if (q.kind == DRILL_EV_RECORD || q.kind == DRILL_EV_CALL)
			free(q.ptr);
	scenario_free(d->scenario);
	alerts_free(d->alerts);
	sensors_free(&d->sensors);
	net_free(d->net);
	simq_free(&d->queue);
	free(d->listeners);
	for (size_t i = 0; i < d->nentries; i++) {
		struct drill_entry *e = &d->entries[i];

		free(e->actor), free(e->what), free(e->target), free(e->detail);
		free(e->technique);
	}
	for (size_t i = 0; i < d->nobjectives; i++) {
		struct drill_objective *o = &d->objectives[i];

		free(o->id), free(o->title_vi), free(o->title_en), free(o->reason);
	}
	for (size_t i = 0; i < d->nexpects; i++) {
		struct drill_expect *x = &d->expects[i];

		free(x->id), free(x->what), free(x->before);
		for (int k = 0; k < x->nindicators; k++)
			free(x->indicators[k]);
		free(x->indicators);
	}
	free(d->expects);
	free(d->entries);
	free(d->objectives);
	free(d->actions);
	free(d);
}

void drill_add_actions(struct drill *d, const struct action *v, int n)
{
	int base = d->nactions;

	/* A run without an actions file has none, and no array either. */
	if (n == 0)
		return;
	d->actions = xrealloc(d->actions, (size_t)(base + n) * sizeof(*d->actions));
	memcpy(d->actions + base, v, (size_t)n * sizeof(*v));
	d->nactions += n;
	for (int i = 0; i < n; i++)
		simq_push(&d->queue, v[i].time, DRILL_EV_ACTION, (uint64_t)(base + i), NULL);
}

/* What only the running drill knows: the alert an ack or classify names
 * exists.  0, or -1 with a plain-words message. */
static int drill_check_action(const struct drill *d, const struct action *a, char *err, size_t errlen)
{
	if (a->verb == ACTION_WHITE) {
		if (d->on_white == NULL) {
			snprintf(err, errlen, "%s", "this drill takes no control of the white cell's");
			return -1;
		}
		return d->on_white(d->on_white_ctx, (struct drill *)d, a, false, err, errlen);
	}
	if ((a->verb == ACTION_ACK || a->verb == ACTION_CLASSIFY) && alerts_find(d->alerts, a->alert) < 0) {
		char id[16];

		action_alert_id(a->alert, id, sizeof(id));
		snprintf(err, errlen, "no alert %s: %d raised so far", id, alerts_count(d->alerts));
		return -1;
	}
	return d->on_check ? d->on_check(d->on_check_ctx, d, a, err, errlen) : 0;
}

/* A scripted action falls due; one the drill refuses is written on the
 * timeline with the reason. */
static void drill_scripted_action(struct drill *d, const struct action *a)
{
	char err[256], command[ACTION_VALUE_MAX + 128], target[ACTION_VALUE_MAX];
	bool refused = drill_check_action(d, a, err, sizeof(err)) != 0;

	if (d->on_action && !d->on_action(d->on_action_ctx, d, a, refused ? err : NULL)) {
		d->halted = true;
		return;
	}
	if (!refused) {
		drill_apply_action(d, a);
		return;
	}
	action_format(d->net, a, command, sizeof(command));
	action_target(d->net, a, target, sizeof(target));
	drill_record(d, DRILL_ACTION, a->team, command, target[0] ? target : NULL, false, err);
}

static void drill_deliver(void *ctx, const struct event *ev, enum sensor_type type)
{
	struct drill *d = ctx;

	d->deliveries[type]++;
	alerts_record(d->alerts, ev, d->cause);
	for (int i = 0; i < d->nlisteners; i++)
		d->listeners[i].fn(d->listeners[i].ctx, ev, type);
}

static void drill_route(struct drill *d, const struct event *ev, const struct net_flow *flow, long cause)
{
	long outer = d->cause;

	d->records++;
	d->cause = cause;
	sensors_route(&d->sensors, ev, flow, drill_deliver, d);
	d->cause = outer;
}

static long drill_cause_now(const struct drill *d)
{
	return d->in_scenario ? (long)d->nentries : -1;
}

void drill_run_until(struct drill *d, sim_time_t t)
{
	const struct simq_entry *next;
	struct simq_entry e;
	sim_time_t limit = t < d->end ? t : d->end;

	while (!d->halted && (next = simq_peek(&d->queue)) != NULL && next->time <= limit) {
		simq_pop(&d->queue, &e);
		d->now = e.time;
		switch ((enum drill_event)e.kind) {
		case DRILL_EV_RESUME:
			d->in_scenario = true;
			scenario_resume(d->scenario, (int)e.arg);
			d->in_scenario = false;
			break;
		case DRILL_EV_ACTION:
			drill_scripted_action(d, &d->actions[e.arg]);
			break;
		case DRILL_EV_RECORD: {
			struct drill_pending *p = e.ptr;

			drill_route(d, &p->ev, p->has_flow ? &p->flow : NULL, p->cause);
			free(p);
			break;
		}
		case DRILL_EV_CALL: {
			struct drill_call c = *(struct drill_call *)e.ptr;

			free(e.ptr);
			c.fn(c.ctx, d);
			break;
		}
		}
	}
	if (limit > d->now && !d->halted)
		d->now = limit;
}

void drill_listen(struct drill *d, drill_listener_fn fn, void *ctx)
{
	d->listeners = xrealloc(d->listeners, (size_t)(d->nlisteners + 1) * sizeof(*d->listeners));
	d->listeners[d->nlisteners++] = (struct drill_listener){ fn, ctx };
}

uint64_t drill_serial(struct drill *d, enum drill_serial what)
{
	return ++d->serials[what];
}


void drill_emit(struct drill *d, const struct event *ev, const struct net_flow *flow)
{
	drill_route(d, ev, flow, drill_cause_now(d));
}

void drill_emit_at(struct drill *d, const struct event *ev, const struct net_flow *flow)
{
	struct drill_pending *p;

	if (ev->time <= d->now) {
		drill_emit(d, ev, flow);
		return;
	}
	p = xcalloc(1, sizeof(*p));
	p->ev = *ev;
	p->cause = drill_cause_now(d);
	if (flow)
		p->flow = *flow, p->has_flow = true;
	simq_push(&d->queue, ev->time, DRILL_EV_RECORD, 0, p);
}

void drill_call_at(struct drill *d, sim_time_t t, drill_call_fn fn, void *ctx)
{
	struct drill_call *c = xcalloc(1, sizeof(*c));

	c->fn = fn;
	c->ctx = ctx;
	simq_push(&d->queue, t, DRILL_EV_CALL, 0, c);
}

bool drill_finished(const struct drill *d)
{
	const struct simq_entry *next = simq_peek(&d->queue);

	return d->halted || next == NULL || next->time > d->end;
}

void drill_apply_action(struct drill *d, const struct action *a)
{
	char command[ACTION_VALUE_MAX + 128], target[ACTION_VALUE_MAX];

	if (a->verb == ACTION_WHITE) {
		if (d->on_white)
			d->on_white(d->on_white_ctx, d, a, true, command, sizeof(command));
		return;
	}
	action_apply(d->net, a);
	action_format(d->net, a, command, sizeof(command));
	action_target(d->net, a, target, sizeof(target));
	if (a->verb == ACTION_ACK)
		alerts_ack(d->alerts, alerts_find(d->alerts, a->alert));
	else if (a->verb == ACTION_CLASSIFY)
		alerts_classify(d->alerts, alerts_find(d->alerts, a->alert), a->true_positive);
	drill_record(d, DRILL_ACTION, a->team, command, target[0] ? target : NULL, true, NULL);
	d->in_scenario = true;
	scenario_notify(d->scenario, action_event_name(a->verb), a->team, target, command);
	d->in_scenario = false;
}

int drill_take_action(struct drill *d, const struct action *a, char *err, size_t errlen)
{
	if (drill_check_action(d, a, err, errlen) != 0)
		return -1;
	drill_apply_action(d, a);
	return 0;
}

void drill_on_action(struct drill *d, drill_action_fn fn, void *ctx)
{
	d->on_action = fn;
	d->on_action_ctx = ctx;
}

long drill_alert_step(const struct drill *d, const struct alert *a)
{
	if (a->cause < 0 || (size_t)a->cause >= d->nentries || d->entries[a->cause].kind != DRILL_STEP)
		return -1;
	return a->cause;
}

void drill_on_entry(struct drill *d, drill_entry_fn fn, void *ctx)
{
	d->on_entry = fn;
	d->on_entry_ctx = ctx;
}

static void drill_append(struct drill *d, enum drill_entry_kind kind, const char *actor, const char *what,
			 const char *target, bool ok, const char *detail, const char *technique)
{
	struct drill_entry *e;

	d->entries = xgrow(d->entries, &d->entries_cap, d->nentries + 1, sizeof(*d->entries));
	e = &d->entries[d->nentries++];
	e->time = d->now;
	e->kind = kind;
	e->actor = drill_strdup(actor);
	e->what = drill_strdup(what);
	e->target = drill_strdup(target);
	e->ok = ok;
	e->detail = drill_strdup(detail);
	e->technique = drill_strdup(technique);
	if (kind == DRILL_ERROR)
		d->errors++;
	if (d->on_entry)
		d->on_entry(d->on_entry_ctx, d, d->nentries - 1);
}

void drill_record(struct drill *d, enum drill_entry_kind kind, const char *actor, const char *what,
		  const char *target, bool ok, const char *detail)
{
	drill_append(d, kind, actor, what, target, ok, detail, NULL);
}

void drill_record_step(struct drill *d, const char *actor, const char *what, const char *target, bool ok,
		       const char *detail, const char *technique)
{
	drill_append(d, DRILL_STEP, actor, what, target, ok, detail, technique);
}

int drill_objective_find(const struct drill *d, const char *id)
{
	for (size_t i = 0; i < d->nobjectives; i++)
		if (strcmp(d->objectives[i].id, id) == 0)
			return (int)i;
	return -1;
}

int drill_objective_add(struct drill *d, const char *id, const char *title_vi, const char *title_en)
{
	struct drill_objective *o;

	if (drill_objective_find(d, id) >= 0)
		return -1;
	d->objectives = xgrow(d->objectives, &d->objectives_cap, d->nobjectives + 1, sizeof(*d->objectives));
	o = &d->objectives[d->nobjectives];
	memset(o, 0, sizeof(*o));
	o->id = xstrdup(id);
	o->title_vi = drill_strdup(title_vi);
	o->title_en = drill_strdup(title_en);
	return (int)d->nobjectives++;
}

int drill_expect_add(struct drill *d, const struct drill_expect *e)
{
	for (size_t i = 0; i < d->nexpects; i++)
		if (strcmp(d->expects[i].id, e->id) == 0)
			return -1;
	d->expects = xgrow(d->expects, &d->expects_cap, d->nexpects + 1, sizeof(*d->expects));
	d->expects[d->nexpects++] = *e;
	return 0;
}

void drill_objective_settle(struct drill *d, int objective, enum drill_objective_state state,
			    const char *actor, const char *reason)
{
	struct drill_objective *o = &d->objectives[objective];

	if (o->state != OBJECTIVE_PENDING || state == OBJECTIVE_PENDING)
		return;
	o->state = state;
	o->time = d->now;
	o->reason = drill_strdup(reason);
	drill_record(d, DRILL_OBJECTIVE, actor, o->id, NULL, state == OBJECTIVE_ACHIEVED,
		     state == OBJECTIVE_ACHIEVED ? "achieved" : reason ? reason : "prevented");
}

void drill_on_check(struct drill *d, drill_check_fn fn, void *ctx)
{
	d->on_check = fn;
	d->on_check_ctx = ctx;
}

int drill_emit_to(struct drill *d, const struct event *ev, int sensor)
{
	struct event view = *ev;
	long outer = d->cause;

	if (sensor < 0 || sensor >= d->net->nsensors || !sensor_type_logs(d->sensors.type[sensor], ev))
		return -1;
	view.sensor = sensor;
	d->records++;
	d->cause = -1;
	drill_deliver(d, &view, d->sensors.type[sensor]);
	d->cause = outer;
	return 0;
}

void drill_on_white(struct drill *d, drill_white_fn fn, void *ctx)
{
	d->on_white = fn;
	d->on_white_ctx = ctx;
}
