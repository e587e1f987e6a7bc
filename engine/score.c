#include "score.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ipaddr.h"
#include "scenario.h"
#include "whitecell.h"
#include "xmalloc.h"

/* The points the engine always gives (docs/scoring.md). */
enum {
	SCORE_DETECT = 10,        /* an attack step detected in time */
	SCORE_DETECT_LATE = 5,
	SCORE_DETECT_WINDOW_MIN = 30,
	SCORE_CONTAIN = 20,       /* a host the attacker took, contained before any objective fell */
	SCORE_CONTAIN_LATE = 10,
	SCORE_OBJECTIVE = 30,     /* prevented +, achieved - */
	SCORE_FP_HOST = -10,      /* a host the attacker never touched taken off the network */
	SCORE_FP_BLOCK = -5,      /* a block on what is not the attacker's */
	SCORE_FP_CLASSIFY = -5,   /* an alert classified the wrong way */
	SCORE_INDICATOR = 2,      /* per indicator reported, + right, - wrong */
	SCORE_HINT = -5,
};

struct score_team {
	char name[ACTION_TEAM_MAX];
	char **detected;          /* "step target" keys already scored */
	int ndetected;
	bool *contained;          /* per host: containment scored */
	char **reported;          /* indicators already scored */
	int nreported;
	signed char *marked;      /* per expectation: 0, or +1 met / -1 missed by the white cell */
	size_t nmarked;           /* the expectations when the team was made */
};

struct score {
	struct drill *d;
	struct score_team *teams;
	int nteams;
	struct score_row *rows;
	size_t nrows, rows_cap;
	struct {
		score_listener_fn fn;
		void *ctx;
	} *listeners;
	int nlisteners;
	char **truth;             /* the attacker's indicators seen by a sensor */
	size_t ntruth, truth_cap;
	long *taken;              /* per host: the entry of the step that first took it, -1 */
	bool *touched;            /* per host: target of some attack step */
	sim_time_t *down_since;   /* per system: unavailable since, -1 when up */
	sim_time_t *downtime;     /* per system: total so far */
	sim_time_t *host_since;   /* per host: out (down, isolated or flooded) since, -1 */
	sim_time_t *host_down;    /* per host: total so far */
	long first_step;          /* the first step that took hold, -1 */
	bool finished;
	sim_time_t end;           /* what the rows made at the end count to */
};

static bool score_has(char *const *v, size_t n, const char *x)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], x) == 0)
			return true;
	return false;
}

static void score_minutes(sim_time_t t, char *buf, size_t size)
{
	long long min = (long long)(t / SIM_MINUTE);

	if (min >= 60)
		snprintf(buf, size, "%lld h %02lld min", min / 60, min % 60);
	else
		snprintf(buf, size, "%lld min", min);
}

static struct score_team *score_team_get(struct score *s, const char *name)
{
	struct score_team *t;

	for (int i = 0; i < s->nteams; i++)
		if (strcmp(s->teams[i].name, name) == 0)
			return &s->teams[i];
	s->teams = xrealloc(s->teams, (size_t)(s->nteams + 1) * sizeof(*s->teams));
	t = &s->teams[s->nteams++];
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->contained = xcalloc((size_t)s->d->net->nhosts + 1, sizeof(*t->contained));
	t->nmarked = s->d->nexpects;
	t->marked = xcalloc(t->nmarked + 1, sizeof(*t->marked));
	return t;
}

void score_add_team(struct score *s, const char *team)
{
	score_team_get(s, team);
}

/* Make a row and tell the listeners. */
static void score_add(struct score *s, const char *team, sim_time_t time, const char *component, int points,
		      const char *expectation, const char *fmt, ...)
{
	struct score_row *r;
	va_list ap;

	s->rows = xgrow(s->rows, &s->rows_cap, s->nrows + 1, sizeof(*s->rows));
	r = &s->rows[s->nrows++];
	memset(r, 0, sizeof(*r));
	snprintf(r->team, sizeof(r->team), "%s", team);
	r->time = time;
	r->component = component;
	r->points = points;
	snprintf(r->expectation, sizeof(r->expectation), "%s", expectation ? expectation : "");
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
	va_end(ap);
	for (int i = 0; i < s->nlisteners; i++)
		s->listeners[i].fn(s->listeners[i].ctx, r);
}

/* ---- the ground truth ---------------------------------------------------- */

static void score_truth_add(struct score *s, const char *v)
{
	char low[ACTION_VALUE_MAX];
	size_t i;

	if (v == NULL || v[0] == '\0')
		return;
	for (i = 0; v[i] && i + 1 < sizeof(low); i++)
		low[i] = (char)((v[i] >= 'A' && v[i] <= 'Z') ? v[i] - 'A' + 'a' : v[i]);
	low[i] = '\0';
	if (score_has(s->truth, s->ntruth, low))
		return;
	s->truth = xgrow(s->truth, &s->truth_cap, s->ntruth + 1, sizeof(*s->truth));
	s->truth[s->ntruth++] = xstrdup(low);
}

/* An address outside the province that is none of its hosts' faces. */
static void score_truth_ip(struct score *s, uint32_t ip)
{
	const struct net *net = s->d->net;
	char buf[IPADDR_STRLEN];

	if (ip == 0 || ipaddr_is_private(ip) || net_host_by_ip(net, ip) >= 0)
		return;
	for (int h = 0; h < net->nhosts; h++)
		if (net->hosts[h].public_ip == ip)
			return;
	score_truth_add(s, ipaddr_format(ip, buf));
}

