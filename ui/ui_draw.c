#include "ui_draw.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "ui_cmd.h"
#include "ui_i18n.h"
#include "ui_score.h"
#include "ui_text.h"
#include "xmalloc.h"

enum { UI_PAIR_BAR = 1, UI_PAIR_OK, UI_PAIR_BAD, UI_PAIR_WARN, UI_PAIR_INFO, UI_PAIR_TAB, UI_PAIR_PAUSED };

/* Below this width the side pane does not fit beside the main one. */
#define UI_SIDE_MIN_COLS 160

static bool ui_colour;

void ui_draw_init(bool colour)
{
	ui_colour = colour;
	if (!colour)
		return;
	start_color();
	use_default_colors();
	init_pair(UI_PAIR_BAR, COLOR_WHITE, COLOR_BLUE);
	init_pair(UI_PAIR_OK, COLOR_GREEN, -1);
	init_pair(UI_PAIR_BAD, COLOR_RED, -1);
	init_pair(UI_PAIR_WARN, COLOR_YELLOW, -1);
	init_pair(UI_PAIR_INFO, COLOR_CYAN, -1);
	init_pair(UI_PAIR_TAB, COLOR_BLACK, COLOR_CYAN);
	init_pair(UI_PAIR_PAUSED, COLOR_BLACK, COLOR_YELLOW);
}

/* A colour, or in monochrome the attribute that stands for it. */
static attr_t ui_attr(int pair, attr_t mono)
{
	return ui_colour ? (attr_t)COLOR_PAIR(pair) : mono;
}

/* Draw text at (y, x) in exactly w cells; returns the cells used. */
static int ui_put(int y, int x, int w, const char *text, attr_t attr, bool pad)
{
	char buf[4096];
	int used;

	if (w <= 0)
		return 0;
	used = ui_text_fit(text, w, pad, buf, sizeof(buf));
	attron(attr);
	mvaddstr(y, x, buf);
	attroff(attr);
	return used;
}

static void ui_clear_rect(int y, int x, int h, int w)
{
	for (int r = 0; r < h; r++)
		ui_put(y + r, x, w, "", A_NORMAL, true);
}

/* ---- top bar and tabs ------------------------------------------------ */

static void ui_draw_top(struct ui_model *m, int cols)
{
	const struct ui_view *v = &m->view;
	char elapsed[SIMCLOCK_ELAPSED_SIZE], local[UI_VIEW_LOCAL_SIZE], speed[64], right[256], left[512], team[96];
	attr_t bar = ui_attr(UI_PAIR_BAR, A_REVERSE);
	int rw, x;

	ui_view_elapsed(ui_view_now(v), elapsed, sizeof(elapsed));
	ui_view_local(v, ui_view_now(v), local);
	if (m->ended)
		snprintf(speed, sizeof(speed), "%s", _("OVER"));
	else if (m->pace.paused)
		snprintf(speed, sizeof(speed), "%s", _("PAUSED"));
	else if (m->pace.speed == PACE_SPEED_MAX)
		snprintf(speed, sizeof(speed), "\xc3\x97%s", _("max")); /* as fast as it goes */
	else
		snprintf(speed, sizeof(speed), "\xc3\x97%d", m->pace.speed); /* ×N */
	/* The clock, the speed, the team and its points always show whole;
	 * the title takes what is left.  The zone and the date (the drill
	 * lasts hours, not days) go first when narrow. */
	if (cols >= 100) {
		snprintf(right, sizeof(right), " %s \xe2\x94\x82 %s UTC+7 \xe2\x94\x82 ", elapsed, local);
	} else {
		const char *time_of_day = strchr(local, ' ');

		snprintf(right, sizeof(right), " %s \xe2\x94\x82 %s \xe2\x94\x82 ", elapsed,
			 time_of_day ? time_of_day + 1 : local);
	}
	if (m->score)
		snprintf(team, sizeof(team), " \xe2\x94\x82 %s %s \xe2\x94\x82 %d %s ", _("team"), m->team,
			 score_total(m->score, m->team), _("points"));
	else
		snprintf(team, sizeof(team), " \xe2\x94\x82 %s %s ", _("team"), m->team);
	snprintf(left, sizeof(left), " irdrill \xe2\x94\x82 %s", ui_view_title(v));
	rw = ui_text_width(right) + ui_text_width(speed) + ui_text_width(team);
	if (rw > cols)
		rw = cols;
	x = ui_put(0, 0, cols - rw, left, bar, true);
	x += ui_put(0, x, cols - x, right, bar | A_BOLD, false);
	x += ui_put(0, x, cols - x, speed,
		    m->pace.paused || m->ended ? ui_attr(UI_PAIR_PAUSED, A_REVERSE) | A_BOLD : bar | A_BOLD, false);
	ui_put(0, x, cols - x, team, bar, true);
}

