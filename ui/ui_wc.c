#include "ui_wc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "sensor.h"
#include "ui_cmd.h"
#include "ui_i18n.h"
#include "whitecell.h"

int ui_wc_seat(struct ui_model *m)
{
	if (m->white_cell)
		return 0;
	ui_model_error(m, _("Only the white cell can do that: this console is team %s's seat."), m->team);
	return -1;
}

int ui_wc_teams(const struct ui_model *m, const char *out[UI_WC_TEAMS], bool with_all)
{
	int n = 0;

	if (m->score)
		for (int i = 0; i < score_nteams(m->score) && n < UI_WC_TEAMS - 1; i++)
			out[n++] = score_team(m->score, i);
	if (n == 0)
		out[n++] = m->team;
	if (with_all)
		out[n++] = "all";
	return n;
}

bool ui_wc_team_known(const struct ui_model *m, const char *name)
{
	const char *teams[UI_WC_TEAMS];
	int n = ui_wc_teams(m, teams, false);

	for (int i = 0; i < n; i++)
		if (strcmp(teams[i], name) == 0)
			return true;
	return false;
}

/* The drill's teams as "soc, red" for messages. */
static void ui_wc_team_list(const struct ui_model *m, char *buf, size_t size)
{
	const char *teams[UI_WC_TEAMS];
	int n = ui_wc_teams(m, teams, false);
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", teams[i]);
}

static int ui_wc_no_team(struct ui_model *m, const char *name)
{
	char list[256];

	ui_wc_team_list(m, list, sizeof(list));
	ui_model_error(m, _("There is no team '%s' in this drill (teams: %s)."), name, list);
	return -1;
}

/* The free text after the first n words of rest. */
static const char *ui_wc_after(const char *rest, int n)
{
	for (int i = 0; i < n; i++) {
		while (*rest == ' ')
			rest++;
		while (*rest && *rest != ' ')
			rest++;
	}
	while (*rest == ' ')
		rest++;
	return rest;
}

static int ui_wc_live(struct ui_model *m)
{
	if (m->ended) {
		ui_model_error(m, _("The drill has ended: nothing more can change."));
		return -1;
	}
	return 0;
}

/* hint TEAM TEXT: the white cell's hint, which costs the team points;
 * bare hint: the console's team asks for one. */
int ui_wc_hint(struct ui_model *m, int argc, char **argv, const char *rest)
{
	char line[UI_LINE_MAX + 8];
	const char *text;

	if (argc == 1)
		return ui_cmd_team_action(m, "hint", m->team);
	if (ui_wc_seat(m) != 0)
		return -1;
	text = ui_wc_after(rest, 1);
	if (argc < 3 || *text == '\0') {
		ui_model_error(m, _("usage: %s"), "hint TEAM TEXT");
		return -1;
	}
	if (!ui_wc_team_known(m, argv[1]))
		return ui_wc_no_team(m, argv[1]);
	if (ui_wc_live(m) != 0)
		return -1;
	snprintf(line, sizeof(line), "hint %s", rest);
	if (ui_wc_control(m, line) != 0)
		return -1;
	ui_model_say(m, _("Hint sent to %s; it costs the team 5 points."), argv[1]);
	m->dirty |= UI_DIRTY_TIMELINE | UI_DIRTY_SCORE | UI_DIRTY_CLOCK;
	return 0;
}

/* mark TEAM EXPECTATION met|missed [NOTE]. */
int ui_wc_mark(struct ui_model *m, int argc, char **argv, const char *rest)
{
	const struct drill *d = m->drill;
	char line[UI_LINE_MAX + 8];
	bool met, found = false;

	if (ui_wc_seat(m) != 0)
		return -1;
	if (argc < 4) {
		ui_model_error(m, _("usage: %s"), "mark TEAM EXPECTATION met|missed [NOTE]");
		return -1;
	}
	if (!ui_wc_team_known(m, argv[1]))
		return ui_wc_no_team(m, argv[1]);
	for (size_t i = 0; i < d->nexpects; i++)
		found |= strcmp(d->expects[i].id, argv[2]) == 0;
	if (!found) {
		ui_model_error(m, _("The scenario has no expectation '%s' (the score pane, 5, lists them)."), argv[2]);
		return -1;
	}
	if (strcmp(argv[3], "met") != 0 && strcmp(argv[3], "missed") != 0) {
		ui_model_error(m, _("'%s' is not met or missed."), argv[3]);
		return -1;
	}
	met = strcmp(argv[3], "met") == 0;
	if (ui_wc_live(m) != 0)
		return -1;
	if (m->score == NULL) {
		ui_model_error(m, _("This console keeps no score to mark."));
		return -1;
	}
	snprintf(line, sizeof(line), "mark %s", rest);
	if (ui_wc_control(m, line) != 0)
		return -1;
	ui_model_say(m, met ? _("%s marked met for %s.") : _("%s marked missed for %s."), argv[2], argv[1]);
	m->dirty |= UI_DIRTY_TIMELINE | UI_DIRTY_SCORE | UI_DIRTY_CLOCK;
	return 0;
}