/* The attacker's records name its addresses, domains and files. */
static void score_record(void *ctx, const struct event *ev, enum sensor_type type)
{
	struct score *s = ctx;
	const char *at;

	(void)type;
	if (s->d->cause < 0)
		return;
	score_truth_ip(s, ev->conn.orig_ip);
	score_truth_ip(s, ev->conn.resp_ip);
	switch (ev->kind) {
	case EVENT_DNS:
		score_truth_add(s, ev->u.dns.query);
		break;
	case EVENT_TLS:
		score_truth_add(s, ev->u.tls.sni);
		break;
	case EVENT_HTTP:
		score_truth_add(s, ev->u.http.host);
		break;
	case EVENT_FILE:
		score_truth_add(s, ev->u.file.md5);
		score_truth_add(s, ev->u.file.sha1);
		score_truth_add(s, ev->u.file.sha256);
		break;
	case EVENT_MAIL:
		at = ev->u.mail.from ? strrchr(ev->u.mail.from, '@') : NULL;
		if (at)
			score_truth_add(s, at + 1);
		break;
	case EVENT_UTM:
		score_truth_add(s, ev->u.utm.hostname);
		break;
	default:
		break;
	}
}

/* Is v (an address, prefix, domain or hash as typed) the attacker's:
 * seen by a sensor or declared by the scenario? */
static bool score_is_truth(const struct score *s, const char *v)
{
	const struct drill *d = s->d;
	uint32_t a, b;
	int pa, pb;
	char low[ACTION_VALUE_MAX];
	size_t i;

	for (i = 0; v[i] && i + 1 < sizeof(low); i++)
		low[i] = (char)((v[i] >= 'A' && v[i] <= 'Z') ? v[i] - 'A' + 'a' : v[i]);
	low[i] = '\0';
	if (score_has(s->truth, s->ntruth, low))
		return true;
	for (size_t e = 0; e < d->nexpects; e++)
		if (score_has(d->expects[e].indicators, (size_t)d->expects[e].nindicators, low))
			return true;
	/* A prefix is the attacker's when it overlaps one of its addresses
	 * or ranges. */
	if (!ipaddr_parse_prefix(low, &a, &pa))
		return false;
	for (size_t t = 0; t < s->ntruth; t++)
		if (ipaddr_parse_prefix(s->truth[t], &b, &pb) && (ipaddr_in(a, b, pb) || ipaddr_in(b, a, pa)))
			return true;
	for (size_t e = 0; e < d->nexpects; e++)
		for (int k = 0; k < d->expects[e].nindicators; k++)
			if (ipaddr_parse_prefix(d->expects[e].indicators[k], &b, &pb) &&
			    (ipaddr_in(a, b, pb) || ipaddr_in(b, a, pa)))
				return true;
	return false;
}

/* The host a step's target names ("acc@host", "host -> c2"), or -1. */
static int score_step_host(const struct net *net, const struct drill_entry *e)
{
	char name[256];
	const char *t = e->target ? e->target : "", *at = strchr(t, '@');

	snprintf(name, sizeof(name), "%s", at ? at + 1 : t);
	name[strcspn(name, " ")] = '\0';
	return net_host_find(net, name);
}

static bool score_step_takes(const char *what)
{
	return strcmp(what, "phish") == 0 || strcmp(what, "exploit") == 0 || strcmp(what, "move") == 0 ||
	       strcmp(what, "logon") == 0;
}

/* In service as its users see it: the model's availability, and for a
 * system with a public face (citizens reach it from the Internet) one of
 * its public hosts serving too; the back end alone serves nobody. */
static bool score_system_up(const struct net *net, int y)
{
	const struct net_system *sys = &net->systems[y];
	bool public = false;

	if (!net_system_available(net, y))
		return false;
	for (int i = 0; i < sys->nhosts; i++) {
		const struct net_host *h = &net->hosts[sys->hosts[i]];

		if (!h->public_ip)
			continue;
		public = true;
		if (!(h->state & (NET_HOST_DOWN | NET_HOST_ISOLATED | NET_HOST_FLOODED)))
			return true;
	}
	return !public;
}

/* Add up one thing's time out; when is now, up whether it serves. */
static void score_out(sim_time_t *since, sim_time_t *total, bool up, sim_time_t now)
{
	if (!up && *since < 0)
		*since = now;
	else if (up && *since >= 0) {
		*total += now - *since;
		*since = -1;
	}
}

static bool score_host_up(const struct net_host *h)
{
	return !(h->state & (NET_HOST_DOWN | NET_HOST_ISOLATED | NET_HOST_FLOODED));
}

/* Keep each system's and host's downtime up to date as the model
 * changes: it changes only with a step or an action, each an entry. */
static void score_systems(struct score *s)
{
	const struct drill *d = s->d;

	for (int y = 0; y < d->net->nsystems; y++)
		score_out(&s->down_since[y], &s->downtime[y], score_system_up(d->net, y), d->now);
	for (int h = 0; h < d->net->nhosts; h++)
		score_out(&s->host_since[h], &s->host_down[h], score_host_up(&d->net->hosts[h]), d->now);
}

/* ---- rows as teams act ----------------------------------------------------- */

/* The time the step (name and target of entry) first happened. */
static const struct drill_entry *score_first(const struct drill *d, const struct drill_entry *e)
{
	for (size_t i = 0; i < d->nentries; i++) {
		const struct drill_entry *f = &d->entries[i];

		if (f->kind == DRILL_STEP && f->ok && strcmp(f->what, e->what) == 0 &&
		    strcmp(f->target ? f->target : "", e->target ? e->target : "") == 0)
			return f;
	}
	return e;
}

