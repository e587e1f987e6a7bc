#include "ui_cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_i18n.h"
#include "ui_wc.h"

#define UI_CMD_ARGS 8

const int ui_cmd_speeds[UI_CMD_NSPEEDS] = { 1, 2, 5, 10, 60 };

/* A control of the white cell's goes on the timeline like any action,
 * committed to the store first (ui_wc_control). */
static int ui_cmd_record(struct ui_model *m, const char *what)
{
	if (ui_wc_control(m, what) != 0)
		return -1;
	m->dirty |= UI_DIRTY_TIMELINE;
	return 0;
}

static int ui_cmd_live(struct ui_model *m)
{
	if (m->ended) {
		ui_model_error(m, _("The drill has ended: nothing more can change."));
		return -1;
	}
	return 0;
}

static int ui_cmd_pause(struct ui_model *m, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	if (ui_wc_seat(m) != 0 || ui_cmd_live(m) != 0)
		return -1;
	if (m->pace.paused) {
		ui_model_say(m, _("The drill is already paused."));
		return 0;
	}
	if (ui_cmd_record(m, "pause") != 0)
		return -1;
	pace_pause(&m->pace, m->wall);
	ui_model_say(m, _("Paused. Type :resume or press Space to go on."));
	m->dirty |= UI_DIRTY_CLOCK;
	return 0;
}

static int ui_cmd_resume(struct ui_model *m, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	if (ui_wc_seat(m) != 0 || ui_cmd_live(m) != 0)
		return -1;
	if (!m->pace.paused) {
		ui_model_say(m, _("The drill is already running."));
		return 0;
	}
	if (ui_cmd_record(m, "resume") != 0)
		return -1;
	pace_resume(&m->pace, m->wall);
	ui_model_say(m, _("Resumed."));
	m->dirty |= UI_DIRTY_CLOCK;
	return 0;
}

static int ui_cmd_speed(struct ui_model *m, int argc, char **argv, const char *rest)
{
	char what[32];
	int speed = 0;

	(void)rest;
	if (ui_wc_seat(m) != 0)
		return -1;
	if (argc != 2) {
		ui_model_error(m, _("usage: %s"), "speed 1|2|5|10|60");
		return -1;
	}
	for (int i = 0; i < UI_CMD_NSPEEDS; i++) {
		char word[8];

		snprintf(word, sizeof(word), "%d", ui_cmd_speeds[i]);
		if (strcmp(argv[1], word) == 0 || (argv[1][0] == 'x' && strcmp(argv[1] + 1, word) == 0))
			speed = ui_cmd_speeds[i];
	}
	if (speed == 0) {
		ui_model_error(m, _("'%s' is not a speed: choose 1, 2, 5, 10 or 60."), argv[1]);
		return -1;
	}
	if (ui_cmd_live(m) != 0)
		return -1;
	snprintf(what, sizeof(what), "speed x%d", speed);
	if (ui_cmd_record(m, what) != 0)
		return -1;
	pace_set_speed(&m->pace, m->wall, speed);
	ui_model_say(m, _("Speed x%d: one wall second is %d simulated seconds."), speed, speed);
	m->dirty |= UI_DIRTY_CLOCK;
	return 0;
}

static int ui_cmd_end(struct ui_model *m, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	if (ui_wc_seat(m) != 0 || ui_cmd_live(m) != 0)
		return -1;
	ui_model_ask(m, UI_CONFIRM_END);
	return 0;
}

static int ui_cmd_quit(struct ui_model *m, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	if (m->ended)
		m->quit = true;
	else
		ui_model_ask(m, UI_CONFIRM_QUIT);
	return 0;
}

static int ui_cmd_help(struct ui_model *m, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	m->help = true;
	m->dirty |= UI_DIRTY_LAYOUT;
	return 0;
}

static void ui_cmd_filter_note(struct ui_model *m)
{
	const struct ui_feed_filter *f = &m->feed.filter;

	m->feed_back = 0;
	m->dirty |= UI_DIRTY_FEED | UI_DIRTY_LAYOUT;
	if (f->sensor[0] || f->host[0] || f->text[0])
		ui_model_say(m, _("Feed filter: sensor '%s', host '%s', text '%s'. :filter clear shows all."),
			     f->sensor, f->host, f->text);
	else
		ui_model_say(m, _("Feed filter cleared: every line is shown."));
}

