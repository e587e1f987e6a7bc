/*
 * cmd_serve.c - `irdrill serve`: a drill recorded in the exercise store
 * like `run`, played by the server (serve.h) for team consoles that
 * attach to it; and `irdrill console --connect`, the console side
 * (ui_remote.h).
 */
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_drill.h"
#include "score.h"
#include "serve.h"
#include "timeline.h"
#include "ui_console.h"
#include "ui_i18n.h"
#include "ui_remote.h"

static bool serve_front(const struct drill_front *f)
{
	return serve_drill(f, stdout, stderr);
}

int cmd_serve(const struct cli_cmd *cmd, int argc, char **argv)
{
	char network[PATH_MAX], scenario[PATH_MAX];
	const char *scenario_path, *network_path;
	struct drill_cli o;
	int rc = drill_cli_options(cmd, argc, argv, &o);

	if (rc)
		return rc;
	if (argc - optind > 1)
		return cli_bad_usage(cmd, "one scenario at most");
	if (o.actions)
		return cli_bad_usage(cmd, "--actions is for run: served drills take their actions from the consoles");
	network_path = drill_cli_network(&o, network, sizeof(network));
	scenario_path = optind < argc ? argv[optind] : drill_cli_default_scenario(scenario, sizeof(scenario));
	if (network_path == NULL || scenario_path == NULL)
		return CLI_ERROR;
	o.headless = true;
	o.front = serve_front;
	return drill_cli_exercise(&o, scenario_path, network_path);
}

/* The headless console: commands from stdin, what happens on stdout. */
struct console_out {
	struct ui_remote *r;
	bool white;
	int waiting; /* answers still due */
};

static void console_result(void *ctx, uint32_t id, bool ok, const char *text)
{
	struct console_out *c = ctx;

	(void)id;
	c->waiting--;
	printf("%s: %s\n", ok ? "ok" : "refused", text);
	fflush(stdout);
}

static void console_acted(void *ctx, const struct proto_action *a)
{
	struct console_out *c = ctx;
	char when[SIMCLOCK_ELAPSED_SIZE];

	/* A team sees only its own actions. */
	if (!c->white && strcmp(a->team, ui_remote_team(c->r)) != 0)
		return;
	simclock_format_elapsed(a->time, when, sizeof(when));
	printf("action %u %s %s %s: %s\n", a->seq, when, a->team, a->command, a->result);
	fflush(stdout);
}

static void console_status(void *ctx, const char *text)
{
	struct console_out *c = ctx;

	fprintf(stderr, "irdrill: %s\n", text);
	/* Answers due on a cut connection never come: the timeline (and the
	 * acted lines after reconnecting) say whether those commands were taken. */
	if (c->waiting > 0 && strncmp(text, "connection lost", 15) == 0) {
		printf("no answer to %d command%s before the connection was cut\n", c->waiting,
		       c->waiting == 1 ? "" : "s");
		fflush(stdout);
		c->waiting = 0;
	}
}

/* A line typed: a control of the white cell's, or a team command. */
static void console_line(struct console_out *c, char *line)
{
	static const char *const controls[] = { "pause", "resume", "speed", "end" };
	size_t n = strcspn(line, "\r\n");
	uint32_t id;
	bool control = false;

	line[n] = '\0';
	if (n == 0 || line[0] == '#')
		return;
	for (size_t i = 0; i < sizeof(controls) / sizeof(*controls); i++) {
		size_t k = strlen(controls[i]);

		control |= strncmp(line, controls[i], k) == 0 && (line[k] == '\0' || line[k] == ' ');
	}
	id = control ? ui_remote_control(c->r, line) : ui_remote_act(c->r, line);
	if (id == 0) {
		printf("not sent (no connection now): %s\n", line);
		fflush(stdout);
		return;
	}
	c->waiting++;
}

