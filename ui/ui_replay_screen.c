/*
 * ui_replay_screen.c - the replay viewer's terminal: the loop, the keys,
 * the top bar and the help overlay (ui_replay.h has the rest).
 *
 * One thread, as the live console: each turn plays the replay to the
 * paced time, draws what is dirty through the console's ui_draw, waits
 * a moment for keys, and gathers jump marks while idle.  The terminal
 * is given back on every way out: q, Ctrl-C, SIGTERM/SIGHUP, a crash.
 */
#include "ui_replay_screen.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scenario.h"
#include "ui_cmd.h"
#include "ui_draw.h"
#include "ui_i18n.h"
#include "ui_replay.h"
#include "ui_text.h"
#include "ui_term.h"
#include "xmalloc.h"

#define UI_REPLAY_POLL_MS 50
#define UI_REPLAY_KEYS_PER_FRAME 64
/* Wall time the idle loop gives the jump marks. */
#define UI_REPLAY_SCAN_US 10000

static int64_t ui_replay_wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ---- the top bar and the help ------------------------------------------ */

static void ui_replay_draw_top(struct ui_model *m, int cols)
{
	struct ui_replay *v = m->owner;
	const struct ui_view *view = &m->view;
	char elapsed[SIMCLOCK_ELAPSED_SIZE], local[UI_VIEW_LOCAL_SIZE], speed[64], right[256], left[512], who[512];
	attr_t bar = ui_draw_attr(UI_STYLE_BAR);
	int rw, x;

	ui_view_elapsed(v->now, elapsed, sizeof(elapsed));
	ui_view_local(view, v->now, local);
	if (m->pace.paused && v->now >= v->last)
		snprintf(speed, sizeof(speed), " %s ", _("END"));
	else if (m->pace.paused)
		snprintf(speed, sizeof(speed), " %s ", _("PAUSED"));
	else
		snprintf(speed, sizeof(speed), " \xc3\x97%d ", m->pace.speed); /* ×N */
	if (cols >= 100) {
		snprintf(right, sizeof(right), " %s \xe2\x94\x82 %s \xe2\x94\x82", elapsed, local);
	} else {
		const char *time_of_day = strchr(local, ' ');

		snprintf(right, sizeof(right), " %s \xe2\x94\x82 %s \xe2\x94\x82", elapsed,
			 time_of_day ? time_of_day + 1 : local);
	}
	if (v->as[0]) {
		snprintf(who, sizeof(who), "\xe2\x94\x82 %s %s \xe2\x94\x82 %d %s ", _("team"), v->as,
			 ui_replay_points_of(v, v->as), _("points"));
	} else {
		size_t n = (size_t)snprintf(who, sizeof(who), "\xe2\x94\x82 %s", _("white cell"));

		for (int i = 0; i < v->npoints && n < sizeof(who); i++)
			n += (size_t)snprintf(who + n, sizeof(who) - n, " \xe2\x94\x82 %s %d", v->points[i].team,
					      v->points[i].points);
		if (n < sizeof(who))
			snprintf(who + n, sizeof(who) - n, " ");
	}
	snprintf(left, sizeof(left), " %s \xe2\x94\x82 %s", _("REPLAY"), ui_view_title(view));
	rw = ui_text_width(right) + ui_text_width(speed) + ui_text_width(who);
	if (rw > cols - 12)
		rw = cols - 12;
	x = ui_draw_put(0, 0, cols - rw, left, bar | A_BOLD, true);
	x += ui_draw_put(0, x, cols - x, right, bar | A_BOLD, false);
	x += ui_draw_put(0, x, cols - x, speed, m->pace.paused ? ui_draw_attr(UI_STYLE_PAUSED) : bar | A_BOLD,
			  false);
	ui_draw_put(0, x, cols - x, who, bar, true);
}

