/*
 * ui_model.h - the console's state: the drill it plays, its pace, the
 * feed, the network tree, the command line and what is on screen.
 *
 * Input changes the model (keys become commands, ui_cmd.h); the model
 * marks what changed in `dirty`; the console's one draw call per loop
 * redraws what is marked and clears it.  ui_model_advance runs the drill
 * up to the paced target in slices under a wall-time budget, so however
 * busy the simulation, the console draws and answers keys between
 * slices, and the engine keeps simulating while it draws.  No terminal
 * here, so all of it runs in unit tests.
 * Depends on drill, pace, ui_feed, ui_tree, ui_line and ui_view.
 */
#ifndef UI_MODEL_H
#define UI_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "action.h"
#include "drill.h"
#include "pace.h"
#include "ui_feed.h"
#include "ui_line.h"
#include "ui_tree.h"
#include "ui_view.h"

struct score;
struct teams;

/* The panes, in the order of their keys (1, 2, 3…).  A new one (the
 * scoreboard) is a value here, a row in ui_model.c's names and one in
 * ui_draw.c's table. */
enum ui_pane { UI_PANE_ALERTS, UI_PANE_FEED, UI_PANE_NETWORK, UI_PANE_TIMELINE, UI_PANE_SCORE, UI_PANE_COUNT };

/* What changed since the last draw. */
enum {
	UI_DIRTY_CLOCK = 1u << 0,    /* top bar: clock, speed, pause */
	UI_DIRTY_FEED = 1u << 1,
	UI_DIRTY_NET = 1u << 2,      /* host states, tree, selection */
	UI_DIRTY_TIMELINE = 1u << 3, /* entries, objectives */
	UI_DIRTY_STATUS = 1u << 4,   /* message line */
	UI_DIRTY_LINE = 1u << 5,     /* command line */
	UI_DIRTY_LAYOUT = 1u << 6,   /* everything: size, pane, overlay */
	UI_DIRTY_ALERTS = 1u << 7,   /* the queue: new alerts, triage */
	UI_DIRTY_SCORE = 1u << 8,    /* score rows, expectations */
};

enum ui_mode {
	UI_MODE_NORMAL,  /* keys act on the panes */
	UI_MODE_COMMAND, /* typing a command after ':' */
	UI_MODE_SEARCH,  /* typing a feed search after '/' */
	UI_MODE_CONFIRM, /* a y/n question on the message line */
};

enum ui_confirm { UI_CONFIRM_NONE, UI_CONFIRM_END, UI_CONFIRM_QUIT };

#define UI_STATUS_MAX 512
#define UI_WHITE_CELL "white-cell"
/* What a served drill's console is handed once `end` is confirmed. */
#define UI_END_CONFIRMED "end (confirmed)"

struct ui_model {
	struct drill *drill; /* changed only by commands */
	struct ui_view view;
	struct pace pace;
	struct ui_feed feed;
	struct ui_tree tree;
	struct ui_line line;
	char team[ACTION_TEAM_MAX];
	bool white_cell;     /* the seat: the white cell (and team), or the team alone */
	struct score *score; /* the top bar, the score pane, marks; NULL: none */
	int seen_rows;       /* score rows when last drawn */
	int score_back;      /* score pane lines scrolled back */
	struct ui_stats {    /* IRDRILL_UI_STATS: how the loop kept up */
		uint64_t frames, feed_draws, keys, key_batches, loops;
		/* From the end of the frame before a key to the end of its own:
		 * the longest it can have waited. */
		int64_t key_wait_us, key_wait_max_us;
		int64_t started_us, listened_us;
	} stats;
	int64_t feed_drawn_us; /* when the feed was last drawn */
	/* Where the last frame put things, for the mouse: the column after
	 * each pane's tab, the alert on the pane's first row, the tree's
	 * width. */
	int tab_end[UI_PANE_COUNT];
	int alert_top;
	int tree_cols;
	enum ui_mode mode;
	enum ui_confirm confirm;
	enum ui_pane pane;
	bool help;           /* the ? overlay is up */
	bool ended;          /* by the white cell or by the scenario's time */
	bool quit;
	char status[UI_STATUS_MAX];
	bool status_error;
	unsigned dirty;
	int feed_back;       /* feed lines scrolled back from the newest */
	int feed_shift;      /* cells the feed's lines are scrolled sideways */
	int timeline_back;
	int alert_sel;       /* selected alert (index, oldest 0), -1: the newest */
	int seen_alerts;     /* alerts raised when last drawn */
	int64_t wall;        /* wall microseconds of the current loop */
	size_t seen_entries; /* timeline entries already drawn */
	sim_time_t shown_second;
	/* A front end showing something other than a live drill (the replay
	 * viewer, ui_replay.h) draws the top bar and the help overlay
	 * itself; NULL: the console's own.  owner is its state. */
	void (*draw_top)(struct ui_model *m, int cols);
	void (*draw_help)(struct ui_model *m, int rows, int cols);
	void *owner;
	/* A console of a served drill (ui_serve.h): a typed line goes to the
	 * server when this returns true, else it is the console's own. */
	bool (*remote)(void *ctx, struct ui_model *m, const char *line);
	void *remote_ctx;
	/* A team's seat in a shared drill: the sensors it sees, and the
	 * alerts of those (ui_model_seat). */
	bool *seat_sensors;
	struct ui_view_shown seat_alerts;
};

/* Take the drill (borrowed; must outlive the model), listen to its
 * records, start the pace at speed.  Whatever hooks the front end set on
 * the drill (the exercise store's) hear the console's actions too. */
void ui_model_init(struct ui_model *m, struct drill *d, const char *team, bool vi, int speed, int64_t wall_now);
void ui_model_free(struct ui_model *m);

/* Run the drill towards the paced target until wall() passes
 * wall_now + budget_us; marks what changed. */
void ui_model_advance(struct ui_model *m, int64_t wall_now, int64_t budget_us, int64_t (*wall)(void));

/* Run the drill to t; false, the drill ended with the reason on the
 * message line, if it halted. */
bool ui_model_run(struct ui_model *m, sim_time_t t);

/* The message line: information, or an error in plain words. */
void ui_model_say(struct ui_model *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_model_error(struct ui_model *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Ask y/n on the message line; ui_model_answer applies the answer. */
void ui_model_ask(struct ui_model *m, enum ui_confirm what);
void ui_model_answer(struct ui_model *m, bool yes);

/* Sit as team (an index of t; -1 the white cell): the alert queue and
 * the feed show what the sensors the team sees raise and write
 * (teams_sees_sensor), every sensor for the white cell, in a parallel
 * drill or with no teams (t NULL). */
void ui_model_seat(struct ui_model *m, const struct teams *t, int team);

/* Whether the seat sees a timeline entry: the white cell sees the
 * ground truth; a team its own actions, the white cell's controls and
 * the messages to it or to all. */
bool ui_model_sees(const struct ui_model *m, const struct drill_entry *e);

void ui_model_set_pane(struct ui_model *m, enum ui_pane pane);
/* The pane's name as commands take it ("feed"), and as shown (translated). */
const char *ui_model_pane_word(enum ui_pane pane);
const char *ui_model_pane_title(enum ui_pane pane);

#endif
