#include "ui_replay.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "diag.h"
#include "net.h"
#include "sha256.h"
#include "ui_cmd.h"
#include "ui_i18n.h"
#include "xmalloc.h"

const int ui_replay_speeds[UI_REPLAY_NSPEEDS] = { 1, 2, 5, 10, 60, 100, 1000 };

/* Records the mark scan reads between looks at the wall clock. */
#define UI_REPLAY_SCAN_SLICE 2048

static bool ui_replay_white(const struct ui_replay *v)
{
	return v->as[0] == '\0';
}

/* ---- opening --------------------------------------------------------- */

/* The file the header names is the one recorded: 0, or -1 with a
 * message. */
static int ui_replay_check_file(const char *replay, const char *what, const char *path,
				const uint8_t digest[SHA256_DIGEST_SIZE], const char *option, char *err, size_t errsize)
{
	char hex[SHA256_HEX_SIZE], want[SHA256_HEX_SIZE];

	sha256_hex(digest, want);
	if (sha256_file_hex(path, hex) != 0) {
		snprintf(err, errsize, "%s: %s (the %s %s was recorded with; %s names another copy)", path,
			 strerror(errno), what, replay, option);
		return -1;
	}
	if (strcmp(hex, want) != 0) {
		snprintf(err, errsize, "%s: not the %s %s was recorded with (its SHA-256 is %s, the replay's %s)",
			 path, what, replay, hex, want);
		return -1;
	}
	return 0;
}

int ui_replay_open(struct ui_replay *v, const char *path, const char *network, const char *scenario, bool vi,
		   int64_t wall_now, char *err, size_t errsize)
{
	const struct replay_header *h;
	struct drill_options o;
	struct diag errs;
	size_t n;

	memset(v, 0, sizeof(*v));
	v->r = replay_open(path, err, errsize);
	if (v->r == NULL)
		return -1;
	h = replay_header(v->r);
	o.network_path = network ? network : h->network_path;
	o.scenario_path = scenario ? scenario : h->scenario_path;
	o.seed = h->seed;
	o.seed_given = true;
	if (ui_replay_check_file(path, "network model", o.network_path, h->network_sha256, "--network", err,
				 errsize) != 0 ||
	    ui_replay_check_file(path, "scenario", o.scenario_path, h->scenario_sha256, "--scenario", err,
				 errsize) != 0)
		goto fail;
	diag_init(&errs);
	v->d = drill_open(&o, &errs);
	if (v->d == NULL) {
		snprintf(err, errsize, "%s", diag_count(&errs) ? errs.msgs[0] : "cannot load the drill");
		diag_free(&errs);
		goto fail;
	}
	diag_free(&errs);
	v->scan = replay_open(path, err, errsize);
	if (v->scan == NULL)
		goto fail;
	v->path = xstrdup(path);
	simclock_init(&v->d->clock, h->epoch_unix_us);
	v->hosts0 = xcalloc((size_t)v->d->net->nhosts + 1, sizeof(*v->hosts0));
	v->systems0 = xcalloc((size_t)v->d->net->nsystems + 1, sizeof(*v->systems0));
	for (int i = 0; i < v->d->net->nhosts; i++)
		v->hosts0[i] = v->d->net->hosts[i].state;
	for (int i = 0; i < v->d->net->nsystems; i++)
		v->systems0[i] = v->d->net->systems[i].state;
	v->nobjectives = v->d->nobjectives;
	n = replay_chunks(v->r);
	v->last = n ? replay_chunk(v->r, n - 1)->last : 0;
	v->scanned = -1;
	ui_model_init(&v->m, v->d, UI_WHITE_CELL, vi, 1, wall_now);
	if (replay_damage(v->r)) {
		snprintf(v->problem, sizeof(v->problem), "%s", replay_damage(v->r));
		ui_model_error(&v->m, _("Showing what is readable: %s"), v->problem);
	} else {
		ui_model_say(&v->m, _("Replay opened. Space plays or pauses, ? lists the keys, : types a command."));
	}
	return 0;
fail:
	drill_free(v->d);
	replay_close(v->r);
	replay_close(v->scan);
	memset(v, 0, sizeof(*v));
	return -1;
}

