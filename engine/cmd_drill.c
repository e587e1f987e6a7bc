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
 * the same loop.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* --teams NAME[,NAME...]: names an actions file can use as one word. */
static bool drill_parse_teams(const char *list, struct drill_cli *o, char *why, size_t size)
{
	const char *p = list;

	o->nteams = 0;
	for (;;) {
		size_t n = strcspn(p, ",");

		if (n == 0) {
			snprintf(why, size, "--teams '%s' has an empty name", list);
			return false;
		}
		if (n >= ACTION_TEAM_MAX) {
			snprintf(why, size, "--teams: '%.*s' is longer than %d bytes", (int)n, p, ACTION_TEAM_MAX - 1);
			return false;
		}
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)p[i] <= ' ' || p[i] == '#' || p[i] == 0x7f) {
				snprintf(why, size, "--teams: '%.*s' holds a space, a control character or '#'",
					 (int)n, p);
				return false;
			}
		if (o->nteams == DRILL_TEAMS_MAX) {
			snprintf(why, size, "--teams: more than %d teams", DRILL_TEAMS_MAX);
			return false;
		}
		snprintf(o->teams[o->nteams], ACTION_TEAM_MAX, "%.*s", (int)n, p);
		for (int i = 0; i < o->nteams; i++)
			if (strcmp(o->teams[i], o->teams[o->nteams]) == 0) {
				snprintf(why, size, "--teams names '%s' twice", o->teams[i]);
				return false;
			}
		o->nteams++;
		if (p[n] == '\0')
			return true;
		p += n + 1;
	}
}

const char *drill_cli_db(const struct drill_cli *o)
{
	const char *env = getenv("IRDRILL_DB");

	if (o->db)
		return o->db;
	return env && *env ? env : DRILL_DEFAULT_DB;
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
		{ NULL, 0, NULL, 0 },
	};
	int c;
	bool is_serve = strcmp(cmd->name, "serve") == 0;
	bool is_run = strcmp(cmd->name, "run") == 0 || is_serve;
	char why[160];

	memset(o, 0, sizeof(*o));
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
		default: /* ':' or '?' */
			return cli_bad_option(cmd, c, argv[optind - 1]);
		}
	}
	return 0;
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
};

/* The drill's hook as a scripted action falls due; false (the drill
 * halts before the action) if the store refused it. */
static bool drill_commit_action(void *ctx, struct drill *d, const struct action *a, const char *refused)
{
	struct drill_record *rec = ctx;
	char command[ACTION_VALUE_MAX + 128];

	if (rec->seen++ < rec->done)
		return true;
	action_format(d->net, a, command, sizeof(command));
	if (store_action_add(rec->store, a->team, a->time, command, refused ? refused : "ok") != 0) {
		fprintf(stderr, "irdrill: %s\n", store_error(rec->store));
		return false;
	}
	return true;
}

/* Run an opened drill with its actions queued to the end at o's speed,
 * from simulated time start (reached flat out); false if it halted (the
 * store refused an action). */
static bool drill_play(struct drill *d, const struct drill_cli *o, struct drill_outputs *out, sim_time_t start)
{
	struct pace pace;
	char err[1200];

	if (start > 0)
		drill_run_until(d, start);
	pace_init(&pace, d->now, drill_wall_us(), o->speed);
	while (!drill_finished(d)) {
		const struct simq_entry *next;
		sim_time_t target = pace_target(&pace, drill_wall_us());
		int64_t due;

		/* Forwarding at full speed goes a simulated minute at a time
		 * so the receiver can keep up. */
		if (out->forward && o->speed == PACE_SPEED_MAX && target > d->now + SIM_MINUTE)
			target = d->now + SIM_MINUTE;
		drill_run_until(d, target);
		if (out->forward && o->speed == PACE_SPEED_MAX)
			forward_keep_up(out->forward, drill_wall_us);
		else if (out->forward)
			forward_flush(out->forward, drill_wall_us());
		next = simq_peek(&d->queue);
		if (o->speed == PACE_SPEED_MAX || next == NULL)
			continue;
		/* A shipper tailing the files sees whole lines at least every
		 * wake-up. */
		if (out->files)
			sink_files_flush(out->files, err, sizeof(err));
		/* A crash loses at most the last second of the replay. */
		if (out->replay && drill_wall_us() - out->replay_synced >= 1000000) {
			replay_writer_sync(out->replay, err, sizeof(err));
			out->replay_synced = drill_wall_us();
		}
		/* Wake when the next event is due, or at least every 100 ms so a
		 * front end stays responsive. */
		due = pace_wall_until(&pace, next->time) - drill_wall_us();
		if (due > 0)
			drill_sleep_us(due < 100000 ? due : 100000);
	}
	return !d->halted;
}

