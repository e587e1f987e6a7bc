#include "ui_model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "teams.h"
#include "ui_i18n.h"
#include "xmalloc.h"

/* The drill runs in slices of at most this much simulated time (or to
 * its next event), so the wall-time budget is checked often. */
#define UI_SLICE (SIM_SECOND / 1000)

void ui_model_init(struct ui_model *m, struct drill *d, const char *team, bool vi, int speed, int64_t wall_now)
{
	memset(m, 0, sizeof(*m));
	m->drill = d;
	m->view.d = d;
	m->view.vi = vi;
	snprintf(m->team, sizeof(m->team), "%s", team);
	if (!pace_init(&m->pace, d->now, wall_now, speed))
		pace_init(&m->pace, d->now, wall_now, 1);
	ui_feed_init(&m->feed, d->net, render_new(d->net, &d->clock, d->seed));
	drill_listen(d, ui_feed_listen, &m->feed);
	ui_tree_build(&m->tree, d->net);
	ui_line_init(&m->line);
	m->wall = wall_now;
	m->shown_second = -1;
	m->alert_sel = -1;
	m->pane = UI_PANE_FEED;
	m->white_cell = true;
	m->dirty = UI_DIRTY_LAYOUT;
}

void ui_model_seat(struct ui_model *m, const struct teams *t, int team)
{
	const struct net *net = m->drill->net;

	free(m->seat_sensors);
	free(m->seat_alerts.idx);
	memset(&m->seat_alerts, 0, sizeof(m->seat_alerts));
	m->seat_sensors = NULL;
	if (t && team >= 0 && t->mode == TEAMS_SHARED) {
		m->seat_sensors = xcalloc((size_t)net->nsensors + 1, sizeof(*m->seat_sensors));
		for (int s = 0; s < net->nsensors; s++)
			m->seat_sensors[s] = teams_sees_sensor(t, team, s);
	}
	m->view.sensors = m->seat_sensors;
	m->view.shown = &m->seat_alerts;
	m->feed.sensors = m->seat_sensors;
	m->alert_sel = -1;
	m->seen_alerts = -1;
	m->dirty |= UI_DIRTY_ALERTS | UI_DIRTY_FEED | UI_DIRTY_LAYOUT;
}

void ui_model_free(struct ui_model *m)
{
	free(m->seat_sensors);
	free(m->seat_alerts.idx);
	ui_feed_free(&m->feed);
	ui_tree_free(&m->tree);
	ui_line_free(&m->line);
}

/* Run the drill to t; false once it has halted (the exercise store could
 * not record an action), which ends the console's drill. */
bool ui_model_run(struct ui_model *m, sim_time_t t)
{
	drill_run_until(m->drill, t);
	if (!m->drill->halted)
		return true;
	m->ended = true;
	pace_pause(&m->pace, m->wall);
	ui_model_error(m, _("An action could not be recorded, so the drill stopped here (see the message "
			    "after leaving). Press q to leave."));
	m->dirty |= UI_DIRTY_CLOCK;
	return false;
}

void ui_model_advance(struct ui_model *m, int64_t wall_now, int64_t budget_us, int64_t (*wall)(void))
{
	struct drill *d = m->drill;
	size_t entries = d->nentries;
	sim_time_t target;

	m->wall = wall_now;
	if (!m->ended) {
		target = pace_target(&m->pace, wall_now);
		while (d->now < target && d->now < d->end) {
			const struct simq_entry *next = simq_peek(&d->queue);
			sim_time_t slice = d->now + UI_SLICE;

			if (next && next->time > slice)
				slice = next->time;
			if (!ui_model_run(m, slice < target ? slice : target))
				break;
			if (wall() - wall_now >= budget_us)
				break;
		}
		pace_reached(&m->pace, d->now);
		if (!m->ended && (d->now >= d->end || (m->pace.speed == PACE_SPEED_MAX && drill_finished(d)))) {
			m->ended = true;
			ui_model_say(m, _("The drill is over. Press q to leave the console."));
			m->dirty |= UI_DIRTY_CLOCK;
		}
	}
	if (m->feed.changed) {
		m->feed.changed = false;
		m->dirty |= UI_DIRTY_FEED;
	}
	/* Messages reach this console's white cell and team as they come;
	 * every one stays on the timeline. */
	for (size_t i = entries; i < d->nentries; i++) {
		const struct drill_entry *e = &d->entries[i];
		char text[2048];

		if (e->kind != DRILL_MESSAGE || e->detail == NULL || !ui_model_sees(m, e))
			continue;
		ui_view_text(&m->view, e->detail, text, sizeof(text));
		ui_model_say(m, _("Message from %s to %s: %s"), e->actor, e->target ? e->target : "all", text);
	}
	if (d->nentries != entries) {
		ui_tree_summarise(&m->tree, d->net);
		m->dirty |= UI_DIRTY_TIMELINE | UI_DIRTY_NET;
	}
	if (alerts_count(d->alerts) != m->seen_alerts) {
		m->seen_alerts = alerts_count(d->alerts);
		/* The count of new ones shows on the tabs. */
		m->dirty |= UI_DIRTY_ALERTS | UI_DIRTY_LAYOUT;
	}
	if (m->score && score_nrows(m->score) != m->seen_rows) {
		m->seen_rows = score_nrows(m->score);
		m->dirty |= UI_DIRTY_SCORE | UI_DIRTY_CLOCK;
	}
	if (d->now / SIM_SECOND != m->shown_second) {
		m->shown_second = d->now / SIM_SECOND;
		m->dirty |= UI_DIRTY_CLOCK;
	}
}

