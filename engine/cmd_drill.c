/*
 * cmd_drill.c - `irdrill run` and `irdrill check`: open a drill on a
 * scenario and a network, run it, print what happened.
 *
 * Headless, this is the front end that waits for wall time: the drill
 * itself never sleeps, the loop here asks pace how far simulated time may
 * go and sleeps until the next event is due.  Otherwise the drill is
 * handed to the live console (ui_console.h), which paces it itself; a
 * team action typed there is queued like a scripted one.  `run` records
 * the drill in the exercise store, each team action committed before it
 * falls due; `resume` (cmd_store.c) plays a recorded one again through
 * the same loop.  In parallel mode every team plays its own world (a
 * drill of its own on the same scenario, network and seed), the worlds
 * advancing in step through that loop; in shared mode one world holds
 * every team, each checked against its zones (teams.h).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "background.h"
#include "cli.h"
#include "cmd_drill.h"
#include "drill.h"
#include "forward.h"
#include "pace.h"
#include "paths.h"
#include "render.h"
#include "replay_write.h"
#include "score.h"
#include "sha256.h"
#include "sink_files.h"
#include "timeline.h"
#include "whitecell.h"
#include "ui_console.h"
#include "ui_i18n.h"
#include "xmalloc.h"

/* `irdrill run` with no scenario plays the annual drill: a spam storm
 * covering a spear-phishing APT. */
#define DRILL_DEFAULT_SCENARIO "annual-drill-2023.lua"

static int64_t drill_wall_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void drill_sleep_us(int64_t us)
{
	struct timespec ts = { (time_t)(us / 1000000), (long)(us % 1000000) * 1000 };

	nanosleep(&ts, NULL);
}

static bool drill_parse_seed(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (*s == '\0' || *s == '-')
		return false;
	v = strtoull(s, &end, 10);
	*out = v;
	return *end == '\0';
}

/* --teams NAME[=ZONE+ZONE],…: names an actions file can use as one
 * word, with the zones each owns in a shared drill (teams.h). */
static bool drill_parse_teams(const char *list, struct drill_cli *o, char *why, size_t size)
{
	struct teams t;

	if (teams_parse(list, &t, why, size) != 0)
		return false;
	for (int i = 0; i < t.n; i++) {
		memcpy(o->teams[i], t.v[i].name, sizeof(o->teams[i]));
		memcpy(o->zones[i], t.v[i].zones, sizeof(o->zones[i]));
	}
	o->nteams = t.n;
	return true;
}

const char *drill_cli_db(const struct drill_cli *o)
{
	const char *env = getenv("IRDRILL_DB");

	if (o->db)
		return o->db;
	return env && *env ? env : DRILL_DEFAULT_DB;
}

/* What parallel worlds cannot do: one console, one SIEM feed, one
 * served province.  0, or the usage exit status. */
static int drill_cli_check_mode(const struct cli_cmd *cmd, const struct drill_cli *o, bool is_serve,
				bool mode_given)
{
	if (is_serve && mode_given && o->mode == TEAMS_PARALLEL)
		return cli_bad_usage(cmd, "--mode parallel: a served drill is one province for every console; "
				     "use --mode shared");
	if (o->mode != TEAMS_PARALLEL || o->nteams < 2)
		return 0;
	if (o->syslog)
		return cli_bad_usage(cmd, "--syslog forwards one province; parallel teams each have their own "
				     "(use --out, or --mode shared)");
	if (!is_serve && strcmp(cmd->name, "run") == 0 && !o->headless)
		return cli_bad_usage(cmd, "the live console plays one province; with several teams use "
				     "--mode shared, or --headless for their parallel worlds");
	return 0;
}

/* --as names one of the drill's teams, for the console. */
static int drill_cli_check_as(const struct cli_cmd *cmd, struct drill_cli *o)
{
	char list[DRILL_TEAMS_MAX * (ACTION_TEAM_MAX + 1)] = "";
	size_t used = 0;

	if (o->as == NULL)
		return 0;
	if (o->headless)
		return cli_bad_usage(cmd, "--as TEAM opens the console as that team; it means nothing with --headless");
	for (int i = 0; i < o->nteams; i++) {
		if (strcmp(o->teams[i], o->as) == 0)
			return 0;
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s", i ? "," : "", o->teams[i]);
	}
	return cli_bad_usage(cmd, "--as '%s' is not one of the drill's teams (%s); name it with --teams", o->as, list);
}