static void ui_draw_tabs(struct ui_model *m, int cols)
{
	char tab[128], right[256];
	const struct ui_feed_filter *f = &m->feed.filter;
	int x = 0;

	ui_put(1, 0, cols, "", A_NORMAL, true);
	for (int p = 0; p < UI_PANE_COUNT && x < cols; p++) {
		attr_t a = p == (int)m->pane ? ui_attr(UI_PAIR_TAB, A_REVERSE) | A_BOLD : A_NORMAL;

		int fresh = p == UI_PANE_ALERTS ? ui_view_new_alerts(&m->view) : 0;

		if (fresh)
			snprintf(tab, sizeof(tab), " %d %s (%d) ", p + 1, ui_model_pane_title((enum ui_pane)p), fresh);
		else
			snprintf(tab, sizeof(tab), " %d %s ", p + 1, ui_model_pane_title((enum ui_pane)p));
		x += ui_put(1, x, cols - x, tab, a, false);
		m->tab_end[p] = x;
		x += ui_put(1, x, cols - x, " ", A_NORMAL, false);
	}
	right[0] = '\0';
	if (ui_feed_paused(&m->feed))
		snprintf(right, sizeof(right), "%s ", _("[feed frozen]"));
	if (m->feed_shift > 0) {
		size_t n = strlen(right);

		snprintf(right + n, sizeof(right) - n, "\xe2\x86\x92%d ", m->feed_shift);
	}
	if (f->sensor[0] || f->host[0] || f->text[0]) {
		size_t n = strlen(right);

		snprintf(right + n, sizeof(right) - n, "%s%s%s%s%s%s%s ", _("filter:"), f->sensor[0] ? " sensor=" : "",
			 f->sensor, f->host[0] ? " host=" : "", f->host, f->text[0] ? " /" : "", f->text);
	}
	if (right[0] && x < cols) {
		int w = ui_text_width(right);

		if (w > cols - x)
			w = cols - x;
		ui_put(1, cols - w, w, right, ui_attr(UI_PAIR_WARN, A_BOLD), false);
	}
}

/* ---- feed ------------------------------------------------------------ */

/* The sensor column: wide enough for the longest sensor id on a wide
 * screen, narrow on a small one. */
static int ui_feed_sensor_cols(const struct net *net, int w)
{
	int cols = 0;

	if (w < 100)
		return 10;
	for (int i = 0; i < net->nsensors; i++)
		if (ui_text_width(net->sensors[i].id) > cols)
			cols = ui_text_width(net->sensors[i].id);
	return cols > 24 ? 24 : cols < 10 ? 10 : cols;
}

static void ui_draw_feed(struct ui_model *m, int y, int x, int h, int w)
{
	const struct ui_feed_line *lines[512];
	const struct net *net = ui_view_net(&m->view);
	int n, max = h < 512 ? h : 512, sensor_cols = ui_feed_sensor_cols(net, w);

	n = ui_feed_view(&m->feed, m->feed_back, lines, max);
	/* Scrolled past the oldest kept line: stop at it. */
	while (n < max && m->feed_back > 0) {
		m->feed_back--;
		n = ui_feed_view(&m->feed, m->feed_back, lines, max);
	}
	ui_clear_rect(y, x, h, w);
	if (n == 0) {
		ui_put(y, x, w, m->feed.seq ? _("No feed line matches the filter (:filter clear shows all).") :
					      _("No sensor has written anything yet."), A_DIM, true);
		return;
	}
	for (int i = 0; i < n; i++) {
		int row = y + h - n + i, cx = x;
		const char *sensor = lines[i]->sensor >= 0 ? net->sensors[lines[i]->sensor].id : "-";

		if (w > 40) {
			cx += ui_put(row, cx, sensor_cols, sensor, ui_attr(UI_PAIR_INFO, A_DIM), true);
			cx += ui_put(row, cx, 1, " ", A_NORMAL, false);
		}
		ui_put(row, cx, w - (cx - x), ui_text_skip(lines[i]->text, m->feed_shift), A_NORMAL, true);
	}
}

/* ---- network --------------------------------------------------------- */

static attr_t ui_symbol_attr(char sym)
{
	switch (sym) {
	case '!':
	case 'D':
		return ui_attr(UI_PAIR_BAD, A_BOLD) | A_BOLD;
	case '~':
		return ui_attr(UI_PAIR_WARN, A_BOLD);
	case 'I':
		return ui_attr(UI_PAIR_INFO, A_UNDERLINE);
	case 'x':
		return A_DIM;
	default:
		return ui_attr(UI_PAIR_OK, A_NORMAL);
	}
}