static void score_triage(struct score *s, struct score_team *t, const struct action *a)
{
	const struct drill *d = s->d;
	const struct alert *al = alerts_get(d->alerts, alerts_find(d->alerts, a->alert));
	long step = drill_alert_step(d, al);
	const struct drill_entry *e, *first;
	char key[512], id[16], after[32];

	action_alert_id(a->alert, id, sizeof(id));
	if (a->verb == ACTION_CLASSIFY && !a->true_positive && step >= 0) {
		score_add(s, t->name, d->now, "false-positive", SCORE_FP_CLASSIFY, NULL,
			  "called %s a false positive; %s on %s made it", id, d->entries[step].what,
			  d->entries[step].target ? d->entries[step].target : "-");
		return;
	}
	if (a->verb == ACTION_CLASSIFY && a->true_positive && step < 0) {
		score_add(s, t->name, d->now, "false-positive", SCORE_FP_CLASSIFY, NULL,
			  "called %s a true positive; no attack step made it", id);
		return;
	}
	if (step < 0)
		return;
	e = &d->entries[step];
	first = score_first(d, e);
	snprintf(key, sizeof(key), "%s %s", e->what, e->target ? e->target : "-");
	if (score_has(t->detected, (size_t)t->ndetected, key))
		return;
	t->detected = xrealloc(t->detected, (size_t)(t->ndetected + 1) * sizeof(*t->detected));
	t->detected[t->ndetected++] = xstrdup(key);
	score_minutes(d->now - first->time, after, sizeof(after));
	score_add(s, t->name, d->now, "detect",
		  d->now - first->time <= SCORE_DETECT_WINDOW_MIN * SIM_MINUTE ? SCORE_DETECT : SCORE_DETECT_LATE, NULL,
		  "detected %s on %s (%s) %s after it began", e->what, e->target ? e->target : "-", id, after);
}

/* The first objective achieved at or before now, or NULL. */
static const struct drill_objective *score_fallen(const struct drill *d, sim_time_t now)
{
	const struct drill_objective *first = NULL;

	for (size_t i = 0; i < d->nobjectives; i++) {
		const struct drill_objective *o = &d->objectives[i];

		if (o->state == OBJECTIVE_ACHIEVED && o->time <= now && (first == NULL || o->time < first->time))
			first = o;
	}
	return first;
}

static bool score_contains_host(const struct action *a)
{
	return a->host >= 0 && a->system < 0 &&
	       (a->verb == ACTION_ISOLATE || a->verb == ACTION_SHUTDOWN || a->verb == ACTION_REIMAGE ||
		a->verb == ACTION_RESTORE);
}

/* "isolated tdm-pc-02": what a containment did, for reasons. */
static void score_did(const struct drill *d, const struct action *a, char *buf, size_t size)
{
	const char *done = a->verb == ACTION_ISOLATE ? "isolated" : a->verb == ACTION_SHUTDOWN ? "shut down" :
			   a->verb == ACTION_REIMAGE ? "reimaged" : a->verb == ACTION_RESTORE ? "restored" :
			   a->verb == ACTION_DISABLE_ACCOUNT ? "disabled" : a->verb == ACTION_RESET_PASSWORD ?
			   "reset the password of" : action_event_name(a->verb);

	snprintf(buf, size, "%s %s", done, a->host >= 0 ? d->net->hosts[a->host].name :
		 a->account >= 0 ? d->net->accounts[a->account].name : a->value);
}

static void score_contain(struct score *s, struct score_team *t, const struct action *a)
{
	const struct drill *d = s->d;
	const struct drill_objective *fallen;
	const struct drill_entry *took;
	char after[32], command[ACTION_VALUE_MAX + 64];

	if (!score_contains_host(a) || s->taken[a->host] < 0 || t->contained[a->host])
		return;
	t->contained[a->host] = true;
	score_did(d, a, command, sizeof(command));
	took = &d->entries[s->taken[a->host]];
	fallen = score_fallen(d, d->now);
	score_minutes(d->now - took->time, after, sizeof(after));
	if (fallen)
		score_add(s, t->name, d->now, "contain", SCORE_CONTAIN_LATE, NULL,
			  "%s %s after %s took it; objective %s had already fallen", command, after, took->what,
			  fallen->id);
	else
		score_add(s, t->name, d->now, "contain", SCORE_CONTAIN, NULL,
			  "%s %s after %s took it, before any objective fell", command, after, took->what);
}

static void score_report_indicators(struct score *s, struct score_team *t, const struct action *a)
{
	char list[ACTION_VALUE_MAX], right[SCORE_REASON_MAX / 2] = "", wrong[SCORE_REASON_MAX / 2] = "", *save;
	int nright = 0, nwrong = 0;

	if (action_report_field(a, "indicators", list, sizeof(list)) == NULL)
		return;
	for (char *v = strtok_r(list, ",", &save); v; v = strtok_r(NULL, ",", &save)) {
		bool ok = score_is_truth(s, v);
		char *buf = ok ? right : wrong;
		size_t used = strlen(buf);

		if (score_has(t->reported, (size_t)t->nreported, v))
			continue;
		t->reported = xrealloc(t->reported, (size_t)(t->nreported + 1) * sizeof(*t->reported));
		t->reported[t->nreported++] = xstrdup(v);
		snprintf(buf + used, SCORE_REASON_MAX / 2 - used, "%s%s", used ? ", " : "", v);
		*(ok ? &nright : &nwrong) += 1;
	}
	if (nright + nwrong == 0)
		return;
	score_add(s, t->name, s->d->now, "report", SCORE_INDICATOR * (nright - nwrong), NULL,
		  "report to %s named %d of the attacker's indicators%s%s%s and %d that are not%s%s%s",
		  action_recipient_name(a->to), nright, nright ? " (" : "", right, nright ? ")" : "", nwrong,
		  nwrong ? " (" : "", wrong, nwrong ? ")" : "");
}