/* Shared options; returns 0, or the usage exit status. */
int drill_cli_options(const struct cli_cmd *cmd, int argc, char **argv, struct drill_cli *o)
{
	static const struct option opts[] = {
		{ "network", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "speed", required_argument, NULL, 'x' },
		{ "headless", no_argument, NULL, 'H' },
		{ "actions", required_argument, NULL, 'a' },
		{ "teams", required_argument, NULL, 't' },
		{ "db", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "background", required_argument, NULL, 'b' },
		{ "syslog", required_argument, NULL, 'y' },
		{ "replay", required_argument, NULL, 'L' },
		{ "lang", required_argument, NULL, 'g' },
		{ "socket", required_argument, NULL, 'S' },
		{ "listen", required_argument, NULL, 'l' },
		{ "mode", required_argument, NULL, 'M' },
		{ "as", required_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	bool is_serve = strcmp(cmd->name, "serve") == 0;
	bool is_run = strcmp(cmd->name, "run") == 0 || is_serve;
	char why[600];
	bool mode_given = false;

	memset(o, 0, sizeof(*o));
	/* A served drill is one province for every console. */
	o->mode = is_serve ? TEAMS_SHARED : TEAMS_PARALLEL;
	snprintf(o->teams[0], ACTION_TEAM_MAX, "%s", DRILL_DEFAULT_TEAM);
	o->nteams = 1;
	o->speed = PACE_SPEED_MAX;
	o->background = is_run ? BACKGROUND_DEFAULT_RATE : 0;
	o->vi = ui_i18n_env_vi();
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			o->network = optarg;
			break;
		case 's':
			if (!drill_parse_seed(optarg, &o->seed))
				return cli_bad_usage(cmd, "--seed '%s' is not a non-negative integer", optarg);
			o->seed_given = true;
			break;
		case 'x':
			if (!is_run || !pace_speed_parse(optarg, &o->speed))
				return cli_bad_usage(cmd, "--speed '%s' is not 1, 2, … or max", optarg);
			o->speed_given = true;
			break;
		case 'g':
			if (!is_run || !ui_i18n_parse(optarg, &o->vi))
				return cli_bad_usage(cmd, "--lang '%s' is not en or vi", optarg);
			break;
		case 'S':
		case 'l':
			if (!is_serve)
				return cli_bad_usage(cmd, "unknown option '--%s'", c == 'S' ? "socket" : "listen");
			if (*optarg == '\0')
				return cli_bad_usage(cmd, "--%s needs a value", c == 'S' ? "socket" : "listen");
			*(c == 'S' ? &o->socket : &o->listen) = optarg;
			break;
		case 'M':
			if (!is_run)
				return cli_bad_usage(cmd, "unknown option '--mode'");
			if (!teams_mode_parse(optarg, &o->mode))
				return cli_bad_usage(cmd, "--mode '%s' is not parallel or shared", optarg);
			mode_given = true;
			break;
		case 'H':
			if (!is_run)
				return cli_bad_usage(cmd, "unknown option '--headless'");
			o->headless = true;
			break;
		case 'a':
			if (!is_run)
				return cli_bad_usage(cmd, "unknown option '--actions'");
			o->actions = optarg;
			break;
		case 'o':
			if (!is_run)
				return cli_bad_usage(cmd, "unknown option '--out'");
			o->out = optarg;
			break;
		case 'y':
			if (!is_run)
				return cli_bad_usage(cmd, "unknown option '--syslog'");
			o->syslog = optarg;
			break;
		case 't':
			if (!is_run)
				return cli_bad_usage(cmd, "unknown option '--teams'");
			if (!drill_parse_teams(optarg, o, why, sizeof(why)))
				return cli_bad_usage(cmd, "%s", why);
			break;
		case 'd':
			if (!is_run)
				return cli_bad_usage(cmd, "unknown option '--db'");
			if (*optarg == '\0')
				return cli_bad_usage(cmd, "--db needs a file name");
			o->db = optarg;
			break;
		case 'b': {
			char *end;

			o->background = strtod(optarg, &end);
			if (!is_run || *end != '\0' || end == optarg || !(o->background >= 0) || o->background > 1e6)
				return cli_bad_usage(cmd, "--background '%s' is not a rate of 0 to 1000000 "
						     "activities per second", optarg);
			break;
		}
		case 'L':
			if (!is_run)
				return cli_bad_usage(cmd, "unknown option '--replay'");
			if (*optarg == '\0')
				return cli_bad_usage(cmd, "--replay needs a file name");
			o->replay = optarg;
			break;
		case 'A':
			if (strcmp(cmd->name, "run") != 0)
				return cli_bad_usage(cmd, "unknown option '--as'");
			o->as = optarg;
			break;
		default: /* ':' or '?' */
			return cli_bad_option(cmd, c, argv[optind - 1]);
		}
	}
	int status = drill_cli_check_mode(cmd, o, is_serve, mode_given);

	return status ? status : drill_cli_check_as(cmd, o);
}

const char *drill_cli_default_scenario(char *buf, size_t size)
{
	return paths_scenario_file(DRILL_DEFAULT_SCENARIO, buf, size);
}

const char *drill_cli_network(const struct drill_cli *o, char *buf, size_t size)
{
	const char *path = o->network ? o->network : paths_scenario_file("networks/default.lua", buf, size);

	if (path == NULL)
		fprintf(stderr, "irdrill: cannot find the scenarios folder (networks/default.lua); "
			"set IRDRILL_SCENARIOS or pass --network FILE\n");
	return path;
}

/* What a run writes besides its timeline. */
struct drill_outputs {
	struct score *score;
	struct render *render;
	struct sink_files *files;
	struct forward *forward;
	struct background *background;
	struct replay_writer *replay;
	int64_t replay_synced; /* wall time of its last chunk */
};

/* Set up --out, --replay (origin: what its header names) and the
 * background traffic; false with a message. */
static bool drill_outputs_open(struct drill *d, const struct drill_cli *o, const struct replay_origin *origin,
			       struct drill_outputs *out)
{
	char err[1200];

	memset(out, 0, sizeof(*out));
	out->score = score_new(d);
	for (int i = 0; i < o->nteams; i++)
		score_add_team(out->score, o->teams[i]);
	for (int i = 0; i < d->nactions; i++)
		if (!whitecell_is(&d->actions[i]))
			score_add_team(out->score, d->actions[i].team);
	out->render = render_new(d->net, &d->clock, d->seed);
	if (o->out) {
		out->files = sink_files_open(o->out, d->net, out->render, &d->now, err, sizeof(err));
		if (out->files == NULL) {
			fprintf(stderr, "irdrill: --out %s\n", err);
			return false;
		}
		drill_listen(d, sink_files_event, out->files);
	}
	if (o->syslog) {
		struct strbuf why = { 0 };

		out->forward = forward_open(o->syslog, d->net, &d->clock, d->seed, &why);
		if (out->forward == NULL) {
			fprintf(stderr, "irdrill: --syslog %s\n", strbuf_str(&why));
			strbuf_free(&why);
			return false;
		}
		strbuf_free(&why);
		drill_listen(d, forward_event, out->forward);
	}
	if (o->replay) {
		out->replay = replay_writer_open(o->replay, d, origin, err, sizeof(err));
		if (out->replay == NULL) {
			fprintf(stderr, "irdrill: --replay %s\n", err);
			return false;
		}
		out->replay_synced = drill_wall_us();
		drill_listen(d, replay_writer_event, out->replay);
		score_listen(out->score, replay_writer_score, out->replay);
	}
	if (o->background > 0)
		out->background = background_start(d, o->background);
	return true;
}

