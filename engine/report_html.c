/*
 * report_html.c - the after-action report as one self-contained HTML page.
 *
 * No script, no network, no external file: the style sheet is inline and
 * each team's timeline is an inline SVG (attack steps as bars, detections
 * and containments as markers, objectives, the score over time below,
 * sim time along the axis).  The page is well-formed XML as well as HTML
 * (every element closed, every text escaped), so XML tools can read the
 * SVG out of it.
 */
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "ui_i18n.h"

#define SVG_W 1000
#define SVG_LEFT 250
#define SVG_RIGHT 24
#define SVG_LANE 24
#define SVG_SCORE_H 130
#define SVG_LABEL_CHARS 36

static const char report_css[] =
	"body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px;color:#1b1f24;background:#fff}"
	"h1{font-size:1.5em;margin:0 0 .5em}h2{font-size:1.2em;margin:1.6em 0 .5em;border-bottom:2px solid #d0d7de}"
	"h3{font-size:1.05em;margin:1.2em 0 .4em}"
	"table{border-collapse:collapse;margin:.4em 0 1em;font-size:.88em}"
	"th,td{border:1px solid #d0d7de;padding:3px 7px;text-align:left;vertical-align:top}"
	"th{background:#f3f5f7}td.n{text-align:right;font-variant-numeric:tabular-nums}"
	".pos{color:#1a7f37}.neg{color:#cf222e}.miss{color:#8c959f}"
	".damage{background:#fff4e5;border:1px solid #d4a72c;padding:8px}"
	"svg{display:block;max-width:100%;height:auto;border:1px solid #d0d7de;background:#fbfcfd;margin:.5em 0}"
	"section.team{page-break-before:always}";

static void put(FILE *out, const char *s)
{
	report_put_html(out, s, false);
}

/* The first max characters of s, escaped, "…" if it was longer. */
static void put_short(FILE *out, const char *s, int max)
{
	char buf[256];
	size_t n = 0;
	int chars = 0;

	while (s[n] && n < sizeof(buf) - 4) {
		if (((unsigned char)s[n] & 0xc0) != 0x80 && chars++ == max)
			break;
		n++;
	}
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(buf, s, n);
	buf[n] = '\0';
	put(out, buf);
	if (s[n])
		fputs("\xe2\x80\xa6", out);
}

/* How many characters s has, counting at most max. */
static int utf8_chars(const char *s, int max)
{
	int n = 0;

	for (; *s && n < max; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void td(FILE *out, const char *s)
{
	fputs("<td>", out);
	put(out, s);
	fputs("</td>", out);
}

static void td_time(FILE *out, sim_time_t t)
{
	char buf[32];

	report_time(t, buf, sizeof(buf));
	td(out, buf);
}

static void td_span(FILE *out, sim_time_t from, sim_time_t to)
{
	char buf[32];

	report_span(to < 0 ? -1 : to - from, buf, sizeof(buf));
	fprintf(out, "<td class=\"n%s\">", to < 0 ? " miss" : "");
	put(out, to < 0 ? _("never") : buf);
	fputs("</td>", out);
}

static void td_points(FILE *out, int points)
{
	fprintf(out, "<td class=\"n %s\">%+d</td>", points > 0 ? "pos" : points < 0 ? "neg" : "", points);
}

static const char *technique(const struct report_step *s)
{
	return s->technique ? s->technique : _("technique not recorded in this replay");
}

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static void html_head(const struct report *r, FILE *out, bool vi)
{
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
		"<meta charset=\"utf-8\"/>\n<title>", vi ? "vi" : "en");
	put(out, _("After-action report"));
	fputs(": ", out);
	put(out, basename_of(r->scenario));
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", report_css);
	put(out, _("After-action report"));
	fputs(": ", out);
	put(out, basename_of(r->scenario));
	fputs("</h1>\n", out);
}

static void html_meta(const struct report *r, FILE *out)
{
	struct simclock clock;
	char start[64], end[32];

	fputs("<table class=\"meta\">\n", out);
	simclock_init(&clock, r->epoch_unix_us);
	if (!simclock_format_local_colon(&clock, 0, start, sizeof(start)))
		snprintf(start, sizeof(start), "-");
	report_time(r->end, end, sizeof(end));
	{
		const char *rows[][2] = {
			{ _("Replay"), r->path },
			{ _("Scenario"), r->scenario },
			{ _("Network"), r->network },
			{ _("Exercise"), r->exercise[0] ? r->exercise : "-" },
			{ _("Start"), start },
			{ r->finished ? _("Ended") : _("Last record"), end },
		};
		for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
			fputs("<tr><th>", out);
			put(out, rows[i][0]);
			fputs("</th>", out);
			td(out, rows[i][1]);
			fputs("</tr>\n", out);
		}
	}
	fprintf(out, "<tr><th>");
	put(out, _("Seed"));
	fprintf(out, "</th><td>%llu</td></tr>\n<tr><th>", (unsigned long long)r->seed);
	put(out, _("Sensor records"));
	fprintf(out, "</th><td>%llu</td></tr>\n</table>\n", (unsigned long long)r->sensor_records);
	if (r->damage) {
		fputs("<p class=\"damage\"><strong>", out);
		put(out, _("Damaged replay:"));
		fputs("</strong> ", out);
		put(out, r->damage);
		fputs("</p>\n", out);
	}
}

