/*
 * cmd_store.c - the commands that read the exercise store: `irdrill
 * resume` continues a drill that was cut short, from what the store
 * recorded of it; `irdrill scores` prints an exercise's score table.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd_drill.h"
#include "pace.h"
#include "serve.h"
#include "sha256.h"
#include "simclock.h"
#include "store.h"

/* Options common to the store commands; returns 0, or the usage exit
 * status. */
static int store_cli_options(const struct cli_cmd *cmd, int argc, char **argv, struct drill_cli *o,
			     bool *speed_given)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "speed", required_argument, NULL, 'x' },
		{ "headless", no_argument, NULL, 'H' },
		{ "serve", no_argument, NULL, 'V' },
		{ "socket", required_argument, NULL, 'S' },
		{ "listen", required_argument, NULL, 'l' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	bool is_resume = strcmp(cmd->name, "resume") == 0;
	int c;

	memset(o, 0, sizeof(*o));
	*speed_given = false;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (*optarg == '\0')
				return cli_bad_usage(cmd, "--db needs a file name");
			o->db = optarg;
			break;
		case 'x':
			if (!is_resume)
				return cli_bad_usage(cmd, "unknown option '--speed'");
			if (!pace_speed_parse(optarg, &o->speed))
				return cli_bad_usage(cmd, "--speed '%s' is not 1, 2, … or max", optarg);
			*speed_given = true;
			break;
		case 'o':
			/* The re-simulation writes the sensor files anew, from
			 * the start: the same files as the run's. */
			if (!is_resume)
				return cli_bad_usage(cmd, "unknown option '--out'");
			o->out = optarg;
			break;
		case 'H':
			if (!is_resume)
				return cli_bad_usage(cmd, "unknown option '--headless'");
			o->headless = true;
			break;
		case 'V':
		case 'S':
		case 'l':
			/* A served drill goes on served (serve.h). */
			if (!is_resume)
				return cli_bad_usage(cmd, "unknown option '%s'", argv[optind - 1]);
			o->serve = true;
			if (c == 'S')
				o->socket = optarg;
			else if (c == 'l')
				o->listen = optarg;
			break;
		default: /* ':' or '?' */
			return cli_bad_option(cmd, c, argv[optind - 1]);
		}
	}
	return 0;
}

/* A file the exercise was played from still has the bytes it had then;
 * false with a message. */
static bool store_cli_unchanged(const char *exercise, const char *what, const char *path, const char *recorded)
{
	char now[SHA256_HEX_SIZE];

	if (sha256_file_hex(path, now) != 0) {
		fprintf(stderr, "irdrill: exercise %s: cannot read its %s %s: %s\n", exercise, what, path,
			strerror(errno));
		return false;
	}
	if (strcmp(now, recorded) != 0) {
		fprintf(stderr, "irdrill: exercise %s: its %s %s has changed since the drill began "
			"(SHA-256 %.12s…, recorded %.12s…); put the original back to resume\n",
			exercise, what, path, now, recorded);
		return false;
	}
	return true;
}

static bool store_cli_serve(const struct drill_front *f)
{
	return serve_drill(f, stdout, stderr);
}

