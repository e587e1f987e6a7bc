/*
 * report.c - the after-action report's figures, computed from a replay.
 *
 * The score rows are the engine's judgement and the report takes them as
 * they are: a `detect` row names the step and target whose alert a team
 * acknowledged ("detected beacon on tdm-pc-02 -> … (A-0001) …"), a
 * `contain` row the host a team took back ("isolated tdm-pc-02 …").  A
 * containment contains every step on that host that had begun by then.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "ui_i18n.h"
#include "xmalloc.h"

static char *report_dup(const char *s)
{
	return xstrdup(s ? s : "");
}

void report_time(sim_time_t t, char *buf, size_t size)
{
	if (t < 0) {
		snprintf(buf, size, "-");
		return;
	}
	t /= SIM_SECOND;
	snprintf(buf, size, "T+%02lld:%02lld:%02lld", (long long)(t / 3600), (long long)(t / 60 % 60),
		 (long long)(t % 60));
}

void report_span(sim_time_t d, char *buf, size_t size)
{
	long long s;

	if (d < 0) {
		snprintf(buf, size, "-");
		return;
	}
	s = (long long)(d / SIM_SECOND);
	if (s >= 3600)
		snprintf(buf, size, "%lld h %02lld min", s / 3600, s / 60 % 60);
	else if (s >= 60)
		snprintf(buf, size, "%lld min %02lld s", s / 60, s % 60);
	else
		snprintf(buf, size, "%lld s", s);
}

const char *const report_components[] = {
	"detect", "contain", "objective", "false-positive", "downtime", "report", "hint", "expectation",
};
const int report_ncomponents = (int)(sizeof(report_components) / sizeof(*report_components));

int report_component_total(const struct report *r, int team, const char *component)
{
	int total = 0;

	for (int i = 0; i < r->nrows; i++)
		if (strcmp(r->rows[i].team, r->teams[team].name) == 0 && strcmp(r->rows[i].component, component) == 0)
			total += r->rows[i].points;
	return total;
}

const char *report_objective_state(enum report_objective_state st)
{
	switch (st) {
	case REPORT_OBJ_REACHED:
		return _("reached");
	case REPORT_OBJ_PREVENTED:
		return _("prevented");
	case REPORT_OBJ_OPEN:
		break;
	}
	return _("not reached");
}

/* The length of the UTF-8 character at p, 0 if the bytes are not one. */
static size_t report_utf8(const unsigned char *p)
{
	size_t n;
	uint32_t c;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, c = p[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return n;
}

void report_put_html(FILE *out, const char *s, bool md)
{
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = report_utf8(p);

		if (n == 0) {
			fputs("\xef\xbf\xbd", out);
			p++;
			continue;
		}
		switch (*p) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs(md ? ">" : "&gt;", out);
			break;
		case '"':
			fputs(md ? "\"" : "&quot;", out);
			break;
		case '\'':
			fputs(md ? "'" : "&#39;", out);
			break;
		case '|':
			fputs(md ? "\\|" : "|", out);
			break;
		case '\\':
		case '*':
		case '_':
		case '`':
		case '[':
		case ']':
			if (md)
				fputc('\\', out);
			fputc(*p, out);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fputc(' ', out);
			else
				fwrite(p, 1, n, out);
		}
		p += n;
	}
}

void report_put_json(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = report_utf8(p);

		if (n == 0) {
			fputs("\\ufffd", out);
			p++;
			continue;
		}
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\u%04x", *p);
		else
			fwrite(p, 1, n, out);
		p += n;
	}
	fputc('"', out);
}

int report_team_find(const struct report *r, const char *name)
{
	for (int i = 0; i < r->nteams; i++)
		if (strcmp(r->teams[i].name, name) == 0)
			return i;
	return -1;
}

static int report_team_add(struct report *r, const char *name)
{
	int i = report_team_find(r, name);

	if (i >= 0)
		return i;
	r->teams = xrealloc(r->teams, (size_t)(r->nteams + 1) * sizeof(*r->teams));
	memset(&r->teams[r->nteams], 0, sizeof(*r->teams));
	r->teams[r->nteams].name = xstrdup(name);
	return r->nteams++;
}

struct report *report_new(const char *path, const struct replay_header *h)
{
	struct report *r = xcalloc(1, sizeof(*r));

