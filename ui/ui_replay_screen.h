/*
 * ui_replay_screen.h - `irdrill replay FILE` in the terminal: the replay
 * viewer's loop, keys, top bar and help (the state is ui_replay.h's).
 * Depends on ncursesw, ui_replay and ui_draw.
 */
#ifndef UI_REPLAY_SCREEN_H
#define UI_REPLAY_SCREEN_H

#include <stdbool.h>

#include "simclock.h"

struct ui_replay_options {
	const char *path;
	const char *network, *scenario; /* moved copies; NULL: the header's */
	const char *as;                 /* a team, or NULL: the white cell */
	sim_time_t at;                  /* where to open */
	bool vi;
};

/* View the replay until the user leaves: 0, or 1 (2 for a team not in
 * the file) with a message on stderr when it cannot be opened. */
int ui_replay_run(const struct ui_replay_options *o);

#endif