static void score_action(struct score *s, const struct drill_entry *e)
{
	struct score_team *t;
	struct action a;
	char err[256];

	/* The white cell's controls (pause, speed, end) are on the timeline
	 * as actions, but the white cell is not a team. */
	if (strcmp(e->actor, "white-cell") == 0)
		return;
	t = score_team_get(s, e->actor);

	/* The timeline keeps the command as action_format wrote it, which
	 * parses back to the same action.  The white cell's controls (pause,
	 * speed, end) are no team's actions and make no team. */
	if (!e->ok || action_parse(s->d->net, e->what, &a, err, sizeof(err)) != 0)
		return;
	t = score_team_get(s, e->actor);
	switch (a.verb) {
	case ACTION_ACK:
	case ACTION_CLASSIFY:
		score_triage(s, t, &a);
		break;
	case ACTION_REPORT:
		score_report_indicators(s, t, &a);
		break;
	case ACTION_HINT:
		if (a.value[0])
			score_add(s, t->name, s->d->now, "hint", SCORE_HINT, NULL, "hint from the white cell: %s", a.value);
		else
			score_add(s, t->name, s->d->now, "hint", SCORE_HINT, NULL, "asked the white cell for a hint");
		break;
	default:
		score_contain(s, t, &a);
		break;
	}
}

static void score_entry(void *ctx, struct drill *d, size_t i)
{
	struct score *s = ctx;
	const struct drill_entry *e = &d->entries[i];

	if (e->kind == DRILL_STEP) {
		int host = score_step_host(d->net, e);

		if (host >= 0)
			s->touched[host] = true;
		if (e->ok && host >= 0 && s->taken[host] < 0 && score_step_takes(e->what))
			s->taken[host] = (long)i;
		if (e->ok && s->first_step < 0)
			s->first_step = (long)i;
	} else if (e->kind == DRILL_ACTION) {
		score_action(s, e);
	}
	score_systems(s);
}

struct score *score_new(struct drill *d)
{
	struct score *s = xcalloc(1, sizeof(*s));

	s->d = d;
	s->first_step = -1;
	s->taken = xcalloc((size_t)d->net->nhosts + 1, sizeof(*s->taken));
	s->touched = xcalloc((size_t)d->net->nhosts + 1, sizeof(*s->touched));
	for (int h = 0; h < d->net->nhosts; h++)
		s->taken[h] = -1;
	s->down_since = xcalloc((size_t)d->net->nsystems + 1, sizeof(*s->down_since));
	s->downtime = xcalloc((size_t)d->net->nsystems + 1, sizeof(*s->downtime));
	s->host_since = xcalloc((size_t)d->net->nhosts + 1, sizeof(*s->host_since));
	s->host_down = xcalloc((size_t)d->net->nhosts + 1, sizeof(*s->host_down));
	for (int y = 0; y < d->net->nsystems; y++)
		s->down_since[y] = -1;
	for (int h = 0; h < d->net->nhosts; h++)
		s->host_since[h] = -1;
	drill_on_entry(d, score_entry, s);
	drill_listen(d, score_record, s);
	/* The white cell's marks are taken against this score. */
	drill_on_white(d, whitecell_take, s);
	return s;
}

void score_free(struct score *s)
{
	if (s == NULL)
		return;
	if (s->d->on_white_ctx == s)
		drill_on_white(s->d, whitecell_take, NULL);
	for (int i = 0; i < s->nteams; i++) {
		struct score_team *t = &s->teams[i];

		for (int k = 0; k < t->ndetected; k++)
			free(t->detected[k]);
		for (int k = 0; k < t->nreported; k++)
			free(t->reported[k]);
		free(t->detected), free(t->reported), free(t->contained), free(t->marked);
	}
	for (size_t i = 0; i < s->ntruth; i++)
		free(s->truth[i]);
	free(s->truth);
	free(s->teams);
	free(s->rows);
	free(s->listeners);
	free(s->taken), free(s->touched), free(s->down_since), free(s->downtime);
	free(s->host_since), free(s->host_down);
	free(s);
}

void score_listen(struct score *s, score_listener_fn fn, void *ctx)
{
	s->listeners = xrealloc(s->listeners, (size_t)(s->nlisteners + 1) * sizeof(*s->listeners));
	s->listeners[s->nlisteners].fn = fn;
	s->listeners[s->nlisteners++].ctx = ctx;
}

/* ---- rows at the end --------------------------------------------------------- */

/* The team's actions, parsed back, in timeline order: calls fn for each
 * until it returns true; returns the entry it stopped at, or NULL. */
typedef bool (*score_visit_fn)(const struct score *s, const struct action *a, const struct drill_entry *e,
			       const void *arg);

static const struct drill_entry *score_find_action(const struct score *s, const char *team, score_visit_fn fn,
						   const void *arg, struct action *found)
{
	const struct drill *d = s->d;
	char err[256];

	for (size_t i = 0; i < d->nentries; i++) {
		const struct drill_entry *e = &d->entries[i];

		if (e->kind != DRILL_ACTION || !e->ok || strcmp(e->actor, team) != 0 ||
		    action_parse(d->net, e->what, found, err, sizeof(err)) != 0)
			continue;
		if (fn(s, found, e, arg))
			return e;
	}
	return NULL;
}

