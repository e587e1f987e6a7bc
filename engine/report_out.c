/*
 * report_out.c - the after-action report as Markdown and as JSON.
 *
 * Markdown is for reading and pasting: labels in the chosen language,
 * every cell escaped.  JSON is for tools: its keys and enumerations stay
 * English whatever the language, times are simulated seconds since the
 * start (docs/report.md gives the shape).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "ui_i18n.h"

static void md_cell(FILE *out, const char *s)
{
	fputs(" ", out);
	report_put_html(out, s, true);
	fputs(" |", out);
}

static void md_time_cell(FILE *out, sim_time_t t)
{
	char buf[32];

	report_time(t, buf, sizeof(buf));
	md_cell(out, buf);
}

static void md_span_cell(FILE *out, sim_time_t from, sim_time_t to)
{
	char buf[32];

	report_span(to < 0 ? -1 : to - from, buf, sizeof(buf));
	md_cell(out, buf);
}

static void md_rule(FILE *out, int columns)
{
	fputs("|", out);
	for (int i = 0; i < columns; i++)
		fputs("---|", out);
	fputs("\n", out);
}

static const char *report_technique(const struct report_step *s)
{
	return s->technique ? s->technique : _("technique not recorded in this replay");
}

static int report_steps_taken(const struct report *r)
{
	int n = 0;

	for (int i = 0; i < r->nsteps; i++)
		n += r->steps[i].ok;
	return n;
}

static const char *report_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* A section's heading; with several replays, which one it is about. */
static void md_heading(const struct report *r, const char *title, bool several, FILE *out)
{
	fprintf(out, "## %s", title);
	if (several) {
		fputs(" (", out);
		report_put_html(out, report_basename(r->path), true);
		fputs(")", out);
	}
	fputs("\n\n", out);
}

static void md_header(const struct report *r, FILE *out)
{
	char buf[64];
	struct simclock clock;

	fputs("|  |  |\n", out);
	md_rule(out, 2);
	fprintf(out, "| %s |", _("Replay"));
	md_cell(out, r->path);
	fprintf(out, "\n| %s |", _("Scenario"));
	md_cell(out, r->scenario);
	fprintf(out, "\n| %s |", _("Network"));
	md_cell(out, r->network);
	fprintf(out, "\n| %s |", _("Exercise"));
	md_cell(out, r->exercise[0] ? r->exercise : "-");
	fprintf(out, "\n| %s | %" PRIu64 " |\n", _("Seed"), r->seed);
	simclock_init(&clock, r->epoch_unix_us);
	if (!simclock_format_local_colon(&clock, 0, buf, sizeof(buf)))
		snprintf(buf, sizeof(buf), "-");
	fprintf(out, "| %s |", _("Start"));
	md_cell(out, buf);
	fprintf(out, "\n| %s |", r->finished ? _("Ended") : _("Last record"));
	md_time_cell(out, r->end);
	fprintf(out, "\n| %s | %" PRIu64 " |\n\n", _("Sensor records"), r->sensor_records);
	if (r->damage) {
		fprintf(out, "> **%s** ", _("Damaged replay:"));
		report_put_html(out, r->damage, true);
		fputs("\n\n", out);
	}
}