	r->path = report_dup(path);
	r->version = report_dup(h->version);
	r->exercise = report_dup(h->exercise);
	r->scenario = report_dup(h->scenario_path);
	r->network = report_dup(h->network_path);
	r->mode = report_dup(h->mode);
	r->seed = h->seed;
	r->epoch_unix_us = h->epoch_unix_us;
	r->duration = h->duration;
	for (int i = 0; i < h->nteams; i++)
		report_team_add(r, h->teams[i]);
	return r;
}

static void report_step(struct report *r, const struct replay_entry *e)
{
	const char *target = e->target ? e->target : "";
	struct report_step *s = NULL;

	for (int i = 0; i < r->nsteps && s == NULL; i++)
		if (strcmp(r->steps[i].what, e->what ? e->what : "") == 0 && strcmp(r->steps[i].target, target) == 0)
			s = &r->steps[i];
	if (s == NULL) {
		r->steps = xrealloc(r->steps, (size_t)(r->nsteps + 1) * sizeof(*r->steps));
		s = &r->steps[r->nsteps++];
		memset(s, 0, sizeof(*s));
		s->actor = report_dup(e->actor);
		s->what = report_dup(e->what);
		s->target = xstrdup(target);
		s->first = e->time;
	}
	if (e->ok && !s->ok) {
		s->ok = true;
		s->first = e->time;
	}
	if (s->technique == NULL && e->technique && e->technique[0])
		s->technique = xstrdup(e->technique);
	if (!e->ok) {
		free(s->failed);
		s->failed = report_dup(e->detail);
	}
	s->last = e->time;
	s->attempts++;
}

static struct report_objective *report_objective(struct report *r, const char *id)
{
	struct report_objective *o;

	for (int i = 0; i < r->nobjectives; i++)
		if (strcmp(r->objectives[i].id, id) == 0)
			return &r->objectives[i];
	r->objectives = xrealloc(r->objectives, (size_t)(r->nobjectives + 1) * sizeof(*r->objectives));
	o = &r->objectives[r->nobjectives++];
	memset(o, 0, sizeof(*o));
	o->id = xstrdup(id);
	o->state = REPORT_OBJ_OPEN;
	o->time = -1;
	return o;
}

static void report_entry(struct report *r, const struct replay_entry *e)
{
	struct report_objective *o;
	struct report_action *a;

	switch (e->kind) {
	case DRILL_STEP:
		report_step(r, e);
		break;
	case DRILL_ACTION:
		r->actions = xrealloc(r->actions, (size_t)(r->nactions + 1) * sizeof(*r->actions));
		a = &r->actions[r->nactions++];
		a->time = e->time;
		a->team = report_dup(e->actor);
		a->command = report_dup(e->what);
		a->target = report_dup(e->target);
		a->refused = !e->ok;
		a->detail = e->detail ? xstrdup(e->detail) : NULL;
		report_team_add(r, a->team);
		break;
	case DRILL_OBJECTIVE:
		o = report_objective(r, e->what ? e->what : "");
		if (o->state == REPORT_OBJ_OPEN) {
			o->state = e->ok ? REPORT_OBJ_REACHED : REPORT_OBJ_PREVENTED;
			o->time = e->time;
			free(o->detail);
			o->detail = report_dup(e->detail);
		}
		break;
	case DRILL_MESSAGE:
	case DRILL_ERROR:
		break;
	}
}

void report_add(struct report *r, const struct replay_record *rec)
{
	struct report_row *row;

	r->records++;
	if (!r->finished && rec->clock > r->end)
		r->end = rec->clock;
	switch (rec->type) {
	case REPLAY_REC_EVENT:
		r->sensor_records++;
		break;
	case REPLAY_REC_ENTRY:
		report_entry(r, &rec->entry);
		break;
	case REPLAY_SCORE:
		r->rows = xrealloc(r->rows, (size_t)(r->nrows + 1) * sizeof(*r->rows));
		row = &r->rows[r->nrows++];
		row->time = rec->score.time;
		row->team = report_dup(rec->score.team);
		row->component = report_dup(rec->score.component);
		row->reason = report_dup(rec->score.reason);
		row->expectation = report_dup(rec->score.expectation);
		row->points = rec->score.points;
		row->status = rec->score.status;
		report_team_add(r, row->team);
		break;
	case REPLAY_REC_END:
		r->end = rec->clock;
		r->finished = true;
		break;
	case REPLAY_KEYFRAME: /* state the records before it built: nothing new */
		r->records--;
		break;
	}
}

