/*
 * ui_cmd.h - what can be typed on the console's command line, and the
 * one path every key and command takes into the model.
 *
 * Commands are data: a table entry with name, argument kind (for
 * completion), usage, help and an exec function.  A line that starts with
 * a team command word (isolate, block…) goes to action_parse and
 * drill_apply_action as the console's team, the same path as a scripted
 * action; the console's own words are the white cell's controls (pause,
 * speed, inject, end: each recorded on the drill's timeline) and view
 * commands (filter, search, show, view).  Every error goes through
 * ui_model_error, in plain words, and changes nothing.
 * Depends on ui_model, ui_complete, action and drill.
 */
#ifndef UI_CMD_H
#define UI_CMD_H

#include "ui_complete.h"
#include "ui_model.h"

struct ui_cmd {
	const char *name;
	enum ui_complete_arg arg;
	const char *usage;
	const char *help; /* N_(), translated when shown */
	int (*exec)(struct ui_model *m, int argc, char **argv, const char *rest);
};

/* The console's own commands. */
const struct ui_cmd *ui_cmd_table(int *n);
/* The command words and argument kinds, for completion (out holds
 * UI_CMD_MAX entries); returns the count. */
#define UI_CMD_MAX 24
int ui_cmd_words(struct ui_complete_word out[UI_CMD_MAX]);

/* A command of the action language taken as team's action: queued and
 * run at once, the same path as a scripted one; 0, or -1 after saying
 * why. */
int ui_cmd_team_action(struct ui_model *m, const char *line, const char *team);

/* Run one command line; 0, or -1 after reporting the error. */
int ui_cmd_run(struct ui_model *m, const char *line);

/* The speeds the white cell can choose, slowest first. */
#define UI_CMD_NSPEEDS 5
extern const int ui_cmd_speeds[UI_CMD_NSPEEDS];

#endif