static void th(FILE *out, const char *s)
{
	fputs("<th>", out);
	put(out, s);
	fputs("</th>", out);
}

static void html_side_by_side(const struct report *const *rs, int n, FILE *out)
{
	fputs("<h2>", out);
	put(out, _("Teams side by side"));
	fputs("</h2>\n<table>\n<tr><th></th>", out);
	REPORT_EACH_TEAM(rs, n, w, t)
		th(out, rs[w]->teams[t].name);
	fputs("</tr>\n<tr>", out);
	th(out, _("Score"));
	REPORT_EACH_TEAM(rs, n, w, t)
		fprintf(out, "<td class=\"n\"><strong>%d</strong></td>", rs[w]->teams[t].total);
	fputs("</tr>\n<tr>", out);
	th(out, _("Steps detected"));
	REPORT_EACH_TEAM(rs, n, w, t) {
		int taken = 0;

		for (int s = 0; s < rs[w]->nsteps; s++)
			taken += rs[w]->steps[s].ok;
		fprintf(out, "<td class=\"n\">%d / %d</td>", rs[w]->teams[t].detections, taken);
	}
	fputs("</tr>\n<tr>", out);
	th(out, _("Hosts contained"));
	REPORT_EACH_TEAM(rs, n, w, t)
		fprintf(out, "<td class=\"n\">%d</td>", rs[w]->teams[t].containments);
	fputs("</tr>\n<tr>", out);
	th(out, _("False positives"));
	REPORT_EACH_TEAM(rs, n, w, t)
		fprintf(out, "<td class=\"n\">%d</td>", rs[w]->teams[t].false_positives);
	fputs("</tr>\n<tr>", out);
	th(out, _("Actions"));
	REPORT_EACH_TEAM(rs, n, w, t)
		fprintf(out, "<td class=\"n\">%d</td>", rs[w]->teams[t].actions);
	fputs("</tr>\n", out);
	for (int c = 0; c < report_ncomponents; c++) {
		fputs("<tr><th>", out);
		put(out, _("points"));
		fprintf(out, ": <code>%s</code></th>", report_components[c]);
		REPORT_EACH_TEAM(rs, n, w, t)
			td_points(out, report_component_total(rs[w], t, report_components[c]));
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
}

/* A section's heading; with several replays, which one it is about. */
static void html_heading(const struct report *r, const char *title, bool several, FILE *out)
{
	fputs("<h2>", out);
	put(out, title);
	if (several) {
		fputs(" (", out);
		put(out, basename_of(r->path));
		fputs(")", out);
	}
	fputs("</h2>\n", out);
}

static void html_ttd(const struct report *r, bool several, FILE *out)
{
	html_heading(r, _("Time to detect and to contain, per attack step"), several, out);
	fputs("<table>\n<tr>", out);
	th(out, _("Began"));
	th(out, _("Step"));
	th(out, _("Target"));
	for (int t = 0; t < r->nteams; t++) {
		fputs("<th>", out);
		put(out, r->teams[t].name);
		fputs(": ", out);
		put(out, _("detect"));
		fputs("</th><th>", out);
		put(out, r->teams[t].name);
		fputs(": ", out);
		put(out, _("contain"));
		fputs("</th>", out);
	}
	fputs("</tr>\n", out);
	for (int s = 0; s < r->nsteps; s++) {
		const struct report_step *st = &r->steps[s];

		fputs("<tr>", out);
		td_time(out, st->first);
		td(out, st->what);
		td(out, st->target[0] ? st->target : "-");
		for (int t = 0; t < r->nteams; t++) {
			if (!st->ok) {
				fprintf(out, "<td class=\"miss\" colspan=\"2\">");
				put(out, _("failed"));
				fputs("</td>", out);
				continue;
			}
			td_span(out, st->first, r->teams[t].detected[s]);
			td_span(out, st->first, r->teams[t].contained[s]);
		}
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void html_world(const struct report *r, bool several, FILE *out)
{
	html_heading(r, _("Objectives"), several, out);
	fputs("<table>\n<tr>", out);
	th(out, _("Objective"));
	th(out, _("State"));
	th(out, _("Time"));
	th(out, _("Detail"));
	fputs("</tr>\n", out);
	for (int i = 0; i < r->nobjectives; i++) {
		const struct report_objective *o = &r->objectives[i];

		fputs("<tr>", out);
		td(out, o->id);
		fprintf(out, "<td class=\"%s\">", o->state == REPORT_OBJ_REACHED ? "neg" : "pos");
		put(out, report_objective_state(o->state));
		fputs("</td>", out);
		td_time(out, o->time);
		td(out, o->detail ? o->detail : "");
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
	html_heading(r, _("Attack steps"), several, out);
	fputs("<table>\n<tr>", out);
	th(out, _("Began"));
	th(out, _("Last"));
	th(out, _("Actor"));
	th(out, _("Step"));
	th(out, _("Target"));
	th(out, _("Technique"));
	th(out, _("Attempts"));
	th(out, _("Result"));
	fputs("</tr>\n", out);
	for (int s = 0; s < r->nsteps; s++) {
		const struct report_step *st = &r->steps[s];

		fputs("<tr>", out);
		td_time(out, st->first);
		td_time(out, st->last);
		td(out, st->actor);
		td(out, st->what);
		td(out, st->target[0] ? st->target : "-");
		td(out, technique(st));
		fprintf(out, "<td class=\"n\">%d</td>", st->attempts);
		fprintf(out, "<td class=\"%s\">", st->ok ? "neg" : "pos");
		put(out, st->ok ? _("took hold") : st->failed ? st->failed : _("failed"));
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
	html_heading(r, _("ATT&CK techniques used and detected"), several, out);
	fputs("<table>\n<tr>", out);
	th(out, _("Technique"));
	th(out, _("Step"));
	for (int t = 0; t < r->nteams; t++)
		th(out, r->teams[t].name);
	fputs("</tr>\n", out);
	for (int s = 0; s < r->nsteps; s++) {
		bool first = true;

		if (!report_technique_lead(r, s))
			continue;
		fputs("<tr>", out);
		td(out, technique(&r->steps[s]));
		fputs("<td>", out);
		for (int o = s; o < r->nsteps; o++) {
			if (!report_technique_has(r, s, o))
				continue;
			fputs(first ? "" : "<br/>", out);
			first = false;
			put(out, r->steps[o].what);
			fputs(" ", out);
			put(out, r->steps[o].target);
		}
		fputs("</td>", out);
		for (int t = 0; t < r->nteams; t++) {
			bool seen = report_technique_detected(r, t, s);

			fprintf(out, "<td class=\"%s\">", seen ? "pos" : "miss");
			put(out, seen ? _("detected") : _("not detected"));
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
}

/* ---- the timeline ---------------------------------------------------------- */

struct svg_scale {
	sim_time_t span;
	int lo, hi; /* score range */
	int score_top;
};

static double svg_x(const struct svg_scale *sc, sim_time_t t)
{
	if (t < 0)
		t = 0;
	if (t > sc->span)
		t = sc->span;
	return SVG_LEFT + (double)t * (SVG_W - SVG_LEFT - SVG_RIGHT) / (double)sc->span;
}

static double svg_y(const struct svg_scale *sc, int score)
{
	return sc->score_top + 10 + (double)(sc->hi - score) * (SVG_SCORE_H - 20) / (double)(sc->hi - sc->lo);
}

/* A tick every step, with at most about ten along the axis. */
static sim_time_t svg_tick(sim_time_t span)
{
	static const sim_time_t steps[] = {
		1 * SIM_MINUTE, 5 * SIM_MINUTE, 10 * SIM_MINUTE, 15 * SIM_MINUTE, 30 * SIM_MINUTE,
		1 * SIM_HOUR, 2 * SIM_HOUR, 3 * SIM_HOUR, 6 * SIM_HOUR, 12 * SIM_HOUR, 24 * SIM_HOUR,
	};

	for (size_t i = 0; i < sizeof(steps) / sizeof(*steps); i++)
		if (span / steps[i] <= 10)
			return steps[i];
	return span / 10 + 1;
}

static void svg_axis(const struct svg_scale *sc, FILE *out, int y0, int y1, bool labels)
{
	sim_time_t tick = svg_tick(sc->span);

	for (sim_time_t t = 0; t <= sc->span; t += tick) {
		char buf[32];
		long long s = (long long)(t / SIM_SECOND);

		fprintf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d8dee4\"/>\n", svg_x(sc, t), y0,
			svg_x(sc, t), y1);
		if (!labels)
			continue;
		snprintf(buf, sizeof(buf), "T+%02lld:%02lld", s / 3600, s / 60 % 60);
		fprintf(out, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#57606a\">%s</text>\n",
			svg_x(sc, t), y1 + 14, buf);
	}
}

static void svg_title(FILE *out, const char *what, sim_time_t t, const char *extra)
{
	char buf[32];

	report_time(t, buf, sizeof(buf));
	fputs("<title>", out);
	put(out, what);
	fprintf(out, " %s", buf);
	if (extra && *extra) {
		fputs(": ", out);
		put(out, extra);
	}
	fputs("</title>", out);
}

static void svg_team(const struct report *r, int t, FILE *out)
{
	const struct report_team *team = &r->teams[t];
	struct svg_scale sc = { .span = r->end > r->duration ? r->end : r->duration, .lo = 0, .hi = 0 };
	int lanes = r->nsteps + r->nobjectives, top = 24, axis_y, legend_y, h, total = 0, score;
	double px, py;

	if (sc.span < SIM_MINUTE)
		sc.span = SIM_MINUTE;
	for (int i = 0; i < r->nrows; i++)
		if (strcmp(r->rows[i].team, team->name) == 0) {
			total += r->rows[i].points;
			sc.lo = total < sc.lo ? total : sc.lo;
			sc.hi = total > sc.hi ? total : sc.hi;
		}
	if (sc.hi == sc.lo)
		sc.hi = sc.lo + 10;
	axis_y = top + lanes * SVG_LANE + 4;
	sc.score_top = axis_y + 28;
	legend_y = sc.score_top + SVG_SCORE_H + 40;
	h = legend_y + 24;

	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Arial, sans-serif\" role=\"img\" aria-label=\"",
		SVG_W, h, SVG_W, h);
	put(out, _("Timeline"));
	fputs(" ", out);
	put(out, team->name);
	fputs("\">\n", out);
	fprintf(out, "<text x=\"8\" y=\"16\" font-size=\"12\" font-weight=\"bold\">");
	put(out, _("Attack steps"));
	fputs("</text>\n", out);
	svg_axis(&sc, out, top, axis_y, true);
	for (int s = 0; s < r->nsteps; s++) {
		const struct report_step *st = &r->steps[s];
		int y = top + s * SVG_LANE;
		double x1 = svg_x(&sc, st->first), x2 = svg_x(&sc, st->last);

		if (x2 - x1 < 4)
			x2 = x1 + 4;
		fprintf(out, "<text x=\"8\" y=\"%d\" font-size=\"11\">", y + 15);
		put_short(out, st->what, 20);
		fputs(" <tspan fill=\"#57606a\">", out);
		put_short(out, st->target[0] ? st->target : "-", SVG_LABEL_CHARS - 1 - utf8_chars(st->what, 20));
		fputs("</tspan></text>\n", out);
		/* How long the attacker held what the step took: to the team's
		 * containment, else to the end. */
		if (st->ok) {
			double hold = svg_x(&sc, team->contained[s] >= 0 ? team->contained[s] : sc.span);

			fprintf(out, "<rect class=\"hold\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"8\" fill=\"#e5534b\" "
				"fill-opacity=\"0.22\"/>\n", x1, y + 7, hold > x1 ? hold - x1 : 0);
		}
		fprintf(out, "<rect class=\"step\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" rx=\"2\" fill=\"%s\">",
			x1, y + 4, x2 - x1, st->ok ? "#e5534b" : "#afb8c1");
		svg_title(out, st->what, st->first, st->target);
		fputs("</rect>\n", out);
		if (team->contained[s] >= 0) {
			px = svg_x(&sc, team->contained[s]);
			fprintf(out, "<polygon class=\"contain\" points=\"%.1f,%d %.1f,%d %.1f,%d %.1f,%d\" fill=\"#1a7f37\" "
				"stroke=\"#fff\" stroke-width=\"1\">", px, y + 9, px + 6, y + 15, px, y + 21, px - 6, y + 15);
			svg_title(out, _("contained"), team->contained[s], st->target);
			fputs("</polygon>\n", out);
		}
		if (team->detected[s] >= 0) {
			fprintf(out, "<circle class=\"detect\" cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"#0969da\" "
				"stroke=\"#fff\" stroke-width=\"1\">", svg_x(&sc, team->detected[s]), y + 6);
			svg_title(out, _("detected"), team->detected[s], st->what);
			fputs("</circle>\n", out);
		}
	}
	/* One lane per objective. */
	for (int i = 0; i < r->nobjectives; i++) {
		const struct report_objective *o = &r->objectives[i];
		const char *fill = o->state == REPORT_OBJ_REACHED ? "#cf222e" :
				   o->state == REPORT_OBJ_PREVENTED ? "#1a7f37" : "#8c959f";
		int y = top + (r->nsteps + i) * SVG_LANE;

		fprintf(out, "<text x=\"8\" y=\"%d\" font-size=\"11\" font-style=\"italic\">", y + 15);
		put_short(out, o->id, SVG_LABEL_CHARS);
		fputs("</text>\n", out);
		px = svg_x(&sc, o->time < 0 ? sc.span : o->time);
		if (o->state == REPORT_OBJ_REACHED)
			fprintf(out, "<rect class=\"objective\" x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\">",
				px - 6, y + 5, fill);
		else
			fprintf(out, "<circle class=\"objective\" cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"#fff\" "
				"stroke=\"%s\" stroke-width=\"3\">", px, y + 11, fill);
		svg_title(out, o->id, o->time, report_objective_state(o->state));
		fputs(o->state == REPORT_OBJ_REACHED ? "</rect>\n" : "</circle>\n", out);
		fprintf(out, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"%s\"%s>", px + (px > SVG_W - 160 ? -10 : 10),
			y + 15, fill, px > SVG_W - 160 ? " text-anchor=\"end\"" : "");
		put(out, report_objective_state(o->state));
		fputs("</text>\n", out);
	}
	fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#57606a\"/>\n", SVG_LEFT, axis_y,
		SVG_W - SVG_RIGHT, axis_y);

	/* The score over time. */
	fprintf(out, "<text x=\"8\" y=\"%d\" font-size=\"12\" font-weight=\"bold\">", sc.score_top + 14);
	put(out, _("Score over time"));
	fputs("</text>\n", out);
	svg_axis(&sc, out, sc.score_top, sc.score_top + SVG_SCORE_H, true);
	fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#57606a\"/>\n", SVG_LEFT,
		sc.score_top, SVG_W - SVG_LEFT - SVG_RIGHT, SVG_SCORE_H);
	fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#8c959f\" stroke-dasharray=\"4 3\"/>\n",
		SVG_LEFT, svg_y(&sc, 0), SVG_W - SVG_RIGHT, svg_y(&sc, 0));
	fprintf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%d</text>\n", SVG_LEFT - 6,
		svg_y(&sc, sc.hi) + 4, sc.hi);
	fprintf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%d</text>\n", SVG_LEFT - 6,
		svg_y(&sc, sc.lo) + 4, sc.lo);
	if (sc.lo < 0 && sc.hi > 0)
		fprintf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">0</text>\n", SVG_LEFT - 6,
			svg_y(&sc, 0) + 4);
	score = 0;
	py = svg_y(&sc, 0);
	fprintf(out, "<polyline class=\"score\" fill=\"none\" stroke=\"#8250df\" stroke-width=\"2.5\" points=\"%.1f,%.1f",
		svg_x(&sc, 0), py);
	for (int i = 0; i < r->nrows; i++) {
		if (strcmp(r->rows[i].team, team->name) != 0)
			continue;
		score += r->rows[i].points;
		px = svg_x(&sc, r->rows[i].time);
		fprintf(out, " %.1f,%.1f %.1f,%.1f", px, py, px, svg_y(&sc, score));
		py = svg_y(&sc, score);
	}
	fprintf(out, " %.1f,%.1f\"/>\n", svg_x(&sc, sc.span), py);
	fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#57606a\">",
		SVG_LEFT + (SVG_W - SVG_LEFT - SVG_RIGHT) / 2, sc.score_top + SVG_SCORE_H + 30);
	put(out, _("simulated time since the start (T+hh:mm)"));
	fputs("</text>\n", out);

	/* The legend. */
	fprintf(out, "<g font-size=\"11\" transform=\"translate(8 %d)\">\n", legend_y);
	fputs("<rect x=\"0\" y=\"0\" width=\"18\" height=\"10\" fill=\"#e5534b\"/><text x=\"24\" y=\"9\">", out);
	put(out, _("step took hold"));
	fputs("</text>\n<rect x=\"150\" y=\"0\" width=\"18\" height=\"10\" fill=\"#afb8c1\"/><text x=\"174\" y=\"9\">", out);
	put(out, _("step failed"));
	fputs("</text>\n<circle cx=\"290\" cy=\"5\" r=\"6\" fill=\"#0969da\"/><text x=\"300\" y=\"9\">", out);
	put(out, _("detected"));
	fputs("</text>\n<polygon points=\"410,-2 417,5 410,12 403,5\" fill=\"#1a7f37\"/><text x=\"422\" y=\"9\">", out);
	put(out, _("contained"));
	fputs("</text>\n<rect x=\"524\" y=\"-1\" width=\"12\" height=\"12\" fill=\"#cf222e\"/><text x=\"542\" y=\"9\">", out);
	put(out, _("objective reached"));
	fputs("</text>\n<circle cx=\"682\" cy=\"5\" r=\"5\" fill=\"#fff\" stroke=\"#1a7f37\" stroke-width=\"3\"/>"
	      "<text x=\"692\" y=\"9\">", out);
	put(out, _("objective prevented"));
	fputs("</text>\n<line x1=\"834\" y1=\"5\" x2=\"856\" y2=\"5\" stroke=\"#8250df\" stroke-width=\"2.5\"/>"
	      "<text x=\"862\" y=\"9\">", out);
	put(out, _("score"));
	fputs("</text>\n</g>\n</svg>\n", out);
}