/* The step a detect row names: "detected WHAT on TARGET (A-…". */
static int report_detect_step(const struct report *r, const char *reason)
{
	static const char lead[] = "detected ";

	if (strncmp(reason, lead, sizeof(lead) - 1) != 0)
		return -1;
	reason += sizeof(lead) - 1;
	for (int i = 0; i < r->nsteps; i++) {
		const struct report_step *s = &r->steps[i];
		size_t w = strlen(s->what), t = strlen(s->target[0] ? s->target : "-");

		if (strncmp(reason, s->what, w) == 0 && strncmp(reason + w, " on ", 4) == 0 &&
		    strncmp(reason + w + 4, s->target[0] ? s->target : "-", t) == 0 &&
		    strncmp(reason + w + 4 + t, " (", 2) == 0)
			return i;
	}
	return -1;
}

/* The host a contain row names: "isolated HOST …"; its length in *len. */
static const char *report_contain_host(const char *reason, size_t *len)
{
	static const char *const done[] = { "isolated ", "shut down ", "reimaged ", "restored " };

	for (size_t i = 0; i < sizeof(done) / sizeof(*done); i++) {
		size_t n = strlen(done[i]);

		if (strncmp(reason, done[i], n) == 0) {
			*len = strcspn(reason + n, " ,");
			return *len ? reason + n : NULL;
		}
	}
	return NULL;
}

/* The step's target is that host, or starts with it ("pc -> c2"). */
static bool report_on_host(const struct report_step *s, const char *host, size_t len)
{
	return strncmp(s->target, host, len) == 0 && (s->target[len] == '\0' || s->target[len] == ' ');
}

/*
 * An objective the timeline never settled: its row says how it ended,
 * "ID not achieved by the end of the drill" (or "the attacker achieved
 * ID at …", "ID prevented at …" for those the timeline has).
 */
static void report_objective_row(struct report *r, const struct report_row *row)
{
	static const char achieved[] = "the attacker achieved ";
	const char *id = row->reason;
	struct report_objective *o;
	char *name;

	if (strncmp(id, achieved, sizeof(achieved) - 1) == 0)
		id += sizeof(achieved) - 1;
	name = xstrndup(id, strcspn(id, " :"));
	o = name[0] ? report_objective(r, name) : NULL;
	if (o && o->time < 0) {
		o->state = row->points < 0 ? REPORT_OBJ_REACHED : REPORT_OBJ_OPEN;
		o->time = row->time;
		free(o->detail);
		o->detail = xstrdup(row->reason);
	}
	free(name);
}

/* Rows in time order; rows of one time keep the order they were made. */
static void report_sort_rows(struct report *r)
{
	for (int i = 1; i < r->nrows; i++) {
		struct report_row row = r->rows[i];
		int j = i;

		for (; j > 0 && r->rows[j - 1].time > row.time; j--)
			r->rows[j] = r->rows[j - 1];
		r->rows[j] = row;
	}
}

void report_finish(struct report *r)
{
	report_sort_rows(r);
	for (int t = 0; t < r->nteams; t++) {
		struct report_team *team = &r->teams[t];

		team->detected = xmalloc((size_t)(r->nsteps ? r->nsteps : 1) * sizeof(*team->detected));
		team->contained = xmalloc((size_t)(r->nsteps ? r->nsteps : 1) * sizeof(*team->contained));
		for (int s = 0; s < r->nsteps; s++)
			team->detected[s] = team->contained[s] = -1;
	}
	for (int i = 0; i < r->nactions; i++)
		r->teams[report_team_find(r, r->actions[i].team)].actions++;
	for (int i = 0; i < r->nrows; i++) {
		const struct report_row *row = &r->rows[i];
		struct report_team *team = &r->teams[report_team_find(r, row->team)];
		const char *host;
		size_t len;
		int s;

		team->total += row->points;
		if (strcmp(row->component, "false-positive") == 0)
			team->false_positives++;
		if (strcmp(row->component, "detect") == 0 && (s = report_detect_step(r, row->reason)) >= 0 &&
		    team->detected[s] < 0) {
			team->detected[s] = row->time;
			team->detections++;
		}
		if (strcmp(row->component, "contain") == 0 && (host = report_contain_host(row->reason, &len))) {
			team->containments++;
			for (s = 0; s < r->nsteps; s++)
				if (r->steps[s].ok && report_on_host(&r->steps[s], host, len) &&
				    r->steps[s].first <= row->time && team->contained[s] < 0)
					team->contained[s] = row->time;
		}
		if (strcmp(row->component, "objective") == 0)
			report_objective_row(r, row);
	}
}