static void score_objectives(struct score *s, const struct score_team *t)
{
	const struct drill *d = s->d;

	for (size_t i = 0; i < d->nobjectives; i++) {
		const struct drill_objective *o = &d->objectives[i];
		char at[SIMCLOCK_ELAPSED_SIZE];

		simclock_format_elapsed(o->time, at, sizeof(at));
		if (o->state == OBJECTIVE_ACHIEVED)
			score_add(s, t->name, o->time, "objective", -SCORE_OBJECTIVE, NULL,
				  "the attacker achieved %s at %s: %s", o->id, at, o->title_en ? o->title_en : "");
		else if (o->state == OBJECTIVE_PREVENTED)
			score_add(s, t->name, o->time, "objective", SCORE_OBJECTIVE, NULL, "%s prevented at %s: %s", o->id,
				  at, o->reason ? o->reason : "prevented");
		else
			score_add(s, t->name, s->end, "objective", SCORE_OBJECTIVE, NULL,
				  "%s not achieved by the end of the drill", o->id);
	}
}

static void score_downtime(struct score *s, const struct score_team *t)
{
	const struct net *net = s->d->net;

	for (int y = 0; y < net->nsystems; y++) {
		/* One point per level of the system per hour it was out. */
		long long points = ((long long)s->downtime[y] * net->systems[y].level + SIM_HOUR / 2) / SIM_HOUR;
		char down[32];

		if (points == 0)
			continue;
		score_minutes(s->downtime[y], down, sizeof(down));
		score_add(s, t->name, s->end, "downtime", -(int)points, NULL, "%s (level %d) unavailable %s in all",
			  net->systems[y].id, net->systems[y].level, down);
	}
}

/* Clean hosts taken off the network and blocks on what is not the
 * attacker's, once each. */
static void score_false_positives(struct score *s, const struct score_team *t)
{
	const struct drill *d = s->d;
	bool *hit = xcalloc((size_t)d->net->nhosts + 1, sizeof(*hit));
	char **blocked = NULL, err[256];
	size_t nblocked = 0;

	for (size_t i = 0; i < d->nentries; i++) {
		const struct drill_entry *e = &d->entries[i];
		struct action a;

		if (e->kind != DRILL_ACTION || !e->ok || strcmp(e->actor, t->name) != 0 ||
		    action_parse(d->net, e->what, &a, err, sizeof(err)) != 0 ||
		    !(score_contains_host(&a) || a.verb == ACTION_BLOCK))
			continue;
		if (a.verb != ACTION_BLOCK && !s->touched[a.host] && !hit[a.host]) {
			char did[ACTION_VALUE_MAX + 64];

			hit[a.host] = true;
			score_did(d, &a, did, sizeof(did));
			score_add(s, t->name, e->time, "false-positive", SCORE_FP_HOST, NULL,
				  "%s, which the attacker never touched", did);
		} else if (a.verb == ACTION_BLOCK && !score_is_truth(s, a.value) &&
			   !score_has(blocked, nblocked, a.value)) {
			blocked = xrealloc(blocked, (nblocked + 1) * sizeof(*blocked));
			blocked[nblocked++] = xstrdup(a.value);
			score_add(s, t->name, e->time, "false-positive", SCORE_FP_BLOCK, NULL,
				  "%s: not the attacker's", e->what);
		}
	}
	for (size_t i = 0; i < nblocked; i++)
		free(blocked[i]);
	free(blocked);
	free(hit);
}

/* ---- expectations ------------------------------------------------------------- */

static bool score_detects(const struct score *s, const struct action *a, const struct drill_entry *e,
			  const void *arg)
{
	const struct drill_expect *x = arg;
	const struct alert *al;
	long step;

	(void)e;
	if (a->verb != ACTION_ACK && !(a->verb == ACTION_CLASSIFY && a->true_positive))
		return false;
	al = alerts_get(s->d->alerts, alerts_find(s->d->alerts, a->alert));
	step = al ? drill_alert_step(s->d, al) : -1;
	return step >= 0 && strcmp(s->d->entries[step].what, x->what) == 0;
}

static void score_expect_detect(struct score *s, const struct score_team *t, const struct drill_expect *x)
{
	const struct drill *d = s->d;
	const struct drill_entry *first = NULL, *found;
	struct action a;
	char after[32], window[32], id[16];

	for (size_t i = 0; i < d->nentries && first == NULL; i++)
		if (d->entries[i].kind == DRILL_STEP && strcmp(d->entries[i].what, x->what) == 0)
			first = &d->entries[i];
	if (first == NULL) {
		score_add(s, t->name, s->end, "expectation", x->points, x->id, "%s never happened: nothing to detect",
			  x->what);
		return;
	}
	found = score_find_action(s, t->name, score_detects, x, &a);
	if (found == NULL) {
		score_add(s, t->name, s->end, "expectation", 0, x->id, "%s was never detected (no alert it made was "
			  "acknowledged or classified a true positive)", x->what);
		return;
	}
	action_alert_id(a.alert, id, sizeof(id));
	score_minutes(found->time - first->time, after, sizeof(after));
	score_minutes(x->within, window, sizeof(window));
	if (x->within == 0 || found->time - first->time <= x->within)
		score_add(s, t->name, found->time, "expectation", x->points, x->id, "detected %s (%s) %s after it "
			  "began%s%s", x->what, id, after, x->within ? ", within " : "", x->within ? window : "");
	else
		score_add(s, t->name, found->time, "expectation", x->partial, x->id, "detected %s (%s) %s after it "
			  "began, later than %s: partial credit", x->what, id, after, window);
}

struct score_contain_arg {
	int host, account;
};

static bool score_contains(const struct score *s, const struct action *a, const struct drill_entry *e,
			   const void *arg)
{
	const struct score_contain_arg *c = arg;

	(void)s, (void)e;
	if (score_contains_host(a) && a->host == c->host)
		return true;
	return c->account >= 0 && a->account == c->account &&
	       (a->verb == ACTION_DISABLE_ACCOUNT || a->verb == ACTION_RESET_PASSWORD);
}