int cmd_resume(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct store_exercise ex;
	struct drill_cli o;
	struct store *st;
	bool speed_given;
	char err[1200];
	int rc = store_cli_options(cmd, argc, argv, &o, &speed_given);

	if (rc)
		return rc;
	if (argc - optind != 1)
		return cli_bad_usage(cmd, "name one exercise (its id or the start of it)");
	if (!o.headless && !o.serve) {
		fprintf(stderr, "irdrill: the live console is not available yet in irdrill %s; "
			"use irdrill resume --headless EXERCISE-ID (or --serve for a served drill)\n",
			IRDRILL_VERSION);
		return CLI_USAGE;
	}
	if (o.serve) {
		o.headless = true;
		o.front = store_cli_serve;
	}
	st = store_open(drill_cli_db(&o), false, err, sizeof(err));
	if (st == NULL) {
		fprintf(stderr, "irdrill: %s\n", err);
		return CLI_ERROR;
	}
	if (store_exercise_find(st, argv[optind], &ex) != 0) {
		fprintf(stderr, "irdrill: %s\n", store_error(st));
		store_close(st);
		return CLI_ERROR;
	}
	rc = CLI_ERROR;
	if (strcmp(ex.status, "running") != 0) {
		fprintf(stderr, "irdrill: exercise %s has %s (%s); there is nothing to resume\n", ex.id, ex.status,
			ex.ended);
		goto done;
	}
	if (ex.nteams < 1 || ex.nteams > DRILL_TEAMS_MAX) {
		fprintf(stderr, "irdrill: exercise %s has %d teams; this irdrill plays 1 to %d\n", ex.id, ex.nteams,
			DRILL_TEAMS_MAX);
		goto done;
	}
	if (!store_cli_unchanged(ex.id, "scenario", ex.scenario_path, ex.scenario_sha256) ||
	    !store_cli_unchanged(ex.id, "network", ex.network_path, ex.network_sha256) ||
	    (ex.actions_path && !store_cli_unchanged(ex.id, "actions file", ex.actions_path, ex.actions_sha256)))
		goto done;
	o.network = ex.network_path;
	o.actions = ex.actions_path;
	o.seed = ex.seed;
	o.seed_given = true;
	o.background = ex.background;
	if (!speed_given)
		o.speed = ex.speed;
	for (int i = 0; i < ex.nteams; i++) {
		snprintf(o.teams[i], sizeof(o.teams[i]), "%s", ex.teams[i]);
		snprintf(o.zones[i], sizeof(o.zones[i]), "%s", ex.zones[i] ? ex.zones[i] : "");
	}
	o.nteams = ex.nteams;
	if (!teams_mode_parse(ex.mode ? ex.mode : "", &o.mode)) {
		fprintf(stderr, "irdrill: exercise %s has mode '%s'; this irdrill plays parallel or shared\n", ex.id,
			ex.mode ? ex.mode : "");
		goto done;
	}
	rc = drill_cli_resume(&o, st, &ex);
done:
	store_exercise_free(&ex);
	store_close(st);
	return rc;
}

/* Each team's total, then every score change with its reason. */
static void store_cli_print_scores(const struct store_exercise *ex, const struct store_score *v, int n, FILE *out)
{
	fprintf(out, "exercise %s  %s\n", ex->id, ex->status);
	fprintf(out, "scenario %s\n", ex->scenario_path);
	fprintf(out, "began    %s%s%s\n\n", ex->created, ex->ended[0] ? "  ended " : "", ex->ended);
	int width = 4;

	for (int t = 0; t < ex->nteams; t++)
		if ((int)strlen(ex->teams[t]) > width)
			width = (int)strlen(ex->teams[t]);
	fprintf(out, "%-*s %8s %8s\n", width, "team", "total", "changes");
	for (int t = 0; t < ex->nteams; t++) {
		long long total = 0;
		int changes = 0;

		for (int i = 0; i < n; i++)
			if (strcmp(v[i].team, ex->teams[t]) == 0)
				total += v[i].points, changes++;
		fprintf(out, "%-*s %8lld %8d\n", width, ex->teams[t], total, changes);
	}
	for (int t = 0; t < ex->nteams; t++) {
		int changes = 0;

		fprintf(out, "\n%s\n", ex->teams[t]);
		for (int i = 0; i < n; i++) {
			char when[32];

			if (strcmp(v[i].team, ex->teams[t]) != 0)
				continue;
			changes++;
			simclock_format_elapsed(v[i].time, when, sizeof(when));
			fprintf(out, "  %s  %+5d  %-16s %s", when, v[i].points, v[i].component, v[i].reason);
			if (v[i].expectation)
				fprintf(out, " [%s]", v[i].expectation);
			fputc('\n', out);
		}
		if (changes == 0)
			fprintf(out, "  no score changes\n");
	}
}

int cmd_scores(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct store_exercise ex;
	struct store_score *scores;
	struct drill_cli o;
	struct store *st;
	bool speed_given;
	char err[1200];
	int n, rc = store_cli_options(cmd, argc, argv, &o, &speed_given);

	if (rc)
		return rc;
	if (argc - optind > 1)
		return cli_bad_usage(cmd, "one exercise at most");
	st = store_open(drill_cli_db(&o), false, err, sizeof(err));
	if (st == NULL) {
		fprintf(stderr, "irdrill: %s\n", err);
		return CLI_ERROR;
	}
	rc = CLI_ERROR;
	if (store_exercise_find(st, optind < argc ? argv[optind] : NULL, &ex) == 0) {
		if (store_scores_load(st, ex.id, &scores, &n) == 0) {
			store_cli_print_scores(&ex, scores, n, stdout);
			store_scores_free(scores, n);
			rc = CLI_OK;
		}
		store_exercise_free(&ex);
	}
	if (rc != CLI_OK)
		fprintf(stderr, "irdrill: %s\n", store_error(st));
	store_close(st);
	return rc;
}