static void md_side_by_side(const struct report *const *rs, int n, FILE *out)
{
	fprintf(out, "## %s\n\n| |", _("Teams side by side"));
	REPORT_EACH_TEAM(rs, n, w, t)
		md_cell(out, rs[w]->teams[t].name);
	fputs("\n|---|", out);
	REPORT_EACH_TEAM(rs, n, w, t)
		fputs("---:|", out);
	fprintf(out, "\n| %s |", _("Score"));
	REPORT_EACH_TEAM(rs, n, w, t)
		fprintf(out, " %d |", rs[w]->teams[t].total);
	fprintf(out, "\n| %s |", _("Steps detected"));
	REPORT_EACH_TEAM(rs, n, w, t)
		fprintf(out, " %d / %d |", rs[w]->teams[t].detections, report_steps_taken(rs[w]));
	fprintf(out, "\n| %s |", _("Hosts contained"));
	REPORT_EACH_TEAM(rs, n, w, t)
		fprintf(out, " %d |", rs[w]->teams[t].containments);
	fprintf(out, "\n| %s |", _("False positives"));
	REPORT_EACH_TEAM(rs, n, w, t)
		fprintf(out, " %d |", rs[w]->teams[t].false_positives);
	fprintf(out, "\n| %s |", _("Actions"));
	REPORT_EACH_TEAM(rs, n, w, t)
		fprintf(out, " %d |", rs[w]->teams[t].actions);
	for (int c = 0; c < report_ncomponents; c++) {
		fprintf(out, "\n| %s: `%s` |", _("points"), report_components[c]);
		REPORT_EACH_TEAM(rs, n, w, t)
			fprintf(out, " %+d |", report_component_total(rs[w], t, report_components[c]));
	}
	fputs("\n\n", out);
}

static void md_ttd(const struct report *r, bool several, FILE *out)
{
	md_heading(r, _("Time to detect and to contain, per attack step"), several, out);
	fprintf(out, "| %s | %s | %s |", _("Began"), _("Step"), _("Target"));
	for (int t = 0; t < r->nteams; t++) {
		fputs(" ", out);
		report_put_html(out, r->teams[t].name, true);
		fprintf(out, ": %s | ", _("detect"));
		report_put_html(out, r->teams[t].name, true);
		fprintf(out, ": %s |", _("contain"));
	}
	fputs("\n", out);
	md_rule(out, 3 + 2 * r->nteams);
	for (int s = 0; s < r->nsteps; s++) {
		const struct report_step *st = &r->steps[s];

		fputs("|", out);
		md_time_cell(out, st->first);
		md_cell(out, st->what);
		md_cell(out, st->target[0] ? st->target : "-");
		for (int t = 0; t < r->nteams; t++) {
			if (!st->ok) {
				fprintf(out, " %s | %s |", _("failed"), _("failed"));
				continue;
			}
			md_span_cell(out, st->first, r->teams[t].detected[s]);
			md_span_cell(out, st->first, r->teams[t].contained[s]);
		}
		fputs("\n", out);
	}
	fputs("\n", out);
}

static void md_objectives(const struct report *r, bool several, FILE *out)
{
	md_heading(r, _("Objectives"), several, out);
	fprintf(out, "| %s | %s | %s | %s |\n", _("Objective"), _("State"), _("Time"), _("Detail"));
	md_rule(out, 4);
	for (int i = 0; i < r->nobjectives; i++) {
		const struct report_objective *o = &r->objectives[i];

		fputs("|", out);
		md_cell(out, o->id);
		md_cell(out, report_objective_state(o->state));
		md_time_cell(out, o->time);
		md_cell(out, o->detail ? o->detail : "");
		fputs("\n", out);
	}
	fputs("\n", out);
}

static void md_steps(const struct report *r, bool several, FILE *out)
{
	md_heading(r, _("Attack steps"), several, out);
	fprintf(out, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", _("Began"), _("Last"), _("Actor"), _("Step"),
		_("Target"), _("Technique"), _("Attempts"), _("Result"));
	md_rule(out, 8);
	for (int s = 0; s < r->nsteps; s++) {
		const struct report_step *st = &r->steps[s];

		fputs("|", out);
		md_time_cell(out, st->first);
		md_time_cell(out, st->last);
		md_cell(out, st->actor);
		md_cell(out, st->what);
		md_cell(out, st->target[0] ? st->target : "-");
		md_cell(out, report_technique(st));
		fprintf(out, " %d |", st->attempts);
		md_cell(out, st->ok ? _("took hold") : st->failed ? st->failed : _("failed"));
		fputs("\n", out);
	}
	fputs("\n", out);
}