/* One host to contain: points, partial or nothing, with the reason. */
static void score_expect_contain_host(struct score *s, const struct score_team *t, const struct drill_expect *x,
				      int host, int account, sim_time_t since)
{
	const struct drill *d = s->d;
	struct score_contain_arg c = { host, account };
	struct action a;
	const struct drill_entry *found = score_find_action(s, t->name, score_contains, &c, &a);
	int o = x->before ? drill_objective_find(d, x->before) : -1;
	const struct drill_objective *obj = o >= 0 ? &d->objectives[o] : NULL;
	bool before = obj == NULL || obj->state != OBJECTIVE_ACHIEVED || (found && found->time < obj->time);
	bool in_time = found && (x->within == 0 || since < 0 || found->time - since <= x->within);
	char after[32], did[ACTION_VALUE_MAX + 64];

	if (found == NULL) {
		score_add(s, t->name, s->end, "expectation", 0, x->id, "%s was never contained",
			  d->net->hosts[host].name);
		return;
	}
	score_minutes(since >= 0 && found->time >= since ? found->time - since : 0, after, sizeof(after));
	score_did(d, &a, did, sizeof(did));
	if (before && in_time)
		score_add(s, t->name, found->time, "expectation", x->points, x->id, "%s%s%s%s%s", did,
			  since >= 0 ? ", " : "", since >= 0 ? after : "", since >= 0 ? " after it was taken" : "",
			  obj ? (obj->state == OBJECTIVE_ACHIEVED ? ", before the objective fell" :
				 ", and the objective never fell") : "");
	else
		score_add(s, t->name, found->time, "expectation", x->partial, x->id, "%s %s after it was taken: "
			  "%s, partial credit", did, after,
			  before ? "later than the window" : "after the objective fell");
}

static void score_expect_contain(struct score *s, const struct score_team *t, const struct drill_expect *x)
{
	const struct drill *d = s->d;

	if (!x->contain_step) {
		int h = net_host_find(d->net, x->what);

		score_expect_contain_host(s, t, x, h, -1, s->taken[h] >= 0 ? d->entries[s->taken[h]].time : -1);
		return;
	}
	/* The first host the step took: the foothold the expectation is
	 * about (a later one is the attacker trying again). */
	for (size_t i = 0; i < d->nentries; i++) {
		const struct drill_entry *e = &d->entries[i];
		char acc[256];
		int h;

		if (e->kind != DRILL_STEP || !e->ok || strcmp(e->what, x->what) != 0)
			continue;
		h = score_step_host(d->net, e);
		if (h < 0)
			continue;
		snprintf(acc, sizeof(acc), "%s", e->target);
		acc[strcspn(acc, "@")] = '\0';
		score_expect_contain_host(s, t, x, h, strchr(e->target, '@') ? net_account_find(d->net, acc) : -1,
					  e->time);
		return;
	}
	score_add(s, t->name, s->end, "expectation", x->points, x->id, "%s never took a host: nothing to contain",
		  x->what);
}

static bool score_reports_to(const struct score *s, const struct action *a, const struct drill_entry *e,
			     const void *arg)
{
	(void)s, (void)e;
	return a->verb == ACTION_REPORT && strcmp(action_recipient_name(a->to), arg) == 0;
}

/* Was the system or host the report names hit by the attack? */
static bool score_affected(const struct score *s, const char *name, int *level)
{
	const struct net *net = s->d->net;
	int y = net_system_find(net, name), h = net_host_find(net, name);

	if (h >= 0) {
		*level = net->hosts[h].level;
		return s->taken[h] >= 0 || s->touched[h];
	}
	if (y < 0)
		return false;
	*level = net->systems[y].level;
	if (s->downtime[y] > 0 || s->down_since[y] >= 0)
		return true;
	for (int i = 0; i < net->systems[y].nhosts; i++)
		if (s->taken[net->systems[y].hosts[i]] >= 0)
			return true;
	return false;
}

/* The highest level of what the attack hit. */
static int score_true_level(const struct score *s)
{
	const struct net *net = s->d->net;
	int best = 0, level;

	for (int y = 0; y < net->nsystems; y++)
		if (score_affected(s, net->systems[y].id, &level) && level > best)
			best = level;
	for (int h = 0; h < net->nhosts; h++)
		if (s->taken[h] >= 0 && net->hosts[h].level > best)
			best = net->hosts[h].level;
	return best;
}

/* The report vectors that describe how the attack came in. */
static bool score_vector_ok(const struct score *s, const char *vector)
{
	const char *first = s->first_step >= 0 ? s->d->entries[s->first_step].what : "";
	static const struct {
		const char *step, *vectors;
	} map[] = {
		{ "phish", ",phishing," }, { "exploit", ",exploit,web," }, { "logon", ",valid-account,vpn,rdp," },
		{ "flood", ",ddos," }, { "deface", ",web,exploit," },
	};
	char needle[64];

	snprintf(needle, sizeof(needle), ",%s,", vector);
	for (size_t i = 0; i < sizeof(map) / sizeof(*map); i++)
		if (strcmp(first, map[i].step) == 0)
			return strstr(map[i].vectors, needle) != NULL;
	return false;
}

/* Every item of a comma-separated list passes ok, and there is one. */
static bool score_all(const struct score *s, const char *list, bool (*ok)(const struct score *, const char *))
{
	char buf[ACTION_VALUE_MAX], *save;
	int n = 0;

	snprintf(buf, sizeof(buf), "%s", list);
	for (char *v = strtok_r(buf, ",", &save); v; v = strtok_r(NULL, ",", &save), n++)
		if (!ok(s, v))
			return false;
	return n > 0;
}

