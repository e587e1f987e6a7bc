#include "ui_score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "ui_draw.h"
#include "ui_i18n.h"
#include "ui_text.h"
#include "ui_view.h"
#include "ui_wc.h"

/* Attack steps the white cell sees at the foot of the pane, at most. */
#define UI_SCORE_STEPS 4

static void ui_score_minutes(sim_time_t t, char *buf, size_t size)
{
	long long min = (long long)(t / SIM_MINUTE);

	if (min >= 60 && min % 60)
		snprintf(buf, size, _("%lld h %02lld min"), min / 60, min % 60);
	else if (min >= 60)
		snprintf(buf, size, _("%lld h"), min / 60);
	else
		snprintf(buf, size, _("%lld min"), min);
}

void ui_score_expect_text(const struct drill_expect *x, char *buf, size_t size)
{
	char what[160], within[64] = "";

	switch (x->kind) {
	case DRILL_EXPECT_DETECT:
		snprintf(what, sizeof(what), _("detect %s"), x->what);
		break;
	case DRILL_EXPECT_CONTAIN: {
		char host[96];

		if (x->contain_step)
			snprintf(host, sizeof(host), _("what %s took"), x->what);
		else
			snprintf(host, sizeof(host), "%s", x->what);
		if (x->before)
			snprintf(what, sizeof(what), _("contain %s before %s"), host, x->before);
		else
			snprintf(what, sizeof(what), _("contain %s"), host);
		break;
	}
	case DRILL_EXPECT_REPORT:
		snprintf(what, sizeof(what), _("report to %s"), x->what);
		break;
	case DRILL_EXPECT_KEEP_UP:
		if (x->max_down > 0) {
			char t[32];

			ui_score_minutes(x->max_down, t, sizeof(t));
			snprintf(what, sizeof(what), _("keep %s up, %s allowed"), x->what, t);
		} else {
			snprintf(what, sizeof(what), _("keep %s up"), x->what);
		}
		break;
	}
	if (x->within > 0 && x->kind != DRILL_EXPECT_KEEP_UP) {
		char t[32];

		ui_score_minutes(x->within, t, sizeof(t));
		snprintf(within, sizeof(within), _(" within %s"), t);
	}
	snprintf(buf, size, "%s%s (%d)", what, within, x->points);
}

static const char *ui_score_status_word(enum score_status st)
{
	return st == SCORE_MET ? _("met") : st == SCORE_MISSED ? _("missed") : _("pending");
}

static struct ui_score_line *ui_score_add(struct ui_score_line *out, int *n, int max, enum ui_score_kind kind,
					  int tone)
{
	struct ui_score_line *l;

	if (*n >= max)
		return NULL;
	l = &out[(*n)++];
	l->kind = kind;
	l->tone = tone;
	l->text[0] = '\0';
	return l;
}

/* Whether the seat sees a team's rows. */
static bool ui_score_sees(const struct ui_model *m, const char *team)
{
	return m->white_cell || strcmp(team, m->team) == 0;
}

