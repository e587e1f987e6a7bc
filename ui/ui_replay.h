/*
 * ui_replay.h - `irdrill replay FILE`: the console's views driven by a
 * recorded drill instead of a live one.
 *
 * The viewer opens the replay (replay_read.h) and the network and
 * scenario its header names (both checked against their SHA-256), as a
 * drill that never runs: the records of the file are played into it
 * instead.  Sensor records go to the feed and the alerts as a live
 * drill hands them over; timeline entries are appended to the drill's
 * timeline; team actions change the hosts' states as they did live
 * (action_apply), and attack steps as the scenario's steps do (a host
 * taken, defaced, encrypted, flooded); score changes add up per team.
 * Drawing is the console's own (ui_draw through ui_view), so the panes
 * look as they did live.
 *
 * Whose view: the white cell sees everything (every team's actions and
 * points, the attack steps, objectives and scenario errors); a team sees
 * the alerts, its own actions and triage, the messages sent to it or to
 * all, and its own points.  Changing it replays the drill to the same
 * moment from the other side.
 *
 * Time: playing follows a pace (x1 to x1000 simulated seconds a wall
 * second); seeking goes back with the reader (replay_seek) and plays
 * forward to the time asked, quietly.  Until the format has keyframes
 * with the model's state, a seek back plays from the start of the file
 * (the state is cumulative); a seek forward plays on from where it is.
 * Jumps to the next or previous team action, attack step or score
 * change use marks gathered by a second reader, a slice at a time while
 * the viewer is idle, and at once as far as a jump needs.
 *
 * No terminal here (ui_replay_run in ui_replay_screen.c is the loop), so
 * all of it runs in unit tests.  Depends on replay_read, drill, action,
 * ui_model and ui_cmd.
 */
#ifndef UI_REPLAY_H
#define UI_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drill.h"
#include "replay_read.h"
#include "ui_model.h"

/* What a jump goes to. */
enum ui_replay_mark_kind { UI_REPLAY_ACTION, UI_REPLAY_STEP, UI_REPLAY_SCORE, UI_REPLAY_MARK_KINDS };

struct ui_replay_mark {
	sim_time_t time;
	enum ui_replay_mark_kind kind;
	char *who;  /* the team (action, score), the actor (step) */
	char *what; /* the command, the step and its target, the points and reason */
};

struct ui_replay_points {
	char *team;
	int points;
};

#define UI_REPLAY_NSPEEDS 7
extern const int ui_replay_speeds[UI_REPLAY_NSPEEDS];

struct ui_replay {
	char *path;
	struct replay_reader *r;    /* playing */
	struct replay_reader *scan; /* gathering the marks */
	struct drill *d;            /* the network and scenario; never run */
	struct ui_model m;
	char as[ACTION_TEAM_MAX];   /* "": the white cell */

	sim_time_t now;             /* played up to here */
	sim_time_t last;            /* the end: the end mark, or the last record */
	sim_time_t render_from;     /* records before it skip the feed */
	bool held;                  /* rec is read and not yet played */
	struct replay_record rec;
	bool stopped;               /* the file cannot be read past `last` */
	char problem[1400];         /* why: cut short or unreadable; "" none */

	size_t nobjectives;         /* the scenario's; a team's view shows none */
	unsigned *hosts0, *systems0; /* the states before the first record */
	struct ui_replay_points *points;
	int npoints;

	struct ui_replay_mark *marks; /* in time order */
	size_t nmarks, marks_cap;
	sim_time_t scanned;         /* the marks are known up to here */
	bool scan_done;
};

/*
 * Open path for viewing at simulated time 0, paused or playing at x1,
 * in English or Vietnamese.  network and scenario name copies of the
 * files when they have moved (NULL: the header's paths).  0, or -1 with
 * a message naming the file in err (v is then empty).  A file cut short
 * opens with what is whole, and says so in v->problem and on the
 * message line.
 */
int ui_replay_open(struct ui_replay *v, const char *path, const char *network, const char *scenario, bool vi,
		   int64_t wall_now, char *err, size_t errsize);
void ui_replay_close(struct ui_replay *v);

/* Start the pace afresh at wall_now from where the replay is (after
 * opening, which takes wall time). */
void ui_replay_restart_pace(struct ui_replay *v, int64_t wall_now);
/* Play to the paced target at wall_now (stopping at the end). */
void ui_replay_advance(struct ui_replay *v, int64_t wall_now);
/* Go to simulated time t (clamped to the replay); keeps play or pause. */
void ui_replay_seek(struct ui_replay *v, sim_time_t t);
/* Whose view: a team of the header, or "white"/"white-cell"; false (and
 * nothing changed) for another name. */
bool ui_replay_as(struct ui_replay *v, const char *who);
/* The next (dir > 0) or previous mark of a kind, from the viewer's side,
 * seeking there; false, nothing changed, when there is none. */
bool ui_replay_jump(struct ui_replay *v, enum ui_replay_mark_kind kind, int dir);
/* Gather marks for about budget_us of wall time (wall: a clock). */
void ui_replay_scan(struct ui_replay *v, int64_t budget_us, int64_t (*wall)(void));

/* The speed one step faster (dir 1) or slower (-1); false at the end of
 * the list. */
bool ui_replay_speed_step(struct ui_replay *v, int dir);

/* Run a command line (:seek, :as, :speed, :play, :pause, :help, :quit,
 * and the console's view commands); 0, or -1 after saying what is
 * wrong on the message line. */
int ui_replay_command(struct ui_replay *v, const char *line);

/* The points the viewer's side sees: the team's, or every team's total
 * for the white cell. */
int ui_replay_points_of(const struct ui_replay *v, const char *team);

/*
 * A time typed by the user: "T+01:20:00", "01:20:00", "1:20" (hours
 * and minutes), "80m", "1h20m", "90s"; "+5m" and "-5m" are relative to
 * now.  False, *out untouched, on anything else.
 */
bool ui_replay_parse_time(const char *s, sim_time_t now, sim_time_t *out);

#endif