static void ui_node_label(const struct ui_model *m, const struct ui_node *n, char *buf, size_t size)
{
	const struct ui_view *v = &m->view;
	const struct net *net = ui_view_net(v);

	switch (n->kind) {
	case UI_NODE_SITE:
		snprintf(buf, size, "%s (%d)", ui_view_site_name(v, n->index), n->hosts);
		break;
	case UI_NODE_ZONE:
		snprintf(buf, size, "%s %s (%d)", _("zone"), net->zones[n->index], n->hosts);
		break;
	case UI_NODE_HOST:
		snprintf(buf, size, "%s  %s", net->hosts[n->index].name, net->hosts[n->index].role);
		break;
	}
}

static void ui_draw_tree(struct ui_model *m, int y, int x, int h, int w, bool focused)
{
	struct ui_tree *t = &m->tree;

	ui_tree_scroll(t, h);
	ui_clear_rect(y, x, h, w);
	for (int r = 0; r < h && t->top + r < t->nrows; r++) {
		int row = t->top + r, cx = x;
		const struct ui_node *n = &t->nodes[t->rows[row]];
		bool sel = row == t->selected;
		attr_t base = sel ? (focused ? A_REVERSE : A_UNDERLINE) : A_NORMAL;
		char sym[2] = { ui_tree_symbol(n), '\0' }, label[300], counts[64];
		const char *exp = n->kind == UI_NODE_HOST ? " " : n->expanded ? "\xe2\x96\xbe" : "\xe2\x96\xb8";

		for (int d = 0; d < n->depth && cx < x + w; d++)
			cx += ui_put(y + r, cx, 2, "  ", base, true);
		cx += ui_put(y + r, cx, x + w - cx, exp, base, false);
		cx += ui_put(y + r, cx, x + w - cx, " ", base, false);
		cx += ui_put(y + r, cx, x + w - cx, sym, sel ? base | A_BOLD : ui_symbol_attr(sym[0]), false);
		cx += ui_put(y + r, cx, x + w - cx, n->monitored ? " * " : "   ", base | A_BOLD, false);
		ui_node_label(m, n, label, sizeof(label));
		counts[0] = '\0';
		if (n->kind != UI_NODE_HOST && (n->exposed || n->isolated || n->down))
			snprintf(counts, sizeof(counts), "  !%d I%d x%d", n->exposed, n->isolated, n->down);
		cx += ui_put(y + r, cx, x + w - cx, label, base, false);
		ui_put(y + r, cx, x + w - cx, counts, sel ? base : ui_attr(UI_PAIR_WARN, A_BOLD), false);
		if (sel && cx < x + w)
			ui_put(y + r, cx + ui_text_width(counts), x + w - cx - ui_text_width(counts), "", base, true);
	}
}

/* "compromised, isolated" for a host's state word. */
static void ui_host_state(unsigned st, char *buf, size_t size)
{
	static const struct {
		unsigned flag;
		const char *word;
	} words[] = {
		{ NET_HOST_COMPROMISED, N_("compromised") }, { NET_HOST_ISOLATED, N_("isolated") },
		{ NET_HOST_DOWN, N_("shut down") },          { NET_HOST_DEFACED, N_("defaced") },
		{ NET_HOST_FLOODED, N_("flooded") },
	};
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (st & words[i].flag)
			used += (size_t)snprintf(buf + used, size - used > 0 ? size - used : 0, "%s%s",
						 used ? ", " : "", _(words[i].word));
	if (used == 0)
		snprintf(buf, size, "%s", _("in service"));
}

/* "key        value": the key in a column of cells, not bytes, so
 * Vietnamese keys line up too. */
#define UI_DETAIL_KEY_COLS 12

static int ui_detail_line(int y, int x, int w, const char *key, const char *value, attr_t attr)
{
	int kw = w > UI_DETAIL_KEY_COLS + 4 ? UI_DETAIL_KEY_COLS : 0;

	if (kw > 0) {
		ui_put(y, x, kw - 1, key, A_DIM, true);
		ui_put(y, x + kw - 1, 1, " ", A_NORMAL, false);
	}
	ui_put(y, x + kw, w - kw, value, attr, true);
	return y + 1;
}