static void md_techniques(const struct report *r, bool several, FILE *out)
{
	md_heading(r, _("ATT&CK techniques used and detected"), several, out);
	fprintf(out, "| %s | %s |", _("Technique"), _("Step"));
	for (int t = 0; t < r->nteams; t++)
		md_cell(out, r->teams[t].name);
	fputs("\n", out);
	md_rule(out, 2 + r->nteams);
	for (int s = 0; s < r->nsteps; s++) {
		bool first = true;

		if (!report_technique_lead(r, s))
			continue;
		fputs("|", out);
		md_cell(out, report_technique(&r->steps[s]));
		for (int o = s; o < r->nsteps; o++) {
			if (!report_technique_has(r, s, o))
				continue;
			fputs(first ? " " : ", ", out);
			first = false;
			report_put_html(out, r->steps[o].what, true);
			fputs(" ", out);
			report_put_html(out, r->steps[o].target, true);
		}
		fputs(" |", out);
		for (int t = 0; t < r->nteams; t++)
			md_cell(out, report_technique_detected(r, t, s) ? _("detected") : _("not detected"));
		fputs("\n", out);
	}
	fputs("\n", out);
}

static void md_team(const struct report *r, int t, FILE *out)
{
	const struct report_team *team = &r->teams[t];
	int total = 0;

	fprintf(out, "## %s ", _("Team"));
	report_put_html(out, team->name, true);
	fprintf(out, ": %d %s\n\n### %s\n\n| %s | %s | %s | %s | %s | %s |\n", team->total, _("points"),
		_("Score, row by row"), _("Time"), _("Points"), _("Total"), _("Component"), _("Reason"),
		_("Expectation"));
	md_rule(out, 6);
	for (int i = 0; i < r->nrows; i++) {
		const struct report_row *row = &r->rows[i];

		if (strcmp(row->team, team->name) != 0)
			continue;
		total += row->points;
		fputs("|", out);
		md_time_cell(out, row->time);
		fprintf(out, " %+d | %d |", row->points, total);
		md_cell(out, row->component);
		md_cell(out, row->reason);
		md_cell(out, row->expectation[0] ? row->expectation : "-");
		fputs("\n", out);
	}
	fprintf(out, "\n### %s\n\n| %s | %s | %s |\n", _("Actions"), _("Time"), _("Command"), _("Result"));
	md_rule(out, 3);
	for (int i = 0; i < r->nactions; i++) {
		const struct report_action *a = &r->actions[i];

		if (strcmp(a->team, team->name) != 0)
			continue;
		fputs("|", out);
		md_time_cell(out, a->time);
		md_cell(out, a->command);
		md_cell(out, a->refused ? (a->detail ? a->detail : _("refused")) : _("taken"));
		fputs("\n", out);
	}
	fputs("\n", out);
}

