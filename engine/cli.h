/*
 * cli.h - the command line: one table entry per subcommand.
 *
 * Commands are data (name, arguments, summary, handler) so that help,
 * usage errors and "not available yet" all come from one place.  Exit
 * status follows docs/irdrill.1: 0 success, 1 a user-facing error
 * (message on stderr naming file and line where there is one), 2 bad
 * usage.  Depends on libc only.
 */
#ifndef CLI_H
#define CLI_H

#include <stdio.h>

enum { CLI_OK = 0, CLI_ERROR = 1, CLI_USAGE = 2 };

struct cli_cmd {
	const char *name;
	const char *args;    /* "[--network FILE]" */
	const char *summary; /* one line for `irdrill --help` */
	const char *help;    /* the options, for `irdrill CMD --help`; NULL if none */
	int (*run)(const struct cli_cmd *cmd, int argc, char **argv); /* NULL: not available yet */
};

/* Print "usage: irdrill NAME ARGS" and the command's help. */
void cli_usage(const struct cli_cmd *cmd, FILE *out);
/* Report bad usage of cmd on stderr; returns CLI_USAGE. */
int cli_bad_usage(const struct cli_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The bad usage getopt_long (optstring ":…") reported as c for the
 * word arg, argv[optind - 1]: a missing value or an unknown option. */
int cli_bad_option(const struct cli_cmd *cmd, int c, const char *arg);

int cmd_net(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_run(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_check(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_resume(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_scores(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_export(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_replay(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_serve(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_console(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_replay(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_view(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_report(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_bench(const struct cli_cmd *cmd, int argc, char **argv);

#endif
