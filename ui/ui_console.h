/*
 * ui_console.h - the live console: the terminal, the loop and the keys.
 *
 * One thread.  Each turn of the loop runs the drill towards the paced
 * target under a small wall-time budget (ui_model_advance), draws what
 * is dirty (ui_draw), then waits for a key with a short timeout; keys
 * become commands (ui_cmd_run) or move a selection.  The terminal is
 * given back on every way out: leaving, Ctrl-C, SIGTERM/SIGHUP, and a
 * crash (the fatal-signal handler ends curses before the default action
 * runs).  Keys are answered with a frame of their own, before the drill
 * runs on.  With IRDRILL_UI_STATS set in the environment, the console
 * prints on leaving how it kept up: frames and feed frames a second, keys,
 * and the longest a key waited for its frame.
 * Depends on ncursesw and the other ui units.
 */
#ifndef UI_CONSOLE_H
#define UI_CONSOLE_H

#include <stdbool.h>

#include "drill.h"
#include "score.h"

struct ui_remote;

struct ui_console_options {
	const char *team;
	bool vi;   /* Vietnamese */
	int speed; /* simulated seconds per wall second */
	struct score *score; /* the points on the top bar, the score pane, marks; NULL: none */
	bool team_seat; /* the team's seat alone (run --as TEAM), not the white cell's */
	/* A served drill's replica (ui_serve.h): d is its drill, and the
	 * server, not the console, moves it.  NULL: a drill of its own. */
	struct ui_remote *remote;
	const struct teams *teams; /* the drill's teams and zones: a team's seat sees its sensors; NULL: all */
};

/* Whether the console can run here: stdin and stdout are terminals. */
bool ui_console_possible(void);
/* Play the drill in the console until the user leaves.  Returns 0, or
 * -1 with a message on stderr if the terminal could not be set up. */
int ui_console_run(struct drill *d, const struct ui_console_options *o);

#endif
