#include "ui_console.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "score.h"
#include "teams.h"
#include "ui_cmd.h"
#include "ui_complete.h"
#include "ui_draw.h"
#include "ui_i18n.h"
#include "ui_model.h"
#include "ui_serve.h"
#include "ui_term.h"
#include "ui_text.h"
#include "ui_wc.h"
#include "xmalloc.h"

/* Wall time the drill may take per loop before the screen is drawn. */
#define UI_BUDGET_US 30000
/* Longest wait for a key: the clock on screen moves at least this often. */
#define UI_POLL_MS 50
/* Cells Left and Right scroll the feed's long lines by. */
#define UI_FEED_SHIFT 20
/* Keys handled per loop before drawing again (a paste, key repeat). */
#define UI_KEYS_PER_FRAME 64


static int64_t ui_wall_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

bool ui_console_possible(void)
{
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

static void ui_run_line(struct ui_model *m, const char *prefix)
{
	char line[UI_LINE_MAX + 16];

	snprintf(line, sizeof(line), "%s%s", prefix, m->line.buf);
	ui_line_commit(&m->line);
	m->mode = UI_MODE_NORMAL;
	m->dirty |= UI_DIRTY_LINE | UI_DIRTY_STATUS;
	ui_cmd_run(m, line);
}

static void ui_complete_key(struct ui_model *m)
{
	struct ui_complete_word words[UI_CMD_MAX];
	const char *teams[UI_WC_TEAMS], *expects[UI_COMPLETE_EXPECTS];
	const char *panes[UI_PANE_COUNT];
	struct ui_complete_ctx c = { m->drill->net, m->drill->alerts, words, ui_cmd_words(words), teams,
				     ui_wc_teams(m, teams, true), panes, UI_PANE_COUNT, expects, 0, m->view.sensors };
	char list[UI_COMPLETE_LIST];
	int n;

	for (int p = 0; p < UI_PANE_COUNT; p++)
		panes[p] = ui_model_pane_word((enum ui_pane)p);
	for (size_t i = 0; i < m->drill->nexpects && c.nexpects < UI_COMPLETE_EXPECTS; i++)
		expects[c.nexpects++] = m->drill->expects[i].id;
	n = ui_complete_line(&c, &m->line, list);
	if (n == 0)
		ui_model_error(m, _("Nothing to complete here."));
	else if (n > 1)
		ui_model_say(m, "%s", list);
}

/* Editing keys of the command and search lines. */
static void ui_key_line(struct ui_model *m, int r, wint_t k)
{
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
		case KEY_ENTER: ui_run_line(m, m->mode == UI_MODE_SEARCH ? "search " : ""); break;
		default: break;
		}
		return;
	}
	switch (k) {
	case '\r':
	case '\n':
		ui_run_line(m, m->mode == UI_MODE_SEARCH ? "search " : "");
		break;
	case 27: /* Esc */
		ui_line_clear(l);
		m->mode = UI_MODE_NORMAL;
		break;
	case '\t':
		if (m->mode == UI_MODE_COMMAND)
			ui_complete_key(m);
		break;
	case 127:
	case 8:
		ui_line_backspace(l);
		break;
	case 1: ui_line_home(l); break;       /* Ctrl-A */
	case 5: ui_line_end(l); break;        /* Ctrl-E */
	case 21: ui_line_kill_start(l); break; /* Ctrl-U */
	case 23: ui_line_kill_word(l); break;  /* Ctrl-W */
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

static void ui_speed_step(struct ui_model *m, int dir)
{
	char cmd[32];
	int i = 0;

	while (i < UI_CMD_NSPEEDS - 1 && ui_cmd_speeds[i] < m->pace.speed)
		i++;
	i += dir;
	if (i < 0 || i >= UI_CMD_NSPEEDS)
		return;
	snprintf(cmd, sizeof(cmd), "speed %d", ui_cmd_speeds[i]);
	ui_cmd_run(m, cmd);
}

/* Open the command line with an action on the selected host, to be
 * confirmed with Enter. */
static void ui_host_action(struct ui_model *m, const char *verb)
{
	const struct ui_node *n = ui_tree_selected(&m->tree);
	char line[UI_LINE_MAX];

	if (n == NULL || n->kind != UI_NODE_HOST) {
		ui_model_error(m, _("Select a host first (arrows, Enter opens a site)."));
		return;
	}
	snprintf(line, sizeof(line), "%s %s", verb, m->drill->net->hosts[n->index].name);
	ui_line_set(&m->line, line);
	m->mode = UI_MODE_COMMAND;
	ui_model_say(m, _("Press Enter to confirm, Esc to cancel."));
	m->dirty |= UI_DIRTY_LINE;
}

/* Triage the selected alert: ack at once; a classification is put on
 * the command line to confirm, since it counts. */
static void ui_alert_action(struct ui_model *m, wint_t k)
{
	int n = ui_view_alerts(&m->view), sel = m->alert_sel < 0 ? n - 1 : m->alert_sel;
	char id[16], line[UI_LINE_MAX];

	if (n == 0) {
		ui_model_error(m, _("No alert to act on yet."));
		return;
	}
	action_alert_id(ui_view_alert(&m->view, sel)->number, id, sizeof(id));
	if (k == 'a') {
		snprintf(line, sizeof(line), "ack %s", id);
		ui_cmd_run(m, line);
		return;
	}
	snprintf(line, sizeof(line), "classify %s %s", id, k == 't' ? "true-positive" : "false-positive");
	ui_line_set(&m->line, line);
	m->mode = UI_MODE_COMMAND;
	ui_model_say(m, _("Press Enter to confirm, Esc to cancel."));
	m->dirty |= UI_DIRTY_LINE;
}

static void ui_key_scroll(struct ui_model *m, int delta)
{
	switch (m->pane) {
	case UI_PANE_FEED:
		m->feed_back -= delta;
		if (m->feed_back < 0)
			m->feed_back = 0;
		m->dirty |= UI_DIRTY_FEED;
		break;
	case UI_PANE_NETWORK:
		ui_tree_move(&m->tree, delta);
		m->dirty |= UI_DIRTY_NET;
		break;
	case UI_PANE_ALERTS: {
		int n = ui_view_alerts(&m->view), sel = m->alert_sel < 0 ? n - 1 : m->alert_sel;

		/* Newest on top: down goes to older alerts; up past the newest
		 * follows new ones again. */
		sel -= delta;
		m->alert_sel = sel >= n - 1 ? -1 : sel < 0 ? 0 : sel;
		m->dirty |= UI_DIRTY_ALERTS;
		break;
	}
	case UI_PANE_TIMELINE:
		m->timeline_back -= delta;
		if (m->timeline_back < 0)
			m->timeline_back = 0;
		m->dirty |= UI_DIRTY_TIMELINE;
		break;
	case UI_PANE_SCORE:
		m->score_back -= delta;
		if (m->score_back < 0)
			m->score_back = 0;
		if (m->score && m->score_back > score_nrows(m->score))
			m->score_back = score_nrows(m->score);
		m->dirty |= UI_DIRTY_SCORE;
		break;
	case UI_PANE_COUNT:
		break;
	}
}

static void ui_key_normal(struct ui_model *m, int r, wint_t k)
{
	int page = LINES > 8 ? LINES - 6 : 1;

	if (r == KEY_CODE_YES) {
		switch (k) {
		case KEY_UP: ui_key_scroll(m, -1); break;
		case KEY_DOWN: ui_key_scroll(m, 1); break;
		case KEY_PPAGE: ui_key_scroll(m, -page); break;
		case KEY_NPAGE: ui_key_scroll(m, page); break;
		case KEY_HOME: ui_key_scroll(m, -1000000); break;
		case KEY_END: ui_key_scroll(m, 1000000); break;
		case KEY_RIGHT:
		case KEY_ENTER:
			if (m->pane == UI_PANE_NETWORK)
				ui_tree_expand(&m->tree, true), m->dirty |= UI_DIRTY_NET;
			else if (m->pane == UI_PANE_FEED && k == KEY_RIGHT)
				m->feed_shift += UI_FEED_SHIFT, m->dirty |= UI_DIRTY_FEED | UI_DIRTY_LAYOUT;
			break;
		case KEY_LEFT:
			if (m->pane == UI_PANE_NETWORK)
				ui_tree_expand(&m->tree, false), m->dirty |= UI_DIRTY_NET;
			else if (m->pane == UI_PANE_FEED && m->feed_shift > 0)
				m->feed_shift -= UI_FEED_SHIFT, m->dirty |= UI_DIRTY_FEED | UI_DIRTY_LAYOUT;
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
	case '?': ui_cmd_run(m, "help"); break;
	case '\t': ui_model_set_pane(m, (enum ui_pane)((m->pane + 1) % UI_PANE_COUNT)); break;
	case ' ': ui_cmd_run(m, m->pace.paused ? "resume" : "pause"); break;
	case '+':
	case '=': ui_speed_step(m, 1); break;
	case '-': ui_speed_step(m, -1); break;
	case 'f':
		ui_feed_pause(&m->feed, !ui_feed_paused(&m->feed));
		ui_model_say(m, ui_feed_paused(&m->feed) ? _("Feed frozen: press f to follow it again.") :
							   _("Following the feed."));
		m->dirty |= UI_DIRTY_LAYOUT;
		break;
	case 'c': ui_cmd_run(m, "filter clear"); break;
	case 'q': ui_cmd_run(m, "quit"); break;
	case '\r':
	case '\n':
		if (m->pane == UI_PANE_NETWORK)
			ui_tree_toggle(&m->tree), m->dirty |= UI_DIRTY_NET;
		break;
	case 12: /* Ctrl-L */
		clearok(curscr, TRUE);
		m->dirty |= UI_DIRTY_LAYOUT;
		break;
	case 27:
		ui_model_say(m, "%s", "");
		break;
	default:
		if (k >= '1' && k < '1' + UI_PANE_COUNT)
			ui_model_set_pane(m, (enum ui_pane)(k - '1'));
		else if (m->pane == UI_PANE_ALERTS && (k == 'a' || k == 't' || k == 'n'))
			ui_alert_action(m, k);
		else if (m->pane == UI_PANE_NETWORK) {
			static const struct {
				wint_t key;
				const char *verb;
			} acts[] = { { 'i', "isolate" }, { 'r', "release" }, { 'p', "patch" },
				     { 'x', "shutdown" }, { 's', "start" }, { 'R', "restore" } };

			for (size_t i = 0; i < sizeof(acts) / sizeof(*acts); i++)
				if (acts[i].key == k)
					ui_host_action(m, acts[i].verb);
		}
		break;
	}
}

/* A click: on a tab, that pane; on an alert or a host, select it (a
 * click on the selected site opens or closes it). */
static void ui_click(struct ui_model *m, int y, int x)
{
	const int body_y = 2;

	if (y == 1) {
		for (int p = 0; p < UI_PANE_COUNT; p++)
			if (x < m->tab_end[p]) {
				ui_model_set_pane(m, (enum ui_pane)p);
				return;
			}
		return;
	}
	if (y < body_y || y >= LINES - 2)
		return;
	if (m->pane == UI_PANE_ALERTS && y > body_y) {
		int n = ui_view_alerts(&m->view), row = m->alert_top + (y - body_y - 1);

		if (row < n && y < LINES - 3) {
			m->alert_sel = row == 0 ? -1 : n - 1 - row;
			m->dirty |= UI_DIRTY_ALERTS;
		}
	} else if (m->pane == UI_PANE_NETWORK && x < m->tree_cols) {
		int row = m->tree.top + (y - body_y);

		if (row < m->tree.nrows) {
			if (row == m->tree.selected)
				ui_tree_toggle(&m->tree);
			else
				m->tree.selected = row;
			m->dirty |= UI_DIRTY_NET;
		}
	}
}

static void ui_key(struct ui_model *m, int r, wint_t k)
{
	if (r == KEY_CODE_YES && k == KEY_RESIZE) {
		m->dirty |= UI_DIRTY_LAYOUT;
		return;
	}
	if (r == KEY_CODE_YES && k == KEY_MOUSE) {
		MEVENT ev;

		if (getmouse(&ev) == OK && (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) && !m->help &&
		    m->mode == UI_MODE_NORMAL)
			ui_click(m, ev.y, ev.x);
		return;
	}
	if (m->help) {
		m->help = false;
		m->dirty |= UI_DIRTY_LAYOUT;
		return;
	}
	switch (m->mode) {
	case UI_MODE_CONFIRM:
		if (r == OK && (k == 'y' || k == 'Y'))
			ui_model_answer(m, true);
		else if (r == OK && (k == 'n' || k == 'N' || k == 27))
			ui_model_answer(m, false);
		break;
	case UI_MODE_COMMAND:
	case UI_MODE_SEARCH:
		ui_key_line(m, r, k);
		break;
	case UI_MODE_NORMAL:
		ui_key_normal(m, r, k);
		break;
	}
}

/* Draw what is dirty, counting frames; the loop listens for keys from
 * the end of a frame. */
static void ui_console_frame(struct ui_model *m)
{
	unsigned dirty = m->dirty;

	m->wall = ui_wall_us();
	ui_draw(m);
	if (dirty != 0 && dirty != m->dirty)
		m->stats.frames++;
	if ((dirty & UI_DIRTY_FEED) && !(m->dirty & UI_DIRTY_FEED))
		m->stats.feed_draws++;
}

static void ui_console_key_stats(struct ui_model *m, int keys, int64_t listened)
{
	int64_t wait = ui_wall_us() - listened;

	m->stats.keys += (uint64_t)keys;
	m->stats.key_batches++;
	m->stats.key_wait_us += wait;
	if (wait > m->stats.key_wait_max_us)
		m->stats.key_wait_max_us = wait;
}

static void ui_console_print_stats(const struct ui_model *m, FILE *out)
{
	double secs = (double)(ui_wall_us() - m->stats.started_us) / 1e6;

	if (secs <= 0)
		secs = 1e-6;
	fprintf(out, "irdrill: console: %.1f s, %llu frames (%.1f/s), feed drawn %llu times (%.1f/s), %llu loops; "
		"%llu keys, answered within %.1f ms on average, %.1f ms at most; %llu records\n", secs,
		(unsigned long long)m->stats.frames, (double)m->stats.frames / secs,
		(unsigned long long)m->stats.feed_draws, (double)m->stats.feed_draws / secs,
		(unsigned long long)m->stats.loops, (unsigned long long)m->stats.keys,
		m->stats.key_batches ? (double)m->stats.key_wait_us / (double)m->stats.key_batches / 1000.0 : 0.0,
		(double)m->stats.key_wait_max_us / 1000.0, (unsigned long long)m->drill->records);
}

int ui_console_run(struct drill *d, const struct ui_console_options *o)
{
	struct ui_model *m;

	if (!ui_term_open("; use irdrill run --headless"))
		return -1;
	/* Clicks only: a press selects at once; the terminal's own text
	 * selection stays on Shift. */
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
	mouseinterval(0);

	m = xcalloc(1, sizeof(*m));
	ui_model_init(m, d, o->team, o->vi, o->speed, ui_wall_us());
	m->score = o->score;
	m->white_cell = !o->team_seat;
	if (o->remote) {
		ui_serve_attach(m, o->remote);
		m->white_cell = m->view.team == NULL; /* a served team's console sees its own */
	}
	/* A team's seat shows its own sensors' alerts and lines. */
	ui_model_seat(m, o->teams, o->team_seat && o->teams ? teams_find(o->teams, o->team) : -1);
	m->stats.started_us = ui_wall_us();
	if (m->white_cell)
		ui_model_say(m, _("Drill started. Press ? for keys and commands, : to type a command."));
	else
		ui_model_say(m, _("Drill started: you sit as team %s. Press ? for keys and commands."), m->team);
	while (!m->quit && !ui_term_stop_asked()) {
		int64_t listened;
		int keys = 0;
		bool waiting;

		m->stats.loops++;
		if (o->remote)
			ui_serve_step(m, o->remote, UI_POLL_MS, ui_wall_us);
		else
			ui_model_advance(m, ui_wall_us(), UI_BUDGET_US, ui_wall_us);
		ui_console_frame(m);
		/* Behind the paced clock, look at the keys and go on at once; a
		 * served drill's console waited for keys with the server. */
		waiting = !o->remote &&
			  (m->pace.paused || m->ended || m->drill->now >= pace_target(&m->pace, ui_wall_us()));
		timeout(waiting ? UI_POLL_MS : 0);
		for (int i = 0; i < UI_KEYS_PER_FRAME && !m->quit; i++) {
			int r;
			wint_t k;

			r = get_wch(&k);
			if (r == ERR) {
				/* Nothing waits from here on. */
				if (keys == 0)
					m->stats.listened_us = ui_wall_us();
				break;
			}
			m->wall = ui_wall_us();
			/* Waiting for it, the key came just now; else it may have
			 * come at any time since the loop last listened. */
			if (i == 0 && waiting)
				m->stats.listened_us = m->wall;
			ui_key(m, r, k);
			keys++;
			timeout(0);
		}
		if (keys == 0)
			continue;
		/* A key may have waited since the loop last found none: through
		 * the drill's slice and a frame.  Its answer is drawn now. */
		listened = m->stats.listened_us;
		ui_console_frame(m);
		ui_console_key_stats(m, keys, listened);
	}
	ui_term_close();
	if (getenv("IRDRILL_UI_STATS") && *getenv("IRDRILL_UI_STATS"))
		ui_console_print_stats(m, stderr);
	ui_model_free(m);
	free(m);
	return 0;
}