static int drill_step_alerts(const struct drill *d)
{
	int n = 0;

	for (int i = 0; i < alerts_count(d->alerts); i++)
		n += drill_alert_step(d, alerts_get(d->alerts, i)) >= 0;
	return n;
}

/* Finish the files and print what the sensors recorded (fp NULL: say
 * nothing); false if a file could not be written. */
static bool drill_outputs_close(struct drill *d, struct drill_outputs *out, const struct drill_cli *o, FILE *fp)
{
	const char *dir = o->out;
	bool ok = true;
	char err[1200];

	if (fp) {
		fprintf(fp, "\nsensor records: %llu", (unsigned long long)d->records);
		for (int t = 0; t < SENSOR_TYPE_COUNT; t++)
			if (d->deliveries[t])
				fprintf(fp, ", %s %llu", sensor_type_name((enum sensor_type)t),
					(unsigned long long)d->deliveries[t]);
		fputc('\n', fp);
		fprintf(fp, "alerts: %d raised, %d from attack steps\n", alerts_count(d->alerts), drill_step_alerts(d));
	}
	if (fp && out->background)
		fprintf(fp, "background: %llu activities, %llu spam mails\n",
			(unsigned long long)background_activities(out->background),
			(unsigned long long)background_spam(out->background));
	if (out->files) {
		uint64_t records = sink_files_records(out->files);

		if (sink_files_close(out->files, d->now, err, sizeof(err)) != 0) {
			fprintf(stderr, "irdrill: --out %s\n", err);
			ok = false;
		} else if (fp) {
			fprintf(fp, "sensor files: %llu records in %s\n", (unsigned long long)records, dir);
		}
	}
	if (out->forward) {
		struct sink_syslog_stats st;

		/* Ten seconds for a slow SIEM to take what is still queued. */
		forward_close(out->forward, drill_wall_us() + 10 * 1000000, &st);
		if (fp)
			fprintf(fp, "syslog: %llu messages sent, %llu dropped, %llu not delivered%s%s\n",
				(unsigned long long)st.sent, (unsigned long long)st.dropped,
				(unsigned long long)st.pending, st.last_error[0] ? "; last error: " : "",
				st.last_error);
		if (st.dropped || st.pending)
			ok = false;
	}
	if (out->replay) {
		uint64_t events = replay_writer_events(out->replay), bytes;

		if (replay_writer_close(out->replay, &bytes, err, sizeof(err)) != 0) {
			fprintf(stderr, "irdrill: --replay %s\n", err);
			ok = false;
		} else if (fp) {
			fprintf(fp, "replay: %llu sensor records in %s, %llu bytes, %.1f bytes per record\n",
				(unsigned long long)events, o->replay, (unsigned long long)bytes,
				events ? (double)bytes / (double)events : 0.0);
		}
	}
	background_free(out->background);
	render_free(out->render);
	score_free(out->score);
	memset(out, 0, sizeof(*out));
	return ok;
}

/* Open the drill and load its actions file (if any) into *actions; NULL
 * with the messages printed. */
static struct drill *drill_load(const char *scenario, const struct drill_cli *o, const char *network,
				struct action **actions, int *nactions)
{
	struct drill_options opts = { scenario, network, o->seed, o->seed_given };
	struct diag errs;
	struct drill *d;

	*actions = NULL;
	*nactions = 0;
	diag_init(&errs);
	d = drill_open(&opts, &errs);
	if (d && o->actions) {
		*nactions = action_load_file(d->net, o->actions, actions, &errs);
		if (*nactions < 0) {
			*nactions = 0;
			drill_free(d);
			d = NULL;
		}
	}
	if (d == NULL)
		diag_print(&errs, stderr);
	diag_free(&errs);
	return d;
}

/* Team actions go to the store before they are applied: each scripted
 * action is committed as it falls due, with what the drill made of it,
 * except the first done, which a resumed exercise holds already. */
struct drill_record {
	struct store *store;
	int seen, done;
	bool white_all; /* commits the white cell's controls for every world */
};

/* Does a world commit this action?  Its team's, the white cell's for its
 * team, and (white_all: the first world) those for every team; a
 * parallel world takes the last kind without committing it again. */
static bool drill_world_commits(const struct drill_record *rec, const struct action *a)
{
	char team[ACTION_TEAM_MAX];

	return !whitecell_is(a) || rec->white_all || whitecell_for(a, team, sizeof(team))[0] != '\0';
}

/*
 * One province a drill is played in: the only one of a shared drill, or
 * one team's own copy in a parallel one (the same scenario, network and
 * seed, so the same attack), with what its team does and what it writes.
 */
struct drill_world {
	struct drill *d;
	struct drill_cli o;     /* the run's options as this world takes them: its teams, --out, --replay */
	char out_dir[PATH_MAX], replay[PATH_MAX];
	const char *names[DRILL_TEAMS_MAX];
	struct teams teams;     /* its teams and zones, checked on its action path */
	struct action *actions; /* queued when it plays */
	int nactions;
	/* A resumed drill's actions typed on the console (the team's and the
	 * white cell's), in the order committed: each is queued again once
	 * the drill has run to its time, as the console queued it. */
	struct action *typed;
	int ntyped;
	struct drill_record rec;
	struct drill_outputs out;
};