static int ui_cmd_filter(struct ui_model *m, int argc, char **argv, const char *rest)
{
	struct ui_feed_filter *f = &m->feed.filter;
	char *field;

	if (argc == 2 && strcmp(argv[1], "clear") == 0) {
		memset(f, 0, sizeof(*f));
		ui_cmd_filter_note(m);
		return 0;
	}
	if (argc < 2) {
		ui_model_error(m, _("usage: %s"), "filter sensor|host|text VALUE, filter clear");
		return -1;
	}
	if (strcmp(argv[1], "sensor") == 0)
		field = f->sensor;
	else if (strcmp(argv[1], "host") == 0)
		field = f->host;
	else if (strcmp(argv[1], "text") == 0)
		field = f->text;
	else {
		ui_model_error(m, _("'%s' is not sensor, host, text or clear."), argv[1]);
		return -1;
	}
	rest += strlen(argv[1]);
	while (*rest == ' ')
		rest++;
	if (strlen(rest) >= UI_FEED_FILTER_MAX) {
		ui_model_error(m, _("The filter is too long (at most %d bytes)."), UI_FEED_FILTER_MAX - 1);
		return -1;
	}
	snprintf(field, UI_FEED_FILTER_MAX, "%s", rest);
	ui_cmd_filter_note(m);
	return 0;
}

static int ui_cmd_search(struct ui_model *m, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv;
	if (strlen(rest) >= UI_FEED_FILTER_MAX) {
		ui_model_error(m, _("The filter is too long (at most %d bytes)."), UI_FEED_FILTER_MAX - 1);
		return -1;
	}
	snprintf(m->feed.filter.text, UI_FEED_FILTER_MAX, "%s", rest);
	ui_cmd_filter_note(m);
	ui_model_set_pane(m, UI_PANE_FEED);
	return 0;
}

static int ui_cmd_show(struct ui_model *m, int argc, char **argv, const char *rest)
{
	int host;

	(void)rest;
	if (argc != 2) {
		ui_model_error(m, _("usage: %s"), "show HOST");
		return -1;
	}
	host = net_host_find(m->drill->net, argv[1]);
	if (host < 0 || !ui_tree_select_host(&m->tree, host)) {
		ui_model_error(m, _("There is no host '%s' in the network."), argv[1]);
		return -1;
	}
	ui_model_set_pane(m, UI_PANE_NETWORK);
	return 0;
}

static int ui_cmd_view(struct ui_model *m, int argc, char **argv, const char *rest)
{
	(void)rest;
	for (int p = 0; argc == 2 && p < UI_PANE_COUNT; p++) {
		if (strcmp(argv[1], ui_model_pane_word((enum ui_pane)p)) == 0) {
			ui_model_set_pane(m, (enum ui_pane)p);
			return 0;
		}
	}
	ui_model_error(m, _("usage: %s"), "view alerts|feed|network|timeline|score");
	return -1;
}

static const struct ui_cmd ui_cmds[] = {
	{ "pause", UI_ARG_NONE, "pause", N_("pause the drill"), ui_cmd_pause },
	{ "resume", UI_ARG_NONE, "resume", N_("resume the drill"), ui_cmd_resume },
	{ "speed", UI_ARG_SPEED, "speed 1|2|5|10|60", N_("simulated seconds a second"),
	  ui_cmd_speed },
	{ "msg", UI_ARG_TEAM, "msg TEAM|all TEXT", N_("message to a team"), ui_wc_msg },
	{ "inject", UI_ARG_TEAM, "inject TEAM|all TEXT", N_("message to a team"), ui_wc_msg },
	{ "hint", UI_ARG_TEAM, "hint TEAM TEXT", N_("a hint to a team (-5 points)"), ui_wc_hint },
	{ "mark", UI_ARG_MARK, "mark TEAM EXPECTATION met|missed [NOTE]", N_("settle an expectation"),
	  ui_wc_mark },
	{ "event", UI_ARG_EVENT, "event SENSOR FROM TO[:PORT] TEXT", N_("write an event on a sensor"),
	  ui_wc_event },
	{ "end", UI_ARG_NONE, "end", N_("end the drill (asks first)"), ui_cmd_end },
	{ "filter", UI_ARG_FILTER, "filter sensor|host|text VALUE | clear", N_("filter the feed"),
	  ui_cmd_filter },
	{ "search", UI_ARG_NONE, "search TEXT", N_("search the feed (also /)"), ui_cmd_search },
	{ "show", UI_ARG_HOST, "show HOST", N_("select a host"), ui_cmd_show },
	{ "view", UI_ARG_PANE, "view alerts|feed|network|timeline|score", N_("switch pane (1 to 5)"), ui_cmd_view },
	{ "help", UI_ARG_NONE, "help", N_("this help (also ?)"), ui_cmd_help },
	{ "quit", UI_ARG_NONE, "quit", N_("leave (also q)"), ui_cmd_quit },
};