static void ui_replay_free_marks(struct ui_replay *v)
{
	for (size_t i = 0; i < v->nmarks; i++)
		free(v->marks[i].who), free(v->marks[i].what);
	free(v->marks);
	v->marks = NULL;
	v->nmarks = v->marks_cap = 0;
}

static void ui_replay_free_points(struct ui_replay *v)
{
	for (int i = 0; i < v->npoints; i++)
		free(v->points[i].team);
	free(v->points);
	v->points = NULL;
	v->npoints = 0;
}

void ui_replay_close(struct ui_replay *v)
{
	if (v->d) {
		ui_model_free(&v->m);
		v->d->nobjectives = v->nobjectives;
	}
	drill_free(v->d);
	replay_close(v->r);
	replay_close(v->scan);
	ui_replay_free_marks(v);
	ui_replay_free_points(v);
	free(v->hosts0);
	free(v->systems0);
	free(v->path);
	memset(v, 0, sizeof(*v));
}

/* ---- playing records into the drill ---------------------------------- */

static void ui_replay_add_points(struct ui_replay *v, const char *team, int points)
{
	for (int i = 0; i < v->npoints; i++)
		if (strcmp(v->points[i].team, team) == 0) {
			v->points[i].points += points;
			return;
		}
	v->points = xrealloc(v->points, (size_t)(v->npoints + 1) * sizeof(*v->points));
	v->points[v->npoints].team = xstrdup(team);
	v->points[v->npoints++].points = points;
}

int ui_replay_points_of(const struct ui_replay *v, const char *team)
{
	int sum = 0;

	for (int i = 0; i < v->npoints; i++)
		if (team == NULL || strcmp(v->points[i].team, team) == 0)
			sum += v->points[i].points;
	return sum;
}

static void ui_replay_host_flag(struct net *net, const char *name, unsigned flag, bool on)
{
	int host = name ? net_host_find(net, name) : -1;
	int sys = host < 0 && name ? net_system_find(net, name) : -1;

	if (host >= 0)
		net_host_set(net, host, flag, on);
	else if (sys >= 0)
		for (int i = 0; i < net->systems[sys].nhosts; i++)
			net_host_set(net, net->systems[sys].hosts[i], flag, on);
}

/* What an attack step that succeeded did to its target, as the
 * scenario's steps do it (engine/scenario.c). */
static void ui_replay_step(struct ui_replay *v, const struct replay_entry *e)
{
	static const struct {
		const char *what;
		unsigned flag;
		bool on;
	} steps[] = {
		{ "phish", NET_HOST_COMPROMISED, true }, { "exploit", NET_HOST_COMPROMISED, true },
		{ "move", NET_HOST_COMPROMISED, true },  { "logon", NET_HOST_COMPROMISED, true },
		{ "encrypt", NET_HOST_DOWN, true },      { "deface", NET_HOST_DEFACED, true },
		{ "flood", NET_HOST_FLOODED, true },     { "flood ends", NET_HOST_FLOODED, false },
	};

	if (!e->ok || e->what == NULL)
		return;
	for (size_t i = 0; i < sizeof(steps) / sizeof(*steps); i++)
		if (strcmp(e->what, steps[i].what) == 0)
			ui_replay_host_flag(v->d->net, e->target, steps[i].flag, steps[i].on);
}

/* A team action as it was applied live: the hosts' and systems' states,
 * and the triage of the viewer's side. */