/* Play an opened drill in the live console, for the white cell and the
 * first team, at x1 unless --speed says otherwise; false if the terminal
 * could not be set up or the drill halted. */
static bool drill_console(struct drill *d, const struct drill_cli *o, const struct score *score)
{
	struct ui_console_options uo = { o->teams[0], o->vi, o->speed_given ? o->speed : 1, score, NULL };

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
		int t = 0;

		while (t < o->nteams && strcmp(o->teams[t], v[i].team) != 0)
			t++;
		if (t == o->nteams) {
			fprintf(stderr, "%s:%d: team '%s' is not one of the drill's teams (%s", o->actions, v[i].line,
				v[i].team, o->teams[0]);
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
	char *teams[DRILL_TEAMS_MAX];
	bool ok = false;

	if (!drill_fingerprint(scenario, &ex.scenario_path, &ex.scenario_sha256) ||
	    !drill_fingerprint(network, &ex.network_path, &ex.network_sha256) ||
	    (o->actions && !drill_fingerprint(o->actions, &ex.actions_path, &ex.actions_sha256)))
		goto done;
	for (int i = 0; i < o->nteams; i++)
		teams[i] = (char *)o->teams[i];
	ex.teams = teams;
	ex.nteams = o->nteams;
	ex.seed = d->seed;
	ex.mode = "shared";
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

/* Play a loaded drill recorded in store st to its end, after a flat-out
 * run to start: the actions are queued, and committed as they fall due
 * but for the first done.  Prints the timeline and ends the exercise;
 * returns the exit status. */
static int drill_record_play(struct drill *d, const struct drill_cli *o, const struct replay_origin *origin,
			     struct store *st, const struct action *actions, int n, int done, sim_time_t start)
{
	struct drill_record rec = { st, 0, done };
	struct drill_outputs out;
	bool ok;
	int rc;

	drill_add_actions(d, actions, n);
	drill_on_action(d, drill_commit_action, &rec);
	if (!drill_outputs_open(d, o, origin, &out)) {
		drill_outputs_close(d, &out, o, stdout);
		return CLI_ERROR;
	}
	score_listen(out.score, drill_store_score, st);
	if (o->front) {
		struct drill_front f = { d, st, out.score, origin->exercise, origin->scenario_path,
					 origin->network_path, o, done, start };

		ok = o->front(&f);
	} else {
		ok = o->headless ? drill_play(d, o, &out, start) : drill_console(d, o, out.score);
	}
	if (!ok) {
		drill_outputs_close(d, &out, o, NULL);
		return CLI_ERROR;
	}
	timeline_print(d, stdout);
	score_finish(out.score);
	score_print(out.score, stdout);
	rc = drill_outputs_close(d, &out, o, stdout) ? CLI_OK : CLI_ERROR;
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
	struct action *actions;
	struct store *st = NULL;
	struct drill *d;
	char err[1200], id[STORE_ID_SIZE];
	const char *teams[DRILL_TEAMS_MAX];
	struct replay_origin origin = { id, scenario, network, "shared", teams, o->nteams, o->background };
	int n, rc = CLI_ERROR;

	d = drill_load(scenario, o, network, &actions, &n);
	if (d == NULL)
		return CLI_ERROR;
	if (!drill_check_teams(o, actions, n))
		goto done;
	/* Only a drill that loaded creates the store file. */
	st = store_open(drill_cli_db(o), true, err, sizeof(err));
	if (st == NULL) {
		fprintf(stderr, "irdrill: %s\n", err);
		goto done;
	}
	if (!drill_begin_exercise(d, o, scenario, network, st, id))
		goto done;
	for (int i = 0; i < o->nteams; i++)
		teams[i] = o->teams[i];
	rc = drill_record_play(d, o, &origin, st, actions, n, 0, 0);
done:
	store_close(st);
	free(actions);
	drill_free(d);
	return rc;
}

/*
 * A committed action as the drill takes it again: parsed back from the
 * store, and the same as the actions file's at that place (the file's
 * SHA-256 matches, so only an edited store differs).  False with a
 * message.
 */
static bool drill_committed_action(const struct drill *d, const struct drill_cli *o, const char *exercise,
				   const struct store_action *row, const struct action *scripted, struct action *out)
{
	char err[256], stored[ACTION_VALUE_MAX + 128], listed[ACTION_VALUE_MAX + 128], when[32];

	simclock_format_elapsed(row->time, when, sizeof(when));
	if (action_parse(d->net, row->command, out, err, sizeof(err)) != 0) {
		fprintf(stderr, "irdrill: exercise %s: action %d in the store ('%s') does not parse: %s\n", exercise,
			row->seq, row->command, err);
		return false;
	}
	out->time = row->time;
	out->line = scripted ? scripted->line : 0;
	snprintf(out->team, sizeof(out->team), "%s", row->team);
	action_format(d->net, out, stored, sizeof(stored));
	if (scripted)
		action_format(d->net, scripted, listed, sizeof(listed));
	/* A served drill's actions came from its consoles, not a file. */
	if (o->serve && scripted == NULL)
		return true;
	if (scripted == NULL || scripted->time != out->time ||
	    strcmp(scripted->team, out->team) != 0 || strcmp(stored, listed) != 0) {
		fprintf(stderr, "irdrill: exercise %s: action %d in the store (%s %s %s: %s) is not the next one of %s\n",
			exercise, row->seq, when, row->team, row->command, row->result,
			o->actions ? o->actions : "its actions (it has no actions file)");
		return false;
	}
	return true;
}

int drill_cli_resume(const struct drill_cli *o, struct store *st, const struct store_exercise *ex)
{
	struct store_action *rows = NULL;
	struct action *scripted, *queue = NULL;
	sim_time_t start = 0;
	int nscripted, nrows = 0, rc = CLI_ERROR;
	char when[32] = "T+00:00:00";
	struct drill *d = drill_load(ex->scenario_path, o, ex->network_path, &scripted, &nscripted);
	const char *teams[DRILL_TEAMS_MAX];
	struct replay_origin origin = { ex->id, ex->scenario_path, ex->network_path, "shared", teams, o->nteams,
					o->background };

	if (d == NULL)
		return CLI_ERROR;
	if (!drill_check_teams(o, scripted, nscripted))
		goto done;
	for (int i = 0; i < o->nteams; i++)
		teams[i] = o->teams[i];
	if (store_actions_load(st, ex->id, &rows, &nrows) != 0) {
		fprintf(stderr, "irdrill: %s\n", store_error(st));
		goto done;
	}
	/* The committed actions, then the scripted ones still to come, in
	 * the order the first run queued them: the re-simulation is the
	 * same run. */
	queue = xcalloc((size_t)(nscripted > nrows ? nscripted : nrows) + 1, sizeof(*queue));
	for (int i = 0; i < nrows; i++) {
		if (!drill_committed_action(d, o, ex->id, &rows[i], i < nscripted ? &scripted[i] : NULL, &queue[i]))
			goto done;
		start = rows[i].time;
	}
	for (int i = nrows; i < nscripted; i++)
		queue[i] = scripted[i];
	if (store_exercise_reopen(st, ex) != 0) {
		fprintf(stderr, "irdrill: %s\n", store_error(st));
		goto done;
	}
	simclock_format_elapsed(start, when, sizeof(when));
	fprintf(stderr, "irdrill: resuming exercise %s: %d team action%s taken up to %s\n", ex->id, nrows,
		nrows == 1 ? "" : "s", when);
	/* A served drill has no actions file: its queue is the committed ones. */
	rc = drill_record_play(d, o, &origin, st, queue, nscripted > nrows ? nscripted : nrows, nrows, start);
done:
	store_actions_free(rows, nrows);
	free(queue);
	free(scripted);
	drill_free(d);
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
		struct drill_outputs out;
		struct action *actions;
		int n;
		struct drill *d = drill_load(argv[i], &o, network_path, &actions, &n);

		if (d == NULL) {
			failed++;
			continue;
		}
		drill_add_actions(d, actions, n);
		free(actions);
		if (!drill_outputs_open(d, &o, NULL, &out)) {
			drill_outputs_close(d, &out, &o, NULL);
			drill_free(d);
			failed++;
			continue;
		}
		drill_play(d, &o, &out, 0);
		timeline_print(d, stdout);
		for (size_t e = 0; e < d->nentries; e++)
			if (d->entries[e].kind == DRILL_ERROR)
				fprintf(stderr, "%s\n", d->entries[e].detail);
		drill_outputs_close(d, &out, &o, NULL);
		failed += d->errors > 0;
		drill_free(d);
		if (i + 1 < argc)
			putchar('\n');
	}
	if (failed)
		fprintf(stderr, "irdrill check: %d of %d scenarios failed\n", failed, argc - optind);
	return failed ? CLI_ERROR : CLI_OK;
}