/* The drill's hook as a scripted action falls due; false (the drill
 * halts before the action) if the store refused it. */
static bool drill_commit_action(void *ctx, struct drill *d, const struct action *a, const char *refused)
{
	struct drill_record *rec = ctx;
	char command[ACTION_VALUE_MAX + 128];

	if (!drill_world_commits(rec, a))
		return true;
	if (rec->seen++ < rec->done)
		return true;
	action_format(d->net, a, command, sizeof(command));
	if (store_action_add(rec->store, a->team, a->time, command, refused ? refused : "ok") != 0) {
		fprintf(stderr, "irdrill: %s\n", store_error(rec->store));
		return false;
	}
	return true;
}

/* Has every world played to its end (or one of them halted)? */
static bool drill_worlds_finished(const struct drill_world *w, int n)
{
	bool done = true;

	for (int i = 0; i < n; i++) {
		if (w[i].d->halted)
			return true;
		done = done && drill_finished(w[i].d);
	}
	return done;
}

/* The earliest event due in any world, or NULL. */
static const struct simq_entry *drill_worlds_next(const struct drill_world *w, int n)
{
	const struct simq_entry *next = NULL;

	for (int i = 0; i < n; i++) {
		const struct simq_entry *e = simq_peek(&w[i].d->queue);

		if (e && (next == NULL || e->time < next->time))
			next = e;
	}
	return next;
}

/* Run every world up to t in step, one moment at a time: the team
 * actions reach the store in time order (ties in team order) at any
 * pace, so a resumed drill finds them as the first run left them. */
static void drill_worlds_run_until(struct drill_world *w, int n, sim_time_t t)
{
	const struct simq_entry *next;

	if (n == 1) {
		drill_run_until(w[0].d, t);
		return;
	}
	if (t > w[0].d->end)
		t = w[0].d->end;
	while ((next = drill_worlds_next(w, n)) != NULL && next->time < t) {
		sim_time_t at = next->time;

		for (int i = 0; i < n; i++) {
			drill_run_until(w[i].d, at);
			if (w[i].d->halted)
				return;
		}
	}
	for (int i = 0; i < n && !w[i].d->halted; i++)
		drill_run_until(w[i].d, t);
}

/* Run opened worlds with their actions queued to the end at o's speed,
 * from simulated time start (reached flat out); false if one halted (the
 * store refused an action). */
static bool drill_play(struct drill_world *w, int n, const struct drill_cli *o, sim_time_t start)
{
	struct drill_outputs *out = &w[0].out; /* its --syslog: only a single world forwards */
	struct pace pace;
	char err[1200];
	bool halted = false;

	for (;;) {
		int next = -1;

		for (int i = 0; i < n; i++)
			if (w[i].ntyped > 0 && (next < 0 || w[i].typed[0].time < w[next].typed[0].time))
				next = i;
		if (next < 0 || w[next].d->halted)
			break;
		/* Everything due up to its time has run when it is typed. */
		drill_worlds_run_until(w, n, w[next].typed[0].time);
		drill_add_actions(w[next].d, w[next].typed, 1);
		drill_run_until(w[next].d, w[next].typed[0].time);
		memmove(w[next].typed, w[next].typed + 1, (size_t)--w[next].ntyped * sizeof(*w[next].typed));
	}
	if (start > 0)
		drill_worlds_run_until(w, n, start);
	pace_init(&pace, w[0].d->now, drill_wall_us(), o->speed);
	while (!drill_worlds_finished(w, n)) {
		const struct simq_entry *next;
		sim_time_t target = pace_target(&pace, drill_wall_us());
		int64_t due;

		/* Forwarding at full speed goes a simulated minute at a time
		 * so the receiver can keep up. */
		if (out->forward && o->speed == PACE_SPEED_MAX && target > w[0].d->now + SIM_MINUTE)
			target = w[0].d->now + SIM_MINUTE;
		drill_worlds_run_until(w, n, target);
		if (out->forward && o->speed == PACE_SPEED_MAX)
			forward_keep_up(out->forward, drill_wall_us);
		else if (out->forward)
			forward_flush(out->forward, drill_wall_us());
		next = drill_worlds_next(w, n);
		if (o->speed == PACE_SPEED_MAX || next == NULL)
			continue;
		for (int i = 0; i < n; i++) {
			/* A shipper tailing the files sees whole lines at least
			 * every wake-up. */
			if (w[i].out.files)
				sink_files_flush(w[i].out.files, err, sizeof(err));
			/* A crash loses at most the last second of the replay. */
			if (w[i].out.replay && drill_wall_us() - w[i].out.replay_synced >= 1000000) {
				replay_writer_sync(w[i].out.replay, err, sizeof(err));
				w[i].out.replay_synced = drill_wall_us();
			}
		}
		/* Wake when the next event is due, or at least every 100 ms so a
		 * front end stays responsive. */
		due = pace_wall_until(&pace, next->time) - drill_wall_us();
		if (due > 0)
			drill_sleep_us(due < 100000 ? due : 100000);
	}
	/* Nothing left to happen: each drill still ends at its duration, as
	 * a flat-out run does, whatever the pace. */
	for (int i = 0; i < n; i++) {
		if (!w[i].d->halted)
			drill_run_until(w[i].d, w[i].d->end);
		halted = halted || w[i].d->halted;
	}
	return !halted;
}