bool report_technique_has(const struct report *r, int s, int o)
{
	const char *a = r->steps[s].technique, *b = r->steps[o].technique;

	if (!r->steps[o].ok)
		return false;
	return o == s || (a && b && strcmp(a, b) == 0);
}

bool report_technique_lead(const struct report *r, int s)
{
	if (!r->steps[s].ok)
		return false;
	for (int o = 0; o < s; o++)
		if (report_technique_has(r, s, o))
			return false;
	return true;
}

bool report_technique_detected(const struct report *r, int team, int s)
{
	for (int o = 0; o < r->nsteps; o++)
		if (report_technique_has(r, s, o) && r->teams[team].detected[o] >= 0)
			return true;
	return false;
}

int report_score_at(const struct report *r, int team, sim_time_t t)
{
	int total = 0;

	for (int i = 0; i < r->nrows; i++)
		if (r->rows[i].time <= t && strcmp(r->rows[i].team, r->teams[team].name) == 0)
			total += r->rows[i].points;
	return total;
}

/* Note what is wrong with the file, after what was noted before. */
static void report_note(struct report *r, const char *what)
{
	char *both;
	size_t n;

	if (r->damage == NULL) {
		r->damage = xstrdup(what);
		return;
	}
	n = strlen(r->damage) + strlen(what) + 3;
	both = xmalloc(n);
	snprintf(both, n, "%s; %s", r->damage, what);
	free(r->damage);
	r->damage = both;
}

static struct report *report_from(struct replay_reader *rd, const char *path)
{
	struct report *r = report_new(path, replay_header(rd));
	struct replay_record rec;
	char err[1200];
	int got;

	if (replay_damage(rd))
		report_note(r, replay_damage(rd));
	while ((got = replay_next(rd, &rec, err, sizeof(err))) > 0)
		report_add(r, &rec);
	if (got < 0) {
		report_note(r, err);
		report_note(r, "the report covers what comes before it");
	}
	report_finish(r);
	return r;
}

struct report *report_read(const char *path, char *err, size_t errsize)
{
	struct replay_reader *rd = replay_open(path, err, errsize);
	struct report *r;

	if (rd == NULL)
		return NULL;
	r = report_from(rd, path);
	replay_close(rd);
	return r;
}

void report_free(struct report *r)
{
	if (r == NULL)
		return;
	for (int i = 0; i < r->nsteps; i++) {
		free(r->steps[i].actor);
		free(r->steps[i].what);
		free(r->steps[i].target);
		free(r->steps[i].technique);
		free(r->steps[i].failed);
	}
	for (int i = 0; i < r->nobjectives; i++) {
		free(r->objectives[i].id);
		free(r->objectives[i].detail);
	}
	for (int i = 0; i < r->nrows; i++) {
		free(r->rows[i].team);
		free(r->rows[i].component);
		free(r->rows[i].reason);
		free(r->rows[i].expectation);
	}
	for (int i = 0; i < r->nactions; i++) {
		free(r->actions[i].team);
		free(r->actions[i].command);
		free(r->actions[i].target);
		free(r->actions[i].detail);
	}
	for (int i = 0; i < r->nteams; i++) {
		free(r->teams[i].name);
		free(r->teams[i].detected);
		free(r->teams[i].contained);
	}
	free(r->steps);
	free(r->objectives);
	free(r->rows);
	free(r->actions);
	free(r->teams);
	free(r->path);
	free(r->version);
	free(r->exercise);
	free(r->scenario);
	free(r->network);
	free(r->mode);
	free(r->damage);
	free(r);
}