static bool score_system_ok(const struct score *s, const char *v)
{
	int level;

	return score_affected(s, v, &level);
}

static bool score_technique_ok(const struct score *s, const char *v)
{
	const struct scenario_info *in = scenario_info(s->d->scenario);

	for (int i = 0; i < in->ntechniques; i++)
		if (strcmp(in->techniques[i], v) == 0)
			return true;
	return false;
}

static bool score_indicator_ok(const struct score *s, const char *v)
{
	return score_is_truth(s, v);
}

static void score_expect_report(struct score *s, const struct score_team *t, const struct drill_expect *x)
{
	static const char *const names[] = { "systems", "level", "vector", "techniques", "indicators" };
	const struct drill *d = s->d;
	struct action a;
	const struct drill_entry *found = score_find_action(s, t->name, score_reports_to, x->what, &a);
	sim_time_t start = s->first_step >= 0 ? d->entries[s->first_step].time : 0;
	char after[32], right[160] = "", wrong[160] = "", value[ACTION_VALUE_MAX];
	int nright = 0, nfields = 0, points;

	if (found == NULL) {
		score_add(s, t->name, s->end, "expectation", 0, x->id, "no report to %s", x->what);
		return;
	}
	for (int f = 0; f < 5; f++) {
		const char *v;
		bool ok;

		if (!(x->fields & (1u << f)))
			continue;
		nfields++;
		v = action_report_field(&a, names[f], value, sizeof(value));
		if (v == NULL)
			ok = false;
		else if (f == 0)
			ok = score_all(s, v, score_system_ok);
		else if (f == 1)
			ok = atoi(v) == score_true_level(s);
		else if (f == 2)
			ok = score_vector_ok(s, v);
		else if (f == 3)
			ok = score_all(s, v, score_technique_ok);
		else
			ok = score_all(s, v, score_indicator_ok);
		nright += ok;
		snprintf(ok ? right + strlen(right) : wrong + strlen(wrong), 160 - strlen(ok ? right : wrong), "%s%s",
			 (ok ? right : wrong)[0] ? ", " : "", names[f]);
	}
	score_minutes(found->time >= start ? found->time - start : 0, after, sizeof(after));
	if (x->within == 0 || found->time - start <= x->within) {
		points = nfields ? (x->points * nright + nfields / 2) / nfields : x->points;
		score_add(s, t->name, found->time, "expectation", points, x->id, "reported to %s %s after the attack "
			  "took hold, in time; right: %s; wrong or missing: %s", x->what, after, right[0] ? right : "none",
			  wrong[0] ? wrong : "none");
	} else {
		points = nfields ? (x->partial * nright + nfields / 2) / nfields : x->partial;
		score_add(s, t->name, found->time, "expectation", points, x->id, "reported to %s %s after the attack "
			  "took hold, late: partial credit; right: %s; wrong or missing: %s", x->what, after,
			  right[0] ? right : "none", wrong[0] ? wrong : "none");
	}
}

static void score_expect_keep_up(struct score *s, const struct score_team *t, const struct drill_expect *x)
{
	const struct net *net = s->d->net;
	int y = net_system_find(net, x->what);
	sim_time_t down = 0;
	bool up_at_end;
	char took[32], allowed[32];

	if (y >= 0) {
		down = s->downtime[y];
		up_at_end = score_system_up(net, y);
	} else {
		int h = net_host_find(net, x->what);

		down = s->host_down[h];
		up_at_end = score_host_up(&net->hosts[h]);
	}
	score_minutes(down, took, sizeof(took));
	score_minutes(x->max_down, allowed, sizeof(allowed));
	if (down <= x->max_down)
		score_add(s, t->name, s->end, "expectation", x->points, x->id, "%s kept up: out %s, %s allowed",
			  x->what, took, allowed);
	else
		score_add(s, t->name, s->end, "expectation", up_at_end ? x->partial : 0, x->id,
			  "%s out %s, more than the %s allowed%s", x->what, took, allowed,
			  up_at_end ? "; back up by the end: partial credit" : ", and still out at the end");
}

void score_finish(struct score *s)
{
	const struct drill *d = s->d;

	if (s->finished)
		return;
	s->finished = true;
	/* With nothing left to happen the model stays as it is to the end of
	 * the drill's time: a system still out counts as out until then, and
	 * the rows made now are dated then. */
	s->end = drill_finished(d) && d->now < d->end ? d->end : d->now;
	for (int y = 0; y < d->net->nsystems; y++)
		if (s->down_since[y] >= 0) {
			s->downtime[y] += s->end - s->down_since[y];
			s->down_since[y] = s->end;
		}
	for (int h = 0; h < d->net->nhosts; h++)
		if (s->host_since[h] >= 0) {
			s->host_down[h] += s->end - s->host_since[h];
			s->host_since[h] = s->end;
		}
	for (int i = 0; i < s->nteams; i++) {
		const struct score_team *t = &s->teams[i];

		score_objectives(s, t);
		score_downtime(s, t);
		score_false_positives(s, t);
		for (size_t e = 0; e < d->nexpects; e++) {
			const struct drill_expect *x = &d->expects[e];

			if (e < t->nmarked && t->marked[e])
				continue; /* settled by the white cell */
			switch (x->kind) {
			case DRILL_EXPECT_DETECT:
				score_expect_detect(s, t, x);
				break;
			case DRILL_EXPECT_CONTAIN:
				score_expect_contain(s, t, x);
				break;
			case DRILL_EXPECT_REPORT:
				score_expect_report(s, t, x);
				break;
			case DRILL_EXPECT_KEEP_UP:
				score_expect_keep_up(s, t, x);
				break;
			}
		}
	}
}