int report_md(const struct report *const *rs, int n, FILE *out)
{
	fprintf(out, "# %s: ", _("After-action report"));
	report_put_html(out, report_basename(rs[0]->scenario), true);
	fputs("\n\n", out);
	for (int w = 0; w < n; w++)
		md_header(rs[w], out);
	md_side_by_side(rs, n, out);
	for (int w = 0; w < n; w++) {
		md_ttd(rs[w], n > 1, out);
		md_objectives(rs[w], n > 1, out);
		md_steps(rs[w], n > 1, out);
		md_techniques(rs[w], n > 1, out);
	}
	REPORT_EACH_TEAM(rs, n, w, t)
		md_team(rs[w], t, out);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

/* ---- JSON ------------------------------------------------------------------ */

/* Simulated seconds, exact: "3566" or "3566.25"; null for t < 0. */
static void json_time(FILE *out, sim_time_t t)
{
	if (t < 0) {
		fputs("null", out);
		return;
	}
	fprintf(out, "%lld", (long long)(t / SIM_SECOND));
	if (t % SIM_SECOND) {
		char frac[8];
		size_t n;

		snprintf(frac, sizeof(frac), "%06lld", (long long)(t % SIM_SECOND));
		for (n = strlen(frac); n > 0 && frac[n - 1] == '0'; n--)
			frac[n - 1] = '\0';
		fprintf(out, ".%s", frac);
	}
}

static void json_key(FILE *out, const char *key, const char *value)
{
	fprintf(out, "\"%s\": ", key);
	if (value)
		report_put_json(out, value);
	else
		fputs("null", out);
}

static const char *json_objective_state(enum report_objective_state st)
{
	return st == REPORT_OBJ_REACHED ? "reached" : st == REPORT_OBJ_PREVENTED ? "prevented" : "not-reached";
}

static void json_team(const struct report *r, int t, FILE *out)
{
	const struct report_team *team = &r->teams[t];
	int total = 0, last = 0;
	bool first = true;

	fputs("    {", out);
	json_key(out, "name", team->name);
	fprintf(out, ", \"total\": %d, \"detections\": %d, \"containments\": %d, \"false_positives\": %d, "
		"\"actions\": %d,\n      \"components\": {", team->total, team->detections, team->containments,
		team->false_positives, team->actions);
	for (int c = 0; c < report_ncomponents; c++)
		fprintf(out, "%s\"%s\": %d", c ? ", " : "", report_components[c],
			report_component_total(r, t, report_components[c]));
	fputs("},\n      \"steps\": [", out);
	for (int s = 0; s < r->nsteps; s++) {
		const struct report_step *st = &r->steps[s];

		fprintf(out, "%s\n        {\"step\": %d, \"detected\": ", s ? "," : "", s);
		json_time(out, team->detected[s]);
		fputs(", \"time_to_detect\": ", out);
		json_time(out, team->detected[s] < 0 ? -1 : team->detected[s] - st->first);
		fputs(", \"contained\": ", out);
		json_time(out, team->contained[s]);
		fputs(", \"time_to_contain\": ", out);
		json_time(out, team->contained[s] < 0 ? -1 : team->contained[s] - st->first);
		fputs("}", out);
	}
	fputs("],\n      \"rows\": [", out);
	for (int i = 0; i < r->nrows; i++) {
		const struct report_row *row = &r->rows[i];

		if (strcmp(row->team, team->name) != 0)
			continue;
		total += row->points;
		fprintf(out, "%s\n        {\"time\": ", first ? "" : ",");
		first = false;
		json_time(out, row->time);
		fprintf(out, ", \"points\": %d, \"total\": %d, ", row->points, total);
		json_key(out, "component", row->component);
		fputs(", ", out);
		json_key(out, "reason", row->reason);
		fputs(", ", out);
		json_key(out, "expectation", row->expectation[0] ? row->expectation : NULL);
		fprintf(out, ", \"status\": \"%s\"}", row->status == REPLAY_EXPECT_MET ? "met" :
			row->status == REPLAY_EXPECT_MISSED ? "missed" : "none");
	}
	/* The score over time: its value from each time on. */
	fputs("],\n      \"score_over_time\": [{\"time\": 0, \"score\": 0}", out);
	total = 0;
	for (int i = 0; i < r->nrows; i++) {
		const struct report_row *row = &r->rows[i];
		int next;

		if (strcmp(row->team, team->name) != 0)
			continue;
		next = i + 1;
		total += row->points;
		while (next < r->nrows && strcmp(r->rows[next].team, team->name) != 0)
			next++;
		if ((next < r->nrows && r->rows[next].time == row->time) || total == last)
			continue;
		fputs(", {\"time\": ", out);
		json_time(out, row->time);
		fprintf(out, ", \"score\": %d}", total);
		last = total;
	}
	fputs("],\n      \"actions\": [", out);
	first = true;
	for (int i = 0; i < r->nactions; i++) {
		const struct report_action *a = &r->actions[i];

		if (strcmp(a->team, team->name) != 0)
			continue;
		fprintf(out, "%s\n        {\"time\": ", first ? "" : ",");
		first = false;
		json_time(out, a->time);
		fputs(", ", out);
		json_key(out, "command", a->command);
		fprintf(out, ", \"refused\": %s, ", a->refused ? "true" : "false");
		json_key(out, "why", a->refused ? (a->detail ? a->detail : "") : NULL);
		fputs("}", out);
	}
	fputs("]}", out);
}

/* One replay's object, without its closing brace. */
static void json_replay(const struct report *r, FILE *out)
{
	bool first;

	json_key(out, "replay", r->path);
	fputs(", ", out);
	json_key(out, "irdrill", r->version);
	fputs(",\n  ", out);
	json_key(out, "exercise", r->exercise[0] ? r->exercise : NULL);
	fputs(", ", out);
	json_key(out, "scenario", r->scenario);
	fputs(", ", out);
	json_key(out, "network", r->network);
	fprintf(out, ",\n  \"seed\": %" PRIu64 ", \"start_unix_us\": %" PRId64 ", ", r->seed, r->epoch_unix_us);
	json_key(out, "mode", r->mode);
	fputs(", \"duration\": ", out);
	json_time(out, r->duration);
	fputs(", \"end\": ", out);
	json_time(out, r->end);
	fprintf(out, ", \"finished\": %s,\n  ", r->finished ? "true" : "false");
	json_key(out, "damage", r->damage);
	fprintf(out, ", \"records\": %" PRIu64 ", \"sensor_records\": %" PRIu64 ",\n  \"steps\": [", r->records,
		r->sensor_records);
	for (int s = 0; s < r->nsteps; s++) {
		const struct report_step *st = &r->steps[s];

		fprintf(out, "%s\n    {\"index\": %d, ", s ? "," : "", s);
		json_key(out, "actor", st->actor);
		fputs(", ", out);
		json_key(out, "step", st->what);
		fputs(", ", out);
		json_key(out, "target", st->target[0] ? st->target : NULL);
		fputs(", ", out);
		json_key(out, "technique", st->technique);
		fputs(", \"first\": ", out);
		json_time(out, st->first);
		fputs(", \"last\": ", out);
		json_time(out, st->last);
		fprintf(out, ", \"attempts\": %d, \"took_hold\": %s, ", st->attempts, st->ok ? "true" : "false");
		json_key(out, "failed", st->failed);
		fputs("}", out);
	}
	fputs("],\n  \"objectives\": [", out);
	for (int i = 0; i < r->nobjectives; i++) {
		const struct report_objective *o = &r->objectives[i];

		fprintf(out, "%s\n    {", i ? "," : "");
		json_key(out, "id", o->id);
		fprintf(out, ", \"state\": \"%s\", \"time\": ", json_objective_state(o->state));
		json_time(out, o->time);
		fputs(", ", out);
		json_key(out, "detail", o->detail);
		fputs("}", out);
	}
	/* Only the techniques recorded; a step without one is in "steps". */
	fputs("],\n  \"techniques\": [", out);
	first = true;
	for (int s = 0; s < r->nsteps; s++) {
		bool one = true;

		if (!report_technique_lead(r, s) || r->steps[s].technique == NULL)
			continue;
		fprintf(out, "%s\n    {", first ? "" : ",");
		first = false;
		json_key(out, "id", r->steps[s].technique);
		fputs(", \"steps\": [", out);
		for (int o = s; o < r->nsteps; o++)
			if (report_technique_has(r, s, o)) {
				fprintf(out, "%s%d", one ? "" : ", ", o);
				one = false;
			}
		fputs("], \"detected_by\": [", out);
		one = true;
		for (int t = 0; t < r->nteams; t++)
			if (report_technique_detected(r, t, s)) {
				fputs(one ? "" : ", ", out);
				one = false;
				report_put_json(out, r->teams[t].name);
			}
		fputs("]}", out);
	}
	fputs("],\n  \"teams\": [\n", out);
	for (int t = 0; t < r->nteams; t++) {
		json_team(r, t, out);
		fputs(t + 1 < r->nteams ? ",\n" : "\n", out);
	}
	fputs("  ]", out);
}

int report_json(const struct report *const *rs, int n, FILE *out)
{
	fputs("{\n  \"report\": \"irdrill after-action\", \"version\": 1,\n  ", out);
	if (n == 1)
		json_replay(rs[0], out);
	else {
		fputs("\"replays\": [", out);
		for (int w = 0; w < n; w++) {
			fputs(w ? ", {\n  " : "{\n  ", out);
			json_replay(rs[w], out);
			fputs("}", out);
		}
		fputs("]", out);
	}
	fputs("\n}\n", out);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