int ui_score_lines(const struct ui_model *m, struct ui_score_line *out, int max, int back, int cols)
{
	const struct drill *d = m->view.d;
	const struct score *s = m->score;
	const char *teams[UI_WC_TEAMS];
	int nteams = 0, n = 0, nrows = 0, nsteps = 0, room, first, exp_room, idw = 12;
	struct ui_score_line *l;
	size_t used;

	if (s == NULL) {
		l = ui_score_add(out, &n, max, UI_SCORE_NOTE, 0);
		if (l)
			snprintf(l->text, sizeof(l->text), "%s", _("This console keeps no score."));
		return n;
	}
	for (int i = 0; i < score_nteams(s) && nteams < UI_WC_TEAMS; i++)
		if (ui_score_sees(m, score_team(s, i)))
			teams[nteams++] = score_team(s, i);
	if (nteams == 0)
		teams[nteams++] = m->team;
	/* Totals. */
	l = ui_score_add(out, &n, max, UI_SCORE_TOTAL, 0);
	if (l) {
		used = (size_t)snprintf(l->text, sizeof(l->text), "%s", m->white_cell ? _("Points:") : _("Your points:"));
		for (int i = 0; i < nteams && used < sizeof(l->text); i++)
			used += (size_t)snprintf(l->text + used, sizeof(l->text) - used, _("  team %s %+d"), teams[i],
						 score_total(s, teams[i]));
	}
	/* Expectations: at most half of what is left. */
	l = ui_score_add(out, &n, max, UI_SCORE_HEAD, 0);
	if (l)
		snprintf(l->text, sizeof(l->text), "%s", _("Expectations (pending until marked or the drill ends)"));
	exp_room = (max - n) / 2;
	for (size_t e = 0; e < d->nexpects; e++)
		if ((int)strlen(d->expects[e].id) > idw)
			idw = (int)strlen(d->expects[e].id);
	if (d->nexpects == 0 && (l = ui_score_add(out, &n, max, UI_SCORE_NOTE, 0)))
		snprintf(l->text, sizeof(l->text), "%s", _("The scenario sets no expectations."));
	for (size_t e = 0; e < d->nexpects && exp_room > 0; e++, exp_room--) {
		const struct drill_expect *x = &d->expects[e];
		char desc[200], fitted[240];
		int met = 0, missed = 0, status_w, desc_w;

		l = ui_score_add(out, &n, max, UI_SCORE_EXPECT, 0);
		if (l == NULL)
			break;
		ui_score_expect_text(x, desc, sizeof(desc));
		/* The description gives way before the statuses do. */
		status_w = 0;
		for (int i = 0; i < nteams; i++)
			status_w += 1 + (m->white_cell ? ui_text_width(teams[i]) + 2 : 0) +
				    ui_text_width(ui_score_status_word(score_expectation_status(s, teams[i], x->id)));
		desc_w = cols - 2 - idw - 1 - status_w;
		desc_w = desc_w > 40 ? 40 : desc_w < 12 ? 12 : desc_w;
		ui_text_fit(desc, desc_w, true, fitted, sizeof(fitted));
		used = (size_t)snprintf(l->text, sizeof(l->text), "  %-*s %s", idw, x->id, fitted);
		for (int i = 0; i < nteams && used < sizeof(l->text); i++) {
			enum score_status st = score_expectation_status(s, teams[i], x->id);

			met += st == SCORE_MET;
			missed += st == SCORE_MISSED;
			if (m->white_cell)
				used += (size_t)snprintf(l->text + used, sizeof(l->text) - used, " %s: %s", teams[i],
							 ui_score_status_word(st));
			else
				used += (size_t)snprintf(l->text + used, sizeof(l->text) - used, " %s",
							 ui_score_status_word(st));
		}
		l->tone = missed ? -1 : met == nteams ? 1 : 0;
	}
	/* The attack (white cell): the last steps, at the foot. */
	for (size_t i = 0; m->white_cell && i < d->nentries; i++)
		nsteps += d->entries[i].kind == DRILL_STEP || d->entries[i].kind == DRILL_OBJECTIVE;
	if (nsteps > UI_SCORE_STEPS)
		nsteps = UI_SCORE_STEPS;
	/* Points: what is left, the newest last. */
	l = ui_score_add(out, &n, max, UI_SCORE_HEAD, 0);
	if (l)
		snprintf(l->text, sizeof(l->text), "%s", _("Points, with their reasons (newest last)"));
	room = max - n - (m->white_cell ? 1 + (nsteps ? nsteps : 1) : 0);
	if (room < 1)
		room = 1;
	for (int i = 0; i < score_nrows(s); i++)
		nrows += ui_score_sees(m, score_row(s, i)->team);
	if (nrows == 0 && (l = ui_score_add(out, &n, max, UI_SCORE_NOTE, 0)))
		snprintf(l->text, sizeof(l->text), "%s",
			 _("No points yet: actions score as they are taken, the rest when the drill ends."));
	if (back > nrows - room)
		back = nrows - room > 0 ? nrows - room : 0;
	first = nrows - room - back;
	for (int i = 0, k = 0; i < score_nrows(s); i++) {
		const struct score_row *r = score_row(s, i);
		char at[SIMCLOCK_ELAPSED_SIZE];

		if (!ui_score_sees(m, r->team))
			continue;
		if (k++ < first || k > first + room)
			continue;
		l = ui_score_add(out, &n, max, UI_SCORE_ROW, r->points > 0 ? 1 : r->points < 0 ? -1 : 0);
		if (l == NULL)
			break;
		ui_view_elapsed(r->time, at, sizeof(at));
		if (m->white_cell)
			snprintf(l->text, sizeof(l->text), "  %s %+4d %-14s %-8s %s%s%s", at, r->points, r->component,
				 r->team, r->expectation, r->expectation[0] ? ": " : "", r->reason);
		else
			snprintf(l->text, sizeof(l->text), "  %s %+4d %-14s %s%s%s", at, r->points, r->component,
				 r->expectation, r->expectation[0] ? ": " : "", r->reason);
	}
	if (!m->white_cell)
		return n;
	l = ui_score_add(out, &n, max, UI_SCORE_HEAD, 0);
	if (l)
		snprintf(l->text, sizeof(l->text), "%s", _("Attack so far (ground truth, white cell only)"));
	if (nsteps == 0 && (l = ui_score_add(out, &n, max, UI_SCORE_NOTE, 0)))
		snprintf(l->text, sizeof(l->text), "%s", _("No attack step yet."));
	{
		/* The last nsteps of them, oldest first. */
		size_t start = d->nentries;
		int k = 0;

		while (start > 0 && k < nsteps) {
			const struct drill_entry *e = &d->entries[start - 1];

			k += e->kind == DRILL_STEP || e->kind == DRILL_OBJECTIVE;
			start--;
		}
		for (size_t i = start; i < d->nentries; i++) {
			const struct drill_entry *e = &d->entries[i];
			char at[SIMCLOCK_ELAPSED_SIZE];

			if (e->kind != DRILL_STEP && e->kind != DRILL_OBJECTIVE)
				continue;
			l = ui_score_add(out, &n, max, UI_SCORE_STEP, e->ok ? -1 : 1);
			if (l == NULL)
				break;
			ui_view_elapsed(e->time, at, sizeof(at));
			if (e->kind == DRILL_OBJECTIVE)
				snprintf(l->text, sizeof(l->text), "  %s %s %s", at,
					 e->ok ? _("objective achieved:") : _("objective prevented:"), e->what);
			else
				snprintf(l->text, sizeof(l->text), "  %s %-6s %s %s %s%s%s", at, e->ok ? _("ok") : _("failed"),
					 e->actor, e->what, e->target ? e->target : "", e->ok || !e->detail ? "" : ": ",
					 e->ok || !e->detail ? "" : e->detail);
		}
	}
	return n;
}

void ui_score_draw(struct ui_model *m, int y, int x, int h, int w)
{
	struct ui_score_line *lines;
	int n;

	if (h <= 0)
		return;
	lines = calloc((size_t)h, sizeof(*lines));
	if (lines == NULL)
		return;
	n = ui_score_lines(m, lines, h, m->score_back, w);
	for (int i = 0; i < h; i++) {
		attr_t a = A_NORMAL;

		if (i >= n) {
			ui_draw_put(y + i, x, w, "", A_NORMAL, true);
			continue;
		}
		switch (lines[i].kind) {
		case UI_SCORE_HEAD:
			a = A_BOLD | A_UNDERLINE;
			break;
		case UI_SCORE_TOTAL:
			a = A_BOLD;
			break;
		case UI_SCORE_NOTE:
			a = A_DIM;
			break;
		case UI_SCORE_EXPECT:
		case UI_SCORE_ROW:
		case UI_SCORE_STEP:
			a = lines[i].tone > 0 ? ui_draw_tone(1) : lines[i].tone < 0 ? ui_draw_tone(-1) : A_NORMAL;
			break;
		}
		ui_draw_put(y + i, x, w, lines[i].text, a, true);
	}
	free(lines);
}