/* ---- reading and printing ---------------------------------------------------- */

int score_nteams(const struct score *s)
{
	return s->nteams;
}

const char *score_team(const struct score *s, int i)
{
	return s->teams[i].name;
}

int score_total(const struct score *s, const char *team)
{
	int total = 0;

	for (size_t i = 0; i < s->nrows; i++)
		if (strcmp(s->rows[i].team, team) == 0)
			total += s->rows[i].points;
	return total;
}

int score_nrows(const struct score *s)
{
	return (int)s->nrows;
}

const struct score_row *score_row(const struct score *s, int i)
{
	return i >= 0 && (size_t)i < s->nrows ? &s->rows[i] : NULL;
}

static const char *const score_components[] = {
	"detect", "contain", "objective", "false-positive", "downtime", "report", "hint", "expectation",
};

/* Rows of a team in time order (ties in the order they were made). */
static int score_row_cmp(const void *x, const void *y)
{
	const struct score_row *a = *(const struct score_row *const *)x, *b = *(const struct score_row *const *)y;

	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return a < b ? -1 : a > b;
}

void score_print(const struct score *s, FILE *out)
{
	const struct score_row **v = xcalloc(s->nrows + 1, sizeof(*v));

	fprintf(out, "\nscores\n");
	if (s->nteams == 0)
		fprintf(out, "  no team took part: nothing to score\n");
	for (int i = 0; i < s->nteams; i++) {
		const char *team = s->teams[i].name;
		size_t n = 0;

		fprintf(out, "  team %s: %d points\n", team, score_total(s, team));
		for (size_t c = 0; c < sizeof(score_components) / sizeof(*score_components); c++) {
			int sum = 0, rows = 0;

			for (size_t r = 0; r < s->nrows; r++)
				if (strcmp(s->rows[r].team, team) == 0 && strcmp(s->rows[r].component, score_components[c]) == 0)
					sum += s->rows[r].points, rows++;
			if (rows)
				fprintf(out, "    %-16s %+5d  (%d)\n", score_components[c], sum, rows);
		}
		for (size_t r = 0; r < s->nrows; r++)
			if (strcmp(s->rows[r].team, team) == 0)
				v[n++] = &s->rows[r];
		qsort(v, n, sizeof(*v), score_row_cmp);
		for (size_t r = 0; r < n; r++) {
			char at[SIMCLOCK_ELAPSED_SIZE];

			simclock_format_elapsed(v[r]->time, at, sizeof(at));
			fprintf(out, "    %s  %+4d  %-14s %s%s%s\n", at, v[r]->points, v[r]->component,
				v[r]->expectation[0] ? v[r]->expectation : "", v[r]->expectation[0] ? ": " : "",
				v[r]->reason);
		}
	}
	free(v);
}

/* ---- the white cell's hand ------------------------------------------------------ */

static struct score_team *score_team_find(const struct score *s, const char *team)
{
	for (int i = 0; i < s->nteams; i++)
		if (strcmp(s->teams[i].name, team) == 0)
			return &s->teams[i];
	return NULL;
}

static int score_expect_find(const struct score *s, const char *id)
{
	for (size_t e = 0; e < s->d->nexpects; e++)
		if (strcmp(s->d->expects[e].id, id) == 0)
			return (int)e;
	return -1;
}

int score_mark_check(const struct score *s, const char *team, const char *expectation, bool met, char *err,
		     size_t errlen)
{
	struct score_team *t = score_team_find(s, team);
	int e = score_expect_find(s, expectation);

	if (t == NULL) {
		snprintf(err, errlen, "no team '%s' in this drill", team);
		return -1;
	}
	if (e < 0 || (size_t)e >= t->nmarked) {
		snprintf(err, errlen, "no expectation '%s' in this scenario", expectation);
		return -1;
	}
	if (s->finished) {
		snprintf(err, errlen, "%s", "the drill has ended: its expectations are scored");
		return -1;
	}
	if (t->marked[e] == (met ? 1 : -1)) {
		snprintf(err, errlen, "%s is already marked %s for %s", expectation, met ? "met" : "missed", team);
		return -1;
	}
	return 0;
}

int score_mark(struct score *s, const char *team, const char *expectation, bool met, const char *note, char *err,
	       size_t errlen)
{
	struct score_team *t = score_team_find(s, team);
	int e = score_expect_find(s, expectation), was, points, before;
	const struct drill_expect *x;

	if (score_mark_check(s, team, expectation, met, err, errlen) != 0)
		return -1;
	x = &s->d->expects[e];
	was = t->marked[e];
	/* A mark replacing the other gives back what that one gave. */
	before = was > 0 ? x->points : 0;
	points = (met ? x->points : 0) - before;
	t->marked[e] = (signed char)(met ? 1 : -1);
	score_add(s, team, s->d->now, "expectation", points, x->id, "marked %s by the white cell%s%s%s",
		  met ? "met" : "missed", was ? " (was marked otherwise)" : "", note && *note ? ": " : "",
		  note ? note : "");
	return 0;
}

enum score_status score_expectation_status(const struct score *s, const char *team, const char *expectation)
{
	enum score_status st = SCORE_PENDING;

	for (size_t i = 0; i < s->nrows; i++)
		if (strcmp(s->rows[i].team, team) == 0 && strcmp(s->rows[i].expectation, expectation) == 0)
			st = s->rows[i].points > 0 ? SCORE_MET : SCORE_MISSED;
	return st;
}