static void ui_replay_action(struct ui_replay *v, const struct replay_entry *e, bool mine)
{
	struct action a;
	char err[300];
	int i;

	if (!e->ok || e->what == NULL || action_parse(v->d->net, e->what, &a, err, sizeof(err)) != 0)
		return;
	switch (a.verb) {
	case ACTION_ISOLATE:
	case ACTION_RELEASE:
	case ACTION_SHUTDOWN:
	case ACTION_START:
	case ACTION_RESTORE:
	case ACTION_REIMAGE:
		action_apply(v->d->net, &a);
		break;
	case ACTION_ACK:
	case ACTION_CLASSIFY:
		i = alerts_find(v->d->alerts, a.alert);
		if (!mine || i < 0)
			break;
		if (a.verb == ACTION_ACK)
			alerts_ack(v->d->alerts, i);
		else
			alerts_classify(v->d->alerts, i, a.true_positive);
		break;
	default:
		break;
	}
}

static void ui_replay_objective(struct ui_replay *v, const struct replay_entry *e)
{
	int i = e->what ? drill_objective_find(v->d, e->what) : -1;
	struct drill_objective *o;

	if (i < 0)
		return;
	o = &v->d->objectives[i];
	if (o->state != OBJECTIVE_PENDING)
		return;
	o->state = e->ok ? OBJECTIVE_ACHIEVED : OBJECTIVE_PREVENTED;
	o->time = e->time;
	free(o->reason);
	o->reason = e->ok || e->detail == NULL ? NULL : xstrdup(e->detail);
}

static void ui_replay_entry(struct ui_replay *v, const struct replay_entry *e, bool quiet)
{
	struct drill *d = v->d;
	bool white = ui_replay_white(v), mine = white || (e->actor && strcmp(e->actor, v->as) == 0), show = white;

	switch (e->kind) {
	case DRILL_STEP:
		ui_replay_step(v, e);
		break;
	case DRILL_ACTION:
		ui_replay_action(v, e, mine);
		show = mine;
		break;
	case DRILL_MESSAGE:
		show = white || e->target == NULL || strcmp(e->target, "all") == 0 || strcmp(e->target, v->as) == 0;
		break;
	case DRILL_OBJECTIVE:
		if (white)
			ui_replay_objective(v, e);
		break;
	case DRILL_ERROR:
		break;
	}
	if (!show)
		return;
	drill_record(d, e->kind, e->actor, e->what, e->target, e->ok, e->detail);
	d->entries[d->nentries - 1].time = e->time;
	if (e->kind == DRILL_MESSAGE && e->detail && !quiet) {
		char text[2048];

		ui_view_text(&v->m.view, e->detail, text, sizeof(text));
		ui_model_say(&v->m, _("Message from %s to %s: %s"), e->actor ? e->actor : "?",
			     e->target ? e->target : "all", text);
	}
}

static void ui_replay_record(struct ui_replay *v, const struct replay_record *rec, bool quiet)
{
	struct drill *d = v->d;

	if (rec->clock > d->now)
		d->now = rec->clock;
	switch (rec->type) {
	case REPLAY_REC_EVENT:
		/* As the drill hands a sensor's copy over: the alerts, then the
		 * listeners (the feed).  Which step made it is not recorded. */
		alerts_record(d->alerts, &rec->ev, -1);
		if (rec->clock < v->render_from)
			break;
		for (int i = 0; i < d->nlisteners; i++)
			d->listeners[i].fn(d->listeners[i].ctx, &rec->ev, rec->sensor_type);
		break;
	case REPLAY_REC_ENTRY:
		ui_replay_entry(v, &rec->entry, quiet);
		break;
	case REPLAY_SCORE:
		if (ui_replay_white(v) || strcmp(rec->score.team, v->as) == 0)
			ui_replay_add_points(v, rec->score.team, rec->score.points);
		break;
	case REPLAY_KEYFRAME:
		/* The state it holds is what the records before it built;
		 * the viewer builds its alert queue the same way, so it plays
		 * them rather than start from a keyframe. */
	case REPLAY_REC_END:
		break;
	}
}