#define UI_NCMDS ((int)(sizeof(ui_cmds) / sizeof(*ui_cmds)))

const struct ui_cmd *ui_cmd_table(int *n)
{
	*n = UI_NCMDS;
	return ui_cmds;
}

int ui_cmd_words(struct ui_complete_word out[UI_CMD_MAX])
{
	for (int i = 0; i < UI_NCMDS; i++)
		out[i] = (struct ui_complete_word){ ui_cmds[i].name, ui_cmds[i].arg };
	return UI_NCMDS;
}

/* A team command: the same path as a scripted action. */
int ui_cmd_team_action(struct ui_model *m, const char *line, const char *team)
{
	const struct drill_entry *done = NULL;
	struct action a;
	char err[300], command[ACTION_VALUE_MAX + 128], elapsed[SIMCLOCK_ELAPSED_SIZE];
	size_t before;

	if (action_parse(m->drill->net, line, &a, err, sizeof(err)) != 0) {
		ui_model_error(m, "%s", err);
		return -1;
	}
	if (ui_cmd_live(m) != 0)
		return -1;
	a.time = m->drill->now;
	snprintf(a.team, sizeof(a.team), "%s", team);
	/* Queued now and run at once: the same path as a scripted action
	 * (the store's hook, the drill's checks, the timeline). */
	before = m->drill->nentries;
	drill_add_actions(m->drill, &a, 1);
	if (!ui_model_run(m, m->drill->now))
		return -1;
	action_format(m->drill->net, &a, command, sizeof(command));
	for (size_t i = m->drill->nentries; i > before; i--) {
		const struct drill_entry *e = &m->drill->entries[i - 1];

		if (e->kind == DRILL_ACTION && strcmp(e->actor, a.team) == 0 && strcmp(e->what, command) == 0) {
			done = e;
			break;
		}
	}
	m->dirty |= UI_DIRTY_TIMELINE;
	if (done && !done->ok) {
		ui_model_error(m, "%s", done->detail ? done->detail : _("refused"));
		return -1;
	}
	ui_tree_summarise(&m->tree, m->drill->net);
	ui_view_elapsed(a.time, elapsed, sizeof(elapsed));
	ui_model_say(m, _("%s: done by %s at %s."), command, team, elapsed);
	m->dirty |= UI_DIRTY_NET | UI_DIRTY_TIMELINE | UI_DIRTY_ALERTS | UI_DIRTY_LAYOUT;
	return 0;
}

int ui_cmd_run(struct ui_model *m, const char *line)
{
	char buf[UI_LINE_MAX], *argv[UI_CMD_ARGS];
	const char *rest;
	int argc = 0;

	while (*line == ' ')
		line++;
	if (*line == '\0')
		return 0;
	if (strlen(line) >= sizeof(buf)) {
		ui_model_error(m, _("The command is too long."));
		return -1;
	}
	if (m->remote && m->remote(m->remote_ctx, m, line))
		return 0;
	strcpy(buf, line);
	for (char *p = strtok(buf, " "); p && argc < UI_CMD_ARGS; p = strtok(NULL, " "))
		argv[argc++] = p;
	/* Free text (a message, a search) is what follows the command word. */
	rest = line + strlen(argv[0]);
	while (*rest == ' ')
		rest++;
	for (int i = 0; i < UI_NCMDS; i++)
		if (strcmp(argv[0], ui_cmds[i].name) == 0)
			return ui_cmds[i].exec(m, argc, argv, rest);
	/* Anything else is the team's: the action language, with its
	 * Vietnamese command words. */
	if (action_command_word(argv[0]) < 0) {
		ui_model_error(m, _("Unknown command '%s'. Press ? for the list of commands."), argv[0]);
		return -1;
	}
	return ui_cmd_team_action(m, line, m->team);
}