static void ui_draw_detail(struct ui_model *m, int y, int x, int h, int w)
{
	const struct ui_view *v = &m->view;
	const struct net *net = ui_view_net(v);
	const struct ui_node *n = ui_tree_selected(&m->tree);
	char buf[1024];
	int row = y, bottom = y + h;

	ui_clear_rect(y, x, h, w);
	if (n == NULL)
		return;
	if (n->kind != UI_NODE_HOST) {
		const char *name = n->kind == UI_NODE_SITE ? ui_view_site_name(v, n->index) : net->zones[n->index];

		ui_put(row++, x, w, name, A_BOLD, true);
		if (n->kind == UI_NODE_SITE) {
			row = ui_detail_line(row, x, w, _("kind"), net_site_kind_name(net->sites[n->index].kind),
					     A_NORMAL);
			row = ui_detail_line(row, x, w, _("firewall"),
					     net->sites[n->index].firewall ? _("yes") : _("no"), A_NORMAL);
		}
		snprintf(buf, sizeof(buf), "%d", n->hosts);
		row = ui_detail_line(row, x, w, _("hosts"), buf, A_NORMAL);
		snprintf(buf, sizeof(buf), _("%d, %d not contained"), n->compromised, n->exposed);
		row = ui_detail_line(row, x, w, _("compromised"), buf,
				     n->exposed ? ui_attr(UI_PAIR_BAD, A_BOLD) | A_BOLD : A_NORMAL);
		snprintf(buf, sizeof(buf), "%d", n->isolated);
		row = ui_detail_line(row, x, w, _("isolated"), buf, A_NORMAL);
		snprintf(buf, sizeof(buf), "%d", n->down);
		row = ui_detail_line(row, x, w, _("shut down"), buf, A_NORMAL);
		if (row < bottom)
			ui_put(row, x, w, _("Enter opens, Left closes."), A_DIM, true);
		return;
	}
	{
		const struct net_host *hst = &net->hosts[n->index];
		const struct net_segment *seg = &net->segments[hst->segment];
		char ip[64], state[256];
		unsigned a = hst->ip;

		ui_put(row++, x, w, hst->name, A_BOLD, true);
		ui_host_state(hst->state, state, sizeof(state));
		row = ui_detail_line(row, x, w, _("state"), state,
				     hst->state & (NET_HOST_COMPROMISED | NET_HOST_DEFACED) ? ui_attr(UI_PAIR_BAD, A_BOLD)
											: A_NORMAL);
		snprintf(ip, sizeof(ip), "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
		if (hst->public_ip) {
			size_t l = strlen(ip);

			a = hst->public_ip;
			snprintf(ip + l, sizeof(ip) - l, ", %u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
		}
		row = ui_detail_line(row, x, w, _("address"), ip, A_NORMAL);
		row = ui_detail_line(row, x, w, _("OS"), hst->os ? hst->os : "-", A_NORMAL);
		snprintf(buf, sizeof(buf), "%s, %s", hst->role, net_criticality_name(hst->criticality));
		row = ui_detail_line(row, x, w, _("role"), buf, A_NORMAL);
		row = ui_detail_line(row, x, w, _("site"), ui_view_site_name(v, hst->site), A_NORMAL);
		snprintf(buf, sizeof(buf), "%s (%s)", seg->id, seg->zone);
		row = ui_detail_line(row, x, w, _("segment"), buf, A_NORMAL);
		for (int i = 0; i < hst->nsystems && row < bottom - 2; i++) {
			int s = hst->systems[i];

			snprintf(buf, sizeof(buf), "%s%s", ui_view_system_name(v, s),
				 net->systems[s].monitored ? _(" * SOC-monitored") : "");
			row = ui_detail_line(row, x, w, i == 0 ? _("serves") : "", buf, A_NORMAL);
		}
		for (int i = 0; i < hst->nservices && row < bottom - 2; i++) {
			const struct net_service *s = &hst->services[i];

			snprintf(buf, sizeof(buf), "%s/%u %s %s%s", s->proto == NET_PROTO_UDP ? "udp" : "tcp", s->port,
				 s->name ? s->name : "", s->product ? s->product : "", s->patched ? _(" (patched)") : "");
			row = ui_detail_line(row, x, w, i == 0 ? _("services") : "", buf, A_NORMAL);
		}
		for (int i = 0; i < hst->naccounts && i < 3 && row < bottom - 2; i++)
			row = ui_detail_line(row, x, w, i == 0 ? _("accounts") : "", net->accounts[hst->accounts[i]].name,
					     A_NORMAL);
		if (bottom - 2 >= row)
			row = bottom - 2;
		ui_put(row++, x, w, _("i isolate  r release  p patch"), A_DIM, true);
		if (row < bottom)
			ui_put(row, x, w, _("x shut down  s start  R restore"), A_DIM, true);
	}
}

static void ui_draw_network(struct ui_model *m, int y, int x, int h, int w)
{
	int tw = w >= 100 ? w / 2 : w * 11 / 20;

	m->tree_cols = x + tw;
	ui_draw_tree(m, y, x, h, tw, true);
	for (int r = 0; r < h; r++)
		ui_put(y + r, x + tw, 1, "\xe2\x94\x82", A_DIM, false);
	ui_draw_detail(m, y, x + tw + 2, h, w - tw - 2);
}

/* ---- timeline -------------------------------------------------------- */

static const char *ui_entry_result(const struct drill_entry *e)
{
	switch (e->kind) {
	case DRILL_STEP:
		return e->ok ? _("ok") : _("failed");
	case DRILL_ACTION:
		return _("action");
	case DRILL_MESSAGE:
		return _("message");
	case DRILL_OBJECTIVE:
		return e->ok ? _("ACHIEVED") : _("PREVENTED");
	case DRILL_ERROR:
		return _("ERROR");
	}
	return "?";
}

static attr_t ui_entry_attr(const struct drill_entry *e)
{
	switch (e->kind) {
	case DRILL_STEP:
		return e->ok ? ui_attr(UI_PAIR_BAD, A_NORMAL) : A_DIM;
	case DRILL_ACTION:
		return ui_attr(UI_PAIR_INFO, A_BOLD);
	case DRILL_MESSAGE:
		return ui_attr(UI_PAIR_WARN, A_NORMAL);
	case DRILL_OBJECTIVE:
	case DRILL_ERROR:
		return ui_attr(e->ok ? UI_PAIR_BAD : UI_PAIR_OK, A_BOLD) | A_BOLD;
	}
	return A_NORMAL;
}

/* The entries a team's seat sees, as indexes into the timeline; the
 * count.  *out is allocated. */
static size_t ui_draw_seen(const struct ui_model *m, size_t **out)
{
	size_t n = ui_view_entries(&m->view), k = 0, *v = xcalloc(n + 1, sizeof(*v));

	for (size_t i = 0; i < n; i++)
		if (ui_model_sees(m, ui_view_entry(&m->view, i)))
			v[k++] = i;
	*out = v;
	return k;
}

static void ui_draw_timeline(struct ui_model *m, int y, int x, int h, int w)
{
	const struct ui_view *v = &m->view;
	size_t nobj = ui_view_objectives(v), n = ui_view_entries(v);
	int row = y, list_h, first;
	char buf[2400], text[2048], elapsed[SIMCLOCK_ELAPSED_SIZE];
	size_t *seen = NULL; /* a team's seat: the entries it sees */

	ui_clear_rect(y, x, h, w);
	if (!m->white_cell) { /* a team sees its own part of the timeline */
		nobj = 0;
		n = ui_draw_seen(m, &seen);
	} else {
		ui_put(row++, x, w, _("Objectives (ground truth, white cell only)"), A_BOLD, true);
	}
	for (size_t i = 0; i < nobj && row < y + h / 2; i++) {
		const struct drill_objective *o = ui_view_objective(v, i);
		const char *state = o->state == OBJECTIVE_ACHIEVED ? _("achieved") :
				    o->state == OBJECTIVE_PREVENTED ? _("prevented") : _("pending");
		attr_t a = o->state == OBJECTIVE_ACHIEVED ? ui_attr(UI_PAIR_BAD, A_BOLD) | A_BOLD :
			   o->state == OBJECTIVE_PREVENTED ? ui_attr(UI_PAIR_OK, A_BOLD) : A_NORMAL;
		int cx = x;

		snprintf(buf, sizeof(buf), "  %-11s ", state);
		cx += ui_put(row, cx, w, buf, a, false);
		ui_put(row++, cx, w - (cx - x), ui_view_objective_title(v, o), A_NORMAL, true);
	}
	ui_put(row++, x, w, _("Timeline"), A_BOLD, true);
	list_h = y + h - row;
	if (list_h <= 0) {
		free(seen);
		return;
	}
	if (m->timeline_back > (int)n - list_h)
		m->timeline_back = (int)n - list_h > 0 ? (int)n - list_h : 0;
	first = (int)n - list_h - m->timeline_back;
	if (first < 0)
		first = 0;
	if (n == 0)
		ui_put(row, x, w, _("Nothing has happened yet."), A_DIM, true);
	for (int i = first; i < (int)n && row < y + h; i++) {
		const struct drill_entry *e = ui_view_entry(v, seen ? seen[i] : (size_t)i);
		int cx = x;

		ui_view_elapsed(e->time, elapsed, sizeof(elapsed));
		ui_view_text(v, e->detail ? e->detail : "", text, sizeof(text));
		if (e->kind == DRILL_MESSAGE)
			snprintf(buf, sizeof(buf), "%s \xe2\x86\x92 %s: %s", e->actor, e->target ? e->target : "all", text);
		else if (e->kind == DRILL_ACTION) /* the command names its target */
			snprintf(buf, sizeof(buf), "%s  %s", e->actor, e->what);
		else
			snprintf(buf, sizeof(buf), "%s  %s %s%s%s", e->actor, e->what, e->target ? e->target : "",
				 text[0] && e->kind != DRILL_OBJECTIVE ? ": " : "",
				 e->kind != DRILL_OBJECTIVE ? text : "");
		cx += ui_put(row, cx, w, elapsed, A_DIM, false);
		cx += ui_put(row, cx, w - (cx - x), " ", A_NORMAL, false);
		cx += ui_put(row, cx, w - (cx - x), ui_entry_result(e), ui_entry_attr(e), false);
		cx += ui_put(row, cx, w - (cx - x), " ", A_NORMAL, false);
		ui_put(row++, cx, w - (cx - x), buf, A_NORMAL, true);
	}
	free(seen);
}

/* ---- alerts ---------------------------------------------------------- */

static const char *ui_alert_severity(int severity)
{
	return severity == 1 ? _("high") : severity == 2 ? _("medium") : _("low");
}

static void ui_alert_state(const struct alert *a, char *buf, size_t size)
{
	if (a->state == ALERT_CLASSIFIED)
		snprintf(buf, size, "%s", a->true_positive ? _("true pos.") : _("false pos."));
	else
		snprintf(buf, size, "%s", a->state == ALERT_NEW ? _("NEW") : _("acked"));
}

static void ui_draw_alerts(struct ui_model *m, int y, int x, int h, int w)
{
	const struct net *net = ui_view_net(&m->view);
	int n = ui_view_alerts(&m->view), list_h = h - 2, sel, top;
	char buf[512], id[16], elapsed[SIMCLOCK_ELAPSED_SIZE], state[64];

	ui_clear_rect(y, x, h, w);
	snprintf(buf, sizeof(buf), "%-7s %-10s %-6s %-12s %-10s %s", _("ID"), _("time"), _("sev."), _("sensor"),
		 _("state"), _("what"));
	ui_put(y, x, w, buf, A_BOLD | A_UNDERLINE, true);
	if (n == 0) {
		ui_put(y + 1, x, w, _("No alert yet: the sensors have raised nothing."), A_DIM, true);
		return;
	}
	if (m->alert_sel >= n)
		m->alert_sel = n - 1;
	/* Newest first; the selection is an alert, so it stays on it as
	 * new ones arrive above. */
	sel = m->alert_sel < 0 ? 0 : n - 1 - m->alert_sel;
	top = sel >= list_h ? sel - list_h + 1 : 0;
	m->alert_top = top;
	for (int r = 0; r < list_h && top + r < n; r++) {
		const struct alert *a = ui_view_alert(&m->view, n - 1 - (top + r));
		bool selected = top + r == sel;
		attr_t attr = a->state == ALERT_NEW ? A_BOLD : a->state == ALERT_CLASSIFIED ? A_DIM : A_NORMAL;
		attr_t sev = a->severity == 1 ? ui_attr(UI_PAIR_BAD, A_BOLD) : a->severity == 2 ?
			     ui_attr(UI_PAIR_WARN, A_NORMAL) : A_NORMAL;
		int cx = x;

		if (selected)
			attr = sev = A_REVERSE;
		action_alert_id(a->number, id, sizeof(id));
		ui_view_elapsed(a->time, elapsed, sizeof(elapsed));
		ui_alert_state(a, state, sizeof(state));
		snprintf(buf, sizeof(buf), "%-7s %-10s ", id, elapsed);
		cx += ui_put(y + 1 + r, cx, w, buf, attr, false);
		cx += ui_put(y + 1 + r, cx, 7, ui_alert_severity(a->severity), sev, true);
		cx += ui_put(y + 1 + r, cx, 13, a->sensor >= 0 ? net->sensors[a->sensor].id : "-", attr, true);
		cx += ui_put(y + 1 + r, cx, 11, state,
			     selected ? attr : a->state == ALERT_NEW ? ui_attr(UI_PAIR_WARN, A_BOLD) | A_BOLD : attr,
			     true);
		ui_put(y + 1 + r, cx, x + w - cx, a->desc, attr, true);
	}
	ui_put(y + h - 1, x, w, _("a acknowledge   t true positive   n false positive   arrows select"), A_DIM,
	       true);
}

/* ---- the pane table -------------------------------------------------- */

typedef void (*ui_pane_fn)(struct ui_model *m, int y, int x, int h, int w);

static const struct {
	ui_pane_fn draw;
	unsigned dirty; /* what it shows */
} ui_pane_draw[UI_PANE_COUNT] = {
	[UI_PANE_ALERTS] = { ui_draw_alerts, UI_DIRTY_ALERTS },
	[UI_PANE_FEED] = { ui_draw_feed, UI_DIRTY_FEED },
	[UI_PANE_NETWORK] = { ui_draw_network, UI_DIRTY_NET },
	[UI_PANE_TIMELINE] = { ui_draw_timeline, UI_DIRTY_TIMELINE },
	[UI_PANE_SCORE] = { ui_score_draw, UI_DIRTY_SCORE | UI_DIRTY_TIMELINE },
};

/* ---- message and command lines --------------------------------------- */

static void ui_draw_status(struct ui_model *m, int y, int cols)
{
	char buf[UI_STATUS_MAX + 8];

	if (m->status_error) {
		snprintf(buf, sizeof(buf), "! %s", m->status);
		ui_put(y, 0, cols, buf, ui_attr(UI_PAIR_BAD, A_BOLD) | A_BOLD, true);
	} else {
		ui_put(y, 0, cols, m->status, m->mode == UI_MODE_CONFIRM ? A_BOLD | A_REVERSE : A_NORMAL, true);
	}
}

static void ui_draw_line(struct ui_model *m, int y, int cols)
{
	const char *prompt = m->mode == UI_MODE_SEARCH ? "/" : ":";
	int col, off = 0;

	if (m->mode != UI_MODE_COMMAND && m->mode != UI_MODE_SEARCH) {
		curs_set(0);
		ui_put(y, 0, cols,
		       m->mode == UI_MODE_CONFIRM ? _("y yes   n no") :
		       !m->white_cell		  ? _(":command  /search  ?help  Tab pane  5 score  q quit") :
						    _(":command  /search  ?help  Space pause  +/- speed  Tab pane  q quit"),
		       A_DIM, true);
		return;
	}
	col = ui_line_cursor_col(&m->line);
	/* Keep the cursor on screen: show the end of a long line. */
	if (col + 2 > cols)
		off = col + 2 - cols;
	ui_put(y, 0, 1, prompt, A_BOLD, false);
	if (off == 0) {
		ui_put(y, 1, cols - 1, m->line.buf, A_NORMAL, true);
	} else {
		char tail[UI_LINE_MAX];
		size_t i = 0;
		int skipped = 0;

		/* Drop letters from the left until the cursor fits. */
		while (i < m->line.len && skipped < off) {
			long cp;
			size_t len = ui_text_decode(m->line.buf + i, m->line.len - i, &cp);

			skipped += ui_text_cp_width(cp);
			i += len;
		}
		snprintf(tail, sizeof(tail), "%s", m->line.buf + i);
		ui_put(y, 1, cols - 1, tail, A_NORMAL, true);
		off = skipped;
	}
	curs_set(1);
	move(y, 1 + col - off);
}

/* ---- help overlay ---------------------------------------------------- */

/* Lay out "key  text" items in as many columns as fit; returns the row
 * after them. */
static int ui_help_items(int row, int x0, int w, const char *(*items)[2], int n, int keyw)
{
	int ncol = w / 38 > 0 ? w / 38 : 1, colw = w / ncol, rows = (n + ncol - 1) / ncol;

	for (int i = 0; i < n; i++) {
		int r = row + i % rows, cx = x0 + (i / rows) * colw;

		cx += ui_put(r, cx, 1, " ", A_REVERSE, false);
		cx += ui_put(r, cx, keyw, items[i][0], A_REVERSE | A_BOLD, true);
		ui_put(r, cx, colw - keyw - 1, items[i][1], A_REVERSE, true);
	}
	return row + rows;
}

static void ui_draw_help(int rows, int cols)
{
	static const char *const keys[][2] = {
		{ ":", N_("type a command, Tab completes") },
		{ "/", N_("search the feed") },
		{ "1-5 Tab", N_("alerts, feed, network, timeline, score") },
		{ "Space", N_("pause or resume the drill") },
		{ "+ -", N_("speed x1 x2 x5 x10 x60") },
		{ "f", N_("freeze or follow the feed") },
		{ "c", N_("clear the feed filter") },
		{ "\xe2\x86\x91\xe2\x86\x93 PgUp", N_("move, scroll") },
		{ "\xe2\x86\x90 \xe2\x86\x92", N_("feed: scroll sideways") },
		{ "Enter \xe2\x86\x90", N_("open, close a site") },
		{ "i r p", N_("isolate, release, patch") },
		{ "x s R", N_("shut down, start, restore") },
		{ "a t n", N_("ack, true/false positive") },
		{ "q", N_("leave the console") },
	};
	static const char *const legend =
		N_("! compromised  D defaced  ~ flooded  I isolated  x down  . ok  * SOC-monitored");
	const char *items[UI_CMD_MAX][2], *tr[sizeof(keys) / sizeof(*keys)][2];
	int n, w = cols > 120 ? 120 : cols, y0, x0, row, h, nkeys = (int)(sizeof(keys) / sizeof(*keys));
	const struct ui_cmd *cmds = ui_cmd_table(&n);
	char buf[512], verbs[256];

	for (int i = 0; i < nkeys; i++)
		tr[i][0] = keys[i][0], tr[i][1] = _(keys[i][1]);
	for (int i = 0; i < n; i++)
		items[i][0] = cmds[i].name, items[i][1] = _(cmds[i].help);
	h = rows - 2;
	y0 = 1;
	x0 = (cols - w) / 2;
	for (int r = 0; r < h; r++)
		ui_put(y0 + r, x0, w, "", A_REVERSE, true);
	snprintf(buf, sizeof(buf), " %s", _("Keys"));
	ui_put(y0, x0, w, buf, A_REVERSE | A_BOLD | A_UNDERLINE, true);
	row = ui_help_items(y0 + 1, x0, w, tr, nkeys, 10);
	snprintf(buf, sizeof(buf), " %s", _("Commands (after :)"));
	ui_put(row++, x0, w, buf, A_REVERSE | A_BOLD | A_UNDERLINE, true);
	row = ui_help_items(row, x0, w, items, n, 7);
	action_verb_list(verbs, sizeof(verbs));
	snprintf(buf, sizeof(buf), " %s %s", _("Team actions:"), verbs);
	if (row < y0 + h - 1)
		ui_put(row++, x0, w, buf, A_REVERSE, true);
	if (row < y0 + h - 1)
		ui_put(y0 + h - 1, x0, w, _(legend), A_REVERSE, true);
}

/* ---- the frame ------------------------------------------------------- */

void ui_draw(struct ui_model *m)
{
	int rows, cols, body_y = 2, body_h, main_w, side_x = 0, side_w = 0;
	unsigned dirty = m->dirty;
	enum ui_pane side = m->pane == UI_PANE_TIMELINE ? UI_PANE_FEED : UI_PANE_TIMELINE;

	getmaxyx(stdscr, rows, cols);
	/* The feed waits for its next frame unless the screen is redrawn
	 * anyway: a flood of lines costs a few frames a second. */
	if ((dirty & UI_DIRTY_FEED) && !(dirty & UI_DIRTY_LAYOUT) && !m->help &&
	    m->wall - m->feed_drawn_us < 1000000 / UI_DRAW_FEED_FPS)
		dirty &= ~(unsigned)UI_DIRTY_FEED;
	else if (dirty & (UI_DIRTY_FEED | UI_DIRTY_LAYOUT))
		m->feed_drawn_us = m->wall;
	if (dirty == 0)
		return;
	if (rows < 10 || cols < 40) {
		erase();
		ui_put(0, 0, cols, _("The terminal is too small: irdrill needs 80x24."), A_BOLD, true);
		m->dirty = 0;
		refresh();
		return;
	}
	if (m->help)
		dirty = UI_DIRTY_LAYOUT;
	if (dirty & UI_DIRTY_LAYOUT) {
		erase();
		dirty = ~0u;
	}
	body_h = rows - 4;
	main_w = cols;
	if (cols >= UI_SIDE_MIN_COLS) {
		main_w = cols * 3 / 5;
		side_x = main_w + 1;
		side_w = cols - side_x;
	}
	if (dirty & UI_DIRTY_CLOCK)
		(m->draw_top ? m->draw_top : ui_draw_top)(m, cols);
	if (dirty & (UI_DIRTY_LAYOUT | UI_DIRTY_FEED))
		ui_draw_tabs(m, cols);
	if (dirty & ui_pane_draw[m->pane].dirty)
		ui_pane_draw[m->pane].draw(m, body_y, 0, body_h, main_w);
	if (side_w > 0) {
		if (dirty & UI_DIRTY_LAYOUT)
			for (int r = 0; r < body_h; r++)
				ui_put(body_y + r, main_w, 1, "\xe2\x94\x82", A_DIM, false);
		if (dirty & ui_pane_draw[side].dirty)
			ui_pane_draw[side].draw(m, body_y, side_x, body_h, side_w);
	}
	if (dirty & UI_DIRTY_STATUS)
		ui_draw_status(m, rows - 2, cols);
	if (m->help && m->draw_help)
		m->draw_help(m, rows, cols);
	else if (m->help)
		ui_draw_help(rows, cols);
	/* The command line last: it leaves the cursor where typing goes. */
	ui_draw_line(m, rows - 1, cols);
	m->dirty &= ~dirty;
	refresh();
}

int ui_draw_put(int y, int x, int w, const char *text, attr_t attr, bool pad)
{
	return ui_put(y, x, w, text, attr, pad);
}

attr_t ui_draw_tone(int tone)
{
	return tone > 0 ? ui_attr(UI_PAIR_OK, A_NORMAL) : tone < 0 ? ui_attr(UI_PAIR_BAD, A_BOLD) | A_BOLD : A_NORMAL;
}

attr_t ui_draw_attr(enum ui_draw_style style)
{
	switch (style) {
	case UI_STYLE_BAR: return ui_attr(UI_PAIR_BAR, A_REVERSE);
	case UI_STYLE_PAUSED: return (ui_attr(UI_PAIR_PAUSED, A_REVERSE) | A_BOLD);
	case UI_STYLE_OVERLAY: return A_REVERSE;
	}
	return A_NORMAL;
}