/* Play an opened drill in the live console, for the white cell and the
 * first team, at x1 unless --speed says otherwise; false if the terminal
 * could not be set up or the drill halted. */
static bool drill_console(struct drill *d, const struct drill_cli *o, struct score *score, const struct teams *teams)
{
	struct ui_console_options uo = { o->as ? o->as : o->teams[0], o->vi, o->speed_given ? o->speed : 1, score,
					  o->as != NULL, NULL, teams };

	if (!ui_i18n_init(o->vi))
		fprintf(stderr, "irdrill: no Vietnamese catalogue (irdrill.mo) beside the binary; "
			"the console speaks English\n");
	return ui_console_run(d, &uo) == 0 && !d->halted;
}

/* Every scripted action's team is one of the drill's; false with the
 * messages printed. */
static bool drill_check_teams(const struct drill_cli *o, const struct action *v, int n)
{
	bool ok = true;

	for (int i = 0; i < n; i++) {
		char named[ACTION_TEAM_MAX];
		const char *team = v[i].team;
		int t = 0;

		/* A mark or message of the white cell's names a team too. */
		if (whitecell_is(&v[i]) && *(team = whitecell_for(&v[i], named, sizeof(named))) == '\0')
			continue;
		while (t < o->nteams && strcmp(o->teams[t], team) != 0)
			t++;
		if (t == o->nteams) {
			if (whitecell_is(&v[i]))
				fprintf(stderr, "%s:%d: the white cell's control names team '%s', not one of the drill's "
					"teams (%s", o->actions, v[i].line, team, o->teams[0]);
			else
				fprintf(stderr, "%s:%d: team '%s' is not one of the drill's teams (%s", o->actions,
					v[i].line, team, o->teams[0]);
			for (t = 1; t < o->nteams; t++)
				fprintf(stderr, ",%s", o->teams[t]);
			fprintf(stderr, "); name every team with --teams\n");
			ok = false;
		}
	}
	return ok;
}

/* The absolute path and SHA-256 of a file a drill is played from; false
 * with a message. */
static bool drill_fingerprint(const char *path, char **abs, char **hex)
{
	char buf[PATH_MAX], digest[SHA256_HEX_SIZE];

	if (realpath(path, buf) == NULL || sha256_file_hex(buf, digest) != 0) {
		fprintf(stderr, "irdrill: %s: %s\n", path, strerror(errno));
		return false;
	}
	*abs = xstrdup(buf);
	*hex = xstrdup(digest);
	return true;
}

/* Record a new exercise for an opened drill; false with a message. */
static bool drill_begin_exercise(struct drill *d, const struct drill_cli *o, const char *scenario,
				 const char *network, struct store *st, char id[STORE_ID_SIZE])
{
	struct store_exercise ex = { 0 };
	char *teams[DRILL_TEAMS_MAX], *zones[DRILL_TEAMS_MAX];
	bool ok = false;

	if (!drill_fingerprint(scenario, &ex.scenario_path, &ex.scenario_sha256) ||
	    !drill_fingerprint(network, &ex.network_path, &ex.network_sha256) ||
	    (o->actions && !drill_fingerprint(o->actions, &ex.actions_path, &ex.actions_sha256)))
		goto done;
	for (int i = 0; i < o->nteams; i++) {
		teams[i] = (char *)o->teams[i];
		zones[i] = (char *)o->zones[i];
	}
	ex.teams = teams;
	ex.zones = zones;
	ex.nteams = o->nteams;
	ex.seed = d->seed;
	ex.mode = (char *)teams_mode_name(o->mode);
	ex.background = o->background;
	ex.speed = o->speed;
	if (store_exercise_begin(st, &ex) != 0) {
		fprintf(stderr, "irdrill: %s\n", store_error(st));
		goto done;
	}
	fprintf(stderr, "irdrill: exercise %s in %s (irdrill resume %s%.8s continues it if the drill is cut short)\n",
		ex.id, drill_cli_db(o), o->front ? "--serve " : "", ex.id);
	memcpy(id, ex.id, STORE_ID_SIZE);
	ok = true;
done:
	free(ex.scenario_path), free(ex.scenario_sha256);
	free(ex.network_path), free(ex.network_sha256);
	free(ex.actions_path), free(ex.actions_sha256);
	return ok;
}

/* Each score change goes to the store as it is made; an expectation's
 * row also settles its status there (met for any points, else missed). */
static void drill_store_score(void *ctx, const struct score_row *row)
{
	struct store *st = ctx;
	int rc = store_score_add(st, row->team, row->time, row->component, row->points, row->reason,
				 row->expectation[0] ? row->expectation : NULL);

	if (rc == 0 && row->expectation[0])
		rc = store_expectation_set(st, row->team, row->expectation, row->points > 0 ? "met" : "missed",
					   row->time);
	if (rc != 0)
		fprintf(stderr, "irdrill: %s\n", store_error(st));
}

/* The zones' check on a world's action path (shared mode), and triage
 * only of alerts the team's sensors raised. */
static int drill_check_zones(void *ctx, const struct drill *d, const struct action *a, char *err, size_t errlen)
{
	int i = a->verb == ACTION_ACK || a->verb == ACTION_CLASSIFY ? alerts_find(d->alerts, a->alert) : -1;

	if (teams_check(ctx, a, err, errlen) != 0)
		return -1;
	return teams_check_alert(ctx, a, i >= 0 ? alerts_get(d->alerts, i) : NULL, err, errlen);
}

/* "DIR/TEAM" for a parallel world's --out, "drill-TEAM.irr" beside
 * "drill.irr" for its --replay; false if it does not fit. */