static void html_team(const struct report *r, int t, int number, FILE *out)
{
	const struct report_team *team = &r->teams[t];
	int total = 0;

	fprintf(out, "<section class=\"team\" id=\"team-%d\">\n<h2>", number);
	put(out, _("Team"));
	fputs(" ", out);
	put(out, team->name);
	fprintf(out, ": %d ", team->total);
	put(out, _("points"));
	fputs("</h2>\n<h3>", out);
	put(out, _("Score, row by row"));
	fputs("</h3>\n<table>\n<tr>", out);
	th(out, _("Time"));
	th(out, _("Points"));
	th(out, _("Total"));
	th(out, _("Component"));
	th(out, _("Reason"));
	th(out, _("Expectation"));
	fputs("</tr>\n", out);
	for (int i = 0; i < r->nrows; i++) {
		const struct report_row *row = &r->rows[i];

		if (strcmp(row->team, team->name) != 0)
			continue;
		total += row->points;
		fputs("<tr>", out);
		td_time(out, row->time);
		td_points(out, row->points);
		fprintf(out, "<td class=\"n\">%d</td>", total);
		td(out, row->component);
		td(out, row->reason);
		td(out, row->expectation[0] ? row->expectation : "-");
		fputs("</tr>\n", out);
	}
	fputs("</table>\n<h3>", out);
	put(out, _("Actions"));
	fputs("</h3>\n<table>\n<tr>", out);
	th(out, _("Time"));
	th(out, _("Command"));
	th(out, _("Result"));
	fputs("</tr>\n", out);
	for (int i = 0; i < r->nactions; i++) {
		const struct report_action *a = &r->actions[i];

		if (strcmp(a->team, team->name) != 0)
			continue;
		fputs("<tr>", out);
		td_time(out, a->time);
		td(out, a->command);
		fprintf(out, "<td class=\"%s\">", a->refused ? "neg" : "");
		put(out, a->refused ? (a->detail ? a->detail : _("refused")) : _("taken"));
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n</section>\n", out);
}

static void html_timelines(const struct report *const *rs, int n, FILE *out)
{
	int i = 0;

	fputs("<h2>", out);
	put(out, _("Timelines"));
	fputs("</h2>\n", out);
	REPORT_EACH_TEAM(rs, n, w, t) {
		fprintf(out, "<h3 id=\"timeline-%d\">", ++i);
		put(out, _("Team"));
		fputs(" ", out);
		put(out, rs[w]->teams[t].name);
		fputs("</h3>\n", out);
		svg_team(rs[w], t, out);
	}
}

int report_html(const struct report *const *rs, int n, FILE *out, bool vi)
{
	int i = 0;

	html_head(rs[0], out, vi);
	for (int w = 0; w < n; w++)
		html_meta(rs[w], out);
	html_side_by_side(rs, n, out);
	html_timelines(rs, n, out);
	for (int w = 0; w < n; w++) {
		html_ttd(rs[w], n > 1, out);
		html_world(rs[w], n > 1, out);
	}
	REPORT_EACH_TEAM(rs, n, w, t)
		html_team(rs[w], t, ++i, out);
	fputs("</body>\n</html>\n", out);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
