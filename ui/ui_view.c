#include "ui_view.h"

#include <stdio.h>
#include <string.h>

#include "scenario.h"
#include "whitecell.h"
#include "xmalloc.h"

const struct net *ui_view_net(const struct ui_view *v)
{
	return v->d->net;
}

sim_time_t ui_view_now(const struct ui_view *v)
{
	return v->d->now;
}

sim_time_t ui_view_end(const struct ui_view *v)
{
	return v->d->end;
}

bool ui_view_finished(const struct ui_view *v)
{
	return drill_finished(v->d);
}

const char *ui_view_scenario_id(const struct ui_view *v)
{
	return scenario_info(v->d->scenario)->id;
}

static const char *ui_view_pick(const struct ui_view *v, const char *vi, const char *en)
{
	if (v->vi)
		return vi && *vi ? vi : en ? en : "";
	return en && *en ? en : vi ? vi : "";
}

const char *ui_view_title(const struct ui_view *v)
{
	const struct scenario_info *in = scenario_info(v->d->scenario);

	return ui_view_pick(v, in->title_vi, in->title_en);
}

const char *ui_view_network_name(const struct ui_view *v)
{
	return ui_view_pick(v, v->d->net->name, v->d->net->name_en);
}

const char *ui_view_site_name(const struct ui_view *v, int site)
{
	const struct net_site *s = &v->d->net->sites[site];

	return ui_view_pick(v, s->name, s->name_en);
}

const char *ui_view_system_name(const struct ui_view *v, int system)
{
	const struct net_system *s = &v->d->net->systems[system];

	return ui_view_pick(v, s->name, s->name_en);
}

void ui_view_elapsed(sim_time_t t, char *buf, size_t size)
{
	if (!simclock_format_elapsed(t, buf, size) && size > 0)
		snprintf(buf, size, "?");
}

void ui_view_local(const struct ui_view *v, sim_time_t t, char buf[UI_VIEW_LOCAL_SIZE])
{
	char iso[SIMCLOCK_ISO_SIZE];

	/* "2023-11-08T09:15:02.000000+07:00" -> "2023-11-08 09:15:02" */
	if (!simclock_format_local_colon(&v->d->clock, t, iso, sizeof(iso))) {
		snprintf(buf, UI_VIEW_LOCAL_SIZE, "?");
		return;
	}
	memcpy(buf, iso, 19);
	buf[10] = ' ';
	buf[19] = '\0';
}

bool ui_view_entry_seen_by(const struct drill_entry *e, const char *team)
{
	switch (e->kind) {
	case DRILL_ACTION: /* its own actions, the white cell's for all or for it */
		return e->actor && (strcmp(e->actor, team) == 0 ||
				    (strcmp(e->actor, WHITECELL_TEAM) == 0 &&
				     (e->target == NULL || strcmp(e->target, team) == 0)));
	case DRILL_MESSAGE:
		return e->target == NULL || strcmp(e->target, "all") == 0 || strcmp(e->target, team) == 0;
	case DRILL_STEP:
	case DRILL_OBJECTIVE:
	case DRILL_ERROR:
		break;
	}
	return false;
}

static bool ui_view_team_sees(const struct ui_view *v, const struct drill_entry *e)
{
	return ui_view_entry_seen_by(e, v->team);
}

size_t ui_view_entries(const struct ui_view *v)
{
	size_t n = 0;

	if (v->team == NULL)
		return v->d->nentries;
	for (size_t i = 0; i < v->d->nentries; i++)
		n += ui_view_team_sees(v, &v->d->entries[i]);
	return n;
}

const struct drill_entry *ui_view_entry(const struct ui_view *v, size_t i)
{
	if (v->team == NULL)
		return &v->d->entries[i];
	for (size_t k = 0; k < v->d->nentries; k++)
		if (ui_view_team_sees(v, &v->d->entries[k]) && i-- == 0)
			return &v->d->entries[k];
	return NULL;
}

size_t ui_view_objectives(const struct ui_view *v)
{
	return v->team ? 0 : v->d->nobjectives;
}

const struct drill_objective *ui_view_objective(const struct ui_view *v, size_t i)
{
	return &v->d->objectives[i];
}

const char *ui_view_objective_title(const struct ui_view *v, const struct drill_objective *o)
{
	return ui_view_pick(v, o->title_vi, o->title_en);
}

bool ui_view_sees_sensor(const struct ui_view *v, int sensor)
{
	return v->sensors == NULL || sensor < 0 || v->sensors[sensor];
}

/* Alerts are only ever added: take in those raised since last time. */
static void ui_view_scan(const struct ui_view *v)
{
	struct ui_view_shown *sh = v->shown;
	int n = alerts_count(v->d->alerts);

	for (; sh->scanned < n; sh->scanned++) {
		if (!ui_view_sees_sensor(v, alerts_get(v->d->alerts, sh->scanned)->sensor))
			continue;
		if (sh->n == sh->cap) {
			sh->cap = sh->cap ? 2 * sh->cap : 64;
			sh->idx = xrealloc(sh->idx, (size_t)sh->cap * sizeof(*sh->idx));
		}
		sh->idx[sh->n++] = sh->scanned;
	}
}

int ui_view_alerts(const struct ui_view *v)
{
	if (v->sensors == NULL || v->shown == NULL)
		return alerts_count(v->d->alerts);
	ui_view_scan(v);
	return v->shown->n;
}

const struct alert *ui_view_alert(const struct ui_view *v, int i)
{
	if (v->sensors == NULL || v->shown == NULL)
		return alerts_get(v->d->alerts, i);
	ui_view_scan(v);
	return alerts_get(v->d->alerts, v->shown->idx[i]);
}

int ui_view_new_alerts(const struct ui_view *v)
{
	int n = 0;

	for (int i = 0; i < ui_view_alerts(v); i++)
		n += ui_view_alert(v, i)->state == ALERT_NEW;
	return n;
}

void ui_view_text(const struct ui_view *v, const char *text, char *out, size_t size)
{
	const char *bar = strstr(text, " | ");

	if (bar == NULL)
		snprintf(out, size, "%s", text);
	else if (v->vi)
		snprintf(out, size, "%.*s", (int)(bar - text), text);
	else
		snprintf(out, size, "%s", bar + 3);
}