static void ui_replay_draw_help(struct ui_model *m, int rows, int cols)
{
	static const char *const keys[][2] = {
		{ "Space", N_("play or pause") },
		{ "+ -", N_("faster, slower (x1 to x1000)") },
		{ "\xe2\x86\x90 \xe2\x86\x92", N_("1 minute back, forward") },
		{ "PgUp PgDn", N_("10 minutes back, forward") },
		{ "Home End", N_("the start, the end") },
		{ "a A", N_("next, previous team action") },
		{ "s S", N_("next, previous attack step") },
		{ "p P", N_("next, previous score change") },
		{ "1-4 Tab", N_("switch pane") },
		{ "\xe2\x86\x91 \xe2\x86\x93", N_("move, scroll") },
		{ "Enter", N_("open, close a site") },
		{ "/", N_("search the feed") },
		{ "f c", N_("freeze feed, clear filter") },
		{ "q", N_("leave") },
	};
	static const char *const cmds[][2] = {
		{ ":seek T", N_("go to a time: T+01:20:00, 1:20, 80m, +5m, -5m") },
		{ ":as TEAM", N_("see it as a team (its alerts, actions, points)") },
		{ ":as white", N_("see everything, the attack too") },
		{ ":speed N", N_("1, 2, 5, 10, 60, 100 or 1000") },
		{ ":play :pause", N_("play, pause") },
		{ ":filter :show", N_("as in the console: filter the feed, a host") },
		{ ":view PANE", N_("alerts, feed, network, timeline") },
		{ ":quit", N_("leave (also q)") },
	};
	attr_t attr = ui_draw_attr(UI_STYLE_OVERLAY);
	int w = cols > 120 ? 120 : cols, x0 = (cols - w) / 2, h = rows - 2, row = 1;
	int kcols = w >= 80 ? 2 : 1, kw = w / kcols, nkeys = (int)(sizeof(keys) / sizeof(*keys));
	int ccols = w >= 120 ? 2 : 1, cw = w / ccols, ncmds = (int)(sizeof(cmds) / sizeof(*cmds));
	int krows = (nkeys + kcols - 1) / kcols, crows = (ncmds + ccols - 1) / ccols;
	char buf[256];

	(void)m;
	for (int r = 0; r < h; r++)
		ui_draw_put(1 + r, x0, w, "", attr, true);
	snprintf(buf, sizeof(buf), " %s", _("Replay keys (any key closes)"));
	ui_draw_put(row++, x0, w, buf, attr | A_BOLD | A_UNDERLINE, true);
	for (int i = 0; i < nkeys && row + i % krows <= h; i++) {
		int cx = x0 + (i / krows) * kw + 1;

		cx += ui_draw_put(row + i % krows, cx, 10, keys[i][0], attr | A_BOLD, true);
		ui_draw_put(row + i % krows, cx, x0 + (i / krows + 1) * kw - cx, _(keys[i][1]), attr, true);
	}
	row += krows;
	if (row >= h)
		return;
	snprintf(buf, sizeof(buf), " %s", _("Commands (after :)"));
	ui_draw_put(row++, x0, w, buf, attr | A_BOLD | A_UNDERLINE, true);
	for (int i = 0; i < ncmds && row + i % crows <= h; i++) {
		int cx = x0 + (i / crows) * cw + 1;

		cx += ui_draw_put(row + i % crows, cx, 14, cmds[i][0], attr | A_BOLD, true);
		ui_draw_put(row + i % crows, cx, x0 + (i / crows + 1) * cw - cx, _(cmds[i][1]), attr, true);
	}
}

static void ui_replay_run_line(struct ui_replay *v)
{
	struct ui_model *m = &v->m;
	char line[UI_LINE_MAX + 16];
	bool search = m->mode == UI_MODE_SEARCH;

	snprintf(line, sizeof(line), "%s%s", search ? "search " : "", m->line.buf);
	ui_line_commit(&m->line);
	m->mode = UI_MODE_NORMAL;
	m->dirty |= UI_DIRTY_LINE | UI_DIRTY_STATUS;
	if (search)
		ui_cmd_run(m, line);
	else
		ui_replay_command(v, line);
}