static bool drill_world_path(const char *path, const char *team, bool dir, char *buf, size_t size)
{
	const char *base = strrchr(path, '/'), *dot;
	int n;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dir)
		n = snprintf(buf, size, "%s/%s", path, team);
	else if (dot && dot != base)
		n = snprintf(buf, size, "%.*s-%s%s", (int)(dot - path), path, team, dot);
	else
		n = snprintf(buf, size, "%s-%s", path, team);
	return n >= 0 && (size_t)n < size;
}

static void drill_worlds_free(struct drill_world *w, int n)
{
	for (int i = 0; i < n && w; i++) {
		drill_free(w[i].d);
		free(w[i].actions);
		free(w[i].typed);
	}
	free(w);
}

/*
 * The worlds of a drill: one for every team in parallel mode, one for
 * them all in shared mode, each opened with its teams' share of the
 * scripted actions and its teams' zones checked on its action path.
 * NULL with the messages printed and *status the exit status.
 */
static struct drill_world *drill_worlds_open(const struct drill_cli *o, const char *scenario, const char *network,
					     int *nworlds, int *status)
{
	int n = o->mode == TEAMS_PARALLEL ? o->nteams : 1;
	struct drill_world *w = xcalloc((size_t)n, sizeof(*w));
	char why[600];

	*status = CLI_ERROR;
	for (int i = 0; i < n; i++) {
		struct drill_world *x = &w[i];
		struct action *all;
		int nall;

		x->o = *o;
		if (n > 1) {
			x->o.nteams = 1;
			memcpy(x->o.teams[0], o->teams[i], sizeof(x->o.teams[0]));
			memcpy(x->o.zones[0], o->zones[i], sizeof(x->o.zones[0]));
			if ((o->out && !drill_world_path(o->out, o->teams[i], true, x->out_dir, sizeof(x->out_dir))) ||
			    (o->replay && !drill_world_path(o->replay, o->teams[i], false, x->replay, sizeof(x->replay)))) {
				fprintf(stderr, "irdrill: team %s's --out or --replay path is too long\n", o->teams[i]);
				goto fail;
			}
			x->o.out = o->out ? x->out_dir : NULL;
			x->o.replay = o->replay ? x->replay : NULL;
		}
		x->d = drill_load(scenario, o, network, &all, &nall);
		if (x->d == NULL)
			goto fail;
		if (i == 0 && !drill_check_teams(o, all, nall)) {
			free(all);
			goto fail;
		}
		x->actions = xcalloc((size_t)nall + 1, sizeof(*x->actions));
		for (int a = 0; a < nall; a++) {
			char team[ACTION_TEAM_MAX];

			/* The white cell's controls for a team go to its world,
			 * the others to every world. */
			if (n == 1 || strcmp(all[a].team, x->o.teams[0]) == 0 ||
			    (whitecell_is(&all[a]) && (whitecell_for(&all[a], team, sizeof(team))[0] == '\0' ||
							strcmp(team, x->o.teams[0]) == 0)))
				x->actions[x->nactions++] = all[a];
		}
		x->rec.white_all = i == 0;
		free(all);
		x->teams.mode = o->mode;
		for (int t = 0; t < x->o.nteams; t++) {
			x->names[t] = x->o.teams[t];
			if (teams_add(&x->teams, x->o.teams[t], x->o.zones[t], why, sizeof(why)) != 0) {
				fprintf(stderr, "irdrill: --teams: %s\n", why);
				goto fail;
			}
		}
		if (teams_resolve(&x->teams, x->d->net, why, sizeof(why)) != 0) {
			fprintf(stderr, "irdrill: %s\n", why);
			*status = CLI_USAGE;
			goto fail;
		}
		drill_on_check(x->d, drill_check_zones, &x->teams);
	}
	*nworlds = n;
	return w;
fail:
	drill_worlds_free(w, n);
	return NULL;
}

/* Each team's points by component, gathered from the worlds of a
 * parallel drill to print side by side. */
struct drill_summary {
	char components[16][24];
	int ncomponents;
	int points[DRILL_TEAMS_MAX][16];
	int total[DRILL_TEAMS_MAX];
};

static void drill_summary_add(struct drill_summary *sum, int world, const struct score *sc)
{
	for (int r = 0; r < score_nrows(sc); r++) {
		const struct score_row *row = score_row(sc, r);
		int c = 0;

		while (c < sum->ncomponents && strcmp(sum->components[c], row->component) != 0)
			c++;
		if (c == sum->ncomponents) {
			if (c == 16)
				continue;
			snprintf(sum->components[c], sizeof(sum->components[c]), "%s", row->component);
			sum->ncomponents++;
		}
		sum->points[world][c] += row->points;
		sum->total[world] += row->points;
	}
}

static void drill_summary_print(const struct drill_summary *sum, const struct drill_world *w, int n, FILE *out)
{
	fprintf(out, "\nscores side by side (parallel: each team defended its own copy of the province "
		"against the same attack)\n  %-16s", "component");
	for (int i = 0; i < n; i++)
		fprintf(out, " %10s", w[i].o.teams[0]);
	fputc('\n', out);
	for (int c = 0; c < sum->ncomponents; c++) {
		fprintf(out, "  %-16s", sum->components[c]);
		for (int i = 0; i < n; i++)
			fprintf(out, " %+10d", sum->points[i][c]);
		fputc('\n', out);
	}
	fprintf(out, "  %-16s", "total");
	for (int i = 0; i < n; i++)
		fprintf(out, " %10d", sum->total[i]);
	fputc('\n', out);
}

/* Play loaded worlds recorded in store st to their end, after a flat-out
 * run to start: each world's actions are queued, and committed as they
 * fall due but for the first rec.done.  Prints each world's timeline and
 * scores (and, for several, the scores side by side) and ends the
 * exercise; returns the exit status. */
