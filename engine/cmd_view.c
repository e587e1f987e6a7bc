/*
 * cmd_view.c - `irdrill replay FILE`: the replay viewer (ui_replay.h).
 *
 * Options: --as TEAM (whose view to open with), --at T (where), --lang,
 * and --network/--scenario for copies of the files the replay was
 * recorded with, when they have moved (each checked against the SHA-256
 * in the header).  Needs a terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ui_console.h"
#include "ui_i18n.h"
#include "ui_replay_screen.h"

int cmd_view(const struct cli_cmd *cmd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "at", required_argument, NULL, 't' },
		{ "lang", required_argument, NULL, 'l' },
		{ "network", required_argument, NULL, 'n' },
		{ "scenario", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct ui_replay_options o = { 0 };
	int c;

	o.vi = ui_i18n_env_vi();
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			o.as = optarg;
			break;
		case 't':
			if (!simclock_parse_duration(optarg, &o.at))
				return cli_bad_usage(cmd, "--at '%s' is not a time since the start such as 90s, 15m or "
						     "1h30m", optarg);
			break;
		case 'l':
			if (!ui_i18n_parse(optarg, &o.vi))
				return cli_bad_usage(cmd, "--lang '%s' is not en or vi", optarg);
			break;
		case 'n':
			o.network = optarg;
			break;
		case 's':
			o.scenario = optarg;
			break;
		default:
			return cli_bad_option(cmd, c, argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_bad_usage(cmd, "name one replay file");
	o.path = argv[optind];
	if (!ui_console_possible()) {
		fprintf(stderr, "irdrill: replay FILE needs a terminal (export, report and --verify do not)\n");
		return CLI_ERROR;
	}
	if (!ui_i18n_init(o.vi))
		fprintf(stderr, "irdrill: no Vietnamese catalogue found; the viewer speaks English\n");
	return ui_replay_run(&o);
}
