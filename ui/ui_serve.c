#include "ui_serve.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ui_i18n.h"

/* The console's own words: they never go to the server. */
static const char *const ui_serve_local[] = { "filter", "search", "show", "view", "help", "quit" };
/* The white cell's controls, which the server checks. */
static const char *const ui_serve_controls[] = { "pause", "resume", "speed", "end" };
/* hint, mark, event and msg go as actions: the server takes them as the white cell's. */

static bool ui_serve_is(const char *line, const char *const *words, size_t n)
{
	size_t len = strcspn(line, " ");

	for (size_t i = 0; i < n; i++)
		if (strlen(words[i]) == len && strncmp(line, words[i], len) == 0)
			return true;
	return false;
}

static bool ui_serve_line(void *ctx, struct ui_model *m, const char *line)
{
	struct ui_remote *r = ctx;
	uint32_t id;

	if (ui_serve_is(line, ui_serve_local, sizeof(ui_serve_local) / sizeof(*ui_serve_local)))
		return false;
	if (strncmp(line, "inject", 6) == 0 && (line[6] == ' ' || line[6] == '\0')) {
		ui_model_error(m, _("A served drill takes no injected messages from a console yet."));
		return true;
	}
	/* Ending is for everyone: asked first, as in the local console. */
	if (strcmp(line, "end") == 0 && !m->ended) {
		ui_model_ask(m, UI_CONFIRM_END);
		return true;
	}
	if (strcmp(line, UI_END_CONFIRMED) == 0)
		id = ui_remote_control(r, "end");
	else if (ui_serve_is(line, ui_serve_controls, sizeof(ui_serve_controls) / sizeof(*ui_serve_controls)))
		id = ui_remote_control(r, line);
	else
		id = ui_remote_act(r, line);
	if (id == 0)
		ui_model_error(m, _("Not connected to the drill now: '%s' was not sent."), line);
	else
		ui_model_say(m, _("Sent: %s"), line);
	return true;
}

static void ui_serve_result(void *ctx, uint32_t id, bool ok, const char *text)
{
	struct ui_model *m = ctx;

	(void)id;
	if (ok)
		ui_model_say(m, _("Done: %s"), text);
	else
		ui_model_error(m, _("Refused: %s"), text);
}

static void ui_serve_acted(void *ctx, const struct proto_action *a)
{
	struct ui_model *m = ctx;
	char when[SIMCLOCK_ELAPSED_SIZE];

	m->dirty |= UI_DIRTY_TIMELINE | UI_DIRTY_NET | UI_DIRTY_ALERTS | UI_DIRTY_LAYOUT;
	ui_tree_summarise(&m->tree, m->drill->net);
	/* The white cell hears every team; a team hears its own through the
	 * result. */
	if (m->view.team != NULL)
		return;
	ui_view_elapsed(a->time, when, sizeof(when));
	if (strcmp(a->result, "ok") == 0)
		ui_model_say(m, _("%s %s: %s"), when, a->team, a->command);
	else
		ui_model_say(m, _("%s %s: %s (refused: %s)"), when, a->team, a->command, a->result);
}

static void ui_serve_status(void *ctx, const char *text)
{
	struct ui_model *m = ctx;

	ui_model_error(m, "%s", text);
}

void ui_serve_attach(struct ui_model *m, struct ui_remote *r)
{
	struct ui_remote_hooks hooks = { m, ui_serve_result, ui_serve_acted, ui_serve_status };

	m->remote = ui_serve_line;
	m->remote_ctx = r;
	/* A team sees its own world; the white cell everything. */
	m->view.team = ui_remote_white_cell(r) ? NULL : ui_remote_team(r);
	m->score = ui_remote_white_cell(r) ? NULL : ui_remote_score(r);
	ui_remote_set_hooks(r, &hooks);
}

/* The replica was built again from a snapshot: a new drill under the
 * same console, its panes where they were. */
static void ui_serve_rebuilt(struct ui_model *m, struct ui_remote *r, int64_t now)
{
	enum ui_pane pane = m->pane;
	bool vi = m->view.vi;

	ui_model_free(m);
	ui_model_init(m, ui_remote_drill(r), ui_remote_team(r), vi, 1, now);
	ui_serve_attach(m, r);
	m->pane = pane;
	ui_model_say(m, _("The console's copy of the drill was built again from the server's."));
}

void ui_serve_step(struct ui_model *m, struct ui_remote *r, int ms, int64_t (*wall)(void))
{
	enum ui_remote_event ev = ui_remote_poll(r, ms, STDIN_FILENO);
	const struct proto_clock *clock = ui_remote_clock(r);
	int64_t now = wall();

	if (ev == UI_REMOTE_REBUILT)
		ui_serve_rebuilt(m, r, now);
	if (ev == UI_REMOTE_FAILED && !m->ended) {
		m->ended = true;
		ui_model_error(m, _("%s. Press q to leave."), ui_remote_error(r));
		m->dirty |= UI_DIRTY_CLOCK;
	}
	/* The replica has moved; the model only takes note (a paused pace
	 * at the replica's time never runs it further). */
	pace_init(&m->pace, m->drill->now, now, 1);
	pace_pause(&m->pace, now);
	ui_model_advance(m, now, 0, wall);
	m->pace.speed = (int)clock->speed;
	m->pace.paused = clock->paused;
	if (ev == UI_REMOTE_ENDED && !m->ended) {
		m->ended = true;
		ui_model_say(m, _("The drill is over. Press q to leave the console."));
		m->dirty |= UI_DIRTY_CLOCK;
	}
	if (clock->speed != (uint32_t)m->pace.speed || ev != UI_REMOTE_IDLE)
		m->dirty |= UI_DIRTY_CLOCK;
}