static int drill_record_play(struct drill_world *w, int n, const struct drill_cli *o,
			     const struct replay_origin *origin, struct store *st, sim_time_t start)
{
	struct drill_summary sum;
	int opened = 0, rc = CLI_OK;
	bool ok = true;

	if (n > 1 && o->out)
		mkdir(o->out, 0777); /* DIR/TEAM: its failure is the sink's to report */
	for (; opened < n && ok; opened++) {
		struct drill_world *x = &w[opened];
		struct replay_origin wo = *origin;
		const char *zones[DRILL_TEAMS_MAX];

		for (int t = 0; t < x->o.nteams; t++)
			zones[t] = x->o.zones[t];
		wo.teams = x->names;
		wo.nteams = x->o.nteams;
		wo.zones = zones; /* copied into the header as the replay opens */
		x->rec.store = st;
		drill_add_actions(x->d, x->actions, x->nactions);
		drill_on_action(x->d, drill_commit_action, &x->rec);
		ok = drill_outputs_open(x->d, &x->o, &wo, &x->out);
		if (ok)
			score_listen(x->out.score, drill_store_score, st);
	}
	if (!ok) {
		for (int i = 0; i < opened; i++)
			drill_outputs_close(w[i].d, &w[i].out, &w[i].o, i == opened - 1 ? stdout : NULL);
		return CLI_ERROR;
	}
	if (o->front) {
		struct drill_front f = { w[0].d, st, w[0].out.score, origin->exercise, origin->scenario_path,
					 origin->network_path, o, w[0].rec.done, start };

		/* A served drill's actions all came from its consoles: queued
		 * again, the front takes them up to start (serve.c). */
		drill_add_actions(w[0].d, w[0].typed, w[0].ntyped);
		w[0].ntyped = 0;

		ok = o->front(&f);
	} else {
		ok = o->headless ? drill_play(w, n, o, start) : drill_console(w[0].d, o, w[0].out.score, &w[0].teams);
	}
	if (!ok) {
		for (int i = 0; i < n; i++)
			drill_outputs_close(w[i].d, &w[i].out, &w[i].o, NULL);
		return CLI_ERROR;
	}
	memset(&sum, 0, sizeof(sum));
	for (int i = 0; i < n; i++) {
		if (n > 1)
			printf("%s== team %s, in its own province ==\n", i ? "\n" : "", w[i].o.teams[0]);
		timeline_print(w[i].d, stdout);
		score_finish(w[i].out.score);
		score_print(w[i].out.score, stdout);
		drill_summary_add(&sum, i, w[i].out.score);
		if (!drill_outputs_close(w[i].d, &w[i].out, &w[i].o, stdout))
			rc = CLI_ERROR;
	}
	if (n > 1)
		drill_summary_print(&sum, w, n, stdout);
	/* Finished only once the timeline is out: a drill killed before that
	 * is resumed and prints it again. */
	fflush(stdout);
	if (store_exercise_end(st) != 0) {
		fprintf(stderr, "irdrill: %s\n", store_error(st));
		rc = CLI_ERROR;
	}
	return rc;
}

int drill_cli_exercise(const struct drill_cli *o, const char *scenario, const char *network)
{
	struct store *st = NULL;
	struct drill_world *w;
	char err[1200], id[STORE_ID_SIZE];
	struct replay_origin origin = { id, scenario, network, teams_mode_name(o->mode), NULL, 0, o->background, NULL };
	int n = 0, rc;

	w = drill_worlds_open(o, scenario, network, &n, &rc);
	if (w == NULL)
		return rc;
	rc = CLI_ERROR;
	/* Only a drill that loaded creates the store file. */
	st = store_open(drill_cli_db(o), true, err, sizeof(err));
	if (st == NULL) {
		fprintf(stderr, "irdrill: %s\n", err);
		goto done;
	}
	if (!drill_begin_exercise(w[0].d, o, scenario, network, st, id))
		goto done;
	rc = drill_record_play(w, n, o, &origin, st, 0);
done:
	store_close(st);
	drill_worlds_free(w, n);
	return rc;
}

/*
 * A committed action as the drill takes it again: parsed back from the
 * store into *out.  *scripted is whether it is the actions file's next
 * one (the file's SHA-256 matches, so it is, unless typed on the
 * console).  False with a message if it does not parse.
 */
static bool drill_committed_action(const struct drill *d, const char *exercise, const struct store_action *row,
				   const struct action *next, struct action *out, bool *scripted)
{
	char err[256], stored[ACTION_VALUE_MAX + 128], listed[ACTION_VALUE_MAX + 128];

	if (action_parse_for(d->net, row->team, row->command, false, out, err, sizeof(err)) != 0) {
		fprintf(stderr, "irdrill: exercise %s: action %d in the store ('%s') does not parse: %s\n", exercise,
			row->seq, row->command, err);
		return false;
	}
	out->time = row->time;
	out->line = 0;
	if (!whitecell_is(out))
		snprintf(out->team, sizeof(out->team), "%s", row->team);
	action_format(d->net, out, stored, sizeof(stored));
	if (next)
		action_format(d->net, next, listed, sizeof(listed));
	*scripted = next && next->time == out->time && strcmp(next->team, out->team) == 0 &&
		    strcmp(stored, listed) == 0;
	return true;
}