/*
 * Where the feed must start rendering for a seek to t: rendering is most
 * of the cost of playing records, and the feed keeps only the last
 * UI_FEED_LINES lines, so records well before t only go to the alerts.
 * The chunks' heads give their record counts and time spans; records are
 * taken as spread evenly over a chunk's span, with a margin of a quarter
 * (a record gives the feed at least one line).
 */
static sim_time_t ui_replay_render_from(const struct ui_replay *v, sim_time_t t)
{
	size_t n = replay_chunks(v->r), k = 0;
	double need = 1.25 * UI_FEED_LINES;

	while (k < n && replay_chunk(v->r, k)->last < t)
		k++;
	for (size_t j = k + 1; j-- > 0;) {
		const struct replay_chunk_info *c;
		sim_time_t end, span;
		double have;

		if (j >= n)
			continue;
		c = replay_chunk(v->r, j);
		end = c->last < t ? c->last : t;
		span = c->last - c->first;
		if (end < c->first)
			continue;
		have = span > 0 ? (double)c->records * (double)(end - c->first) / (double)span : c->records;
		if (have >= need)
			return end - (sim_time_t)((double)(end - c->first) * need / have);
		need -= have;
	}
	return 0;
}

/* Play every record up to t; the drill's clock ends at t, or where the
 * file ends or cannot be read.  quiet: a seek (no messages, and the feed
 * only near t). */
static void ui_replay_play(struct ui_replay *v, sim_time_t t, bool quiet)
{
	char err[1200];

	if (t > v->last)
		t = v->last;
	v->render_from = quiet ? ui_replay_render_from(v, t) : 0;
	while (!v->stopped) {
		if (!v->held) {
			int got = replay_next(v->r, &v->rec, err, sizeof(err));

			if (got == 0)
				break;
			if (got < 0) {
				/* Show what came before; the rest is out of reach. */
				v->stopped = true;
				v->last = v->d->now;
				snprintf(v->problem, sizeof(v->problem), "%s", err);
				ui_model_error(&v->m, _("Showing what is readable: %s"), v->problem);
				break;
			}
			v->held = true;
		}
		if (v->rec.clock > t)
			break;
		ui_replay_record(v, &v->rec, quiet);
		v->held = false;
	}
	if (t > v->last)
		t = v->last;
	if (t > v->d->now)
		v->d->now = t;
	v->now = v->d->now;
}

/* Mark what the draw must redraw after records were played. */
static void ui_replay_touch(struct ui_replay *v, size_t entries, int alerts)
{
	struct ui_model *m = &v->m;

	if (m->feed.changed) {
		m->feed.changed = false;
		m->dirty |= UI_DIRTY_FEED;
	}
	if (v->d->nentries != entries) {
		ui_tree_summarise(&m->tree, v->d->net);
		m->dirty |= UI_DIRTY_TIMELINE | UI_DIRTY_NET;
	}
	if (alerts_count(v->d->alerts) != alerts) {
		m->seen_alerts = alerts_count(v->d->alerts);
		m->dirty |= UI_DIRTY_ALERTS | UI_DIRTY_LAYOUT;
	}
	if (v->d->now / SIM_SECOND != m->shown_second) {
		m->shown_second = v->d->now / SIM_SECOND;
		m->dirty |= UI_DIRTY_CLOCK;
	}
}