static int console_headless(struct ui_remote *r)
{
	struct console_out c = { r, ui_remote_white_cell(r), 0 };
	struct ui_remote_hooks hooks = { &c, console_result, console_acted, console_status };
	char buf[PROTO_MAX_TEXT + 2];
	struct strbuf pending = { 0 };
	bool input = true;
	enum ui_remote_event ev;
	char when[SIMCLOCK_ELAPSED_SIZE];
	const struct proto_action *acts;
	size_t nacts;

	ui_remote_set_hooks(r, &hooks);
	simclock_format_elapsed(ui_remote_drill(r)->now, when, sizeof(when));
	printf("joined exercise %s as %s at %s\n", ui_remote_exercise(r), ui_remote_team(r), when);
	/* Where the team is: what it (or, for the white cell, anyone) has done. */
	acts = ui_remote_actions(r, &nacts);
	for (size_t i = 0; i < nacts; i++)
		console_acted(&c, &acts[i]);
	fflush(stdout);
	for (;;) {
		/* Input over and every answer in: the console leaves. */
		if (!input && c.waiting <= 0) {
			strbuf_free(&pending);
			simclock_format_elapsed(ui_remote_drill(r)->now, when, sizeof(when));
			printf("left at %s\n", when);
			return CLI_OK;
		}
		ev = ui_remote_poll(r, 100, input ? STDIN_FILENO : -1);
		if (ev == UI_REMOTE_FAILED || ev == UI_REMOTE_ENDED)
			break;
		if (ev == UI_REMOTE_REBUILT)
			fprintf(stderr, "irdrill: the console's copy of the drill was built again from the server's\n");
		if (input) {
			struct pollfd p = { STDIN_FILENO, POLLIN, 0 };

			if (poll(&p, 1, 0) > 0) {
				ssize_t n = read(STDIN_FILENO, buf, sizeof(buf) - 1);

				if (n <= 0) {
					input = false;
				} else {
					char *nl;

					strbuf_add(&pending, buf, (size_t)n);
					while ((nl = memchr(pending.buf, '\n', pending.len)) != NULL) {
						size_t len = (size_t)(nl - pending.buf) + 1;
						char line[PROTO_MAX_TEXT + 2];

						snprintf(line, sizeof(line), "%.*s", (int)len, pending.buf);
						console_line(&c, line);
						memmove(pending.buf, pending.buf + len, pending.len - len);
						strbuf_truncate(&pending, pending.len - len);
					}
				}
			}
		}
	}
	strbuf_free(&pending);
	if (ev == UI_REMOTE_FAILED) {
		fprintf(stderr, "irdrill: %s\n", ui_remote_error(r));
		return CLI_ERROR;
	}
	simclock_format_elapsed(ui_remote_drill(r)->now, when, sizeof(when));
	printf("the drill has ended at %s\n", when);
	/* The white cell sees the ground truth; a team its own score. */
	if (c.white) {
		timeline_print(ui_remote_drill(r), stdout);
	} else {
		score_finish(ui_remote_score(r));
		printf("team %s: %d points\n", ui_remote_team(r), score_total(ui_remote_score(r), ui_remote_team(r)));
	}
	return CLI_OK;
}

int cmd_console(const struct cli_cmd *cmd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "connect", required_argument, NULL, 'c' },
		{ "team", required_argument, NULL, 't' },
		{ "token-file", required_argument, NULL, 'k' },
		{ "headless", no_argument, NULL, 'H' },
		{ "lang", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 },
	};
	const char *addr = NULL, *team = NULL, *token_file = NULL;
	bool headless = false, vi = ui_i18n_env_vi();
	char token[PROTO_MAX_NAME + 2], err[1200];
	struct ui_remote *r;
	int c, rc;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'c': addr = optarg; break;
		case 't': team = optarg; break;
		case 'k': token_file = optarg; break;
		case 'H': headless = true; break;
		case 'g':
			if (!ui_i18n_parse(optarg, &vi))
				return cli_bad_usage(cmd, "--lang '%s' is not en or vi", optarg);
			break;
		default:
			return cli_bad_option(cmd, c, argv[optind - 1]);
		}
	}
	if (optind < argc)
		/* Not echoed: it may be the token. */
		return cli_bad_usage(cmd, "%d word%s after the options: the token is never given on the command line "
				     "(use --token-file FILE, IRDRILL_TOKEN or the prompt)", argc - optind,
				     argc - optind == 1 ? "" : "s");
	if (addr == NULL || team == NULL)
		return cli_bad_usage(cmd, "needs --connect PATH|HOST:PORT and --team NAME");
	if (!headless && !ui_console_possible()) {
		fprintf(stderr, "irdrill: the console needs a terminal; use irdrill console --headless\n");
		return CLI_USAGE;
	}
	if (!ui_remote_token(token_file, token, sizeof(token), err, sizeof(err))) {
		fprintf(stderr, "irdrill: %s\n", err);
		return CLI_ERROR;
	}
	r = ui_remote_open(addr, team, token, NULL, err, sizeof(err));
	memset(token, 0, sizeof(token));
	if (r == NULL) {
		fprintf(stderr, "irdrill: %s\n", err);
		return CLI_ERROR;
	}
	if (headless) {
		rc = console_headless(r);
	} else {
		struct ui_console_options uo = { ui_remote_team(r), vi, 1, NULL, !ui_remote_white_cell(r), r, NULL };

		if (!ui_i18n_init(vi))
			fprintf(stderr, "irdrill: no Vietnamese catalogue installed: the console speaks English\n");
		rc = ui_console_run(ui_remote_drill(r), &uo) == 0 ? CLI_OK : CLI_ERROR;
		if (rc == CLI_OK && ui_remote_error(r)[0])
			fprintf(stderr, "irdrill: %s\n", ui_remote_error(r));
	}
	ui_remote_close(r);
	return rc;
}