int drill_cli_resume(const struct drill_cli *o, struct store *st, const struct store_exercise *ex)
{
	struct store_action *rows = NULL;
	struct drill_world *w;
	sim_time_t start = 0;
	int n = 0, nrows = 0, taken = 0, rc;
	char when[32] = "T+00:00:00";
	struct replay_origin origin = { ex->id, ex->scenario_path, ex->network_path, teams_mode_name(o->mode), NULL, 0,
					o->background, NULL };

	w = drill_worlds_open(o, ex->scenario_path, ex->network_path, &n, &rc);
	if (w == NULL)
		return rc;
	rc = CLI_ERROR;
	if (store_actions_load(st, ex->id, &rows, &nrows) != 0) {
		fprintf(stderr, "irdrill: %s\n", store_error(st));
		goto done;
	}
	/* In each world, the actions it commits (its teams' and the white
	 * cell's it commits) as the store has them are the first of its
	 * queue's, in the order the first run queued them; the queue plays
	 * again as it is, so the re-simulation is the same run. */
	for (int i = 0; i < n; i++) {
		struct drill_world *x = &w[i];
		int k = 0, j = 0;

		for (int r = 0; r < nrows; r++) {
			struct action parsed;
			char team[ACTION_TEAM_MAX];

			if (n > 1 && strcmp(rows[r].team, x->o.teams[0]) != 0 &&
			    !(whitecell_is_team(rows[r].team) &&
			      action_parse_for(x->d->net, rows[r].team, rows[r].command, false, &parsed, team,
					       sizeof(team)) == 0 &&
			      (strcmp(whitecell_for(&parsed, team, sizeof(team)), x->o.teams[0]) == 0 ||
			       (team[0] == '\0' && x->rec.white_all))))
				continue;
			bool scripted;

			while (j < x->nactions && !drill_world_commits(&x->rec, &x->actions[j]))
				j++;
			if (!drill_committed_action(x->d, ex->id, &rows[r], j < x->nactions ? &x->actions[j] : NULL,
						    &parsed, &scripted))
				goto done;
			if (rows[r].time > start)
				start = rows[r].time;
			if (scripted) {
				j++;
			} else {
				/* Typed on the console: queued again at its time. */
				x->typed = xrealloc(x->typed, (size_t)(x->ntyped + 1) * sizeof(*x->typed));
				x->typed[x->ntyped++] = parsed;
			}
			k++;
		}
		x->rec.done = k;
		taken += k;
	}
	if (taken != nrows) {
		fprintf(stderr, "irdrill: exercise %s: %d of its %d actions in the store belong to none of its teams\n",
			ex->id, nrows - taken, nrows);
		goto done;
	}
	if (store_exercise_reopen(st, ex) != 0) {
		fprintf(stderr, "irdrill: %s\n", store_error(st));
		goto done;
	}
	simclock_format_elapsed(start, when, sizeof(when));
	fprintf(stderr, "irdrill: resuming exercise %s: %d action%s (the teams' and the white cell's) taken up to %s\n",
		ex->id, nrows, nrows == 1 ? "" : "s", when);
	rc = drill_record_play(w, n, o, &origin, st, start);
done:
	store_actions_free(rows, nrows);
	drill_worlds_free(w, n);
	return rc;
}

int cmd_run(const struct cli_cmd *cmd, int argc, char **argv)
{
	char network[PATH_MAX], scenario[PATH_MAX];
	const char *scenario_path, *network_path;
	struct drill_cli o;
	int rc = drill_cli_options(cmd, argc, argv, &o);

	if (rc)
		return rc;
	if (argc - optind > 1)
		return cli_bad_usage(cmd, "one scenario at most");
	if (!o.headless && !ui_console_possible()) {
		fprintf(stderr, "irdrill: the live console needs a terminal (stdin and stdout); "
			"without one, use irdrill run --headless [SCENARIO]\n");
		return CLI_USAGE;
	}
	network_path = drill_cli_network(&o, network, sizeof(network));
	scenario_path = optind < argc ? argv[optind] :
			paths_scenario_file(DRILL_DEFAULT_SCENARIO, scenario, sizeof(scenario));
	if (network_path == NULL || scenario_path == NULL)
		return CLI_ERROR;
	return drill_cli_exercise(&o, scenario_path, network_path);
}

int cmd_check(const struct cli_cmd *cmd, int argc, char **argv)
{
	char network[PATH_MAX];
	const char *network_path;
	struct drill_cli o;
	int rc = drill_cli_options(cmd, argc, argv, &o), failed = 0;

	if (rc)
		return rc;
	if (optind >= argc)
		return cli_bad_usage(cmd, "name at least one scenario file");
	network_path = drill_cli_network(&o, network, sizeof(network));
	if (network_path == NULL)
		return CLI_ERROR;
	for (int i = optind; i < argc; i++) {
		struct drill_world *w;
		struct action *actions;
		int n;
		struct drill *d = drill_load(argv[i], &o, network_path, &actions, &n);

		if (d == NULL) {
			failed++;
			continue;
		}
		drill_add_actions(d, actions, n);
		free(actions);
		w = xcalloc(1, sizeof(*w));
		w->d = d;
		if (!drill_outputs_open(d, &o, NULL, &w->out)) {
			drill_outputs_close(d, &w->out, &o, NULL);
			drill_worlds_free(w, 1);
			failed++;
			continue;
		}
		drill_play(w, 1, &o, 0);
		timeline_print(d, stdout);
		for (size_t e = 0; e < d->nentries; e++)
			if (d->entries[e].kind == DRILL_ERROR)
				fprintf(stderr, "%s\n", d->entries[e].detail);
		drill_outputs_close(d, &w->out, &o, NULL);
		failed += d->errors > 0;
		drill_worlds_free(w, 1);
		if (i + 1 < argc)
			putchar('\n');
	}
	if (failed)
		fprintf(stderr, "irdrill check: %d of %d scenarios failed\n", failed, argc - optind);
	return failed ? CLI_ERROR : CLI_OK;
}