int ui_wc_event_build(const struct net *net, const char *sensor, const char *from, const char *to,
		      const char *text, sim_time_t now, uint64_t serial, struct event *ev, int *sensor_index,
		      char *err, size_t errlen)
{
	return whitecell_event_build(net, sensor, from, to, text, now, serial, ev, sensor_index, err, errlen);
}

int ui_wc_control(struct ui_model *m, const char *line)
{
	struct drill *d = m->drill;
	struct action a;
	char err[300];
	size_t before;

	if (whitecell_parse(d->net, line, false, &a, err, sizeof(err)) != 0) {
		ui_model_error(m, "%s", err);
		return -1;
	}
	if (ui_wc_live(m) != 0)
		return -1;
	a.time = d->now;
	/* Queued now and run at once: committed to the store, checked and
	 * taken on the drill's action path, as a team's action is. */
	before = d->nentries;
	drill_add_actions(d, &a, 1);
	if (!ui_model_run(m, d->now))
		return -1;
	m->dirty |= UI_DIRTY_TIMELINE;
	for (size_t i = d->nentries; i > before; i--) {
		const struct drill_entry *e = &d->entries[i - 1];

		if (e->kind == DRILL_ACTION && !e->ok && strcmp(e->actor, WHITECELL_TEAM) == 0 &&
		    strcmp(e->what, a.value) == 0) {
			ui_model_error(m, "%s", e->detail ? e->detail : _("refused"));
			return -1;
		}
	}
	return 0;
}

/* event SENSOR FROM TO[:PORT] TEXT. */
int ui_wc_event(struct ui_model *m, int argc, char **argv, const char *rest)
{
	struct drill *d = m->drill;
	struct event ev;
	char err[300], line[UI_LINE_MAX + 8];
	const char *text;
	int s;

	if (ui_wc_seat(m) != 0)
		return -1;
	text = ui_wc_after(rest, 3);
	if (argc < 5 || *text == '\0') {
		ui_model_error(m, _("usage: %s"), "event SENSOR FROM TO[:PORT] TEXT");
		return -1;
	}
	if (ui_wc_event_build(d->net, argv[1], argv[2], argv[3], text, d->now, 0, &ev, &s, err, sizeof(err)) != 0) {
		ui_model_error(m, "%s", err);
		return -1;
	}
	snprintf(line, sizeof(line), "event %s", rest);
	if (ui_wc_control(m, line) != 0)
		return -1;
	ui_model_say(m, _("Event written by %s; it shows in the feed and the sensor's file."), argv[1]);
	m->dirty |= UI_DIRTY_TIMELINE | UI_DIRTY_FEED | UI_DIRTY_ALERTS | UI_DIRTY_LAYOUT;
	return 0;
}

/* msg TEAM|all TEXT (and inject, its older name). */
int ui_wc_msg(struct ui_model *m, int argc, char **argv, const char *rest)
{
	char line[UI_LINE_MAX + 8];
	const char *text;

	if (ui_wc_seat(m) != 0)
		return -1;
	text = ui_wc_after(rest, 1);
	if (argc < 3 || *text == '\0') {
		ui_model_error(m, _("usage: %s"), "msg TEAM|all TEXT");
		return -1;
	}
	if (strcmp(argv[1], "all") != 0 && !ui_wc_team_known(m, argv[1]))
		return ui_wc_no_team(m, argv[1]);
	if (ui_wc_live(m) != 0)
		return -1;
	snprintf(line, sizeof(line), "msg %s", rest);
	if (ui_wc_control(m, line) != 0)
		return -1;
	ui_model_say(m, _("Message sent to %s."), argv[1]);
	m->dirty |= UI_DIRTY_TIMELINE;
	return 0;
}
