#include "cli.h"

#include <stdarg.h>

void cli_usage(const struct cli_cmd *cmd, FILE *out)
{
	fprintf(out, "usage: irdrill %s%s%s\n%s\n", cmd->name, *cmd->args ? " " : "", cmd->args,
		cmd->summary);
	if (cmd->help)
		fprintf(out, "\n%s", cmd->help);
}

int cli_bad_usage(const struct cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "irdrill %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: irdrill %s %s (irdrill %s --help for more)\n",
		cmd->name, cmd->args, cmd->name);
	return CLI_USAGE;
}

int cli_bad_option(const struct cli_cmd *cmd, int c, const char *arg)
{
	if (c == ':')
		return cli_bad_usage(cmd, "option %s needs a value", arg);
	return cli_bad_usage(cmd, "unknown option '%s'", arg);
}