/* Back to the state before the first record. */
static void ui_replay_reset(struct ui_replay *v)
{
	struct drill *d = v->d;
	const struct net *net = d->net;

	for (size_t i = 0; i < d->nentries; i++) {
		struct drill_entry *e = &d->entries[i];

		free(e->actor), free(e->what), free(e->target), free(e->detail);
	}
	d->nentries = 0;
	d->errors = 0;
	for (size_t i = 0; i < d->nobjectives; i++) {
		free(d->objectives[i].reason);
		d->objectives[i].reason = NULL;
		d->objectives[i].state = OBJECTIVE_PENDING;
		d->objectives[i].time = 0;
	}
	for (int i = 0; i < net->nhosts; i++)
		net->hosts[i].state = v->hosts0[i];
	for (int i = 0; i < net->nsystems; i++)
		net->systems[i].state = v->systems0[i];
	alerts_free(d->alerts);
	d->alerts = alerts_new();
	/* A fresh feed: the renderer numbers records from the start again. */
	ui_feed_free(&v->m.feed);
	ui_feed_init(&v->m.feed, net, render_new(net, &d->clock, d->seed));
	ui_replay_free_points(v);
	d->now = 0;
	v->now = 0;
	v->held = false;
	/* A record that cannot be read stops the replay again at `last`. */
	v->stopped = false;
	v->m.alert_sel = -1;
	v->m.feed_back = 0;
	v->m.timeline_back = 0;
	replay_seek(v->r, 0);
}

/* Anchor the pace at t, keeping its speed and pause. */
static void ui_replay_repace(struct ui_replay *v, sim_time_t t)
{
	struct pace *p = &v->m.pace;
	bool paused = p->paused;
	int speed = p->speed;

	pace_init(p, t, v->m.wall, speed);
	if (paused)
		pace_pause(p, v->m.wall);
}

void ui_replay_restart_pace(struct ui_replay *v, int64_t wall_now)
{
	v->m.wall = wall_now;
	ui_replay_repace(v, v->now);
}

void ui_replay_seek(struct ui_replay *v, sim_time_t t)
{
	size_t entries = v->d->nentries;
	int alerts = alerts_count(v->d->alerts);

	if (t < 0)
		t = 0;
	if (t > v->last)
		t = v->last;
	if (t < v->now) {
		ui_replay_reset(v);
		entries = (size_t)-1;
		alerts = -1;
	}
	ui_replay_play(v, t, true);
	ui_replay_repace(v, v->now);
	ui_tree_summarise(&v->m.tree, v->d->net);
	ui_replay_touch(v, entries, alerts);
	v->m.dirty |= UI_DIRTY_LAYOUT;
}

void ui_replay_advance(struct ui_replay *v, int64_t wall_now)
{
	struct ui_model *m = &v->m;
	size_t entries = v->d->nentries;
	int alerts = alerts_count(v->d->alerts);

	m->wall = wall_now;
	if (!m->pace.paused) {
		sim_time_t target = pace_target(&m->pace, wall_now);

		if (target >= v->last) {
			target = v->last;
			pace_pause(&m->pace, wall_now);
			ui_replay_play(v, target, false);
			ui_replay_repace(v, v->now);
			if (v->problem[0])
				ui_model_error(m, _("End of what is readable: %s"), v->problem);
			else
				ui_model_say(m, _("End of the replay. Space plays it again from the start."));
			m->dirty |= UI_DIRTY_CLOCK;
		} else {
			ui_replay_play(v, target, false);
		}
	}
	ui_replay_touch(v, entries, alerts);
}

bool ui_replay_as(struct ui_replay *v, const char *who)
{
	const struct replay_header *h = replay_header(v->r);
	sim_time_t t = v->now;
	int i;

	if (strcmp(who, "white") == 0 || strcmp(who, UI_WHITE_CELL) == 0 || strcmp(who, "all") == 0) {
		v->as[0] = '\0';
	} else {
		for (i = 0; i < h->nteams; i++)
			if (strcmp(h->teams[i], who) == 0)
				break;
		if (i == h->nteams || strlen(who) >= sizeof(v->as))
			return false;
		snprintf(v->as, sizeof(v->as), "%s", who);
	}
	snprintf(v->m.team, sizeof(v->m.team), "%s", v->as[0] ? v->as : UI_WHITE_CELL);
	/* The objectives are the white cell's ground truth. */
	v->d->nobjectives = v->as[0] ? 0 : v->nobjectives;
	/* The same moment from the other side: played again from the start. */
	ui_replay_reset(v);
	ui_replay_seek(v, t);
	return true;
}