static void ui_model_status(struct ui_model *m, bool error, const char *fmt, va_list ap)
{
	vsnprintf(m->status, sizeof(m->status), fmt, ap);
	m->status_error = error;
	m->dirty |= UI_DIRTY_STATUS;
}

void ui_model_say(struct ui_model *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_model_status(m, false, fmt, ap);
	va_end(ap);
}

void ui_model_error(struct ui_model *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_model_status(m, true, fmt, ap);
	va_end(ap);
}

void ui_model_ask(struct ui_model *m, enum ui_confirm what)
{
	m->confirm = what;
	m->mode = UI_MODE_CONFIRM;
	if (what == UI_CONFIRM_END)
		ui_model_say(m, _("End the drill now for every team? (y/n)"));
	else
		ui_model_say(m, _("The drill is still running. Leave the console? (y/n)"));
	m->dirty |= UI_DIRTY_LINE;
}

void ui_model_answer(struct ui_model *m, bool yes)
{
	enum ui_confirm what = m->confirm;
	char elapsed[SIMCLOCK_ELAPSED_SIZE];

	m->confirm = UI_CONFIRM_NONE;
	m->mode = UI_MODE_NORMAL;
	m->dirty |= UI_DIRTY_LINE | UI_DIRTY_STATUS;
	if (!yes) {
		ui_model_say(m, _("Cancelled."));
		return;
	}
	if (what == UI_CONFIRM_QUIT) {
		m->quit = true;
		return;
	}
	/* A served drill is ended by its server (ui_serve.c). */
	if (m->remote && m->remote(m->remote_ctx, m, UI_END_CONFIRMED))
		return;
	drill_record(m->drill, DRILL_ACTION, UI_WHITE_CELL, "end", NULL, true, NULL);
	m->ended = true;
	pace_pause(&m->pace, m->wall);
	ui_view_elapsed(m->drill->now, elapsed, sizeof(elapsed));
	ui_model_say(m, _("The white cell ended the drill at %s. Press q to leave the console."), elapsed);
	m->dirty |= UI_DIRTY_CLOCK | UI_DIRTY_TIMELINE;
}

static const struct {
	const char *word, *title;
} ui_panes[UI_PANE_COUNT] = {
	[UI_PANE_ALERTS] = { "alerts", N_("Alerts") },
	[UI_PANE_FEED] = { "feed", N_("Feed") },
	[UI_PANE_NETWORK] = { "network", N_("Network") },
	[UI_PANE_TIMELINE] = { "timeline", N_("Timeline") },
	[UI_PANE_SCORE] = { "score", N_("Score") },
};

void ui_model_set_pane(struct ui_model *m, enum ui_pane pane)
{
	m->pane = pane;
	m->dirty |= UI_DIRTY_LAYOUT;
}

const char *ui_model_pane_word(enum ui_pane pane)
{
	return ui_panes[pane].word;
}

const char *ui_model_pane_title(enum ui_pane pane)
{
	return _(ui_panes[pane].title);
}

bool ui_model_sees(const struct ui_model *m, const struct drill_entry *e)
{
	return m->white_cell || ui_view_entry_seen_by(e, m->team);
}
