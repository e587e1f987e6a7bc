/*
 * main.c - the irdrill entry point: find the subcommand and run it.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int cmd_version(const struct cli_cmd *cmd, int argc, char **argv);
static int cmd_help(const struct cli_cmd *cmd, int argc, char **argv);

static const struct cli_cmd cli_cmds[] = {
	{ "run", "[SCENARIO]", "live drill in the console (default: the stock drill on the default province)",
	  "  --network FILE   --seed N   --teams NAME[=ZONE+ZONE...][,NAME...]   --db FILE\n"
	  "  --mode parallel|shared   each team its own province (default), or one shared\n"
	  "                           by zones (docs/scoring.md)\n"
	  "  --speed 1|2|...|max   --headless   --actions FILE   --out DIR\n"
	  "  --syslog udp://H:P|tcp://H:P[,rfc5424|rfc3164]   --replay FILE\n"
	  "  --lang en|vi   the console's language (default: from LANG)\n"
	  "  --as TEAM   the console as that team's seat, not the white cell's\n"
	  "  (available now: --network, --seed, --teams, --mode, --db, --speed, --headless, --actions,\n"
	  "  --out, --syslog, --replay, --background, --lang, --as; the store is irdrill.db in the\n"
	  "  current folder unless --db or $IRDRILL_DB names another)\n", cmd_run },
	{ "check", "SCENARIO...", "load, lint and dry-run scenarios",
	  "  --network FILE   --seed N\n", cmd_check },
	{ "net", "[--network FILE]", "summarise the network model",
	  "  --network FILE   the model to load (default: networks/default.lua\n"
	  "                   in the scenarios folder)\n", cmd_net },
	{ "replay", "FILE [--verify | --check]", "replay viewer; --verify re-simulates and compares",
	  "  --as TEAM|white   --at T   --lang en|vi   --network FILE   --scenario FILE\n"
	  "  Without --verify or --check: the console's views driven by the replay (a\n"
	  "  terminal is needed); Space plays or pauses, ? lists the keys, :seek T goes\n"
	  "  to a time.\n"
	  "  --verify   play the drill again from the scenario, network model, seed and team\n"
	  "             actions the replay names, and check it makes the same records\n"
	  "             (exit 1 and the first difference if not)\n"
	  "  --check    decode every chunk: what is damaged, what is still readable\n"
	  "  --scenario FILE   --network FILE   copies of the recorded files if they have\n"
	  "             moved (their SHA-256 must be the recorded one)\n", cmd_replay },
	{ "export", "FILE --out DIR", "re-render sensor files from a replay",
	  "  --out DIR   --sensor NAME (again for more)   --from T   --to T   --network FILE\n"
	  "  Writes the files of every sensor (or of those named) as the live run --out\n"
	  "  wrote them, byte for byte; --from and --to keep the records logged between\n"
	  "  two times since the start (90s, 15m, 1h30m); --network names a copy of the\n"
	  "  network model if it has moved (its SHA-256 must be the recorded one).\n", cmd_export },
	{ "report", "FILE... [--html F|--md|--json]", "after-action report",
	  "  FILE...       a replay, or the replays of a parallel drill (one per team)\n"
	  "  --html FILE   one self-contained page: an SVG timeline per team and every table\n"
	  "  --md [FILE]   Markdown (the default, on standard output)\n"
	  "  --json [FILE] the figures for tools (docs/report.md gives the shape)\n"
	  "  --lang en|vi  the labels' language (default: from LANG)\n"
	  "  Per team and attack step: time to detect and to contain; objectives;\n"
	  "  every score row with its reason; the score over time.\n", cmd_report },
	{ "resume", "EXERCISE-ID", "continue a drill after a crash",
	  "  --db FILE   --speed 1|2|...|max   --headless   --out DIR\n"
	  "  --serve   --socket PATH   --listen HOST:PORT\n"
	  "  EXERCISE-ID: the id run printed, or enough of its start to be unique.\n"
	  "  The drill is re-simulated from its files and seed, its team actions\n"
	  "  and the white cell's controls applied again, flat out up to the last\n"
	  "  one, then on at the run's speed (or --speed) to the end; --headless is\n"
	  "  required until the console lands.  --out DIR writes the sensor files\n"
	  "  again from the start, as run --out did.  --serve (or --socket,\n"
	  "  --listen) serves a drill of irdrill serve again: its consoles\n"
	  "  reconnect with the same tokens.\n", cmd_resume },
	{ "scores", "[EXERCISE-ID]", "score table from the store",
	  "  --db FILE\n"
	  "  Each team's total, then every score change: when, points, component,\n"
	  "  reason.  No EXERCISE-ID: the latest exercise.\n", cmd_scores },
	{ "serve", "[SCENARIO]", "run a drill that team consoles attach to",
	  "  --teams NAME[=ZONE+ZONE...][,NAME...]   --socket PATH   --listen HOST:PORT   --db FILE\n"
	  "  --network FILE   --seed N   --speed 1|2|...|max   --background RATE\n"
	  "  --out DIR   --syslog SPEC   --replay FILE\n"
	  "  Prints one join token per team and one for the white cell, once; the\n"
	  "  store keeps only their SHA-256.  Listens on PATH (default irdrill.sock\n"
	  "  beside the store, mode 0660) and, with --listen, on TCP (plain text:\n"
	  "  reach it over SSH, docs/remote-teams.md).  Starts at x1 unless --speed.\n", cmd_serve },
	{ "console", "--connect PATH|HOST:PORT --team NAME", "attach a console to irdrill serve",
	  "  --connect PATH|HOST:PORT   --team NAME (or white-cell)   --token-file FILE\n"
	  "  --headless   --lang en|vi\n"
	  "  The join token comes from --token-file, else $IRDRILL_TOKEN, else a\n"
	  "  prompt; never from the command line.  The live console shows the team's\n"
	  "  own world (the white cell's: everything, and the controls).  --headless\n"
	  "  reads commands from stdin (team commands; pause, resume, speed N, end for\n"
	  "  the white cell), prints answers and actions on stdout and leaves when\n"
	  "  stdin ends and every command is answered.  A cut connection is retried.\n", cmd_console },
	{ "bench", "[--runs N] [--case NAME,...] [--small|--full]", "run the benchmarks",
	  "  --runs N        runs of each case (default 3); each line gives the median,\n"
	  "                  the min and the max of every figure\n"
	  "  --case NAME,... storm, storm-reference, day, flows, seek, scale, syslog\n"
	  "                  (default: all)\n"
	  "  --small         scaled-down sizes for a quick check (--full: the issue's sizes)\n"
	  "  --dir DIR       scratch folder (default: bench beside the binary)\n"
	  "  Prints one key=value line per case, then a summary with the ratios to the\n"
	  "  references measured in the same run (docs/performance.md).\n", cmd_bench },
	{ "version", "", "print the version", NULL, cmd_version },
	{ "help", "[COMMAND]", "this list, or one command's options", NULL, cmd_help },
};

#define CLI_NCMDS (sizeof(cli_cmds) / sizeof(cli_cmds[0]))

static const struct cli_cmd *cli_find(const char *name)
{
	for (size_t i = 0; i < CLI_NCMDS; i++)
		if (strcmp(cli_cmds[i].name, name) == 0)
			return &cli_cmds[i];
	return NULL;
}

static void cli_overview(FILE *out)
{
	fprintf(out, "irdrill %s - cyber incident-response drill simulator\n\n"
		"usage: irdrill [COMMAND [ARGS]]   (no command: irdrill run)\n\ncommands:\n",
		IRDRILL_VERSION);
	for (size_t i = 0; i < CLI_NCMDS; i++)
		fprintf(out, "  %-8s %-32s %s%s\n", cli_cmds[i].name, cli_cmds[i].args,
			cli_cmds[i].summary, cli_cmds[i].run ? "" : " (not available yet)");
	fprintf(out, "\nirdrill COMMAND --help shows a command's options. "
		"Exit status: 0 success, 1 error, 2 bad usage.\n");
}

static int cmd_version(const struct cli_cmd *cmd, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_bad_usage(cmd, "takes no arguments");
	printf("irdrill %s\n", IRDRILL_VERSION);
	return CLI_OK;
}

static int cmd_help(const struct cli_cmd *cmd, int argc, char **argv)
{
	const struct cli_cmd *which;

	if (argc == 1) {
		cli_overview(stdout);
		return CLI_OK;
	}
	which = argc == 2 ? cli_find(argv[1]) : NULL;
	if (which == NULL)
		return cli_bad_usage(cmd, argc == 2 ? "no command '%s'" : "one command at most%s",
				     argc == 2 ? argv[1] : "");
	cli_usage(which, stdout);
	return CLI_OK;
}

int main(int argc, char **argv)
{
	const struct cli_cmd *cmd;
	char *run_argv[] = { "run", NULL };

	if (argc < 2) {
		argc = 1;
		argv = run_argv;
	} else {
		if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
			cli_overview(stdout);
			return CLI_OK;
		}
		if (strcmp(argv[1], "--version") == 0)
			argv[1] = "version";
		argc--;
		argv++;
	}
	cmd = cli_find(argv[0]);
	if (cmd == NULL) {
		fprintf(stderr, "irdrill: unknown command '%s' (irdrill --help lists them)\n", argv[0]);
		return CLI_USAGE;
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			cli_usage(cmd, stdout);
			return CLI_OK;
		}
	}
	if (cmd->run == NULL) {
		fprintf(stderr, "irdrill: '%s' is not available yet in irdrill %s\n", cmd->name, IRDRILL_VERSION);
		return CLI_USAGE;
	}
	return cmd->run(cmd, argc, argv);
}