bool ui_replay_speed_step(struct ui_replay *v, int dir)
{
	int i = 0;

	while (i < UI_REPLAY_NSPEEDS - 1 && ui_replay_speeds[i] < v->m.pace.speed)
		i++;
	i += dir;
	if (i < 0 || i >= UI_REPLAY_NSPEEDS)
		return false;
	pace_set_speed(&v->m.pace, v->m.wall, ui_replay_speeds[i]);
	v->m.dirty |= UI_DIRTY_CLOCK;
	return true;
}

/* ---- marks ------------------------------------------------------------ */

static void ui_replay_add_mark(struct ui_replay *v, sim_time_t t, enum ui_replay_mark_kind kind, const char *who,
			       const char *what)
{
	struct ui_replay_mark *k;

	v->marks = xgrow(v->marks, &v->marks_cap, v->nmarks + 1, sizeof(*v->marks));
	k = &v->marks[v->nmarks++];
	k->time = t;
	k->kind = kind;
	k->who = xstrdup(who ? who : "");
	k->what = xstrdup(what ? what : "");
}

/* Read up to n records of the mark scan; false when it is done. */
static bool ui_replay_scan_some(struct ui_replay *v, int n)
{
	struct replay_record rec;
	char err[1200], what[1024];

	while (!v->scan_done && n-- > 0) {
		int got = replay_next(v->scan, &rec, err, sizeof(err));

		if (got <= 0) {
			v->scan_done = true;
			break;
		}
		v->scanned = rec.clock;
		if (rec.type == REPLAY_REC_ENTRY && rec.entry.kind == DRILL_ACTION) {
			ui_replay_add_mark(v, rec.entry.time, UI_REPLAY_ACTION, rec.entry.actor, rec.entry.what);
		} else if (rec.type == REPLAY_REC_ENTRY && rec.entry.kind == DRILL_STEP) {
			snprintf(what, sizeof(what), "%s %s%s%s", rec.entry.what ? rec.entry.what : "?",
				 rec.entry.target ? rec.entry.target : "", rec.entry.ok ? "" : ": ",
				 rec.entry.ok ? "" : rec.entry.detail ? rec.entry.detail : "failed");
			ui_replay_add_mark(v, rec.entry.time, UI_REPLAY_STEP, rec.entry.actor, what);
		} else if (rec.type == REPLAY_SCORE) {
			snprintf(what, sizeof(what), "%+d %s", rec.score.points, rec.score.reason);
			ui_replay_add_mark(v, rec.score.time, UI_REPLAY_SCORE, rec.score.team, what);
		}
	}
	return !v->scan_done;
}

void ui_replay_scan(struct ui_replay *v, int64_t budget_us, int64_t (*wall)(void))
{
	int64_t start = wall();

	while (ui_replay_scan_some(v, UI_REPLAY_SCAN_SLICE) && wall() - start < budget_us)
		;
}

static bool ui_replay_mark_fits(const struct ui_replay *v, const struct ui_replay_mark *k,
				enum ui_replay_mark_kind kind)
{
	return k->kind == kind && (kind == UI_REPLAY_STEP || ui_replay_white(v) || strcmp(k->who, v->as) == 0);
}

static const struct ui_replay_mark *ui_replay_find(struct ui_replay *v, enum ui_replay_mark_kind kind, int dir)
{
	if (dir < 0) {
		/* Every mark before now must be known. */
		while (v->scanned <= v->now && ui_replay_scan_some(v, UI_REPLAY_SCAN_SLICE))
			;
		for (size_t i = v->nmarks; i-- > 0;)
			if (v->marks[i].time < v->now && ui_replay_mark_fits(v, &v->marks[i], kind))
				return &v->marks[i];
		return NULL;
	}
	for (size_t i = 0;;) {
		for (; i < v->nmarks; i++)
			if (v->marks[i].time > v->now && ui_replay_mark_fits(v, &v->marks[i], kind))
				return &v->marks[i];
		if (!ui_replay_scan_some(v, UI_REPLAY_SCAN_SLICE) && i == v->nmarks)
			return NULL;
	}
}