static void ui_replay_key_line(struct ui_replay *v, int r, wint_t k)
{
	struct ui_model *m = &v->m;
	struct ui_line *l = &m->line;

	m->dirty |= UI_DIRTY_LINE;
	if (r == KEY_CODE_YES) {
		switch (k) {
		case KEY_LEFT: ui_line_left(l); break;
		case KEY_RIGHT: ui_line_right(l); break;
		case KEY_HOME: ui_line_home(l); break;
		case KEY_END: ui_line_end(l); break;
		case KEY_BACKSPACE: ui_line_backspace(l); break;
		case KEY_DC: ui_line_delete(l); break;
		case KEY_UP: ui_line_history_prev(l); break;
		case KEY_DOWN: ui_line_history_next(l); break;
		case KEY_ENTER: ui_replay_run_line(v); break;
		default: break;
		}
		return;
	}
	switch (k) {
	case '\r':
	case '\n': ui_replay_run_line(v); break;
	case 27:
		ui_line_clear(l);
		m->mode = UI_MODE_NORMAL;
		break;
	case 127:
	case 8: ui_line_backspace(l); break;
	case 1: ui_line_home(l); break;
	case 5: ui_line_end(l); break;
	case 21: ui_line_kill_start(l); break;
	case 23: ui_line_kill_word(l); break;
	default:
		if (k >= 32) {
			char mb[8];
			mbstate_t st;
			size_t n;

			memset(&st, 0, sizeof(st));
			n = wcrtomb(mb, (wchar_t)k, &st);
			if (n != (size_t)-1) {
				mb[n] = '\0';
				ui_line_insert(l, mb);
			}
		}
		break;
	}
}

static void ui_replay_scroll(struct ui_model *m, int delta)
{
	int n, sel;

	switch (m->pane) {
	case UI_PANE_FEED:
		m->feed_back = m->feed_back - delta < 0 ? 0 : m->feed_back - delta;
		m->dirty |= UI_DIRTY_FEED;
		break;
	case UI_PANE_NETWORK:
		ui_tree_move(&m->tree, delta);
		m->dirty |= UI_DIRTY_NET;
		break;
	case UI_PANE_ALERTS:
		n = ui_view_alerts(&m->view);
		sel = (m->alert_sel < 0 ? n - 1 : m->alert_sel) - delta;
		m->alert_sel = sel >= n - 1 ? -1 : sel < 0 ? 0 : sel;
		m->dirty |= UI_DIRTY_ALERTS;
		break;
	case UI_PANE_TIMELINE:
		m->timeline_back = m->timeline_back - delta < 0 ? 0 : m->timeline_back - delta;
		m->dirty |= UI_DIRTY_TIMELINE;
		break;
	default:
		break;
	}
}

static void ui_replay_step_time(struct ui_replay *v, sim_time_t delta)
{
	char elapsed[SIMCLOCK_ELAPSED_SIZE];

	ui_replay_seek(v, v->now + delta);
	ui_view_elapsed(v->now, elapsed, sizeof(elapsed));
	ui_model_say(&v->m, _("At %s."), elapsed);
}

static void ui_replay_key_normal(struct ui_replay *v, int r, wint_t k)
{
	struct ui_model *m = &v->m;
	int page = LINES > 8 ? LINES - 6 : 1;

	if (r == KEY_CODE_YES) {
		switch (k) {
		case KEY_LEFT: ui_replay_step_time(v, -SIM_MINUTE); break;
		case KEY_RIGHT: ui_replay_step_time(v, SIM_MINUTE); break;
		case KEY_PPAGE: ui_replay_step_time(v, -10 * SIM_MINUTE); break;
		case KEY_NPAGE: ui_replay_step_time(v, 10 * SIM_MINUTE); break;
		case KEY_HOME: ui_replay_step_time(v, -v->now); break;
		case KEY_END: ui_replay_step_time(v, v->last - v->now); break;
		case KEY_UP: ui_replay_scroll(m, -1); break;
		case KEY_DOWN: ui_replay_scroll(m, 1); break;
		case KEY_SR: ui_replay_scroll(m, -page); break;
		case KEY_SF: ui_replay_scroll(m, page); break;
		case KEY_ENTER:
			if (m->pane == UI_PANE_NETWORK)
				ui_tree_toggle(&m->tree), m->dirty |= UI_DIRTY_NET;
			break;
		case KEY_BTAB: ui_model_set_pane(m, (enum ui_pane)((m->pane + UI_PANE_COUNT - 1) % UI_PANE_COUNT)); break;
		default: break;
		}
		return;
	}
	switch (k) {
	case ':':
		ui_line_clear(&m->line);
		m->mode = UI_MODE_COMMAND;
		m->dirty |= UI_DIRTY_LINE;
		break;
	case '/':
		ui_line_set(&m->line, m->feed.filter.text);
		m->mode = UI_MODE_SEARCH;
		m->dirty |= UI_DIRTY_LINE;
		break;
	case '?': ui_replay_command(v, "help"); break;
	case ' ': ui_replay_command(v, m->pace.paused ? "play" : "pause"); break;
	case '+':
	case '=':
	case '-':
		if (ui_replay_speed_step(v, k == '-' ? -1 : 1))
			ui_model_say(m, _("Speed x%d."), m->pace.speed);
		break;
	case '\t': ui_model_set_pane(m, (enum ui_pane)((m->pane + 1) % UI_PANE_COUNT)); break;
	case 'a': ui_replay_jump(v, UI_REPLAY_ACTION, 1); break;
	case 'A': ui_replay_jump(v, UI_REPLAY_ACTION, -1); break;
	case 's': ui_replay_jump(v, UI_REPLAY_STEP, 1); break;
	case 'S': ui_replay_jump(v, UI_REPLAY_STEP, -1); break;
	case 'p': ui_replay_jump(v, UI_REPLAY_SCORE, 1); break;
	case 'P': ui_replay_jump(v, UI_REPLAY_SCORE, -1); break;
	case 'f':
		ui_feed_pause(&m->feed, !ui_feed_paused(&m->feed));
		ui_model_say(m, ui_feed_paused(&m->feed) ? _("Feed frozen: press f to follow it again.") :
							   _("Following the feed."));
		m->dirty |= UI_DIRTY_LAYOUT;
		break;
	case 'c': ui_cmd_run(m, "filter clear"); break;
	case 'q': m->quit = true; break;
	case '\r':
	case '\n':
		if (m->pane == UI_PANE_NETWORK)
			ui_tree_toggle(&m->tree), m->dirty |= UI_DIRTY_NET;
		break;
	case 12: /* Ctrl-L */
		clearok(curscr, TRUE);
		m->dirty |= UI_DIRTY_LAYOUT;
		break;
	case 27: ui_model_say(m, "%s", ""); break;
	default:
		if (k >= '1' && k < '1' + UI_PANE_COUNT)
			ui_model_set_pane(m, (enum ui_pane)(k - '1'));
		break;
	}
}