bool ui_replay_jump(struct ui_replay *v, enum ui_replay_mark_kind kind, int dir)
{
	static const char *const names[UI_REPLAY_MARK_KINDS][2] = {
		[UI_REPLAY_ACTION] = { N_("No later team action."), N_("No earlier team action.") },
		[UI_REPLAY_STEP] = { N_("No later attack step."), N_("No earlier attack step.") },
		[UI_REPLAY_SCORE] = { N_("No later score change."), N_("No earlier score change.") },
	};
	const struct ui_replay_mark *k = ui_replay_find(v, kind, dir);
	char elapsed[SIMCLOCK_ELAPSED_SIZE], who[ACTION_TEAM_MAX + 8], what[1024];
	sim_time_t t;

	if (k == NULL || k->time > v->last) {
		ui_model_error(&v->m, "%s", _(names[kind][dir < 0]));
		return false;
	}
	/* The mark's strings go with a later scan's growth: copy them. */
	t = k->time;
	snprintf(who, sizeof(who), "%s", k->who);
	snprintf(what, sizeof(what), "%s", k->what);
	ui_replay_seek(v, t);
	ui_view_elapsed(t, elapsed, sizeof(elapsed));
	switch (kind) {
	case UI_REPLAY_ACTION: ui_model_say(&v->m, _("Team action at %s: %s %s"), elapsed, who, what); break;
	case UI_REPLAY_STEP: ui_model_say(&v->m, _("Attack step at %s: %s %s"), elapsed, who, what); break;
	default: ui_model_say(&v->m, _("Score change at %s: %s %s"), elapsed, who, what); break;
	}
	return true;
}

/* ---- typed times and commands ----------------------------------------- */

/* "hh:mm[:ss]"; false on anything else. */
static bool ui_replay_parse_clock(const char *s, sim_time_t *out)
{
	long part[3];
	int n = 0;

	while (n < 3) {
		char *end;

		if (!isdigit((unsigned char)*s))
			return false;
		errno = 0;
		part[n] = strtol(s, &end, 10);
		if (errno || part[n] > 100000 || (n > 0 && part[n] > 59))
			return false;
		n++;
		s = end;
		if (*s == '\0')
			break;
		if (*s++ != ':')
			return false;
	}
	if (*s != '\0' || n < 2)
		return false;
	*out = ((sim_time_t)part[0] * 3600 + part[1] * 60 + (n == 3 ? part[2] : 0)) * SIM_SECOND;
	return true;
}

bool ui_replay_parse_time(const char *s, sim_time_t now, sim_time_t *out)
{
	sim_time_t t;
	int sign = 0;

	if (s[0] == 'T' && s[1] == '+')
		s += 2;
	else if (s[0] == '+' || s[0] == '-')
		sign = *s++ == '+' ? 1 : -1;
	if (strchr(s, ':') ? !ui_replay_parse_clock(s, &t) : !simclock_parse_duration(s, &t))
		return false;
	*out = sign == 0 ? t : sign > 0 ? now + t : now - t;
	return true;
}

static void ui_replay_team_list(const struct ui_replay *v, char *buf, size_t size)
{
	const struct replay_header *h = replay_header(v->r);
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < h->nteams && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s, ", h->teams[i]);
	if (n < size)
		snprintf(buf + n, size - n, "white");
}