static void ui_replay_key(struct ui_replay *v, int r, wint_t k)
{
	struct ui_model *m = &v->m;

	if (r == KEY_CODE_YES && k == KEY_RESIZE) {
		m->dirty |= UI_DIRTY_LAYOUT;
		return;
	}
	if (m->help) {
		m->help = false;
		m->dirty |= UI_DIRTY_LAYOUT;
		return;
	}
	if (m->mode == UI_MODE_COMMAND || m->mode == UI_MODE_SEARCH)
		ui_replay_key_line(v, r, k);
	else
		ui_replay_key_normal(v, r, k);
}

/* ---- the loop ------------------------------------------------------------ */

int ui_replay_run(const struct ui_replay_options *o)
{
	struct ui_replay *v = xcalloc(1, sizeof(*v));
	char err[1400];

	if (ui_replay_open(v, o->path, o->network, o->scenario, o->vi, ui_replay_wall(), err, sizeof(err)) != 0) {
		fprintf(stderr, "irdrill: %s\n", err);
		free(v);
		return 1;
	}
	if (o->as && !ui_replay_as(v, o->as)) {
		fprintf(stderr, "irdrill: --as %s: no such team in %s\n", o->as, o->path);
		ui_replay_close(v);
		free(v);
		return 2;
	}
	if (o->at > 0)
		ui_replay_seek(v, o->at);
	if (!ui_term_open("")) {
		ui_replay_close(v);
		free(v);
		return 1;
	}
	v->m.owner = v;
	v->m.draw_top = ui_replay_draw_top;
	v->m.draw_help = ui_replay_draw_help;
	v->m.dirty |= UI_DIRTY_LAYOUT;
	ui_replay_restart_pace(v, ui_replay_wall());
	while (!v->m.quit && !ui_term_stop_asked()) {
		int r;
		wint_t k;
		bool idle = true;

		ui_replay_advance(v, ui_replay_wall());
		ui_draw(&v->m);
		timeout(UI_REPLAY_POLL_MS);
		for (int i = 0; i < UI_REPLAY_KEYS_PER_FRAME && !v->m.quit; i++) {
			r = get_wch(&k);
			if (r == ERR)
				break;
			idle = false;
			v->m.wall = ui_replay_wall();
			ui_replay_key(v, r, k);
			timeout(0);
		}
		if (idle && !v->scan_done)
			ui_replay_scan(v, UI_REPLAY_SCAN_US, ui_replay_wall);
	}
	ui_term_close();
	ui_replay_close(v);
	free(v);
	return 0;
}