int ui_replay_command(struct ui_replay *v, const char *line)
{
	static const char *const view_cmds[] = { "filter", "search", "show", "view" };
	char word[32], arg[256];
	const char *rest;
	size_t n;

	while (*line == ' ')
		line++;
	if (*line == '\0')
		return 0;
	n = strcspn(line, " ");
	rest = line + n;
	while (*rest == ' ')
		rest++;
	snprintf(word, sizeof(word), "%.*s", n < sizeof(word) ? (int)n : (int)sizeof(word) - 1, line);
	snprintf(arg, sizeof(arg), "%s", rest);
	n = strlen(arg);
	while (n > 0 && arg[n - 1] == ' ')
		arg[--n] = '\0';
	if (strcmp(word, "seek") == 0 || strcmp(word, "go") == 0) {
		sim_time_t t;
		char elapsed[SIMCLOCK_ELAPSED_SIZE];

		if (!ui_replay_parse_time(arg, v->now, &t)) {
			ui_model_error(&v->m, _("'%s' is not a time: type T+01:20:00, 1:20, 80m or 1h20m (+5m or -5m from "
						"now)."), arg);
			return -1;
		}
		ui_replay_seek(v, t);
		ui_view_elapsed(v->now, elapsed, sizeof(elapsed));
		if (t > v->last)
			ui_model_say(&v->m, _("The replay ends at %s."), elapsed);
		else
			ui_model_say(&v->m, _("At %s."), elapsed);
		return 0;
	}
	if (strcmp(word, "as") == 0) {
		char teams[512];

		if (arg[0] && ui_replay_as(v, arg)) {
			if (v->as[0])
				ui_model_say(&v->m, _("Seen as team %s: its alerts, actions and points."), v->as);
			else
				ui_model_say(&v->m, _("Seen as the white cell: every team and the attack."));
			return 0;
		}
		ui_replay_team_list(v, teams, sizeof(teams));
		ui_model_error(&v->m, _("No team '%s' in this replay: choose one of %s."), arg, teams);
		return -1;
	}
	if (strcmp(word, "speed") == 0) {
		int speed = 0;

		for (int i = 0; i < UI_REPLAY_NSPEEDS; i++)
			if (pace_speed_parse(arg, &speed) && speed == ui_replay_speeds[i]) {
				pace_set_speed(&v->m.pace, v->m.wall, speed);
				v->m.dirty |= UI_DIRTY_CLOCK;
				ui_model_say(&v->m, _("Speed x%d."), speed);
				return 0;
			}
		ui_model_error(&v->m, _("The speed is one of 1, 2, 5, 10, 60, 100 and 1000."));
		return -1;
	}
	if (strcmp(word, "play") == 0 || strcmp(word, "resume") == 0) {
		if (v->now >= v->last)
			ui_replay_seek(v, 0);
		pace_resume(&v->m.pace, v->m.wall);
		v->m.dirty |= UI_DIRTY_CLOCK;
		ui_model_say(&v->m, "%s", "");
		return 0;
	}
	if (strcmp(word, "pause") == 0) {
		pace_pause(&v->m.pace, v->m.wall);
		v->m.dirty |= UI_DIRTY_CLOCK;
		return 0;
	}
	if (strcmp(word, "help") == 0) {
		v->m.help = true;
		v->m.dirty |= UI_DIRTY_LAYOUT;
		return 0;
	}
	if (strcmp(word, "quit") == 0 || strcmp(word, "q") == 0) {
		v->m.quit = true;
		return 0;
	}
	for (size_t i = 0; i < sizeof(view_cmds) / sizeof(*view_cmds); i++)
		if (strcmp(word, view_cmds[i]) == 0)
			return ui_cmd_run(&v->m, line);
	{
		struct action a;
		char err[300];

		if (action_parse(v->d->net, word, &a, err, sizeof(err)) != 0 && strncmp(err, "unknown command", 15) != 0) {
			ui_model_error(&v->m, _("A replay cannot be changed: '%s' is a team action, for a live drill."),
				       word);
			return -1;
		}
	}
	ui_model_error(&v->m, _("Unknown command '%s'. Press ? for the list of keys and commands."), word);
	return -1;
}
